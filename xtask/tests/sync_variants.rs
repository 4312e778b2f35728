//! `cargo xtask sync` as a maintainer runs it, through the binary: the official page as text
//! and as HTML, and variants of it as Aculab might publish them (codes added, removed,
//! re-statused, remedies dropped, reworded, several at once, none at all), each named code by
//! code with exit 0 (in step), 1 (drift) or 2 (nothing compared) and nothing written; and
//! `sync --write`, whose scaffold `gen` then refuses at its line.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use codegen::upstream::{self, PageEntry, Record};

#[path = "../src/snapshot.rs"]
mod snapshot;
use snapshot::snapshot;

/// The copy of Aculab's page, as text and as HTML.
fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/upstream");
    fs::read_to_string(path.join(name)).unwrap()
}

/// A scratch project in step with the page: a valid catalogue with the page's codes, statuses
/// and remedies in words of its own, the record of the page, and xtask's manifest directory
/// (where the binary finds its root).
fn project(page: &str) -> tempfile::TempDir {
    let page = upstream::parse_page(page.as_bytes()).unwrap();
    let mut catalogue = String::from(
        "links: \"https://example.com/errors?error={code}\"\n\ncategories:\n  - id: everything\n    title: Everything\n    range: \"0000-9999\"\n    description: Every code.\n\nerrors:\n",
    );
    let mut entries = page.entries.clone();
    entries.sort_by_key(|e| e.code);
    for e in &entries {
        catalogue += &format!("  - code: \"{:04}\"\n    name: code_{0:04}\n", e.code);
        if let Some(status) = e.http {
            catalogue += &format!("    http: {status}\n");
        }
        catalogue += &format!(
            "    category: everything\n    retry: false\n    description: Our words for {:04}.\n",
            e.code
        );
        if e.remedy.is_some() {
            catalogue += &format!("    remedy: What to do about {:04}.\n", e.code);
        }
        catalogue.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("xtask")).unwrap();
    fs::write(dir.path().join("errors.yaml"), catalogue).unwrap();
    fs::write(
        dir.path().join("upstream.tsv"),
        Record::of(&page, "2026-01-01").render(),
    )
    .unwrap();
    dir
}

/// `cargo xtask ARGS` in the project `dir`.
fn xtask(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_MANIFEST_DIR", dir.join("xtask"))
        .output()
        .unwrap()
}

/// Runs `sync PAGE` on `page` saved outside the project; asserts that nothing under the
/// project was written; returns the exit status and the lines that name a code.
fn sync(dir: &Path, page: &[u8], name: &str) -> (i32, Vec<String>) {
    let pages = tempfile::tempdir().unwrap();
    let path = pages.path().join(name);
    fs::write(&path, page).unwrap();
    let before = snapshot(dir);
    let out = xtask(dir, &["sync", path.to_str().unwrap()]);
    assert_eq!(snapshot(dir), before, "{name}: sync without --write wrote");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let named = stdout
        .lines()
        .filter(|l| l.len() > 5 && l.as_bytes()[..4].iter().all(u8::is_ascii_digit))
        .map(str::to_string)
        .collect();
    (out.status.code().unwrap(), named)
}

/// The entries of the page, to vary.
fn entries(page: &str) -> Vec<PageEntry> {
    upstream::parse_page(page.as_bytes()).unwrap().entries
}

/// `entries` as the page lays them out as text.
fn as_text(entries: &[PageEntry]) -> String {
    let mut out = String::from("Web Service Errors\n\nError Codes\n\n");
    for e in entries {
        out += &format!("{:04} : {}\n\n", e.code, e.description);
        if let Some(status) = e.http {
            out += &format!("HTTP Error code\n\n{status}\n\n");
        }
        if let Some(remedy) = &e.remedy {
            out += &format!("Remedy\n\n{remedy}\n\n");
        }
    }
    out + "Error Responses\n\nAll web service API's can respond with JSON objects.\n"
}

/// `entries` as HTML as a browser saves it: a head with a style and a script, a navigation
/// list of the codes, an entry per `<div>` with typographic quotes as entities, a footer.
fn as_html(entries: &[PageEntry]) -> String {
    let text = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace("'", "&#8217;")
    };
    let nav: String = entries
        .iter()
        .map(|e| format!("<li><a href=\"#e{0:04}\">{0:04}</a></li>", e.code))
        .collect();
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Web Service Errors</title>\n\
         <style>h3::before {{ content: \"0999 : no code\" }}</style><script>var x = \"<p>0998 : nor this</p>\";</script></head>\n\
         <body><nav><ul>{nav}</ul></nav><main><h1>Web Service Errors</h1>\n"
    );
    for e in entries {
        out += &format!(
            "<div class=\"error\" id=\"e{0:04}\">\n  <h3><a href=\"?error={0:04}\">{0:04}</a> : {1}</h3>\n",
            e.code,
            text(&e.description)
        );
        if let Some(status) = e.http {
            out += &format!("  <h4>HTTP Error code</h4>\n  <p>{status}</p>\n");
        }
        if let Some(remedy) = &e.remedy {
            out += &format!("  <h4>Remedy</h4>\n  <p>{}</p>\n", text(remedy));
        }
        out += "</div>\n";
    }
    out + "<h2>Error Responses</h2><p>All web service API&#8217;s can respond with JSON objects.</p></main>\
           <footer><p>&copy; Aculab</p></footer></body></html>\n"
}

/// The entry of `code` in `entries`.
fn entry(entries: &mut [PageEntry], code: u16) -> &mut PageEntry {
    entries.iter_mut().find(|e| e.code == code).unwrap()
}

#[test]
fn the_official_page_as_text_and_as_html_reads_in_step_through_the_binary() {
    let page = fixture("page.txt");
    let dir = project(&page);
    for (name, bytes) in [
        ("page.txt", page.clone()),
        ("page.html", fixture("page.html")),
        ("laid_out.txt", as_text(&entries(&page))),
        ("laid_out.html", as_html(&entries(&page))),
    ] {
        assert_eq!(
            sync(dir.path(), bytes.as_bytes(), name),
            (0, vec![]),
            "{name}"
        );
    }
}

#[test]
fn each_variant_is_named_code_by_code_with_its_exit_and_nothing_written() {
    let page = fixture("page.txt");
    let dir = project(&page);
    let official = entries(&page);
    let added = |entries: &mut Vec<PageEntry>| {
        let at = entries.iter().position(|e| e.code > 33).unwrap();
        entries.insert(
            at,
            PageEntry {
                code: 33,
                http: Some(404),
                description: "A new error that the page now lists.".into(),
                remedy: Some("Do the new thing.".into()),
            },
        );
    };
    let removed = |entries: &mut Vec<PageEntry>| entries.retain(|e| e.code != 406);
    let restatused = |entries: &mut Vec<PageEntry>| entry(entries, 405).http = Some(410);
    let dropped = |entries: &mut Vec<PageEntry>| entry(entries, 1).remedy = None;
    let reworded = |entries: &mut Vec<PageEntry>| {
        let e = entry(entries, 405);
        e.description = e.description.replacen("invalid", "unknown", 1);
    };
    let punctuated = |entries: &mut Vec<PageEntry>| {
        let e = entry(entries, 2);
        e.remedy = e.remedy.take().map(|r| r.replacen('.', "!", 1));
    };
    let lines = [
        "0033: added on the page (HTTP status 404, with a remedy); `sync --write` scaffolds it in errors.yaml",
        "0406: removed from the page; mark it `retired: <why>` in errors.yaml (never delete it)",
        "0405: HTTP status changed: 404 -> 410",
        "0001: remedy gone from the page; remove the entry's `remedy`",
        "0405: wording changed (description); re-read it on the page and check the entry says the same",
        "0002: wording changed (remedy); re-read it on the page and check the entry says the same",
    ];
    type Change = fn(&mut Vec<PageEntry>);
    let changes: [(Change, &str); 6] = [
        (added, lines[0]),
        (removed, lines[1]),
        (restatused, lines[2]),
        (dropped, lines[3]),
        (reworded, lines[4]),
        (punctuated, lines[5]),
    ];
    for (change, line) in changes {
        let mut varied = official.clone();
        change(&mut varied);
        assert_eq!(
            varied.len() == official.len(),
            !line.contains("added") && !line.contains("removed")
        );
        for (name, bytes) in [
            ("page.txt", as_text(&varied)),
            ("page.html", as_html(&varied)),
        ] {
            assert_eq!(
                sync(dir.path(), bytes.as_bytes(), name),
                (1, vec![line.to_string()]),
                "{name}"
            );
        }
    }
    // Several at once, each named once, in code order.
    let mut varied = official.clone();
    for (change, _) in changes {
        change(&mut varied);
    }
    let mut want: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    // 0405's status and wording changed both; the lines are in code order.
    want.sort_by_key(|l| l[..4].to_string());
    for (name, bytes) in [
        ("page.txt", as_text(&varied)),
        ("page.html", as_html(&varied)),
    ] {
        let (code, mut named) = sync(dir.path(), bytes.as_bytes(), name);
        assert_eq!(code, 1, "{name}");
        named.sort_by_key(|l| l[..4].to_string());
        assert_eq!(named, want, "{name}");
    }
    // Markup, entities and white space are no change of wording.
    let spaced = as_html(&official)
        .replace("<p>", "<p>\n   ")
        .replace(" the ", " <em>the</em>&nbsp;");
    assert_eq!(
        sync(dir.path(), spaced.as_bytes(), "spaced.html"),
        (0, vec![])
    );
}

#[test]
fn a_page_with_nothing_to_compare_exits_2_and_writes_nothing() {
    let page = fixture("page.txt");
    let dir = project(&page);
    for (name, bytes) in [
        ("none.txt", as_text(&[])),
        ("none.html", as_html(&[])),
        ("empty.txt", String::new()),
    ] {
        let (code, named) = sync(dir.path(), bytes.as_bytes(), name);
        assert_eq!((code, named), (2, vec![]), "{name}");
    }
    let before = snapshot(dir.path());
    let pages = tempfile::tempdir().unwrap();
    for path in [
        pages.path().join("missing.html"),
        pages.path().to_path_buf(),
    ] {
        let out = xtask(dir.path(), &["sync", "--write", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("cannot read the page"), "{stderr}");
    }
    assert_eq!(snapshot(dir.path()), before);
}

/// The project in step with the official page, and the page with 9001 added at its end (with
/// `remedy`, where given).
fn project_and_9001_added(remedy: Option<&str>) -> (tempfile::TempDir, Vec<PageEntry>) {
    let page = fixture("page.txt");
    let mut varied = entries(&page);
    varied.push(PageEntry {
        code: 9001,
        http: Some(503),
        description: "A new error at the end of the page.".into(),
        remedy: remedy.map(str::to_string),
    });
    (project(&page), varied)
}

#[test]
fn write_scaffolds_an_added_code_that_gen_refuses_at_its_line_and_records_the_page() {
    let (dir, varied) = project_and_9001_added(None);
    let pages = tempfile::tempdir().unwrap();
    let path = pages.path().join("page.html");
    fs::write(&path, as_html(&varied)).unwrap();
    let out = xtask(dir.path(), &["sync", "--write", path.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("scaffolded 9001 in errors.yaml"),
        "{stdout}"
    );
    let record = fs::read_to_string(dir.path().join("upstream.tsv")).unwrap();
    assert!(
        record.lines().any(|l| l.starts_with("9001\t503\tno\t")),
        "{record}"
    );
    assert!(!record.contains("new error"), "the record keeps no wording");
    let catalogue = fs::read_to_string(dir.path().join("errors.yaml")).unwrap();
    let line = catalogue
        .lines()
        .position(|l| l.contains("code: \"9001\""))
        .unwrap()
        + 1;
    // gen refuses the scaffold, each problem at its own line under the entry.
    let out = xtask(dir.path(), &["gen"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let located: Vec<usize> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("errors.yaml:"))
        .filter_map(|l| l.split(':').next()?.parse().ok())
        .collect();
    assert!(!located.is_empty(), "{stderr}");
    assert!(
        located.iter().all(|&n| n > line && n < line + 10),
        "{line}: {stderr}"
    );
    assert!(stderr.contains("entry 9001"), "{stderr}");
    // The page is now recorded and the code scaffolded: in step, and a second write is a no-op.
    assert_eq!(
        sync(dir.path(), as_html(&varied).as_bytes(), "page.html"),
        (0, vec![])
    );
}

/// `as_html` with what a content management system adds: a sidebar listing every code with
/// its title cut short (its first words and an ellipsis), a banner after it, and a link back
/// to the top after each entry.
fn with_sidebar(entries: &[PageEntry]) -> String {
    let items: String = entries
        .iter()
        .map(|e| {
            let title: Vec<&str> = e.description.split_whitespace().take(5).collect();
            format!(
                "<li><a href=\"#e{:04}\">{:04} : {}&hellip;</a></li>",
                e.code,
                e.code,
                title.join(" ")
            )
        })
        .collect();
    as_html(entries)
        .replace(
            "<main>",
            &format!(
                "<aside><h2>On this page</h2><ul>{items}</ul></aside>\
                 <div class=\"banner\"><p>We use cookies. Accept them to go on.</p></div><main>"
            ),
        )
        .replace(
            "</div>\n",
            "<p><a href=\"#top\">Back to top</a></p></div>\n",
        )
}

/// An entry left with neither status nor remedy is read as the page lists it, not as the
/// sidebar's title of it (which disagreed with it: "cannot be read with certainty", exit 2).
#[test]
fn a_sidebar_of_titles_cut_short_is_no_second_listing_of_a_code() {
    let page = fixture("page.txt");
    let dir = project(&page);
    let official = entries(&page);
    assert_eq!(
        sync(dir.path(), with_sidebar(&official).as_bytes(), "page.html"),
        (0, vec![])
    );
    let mut dropped = official.clone();
    entry(&mut dropped, 2002).remedy = None;
    assert_eq!(entry(&mut dropped, 2002).http, None);
    assert_eq!(
        sync(dir.path(), with_sidebar(&dropped).as_bytes(), "page.html"),
        (
            1,
            vec!["2002: remedy gone from the page; remove the entry's `remedy`".to_string()]
        )
    );
    let mut added = official.clone();
    added.push(PageEntry {
        code: 9002,
        http: None,
        description: "A new error that the page lists without a status or remedy.".into(),
        remedy: None,
    });
    assert_eq!(
        sync(dir.path(), with_sidebar(&added).as_bytes(), "page.html"),
        (
            1,
            vec!["9002: added on the page (HTTP status none, no remedy); `sync --write` scaffolds it in errors.yaml".to_string()]
        )
    );
}

/// The official page as HTML with each remedy of more sentences than one a list of them, as a
/// page may lay out steps: in step, though some list items are shared by several remedies
/// (`If it continues, please contact us.` closes six); a page's furniture is found after
/// nearly every entry, a shared sentence after a few.
#[test]
fn remedies_laid_out_as_lists_of_their_sentences_read_in_step() {
    let page = fixture("page.txt");
    let dir = project(&page);
    let official = entries(&page);
    let mut html = as_html(&official);
    let mut shared = std::collections::HashMap::new();
    // As `as_html` writes text.
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('\'', "&#8217;")
    };
    for e in &official {
        let Some(remedy) = &e.remedy else { continue };
        let items: Vec<&str> = remedy.split_inclusive(". ").map(str::trim).collect();
        if items.len() < 2 {
            continue;
        }
        for item in &items[1..] {
            *shared.entry(item.to_string()).or_insert(0) += 1;
        }
        let list: String = items
            .iter()
            .map(|i| format!("<li>{}</li>", esc(i)))
            .collect();
        let before = format!("<p>{}</p>", esc(remedy));
        assert!(html.contains(&before), "{before}");
        html = html.replacen(&before, &format!("<ul>{list}</ul>"), 1);
    }
    assert!(shared.values().any(|&n| n >= 6), "{shared:?}");
    assert_eq!(sync(dir.path(), html.as_bytes(), "lists.html"), (0, vec![]));
}

/// A range of years in a paragraph of its own (a footer's `1978 - 2024`) is no heading of a
/// code 1978 (it was: `1978: added on the page`, exit 1), as text and as HTML, before the
/// entries or after them; nor of a range of codes (`0001 - 0099`). A heading whose text opens
/// with a status (`0405 - 404 Not Found. ...`) is still one.
#[test]
fn a_range_of_years_is_no_code() {
    let page = fixture("page.txt");
    let dir = project(&page);
    let official = entries(&page);
    for years in [
        "1978 - 2024",
        "1978\u{2013}2024",
        "1978 \u{2014} 2024 Aculab plc",
        "0001 - 0099",
    ] {
        let text = as_text(&official)
            .replacen("Error Codes\n\n", &format!("Error Codes\n\n{years}\n\n"), 1)
            .replacen("Error Responses", &format!("{years}\n\nError Responses"), 1);
        let html = as_html(&official).replacen("<footer>", &format!("<footer><p>{years}</p>"), 1);
        for (name, bytes) in [("years.txt", text), ("years.html", html)] {
            assert!(bytes.contains(years), "{name}");
            assert_eq!(
                sync(dir.path(), bytes.as_bytes(), name),
                (0, vec![]),
                "{name}: {years}"
            );
        }
    }
    let mut varied = official.clone();
    let e = entry(&mut varied, 405);
    e.description = format!("404 Not Found. {}", e.description);
    let text = as_text(&varied).replacen("0405 : ", "0405 - ", 1);
    assert_eq!(
        sync(dir.path(), text.as_bytes(), "status.txt"),
        (
            1,
            vec!["0405: wording changed (description); re-read it on the page and check the entry says the same".to_string()]
        )
    );
}

/// `text` with each line wrapped at `width` columns as `fmt -s` and `pdftotext` wrap one: a
/// word longer than the line (a URL) is left whole, on a line of its own; with a blank line
/// between paragraphs or none.
fn wrap(text: &str, width: usize, blank_lines: bool) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in text.split("\n\n") {
        for line in paragraph.lines() {
            let mut run = String::new();
            for word in line.split_whitespace() {
                if !run.is_empty() && run.len() + 1 + word.len() > width {
                    out.push(std::mem::take(&mut run));
                }
                if !run.is_empty() {
                    run.push(' ');
                }
                run += word;
            }
            if !run.is_empty() {
                out.push(run);
            }
        }
        if blank_lines {
            out.push(String::new());
        }
    }
    out
}

/// The page wrapped at 80 columns with no blank line, its few long URLs whole: they set no
/// width (with the widest line as the width, a remedy's last line was read as going on in
/// the next: `0005: wording changed (remedy)` and five more, exit 1).
#[test]
fn a_page_wrapped_with_its_long_urls_whole_and_no_blank_lines_reads_in_step() {
    let page = fixture("page.txt");
    let dir = project(&page);
    let lines = wrap(&page, 80, false);
    assert!(lines.iter().filter(|l| l.len() > 80).count() >= 2);
    assert_eq!(
        sync(dir.path(), lines.join("\n").as_bytes(), "wrapped.txt"),
        (0, vec![])
    );
    let mut varied = entries(&page);
    entry(&mut varied, 405).http = Some(410);
    let lines = wrap(&as_text(&varied), 80, false);
    assert_eq!(
        sync(dir.path(), lines.join("\n").as_bytes(), "wrapped.txt"),
        (1, vec!["0405: HTTP status changed: 404 -> 410".to_string()])
    );
}

/// The page rewrapped at 72 columns with its lines balanced, as `fmt` fills them, and no blank
/// line: a line may end well short of the width before a word that would have fit. Such a
/// line within a remedy does not end it (read by width alone, the remedy was cut there:
/// `2004: wording changed (remedy)`, exit 1, and 0200's too from `fmt -w 72` itself); a change
/// is still named.
#[test]
fn a_page_wrapped_with_balanced_lines_and_no_blank_lines_reads_in_step() {
    // Where `fmt -w 72` broke them: before a word that would have fit.
    let balanced = |text: &str| {
        text.replace(
            "This will allow you to buy as many as possible of the requested numbers, rather",
            "This will allow you to\nbuy as many as possible of the requested numbers, rather",
        )
        .replace(
            "prevented its main function being called",
            "prevented its main function\nbeing called",
        )
        .replace("If status is -6,", "If status is\n-6,")
    };
    let page = fixture("page.txt");
    let dir = project(&page);
    let lines = wrap(&balanced(&page), 72, false);
    assert!(lines
        .iter()
        .any(|l| l.starts_with("buy as many as possible")));
    assert!(lines.iter().any(|l| l.starts_with("-6, the application")));
    assert_eq!(
        sync(dir.path(), lines.join("\n").as_bytes(), "fmt.txt"),
        (0, vec![])
    );
    let mut varied = entries(&page);
    let e = entry(&mut varied, 200);
    let remedy = e.remedy.as_mut().unwrap();
    *remedy = remedy.replacen("full amount", "whole amount", 1);
    let lines = wrap(&balanced(&as_text(&varied)), 72, false);
    assert_eq!(
        sync(dir.path(), lines.join("\n").as_bytes(), "fmt.txt"),
        (
            1,
            vec![
                "0200: wording changed (remedy); re-read it on the page and check the entry says the same"
                    .to_string()
            ]
        )
    );
}

/// `lines` printed to PDF by a browser and dumped as text (`pdftotext`): pages of `per_page`
/// lines, each under the date and the title and over the address and its number, ended by a
/// form feed.
fn printed(lines: &[String], per_page: usize) -> String {
    let pages: Vec<&[String]> = lines.chunks(per_page).collect();
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        out += "12/03/2024, 10:15                    Web Service Errors | Aculab Cloud\n\n";
        for line in page.iter() {
            out += line;
            out.push('\n');
        }
        out += &format!(
            "\nhttps://www.aculab.com/cloud/web-services/web-service-errors            {}/{}\n\u{c}",
            i + 1,
            pages.len()
        );
    }
    out
}

/// The page printed to PDF and dumped as text: each page's running head and foot are none of
/// the entries' wording, wherever a page breaks (they were: an HTTP status that "cannot be
/// read", exit 2, or a dozen codes' wording changed, exit 1). A change is still named.
#[test]
fn the_page_printed_to_pdf_and_dumped_as_text_reads_in_step() {
    let page = fixture("page.txt");
    let dir = project(&page);
    for blank_lines in [true, false] {
        for per_page in [45, 50, 58, 66] {
            let text = printed(&wrap(&page, 80, blank_lines), per_page);
            assert!(text.matches('\u{c}').count() > 10);
            assert_eq!(
                sync(dir.path(), text.as_bytes(), "printed.txt"),
                (0, vec![]),
                "{per_page} lines a page, blank lines {blank_lines}"
            );
        }
    }
    let mut varied = entries(&page);
    entry(&mut varied, 1).remedy = None;
    let e = entry(&mut varied, 405);
    e.description = e.description.replacen("four hours", "two hours", 1);
    for blank_lines in [true, false] {
        let text = printed(&wrap(&as_text(&varied), 80, blank_lines), 50);
        assert_eq!(
            sync(dir.path(), text.as_bytes(), "printed.txt"),
            (
                1,
                vec![
                    "0001: remedy gone from the page; remove the entry's `remedy`".to_string(),
                    "0405: wording changed (description); re-read it on the page and check the entry says the same".to_string(),
                ]
            ),
            "blank lines {blank_lines}"
        );
    }
}

/// The page printed with a bare page number at each page's foot but the first's (a title page
/// left unnumbered): the first page ends on an entry's status, `400`, whose shape is a page
/// number's once its digits are set aside, and it is kept, as every entry's part is (it was
/// dropped as a running foot: `0004: HTTP status changed: 400 -> none`, exit 1).
#[test]
fn a_status_ending_the_page_without_a_page_number_is_no_running_foot() {
    let page = fixture("page.txt");
    let dir = project(&page);
    let lines = wrap(&page, 80, true);
    // The first page ends on a status well down the page.
    let first = (30..lines.len())
        .find(|&i| lines[i].len() == 3 && lines[i].parse::<u16>().is_ok_and(|s| s >= 400))
        .unwrap();
    let mut pages = vec![lines[..=first].join("\n")];
    for (n, chunk) in lines[first + 1..].chunks(50).enumerate() {
        pages.push(format!("{}\n\n{}", chunk.join("\n"), n + 2));
    }
    let text = pages.join("\n\u{c}") + "\n\u{c}";
    assert!(text.matches('\u{c}').count() > 10);
    assert_eq!(
        sync(dir.path(), text.as_bytes(), "printed.txt"),
        (0, vec![])
    );
}

/// `entries` as pandoc's Markdown writes the HTML page whose headings hold an anchor
/// (`<h3><a id="0405"></a>0405 : ...</h3>`): an empty span before the code (`[]{#0405}`),
/// a fenced div per entry, and a `<div>` it keeps as raw HTML (the header's, around a form).
fn as_pandoc_markdown(entries: &[PageEntry]) -> String {
    let mut out = String::from(
        "[Skip to content](#main){.skip}\n\n<div>\n\n::: logo\n[![Aculab](/img/logo.svg)](/)\n:::\n\nGo\n\n</div>\n\n\
         # Web Service Errors\n\n## Error Codes\n\n",
    );
    for e in entries {
        out += &format!(
            "::: {{#e{0:04} .err}}\n### []{{#{0:04}}}{0:04} : {1}\n\n",
            e.code,
            e.description.replace('\'', "\\'")
        );
        if let Some(status) = e.http {
            out += &format!("#### HTTP Error code\n\n{status}\n\n");
        }
        if let Some(remedy) = &e.remedy {
            out += &format!("#### Remedy\n\n{}\n\n", remedy.replace('\'', "\\'"));
        }
        out += "[\u{2191} Back to top](#main)\n:::\n\n";
    }
    out + "## Error Responses\n\nAll web service API\\'s can respond with JSON objects.\n"
}

/// The page as pandoc's Markdown, its headings opening with an anchor's empty span, reads in
/// step and names a change (with a `<div>` kept as raw HTML, the page was read as HTML, where
/// `[]{#0405}0405 : ...` is no heading: no codes found, exit 2).
#[test]
fn a_page_as_pandoc_markdown_with_anchors_in_its_headings_reads_in_step() {
    in_step_then_named(
        &as_pandoc_markdown,
        "\n### []{#0405}0405 : ",
        &|entries| entry(entries, 405).http = Some(410),
        &["0405: HTTP status changed: 404 -> 410"],
    );
}

/// The official page laid out by `render` (as `shows` says) reads in step, and with `change`
/// made names `lines`, exit 1; neither writes anything.
fn in_step_then_named(
    render: &dyn Fn(&[PageEntry]) -> String,
    shows: &str,
    change: &dyn Fn(&mut Vec<PageEntry>),
    lines: &[&str],
) {
    let page = fixture("page.txt");
    let dir = project(&page);
    let mut varied = entries(&page);
    let laid_out = render(&varied);
    assert!(laid_out.contains(shows), "{laid_out}");
    assert_eq!(
        sync(dir.path(), laid_out.as_bytes(), "page.md"),
        (0, vec![])
    );
    change(&mut varied);
    let lines = lines.iter().map(|l| l.to_string()).collect();
    assert_eq!(
        sync(dir.path(), render(&varied).as_bytes(), "page.md"),
        (1, lines)
    );
}

/// A page whose labels are lost but for a few entries' (a table dumped as text, as
/// `pdftotext -raw` writes one: each row's cells on lines of their own, unlabelled, a few
/// rows' cells run together) is a layout not understood: nothing compared, exit 2, not
/// hundreds of statuses and remedies gone (exit 1, where only a page whose every entry
/// lost both was refused).
#[test]
fn a_page_that_lost_most_labels_is_not_understood_rather_than_drift() {
    let page = fixture("page.txt");
    let dir = project(&page);
    let official = entries(&page);
    let (labelled, unlabelled) = official.split_at(3);
    let mut text = as_text(labelled);
    text.truncate(text.find("Error Responses").unwrap());
    for e in unlabelled {
        text += &format!("{:04}\n{}\n", e.code, e.description);
        if let Some(status) = e.http {
            text += &format!("{status}\n");
        }
        if let Some(remedy) = &e.remedy {
            text += &format!("{remedy}\n");
        }
    }
    assert_eq!(sync(dir.path(), text.as_bytes(), "raw.txt"), (2, vec![]));
    // A few entries that lost their status and remedy are drift, named.
    let mut varied = official.clone();
    for code in [1, 2, 3] {
        let e = entry(&mut varied, code);
        (e.http, e.remedy) = (None, None);
    }
    let (code, named) = sync(dir.path(), as_text(&varied).as_bytes(), "page.txt");
    assert_eq!((code, named.len()), (1, 6), "{named:?}");
}

/// `entries` as Word saves a bulleted list of them as a web page: each code an item of the
/// first level (`·` in Symbol), its status and remedy items of the second (`o` in Courier New)
/// or third (`§` in Wingdings), each marker written out for renderers without lists between
/// `<![if !supportLists]>` and `<![endif]>`, in Windows-1252 with CRLF line ends.
fn as_word_list(entries: &[PageEntry], marker: &str) -> Vec<u8> {
    let item = |level: u8, bullet: &str, text: String| {
        format!(
            "<p class=MsoListParagraphCxSpMiddle style='margin-left:{}.0pt;text-indent:-18.0pt;mso-list:l0 level{level} lfo1'>\
             <![if !supportLists]><span style='font-family:Symbol'>{bullet}<span style='font:7.0pt \"Times New Roman\"'>\
             &nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>{text}<o:p></o:p></p>\r\n",
            36 * level
        )
    };
    let mut out = String::from(
        "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">\r\n<head>\r\n\
         <meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\">\r\n\
         <meta name=Generator content=\"Microsoft Word 15\">\r\n</head>\r\n<body lang=EN-GB>\r\n<div class=WordSection1>\r\n",
    );
    let text = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    for e in entries {
        out += &item(
            1,
            "\u{b7}",
            format!("<b>Error&nbsp;{:04}</b>: {}", e.code, text(&e.description)),
        );
        if let Some(status) = e.http {
            out += &item(2, marker, format!("HTTP Error code: {status}"));
        }
        if let Some(remedy) = &e.remedy {
            out += &item(2, marker, format!("Remedy: {}", text(remedy)));
        }
    }
    out += "</div>\r\n</body>\r\n</html>\r\n";
    out.chars()
        .map(|c| match c {
            '\u{b7}' => 0xb7,
            '\u{a7}' => 0xa7,
            c if c.is_ascii() => c as u8,
            c => panic!("{c:?}"),
        })
        .collect()
}

/// A page Word saved as a bulleted list reads in step and names a change, whatever marks its
/// items: the marker Word writes out is no part of a label (`o HTTP Error code: 404`, as every
/// status and remedy read, gave none: exit 2).
#[test]
fn a_page_word_saved_as_a_bulleted_list_reads_in_step() {
    let page = fixture("page.txt");
    let dir = project(&page);
    let official = entries(&page);
    let mut varied = official.clone();
    entry(&mut varied, 405).http = Some(410);
    entry(&mut varied, 1).remedy = None;
    for marker in ["o", "\u{a7}", "-", "1."] {
        assert_eq!(
            sync(dir.path(), &as_word_list(&official, marker), "page.htm"),
            (0, vec![]),
            "{marker}"
        );
        assert_eq!(
            sync(dir.path(), &as_word_list(&varied, marker), "page.htm"),
            (
                1,
                vec![
                    "0001: remedy gone from the page; remove the entry's `remedy`".to_string(),
                    "0405: HTTP status changed: 404 -> 410".to_string()
                ]
            ),
            "{marker}"
        );
    }
}

/// A file that holds the page but is none (gzip'd, a PDF, a ZIP archive) is said to be what it
/// is, with what to do, not "holds NUL bytes": exit 2, nothing written.
#[test]
fn a_compressed_page_or_a_pdf_is_named_as_such() {
    let page = fixture("page.txt");
    let dir = project(&page);
    let pages = tempfile::tempdir().unwrap();
    for (name, bytes, said) in [
        (
            "page.txt.gz",
            &b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"[..],
            "it is compressed with gzip; decompress it",
        ),
        (
            "page.pdf",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\x00",
            "it is a PDF; save the page as HTML",
        ),
        (
            "page.docx",
            b"PK\x03\x04\x14\x00\x06\x00",
            "it is a ZIP archive",
        ),
    ] {
        let path = pages.path().join(name);
        fs::write(&path, bytes).unwrap();
        let before = snapshot(dir.path());
        let out = xtask(dir.path(), &["sync", "--write", path.to_str().unwrap()]);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("cannot read the page: {said}")),
            "{name}: {stderr}"
        );
        assert_eq!(snapshot(dir.path()), before, "{name}");
    }
}

/// Marks of direction, invisible, before a code or around a status (`&lrm;0405 : ...`, as a
/// page with right-to-left text about it may write them, and as text copied from it keeps
/// them) are none of the page's words: in step, as text and as HTML, and a change is named
/// (no heading so marked was read: every code removed, exit 1; one: "0404 gives its HTTP
/// status twice", exit 2).
#[test]
fn marks_of_direction_are_no_text() {
    let page = fixture("page.txt");
    let dir = project(&page);
    let official = entries(&page);
    let mut varied = official.clone();
    entry(&mut varied, 405).http = Some(410);
    for (entries, want) in [
        (&official, (0, vec![])),
        (
            &varied,
            (1, vec!["0405: HTTP status changed: 404 -> 410".to_string()]),
        ),
    ] {
        let text = as_text(entries)
            .replace("\n0", "\n\u{200e}0")
            .replace("\n404\n", "\n\u{2068}404\u{2069}\n")
            .replace("\n410\n", "\n\u{202a}410\u{202c}\n");
        let html = as_html(entries)
            .replace("\">0", "\">&lrm;0")
            .replace("<p>4", "<p>&rlm;&#x2066;4");
        for (name, page) in [("page.txt", text), ("page.html", html)] {
            assert!(page.contains(['\u{200e}', '&']), "{name}");
            assert_eq!(sync(dir.path(), page.as_bytes(), name), want, "{name}");
        }
    }
}

/// A `--write` with nothing to scaffold still moves the checked date, which the docs show: it
/// says to run `gen` next (it said only "in step" and "updated upstream.tsv", and a commit of
/// the record alone left `gen --check`, so CI, failing on stale docs), and once `gen` has run,
/// nothing is stale and the page reads in step.
#[test]
fn a_write_in_step_says_to_run_gen_for_the_checked_date() {
    let page = fixture("page.txt");
    let dir = project(&page);
    fs::create_dir(dir.path().join("aculab-errors")).unwrap();
    fs::write(
        dir.path().join("aculab-errors/Cargo.toml"),
        "[package]\nname = \"aculab-errors\"\nversion = \"0.1.0\"\n",
    )
    .unwrap();
    let out = xtask(dir.path(), &["gen"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let pages = tempfile::tempdir().unwrap();
    let path = pages.path().join("page.txt");
    fs::write(&path, &page).unwrap();
    let out = xtask(dir.path(), &["sync", "--write", path.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("updated upstream.tsv"), "{stdout}");
    assert_eq!(
        xtask(dir.path(), &["gen", "--check"]).status.code(),
        Some(1),
        "the docs show the checked date"
    );
    assert!(
        stdout.ends_with("next: `cargo xtask gen` (the docs show the checked date), then commit errors.yaml, upstream.tsv and the generated files\n"),
        "{stdout}"
    );
    assert_eq!(xtask(dir.path(), &["gen"]).status.code(), Some(0));
    assert_eq!(
        xtask(dir.path(), &["gen", "--check"]).status.code(),
        Some(0)
    );
    assert_eq!(sync(dir.path(), page.as_bytes(), "page.txt"), (0, vec![]));
    // A write that changes nothing says nothing about gen.
    let out = xtask(dir.path(), &["sync", "--write", path.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        !stdout.contains("updated") && !stdout.contains("next:"),
        "{stdout}"
    );
}

/// A scaffold whose text is not yet written is named by every later `sync` (it read "in step"
/// and nothing more, as if the work were done, while `gen` still refused the catalogue), and
/// no longer once a person has written it.
#[test]
fn a_scaffold_still_to_write_is_named_until_it_is_written() {
    let (dir, varied) = project_and_9001_added(Some("Wait for it."));
    let pages = tempfile::tempdir().unwrap();
    let path = pages.path().join("page.txt");
    fs::write(&path, as_text(&varied)).unwrap();
    let out = xtask(dir.path(), &["sync", "--write", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let note =
        "note: 9001 is still a scaffold in errors.yaml: write its text, then `cargo xtask gen`";
    let out = xtask(dir.path(), &["sync", path.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.lines().any(|l| l == note), "{stdout}");
    assert_eq!(
        xtask(dir.path(), &["gen"]).status.code(),
        Some(1),
        "gen refuses it"
    );
    let catalogue = fs::read_to_string(dir.path().join("errors.yaml")).unwrap();
    let written: String = catalogue
        .lines()
        .map(|l| match l.trim_start() {
            t if t.starts_with("name: TODO") => "    name: code_9001".to_string(),
            t if t.starts_with("retry: TODO") => "    retry: true".to_string(),
            t if t.starts_with("TODO: say what 9001 means") => "      Our words for 9001.".into(),
            t if t.starts_with("TODO: say what to do") => "      What to do about 9001.".into(),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!written.contains("TODO"), "{written}");
    fs::write(dir.path().join("errors.yaml"), written + "\n").unwrap();
    let out = xtask(dir.path(), &["sync", path.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(!stdout.contains("note:"), "{stdout}");
    assert!(stdout.starts_with("in step: "), "{stdout}");
}

/// A code added and scaffolded, then gone from the page before its text was written, is a
/// scaffold to delete (it was never generated, so deleting it breaks nobody), not a code to
/// retire (it said "mark it `retired: <why>` ... (never delete it)"); once deleted and the page
/// recorded, the page reads in step.
#[test]
fn a_scaffold_whose_code_left_the_page_is_to_delete_not_retire() {
    let (dir, varied) = project_and_9001_added(None);
    let pages = tempfile::tempdir().unwrap();
    let path = pages.path().join("page.txt");
    fs::write(&path, as_text(&varied)).unwrap();
    assert_eq!(
        xtask(dir.path(), &["sync", "--write", path.to_str().unwrap()])
            .status
            .code(),
        Some(1)
    );
    let official = fixture("page.txt");
    assert_eq!(
        sync(dir.path(), official.as_bytes(), "page.txt"),
        (
            1,
            vec![
                "9001: gone from the page before its scaffold was written; delete the scaffold from errors.yaml"
                    .to_string()
            ]
        )
    );
    // Nor is it noted as a scaffold to write.
    fs::write(&path, &official).unwrap();
    let out = xtask(dir.path(), &["sync", path.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains("note:"), "{stdout}");
    let catalogue = fs::read_to_string(dir.path().join("errors.yaml")).unwrap();
    let at = catalogue.find("  - code: \"9001\"").unwrap();
    fs::write(dir.path().join("errors.yaml"), &catalogue[..at]).unwrap();
    let out = xtask(dir.path(), &["sync", "--write", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        sync(dir.path(), official.as_bytes(), "page.txt"),
        (0, vec![])
    );
}

/// `text` as pandoc's Markdown writes it where the page marks each identifier up as
/// `<code class="fn">`: a code span with its attributes (`` `tel_list_numbers`{.fn} ``).
fn identifiers_as_code(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let core = word.trim_end_matches(['.', ',', ')']);
            let identifier =
                core.contains('_') && core.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if identifier {
                word.replacen(core, &format!("`{core}`{{.fn}}"), 1)
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A code span's attributes are markup, as a link's or a span's are: the page as pandoc's
/// Markdown whose identifiers were `<code class="fn">` reads in step (the attributes were read
/// as wording: 24 entries' "wording changed", exit 1).
#[test]
fn code_spans_with_pandoc_attributes_read_as_their_text() {
    let coded = |entries: &[PageEntry]| {
        let mut coded = entries.to_vec();
        for e in &mut coded {
            e.description = identifiers_as_code(&e.description);
            e.remedy = e.remedy.as_deref().map(identifiers_as_code);
        }
        as_pandoc_markdown(&coded)
    };
    // Braces that open a code span are the page's own text, not a closed span's attributes.
    in_step_then_named(
        &coded,
        "`tel_list_numbers`{.fn} function",
        &|entries| {
            let e = entry(entries, 300);
            e.remedy = e
                .remedy
                .take()
                .map(|r| r.replacen("tel_list_numbers", "`{.fn}tel_list_numbers`", 1));
        },
        &["0300: wording changed (remedy); re-read it on the page and check the entry says the same"],
    );
}

/// `entries` as pandoc's Markdown writes the page laid out as one table: a simple table, its
/// columns set by the dash runs under the heading, each row on one line, the first word of each
/// description in a span (`[The]{.w}`, from `<span class="w">`).
fn as_simple_table(entries: &[PageEntry]) -> String {
    let rows: Vec<[String; 4]> = entries
        .iter()
        .map(|e| {
            let (first, rest) = e.description.split_once(' ').unwrap();
            [
                format!("{:04}", e.code),
                format!("[{first}]{{.w}} {rest}"),
                e.http.map_or(String::new(), |s| s.to_string()),
                e.remedy.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let head = ["Error Code", "Description", "HTTP Error code", "Remedy"].map(str::to_string);
    let widths: Vec<usize> = (0..4)
        .map(|k| {
            rows.iter()
                .chain([&head])
                .map(|r| r[k].chars().count())
                .max()
                .unwrap()
        })
        .collect();
    let line = |cells: &[String; 4]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, &w)| format!("{c:w$}"))
            .collect();
        format!("  {}", padded.join("   ")).trim_end().to_string()
    };
    let dashes: Vec<String> = widths.iter().map(|&w| "-".repeat(w + 2)).collect();
    let mut out = format!(
        "# Web Service Errors\n\n## Error Codes\n\n{}\n  {}\n",
        line(&head),
        dashes.join(" ")
    );
    for row in &rows {
        out += &line(row);
        out.push('\n');
    }
    out + "\n## Error Responses\n\nAll web service API\\'s can respond with JSON objects.\n"
}

/// A span's attributes are dropped from a simple table's cell without moving the columns after
/// it: the page as one pandoc table reads in step and names a change (the columns were cut
/// where the row, shortened, no longer had them: "0002 has an HTTP status that cannot be
/// read", exit 2).
#[test]
fn attributes_dropped_in_a_simple_table_move_no_column() {
    in_step_then_named(
        &as_simple_table,
        "\n  0405         [The]{.w} token provided",
        &|entries| {
            entry(entries, 405).http = Some(410);
            entry(entries, 2027).remedy = None;
        },
        &[
            "0405: HTTP status changed: 404 -> 410",
            "2027: remedy gone from the page; remove the entry's `remedy`",
        ],
    );
}

/// `entries` as pandoc's `gfm` writes a page whose entries are `<div>`s that it keeps as raw
/// HTML, each code a link whose tag it wraps over two lines (`<a href="?error=0405"
/// data-toggle="collapse"` / `data-target="#d0405">0405</a> : ...`), the status and remedy in
/// a collapsed `<div>` under Markdown headings.
fn as_gfm_with_wrapped_links(entries: &[PageEntry]) -> String {
    let mut out = String::from("# Web Service Errors\n\n## Error Codes\n\n");
    for e in entries {
        out += &format!(
            "<div id=\"e{0:04}\" class=\"error\">\n\n<a href=\"?error={0:04}\" data-toggle=\"collapse\"\n\
             data-target=\"#d{0:04}\">{0:04}</a> : {1}\n\n<div id=\"d{0:04}\" class=\"collapse\">\n\n",
            e.code, e.description
        );
        if let Some(status) = e.http {
            out += &format!("#### HTTP Error code\n\n{status}\n\n");
        }
        if let Some(remedy) = &e.remedy {
            out += &format!("#### Remedy\n\n{remedy}\n\n");
        }
        out += "</div>\n\n</div>\n\n";
    }
    out + "## Error Responses\n\nAll web service API's can respond with JSON objects.\n"
}

/// Markdown whose raw HTML has a tag wrapped over lines is Markdown: the page as `gfm` with
/// each code's link wrapped reads in step and names a change (it was read as HTML, where the
/// Markdown headings ran into one paragraph: 120 remedies "gone", exit 1).
#[test]
fn markdown_with_a_tag_wrapped_over_lines_reads_as_markdown() {
    in_step_then_named(
        &as_gfm_with_wrapped_links,
        "\"collapse\"\ndata-target=\"#d0405\">0405</a> : The token",
        &|entries| entry(entries, 1).remedy = None,
        &["0001: remedy gone from the page; remove the entry's `remedy`"],
    );
}

/// `entries` as HTML whose part after the codes has a label's words in a sentence, after
/// emphasis (`or <em>an</em> HTTP status <em>code</em>`), and examples headed with them in
/// emphasis of their own (`<h5>Single <b>HTTP status code</b></h5>`, `<h5><span>Single</span>
/// HTTP status code</h5>`).
fn with_example_headings(entries: &[PageEntry]) -> String {
    as_html(entries).replace(
        "</main>",
        "<table><tr><td>code</td><td>Either an Error Code, or <em>an</em> HTTP status <em>code</em></td></tr></table>\
         <p>Examples:</p><h5>Single <b>HTTP status code</b></h5>\n<pre>{\n  \"error\": {\"code\": \"HTTP 400\"}\n}</pre>\n\
         <h5><span>Single</span>\nHTTP status code</h5>\n<pre>{\"code\": \"HTTP 404\"}</pre></main>",
    )
}

/// A label's words that end a paragraph's text are no label: the page whose examples are
/// headed `Single <b>HTTP status code</b>` reads in step and names a change (the example was
/// read as the last code's status: "2027 has an HTTP status that cannot be read", exit 2).
#[test]
fn a_label_after_text_in_its_paragraph_is_no_label() {
    in_step_then_named(
        &with_example_headings,
        "<h5>Single <b>HTTP status code</b></h5>",
        &|entries| entry(entries, 2027).remedy = None,
        &["2027: remedy gone from the page; remove the entry's `remedy`"],
    );
}
