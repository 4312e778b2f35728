//! Retry-After in all its forms, and the retry policy's precedence, bounds and defaults.

use std::time::Duration;

use aculab_errors::{
    is_retryable_status, parse_http_date, parse_retry_after, ErrorCode, GiveUpReason, HttpDate,
    Idempotency, RetryAdvice, RetryDecision, RetryPolicy,
};
use proptest::prelude::*;

/// Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example date.
const EXAMPLE: u64 = 784_111_777;

#[test]
fn retry_after_reads_seconds_and_all_three_date_formats() {
    let secs = Duration::from_secs;
    for (value, wait) in [
        ("0", Some(secs(0))),
        ("120", Some(secs(120))),
        (" \t120 ", Some(secs(120))),
        ("007", Some(secs(7))),
        ("99999999999999999999999999", Some(secs(u64::MAX))),
        ("Sun, 06 Nov 1994 08:49:37 GMT", Some(secs(0))),
        ("Sun, 06 Nov 1994 08:50:37 GMT", Some(secs(60))),
        ("sun, 06 nov 1994 08:50:37 gmt", Some(secs(60))),
        ("Sunday, 06-Nov-94 08:51:37 GMT", Some(secs(120))),
        ("Sun Nov  6 08:52:37 1994", Some(secs(180))),
        ("Sun Nov 06 08:52:37 1994", Some(secs(180))),
        ("Thu, 01 Jan 1970 00:00:00 GMT", Some(secs(0))),
        ("Sat, 29 Feb 1992 00:00:00 GMT", Some(secs(0))),
        (
            "Mon, 31 Dec 9999 23:59:59 GMT",
            Some(secs(253_402_300_799 - EXAMPLE)),
        ),
        ("", None),
        ("   ", None),
        ("-1", None),
        ("+5", None),
        ("1.5", None),
        ("12a", None),
        ("soon", None),
        ("Sun, 06 Nov 1994 08:49:37", None),
        ("Sun, 06 Nov 1994 08:49:37 UTC", None),
        ("Sun, 31 Nov 1994 08:49:37 GMT", None),
        ("Sun, 29 Feb 1993 08:49:37 GMT", None),
        ("Sun, 06 Nov 1994 24:00:00 GMT", None),
        ("Sun, 06 Nov 1994 08:60:00 GMT", None),
        ("Sun, 06 Foo 1994 08:49:37 GMT", None),
        ("Xyz, 06 Nov 1994 08:49:37 GMT", None),
        ("Sun,06 Nov 1994 08:49:37 GMT", None),
        ("Sunday, 06-Nov-1994 08:49:37 GMT", None),
        ("Sun Nov  6 08:49:37 94", None),
        ("Sun, 06 Nov 1994 08:49:37 GMT trailing", None),
        ("日本, 06 Nov 1994 08:49:37 GMT", None),
    ] {
        assert_eq!(parse_retry_after(value, EXAMPLE), wait, "{value:?}");
    }
}

#[test]
fn http_dates_are_written_as_imf_fixdates() {
    for (t, text) in [
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (EXAMPLE as i64, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (253_402_300_799, "Fri, 31 Dec 9999 23:59:59 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
    ] {
        assert_eq!(HttpDate::from_unix_secs(t).to_string(), text);
        assert_eq!(HttpDate::from_unix_secs(t).unix_secs(), t);
    }
}

#[test]
fn two_digit_years_are_at_most_fifty_years_ahead() {
    let now_2026 = 1_780_000_000; // 2026
    let year = |v: &str| parse_http_date(v, now_2026).map(|s| 1970 + s / 31_556_952);
    assert_eq!(year("Monday, 01-Jan-76 00:00:00 GMT"), Some(2076));
    assert_eq!(year("Monday, 01-Jan-77 00:00:00 GMT"), Some(1977));
    assert_eq!(year("Monday, 01-Jan-26 00:00:00 GMT"), Some(2026));
    assert_eq!(year("Monday, 01-Jan-94 00:00:00 GMT"), Some(1994));
    // In the year 50 years on, the day and time decide: more than 50 years after now is a
    // century earlier, not before (2076-12-31 is 50.6 years after May 2026).
    assert_eq!(year("Thursday, 31-Dec-76 00:00:00 GMT"), Some(1976));
    // Read on 6 Nov 1994 08:49:37, as written, and in 2051 (2100 has no 29 February).
    let now_2051 = 2_556_230_400; // 2051-01-02
    for (now, rfc_850, imf) in [
        (
            EXAMPLE,
            "Friday, 01-Jan-44 00:00:00 GMT",
            "Fri, 01 Jan 2044 00:00:00 GMT",
        ),
        (
            EXAMPLE,
            "Sunday, 06-Nov-44 08:49:37 GMT",
            "Sun, 06 Nov 2044 08:49:37 GMT",
        ),
        (
            EXAMPLE,
            "Sunday, 06-Nov-44 08:49:38 GMT",
            "Mon, 06 Nov 1944 08:49:38 GMT",
        ),
        (
            EXAMPLE,
            "Monday, 31-Dec-43 00:00:00 GMT",
            "Thu, 31 Dec 2043 00:00:00 GMT",
        ),
        (
            now_2051,
            "Tuesday, 29-Feb-00 00:00:00 GMT",
            "Tue, 29 Feb 2000 00:00:00 GMT",
        ),
    ] {
        let read = parse_http_date(rfc_850, now).map(|s| HttpDate::from_unix_secs(s).to_string());
        assert_eq!(read.as_deref(), Some(imf), "{rfc_850}");
    }
    assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT", 0), Some(0));
    assert_eq!(
        parse_http_date("Wed, 31 Dec 1969 23:59:59 GMT", 0),
        Some(-1)
    );
}

#[test]
fn a_day_written_with_one_digit_is_read_as_rfc_9110_asks_recipients_to_be_robust() {
    // Java's RFC_1123_DATE_TIME writes "Sun, 6 Nov 1994"; asctime with one space is common too.
    let secs = Duration::from_secs;
    for (value, wait) in [
        ("Sun, 6 Nov 1994 08:50:37 GMT", Some(secs(60))),
        ("Mon, 7 Nov 1994 08:49:37 GMT", Some(secs(86_400))),
        ("Sun Nov 6 08:50:37 1994", Some(secs(60))),
        ("Sun, 6 Nov 1994 08:50:37", None),
        ("Sun, x Nov 1994 08:50:37 GMT", None),
        ("Sun, 0 Nov 1994 08:50:37 GMT", None),
        ("Sun Nov x 08:50:37 1994", None),
        ("Sun,  6 Nov 1994 08:50:37 GMT", None),
    ] {
        assert_eq!(parse_retry_after(value, EXAMPLE), wait, "{value:?}");
    }
}

#[test]
fn a_clock_at_the_end_of_time_gives_no_date_rather_than_a_panic() {
    // A two-digit year is read near "now"; with "now" at u64::MAX seconds that year's
    // seconds do not fit an i64, so there is no such date (and no overflow).
    for now in [u64::MAX, u64::MAX / 86_400 * 86_400] {
        for value in [
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Friday, 31-Dec-99 23:59:59 GMT",
            "Monday, 01-Jan-00 00:00:00 GMT",
        ] {
            assert_eq!(parse_http_date(value, now), None, "{value} at {now}");
            assert_eq!(parse_retry_after(value, now), None, "{value} at {now}");
        }
        assert_eq!(parse_retry_after("30", now), Some(Duration::from_secs(30)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::ZERO)
        );
    }
    // Where the century's seconds still fit, the date is read.
    let now = u64::MAX / 2;
    let at = parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", now).unwrap();
    assert!(u64::try_from(at).unwrap().abs_diff(now) < 51 * 366 * 86_400);
}

fn retry(secs: u64) -> RetryDecision {
    RetryDecision::RetryAfter(Duration::from_secs(secs))
}

const IDEMPOTENT: Idempotency = Idempotency::Idempotent;
const NOT_IDEMPOTENT: Idempotency = Idempotency::NotIdempotent;

#[test]
fn defaults_are_the_aws_standard_mode_ones() {
    let p = RetryPolicy::default();
    assert_eq!(p, RetryPolicy::new());
    assert_eq!(p.max_attempts(), 3);
    assert_eq!(p.initial_backoff(), Duration::from_secs(1));
    assert_eq!(p.max_backoff(), Duration::from_secs(20));
    assert_eq!(p.max_wait(), Duration::from_secs(300));
    assert!(p.jitter());
    assert!([429, 502, 503, 504].into_iter().all(is_retryable_status));
    assert!(![200, 400, 404, 500, 501]
        .into_iter()
        .any(is_retryable_status));
}

#[test]
fn precedence_is_retryability_then_server_then_catalogue_then_backoff() {
    let p = RetryPolicy::new().with_jitter(false);
    let limited = ErrorCode::from_u16(18).unwrap(); // retryable, 180 s, idempotent only
    let too_soon = ErrorCode::ConferenceChangeTooSoon; // retryable, 60 s
    let server = Some(Duration::from_secs(7));

    let not_retryable = RetryAdvice::for_code(ErrorCode::InvalidToken).with_server_wait(server);
    assert_eq!(
        p.decide(1, &not_retryable, IDEMPOTENT, 0),
        RetryDecision::GiveUp(GiveUpReason::NotRetryable)
    );
    let idem_only = RetryAdvice::for_code(limited).with_server_wait(server);
    assert_eq!(
        p.decide(1, &idem_only, NOT_IDEMPOTENT, 0),
        RetryDecision::GiveUp(GiveUpReason::NotIdempotent)
    );
    assert_eq!(p.decide(1, &idem_only, IDEMPOTENT, 0), retry(7));
    assert_eq!(
        p.decide(1, &RetryAdvice::for_code(limited), IDEMPOTENT, 0),
        retry(180)
    );
    let catalogue = RetryAdvice::for_code(too_soon);
    assert_eq!(p.decide(1, &catalogue, NOT_IDEMPOTENT, 0), retry(60));
    assert_eq!(
        p.decide(1, &catalogue.with_server_wait(server), NOT_IDEMPOTENT, 0),
        retry(7)
    );
    let status = RetryAdvice::for_status(503);
    assert_eq!(p.decide(1, &status, NOT_IDEMPOTENT, 0), retry(1));
    assert_eq!(p.decide(2, &status, NOT_IDEMPOTENT, 0), retry(2));
    assert_eq!(
        p.decide(3, &status, NOT_IDEMPOTENT, 0),
        RetryDecision::GiveUp(GiveUpReason::AttemptsExhausted)
    );
    assert_eq!(
        RetryPolicy::never().decide(1, &status, IDEMPOTENT, 0),
        RetryDecision::GiveUp(GiveUpReason::AttemptsExhausted)
    );
    assert_eq!(
        p.decide(1, &RetryAdvice::for_status(502), NOT_IDEMPOTENT, 0),
        RetryDecision::GiveUp(GiveUpReason::NotIdempotent)
    );
}

#[test]
fn a_wait_beyond_max_wait_means_give_up() {
    let p = RetryPolicy::new().with_max_wait(Duration::from_secs(100));
    let limited = RetryAdvice::for_code(ErrorCode::from_u16(18).unwrap());
    assert_eq!(
        p.decide(1, &limited, IDEMPOTENT, 0),
        RetryDecision::GiveUp(GiveUpReason::CatalogueWaitTooLong(Duration::from_secs(180)))
    );
    let server_long = RetryAdvice::for_status(429).with_server_wait(Some(Duration::from_secs(101)));
    assert_eq!(
        p.decide(1, &server_long, IDEMPOTENT, 0),
        RetryDecision::GiveUp(GiveUpReason::WaitTooLong(Duration::from_secs(101)))
    );
    let server_ok = RetryAdvice::for_status(429).with_server_wait(Some(Duration::from_secs(100)));
    assert_eq!(p.decide(1, &server_ok, IDEMPOTENT, 0), retry(100));
}

#[test]
fn backoff_doubles_to_the_cap_and_jitter_stays_below_it() {
    let p = RetryPolicy::new().with_max_attempts(10).with_jitter(false);
    let waits: Vec<u64> = (1..=7).map(|a| p.backoff(a, 0).as_secs()).collect();
    assert_eq!(waits, [1, 2, 4, 8, 16, 20, 20]);
    let jittered = p.with_jitter(true);
    assert_eq!(jittered.backoff(3, 0), Duration::ZERO);
    assert_eq!(jittered.backoff(3, u32::MAX), Duration::from_secs(4));
    assert_eq!(
        jittered.backoff(3, u32::MAX / 2),
        Duration::from_nanos(1_999_999_999)
    );
    let waits: Vec<Duration> = p.waits(RetryAdvice::for_status(503), IDEMPOTENT).collect();
    assert_eq!(waits.len(), 9);
    assert_eq!(
        RetryPolicy::new()
            .waits(RetryAdvice::for_code(ErrorCode::InvalidToken), IDEMPOTENT)
            .count(),
        0
    );
}

#[test]
fn backoff_keeps_doubling_past_64_retries_up_to_a_cap_of_any_size() {
    // min(max_backoff, initial_backoff * 2^(attempt - 1)), as documented, for any cap: from
    // 1 ns it reaches 2^79 ns by attempt 80 (it stopped doubling at 2^64 ns, 584 years).
    let p = RetryPolicy::new()
        .with_max_attempts(u32::MAX)
        .with_initial_backoff(Duration::from_nanos(1))
        .with_max_backoff(Duration::MAX)
        .with_jitter(false);
    let nanos = |d: Duration| d.as_nanos();
    assert_eq!(nanos(p.backoff(65, 0)), 1 << 64);
    assert_eq!(nanos(p.backoff(80, 0)), 1 << 79);
    assert_eq!(nanos(p.backoff(93, 0)), 1 << 92);
    // Past Duration::MAX (about 2^93.9 ns) the cap holds, up to the last attempt.
    for attempt in [95, 96, 129, 200, u32::MAX] {
        assert_eq!(p.backoff(attempt, 0), Duration::MAX, "{attempt}");
    }
    assert_eq!(
        p.decide(80, &RetryAdvice::for_status(503), IDEMPOTENT, 0),
        RetryDecision::RetryAfter(p.backoff(80, 0))
    );
    // Jittered, u32::MAX is the upper bound there too.
    assert_eq!(p.with_jitter(true).backoff(80, u32::MAX), p.backoff(80, 0));
}

proptest! {
    #[test]
    fn retry_after_never_panics_on_any_text(value in "\\PC{0,40}", now in any::<u64>()) {
        // Whatever is read is one of the two forms.
        if parse_retry_after(&value, now).is_some() {
            let seconds = value.trim_matches([' ', '\t']).bytes().all(|b| b.is_ascii_digit());
            prop_assert!(seconds || parse_http_date(&value, now).is_some(), "{:?}", value);
        }
    }

    #[test]
    fn retry_after_never_panics_on_date_shaped_text(
        value in "(Mon|Sun|Sunday|Xyz), ?[0-9 ]{1,3}[ -](Jan|Feb|Nov|Foo)[ -][0-9]{2,4} [0-9]{2}:[0-9]{2}:[0-9]{2} (GMT|UTC)?",
        now in any::<u64>(),
    ) {
        if let (Some(wait), Some(at)) = (parse_retry_after(&value, now), parse_http_date(&value, now)) {
            let expected = u64::try_from(at).unwrap_or(0).saturating_sub(now);
            prop_assert_eq!(wait, Duration::from_secs(expected));
        }
    }

    #[test]
    fn dates_round_trip_through_the_imf_fixdate_form(days in 0i64..2_932_896, secs in 0i64..86_400) {
        // Any instant from 1970 to 9999, written as an IMF-fixdate, reads back to itself.
        let t = days * 86_400 + secs;
        let text = HttpDate::from_unix_secs(t).to_string();
        prop_assert_eq!(parse_http_date(&text, 0), Some(t), "{}", text);
    }

    #[test]
    fn policy_never_panics_and_respects_its_bounds(
        attempt in any::<u32>(), random in any::<u32>(), secs in any::<u64>(), nanos in 0u32..1_000_000_000,
        server in proptest::option::of(any::<u64>()), retryable in any::<bool>(), idem_only in any::<bool>(),
    ) {
        let d = Duration::new(secs, nanos);
        let p = RetryPolicy::new().with_max_attempts(u32::MAX).with_initial_backoff(d).with_max_backoff(d);
        let advice = RetryAdvice::new(retryable, idem_only).with_server_wait(server.map(Duration::from_secs));
        match p.decide(attempt, &advice, IDEMPOTENT, random) {
            RetryDecision::RetryAfter(wait) => prop_assert!(wait <= d || Some(wait) == advice.server_wait),
            RetryDecision::GiveUp(_) => {}
        }
        prop_assert!(p.backoff(attempt, random) <= d);
    }
}

/// The documented rule, written out step by step, independently of `RetryPolicy::decide`: the
/// upper bound doubles from `initial` one retry at a time with `Duration`'s own checked
/// arithmetic until it passes the cap.
fn documented_decision(
    p: &RetryPolicy,
    attempt: u32,
    advice: &RetryAdvice,
    idempotency: Idempotency,
    random: u32,
) -> RetryDecision {
    if !advice.retryable {
        return RetryDecision::GiveUp(GiveUpReason::NotRetryable);
    }
    if advice.idempotent_only && idempotency == NOT_IDEMPOTENT {
        return RetryDecision::GiveUp(GiveUpReason::NotIdempotent);
    }
    if attempt.max(1) >= p.max_attempts() {
        return RetryDecision::GiveUp(GiveUpReason::AttemptsExhausted);
    }
    if let Some(wait) = advice.server_wait.or(advice.catalogue_wait) {
        return if wait > p.max_wait() && advice.server_wait.is_some() {
            RetryDecision::GiveUp(GiveUpReason::WaitTooLong(wait))
        } else if wait > p.max_wait() {
            RetryDecision::GiveUp(GiveUpReason::CatalogueWaitTooLong(wait))
        } else {
            RetryDecision::RetryAfter(wait)
        };
    }
    let mut upper = p.initial_backoff().min(p.max_backoff());
    for _ in 1..attempt.max(1) {
        if upper >= p.max_backoff() || upper.is_zero() {
            break;
        }
        upper = upper
            .checked_mul(2)
            .map_or(p.max_backoff(), |d| d.min(p.max_backoff()));
    }
    if p.jitter() {
        let nanos = upper.as_nanos() * u128::from(random) / u128::from(u32::MAX);
        let secs = u64::try_from(nanos / 1_000_000_000).unwrap();
        upper = Duration::new(secs, (nanos % 1_000_000_000) as u32);
    }
    RetryDecision::RetryAfter(upper)
}

fn any_duration() -> impl Strategy<Value = Duration> {
    prop_oneof![
        1 => Just(Duration::ZERO),
        2 => Just(Duration::MAX),
        2 => (0u64..=1_000_000).prop_map(Duration::from_nanos),
        1 => (0u64..=100_000).prop_map(Duration::from_millis),
        2 => (any::<u64>(), 0u32..1_000_000_000).prop_map(|(s, n)| Duration::new(s, n)),
    ]
}

/// Any policy (with as many attempts as `max_attempts` draws), any advice, either idempotency.
fn any_case(
    max_attempts: impl Strategy<Value = u32>,
) -> impl Strategy<Value = (RetryPolicy, RetryAdvice, Idempotency)> {
    let durations = (any_duration(), any_duration(), any_duration());
    let policy = (max_attempts, durations, any::<bool>()).prop_map(
        |(max_attempts, (initial, cap, max_wait), jitter)| {
            RetryPolicy::new()
                .with_max_attempts(max_attempts)
                .with_initial_backoff(initial)
                .with_max_backoff(cap)
                .with_max_wait(max_wait)
                .with_jitter(jitter)
        },
    );
    let wait = || proptest::option::weighted(0.25, any_duration());
    let advice = (proptest::bool::weighted(0.8), any::<bool>(), wait(), wait()).prop_map(
        |(retryable, idempotent_only, server, catalogue)| {
            let mut advice = RetryAdvice::new(retryable, idempotent_only).with_server_wait(server);
            advice.catalogue_wait = catalogue;
            advice
        },
    );
    (
        policy,
        advice,
        prop_oneof![Just(IDEMPOTENT), Just(NOT_IDEMPOTENT)],
    )
}

proptest! {
    #[test]
    fn decide_follows_the_documented_rule_for_any_policy(
        (p, advice, idempotency) in any_case(prop_oneof![1 => 0u32..6, 2 => Just(u32::MAX)]),
        attempt in prop_oneof![0u32..8, 60u32..140, Just(u32::MAX - 1)],
        random in prop_oneof![Just(0u32), Just(u32::MAX), any::<u32>()],
    ) {
        prop_assert_eq!(
            p.decide(attempt, &advice, idempotency, random),
            documented_decision(&p, attempt, &advice, idempotency, random)
        );
    }
}

#[test]
fn attempt_zero_counts_as_the_first_so_a_one_attempt_policy_never_retries() {
    // A caller counting attempts from 0 must not get a retry out of `never()`.
    let busy = RetryAdvice::for_status(503).with_server_wait(Some(Duration::from_secs(1)));
    for p in [
        RetryPolicy::never(),
        RetryPolicy::new().with_max_attempts(1),
    ] {
        assert_eq!(
            p.decide(0, &busy, IDEMPOTENT, u32::MAX),
            RetryDecision::GiveUp(GiveUpReason::AttemptsExhausted),
            "{p:?}"
        );
    }
    let p = RetryPolicy::new().with_jitter(false);
    let status = RetryAdvice::for_status(503);
    assert_eq!(
        p.decide(0, &status, IDEMPOTENT, 0),
        p.decide(1, &status, IDEMPOTENT, 0)
    );
}

#[test]
fn a_wait_too_long_says_whose_wait_it_is() {
    // A log line must tell a server asking for too long a wait from a policy whose max_wait is
    // below the catalogue's own wait for the code.
    let p = RetryPolicy::new().with_max_wait(Duration::from_secs(100));
    let limited = RetryAdvice::for_code(ErrorCode::from_u16(18).unwrap()); // 180 s
    assert_eq!(
        p.decide(1, &limited, IDEMPOTENT, 0).to_string(),
        "give up: the catalogue's wait for the code, 180s, is longer than the policy's max_wait"
    );
    let server = limited.with_server_wait(Some(Duration::from_secs(101)));
    assert_eq!(
        p.decide(1, &server, IDEMPOTENT, 0).to_string(),
        "give up: the server's Retry-After asks for 101s, longer than the policy's max_wait"
    );
}

/// The asctime and RFC 850 forms of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
fn obsolete_forms(imf: &str) -> (String, String) {
    let [day, dd, mon, year, time, _] = imf
        .split([',', ' '])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()[..]
    else {
        panic!("{imf}");
    };
    let long = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    .into_iter()
    .find(|d| d.starts_with(day))
    .unwrap();
    let asctime = format!(
        "{day} {mon} {:>2} {time} {year}",
        dd.trim_start_matches('0')
    );
    let rfc_850 = format!("{long}, {dd}-{mon}-{} {time} GMT", &year[2..]);
    (asctime, rfc_850)
}

proptest! {
    #[test]
    fn delay_seconds_read_as_the_number_written(n in any::<u64>(), zeros in 0usize..3, now in any::<u64>()) {
        let value = format!("{}{n}", "0".repeat(zeros));
        prop_assert_eq!(parse_retry_after(&value, now), Some(Duration::from_secs(n)));
    }

    #[test]
    fn a_date_in_each_form_reads_as_its_distance_from_now(
        now in 0i64..253_402_300_800, ahead in -49i64 * 365 * 86_400..49 * 365 * 86_400,
    ) {
        // Any instant from 1970 to 9999 within 49 years of now: IMF-fixdate and asctime at
        // any distance, RFC 850's two-digit year within the 50 years it can reach.
        let at = (now + ahead).clamp(0, 253_402_300_799);
        let imf = HttpDate::from_unix_secs(at).to_string();
        let (asctime, rfc_850) = obsolete_forms(&imf);
        let wait = Some(Duration::from_secs(u64::try_from(at - now).unwrap_or(0)));
        let now = u64::try_from(now).unwrap();
        for value in [&imf, &asctime, &rfc_850] {
            prop_assert_eq!(parse_retry_after(value, now), wait, "{} at {}", value, now);
        }
    }

    #[test]
    fn waits_are_what_decide_does_in_a_loop((p, advice, idempotency) in any_case(0u32..8)) {
        // `waits` (explain's waits_ms) is decide's loop with each backoff at its upper bound:
        // jitter off, or on with random = u32::MAX.
        let mut looped = Vec::new();
        let mut attempt = 1;
        while let RetryDecision::RetryAfter(wait) = p.decide(attempt, &advice, idempotency, u32::MAX) {
            looped.push(wait);
            attempt += 1;
        }
        prop_assert!(attempt <= p.max_attempts().max(1), "{} attempts, {:?}", attempt, p);
        prop_assert_eq!(p.waits(advice, idempotency).collect::<Vec<_>>(), looped);
    }

    #[test]
    fn a_jittered_backoff_is_within_its_bound_and_grows_with_random(
        initial in any_duration(), cap in any_duration(), attempt in any::<u32>(),
        r1 in any::<u32>(), r2 in any::<u32>(),
    ) {
        let p = RetryPolicy::new().with_initial_backoff(initial).with_max_backoff(cap);
        let upper = p.with_jitter(false).backoff(attempt, 0);
        prop_assert!(upper <= cap);
        let (lo, hi) = (r1.min(r2), r1.max(r2));
        prop_assert!(p.backoff(attempt, lo) <= p.backoff(attempt, hi));
        prop_assert!(p.backoff(attempt, hi) <= upper);
        prop_assert_eq!(p.backoff(attempt, u32::MAX), upper);
        prop_assert_eq!(p.backoff(attempt, 0), Duration::ZERO);
    }
}

#[test]
fn the_default_policy_honours_every_catalogued_wait() {
    // RetryPolicy's doc: max_wait, 5 minutes, is above the catalogue's longest wait (180 s), so
    // the default policy never gives up on a wait the catalogue itself names.
    let longest = ErrorCode::ALL.iter().filter_map(|c| c.retry_after()).max();
    assert_eq!(longest, Some(Duration::from_secs(180)));
    for &code in ErrorCode::ALL.iter().filter(|c| c.retry_after().is_some()) {
        let waits: Vec<Duration> = RetryPolicy::new()
            .waits(RetryAdvice::for_code(code), IDEMPOTENT)
            .collect();
        assert_eq!(waits, [code.retry_after().unwrap(); 2], "{code}");
    }
}

#[test]
fn advice_for_a_code_can_be_a_constant() {
    // Like `for_status`, `new` and the policy's builders, `for_code` is const.
    const TOO_SOON: RetryAdvice = RetryAdvice::for_code(ErrorCode::ConferenceChangeTooSoon);
    let code = ErrorCode::ConferenceChangeTooSoon;
    assert_eq!(TOO_SOON, RetryAdvice::for_code(code));
    assert_eq!(TOO_SOON.catalogue_wait, code.retry_after());
    assert_eq!(
        (TOO_SOON.retryable, TOO_SOON.idempotent_only),
        (code.is_retryable(), code.idempotent_only())
    );
}
