//! Parsing an error body into `ErrorResponse` against parsing it into `serde_json::Value`.

use aculab_errors::ErrorResponse;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

const BODIES: [(&str, &str); 3] = [
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
];

fn body(name: &str) -> &'static str {
    BODIES.iter().find(|(n, _)| *n == name).unwrap().1
}

#[divan::bench(args = ["http_status", "error_code", "validation_details"])]
fn into_error_response(b: Bencher, name: &str) {
    let body = body(name);
    b.bench(|| serde_json::from_str::<ErrorResponse>(black_box(body)).unwrap());
}

#[divan::bench(args = ["http_status", "error_code", "validation_details"])]
fn into_json_value(b: Bencher, name: &str) {
    let body = body(name);
    b.bench(|| serde_json::from_str::<serde_json::Value>(black_box(body)).unwrap());
}
