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
        let text = fs::read_to_string(path).unwrap();
        let expected: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix(EXPECT))
            .collect();
        let actual: Vec<String> = match codegen::load(&text) {
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

#[test]
fn the_real_catalogue_loads() {
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../errors.yaml")).unwrap();
    let cat = codegen::load(&text).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(cat.entries.len(), 152);
    assert_eq!(cat.categories.len(), 12);
}
