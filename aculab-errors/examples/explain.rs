//! Prints everything the catalogue knows about a code, as `rustc --explain` does.
//!
//! ```sh
//! cargo run -p aculab-errors --example explain -- 0405
//! cargo run -p aculab-errors --example explain -- 405
//! ```

use std::process::ExitCode;

use aculab_errors::{Category, ErrorCode};

fn main() -> ExitCode {
    let Some(arg) = std::env::args().nth(1) else {
        eprintln!("usage: explain CODE   (for example 0405 or 405)");
        return ExitCode::FAILURE;
    };
    // Accept the wire form ("0405") and the bare number ("405"), as rustc accepts E0405 and 0405.
    let number = (1..=4)
        .contains(&arg.len())
        .then(|| arg.parse::<u16>().ok())
        .flatten();
    let Some(number) = number.filter(|_| arg.bytes().all(|b| b.is_ascii_digit())) else {
        eprintln!("error: `{arg}` is not an error code; codes are up to four digits, such as 0405");
        return ExitCode::FAILURE;
    };
    let Some(code) = ErrorCode::from_u16(number) else {
        let range = Category::for_number(number).map_or(String::new(), |c| {
            format!(" (it falls in the {} range)", c.title())
        });
        eprintln!("error: {number:04} is not in the catalogue{range}; it may be newer than this version of aculab-errors");
        return ExitCode::FAILURE;
    };
    println!("{code} {}\n", code.name());
    println!("{}\n", code.description());
    if let Some(remedy) = code.remedy() {
        println!("Remedy: {remedy}\n");
    }
    match code.http_status() {
        Some(status) => println!("HTTP status: {status}"),
        None => println!("HTTP status: none (reported as an event, not in answer to a request)"),
    }
    println!(
        "Category:    {} ({})",
        code.category().title(),
        code.category().id()
    );
    let retry = match (code.is_retryable(), code.retry_after()) {
        (false, _) => "no; the same request fails again".to_string(),
        (true, None) => "yes, with backoff".to_string(),
        (true, Some(wait)) => format!("yes, after {} s", wait.as_secs()),
    };
    println!("Retry:       {retry}");
    println!("Rust:        aculab_errors::ErrorCode::{code:?}");
    println!("More:        {}", code.doc_url());
    ExitCode::SUCCESS
}
