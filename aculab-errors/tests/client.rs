//! A real client (ureq) against a local server (127.0.0.1), over every kind of response:
//! plain and odd JSON, an unknown code, JSON with no code, HTML, XML, an empty body, Retry-After
//! in seconds, as a date and sent twice, the catalogue's wait, and a wait too long to honour. Bounded: the server stops after 40 requests or
//! 30 seconds, the client times out after 5 seconds, and no wait is slept.
#![cfg(feature = "http")]

#[path = "support/client.rs"]
mod client;
#[path = "support/server.rs"]
mod server;

use std::time::Duration;

use aculab_errors::{ErrorCode, GiveUpReason, Idempotency, ResponseKind, RetryPolicy};
use client::{Jitter, Outcome};

/// What one route must come to: its path; the first error's kind, code and text; how many
/// attempts; `None` if it succeeds in the end, or why it gives up; and the exact waits where the
/// server or the catalogue names them (`None` for jittered backoff).
type Expect = (
    &'static str,
    ResponseKind,
    Option<&'static str>,
    &'static str,
    u32,
    Option<GiveUpReason>,
    Option<&'static [u64]>,
);

const EXPECTED: &[Expect] = &[
    (
        "/plain",
        ResponseKind::Catalogued,
        Some("0405"),
        "Invalid token; token is either invalid, lapsed, or otherwise unidentified.",
        1,
        Some(GiveUpReason::NotRetryable),
        Some(&[]),
    ),
    (
        "/validation",
        ResponseKind::HttpStatus,
        Some("HTTP 400"),
        "Failed to validate configuration, see details for the specific failures.",
        1,
        Some(GiveUpReason::NotRetryable),
        Some(&[]),
    ),
    (
        "/odd",
        ResponseKind::Catalogued,
        Some("1001"),
        "Internal\r\nerror",
        2,
        None,
        None,
    ),
    (
        "/unknown",
        ResponseKind::UnknownCode,
        Some("9418"),
        "newer than the catalogue",
        3,
        Some(GiveUpReason::AttemptsExhausted),
        None,
    ),
    (
        "/html",
        ResponseKind::NotJson,
        None,
        "<html><body><h1>502 Bad Gateway</h1></body></html>\n",
        2,
        None,
        None,
    ),
    (
        "/xml",
        ResponseKind::NotJson,
        None,
        "<?xml version=\"1.0\"?><error><code>0405</code><text>Invalid token</text></error>",
        1,
        Some(GiveUpReason::NotRetryable),
        Some(&[]),
    ),
    ("/empty", ResponseKind::Empty, None, "", 3, None, None),
    (
        "/retry-seconds",
        ResponseKind::HttpStatus,
        Some("HTTP 429"),
        "Too Many Requests",
        2,
        None,
        Some(&[1]),
    ),
    (
        "/retry-date",
        ResponseKind::HttpStatus,
        Some("HTTP 503"),
        "Service Unavailable",
        2,
        None,
        Some(&[2]),
    ),
    (
        "/retry-too-long",
        ResponseKind::HttpStatus,
        Some("HTTP 503"),
        "Down for maintenance",
        1,
        Some(GiveUpReason::WaitTooLong(Duration::from_secs(86_400))),
        Some(&[]),
    ),
    (
        "/retry-twice",
        ResponseKind::HttpStatus,
        Some("HTTP 503"),
        "busy",
        2,
        None,
        Some(&[1]),
    ),
    (
        "/other",
        ResponseKind::OtherCode,
        None,
        r#"{"message": "slow down"}"#,
        2,
        None,
        None,
    ),
    (
        "/catalogue-wait",
        ResponseKind::Catalogued,
        Some("0026"),
        "too soon",
        2,
        None,
        Some(&[60]),
    ),
];

#[test]
fn a_real_client_follows_the_policy_over_every_kind_of_response() {
    assert_eq!(
        EXPECTED.len(),
        server::ROUTES.len(),
        "one expectation per route"
    );
    let server = server::Server::start(40, Duration::from_secs(30)).unwrap();
    let agent = client::agent();
    let policy = RetryPolicy::new();
    let mut jitter = Jitter(12_345);
    let mut requests = 0;
    for &(path, kind, code, text, attempts, gives_up, waits) in EXPECTED {
        let mut slept = Vec::new();
        let call = client::call(
            &agent,
            &server.url(path),
            Idempotency::Idempotent,
            &policy,
            &mut jitter,
            |wait| slept.push(wait),
        );
        requests += call.attempts;
        assert_eq!(call.attempts, attempts, "{path}: {call:?}");
        assert_eq!(slept, call.waits, "{path}");
        let first = &call.errors[0];
        assert_eq!(first.kind(), kind, "{path}");
        assert_eq!(first.code().map(|c| c.as_str()), code, "{path}");
        assert_eq!(first.text(), text, "{path}");
        assert_eq!(first.to_string().lines().count(), 1, "{path}");
        match (&call.outcome, gives_up) {
            (Outcome::Success(body), None) => assert_eq!(body, b"{\"ok\": true}", "{path}"),
            (Outcome::Failed(error, reason), Some(expected)) => {
                assert_eq!(*reason, expected, "{path}");
                assert_eq!(error.kind(), kind, "{path}");
            }
            (outcome, _) => panic!("{path}: unexpected {outcome:?}"),
        }
        match waits {
            Some(secs) => {
                let secs: Vec<Duration> = secs.iter().map(|&s| Duration::from_secs(s)).collect();
                assert_eq!(call.waits, secs, "{path}");
            }
            // Jittered backoff: at most 1 s before the first retry, 2 s before the second.
            None => {
                for (i, wait) in call.waits.iter().enumerate() {
                    assert!(*wait <= Duration::from_secs(1 << i), "{path}: {wait:?}");
                }
            }
        }
    }
    // A policy of one attempt never retries, whatever the response.
    let once = client::call(
        &agent,
        &server.url("/unknown"),
        Idempotency::NotIdempotent,
        &RetryPolicy::never(),
        &mut jitter,
        |_| {},
    );
    requests += once.attempts;
    assert_eq!(once.attempts, 1);
    assert!(matches!(
        once.outcome,
        Outcome::Failed(_, GiveUpReason::AttemptsExhausted)
    ));
    assert_eq!(server.stop(), requests);
}

#[test]
fn an_odd_json_body_loses_nothing_on_the_wire() {
    let server = server::Server::start(2, Duration::from_secs(10)).unwrap();
    let call = client::call(
        &client::agent(),
        &server.url("/odd"),
        Idempotency::NotIdempotent,
        &RetryPolicy::new(),
        &mut Jitter(1),
        |_| {},
    );
    let Outcome::Failed(error, reason) = call.outcome else {
        panic!("{:?}", call.outcome);
    };
    // 1001 may have been carried out: a request that is not idempotent is not sent again.
    assert_eq!(reason, GiveUpReason::NotIdempotent);
    assert_eq!(error.error_code(), ErrorCode::from_u16(1001));
    assert_eq!(error.details(), ["one string"]);
    assert_eq!(error.response().error().extra()["severity"], 2);
    assert_eq!(error.response().extra()["trace"], "x");
    assert_eq!(
        error.content_type(),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(
        error.to_string(),
        r"1001 internal_error (HTTP 500): Internal\r\nerror"
    );
    assert_eq!(server.stop(), 1);
}

#[test]
fn a_server_that_is_gone_is_a_transport_error_not_a_hang() {
    let server = server::Server::start(0, Duration::from_secs(1)).unwrap();
    let url = server.url("/plain");
    assert_eq!(server.stop(), 0);
    let call = client::call(
        &client::agent(),
        &url,
        Idempotency::Idempotent,
        &RetryPolicy::new(),
        &mut Jitter(1),
        |_| {},
    );
    assert!(
        matches!(&call.outcome, Outcome::Transport(why) if !why.is_empty()),
        "{call:?}"
    );
    assert_eq!(call.attempts, 1);
}
