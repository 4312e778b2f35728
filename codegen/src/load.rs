//! Catalogue text → validated [`Catalogue`], or every problem found, each with its line.
//!
//! [`crate::yaml`] gives every value its line; this module checks them key by key. Whatever it
//! accepts can be emitted safely: every Rust name is checked in the form the generator writes
//! ([`crate::names`]), every text is free of characters no output can show ([`crate::text`]),
//! and the link template is a plain https URL.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Collector, Diagnostic, Diagnostics};
use crate::model::{Catalogue, Category, Entry, Retry};
use crate::names::{self, Namespace};
use crate::text;
use crate::yaml::{self, Key, Node, Plain, Value};

/// The largest catalogue accepted, in bytes: far above any real one (the live one is ~80 KiB),
/// and low enough that time and memory stay small.
pub const MAX_CATALOGUE_BYTES: usize = 16 * 1024 * 1024;

pub(crate) const TOP_KEYS: &[&str] = &["links", "categories", "errors"];
pub(crate) const CATEGORY_KEYS: &[&str] = &["id", "title", "range", "description"];
pub(crate) const ENTRY_KEYS: &[&str] = &[
    "code",
    "name",
    "http",
    "category",
    "retry",
    "retry_after",
    "idempotent_only",
    "description",
    "remedy",
    "aliases",
    "retired",
];

/// The keys an entry may leave out.
const OPTIONAL_KEYS: &[&str] = &[
    "http",
    "retry_after",
    "idempotent_only",
    "remedy",
    "aliases",
    "retired",
];

/// The keys whose values are prose, in the project's own words.
const PROSE_KEYS: &[&str] = &["title", "description", "remedy", "retired"];

/// Validates catalogue bytes as read from disk: size, UTF-8 and NUL bytes first, each problem
/// at its line, then everything [`load`] checks, so that every problem is reported at once.
pub fn load_bytes(bytes: &[u8]) -> Result<Catalogue, Diagnostics> {
    if bytes.len() > MAX_CATALOGUE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    // Saved as UTF-16 or UTF-32, every line would be reported for its NUL bytes.
    if let Some(encoding) = wide_encoding(bytes) {
        return Err(Diagnostics(vec![Diagnostic::new(
            1,
            format!("the catalogue is saved as {encoding}; save it as UTF-8"),
        )]));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => load(text),
        Err(_) => {
            // Every line holding bytes that are not UTF-8; the rest is read without them.
            let mut diags = Collector::default();
            for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
                if std::str::from_utf8(line).is_err() {
                    diags.push(Diagnostic::new(
                        i + 1,
                        "not valid UTF-8; save the catalogue as UTF-8",
                    ));
                    if diags.full() {
                        return Err(diags.finish());
                    }
                }
            }
            let text: String = bytes.utf8_chunks().map(|c| c.valid()).collect();
            load_after(&text, diags)
        }
    }
}

/// The encoding of text saved as UTF-16 or UTF-32, by its byte-order mark or, without one, by
/// the NUL bytes around its first two characters (a catalogue starts with a key or a comment).
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    let ascii = |c: &u8| c.is_ascii() && *c != 0;
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32"),
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => Some("UTF-16"),
        [a, 0, 0, 0, b, 0, 0, 0, ..] | [0, 0, 0, a, 0, 0, 0, b, ..] if ascii(a) && ascii(b) => {
            Some("UTF-32")
        }
        [a, 0, b, 0, ..] | [0, a, 0, b, ..] if ascii(a) && ascii(b) => Some("UTF-16"),
        _ => None,
    }
}

/// The longest `links` template accepted, in characters: each code's link repeats it.
pub const MAX_LINKS_LEN: usize = 500;
/// The longest category title accepted, in characters: each code's page repeats it.
pub const MAX_TITLE_LEN: usize = 200;
/// The most aliases an entry may keep. Each becomes two public consts, and an unbounded list
/// made output and memory grow far faster than the catalogue (500,000 aliases in 9 MB took
/// 5.5 GB and four minutes to generate); a name renamed more often than this is better broken.
pub const MAX_ALIASES: usize = 8;

/// The report for a catalogue of `len` bytes, over [`MAX_CATALOGUE_BYTES`].
pub fn too_large(len: u64) -> Diagnostics {
    Diagnostics(vec![Diagnostic::new(
        1,
        format!(
            "the catalogue is {len} bytes, more than the {MAX_CATALOGUE_BYTES} bytes (16 MiB) accepted"
        ),
    )])
}

/// Parses and validates catalogue text. On failure returns every problem found, in line order.
pub fn load(text: &str) -> Result<Catalogue, Diagnostics> {
    load_after(text, Collector::default())
}

/// [`load`], with the problems already found in the bytes the text was read from.
fn load_after(text: &str, mut diags: Collector) -> Result<Catalogue, Diagnostics> {
    if text.len() > MAX_CATALOGUE_BYTES {
        return Err(too_large(text.len() as u64));
    }
    // A byte-order mark, as some editors write at the start of a UTF-8 file, is not content.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // Characters that no text field may hold and that would throw line numbers off (YAML
    // counts a lone CR as a line break; editors and this report count LF), each reported at its
    // line, then left out so that the rest of the file is still checked.
    let (mut conflict, mut stray) = (false, false);
    for (i, l) in text.split('\n').enumerate() {
        let l = l.strip_suffix('\r').unwrap_or(l);
        let (why, marker) = if l.contains('\0') {
            ("contains a NUL byte; remove it", false)
        } else if l.contains('\r') {
            (
                "contains a carriage return (CR) that does not end the line; remove it, or make it a line break",
                false,
            )
        } else if l.contains('\u{FEFF}') {
            // Invisible; before a key it makes another key, and YAML may read it as content.
            (
                "contains a byte-order mark (U+FEFF), which may only start the file; remove it",
                false,
            )
        } else if is_conflict_marker(l) {
            // Else reported as odd YAML, and at the line after, or taken into a text.
            ("a merge-conflict marker; resolve the conflict, keeping the lines wanted, and remove the markers", true)
        } else {
            continue;
        };
        conflict |= marker;
        stray |= !marker;
        diags.push(Diagnostic::new(i + 1, why));
        if diags.full() {
            return Err(diags.finish());
        }
    }
    // Both sides of a conflict read as one file would only add problems that are not there.
    if conflict {
        return Err(diags.finish());
    }
    let cleaned;
    let text = if stray {
        cleaned = without_stray_characters(text);
        cleaned.as_str()
    } else {
        text
    };
    let read = yaml::read(text);
    // A line with a problem in its bytes has it reported already: what YAML makes of the line
    // without the character (a lone CR joining two lines into one) follows from it.
    let bytes: HashSet<usize> = diags.diags.iter().map(|d| d.line).collect();
    for d in read.problems {
        if !bytes.contains(&d.line) {
            diags.push(d);
        }
    }
    // Past a syntax error the tree is cut short: what it lacks is not missing.
    if !read.whole {
        return Err(diags.finish());
    }
    // A line with a problem in its bytes or its YAML has it reported already: what the checks
    // below would find there (an alias read as empty, a NUL byte's value) follows from it.
    let reported = diags.diags.iter().map(|d| d.line).collect();
    let mut cx = Cx { diags, reported };
    let catalogue = cx.catalogue(read.root.as_ref());
    if cx.diags.diags.is_empty() {
        if let Some(catalogue) = catalogue {
            return Ok(catalogue);
        }
    }
    Err(cx.diags.finish())
}

/// `text` without the characters reported as stray: NUL bytes, byte-order marks, and carriage
/// returns that do not end a line.
fn without_stray_characters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\0' | '\u{FEFF}' => {}
            '\r' if chars.peek() != Some(&'\n') => {}
            c => out.push(c),
        }
    }
    out
}

struct Cx {
    diags: Collector,
    /// Lines whose problem is reported already; nothing more is reported there.
    reported: HashSet<usize>,
}

/// The category ids an entry may name.
struct Known<'a> {
    /// Valid categories: id → position.
    ids: &'a HashMap<String, usize>,
    /// Every id written, valid or not, so that entries naming a broken one are not blamed.
    written: &'a HashSet<&'a str>,
    /// Whether the `categories` list is there and not empty.
    usable: bool,
}

impl Cx {
    fn err(&mut self, line: usize, message: impl Into<String>) {
        if !self.reported.contains(&line) {
            self.diags.push(Diagnostic::new(line, message));
        }
    }

    /// Whether enough problems are known: what is left need not be looked at.
    fn full(&self) -> bool {
        self.diags.full()
    }

    fn catalogue(&mut self, root: Option<&Node>) -> Option<Catalogue> {
        let root = match root {
            Some(root) if !root.is_null() => root,
            _ => {
                self.err(
                    1,
                    "the catalogue is empty; expected the keys `links`, `categories` and `errors`",
                );
                return None;
            }
        };
        if !matches!(root.value, Value::Map(_)) {
            self.err(
                root.line,
                format!(
                    "the catalogue must be a mapping with the keys `links`, `categories` and `errors`; found {}",
                    root.describe()
                ),
            );
            return None;
        }
        let top = Fields::new(self, root, "the catalogue".into(), TOP_KEYS);
        let links = top.string(self, "links", true);
        if let Some(links) = &links {
            let line = top.line("links");
            if !links.contains("{code}") {
                self.err(
                    line,
                    "`links` must contain `{code}`, where each code's page differs",
                );
            } else if links.chars().count() > MAX_LINKS_LEN {
                self.err(
                    line,
                    format!(
                        "`links` is {} characters long; at most {MAX_LINKS_LEN}",
                        links.chars().count()
                    ),
                );
            } else if !text::is_plain_https_url(&links.replace("{code}", "0000")) {
                self.err(line, format!("`links` must be a plain https URL (letters, digits and URL punctuation; no spaces, quotes, brackets or other schemes) with `{{code}}` in it; found {:?}", shorten(links)));
            } else if !text::is_plain_https_url(&links.replace("{code}", "9999")) {
                // Where the code is part of a number, the port, it may be one for the lowest code
                // and none for the highest (`:6{code}` gives 60000, and 69999).
                let url = links.replace("{code}", "9999");
                self.err(line, format!("`links` must be a plain https URL for every code; with 9999 for `{{code}}` it is {:?}, which is none", shorten(&url)));
            }
        }
        let category_nodes = top.list(self, "categories");
        let entry_nodes = top.list(self, "errors");

        let mut categories: Vec<Category> = Vec::new();
        for (i, node) in category_nodes.iter().flat_map(|l| l.iter()).enumerate() {
            if self.full() {
                break;
            }
            categories.extend(self.category(i, node));
        }
        self.check_categories(&categories);
        let mut ids: HashMap<String, usize> = HashMap::new();
        for (i, c) in categories.iter().enumerate() {
            ids.entry(c.id.clone()).or_insert(i);
        }
        let known = Known {
            ids: &ids,
            written: &written(root, "categories", "id", CATEGORY_KEYS),
            // Without a usable `categories` list every reference would be undefined.
            usable: category_nodes.is_some_and(|l| !l.is_empty()),
        };
        let mut entries: Vec<Entry> = Vec::new();
        for (i, node) in entry_nodes.iter().flat_map(|l| l.iter()).enumerate() {
            if self.full() {
                break;
            }
            entries.extend(self.entry(i, node, &categories, &known));
        }
        self.check_entries(&entries);
        self.check_anchors(&categories, &entries, category_nodes.unwrap_or_default());
        self.check_titles(&categories, category_nodes.unwrap_or_default());
        // Without a readable `errors` list, every category would look unused.
        if entry_nodes.is_some_and(|l| !l.is_empty()) {
            let named = written(root, "errors", "category", ENTRY_KEYS);
            // A category is used when any `id` written in it is named (a second `id` key is
            // reported already, and an entry naming it is not blamed).
            let mut used = HashSet::new();
            for (line, id) in written_by_item(root, "categories", "id", CATEGORY_KEYS) {
                if named.contains(id) {
                    used.insert(line);
                }
            }
            for c in &categories {
                if !used.contains(&c.line) {
                    self.err(
                        c.line,
                        format!(
                            "category `{}` is defined but no entry uses it",
                            shorten(&c.id)
                        ),
                    );
                }
            }
        }
        for (key, list) in [("categories", category_nodes), ("errors", entry_nodes)] {
            if list.is_some_and(|l| l.is_empty()) {
                let line = top.line(key);
                self.err(
                    line,
                    format!("`{key}` is empty; the catalogue needs at least one"),
                );
            }
        }

        // In ascending order of codes, as `Category::ALL` and the docs list them, whatever the
        // file's order: disjoint ranges sort one way only.
        let mut order: Vec<usize> = (0..categories.len()).collect();
        order.sort_by_key(|&i| categories[i].first);
        let mut position = vec![0; categories.len()];
        for (new, &old) in order.iter().enumerate() {
            position[old] = new;
        }
        for e in &mut entries {
            e.category = position[e.category];
        }
        let mut categories: Vec<Option<Category>> = categories.into_iter().map(Some).collect();
        Some(Catalogue {
            links: links?,
            categories: order.iter().filter_map(|&i| categories[i].take()).collect(),
            entries,
        })
    }

    fn category(&mut self, index: usize, node: &Node) -> Option<Category> {
        // Named by its id, if it has one written as text, in every message, the first
        // included (an unknown key is reported as the fields are read).
        let id_text = match &node.value {
            Value::Map(m) => m
                .iter()
                .find(|(k, _)| k.text == "id")
                .and_then(|(_, v)| v.scalar()),
            _ => None,
        };
        let context = match id_text {
            Some(Plain::Str(id)) => format!("category `{}`", shorten(id)),
            _ => format!("category #{}", index + 1),
        };
        let f = Fields::new(self, node, context, CATEGORY_KEYS);
        let id = f.string(self, "id", true);
        if let Some(id) = &id {
            let line = f.line("id");
            if let Err(why) = names::check(id, &[Namespace::Category]) {
                self.err(line, format!("{}: `id` {why}", f.context));
            }
        }
        let title = f.text(self, "title", true).filter(|t| {
            let len = t.chars().count();
            if len > MAX_TITLE_LEN {
                let msg = format!(
                    "{}: `title` is {len} characters long; at most {MAX_TITLE_LEN}",
                    f.context
                );
                self.err(f.line("title"), msg);
            }
            len <= MAX_TITLE_LEN
        });
        let description = f.text(self, "description", true);
        let range = f.string(self, "range", true).and_then(|r| {
            let parsed = parse_range(&r);
            if parsed.is_none() {
                let msg = format!("{}: `range` must be two 4-digit codes, low to high, as in \"0600-0699\"; found {:?}", f.context, shorten(&r));
                self.err(f.line("range"), msg);
            }
            parsed
        });
        let (first, last) = range?;
        Some(Category {
            id: id?,
            title: title?,
            description: description?,
            first,
            last,
            line: node.line,
        })
    }

    /// Duplicate ids, ids that case to one Rust name, and overlapping ranges: O(n log n).
    fn check_categories(&mut self, categories: &[Category]) {
        let mut seen = Namespace::Category.taken();
        for c in categories {
            let id = &c.id;
            if let Some((other, first)) = seen.claim(id, c.line) {
                let twice = other == *id;
                // Quoted at most 60 characters long, so that the message says what is wrong.
                let (id, ident, other) =
                    (shorten(id), shorten(&names::variant(id)), shorten(&other));
                let msg = if twice {
                    format!("category `{id}` is defined twice (first at line {first})")
                } else if first == 0 {
                    format!("category `{id}` becomes `{ident}` in Rust, which the crate already uses; choose another id")
                } else {
                    format!("category `{id}` becomes `{ident}` in Rust, as `{other}` (line {first}) does")
                };
                self.err(c.line, msg);
            }
        }
        let mut by_range: Vec<&Category> = categories.iter().collect();
        by_range.sort_by_key(|c| (c.first, c.line));
        // The category reaching furthest so far: any later one starting before its end overlaps.
        let mut reach: Option<&Category> = None;
        for c in by_range {
            if let Some(r) = reach {
                let (a, b) = (c, r);
                if a.first <= b.last {
                    let (later, earlier) = if c.line > r.line { (a, b) } else { (b, a) };
                    let msg = format!(
                        "category `{}`: range {:04}-{:04} overlaps category `{}` ({:04}-{:04})",
                        shorten(&later.id),
                        later.first,
                        later.last,
                        shorten(&earlier.id),
                        earlier.first,
                        earlier.last
                    );
                    self.err(c.line.max(r.line), msg);
                }
                if a.last <= b.last {
                    continue;
                }
            }
            reach = Some(c);
        }
    }

    /// In `docs/errors.md` a category's title is a heading, as each entry's `0405 invalid_token`
    /// is, and GitHub gives the first of two headings that read alike the anchor the entry's
    /// links go to: a title may not read as an entry's heading.
    fn check_anchors(&mut self, categories: &[Category], entries: &[Entry], nodes: &[Node]) {
        let anchors: HashMap<String, &Entry> = entries
            .iter()
            .map(|e| (crate::markdown::anchor(e), e))
            .collect();
        for c in categories {
            let found = [
                crate::markdown::slug(&c.title),
                crate::markdown::ascii_slug(&c.title),
            ]
            .into_iter()
            .find_map(|slug| anchors.get(&slug).map(|e| (slug, e)));
            if let Some((slug, e)) = found {
                let msg = format!("category `{}`: `title` reads as the heading of entry {} in the Markdown reference (anchor `#{slug}`), so links to that entry would lead here; choose another title", shorten(&c.id), e.code_str());
                self.err(title_line(c, nodes), msg);
            }
        }
    }

    /// The crate reads a category back from its id or from its title (`Category`'s `FromStr`,
    /// which round-trips with its `Display`, the title): a title may be neither another
    /// category's id nor its title, or the one would parse as the other.
    fn check_titles(&mut self, categories: &[Category], nodes: &[Node]) {
        let ids: HashMap<&str, &Category> = categories.iter().map(|c| (c.id.as_str(), c)).collect();
        let mut titles: HashMap<&str, &Category> = HashMap::new();
        for c in categories {
            if let Some(other) = ids.get(c.title.as_str()).filter(|o| o.line != c.line) {
                let msg = format!("category `{}`: `title` is the id of category `{}` (line {}), so the crate would read the one as the other; choose another title", shorten(&c.id), shorten(&other.id), other.line);
                self.err(title_line(c, nodes), msg);
            } else if let Some(first) = titles.get(c.title.as_str()) {
                let msg = format!("category `{}`: `title` is also the title of category `{}` (line {}), so the crate would read the one as the other; choose another title", shorten(&c.id), shorten(&first.id), first.line);
                self.err(title_line(c, nodes), msg);
            }
            titles.entry(c.title.as_str()).or_insert(c);
        }
    }

    fn entry(
        &mut self,
        index: usize,
        node: &Node,
        categories: &[Category],
        known: &Known<'_>,
    ) -> Option<Entry> {
        let code_node = match &node.value {
            Value::Map(m) => m.iter().find(|(k, _)| k.text == "code").map(|(_, v)| v),
            _ => None,
        };
        // Four digits are the code whether quoted or not: plain `0405` is not read as 405.
        let code = code_node.and_then(|n| match &n.value {
            Value::Scalar { text, .. } => parse_code(text),
            _ => None,
        });
        let context = code.map_or_else(
            || format!("entry #{}", index + 1),
            |c| format!("entry {c:04}"),
        );
        let f = Fields::new(self, node, context, ENTRY_KEYS);
        let code_line = f.line("code");
        match code_node.filter(|n| !n.is_null()) {
            _ if code.is_some() || f.map.is_none() => {}
            // Missing, or written with no value (`code:`, `code: ~`), reported as any
            // required key is.
            None => {
                f.required(self, "code", true);
            }
            Some(n) => {
                let msg = match n.scalar() {
                    Some(Plain::Int(v)) => format!("{}: `code` must be a quoted string such as \"0405\"; unquoted, YAML reads it as the number {v}", f.context),
                    Some(Plain::Str(s)) => format!("{}: `code` must be exactly four ASCII digits, as in \"0405\"; found {:?}", f.context, shorten(s)),
                    _ => format!("{}: `code` must be a quoted 4-digit string such as \"0405\"; found {}", f.context, n.describe()),
                };
                self.err(code_line, msg);
            }
        }
        let name = f.string(self, "name", true);
        if let Some(name) = &name {
            if let Err(why) = names::check(name, &[Namespace::ErrorCode, Namespace::Codes]) {
                self.err(f.line("name"), format!("{}: name {why}", f.context));
            }
        }
        let http = f.get("http").and_then(|n| match n.decimal() {
            Some(s) if (100..=599).contains(&s) => Some(s as u16),
            _ => {
                let found = match (n.decimal(), n.scalar()) {
                    (Some(s), _) => s.to_string(),
                    (None, Some(Plain::Int(i))) if i >= 0 => n.written(),
                    (None, Some(Plain::Str(s))) => format!("\"{}\"", shorten(s)),
                    _ => n.describe(),
                };
                let msg = format!(
                    "{}: `http` must be an HTTP status in 100..=599; found {found}",
                    f.context
                );
                self.err(f.line("http"), msg);
                None
            }
        });
        let category = f.string(self, "category", true).and_then(|id| {
            let found = known.ids.get(&id).copied();
            if found.is_none() && known.usable && !known.written.contains(id.as_str()) {
                let ids: Vec<&str> = if known.written.len() <= MAX_SUGGEST {
                    known.written.iter().copied().collect()
                } else {
                    Vec::new()
                };
                let msg = format!(
                    "{}: category `{}` is not defined{}",
                    f.context,
                    shorten(&id),
                    did_you_mean(closest(&id, &ids))
                );
                self.err(f.line("category"), msg);
            }
            found
        });
        if let (Some(code), Some(i)) = (code, category) {
            let c = &categories[i];
            if !(c.first..=c.last).contains(&code) {
                let msg = format!(
                    "{}: code {code:04} is outside category `{}`, which covers {:04}-{:04}",
                    f.context,
                    shorten(&c.id),
                    c.first,
                    c.last
                );
                self.err(code_line, msg);
            }
        }
        let retryable = f.bool(self, "retry", true);
        let after = f.get("retry_after").and_then(|n| match n.decimal() {
            Some(s) if (1..=86_400).contains(&s) => Some(s as u32),
            _ => {
                let found = match (n.decimal(), n.scalar()) {
                    (None, Some(Plain::Int(i))) if i >= 0 => n.written(),
                    _ => n.describe(),
                };
                let msg = format!(
                    "{}: `retry_after` must be 1..=86400 seconds; found {found}",
                    f.context,
                );
                self.err(f.line("retry_after"), msg);
                None
            }
        });
        let idempotent_only = f.bool(self, "idempotent_only", false);
        if retryable == Some(false) {
            for key in ["retry_after", "idempotent_only"] {
                if f.get(key).is_some() {
                    self.err(
                        f.line(key),
                        format!("{}: `{key}` needs `retry: true`", f.context),
                    );
                }
            }
        }
        // No early return: the fields below are checked whatever is wrong with this one.
        let retry = retryable.map(|retryable| match retryable {
            false => Retry::Never,
            true => Retry::Later {
                after,
                idempotent_only: idempotent_only.unwrap_or(false),
            },
        });
        let description = f.text(self, "description", true);
        let remedy = f.text(self, "remedy", false);
        let retired = f.text(self, "retired", false);
        let mut aliases = Vec::new();
        let listed = f.list(self, "aliases").unwrap_or_default();
        if let Some(extra) = listed.get(MAX_ALIASES) {
            let msg = format!(
                "{}: {} aliases; an entry keeps at most {MAX_ALIASES} former names",
                f.context,
                listed.len()
            );
            self.err(extra.line, msg);
        }
        for alias in listed.iter().take(MAX_ALIASES) {
            match alias.scalar() {
                Some(Plain::Str(a)) => {
                    if let Err(why) = names::check(a, &[Namespace::ErrorCode, Namespace::Codes]) {
                        self.err(alias.line, format!("{}: alias {why}", f.context));
                    }
                    aliases.push((a.to_string(), alias.line));
                }
                _ => self.err(
                    alias.line,
                    format!(
                        "{}: each alias must be a name; found {}",
                        f.context,
                        alias.describe()
                    ),
                ),
            }
        }
        Some(Entry {
            code: code?,
            name: name?,
            http,
            category: category?,
            retry: retry?,
            description: description?,
            remedy,
            alias_lines: aliases.iter().map(|&(_, line)| line).collect(),
            aliases: aliases.into_iter().map(|(a, _)| a).collect(),
            retired,
            line: code_line,
            name_line: f.line("name"),
        })
    }

    /// Duplicate codes, order, and names that collide once cased (entry names and aliases share
    /// the `ErrorCode` and `codes` namespaces).
    fn check_entries(&mut self, entries: &[Entry]) {
        let mut codes: HashMap<u16, usize> = HashMap::new();
        let mut taken = [Namespace::ErrorCode.taken(), Namespace::Codes.taken()];
        for (i, e) in entries.iter().enumerate() {
            if let Some(first) = codes.insert(e.code, e.line) {
                self.err(
                    e.line,
                    format!(
                        "entry {}: duplicate code (first at line {first})",
                        e.code_str()
                    ),
                );
            } else if let Some(prev) = i.checked_sub(1).map(|p| &entries[p]) {
                if e.code < prev.code {
                    let msg = format!("entry {}: out of order; entries must be in ascending code order, and this comes after {}", e.code_str(), prev.code_str());
                    self.err(e.line, msg);
                }
            }
            let names = std::iter::once((&e.name, e.name_line, "name")).chain(
                e.aliases
                    .iter()
                    .zip(&e.alias_lines)
                    .map(|(a, &l)| (a, l, "alias")),
            );
            for (n, line, what) in names {
                for space in &mut taken {
                    if let Some((other, first)) = space.claim(n, line) {
                        let used = other == *n;
                        let (n, ident, other) = (
                            shorten(n),
                            shorten(&space.namespace().ident(n)),
                            shorten(&other),
                        );
                        let msg = if used {
                            format!(
                                "entry {}: {what} `{n}` is already used (line {first})",
                                e.code_str()
                            )
                        } else if first == 0 {
                            format!("entry {}: {what} `{n}` becomes `{ident}` in Rust, which the crate already uses; choose another", e.code_str())
                        } else {
                            format!("entry {}: {what} `{n}` becomes `{ident}` in Rust, as `{other}` (line {first}) does", e.code_str())
                        };
                        self.err(line, msg);
                        break;
                    }
                }
            }
        }
    }
}

/// The text of every `key: text` written in the items of every list under `list` at the top of
/// the catalogue, for the checks across categories and entries. A key written twice in a
/// mapping is reported and only its first value is read and checked; the names written under
/// the others still count here, so that no entry is blamed for naming a category defined only
/// there, and no category for being named only there (a name no list has is still reported).
/// So do the names written under a key taken for `key` (`idd`, `categry`: did you mean...?),
/// which is reported once, as that key.
fn written<'a>(
    root: &'a Node,
    list: &'a str,
    key: &'a str,
    allowed: &'a [&'static str],
) -> HashSet<&'a str> {
    written_by_item(root, list, key, allowed)
        .map(|(_, text)| text)
        .collect()
}

/// [`written`], each text with the line of the item it is written in.
fn written_by_item<'a>(
    root: &'a Node,
    list: &'a str,
    key: &'a str,
    allowed: &'a [&'static str],
) -> impl Iterator<Item = (usize, &'a str)> + 'a {
    let taken_for_key =
        move |k: &str| k == key || (!allowed.contains(&k) && closest(k, allowed) == Some(key));
    let items = |node: &'a Node| match &node.value {
        Value::Map(m) => m.as_slice(),
        _ => &[],
    };
    items(root)
        .iter()
        .filter(move |(k, _)| k.text == list)
        .flat_map(|(_, v)| match &v.value {
            Value::Seq(s) => s.as_slice(),
            _ => &[],
        })
        // An item that is itself a list (a `-` alone above the items) is reported; what is
        // written in its items still counts.
        .flat_map(|item| match &item.value {
            Value::Seq(inner) => inner.as_slice(),
            _ => std::slice::from_ref(item),
        })
        .flat_map(move |item| {
            items(item)
                .iter()
                .filter(move |(k, _)| taken_for_key(&k.text))
                .filter_map(move |(_, v)| match v.scalar() {
                    Some(Plain::Str(s)) => Some((item.line, s)),
                    _ => None,
                })
        })
}

/// Reads one mapping key by key, reporting each problem at the key's line.
struct Fields<'a> {
    map: Option<&'a [(Key, Node)]>,
    line: usize,
    context: String,
    /// The keys an unknown key was taken for (`retyr`: did you mean `retry`?): that report
    /// says the key is missing, so it is not said again.
    meant: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    fn new(cx: &mut Cx, node: &'a Node, context: String, allowed: &[&'static str]) -> Self {
        let map = match &node.value {
            Value::Map(m) => Some(m.as_slice()),
            _ => {
                cx.err(
                    node.line,
                    format!(
                        "{context}: expected a mapping of keys to values; found {}",
                        node.describe()
                    ),
                );
                None
            }
        };
        let mut meant = Vec::new();
        for (key, value) in map.unwrap_or_default() {
            if cx.full() {
                break;
            }
            // An optional key written with nothing after it (or `~`) is no key left out: a value
            // was meant and forgotten. (A required one is reported as empty where it is read.)
            // So is an empty list (`aliases: []`).
            let empty_list = matches!(&value.value, Value::Seq(items) if items.is_empty());
            if OPTIONAL_KEYS.contains(&key.text.as_str())
                && allowed.contains(&key.text.as_str())
                && (value.is_null() || empty_list)
            {
                cx.err(
                    key.line,
                    format!(
                        "{context}: `{}` is empty; give it a value, or remove the key",
                        key.text
                    ),
                );
            }
            if !allowed.contains(&key.text.as_str()) {
                let close = closest(&key.text, allowed);
                // YAML 1.1's merge key, which YAML 1.2 and this reader do not have.
                let hint = if key.text == "<<" {
                    " (merge keys are not supported; write each key out)".to_string()
                } else if key.text.is_empty() && close.is_none() {
                    " (nothing stands before its `:`; write the key)".to_string()
                } else {
                    did_you_mean(close)
                };
                cx.err(
                    key.line,
                    format!("{context}: unknown key `{}`{hint}", shorten(&key.text)),
                );
                meant.extend(close);
            }
        }
        Fields {
            map,
            line: node.line,
            context,
            meant,
        }
    }

    /// The line of `key`, or of the mapping when the key is absent.
    fn line(&self, key: &str) -> usize {
        self.map
            .and_then(|m| m.iter().find(|(k, _)| k.text == key))
            .map_or(self.line, |(k, _)| k.line)
    }

    /// The value of `key` unless absent or null, without reporting anything.
    fn get(&self, key: &str) -> Option<&'a Node> {
        self.map?
            .iter()
            .find(|(k, _)| k.text == key)
            .map(|(_, v)| v)
            .filter(|v| !v.is_null())
    }

    fn required(&self, cx: &mut Cx, key: &str, required: bool) -> Option<&'a Node> {
        let node = self.get(key);
        if node.is_none() && required && self.map.is_some() {
            let written = self.map.and_then(|m| m.iter().find(|(k, _)| k.text == key));
            match written {
                // `key:` with nothing after it (or `~`): there, but empty.
                Some((k, _)) => cx.err(
                    k.line,
                    format!("{}: `{key}` is empty; it needs a value", self.context),
                ),
                None if self.meant.contains(&key) => {}
                None => cx.err(
                    self.line,
                    format!("{}: missing required key `{key}`", self.context),
                ),
            }
        }
        // A placeholder `cargo xtask sync --write` left for a person to replace: said so,
        // rather than judged as a name, a category or a boolean it never meant to be.
        let placeholder = match node.and_then(Node::scalar) {
            Some(Plain::Str(s)) => s.trim_start().starts_with(crate::upstream::PLACEHOLDER),
            _ => false,
        };
        if placeholder {
            let what = if PROSE_KEYS.contains(&key) {
                "write it in the project's own words from the official page"
            } else {
                "choose it as the header of errors.yaml says"
            };
            let msg = format!(
                "{}: `{key}` is still the placeholder `cargo xtask sync --write` left; {what}",
                self.context
            );
            cx.err(self.line(key), msg);
            return None;
        }
        node
    }

    fn wrong(&self, cx: &mut Cx, key: &str, expected: &str, node: &Node) {
        cx.err(
            self.line(key),
            format!(
                "{}: `{key}` must be {expected}; found {}",
                self.context,
                node.describe()
            ),
        );
    }

    /// A string value: quoted, or plain and not read by YAML as a number, boolean or null.
    fn string(&self, cx: &mut Cx, key: &str, required: bool) -> Option<String> {
        let node = self.required(cx, key, required)?;
        match node.scalar() {
            Some(Plain::Str(s)) => Some(s.to_string()),
            _ => {
                self.wrong(cx, key, "text", node);
                None
            }
        }
    }

    fn bool(&self, cx: &mut Cx, key: &str, required: bool) -> Option<bool> {
        let node = self.required(cx, key, required)?;
        match node.scalar() {
            Some(Plain::Bool(b)) => Some(b),
            _ => {
                self.wrong(cx, key, "`true` or `false`", node);
                None
            }
        }
    }

    fn list(&self, cx: &mut Cx, key: &str) -> Option<&'a [Node]> {
        let required = self.context == "the catalogue";
        let node = self.required(cx, key, required)?;
        match &node.value {
            Value::Seq(items) => Some(items),
            _ => {
                self.wrong(cx, key, "a list", node);
                None
            }
        }
    }

    /// A prose field: not empty, and free of characters no output can show safely. Trimmed.
    fn text(&self, cx: &mut Cx, key: &str, required: bool) -> Option<String> {
        let s = self.string(cx, key, required)?;
        let line = self.line(key);
        // Empty, or nothing visible: white space and zero-width characters only.
        let invisible = |c: char| c.is_whitespace() || crate::text::is_invisible(c);
        if s.chars().all(invisible) {
            cx.err(line, format!("{}: `{key}` is empty", self.context));
            return None;
        }
        if let Err(why) = text::check_prose(&s) {
            cx.err(line, format!("{}: `{key}` {why}", self.context));
            return None;
        }
        Some(s.trim().to_string())
    }
}

/// The line of a category's `title`, or of the category where its nodes cannot say.
fn title_line(c: &Category, nodes: &[Node]) -> usize {
    nodes
        .iter()
        .find(|n| n.line == c.line)
        .and_then(|n| match &n.value {
            Value::Map(m) => m
                .iter()
                .find(|(k, _)| k.text == "title")
                .map(|(k, _)| k.line),
            _ => None,
        })
        .unwrap_or(c.line)
}

/// At most 60 characters of `s` for a message (which escapes what it must, see
/// [`Diagnostic::new`]).
fn shorten(s: &str) -> String {
    crate::diagnostic::shorten(s, 60)
}

/// Whether `line` is one of the lines git writes around a merge conflict: `<<<<<<< ours`,
/// `||||||| base`, `=======`, `>>>>>>> theirs`, at the start of the line. YAML has no use for
/// any of them there.
fn is_conflict_marker(line: &str) -> bool {
    ['<', '|', '=', '>'].iter().any(|&c| {
        let rest = line.trim_start_matches(c);
        line.len() - rest.len() == 7 && (rest.is_empty() || rest.starts_with([' ', '\t']))
    })
}

/// The number in a code of exactly four ASCII digits (no sign, no spaces).
pub fn parse_code(s: &str) -> Option<u16> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

fn parse_range(r: &str) -> Option<(u16, u16)> {
    let (a, b) = r.split_once('-')?;
    let (a, b) = (parse_code(a)?, parse_code(b)?);
    (a <= b).then_some((a, b))
}

/// The most known words a suggestion is looked for among.
const MAX_SUGGEST: usize = 200;

/// The known word close to `word`, if one is. Only among a few hundred known words of a name's
/// length at most, so that a catalogue with thousands of bad references, or huge ids, stays
/// linear.
fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    if known.len() > MAX_SUGGEST || word.len() > names::MAX_LEN {
        return None;
    }
    known
        .iter()
        .filter(|k| k.len() <= names::MAX_LEN)
        .map(|&k| (strsim::jaro_winkler(word, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// " (did you mean `x`?)" for the [`closest`] word, if there is one.
fn did_you_mean(close: Option<&str>) -> String {
    close.map_or_else(String::new, |k| format!(" (did you mean `{k}`?)"))
}

#[cfg(test)]
mod tests {
    /// Categories listed out of order come out in ascending order of codes, as `Category::ALL`
    /// says it lists them, each entry still in its own.
    #[test]
    fn categories_come_out_in_ascending_order_whatever_the_files() {
        let text = "links: \"https://x/{code}\"\ncategories:\n  - id: later\n    title: L\n    range: \"0100-0199\"\n    description: D\n  - id: earlier\n    title: E\n    range: \"0000-0099\"\n    description: D\nerrors:\n  - code: \"0001\"\n    name: one\n    category: earlier\n    retry: false\n    description: D\n  - code: \"0100\"\n    name: hundred\n    category: later\n    retry: false\n    description: D\n";
        let cat = crate::load(text).unwrap();
        let ids: Vec<&str> = cat.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["earlier", "later"]);
        let of: Vec<&str> = cat
            .entries
            .iter()
            .map(|e| cat.categories[e.category].id.as_str())
            .collect();
        assert_eq!(of, ["earlier", "later"]);
        assert_eq!((cat.span(0), cat.span(1)), (0..1, 1..2));
        let rust = crate::rust::render(&cat);
        assert!(
            rust.contains("&[Category::Earlier, Category::Later]"),
            "{rust}"
        );
    }
}
