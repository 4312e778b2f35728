//! Validated catalogue → `docs/errors.json`, for tools in other languages.

use serde::Serialize;

use crate::model::Catalogue;
use crate::{Stamp, GENERATED_BY};

/// Bumped when the shape of the export changes incompatibly.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Export<'a> {
    #[serde(rename = "@generated")]
    generated: &'a str,
    #[serde(rename = "$schema")]
    schema: &'a str,
    schema_version: u32,
    catalogue_version: Option<&'a str>,
    upstream_checked: Option<&'a str>,
    categories: Vec<CategoryOut<'a>>,
    errors: Vec<ErrorOut<'a>>,
}

#[derive(Serialize)]
struct CategoryOut<'a> {
    id: &'a str,
    title: &'a str,
    description: &'a str,
    first: String,
    last: String,
    codes: Vec<String>,
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    code: String,
    name: &'a str,
    http: Option<u16>,
    category: &'a str,
    description: &'a str,
    remedy: Option<&'a str>,
    retryable: bool,
    retry_after_secs: Option<u32>,
    idempotent_only: bool,
    doc_url: String,
    aliases: &'a [String],
    retired: Option<&'a str>,
}

/// Renders the JSON export (pretty-printed, with a trailing newline), without a [`Stamp`].
pub fn render(cat: &Catalogue) -> String {
    render_stamped(cat, &Stamp::default())
}

/// Renders the JSON export with the catalogue's version (`catalogue_version`) and the date
/// Aculab's official list was last checked (`upstream_checked`), each null where unknown.
pub fn render_stamped(cat: &Catalogue, stamp: &Stamp) -> String {
    let export = Export {
        generated: GENERATED_BY,
        schema: crate::schema::SCHEMA_REF,
        schema_version: SCHEMA_VERSION,
        catalogue_version: stamp.version.as_deref(),
        upstream_checked: stamp.checked.as_deref(),
        categories: cat
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| CategoryOut {
                id: &c.id,
                title: &c.title,
                description: &c.description,
                first: format!("{:04}", c.first),
                last: format!("{:04}", c.last),
                codes: cat.entries[cat.span(i)]
                    .iter()
                    .map(|e| e.code_str())
                    .collect(),
            })
            .collect(),
        errors: cat
            .entries
            .iter()
            .map(|e| ErrorOut {
                code: e.code_str(),
                name: &e.name,
                http: e.http,
                category: &cat.categories[e.category].id,
                description: &e.description,
                remedy: e.remedy.as_deref(),
                retryable: e.retry.is_retryable(),
                retry_after_secs: e.retry.after(),
                idempotent_only: e.retry.idempotent_only(),
                doc_url: cat.doc_url(e),
                aliases: &e.aliases,
                retired: e.retired.as_deref(),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&export).expect("the export serialises");
    out.push('\n');
    out
}
