//! One small catalogue per kind of mistake, in `tests/fixtures/`. The `# expect:` lines at the end
//! of each fixture are exactly the diagnostics `codegen::load` must report, in order; a fixture
//! with none must load.

use std::fs;
use std::path::Path;

const EXPECT: &str = "# expect: ";

#[test]
fn every_fixture_reports_exactly_its_expected_problems() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    assert!(paths.len() >= 25, "fixtures missing from {}", dir.display());
    let mut failures = Vec::new();
    for path in &paths {
        let bytes = fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let expected: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix(EXPECT))
            .collect();
        let actual: Vec<String> = match codegen::load_bytes(&bytes) {
            Ok(_) => Vec::new(),
            Err(d) => d.to_string().lines().map(str::to_string).collect(),
        };
        if actual != expected {
            failures.push(format!(
                "{}:\n  expected {expected:#?}\n  actual   {actual:#?}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A catalogue with `n` categories that all overlap, each used by one entry.
fn overlapping(n: usize) -> String {
    let mut text = String::from("links: \"https://x.y/{code}\"\ncategories:\n");
    for i in 0..n {
        text +=
            &format!("  - id: c{i}\n    title: T\n    range: \"0000-9999\"\n    description: D\n");
    }
    text += "errors:\n";
    for i in 0..n {
        text += &format!("  - code: \"{i:04}\"\n    name: n{i}\n    category: c{i}\n    retry: false\n    description: D\n");
    }
    text
}

/// Thousands of one mistake give a short report: each kind is listed up to a cap, then counted;
/// past [`MAX_PROBLEMS`] reading stops, and the report says where.
#[test]
fn diagnostics_stay_short_however_many_problems() {
    use codegen::diagnostic::{MAX_PER_KIND, MAX_PROBLEMS};
    for n in [2_000, 10_000] {
        let report = codegen::load(&overlapping(n)).unwrap_err();
        assert_eq!(report.count(), MAX_PROBLEMS, "{n}");
        assert!(report.is_cut(), "{n}");
        let text = report.to_string();
        assert!(text.len() < 4_000, "{n}: {} bytes", text.len());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[lines.len() - 2],
            format!(
                "errors.yaml:{}: and {} more problems like the one at line 7",
                7 + 4 * MAX_PER_KIND,
                MAX_PROBLEMS - MAX_PER_KIND
            ),
            "{text}"
        );
        assert!(
            lines[lines.len() - 1].starts_with(&format!(
                "errors.yaml:{}: stopped reading here, after {MAX_PROBLEMS} problems",
                7 + 4 * MAX_PROBLEMS
            )),
            "{text}"
        );
    }
}

/// A file of nothing but one mistake, as large as accepted, costs no more than a small one: the
/// parser stops at [`MAX_PROBLEMS`] (memory stays that of a thousand problems, not millions).
#[test]
fn millions_of_one_mistake_are_not_all_collected() {
    use codegen::diagnostic::MAX_PROBLEMS;
    let max = codegen::load::MAX_CATALOGUE_BYTES;
    for (text, line) in [
        ("a: 1\n".repeat(max / 5), MAX_PROBLEMS + 2),
        ("\0\n".repeat(max / 2), MAX_PROBLEMS + 1),
    ] {
        let report = codegen::load(&text).unwrap_err();
        assert_eq!(report.0.len(), MAX_PROBLEMS + 1);
        assert_eq!(report.0.last().map(|d| d.line), Some(line));
    }
    let report = codegen::load_bytes(&b"\xff\n".repeat(max / 2)).unwrap_err();
    assert_eq!(report.0.len(), MAX_PROBLEMS + 1);
    assert!(report.is_cut());
}

#[test]
fn a_catalogue_beyond_the_size_cap_is_refused_before_parsing() {
    let big = vec![b'#'; codegen::load::MAX_CATALOGUE_BYTES + 1];
    let report = codegen::load_bytes(&big).unwrap_err().to_string();
    assert!(
        report.starts_with("errors.yaml:1: the catalogue is 16777217 bytes, more than"),
        "{report}"
    );
}

/// A file of nothing but tiny values, within the size cap, is refused where it holds more
/// values than any catalogue can (16 MiB of `1,` held 700 MB as a tree of eight million).
#[test]
fn more_values_than_any_catalogue_holds_are_refused_at_the_line_past_the_cap() {
    use codegen::yaml::MAX_VALUES;
    // The mapping, its key and the list are three values; item `k` is on line `k + 1`.
    let text = format!("x:\n{}", "- 1\n".repeat(MAX_VALUES));
    let report = codegen::load(&text).unwrap_err().to_string();
    let expected = format!(
        "errors.yaml:{}: the catalogue holds more than {MAX_VALUES} values",
        MAX_VALUES - 1
    );
    assert!(report.starts_with(&expected), "{report:.300}");
    assert_eq!(report.lines().count(), 1, "{report:.600}");
}
