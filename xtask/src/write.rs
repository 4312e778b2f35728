//! Replacing a set of files all or nothing.
//!
//! Each new content goes to its own temporary file, created exclusively (`O_EXCL`: never through
//! a planted symlink) with a random name in its target's directory, written and synced. Only when
//! every one is written are they renamed over their targets, and the directories synced. A
//! failure before that removes the temporary files and replaces nothing; a failure during the
//! renames puts back what was already replaced. A run killed at any moment leaves every target
//! whole, old or new, and at worst temporary files that [`remove_leftovers`] deletes next time.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// The suffix of every temporary file this module creates.
const TEMP_SUFFIX: &str = ".gen-tmp";

/// One file to replace.
pub struct Replacement<'a> {
    /// Where it goes.
    pub path: PathBuf,
    /// The new contents.
    pub contents: &'a str,
    /// The old contents, byte for byte, if the file existed (to put back should a later
    /// rename fail).
    pub old: Option<&'a [u8]>,
}

/// The temporary-file prefix for `target`: `.NAME.` in the same directory.
fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.")
}

/// A builder of temporary files named `PREFIX.RANDOM.gen-tmp` (with [`temp_prefix`]), which
/// [`remove_leftovers`] recognises.
fn temp_builder(prefix: &str) -> tempfile::Builder<'_, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(TEMP_SUFFIX).rand_bytes(10);
    builder
}

/// Deletes temporary files a killed run left beside `targets` ([`find_leftovers`]). Returns how
/// many, or the path that failed.
pub fn remove_leftovers(targets: &[PathBuf]) -> Result<usize, (PathBuf, io::Error)> {
    let found = find_leftovers(targets)?;
    for path in &found {
        // Removes a symlink itself, never what it points to.
        fs::remove_file(path).map_err(|e| (path.clone(), e))?;
    }
    Ok(found.len())
}

/// The temporary files a killed run left beside `targets`: files and symlinks with this
/// module's names (anything else is left alone), or the path that could not be read.
pub fn find_leftovers(targets: &[PathBuf]) -> Result<Vec<PathBuf>, (PathBuf, io::Error)> {
    // Each directory is read once, however many targets it holds.
    let mut by_dir: BTreeMap<&Path, BTreeSet<String>> = BTreeMap::new();
    for target in targets {
        if let (Some(dir), Some(name)) = (target.parent(), target.file_name()) {
            let names = by_dir.entry(dir).or_default();
            names.insert(name.to_string_lossy().into_owned());
        }
    }
    let mut found = Vec::new();
    for (dir, names) in by_dir {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err((dir.to_path_buf(), e)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| (dir.to_path_buf(), e))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let target = temp_target(&name);
            let kind = entry.file_type().map_err(|e| (entry.path(), e))?;
            let ours = target.is_some_and(|t| names.contains(t));
            if ours && (kind.is_file() || kind.is_symlink()) {
                found.push(entry.path());
            }
        }
    }
    Ok(found)
}

/// The name of the file that temporary file `name` was staged for, if it is one of this
/// module's: `errors.json` of `.errors.json.RANDOM.gen-tmp`, as `stage` names them.
pub fn temp_target(name: &str) -> Option<&str> {
    name.strip_prefix('.')
        .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        .and_then(|n| n.rsplit_once('.'))
        .map(|(target, _)| target)
}

/// Writes `contents` to a new temporary file beside `target`, synced, with the target's
/// permissions, and its owner and group where the system lets this user give them; a new file
/// gets those any new file gets (0666 less the umask, as from cargo or an editor), never wider.
fn stage(target: &Path, contents: &[u8]) -> io::Result<NamedTempFile> {
    if let Some(limit) = file_size_limit().filter(|&limit| contents.len() as u64 > limit) {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "too large: {} bytes, more than the {limit} this process may write to a file (ulimit -f)",
                contents.len()
            ),
        ));
    }
    let existing = fs::symlink_metadata(target)
        .ok()
        .filter(fs::Metadata::is_file);
    let permissions = existing.as_ref().map(fs::Metadata::permissions);
    let mut tmp = create_temp(target, permissions.as_ref())?;
    // The file's own `write_all`: `NamedTempFile`'s would name the temporary file too.
    tmp.as_file_mut().write_all(contents)?;
    if let Some(existing) = &existing {
        keep_owner(tmp.as_file(), existing);
    }
    // Exactly the target's, now: the umask may have taken bits off at creation (and a change
    // of owner, the set-id bits).
    if let Some(permissions) = permissions {
        tmp.as_file().set_permissions(permissions)?;
    }
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// The most bytes this process may write to one file (`ulimit -f`), where the system says
/// (Linux, in /proc/self/limits). Writing past it does not fail: the system kills the process
/// (SIGXFSZ, which std leaves fatal), so a run under `ulimit -f` died with no word, its
/// temporary file left behind. A file larger than this is refused before it is created.
fn file_size_limit() -> Option<u64> {
    static LIMIT: std::sync::OnceLock<Option<u64>> = std::sync::OnceLock::new();
    *LIMIT.get_or_init(|| {
        let limits = fs::read_to_string("/proc/self/limits").ok()?;
        let soft = limits
            .lines()
            .find_map(|l| l.strip_prefix("Max file size"))?;
        // A number of bytes, or `unlimited`.
        soft.split_whitespace().next()?.parse().ok()
    })
}

/// Best effort: gives `file` the owner and group of `existing`, the file it replaces. Run as
/// root in someone's checkout, a file of theirs replaced by root's, private, was no longer theirs
/// to read. Any other user keeps what the system allows (its own group, say).
#[cfg(unix)]
fn keep_owner(file: &fs::File, existing: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let Ok(now) = file.metadata() else {
        return;
    };
    if (now.uid(), now.gid()) != (existing.uid(), existing.gid()) {
        let (uid, gid) = (existing.uid(), existing.gid());
        if std::os::unix::fs::fchown(file, Some(uid), Some(gid)).is_err() {
            let _ = std::os::unix::fs::fchown(file, None, Some(gid));
        }
    }
}

#[cfg(not(unix))]
fn keep_owner(_: &fs::File, _: &fs::Metadata) {}

/// A new, empty temporary file beside `target`, created with no more permission than
/// `existing` (the target's, if it is a file) gives, or 0666, less the umask: a target the user
/// keeps private is never readable by others, not even while it is written.
fn create_temp(target: &Path, existing: Option<&fs::Permissions>) -> io::Result<NamedTempFile> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let prefix = temp_prefix(target);
    let mut builder = temp_builder(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Given at creation, so the system takes the umask off.
        let mode = existing.map_or(0o666, |p| p.mode() & 0o777);
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = existing;
    builder.tempfile_in(dir).map_err(without_temp_name)
}

/// `e` without the temporary file's name that `tempfile` adds (`... at path ".x.gen-tmp"`): a
/// file that is gone when the error is shown, beside the target, which the caller names.
fn without_temp_name(e: io::Error) -> io::Error {
    let text = e.to_string();
    match text.find(" at path ") {
        Some(end) => io::Error::new(e.kind(), &text[..end]),
        None => e,
    }
}

/// Replaces every file in `files`, or none. On error, says which path failed.
pub fn replace_all(files: &[Replacement<'_>]) -> Result<(), (PathBuf, io::Error)> {
    // Stage all; a failure drops (and so deletes) the temporary files staged so far. Each is
    // closed once written and synced, and kept by its path only: a site of a catalogue with
    // thousands of codes held one open file per page and ran out of file descriptors
    // ("Too many open files" past 1,024, the usual limit).
    let mut staged = Vec::with_capacity(files.len());
    for file in files {
        let tmp =
            stage(&file.path, file.contents.as_bytes()).map_err(|e| (file.path.clone(), e))?;
        staged.push(tmp.into_temp_path());
    }
    let mut done: Vec<(&Replacement<'_>, Option<PathBuf>)> = Vec::new();
    for (file, tmp) in files.iter().zip(staged) {
        // A symlink at the target is replaced itself, never followed; it is what is put back.
        let link = fs::read_link(&file.path).ok();
        if let Err(e) = tmp.persist(&file.path) {
            // `e.path` is dropped here, deleting its temporary file; put back what was replaced.
            roll_back(&done);
            return Err((file.path.clone(), e.error));
        }
        done.push((file, link));
    }
    // Every file is replaced now, so a failure here must not be reported as "nothing was
    // replaced" (nor undone, which would need the same syncs): syncing the directories only
    // makes the renames durable sooner, and some file systems refuse it.
    let dirs: BTreeSet<&Path> = files.iter().filter_map(|f| f.path.parent()).collect();
    for dir in dirs {
        let _ = sync_dir(dir);
    }
    Ok(())
}

/// Best effort: restores what stood at each file already replaced: the symlink that was there
/// (never a copy of the file it leads to, which may be private, or outside the tree), or the old
/// contents; a new file is removed.
fn roll_back(done: &[(&Replacement<'_>, Option<PathBuf>)]) {
    for (file, link) in done {
        let _ = match (link, file.old) {
            (Some(link), _) => put_link(link, &file.path),
            (None, Some(old)) => stage(&file.path, old)
                .and_then(|t| t.persist(&file.path).map(drop).map_err(|e| e.error)),
            (None, None) => fs::remove_file(&file.path),
        };
    }
}

/// Puts a symlink to `link` at `target`, by rename over whatever stands there.
#[cfg(unix)]
fn put_link(link: &Path, target: &Path) -> io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let tmp = temp_builder(&temp_prefix(target))
        .make_in(dir, |path| std::os::unix::fs::symlink(link, path))?;
    // Renamed over the target, or deleted when that fails.
    tmp.persist(target).map(drop).map_err(|e| e.error)
}

#[cfg(not(unix))]
fn put_link(_: &Path, target: &Path) -> io::Result<()> {
    fs::remove_file(target)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_every_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        fs::write(&a, "old a").unwrap();
        let files = [
            Replacement {
                path: a.clone(),
                contents: "new a",
                old: Some(b"old a"),
            },
            Replacement {
                path: b.clone(),
                contents: "new b",
                old: None,
            },
        ];
        replace_all(&files).unwrap();
        assert_eq!(fs::read_to_string(&a).unwrap(), "new a");
        assert_eq!(fs::read_to_string(&b).unwrap(), "new b");
        assert_eq!(names(dir.path()), ["a.txt", "b.txt"]);
    }

    /// The second file cannot be staged (its directory is a regular file: ENOTDIR, even for
    /// root): nothing is replaced and no temporary file stays.
    #[test]
    fn a_failure_to_stage_any_file_replaces_none() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        fs::write(&a, "old a").unwrap();
        fs::write(dir.path().join("not-a-dir"), "").unwrap();
        let files = [
            Replacement {
                path: a.clone(),
                contents: "new a",
                old: Some(b"old a"),
            },
            Replacement {
                path: dir.path().join("not-a-dir/b.txt"),
                contents: "new b",
                old: None,
            },
        ];
        let (failed, e) = replace_all(&files).unwrap_err();
        assert_eq!(failed, dir.path().join("not-a-dir/b.txt"));
        // The error is the system's, without the name of a temporary file that is gone.
        assert_eq!(e.kind(), io::ErrorKind::NotADirectory, "{e}");
        assert!(!e.to_string().contains(TEMP_SUFFIX), "{e}");
        assert_eq!(fs::read_to_string(&a).unwrap(), "old a");
        assert_eq!(names(dir.path()), ["a.txt", "not-a-dir"]);
    }

    /// Every file stages, the first is renamed into place, the last cannot be (a non-empty
    /// directory stands at its name): the first gets its old bytes back, exactly, the new second
    /// one goes, and no temporary file stays. A symlink replaced meanwhile is put back as the
    /// symlink it was (the rollback wrote the contents of the file it leads to, a private file
    /// outside the tree, at its name, readable by all).
    #[test]
    fn a_failed_rename_puts_back_what_was_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            dir.path().join("a.txt"),
            dir.path().join("b.txt"),
            dir.path().join("c"),
        );
        let old_a = b"old\r\na \xff".to_vec();
        fs::write(&a, &old_a).unwrap();
        fs::create_dir(&c).unwrap();
        fs::write(c.join("inside"), "x").unwrap();
        let outside = tempfile::tempdir().unwrap();
        let (secret, link) = (outside.path().join("secret"), dir.path().join("link"));
        fs::write(&secret, "private").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        #[cfg(not(unix))]
        fs::write(&link, "private").unwrap();
        let files = [
            Replacement {
                path: a.clone(),
                contents: "new a",
                old: Some(&old_a),
            },
            Replacement {
                path: b.clone(),
                contents: "new b",
                old: None,
            },
            Replacement {
                path: link.clone(),
                contents: "new link",
                // What a caller reading through the link passes.
                old: Some(b"private"),
            },
            Replacement {
                path: c.clone(),
                contents: "new c",
                old: None,
            },
        ];
        let (failed, _) = replace_all(&files).unwrap_err();
        assert_eq!(failed, c);
        assert_eq!(fs::read(&a).unwrap(), old_a);
        assert!(!b.exists());
        assert_eq!(names(dir.path()), ["a.txt", "c", "link"]);
        assert_eq!(fs::read_to_string(c.join("inside")).unwrap(), "x");
        #[cfg(unix)]
        assert_eq!(fs::read_link(&link).unwrap(), secret);
        assert_eq!(fs::read_to_string(&secret).unwrap(), "private");
    }

    /// The environment variable that makes this test binary the child of [`under_umask`].
    #[cfg(unix)]
    const CHILD: &str = "XTASK_TEST_UMASK_DIR";

    /// Runs `test` of this binary again as a child under `umask` (the umask is the process's,
    /// shared by every test thread), with `dir` in [`CHILD`]; whether it passed.
    #[cfg(unix)]
    fn under_umask(umask: &str, test: &str, dir: &Path) -> bool {
        under(&format!("umask {umask}"), test, dir)
    }

    /// Runs `test` of this binary again as a child after the shell command `setup` (a `umask`,
    /// a `ulimit`), with `dir` in [`CHILD`]; whether it passed.
    #[cfg(unix)]
    fn under(setup: &str, test: &str, dir: &Path) -> bool {
        let out = std::process::Command::new("sh")
            .args(["-c", &format!("{setup} && exec \"$0\" \"$@\"")])
            .arg(std::env::current_exe().unwrap())
            .args(["--exact", test])
            .env(CHILD, dir)
            .output()
            .unwrap();
        // A name that matches no test would run none and succeed: the child must have run one.
        let ran = String::from_utf8_lossy(&out.stdout).contains("1 passed");
        assert!(ran, "the child ran no test named {test}");
        out.status.success()
    }

    /// A new file gets the mode any new file gets, 0666 less the umask (it was 0644 whatever
    /// the umask: readable by all under `umask 077`).
    #[cfg(unix)]
    #[test]
    fn a_new_file_follows_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        if let Some(dir) = std::env::var_os(CHILD) {
            let files = [Replacement {
                path: Path::new(&dir).join("new.txt"),
                contents: "new",
                old: None,
            }];
            replace_all(&files).unwrap();
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        assert!(under_umask(
            "027",
            "write::tests::a_new_file_follows_the_umask",
            dir.path()
        ));
        let mode = fs::metadata(dir.path().join("new.txt"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
        assert_eq!(names(dir.path()), ["new.txt"]);
    }

    /// Under a file size limit (`ulimit -f`) smaller than one of the files, the run fails with
    /// a word, nothing is replaced and no temporary file stays: the system killed it (SIGXFSZ,
    /// exit 153) part-way through writing a temporary file, which stayed, with no message.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_size_limit_fails_the_run_cleanly() {
        if let Some(dir) = std::env::var_os(CHILD) {
            let dir = Path::new(&dir);
            let big = "x".repeat(64 * 1024);
            let files = [
                Replacement {
                    path: dir.join("a.txt"),
                    contents: "new a",
                    old: Some(b"old a"),
                },
                Replacement {
                    path: dir.join("big.txt"),
                    contents: &big,
                    old: None,
                },
            ];
            let (failed, e) = replace_all(&files).unwrap_err();
            assert_eq!(failed, dir.join("big.txt"));
            assert_eq!(e.kind(), io::ErrorKind::FileTooLarge, "{e}");
            assert!(e.to_string().contains("ulimit -f"), "{e}");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "old a").unwrap();
        assert!(under(
            "ulimit -f 16",
            "write::tests::a_file_size_limit_fails_the_run_cleanly",
            dir.path()
        ));
        assert_eq!(
            fs::read_to_string(dir.path().join("a.txt")).unwrap(),
            "old a"
        );
        assert_eq!(names(dir.path()), ["a.txt"]);
    }

    /// More files than the process may hold open at once (a site of a catalogue with thousands
    /// of codes, under the usual limit of 1,024) are all replaced: each temporary file is closed
    /// once written. Every one was held open until the renames ("Too many open files").
    #[cfg(unix)]
    #[test]
    fn more_files_than_may_be_open_at_once_are_replaced() {
        if let Some(dir) = std::env::var_os(CHILD) {
            let dir = Path::new(&dir);
            let files: Vec<Replacement<'_>> = (0..300)
                .map(|i| Replacement {
                    path: dir.join(format!("{i:04}.html")),
                    contents: "new",
                    old: None,
                })
                .collect();
            replace_all(&files).unwrap();
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        assert!(under(
            "ulimit -n 64",
            "write::tests::more_files_than_may_be_open_at_once_are_replaced",
            dir.path()
        ));
        let names = names(dir.path());
        assert_eq!(names.len(), 300, "{names:?}");
        assert!(names.iter().all(|n| n.ends_with(".html")), "{names:?}");
        assert_eq!(
            fs::read_to_string(dir.path().join("0299.html")).unwrap(),
            "new"
        );
    }

    /// A target made 0600 stays private while it is written, under a umask that would leave a
    /// new file readable by all: the temporary file is 0600 from its creation (it was 0644 until
    /// written), and the file that replaces the target is 0600 too.
    #[cfg(unix)]
    #[test]
    fn a_private_target_is_never_readable_by_others() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        if let Some(dir) = std::env::var_os(CHILD) {
            let target = Path::new(&dir).join("private.txt");
            let existing = fs::metadata(&target).unwrap().permissions();
            let tmp = create_temp(&target, Some(&existing)).unwrap();
            assert_eq!(mode(tmp.path()), 0o600, "at creation");
            drop(tmp);
            let files = [Replacement {
                path: target.clone(),
                contents: "new",
                old: Some(b"old"),
            }];
            replace_all(&files).unwrap();
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("private.txt");
        fs::write(&target, "old").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).unwrap();
        assert!(under_umask(
            "022",
            "write::tests::a_private_target_is_never_readable_by_others",
            dir.path()
        ));
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(mode(&target), 0o600);
        assert_eq!(names(dir.path()), ["private.txt"]);
    }

    /// `name` in `dir`, holding `old`, with `mode`.
    #[cfg(unix)]
    fn old_file(dir: &Path, name: &str, mode: u32) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join(name);
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
        path
    }

    /// Replaces [`old_file`]'s `old` with `new`.
    #[cfg(unix)]
    fn renew(target: &Path) {
        replace_all(&[Replacement {
            path: target.to_path_buf(),
            contents: "new",
            old: Some(b"old"),
        }])
        .unwrap();
    }

    /// A file of another user's, replaced by root, stays theirs, private as it was (it became
    /// root's, 0600, and its owner could no longer read it). Only root can give a file away:
    /// run by anyone else, the test has nothing to check.
    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_owner() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let target = old_file(dir.path(), "theirs.txt", 0o600);
        if std::os::unix::fs::chown(&target, Some(4321), Some(4322)).is_err() {
            eprintln!("not root: no file can be given away, nothing to check");
            return;
        }
        renew(&target);
        let meta = fs::metadata(&target).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (4321, 4322));
        assert_eq!(meta.permissions().mode() & 0o7777, 0o600);
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
    }

    /// A target wider than the umask allows keeps its mode exactly: set after creation.
    #[cfg(unix)]
    #[test]
    fn a_target_keeps_its_mode_exactly() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = old_file(dir.path(), "shared.txt", 0o664);
        renew(&target);
        let mode = fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o664);
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_is_neither_followed_nor_kept() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let victim = outside.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        let target = dir.path().join("errors.md");
        // At a leftover's name, and at the target itself.
        let planted = dir.path().join(".errors.md.XXXXXXXXXX.gen-tmp");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        assert_eq!(remove_leftovers(std::slice::from_ref(&target)).unwrap(), 1);
        replace_all(&[Replacement {
            path: target.clone(),
            contents: "new",
            old: None,
        }])
        .unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(fs::symlink_metadata(&target).unwrap().is_file());
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(names(dir.path()), ["errors.md"]);
    }
}
