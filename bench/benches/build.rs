//! What a clean build of aculab-errors costs a user: `cargo build` of the crate alone (default
//! features, so no dependencies) into an empty target directory, in debug and release.

use std::path::{Path, PathBuf};
use std::process::Command;

use divan::Bencher;

fn main() {
    divan::main();
}

fn clean_build(b: Bencher, release: bool) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let target: PathBuf = root.join("target/build-cost");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    b.with_inputs(|| {
        let _ = std::fs::remove_dir_all(&target);
    })
    .bench_values(|()| {
        let mut cmd = Command::new(&cargo);
        cmd.args([
            "build",
            "--quiet",
            "--offline",
            "-p",
            "aculab-errors",
            "--target-dir",
        ])
        .arg(&target)
        .current_dir(&root);
        if release {
            cmd.arg("--release");
        }
        assert!(cmd.status().unwrap().success());
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn debug(b: Bencher) {
    clean_build(b, false);
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn release(b: Bencher) {
    clean_build(b, true);
}
