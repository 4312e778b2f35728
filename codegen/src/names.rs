//! The Rust names the generator writes, and the one rule that checks them.
//!
//! A catalogue name (`invalid_token`) becomes a variant (`InvalidToken`) and a const
//! (`INVALID_TOKEN`); a category id becomes a variant. Each is checked in the form it is
//! emitted: it must be a Rust identifier that is not a keyword (so `crate` is fine, as
//! `Crate`/`CRATE`, but `self` is not, as `Self`), must not collide with another emitted name
//! or with an item the crate itself defines in the same namespace, and must be short enough for
//! rustdoc's file names.

use std::collections::HashMap;

use heck::{ToShoutySnakeCase, ToUpperCamelCase};

/// The longest name or category id accepted, in characters.
pub const MAX_LEN: usize = 64;

/// The Rust variant name of a snake_case name: `invalid_token` → `InvalidToken`.
pub fn variant(name: &str) -> String {
    name.to_upper_camel_case()
}

/// The Rust const name of a snake_case name: `invalid_token` → `INVALID_TOKEN`.
pub fn constant(name: &str) -> String {
    name.to_shouty_snake_case()
}

/// A namespace the generated module writes names into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Namespace {
    /// `ErrorCode`'s variants and associated consts (entry names and aliases, cased as variants).
    ErrorCode,
    /// The `codes` module's consts (entry names and aliases, cased as consts).
    Codes,
    /// `Category`'s variants (category ids, cased as variants).
    Category,
}

impl Namespace {
    /// The name `name` gets in this namespace.
    pub fn ident(self, name: &str) -> String {
        match self {
            Namespace::ErrorCode | Namespace::Category => variant(name),
            Namespace::Codes => constant(name),
        }
    }

    /// Names the crate itself already defines here.
    fn reserved(self) -> &'static [&'static str] {
        match self {
            Namespace::ErrorCode | Namespace::Category => &["ALL"],
            Namespace::Codes => &[],
        }
    }

    /// An empty record of the names taken in this namespace, holding the crate's own.
    pub fn taken(self) -> Taken {
        Taken {
            namespace: self,
            names: self
                .reserved()
                .iter()
                .map(|r| (r.to_string(), (r.to_string(), 0)))
                .collect(),
        }
    }
}

/// The emitted names taken so far in one namespace.
#[derive(Debug)]
pub struct Taken {
    namespace: Namespace,
    /// Emitted name → (catalogue name, line); line 0 for the crate's own.
    names: HashMap<String, (String, usize)>,
}

impl Taken {
    /// The namespace.
    pub fn namespace(&self) -> Namespace {
        self.namespace
    }

    /// Takes the emitted form of `name`, written at `line`. If it is already taken, returns the
    /// name that took it and its line (0: the crate's own) and keeps the first.
    pub fn claim(&mut self, name: &str, line: usize) -> Option<(String, usize)> {
        let ident = self.namespace.ident(name);
        match self.names.get(&ident) {
            Some(first) => Some(first.clone()),
            None => {
                self.names.insert(ident, (name.to_string(), line));
                None
            }
        }
    }
}

/// Checks `name` for use in `namespaces`: snake_case, at most [`MAX_LEN`] characters, and an
/// identifier (not a keyword) in each emitted form. The error completes "name ...".
pub fn check(name: &str, namespaces: &[Namespace]) -> Result<(), String> {
    if name.chars().count() > MAX_LEN {
        return Err(format!(
            "`{}…` is {} characters long; names are at most {MAX_LEN}",
            name.chars().take(20).collect::<String>(),
            name.chars().count()
        ));
    }
    if !is_snake_case(name) {
        let shown = crate::diagnostic::shorten(&name.escape_debug().to_string(), MAX_LEN);
        return Err(format!("`{shown}` must be snake_case (lowercase ASCII words joined by single underscores, starting with a letter)"));
    }
    for ns in namespaces {
        let ident = ns.ident(name);
        if syn::parse_str::<syn::Ident>(&ident).is_err() {
            return Err(format!(
                "`{name}` becomes `{ident}` in Rust, which is a keyword; choose another"
            ));
        }
        // A category id is also a file name: the site's `categories/ID.html`.
        if *ns == Namespace::Category && is_windows_device(name) {
            return Err(format!(
                "`{name}` names a device on Windows, where the site's page for it (`categories/{name}.html`) cannot be written or checked out; choose another"
            ));
        }
    }
    Ok(())
}

/// Whether `name` is one Windows keeps for a device, with any extension (`con`, `nul`,
/// `com1`, ...): no file can be so named there.
fn is_windows_device(name: &str) -> bool {
    matches!(name, "con" | "prn" | "aux" | "nul")
        || ["com", "lpt"].iter().any(|port| {
            name.strip_prefix(port)
                .is_some_and(|n| n.len() == 1 && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

fn is_snake_case(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.split('_').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[Namespace] = &[Namespace::ErrorCode, Namespace::Codes];

    #[test]
    fn names_are_checked_as_emitted() {
        assert_eq!(check("crate", ALL), Ok(()));
        assert_eq!(check("super", ALL), Ok(()));
        assert!(check("self", ALL).unwrap_err().contains("`Self`"));
        assert!(check(&"a".repeat(65), ALL).is_err());
        assert_eq!(check(&"a".repeat(64), ALL), Ok(()));
        assert!(check("a__b", ALL).is_err());
        assert!(check("2fa", ALL).is_err());
        // A category id names a file of the site too.
        for device in ["con", "nul", "com1", "lpt9"] {
            let why = check(device, &[Namespace::Category]).unwrap_err();
            assert!(why.contains("a device on Windows"), "{why}");
            assert_eq!(check(device, ALL), Ok(()));
        }
        assert_eq!(check("com10", &[Namespace::Category]), Ok(()));
        assert_eq!(check("console", &[Namespace::Category]), Ok(()));
    }

    #[test]
    fn names_that_case_alike_collide_and_the_crates_own_are_taken() {
        let mut t = Namespace::Category.taken();
        assert_eq!(t.claim("a1", 3), None);
        assert_eq!(t.claim("a_1", 5), Some(("a1".into(), 3)));
        assert_eq!(t.claim("a_l_l", 7), Some(("ALL".into(), 0)));
        let mut c = Namespace::Codes.taken();
        assert_eq!(c.claim("error_2fa", 1), None);
        assert_eq!(
            c.claim("error2fa", 2),
            None,
            "ERROR_2FA and ERROR2FA differ"
        );
    }
}
