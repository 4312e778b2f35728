//! Catches breaking changes before they are written: a `gen` that would rename or remove a
//! public name the current generated module has (an `ErrorCode` variant, one of its deprecated
//! aliases, or a `Category` variant).

use std::collections::BTreeMap;
use std::fmt;

use crate::model::{variant_name, Catalogue};

/// A public name the new catalogue would take away.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Break {
    /// The item that disappears, such as `ErrorCode::InvalidToken`.
    pub old: String,
    /// What happens to it.
    pub kind: BreakKind,
}

/// How a public name disappears.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BreakKind {
    /// The code is still catalogued, under this new variant name.
    Renamed {
        /// The 4-digit code.
        code: String,
        /// The entry's line in the catalogue.
        line: usize,
        /// The new variant name.
        new: String,
    },
    /// The code is no longer catalogued.
    Removed {
        /// The 4-digit code.
        code: String,
    },
    /// A deprecated alias or a category disappears.
    Dropped,
}

impl fmt::Display for Break {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let old = &self.old;
        match &self.kind {
            BreakKind::Renamed { code, line, new } => write!(
                f,
                "{}:{line}: entry {code}: `{old}` would be renamed to `ErrorCode::{new}`, breaking code that names it; \
                 keep the old name working with `aliases: [{}]` in the entry, or pass --allow-breaking",
                crate::CATALOGUE_FILE,
                heck::ToSnakeCase::to_snake_case(old.trim_start_matches("ErrorCode::"))
            ),
            BreakKind::Removed { code } => write!(
                f,
                "{}: entry {code}: `{old}` would be removed, breaking code that matches on it; \
                 keep the entry and mark it `retired: <why>` instead, or pass --allow-breaking",
                crate::CATALOGUE_FILE
            ),
            BreakKind::Dropped => {
                write!(f, "{}: `{old}` would be removed; restore it, or pass --allow-breaking", crate::CATALOGUE_FILE)
            }
        }
    }
}

/// The public names in a generated module: variant or alias name → code (aliases and
/// categories have none).
fn public_names(file: &syn::File) -> BTreeMap<String, Option<u16>> {
    let mut names = BTreeMap::new();
    for item in &file.items {
        match item {
            syn::Item::Enum(e) if e.ident == "ErrorCode" || e.ident == "Category" => {
                for v in &e.variants {
                    let code = match &v.discriminant {
                        Some((
                            _,
                            syn::Expr::Lit(syn::ExprLit {
                                lit: syn::Lit::Int(n),
                                ..
                            }),
                        )) => n.base10_parse().ok(),
                        _ => None,
                    };
                    names.insert(format!("{}::{}", e.ident, v.ident), code);
                }
            }
            syn::Item::Impl(i) if matches!(&*i.self_ty, syn::Type::Path(p) if p.path.is_ident("ErrorCode")) => {
                for item in &i.items {
                    if let syn::ImplItem::Const(c) = item {
                        if c.ident != "ALL" {
                            names.insert(format!("ErrorCode::{}", c.ident), None);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    names
}

/// The breaking changes from the module `previous` (the current `generated.rs`) to `cat`.
/// Returns nothing if `previous` does not parse: there is nothing reliable to compare against.
pub fn breaking_changes(previous: &str, cat: &Catalogue) -> Vec<Break> {
    let Ok(file) = syn::parse_file(previous) else {
        return Vec::new();
    };
    let mut new_names: BTreeMap<String, Option<u16>> = BTreeMap::new();
    for e in &cat.entries {
        new_names.insert(
            format!("ErrorCode::{}", variant_name(&e.name)),
            Some(e.code),
        );
        for a in &e.aliases {
            new_names.insert(format!("ErrorCode::{}", variant_name(a)), None);
        }
    }
    for c in &cat.categories {
        new_names.insert(format!("Category::{}", variant_name(&c.id)), None);
    }
    public_names(&file)
        .into_iter()
        .filter(|(old, _)| !new_names.contains_key(old))
        .map(|(old, code)| {
            let kind = match code {
                Some(code) => match cat.entries.iter().find(|e| e.code == code) {
                    Some(e) => BreakKind::Renamed {
                        code: e.code_str(),
                        line: e.line,
                        new: variant_name(&e.name),
                    },
                    None => BreakKind::Removed {
                        code: format!("{code:04}"),
                    },
                },
                None => BreakKind::Dropped,
            };
            Break { old, kind }
        })
        .collect()
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

    fn generated(cat: &Catalogue) -> String {
        crate::rust::render(cat)
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
        let breaks = breaking_changes(&old, &renamed);
        assert_eq!(breaks.len(), 1);
        let message = breaks[0].to_string();
        assert!(message.starts_with("errors.yaml:8: entry 0001: `ErrorCode::First` would be renamed to `ErrorCode::Primary`"), "{message}");
        assert!(
            message.contains("aliases: [first]") && message.contains("--allow-breaking"),
            "{message}"
        );

        let aliased = catalogue(&entry("0001", "primary", "    aliases: [first]\n"));
        assert_eq!(breaking_changes(&old, &aliased), []);
        // Dropping the alias later is itself a break.
        let old = generated(&aliased);
        let breaks = breaking_changes(&old, &renamed);
        assert_eq!(
            breaks,
            [Break {
                old: "ErrorCode::First".into(),
                kind: BreakKind::Dropped
            }]
        );
    }

    #[test]
    fn a_removal_is_caught_and_points_at_retiring() {
        let old = generated(&catalogue(
            &(entry("0001", "first", "") + &entry("0002", "second", "")),
        ));
        let breaks = breaking_changes(&old, &catalogue(&entry("0001", "first", "")));
        assert_eq!(breaks.len(), 1);
        assert!(breaks[0]
            .to_string()
            .contains("`ErrorCode::Second` would be removed"));
        assert!(breaks[0].to_string().contains("retired"));
    }

    #[test]
    fn an_unparsable_previous_file_is_not_compared() {
        assert_eq!(
            breaking_changes("not rust {", &catalogue(&entry("0001", "first", ""))),
            []
        );
    }
}
