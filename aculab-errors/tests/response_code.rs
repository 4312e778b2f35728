//! `ResponseCode`: the four kinds of `error.code` and what each answers.
#![cfg(feature = "alloc")]

use std::time::Duration;

use aculab_errors::{Category, ErrorCode, ResponseCode};

#[test]
fn classifies_each_kind_and_keeps_the_exact_text() {
    let known = ResponseCode::new("0026");
    assert_eq!(known.error_code(), Some(ErrorCode::ConferenceChangeTooSoon));
    assert_eq!((known.http_status(), known.number()), (Some(400), Some(26)));
    assert_eq!(known.retry_after(), Some(Duration::from_secs(60)));
    assert_eq!(known, ErrorCode::ConferenceChangeTooSoon);
    assert_eq!(
        ResponseCode::from(ErrorCode::ConferenceChangeTooSoon),
        known
    );

    let unknown = ResponseCode::new("1099");
    assert_eq!(
        (
            unknown.error_code(),
            unknown.number(),
            unknown.http_status()
        ),
        (None, Some(1099), None)
    );
    assert_eq!(unknown.category(), Some(Category::ServiceAvailability));
    assert!(!unknown.is_retryable());

    for (text, status, retryable) in [
        ("HTTP 418", 418, false),
        ("HTTP 429", 429, true),
        ("HTTP 502", 502, true),
        ("HTTP 503", 503, true),
        ("HTTP 504", 504, true),
        ("HTTP 500", 500, false),
    ] {
        let code = ResponseCode::new(text);
        assert_eq!(
            (code.http_status(), code.is_retryable(), code.number()),
            (Some(status), retryable, None),
            "{text}"
        );
        assert_eq!(code.retry_after(), None);
    }

    for other in [
        "",
        "405",
        " 0405",
        "HTTP 4000",
        "HTTP 40",
        "HTTP 600",
        "HTTP 099",
        "http 400",
        "HTTP  400",
        "E0405",
        "HTTP 4O4",
    ] {
        let code = ResponseCode::new(other);
        assert_eq!(
            (code.error_code(), code.http_status(), code.number()),
            (None, None, None),
            "{other:?}"
        );
        assert_eq!(code.to_string(), other);
    }
    assert_eq!(
        format!("{:?}", ResponseCode::new("0405")),
        "ResponseCode(InvalidToken)"
    );
    assert_eq!(
        format!("{:?}", ResponseCode::new("x")),
        "ResponseCode(\"x\")"
    );
}
