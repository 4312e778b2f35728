//! Reads an Aculab Cloud error body (a file named on the command line, or standard input),
//! matches on its code and prints the remedy and the retry advice.
//!
//! ```sh
//! cargo run -p aculab-errors --features serde --example parse_response -- body.json
//! ```

use std::io::Read;

use aculab_errors::{ApiError, ErrorCode, ErrorResponse};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut body = String::new();
    match std::env::args().nth(1) {
        Some(path) => body = std::fs::read_to_string(path)?,
        None => _ = std::io::stdin().read_to_string(&mut body)?,
    }
    let response: ErrorResponse = serde_json::from_str(&body)?;
    // A real client passes the status its HTTP library saw; the catalogue's is a fair stand-in.
    let status = response.error.code.http_status().unwrap_or(400);
    let error = ApiError::new(status, response);
    println!("{error}");

    match error.error_code() {
        Some(ErrorCode::InsufficientFunds) => {
            println!("The account needs more credit before this can work.")
        }
        Some(ErrorCode::InvalidToken) => println!("Ask for a fresh token."),
        Some(code) => println!("{}: {}", code.name(), code.description()),
        None if error.code().number().is_some() => {
            println!("Code {} is newer than this catalogue.", error.code())
        }
        None => println!("No catalogue code: the server reported {}.", error.code()),
    }
    for detail in &error.response().error.details {
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
    println!("Docs: {}", error.link());
    Ok(())
}
