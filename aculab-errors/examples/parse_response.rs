//! Reads an Aculab Cloud error body (a file named on the command line, or standard input),
//! matches on its code and prints the remedy and the retry advice.
//!
//! ```sh
//! cargo run -p aculab-errors --features json --example parse_response -- body.json [STATUS]
//! ```

use std::fmt::Write as _;
use std::io::Read;

use aculab_errors::{ApiError, ErrorCode, ResponseKind};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut body = Vec::new();
    match args.next() {
        Some(path) if path != "-" => body = std::fs::read(path)?,
        _ => _ = std::io::stdin().read_to_end(&mut body)?,
    }
    // A real client passes the status its HTTP library saw; 400 stands in when none is given.
    let status = args.next().map_or(Ok(400), |s| s.parse())?;
    let error = ApiError::from_response(status, None, &body);
    print!("{}", report(&error));
    Ok(())
}

/// What the example prints about `error`. What the server sent (the code and text in the
/// first line, each detail, the link) is written through `ApiError`'s escaping, so that a
/// line break or a terminal escape in it is shown, never acted on.
pub fn report(error: &ApiError) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let mut line = |text: std::fmt::Arguments| _ = writeln!(out, "{text}");
    line(format_args!("{error}"));

    match (error.kind(), error.error_code()) {
        (_, Some(ErrorCode::InsufficientFunds)) => line(format_args!(
            "The account needs more credit before this can work."
        )),
        (_, Some(ErrorCode::InvalidToken)) => line(format_args!("Ask for a fresh token.")),
        (_, Some(code)) => line(format_args!("{}: {}", code.name(), code.description())),
        (ResponseKind::UnknownCode, None) => {
            line(format_args!("The code is newer than this catalogue."))
        }
        (ResponseKind::NotJson | ResponseKind::Empty, None) => {
            line(format_args!("Not an Aculab error body ({}).", error.kind()))
        }
        (_, None) => line(format_args!("No catalogue code; the HTTP status decides.")),
    }
    for detail in error.details() {
        line(format_args!("  - {}", ApiError::escape(detail)));
    }
    if let Some(remedy) = error.remedy() {
        line(format_args!("Remedy: {remedy}"));
    }
    match (error.is_retryable(), error.retry_after()) {
        (false, _) => line(format_args!("Retry: no; fix the request first.")),
        (true, None) => line(format_args!("Retry: yes, with backoff.")),
        (true, Some(wait)) => line(format_args!("Retry: yes, after {} s.", wait.as_secs())),
    }
    if let Some(link) = error.link() {
        line(format_args!("Docs: {}", ApiError::escape(link)));
    }
    out
}
