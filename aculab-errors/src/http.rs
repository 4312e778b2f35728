//! The `http` crate's types (the `http` feature).

use alloc::borrow::Cow;
use alloc::string::String;

use http::header::{HeaderName, CONTENT_TYPE, DATE, RETRY_AFTER};
use http::{HeaderMap, Response, StatusCode};

use crate::{ApiError, ErrorCode, ResponseCode, RetryAdvice};

impl ApiError {
    /// Reads an [`http::Response`]: its status, `Content-Type` and body as
    /// [`ApiError::from_response`] does, and its `Retry-After` and `Date` headers for
    /// [`ApiError::retry_advice`]. It equals `from_response(status, content_type, body)` with
    /// `with_retry_after_header(retry_after)` and `with_date_header(date)`:
    ///
    /// - A header sent more than once counts with its first value, as [`HeaderMap::get`] reads
    ///   it (the others are not joined to it).
    /// - A header's bytes outside UTF-8 are replaced by U+FFFD, so such a `Retry-After` is
    ///   ignored (as is such a `Date`) and such a `Content-Type` is recorded, never interpreted
    ///   beyond its `charset`.
    /// - Any status the `http` crate allows (100 to 999) is read; only 429, 502, 503 and 504
    ///   are retryable without a code ([`is_retryable_status`](crate::is_retryable_status)).
    /// - A `Retry-After` date is read against the `Date` header, so that it means the same wait
    ///   whatever the local clock says; the `now` given to [`ApiError::retry_advice`] counts
    ///   only without a valid `Date`.
    ///
    /// ```
    /// use aculab_errors::{ApiError, ResponseKind};
    /// let response = http::Response::builder()
    ///     .status(503)
    ///     .header("content-type", "text/html")
    ///     .header("retry-after", "30")
    ///     .body("<h1>Service Unavailable</h1>")
    ///     .unwrap();
    /// let err = ApiError::from_http(&response);
    /// assert_eq!((err.status(), err.kind()), (503, ResponseKind::NotJson));
    /// let advice = err.retry_advice(0);
    /// assert_eq!(advice.server_wait, Some(core::time::Duration::from_secs(30)));
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn from_http<B: AsRef<[u8]>>(response: &Response<B>) -> ApiError {
        let headers = response.headers();
        let content_type = header(headers, &CONTENT_TYPE);
        let retry_after = header(headers, &RETRY_AFTER);
        let date = header(headers, &DATE);
        ApiError::from_response(
            response.status().as_u16(),
            content_type.as_deref(),
            response.body().as_ref(),
        )
        .with_retry_after_header(retry_after.as_deref())
        .with_date_header(date.as_deref())
    }
}

/// [`ApiError::from_http`], as a conversion: `ApiError::from(&response)`, or `response.into()`
/// where an `ApiError` is expected.
///
/// ```
/// use aculab_errors::{ApiError, ErrorCode};
/// let response = http::Response::builder()
///     .status(404)
///     .body(r#"{"error": {"code": "0405", "text": "Invalid token"}}"#)
///     .unwrap();
/// let err = ApiError::from(&response);
/// assert_eq!(err, ApiError::from_http(&response));
/// assert_eq!(err.error_code(), Some(ErrorCode::InvalidToken));
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl<B: AsRef<[u8]>> From<&Response<B>> for ApiError {
    fn from(response: &Response<B>) -> Self {
        ApiError::from_http(response)
    }
}

/// [`ApiError::from_http`], taking the response.
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl<B: AsRef<[u8]>> From<Response<B>> for ApiError {
    fn from(response: Response<B>) -> Self {
        ApiError::from_http(&response)
    }
}

/// A header's value as text (bytes outside UTF-8 replaced), if present.
fn header<'a>(headers: &'a HeaderMap, name: &HeaderName) -> Option<Cow<'a, str>> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()))
}

/// The code `"HTTP nnn"` the web services write for a failure that has no error code of its own.
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl From<StatusCode> for ResponseCode {
    fn from(status: StatusCode) -> Self {
        ResponseCode::new(&alloc::format!("HTTP {}", status.as_u16()))
    }
}

/// What the status alone says about retrying ([`RetryAdvice::for_status`]).
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl From<StatusCode> for RetryAdvice {
    fn from(status: StatusCode) -> Self {
        RetryAdvice::for_status(status.as_u16())
    }
}

impl ErrorCode {
    /// [`ErrorCode::http_status`] as an [`http::StatusCode`].
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn status_code(self) -> Option<StatusCode> {
        self.http_status()
            .and_then(|s| StatusCode::from_u16(s).ok())
    }
}
