//! Validated catalogue → `docs/errors.md`, a reference that renders on GitHub.

use std::fmt::Write;

use crate::model::{Catalogue, Entry};
use crate::names::variant as variant_name;
use crate::text::{markdown as md, markdown_link};
use crate::{Stamp, GENERATED_BY};

const INTRO: &str = r#"# Aculab Cloud web-service errors

When an Aculab Cloud web service cannot do what a request asked, it answers with an HTTP error
status and a JSON body with two objects: `error`, saying what went wrong, and `request`, saying
which request it was.

```json
{
    "error": {
        "code": "0405",
        "text": "Invalid token; token is either invalid, lapsed, or otherwise unidentified.",
        "datetime": "2022-12-12_11:32:41",
        "link": "https://www.aculab.com/cloud/web-services/web-service-errors?error=0405"
    },
    "request": {
        "url": "/file_delete_progress",
        "datetime": "2022-12-12_11:32:41"
    }
}
```

| Field | Always there | Meaning |
| --- | --- | --- |
| `error.code` | yes | A four-digit code from the list below, or an HTTP status written like `HTTP 400` |
| `error.text` | yes | A readable account of the failure |
| `error.details` | no | A list of the individual problems, present only when a request failed validation in several ways at once |
| `error.datetime` | yes | When the error happened, written like `2022-12-12_11:32:41` |
| `error.link` | yes | The documentation of the failed API or of the error code |
| `request.url` | yes | The URL that was called |
| `request.datetime` | yes | When the request arrived, in the same format |

Some older services answer with XML or HTML errors unless the request carries
`Accept: application/json` (`text/json` also works); send that header on every request so every
error arrives in this form.

In Rust, the [`aculab-errors`](../aculab-errors) crate gives each code below as an `ErrorCode`
variant with these same facts.
"#;

/// Renders the Markdown reference, without a [`Stamp`].
pub fn render(cat: &Catalogue) -> String {
    render_stamped(cat, &Stamp::default())
}

/// Renders the Markdown reference, saying which catalogue version it shows and when Aculab's
/// official list was last checked.
pub fn render_stamped(cat: &Catalogue, stamp: &Stamp) -> String {
    let mut out = format!("<!-- @generated {GENERATED_BY} -->\n\n{INTRO}");
    // A version (`0.1.0`, `1.0.0-rc.1+x`) or a date, as code: never a link (markdown-it's
    // linkify read `1.0.0-beta.de` as a domain) nor typography (`--` a dash); anything else is
    // escaped.
    let plain = |s: &str| {
        if s.chars()
            .all(|c| c.is_ascii_alphanumeric() || ".+-".contains(c))
        {
            format!("`{s}`")
        } else {
            md(s)
        }
    };
    let version = stamp
        .version
        .as_deref()
        .map_or("of unknown version".to_string(), |v| {
            format!("version {}", plain(v))
        });
    let checked = stamp.checked.as_deref().map_or(
        "not yet checked against Aculab's official list".to_string(),
        |d| {
            format!(
                "last checked against Aculab's official list on {}",
                plain(d)
            )
        },
    );
    let _ = write!(out, "\nThis is catalogue {version}, {checked}.\n");

    out += "\n## Contents\n\n";
    for (i, c) in cat.categories.iter().enumerate() {
        let span = cat.span(i);
        let codes: Vec<String> = cat.entries[span]
            .iter()
            .map(|e| format!("[{}](#{})", e.code_str(), anchor(e)))
            .collect();
        let _ = writeln!(
            out,
            "- **{}** ({:04}-{:04}): {}",
            md(&c.title),
            c.first,
            c.last,
            codes.join(", ")
        );
    }

    out += "\n## Summary\n\n| Code | Name | HTTP | Retry | Summary |\n| --- | --- | --- | --- | --- |\n";
    for e in &cat.entries {
        let http = e.http.map_or("-".to_string(), |s| s.to_string());
        let retry = e.retry.short();
        let _ = writeln!(
            out,
            "| [{}](#{}) | {} | {http} | {retry} | {} |",
            e.code_str(),
            anchor(e),
            md(&e.name),
            md(e.summary())
        );
    }

    for (i, c) in cat.categories.iter().enumerate() {
        let _ = write!(out, "\n## {}\n\n{}\n", md(&c.title), md(&c.description));
        for e in &cat.entries[cat.span(i)] {
            section(&mut out, cat, e);
        }
    }
    out
}

/// The GitHub anchor of an entry's heading `### 0405 invalid_token`.
pub fn anchor(e: &Entry) -> String {
    format!("{}-{}", e.code_str(), e.name)
}

/// The anchor GitHub gives a heading that reads `text`, as github-slugger makes it: lowercased,
/// each space a `-` (a line break or a tab too, which the heading shows as one), and every
/// character but letters, marks, digits, `_` and `-` left out.
pub fn slug(text: &str) -> String {
    text.replace(['\n', '\t'], " ")
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '_' | '-' => Some(c),
            c if c.is_alphanumeric() || is_mark(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchor GitHub gives a heading that reads `text` if it drops every character outside
/// ASCII (as it drops `²` and `½`, numbers but no digits, which [`slug`] keeps: telling them
/// from the letters, marks and digits it keeps takes Unicode's tables). An anchor of ASCII
/// alone, an entry's, is a heading's when this or [`slug`] gives it.
pub fn ascii_slug(text: &str) -> String {
    slug(text).chars().filter(char::is_ascii).collect()
}

/// Whether `c` is a combining mark (Unicode's `M` categories), in the blocks a title is
/// likely to hold; github-slugger keeps them.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn section(out: &mut String, cat: &Catalogue, e: &Entry) {
    let _ = write!(
        out,
        "\n### {} {}\n\n{}\n\n",
        e.code_str(),
        md(&e.name),
        md(&e.description)
    );
    if let Some(remedy) = &e.remedy {
        let _ = write!(out, "**Remedy:** {}\n\n", md(remedy));
    }
    let http = e
        .http
        .map_or("none documented".to_string(), |s| s.to_string());
    let _ = writeln!(out, "- HTTP status: {http}");
    let _ = writeln!(out, "- Retry: {}", e.retry.advice());
    let _ = writeln!(out, "- Rust: `ErrorCode::{}`", variant_name(&e.name));
    if !e.aliases.is_empty() {
        let _ = writeln!(out, "- Former names: {}", md(&e.aliases.join(", ")));
    }
    if let Some(note) = &e.retired {
        let _ = writeln!(out, "- Retired: {}", md(note));
    }
    let _ = writeln!(out, "- Official page: {}", markdown_link(&cat.doc_url(e)));
}

#[cfg(test)]
mod tests {
    /// The version and the date are code: a pre-release tag that reads as a domain
    /// (`beta.de`) is never a link, nor `--` a dash.
    #[test]
    fn the_stamp_is_code() {
        let cat = crate::load(include_str!("../tests/escaping/errors.yaml")).unwrap();
        let stamp = crate::Stamp {
            version: Some("1.0.0-beta.de--x".into()),
            checked: Some("2026-12-02".into()),
        };
        let md = super::render_stamped(&cat, &stamp);
        assert!(
            md.contains("catalogue version `1.0.0-beta.de--x`, last checked against Aculab's official list on `2026-12-02`."),
            "{md:.2000}"
        );
    }
}
