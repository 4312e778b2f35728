//! Where things are in the catalogue text.
//!
//! serde_yaml reports a location only for syntax errors, so the checks that run after parsing
//! find their lines here: a light scan of the block-style layout `errors.yaml` uses, giving the
//! line of each top-level key, of each list item under it and of each key inside an item.
//! Anything it cannot place falls back to the enclosing item or section line.

use std::collections::HashMap;

/// Line numbers (1-based) of the catalogue's top-level keys, list items and item keys.
#[derive(Debug, Default)]
pub struct Outline {
    sections: HashMap<String, Section>,
}

#[derive(Debug, Default)]
struct Section {
    line: usize,
    items: Vec<Item>,
}

/// One list item: the line of its `-` and of each of its keys.
#[derive(Debug, Default, Clone)]
pub struct Item {
    /// Line of the item's `-`.
    pub line: usize,
    keys: Vec<(String, usize)>,
}

impl Item {
    /// An item with no keys located, standing at `line`.
    pub fn at(line: usize) -> Self {
        Item {
            line,
            keys: Vec::new(),
        }
    }

    /// The line of `key` in this item, or the item's own line if the key is absent.
    pub fn key(&self, key: &str) -> usize {
        self.keys
            .iter()
            .find(|(k, _)| k == key)
            .map_or(self.line, |&(_, l)| l)
    }
}

impl Outline {
    /// Scans `text` for its block-style structure.
    pub fn scan(text: &str) -> Self {
        let mut outline = Outline::default();
        let mut current: Option<String> = None;
        let mut dash_indent: Option<usize> = None;
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let trimmed = raw.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = raw.len() - trimmed.len();
            if indent == 0 {
                if let Some(key) = key_of(trimmed) {
                    outline.sections.insert(
                        key.clone(),
                        Section {
                            line,
                            items: Vec::new(),
                        },
                    );
                    current = Some(key);
                    dash_indent = None;
                }
                continue;
            }
            let Some(section) = current.as_ref().and_then(|k| outline.sections.get_mut(k)) else {
                continue;
            };
            if let Some(rest) =
                trimmed
                    .strip_prefix("- ")
                    .or(if trimmed == "-" { Some("") } else { None })
            {
                if dash_indent.is_none() {
                    dash_indent = Some(indent);
                }
                if Some(indent) == dash_indent {
                    let mut item = Item::at(line);
                    if let Some(key) = key_of(rest.trim_start()) {
                        item.keys.push((key, line));
                    }
                    section.items.push(item);
                    continue;
                }
            }
            if let (Some(d), Some(item)) = (dash_indent, section.items.last_mut()) {
                if indent == d + 2 {
                    if let Some(key) = key_of(trimmed) {
                        item.keys.push((key, line));
                    }
                }
            }
        }
        outline
    }

    /// The document itself as an item at line 1, its keys being the top-level keys.
    pub fn top(&self) -> Item {
        Item {
            line: 1,
            keys: self
                .sections
                .iter()
                .map(|(k, s)| (k.clone(), s.line))
                .collect(),
        }
    }

    /// The line of top-level key `section`, or 1.
    pub fn section(&self, section: &str) -> usize {
        self.sections.get(section).map_or(1, |s| s.line)
    }

    /// Item `index` of list `section`; when the scan could not see it, an item at the section's line.
    pub fn item(&self, section: &str, index: usize) -> Item {
        let fallback = Item::at(self.section(section));
        self.sections
            .get(section)
            .and_then(|s| s.items.get(index).cloned())
            .unwrap_or(fallback)
    }
}

/// The key of a `key: value` line, if it is one.
fn key_of(s: &str) -> Option<String> {
    let end = s.find(':')?;
    let key = &s[..end];
    let rest = &s[end + 1..];
    let ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && (rest.is_empty() || rest.starts_with(' '));
    ok.then(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_sections_items_and_keys() {
        let text = "# c\nlinks: x\nerrors:\n  - code: \"0001\"\n    name: a\n\n  - code: \"0002\"\n    remdy: >-\n      text: here\n";
        let o = Outline::scan(text);
        assert_eq!(o.section("links"), 2);
        assert_eq!(o.section("errors"), 3);
        assert_eq!(o.item("errors", 0).line, 4);
        assert_eq!(o.item("errors", 0).key("name"), 5);
        assert_eq!(o.item("errors", 1).key("remdy"), 8);
        // A key absent from the item points at the item; folded text is not mistaken for a key.
        assert_eq!(o.item("errors", 1).key("text"), 7);
        assert_eq!(o.item("errors", 9).line, 3);
    }
}
