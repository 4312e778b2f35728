//! Catalogue prose: what it may hold, and how it is written into Markdown (GitHub, rustdoc) so
//! that it renders as the same text.
//!
//! Prose is refused at load when it holds a character no output can show as itself
//! ([`check_prose`]). Everything else is escaped: every character Markdown, rustdoc's intra-doc
//! links or HTML could misread is backslash-escaped, a line break becomes a space (so no line of
//! the text can start a list, a heading, a quote or a rule), and only a plain https URL
//! ([`is_plain_https_url`]) becomes a link, as an `<autolink>` (or, where a renderer would show
//! an autolink's text other than as written, as a link whose text is the URL escaped).

/// Why `c` cannot appear in prose, if it cannot. (Line breaks and tabs can; every other control
/// character, the Unicode line separators, bidirectional controls and the byte-order mark
/// cannot. `schema.rs` states the same set as a pattern.)
pub fn forbidden(c: char) -> Option<&'static str> {
    match c {
        '\n' | '\t' => None,
        '\r' => Some("a carriage return (CR); use line breaks only"),
        '\u{2028}' | '\u{2029}' => Some("a Unicode line or paragraph separator"),
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => {
            Some("a bidirectional control, which can make text read differently than it is stored")
        }
        '\u{FEFF}' => Some("a byte-order mark"),
        c if c.is_control() => Some("a control character"),
        _ => None,
    }
}

/// Whether `c` shows nothing by itself: Unicode's default-ignorable characters (zero-width
/// spaces and joiners, soft hyphen, word joiner and invisible operators, Hangul fillers,
/// variation selectors, shorthand and musical format controls), so that a text of these alone
/// counts as empty.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}'
        | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Checks that `text` holds no character an output could not show as itself; the error
/// completes "`field` ...".
pub fn check_prose(text: &str) -> Result<(), String> {
    match text.chars().find_map(|c| forbidden(c).map(|why| (c, why))) {
        None => Ok(()),
        Some((c, why)) => Err(format!(
            "contains U+{:04X} ({why}), which cannot be shown safely; remove it",
            u32::from(c)
        )),
    }
}

/// Characters allowed after the host of a plain URL: RFC 3986's unreserved and reserved ones
/// except the brackets, and `%` (checked to start an escape).
fn url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/?#%".contains(c)
}

/// Whether `s` is a plain https URL: `https://`, a host of letters, digits, `-` and `.` (with an
/// optional port), then only URL characters, `%` always starting a `%XX` escape. No spaces,
/// quotes, angle or square brackets, backslashes or controls, so it is safe as a Markdown
/// autolink, a Markdown link target and an HTML attribute.
pub fn is_plain_https_url(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://") else {
        return false;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (host, port) = authority.split_once(':').unwrap_or((authority, "80"));
    let host_ok = !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    // At most five digits, as the export's schema says (`:000443` is 443, but no port of it).
    let port_ok = port.len() <= 5
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u16>().is_ok_and(|p| p > 0);
    let escapes_ok = tail
        .split('%')
        .skip(1)
        .all(|after| after.len() >= 2 && after.as_bytes()[..2].iter().all(u8::is_ascii_hexdigit));
    // `&copy;` or `&#60;` would be read as a character reference in Markdown, so the link would
    // not go where it says.
    let no_entities = tail.split('&').skip(1).all(|after| {
        let name = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'));
        !matches!(name, Some(n) if n > 0 && after[n..].starts_with(';'))
    });
    host_ok && port_ok && escapes_ok && no_entities && tail.chars().all(url_char)
}

/// Escapes `text` for HTML text or a quoted attribute value: `&`, `<`, `>`, `"` and `'`.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Prose as HTML text: escaped, with each plain https URL a link to itself; line breaks stay
/// white space, so the text is one paragraph whatever its lines start with.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some((start, len)) = find_url(rest) {
        out.push_str(&html_escape(&rest[..start]));
        let url = html_escape(&rest[start..start + len]);
        out.push_str(&format!("<a href=\"{url}\">{url}</a>"));
        rest = &rest[start + len..];
    }
    out.push_str(&html_escape(rest));
    out
}

/// Escapes `text` for use inline in Markdown: a paragraph, a heading or a table cell.
/// Line breaks become spaces (as a soft break renders), so no line of the text can start a
/// list, a heading or a rule, or end a table row.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some((start, len)) = find_url(rest) {
        escape_into(&mut out, &rest[..start]);
        link_into(&mut out, &rest[start..start + len]);
        rest = &rest[start + len..];
    }
    escape_into(&mut out, rest);
    escape_block_start(out)
}

/// The plain https URL `url` as a Markdown link to itself that shows as written (any other
/// string is written as given, between `<` and `>`: check it first).
pub fn markdown_link(url: &str) -> String {
    let mut out = String::with_capacity(2 * url.len() + 8);
    link_into(&mut out, url);
    out
}

/// Writes the plain https URL `url` as an `<autolink>`, or as a link whose text is the URL
/// escaped where an autolink would not show as written.
fn link_into(out: &mut String, url: &str) {
    if autolink_shows_as_written(url) {
        out.push('<');
        out.push_str(url);
        out.push('>');
    } else {
        out.push('[');
        escape_into(out, url);
        out.push_str("](<");
        out.push_str(url);
        out.push_str(">)");
    }
}

/// Whether every renderer shows the plain https URL `url` written as an `<autolink>` as it is
/// written. markdown-it (VS Code's preview) shows an autolink's text decoded: `%41` as `A`,
/// `%20` as a space, an `xn--` host in Unicode; and its typographer curls a `'` in it. Such a
/// URL is written as a link whose text is the URL escaped, which shows as written everywhere.
/// GitHub shows a `:name:` in an autolink's text as an emoji; escaped, it is a code span.
fn autolink_shows_as_written(url: &str) -> bool {
    // Past the scheme (a string too short for one has no host: never a panic).
    let host = url
        .get("https://".len()..)
        .unwrap_or_default()
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or_default();
    !url.contains(['%', '\''])
        && !url
            .match_indices(':')
            .any(|(i, _)| shortcode_len(&url[i..]).is_some())
        && !host.split('.').any(|label| {
            label
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
        })
}

/// Whether `c` ends a URL written in prose: white space, or a character that cannot be in one
/// and that prose puts right after one (`<`, `>`, a quote or a backtick). Any other character
/// that cannot be in a URL (`\`, a bracket, a non-ASCII letter) makes what it is in no plain
/// URL, rather than ending a link to a part of it (`https://b` of `https://bücher.example`).
fn ends_url(c: char) -> bool {
    c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`')
}

/// The first plain https URL in `s` that starts a word: its start and length, without the
/// sentence punctuation after it.
fn find_url(s: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = s[from..].find("https://").map(|i| i + from) {
        let at_word_start = s[..i]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || c == '(');
        let run = s[i..].find(ends_url).unwrap_or(s.len() - i);
        #[cfg(test)]
        tests::SCANNED.with(|n| n.set(n.get() + run));
        let url = trim_url(&s[i..i + run]);
        if at_word_start && is_plain_https_url(url) {
            return Some((i, url.len()));
        }
        // Past the whole run: a later `https://` inside it starts no word (or, after a `(`,
        // stays text), and rescanning the run from each of its characters would be quadratic.
        from = i + run.max(1);
    }
    None
}

/// A URL run without the sentence punctuation after it; a closing parenthesis stays when it
/// closes one opened in the URL (`https://w.org/wiki/Foo_(bar)`), as GitHub reads it.
fn trim_url(url: &str) -> &str {
    // Counted once: trimming takes no `(`, and each `)` it takes is counted off, so linear.
    let open = url.matches('(').count();
    let mut close = url.matches(')').count();
    let mut url = url;
    loop {
        url = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
        match url.strip_suffix(')') {
            Some(rest) if close > open => {
                url = rest;
                close -= 1;
            }
            _ => return url,
        }
    }
}

/// A character of an e-mail address's local part or domain, as GitHub's autolinker reads one.
fn email_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '+' | '-')
}

/// The length of the e-mail address (`name@host.tld`) starting at `s`, if one does. One with no
/// name (`@host.tld`) counts too: GitHub links it after `mailto:` or `xmpp:`, and markdown-it-py
/// after any of the other characters its linkifier allows in a name (`x:@10.0.0.1`).
fn email_len(s: &str) -> Option<usize> {
    let at = s.find(|c: char| !email_char(c))?;
    if !s[at..].starts_with('@') {
        return None;
    }
    let domain = &s[at + 1..];
    let end = domain
        .find(|c: char| !email_char(c))
        .unwrap_or(domain.len());
    let domain = domain[..end].trim_end_matches(['.', '-', '_']);
    // A domain may start with its dot: GitHub links `a@.co` too.
    domain.contains('.').then_some(at + 1 + domain.len())
}

/// The length of the emoji shortcode (`:smile:`, `:+1:`) starting at `s`, if one does: a name
/// of lowercase letters, digits, `_`, `+` and `-` with a letter in it (or one of the few
/// without), between colons (so `10:30:45` is none). GitHub shows one whatever stands around
/// it: `parser.js:100:14` reads `parser.js💯14`, and `std::io::Error` would hold an emoji if
/// `io` named one.
fn shortcode_len(s: &str) -> Option<usize> {
    let name = s.strip_prefix(':')?;
    // A name is short: looked for in the next few bytes only, so a long text stays linear.
    let end = name.bytes().take(41).position(|b| b == b':')?;
    let name = &name[..end];
    let name_ok = (1..=40).contains(&name.len())
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'+' | b'-')
        })
        && (name.bytes().any(|b| b.is_ascii_lowercase())
            || matches!(name, "+1" | "-1" | "100" | "1234"));
    name_ok.then_some(name.len() + 2)
}

/// Writes `text` as a code span. One that would start right where the last one closed joins
/// it: two spans side by side would read as one run of two backticks (`` `:+1:``a@b.co` ``),
/// which opens no span and closes none, so both would show their backticks.
fn push_code_span(out: &mut String, text: &str, code_end: &mut Option<usize>) {
    if *code_end == Some(out.len()) {
        out.pop();
    } else {
        out.push('`');
    }
    out.push_str(text);
    out.push('`');
    *code_end = Some(out.len());
}

fn escape_into(out: &mut String, s: &str) {
    let mut skip_to = 0;
    let mut prev: Option<char> = None;
    // Where the last code span written closes, in `out`.
    let mut code_end = None;
    for (i, c) in s.char_indices() {
        if i < skip_to {
            continue;
        }
        let next = s[i + c.len_utf8()..].chars().next();
        // A tab in a paragraph shows as a space, and in a doc comment it fails clippy's
        // `tabs_in_doc_comments` (the generated crate's lint run).
        if c == '\n' || c == '\t' {
            out.push(' ');
            prev = Some(c);
            continue;
        }
        // GitHub links every e-mail address, escaped or not, but never inside a code span. A
        // code span ends a text, so an address may start right after one (`a@b.co.@x.co` held
        // the address `.@x.co` after the code span `a@b.co`).
        if !prev.is_some_and(email_char) || code_end == Some(out.len()) {
            if let Some(len) = email_len(&s[i..]) {
                push_code_span(out, &s[i..i + len], &mut code_end);
                skip_to = i + len;
                prev = s[..i + len].chars().next_back();
                continue;
            }
        }
        // GitHub shows `:name:` as an emoji (`:+1:` as a thumb) unless it is in a code span,
        // wherever it stands (escaped or not).
        if c == ':' {
            if let Some(len) = shortcode_len(&s[i..]) {
                push_code_span(out, &s[i..i + len], &mut code_end);
                skip_to = i + len;
                prev = Some(':');
                continue;
            }
        }
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '{' | '}'
            | '!' | '$' => true,
            // `^x^` is a superscript to Markdown readers with that extension (pulldown-cmark's).
            '^' => true,
            // An `@` no address holds (those are code spans): markdown-it's linkifier reads
            // symbols as letters of a domain, and linked `x@y=1.2.3.4` as an address.
            '@' => true,
            // Rustdoc's smart punctuation would curl quotes and turn `--`, `...` into dashes
            // and an ellipsis; escaped, each stays the character it is.
            '"' | '\'' => true,
            '-' => prev == Some('-') || next == Some('-'),
            // markdown-it's typographer (an option of VS Code's preview and of many site
            // builders) makes `(c)`, `(r)`, `(tm)` symbols, `+-` a `±`, and shortens `,,` to `,`
            // and `????` to `???`; an escaped character splits the text it matches.
            '(' => ["(c)", "(r)", "(tm)"].iter().any(|p| {
                s.get(i..i + p.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(p))
            }),
            '+' => next == Some('-'),
            ',' | '?' => next == Some(c),
            // A linkifier that reads bare domains (markdown-it's, as in its `gfm-like` preset and
            // VS Code's preview) makes `example.com` a link to http://example.com, and `//host`
            // a protocol-relative one; an escaped dot or slash splits the text it scans.
            '.' => {
                s[i..].starts_with("...")
                    || prev == Some('.')
                    // Whatever the label ends with: linkify reads any character but white
                    // space and punctuation as part of one (`é.com` with a combining accent,
                    // `€.com`, `x+.com` all become links).
                    || (prev.is_some_and(|p| !p.is_whitespace())
                        && next.is_some_and(char::is_alphabetic))
            }
            // (After a `:`, escaped below, no linkifier reads the `//`; after one that ends a
            // code span, which starts a new text, it does.)
            '/' => next == Some('/') && (prev != Some(':') || code_end == Some(out.len())),
            // A `scheme://` that is not a plain https URL stays text, not a bare URL to link; so
            // does `mailto:`, whose address markdown-it links without a domain (`mailto:a@b`).
            ':' => {
                s[i + 1..].starts_with("//")
                    || s.get(i.saturating_sub(6)..i)
                        .is_some_and(|p| p.eq_ignore_ascii_case("mailto"))
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        // `www.` is a link unless its dot is escaped: on GitHub at a word start, in any case; to
        // marked anywhere, `1www.-x` too.
        if s.get(i..i + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case("www."))
        {
            out.push_str(&s[i + 1..i + 3]);
            out.push_str("\\.");
            skip_to = i + 4;
            prev = Some('.');
            continue;
        }
        prev = Some(c);
    }
}

/// Escapes what would start a block if the text stood at the start of a line: a list marker
/// (`-`, `+`, `1.`, `1)`) or a rule or setext underline (`-`, `=`).
fn escape_block_start(mut out: String) -> String {
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    let at = match out.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => digits,
        Some(b'-' | b'+' | b'=') if digits == 0 => 0,
        _ => return out,
    };
    out.insert(at, '\\');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever it is given, never a panic: a string shorter than a scheme has no host.
    #[test]
    fn a_link_of_any_string_is_no_panic() {
        for s in ["", "h", "https:/", "é", "https://"] {
            assert!(super::markdown_link(s).contains(s));
        }
    }

    #[test]
    fn escapes_what_markdown_would_misread() {
        assert_eq!(markdown("n[d|h|m]"), r"n\[d\|h\|m\]");
        assert_eq!(markdown("<b> *x* `y` a_b"), r"\<b\> \*x\* \`y\` a\_b");
        assert_eq!(markdown(r"c:\dir a: b"), r"c:\\dir a: b");
        assert_eq!(markdown("one\n- two\n---"), r"one - two \-\-\-");
    }

    /// No bare domain or `//host` stays whole for a linkifier to read as a link to http.
    #[test]
    fn a_bare_domain_is_no_link() {
        assert_eq!(
            markdown("see example.com, api.aculab.com/x and //cdn.example.org/y"),
            r"see example\.com, api\.aculab\.com/x and \//cdn\.example\.org/y"
        );
        assert_eq!(markdown("www.example.com"), r"www\.example\.com");
        // A label ending in a mark, a symbol or punctuation is a domain's too.
        assert_eq!(
            markdown("e\u{301}.com \u{20ac}.com x+.com \u{663}.com x).com"),
            "e\u{301}\\.com \u{20ac}\\.com x+\\.com \u{663}\\.com x)\\.com"
        );
        // Dots no linkifier reads as a domain's stay as written.
        assert_eq!(markdown("v1.2 e. g. 3.14 end."), "v1.2 e. g. 3.14 end.");
    }

    #[test]
    fn a_tab_is_a_space() {
        assert_eq!(markdown("a\tb"), "a b");
    }

    /// markdown-it's typographer would make symbols of these and shorten runs; escaped, each
    /// stays the text it is.
    #[test]
    fn typographer_replacements_stay_text() {
        assert_eq!(
            markdown("(c) (C) (r) (TM) (tm) +- a,,b ,,, ???? ok? (x) c) a+b -+ a, b"),
            r"\(c) \(C) \(r) \(TM) \(tm) \+- a\,,b \,\,, \?\?\?? ok? (x) c) a+b -+ a, b"
        );
    }

    #[test]
    fn a_superscript_stays_text() {
        assert_eq!(markdown("2^10^ and x^2"), r"2\^10\^ and x\^2");
    }

    #[test]
    fn github_and_rustdoc_extras_stay_text() {
        assert_eq!(
            markdown("mail a@evil.example now"),
            "mail `a@evil.example` now"
        );
        assert_eq!(markdown("pw@evil.example/x"), "`pw@evil.example`/x");
        assert_eq!(
            markdown("see www.evil.example/x"),
            r"see www\.evil\.example/x"
        );
        assert_eq!(markdown("awww.x"), r"awww\.x");
        assert_eq!(markdown("1www.-x WwW.-y"), r"1www\.-x WwW\.-y");
        assert_eq!(markdown("a@b x@y=1.2.3.4"), r"a\@b x\@y=1.2.3.4");
        assert_eq!(markdown(";/+@.co and a@.b"), r";/`+@.co` and `a@.b`");
        // An address with no name is linked after a scheme (GitHub) or after some punctuation
        // (markdown-it-py); after a code span, one that starts right there.
        assert_eq!(
            markdown("mailto:@x.co xmpp:@x.co/r @x.co x:@10.0.0.1 a@@b.co"),
            r"mailto\:`@x.co` xmpp:`@x.co`/r `@x.co` x:`@10.0.0.1` a\@`@b.co`"
        );
        // markdown-it links `mailto:` with any address, one without a domain too.
        assert_eq!(
            markdown("mailto:a@b MailTo:x@localhost"),
            r"mailto\:a\@b MailTo\:x\@localhost"
        );
        // A code span ends a text: a `//host` after one is no protocol-relative link.
        assert_eq!(markdown(":tada://localhost/x"), r"`:tada:`\//localhost/x");
        assert_eq!(markdown("a@b.co.@x.co"), "`a@b.co.@x.co`");
        assert_eq!(markdown(":+1:.@x.co"), "`:+1:.@x.co`");
        assert_eq!(
            markdown(r#""q" 'q' a--b a---b a...b a.b -x"#),
            r#"\"q\" \'q\' a\-\-b a\-\-\-b a\.\.\.b a\.b -x"#
        );
    }

    /// Two code spans side by side are one: written apart, their backticks met as a run of
    /// two, which closed neither, and every renderer showed the text with its backticks.
    #[test]
    fn code_spans_side_by_side_are_one() {
        assert_eq!(markdown(":+1:_a@b.co"), "`:+1:_a@b.co`");
        assert_eq!(markdown("(:tada:_a@b.co)"), "(`:tada:_a@b.co`)");
        assert_eq!(markdown(":+1: a@b.co"), "`:+1:` `a@b.co`");
        assert_eq!(markdown("x`:+1:"), r"x\``:+1:`");
    }

    /// GitHub shows an emoji for a shortcode wherever it stands, a word or a colon beside it
    /// too (`parser.js:100:14` read `parser.js💯14`); in a code span it shows as written.
    /// Colons in times and around white space are left alone.
    #[test]
    fn a_shortcode_beside_a_word_or_a_colon_stays_text() {
        assert_eq!(markdown("parser.js:100:14"), r"parser\.js`:100:`14");
        assert_eq!(markdown("std::io::Error"), "std:`:io:`:Error");
        assert_eq!(markdown("a:+1:b"), "a`:+1:`b");
        assert_eq!(
            markdown("https://a.example/x:smile:y"),
            r"[https\://a\.example/x`:smile:`y](<https://a.example/x:smile:y>)"
        );
        assert_eq!(
            markdown("https://a.example:8443/x"),
            "<https://a.example:8443/x>"
        );
    }

    /// GitHub would show an emoji for a shortcode; in a code span it shows as written. Colons
    /// in times and around white space are left alone.
    #[test]
    fn an_emoji_shortcode_stays_text() {
        assert_eq!(
            markdown(":smile: then :+1:, (:tada:) and :white_check_mark:."),
            "`:smile:` then `:+1:`, (`:tada:`) and `:white_check_mark:`."
        );
        for plain in ["10:30:45", "12:00-14:00", "x :: y", ": a :", ":no space:"] {
            assert!(
                !markdown(plain).contains('`'),
                "{plain}: {}",
                markdown(plain)
            );
        }
    }

    #[test]
    fn a_line_that_would_start_a_block_stays_text() {
        assert_eq!(markdown("- a"), r"\- a");
        assert_eq!(markdown("+ a"), r"\+ a");
        assert_eq!(markdown("---"), r"\-\-\-");
        assert_eq!(markdown("==="), r"\===");
        assert_eq!(markdown("12. a"), r"12\. a");
        assert_eq!(markdown("1) a"), r"1\) a");
        assert_eq!(markdown("# a"), r"\# a");
        assert_eq!(markdown("> a"), r"\> a");
        assert_eq!(markdown("1.5 s"), r"1\.5 s");
        assert_eq!(markdown("2024 was"), "2024 was");
    }

    #[test]
    fn only_plain_https_urls_become_links() {
        assert_eq!(
            markdown("See https://a.b/c_d?x=1&y=2. Then (https://e.f)"),
            r"See <https://a.b/c_d?x=1&y=2>. Then (<https://e.f>)"
        );
        assert_eq!(markdown("xhttps://a.b"), r"xhttps\://a\.b");
        assert_eq!(markdown("http://a.b"), r"http\://a\.b");
        assert_eq!(
            markdown("https://x/<script>alert(1)</script>"),
            r"<https://x/>\<script\>alert(1)\</script\>"
        );
        assert_eq!(markdown("javascript:alert(1)"), r"javascript:alert(1)");
        assert_eq!(markdown("ftp://a.b"), r"ftp\://a\.b");
    }

    /// A URL that is not plain is text as a whole: no part of it becomes a link that goes
    /// somewhere other than the text says.
    #[test]
    fn no_part_of_a_url_that_is_not_plain_is_linked() {
        for text in [
            "https://bücher.example/x",
            r"https://a.example\@evil.example/",
            "https://a.example/x[1]",
            "https://a.example/{x}",
            "https://a.example/a|b",
            "https://a.example/a^b",
        ] {
            assert!(!markdown(text).contains('<'), "{text}: {}", markdown(text));
            assert!(!html(text).contains("<a "), "{text}: {}", html(text));
        }
        assert_eq!(
            markdown("see https://a.example/x\"go\" or `https://a.example/y`"),
            r#"see <https://a.example/x>\"go\" or \`https\://a\.example/y\`"#
        );
    }

    /// A URL whose autolink markdown-it would show decoded (`%41` as `A`, an `xn--` host in
    /// Unicode) or curled (`'`) is a link whose text is the URL escaped, so it shows as written.
    #[test]
    fn a_url_an_autolink_would_show_otherwise_is_a_link_of_its_text() {
        assert_eq!(
            markdown("see https://x.example/a%41b now"),
            r"see [https\://x\.example/a%41b](<https://x.example/a%41b>) now"
        );
        assert_eq!(
            markdown("https://xn--bcher-kva.example/ and https://a.XN--p1ai/x"),
            concat!(
                r"[https\://xn\-\-bcher-kva\.example/](<https://xn--bcher-kva.example/>) and ",
                r"[https\://a\.XN\-\-p1ai/x](<https://a.XN--p1ai/x>)"
            )
        );
        assert_eq!(
            markdown("https://x.example/it's"),
            r"[https\://x\.example/it\'s](<https://x.example/it's>)"
        );
        // Others stay autolinks, a label holding `xn--` further in too.
        assert_eq!(
            markdown("https://axn--b.example/?q=a_b"),
            "<https://axn--b.example/?q=a_b>"
        );
    }

    /// A link goes where its text says: a parenthesis the URL opened is part of it.
    #[test]
    fn a_url_keeps_the_parentheses_it_opens() {
        assert_eq!(
            markdown(
                "see https://w.org/wiki/Foo_(bar). Or (https://w.org/x) or (https://w.org/(y)), z"
            ),
            r"see <https://w.org/wiki/Foo_(bar)>. Or (<https://w.org/x>) or (<https://w.org/(y)>), z"
        );
        // However many, trimmed in one pass.
        let text = format!("https://w.org/{}", ").".repeat(50_000));
        let expected = format!("<https://w.org/>{}", ").".repeat(50_000));
        assert!(markdown(&text) == expected, "trimmed wrongly");
        assert_eq!(
            html("https://w.org/a_(b)"),
            "<a href=\"https://w.org/a_(b)\">https://w.org/a_(b)</a>"
        );
    }

    #[test]
    fn html_is_text_with_only_plain_https_links() {
        assert_eq!(
            html("<b>&'\" see https://a.b/c?x=1&y=2. and https://x/<script>"),
            "&lt;b&gt;&amp;&#39;&quot; see <a href=\"https://a.b/c?x=1&amp;y=2\">https://a.b/c?x=1&amp;y=2</a>. and \
             <a href=\"https://x/\">https://x/</a>&lt;script&gt;"
        );
        assert_eq!(
            html("javascript:alert(1) http://a.b"),
            "javascript:alert(1) http://a.b"
        );
    }

    thread_local! {
        /// Characters `find_url` has scanned for the end of a URL, on this thread.
        pub(super) static SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// Text made of nothing but URL starts is scanned once: rescanning each run from every
    /// candidate (as an earlier version did) scans about n²/16 characters for n of text.
    #[test]
    fn a_field_of_url_starts_is_scanned_once() {
        let text = "https://".repeat(64 * 1024 / 8);
        SCANNED.with(|n| n.set(0));
        assert_eq!(
            markdown(&text).len(),
            text.len() + text.matches("://").count()
        );
        assert_eq!(html(&text), text);
        let scanned = SCANNED.with(std::cell::Cell::get);
        assert!(
            scanned <= 2 * text.len(),
            "{scanned} characters scanned for {}",
            text.len()
        );
    }

    #[test]
    fn plain_https_urls_are_recognised_strictly() {
        assert!(is_plain_https_url("https://www.aculab.com/a?error=0405"));
        assert!(is_plain_https_url("https://h:8443/%20x#frag"));
        assert!(is_plain_https_url("https://h:00443/"));
        assert!(is_plain_https_url("https://a/?q=1&r=2;s=3"));
        for bad in [
            "http://a.b",
            "javascript:alert(1)",
            "data:text/html,x",
            "https://",
            "https://a b",
            "https://a/b c",
            "https://a/\nb",
            "https://a/<b>",
            "https://a/[b]",
            "https://a/\"b",
            "https://a/%zz",
            "https://a..b/",
            "https://-a/",
            "https://a:99999999/",
            "https://a:99999/",
            "https://a:0/",
            "https://a:000443/",
            "https://a/\\b",
            "https://a/&copy;x",
            "https://a/?q=1&amp;r=2",
            "https://a/&#x3C;",
        ] {
            assert!(!is_plain_https_url(bad), "{bad:?}");
        }
    }

    #[test]
    fn prose_may_not_hold_what_cannot_be_shown() {
        assert_eq!(check_prose("Tab\tand\nnewline, é 日本語 🎉"), Ok(()));
        for bad in [
            "a\rb",
            "a\u{202E}b",
            "a\u{2066}b",
            "a\u{2028}b",
            "\u{7}",
            "a\u{85}b",
        ] {
            assert!(check_prose(bad).is_err(), "{bad:?}");
        }
    }
}
