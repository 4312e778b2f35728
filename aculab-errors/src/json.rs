//! Reading any HTTP error response into an [`ApiError`] (the `json` feature).

use alloc::string::String;

use crate::{ApiError, ErrorResponse, ResponseKind};

impl ApiError {
    /// Reads an HTTP error response: its status, its `Content-Type` (if any) and its body.
    ///
    /// Never fails and never panics. The body is read leniently and nothing in it is lost:
    ///
    /// - A JSON body is read into an [`ErrorResponse`] (see there for what may be odd about it);
    ///   its kind is [`ResponseKind::Catalogued`], [`UnknownCode`](ResponseKind::UnknownCode),
    ///   [`HttpStatus`](ResponseKind::HttpStatus) or [`OtherCode`](ResponseKind::OtherCode)
    ///   (also for JSON that is not an error body, whose [`text`](ApiError::text) is then the
    ///   body's).
    /// - A body that is not JSON (an HTML or XML error page from a proxy or a legacy service,
    ///   truncated JSON, invalid UTF-8) is [`ResponseKind::NotJson`]; an empty one (or white space
    ///   only) is [`ResponseKind::Empty`]. Either way [`ApiError::text`] is the body, decoded as
    ///   UTF-8 with invalid sequences replaced by U+FFFD.
    ///
    /// The content type is recorded, not trusted: a JSON body labelled `text/html` still reads as
    /// JSON, and an HTML page labelled `application/json` as [`ResponseKind::NotJson`]. A leading
    /// UTF-8 byte-order mark is skipped.
    ///
    /// ```
    /// use aculab_errors::{ApiError, ErrorCode, ResponseKind};
    ///
    /// let body = br#"{"error": {"code": "0018", "text": "Try later", "details": "disk full"}}"#;
    /// let err = ApiError::from_response(503, Some("application/json"), body);
    /// assert_eq!(err.kind(), ResponseKind::Catalogued);
    /// assert_eq!(err.error_code(), Some(ErrorCode::from_u16(18).unwrap()));
    /// assert_eq!(err.details(), ["disk full"]);
    ///
    /// let page = ApiError::from_response(502, Some("text/html"), b"<html><h1>Bad Gateway</h1></html>");
    /// assert_eq!((page.kind(), page.text()), (ResponseKind::NotJson, "<html><h1>Bad Gateway</h1></html>"));
    /// assert!(page.is_retryable());
    ///
    /// assert_eq!(ApiError::from_response(503, None, b"").kind(), ResponseKind::Empty);
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
    pub fn from_response(status: u16, content_type: Option<&str>, body: &[u8]) -> ApiError {
        let json = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        // JSON is UTF-8 throughout: checking it all at once is faster than string by string,
        // and a body that is not UTF-8 is not JSON.
        let parsed = core::str::from_utf8(json)
            .ok()
            .filter(|text| !text.trim_ascii().is_empty())
            .map(serde_json::from_str::<ErrorResponse>);
        let error = match parsed {
            Some(Ok(response)) => {
                let says_nothing = response.error.code.is_none() && response.error.text.is_none();
                let error = ApiError::new(status, response);
                if says_nothing {
                    error.with_body_text(None, lossy(body))
                } else {
                    error
                }
            }
            None if json.trim_ascii().is_empty() => ApiError::new(status, ErrorResponse::default())
                .with_body_text(Some(ResponseKind::Empty), lossy(body)),
            _ => ApiError::new(status, ErrorResponse::default())
                .with_body_text(Some(ResponseKind::NotJson), lossy(body)),
        };
        error.with_content_type(content_type)
    }
}

fn lossy(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}
