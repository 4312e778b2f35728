//! Catalogue text → validated [`Catalogue`], or every problem found, each with its line.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{const_name, variant_name, Catalogue, Category, Entry, Retry};
use crate::outline::{Item, Outline};

const TOP_KEYS: &[&str] = &["links", "categories", "errors"];
const CATEGORY_KEYS: &[&str] = &["id", "title", "range", "description"];
const ENTRY_KEYS: &[&str] = &[
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

/// Words that cannot name a variant or const: Rust's strict, reserved and edition keywords.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Parses and validates catalogue text. On failure returns every problem found, in line order.
pub fn load(text: &str) -> Result<Catalogue, Diagnostics> {
    let mut cx = Cx {
        outline: Outline::scan(text),
        diags: Vec::new(),
        used_categories: HashSet::new(),
        category_ids: HashSet::new(),
    };
    let catalogue = cx.catalogue(text);
    if cx.diags.is_empty() {
        if let Some(catalogue) = catalogue {
            return Ok(catalogue);
        }
    }
    cx.diags.sort_by_key(|d| d.line);
    Err(Diagnostics(cx.diags))
}

struct Cx {
    outline: Outline,
    diags: Vec<Diagnostic>,
    /// Categories some entry names, even an entry rejected for another reason.
    used_categories: HashSet<usize>,
    /// Every category id written, valid or not, so entries naming a broken one are not blamed.
    category_ids: HashSet<String>,
}

impl Cx {
    fn err(&mut self, line: usize, message: impl Into<String>) {
        self.diags.push(Diagnostic::new(line, message));
    }

    fn catalogue(&mut self, text: &str) -> Option<Catalogue> {
        let root: Value = match serde_yaml::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                let line = e.location().map_or(1, |l| l.line());
                self.err(line, format!("not valid YAML: {e}"));
                return None;
            }
        };
        if !root.is_mapping() {
            let what = if root.is_null() {
                "the catalogue is empty"
            } else {
                "the catalogue must be a mapping"
            };
            self.err(
                1,
                format!("{what}; expected the keys `links`, `categories` and `errors`"),
            );
            return None;
        }
        let item = self.outline.top();
        let top = Fields::new(self, &root, item, "the catalogue", TOP_KEYS);
        let links: Option<String> = top.required(self, "links");
        let categories: Option<Vec<Value>> = top.required(self, "categories");
        let errors: Option<Vec<Value>> = top.required(self, "errors");

        if let Some(links) = &links {
            if !links.contains("{code}") {
                let line = self.outline.section("links");
                self.err(
                    line,
                    "`links` must contain `{code}`, where each code's page differs",
                );
            }
        }
        let categories: Vec<(Category, usize)> = categories
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter_map(|(i, v)| self.category(i, v))
            .collect();
        self.check_categories(&categories);
        let entries: Vec<(Entry, Item)> = errors
            .iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, v)| self.entry(i, v, &categories))
            .collect();
        self.check_entries(&entries);
        // Without a readable `errors` list, every category would look unused.
        if errors.is_some() {
            self.check_categories_used(&categories);
        }

        Some(Catalogue {
            links: links?,
            categories: categories.into_iter().map(|(c, _)| c).collect(),
            entries: entries.into_iter().map(|(e, _)| e).collect(),
        })
    }

    fn category(&mut self, index: usize, value: &Value) -> Option<(Category, usize)> {
        let item = self.outline.item("categories", index);
        let line = item.line;
        let mut f = Fields::new(
            self,
            value,
            item,
            &format!("category #{}", index + 1),
            CATEGORY_KEYS,
        );
        let id: Option<String> = f.required(self, "id");
        if let Some(id) = &id {
            self.category_ids.insert(id.clone());
            f.context = format!("category `{id}`");
            if !is_snake_case(id) {
                self.err(
                    f.item.key("id"),
                    format!("category `{id}`: `id` must be snake_case"),
                );
            }
        }
        let title = f.text(self, "title", true);
        let description = f.text(self, "description", true);
        let range: Option<String> = f.required(self, "range");
        let range = range.and_then(|r| {
            let parsed = parse_range(&r);
            if parsed.is_none() {
                let msg = format!("{}: `range` must be two 4-digit codes, low to high, as in \"0600-0699\"; found {r:?}", f.context);
                self.err(f.item.key("range"), msg);
            }
            parsed
        });
        let category = Category {
            id: id?,
            title: title??,
            description: description??,
            first: range?.0,
            last: range?.1,
        };
        Some((category, line))
    }

    fn check_categories(&mut self, categories: &[(Category, usize)]) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (c, line) in categories {
            if let Some(first) = seen.insert(&c.id, *line) {
                self.err(
                    *line,
                    format!(
                        "category `{}` is defined twice (first at line {first})",
                        c.id
                    ),
                );
            }
        }
        for (i, (a, line)) in categories.iter().enumerate() {
            for (b, _) in &categories[..i] {
                if a.first <= b.last && b.first <= a.last {
                    let msg = format!(
                        "category `{}`: range {:04}-{:04} overlaps category `{}` ({:04}-{:04})",
                        a.id, a.first, a.last, b.id, b.first, b.last
                    );
                    self.err(*line, msg);
                }
            }
        }
    }

    fn entry(
        &mut self,
        index: usize,
        value: &Value,
        categories: &[(Category, usize)],
    ) -> Option<(Entry, Item)> {
        let item = self.outline.item("errors", index);
        let code_value = value.get("code").filter(|v| !v.is_null());
        let code = code_value.and_then(Value::as_str).and_then(parse_code);
        let context = code.map_or_else(
            || format!("entry #{}", index + 1),
            |c| format!("entry {c:04}"),
        );
        let f = Fields::new(self, value, item.clone(), &context, ENTRY_KEYS);
        match code_value {
            _ if code.is_some() || f.map.is_none() => {}
            None => self.err(item.line, format!("{context}: missing required key `code`")),
            Some(Value::String(s)) => {
                let msg = format!("{context}: `code` must be exactly four ASCII digits, as in \"0405\"; found {s:?}");
                self.err(item.key("code"), msg);
            }
            Some(Value::Number(n)) => {
                let msg = format!("{context}: `code` must be a quoted string such as \"0405\"; unquoted, YAML reads it as the number {n}");
                self.err(item.key("code"), msg);
            }
            Some(_) => self.err(
                item.key("code"),
                format!("{context}: `code` must be a quoted 4-digit string"),
            ),
        }
        let name: Option<String> = f.required(self, "name");
        if let Some(name) = &name {
            self.check_name(item.key("name"), &f.context, "name", name);
        }
        let http = match f.get_value("http") {
            None => Some(None),
            Some(v) => match v.as_u64().filter(|s| (100..=599).contains(s)) {
                Some(s) => Some(Some(s as u16)),
                None => {
                    let found = serde_yaml::to_string(v).unwrap_or_default();
                    let msg = format!(
                        "{}: `http` must be an HTTP status in 100..=599; found {}",
                        f.context,
                        found.trim()
                    );
                    self.err(item.key("http"), msg);
                    None
                }
            },
        };
        let category_id: Option<String> = f.required(self, "category");
        let category = category_id.and_then(|id| {
            let found = categories.iter().position(|(c, _)| c.id == id);
            self.used_categories.extend(found);
            if found.is_none() && !self.category_ids.contains(&id) {
                let known: Vec<&str> = categories.iter().map(|(c, _)| c.id.as_str()).collect();
                let msg = format!(
                    "{}: category `{id}` is not defined{}",
                    f.context,
                    suggest(&id, &known)
                );
                self.err(item.key("category"), msg);
            }
            found
        });
        if let (Some(code), Some(c)) = (code, category) {
            let c = &categories[c].0;
            if !(c.first..=c.last).contains(&code) {
                let msg = format!(
                    "{}: code {code:04} is outside category `{}`, which covers {:04}-{:04}",
                    f.context, c.id, c.first, c.last
                );
                self.err(item.key("code"), msg);
            }
        }
        let retryable: Option<bool> = f.required(self, "retry");
        let after: Option<i64> = f.optional(self, "retry_after");
        let idempotent_only: Option<bool> = f.optional(self, "idempotent_only");
        if retryable == Some(false) && idempotent_only.is_some() {
            self.err(
                item.key("idempotent_only"),
                format!("{}: `idempotent_only` needs `retry: true`", f.context),
            );
        }
        let idempotent_only = idempotent_only.unwrap_or(false);
        let retry = match (retryable, after) {
            (Some(false), None) => Some(Retry::Never),
            (Some(true), None) => Some(Retry::Later {
                after: None,
                idempotent_only,
            }),
            (Some(true), Some(s)) if (1..=86_400).contains(&s) => Some(Retry::Later {
                after: Some(s as u32),
                idempotent_only,
            }),
            (Some(true), Some(s)) => {
                self.err(
                    item.key("retry_after"),
                    format!(
                        "{}: `retry_after` must be 1..=86400 seconds; found {s}",
                        f.context
                    ),
                );
                None
            }
            (Some(false), Some(_)) => {
                self.err(
                    item.key("retry_after"),
                    format!("{}: `retry_after` needs `retry: true`", f.context),
                );
                None
            }
            (None, _) => None,
        };
        let description = f.text(self, "description", true);
        let remedy = f.text(self, "remedy", false);
        let aliases: Option<Vec<String>> = f.optional(self, "aliases");
        for alias in aliases.iter().flatten() {
            self.check_name(item.key("aliases"), &f.context, "alias", alias);
        }
        let retired = f.text(self, "retired", false);
        let entry = Entry {
            code: code?,
            name: name?,
            http: http?,
            category: category?,
            retry: retry?,
            description: description??,
            remedy: remedy?,
            aliases: aliases.unwrap_or_default(),
            retired: retired?,
            line: item.key("code"),
        };
        Some((entry, item))
    }

    fn check_name(&mut self, line: usize, context: &str, what: &str, name: &str) {
        if !is_snake_case(name) {
            let msg = format!("{context}: {what} `{name}` must be snake_case (lowercase ASCII words joined by single underscores, starting with a letter)");
            self.err(line, msg);
        } else if KEYWORDS.contains(&name) {
            self.err(line, format!("{context}: {what} `{name}` is a Rust keyword and cannot name a variant or const"));
        }
    }

    fn check_entries(&mut self, entries: &[(Entry, Item)]) {
        let mut codes: HashMap<u16, usize> = HashMap::new();
        let mut idents: HashMap<String, (String, usize)> = HashMap::new();
        for (i, (e, item)) in entries.iter().enumerate() {
            let line = item.key("code");
            if let Some(first) = codes.insert(e.code, line) {
                self.err(
                    line,
                    format!(
                        "entry {}: duplicate code (first at line {first})",
                        e.code_str()
                    ),
                );
            } else if let Some((prev, _)) = i.checked_sub(1).map(|p| &entries[p]) {
                if e.code < prev.code {
                    let msg = format!("entry {}: out of order; entries must be in ascending code order, and this comes after {}", e.code_str(), prev.code_str());
                    self.err(line, msg);
                }
            }
            for (n, key) in
                std::iter::once((&e.name, "name")).chain(e.aliases.iter().map(|a| (a, "aliases")))
            {
                let line = item.key(key);
                let rust_names = [variant_name(n), const_name(n)];
                for ident in &rust_names {
                    if let Some((other, first)) = idents.get(ident) {
                        let msg = if other == n {
                            format!(
                                "entry {}: name `{n}` is already used (line {first})",
                                e.code_str()
                            )
                        } else {
                            format!("entry {}: name `{n}` becomes `{ident}` in Rust, as `{other}` (line {first}) does", e.code_str())
                        };
                        self.err(line, msg);
                        break;
                    }
                }
                for ident in rust_names {
                    idents.entry(ident).or_insert((n.clone(), line));
                }
            }
        }
    }

    fn check_categories_used(&mut self, categories: &[(Category, usize)]) {
        for (i, (c, line)) in categories.iter().enumerate() {
            if !self.used_categories.contains(&i) {
                self.err(
                    *line,
                    format!("category `{}` is defined but no entry uses it", c.id),
                );
            }
        }
    }
}

/// Reads one mapping key by key, reporting each problem at the key's line.
struct Fields<'a> {
    map: Option<&'a Mapping>,
    item: Item,
    context: String,
}

impl<'a> Fields<'a> {
    fn new(cx: &mut Cx, value: &'a Value, item: Item, context: &str, allowed: &[&str]) -> Self {
        let map = value.as_mapping();
        if map.is_none() {
            cx.err(
                item.line,
                format!("{context}: expected a mapping of keys to values"),
            );
        }
        for key in map.into_iter().flat_map(|m| m.keys()) {
            match key.as_str() {
                Some(k) if allowed.contains(&k) => {}
                Some(k) => cx.err(
                    item.key(k),
                    format!("{context}: unknown key `{k}`{}", suggest(k, allowed)),
                ),
                None => cx.err(
                    item.line,
                    format!("{context}: keys must be strings; found {key:?}"),
                ),
            }
        }
        Fields {
            map,
            item,
            context: context.to_string(),
        }
    }

    fn get_value(&self, key: &str) -> Option<&'a Value> {
        self.map?.get(key).filter(|v| !v.is_null())
    }

    fn optional<T: DeserializeOwned>(&self, cx: &mut Cx, key: &str) -> Option<T> {
        let value = self.get_value(key)?;
        match serde_yaml::from_value(value.clone()) {
            Ok(v) => Some(v),
            Err(e) => {
                cx.err(
                    self.item.key(key),
                    format!("{}: `{key}`: {e}", self.context),
                );
                None
            }
        }
    }

    fn required<T: DeserializeOwned>(&self, cx: &mut Cx, key: &str) -> Option<T> {
        if self.map.is_some() && self.get_value(key).is_none() {
            cx.err(
                self.item.line,
                format!("{}: missing required key `{key}`", self.context),
            );
        }
        self.optional(cx, key)
    }

    /// A text field: `Some(None)` when absent and optional, `None` when it has a problem.
    fn text(&self, cx: &mut Cx, key: &str, required: bool) -> Option<Option<String>> {
        let value: Option<String> = if required {
            self.required(cx, key)
        } else {
            self.optional(cx, key)
        };
        match value {
            Some(s) if s.trim().is_empty() => {
                cx.err(
                    self.item.key(key),
                    format!("{}: `{key}` is empty", self.context),
                );
                None
            }
            Some(s) => Some(Some(s.trim().to_string())),
            None if required || self.get_value(key).is_some() => None,
            None => Some(None),
        }
    }
}

fn is_snake_case(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.split('_').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The number in a code of exactly four ASCII digits.
fn parse_code(s: &str) -> Option<u16> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

fn parse_range(r: &str) -> Option<(u16, u16)> {
    let (a, b) = r.split_once('-')?;
    let (a, b) = (parse_code(a)?, parse_code(b)?);
    (a <= b).then_some((a, b))
}

/// " (did you mean `x`?)" when a known word is close to `word`.
fn suggest(word: &str, known: &[&str]) -> String {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(word, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default()
}
