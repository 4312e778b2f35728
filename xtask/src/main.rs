//! Project automation: `cargo xtask gen` regenerates, or verifies, every file derived from
//! `errors.yaml`; `cargo xtask site` writes the error index as a static site; `cargo xtask sync`
//! compares the catalogue with Aculab's official page.
mod gen;
mod site;
mod sync;
mod write;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gen::{Mode, Options};

const USAGE: &str = "usage: cargo xtask gen [--check] [--allow-breaking]
       cargo xtask site [DIR]
       cargo xtask sync [--write] PAGE

  gen               regenerate every file derived from errors.yaml (writes only changed files)
  --check           write nothing; fail if a generated file is stale
  --allow-breaking  accept renamed or removed public names, or an unreadable docs/errors.json
  site [DIR]        write the error index as a static site to DIR (default: target/site)
  sync PAGE         compare Aculab's official error page (saved as text or HTML) with errors.yaml
                    and upstream.tsv, code by code: exit 0 in step, 1 drift, 2 nothing compared
  --write           also scaffold added codes in errors.yaml and record the page in upstream.tsv";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    // Asked for, the usage is the answer: on standard output, and success.
    let asked = match args.as_slice() {
        [help] => HELP.contains(help),
        [_, flag] => HELP[..2].contains(flag),
        _ => false,
    };
    if asked {
        out(&format!("{USAGE}\n"));
        return ExitCode::SUCCESS;
    }
    match args.split_first() {
        Some((&"gen", flags)) => gen_command(flags),
        Some((&"site", rest)) => site_command(rest),
        Some((&"sync", rest)) => sync_command(rest),
        Some((other, _)) => usage_error(&format!("unknown command `{other}`")),
        None => usage_error("a command is needed"),
    }
}

/// The ways to ask for the usage: alone, or after a command (but for `help`, which could be a
/// PAGE or a DIR there).
const HELP: [&str; 3] = ["--help", "-h", "help"];

/// Says what is wrong with the command line, then the usage; exit 1.
fn usage_error(what: &str) -> ExitCode {
    err(&format!("{what}\n\n{USAGE}\n"));
    ExitCode::FAILURE
}

/// Writes `text` to standard output. A reader that went away (`cargo xtask sync PAGE | head`)
/// is no failure of the command, whose exit code still says what it found: `print!` would panic.
fn out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Writes `text` to standard error, as [`out`] writes to standard output.
fn err(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Prints a report on success, the error on failure.
fn finish<R: std::fmt::Display, E: std::fmt::Display>(result: Result<R, E>) -> ExitCode {
    match result {
        Ok(report) => {
            out(&report.to_string());
            ExitCode::SUCCESS
        }
        Err(e) => {
            // Ended as a line whatever the error's text (a bad upstream.tsv's was not).
            let text = e.to_string();
            err(&text);
            if !text.ends_with('\n') {
                err("\n");
            }
            ExitCode::FAILURE
        }
    }
}

fn gen_command(flags: &[&str]) -> ExitCode {
    let mut options = Options {
        mode: Mode::Write,
        allow_breaking: false,
    };
    for flag in flags {
        match *flag {
            "--check" => options.mode = Mode::Check,
            "--allow-breaking" => options.allow_breaking = true,
            other => return usage_error(&format!("unknown argument `{other}`")),
        }
    }
    finish(gen::run(&project_root(), options))
}

fn site_command(args: &[&str]) -> ExitCode {
    let root = project_root();
    if let Some(flag) = args.iter().find(|a| a.starts_with('-')) {
        return usage_error(&format!(
            "unknown argument `{flag}` (a DIR starting with `-`: give it as ./{flag})"
        ));
    }
    let dir = match args {
        [] => root.join("target/site"),
        [dir] => PathBuf::from(dir),
        _ => return usage_error("site takes one DIR at most"),
    };
    finish(site::run(&root, &dir))
}

/// `sync [--write] PAGE`: exit 0 in step, 1 drift, 2 when nothing could be compared.
fn sync_command(args: &[&str]) -> ExitCode {
    let write = args.contains(&"--write");
    let rest: Vec<&str> = args.iter().copied().filter(|a| *a != "--write").collect();
    // A flag it does not know is named, wherever it stands (`sync --wrte page.html` was told
    // that sync needs one PAGE).
    if let Some(flag) = rest.iter().find(|a| a.starts_with("--")) {
        usage_error(&format!("unknown argument `{flag}`"));
        return ExitCode::from(2);
    }
    let [page] = rest.as_slice() else {
        usage_error("sync needs one PAGE");
        return ExitCode::from(2);
    };
    let result = sync::run(&project_root(), Path::new(page), write, &sync::today());
    match &result {
        Ok(outcome) => out(&outcome.to_string()),
        Err(e) => err(&e.to_string()),
    }
    ExitCode::from(sync::exit_code(&result))
}

/// The workspace root, whatever the working directory: the parent of xtask's manifest as
/// `cargo run` (and `cargo test`) gives it at run time. The path compiled in is only a fallback
/// for a binary run by hand: checkouts sharing one target directory share one xtask binary,
/// which would otherwise read and write the checkout that built it last.
fn project_root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest_dir
        .parent()
        .map_or_else(|| manifest_dir.clone(), Path::to_path_buf)
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
