//! `cargo xtask gen [--check]`: regenerate, or verify, every file derived from `errors.yaml`.

mod gen;
mod write;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gen::{Mode, Options};

const USAGE: &str = "usage: cargo xtask gen [--check] [--allow-breaking]

  gen               regenerate every file derived from errors.yaml (writes only changed files)
  --check           write nothing; fail if a generated file is stale
  --allow-breaking  accept renamed or removed public names, or an unreadable docs/errors.json";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (Some(&"gen"), flags) = args
        .split_first()
        .map_or((None, &[][..]), |(c, r)| (Some(c), r))
    else {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    };
    let mut options = Options {
        mode: Mode::Write,
        allow_breaking: false,
    };
    for flag in flags {
        match *flag {
            "--check" => options.mode = Mode::Check,
            "--allow-breaking" => options.allow_breaking = true,
            other => {
                eprintln!("unknown argument `{other}`\n\n{USAGE}");
                return ExitCode::FAILURE;
            }
        }
    }
    match gen::run(&project_root(), options) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root, whatever the working directory.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace root")
        .to_path_buf()
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_files_are_fresh() {
        let options = super::Options {
            mode: super::Mode::Check,
            allow_breaking: false,
        };
        if let Err(e) = super::gen::run(&super::project_root(), options) {
            panic!("\n{e}");
        }
    }
}
