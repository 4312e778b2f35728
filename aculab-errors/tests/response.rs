//! Error responses: the seed's example bodies and odd ones, parsed leniently and round-tripped,
//! and `ApiError`'s one-line Display.
#![cfg(all(feature = "serde", feature = "alloc"))]

use aculab_errors::{
    ApiError, Category, ErrorCode, ErrorResponse, ResponseCode, ResponseKind, Timestamp,
};
use serde_json::{json, Value};

const SEED_BODIES: [&str; 3] = [
    include_str!("bodies/http_status.json"),
    include_str!("bodies/error_code.json"),
    include_str!("bodies/validation_details.json"),
];

/// Parses `body`, serialises it back and checks the JSON is the same value.
fn round_trip(body: &str) -> ErrorResponse {
    let parsed: ErrorResponse = serde_json::from_str(body).unwrap();
    let again: Value = serde_json::to_value(&parsed).unwrap();
    assert_eq!(again, serde_json::from_str::<Value>(body).unwrap());
    parsed
}

fn parse(body: Value) -> ErrorResponse {
    serde_json::from_value(body).unwrap()
}

#[test]
fn the_documented_examples_parse_and_round_trip() {
    let [http, code, details] = SEED_BODIES.map(round_trip);

    let http_code = http.error().code().unwrap();
    assert_eq!(http_code.as_str(), "HTTP 400");
    assert_eq!(
        (http_code.error_code(), http_code.http_status()),
        (None, Some(400))
    );
    assert!(http.error().details().is_empty());
    assert_eq!(
        http.request().url(),
        Some("/voice_biometrics/v1/user/register")
    );

    assert_eq!(*code.error().code().unwrap(), ErrorCode::InvalidToken);
    assert_eq!(ErrorCode::InvalidToken, *code.error().code().unwrap());
    assert_eq!(
        code.error().timestamp(),
        "2022-12-12_11:32:41".parse::<Timestamp>()
    );
    assert_eq!(code.request().url(), Some("/file_delete_progress"));

    assert_eq!(details.error().details().len(), 6);
    assert!(details.error().details()[2].contains("['GET', 'POST']"));
    let t = details.request().timestamp().unwrap();
    assert_eq!(
        (t.year(), t.month(), t.day(), t.second()),
        (2021, 1, 15, 23)
    );
}

#[test]
fn unknown_codes_odd_text_and_odd_timestamps_survive() {
    let body = json!({
        "error": {
            "code": "9418",
            "text": "Ünïcödé — 日本語 \"quoted\" \\ back\nslash",
            "details": ["é", ""],
            "datetime": "not a date",
            "link": "",
        },
        "request": {"url": "/x?y=1&z=ü", "datetime": "2021-02-29_00:00:00"},
    });
    let parsed = parse(body.clone());
    let code = parsed.error().code().unwrap();
    assert_eq!((code.error_code(), code.number()), (None, Some(9418)));
    assert_eq!(code.to_string(), "9418");
    assert!(parsed.error().text().contains("日本語"));
    // Odd timestamps stay readable as strings; parsing them is a separate, fallible step.
    assert!(parsed.error().timestamp().is_err());
    assert!(
        parsed.request().timestamp().is_err(),
        "2021 is not a leap year"
    );
    assert_eq!(serde_json::to_value(&parsed).unwrap(), body);
}

#[test]
fn details_may_be_a_list_a_string_null_or_absent() {
    let cases = [
        (None, vec![]),
        (Some(Value::Null), vec![]),
        (Some(json!([])), vec![]),
        (Some(json!("one string")), vec!["one string"]),
        (Some(json!(["a", 1, null, true, {"k": "v"}, ["x"]])), {
            vec!["a", "1", "null", "true", r#"{"k":"v"}"#, r#"["x"]"#]
        }),
        (Some(json!(42)), vec!["42"]),
        (Some(json!({"field": "bad"})), vec![r#"{"field":"bad"}"#]),
    ];
    for (details, expected) in cases {
        let mut body = json!({
            "error": {"code": "HTTP 503", "text": "t", "datetime": "d", "link": "l"},
            "request": {"url": "u", "datetime": "d"}
        });
        if let Some(d) = details.clone() {
            body["error"]["details"] = d;
        }
        let parsed = parse(body);
        assert_eq!(parsed.error().details(), expected, "{details:?}");
        let out = serde_json::to_value(&parsed).unwrap();
        assert_eq!(out["error"].get("details").is_none(), expected.is_empty());
    }
}

#[test]
fn codes_may_be_strings_numbers_null_or_absent() {
    let cases = [
        (json!("0405"), Some("0405"), Some(ErrorCode::InvalidToken)),
        // A number as written (JSON numbers have no leading zeros), read as that code.
        (json!(405), Some("405"), Some(ErrorCode::InvalidToken)),
        (json!(18), Some("18"), ErrorCode::from_u16(18)),
        (json!(0), Some("0"), None),
        (json!(9999), Some("9999"), None),
        (json!(123456), Some("123456"), None),
        (json!(-1), Some("-1"), None),
        (json!(4.5), Some("4.5"), None),
        (json!(true), Some("true"), None),
        (json!(["0405"]), Some(r#"["0405"]"#), None),
        (Value::Null, None, None),
    ];
    for (code, wire, known) in cases {
        let parsed = parse(json!({"error": {"code": code.clone(), "text": "t"}}));
        let got = parsed.error().code();
        assert_eq!(got.map(ResponseCode::as_str), wire, "{code}");
        assert_eq!(got.and_then(ResponseCode::error_code), known, "{code}");
    }
    let absent = parse(json!({"error": {"text": "t"}}));
    assert_eq!(absent.error().code(), None);
}

#[test]
fn missing_fields_and_objects_of_the_wrong_type_are_tolerated() {
    let empty = parse(json!({}));
    assert_eq!(empty, ErrorResponse::default());
    assert_eq!(
        (
            empty.error().text(),
            empty.error().link(),
            empty.error().datetime()
        ),
        ("", None, None)
    );
    assert_eq!(empty.request().url(), None);

    let no_request = parse(json!({"error": {"code": "0405", "text": "t"}}));
    assert_eq!(no_request.request().url(), None);
    assert_eq!(no_request.error().text(), "t");

    let odd = parse(json!({
        "error": "Internal Server Error",
        "request": null,
    }));
    assert_eq!(odd.error().text(), "Internal Server Error");
    assert_eq!(odd.error().code(), None);

    let text_not_string =
        parse(json!({"error": {"code": "0405", "text": {"msg": "x"}, "link": 7}}));
    assert_eq!(text_not_string.error().text(), r#"{"msg":"x"}"#);
    assert_eq!(text_not_string.error().link(), Some("7"));

    let top_list = parse(json!(["not", "an", "object"]));
    assert_eq!(top_list.error().text(), r#"["not","an","object"]"#);
}

#[cfg(feature = "json")]
#[test]
fn unknown_fields_are_kept_and_written_back() {
    let body = json!({
        "error": {"code": "0405", "text": "t", "severity": "high", "nested": {"a": [1, 2.5]}},
        "request": {"url": "/x", "datetime": "d", "method": "POST"},
        "trace_id": 42
    });
    let parsed = parse(body.clone());
    assert_eq!(parsed.error().extra()["severity"], "high");
    assert_eq!(parsed.request().extra()["method"], "POST");
    assert_eq!(parsed.extra()["trace_id"], 42);
    assert_eq!(serde_json::to_value(&parsed).unwrap(), body);
}

#[test]
fn invalid_json_is_an_error_not_a_panic() {
    for body in [r#"{"error": {"code": "0405""#, "", "<html>", "{\"a\" 1}"] {
        let err = serde_json::from_str::<ErrorResponse>(body).unwrap_err();
        assert!(!err.to_string().is_empty(), "{body}");
    }
}

#[test]
fn codes_and_timestamps_serialise_as_their_strings() {
    assert_eq!(
        serde_json::to_string(&ErrorCode::InvalidToken).unwrap(),
        r#""0405""#
    );
    assert_eq!(
        serde_json::from_str::<ErrorCode>(r#""0405""#).unwrap(),
        ErrorCode::InvalidToken
    );
    let err = serde_json::from_str::<ErrorCode>(r#""9502""#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("9502 is not a catalogued"), "{err}");
    assert!(serde_json::from_str::<ErrorCode>("405").is_err());
    let t: Timestamp = serde_json::from_str(r#""2024-02-29_23:59:59""#).unwrap();
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        r#""2024-02-29_23:59:59""#
    );
    assert_eq!(
        serde_json::to_string(&ResponseCode::new(" odd ")).unwrap(),
        r#"" odd ""#
    );
}

/// A category is written by its id, as docs/errors.json names it, and read back from its id or
/// its title; anything else is an error that says what was expected.
#[test]
fn categories_serialise_as_their_ids() {
    for &c in Category::ALL {
        let written = serde_json::to_string(&c).unwrap();
        assert_eq!(written, serde_json::to_string(c.id()).unwrap());
        assert_eq!(serde_json::from_str::<Category>(&written).unwrap(), c);
        let title = serde_json::to_string(c.title()).unwrap();
        assert_eq!(serde_json::from_str::<Category>(&title).unwrap(), c);
    }
    let err = serde_json::from_str::<Category>(r#""no such category""#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("id or title"), "{err}");
    let err = serde_json::from_str::<Category>("7")
        .unwrap_err()
        .to_string();
    assert!(err.contains("the id of an Aculab error category"), "{err}");
}

#[test]
fn api_error_is_one_line_with_code_name_status_and_text() {
    let body: ErrorResponse = serde_json::from_str(SEED_BODIES[1]).unwrap();
    let err = ApiError::new(404, body);
    assert_eq!(
        err.to_string(),
        "0405 invalid_token (HTTP 404): Invalid token; token is either invalid, lapsed, or otherwise unidentified."
    );
    assert_eq!(err.kind(), ResponseKind::Catalogued);
    assert_eq!(
        err.description(),
        Some(ErrorCode::InvalidToken.description())
    );
    assert_eq!(err.remedy(), ErrorCode::InvalidToken.remedy());
    assert_eq!(
        err.link(),
        Some("https://www.aculab.com/cloud/web-services/web-service-errors?error=0405")
    );
    assert!(!err.is_retryable());
    let source: &dyn std::error::Error = &err;
    assert!(source.source().is_none());

    let err = ApiError::new(
        400,
        ErrorResponse::new("HTTP 400", "line one\r\nline two\n"),
    );
    assert_eq!(err.kind(), ResponseKind::HttpStatus);
    assert_eq!(err.to_string(), r"HTTP 400: line one\r\nline two");
    let err = ApiError::new(503, ErrorResponse::new("9418", "a\nb"));
    assert_eq!(err.kind(), ResponseKind::UnknownCode);
    assert_eq!(err.to_string(), r"9418 (HTTP 503): a\nb");
    assert!(
        err.is_retryable(),
        "an unknown code with a 503 status is worth retrying"
    );
    let err = ApiError::new(500, ErrorResponse::new("E\u{2028}42", "x"));
    assert_eq!(err.kind(), ResponseKind::OtherCode);
    assert_eq!(err.to_string(), r"E\u{2028}42 (HTTP 500): x");
}

#[test]
fn display_escapes_every_line_break_control_and_bidi_character() {
    let hostile: Vec<char> = ('\0'..='\u{1f}')
        .chain('\u{7f}'..='\u{9f}')
        .chain(['\u{2028}', '\u{2029}'])
        .chain('\u{202a}'..='\u{202e}')
        .chain('\u{2066}'..='\u{2069}')
        // Invisible ones, which hide text in a log line.
        .chain([
            '\u{ad}', '\u{34f}', '\u{115f}', '\u{180e}', '\u{200b}', '\u{3164}',
        ])
        .chain([
            '\u{feff}',
            '\u{ffa0}',
            '\u{1d173}',
            '\u{e0001}',
            '\u{e0100}',
            '\u{e0fff}',
        ])
        .chain('\u{2060}'..='\u{206f}')
        .chain('\u{fff9}'..='\u{fffb}')
        .chain('\u{e0020}'..='\u{e007f}')
        .collect();
    for c in hostile {
        let text = format!("before{c}after");
        let line = ApiError::new(400, ErrorResponse::new("HTTP 400", text.as_str())).to_string();
        assert!(!line.contains(c), "{c:?} survived in {line:?}");
        assert!(
            line.contains('\\'),
            "{c:?} left no visible escape in {line:?}"
        );
        assert!(line.ends_with("after"), "{line:?}");
        assert_eq!(line.lines().count(), 1, "{line:?}");
    }
    let line = ApiError::new(
        400,
        ErrorResponse::new("HTTP 400", "a\u{85}b\u{2029}c\u{202e}d\u{b}e\u{c}f"),
    )
    .to_string();
    assert_eq!(
        line,
        r"HTTP 400: a\u{0085}b\u{2029}c\u{202e}d\u{000b}e\u{000c}f"
    );
    // Ordinary text is left alone, joiners in a word or an emoji included.
    let plain = "Ünïcödé — 日本語 \"quoted\" / path می\u{200c}خواهم \u{1f469}\u{200d}\u{1f4bb} \u{2764}\u{fe0f}";
    let line = ApiError::new(400, ErrorResponse::new("HTTP 400", plain)).to_string();
    assert_eq!(line, format!("HTTP 400: {plain}"));
    // A backslash is doubled: the server's own `\n` (two characters) never reads as a line
    // break shown escaped.
    let line = |text: &str| ApiError::new(400, ErrorResponse::new("HTTP 400", text)).to_string();
    assert_eq!(line("a\nb"), r"HTTP 400: a\nb");
    assert_eq!(line("a\\nb"), r"HTTP 400: a\\nb");
    assert_ne!(line("a\nb"), line("a\\nb"));
}

/// Every format character (Unicode general category Cf, as of Unicode 16) but the two joiners is
/// escaped, as every control character (Cc) is: the Egyptian hieroglyph format controls
/// (U+13430..=U+1343F), the Arabic and Kaithi number signs and the rest were shown raw, and
/// they change how the text around them is drawn, or draw nothing.
#[test]
fn display_escapes_every_format_character_but_the_joiners() {
    let format: [(u32, u32); 21] = [
        (0xad, 0xad),
        (0x600, 0x605),
        (0x61c, 0x61c),
        (0x6dd, 0x6dd),
        (0x70f, 0x70f),
        (0x890, 0x891),
        (0x8e2, 0x8e2),
        (0x180e, 0x180e),
        (0x200b, 0x200f),
        (0x202a, 0x202e),
        (0x2060, 0x2064),
        (0x2066, 0x206f),
        (0xfeff, 0xfeff),
        (0xfff9, 0xfffb),
        (0x110bd, 0x110bd),
        (0x110cd, 0x110cd),
        (0x13430, 0x1343f),
        (0x1bca0, 0x1bca3),
        (0x1d173, 0x1d17a),
        (0xe0001, 0xe0001),
        (0xe0020, 0xe007f),
    ];
    let every: Vec<char> = format
        .into_iter()
        .flat_map(|(from, to)| from..=to)
        .chain(0..=0x9f)
        .filter_map(char::from_u32)
        .filter(|c| !c.is_ascii() || c.is_ascii_control())
        .collect();
    assert_eq!(every.len(), 170 + 65);
    for c in every {
        let text = format!("a{c}b");
        let line = ApiError::new(400, ErrorResponse::new("HTTP 400", text.as_str())).to_string();
        let escaped = match c {
            '\n' => "\\n".to_owned(),
            '\r' => "\\r".to_owned(),
            '\t' => "\\t".to_owned(),
            '\u{200c}' | '\u{200d}' => c.to_string(),
            _ => format!("\\u{{{:04x}}}", u32::from(c)),
        };
        assert_eq!(
            line,
            format!("HTTP 400: a{escaped}b"),
            "U+{:04X}",
            u32::from(c)
        );
        assert_eq!(ApiError::escape(&text).to_string(), format!("a{escaped}b"));
    }
    // The variation selectors that Mongolian and emoji need are no format characters, and stay.
    for c in ('\u{180b}'..='\u{180d}')
        .chain(['\u{180f}'])
        .chain('\u{fe00}'..='\u{fe0f}')
    {
        let text = format!("a{c}b");
        assert_eq!(ApiError::escape(&text).to_string(), text);
    }
}

#[test]
fn escape_writes_any_text_as_display_writes_the_servers() {
    // Whatever Display does to a text, `ApiError::escape` does to it alone.
    for text in [
        "a\nb\\c\u{3164}d\u{200b}e\u{202e}f\u{85}g\u{e0041}h\u{feff}",
        "👩\u{200d}💻 ❤\u{fe0f} می\u{200c}خواهم",
        "",
        "plain",
    ] {
        let line = ApiError::new(400, ErrorResponse::new("HTTP 400", text)).to_string();
        let escaped = ApiError::escape(text).to_string();
        let shown = line.strip_prefix("HTTP 400").unwrap();
        let expected = if text.is_empty() {
            String::new()
        } else {
            format!(": {escaped}")
        };
        assert_eq!(shown, expected, "{text:?}");
        assert_eq!(escaped.lines().count(), usize::from(!text.is_empty()));
    }
    assert_eq!(
        ApiError::escape("x\u{3164}\u{115f}\u{2028}\\").to_string(),
        r"x\u{3164}\u{115f}\u{2028}\\"
    );
}

#[cfg(feature = "json")]
mod lenient {
    use super::*;
    use proptest::prelude::*;

    /// Any JSON value, a few levels deep.
    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-1e9f64..1e9).prop_map(Value::from),
            "\\PC{0,8}".prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                proptest::collection::btree_map("[a-z]{0,4}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn text() -> impl Strategy<Value = String> {
        "\\PC{0,12}"
    }

    proptest! {
        #[test]
        fn any_json_in_any_field_reads(
            code in any_json(), text in any_json(), details in any_json(), link in any_json(),
            request in any_json(), top in any_json(), extra in any_json(),
        ) {
            let body = json!({
                "error": {"code": code, "text": text, "details": details, "link": link, "more": extra},
                "request": request,
                "extra": extra,
            });
            let parsed: ErrorResponse = serde_json::from_value(body).unwrap();
            prop_assert_eq!(&parsed.error().extra()["more"], &extra);
            prop_assert_eq!(&parsed.extra()["extra"], &extra);
            // Every detail is kept: a list keeps its length, anything else but null is one entry.
            let expected = match &details {
                Value::Array(items) => items.len(),
                Value::Null => 0,
                _ => 1,
            };
            prop_assert_eq!(parsed.error().details().len(), expected);
            // A top-level value of any kind reads too.
            prop_assert!(serde_json::from_value::<ErrorResponse>(top).is_ok());
        }

        #[test]
        fn well_typed_bodies_with_unknown_fields_round_trip_exactly(
            code in "[0-9]{4}|HTTP [1-5][0-9]{2}|\\PC{0,6}", text in text(),
            details in proptest::collection::vec(text(), 0..3), datetime in text(), link in text(),
            url in text(), extra in any_json(), key in "[a-z]{1,6}",
        ) {
            let key = format!("x_{key}");
            let mut body = json!({
                "error": {"code": code, "text": text, "datetime": datetime, "link": link},
                "request": {"url": url, "datetime": datetime},
            });
            if !details.is_empty() {
                body["error"]["details"] = json!(details);
            }
            body["error"][&key] = extra.clone();
            body["request"][&key] = extra.clone();
            body[&key] = extra;
            let parsed: ErrorResponse = serde_json::from_value(body.clone()).unwrap();
            prop_assert_eq!(serde_json::to_value(&parsed).unwrap(), body);
        }
    }
}

/// A kind's name reads back as the kind (`explain --json` prints it), and nothing else does.
#[test]
fn response_kinds_round_trip_through_their_names() {
    let names = [
        "catalogued",
        "unknown_code",
        "http_status",
        "other_code",
        "not_json",
        "empty",
    ];
    let mut seen = std::collections::HashSet::new();
    for name in names {
        let kind: ResponseKind = name.parse().unwrap();
        assert_eq!((kind.as_str(), kind.to_string()), (name, name.to_string()));
        assert!(seen.insert(kind), "{name}");
        // With serde, as its name too, as `explain --json` writes it.
        assert_eq!(serde_json::to_value(kind).unwrap(), Value::from(name));
        assert_eq!(
            serde_json::from_value::<ResponseKind>(name.into()).unwrap(),
            kind
        );
    }
    for other in ["", "Catalogued", "not json", " empty", "empty ", "other"] {
        let err = other.parse::<ResponseKind>().unwrap_err();
        assert!(err.to_string().ends_with(&names.join(", ")), "{err}");
        let err = serde_json::from_value::<ResponseKind>(other.into()).unwrap_err();
        assert!(
            err.to_string().contains("not the name of a response kind"),
            "{err}"
        );
    }
}

/// `{:.N}` bounds the line: at most N characters of the server's code and of its text, each
/// cut marked; without a precision the whole text is written (a page read by `from_response`,
/// feature `json`).
#[cfg(feature = "json")]
#[test]
fn a_precision_bounds_the_servers_text_in_the_line() {
    let page = format!("<html>{}</html>", "é\n".repeat(500_000));
    let err = ApiError::from_response(502, Some("text/html"), page.as_bytes());
    let whole = err.to_string();
    assert!(
        whole.len() > page.len(),
        "escaped, every line break doubled"
    );
    let line = format!("{err:.200}");
    let (head, cut) = line.split_once('\u{2026}').unwrap();
    assert!(whole.starts_with(head), "{head}");
    let shown = head
        .strip_prefix("HTTP 502, not JSON (text/html): ")
        .unwrap();
    assert_eq!(shown.replace("\\n", "\n").chars().count(), 200);
    let left: usize = page.chars().take(200).map(char::len_utf8).sum();
    assert_eq!(cut, format!(" ({} more bytes)", page.len() - left));
    // A long code is cut too; a short one, and a text within the precision, are whole.
    let code = "9".repeat(1_000);
    let err = ApiError::new(500, ErrorResponse::new(code.as_str(), "short"));
    assert_eq!(
        format!("{err:.5}"),
        "99999\u{2026} (995 more bytes) (HTTP 500): short"
    );
    let err = ApiError::new(404, ErrorResponse::new("0405", "Invalid token"));
    assert_eq!(format!("{err:.13}"), err.to_string());
}
