//! The generator end to end (parse, validate, emit Rust/Markdown/JSON, format) as the catalogue
//! grows. 10,000 is every possible four-digit code, the largest valid catalogue.

use aculab_errors_bench::synthetic_catalogue;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

#[divan::bench]
fn real_catalogue(b: Bencher) {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../errors.yaml")).unwrap();
    b.bench(|| codegen::generate(black_box(&text)).unwrap());
}

#[divan::bench(args = [1_500, 10_000], sample_count = 10, sample_size = 1)]
fn generate(b: Bencher, entries: usize) {
    let text = synthetic_catalogue(entries);
    b.bench(|| codegen::generate(black_box(&text)).unwrap());
}

#[divan::bench(args = [1_500, 10_000], sample_count = 10, sample_size = 1)]
fn load_only(b: Bencher, entries: usize) {
    let text = synthetic_catalogue(entries);
    b.bench(|| codegen::load(black_box(&text)).unwrap());
}

#[divan::bench(args = [1_500, 10_000], sample_count = 10, sample_size = 1)]
fn render_only(b: Bencher, entries: usize) {
    let cat = codegen::load(&synthetic_catalogue(entries)).unwrap();
    b.bench(|| codegen::render(black_box(&cat)));
}

#[divan::bench(args = [1_500, 10_000], sample_count = 10, sample_size = 1)]
fn rust_emitter(b: Bencher, entries: usize) {
    let cat = codegen::load(&synthetic_catalogue(entries)).unwrap();
    b.bench(|| codegen::rust::render(black_box(&cat)));
}

#[divan::bench(args = [1_500, 10_000], sample_count = 10, sample_size = 1)]
fn markdown_emitter(b: Bencher, entries: usize) {
    let cat = codegen::load(&synthetic_catalogue(entries)).unwrap();
    b.bench(|| codegen::markdown::render(black_box(&cat)));
}

#[divan::bench(args = [1_500, 10_000], sample_count = 10, sample_size = 1)]
fn json_emitter(b: Bencher, entries: usize) {
    let cat = codegen::load(&synthetic_catalogue(entries)).unwrap();
    b.bench(|| codegen::json::render(black_box(&cat)));
}
