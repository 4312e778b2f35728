//! Problems found in the catalogue, each tied to a line of `errors.yaml`.

use std::collections::{HashMap, HashSet};
use std::fmt;

/// One problem in the catalogue: where it is and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line in the catalogue file.
    pub line: usize,
    /// What is wrong, and where it helps, how to fix it.
    pub message: String,
}

/// The longest message kept, in characters; a message quoting a huge value is cut.
pub const MAX_MESSAGE: usize = 300;

impl Diagnostic {
    /// A problem at `line` (1-based). The message is made safe for a terminal and for scripts
    /// reading one problem per line: what it quotes from the catalogue cannot break the line,
    /// forge another, or send escape sequences ([`one_line`]), and it is cut at
    /// [`MAX_MESSAGE`] characters.
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        let message = one_line(&message.into());
        let message = match message.char_indices().nth(MAX_MESSAGE) {
            Some((cut, _)) => format!("{}…", &message[..cut]),
            None => message,
        };
        Diagnostic { line, message }
    }
}

/// At most `max` characters of `text`, with `…` where it was cut: how a message quotes a value.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// `text` on one line with nothing a terminal would act on: control characters (line breaks,
/// escape sequences), Unicode line separators and bidirectional controls are written as Rust
/// escapes (`\n`, `\u{1b}`, `\u{202e}`). So are white space other than a space and the
/// characters that show nothing ([`crate::text::is_invisible`]), so that a quoted key or name
/// shows what is wrong with it (`retry\u{a0}`, not `retry `).
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // What prose may not hold, the line breaks and tabs it may, and what cannot be seen.
        if c.is_control()
            || crate::text::forbidden(c).is_some()
            || (c.is_whitespace() && c != ' ')
            || crate::text::is_invisible(c)
        {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// How many problems of one kind are listed before the rest are counted.
pub const MAX_PER_KIND: usize = 10;
/// How many problems are collected before reading stops: far more than are ever listed, and few
/// enough that a file of millions of one mistake costs no more time or memory than a small one.
pub const MAX_PROBLEMS: usize = 1_000;

impl Diagnostic {
    /// The last of a list of problems cut at [`MAX_PROBLEMS`]: where reading stopped.
    pub fn stopped(line: usize) -> Self {
        Diagnostic::new(line, stopped_message())
    }

    /// Whether this is the [`Diagnostic::stopped`] mark.
    pub fn is_stop(&self) -> bool {
        self.message == stopped_message()
    }
}

fn stopped_message() -> String {
    format!("stopped reading here, after {MAX_PROBLEMS} problems; fix those and run again to see the rest")
}

/// Collects problems up to [`MAX_PROBLEMS`]; one more marks where reading stopped.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    pub(crate) diags: Vec<Diagnostic>,
    /// The line where the problem after the last one kept was found.
    pub(crate) stopped_at: Option<usize>,
}

impl Collector {
    /// Whether the list is full: callers may stop looking for problems.
    pub(crate) fn full(&self) -> bool {
        self.stopped_at.is_some()
    }

    /// Keeps a problem, or notes where the list overflowed.
    pub(crate) fn push(&mut self, d: Diagnostic) {
        if self.diags.len() < MAX_PROBLEMS {
            self.diags.push(d);
        } else {
            self.stopped_at.get_or_insert(d.line);
        }
    }

    /// The problems in line order, each said once (a key written eight times on one line is one
    /// problem there), then the mark where reading stopped, if it did.
    pub(crate) fn finish(self) -> Diagnostics {
        let mut diags = self.diags;
        diags.sort_by_key(|d| d.line);
        let mut seen = HashSet::new();
        diags.retain(|d| seen.insert((d.line, d.message.clone())));
        diags.extend(self.stopped_at.map(Diagnostic::stopped));
        Diagnostics(diags)
    }
}
/// How many problems are listed in all before the rest are counted.
pub const MAX_LISTED: usize = 100;

impl Diagnostic {
    /// The message's shape, standing for its kind: the message with every `quoted` part,
    /// "quoted" string, number and value `found` blanked, so that "entry 0001: duplicate code (first at line 8)"
    /// and "entry 0002: duplicate code (first at line 9)" are of one kind.
    pub fn kind(&self) -> String {
        let mut kind = String::new();
        let mut quote: Option<char> = None;
        // What follows "found " is the value found, whatever it is.
        let message = match self.message.find("found ") {
            Some(i) => &self.message[..i + 6],
            None => &self.message,
        };
        for c in message.chars() {
            match quote {
                Some(q) if c == q => {
                    kind.push(c);
                    quote = None;
                }
                Some(_) => {}
                None if c == '`' || c == '"' => {
                    kind.push(c);
                    quote = Some(c);
                }
                None if c.is_ascii_digit() => {
                    if !kind.ends_with('#') {
                        kind.push('#');
                    }
                }
                None => kind.push(c),
            }
        }
        kind
    }
}

/// Every problem found in one run, in line order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Whether the list was cut at [`MAX_PROBLEMS`] (it ends with [`Diagnostic::stopped`]).
    pub fn is_cut(&self) -> bool {
        self.0.last().is_some_and(Diagnostic::is_stop)
    }

    /// How many problems were found, at least: the mark where reading stopped is not one.
    pub fn count(&self) -> usize {
        self.0.len() - usize::from(self.is_cut())
    }

    /// The report for problems in another file, `file:LINE: message`, capped as the
    /// catalogue's report is (its `Display`).
    pub fn located<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        Located { diags: self, file }
    }
}

/// [`Diagnostics::located`]'s report.
struct Located<'a> {
    diags: &'a Diagnostics,
    file: &'a str,
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file;
        // kind → (problems seen, line of the first listed, line of the first not listed)
        let mut kinds: HashMap<String, (usize, usize, usize)> = HashMap::new();
        let mut hidden: Vec<String> = Vec::new();
        // However the kinds come out (a value can fake a kind's shape), no more than
        // MAX_LISTED problems are listed in all; the rest are counted.
        let mut listed = 0;
        let mut unlisted: Option<(usize, usize)> = None;
        let (problems, stop) = match self.diags.0.split_last() {
            Some((last, rest)) if last.is_stop() => (rest, Some(last)),
            _ => (self.diags.0.as_slice(), None),
        };
        for d in problems {
            let seen = kinds.entry(d.kind()).or_insert((0, d.line, 0));
            seen.0 += 1;
            if seen.0 <= MAX_PER_KIND && listed < MAX_LISTED {
                writeln!(f, "{file}:{}: {}", d.line, d.message)?;
                listed += 1;
            } else if seen.0 == MAX_PER_KIND + 1 {
                seen.2 = d.line;
                hidden.push(d.kind());
            } else if seen.0 <= MAX_PER_KIND {
                unlisted.get_or_insert((0, d.line)).0 += 1;
            }
        }
        // The first kinds' counts each on a line; any further ones with the rest.
        for kind in hidden.iter().skip(MAX_PER_KIND) {
            let (n, _, line) = kinds[kind];
            let (count, first) = unlisted.get_or_insert((0, line));
            *count += n - MAX_PER_KIND;
            *first = (*first).min(line);
        }
        for kind in hidden.iter().take(MAX_PER_KIND) {
            let (n, first, line) = kinds[kind];
            let more = n - MAX_PER_KIND;
            let s = if more == 1 { "" } else { "s" };
            writeln!(
                f,
                "{file}:{line}: and {more} more problem{s} like the one at line {first}"
            )?;
        }
        if let Some((n, line)) = unlisted {
            let s = if n == 1 { "" } else { "s" };
            writeln!(f, "{file}:{line}: and {n} more problem{s} of other kinds")?;
        }
        // Always shown, last: the report is not the whole story.
        if let Some(stop) = stop {
            writeln!(f, "{file}:{}: {}", stop.line, stop.message)?;
        }
        Ok(())
    }
}

/// Every problem compiler-style, `errors.yaml:LINE: message`, one per line. At most
/// [`MAX_PER_KIND`] problems of one kind are listed; the rest of that kind are counted in one
/// last line, `errors.yaml:LINE: and N more problems like the one at line L`, at the first one
/// not listed; at most [`MAX_LISTED`] in all. So a catalogue with thousands of one mistake gives a
/// short report.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.located(crate::CATALOGUE_FILE).fmt(f)
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_of_one_kind_are_capped_and_counted() {
        let mut all: Vec<Diagnostic> = (1..=25)
            .map(|i| {
                Diagnostic::new(
                    i,
                    format!("entry {i:04}: duplicate code (first at line {})", i + 100),
                )
            })
            .collect();
        all.push(Diagnostic::new(
            30,
            "category `x` is defined but no entry uses it",
        ));
        let text = Diagnostics(all).to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), MAX_PER_KIND + 2, "{text}");
        assert_eq!(
            lines[0],
            "errors.yaml:1: entry 0001: duplicate code (first at line 101)"
        );
        assert_eq!(
            lines[MAX_PER_KIND],
            "errors.yaml:30: category `x` is defined but no entry uses it"
        );
        assert_eq!(
            lines[MAX_PER_KIND + 1],
            "errors.yaml:11: and 15 more problems like the one at line 1"
        );
    }

    /// Past MAX_PROBLEMS a collector keeps nothing more, and the report always ends by saying
    /// where reading stopped, however many kinds were listed before.
    #[test]
    fn a_full_collector_stops_and_the_report_says_where() {
        let mut c = Collector::default();
        for i in 1..=MAX_PROBLEMS + 50 {
            c.push(Diagnostic::new(i, format!("problem of kind {i:x}q")));
        }
        assert!(c.full());
        let d = c.finish();
        assert_eq!(d.0.len(), MAX_PROBLEMS + 1);
        assert_eq!((d.count(), d.is_cut()), (MAX_PROBLEMS, true));
        let text = d.to_string();
        let last = text.lines().last().unwrap();
        assert_eq!(
            last,
            format!(
                "errors.yaml:{}: {}",
                MAX_PROBLEMS + 1,
                Diagnostic::stopped(1).message
            )
        );
        assert!(text.lines().count() <= MAX_LISTED + MAX_PER_KIND + 2);
        let small = Diagnostics(vec![Diagnostic::new(3, "one")]);
        assert_eq!((small.count(), small.is_cut()), (1, false));
    }

    #[test]
    fn a_message_cannot_forge_a_line_or_reach_the_terminal() {
        let d = Diagnostic::new(
            5,
            "category `zz\nerrors.yaml:1: FORGED\u{1b}[2J\u{202e}` is not defined",
        );
        assert_eq!(
            d.message,
            "category `zz\\nerrors.yaml:1: FORGED\\u{1b}[2J\\u{202e}` is not defined"
        );
        assert_eq!(Diagnostics(vec![d]).to_string().lines().count(), 1);
        let long = Diagnostic::new(1, "x".repeat(10_000));
        assert_eq!(long.message.chars().count(), MAX_MESSAGE + 1);
        // However many kinds values fake, at most MAX_LISTED problems are listed.
        let many: Vec<Diagnostic> = (1..=5_000)
            .map(|i| Diagnostic::new(i, format!("alias `a` {i:x}q` is wrong")))
            .collect();
        let text = Diagnostics(many).to_string();
        assert!(
            text.lines().count() <= MAX_LISTED + MAX_PER_KIND + 1,
            "{}",
            text.lines().count()
        );
        assert!(text.contains("more problems of other kinds"), "{text}");
        // Values found count as one kind, whatever they are.
        assert_eq!(
            Diagnostic::new(1, "entry 0001: `http` must be an HTTP status; found xa").kind(),
            Diagnostic::new(2, "entry 0002: `http` must be an HTTP status; found yb").kind()
        );
    }
}
