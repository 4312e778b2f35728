//! Validated catalogue → a static site: an index with search, a page per code and per category.
//!
//! Self-contained and deterministic: one stylesheet and one script of its own, no request to
//! another host, relative links only (so it works from `file://` and any static host). Every
//! text is HTML-escaped ([`crate::text::html`]); only validated plain https URLs become links.

use std::fmt::Write;

use crate::model::{Catalogue, Category, Entry};
use crate::names::variant;
use crate::text::{html, html_escape as esc};

/// One file of the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteFile {
    /// Path relative to the site's root, `/`-separated.
    pub path: String,
    /// The complete contents.
    pub contents: String,
}

/// The stylesheet: light and dark, readable from 320 px up.
const STYLE: &str = r#":root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1b1b; --muted: #595959; --link: #0b57d0; --line: #d9d9d9; --code: #f3f3f3;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #121212; --fg: #e6e6e6; --muted: #a8a8a8; --link: #8ab4f8; --line: #3a3a3a; --code: #1f1f1f; }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body {
  margin: 0 auto; max-width: 60rem; padding: 1rem;
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
  background: var(--bg); color: var(--fg); overflow-wrap: anywhere;
}
a { color: var(--link); }
a:focus, input:focus, select:focus { outline: 2px solid var(--link); outline-offset: 2px; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--code); }
code { padding: 0 .2em; border-radius: .2em; }
pre { padding: .75rem; overflow-x: auto; border-radius: .3rem; white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { padding: 0; }
nav { margin-bottom: 1rem; }
.muted { color: var(--muted); }
form { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: 1rem 0; }
form label { display: flex; gap: .4rem; align-items: center; }
input[type=search] { width: 100%; max-width: 24rem; padding: .4rem; }
select { padding: .3rem; max-width: 100%; }
ul.codes { list-style: none; padding: 0; }
ul.codes li { padding: .5rem 0; border-bottom: 1px solid var(--line); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: .4rem; } }
"#;

/// The search: filters the index as you type, over code, name (with `_` or spaces, any case) and
/// text, by category and by "retryable"; `?q=` presets the query. Where some entry holds the
/// query as typed (a name such as `invalid token`, a phrase), only those are shown; else those
/// holding each of its words. What is typed matches from the start of a word, so that `rate`
/// finds "rate" and "rate_limited" but not "generated".
const SCRIPT: &str = r##"(function () {
  "use strict";
  var input = document.getElementById("q");
  var category = document.getElementById("category");
  var retryable = document.getElementById("retryable");
  var count = document.getElementById("count");
  var items = Array.prototype.slice.call(document.querySelectorAll("#codes > li"));
  function norm(s) {
    return s.toLowerCase().replace(/_/g, " ").replace(/\s+/g, " ").trim();
  }
  // Whether `text` holds `w` starting at the start of a word ("rate", not "generated").
  function has(text, w) {
    for (var i = text.indexOf(w); i !== -1; i = text.indexOf(w, i + 1)) {
      if (i === 0 || !/[\p{L}\p{N}]/u.test(text.charAt(i - 1))) { return true; }
    }
    return false;
  }
  function apply() {
    var phrase = norm(input.value);
    var words = phrase.split(" ").filter(function (w) { return w !== ""; });
    var candidates = items.filter(function (li) {
      return (category.value === "" || li.getAttribute("data-category") === category.value) &&
        (!retryable.checked || li.getAttribute("data-retryable") === "true");
    });
    var whole = candidates.some(function (li) {
      return has(li.getAttribute("data-search"), phrase);
    });
    var shown = 0;
    items.forEach(function (li) {
      var text = li.getAttribute("data-search");
      var ok = candidates.indexOf(li) !== -1 && (whole ? has(text, phrase) :
        words.every(function (w) { return has(text, w); }));
      li.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " of " + items.length + " codes";
  }
  var q = new URLSearchParams(window.location.search).get("q");
  if (q !== null) { input.value = q; }
  input.addEventListener("input", apply);
  category.addEventListener("change", apply);
  retryable.addEventListener("change", apply);
  apply();
})();
"##;

/// What the search matches against: each part with the same normalisation as the script's
/// `norm`, parts apart (` | `), so that a phrase never runs from one into the next.
fn search_text(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|part| {
            part.to_lowercase()
                .replace('_', " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A whole page. `root` is the relative path back to the site's root (`""` or `"../"`).
fn page(root: &str, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · Aculab Cloud errors</title>\n<link rel=\"stylesheet\" href=\"{root}style.css\">\n</head>\n<body>\n\
         <nav><a href=\"{root}index.html\">All error codes</a></nav>\n<main>\n{body}</main>\n</body>\n</html>\n",
        esc(title)
    )
}

/// The file name of a code's page.
fn code_page(e: &Entry) -> String {
    format!("codes/{}.html", e.code_str())
}

/// The file name of a category's page.
fn category_page(c: &Category) -> String {
    format!("categories/{}.html", c.id)
}

/// `phrase` as a sentence: a capital first letter and a full stop.
fn sentence(phrase: &str) -> String {
    let mut chars = phrase.chars();
    let first = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default();
    format!("{first}{}.", chars.as_str())
}

/// The body the web service sends with this code, as an example.
fn example_body(cat: &Catalogue, e: &Entry) -> String {
    let body = serde_json::json!({
        "error": {
            "code": e.code_str(),
            "text": e.description,
            "datetime": "2024-05-01_12:00:00",
            "link": cat.doc_url(e),
        },
        "request": {
            "url": "/example_request",
            "datetime": "2024-05-01_12:00:00",
        },
    });
    serde_json::to_string_pretty(&body).unwrap_or_default()
}

/// The example error body of every code's page, as the page shows it (unescaped), for tests.
pub fn example_bodies(cat: &Catalogue) -> Vec<(u16, String)> {
    cat.entries
        .iter()
        .map(|e| (e.code, example_body(cat, e)))
        .collect()
}

fn index(cat: &Catalogue) -> String {
    let mut body = String::from(
        "<h1>Aculab Cloud web-service errors</h1>\n\
         <p>Every error code the Aculab Cloud web services document: what it means, what to do, and whether a retry can help.</p>\n\
         <form role=\"search\" onsubmit=\"return false\">\n\
         <label for=\"q\">Search codes, names and text</label>\n\
         <input id=\"q\" type=\"search\" autocomplete=\"off\" placeholder=\"0405, invalid token, rate\">\n\
         <label for=\"category\">Category <select id=\"category\">\n<option value=\"\">All</option>\n",
    );
    for c in &cat.categories {
        let _ = writeln!(
            body,
            "<option value=\"{}\">{}</option>",
            esc(&c.id),
            esc(&c.title)
        );
    }
    body += "</select></label>\n<label for=\"retryable\"><input id=\"retryable\" type=\"checkbox\"> Retryable only</label>\n</form>\n\
             <p id=\"count\" class=\"muted\" aria-live=\"polite\"></p>\n<ul id=\"codes\" class=\"codes\">\n";
    for e in &cat.entries {
        let c = &cat.categories[e.category];
        let search = search_text(&[&e.code_str(), &e.name, &e.description]);
        let _ = writeln!(
            body,
            "<li data-code=\"{code}\" data-category=\"{cat}\" data-retryable=\"{retry}\" data-search=\"{search}\">\
             <a href=\"{href}\">{code}</a> <code>{name}</code> {description}</li>",
            code = e.code_str(),
            cat = esc(&c.id),
            retry = e.retry.is_retryable(),
            search = esc(&search),
            href = code_page(e),
            name = esc(&e.name),
            description = html(&e.description),
        );
    }
    body += "</ul>\n<h2>Categories</h2>\n<ul>\n";
    for c in &cat.categories {
        let _ = writeln!(
            body,
            "<li><a href=\"{}\">{}</a> ({:04}-{:04})</li>",
            category_page(c),
            esc(&c.title),
            c.first,
            c.last
        );
    }
    body += "</ul>\n<script src=\"search.js\"></script>\n";
    page("", "Error codes", &body)
}

fn code(cat: &Catalogue, e: &Entry) -> String {
    let c = &cat.categories[e.category];
    let v = variant(&e.name);
    let mut body = format!(
        "<h1>{} <code>{}</code></h1>\n<p>{}</p>\n<dl>\n",
        e.code_str(),
        esc(&e.name),
        html(&e.description)
    );
    let mut fact = |term: &str, value: String| {
        let _ = writeln!(body, "<dt>{term}</dt><dd>{value}</dd>");
    };
    fact(
        "HTTP status",
        e.http.map_or("none documented".into(), |s| s.to_string()),
    );
    fact(
        "Category",
        format!("<a href=\"../{}\">{}</a>", category_page(c), esc(&c.title)),
    );
    fact(
        "Remedy",
        e.remedy.as_deref().map_or("none documented".into(), html),
    );
    fact("Retry", esc(&sentence(&e.retry.advice())));
    if !e.aliases.is_empty() {
        let names: Vec<String> = e
            .aliases
            .iter()
            .map(|a| format!("<code>{}</code>", esc(a)))
            .collect();
        fact("Former names", names.join(", "));
    }
    if let Some(note) = &e.retired {
        fact("Retired", html(note));
    }
    let url = esc(&cat.doc_url(e));
    fact("Official page", format!("<a href=\"{url}\">{url}</a>"));
    body +=
        "</dl>\n<h2>The error body</h2>\n<p>What the web service sends (the text varies):</p>\n";
    let _ = writeln!(
        body,
        "<pre><code>{}</code></pre>",
        esc(&example_body(cat, e))
    );
    body += "<h2>In Rust</h2>\n";
    let rust = format!(
        "use aculab_errors::ErrorCode;\n\nmatch code {{\n    ErrorCode::{v} => {{ /* {} */ }}\n    _ => {{}}\n}}",
        e.code_str()
    );
    let _ = writeln!(body, "<pre><code>{}</code></pre>", esc(&rust));
    page("../", &format!("{} {}", e.code_str(), e.name), &body)
}

fn category(cat: &Catalogue, i: usize) -> String {
    let c = &cat.categories[i];
    let mut body = format!(
        "<h1>{}</h1>\n<p>{}</p>\n<p class=\"muted\">Codes {:04}-{:04}</p>\n<ul class=\"codes\">\n",
        esc(&c.title),
        html(&c.description),
        c.first,
        c.last
    );
    for e in &cat.entries[cat.span(i)] {
        let _ = writeln!(
            body,
            "<li data-code=\"{code}\"><a href=\"../{href}\">{code}</a> <code>{}</code> {}</li>",
            esc(&e.name),
            html(e.summary()),
            code = e.code_str(),
            href = code_page(e),
        );
    }
    body += "</ul>\n";
    page("../", &c.title, &body)
}

/// Renders every file of the site, in a fixed order.
pub fn render(cat: &Catalogue) -> Vec<SiteFile> {
    let mut files = vec![
        SiteFile {
            path: "index.html".into(),
            contents: index(cat),
        },
        SiteFile {
            path: "style.css".into(),
            contents: STYLE.into(),
        },
        SiteFile {
            path: "search.js".into(),
            contents: SCRIPT.into(),
        },
    ];
    files.extend(cat.entries.iter().map(|e| SiteFile {
        path: code_page(e),
        contents: code(cat, e),
    }));
    files.extend((0..cat.categories.len()).map(|i| SiteFile {
        path: category_page(&cat.categories[i]),
        contents: category(cat, i),
    }));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_matches_the_scripts_normalisation() {
        assert_eq!(
            search_text(&["0405", "invalid_token", "The  Token\nis BAD"]),
            "0405 | invalid token | the token is bad"
        );
    }
}
