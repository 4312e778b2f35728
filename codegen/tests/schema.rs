//! `docs/errors.schema.json` describes `docs/errors.json`: an export validates against it, and
//! copies broken in each way a consumer could trip on do not.

mod common;

use serde_json::{json, Value};

fn export() -> Value {
    let text = include_str!("escaping/errors.yaml");
    let cat = codegen::load(text).unwrap_or_else(|d| panic!("{d}"));
    let stamp = codegen::Stamp {
        version: Some("1.2.3".into()),
        checked: Some("2026-12-01".into()),
    };
    serde_json::from_str(&codegen::json::render_stamped(&cat, &stamp)).unwrap()
}

/// Whether `value` validates against the generated schema.
fn valid(value: &Value) -> bool {
    let schema: Value = serde_json::from_str(&codegen::schema::render()).unwrap();
    valid_against(schema, value)
}

/// Whether `value` validates where `^` and `$` match at every line, as in Ruby, and so also
/// before a final line break, as in Python, Java and PCRE: validators that many consumers use.
fn valid_by_lines(value: &Value) -> bool {
    fn by_lines(v: &mut Value) {
        match v {
            Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    match v {
                        Value::String(p) if key == "pattern" => *p = format!("(?m){p}"),
                        _ => by_lines(v),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(by_lines),
            _ => {}
        }
    }
    let mut schema: Value = serde_json::from_str(&codegen::schema::render()).unwrap();
    by_lines(&mut schema);
    valid_against(schema, value)
}

fn valid_against(schema: Value, value: &Value) -> bool {
    let (schemas, index) = common::compile_schema(schema);
    schemas.validate(value, index).is_ok()
}

/// The schema names its dialect and itself: `$schema` is draft 2020-12 and `$id` an absolute
/// URI that changes with the export's `schema_version`.
#[test]
fn the_schema_states_its_dialect_and_its_id() {
    let schema: Value = serde_json::from_str(&codegen::schema::render()).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let id = schema["$id"].as_str().expect("the schema has an $id");
    assert_eq!(id, codegen::schema::SCHEMA_ID);
    assert!(id.starts_with("urn:") && !id.contains('#'), "{id}");
    assert!(
        id.ends_with(&format!(":{}", codegen::json::SCHEMA_VERSION)),
        "{id}"
    );
}

#[test]
fn the_export_states_its_schema_and_validates_against_it() {
    let export = export();
    assert_eq!(export["$schema"], codegen::schema::SCHEMA_REF);
    assert_eq!(export["catalogue_version"], "1.2.3");
    assert!(valid(&export));
    for version in ["0.1.0", "10.20.30-rc.1+build.5", "1.0.0-alpha-1"] {
        let mut copy = export.clone();
        copy["catalogue_version"] = json!(version);
        assert!(valid(&copy), "{version}");
    }
    assert!(valid_by_lines(&export));
    // Unstamped, the version and date are null, which the schema allows.
    let cat = codegen::load(include_str!("escaping/errors.yaml")).unwrap();
    let bare: Value = serde_json::from_str(&codegen::json::render(&cat)).unwrap();
    assert!(valid(&bare));
}

/// What gen accepts still validates: prose over several lines with a tab, and as many aliases
/// as an entry may keep.
#[test]
fn multi_line_prose_and_the_most_aliases_validate() {
    let mut copy = export();
    copy["errors"][0]["description"] = json!("first line\n\tsecond line\n\nlast line");
    copy["errors"][0]["remedy"] = json!("one\ntwo");
    copy["categories"][0]["title"] = json!("A title\non two lines");
    let most: Vec<String> = (0..codegen::load::MAX_ALIASES)
        .map(|i| format!("old_{i}"))
        .collect();
    copy["errors"][0]["aliases"] = json!(most);
    copy["categories"][1]["title"] = json!("é".repeat(codegen::load::MAX_TITLE_LEN));
    assert!(valid(&copy));
    assert!(valid_by_lines(&copy));
}

/// A way to break an export, named.
type Breakage = (&'static str, Box<dyn Fn(&mut Value)>);

#[test]
fn broken_copies_fail() {
    let breakages: Vec<Breakage> = vec![
        (
            "a missing key",
            Box::new(|v| {
                v["errors"][0].as_object_mut().unwrap().remove("name");
            }),
        ),
        (
            "an unknown key",
            Box::new(|v| v["errors"][0]["colour"] = json!("red")),
        ),
        (
            "a 3-digit code",
            Box::new(|v| v["errors"][0]["code"] = json!("405")),
        ),
        (
            "a numeric code",
            Box::new(|v| v["errors"][0]["code"] = json!(405)),
        ),
        (
            "a status out of range",
            Box::new(|v| v["errors"][0]["http"] = json!(600)),
        ),
        (
            "a string status",
            Box::new(|v| v["errors"][0]["http"] = json!("400")),
        ),
        (
            "retryable as a string",
            Box::new(|v| v["errors"][0]["retryable"] = json!("yes")),
        ),
        (
            "a non-https link",
            Box::new(|v| v["errors"][0]["doc_url"] = json!("javascript:alert(1)")),
        ),
        (
            "an empty description",
            Box::new(|v| v["errors"][0]["description"] = json!("")),
        ),
        (
            "a name in CamelCase",
            Box::new(|v| v["errors"][0]["name"] = json!("HostileText")),
        ),
        ("no errors", Box::new(|v| v["errors"] = json!([]))),
        (
            "a bad date",
            Box::new(|v| v["upstream_checked"] = json!("yesterday")),
        ),
        (
            "a catalogue version that is no version",
            Box::new(|v| v["catalogue_version"] = json!("x")),
        ),
        (
            "a catalogue version with a leading zero",
            Box::new(|v| v["catalogue_version"] = json!("1.02.3")),
        ),
        (
            "another schema version",
            Box::new(|v| v["schema_version"] = json!(2)),
        ),
        (
            "a category without codes",
            Box::new(|v| {
                v["categories"][0].as_object_mut().unwrap().remove("codes");
            }),
        ),
        ("not an object", Box::new(|v| *v = json!([1, 2]))),
        (
            "a wait on a code that is not retryable",
            Box::new(|v| {
                let e = v["errors"]
                    .as_array_mut()
                    .unwrap()
                    .iter_mut()
                    .find(|e| e["retryable"] == false)
                    .unwrap();
                e["retry_after_secs"] = json!(60);
            }),
        ),
        (
            "idempotent_only on a code that is not retryable",
            Box::new(|v| {
                let e = v["errors"]
                    .as_array_mut()
                    .unwrap()
                    .iter_mut()
                    .find(|e| e["retryable"] == false)
                    .unwrap();
                e["idempotent_only"] = json!(true);
            }),
        ),
        (
            "a duplicate entry",
            Box::new(|v| {
                let first = v["errors"][0].clone();
                v["errors"].as_array_mut().unwrap().push(first);
            }),
        ),
        (
            "a repeated alias",
            Box::new(|v| v["errors"][0]["aliases"] = json!(["a", "a"])),
        ),
        (
            "a bidi control in a text",
            Box::new(|v| v["errors"][0]["description"] = json!("a\u{202e}b")),
        ),
        (
            "a blank text",
            Box::new(|v| v["errors"][0]["description"] = json!("   ")),
        ),
        (
            "a link with brackets",
            Box::new(|v| v["errors"][0]["doc_url"] = json!("https://a/[x]")),
        ),
        (
            "an impossible date",
            Box::new(|v| v["upstream_checked"] = json!("9999-99-99")),
        ),
        (
            "an unknown top-level key",
            Box::new(|v| v["generator"] = json!("mine")),
        ),
        (
            "an unknown key in a category",
            Box::new(|v| v["categories"][0]["colour"] = json!("red")),
        ),
        (
            "a category's codes as numbers",
            Box::new(|v| v["categories"][0]["codes"] = json!([1, 2])),
        ),
        (
            "aliases as a string",
            Box::new(|v| v["errors"][0]["aliases"] = json!("old_name")),
        ),
        (
            "a null name",
            Box::new(|v| v["errors"][0]["name"] = Value::Null),
        ),
        (
            "a hand-made export",
            Box::new(|v| v["@generated"] = json!("hand made")),
        ),
        // A line break, refused by the schema itself and not only by an engine whose `$` ends
        // nothing but the text (below, read line by line, `"0405\n"` passed).
        (
            "a code and a newline",
            Box::new(|v| v["errors"][0]["code"] = json!("0405\n")),
        ),
        (
            "a name on two lines",
            Box::new(|v| v["errors"][0]["name"] = json!("evil\nhostile_text")),
        ),
        (
            "a category's first code and a CR LF",
            Box::new(|v| v["categories"][0]["first"] = json!("0000\r\n")),
        ),
        (
            "a date and a newline",
            Box::new(|v| v["upstream_checked"] = json!("2026-12-01\n")),
        ),
        (
            "a link and a newline",
            Box::new(|v| v["errors"][0]["doc_url"] = json!("https://a.example/x\n")),
        ),
        (
            "an alias on two lines",
            Box::new(|v| v["errors"][0]["aliases"] = json!(["x\nold_name"])),
        ),
        // A refused character after the first line of prose: an anchored `^[^…]*$` read line
        // by line checked only the line that matched.
        (
            "a bidi control on a description's second line",
            Box::new(|v| v["errors"][0]["description"] = json!("fine first line\n\u{202e}evil")),
        ),
        (
            "a control character on a remedy's second line",
            Box::new(|v| v["errors"][0]["remedy"] = json!("fine\n\u{7}bell")),
        ),
        (
            "a bidi isolate on a retirement note's last line",
            Box::new(|v| v["errors"][0]["retired"] = json!("fine\nstill fine\nthen \u{2066}")),
        ),
        (
            "an escape character on a category title's second line",
            Box::new(|v| v["categories"][0]["title"] = json!("Title\n\u{1b}[31m")),
        ),
        (
            "a byte-order mark on a category description's second line",
            Box::new(|v| v["categories"][0]["description"] = json!("fine\n\u{feff}")),
        ),
        (
            "more aliases than gen keeps",
            Box::new(|v| {
                let many: Vec<String> = (0..=codegen::load::MAX_ALIASES)
                    .map(|i| format!("old_{i}"))
                    .collect();
                v["errors"][0]["aliases"] = json!(many);
            }),
        ),
        (
            "a category title longer than gen takes",
            Box::new(|v| {
                v["categories"][0]["title"] = json!("t".repeat(codegen::load::MAX_TITLE_LEN + 1));
            }),
        ),
        (
            "a name longer than gen takes",
            Box::new(|v| {
                v["errors"][0]["name"] = json!("n".repeat(codegen::names::MAX_LEN + 1));
            }),
        ),
    ];
    for (what, breakage) in breakages {
        let mut copy = export();
        breakage(&mut copy);
        assert!(!valid(&copy), "{what} passed the schema");
        assert!(!valid_by_lines(&copy), "{what} passed, read line by line");
    }
}

/// The schema takes a link exactly where gen does (`text::is_plain_https_url`): a copy whose
/// link no URL parser reads (a port past 65535), a `%` that starts no escape, a host label
/// with a hyphen at its edge or a character reference passed; and a text of characters that
/// show nothing, which gen counts as empty ("\u{200b}" passed).
#[test]
fn a_link_or_a_text_that_gen_refuses_fails() {
    for (url, ok) in [
        ("https://example.com/errors?error=0405", true),
        ("https://example.com:65535/a", true),
        ("https://example.com:00443/a", true),
        ("https://xn--bcher-kva.example/a%41'b(c)", true),
        ("https://a-b.example#x", true),
        ("https://example.com/?a&;b", true),
        ("https://example.com:65536/a", false),
        ("https://example.com:99999", false),
        ("https://example.com:0/", false),
        ("https://example.com:00000/", false),
        ("https://example.com/%zz", false),
        ("https://example.com/a%4", false),
        ("https://-example.com/", false),
        ("https://example-.com/", false),
        ("https://example.com/?a&copy;", false),
        ("https://example.com/?a&#60;", false),
        ("https://a..b/", false),
    ] {
        assert_eq!(codegen::text::is_plain_https_url(url), ok, "{url}");
        let mut copy = export();
        copy["errors"][0]["doc_url"] = json!(url);
        assert_eq!(valid(&copy), ok, "{url}");
        assert_eq!(valid_by_lines(&copy), ok, "{url}, read line by line");
    }
    for text in ["\u{200b}", " \u{00ad}\u{feff}", "\u{2060}\n\u{fe0f}"] {
        let mut copy = export();
        copy["errors"][0]["description"] = json!(text);
        assert!(!valid(&copy), "{text:?}");
        copy["errors"][0]["description"] = json!(format!("{text}x"));
        assert_eq!(valid(&copy), !text.contains('\u{feff}'), "{text:?}x");
    }
}

/// The schema takes a checked date exactly where gen does (`upstream.tsv`'s `checked`, a day
/// of the calendar): a validator that reads `format` as a note only, as 2020-12 has it by
/// default, let `2026-02-30`, `2026-04-31` and `2026-02-29` (no leap year) through.
#[test]
fn a_checked_date_is_valid_exactly_where_gen_takes_one() {
    // The export's `upstream_checked` alone, as its schema has it: the whole export is
    // validated below for one day and one date that is none.
    let schema: Value = serde_json::from_str(&codegen::schema::render()).unwrap();
    let mut checked = schema["properties"]["upstream_checked"].clone();
    checked["$schema"] = schema["$schema"].clone();
    let (schemas, index) = common::compile_schema(checked);
    let mut refused = 0;
    for year in [0, 1900, 2000, 2024, 2026, 2100] {
        for month in 0..=13 {
            for day in 0..=32 {
                let date = format!("{year:04}-{month:02}-{day:02}");
                let gen_takes = codegen::upstream::Record::parse(&format!("checked\t{date}\n"))
                    .is_ok_and(|record| record.checked.as_deref() == Some(date.as_str()));
                refused += usize::from(!gen_takes);
                let valid = schemas.validate(&json!(date), index).is_ok();
                assert_eq!(valid, gen_takes, "{date}");
            }
        }
    }
    // Every day of three leap years (0, 2000, 2024) and three others (1900, 2026, 2100) is
    // taken, and nothing else.
    assert_eq!(refused, 6 * 14 * 33 - (3 * 366 + 3 * 365));
    let mut copy = export();
    for (date, ok) in [("2024-02-29", true), ("2026-02-29", false)] {
        copy["upstream_checked"] = json!(date);
        assert_eq!(valid(&copy), ok, "{date}");
        assert_eq!(valid_by_lines(&copy), ok, "{date}, read line by line");
    }
}
