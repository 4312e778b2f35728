//! Issue 14's targets, measured in one run side by side and reported as ratios.
//!
//! `cargo bench -p aculab-errors-bench --bench ratios` times every lookup over the same inputs,
//! in rounds that take each contender in turn (so a busy machine slows them all alike), and
//! prints per-lookup medians with their ratios against the dense-table floor, phf and std's
//! `HashMap`, then each target with the figure that decides it. Inputs as in `lookup.rs`:
//! learnable (the same 4,096 every pass) and unlearnable (2^20 shuffled, each seen once per
//! pass); one in ten is a four-digit number the catalogue does not have.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Instant;

use aculab_errors::ErrorCode;
use aculab_errors_bench::*;

/// Rounds per input set; each contender's figure is the median over them.
const ROUNDS: usize = 31;

/// What a contender is compared with: the phf and `HashMap` contenders of the same kind.
#[derive(Clone, Copy)]
enum Kind {
    ByNumber,
    ByString,
    Accessor,
    StringAccessor,
}

impl Kind {
    fn baselines(self) -> (&'static str, &'static str) {
        match self {
            Kind::ByNumber => ("phf by number", "HashMap by number"),
            Kind::ByString => ("phf by string", "HashMap by string"),
            Kind::Accessor => ("phf, then http_status", "HashMap, then http_status"),
            Kind::StringAccessor => (
                "phf by string, then http_status",
                "HashMap by string, then http_status",
            ),
        }
    }
}

/// One contender: a name, its kind, and a pass over all inputs.
struct Contender<'a> {
    name: &'static str,
    kind: Kind,
    pass: Box<dyn Fn() + 'a>,
}

fn contender<'a>(name: &'static str, kind: Kind, pass: impl Fn() + 'a) -> Contender<'a> {
    Contender {
        name,
        kind,
        pass: Box::new(pass),
    }
}

/// Every result kept alive, as a caller would use it.
fn each<T, R>(inputs: &[T], lookup: impl Fn(&T) -> R) {
    for input in black_box(inputs) {
        black_box(lookup(input));
    }
}

/// Every result summed, as a caller counting or totalling them would use it: no store per
/// lookup, so the caller's own test of the lookup is left to the compiler.
fn sum<T>(inputs: &[T], lookup: impl Fn(&T) -> u64) {
    let mut total = 0u64;
    for input in black_box(inputs) {
        total = total.wrapping_add(lookup(input));
    }
    black_box(total);
}

/// Median nanoseconds per lookup of each contender, `passes` passes over `items` inputs per
/// sample.
fn measure(contenders: &[Contender], items: usize, passes: usize) -> Vec<f64> {
    for c in contenders {
        (c.pass)(); // warm caches and tables
    }
    let mut samples = vec![Vec::with_capacity(ROUNDS); contenders.len()];
    for _ in 0..ROUNDS {
        for (c, s) in contenders.iter().zip(&mut samples) {
            let start = Instant::now();
            for _ in 0..passes {
                (c.pass)();
            }
            s.push(start.elapsed().as_nanos() as f64 / (items * passes) as f64);
        }
    }
    samples
        .into_iter()
        .map(|mut s| {
            s.sort_by(f64::total_cmp);
            s[s.len() / 2]
        })
        .collect()
}

struct Figures {
    names: Vec<&'static str>,
    kinds: Vec<Kind>,
    ns: Vec<f64>,
}

impl Figures {
    fn get(&self, name: &str) -> f64 {
        self.ns[self.names.iter().position(|&n| n == name).unwrap()]
    }
}

fn run(label: &str, numbers: &[u16], passes: usize) -> Figures {
    let strings = wire_strings_of(numbers);
    let dense = dense_table();
    let statuses = dense_status_table();
    // The statuses with 0 for none: summing `Option`s would put the floor's own test in the loop.
    let plain: Vec<u16> = statuses.iter().map(|s| s.unwrap_or(0)).collect();
    let by_number = hash_by_number();
    let by_str: HashMap<&str, ErrorCode> = hash_by_str();
    let phf_n = &alternatives::PHF_BY_NUMBER;
    let phf_s = &alternatives::PHF_BY_STR;
    let contenders = [
        // By number.
        contender("floor: dense table by number", Kind::ByNumber, || {
            each(numbers, |&n| dense[usize::from(n)])
        }),
        contender("ErrorCode::from_u16", Kind::ByNumber, || {
            each(numbers, |&n| ErrorCode::from_u16(n))
        }),
        contender("ErrorCode::try_from(n).ok()", Kind::ByNumber, || {
            each(numbers, |&n| ErrorCode::try_from(n).ok())
        }),
        contender("phf by number", Kind::ByNumber, || {
            each(numbers, |n| phf_n.get(n).copied())
        }),
        contender("HashMap by number", Kind::ByNumber, || {
            each(numbers, |n| by_number.get(n).copied())
        }),
        // By wire string.
        contender("str::parse::<ErrorCode>().ok()", Kind::ByString, || {
            each(&strings, |s| s.parse::<ErrorCode>().ok())
        }),
        contender("phf by string", Kind::ByString, || {
            each(&strings, |s| phf_s.get(s).copied())
        }),
        contender("HashMap by string", Kind::ByString, || {
            each(&strings, |s| by_str.get(s).copied())
        }),
        // Lookup plus an accessor.
        contender("floor: dense table of statuses", Kind::Accessor, || {
            each(numbers, |&n| statuses[usize::from(n)])
        }),
        contender("from_u16, then http_status", Kind::Accessor, || {
            each(numbers, |&n| {
                ErrorCode::from_u16(n).and_then(ErrorCode::http_status)
            })
        }),
        contender("try_from, then http_status", Kind::Accessor, || {
            each(numbers, |&n| {
                ErrorCode::try_from(n).ok().and_then(ErrorCode::http_status)
            })
        }),
        contender("from_u16, then name", Kind::Accessor, || {
            each(numbers, |&n| ErrorCode::from_u16(n).map(ErrorCode::name))
        }),
        contender("from_u16, then is_retryable", Kind::Accessor, || {
            each(numbers, |&n| {
                ErrorCode::from_u16(n).is_some_and(ErrorCode::is_retryable)
            })
        }),
        contender("parse, then http_status", Kind::StringAccessor, || {
            each(&strings, |s| {
                s.parse::<ErrorCode>().ok().and_then(ErrorCode::http_status)
            })
        }),
        contender("from_u16, then category", Kind::Accessor, || {
            each(numbers, |&n| {
                ErrorCode::from_u16(n).map(ErrorCode::category)
            })
        }),
        contender("from_u16, then retry_after", Kind::Accessor, || {
            each(numbers, |&n| {
                ErrorCode::from_u16(n).and_then(ErrorCode::retry_after)
            })
        }),
        contender("from_u16, then description", Kind::Accessor, || {
            each(numbers, |&n| {
                ErrorCode::from_u16(n).map(ErrorCode::description)
            })
        }),
        // The same, summed the ways a caller would write it.
        contender("floor, summed: u16 statuses", Kind::Accessor, || {
            sum(numbers, |&n| u64::from(plain[usize::from(n)]))
        }),
        contender("summed: if let, http_status", Kind::Accessor, || {
            sum(numbers, |&n| {
                if let Some(code) = ErrorCode::from_u16(n) {
                    u64::from(code.http_status().unwrap_or(0))
                } else {
                    0
                }
            })
        }),
        contender("summed: map_or, is_retryable", Kind::Accessor, || {
            sum(numbers, |&n| {
                ErrorCode::from_u16(n).map_or(0, |c| u64::from(c.is_retryable()))
            })
        }),
        contender("summed: map_or, category", Kind::Accessor, || {
            sum(numbers, |&n| {
                ErrorCode::from_u16(n).map_or(0, |c| c.category() as u64)
            })
        }),
        contender(
            "summed: map_or, description().len()",
            Kind::Accessor,
            || {
                sum(numbers, |&n| {
                    ErrorCode::from_u16(n).map_or(0, |c| c.description().len() as u64)
                })
            },
        ),
        contender("phf, then http_status", Kind::Accessor, || {
            each(numbers, |n| phf_n.get(n).and_then(|c| c.http_status()))
        }),
        contender("HashMap, then http_status", Kind::Accessor, || {
            each(numbers, |n| by_number.get(n).and_then(|c| c.http_status()))
        }),
        contender(
            "phf by string, then http_status",
            Kind::StringAccessor,
            || each(&strings, |s| phf_s.get(s).and_then(|c| c.http_status())),
        ),
        contender(
            "HashMap by string, then http_status",
            Kind::StringAccessor,
            || each(&strings, |s| by_str.get(s).and_then(|c| c.http_status())),
        ),
    ];
    let ns = measure(&contenders, numbers.len(), passes);
    let figures = Figures {
        names: contenders.iter().map(|c| c.name).collect(),
        kinds: contenders.iter().map(|c| c.kind).collect(),
        ns,
    };

    println!(
        "\n{label}: {} inputs, median of {ROUNDS} rounds",
        numbers.len()
    );
    println!(
        "{:<36} {:>8} {:>9} {:>8} {:>10}",
        "lookup", "ns", "× floor", "× phf", "× HashMap"
    );
    let floor = figures.get("floor: dense table by number");
    for (i, name) in figures.names.iter().enumerate() {
        let (phf, hash) = figures.kinds[i].baselines();
        let ns = figures.ns[i];
        println!(
            "{name:<36} {ns:>8.2} {:>9.2} {:>8.3} {:>10.3}",
            ns / floor,
            ns / figures.get(phf),
            ns / figures.get(hash),
        );
    }
    figures
}

fn main() {
    // `cargo bench` passes `--bench`; anything else is a filter this harness does not offer.
    let learnable = run("learnable", &numbers_n(BATCH, 0x5eed), 256);
    let unlearnable = run("unlearnable", &numbers_n(UNLEARNABLE, 0xfeed), 1);

    println!("\nIssue 14's targets, on unlearnable inputs (learnable in brackets):");
    let target = |what: &str, a: &str, b: &str, bound: f64| {
        let ratio = |f: &Figures| f.get(a) / f.get(b);
        let r = ratio(&unlearnable);
        println!(
            "  {what:<58} {r:>6.3} ({:.3})  target ≤ {bound}: {}",
            ratio(&learnable),
            if r <= bound { "met" } else { "NOT MET" }
        );
    };
    target(
        "by number, × phf",
        "ErrorCode::from_u16",
        "phf by number",
        0.25,
    );
    target(
        "by string, × phf",
        "str::parse::<ErrorCode>().ok()",
        "phf by string",
        0.25,
    );
    target(
        "from_u16 then http_status, × one dense-table load",
        "from_u16, then http_status",
        "floor: dense table by number",
        3.0,
    );
    target(
        "from_u16 then http_status, × the dense table of statuses",
        "from_u16, then http_status",
        "floor: dense table of statuses",
        3.0,
    );
    target(
        "by number (try_from(n).ok()), × phf",
        "ErrorCode::try_from(n).ok()",
        "phf by number",
        0.25,
    );
    for (what, accessor) in [
        (
            "try_from then http_status, × one dense-table load",
            "try_from, then http_status",
        ),
        (
            "from_u16 then is_retryable, × one dense-table load",
            "from_u16, then is_retryable",
        ),
        (
            "from_u16 then category, × one dense-table load",
            "from_u16, then category",
        ),
        (
            "from_u16 then retry_after, × one dense-table load",
            "from_u16, then retry_after",
        ),
        (
            "from_u16 then name, × one dense-table load",
            "from_u16, then name",
        ),
        (
            "from_u16 then description, × one dense-table load",
            "from_u16, then description",
        ),
    ] {
        target(what, accessor, "floor: dense table by number", 3.0);
    }
    for (what, accessor) in [
        (
            "summed: if let, http_status, × summed floor",
            "summed: if let, http_status",
        ),
        (
            "summed: map_or, is_retryable, × summed floor",
            "summed: map_or, is_retryable",
        ),
        (
            "summed: map_or, category, × summed floor",
            "summed: map_or, category",
        ),
        (
            "summed: map_or, description().len(), × summed floor",
            "summed: map_or, description().len()",
        ),
    ] {
        target(what, accessor, "floor, summed: u16 statuses", 3.0);
    }
}
