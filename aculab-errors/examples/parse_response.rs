//! Reads an Aculab Cloud error body (a file named on the command line, or standard input),
//! matches on its code and prints the remedy and the retry advice.
//!
//! ```sh
//! cargo run -p aculab-errors --features json --example parse_response -- body.json [STATUS]
//! ```

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
    println!("{error}");

    match (error.kind(), error.error_code()) {
        (_, Some(ErrorCode::InsufficientFunds)) => {
            println!("The account needs more credit before this can work.")
        }
        (_, Some(ErrorCode::InvalidToken)) => println!("Ask for a fresh token."),
        (_, Some(code)) => println!("{}: {}", code.name(), code.description()),
        (ResponseKind::UnknownCode, None) => {
            println!("The code is newer than this catalogue.")
        }
        (ResponseKind::NotJson | ResponseKind::Empty, None) => {
            println!("Not an Aculab error body ({}).", error.kind())
        }
        (_, None) => println!("No catalogue code; the HTTP status decides."),
    }
    for detail in error.details() {
        println!("  - {detail}");
    }
    if let Some(remedy) = error.remedy() {
        println!("Remedy: {remedy}");
    }
    match (error.is_retryable(), error.retry_after()) {
        (false, _) => println!("Retry: no; fix the request first."),
        (true, None) => println!("Retry: yes, with backoff."),
        (true, Some(wait)) => println!("Retry: yes, after {} s.", wait.as_secs()),
    }
    if let Some(link) = error.link() {
        println!("Docs: {link}");
    }
    Ok(())
}
