//! Project automation: `cargo xtask gen` regenerates, or verifies, every file derived from
//! `errors.yaml`; `cargo xtask site` writes the error index as a static site; `cargo xtask sync`
//! compares the catalogue with Aculab's official page.
mod gen;
mod site;
#[cfg(test)]
mod snapshot;
mod sync;
mod write;

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

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
  --write           also scaffold added codes in errors.yaml and record the page in upstream.tsv
  -h, --help        print this (also `help`, or `help COMMAND`)";

fn main() -> ExitCode {
    // A PAGE or DIR may be any path the system allows, UTF-8 or not (`std::env::args` panics
    // on one that is not); the commands and options are matched on text, where such an
    // argument is nothing they know.
    let raw: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let lossy: Vec<_> = raw.iter().map(|a| a.to_string_lossy()).collect();
    let args: Vec<&str> = lossy.iter().map(|a| &**a).collect();
    // Asked for, the usage is the answer: on standard output, and success.
    let asked = asks_for_help(&args);
    let code = match args.split_first() {
        // `help COMMAND` of a command there is not (`help sycn`) is a mistake, as `sycn` is.
        Some((&"help", [other])) if !COMMANDS.contains(other) && !other.starts_with('-') => {
            usage_error(&format!("unknown command `{other}`"))
        }
        _ if asked => {
            out(&format!("{USAGE}\n"));
            ExitCode::SUCCESS
        }
        Some((&"help", _)) => usage_error("help takes one COMMAND at most"),
        Some((&"gen", flags)) => gen_command(flags),
        Some((&"site", rest)) => site_command(rest, &raw[1..]),
        Some((&"sync", rest)) => sync_command(rest, &raw[1..]),
        Some((other, _)) => usage_error(&format!("unknown command `{other}`")),
        None => usage_error("a command is needed"),
    };
    // A report that could not be written (`cargo xtask gen >/dev/full`) fails a command that
    // would otherwise succeed: its caller would read an empty report as all well. For `sync`,
    // whose 1 means drift, a report lost is 2: nothing was reported.
    if !OUTPUT_LOST.load(Ordering::Relaxed) {
        code
    } else if args.first() == Some(&"sync") && !asked {
        ExitCode::from(2)
    } else if code == ExitCode::SUCCESS {
        ExitCode::FAILURE
    } else {
        code
    }
}

/// The commands, for `help COMMAND`.
const COMMANDS: [&str; 4] = ["gen", "site", "sync", "help"];

/// Set when standard output failed for a reason other than its reader going away.
static OUTPUT_LOST: AtomicBool = AtomicBool::new(false);

/// Whether the command line asks for the usage: `help` (alone or before a command, as in
/// `help sync`), or `--help` or `-h` anywhere among the options (`gen --check --help`), but not
/// after `--`, which ends them, nor `help` after a command, where it is a PAGE or a DIR.
fn asks_for_help(args: &[&str]) -> bool {
    match args {
        ["help"] | ["help", _] => true,
        _ => args
            .iter()
            .take_while(|a| **a != "--")
            .any(|a| matches!(*a, "--help" | "-h")),
    }
}

/// Says what is wrong with the command line, then the usage; exit 1. The arguments it quotes are
/// shown on one line, with nothing a terminal would act on (an argument's line break or escape
/// sequence was written as it was).
fn usage_error(what: &str) -> ExitCode {
    let what = codegen::diagnostic::one_line(what);
    err(&format!("{what}\n\n{USAGE}\n"));
    ExitCode::FAILURE
}

/// Writes `text` to standard output. A reader that went away (`cargo xtask sync PAGE | head`)
/// is no failure of the command, whose exit code still says what it found: `print!` would panic.
fn out(text: &str) {
    let written = std::io::stdout()
        .lock()
        .write_all(terminal_safe(text).as_bytes())
        .and_then(|()| std::io::stdout().lock().flush());
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            err(&format!(
                "cannot write the report to standard output: {e}\n"
            ));
            OUTPUT_LOST.store(true, Ordering::Relaxed);
        }
    }
}

/// Writes `text` to standard error, as [`out`] writes to standard output.
fn err(text: &str) {
    let _ = std::io::stderr()
        .lock()
        .write_all(terminal_safe(text).as_bytes());
}

/// `text` with each of its lines as [`codegen::diagnostic::one_line`] shows it: nothing in it a
/// terminal would act on. Messages quote what they were given escaped already; this is the last
/// guard, for what they quote as it is, such as a path (`site $'a\e[2Jb'` cleared the screen).
fn terminal_safe(text: &str) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(codegen::diagnostic::one_line)
        .collect();
    lines.join("\n")
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
    // `--` ends the options, as for the other commands; gen takes nothing after them.
    let end = flags.iter().position(|a| *a == "--");
    if let Some(extra) = end.and_then(|end| flags.get(end + 1)) {
        return usage_error(&format!(
            "unexpected argument `{extra}` after `--`: gen takes options only"
        ));
    }
    for flag in &flags[..end.unwrap_or(flags.len())] {
        match *flag {
            "--check" => options.mode = Mode::Check,
            "--allow-breaking" => options.allow_breaking = true,
            other => return usage_error(&format!("unknown argument `{other}`")),
        }
    }
    finish(gen::run(&project_root(), options))
}

/// `site [DIR]`; `raw` is `args` as given, for the DIR.
fn site_command(args: &[&str], raw: &[std::ffi::OsString]) -> ExitCode {
    let root = project_root();
    // Options come before `--`, which ends them, as for sync: `site -- -dir` writes to `-dir`
    // (it was refused as an unknown argument `--`, to be given as `./--`).
    let end = args.iter().position(|a| *a == "--");
    let options = &args[..end.unwrap_or(args.len())];
    if let Some(flag) = options.iter().find(|a| a.starts_with('-')) {
        return usage_error(&format!(
            "unknown argument `{flag}` (a DIR starting with `-`: give it as ./{flag}, or after `--`)"
        ));
    }
    let given: Vec<&std::ffi::OsString> = match end {
        Some(end) => raw[..end].iter().chain(&raw[end + 1..]).collect(),
        None => raw.iter().collect(),
    };
    let dir = match given.as_slice() {
        [] => root.join("target/site"),
        [dir] => PathBuf::from(dir),
        _ => return usage_error("site takes one DIR at most"),
    };
    finish(site::run(&root, &dir))
}

/// `sync [--write] PAGE`: exit 0 in step, 1 drift, 2 when nothing could be compared. `raw` is
/// `args` as given, for the PAGE.
fn sync_command(args: &[&str], raw: &[std::ffi::OsString]) -> ExitCode {
    // Options come before `--`, which ends them: `sync -- -page.html` reads a page so named.
    let end = args.iter().position(|a| *a == "--");
    let options = &args[..end.unwrap_or(args.len())];
    let write = options.contains(&"--write");
    // The arguments that are not options, as given.
    let mut rest: Vec<&OsStr> = raw[..options.len()]
        .iter()
        .map(|a| a.as_os_str())
        .filter(|a| *a != "--write")
        .collect();
    // A flag it does not know is named, wherever it stands (`sync --wrte page.html` was told
    // that sync needs one PAGE, and `sync -w page.html` that it was given two).
    if let Some(flag) = options
        .iter()
        .find(|a| a.starts_with('-') && a.len() > 1 && **a != "--write")
    {
        let hint = if flag.starts_with("--") {
            String::new()
        } else {
            format!(" (a PAGE starting with `-`: give it as ./{flag}, or after `--`)")
        };
        usage_error(&format!("unknown argument `{flag}`{hint}"));
        return ExitCode::from(2);
    }
    if let Some(end) = end {
        rest.extend(raw[end + 1..].iter().map(|a| a.as_os_str()));
    }
    let [page] = rest.as_slice() else {
        usage_error("sync needs one PAGE");
        return ExitCode::from(2);
    };
    // (It was read as a file of no name: ": cannot read the page: No such file or directory".)
    if page.is_empty() {
        usage_error("the PAGE is an empty name; give the path of the saved page");
        return ExitCode::from(2);
    }
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
///
/// An empty value is no value; a relative one is read from the working directory (`xtask`,
/// whose parent is the empty path, was a root of "" that nothing could be read from).
fn project_root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .filter(|dir| !dir.is_empty())
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    match manifest_dir.parent() {
        Some(parent) if parent.as_os_str().is_empty() => PathBuf::from("."),
        Some(parent) => parent.to_path_buf(),
        None => manifest_dir,
    }
}

#[cfg(test)]
mod tests {
    use super::asks_for_help;

    #[test]
    fn help_is_asked_for_among_the_options_or_before_a_command() {
        for args in [
            &["help"][..],
            &["help", "sync"],
            &["--help"],
            &["-h"],
            &["gen", "--help"],
            &["gen", "--check", "--help"],
            &["gen", "-h", "--check"],
            &["sync", "--write", "-h"],
            &["sync", "page.html", "--help"],
            &["site", "-h"],
        ] {
            assert!(asks_for_help(args), "{args:?}");
        }
        for args in [
            &[][..],
            &["gen"],
            &["gen", "--check"],
            &["sync", "help"],
            &["site", "help"],
            &["sync", "--", "-h"],
            &["sync", "--write", "--", "--help"],
            &["help", "sync", "page.html"],
            &["gen", "--helps"],
        ] {
            assert!(!asks_for_help(args), "{args:?}");
        }
    }

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
