//! The public API as the Rust API guidelines ask: the common traits on every public type, and
//! `Display` and `FromStr` round-tripping for every value, exhaustively where the values are few.

use core::fmt::{Debug, Display};
use core::hash::Hash;
use core::str::FromStr;

use aculab_errors::{
    Category, ErrorCode, GiveUpReason, HttpDate, Idempotency, ParseCategoryError, ParseCodeError,
    ParseTimestampError, RetryAdvice, RetryDecision, RetryPolicy, Timestamp,
};

fn value<T: Debug + Clone + Eq + Hash + Send + Sync + Unpin + 'static>() {}
fn copy<T: Copy>() {}
fn ord<T: Ord>() {}
fn error<T: core::error::Error + Copy + Send + Sync + 'static>() {}
fn text<T: Display + FromStr>()
where
    T::Err: Debug + Display,
{
}

/// Fails to compile when a public type loses a common trait it has, or that its users rely on
/// (Send and Sync to move errors between threads, `core::error::Error` for `?`).
#[test]
fn every_public_type_has_the_common_traits() {
    value::<ErrorCode>();
    copy::<ErrorCode>();
    ord::<ErrorCode>();
    text::<ErrorCode>();
    value::<Category>();
    copy::<Category>();
    ord::<Category>();
    text::<Category>();
    value::<Timestamp>();
    copy::<Timestamp>();
    ord::<Timestamp>();
    text::<Timestamp>();
    value::<HttpDate>();
    copy::<HttpDate>();
    ord::<HttpDate>();
    value::<Idempotency>();
    copy::<Idempotency>();
    value::<RetryAdvice>();
    copy::<RetryAdvice>();
    value::<RetryDecision>();
    copy::<RetryDecision>();
    value::<GiveUpReason>();
    copy::<GiveUpReason>();
    value::<RetryPolicy>();
    copy::<RetryPolicy>();
    assert_eq!(RetryPolicy::default(), RetryPolicy::new());
    error::<ParseCodeError>();
    error::<ParseCategoryError>();
    error::<ParseTimestampError>();
    #[cfg(feature = "alloc")]
    {
        use aculab_errors::{
            ApiError, ErrorInfo, ErrorResponse, ParseKindError, RequestInfo, ResponseCode,
            ResponseKind,
        };
        fn owned<T: Debug + Clone + Eq + Default + Send + Sync + Unpin + 'static>() {}
        owned::<ErrorResponse>();
        owned::<ErrorInfo>();
        owned::<RequestInfo>();
        value::<ResponseCode>();
        text::<ResponseCode>();
        value::<ResponseKind>();
        copy::<ResponseKind>();
        text::<ResponseKind>();
        error::<ParseKindError>();
        fn api_error<T: core::error::Error + Clone + Eq + Send + Sync + Unpin + 'static>() {}
        api_error::<ApiError>();
    }
}

/// Every number maps to the same code however it is asked (`from_u16`, `TryFrom`, parsing its
/// four digits), and every code goes back to its number and its text.
#[test]
fn every_u16_and_every_code_round_trip() {
    let mut found = 0;
    for n in 0..=u16::MAX {
        let code = ErrorCode::from_u16(n);
        assert_eq!(ErrorCode::try_from(n).ok(), code, "{n}");
        assert_eq!(format!("{n:04}").parse::<ErrorCode>().ok(), code, "{n}");
        if let Some(code) = code {
            found += 1;
            assert_eq!(code.as_u16(), n);
            assert_eq!(u16::from(code), n);
            assert_eq!(code.to_string().parse::<ErrorCode>(), Ok(code));
            assert_eq!(code.as_str(), code.to_string());
            assert_eq!(Category::for_number(n), Some(code.category()));
            assert!(code.category().codes().contains(&code));
        }
    }
    assert_eq!(found, ErrorCode::ALL.len());
    // The order is the numbers' order, for codes and for the categories' ranges.
    for &a in ErrorCode::ALL {
        for &b in ErrorCode::ALL {
            assert_eq!(a.cmp(&b), a.as_u16().cmp(&b.as_u16()), "{a} {b}");
        }
    }
    for &a in Category::ALL {
        for &b in Category::ALL {
            assert_eq!(
                a.cmp(&b),
                a.range().start().cmp(b.range().start()),
                "{a} {b}"
            );
        }
    }
}

#[test]
fn every_category_round_trips_by_its_title_and_by_its_id() {
    for &category in Category::ALL {
        assert_eq!(category.to_string().parse(), Ok(category));
        assert_eq!(category.id().parse(), Ok(category));
        assert_eq!(category.to_string(), category.title());
    }
}

/// Every date of two whole 400-year cycles of the Gregorian calendar, the first and the last
/// that four digits hold (0000..=0400, 9600..=9999), is written and read back as itself, at the
/// first and the last second of its day.
#[test]
fn every_timestamp_date_round_trips() {
    let mut days = 0;
    for year in (0..=400).chain(9600..=9999) {
        for month in 1..=12 {
            for day in 1..=31 {
                let Some(t) = Timestamp::new(year, month, day, 0, 0, 0) else {
                    assert!(day > 28, "{year}-{month}-{day}");
                    continue;
                };
                days += 1;
                assert_eq!(t.to_string().parse(), Ok(t));
                let last = Timestamp::new(year, month, day, 23, 59, 59).unwrap();
                assert_eq!(last.to_string().parse(), Ok(last));
                assert!(t < last);
            }
        }
    }
    // A cycle is 146 097 days; 400 is a leap year.
    assert_eq!(days, 2 * 146_097 + 366);
}

/// An HTTP-date is written as IMF-fixdate for any instant, however far from now, without
/// panicking; every one with a four-digit year reads back as the instant it was.
#[test]
fn http_dates_are_written_for_any_instant_and_read_back_in_years_0_to_9999() {
    const YEAR_0: i64 = -62_167_219_200;
    const YEAR_10000: i64 = 253_402_300_800;
    for secs in [i64::MIN, i64::MIN + 1, YEAR_0 - 1, YEAR_10000, i64::MAX] {
        let date = HttpDate::from_unix_secs(secs);
        assert!(date.to_string().ends_with(" GMT"), "{date}");
        assert_eq!(aculab_errors::parse_http_date(&date.to_string(), 0), None);
    }
    for secs in [YEAR_0, -1, 0, YEAR_10000 - 1] {
        let text = HttpDate::from_unix_secs(secs).to_string();
        assert_eq!(
            aculab_errors::parse_http_date(&text, 0),
            Some(secs),
            "{text}"
        );
    }
    assert_eq!(
        HttpDate::from_unix_secs(YEAR_0).to_string(),
        "Sat, 01 Jan 0000 00:00:00 GMT"
    );
}

/// Width, fill and alignment lay a value out as they lay out its text, so that values line up in
/// a table: `Timestamp` and `HttpDate` ignored them, where the codes and categories did not.
#[test]
fn value_types_honour_width_and_alignment() {
    fn lined_up(value: impl Display) {
        let text = value.to_string();
        assert_eq!(format!("{value:>40}"), format!("{text:>40}"));
        assert_eq!(format!("{value:*^41}"), format!("{text:*^41}"));
        assert_eq!(format!("{value:<3}"), text);
        assert_eq!(format!("{value:.5}"), format!("{text:.5}"));
    }
    lined_up(ErrorCode::ALL[0]);
    lined_up(Category::ALL[0]);
    lined_up(Timestamp::new(2022, 12, 12, 11, 32, 41).unwrap());
    for secs in [i64::MIN, -1, 0, 784_111_777, i64::MAX] {
        lined_up(HttpDate::from_unix_secs(secs));
    }
    #[cfg(feature = "alloc")]
    {
        lined_up(aculab_errors::ResponseKind::NotJson);
        lined_up(aculab_errors::ResponseCode::new("HTTP 400"));
    }
}

#[cfg(feature = "alloc")]
mod owned {
    use aculab_errors::{ApiError, ErrorCode, ErrorResponse, ResponseCode};
    use proptest::prelude::*;

    /// Text full of what a line must not show raw: any character, or one from the blocks that
    /// hold controls and format characters (`any::<String>()` holds neither: it is `\PC*`).
    fn hostile_text() -> impl Strategy<Value = String> {
        let char = prop_oneof![
            any::<char>(),
            proptest::char::range('\u{0}', '\u{a0}'),
            proptest::char::range('\u{2000}', '\u{206f}'),
            proptest::char::range('\u{fe00}', '\u{feff}'),
            proptest::char::range('\u{13430}', '\u{1343f}'),
            proptest::char::range('\u{e0000}', '\u{e007f}'),
        ];
        proptest::collection::vec(char, 0..24).prop_map(String::from_iter)
    }

    proptest! {
        /// `==` between response codes, and between a response code and a catalogued code, is
        /// symmetric and transitive, and agrees with `Hash`.
        #[test]
        fn response_code_equality_is_symmetric_and_transitive(
            a in "[ 0]{0,2}[0-9]{1,4} ?|HTTP [0-9]{3}|\\PC{0,6}",
            b in "[ 0]{0,2}[0-9]{1,4} ?|HTTP [0-9]{3}|\\PC{0,6}",
            n in 0u16..2000,
        ) {
            let (a, b) = (ResponseCode::new(&a), ResponseCode::new(&b));
            let hash = |c: &ResponseCode| {
                use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
                BuildHasherDefault::<DefaultHasher>::default().hash_one(c)
            };
            prop_assert_eq!(a == b, b == a);
            if a == b {
                prop_assert_eq!(hash(&a), hash(&b));
                prop_assert_eq!(a.error_code(), b.error_code());
            }
            if let Some(code) = ErrorCode::from_u16(n) {
                prop_assert_eq!(a == code, code == a);
                // As a response code of its own, it compares as the code does.
                let own = ResponseCode::from(code);
                prop_assert_eq!(a == code, a == own);
                if a == b {
                    prop_assert_eq!(a == code, b == code);
                }
            }
            prop_assert_eq!(a.to_string().parse::<ResponseCode>().unwrap(), a.clone());
        }

        /// Whatever the server sent, in the code or the text, and whatever the precision, the
        /// line is one line with no control or format character in it but the two joiners.
        #[test]
        fn api_error_display_is_one_line_for_any_text(
            code in hostile_text(),
            text in hostile_text(),
            status in any::<u16>(),
            precision in proptest::option::of(0usize..40),
        ) {
            let err = ApiError::new(status, ErrorResponse::new(code.as_str(), text.as_str()));
            let line = match precision {
                Some(p) => format!("{err:.p$}"),
                None => err.to_string(),
            };
            prop_assert!(
                !line.contains(|c: char| c.is_control()
                    || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200b}'..='\u{200f}'
                        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}'
                        | '\u{13430}'..='\u{1343f}' | '\u{e0000}'..='\u{e0fff}')
                    && !matches!(c, '\u{200c}' | '\u{200d}')),
                "{:?}",
                line
            );
        }
    }
}
