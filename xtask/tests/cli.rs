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

/// `cargo xtask ARGS` in the fixture project `dir`.
fn xtask(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command
        .args(args)
        .current_dir(dir)
        .env("CARGO_MANIFEST_DIR", dir.join("xtask"));
    command
}

/// `cargo xtask sync PAGE | head -1`: the reader goes away before the report is written. The
/// command still exits with what it found (1, drift), and does not panic ("failed printing to
/// stdout: Broken pipe", exit 101).
#[test]
fn a_reader_that_stops_early_is_no_panic() {
    let dir = project();
    let mut child = xtask(dir.path(), &["sync", "page.txt"])
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
    let out = xtask(dir.path(), &["sync", "page.txt"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("0002: added on the page"), "{stdout}");
}

/// `--` ends the options, as in other commands: `sync -- PAGE` compares PAGE (it was refused as
/// an unknown argument `--`), and so does `sync -- -PAGE` for a page so named.
#[test]
fn a_double_dash_ends_the_options() {
    let dir = project();
    std::fs::copy(dir.path().join("page.txt"), dir.path().join("-page.txt")).unwrap();
    for args in [
        &["sync", "--", "page.txt"][..],
        &["sync", "--", "-page.txt"],
    ] {
        let out = xtask(dir.path(), args).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stdout}");
        assert!(
            stdout.contains("0002: added on the page"),
            "{args:?}: {stdout}"
        );
    }
}

/// `--` ends the options of `site` and `gen` too: `site -- -DIR` writes to a DIR so named (it
/// was refused as an unknown argument `--`, to be given as `./--`), and `gen --` generates.
#[test]
fn a_double_dash_ends_the_options_of_every_command() {
    let dir = project();
    let out = xtask(dir.path(), &["gen", "--check", "--"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(": stale: "), "a check: {stderr}");
    let out = xtask(dir.path(), &["gen", "--"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let out = xtask(dir.path(), &["site", "--", "-site"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(dir.path().join("-site/index.html").is_file());
}

/// `CARGO_MANIFEST_DIR` as a path relative to the working directory (`xtask`, run from the
/// root) finds the project: its parent, the empty path, was taken as the root ("cannot take
/// the project's lock: No such file or directory").
#[test]
fn a_relative_manifest_dir_finds_the_project() {
    let dir = project();
    let out = xtask(dir.path(), &["gen"])
        .env("CARGO_MANIFEST_DIR", "xtask")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(dir.path().join("docs/errors.md").is_file());
}

/// A report that cannot be written is a failure (`cargo xtask gen >/dev/full` exited 0 with the
/// report lost), where a reader that went away (above) is not.
#[cfg(target_os = "linux")]
#[test]
fn a_report_that_cannot_be_written_fails_the_command() {
    let dir = project();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = xtask(dir.path(), &["sync", "--", "page.txt"])
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("cannot write the report to standard output:"),
        "{stderr}"
    );
    // For sync, whose 1 means drift, a lost report is 2: nothing was reported (it was 1, which
    // for a page in step read as drift).
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = xtask(dir.path(), &["--help"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

/// A run that finds the project's lock held says that it waits (it waited without a word, as if
/// hung, behind a run stopped elsewhere), then goes on when the lock is released.
#[cfg(unix)]
#[test]
fn a_run_waiting_for_the_lock_says_so() {
    use std::io::BufRead;
    let dir = project();
    let held = std::fs::File::open(dir.path()).unwrap();
    held.lock().unwrap();
    let mut child = xtask(dir.path(), &["gen"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (send, first_line) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufReader::new(stderr).read_line(&mut line);
        let _ = send.send(line);
    });
    // The child's first line, while the lock is held: it writes nothing else before it has the
    // lock. Without the notice it would say nothing at all until released.
    let line = first_line.recv_timeout(std::time::Duration::from_secs(30));
    let written_meanwhile = dir.path().join("docs").exists();
    drop(held);
    let out = child.wait_with_output().unwrap();
    let line = line.expect("the waiting run said nothing");
    assert!(line.starts_with("waiting for another run"), "{line}");
    assert!(!written_meanwhile, "it waits before writing");
    assert!(out.status.success(), "{:?}", out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("updated docs/errors.md"), "{stdout}");
}

/// A command line it cannot follow is answered with what is wrong, then the usage, and nothing
/// is written; asked for, the usage goes to standard output with success.
#[test]
fn a_wrong_command_line_says_what_is_wrong() {
    let dir = project();
    // (arguments, exit code, the first line of standard error)
    let cases: [(&[&str], i32, &str); 16] = [
        (&[], 1, "a command is needed"),
        (&["GEN"], 1, "unknown command `GEN`"),
        (&["gen", "--chek"], 1, "unknown argument `--chek`"),
        (&["site", "a", "b"], 1, "site takes one DIR at most"),
        // It was told that sync needs one PAGE, which it had.
        (
            &["sync", "--wrte", "page.txt"],
            2,
            "unknown argument `--wrte`",
        ),
        (
            &["sync", "page.txt", "--wrte"],
            2,
            "unknown argument `--wrte`",
        ),
        (&["sync", "--write"], 2, "sync needs one PAGE"),
        (
            &["sync", "--", ""],
            2,
            "the PAGE is an empty name; give the path of the saved page",
        ),
        // It was told that sync needs one PAGE, as if `-w` were a second one.
        (
            &["sync", "-w", "page.txt"],
            2,
            "unknown argument `-w` (a PAGE starting with `-`: give it as ./-w, or after `--`)",
        ),
        // Help on a command there is not was the usage, with success.
        (&["help", "sycn"], 1, "unknown command `sycn`"),
        // It was told that `help` is no command.
        (&["help", "gen", "x"], 1, "help takes one COMMAND at most"),
        (
            &["gen", "--", "--check"],
            1,
            "unexpected argument `--check` after `--`: gen takes options only",
        ),
        (&["site", "--", "a", "b"], 1, "site takes one DIR at most"),
        // An argument's line break or escape sequence was written as it was: a second line, and
        // red text on a terminal.
        (
            &["gen", "--x\n\x1b[31mred"],
            1,
            "unknown argument `--x\\n\\u{1b}[31mred`",
        ),
        (&["g\ren"], 1, "unknown command `g\\ren`"),
        (
            &["site", "-x"],
            1,
            "unknown argument `-x` (a DIR starting with `-`: give it as ./-x, or after `--`)",
        ),
    ];
    for (args, code, first) in cases {
        let out = xtask(dir.path(), args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().next(), Some(first), "{args:?}: {stderr}");
        assert!(
            stderr.contains("usage: cargo xtask gen"),
            "{args:?}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    for args in [
        &["--help"][..],
        &["help"],
        &["-h"],
        &["gen", "--help"],
        &["sync", "-h"],
    ] {
        let out = xtask(dir.path(), args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.starts_with("usage: cargo xtask gen"),
            "{args:?}: {stdout}"
        );
        assert!(out.stderr.is_empty(), "{args:?}");
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["errors.yaml", "page.txt", "xtask"]);
}

/// A path a report quotes as given is shown with nothing a terminal would act on: a site DIR
/// holding an escape sequence is written to as named, and the report says so escaped (it wrote
/// the sequence itself, red text or a cleared screen); so are a refusal's, on standard error.
#[test]
fn a_path_in_a_report_is_shown_escaped() {
    let dir = project();
    let site = dir.path().join("site\x1b[31mred\x07");
    let out = xtask(dir.path(), &["site", site.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(site.join("index.html").is_file());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("site\\u{1b}[31mred\\u{7} (open index.html)\n"),
        "{stdout:?}"
    );
    let file = dir.path().join("file\x1b[2J");
    std::fs::write(&file, "not a directory").unwrap();
    let out = xtask(dir.path(), &["site", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("file\\u{1b}[2J"), "{stderr:?}");
    assert!(!stderr.contains('\x1b'), "{stderr:?}");
}

/// A report of errors ends its last line, so the shell's prompt does not follow on it (a bad
/// upstream.tsv's report ended with "no file was written" and no line end).
#[test]
fn an_error_report_ends_its_last_line() {
    let dir = project();
    std::fs::write(dir.path().join("upstream.tsv"), "not a record\n").unwrap();
    let out = xtask(dir.path(), &["gen"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("upstream.tsv:1: "), "{stderr}");
    assert!(
        stderr.ends_with("error: no file was written\n"),
        "{stderr:?}"
    );
}

/// Three `gen`s, a `gen --check` and a `site` started at once, as processes: they take turns on
/// the project's lock, so every `gen` succeeds, one of them writes what one run writes, the check
/// sees the files whole (all old, or all new), and no temporary file is left.
#[test]
fn processes_at_once_take_turns() {
    let dir = project();
    let gen = |args: &[&str]| xtask(dir.path(), args).output().unwrap();
    assert!(gen(&["gen"]).status.success());
    let catalogue = dir.path().join("errors.yaml");
    let text = std::fs::read_to_string(&catalogue).unwrap();
    assert!(text.contains("The token is invalid."));
    std::fs::write(
        &catalogue,
        text.replace("The token is invalid.", "The token is bad."),
    )
    .unwrap();
    let site = dir.path().join("site").to_string_lossy().into_owned();
    let children: Vec<_> = [
        &["gen"][..],
        &["gen"],
        &["gen"],
        &["gen", "--check"],
        &["site", &site],
    ]
    .iter()
    .map(|args| {
        let mut command = xtask(dir.path(), args);
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        command.spawn().unwrap()
    })
    .collect();
    let outs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let stdout = |i: usize| String::from_utf8_lossy(&outs[i].stdout).into_owned();
    let writers = (0..3)
        .filter(|&i| {
            assert!(outs[i].status.success(), "{:?}", outs[i]);
            stdout(i).contains("updated docs/errors.md")
        })
        .count();
    assert_eq!(writers, 1, "one run writes, the others find nothing to do");
    // The check ran before the writer or after it, never during.
    let check = String::from_utf8_lossy(&outs[3].stderr);
    if outs[3].status.success() {
        assert_eq!(stdout(3), "4 generated files are up to date\n");
    } else {
        let stale: Vec<&str> = check.lines().filter(|l| l.contains(": stale:")).collect();
        assert_eq!(stale.len(), 3, "{check}");
    }
    assert!(outs[4].status.success(), "{:?}", outs[4]);
    assert!(gen(&["gen", "--check"]).status.success());
    let mut dirs = vec![dir.path().to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            assert!(!path.to_string_lossy().ends_with(".gen-tmp"), "{path:?}");
            if path.is_dir() {
                dirs.push(path);
            }
        }
    }
}

/// A PAGE or DIR whose name is not UTF-8, as a Unix file name may be, is read or written as
/// named (`std::env::args` panicked on it, exit 101), and such an argument where an option or
/// a command belongs is an unknown one.
#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8_are_paths_or_unknown_never_a_panic() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let dir = project();
    let page = OsStr::from_bytes(b"page-\xff.txt");
    std::fs::copy(dir.path().join("page.txt"), dir.path().join(page)).unwrap();
    let named = xtask(dir.path(), &["sync"]).arg(page).output().unwrap();
    let plain = xtask(dir.path(), &["sync", "page.txt"]).output().unwrap();
    assert_eq!(named.status.code(), plain.status.code());
    assert!(matches!(named.status.code(), Some(0 | 1)), "{named:?}");
    assert_eq!(named.stdout, plain.stdout);
    let after_dashes = xtask(dir.path(), &["sync", "--"])
        .arg(page)
        .output()
        .unwrap();
    assert_eq!(after_dashes.stdout, plain.stdout);

    let site = OsStr::from_bytes(b"site-\xfe");
    let out = xtask(dir.path(), &["site"]).arg(site).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(dir.path().join(site).join("index.html").is_file());

    for (command, code) in [("gen", 1), ("sync", 2), ("", 1)] {
        let mut run = xtask(dir.path(), &[]);
        if !command.is_empty() {
            run.arg(command);
        }
        let out = run.arg(OsStr::from_bytes(b"--\xff")).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{command}: {stderr}");
        assert!(stderr.contains("unknown"), "{command}: {stderr}");
    }
}
