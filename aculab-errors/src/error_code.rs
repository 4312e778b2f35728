//! Methods and trait impls of [`ErrorCode`]; they read the generated records.
//!
//! A lookup is a load from a dense table indexed by the code number, so every lookup costs the
//! same whichever code it is: no hashing, no search, no allocation, and no branch on whether the
//! code is catalogued. A code's facts are one record, reached through a dense index that sends
//! every number somewhere: to its own record, or to the "no entry" record, so the index needs no
//! sentinel and no read of it can go out of bounds.

use core::fmt;
use core::hint::select_unpredictable;
use core::str::FromStr;
use core::time::Duration;

use crate::generated::{Category, ErrorCode, Record, Retry, RECORDS};

/// The "no entry" record's position: the last.
const NO_ENTRY: usize = RECORDS.len() - 1;

/// The highest catalogued code (the last of [`ErrorCode::ALL`], which is ascending).
const MAX_CODE: u16 = ErrorCode::ALL[ErrorCode::ALL.len() - 1] as u16;

/// One slot per number up to `MAX_CODE`, and a last one that larger numbers are clamped to.
const TABLE_LEN: usize = MAX_CODE as usize + 2;

/// Code number → position of its record in [`RECORDS`] (`NO_ENTRY` where no code has that
/// number). Positions fit in `u16`: codes are four digits, so there are at most 10,000.
const INDEX: [u16; TABLE_LEN] = {
    let mut table = [NO_ENTRY as u16; TABLE_LEN];
    let mut i = 0;
    while i < ErrorCode::ALL.len() {
        table[ErrorCode::ALL[i] as usize] = i as u16;
        i += 1;
    }
    table
};

/// Code number → code, derived from `ALL`: what [`ErrorCode::from_u16`] (and so `FromStr`)
/// answers in one load, so that a caller's test of the answer waits on one load only. Against
/// reaching the record's `code` through [`INDEX`] (two dependent loads), `FromStr` over
/// unlearnable inputs measured 0.122× phf's time instead of 0.203× (BENCHMARKS.md).
const BY_NUMBER: [Option<ErrorCode>; TABLE_LEN] = {
    let mut table = [None; TABLE_LEN];
    let mut i = 0;
    while i < ErrorCode::ALL.len() {
        table[ErrorCode::ALL[i] as usize] = Some(ErrorCode::ALL[i]);
        i += 1;
    }
    table
};

/// `n` clamped into the dense tables: numbers past the highest code land on the last slot,
/// which has no entry. A conditional move, not a branch.
#[inline]
const fn slot(n: u16) -> usize {
    if (n as usize) < TABLE_LEN {
        n as usize
    } else {
        TABLE_LEN - 1
    }
}

/// The record of number `n`, the "no entry" one if none: two loads, each index clamped into
/// its table, so no bounds check can fail.
#[inline]
const fn record_of(n: u16) -> &'static Record {
    let i = INDEX[slot(n)] as usize;
    &RECORDS[if i < NO_ENTRY { i } else { NO_ENTRY }]
}

impl ErrorCode {
    /// The code with this number, if the catalogue has one.
    ///
    /// ```
    /// use aculab_errors::ErrorCode;
    /// assert_eq!(ErrorCode::from_u16(405), Some(ErrorCode::InvalidToken));
    /// assert_eq!(ErrorCode::from_u16(502), None);
    /// ```
    #[inline]
    pub const fn from_u16(code: u16) -> Option<ErrorCode> {
        BY_NUMBER[slot(code)]
    }

    /// This code's record.
    #[inline]
    const fn record(self) -> &'static Record {
        record_of(self as u16)
    }

    /// The code's number: `ErrorCode::InvalidToken.as_u16() == 405`.
    pub const fn as_u16(self) -> u16 {
        self as u16
    }

    /// The 4-digit form the web services send, such as `"0405"`.
    pub fn as_str(self) -> &'static str {
        self.record().wire
    }

    /// The snake_case name, such as `"invalid_token"`.
    pub fn name(self) -> &'static str {
        self.record().name
    }

    /// The HTTP status Aculab documents for this code; `None` for the 20xx events, which have none.
    #[inline]
    pub fn http_status(self) -> Option<u16> {
        self.record().http
    }

    /// What the error means.
    pub fn description(self) -> &'static str {
        self.record().description
    }

    /// What to do about it, where Aculab documents a remedy.
    pub fn remedy(self) -> Option<&'static str> {
        self.record().remedy
    }

    /// The category the code belongs to.
    pub fn category(self) -> Category {
        // Every code's record has its category; only the "no entry" record has none.
        self.record().category.unwrap_or(Category::ALL[0])
    }

    /// The code's official documentation page.
    ///
    /// ```
    /// use aculab_errors::ErrorCode;
    /// assert_eq!(
    ///     ErrorCode::InvalidToken.doc_url(),
    ///     "https://www.aculab.com/cloud/web-services/web-service-errors?error=0405"
    /// );
    /// ```
    pub fn doc_url(self) -> &'static str {
        self.record().doc_url
    }

    /// Whether sending the same request again, unchanged, can succeed: rate and capacity
    /// limits, server-side faults and similar timing problems. Errors caused by the request
    /// itself (a bad parameter, a bad token, missing funds) are not retryable.
    ///
    /// ```
    /// use aculab_errors::ErrorCode;
    /// assert!(ErrorCode::AccountRateLimited.is_retryable());
    /// assert!(!ErrorCode::InvalidToken.is_retryable());
    /// ```
    pub fn is_retryable(self) -> bool {
        matches!(self.record().retry, Retry::Later { .. })
    }

    /// How long to wait before retrying, where Aculab names a duration: a minute between
    /// conference changes (0026), a few minutes after storage trouble (0018). `None` when the
    /// code is not retryable or no wait is documented; use your own backoff then.
    ///
    /// ```
    /// use aculab_errors::ErrorCode;
    /// use core::time::Duration;
    /// assert_eq!(ErrorCode::ConferenceChangeTooSoon.retry_after(), Some(Duration::from_secs(60)));
    /// ```
    pub fn retry_after(self) -> Option<Duration> {
        match self.record().retry {
            Retry::Later {
                after_secs: Some(secs),
                ..
            } => Some(Duration::from_secs(u64::from(secs))),
            _ => None,
        }
    }

    /// Whether a retry is safe only for an idempotent request: the server may already have
    /// carried the request out (an internal fault), so repeating a non-idempotent one could do
    /// it twice. `false` for codes refused before any work (rate limits, "try later"), which
    /// any request may retry, and for codes that are not retryable at all.
    ///
    /// ```
    /// use aculab_errors::ErrorCode;
    /// assert!(ErrorCode::InternalError.idempotent_only());
    /// assert!(!ErrorCode::AccountRateLimited.idempotent_only());
    /// ```
    pub fn idempotent_only(self) -> bool {
        matches!(
            self.record().retry,
            Retry::Later {
                idempotent_only: true,
                ..
            }
        )
    }
}

/// Why a string or number is not a catalogued [`ErrorCode`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseCodeError {
    /// Not exactly four ASCII digits, such as `"405"`, `" 0405"` or `"HTTP 400"`.
    Malformed,
    /// Well formed, but the catalogue has no such code (perhaps a newer one): the number.
    Unknown(u16),
}

impl fmt::Display for ParseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseCodeError::Malformed => {
                f.write_str("an Aculab error code is exactly four ASCII digits, such as 0405")
            }
            ParseCodeError::Unknown(n) => write!(f, "{n:04} is not a catalogued Aculab error code"),
        }
    }
}

impl core::error::Error for ParseCodeError {}

/// The number in a 4-ASCII-digit string, or `None`.
///
/// Branch-free on the content (SWAR): the four bytes are read as one little-endian word, checked
/// as digits with one mask and combined with two multiplications.
#[inline]
pub(crate) const fn parse_digits(s: &[u8]) -> Option<u16> {
    let [a, b, c, d] = match s {
        [a, b, c, d] => [*a, *b, *c, *d],
        _ => return None,
    };
    let x = u32::from_le_bytes([a, b, c, d]);
    // Per byte: subtracting '0' (0x30) keeps the top bit clear only for bytes 0x30..=0xAF, and
    // adding 0x46 keeps it clear only for bytes up to '9' (0x39 + 0x46 = 0x7F). The lowest
    // non-digit byte gets no borrow or carry from below, so it always sets a top bit.
    let v = x.wrapping_sub(0x3030_3030); // digit values, thousands in the lowest byte
    if (v | x.wrapping_add(0x4646_4646)) & 0x8080_8080 != 0 {
        return None;
    }
    // Byte 0: the first two digits as a number; byte 2: the last two.
    let pairs = (v * 10 + (v >> 8)) & 0x00FF_00FF;
    // Bits 16..32 of pairs * (1 + 100 * 2^16) hold the last pair + 100 * the first.
    Some((pairs.wrapping_mul(1 + (100 << 16)) >> 16) as u16)
}

/// Parses the 4-digit wire form. Anything else is rejected: `"405"`, `" 0405"`, and codes the
/// catalogue does not have, such as `"0502"`.
///
/// ```
/// use aculab_errors::{ErrorCode, ParseCodeError};
/// assert_eq!("0405".parse(), Ok(ErrorCode::InvalidToken));
/// assert_eq!("405".parse::<ErrorCode>(), Err(ParseCodeError::Malformed));
/// assert_eq!("0502".parse::<ErrorCode>(), Err(ParseCodeError::Unknown(502)));
/// ```
impl FromStr for ErrorCode {
    type Err = ParseCodeError;

    #[inline]
    // `ParseCodeError`, not `Self::Err`: a code named `err` would make that path ambiguous.
    fn from_str(s: &str) -> Result<Self, ParseCodeError> {
        let n = parse_digits(s.as_bytes()).ok_or(ParseCodeError::Malformed)?;
        known(n)
    }
}

/// The catalogued code `n`, or `Unknown(n)`.
///
/// Both results are built and one is picked without a branch: whether a code is catalogued is
/// data a branch predictor cannot learn, and a mispredicted branch costs more than the lookup.
#[inline]
fn known(n: u16) -> Result<ErrorCode, ParseCodeError> {
    let code = ErrorCode::from_u16(n);
    select_unpredictable(
        code.is_some(),
        Ok(code.unwrap_or(ErrorCode::ALL[0])),
        Err(ParseCodeError::Unknown(n)),
    )
}

/// Writes the 4-digit wire form, which [`FromStr`] reads back.
impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl TryFrom<u16> for ErrorCode {
    type Error = ParseCodeError;

    // `ParseCodeError`, not `Self::Error`: a code named `error` would make that path ambiguous.
    fn try_from(n: u16) -> Result<Self, ParseCodeError> {
        known(n)
    }
}

impl From<ErrorCode> for u16 {
    fn from(code: ErrorCode) -> u16 {
        code as u16
    }
}

#[cfg(test)]
mod tests {
    use super::parse_digits;

    /// What `parse_digits` must compute, written the plain way.
    fn reference(s: &[u8; 4]) -> Option<u16> {
        s.iter()
            .all(u8::is_ascii_digit)
            .then(|| s.iter().fold(0, |n, &b| n * 10 + u16::from(b - b'0')))
    }

    /// The SWAR check's carries and borrows only reach the next byte up, so trying every value
    /// of every pair of bytes (the rest digits) covers every way two bytes can interact.
    #[test]
    fn swar_parsing_agrees_with_the_plain_way_for_every_pair_of_bytes() {
        for i in 0..4 {
            for j in i + 1..4 {
                for (a, b) in (0..=255u8).flat_map(|a| (0..=255u8).map(move |b| (a, b))) {
                    let mut s = *b"3907";
                    s[i] = a;
                    s[j] = b;
                    assert_eq!(parse_digits(&s), reference(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn only_four_bytes_parse() {
        assert_eq!(parse_digits(b"0405"), Some(405));
        assert_eq!(parse_digits(b"9999"), Some(9999));
        assert_eq!(parse_digits(b"405"), None);
        assert_eq!(parse_digits(b"04050"), None);
        assert_eq!(parse_digits(b""), None);
    }
}
