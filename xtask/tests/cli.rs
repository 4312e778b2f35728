//! The command line as a shell uses it: output piped into a reader that stops early.

use std::path::Path;
use std::process::{Command, Stdio};

/// A fixture project: xtask's small fixture catalogue and the copy of Aculab's page in a temp
/// dir, with xtask's manifest directory beside them (where `project_root` looks). The page lists
/// far more codes than the catalogue, so `sync` has drift to print.
fn project() -> tempfile::TempDir {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("xtask")).unwrap();
    std::fs::copy(fixtures.join("errors.yaml"), dir.path().join("errors.yaml")).unwrap();
    std::fs::copy(
        fixtures.join("upstream/page.txt"),
        dir.path().join("page.txt"),
    )
    .unwrap();
    dir
}

/// `cargo xtask sync PAGE | head -1`: the reader goes away before the report is written. The
/// command still exits with what it found (1, drift), and does not panic ("failed printing to
/// stdout: Broken pipe", exit 101).
#[test]
fn a_reader_that_stops_early_is_no_panic() {
    let dir = project();
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["sync", "page.txt"])
        .current_dir(dir.path())
        .env("CARGO_MANIFEST_DIR", dir.path().join("xtask"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
}

/// The same run with its reader kept says what drifted, so the test above had drift to print.
#[test]
fn the_fixture_page_drifts() {
    let dir = project();
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["sync", "page.txt"])
        .current_dir(dir.path())
        .env("CARGO_MANIFEST_DIR", dir.path().join("xtask"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("0002: added on the page"), "{stdout}");
}
