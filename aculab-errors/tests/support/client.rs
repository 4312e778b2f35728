//! A client that follows the retry policy: what `examples/client.rs` runs against the local
//! server and `tests/client.rs` checks. The caller passes the sleep, so the test can record the
//! waits instead of waiting.

use std::time::Duration;

use aculab_errors::{ApiError, GiveUpReason, Idempotency, RetryDecision, RetryPolicy, ACCEPT_JSON};

/// How a call ended.
#[derive(Debug)]
pub enum Outcome {
    /// A 2xx response, with its body.
    Success(Vec<u8>),
    /// An error response the policy would not (or no longer) retry, and why.
    Failed(Box<ApiError>, GiveUpReason),
    /// No response at all (connection refused, timed out).
    Transport(String),
}

/// One call.
#[derive(Debug)]
pub struct Call {
    /// How many requests it sent.
    pub attempts: u32,
    /// The waits it took between them.
    pub waits: Vec<Duration>,
    /// The errors it saw, in order.
    pub errors: Vec<ApiError>,
    /// How it ended.
    pub outcome: Outcome,
}

/// An agent that hands back error responses instead of failing on them, and never hangs.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(5)))
        .build()
        .into()
}

/// A small xorshift generator: enough for jitter (use any RNG you already have).
pub struct Jitter(pub u32);

impl Jitter {
    /// The next random number.
    pub fn next(&mut self) -> u32 {
        let mut x = self.0.max(1);
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        x
    }
}

/// GETs `url` until it succeeds or the policy gives up, sleeping with `sleep` in between.
pub fn call(
    agent: &ureq::Agent,
    url: &str,
    idempotency: Idempotency,
    policy: &RetryPolicy,
    jitter: &mut Jitter,
    mut sleep: impl FnMut(Duration),
) -> Call {
    let mut call = Call {
        attempts: 0,
        waits: Vec::new(),
        errors: Vec::new(),
        outcome: Outcome::Transport(String::new()),
    };
    loop {
        call.attempts += 1;
        let response = match agent.get(url).header("Accept", ACCEPT_JSON).call() {
            Ok(response) => response,
            Err(e) => {
                call.outcome = Outcome::Transport(e.to_string());
                return call;
            }
        };
        let (parts, mut body) = response.into_parts();
        let bytes = match body.with_config().limit(1 << 20).read_to_vec() {
            Ok(bytes) => bytes,
            Err(e) => {
                call.outcome = Outcome::Transport(e.to_string());
                return call;
            }
        };
        let response = http::Response::from_parts(parts, bytes);
        if response.status().is_success() {
            call.outcome = Outcome::Success(response.into_body());
            return call;
        }
        let error = ApiError::from_http(&response);
        // `from_http` recorded the response's Date, which is "now" for its Retry-After; the
        // system clock counts only without one.
        let advice = error.retry_advice_now();
        let decision = policy.decide(call.attempts, &advice, idempotency, jitter.next());
        call.errors.push(error.clone());
        match decision {
            RetryDecision::RetryAfter(wait) => {
                call.waits.push(wait);
                sleep(wait);
            }
            RetryDecision::GiveUp(reason) => {
                call.outcome = Outcome::Failed(Box::new(error), reason);
                return call;
            }
        }
    }
}
