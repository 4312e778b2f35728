//! Text that every output could misread (`tests/escaping/errors.yaml`) reaches every output
//! intact: the JSON holds it exactly, the Markdown renders it as text with the table's cells
//! kept, and the generated Rust compiles, documents and lints without warnings and returns it
//! unchanged.

use std::fs;
use std::path::Path;
use std::process::Command;

use codegen::{Catalogue, GeneratedFile};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn fixture() -> (Catalogue, Vec<GeneratedFile>) {
    fixture_of(&fixture_text())
}

fn fixture_text() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/escaping/errors.yaml"))
        .unwrap()
}

fn fixture_of(text: &str) -> (Catalogue, Vec<GeneratedFile>) {
    let cat = codegen::load(text).unwrap_or_else(|d| panic!("{d}"));
    let files = codegen::render(&cat);
    (cat, files)
}

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    &files.iter().find(|f| f.path == path).unwrap().contents
}

/// How Markdown shows the text: line breaks and tabs become spaces.
fn as_rendered(s: &str) -> String {
    s.replace(['\n', '\r', '\t'], " ")
}

#[test]
fn json_holds_every_text_exactly() {
    let (cat, files) = fixture();
    let json: serde_json::Value = serde_json::from_str(file(&files, codegen::JSON_FILE)).unwrap();
    for (e, out) in cat.entries.iter().zip(json["errors"].as_array().unwrap()) {
        assert_eq!(out["description"], e.description.as_str());
        assert_eq!(out["remedy"].as_str(), e.remedy.as_deref());
        assert_eq!(out["retired"].as_str(), e.retired.as_deref());
        assert_eq!(out["doc_url"], cat.doc_url(e).as_str());
    }
    assert_eq!(
        json["categories"][0]["title"],
        cat.categories[0].title.as_str()
    );
}

/// The blocks of a Markdown document as plain text, with the kind of each; fails on raw HTML.
fn blocks(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut text = String::new();
    // GitHub's extensions and the ones rustdoc turns on, and more: any of them misreading the
    // text shows here.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
        | Options::ENABLE_MATH
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
        | Options::ENABLE_WIKILINKS;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Html(h) | Event::InlineHtml(h) if !h.starts_with("<!-- @generated") => {
                panic!("text was read as HTML: {h:?}")
            }
            Event::End(
                end @ (TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item),
            ) => {
                out.push((format!("{end:?}"), std::mem::take(&mut text)));
            }
            Event::Start(Tag::Strikethrough)
            | Event::Start(Tag::Emphasis)
            | Event::Start(Tag::Image { .. })
            | Event::Start(Tag::Superscript)
            | Event::Start(Tag::Subscript)
            | Event::Start(Tag::FootnoteDefinition(_))
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {
                panic!("text was read as markup: {event:?}")
            }
            _ => {}
        }
    }
    out
}

#[test]
fn markdown_renders_every_text_and_keeps_the_table_cells() {
    let (cat, files) = fixture();
    let blocks = blocks(file(&files, codegen::MARKDOWN_FILE));
    let cells: Vec<&str> = blocks
        .iter()
        .filter(|(k, _)| k == "TableCell")
        .map(|(_, t)| t.as_str())
        .collect();
    // The field table of the introduction has 3 columns and 7 rows plus the header; then the
    // summary table: 5 columns, a header and one row per entry.
    let summary = &cells[24..];
    assert_eq!(summary.len(), 5 * (1 + cat.entries.len()), "{summary:#?}");
    for (row, e) in summary.chunks(5).skip(1).zip(&cat.entries) {
        assert_eq!(row[0], e.code_str());
        assert_eq!(row[1], e.name);
        assert_eq!(row[4], as_rendered(e.summary()).trim_end());
    }
    let texts: Vec<&str> = blocks.iter().map(|(_, t)| t.as_str()).collect();
    for e in &cat.entries {
        let heading = format!("{} {}", e.code_str(), e.name);
        let at = texts
            .iter()
            .position(|t| *t == heading)
            .unwrap_or_else(|| panic!("no heading {heading:?}"));
        assert_eq!(texts[at + 1], as_rendered(&e.description).trim_end());
        if let Some(remedy) = &e.remedy {
            assert_eq!(
                texts[at + 2],
                format!("Remedy: {}", as_rendered(remedy).trim_end())
            );
        }
        if let Some(note) = &e.retired {
            assert!(texts.contains(&format!("Retired: {}", as_rendered(note)).as_str()));
        }
    }
    for c in &cat.categories {
        assert!(texts.contains(&c.title.as_str()), "{}", c.title);
    }
}

/// Copies the files of `from` into `to`, recursively.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let dest = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &dest);
        } else {
            fs::copy(&path, &dest).unwrap();
        }
    }
}

/// Builds a scratch copy of `aculab-errors` around the generated module, in a temporary
/// directory (never under the repository).
fn scratch_crate(cat: &Catalogue, generated: &str) -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    copy_tree(&root.join("aculab-errors/src"), &dir.join("src"));
    fs::create_dir_all(dir.join("tests")).unwrap();
    fs::copy(root.join("aculab-errors/README.md"), dir.join("README.md")).unwrap();
    fs::write(dir.join("src/generated.rs"), generated).unwrap();
    // Default features only; the optional ones need dependencies this check does not fetch.
    fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"aculab-errors\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n\
         [features]\ndefault = [\"std\"]\nstd = [\"alloc\"]\nalloc = []\n\n\
         [lints.rust]\nunexpected_cfgs = \"allow\"\n",
    )
    .unwrap();

    let first = &cat.entries[0];
    let mut test = String::from("#![allow(deprecated)]\nuse aculab_errors::*;\n\n#[test]\nfn texts_come_back_unchanged() {\n");
    for e in &cat.entries {
        test += &format!("    let c = ErrorCode::from_u16({}).unwrap();\n", e.code);
        test += &format!("    assert_eq!(c.description(), {:?});\n", e.description);
        test += &format!("    assert_eq!(c.remedy(), {:?});\n", e.remedy.as_deref());
        test += &format!("    assert_eq!(c.retired(), {:?});\n", e.retired.as_deref());
        test += &format!("    assert_eq!(c.name(), {:?});\n", e.name);
        test += &format!("    assert_eq!(c.doc_url(), {:?});\n", cat.doc_url(e));
    }
    for (c, category) in cat
        .categories
        .iter()
        .zip(["RequestValidation", "CallEvents"])
    {
        test += &format!(
            "    assert_eq!(Category::{category}.title(), {:?});\n",
            c.title
        );
        test += &format!(
            "    assert_eq!(Category::{category}.description(), {:?});\n",
            c.description
        );
    }
    // Aliases work as values and as patterns, for the enum and the raw-number consts.
    test += "    assert_eq!(ErrorCode::OldHostileText, ErrorCode::HostileText);\n";
    test += &format!(
        "    assert_eq!(codes::OLDER_HOSTILE_TEXT, {});\n",
        first.code
    );
    test += "    assert!(matches!(ErrorCode::HostileText, ErrorCode::OlderHostileText));\n}\n";
    fs::write(dir.join("tests/texts.rs"), test).unwrap();
    tmp
}

fn cargo(dir: &Path, args: &[&str], flags: (&str, &str)) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env(flags.0, flags.1)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cargo {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn generated_rust_compiles_documents_cleanly_and_returns_every_text() {
    // With the highest code there can be, so that the crate's tables are as large as they get
    // (past code 2046, clippy refused the dense index as a `const` over 16 KiB). Added here, not
    // in the fixture, whose codes the site's tests find in the crate's own catalogue.
    let text = fixture_text().replace("range: \"2000-2099\"", "range: \"2000-9999\"")
        + "\n  - code: \"9999\"\n    name: the_highest_code\n    category: call_events\n    \
           retry: false\n    description: The highest code there can be.\n";
    let (cat, files) = fixture_of(&text);
    assert!(cat.entries.iter().any(|e| e.code == 9999));
    let tmp = scratch_crate(&cat, file(&files, codegen::RUST_FILE));
    let dir = tmp.path();
    cargo(
        dir,
        &["test", "--quiet", "--tests"],
        ("RUSTFLAGS", "-D warnings"),
    );
    cargo(
        dir,
        &["doc", "--quiet", "--no-deps"],
        ("RUSTDOCFLAGS", "-D warnings"),
    );
    // As CI lints the crate: a tab in a text made a doc comment clippy refuses.
    cargo(
        dir,
        &["clippy", "--quiet", "--", "-D", "warnings"],
        ("RUSTFLAGS", ""),
    );
}

/// A linkifier that reads bare domains (markdown-it's `linkify`, in its `gfm-like` preset and in
/// VS Code's preview) scans each run of text between escapes, links and code spans, and makes
/// `example.com` a link to http://example.com, `//host` a protocol-relative one and `mailto:`
/// with any address (`mailto:x@y`) a mail link: no run of text outside a link holds any of them
/// (the fixture's `www.example.com` left `example.com`; `:tada://127.0.0.1` left `//127.0.0.1`
/// after the code span `:tada:`).
#[test]
fn no_bare_domain_is_left_for_a_linkifier() {
    let (_, files) = fixture();
    let markdown = file(&files, codegen::MARKDOWN_FILE);
    let mut in_link = 0;
    let mut runs = 0;
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_GFM);
    for (event, at) in parser.into_offset_iter() {
        match event {
            // A link's text, and a code block's, is no linkifier's.
            Event::Start(Tag::Link { .. } | Tag::CodeBlock(_)) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::CodeBlock) => in_link -= 1,
            Event::Text(run) if in_link == 0 => {
                runs += 1;
                let chars: Vec<char> = run.chars().collect();
                let domain = chars
                    .windows(3)
                    .any(|w| w[0].is_alphanumeric() && w[1] == '.' && w[2].is_alphabetic());
                // After a `:` (escaped, so that no scheme is read), no linkifier reads `//`; nor
                // where the first `/` is escaped (the run starts right after the backslash).
                let escaped = markdown[..at.start].ends_with('\\');
                let host = run
                    .match_indices("//")
                    .any(|(i, _)| !(run[..i].ends_with(':') || i == 0 && escaped));
                let mailto = run.to_ascii_lowercase().contains("mailto:");
                assert!(!domain && !host && !mailto, "{run:?}");
            }
            _ => {}
        }
    }
    assert!(runs > 100, "{runs}");
}

/// The e-mail addresses GitHub's autolinker (cmark-gfm's) links in `text`, a run of text as it
/// reads one: escapes undone, ended only by a code span or a link. An address is a name of
/// letters, digits and `.+-_` (or `mailto:` or `xmpp:`, with or without a name before the `@`),
/// an `@`, and a domain with a dot followed by a letter or digit that ends in a letter or a dot.
fn github_e_mail_links(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let name_byte = |c: u8| c.is_ascii_alphanumeric() || b".+-_".contains(&c);
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let mut start = at;
        loop {
            if start > 0 && name_byte(b[start - 1]) {
                start -= 1;
            } else if let Some(s) = ["mailto:", "xmpp:"]
                .iter()
                .find(|s| text[..start].ends_with(*s))
            {
                start -= s.len();
            } else {
                break;
            }
        }
        let mut end = at + 1;
        let mut dots = 0;
        while end < b.len() {
            match b[end] {
                c if c.is_ascii_alphanumeric() || c == b'-' || c == b'_' => {}
                b'.' if b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric) => dots += 1,
                _ => break,
            }
            end += 1;
        }
        let last = b[end - 1];
        // A name or a scheme before the `@`.
        if start < at && dots > 0 && (last.is_ascii_alphabetic() || last == b'.') {
            found.push(text[start..end].to_string());
        }
    }
    found
}

/// No e-mail address is left in the Markdown for GitHub to link: each is in a code span, and
/// no run of text (which a code span ends, and an escape does not) holds one, however it
/// starts (`mailto:@evil.example` has no name; `.@evil.example` starts after a code span).
#[test]
fn no_e_mail_address_is_left_for_github() {
    let (_, files) = fixture();
    let markdown = file(&files, codegen::MARKDOWN_FILE);
    let mut in_link = 0;
    let mut run = String::new();
    let mut runs = Vec::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_GFM) {
        match event {
            Event::Text(t) => {
                if in_link == 0 {
                    run.push_str(&t);
                }
                continue;
            }
            Event::Start(Tag::Link { .. } | Tag::CodeBlock(_)) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::CodeBlock) => in_link -= 1,
            _ => {}
        }
        runs.push(std::mem::take(&mut run));
    }
    assert!(runs.iter().any(|r| r.contains("mailto:")), "{runs:?}");
    let linked: Vec<String> = runs.iter().flat_map(|r| github_e_mail_links(r)).collect();
    assert!(linked.is_empty(), "{linked:?}");
}

/// Each entry's official page, in the Markdown, is a link that shows its URL as written, even
/// where markdown-it would show an autolink's text decoded (`%41` as `A`, an `xn--` host in
/// Unicode, a `'` curled): then its text is the URL escaped.
#[test]
fn the_official_page_shows_its_url_as_written() {
    let text = fixture_text().replace(
        "links: \"https://example.com/errors?error={code}&lang=en_GB\"",
        "links: \"https://xn--bcher-kva.example/a%41'b?error={code}\"",
    );
    let (_, files) = fixture_of(&text);
    let markdown = file(&files, codegen::MARKDOWN_FILE);
    assert!(
        markdown.contains(
            r"- Official page: [https\://xn\-\-bcher-kva\.example/a%41\'b?error=0001](<https://xn--bcher-kva.example/a%41'b?error=0001>)"
        ),
        "{markdown}"
    );
    let (_, files) = fixture();
    assert!(file(&files, codegen::MARKDOWN_FILE)
        .contains("- Official page: <https://example.com/errors?error=0001&lang=en_GB>"));
}
