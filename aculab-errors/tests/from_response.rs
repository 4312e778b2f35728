//! `ApiError::from_response` over every kind of body a client meets: it never fails, gets the
//! kind right and loses nothing.
#![cfg(feature = "json")]

use aculab_errors::{ApiError, ErrorCode, ResponseKind};
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
    let cases: [Case; 15] = [
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
            br#"{"error": {"code": "0418", "text": "new"}}"#,
            ResponseKind::UnknownCode,
            Some("0418"),
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
            Some("0405"),
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

proptest! {
    #[test]
    fn any_bytes_read_without_panicking(status in any::<u16>(), body in proptest::collection::vec(any::<u8>(), 0..64)) {
        let err = ApiError::from_response(status, None, &body);
        prop_assert_eq!(err.status(), status);
        let line = err.to_string();
        let breaks = ['\n', '\r', '\u{2028}', '\u{2029}'];
        prop_assert!(!line.contains(breaks), "{:?}", line);
        if matches!(err.kind(), ResponseKind::NotJson | ResponseKind::Empty) {
            prop_assert_eq!(err.text(), String::from_utf8_lossy(&body));
        }
    }

    #[test]
    fn json_shaped_text_reads_without_panicking(body in r#"\{("error"|"request"|"code"|"details"|[a-z]{1,3}|[:,\[\]{}0-9. "]|null|true|-){0,24}\}?"#) {
        let err = ApiError::from_response(400, None, body.as_bytes());
        prop_assert!(!err.to_string().contains('\n'));
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
