//! The JSON error body the web services send, and [`ApiError`], which joins it with the
//! transport's HTTP status for client code.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::time::Duration;

use crate::response_code::is_retryable_status;
use crate::{ErrorCode, ParseTimestampError, ResponseCode, Timestamp};

/// The value of the `Accept` header that makes every web service answer errors as JSON.
///
/// Some legacy Aculab services answer XML or HTML errors unless the request asks for JSON
/// (`text/json` is accepted too); send `Accept: application/json` on every request so that every
/// error body parses as an [`ErrorResponse`].
pub const ACCEPT_JSON: &str = "application/json";

/// A web service's error body: `{"error": {...}, "request": {...}}`.
///
/// With the `serde` feature it deserialises from, and serialises back to, the JSON the server
/// sends: `details` is omitted when empty, unknown extra fields are ignored, and the timestamps
/// stay the server's strings, so an odd one never makes a body unreadable.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ErrorResponse {
    /// What went wrong.
    pub error: ErrorInfo,
    /// Which request it was.
    pub request: RequestInfo,
}

/// The `error` object of an [`ErrorResponse`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ErrorInfo {
    /// A four-digit error code or an HTTP status such as `"HTTP 400"`.
    pub code: ResponseCode,
    /// The server's account of the failure.
    pub text: String,
    /// One entry per problem when a request failed validation in several ways; empty otherwise.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::serde::null_as_empty"
        )
    )]
    pub details: Vec<String>,
    /// When the error happened, `YYYY-MM-DD_hh:mm:ss` UTC, as the server wrote it.
    pub datetime: String,
    /// Documentation of the failed API or of the error code.
    pub link: String,
}

/// The `request` object of an [`ErrorResponse`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RequestInfo {
    /// The URL that was called.
    pub url: String,
    /// When the request arrived, `YYYY-MM-DD_hh:mm:ss` UTC, as the server wrote it.
    pub datetime: String,
}

impl ErrorInfo {
    /// `datetime` parsed.
    pub fn timestamp(&self) -> Result<Timestamp, ParseTimestampError> {
        self.datetime.parse()
    }
}

impl RequestInfo {
    /// `datetime` parsed.
    pub fn timestamp(&self) -> Result<Timestamp, ParseTimestampError> {
        self.datetime.parse()
    }
}

/// A failed web-service call: the HTTP status the transport saw and the parsed error body.
///
/// Its [`Display`](fmt::Display) is one line, such as
/// `0405 invalid_token (HTTP 404): Invalid token; ...`, and it implements
/// [`core::error::Error`], so it fits `?` and error-reporting crates.
///
/// ```
/// use aculab_errors::{ApiError, ErrorCode, ErrorInfo, ErrorResponse, RequestInfo};
/// let body = ErrorResponse {
///     error: ErrorInfo {
///         code: "0405".into(),
///         text: "Invalid token".into(),
///         details: vec![],
///         datetime: "2022-12-12_11:32:41".into(),
///         link: "https://www.aculab.com/cloud/web-services/web-service-errors?error=0405".into(),
///     },
///     request: RequestInfo { url: "/file_delete_progress".into(), datetime: "2022-12-12_11:32:41".into() },
/// };
/// let err = ApiError::new(404, body);
/// assert_eq!(err.to_string(), "0405 invalid_token (HTTP 404): Invalid token");
/// assert_eq!(err.error_code(), Some(ErrorCode::InvalidToken));
/// assert!(err.remedy().is_some());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    status: u16,
    response: ErrorResponse,
}

impl ApiError {
    /// Joins the transport's HTTP `status` with the parsed body.
    pub fn new(status: u16, response: ErrorResponse) -> Self {
        ApiError { status, response }
    }

    /// The HTTP status of the response, as the transport saw it.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The parsed body.
    pub fn response(&self) -> &ErrorResponse {
        &self.response
    }

    /// Takes the parsed body back.
    pub fn into_response(self) -> ErrorResponse {
        self.response
    }

    /// The body's `error.code`.
    pub fn code(&self) -> &ResponseCode {
        &self.response.error.code
    }

    /// The catalogued code, if the body carries one.
    pub fn error_code(&self) -> Option<ErrorCode> {
        self.code().error_code()
    }

    /// The server's text.
    pub fn text(&self) -> &str {
        &self.response.error.text
    }

    /// The catalogue's description of the code, if it is catalogued.
    pub fn description(&self) -> Option<&'static str> {
        self.error_code().map(ErrorCode::description)
    }

    /// The catalogue's remedy for the code, where there is one.
    pub fn remedy(&self) -> Option<&'static str> {
        self.error_code().and_then(ErrorCode::remedy)
    }

    /// The documentation link the server sent.
    pub fn link(&self) -> &str {
        &self.response.error.link
    }

    /// Whether the same request can succeed later: the code's advice (see
    /// [`ResponseCode::is_retryable`]); for a code the catalogue does not know, the transport
    /// status decides (429, 502, 503, 504).
    pub fn is_retryable(&self) -> bool {
        match self.error_code() {
            Some(code) => code.is_retryable(),
            None => self.code().is_retryable() || is_retryable_status(self.status),
        }
    }

    /// How long to wait before retrying, where the catalogue gives a wait.
    pub fn retry_after(&self) -> Option<Duration> {
        self.code().retry_after()
    }
}

/// One line: `CODE [name] (HTTP status): text`, with line breaks in the text replaced by spaces.
impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.code();
        match code.error_code() {
            Some(known) => write!(f, "{code} {} (HTTP {})", known.name(), self.status)?,
            None if code.http_status() == Some(self.status) => write!(f, "{code}")?,
            None => write!(f, "{code} (HTTP {})", self.status)?,
        }
        f.write_str(": ")?;
        let mut lines = self.text().split(['\r', '\n']).filter(|l| !l.is_empty());
        if let Some(first) = lines.next() {
            f.write_str(first)?;
        }
        lines.try_for_each(|line| write!(f, " {line}"))
    }
}

impl core::error::Error for ApiError {}
