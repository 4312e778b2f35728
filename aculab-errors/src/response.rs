//! The JSON error body the web services send, and [`ApiError`], which joins it with the rest of
//! the HTTP response for client code.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::time::Duration;

use crate::response_code::{Loose, Repr};
use crate::retry::{is_idempotent_only_status, is_retryable_status};
use crate::{ErrorCode, ParseTimestampError, ResponseCode, RetryAdvice, Timestamp};

/// The value of the `Accept` header that makes every web service answer errors as JSON.
///
/// Some legacy Aculab services answer XML or HTML errors unless the request asks for JSON
/// (`text/json` is accepted too); send `Accept: application/json` on every request so that every
/// error body parses as an [`ErrorResponse`].
pub const ACCEPT_JSON: &str = "application/json";

/// A web service's error body: `{"error": {...}, "request": {...}}`.
///
/// With the `serde` feature it deserialises leniently from whatever JSON the server sent:
/// `details` may be a list, a single string or `null`; `code` a string or a number; any field
/// may be missing; a value of an unexpected type is kept as its JSON text. With the `json`
/// feature, fields this crate does not know are kept too (`ErrorResponse::extra`) and written
/// back on serialisation. Timestamps stay the server's strings, so an odd one never makes a body
/// unreadable. Deserialising needs a self-describing format such as JSON.
///
/// ```
/// use aculab_errors::{ErrorCode, ErrorResponse};
/// let body = ErrorResponse::new(ErrorCode::InvalidToken, "Invalid token")
///     .with_datetime("2022-12-12_11:32:41")
///     .with_request_url("/file_delete_progress");
/// assert_eq!(body.error().code().and_then(|c| c.error_code()), Some(ErrorCode::InvalidToken));
/// assert_eq!(body.error().text(), "Invalid token");
/// assert_eq!(body.request().url(), Some("/file_delete_progress"));
/// assert!(body.error().details().is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ErrorResponse {
    pub(crate) error: ErrorInfo,
    pub(crate) request: RequestInfo,
    /// Top-level fields other than `error` and `request`.
    #[cfg(feature = "json")]
    pub(crate) extra: serde_json::Map<String, serde_json::Value>,
}

/// The `error` object of an [`ErrorResponse`].
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ErrorInfo {
    pub(crate) code: Option<ResponseCode>,
    pub(crate) text: Option<String>,
    pub(crate) details: Vec<String>,
    pub(crate) datetime: Option<String>,
    pub(crate) link: Option<String>,
    #[cfg(feature = "json")]
    pub(crate) extra: serde_json::Map<String, serde_json::Value>,
}

/// The `request` object of an [`ErrorResponse`].
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct RequestInfo {
    pub(crate) url: Option<String>,
    pub(crate) datetime: Option<String>,
    #[cfg(feature = "json")]
    pub(crate) extra: serde_json::Map<String, serde_json::Value>,
}

impl ErrorResponse {
    /// A body with a code and a text, and nothing else yet; add the rest with the `with_`
    /// methods.
    pub fn new(code: impl Into<ResponseCode>, text: impl Into<String>) -> Self {
        ErrorResponse {
            error: ErrorInfo {
                code: Some(code.into()),
                text: Some(text.into()),
                ..ErrorInfo::default()
            },
            ..ErrorResponse::default()
        }
    }

    /// Sets `error.details`.
    pub fn with_details(mut self, details: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.error.details = details.into_iter().map(Into::into).collect();
        self
    }

    /// Sets `error.datetime`.
    pub fn with_datetime(mut self, datetime: impl Into<String>) -> Self {
        self.error.datetime = Some(datetime.into());
        self
    }

    /// Sets `error.link`.
    pub fn with_link(mut self, link: impl Into<String>) -> Self {
        self.error.link = Some(link.into());
        self
    }

    /// Sets `request.url`.
    pub fn with_request_url(mut self, url: impl Into<String>) -> Self {
        self.request.url = Some(url.into());
        self
    }

    /// Sets `request.datetime`.
    pub fn with_request_datetime(mut self, datetime: impl Into<String>) -> Self {
        self.request.datetime = Some(datetime.into());
        self
    }

    /// What went wrong (an empty [`ErrorInfo`] when the body had no `error` object).
    pub fn error(&self) -> &ErrorInfo {
        &self.error
    }

    /// Which request it was (empty when the body had no `request` object).
    pub fn request(&self) -> &RequestInfo {
        &self.request
    }

    /// The top-level fields other than `error` and `request`, as sent.
    #[cfg(feature = "json")]
    #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
    pub fn extra(&self) -> &serde_json::Map<String, serde_json::Value> {
        &self.extra
    }
}

impl ErrorInfo {
    /// `code`: a four-digit error code or an HTTP status such as `"HTTP 400"`; `None` when the
    /// body had none (or `null`). A numeric code (`405`, or `405.0`) is kept as the number it is
    /// (`"405"`: JSON numbers have no leading zeros) and read as the code of that number; one
    /// whose digits an `f64` does not hold (`123456789012345678901`) is kept as written by
    /// `ApiError::from_response` (feature `json`), where serde_json alone rounds it.
    pub fn code(&self) -> Option<&ResponseCode> {
        self.code.as_ref()
    }

    /// `text`: the server's account of the failure; empty when it sent none.
    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or_default()
    }

    /// `details`: one entry per problem when a request failed validation in several ways; empty
    /// otherwise. A single string is read as a list of one; an entry that is not a string is
    /// kept as its JSON text.
    pub fn details(&self) -> &[String] {
        &self.details
    }

    /// `datetime`: when the error happened, `YYYY-MM-DD_hh:mm:ss`, as the server wrote it.
    pub fn datetime(&self) -> Option<&str> {
        self.datetime.as_deref()
    }

    /// `datetime` parsed; [`ParseTimestampError::Format`] when it is missing.
    pub fn timestamp(&self) -> Result<Timestamp, ParseTimestampError> {
        self.datetime().unwrap_or_default().parse()
    }

    /// `link`: documentation of the failed API or of the error code.
    pub fn link(&self) -> Option<&str> {
        self.link.as_deref()
    }

    /// The fields of `error` other than those above, as sent.
    #[cfg(feature = "json")]
    #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
    pub fn extra(&self) -> &serde_json::Map<String, serde_json::Value> {
        &self.extra
    }
}

impl RequestInfo {
    /// `url`: the URL that was called.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// `datetime`: when the request arrived, `YYYY-MM-DD_hh:mm:ss`, as the server wrote it.
    pub fn datetime(&self) -> Option<&str> {
        self.datetime.as_deref()
    }

    /// `datetime` parsed; [`ParseTimestampError::Format`] when it is missing.
    pub fn timestamp(&self) -> Result<Timestamp, ParseTimestampError> {
        self.datetime().unwrap_or_default().parse()
    }

    /// The fields of `request` other than those above, as sent.
    #[cfg(feature = "json")]
    #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
    pub fn extra(&self) -> &serde_json::Map<String, serde_json::Value> {
        &self.extra
    }
}

/// What kind of error response an [`ApiError`] came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResponseKind {
    /// A JSON error body with a code the catalogue has.
    Catalogued,
    /// A JSON error body with a four-digit code newer than this version of the catalogue.
    UnknownCode,
    /// A JSON error body whose code is an HTTP status, such as `"HTTP 400"`.
    HttpStatus,
    /// A JSON body with any other code, or with none.
    OtherCode,
    /// A body that is not JSON: an HTML or XML error page, truncated JSON, binary data.
    NotJson,
    /// An empty body (or one of white space only).
    Empty,
}

impl ResponseKind {
    /// The kind's name in `snake_case`: `catalogued`, `unknown_code`, `http_status`,
    /// `other_code`, `not_json`, `empty`.
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseKind::Catalogued => "catalogued",
            ResponseKind::UnknownCode => "unknown_code",
            ResponseKind::HttpStatus => "http_status",
            ResponseKind::OtherCode => "other_code",
            ResponseKind::NotJson => "not_json",
            ResponseKind::Empty => "empty",
        }
    }

    /// The kind of a JSON body with this code.
    fn of(code: Option<&ResponseCode>) -> Self {
        match code.map(|c| &c.0) {
            Some(Repr::Known(_) | Repr::Loose(_, Loose::Known(_))) => ResponseKind::Catalogued,
            Some(Repr::Unknown(_) | Repr::Loose(_, Loose::Unknown(_))) => ResponseKind::UnknownCode,
            Some(Repr::Http(_) | Repr::Loose(_, Loose::Http(_))) => ResponseKind::HttpStatus,
            Some(Repr::Other(_)) | None => ResponseKind::OtherCode,
        }
    }
}

/// Writes the kind's name, which [`FromStr`](core::str::FromStr) reads back.
impl fmt::Display for ResponseKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Every kind, in the order of their declaration (a test with an exhaustive `match` below
/// stops compiling when a kind is added, to send whoever adds it here).
const KINDS: [ResponseKind; 6] = [
    ResponseKind::Catalogued,
    ResponseKind::UnknownCode,
    ResponseKind::HttpStatus,
    ResponseKind::OtherCode,
    ResponseKind::NotJson,
    ResponseKind::Empty,
];

/// Reads a kind's name as [`ResponseKind::as_str`] writes it, and as the `explain` example
/// prints it in its `kind` field.
///
/// ```
/// use aculab_errors::ResponseKind;
/// assert_eq!("not_json".parse(), Ok(ResponseKind::NotJson));
/// assert_eq!(ResponseKind::UnknownCode.to_string().parse(), Ok(ResponseKind::UnknownCode));
/// assert!("NotJson".parse::<ResponseKind>().is_err());
/// ```
impl core::str::FromStr for ResponseKind {
    type Err = ParseKindError;

    fn from_str(s: &str) -> Result<Self, ParseKindError> {
        KINDS
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or(ParseKindError(()))
    }
}

/// A string that is not the name of a [`ResponseKind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParseKindError(());

impl fmt::Display for ParseKindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not the name of a response kind; expected one of ")?;
        for (i, kind) in KINDS.iter().enumerate() {
            f.write_str(if i == 0 { "" } else { ", " })?;
            f.write_str(kind.as_str())?;
        }
        Ok(())
    }
}

impl core::error::Error for ParseKindError {}

/// A failed web-service call: the HTTP status, the body read into an [`ErrorResponse`] (or its
/// text, when it was not JSON), and the server's `Retry-After`.
///
/// Its [`Display`](fmt::Display) is one line whatever the server sent, such as
/// `0405 invalid_token (HTTP 404): Invalid token`: line breaks, other control characters,
/// format characters such as bidirectional controls and a zero-width space (all of Unicode's
/// category Cf but the zero-width joiner and non-joiner), and other invisible ones are shown
/// escaped (`\n`, `\u{2028}`, `\u{202e}`, `\u{200b}`), and a backslash
/// doubled (`\\`), so that the line reads back as exactly what was sent. It implements
/// [`core::error::Error`], so it fits `?` and error-reporting crates.
///
/// The whole text is written, however long (an HTML error page is the text of a body that is
/// not JSON). For a log line of bounded length, give a precision: `{:.N}` cuts the server's
/// code and its text each to `N` characters (counted before escaping, so an escaped one shows
/// longer), marking each cut with how many bytes were left out: `format!("{err:.200}")`.
///
/// ```
/// use aculab_errors::{ApiError, ErrorCode, ErrorResponse, ResponseKind};
/// let body = ErrorResponse::new("0405", "Invalid token")
///     .with_link("https://www.aculab.com/cloud/web-services/web-service-errors?error=0405");
/// let err = ApiError::new(404, body);
/// assert_eq!(err.to_string(), "0405 invalid_token (HTTP 404): Invalid token");
/// assert_eq!(err.kind(), ResponseKind::Catalogued);
/// assert_eq!(err.error_code(), Some(ErrorCode::InvalidToken));
/// assert!(err.remedy().is_some() && !err.is_retryable());
/// assert_eq!(format!("{err:.7}"), "0405 invalid_token (HTTP 404): Invalid… (6 more bytes)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    status: u16,
    kind: ResponseKind,
    response: ErrorResponse,
    /// The body's text, when it is not an error body: not JSON, empty, or JSON without an error
    /// code or text.
    body: Option<Box<str>>,
    content_type: Option<Box<str>>,
    retry_after: Option<Box<str>>,
    date: Option<Box<str>>,
}

impl ApiError {
    /// Joins the transport's HTTP `status` with a parsed body.
    ///
    /// A code number not written as four digits (`"503"`, or the JSON number `503`) that is the
    /// status itself (100..=599) is read as that HTTP status, kept as written: a gateway's `"code": 503` on a 503 response is the status 503
    /// (retryable), not the catalogued 0503 (a report that must be JSON, documented with HTTP
    /// 400, not retryable), and `"code": 429` on a 429 is the status 429, though the catalogue
    /// has no 0429. The catalogue's own four digits (`"0503"`) are always the code, and so is
    /// a code the catalogue documents with that very status.
    ///
    /// ```
    /// use aculab_errors::{ApiError, ErrorResponse, ResponseKind};
    /// let gateway = ApiError::new(503, ErrorResponse::new("503", "Service Unavailable"));
    /// assert_eq!((gateway.kind(), gateway.error_code()), (ResponseKind::HttpStatus, None));
    /// assert_eq!(gateway.to_string(), "503: Service Unavailable");
    /// assert!(gateway.is_retryable());
    /// let limited = ApiError::new(429, ErrorResponse::new("429", "Too Many Requests"));
    /// assert_eq!(limited.kind(), ResponseKind::HttpStatus);
    /// let report = ApiError::new(400, ErrorResponse::new("0503", "Full reports are JSON"));
    /// assert_eq!(report.kind(), ResponseKind::Catalogued);
    /// let zero_led = ApiError::new(503, ErrorResponse::new("0503", "Full reports are JSON"));
    /// assert_eq!(zero_led.kind(), ResponseKind::Catalogued);
    /// ```
    pub fn new(status: u16, mut response: ErrorResponse) -> Self {
        if let Some(read) = response
            .error
            .code
            .as_ref()
            .and_then(|c| c.as_status_of(status))
        {
            response.error.code = Some(read);
        }
        ApiError {
            status,
            kind: ResponseKind::of(response.error.code.as_ref()),
            response,
            body: None,
            content_type: None,
            retry_after: None,
            date: None,
        }
    }

    /// The same error, with `text` as the body's text (see [`ApiError::text`]) and, when given,
    /// `kind` as its kind.
    #[cfg(feature = "json")]
    pub(crate) fn with_body_text(self, kind: Option<ResponseKind>, text: String) -> Self {
        ApiError {
            kind: kind.unwrap_or(self.kind),
            body: Some(text.into()),
            ..self
        }
    }

    /// The same error, recording the response's `Content-Type`.
    pub fn with_content_type(mut self, content_type: Option<&str>) -> Self {
        self.content_type = content_type.map(Into::into);
        self
    }

    /// The same error, recording the response's `Retry-After` header value (read by
    /// [`ApiError::retry_advice`]).
    pub fn with_retry_after_header(mut self, value: Option<&str>) -> Self {
        self.retry_after = value.map(Into::into);
        self
    }

    /// The same error, recording the response's `Date` header: [`ApiError::retry_advice`] reads
    /// a `Retry-After` date against it rather than against the `now` it is given, so that the
    /// wait is the one the server meant however far the local clock is from the server's.
    pub fn with_date_header(mut self, value: Option<&str>) -> Self {
        self.date = value.map(Into::into);
        self
    }

    /// The HTTP status of the response, as the transport saw it.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// What kind of response it was.
    pub fn kind(&self) -> ResponseKind {
        self.kind
    }

    /// The response's `Content-Type`, if recorded.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The response's `Retry-After` header, if recorded.
    pub fn retry_after_header(&self) -> Option<&str> {
        self.retry_after.as_deref()
    }

    /// The response's `Date` header, if recorded.
    pub fn date_header(&self) -> Option<&str> {
        self.date.as_deref()
    }

    /// The parsed body (for [`ResponseKind::NotJson`] and [`ResponseKind::Empty`], one whose
    /// text is the body's).
    pub fn response(&self) -> &ErrorResponse {
        &self.response
    }

    /// Takes the parsed body back.
    pub fn into_response(self) -> ErrorResponse {
        self.response
    }

    /// The body's `error.code`, if it had one.
    pub fn code(&self) -> Option<&ResponseCode> {
        self.response.error.code()
    }

    /// The catalogued code, if the body carries one.
    pub fn error_code(&self) -> Option<ErrorCode> {
        self.code().and_then(ResponseCode::error_code)
    }

    /// The server's text: `error.text` of a JSON body; or, from `ApiError::from_response`
    /// (feature `json`), the whole body's text (decoded as `ApiError::from_response` says)
    /// when it is not JSON, is empty, or is JSON with neither an error code nor a text
    /// (`{"message": "..."}`, a bare list or number) or an error object without a text,
    /// either without its wrapper (`{"code": 404, "message": "Not Found"}`) or in a body with
    /// fields this crate does not know, in the error object or beside it (`{"error": {"code":
    /// 429, "message": "..."}}`), or a text whose error object holds no code of its own beside
    /// such fields at the top of the body (`{"error": "invalid_grant", "error_description":
    /// "..."}`); a bare JSON string is the text itself.
    pub fn text(&self) -> &str {
        match &self.body {
            Some(body) => body,
            None => self.response.error.text(),
        }
    }

    /// The body's `error.details`.
    pub fn details(&self) -> &[String] {
        self.response.error.details()
    }

    /// The body's `error.datetime`.
    pub fn datetime(&self) -> Option<&str> {
        self.response.error.datetime()
    }

    /// The documentation link the server sent.
    pub fn link(&self) -> Option<&str> {
        self.response.error.link()
    }

    /// The catalogue's description of the code, if it is catalogued.
    pub fn description(&self) -> Option<&'static str> {
        self.error_code().map(ErrorCode::description)
    }

    /// The catalogue's remedy for the code, where there is one.
    pub fn remedy(&self) -> Option<&'static str> {
        self.error_code().and_then(ErrorCode::remedy)
    }

    /// Whether the same request can succeed later: the catalogue's advice for a catalogued code;
    /// otherwise whether the code's HTTP status (a code such as `"HTTP 503"`) or, failing that,
    /// the transport's status is one that can ([`is_retryable_status`](crate::is_retryable_status):
    /// 429, 502, 503, 504). Either one saying so is enough, the code's taken first; that status
    /// also decides [`idempotent_only`](ApiError::idempotent_only).
    ///
    /// ```
    /// use aculab_errors::{ApiError, ErrorResponse};
    /// let read = |status, code| ApiError::new(status, ErrorResponse::new(code, ""));
    /// assert!(read(500, "HTTP 503").is_retryable()); // the code's status
    /// assert!(read(503, "HTTP 500").is_retryable()); // the transport's
    /// assert!(!read(500, "HTTP 400").is_retryable()); // neither
    /// // A gateway's 502 in the code: the server may have acted on the request.
    /// assert!(read(503, "HTTP 502").idempotent_only());
    /// assert!(!read(502, "HTTP 503").idempotent_only());
    /// ```
    pub fn is_retryable(&self) -> bool {
        self.advice().retryable
    }

    /// Whether the server may have acted on the request, so that only an idempotent request may
    /// be retried: the catalogue's `idempotent_only` for a catalogued code, otherwise true for
    /// 502 and 504, of the status that makes it retryable (see [`ApiError::is_retryable`] and
    /// [`is_idempotent_only_status`](crate::is_idempotent_only_status)).
    pub fn idempotent_only(&self) -> bool {
        self.advice().idempotent_only
    }

    /// How long the catalogue says to wait before retrying, where it names a wait. The server's
    /// `Retry-After` is read by [`ApiError::retry_advice`].
    pub fn retry_after(&self) -> Option<Duration> {
        self.error_code().and_then(ErrorCode::retry_after)
    }

    /// Everything this error says about retrying, for [`RetryPolicy::decide`](crate::RetryPolicy::decide):
    /// the catalogue's advice (or the status's), and the server's `Retry-After` read with
    /// `now_unix_secs` as the current time (seconds since the Unix epoch).
    ///
    /// A `Retry-After` date is read against the response's own `Date` header where one is
    /// recorded and valid ([`ApiError::with_date_header`]; `ApiError::from_http`, feature
    /// `http`, records it), so that it means the same wait however far the two clocks are
    /// apart; `now_unix_secs` is the time only without one. `ApiError::retry_advice_now`
    /// (feature `std`) passes the system clock's.
    ///
    /// ```
    /// use aculab_errors::ApiError;
    /// use core::time::Duration;
    /// let busy = ApiError::new(503, Default::default())
    ///     .with_retry_after_header(Some("Sun, 06 Nov 1994 08:50:07 GMT"))
    ///     .with_date_header(Some("Sun, 06 Nov 1994 08:49:37 GMT"));
    /// // The local clock is an hour behind; the wait is still the 30 s the server meant.
    /// let an_hour_behind = 784_111_777 - 3_600;
    /// assert_eq!(busy.retry_advice(an_hour_behind).server_wait, Some(Duration::from_secs(30)));
    /// ```
    pub fn retry_advice(&self, now_unix_secs: u64) -> RetryAdvice {
        // A Date before 1970 is no valid "now" (it would make any Retry-After date decades away).
        let now = self
            .date_header()
            .and_then(|d| crate::parse_http_date(d, now_unix_secs))
            .and_then(|t| u64::try_from(t).ok())
            .unwrap_or(now_unix_secs);
        let server_wait = self
            .retry_after_header()
            .and_then(|v| crate::parse_retry_after(v, now));
        self.advice().with_server_wait(server_wait)
    }

    /// [`ApiError::retry_advice`] with the system clock's time.
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn retry_advice_now(&self) -> RetryAdvice {
        self.retry_advice(crate::unix_now())
    }

    /// Writes `text` as this type's [`Display`](fmt::Display) writes the server's code and text:
    /// on one line, with line breaks, other control and format characters (bidirectional
    /// controls, a zero-width space), and other invisible ones (a Hangul filler) escaped, and a
    /// backslash doubled
    /// (see [`ApiError`]). For showing other text a server sent, such as each of
    /// [`details`](ApiError::details), to a person or in a log line.
    ///
    /// ```
    /// use aculab_errors::ApiError;
    /// let shown = ApiError::escape("line\nbreak \u{3164} back\\slash \u{202e}").to_string();
    /// assert_eq!(shown, r"line\nbreak \u{3164} back\\slash \u{202e}");
    /// // The joiners and variation selectors that scripts and emoji need stay as they are.
    /// assert_eq!(ApiError::escape("👩\u{200d}💻 ❤\u{fe0f}").to_string(), "👩\u{200d}💻 ❤\u{fe0f}");
    /// ```
    pub fn escape(text: &str) -> impl fmt::Display + '_ {
        Escaped(text)
    }

    fn advice(&self) -> RetryAdvice {
        if let Some(code) = self.error_code() {
            return RetryAdvice::for_code(code);
        }
        let status = match self.code().and_then(ResponseCode::http_status) {
            Some(written) if is_retryable_status(written) => written,
            _ => self.status,
        };
        let retryable = is_retryable_status(status);
        RetryAdvice::new(retryable, retryable && is_idempotent_only_status(status))
    }
}

/// One line: `CODE [name] (HTTP status): text` (without `: text` when there is none), with the
/// code and text escaped so that nothing the server sent can break the line or reorder it, and
/// each cut to the precision, if one is given (see [`ApiError`]).
impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let max = f.precision();
        // The server's `text`, escaped, cut to `max` characters with the cut marked.
        let shown = |f: &mut fmt::Formatter<'_>, text: &str| match max
            .and_then(|max| text.char_indices().nth(max))
        {
            Some((at, _)) => write!(
                f,
                "{}\u{2026} ({} more bytes)",
                Escaped(&text[..at]),
                text.len() - at
            ),
            None => write!(f, "{}", Escaped(text)),
        };
        let status = self.status;
        match (self.kind, self.code()) {
            (ResponseKind::NotJson, _) => {
                write!(f, "HTTP {status}, not JSON")?;
                if let Some(ct) = self.content_type() {
                    write!(f, " ({})", Escaped(ct))?;
                }
            }
            (ResponseKind::Empty, _) => return write!(f, "HTTP {status}, empty body"),
            (_, None) => write!(f, "HTTP {status}, no error code")?,
            (_, Some(code)) if code.as_str().trim().is_empty() => {
                write!(f, "HTTP {status}, empty error code")?
            }
            (_, Some(code)) => {
                shown(f, code.as_str())?;
                match code.error_code() {
                    Some(known) => write!(f, " {} (HTTP {status})", known.name())?,
                    None if code.http_status() == Some(status) => {}
                    None => write!(f, " (HTTP {status})")?,
                }
            }
        }
        match self.text().trim_end() {
            "" => Ok(()),
            text => {
                f.write_str(": ")?;
                shown(f, text)
            }
        }
    }
}

impl core::error::Error for ApiError {}

/// Writes a string on one line: control characters (general category Cc: C0, DEL, C1 including
/// NEL), format characters (Cf: bidirectional formatting, zero-width space, soft hyphen, tags,
/// Egyptian hieroglyph format controls and the rest) but the zero-width joiner and non-joiner,
/// line and paragraph separators, and the other invisible (default-ignorable) characters become
/// visible escapes, and a backslash is doubled, so that a server's literal `\n` never reads as
/// an escaped line break.
pub(crate) struct Escaped<'a>(pub(crate) &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(needs_escape) {
            f.write_str(&rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            match c {
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                '\\' => f.write_str("\\\\")?,
                _ => write!(f, "\\u{{{:04x}}}", u32::from(c))?,
            }
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

fn needs_escape(c: char) -> bool {
    c == '\\'
        || c.is_control()
        || (is_format(c) && !matches!(c, '\u{200C}' | '\u{200D}'))
        || matches!(
            c,
            // Line and paragraph separators.
            '\u{2028}' | '\u{2029}'
            // The rest of Unicode's default-ignorable characters, invisible too: combining
            // grapheme joiner, Hangul fillers, Khmer inherent vowels, unassigned U+2065 and
            // U+FFF0..=U+FFF8, and plane 14's variation selectors and reserved code points, which
            // can carry a whole hidden text. The Mongolian free variation selectors
            // (U+180B..=U+180D, U+180F) and U+FE00..=U+FE0F stay: scripts and emoji need them.
            | '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{2065}'
            | '\u{3164}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}'
            | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Whether `c` is a format character (Unicode general category Cf, as of Unicode 16): soft
/// hyphen, bidirectional formatting, zero-width space and the joiners, word joiner and invisible
/// operators, byte-order mark, interlinear annotation, tags, and the prepended number signs and
/// Egyptian hieroglyph, shorthand and musical format controls that change how the characters
/// around them are drawn.
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

#[cfg(test)]
mod tests {
    use super::{ResponseKind, KINDS};

    /// [`KINDS`] holds each kind at its own place. The places are an exhaustive `match`, which
    /// stops compiling when a kind is added until it is given one, here and so in `KINDS`.
    #[test]
    fn kinds_holds_each_kind_at_its_place() {
        let position = |kind| match kind {
            ResponseKind::Catalogued => 0,
            ResponseKind::UnknownCode => 1,
            ResponseKind::HttpStatus => 2,
            ResponseKind::OtherCode => 3,
            ResponseKind::NotJson => 4,
            ResponseKind::Empty => 5,
        };
        for (i, kind) in KINDS.into_iter().enumerate() {
            assert_eq!(position(kind), i, "{kind}");
        }
    }
}
