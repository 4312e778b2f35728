//! The validated catalogue: what the emitters read. Built only by [`crate::load()`].

/// The whole catalogue, validated: entries in ascending code order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalogue {
    /// The official page of each code: this template with `{code}` replaced by the 4-digit code.
    pub links: String,
    /// Categories in ascending order of their ranges (the file may list them in any order).
    pub categories: Vec<Category>,
    /// Entries in ascending code order.
    pub entries: Vec<Entry>,
}

/// A group of codes sharing a range, such as `0600-0699` for conferences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    /// snake_case identifier, unique.
    pub id: String,
    /// Human title.
    pub title: String,
    /// What the codes in it are about.
    pub description: String,
    /// Lowest code in the range.
    pub first: u16,
    /// Highest code in the range.
    pub last: u16,
    /// The line of the category's item in the catalogue, for messages.
    pub line: usize,
}

/// Whether the same request, sent again unchanged, can succeed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retry {
    /// Sending it again will fail the same way.
    Never,
    /// It can succeed later; wait `after` seconds first where the catalogue gives a wait.
    Later {
        /// Seconds to wait, where Aculab names a duration.
        after: Option<u32>,
        /// The server may have carried the request out (an internal fault), so only an
        /// idempotent request is safe to repeat; `false` when it was refused before any work.
        idempotent_only: bool,
    },
}

impl Retry {
    /// Whether the same request can succeed later.
    pub fn is_retryable(self) -> bool {
        matches!(self, Retry::Later { .. })
    }

    /// Seconds to wait first, where the catalogue gives a wait.
    pub fn after(self) -> Option<u32> {
        match self {
            Retry::Later { after, .. } => after,
            Retry::Never => None,
        }
    }

    /// Whether only an idempotent request may be repeated (the server may have acted on it).
    pub fn idempotent_only(self) -> bool {
        matches!(
            self,
            Retry::Later {
                idempotent_only: true,
                ..
            }
        )
    }

    /// The advice in a few words: "no", "yes" or "after 60 s", with ", idempotent only" where
    /// that applies.
    pub fn short(self) -> String {
        match self {
            Retry::Never => "no".into(),
            Retry::Later {
                after,
                idempotent_only,
            } => {
                let mut out = after.map_or_else(|| "yes".to_string(), |s| format!("after {s} s"));
                if idempotent_only {
                    out += ", idempotent only";
                }
                out
            }
        }
    }

    /// The advice as a phrase: "no; the same request fails again", "yes", "yes, after 60 s",
    /// with "; only if the request is idempotent" where that applies.
    pub fn advice(self) -> String {
        match self {
            Retry::Never => "no; the same request fails again".into(),
            Retry::Later {
                after,
                idempotent_only,
            } => {
                let mut out =
                    after.map_or_else(|| "yes".to_string(), |s| format!("yes, after {s} s"));
                if idempotent_only {
                    out += "; only if the request is idempotent (the server may have acted on it)";
                }
                out
            }
        }
    }
}

/// One error code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The numeric code, 0..=9999.
    pub code: u16,
    /// snake_case name, unique once cased.
    pub name: String,
    /// Documented HTTP status.
    pub http: Option<u16>,
    /// Index into [`Catalogue::categories`].
    pub category: usize,
    /// Retry advice.
    pub retry: Retry,
    /// What the error means.
    pub description: String,
    /// What to do about it, where documented.
    pub remedy: Option<String>,
    /// Former names, generated as deprecated aliases.
    pub aliases: Vec<String>,
    /// The line of each alias, in the same order.
    pub alias_lines: Vec<usize>,
    /// Why the code is no longer used, if Aculab retired it.
    pub retired: Option<String>,
    /// The line of the entry's `code` in the catalogue, for messages.
    pub line: usize,
    /// The line of the entry's `name`.
    pub name_line: usize,
}

impl Entry {
    /// The 4-digit wire form, `"0405"`.
    pub fn code_str(&self) -> String {
        format!("{:04}", self.code)
    }

    /// The first sentence of the description, for summaries.
    pub fn summary(&self) -> &str {
        first_sentence(&self.description)
    }
}

impl Catalogue {
    /// The official page of `entry`.
    pub fn doc_url(&self, entry: &Entry) -> String {
        self.links.replace("{code}", &entry.code_str())
    }

    /// The entries of category `index`, as a range of positions in [`Catalogue::entries`]
    /// (contiguous, because entries are sorted and categories are disjoint ranges).
    pub fn span(&self, index: usize) -> std::ops::Range<usize> {
        let c = &self.categories[index];
        let start = self.entries.partition_point(|e| e.code < c.first);
        let end = self.entries.partition_point(|e| e.code <= c.last);
        start..end
    }
}

fn first_sentence(text: &str) -> &str {
    text.find(". ").map_or(text, |i| &text[..=i])
}
