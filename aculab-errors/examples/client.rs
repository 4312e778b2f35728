//! A real client: starts a local HTTP server (127.0.0.1, a free port; it stops by itself after
//! 40 requests or 30 seconds, or when the example is done), calls each of its routes with ureq and follows the retry policy:
//! `ApiError::from_http` reads each error response, whatever its body, and `RetryPolicy`
//! decides from the code, the status and the server's `Retry-After`.
//!
//! The glue a service writes is `call` in `tests/support/client.rs`, shared with the integration
//! test `tests/client.rs`: ureq's agent set not to turn a 4xx or 5xx into an error (which would
//! drop the body), the body read into an `http::Response` for `ApiError::from_http`, then
//! `retry_advice` and `RetryPolicy::decide` until it succeeds or gives up.
//!
//! ```sh
//! cargo run -p aculab-errors --features http --example client
//! ```

#[path = "../tests/support/client.rs"]
mod client;
#[path = "../tests/support/server.rs"]
mod server;

use std::time::Duration;

use aculab_errors::{Idempotency, RetryPolicy};
use client::{Jitter, Outcome};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = server::Server::start(40, Duration::from_secs(30))?;
    // Short backoff so that the demonstration is quick; Retry-After waits are honoured as sent.
    let policy = RetryPolicy::new()
        .with_initial_backoff(Duration::from_millis(50))
        .with_max_wait(Duration::from_secs(5));
    let agent = client::agent();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.subsec_nanos());
    let mut jitter = Jitter(seed);
    for route in server::ROUTES {
        let url = server.url(route.path);
        let call = client::call(
            &agent,
            &url,
            Idempotency::Idempotent,
            &policy,
            &mut jitter,
            std::thread::sleep,
        );
        println!("GET {}", route.path);
        for (error, wait) in call
            .errors
            .iter()
            .zip(call.waits.iter().map(Some).chain([None]))
        {
            print!("  {} [{}]", error, error.kind());
            match wait {
                Some(wait) => println!(" -> retry after {wait:?}"),
                None => println!(),
            }
        }
        match call.outcome {
            Outcome::Success(body) => println!(
                "  succeeded after {}: {}",
                attempts(call.attempts),
                String::from_utf8_lossy(&body)
            ),
            Outcome::Failed(error, reason) => println!(
                "  gave up after {} on HTTP {}: {reason}",
                attempts(call.attempts),
                error.status()
            ),
            Outcome::Transport(e) => println!("  no response: {e}"),
        }
    }
    drop(agent);
    println!("the server answered {} requests and stopped", server.stop());
    Ok(())
}

/// "1 attempt", "3 attempts".
fn attempts(n: u32) -> String {
    format!("{n} attempt{}", if n == 1 { "" } else { "s" })
}
