//! Reading an error body: `ApiError::from_response` (lenient, lossless) and `ErrorResponse`
//! through serde, against parsing the same body into `serde_json::Value`.

use aculab_errors::{ApiError, ErrorResponse};
use divan::{black_box, Bencher};

/// `divan` by default. For instruction counts, which a shared machine does not disturb,
/// `RESPONSE_BENCH=WHAT:BODY:N` (WHAT one of `from_response`, `into_error_response`,
/// `into_json_value`) instead runs that parse N times and exits: under
/// `valgrind --tool=callgrind`, the count for N minus the count for 0, divided by N, is the
/// cost of one parse (see BENCHMARKS.md).
fn main() {
    match std::env::var("RESPONSE_BENCH") {
        Ok(spec) => count_only(&spec),
        Err(_) => divan::main(),
    }
}

fn count_only(spec: &str) {
    let mut parts = spec.split(':');
    let (what, name) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let n: u32 = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let body = body(name);
    assert!(!body.is_empty(), "no body named {name:?}");
    for _ in 0..n {
        match what {
            "from_response" => {
                black_box(ApiError::from_response(
                    black_box(503),
                    Some("application/json"),
                    black_box(body.as_bytes()),
                ));
            }
            "into_error_response" => {
                black_box(serde_json::from_str::<ErrorResponse>(black_box(body)).ok());
            }
            "into_json_value" => {
                black_box(serde_json::from_str::<serde_json::Value>(black_box(body)).ok());
            }
            _ => panic!("unknown benchmark {what:?}"),
        }
    }
}

const BODIES: [(&str, &str); 4] = [
    (
        "http_status",
        include_str!("../../aculab-errors/tests/bodies/http_status.json"),
    ),
    (
        "error_code",
        include_str!("../../aculab-errors/tests/bodies/error_code.json"),
    ),
    (
        "validation_details",
        include_str!("../../aculab-errors/tests/bodies/validation_details.json"),
    ),
    // An odd one: a numeric code, details as one string, unknown fields at every level.
    (
        "odd",
        r#"{"error": {"code": 18, "text": "Try later", "details": "disk full", "severity": "high",
            "datetime": "2022-12-12_11:32:41"}, "request": {"url": "/x", "method": "POST"},
            "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736"}"#,
    ),
];

const NAMES: [&str; 4] = ["http_status", "error_code", "validation_details", "odd"];

fn body(name: &str) -> &'static str {
    BODIES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, body)| body)
}

#[divan::bench(args = NAMES)]
fn from_response(b: Bencher, name: &str) {
    let body = body(name).as_bytes();
    b.bench(|| ApiError::from_response(black_box(503), Some("application/json"), black_box(body)));
}

#[divan::bench(args = NAMES)]
fn into_error_response(b: Bencher, name: &str) {
    let body = body(name);
    b.bench(|| serde_json::from_str::<ErrorResponse>(black_box(body)).ok());
}

#[divan::bench(args = NAMES)]
fn into_json_value(b: Bencher, name: &str) {
    let body = body(name);
    b.bench(|| serde_json::from_str::<serde_json::Value>(black_box(body)).ok());
}
