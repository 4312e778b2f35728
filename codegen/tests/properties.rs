//! Random text in every field of a catalogue is either refused, every problem at a line of the
//! file, or accepted and rendered safely: the Rust parses, the JSON holds the text exactly and
//! matches its schema, and the Markdown holds no HTML and no link but plain https ones. (`tests/escaping.rs` compiles and
//! documents a catalogue holding every trap at once.)

mod common;

use codegen::text::is_plain_https_url;
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag};

/// Text that mixes what Markdown, HTML, YAML and Rust treat specially with what no output can
/// show, and ordinary words.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[-#>*_`<>\\[\\](){}|&!:/.=+~$%;@\\\\ a-z0-9\n\té日🎉\"']{1,30}",
        2 => "(https?|javascript|data)://[a-z<>\\[\\]\"' .(){}/?=&%-]{0,20}",
        1 => "[a-z \r\u{202E}\u{2028}\u{85}\u{7}]{0,10}",
        1 => any::<String>(),
    ]
}

/// A `links` template that is a URL, or nearly one: odd hosts, ports, paths and escapes.
fn link() -> impl Strategy<Value = String> {
    "https://([a-z0-9-]{1,6}\\.){0,2}[a-zA-Z0-9-]{1,6}(:0{0,3}[1-9][0-9]{0,4})?(/[a-zA-Z0-9._~!$&'()*+,;=:@%?#-]{0,8})?\\{code\\}[a-z0-9.%#&;?=-]{0,6}"
}

/// The export's schema, compiled once.
fn schema() -> &'static (boon::Schemas, boon::SchemaIndex) {
    static SCHEMA: std::sync::OnceLock<(boon::Schemas, boon::SchemaIndex)> =
        std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        common::compile_schema(serde_json::from_str(&codegen::schema::render()).unwrap())
    })
}

/// A name: mostly snake_case-ish, sometimes anything.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-z][a-z0-9]{0,6}(_[a-z0-9]{1,4}){0,2}",
        2 => "(self|crate|super|all|a_l_l|r#x|Self|_x|x__y|a1|a_1)",
        1 => any::<String>(),
    ]
}

/// `s` as a YAML double-quoted scalar, so the field holds exactly `s`.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' || c == '\u{FEFF}' => {
                out.push_str(&format!("\\U{:08X}", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[derive(Debug, Clone)]
struct Fields {
    links: String,
    id: String,
    title: String,
    cat_description: String,
    name: String,
    alias: String,
    description: String,
    remedy: String,
    retired: String,
    /// Written plain (unquoted) rather than quoted, to reach the YAML parser itself.
    raw: bool,
}

fn fields() -> impl Strategy<Value = Fields> {
    (
        prop_oneof![4 => Just("https://x.y/{code}".to_string()), 1 => text()],
        name(),
        (text(), text()),
        (name(), name()),
        (text(), text(), text()),
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |(
                links,
                id,
                (title, cat_description),
                (name, alias),
                (description, remedy, retired),
                raw,
            )| Fields {
                links,
                id,
                title,
                cat_description,
                name,
                alias,
                description,
                remedy,
                retired,
                raw,
            },
        )
}

fn catalogue(f: &Fields) -> String {
    let q = |s: &str| if f.raw { s.to_string() } else { quoted(s) };
    format!(
        "links: {}\ncategories:\n  - id: {}\n    title: {}\n    range: \"0000-0099\"\n    description: {}\nerrors:\n  - code: \"0001\"\n    name: {}\n    http: 400\n    category: {}\n    retry: false\n    description: {}\n    remedy: {}\n    aliases: [{}]\n    retired: {}\n",
        quoted(&f.links),
        q(&f.id),
        q(&f.title),
        q(&f.cat_description),
        q(&f.name),
        q(&f.id),
        q(&f.description),
        q(&f.remedy),
        quoted(&f.alias),
        q(&f.retired),
    )
}

/// Fails on raw HTML and on links that are not plain https URLs (the generator's own
/// anchors, relative and intra-doc links aside).
fn check_markdown(md: &str) -> Result<(), String> {
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) if !h.starts_with("<!-- @generated") => {
                return Err(format!("raw HTML {h:?}"))
            }
            Event::Start(Tag::Link { dest_url, .. })
                if !dest_url.starts_with(['#', '.'])
                    && !dest_url.starts_with("crate::")
                    && !is_plain_https_url(&dest_url) =>
            {
                return Err(format!("link to {dest_url:?}"))
            }
            Event::Start(Tag::Image { .. }) => return Err("an image".into()),
            _ => {}
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_refused_at_a_line_or_rendered_safely(f in fields()) {
        let text = catalogue(&f);
        let lines = text.lines().count();
        match codegen::load(&text) {
            Err(problems) => {
                prop_assert!(!problems.0.is_empty());
                for p in &problems.0 {
                    prop_assert!((1..=lines + 1).contains(&p.line), "line {} of {lines}: {}", p.line, p.message);
                }
            }
            Ok(cat) => {
                let files = codegen::render(&cat);
                let rust = &files.iter().find(|f| f.path == codegen::RUST_FILE).unwrap().contents;
                prop_assert!(syn::parse_file(rust).is_ok());
                let json = &files.iter().find(|f| f.path == codegen::JSON_FILE).unwrap().contents;
                let json: serde_json::Value = serde_json::from_str(json).unwrap();
                prop_assert_eq!(json["errors"][0]["description"].as_str(), Some(cat.entries[0].description.as_str()));
                // Whatever is accepted is an export its own schema accepts.
                let (schemas, index) = schema();
                if let Err(e) = schemas.validate(&json, *index) {
                    prop_assert!(false, "the export does not match its schema: {e}");
                }
                let md = &files.iter().find(|f| f.path == codegen::MARKDOWN_FILE).unwrap().contents;
                prop_assert_eq!(check_markdown(md), Ok(()));
                // The rustdoc of the variant is Markdown too.
                let docs: String = rust.lines().filter_map(|l| l.trim().strip_prefix("///")).collect::<Vec<_>>().join("\n");
                prop_assert_eq!(check_markdown(&docs), Ok(()));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// A `links` template, in an otherwise valid catalogue, is refused at its line, or every
    /// code's link is one the export's schema and the Markdown take as a plain https URL.
    #[test]
    fn any_link_is_refused_at_its_line_or_a_plain_url_everywhere(links in link()) {
        let f = Fields {
            links,
            id: "request".into(),
            title: "Request".into(),
            cat_description: "Requests.".into(),
            name: "missing_parameter".into(),
            alias: "old_name".into(),
            description: "A parameter is missing.".into(),
            remedy: "Add it.".into(),
            retired: "No longer sent.".into(),
            raw: false,
        };
        match codegen::load(&catalogue(&f)) {
            Err(problems) => {
                let lines: Vec<usize> = problems.0.iter().map(|p| p.line).collect();
                prop_assert_eq!(lines, vec![1], "{}", problems);
            }
            Ok(cat) => {
                let files = codegen::render(&cat);
                let file = |path| &files.iter().find(|f| f.path == path).unwrap().contents;
                let json: serde_json::Value = serde_json::from_str(file(codegen::JSON_FILE)).unwrap();
                let (schemas, index) = schema();
                if let Err(e) = schemas.validate(&json, *index) {
                    prop_assert!(false, "the export does not match its schema: {e}");
                }
                prop_assert_eq!(check_markdown(file(codegen::MARKDOWN_FILE)), Ok(()));
            }
        }
    }
}

/// Prose made of the pieces Markdown readers treat specially, side by side: e-mail addresses,
/// emoji shortcodes, URLs, bare domains, escapes, entities, delimiter runs and block starts.
fn prose() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "https://x.example/",
        "https://x.example/a_(b)",
        "https://x.example/%41",
        "https://xn--a.example/",
        "https://x.example/it's",
        "http://",
        "www.",
        "x.example",
        "e\u{301}.co",
        "a@b.co",
        "_a@b.co",
        "+@.co",
        ":+1:",
        ":smile:",
        "_",
        "__",
        "*",
        "`",
        "``",
        "~~",
        "^",
        "[",
        "]",
        "[^1]",
        "(",
        ")",
        "<",
        ">",
        "<!--",
        "&amp;",
        "&#65;",
        "&",
        "\\",
        "|",
        "#",
        "!",
        "$",
        "-",
        "--",
        "+",
        "=",
        "1.",
        "1)",
        ".",
        "...",
        ",,",
        "(c)",
        "+-",
        "??",
        "'",
        "\"",
        ":",
        "//",
        " ",
        " ",
        "\n",
        "\n- ",
        "\n# ",
        "\n    ",
        "\t",
        "a",
        "x1",
        "é",
        "\u{a0}",
    ]);
    prop::collection::vec(piece, 1..12).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    /// Prose written as Markdown reads back as itself (a line break or tab as a space), with
    /// every extension rustdoc and GitHub turn on, smart punctuation among them: no markup, no
    /// HTML, and no link but to a plain https URL that the text holds.
    #[test]
    fn prose_renders_as_its_own_text(s in prose()) {
        let s = s.trim();
        prop_assume!(!s.is_empty());
        let md = codegen::text::markdown(s);
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_SMART_PUNCTUATION
            | Options::ENABLE_GFM
            | Options::ENABLE_MATH
            | Options::ENABLE_SUPERSCRIPT
            | Options::ENABLE_SUBSCRIPT
            | Options::ENABLE_WIKILINKS;
        let mut shown = String::new();
        for event in Parser::new_ext(&md, options) {
            match event {
                Event::Text(t) | Event::Code(t) => shown.push_str(&t),
                Event::SoftBreak | Event::HardBreak => shown.push(' '),
                Event::Start(Tag::Paragraph) | Event::End(_) => {}
                Event::Start(Tag::Link { dest_url, .. }) => {
                    prop_assert!(is_plain_https_url(&dest_url) && s.contains(&*dest_url), "{md}: a link to {dest_url}");
                }
                other => prop_assert!(false, "{md}: {other:?}"),
            }
        }
        prop_assert_eq!(shown, s.replace(['\n', '\t'], " "), "{}", md);
    }
}
