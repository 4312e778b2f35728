//! `cargo xtask site [DIR]`: the error index as a static site, from the same validated catalogue
//! as every other output, written all or none like them.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::gen::{
    create_dirs, inside, lock_and_read, lock_file, read_generated, remove_dirs, still_as_read,
    Current, Error, Mode,
};
use crate::write::{remove_leftovers, replace_all, Replacement};

/// What a successful run wrote.
#[derive(Debug)]
pub struct Report {
    /// The site's directory.
    pub dir: PathBuf,
    /// How many files it holds.
    pub files: usize,
    /// How many of them this run wrote: the others were already as the catalogue gives them,
    /// and are left untouched (their modification times too, for tools that copy what changed).
    pub written: usize,
    /// Pages of codes or categories no longer in the catalogue, removed.
    pub removed: usize,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let removed = if self.removed > 0 {
            format!("; removed {} stale page(s)", self.removed)
        } else {
            String::new()
        };
        let dir = self.dir.display();
        if self.written == 0 && self.removed == 0 {
            writeln!(
                f,
                "the site's {} files in {dir} are up to date (open index.html)",
                self.files
            )
        } else {
            let written = self.written;
            writeln!(
                f,
                "wrote {written} of {} files to {dir} (open index.html){removed}",
                self.files
            )
        }
    }
}

/// Writes the site for the catalogue under `root` into `dir`.
///
/// Only files the site wrote itself (they carry [`codegen::site::MARK`]) are ever replaced or
/// removed: a file of anyone else's at one of the site's paths stops the run before anything is
/// written, and one beside them is left alone.
pub fn run(root: &Path, dir: &Path) -> Result<Report, Error> {
    if dir.as_os_str().is_empty() {
        return Err(Error::Write(
            dir.to_path_buf(),
            io::Error::other("the site's directory is an empty name; give one such as target/site"),
        ));
    }
    // The project's lock only while the catalogue is read (a `sync --write` replacing it waits),
    // then the site directory's own: runs at once into one directory, from this project or
    // another, take turns, and no run ever holds two locks, so none waits on another for good.
    let bytes = lock_and_read(root, Mode::Check)?.1;
    let catalogue = match codegen::load_bytes(&bytes) {
        Ok(catalogue) => catalogue,
        Err(d) => {
            // Its problems are reported only if they are the catalogue's as it stands.
            still_as_read(root, &bytes)?;
            return Err(Error::Invalid(d));
        }
    };
    let files = codegen::site::render(&catalogue);

    let targets: Vec<PathBuf> = files.iter().map(|f| dir.join(&f.path)).collect();
    if fs::symlink_metadata(dir).is_ok() && !fs::metadata(dir).is_ok_and(|m| m.is_dir()) {
        return Err(Error::Write(
            dir.to_path_buf(),
            io::Error::other("not a directory (nor a symlink to one)"),
        ));
    }
    // Directories this run creates, the site's own among them, are removed again if it fails
    // (each only if empty): a run that fails leaves nothing behind. (Elsewhere than on Unix, the
    // lock is a file in the site's directory, which then stays.) Whether DIR holds the project
    // is judged once it exists: `missing/..` is the directory it is given in only then.
    let mut created = Vec::new();
    let written = create_dirs(dir, &mut created)
        .map_err(|e| Error::Write(dir.to_path_buf(), e))
        .and_then(|()| holds_not(dir, root))
        .and_then(|()| write(root, dir, &bytes, &files, &targets, &mut created));
    if written.is_err() {
        remove_dirs(&created);
    }
    written
}

/// [`run`] once `dir` exists: takes its lock, then writes `files` at `targets`, creating the
/// directories they need (added to `created`), and removes the pages of codes now gone.
fn write(
    root: &Path,
    dir: &Path,
    bytes: &[u8],
    files: &[codegen::site::SiteFile],
    targets: &[PathBuf],
    created: &mut Vec<PathBuf>,
) -> Result<Report, Error> {
    let _lock = lock_file(dir)
        .and_then(|lock| lock.lock().map(|()| lock))
        .map_err(|e| Error::Lock(dir.to_path_buf(), e))?;
    // Nothing is read, written or deleted through a symlink leading out of the site's directory.
    for target in targets {
        inside(dir, target, "the site's directory")?;
    }
    // What stands there now: the site's own file (to put back should a rename fail midway), or
    // nothing; anything else is someone's, and stops the run before anything is created.
    let current: Vec<Current> = targets
        .iter()
        .map(|path| {
            let current = read_generated(path)?;
            match &current {
                Current::File { raw, .. } if !codegen::site::is_ours(raw) => Err(not_ours(path)),
                _ => Ok(current),
            }
        })
        .collect::<Result<_, _>>()?;
    for target in targets {
        if let Some(parent) = target.parent() {
            create_dirs(parent, created).map_err(|e| Error::Write(parent.to_path_buf(), e))?;
        }
    }
    remove_leftovers(targets).map_err(|(path, e)| Error::Write(path, e))?;
    // Files already as the catalogue gives them are not written again.
    let replacements: Vec<Replacement<'_>> = files
        .iter()
        .zip(targets)
        .zip(&current)
        .map(|((f, path), current)| Replacement {
            path: path.clone(),
            contents: &f.contents,
            old: match current {
                Current::File { raw, .. } => Some(raw.as_slice()),
                Current::Missing => None,
            },
        })
        .filter(|r| r.old != Some(r.contents.as_bytes()))
        .collect();
    // A catalogue written in place while it was read was read cut short: no site from it.
    still_as_read(root, bytes)?;
    replace_all(&replacements).map_err(|(path, e)| Error::Write(path, e))?;

    // Pages of codes and categories that are gone: only files the site wrote, named as it names
    // its own pages (`codes/NNNN.html`, `categories/<id>.html`); anything else is left alone.
    let keep: BTreeSet<&PathBuf> = targets.iter().collect();
    let mut removed = 0;
    for sub in ["codes", "categories"] {
        for entry in fs::read_dir(dir.join(sub)).map_err(|e| Error::Write(dir.join(sub), e))? {
            let path = entry.map_err(|e| Error::Write(dir.join(sub), e))?.path();
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let named = match sub {
                "codes" => codegen::load::parse_code(stem).is_some(),
                _ => codegen::names::check(stem, &[]).is_ok(),
            };
            let is_file = fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
            if named
                && is_file
                && path.extension().is_some_and(|x| x == "html")
                && !keep.contains(&path)
                && head(&path).is_ok_and(|h| codegen::site::is_ours(&h))
            {
                fs::remove_file(&path).map_err(|e| Error::Write(path.clone(), e))?;
                removed += 1;
            }
        }
    }
    Ok(Report {
        dir: dir.to_path_buf(),
        files: files.len(),
        written: replacements.len(),
        removed,
    })
}

/// Refuses a site directory that holds the project (`.` in its root, the root itself, `/`): the
/// site's pages would be written among the project's own files, or the system's.
fn holds_not(dir: &Path, root: &Path) -> Result<(), Error> {
    match (dir.canonicalize(), root.canonicalize()) {
        (Ok(dir_path), Ok(root)) if root.starts_with(&dir_path) => Err(Error::Write(
            dir.to_path_buf(),
            io::Error::other(format!(
                "it holds the project ({}); give the site a directory of its own, such as target/site",
                root.display()
            )),
        )),
        _ => Ok(()),
    }
}

/// The refusal of a file at one of the site's paths that the site did not write.
fn not_ours(path: &Path) -> Error {
    Error::Write(
        path.to_path_buf(),
        io::Error::other(
            "it was not written by `cargo xtask site`; move it away or choose another directory",
        ),
    )
}

/// The first bytes of a file, as many as [`codegen::site::is_ours`] reads.
fn head(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(codegen::site::MARK_WITHIN as u64)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("../tests/fixtures/errors.yaml");

    /// A run that fails after creating the site's directory (here: a category page's path is
    /// longer than the system allows, where the directory's is not) leaves no directory of its
    /// own behind, however many it created; one that was there stays.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_failed_run_removes_the_directories_it_created() {
        let root = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let long_id = "c".repeat(codegen::names::MAX_LEN);
        let catalogue = FIXTURE.replace("media_files", &long_id);
        fs::write(root.path().join(codegen::CATALOGUE_FILE), catalogue).unwrap();
        // Linux's PATH_MAX is 4,096 bytes: room for the directory and `codes/0001.html` beside
        // it, not for `categories/<64 characters>.html`.
        let mut dir = out.path().to_path_buf();
        while dir.as_os_str().len() < 4_096 - 60 {
            dir.push("d".repeat(100));
        }
        let err = run(root.path(), &dir).unwrap_err();
        assert!(
            err.to_string().contains(&format!("categories/{long_id}")),
            "{err}"
        );
        assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0, "{err}");
        // Into an existing directory: it stays, and empty.
        let existing = out.path().join("site");
        fs::create_dir(&existing).unwrap();
        let mut deep = existing.clone();
        while deep.as_os_str().len() < 4_096 - 60 {
            deep.push("d".repeat(100));
        }
        run(root.path(), &deep).unwrap_err();
        assert_eq!(fs::read_dir(&existing).unwrap().count(), 0);
    }

    #[test]
    fn writes_a_page_per_code_and_removes_pages_of_codes_now_gone() {
        let root = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let catalogue = root.path().join(codegen::CATALOGUE_FILE);
        fs::write(&catalogue, FIXTURE).unwrap();
        let report = run(root.path(), out.path()).unwrap();
        assert_eq!(
            report.files,
            4 + 4 + 2,
            "index, style, script, icon, 4 codes, 2 categories"
        );
        assert_eq!(report.written, report.files);
        assert!(out.path().join("codes/0406.html").is_file());
        let index = fs::read_to_string(out.path().join("index.html")).unwrap();
        assert!(index.contains("<li data-code=\"0405\""));

        // Run again on the same catalogue: nothing is written, and the report says so.
        let page = out.path().join("codes/0405.html");
        let mtime = || fs::metadata(&page).unwrap().modified().unwrap();
        // An old time of its own, which any rewrite moves on whatever the file system's clock
        // resolution.
        let before = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
        fs::File::options()
            .write(true)
            .open(&page)
            .unwrap()
            .set_modified(before)
            .unwrap();
        let report = run(root.path(), out.path()).unwrap();
        assert_eq!((report.written, report.removed), (0, 0));
        assert_eq!(mtime(), before);
        assert!(
            report.to_string().contains("10 files in") && report.to_string().contains("up to date"),
            "{report}"
        );

        // A page of the visitor's own beside the site's stays, even one named as the site names
        // its pages; a code's page that is gone goes.
        let mine = [
            "codes/notes.txt",
            "codes/my-notes.html",
            "codes/9999.html",
            "categories/travel.html",
        ];
        for path in mine {
            fs::write(out.path().join(path), "mine").unwrap();
        }
        let start = FIXTURE.find("  - code: \"0406\"").unwrap();
        fs::write(&catalogue, &FIXTURE[..start]).unwrap();
        let report = run(root.path(), out.path()).unwrap();
        assert_eq!(report.removed, 1);
        // The index and the category page of 0406 changed; 0405's page did not.
        assert_eq!(mtime(), before);
        assert!((1..report.files).contains(&report.written), "{report}");
        assert!(report.to_string().starts_with("wrote "), "{report}");
        assert!(!out.path().join("codes/0406.html").exists());
        for path in mine {
            assert_eq!(fs::read_to_string(out.path().join(path)).unwrap(), "mine");
        }
    }

    /// A catalogue written in place while the site reads it (cut short when read, whole
    /// after): no page is written from what was read (a site of the cut catalogue was written).
    #[test]
    fn a_catalogue_written_while_it_is_read_writes_no_site() {
        let root = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let catalogue = root.path().join(codegen::CATALOGUE_FILE);
        let cut = &FIXTURE[..FIXTURE.find("  - code: \"0406\"").unwrap()];
        fs::write(&catalogue, cut).unwrap();
        crate::gen::tests::AFTER_READ.with(|hook| {
            *hook.borrow_mut() = Some(Box::new(|path: &Path| fs::write(path, FIXTURE).unwrap()));
        });
        let message = run(root.path(), out.path()).unwrap_err().to_string();
        assert!(
            message.starts_with("errors.yaml: changed while it was read"),
            "{message}"
        );
        for dir in [out.path().to_path_buf(), out.path().join("codes")] {
            let files = fs::read_dir(&dir).into_iter().flatten().flatten();
            let files: Vec<_> = files.filter(|e| e.path().is_file()).collect();
            assert!(files.is_empty(), "{files:?}");
        }
        run(root.path(), out.path()).unwrap();
        assert!(out.path().join("codes/0406.html").is_file());
    }

    /// A file of someone else's where the site would write one of its own (a directory of one's
    /// own pages given as DIR) stops the run before anything is written; so does a DIR that is
    /// a file, or an empty name.
    #[test]
    fn a_file_the_site_did_not_write_is_never_replaced() {
        let root = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        fs::write(root.path().join(codegen::CATALOGUE_FILE), FIXTURE).unwrap();
        fs::create_dir(out.path().join("codes")).unwrap();
        fs::write(out.path().join("index.html"), "my home page").unwrap();
        fs::write(out.path().join("codes/0405.html"), "my notes on 0405").unwrap();
        let message = run(root.path(), out.path()).unwrap_err().to_string();
        assert!(
            message.contains("not written by `cargo xtask site`"),
            "{message}"
        );
        assert_eq!(
            fs::read_to_string(out.path().join("index.html")).unwrap(),
            "my home page"
        );
        assert_eq!(
            fs::read_to_string(out.path().join("codes/0405.html")).unwrap(),
            "my notes on 0405"
        );
        assert_eq!(fs::read_dir(out.path().join("codes")).unwrap().count(), 1);
        assert!(!out.path().join("style.css").exists());
        assert!(
            !out.path().join("categories").exists(),
            "nothing is created"
        );

        let file = out.path().join("index.html");
        let message = run(root.path(), &file).unwrap_err().to_string();
        assert!(message.contains("not a directory"), "{message}");
        let message = run(root.path(), Path::new("")).unwrap_err().to_string();
        assert!(message.contains("empty name"), "{message}");
    }

    #[cfg(unix)]
    #[test]
    fn nothing_is_written_or_removed_through_a_symlink_out_of_the_site() {
        let root = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let victim = tempfile::tempdir().unwrap();
        fs::write(victim.path().join("0001.html"), "mine").unwrap();
        fs::write(root.path().join(codegen::CATALOGUE_FILE), FIXTURE).unwrap();
        std::os::unix::fs::symlink(victim.path(), out.path().join("codes")).unwrap();
        let message = run(root.path(), out.path()).unwrap_err().to_string();
        assert!(
            message.contains("outside the site's directory"),
            "{message}"
        );
        assert_eq!(fs::read_dir(victim.path()).unwrap().count(), 1);
        assert_eq!(
            fs::read_to_string(victim.path().join("0001.html")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn runs_at_once_into_one_directory_all_succeed() {
        let root = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        fs::write(root.path().join(codegen::CATALOGUE_FILE), FIXTURE).unwrap();
        let results: Vec<bool> = std::thread::scope(|s| {
            let runs: Vec<_> = (0..4)
                .map(|_| s.spawn(|| run(root.path(), out.path()).is_ok()))
                .collect();
            runs.into_iter().map(|r| r.join().unwrap()).collect()
        });
        assert_eq!(results, [true; 4]);
        assert!(out.path().join("codes/0405.html").is_file());
    }

    /// Runs at once from two projects into one directory all succeed: each took only its own
    /// project's lock, so one removed the other's staged files as leftovers, and that one
    /// failed with "No such file or directory".
    #[test]
    fn runs_from_two_projects_into_one_directory_all_succeed() {
        let roots = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
        let out = tempfile::tempdir().unwrap();
        for root in &roots {
            fs::write(root.path().join(codegen::CATALOGUE_FILE), FIXTURE).unwrap();
        }
        for _ in 0..10 {
            let results: Vec<Result<(), String>> = std::thread::scope(|s| {
                let runs: Vec<_> = roots
                    .iter()
                    .chain(&roots)
                    .map(|root| {
                        s.spawn(|| {
                            run(root.path(), out.path())
                                .map(drop)
                                .map_err(|e| e.to_string())
                        })
                    })
                    .collect();
                runs.into_iter().map(|r| r.join().unwrap()).collect()
            });
            assert!(results.iter().all(Result::is_ok), "{results:?}");
        }
    }

    /// A site directory that holds the project (its root, or a directory above it, as `/` is)
    /// is refused before anything is written; one inside it (docs/site) is not.
    #[test]
    fn a_directory_holding_the_project_is_refused() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("project");
        fs::create_dir(&root).unwrap();
        fs::write(root.join(codegen::CATALOGUE_FILE), FIXTURE).unwrap();
        // Through a directory that does not exist yet too: `missing/..` is the directory it is
        // in (the site was written into the project's root, and `missing` left behind).
        for dir in [
            root.clone(),
            outer.path().to_path_buf(),
            root.join("missing/.."),
            root.join("docs/missing/../../.."),
        ] {
            let message = run(&root, &dir).unwrap_err().to_string();
            assert!(message.contains("it holds the project"), "{message}");
        }
        assert_eq!(fs::read_dir(outer.path()).unwrap().count(), 1);
        assert_eq!(fs::read_dir(&root).unwrap().count(), 1);
        run(&root, &root.join("docs/site")).unwrap();
        assert!(root.join("docs/site/index.html").is_file());
    }

    #[test]
    fn a_broken_catalogue_writes_no_site() {
        let root = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        fs::write(root.path().join(codegen::CATALOGUE_FILE), "errors: [\n").unwrap();
        let message = run(root.path(), out.path()).unwrap_err().to_string();
        assert!(message.starts_with("errors.yaml:"), "{message}");
        assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0);
    }
}
