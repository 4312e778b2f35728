//! Methods and trait impls of [`ErrorCode`]; they read the generated records.
//!
//! A lookup is a load from a dense table indexed by the code number, so every lookup costs the
//! same whichever code it is: no hashing, no search, no allocation. A code's facts are one
//! record, reached through a dense index that sends every number somewhere: to its own record,
//! or to the "no entry" record, so the index needs no sentinel and no read of it can go out of
//! bounds. The index also holds the HTTP status, the retry advice and the category, so that a
//! lookup followed by `http_status`, `is_retryable`, `idempotent_only`, `retry_after` or
//! `category` is that one load, with no branch on whether the code is catalogued; the strings
//! are in the record, a second load.

use core::fmt;
use core::str::FromStr;
use core::time::Duration;

use crate::generated::{Category, ErrorCode, Record, Retry, RECORDS};

/// The "no entry" record's position: the first.
const NO_ENTRY: usize = 0;

/// The highest catalogued code (the last of [`ErrorCode::ALL`], which is ascending).
const MAX_CODE: u16 = ErrorCode::ALL[ErrorCode::ALL.len() - 1] as u16;

/// One slot per number up to `MAX_CODE`, and a last one that larger numbers are clamped to.
const TABLE_LEN: usize = MAX_CODE as usize + 2;

/// A dense-index entry: the position of the number's record in [`RECORDS`] and, copied from
/// that record in `const` code, the facts a service asks for most, so that they come with the
/// same load that says whether the number is catalogued.
///
/// Bits 0..16: the HTTP status, 0 for none (the lowest bits, so that the status and the test
/// for "none" are one truncation and `http_status().unwrap_or(0)` folds to it). Bit 16:
/// retryable. Bit 17: retryable by idempotent requests only. Bits 18..32: the position
/// (`NO_ENTRY`, 0, where no code has the number; codes are four digits, so positions stay below
/// 2^14). Bits 32..46: the category's
/// discriminant (fewer than 2^14 categories: each holds at least one four-digit code). Bits
/// 46..63: the wait in seconds, 0 for none (at most 86,400, which the generator checks). So a
/// slot is 0 exactly where no code has the number, and every fact is "none" there: the compiler
/// folds "catalogued, and has a status" into "has a status", and each accessor is a shift or a
/// mask, cheap enough that a caller's test of a lookup becomes a conditional move
/// (BENCHMARKS.md).
#[derive(Clone, Copy)]
struct Slot(u64);

const RETRYABLE: u64 = 1 << 16;
const IDEMPOTENT_ONLY: u64 = 1 << 17;
const POSITION_SHIFT: u32 = 18;
const POSITION_BITS: u32 = 14;
const CATEGORY_SHIFT: u32 = 32;
const CATEGORY_BITS: u32 = 14;
const WAIT_SHIFT: u32 = 46;
const WAIT_BITS: u32 = 17;

impl Slot {
    const fn of(position: usize) -> Slot {
        let record = &RECORDS[position];
        let status = match record.http {
            Some(status) => status as u64,
            None => 0,
        };
        let (retry, wait) = match record.retry {
            Retry::Never => (0, 0),
            Retry::Later {
                idempotent_only,
                after_secs,
            } => (
                RETRYABLE | if idempotent_only { IDEMPOTENT_ONLY } else { 0 },
                match after_secs {
                    Some(secs) => secs as u64,
                    None => 0,
                },
            ),
        };
        let category = match record.category {
            Some(category) => category as u64,
            None => 0,
        };
        assert!(position < 1 << POSITION_BITS);
        assert!(category < 1 << CATEGORY_BITS && wait < 1 << WAIT_BITS);
        Slot(
            status
                | retry
                | (position as u64) << POSITION_SHIFT
                | category << CATEGORY_SHIFT
                | wait << WAIT_SHIFT,
        )
    }

    #[inline]
    const fn position(self) -> usize {
        ((self.0 >> POSITION_SHIFT) & ((1 << POSITION_BITS) - 1)) as usize
    }

    #[inline]
    const fn is_catalogued(self) -> bool {
        self.0 != 0
    }
}

/// Code number → its [`Slot`]: derived in `const` code from [`ErrorCode::ALL`] and the records,
/// never typed twice.
// 8 bytes per number up to the highest code: past code 2046 that is more than clippy's 16 KiB
// for a `const` (80 KiB with a code 9999). It stays a `const`, which `const fn from_u16` reads
// and the compiler keeps as one table, so that a catalogue adding a high code still passes CI.
#[allow(clippy::large_const_arrays)]
const INDEX: [Slot; TABLE_LEN] = {
    // `from_u16` reads a `u16` as an `ErrorCode`, and `category` one as a `Category`, which
    // needs the generated `#[repr(u16)]`s.
    assert!(core::mem::size_of::<ErrorCode>() == 2 && core::mem::size_of::<Category>() == 2);
    let mut c = 0;
    while c < Category::ALL.len() {
        assert!(Category::ALL[c] as usize == c);
        c += 1;
    }
    // The "no entry" slot is all zeros: every fact "none", and "catalogued" false.
    assert!(Slot::of(NO_ENTRY).0 == 0);
    let mut table = [Slot::of(NO_ENTRY); TABLE_LEN];
    let mut i = 0;
    while i < ErrorCode::ALL.len() {
        // The code `ALL[i]`'s record follows the "no entry" one. Its slot is not 0: its
        // position is not.
        table[ErrorCode::ALL[i] as usize] = Slot::of(i + 1);
        i += 1;
    }
    // What `from_u16` relies on: a slot says "catalogued" only at its own code's number (only
    // those slots are written, and enum discriminants are distinct), and the last slot, where
    // larger numbers land, has no code.
    assert!(!table[TABLE_LEN - 1].is_catalogued());
    table
};

/// The slot of number `n`: one load, the number clamped into the table (numbers past the
/// highest code land on the last slot, which has no entry) by a conditional move, not a branch.
#[inline]
const fn slot(n: u16) -> Slot {
    INDEX[clamp(n) as usize]
}

/// `n`, or the last slot's number for larger numbers.
#[inline]
const fn clamp(n: u16) -> u16 {
    if (n as usize) < TABLE_LEN {
        n
    } else {
        (TABLE_LEN - 1) as u16
    }
}

/// The code numbered `n`, if the catalogue has one.
#[inline]
const fn code_at(n: u16) -> Option<ErrorCode> {
    if slot(n).is_catalogued() {
        // SAFETY: `n`'s slot says "catalogued". `INDEX` is built from `ErrorCode::ALL` by
        // writing each code's slot at the code's number, so a slot says "catalogued" only at
        // the number of a variant, and `slot(n)` is slot `n` itself whenever it says so (larger
        // numbers land on the last slot, which never does, as `INDEX`'s construction asserts).
        // So `n` is the discriminant of a variant of this `#[repr(u16)]` enum, which is what
        // reading it as one needs.
        //
        // Why not a safe table of `Option<ErrorCode>`: the answer would be a value loaded from
        // memory, and an accessor called on it would need a second load that the compiler may
        // not move before the caller's test of the answer, so the caller pays a branch that
        // unlearnable input mispredicts. With the code being the number itself, an accessor's
        // `slot(code)` is the load already made, and the caller's test becomes a conditional
        // move (BENCHMARKS.md). A read rather than `transmute`: the compiler marks a transmute
        // into an enum with an assumption that stays in the branch and keeps it from becoming
        // a conditional move.
        Some(unsafe { *(&n as *const u16).cast::<ErrorCode>() })
    } else {
        None
    }
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
        // The number clamped as `slot` clamps it, which changes no catalogued number: so the
        // code returned is the very index its slot was loaded from, and an accessor called on
        // it finds that load even where the compiler knows the code is in range and drops its
        // own clamp (with the number itself, `map_or(0, |c| c.is_retryable())` loaded the slot
        // again after a branch).
        code_at(clamp(code))
    }

    /// This code's slot: the hot facts, and where its record is.
    #[inline]
    const fn slot(self) -> Slot {
        slot(self as u16)
    }

    /// This code's record.
    #[inline]
    const fn record(self) -> &'static Record {
        // Positions are within `RECORDS` (`INDEX` holds no other); clamping says so to the
        // compiler (a conditional move), so that no bounds check is left to fail.
        let position = self.slot().position();
        &RECORDS[if position < RECORDS.len() {
            position
        } else {
            NO_ENTRY
        }]
    }

    /// The code's number: `ErrorCode::InvalidToken.as_u16() == 405`.
    #[inline]
    pub const fn as_u16(self) -> u16 {
        self as u16
    }

    /// The 4-digit form the web services send, such as `"0405"`.
    #[inline]
    pub fn as_str(self) -> &'static str {
        self.record().wire
    }

    /// The snake_case name, such as `"invalid_token"`.
    #[inline]
    pub fn name(self) -> &'static str {
        self.record().name
    }

    /// The HTTP status Aculab documents for this code; `None` for the 20xx events, which have none.
    #[inline]
    pub const fn http_status(self) -> Option<u16> {
        match self.slot().0 as u16 {
            0 => None,
            status => Some(status),
        }
    }

    /// What the error means.
    #[inline]
    pub fn description(self) -> &'static str {
        self.record().description
    }

    /// What to do about it, where Aculab documents a remedy.
    #[inline]
    pub fn remedy(self) -> Option<&'static str> {
        self.record().remedy
    }

    /// Why and when Aculab stopped using the code, for a code the catalogue marks retired;
    /// `None` for a code in use. A retired code stays catalogued (old systems and logs still
    /// carry it), so matching on it keeps working.
    #[inline]
    pub fn retired(self) -> Option<&'static str> {
        self.record().retired
    }

    /// The category the code belongs to.
    #[inline]
    pub const fn category(self) -> Category {
        let discriminant = ((self.slot().0 >> CATEGORY_SHIFT) & ((1 << CATEGORY_BITS) - 1)) as u16;
        // SAFETY: `Slot::of` wrote these bits from a `Category` (the one in this code's record,
        // or 0 in the "no entry" slot), `Category` is `#[repr(u16)]` (asserted below), and its
        // discriminants are 0..Category::ALL.len() (asserted below), so whatever slot this is,
        // they are the discriminant of one of its variants. A read rather
        // than `Category::ALL[discriminant]`: a load there would keep the caller's test of a
        // lookup a branch (see `from_u16`).
        unsafe { *(&discriminant as *const u16).cast::<Category>() }
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
    #[inline]
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
    #[inline]
    pub const fn is_retryable(self) -> bool {
        self.slot().0 & RETRYABLE != 0
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
    #[inline]
    pub const fn retry_after(self) -> Option<Duration> {
        match self.slot().0 >> WAIT_SHIFT {
            0 => None,
            secs => Some(Duration::from_secs(secs)),
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
    #[inline]
    pub const fn idempotent_only(self) -> bool {
        self.slot().0 & IDEMPOTENT_ONLY != 0
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
    // `code_at(n)`, not `from_u16(n)`: the code must carry `n` itself, as the error does, so
    // that the result's payload is `n` either way; `from_u16`'s clamped number made the payload
    // a choice that the back end turned into a branch.
    match code_at(n) {
        Some(code) => Ok(code),
        None => Err(ParseCodeError::Unknown(n)),
    }
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
    use super::{parse_digits, ErrorCode, Retry, RECORDS};

    /// Every number, and so every slot including the clamped last one: `from_u16` answers a
    /// code exactly where `ALL` has one, and the facts copied into the slots are the records'.
    #[test]
    fn the_dense_index_agrees_with_the_records_for_every_number() {
        for n in 0..=u16::MAX {
            let expected = ErrorCode::ALL.iter().position(|&c| c as u16 == n);
            let found = ErrorCode::from_u16(n);
            assert_eq!(found, expected.map(|i| ErrorCode::ALL[i]), "{n}");
            // `TryFrom` (and so `FromStr`) takes its own path to the code.
            assert_eq!(
                ErrorCode::try_from(n),
                found.ok_or(super::ParseCodeError::Unknown(n)),
                "{n}"
            );
            if let (Some(code), Some(i)) = (found, expected) {
                let record = &RECORDS[i + 1];
                assert_eq!(code.as_u16(), n);
                assert_eq!(code.http_status(), record.http, "{n}");
                assert_eq!(code.as_str(), record.wire, "{n}");
                assert_eq!(code.name(), record.name, "{n}");
                assert_eq!(code.description(), record.description, "{n}");
                assert_eq!(code.remedy(), record.remedy, "{n}");
                assert_eq!(code.retired(), record.retired, "{n}");
                assert_eq!(code.doc_url(), record.doc_url, "{n}");
                assert_eq!(Some(code.category()), record.category, "{n}");
                let (retryable, idempotent_only, wait) = match record.retry {
                    Retry::Never => (false, false, None),
                    Retry::Later {
                        idempotent_only,
                        after_secs,
                    } => (true, idempotent_only, after_secs),
                };
                assert_eq!(code.is_retryable(), retryable, "{n}");
                assert_eq!(code.idempotent_only(), idempotent_only, "{n}");
                let wait = wait.map(|secs| core::time::Duration::from_secs(secs.into()));
                assert_eq!(code.retry_after(), wait, "{n}");
            }
        }
    }

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
