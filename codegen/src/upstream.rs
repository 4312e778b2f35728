//! Aculab's official error page → per-code facts; the provenance record; drift between them.
//!
//! Pure functions, so `cargo xtask sync` ([`crate`]'s only caller that touches files) can be
//! tested without I/O:
//! - [`parse_page`]: the page, saved as text or as HTML, → one [`PageEntry`] per code. HTML is
//!   read by a linear scanner: script, style and other non-text elements are dropped, block
//!   elements end a paragraph, entities are decoded (every HTML5 entity, by `html-escape`), and
//!   whitespace collapses, so the HTML page and its text rendering give the same entries. A
//!   page saved as a single file (MHTML) is read as the HTML it holds.
//! - [`Record`]: `upstream.tsv`, what the page said per code as facts (HTTP status, whether a
//!   remedy is given) and a [`fingerprint`] of its normalised wording, never the wording itself,
//!   plus the date the page was last checked.
//! - [`catalogue_codes`]: the codes of `errors.yaml` with their facts, read leniently (a
//!   catalogue holding sync's placeholders still reads).
//! - [`drift`]: what changed, code by code; [`scaffold`]: the catalogue with added codes in a
//!   form `gen` refuses until a person writes their text.

use std::collections::BTreeMap;
use std::fmt;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::yaml::{self, Node, Plain, Value};

/// The provenance record's path, relative to the workspace root.
pub const RECORD_FILE: &str = "upstream.tsv";

/// The largest page read, in bytes (the real one is about 40 KB as text).
pub const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// What every placeholder `sync --write` puts in the catalogue starts with; `gen` refuses it.
pub const PLACEHOLDER: &str = "TODO";

/// One code as the official page gives it, its texts normalised ([`normalise`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageEntry {
    /// The numeric code.
    pub code: u16,
    /// The HTTP status given, if any.
    pub http: Option<u16>,
    /// What the page says the code means.
    pub description: String,
    /// The remedy, where the page gives one.
    pub remedy: Option<String>,
}

/// The official page as read: its entries in page order, and codes it lists more than once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// One entry per code (the first, where a code is listed twice).
    pub entries: Vec<PageEntry>,
    /// Codes listed more than once, each time alike.
    pub repeated: Vec<u16>,
    /// What could not be read with certainty, by code: a status given twice or unreadable, a
    /// remedy given twice, a heading that is not a four-digit code, a code listed twice with
    /// different facts, a heading that cannot be read. `sync` compares nothing from such a page
    /// rather than guess. At most [`MAX_UNCLEAR`], in page order; the rest are counted.
    pub unclear: Vec<Unclear>,
    /// How many more things could not be read with certainty than `unclear` holds.
    pub unclear_more: usize,
}

/// How many things that cannot be read with certainty a [`Page`] keeps; the rest are counted,
/// so that a page of millions of one mistake costs no more memory, or output, than a few.
pub const MAX_UNCLEAR: usize = 20;

impl Page {
    /// Keeps `u`, or counts it once [`MAX_UNCLEAR`] are kept.
    fn note(&mut self, u: Unclear) {
        if self.unclear.len() < MAX_UNCLEAR {
            self.unclear.push(u);
        } else {
            self.unclear_more += 1;
        }
    }
}

/// One thing on the page that cannot be read with certainty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unclear {
    /// The code it concerns: the entry's, or the code a heading that cannot be read names.
    pub code: u16,
    /// Its line in a text page (1-based); `None` in an HTML page.
    pub line: Option<usize>,
    /// What cannot be read, to follow the code: "gives its HTTP status twice".
    pub what: String,
}

/// Why a page gives nothing to compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageError {
    /// Larger than [`MAX_PAGE_BYTES`].
    TooLarge(usize),
    /// Holds NUL bytes: not a saved web page.
    Binary,
    /// No `NNNN : text` entry found.
    NoCodes,
}

impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PageError::TooLarge(n) => write!(
                f,
                "the page is {n} bytes, more than the {MAX_PAGE_BYTES} bytes (16 MiB) read"
            ),
            PageError::Binary => write!(f, "the page holds NUL bytes; save it as text or HTML"),
            PageError::NoCodes => write!(
                f,
                "no error codes found; expected entries such as \"0405 : <text>\" followed by \"HTTP Error code\" and \"Remedy\""
            ),
        }
    }
}

/// Reads the official page, as text or as HTML, into one entry per code.
pub fn parse_page(bytes: &[u8]) -> Result<Page, PageError> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(PageError::TooLarge(bytes.len()));
    }
    // A page saved as one file with what it links to (MHTML) is read as the HTML it holds.
    let document = mhtml_document(bytes);
    let bytes = document.as_deref().unwrap_or(bytes);
    // A page saved as UTF-16 is text too: with its byte-order mark, or without one (`iconv -t
    // UTF-16LE`), when nearly every character of its start is ASCII, a zero byte beside it.
    let utf16 = match bytes {
        [0xff, 0xfe, rest @ ..] => Some(UTF_16LE.decode_without_bom_handling(rest).0),
        [0xfe, 0xff, rest @ ..] => Some(UTF_16BE.decode_without_bom_handling(rest).0),
        _ => match utf16_without_bom(bytes) {
            Some(true) => Some(UTF_16LE.decode_without_bom_handling(bytes).0),
            Some(false) => Some(UTF_16BE.decode_without_bom_handling(bytes).0),
            None => None,
        },
    };
    let bytes = utf16.as_ref().map_or(bytes, |s| s.as_bytes());
    if bytes.contains(&0) {
        return Err(PageError::Binary);
    }
    let text = decode(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let markdown = markdown_with_html(text);
    let html = !markdown && looks_like_html(text);
    let mut paragraphs = if html {
        let text = html_to_text(text);
        let lines: Vec<Line<'_>> = text
            .lines()
            .enumerate()
            .map(|(n, l)| (l.into(), false, n + 1))
            .collect();
        paragraphs(&lines, false)
    } else {
        let text = if markdown {
            strip_tags(text).into()
        } else {
            std::borrow::Cow::Borrowed(text)
        };
        let text = drop_attributes(&text);
        let lines: Vec<Line<'_>> = text_lines(&text)
            .enumerate()
            .map(|(n, (l, ends))| (l.into(), ends, n + 1))
            .collect();
        paragraphs(&text_tables(without_running_heads(lines)), true)
    };
    if html {
        // Lines of the text the HTML was turned into are no lines of the page.
        paragraphs.iter_mut().for_each(|p| p.line = None);
    }
    let page = entries(&paragraphs);
    if page.entries.is_empty() {
        return Err(PageError::NoCodes);
    }
    Ok(page)
}

/// The HTML document of a page saved as a single file (MHTML, RFC 2557: Chrome's "Webpage,
/// Single File", `.mhtml` or `.mht`), its transfer encoding (quoted-printable, base64)
/// undone; `None` for any other page. It is a MIME message: headers, `MIME-Version` among
/// them, then a blank line; its body holds the document, alone (`Content-Type: text/html`) or
/// as the first `text/html` part of a `multipart/related` body.
fn mhtml_document(bytes: &[u8]) -> Option<Vec<u8>> {
    let (headers, body) = mime_headers(bytes)?;
    let header = |name| mime_header(&headers, name);
    header("mime-version")?;
    let content_type = header("content-type")?.to_ascii_lowercase();
    if content_type.starts_with("text/html") {
        return Some(transfer_decoded(body, header("content-transfer-encoding")));
    }
    if !content_type.starts_with("multipart/") {
        return None;
    }
    let boundary = mime_parameter(header("content-type")?, "boundary")?;
    let delimiter = format!("--{boundary}");
    let mut parts: Vec<&[u8]> = Vec::new();
    let mut start = None;
    let mut at = 0;
    for line in body.split_inclusive(|&b| b == b'\n') {
        let text = line.trim_ascii_end();
        if let Some(rest) = text.strip_prefix(delimiter.as_bytes()) {
            if rest.is_empty() || rest == b"--" {
                if let Some(from) = start {
                    parts.push(&body[from..at]);
                }
                start = (rest.is_empty()).then_some(at + line.len());
                if rest == b"--" {
                    break;
                }
            }
        }
        at += line.len();
    }
    parts.into_iter().find_map(|part| {
        let (headers, body) = mime_headers(part)?;
        let header = |name| mime_header(&headers, name);
        let html = header("content-type")?
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("text/html");
        html.then(|| transfer_decoded(body, header("content-transfer-encoding")))
    })
}

/// A MIME message's (or part's) headers, each `(name, value)`.
type MimeHeaders = Vec<(String, String)>;

/// The value of the header `name` (in any case), if there is one.
fn mime_header<'a>(headers: &'a MimeHeaders, name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A MIME message's (or part's) headers, folded lines joined, and its body after the blank
/// line that ends them; `None` if it does not start with headers.
fn mime_headers(bytes: &[u8]) -> Option<(MimeHeaders, &[u8])> {
    let mut headers = MimeHeaders::new();
    let mut at = 0;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        at += line.len();
        let text = std::str::from_utf8(line.trim_ascii_end()).ok()?;
        if text.is_empty() {
            return (!headers.is_empty()).then_some((headers, &bytes[at..]));
        }
        if text.starts_with([' ', '\t']) {
            let (_, value) = headers.last_mut()?;
            value.push(' ');
            value.push_str(text.trim());
            continue;
        }
        let (name, value) = text.split_once(':')?;
        let token = !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic() && b != b':');
        if !token || headers.len() >= 64 {
            return None;
        }
        headers.push((name.to_string(), value.trim().to_string()));
    }
    None
}

/// The value of the parameter `name` of a header's value (`multipart/related;
/// boundary="----x"`), its quotes removed.
fn mime_parameter(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (n, v) = p.split_once('=')?;
        n.trim().eq_ignore_ascii_case(name).then(|| {
            let v = v.trim();
            v.strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(v)
                .to_string()
        })
    })
}

/// A MIME body with its `Content-Transfer-Encoding` undone: quoted-printable (`=3D`, a soft
/// line break `=` at a line's end) and base64; any other (7bit, 8bit, binary) as it is.
fn transfer_decoded(body: &[u8], encoding: Option<&str>) -> Vec<u8> {
    use base64::engine::{general_purpose::GeneralPurpose, DecodePaddingMode};
    use base64::{alphabet, Engine};
    let encoding = encoding.unwrap_or("").trim().to_ascii_lowercase();
    match encoding.as_str() {
        // Robust: a `=` that starts no escape stays as it is.
        "quoted-printable" => quoted_printable::decode(body, quoted_printable::ParseMode::Robust)
            .unwrap_or_else(|_| body.to_vec()),
        "base64" => {
            // Its lines' breaks dropped; padded or not, in either alphabet.
            let text: Vec<u8> = body
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            let config = base64::engine::GeneralPurposeConfig::new()
                .with_decode_padding_mode(DecodePaddingMode::Indifferent)
                .with_decode_allow_trailing_bits(true);
            [alphabet::STANDARD, alphabet::URL_SAFE]
                .iter()
                .find_map(|a| GeneralPurpose::new(a, config).decode(&text).ok())
                .unwrap_or_default()
        }
        _ => body.to_vec(),
    }
}

/// Whether `bytes`, without a byte-order mark, are UTF-16 little-endian (`Some(true)`) or
/// big-endian (`Some(false)`): of an even length, and of their first 2,048 characters at
/// least nine in ten are ASCII other than NUL beside a zero byte, on the same side.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes[..bytes.len().min(4096)].chunks_exact(2);
    let n = pairs.len();
    let (le, be) = pairs.fold((0, 0), |(le, be), p| match p {
        [a, 0] if *a != 0 && a.is_ascii() => (le + 1, be),
        [0, b] if *b != 0 && b.is_ascii() => (le, be + 1),
        _ => (le, be),
    });
    if le * 10 >= n * 9 {
        Some(true)
    } else if be * 10 >= n * 9 {
        Some(false)
    } else {
        None
    }
}

/// Bytes → text: UTF-8 where they are UTF-8 (or a page declares it, or nearly all of them
/// are), else Windows-1252, the encoding browsers read ISO-8859-1 and undeclared legacy pages
/// in (a page saved from one writes `’` as the byte 0x92).
fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.into();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    if head.contains("charset=\"utf-8")
        || head.contains("charset=utf-8")
        || head.contains("charset='utf-8")
    {
        return String::from_utf8_lossy(bytes);
    }
    // UTF-8 but for a few bytes (a footer pasted from a Latin-1 file): UTF-8, as a browser's
    // detector reads it, each of those bytes as Windows-1252. Read all as Windows-1252, every
    // typographic mark of the page would change its wording (`’` as `â€™`).
    let (mut utf8, mut invalid) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        utf8 += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    if utf8 > invalid {
        let mut text = String::with_capacity(bytes.len());
        for chunk in bytes.utf8_chunks() {
            text.push_str(chunk.valid());
            text.push_str(&WINDOWS_1252.decode_without_bom_handling(chunk.invalid()).0);
        }
        return text.into();
    }
    // WHATWG's table, as browsers read it: 0x80..=0x9f are mostly typographic marks; the five
    // it leaves undefined map to the C1 controls.
    WINDOWS_1252.decode_without_bom_handling(bytes).0
}

/// Whether `text` is HTML rather than the page's text rendering.
fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    head.trim_start().starts_with('<')
        || [
            "<html",
            "<body",
            "<!doctype",
            "<p>",
            "<div",
            "<br",
            "<table",
        ]
        .iter()
        .any(|t| head.contains(t))
}

/// Whether `text` is Markdown that keeps some of the page's HTML as raw HTML (pandoc's `gfm`
/// and `commonmark` writers keep each entry's `<div class="error">` and any `<span>`): no
/// document tags, and more entry headings written as Markdown headings (`### 0405 : ...`,
/// `### [0405](?error=0405) : ...`, `### <span>0405</span> : ...`) than HTML elements that
/// hold a heading (`<p>`, `<h1>`..`<h6>`, `<dt>`; a table kept as HTML has cells only). HTML
/// that only holds such a line (in a `<pre>`) is HTML.
fn markdown_with_html(text: &str) -> bool {
    if !text.contains('<') {
        return false;
    }
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    if ["<html", "<body", "<head", "<!doctype"]
        .iter()
        .any(|t| head.contains(t))
    {
        return false;
    }
    let headings = lines_with_whole_tags(text)
        .filter(|l| {
            let t = l.trim_start();
            let marks = t.bytes().take_while(|&b| b == b'#').count();
            if (1..=6).contains(&marks) && t[marks..].starts_with(' ') {
                // As the page is read: an anchor pandoc keeps as an empty span before the code
                // (`### []{#e0405}0405 : ...`, from `<a id="e0405"></a>`) is an attribute block.
                let heading = strip_tags(&t[marks..]);
                return code_head(drop_attributes(&heading).trim()).is_some();
            }
            // An entry's paragraph or table row opening with Markdown's emphasis or link, a
            // pipe table's `|` or an inline tag, its text beside the code (`**0405** : ...`,
            // `| [0405](...) | ... |`, `| 0405 | ... |`, `<span class="code">0405</span> :
            // ...`); not a code alone (`<td><a href="...">0405</a></td>`, a table kept as HTML).
            // Its tags, if any, are inline ones, as Markdown keeps them: a line of HTML source
            // (`<div><span>0405</span> : ...<br>...`) holds others.
            let row = t.strip_prefix('|').map_or(t, str::trim_start);
            (t.starts_with('|') || row.starts_with(['*', '_', '[', '<']))
                && inline_tags_only(row)
                && code_head(strip_tags(row).trim()).is_some_and(|(_, text)| !text.is_empty())
        })
        .count();
    if headings == 0 {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let elements = ["<p", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<dt"]
        .iter()
        .map(|t| {
            lower
                .match_indices(t)
                .filter(|(at, _)| {
                    lower
                        .as_bytes()
                        .get(at + t.len())
                        .is_none_or(|b| !b.is_ascii_alphanumeric())
                })
                .count()
        })
        .sum::<usize>();
    headings > elements
}

/// The lines of `text`, one that ends inside a tag joined to the next, as a converter wraps a
/// long tag (`<a href="?error=0405" data-toggle="collapse"` / `data-target="#d0405">0405</a>
/// : ...`): a tag over [`TAG_LINES`] lines at most.
fn lines_with_whole_tags(text: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
    let mut lines = text.lines();
    std::iter::from_fn(move || {
        let mut line = std::borrow::Cow::Borrowed(lines.next()?);
        for _ in 1..TAG_LINES {
            let open = line.rfind('<').is_some_and(|at| {
                let rest = &line[at + 1..];
                rest.trim_start_matches('/')
                    .starts_with(|c: char| c.is_ascii_alphabetic())
                    && !rest.contains('>')
            });
            if !open {
                break;
            }
            let Some(next) = lines.next() else { break };
            line = format!("{line} {next}").into();
        }
        Some(line)
    })
}

/// How many lines a tag of Markdown's raw HTML may be wrapped over.
const TAG_LINES: usize = 8;

/// Whether every tag on `line` is one of an inline element that Markdown keeps as raw HTML
/// (`<span>`, `<a>`, emphasis, `<code>`), none of a block or a line break.
fn inline_tags_only(line: &str) -> bool {
    const INLINE: &[&str] = &[
        "a", "abbr", "b", "code", "em", "i", "kbd", "mark", "small", "span", "strong", "sub",
        "sup", "u",
    ];
    line.match_indices('<').all(|(at, _)| {
        let rest = line[at + 1..].trim_start_matches('/');
        let name: String = rest
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        // `<` before no name is text (`a < b`).
        name.is_empty() || INLINE.contains(&name.as_str())
    })
}

/// Markdown's raw HTML without its tags and comments, each line break inside one kept, so
/// that every line is where it was: `<div class="error">` alone on its line is a blank line
/// (a block's end, as in HTML), `<span class="code">0405</span>` its text.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(n) = text[i..].find('<') {
        let at = i + n;
        out.push_str(&text[i..at]);
        let rest = &text[at..];
        let end = if let Some(comment) = rest.strip_prefix("<!--") {
            Some(comment.find("-->").map(|e| at + 4 + e + 3))
        } else {
            // A tag's name, then white space, `/` or `>`: `<https://…>` is an autolink.
            let name = rest.strip_prefix("</").unwrap_or(&rest[1..]);
            let len = name
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
                .count();
            let tag = name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name[len..]
                    .starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>');
            tag.then(|| tag_end(bytes, at + 1)).map(|e| {
                if bytes[e - 1] == b'>' {
                    Some(e)
                } else {
                    None
                }
            })
        };
        match end {
            Some(Some(end)) => {
                out.extend(text[at..end].matches('\n'));
                i = end;
            }
            // An unclosed comment or tag runs to the end: the rest is text, read once.
            Some(None) => break,
            None => {
                out.push('<');
                i = at + 1;
            }
        }
    }
    out.push_str(&text[i..]);
    out
}

/// Elements whose content is never page text, skipped up to their closing tag.
/// A `<nav>` is the site's navigation (menus, a table of contents listing the codes), never
/// the page's text.
const SKIPPED: &[&str] = &[
    "script", "style", "head", "title", "noscript", "template", "svg", "iframe", "object", "math",
    "select", "canvas", "nav",
];

/// Elements that have no content and no closing tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Whether a start tag's attributes (`attributes`, the text after its name, in ASCII lower
/// case) take its element off the page: the `hidden` attribute, which marks what is not (or
/// no longer) relevant, so no visitor ever sees it. What a visitor can reveal stays on the
/// page: `hidden="until-found"` (find-in-page opens it); `display: none`, the state a script
/// leaves an accordion's collapsed panel in (every text dump shows it, as the page as text
/// has it); and a panel `hidden` until a control shows it, as WAI-ARIA's accordion and tabs
/// leave it: a region or tab panel, or an element whose id a control names (`revealed`), or
/// the panel right after its button (see `html_to_text`). `aria-hidden` hides nothing from
/// sight.
fn hidden(attributes: &str, revealed: &std::collections::HashSet<&str>) -> bool {
    // A browser keeps the first of an attribute given twice.
    let first = |wanted: &str| {
        attributes_of(attributes)
            .find(|&(name, _)| name == wanted)
            .map(|(_, value)| value)
    };
    first("hidden").is_some_and(|value| value != "until-found")
        && !first("id").is_some_and(|id| revealed.contains(id))
        && !first("role").is_some_and(|role| matches!(role.trim(), "region" | "tabpanel"))
}

/// The ids of the elements that a control on the page reveals: those its `aria-controls`
/// names (a list), or Bootstrap's `data-bs-target` and `data-target` (`#id`). `lower` is the
/// page in ASCII lower case, as the ids compared with them are.
fn revealed_ids(lower: &str) -> std::collections::HashSet<&str> {
    let mut ids = std::collections::HashSet::new();
    for attribute in ["aria-controls", "data-bs-target", "data-target"] {
        for (at, _) in lower.match_indices(attribute) {
            let Some(rest) = lower[at + attribute.len()..].trim_start().strip_prefix('=') else {
                continue;
            };
            let rest = rest.trim_start();
            let value = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
                _ => rest
                    .split(|c: char| c.is_ascii_whitespace() || c == '>')
                    .next()
                    .unwrap_or(""),
            };
            ids.extend(
                value
                    .split_ascii_whitespace()
                    .map(|id| id.trim_start_matches('#')),
            );
        }
    }
    ids
}

/// A start tag's attributes, `(name, value)`, read from the text after its name as a browser's
/// tokenizer reads them: a name runs to white space, `/`, `>` or `=` (its first character may
/// be `=`); a value follows `=` (white space around it allowed) and is quoted (`"…"`, `'…'`)
/// or runs to white space or `>`; an attribute without `=` has the empty value.
fn attributes_of(tag: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = tag;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        let first = rest.chars().next().filter(|&c| c != '>')?;
        let end = rest[first.len_utf8()..]
            .find(|c: char| c.is_ascii_whitespace() || "/>=".contains(c))
            .map_or(rest.len(), |n| first.len_utf8() + n);
        let name = &rest[..end];
        rest = rest[end..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let Some(after) = rest.strip_prefix('=') else {
            return Some((name, ""));
        };
        let after = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &after[1..];
                body.find(q)
                    .map_or((body, ""), |n| (&body[..n], &body[n + 1..]))
            }
            _ => {
                let n = after
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(after.len());
                after.split_at(n)
            }
        };
        rest = next;
        Some((name, value))
    })
}

/// Just past the end tag that closes the `name` element whose content starts at `from`,
/// counting the same elements opened inside it; the end of input if none does. `lower` is
/// the page in ASCII lower case.
fn matching_close(bytes: &[u8], lower: &str, name: &str, from: usize) -> usize {
    let (open, close) = (format!("<{name}"), format!("</{name}"));
    let named_here = |at: usize, len: usize| {
        lower
            .as_bytes()
            .get(at + len)
            .is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b'-')
    };
    let mut depth = 1usize;
    let mut at = from;
    while let Some(n) = lower[at..].find('<') {
        let tag = at + n;
        let rest = &lower[tag..];
        if rest.starts_with(&close) && named_here(tag, close.len()) {
            depth -= 1;
            at = tag_end(bytes, tag + close.len());
            if depth == 0 {
                return at;
            }
        } else if rest.starts_with(&open) && named_here(tag, open.len()) {
            depth += 1;
            at = tag_end(bytes, tag + open.len());
        } else {
            at = tag + 1;
        }
    }
    bytes.len()
}

/// Elements that end a paragraph where they open or close.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// HTML → text with a blank line between paragraphs. One pass, no recursion: nesting depth,
/// unclosed tags and stray `<` cost nothing.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut run = String::new();
    let mut tables = Tables::default();
    // How many `<pre>` elements are open: in them a line break is one.
    let mut pre = 0usize;
    // Whether the last tag opened an element.
    let mut opened = false;
    // Whether a button that names no panel, a code's heading, was closed, with nothing shown
    // since (white space, invisible characters, closing tags, empty elements, scripts and
    // styles): the element that starts next is the panel it shows, `hidden` until it is
    // clicked (an accordion whose script finds each button's panel beside it).
    let mut after_button = false;
    // Whether the button last opened names the panel it shows (`revealed`), and where its
    // content starts.
    let mut names_panel = false;
    let mut button_content: Option<usize> = None;
    let lower = html.to_ascii_lowercase();
    let revealed = revealed_ids(&lower);
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            let next = html[i..].find('<').map_or(html.len(), |n| i + n);
            after_button = after_button && shows_nothing(&html[i..next]);
            run.push_str(&html[i..next]);
            i = next;
            continue;
        }
        let rest = &lower[i..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            // `<!-->` and `<!--->` are whole (empty) comments to a browser.
            i = if comment.starts_with('>') {
                i + 5
            } else if comment.starts_with("->") {
                i + 6
            } else {
                comment.find("-->").map_or(html.len(), |n| i + 4 + n + 3)
            };
            continue;
        }
        if let Some(n) = rest
            .strip_prefix("<![if !supportlists]>")
            .and_then(|r| r.find("<![endif]>"))
        {
            // Word's list marker (`·`, `o`, `§`, `1.`), written out for renderers without lists:
            // the list's look, not its text (`o HTTP Error code: 404` is a label and its status).
            i += "<![if !supportlists]>".len() + n + "<![endif]>".len();
            continue;
        }
        if rest.starts_with("<![cdata[") {
            // Text only in SVG and MathML (skipped whole); in HTML a browser hides it.
            i = rest.find("]]>").map_or(html.len(), |n| i + n + 3);
            continue;
        }
        let closing = rest.as_bytes().get(1) == Some(&b'/');
        let start = if closing { 2 } else { 1 };
        let name_len = rest[start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        let is_tag = name_len > 0 && rest.as_bytes()[start].is_ascii_alphabetic();
        if !is_tag && !rest.starts_with("<!") && !rest.starts_with("<?") {
            // A lone `<` in text.
            run.push('<');
            i += 1;
            continue;
        }
        let name = &rest[start..start + name_len];
        let end = tag_end(bytes, i + start + name_len);
        // Whether the run is an element's whole text.
        let whole = opened && closing;
        flush(&mut out, &mut run, pre > 0, || {
            whole && !ends_block(&lower, i)
        });
        opened = !closing;
        if name == "pre" {
            pre = if closing {
                pre.saturating_sub(1)
            } else {
                pre + 1
            };
        }
        let self_closing = end >= 2 && bytes[end - 2] == b'/' && bytes[end - 1] == b'>';
        if !closing && name == "a" {
            if let Some(after) = symbol_link_end(html, &lower, end) {
                after_button = false;
                i = after;
                continue;
            }
        }
        if !closing && !self_closing && SKIPPED.contains(&name) {
            // A script or a style shows nothing between a button and its panel; a `nav` does.
            after_button &= matches!(name, "script" | "style" | "template" | "noscript");
            let close = format!("</{name}");
            i = match lower[end..].find(&close) {
                Some(n) => tag_end(bytes, end + n + close.len()),
                None => html.len(),
            };
            out.push_str("\n\n");
            continue;
        }
        if !closing && name == "button" {
            let attributes = &lower[i + start + name_len..end];
            names_panel = attributes_of(attributes).any(|(attribute, _)| {
                matches!(
                    attribute,
                    "aria-controls" | "data-bs-target" | "data-target"
                )
            });
            button_content = Some(end);
        }
        // A button that names no panel shows the one beside it only if it is a code's heading
        // (`0405 : ...`): a "Show drafts" button does not put its hidden drafts on the page.
        let button_closed = closing
            && name == "button"
            && !names_panel
            // Read once per button: a flood of `</button>` reads no content twice.
            && button_content
                .take()
                .is_some_and(|from| names_a_code(html.get(from..i).unwrap_or("")));
        let panel = after_button;
        // An empty element (`<br>`, `<link>`, `<input type=hidden>`) leaves it as it was.
        if closing || !VOID.contains(&name) {
            after_button = closing && (after_button || button_closed);
        }
        if !closing
            && !self_closing
            && !VOID.contains(&name)
            && !panel
            && hidden(&lower[i + start + name_len..end], &revealed)
        {
            i = matching_close(bytes, &lower, name, end);
            out.push_str("\n\n");
            continue;
        }
        tables.tag(&mut out, name, closing);
        if name == "br" {
            out.push('\n');
        } else if BLOCKS.contains(&name) {
            out.push_str("\n\n");
        } else if matches!(name, "td" | "th") {
            // Each cell is a paragraph: a label in one cell, its value in the next.
            out.push_str("\n\n");
        }
        i = end;
    }
    flush(&mut out, &mut run, pre > 0, || false);
    tables.tag(&mut out, "table", true);
    out
}

/// Whether an element's content (HTML) reads as a code's heading as the page writes one, its
/// tags aside and entities decoded: four digits alone or before a `:` (`0405 : text`, `0405`);
/// not `Show drafts`, `2027 additions` or `2026 - What's new`.
fn names_a_code(content: &str) -> bool {
    let bytes = content.as_bytes();
    let mut text = String::new();
    let mut i = 0;
    while let Some(n) = content[i..].find('<') {
        text.push_str(&content[i..i + n]);
        i = tag_end(bytes, i + n + 1).min(content.len());
    }
    text.push_str(&content[i..]);
    let text = normalise(&decode_as_shown(&text));
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = text[digits..].trim_start();
    digits == 4 && (rest.is_empty() || rest.starts_with(':'))
}

/// Whether text between tags shows nothing: white space or invisible characters, written as
/// such or as entities (`&nbsp;`, `&#8203;`).
fn shows_nothing(text: &str) -> bool {
    normalise(&decode_as_shown(text)).is_empty()
}

/// The tables open at a point of the page, innermost last. A table whose first row is of
/// heading cells naming "HTTP Error code" or "Remedy" lists a code per row: each cell under
/// such a heading gets its label, as an entry has it in the page's other layouts, and the
/// heading row itself is dropped (it names no code).
#[derive(Default)]
struct Tables(Vec<Table>);

#[derive(Default)]
struct Table {
    /// The label of each column, once the first row has ended.
    labels: Option<Vec<Option<&'static str>>>,
    /// The current row's cells: whether a heading cell (`th`), where its text starts in the
    /// output and where it ends (`None` while open).
    cells: Vec<(bool, usize, Option<usize>)>,
    /// In a table without a heading row, the column of the first status met in a row that
    /// starts with a code.
    status_column: Option<usize>,
    /// Whether the current row starts with a code, and with its description beside it
    /// (`0405 : text`), or `None`.
    code_row: Option<bool>,
    /// Before the statuses' column is known, the cells after a description that no label was
    /// given (where each starts in the output, and its column): once it is known, those after
    /// it are remedies too. At most [`PENDING_CELLS`].
    pending: Vec<(usize, usize)>,
}

/// How many cells a [`Table`] keeps to label once its statuses' column is known.
const PENDING_CELLS: usize = 64;

impl Tables {
    fn tag(&mut self, out: &mut String, name: &str, closing: bool) {
        match (name, closing) {
            ("table", false) => self.0.push(Table::default()),
            ("table", true) => {
                if let Some(mut table) = self.0.pop() {
                    table.end_row(out);
                }
            }
            ("tr" | "thead" | "tbody" | "tfoot", _) => {
                if let Some(table) = self.0.last_mut() {
                    table.end_row(out);
                }
            }
            ("td" | "th", _) => {
                let Some(table) = self.0.last_mut() else {
                    return;
                };
                table.close_cell(out);
                if !closing {
                    table.cells.push((name == "th", out.len(), None));
                }
            }
            _ => {}
        }
    }
}

impl Table {
    /// Ends the open cell, if any, giving it its column's label.
    fn close_cell(&mut self, out: &mut String) {
        let column = self.cells.len().wrapping_sub(1);
        let Some((_, start, end @ None)) = self.cells.last_mut() else {
            return;
        };
        let mut start = *start;
        *end = Some(out.len());
        let named = self
            .labels
            .as_ref()
            .and_then(|labels| labels.get(column).copied().flatten());
        let known = self.status_column;
        if named == Some("HTTP Error code") {
            self.status_column.get_or_insert(column);
        }
        let text = normalise(&out[start..]);
        let label = named.or_else(|| self.column_label(column, &text));
        if let (None, Some(status)) = (known, self.status_column) {
            // The rows before the first status (a code without one): their cells after the
            // statuses' column are remedies, labelled where they start, the last first.
            let mut shift = 0;
            for &(at, _) in self.pending.iter().rev().filter(|&&(_, c)| c > status) {
                out.insert_str(at, "\n\nRemedy\n\n");
                shift += "\n\nRemedy\n\n".len();
            }
            for cell in &mut self.cells {
                cell.1 += shift;
                cell.2 = cell.2.map(|end| end + shift);
            }
            start += shift;
            self.pending.clear();
        } else if label.is_none()
            && known.is_none()
            && column > 0
            && !text.is_empty()
            && self.code_row == Some(true)
            && self.pending.len() < PENDING_CELLS
        {
            self.pending.push((start, column));
        }
        if let Some(label) = label.filter(|_| !out[start..].trim().is_empty()) {
            out.insert_str(start, &format!("\n\n{label}\n\n"));
            if let Some((.., end)) = self.cells.last_mut() {
                *end = Some(out.len());
            }
        }
    }

    /// The label of a cell (its `text`) in `column` that its heading cell does not name (in a
    /// table without a heading row, or under a heading the page's labels do not name: `Status`,
    /// `Solution`), read from the columns of its rows that start with a code: after the code
    /// and its description, a cell that is a status alone (`404`, `404 Not Found`) is the
    /// status, and its column the statuses' column, unless a heading names one; a cell after
    /// that column is the remedy, unless a heading names one.
    fn column_label(&mut self, column: usize, text: &str) -> Option<&'static str> {
        if column == 0 {
            self.code_row = code_head(text).map(|(_, rest)| !rest.is_empty());
            return None;
        }
        let described = self.code_row?;
        if text.is_empty() {
            return None;
        }
        let named = |label| {
            self.labels
                .as_ref()
                .is_some_and(|labels| labels.contains(&Some(label)))
        };
        let bare = bare_status(text);
        if bare
            && described
            && !named("HTTP Error code")
            && self.status_column.is_none_or(|c| c == column)
        {
            self.status_column = Some(column);
            return Some("HTTP Error code");
        }
        if described && !named("Remedy") && self.status_column.is_some_and(|c| column > c) {
            return Some("Remedy");
        }
        if !bare {
            // The description, in a cell of its own.
            self.code_row = Some(true);
        }
        None
    }

    /// Ends the current row; the first one, if all heading cells naming a label, names the
    /// columns.
    fn end_row(&mut self, out: &mut String) {
        self.close_cell(out);
        let cells = std::mem::take(&mut self.cells);
        self.code_row = None;
        if self.labels.is_some() {
            code_first(out, &cells);
            return;
        }
        if cells.is_empty() {
            return;
        }
        let labels: Vec<Option<&'static str>> = cells
            .iter()
            .map(|&(_, start, end)| {
                let text = normalise(&out[start..end.unwrap_or(out.len())]);
                match label(&text) {
                    Some(Label::Http("")) => Some("HTTP Error code"),
                    Some(Label::Remedy("")) => Some("Remedy"),
                    _ => None,
                }
            })
            .collect();
        // Heading cells (`th`), or at least three cells none of which holds a code or a status
        // (`<td><b>Code</b></td><td><b>Description</b></td><td><b>HTTP Error code</b></td>`;
        // a row of two is an entry's label and its value).
        let plain = || {
            cells.len() >= 3
                && cells.iter().all(|&(_, start, end)| {
                    let text = normalise(&out[start..end.unwrap_or(out.len())]);
                    code_head(&text).is_none() && status(&text).is_none()
                })
        };
        let heading =
            labels.iter().any(Option::is_some) && (cells.iter().all(|&(th, ..)| th) || plain());
        if heading {
            out.truncate(cells[0].1);
            out.push_str("\n\n");
            self.labels = Some(labels);
        } else {
            self.labels = Some(Vec::new());
            code_first(out, &cells);
        }
    }
}

/// A table row whose code is in a later cell than the first (a table with the status's or the
/// remedy's column first) with that cell moved to the row's start, as an entry starts with
/// its code: the cells before it are its own, not the entry's above. `cells` are the row's,
/// each `(heading, start, end)` in `out`, which the row ends.
fn code_first(out: &mut String, cells: &[(bool, usize, Option<usize>)]) {
    let span = |&(_, start, end): &(bool, usize, Option<usize>)| start..end.unwrap_or(start);
    // Whether a cell holds a code (`Some(true)` if the code alone).
    let code = |cell| code_head(&normalise(&out[span(cell)])).map(|(_, rest)| rest.is_empty());
    let Some(first) = cells.first() else {
        return;
    };
    if code(first).is_some() {
        return;
    }
    // The code alone in its cell: a sentence naming one is no code's cell.
    let Some(cell) = cells[1..].iter().find(|c| code(c) == Some(true)) else {
        return;
    };
    let (row, at) = (span(first).start, span(cell));
    let moved = format!(
        "\n\n{}\n\n{}\n\n{}",
        &out[at.clone()],
        &out[row..at.start],
        &out[at.end..]
    );
    out.truncate(row);
    out.push_str(&moved);
}

/// Where a link of symbols alone ends (just past its `</a>`), for a link whose content starts
/// at `from`: a permalink beside a heading (`<a class="headerlink" href="#e0405">¶</a>`, `#`,
/// `§`, an icon) is the site's furniture, not the entry's wording. Only a short link is looked
/// at, so a page of unclosed `<a>`s costs no more than one of text.
/// `lower` is `html` in ASCII lower case.
fn symbol_link_end(html: &str, lower: &str, from: usize) -> Option<usize> {
    const LONGEST: usize = 256;
    let window = html.get(from..)?;
    let mut n = window.len().min(LONGEST);
    while !window.is_char_boundary(n) {
        n -= 1;
    }
    let window = &window[..n];
    let lower = &lower[from..from + n];
    let close = lower.match_indices("</a").map(|(n, _)| n).find(|&n| {
        matches!(
            lower.as_bytes().get(n + 3),
            Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
        )
    })?;
    let mut text = String::new();
    let mut in_tag = false;
    for c in window[..close].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    if decode_as_shown(&text).chars().any(char::is_alphanumeric) {
        return None;
    }
    Some(tag_end(html.as_bytes(), from + close + 3))
}

/// The index just past the `>` that closes the tag whose attributes start at `from`, skipping
/// quoted attribute values (a quote opens one only right after `=`, as in a browser: in
/// `title=it's` the apostrophe is part of the value); the end of input if none does.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    let mut after_equals = false;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if after_equals => quote = Some(b),
            (None, b'>') => return i + 1,
            _ => {}
        }
        if quote.is_none() && !b.is_ascii_whitespace() {
            after_equals = b == b'=';
        }
    }
    bytes.len()
}

/// Whether only white space, comments and inline tags stand between `from` (a tag) and the
/// end of its block: a block's tag, a cell's, a line break, or the end of the page. Text, or
/// more than a few tags, says no.
fn ends_block(lower: &str, from: usize) -> bool {
    let bytes = lower.as_bytes();
    let mut i = from;
    for _ in 0..16 {
        i += lower[i..].len() - lower[i..].trim_start().len();
        let rest = &lower[i..];
        if rest.is_empty() {
            return true;
        }
        if let Some(comment) = rest.strip_prefix("<!--") {
            i = comment.find("-->").map_or(lower.len(), |n| i + 4 + n + 3);
            continue;
        }
        let Some(tag) = rest.strip_prefix('<') else {
            return false;
        };
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let len = tag
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        let name = &tag[..len];
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return false;
        }
        if BLOCKS.contains(&name) || SKIPPED.contains(&name) || matches!(name, "td" | "th" | "br") {
            return true;
        }
        i = tag_end(bytes, lower.len() - tag.len() + len);
    }
    false
}

/// Appends a text run, entities decoded and HTML whitespace collapsed to one space; in a
/// `<pre>` (`preformatted`), each line break (LF, CRLF or CR) kept as one.
fn flush(
    out: &mut String,
    run: &mut String,
    preformatted: bool,
    labels_mid_line: impl FnOnce() -> bool,
) {
    if run.is_empty() {
        return;
    }
    let decoded = decode_as_shown(run);
    // A label alone in its element (`<span class="label">Remedy</span>`, `<b>Remedy:</b>`)
    // is a paragraph of its own, as CSS shows it and as the page's text has it: one that
    // starts a line, or is an element's whole text with more of its block's after it (`text
    // <b>HTTP Error code</b> 404`); not the words that end a line's text (`<h5>Single <b>HTTP
    // status code</b></h5>`, a heading; `or an HTTP status <em>code</em>`).
    let alone = matches!(
        label(&normalise(&decoded)),
        Some(Label::Http("") | Label::Remedy(""))
    ) && {
        let before = out.trim_end_matches([' ', '\t']);
        before.is_empty() || before.ends_with('\n') || labels_mid_line()
    };
    if alone {
        out.push_str("\n\n");
    }
    let mut space = false;
    let mut chars = decoded.chars().peekable();
    while let Some(c) = chars.next() {
        if preformatted && matches!(c, '\n' | '\r') {
            if c == '\r' {
                chars.next_if_eq(&'\n');
            }
            out.push('\n');
            space = false;
        } else if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    if alone {
        out.push_str("\n\n");
    }
    run.clear();
}

/// The named references a browser reads in text without their `;` (HTML's legacy ones).
const LEGACY_REFERENCES: &[&str] = &[
    "AElig", "AMP", "Aacute", "Acirc", "Agrave", "Aring", "Atilde", "Auml", "COPY", "Ccedil",
    "ETH", "Eacute", "Ecirc", "Egrave", "Euml", "GT", "Iacute", "Icirc", "Igrave", "Iuml", "LT",
    "Ntilde", "Oacute", "Ocirc", "Ograve", "Oslash", "Otilde", "Ouml", "QUOT", "REG", "THORN",
    "Uacute", "Ucirc", "Ugrave", "Uuml", "Yacute", "aacute", "acirc", "acute", "aelig", "agrave",
    "amp", "aring", "atilde", "auml", "brvbar", "ccedil", "cedil", "cent", "copy", "curren", "deg",
    "divide", "eacute", "ecirc", "egrave", "eth", "euml", "frac12", "frac14", "frac34", "gt",
    "iacute", "icirc", "iexcl", "igrave", "iquest", "iuml", "laquo", "lt", "macr", "micro",
    "middot", "nbsp", "not", "ntilde", "oacute", "ocirc", "ograve", "ordf", "ordm", "oslash",
    "otilde", "ouml", "para", "plusmn", "pound", "quot", "raquo", "reg", "sect", "shy", "sup1",
    "sup2", "sup3", "szlig", "thorn", "times", "uacute", "ucirc", "ugrave", "uml", "uuml",
    "yacute", "yen", "yuml",
];

/// `text` with its character references decoded as a browser shows them, those without their
/// `;` too (see [`terminate_references`]).
fn decode_as_shown(text: &str) -> std::borrow::Cow<'_, str> {
    match terminate_references(text) {
        std::borrow::Cow::Borrowed(text) => html_escape::decode_html_entities(text),
        std::borrow::Cow::Owned(text) => {
            html_escape::decode_html_entities(&text).into_owned().into()
        }
    }
}

/// `text` with a `;` after each character reference a browser reads without one (`&#39re`,
/// `&#x27`, `&nbsp:`), so that they decode as the browser shows them.
fn terminate_references(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        let numeric = rest
            .strip_prefix('#')
            .map(|r| match r.strip_prefix(['x', 'X']) {
                Some(hex) => {
                    1 + (r.len() - hex.len())
                        + hex.bytes().take_while(u8::is_ascii_hexdigit).count()
                }
                None => 1 + r.bytes().take_while(u8::is_ascii_digit).count(),
            });
        let name = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let len = match numeric {
            // `&#` and `&#x` without digits are no reference.
            Some(n)
                if rest[n..].starts_with(';') || !rest.as_bytes()[n - 1].is_ascii_hexdigit() =>
            {
                0
            }
            Some(n) => n,
            None if rest[name..].starts_with(';') => 0,
            None => LEGACY_REFERENCES
                .iter()
                .filter(|r| rest.starts_with(**r))
                .map(|r| r.len())
                .max()
                .unwrap_or(0),
        };
        out.push_str(&rest[..len]);
        if len > 0 {
            out.push(';');
        }
        rest = &rest[len..];
    }
    out.push_str(rest);
    out.into()
}

/// A paragraph of the page and the line it starts on (in a text page).
#[derive(Debug)]
struct Paragraph {
    line: Option<usize>,
    text: String,
}

/// A text page's lines, each with whether it ends a paragraph. LF, CRLF, a lone CR (old Mac
/// line ends) and Unicode's line and paragraph separators each end one line, so that a line
/// named is the source's line; a paragraph separator also ends a paragraph, as a blank line
/// would, without adding a line.
fn text_lines(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let s = rest?;
        let Some(at) = s.find(['\n', '\r', '\u{2028}', '\u{2029}']) else {
            rest = None;
            return (!s.is_empty()).then_some((s, false));
        };
        let end = s[at..].chars().next()?;
        let len = if s[at..].starts_with("\r\n") {
            2
        } else {
            end.len_utf8()
        };
        rest = Some(&s[at + len..]);
        Some((&s[..at], end == '\u{2029}'))
    })
}

/// Lines → paragraphs: runs of non-blank lines, each joined by single spaces and normalised; a
/// line that ends a paragraph (before U+2029) ends its run as a blank line after it would.
/// A line that starts an entry (`0405 : ...`) or is a label ("HTTP Error code", "Remedy")
/// starts a paragraph of its own, and a bare label or code ends one, so a page that puts single line
/// breaks between an entry's parts (text copied from a browser, `<br>` in HTML) reads as one
/// with blank lines; a text with no blank line at all has a paragraph per line.
///
/// In a `text_page` (not one turned from HTML), what a converter writes as markup is none of
/// the wording: Markdown's emphasis and escapes (`**Account**`, `` `media_delete` ``, `\'`),
/// Pandoc's fenced divs (`::: {.error}`), html2text's heading marks (`**** 0405 : … ****`) and
/// the character references it leaves (`&#x27;`).
/// In a page without blank lines, a line that filled the page's width goes on in the next
/// (a tool wrapped it), and they are one paragraph; so does one that ends no part before a
/// line opening with a small letter (a tool balanced its lines).
fn paragraphs(raw: &[Line<'_>], text_page: bool) -> Vec<Paragraph> {
    // (line, its end ends a paragraph, its width in characters)
    let lines: Vec<(String, bool, usize)> = raw
        .iter()
        .map(|(l, ends, _)| {
            let (l, ends) = (l.as_ref(), *ends);
            let l = tab_after_label(l);
            let l = if text_page { unmark_line(&l) } else { l };
            // A reference a converter left undecoded (html2text: `you&#x27;re`) reads as the
            // character; only whole ones, ended by `;` (`?a=1&b=2` stays).
            let l = if text_page && l.contains('&') {
                html_escape::decode_html_entities(&l).into_owned().into()
            } else {
                l
            };
            let width = l.trim_end().chars().count();
            (unmark_label(normalise(&unnumber_links(&l))), ends, width)
        })
        .collect();
    let page_width = wrap_width(
        lines
            .iter()
            .filter(|l| !l.0.is_empty())
            .map(|l| (l.2, l.0.as_str())),
    );
    // Whether line `n` goes on from the one before: that one filled the page's width, so that
    // this line's first word did not fit on it, or would have filled it exactly (`fold -s`
    // moves such a word on, as the blank after it does not fit).
    let wrapped = |n: usize| {
        let Some(before) = n.checked_sub(1).and_then(|b| lines.get(b)) else {
            return false;
        };
        let word = lines[n]
            .0
            .split(' ')
            .next()
            .map_or(0, |w| w.chars().count());
        (40..=200).contains(&page_width)
            && !before.0.is_empty()
            && !before.1
            && before.2 + 1 + word >= page_width
    };
    // Whether line `n` goes on from the one before, however short that is: it opens with a
    // small letter, or a sign before a digit (`-6, the ...`), and the one before ends no part
    // (no sentence, label or status). A wrapper that balances its lines (`fmt`) breaks before
    // a word that would have fit; read by width alone, a remedy was cut at such a line.
    let goes_on = |n: usize| {
        let Some(before) = n.checked_sub(1).and_then(|b| lines.get(b)) else {
            return false;
        };
        let mut chars = lines[n].0.chars();
        let opens = match chars.next() {
            Some(c) if c.is_lowercase() => true,
            Some('-' | '+' | '\u{2212}') => chars.next().is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
        text_page && opens && !before.0.is_empty() && !before.1 && !ends_part(&before.0)
    };
    // A blank line (or a paragraph's end) with text before and after it.
    let blank_between = lines
        .iter()
        .skip_while(|(l, ..)| l.is_empty())
        .skip_while(|(l, ends, _)| !l.is_empty() && !ends)
        .skip(1)
        .any(|(l, ..)| !l.is_empty());
    let mut out = Vec::new();
    let mut current = Paragraph {
        line: None,
        text: String::new(),
    };
    let mut push = |current: &mut Paragraph| {
        let mut p = std::mem::replace(
            current,
            Paragraph {
                line: None,
                text: String::new(),
            },
        );
        p.text = unwrap_links(&p.text);
        if text_page {
            p.text = unemphasise(&p.text);
            // A permalink beside a heading, as a text dump shows it (`0405 : ... ¶`): the
            // site's furniture, which the HTML page reads without. `#` may be wording (`press
            // #`), so only the other symbols go.
            let kept = p
                .text
                .trim_end_matches(|c: char| c != '#' && PERMALINKS.contains(c))
                .len();
            if kept < p.text.len()
                && p.text[..kept].ends_with(' ')
                && !p.text[..kept].trim().is_empty()
            {
                p.text.truncate(kept.saturating_sub(1));
            }
        }
        out.push(p)
    };
    // Whether the last paragraph ended one of an entry's parts.
    let mut last_ended = false;
    for (n, (line, ends, _)) in lines.iter().enumerate() {
        let (line, ends) = (line.as_str(), *ends);
        if line.is_empty() {
            if !current.text.is_empty() {
                last_ended = part_ended(&current.text);
                push(&mut current);
            }
            continue;
        }
        // A label and its value with neither a colon nor markup between them (`HTTP Error
        // code 404`, `Remedy Try again.`: a text dump of `<b>Remedy</b> Try again.`), at the
        // start of a line after a part's end, as the label and its value.
        let before_ended = if current.text.is_empty() {
            last_ended
        } else {
            part_ended(&current.text)
        };
        let inline = before_ended.then(|| inline_label(line)).flatten();
        let line = inline.as_deref().unwrap_or(line);
        let label = label(line);
        // A label starts a paragraph alone or followed by a colon ("Remedy: ..."); a line of
        // wrapped prose may begin "HTTP Error code 404 is sent when ...", or be the words alone
        // ("... Either an Error Code, or an" / "HTTP status code" / "text string ..."): a bare
        // status label within a paragraph that ends no sentence, and followed by no status.
        let next = lines[n + 1..].iter().map(|l| &l.0).find(|l| !l.is_empty());
        let prose = matches!(label, Some(Label::Http("")))
            && !current.text.is_empty()
            && !ends_part(&current.text)
            && next.is_none_or(|l| status(l).is_none());
        let label = if prose { None } else { label };
        let label_line = label.is_some()
            && line
                .find(|c: char| !c.is_ascii_alphabetic() && c != ' ')
                .is_none_or(|i| line[i..].starts_with(':'));
        // A code named in prose may open a wrapped line (`... as with` / `error 0018. Then`):
        // a heading in a form prose writes is one only after a part's end.
        let ended = current.text.is_empty() || part_ended(&current.text);
        let heading = code_head(line).is_some() && (ended || !prose_mention(line));
        let starts = (!blank_between && !wrapped(n) && !goes_on(n)) || heading || label_line;
        if starts && !current.text.is_empty() {
            last_ended = part_ended(&current.text);
            push(&mut current);
        }
        // A line broken after a word's hyphen (`toll-` / `free`), or inside a word or URL where
        // a text browser breaks one, joins without a space.
        let hyphen = current.text.strip_suffix('-').is_some_and(|t| {
            t.ends_with(|c: char| c.is_alphanumeric()) && line.starts_with(char::is_alphanumeric)
        }) || broken_inside_word(&current.text, line);
        if current.text.is_empty() {
            current.line = Some(raw[n].2);
        } else if !hyphen {
            current.text.push(' ');
        }
        current.text.push_str(line);
        // A label or a code alone on its line: its text follows on the next.
        let bare = matches!(label, Some(Label::Http("") | Label::Remedy("")))
            || heading && code_head(line).is_some_and(|(_, text)| text.is_empty());
        if bare || ends {
            last_ended = part_ended(&current.text);
            push(&mut current);
        }
    }
    if !current.text.is_empty() {
        push(&mut current);
    }
    out
}

/// The width a tool wrapped a page's lines at, from each line's width and text: the widest
/// line's, unless the widest few (two, or one in a hundred) are each a single word, too long
/// to break (a URL, which `fmt -s`, `pdftotext` and most wrappers leave whole): then the
/// widest of the rest.
fn wrap_width<'a>(lines: impl Iterator<Item = (usize, &'a str)>) -> usize {
    let mut lines: Vec<(usize, &str)> = lines.collect();
    lines.sort_unstable_by_key(|&(width, _)| std::cmp::Reverse(width));
    let words = lines
        .iter()
        .take_while(|(_, text)| !text.contains(' '))
        .count();
    match lines.get(words) {
        Some(&(width, _)) if words <= (lines.len() / 100).max(2) => width,
        _ => lines.first().map_or(0, |&(width, _)| width),
    }
}

/// Whether paragraph text ends one of an entry's parts ([`ends_part`]), a heading by its text:
/// `0405 : Gone.` and `0405` do, `0405 : It is, as with` does not.
fn part_ended(text: &str) -> bool {
    code_head(text).map_or(ends_part(text), |(_, t)| t.is_empty() || ends_part(t))
}

/// Whether `text` is a status alone, perhaps with its reason phrase: `404`, `404 Not Found`.
fn bare_status(text: &str) -> bool {
    let reason = text.get(3..).unwrap_or_default();
    text.len() <= 40
        && status(text).is_some()
        && reason.starts_with(' ') != reason.is_empty()
        && reason
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-')
}

/// A line that is a label and its value with neither a colon nor markup between them, as the
/// label reads with a colon: `HTTP Error code 404` (a status alone after it) as `HTTP Error
/// code: 404`, `Remedy Try again.` (a capital after it) as `Remedy: Try again.`.
fn inline_label(line: &str) -> Option<String> {
    if let Some(Label::Http(rest)) = label(line) {
        let head = line[..line.len() - rest.len()].trim_end();
        return (!rest.is_empty() && !head.ends_with(':') && bare_status(rest))
            .then(|| format!("{head}: {rest}"));
    }
    // After a list's or a definition's mark (`:   Remedy Try again.`) too.
    let rest = strip_lead(line).strip_prefix("Remedy ")?;
    rest.starts_with(char::is_uppercase)
        .then(|| format!("Remedy: {rest}"))
}

/// Whether a line that [`code_head`] reads as a heading is in a form prose also writes: after
/// a word (`error 0018.`, `Code 0405:`), in brackets (`(0018)`), or with a separator other than
/// a colon (`0405 - the token`, `0018.`). The page's own form, `0405 : text`, and one after a
/// list or heading mark (`### 0405 : text`) are not.
fn prose_mention(line: &str) -> bool {
    let s = line.trim_start();
    if s.starts_with(['(', '[']) {
        return true;
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return s.starts_with(|c: char| c.is_alphabetic());
    }
    !s[digits..].trim_start().starts_with([':', '\u{ff1a}'])
}

/// Whether paragraph text ends one of an entry's parts: a sentence (a closing bracket or quote
/// aside), or a heading, a label or a status.
fn ends_part(text: &str) -> bool {
    text.trim_end_matches([')', ']', '"', '\'', '\u{201d}', '\u{2019}'])
        .ends_with(['.', '!', '?', ':', ';'])
        || code_head(text).is_some()
        || label(text).is_some()
        || status(text).is_some()
}

/// A text page without pandoc's attributes, which are markup: a heading's at the end of its
/// line (`### 0405 : ... {#e0405 .error}`), a link's after it (`[...](...){target="_blank"}`),
/// a code span's after it (`` `tel_list_numbers`{.fn} ``), and a bracketed span's
/// (`[0405]{.code}`), whose brackets go too, a span over lines
/// included. A span of a label alone is the label before its value (`[Remedy]{.label} [Try
/// again.]{.value}` reads `Remedy: Try again.`), as that label alone in its element reads in
/// HTML. Only whole attribute blocks count (`{#id}`, `{.class}`, `{key=value}`,
/// `{key="a value"}`); the page's own braces stay. No line is added or removed, nor
/// made narrower where a space follows what was dropped ([`push_made_up`]).
fn drop_attributes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('}') {
        return text.into();
    }
    let bytes = text.as_bytes();
    // Byte ranges replaced, and what replaces them.
    let mut edits: Vec<(usize, usize, &str)> = Vec::new();
    // The `[`s not yet closed.
    let mut open: Vec<usize> = Vec::new();
    // The runs of backticks so far on the line.
    let mut ticks = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' => open.push(i),
            b']' | b')' => {
                let opened = if bytes[i] == b']' { open.pop() } else { None };
                if let Some(len) = attribute_block(&text[i + 1..]) {
                    match opened {
                        Some(start) => {
                            let inside = &text[start + 1..i];
                            let alone = inside.len() <= 64
                                && matches!(
                                    label(&normalise(inside)),
                                    Some(Label::Http("") | Label::Remedy(""))
                                );
                            edits.push((start, start + 1, ""));
                            edits.push((i, i + 1 + len, if alone { ":" } else { "" }));
                        }
                        None => edits.push((i + 1, i + 1 + len, "")),
                    }
                    i += 1 + len;
                    continue;
                }
            }
            b'\n' => ticks = 0,
            // A code span's, after its closing backticks (`` `tel_list_numbers`{.fn} ``): a
            // line's runs of backticks alternate opening and closing.
            b'`' => {
                if i == 0 || bytes[i - 1] != b'`' {
                    ticks += 1;
                }
                let closing = ticks % 2 == 0 && bytes.get(i + 1) != Some(&b'`');
                if let (true, Some(len)) = (closing, attribute_block(&text[i + 1..])) {
                    edits.push((i + 1, i + 1 + len, ""));
                    i += 1 + len;
                    continue;
                }
            }
            b'{' if i > 0 && matches!(bytes[i - 1], b' ' | b'\t') => {
                if let Some(len) = attribute_block(&text[i..]) {
                    let after = text[i + len..].trim_start_matches([' ', '\t']);
                    if after.is_empty() || after.starts_with(['\n', '\r']) {
                        edits.push((i, i + len, ""));
                        i += len;
                        continue;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    if edits.is_empty() {
        return text.into();
    }
    edits.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    // The characters dropped and not yet made up on their line.
    let mut short = 0;
    for (start, end, with) in edits {
        push_made_up(&mut out, &text[at..start], &mut short);
        out.push_str(with);
        short += text[start..end]
            .chars()
            .count()
            .saturating_sub(with.chars().count());
        at = end;
    }
    push_made_up(&mut out, &text[at..], &mut short);
    out.into()
}

/// Pushes `part` onto `out` with the `short` characters dropped before it made up as spaces
/// at its first space or tab, if that comes before its line ends: a line keeps its width
/// after what was dropped, and a simple table's columns after a cell where its dash runs
/// say they are (`[The]{.w} token   404`).
fn push_made_up(out: &mut String, part: &str, short: &mut usize) {
    if *short > 0 {
        if let Some(n) = part.find([' ', '\t', '\n', '\r']) {
            if matches!(part.as_bytes()[n], b' ' | b'\t') {
                out.push_str(&part[..n]);
                out.extend(std::iter::repeat_n(' ', *short));
                out.push_str(&part[n..]);
                *short = 0;
                return;
            }
            *short = 0;
        }
    }
    out.push_str(part);
}

/// A line of a page: its text, whether its end ends a paragraph (U+2029), and its number in
/// the page (1-based).
type Line<'a> = (std::borrow::Cow<'a, str>, bool, usize);

/// How many lines at the top and at the bottom of a printed page may be its running head or
/// foot (a browser prints the date and title above, the address and page number below).
const RUNNING_LINES: usize = 3;

/// A text page cut into printed pages by form feeds (`pdftotext` of the page printed to PDF)
/// without each page's running head and foot: a line at the same place from the top or the
/// bottom of every page (all but one, where there are more than two), alike once its digits
/// are set aside (`12/03/2024, 10:15  Web Service Errors`, `https://... 3/12`), and none of
/// an entry's parts (a heading, a label, a status). Where one was dropped, the blank lines
/// around the page break go too, so that a paragraph the break cut goes on; one ending a
/// sentence still ends there, in a page with blank lines between its paragraphs. The lines
/// kept keep their numbers; a page without two form feeds is returned as it is.
fn without_running_heads(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    if lines.iter().filter(|l| l.0.contains('\u{c}')).count() < 2 {
        return lines;
    }
    // Each line's page, and the lines without their form feeds.
    let mut page = 0;
    let mut pages = Vec::with_capacity(lines.len());
    let mut lines: Vec<Line<'_>> = lines
        .into_iter()
        .map(|(text, ends, n)| {
            let feeds = text.contains('\u{c}');
            if text.starts_with('\u{c}') {
                page += 1;
            }
            pages.push(page);
            if feeds && !text.starts_with('\u{c}') && text.trim_end().ends_with('\u{c}') {
                page += 1;
            }
            let text = if feeds {
                text.replace('\u{c}', "").into()
            } else {
                text
            };
            (text, ends, n)
        })
        .collect();
    let count = page + 1;
    let blank = |l: &Line<'_>| l.0.trim().is_empty();
    // The line with white space collapsed and each number as one `#`: page 9 and page 10 alike.
    let shape = |text: &str| -> String {
        let mut out = String::new();
        for c in text
            .split_whitespace()
            .flat_map(|w| [' '].into_iter().chain(w.chars()))
        {
            match c {
                '0'..='9' if out.ends_with('#') => {}
                '0'..='9' => out.push('#'),
                c => out.push(c),
            }
        }
        out
    };
    let part = |text: &str| {
        let text = normalise(text);
        code_head(&text).is_some() || label(&text).is_some() || status(&text).is_some()
    };
    let mut dropped = vec![false; lines.len()];
    let mut at_break = vec![false; count];
    for from_top in [true, false] {
        for _ in 0..RUNNING_LINES {
            // Each page's first (or last) line not yet dropped.
            let mut ends: Vec<Option<usize>> = vec![None; count];
            for i in 0..lines.len() {
                if dropped[i] || blank(&lines[i]) {
                    continue;
                }
                let end = &mut ends[pages[i]];
                if end.is_none() || !from_top {
                    *end = Some(i);
                }
            }
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            for &i in ends.iter().flatten() {
                if !part(&lines[i].0) {
                    *seen.entry(shape(&lines[i].0)).or_default() += 1;
                }
            }
            let pages_with_text = ends.iter().flatten().count();
            let needed = if pages_with_text > 2 {
                pages_with_text - 1
            } else {
                2
            };
            let Some((running, _)) = seen.into_iter().find(|(_, n)| *n >= needed) else {
                break;
            };
            for &i in ends.iter().flatten() {
                // An entry's part where the page that has none ends (or starts) is kept, even
                // of the running line's shape: a status `400` is `#`, as a page number is.
                if shape(&lines[i].0) != running || part(&lines[i].0) {
                    continue;
                }
                dropped[i] = true;
                let p = pages[i];
                at_break[if from_top { p.saturating_sub(1) } else { p }] = true;
                // The blank lines between it and the page's text go with it.
                let mut j = i;
                while let Some(k) = if from_top {
                    j.checked_add(1)
                } else {
                    j.checked_sub(1)
                }
                .filter(|&k| k < lines.len() && pages[k] == p && blank(&lines[k]))
                {
                    dropped[k] = true;
                    j = k;
                }
            }
        }
    }
    // Whether the page has blank lines between paragraphs away from the breaks.
    let paragraphs_blank = (1..lines.len().saturating_sub(1)).any(|i| {
        blank(&lines[i])
            && !dropped[i]
            && pages[i - 1] == pages[i]
            && pages[i + 1] == pages[i]
            && !blank(&lines[i - 1])
            && !blank(&lines[i + 1])
    });
    // The blank lines at each break where a running head or foot was dropped: from the
    // previous page's last text to the next page's first.
    let (mut first_kept, mut last_kept) = (vec![None; count + 1], vec![None; count]);
    for i in (0..lines.len()).filter(|&i| !dropped[i] && !blank(&lines[i])) {
        first_kept[pages[i]].get_or_insert(i);
        last_kept[pages[i]] = Some(i);
    }
    for p in (0..count).filter(|&p| at_break[p]) {
        let (Some(last), Some(first)) = (last_kept[p], first_kept[p + 1]) else {
            continue;
        };
        dropped[last + 1..first].fill(true);
        let sentence = lines[last]
            .0
            .trim_end()
            .trim_end_matches([')', ']', '"', '\'', '\u{201d}', '\u{2019}'])
            .ends_with(['.', '!', '?', ':', ';']);
        if paragraphs_blank && sentence {
            lines[last].1 = true;
        }
    }
    lines
        .into_iter()
        .zip(dropped)
        .filter(|(_, d)| !d)
        .map(|(l, _)| l)
        .collect()
}

/// A text page's lines with each Markdown table (a pipe table, `| 0405 | ... |` under
/// `|---|---|`, as pandoc's `gfm` writes one; or a simple table, its columns set by a line of
/// dash runs under the heading line, as pandoc's `markdown` writes one) read as the same table
/// in HTML reads ([`html_to_text`]): a row per code, a cell per column, labelled by the
/// heading row or by the cells. Each of its paragraphs is a line of its own that ends one,
/// numbered as the table's heading line.
fn text_tables(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    if !lines
        .iter()
        .any(|(l, ..)| l.contains("---") || l.contains('\t'))
    {
        return lines;
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    // Whether line `n` is a row of a table pasted as text: three cells or more, a tab between.
    let tabbed = |n: usize| lines.get(n).is_some_and(|l| l.0.matches('\t').count() >= 2);
    while i < lines.len() {
        // A table copied from a browser: two such rows or more.
        if tabbed(i) && tabbed(i + 1) {
            let end = (i..lines.len())
                .find(|&n| !tabbed(n))
                .unwrap_or(lines.len());
            let rows: Vec<Vec<String>> = lines[i..end]
                .iter()
                .map(|l| l.0.split('\t').map(str::to_string).collect())
                .collect();
            out.extend(table_lines(None, &rows, lines[i].2));
            i = end;
            continue;
        }
        // A heading line and the line of its columns; or, after a blank line, a simple table
        // without a heading: the line of its columns, its rows, the same line again.
        let headed = lines
            .get(i + 1)
            .and_then(|sep| table_columns(&lines[i].0, &sep.0))
            .map(|columns| (Some(i), columns, i + 2));
        let headless = || {
            (i == 0 || lines[i - 1].0.trim().is_empty())
                .then(|| table_columns("-", &lines[i].0))
                .flatten()
                .filter(Option::is_some)
                .map(|columns| (None, columns, i + 1))
        };
        let dashes = |l: &str| l.contains("---") && l.chars().all(|c| c == '-' || c == ' ');
        let table = headed
            .or_else(headless)
            .map(|(head, columns, first)| {
                let end = (first..lines.len())
                    .find(|&n| {
                        let l = lines[n].0.trim();
                        l.is_empty()
                            || (columns.is_none() && !l.starts_with('|'))
                            || (columns.is_some() && dashes(l))
                    })
                    .unwrap_or(lines.len());
                (head, columns, first, end)
            })
            .filter(|&(_, _, first, end)| end > first);
        let Some((head, columns, first, end)) = table else {
            out.push(lines[i].clone());
            i += 1;
            continue;
        };
        let cells = |line: &str| -> Vec<String> {
            match &columns {
                None => {
                    let inner = line.trim().trim_start_matches('|');
                    let inner = inner.strip_suffix('|').unwrap_or(inner);
                    let mut cells = vec![String::new()];
                    let mut chars = inner.chars().peekable();
                    while let Some(c) = chars.next() {
                        // `\|` is a `|` in the cell's text.
                        let c = match c {
                            '\\' => chars.next_if_eq(&'|').unwrap_or(c),
                            '|' => {
                                cells.push(String::new());
                                continue;
                            }
                            c => c,
                        };
                        if let Some(cell) = cells.last_mut() {
                            cell.push(c);
                        }
                    }
                    cells
                }
                Some(spans) => {
                    let chars: Vec<char> = line.chars().collect();
                    spans
                        .iter()
                        .enumerate()
                        .map(|(k, &start)| {
                            let end = spans.get(k + 1).copied().unwrap_or(chars.len());
                            chars[start.min(chars.len())..end.min(chars.len())]
                                .iter()
                                .collect()
                        })
                        .collect()
                }
            }
        };
        let heading = head.map(|head| cells(&lines[head].0));
        let rows: Vec<Vec<String>> = lines[first..end].iter().map(|l| cells(&l.0)).collect();
        out.extend(table_lines(heading, &rows, lines[i].2));
        // The line that closes a table without a heading.
        i = end + usize::from(head.is_none() && lines.get(end).is_some_and(|l| dashes(l.0.trim())));
    }
    out
}

/// The lines a table of a text page reads as: its heading cells (`head`) and `rows` of cells
/// laid out as the same table in HTML and read as [`html_to_text`] reads it, each paragraph a
/// line that ends one, numbered `number` (the table's first line).
fn table_lines(
    head: Option<Vec<String>>,
    rows: &[Vec<String>],
    number: usize,
) -> Vec<Line<'static>> {
    let escape = |s: &str| {
        s.trim()
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut html = String::from("<table>");
    if let Some(head) = head {
        html += "<tr>";
        for cell in head {
            html += &format!("<th>{}</th>", escape(&cell));
        }
        html += "</tr>";
    }
    for row in rows {
        html += "<tr>";
        for cell in row {
            html += &format!("<td>{}</td>", escape(cell));
        }
        html += "</tr>";
    }
    html += "</table>";
    html_to_text(&html)
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| (l.to_string().into(), true, number))
        .collect()
}

/// The columns of a Markdown table whose heading line is `head` and whose next line is `sep`:
/// `Some(None)` for a pipe table (`|---|:--:|`), `Some(Some(starts))` for a simple table, the
/// character at which each of its 2 to 32 dash runs starts; `None` for no table.
fn table_columns(head: &str, sep: &str) -> Option<Option<Vec<usize>>> {
    let (h, t) = (head.trim(), sep.trim());
    if h.is_empty() || !t.contains("---") || t.len() > 64 * 1024 {
        return None;
    }
    if h.starts_with('|') && t.contains('|') {
        return t
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' '))
            .then_some(None);
    }
    if !t.chars().all(|c| c == '-' || c == ' ') {
        return None;
    }
    let mut starts = Vec::new();
    let mut before = ' ';
    for (n, c) in sep.chars().enumerate() {
        if c == '-' && before == ' ' {
            starts.push(n);
        }
        before = c;
    }
    // A table of codes has a few columns: a line of many dash runs is no table's (and each
    // row would give as many cells).
    (2..=32).contains(&starts.len()).then_some(Some(starts))
}

/// The length of the pandoc attribute block `text` starts with (`{#e0405 .error}`,
/// `{target="_blank"}`): identifiers, classes and `key=value` pairs, on one line. An
/// identifier pandoc makes of a heading is as long as the heading. The block is read up to
/// its `}`, or the next `{` or line end, where it is none: no byte is read for two blocks.
fn attribute_block(text: &str) -> Option<usize> {
    let body = text.strip_prefix('{')?;
    let end = body
        .bytes()
        .position(|b| matches!(b, b'}' | b'{' | b'\n' | b'\r'))
        .filter(|&n| body.as_bytes()[n] == b'}')?;
    let mut rest = body[..end].trim();
    if rest.is_empty() {
        return None;
    }
    let name = |s: &str, extra: &str| {
        !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || extra.contains(c))
    };
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix(['#', '.']) {
            let n = r.find(char::is_whitespace).unwrap_or(r.len());
            if !name(&r[..n], "-_:.") {
                return None;
            }
            rest = r[n..].trim_start();
        } else {
            let n = rest.find('=')?;
            if !name(&rest[..n], "-_:") || !rest.starts_with(|c: char| c.is_alphabetic()) {
                return None;
            }
            let value = &rest[n + 1..];
            let len = match value.strip_prefix('"') {
                Some(quoted) => quoted.find('"')? + 2,
                None => value.find(char::is_whitespace).unwrap_or(value.len()),
            };
            if len == 0 {
                return None;
            }
            rest = value[len..].trim_start();
        }
    }
    Some(end + 2)
}

/// A text page's line without a converter's marks around it: Pandoc's fenced div (`::: {…}`,
/// `:::`) is no text; html2text's heading marks (`**** 0405 : …`, `… ****`, `*** Remedy ***`)
/// and lynx's `(BUTTON) ` before a button's text go.
fn unmark_line(line: &str) -> std::borrow::Cow<'_, str> {
    // Markdown's hard line break (pandoc writes `<br>` so): a `\` that ends the line.
    let end = line.trim_end();
    let slashes = end.len() - end.trim_end_matches('\\').len();
    if slashes % 2 == 1 {
        return unmark_line(&end[..end.len() - 1]).into_owned().into();
    }
    let t = line.trim();
    // `:::` is a fenced div's; `:` alone, an empty definition's (`<dd></dd>`).
    if t.starts_with(":::") || t == ":" {
        return "".into();
    }
    // lynx's mark for a button (an accordion's heading is one).
    if let Some(rest) = t.strip_prefix("(BUTTON) ") {
        return unmark_line(rest).into_owned().into();
    }
    let stars = |s: &str| (2..=6).contains(&s.len()) && s.bytes().all(|b| b == b'*');
    let open = t.split_once(' ').filter(|(m, _)| stars(m)).map(|(_, r)| r);
    let body = open.unwrap_or(t);
    let close = body
        .rsplit_once(' ')
        .filter(|(_, m)| stars(m))
        .map(|(r, _)| r);
    match (open, close) {
        (None, None) => line.into(),
        (_, Some(body)) | (Some(body), None) => body.to_string().into(),
    }
}

/// Text without Markdown's emphasis and code marks (`**Account**`, `_x_`, `` `media_delete` ``)
/// and its escapes (`\'`, `\_`): a `*`, `_` or `` ` `` stays only between two letters or digits
/// (`tel_get_supported_countries`).
/// It only drops those marks and backslashes, which [`fingerprint`] does not count, so that the
/// page's own `*.wav` or `_tmp` read from its text changes no fingerprint.
fn unemphasise(text: &str) -> String {
    if !text.contains(['*', '_', '`', '\\']) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1).is_some_and(char::is_ascii_punctuation) {
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if matches!(c, '*' | '_' | '`') {
            let end = (i..chars.len())
                .find(|&j| chars[j] != c)
                .unwrap_or(chars.len());
            let inside = i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(end).is_some_and(|n| n.is_alphanumeric());
            if inside {
                out.extend(&chars[i..end]);
            }
            i = end;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The most of a URL (or a link's text) read to tell where it began or ends: longer ones are
/// no links (a page's URLs are under 100 bytes).
const MAX_URL: usize = 512;

/// Whether `line` goes on with the word or URL that `before` ends with, broken where a text
/// browser breaks a long one: a word after a `/` or `|` in it (w3m: `Key/` / `outbound`,
/// `[d|h|` / `m]`); a URL after a `/`, `:`, `&`, `?`, `=`, `#` or `_` in it or before a `/`
/// (w3m), or anywhere inside it when it is longer than the line (lynx: `cl` / `oud-regions`).
/// After a URL's letter, digit, `/` or `.`, the rest must look like more of a URL
/// (`dotnet/latest/…`, `ons.html`, `oud-regions`): a URL that ends before a word (`…/a` /
/// `for more`) keeps its space.
fn broken_inside_word(before: &str, line: &str) -> bool {
    // Only the word's last bytes are read, so that a page of lines each joined to the one
    // before is read in linear time.
    let mut start = before.len().saturating_sub(MAX_URL);
    while !before.is_char_boundary(start) {
        start += 1;
    }
    let last = before[start..].rsplit(' ').next().unwrap_or_default();
    let url = last.contains("://");
    let b = last.as_bytes();
    let ends = |s: &[u8]| b.len() >= s.len() && b[b.len() - s.len()..].eq_ignore_ascii_case(s);
    if ends(b"http:") || ends(b"https:") {
        return !line.is_empty();
    }
    if !url {
        return last
            .strip_suffix(['/', '|'])
            .is_some_and(|w| w.ends_with(char::is_alphanumeric))
            && line.starts_with(char::is_alphanumeric);
    }
    if last.ends_with(['&', '?', '=', '#', '_', '%', '~', '+']) {
        return !line.is_empty();
    }
    let next = line.split(' ').next().unwrap_or_default();
    let next = next.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'', '>']);
    last.ends_with(|c: char| c.is_alphanumeric() || c == '/' || c == '.')
        && next.contains(|c| "/.=&?#_%-".contains(c))
}

/// The symbols a permalink beside a heading shows (`#`, `¶`, `§`, a link icon).
const PERMALINKS: &str = "#\u{b6}\u{a7}\u{1f517}\u{2693}";

/// `line` without lynx's link numbers (`[7]https://…`, `[12]0405 : …`, `[4]"from"`): a
/// bracketed number glued to the word after it (or to a quote opening it), at the start of a
/// word. A footnote mark (`error [1].`, `[1]-[5]`) stays: punctuation follows it, not a word.
/// A permalink's symbol after the number goes with it (`[161]#0405 : …`, `… string.[162]¶`),
/// as the HTML page reads without it.
fn unnumber_links(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains(']') {
        return line.into();
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('[') {
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        let digits = tail[1..].bytes().take_while(u8::is_ascii_digit).count();
        let after = tail[1 + digits..].strip_prefix(']');
        let word_start = out.is_empty() || out.ends_with(char::is_whitespace);
        let permalink = after.map_or(0, |next| {
            next.chars()
                .take_while(|c| PERMALINKS.contains(*c))
                .map(char::len_utf8)
                .sum()
        });
        // lynx numbers its links from 1: `[0405]` is a code, whatever follows it.
        let leading_zero = tail.as_bytes().get(1) == Some(&b'0');
        match after {
            Some(next)
                if (word_start || permalink > 0)
                    && (1..=5).contains(&digits)
                    && !leading_zero
                    && (permalink > 0 || opens_word(next)) =>
            {
                rest = &next[permalink..];
            }
            _ => {
                out.push('[');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// Whether `text` opens with a word, maybe after an opening quote (`"from"`), as a link's text
/// after lynx's number does. A bracket after the number is no link's text: `[0405](…)` is
/// Markdown's link.
fn opens_word(text: &str) -> bool {
    // `[1003]'s remedy` is a code's possessive, not a link on the word `s`.
    let possessive = ["'s", "\u{2019}s"].iter().any(|s| {
        text.strip_prefix(s)
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
    });
    let text = text.trim_start_matches(['"', '\'', '\u{201c}', '\u{2018}', '\u{ab}']);
    !possessive && text.starts_with(char::is_alphanumeric)
}

/// The most brackets open at once that a link's `]` is matched among: real text nests one or
/// two, and a page of `[` is read in bounded memory.
const MAX_OPEN: usize = 64;

/// A paragraph with Markdown's links as the text they show: `[text](https://…)` (or a link to
/// a path, `/…`, `?…`, `#…`) as `text`, `<https://…>` as the URL (html2text writes both). A
/// link's text may be of any length and hold balanced brackets of its own: html2text links a
/// whole heading (`[0412 : In the format n[d|h|m], …](?error=0412)`).
fn unwrap_links(text: &str) -> String {
    // A target or a URL is read up to the first character that ends one, and the next bracket
    // is looked for past it; a link's `[` is taken out of the text written since it, which
    // MAX_OPEN bounds: the text is read in linear time whatever it holds.
    let ahead = |from: usize, stops: &[char]| {
        text[from..]
            .find(stops)
            .map(|n| from + n)
            .filter(|&n| n - from <= MAX_URL)
    };
    let mut out = String::with_capacity(text.len());
    // Where in `out` each `[` still open was written, the latest last.
    let mut open = std::collections::VecDeque::new();
    // `text[from..]` is still to write; `i` is where the next bracket is looked for.
    let (mut from, mut i) = (0, 0);
    while let Some(at) = text[i..].find(['[', ']', '<']).map(|n| i + n) {
        i = at + 1;
        let end = match text.as_bytes()[at] {
            b'[' => {
                if open.len() == MAX_OPEN {
                    open.pop_front();
                }
                open.push_back(out.len() + at - from);
                continue;
            }
            b'<' => {
                let Some(end) = ahead(at + 1, &['>', '<', '[', ' '])
                    .filter(|&end| text[end..].starts_with('>') && text[at..end].contains("://"))
                else {
                    continue;
                };
                out.push_str(&text[from..at]);
                out.push_str(&text[at + 1..end]);
                end
            }
            _ => {
                // Each `]` closes the latest `[` still open, and makes a link where a target
                // follows it.
                let Some(start) = open.pop_back() else {
                    continue;
                };
                let Some(end) = text[at..]
                    .starts_with("](")
                    .then(|| ahead(at + 2, &[')', '(', '[', ']', '<', ' ']))
                    .flatten()
                else {
                    continue;
                };
                let target = &text[at + 2..end];
                if !(target.contains("://") || target.starts_with(['/', '?', '#'])) {
                    continue;
                }
                // The link's `)`, after its title if it has one (`[text](url "title")`, as
                // html2text and pandoc write a link with a `title` attribute).
                let title = |quote: char| {
                    let mut from = end + 2;
                    loop {
                        let close = ahead(from, &[quote])?;
                        if !text[..close].ends_with('\\') {
                            return text[close + 1..].starts_with(')').then_some(close + 1);
                        }
                        from = close + 1;
                    }
                };
                let Some(end) = (match text.as_bytes()[end..] {
                    [b')', ..] => Some(end),
                    [b' ', quote @ (b'"' | b'\''), ..] => title(char::from(quote)),
                    _ => None,
                }) else {
                    continue;
                };
                out.push_str(&text[from..at]);
                out.remove(start);
                end
            }
        };
        from = end + 1;
        i = end + 1;
    }
    out.push_str(&text[from..]);
    out
}

/// A label line written with Markdown or list marks (`**HTTP status:** 404`, `#### Remedy`,
/// `- Remedy: text`) as the label reads plain (`HTTP status: 404`, `Remedy`); any other line
/// as it is.
fn unmark_label(line: String) -> String {
    let s = strip_lead(&line);
    if s.len() == line.len() && !s.contains(['*', '_', '`']) {
        return line;
    }
    for prefix in HTTP_LABELS.iter().chain(&["Remedy"]) {
        let Some(head) = s
            .get(..prefix.len())
            .filter(|h| h.eq_ignore_ascii_case(prefix))
        else {
            continue;
        };
        let after = &s[prefix.len()..];
        let rest = after.trim_start_matches(['*', '_', '`']);
        // Emphasis that closes right after the label's words (`**Remedy** Try again.`) ends the
        // label, as a colon would: the label alone in its element, its value after it.
        let opened = line[..line.len() - s.len()].ends_with(['*', '_', '`']);
        let closed = opened && rest.len() < after.len();
        let plain = match rest.trim_start().strip_prefix(':') {
            Some(value) => format!(
                "{head}: {}",
                value.trim_start_matches(['*', '_', '`', ' ']).trim()
            ),
            None if rest.trim().is_empty() => head.to_string(),
            None if closed && rest.starts_with(' ') => format!("{head}: {}", rest.trim()),
            None => format!("{head}{rest}"),
        };
        let plain = plain.trim_end().to_string();
        return if label(&plain).is_some() { plain } else { line };
    }
    line
}

/// A line that starts with a label and a tab (a table's row copied from a browser:
/// `Remedy<TAB>Try again.`) with a colon for the tab, so that it reads as `Remedy: Try again.`.
/// So too a code and a tab before the text, the only tab on its line (`0405<TAB>text`).
fn tab_after_label(line: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = line.trim_start();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 4 && trimmed[4..].starts_with('\t') && !trimmed[5..].contains('\t') {
        return format!("{} :{}", &trimmed[..4], &trimmed[4..]).into();
    }
    for prefix in HTTP_LABELS.iter().chain(&["Remedy"]) {
        let head = trimmed.get(..prefix.len());
        if head.is_some_and(|h| h.eq_ignore_ascii_case(prefix))
            && trimmed[prefix.len()..].starts_with('\t')
        {
            return format!("{}:{}", &trimmed[..prefix.len()], &trimmed[prefix.len()..]).into();
        }
    }
    line.into()
}

/// Wording as compared: typographic quotes, dashes, ellipses and odd spaces as their plain
/// forms (a run of dashes as one `-`), invisible characters dropped, whitespace collapsed to
/// single spaces, trimmed.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let plain = match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{2bc}'
            | '\u{ff07}' => "'",
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => "\"",
            // A run of dashes is one: pandoc's Markdown writes an en dash `--`, an em dash `---`.
            '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' if !space && out.ends_with('-') => continue,
            '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
            '\u{2026}' => "...",
            // Soft hyphen, zero-width space and joiners, the marks and embeddings of direction
            // (`&lrm;`, as some pages put before a number), word joiner and isolates, BOM.
            '\u{ad}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}' => "",
            c if c.is_whitespace() || c.is_control() => {
                space = !out.is_empty();
                continue;
            }
            _ => {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(c);
                continue;
            }
        };
        if !plain.is_empty() && space {
            out.push(' ');
            space = false;
        }
        out.push_str(plain);
    }
    out
}

/// `0405 : text` → the code and the text after it. The heading may be written in the other
/// ways a saved or converted page writes one: `0405: text`, `0405 - text` (or an en or em
/// dash), `0405 | text`, `[0405] text`, `(0405) text`; after a list marker (`•`, `-`, `*`, `+`,
/// `1.`), a Markdown heading's or quote's marks, or a word (`Code 0405 :`, `Error 0405:`,
/// `Error code #0405 -`); in emphasis or a link (`**0405** :`, `[0405](...) :`); or the code
/// alone (`## 0405`), its text in the next paragraph.
fn code_head(p: &str) -> Option<(u16, &str)> {
    let (digits, text) = head(p)?;
    if digits.len() != 4 {
        return None;
    }
    Some((digits.parse().ok()?, text))
}

/// Marks that may open a heading or a label line, stripped: a list marker, a Markdown heading's
/// `#`s, a quote's `>`, emphasis, an opening bracket.
fn strip_lead(p: &str) -> &str {
    let mut s = p.trim_start();
    loop {
        let before = s.len();
        // A list marker or heading mark is followed by a space; emphasis and brackets are not.
        // `:` opens a definition in pandoc's Markdown (`:   HTTP Error code 404`).
        for marker in [
            "#", "##", "###", "####", "#####", "######", ">", "-", "*", "+", ":", "\u{2022}",
            "\u{b7}", "\u{25aa}", "\u{2023}", "\u{25e6}", "\u{25cf}", "\u{25cb}", "\u{25a0}",
            "\u{25a1}",
        ] {
            if let Some(rest) = s.strip_prefix(marker) {
                if rest.starts_with(' ') || (marker == ">" && !rest.is_empty()) {
                    s = rest.trim_start();
                    break;
                }
            }
        }
        // An ordered list's number: `1.`, `12)`, then a space.
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=3).contains(&n) && s[n..].starts_with(['.', ')']) && s[n + 1..].starts_with(' ') {
            s = s[n + 1..].trim_start();
        }
        s = s.trim_start_matches(['*', '_', '`', '[', '(', '"']);
        if s.len() == before {
            return s;
        }
    }
}

/// Marks that may close a code or a label: emphasis, a closing bracket, a Markdown link's
/// target. Returns the rest and whether a bracket closed.
fn strip_close(mut s: &str) -> (&str, bool) {
    let mut bracket = false;
    loop {
        let before = s.len();
        s = s.trim_start_matches(['*', '_', '`', '"']);
        if let Some(rest) = s.strip_prefix("](") {
            s = rest.find(')').map_or("", |i| &rest[i + 1..]);
            bracket = true;
        } else if let Some(rest) = s.strip_prefix([']', ')']) {
            s = rest;
            bracket = true;
        }
        if s.len() == before {
            return (s, bracket);
        }
    }
}

/// The words a heading may put before its code: `Code 0405`, `Error code: 0405`, `Error #0405`.
const HEAD_WORDS: &[&str] = &["error code", "error", "code", "err", "no.", "number"];

/// A heading's number (any count of digits) and its text, if `p` is shaped as a heading.
fn head(p: &str) -> Option<(&str, &str)> {
    let mut s = strip_lead(p);
    for word in HEAD_WORDS {
        if let Some(h) = s.get(..word.len()).filter(|h| h.eq_ignore_ascii_case(word)) {
            let rest = &s[h.len()..];
            if rest.starts_with([' ', ':', '#']) {
                s = strip_lead(rest.trim_start_matches([' ', ':', '#']));
                break;
            }
        }
    }
    // `#0405`, and `#**0405**` (a permalink's `#` before the code, as html2text writes it).
    let s = s.strip_prefix('#').map_or(s, strip_lead);
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return None;
    }
    let (digits, raw) = s.split_at(n);
    // `2021-01-15`, `2021.5`: a date or a number, not a heading.
    if raw.starts_with('-') || raw.starts_with('.') && !raw[1..].starts_with(' ') && raw.len() > 1 {
        return None;
    }
    let (rest, bracket) = strip_close(raw);
    let after = rest.trim_start();
    let text = if after.is_empty() {
        ""
    } else if let Some(t) = after.strip_prefix([':', '-', '|', '\u{ff1a}']) {
        let t = strip_close(t).0.trim_start();
        // `1978 - 2024`, `2019 - 2024 Aculab plc`, `0001 - 0099`: a range of years or codes,
        // not a heading; `0405 - 404 Not Found: ...` is one.
        if after.starts_with('-') && t.bytes().take_while(u8::is_ascii_digit).count() >= 4 {
            return None;
        }
        t
    } else if let Some(t) = after
        .strip_prefix(['.', ')'])
        .filter(|t| t.is_empty() || t.starts_with(' '))
    {
        t.trim_start()
    } else if bracket && after.len() < rest.len() {
        after
    } else {
        return None;
    };
    Some((digits, text))
}

/// What a label paragraph introduces.
enum Label<'a> {
    /// "HTTP Error code", with the status when it is on the same line.
    Http(&'a str),
    /// "Remedy", with the remedy when it is on the same line.
    Remedy(&'a str),
}

/// The ways a page may name an entry's HTTP status, longest first.
const HTTP_LABELS: &[&str] = &[
    "HTTP Error code",
    "HTTP Status code",
    "HTTP Status",
    "HTTP code",
];

fn label(p: &str) -> Option<Label<'_>> {
    // The text after `prefix` (any case), and whether a colon separates them.
    let strip = |prefix: &str| -> Option<(&str, bool)> {
        let head = p.get(..prefix.len())?;
        head.eq_ignore_ascii_case(prefix).then(|| {
            let rest = p[prefix.len()..].trim_start();
            (
                rest.trim_start_matches([':', ' ']).trim(),
                rest.starts_with(':'),
            )
        })
    };
    for prefix in HTTP_LABELS {
        match strip(prefix) {
            // The label alone, with its status after it, or with a colon and whatever follows
            // (a status that cannot be read is then named, not taken for none); not a sentence
            // that begins with it.
            Some((rest, colon)) if rest.is_empty() || colon || status(rest).is_some() => {
                return Some(Label::Http(rest))
            }
            _ => {}
        }
    }
    match strip("Remedy") {
        // "Remedy" alone, or "Remedy: text"; not a sentence that begins with the word.
        Some((rest, colon)) if rest.is_empty() || colon => Some(Label::Remedy(rest)),
        _ => None,
    }
}

/// Whether the value of a status or a remedy is a placeholder for none, as a table writes one
/// in the cell of what the page does not give: dashes, `N/A`, `NA`, `None`, `Not applicable`,
/// perhaps in brackets or with a full stop.
fn placeholder(value: &str) -> bool {
    let value = normalise(value).to_ascii_lowercase();
    let value = value.trim_matches(['(', ')', '.', ' ']);
    (!value.is_empty() && value.bytes().all(|b| b == b'-'))
        || ["n/a", "n.a", "na", "none", "not applicable"].contains(&value)
}

/// An HTTP status as a page writes one: `404`, `404 Not Found`, `HTTP 404`, `HTTP/1.1 404`,
/// `HTTP status 404`: three digits, 100..=599, not followed by another digit.
fn status(p: &str) -> Option<u16> {
    // `**404**`: emphasis is no part of it.
    let mut s = p.trim_start().trim_start_matches(['*', '_', '`']);
    if s.get(..4).is_some_and(|h| h.eq_ignore_ascii_case("http")) {
        s = &s[4..];
        if let Some(version) = s.strip_prefix('/') {
            s = version.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        }
        s = s.trim_start_matches([' ', ':', '-']);
        for word in ["status code", "error code", "status", "error", "code"] {
            if s.get(..word.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(word))
            {
                s = s[word.len()..].trim_start_matches([' ', ':', '-']);
                break;
            }
        }
    }
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let n: u16 = digits.parse().ok()?;
    (digits.len() == 3 && (100..=599).contains(&n)).then_some(n)
}

fn entries(paragraphs: &[Paragraph]) -> Page {
    #[derive(PartialEq)]
    enum Want {
        Description,
        Status,
        Remedy,
        Nothing,
        /// Nothing but labels: the entry only mentions its code.
        Mention,
    }
    let mut page = Page {
        entries: Vec::new(),
        repeated: Vec::new(),
        unclear: Vec::new(),
        unclear_more: 0,
    };
    // What a page repeats between its entries as none of their parts (`Back to top`, a feedback
    // widget, a share bar): a paragraph found twice or more, and as often as a quarter of the
    // entries at least, or found outside them too (before the first, or after the last one's
    // parts: the close of every section). No entry's wording is made of it. A sentence that
    // some entries share (`If it continues, please contact us.`, a remedy's second paragraph
    // or list item) is found far less often, and only in them: it is their wording.
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let heads: Vec<usize> = (0..paragraphs.len())
        .filter(|&i| code_head(&paragraphs[i].text).is_some())
        .collect();
    for p in paragraphs {
        *seen.entry(p.text.as_str()).or_default() += 1;
    }
    let mut outside: std::collections::HashSet<&str> = std::collections::HashSet::new();
    if let (Some(&first), Some(&last)) = (heads.first(), heads.last()) {
        // The last entry's parts end with its last label and the value under it.
        let mut end = last + 1;
        for (i, p) in paragraphs.iter().enumerate().skip(last + 1) {
            match label(&p.text) {
                Some(Label::Http("") | Label::Remedy("")) => end = i + 2,
                Some(_) => end = i + 1,
                None => {}
            }
        }
        let before = paragraphs[..first].iter();
        let after = paragraphs[end.min(paragraphs.len())..].iter();
        outside.extend(before.chain(after).map(|p| p.text.as_str()));
    }
    let often = heads.len().div_ceil(4).max(2);
    let furniture = |text: &str| {
        seen.get(text)
            .is_some_and(|&n| n >= often || n > 1 && outside.contains(text))
    };
    let mut first: std::collections::HashMap<u16, usize> = std::collections::HashMap::new();
    let mut repeated: std::collections::HashSet<u16> = std::collections::HashSet::new();
    // The entry being read and the line of its heading.
    let mut current: Option<(PageEntry, Option<usize>)> = None;
    // A list of the codes with their titles (a table of contents: `0405 : Invalid token`, one
    // after another) only mentions them, as its codes alone do: an entry that is its heading
    // alone, right before or after another such entry, is `listed`. Paragraphs read since the
    // current entry's heading, and whether the entry before it was its heading alone.
    let mut since_head = 0usize;
    let mut after_head_only = false;
    // Whether each entry of `page.entries` was listed; and the codes whose listings, all
    // mentions, disagree, with the line of the one that disagreed: unclear unless an entry
    // with a status or remedy settles which the code's is.
    let mut listed_at: Vec<bool> = Vec::new();
    let mut disagreeing: Vec<(u16, Option<usize>)> = Vec::new();
    let mut want = Want::Nothing;
    // Labels met in the current entry: (HTTP status, remedy).
    let mut labels = (0, 0);
    // The paragraphs since the entry's last part that are none of its parts. A label after
    // them shows them to be within the entry: one shaped as a heading is a heading that cannot
    // be read, and the others continue the entry's wording ([`continue_wording`]); so do they,
    // the page's furniture aside, when the entry ends at the next heading.
    let mut strays: Vec<&Paragraph> = Vec::new();
    // Under a heading that cannot be read: its parts belong to no entry read.
    let mut lost = false;
    // A code listed among others whose next paragraph was read as its description, which only
    // a label before the next code confirms: the list's last code before the page's prose, or
    // the first entry of a table (its code alone in a cell) right after the list.
    let mut tentative = false;
    let finish = |entry: Option<(PageEntry, Option<usize>)>,
                  listed: bool,
                  page: &mut Page,
                  listed_at: &mut Vec<bool>,
                  disagreeing: &mut Vec<(u16, Option<usize>)>| {
        let Some((e, line)) = entry else { return };
        // A code with no status and no remedy after it (a table of contents' link, bare or
        // with a title, and whatever paragraph follows the last of them) only mentions it:
        // where the page also lists the code with either, the listing is read and the mention
        // is none.
        let mention = |e: &PageEntry| e.http.is_none() && e.remedy.is_none();
        let bare = |e: &PageEntry| e.description.is_empty() && mention(e);
        match first.get(&e.code) {
            None => {
                first.insert(e.code, page.entries.len());
                page.entries.push(e);
                listed_at.push(listed);
            }
            Some(&i) if bare(&e) || mention(&e) && !mention(&page.entries[i]) => {}
            Some(&i) if bare(&page.entries[i]) || mention(&page.entries[i]) && !mention(&e) => {
                page.entries[i] = e;
                listed_at[i] = listed;
            }
            // Two mentions that differ, one of them in a list of the codes with their titles
            // (cut short, as a table of contents shows them): the other is the code's entry.
            Some(&i)
                if mention(&e)
                    && listed != listed_at[i]
                    && Fact::of(&page.entries[i]) != Fact::of(&e) =>
            {
                if listed_at[i] {
                    page.entries[i] = e;
                    listed_at[i] = false;
                }
            }
            // Both listed: an entry with a status or a remedy may yet settle it.
            Some(&i) if mention(&e) && listed && Fact::of(&page.entries[i]) != Fact::of(&e) => {
                if disagreeing.iter().all(|&(c, _)| c != e.code) {
                    disagreeing.push((e.code, line));
                }
            }
            Some(&i) => {
                // Alike as the record keeps them: status, remedy or none, and both wordings.
                if Fact::of(&page.entries[i]) == Fact::of(&e) {
                    if repeated.insert(e.code) {
                        page.repeated.push(e.code);
                    }
                } else {
                    page.note(Unclear {
                        code: e.code,
                        line,
                        what: "is listed twice, with different facts".into(),
                    });
                }
            }
        }
    };
    let mut finish = finish;
    for paragraph in paragraphs {
        let (p, line) = (&paragraph.text, paragraph.line);
        if let Some((code, text)) = code_head(p) {
            labels = (0, 0);
            if let Some((entry, _)) = current.as_mut() {
                if tentative {
                    // Never confirmed: the code was only listed, and the text was not its own.
                    entry.description.clear();
                } else {
                    continue_wording(entry, &strays, false, &furniture);
                }
            }
            tentative = false;
            lost = false;
            strays.clear();
            // The entry read is its heading alone (with its text), or follows one.
            let head_only = since_head == 0
                && current
                    .as_ref()
                    .is_some_and(|(e, _)| !e.description.is_empty());
            finish(
                current.take(),
                head_only || after_head_only,
                &mut page,
                &mut listed_at,
                &mut disagreeing,
            );
            after_head_only = head_only;
            since_head = 0;
            current = Some((
                PageEntry {
                    code,
                    http: None,
                    description: text.to_string(),
                    remedy: None,
                },
                line,
            ));
            // A code alone right after another (a list of them: a table of contents) is a
            // mention too: the paragraph after it is its text only if a label follows (the
            // list's last code is followed by the page's prose; the first row of a table of
            // the codes, its code alone in a cell, by its description).
            let listed = matches!(want, Want::Description | Want::Mention);
            want = match (text.is_empty(), listed) {
                (true, false) => Want::Description,
                (true, true) => Want::Mention,
                (false, _) => Want::Nothing,
            };
            continue;
        }
        let Some((entry, _)) = current.as_mut() else {
            continue;
        };
        since_head += 1;
        let code = entry.code;
        let unclear = |what: String| Unclear { code, line, what };
        // `12345 : ...`: shaped like a heading, but not a four-digit code; not `12:30 UTC ...`.
        let digits = p.bytes().take_while(u8::is_ascii_digit).count();
        let colon = p[digits..]
            .trim_start()
            .strip_prefix(':')
            .is_some_and(|t| t.is_empty() || t.starts_with(' '));
        if !lost && digits > 0 && colon && heading_shape(p).is_some() {
            let what = format!(
                "is followed by a heading that is not a four-digit code: {:?}",
                short(p)
            );
            page.note(unclear(what));
            lost = true;
            continue;
        }
        let label = match label(p) {
            // The value under "HTTP Error code" written as "HTTP status 404": the status.
            Some(Label::Http(rest)) if want == Want::Status && !rest.is_empty() => None,
            label => label,
        };
        if lost {
            continue;
        }
        if label.is_some() && !strays.is_empty() {
            let heading = strays
                .iter()
                .enumerate()
                .find_map(|(i, s)| Some((i, s, heading_shape(&s.text)?)));
            continue_wording(entry, &strays, true, &|_| false);
            if let Some((_, s, code)) = heading {
                // A heading that cannot be read, named by the code it holds (by the entry's
                // code if it holds none: `0405a : ...`); what follows it is not this entry's.
                let (code, whose) = match code {
                    Some(code) => (code, "has"),
                    None => (entry.code, "is followed by"),
                };
                page.note(Unclear {
                    code,
                    line: s.line,
                    what: format!(
                        "{whose} a heading that cannot be read: {:?}",
                        short(&s.text)
                    ),
                });
                lost = true;
                strays.clear();
                continue;
            }
        }
        match label {
            Some(Label::Http(_)) => labels.0 += 1,
            Some(Label::Remedy(_)) => labels.1 += 1,
            None => {}
        }
        if label.is_some() {
            tentative = false;
        }
        if labels.0 > 1 || labels.1 > 1 {
            let what = if labels.0 > 1 {
                "HTTP status"
            } else {
                "remedy"
            };
            page.note(unclear(format!("gives its {what} twice")));
            labels = (labels.0.min(1), labels.1.min(1));
        }
        match label {
            Some(Label::Http("")) => want = Want::Status,
            Some(Label::Http(rest)) => {
                entry.http = status(rest);
                if entry.http.is_none() && !placeholder(rest) {
                    let what = format!("has an HTTP status that cannot be read: {:?}", short(p));
                    page.note(unclear(what));
                }
                want = Want::Nothing;
            }
            Some(Label::Remedy("")) => want = Want::Remedy,
            Some(Label::Remedy(rest)) => {
                entry.remedy = (!placeholder(rest)).then(|| rest.to_string());
                want = Want::Nothing;
            }
            None => {
                // After a code or a label alone (`<dt>0405</dt><dd>: text</dd>`,
                // `<em>Remedy</em>: text`), the separator is no part of the value.
                let value = p.trim_start_matches(':').trim_start();
                match want {
                    Want::Description => {
                        entry.description = value.to_string();
                    }
                    Want::Status => {
                        entry.http = status(value);
                        if entry.http.is_none() && !placeholder(value) {
                            let what =
                                format!("has an HTTP status that cannot be read: {:?}", short(p));
                            page.note(unclear(what));
                        }
                    }
                    Want::Remedy => {
                        entry.remedy = (!placeholder(value)).then(|| value.to_string());
                    }
                    // A table whose description column follows the status column.
                    Want::Nothing if entry.description.is_empty() => {
                        entry.description = p.clone();
                    }
                    Want::Nothing => {
                        strays.push(paragraph);
                        continue;
                    }
                    Want::Mention if entry.description.is_empty() => {
                        entry.description = value.to_string();
                        tentative = true;
                    }
                    Want::Mention => continue,
                }
                want = Want::Nothing;
            }
        }
        strays.clear();
    }
    // What follows the last entry is the page's own (its next section, a footer), which no
    // rule tells from a further paragraph of the last entry: it is left out.
    if let Some((entry, _)) = current.as_mut().filter(|_| tentative) {
        entry.description.clear();
    }
    finish(
        current.take(),
        after_head_only,
        &mut page,
        &mut listed_at,
        &mut disagreeing,
    );
    // Listings that disagree, all mentions still: which is the code's entry is not known.
    for (code, line) in disagreeing {
        let i = first[&code];
        if page.entries[i].http.is_none() && page.entries[i].remedy.is_none() {
            page.note(Unclear {
                code,
                line,
                what: "is listed twice, with different facts".into(),
            });
        }
    }
    page
}

/// The paragraphs after an entry's last part that are none of its parts (`strays`) continue
/// its wording: the remedy, if one has been read, else the description (a description or a
/// remedy over more paragraphs than one, prose after the status). They leave out the page's
/// `furniture` and stop at one shaped as a heading ([`heading_shape`]); at the entry's end
/// (not `within` it, as a label after them shows), they stop too at one that is no sentence,
/// ending in none of `.`, `!`, `?`, `:`, `;` (a closing bracket or quote aside): the title of
/// the page's next section (`New codes`) is no entry's.
fn continue_wording(
    entry: &mut PageEntry,
    strays: &[&Paragraph],
    within: bool,
    furniture: &dyn Fn(&str) -> bool,
) {
    for s in strays {
        let text = s.text.as_str();
        let sentence = text
            .trim_end_matches([')', ']', '"', '\'', '\u{201d}', '\u{2019}'])
            .ends_with(['.', '!', '?', ':', ';']);
        if heading_shape(text).is_some() || !(within || sentence || furniture(text)) {
            break;
        }
        if furniture(text) {
            continue;
        }
        let part = entry.remedy.as_mut().unwrap_or(&mut entry.description);
        if !part.is_empty() {
            part.push(' ');
        }
        part.push_str(text);
    }
}

/// Words other than [`HEAD_WORDS`] that a heading [`code_head`] cannot read may put before
/// its number (`Item 0405:`, `Ref. 0405 |`). Any other word before a number is prose.
const HEADING_WORDS: &[&str] = &["item", "ref.", "ref", "entry"];

/// Whether `p`, none of an entry's parts, is shaped as a heading [`code_head`] cannot read,
/// and the code it names (its number, if of four digits). After the marks that may open a
/// heading, and perhaps one of [`HEAD_WORDS`] or [`HEADING_WORDS`], it starts with a number
/// of a code's four digits or more (`0405a`, `12345`), followed by nothing or by a separator
/// (`:`, `-` or a dash, `|`) not followed by a digit, or closed by a bracket that opened the
/// paragraph (`(0405) text`). Prose is not so shaped: a number later in a sentence ("issued
/// before 2019", `See (0018)`, `Tokens (2019)`), a shorter number (`3 attempts`, `Step 1:`,
/// `Error 429:`, `2FA:`), a date, a time or a range (`2021-01-15`, `12:30`, `2 - 3`).
fn heading_shape(p: &str) -> Option<Option<u16>> {
    let mut s = strip_lead(p);
    let word = HEAD_WORDS
        .iter()
        .chain(HEADING_WORDS)
        .filter(|w| s.get(..w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w)))
        .map(|w| w.len())
        .find(|&n| s[n..].starts_with([' ', ':', '#']));
    if let Some(n) = word {
        s = strip_lead(s[n..].trim_start_matches([' ', ':', '#']));
    }
    let s = s.strip_prefix('#').map_or(s, strip_lead);
    let n = s
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(s.len());
    let number = &s[..n];
    if number.bytes().take_while(u8::is_ascii_digit).count() < 4 {
        return None;
    }
    let (rest, bracket) = strip_close(&s[n..]);
    let after = rest.trim_start();
    let separated = after
        .strip_prefix([':', '-', '|', '\u{ff1a}', '\u{2013}', '\u{2014}'])
        .is_some_and(|t| !t.trim_start().starts_with(|c: char| c.is_ascii_digit()));
    // `(0405) text`, `[0405] text`: the bracket opened the paragraph, after its marks.
    let opened = bracket && word.is_none() && {
        let marks = p
            .trim_start()
            .trim_start_matches(['#', '>', '-', '*', '+', '_', '`', ' ']);
        marks.starts_with(['(', '['])
    };
    if !(after.is_empty() || separated || opened) {
        return None;
    }
    let code = (number.len() == 4 && number.bytes().all(|b| b.is_ascii_digit()))
        .then(|| number.parse().ok())
        .flatten();
    Some(code)
}

/// A fingerprint of normalised wording: FNV-1a, 64 bits, as 16 hex digits. It tells whether
/// the wording changed, and cannot give the wording back. White space does not count at all,
/// not even where it is: a page saved by a tool that breaks long words across lines (lynx,
/// narrow) reads as the page. Nor do Markdown's marks (`*`, `_`, `` ` ``, `\`), the only
/// characters a text page loses when its emphasis and escapes are read off: the page as text
/// and as HTML give the same fingerprint whether they are a converter's marks or the page's
/// own characters (`*.wav`).
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in normalise(text)
        .bytes()
        .filter(|b| !matches!(b, b' ' | b'*' | b'_' | b'`' | b'\\'))
    {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// What the official page said about one code, as kept in the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// The numeric code.
    pub code: u16,
    /// The HTTP status given, if any.
    pub http: Option<u16>,
    /// [`fingerprint`] of the description.
    pub description: String,
    /// [`fingerprint`] of the remedy, where one is given.
    pub remedy: Option<String>,
}

impl Fact {
    /// The facts and fingerprints of a page entry.
    pub fn of(entry: &PageEntry) -> Self {
        Fact {
            code: entry.code,
            http: entry.http,
            description: fingerprint(&entry.description),
            remedy: entry.remedy.as_deref().map(fingerprint),
        }
    }
}

/// The provenance record (`upstream.tsv`): per code what the official page said, and when it
/// was last checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// The date the page was last checked, `YYYY-MM-DD`; `None` before the first check.
    pub checked: Option<String>,
    /// Code → what the page said.
    pub facts: BTreeMap<u16, Fact>,
}

const RECORD_HEADER: &str = "\
# upstream.tsv: what Aculab's official error page said, code by code, when it was last checked.
# Written only by `cargo xtask sync --write PAGE`; do not edit it by hand. Per code: the HTTP status
# (\"-\" where none is given), whether a remedy is given, and a fingerprint (FNV-1a, 64 bits) of
# the normalised wording of the description and of the remedy (markup, entities and whitespace do
# not count), never the wording itself. Tests tie every code's status and remedy in errors.yaml
# to this record.
";
const COLUMNS: &str = "code\thttp\tremedy\tdescription_fingerprint\tremedy_fingerprint";

impl Record {
    /// The record of a page checked on `checked` (`YYYY-MM-DD`).
    pub fn of(page: &Page, checked: &str) -> Self {
        Record {
            checked: Some(checked.to_string()),
            facts: page.entries.iter().map(|e| (e.code, Fact::of(e))).collect(),
        }
    }

    /// The record as written to `upstream.tsv`.
    pub fn render(&self) -> String {
        let mut out = String::from(RECORD_HEADER);
        if let Some(date) = &self.checked {
            out += &format!("checked\t{date}\n");
        }
        out += COLUMNS;
        out.push('\n');
        for f in self.facts.values() {
            out += &format!(
                "{:04}\t{}\t{}\t{}\t{}\n",
                f.code,
                f.http.map_or("-".to_string(), |s| s.to_string()),
                if f.remedy.is_some() { "yes" } else { "no" },
                f.description,
                f.remedy.as_deref().unwrap_or("-"),
            );
        }
        out
    }

    /// Reads `upstream.tsv`. Every problem is reported with its line.
    pub fn parse(text: &str) -> Result<Self, Diagnostics> {
        let mut record = Record::default();
        let mut diags = Vec::new();
        let mut columns_seen = false;
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            match fields.as_slice() {
                ["checked", _] if record.checked.is_some() => diags.push(Diagnostic::new(
                    n,
                    "`checked` is given twice; keep one date".to_string(),
                )),
                ["checked", date] if is_date(date) => record.checked = Some(date.to_string()),
                ["checked", date] => diags.push(Diagnostic::new(
                    n,
                    format!(
                        "`checked` must be a date written YYYY-MM-DD; found {:?}",
                        short(date)
                    ),
                )),
                _ if line == COLUMNS => columns_seen = true,
                [code, http, remedy, desc, rem] => match row(code, http, remedy, desc, rem) {
                    Ok(fact) => {
                        if record.facts.insert(fact.code, fact).is_some() {
                            diags.push(Diagnostic::new(n, format!("code {code} is listed twice")));
                        }
                    }
                    Err(why) => diags.push(Diagnostic::new(n, why)),
                },
                _ => diags.push(Diagnostic::new(
                    n,
                    format!(
                        "expected 5 tab-separated fields ({}); found {:?}",
                        COLUMNS.replace('\t', ", "),
                        short(line)
                    ),
                )),
            }
        }
        if !columns_seen && diags.is_empty() && !record.facts.is_empty() {
            diags.push(Diagnostic::new(
                1,
                format!(
                    "the column line `{}` is missing",
                    COLUMNS.replace('\t', " ")
                ),
            ));
        }
        if diags.is_empty() {
            Ok(record)
        } else {
            Err(Diagnostics(diags))
        }
    }
}

fn short(s: &str) -> String {
    crate::diagnostic::shorten(s, 60)
}

/// Whether `s` is a day of the (proleptic Gregorian) calendar written YYYY-MM-DD, as the
/// export's schema requires of it (`format: date`): `2026-19-39` and `2026-02-30` are not.
fn is_date(s: &str) -> bool {
    let number = |range: core::ops::Range<usize>| {
        s.get(range)
            .filter(|digits| digits.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|digits| digits.parse::<u32>().ok())
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    };
    s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' && (1..=days).contains(&day)
}

fn is_fingerprint(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn row(code: &str, http: &str, remedy: &str, desc: &str, rem: &str) -> Result<Fact, String> {
    let number = (code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()))
        .then(|| code.parse::<u16>().ok())
        .flatten()
        .ok_or_else(|| format!("the code must be four digits; found {:?}", short(code)))?;
    let status = match http {
        "-" => None,
        s => Some(status(s).filter(|_| s.len() == 3).ok_or_else(|| {
            format!(
                "{code}: the HTTP status must be 100..=599 or \"-\"; found {:?}",
                short(s)
            )
        })?),
    };
    if !is_fingerprint(desc) {
        return Err(format!(
            "{code}: the description fingerprint must be 16 hex digits; found {:?}",
            short(desc)
        ));
    }
    let remedy_fp = match (remedy, rem) {
        ("yes", f) if is_fingerprint(f) => Some(f.to_string()),
        ("no", "-") => None,
        ("yes" | "no", f) => {
            return Err(format!(
                "{code}: the remedy fingerprint must be 16 hex digits where a remedy is given (yes) and \"-\" where not (no); found {remedy} with {:?}",
                short(f)
            ))
        }
        (r, _) => {
            return Err(format!(
                "{code}: `remedy` must be yes or no; found {:?}",
                short(r)
            ))
        }
    };
    Ok(Fact {
        code: number,
        http: status,
        description: desc.to_string(),
        remedy: remedy_fp,
    })
}

/// One code of the catalogue as `sync` compares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueCode {
    /// The numeric code.
    pub code: u16,
    /// `http`, where given.
    pub http: Option<u16>,
    /// Whether it has a `remedy`.
    pub remedy: bool,
    /// Whether it is marked `retired`.
    pub retired: bool,
    /// The line of its entry.
    pub line: usize,
    /// The text of its entry's first line before `code:` (`"  - "`), for scaffolding beside it.
    pub indent: String,
    /// Its `category`, where it is text.
    pub category: Option<String>,
    /// Whether a key still holds a placeholder `sync --write` left for a person to replace.
    pub unwritten: bool,
}

/// A category's id and range, as read leniently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryRange {
    /// The id.
    pub id: String,
    /// Lowest code.
    pub first: u16,
    /// Highest code.
    pub last: u16,
}

/// The catalogue as `sync` reads it: codes and category ranges, without `gen`'s validation,
/// so that a catalogue holding placeholders reads too.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogueCodes {
    /// Code → its facts.
    pub codes: BTreeMap<u16, CatalogueCode>,
    /// Categories in file order.
    pub categories: Vec<CategoryRange>,
    /// The line just past the last entry (where an entry after every other one goes), 0-based.
    pub end_of_errors: usize,
}

/// Reads the codes of a catalogue leniently: only YAML syntax and each entry's `code` must be
/// readable; everything else `gen` checks.
pub fn catalogue_codes(text: &str) -> Result<CatalogueCodes, Diagnostics> {
    let root = yaml::parse(text).map_err(Diagnostics)?;
    let fail = |line: usize, m: &str| Err(Diagnostics(vec![Diagnostic::new(line, m)]));
    let Some(Node {
        value: Value::Map(top),
        ..
    }) = root
    else {
        return fail(1, "the catalogue must be a mapping with an `errors` list");
    };
    let get = |m: &[(yaml::Key, Node)], k: &str| -> Option<Node> {
        m.iter()
            .find(|(key, _)| key.text == k)
            .map(|(_, v)| v.clone())
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut out = CatalogueCodes::default();
    if let Some(Node {
        value: Value::Seq(cats),
        ..
    }) = get(&top, "categories")
    {
        for c in cats {
            if let Value::Map(m) = &c.value {
                let id = get(m, "id").and_then(|n| str_of(&n));
                let range = get(m, "range").and_then(|n| str_of(&n));
                if let (Some(id), Some(range)) = (id, range) {
                    if let Some((a, b)) = range.split_once('-') {
                        if let (Ok(first), Ok(last)) = (a.parse(), b.parse()) {
                            out.categories.push(CategoryRange { id, first, last });
                        }
                    }
                }
            }
        }
    }
    let Some(errors) = get(&top, "errors") else {
        return fail(1, "the catalogue has no `errors` list");
    };
    let Value::Seq(items) = &errors.value else {
        return fail(errors.line, "`errors` must be a list");
    };
    let mut diags = Vec::new();
    let mut last_line = errors.line;
    for item in items {
        last_line = last_line.max(item.line);
        let Value::Map(m) = &item.value else {
            diags.push(Diagnostic::new(item.line, "each entry must be a mapping"));
            continue;
        };
        let code = get(m, "code").and_then(|n| match &n.value {
            Value::Scalar { text, .. }
                if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) =>
            {
                text.parse::<u16>().ok()
            }
            _ => None,
        });
        let Some(code) = code else {
            diags.push(Diagnostic::new(
                item.line,
                "entry: `code` must be a quoted 4-digit string such as \"0405\"",
            ));
            continue;
        };
        let http = get(m, "http").and_then(|n| match n.scalar() {
            Some(Plain::Int(s)) => u16::try_from(s).ok(),
            _ => None,
        });
        let present = |k: &str| get(m, k).is_some_and(|n| !n.is_null());
        let line_text = lines
            .get(item.line.saturating_sub(1))
            .copied()
            .unwrap_or("");
        let indent = line_text
            .find("code")
            .map_or("  - ", |i| &line_text[..i])
            .to_string();
        let entry = CatalogueCode {
            code,
            http,
            remedy: present("remedy"),
            retired: present("retired"),
            line: item.line,
            indent,
            category: get(m, "category").and_then(|n| str_of(&n)),
            unwritten: m.iter().any(|(_, n)| {
                matches!(n.scalar(), Some(Plain::Str(s)) if s.trim_start().starts_with(PLACEHOLDER))
            }),
        };
        if out.codes.insert(code, entry).is_some() {
            diags.push(Diagnostic::new(
                item.line,
                format!("entry {code:04}: duplicate code"),
            ));
        }
    }
    if !diags.is_empty() {
        return Err(Diagnostics(diags));
    }
    // The entry ends where a line at a lesser indent (a later top-level key) starts, or at the
    // end of the file.
    let last_indent = out
        .codes
        .values()
        .find(|c| c.line == last_line)
        .map_or(2, |c| c.indent.len() - c.indent.trim_start().len());
    out.end_of_errors = lines
        .iter()
        .enumerate()
        .skip(last_line)
        .find(|(_, l)| {
            let t = l.trim_start();
            !t.is_empty() && !t.starts_with('#') && l.len() - t.len() < last_indent.max(1)
        })
        .map_or(lines.len(), |(i, _)| i);
    Ok(out)
}

fn str_of(n: &Node) -> Option<String> {
    match n.scalar() {
        Some(Plain::Str(s)) => Some(s.to_string()),
        _ => None,
    }
}

/// One difference between the official page and the catalogue or the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// On the page, not in the catalogue.
    Added {
        /// The code.
        code: u16,
        /// Its HTTP status on the page.
        http: Option<u16>,
        /// Whether the page gives a remedy.
        remedy: bool,
    },
    /// In the catalogue (not retired), not on the page.
    Removed {
        /// The code.
        code: u16,
        /// Whether the record has it: the page listed it when last checked.
        recorded: bool,
    },
    /// A scaffold `sync --write` left, its text still unwritten, for a code no longer on the
    /// page: never generated, so it is deleted, not retired.
    ScaffoldUnlisted {
        /// The code.
        code: u16,
    },
    /// Marked retired in the catalogue, yet on the page.
    Relisted {
        /// The code.
        code: u16,
    },
    /// The HTTP status differs from the catalogue's.
    Status {
        /// The code.
        code: u16,
        /// The catalogue's.
        old: Option<u16>,
        /// The page's.
        new: Option<u16>,
    },
    /// The page gives a remedy; the catalogue has none.
    RemedyAppeared {
        /// The code.
        code: u16,
    },
    /// The page no longer gives a remedy; the catalogue has one.
    RemedyGone {
        /// The code.
        code: u16,
    },
    /// The wording differs from the record's fingerprint.
    Reworded {
        /// The code.
        code: u16,
        /// The description changed.
        description: bool,
        /// The remedy changed.
        remedy: bool,
    },
    /// On the page and in the catalogue, but not in the record.
    Unrecorded {
        /// The code.
        code: u16,
    },
    /// The record's facts for the code differ from the page's where the catalogue agrees
    /// with the page, or the record keeps a code the page no longer lists.
    RecordStale {
        /// The code.
        code: u16,
    },
}

impl Change {
    /// The code the change is about.
    pub fn code(&self) -> u16 {
        match *self {
            Change::Added { code, .. }
            | Change::Removed { code, .. }
            | Change::ScaffoldUnlisted { code }
            | Change::Relisted { code }
            | Change::Status { code, .. }
            | Change::RemedyAppeared { code }
            | Change::RemedyGone { code }
            | Change::Reworded { code, .. }
            | Change::Unrecorded { code }
            | Change::RecordStale { code } => code,
        }
    }
}

fn http_str(s: Option<u16>) -> String {
    s.map_or("none".to_string(), |s| s.to_string())
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}: ", self.code())?;
        match *self {
            Change::Added { http, remedy, .. } => write!(
                f,
                "added on the page (HTTP status {}, {}); `sync --write` scaffolds it in errors.yaml",
                http_str(http),
                if remedy { "with a remedy" } else { "no remedy" }
            ),
            Change::Removed { recorded: true, .. } => write!(
                f,
                "removed from the page; mark it `retired: <why>` in errors.yaml (never delete it)"
            ),
            // Not in the record either: dropped from the page (and recorded so by `--write`),
            // or added to the catalogue ahead of the page.
            Change::Removed { recorded: false, .. } => write!(
                f,
                "not on the page (removed from it, or never listed there); if Aculab dropped it, \
                 mark it `retired: <why>` in errors.yaml (never delete it); if it is new and the \
                 page does not list it yet, leave it"
            ),
            Change::ScaffoldUnlisted { .. } => write!(
                f,
                "gone from the page before its scaffold was written; delete the scaffold from errors.yaml"
            ),
            Change::Relisted { .. } => {
                write!(f, "listed on the page, but errors.yaml marks it retired")
            }
            Change::Status { old, new, .. } => write!(
                f,
                "HTTP status changed: {} -> {}",
                http_str(old),
                http_str(new)
            ),
            Change::RemedyAppeared { .. } => write!(
                f,
                "remedy appeared on the page; add a `remedy` in the project's own words"
            ),
            Change::RemedyGone { .. } => {
                write!(f, "remedy gone from the page; remove the entry's `remedy`")
            }
            Change::Reworded {
                description,
                remedy,
                ..
            } => {
                let what = match (description, remedy) {
                    (true, true) => "description and remedy",
                    (true, false) => "description",
                    _ => "remedy",
                };
                write!(
                    f,
                    "wording changed ({what}); re-read it on the page and check the entry says the same"
                )
            }
            Change::Unrecorded { .. } => {
                write!(f, "not in {RECORD_FILE} yet; `sync --write` records it")
            }
            Change::RecordStale { .. } => write!(
                f,
                "{RECORD_FILE} is out of date for it; `sync --write` updates it"
            ),
        }
    }
}

/// Every difference between `page`, the catalogue and the record, in code order.
pub fn drift(page: &Page, catalogue: &CatalogueCodes, record: &Record) -> Vec<Change> {
    let on_page: BTreeMap<u16, &PageEntry> = page.entries.iter().map(|e| (e.code, e)).collect();
    let mut codes: Vec<u16> = on_page
        .keys()
        .chain(catalogue.codes.keys())
        .chain(record.facts.keys())
        .copied()
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let mut out = Vec::new();
    for code in codes {
        let (p, c, r) = (
            on_page.get(&code),
            catalogue.codes.get(&code),
            record.facts.get(&code),
        );
        match (p, c) {
            (Some(p), None) => out.push(Change::Added {
                code,
                http: p.http,
                remedy: p.remedy.is_some(),
            }),
            (None, Some(c)) if c.unwritten => out.push(Change::ScaffoldUnlisted { code }),
            (None, Some(c)) if !c.retired => out.push(Change::Removed {
                code,
                recorded: r.is_some(),
            }),
            (None, _) => {
                if r.is_some() {
                    out.push(Change::RecordStale { code });
                }
            }
            (Some(p), Some(c)) => {
                if c.retired {
                    out.push(Change::Relisted { code });
                }
                let before = out.len();
                if p.http != c.http {
                    out.push(Change::Status {
                        code,
                        old: c.http,
                        new: p.http,
                    });
                }
                match (p.remedy.is_some(), c.remedy) {
                    (true, false) => out.push(Change::RemedyAppeared { code }),
                    (false, true) => out.push(Change::RemedyGone { code }),
                    _ => {}
                }
                let fact = Fact::of(p);
                match r {
                    None => out.push(Change::Unrecorded { code }),
                    Some(r) => {
                        let description = r.description != fact.description;
                        let remedy =
                            matches!((&r.remedy, &fact.remedy), (Some(a), Some(b)) if a != b);
                        if description || remedy {
                            out.push(Change::Reworded {
                                code,
                                description,
                                remedy,
                            });
                        }
                        let facts_differ =
                            r.http != fact.http || r.remedy.is_some() != fact.remedy.is_some();
                        if facts_differ && out.len() == before {
                            out.push(Change::RecordStale { code });
                        }
                    }
                }
            }
        }
    }
    out
}

/// The catalogue with an entry for each of `added` (page entries the catalogue lacks), each
/// at its place in code order, in a form `gen` refuses until a person writes its text.
pub fn scaffold(text: &str, catalogue: &CatalogueCodes, added: &[&PageEntry]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // (0-based line to insert before, code, lines), applied from the bottom up.
    let mut inserts: Vec<(usize, u16, Vec<String>)> = Vec::new();
    let default_indent = catalogue
        .codes
        .values()
        .next()
        .map_or("  - ".to_string(), |c| c.indent.clone());
    for e in added {
        let next = catalogue.codes.range(e.code..).next().map(|(_, c)| c);
        let indent = next.map_or(default_indent.clone(), |c| c.indent.clone());
        let inner = " ".repeat(indent.chars().count());
        let category = catalogue
            .categories
            .iter()
            .find(|c| (c.first..=c.last).contains(&e.code))
            .map_or(format!("{PLACEHOLDER}_choose_a_category"), |c| c.id.clone());
        let mut entry = vec![
            format!("{indent}code: \"{:04}\"", e.code),
            // Not snake_case and not a boolean: `gen` refuses both until a person chooses.
            format!("{inner}name: {PLACEHOLDER}_choose_a_name"),
        ];
        if let Some(s) = e.http {
            entry.push(format!("{inner}http: {s}"));
        }
        entry.push(format!("{inner}category: {category}"));
        entry.push(format!("{inner}retry: {PLACEHOLDER}_true_or_false"));
        entry.push(format!("{inner}description: >-"));
        entry.push(format!(
            "{inner}  {PLACEHOLDER}: say what {:04} means, in the project's own words, from the official page; then choose its name, category and retry advice. Added by `cargo xtask sync --write`.",
            e.code
        ));
        if e.remedy.is_some() {
            entry.push(format!("{inner}remedy: >-"));
            entry.push(format!(
                "{inner}  {PLACEHOLDER}: say what to do about {:04}, in the project's own words, from the official page.",
                e.code
            ));
        }
        match next {
            Some(c) => {
                entry.push(String::new());
                inserts.push((c.line.saturating_sub(1), e.code, entry));
            }
            None => {
                entry.insert(0, String::new());
                inserts.push((catalogue.end_of_errors, e.code, entry));
            }
        }
    }
    // Bottom up, and for one place, in reverse code order, so codes end up ascending.
    inserts.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    for (at, _, entry) in inserts {
        let at = at.min(lines.len());
        lines.splice(at..at, entry);
    }
    // The catalogue's own line end (CRLF in a Windows checkout), for every line.
    let end = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = lines.join(end);
    out.push_str(end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The remedy of the first entry of `page`.
    fn first_remedy(page: &str) -> Option<String> {
        parse_page(page.as_bytes()).unwrap().entries[0]
            .remedy
            .clone()
    }

    /// Asserts that each of `pages` reads as the page `text` does.
    fn reads_as(text: &str, pages: &[&str]) {
        let want = parse_page(text.as_bytes()).unwrap();
        for page in pages {
            assert_eq!(parse_page(page.as_bytes()).unwrap(), want, "{page}");
        }
    }

    #[test]
    fn html_markup_entities_scripts_and_whitespace_do_not_count() {
        let html = "<!doctype html><html><head><style>p{}</style><script>var x = '0001 : no';</script></head><body>\
            <div class=\"e\"><h3><a href='?error=0001'>0001</a> :  It&rsquo;s   <em>gone</em>&nbsp;&amp; back.</h3>\
            <!-- 0002 : a comment --><h4>HTTP Error code</h4><p>400</p><h4>Remedy</h4><p>Use &quot;x&quot;<br>now.</p></div>\
            <svg/><p>0003: Self-closing svg kept the rest.</p></body></html>";
        let text = "0001 : It's gone & back.\n\nHTTP Error code\n\n400\n\nRemedy\n\nUse \"x\"\nnow.\n\n0003: Self-closing svg kept the rest.\n";
        let (a, b) = (
            parse_page(html.as_bytes()).unwrap(),
            parse_page(text.as_bytes()).unwrap(),
        );
        assert_eq!(a, b);
        assert_eq!(a.entries[0].description, "It's gone & back.");
        assert_eq!(a.entries[0].remedy.as_deref(), Some("Use \"x\" now."));
        assert_eq!(a.entries.iter().map(|e| e.code).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(fingerprint("It’s  gone\n"), fingerprint("It's gone"));
        assert_ne!(fingerprint("It's gone"), fingerprint("It's back"));
    }

    /// Between blank lines, a line that starts with a label's words is a label only when they
    /// stand alone or before a colon: wrapped prose may begin with them.
    #[test]
    fn wrapped_prose_that_begins_with_a_label_is_prose() {
        let text = "0001 : A status of\nHTTP Error code 404 is sent when\nthe file is gone.\n\nHTTP Error code\n\n400\n\n\
                    0002 : Two.\nHTTP Error code: 500\nRemedy\nR.\n";
        let page = parse_page(text.as_bytes()).unwrap();
        assert_eq!(
            page.entries[0].description,
            "A status of HTTP Error code 404 is sent when the file is gone."
        );
        assert_eq!(page.entries[0].http, Some(400));
        assert_eq!(page.unclear, []);
        assert_eq!(
            (page.entries[1].http, page.entries[1].remedy.as_deref()),
            (Some(500), Some("R."))
        );
    }

    /// A code alone, its separator and text in the next paragraph, reads as `0405 : text`.
    #[test]
    fn a_code_apart_from_its_text_heads_it() {
        let apart = parse_page(
            b"<dl><dt>0405</dt><dd>: The text.</dd></dl><p>HTTP Error code</p><p>404</p>",
        )
        .unwrap();
        let together = parse_page(b"0405 : The text.\n\nHTTP Error code\n\n404\n").unwrap();
        assert_eq!(apart, together);
    }

    /// References without their `;` read as a browser reads them; others stay as written.
    #[test]
    fn references_without_a_semicolon_read_as_a_browser_reads_them() {
        let text = |html: &str| html_to_text(&format!("<p>{html}</p>")).trim().to_string();
        assert_eq!(
            text("you&#39re &#x27x&#X27 a&nbsp:b &ampc &notit"),
            "you're 'x' a\u{a0}:b &c \u{ac}it"
        );
        assert_eq!(
            text("&#39; &nbsp; &notin; &#; &#x; &bogus & &"),
            "' \u{a0} \u{2209} &#; &#x; &bogus & &"
        );
    }

    /// A status written the ways pages write one reads as the status; a label whose value is
    /// no status is named, never read as "no status".
    #[test]
    fn a_status_written_differently_is_the_status() {
        let http = |value: &str| {
            let page = parse_page(format!("0405 : A.\n\nHTTP Error code\n\n{value}\n").as_bytes())
                .unwrap();
            (page.entries[0].http, page.unclear.len())
        };
        for value in [
            "410",
            "HTTP 410",
            "http 410",
            "HTTP/1.1 410 Gone",
            "HTTP/2 410",
            "410 Gone",
            "410 (Gone)",
            "HTTP: 410",
            "HTTP status 410",
            "HTTP\u{a0}410",
        ] {
            assert_eq!(http(value), (Some(410), 0), "{value}");
        }
        for value in ["HTTP 4100", "HTTP", "Gone"] {
            assert_eq!(http(value), (None, 1), "{value}");
        }
        let inline = |line: &str| {
            let page = parse_page(format!("0405 : A.\n\n{line}\n").as_bytes()).unwrap();
            (page.entries[0].http, page.unclear)
        };
        assert_eq!(inline("HTTP Error code: HTTP 410"), (Some(410), vec![]));
        assert_eq!(inline("HTTP Error code: 410 Gone"), (Some(410), vec![]));
        assert_eq!(inline("HTTP Status code: 410"), (Some(410), vec![]));
        let (http, unclear) = inline("HTTP Error code: soon");
        assert_eq!(http, None);
        assert_eq!(unclear.len(), 1, "{unclear:?}");
        assert!(unclear[0].what.contains("cannot be read"), "{unclear:?}");
    }

    /// Old Mac line ends (a lone CR) and Unicode's line and paragraph separators end lines.
    #[test]
    fn every_kind_of_line_end_ends_a_line() {
        let text = "0405 : A.\n\nHTTP Error code\n\n404\n\nRemedy\n\nR.\n\n0406 : B.\n";
        let want = parse_page(text.as_bytes()).unwrap();
        for end in ["\r", "\r\n", "\u{2029}"] {
            let page = parse_page(text.replace('\n', end).as_bytes()).unwrap();
            assert_eq!(page, want, "{end:?}");
        }
        let page = parse_page(text.replace("\n\n", "\u{2028}").as_bytes()).unwrap();
        assert_eq!(page, want);
        // Each line end, of whatever kind, is one line: a line named is the source's line.
        let bad = "0405 : A.\n\nHTTP Error code\n\n404\n\nRemedy\n\nR.\n\n0405a : B.\n\nHTTP Error code\n\n400\n";
        let lines = |text: &str| -> Vec<Option<usize>> {
            let page = parse_page(text.as_bytes()).unwrap();
            page.unclear.iter().map(|u| u.line).collect()
        };
        assert_eq!(lines(bad), [Some(11)]);
        for end in ["\r", "\r\n", "\u{2028}", "\u{2029}"] {
            assert_eq!(lines(&bad.replace('\n', end)), [Some(11)], "{end:?}");
        }
        // A paragraph separator alone between paragraphs is one line end, and ends a paragraph.
        assert_eq!(lines(&bad.replace("\n\n", "\u{2029}")), [Some(6)]);
        assert_eq!(lines(&bad.replace("\n\n", "\u{2028}")), [Some(6)]);
        let joined = parse_page(
            "0405 : A.\u{2029}HTTP Error code\u{2029}404\u{2029}Remedy\u{2029}R.\u{2029}0406 : B."
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(joined.entries, want.entries);
    }

    /// Text copied from a browser's table gives a label and its value on one line, a tab
    /// between them, which reads as a colon would.
    #[test]
    fn a_tab_after_a_label_separates_it_from_its_value() {
        let want =
            parse_page(b"0405 : A.\n\nHTTP Error code\n\n404\n\nRemedy\n\nTry again.\n").unwrap();
        let copied = "0405 : A.\nHTTP Error code\t404\nRemedy\t Try again.\n";
        assert_eq!(parse_page(copied.as_bytes()).unwrap(), want);
        // Prose that begins with the word and a tab is rare; the word alone still is no label.
        let prose = parse_page(b"0405 : A.\n\nRemedy is to try again.\n").unwrap();
        assert_eq!(prose.entries[0].remedy, None);
    }

    /// HTML that sets a label apart only by its element (a `span`, `b` or `label` styled as a
    /// block) reads as the text does: the label's element is the label.
    #[test]
    fn a_label_in_an_inline_element_is_a_label() {
        reads_as(
            "0405 : The text.\n\nHTTP Error code\n\n404\n\nRemedy\n\nTry again.\n\n0406 : B.\n",
            &[
            "<div><span>0405</span> : <span>The text.</span><div><span class=l>HTTP Error code</span><span>404</span></div><div><span class=l>Remedy</span><span>Try again.</span></div></div><div>0406 : B.</div>",
            "<details><summary><span>0405</span> : The text.</summary><span>HTTP Error code</span> <span>404</span> <label>Remedy</label> Try again.</details><details><summary>0406 : B.</summary></details>",
            "<p><b>0405</b> : The text. <b>HTTP Error code</b> 404 <b>Remedy:</b> Try again.</p><p>0406 : B.</p>",
        ]);
    }

    /// A table with a row per code reads whatever its heading row is made of and whatever the
    /// order of its columns.
    #[test]
    fn a_table_of_codes_reads_with_any_heading_cells_and_column_order() {
        let text = parse_page(
            b"0405 : The text.\n\nHTTP Error code\n\n404\n\nRemedy\n\nTry again.\n\n0406 : B.\n\nHTTP Error code\n\n400\n",
        )
        .unwrap();
        for html in [
            "<table><tr><td><strong>Code</strong></td><td><strong>Description</strong></td><td><strong>HTTP Error code</strong></td><td><strong>Remedy</strong></td></tr>\
             <tr><td>0405</td><td>The text.</td><td>404</td><td>Try again.</td></tr><tr><td>0406</td><td>B.</td><td>400</td><td></td></tr></table>",
            "<table><tr><th>Code</th><th>HTTP Error code</th><th>Description</th><th>Remedy</th></tr>\
             <tr><td>0405</td><td>404</td><td>The text.</td><td>Try again.</td></tr><tr><td>0406</td><td>400</td><td>B.</td><td></td></tr></table>",
        ] {
            assert_eq!(parse_page(html.as_bytes()).unwrap(), text, "{html}");
        }
        // A table of an entry's parts, its first row a label and its value, is no heading row.
        let parts = "<p>0405 : The text.</p><table><tr><td>HTTP Error code</td><td>404</td></tr><tr><td>Remedy</td><td>Try again.</td></tr></table><p>0406 : B.</p><table><tr><td>HTTP Error code</td><td>400</td></tr></table>";
        assert_eq!(parse_page(parts.as_bytes()).unwrap(), text);
    }

    /// A heading written with a list marker, a Markdown heading's marks or emphasis, a word
    /// before its code, brackets or another separator reads as `0405 : text`, whether one
    /// heading or every heading is written so.
    #[test]
    fn a_heading_with_a_prefix_or_other_separator_heads_its_entry() {
        let page = |head: &dyn Fn(&str) -> String| {
            format!(
                "{} A.\n\nHTTP Error code\n\n400\n\n{} The text.\n\nHTTP Error code\n\n404\n\nRemedy\n\nTry again.\n",
                head("0404"),
                head("0405")
            )
        };
        let want = parse_page(page(&|c| format!("{c} :")).as_bytes()).unwrap();
        for form in [
            "\u{2022} N :",
            "- N :",
            "* N :",
            "+ N :",
            "1. N :",
            "12) N :",
            "Code N :",
            "Error N:",
            "Error code N -",
            "Code: N -",
            "### N :",
            "## N\n\n",
            "N -",
            "N \u{2013}",
            "N:",
            "[N]",
            "[N]:",
            "N \u{2014}",
            "**N** :",
            "**N:**",
            "**N**\n\n",
            "__N__ :",
            "`N` :",
            "[N](https://example.com/?error=N) :",
            "> N :",
            "- **Error N** \u{2014}",
            "N |",
            "(N)",
            "#N:",
            "N\t",
            "N \u{ff1a}",
            "\"N\" :",
        ] {
            let head = |code: &str| form.replace('N', code);
            let every = parse_page(page(&head).as_bytes());
            assert_eq!(every.as_ref(), Ok(&want), "every heading {form:?}");
            let one = page(&|code: &str| {
                if code == "0405" {
                    head(code)
                } else {
                    format!("{code} :")
                }
            });
            assert_eq!(
                parse_page(one.as_bytes()).as_ref(),
                Ok(&want),
                "one heading {form:?}"
            );
        }
        // Prose that starts with a number is no heading: dates, years, counts. A second
        // paragraph of the remedy continues it.
        let prose = parse_page(
            b"0405 : A.\n\nHTTP Error code\n\n404\n\nRemedy\n\nWait.\n2021-01-15 is a date.\n\n1. Check it.\n\n0406 : B.\n",
        )
        .unwrap();
        assert_eq!(prose.entries.len(), 2);
        assert_eq!(prose.unclear, []);
        assert_eq!(
            prose.entries[0].remedy.as_deref(),
            Some("Wait. 2021-01-15 is a date. 1. Check it.")
        );
    }

    /// A heading that still cannot be read is named by its own code and line, and the parts
    /// under it are not blamed on the entry before it.
    #[test]
    fn an_unreadable_heading_is_named_by_its_code_and_line() {
        let text = "0404 : A.\n\nHTTP Error code\n\n400\n\nRemedy\n\nR.\n\nItem 0405: The text.\n\nHTTP Error code\n\n404\n\nRemedy\n\nTry again.\n\n0406 : B.\n";
        let page = parse_page(text.as_bytes()).unwrap();
        assert_eq!(page.unclear.len(), 1, "{:?}", page.unclear);
        let u = &page.unclear[0];
        assert_eq!((u.code, u.line), (405, Some(11)), "{u:?}");
        assert!(u.what.contains("heading that cannot be read"), "{u:?}");
        // A heading of no code is named after the entry before it, which is not blamed.
        let page = parse_page(text.replace("Item 0405:", "0405a :").as_bytes()).unwrap();
        let found: Vec<(u16, Option<usize>)> =
            page.unclear.iter().map(|u| (u.code, u.line)).collect();
        assert_eq!(found, [(404, Some(11))], "{:?}", page.unclear);
        assert!(page.unclear[0].what.starts_with("is followed by a heading"));
        // The same in HTML: named by code, without a line.
        let html = "<p>0404 : A.</p><p>HTTP Error code</p><p>400</p><p>Item 0405: The text.</p><p>HTTP Error code</p><p>404</p>";
        let page = parse_page(html.as_bytes()).unwrap();
        let found: Vec<(u16, Option<usize>)> =
            page.unclear.iter().map(|u| (u.code, u.line)).collect();
        assert_eq!(found, [(405, None)]);
        // Prose that mentions a code is no heading: the status after it is the entry's second.
        let prose = text.replace("Item 0405: The text.", "See item 0405 below, The text.");
        let page = parse_page(prose.as_bytes()).unwrap();
        let found: Vec<(u16, Option<usize>, &str)> = page
            .unclear
            .iter()
            .map(|u| (u.code, u.line, u.what.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (404, Some(13), "gives its HTTP status twice"),
                (404, Some(17), "gives its remedy twice")
            ]
        );
    }

    /// Prose between an entry's parts is no heading, whatever numbers it holds: a second
    /// paragraph of the description continues the description (as text and as HTML alike), and
    /// the status and remedy after it stay the entry's.
    #[test]
    fn prose_with_a_number_between_an_entrys_parts_is_its_wording() {
        for prose in [
            "Tokens issued before 2019 are no longer accepted.",
            "3 attempts are allowed.",
            "See item 0406 below, it may apply.",
            "In 2019, the year tokens changed, they were renewed.",
            "Keys last 3600 seconds: renew them before then.",
            "1. Check it.",
        ] {
            let text = format!(
                "0405 : The token is invalid.\n\n{prose}\n\nHTTP Error code\n\n404\n\nRemedy\n\nTry again.\n\n0406 : B.\n"
            );
            let page = parse_page(text.as_bytes()).unwrap();
            assert_eq!(page.unclear, [], "{prose}");
            let e = &page.entries[0];
            assert_eq!(
                (e.http, e.remedy.as_deref()),
                (Some(404), Some("Try again.")),
                "{prose}"
            );
            assert_eq!(
                e.description,
                format!("The token is invalid. {}", normalise(prose))
            );
            let html = format!(
                "<div><h3>0405 : The token is invalid.</h3><p>{prose}</p><h4>HTTP Error code</h4><p>404</p><h4>Remedy</h4><p>Try again.</p></div><div><h3>0406 : B.</h3></div>"
            );
            let from_html = parse_page(html.as_bytes()).unwrap();
            assert_eq!(from_html, page, "{prose}");
            assert_eq!(
                Record::of(&from_html, "2026-12-02"),
                Record::of(&page, "2026-12-02")
            );
        }
        // Shaped as a heading, it is a heading that cannot be read, named by its code and line.
        for (heading, want) in [
            ("Item 0406: B.", (406, "has")),
            ("Code 12345 : B.", (405, "is followed by")),
            ("0406a : B.", (405, "is followed by")),
            ("## 12345", (405, "is followed by")),
            ("- Ref. 0406 | B.", (406, "has")),
            ("**Item 0406**", (406, "has")),
        ] {
            let text = format!(
                "0405 : A.\n\nHTTP Error code\n\n404\n\n{heading}\n\nHTTP Error code\n\n400\n"
            );
            let page = parse_page(text.as_bytes()).unwrap();
            let found: Vec<(u16, Option<usize>, bool)> = page
                .unclear
                .iter()
                .map(|u| (u.code, u.line, u.what.starts_with(want.1)))
                .collect();
            assert_eq!(
                found,
                [(want.0, Some(7), true)],
                "{heading}: {:?}",
                page.unclear
            );
            assert_eq!(page.entries[0].http, Some(404), "{heading}");
        }
    }

    /// Paragraphs after an entry's remedy or status, or after its description with nothing
    /// after them, continue its remedy (else its description) up to the next heading or the
    /// end of the page's entries, as text and as HTML alike; the page's own section after its
    /// last entry (`Error Responses`) is no entry's.
    #[test]
    fn paragraphs_after_an_entrys_last_part_continue_its_wording() {
        let read = |text: &str| {
            let page = parse_page(text.as_bytes()).unwrap();
            assert_eq!(page.unclear, [], "{text}");
            page
        };
        let remedy = read("0405 : A.\n\nHTTP Error code\n\n404\n\nRemedy\n\nTry again.\n\nOur status page lists outages.\n\n0406 : B.\n");
        assert_eq!(
            remedy.entries[0].remedy.as_deref(),
            Some("Try again. Our status page lists outages.")
        );
        assert_eq!(remedy.entries[0].description, "A.");
        let html = "<div><h3>0405 : A.</h3><h4>HTTP Error code</h4><p>404</p><h4>Remedy</h4><p>Try again.</p><p>Our status page lists outages.</p></div><div><h3>0406 : B.</h3></div>";
        assert_eq!(read(html), remedy);
        let list = "<div><h3>0405 : A.</h3><h4>HTTP Error code</h4><p>404</p><h4>Remedy</h4><ol><li>Try again.</li><li>Our status page lists outages.</li></ol></div><div><h3>0406 : B.</h3></div>";
        assert_eq!(read(list), remedy);
        // After the status of an entry without a remedy, and after a description alone.
        let status = read("0405 : A.\n\nHTTP Error code\n\n404\n\nOlder regions used 410 here.\n\n0406 : B.\n\nIt has no status.\n\n0407 : C.\n");
        let d: Vec<&str> = status
            .entries
            .iter()
            .map(|e| e.description.as_str())
            .collect();
        assert_eq!(
            d,
            [
                "A. Older regions used 410 here.",
                "B. It has no status.",
                "C."
            ]
        );
        assert_eq!(status.entries[0].http, Some(404));
        // After the last entry comes the page's own text (its next section, a footer, perhaps a
        // sentence), which no rule tells from a further paragraph of the entry: left out.
        let last = read("0405 : A.\n\nRemedy\n\nTry again.\n\nLast updated 12 March 2024.\n\nError Responses\n\nAll APIs can respond with JSON.\n");
        assert_eq!(last.entries[0].remedy.as_deref(), Some("Try again."));
        let html = "<div><h3>0405 : A.</h3><h4>Remedy</h4><p>Try again.</p></div><p>Last updated 12 March 2024.</p><section><h2>Error Responses</h2><p>All APIs can respond with JSON.</p></section>";
        assert_eq!(read(html), last);
    }

    /// What a saved page puts between or after its entries (a link back to the top, a feedback
    /// widget, a footer after the last entry) is no entry's wording: the page reads the same.
    #[test]
    fn page_furniture_between_entries_is_no_entrys_wording() {
        let plain = parse_page(b"0405 : A.\n\nRemedy\n\nTry again.\n\n0406 : B.\n").unwrap();
        for furniture in [
            "Back to top",
            "Was this helpful? Yes No",
            "\u{2191} Top",
            "Last updated 12 March 2024.",
            "Thanks for your feedback!",
        ] {
            let text = format!(
                "0405 : A.\n\nRemedy\n\nTry again.\n\n{furniture}\n\n0406 : B.\n\n{furniture}\n"
            );
            assert_eq!(parse_page(text.as_bytes()).unwrap(), plain, "{furniture}");
            let html = format!("<div><h3>0405 : A.</h3><h4>Remedy</h4><p>Try again.</p></div><p><a href=\"#top\">{furniture}</a></p><div><h3>0406 : B.</h3></div><p>{furniture}</p>");
            assert_eq!(parse_page(html.as_bytes()).unwrap(), plain, "{furniture}");
        }
        // On a page of many entries, a sentence some of them share as a further paragraph or
        // list item of their remedy is their wording, as the page as text says; a sentence after
        // every entry is furniture still.
        let (mut text, mut html, mut after_each) = (String::new(), String::new(), String::new());
        for code in 401..=412 {
            let remedy = if code % 5 == 0 {
                vec![
                    "Retry at a lower rate.".to_string(),
                    "If it continues, contact us.".into(),
                ]
            } else {
                vec![format!("Fix {code}.")]
            };
            let items: String = remedy.iter().map(|r| format!("<li>{r}</li>")).collect();
            let remedy = remedy.join(" ");
            text += &format!("0{code} : A{code}.\n\nRemedy\n\n{remedy}\n\n");
            html +=
                &format!("<div><h3>0{code} : A{code}.</h3><h4>Remedy</h4><ul>{items}</ul></div>");
            after_each += &format!(
                "0{code} : A{code}.\n\nRemedy\n\n{remedy}\n\nLast updated 12 March 2024.\n\n"
            );
        }
        let text = parse_page(text.as_bytes()).unwrap();
        assert_eq!(
            text.entries[9].remedy.as_deref(),
            Some("Retry at a lower rate. If it continues, contact us.")
        );
        assert_eq!(parse_page(html.as_bytes()).unwrap(), text);
        assert_eq!(parse_page(after_each.as_bytes()).unwrap(), text);
        // A sentence closing each section, fewer than a quarter of the entries: furniture too,
        // since it closes the last section, after the last entry, as well.
        let (mut plain, mut sections) = (String::new(), String::new());
        for code in 401..=420 {
            let entry = format!("0{code} : A{code}.\n\nRemedy\n\nFix {code}.\n\n");
            plain += &entry;
            sections += &entry;
            if code % 5 == 0 {
                sections += "Last updated 12 March 2024.\n\n";
            }
        }
        sections += "Error Responses\n\nAll APIs can respond with JSON.\n";
        assert_eq!(
            parse_page(sections.as_bytes()).unwrap(),
            parse_page(plain.as_bytes()).unwrap()
        );
        // A sentence found once is wording, a question too.
        for wording in ["Renew it with media_renew.", "Did the token expire?"] {
            let text = format!("0405 : A.\n\nRemedy\n\nTry again.\n\n{wording}\n\nBack to top\n\n0406 : B.\n\nBack to top\n");
            let page = parse_page(text.as_bytes()).unwrap();
            assert_eq!(
                page.entries[0].remedy,
                Some(format!("Try again. {wording}")),
                "{wording}"
            );
        }
    }

    /// Prose is no heading, even a paragraph that opens with a number, a word and a number,
    /// or a bracket: an entry's further paragraph, whatever it says, is its wording.
    #[test]
    fn prose_that_opens_with_a_number_is_no_heading() {
        for prose in [
            "Step 1: read the error string.",
            "Note 2: the parameter name is case sensitive.",
            "Allow 2 - 3 minutes for the change to apply.",
            "Note: 2 - 3 minutes may pass.",
            "See [1] for the list of parameters.",
            "See (0018) for storage failures.",
            "Tokens (2019) are no longer accepted.",
            "Error 429: Too Many Requests may be returned instead.",
            "Version 2 - the current API - requires it.",
            "Since 2019: parameters are mandatory.",
            "2FA: accounts with two-factor authentication need a token.",
            "12:30 UTC is when the daily maintenance starts.",
            "404: returned by older versions.",
        ] {
            assert_eq!(heading_shape(prose), None, "{prose}");
            for after_remedy in [false, true] {
                let text = if after_remedy {
                    format!("0405 : A.\n\nHTTP Error code\n\n404\n\nRemedy\n\nTry again.\n\n{prose}\n\n0406 : B.\n")
                } else {
                    format!("0405 : A.\n\n{prose}\n\nHTTP Error code\n\n404\n\nRemedy\n\nR.\n\n0406 : B.\n")
                };
                let page = parse_page(text.as_bytes()).unwrap();
                assert_eq!(page.unclear, [], "{prose}");
                let e = &page.entries[0];
                let (description, remedy) = if after_remedy {
                    ("A.".to_string(), format!("Try again. {}", normalise(prose)))
                } else {
                    (format!("A. {}", normalise(prose)), "R.".to_string())
                };
                assert_eq!(
                    (e.description.as_str(), e.remedy.as_deref(), e.http),
                    (description.as_str(), Some(remedy.as_str()), Some(404)),
                    "{prose}"
                );
            }
        }
        for (heading, code) in [
            ("Item 0405: The text.", Some(405)),
            ("(0405) The text.", Some(405)),
            ("12345 : five digits.", None),
            ("Code 12345 : B.", None),
            ("0405a : B.", None),
            ("- Ref. 0406 | B.", Some(406)),
            ("**Item 0406**", Some(406)),
        ] {
            assert_eq!(heading_shape(heading), Some(code), "{heading}");
        }
    }

    /// A page hard-wrapped (copied from a PDF, or re-filled by an editor) reads as the page: a
    /// line broken after a word's hyphen joins without a space.
    #[test]
    fn a_hard_wrapped_page_reads_as_the_page() {
        let want = parse_page(
            b"0405 : A toll-free number, see https://example.com/web-services for more.\n\nHTTP Error code\n\n404\n\nRemedy\n\nUse a re-\xc2\xadentered token.\n",
        )
        .unwrap();
        let wrapped = "0405 : A toll-\nfree number, see\nhttps://example.com/web-\nservices for more.\n\nHTTP Error code\n\n404\n\nRemedy\n\nUse a re-\nentered token.\n";
        assert_eq!(parse_page(wrapped.as_bytes()).unwrap(), want);
        // A dash between words, spaced, stays spaced.
        let dash = parse_page(b"0405 : A -\nB.\n\n0406 : C.\n").unwrap();
        assert_eq!(dash.entries[0].description, "A - B.");
    }

    /// A page dumped by a text browser or converter reads as the page: a word or URL wrapped
    /// where the tool breaks it (w3m after or before a `/`, after `:` or `&`; lynx anywhere in a
    /// URL longer than the line), lynx's `[N]` before a link, html2text's `<url>` and
    /// `[text](url)`.
    #[test]
    fn a_page_dumped_by_a_text_browser_reads_as_the_page() {
        let want = parse_page(
            b"0022 : Your Key/outbound password is wrong. See https://www.aculab.com/cloud/web-services/overview for how, unless you're requesting service_start in which case see https://www.aculab.com/cloud/web-services/starting-outbound-services instead.\n\n\
              HTTP Error code\n\n401\n\n\
              2005 : Not started.\n\nRemedy\n\nREST logs can be found at https://cloud.aculab.com/home/files?path=/&file_type=rest_logs.\n\n\
              2008 : For .NET UAS system specific errors, see https://cloud.aculab.com/documents/api/dotnet/latest/UASCSharpWritingApplications.html under Application Rules.\n",
        )
        .unwrap();
        let w3m = "0022 : Your Key/\noutbound password is wrong. See https:\n//www.aculab.com/cloud/web-services\n/overview for how, unless\nyou're requesting service_start in which case see https://\nwww.aculab.com/cloud/web-services/starting-outbound-services instead.\n\n\
                   HTTP Error code\n\n401\n\n\
                   2005 : Not started.\n\nRemedy\n\nREST logs can be found at https://cloud.aculab.com/home/files?path=/&\nfile_type=rest_logs.\n\n\
                   2008 : For .NET UAS system specific errors, see https://cloud.aculab.com/documents/api/\ndotnet/latest/UASCSharpWritingApplications.html under Application Rules.\n";
        let lynx = "  0022 : Your Key/outbound password is wrong. See\n  [7]https://www.aculab.com/cloud/web-services/overview for how, unless\n  you're requesting service_start in which case see\n  [8]https://www.aculab.com/cloud/web-services/starting-outbound-services\n  instead.\n\n   HTTP Error code\n\n   401\n\n\
                    \x20 2005 : Not started.\n\n   Remedy\n\n   REST logs can be found at\n   [11]https://cloud.aculab.com/home/files?path=/&file_type=rest_logs.\n\n\
                    \x20 2008 : For .NET UAS system specific errors, see\n  https://cloud.aculab.com/documents/api/dotnet/latest/UASCSharpWritingApplicati\n  ons.html under Application Rules.\n\n\
                    References\n\n   7. https://www.aculab.com/cloud/web-services/overview\n";
        let narrow_lynx = "  0022 : Your Key/outbound password is\n  wrong. See\n  [7]https://www.aculab.com/cloud/web-se\n  rvices/overview for how, unless\n  you're requesting service_start in\n  which case see\n  https://www.aculab.com/cloud/web-servic\n  es/starting-outbound-services instead.\n\n   HTTP Error code\n\n   401\n\n\
                           \x20 2005 : Not started.\n\n   Remedy\n\n   REST logs can be found at\n   [11]https://cloud.aculab.com/ho\n   me/files?path=/&file_type=rest_\n   logs.\n\n\
                           \x20 2008 : For .NET UAS system specific\n  errors, see\n  https://cloud.aculab.com/documents/api\n  /dotnet/latest/UASCSharpWritingApplica\n  tions.html under Application Rules.\n";
        let html2text = "### 0022 : Your Key/outbound password is wrong. See <https://www.aculab.com/cloud/web-services/overview> for how,\nunless you're requesting service_start in which case see <https://www.aculab.com/cloud/web-services/starting-outbound-\nservices> instead.\n\n\
                         **HTTP Error code**\n\n401\n\n\
                         ### 2005 : Not started.\n\n**Remedy**\n\nREST logs can be found at\n[https://cloud.aculab.com/home/files?path=/&file_type=rest_logs](https://cloud.aculab.com/home/files?path=/&file_type=rest_logs).\n\n\
                         ### 2008 : For .NET UAS system specific errors, see\n<https://cloud.aculab.com/documents/api/dotnet/latest/UASCSharpWritingApplications.html>\nunder Application Rules.\n";
        for (tool, text) in [
            ("w3m", w3m),
            ("lynx", lynx),
            ("lynx -width=40", narrow_lynx),
            ("html2text", html2text),
        ] {
            assert_eq!(parse_page(text.as_bytes()).unwrap(), want, "{tool}");
        }
        // A URL that ends a line before a word (a space in the page) keeps the space.
        let page = parse_page(
            b"0405 : See https://example.com/a\nfor more, https://example.com/b/\nor not.\n\nRemedy\n\nR.\n",
        )
        .unwrap();
        assert_eq!(
            page.entries[0].description,
            "See https://example.com/a for more, https://example.com/b/ or not."
        );
        let page =
            parse_page(b"0412 : In the format n[d|h|\nm], where.\n\nRemedy\n\nR.\n").unwrap();
        assert_eq!(
            page.entries[0].description,
            "In the format n[d|h|m], where."
        );
        // A footnote mark is no link number: punctuation follows it, not a word.
        let page = parse_page(b"0405 : Values [1]-[5] are refused [2].\n\nRemedy\n\nR.\n").unwrap();
        assert_eq!(
            page.entries[0].description,
            "Values [1]-[5] are refused [2]."
        );
        // Brackets that make no link stay, each read once (a page of them is read quickly).
        for junk in [
            "[a](x".repeat(20_000),
            "<https://".repeat(20_000),
            "[1]".repeat(20_000),
        ] {
            let text = format!("0405 : {junk}\n\nRemedy\n\nR.\n");
            let page = parse_page(text.as_bytes()).unwrap();
            assert_eq!(page.entries[0].description, junk);
        }
    }

    /// html2text writes a linked heading as `[0405 : text](?error=0405)`, over as many lines as
    /// its text takes: one longer than a URL (0006 and 2008 are over 500 bytes) or with brackets
    /// of its own (0412's `n[d|h|m]`) is a link all the same.
    #[test]
    fn a_long_or_bracketed_link_reads_as_its_text() {
        let long = "A Local address means the regulation address supplied must be located in the same region. ".repeat(7);
        let long = long.trim_end();
        assert!(long.len() > MAX_URL);
        let want = parse_page(
            format!("0006 : {long}\n\nRemedy\n\nR.\n\n0412 : In the format n[d|h|m], where [d|h|m] is the unit.\n\nRemedy\n\nR.\n").as_bytes(),
        )
        .unwrap();
        let html2text = format!(
            "### [**0006** : {long}](?error=0006)\n\n#### Remedy\n\nR.\n\n### [**0412** : In the format n[d|h|m], where\n[d|h|m] is the unit.](?error=0412)\n\n#### Remedy\n\nR.\n"
        );
        assert_eq!(parse_page(html2text.as_bytes()).unwrap(), want);
        // Brackets that make no link stay as they are.
        let page =
            parse_page(b"0405 : See [a [b] c](not a link) and [d](/e.\n\nRemedy\n\nR.\n").unwrap();
        assert_eq!(
            page.entries[0].description,
            "See [a [b] c](not a link) and [d](/e."
        );
    }

    /// pandoc's Markdown gives a heading without an id one made of its text, as long as the
    /// text (0006's is over 500 bytes): it is no wording.
    #[test]
    fn a_heading_identifier_as_long_as_the_heading_is_no_wording() {
        let long = "The named address is not compatible with the country and region being used. "
            .repeat(5);
        let long = long.trim_end();
        let id: String = long
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '.'))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        assert!(id.len() > 256);
        let want = parse_page(format!("0006 : {long}\n\nRemedy\n\nR.\n").as_bytes()).unwrap();
        let pandoc = format!("### **0006** : {long} {{#{id} .err-title}}\n\n#### Remedy\n\nR.\n");
        assert_eq!(parse_page(pandoc.as_bytes()).unwrap(), want);
    }

    /// html2text and pandoc write a link with a `title` attribute as `[text](url "title")`, a
    /// quote in the title escaped (`\"`, pandoc's `\(`): it reads as its text.
    #[test]
    fn a_link_with_a_title_reads_as_its_text() {
        let want = parse_page(
            b"0008 : Use the name from tel_get_supported_countries here.\n\nRemedy\n\nR.\n",
        )
        .unwrap();
        for link in [
            "[tel_get_supported_countries](/cloud/tel_get_supported_countries \"the (list)\")",
            "[tel_get_supported_countries](/cloud/x \"the \\(list\\) \\\"a\\\" b\")",
            "[tel_get_supported_countries](https://example.com/x 'list')",
        ] {
            let text = format!("0008 : Use the name from {link} here.\n\nRemedy\n\nR.\n");
            assert_eq!(parse_page(text.as_bytes()).unwrap(), want, "{link}");
        }
        // A title not closed, or not followed by the link's `)`, makes no link.
        for text in ["[a](/x \"b) c", "[a](/x \"b\" c) d"] {
            let page = parse_page(format!("0405 : {text}\n\nRemedy\n\nR.\n").as_bytes()).unwrap();
            assert_eq!(page.entries[0].description, text);
        }
    }

    /// lynx numbers a link whose text opens with a quote (`[4]"from"`) as it numbers any other.
    #[test]
    fn a_link_number_before_a_quote_is_no_text() {
        let want =
            parse_page(b"0710 : Either the 'to' or \"from\" field (or 'both').\n\nRemedy\n\nR.\n")
                .unwrap();
        let lynx =
            "[3]0710 : Either the [4]'to' or [5]\"from\" field (or [6]'both').\n\nRemedy\n\nR.\n";
        assert_eq!(parse_page(lynx.as_bytes()).unwrap(), want);
        // A code in brackets stays: lynx numbers from 1, and `'s` after it is a possessive.
        for text in [
            "See [0405]'s remedy.",
            "See [1003]'s remedy.",
            "See [0405]word.",
        ] {
            let page = parse_page(format!("0710 : {text}\n\nRemedy\n\nR.\n").as_bytes()).unwrap();
            assert_eq!(page.entries[0].description, text);
        }
    }

    #[test]
    fn dates_sentences_and_repeats_are_not_codes() {
        let text = "2021-01-15_08:56:24\n\n0001 : First.\n\nRemedy is a word.\n\n0001 : Again.\n\nHTTP Error codes vary\n\n";
        let page = parse_page(text.as_bytes()).unwrap();
        assert_eq!(page.entries.len(), 1);
        // "Remedy is a word." is no label: it continues the description.
        assert_eq!(page.entries[0].description, "First. Remedy is a word.");
        assert_eq!(page.entries[0].remedy, None);
        // Listed again with other facts: not a repeat to skip, but a page that cannot be trusted.
        assert_eq!(
            page.unclear,
            [Unclear {
                code: 1,
                line: Some(7),
                what: "is listed twice, with different facts".to_string()
            }]
        );
        let alike = parse_page(b"0001 : First.\n\n0001 : First.\n").unwrap();
        assert_eq!((alike.repeated, alike.unclear), (vec![1], vec![]));
        // A remedy worded otherwise the second time is other facts too.
        let remedies = parse_page(
            b"0001 : First.\n\nRemedy\n\nOne.\n\n0001 : First.\n\nRemedy\n\nTwo.\n\n0002 : B.\n",
        )
        .unwrap();
        assert_eq!(remedies.repeated, Vec::<u16>::new());
        assert_eq!(remedies.unclear.len(), 1, "{:?}", remedies.unclear);
    }

    /// What cannot be read with certainty is named by code, never guessed: a second status in
    /// one entry, a status that is not one, a heading that is not a four-digit code.
    #[test]
    fn unclear_entries_are_named_not_guessed() {
        let unclear = |text: &str| parse_page(text.as_bytes()).unwrap().unclear;
        let named = |text: &str| -> Vec<(u16, Option<usize>, String)> {
            unclear(text)
                .into_iter()
                .map(|u| (u.code, u.line, u.what))
                .collect()
        };
        // The parts under a heading that is not a code are not blamed on the entry before it.
        let five = "0405 : A.\n\nHTTP Error code\n\n404\n\n99999 : five digits.\n\nHTTP Error code\n\n500\n\n0406 : B.\n";
        let found = named(five);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (405, Some(7)));
        assert!(found[0].2.contains("not a four-digit code"), "{found:?}");
        let twice = "0405 : A.\n\nHTTP Error code\n\n404\n\nHTTP Error code\n\n500\n\n0406 : B.\n";
        assert_eq!(
            named(twice),
            [(405, Some(7), "gives its HTTP status twice".to_string())]
        );
        let huge = unclear("0405 : A.\n\nHTTP Error code\n\n99999999999999999999\n");
        assert_eq!(huge.len(), 1);
        assert!(huge[0]
            .what
            .starts_with("has an HTTP status that cannot be read"));
        assert_eq!(
            unclear("0405 : A.\n\nHTTP Error code\n\n404\n\nRemedy\n\nR.\n"),
            []
        );
    }

    /// A table of contents that lists the codes (in a `<nav>`, or a bare list of them, before
    /// or after the entries) is no second listing: each code is read once, from its entry.
    /// Pages converted by other tools read as the page: a permalink's `#` before the code
    /// (lynx and elinks `[161]#0405`, html2text `### #**0405**`), a trailing `¶` link, lynx's
    /// modifier-letter apostrophe for `&apos;`, Markdown's emphasis, code marks and escapes,
    /// Debian html2text's heading stars with no blank lines and the references it leaves, and
    /// a table cell wrapped so that a line is "HTTP status code" alone in the text after the
    /// last entry (w3m, at 80 columns, of the page's parameter table).
    #[test]
    fn a_page_converted_by_other_tools_reads_as_the_page() {
        let page = "0001 : It's gone. Use tel_get_states first.\n\nHTTP Error code\n\n400\n\nRemedy\n\nClick Account then Add funds.\n\n\
                    0002 : Two.\n\nRemedy\n\nPlease contact us.\n\nError Responses\n\n\
                    code string always Either an Error Code, or an HTTP status code\n\ntext string always A text.\n";
        let lynx = "[161]#0001 : It\u{2bc}s gone. Use tel_get_states\nfirst.[162]\u{b6}\n\nHTTP Error code\n\n   400\n\nRemedy\n\n   Click Account then Add funds.\n\n\
                    [163]#0002 : Two.\n\nRemedy\n\n   Please contact us.\n\nError Responses\n\n\
                    code                 string always Either an Error Code, or an\n                            HTTP status code\ntext                 string always A text.\n";
        let html2text = "### #**0001**  : It\\'s gone. Use `tel_get_states` first.\n\n#### HTTP Error code\n\n`400`\n\n#### Remedy\n\nClick **Account** then **Add\nfunds**.\n\n\
                         ::: {#error-0002 .error}\n### #**0002**  : _Two._\n\n#### Remedy\n\nPlease contact us.\n:::\n\n## Error Responses\n\n\
                         code string always Either an Error Code, or an HTTP status code\n\ntext string always A text.\n";
        let debian = "****** Web Service Errors ******\n\
                      **** 0001 : It&#x27;s gone. Use tel_get_states first. ****\n*** HTTP Error code ***\n400\n*** Remedy ***\n\
                      Click Account then Add funds. Click Account then Add funds. Click Account\nthen Add funds.\n\
                      **** 0002 : Two. ****\n*** Remedy ***\nPlease contact us.\n\
                      ***** Error Responses *****\ncode string always Either an Error Code, or an HTTP status code\n";
        let mut want = parse_page(page.as_bytes()).unwrap();
        assert_eq!(
            want.entries[0].description,
            "It's gone. Use tel_get_states first."
        );
        assert_eq!(
            want.entries[1].remedy.as_deref(),
            Some("Please contact us.")
        );
        let button = lynx.replace("[161]#0001", "(BUTTON) 0001");
        reads_as(page, &[lynx, html2text, &button]);
        want.entries[0].remedy = Some("Click Account then Add funds. Click Account then Add funds. Click Account then Add funds.".into());
        assert_eq!(parse_page(debian.as_bytes()).unwrap(), want);
        // A line of a page without blank lines that did not fill the width is a paragraph's end.
        let short = "0001 : A.\nRemedy\nR.\nError Responses\nAll web service API's respond with JSON objects, as this long line says to us.\n";
        assert_eq!(first_remedy(short).as_deref(), Some("R."));
        // The words of a label in prose are a label where a status follows them.
        let copied = "0001 : A mandatory parameter is missing\nHTTP Error code\n\n400\n";
        assert_eq!(
            parse_page(copied.as_bytes()).unwrap().entries[0].http,
            Some(400)
        );
    }

    /// What the page holds as no longer relevant (the `hidden` attribute) is not on the page,
    /// nested elements of its kind and all; only the attribute counts, read as a browser reads
    /// a start tag: not the word in another attribute's name or value (a class, a title, an
    /// unquoted value). What a visitor can reveal is on the page: `hidden="until-found"` (found
    /// by find-in-page), an accordion's panel collapsed by `display: none` (shown by a click,
    /// and in every text dump); so is what `aria-hidden` hides from screen readers only.
    #[test]
    fn hidden_elements_are_not_on_the_page() {
        let entry = "<h3>0405 : A.</h3><h4>HTTP Error code</h4><p>404</p>";
        let want = parse_page(entry.as_bytes()).unwrap();
        for hide in [
            "<div hidden><div><h3>0999 : Draft.</h3></div><p>0998 : More.</p></div>",
            "<section class=x hidden=\"\"><p>0999 : Draft.</p></section>",
            "<div HIDDEN=Hidden><p>0999 : Draft.</p></div>",
            "<div class=\"x\"hidden><p>0999 : Draft.</p></div>",
            "<div/hidden><p>0999 : Draft.</p></div>",
            "<div title='a > b' hidden><p>0999 : Draft.</p></div>",
            "<div hidden=\"\" hidden=until-found><p>0999 : Draft.</p></div>",
        ] {
            reads_as(
                entry,
                &[&format!("<html><body>{entry}{hide}<p>Footer.</p>")],
            );
        }
        for shown in [
            "<div aria-hidden=\"true\" data-hidden-x=\"1\"><p>0999 : Shown.</p></div>",
            "<div class=\"error shown hidden print\"><p>0999 : Shown.</p></div>",
            "<div title=\"show hidden details\"><p>0999 : Shown.</p></div>",
            "<div title=hidden data-x='display:none'><p>0999 : Shown.</p></div>",
            "<div hidden=\"until-found\"><p>0999 : Shown.</p></div>",
            "<div hidden=UNTIL-FOUND hidden><p>0999 : Shown.</p></div>",
            "<div style=\"color: red; display : none\"><p>0999 : Shown.</p></div>",
        ] {
            let page = parse_page(format!("<html><body>{entry}{shown}").as_bytes()).unwrap();
            assert_eq!(page.entries.len(), want.entries.len() + 1, "{shown}");
        }
        // An accordion: each entry's details collapsed until its code is clicked.
        let accordion = "<html><body><div class=\"error\"><h3><a href=\"?error=0405\" title=\"show hidden details\">0405</a> : A.</h3>\
            <div class=\"details\" style=\"display: none;\"><h4>HTTP Error code</h4><p>404</p></div></div></body></html>";
        reads_as(entry, &[accordion]);
    }

    /// An accordion as WAI-ARIA's pattern writes one: each entry's panel `hidden` until its
    /// button, whose `aria-controls` names the panel, is clicked (or a tab's panel, or a
    /// Bootstrap collapse's `data-bs-target`). A visitor reveals it, so it is on the page, as
    /// a collapsed `display: none` panel is: saved from a browser, every status and remedy
    /// was read as gone. A `hidden` element nothing reveals is still off the page.
    #[test]
    fn a_hidden_panel_that_a_control_reveals_is_on_the_page() {
        let entry = "<h3>0405 : A.</h3><h4>HTTP Error code</h4><p>404</p><h4>Remedy</h4><p>R.</p><h3>0406 : B.</h3>";
        let panel = |attributes: &str| {
            format!(
                "<html><body><div class=\"accordion\"><h3><button type=\"button\" aria-expanded=\"false\" aria-controls=\"other p0405\" id=\"a0405\">0405 : A.</button></h3>\
                 <div {attributes}><h4>HTTP Error code</h4><p>404</p><h4>Remedy</h4><p>R.</p></div>\
                 <h3><button aria-controls=\"p0406\">0406 : B.</button></h3><div id=\"p0406\" hidden></div></div><div hidden><p>0999 : Draft.</p></div></body></html>"
            )
        };
        reads_as(
            entry,
            &[
                &panel("id=\"p0405\" role=\"region\" aria-labelledby=\"a0405\" hidden"),
                &panel("hidden id=p0405"),
                &panel("id=\"t0405\" role=\"tabpanel\" hidden"),
                &panel("id=\"c0405\" class=\"collapse\" hidden").replace(
                    "aria-controls=\"other p0405\"",
                    "data-bs-toggle=\"collapse\" data-bs-target=\"#c0405\"",
                ),
            ],
        );
        // A panel no control names is not revealed.
        let alone = parse_page(panel("id=\"x0405\" hidden").as_bytes()).unwrap();
        assert_eq!((alone.entries[0].http, alone.entries.len()), (None, 2));
    }

    /// An accordion whose buttons name no panel: a script shows the panel beside the button
    /// clicked, `hidden` until then. It is on the page, as one a button names is; a `hidden`
    /// element after anything else is not.
    #[test]
    fn a_hidden_panel_right_after_its_button_is_on_the_page() {
        let entry = "<h3>0405 : A.</h3><h4>HTTP Error code</h4><p>404</p><h4>Remedy</h4><p>R.</p><h3>0406 : B.</h3>";
        let page = |between: &str| {
            format!(
                "<html><body><div class=\"err\"><h3><button type=\"button\" class=\"acc\">0405 : A.</button>{between}\
                 <div class=\"panel\" hidden><h4>HTTP Error code</h4><p>404</p><h4>Remedy</h4><p>R.</p></div></div>\
                 <h3><button>0406 : B.</button></h3><div hidden></div><p>Note.</p><div hidden><p>0999 : Draft.</p></div></body></html>"
            )
        };
        reads_as(
            entry,
            &[
                &page(""),
                &page("</h3>\n  <!-- panel -->\n"),
                &page("</h3><script>var a = 1;</script><style>.p {}</style>"),
                &page("</h3><noscript>Enable JavaScript</noscript><link rel=\"x\" href=\"a.css\"><br>&nbsp;&#8203;"),
            ],
        );
        // Text or another element between the button and the `hidden` one: no panel of it.
        for between in ["</h3><p>Click.</p>", "</h3> More "] {
            let page = parse_page(page(between).as_bytes()).unwrap();
            assert_eq!(page.entries[0].http, None, "{between}");
        }
        // A button that is no code's heading shows no panel that is on the page.
        for button in [
            "Show drafts",
            "2027 additions",
            "2026 - What's new",
            "[2026] Roadmap",
        ] {
            let drafts = format!("<html><body><h3>0405 : A.</h3><p>Drafts: <button type=\"button\">{button}</button></p>\
                <div hidden><h3>0999 : Draft, not yet live.</h3></div></body></html>");
            let codes: Vec<u16> = parse_page(drafts.as_bytes())
                .unwrap()
                .entries
                .iter()
                .map(|e| e.code)
                .collect();
            assert_eq!(codes, [405], "{button}");
        }
        // One that is, however its text is written: an entity or an invisible character before
        // the code, or a tag holding a `>` in an attribute.
        for heading in [
            "&nbsp;0405 : A.",
            "&#8203;0405 : A.",
            "\u{200b}0405 : A.",
            "<span title=\"a>b\">0405</span> : A.",
            "<b>0405</b> : A.",
            "0405",
        ] {
            let page = page("").replace("\"acc\">0405 : A.", &format!("\"acc\">{heading}"));
            let page = parse_page(page.as_bytes()).unwrap();
            assert_eq!(page.entries[0].http, Some(404), "{heading}");
        }
    }

    #[test]
    fn a_table_of_contents_is_no_second_listing() {
        let entries = "<h3>0405 : A.</h3><h4>HTTP Error code</h4><p>404</p><h3>0406 : B.</h3><h4>Remedy</h4><p>R.</p>";
        let plain = parse_page(format!("<html><body>{entries}").as_bytes()).unwrap();
        assert_eq!(plain.entries.len(), 2);
        let nav = "<nav><ul><li><a href=\"#e0405\">0405</a></li><li><a href=\"#e0406\">0406 : B</a></li></ul></nav><p>Intro.</p>";
        let list =
            "<ul><li><a href=\"#e0405\">0405</a></li><li><a href=\"#e0406\">0406</a></li></ul>";
        for page in [
            format!("<html><body>{nav}{entries}"),
            format!("<html><body>{list}{entries}"),
            format!("<html><body>{entries}{list}"),
        ] {
            assert_eq!(parse_page(page.as_bytes()).unwrap(), plain, "{page}");
        }
        let text =
            "0405\n0406\n\n0405 : A.\n\nHTTP Error code\n\n404\n\n0406 : B.\n\nRemedy\n\nR.\n";
        assert_eq!(parse_page(text.as_bytes()).unwrap(), plain);
        // A sidebar listing the codes, then the page's title and introduction: the last code
        // listed takes no paragraph after it as its text, whether it comes before or after the
        // entries, and a code listed with a title only mentions it too.
        let aside = "<aside><ul><li><a href=\"#e0405\">0405</a></li><li><a href=\"#e0406\">0406</a></li></ul></aside>";
        let titled = "<aside><ul><li><a href=\"#e0405\">0405 : Gone</a></li><li><a href=\"#e0406\">0406 : Bad</a></li></ul></aside>";
        for page in [
            format!("<html><body>{aside}<h1>Errors</h1><p>This page lists codes.</p>{entries}"),
            format!("<html><body>{entries}{aside}<footer><p>Tel: 01908 273800.</p></footer>"),
            format!("<html><body>{titled}<h1>Errors</h1><p>This page lists codes.</p>{entries}"),
        ] {
            assert_eq!(parse_page(page.as_bytes()).unwrap(), plain, "{page}");
        }
        // ...also where the entry it mentions has neither status nor remedy.
        let bare_last = "<h3>0405 : A.</h3><h4>HTTP Error code</h4><p>404</p><h3>0406 : B.</h3>";
        let want = parse_page(format!("<html><body>{bare_last}").as_bytes()).unwrap();
        let page = format!("<html><body>{aside}<h1>Errors</h1><p>Intro.</p>{bare_last}");
        assert_eq!(parse_page(page.as_bytes()).unwrap(), want);
        // A code only mentioned is still a code on the page.
        let mentioned = parse_page(format!("<html><body>{entries}<p>0407</p>").as_bytes()).unwrap();
        assert_eq!(mentioned.entries.len(), 3);
        // A list of the codes with their titles cut short, before or after the entries (with a
        // sentence after it, a banner, or a code listed twice in it), leaves an entry with
        // neither status nor remedy its own text, as the page without the list reads.
        let toc = |codes: &[&str]| {
            let items: String = codes
                .iter()
                .map(|c| format!("<li><a href=\"#e{c}\">{c} : The first words\u{2026}</a></li>"))
                .collect();
            format!("<aside><ul>{items}</ul></aside><div><p>We use cookies. Accept them.</p></div>")
        };
        let entries = "<h3>0405 : A.</h3><h4>HTTP Error code</h4><p>404</p><p><a href=\"#top\">Back to top</a></p>\
                       <h3>0406 : B.</h3><p><a href=\"#top\">Back to top</a></p>\
                       <h3>0407 : C.</h3><h4>Remedy</h4><p>R.</p><p><a href=\"#top\">Back to top</a></p>";
        let want = parse_page(format!("<html><body>{entries}").as_bytes()).unwrap();
        assert_eq!(want.entries[1].description, "B.");
        for page in [
            format!("<html><body>{}{entries}", toc(&["0405", "0406", "0407"])),
            format!("<html><body>{}{entries}", toc(&["0405", "0407", "0406"])),
            format!("<html><body>{entries}{}", toc(&["0405", "0406", "0407"])),
        ] {
            let mut read = parse_page(page.as_bytes()).unwrap();
            read.entries.sort_by_key(|e| e.code);
            assert_eq!(read, want, "{page}");
        }
        let twice = format!(
            "<html><body>{}{entries}",
            toc(&["0405", "0406", "0407", "0405"])
        );
        let page = parse_page(twice.as_bytes()).unwrap();
        assert_eq!(
            (page.entries.clone(), page.unclear),
            (want.entries.clone(), vec![])
        );
        // Two entries of a code that say different things, neither in such a list, are unclear.
        let differ = format!("<html><body>{entries}<h3>0406 : Not B.</h3><p>Back to top</p>");
        let page = parse_page(differ.as_bytes()).unwrap();
        assert_eq!(page.unclear.len(), 1, "{:?}", page.unclear);
    }

    /// A page saved as one file with its images (MHTML, as Chrome's "Webpage, Single File"
    /// writes it), its HTML quoted-printable or base64, reads as that HTML: read as it is, its
    /// soft line breaks and `=3D`s made every entry's wording change.
    #[test]
    fn a_page_saved_as_a_single_file_reads_as_its_html() {
        let html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Errors</title></head><body>\
            <h3><a href=\"?error=0405\" class=\"code\">0405</a> : It\u{2019}s a token that is not valid = lapsed, or otherwise unidentified by the service.</h3>\
            <h4>HTTP Error code</h4><p>404</p><h4>Remedy</h4><p>Try again with a valid token, one the web service gave you less than four hours ago.</p>\
            <h3>0406 : B.</h3><h4>HTTP Error code</h4><p>400</p></body></html>\n";
        // As Chrome writes it: `=` and every byte above 0x7e encoded, lines of at most 76.
        let mut quoted = String::new();
        let mut line = 0;
        for &b in html.as_bytes() {
            let piece = match b {
                b'\n' => "\r\n".to_string(),
                b'=' | 0x7f.. => format!("={b:02X}"),
                b => (b as char).to_string(),
            };
            if line + piece.len() > 75 && b != b'\n' {
                quoted += "=\r\n";
                line = 0;
            }
            line = if b == b'\n' { 0 } else { line + piece.len() };
            quoted += &piece;
        }
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut base64 = String::new();
        for (i, chunk) in html.as_bytes().chunks(3).enumerate() {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
            for k in 0..4 {
                base64.push(if k <= chunk.len() {
                    ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char
                } else {
                    '='
                });
            }
            if i % 19 == 18 {
                base64 += "\r\n";
            }
        }
        let part = |encoding: &str, body: &str| {
            format!("From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.aculab.com/cloud/web-services/web-service-errors\r\n\
                Subject: Web Service Errors\r\nDate: Wed, 2 Dec 2026 10:00:00 -0000\r\nMIME-Version: 1.0\r\n\
                Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--x1----\"\r\n\r\n\r\n\
                ------MultipartBoundary--x1----\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
                h3::before {{ content: \"0999 : not a code\" }}\r\n\
                ------MultipartBoundary--x1----\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n\
                Content-Transfer-Encoding: {encoding}\r\nContent-Location: https://www.aculab.com/cloud/web-services/web-service-errors\r\n\r\n\
                {body}\r\n------MultipartBoundary--x1----\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n\
                iVBORw0KGgo=\r\n------MultipartBoundary--x1------\r\n")
        };
        let single = format!(
            "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n{quoted}"
        );
        reads_as(
            html,
            &[
                &part("quoted-printable", &quoted),
                &part("base64", &base64),
                &single,
            ],
        );
        assert_eq!(parse_page(html.as_bytes()).unwrap().entries.len(), 2);
        // A text page whose first lines read as headers is text.
        let text = "Subject: errors\n\n0405 : A = B.\n\nHTTP Error code\n\n404\n";
        assert_eq!(
            parse_page(text.as_bytes()).unwrap().entries[0].description,
            "A = B."
        );
    }

    /// A page in UTF-8 but for a byte or two of Latin-1 (a footer's `©` pasted in) reads as
    /// UTF-8: read all as Windows-1252, each `’` became `â€™` and its entry reworded.
    #[test]
    fn a_page_in_utf8_with_a_stray_latin1_byte_reads_as_utf8() {
        let page = "<html><body><h3>0405 : It\u{2019}s \u{201c}gone\u{201d}.</h3><h4>HTTP Error code</h4><p>404</p>\
            <h3>0406 : Don\u{2019}t.</h3><h4>HTTP Error code</h4><p>400</p><footer>";
        let mut mixed = page.as_bytes().to_vec();
        mixed.extend_from_slice(b"\xa9 2025</footer></body></html>");
        assert_eq!(
            parse_page(&mixed).unwrap(),
            parse_page(page.as_bytes()).unwrap()
        );
        // Windows-1252 throughout stays Windows-1252.
        let legacy = b"<html><body><h3>0405 : It\x92s \x93gone\x94.</h3><h4>HTTP Error code</h4><p>404</p>\
            <h3>0406 : Don\x92t.</h3><h4>HTTP Error code</h4><p>400</p><footer>\xa9 2025</footer></body></html>";
        assert_eq!(
            parse_page(legacy).unwrap(),
            parse_page(page.as_bytes()).unwrap()
        );
    }

    /// A table copied from a browser and pasted as text (a row per line, a tab between cells,
    /// as every browser copies one) reads as the table: it found no codes.
    #[test]
    fn a_table_pasted_as_tab_separated_text_reads_as_the_table() {
        let text = "0015 : A.\n\nHTTP Error code\n\n400\n\n0405 : B, or b.\n\nHTTP Error code\n\n404\n\nRemedy\n\nR.\n\n2002 : C.\n\nRemedy\n\nS.\n";
        let tsv = "Web Service Errors\n\nCode\tDescription\tHTTP Error code\tRemedy\n0015\tA.\t400\t\n0405\tB, or b.\t404\tR.\n2002\tC.\t\tS.\n\nError Responses\n";
        reads_as(text, &[tsv, &tsv.replace('\n', "\r\n")]);
        assert_eq!(
            parse_page(tsv.as_bytes()).unwrap().entries[2]
                .remedy
                .as_deref(),
            Some("S.")
        );
        // Without its heading row, its cells read as a table's without one.
        let headless = "0015\tA.\t400\t\n0405\tB, or b.\t404\tR.\n2002\tC.\t\tS.\n";
        assert_eq!(parse_page(headless.as_bytes()).unwrap().entries.len(), 3);
        // A label and its value, a tab between, stay a label line of their own.
        let labels = "0405 : B, or b.\nHTTP Error code\t404\nRemedy\tR.\n";
        assert_eq!(first_remedy(labels).as_deref(), Some("R."));
    }

    /// A table whose code is not in its first column (the status's or the remedy's comes first)
    /// gives each row's cells to the row's own code: the status in the first column was read
    /// as the row above's, and the last row's lost.
    #[test]
    fn a_table_with_the_code_in_a_later_column_gives_each_row_its_own_facts() {
        let text = "0015 : A.\n\nHTTP Error code\n\n400\n\n0405 : B.\n\nHTTP Error code\n\n404\n\nRemedy\n\nR.\n\n2002 : C.\n\nRemedy\n\nS.\n";
        let rows = [
            ["0015", "A.", "400", ""],
            ["0405", "B.", "404", "R."],
            ["2002", "C.", "", "S."],
        ];
        let table = |order: [usize; 4], heads: [&str; 4]| {
            let head: String = order
                .iter()
                .map(|&i| format!("<th>{}</th>", heads[i]))
                .collect();
            let body: String = rows
                .iter()
                .map(|row| {
                    let cells: String = order
                        .iter()
                        .map(|&i| format!("<td>{}</td>", row[i]))
                        .collect();
                    format!("<tr>{cells}</tr>")
                })
                .collect();
            format!("<html><body><table><tr>{head}</tr>{body}</table></body></html>")
        };
        let heads = ["Code", "Description", "HTTP Error code", "Remedy"];
        let pages = [
            table([0, 1, 2, 3], heads),
            table([2, 0, 1, 3], heads),
            table([3, 2, 0, 1], heads),
            table([1, 0, 2, 3], heads),
            table([2, 3, 1, 0], heads),
        ];
        reads_as(text, &pages.iter().map(String::as_str).collect::<Vec<_>>());
    }

    /// A table that writes a placeholder in the cell of a status or remedy the page does not
    /// give (`-`, a dash, `N/A`, `None`) gives none: `N/A` was read as a remedy that appeared,
    /// and a status `-` stopped the whole page as one that cannot be read.
    #[test]
    fn a_placeholder_for_no_status_or_remedy_is_none() {
        let table = |none: &str| {
            format!(
                "<html><body><table><tr><th>Code</th><th>Description</th><th>HTTP Error code</th><th>Remedy</th></tr>\
                 <tr><td>0015</td><td>A.</td><td>400</td><td>{none}</td></tr>\
                 <tr><td>2002</td><td>B.</td><td>{none}</td><td>Please contact us.</td></tr></table>"
            )
        };
        let want = parse_page(table("").as_bytes()).unwrap();
        assert_eq!(
            (want.entries[0].remedy.as_ref(), want.entries[1].http),
            (None, None)
        );
        for none in [
            "-",
            "&ndash;",
            "\u{2014}",
            "N/A",
            "n/a",
            "None",
            "(none)",
            "Not applicable.",
        ] {
            assert_eq!(parse_page(table(none).as_bytes()).unwrap(), want, "{none}");
        }
        let text =
            "0015 : A.\n\nHTTP Error code\n\n400\n\n2002 : B.\n\nRemedy\n\nPlease contact us.\n";
        assert_eq!(parse_page(text.as_bytes()).unwrap(), want);
        for none in ["\u{2013}", "N/A"] {
            let page = format!("0015 : A.\n\nHTTP Error code\n\n400\n\nRemedy\n\n{none}\n\n2002 : B.\n\nHTTP Error code\n\n{none}\n\nRemedy\n\nPlease contact us.\n");
            assert_eq!(parse_page(page.as_bytes()).unwrap(), want, "{page}");
            let page = format!("0015 : A.\n\nHTTP Error code: 400\n\nRemedy: {none}\n\n2002 : B.\n\nHTTP Error code: {none}\n\nRemedy: Please contact us.\n");
            assert_eq!(parse_page(page.as_bytes()).unwrap(), want, "{page}");
        }
        // A remedy that says something is one.
        let page = text.replace("Please contact us.", "None needed: try again.");
        assert!(parse_page(page.as_bytes()).unwrap().entries[1]
            .remedy
            .is_some());
    }

    /// A list of the codes right before a table whose rows start with the code alone in its
    /// cell: the first row is an entry of the table, not one more item of the list, however
    /// many codes the list holds (every other count of them lost the first row's description,
    /// so that adding a code to the page reported its first code as reworded).
    #[test]
    fn a_list_of_codes_before_a_table_of_them_leaves_the_first_row_whole() {
        let row = |code: &str, text: &str| {
            format!("<tr><td><a href=\"?error={code}\">{code}</a></td><td>{text}</td><td>400</td><td>Fix it.</td></tr>")
        };
        let table = |codes: &[&str]| {
            let rows: String = codes
                .iter()
                .map(|c| row(c, &format!("Text of {c}.")))
                .collect();
            format!("<table><tr><th>Code</th><th>Description</th><th>HTTP Error code</th><th>Remedy</th></tr>{rows}</table>")
        };
        let list = |codes: &[&str]| {
            let items: String = codes
                .iter()
                .map(|c| format!("<li><a href=\"#e{c}\">{c}</a></li>"))
                .collect();
            format!("<p>Contents</p><ul>{items}</ul>")
        };
        let codes = ["0001", "0002", "0003", "0004", "0005"];
        for n in 1..=codes.len() {
            let codes = &codes[..n];
            let plain = parse_page(format!("<html><body>{}", table(codes)).as_bytes()).unwrap();
            assert_eq!(plain.entries[0].description, "Text of 0001.");
            let page = format!("<html><body>{}{}", list(codes), table(codes));
            assert_eq!(parse_page(page.as_bytes()).unwrap(), plain, "{n} codes");
        }
    }

    /// Where a tool breaks a long word across lines is no change of wording; a changed word is.
    #[test]
    fn white_space_anywhere_is_no_change_of_wording() {
        let same = [
            "Use cloud-regions.html to list them.",
            "Use cloud-reg\nions.html to list   them.",
            "Use cloud- regions .html to list them .",
        ];
        for text in same {
            assert_eq!(fingerprint(text), fingerprint(same[0]), "{text:?}");
        }
        assert_ne!(
            fingerprint("Use cloud-regions.html to list it."),
            fingerprint(same[0])
        );
    }

    /// Markdown's marks (`*`, `_`, `` ` ``, `\`) are no part of the wording, whether a converter
    /// wrote them or the page holds them as characters: the page as text, read without them,
    /// and as HTML, read with them, give the same record.
    #[test]
    fn markdown_marks_are_no_change_of_wording() {
        for words in [
            "by Aculab Cloud (*.wav, _tmp files)",
            "a * b, 2*3_ and *.mp3",
            "`x` or \\\\server\\share, \\* or __init__",
        ] {
            let text = format!(
                "0402 : Not supported {words}.\n\nHTTP Error code\n\n415\n\nRemedy\n\nUse {words}.\n"
            );
            let html = format!(
                "<html><body><h3>0402 : Not supported {words}.</h3><h4>HTTP Error code</h4><p>415</p><h4>Remedy</h4><p>Use {words}.</p>"
            );
            let [text, html] =
                [text, html].map(|p| Record::of(&parse_page(p.as_bytes()).unwrap(), "2026-01-01"));
            assert_eq!(text, html, "{words}");
        }
        assert_ne!(fingerprint("Use *.wav."), fingerprint("Use *.mp3."));
    }

    /// A permalink of symbols beside a heading (Sphinx's `¶`, `#`, an icon) is no part of the
    /// entry; a link with a word or a code in it is.
    #[test]
    fn a_permalink_beside_a_heading_is_no_part_of_its_entry() {
        let base = parse_page(b"0405 : A.\n\nHTTP Error code\n\n404\n\nRemedy\n\nR.\n").unwrap();
        for link in [
            "<a class=\"headerlink\" href=\"#e0405\" title=\"Permalink\">\u{b6}</a>",
            "<a href=\"#e0405\">&para;</a>",
            "<a href='#e0405'><span aria-hidden=true>#</span></a>",
            "<A HREF=\"#e0405\">&#167;</A >",
            "<a href=\"#e0405\"><svg><title>link</title><path d=\"M0 0\"/></svg></a>",
        ] {
            for page in [
                format!("<h3>0405 : A.{link}</h3><p>HTTP Error code</p><p>404</p><p>Remedy</p><p>R.</p>"),
                format!("<h3>{link}<span>Error code </span>0405 : A.</h3><p>HTTP Error code</p><p>404</p><p>Remedy</p><p>R.</p>"),
            ] {
                assert_eq!(parse_page(page.as_bytes()).unwrap(), base, "{page}");
            }
        }
        // Words and codes in a link are text; `</abbr>` does not close an `<a>`.
        let page = parse_page(b"<h3>0405 : A <a href=\"#x\">token</a>.</h3><p>Remedy</p><p><a href=#y>!</abbr> R.</a></p>").unwrap();
        assert_eq!(page.entries[0].description, "A token.");
        assert_eq!(page.entries[0].remedy.as_deref(), Some("! R."));
    }

    /// `<em>HTTP Error code</em>: 404`: the label is a paragraph of its own, and the colon
    /// after it no part of the value.
    #[test]
    fn a_separator_after_a_label_is_no_part_of_its_value() {
        reads_as("0405 : A.\n\nHTTP Error code\n\n404\n\nRemedy\n\nR.\n", &[
            "<p>0405 : A.</p><p><em>HTTP Error code</em>: 404</p><p><b>Remedy</b>: R.</p>",
            "<dl><dt>0405</dt><dd>A.<br><strong>HTTP Error code</strong> : 404<br><strong>Remedy</strong>:&nbsp;R.</dd></dl>",
            "<ul><li><strong>0405</strong> : A.<br><em>HTTP Error code</em>: 404<br><em>Remedy</em>: R.</li></ul>",
        ]);
    }

    /// Text in `<pre>` keeps its line breaks, as a browser shows it: the text page wrapped in
    /// one reads as the text page.
    #[test]
    fn preformatted_text_keeps_its_line_breaks() {
        let text = "0405 : A.\n\nHTTP Error code\n\n404\n\nRemedy\n\nR.\n\n0406 : B.\n\nHTTP Error code\n\n400\n";
        let base = parse_page(text.as_bytes()).unwrap();
        let html = format!("<html><body><pre>{text}</pre></body></html>");
        assert_eq!(parse_page(html.as_bytes()).unwrap(), base);
        let crlf = text.replace('\n', "\r\n");
        let html = format!("<html><body><PRE class=x>\r\n{crlf}</PRE><p>after</p></body></html>");
        assert_eq!(parse_page(html.as_bytes()).unwrap(), base);
        // Outside it, line breaks are spaces.
        let html =
            format!("<html><body><pre>{text}</pre><p>0407 : C\nD.</p><p>Remedy</p><p>E.</p>");
        let page = parse_page(html.as_bytes()).unwrap();
        assert_eq!(page.entries[2].description, "C D.");
    }

    /// A page of a mistake made a million times keeps [`MAX_UNCLEAR`] of them and counts the
    /// rest: its report and its memory do not grow with it (a 16 MiB page wrote 91 MB).
    #[test]
    fn unclear_parts_are_kept_up_to_a_cap_and_the_rest_counted() {
        let page = format!("0405 : A.\n\n{}", "Remedy\n\n".repeat(1000));
        let page = parse_page(page.as_bytes()).unwrap();
        assert_eq!(page.unclear.len(), MAX_UNCLEAR);
        assert_eq!(page.unclear_more, 999 - MAX_UNCLEAR);
        assert_eq!(page.unclear[0].line, Some(5));
    }

    #[test]
    fn hostile_pages_never_panic() {
        let cases: Vec<Vec<u8>> = vec![
            "<".repeat(100_000).into_bytes(),
            "<div>".repeat(100_000).into_bytes(),
            b"<script>".to_vec(),
            b"<a href=\"never closed".to_vec(),
            b"<![CDATA[0001 : x".to_vec(),
            b"&#0; &#x110000; &#99999999999999999999; &#xD800; &bogus; &".to_vec(),
            "0001 : é\n\nHTTP Error code\n\n99999\n\nRemedy"
                .as_bytes()
                .to_vec(),
            vec![0xff, 0xfe, b'<', b'p', b'>'],
        ];
        for bytes in cases {
            let _ = parse_page(&bytes);
        }
        assert_eq!(parse_page(b"\0"), Err(PageError::Binary));
        let text = "0001 : It\u{2019}s here.\r\n\r\nHTTP Error code\r\n\r\n400\r\n";
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let utf8 = parse_page(text.as_bytes()).unwrap();
        assert_eq!(utf8.entries[0].http, Some(400));
        assert_eq!(parse_page(&le), Ok(utf8.clone()));
        assert_eq!(parse_page(&be), Ok(utf8.clone()));
        // Without the byte-order mark (`iconv -t UTF-16LE`) too; a binary file is still none.
        assert_eq!(parse_page(&le[2..]), Ok(utf8.clone()));
        assert_eq!(parse_page(&be[2..]), Ok(utf8));
        let html: Vec<u8> = "<p>0001 : A.</p>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(parse_page(&html).unwrap().entries[0].description, "A.");
        let binary: Vec<u8> = (0..4096u32).map(|i| (i % 7) as u8).collect();
        assert_eq!(parse_page(&binary), Err(PageError::Binary));
        let page = parse_page("0001 : é\n\nHTTP Error code\n\n99999\n".as_bytes()).unwrap();
        assert_eq!(page.entries[0].http, None);
        assert_eq!(page.unclear.len(), 1);
    }

    #[test]
    fn the_record_round_trips_and_each_mistake_has_its_line() {
        let page =
            parse_page(b"0001 : A.\n\nHTTP Error code\n\n400\n\nRemedy\n\nB.\n\n2001 : C.\n")
                .unwrap();
        let record = Record::of(&page, "2026-12-02");
        let text = record.render();
        assert_eq!(Record::parse(&text).unwrap(), record);
        assert!(
            !text.contains("A.") && !text.contains("B."),
            "never the wording"
        );
        let broken = text
            .replace("checked\t2026-12-02", "checked\tyesterday")
            .replace("0001\t400\tyes", "0001\t999\tyes")
            .replace("2001\t-\tno\t", "2001\t-\tmaybe\t");
        let d = Record::parse(&format!("{broken}0002\t400\n"))
            .unwrap_err()
            .0;
        let found: Vec<(usize, bool)> = d.iter().map(|d| (d.line, d.message.is_empty())).collect();
        assert_eq!(
            found,
            [(7, false), (9, false), (10, false), (11, false)],
            "{d:?}"
        );
        assert!(d[1].message.contains("HTTP status"));
        assert!(d[2].message.contains("yes or no"));
        assert_eq!(Record::parse("").unwrap(), Record::default());
    }

    #[test]
    fn the_checked_date_is_a_day_of_the_calendar_given_once() {
        for good in [
            "2026-12-02",
            "2024-02-29",
            "2000-02-29",
            "0001-01-31",
            "2026-04-30",
        ] {
            assert!(is_date(good), "{good}");
        }
        for bad in [
            "2026-19-39",
            "9999-99-99",
            "2026-02-30",
            "2026-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-00-10",
            "2026-01-00",
            "2026-1-010",
            "2026+01-01",
            "2026-01-01 ",
            "2026-01-\u{e9}",
            "",
        ] {
            assert!(!is_date(bad), "{bad}");
            let d = Record::parse(&format!("checked\t{bad}\n")).unwrap_err().0;
            assert_eq!(d[0].line, 1, "{bad}");
        }
        let d = Record::parse("checked\t2026-12-02\nchecked\t2026-12-03\n")
            .unwrap_err()
            .0;
        assert_eq!((d.len(), d[0].line), (1, 2), "{d:?}");
        assert!(d[0].message.contains("twice"), "{d:?}");
    }

    #[test]
    fn scaffolds_go_where_their_codes_belong() {
        let cat = "links: x\ncategories:\n  - id: a\n    range: \"0000-0999\"\nerrors:\n  - code: \"0010\"\n    name: ten\n\n  - code: \"0020\"\n    name: twenty\n# trailing comment\n";
        let codes = catalogue_codes(cat).unwrap();
        let entry = |code| PageEntry {
            code,
            http: Some(400),
            description: "d".into(),
            remedy: None,
        };
        let (e1, e2, e3, e4) = (entry(1), entry(15), entry(16), entry(1500));
        let out = scaffold(cat, &codes, &[&e1, &e2, &e3, &e4]);
        let read = catalogue_codes(&out).unwrap();
        let order: Vec<u16> = read
            .codes
            .values()
            .map(|c| (c.line, c.code))
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_values()
            .collect();
        assert_eq!(order, [1, 10, 15, 16, 20, 1500]);
        assert_eq!(read.codes[&1].category.as_deref(), Some("a"));
        assert_eq!(
            read.codes[&1500].category.as_deref(),
            Some("TODO_choose_a_category")
        );
        assert!(out.contains("description: >-\n      TODO: say what 0001 means"));
        assert!(crate::load(&out).is_err());
    }

    /// A catalogue written with CRLF line ends (a Windows checkout) keeps them, the scaffold's
    /// lines too: `sync --write` changes no line it does not add.
    #[test]
    fn a_scaffold_keeps_the_catalogues_line_ends() {
        let lf = "errors:\n  - code: \"0010\"\n    name: ten\n";
        let crlf = lf.replace('\n', "\r\n");
        let entry = PageEntry {
            code: 20,
            http: None,
            description: "d".into(),
            remedy: Some("r".into()),
        };
        let out = scaffold(&crlf, &catalogue_codes(&crlf).unwrap(), &[&entry]);
        assert!(out.starts_with(&crlf), "{out:?}");
        assert_eq!(
            out.matches('\n').count(),
            out.matches("\r\n").count(),
            "{out:?}"
        );
        let plain = scaffold(lf, &catalogue_codes(lf).unwrap(), &[&entry]);
        assert_eq!(out, plain.replace('\n', "\r\n"));
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_are_read_or_refused_without_panicking(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048),
            text in "[<>&;#a-z0-9 :/!\\-\n\"']{0,400}",
        ) {
            let _ = parse_page(&bytes);
            let _ = parse_page(text.as_bytes());
            let _ = Record::parse(&text);
            let _ = catalogue_codes(&text);
        }
    }

    /// The page's three kinds of entry (a status and a remedy, a status alone, a remedy alone)
    /// as text, for the layouts below to read as.
    const THREE: &str = "0001 : It's gone. See https://x.example/a for more.\n\nHTTP Error code\n\n400\n\nRemedy\n\nUse it.\n\n\
                         0002 : Two.\n\nHTTP Error code\n\n404\n\n\
                         0003 : Three.\n\nRemedy\n\nDo three.\n";

    /// Pandoc's Markdown: a heading's attributes (`### 0001 : ... {#e0001}`), a link's
    /// (`[…](…){target="_blank"}`), a bracketed span (`[0002]{.code}`), whose label alone in it
    /// is a label as in HTML, and a hard line break (a `\` ending the line, from `<br>`) are
    /// markup, not wording.
    #[test]
    fn pandoc_markdown_attributes_spans_and_hard_breaks_are_markup() {
        let headings = "# Web Service Errors {#top}\n\n\
            ### 0001 : It\\'s gone. See [https://x.example/a](https://x.example/a){target=\"_blank\"} for more. {#e0001 .error}\n\n\
            #### HTTP Error code {#status-0001}\n\n400\n\n#### Remedy\n\nUse it.\n\n\
            ### [0002]{.code} [:]{.sep} [Two.]{.desc}\n\n[HTTP Error code]{.label} [404]{.value}\n\n\
            ### 0003 : Three.\n\n[Remedy]{.label} [Do\nthree.]{.value}\n";
        let breaks = "0001 : It\\'s gone. See <https://x.example/a> for\nmore.\\\nHTTP Error code\\\n400\\\nRemedy\\\nUse it.\n\n\
            0002 : Two.\\\nHTTP Error code\\\n404\n\n0003 : Three.\\\nRemedy\\\nDo three.\n";
        reads_as(THREE, &[headings, breaks]);
        // An empty definition (`:   `, from `<dd></dd>`) is nothing.
        reads_as(
            "<dl><dt>0001 : A.</dt><dd></dd><dt>0002 : B.</dt></dl>",
            &["0001 : A.\n\n:   \n\n0002 : B.\n"],
        );
        // Its en and em dashes (`--`, `---`) are the HTML's.
        reads_as(
            "<p>0001 : A &ndash; b &mdash; c - d.</p>",
            &["0001 : A -- b --- c - d.\n"],
        );
        // A span or attributes that are no pandoc attributes are the page's own text.
        let own = "0001 : Use {x} and [y]{z w}. {not: attributes}\n\nHTTP Error code\n\n400\n";
        assert_eq!(
            parse_page(own.as_bytes()).unwrap().entries[0].description,
            "Use {x} and [y]{z w}. {not: attributes}"
        );
    }

    /// Pandoc's Markdown of a page whose entries are paragraphs or a table, not headings, with
    /// some of its HTML kept as raw HTML (a `<div>` around a list, a `<span>` around a code):
    /// it reads as Markdown, as it does where the entries are headings. It was read as HTML, in
    /// which its lines ran together: one entry holding the whole page, or no code at all.
    #[test]
    fn markdown_of_paragraphs_or_a_table_with_raw_html_reads_as_markdown() {
        let text = "0001 : It's gone. The missing one is named.\n\nHTTP Error code\n\n400\n\nRemedy\n\nInclude it.\n\n\
                    0002 : Two.\n\nHTTP Error code\n\n404\n\n";
        let div = "<a href=\"#main\" class=\"skip\">Skip to\ncontent</a>\n\n<div class=\"toc\">\n\n-   [0001](#e0001)\n-   [0002](#e0002)\n\n</div>\n\n";
        let bold = format!(
            "{div}**0001** : It's gone.  The missing one\nis named.  \n*HTTP Error code*  \n400  \n*Remedy*  \nInclude it.\n\n\
             **0002** : Two.  \n*HTTP Error code*  \n404\n"
        );
        let span = format!(
            "{div}<div id=\"e0001\" class=\"item\">\n\n<span class=\"code\">0001</span> : It's gone.  The missing one\nis named.\n\n\
             <div class=\"body\" style=\"display: none\">\n\nHTTP Error code  \n400\n\nRemedy  \nInclude it.\n\n</div>\n\n</div>\n\n\
             <div id=\"e0002\" class=\"item\">\n\n<span class=\"code\">0002</span> : Two.\n\n<div class=\"body\">\n\nHTTP Error code  \n404\n\n</div>\n\n</div>\n"
        );
        let pipes = format!(
            "{div}| Error code          | Description                                | HTTP Error code | Remedy      |\n\
             |---------------------|--------------------------------------------|-----------------|-------------|\n\
             | [0001](?error=0001) | It's gone.  The missing one is named.      | 400             | Include it. |\n\
             | [0002](?error=0002) | Two.                                       | 404             |             |\n"
        );
        // The codes as plain text in their cells (pandoc's gfm of an HTML table).
        let plain = format!(
            "{div}| Code | Description                           | HTTP Error code | Remedy      |\n\
             |------|---------------------------------------|-----------------|-------------|\n\
             | 0001 | It's gone.  The missing one is named. | 400             | Include it. |\n\
             | 0002 | Two.                                  | 404             |             |\n"
        );
        reads_as(text, &[&bold, &span, &pipes, &plain]);
        // A table kept as HTML, a code alone in its cell, is still read as HTML.
        let kept = format!(
            "{div}<table>\n<thead>\n<tr>\n<th>Code</th>\n<th>Description</th>\n<th>HTTP Error code</th>\n<th>Remedy</th>\n</tr>\n</thead>\n<tbody>\n\
             <tr>\n<td><a href=\"?error=0001\">0001</a></td>\n<td>It's gone. The missing one\nis named.</td>\n<td>400</td>\n<td>Include it.</td>\n</tr>\n\
             <tr>\n<td><a href=\"?error=0002\">0002</a></td>\n<td>Two.</td>\n<td>404</td>\n<td></td>\n</tr>\n</tbody>\n</table>\n"
        );
        reads_as(text, &[&kept]);
    }

    /// Markdown that keeps the page's HTML blocks as raw HTML (pandoc's `gfm` and `commonmark`
    /// writers: `<div class="error">` around each entry, `<span>` inside) is read as Markdown,
    /// its tags no part of the text, not as HTML (where its headings and labels ran together).
    #[test]
    fn markdown_with_raw_html_blocks_reads_as_markdown() {
        let gfm = "<a href=\"#main\" class=\"skip\">Skip to content</a>\n\n<div id=\"main\" role=\"main\">\n\n# Web Service Errors\n\n\
            <div id=\"error-0001\" class=\"error\">\n\n### [0001](?error=0001) : It's gone. See <https://x.example/a> for more.\n\n\
            #### HTTP Error code\n\n400\n\n#### Remedy\n\nUse it.\n\n</div>\n\n<div id=\"error-0002\" class=\"error\">\n\n\
            ### <span class=\"code\">0002</span> : Two.\n\n#### HTTP Error code\n\n<span\nclass=\"value\">404</span>\n\n</div>\n\n\
            <!-- 0999 : a comment -->\n\n### 0003 : Three.\n\n#### Remedy\n\nDo three.\n\n</div>\n";
        reads_as(THREE, &[gfm]);
        // Read in linear time, however many tags or comments are left open.
        for hostile in ["<a ", "<!-- ", "<span", "[", "]{.a} ", "x {#a}\n"] {
            let page = format!("### 0001 : A.\n\n<div>\n\n{}", hostile.repeat(50_000));
            let start = std::time::Instant::now();
            let _ = parse_page(page.as_bytes());
            assert!(start.elapsed().as_secs() < 10, "{hostile:?}");
        }
        // HTML that only holds a line like a Markdown heading is still HTML.
        let html = "<div><h3>0001 : It's gone. See https://x.example/a for more.</h3><h4>HTTP Error code</h4><p>400</p>\
            <h4>Remedy</h4><p>Use it.</p><h3>0002 : Two.</h3><h4>HTTP Error code</h4><p>404</p>\
            <h3>0003 : Three.</h3><h4>Remedy</h4><p>Do three.</p><pre>\n# 0004 : Four.\n</pre></div>";
        let page = parse_page(html.as_bytes()).unwrap();
        let want = parse_page(format!("{THREE}\n0004 : Four.\n").as_bytes()).unwrap();
        assert_eq!(page, want);
    }

    /// A label closed by emphasis with its value after it on the line (`**Remedy** Use it.`,
    /// from `<b>Remedy</b> Use it.`), also in a pandoc definition (`:   **HTTP Error code** 400`),
    /// is the label and its value, as the HTML reads.
    #[test]
    fn an_emphasised_label_before_its_value_is_a_label() {
        let bold = "0001 : It's gone. See https://x.example/a for more.\n\n**HTTP Error code** 400\n\n**Remedy** Use it.\n\n\
            0002 : Two.\n:   **HTTP Error code** 404\n\n0003 : Three.\n:   __Remedy__ Do three.\n";
        let html = "<p>0001 : It's gone. See https://x.example/a for more.</p><p><b>HTTP Error code</b> 400</p>\
            <p><b>Remedy</b> Use it.</p><dl><dt>0002 : Two.</dt><dd><b>HTTP Error code</b> 404</dd>\
            <dt>0003 : Three.</dt><dd><b>Remedy</b> Do three.</dd></dl>";
        reads_as(THREE, &[bold, html]);
        // Emphasis over more than the label's words is no label.
        let prose = "0001 : A.\n\nRemedy\n\n**Remedy the fault**, then retry.\n";
        assert_eq!(
            first_remedy(prose).as_deref(),
            Some("Remedy the fault, then retry.")
        );
    }

    /// A table of a row per code without a heading row: after the code and its description, a
    /// cell that is a status alone is the status, and a cell after the status's column is the
    /// remedy, in every row (a row without a status too).
    #[test]
    fn a_table_of_codes_without_a_heading_row_reads_by_its_columns() {
        let rows = "<table><tr><td>0001</td><td>It's gone. See https://x.example/a for more.</td><td>400</td><td>Use it.</td></tr>\
            <tr><td>0002</td><td>Two.</td><td>404</td><td></td></tr>\
            <tr><td>0003</td><td>Three.</td><td></td><td>Do three.</td></tr></table>";
        let joined = "<table><tr><td>0001 : It's gone. See https://x.example/a for more.</td><td>400</td><td>Use it.</td></tr>\
            <tr><td>0002 : Two.</td><td>404 Not Found</td><td> </td></tr>\
            <tr><td>0003 : Three.</td><td></td><td>Do three.</td></tr></table>";
        reads_as(THREE, &[rows, joined]);
        // A first row without a status: its remedy is read once a later row shows the column.
        let later = "<table><tr><td>0003</td><td>Three.</td><td></td><td>Do three.</td></tr>\
            <tr><td>0001</td><td>It's gone. See https://x.example/a for more.</td><td>400</td><td>Use it.</td></tr>\
            <tr><td>0002</td><td>Two.</td><td>404</td><td></td></tr></table>";
        let mut want = parse_page(THREE.as_bytes()).unwrap();
        want.entries.rotate_right(1);
        assert_eq!(parse_page(later.as_bytes()).unwrap(), want);
        // A heading row that names some columns in words of its own: the others read by
        // their cells.
        for (status, remedy) in [
            ("Status", "Remedy"),
            ("HTTP Error code", "Solution"),
            ("HTTP", "Fix"),
        ] {
            let headed = format!("<table><tr><th>Code</th><th>Description</th><th>{status}</th><th>{remedy}</th></tr>{}",
                &rows["<table>".len()..]);
            reads_as(THREE, &[&headed]);
        }
        // A table of other things keeps its cells as they are.
        let other =
            "<p>0001 : A.</p><table><tr><td>Step</td><td>200</td><td>Then this.</td></tr></table>";
        let page = parse_page(other.as_bytes()).unwrap();
        assert_eq!(
            (page.entries[0].http, page.entries[0].remedy.as_deref()),
            (None, None)
        );
    }

    /// A permalink's symbol after a heading, as a text dump shows it (lynx, w3m, pandoc of
    /// `<a class="headerlink">¶</a>`), is no part of the entry's wording; `#` may be.
    #[test]
    fn a_permalink_symbol_in_a_text_dump_is_no_part_of_the_heading() {
        let html = "<h3>0001 : Gone. <a class=headerlink href=#e0001>&para;</a></h3><h4>HTTP Error code</h4><p>400</p>\
                    <h3>0002 : Press # <a href=#e0002>&sect;</a></h3>";
        reads_as(
            html,
            &[
                "0001 : Gone. \u{b6}\n\nHTTP Error code\n\n400\n\n0002 : Press # \u{a7}\n",
                "### 0001 : Gone. [\u{b6}](#e0001){.headerlink} {#e0001}\n\n#### HTTP Error code\n\n400\n\n### 0002 : Press # [\u{a7}](#e0002)\n",
                "  0001 : Gone.\n  \u{b6}\n\n  HTTP Error code\n\n  400\n\n  0002 : Press #\n",
            ],
        );
        assert_eq!(
            parse_page(html.as_bytes()).unwrap().entries[1].description,
            "Press #"
        );
    }

    /// A code named in prose that a line break put at the start of a line (`... as with` /
    /// `error 0018. The ...`, as a text browser wraps a paragraph) is no heading: the sentence
    /// before it goes on. A heading after a sentence, a status or a label still heads an entry.
    #[test]
    fn a_code_named_at_the_start_of_a_wrapped_line_is_no_heading() {
        let entries =
            "\n\nHTTP Error code\n\n400\n\n0018 : Storage failed.\n\nHTTP Error code\n\n500\n\n\
                       0405 : Bad token.\n\nHTTP Error code\n\n404\n";
        for mention in [
            "error 0018. Then retry.",
            "Code 0405: the token. Then retry.",
            "(0018) and others. Then retry.",
            "0405 - the token. Then retry.",
            "Error code #0405, the token. Then retry.",
        ] {
            let wrapped = format!("0001 : A parameter is missing, as with\n{mention}{entries}");
            let page = parse_page(wrapped.as_bytes()).unwrap();
            assert_eq!(page.unclear, [], "{mention}");
            assert_eq!(
                page.entries[0].description,
                format!("A parameter is missing, as with {mention}"),
            );
            assert_eq!(page.entries.len(), 3, "{mention}");
        }
        // After a sentence, a status or a label, a heading in any form heads its entry.
        for head in ["0018 : ", "Error 0018: ", "(0018) ", "0018 - "] {
            let page = format!(
                "0001 : A parameter is missing.\n{head}Storage failed.\n\nHTTP Error code\n\n500\n"
            );
            let page = parse_page(page.as_bytes()).unwrap();
            assert_eq!(page.entries.len(), 2, "{head}");
            assert_eq!(page.entries[1].http, Some(500), "{head}");
        }
    }

    /// A table of codes in Markdown, as pandoc writes the HTML table: a pipe table (`gfm`)
    /// and a simple table (`markdown`), reads as the HTML table does; the lines after it
    /// keep their numbers.
    #[test]
    fn a_markdown_table_of_codes_reads_as_the_html_table() {
        let pipe = "Error Codes\n\n| Code | Description | HTTP Error code | Remedy |\n|------|-------------|-----------------|--------|\n\
                    | 0001 | It's gone. See <https://x.example/a> for more. | 400 | Use it. |\n| 0002 | Two. | 404 | |\n\
                    | 0003 | Three. | | Do three. |\n\n## Error Responses\n";
        let row = |c: &str, d: &str, h: &str, r: &str| format!("  {c:<6} {d:<48} {h:<17} {r}\n");
        let simple = format!(
            "Error Codes\n\n{}  ------ {} {} ----------\n{}{}{}\n## Error Responses\n",
            row("Code", "Description", "HTTP Error code", "Remedy"),
            "-".repeat(48),
            "-".repeat(17),
            row(
                "0001",
                "It\\'s gone. See <https://x.example/a> for more.",
                "400",
                "Use it."
            ),
            row("0002", "Two.", "404", ""),
            row("0003", "Three.", "", "Do three."),
        );
        // Without a heading row: pandoc's simple table closed by its line of columns, and
        // commonmark's table kept as HTML.
        let headless = format!(
            "Error Codes\n\n  ------ {} {} ----------\n{}{}{}  ------ {} {} ----------\n\n## Error Responses\n",
            "-".repeat(48),
            "-".repeat(17),
            row("0001", "It\'s gone. See <https://x.example/a> for more.", "400", "Use it."),
            row("0002", "Two.", "404", ""),
            row("0003", "Three.", "", "Do three."),
            "-".repeat(48),
            "-".repeat(17),
        );
        let commonmark = "Error Codes\n\n<table>\n<tbody>\n<tr class=\"odd\">\n<td>0001</td>\n<td>It's gone. See https://x.example/a for more.</td>\n<td>400</td>\n<td>Use it.</td>\n</tr>\n\
                          <tr><td>0002</td><td>Two.</td><td>404</td><td></td></tr><tr><td>0003</td><td>Three.</td><td></td><td>Do three.</td></tr>\n</tbody>\n</table>\n\n## Error Responses\n";
        reads_as(THREE, &[pipe, &simple, &headless, commonmark]);
        // `\|` is a `|` of the cell's text (pandoc: `n\[d\|h\|m\]`).
        let escaped = "| Code | Description | HTTP Error code |\n|---|---|---|\n| 0412 | Use n\\[d\\|h\\|m\\]. | 400 |\n";
        let page = parse_page(escaped.as_bytes()).unwrap();
        assert_eq!(
            (page.entries[0].description.as_str(), page.entries[0].http),
            ("Use n[d|h|m].", Some(400))
        );
        // Read in linear time: rows without end, a line of many dash runs.
        for (head, sep, row) in [
            ("| a | b |\n", "|---|---|\n", "| 0001 | x |\n"),
            ("a b\n", "--- ---\n", "0001 : x\n"),
            ("a b\n", "--- ", "x\n"),
        ] {
            let page = format!(
                "0001 : A.\n\n{head}{}\n{}",
                sep.repeat(if sep.ends_with(' ') { 10_000 } else { 1 }),
                row.repeat(20_000)
            );
            let start = std::time::Instant::now();
            let _ = parse_page(page.as_bytes());
            assert!(start.elapsed().as_secs() < 10, "{head:?}");
        }
        // A heading underlined with dashes (one run) is no table; a line after the table is
        // where it was.
        let after = format!("{pipe}\n0004 : Four.\n\nHTTP Error code\n\n40x\n");
        let text = format!("Codes\n-----\n\n{after}");
        let page = parse_page(text.as_bytes()).unwrap();
        assert_eq!(page.entries.len(), 4);
        let line = text.lines().position(|l| l == "40x").unwrap() + 1;
        assert_eq!(page.unclear[0].line, Some(line), "{:?}", page.unclear);
    }

    /// A label and its value on one line with neither a colon nor markup between them, as a
    /// text dump (lynx, w3m) writes `<b>HTTP Error code</b> 404<br><b>Remedy</b> Try again.`,
    /// or HTML writes in a block of its own, after a part's end: the label and its value.
    /// Prose that wraps before the words is prose.
    #[test]
    fn a_label_and_its_value_on_one_line_after_a_parts_end_are_the_label_and_value() {
        let lynx = "   0001 : It's gone. See https://x.example/a for more.\n          HTTP Error code 400\n          Remedy Use it.\n\n\
                    0002 : Two.\n          HTTP Error code 404 Not Found\n\n0003 : Three.\n:   Remedy Do three.\n";
        let url = "0001 : A.\n\nHTTP Error code 400\n\nRemedy See https://x.example/a: it says.\n";
        assert_eq!(
            first_remedy(url).as_deref(),
            Some("See https://x.example/a: it says.")
        );
        let html = "<dl><dt>0001 : It's gone. See https://x.example/a for more.</dt><dd>HTTP Error code 400</dd><dd>Remedy Use it.</dd>\
                    <dt>0002 : Two.</dt><dd>HTTP Error code 404</dd><dt>0003 : Three.</dt><dd>Remedy Do three.</dd></dl>";
        reads_as(THREE, &[lynx, html]);
        let prose = "0001 : A status of the\nHTTP Error code 404\nis sent when it is gone. Remedy\nThis by retrying.\n\nHTTP Error code\n\n400\n\nRemedy\n\nremedy the fault.\n";
        let page = parse_page(prose.as_bytes()).unwrap();
        assert_eq!(
            page.entries[0].description,
            "A status of the HTTP Error code 404 is sent when it is gone. Remedy This by retrying."
        );
        assert_eq!(page.entries[0].http, Some(400));
        assert_eq!(page.entries[0].remedy.as_deref(), Some("remedy the fault."));
    }
}
