//! `cargo xtask sync [--write] PAGE`: compare Aculab's official error page with the catalogue
//! and the provenance record, code by code.
//!
//! Reading and comparing are pure ([`codegen::upstream`]); this module reads the files and, with
//! `--write`, holds `gen`'s project lock while it replaces the catalogue (with each added
//! code scaffolded) and `upstream.tsv`, all or none ([`crate::write`]).

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use codegen::upstream::{self, Change, Page, Record, RECORD_FILE};
use codegen::CATALOGUE_FILE;

use crate::gen::{lock_and_read, read_record, Mode};
use crate::write::{replace_all, Replacement};

/// What a run found, and what it wrote.
#[derive(Debug)]
pub struct Outcome {
    /// Every difference, in code order.
    pub changes: Vec<Change>,
    /// How many codes the page lists.
    pub codes: usize,
    /// Codes the page lists more than once (the first is used).
    pub repeated: Vec<u16>,
    /// Files replaced (with `--write`).
    pub written: Vec<&'static str>,
    /// Codes scaffolded in the catalogue (with `--write`).
    pub scaffolded: Vec<u16>,
    /// Whether `--write` was given.
    pub write: bool,
    /// Whether `--write` would scaffold a code or record anything but the date: when it would
    /// not, the drift left is for a person to mend in the catalogue, and the hint says so.
    pub write_would_change: bool,
    /// Codes whose entry still holds a placeholder of a scaffold, for a person to write.
    pub unwritten: Vec<u16>,
}

impl Outcome {
    /// Whether the page, the catalogue and the record agree.
    pub fn in_step(&self) -> bool {
        self.changes.is_empty()
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for code in &self.repeated {
            writeln!(
                f,
                "note: the page lists {code:04} more than once; the first is used"
            )?;
        }
        for change in &self.changes {
            writeln!(f, "{change}")?;
        }
        for code in &self.unwritten {
            writeln!(
                f,
                "note: {code:04} is still a scaffold in {CATALOGUE_FILE}: write its text, then `cargo xtask gen`"
            )?;
        }
        if self.in_step() {
            writeln!(
                f,
                "in step: the {} codes on the page agree with {CATALOGUE_FILE} and {RECORD_FILE}",
                self.codes
            )?;
        } else {
            let n = self.changes.len();
            writeln!(
                f,
                "drift: {n} difference{} from the official page",
                if n == 1 { "" } else { "s" }
            )?;
        }
        for code in &self.scaffolded {
            writeln!(f, "scaffolded {code:04} in {CATALOGUE_FILE}: `cargo xtask gen` refuses it until its text is written")?;
        }
        for path in &self.written {
            writeln!(f, "updated {path}")?;
        }
        if !self.in_step() {
            if !self.write && self.write_would_change {
                write!(f, "next: `cargo xtask sync --write PAGE` scaffolds added codes and records the page; then ")?;
            } else {
                write!(f, "next: ")?;
            }
            writeln!(f, "edit {CATALOGUE_FILE}, `cargo xtask gen`, `cargo test`")?;
        } else if !self.written.is_empty() {
            // The record's checked date moved, and the docs show it: they are stale until
            // `gen` runs.
            writeln!(
                f,
                "next: `cargo xtask gen` (the docs show the checked date), then commit \
                 {CATALOGUE_FILE}, {RECORD_FILE} and the generated files"
            )?;
        }
        Ok(())
    }
}

/// The last line of an error before anything was compared.
const NOTHING_COMPARED: &str = "error: nothing was compared and no file was written";

/// Why nothing could be compared, or nothing written (exit 2).
#[derive(Debug)]
pub enum Error {
    /// The page could not be read.
    Page(PathBuf, String),
    /// The catalogue could not be read.
    Catalogue(String),
    /// The record could not be read.
    Record(String),
    /// Writing failed; nothing was replaced.
    Write(PathBuf, io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Page(path, why) => writeln!(
                f,
                "{}: cannot read the page: {why}\n{NOTHING_COMPARED}",
                path.display()
            ),
            Error::Catalogue(why) | Error::Record(why) => writeln!(f, "{why}{NOTHING_COMPARED}"),
            // The page was read and compared; only the writing failed.
            Error::Write(path, e) => writeln!(
                f,
                "{}: cannot write: {e}\n\
                 error: no file was written; `cargo xtask sync PAGE` (without --write) shows the drift",
                path.display()
            ),
        }
    }
}

/// Reads the page, at most [`upstream::MAX_PAGE_BYTES`] and one byte more.
fn read_page(path: &Path) -> Result<Page, Error> {
    let fail = |why: String| Error::Page(path.to_path_buf(), why);
    // Checked before opening: opening a FIFO would wait for a writer.
    let meta = fs::metadata(path).map_err(|e| fail(e.to_string()))?;
    if !meta.is_file() {
        return Err(fail("it is not a regular file".into()));
    }
    if meta.len() > upstream::MAX_PAGE_BYTES as u64 {
        return Err(fail(format!(
            "the page is {} bytes, more than the {} accepted",
            meta.len(),
            upstream::MAX_PAGE_BYTES
        )));
    }
    let file = fs::File::open(path).map_err(|e| fail(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(upstream::MAX_PAGE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(e.to_string()))?;
    // A file that is no saved page, but holds one: said so, rather than "holds NUL bytes".
    for (magic, what) in [
        (
            &b"\x1f\x8b"[..],
            "compressed with gzip; decompress it (`gunzip`) and compare the page it holds",
        ),
        (
            b"%PDF-",
            "a PDF; save the page as HTML, or its text (`pdftotext -layout`), and compare that",
        ),
        (
            b"PK\x03\x04",
            "a ZIP archive (a .docx?); save the page as HTML or text and compare that",
        ),
    ] {
        if bytes.starts_with(magic) {
            return Err(fail(format!("it is {what}")));
        }
    }
    let page = upstream::parse_page(&bytes).map_err(|e| fail(e.to_string()))?;
    if page.unclear.is_empty() {
        return Ok(page);
    }
    // Read with certainty or not compared at all: a guess could blame the wrong code.
    let mut unclear: Vec<String> = page
        .unclear
        .iter()
        .map(|u| match u.line {
            Some(line) => format!("line {line}: {:04} {}", u.code, u.what),
            None => format!("{:04} {}", u.code, u.what),
        })
        .collect();
    if page.unclear_more > 0 {
        unclear.push(format!("and {} more", page.unclear_more));
    }
    Err(fail(format!(
        "parts of it cannot be read with certainty, so nothing was compared:\n  {}",
        unclear.join("\n  ")
    )))
}

/// Compares `page` with the catalogue and the record under `root`; with `write`, scaffolds
/// added codes and records the page as checked on `today` (`YYYY-MM-DD`).
pub fn run(root: &Path, page: &Path, write: bool, today: &str) -> Result<Outcome, Error> {
    let path = page;
    let page = read_page(path)?;
    let mode = if write { Mode::Write } else { Mode::Check };
    // Held until the end of the run: `gen` and other syncs wait meanwhile.
    let (_lock, bytes) = lock_and_read(root, mode).map_err(|e| Error::Catalogue(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::Catalogue(format!(
            "{CATALOGUE_FILE}: not valid UTF-8; `cargo xtask gen` says where\n"
        ))
    })?;
    let located = |d: codegen::Diagnostics| Error::Catalogue(d.to_string());
    let catalogue = upstream::catalogue_codes(&text).map_err(located)?;
    // Most entries on the page give neither a status nor a remedy where the catalogue gives
    // one for their codes: a layout not understood (a text browser's or `pdftotext -raw`'s
    // dump of a table runs each row's cells together, and a few rows' words may still read as
    // a part), not half the statuses and remedies gone at once; nothing is compared.
    let known: Vec<&upstream::PageEntry> = page
        .entries
        .iter()
        .filter(|e| (catalogue.codes.get(&e.code)).is_some_and(|c| c.http.is_some() || c.remedy))
        .collect();
    let bare = known
        .iter()
        .filter(|e| e.http.is_none() && e.remedy.is_none())
        .count();
    if known.len() > 1 && bare * 2 > known.len() {
        return Err(Error::Page(
            path.to_path_buf(),
            format!(
                "errors.yaml gives an HTTP status or a remedy for {} of the codes on it, but it gives \
                 neither (\"HTTP Error code\", \"Remedy\") for {bare} of those, so its layout was not \
                 understood; save it as HTML, or as text with each entry's parts on lines of their own",
                known.len()
            ),
        ));
    }
    let (record, record_text) = read_record(root).map_err(Error::Record)?;
    let changes = upstream::drift(&page, &catalogue, &record);
    // What the record becomes with `--write`.
    let page_record = Record::of(&page, today);
    let added: Vec<&upstream::PageEntry> = page
        .entries
        .iter()
        .filter(|e| !catalogue.codes.contains_key(&e.code))
        .collect();
    let mut outcome = Outcome {
        changes,
        codes: page.entries.len(),
        repeated: page.repeated.clone(),
        written: Vec::new(),
        scaffolded: Vec::new(),
        write,
        write_would_change: !added.is_empty() || page_record.facts != record.facts,
        // A scaffold for a code gone from the page is to delete, as its change says.
        unwritten: (catalogue.codes.values())
            .filter(|c| c.unwritten && page.entries.iter().any(|e| e.code == c.code))
            .map(|c| c.code)
            .collect(),
    };
    if !write {
        return Ok(outcome);
    }
    // What a killed `gen` or `sync --write` left is removed, whatever this run then writes.
    crate::gen::sweep(root).map_err(|e| match e {
        crate::gen::Error::Write(path, e) => Error::Write(path, e),
        e => Error::Catalogue(e.to_string()),
    })?;

    let new_catalogue = upstream::scaffold(&text, &catalogue, &added);
    // The scaffold must read back with every added code, or nothing is written.
    let check = upstream::catalogue_codes(&new_catalogue).map_err(located)?;
    if let Some(e) = added.iter().find(|e| !check.codes.contains_key(&e.code)) {
        return Err(Error::Catalogue(format!(
            "{CATALOGUE_FILE}: cannot place a scaffold for {:04} in this layout; add it by hand\n",
            e.code
        )));
    }
    let mut new_record = page_record.render();
    // The record's own line end (CRLF in a Windows checkout), as the scaffold keeps the
    // catalogue's: a record that only differs in them is not rewritten.
    if record_text.as_deref().is_some_and(|t| t.contains("\r\n")) {
        new_record = new_record.replace('\n', "\r\n");
    }
    let mut replacements = Vec::new();
    if !added.is_empty() {
        replacements.push((CATALOGUE_FILE, new_catalogue.as_str(), Some(text.as_str())));
    }
    if record_text.as_deref() != Some(new_record.as_str()) {
        replacements.push((RECORD_FILE, new_record.as_str(), record_text.as_deref()));
    }
    for (path, ..) in &replacements {
        not_a_symlink(&root.join(path))?;
    }
    let files: Vec<Replacement<'_>> = replacements
        .iter()
        .map(|(path, contents, old)| Replacement {
            path: root.join(path),
            contents,
            old: old.map(str::as_bytes),
        })
        .collect();
    replace_all(&files).map_err(|(path, e)| Error::Write(path, e))?;
    outcome.written = replacements.iter().map(|(p, ..)| *p).collect();
    outcome.scaffolded = added.iter().map(|e| e.code).collect();
    Ok(outcome)
}

/// Refuses to replace a symlink at `path`: the rename would replace the link with a file, and
/// the file it leads to, which the maintainer edits, would silently stay as it was.
fn not_a_symlink(path: &Path) -> Result<(), Error> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(Error::Write(
            path.to_path_buf(),
            io::Error::other(
                "it is a symlink, which would be replaced by a file while the file it leads to \
                 stays as it was; run `sync --write` where that file is, or replace the link \
                 with the file",
            ),
        )),
        _ => Ok(()),
    }
}

/// The exit status of a run: 0 in step, 1 drift, 2 nothing compared.
pub fn exit_code(result: &Result<Outcome, Error>) -> u8 {
    match result {
        Ok(outcome) if outcome.in_step() => 0,
        Ok(_) => 1,
        Err(_) => 2,
    }
}

/// Today's date in UTC, `YYYY-MM-DD`, from the system clock.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date(secs / 86_400)
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::gen::{self, Options};
    use crate::snapshot::snapshot;

    const PAGE_TXT: &str = include_str!("../tests/fixtures/upstream/page.txt");
    const PAGE_HTML: &str = include_str!("../tests/fixtures/upstream/page.html");
    const TODAY: &str = "2026-12-02";
    const GEN: Options = Options {
        mode: gen::Mode::Write,
        allow_breaking: false,
    };

    /// A valid catalogue with the page's codes, statuses and remedies, in words of its own.
    fn catalogue_for(page: &str) -> String {
        let page = upstream::parse_page(page.as_bytes()).unwrap();
        let mut out = String::from(
            "links: \"https://example.com/errors?error={code}\"\n\ncategories:\n  - id: everything\n    title: Everything\n    range: \"0000-9999\"\n    description: Every code.\n\nerrors:\n",
        );
        let mut entries = page.entries.clone();
        entries.sort_by_key(|e| e.code);
        for e in entries {
            out += &format!(
                "  - code: \"{:04}\"\n    name: code_{:04}\n",
                e.code, e.code
            );
            if let Some(s) = e.http {
                out += &format!("    http: {s}\n");
            }
            out += &format!("    category: everything\n    retry: false\n    description: Our words for {:04}.\n", e.code);
            if e.remedy.is_some() {
                out += &format!("    remedy: What to do about {:04}.\n", e.code);
            }
            out.push('\n');
        }
        out
    }

    /// A scratch project: the fixture catalogue and the record of the official page.
    fn project() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(CATALOGUE_FILE), catalogue_for(PAGE_TXT)).unwrap();
        let page = upstream::parse_page(PAGE_TXT.as_bytes()).unwrap();
        fs::write(
            dir.path().join(RECORD_FILE),
            Record::of(&page, "2026-01-01").render(),
        )
        .unwrap();
        let pages = dir.path().join("pages");
        fs::create_dir(&pages).unwrap();
        (dir, pages)
    }

    /// Runs sync (without `--write`) on `page` saved under `pages`; checks that nothing was
    /// written; returns the exit status and the output lines naming codes.
    fn sync(root: &Path, pages: &Path, name: &str, page: &str) -> (u8, Vec<String>) {
        let path = pages.join(name);
        fs::write(&path, page).unwrap();
        let before = snapshot(root);
        let result = run(root, &path, false, TODAY);
        assert_eq!(snapshot(root), before, "{name}: sync without --write wrote");
        let lines = match &result {
            Ok(outcome) => outcome.changes.iter().map(ToString::to_string).collect(),
            Err(e) => vec![e.to_string()],
        };
        (exit_code(&result), lines)
    }

    /// The page with `from` replaced by `to` once.
    fn edit(page: &str, from: &str, to: &str) -> String {
        assert!(page.contains(from), "{from}");
        page.replacen(from, to, 1)
    }

    const BLOCK_0405: &str = "0405 : The token provided is either invalid, lapsed, or otherwise unidentified. Note that tokens returned by media_delete are stored for only four hours after delete completion.\n\nHTTP Error code\n\n404\n\nRemedy\n\nTry again with a valid token.\n\n";
    const NEW_0033: &str = "0033 : A new error that the page now lists.\n\nHTTP Error code\n\n404\n\nRemedy\n\nDo the new thing.\n\n";

    #[test]
    fn the_official_page_as_text_and_as_html_reads_in_step() {
        let (dir, pages) = project();
        assert_eq!(sync(dir.path(), &pages, "page.txt", PAGE_TXT), (0, vec![]));
        assert_eq!(
            sync(dir.path(), &pages, "page.html", PAGE_HTML),
            (0, vec![])
        );
        let text = upstream::parse_page(PAGE_TXT.as_bytes()).unwrap();
        let html = upstream::parse_page(PAGE_HTML.as_bytes()).unwrap();
        assert_eq!(text.entries.len(), 152);
        assert_eq!(text, html, "the same entries, word for word");
        assert_eq!(Record::of(&text, TODAY), Record::of(&html, TODAY));
    }

    /// `text` as `fold -s -w width` writes it: a line longer than `width` is broken after its
    /// last blank within the width (the blank kept at the line's end), or at the width if it
    /// has none. A word that would exactly fill the line moves to the next, as the blank after
    /// it would not fit.
    fn fold(text: &str, width: usize) -> String {
        let mut out = String::new();
        for line in text.lines() {
            let mut run = String::new();
            for c in line.chars() {
                if run.chars().count() == width {
                    let at = run.rfind(' ').map_or(run.len(), |at| at + 1);
                    out += &run[..at];
                    out.push('\n');
                    run.drain(..at);
                }
                run.push(c);
            }
            out += &run;
            out.push('\n');
        }
        out
    }

    /// The page without its blank lines, hard-wrapped by `fold -s` at any usual width, reads in
    /// step: each line that filled the width goes on in the next.
    #[test]
    fn the_official_page_folded_without_blank_lines_reads_in_step() {
        let (dir, pages) = project();
        let dense: String = PAGE_TXT
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{l}\n"))
            .collect();
        for width in 60..=80 {
            let name = format!("folded-{width}.txt");
            let folded = fold(&dense, width);
            assert_eq!(
                sync(dir.path(), &pages, &name, &folded),
                (0, vec![]),
                "{name}"
            );
        }
    }

    #[test]
    fn each_kind_of_drift_is_named_code_by_code_and_nothing_is_written() {
        let (dir, pages) = project();
        let root = dir.path();
        let cases: Vec<(&str, String, Vec<&str>)> = vec![
            (
                "added",
                edit(PAGE_TXT, "0100 : ", &format!("{NEW_0033}0100 : ")),
                vec!["0033: added on the page (HTTP status 404, with a remedy)"],
            ),
            (
                "removed",
                edit(PAGE_TXT, BLOCK_0405, ""),
                vec!["0405: removed from the page; mark it `retired: <why>`"],
            ),
            (
                "restatused",
                edit(PAGE_TXT, BLOCK_0405, &BLOCK_0405.replace("\n404\n", "\n410\n")),
                vec!["0405: HTTP status changed: 404 -> 410"],
            ),
            (
                "restatused_written_http",
                edit(PAGE_TXT, BLOCK_0405, &BLOCK_0405.replace("\n404\n", "\nHTTP/1.1 410 Gone\n")),
                vec!["0405: HTTP status changed: 404 -> 410"],
            ),
            (
                "restatused_inline",
                edit(PAGE_TXT, BLOCK_0405, &BLOCK_0405.replace("HTTP Error code\n\n404\n", "HTTP Error code: HTTP 410\n")),
                vec!["0405: HTTP status changed: 404 -> 410"],
            ),
            (
                "removed_old_mac_line_ends",
                edit(PAGE_TXT, BLOCK_0405, "").replace('\n', "\r"),
                vec!["0405: removed from the page; mark it `retired: <why>`"],
            ),
            (
                "status_gone",
                edit(PAGE_TXT, BLOCK_0405, &BLOCK_0405.replace("HTTP Error code\n\n404\n\n", "")),
                vec!["0405: HTTP status changed: 404 -> none"],
            ),
            (
                "remedy_dropped",
                edit(PAGE_TXT, BLOCK_0405, &BLOCK_0405.replace("Remedy\n\nTry again with a valid token.\n\n", "")),
                vec!["0405: remedy gone from the page"],
            ),
            (
                "remedy_appeared",
                edit(PAGE_TXT, "0406 : A valid MEDIA filetype has been supplied. However, MEDIA filetypes cannot operate with the requested function.\n\nHTTP Error code\n\n400\n", "0406 : A valid MEDIA filetype has been supplied. However, MEDIA filetypes cannot operate with the requested function.\n\nHTTP Error code\n\n400\n\nRemedy\n\nUse another filetype.\n"),
                vec!["0406: remedy appeared on the page"],
            ),
            (
                "reworded",
                edit(PAGE_TXT, "stored for only four hours", "stored for only two hours"),
                vec!["0405: wording changed (description)"],
            ),
            (
                "a_second_paragraph_with_a_year",
                edit(PAGE_TXT, "delete completion.\n\n", "delete completion.\n\nTokens issued before 2019 are no longer accepted.\n\n"),
                vec!["0405: wording changed (description)"],
            ),
            (
                "a_second_paragraph_with_a_count",
                edit(PAGE_TXT, "delete completion.\n\n", "delete completion.\n\n3 attempts are allowed.\n\n"),
                vec!["0405: wording changed (description)"],
            ),
            (
                "remedy_reworded",
                edit(PAGE_TXT, "Try again with a valid token.", "Try again with a fresh token."),
                vec!["0405: wording changed (remedy)"],
            ),
            (
                "several",
                edit(
                    &edit(
                        &edit(PAGE_TXT, BLOCK_0405, &BLOCK_0405.replace("\n404\n", "\n400\n").replace("four hours", "six hours")),
                        "0001 : ",
                        &format!("{}0001 : ", NEW_0033.replace("0033", "0000")),
                    ),
                    "2027 : A call with the DDI",
                    "2028 : A call with the DDI",
                ),
                vec![
                    "0000: added on the page (HTTP status 404, with a remedy)",
                    "0405: HTTP status changed: 404 -> 400",
                    "0405: wording changed (description)",
                    "2027: removed from the page",
                    "2028: added on the page (HTTP status none, with a remedy)",
                ],
            ),
        ];
        for (name, page, expected) in cases {
            let (code, lines) = sync(root, &pages, name, &page);
            assert_eq!(code, 1, "{name}: {lines:?}");
            assert_eq!(lines.len(), expected.len(), "{name}: {lines:?}");
            for (line, want) in lines.iter().zip(&expected) {
                assert!(
                    line.starts_with(want),
                    "{name}: {line:?} does not start with {want:?}"
                );
            }
        }
        // The same drift read from HTML.
        let html = edit(PAGE_HTML, "<p class=\"status\">404</p>\n      <h4>Remedy</h4>\n      <p>Try again with a valid token.</p>", "<p class=\"status\">410</p>");
        let (code, lines) = sync(root, &pages, "html", &html);
        assert_eq!(code, 1);
        assert_eq!(
            lines,
            [
                "0405: HTTP status changed: 404 -> 410",
                "0405: remedy gone from the page; remove the entry's `remedy`"
            ]
        );
    }

    /// A further paragraph anywhere in an entry is its wording: added or reworded after a
    /// remedy, after a status, or after a description (whatever numbers it opens with), it is
    /// drift (exit 1), never ignored and never a page refused; the page's section after its
    /// last entry stays no entry's.
    #[test]
    fn a_further_paragraph_in_an_entry_is_drift_not_ignored_or_refused() {
        let (dir, pages) = project();
        let root = dir.path();
        let remedy = "Try again with a valid token.\n\n";
        let description = "delete completion.\n\n";
        let status = "0015 : The Cloud ID given in the request was invalid, it must be in the form Region-Layer-Cloud. See https://www.aculab.com/cloud/guides/cloud-regions for more information.\n\nHTTP Error code\n\n400\n\n";
        let with = |after: &str, prose: &str| edit(PAGE_TXT, after, &format!("{after}{prose}\n\n"));
        let mut cases = vec![
            (
                "remedy",
                with(remedy, "Our status page lists outages."),
                "0405: wording changed (remedy)",
            ),
            (
                "remedy_a_question",
                with(remedy, "Did the token lapse?"),
                "0405: wording changed (remedy)",
            ),
            (
                "after_status",
                with(status, "Older regions used 404 here."),
                "0015: wording changed (description)",
            ),
        ];
        for prose in [
            "Step 1: read the error string.",
            "Note 2: the parameter name is case sensitive.",
            "Allow 2 - 3 minutes for the change to apply.",
            "See (0018) for storage failures.",
            "Error 429: Too Many Requests may be returned instead.",
            "2FA: accounts with two-factor authentication need a token.",
            "12:30 UTC is when the daily maintenance starts.",
            "404: returned by older versions.",
        ] {
            cases.push((
                prose,
                with(description, prose),
                "0405: wording changed (description)",
            ));
        }
        for (name, page, want) in cases {
            let (code, lines) = sync(root, &pages, "page.txt", &page);
            assert_eq!((code, lines.len()), (1, 1), "{name}: {lines:?}");
            assert!(lines[0].starts_with(want), "{name}: {lines:?}");
        }
        // Furniture between the entries, and a sentence after the last: still in step.
        let heading = |p: &str| {
            p.len() > 7 && p[..4].bytes().all(|b| b.is_ascii_digit()) && &p[4..7] == " : "
        };
        let furnished: Vec<String> = PAGE_TXT
            .split("\n\n")
            .map(|p| match p {
                p if heading(p) => format!("Back to top.\n\n{p}"),
                "Error Responses" => format!("Last updated 12 March 2024.\n\n{p}"),
                p => p.to_string(),
            })
            .collect();
        let furnished = furnished.join("\n\n");
        assert_eq!(furnished.matches("Back to top.").count(), 152);
        assert_eq!(sync(root, &pages, "page.txt", &furnished), (0, Vec::new()));
        // Reworded, after the remedy: drift too, and the same from HTML.
        let base = with(remedy, "Our status page lists outages.");
        let reworded = with(remedy, "Our status page lists planned outages.");
        assert_ne!(
            Record::of(&upstream::parse_page(base.as_bytes()).unwrap(), TODAY),
            Record::of(&upstream::parse_page(reworded.as_bytes()).unwrap(), TODAY)
        );
        let html = edit(
            PAGE_HTML,
            "<p>Try again with a valid token.</p>",
            "<ol><li>Try again with a valid token.</li><li>Our status page lists outages.</li></ol>",
        );
        assert_eq!(
            upstream::parse_page(html.as_bytes()).unwrap(),
            upstream::parse_page(base.as_bytes()).unwrap()
        );
        let (code, lines) = sync(root, &pages, "page.html", &html);
        assert_eq!((code, lines.len()), (1, 1), "{lines:?}");
        assert!(
            lines[0].starts_with("0405: wording changed (remedy)"),
            "{lines:?}"
        );
    }

    /// The official page laid out as HTML in the ways a browser saves it: `text` → the HTML
    /// of one entry's parts (`head` is `0405 : ...`, then the labels and their values), with
    /// what surrounds the list (scripts, styles, comments) around it.
    fn browser_page(entry: fn(&str, &[(&str, &str)]) -> String) -> String {
        let mut html = String::from(
            "<!DOCTYPE html>\n<HTML lang=\"en\"><HEAD><META charset=\"utf-8\"><TITLE>0990 : a title</TITLE>\n\
             <style>/* 0999 : a style */ a[title='>'] { content: \"0998 : x\" }</style>\n\
             <script>//<![CDATA[\nvar s = \"</div><p>0997 : nor this</p>\"; if (a < b && c > d) {}\n//]]></script>\n\
             </HEAD><BODY>\n<!-- 0995 : a comment --><!--> an empty comment, then the page\n",
        );
        let mut preamble = true;
        let mut parts: Vec<(&str, &str)> = Vec::new();
        let mut head = "";
        let flush = |html: &mut String, head: &str, parts: &mut Vec<(&str, &str)>| {
            if !head.is_empty() {
                html.push_str(&entry(head, parts));
                html.push('\n');
            }
            parts.clear();
        };
        let paragraphs: Vec<&str> = PAGE_TXT.split("\n\n").map(str::trim).collect();
        let mut i = 0;
        while i < paragraphs.len() {
            let p = paragraphs[i];
            let is_head = p.len() > 7
                && p.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && &p[4..7] == " : ";
            if is_head {
                flush(&mut html, head, &mut parts);
                head = p;
                preamble = false;
            } else if (p == "HTTP Error code" || p == "Remedy")
                && !preamble
                && i + 1 < paragraphs.len()
            {
                parts.push((p, paragraphs[i + 1]));
                i += 1;
            } else if p == "Error Responses" {
                flush(&mut html, head, &mut parts);
                head = "";
                html.push_str("<H2>Error Responses</H2>\n");
            } else if !p.is_empty() {
                html.push_str(&format!("<P>{}</P>\n", escape(p)));
            }
            i += 1;
        }
        flush(&mut html, head, &mut parts);
        html.push_str("<![CDATA[0994 : hidden by a browser]]>\n</BODY></HTML>\n");
        html
    }

    /// Text as HTML: `&`, `<`, `>` escaped, apostrophes as typographic ones and entities.
    fn escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replacen(" : ", "&nbsp;: ", 1)
            .replace("n't", "n&rsquo;t")
            .replace('\'', "&#8217;")
    }

    /// Every way a browser saves the official page reads in step: HTML with single `<br>`s
    /// between the parts of an entry, with a table or a definition list per entry, in
    /// Windows-1252 with CRLF line ends; text with single line breaks or in Windows-1252.
    #[test]
    fn the_official_page_saved_by_a_browser_in_any_layout_reads_in_step() {
        let (dir, pages) = project();
        let root = dir.path();
        let br = browser_page(|head, parts| {
            let mut out = format!(
                "<div class='e' data-x=\"a>b\"><a title=it's href=?e>{}</a>{}",
                &head[..4],
                escape(&head[4..])
            );
            for (label, value) in parts {
                out += &format!("<BR><b>{label}</b><br/>{}", escape(value));
            }
            out + "</div>"
        });
        let table = browser_page(|head, parts| {
            let mut out = format!("<table><tr><th colspan=2>{}</th></tr>", escape(head));
            for (label, value) in parts {
                out += &format!("<tr><th>{label}</th><td>{}</td></tr>", escape(value));
            }
            out + "</table>"
        });
        // A table per code, its first row naming the columns.
        let rows = browser_page(|head, parts| {
            let cell = |label: &str| {
                parts
                    .iter()
                    .find(|(l, _)| *l == label)
                    .map_or(String::new(), |(_, v)| escape(v))
            };
            format!(
                "<table><thead><tr><th>Code</th><th>Description</th><th>HTTP Error code</th><th>Remedy</th></tr></thead>\
                 <tbody><tr><td><a href=#>{}</a><td>{}<td>{}<td>{}</tr></tbody></table>",
                &head[..4],
                escape(&head[7..]),
                cell("HTTP Error code"),
                cell("Remedy")
            )
        });
        // The code alone on its line, its description on the next.
        let bold = browser_page(|head, parts| {
            let mut out = format!("<p><b>{}</b><br>{}", &head[..4], escape(&head[7..]));
            for (label, value) in parts {
                out += &format!("<br><b>{label}</b><br>{}", escape(value));
            }
            out + "</p>"
        });
        let dl = browser_page(|head, parts| {
            let mut out = format!("<dl><dt>{}</dt><dd><dl>", escape(head));
            for (label, value) in parts {
                out += &format!("<dt>{label}:</dt><dd>{}</dd>", escape(value));
            }
            out + "</dl></dd></dl>"
        });
        // Windows-1252: a typographic apostrophe is the byte 0x92.
        let cp1252 = |text: &str| -> Vec<u8> {
            text.chars()
                .map(|c| match c {
                    '\u{2019}' => 0x92,
                    c if c.is_ascii() => c as u8,
                    c => panic!("{c:?}"),
                })
                .collect()
        };
        let windows_html = html_entities_to_chars(&br)
            .replace(
                "<META charset=\"utf-8\">",
                "<meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\">",
            )
            .replace('\n', "\r\n");
        let single_lines = PAGE_TXT.replace("\n\n", "\n");
        let windows_text = PAGE_TXT
            .replace("n't", "n\u{2019}t")
            .replace("'s", "\u{2019}s");
        let layouts: Vec<(&str, Vec<u8>)> = vec![
            ("br.html", br.into_bytes()),
            ("table.html", table.into_bytes()),
            ("dl.html", dl.into_bytes()),
            ("rows.html", rows.into_bytes()),
            ("bold.html", bold.into_bytes()),
            ("windows.html", cp1252(&windows_html)),
            ("single_lines.txt", single_lines.into_bytes()),
            ("windows.txt", cp1252(&windows_text)),
        ];
        for (name, bytes) in layouts {
            let path = pages.join(name);
            fs::write(&path, &bytes).unwrap();
            let result = run(root, &path, false, TODAY);
            let lines: Vec<String> = match &result {
                Ok(outcome) => outcome
                    .changes
                    .iter()
                    .take(5)
                    .map(ToString::to_string)
                    .collect(),
                Err(e) => vec![e.to_string()],
            };
            assert_eq!((exit_code(&result), lines), (0, vec![]), "{name}");
        }
    }

    /// The official page as one table of its codes after a list of them (an odd count or an
    /// even one, the status's column first or not), saved as a single file (MHTML) and pasted
    /// from a browser as tab-separated text, reads in step; and a code added to each is the
    /// one difference named.
    #[test]
    fn the_official_page_as_one_table_as_a_single_file_and_pasted_reads_in_step() {
        let (dir, pages) = project();
        let root = dir.path();
        let page = upstream::parse_page(PAGE_TXT.as_bytes()).unwrap();
        let html = |e: &str| {
            e.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        let table = |entries: &[upstream::PageEntry], status_first: bool| {
            let list: String = entries
                .iter()
                .map(|e| format!("<li><a href=\"#e{0:04}\">{0:04}</a></li>", e.code))
                .collect();
            let mut out = format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><nav><p>Skip</p></nav><p>Contents</p><ul>{list}</ul><table><tr>");
            let mut heads = ["Code", "Description", "HTTP Error code", "Remedy"];
            if status_first {
                heads.rotate_right(2);
            }
            out += &heads.map(|h| format!("<th>{h}</th>")).concat();
            out += "</tr>";
            for e in entries {
                let mut cells = [
                    format!("<a href=\"?error={0:04}\">{0:04}</a>", e.code),
                    html(&e.description),
                    e.http.map_or(String::new(), |s| s.to_string()),
                    e.remedy.as_deref().map_or(String::new(), html),
                ];
                if status_first {
                    cells.rotate_right(2);
                }
                out += &format!(
                    "<tr id=\"e{:04}\">{}</tr>",
                    e.code,
                    cells.map(|c| format!("<td>{c}</td>")).concat()
                );
            }
            out + "</table><h2>Error Responses</h2><p>All web service API's can respond with JSON objects.</p></body></html>"
        };
        // Chrome's "Webpage, Single File": quoted-printable, lines of at most 76.
        let mhtml = |html: &str| {
            let mut body = String::new();
            let mut line = 0;
            for b in html.bytes() {
                let piece = match b {
                    b'\n' => "\r\n".to_string(),
                    b'=' | 0x7f.. => format!("={b:02X}"),
                    b => (b as char).to_string(),
                };
                if line + piece.len() > 75 && b != b'\n' {
                    body += "=\r\n";
                    line = 0;
                }
                line = if b == b'\n' { 0 } else { line + piece.len() };
                body += &piece;
            }
            format!("From: <Saved by Blink>\r\nSubject: Web Service Errors\r\nMIME-Version: 1.0\r\n\
                Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--b----\"\r\n\r\n\r\n\
                ------MultipartBoundary--b----\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
                {body}\r\n------MultipartBoundary--b------\r\n")
        };
        let pasted = |entries: &[upstream::PageEntry]| {
            let mut out =
                String::from("Web Service Errors\n\nCode\tDescription\tHTTP Error code\tRemedy\n");
            for e in entries {
                out += &format!(
                    "{:04}\t{}\t{}\t{}\n",
                    e.code,
                    e.description,
                    e.http.map_or(String::new(), |s| s.to_string()),
                    e.remedy.as_deref().unwrap_or("")
                );
            }
            out + "\nError Responses\n"
        };
        let mut added = page.entries.clone();
        added.insert(
            32,
            upstream::PageEntry {
                code: 33,
                http: Some(404),
                description: "A new error that the page now lists.".into(),
                remedy: Some("Do the new thing.".into()),
            },
        );
        let added_line = "0033: added on the page (HTTP status 404, with a remedy); `sync --write` scaffolds it in errors.yaml";
        for (entries, want) in [
            (&page.entries, (0, vec![])),
            (&added, (1, vec![added_line.to_string()])),
        ] {
            // One list of an odd count of codes, one of an even count.
            assert_eq!(
                entries.len() % 2,
                usize::from(entries.len() != page.entries.len())
            );
            for (name, bytes) in [
                ("table.html", table(entries, false)),
                ("status_first.html", table(entries, true)),
                ("single.mhtml", mhtml(&table(entries, false))),
                ("pasted.txt", pasted(entries)),
            ] {
                assert_eq!(
                    sync(root, &pages, name, &bytes),
                    want,
                    "{name}, {} codes",
                    entries.len()
                );
            }
        }
    }

    /// Headings written with a prefix and labels in Markdown read in step; a heading that still
    /// cannot be read is named by its own code and line, never blamed on the entry before it.
    #[test]
    fn prefixed_headings_and_markdown_labels_read_in_step_and_an_unreadable_heading_is_named() {
        let (dir, pages) = project();
        let root = dir.path();
        for (name, page) in [
            (
                "bullet",
                PAGE_TXT
                    .replace("\n0", "\n\u{2022} 0")
                    .replace("\n1", "\n- 1")
                    .replace("\n2", "\n### 2"),
            ),
            ("one_code_word", edit(PAGE_TXT, "0405 : ", "Code 0405 : ")),
            ("one_en_dash", edit(PAGE_TXT, "0405 : ", "0405 \u{2013} ")),
            (
                "markdown",
                PAGE_TXT
                    .replace("HTTP Error code\n\n", "**HTTP status:** ")
                    .replace("\nRemedy\n\n", "\n**Remedy:** ")
                    .replace("\n0", "\n## 0"),
            ),
        ] {
            assert_eq!(sync(root, &pages, name, &page), (0, vec![]), "{name}");
        }
        let (code, lines) = sync(
            root,
            &pages,
            "item",
            &edit(PAGE_TXT, "0405 : ", "Item 0405: "),
        );
        assert_eq!(code, 2);
        let line = PAGE_TXT[..PAGE_TXT.find("0405 : ").unwrap()]
            .lines()
            .count()
            + 1;
        assert!(
            lines[0].contains(&format!(
                "\n  line {line}: 0405 has a heading that cannot be read: \"Item 0405:"
            )),
            "{lines:?}"
        );
        assert!(!lines[0].contains("0404"), "{lines:?}");
    }

    /// The typographic apostrophe's entities as the character.
    fn html_entities_to_chars(html: &str) -> String {
        html.replace("&rsquo;", "\u{2019}")
            .replace("&#8217;", "\u{2019}")
    }

    #[test]
    fn an_unreadable_page_or_one_without_codes_exits_2_and_writes_nothing() {
        let (dir, pages) = project();
        let root = dir.path();
        let before = snapshot(root);
        let missing = run(root, &pages.join("missing.html"), true, TODAY);
        assert_eq!(exit_code(&missing), 2);
        assert!(missing
            .unwrap_err()
            .to_string()
            .contains("cannot read the page"));
        let directory = run(root, &pages, true, TODAY);
        assert_eq!(exit_code(&directory), 2);
        assert_eq!(snapshot(root), before);
        // A FIFO is refused unopened (opening it would wait for a writer).
        #[cfg(unix)]
        {
            let fifo = pages.join("fifo");
            assert!(std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success());
            let result = run(root, &fifo, true, TODAY);
            assert_eq!(exit_code(&result), 2);
            assert!(result
                .unwrap_err()
                .to_string()
                .contains("not a regular file"));
            fs::remove_file(&fifo).unwrap();
        }
        let hostile: Vec<(&str, Vec<u8>)> = vec![
            ("empty", Vec::new()),
            ("prose", b"Web Service Errors\n\nNothing here.\n".to_vec()),
            ("binary", vec![0, 1, 2, 0xff, 0xfe, 0]),
            ("not_utf8", vec![0xff; 1000]),
            ("nested", "<div>".repeat(200_000).into_bytes()),
            ("unclosed", b"<html><script>0001 : hidden".to_vec()),
            ("huge", vec![b'a'; upstream::MAX_PAGE_BYTES + 10]),
            (
                "listed_twice",
                format!("{PAGE_TXT}\n\n0405 : Again.\n\nHTTP Error code\n\n500\n\n").into_bytes(),
            ),
        ];
        for (name, bytes) in hostile {
            let path = pages.join(name);
            fs::write(&path, &bytes).unwrap();
            let result = run(root, &path, true, TODAY);
            assert_eq!(exit_code(&result), 2, "{name}");
            if name == "listed_twice" {
                let message = result.unwrap_err().to_string();
                assert!(
                    message.contains("0405 is listed twice, with different facts"),
                    "{message}"
                );
            }
            fs::remove_file(&path).unwrap();
            assert_eq!(snapshot(root), before, "{name}");
        }
        // A page whose entries all lack a status and a remedy, which the catalogue gives: a
        // layout not understood (lynx's dump of a table), not 450 differences.
        let run_together: String = PAGE_TXT
            .split("\n\n")
            .filter(|p| p.len() > 7 && p.as_bytes()[..4].iter().all(u8::is_ascii_digit))
            .map(|p| format!("{p} 400 Check the request.\n"))
            .collect();
        let path = pages.join("table.txt");
        fs::write(&path, run_together).unwrap();
        let result = run(root, &path, true, TODAY);
        assert_eq!(exit_code(&result), 2);
        let message = result.unwrap_err().to_string();
        assert!(
            message.contains("it gives neither (\"HTTP Error code\", \"Remedy\") for 152 of those"),
            "{message}"
        );
        fs::remove_file(&path).unwrap();
        assert_eq!(snapshot(root), before);
        // A mistake made 100,000 times is reported in a few lines, not 100,000.
        let path = pages.join("labels");
        fs::write(
            &path,
            format!("0405 : A.\n\n{}", "Remedy\n\n".repeat(100_000)),
        )
        .unwrap();
        let message = run(root, &path, false, TODAY).unwrap_err().to_string();
        assert_eq!(
            message.lines().count(),
            upstream::MAX_UNCLEAR + 3,
            "{message}"
        );
        let more = 99_999 - upstream::MAX_UNCLEAR;
        assert!(
            message.contains(&format!("\n  and {more} more\n")),
            "{message}"
        );
    }

    #[test]
    fn write_scaffolds_an_added_code_that_gen_refuses_until_written() {
        let (dir, pages) = project();
        let root = dir.path();
        gen::run(root, GEN).unwrap();
        let page = edit(PAGE_TXT, "0100 : ", &format!("{NEW_0033}0100 : "));
        let path = pages.join("added.txt");
        fs::write(&path, &page).unwrap();
        let outcome = run(root, &path, true, TODAY).unwrap();
        assert_eq!(outcome.scaffolded, [33]);
        assert_eq!(outcome.written, [CATALOGUE_FILE, RECORD_FILE]);
        let catalogue = fs::read_to_string(root.join(CATALOGUE_FILE)).unwrap();
        let at = catalogue.find("  - code: \"0033\"").unwrap();
        assert!(catalogue.find("  - code: \"0032\"").unwrap() < at);
        assert!(at < catalogue.find("  - code: \"0100\"").unwrap());
        let record = Record::parse(&fs::read_to_string(root.join(RECORD_FILE)).unwrap()).unwrap();
        assert_eq!(record.checked.as_deref(), Some(TODAY));
        assert_eq!(record.facts[&33].http, Some(404));

        let message = gen::run(root, GEN).unwrap_err().to_string();
        let line = catalogue[..at].lines().count() + 6;
        assert!(
            message.contains(&format!(
                "errors.yaml:{line}: entry 0033: `description` is still the placeholder"
            )),
            "{message}"
        );
        assert!(
            message.contains("entry 0033: `remedy` is still the placeholder"),
            "{message}"
        );
        // Sync reads the scaffold, and the page is in step with it and the record.
        assert_eq!(exit_code(&run(root, &path, false, TODAY)), 0);

        // The name, category and retry advice are said to be placeholders too, not judged as
        // a name that is not snake_case, a category not defined or a value not a boolean.
        for key in ["name", "retry"] {
            assert!(
                message.contains(&format!(
                    "entry 0033: `{key}` is still the placeholder `cargo xtask sync --write` left; choose it"
                )),
                "{message}"
            );
        }
        assert!(!message.contains("snake_case"), "{message}");

        // Once a person names it, chooses the retry advice and writes the text, gen accepts it.
        let written = catalogue
            .replacen("name: TODO_choose_a_name", "name: new_error", 1)
            .replacen("retry: TODO_true_or_false", "retry: false", 1)
            .replacen(
                "TODO: say what 0033 means",
                "A new error, in our words. Formerly: say what 0033 means",
                1,
            )
            .replacen(
                "TODO: say what to do about 0033",
                "Do the new thing, in our words",
                1,
            );
        fs::write(root.join(CATALOGUE_FILE), written).unwrap();
        gen::run(root, GEN).unwrap();
    }

    #[test]
    fn write_records_a_removed_code_once_and_the_catalogue_keeps_it_until_retired() {
        let (dir, pages) = project();
        let root = dir.path();
        let page = edit(PAGE_TXT, BLOCK_0405, "");
        let path = pages.join("removed.txt");
        fs::write(&path, &page).unwrap();
        let before = fs::read_to_string(root.join(CATALOGUE_FILE)).unwrap();
        let outcome = run(root, &path, true, TODAY).unwrap();
        assert_eq!(outcome.written, [RECORD_FILE]);
        assert_eq!(
            fs::read_to_string(root.join(CATALOGUE_FILE)).unwrap(),
            before
        );
        let record = fs::read_to_string(root.join(RECORD_FILE)).unwrap();
        assert!(!record.contains("\n0405\t"));
        // Still drift: the catalogue has not retired it.
        let again = run(root, &path, false, TODAY).unwrap();
        assert_eq!(
            again.changes,
            [Change::Removed {
                code: 405,
                recorded: false
            }]
        );
        let said = again.to_string();
        assert!(said.contains("0405: not on the page (removed from it, or never listed there); if Aculab dropped it, mark it `retired: <why>`"), "{said}");
        // The record already says what the page says: nothing is left for `sync --write`.
        assert!(
            said.contains("next: edit errors.yaml, `cargo xtask gen`"),
            "{said}"
        );
        assert!(!said.contains("sync --write"), "{said}");
        // With --write, nothing is left for `sync --write` to do: the hint says what is.
        let said = run(root, &path, true, TODAY).unwrap().to_string();
        assert!(
            said.contains("next: edit errors.yaml, `cargo xtask gen`"),
            "{said}"
        );
        assert!(!said.contains("sync --write"), "{said}");
        let retired = before.replacen(
            "name: code_0405\n",
            "name: code_0405\n    retired: no longer on the official page\n",
            1,
        );
        fs::write(root.join(CATALOGUE_FILE), retired).unwrap();
        assert!(run(root, &path, false, TODAY).unwrap().in_step());
    }

    #[test]
    fn the_first_write_records_the_page_and_a_failed_write_replaces_nothing() {
        let (dir, pages) = project();
        let root = dir.path();
        fs::remove_file(root.join(RECORD_FILE)).unwrap();
        let path = pages.join("page.txt");
        fs::write(&path, PAGE_TXT).unwrap();
        let first = run(root, &path, false, TODAY).unwrap();
        assert_eq!(first.changes.len(), 152);
        assert_eq!(
            first.changes[0].to_string(),
            "0001: not in upstream.tsv yet; `sync --write` records it"
        );

        // A directory where the record goes: the write fails and the catalogue is untouched.
        fs::create_dir(root.join(RECORD_FILE)).unwrap();
        let page = edit(PAGE_TXT, "0100 : ", &format!("{NEW_0033}0100 : "));
        fs::write(&path, page).unwrap();
        let before = snapshot(root);
        let failed = run(root, &path, true, TODAY);
        assert_eq!(exit_code(&failed), 2);
        assert_eq!(snapshot(root), before);
        fs::remove_dir(root.join(RECORD_FILE)).unwrap();

        fs::write(&path, PAGE_TXT).unwrap();
        let written = run(root, &path, true, TODAY).unwrap();
        assert_eq!(written.written, [RECORD_FILE]);
        assert!(run(root, &path, false, TODAY).unwrap().in_step());
        // A second write on another day only moves the date.
        run(root, &path, true, "2027-01-01").unwrap();
        let record = fs::read_to_string(root.join(RECORD_FILE)).unwrap();
        assert!(record.contains("checked\t2027-01-01\n"));
    }

    /// A checkout with CRLF line ends (Windows) keeps them: a write of the page as recorded
    /// replaces nothing, and one that adds a code writes both files with CRLF throughout.
    #[test]
    fn a_write_keeps_the_line_ends_of_a_crlf_checkout() {
        let (dir, pages) = project();
        let root = dir.path();
        for file in [CATALOGUE_FILE, RECORD_FILE] {
            let text = fs::read_to_string(root.join(file)).unwrap();
            fs::write(root.join(file), text.replace('\n', "\r\n")).unwrap();
        }
        let path = pages.join("page.txt");
        fs::write(&path, PAGE_TXT).unwrap();
        let same = run(root, &path, true, "2026-01-01").unwrap();
        assert_eq!(same.written, Vec::<&str>::new());
        fs::write(
            &path,
            edit(PAGE_TXT, "0100 : ", &format!("{NEW_0033}0100 : ")),
        )
        .unwrap();
        let added = run(root, &path, true, TODAY).unwrap();
        assert_eq!(added.written, [CATALOGUE_FILE, RECORD_FILE]);
        for file in [CATALOGUE_FILE, RECORD_FILE] {
            let text = fs::read_to_string(root.join(file)).unwrap();
            let lines = text.matches('\n').count();
            assert_eq!(lines, text.matches("\r\n").count(), "{file}");
            assert!(lines > 150, "{file}");
        }
        assert!(run(root, &path, false, TODAY).unwrap().in_step());
    }

    #[test]
    fn the_docs_show_the_catalogue_version_and_the_checked_date() {
        let (dir, pages) = project();
        let root = dir.path();
        fs::create_dir(root.join("aculab-errors")).unwrap();
        fs::write(
            root.join("aculab-errors/Cargo.toml"),
            "[package]\nname = \"aculab-errors\"\nversion = \"9.8.7\"\n\n[dependencies]\nversion = \"1\"\n",
        )
        .unwrap();
        gen::run(root, GEN).unwrap();
        let md = fs::read_to_string(root.join(codegen::MARKDOWN_FILE)).unwrap();
        assert!(
            md.contains("This is catalogue version `9.8.7`, last checked against Aculab's official list on `2026-01-01`."),
            "{md}"
        );
        let json = fs::read_to_string(root.join(codegen::JSON_FILE)).unwrap();
        assert!(json.contains("\"catalogue_version\": \"9.8.7\""), "{json}");
        assert!(
            json.contains("\"upstream_checked\": \"2026-01-01\""),
            "{json}"
        );

        // A new check moves the date: the docs are stale until gen runs.
        let path = pages.join("page.txt");
        fs::write(&path, PAGE_TXT).unwrap();
        run(root, &path, true, TODAY).unwrap();
        let check = Options {
            mode: gen::Mode::Check,
            allow_breaking: false,
        };
        assert!(gen::run(root, check).is_err());
        gen::run(root, GEN).unwrap();
        let md = fs::read_to_string(root.join(codegen::MARKDOWN_FILE)).unwrap();
        assert!(md.contains(&format!("on `{TODAY}`.")));

        // A damaged record stops gen, at its line.
        let record = fs::read_to_string(root.join(RECORD_FILE)).unwrap();
        fs::write(
            root.join(RECORD_FILE),
            record.replace("0405\t404\t", "0405\t4o4\t"),
        )
        .unwrap();
        let message = gen::run(root, GEN).unwrap_err().to_string();
        let line = record
            .lines()
            .position(|l| l.starts_with("0405\t"))
            .unwrap()
            + 1;
        assert!(
            message.starts_with(&format!("upstream.tsv:{line}: 0405: the HTTP status")),
            "{message}"
        );
        assert!(message.ends_with("no file was written"), "{message}");
    }

    /// What a killed `sync --write` left beside the catalogue and the record is removed by the
    /// next `--write`, even one with nothing to write (it was left for good: `gen` kept it too).
    /// A killed `gen`'s staged export is kept: the next `gen` finishes that run by it (sweeping it
    /// left the module and the export apart with no sign, and `gen` refused them).
    #[test]
    fn a_write_removes_what_a_killed_write_left() {
        let (dir, pages) = project();
        let root = dir.path();
        let path = pages.join("page.txt");
        fs::write(&path, PAGE_TXT).unwrap();
        run(root, &path, true, TODAY).unwrap();
        let leftovers = [
            root.join(".errors.yaml.k1ll3dxxxx.gen-tmp"),
            root.join(".upstream.tsv.k1ll3dxxxx.gen-tmp"),
        ];
        for leftover in &leftovers {
            fs::write(leftover, "half a file").unwrap();
        }
        let staged = root.join("docs/.errors.json.k1ll3dxxxx.gen-tmp");
        fs::create_dir_all(root.join("docs")).unwrap();
        fs::write(&staged, "an export a killed gen staged").unwrap();
        assert!(run(root, &path, false, TODAY).unwrap().in_step());
        assert!(
            leftovers.iter().all(|l| l.exists()),
            "a check writes nothing"
        );
        let again = run(root, &path, true, TODAY).unwrap();
        assert!(again.written.is_empty());
        assert!(leftovers.iter().all(|l| !l.exists()));
        assert!(
            staged.exists(),
            "gen's sign of a killed run is gen's to remove"
        );
    }

    /// A catalogue that is a symlink is not replaced by a file (which left the file it leads to,
    /// the one the maintainer edits, without the scaffold): the write is refused, nothing changes.
    #[cfg(unix)]
    #[test]
    fn a_symlinked_catalogue_is_refused_not_replaced() {
        let (dir, pages) = project();
        let root = dir.path();
        let elsewhere = tempfile::tempdir().unwrap();
        let real = elsewhere.path().join(CATALOGUE_FILE);
        fs::rename(root.join(CATALOGUE_FILE), &real).unwrap();
        std::os::unix::fs::symlink(&real, root.join(CATALOGUE_FILE)).unwrap();
        let path = pages.join("page.txt");
        fs::write(
            &path,
            edit(PAGE_TXT, "0100 : ", &format!("{NEW_0033}0100 : ")),
        )
        .unwrap();
        let before = (snapshot(root), fs::read(&real).unwrap());
        let failed = run(root, &path, true, TODAY);
        assert_eq!(exit_code(&failed), 2);
        let message = failed.unwrap_err().to_string();
        assert!(
            message.contains("errors.yaml: cannot write: it is a symlink"),
            "{message}"
        );
        // The page was compared; only the writing was refused.
        assert!(!message.contains("nothing was compared"), "{message}");
        assert!(
            message.contains("without --write) shows the drift"),
            "{message}"
        );
        assert_eq!((snapshot(root), fs::read(&real).unwrap()), before);
        let link = fs::symlink_metadata(root.join(CATALOGUE_FILE)).unwrap();
        assert!(link.file_type().is_symlink());
    }

    /// A run waiting for the lock while `sync --write` replaces the catalogue reads the new
    /// catalogue, not the replaced one it had opened.
    #[test]
    fn a_run_waiting_on_a_replaced_catalogue_reads_the_new_one() {
        let (dir, _pages) = project();
        let root = dir.path().to_path_buf();
        let path = root.join(CATALOGUE_FILE);
        // Held as `sync --write` holds it: the project's lock.
        let old = crate::gen::lock_file(&root).unwrap();
        old.lock().unwrap();
        let waiter = {
            let root = root.clone();
            std::thread::spawn(move || lock_and_read(&root, Mode::Check).map(|(_, b)| b))
        };
        std::thread::sleep(std::time::Duration::from_millis(300));
        let new = "links: \"https://example.com/{code}\"\n# the new catalogue\n";
        replace_all(&[Replacement {
            path: path.clone(),
            contents: new,
            old: None,
        }])
        .unwrap();
        drop(old);
        let read = waiter.join().unwrap().map_err(|e| e.to_string()).unwrap();
        assert!(
            read == new.as_bytes(),
            "read the replaced catalogue ({} bytes)",
            read.len()
        );
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_789), "2026-12-02");
        assert_eq!(today().len(), 10);
    }
}
