//! `ResponseCode`: the four kinds of `error.code` and what each answers.
#![cfg(feature = "alloc")]

use std::time::Duration;

use aculab_errors::{Category, ErrorCode, ResponseCode};

/// The highest number in `category`'s range that no code has yet, as a code newer than this
/// catalogue would arrive: found, not written down, so that a code added to the catalogue the
/// documented way leaves these tests green.
fn newer_in(category: Category) -> u16 {
    let mut free = category
        .range()
        .rev()
        .filter(|&n| ErrorCode::from_u16(n).is_none());
    free.next().expect("a number left in the range")
}

#[test]
fn classifies_each_kind_and_keeps_the_exact_text() {
    let known = ResponseCode::new("0026");
    assert_eq!(known.error_code(), Some(ErrorCode::ConferenceChangeTooSoon));
    assert_eq!((known.http_status(), known.number()), (Some(400), Some(26)));
    assert_eq!(known.retry_after(), Some(Duration::from_secs(60)));
    assert_eq!(known, ErrorCode::ConferenceChangeTooSoon);
    assert_eq!(
        ResponseCode::from(ErrorCode::ConferenceChangeTooSoon),
        known
    );

    let newer = newer_in(Category::ServiceAvailability);
    let unknown = ResponseCode::new(&format!("{newer:04}"));
    assert_eq!(
        (
            unknown.error_code(),
            unknown.number(),
            unknown.http_status()
        ),
        (None, Some(newer), None)
    );
    assert_eq!(unknown.category(), Some(Category::ServiceAvailability));
    assert!(!unknown.is_retryable());

    for (text, status, retryable) in [
        ("HTTP 418", 418, false),
        ("HTTP 429", 429, true),
        ("HTTP 502", 502, true),
        ("HTTP 503", 503, true),
        ("HTTP 504", 504, true),
        ("HTTP 500", 500, false),
    ] {
        let code = ResponseCode::new(text);
        assert_eq!(
            (code.http_status(), code.is_retryable(), code.number()),
            (Some(status), retryable, None),
            "{text}"
        );
        assert_eq!(code.retry_after(), None);
    }

    for other in [
        "",
        "HTTP 4000",
        "HTTP 40",
        "HTTP 600",
        "HTTP 099",
        "E0405",
        "HTTP 4O4",
        "04 05",
        "+405",
        "00405",
        "0x195",
        "\u{ff10}\u{ff14}\u{ff10}\u{ff15}",
        "HTTP 400x",
        "HTTPS 400",
        "HTTP 5030",
    ] {
        let code = ResponseCode::new(other);
        assert_eq!(
            (code.error_code(), code.http_status(), code.number()),
            (None, None, None),
            "{other:?}"
        );
        assert_eq!(code.to_string(), other);
    }
    assert_eq!(
        format!("{:?}", ResponseCode::new("0405")),
        "ResponseCode(InvalidToken)"
    );
    assert_eq!(
        format!("{:?}", ResponseCode::new("x")),
        "ResponseCode(\"x\")"
    );
}

#[test]
fn a_code_written_loosely_is_read_for_what_it_says_and_kept_as_written() {
    // Servers that format the number themselves drop the leading zeros or pad with spaces;
    // the code is still the catalogue's, and its advice applies.
    for (text, code) in [
        ("405", ErrorCode::InvalidToken),
        (" 0405", ErrorCode::InvalidToken),
        ("0405 ", ErrorCode::InvalidToken),
        ("\t0405\n", ErrorCode::InvalidToken),
        ("18", ErrorCode::StorageFailure),
        (" 1001", ErrorCode::InternalError),
    ] {
        let loose = ResponseCode::new(text);
        assert_eq!(loose.error_code(), Some(code), "{text:?}");
        assert_eq!(loose.number(), Some(code.as_u16()), "{text:?}");
        assert_eq!(loose.http_status(), code.http_status(), "{text:?}");
        assert_eq!(loose.is_retryable(), code.is_retryable(), "{text:?}");
        assert_eq!(loose.retry_after(), code.retry_after(), "{text:?}");
        assert_eq!(loose, code, "{text:?}");
        assert_eq!(
            (loose.as_str(), loose.to_string()),
            (text, text.to_string())
        );
        assert_eq!(ResponseCode::from_string(text.to_string()), loose);
    }
    // Three digits, as a number below 1000 may be written.
    let n = newer_in(Category::MediaFiles);
    let text = format!(" {n}");
    let newer = ResponseCode::new(&text);
    assert_eq!(
        (newer.error_code(), newer.number(), newer.as_str()),
        (None, Some(n), text.as_str())
    );

    for (text, status) in [
        ("http 400", 400),
        ("HTTP  400", 400),
        ("HTTP400", 400),
        ("Http 503", 503),
        (" HTTP 429 ", 429),
        ("HTTP 404 Not Found", 404),
        ("HTTP/1.1 502", 502),
        ("HTTP/2 504 Gateway Timeout", 504),
    ] {
        let loose = ResponseCode::new(text);
        assert_eq!(
            (loose.http_status(), loose.error_code(), loose.number()),
            (Some(status), None, None),
            "{text:?}"
        );
        assert_eq!(
            loose.is_retryable(),
            aculab_errors::is_retryable_status(status)
        );
        assert_eq!(loose.as_str(), text);
    }
}

/// `PartialEq` is an equivalence across the three impls that exist (`ResponseCode` with itself,
/// with `ErrorCode` and the mirror): a loose `" 405"` equals `ErrorCode::InvalidToken`, which
/// equals `"0405"`, so `" 405"` equals `"0405"` too, and both hash alike. (It did not: the
/// derived comparison of the spelling broke transitivity, which `PartialEq` requires.)
#[test]
fn equality_is_symmetric_and_transitive_and_agrees_with_hash() {
    use std::collections::HashSet;
    use std::hash::{BuildHasher, RandomState};

    let newer = newer_in(Category::MediaFiles);
    let (newer, newer_short, newer_padded) = (
        format!("{newer:04}"),
        format!("{newer}"),
        format!(" {newer:04} "),
    );
    let spellings = [
        "0405",
        "405",
        " 0405",
        "0405 ",
        "\t405\n",
        &newer,
        &newer_short,
        &newer_padded,
        "HTTP 503",
        "http 503",
        "HTTP503",
        "HTTP/1.1 503 Service Unavailable",
        "HTTP 400",
        "E0405",
        "",
        "x",
    ];
    let codes: Vec<ResponseCode> = spellings.iter().map(|s| ResponseCode::new(s)).collect();
    let state = RandomState::new();
    for a in &codes {
        for b in &codes {
            assert_eq!(a == b, b == a, "{a:?} {b:?}");
            if a == b {
                assert_eq!(state.hash_one(a), state.hash_one(b), "{a:?} {b:?}");
            }
            for c in &codes {
                if a == b && b == c {
                    assert_eq!(a, c, "{a:?} == {b:?} == {c:?}");
                }
            }
            for known in [ErrorCode::InvalidToken, ErrorCode::StorageFailure] {
                if *a == known && known == *b {
                    assert_eq!(a, b, "{a:?} == {known:?} == {b:?}");
                }
                assert_eq!(*a == known, known == *a);
            }
        }
    }
    // Each spelling of a code is the same code, still written as it was.
    let invalid_token: HashSet<&ResponseCode> = codes[..5].iter().collect();
    assert_eq!(invalid_token.len(), 1);
    assert_eq!(codes[2].as_str(), " 0405");
    assert_eq!(ResponseCode::new(&newer_padded), ResponseCode::new(&newer));
    assert_eq!(ResponseCode::new("http 503"), ResponseCode::new("HTTP 503"));
    // What they say differs: not equal.
    assert_ne!(ResponseCode::new("0405"), ResponseCode::new(&newer));
    assert_ne!(ResponseCode::new("503"), ResponseCode::new("HTTP 503"));
    assert_ne!(ResponseCode::new("E0405"), ResponseCode::new("0405"));
    assert_ne!(ResponseCode::new("x"), ResponseCode::new("X"));
}
