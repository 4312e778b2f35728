//! [`RetryPolicy`]: whether, and after how long, to send a failed request again.
//!
//! It merges three sources, in this order of precedence:
//!
//! 1. Whether a retry can help at all: the catalogue's advice for the code (or, for a response
//!    without a catalogued code, the HTTP status: 429, 502, 503, 504), and whether the failure
//!    may have been carried out (`idempotent_only`), in which case only an idempotent request
//!    is sent again.
//! 2. The server's `Retry-After` header ([`parse_retry_after`](crate::parse_retry_after)).
//! 3. The catalogue's wait for the code ([`ErrorCode::retry_after`]).
//! 4. Otherwise capped exponential backoff with full jitter.
//!
//! Everything here is `no_std` and allocation-free; the caller brings the clock and the random
//! numbers.

use core::fmt;
use core::time::Duration;

use crate::ErrorCode;

/// Whether an HTTP status says the same request can succeed later: 429 Too Many Requests,
/// 502 Bad Gateway, 503 Service Unavailable, 504 Gateway Timeout.
///
/// This is the rule for a response without a catalogued code. 500 Internal Server Error is not
/// in it (unlike the AWS SDKs, which retry any 5xx): a plain 500 says nothing about whether the
/// fault will pass; where Aculab's code says so (1001, an internal error), the code's advice
/// decides.
///
/// ```
/// assert!(aculab_errors::is_retryable_status(503));
/// assert!(!aculab_errors::is_retryable_status(500));
/// ```
pub const fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// Whether a retryable HTTP status leaves open that the server acted on the request: 502 and 504
/// (a gateway lost the answer, not the request); 429 and 503 refuse the request before any work.
pub const fn is_idempotent_only_status(status: u16) -> bool {
    matches!(status, 502 | 504)
}

/// Whether the request that failed may safely be sent twice.
///
/// GET, HEAD, OPTIONS, TRACE, PUT and DELETE are idempotent in HTTP's terms (RFC 9110, 9.2.2);
/// a POST that starts a call or sends a fax is not, unless the API makes it so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Idempotency {
    /// Sending it twice has the same effect as sending it once.
    Idempotent,
    /// Sending it twice may do the work twice.
    NotIdempotent,
}

/// What a failure says about retrying, whatever it came from: the input of
/// [`RetryPolicy::decide`].
///
/// Build it with [`RetryAdvice::for_code`] or [`RetryAdvice::for_status`], or get it from
/// `ApiError::retry_advice` (feature `alloc`), which also reads the server's
/// `Retry-After`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RetryAdvice {
    /// Whether the same request can succeed later.
    pub retryable: bool,
    /// Whether the server may have acted on the request, so that only an idempotent request may
    /// be sent again.
    pub idempotent_only: bool,
    /// The wait the server asked for in `Retry-After`, if it sent one.
    pub server_wait: Option<Duration>,
    /// The catalogue's wait for the code, if it names one.
    pub catalogue_wait: Option<Duration>,
}

impl RetryAdvice {
    /// No retry.
    pub const NOT_RETRYABLE: RetryAdvice = RetryAdvice::new(false, false);

    /// Advice from its two facts, with no wait named.
    pub const fn new(retryable: bool, idempotent_only: bool) -> Self {
        RetryAdvice {
            retryable,
            idempotent_only,
            server_wait: None,
            catalogue_wait: None,
        }
    }

    /// The catalogue's advice for `code`.
    ///
    /// ```
    /// use core::time::Duration;
    /// use aculab_errors::{ErrorCode, RetryAdvice};
    /// let advice = RetryAdvice::for_code(ErrorCode::ConferenceChangeTooSoon);
    /// assert!(advice.retryable && !advice.idempotent_only);
    /// assert_eq!(advice.catalogue_wait, Some(Duration::from_secs(60)));
    /// ```
    pub const fn for_code(code: ErrorCode) -> Self {
        RetryAdvice {
            catalogue_wait: code.retry_after(),
            ..RetryAdvice::new(code.is_retryable(), code.idempotent_only())
        }
    }

    /// The advice an HTTP status alone gives: see [`is_retryable_status`] and
    /// [`is_idempotent_only_status`].
    pub const fn for_status(status: u16) -> Self {
        let retryable = is_retryable_status(status);
        RetryAdvice::new(retryable, retryable && is_idempotent_only_status(status))
    }

    /// The same advice with the server's `Retry-After` wait.
    pub const fn with_server_wait(self, wait: Option<Duration>) -> Self {
        RetryAdvice {
            server_wait: wait,
            ..self
        }
    }
}

/// What [`RetryPolicy::decide`] says to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryDecision {
    /// Send the request again after this wait.
    RetryAfter(Duration),
    /// Stop, and report the failure.
    GiveUp(GiveUpReason),
}

/// Why [`RetryPolicy::decide`] gave up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GiveUpReason {
    /// The same request fails again: fix it first.
    NotRetryable,
    /// The server may have acted on the request, and it is not idempotent.
    NotIdempotent,
    /// The policy's attempts are used up.
    AttemptsExhausted,
    /// The server's `Retry-After` asks for a longer wait than the policy's `max_wait`.
    WaitTooLong(Duration),
    /// The catalogue's wait for the code (the server naming none) is longer than the policy's
    /// `max_wait`.
    CatalogueWaitTooLong(Duration),
}

/// One line for a log: `retry after 1.5s`, or why the policy gave up.
///
/// ```
/// use core::time::Duration;
/// use aculab_errors::{GiveUpReason, RetryDecision};
/// assert_eq!(RetryDecision::RetryAfter(Duration::from_millis(1500)).to_string(), "retry after 1.5s");
/// assert_eq!(RetryDecision::GiveUp(GiveUpReason::NotIdempotent).to_string(), "give up: the server may have acted on the request, and it is not idempotent");
/// ```
impl fmt::Display for RetryDecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryDecision::RetryAfter(wait) => write!(f, "retry after {wait:?}"),
            RetryDecision::GiveUp(reason) => write!(f, "give up: {reason}"),
        }
    }
}

/// Why, in words: `the policy's attempts are used up`.
impl fmt::Display for GiveUpReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GiveUpReason::NotRetryable => f.write_str("the same request fails again"),
            GiveUpReason::NotIdempotent => {
                f.write_str("the server may have acted on the request, and it is not idempotent")
            }
            GiveUpReason::AttemptsExhausted => f.write_str("the policy's attempts are used up"),
            GiveUpReason::WaitTooLong(wait) => write!(
                f,
                "the server's Retry-After asks for {wait:?}, longer than the policy's max_wait"
            ),
            GiveUpReason::CatalogueWaitTooLong(wait) => write!(
                f,
                "the catalogue's wait for the code, {wait:?}, is longer than the policy's max_wait"
            ),
        }
    }
}

/// How many times to try a request and how long to wait in between.
///
/// The defaults follow the AWS SDKs' "standard" retry mode (smithy-rs `RetryConfig::standard`):
/// 3 attempts in all (the first and two retries), exponential backoff from 1 s, capped at 20 s,
/// with full jitter (a wait drawn uniformly between zero and the backoff). On top of that:
/// a wait the server (`Retry-After`) or the catalogue names is honoured exactly, without jitter,
/// unless it is longer than `max_wait`, 5 minutes by default (the catalogue's longest wait is
/// 180 s), when the policy gives up instead, saying whose wait it was
/// ([`GiveUpReason::WaitTooLong`] for the server's, [`GiveUpReason::CatalogueWaitTooLong`]).
/// Where smithy-rs caps a server's wait (`x-amz-retry-after`) at its backoff cap, 20 s, this
/// honours one up to `max_wait`. The policy holds no state, so the standard mode's retry quota
/// (a token bucket that a client's failing requests drain) is not here; a client that wants
/// one keeps it.
///
/// ```
/// use core::time::Duration;
/// use aculab_errors::{ErrorCode, GiveUpReason, Idempotency, RetryAdvice, RetryDecision, RetryPolicy};
///
/// let policy = RetryPolicy::new().with_jitter(false);
/// let busy = RetryAdvice::for_status(503);
/// // After the first attempt 1 s, after the second 2 s, then give up (3 attempts in all).
/// assert_eq!(policy.decide(1, &busy, Idempotency::NotIdempotent, 0), RetryDecision::RetryAfter(Duration::from_secs(1)));
/// assert_eq!(policy.decide(2, &busy, Idempotency::NotIdempotent, 0), RetryDecision::RetryAfter(Duration::from_secs(2)));
/// assert_eq!(policy.decide(3, &busy, Idempotency::NotIdempotent, 0), RetryDecision::GiveUp(GiveUpReason::AttemptsExhausted));
///
/// // The server's Retry-After comes before the catalogue's wait and the backoff.
/// let slow_down = RetryAdvice::for_code(ErrorCode::ConferenceChangeTooSoon).with_server_wait(Some(Duration::from_secs(5)));
/// assert_eq!(policy.decide(1, &slow_down, Idempotency::NotIdempotent, 0), RetryDecision::RetryAfter(Duration::from_secs(5)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_wait: Duration,
    jitter: bool,
}

impl Default for RetryPolicy {
    /// [`RetryPolicy::new`].
    fn default() -> Self {
        RetryPolicy::new()
    }
}

impl RetryPolicy {
    /// The defaults: 3 attempts, backoff from 1 s capped at 20 s with full jitter, `max_wait`
    /// 5 minutes.
    pub const fn new() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
            max_wait: Duration::from_secs(300),
            jitter: true,
        }
    }

    /// Never retries: one attempt in all.
    pub const fn never() -> Self {
        RetryPolicy::new().with_max_attempts(1)
    }

    /// How many attempts in all, the first included (0 counts as 1).
    pub const fn with_max_attempts(self, max_attempts: u32) -> Self {
        RetryPolicy {
            max_attempts,
            ..self
        }
    }

    /// The backoff before the first retry; it doubles for each retry after that.
    pub const fn with_initial_backoff(self, initial_backoff: Duration) -> Self {
        RetryPolicy {
            initial_backoff,
            ..self
        }
    }

    /// The longest backoff. Below `initial_backoff`, every backoff is this one; zero means
    /// retrying at once.
    pub const fn with_max_backoff(self, max_backoff: Duration) -> Self {
        RetryPolicy {
            max_backoff,
            ..self
        }
    }

    /// The longest wait, asked for by the server or the catalogue, that the policy will honour;
    /// beyond it, it gives up. It does not bound the policy's own backoff: `max_backoff` does.
    pub const fn with_max_wait(self, max_wait: Duration) -> Self {
        RetryPolicy { max_wait, ..self }
    }

    /// Whether backoff is jittered (on by default). Without jitter each backoff is its upper
    /// bound, which is what tests and explanations want; with it, clients that failed together
    /// do not all come back together.
    pub const fn with_jitter(self, jitter: bool) -> Self {
        RetryPolicy { jitter, ..self }
    }

    /// How many attempts in all.
    pub const fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff before the first retry.
    pub const fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The longest backoff.
    pub const fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The longest requested wait the policy honours.
    pub const fn max_wait(&self) -> Duration {
        self.max_wait
    }

    /// Whether backoff is jittered.
    pub const fn jitter(&self) -> bool {
        self.jitter
    }

    /// What to do after attempt number `attempt` (1 for the first; 0 counts as 1, so that
    /// [`RetryPolicy::never`] never retries) failed with `advice`.
    ///
    /// `random` is a uniformly random number the caller draws (any source will do, a fast
    /// non-cryptographic one is fine); the jittered backoff is `random / u32::MAX` of the
    /// exponential backoff, so `u32::MAX` gives the upper bound and 0 no wait. It is ignored
    /// when jitter is off and for waits the server or the catalogue names.
    ///
    /// Precedence: a failure that is not retryable, or that is `idempotent_only` when the
    /// request is not idempotent, is never retried; then the attempts are counted; then the
    /// server's wait, the catalogue's wait (each giving up if longer than `max_wait`:
    /// [`GiveUpReason::WaitTooLong`], [`GiveUpReason::CatalogueWaitTooLong`]), and last the
    /// capped exponential backoff.
    pub fn decide(
        &self,
        attempt: u32,
        advice: &RetryAdvice,
        idempotency: Idempotency,
        random: u32,
    ) -> RetryDecision {
        use RetryDecision::{GiveUp, RetryAfter};
        if !advice.retryable {
            return GiveUp(GiveUpReason::NotRetryable);
        }
        if advice.idempotent_only && idempotency == Idempotency::NotIdempotent {
            return GiveUp(GiveUpReason::NotIdempotent);
        }
        if attempt.max(1) >= self.max_attempts {
            return GiveUp(GiveUpReason::AttemptsExhausted);
        }
        match (advice.server_wait, advice.catalogue_wait) {
            (Some(wait), _) if wait > self.max_wait => GiveUp(GiveUpReason::WaitTooLong(wait)),
            (None, Some(wait)) if wait > self.max_wait => {
                GiveUp(GiveUpReason::CatalogueWaitTooLong(wait))
            }
            (Some(wait), _) | (None, Some(wait)) => RetryAfter(wait),
            (None, None) => RetryAfter(self.backoff(attempt, random)),
        }
    }

    /// The jittered backoff after attempt number `attempt` (1 for the first, 0 counts as 1):
    /// `min(max_backoff, initial_backoff * 2^(attempt - 1))`, scaled by `random / u32::MAX`
    /// when jitter is on. Saturates; never panics.
    pub fn backoff(&self, attempt: u32, random: u32) -> Duration {
        // Duration::MAX is below 2^94 ns, so 127 doublings of even 1 ns pass any cap (and
        // 2^127 still fits a u128).
        let doublings = attempt.saturating_sub(1).min(127);
        let upper = self
            .initial_backoff
            .as_nanos()
            .saturating_mul(1u128 << doublings)
            .min(self.max_backoff.as_nanos());
        let nanos = if self.jitter {
            // upper < 2^96 here (Duration's nanos), so the product fits a u128.
            upper.min(1 << 96) * u128::from(random) / u128::from(u32::MAX)
        } else {
            upper
        };
        duration_from_nanos(nanos)
    }

    /// The waits this policy would take, one per retry, for a failure with `advice` that keeps
    /// happening; jitter is set aside (each wait at its upper bound). Empty when it would not
    /// retry at all, and stops where it would give up.
    ///
    /// ```
    /// use core::time::Duration;
    /// use aculab_errors::{Idempotency, RetryAdvice, RetryPolicy};
    /// let waits: Vec<Duration> = RetryPolicy::new().waits(RetryAdvice::for_status(429), Idempotency::Idempotent).collect();
    /// assert_eq!(waits, [Duration::from_secs(1), Duration::from_secs(2)]);
    /// ```
    pub fn waits(
        &self,
        advice: RetryAdvice,
        idempotency: Idempotency,
    ) -> impl Iterator<Item = Duration> {
        let policy = self.with_jitter(false);
        (1..policy.max_attempts).map_while(move |attempt| {
            match policy.decide(attempt, &advice, idempotency, u32::MAX) {
                RetryDecision::RetryAfter(wait) => Some(wait),
                RetryDecision::GiveUp(_) => None,
            }
        })
    }
}

/// A `u128` count of nanoseconds as a [`Duration`], saturating at [`Duration::MAX`].
fn duration_from_nanos(nanos: u128) -> Duration {
    const NANOS_PER_SEC: u128 = 1_000_000_000;
    match u64::try_from(nanos / NANOS_PER_SEC) {
        // The remainder is below 10^9, so it fits a u32.
        Ok(secs) => Duration::new(secs, (nanos % NANOS_PER_SEC) as u32),
        Err(_) => Duration::MAX,
    }
}
