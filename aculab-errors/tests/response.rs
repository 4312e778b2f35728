//! Error responses: the seed's example bodies and odd ones, parsed and round-tripped.
#![cfg(all(feature = "serde", feature = "alloc"))]

use aculab_errors::{ApiError, ErrorCode, ErrorResponse, ResponseCode, Timestamp};
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

#[test]
fn the_documented_examples_parse_and_round_trip() {
    let [http, code, details] = SEED_BODIES.map(round_trip);

    assert_eq!(http.error.code.as_str(), "HTTP 400");
    assert_eq!(
        (http.error.code.error_code(), http.error.code.http_status()),
        (None, Some(400))
    );
    assert!(http.error.details.is_empty());
    assert_eq!(http.request.url, "/voice_biometrics/v1/user/register");

    assert_eq!(code.error.code, ErrorCode::InvalidToken);
    assert_eq!(
        code.error.timestamp(),
        "2022-12-12_11:32:41".parse::<Timestamp>()
    );
    assert_eq!(code.request.url, "/file_delete_progress");

    assert_eq!(details.error.details.len(), 6);
    assert!(details.error.details[2].contains("['GET', 'POST']"));
    let t = details.request.timestamp().unwrap();
    assert_eq!(
        (t.year(), t.month(), t.day(), t.second()),
        (2021, 1, 15, 23)
    );
}

#[test]
fn unknown_codes_odd_text_and_extra_fields_survive() {
    let body = json!({
        "error": {
            "code": "0418",
            "text": "Ünïcödé — 日本語 \"quoted\" \\ back\nslash",
            "details": ["é", ""],
            "datetime": "not a date",
            "link": "",
            "severity": "high"
        },
        "request": {"url": "/x?y=1&z=ü", "datetime": "2021-02-29_00:00:00", "method": "POST"},
        "trace_id": 42
    });
    let parsed: ErrorResponse = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(parsed.error.code.error_code(), None);
    assert_eq!(parsed.error.code.number(), Some(418));
    assert_eq!(parsed.error.code.to_string(), "0418");
    assert!(parsed.error.text.contains("日本語"));
    // Odd timestamps stay readable as strings; parsing them is a separate, fallible step.
    assert!(parsed.error.timestamp().is_err());
    assert!(
        parsed.request.timestamp().is_err(),
        "2021 is not a leap year"
    );
    // Extra fields are dropped; everything the types hold comes back unchanged.
    let mut expected = body;
    expected["error"]
        .as_object_mut()
        .unwrap()
        .remove("severity");
    expected["request"]
        .as_object_mut()
        .unwrap()
        .remove("method");
    expected.as_object_mut().unwrap().remove("trace_id");
    assert_eq!(serde_json::to_value(&parsed).unwrap(), expected);
}

#[test]
fn absent_or_null_details_are_empty_and_omitted_on_output() {
    for details in [None, Some(Value::Null), Some(json!([]))] {
        let mut body = json!({
            "error": {"code": "HTTP 503", "text": "t", "datetime": "d", "link": "l"},
            "request": {"url": "u", "datetime": "d"}
        });
        if let Some(d) = details {
            body["error"]["details"] = d;
        }
        let parsed: ErrorResponse = serde_json::from_value(body).unwrap();
        assert!(parsed.error.details.is_empty());
        assert!(parsed.error.code.is_retryable());
        let out = serde_json::to_value(&parsed).unwrap();
        assert!(out["error"].get("details").is_none());
    }
}

#[test]
fn wrong_types_are_errors_not_panics() {
    let cases = [
        r#"{"error": {"code": 405, "text": "t", "datetime": "d", "link": "l"}, "request": {"url": "u", "datetime": "d"}}"#,
        r#"{"error": {"code": "0405", "text": "t", "details": "one", "datetime": "d", "link": "l"}, "request": {"url": "u", "datetime": "d"}}"#,
        r#"{"error": {"code": "0405", "text": "t", "datetime": "d", "link": "l"}}"#,
        r#"{"error": null, "request": {"url": "u", "datetime": "d"}}"#,
        r#"[]"#,
        r#"{"error": {"code": "0405""#,
    ];
    for body in cases {
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
    let err = serde_json::from_str::<ErrorCode>(r#""0502""#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("0502 is not a catalogued"), "{err}");
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

#[test]
fn api_error_is_one_line_with_code_name_status_and_text() {
    let body: ErrorResponse = serde_json::from_str(SEED_BODIES[1]).unwrap();
    let err = ApiError::new(404, body);
    assert_eq!(
        err.to_string(),
        "0405 invalid_token (HTTP 404): Invalid token; token is either invalid, lapsed, or otherwise unidentified."
    );
    assert_eq!(
        err.description(),
        Some(ErrorCode::InvalidToken.description())
    );
    assert_eq!(err.remedy(), ErrorCode::InvalidToken.remedy());
    assert_eq!(
        err.link(),
        "https://www.aculab.com/cloud/web-services/web-service-errors?error=0405"
    );
    assert!(!err.is_retryable());
    let source: &dyn std::error::Error = &err;
    assert!(source.source().is_none());

    let mut body: ErrorResponse = serde_json::from_str(SEED_BODIES[0]).unwrap();
    body.error.text = "line one\r\nline two\n".into();
    let err = ApiError::new(400, body.clone());
    assert_eq!(err.to_string(), "HTTP 400: line one line two");
    assert!(!err.to_string().contains('\n'));
    body.error.code = ResponseCode::new("0418");
    let err = ApiError::new(503, body);
    assert_eq!(err.to_string(), "0418 (HTTP 503): line one line two");
    assert!(
        err.is_retryable(),
        "an unknown code with a 503 status is worth retrying"
    );
}
