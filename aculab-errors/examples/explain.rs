//! Explains an error code, as `rustc --explain` does, or a whole HTTP error response: what it
//! is, and whether and when to retry it.
//!
//! ```sh
//! cargo run -p aculab-errors --example explain -- 0405
//! cargo run -p aculab-errors --example explain -- --json 0018
//! printf '<h1>Busy</h1>' | cargo run -p aculab-errors --features json --example explain -- \
//!     --json --status 503 --header 'Content-Type: text/html' --header 'Retry-After: 120' --body -
//! ```
//!
//! The contract, for scripts: with `--json` it prints exactly one JSON object on one line (any
//! character a line reader may end a line at, NEL and U+2028 among them, written escaped), with
//! `kind` (`catalogued`, `unknown_code`, `http_status`, `other_code`, `not_json`, `empty`),
//! `code` (the code as read, or null), `name` (the catalogue's, or null), `status` (the HTTP
//! status: the one given with `--status`, else the catalogue's, or null), `text` (the server's
//! text, the body's text when it is not JSON, or for a bare code the catalogue's description),
//! `details` (a list of strings), `retryable`, `idempotent_only`, and `waits_ms`: the waits, in
//! milliseconds, the default `RetryPolicy` would take for an idempotent request, jitter off
//! (each wait at its upper bound); empty when it would not retry. A `Retry-After` header feeds
//! the policy, read against the `Date` header when there is one, else the system clock. Header
//! names are matched in any letter case; a header given twice counts with its first value.
//! Without `--json` it prints the same for a person, the server's code, text and details on one line
//! each, escaped as `ApiError`'s Display escapes them (`ApiError::escape`; the code and each
//! detail between quotes, a quote in them written `\"`). A bare code is a four-digit code (`0405`,
//! or `405`, white space around it aside) or an HTTP status as a body writes one (`"HTTP 503"`, kind `http_status`, whose
//! text is the status's reason phrase); one that is not in the catalogue, or is not a code,
//! exits with status 1 (with `--json`, after printing its object); a usage
//! mistake (an option it does not know, such as `-x`; `--status` or `--body` given twice; a
//! missing value) exits with status 2, as does a body that cannot be read or is longer than
//! 16 MiB, and output that cannot be written (a reader that stops early, `| head -1`, aside). After `--` an argument is the code even if it starts with `-`. Reading a response (`--status`) needs the `json` feature.

use std::process::ExitCode;

/// `println!` for a reader that may stop early (`explain 0405 | head -1`): what it no longer
/// reads is dropped, where `println!` would panic on the closed pipe. Any other failure to
/// write (a full disk: `explain --json 0405 > /dev/full`) is remembered in [`WRITE_FAILED`],
/// so that the example does not exit 0 having printed nothing.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                WRITE_FAILED.get_or_init(|| e.to_string());
            }
        }
    }};
}

/// Why the output could not be written, the first time it could not (a closed pipe aside).
static WRITE_FAILED: std::sync::OnceLock<String> = std::sync::OnceLock::new();

use aculab_errors::{Category, ErrorCode, Idempotency, RetryAdvice, RetryPolicy};

/// Everything the two output forms show.
struct Report {
    kind: &'static str,
    code: Option<String>,
    catalogued: Option<ErrorCode>,
    status: Option<u16>,
    text: String,
    details: Vec<String>,
    advice: RetryAdvice,
    /// The one-line summary of a response (`ApiError`'s Display).
    summary: Option<String>,
}

impl Report {
    fn waits_ms(&self) -> Vec<u128> {
        RetryPolicy::new()
            .waits(self.advice, Idempotency::Idempotent)
            .map(|w| w.as_millis())
            .collect()
    }

    fn json(&self) -> String {
        // A JSON string, with what some line readers end a line at (DEL and C1 controls such as
        // NEL, U+2028, U+2029; Python's `str.splitlines` does) escaped too, so that the object
        // is one line to any of them.
        let string = |s: &str| {
            let mut out = String::with_capacity(s.len() + 2);
            for c in serde_json::Value::from(s).to_string().chars() {
                match c {
                    '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' => {
                        out.push_str(&format!("\\u{:04x}", u32::from(c)))
                    }
                    c => out.push(c),
                }
            }
            out
        };
        let or_null = |s: Option<&str>| s.map_or("null".into(), string);
        let details: Vec<String> = self.details.iter().map(|d| string(d)).collect();
        let waits: Vec<String> = self.waits_ms().iter().map(u128::to_string).collect();
        format!(
            r#"{{"kind":{},"code":{},"name":{},"status":{},"text":{},"details":[{}],"retryable":{},"idempotent_only":{},"waits_ms":[{}]}}"#,
            string(self.kind),
            or_null(self.code.as_deref()),
            or_null(self.catalogued.map(ErrorCode::name)),
            self.status.map_or("null".into(), |s| s.to_string()),
            string(&self.text),
            details.join(","),
            self.advice.retryable,
            self.advice.idempotent_only,
            waits.join(","),
        )
    }

    fn print_for_a_person(&self) {
        match (&self.summary, self.catalogued) {
            (Some(line), _) => outln!("{line}\n"),
            (None, Some(code)) => outln!("{code} {}\n\n{}\n", code.name(), self.text),
            (None, None) => {}
        }
        outln!("Kind:        {}", self.kind.replace('_', " "));
        if let Some(code) = &self.code {
            outln!("Code:        {}", quoted(code));
        }
        if let Some(code) = self.catalogued {
            if self.summary.is_some() {
                outln!("Meaning:     {}", code.description());
            }
            if let Some(remedy) = code.remedy() {
                outln!("Remedy:      {remedy}");
            }
            if let Some(note) = code.retired() {
                outln!("Retired:     {note}");
            }
        }
        match (self.status, self.catalogued) {
            (Some(status), _) => outln!("HTTP status: {status}"),
            (None, Some(_)) => {
                outln!("HTTP status: none (reported as an event, not in answer to a request)")
            }
            (None, None) => {}
        }
        for detail in &self.details {
            outln!("Detail:      {}", quoted(detail));
        }
        if let Some(code) = self.catalogued {
            let category = code.category();
            outln!("Category:    {} ({})", category.title(), category.id());
        }
        outln!("Retry:       {}", self.retry_advice());
        if let Some(code) = self.catalogued {
            outln!("Rust:        aculab_errors::ErrorCode::{code:?}");
            outln!("More:        {}", code.doc_url());
        }
    }

    fn retry_advice(&self) -> String {
        let waits = self.waits_ms();
        if !self.advice.retryable {
            return "no; the same request fails again".into();
        }
        let only = if self.advice.idempotent_only {
            " (only if the request is idempotent: the server may have acted on it)"
        } else {
            ""
        };
        if waits.is_empty() {
            // Retryable, and the request taken as idempotent: only a wait past max_wait stops it.
            let max_wait = seconds(RetryPolicy::new().max_wait().as_millis());
            let asked = match (self.advice.server_wait, self.advice.catalogue_wait) {
                (Some(wait), _) => format!(
                    "the server's Retry-After asks for {}",
                    seconds(wait.as_millis())
                ),
                (None, Some(wait)) => {
                    format!("the catalogue's wait is {}", seconds(wait.as_millis()))
                }
                (None, None) => "the wait asked for".into(),
            };
            return format!(
                "no: {asked}, longer than the {max_wait} the default policy waits at most"
            );
        }
        let waits: Vec<String> = waits.iter().map(|&ms| seconds(ms)).collect();
        format!(
            "yes{only}; the default policy waits {}",
            waits.join(", then ")
        )
    }
}

/// What a server or the command line sent, on one line for a person, escaped as `ApiError`'s
/// Display escapes the server's text: line breaks, control and format characters (bidirectional
/// controls among them) and invisible ones (shown between quotes, so that white space at either
/// end, or none at all, shows too).
#[cfg(feature = "alloc")]
fn escaped(text: &str) -> String {
    aculab_errors::ApiError::escape(text).to_string()
}

/// A code or a detail for a person: [`escaped`], between quotes, with a quote in it written `\"`
/// (a backslash is `\\` already), so that the quotes show where it starts and ends: a detail
/// holding `a", "b` is one detail, and Google's `{"@type": ...}` reads as it was sent.
fn quoted(text: &str) -> String {
    let shown = escaped(text);
    // Without `alloc`, `str::escape_debug` writes a quote as `\"` already.
    match cfg!(feature = "alloc") {
        true => format!("\"{}\"", shown.replace('"', "\\\"")),
        false => format!("\"{shown}\""),
    }
}

/// Without `alloc` (and so without `ApiError`) only a code given on the command line is shown,
/// escaped as `str::escape_debug` escapes it.
#[cfg(not(feature = "alloc"))]
fn escaped(text: &str) -> String {
    text.escape_debug().to_string()
}

/// Milliseconds as seconds, for a person: `2 s`, `1.5 s`.
fn seconds(ms: u128) -> String {
    let (secs, frac) = (ms / 1000, ms % 1000);
    match format!("{frac:03}").trim_end_matches('0') {
        "" => format!("{secs} s"),
        frac => format!("{secs}.{frac} s"),
    }
}

/// A bare code, and whether it is catalogued or an HTTP status (if neither, the example exits
/// with status 1).
fn explain_code(arg: &str) -> (Report, bool) {
    // Accept the wire form ("0405") and the bare number ("405"), as rustc accepts E0405 and 0405,
    // with white space around it as `ResponseCode` reads a code (" 0405").
    let number = Some(arg.trim_ascii())
        .filter(|a| (1..=4).contains(&a.len()) && a.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|a| a.parse::<u16>().ok());
    let unknown = |kind, code: Option<String>| Report {
        kind,
        code,
        catalogued: None,
        status: None,
        text: String::new(),
        details: Vec::new(),
        advice: RetryAdvice::NOT_RETRYABLE,
        summary: None,
    };
    if let (None, Some(status)) = (number, http_status_code(arg)) {
        let advice = RetryAdvice::for_status(status);
        let reason = reason_phrase(status);
        let report = Report {
            kind: "http_status",
            code: Some(arg.trim_ascii().into()),
            catalogued: None,
            status: Some(status),
            text: reason.into(),
            details: Vec::new(),
            advice,
            summary: Some(format!("HTTP {status} {reason}").trim_end().into()),
        };
        return (report, true);
    }
    let Some(number) = number else {
        eprintln!("error: `{}` is not an error code; codes are up to four digits, such as 0405, or an HTTP status, such as \"HTTP 400\"", escaped(arg));
        return (unknown("other_code", Some(arg.into())), false);
    };
    let Some(code) = ErrorCode::from_u16(number) else {
        let range = Category::for_number(number).map_or(String::new(), |c| {
            format!(" (it falls in the {} range)", c.title())
        });
        eprintln!("error: {number:04} is not in the catalogue{range}; it may be newer than this version of aculab-errors");
        return (unknown("unknown_code", Some(format!("{number:04}"))), false);
    };
    let report = Report {
        kind: "catalogued",
        code: Some(code.to_string()),
        catalogued: Some(code),
        status: code.http_status(),
        text: code.description().into(),
        details: Vec::new(),
        advice: RetryAdvice::for_code(code),
        summary: None,
    };
    (report, true)
}

/// The status of a code written as an HTTP status, read as `ResponseCode` reads one (which needs
/// feature `alloc`; this example runs without): `HTTP` in any letter case, an optional protocol
/// version, optional ASCII white space, three digits (100..=599) and an optional reason phrase
/// after ASCII white space (`"HTTP 400"`, `"http 429"`, `"HTTP/1.1 502 Bad Gateway"`).
fn http_status_code(arg: &str) -> Option<u16> {
    let arg = arg.trim_ascii();
    let rest = arg
        .get(4..)
        .filter(|_| arg[..4].eq_ignore_ascii_case("HTTP"))?;
    let rest = match rest.strip_prefix('/') {
        Some(version) => {
            let after = version.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
            (after.len() < version.len()).then_some(after)?
        }
        None => rest,
    };
    let rest = rest.trim_ascii_start();
    let (digits, reason) = (rest.get(..3)?, &rest[3..]);
    let status: u16 = digits
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| digits.parse().ok())??;
    let reason_ok = reason.is_empty() || reason.starts_with(|c: char| c.is_ascii_whitespace());
    ((100..=599).contains(&status) && reason_ok).then_some(status)
}

/// The reason phrase IANA's HTTP status code registry gives a status (RFC 9110's, and those of
/// the RFCs that added 102, 103, 207, 208, 226, 423, 424, 425, 428, 429, 431, 451, 506, 507,
/// 508, 510 and 511); empty for a status it does not name (418 is "(Unused)" there).
fn reason_phrase(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        101 => "Switching Protocols",
        102 => "Processing",
        103 => "Early Hints",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        208 => "Already Reported",
        226 => "IM Used",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        305 => "Use Proxy",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => "",
    }
}

/// A whole response: `--status N [--header 'Name: value']... [--body FILE|-]`.
#[cfg(feature = "json")]
fn explain_response(status: u16, headers: &[(String, String)], body: &[u8]) -> Report {
    use aculab_errors::ApiError;

    // A header given twice counts once, with its first value, as `http::HeaderMap::get` (and so
    // `ApiError::from_http`) reads it.
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    // The response's own Date is "now" for its Retry-After; the system clock only without one.
    let clock = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let error = ApiError::from_response(status, header("content-type"), body)
        .with_retry_after_header(header("retry-after"))
        .with_date_header(header("date"));
    Report {
        kind: error.kind().as_str(),
        code: error.code().map(|c| c.as_str().into()),
        catalogued: error.error_code(),
        status: Some(status),
        text: error.text().into(),
        details: error.details().to_vec(),
        advice: error.retry_advice(clock),
        summary: Some(error.to_string()),
    }
}

#[cfg(not(feature = "json"))]
fn explain_response(_: u16, _: &[(String, String)], _: &[u8]) -> Report {
    eprintln!("error: reading a response needs the `json` feature: cargo run -p aculab-errors --features json --example explain -- ...");
    std::process::exit(2)
}

/// The largest body read, far beyond any error body: `--body /dev/zero` is refused, not read
/// until memory runs out.
const MAX_BODY: u64 = 16 << 20;

/// The whole of a body, or an error if it is longer than [`MAX_BODY`] (or is a directory).
fn read_body<R: std::io::Read>(from: R) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    std::io::Read::read_to_end(&mut from.take(MAX_BODY + 1), &mut buf)?;
    if buf.len() as u64 > MAX_BODY {
        let message = format!("it is longer than {} MiB", MAX_BODY >> 20);
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            message,
        ));
    }
    Ok(buf)
}

const USAGE: &str = "usage: explain [--json] [--] CODE
       explain [--json] --status N [--header 'Name: value']... [--body FILE|-]";

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\n{USAGE}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut json = false;
    let (mut status, mut body, mut code) = (None, None, None);
    let mut headers = Vec::new();
    // Arguments that are not UTF-8 are read, with the bytes outside UTF-8 replaced (as
    // `ApiError::from_http` reads a header value); a body's file name is used as given.
    let mut args = std::env::args_os().skip(1);
    let text = |arg: std::ffi::OsString| arg.to_string_lossy().into_owned();
    // After `--`, every argument is the code, even one that starts with `-`.
    let mut options = true;
    while let Some(os_arg) = args.next() {
        let arg = text(os_arg);
        match arg.as_str() {
            _ if !options => {
                if code.is_some() {
                    return usage(&format!("unexpected argument `{}`", escaped(&arg)));
                }
                code = Some(arg)
            }
            "--" => options = false,
            "--json" => json = true,
            // Any status the transport reports is explained, odd ones (0, 600, 999) too.
            "--status" => match args.next().map(|s| text(s).trim().parse::<u16>()) {
                // One response has one status (and one body): a second is a mistake.
                Some(Ok(_)) if status.is_some() => return usage("--status is given twice"),
                Some(Ok(n)) => status = Some(n),
                _ => return usage("--status takes an HTTP status, a number up to 65535"),
            },
            "--header" | "-H" => {
                // ASCII white space only, as HTTP trims a field (and a line pasted from `curl -i`
                // ends in CR): a no-break space before a Retry-After is not read past, as
                // `ApiError::from_http` does not read past it.
                let Some((name, value)) = args.next().map(text).and_then(|h| {
                    h.split_once(':')
                        .map(|(n, v)| (n.trim_ascii().to_string(), v.trim_ascii().to_string()))
                }) else {
                    return usage("--header takes 'Name: value'");
                };
                // A field name is an HTTP token (RFC 9110, 5.1): `': 5'` or `'Retry After: 5'`
                // names no header, and would be dropped without a word.
                let tchar = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
                if name.is_empty() || !name.bytes().all(tchar) {
                    return usage(
                        "--header takes 'Name: value', the name a token such as Retry-After",
                    );
                }
                headers.push((name, value));
            }
            "--body" => match args.next() {
                Some(_) if body.is_some() => return usage("--body is given twice"),
                Some(path) => body = Some(path),
                None => return usage("--body takes a file name, or - for standard input"),
            },
            "-h" | "--help" => {
                outln!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            // An option this does not know (`--bogus`, `-x`) is a usage mistake; `-5` is a code
            // (and not one, so it exits with status 1).
            _ if arg.starts_with("--")
                || arg.starts_with('-')
                    && !arg[1..].starts_with(|c: char| c.is_ascii_digit())
                    && arg.len() > 1 =>
            {
                return usage(&format!("unexpected argument `{}`", escaped(&arg)))
            }
            _ if code.is_none() => code = Some(arg),
            _ => return usage(&format!("unexpected argument `{}`", escaped(&arg))),
        }
    }
    let report = match (status, code) {
        (Some(status), None) => {
            let bytes = match body.as_deref() {
                None => Ok(Vec::new()),
                Some(stdin) if stdin == "-" => read_body(std::io::stdin()),
                Some(path) => std::fs::File::open(path).and_then(read_body),
            };
            match bytes {
                Ok(bytes) => (explain_response(status, &headers, &bytes), true),
                Err(e) => {
                    let from = body.as_deref().map_or("-".into(), |p| p.to_string_lossy());
                    eprintln!("error: cannot read the body from {from}: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        (None, Some(code)) if body.is_none() && headers.is_empty() => explain_code(&code),
        _ => return usage("give either a CODE or --status (with --header and --body)"),
    };
    let (report, known) = report;
    if json {
        outln!("{}", report.json());
    } else if known {
        report.print_for_a_person();
    }
    if let Some(e) = WRITE_FAILED.get() {
        eprintln!("error: cannot write the output: {e}");
        return ExitCode::from(2);
    }
    if known {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
