//! Validated catalogue → a static site: an index with search, a page per code and per category.
//!
//! Self-contained and deterministic: one stylesheet and one script of its own, no request to
//! another host, relative links only (so it works from `file://` and any static host). Every
//! text is HTML-escaped ([`crate::text::html`]); only validated plain https URLs become links.

use std::fmt::Write;

use crate::model::{Catalogue, Category, Entry, Retry};
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

/// The icon, the site's own, so that no browser asks the host for a `/favicon.ico` it lacks.
const ICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\">\
<rect width=\"16\" height=\"16\" rx=\"3\" fill=\"#0b57d0\"/>\
<path d=\"M5 3h6v2H7.5v2H10v2H7.5v2H11v2H5z\" fill=\"#fff\"/></svg>\n";

/// The search: filters the index as you type, over code (with or without its leading zeros),
/// name and former names (with `_` or spaces, any case) and text, by category and by
/// "retryable"; `?q=`, `?category=` and `?retryable=1` preset them, and the address follows
/// what is chosen, so a search can be shared. Letters and digits count, punctuation does not
/// (`invalid-token`, `token.`). Where some entry holds the query as typed (a name such as
/// `invalid token`, a phrase), only those are shown; else those holding each of its words.
/// What is typed matches from the start of a word, so that `rate` finds "rate" and
/// "rate_limited" but not "generated". When nothing matches, the page says so.
const SCRIPT: &str = r##"(function () {
  "use strict";
  var form = document.getElementById("search");
  var input = document.getElementById("q");
  var category = document.getElementById("category");
  var retryable = document.getElementById("retryable");
  var count = document.getElementById("count");
  var none = document.getElementById("none");
  var items = Array.prototype.slice.call(document.querySelectorAll("#codes > li"));
  // As `search_text` in site.rs: lower case, anything but letters and digits a space.
  function norm(s) {
    return s.toLowerCase().replace(/[^\p{Alphabetic}\p{N}]+/gu, " ").trim();
  }
  // Whether `text` holds `w` starting at the start of a word ("rate", not "generated").
  function has(text, w) {
    for (var i = text.indexOf(w); i !== -1; i = text.indexOf(w, i + 1)) {
      if (i === 0 || !/[\p{Alphabetic}\p{N}]/u.test(text.charAt(i - 1))) { return true; }
    }
    return false;
  }
  function remember() {
    var params = new URLSearchParams();
    if (input.value.trim() !== "") { params.set("q", input.value.trim()); }
    if (category.value !== "") { params.set("category", category.value); }
    if (retryable.checked) { params.set("retryable", "1"); }
    var query = params.toString();
    try {
      window.history.replaceState(null, "", query === "" ? window.location.pathname : "?" + query);
    } catch (e) { /* some hosts and file:// refuse; the search works all the same */ }
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
    none.hidden = shown !== 0;
  }
  function change() {
    apply();
    remember();
  }
  var params = new URLSearchParams(window.location.search);
  var q = params.get("q");
  if (q !== null) { input.value = q; }
  var c = params.get("category");
  if (c !== null && category.querySelector("option[value=\"" + CSS.escape(c) + "\"]")) {
    category.value = c;
  }
  var r = params.get("retryable");
  if (r !== null && r !== "" && r !== "0" && r !== "false") { retryable.checked = true; }
  input.addEventListener("input", change);
  category.addEventListener("change", change);
  retryable.addEventListener("change", change);
  // Enter goes to the first code shown.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = items.filter(function (li) { return !li.hidden; })[0];
    if (first) { first.querySelector("a").focus(); }
  });
  apply();
})();
"##;

/// What the search matches against: each part with the same normalisation as the script's
/// `norm` (lower case; anything but letters and digits a space), parts apart (` | `, which no
/// normalised query holds), so that a phrase never runs from one into the next.
fn search_text(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|part| {
            part.to_lowercase()
                .chars()
                .map(|c| {
                    if c.is_alphabetic() || c.is_numeric() {
                        c
                    } else {
                        ' '
                    }
                })
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A whole page. `root` is the relative path back to the site's root (`""` or `"../"`).
fn page(root: &str, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · Aculab Cloud errors</title>\n<link rel=\"stylesheet\" href=\"{root}style.css\">\n\
         <link rel=\"icon\" href=\"{root}icon.svg\" type=\"image/svg+xml\">\n</head>\n<body>\n\
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
         <form id=\"search\" role=\"search\">\n\
         <label for=\"q\">Search codes, names and text</label>\n\
         <input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" placeholder=\"0405, invalid token, rate\">\n\
         <label for=\"category\">Category <select id=\"category\" name=\"category\">\n<option value=\"\">All</option>\n",
    );
    for c in &cat.categories {
        let _ = writeln!(
            body,
            "<option value=\"{}\">{}</option>",
            esc(&c.id),
            esc(&c.title)
        );
    }
    body += "</select></label>\n<label for=\"retryable\"><input id=\"retryable\" name=\"retryable\" type=\"checkbox\" value=\"1\"> Retryable only</label>\n</form>\n\
             <p id=\"count\" class=\"muted\" aria-live=\"polite\"></p>\n\
             <p id=\"none\" hidden>No code matches this search. Try fewer words, a code such as 0405, or all categories.</p>\n\
             <ul id=\"codes\" class=\"codes\">\n";
    for e in &cat.entries {
        let c = &cat.categories[e.category];
        // The code as written and as a number (`405` finds 0405), the name, former names, text.
        let code = e.code_str();
        let number = e.code.to_string();
        let mut parts = vec![code.as_str(), number.as_str(), e.name.as_str()];
        parts.extend(e.aliases.iter().map(String::as_str));
        parts.push(&e.description);
        let formerly = if e.aliases.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = e
                .aliases
                .iter()
                .map(|a| format!("<code>{}</code>", esc(a)))
                .collect();
            format!(
                " <span class=\"muted\">(formerly {})</span>",
                names.join(", ")
            )
        };
        let _ = writeln!(
            body,
            "<li data-code=\"{code}\" data-category=\"{cat}\" data-retryable=\"{retry}\" data-search=\"{search}\">\
             <a href=\"{href}\">{code}</a> <code>{name}</code>{formerly} {description}</li>",
            cat = esc(&c.id),
            retry = e.retry.is_retryable(),
            search = esc(&search_text(&parts)),
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
    // Whether, how long to wait, and which requests: each a fact of its own.
    match e.retry {
        Retry::Never => fact("Retry", esc(&sentence(&e.retry.advice()))),
        Retry::Later {
            after,
            idempotent_only,
        } => {
            fact("Retry", "Yes".into());
            fact(
                "Wait before retrying",
                after.map_or(
                    "No fixed wait: back off, and wait at least as long as a <code>Retry-After</code> header asks".into(),
                    |s| format!("{s} s"),
                ),
            );
            fact(
                "Requests to retry",
                if idempotent_only {
                    "Idempotent ones only: the server may have acted on the request".into()
                } else {
                    "Any: the server did not act on the request".into()
                },
            );
        }
    }
    let aliases: Vec<String> = e
        .aliases
        .iter()
        .map(|a| format!("<code>{}</code>", esc(a)))
        .collect();
    fact(
        "Aliases",
        if aliases.is_empty() {
            "None".into()
        } else {
            format!(
                "{} (former names; deprecated in Rust, still accepted)",
                aliases.join(", ")
            )
        },
    );
    fact(
        "Retired",
        e.retired
            .as_deref()
            .map_or("No".into(), |note| format!("Yes: {}", html(note))),
    );
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
        SiteFile {
            path: "icon.svg".into(),
            contents: ICON.into(),
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
            search_text(&[
                "0405",
                "invalid_token",
                "The  Token\nis BAD",
                "It's a-b. (c)"
            ]),
            "0405 | invalid token | the token is bad | it s a b c"
        );
    }
}
