//! Catalogue prose → Markdown that renders as the same text, in rustdoc and on GitHub.
//!
//! Every character Markdown (or rustdoc's intra-doc links and HTML) could misread is
//! backslash-escaped, and bare URLs become `<autolinks>`, which rustdoc's `bare_urls` lint wants
//! and which GitHub renders as links.

/// Escapes `text` for use inline in Markdown: a paragraph, a heading or a table cell.
/// Line breaks become spaces (as a soft break renders), so no line of the text can start a
/// list, a heading or a rule, or end a table row.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(start) = find_url(rest) {
        escape_into(&mut out, &rest[..start]);
        let url = &rest[start..];
        let end = url.find(char::is_whitespace).unwrap_or(url.len());
        // Sentence punctuation after a URL is not part of it.
        let end = url[..end]
            .trim_end_matches(['.', ',', ';', ':', ')', '\'', '"'])
            .len();
        out.push('<');
        out.push_str(&url[..end]);
        out.push('>');
        rest = &url[end..];
    }
    escape_into(&mut out, rest);
    out
}

fn find_url(s: &str) -> Option<usize> {
    let i = [s.find("https://"), s.find("http://")]
        .into_iter()
        .flatten()
        .min()?;
    // Only at a word start, so "xhttps://" stays text.
    let at_start = s[..i]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || c == '(');
    if at_start {
        Some(i)
    } else {
        find_url(&s[i + 1..]).map(|j| j + i + 1)
    }
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        if c == '\n' || c == '\r' {
            out.push(' ');
            continue;
        }
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '|'
                | '#'
                | '~'
                | '&'
                | '{'
                | '}'
                | '!'
                | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::markdown;

    #[test]
    fn escapes_what_markdown_would_misread() {
        assert_eq!(markdown("n[d|h|m]"), r"n\[d\|h\|m\]");
        assert_eq!(markdown("<b> *x* `y` a_b"), r"\<b\> \*x\* \`y\` a\_b");
        assert_eq!(markdown(r"c:\dir"), r"c:\\dir");
        assert_eq!(markdown("one\n- two\r\n---"), "one - two  ---");
    }

    #[test]
    fn wraps_urls_and_leaves_trailing_punctuation_outside() {
        assert_eq!(
            markdown("See https://a.b/c_d?x=1&y=2. Then (http://e.f)"),
            r"See <https://a.b/c_d?x=1&y=2>. Then (<http://e.f>)"
        );
        assert_eq!(markdown("xhttps://a"), "xhttps://a");
    }
}
