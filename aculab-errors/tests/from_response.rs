//! `ApiError::from_response` over every kind of body a client meets: it never fails, gets the
//! kind right and loses nothing.
#![cfg(feature = "json")]

use aculab_errors::{
    ApiError, ErrorCode, ErrorInfo, ErrorResponse, Idempotency, ResponseKind, RetryDecision,
    RetryPolicy,
};
use proptest::prelude::*;

fn read(status: u16, body: &[u8]) -> ApiError {
    ApiError::from_response(status, Some("application/json"), body)
}

/// Status, body, and the kind, code and text expected.
type Case = (
    u16,
    &'static [u8],
    ResponseKind,
    Option<&'static str>,
    &'static str,
);

#[test]
fn each_kind_of_body_is_told_apart() {
    let cases: [Case; 16] = [
        (
            404,
            include_bytes!("bodies/error_code.json"),
            ResponseKind::Catalogued,
            Some("0405"),
            "Invalid token; token is either invalid, lapsed, or otherwise unidentified.",
        ),
        (
            400,
            include_bytes!("bodies/http_status.json"),
            ResponseKind::HttpStatus,
            Some("HTTP 400"),
            "Bad Request: user_id 'Bob' is already present",
        ),
        (
            503,
            br#"{"error": {"code": "9418", "text": "new"}}"#,
            ResponseKind::UnknownCode,
            Some("9418"),
            "new",
        ),
        (
            500,
            br#"{"error": {"code": "E42", "text": "odd"}}"#,
            ResponseKind::OtherCode,
            Some("E42"),
            "odd",
        ),
        (
            404,
            br#"{"error": {"code": 405, "text": "numeric"}}"#,
            ResponseKind::Catalogued,
            Some("405"),
            "numeric",
        ),
        (
            500,
            br#"{"message": "no error object"}"#,
            ResponseKind::OtherCode,
            None,
            r#"{"message": "no error object"}"#,
        ),
        (
            500,
            br#"{"error": {"code": "0405"}}"#,
            ResponseKind::Catalogued,
            Some("0405"),
            "",
        ),
        (
            500,
            br#""just a string""#,
            ResponseKind::OtherCode,
            None,
            "just a string",
        ),
        (
            502,
            b"<html><body><h1>502 Bad Gateway</h1></body></html>",
            ResponseKind::NotJson,
            None,
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
        ),
        (
            400,
            b"<?xml version=\"1.0\"?><error><code>0405</code></error>",
            ResponseKind::NotJson,
            None,
            "<?xml version=\"1.0\"?><error><code>0405</code></error>",
        ),
        (
            400,
            br#"{"error": {"code": "0405", "text": "trunc"#,
            ResponseKind::NotJson,
            None,
            r#"{"error": {"code": "0405", "text": "trunc"#,
        ),
        (
            400,
            b"\xff\xfe{bad utf-8",
            ResponseKind::NotJson,
            None,
            "\u{fffd}\u{fffd}{bad utf-8",
        ),
        (
            400,
            b"\xff\xfe<\xc3(html>",
            ResponseKind::NotJson,
            None,
            "\u{fffd}\u{fffd}<\u{fffd}(html>",
        ),
        (503, b"", ResponseKind::Empty, None, ""),
        (503, b" \r\n\t", ResponseKind::Empty, None, " \r\n\t"),
        (
            404,
            b"\xEF\xBB\xBF{\"error\": {\"code\": \"0405\", \"text\": \"bom\"}}",
            ResponseKind::Catalogued,
            Some("0405"),
            "bom",
        ),
    ];
    for (status, body, kind, code, text) in cases {
        let err = read(status, body);
        let shown = String::from_utf8_lossy(body);
        assert_eq!(err.kind(), kind, "{shown}");
        assert_eq!(err.code().map(|c| c.as_str()), code, "{shown}");
        assert_eq!(err.text(), text, "{shown}");
        assert_eq!(err.status(), status);
        assert_eq!(err.content_type(), Some("application/json"));
        let line = err.to_string();
        assert_eq!(
            line.lines().count(),
            usize::from(!line.is_empty()),
            "{line:?}"
        );
    }
}

#[test]
fn advice_comes_from_the_code_then_from_the_status() {
    let busy = read(503, br#"{"error": {"code": "0018", "text": "x"}}"#);
    assert_eq!(busy.error_code(), ErrorCode::from_u16(18));
    assert!(busy.is_retryable() && busy.idempotent_only());
    assert_eq!(
        busy.retry_after(),
        Some(std::time::Duration::from_secs(180))
    );

    let token = read(503, br#"{"error": {"code": "0405", "text": "x"}}"#);
    assert!(
        !token.is_retryable(),
        "the code's advice wins over the status"
    );

    for (status, retryable, idempotent_only) in [
        (429, true, false),
        (503, true, false),
        (502, true, true),
        (504, true, true),
        (500, false, false),
        (400, false, false),
    ] {
        for body in [&b"<html/>"[..], b"", br#"{"error": {"code": "HTTP 500"}}"#] {
            let err = read(status, body);
            assert_eq!(
                (err.is_retryable(), err.idempotent_only()),
                (retryable, idempotent_only),
                "{status} {body:?}"
            );
        }
    }
    // An `HTTP nnn` code that is retryable counts even when the transport status is not.
    assert!(read(500, br#"{"error": {"code": "HTTP 503"}}"#).is_retryable());
}

#[test]
fn retry_after_header_feeds_the_advice() {
    let err = read(429, b"").with_retry_after_header(Some("Wed, 21 Oct 2015 07:28:00 GMT"));
    assert_eq!(
        err.retry_after_header(),
        Some("Wed, 21 Oct 2015 07:28:00 GMT")
    );
    let now = 1_445_412_480 - 30; // 30 s before that date
    assert_eq!(
        err.retry_advice(now).server_wait,
        Some(std::time::Duration::from_secs(30))
    );
    let garbage = read(429, b"").with_retry_after_header(Some("soon"));
    assert_eq!(garbage.retry_advice(now).server_wait, None);
    assert!(garbage.retry_advice(now).retryable);
}

#[test]
fn html_display_is_one_line_and_names_the_content_type() {
    let err = ApiError::from_response(502, Some("text/html"), b"<h1>Bad\r\nGateway</h1>\n");
    assert_eq!(
        err.to_string(),
        r"HTTP 502, not JSON (text/html): <h1>Bad\r\nGateway</h1>"
    );
    assert_eq!(
        ApiError::from_response(503, None, b"").to_string(),
        "HTTP 503, empty body"
    );
}

#[test]
fn a_blank_code_is_named_as_such_in_display() {
    for code in [r#""""#, r#"" \t""#] {
        let body = format!(r#"{{"error": {{"code": {code}, "text": "Bad request"}}}}"#);
        let err = ApiError::from_response(400, Some("application/json"), body.as_bytes());
        assert_eq!(err.to_string(), "HTTP 400, empty error code: Bad request");
    }
}

/// The body of an `error_code.json`-like error in another encoding.
fn encoded(text: &str, encoding: &str) -> Vec<u8> {
    match encoding {
        "utf-16le" => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        "utf-16be" => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        "utf-32le" => text
            .chars()
            .flat_map(|c| u32::from(c).to_le_bytes())
            .collect(),
        "utf-32be" => text
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect(),
        "latin-1" => text.chars().map(|c| u8::try_from(c).unwrap()).collect(),
        _ => text.as_bytes().to_vec(),
    }
}

#[test]
fn a_body_in_another_encoding_is_decoded_by_its_byte_order_mark_its_charset_or_its_zeros() {
    let json = "{\"error\": {\"code\": \"0405\", \"text\": \"Jeton invalide \u{e9}\u{20ac}\"}}";
    let html = "<html><h1>Service indisponible \u{e9}</h1></html>";
    for encoding in ["utf-16le", "utf-16be", "utf-32le", "utf-32be"] {
        for bom in [false, true] {
            let with_bom = |text: &str| {
                let text = if bom {
                    format!("\u{feff}{text}")
                } else {
                    text.into()
                };
                encoded(&text, encoding)
            };
            let err = ApiError::from_response(404, None, &with_bom(json));
            assert_eq!(err.kind(), ResponseKind::Catalogued, "{encoding} {bom}");
            assert_eq!(
                err.error_code(),
                Some(ErrorCode::InvalidToken),
                "{encoding}"
            );
            assert_eq!(
                err.text(),
                "Jeton invalide \u{e9}\u{20ac}",
                "{encoding} {bom}"
            );

            let page = ApiError::from_response(503, Some("text/html"), &with_bom(html));
            assert_eq!(
                (page.kind(), page.text()),
                (ResponseKind::NotJson, html),
                "{encoding} {bom}"
            );
        }
    }
    // Named by the charset parameter, in any of its spellings.
    let latin = ApiError::from_response(
        404,
        Some("application/json; charset=\"ISO-8859-1\""),
        &encoded(
            "{\"error\": {\"code\": \"0405\", \"text\": \"caf\u{e9}\"}}",
            "latin-1",
        ),
    );
    assert_eq!(
        (latin.kind(), latin.text()),
        (ResponseKind::Catalogued, "caf\u{e9}")
    );
    let windows = ApiError::from_response(
        503,
        Some("text/html;charset=windows-1252"),
        b"<p>\x80 \x93quoted\x94 \x81</p>",
    );
    assert_eq!(
        windows.text(),
        "<p>\u{20ac} \u{201c}quoted\u{201d} \u{81}</p>"
    );
    let utf16 = ApiError::from_response(
        404,
        Some("application/json; charset=UTF-16LE"),
        &encoded(json, "utf-16le"),
    );
    assert_eq!(utf16.error_code(), Some(ErrorCode::InvalidToken));
    // A second mark (a text with its own written after the encoder's) is dropped too.
    let twice = [
        &[0xFF, 0xFE][..],
        &encoded(&format!("\u{feff}{json}"), "utf-16le"),
    ]
    .concat();
    assert_eq!(
        ApiError::from_response(404, None, &twice).error_code(),
        Some(ErrorCode::InvalidToken)
    );
    // An empty body in UTF-16 is still empty.
    let blank = ApiError::from_response(503, None, &encoded("\u{feff} \r\n", "utf-16le"));
    assert_eq!(blank.kind(), ResponseKind::Empty);
}

#[test]
fn json_with_bytes_that_are_not_utf_8_still_gives_its_code() {
    // A server that writes Latin-1 into JSON without saying so: the code and the rest of the
    // text survive, the bad byte is replaced.
    let err = ApiError::from_response(
        404,
        Some("application/json"),
        b"{\"error\": {\"code\": \"0405\", \"text\": \"caf\xe9\"}}",
    );
    assert_eq!(err.kind(), ResponseKind::Catalogued);
    assert_eq!(err.text(), "caf\u{fffd}");
    // A byte-order mark is an encoding's signature, not text: gone from the body's text too.
    let page = ApiError::from_response(502, None, b"\xEF\xBB\xBF<h1>Bad Gateway</h1>");
    assert_eq!(
        (page.kind(), page.text()),
        (ResponseKind::NotJson, "<h1>Bad Gateway</h1>")
    );
    let padded = ApiError::from_response(
        404,
        None,
        b" \xEF\xBB\xBF\xEF\xBB\xBF{\"error\": {\"code\": \"0405\"}}",
    );
    assert_eq!(padded.kind(), ResponseKind::Catalogued);
}

#[test]
fn a_bare_code_is_read_after_any_amount_of_white_space() {
    for pad in [0, 70, 10_000] {
        let spaces = " ".repeat(pad);
        let body = format!("{{\"error\": {{\"code\": 0405{spaces}, \"text\": \"x\"}}}}");
        assert_eq!(
            read(404, body.as_bytes()).kind(),
            ResponseKind::Catalogued,
            "{pad}"
        );
        let body = format!("{{\"error\": {{\"code\":{spaces}HTTP 400\t{spaces}}}}}");
        let err = read(400, body.as_bytes());
        assert_eq!(err.code().map(|c| c.as_str()), Some("HTTP 400"), "{pad}");
    }
}

/// A bare code ends at a quote: one running on over the next `"code":` key overlapped that
/// key's value, and mending the two sliced the body backwards (a panic).
#[test]
fn bare_codes_next_to_each_other_are_read_without_a_panic() {
    for body in [
        &br#"{"code": HTTP 400 "code": HTTP 400}"#[..],
        br#"{"error": {"code": HTTP 400 Bad "code": 0405}}"#,
        br#"{"error": {"code": HTTP 400 Bad Request "code": "0405", "text": "x"}}"#,
        br#"{"error": {"code": 0405 "code": HTTP 503 "code": 0018}}"#,
        br#"{"error": {"code": HTTP 400 Bad Request]}"#,
    ] {
        let err = read(400, body);
        // Not JSON even once mended (a comma is missing): the body is kept whole.
        assert_eq!(err.kind(), ResponseKind::NotJson, "{body:?}");
        assert_eq!(err.text().as_bytes(), body);
    }
    // Mended, each bare code is a string of its own, and the last key wins as in any JSON.
    let err = read(
        400,
        br#"{"error": {"code": HTTP 400 Bad Request, "code": 0405, "text": "x"}}"#,
    );
    assert_eq!(err.error_code(), Some(ErrorCode::InvalidToken));
}

#[test]
fn a_utf16_label_on_a_body_without_a_zero_byte_is_not_believed() {
    // Not valid UTF-8 (a stray Latin-1 byte), but no UTF-16 text either: JSON in UTF-16 has a
    // zero byte in every ASCII character.
    let body = b"{\"error\": {\"code\": \"0405\", \"text\": \"caf\xe9\"}}";
    let err = ApiError::from_response(404, Some("application/json; charset=utf-16"), body);
    assert_eq!(err.kind(), ResponseKind::Catalogued);
    // Nor a C string's NUL at the end of UTF-8 text.
    for charset in ["utf-16", "utf-16le", "utf-32"] {
        let body = b"{\"error\": {\"code\": \"0405\", \"text\": \"Invalid token \xc3\xa9\"}}\0";
        let content_type = format!("application/json; charset={charset}");
        let err = ApiError::from_response(404, Some(&content_type), body);
        assert!(
            err.text().starts_with("{\"error\"") && err.text().contains("token \u{e9}"),
            "{charset}: {}",
            err.text()
        );
    }
}

#[test]
fn the_unquoted_http_code_of_aculabs_own_documentation_is_read() {
    // Aculab's page on error responses shows `"code": HTTP 400,` without quotes; a server
    // written from it sends exactly that.
    let body = br#"{
"error": {
"code": HTTP 400,
"text": "Bad Request: user_id 'Bob' is already present",
"datetime": "2021-01-15_08:56:24",
"link": "https://www.aculab.com/cloud/web-services/voice-biometrics/users?target=service_action_tabs&tab-id=register"
},
"request": {
"url": "/voice_biometrics/v1/user/register",
"datetime": "2021-01-15_08:56:23"
}
}"#;
    let err = read(400, body);
    assert_eq!(err.kind(), ResponseKind::HttpStatus);
    assert_eq!(err.code().map(|c| c.as_str()), Some("HTTP 400"));
    assert_eq!(err.text(), "Bad Request: user_id 'Bob' is already present");
    assert_eq!(
        err.response().request().url(),
        Some("/voice_biometrics/v1/user/register")
    );
    for (body, code) in [
        (&br#"{"error": {"code": HTTP 503}}"#[..], "HTTP 503"),
        (br#"{"error":{"text":"busy","code":HTTP 429 }}"#, "HTTP 429"),
        (br#"{"error": {"code": 0405, "text": "x"}}"#, "0405"),
    ] {
        let err = read(503, body);
        assert_eq!(err.code().map(|c| c.as_str()), Some(code), "{body:?}");
        assert_ne!(err.kind(), ResponseKind::NotJson, "{body:?}");
    }
    // Only that field is mended: other broken JSON is still not JSON.
    for body in [
        &br#"{"error": {"code": HTTP 400, "text": oops}}"#[..],
        br#"{"error": {"text": HTTP 400}}"#,
        br#"{"error": {"code": "0405", "text": "x"}"#,
    ] {
        assert_eq!(read(400, body).kind(), ResponseKind::NotJson, "{body:?}");
    }
}

#[test]
fn the_unquoted_http_code_is_read_as_if_quoted_whatever_status_the_template_was_given() {
    // The template of Aculab's page, `"code": HTTP <status>`, given a status outside 100..=599
    // or none: read as the same code quoted (an other code, with its text), not as a body that
    // is not JSON.
    for code in [
        "HTTP 4000",
        "HTTP 600",
        "HTTP 099",
        "HTTP 0",
        "HTTP",
        "http 40",
        "HTTP\u{a0}400",
    ] {
        let bare = format!(r#"{{"error": {{"code": {code}, "text": "t"}}}}"#);
        let quoted = format!(r#"{{"error": {{"code": "{code}", "text": "t"}}}}"#);
        let err = read(400, bare.as_bytes());
        assert_eq!(err, read(400, quoted.as_bytes()), "{bare}");
        assert_eq!(
            (err.kind(), err.text()),
            (ResponseKind::OtherCode, "t"),
            "{bare}"
        );
        assert_eq!(err.code().map(|c| c.as_str()), Some(code), "{bare}");
    }
    // A bare word that merely starts with the letters is not the template.
    let body = br#"{"error": {"code": HTTPS_ONLY, "text": "t"}}"#;
    assert_eq!(read(400, body).kind(), ResponseKind::NotJson);
}

#[test]
fn the_error_object_sent_without_its_wrapper_is_read_as_the_error() {
    let body = br#"{"code": "0405", "text": "Invalid token", "details": "lapsed",
        "link": "https://example.com/0405", "request": {"url": "/x"}, "trace": 7}"#;
    let err = read(404, body);
    assert_eq!(err.kind(), ResponseKind::Catalogued);
    assert_eq!(err.error_code(), Some(ErrorCode::InvalidToken));
    assert_eq!(
        (err.text(), err.details()),
        ("Invalid token", &["lapsed".to_string()][..])
    );
    assert_eq!(err.link(), Some("https://example.com/0405"));
    assert_eq!(err.response().request().url(), Some("/x"));
    // Nothing is lost: the unknown field is the error's.
    assert_eq!(err.response().error().extra()["trace"], 7);
    assert!(err.response().extra().is_empty());
    // The odd forms read as they do inside the wrapper (but for a code number not written as
    // four digits: see the next test).
    for (body, kind, code, text) in [
        (
            &br#"{"code": "1001", "text": "t"}"#[..],
            ResponseKind::Catalogued,
            Some("1001"),
            "t",
        ),
        (
            br#"{"code": HTTP 503, "text": "t"}"#,
            ResponseKind::HttpStatus,
            Some("HTTP 503"),
            "t",
        ),
        (
            br#"{"code": "9999", "text": ""}"#,
            ResponseKind::UnknownCode,
            Some("9999"),
            "",
        ),
        (
            br#"{"text": "busy", "error": null}"#,
            ResponseKind::OtherCode,
            None,
            "busy",
        ),
        (
            br#"{"code": 1e400, "text": "t"}"#,
            ResponseKind::OtherCode,
            Some("1e400"),
            "t",
        ),
    ] {
        let err = read(503, body);
        let wrapped = format!(r#"{{"error": {}}}"#, String::from_utf8_lossy(body));
        let got = (err.kind(), err.code().map(|c| c.as_str()), err.text());
        assert_eq!(got, (kind, code, text), "{body:?}");
        if !wrapped.contains("null") {
            assert_eq!(err, read(503, wrapped.as_bytes()), "{body:?}");
        }
    }
    // Without a text, the body is the text: what else it holds may say what happened.
    let err = read(404, br#"{"code": 404, "message": "Not Found"}"#);
    assert_eq!((err.kind(), err.status()), (ResponseKind::HttpStatus, 404));
    assert_eq!(err.code().map(|c| c.as_str()), Some("404"));
    assert_eq!(err.text(), r#"{"code": 404, "message": "Not Found"}"#);
    assert_eq!(err.response().error().extra()["message"], "Not Found");
    // A body with neither a code nor a text is left as it is.
    let body = br#"{"message": "no error object"}"#;
    assert_eq!(read(400, body).text(), r#"{"message": "no error object"}"#);
}

/// A code beside the error's text rather than in it (`{"error": "Invalid token", "code":
/// "0405"}`, a shape many frameworks send) is the error's code; as in a body without the
/// wrapper, a number there that is a status is read as one. A code already in the error object
/// wins, and one that is neither a string nor a number stays where it was.
#[test]
fn a_code_beside_the_errors_text_is_its_code() {
    for (status, body, kind, code, text) in [
        (
            400,
            &br#"{"error": "Invalid token", "code": "0405"}"#[..],
            ResponseKind::Catalogued,
            Some("0405"),
            "Invalid token",
        ),
        (
            400,
            br#"{"error": {"text": "inner"}, "code": "0405"}"#,
            ResponseKind::Catalogued,
            Some("0405"),
            "inner",
        ),
        (
            502,
            br#"{"error": "Service unavailable", "code": 503}"#,
            ResponseKind::HttpStatus,
            Some("503"),
            "Service unavailable",
        ),
        (
            400,
            br#"{"error": {"code": "0405", "text": "t"}, "code": "1003"}"#,
            ResponseKind::Catalogued,
            Some("0405"),
            "t",
        ),
        // Not a code: it stays beside the text, and the body, which says more, is the text.
        (
            400,
            br#"{"error": "x", "code": true}"#,
            ResponseKind::OtherCode,
            None,
            r#"{"error": "x", "code": true}"#,
        ),
    ] {
        let err = read(status, body);
        let got = (err.kind(), err.code().map(|c| c.as_str()), err.text());
        assert_eq!(got, (kind, code, text), "{body:?}");
    }
    // Aculab's own fields of the error, beside it as its code was, are the error's too.
    let body = br#"{"error": "Invalid token", "code": "0405", "details": ["a", "b"],
        "datetime": "2022-12-12_11:32:41", "link": "https://www.aculab.com/x", "request": {"url": "/x"}}"#;
    let err = read(400, body);
    assert_eq!(
        (err.kind(), err.text(), err.details()),
        (
            ResponseKind::Catalogued,
            "Invalid token",
            &["a".to_string(), "b".to_string()][..]
        )
    );
    let error = err.response().error();
    assert_eq!(
        (error.datetime(), error.link()),
        (
            Some("2022-12-12_11:32:41"),
            Some("https://www.aculab.com/x")
        )
    );
    assert!(err.response().extra().is_empty());
    let err = read(
        400,
        br#"{"error": {"text": "t", "link": "in"}, "code": "0405", "details": "one"}"#,
    );
    assert_eq!((err.text(), err.details()), ("t", &["one".to_string()][..]));
    assert_eq!(err.response().error().link(), Some("in"));
    assert!(err.response().extra().is_empty());
    // A `null` or `[]` beside it stays there, not lost, and says nothing that would make the
    // body the text.
    let err = read(
        400,
        br#"{"error": "t", "code": "0405", "link": null, "details": []}"#,
    );
    assert_eq!(err.text(), "t");
    assert_eq!(err.response().extra()["link"], serde_json::Value::Null);
    assert_eq!(err.response().extra()["details"], serde_json::json!([]));
    // One the error has already stays beside it.
    let err = read(
        400,
        br#"{"error": {"text": "t", "link": "in"}, "code": "0405", "link": "beside"}"#,
    );
    assert_eq!(err.response().error().link(), Some("in"));
    assert_eq!(err.response().extra()["link"], "beside");
    // Nothing is lost: a code not taken stays among the body's other fields.
    let err = read(
        400,
        br#"{"error": {"code": "0405", "text": "t"}, "code": "1003"}"#,
    );
    assert_eq!(err.response().extra()["code"], "1003");
    let err = read(400, br#"{"error": "x", "code": true}"#);
    assert_eq!(err.response().extra()["code"], true);
    let err = read(400, br#"{"error": "x", "code": "0405"}"#);
    assert!(err.response().extra().is_empty());
}

/// A text whose error object holds no code of its own (none, or one taken from beside it),
/// beside fields this crate does not know, is shown with them: the body is the text (OAuth's
/// `error_description` and Spring's or Fastify's `message` say more than the `error` string
/// beside them); with only known fields beside it, the text is the text.
#[test]
fn a_text_without_its_own_code_beside_unknown_fields_keeps_the_body_as_its_text() {
    for (body, kind, code) in [
        (
            &br#"{"error": "invalid_grant", "error_description": "Bad credentials"}"#[..],
            ResponseKind::OtherCode,
            None,
        ),
        (
            br#"{"timestamp": "2026-12-03T09:00:00Z", "status": 500, "error": "Internal Server Error", "message": "boom", "path": "/x"}"#,
            ResponseKind::OtherCode,
            None,
        ),
        (
            br#"{"error": {"text": "busy"}, "hint": "try the other region"}"#,
            ResponseKind::OtherCode,
            None,
        ),
        // The code beside the text is taken, and what else stands beside it still shows.
        (
            br#"{"statusCode": 400, "code": "FST_ERR_VALIDATION", "error": "Bad Request", "message": "body must have required property 'name'"}"#,
            ResponseKind::OtherCode,
            Some("FST_ERR_VALIDATION"),
        ),
        (
            br#"{"error": "Unauthorized", "code": 401, "message": "Token expired"}"#,
            ResponseKind::HttpStatus,
            Some("401"),
        ),
    ] {
        let err = read(500, body);
        let text = core::str::from_utf8(body).unwrap();
        let got = (err.kind(), err.code().map(|c| c.as_str()), err.text());
        assert_eq!(got, (kind, code, text));
    }
    let body = br#"{"error": {"text": "busy", "datetime": "2022-12-12_11:32:41"},
        "request": {"url": "/x", "datetime": "2022-12-12_11:32:41"}}"#;
    assert_eq!(read(500, body).text(), "busy");
    assert_eq!(read(500, br#"{"error": "busy"}"#).text(), "busy");
}

/// Inside its wrapper too, an error object without a text whose other fields this crate does
/// not know may say what happened, as a gateway's or a framework's do (Google's and Azure's
/// `{"error": {"code": ..., "message": ...}}`, JSON-RPC's): the body is the text, so that the
/// message is in sight, in `Display` and in `explain`, not only in `extra()`.
#[test]
fn a_wrapped_error_without_a_text_keeps_the_body_as_its_text_when_it_holds_more() {
    for (status, body, kind, code) in [
        (
            429,
            &br#"{"error": {"code": 429, "message": "Resource has been exhausted", "status": "RESOURCE_EXHAUSTED"}}"#[..],
            ResponseKind::HttpStatus,
            "429",
        ),
        (
            429,
            br#"{"error": {"code": "TooManyRequests", "message": "Rate limit is exceeded."}}"#,
            ResponseKind::OtherCode,
            "TooManyRequests",
        ),
        (
            400,
            br#"{"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null}"#,
            ResponseKind::OtherCode,
            "-32600",
        ),
        (
            404,
            br#"{"error": {"code": "0405", "reason": "token lapsed"}}"#,
            ResponseKind::Catalogued,
            "0405",
        ),
        // The message beside the error object, not in it.
        (
            500,
            br#"{"error": {"code": 500}, "message": "boom"}"#,
            ResponseKind::HttpStatus,
            "500",
        ),
    ] {
        let err = read(status, body);
        let text = core::str::from_utf8(body).unwrap();
        assert_eq!(
            (err.kind(), err.code().map(|c| c.as_str()), err.text()),
            (kind, Some(code), text)
        );
        assert!(err.to_string().ends_with(text), "{err}");
        let response = err.response();
        let extra = !response.error().extra().is_empty() || !response.extra().is_empty();
        assert!(extra, "{text}");
    }
    // Aculab's own shape with its text missing holds nothing more to show: the text stays empty.
    let body = br#"{"error": {"code": "0405", "datetime": "2022-12-12_11:32:41",
        "link": "https://www.aculab.com/cloud/web-services/web-service-errors?error=0405"},
        "request": {"url": "/file_delete_progress"}}"#;
    let err = read(404, body);
    assert_eq!((err.kind(), err.text()), (ResponseKind::Catalogued, ""));
    assert_eq!(err.to_string(), "0405 invalid_token (HTTP 404)");
}

/// Aculab writes its codes as strings of four digits, inside the wrapper. A body that is
/// neither, an object with a code number such as `503`, comes from a gateway or a framework,
/// whose number is an HTTP status: read as the catalogued code of that number (`0503`, a report
/// that must be JSON, not retryable) it turned a gateway's retryable 503 into "give up".
#[test]
fn a_code_number_in_a_body_without_its_wrapper_is_an_http_status() {
    for (status, body, code, retryable) in [
        (
            502,
            &br#"{"code": 503, "message": "Service Unavailable"}"#[..],
            "503",
            true,
        ),
        (
            502,
            br#"{"code": 504, "message": "Gateway Timeout"}"#,
            "504",
            true,
        ),
        (
            504,
            br#"{"code": "503", "text": "upstream busy"}"#,
            "503",
            true,
        ),
        (
            403,
            br#"{"code": 401, "message": "Unauthorized"}"#,
            "401",
            false,
        ),
        (503, br#"{"code": 405, "text": "t"}"#, "405", true),
    ] {
        let err = read(status, body);
        let shown = String::from_utf8_lossy(body);
        assert_eq!(err.kind(), ResponseKind::HttpStatus, "{shown}");
        assert_eq!(err.error_code(), None, "{shown}");
        // Kept as written, read for the status it is.
        let read_code = err.code().map(|c| (c.as_str(), c.http_status()));
        assert_eq!(read_code, Some((code, code.parse().ok())), "{shown}");
        assert_eq!(err.is_retryable(), retryable, "{shown}");
    }
    let policy = RetryPolicy::new();
    let advice = read(502, br#"{"code": 503, "message": "Service Unavailable"}"#).retry_advice(0);
    assert!(matches!(
        policy.decide(1, &advice, Idempotency::NotIdempotent, 0),
        RetryDecision::RetryAfter(_)
    ));
    // Aculab's own forms keep their reading without the wrapper: four digits, even as a
    // number, and a number inside the wrapper.
    assert_eq!(
        read(502, br#"{"code": "0503", "text": "t"}"#).error_code(),
        Some(ErrorCode::FullReportRequiresJson)
    );
    assert_eq!(
        read(500, br#"{"code": 1001, "text": "t"}"#).error_code(),
        Some(ErrorCode::InternalError)
    );
    let wrapped = read(400, br#"{"error": {"code": 405, "text": "t"}}"#);
    assert_eq!(wrapped.error_code(), Some(ErrorCode::InvalidToken));
    // A number outside 100..=599 is no status: read as before.
    assert_eq!(
        read(400, br#"{"code": 18, "text": "t"}"#).error_code(),
        ErrorCode::from_u16(18)
    );
}

#[test]
fn a_binary_body_is_not_taken_for_utf_16_by_one_zero_byte() {
    // RFC 4627 tells UTF-16 from the zeros in the first four bytes, not the first two: a body
    // that starts with a NUL and then other binary bytes is read as the bytes it is.
    for body in [
        &b"\x00\x01\x02binary\xff\xfe"[..],
        b"A\x00\x01\x02 binary",
        b"\x00\x7f\x7f\x7f",
    ] {
        let err = ApiError::from_response(500, None, body);
        assert_eq!(err.kind(), ResponseKind::NotJson, "{body:?}");
        assert_eq!(err.text(), String::from_utf8_lossy(body), "{body:?}");
    }
    // Real UTF-16 without a mark still is.
    let json = "{\"error\": {\"code\": \"0405\"}}";
    for encoding in ["utf-16le", "utf-16be"] {
        let err = ApiError::from_response(404, None, &encoded(json, encoding));
        assert_eq!(
            err.error_code(),
            Some(ErrorCode::InvalidToken),
            "{encoding}"
        );
    }
}

#[test]
fn a_charset_that_the_body_plainly_is_not_is_not_believed() {
    // UTF-8 without a NUL byte cannot be UTF-16 or UTF-32 text (whose ASCII has zeros): the
    // label is a lie, as content types often are, and the body reads as the UTF-8 it is.
    let json = "{\"error\": {\"code\": \"0405\", \"text\": \"caf\u{e9}\"}}";
    for charset in ["utf-16", "UTF-16LE", "utf-16be", "utf-32", "ucs-2"] {
        let content_type = format!("application/json; charset={charset}");
        let err = ApiError::from_response(404, Some(&content_type), json.as_bytes());
        assert_eq!(
            (err.kind(), err.text()),
            (ResponseKind::Catalogued, "caf\u{e9}"),
            "{charset}"
        );
        let page = ApiError::from_response(502, Some(&content_type), b"<h1>Bad Gateway</h1>");
        assert_eq!(page.text(), "<h1>Bad Gateway</h1>", "{charset}");
    }
    // A UTF-16 body that happens to be valid UTF-8 too (it has zeros) still follows its label.
    let utf16 = encoded("A\u{4e2d}", "utf-16le");
    let err = ApiError::from_response(500, Some("text/plain; charset=utf-16le"), &utf16);
    assert_eq!(err.text(), "A\u{4e2d}");
}

#[test]
fn a_legacy_page_in_latin_1_is_read_by_the_charset_it_declares() {
    // A legacy XML or HTML error page, sent without a charset in its content type, names its
    // own; its é was read as U+FFFD, losing the byte.
    let xml = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><error><text>Caf\xe9</text></error>";
    let meta =
        b"<html><head><META CHARSET='windows-1252'></head><body>\x93busy\x94 \xe9</body></html>";
    let http_equiv = b"<html><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>r\xe9essayez</p></html>";
    for (content_type, body, text) in [
        (Some("application/xml"), &xml[..], "Caf\u{e9}</text>"),
        (None, &meta[..], "\u{201c}busy\u{201d} \u{e9}</body>"),
        (Some("text/html"), &http_equiv[..], "r\u{e9}essayez"),
    ] {
        let err = ApiError::from_response(503, content_type, body);
        assert_eq!(err.kind(), ResponseKind::NotJson);
        assert!(err.text().contains(text), "{}", err.text());
    }
    // The content type's charset comes first; a page that names UTF-8 (or nothing), or text
    // that only mentions a charset, is UTF-8 with the stray byte replaced.
    let labelled = ApiError::from_response(503, Some("text/html; charset=utf-8"), meta);
    assert!(labelled.text().contains("\u{fffd}busy"));
    for body in [
        &b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><text>\xe9</text>"[..],
        b"<p>charset=iso-8859-1 \xe9</p>",
    ] {
        let err = ApiError::from_response(503, None, body);
        assert!(err.text().ends_with("\u{fffd}</text>") || err.text().ends_with("\u{fffd}</p>"));
    }
}

#[test]
fn only_a_meta_or_the_xml_declaration_names_a_pages_charset_as_browsers_prescan_it() {
    // The first `charset=` anywhere counted (a script's), and `charset = "..."` (valid HTML)
    // did not: "Caf\xe9" read "Caf\u{fffd}". As WHATWG's prescan reads a page: a `<meta
    // charset>`, or a `<meta http-equiv="Content-Type">` whose content names one; other tags'
    // attributes, comments and text do not count; the first meta that names one wins.
    // Each body, and whether its declaration counts (é read as Latin-1, else U+FFFD).
    let cases: [(&[u8], bool); 20] = [
        (b"<script src=\"a.js\" charset=\"utf-8\"></script><meta charset=\"iso-8859-1\">Caf\xe9", true),
        (b"<meta charset = \"windows-1252\"><p>Caf\xe9", true),
        (b"<META\tCharset=\n'Latin1' /><p>Caf\xe9", true),
        (b"<meta charset=iso-8859-1><p>Caf\xe9", true),
        (b"<!-- <meta charset=\"utf-8\"> --><meta charset=\"latin1\"><p>Caf\xe9", true),
        (b"<p title='<meta charset=utf-8>'><meta charset=\"latin1\">Caf\xe9", true),
        (b"<meta content=\"text/html; charset = 'iso-8859-1'\" http-equiv=\"content-type\">Caf\xe9", true),
        (b"<meta http-equiv=Content-Type content=\"text/html;charset=ISO-8859-1\">Caf\xe9", true),
        (b"<?xml version=\"1.0\" encoding = 'ISO-8859-1'?><text>Caf\xe9</text>", true),
        (b"<?xml version=\"1.0\"?><html><meta charset=\"latin1\"/>Caf\xe9</html>", true),
        (b"<meta charset=\"bogus\"><meta charset=\"latin1\">Caf\xe9", true),
        (b"<script charset=\"iso-8859-1\"></script><p>Caf\xe9", false),
        (b"<meta charset=\"utf-8\"><meta charset=\"iso-8859-1\">Caf\xe9", false),
        (b"<meta content=\"text/html; charset=iso-8859-1\">Caf\xe9", false),
        (b"<meta name=\"x\" content=\"charset=iso-8859-1\">Caf\xe9", false),
        (b"<!-- <meta charset=\"iso-8859-1\"> -->Caf\xe9", false),
        (b"<p title='<meta charset=iso-8859-1>'>Caf\xe9", false),
        (b"<metadata charset=\"iso-8859-1\">Caf\xe9", false),
        (b"<?xml version=\"1.0\"?><x encoding=\"iso-8859-1\">Caf\xe9</x>", false),
        (b"<meta charset=\"iso-8859-1>Caf\xe9", false),
    ];
    for (body, counts) in cases {
        let text = ApiError::from_response(503, None, body).text().to_owned();
        let read = if counts { "Caf\u{e9}" } else { "Caf\u{fffd}" };
        assert!(text.contains(read), "{text}");
    }
}

#[test]
fn a_lone_surrogate_escape_is_replaced_not_a_reason_to_call_the_body_not_json() {
    // JSON's grammar allows any \uXXXX, and servers (Python's json.dumps among them) write
    // unpaired surrogates; serde_json refuses them in a string.
    let err = read(
        404,
        br#"{"error": {"code": "0405", "text": "a\ud800b\uDC00c", "details": ["\ud83d\ude00", "\\ud800"]}}"#,
    );
    assert_eq!(err.kind(), ResponseKind::Catalogued);
    assert_eq!(err.text(), "a\u{fffd}b\u{fffd}c");
    assert_eq!(err.details(), ["\u{1f600}", "\\ud800"]);
    // At the end of a string, before another escape, and before a high surrogate that is paired.
    let err = read(
        404,
        br#"{"error": {"code": "0405", "text": "\ud800", "link": "\ud800\n\ud800\ud83d\ude00"}}"#,
    );
    assert_eq!(err.text(), "\u{fffd}");
    assert_eq!(err.link(), Some("\u{fffd}\n\u{fffd}\u{1f600}"));
    // Broken JSON stays broken.
    assert_eq!(
        read(404, br#"{"error": {"code": "0405", "text": "\ud800"#).kind(),
        ResponseKind::NotJson
    );
}

#[test]
fn json_nested_deeper_than_the_parser_recurses_is_still_json() {
    // serde_json stops at 128 levels; a value deeper than that is kept as its JSON text, and the
    // error around it is read.
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let body = format!(
        r#"{{"error": {{"code": "0405", "text": "t", "x": {}, "details": ["d"]}}, "y": {}}}"#,
        deep(1000),
        deep(130)
    );
    let err = read(404, body.as_bytes());
    assert_eq!(err.kind(), ResponseKind::Catalogued);
    assert_eq!((err.text(), err.details()), ("t", &["d".to_string()][..]));
    let x = err.response().error().extra()["x"].to_string();
    assert_eq!(
        x.matches(['[', ']']).count(),
        2000,
        "nothing is lost: {x:.40}"
    );
    // A whole body of brackets is JSON that is not an error body, and reads without overflowing
    // the stack.
    let brackets = deep(200_000);
    let err = read(400, brackets.as_bytes());
    assert_eq!(err.kind(), ResponseKind::OtherCode);
    assert!(
        err.text() == brackets,
        "the body's text: {:.40}",
        err.text()
    );
    let spaced = read(400, b"[1, 2.50]");
    assert_eq!(
        (spaced.kind(), spaced.text()),
        (ResponseKind::OtherCode, "[1, 2.50]")
    );
    // Truncated or mismatched, it is not JSON.
    for body in [
        deep(300)[..450].to_string(),
        format!("{}{}", "[".repeat(300), "}".repeat(300)),
        format!(r#"{{"error": {{"code": "0405", "x": {}"#, deep(300)),
    ] {
        assert_eq!(
            read(400, body.as_bytes()).kind(),
            ResponseKind::NotJson,
            "{body:.40}"
        );
    }
}

/// What is nested deeper than serde_json recurses is kept as a string of its JSON text; in the
/// JSON text of the detail, code or text that holds it, it is that text again, as the server
/// wrote it: a detail 150 levels deep showed as `[[...["[[...[1,\"a\\\"b\"]...]]"]...]]`, with a
/// string the server never sent and its quotes escaped.
#[test]
fn json_nested_too_deep_reads_as_written_in_the_json_text_around_it() {
    let deep = |inner: &str| format!("{}{inner}{}", "[".repeat(150), "]".repeat(150));
    // As this crate writes JSON text (no white space), so that it is the server's exactly.
    let item = deep(r#"1,"a\"b\\",{"k":1e400}"#);
    let text = format!(r#"{{"t":{item}}}"#);
    let body = format!(
        r#"{{"error": {{"code": {item}, "text": {text}, "details": [{item}, "d"], "x": {item}}}}}"#
    );
    let err = read(400, body.as_bytes());
    assert_eq!(err.kind(), ResponseKind::OtherCode);
    assert_eq!(err.code().map(|c| c.as_str()), Some(item.as_str()));
    assert_eq!(err.text(), text);
    assert_eq!(err.details(), [item.as_str(), "d"]);
    // A value kept whole holds those levels as a string of their text, without anything added.
    let x = err.response().error().extra()["x"].to_string();
    assert!(!x.contains(['\u{fdd0}', '\u{fdd1}']), "{x:.200}");
    assert_eq!(x.matches(['[', ']']).count(), 300, "{x:.200}");
    // A body that holds the noncharacter U+FDD1 itself, raw or escaped, keeps it as sent, and
    // its deep levels as a string.
    for (marked, sent) in [
        (r#""\ufdd1a""#, "\u{fdd1}a"),
        ("\"\u{fdd1}a\"", "\u{fdd1}a"),
    ] {
        let body =
            format!(r#"{{"error": {{"code": "0405", "text": {marked}, "details": [{item}]}}}}"#);
        let err = read(404, body.as_bytes());
        assert_eq!(err.text(), sent);
        assert_eq!(err.details().len(), 1);
        assert!(
            err.details()[0].contains(r#""[[[[["#),
            "{:.200}",
            err.details()[0]
        );
    }
}

proptest! {
    #[test]
    fn any_bytes_read_without_panicking(status in any::<u16>(), body in proptest::collection::vec(any::<u8>(), 0..64)) {
        let err = ApiError::from_response(status, None, &body);
        prop_assert_eq!(err.status(), status);
        let line = err.to_string();
        let breaks = ['\n', '\r', '\u{2028}', '\u{2029}'];
        prop_assert!(!line.contains(breaks), "{:?}", line);
        // A body without NUL bytes or a byte-order mark is read as UTF-8.
        let plain = !body.contains(&0) && !body.starts_with(b"\xEF\xBB\xBF")
            && !body.starts_with(b"\xFE\xFF") && !body.starts_with(b"\xFF\xFE");
        if plain && matches!(err.kind(), ResponseKind::NotJson | ResponseKind::Empty) {
            prop_assert_eq!(err.text(), String::from_utf8_lossy(&body));
        }
    }

    #[test]
    fn json_shaped_text_reads_without_panicking(body in r#"\{("error"|"request"|"code"|"details"|[a-z]{1,3}|[:,\[\]{}0-9. "]|null|true|-){0,24}\}?"#) {
        let err = ApiError::from_response(400, None, body.as_bytes());
        prop_assert!(!err.to_string().contains('\n'));
    }

    #[test]
    fn what_is_mended_reads_without_panicking(body in r#"\{("error"|"code"|"text"|\\u[dD][89a-fA-F][0-9a-f]{2}|\\|\\\\|[:,\[\]{}0-9 "]|\[{95,105}|\]{95,105}|é|HTTP 4|0405|NaN|-?Infinity|1e400|\{{95,105}|\}{95,105}){0,24}\}?"#) {
        let err = ApiError::from_response(400, None, body.as_bytes());
        prop_assert!(!err.to_string().contains('\n'));
        // The mends only ever add: JSON that serde_json reads as it is reads as JSON, and an
        // error body it reads keeps its code and text.
        if serde_json::from_str::<serde_json::Value>(&body).is_ok() {
            prop_assert_ne!(err.kind(), ResponseKind::NotJson, "{}", body);
        }
        // (But for a number serde_json rounds, an f64 written with `.` or `e`, which is kept as
        // written.)
        let rounded = |text: &str| text.contains(['.', 'e']);
        if let Ok(plain) = serde_json::from_str::<ErrorResponse>(&body) {
            // A body without its wrapper (`{"code": "1"}`) is the error object.
            let flat = plain.error() == &ErrorInfo::default()
                && ["code", "text"].iter().any(|k| plain.extra().contains_key(*k));
            let error = match flat {
                true => serde_json::from_str::<ErrorInfo>(&body).unwrap(),
                false => plain.error().clone(),
            };
            // As written: what it is read as may differ (a number that is the status, or any
            // number in a body without its wrapper, is an HTTP status).
            if !error.code().is_some_and(|c| rounded(c.as_str())) {
                let written = |c: Option<&aculab_errors::ResponseCode>| c.map(|c| c.as_str().to_string());
                prop_assert_eq!(written(err.code()), written(error.code()), "{}", body);
            }
            let says = !error.text().is_empty() || (!flat && error.code().is_some());
            if says && !rounded(error.text()) {
                prop_assert_eq!(err.text(), error.text(), "{}", body);
            }
        }
    }

    /// Bare codes (`HTTP 400`, with or without a reason phrase, `0405`) among `"code":` keys,
    /// as a server written from Aculab's documentation might send them, and worse.
    #[test]
    fn bare_codes_among_keys_read_without_panicking(body in r#"\{("code": ?|HTTP 400|HTTP 503 | Bad|Request|0405|0018|, |[ ",:\]}{]|"text": "x"){0,16}\}?"#) {
        let err = ApiError::from_response(400, None, body.as_bytes());
        prop_assert!(!err.to_string().contains('\n'));
        if matches!(err.kind(), ResponseKind::NotJson) {
            prop_assert_eq!(err.text(), &body);
        }
    }

    #[test]
    fn any_headers_read_without_panicking_and_any_wait_is_bounded(
        status in any::<u16>(),
        content_type in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..40)),
        retry_after in "\\PC{0,40}|[0-9]{1,30}|-?[0-9 ]{0,4}|(Sun|Monday|Tue), [0-9]{1,2}[ -](Nov|nov|Feb)[ -][0-9]{2,4} [0-9]{2}:[0-9]{2}:[0-9]{2} (GMT|UTC)",
        date in proptest::option::of("\\PC{0,30}|(Sun|Sunday), [0-9]{2}[ -]Nov[ -][0-9]{2,4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT"),
        now in any::<u64>(),
        attempt in any::<u32>(),
        random in any::<u32>(),
        body in proptest::collection::vec(any::<u8>(), 0..32),
    ) {
        let content_type = content_type.map(|c| String::from_utf8_lossy(&c).into_owned());
        let err = ApiError::from_response(status, content_type.as_deref(), &body)
            .with_retry_after_header(Some(&retry_after))
            .with_date_header(date.as_deref());
        let line = err.to_string();
        prop_assert!(!line.contains(|c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')), "{:?}", line);
        let advice = err.retry_advice(now);
        for idempotency in [Idempotency::Idempotent, Idempotency::NotIdempotent] {
            let policy = RetryPolicy::new().with_max_attempts(attempt.saturating_add(1));
            if let RetryDecision::RetryAfter(wait) = policy.decide(attempt, &advice, idempotency, random) {
                prop_assert!(advice.retryable);
                prop_assert!(!advice.idempotent_only || idempotency == Idempotency::Idempotent);
                prop_assert!(wait <= policy.max_wait().max(policy.max_backoff()), "{:?}", wait);
            }
        }
    }
}

#[cfg(feature = "std")]
#[test]
fn std_reads_now_from_the_system_clock() {
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let now = aculab_errors::unix_now();
    assert!(now >= before && now > 1_600_000_000, "{now} vs {before}");
    let err = read(503, b"").with_retry_after_header(Some("5"));
    assert_eq!(
        err.retry_advice_now().server_wait,
        Some(std::time::Duration::from_secs(5))
    );
}

/// Mending reads each part of a body once: a large body full of `"code":` keys with nothing to
/// end their values (invalid JSON, so every mend runs) took time growing with its square, seconds
/// at 200 KB, hours at this size in a debug build.
#[test]
fn mending_a_large_body_of_code_keys_is_linear() {
    let body = format!("{{\"a\":[{}]}}", "\"code\": 1 ".repeat(400_000));
    let err = ApiError::from_response(502, Some("application/json"), body.as_bytes());
    assert_eq!(err.kind(), ResponseKind::NotJson);
    assert_eq!(err.text().len(), body.len());
}

#[test]
fn a_code_written_as_a_json_number_is_read_by_its_value_however_written() {
    // JSON has one kind of number: 405.0 and 4.05e2 are 405, as a server's floats write it. A
    // whole number is kept as the number it is (a JSON number has no leading zeros) and read as
    // the code of that number.
    for (code, kind, read_as) in [
        ("405", ResponseKind::Catalogued, "405"),
        ("405.0", ResponseKind::Catalogued, "405"),
        ("4.05e2", ResponseKind::Catalogued, "405"),
        ("1.8E1", ResponseKind::Catalogued, "18"),
        ("1003", ResponseKind::Catalogued, "1003"),
        ("9418.0", ResponseKind::UnknownCode, "9418"),
        ("405.5", ResponseKind::OtherCode, "405.5"),
        ("-1", ResponseKind::OtherCode, "-1"),
        ("-405.0", ResponseKind::OtherCode, "-405.0"),
        ("12345.0", ResponseKind::OtherCode, "12345.0"),
    ] {
        let body = format!(r#"{{"error": {{"code": {code}, "text": "x"}}}}"#);
        let err = read(404, body.as_bytes());
        assert_eq!(err.kind(), kind, "{code}");
        assert_eq!(err.code().map(|c| c.as_str()), Some(read_as), "{code}");
        assert_eq!(err.text(), "x", "{code}");
    }
}

#[test]
fn a_number_too_large_for_an_f64_loses_nothing_else_in_the_body() {
    // JSON's grammar has no bound on numbers; serde_json refuses one beyond an f64, which made
    // the whole body not JSON.
    let huge = format!("1{}", "0".repeat(400));
    for (body, code, text) in [
        (
            r#"{"error": {"code": "0405", "text": "x", "retry_in": 1e400}}"#.to_string(),
            "0405",
            "x",
        ),
        (
            r#"{"error": {"code": -1E+999, "text": "x"}}"#.into(),
            "-1E+999",
            "x",
        ),
        (
            format!(r#"{{"error": {{"code": "0405", "text": {huge}}}}}"#),
            "0405",
            huge.as_str(),
        ),
    ] {
        let err = read(404, body.as_bytes());
        assert_ne!(err.kind(), ResponseKind::NotJson, "{body}");
        assert_eq!(err.code().map(|c| c.as_str()), Some(code), "{body}");
        assert_eq!(err.text(), text, "{body}");
    }
    let kept = read(
        404,
        br#"{"error": {"code": "0405", "retry_in": 1e400, "s": "1e400"}}"#,
    );
    assert_eq!(kept.response().error().extra()["retry_in"], "1e400");
    assert_eq!(kept.response().error().extra()["s"], "1e400");
    // A number inside a string, or a finite one, is left as it is.
    let plain = read(
        404,
        br#"{"error": {"code": "0405", "text": "1e400", "n": 1e300}}"#,
    );
    assert_eq!(plain.text(), "1e400");
    assert_eq!(plain.response().error().extra()["n"], 1e300);
}

#[test]
fn a_number_whose_digits_an_f64_does_not_hold_keeps_them() {
    // serde_json reads an integer beyond 64 bits, and a number with more digits or a larger
    // exponent than an f64 holds, as the nearest f64: `"code": 123456789012345678901` read as
    // "1.2345678901234567e20", `"text": 1e-400` as "0.0", 6e303 as "6.000000000000001e303".
    for (number, kind) in [
        ("123456789012345678901", ResponseKind::OtherCode),
        ("18446744073709551616", ResponseKind::OtherCode),
        ("-9223372036854775809", ResponseKind::OtherCode),
        ("0.1000000000000000000001", ResponseKind::OtherCode),
        ("1e-400", ResponseKind::OtherCode),
        ("6e303", ResponseKind::OtherCode),
        ("1e-124", ResponseKind::OtherCode),
    ] {
        let body = format!(
            r#"{{"error": {{"code": {number}, "text": {number}, "details": [{number}, {{"n": {number}}}], "n": {number}}}}}"#
        );
        let err = read(404, body.as_bytes());
        assert_eq!(err.kind(), kind, "{body}");
        assert_eq!(err.code().map(|c| c.as_str()), Some(number), "{body}");
        assert_eq!(err.text(), number, "{body}");
        let nested = format!(r#"{{"n":{number}}}"#);
        assert_eq!(err.details(), [number, nested.as_str()], "{body}");
        assert_eq!(err.response().error().extra()["n"], number, "{body}");
    }
    // What an f64 holds exactly, however written, is still read as the number it is.
    for (number, code, text) in [
        ("405.0", "405", "405.0"),
        (
            "18446744073709551615",
            "18446744073709551615",
            "18446744073709551615",
        ),
        (
            "-9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775808",
        ),
        ("0.1", "0.1", "0.1"),
        ("1E3", "1000", "1000.0"),
        ("-0", "-0.0", "-0.0"),
        (
            "0.30000000000000004",
            "0.30000000000000004",
            "0.30000000000000004",
        ),
    ] {
        let body = format!(r#"{{"error": {{"code": {number}, "text": {number}, "n": {number}}}}}"#);
        let err = read(404, body.as_bytes());
        assert_eq!(err.code().map(|c| c.as_str()), Some(code), "{body}");
        assert_eq!(err.text(), text, "{body}");
        assert!(err.response().error().extra()["n"].is_number(), "{body}");
    }
}

/// A number kept as written because serde_json would round it (or refuse it) is still a number
/// in the JSON text of the list or object that holds it: `[1e400]`, not `["1e400"]`, which
/// read as a string the server never sent.
#[test]
fn a_number_kept_as_written_stays_a_number_in_the_json_text_around_it() {
    let deep = |inner: &str| format!("{}{inner}{}", "[".repeat(120), "]".repeat(120));
    for number in [
        "12345678901234567890123",
        "1e400",
        "-1E+999",
        "1e-400",
        "2225092026010567.0",
        "NaN",
        "-Infinity",
    ] {
        let body = format!(
            r#"{{"error": {{"code": {{"n": {number}}}, "text": [{number}, "{number}", 1.5], "details": [[{number}], {{"a": [{number}]}}], "n": [{number}]}}, "request": {{"url": [{number}]}}}}"#
        );
        let err = read(400, body.as_bytes());
        assert_eq!(err.kind(), ResponseKind::OtherCode, "{body}");
        let code = format!(r#"{{"n":{number}}}"#);
        assert_eq!(err.code().map(|c| c.as_str()), Some(code.as_str()));
        assert_eq!(err.text(), format!(r#"[{number},"{number}",1.5]"#));
        let details = [format!("[{number}]"), format!(r#"{{"a":[{number}]}}"#)];
        assert_eq!(err.details(), details);
        assert_eq!(
            err.response().request().url(),
            Some(format!("[{number}]").as_str())
        );
        // A value kept whole holds it as a string of its text, without anything added.
        assert_eq!(
            err.response().error().extra()["n"],
            serde_json::json!([number])
        );
        // Nested deeper than serde_json recurses, in the string that keeps those levels.
        let body = format!(
            r#"{{"error": {{"code": "0405", "text": {}}}}}"#,
            deep(number)
        );
        let err = read(404, body.as_bytes());
        assert_eq!(err.kind(), ResponseKind::Catalogued, "{number}");
        assert!(
            err.text().contains(&format!("[{number}]")),
            "{}",
            err.text()
        );
        assert!(!err.text().contains('\u{fdd0}'), "{number}");
    }
    // A body that holds the noncharacter U+FDD0 itself, raw or escaped, keeps it as sent.
    for (body, text) in [
        (
            r#"{"error": {"code": "0405", "text": "\ufdd0a", "n": [1e400]}}"#,
            "\u{fdd0}a",
        ),
        (
            "{\"error\": {\"code\": \"0405\", \"text\": \"\u{fdd0}1e400\", \"n\": [1e400]}}",
            "\u{fdd0}1e400",
        ),
    ] {
        let err = read(404, body.as_bytes());
        assert_eq!(err.text(), text, "{body}");
        assert_eq!(
            err.response().error().extra()["n"],
            serde_json::json!(["1e400"])
        );
    }
}

#[test]
fn a_code_that_is_the_responses_own_status_is_that_status() {
    // A gateway's `{"error": {"code": 503}}` on a 503 was read as 0503 (a full report must be
    // JSON, HTTP 400): not retryable, so a passing outage made the client give up. A code not
    // written as four digits (a JSON number, a string of one to three digits) that equals the
    // status is that status, whether or not the catalogue has a code of that number, and is
    // kept as it was on the wire (it read "0503").
    for (status, code, idempotent_only, line) in [
        (503, "503", false, "503: busy"),
        (503, "\"503\"", false, "503: busy"),
        (503, "503.0", false, "503: busy"),
        (504, "504", true, "504: busy"),
        (429, "429", false, "429: busy"),
        (429, "\"429\"", false, "429: busy"),
        (405, "405", false, "405: busy"),
        (502, "502", true, "502: busy"),
    ] {
        let body = format!(r#"{{"error": {{"code": {code}, "text": "busy"}}}}"#);
        let err = read(status, body.as_bytes());
        assert_eq!(err.kind(), ResponseKind::HttpStatus, "{code}");
        assert_eq!(err.error_code(), None, "{code}");
        assert_eq!(err.code().and_then(|c| c.http_status()), Some(status));
        assert!(err.is_retryable() == (status != 405), "{code}");
        assert_eq!(err.idempotent_only(), idempotent_only, "{code}");
        assert_eq!(err.to_string(), line);
        // The same through `ApiError::new`, for the digits written as a string (a string
        // `"503.0"` is no code number).
        let string = code.trim_matches('"').trim_end_matches(".0");
        let new = ApiError::new(status, ErrorResponse::new(string, "busy"));
        assert_eq!(new.kind(), ResponseKind::HttpStatus, "{code}");
        assert_eq!(new.code().map(|c| c.as_str()), Some(string));
    }
    // Not the status, or a code written in the catalogue's own four digits (no gateway writes
    // a zero-led code): the code it is (a JSON number as written).
    use ResponseKind::{Catalogued, UnknownCode};
    for (status, code, as_read, kind) in [
        (400, "503", "503", Catalogued),
        (503, "504", "504", Catalogued),
        (404, "405", "405", Catalogued),
        (504, "\"0504\"", "0504", Catalogued),
        (405, "\"0405\"", "0405", Catalogued),
        (405, "0405", "0405", Catalogued),
        (429, "\"0429\"", "0429", UnknownCode),
        (503, "\" 0503\"", " 0503", Catalogued),
        (503, "5030", "5030", UnknownCode),
    ] {
        let body = format!(r#"{{"error": {{"code": {code}, "text": "x"}}}}"#);
        let err = read(status, body.as_bytes());
        let number = as_read.trim().parse().ok();
        assert_eq!(err.kind(), kind, "{status} {code}");
        assert_eq!(err.error_code(), number.and_then(ErrorCode::from_u16));
        assert_eq!(
            err.code().map(|c| c.as_str()),
            Some(as_read),
            "{status} {code}"
        );
    }
    // The same through `ApiError::new`.
    let report = ApiError::new(504, ErrorResponse::new("0504", "x"));
    assert_eq!(report.kind(), ResponseKind::Catalogued);
}

#[test]
fn python_nan_and_infinity_lose_nothing_else_in_the_body() {
    // Python's json module writes NaN, Infinity and -Infinity by default; serde_json refuses
    // them, which made the whole body not JSON and lost its code (and with it, for 1001, that
    // only an idempotent request may be sent again).
    let err = read(
        500,
        br#"{"error": {"code": "1001", "text": "x", "details": [NaN, -Infinity], "load": Infinity}}"#,
    );
    assert_eq!(err.kind(), ResponseKind::Catalogued);
    assert_eq!(err.error_code(), Some(ErrorCode::InternalError));
    assert!(err.idempotent_only());
    assert_eq!(err.details(), ["NaN", "-Infinity"]);
    assert_eq!(err.response().error().extra()["load"], "Infinity");
    // In a string, or as any other bare word, it is left alone.
    let text = read(
        404,
        br#"{"error": {"code": "0405", "text": "NaN Infinity"}}"#,
    );
    assert_eq!(text.text(), "NaN Infinity");
    for word in ["NaNa", "-inf", "INF", "Inf", "infinity", "-Infinity1"] {
        let body = format!(r#"{{"error": {{"code": "0405", "n": {word}}}}}"#);
        assert_eq!(
            read(404, body.as_bytes()).kind(),
            ResponseKind::NotJson,
            "{word}"
        );
    }
    // Other JSON that is not JSON stays not JSON: a trailing comma, text after the value.
    for body in [
        &br#"{"error": {"code": "0405", "text": "x",}}"#[..],
        br#"{"error": {"code": "0405"}} <!-- proxy -->"#,
    ] {
        assert_eq!(read(404, body).kind(), ResponseKind::NotJson);
    }
}

/// A response with `body`, `status`, and each of `headers` appended (a name may come twice).
#[cfg(feature = "http")]
fn http_response<B>(status: u16, headers: &[(&'static str, &[u8])], body: B) -> http::Response<B> {
    let mut response = http::Response::new(body);
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
    for &(name, value) in headers {
        let value = http::HeaderValue::from_bytes(value).unwrap();
        response.headers_mut().append(name, value);
    }
    response
}

#[cfg(feature = "http")]
#[test]
fn from_http_equals_from_response_with_each_headers_first_value() {
    use std::time::Duration;

    let body = br#"{"error": {"code": "HTTP 503", "text": "busy"}}"#;
    let headers: &[(&'static str, &[u8])] = &[
        ("retry-after", b"7"),
        ("retry-after", b"90"),
        ("content-type", b"text/plain; charset=\xe9"),
        ("content-type", b"application/json"),
        ("date", b"Sun, 06 Nov 1994 08:49:37 GMT"),
        ("date", b"Mon, 07 Nov 1994 08:49:37 GMT"),
    ];
    for status in [100, 200, 204, 302, 429, 500, 503, 599, 999] {
        let expected = ApiError::from_response(status, Some("text/plain; charset=\u{fffd}"), body)
            .with_retry_after_header(Some("7"))
            .with_date_header(Some("Sun, 06 Nov 1994 08:49:37 GMT"));
        // Any body that is bytes: a Vec, a slice, a String.
        let err = ApiError::from_http(&http_response(status, headers, body.to_vec()));
        assert_eq!(err, expected, "{status}");
        assert_eq!(
            err.retry_advice(0).server_wait,
            Some(Duration::from_secs(7))
        );
        let slice = http_response(status, headers, &body[..]);
        assert_eq!(ApiError::from_http(&slice), expected, "{status}");
        let text = String::from_utf8(body.to_vec()).unwrap();
        let string = http_response(status, headers, text);
        assert_eq!(ApiError::from_http(&string), expected, "{status}");
    }
    // `From` does the same, from a borrowed response or an owned one.
    let owned = http_response(503, headers, body.to_vec());
    let expected = ApiError::from_http(&owned);
    assert_eq!(ApiError::from(&owned), expected);
    let into: ApiError = owned.into();
    assert_eq!(into, expected);
    assert_eq!(
        into.retry_advice(0).server_wait,
        Some(Duration::from_secs(7))
    );
    // A Retry-After with bytes outside UTF-8 is shown, and ignored.
    let opaque = http_response(503, &[("retry-after", b"1\xff")], Vec::new());
    let err = ApiError::from_http(&opaque);
    assert_eq!(err.retry_after_header(), Some("1\u{fffd}"));
    assert_eq!(err.retry_advice(0).server_wait, None);
    // A Retry-After date is read against the response's Date, not the local clock.
    let dated = http_response(
        503,
        &[
            ("retry-after", b"Sun, 06 Nov 1994 08:50:07 GMT"),
            ("date", b"Sun, 06 Nov 1994 08:49:37 GMT"),
        ],
        Vec::new(),
    );
    let err = ApiError::from_http(&dated);
    assert_eq!(err.date_header(), Some("Sun, 06 Nov 1994 08:49:37 GMT"));
    assert_eq!(
        err.retry_advice(1_700_000_000).server_wait,
        Some(Duration::from_secs(30))
    );
}

/// The response's `Date` is "now" for a `Retry-After` date; the `now` given counts only
/// without a valid one, and a delay in seconds never depends on either.
#[test]
fn a_retry_after_date_is_read_against_the_responses_date() {
    use std::time::Duration;

    let at = |date: Option<&str>, retry_after: &str, now: u64| {
        ApiError::from_response(503, None, b"")
            .with_retry_after_header(Some(retry_after))
            .with_date_header(date)
            .retry_advice(now)
            .server_wait
    };
    let server_now = "Sun, 06 Nov 1994 08:49:37 GMT"; // 784_111_777
    let in_30s = "Sun, 06 Nov 1994 08:50:07 GMT";
    // The local clock an hour behind or a day ahead: the wait is the server's 30 s.
    for now in [784_111_777 - 3_600, 784_111_777 + 86_400, 0, u64::MAX] {
        assert_eq!(
            at(Some(server_now), in_30s, now),
            Some(Duration::from_secs(30)),
            "{now}"
        );
    }
    // No Date, or one that is not a date: the given now.
    assert_eq!(
        at(None, in_30s, 784_111_777 + 10),
        Some(Duration::from_secs(20))
    );
    // Nor one before 1970, which would make the wait decades long.
    for date in ["yesterday", "Thu, 01 Jan 1960 00:00:00 GMT"] {
        assert_eq!(
            at(Some(date), in_30s, 784_111_777 + 10),
            Some(Duration::from_secs(20)),
            "{date}"
        );
    }
    // Seconds are seconds.
    assert_eq!(at(Some(server_now), "45", 0), Some(Duration::from_secs(45)));
    // A Date after the Retry-After date: retry now.
    assert_eq!(
        at(Some("Sun, 06 Nov 1994 09:00:00 GMT"), in_30s, 0),
        Some(Duration::ZERO)
    );
}

#[test]
fn a_code_that_serde_json_rounds_to_a_whole_number_keeps_its_digits() {
    // The only rounded number in the body is the code, which serde_json rounds to a whole
    // number (1e-400 to 0, 405.00000000000001 to 405): it was read as code 0 or as the
    // catalogued 0405, where the docs keep such a number as written.
    for (number, status) in [
        ("1e-400", 404),
        ("405.00000000000001", 404),
        ("1000.0000000000001", 500),
        ("4.0500000000000000001e2", 404),
        ("18.000000000000000001", 504),
    ] {
        let body = format!(r#"{{"error": {{"code": {number}, "text": "t"}}}}"#);
        let err = read(status, body.as_bytes());
        assert_eq!(err.kind(), ResponseKind::OtherCode, "{body}");
        assert_eq!(err.code().map(|c| c.as_str()), Some(number), "{body}");
        assert_eq!(err.error_code(), None, "{body}");
        assert_eq!(err.text(), "t", "{body}");
    }
    // What an f64 holds exactly is still the code of that number, with or without a string
    // code of the same digits elsewhere.
    for (number, read_as) in [
        ("405.0", "405"),
        ("1.001e3", "1001"),
        ("0", "0"),
        ("1001", "1001"),
    ] {
        let body = format!(
            r#"{{"error": {{"code": {number}, "text": "t", "details": [{{"code": "1e-400"}}]}}}}"#
        );
        let err = read(500, body.as_bytes());
        assert_eq!(err.code().map(|c| c.as_str()), Some(read_as), "{body}");
    }
    // A rounded number under another "code" key (a detail's) only makes the body read again.
    let body = br#"{"error": {"code": 1001, "text": "t", "details": [{"code": 1e-400}]}}"#;
    let err = read(500, body);
    assert_eq!(err.error_code(), ErrorCode::from_u16(1001));
    assert_eq!(err.details(), [r#"{"code":1e-400}"#]);
}
