//! Regenerate or verify the generated files. Everything is validated and rendered in memory
//! first; only then is any file written, each through a temporary file renamed over the old one,
//! so a failed run leaves every file as it was.

use std::fmt;
use std::fs;
use std::io;
use std::path::Path;

use codegen::{Diagnostics, GeneratedFile, CATALOGUE_FILE};

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
                f.write_str(&d.render(CATALOGUE_FILE))?;
                let n = d.0.len();
                writeln!(
                    f,
                    "error: {n} problem{} in {CATALOGUE_FILE}; no file was written",
                    if n == 1 { "" } else { "s" }
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
    let files = codegen::generate(&text).map_err(Error::Invalid)?;

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
