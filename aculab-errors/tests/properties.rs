//! Parsing never panics, and whatever parses comes back unchanged through `Display`.

use aculab_errors::{ErrorCode, Timestamp};
use proptest::prelude::*;

proptest! {
    #[test]
    fn error_code_parsing_never_panics_and_round_trips(s in "\\PC{0,8}|[0-9]{4}|[0-9 ]{3,5}") {
        if let Ok(code) = s.parse::<ErrorCode>() {
            prop_assert_eq!(code.to_string(), s);
        }
    }

    #[test]
    fn every_number_maps_consistently(n in any::<u16>()) {
        let wire = format!("{n:04}");
        match ErrorCode::from_u16(n) {
            Some(code) => prop_assert_eq!(wire.parse::<ErrorCode>(), Ok(code)),
            None => prop_assert!(wire.parse::<ErrorCode>().is_err()),
        }
    }

    #[test]
    fn timestamp_parsing_never_panics_and_round_trips(s in "\\PC{0,24}|[0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9]{2}:[0-9]{2}:[0-9]{2}") {
        if let Ok(t) = s.parse::<Timestamp>() {
            prop_assert_eq!(t.to_string(), s);
        }
    }
}

#[cfg(feature = "alloc")]
mod response_code {
    use aculab_errors::ResponseCode;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn parsing_never_panics_and_display_gives_back_the_input(
            s in "\\PC{0,12}|[0-9]{4}|HTTP [0-9]{3}|HTTP [0-9 ]{2,4}|[ \t]{0,2}[0-9]{1,5}[ \t]{0,2}|[hH][tT][tT][pP][/0-9. ]{0,5}[0-9]{3}[ a-zA-Z]{0,6}"
        ) {
            let code = ResponseCode::new(&s);
            prop_assert_eq!(code.to_string(), s.clone());
            prop_assert_eq!(code.as_str(), s.as_str());
            prop_assert_eq!(ResponseCode::from_string(s.clone()), code.clone());
            prop_assert_eq!(s.parse::<ResponseCode>().unwrap(), code.clone());
            if let Some(status) = code.http_status() {
                prop_assert!((100..=599).contains(&status));
            }
            // A catalogued code is its four digits, or one to four digits with white space
            // around them (read loosely).
            if let Some(known) = code.error_code() {
                let digits = s.trim_ascii();
                prop_assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{:?}", s);
                prop_assert_eq!(known.as_str(), format!("{digits:0>4}"));
            }
        }
    }
}
