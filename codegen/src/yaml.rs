//! Catalogue text → a tree of YAML nodes, each knowing its line.
//!
//! A real YAML parser (yaml-rust2's event API) reads the text, so every node has its true line
//! whatever the style: block or flow, quoted keys, a list at column 0. The reader accepts only
//! what a hand-edited catalogue needs and refuses the rest at its line: one document, no tags
//! (`!!binary`, `!custom`: a value is never coerced), no anchors or aliases (so no alias bomb),
//! no duplicate keys, scalar keys, and nesting at most [`MAX_DEPTH`] deep.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

use crate::diagnostic::{shorten, Collector, Diagnostic};

/// How deeply collections may nest; the catalogue needs three levels.
pub const MAX_DEPTH: usize = 16;

/// The most values (keys, texts, lists, mappings and their items) read. A catalogue of every
/// code there can be, each with every key and alias, has about 410,000; a file of nothing but
/// tiny values as large as accepted (16 MiB of `1,`) has eight million, which held 700 MB.
pub const MAX_VALUES: usize = 1_000_000;

/// A YAML value and the line it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// 1-based line of the value's first character.
    pub line: usize,
    /// The value.
    pub value: Value,
}

/// A YAML value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A scalar: its text, and whether it was plain (unquoted, not a block scalar), which is
    /// when YAML's core schema may read it as null, a boolean or a number.
    Scalar {
        /// The scalar's text after YAML's folding and escapes.
        text: String,
        /// Written without quotes or a block indicator.
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping: each key (a scalar, with its line) and value, in file order.
    Map(Vec<(Key, Node)>),
}

/// A mapping key.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The key's text.
    pub text: String,
    /// 1-based line of the key.
    pub line: usize,
}

/// How YAML's core schema reads a plain scalar.
#[derive(Clone, Debug, PartialEq)]
pub enum Plain<'a> {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A decimal, octal (`0o`) or hexadecimal (`0x`) integer.
    Int(i128),
    /// A floating-point number, `.inf` or `.nan`.
    Float,
    /// Anything else: a string.
    Str(&'a str),
}

impl Node {
    /// The value as the core schema reads it, for scalars.
    pub fn scalar(&self) -> Option<Plain<'_>> {
        match &self.value {
            Value::Scalar { text, plain: false } => Some(Plain::Str(text)),
            Value::Scalar { text, plain: true } => Some(resolve(text)),
            _ => None,
        }
    }

    /// The value, if it is an integer written plainly in decimal digits with no sign and no
    /// leading zero (`404`, not `0x194`, `0o624`, `+404` or `0404`, which the core schema also
    /// reads as 404): a catalogue's numbers are written as people read them.
    pub fn decimal(&self) -> Option<i128> {
        match &self.value {
            Value::Scalar { text, plain: true }
                if text.bytes().all(|b| b.is_ascii_digit())
                    && (text == "0" || !text.starts_with('0')) =>
            {
                text.parse().ok()
            }
            _ => None,
        }
    }

    /// A number as it was written, for messages: "`0x194` (write it in decimal digits)".
    pub fn written(&self) -> String {
        match &self.value {
            Value::Scalar { text, .. } => {
                format!("`{}` (write it in decimal digits)", shorten(text, 40))
            }
            _ => self.describe(),
        }
    }

    /// Whether the value is null (`~`, `null` or nothing).
    pub fn is_null(&self) -> bool {
        self.scalar() == Some(Plain::Null)
    }

    /// A few words saying what the value is, for messages: "a list", "the number 405".
    pub fn describe(&self) -> String {
        match (&self.value, self.scalar()) {
            (Value::Seq(_), _) => "a list".into(),
            (Value::Map(_), _) => "a mapping".into(),
            (_, Some(Plain::Null)) => "nothing".into(),
            (_, Some(Plain::Bool(b))) => format!("the boolean {b}"),
            (_, Some(Plain::Int(n))) => format!("the number {n}"),
            (Value::Scalar { text, .. }, Some(Plain::Float)) => {
                format!("the number {}", shorten(text, 60))
            }
            (_, Some(Plain::Str(s))) => format!("the text {:?}", shorten(s, 40)),
            (_, None) => "a value".into(),
        }
    }
}

/// YAML 1.2 core schema resolution of a plain scalar.
fn resolve(s: &str) -> Plain<'_> {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Null,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => return Plain::Float,
        _ => {}
    }
    let int = if let Some(oct) = s.strip_prefix("0o") {
        digits(oct, 8)
    } else if let Some(hex) = s.strip_prefix("0x") {
        digits(hex, 16)
    } else {
        let (neg, rest) = match s.as_bytes().first() {
            Some(b'-') => (true, &s[1..]),
            Some(b'+') => (false, &s[1..]),
            _ => (false, s),
        };
        digits(rest, 10).map(|n| if neg { -n } else { n })
    };
    if let Some(n) = int {
        return Plain::Int(n);
    }
    if is_float(s) {
        Plain::Float
    } else {
        Plain::Str(s)
    }
}

/// Digits in `radix`, if they fit an `i128`. A longer decimal reads as a float (its text is
/// quoted as written in messages, never a value it was cut to); longer hex or octal as text.
fn digits(s: &str, radix: u32) -> Option<i128> {
    if s.is_empty() || !s.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    s.chars().try_fold(0i128, |n, c| {
        n.checked_mul(i128::from(radix))?
            .checked_add(i128::from(c.to_digit(radix)?))
    })
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_float(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = all_digits(whole)
        && all_digits(frac)
        && (!whole.is_empty() || !frac.is_empty())
        && (!whole.is_empty() || mantissa.starts_with('.'));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok
}

enum Frame {
    Seq(Start, Vec<Node>),
    Map {
        start: Start,
        entries: Vec<(Key, Node)>,
        key: Option<Key>,
        seen: HashMap<String, usize>,
        /// The one key and value of a mapping written as a key (`? name: x`, a key's `?` too
        /// many), which stand for it when it has no value of its own: reported once, at its
        /// line, and not again as keys missing from the mapping.
        meant: Option<(String, Node)>,
    },
}

/// Where a collection starts: 1-based line, 0-based column (in characters).
#[derive(Clone, Copy)]
struct Start {
    line: usize,
    col: usize,
    /// Opened by `[` or `{`, not block style.
    flow: bool,
}

impl Frame {
    fn start(&self) -> Start {
        match self {
            Frame::Seq(start, _) | Frame::Map { start, .. } => *start,
        }
    }
}

/// The line to blame for the parser's error `e`, and what to say. An unclosed `[` or `{` is
/// noticed only where the text stops making sense, perhaps far below, or at the end of the file:
/// the problem is reported where the innermost flow collection still open was opened. Any other
/// error is reported at its line, which is never past the file's last line.
fn blame(text: &str, stack: &[Frame], e: &yaml_rust2::ScanError) -> Diagnostic {
    let at = e.marker();
    // Found only now, on the error path: a pass or two over the text.
    let lines: Vec<&str> = text.lines().collect();
    let line = at.line().clamp(1, lines.len().max(1));
    // By line and column: the parser counts a block scalar's text in bytes in its index.
    let at_end = at.line() > lines.len()
        || (at.line() == lines.len()
            && lines.last().is_some_and(|l| at.col() >= l.chars().count()));
    let opened = stack.iter().rev().map(Frame::start).find(|start| {
        (start.line < line || at_end)
            && lines
                .get(start.line - 1)
                .and_then(|l| l.chars().nth(start.col))
                .is_some_and(|c| c == '[' || c == '{')
    });
    let info = e.info();
    // Brackets nested hundreds deep: the parser's own limit, met before this reader's.
    if info == "recursion limit exceeded" {
        return Diagnostic::new(line, nested_too_deep());
    }
    // The parser marks a bad escape where its double-quoted scalar starts, perhaps lines above.
    if info.starts_with("while parsing a quoted scalar") {
        if let Some(bad) = bad_escape(text, at.line(), at.col()) {
            return bad;
        }
    }
    // Marked where the quoted text starts too: the line where it cannot go on is named.
    let in_block = stack.last().is_none_or(|f| !f.start().flow);
    if in_block
        && (info == "invalid indentation in quoted scalar"
            || info.ends_with("found unexpected document indicator"))
    {
        if let Some(stop) = quote_stops(text, at.line(), at.col()) {
            return Diagnostic::new(
                at.line(),
                format!("not valid YAML: the quoted text opened here (column {}) is not closed before line {stop}, which is indented too little to go on with it; close the quote, or indent line {stop} further", at.col() + 1),
            );
        }
    }
    if in_block {
        // A tab in a line's indentation: the parser marks the plain text it was reading, a
        // line or more above.
        if info == "while scanning a plain scalar, found a tab"
            || info == "a block scalar content cannot start with a tab"
        {
            let tabbed = (at.line()..lines.len()).find(|&i| {
                let l = lines[i];
                !l.trim_start_matches([' ', '\t']).is_empty()
                    && l[..l.len() - l.trim_start_matches([' ', '\t']).len()].contains('\t')
            });
            if let Some(i) = tabbed {
                return Diagnostic::new(
                    i + 1,
                    "not valid YAML: the line is indented with a tab; YAML indents with spaces only",
                );
            }
        }
        // A character YAML does not allow, or does not read as a space, makes the parser read a
        // line as something else, and it stops a line or more below: the line holding it is
        // blamed, the one above the stop first.
        // (Not in a line of a text begun above, where such a character is text.) Then the lines
        // further up, as far as the stop's own item or key (at most 50): a key's line that YAML
        // cannot read may be taken into a text above it, and the parser stops lines below.
        let above = last_content_line(&lines, line.saturating_sub(1));
        let stop_lead = lines.get(line - 1).map_or(0, |l| lead(l));
        let further = (1..above.unwrap_or(1))
            .rev()
            .take(50)
            .take_while(|&n| {
                // (Indented by any white space, the odd one included.)
                let l = lines[n - 1];
                !has_content(l) || l.len() - l.trim_start().len() > stop_lead
            })
            .filter(|&n| has_content(lines[n - 1]));
        if let Some((at, why)) = above
            .into_iter()
            .chain([line])
            .chain(further)
            .filter(|&at| !in_text(&lines, at))
            .find_map(|at| Some((at, odd_character(lines.get(at - 1)?)?)))
        {
            return Diagnostic::new(at, format!("not valid YAML: {why}"));
        }
    }
    // `http:403` is one plain word, which goes on into the next line's key: the parser stops
    // there, a line below the word. It is blamed when it stands where the next line's key does
    // (or is the file's last line).
    // (`simple key expected` where the file ends on the word, without a line break.)
    // A `|` or `>` alone on a line, no key's: it opens a block text that takes in every line
    // indented further below it (perhaps the rest of the file), which then needs a `:` after
    // it, as a key. It is blamed.
    if in_block && (info == "simple key expect ':'" || info == "simple key expected") {
        // (The nearest hundred, each looked at a bounded way up: linear in any file.)
        let bare = (1..=line.min(lines.len()))
            .rev()
            .filter(|&n| {
                let l = lines[n - 1].trim();
                l.starts_with(['|', '>']) && l[1..].chars().all(|c| "+-123456789".contains(c))
            })
            .take(100)
            .find(|&n| {
                !in_text(&lines, n)
                // (The value of a key, or an item, on the line above: `key:` then `  |`.)
                && last_content_line(&lines, n - 1).is_none_or(|k| {
                    let above = lines[k - 1].trim_end();
                    !(above.ends_with(':') || above.ends_with('-'))
                        || lead(lines[n - 1]) <= lead(above)
                })
            });
        if let Some(bare) = bare {
            let indicator = lines[bare - 1].trim();
            return Diagnostic::new(
                bare,
                format!("not valid YAML: `{indicator}` alone on a line opens a block text with no key, which takes in the lines below it indented further; remove it, or write its key before it"),
            );
        }
    }
    if info == "simple key expect ':'" || info == "simple key expected" {
        let glued = |l: &str| {
            let (key, value) = after_indicators(l).trim_end().split_once(':')?;
            (!key.is_empty()
                && key.chars().all(|c| c.is_alphanumeric() || c == '_')
                && value.starts_with(|c: char| !c.is_whitespace()))
            .then(|| (shorten(key, 30), shorten(value, 30)))
        };
        let column = |l: &str| l.len() - after_indicators(l).len();
        let here = lines.get(line - 1).copied();
        let above = line
            .checked_sub(2)
            .and_then(|i| Some((i + 1, lines.get(i).copied()?)));
        let found = above
            .filter(|(_, l)| here.is_none_or(|h| column(h) == column(l)))
            .into_iter()
            .chain(here.map(|h| (line, h)))
            .find_map(|(at, l)| Some((at, glued(l)?)));
        if let Some((at, (key, value))) = found {
            return Diagnostic::new(at, format!("not valid YAML: `{key}:{value}` reads as one word, not a key and its value; write a space after the `:` (`{key}: {value}`)"));
        }
        // A key was needed where the text above the stop starts (the parser wants one there,
        // then reads on, a line or more, looking for its `:`).
        let upto = if at_end { lines.len() } else { line - 1 };
        // (At the end of the file, a `[` or `{` left open is the trouble; see below. A key of
        // more than 1024 characters is one too long on the stop's own line.)
        let long_key = !at_end && at.col().saturating_sub(indentation(lines[line - 1])) >= 1024;
        if long_key {
            return Diagnostic::new(
                line,
                format!("not valid YAML: the key here runs on for 1024 characters or more without its `: `; YAML reads no longer key ({info})"),
            );
        }
        if in_block && !(at_end && unclosed_flow(&lines, line).is_some()) {
            if let Some(key) = key_start(&lines, upto, (!at_end).then_some((line, at.col()))) {
                // Below a key written with a `?` (`? description: >-`), its text is indented as
                // far as the key and reads as keys: the `?` is blamed.
                let explicit = last_content_line(&lines, key - 1).filter(|&q| {
                    let l = after_indicators(lines[q - 1]);
                    l.starts_with("? ") && lead(lines[q - 1]) < lead(lines[key - 1])
                });
                if let Some(q) = explicit {
                    return Diagnostic::new(
                        q,
                        format!("not valid YAML: the `?` here makes the key after it a key of its own, indented further, so the text on line {key} reads as keys; remove the `? ` ({info})"),
                    );
                }
                let to = if at_end {
                    "the end of the file".to_string()
                } else {
                    format!("line {line}")
                };
                return Diagnostic::new(
                    key,
                    format!("not valid YAML: a key is needed here, written `key: value`; the parser found none, reading on to {to} ({info})"),
                );
            }
        }
    }
    // A line of a block text that starts with `#`, indented less than the text's lines above
    // it (but further than its key): it reads as a comment and ends the text, and the parser
    // stops at the text's next line.
    if in_block && !at_end {
        let comment = (1..line).rev().find(|&n| !lines[n - 1].trim().is_empty());
        let text = comment.and_then(|c| last_content_line(&lines, c - 1));
        if let (Some(comment), Some(text)) = (comment, text) {
            let key = (1..text)
                .rev()
                .find(|&k| has_content(lines[k - 1]) && lead(lines[k - 1]) < lead(lines[text - 1]));
            let c = lead(lines[comment - 1]);
            if lines[comment - 1][c..].starts_with('#')
                && in_text(&lines, text)
                && c < lead(lines[text - 1])
                && key.is_some_and(|k| opens_block_text(lines[k - 1]) && lead(lines[k - 1]) < c)
            {
                return Diagnostic::new(
                    comment,
                    format!("not valid YAML: this line of a text starts with `#` and is indented less than the text's lines above it (column {}), so it reads as a comment and ends the text; indent it as they are", lead(lines[text - 1]) + 1),
                );
            }
        }
    }
    // A list item the parser cannot take after what stands above it: keys with no item of
    // their own, or a key whose value is on its line.
    if in_block && !at_end && info.ends_with("did not find expected key") {
        if let Some(found) = no_item(&lines, line) {
            return found;
        }
    }
    // The catalogue's first line written as a list item (`- links: ...`): the file is a list,
    // and the parser stops at the first key below it at a line's start.
    // A `-` alone there (or with a comment after it) takes the key below as its item's value,
    // and the parser stops past that key, where it finds no more of the list.
    let dash_alone = |l: &str| {
        l.strip_prefix('-')
            .is_some_and(|rest| rest.trim().is_empty() || rest.trim_start().starts_with('#'))
    };
    let keys_below_a_dash = info.ends_with("did not find expected '-' indicator") && at.col() == 0;
    if (keys_below_a_dash || info == "while parsing a node, did not find expected node content")
        && !at_end
    {
        let first = (1..line).find(|&n| {
            has_content(lines[n - 1])
                && !lines[n - 1].starts_with('%')
                && !lines[n - 1].starts_with("---")
        });
        let first = first.filter(|&f| {
            lines[f - 1].starts_with('-') && (keys_below_a_dash || dash_alone(lines[f - 1]))
        });
        if let Some(first) = first {
            let key = match keys_below_a_dash {
                true => Some(line),
                false => (first + 1..=line).find(|&n| has_content(lines[n - 1])),
            };
            return Diagnostic::new(
                first,
                format!("not valid YAML: the catalogue starts with a list item's `-` here, so it is a list, and the key on line {} cannot follow; remove the `-` (the catalogue is a mapping of keys)", key.unwrap_or(line)),
            );
        }
    }
    // A key that does not line up with the keys around it: the parser stops a line below.
    if in_block
        && !at_end
        && (info == "mapping values are not allowed in this context"
            || info.ends_with("did not find expected key")
            || info.ends_with("did not find expected '-' indicator"))
    {
        if let Some(found) = misaligned(&lines, line, at.col()) {
            return found;
        }
    }
    // A key whose block text has no lines, a key below it, and the text below that, indented
    // further (two lines swapped): the parser stops at the text, which has no key of its own.
    // The key of the empty block text is blamed.
    if in_block
        && !at_end
        && (info == "while parsing a block mapping, did not find expected key"
            || info == "mapping values are not allowed in this context")
        && !is_key_line(lines[line - 1])
    {
        let key = last_content_line(&lines, line - 1);
        let empty = key.and_then(|k| last_content_line(&lines, k - 1));
        if let (Some(key), Some(empty)) = (key, empty) {
            let (k, e, s) = (
                indentation(lines[key - 1]),
                indentation(lines[empty - 1]),
                indentation(lines[line - 1]),
            );
            if reads_as_key(lines[key - 1]) && opens_block_text(lines[empty - 1]) && k == e && k < s
            {
                return Diagnostic::new(empty, swapped(key, line));
            }
        }
    }
    // A line of a text indented less than the text's lines above and below it ends the text
    // and reads as a key, whose value goes on into the lines below until a `: ` in them stops
    // the parser. That line is blamed (looked for at most 50 lines up).
    if in_block
        && !at_end
        && (info == "mapping values are not allowed in this context"
            || info == "while parsing a block mapping, did not find expected key")
    {
        // (Text lines are indented by their spaces alone: a `- ` in a text is text.)
        let stop = lead(lines[line - 1]);
        let less = (line.saturating_sub(50).max(2)..line)
            .rev()
            .filter(|&n| has_content(lines[n - 1]))
            .find(|&n| lead(lines[n - 1]) < stop);
        if let Some(less) = less {
            let above = last_content_line(&lines, less - 1);
            let below = (less + 1..=line).find(|&n| has_content(lines[n - 1]));
            if let (Some(above), Some(below)) = (above, below) {
                let text = lead(lines[above - 1]);
                if !is_key_line(lines[less - 1])
                    && in_text(&lines, above)
                    && lead(lines[less - 1]) < text
                    && lead(lines[below - 1]) == text
                {
                    return Diagnostic::new(
                        less,
                        format!("not valid YAML: this line is indented less than the text's lines above and below it (column {}), so it ends the text and reads as a key; indent it as they are", text + 1),
                    );
                }
                // The text's first line indented no further than its key, or a key written
                // between the two: the text has no lines, and the parser stops in the lines below.
                let key = indentation(lines[above - 1]);
                let below_lead = lead(lines[below - 1]);
                if opens_block_text(lines[above - 1])
                    && lead(lines[less - 1]) <= key
                    && below_lead > key
                {
                    if reads_as_key(lines[less - 1]) && indentation(lines[less - 1]) == key {
                        return Diagnostic::new(above, swapped(less, below));
                    }
                    return Diagnostic::new(
                        less,
                        format!("not valid YAML: this line, the first of the text of the key on line {above}, is indented no further than that key (column {}), so the text has no lines and this line reads as a key; indent it as the text's lines below it are (column {})", key + 1, below_lead + 1),
                    );
                }
            }
        }
    }
    // A line with no `: ` where a key is needed, read on into the next key, where the parser
    // finds a `:` it cannot take: the line where that text starts is blamed. (A colon inside a
    // value's text, or in a line indented further, is the stop's own line's.)
    if in_block && info == "mapping values are not allowed in this context" && !at_end {
        let here = lines[line - 1];
        let first_colon = after_indicators(here)
            .find(": ")
            .or_else(|| after_indicators(here).strip_suffix(':').map(str::len))
            .map(|i| indentation(here) + i);
        if first_colon == Some(at.col()) {
            // Indented no further than the text's start: not a line of that text.
            let key = key_start(&lines, line - 1, Some((line, at.col())))
                .filter(|&key| indentation(here) <= indentation(lines[key - 1]));
            if let Some(key) = key {
                return Diagnostic::new(
                    key,
                    format!("not valid YAML: a key is needed here, written `key: value`; the parser found none, reading on to line {line} ({info})"),
                );
            }
        }
    }
    // A block text's first line sets its indentation: indented further than the next, it ends
    // the text there, and the parser finds no key in the line below. The first line is blamed
    // when the lines after it agree with one another. (A line below that starts with a quoted
    // word, `'err'.`, is read as a quoted key with more after it.)
    if in_block
        && (info == "while parsing a block mapping, did not find expected key"
            || info.starts_with("invalid trailing content after"))
        && !at_end
    {
        let first = last_content_line(&lines, line - 1);
        let header = first.and_then(|f| last_content_line(&lines, f - 1));
        if let (Some(first), Some(header)) = (first, header) {
            let is_block = opens_block_text(lines[header - 1]);
            // (Text lines are indented by their spaces alone: a `- ` in a text is text.)
            let (k, f, l) = (
                indentation(lines[header - 1]),
                lead(lines[first - 1]),
                lead(lines[line - 1]),
            );
            // The line below the stop, indented as the stop is, says which of the two is odd.
            let below = (line + 1..=lines.len()).find(|&n| has_content(lines[n - 1]));
            // With no text line below it (a text of two lines), the stop's line is taken to be
            // right where it stands two columns past its key, as texts are written.
            let agrees = match below.filter(|&b| !is_key_line(lines[b - 1])) {
                Some(b) => lead(lines[b - 1]) == l,
                None => l == k + 2,
            };
            if is_block && k < l && l < f && agrees && !is_key_line(lines[line - 1]) {
                return Diagnostic::new(
                    first,
                    format!("not valid YAML: this first line of a text is indented further than line {line}, and a text takes its indentation from its first line; indent its lines alike"),
                );
            }
        }
    }
    // A key's line made a comment by a `#` before it: the text below it, indented further, has
    // no key, and the parser stops there. The comment is blamed when it reads as one of the
    // catalogue's keys and is the line just above the stop (blank lines aside, at most 50).
    if in_block && info == "while parsing a block mapping, did not find expected key" && !at_end {
        let above = (1..line)
            .rev()
            .take(50)
            .find(|&n| !lines[n - 1].trim().is_empty());
        if let Some(above) = above {
            let l = lines[above - 1];
            let hash = l.len() - l.trim_start_matches(' ').len();
            let commented = l[hash..]
                .strip_prefix('#')
                .map(|k| k.trim_start_matches(' '))
                .filter(|k| is_key_line(k));
            if let Some(key) = commented.filter(|_| indentation(lines[line - 1]) > hash) {
                let key = key.split(':').next().unwrap_or(key);
                return Diagnostic::new(
                    above,
                    format!("not valid YAML: the key `{key}` here is commented out by its `#`, so the text below it on line {line} has no key; remove the `#`, or the text too"),
                );
            }
        }
    }
    // A quoted text not closed on its line takes in the lines below, keys and all, until a
    // quote closes it: it is blamed where it opens.
    // (In brackets, as JSON is written, a quoted text never goes on to the next line.)
    if info.starts_with("invalid trailing content after") {
        if let Some((open, col)) = quote_opened(&lines, line, at.col()) {
            // (Brackets the parser still holds back are found in the text.)
            let in_brackets = !in_block || !open_flows(&lines, open).is_empty();
            // A quote right before a word is one of the prose (`account's`, `the "from"
            // number`), which closes a quote opened above by mistake.
            let prose = lines[line - 1]
                .chars()
                .nth(at.col())
                .is_some_and(char::is_alphanumeric);
            let swallowed =
                in_brackets || prose || (open + 1..=line).any(|n| is_key_line(lines[n - 1]));
            if open < line && swallowed {
                return Diagnostic::new(
                    open,
                    format!("not valid YAML: the quoted text opened here (column {}) is not closed on its line, so it takes in the lines below up to line {line}, where a quote closes it; close the quote on this line", col + 1),
                );
            }
        }
    }
    // A list item whose keys cannot line up with the next line's: two `-` at once, or a tab
    // after its `-` (a tab counts as one column). The parser stops at the next line.
    if in_block
        && !at_end
        && (info.ends_with("did not find expected '-' indicator")
            || info.ends_with("did not find expected key"))
    {
        if let Some(item) = last_content_line(&lines, line - 1).filter(|&n| !in_text(&lines, n)) {
            let text = lines[item - 1];
            // Its indentation and `-`s, tabs counted as white space here.
            let mut key = text.trim_start_matches([' ', '\t']);
            while let Some(rest) = key.strip_prefix('-').filter(|r| r.starts_with([' ', '\t'])) {
                key = rest.trim_start_matches([' ', '\t']);
            }
            let lead = &text[..text.len() - key.len()];
            let why = if lead.matches('-').count() > 1 {
                Some("this line opens two lists at once (`- -`); an item takes one `-`")
            } else if lead.contains('\t') && lead.contains('-') {
                Some("a tab in this item's indentation or after its `-`, which YAML counts as one column, so its keys do not line up with the next line's; write spaces")
            } else {
                None
            };
            if let Some(why) = why {
                return Diagnostic::new(item, format!("not valid YAML: {why}"));
            }
        }
    }
    // An alias with no anchor before it: refused as every alias is, not as a name unknown.
    if info.ends_with("found unknown anchor") {
        return Diagnostic::new(line, ALIAS_REFUSED);
    }
    // The first key indented: the document is that mapping, which a key at a line's start
    // below cannot continue.
    if info == "did not find expected <document start>" {
        // A directive (`%YAML 1.2`) with no `---` after it: the document must start with one.
        let directive = (1..line).rev().find(|&n| lines[n - 1].starts_with('%'));
        if let Some(d) = directive {
            if !(d + 1..line).any(|n| lines[n - 1].starts_with("---")) {
                return Diagnostic::new(line, format!("not valid YAML: a `---` line must come between the `%` directive on line {d} and the document; write `---` on a line above this one, or remove the directive"));
            }
        }
        let first = (1..=lines.len()).find(|&n| {
            let l = lines[n - 1].trim_start_matches([' ', '\t']);
            !l.is_empty() && !l.starts_with(['#', '%']) && !l.starts_with("---")
        });
        if let Some(first) = first.filter(|&n| lines[n - 1].starts_with([' ', '\t'])) {
            if first < line {
                return Diagnostic::new(first, format!("not valid YAML: the first key is indented, so the key at the start of line {line} cannot follow it; write every top-level key at the start of its line"));
            }
        }
        // The catalogue written in brackets (as JSON): closed, with more after it on this line
        // or below (a `,` after its last `}`).
        let bracketed = first.filter(|&n| {
            n < line && lines[n - 1].starts_with(['{', '[']) && open_flows(&lines, line).is_empty()
        });
        if let Some(first) = bracketed {
            return Diagnostic::new(line, format!("not valid YAML: the catalogue's brackets, opened on line {first}, are closed by here, and nothing may follow them; remove what follows the last `}}` or `]`"));
        }
        // The first line is no key (a comment's `#` lost, `-#`): the file is that text, which
        // the key below cannot follow.
        let keyless = |n: usize| !after_indicators(lines[n - 1]).contains(": ");
        if let Some(first) = first.filter(|&n| n < line && keyless(n) && !in_text(&lines, n)) {
            return Diagnostic::new(first, format!("not valid YAML: this line is no key (`key: value`), so the catalogue is a text starting here, and the key at the start of line {line} cannot follow it; make it a comment (`# ...`) or remove it"));
        }
    }
    // A `[` or `{` the parser still holds back (it may start a key) is not on the stack: it
    // is looked for in the text when the parser says it is in a flow collection.
    let flow_error = info.ends_with("is only valid inside a block")
        || info == "invalid indentation in flow construct"
        || info == "invalid indentation"
        // (Said only in a flow collection: a key there cannot go on to a second line.)
        || info == "illegal placement of ':' indicator"
        || (at_end && info.starts_with("simple key expect"))
        || info.starts_with("while parsing a flow");
    // A quoted text with more after it than a `,`, in brackets left open above: the bracket's
    // when block style stands between (a block text's key, a list item), which brackets cannot
    // hold, so the lines were never meant to be in them.
    let block_inside = |open: usize| {
        (open + 1..line)
            .any(|n| opens_block_text(lines[n - 1]) || lines[n - 1].trim_start().starts_with("- "))
    };
    let opened = opened.map(|open| open.line).or_else(|| {
        let trailing = info.starts_with("invalid trailing content after");
        (flow_error || trailing)
            .then(|| unclosed_flow(&lines, line))
            .flatten()
            .filter(|&open| open < line || at_end)
            .filter(|&open| !trailing || block_inside(open))
    });
    // A `,` left out between two items (a catalogue written as JSON): every bracket in the
    // file closes, so it is the comma, not a bracket, that is missing: at the end of the line
    // above the stop when that line ends an item (its plain value, `false` say, would go on
    // into the stop's line), else where the parser stopped.
    let no_comma = info == "while parsing a flow mapping, did not find expected ',' or '}'"
        || info == "while parsing a flow sequence, expected ',' or ']'";
    let (still_open, stray) = scan_flows(&lines, lines.len());
    if let Some(stray) = stray.filter(|&s| s <= line && (no_comma || flow_error)) {
        return Diagnostic::new(
            stray,
            format!("not valid YAML: a `]` or `}}` here closes the other kind of bracket (one too many, or one missing above) ({info})"),
        );
    }
    if no_comma && !at_end && still_open.is_empty() {
        let open = stack.iter().rev().map(Frame::start).find(|s| s.flow);
        let above = last_content_line(&lines, line - 1)
            .filter(|&a| open.is_some_and(|o| a >= o.line))
            .filter(|&a| {
                let end = lines[a - 1].trim_end();
                !end.ends_with([',', '[', '{'])
            });
        if let Some(above) = above {
            return Diagnostic::new(above, format!("not valid YAML: a `,` is missing at the end of this line, before the next item on line {line}"));
        }
        return Diagnostic::new(
            line,
            format!(
                "not valid YAML: a `,` is missing before column {} ({info})",
                at.col() + 1
            ),
        );
    }
    // Every bracket in the file closes, and by one of its kind: none was left open, and the
    // trouble is on the parser's line (`,,`, a `- ` inside brackets).
    let opened = opened.filter(|_| !(still_open.is_empty() && stray.is_none()));
    match opened {
        Some(open) if at_end => Diagnostic::new(
            open,
            format!("not valid YAML: a `[` or `{{` opened here is not closed before the end of the file ({info})"),
        ),
        Some(open) => Diagnostic::new(
            open,
            format!("not valid YAML: a `[` or `{{` opened here is not closed where line {line} expects it ({info})"),
        ),
        None => {
            // A tab is white space, but not where the parser wants one after `:` or `-`.
            let hint = if info.ends_with("must be followed by a valid YAML whitespace") {
                "; write a space there, not a tab"
            } else {
                ""
            };
            Diagnostic::new(
                line,
                format!("not valid YAML: {info} (column {}){hint}", at.col() + 1),
            )
        }
    }
}

/// Whether `line` is a key whose value is a block text (`key: >-`, `key: |`).
fn opens_block_text(line: &str) -> bool {
    let value = after_indicators(line).split_once(": ").map(|(_, v)| v);
    let value = value.map(|v| v.split(" #").next().unwrap_or(v).trim());
    value.is_some_and(|v| {
        v.starts_with(['|', '>']) && v[1..].chars().all(|c| "+-123456789".contains(c))
    })
}

/// Whether `line` is a comment that reads as a list item's first line of the catalogue
/// (`# - code: "0001"`).
fn commented_item(line: &str) -> bool {
    line.trim_start_matches(' ')
        .strip_prefix('#')
        .map(|l| l.trim_start_matches(' '))
        .is_some_and(|l| l.starts_with("- ") && is_key_line(l))
}

/// Why values nested too deep are refused.
fn nested_too_deep() -> String {
    format!("values nest more than {MAX_DEPTH} levels deep; the catalogue needs three")
}

/// Why an alias is refused.
const ALIAS_REFUSED: &str =
    "YAML aliases (`*name`) are not allowed in the catalogue; write the value out";

/// The 1-based number of the last line at or above 1-based `upto` that holds more than white
/// space or a comment.
fn last_content_line(lines: &[&str], upto: usize) -> Option<usize> {
    (1..=upto.min(lines.len()))
        .rev()
        .find(|&n| has_content(lines[n - 1]))
}

/// The most lines a text is taken to run over, where the line blamed for a syntax error is
/// looked for: far more than a catalogue's texts have.
const MAX_TEXT_LINES: usize = 500;

/// Whether 1-based line `n` is a line of a text begun above it, which may hold any character
/// and words: of a block text (`key: >-`), or of a plain or quoted text going on from its key's
/// line without a `: ` (which would end it). The text's key is the nearest line above indented
/// less, looked for at most [`MAX_TEXT_LINES`] lines up (so that asking of many lines stays
/// linear in a file of thousands of keys alike): [`text_key`].
fn in_text(lines: &[&str], n: usize) -> bool {
    let Some(key) = text_key(lines, n) else {
        return false;
    };
    if opens_block_text(lines[key - 1]) {
        return true;
    }
    let value = match after_indicators(lines[key - 1]).split_once(": ") {
        Some((_, v)) => v.split(" #").next().unwrap_or(v).trim(),
        None => return false,
    };
    let here = lines[n - 1].trim();
    let closed_quote =
        value.len() > 1 && value.starts_with(['"', '\'']) && value.ends_with(&value[..1]);
    !value.is_empty()
        && !value.starts_with(['[', '{', '&', '*', '!', '|', '>'])
        && !closed_quote
        && !here.contains(": ")
        && !here.ends_with(':')
}

/// The key of the text 1-based line `n` would be a line of: the nearest line above it that
/// holds more than white space or a comment and is indented less, looked for at most
/// [`MAX_TEXT_LINES`] lines up; `None` when there is none, or no line `n`.
fn text_key(lines: &[&str], n: usize) -> Option<usize> {
    let own = lead(lines.get(n.wrapping_sub(1))?);
    (n.saturating_sub(MAX_TEXT_LINES).max(1)..n)
        .rev()
        .find(|&k| has_content(lines[k - 1]) && lead(lines[k - 1]) < own)
}

/// Whether `line` holds more than white space or a comment.
fn has_content(line: &str) -> bool {
    let l = line.trim_start_matches([' ', '\t']);
    !l.is_empty() && !l.starts_with('#')
}

/// The `[` and `{` still open at the end of 1-based line `upto`, outermost first, each at its
/// 1-based line and 0-based character column, and the first line where a `]` closes a `{` or a
/// `}` a `[`, read as the parser reads them: where a value starts (at a line's start, or after `: `, `- `,
/// `,` or another bracket), or anywhere inside one, outside quotes, comments and block texts.
fn scan_flows(lines: &[&str], upto: usize) -> (Vec<(usize, usize)>, Option<usize>) {
    let flows = read_flows(lines.iter().copied(), upto);
    (flows.open, flows.stray)
}

/// What [`read_flows`] finds.
struct Flows {
    /// The `[` and `{` still open, as [`scan_flows`] gives them.
    open: Vec<(usize, usize)>,
    /// The first line where a `]` closes a `{` or a `}` a `[`.
    stray: Option<usize>,
    /// The line where the tokens inside brackets (brackets, `,`, `:`, texts and words) first
    /// number more than [`MAX_TOKENS`].
    crowded: Option<usize>,
}

/// [`scan_flows`] of any lines (a catalogue's are not collected for it), also counting the
/// tokens inside brackets.
fn read_flows<'a>(lines: impl Iterator<Item = &'a str>, upto: usize) -> Flows {
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut tokens = 0;
    let mut crowded = None;
    // Which bracket each open one is, and the first line where one closes the other kind.
    let mut kinds: Vec<char> = Vec::new();
    let mut stray = None;
    let mut quote: Option<char> = None;
    // Inside a block text: the indentation of its key, which lines below must pass.
    let mut block: Option<usize> = None;
    for (i, line) in lines.take(upto).enumerate() {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        if let Some(key) = block {
            if line.trim().is_empty() || spaces > key {
                continue;
            }
            block = None;
        }
        // The last character that is not white space, outside quotes and node properties.
        let mut last: Option<char> = None;
        // Inside an anchor or a tag (`&a`, `!!seq`), which may stand before a bracket.
        let mut property = false;
        let mut chars = line.chars().enumerate().peekable();
        let mut prev = ' ';
        while let Some((col, c)) = chars.next() {
            // Inside brackets, outside quotes: a bracket, `,` or `:`, or a text or word begun.
            let marks = "[]{},:";
            if quote.is_none()
                && !open.is_empty()
                && !c.is_whitespace()
                && (marks.contains(c) || prev.is_whitespace() || marks.contains(prev))
            {
                tokens += 1;
                if tokens > MAX_TOKENS && crowded.is_none() {
                    crowded = Some(i + 1);
                }
            }
            match quote {
                Some('"') if c == '\\' => {
                    chars.next();
                }
                Some(q) if c == q => {
                    if q == '\'' && chars.peek().is_some_and(|(_, c)| *c == '\'') {
                        chars.next();
                    } else {
                        quote = None;
                        last = Some(c);
                    }
                }
                Some(_) => {}
                None => match c {
                    '#' if prev.is_whitespace() => break,
                    '&' | '!'
                        if prev.is_whitespace() && last.is_none_or(|l| "[{,:-?".contains(l)) =>
                    {
                        property = true
                    }
                    '"' | '\'' if last.is_none_or(|l| "[{,:-?".contains(l)) => quote = Some(c),
                    '[' | '{' if !open.is_empty() || last.is_none_or(|l| "[{,:-?".contains(l)) => {
                        open.push((i + 1, col));
                        kinds.push(c);
                    }
                    ']' | '}' if !open.is_empty() => {
                        open.pop();
                        let opener = if c == ']' { '[' } else { '{' };
                        if kinds.pop() != Some(opener) && stray.is_none() {
                            stray = Some(i + 1);
                        }
                    }
                    _ => {}
                },
            }
            if c.is_whitespace() {
                property = false;
            } else if quote.is_none() && !property {
                last = Some(c);
            }
            prev = c;
        }
        if open.is_empty() && quote.is_none() && opens_block_text(line) {
            block = Some(spaces);
        }
    }
    Flows {
        open,
        stray,
        crowded,
    }
}

/// A token of a catalogue written in brackets, as JSON is: `[`, `]`, `{`, `}`, `,`, `:`, or `s`
/// for a text or word, and its 1-based line.
#[derive(Clone, Copy)]
struct Token {
    kind: u8,
    line: usize,
    /// For a text or word, a hash of its characters (white space aside): keys told apart.
    text: u64,
}

impl Token {
    /// Adds character `c` to the text's hash (FNV-1a).
    fn add(&mut self, c: char) {
        self.text = (self.text ^ u64::from(c)).wrapping_mul(0x100_0000_01b3);
    }
}

/// How many tokens [`mend_brackets`] reads at most: a catalogue of the largest size `gen` takes
/// (10,000 codes with 8 aliases each) has under 500,000 in brackets, the live one 4,685. Past
/// it no bracket is looked for: a 16 MiB file of commas held 400 MB of tokens, now at most 24 MB.
const MAX_TOKENS: usize = 1_000_000;

/// The tokens of `lines` from index `start`, a catalogue in brackets, outside quotes and comments; `None` when
/// there are more than [`MAX_TOKENS`].
fn flow_tokens(lines: &[&str], start: usize) -> Option<Vec<Token>> {
    let mut out: Vec<Token> = Vec::new();
    let mut quote: Option<char> = None;
    // Inside a plain word, which goes on past spaces and line breaks to an indicator.
    let mut plain = false;
    // Right after a quoted text, where a `:` is the key's whatever follows it (`"a":1`).
    let mut quoted = false;
    for (i, line) in lines.iter().enumerate().skip(start) {
        let mut chars = line.chars().peekable();
        let mut prev = ' ';
        while let Some(c) = chars.next() {
            if let Some(q) = quote {
                if q == '"' && c == '\\' {
                    chars.next();
                } else if c == q {
                    if q == '\'' && chars.peek() == Some(&'\'') {
                        chars.next();
                    } else {
                        quote = None;
                        quoted = true;
                    }
                }
                if quote.is_some() {
                    if let Some(t) = out.last_mut() {
                        t.add(c);
                    }
                }
                prev = c;
                continue;
            }
            let next = chars.peek().copied();
            let kind = match c {
                '#' if prev.is_whitespace() => break,
                '"' | '\'' if !plain => {
                    quote = Some(c);
                    Some(b's')
                }
                '[' | ']' | '{' | '}' | ',' => Some(c as u8),
                ':' if quoted || next.is_none_or(|n| n.is_whitespace() || "[]{},".contains(n)) => {
                    Some(b':')
                }
                c if c.is_whitespace() => None,
                _ if plain => {
                    if let Some(t) = out.last_mut() {
                        t.add(c);
                    }
                    None
                }
                _ => {
                    plain = true;
                    Some(b's')
                }
            };
            if let Some(kind) = kind {
                plain &= kind == b's';
                quoted = false;
                let mut t = Token {
                    kind,
                    line: i + 1,
                    text: 0xcbf2_9ce4_8422_2325,
                };
                if plain {
                    t.add(c);
                }
                if out.len() == MAX_TOKENS {
                    return None;
                }
                out.push(t);
            } else if !c.is_whitespace() {
                quoted = false;
            }
            prev = c;
        }
    }
    Some(out)
}

/// Where tokens read as JSON's grammar reads them stand: what is needed next, and the brackets
/// open, each with its line. (A trailing `,` is taken, as YAML takes it; a `key: value` is
/// taken only in braces.)
#[derive(Clone)]
struct Grammar {
    open: Vec<Token>,
    /// b'v' a value, b'[' a value or `]`, b'{' a key or `}`, b':' a `:`, b'a' what follows a value.
    needs: u8,
}

impl Grammar {
    fn new() -> Self {
        Grammar {
            open: Vec::new(),
            needs: b'v',
        }
    }

    /// Takes token `t`, or says it cannot.
    fn take(&mut self, t: Token) -> bool {
        let top = self.open.last().map(|o| o.kind);
        self.needs = match (self.needs, t.kind) {
            (b'v' | b'[', b's') => b'a',
            (b'v' | b'[', b'[' | b'{') => {
                self.open.push(t);
                t.kind
            }
            (b'[' | b'a', b']') if top == Some(b'[') => {
                self.open.pop();
                b'a'
            }
            (b'{' | b'a', b'}') if top == Some(b'{') => {
                self.open.pop();
                b'a'
            }
            (b'{', b's') => b':',
            (b':', b':') => b'v',
            (b'a', b',') if top.is_some() => top.unwrap_or(b'['),
            _ => return false,
        };
        true
    }

    /// Whether `tokens` take it to the end of a whole value, each taken out of `budget`.
    fn ends<'a>(mut self, tokens: impl IntoIterator<Item = &'a Token>, budget: &mut usize) -> bool {
        tokens.into_iter().all(|&t| {
            *budget = budget.saturating_sub(1);
            *budget > 0 && self.take(t)
        }) && self.open.is_empty()
            && self.needs == b'a'
    }
}

/// Whether the mapping whose `{` is token `p` has a key that the mapping around it has too
/// (read at most [`MEND_WINDOW`] tokens each way, ten times over).
fn keys_meet(tokens: &[Token], p: usize) -> bool {
    // The keys of one mapping: the texts followed by a `:` outside the brackets in it.
    let keys = |range: &mut dyn Iterator<Item = usize>, down: u8| {
        let mut depth = 0usize;
        let mut found = Vec::new();
        for i in range.take(10 * MEND_WINDOW) {
            let t = tokens[i];
            match t.kind {
                b'[' | b'{' | b']' | b'}'
                    if (t.kind == b'[' || t.kind == b'{') != (down == b'+') =>
                {
                    match depth.checked_sub(1) {
                        Some(d) => depth = d,
                        None => break,
                    }
                }
                b'[' | b'{' | b']' | b'}' => depth += 1,
                b's' if depth == 0 && tokens.get(i + 1).is_some_and(|n| n.kind == b':') => {
                    found.push(t.text)
                }
                _ => {}
            }
        }
        found
    };
    let inner = keys(&mut (p + 1..tokens.len()), b'+');
    let outer = keys(&mut (0..p).rev(), b'-');
    inner.iter().any(|k| outer.contains(k))
}

/// How many tokens before the first the grammar cannot take an edit is looked for in.
const MEND_WINDOW: usize = 400;

/// How many tokens, in all, the edits tried may read (a catalogue in brackets has tens of
/// thousands): beyond it, or brackets nested deeper than [`MAX_DEPTH`], the bracket is found
/// as the parser's error says (a file as large as accepted costs no more).
const MEND_BUDGET: usize = 30_000_000;

/// In a catalogue written in brackets (as JSON) where a `]` or `}` closes the other kind: the
/// one bracket that, taken out or put in, makes every bracket close by one of its kind and the
/// whole read as JSON reads, reported at its line. Either reading of the mismatch is tried: a
/// bracket too many, or one left out. Of the edits that mend it, the one on the line nearest
/// where the text stops making sense is taken, a bracket taken out before one put in on the
/// same line; taking out an item's `{` (which joins two items into one) only when nothing else
/// mends it; but a `[` opening a list in a list (which no catalogue has) whenever taking it out
/// mends it.
fn mend_brackets(text: &str, info: &str) -> Option<Diagnostic> {
    // Only a catalogue in brackets: a block one's lines are not even collected (millions of
    // them take more memory than the rest of the read).
    let (start, first) = text
        .lines()
        .enumerate()
        .find(|(_, l)| has_content(l) && !l.starts_with(['%', '-']))?;
    if !first.trim_start().starts_with(['[', '{']) {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let lines = lines.as_slice();
    let stray = scan_flows(lines, lines.len()).1;
    stray?;
    // (Directives and `---` above the brackets are no part of them.)
    let tokens = flow_tokens(lines, start)?;
    let list_in_list = |state: &Grammar, p: usize| {
        tokens[p].kind == b'['
            && state.open.last().is_some_and(|o| o.kind == b'[')
            && p.checked_sub(1)
                .is_some_and(|i| b"[,".contains(&tokens[i].kind))
    };
    // The first token the grammar cannot take, and the last `[` before it that opened a list
    // in a list (which no catalogue has), with the state before it: taken out, it is the one
    // however far above (an entry's `[{` reads on to the end of the list).
    let mut state = Grammar::new();
    let mut fail = 0;
    let mut listed = None;
    while tokens.get(fail).is_some_and(|&t| {
        if list_in_list(&state, fail) {
            listed = Some((fail, state.clone()));
        }
        state.take(t)
    }) {
        if state.open.len() > MAX_DEPTH {
            return None;
        }
        fail += 1;
    }
    let mut budget = MEND_BUDGET;
    let listed_list = listed
        .filter(|(p, before)| before.clone().ends(&tokens[p + 1..], &mut budget))
        .map(|(p, _)| tokens[p].line);
    // The states before each token from the window's start (read again up to there).
    let from = fail.saturating_sub(MEND_WINDOW);
    let mut state = Grammar::new();
    tokens[..from].iter().for_each(|&t| {
        state.take(t);
    });
    let mut states = vec![state.clone()];
    for &t in &tokens[from..fail] {
        state.take(t);
        states.push(state.clone());
    }
    let brackets = [b'[', b']', b'{', b'}'];
    // (line, taken out, joins two items, the bracket)
    let mut mends = Vec::new();
    for p in from..=fail {
        let before = &states[p - from];
        let prev = p.checked_sub(1).map(|i| tokens[i]);
        if let Some(t) = tokens.get(p).filter(|t| brackets.contains(&t.kind)) {
            if before.clone().ends(&tokens[p + 1..], &mut budget) {
                // (An item's `{` taken out joins its keys to the item above: when some are
                // there already, it was no bracket too many.)
                let item = prev.is_none_or(|t| t.kind != b':')
                    && (t.kind == b'[' || (t.kind == b'{' && keys_meet(&tokens, p)));
                mends.push((t.line, true, item, t.kind));
            }
        }
        for b in brackets {
            let put = Token {
                kind: b,
                line: 0,
                text: 0,
            };
            if before
                .clone()
                .ends(std::iter::once(&put).chain(&tokens[p..]), &mut budget)
            {
                let next = tokens.get(p).map_or(lines.len(), |t| t.line);
                // An opener after a key's `:` stands on the key's line; a closer of brackets
                // opened on the line of the last token before it, on that line; else each on
                // the line after that token.
                let inline = |t: Token| {
                    b"]}".contains(&b) && before.open.last().is_some_and(|o| o.line == t.line)
                };
                let line = match prev {
                    Some(t) if t.kind == b':' && b"[{".contains(&b) => t.line,
                    Some(t) if inline(t) => t.line,
                    Some(t) => (t.line + 1).min(next),
                    None => next,
                };
                mends.push((line, false, false, b));
            }
        }
    }
    if budget == 0 {
        return None;
    }
    let (line, out, _, c) = listed_list
        .map(|line| (line, true, true, b'['))
        .or_else(|| {
            mends
                .iter()
                .filter(|m| !m.2)
                .max_by_key(|m| (m.0, m.1))
                .copied()
        })
        .or_else(|| mends.iter().max_by_key(|m| (m.0, m.1)).copied())?;
    let c = c as char;
    let why = match (out, c, stray == Some(line)) {
        (true, ']' | '}', true) => "a `]` or `}` here closes the other kind of bracket (one too many, or one missing above)".to_string(),
        (true, ..) => format!("this `{c}` is one too many; without it every bracket closes by one of its kind"),
        (false, ..) => format!("a `{c}` is missing here; with it every bracket closes by one of its kind"),
    };
    Some(Diagnostic::new(
        line,
        format!("not valid YAML: {why} ({info})"),
    ))
}

/// The `[` and `{` still open at the end of 1-based line `upto` ([`scan_flows`]).
fn open_flows(lines: &[&str], upto: usize) -> Vec<(usize, usize)> {
    scan_flows(lines, upto).0
}

/// The 1-based line of the innermost `[` or `{` still open at the end of 1-based line `upto`
/// ([`open_flows`]).
fn unclosed_flow(lines: &[&str], upto: usize) -> Option<usize> {
    open_flows(lines, upto).last().map(|&(line, _)| line)
}

/// Where the key the parser wanted starts, when it read on from it to 1-based line `stop` and
/// 0-based character column `col` (`None`: the end of the file) without finding its `:`: the
/// last line with content at or above `upto`, or, where that line goes on a text from the
/// lines above, the line the text starts on.
fn key_start(lines: &[&str], upto: usize, stop: Option<(usize, usize)>) -> Option<usize> {
    let mut key = last_content_line(lines, upto)?;
    // A stop at the start of a line (a key below the text) is indented no further than the
    // key; elsewhere (a comment, a blank line, or a `:` within the text's last line) it says
    // nothing of where the key stands.
    let column = match stop {
        Some((s, col))
            if lines.get(s - 1).is_some_and(|l| has_content(l))
                && col == indentation(lines[s - 1]) =>
        {
            col
        }
        _ => 0,
    };
    // Up the lines the text goes on over: indented further than the stop, each no less than
    // the line above it, which is no key of the catalogue's.
    while indentation(lines[key - 1]) > column {
        match last_content_line(lines, key - 1) {
            Some(above)
                if lead(lines[above - 1]) <= lead(lines[key - 1])
                    && !is_key_line(lines[above - 1]) =>
            {
                key = above
            }
            _ => break,
        }
    }
    Some(key)
}

/// Why the list item at 1-based `stop` cannot follow the lines above it (the parser stops at
/// its `-`), when one of these is the trouble, at its line: the keys above it, indented further
/// than its `-`, have no `- ` of their own (the list's first item lost it, or it is commented
/// out, `# - code: ...`; they are the value of the list's key, a mapping); or the key just above
/// the item has a value on its line, so the list belongs to no key (the item is blamed: its key
/// is missing, or the key above is in the wrong place).
fn no_item(lines: &[&str], stop: usize) -> Option<Diagnostic> {
    let dash = lead(lines[stop - 1]);
    if !lines[stop - 1][dash..].starts_with("- ") {
        return None;
    }
    let valued = |l: &str| {
        let value = after_indicators(l).split_once(": ").map(|(_, v)| v.trim());
        value.is_some_and(|v| !v.is_empty() && !v.starts_with('#'))
    };
    let mut first_key = None;
    for n in (stop.saturating_sub(200).max(1)..stop).rev() {
        let l = lines[n - 1];
        if commented_item(l) {
            return Some(Diagnostic::new(
                n,
                format!("not valid YAML: this item's first line is commented out by its `#`, so the keys below it have no item, and the item on line {stop} cannot follow them; remove the `#`"),
            ));
        }
        // (A text's lines may read as anything, a list item's too.)
        if !has_content(l) || in_text(lines, n) {
            continue;
        }
        if lead(l) > dash {
            // An item of a list indented further: the item at `stop` is the odd one.
            if l[lead(l)..].starts_with('-') {
                return None;
            }
            first_key = Some(n).filter(|_| is_key_line(l));
            continue;
        }
        // The key the list is the value of, or should be (a list may stand at its key's
        // column).
        if l[lead(l)..].starts_with('-') || !is_key_line(l) {
            return None;
        }
        return match first_key {
            Some(key) if !valued(l) || key < n => Some(Diagnostic::new(
                key,
                format!("not valid YAML: the keys from this line on are indented as a list item's, but no `- ` starts their item, so the item on line {stop} cannot follow them; start the item with `- `"),
            )),
            Some(_) => None,
            // (Right above it: a comment between may be the key's line commented out.)
            None if valued(l) && (n + 1..stop).all(|b| lines[b - 1].trim().is_empty()) => {
                // Indented less than the key above it and the item's: the key is the odd one.
                let s = indentation(lines[stop - 1]);
                let above = last_content_line(lines, n - 1).and_then(|p| keyed_line(lines, p));
                if above.is_some_and(|p| indentation(lines[p - 1]) == s) && indentation(l) < s {
                    return Some(Diagnostic::new(
                        n,
                        format!("not valid YAML: this key is at column {}, but the keys of its item around it are at column {}; the keys of one item line up, so indent them alike", indentation(l) + 1, s + 1),
                    ));
                }
                let key = shorten(after_indicators(l).split(':').next().unwrap_or_default(), 30);
                Some(Diagnostic::new(
                    stop,
                    format!("not valid YAML: this list item belongs to no key: `{key}` above it (line {n}) has its value on its line; write the list's key on a line of its own above the list"),
                ))
            }
            None => None,
        };
    }
    None
}

/// 1-based line `n`, or, for a line of a block text, the line of the text's key (`description:
/// >-`), which stands for the text among the keys; `None` for a line of another text.
fn keyed_line(lines: &[&str], n: usize) -> Option<usize> {
    if !in_text(lines, n) {
        return Some(n);
    }
    text_key(lines, n).filter(|&k| opens_block_text(lines[k - 1]))
}

/// The line to blame when the parser stopped at 1-based `stop`, a key's line, because the line
/// above it does not line up with it: a key written at a line's start in the middle of an item
/// (it ends the lists above as a key of the catalogue's own, and the item's next key is read as
/// more of its value), an item's first line indented otherwise than the keys below it, or a `-`
/// with no space after it (`-code:` is a key, not an item and its key). It is blamed when the
/// lines on its other side agree with the stop's: the key above it, or the first item's keys
/// below it; and when the parser stopped at the `:` of the stop's key (0-based character column
/// `col`) or at the key's start, not further along its line.
fn misaligned(lines: &[&str], stop: usize, col: usize) -> Option<Diagnostic> {
    // A key and a value on one line, `word: value`: a sibling of the keys beside it, where a
    // key alone may open a list or mapping below.
    let key = |l: &str, valued: bool| {
        l.split_once(':').is_some_and(|(k, rest)| {
            !k.is_empty()
                && k.chars().all(|c| c.is_alphanumeric() || c == '_')
                && (rest.starts_with(' ') && (!valued || !rest.trim().is_empty())
                    || (!valued && rest.is_empty()))
        })
    };
    let sibling = |n: usize| key(after_indicators(lines[n - 1]), true);
    // Below a block text, its key (`description: >-`) stands for it.
    let keyed = |n| keyed_line(lines, n);
    let above = keyed(last_content_line(lines, stop - 1)?)?;
    let prev = last_content_line(lines, above - 1).and_then(keyed);
    let below = (stop + 1..=lines.len()).find(|&n| has_content(lines[n - 1]));
    let (a, s) = (indentation(lines[above - 1]), indentation(lines[stop - 1]));
    let agrees = |n: Option<usize>| n.is_some_and(|n| sibling(n) && indentation(lines[n - 1]) == s);
    let (after, before) = (agrees(below), agrees(prev));
    // (At its `:`, at its start when no `-` was found there, or at its item's `-`.)
    let at_key = lines[stop - 1].chars().position(|c| c == ':') == Some(col)
        || indentation(lines[stop - 1]) == col
        || lead(lines[stop - 1]) == col;
    if !at_key || !sibling(stop) || !(after || before) {
        return None;
    }
    let text = after_indicators(lines[above - 1]);
    // Two `-` at once, or a tab after one, are said as such below.
    let indicators = &lines[above - 1][..lines[above - 1].len() - text.len()];
    if indicators.matches('-').count() > 1 || indicators.contains('\t') {
        return None;
    }
    if let Some(glued) = text
        .strip_prefix('-')
        .filter(|k| !k.starts_with(char::is_whitespace))
    {
        let why = if key(glued, false) {
            let word = shorten(glued.split(':').next().unwrap_or_default(), 30);
            format!("this `-` has no space after it, so `-{word}` reads as a key, not a list item and its key; write `- {word}`")
        } else {
            let next = glued
                .chars()
                .next()
                .map_or(String::new(), |c| format!(" by `{c}`"));
            format!("this `-` is followed{next}, not by a space, so the line is no list item; write `- key: value`")
        };
        return Some(Diagnostic::new(above, format!("not valid YAML: {why}")));
    }
    // Below only, the first item's keys: the line above is the list's key, indented less.
    let first_item = after && prev.is_some_and(|p| indentation(lines[p - 1]) < a);
    if key(text, false) && a != s && (before || first_item) {
        let side = if before { "around" } else { "below" };
        return Some(Diagnostic::new(
            above,
            format!("not valid YAML: this key is at column {}, but the keys of its item {side} it are at column {}; the keys of one item line up, so indent them alike", a + 1, s + 1),
        ));
    }
    // Between two keys that line up, a line the parser cannot read as one of them (a stray
    // character before its key).
    (before && !key(text, false)).then(|| {
        Diagnostic::new(
            above,
            format!("not valid YAML: this line does not read as a key and its value, as the lines around it do, so the parser stops at line {stop}; write it `key: value`, indented as they are (column {})", s + 1),
        )
    })
}

/// Whether `line` starts with one of the catalogue's keys and its `:`, as a line of its
/// structure does (a line of text may hold any words and colons, but rarely that).
fn is_key_line(line: &str) -> bool {
    use crate::load::{CATEGORY_KEYS, ENTRY_KEYS, TOP_KEYS};
    after_indicators(line)
        .split_once(':')
        .is_some_and(|(key, rest)| {
            (rest.is_empty() || rest.starts_with(' '))
                && [TOP_KEYS, CATEGORY_KEYS, ENTRY_KEYS]
                    .concat()
                    .contains(&key)
        })
}

/// What is wrong with a key whose block text has no lines because the key on line `key` stands
/// between it and the text, which starts on line `text`.
fn swapped(key: usize, text: usize) -> String {
    format!("not valid YAML: the text of this key has no lines (line {key} is the next key), and the text on line {text} below that key has no key of its own; move the text up under this key")
}

/// Whether `line` starts with a key and its `:` as YAML reads one: a word of letters, digits,
/// `_` and `-` (one of the catalogue's keys, or one misspelt or unknown).
fn reads_as_key(line: &str) -> bool {
    after_indicators(line)
        .split_once(':')
        .is_some_and(|(key, rest)| {
            (rest.is_empty() || rest.starts_with(' '))
                && key.starts_with(|c: char| c.is_alphabetic() || c == '_')
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        })
}

/// How many spaces `line` starts with: a text line's indentation, where a `- ` is text.
fn lead(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Where `line`'s key, if any, starts, in characters: past its indentation and any `- `.
fn indentation(line: &str) -> usize {
    line.chars().count() - after_indicators(line).chars().count()
}

/// Where the quoted text that closes just before 0-based character column `col` of 1-based
/// `line` opens: its line and column.
fn quote_opened(lines: &[&str], line: usize, col: usize) -> Option<(usize, usize)> {
    let close_line: Vec<char> = lines.get(line - 1)?.chars().collect();
    let quote = *close_line.get(col.checked_sub(1)?)?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let mut n = line;
    let mut chars: Vec<char> = close_line[..col - 1].to_vec();
    loop {
        let mut i = chars.len();
        while i > 0 {
            i -= 1;
            if chars[i] != quote {
                continue;
            }
            let before = chars[..i].iter().rev();
            let opens = if quote == '"' {
                before.take_while(|c| **c == '\\').count() % 2 == 0
            } else if i > 0 && chars[i - 1] == '\'' {
                i -= 1;
                false
            } else {
                true
            };
            if opens {
                return Some((n, i));
            }
        }
        n -= 1;
        chars = lines.get(n.checked_sub(1)?)?.chars().collect();
    }
}

/// What is wrong with `line`, if it holds a character YAML does not allow in a file (a control
/// character other than a tab), starts with one YAML does not read as indentation (a no-break,
/// ideographic or zero-width space), or has one of those right after a key's `:`.
fn odd_character(line: &str) -> Option<String> {
    let name = |c: char| {
        let what = match c {
            '\u{A0}' => "a no-break space",
            '\u{3000}' => "an ideographic space",
            '\u{200B}' => "a zero-width space",
            '\u{B}' => "a vertical tab",
            '\u{C}' => "a form feed",
            c if c.is_control() => "a control character",
            c if c.is_whitespace() => "a space character other than the space",
            _ => "an invisible character",
        };
        format!("U+{:04X} ({what})", u32::from(c))
    };
    let odd_space =
        |c: char| (c.is_whitespace() && c != ' ' && c != '\t') || crate::text::is_invisible(c);
    if let Some(c) = line.chars().find(|&c| c.is_control() && c != '\t') {
        return Some(format!(
            "the line holds {}, which YAML does not allow in a file; remove it",
            name(c)
        ));
    }
    // Outside a text, where prose refuses it anyway: YAML reads it as a character, where some
    // editors show it as a line break, and the line as two.
    if let Some(c) = line.chars().find(|&c| matches!(c, '\u{2028}' | '\u{2029}')) {
        return Some(format!(
            "the line holds U+{:04X} (a Unicode line or paragraph separator), which some editors show as a line break but YAML does not read as one; write a line break",
            u32::from(c)
        ));
    }
    // Past the indentation and any list item's `-` (which may be followed by the odd space).
    let mut chars = line.chars().peekable();
    let lead = loop {
        match chars.next() {
            Some(' ' | '\t') => {}
            Some('-') if chars.peek().is_some_and(|c| c.is_whitespace()) => {}
            c => break c,
        }
    };
    if let Some(c) = lead.filter(|&c| odd_space(c)) {
        return Some(format!(
            "the line starts with {}, which YAML does not read as indentation; indent with spaces",
            name(c)
        ));
    }
    let key = after_indicators(line);
    let (before, after) = key.split_once(':')?;
    let c = after.chars().next().filter(|&c| odd_space(c))?;
    (!before.is_empty() && !before.contains(char::is_whitespace)).then(|| {
        format!(
            "`{}:` is followed by {}, which YAML does not read as a space; write a space after the `:`",
            shorten(before, 30),
            name(c)
        )
    })
}

/// `line` past its indentation and any `- ` of list items: where its key, if any, starts.
fn after_indicators(line: &str) -> &str {
    let mut key = line.trim_start_matches(' ');
    while let Some(rest) = key.strip_prefix('-').filter(|r| r.starts_with([' ', '\t'])) {
        key = rest.trim_start_matches([' ', '\t']);
    }
    key
}

/// The first line on which the block-style quoted text whose quote is at 1-based `line`,
/// 0-based character column `col`, cannot go on: indented no further than the key it is the
/// value of (or the list item's `-`), or a document marker.
fn quote_stops(text: &str, line: usize, col: usize) -> Option<usize> {
    let mut lines = text.split('\n').skip(line.checked_sub(1)?);
    let first = lines.next()?;
    let quote = first.chars().nth(col).filter(|c| *c == '"' || *c == '\'')?;
    let indent = first.len() - after_indicators(first).len();
    let closes = |l: &str, from: usize| {
        let mut chars = l.chars().skip(from).peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if quote == '"' => {
                    chars.next();
                }
                '\'' if quote == '\'' && chars.peek() == Some(&'\'') => {
                    chars.next();
                }
                c if c == quote => return true,
                _ => {}
            }
        }
        false
    };
    if closes(first, col + 1) {
        return None;
    }
    for (i, l) in lines.enumerate() {
        let l = l.strip_suffix('\r').unwrap_or(l);
        let spaces = l.len() - l.trim_start_matches(' ').len();
        let marker = (l.starts_with("---") || l.starts_with("..."))
            && l[3..].chars().next().is_none_or(char::is_whitespace);
        if marker || (!l.trim().is_empty() && spaces <= indent) {
            return Some(line + 1 + i);
        }
        if closes(l, 0) {
            return None;
        }
    }
    None
}

/// The first escape YAML cannot read in the double-quoted scalar whose `"` is at 1-based
/// `line`, 0-based character column `col`, reported at its own line. A UTF-16 surrogate pair,
/// as JSON writes a character beyond U+FFFF, is one of them: the report says what to write.
fn bad_escape(text: &str, line: usize, col: usize) -> Option<Diagnostic> {
    let start = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let mut chars = text.get(start..)?.chars().skip(col).peekable();
    if chars.next() != Some('"') {
        return None;
    }
    let (mut line, mut col) = (line, col + 1);
    // Reads `n` hex digits, if they are there.
    let hex = |chars: &mut std::iter::Peekable<_>, n: usize| -> Option<u32> {
        let digits: String = (0..n)
            .map_while(|_| chars.next_if(char::is_ascii_hexdigit))
            .collect();
        (digits.len() == n).then(|| u32::from_str_radix(&digits, 16).ok())?
    };
    while let Some(c) = chars.next() {
        let at = col;
        col += 1;
        match c {
            '"' => return None,
            '\n' => (line, col) = (line + 1, 0),
            '\\' => {
                let what = chars.next()?;
                col += 1;
                let width = match what {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    '\n' => {
                        (line, col) = (line + 1, 0);
                        continue;
                    }
                    '0' | 'a' | 'b' | 't' | '\t' | 'n' | 'v' | 'f' | 'r' | 'e' | ' ' | '"'
                    | '/' | '\\' | 'N' | '_' | 'L' | 'P' | '\r' => continue,
                    _ => 0,
                };
                let code = (width > 0).then(|| hex(&mut chars, width)).flatten();
                let why = match code {
                    Some(c) if char::from_u32(c).is_some() => {
                        col += width;
                        continue;
                    }
                    Some(high @ 0xD800..=0xDBFF) => {
                        let low = (chars.next() == Some('\\') && chars.next() == Some('u'))
                            .then(|| hex(&mut chars, 4))
                            .flatten()
                            .filter(|low| (0xDC00..=0xDFFF).contains(low));
                        let pair = low.and_then(|low| {
                            let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                            Some((low, char::from_u32(c)?))
                        });
                        match pair {
                            Some((low, c)) => format!(
                                "`\\u{high:04x}\\u{low:04x}` is a UTF-16 surrogate pair, as JSON writes {c:?} (U+{:X}); YAML reads none, so write the character itself or `\\U{:08X}`",
                                u32::from(c),
                                u32::from(c)
                            ),
                            None => format!("`\\u{high:04x}` is half of a UTF-16 surrogate pair, no character; remove it"),
                        }
                    }
                    Some(c @ 0xD800..=0xDFFF) => {
                        format!("`\\u{c:04x}` is half of a UTF-16 surrogate pair, no character; remove it")
                    }
                    Some(c) => {
                        format!("`\\U{c:08X}` is past the last Unicode character, U+10FFFF")
                    }
                    None if width > 0 => {
                        format!("`\\{what}` must be followed by {width} hexadecimal digits; write `\\\\` for a backslash")
                    }
                    None => format!(
                        "`\\{}` is no escape in a double-quoted text; write `\\\\` for a backslash",
                        what.escape_debug()
                    ),
                };
                let message = format!("not valid YAML: {why} (column {})", at + 1);
                return Some(Diagnostic::new(line, message));
            }
            _ => {}
        }
    }
    None
}

/// Parses `text` into its root node (`None` for a document with no content), or every problem
/// found, each with its line.
pub fn parse(text: &str) -> Result<Option<Node>, Vec<Diagnostic>> {
    let read = read(text);
    if read.problems.is_empty() {
        Ok(read.root)
    } else {
        Err(read.problems)
    }
}

/// What [`read`] made of a text.
#[derive(Debug)]
pub struct Read {
    /// The root node (`None` for a document with no content), as far as it was read.
    pub root: Option<Node>,
    /// Whether the whole text was read into `root`. Tags, anchors, aliases, duplicate and
    /// non-scalar keys are problems that leave the tree whole, so what else is wrong with the
    /// catalogue can still be found; a syntax error, a second document, nesting too deep or
    /// too many problems stop reading.
    pub whole: bool,
    /// Every problem found, each with its line, in line order.
    pub problems: Vec<Diagnostic>,
}

/// Reads `text` into a tree of nodes, with every problem found.
pub fn read(text: &str) -> Read {
    // The parser is a third party's: should it ever panic, that is a problem in the file
    // reported at line 1, not a crash of the generator.
    std::panic::catch_unwind(|| parse_events(text)).unwrap_or_else(|_| Read {
        root: None,
        whole: false,
        problems: vec![Diagnostic::new(
            1,
            "not valid YAML: the YAML parser could not read this file",
        )],
    })
}

/// At most this many of YAML's marks in a catalogue, from its first bracket on: just under it,
/// the parser held 430 to 660 MB (`: `, `!t ` and `1,` in a bracket after a misleading
/// quote or comment, on a release build).
const MAX_MARKS: usize = 3 * MAX_TOKENS;

/// The line where the catalogue's marks that begin or part YAML's tokens (`,`, `[`, `{`, `:`,
/// `?`, and the anchors, tags and aliases' `&`, `!`, `*`), wherever they stand, pass
/// [`MAX_TOKENS`]: the bound [`read_flows`] sets, without its reading of quotes, comments and
/// block texts, where a file written to mislead it (`- a: b,'c` before a bracket: a plain
/// word, not a quote) could still make the parser hold millions of tokens. The live
/// catalogue holds about 1,400 of them in all; 10,000 codes whose prose is dense in times and
/// lists (`at 00:00, 04:00, ...`) hold some 2,250,000, under [`MAX_MARKS`].
fn crowded_anywhere(text: &str) -> Option<usize> {
    // Counted from the first `[` or `{`: the parser holds tokens only inside brackets, so a
    // file with none is read as it streams (`a: 1` a million times is a million duplicate
    // keys, reported as such).
    let mut count = 0;
    let mut line = 1;
    for b in text.bytes() {
        match b {
            b'\n' => line += 1,
            b'[' | b'{' => count += 1,
            b',' | b':' | b'?' | b'&' | b'!' | b'*' if count > 0 => count += 1,
            _ => continue,
        }
        if count > MAX_MARKS {
            return Some(line);
        }
    }
    None
}

fn parse_events(text: &str) -> Read {
    // The parser holds every token of a `[` or `{` that could still be a key (one at a line's
    // start, or after `- `) until it closes: a catalogue written as JSON is read whole before
    // its first value, so a 16 MiB one of `1,` took 1.7 GB, with no bound on values met first.
    let crowded = read_flows(text.lines(), usize::MAX)
        .crowded
        .map(|line| {
            (
                line,
                MAX_TOKENS,
                "brackets, values and `,` or `:` inside brackets",
            )
        })
        .or_else(|| {
            crowded_anywhere(text).map(|line| (line, MAX_MARKS, "of YAML's marks (`,[{:?&!*`)"))
        });
    if let Some((line, max, what)) = crowded {
        return Read {
            root: None,
            whole: false,
            problems: vec![Diagnostic::new(line, format!("the catalogue holds more than {max} {what} by here, where one of every code there can be needs under half as many; remove what is not the catalogue's"))],
        };
    }
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = None;
    let mut documents = 0;
    // The line where the last document ended: its `...`, or where the next one starts.
    let mut ended_at = None;
    let mut diags = Collector::default();
    let mut lines = Lines::new(text);
    // Set where reading stops before the end.
    let mut whole = true;
    // The commented-out item line last blamed for a duplicate key.
    let mut commented_shown = None;
    let mut values = 0;
    // Millions of one mistake (duplicate keys, say) stop at a bound.
    while !diags.full() {
        let (event, mark) = match parser.next_token() {
            Ok(next) => next,
            Err(e) => {
                match mend_brackets(text, e.info()) {
                    // What the parser made of the lines from a bracket one too many or left
                    // out on is not what was written there: only the bracket is reported.
                    Some(found) => {
                        diags.diags.retain(|d| d.line < found.line);
                        diags.push(found);
                    }
                    None => diags.push(blame(text, &stack, &e)),
                }
                whole = false;
                break;
            }
        };
        let line = mark.line().max(1);
        if matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
        ) {
            values += 1;
            if values > MAX_VALUES {
                diags.push(Diagnostic::new(
                    line,
                    format!("the catalogue holds more than {MAX_VALUES} values (keys, texts, list items) by here, where one of every code there can be needs under half as many; remove what is not the catalogue's"),
                ));
                whole = false;
                break;
            }
        }
        let start = Start {
            line,
            col: mark.col(),
            // Flow style holds only flow style; in block style a line opens few collections,
            // so looking each one up on its line stays linear.
            flow: matches!(event, Event::SequenceStart(..) | Event::MappingStart(..))
                && (stack.last().is_some_and(|f| f.start().flow)
                    || matches!(lines.char_at(line, mark.col()), Some('[' | '{'))),
        };
        let node = match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    // Without a `---`, the first document was ended by a `...` above.
                    let marked = lines.line_text(line).is_some_and(|l| l.starts_with("---"));
                    diags.push(match ended_at {
                        Some(end) if !marked => Diagnostic::new(end, "the YAML document ends here (`...`), but more follows; the catalogue is one document, so remove the `...`"),
                        _ => Diagnostic::new(line, "a second YAML document starts here; the catalogue is one document, so remove the `---` and what follows or merge it"),
                    });
                    whole = false;
                    break;
                }
                continue;
            }
            Event::DocumentEnd => {
                ended_at = Some(line);
                continue;
            }
            Event::Nothing | Event::StreamStart => continue,
            Event::Alias(_) => {
                diags.push(Diagnostic::new(line, ALIAS_REFUSED));
                Node {
                    line,
                    value: Value::Scalar {
                        text: String::new(),
                        plain: false,
                    },
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                // Only a value left out is plain and empty: a written plain scalar has text.
                let in_block = stack.last().is_some_and(|f| !f.start().flow);
                let left_out = text.is_empty() && style == TScalarStyle::Plain && in_block;
                // A block scalar (`|`, `>`) is marked where its text starts, a line or more
                // below its indicator: it is reported at the indicator's line, found the same
                // way (only blank lines lie between the two).
                let block = matches!(style, TScalarStyle::Literal | TScalarStyle::Folded);
                // A key left out (`: 404`, `- : x`) is marked at its own `:`, on its line; only
                // after a bare `?` above is it that `?`'s.
                let key = matches!(stack.last(), Some(Frame::Map { key: None, .. }));
                let line = if left_out && key && lines.char_at(line, mark.col()) == Some(':') {
                    let above = lines.left_out(line, mark.col());
                    let explicit = lines.line_text(above).is_some_and(|l| {
                        let l = l.trim_start_matches([' ', '-']).trim_end();
                        l == "?" || l.starts_with("? #")
                    });
                    if explicit {
                        above
                    } else {
                        line
                    }
                } else if left_out || block {
                    lines.left_out(line, mark.col())
                } else if anchor != 0 || tag.is_some() {
                    lines.props(line, mark.col())
                } else {
                    line
                };
                check_props(&mut diags, line, anchor, tag.as_ref());
                Node {
                    line,
                    value: Value::Scalar {
                        text,
                        plain: style == TScalarStyle::Plain,
                    },
                }
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                let at = match (anchor != 0 || tag.is_some(), start.flow) {
                    (false, _) => line,
                    (true, true) => lines.props(line, mark.col()),
                    // A block collection is marked at its first item; its tag or anchor ends a
                    // line above (YAML puts a line break between them).
                    (true, false) if line > 1 => lines.shown_above(line),
                    (true, false) => line,
                };
                check_props(&mut diags, at, anchor, tag.as_ref());
                if stack.len() >= MAX_DEPTH {
                    diags.push(Diagnostic::new(line, nested_too_deep()));
                    whole = false;
                    break;
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq(start, Vec::new())
                } else {
                    Frame::Map {
                        start,
                        entries: Vec::new(),
                        key: None,
                        seen: HashMap::new(),
                        meant: None,
                    }
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                // Kept until the whole file is read: no spare capacity (a file of millions of
                // one-item collections would hold four times the memory).
                Some(Frame::Seq(start, mut items)) => Node {
                    line: start.line,
                    value: Value::Seq({
                        items.shrink_to_fit();
                        items
                    }),
                },
                Some(Frame::Map {
                    start, mut entries, ..
                }) => Node {
                    line: start.line,
                    value: Value::Map({
                        entries.shrink_to_fit();
                        entries
                    }),
                },
                None => continue,
            },
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq(_, items)) => items.push(node),
            Some(Frame::Map {
                entries,
                key,
                seen,
                meant,
                ..
            }) => match key.take() {
                Some(k) => match meant.take() {
                    Some((text, value)) if node.is_null() => {
                        entries.push((Key { text, line: k.line }, value))
                    }
                    _ => entries.push((k, node)),
                },
                None => {
                    let text = match &node.value {
                        Value::Scalar { text, .. } => text.clone(),
                        _ => {
                            diags.push(Diagnostic::new(
                                node.line,
                                format!("keys must be plain words; found {}", node.describe()),
                            ));
                            if let Value::Map(pair) = &node.value {
                                if let [(k, v)] = pair.as_slice() {
                                    *meant = Some((k.text.clone(), v.clone()));
                                }
                            }
                            String::new()
                        }
                    };
                    if let Some(first) = seen.insert(text.clone(), node.line) {
                        // An item's first line commented out (`# - code: ...`): the keys below
                        // it join the item above, each a duplicate. The comment is blamed, once.
                        // (Looked for between the two keys, at most 50 lines up.)
                        let commented = (first + 1..node.line)
                            .rev()
                            .take(50)
                            .find(|&n| lines.line_text(n).is_some_and(commented_item));
                        match commented {
                            Some(c) if commented_shown == Some(c) => {}
                            Some(c) => {
                                commented_shown = Some(c);
                                diags.push(Diagnostic::new(
                                    c,
                                    format!("duplicate key `{}` at line {} (first at line {first}): this item's first line is commented out by its `#`, so the keys below it join the item above; remove the `#`", shorten(&text, 60), node.line),
                                ));
                            }
                            None => diags.push(Diagnostic::new(
                                node.line,
                                format!("duplicate key `{}` (first at line {first}); a key may appear once in a mapping", shorten(&text, 60)),
                            )),
                        }
                    }
                    *key = Some(Key {
                        text,
                        line: node.line,
                    });
                }
            },
        }
    }
    Read {
        root,
        whole: whole && !diags.full(),
        problems: diags.finish().0,
    }
}

/// Finds the lines of values left out in block style. The parser marks a value left out (a `-`
/// or `key:` with nothing after it) where the next token starts, which may be lines below, past
/// comments and blank lines, after the next item's `- `: it is reported where it was left out.
/// (In flow style the parser marks it at its own `:` or `,`.)
struct Lines<'a> {
    text: &'a str,
    /// Byte offset of the start of line `line`: a cursor that moves as the parser does, so
    /// every line is walked over a bounded number of times.
    at: usize,
    line: usize,
    /// The last line whose indentation was measured, and its indentation in characters: a
    /// line of many nodes is measured once.
    indent: Option<(usize, usize)>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text,
            at: 0,
            line: 1,
            indent: None,
        }
    }

    /// The line of the properties (a tag or an anchor) of a scalar or flow collection the
    /// parser marked at `line`, character column `col`. Only white space, line breaks and comments lie between them
    /// and the node: they are on its line when anything comes before the node there, else on
    /// the nearest line above that is neither blank nor a comment (`key: !!map` above the
    /// mapping's first key, `- &a` above the item's).
    fn props(&mut self, line: usize, col: usize) -> usize {
        let Some(start) = self.start_of(line) else {
            return self.shown_last();
        };
        let indent = match self.indent {
            Some((l, n)) if l == line => n,
            _ => {
                let n = self.text[start..]
                    .chars()
                    .take_while(|&c| c == ' ' || c == '\t')
                    .count();
                self.indent = Some((line, n));
                n
            }
        };
        if indent < col || line == 1 {
            return line;
        }
        self.shown_above(line)
    }

    /// The nearest line above `line` (> 1) that is neither blank nor a comment, or `line`.
    fn shown_above(&mut self, line: usize) -> usize {
        match self.start_of(line) {
            Some(start) if start > 0 => self
                .shown_from(self.line_before(start), line - 1)
                .unwrap_or(line),
            Some(_) => line,
            None => self.shown_last(),
        }
    }

    /// For a mark past the last line (the parser's, at the end of a file that does not end
    /// with a line break): the last line that is neither blank nor a comment, or the last line.
    fn shown_last(&mut self) -> usize {
        // (`start_of` has left the cursor at the last line.)
        self.shown_from(self.at, self.line).unwrap_or(self.line)
    }

    /// Byte offset of the start of 1-based `line`, if the text has that line.
    fn start_of(&mut self, line: usize) -> Option<usize> {
        while self.line > line.max(1) {
            self.at = self.line_before(self.at);
            self.line -= 1;
        }
        while self.line < line {
            let i = self.text[self.at..].find('\n')?;
            self.at += i + 1;
            self.line += 1;
        }
        Some(self.at)
    }

    /// The text of 1-based `line`, without its line break.
    fn line_text(&mut self, line: usize) -> Option<&'a str> {
        let start = self.start_of(line)?;
        let rest = &self.text[start..];
        Some(&rest[..rest.find('\n').unwrap_or(rest.len())])
    }

    /// The character at 1-based `line`, 0-based character column `col`.
    fn char_at(&mut self, line: usize, col: usize) -> Option<char> {
        let start = self.start_of(line)?;
        self.text[start..].chars().nth(col)
    }

    /// The line of a block-style value left out, which the parser marked at `line` and
    /// character column `col`: the nearest line that is neither blank nor a comment, above the
    /// mark, or on its line when nothing follows the mark there (the end of the file).
    fn left_out(&mut self, line: usize, col: usize) -> usize {
        let found = match self.start_of(line) {
            Some(start) => {
                let rest = &self.text[start..];
                let this = &rest[..rest.find('\n').unwrap_or(rest.len())];
                let after = this.char_indices().nth(col).map_or("", |(i, _)| &this[i..]);
                if !shows(after) {
                    self.shown_from(start, line)
                } else if start > 0 && line > 1 {
                    self.shown_from(self.line_before(start), line - 1)
                } else {
                    None
                }
            }
            None => self.shown_from(self.at, self.line),
        };
        found.unwrap_or(line)
    }

    /// The start of the line before the one starting at byte `start` (> 0).
    fn line_before(&self, start: usize) -> usize {
        self.text[..start - 1].rfind('\n').map_or(0, |i| i + 1)
    }

    /// The nearest line that [`shows`] anything, from the one starting at byte `start`, number
    /// `line`, upwards. The lines walked over lie between two tokens: none is walked twice.
    fn shown_from(&self, mut start: usize, mut line: usize) -> Option<usize> {
        loop {
            let rest = &self.text[start..];
            if shows(&rest[..rest.find('\n').unwrap_or(rest.len())]) {
                return Some(line);
            }
            if start == 0 || line == 1 {
                return None;
            }
            start = self.line_before(start);
            line -= 1;
        }
    }
}

/// Whether a line holds anything but white space and a comment.
fn shows(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && !line.starts_with('#')
}

fn check_props(
    diags: &mut Collector,
    line: usize,
    anchor: usize,
    tag: Option<&yaml_rust2::parser::Tag>,
) {
    if let Some(tag) = tag {
        // The core schema's own tags are written `!!name`.
        let handle = match tag.handle.as_str() {
            "tag:yaml.org,2002:" => "!!",
            handle => handle,
        };
        let written = shorten(&format!("{handle}{}", tag.suffix), 60);
        diags.push(Diagnostic::new(
            line,
            format!("YAML tags such as `{written}` are not allowed in the catalogue; write the value plainly"),
        ));
    }
    if anchor != 0 {
        diags.push(Diagnostic::new(
            line,
            "YAML anchors (`&name`) are not allowed in the catalogue; write the value out",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, String)> {
        parse(text)
            .unwrap_err()
            .into_iter()
            .map(|d| (d.line, d.message))
            .collect()
    }

    /// The parser keeps every token of a `[` or `{` that could still be a key until it closes,
    /// so brackets are counted before it reads: past [`MAX_TOKENS`] inside them the catalogue is
    /// refused where the count passes, unread (16 MiB of `1,` in brackets held 1.7 GB, and no
    /// bound on values was met before). Quoted text and comments are no tokens.
    #[test]
    fn brackets_past_the_token_bound_are_refused_before_the_parser_reads_them() {
        let within = format!("[\n{}1]\n", "1,\n".repeat(MAX_TOKENS / 2 - 1));
        assert!(parse(&within).is_ok());
        let past = format!("[\n{}1]\n", "1,\n".repeat(MAX_TOKENS / 2 + 1));
        let found = lines(&past);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, MAX_TOKENS / 2 + 2, "{found:?}");
        assert!(found[0].1.contains("inside brackets"), "{found:?}");
        for text in [
            format!("- [{}1]\n", "1, ".repeat(MAX_TOKENS)),
            format!("a:\n  b: {{{}}}\n", "k: 1, ".repeat(MAX_TOKENS / 3)),
            // An anchor or a tag before the bracket (the parser held them all the same).
            format!("- &a [{}1]\n", "1,".repeat(MAX_TOKENS)),
            format!("- !!seq [{}1]\n", "1,".repeat(MAX_TOKENS)),
            format!("a: &x !!map {{{}}}\n", "k: 1, ".repeat(MAX_TOKENS / 3)),
        ] {
            let found = lines(&text);
            assert!(found[0].1.contains("inside brackets"), "{found:?}");
        }
        // Shapes whose quotes, comments or block texts the bracket reading takes otherwise
        // than YAML does: the count of YAML's marks wherever they stand bounds them, before
        // the parser reads.
        let many = format!("{}1", "1,".repeat(MAX_MARKS));
        for text in [
            format!("- a: b,'c\n- [{many}]\n"),
            format!("#a: |\n - [{many}]\n"),
            format!("- a: |\n    x\n  [{many}]: x\n"),
            format!("- [a:'b,{many}]\n"),
            // No `,` at all: `: ` pairs, tags, keys.
            format!("#a: |\n - [{}]\n", ": ".repeat(MAX_MARKS + 1)),
            format!("- a: b,'c\n- [{}]\n", "!t ".repeat(MAX_MARKS + 1)),
            format!("- a: b,'c\n- [{}]\n", "? ".repeat(MAX_MARKS + 1)),
        ] {
            let found = lines(&text);
            assert_eq!(found.len(), 1, "{found:?}");
            assert!(found[0].1.contains("YAML's marks"), "{found:?}");
        }
        let quoted = format!(
            "[\"{}\", 1] # {}\n",
            ",".repeat(MAX_TOKENS),
            ",".repeat(MAX_TOKENS)
        );
        assert_eq!(read_flows(quoted.lines(), usize::MAX).crowded, None);
        assert!(parse(&quoted).is_ok());
        // The count wherever they stand takes them all, and refuses where it passes its bound.
        let marks = format!("[{}\n", ",".repeat(MAX_MARKS));
        assert_eq!(crowded_anywhere(&marks), Some(1));
        assert_eq!(crowded_anywhere(&marks[..marks.len() - 2]), None);
        let within = format!("[\"{}\", 1]\n", ",".repeat(MAX_TOKENS - 2));
        assert!(parse(&within).is_ok());
    }

    /// Past [`MAX_TOKENS`] no token is kept, and no bracket looked for: the parser's own line
    /// stands (a 16 MiB file of commas held 400 MB of tokens).
    #[test]
    fn the_bracket_search_reads_a_bounded_number_of_tokens() {
        let commas = ",".repeat(MAX_TOKENS - 2);
        let at_cap = format!("[}}{commas}\n");
        assert_eq!(
            flow_tokens(&[at_cap.as_str()], 0).map(|t| t.len()),
            Some(MAX_TOKENS)
        );
        let past = format!("[}}{commas},\n");
        assert!(flow_tokens(&[past.as_str()], 0).is_none());
        // A bracket too many is still found under the cap, and not past it.
        let mended = |text: &str| mend_brackets(text, "info").map(|d| d.line);
        let small = "{\"a\": [[1],\n\"b\": 2}\n";
        assert_eq!(mended(small), Some(1));
        let large = format!("{{\"a\": [[1,{}],\n\"b\": 2}}\n", "1,".repeat(MAX_TOKENS));
        assert_eq!(mended(&large), None);
    }

    /// A `[` opening a list in a list, before an entry's `{`, is the bracket too many however
    /// far above the end of the list it stands (it was tried only within the last 400 tokens,
    /// so most entries of the live catalogue had "a `]` is missing" at the end of the file),
    /// and so below `---` or a directive too.
    #[test]
    fn a_list_in_a_list_is_found_however_far_above_the_end() {
        let items = "{\"a\": 1},\n".repeat(300);
        for (head, line) in [("", 2), ("---\n", 3), ("%YAML 1.2\n---\n", 4)] {
            let text = format!("{head}{{\"errors\": [\n[{{\"a\": 1}},\n{items}]}}\n");
            let found = mend_brackets(&text, "info").map(|d| (d.line, d.message));
            assert!(
                found
                    .as_ref()
                    .is_some_and(|(l, m)| *l == line && m.contains("`[` is one too many")),
                "{head:?}: {found:?}"
            );
        }
    }

    #[test]
    fn every_node_knows_its_line_in_any_style() {
        let root = parse("a: 1\nerrors:\n- code: \"0001\"\n  \"name\": x\nflow: [{k: v}, 2]\n")
            .unwrap()
            .unwrap();
        let Value::Map(top) = &root.value else {
            panic!()
        };
        assert_eq!(top[1].0.line, 2);
        let Value::Seq(items) = &top[1].1.value else {
            panic!()
        };
        let Value::Map(item) = &items[0].value else {
            panic!()
        };
        assert_eq!((item[1].0.text.as_str(), item[1].0.line), ("name", 4));
        assert_eq!(top[2].1.line, 5);
    }

    #[test]
    fn refuses_what_a_catalogue_must_not_hold_at_its_line() {
        assert_eq!(lines("a: 1\nb: 2\na: 3\n")[0].0, 3);
        assert!(lines("a: 1\nb: 2\na: 3\n")[0]
            .1
            .contains("duplicate key `a`"));
        assert_eq!(lines("a: 1\n---\nb: 2\n")[0].0, 2);
        // Ended by `...`, the document is followed by another without a `---`.
        let ended = lines("a: 1\n...\n# c\nb: 2\n");
        assert_eq!(ended[0].0, 2);
        assert!(ended[0].1.contains("remove the `...`"), "{ended:?}");
        assert_eq!(lines("a: 1\n...\n# c\n--- \nb: 2\n")[0].0, 4);
        assert_eq!(lines("a: !!binary aGk=\n")[0].0, 1);
        assert_eq!(lines("a: &x [1]\nb: *x\n").len(), 2);
        assert_eq!(lines(&"[".repeat(100))[0].0, 1);
        // Deeper than the parser's own limit, said as this reader's.
        let deep = lines(&format!("a: 1\nb: {}", "[".repeat(1000)));
        assert_eq!(deep[0], (2, super::nested_too_deep()));
        assert!(lines("a: [\n").iter().all(|(l, _)| *l >= 1));
        // Where the parser stops, not at the end of the file: a block scalar's text in bytes
        // (é is two) does not make it look further on than it is.
        let stopped = lines(&format!("a: |\n  {}\nb: [1, 2\nc: 3\n", "é".repeat(100)));
        assert_eq!(stopped[0].0, 3);
        assert!(
            stopped[0].1.contains("where line 4 expects it"),
            "{stopped:?}"
        );
    }

    /// The parser marks a value left out where the next token starts; it is found at the `-`
    /// or `key:` that left it out, past comments, blank lines and the next item's `- `.
    #[test]
    fn a_value_left_out_is_found_where_it_was_left_out() {
        let item_lines = |text: &str| match parse(text).unwrap().unwrap().value {
            Value::Map(m) => match &m[0].1.value {
                Value::Seq(items) => items.iter().map(|n| n.line).collect::<Vec<_>>(),
                _ => panic!(),
            },
            _ => panic!(),
        };
        assert_eq!(
            item_lines("a:\n  - x\n  -\n  # c\n\n  - {}\n  -\n\nb: 1\n"),
            [2, 3, 6, 7]
        );
        assert_eq!(item_lines("a:\n  - x\n  -"), [2, 3]);
        assert_eq!(item_lines("a:\n- x\n-\n- y\n"), [2, 3, 4]);
        assert_eq!(lines("a: !!str\n\n# c\nb: 1\n")[0].0, 1);
        assert_eq!(lines("a:\n  - &x\n  - y\n")[0].0, 2);
        // In flow style the parser marks it at its own `:`.
        assert_eq!(lines("a: {k: !!str ,\n  l: 1}\n")[0].0, 1);
    }

    /// A tag or anchor on a line of its own is reported there, not at the first item of the
    /// collection (or the value) it stands before, a line or more below.
    #[test]
    fn a_tag_or_anchor_is_found_on_its_own_line() {
        assert_eq!(lines("a: !!seq\n  - x\n")[0].0, 1);
        assert_eq!(lines("a:\n  &x\n\n  # c\n  - x\n")[0].0, 2);
        assert_eq!(lines("a:\n  - !!map\n    k: v\n")[0].0, 2);
        assert_eq!(lines("a: !!str\n  x\n")[0].0, 1);
        assert_eq!(lines("a: [ !!str\n  x]\n")[0].0, 1);
        assert_eq!(lines("a: &x\n  [1]\n")[0].0, 1);
        // Anything before the node on its line: they are on that line.
        assert_eq!(lines("a: 1\nb: &x [1]\n")[0].0, 2);
        assert_eq!(lines("a: 1\nb:\n  - &x k: v\n")[0].0, 3);
        assert_eq!(lines("&x\n- 1\n")[0].0, 1);
        assert_eq!(lines("a: !!seq\n- x\n")[0].0, 1);
        assert_eq!(lines("a: &x\n\n  ? k\n  : v\n")[0].0, 1);
        assert_eq!(lines("a: !!map\n  \"k\": v\n")[0].0, 1);
        assert_eq!(lines("--- !!map\nk: v\n")[0].0, 1);
        // On the key's line, they are the key's.
        assert_eq!(lines("a:\n- !!str k: v\n")[0].0, 2);
        // At the end of a file with no line break after its one line: on that line, not on a
        // line past it (the parser marks what they stand before there).
        assert_eq!(lines("!!map")[0].0, 1);
        assert_eq!(lines("&a")[0].0, 1);
        assert_eq!(lines("# c\n&a")[0].0, 2);
    }

    /// The parser marks a bad escape where its double-quoted text starts: it is found at its
    /// own line, also inside a `[` that is closed, which is not blamed.
    #[test]
    fn a_bad_escape_is_found_at_its_line() {
        let found = lines("a: [\n  \"x\\\n  y \\q\"]\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 3, "{found:?}");
        assert!(found[0].1.contains("`\\q` is no escape"), "{found:?}");
        let found = lines("a: \"ok \\\\ \\\" \\x41 \\u00e9 \\U0001F600\n  then\n  \\ud800\"\n");
        assert_eq!(found[0].0, 3, "{found:?}");
        assert!(found[0].1.contains("`\\ud800` is half of"), "{found:?}");
        // In single quotes a backslash is a backslash.
        assert!(parse("a: 'C:\\Users\\ud800'\n").is_ok());
    }

    /// Whether a line is a text's is looked for a bounded way up: a file of a million keys
    /// alike, each asked of, took minutes to blame a syntax error at its end (20 s for 900,000
    /// keys in a debug build, as `cargo xtask gen` runs).
    #[test]
    fn a_texts_key_is_looked_for_a_bounded_way_up() {
        let mut text = vec!["a: >-"];
        text.extend(std::iter::repeat_n("  words", MAX_TEXT_LINES + 1));
        assert!(in_text(&text, MAX_TEXT_LINES + 1));
        assert!(!in_text(&text, MAX_TEXT_LINES + 2));
    }

    #[test]
    fn plain_scalars_resolve_by_the_core_schema() {
        assert_eq!(resolve("0405"), Plain::Int(405));
        assert_eq!(resolve("-12"), Plain::Int(-12));
        assert_eq!(resolve("0x1F"), Plain::Int(31));
        assert_eq!(resolve("~"), Plain::Null);
        assert_eq!(resolve("True"), Plain::Bool(true));
        assert_eq!(resolve("1.5e3"), Plain::Float);
        assert_eq!(resolve(".5"), Plain::Float);
        assert_eq!(resolve("yes"), Plain::Str("yes"));
        assert_eq!(resolve("1.2.3"), Plain::Str("1.2.3"));
        assert_eq!(resolve("e3"), Plain::Str("e3"));
        assert_eq!(
            resolve(&"9".repeat(100)),
            Plain::Float,
            "too large to be an int"
        );
        let huge = Node {
            line: 1,
            value: Value::Scalar {
                text: "9".repeat(50),
                plain: true,
            },
        };
        assert_eq!(huge.describe(), format!("the number {}", "9".repeat(50)));
    }
}
