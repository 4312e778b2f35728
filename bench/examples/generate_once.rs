//! Runs the generator once on a synthetic catalogue of N entries (default 1500), for counting
//! instructions under callgrind, which are repeatable where timings on a shared machine are not:
//!
//! ```sh
//! valgrind --tool=callgrind --toggle-collect='codegen::generate*' \
//!     target/release/examples/generate_once 10000
//! ```

fn main() {
    let n = std::env::args()
        .nth(1)
        .map_or(1500, |a| a.parse().expect("a number of entries"));
    let text = aculab_errors_bench::synthetic_catalogue(n);
    let files =
        codegen::generate(std::hint::black_box(&text)).expect("the synthetic catalogue is valid");
    println!(
        "{n} entries: {} bytes generated",
        files.iter().map(|f| f.contents.len()).sum::<usize>()
    );
}
