//! Regenerate or verify the generated files. Everything is validated and rendered in memory
//! first; only then is any file written, each through a temporary file renamed over the old one,
//! so a failed run leaves every file as it was.

use std::fmt;
use std::fs;
use std::io;
use std::path::Path;

use codegen::compat::{breaking_changes, Break};
use codegen::{Diagnostics, GeneratedFile, CATALOGUE_FILE, RUST_FILE};

/// Write the stale files, or only report them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Write every file whose content changed.
    Write,
    /// Write nothing; fail if any file is stale.
    Check,
}

/// How `gen` runs.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Write or check.
    pub mode: Mode,
    /// Accept renamed or removed `ErrorCode` variants.
    pub allow_breaking: bool,
}

/// What a successful run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Files written (write mode).
    pub written: Vec<&'static str>,
    /// Files already up to date.
    pub unchanged: Vec<&'static str>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for path in &self.written {
            writeln!(f, "updated {path}")?;
        }
        if self.written.is_empty() {
            writeln!(f, "{} generated files are up to date", self.unchanged.len())?;
        }
        Ok(())
    }
}

/// Why a run failed.
#[derive(Debug)]
pub enum Error {
    /// The catalogue could not be read.
    Read(io::Error),
    /// The catalogue is invalid: every problem, with its line.
    Invalid(Diagnostics),
    /// The change would rename or remove public API.
    Breaking(Vec<Break>),
    /// `--check` found stale files.
    Stale(Vec<&'static str>),
    /// Writing failed.
    Write(&'static str, io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read(e) => writeln!(f, "{CATALOGUE_FILE}: cannot read the catalogue: {e}"),
            Error::Invalid(d) => {
                write!(f, "{d}")?;
                let n = d.0.len();
                writeln!(
                    f,
                    "error: {n} problem{} in {CATALOGUE_FILE}; no file was written",
                    if n == 1 { "" } else { "s" }
                )
            }
            Error::Breaking(breaks) => {
                for b in breaks {
                    writeln!(f, "{b}")?;
                }
                writeln!(
                    f,
                    "error: this change breaks code that uses aculab-errors; no file was written"
                )
            }
            Error::Stale(paths) => {
                for p in paths {
                    writeln!(
                        f,
                        "{p}: stale: it differs from what {CATALOGUE_FILE} generates"
                    )?;
                }
                writeln!(f, "error: generated files are out of date; run `cargo xtask gen` and commit the result")
            }
            Error::Write(p, e) => writeln!(f, "{p}: cannot write: {e}"),
        }
    }
}

/// Regenerates (or checks) every generated file under `root`.
pub fn run(root: &Path, options: Options) -> Result<Report, Error> {
    let text = fs::read_to_string(root.join(CATALOGUE_FILE)).map_err(Error::Read)?;
    let catalogue = codegen::load(&text).map_err(Error::Invalid)?;
    if !options.allow_breaking {
        if let Ok(previous) = fs::read_to_string(root.join(RUST_FILE)) {
            let breaks = breaking_changes(&previous, &catalogue);
            if !breaks.is_empty() {
                return Err(Error::Breaking(breaks));
            }
        }
    }
    let files = codegen::render(&catalogue);

    let mut report = Report::default();
    let mut stale = Vec::new();
    for file in &files {
        let current = fs::read_to_string(root.join(file.path)).ok();
        if current.as_deref() == Some(file.contents.as_str()) {
            report.unchanged.push(file.path);
        } else {
            stale.push(file);
        }
    }
    if options.mode == Mode::Check {
        return if stale.is_empty() {
            Ok(report)
        } else {
            Err(Error::Stale(stale.iter().map(|f| f.path).collect()))
        };
    }
    for file in stale {
        write_atomically(root, file).map_err(|e| Error::Write(file.path, e))?;
        report.written.push(file.path);
    }
    Ok(report)
}

/// Writes `file` beside its destination and renames it into place.
fn write_atomically(root: &Path, file: &GeneratedFile) -> io::Result<()> {
    let path = root.join(file.path);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("tmp~");
    fs::write(&tmp, &file.contents)?;
    fs::rename(&tmp, &path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;
    use std::time::{Duration, SystemTime};

    use super::*;

    const WRITE: Options = Options {
        mode: Mode::Write,
        allow_breaking: false,
    };
    const CHECK: Options = Options {
        mode: Mode::Check,
        allow_breaking: false,
    };
    const GENERATED: [&str; 3] = [
        codegen::RUST_FILE,
        codegen::MARKDOWN_FILE,
        codegen::JSON_FILE,
    ];

    /// A scratch project holding the real catalogue, generated once.
    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let catalogue = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(CATALOGUE_FILE);
        fs::copy(catalogue, dir.path().join(CATALOGUE_FILE)).unwrap();
        let report = run(dir.path(), WRITE).unwrap();
        assert_eq!(report.written.len(), 3);
        dir
    }

    fn edit(root: &Path, from: &str, to: &str) {
        let path = root.join(CATALOGUE_FILE);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from}");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    /// Every file under `root` with its bytes and modification time.
    fn snapshot(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
        let mut files = BTreeMap::new();
        let mut dirs = vec![root.to_path_buf()];
        while let Some(dir) = dirs.pop() {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    let modified = fs::metadata(&path).unwrap().modified().unwrap();
                    files.insert(path.clone(), (fs::read(&path).unwrap(), modified));
                }
            }
        }
        files
    }

    /// Backdates every generated file, so a rewrite would show in its mtime.
    fn backdate(root: &Path) {
        let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        for path in GENERATED {
            fs::File::options()
                .write(true)
                .open(root.join(path))
                .unwrap()
                .set_modified(old)
                .unwrap();
        }
    }

    #[test]
    fn a_run_with_nothing_to_change_writes_nothing() {
        let dir = project();
        backdate(dir.path());
        let before = snapshot(dir.path());
        let report = run(dir.path(), WRITE).unwrap();
        assert!(report.written.is_empty());
        assert_eq!(report.to_string(), "3 generated files are up to date\n");
        assert_eq!(snapshot(dir.path()), before);
    }

    #[test]
    fn a_failed_run_leaves_every_file_as_it_was() {
        let dir = project();
        backdate(dir.path());
        // One change that would regenerate every file, and one mistake.
        edit(dir.path(), "The token is invalid", "The token is bad");
        edit(
            dir.path(),
            "    remedy: >-\n      Send the request again with a valid token.",
            "    remdy: oops",
        );
        let before = snapshot(dir.path());
        let err = run(dir.path(), WRITE).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("errors.yaml:"), "{message}");
        assert!(
            message.contains("unknown key `remdy` (did you mean `remedy`?)"),
            "{message}"
        );
        assert!(
            message.ends_with("error: 1 problem in errors.yaml; no file was written\n"),
            "{message}"
        );
        assert_eq!(snapshot(dir.path()), before);
    }

    #[test]
    fn check_mode_names_each_stale_file_and_writes_nothing() {
        let dir = project();
        edit(dir.path(), "The token is invalid", "The token is bad");
        let before = snapshot(dir.path());
        let message = run(dir.path(), CHECK).unwrap_err().to_string();
        for path in GENERATED {
            assert!(message.contains(&format!("{path}: stale")), "{message}");
        }
        assert!(message.contains("run `cargo xtask gen`"), "{message}");
        assert_eq!(snapshot(dir.path()), before);
        // Regenerating fixes it.
        assert_eq!(run(dir.path(), WRITE).unwrap().written.len(), 3);
        assert!(run(dir.path(), CHECK).is_ok());
    }

    #[test]
    fn a_rename_is_refused_unless_aliased_or_allowed() {
        let dir = project();
        edit(dir.path(), "name: invalid_token", "name: bad_token");
        let before = snapshot(dir.path());
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.contains("`ErrorCode::InvalidToken` would be renamed to `ErrorCode::BadToken`"),
            "{message}"
        );
        assert_eq!(snapshot(dir.path()), before);

        edit(
            dir.path(),
            "name: bad_token",
            "name: bad_token\n    aliases: [invalid_token]",
        );
        assert!(run(dir.path(), WRITE).is_ok());
        let generated = fs::read_to_string(dir.path().join(codegen::RUST_FILE)).unwrap();
        assert!(generated.contains("pub const InvalidToken: ErrorCode = ErrorCode::BadToken;"));

        edit(dir.path(), "\n    aliases: [invalid_token]", "");
        assert!(
            run(dir.path(), WRITE).is_err(),
            "dropping the alias breaks too"
        );
        assert!(run(
            dir.path(),
            Options {
                allow_breaking: true,
                ..WRITE
            }
        )
        .is_ok());
    }

    #[test]
    fn a_removed_code_is_refused() {
        let dir = project();
        let text = fs::read_to_string(dir.path().join(CATALOGUE_FILE)).unwrap();
        let start = text.find("  - code: \"0729\"").unwrap();
        let end = text.find("  - code: \"0800\"").unwrap();
        fs::write(
            dir.path().join(CATALOGUE_FILE),
            format!("{}{}", &text[..start], &text[end..]),
        )
        .unwrap();
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.contains("entry 0729: `ErrorCode::MessageToSelf` would be removed"),
            "{message}"
        );
        assert!(message.contains("retired"), "{message}");
    }

    #[test]
    fn a_missing_catalogue_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.starts_with("errors.yaml: cannot read the catalogue:"),
            "{message}"
        );
        assert!(snapshot(dir.path()).is_empty());
    }
}
