//! Catches breaking changes before they are written, against the last generated state.
//!
//! The baseline is the JSON export (`docs/errors.json`), which records every code with its name
//! and aliases, and every category id. Every public Rust name is a function of those strings
//! (`ErrorCode::InvalidToken`, `codes::INVALID_TOKEN`, `Category::Conferences`), and `name()`
//! returns the string itself, so comparing the whole map of names and aliases to numbers, and
//! the set of category ids, exactly, compares every public name: a rename, a removal, two names
//! swapping codes, or a change only the const shows (`error_2fa` → `error2fa`).

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use crate::model::Catalogue;
use crate::names::variant;

/// The public names of one generated state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    /// Name or alias → (code, whether it is an alias).
    names: BTreeMap<String, (u16, bool)>,
    /// Code → its name.
    codes: BTreeMap<u16, String>,
    /// Category ids.
    categories: Vec<String>,
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
}

#[derive(Deserialize)]
struct ErrorIn {
    code: String,
    name: String,
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
        b.categories = cat.categories.iter().map(|c| c.id.clone()).collect();
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
    /// this generator wrote (a merge-conflict marker, a truncated file, a hand-made one).
    pub fn from_json(text: &str) -> Result<Self, String> {
        let export: ExportIn = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if !export.generated.contains("cargo xtask gen") {
            return Err("its `@generated` key does not name `cargo xtask gen`".into());
        }
        let mut b = Baseline::default();
        for e in &export.errors {
            let code = e
                .code
                .parse::<u16>()
                .ok()
                .filter(|_| e.code.len() == 4)
                .ok_or_else(|| format!("`{}` is not a 4-digit code", e.code.escape_debug()))?;
            b.add(code, &e.name, &e.aliases);
        }
        b.categories = export.categories.into_iter().map(|c| c.id).collect();
        Ok(b)
    }
}

/// A public name the new catalogue would take away or change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Break {
    /// The entry's (or category's) line in the new catalogue, when it still has one.
    pub line: Option<usize>,
    /// What happens, in words.
    pub what: String,
}

impl fmt::Display for Break {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", crate::CATALOGUE_FILE, self.what),
            None => write!(f, "{}: {}", crate::CATALOGUE_FILE, self.what),
        }
    }
}

/// The breaking changes from the generated state `old` to `cat`.
pub fn breaking_changes(old: &Baseline, cat: &Catalogue) -> Vec<Break> {
    let new = Baseline::of(cat);
    let line_of = |code: u16| cat.entries.iter().find(|e| e.code == code).map(|e| e.line);
    let mut breaks = Vec::new();
    for (name, &(code, was_alias)) in &old.names {
        let item = format!("`ErrorCode::{}`", variant(name));
        let what = if was_alias { "alias" } else { "name" };
        match new.names.get(name) {
            Some(&(new_code, _)) if new_code == code => {}
            Some(&(new_code, _)) => breaks.push(Break {
                line: line_of(new_code),
                what: format!(
                    "entry {new_code:04}: {what} `{name}` would move from code {code:04} to code {new_code:04}, so {item} would mean a different error; \
                     give code {new_code:04} a new name, or pass --allow-breaking"
                ),
            }),
            None => match new.codes.get(&code) {
                Some(new_name) if !was_alias => breaks.push(Break {
                    line: line_of(code),
                    what: format!(
                        "entry {code:04}: {item} would be renamed to `ErrorCode::{}`, breaking code that names it; \
                         keep the old name working with `aliases: [{name}]` in the entry, or pass --allow-breaking",
                        variant(new_name)
                    ),
                }),
                Some(_) => breaks.push(Break {
                    line: line_of(code),
                    what: format!(
                        "entry {code:04}: alias `{name}` ({item}) would be removed, breaking code that names it; \
                         keep it in the entry's `aliases`, or pass --allow-breaking"
                    ),
                }),
                None if !was_alias => breaks.push(Break {
                    line: None,
                    what: format!(
                        "entry {code:04}: {item} would be removed, breaking code that matches on it; \
                         keep the entry and mark it `retired: <why>` instead, or pass --allow-breaking"
                    ),
                }),
                // The alias goes with its removed code, which is reported above.
                None => {}
            },
        }
    }
    for id in &old.categories {
        if !new.categories.contains(id) {
            breaks.push(Break {
                line: None,
                what: format!(
                    "category `{id}` (`Category::{}`) would be removed, breaking code that names it; restore it, or pass --allow-breaking",
                    variant(id)
                ),
            });
        }
    }
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
        assert!(m[0].starts_with("errors.yaml:8: entry 0001: `ErrorCode::First` would be renamed to `ErrorCode::Primary`"), "{m:?}");
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
    fn a_change_only_the_const_shows_names_the_right_alias() {
        let old = generated(&catalogue(&entry("0001", "error_2fa", "")));
        let m = messages(&old, &catalogue(&entry("0001", "error2fa", "")));
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("aliases: [error_2fa]"), "{m:?}");
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
        ] {
            assert!(Baseline::from_json(&broken).is_err(), "{broken}");
        }
    }
}
