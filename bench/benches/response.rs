//! Reading an error body: `ApiError::from_response` (lenient, lossless) and `ErrorResponse`
//! through serde, against parsing the same body into `serde_json::Value`.

use aculab_errors::{ApiError, ErrorResponse};
use divan::{black_box, Bencher};

fn main() {
    divan::main();
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
