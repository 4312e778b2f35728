//! The `parse_response` example shows what a server sent without acting on it.
#![cfg(feature = "json")]

#[allow(dead_code)]
#[path = "../examples/parse_response.rs"]
mod parse_response;

use aculab_errors::ApiError;

#[test]
fn details_and_the_link_are_shown_escaped_one_line_each() {
    let body = br#"{"error": {"code": "0405", "text": "Invalid\ntoken",
        "details": ["a\nb", "\u001b[2J\u202e"], "link": "https://x/\r\nSet-Cookie: y"}}"#;
    let report = parse_response::report(&ApiError::from_response(404, None, body));
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(
        lines,
        [
            r"0405 invalid_token (HTTP 404): Invalid\ntoken",
            "Ask for a fresh token.",
            r"  - a\nb",
            r"  - \u{001b}[2J\u{202e}",
            lines[4],
            "Retry: no; fix the request first.",
            r"Docs: https://x/\r\nSet-Cookie: y",
        ]
    );
    assert!(lines[4].starts_with("Remedy: "), "{report}");
    assert!(!report.contains(['\u{1b}', '\r', '\u{202e}']), "{report:?}");
}
