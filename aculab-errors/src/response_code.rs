//! [`ResponseCode`]: the `error.code` of a response, whatever the server put there.

use alloc::boxed::Box;
use alloc::string::String;
use core::convert::Infallible;
use core::fmt;
use core::str::FromStr;
use core::time::Duration;

use crate::error_code::parse_digits;
use crate::{is_retryable_status, Category, ErrorCode};

/// The `error.code` field of an error response, kept exactly as the server wrote it.
///
/// It is one of: a catalogued [`ErrorCode`] (`"0405"`); a four-digit code this version of the
/// catalogue does not know yet (`"9418"`); an HTTP status (`"HTTP 400"`); or any other string.
/// Parsing never fails, and [`Display`](fmt::Display) (like [`ResponseCode::as_str`]) gives back
/// the exact input. A code written exactly (four digits, or `HTTP` and a status) does not
/// allocate; any other string, and a code written loosely, is kept in a `Box<str>`.
///
/// A code written loosely is read for what it says, and still kept exactly as written: one to
/// four digits with white space around them (`"405"`, `" 0405"`) is that code, as a JSON number
/// is; `HTTP` in any letter case, an optional protocol version and space, three digits
/// (100..=599) and an optional reason phrase (`"http 400"`, `"HTTP503"`, `"HTTP/1.1 502 Bad
/// Gateway"`) is that HTTP status.
///
/// Equality and hashing go by what a code says, not by how it is spelt: a code written loosely
/// equals the [`ErrorCode`] it names and the same code written exactly (`" 405"`, `"405"` and
/// `"0405"` are one code, as are `"http 503"` and `"HTTP 503"`), so that `==` stays transitive
/// across `ResponseCode` and `ErrorCode`; [`ResponseCode::as_str`] still tells the spellings
/// apart. Any other string equals only itself.
///
/// ```
/// use aculab_errors::{ErrorCode, ResponseCode};
/// let known = ResponseCode::new("0405");
/// assert_eq!(known.error_code(), Some(ErrorCode::InvalidToken));
/// assert_eq!(known.http_status(), Some(404));
///
/// let http = ResponseCode::new("HTTP 429");
/// assert_eq!((http.error_code(), http.http_status()), (None, Some(429)));
/// assert!(http.is_retryable());
///
/// let newer = ResponseCode::new("9418");
/// assert_eq!((newer.error_code(), newer.number()), (None, Some(9418)));
/// assert_eq!(newer.to_string(), "9418");
///
/// let loose = ResponseCode::new(" 405");
/// assert_eq!((loose.error_code(), loose.as_str()), (Some(ErrorCode::InvalidToken), " 405"));
/// ```
#[derive(Clone)]
pub struct ResponseCode(pub(crate) Repr);

/// What a [`ResponseCode`] says, whatever its spelling: what its equality and hash go by.
#[derive(PartialEq, Eq, Hash)]
enum Meaning<'a> {
    Known(ErrorCode),
    Unknown(u16),
    Http(u16),
    Other(&'a str),
}

#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) enum Repr {
    /// A catalogued code.
    Known(ErrorCode),
    /// Four ASCII digits the catalogue does not have.
    Unknown([u8; 4]),
    /// `"HTTP "` and a 3-digit status 100..=599: the 8 bytes as written.
    Http([u8; 8]),
    /// A code written loosely (`" 0405"`, `"http 503"`), verbatim, with what it says.
    Loose(Box<str>, Loose),
    /// Anything else, verbatim.
    Other(Box<str>),
}

/// What a loosely written code says.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Loose {
    /// A catalogued code.
    Known(ErrorCode),
    /// A code number the catalogue does not have.
    Unknown(u16),
    /// An HTTP status, 100..=599.
    Http(u16),
}

impl Loose {
    /// Reads `code` loosely; `None` if it is none of the loose forms.
    #[cold]
    fn read(code: &str) -> Option<Loose> {
        let b = code.trim_ascii().as_bytes();
        if (1..=4).contains(&b.len()) {
            let n = b.iter().try_fold(0u16, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0'))
            })?;
            return Some(ErrorCode::from_u16(n).map_or(Loose::Unknown(n), Loose::Known));
        }
        let rest = b
            .get(4..)
            .filter(|_| b[..4].eq_ignore_ascii_case(b"HTTP"))?;
        // An optional protocol version: "/1.1", "/2".
        let rest = match rest.strip_prefix(b"/") {
            Some(version) => {
                let end = version
                    .iter()
                    .position(|c| !c.is_ascii_digit() && *c != b'.')
                    .unwrap_or(version.len());
                (end > 0).then(|| &version[end..])?
            }
            None => rest,
        };
        let rest = rest.trim_ascii_start();
        let (digits, reason) = rest.split_at_checked(3)?;
        let status = digits.iter().try_fold(0u16, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0'))
        })?;
        let reason_ok = reason.first().is_none_or(|c| c.is_ascii_whitespace());
        ((100..=599).contains(&status) && reason_ok).then_some(Loose::Http(status))
    }
}

impl ResponseCode {
    /// Classifies `code`. Never fails; see the type's docs.
    #[inline]
    pub fn new(code: &str) -> Self {
        match Self::classify(code.as_bytes()) {
            Some(repr) => ResponseCode(repr),
            None => Self::other(code),
        }
    }

    /// Like [`ResponseCode::new`], reusing `code`'s allocation when it is kept verbatim.
    pub fn from_string(code: String) -> Self {
        match Self::classify(code.as_bytes()) {
            Some(repr) => ResponseCode(repr),
            None => Self::verbatim(code.into_boxed_str()),
        }
    }

    /// The allocating case, kept out of line so that [`ResponseCode::new`] stays small enough
    /// to inline into its callers.
    #[cold]
    #[inline(never)]
    fn other(code: &str) -> Self {
        Self::verbatim(code.into())
    }

    /// A code kept verbatim: a loose form, or any other string.
    #[cold]
    fn verbatim(code: Box<str>) -> Self {
        ResponseCode(match Loose::read(&code) {
            Some(loose) => Repr::Loose(code, loose),
            None => Repr::Other(code),
        })
    }

    /// What the code says (see the type's docs on equality).
    fn meaning(&self) -> Meaning<'_> {
        match &self.0 {
            Repr::Known(code) | Repr::Loose(_, Loose::Known(code)) => Meaning::Known(*code),
            Repr::Unknown(digits) => Meaning::Unknown(parse_digits(digits).unwrap_or_default()),
            Repr::Loose(_, Loose::Unknown(n)) => Meaning::Unknown(*n),
            Repr::Http(bytes) => Meaning::Http(http_status_of(bytes).unwrap_or_default()),
            Repr::Loose(_, Loose::Http(status)) => Meaning::Http(*status),
            Repr::Other(s) => Meaning::Other(s),
        }
    }

    /// The kinds that need no allocation: a four-digit code or `HTTP nnn`.
    #[inline]
    fn classify(b: &[u8]) -> Option<Repr> {
        if let Ok(digits) = <[u8; 4]>::try_from(b) {
            let n = parse_digits(&digits)?;
            return Some(match ErrorCode::from_u16(n) {
                Some(code) => Repr::Known(code),
                None => Repr::Unknown(digits),
            });
        }
        let bytes = <[u8; 8]>::try_from(b).ok()?;
        http_status_of(&bytes).map(|_| Repr::Http(bytes))
    }

    /// The code exactly as the server wrote it.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Known(code) => code.as_str(),
            // Both arrays were copied from a `&str` and hold ASCII only.
            Repr::Unknown(digits) => core::str::from_utf8(digits).unwrap_or_default(),
            Repr::Http(bytes) => core::str::from_utf8(bytes).unwrap_or_default(),
            Repr::Loose(s, _) | Repr::Other(s) => s,
        }
    }

    /// The catalogued code, if it is one.
    pub fn error_code(&self) -> Option<ErrorCode> {
        match self.0 {
            Repr::Known(code) | Repr::Loose(_, Loose::Known(code)) => Some(code),
            _ => None,
        }
    }

    /// The number of a four-digit code, catalogued or not.
    pub fn number(&self) -> Option<u16> {
        match &self.0 {
            Repr::Known(code) | Repr::Loose(_, Loose::Known(code)) => Some(code.as_u16()),
            Repr::Unknown(digits) => parse_digits(digits),
            Repr::Loose(_, Loose::Unknown(n)) => Some(*n),
            _ => None,
        }
    }

    /// The HTTP status: the catalogue's for a known code, the written one for `"HTTP 418"`,
    /// `None` otherwise.
    pub fn http_status(&self) -> Option<u16> {
        match &self.0 {
            Repr::Known(code) | Repr::Loose(_, Loose::Known(code)) => code.http_status(),
            Repr::Http(bytes) => http_status_of(bytes),
            Repr::Loose(_, Loose::Http(status)) => Some(*status),
            _ => None,
        }
    }

    /// The category whose range holds a four-digit code, catalogued or not.
    pub fn category(&self) -> Option<Category> {
        self.number().and_then(Category::for_number)
    }

    /// Whether the same request can succeed later: the catalogue's advice for a known code;
    /// for an HTTP status, true for 429, 502, 503 and 504. Unknown codes are not retryable.
    pub fn is_retryable(&self) -> bool {
        match self.0 {
            Repr::Known(code) | Repr::Loose(_, Loose::Known(code)) => code.is_retryable(),
            Repr::Http(_) | Repr::Loose(_, Loose::Http(_)) => {
                self.http_status().is_some_and(is_retryable_status)
            }
            _ => false,
        }
    }

    /// How long to wait before retrying, where the catalogue gives a wait.
    pub fn retry_after(&self) -> Option<Duration> {
        self.error_code().and_then(ErrorCode::retry_after)
    }

    /// This code read as the HTTP `status` of the response that carried it, kept as written:
    /// a code number not written as four digits (a JSON number, `"503"`) that is the status,
    /// as gateways write one. `"code": 503` on a 503 is the status, not 0503, a report that must
    /// be JSON (HTTP 400); `"0503"`, the catalogue's own form, is always the code.
    pub(crate) fn as_status_of(&self, status: u16) -> Option<ResponseCode> {
        let (written, number) = self.short_number()?;
        let documented = self.http_status();
        is_status(number, documented, status)
            .then(|| ResponseCode(Repr::Loose(written.into(), Loose::Http(status))))
    }

    /// This code read as the HTTP status it is the number of (100..=599), kept as written,
    /// whatever the response's status: a code number not written as four digits (a JSON
    /// number, `"503"`). For a body that is not Aculab's shape, an error object without its
    /// wrapper, where such a number is a gateway's or a framework's status, not one of
    /// Aculab's codes, which are strings of four digits.
    #[cfg(feature = "json")]
    pub(crate) fn as_own_status(&self) -> Option<ResponseCode> {
        let (written, number) = self.short_number()?;
        (100..=599)
            .contains(&number)
            .then(|| ResponseCode(Repr::Loose(written.into(), Loose::Http(number))))
    }

    /// A code number not written as four digits (`503`, `" 42"`), as written, with its number.
    fn short_number(&self) -> Option<(&str, u16)> {
        let Repr::Loose(written, Loose::Known(_) | Loose::Unknown(_)) = &self.0 else {
            return None;
        };
        // A loose code of a number holds only digits (and white space around them).
        let four_digits = written.trim_ascii().len() == 4;
        (!four_digits).then_some((written, self.number()?))
    }
}

/// Whether a code `number` written on a response with this `status` is that status: it is the
/// status's number (100..=599), and the catalogue does not document the code of that number
/// (`documented`: its HTTP status, if catalogued) with that very status, whether or not it has
/// the code at all.
fn is_status(number: u16, documented: Option<u16>, status: u16) -> bool {
    (100..=599).contains(&status) && number == status && documented != Some(status)
}

/// The status in `"HTTP nnn"`, if it is one in 100..=599.
fn http_status_of(bytes: &[u8; 8]) -> Option<u16> {
    let [h, t1, t2, p, space, a, b, c] = *bytes;
    // The status digits, read as the four digits "0nnn".
    let status = parse_digits(&[b'0', a, b, c])?;
    ([h, t1, t2, p, space] == *b"HTTP " && (100..=599).contains(&status)).then_some(status)
}

/// Writes the code exactly as it was parsed, which [`FromStr`] reads back.
///
/// That is the server's text, unescaped: a code holding a line break or a terminal escape
/// writes it. To show a code in a log line or to a person, write the whole [`ApiError`]
/// (whose `Display` escapes what the server sent), or the code through [`ApiError::escape`]:
///
/// ```
/// use aculab_errors::{ApiError, ResponseCode};
/// let code = ResponseCode::new("0405\n\u{1b}[2J");
/// assert_eq!(code.to_string(), "0405\n\u{1b}[2J");
/// assert_eq!(ApiError::escape(code.as_str()).to_string(), r"0405\n\u{001b}[2J");
/// ```
///
/// [`ApiError`]: crate::ApiError
/// [`ApiError::escape`]: crate::ApiError::escape
impl fmt::Display for ResponseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for ResponseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Known(code) => f.debug_tuple("ResponseCode").field(code).finish(),
            _ => f.debug_tuple("ResponseCode").field(&self.as_str()).finish(),
        }
    }
}

impl FromStr for ResponseCode {
    type Err = Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(ResponseCode::new(s))
    }
}

impl From<&str> for ResponseCode {
    fn from(s: &str) -> Self {
        ResponseCode::new(s)
    }
}

impl From<String> for ResponseCode {
    fn from(s: String) -> Self {
        ResponseCode::from_string(s)
    }
}

impl From<ErrorCode> for ResponseCode {
    fn from(code: ErrorCode) -> Self {
        ResponseCode(Repr::Known(code))
    }
}

/// True when both say the same: the same catalogued code, four-digit code or HTTP status,
/// however written (`" 405" == "0405"`), or else the same string.
impl PartialEq for ResponseCode {
    fn eq(&self, other: &Self) -> bool {
        self.meaning() == other.meaning()
    }
}

impl Eq for ResponseCode {}

/// Hashes what the code says, as [`PartialEq`] compares it.
impl core::hash::Hash for ResponseCode {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.meaning().hash(state);
    }
}

/// True when the response carries this catalogued code, written exactly (`"0405"`) or loosely
/// (`" 405"`, see [`ResponseCode`]).
impl PartialEq<ErrorCode> for ResponseCode {
    fn eq(&self, other: &ErrorCode) -> bool {
        self.error_code() == Some(*other)
    }
}

/// True when the response carries this catalogued code, however written (the mirror of
/// `ResponseCode == ErrorCode`).
impl PartialEq<ResponseCode> for ErrorCode {
    fn eq(&self, other: &ResponseCode) -> bool {
        other == self
    }
}

#[cfg(test)]
mod tests {
    use super::is_status;

    #[test]
    fn a_code_number_is_the_status_unless_catalogued_with_that_very_status() {
        // 0503 is documented with 400; 0429 is not in the catalogue; a code documented with
        // its own number as its status (none is, today) stays that code.
        assert!(is_status(503, Some(400), 503));
        assert!(is_status(429, None, 429));
        assert!(is_status(404, Some(400), 404));
        assert!(!is_status(404, Some(404), 404));
        assert!(!is_status(503, Some(400), 400));
        assert!(!is_status(99, None, 99));
        assert!(!is_status(600, None, 600));
    }
}
