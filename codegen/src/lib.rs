//! The aculab-errors generator: `errors.yaml` text in, generated file texts out.
//!
//! Data flows one way: [`load()`] turns catalogue text into a validated [`Catalogue`] (or every
//! problem, with its line), and the emitters ([`rust`], [`markdown`], [`json`], [`schema`],
//! [`site`]) turn that into text; [`upstream`] reads Aculab's own page for `cargo xtask sync`.
//! Nothing here touches the file system, so a `build.rs` can call [`generate`] as readily as
//! `cargo xtask gen` does.
//!
//! ```
//! let text = r#"
//! links: "https://example.com/errors?error={code}"
//! categories:
//!   - id: requests
//!     title: Requests
//!     range: "0000-0099"
//!     description: The request is wrong.
//! errors:
//!   - code: "0001"
//!     name: missing_parameter
//!     http: 400
//!     category: requests
//!     retry: false
//!     description: A required parameter is missing.
//! "#;
//! let files = codegen::generate(text).map_err(|problems| problems.to_string())?;
//! assert!(files.iter().any(|f| f.path == "docs/errors.md"));
//! # Ok::<(), String>(())
//! ```

#![warn(missing_docs)]

pub mod compat;
pub mod diagnostic;
pub mod json;
pub mod load;
pub mod markdown;
pub mod model;
pub mod names;
pub mod rust;
pub mod schema;
pub mod site;
pub mod text;
pub mod upstream;
pub mod yaml;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use load::{load, load_bytes};
pub use model::{Catalogue, Category, Entry, Retry};

/// The catalogue's path, relative to the workspace root.
pub const CATALOGUE_FILE: &str = "errors.yaml";
/// Where the generated Rust module goes, relative to the workspace root.
pub const RUST_FILE: &str = "aculab-errors/src/generated.rs";
/// Where the Markdown reference goes.
pub const MARKDOWN_FILE: &str = "docs/errors.md";
/// Where the JSON export goes.
pub const JSON_FILE: &str = "docs/errors.json";
/// Where the JSON Schema of the export goes.
pub const SCHEMA_FILE: &str = "docs/errors.schema.json";

/// What every generated file says of itself after `@generated`, in a comment (Rust, Markdown)
/// or in an `"@generated"` key (JSON).
pub const GENERATED_BY: &str = "by `cargo xtask gen` from errors.yaml. Do not edit by hand.";

/// One generated file: where it goes and what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the workspace root, `/`-separated.
    pub path: &'static str,
    /// The complete contents.
    pub contents: String,
}

/// What the docs say of the catalogue they came from, besides the catalogue itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stamp {
    /// The catalogue's version: the `aculab-errors` crate's, where known.
    pub version: Option<String>,
    /// The date Aculab's official page was last checked (`YYYY-MM-DD`, from `upstream.tsv`).
    pub checked: Option<String>,
}

/// Loads and validates `catalogue` and renders every generated file, without a [`Stamp`].
pub fn generate(catalogue: &str) -> Result<Vec<GeneratedFile>, Diagnostics> {
    Ok(render(&load(catalogue)?))
}

/// Renders every generated file from a validated catalogue, without a [`Stamp`].
pub fn render(cat: &Catalogue) -> Vec<GeneratedFile> {
    render_stamped(cat, &Stamp::default())
}

/// Renders every generated file, the docs showing the catalogue's version and checked date.
pub fn render_stamped(cat: &Catalogue, stamp: &Stamp) -> Vec<GeneratedFile> {
    vec![
        GeneratedFile {
            path: RUST_FILE,
            contents: rust::render(cat),
        },
        GeneratedFile {
            path: MARKDOWN_FILE,
            contents: markdown::render_stamped(cat, stamp),
        },
        GeneratedFile {
            path: JSON_FILE,
            contents: json::render_stamped(cat, stamp),
        },
        GeneratedFile {
            path: SCHEMA_FILE,
            contents: schema::render(),
        },
    ]
}

#[cfg(test)]
mod tests {
    /// Rust and Markdown say it on their first line; JSON, which has no comments, in its first key.
    #[test]
    fn every_generated_file_says_it_is_generated_at_the_top() {
        let fixture = include_str!("../tests/escaping/errors.yaml");
        for file in super::generate(fixture).unwrap() {
            let top: Vec<&str> = file.contents.lines().take(2).collect();
            assert!(
                top.iter()
                    .any(|l| l.contains("@generated") && l.contains(super::GENERATED_BY)),
                "{}: {top:?}",
                file.path
            );
        }
    }
}
