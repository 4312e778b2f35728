//! Regenerate or verify the generated files.
//!
//! A run holds the project's lock (exclusive to write, shared to check), so runs at once
//! take turns and the result equals one run's. Everything is validated, checked against the last
//! generated state and rendered in memory first; only then are the changed files replaced, all
//! or none ([`crate::write`]).

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use codegen::compat::{breaking_changes, Baseline, Break};
use codegen::{Diagnostics, CATALOGUE_FILE, JSON_FILE};

use crate::write::{find_leftovers, replace_all, temp_target, Replacement};

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
    /// Accept renamed or removed public names, and an unreadable last generated state.
    pub allow_breaking: bool,
}

/// What a successful run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Files written (write mode).
    pub written: Vec<&'static str>,
    /// Files already up to date.
    pub unchanged: Vec<&'static str>,
    /// Temporary files an interrupted run had left, now removed.
    pub leftovers: usize,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.leftovers > 0 {
            writeln!(
                f,
                "removed {} temporary file(s) left by an interrupted run",
                self.leftovers
            )?;
        }
        for path in &self.written {
            writeln!(f, "updated {path}")?;
        }
        if self.written.is_empty() {
            writeln!(f, "{} generated files are up to date", self.unchanged.len())?;
        }
        Ok(())
    }
}

/// How many breaking changes are listed before the rest are counted.
const MAX_BREAKS_LISTED: usize = 20;

/// Why a run failed.
#[derive(Debug)]
pub enum Error {
    /// The catalogue could not be read.
    Read(io::Error),
    /// The project's lock could not be taken.
    Lock(PathBuf, io::Error),
    /// The catalogue is invalid: every problem, with its line.
    Invalid(Diagnostics),
    /// The last generated state, which the compatibility check needs, could not be read.
    Baseline(String),
    /// The change would rename or remove public API.
    Breaking(Vec<Break>),
    /// `--check` found stale files, or temporary files an interrupted run left (relative to the
    /// project's root).
    Stale(Vec<&'static str>, Vec<PathBuf>),
    /// What stands at an output's path could not be read; nothing was written.
    ReadOutput(PathBuf, io::Error),
    /// Writing failed; nothing was replaced.
    Write(PathBuf, io::Error),
    /// The provenance record (`upstream.tsv`) could not be read: every problem, located.
    Record(String),
    /// The catalogue changed while the run read it ([`still_as_read`]); nothing was written.
    Changed,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read(e) => writeln!(f, "{CATALOGUE_FILE}: cannot read the catalogue: {e}"),
            Error::Lock(path, e) => writeln!(
                f,
                "{}: cannot take the project's lock: {e}",
                path.display()
            ),
            Error::Invalid(d) => {
                write!(f, "{d}")?;
                let n = d.count();
                let more = if d.is_cut() { "more than " } else { "" };
                writeln!(
                    f,
                    "error: {more}{n} problem{} in {CATALOGUE_FILE}; no file was written",
                    if n == 1 { "" } else { "s" }
                )
            }
            Error::Baseline(why) => writeln!(
                f,
                "{JSON_FILE}: cannot read the last generated state, which the check for renamed or removed names compares against: {why}\n\
                 error: refusing to guess; restore it with the module generated with it (`git checkout HEAD -- {JSON_FILE} {}`), or pass --allow-breaking to generate without the check; no file was written",
                codegen::RUST_FILE
            ),
            Error::Breaking(breaks) => {
                for b in breaks.iter().take(MAX_BREAKS_LISTED) {
                    writeln!(f, "{b}")?;
                }
                if let Some(next) = breaks.get(MAX_BREAKS_LISTED) {
                    // At the first one not listed, as the catalogue's problems are counted.
                    let at = next.line.map(|l| format!(":{l}")).unwrap_or_default();
                    writeln!(
                        f,
                        "{CATALOGUE_FILE}{at}: and {} more breaking changes",
                        breaks.len() - MAX_BREAKS_LISTED
                    )?;
                }
                writeln!(
                    f,
                    "error: this change breaks code that uses aculab-errors; no file was written"
                )
            }
            Error::Stale(paths, leftovers) => {
                for p in paths {
                    // The docs show the record's checked date: a `sync --write` stales them too.
                    writeln!(
                        f,
                        "{p}: stale: it differs from what {CATALOGUE_FILE} and {} generate",
                        codegen::upstream::RECORD_FILE
                    )?;
                }
                for p in leftovers {
                    writeln!(
                        f,
                        "{}: a temporary file an interrupted run left; `cargo xtask gen` removes it",
                        p.display()
                    )?;
                }
                if paths.is_empty() {
                    writeln!(f, "error: the generated files are up to date, but an interrupted run left temporary files; run `cargo xtask gen` to remove them")
                } else {
                    writeln!(f, "error: generated files are out of date; run `cargo xtask gen` and commit the result")
                }
            }
            Error::ReadOutput(p, e) => writeln!(
                f,
                "{}: cannot read: {e}; no file was written",
                p.display()
            ),
            Error::Write(p, e) => writeln!(
                f,
                "{}: cannot write: {e}; no file was replaced",
                p.display()
            ),
            Error::Record(why) => write!(f, "{why}error: no file was written"),
            Error::Changed => writeln!(
                f,
                "{CATALOGUE_FILE}: changed while it was read (is an editor or another program still writing it?); run again once it is saved; no file was written"
            ),
        }
    }
}

/// The most bytes read from a generated file or the baseline: far above any real one.
const MAX_GENERATED_BYTES: u64 = 256 * 1024 * 1024;

/// What stands at a generated file's path.
pub(crate) enum Current {
    /// Nothing.
    Missing,
    /// A file: its bytes as they are (to put back should the run fail), and as text with CRLF
    /// line ends read as LF (so that a Windows checkout reads as up to date), if it is UTF-8.
    File { raw: Vec<u8>, text: Option<String> },
}

impl Current {
    fn text(&self) -> Option<&str> {
        match self {
            Current::File { text, .. } => text.as_deref(),
            Current::Missing => None,
        }
    }
}

/// Reads what stands at a generated file's path, refusing anything but a regular file (or a
/// symlink to one): a device, a FIFO or a directory is never opened or read.
pub(crate) fn read_generated(path: &Path) -> Result<Current, Error> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // A dangling symlink reads as missing; anything else there is refused below.
            return match fs::symlink_metadata(path) {
                Ok(m) if m.file_type().is_symlink() => Ok(Current::Missing),
                Ok(_) => Err(not_a_file(path)),
                Err(_) => Ok(Current::Missing),
            };
        }
        Err(e) => return Err(Error::ReadOutput(path.to_path_buf(), e)),
    };
    if !meta.is_file() {
        return Err(not_a_file(path));
    }
    let raw = read_capped(path).map_err(|e| Error::ReadOutput(path.to_path_buf(), e))?;
    let text = String::from_utf8(raw.clone()).ok().map(|text| {
        if text.contains("\r\n") {
            text.replace("\r\n", "\n")
        } else {
            text
        }
    });
    Ok(Current::File { raw, text })
}

fn not_a_file(path: &Path) -> Error {
    Error::Write(
        path.to_path_buf(),
        io::Error::other("not a regular file; remove what stands there and run again"),
    )
}

/// A regular file's bytes, refusing one over [`MAX_GENERATED_BYTES`] (never cut: a cut copy could
/// be put back by a rollback).
fn read_capped(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(MAX_GENERATED_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_GENERATED_BYTES {
        return Err(io::Error::other(format!(
            "larger than the {MAX_GENERATED_BYTES} bytes read; remove it and run again"
        )));
    }
    Ok(bytes)
}

/// What the project's lock is taken on: the project's root directory itself where the system
/// can lock a directory (Unix: nothing is created), else `.xtask.lock` beside the catalogue
/// (ignored by git), created if need be and never truncated.
pub(crate) fn lock_file(root: &Path) -> io::Result<fs::File> {
    if cfg!(unix) {
        fs::File::open(root)
    } else {
        fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(root.join(".xtask.lock"))
    }
}

/// Takes the project's lock (exclusive to write, shared to check), then reads the catalogue.
///
/// The lock ([`lock_file`]) is on a path that stays put while files are replaced: `gen`, `site`
/// and `sync --write` (which replaces the catalogue) all take it, and an editor saving
/// `errors.yaml` by rename cannot split two runs onto two locks. The returned file holds the
/// lock until it is dropped.
pub(crate) fn lock_and_read(root: &Path, mode: Mode) -> Result<(fs::File, Vec<u8>), Error> {
    let lock = lock_file(root).map_err(|e| Error::Lock(root.to_path_buf(), e))?;
    take_lock(&lock, mode).map_err(|e| Error::Lock(root.to_path_buf(), e))?;
    let path = root.join(CATALOGUE_FILE);
    // Checked before opening: opening a FIFO would wait for a writer, holding the lock.
    let meta = fs::metadata(&path).map_err(Error::Read)?;
    if !meta.is_file() {
        return Err(Error::Read(io::Error::other("not a regular file")));
    }
    let mut file = fs::File::open(&path).map_err(Error::Read)?;
    let size = file.metadata().map_err(Error::Read)?.len();
    if size > codegen::load::MAX_CATALOGUE_BYTES as u64 {
        return Err(Error::Invalid(codegen::load::too_large(size)));
    }
    let limit = codegen::load::MAX_CATALOGUE_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    (&mut file)
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(Error::Read)?;
    #[cfg(test)]
    tests::AFTER_READ.with(|hook| {
        if let Some(hook) = hook.borrow_mut().take() {
            hook(&path);
        }
    });
    Ok((lock, bytes))
}

/// Fails unless the catalogue still holds `bytes`, what the run read and generated from. An
/// editor or script that writes `errors.yaml` in place (truncates, then writes) while a run reads
/// it gave the run a catalogue cut short, often still valid (the last entry's text cut, or its
/// last entries missing), and the run wrote outputs from that; read again just before anything
/// is written or reported, such a catalogue is seen to have changed.
pub(crate) fn still_as_read(root: &Path, bytes: &[u8]) -> Result<(), Error> {
    let path = root.join(CATALOGUE_FILE);
    let now = match fs::metadata(&path) {
        Ok(meta) if meta.is_file() => {
            let mut now = Vec::with_capacity(bytes.len());
            fs::File::open(&path)
                .and_then(|f| {
                    f.take(codegen::load::MAX_CATALOGUE_BYTES as u64 + 1)
                        .read_to_end(&mut now)
                })
                .ok()
                .map(|_| now)
        }
        _ => None,
    };
    if now.as_deref() == Some(bytes) {
        Ok(())
    } else {
        Err(Error::Changed)
    }
}

/// Takes the lock on `lock` (exclusive to write, shared to check), saying on standard error
/// that it waits when another run holds it: a run stopped or hung elsewhere would otherwise
/// keep this one waiting without a word.
pub(crate) fn take_lock(lock: &fs::File, mode: Mode) -> io::Result<()> {
    let tried = match mode {
        Mode::Write => lock.try_lock(),
        Mode::Check => lock.try_lock_shared(),
    };
    match tried {
        Ok(()) => return Ok(()),
        Err(fs::TryLockError::Error(e)) => return Err(e),
        Err(fs::TryLockError::WouldBlock) => crate::err(WAITING),
    }
    match mode {
        Mode::Write => lock.lock(),
        Mode::Check => lock.lock_shared(),
    }
}

/// What a run waiting for the project's lock says.
const WAITING: &str =
    "waiting for another run of `cargo xtask` in this project to finish (it holds the project's lock)\n";

/// Refuses a generated file whose directory leads outside the project through a symlink,
/// judged by its nearest existing ancestor, before any directory is created.
pub(crate) fn inside(root: &Path, path: &Path, what: &str) -> Result<(), Error> {
    let mut dir = path.parent().unwrap_or(root);
    while fs::symlink_metadata(dir).is_err() {
        match dir.parent() {
            Some(parent) => dir = parent,
            None => break,
        }
    }
    let Ok(root) = root.canonicalize() else {
        return Ok(());
    };
    let dir = match dir.canonicalize() {
        Ok(dir) => dir,
        // A symlink that leads nowhere: creating the directory would fail with a puzzling
        // "File exists".
        Err(e) => {
            let to = fs::read_link(dir).map_or(String::new(), |to| {
                format!(", a symlink to {}", to.display())
            });
            return Err(Error::Write(
                path.to_path_buf(),
                io::Error::other(format!(
                    "its directory {}{to} cannot be resolved: {e}",
                    dir.display()
                )),
            ));
        }
    };
    if dir.starts_with(&root) {
        Ok(())
    } else {
        Err(Error::Write(
            path.to_path_buf(),
            io::Error::other(format!(
                "its directory resolves to {}, outside {what}",
                dir.display()
            )),
        ))
    }
}

/// Reads the provenance record (`upstream.tsv`) and its text; a missing one is empty (nothing
/// checked yet). Fails with the report to print: it must be a regular UTF-8 file that parses.
pub(crate) fn read_record(
    root: &Path,
) -> Result<(codegen::upstream::Record, Option<String>), String> {
    use codegen::upstream::{Record, RECORD_FILE};
    let path = root.join(RECORD_FILE);
    let raw = match read_generated(&path) {
        Ok(Current::Missing) => return Ok((Record::default(), None)),
        Ok(Current::File { raw, .. }) => raw,
        Err(e) => return Err(cannot_read(RECORD_FILE, e)),
    };
    let text = String::from_utf8(raw).map_err(|_| format!("{RECORD_FILE}: not valid UTF-8\n"))?;
    let record = Record::parse(&text).map_err(|d| d.located(RECORD_FILE).to_string())?;
    Ok((record, Some(text)))
}

/// What the docs say of the catalogue: the `aculab-errors` crate's version and the date in
/// the provenance record (`upstream.tsv`, written by `cargo xtask sync --write`), each where
/// there is one.
fn stamp(root: &Path) -> Result<codegen::Stamp, Error> {
    let (record, _) = read_record(root).map_err(Error::Record)?;
    let checked = record.checked;
    // A project without the crate (a fixture) has no version to show; a crate whose manifest
    // gives none this reader understands is an error, not a silently missing version.
    // Read as an output is, refusing anything but a file: a FIFO there was opened, and the run
    // waited for a writer for good, holding the lock.
    const MANIFEST: &str = "aculab-errors/Cargo.toml";
    let manifest = match read_generated(&root.join(MANIFEST)) {
        Ok(Current::Missing) => None,
        Ok(Current::File {
            text: Some(text), ..
        }) => Some(text),
        Ok(Current::File { text: None, .. }) => {
            return Err(Error::Record(format!("{MANIFEST}: not valid UTF-8\n")))
        }
        Err(e) => return Err(Error::Record(cannot_read(MANIFEST, e))),
    };
    let version = match manifest {
        None => None,
        Some(manifest) => Some(package_version(&manifest).ok_or_else(|| {
            Error::Record(format!(
                "{MANIFEST}: no `version = \"...\"` in its [package] table, which the docs show (write it out: `version.workspace = true` is not read)\n"
            ))
        })?),
    };
    // Shown in the export, whose schema holds it to a version as Cargo writes one.
    if let Some(v) = version.as_deref().filter(|v| !is_semver(v)) {
        return Err(Error::Record(format!(
            "{MANIFEST}: version {v:?} is not a version as Cargo writes one (MAJOR.MINOR.PATCH, as in \"0.1.0\"), which the docs show\n"
        )));
    }
    Ok(codegen::Stamp { version, checked })
}

/// Whether `v` is a semantic version (`1.2.3`, `1.0.0-rc.1+build.5`), as Cargo reads one and as
/// the export's schema states it: no leading zeros in numbers, identifiers of `[0-9A-Za-z-]`.
fn is_semver(v: &str) -> bool {
    let ident =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let number = |s: &str| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
    };
    let (rest, build) = v.split_once('+').map_or((v, None), |(r, b)| (r, Some(b)));
    let (core, pre) = rest
        .split_once('-')
        .map_or((rest, None), |(c, p)| (c, Some(p)));
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| number(p))
        && pre.is_none_or(|p| {
            p.split('.')
                .all(|i| ident(i) && (number(i) || !i.bytes().all(|b| b.is_ascii_digit())))
        })
        && build.is_none_or(|b| b.split('.').all(ident))
}

/// The line saying why [`read_generated`] could not read `file`, an input of the run.
fn cannot_read(file: &str, e: Error) -> String {
    match e {
        Error::ReadOutput(_, e) | Error::Write(_, e) => format!("{file}: cannot read: {e}\n"),
        e => e.to_string(),
    }
}

/// The `version` of a manifest's `[package]` table.
fn package_version(manifest: &str) -> Option<String> {
    let mut in_package = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            // (A header may have a comment after it.)
            in_package = line.split('#').next().map(str::trim_end) == Some("[package]");
        } else if let Some(value) = line.strip_prefix("version").map(str::trim_start) {
            match value.strip_prefix('=') {
                Some(value) if in_package => {
                    let value = value.trim();
                    // A basic or a literal TOML string, then at most a comment. (A version has
                    // no quote or `#` in it, so the first quote after the opening one closes it.)
                    let quoted = |q: char| {
                        let (version, rest) = value.strip_prefix(q)?.split_once(q)?;
                        let rest = rest.trim_start();
                        (rest.is_empty() || rest.starts_with('#')).then_some(version)
                    };
                    return quoted('"').or_else(|| quoted('\'')).map(str::to_string);
                }
                _ => {}
            }
        }
    }
    None
}

/// The last generated state, from the JSON export, checked against the generated Rust module:
/// a baseline that cannot be read, or that disagrees with the module (a stale, hand-made or
/// hand-cut copy), is refused rather than trusted. `None` for a run killed between its renames:
/// the export missing (a first run's) or disagreeing with a module that is already what this run
/// writes, beside the export it staged (`export_staged`, the export renamed last): the public
/// names stay as they are, so nothing can break, and the run is finished. Without that sign an
/// export that disagrees with the module was rewritten too, with exit 0, when it was edited by
/// hand, or restored apart from the module.
fn baseline(
    files: &[codegen::GeneratedFile],
    current: &[Current],
    export_staged: bool,
) -> Result<Option<Baseline>, Error> {
    let text_of = |path: &str| {
        files
            .iter()
            .zip(current)
            .find(|(f, _)| f.path == path)
            .and_then(|(_, c)| c.text())
    };
    // A run of this very catalogue killed between its renames: the module is already what it
    // writes, beside the export it staged.
    let killed_run = || {
        let now = files.iter().find(|f| f.path == codegen::RUST_FILE);
        export_staged
            && now.is_some_and(|f| text_of(codegen::RUST_FILE) == Some(f.contents.as_str()))
    };
    let missing = |path: &str| {
        files
            .iter()
            .zip(current)
            .any(|(f, c)| f.path == path && matches!(c, Current::Missing))
    };
    // Which of the two a file that gives no text is (it was said to be "missing, or not UTF-8").
    let missing_or_not_text = |path: &str| {
        if missing(path) {
            "missing"
        } else {
            "not UTF-8 text"
        }
    };
    let Some(json) = text_of(JSON_FILE) else {
        if missing(JSON_FILE) && killed_run() {
            return Ok(None);
        }
        return Err(Error::Baseline(format!(
            "it is {}",
            missing_or_not_text(JSON_FILE)
        )));
    };
    let baseline = Baseline::from_json(json).map_err(Error::Baseline)?;
    let rust = text_of(codegen::RUST_FILE).ok_or_else(|| {
        Error::Baseline(format!(
            "it cannot be checked against {}, which is {}",
            codegen::RUST_FILE,
            missing_or_not_text(codegen::RUST_FILE)
        ))
    })?;
    if let Err(why) = baseline.agrees_with_module(rust) {
        // A killed run's export, renamed last ([`write_order`]), is still the state before it.
        if !killed_run() {
            return Err(Error::Baseline(format!(
                "it disagrees with {}: {why}",
                codegen::RUST_FILE
            )));
        }
        return Ok(None);
    }
    Ok(Some(baseline))
}

/// The crate's root module, which declares the generated one.
const CRATE_ROOT: &str = "aculab-errors/src/lib.rs";

/// Every file a command replaces in the project: `gen`'s outputs, and the catalogue and record
/// that `sync --write` replaces, for sweeping before anything is rendered.
const WRITTEN: [&str; 6] = [
    codegen::RUST_FILE,
    codegen::MARKDOWN_FILE,
    codegen::JSON_FILE,
    codegen::SCHEMA_FILE,
    CATALOGUE_FILE,
    codegen::upstream::RECORD_FILE,
];

/// Removes the temporary files a killed `gen` or `sync --write` left beside the files either
/// replaces ([`leftovers`]), but for a staged export ([`staged_exports`]): that is the sign by
/// which the next `gen` finishes a killed one, and `gen` removes it. Returns how many. The caller
/// holds the project's lock for writing, so no other run is staging.
pub(crate) fn sweep(root: &Path) -> Result<usize, Error> {
    let found = leftovers(root)?;
    sweep_but(&found, &staged_exports(root, &found))
}

/// [`sweep`] of the leftovers `found`, keeping `kept`.
fn sweep_but(found: &[PathBuf], kept: &[PathBuf]) -> Result<usize, Error> {
    let mut removed = 0;
    for path in found.iter().filter(|p| !kept.contains(p)) {
        // Removes a symlink itself, never what it points to.
        fs::remove_file(path).map_err(|e| Error::Write(path.clone(), e))?;
        removed += 1;
    }
    Ok(removed)
}

/// Of `found`, the leftovers of the export: the sign of a run killed between its renames (the
/// export is renamed last, [`write_order`]), which the next run of the same catalogue finishes
/// ([`baseline`]). `gen` keeps them until its run is over, whatever its outcome: one that
/// removed them and was then killed itself left the module and the export apart with no sign,
/// and every run after it was refused.
fn staged_exports(root: &Path, found: &[PathBuf]) -> Vec<PathBuf> {
    let export = root.join(JSON_FILE);
    let name = export.file_name().map(|n| n.to_string_lossy());
    found
        .iter()
        .filter(|p| {
            p.parent() == export.parent()
                && p.file_name()
                    .is_some_and(|n| temp_target(&n.to_string_lossy()) == name.as_deref())
        })
        .cloned()
        .collect()
}

/// The temporary files a killed `gen` or `sync --write` left beside the files either replaces,
/// and at the names earlier versions of `gen` used. Where an output's directory leads outside
/// the project none are looked for (writing refuses it later).
fn leftovers(root: &Path) -> Result<Vec<PathBuf>, Error> {
    let targets: Vec<PathBuf> = WRITTEN.iter().map(|p| root.join(p)).collect();
    if targets
        .iter()
        .any(|t| inside(root, t, "the project").is_err())
    {
        return Ok(Vec::new());
    }
    let mut found = find_leftovers(&targets).map_err(|(path, e)| Error::Write(path, e))?;
    // The one temporary name earlier versions of `gen` gave each output of a stem.
    for legacy in LEGACY_TEMPS.map(|p| root.join(p)) {
        if fs::symlink_metadata(&legacy).is_ok_and(|m| m.is_file() || m.is_symlink()) {
            found.push(legacy);
        }
    }
    Ok(found)
}

/// Where earlier versions of `gen` staged their outputs (`errors.md` and `errors.json` both in
/// `errors.tmp~`); a run they left killed is cleaned up by this one.
const LEGACY_TEMPS: [&str; 2] = ["docs/errors.tmp~", "aculab-errors/src/generated.tmp~"];

/// The order stale files are renamed into place: the JSON export, the baseline the next run
/// compares against, last. A run killed between two renames so leaves the export as it was
/// before the run, and the next run (see [`baseline`]) can still trust it.
fn write_order<'a, T>(
    stale: &'a [(&'a codegen::GeneratedFile, T)],
) -> impl Iterator<Item = &'a (&'a codegen::GeneratedFile, T)> {
    let (json, rest): (Vec<_>, Vec<_>) = stale.iter().partition(|(f, _)| f.path == JSON_FILE);
    rest.into_iter().chain(json)
}

/// Regenerates (or checks) every generated file under `root`.
pub fn run(root: &Path, options: Options) -> Result<Report, Error> {
    generate(root, options).map_err(|e| e.within(root))
}

impl Error {
    /// The error with a file of the project named from its root, as every other message names
    /// one (`docs/errors.md: cannot write: ...`, not the whole path of the checkout).
    fn within(self, root: &Path) -> Self {
        let inside = |path: PathBuf| match path.strip_prefix(root) {
            Ok(relative) if !relative.as_os_str().is_empty() => relative.to_path_buf(),
            _ => path,
        };
        match self {
            Error::Write(path, e) => Error::Write(inside(path), e),
            Error::ReadOutput(path, e) => Error::ReadOutput(inside(path), e),
            e => e,
        }
    }
}

/// [`run`], with paths as the system gives them.
fn generate(root: &Path, options: Options) -> Result<Report, Error> {
    // Held until the end of the run: released when `_lock` drops.
    let (_lock, bytes) = lock_and_read(root, options.mode)?;
    let result = generate_from(root, options, &bytes);
    // What the run found in the catalogue is reported only if it is what the catalogue holds (a
    // run that writes checked that itself, before replacing anything).
    match result {
        Err(Error::Invalid(_) | Error::Breaking(_) | Error::Baseline(_) | Error::Stale(..)) => {
            still_as_read(root, &bytes)?;
        }
        Ok(_) if options.mode == Mode::Check => still_as_read(root, &bytes)?,
        _ => {}
    }
    result
}

/// [`generate`] from `bytes`, the catalogue as read under the lock.
fn generate_from(root: &Path, options: Options, bytes: &[u8]) -> Result<Report, Error> {
    let found = leftovers(root);
    // The export a run killed between its renames staged, and never renamed.
    let staged = staged_exports(root, found.as_deref().unwrap_or_default());
    // What a killed run left is removed by the next one to write, even one that then fails;
    // the staged export once this run is over ([`staged_exports`]).
    let swept = match options.mode {
        Mode::Write => sweep_but(&found?, &staged)?,
        Mode::Check => return render_and_write(root, options, bytes, !staged.is_empty()),
    };
    let mut result = render_and_write(root, options, bytes, !staged.is_empty());
    let removed = staged.iter().filter(|p| fs::remove_file(p).is_ok()).count();
    if let Ok(report) = &mut result {
        report.leftovers = swept + removed;
    }
    result
}

/// [`generate_from`] once leftovers are swept: validate, check against the baseline (finishing
/// a run killed between its renames if `export_staged`), render, and write or check.
fn render_and_write(
    root: &Path,
    options: Options,
    bytes: &[u8],
    export_staged: bool,
) -> Result<Report, Error> {
    let catalogue = codegen::load_bytes(bytes).map_err(Error::Invalid)?;
    let files = codegen::render_stamped(&catalogue, &stamp(root)?);
    let targets: Vec<PathBuf> = files.iter().map(|f| root.join(f.path)).collect();
    // Every target is judged before any directory is created for one, and before what stands
    // there is read: docs/ leading out of the project was reported as a missing baseline (the
    // export read through it), and only once that was restored as leading out.
    if options.mode == Mode::Write {
        for target in &targets {
            inside(root, target, "the project")?;
        }
    }
    let current: Vec<Current> = files
        .iter()
        .map(|f| {
            read_generated(&root.join(f.path)).map_err(|e| match (options.mode, e) {
                // A check replaces nothing: what stands there is only unreadable to it.
                (Mode::Check, Error::Write(path, e)) => Error::ReadOutput(path, e),
                (_, e) => e,
            })
        })
        .collect::<Result<_, _>>()?;

    if !options.allow_breaking {
        // Nothing generated yet, in a project whose crate does not build on the module yet: a
        // crate that does had one, which is gone with its baseline, not never made.
        let first_run = current.iter().all(|c| matches!(c, Current::Missing))
            && fs::symlink_metadata(root.join(CRATE_ROOT)).is_err();
        if !first_run {
            if let Some(baseline) = baseline(&files, &current, export_staged)? {
                let breaks = breaking_changes(&baseline, &catalogue);
                if !breaks.is_empty() {
                    return Err(Error::Breaking(breaks));
                }
            }
        }
    }

    let mut report = Report::default();
    let mut stale = Vec::new();
    for (file, current) in files.iter().zip(&current) {
        if current.text() == Some(file.contents.as_str()) {
            report.unchanged.push(file.path);
        } else {
            let old = match current {
                Current::File { raw, .. } => Some(raw.as_slice()),
                Current::Missing => None,
            };
            stale.push((file, old));
        }
    }
    if options.mode == Mode::Check {
        // No run is staging while this one holds the lock, even shared: what is found was left
        // by a killed run (and is no file to commit). A directory that cannot be listed is
        // no reason to fail a check.
        let left: Vec<PathBuf> = leftovers(root)
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.strip_prefix(root).map_or(p.clone(), Path::to_path_buf))
            .collect();
        return if stale.is_empty() && left.is_empty() {
            Ok(report)
        } else {
            Err(Error::Stale(
                stale.iter().map(|(f, _)| f.path).collect(),
                left,
            ))
        };
    }

    let mut created = Vec::new();
    for dir in targets.iter().filter_map(|t| t.parent()) {
        if let Err(e) = create_dirs(dir, &mut created) {
            remove_dirs(&created);
            return Err(Error::Write(dir.to_path_buf(), e));
        }
    }
    let replacements: Vec<Replacement<'_>> = write_order(&stale)
        .map(|(file, old)| Replacement {
            path: root.join(file.path),
            contents: &file.contents,
            old: *old,
        })
        .collect();
    // As late as can be: a writer still at work while the catalogue was read is seen.
    if let Err(e) = still_as_read(root, bytes) {
        remove_dirs(&created);
        return Err(e);
    }
    if let Err((path, e)) = replace_all(&replacements) {
        remove_dirs(&created);
        return Err(Error::Write(path, e));
    }
    report.written = stale.iter().map(|(f, _)| f.path).collect();
    Ok(report)
}

/// Creates `dir` and those of its ancestors that are missing, adding each it created to
/// `created`, outermost first, so that a run that then fails can remove them ([`remove_dirs`]).
pub(crate) fn create_dirs(dir: &Path, created: &mut Vec<PathBuf>) -> io::Result<()> {
    let missing: Vec<&Path> = dir
        .ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && fs::symlink_metadata(d).is_err())
        .collect();
    for dir in missing.into_iter().rev() {
        match fs::create_dir(dir) {
            Ok(()) => created.push(dir.to_path_buf()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Removes the directories [`create_dirs`] created, innermost first, each only if it is empty:
/// a run that fails leaves no new directory behind.
pub(crate) fn remove_dirs(created: &[PathBuf]) {
    for dir in created.iter().rev() {
        let _ = fs::remove_dir(dir);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeMap;
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
    const ALLOW: Options = Options {
        mode: Mode::Write,
        allow_breaking: true,
    };
    const GENERATED: [&str; 4] = [
        codegen::RUST_FILE,
        codegen::MARKDOWN_FILE,
        codegen::JSON_FILE,
        codegen::SCHEMA_FILE,
    ];
    /// The generated files a change of an entry's text changes (the schema stays).
    const FROM_ENTRIES: &[&str] = GENERATED.split_at(3).0;
    const FIXTURE: &str = include_str!("../tests/fixtures/errors.yaml");

    /// A scratch project holding the fixture catalogue, generated once.
    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(CATALOGUE_FILE), FIXTURE).unwrap();
        let report = run(dir.path(), WRITE).unwrap();
        assert_eq!(report.written.len(), 4);
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
                let meta = fs::symlink_metadata(&path).unwrap();
                if meta.is_dir() {
                    dirs.push(path);
                } else {
                    let bytes = fs::read(&path).unwrap_or_default();
                    files.insert(path.clone(), (bytes, meta.modified().unwrap()));
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
        assert_eq!(report.to_string(), "4 generated files are up to date\n");
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
            "    remedy: Send a valid token.",
            "    remdy: oops",
        );
        let before = snapshot(dir.path());
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.starts_with(
                "errors.yaml:38: entry 0405: unknown key `remdy` (did you mean `remedy`?)\n"
            ),
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
        for path in FROM_ENTRIES {
            assert!(message.contains(&format!("{path}: stale")), "{message}");
        }
        assert!(message.contains("run `cargo xtask gen`"), "{message}");
        assert_eq!(snapshot(dir.path()), before);
        // Regenerating fixes it.
        assert_eq!(run(dir.path(), WRITE).unwrap().written.len(), 3);
        assert!(run(dir.path(), CHECK).is_ok());
    }

    #[test]
    fn a_crlf_checkout_reads_as_up_to_date() {
        let dir = project();
        for path in GENERATED {
            let path = dir.path().join(path);
            let text = fs::read_to_string(&path).unwrap();
            fs::write(&path, text.replace('\n', "\r\n")).unwrap();
        }
        let before = snapshot(dir.path());
        assert!(run(dir.path(), CHECK).is_ok());
        assert!(run(dir.path(), WRITE).unwrap().written.is_empty());
        assert_eq!(snapshot(dir.path()), before);
    }

    #[test]
    fn a_rename_is_refused_unless_aliased_or_allowed() {
        let dir = project();
        edit(dir.path(), "name: invalid_token", "name: bad_token");
        let before = snapshot(dir.path());
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.starts_with("errors.yaml:33: entry 0405: `ErrorCode::InvalidToken` would be renamed to `ErrorCode::BadToken`"),
            "{message}"
        );
        assert!(message.contains("aliases: [invalid_token]"), "{message}");
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
        assert!(run(dir.path(), ALLOW).is_ok());
    }

    #[test]
    fn swapped_names_and_a_const_only_change_are_refused() {
        let dir = project();
        edit(dir.path(), "name: invalid_token", "name: swap_placeholder");
        edit(dir.path(), "name: file_too_large", "name: invalid_token");
        edit(dir.path(), "name: swap_placeholder", "name: file_too_large");
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.contains("name `invalid_token` would move from code 0405 to code 0406"),
            "{message}"
        );

        let dir = project();
        edit(
            dir.path(),
            "name: storage_failure",
            "name: storage_failure_2fa",
        );
        run(dir.path(), ALLOW).unwrap();
        edit(
            dir.path(),
            "name: storage_failure_2fa",
            "name: storage_failure2fa",
        );
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message
                .contains("`codes::STORAGE_FAILURE_2FA` would become `codes::STORAGE_FAILURE2FA`"),
            "{message}"
        );
        assert!(
            message.contains("keep the name `storage_failure_2fa`"),
            "{message}"
        );
    }

    /// Past the first breaks listed, the rest are counted at the line of the first not listed.
    #[test]
    fn many_breaks_are_counted_at_a_line() {
        let breaks: Vec<Break> = (1..=MAX_BREAKS_LISTED + 5)
            .map(|i| Break {
                line: Some(10 * i),
                what: format!("entry {i:04}: would be removed"),
            })
            .collect();
        let text = Error::Breaking(breaks).to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), MAX_BREAKS_LISTED + 2, "{text}");
        assert_eq!(
            lines[MAX_BREAKS_LISTED],
            format!(
                "errors.yaml:{}: and 5 more breaking changes",
                10 * (MAX_BREAKS_LISTED + 1)
            )
        );
    }

    #[test]
    fn a_removed_code_is_refused() {
        let dir = project();
        let text = FIXTURE;
        let start = text.find("  - code: \"0406\"").unwrap();
        fs::write(dir.path().join(CATALOGUE_FILE), &text[..start]).unwrap();
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.contains("entry 0406: `ErrorCode::FileTooLarge` would be removed"),
            "{message}"
        );
        assert!(message.contains("retired"), "{message}");
    }

    #[test]
    fn an_unreadable_baseline_is_refused_unless_breaking_is_allowed() {
        let dir = project();
        let json = dir.path().join(JSON_FILE);
        let text = fs::read_to_string(&json).unwrap();
        fs::write(
            &json,
            format!("<<<<<<< HEAD\n{text}=======\n{text}>>>>>>> theirs\n"),
        )
        .unwrap();
        let before = snapshot(dir.path());
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.starts_with("docs/errors.json: cannot read the last generated state"),
            "{message}"
        );
        assert!(message.contains("--allow-breaking"), "{message}");
        // Restoring the export alone could disagree with the module: the advice names both.
        assert!(
            message
                .contains("git checkout HEAD -- docs/errors.json aculab-errors/src/generated.rs"),
            "{message}"
        );
        assert_eq!(snapshot(dir.path()), before);
        // Said to be what it is: it was "missing, or not UTF-8 text" either way.
        fs::write(&json, b"{\"@generated\": \"\xff\"}").unwrap();
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.contains("compares against: it is not UTF-8 text\n"),
            "{message}"
        );
        fs::remove_file(&json).unwrap();
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.contains("compares against: it is missing\n"),
            "a missing baseline too: {message}"
        );
        assert_eq!(run(dir.path(), ALLOW).unwrap().written, [JSON_FILE]);
    }

    /// The export shows the crate's version, and its schema holds it to semver: a manifest's
    /// `1.0` or `0.1.0<b>` made an export that failed its own schema, with exit 0.
    #[test]
    fn a_version_cargo_would_not_read_is_refused() {
        let dir = project();
        std::fs::create_dir_all(dir.path().join("aculab-errors")).unwrap();
        for (version, ok) in [
            ("0.1.0", true),
            ("1.0.0-rc.1+build.5", true),
            ("1.0", false),
            ("0.1.0<b>", false),
            ("01.0.0", false),
            ("1.0.0-", false),
        ] {
            std::fs::write(
                dir.path().join("aculab-errors/Cargo.toml"),
                format!("[package]\nname = \"aculab-errors\"\nversion = '{version}'\n"),
            )
            .unwrap();
            let result = super::run(dir.path(), ALLOW);
            assert_eq!(result.is_ok(), ok, "{version}: {result:?}");
            if !ok {
                let e = result.unwrap_err().to_string();
                assert!(e.contains("is not a version as Cargo writes one"), "{e}");
            }
        }
    }

    /// The version as Cargo reads it, a comment after it or after `[package]` included (it was
    /// refused as "no version"); what Cargo would not read, or a value this reader cannot take,
    /// is none.
    #[test]
    fn the_version_is_read_as_cargo_reads_it() {
        for (manifest, version) in [
            (
                "[package]\nversion = \"0.1.0\" # next: 0.2.0\n",
                Some("0.1.0"),
            ),
            ("[package] # the crate\nversion='0.1.0'#x\n", Some("0.1.0")),
            (
                "[package]\nname = \"a\"\n\n[dependencies]\nversion = \"1.0.0\"\n",
                None,
            ),
            ("[package]\nversion = \"0.1.0\" trailing\n", None),
            ("[package]\nversion = \"0.1.0\n", None),
            ("[package]\nversion.workspace = true\n", None),
        ] {
            assert_eq!(
                super::package_version(manifest).as_deref(),
                version,
                "{manifest:?}"
            );
        }
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

    #[test]
    fn a_catalogue_that_is_not_utf8_is_refused_at_its_line() {
        let dir = project();
        let mut bytes = FIXTURE.as_bytes().to_vec();
        let at = FIXTURE.find("The token is invalid").unwrap();
        bytes[at] = 0xFF;
        fs::write(dir.path().join(CATALOGUE_FILE), bytes).unwrap();
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.starts_with("errors.yaml:37: not valid UTF-8"),
            "{message}"
        );
    }

    /// Two runs at once take turns: both succeed, and the files are what one run writes.
    #[test]
    fn concurrent_runs_are_serialised() {
        let dir = project();
        edit(dir.path(), "The token is invalid", "The token is bad");
        let expected =
            codegen::generate(&fs::read_to_string(dir.path().join(CATALOGUE_FILE)).unwrap())
                .unwrap();
        let results: Vec<Result<Report, Error>> = std::thread::scope(|s| {
            let runs: Vec<_> = (0..4).map(|_| s.spawn(|| run(dir.path(), WRITE))).collect();
            runs.into_iter().map(|r| r.join().unwrap()).collect()
        });
        let written: usize = results
            .iter()
            .map(|r| r.as_ref().unwrap().written.len())
            .sum();
        assert_eq!(written, 3, "one run writes, the others find nothing to do");
        for file in expected {
            assert_eq!(
                fs::read_to_string(dir.path().join(file.path)).unwrap(),
                file.contents
            );
        }
        let names: Vec<String> = snapshot(dir.path())
            .keys()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".gen-tmp")), "{names:?}");
    }

    #[test]
    fn leftovers_of_a_killed_run_are_removed() {
        let dir = project();
        let leftover = dir.path().join("docs/.errors.md.abcdefghij.gen-tmp");
        fs::write(&leftover, "half a file").unwrap();
        // What a killed `sync --write` left beside the catalogue and the record: it may not run
        // again soon, and git would show them as new files.
        let beside = [
            dir.path().join(".errors.yaml.abcdefghij.gen-tmp"),
            dir.path().join(".upstream.tsv.abcdefghij.gen-tmp"),
        ];
        for path in &beside {
            fs::write(path, "half a file").unwrap();
        }
        edit(dir.path(), "The token is invalid", "The token is bad");
        let report = run(dir.path(), WRITE).unwrap();
        assert_eq!(report.leftovers, 3);
        assert!(!leftover.exists());
        assert!(beside.iter().all(|p| !p.exists()));
        // The one name earlier versions staged both docs files in, even as a planted symlink,
        // which is removed itself, never followed.
        let outside = tempfile::tempdir().unwrap();
        let victim = outside.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        let legacy = [
            dir.path().join("docs/errors.tmp~"),
            dir.path().join("aculab-errors/src/generated.tmp~"),
        ];
        #[cfg(unix)]
        std::os::unix::fs::symlink(&victim, &legacy[0]).unwrap();
        #[cfg(not(unix))]
        fs::write(&legacy[0], "half a file").unwrap();
        fs::create_dir_all(legacy[1].parent().unwrap()).unwrap();
        fs::write(&legacy[1], "half a module").unwrap();
        edit(dir.path(), "The token is bad", "The token is wrong");
        let report = run(dir.path(), WRITE).unwrap();
        assert_eq!(report.leftovers, 2);
        assert!(legacy.iter().all(|l| fs::symlink_metadata(l).is_err()));
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    }

    /// A run killed between its renames (the module already replaced, the export, renamed last,
    /// not yet) left a temporary file: the next run of the same catalogue neither refuses the
    /// export as disagreeing with the module nor keeps the leftover, and writes what one run does.
    #[test]
    fn a_run_killed_between_its_renames_is_finished_by_the_next() {
        let dir = project();
        let text = fs::read_to_string(dir.path().join(CATALOGUE_FILE)).unwrap();
        let added = "  - code: \"0002\"\n    name: added_code\n    category: request_validation\n    retry: false\n    description: Added.\n\n  - code: \"0018\"";
        edit(dir.path(), "  - code: \"0018\"", added);
        let expected = codegen::generate(&text.replacen("  - code: \"0018\"", added, 1)).unwrap();
        let by_path = |path: &str| &expected.iter().find(|f| f.path == path).unwrap().contents;
        // What the killed run got done: the module and the Markdown in place, the export staged.
        for path in [codegen::RUST_FILE, codegen::MARKDOWN_FILE] {
            fs::write(dir.path().join(path), by_path(path)).unwrap();
        }
        let leftover = dir.path().join("docs/.errors.json.k1ll3dxxxx.gen-tmp");
        fs::write(&leftover, by_path(JSON_FILE)).unwrap();
        let report = run(dir.path(), WRITE).unwrap();
        assert_eq!((report.written, report.leftovers), (vec![JSON_FILE], 1));
        for file in &expected {
            assert_eq!(
                &fs::read_to_string(dir.path().join(file.path)).unwrap(),
                &file.contents
            );
        }
        assert!(!leftover.exists());
        // A module that is not what the catalogue generates is still refused.
        fs::write(
            dir.path().join(JSON_FILE),
            fs::read_to_string(project().path().join(JSON_FILE)).unwrap(),
        )
        .unwrap();
        edit(
            dir.path(),
            "description: Added.",
            "description: Added later.",
        );
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(message.contains("disagrees with"), "{message}");
    }

    /// A first run killed between its renames (the module in place, the export, renamed last,
    /// only staged): the next run of the same catalogue finishes it. It was refused for a
    /// missing baseline, with advice to restore from git what was never committed, and only
    /// `--allow-breaking` went on. The staged export is kept as the sign of it, even by a run
    /// killed in turn, until a run is over; without it a missing export is refused.
    #[test]
    fn a_first_run_killed_between_its_renames_is_finished_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(CATALOGUE_FILE), FIXTURE).unwrap();
        let expected = codegen::generate(FIXTURE).unwrap();
        let by_path = |path: &str| &expected.iter().find(|f| f.path == path).unwrap().contents;
        for path in [codegen::RUST_FILE, codegen::JSON_FILE] {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
        }
        fs::write(
            dir.path().join(codegen::RUST_FILE),
            by_path(codegen::RUST_FILE),
        )
        .unwrap();
        let staged = dir.path().join("docs/.errors.json.k1ll3dxxxx.gen-tmp");
        fs::write(&staged, by_path(JSON_FILE)).unwrap();
        let other = dir.path().join("docs/.errors.md.k1ll3dxxxx.gen-tmp");
        fs::write(&other, "half a file").unwrap();
        // A run that swept as a run of gen does first, then was killed itself, leaves the sign.
        let found = leftovers(dir.path()).unwrap();
        let kept = staged_exports(dir.path(), &found);
        assert_eq!(kept, std::slice::from_ref(&staged));
        assert_eq!(sweep_but(&found, &kept).unwrap(), 1);
        assert!(staged.exists() && !other.exists());
        let message = run(dir.path(), CHECK).unwrap_err().to_string();
        assert!(message.contains("docs/errors.json: stale"), "{message}");
        assert!(
            message.contains(".errors.json.k1ll3dxxxx.gen-tmp: a temporary file"),
            "{message}"
        );
        let report = run(dir.path(), WRITE).unwrap();
        assert_eq!(report.leftovers, 1);
        assert!(!staged.exists());
        for file in &expected {
            assert_eq!(
                &fs::read_to_string(dir.path().join(file.path)).unwrap(),
                &file.contents
            );
        }
        // Without the sign, a missing export is refused as before.
        fs::remove_file(dir.path().join(JSON_FILE)).unwrap();
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.contains("cannot read the last generated state"),
            "{message}"
        );
        // A run that fails (not killed) leaves no temporary file, the sign included.
        fs::write(&staged, by_path(JSON_FILE)).unwrap();
        edit(dir.path(), "retry: false", "retry: maybe");
        assert!(matches!(run(dir.path(), WRITE), Err(Error::Invalid(_))));
        assert!(!staged.exists());
    }

    /// The export is renamed into place last, whatever else is stale.
    #[test]
    fn the_export_is_written_last() {
        let files = codegen::generate(FIXTURE).unwrap();
        let stale: Vec<(&codegen::GeneratedFile, ())> = files.iter().map(|f| (f, ())).collect();
        let order: Vec<&str> = write_order(&stale).map(|(f, _)| f.path).collect();
        assert_eq!(order.len(), files.len());
        assert_eq!(order.last(), Some(&JSON_FILE));
    }

    /// A run that fails still removes what a killed run left (it holds the lock, so no other run
    /// is staging); `--check` touches nothing.
    #[test]
    fn a_failed_run_still_removes_leftovers() {
        let dir = project();
        let leftover = dir
            .path()
            .join("aculab-errors/src/.generated.rs.abcdefghij.gen-tmp");
        fs::write(&leftover, "half a file").unwrap();
        edit(dir.path(), "    retry: false", "    retry: maybe");
        assert!(run(dir.path(), CHECK).is_err());
        assert!(leftover.exists());
        assert!(run(dir.path(), WRITE).is_err());
        assert!(!leftover.exists());
    }

    /// `--check` on a tree that is otherwise fresh names what a killed run left, and fails: it
    /// passed, and the half-written file stayed for good in a tree only ever checked (CI), for
    /// `git add` to pick up. It removes nothing; `gen` does.
    #[test]
    fn check_mode_names_the_leftovers_of_a_killed_run() {
        let dir = project();
        let leftover = dir.path().join("docs/.errors.json.abcdefghij.gen-tmp");
        fs::write(&leftover, "half a file").unwrap();
        let message = run(dir.path(), CHECK).unwrap_err().to_string();
        assert_eq!(
            message,
            "docs/.errors.json.abcdefghij.gen-tmp: a temporary file an interrupted run left; `cargo xtask gen` removes it\n\
             error: the generated files are up to date, but an interrupted run left temporary files; run `cargo xtask gen` to remove them\n"
        );
        assert!(leftover.exists());
        assert_eq!(run(dir.path(), WRITE).unwrap().leftovers, 1);
        assert!(run(dir.path(), CHECK).is_ok());
    }

    /// A directory stands at docs/errors.md's name: the run is refused before anything is
    /// staged, and no file changes. (`write.rs` tests a rename failing midway, and its rollback.)
    #[test]
    fn a_directory_at_an_output_is_refused_before_anything_is_written() {
        let dir = project();
        edit(dir.path(), "The token is invalid", "The token is bad");
        let md = dir.path().join(codegen::MARKDOWN_FILE);
        fs::remove_file(&md).unwrap();
        fs::create_dir(&md).unwrap();
        let before = snapshot(dir.path());
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        // Named from the project's root, as every other message names a file.
        assert!(
            message.starts_with("docs/errors.md: cannot write:"),
            "{message}"
        );
        assert!(message.contains("no file was replaced"), "{message}");
        // A check, which writes nothing, was told the same: that it could not write, and that
        // no file was replaced.
        let message = run(dir.path(), CHECK).unwrap_err().to_string();
        assert!(
            message.starts_with("docs/errors.md: cannot read: not a regular file;"),
            "{message}"
        );
        assert!(message.ends_with("; no file was written\n"), "{message}");
        let after = snapshot(dir.path());
        let contents = |s: &BTreeMap<PathBuf, (Vec<u8>, SystemTime)>| {
            s.iter()
                .map(|(p, (b, _))| (p.clone(), b.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(contents(&after), contents(&before));
    }

    /// A refused run leaves an output byte for byte, even with CRLF line ends and bytes that are
    /// not UTF-8.
    #[test]
    fn a_refused_run_leaves_odd_bytes_as_they_are() {
        let dir = project();
        let rust = dir.path().join(codegen::RUST_FILE);
        let mut odd = fs::read_to_string(&rust)
            .unwrap()
            .replace('\n', "\r\n")
            .into_bytes();
        odd.extend_from_slice(b"\xff\r\n");
        fs::write(&rust, &odd).unwrap();
        edit(dir.path(), "The token is invalid", "The token is bad");
        let md = dir.path().join(codegen::MARKDOWN_FILE);
        fs::remove_file(&md).unwrap();
        fs::create_dir(&md).unwrap();
        assert!(run(dir.path(), ALLOW).is_err());
        assert_eq!(fs::read(&rust).unwrap(), odd);
    }

    #[cfg(unix)]
    #[test]
    fn special_files_and_symlinks_out_of_the_project_are_refused_untouched() {
        use std::os::unix::fs::symlink;
        // A directory of outputs that leads outside: nothing is created there.
        let dir = project();
        let outside = tempfile::tempdir().unwrap();
        let crate_dir = dir.path().join("aculab-errors");
        fs::rename(&crate_dir, dir.path().join("moved")).unwrap();
        symlink(outside.path(), &crate_dir).unwrap();
        edit(dir.path(), "The token is invalid", "The token is bad");
        let message = run(dir.path(), ALLOW).unwrap_err().to_string();
        assert!(message.contains("outside the project"), "{message}");
        assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
        // Said so first, not as a module missing beside the baseline (read through the symlink).
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.starts_with(
                "aculab-errors/src/generated.rs: cannot write: its directory resolves to"
            ),
            "{message}"
        );
        // One that leads nowhere is named as such.
        let dir = project();
        let docs = dir.path().join("docs");
        fs::rename(&docs, dir.path().join("moved")).unwrap();
        symlink(dir.path().join("nowhere"), &docs).unwrap();
        let message = run(dir.path(), ALLOW).unwrap_err().to_string();
        assert!(message.contains("a symlink to"), "{message}");
        assert!(message.contains("cannot be resolved"), "{message}");
        assert!(!dir.path().join("nowhere").exists());

        // A device or a FIFO where an output goes is never read (it would hang or never end).
        for special in [Path::new("/dev/zero"), Path::new("/dev/null")] {
            let dir = project();
            let md = dir.path().join(codegen::MARKDOWN_FILE);
            fs::remove_file(&md).unwrap();
            symlink(special, &md).unwrap();
            let message = run(dir.path(), WRITE).unwrap_err().to_string();
            assert!(message.contains("not a regular file"), "{message}");
            assert!(fs::symlink_metadata(&md).unwrap().file_type().is_symlink());
        }
        let dir = project();
        let json = dir.path().join(JSON_FILE);
        fs::remove_file(&json).unwrap();
        assert!(std::process::Command::new("mkfifo")
            .arg(&json)
            .status()
            .unwrap()
            .success());
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(message.contains("not a regular file"), "{message}");

        // Nor is a FIFO standing at the catalogue's name opened (it would wait for a writer).
        let dir = project();
        let catalogue = dir.path().join(CATALOGUE_FILE);
        fs::remove_file(&catalogue).unwrap();
        assert!(std::process::Command::new("mkfifo")
            .arg(&catalogue)
            .status()
            .unwrap()
            .success());
        let message = run(dir.path(), CHECK).unwrap_err().to_string();
        assert!(
            message.starts_with("errors.yaml: cannot read the catalogue: not a regular file"),
            "{message}"
        );
    }

    #[test]
    fn a_baseline_that_disagrees_with_the_module_is_refused() {
        let dir = project();
        let json = dir.path().join(JSON_FILE);
        let mut export: serde_json::Value =
            serde_json::from_slice(&fs::read(&json).unwrap()).unwrap();
        // Cut consistently: one entry, and the categories listing only it.
        export["errors"].as_array_mut().unwrap().truncate(1);
        let kept = export["errors"][0]["code"].clone();
        for c in export["categories"].as_array_mut().unwrap() {
            c["codes"]
                .as_array_mut()
                .unwrap()
                .retain(|code| *code == kept);
        }
        fs::write(&json, serde_json::to_string_pretty(&export).unwrap()).unwrap();
        edit(dir.path(), "name: invalid_token", "name: bad_token");
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.contains("disagrees with aculab-errors/src/generated.rs"),
            "{message}"
        );
    }

    /// An export edited by hand, or restored apart from the module, beside a module that is
    /// already what the catalogue generates: said to disagree with the module, and refused
    /// unless breaking is allowed (it was rewritten with exit 0, the edit unmentioned); never
    /// read as a rename the catalogue never made. Only beside the export a killed run staged is
    /// it finished ([`a_run_killed_between_its_renames_is_finished_by_the_next`]).
    #[test]
    fn an_export_edited_beside_a_current_module_is_refused_not_blamed() {
        let dir = project();
        let json = dir.path().join(JSON_FILE);
        let fresh = fs::read_to_string(&json).unwrap();
        assert!(fresh.contains("\"invalid_token\""));
        let edited = fresh.replace("\"invalid_token\"", "\"invalid_tokem\"");
        fs::write(&json, &edited).unwrap();
        let before = snapshot(dir.path());
        for options in [WRITE, CHECK] {
            let message = run(dir.path(), options).unwrap_err().to_string();
            assert!(
                message.starts_with("docs/errors.json: cannot read the last generated state"),
                "{message}"
            );
            assert!(
                message.contains("it disagrees with aculab-errors/src/generated.rs"),
                "{message}"
            );
            assert!(!message.contains("aliases"), "{message}");
        }
        assert_eq!(snapshot(dir.path()), before);
        assert_eq!(run(dir.path(), ALLOW).unwrap().written, [JSON_FILE]);
        assert_eq!(fs::read_to_string(&json).unwrap(), fresh);
        // Beside a module this run would change, the same export is refused too.
        fs::write(&json, &edited).unwrap();
        edit(dir.path(), "The token is invalid", "The token is bad");
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(message.contains("disagrees with"), "{message}");
    }

    /// Every generated file deleted (`rm -r docs aculab-errors/src/generated.rs`) beside a crate
    /// that builds on the module is no first run: the baseline is missing, and said so. A rename
    /// then passed unseen, as if nothing had ever been generated.
    #[test]
    fn every_generated_file_deleted_beside_the_crate_is_no_first_run() {
        let dir = project();
        fs::write(dir.path().join(CRATE_ROOT), "mod generated;\n").unwrap();
        for path in GENERATED {
            fs::remove_file(dir.path().join(path)).unwrap();
        }
        edit(dir.path(), "name: invalid_token", "name: bad_token");
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.starts_with("docs/errors.json: cannot read the last generated state, which the check for renamed or removed names compares against: it is missing"),
            "{message}"
        );
        assert!(!dir.path().join(JSON_FILE).exists());
        assert_eq!(run(dir.path(), ALLOW).unwrap().written.len(), 4);
    }

    /// The module the export is checked against is gone: said so, not blamed on a name.
    #[test]
    fn a_missing_module_is_named_and_refused_unless_breaking_is_allowed() {
        let dir = project();
        fs::remove_file(dir.path().join(codegen::RUST_FILE)).unwrap();
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.contains(
                "it cannot be checked against aculab-errors/src/generated.rs, which is missing"
            ),
            "{message}"
        );
        assert_eq!(
            run(dir.path(), ALLOW).unwrap().written,
            [codegen::RUST_FILE]
        );
    }

    /// A failed first run leaves no directory it created: docs/ leads out of the project, and
    /// aculab-errors/src/, made for the module before docs/ was judged, stayed behind, empty.
    #[cfg(unix)]
    #[test]
    fn a_failed_run_leaves_no_directory_it_created() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(CATALOGUE_FILE), FIXTURE).unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("docs")).unwrap();
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(message.contains("outside the project"), "{message}");
        assert!(!dir.path().join("aculab-errors").exists());
        assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
        // What it created is removed; what stood there before stays.
        let mut created = Vec::new();
        let kept = dir.path().join("kept");
        fs::create_dir(&kept).unwrap();
        create_dirs(&kept.join("a/b"), &mut created).unwrap();
        assert_eq!(created, [kept.join("a"), kept.join("a/b")]);
        remove_dirs(&created);
        assert!(kept.is_dir() && !kept.join("a").exists());
    }

    /// What stands at the inputs besides the catalogue, the crate's manifest and the record,
    /// is read only if it is a file: a FIFO at the manifest's name was opened, and the run waited
    /// for a writer for good, holding the lock. Each is named from the root, once.
    #[cfg(unix)]
    #[test]
    fn a_fifo_at_the_manifest_or_the_record_is_refused_unopened() {
        for (path, expected) in [
            (
                "aculab-errors/Cargo.toml",
                "aculab-errors/Cargo.toml: cannot read: not a regular file; remove what stands there and run again\n\
                 error: no file was written",
            ),
            (
                codegen::upstream::RECORD_FILE,
                "upstream.tsv: cannot read: not a regular file; remove what stands there and run again\n\
                 error: no file was written",
            ),
        ] {
            let dir = project();
            let fifo = dir.path().join(path);
            fs::create_dir_all(fifo.parent().unwrap()).unwrap();
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            assert!(made.unwrap().success());
            let (send, done) = std::sync::mpsc::channel();
            let root = dir.path().to_path_buf();
            std::thread::spawn(move || send.send(run(&root, CHECK).map(drop)));
            let result = done.recv_timeout(Duration::from_secs(30));
            if result.is_err() {
                // Lets the waiting run go before failing.
                let _ = fs::OpenOptions::new().write(true).open(&fifo);
                panic!("{path}: the run waited on the FIFO");
            }
            let message = result.unwrap().unwrap_err().to_string();
            assert_eq!(message, expected);
        }
    }

    /// An output that cannot be read is said to be unreadable, not unwritable (a symlink loop
    /// here; a file without read permission the same).
    #[cfg(unix)]
    #[test]
    fn an_unreadable_output_is_named_as_unreadable() {
        let dir = project();
        let schema = dir.path().join(codegen::SCHEMA_FILE);
        fs::remove_file(&schema).unwrap();
        std::os::unix::fs::symlink(&schema, &schema).unwrap();
        let message = run(dir.path(), WRITE).unwrap_err().to_string();
        assert!(
            message.starts_with("docs/errors.schema.json: cannot read: "),
            "{message}"
        );
        assert!(message.ends_with("; no file was written\n"), "{message}");
    }

    /// What a test does to the catalogue's file right after a run read it.
    pub(crate) type Hook = Box<dyn FnOnce(&Path)>;

    thread_local! {
        /// Run by [`lock_and_read`] right after it read the catalogue, on this thread.
        pub(crate) static AFTER_READ: std::cell::RefCell<Option<Hook>> =
            const { std::cell::RefCell::new(None) };
    }

    /// A catalogue written in place (truncated, then written) while a run reads it: the run read
    /// it cut short, with the last entry's text cut yet still valid, and the rest arrived
    /// afterwards. The run wrote outputs from the cut catalogue (exit 0), stale against the file;
    /// now it says the catalogue changed while it was read and writes nothing, and a run after
    /// the write generates from the whole file. A check is told the same, not that files are stale.
    #[test]
    fn a_catalogue_written_while_it_is_read_is_not_generated_from() {
        for options in [WRITE, ALLOW, CHECK] {
            let dir = project();
            let path = dir.path().join(CATALOGUE_FILE);
            let whole = fs::read_to_string(&path).unwrap().replace(
                "The file is too large.",
                "The file is too large for the service.",
            );
            let cut = &whole[..whole.find(" for the service.").unwrap()];
            fs::write(&path, cut).unwrap();
            let before = snapshot(dir.path());
            let rest = whole.clone();
            AFTER_READ.with(|hook| {
                *hook.borrow_mut() = Some(Box::new(move |path: &Path| {
                    fs::write(path, rest).unwrap();
                }));
            });
            let message = run(dir.path(), options).unwrap_err().to_string();
            assert_eq!(
                message,
                "errors.yaml: changed while it was read (is an editor or another program still writing it?); run again once it is saved; no file was written\n"
            );
            let mut after = snapshot(dir.path());
            after.remove(&path);
            let mut before = before;
            before.remove(&path);
            assert_eq!(after, before, "{options:?}");
            if options.mode == Mode::Write {
                run(dir.path(), options).unwrap();
                run(dir.path(), CHECK).unwrap();
            }
        }
    }

    #[test]
    fn a_directory_at_a_leftover_name_is_left_alone() {
        let dir = project();
        let odd = dir.path().join("docs/.errors.md.abc.gen-tmp");
        fs::create_dir(&odd).unwrap();
        edit(dir.path(), "The token is invalid", "The token is bad");
        let report = run(dir.path(), WRITE).unwrap();
        assert_eq!(report.leftovers, 0);
        assert!(odd.is_dir());
    }
}
