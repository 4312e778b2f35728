//! The READMEs read well on GitHub and crates.io: no hidden `# ` lines (which GitHub shows), no
//! `.expect()` in the first example, the features named in the dependency line; and every Rust
//! example in the repository README's "Using the crate" is one of this crate's README, which the
//! doctests compile and run (the repository README is checked where it exists, in the
//! repository; the packaged crate has only its own).

const CRATE_README: &str = include_str!("../README.md");

/// The bodies of the fenced blocks of `lang` in `markdown`.
fn blocks<'a>(markdown: &'a str, lang: &str) -> Vec<&'a str> {
    let fence = format!("```{lang}\n");
    markdown
        .split(fence.as_str())
        .skip(1)
        .filter_map(|rest| rest.split_once("```").map(|(body, _)| body))
        .collect()
}

fn check(readme: &str, name: &str) {
    let rust = blocks(readme, "rust");
    assert!(!rust.is_empty(), "{name}: no Rust example");
    for block in &rust {
        for line in block.lines() {
            let hidden = line.trim_start() == "#" || line.trim_start().starts_with("# ");
            assert!(!hidden, "{name}: hidden line {line:?}");
        }
    }
    assert!(
        !rust[0].contains(".expect("),
        "{name}: .expect() in the first example"
    );
    let toml = blocks(readme, "toml");
    assert!(
        toml.iter()
            .any(|t| t.contains("aculab-errors = { version = \"0.1\", features = [")),
        "{name}: the dependency line names no features"
    );
    assert!(
        readme.contains("ErrorResponse") && readme.contains("ApiError"),
        "{name}: no word on ErrorResponse and ApiError"
    );
}

#[test]
fn the_crate_readme_reads_well() {
    check(CRATE_README, "aculab-errors/README.md");
    assert!(blocks(CRATE_README, "rust")
        .iter()
        .any(|b| b.contains("ErrorResponse::new") || b.contains("from_str::<ErrorResponse>")));
}

#[test]
fn the_repository_readme_shows_only_tested_examples() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md");
    let Ok(repository) = std::fs::read_to_string(path) else {
        // The packaged crate: only its own README, checked above, exists.
        assert!(!std::path::Path::new(path).exists());
        return;
    };
    let Some((_, section)) = repository.split_once("## Using the crate") else {
        // Some other README sits above this crate: not ours to check.
        return;
    };
    let section = section.split("\n## ").next().unwrap_or_default();
    check(section, "README.md, Using the crate");
    let tested = blocks(CRATE_README, "rust");
    for block in blocks(section, "rust") {
        assert!(
            tested.contains(&block),
            "README.md has an example that aculab-errors/README.md (the doctested one) lacks:\n{block}"
        );
    }
}
