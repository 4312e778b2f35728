//! Catches breaking changes before they are written, against the last generated state.
//!
//! The baseline is the JSON export (`docs/errors.json`), which records every code with its name
//! and aliases, and every category id. Every public Rust name is a function of those strings
//! (`ErrorCode::InvalidToken`, `codes::INVALID_TOKEN`, `Category::Conferences`), and `name()`
//! returns the string itself, so comparing the whole map of names and aliases to numbers, and
//! the set of category ids, exactly, compares every public name: a rename, a removal, two names
//! swapping codes, or a change only the const shows (`error_2fa` → `error2fa`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Deserialize;

use crate::load::MAX_ALIASES;
use crate::model::{Catalogue, Entry};
use crate::names::{constant, variant};

/// The public names of one generated state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    /// Name or alias → (code, whether it is an alias).
    names: BTreeMap<String, (u16, bool)>,
    /// Code → its name.
    codes: BTreeMap<u16, String>,
    /// Category ids, each with its codes.
    categories: Vec<(String, Vec<u16>)>,
}

#[derive(Deserialize)]
struct ExportIn {
    #[serde(rename = "@generated")]
    generated: String,
    categories: Vec<CategoryIn>,
    errors: Vec<ErrorIn>,
}

#[derive(Deserialize)]
struct CategoryIn {
    id: String,
    #[serde(default)]
    codes: Vec<String>,
}

#[derive(Deserialize)]
struct ErrorIn {
    code: String,
    name: String,
    category: String,
    #[serde(default)]
    aliases: Vec<String>,
}

impl Baseline {
    /// The names a catalogue gives.
    pub fn of(cat: &Catalogue) -> Self {
        let mut b = Baseline::default();
        for e in &cat.entries {
            b.add(e.code, &e.name, &e.aliases);
        }
        b.categories = (0..cat.categories.len())
            .map(|i| {
                let codes = cat.entries[cat.span(i)].iter().map(|e| e.code).collect();
                (cat.categories[i].id.clone(), codes)
            })
            .collect();
        b
    }

    fn add(&mut self, code: u16, name: &str, aliases: &[String]) {
        self.names.insert(name.to_string(), (code, false));
        for a in aliases {
            self.names.insert(a.clone(), (code, true));
        }
        self.codes.insert(code, name.to_string());
    }

    /// Reads the names from a JSON export. Fails, saying why, on anything but a whole export
    /// this generator wrote (a merge-conflict marker, a truncated file, a hand-made one). A
    /// byte-order mark an editor put in front, as CRLF line ends, changes nothing it says.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let export: ExportIn = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if !export.generated.contains("cargo xtask gen") {
            return Err("its `@generated` key does not name `cargo xtask gen`".into());
        }
        let code = |s: &str| {
            crate::load::parse_code(s)
                .ok_or_else(|| format!("`{}` is not a 4-digit code", s.escape_debug()))
        };
        let mut b = Baseline::default();
        for e in &export.errors {
            b.add(code(&e.code)?, &e.name, &e.aliases);
        }
        for c in export.categories {
            let codes = c.codes.iter().map(|s| code(s)).collect::<Result<_, _>>()?;
            b.categories.push((c.id, codes));
        }
        // The two views of membership agree: each code listed by the category it names, and by
        // no other. A hand-cut list fails here rather than weakening the check.
        if b.codes.len() != export.errors.len() {
            return Err("a code has two entries".into());
        }
        let mut listed: BTreeMap<u16, &str> = BTreeMap::new();
        for (id, codes) in &b.categories {
            for &c in codes {
                if listed.insert(c, id).is_some() {
                    return Err(format!("code {c:04} is listed by two categories"));
                }
            }
        }
        for e in &export.errors {
            let c = code(&e.code)?;
            if listed.get(&c) != Some(&e.category.as_str()) {
                return Err(format!(
                    "code {c:04} names category `{}`, which does not list it",
                    e.category.escape_debug()
                ));
            }
        }
        if listed.len() != export.errors.len() {
            return Err("a category lists a code that has no entry".into());
        }
        Ok(b)
    }

    /// Checks that the generated Rust module `rust` has exactly the public names this baseline
    /// gives: `ErrorCode`'s variants with their numbers, its alias consts, and `Category`'s
    /// variants. A baseline cut or restored apart from the module is caught here.
    pub fn agrees_with_module(&self, rust: &str) -> Result<(), String> {
        // The parser's own stack, large enough for any module that passes [`check_nesting`]:
        // parsing on the caller's could overflow it, which aborts the process.
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .stack_size(PARSER_STACK)
                .spawn_scoped(scope, || self.agrees_with_module_here(rust))
                .map_err(|e| format!("it could not be read (no thread for the parser: {e})"))?
                .join()
                .unwrap_or_else(|_| Err("reading it failed".into()))
        })
    }

    fn agrees_with_module_here(&self, rust: &str) -> Result<(), String> {
        check_nesting(rust)?;
        let file = syn::parse_file(rust).map_err(|e| format!("it does not parse as Rust: {e}"))?;
        let mut in_module: BTreeMap<String, Option<u16>> = BTreeMap::new();
        // Each code's record (name, category), each category's id: the strings the API returns,
        // which the names above do not fix (`media_2fa` and `media2fa` are both `Media2fa`).
        let mut records: BTreeMap<u16, (String, String)> = BTreeMap::new();
        let mut ids: BTreeSet<String> = BTreeSet::new();
        for item in &file.items {
            match item {
                syn::Item::Enum(e) if e.ident == "ErrorCode" || e.ident == "Category" => {
                    for v in &e.variants {
                        let number = match &v.discriminant {
                            Some((
                                _,
                                syn::Expr::Lit(syn::ExprLit {
                                    lit: syn::Lit::Int(n),
                                    ..
                                }),
                            )) => n.base10_parse().ok(),
                            _ => None,
                        };
                        in_module.insert(format!("{}::{}", e.ident, v.ident), number);
                    }
                }
                // The raw-number consts, which show what the variants cannot: `ERROR_2FA` and
                // `ERROR2FA` are both `Error2fa`.
                syn::Item::Mod(m) if m.ident == "codes" => {
                    for item in m.content.iter().flat_map(|(_, items)| items) {
                        if let syn::Item::Const(c) = item {
                            let number = match &*c.expr {
                                syn::Expr::Lit(syn::ExprLit {
                                    lit: syn::Lit::Int(n),
                                    ..
                                }) => n.base10_parse().ok(),
                                _ => None,
                            };
                            in_module.insert(format!("codes::{}", c.ident), number);
                        }
                    }
                }
                syn::Item::Static(s) if s.ident == "RECORDS" || s.ident == "CATEGORY_RECORDS" => {
                    let syn::Expr::Array(array) = &*s.expr else {
                        continue;
                    };
                    for mut record in array.elems.iter().map(record_fields) {
                        let mut take = |field: &str| record.remove(field).unwrap_or_default();
                        if s.ident == "CATEGORY_RECORDS" {
                            ids.insert(take("id"));
                        } else if let Some(code) = crate::load::parse_code(&take("wire")) {
                            // (The "no entry" record has no code.)
                            records.insert(code, (take("name"), take("category")));
                        }
                    }
                }
                syn::Item::Impl(i) if matches!(&*i.self_ty, syn::Type::Path(p) if p.path.is_ident("ErrorCode")) => {
                    for item in &i.items {
                        if let syn::ImplItem::Const(c) = item {
                            if c.ident != "ALL" {
                                in_module.insert(format!("ErrorCode::{}", c.ident), None);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let mut expected: BTreeMap<String, Option<u16>> = BTreeMap::new();
        for (name, &(code, alias)) in &self.names {
            let key = format!("ErrorCode::{}", variant(name));
            expected.insert(key, (!alias).then_some(code));
            expected.insert(format!("codes::{}", constant(name)), Some(code));
        }
        for (id, _) in &self.categories {
            expected.insert(format!("Category::{}", variant(id)), None);
        }
        if let Some((name, _)) = expected.iter().find(|(k, v)| in_module.get(*k) != Some(v)) {
            return Err(format!("`{name}` differs"));
        }
        if let Some(name) = in_module.keys().find(|k| !expected.contains_key(*k)) {
            return Err(format!("`{name}` is in the module only"));
        }
        let expected_ids: BTreeSet<String> =
            self.categories.iter().map(|(id, _)| id.clone()).collect();
        if let Some(id) = expected_ids.symmetric_difference(&ids).next() {
            let (here, there) = match ids.contains(id) {
                true => ("the module", "not the export"),
                false => ("the export", "not the module"),
            };
            return Err(format!(
                "category id `{}` is in {here}, {there}",
                id.escape_debug()
            ));
        }
        for (id, codes) in &self.categories {
            for code in codes {
                let name = self.codes.get(code).map_or("", String::as_str);
                let category = format!("Category::{}", variant(id));
                match records.get(code) {
                    Some((n, c)) if n == name && *c == category => {}
                    Some((n, c)) => {
                        return Err(format!(
                            "code {code:04}'s record says `{}` in `{}`, the export `{}` in `{category}`",
                            n.escape_debug(),
                            c.escape_debug(),
                            name.escape_debug()
                        ))
                    }
                    None => return Err(format!("code {code:04} has no record in the module")),
                }
            }
        }
        if records.len() != self.codes.len() {
            return Err("a code has a record in the module only".into());
        }
        Ok(())
    }
}

/// The most [`nesting`] a module may have: the generator's own is 159 (at the `Record` struct's
/// fields, whatever the catalogue), and this much is parsed well within [`PARSER_STACK`].
const MAX_NESTING: usize = 1_000;

/// The stack the module is parsed on: twice what [`MAX_NESTING`] needs (each of the 29
/// constructs the tests parse just below the bound needs less than 32 MiB in a debug build).
/// Reserved, not used.
const PARSER_STACK: usize = 64 << 20;

/// Refuses a module the parser could not read without running out of stack: one that does not
/// lex, or nests deeper than the generator ever writes ([`MAX_NESTING`]). The parser recurses as
/// deep as the text nests; a module of 10 KB of `(` (or `&`, `!`, `A<`) overflowed the stack,
/// aborting `gen`. The lexer itself does not recurse. (Its tokens are consumed here, not kept for
/// the parser: iterating a copy would copy them all, a gigabyte for a 60 MB module.)
fn check_nesting(rust: &str) -> Result<(), String> {
    // As `syn::parse_file` reads a file: without a byte-order mark.
    let rust = rust.strip_prefix('\u{FEFF}').unwrap_or(rust);
    let tokens: proc_macro2::TokenStream = rust
        .parse()
        .map_err(|e| format!("it does not parse as Rust: {e}"))?;
    if nesting(tokens) > MAX_NESTING {
        return Err(format!(
            "it nests deeper than the generator writes (more than {MAX_NESTING} levels)"
        ));
    }
    Ok(())
}

/// A bound on how deep a parser of Rust recurses reading `tokens`, without recursing itself:
/// the largest, over every token, of the groups open around it plus, in each of those groups,
/// the tokens since its last separator. A parser recurses only by reading a token or by entering
/// a group; a `;`, or a `,` outside generics (`<`), closure parameters (`|`) and `where`
/// clauses, is where it returns to a loop.
fn nesting(tokens: proc_macro2::TokenStream) -> usize {
    use proc_macro2::TokenTree;
    struct Group {
        tokens: proc_macro2::token_stream::IntoIter,
        /// Tokens since the last separator.
        run: usize,
        /// A `<`, `|` or `where` since the last `;`: a `,` separates nothing until then.
        listing: bool,
    }
    let mut open = vec![Group {
        tokens: tokens.into_iter(),
        run: 0,
        listing: false,
    }];
    // The runs of the groups below the innermost.
    let mut below = 0;
    let mut deepest = 0;
    while let Some(group) = open.last_mut() {
        let Some(token) = group.tokens.next() else {
            open.pop();
            if let Some(outer) = open.last() {
                below -= outer.run;
            }
            continue;
        };
        match &token {
            TokenTree::Punct(p) if p.as_char() == ';' => {
                (group.run, group.listing) = (0, false);
                continue;
            }
            TokenTree::Punct(p) if p.as_char() == ',' && !group.listing => {
                group.run = 0;
                continue;
            }
            TokenTree::Punct(p) if matches!(p.as_char(), '<' | '|') => group.listing = true,
            TokenTree::Ident(i) if i == "where" => group.listing = true,
            _ => {}
        }
        group.run += 1;
        let run = group.run;
        deepest = deepest.max(below + run + open.len());
        if let TokenTree::Group(inner) = token {
            below += run;
            open.push(Group {
                tokens: inner.stream().into_iter(),
                run: 0,
                listing: false,
            });
        }
    }
    deepest
}

/// The fields of one record in the generated module (`Record { wire: "0405", name: ..,
/// category: Some(Category::MediaFiles), .. }`) that [`Baseline::agrees_with_module`]
/// compares, as text: a string literal's value, or the path inside `Some(..)`.
fn record_fields(expr: &syn::Expr) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    let syn::Expr::Struct(record) = expr else {
        return fields;
    };
    for field in &record.fields {
        let syn::Member::Named(member) = &field.member else {
            continue;
        };
        let value = match &field.expr {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => s.value(),
            syn::Expr::Call(call) => match call.args.first() {
                Some(syn::Expr::Path(p)) => p
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect::<Vec<_>>()
                    .join("::"),
                _ => continue,
            },
            _ => continue,
        };
        fields.insert(member.to_string(), value);
    }
    fields
}

/// A public name the new catalogue would take away or change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Break {
    /// The entry's (or category's) line in the new catalogue, when it still has one.
    pub line: Option<usize>,
    /// What happens, in words.
    pub what: String,
}

/// How many aliases an entry may have for a rename's hint to quote the whole list.
const MAX_ALIASES_QUOTED: usize = 5;

/// The longest description of a break shown, in characters: far above any made of valid names.
const MAX_BREAK_LEN: usize = 1_000;

impl fmt::Display for Break {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names read from the baseline may hold anything, of any length: one line, nothing for a
        // terminal, and cut.
        let what =
            crate::diagnostic::one_line(&crate::diagnostic::shorten(&self.what, MAX_BREAK_LEN));
        match self.line {
            Some(line) => write!(f, "{}:{line}: {what}", crate::CATALOGUE_FILE),
            None => write!(f, "{}: {what}", crate::CATALOGUE_FILE),
        }
    }
}

/// The aliases entry `e` would have to keep the former names `keep` of its code as well: its
/// own, each that respells a name of `keep` (`token2fa` for `token_2fa`: one Rust item, so both
/// cannot be) in that name's place, then the rest of `keep`. A name that `e`'s own name
/// respells cannot be kept beside it (it is reported as respelled), so it is left out. The
/// second list is each former name so put back, with the alias of `e` it replaces.
fn kept_aliases<'a>(e: &'a Entry, keep: &[&'a str]) -> (Vec<&'a str>, Vec<(&'a str, &'a str)>) {
    let keep: Vec<&str> = keep
        .iter()
        .copied()
        .filter(|k| variant(k) != variant(&e.name))
        .collect();
    let mut placed = BTreeSet::new();
    let mut replaced = Vec::new();
    let mut list: Vec<&str> = e
        .aliases
        .iter()
        .map(
            |a| match keep.iter().find(|k| variant(k) == variant(a) && *k != a) {
                Some(k) => {
                    placed.insert(*k);
                    replaced.push((*k, a.as_str()));
                    *k
                }
                None => a.as_str(),
            },
        )
        .collect();
    list.extend(keep.iter().filter(|k| !placed.contains(*k)));
    (list, replaced)
}

/// What must give way so that the aliases `list` ([`kept_aliases`]) fit under [`MAX_ALIASES`]:
/// as many as needed of those the last generated state `old` did not have (nothing uses them
/// yet); empty when they fit already, `None` when those aliases are too few.
fn make_room<'a>(list: &[&'a str], old: &Baseline) -> Option<Vec<&'a str>> {
    let excess = list.len().saturating_sub(MAX_ALIASES);
    let fresh: Vec<&str> = list
        .iter()
        .copied()
        .filter(|a| !old.names.contains_key(*a))
        .take(excess)
        .collect();
    (fresh.len() == excess).then_some(fresh)
}

/// The note on the aliases [`kept_aliases`] replaced: `` (`a_2fa` in place of `a2fa`, ...) ``.
fn respelt(replaced: &[(&str, &str)]) -> String {
    if replaced.is_empty() {
        return String::new();
    }
    let pairs: Vec<String> = replaced
        .iter()
        .map(|(kept, gone)| format!("`{kept}` in place of `{gone}`"))
        .collect();
    format!(
        " ({}: each pair is one Rust item, so only the former spelling can be kept)",
        pairs.join(", ")
    )
}

/// Names as Markdown code, joined: `` `a`, `b` ``.
fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The breaking changes from the generated state `old` to `cat`.
pub fn breaking_changes(old: &Baseline, cat: &Catalogue) -> Vec<Break> {
    let new = Baseline::of(cat);
    let entry = |code: u16| cat.entries.iter().find(|e| e.code == code);
    // Where a removed code stood: the entry after it, else the last one.
    let place_of = |code: u16| {
        cat.entries
            .iter()
            .find(|e| e.code > code)
            .or(cat.entries.last())
            .map(|e| e.line)
    };
    // Per code, the old aliases the new catalogue drops: a rename's hint keeps them too.
    let mut dropped: BTreeMap<u16, Vec<&str>> = BTreeMap::new();
    for (name, &(code, was_alias)) in &old.names {
        if was_alias && !new.names.contains_key(name) {
            dropped.entry(code).or_default().push(name);
        }
    }
    // The codes whose name is renamed (not only recased): a dropped alias's hint makes room for
    // the old name too, as the rename's hint makes room for the dropped aliases, so both name
    // the same aliases to give way.
    let renamed: BTreeSet<u16> = old
        .names
        .iter()
        .filter(|(name, &(code, was_alias))| {
            !was_alias
                && !new.names.contains_key(*name)
                && entry(code).is_some_and(|e| variant(&e.name) != variant(name))
        })
        .map(|(_, &(code, _))| code)
        .collect();
    // Each Rust item of the new catalogue, by the name or alias that gives it (one each: the
    // loader refuses two that give one).
    let by_variant: BTreeMap<String, (&String, &(u16, bool))> = new
        .names
        .iter()
        .map(|(n, v)| (variant(n), (n, v)))
        .collect();
    let mut breaks = Vec::new();
    for (name, &(code, was_alias)) in &old.names {
        let item = format!("`ErrorCode::{}`", variant(name));
        let what = if was_alias { "alias" } else { "name" };
        let onto = by_variant
            .get(&variant(name))
            .copied()
            .filter(|(_, &(c, _))| c != code);
        // Where the item the name gave goes: to another code under this name, or under a
        // respelling (`token_2fa` of 0405 gone, `token2fa` now 0406's: the Rust item stays,
        // meaning a different error; read as a rename, it drew advice to alias the old
        // spelling, which the loader refuses beside the new one).
        let moved = match (new.names.get(name), onto) {
            (Some(&(new_code, now_alias)), _) => {
                Some((name.as_str(), new_code, now_alias)).filter(|_| new_code != code)
            }
            (None, Some((now, &(new_code, now_alias)))) => {
                Some((now.as_str(), new_code, now_alias))
            }
            (None, None) => None,
        };
        match (moved, new.names.contains_key(name)) {
            (None, true) => {}
            (Some((now, new_code, now_alias)), _) => {
                let fix = if now_alias {
                    format!("take `{now}` out of the `aliases` of code {new_code:04}")
                } else if now == name {
                    format!("give code {new_code:04} a new name")
                } else {
                    format!("give code {new_code:04} another name than `{now}`")
                };
                let becomes = if now == name {
                    format!("`{name}` would move from code {code:04} to code {new_code:04}")
                } else {
                    format!("`{name}` of code {code:04} would become `{now}` of code {new_code:04}")
                };
                breaks.push(Break {
                    line: entry(new_code).map(|e| e.line),
                    what: format!(
                        "entry {new_code:04}: {what} {becomes}, so {item} would mean a different error; {fix}, or pass --allow-breaking"
                    ),
                })
            }
            (None, false) => match (entry(code), was_alias) {
                (Some(e), false) if variant(&e.name) == variant(name) => breaks.push(Break {
                    line: Some(e.name_line),
                    what: format!(
                        "entry {code:04}: name `{name}` would become `{}`: {item} stays, but `codes::{}` would become `codes::{}` and `name()` would change, \
                         and an alias cannot keep them (it would collide with {item}); keep the name `{name}`, or pass --allow-breaking",
                        e.name,
                        constant(name),
                        constant(&e.name)
                    ),
                }),
                (Some(e), false) => {
                    // The whole list to write, unless it is long: then the name to add to it.
                    // An entry with no room for the names it would keep cannot keep them: advice
                    // to add an alias there would only be refused.
                    let mut keep = dropped.get(&code).cloned().unwrap_or_default();
                    keep.push(name);
                    let (list, replaced) = kept_aliases(e, &keep);
                    let advice = match make_room(&list, old) {
                        None => format!("the entry already keeps the most former names ({MAX_ALIASES}), so the rename needs --allow-breaking"),
                        Some(fresh) if !fresh.is_empty() => format!(
                            "keep the old name working by adding `{name}` to the entry's `aliases` in place of {}, which nothing used yet (an entry keeps at most {MAX_ALIASES}), or pass --allow-breaking",
                            quoted(&fresh)
                        ),
                        Some(_) if list.len() <= MAX_ALIASES_QUOTED => format!(
                            "keep the old name working with `aliases: [{}]` in the entry{}, or pass --allow-breaking",
                            list.join(", "),
                            respelt(&replaced)
                        ),
                        Some(_) => format!("keep the old name working by adding `{name}` to the entry's `aliases`, or pass --allow-breaking"),
                    };
                    breaks.push(Break {
                        line: Some(e.name_line),
                        what: format!(
                            "entry {code:04}: {item} would be renamed to `ErrorCode::{}`, breaking code that names it; {advice}",
                            variant(&e.name),
                        ),
                    });
                }
                (Some(e), true) => {
                    // Respelled to the same variant (`old2fa` → `old_2fa`): the item stays, the
                    // const and the string change, and both spellings cannot be kept.
                    let names = std::iter::once(&e.name).chain(&e.aliases);
                    let respelled = names.zip(std::iter::once(e.name_line).chain(e.alias_lines.iter().copied()))
                        .find(|(n, _)| variant(n) == variant(name) && !old.names.contains_key(*n));
                    if let Some((now, line)) = respelled {
                        breaks.push(Break {
                            line: Some(line),
                            what: format!(
                                "entry {code:04}: alias `{name}` would become `{now}`: {item} stays, but `codes::{}` would become `codes::{}`, \
                                 and both cannot be kept (they would collide as {item}); keep the spelling `{name}`, or pass --allow-breaking",
                                constant(name),
                                constant(now)
                            ),
                        });
                        continue;
                    }
                    // Every former name of the code the catalogue drops, this one included.
                    let mut keep = dropped.get(&code).cloned().unwrap_or_default();
                    keep.extend(old.codes.get(&code).filter(|_| renamed.contains(&code)).map(String::as_str));
                    let (list, _) = kept_aliases(e, &keep);
                    let advice = match make_room(&list, old) {
                        Some(fresh) if fresh.is_empty() => {
                            "keep it in the entry's `aliases`, or pass --allow-breaking".to_string()
                        }
                        Some(fresh) => format!(
                            "keep it in the entry's `aliases` in place of {}, which nothing used yet (an entry keeps at most {MAX_ALIASES}), or pass --allow-breaking",
                            quoted(&fresh)
                        ),
                        None => format!(
                            "the entry already keeps the most former names ({MAX_ALIASES}), so removing it needs --allow-breaking"
                        ),
                    };
                    breaks.push(Break {
                        line: Some(e.alias_lines.first().copied().unwrap_or(e.name_line)),
                        what: format!(
                            "entry {code:04}: alias `{name}` ({item}) would be removed, breaking code that names it; {advice}"
                        ),
                    })
                }
                (None, false) => breaks.push(Break {
                    line: place_of(code),
                    what: format!(
                        "entry {code:04}: {item} would be removed, breaking code that matches on it; \
                         keep the entry and mark it `retired: <why>` instead, or pass --allow-breaking \
                         (its line is the entry now nearest where it stood)"
                    ),
                }),
                // The alias goes with its removed code, which is reported above.
                (None, true) => {}
            },
        }
    }
    for (id, codes) in &old.categories {
        let item = format!("`Category::{}`", variant(id));
        let Some(now) = cat.categories.iter().position(|c| c.id == *id) else {
            // Respelled to the same variant (`media_2fa` → `media2fa`): only the id changes.
            let respelled = cat.categories.iter().find(|c| {
                variant(&c.id) == variant(id) && !old.categories.iter().any(|(o, _)| *o == c.id)
            });
            if let Some(c) = respelled {
                breaks.push(Break {
                    line: Some(c.line),
                    what: format!(
                        "category `{id}` would become `{}`: {item} stays, but the id it gives (`Category::id()`, the site's page) would change; \
                         keep the id `{id}`, or pass --allow-breaking",
                        c.id
                    ),
                });
                continue;
            }
            // At the category that holds its codes now (renamed, say), else the first.
            let holder = codes
                .iter()
                .find_map(|&code| entry(code))
                .map(|e| &cat.categories[e.category]);
            breaks.push(Break {
                line: holder.or(cat.categories.first()).map(|c| c.line),
                what: format!(
                    "category `{id}` ({item}) would be removed, breaking code that names it; restore it, or pass --allow-breaking"
                ),
            });
            continue;
        };
        // A code that stays must stay in its category: `code.category()` and `codes()` are API.
        for &code in codes {
            if let Some(e) = entry(code).filter(|e| e.category != now) {
                let to = &cat.categories[e.category].id;
                breaks.push(Break {
                    line: Some(e.line),
                    what: format!(
                        "entry {code:04}: would move from category `{id}` to `{to}`, changing what {item} holds; \
                         keep it in `{id}`, or pass --allow-breaking"
                    ),
                });
            }
        }
    }
    // In the catalogue's order, as the other problems are.
    breaks.sort_by_key(|b| b.line);
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue(entries: &str) -> Catalogue {
        let text = format!(
            "links: \"https://x/{{code}}\"\ncategories:\n  - id: request\n    title: R\n    range: \"0000-0099\"\n    description: D\nerrors:\n{entries}"
        );
        crate::load(&text).unwrap()
    }

    fn entry(code: &str, name: &str, extra: &str) -> String {
        format!("  - code: \"{code}\"\n    name: {name}\n    category: request\n    retry: false\n    description: D\n{extra}")
    }

    /// A catalogue of the categories `ids` (ranges 0000-0099, 0100-0199, ...) and the entries
    /// `(code, name, index of its category)`.
    fn categorised(ids: &[&str], entries: &[(&str, &str, usize)]) -> Catalogue {
        let categories: String = (0..ids.len())
            .map(|i| format!("  - id: {}\n    title: T{i}\n    range: \"{i:02}00-{i:02}99\"\n    description: D\n", ids[i]))
            .collect();
        let entries: String = entries
            .iter()
            .map(|&(code, name, i)| entry(code, name, "").replace("request", ids[i]))
            .collect();
        crate::load(&format!(
            "links: \"https://x/{{code}}\"\ncategories:\n{categories}errors:\n{entries}"
        ))
        .unwrap()
    }

    /// The baseline as `gen` reads it: from the JSON export.
    fn generated(cat: &Catalogue) -> Baseline {
        Baseline::from_json(&crate::json::render(cat)).unwrap()
    }

    fn messages(old: &Baseline, new: &Catalogue) -> Vec<String> {
        breaking_changes(old, new)
            .iter()
            .map(Break::to_string)
            .collect()
    }

    #[test]
    fn unchanged_and_added_names_are_fine() {
        let old = generated(&catalogue(&entry("0001", "first", "")));
        let new = catalogue(&(entry("0001", "first", "") + &entry("0002", "second", "")));
        assert_eq!(breaking_changes(&old, &new), []);
    }

    #[test]
    fn a_rename_is_caught_unless_the_old_name_stays_as_an_alias() {
        let old = generated(&catalogue(&entry("0001", "first", "")));
        let renamed = catalogue(&entry("0001", "primary", ""));
        let m = messages(&old, &renamed);
        assert_eq!(m.len(), 1);
        assert!(m[0].starts_with("errors.yaml:9: entry 0001: `ErrorCode::First` would be renamed to `ErrorCode::Primary`"), "{m:?}");
        assert!(m[0].contains("aliases: [first]") && m[0].contains("--allow-breaking"));

        let aliased = catalogue(&entry("0001", "primary", "    aliases: [first]\n"));
        assert_eq!(breaking_changes(&old, &aliased), []);
        // Dropping the alias later is itself a break.
        let m = messages(&generated(&aliased), &renamed);
        assert_eq!(m.len(), 1);
        assert!(
            m[0].contains("alias `first` (`ErrorCode::First`) would be removed"),
            "{m:?}"
        );
    }

    #[test]
    fn a_change_only_the_const_shows_is_caught_and_not_sent_to_an_alias() {
        let old = generated(&catalogue(&entry("0001", "error_2fa", "")));
        let m = messages(&old, &catalogue(&entry("0001", "error2fa", "")));
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].contains("`codes::ERROR_2FA` would become `codes::ERROR2FA`"),
            "{m:?}"
        );
        assert!(m[0].contains("keep the name `error_2fa`"), "{m:?}");
        assert!(!m[0].contains("aliases:"), "{m:?}");
    }

    #[test]
    fn the_alias_hint_keeps_the_aliases_already_there() {
        let old = generated(&catalogue(&entry(
            "0001",
            "second",
            "    aliases: [first]\n",
        )));
        let m = messages(
            &old,
            &catalogue(&entry("0001", "third", "    aliases: [first]\n")),
        );
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("aliases: [first, second]"), "{m:?}");
    }

    /// A rename that also drops an alias: the hint's list keeps both, so following it is
    /// enough.
    #[test]
    fn the_alias_hint_keeps_the_aliases_dropped_with_the_rename() {
        let old = generated(&catalogue(&entry(
            "0001",
            "second",
            "    aliases: [first]\n",
        )));
        let m = messages(&old, &catalogue(&entry("0001", "third", "")));
        let rename = m.iter().find(|m| m.contains("would be renamed")).unwrap();
        assert!(rename.contains("aliases: [first, second]"), "{m:?}");
        let fixed = catalogue(&entry("0001", "third", "    aliases: [first, second]\n"));
        assert_eq!(breaking_changes(&old, &fixed), []);
    }

    /// A former name respelled into an alias of the entry (`token_2fa` as `token2fa`, one Rust
    /// item): the hint's list puts the former spelling in the respelling's place, and leaves out
    /// a former alias the new name respells. Following the hint loads and breaks nothing; the
    /// list was the respelling and the former spelling side by side (`[token2fa, token_2fa]`),
    /// which the loader refuses as two aliases of one Rust name.
    #[test]
    fn the_alias_hint_puts_a_former_spelling_in_place_of_its_respelling() {
        let old = generated(&catalogue(&entry("0001", "token_2fa", "")));
        let m = messages(
            &old,
            &catalogue(&entry("0001", "bad_token", "    aliases: [token2fa]\n")),
        );
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("`aliases: [token_2fa]`"), "{m:?}");
        assert!(m[0].contains("`token_2fa` in place of `token2fa`"), "{m:?}");
        let fixed = catalogue(&entry("0001", "bad_token", "    aliases: [token_2fa]\n"));
        assert_eq!(breaking_changes(&old, &fixed), []);

        let old = generated(&catalogue(&entry(
            "0001",
            "first",
            "    aliases: [old_2fa, other]\n",
        )));
        let m = messages(
            &old,
            &catalogue(&entry("0001", "second", "    aliases: [old2fa, other]\n")),
        );
        let rename = m.iter().find(|m| m.contains("would be renamed")).unwrap();
        assert!(
            rename.contains("`aliases: [old_2fa, other, first]`"),
            "{m:?}"
        );
        let fixed = catalogue(&entry(
            "0001",
            "second",
            "    aliases: [old_2fa, other, first]\n",
        ));
        assert_eq!(breaking_changes(&old, &fixed), []);

        // The new name respells a former alias: that alias cannot be kept beside it (it is
        // reported as respelled), so the hint does not ask for it.
        let old = generated(&catalogue(&entry(
            "0001",
            "first",
            "    aliases: [bad_2fa]\n",
        )));
        let m = messages(&old, &catalogue(&entry("0001", "bad2fa", "")));
        let rename = m.iter().find(|m| m.contains("would be renamed")).unwrap();
        assert!(rename.contains("`aliases: [first]`"), "{m:?}");
        assert!(
            m.iter()
                .any(|m| m.contains("alias `bad_2fa` would become `bad2fa`")),
            "{m:?}"
        );
    }

    #[test]
    fn codes_moving_between_categories_are_caught() {
        let two =
            |a: &str, b: &str| categorised(&[a, b], &[("0001", "first", 0), ("0100", "second", 1)]);
        let old = generated(&two("account", "numbers"));
        assert_eq!(breaking_changes(&old, &two("account", "numbers")), []);
        let m = messages(&old, &two("numbers", "account"));
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(
            m[0].contains("entry 0001: would move from category `account` to `numbers`"),
            "{m:?}"
        );
    }

    #[test]
    fn the_baseline_must_agree_with_the_generated_module() {
        let cat = catalogue(
            &(entry("0001", "first", "") + &entry("0002", "second", "    aliases: [old]\n")),
        );
        let rust = crate::rust::render(&cat);
        let full = generated(&cat);
        assert_eq!(full.agrees_with_module(&rust), Ok(()));
        let cut = generated(&catalogue(&entry("0001", "first", "")));
        assert!(cut.agrees_with_module(&rust).is_err());
        let empty = Baseline::default();
        assert!(empty.agrees_with_module(&rust).is_err());
        assert!(full.agrees_with_module("<<<<<<< HEAD").is_err());
    }

    /// A module nested deeper than the generator writes (a hand-made one, a bad merge) is
    /// refused, however deep: 10 KB of `(` overflowed the parser's stack and aborted `gen`.
    /// What the generator writes stays far below the bound, and each kind of nesting just below
    /// it is read on the parser's own stack.
    #[test]
    fn a_module_nested_beyond_the_generators_is_refused_not_a_crash() {
        let cat = catalogue(
            &(entry("0001", "first", "    aliases: [a, b, c, d, e, f, g, h]\n")
                + &entry("0002", "second", "    retired: gone\n")),
        );
        let rust = crate::rust::render(&cat);
        let ours = nesting(rust.parse().unwrap());
        assert!(ours < MAX_NESTING / 4, "{ours}");
        let full = generated(&cat);
        assert_eq!(full.agrees_with_module(&rust), Ok(()));
        for n in [MAX_NESTING, 100_000] {
            for deep in [
                format!("const X: u8 = {}1{};", "(".repeat(n), ")".repeat(n)),
                format!("const X: bool = {}true;", "!".repeat(n)),
                format!("const X: {}u8 = 1;", "&".repeat(n)),
                format!("const X: {}u8{} = 1;", "A<".repeat(n), ">".repeat(n)),
                format!("const X: u8 = {}1;", "!|a, b| ".repeat(n)),
                format!("const X: {}u8 = 1;", "fn(u8, u8) -> ".repeat(n)),
            ] {
                let why = full
                    .agrees_with_module(&format!("{rust}{deep}"))
                    .unwrap_err();
                assert!(why.contains("nests deeper"), "{why}");
            }
        }
        // Just below the bound, the parser has stack enough.
        let below = |deep: &dyn Fn(usize) -> String| {
            let mut n = 1;
            while nesting(deep(n + 1).parse().unwrap()) <= MAX_NESTING {
                n += 1;
            }
            deep(n)
        };
        for deep in [
            below(&|n| format!("const X: {}u8 = 1;", "A<".repeat(n))),
            below(&|n| format!("const X: u8 = {}1;", "!|a, b| ".repeat(n))),
            below(&|n| format!("const X: u8 = {}1{};", "(".repeat(n), ")".repeat(n))),
            below(&|n| format!("const X: u8 = {}1{};", "{".repeat(n), "}".repeat(n))),
            below(&|n| format!("const X: u8 = {}1{};", "[".repeat(n), "]".repeat(n))),
            below(&|n| format!("const X: bool = {}true;", "!".repeat(n))),
            below(&|n| format!("const X: u8 = {}1;", "-".repeat(n))),
            below(&|n| format!("const X: {}u8 = 1;", "&".repeat(n))),
            below(&|n| format!("const X: {}u8 = 1;", "&mut ".repeat(n))),
            below(&|n| format!("const X: {}u8 = 1;", "*const ".repeat(n))),
            below(&|n| format!("const X: {}u8 = 1;", "fn(u8) -> ".repeat(n))),
            below(&|n| format!("const X: {}u8 = 1;", "impl Fn() -> ".repeat(n))),
            below(&|n| format!("const X: u8 = {}1;", "return ".repeat(n))),
            below(&|n| format!("const X: u8 = {}1;", "#[a] ".repeat(n))),
            below(&|n| format!("const X: u8 = {}1;", "..".repeat(n))),
            below(&|n| format!("const X: u8 = {}1;", "a::<".repeat(n))),
            below(&|n| format!("const X: u8 = 1{};", " as u8".repeat(n))),
            below(&|n| {
                format!(
                    "const X: u8 = {}1{};",
                    "match x {_ => ".repeat(n),
                    "}".repeat(n)
                )
            }),
            below(&|n| format!("const X: u8 = {}1{};", "A { a: ".repeat(n), "}".repeat(n))),
            below(&|n| format!("const X: u8 = {}1;", "if let A = a && ".repeat(n))),
            below(&|n| format!("const X: u8 = {}1;", "move || ".repeat(n))),
            below(&|n| format!("const X: u8 = {}1;", "async move ".repeat(n))),
            below(&|n| format!("{}{}", "mod a { ".repeat(n), "}".repeat(n))),
            below(&|n| format!("{}{}", "fn a() { ".repeat(n), "}".repeat(n))),
            below(&|n| format!("type X = {};", "dyn Fn() -> ".repeat(n))),
            below(&|n| format!("const X: u8 = {}1;", "a = ".repeat(n))),
            below(&|n| format!("const X: u8 = {}1;", "a + b * ".repeat(n))),
            below(&|n| format!("const X: u8 = {}1;", "a? + ".repeat(n))),
            below(&|n| {
                format!(
                    "const X: u8 = if a {{1}} {}else {{1}};",
                    "else if a {1} ".repeat(n)
                )
            }),
        ] {
            let why = full.agrees_with_module(&format!("{rust}{deep}"));
            assert!(
                why.is_ok() || !why.unwrap_err().contains("nests deeper"),
                "{deep}"
            );
        }
    }

    /// `error_2fa` and `error2fa` give one variant, `Error2fa`: a baseline edited from one to the
    /// other still disagrees with the module, by its consts.
    #[test]
    fn the_baseline_must_agree_with_the_modules_consts_too() {
        let rust = crate::rust::render(&catalogue(&entry("0001", "error_2fa", "")));
        let edited = generated(&catalogue(&entry("0001", "error2fa", "")));
        let why = edited.agrees_with_module(&rust).unwrap_err();
        assert!(why.contains("codes::ERROR"), "{why}");
        let renumbered = rust.replace(
            "pub const ERROR_2FA: u16 = 1;",
            "pub const ERROR_2FA: u16 = 2;",
        );
        assert_ne!(renumbered, rust);
        let same = generated(&catalogue(&entry("0001", "error_2fa", "")));
        assert_eq!(same.agrees_with_module(&rust), Ok(()));
        assert!(same.agrees_with_module(&renumbered).is_err());
    }

    /// What the variants and consts leave open is read from the module's records: a category
    /// id respelled to the same variant (`media_2fa`, `media2fa`), or a code moved to another
    /// category, in an export edited by hand, disagrees with the module (either passed, and the
    /// same change in the catalogue then went unseen).
    #[test]
    fn the_baseline_must_agree_with_the_modules_records_too() {
        let two = |a: &str| {
            let entries = [
                ("0001", "first", 0),
                ("0002", "second", 0),
                ("0100", "third", 1),
            ];
            categorised(&[a, "numbers"], &entries)
        };
        let cat = two("media_2fa");
        let rust = crate::rust::render(&cat);
        assert_eq!(generated(&cat).agrees_with_module(&rust), Ok(()));
        let respelled = generated(&two("media2fa"));
        let why = respelled.agrees_with_module(&rust).unwrap_err();
        assert_eq!(
            why,
            "category id `media2fa` is in the export, not the module"
        );
        // The export alone, both of its lists, says 0002 is in `numbers`.
        let mut json: serde_json::Value = serde_json::from_str(&crate::json::render(&cat)).unwrap();
        json["categories"][0]["codes"] = serde_json::json!(["0001"]);
        json["categories"][1]["codes"] = serde_json::json!(["0002", "0100"]);
        json["errors"][1]["category"] = "numbers".into();
        let moved = Baseline::from_json(&json.to_string()).unwrap();
        assert_ne!(moved, generated(&cat));
        let why = moved.agrees_with_module(&rust).unwrap_err();
        assert_eq!(
            why,
            "code 0002's record says `second` in `Category::Media2fa`, the export `second` in `Category::Numbers`"
        );
    }

    /// An alias or a category id respelled to the same variant is said to be respelled: the
    /// item stays, and keeping both spellings would collide (each was reported as removed, the
    /// item named as gone).
    #[test]
    fn a_respelled_alias_or_category_id_is_named_as_such() {
        let old = generated(&catalogue(&entry(
            "0001",
            "first",
            "    aliases: [old2fa]\n",
        )));
        let m = messages(
            &old,
            &catalogue(&entry("0001", "first", "    aliases: [old_2fa]\n")),
        );
        assert_eq!(
            m,
            ["errors.yaml:13: entry 0001: alias `old2fa` would become `old_2fa`: `ErrorCode::Old2fa` stays, but `codes::OLD2FA` would become `codes::OLD_2FA`, \
              and both cannot be kept (they would collide as `ErrorCode::Old2fa`); keep the spelling `old2fa`, or pass --allow-breaking"]
        );
        // Respelled as the entry's new name, the old name kept as an alias.
        let m = messages(
            &old,
            &catalogue(&entry("0001", "old_2fa", "    aliases: [first]\n")),
        );
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].starts_with("errors.yaml:9: entry 0001: alias `old2fa` would become `old_2fa`"),
            "{m:?}"
        );
        let with_id = |id: &str| categorised(&[id], &[("0001", "first", 0)]);
        let m = messages(&generated(&with_id("media_2fa")), &with_id("media2fa"));
        assert_eq!(
            m,
            ["errors.yaml:3: category `media_2fa` would become `media2fa`: `Category::Media2fa` stays, but the id it gives (`Category::id()`, the site's page) would change; \
              keep the id `media_2fa`, or pass --allow-breaking"]
        );
    }

    /// A renamed category is reported at the category now holding its codes, not at the first.
    #[test]
    fn a_renamed_category_is_reported_at_its_own_line() {
        let two = |b: &str| {
            categorised(
                &["account", b],
                &[("0001", "first", 0), ("0100", "second", 1)],
            )
        };
        let m = messages(&generated(&two("numbers")), &two("telephone_numbers"));
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].starts_with(
                "errors.yaml:7: category `numbers` (`Category::Numbers`) would be removed"
            ),
            "{m:?}"
        );
    }

    /// However many aliases an entry has, or however long the names a baseline holds, a break
    /// is one line of bounded length; a rename's advice is one the loader accepts.
    #[test]
    fn a_break_is_one_short_line() {
        let many = |n: usize| (0..n).map(|i| format!("former_name_number_{i}"));
        let aliases = |names: Vec<String>| format!("    aliases: [{}]\n", names.join(", "));
        let renamed = |n: usize| {
            let aliases = aliases(many(n).collect());
            let old = generated(&catalogue(&entry("0001", "first", &aliases)));
            let m = messages(&old, &catalogue(&entry("0001", "second", &aliases)));
            assert_eq!(m.len(), 1, "{m:?}");
            assert!(m[0].contains("would be renamed"), "{m:?}");
            assert!(m[0].len() < 400, "{}", m[0].len());
            (old, m[0].clone())
        };
        // Room for one more: the advice, followed, loads and breaks nothing.
        let (old, m) = renamed(MAX_ALIASES - 1);
        assert!(m.contains("adding `first` to the entry's `aliases`"), "{m}");
        let kept = aliases(many(MAX_ALIASES - 1).chain(["first".into()]).collect());
        assert_eq!(
            messages(&old, &catalogue(&entry("0001", "second", &kept))),
            Vec::<String>::new()
        );
        // No room: adding an alias would be refused, so the advice does not ask for it.
        let (_, m) = renamed(MAX_ALIASES);
        assert!(
            m.ends_with(&format!("the entry already keeps the most former names ({MAX_ALIASES}), so the rename needs --allow-breaking")),
            "{m}"
        );
        assert!(!m.contains("`aliases`"), "{m}");
        // Entry 0001 keeping `kept` former names, then named `name` with former names `some`
        // plus `new` ones: `n` messages, each holding `needle`.
        let check = |kept: usize, name: &str, some: usize, new: &[&str], n: usize, needle: &str| {
            let old = generated(&catalogue(&entry(
                "0001",
                "first",
                &aliases(many(kept).collect()),
            )));
            let list = aliases(
                many(some)
                    .chain(new.iter().map(|s| s.to_string()))
                    .collect(),
            );
            let m = messages(&old, &catalogue(&entry("0001", name, &list)));
            assert_eq!(m.len(), n, "{m:?}");
            for m in &m {
                assert!(m.contains(needle), "{m}");
            }
        };
        // A full entry whose alias is replaced: keeping it would be refused, unless it takes
        // the place of the new one.
        let full = MAX_ALIASES;
        check(
            full,
            "first",
            full - 1,
            &["brand_new"],
            1,
            "in place of `brand_new`",
        );
        // Two dropped for two new ones: both new ones must make room.
        let (one, two) = ("new_one", "new_two");
        check(
            full,
            "first",
            full - 2,
            &[one, two],
            2,
            "in place of `new_one`, `new_two`,",
        );
        // A rename of a full entry with an alias nothing used yet: that one makes room.
        let hint = "adding `first` to the entry's `aliases` in place of `brand_new`,";
        check(full - 1, "second", full - 1, &["brand_new"], 1, hint);
        // A rename that also drops two aliases of an entry left full: every hint names the
        // same three new aliases to give way, one for each name kept.
        let four = ["new_a", "new_b", "new_c", "new_d"];
        check(
            full - 2,
            "second",
            full - 4,
            &four,
            3,
            "in place of `new_a`, `new_b`, `new_c`,",
        );
        let old = generated(&catalogue(&entry(
            "0001",
            "first",
            &aliases(many(full).collect()),
        )));
        let dropped = aliases(many(MAX_ALIASES - 1).collect());
        let m = messages(&old, &catalogue(&entry("0001", "first", &dropped)));
        assert!(
            m[0].ends_with("keep it in the entry's `aliases`, or pass --allow-breaking"),
            "{m:?}"
        );
        let huge = Break {
            line: Some(1),
            what: format!("name `{}`\nerrors.yaml:1: forged", "x".repeat(100_000)),
        };
        let shown = huge.to_string();
        assert_eq!(shown.lines().count(), 1);
        assert!(
            shown.chars().count() <= MAX_BREAK_LEN + 20,
            "{}",
            shown.len()
        );
    }

    /// An alias moved to another code is to be taken out of that code's aliases, not answered
    /// by renaming the code.
    #[test]
    fn an_alias_moved_to_another_code_is_caught() {
        let old = generated(&catalogue(
            &(entry("0001", "first", "    aliases: [former]\n") + &entry("0002", "second", "")),
        ));
        let m = messages(
            &old,
            &catalogue(
                &(entry("0001", "first", "") + &entry("0002", "second", "    aliases: [former]\n")),
            ),
        );
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].contains("alias `former` would move from code 0001 to code 0002"),
            "{m:?}"
        );
        assert!(
            m[0].ends_with(
                "take `former` out of the `aliases` of code 0002, or pass --allow-breaking"
            ),
            "{m:?}"
        );
    }

    #[test]
    fn two_names_swapping_codes_are_caught() {
        let old = generated(&catalogue(
            &(entry("0001", "first", "") + &entry("0002", "second", "")),
        ));
        let swapped = catalogue(&(entry("0001", "second", "") + &entry("0002", "first", "")));
        let m = messages(&old, &swapped);
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(
            m.iter()
                .any(|m| m.contains("name `first` would move from code 0001 to code 0002")),
            "{m:?}"
        );
    }

    /// A name respelled onto another code (`token_2fa` of 0001 gone, `token2fa` now an alias or
    /// the name of 0002): `ErrorCode::Token2fa` stays and means a different error. It was read
    /// as a rename of 0001, advising `aliases: [token_2fa]`, which the loader refuses beside
    /// 0002's `token2fa`; an alias so respelled was read as removed.
    #[test]
    fn a_name_respelled_onto_another_code_is_caught_as_a_move() {
        let old = generated(&catalogue(
            &(entry("0001", "token_2fa", "    aliases: [old_2fa]\n")
                + &entry("0002", "second", "")),
        ));
        let onto_alias = catalogue(
            &(entry("0001", "first", "")
                + &entry("0002", "second", "    aliases: [token2fa, old2fa]\n")),
        );
        let m = messages(&old, &onto_alias);
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m[0].contains("entry 0002: alias `old_2fa` of code 0001 would become `old2fa` of code 0002, so `ErrorCode::Old2fa` would mean a different error; take `old2fa` out of the `aliases` of code 0002"), "{m:?}");
        assert!(m[1].contains("entry 0002: name `token_2fa` of code 0001 would become `token2fa` of code 0002, so `ErrorCode::Token2fa` would mean a different error"), "{m:?}");
        assert!(m.iter().all(|m| !m.contains("aliases: [")), "{m:?}");
        let onto_name = catalogue(&(entry("0001", "first", "") + &entry("0002", "token2fa", "")));
        let m = messages(&old, &onto_name);
        assert!(
            m.iter()
                .any(|m| m.contains("give code 0002 another name than `token2fa`")),
            "{m:?}"
        );
    }

    #[test]
    fn a_removal_is_caught_and_points_at_retiring() {
        let old = generated(&catalogue(
            &(entry("0001", "first", "") + &entry("0002", "second", "")),
        ));
        let m = messages(&old, &catalogue(&entry("0001", "first", "")));
        assert_eq!(m.len(), 1);
        assert!(
            m[0].contains("`ErrorCode::Second` would be removed"),
            "{m:?}"
        );
        assert!(m[0].contains("retired"));
        assert!(
            m[0].ends_with("(its line is the entry now nearest where it stood)"),
            "{m:?}"
        );
    }

    #[test]
    fn an_unreadable_baseline_is_an_error_not_a_pass() {
        let json = crate::json::render(&catalogue(&entry("0001", "first", "")));
        for broken in [
            String::new(),
            "not json".into(),
            format!("<<<<<<< HEAD\n{json}=======\n{json}>>>>>>> other\n"),
            json[..json.len() / 2].to_string(),
            json.replace("cargo xtask gen", "hand"),
            json.replacen("\"0001\"\n      ]", "]", 1),
            {
                let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
                let mut twin = v["errors"][0].clone();
                twin["name"] = "twin".into();
                v["errors"].as_array_mut().unwrap().push(twin);
                v.to_string()
            },
        ] {
            assert!(Baseline::from_json(&broken).is_err(), "{broken}");
        }
    }

    /// A Windows editor's byte-order mark and line ends do not make the baseline unreadable,
    /// which would leave only `--allow-breaking`, and no check at all.
    #[test]
    fn a_baseline_saved_with_a_byte_order_mark_and_crlf_is_read() {
        let cat = catalogue(&entry("0001", "first", "    aliases: [old]\n"));
        let json = crate::json::render(&cat);
        let saved = format!("\u{FEFF}{}", json.replace('\n', "\r\n"));
        assert_eq!(Baseline::from_json(&saved), Ok(Baseline::of(&cat)));
    }
}
