//! Code lookups by number and by 4-digit wire string: aculab-errors against a dense-table floor,
//! phf, std's HashMap, binary search and a plain `match`.
//!
//! Every benchmark runs twice: over `learnable` inputs (the same 4,096 shuffled lookups every
//! iteration, which a branch predictor learns) and over `unlearnable` ones (2^20 shuffled
//! lookups, far more than a predictor remembers: what a service's stream of codes looks like).
//! In both, one input in ten, at random places, is a 4-digit number the catalogue does not have.

use aculab_errors::{ErrorCode, ResponseCode};
use aculab_errors_bench::{alternatives, *};
use divan::counter::ItemsCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

/// Runs `lookup` over every input, keeping each result alive.
fn batch<T: Sync, R>(bencher: Bencher, inputs: &[T], lookup: impl Fn(&T) -> R + Sync) {
    bencher.counter(ItemsCount::new(inputs.len())).bench(|| {
        for input in black_box(inputs) {
            black_box(lookup(input));
        }
    });
}

/// The same benchmarks over the inputs `$numbers` (and their wire strings).
macro_rules! lookups {
    ($numbers:expr) => {
        use super::*;

        fn numbers() -> Vec<u16> {
            $numbers
        }

        fn wire_strings() -> Vec<&'static str> {
            wire_strings_of(&numbers())
        }

        mod by_number {
            use super::*;

            /// The floor: one load from a dense table indexed by the number.
            #[divan::bench]
            fn floor_dense_table(b: Bencher) {
                let table = dense_table();
                batch(b, &numbers(), |&n| table[usize::from(n)]);
            }

            #[divan::bench]
            fn aculab_from_u16(b: Bencher) {
                batch(b, &numbers(), |&n| ErrorCode::from_u16(n));
            }

            #[divan::bench]
            fn phf_map(b: Bencher) {
                batch(b, &numbers(), |n| {
                    alternatives::PHF_BY_NUMBER.get(n).copied()
                });
            }

            #[divan::bench]
            fn std_hashmap(b: Bencher) {
                let map = hash_by_number();
                batch(b, &numbers(), |n| map.get(n).copied());
            }

            #[divan::bench]
            fn binary_search(b: Bencher) {
                batch(b, &numbers(), |&n| aculab_errors_bench::binary_search(n));
            }

            #[divan::bench]
            fn plain_match(b: Bencher) {
                batch(b, &numbers(), |&n| alternatives::match_number(n));
            }
        }

        mod by_wire_string {
            use super::*;

            /// Reference: only reads each input's four bytes, no lookup.
            #[divan::bench]
            fn read_input_only(b: Bencher) {
                batch(b, &wire_strings(), |s| {
                    s.as_bytes()
                        .first_chunk::<4>()
                        .map(|w| u32::from_le_bytes(*w))
                });
            }

            /// What `FromStr` returns, kept whole.
            #[divan::bench]
            fn aculab_from_str(b: Bencher) {
                batch(b, &wire_strings(), |s| s.parse::<ErrorCode>());
            }

            /// The same, turned into an `Option` as a caller might.
            #[divan::bench]
            fn aculab_from_str_then_ok(b: Bencher) {
                batch(b, &wire_strings(), |s| s.parse::<ErrorCode>().ok());
            }

            #[divan::bench]
            fn phf_map(b: Bencher) {
                batch(b, &wire_strings(), |s| {
                    alternatives::PHF_BY_STR.get(s).copied()
                });
            }

            #[divan::bench]
            fn std_hashmap(b: Bencher) {
                let map = hash_by_str();
                batch(b, &wire_strings(), |s| map.get(s).copied());
            }

            #[divan::bench]
            fn binary_search(b: Bencher) {
                batch(b, &wire_strings(), |s| binary_search_str(s));
            }

            #[divan::bench]
            fn plain_match(b: Bencher) {
                batch(b, &wire_strings(), |s| alternatives::match_str(s));
            }

            #[divan::bench]
            fn aculab_response_code(b: Bencher) {
                batch(b, &wire_strings(), |s| ResponseCode::new(s));
            }
        }

        mod accessors_after_lookup {
            use super::*;

            /// The floor: one load from a dense table of statuses indexed by the number.
            #[divan::bench]
            fn floor_dense_status_table(b: Bencher) {
                let table = dense_status_table();
                batch(b, &numbers(), |&n| table[usize::from(n)]);
            }

            #[divan::bench]
            fn http_status(b: Bencher) {
                batch(b, &numbers(), |&n| {
                    ErrorCode::from_u16(n).and_then(ErrorCode::http_status)
                });
            }

            #[divan::bench]
            fn description(b: Bencher) {
                batch(b, &numbers(), |&n| {
                    ErrorCode::from_u16(n).map(ErrorCode::description)
                });
            }

            #[divan::bench]
            fn is_retryable(b: Bencher) {
                batch(b, &numbers(), |&n| {
                    ErrorCode::from_u16(n).is_some_and(ErrorCode::is_retryable)
                });
            }

            #[divan::bench]
            fn phf_then_http_status(b: Bencher) {
                batch(b, &numbers(), |n| {
                    alternatives::PHF_BY_NUMBER
                        .get(n)
                        .and_then(|c| c.http_status())
                });
            }
        }
    };
}

/// The same 4,096 inputs every iteration.
mod learnable {
    lookups!(numbers_n(BATCH, 0x5eed));
}

/// 2^20 inputs, each seen once per iteration.
mod unlearnable {
    lookups!(numbers_n(UNLEARNABLE, 0xfeed));
}
