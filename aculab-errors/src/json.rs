//! Reading any HTTP error response into an [`ApiError`] (the `json` feature).

use alloc::borrow::Cow;
use alloc::string::{String, ToString};

use crate::{ApiError, ErrorInfo, ErrorResponse, ResponseCode, ResponseKind};

impl ApiError {
    /// Reads an HTTP error response: its status, its `Content-Type` (if any) and its body.
    ///
    /// Never fails and never panics. The body is read leniently and nothing in it is lost:
    ///
    /// - A JSON body is read into an [`ErrorResponse`] (see there for what may be odd about it);
    ///   its kind is [`ResponseKind::Catalogued`], [`UnknownCode`](ResponseKind::UnknownCode),
    ///   [`HttpStatus`](ResponseKind::HttpStatus) or [`OtherCode`](ResponseKind::OtherCode)
    ///   (also for JSON that is not an error body, whose [`text`](ApiError::text) is then the
    ///   body's, as it is for an error object without a `text` in a body with fields this
    ///   crate does not know, in the error object or beside it, which may say what happened:
    ///   Google's, Azure's and JSON-RPC's `{"error": {"code": 429, "message": "..."}}`, and
    ///   for a text whose error object holds no code of its own, beside fields this crate
    ///   does not know at the top of the body, as OAuth's `{"error": "invalid_grant",
    ///   "error_description": "..."}` and Fastify's `{"error": "Bad Request", "code":
    ///   "FST_ERR_VALIDATION", "message": "..."}`). A `code` written without quotes, as Aculab's own
    ///   documentation shows it (`"code": HTTP 400`, with any status or none: `HTTP 4000` is
    ///   read as the quoted `"HTTP 4000"` is), or as a number with its leading zero (`"code":
    ///   0405`), is read as if it were quoted.
    /// - A body that is not JSON (an HTML or XML error page from a proxy or a legacy service,
    ///   truncated JSON) is [`ResponseKind::NotJson`]; an empty one (or white space only) is
    ///   [`ResponseKind::Empty`]. Either way [`ApiError::text`] is the body's text.
    /// - A body that is the error object alone, without its `{"error": ...}` wrapper
    ///   (`{"code": "0405", "text": "Invalid token"}`): an object with a `code` or a `text`
    ///   and no `error` (or an empty one), is read as that error object, its `request` as the
    ///   request and its other fields kept in [`ErrorInfo::extra`](crate::ErrorInfo::extra)
    ///   (deserialising an [`ErrorResponse`] keeps the body's shape, with those fields in
    ///   [`ErrorResponse::extra`]). When it has no `text`, [`ApiError::text`] is the body's
    ///   (`{"code": 404, "message": "Not Found"}` keeps its message in sight). Its code, if a
    ///   number in 100..=599 not written as four digits, is the HTTP status it is, whatever the
    ///   response's: Aculab writes its codes as four-digit strings inside the wrapper, so such a
    ///   body is a gateway's or a framework's (`{"code": 503, "message": "Service
    ///   Unavailable"}` on a 502 is the status 503, retryable, not the catalogued 0503).
    /// - A `code` beside an error that has a text but no code (`{"error": "Invalid token",
    ///   "code": "0405"}`) is the error's code, read as in a body without the wrapper, and so are
    ///   `details`, `datetime` and `link` beside it where the error has none of its own; a code
    ///   that is neither a string nor a number stays in [`ErrorResponse::extra`].
    ///
    /// The body's text is decoded by its byte-order mark (UTF-8, UTF-16 or UTF-32, the mark
    /// itself dropped); else by the zeros that UTF-16 and UTF-32 put around ASCII in the first
    /// four bytes (RFC 4627); else as UTF-8 when it is valid UTF-8 (a `charset` of UTF-16 or
    /// UTF-32 is believed, first, only when one byte in eight or more is zero, and never otherwise);
    /// else by the `charset` of the content type (`ISO-8859-1` and its aliases read as `windows-1252`, as browsers do);
    /// else, without one, by the single-byte charset an HTML or XML page declares in its first
    /// 1024 bytes, as a browser's prescan finds it (`<meta charset="iso-8859-1">`, a `<meta
    /// http-equiv="Content-Type">`'s content, `<?xml version="1.0" encoding="ISO-8859-1"?>`; not
    /// a `<script charset>`, a comment or text);
    /// else as UTF-8 with invalid sequences replaced by U+FFFD (JSON with a stray byte in its
    /// text still gives its code).
    ///
    /// JSON that serde_json alone would refuse is read too: the unquoted code above, an escaped
    /// lone surrogate (`"\ud800"`, read as U+FFFD), a number too large for an `f64` (`1e400`),
    /// `NaN`, `Infinity` and `-Infinity` as Python's `json` module writes them, and arrays or
    /// objects nested deeper than 100 levels (all but the surrogate each kept as a string of its
    /// JSON text). A number whose digits an `f64` does not hold, which serde_json reads
    /// rounded (an integer beyond 64 bits such as `123456789012345678901`, `1e-400`), is kept
    /// as a string of its JSON text too; any other number is read as the number it is. Such a
    /// number, and such deep nesting, inside a list or an object that a field keeps as JSON text
    /// stays as written there, not quoted (`"details": [{"id": 1e400}]` gives `{"id":1e400}`,
    /// and a detail nested 150 levels deep is its JSON text, not one with a string inside),
    /// unless the body holds one of the two noncharacters U+FDD0 and U+FDD1 that mark them
    /// while they are read, when they stay strings. What lies deeper than 100 levels is kept as
    /// written, unchecked. Anything else that is not JSON (a trailing comma, text after the
    /// value) is [`ResponseKind::NotJson`].
    ///
    /// The content type is recorded, not trusted: a JSON body labelled `text/html` still reads as
    /// JSON, and an HTML page labelled `application/json` as [`ResponseKind::NotJson`].
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
        let text = decode(body, content_type);
        // JSON's own white space, and any further byte-order marks a careless server added.
        let json = text.trim_start_matches([' ', '\t', '\n', '\r', '\u{feff}']);
        let error = if text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
            ApiError::new(status, ErrorResponse::default())
                .with_body_text(Some(ResponseKind::Empty), text.into_owned())
        } else {
            // Whether the body is the error object without its wrapper (see `read_body`).
            let mut flat = false;
            let parsed = match read_body(json, &mut flat) {
                // serde_json rounds a number an f64 does not hold; only a body read with one
                // (rare) is read again, with such numbers as strings of their text.
                Ok(response) if may_hold_a_rounded_number(&response, json) => {
                    Ok(mend_numbers(json)
                        .and_then(|exact| read_body(&exact, &mut flat).ok())
                        .map_or(response, |read| unmark_mended(json, read)))
                }
                Ok(response) => Ok(response),
                Err(e) => mend(json)
                    .ok_or(e)
                    .and_then(|mended| read_body(&mended, &mut flat))
                    .map(|read| unmark_mended(json, read)),
            };
            match parsed {
                Ok(mut response) => {
                    // Aculab writes its codes as strings, and always inside the wrapper: in a
                    // body that is neither, a number such as `503` is a gateway's status
                    // (`{"code": 503, "message": "Service Unavailable"}` on a 502 is no report
                    // that must be JSON, 0503, and may be retried).
                    if flat {
                        if let Some(read) = response
                            .error
                            .code
                            .as_ref()
                            .and_then(ResponseCode::as_own_status)
                        {
                            response.error.code = Some(read);
                        }
                    }
                    // JSON that is not an error body: an object with neither code nor text,
                    // or a bare array, number, `true` or `null` (a bare string is the text);
                    // and an error object without a text, without its wrapper or in a body
                    // with fields this crate does not know, in the error object or beside it,
                    // which (`{"code": 404, "message": "Not Found"}`, `{"error": {"code": 429,
                    // "message": "..."}}`, `{"error": {"code": 500}, "message": "..."}`) may say
                    // what happened; and a text whose error object holds no code of its own
                    // (none, or one taken from beside it), beside fields this crate does not
                    // know at the top (OAuth's `{"error": "invalid_grant",
                    // "error_description": "..."}`, Spring's and Fastify's `{"error": "Bad
                    // Request", "code": "...", "message": "..."}`), which may say more than the
                    // text.
                    let error = &response.error;
                    let unknown = !error.extra.is_empty() || !response.extra.is_empty();
                    let says_nothing = (error.text.is_none()
                        && (flat || error.code.is_none() || unknown))
                        || ((flat || error.code.is_none())
                            && response.extra.values().any(|v| !is_empty_value(v)))
                        || !json.starts_with(['{', '"']);
                    let error = ApiError::new(status, response);
                    if says_nothing {
                        error.with_body_text(None, text.into_owned())
                    } else {
                        error
                    }
                }
                Err(_) => ApiError::new(status, ErrorResponse::default())
                    .with_body_text(Some(ResponseKind::NotJson), text.into_owned()),
            }
        };
        error.with_content_type(content_type)
    }
}

/// A body read from JSON text as an [`ErrorResponse`]; `flat` says whether it is the error
/// object sent without its wrapper: an object with no `error` (or an empty one) but a `code`
/// or a `text` at the top. Such a body is read as that error object, its `request` as the
/// request and its other fields as the error's. `flat` is set too when the error's code is
/// taken from the top (`{"error": "...", "code": ...}`): either way the code is not where
/// Aculab writes its own.
fn read_body(json: &str, flat: &mut bool) -> serde_json::Result<ErrorResponse> {
    // The result is handed on as serde_json gave it, not taken apart and built again (a copy
    // of the whole body on every read).
    let mut read = serde_json::from_str::<ErrorResponse>(json);
    if let Ok(response) = &mut read {
        let error = &response.error;
        *flat = error.code.is_none()
            && error.text.is_none()
            && (response.extra.contains_key("code") || response.extra.contains_key("text"))
            && *error == ErrorInfo::default();
        if *flat {
            // The same text, read as the error object: it reads, as it read as a body.
            let mut error: ErrorInfo = serde_json::from_str(json)?;
            error.extra.remove("request");
            response.error = error;
            response.extra.clear();
        } else if error.code.is_none() && error.text.is_some() {
            // A text with its code beside it, not in it (`{"error": "Invalid token", "code":
            // "0405"}`): the code is the error's, and as in a body without the wrapper, a
            // number there is read as a status when it is one.
            let code = match response.extra.get("code") {
                Some(c @ (serde_json::Value::String(_) | serde_json::Value::Number(_))) => {
                    serde::Deserialize::deserialize(c).ok()
                }
                _ => None,
            };
            if let Some(code) = code {
                response.extra.remove("code");
                response.error.code = Some(code);
                *flat = true;
                take_error_fields(response);
            }
        }
    }
    read
}

/// Moves Aculab's own fields of an error (`details`, `datetime`, `link`) written beside it, as
/// its code was, into the error where it has none of its own, read as in it; any other stays
/// where it was.
fn take_error_fields(response: &mut ErrorResponse) {
    let error = &mut response.error;
    let mut beside = serde_json::Map::new();
    for (key, none) in [
        ("details", error.details.is_empty()),
        ("datetime", error.datetime.is_none()),
        ("link", error.link.is_none()),
    ] {
        // A `null` or `[]` would be read as nothing: it stays where it was, not lost.
        let taken = none && response.extra.get(key).is_some_and(|v| !is_empty_value(v));
        if let Some(value) = taken.then(|| response.extra.remove(key)).flatten() {
            beside.insert(key.into(), value);
        }
    }
    match serde::Deserialize::deserialize(serde_json::Value::Object(beside.clone())) {
        Ok(ErrorInfo {
            details,
            datetime,
            link,
            ..
        }) => {
            error.details = if details.is_empty() {
                core::mem::take(&mut error.details)
            } else {
                details
            };
            error.datetime = datetime.or(error.datetime.take());
            error.link = link.or(error.link.take());
        }
        Err(_) => response.extra.extend(beside),
    }
}

/// Whether a field's value says nothing: `null` or `[]`.
fn is_empty_value(value: &serde_json::Value) -> bool {
    value.is_null() || value.as_array().is_some_and(|a| a.is_empty())
}

/// JSON's white space.
const JSON_SPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// `json` with what serde_json refuses but a lenient reader can take mended (the bare codes of
/// Aculab's documentation, lone surrogate escapes, numbers beyond an `f64` and Python's `NaN`
/// and `Infinity`, nesting deeper than serde_json recurses); `None` when there is nothing to
/// mend.
fn mend(json: &str) -> Option<String> {
    let mut text = Cow::Borrowed(json);
    for step in [
        mend_bare_codes,
        mend_lone_surrogates,
        mend_numbers,
        mend_depth,
    ] {
        if let Some(mended) = step(&text) {
            text = Cow::Owned(mended);
        }
    }
    match text {
        Cow::Owned(mended) => Some(mended),
        Cow::Borrowed(_) => None,
    }
}

/// `json` with every `\uXXXX` escape of a surrogate that is not half of a pair written as
/// `\ufffd`, the replacement character: JSON's grammar allows them, serde_json refuses them in a
/// string. `None` when there is none.
fn mend_lone_surrogates(json: &str) -> Option<String> {
    let b = json.as_bytes();
    // The unit of the `\uXXXX` escape whose backslash is at `at`.
    let unit = |at: usize| {
        let hex = json.get(at + 2..at + 6)?;
        let is_escape =
            b.get(at..at + 2) == Some(b"\\u") && hex.bytes().all(|c| c.is_ascii_hexdigit());
        is_escape.then(|| u16::from_str_radix(hex, 16).ok())?
    };
    let mut out = String::new();
    let (mut copied, mut i) = (0, 0);
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit(i) {
            Some(0xD800..=0xDBFF) if matches!(unit(i + 6), Some(0xDC00..=0xDFFF)) => i += 12,
            Some(0xD800..=0xDFFF) => {
                out.push_str(&json[copied..i]);
                out.push_str("\\ufffd");
                i += 6;
                copied = i;
            }
            // Any other escape: its backslash and the character after it.
            _ => i += 2,
        }
    }
    (copied > 0).then(|| out + &json[copied..])
}

/// `json` with every number too large for an `f64` (`1e400`, which JSON's grammar allows and
/// serde_json refuses), every number whose digits an `f64` does not hold (see
/// [`kept_exactly`]), and every `NaN`, `Infinity` and `-Infinity` (which Python's `json` module
/// writes and reads), written as a string of its text. `None` when there is none.
fn mend_numbers(json: &str) -> Option<String> {
    let marks = may_mark(json, NUMBER_MARK);
    let b = json.as_bytes();
    let mut out = String::new();
    let (mut copied, mut in_string, mut i) = (0, false, 0);
    while i < b.len() {
        match b[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            c if !in_string && (c.is_ascii_digit() || matches!(c, b'-' | b'N' | b'I')) => {
                let end = i + number_len(&json[i..]);
                let token = &json[i..end];
                let python = matches!(token, "NaN" | "Infinity" | "-Infinity");
                // A number by JSON's grammar starts with a digit after its sign: Rust's own
                // spellings (`inf`, `-INF`, `infinity`) are not JSON, nor Python's.
                let number = token
                    .trim_start_matches('-')
                    .starts_with(|c: char| c.is_ascii_digit());
                if python || (number && !kept_exactly(token)) {
                    out.push_str(&json[copied..i]);
                    out.push('"');
                    if marks {
                        out.push(NUMBER_MARK);
                    }
                    // A number's bytes need no escape in a JSON string.
                    out.push_str(token);
                    out.push('"');
                    copied = end;
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    (copied > 0).then(|| out + &json[copied..])
}

/// What `mend_numbers` puts before each number it writes as a string, so that
/// [`unmark_mended`] can tell it from a string the server sent: U+FDD0, a noncharacter, which
/// Unicode keeps for a program's internal use. A body that holds one itself is not marked.
const NUMBER_MARK: char = '\u{FDD0}';

/// What `mend_depth` puts before the JSON text of each value it keeps as a string, so that
/// [`unmark_mended`] can give that text back where it stands in JSON text: U+FDD1, the next
/// noncharacter. A body that holds one itself is not marked.
const DEEP_MARK: char = '\u{FDD1}';

/// Whether mending `json` marks what it mends with `mark`: when `json` holds no `mark` of its
/// own, raw or escaped.
fn may_mark(json: &str, mark: char) -> bool {
    let escaped = alloc::format!("\\u{:04x}", u32::from(mark));
    !json.contains(mark)
        && !json
            .as_bytes()
            .windows(6)
            .any(|w| w.eq_ignore_ascii_case(escaped.as_bytes()))
}

/// The marks that mending `json` may have put in what is read from it.
#[derive(Clone, Copy)]
struct Marks {
    numbers: bool,
    deep: bool,
}

/// A body read from mended `json` as the server wrote it: each number `mend_numbers` wrote as a
/// string is given back as it was written, with the mark taken off. A field that was that
/// number is its text (`"text": 1e400` reads as `1e400`), and so is an `extra()` value; in the
/// JSON text of a list or object it is the number again, unquoted (`[1e400]`, not
/// `["1e400"]`), so that the text is the server's. So is what `mend_depth` kept as a string:
/// in JSON text it is its own text again (`[[...[1]...]]`, not `[..."[[...[1]...]]"...]`); an
/// `extra()` value keeps it as a string of that text.
fn unmark_mended(json: &str, mut read: ErrorResponse) -> ErrorResponse {
    let marks = Marks {
        numbers: may_mark(json, NUMBER_MARK),
        deep: may_mark(json, DEEP_MARK),
    };
    if !marks.numbers && !marks.deep {
        return read;
    }
    let text = |field: &mut Option<String>| {
        if let Some(Cow::Owned(plain)) = field.as_deref().map(|t| unmark(t, marks)) {
            *field = Some(plain);
        }
    };
    let (error, request) = (&mut read.error, &mut read.request);
    if let Some(Cow::Owned(plain)) = error.code.as_ref().map(|c| unmark(c.as_str(), marks)) {
        error.code = Some(ResponseCode::from_string(plain));
    }
    text(&mut error.text);
    text(&mut error.datetime);
    text(&mut error.link);
    text(&mut request.url);
    text(&mut request.datetime);
    for detail in &mut error.details {
        if let Cow::Owned(plain) = unmark(detail, marks) {
            *detail = plain;
        }
    }
    for extra in [&mut read.extra, &mut error.extra, &mut request.extra] {
        extra.values_mut().for_each(|v| unmark_value(v, marks));
    }
    read
}

/// [`unmark`] on every string in `value`.
fn unmark_value(value: &mut serde_json::Value, marks: Marks) {
    match value {
        serde_json::Value::String(s) => {
            if let Cow::Owned(plain) = unmark(s, marks) {
                *s = plain;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| unmark_value(v, marks)),
        serde_json::Value::Object(fields) => {
            fields.values_mut().for_each(|v| unmark_value(v, marks))
        }
        _ => {}
    }
}

/// `text` as the server wrote it: see [`unmark_deep`] and [`unmark_numbers`] (the numbers in
/// what was nested too deep are marked inside it).
fn unmark(text: &str, marks: Marks) -> Cow<'_, str> {
    match unmark_deep(text, marks.deep) {
        Cow::Borrowed(text) => unmark_numbers(text, marks.numbers),
        Cow::Owned(text) => Cow::Owned(unmark_numbers(&text, marks.numbers).into_owned()),
    }
}

/// `text` with what `mend_depth` kept as a marked string given back: `"MARK[[...]]"` in JSON
/// text (of a list or object that holds it) as `[[...]]`, the string's text, unquoted; a whole
/// field or value `MARK[[...]]` as `[[...]]`, a string of that text.
fn unmark_deep(text: &str, marked: bool) -> Cow<'_, str> {
    unmark_each(text, marked, DEEP_MARK, |before, after, out| {
        // The string's closing quote: the first one no backslash escapes.
        let b = after.as_bytes();
        let mut end = 0;
        while end < b.len() && b[end] != b'"' {
            end += if b[end] == b'\\' { 2 } else { 1 };
        }
        // The string, from its opening quote (before the mark) to its closing one, read.
        let string = before.strip_suffix('"').and_then(|kept| {
            let literal = alloc::format!("\"{}", after.get(..=end)?);
            Some((kept, serde_json::from_str::<String>(&literal).ok()?))
        });
        match string {
            Some((kept, string)) => {
                out.push_str(kept);
                out.push_str(&string);
                &after[end + 1..]
            }
            None => {
                out.push_str(before);
                after
            }
        }
    })
}

/// `text` with each marked number as it was written: `MARK1e400` (a whole field) as `1e400`,
/// and `"MARK1e400"` in JSON text (`\"MARK1e400\"` in JSON text kept as a string inside it,
/// nested too deep, in a body that holds a [`DEEP_MARK`] of its own) as `1e400`, unquoted.
fn unmark_numbers(text: &str, marked: bool) -> Cow<'_, str> {
    unmark_each(text, marked, NUMBER_MARK, |before, after, out| {
        let (token, after) = after.split_at(number_len(after));
        // The quote that opens the string, with the backslashes that escape it, closes it too.
        let open = before
            .strip_suffix('"')
            .map_or(0, |b| 1 + b.len() - b.trim_end_matches('\\').len());
        let (kept, quote) = before.split_at(before.len() - open);
        let rest = match after.strip_prefix(quote) {
            Some(after) if open > 0 => {
                out.push_str(kept);
                after
            }
            _ => {
                out.push_str(before);
                after
            }
        };
        out.push_str(token);
        rest
    })
}

/// `text` with each `mark` (if `marked`) and what it marks given back by `give_back`, which
/// takes the text before the mark and after it, writes to `out` what stands for both, and
/// returns the text after what it read.
fn unmark_each<'a>(
    text: &'a str,
    marked: bool,
    mark: char,
    mut give_back: impl FnMut(&'a str, &'a str, &mut String) -> &'a str,
) -> Cow<'a, str> {
    if !marked || !text.contains(mark) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(mark) {
        rest = give_back(&rest[..at], &rest[at + mark.len_utf8()..], &mut out);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether serde_json reads the number `token` (a JSON number, by its first byte) as a value
/// whose JSON text, as this crate writes it back, is the same number: true for an integer that
/// fits 64 bits and for a number whose digits an `f64` keeps (`0.1`, `405.0`, `1E3`); false for
/// a number too large for an `f64` (`1e400`, which serde_json refuses) and for one whose digits
/// serde_json rounds away (`123456789012345678901` read as `1.2345678901234567e20`, `1e-400` as
/// `0.0`, `6e303` as `6.000000000000001e303`). A token that is not a JSON number (`01`, `1.`)
/// is left to serde_json, as true.
fn kept_exactly(token: &str) -> bool {
    let (mantissa, exponent) = token.split_once(['e', 'E']).unwrap_or((token, "0"));
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if mantissa.len() == whole.len()
        && exponent == "0"
        && (token.parse::<u64>().is_ok() || token.parse::<i64>().is_ok())
    {
        return true;
    }
    // Up to 15 digits times a power of ten up to 22, both exact in an f64: serde_json rounds
    // their product (or quotient) once, to the f64 nearest the number, and 15 digits come back
    // from that as written. Most numbers are such, and need no more.
    let digits = whole.trim_start_matches(['-', '0']).len() + fraction.len();
    let leading = if whole.trim_start_matches(['-', '0']).is_empty() {
        fraction.len() - fraction.trim_start_matches('0').len()
    } else {
        0
    };
    let power = exponent
        .parse::<i32>()
        .ok()
        .and_then(|e| e.checked_sub(i32::try_from(fraction.len()).ok()?));
    if digits - leading <= 15 && power.is_some_and(|p| (-22..=22).contains(&p)) {
        return true;
    }
    match serde_json::from_str::<f64>(token) {
        // `{:?}` is how the lenient reader writes an f64 back as text (and the shortest text
        // that reads back as it, as serde_json's own writer gives).
        Ok(n) => decimal(token) == decimal(&alloc::format!("{n:?}")),
        Err(_) => !token.parse::<f64>().is_ok_and(f64::is_infinite),
    }
}

/// The decimal value a number's text (JSON's, or Rust's `{:?}` of an `f64`) writes: its sign,
/// its significant digits and the power of ten of the last of them (zero as no digits at all);
/// an exponent beyond an `i64` saturates.
fn decimal(text: &str) -> (bool, alloc::vec::Vec<u8>, i64) {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exponent) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let (exp_negative, exp_digits) = match exponent.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, exponent.strip_prefix('+').unwrap_or(exponent)),
    };
    let magnitude = exp_digits.bytes().fold(0i64, |n, c| {
        n.saturating_mul(10)
            .saturating_add(i64::from(c.wrapping_sub(b'0')))
    });
    let exponent = if exp_negative { -magnitude } else { magnitude };
    let digits: alloc::vec::Vec<u8> = whole.bytes().chain(fraction.bytes()).collect();
    let first = digits
        .iter()
        .position(|&c| c != b'0')
        .unwrap_or(digits.len());
    let last = digits
        .iter()
        .rposition(|&c| c != b'0')
        .map_or(first, |i| i + 1);
    let fraction_len = i64::try_from(fraction.len()).unwrap_or(i64::MAX);
    let trailing_zeros = i64::try_from(digits.len() - last).unwrap_or(i64::MAX);
    let significant = digits[first..last].to_vec();
    let exponent = if significant.is_empty() {
        0
    } else {
        exponent
            .saturating_sub(fraction_len)
            .saturating_add(trailing_zeros)
    };
    (negative, significant, exponent)
}

/// Whether a body read by serde_json may hold a number that it rounded (see [`kept_exactly`]):
/// a field whose text is a number with a fraction or an exponent, as the lenient reader writes
/// an `f64` (serde_json reads every number that is not an integer of 64 bits as one), or JSON
/// text that may hold one; or an unknown field holding an `f64`; or a code read as a whole
/// number that `json` wrote as one it rounds (see [`code_number_rounded`]). Cheap: the fields of
/// a typical body start with no digit, or hold no `.` or `e` after one, and its code starts
/// with a zero.
fn may_hold_a_rounded_number(response: &ErrorResponse, json: &str) -> bool {
    let (error, request) = (&response.error, &response.request);
    let text_may = |text: &str| match text.as_bytes() {
        // An f64 as the reader writes one (`1.2345678901234567e20`, `-0.0`, `1e-7`): a sign,
        // digits, `.` or `e` (and the exponent's sign), nothing else.
        [b'-' | b'0'..=b'9', rest @ ..] => {
            let mut prev = b'0';
            for &c in rest {
                match (prev, c) {
                    (_, b'0'..=b'9' | b'.' | b'e') | (b'e', b'-') => prev = c,
                    _ => return false,
                }
            }
            rest.iter().any(|&c| c == b'.' || c == b'e')
        }
        // JSON text, of a list or an object, that may hold one.
        b @ [b'[' | b'{', ..] => b
            .windows(2)
            .any(|w| w[0].is_ascii_digit() && matches!(w[1], b'.' | b'e' | b'E')),
        _ => false,
    };
    let may = |text: Option<&str>| text.is_some_and(text_may);
    may(error.code.as_ref().map(ResponseCode::as_str))
        || error
            .code
            .as_ref()
            .is_some_and(|c| read_as_a_whole_number(c.as_str()) && code_number_rounded(json))
        || may(error.text.as_deref())
        || may(error.datetime.as_deref())
        || may(error.link.as_deref())
        || may(request.url.as_deref())
        || may(request.datetime.as_deref())
        || error.details.iter().any(|d| text_may(d))
        || [&response.extra, &error.extra, &request.extra]
            .iter()
            .any(|extra| !extra.is_empty() && extra.values().any(holds_f64))
}

/// Whether a code's text may be a JSON number that serde_json read as an `f64` and the reader
/// wrote as the whole number it is (`405.0` as `405`, `1e3` as `1000`): digits only, without a
/// leading zero (a code sent as a string is `"0405"` nearly always).
fn read_as_a_whole_number(code: &str) -> bool {
    matches!(code.as_bytes(), [b'1'..=b'9', rest @ ..] if rest.iter().all(u8::is_ascii_digit))
        || code == "0"
}

/// Whether a `"code":` in `json` has a number for its value that serde_json rounds (see
/// [`kept_exactly`]): `1e-400` read as 0, `405.00000000000001` as 405, which the reader then
/// writes as a whole number with nothing to tell it from one the server sent.
fn code_number_rounded(json: &str) -> bool {
    code_values(json).any(|(_, value)| {
        value.starts_with(|c: char| c.is_ascii_digit() || c == '-')
            && !kept_exactly(&value[..number_len(value)])
    })
}

/// The length of the number-like token `s` starts with: ASCII letters, digits, `+`, `-` and
/// `.` (a JSON number, `NaN`, `-Infinity`, or something close enough to be kept as written).
fn number_len(s: &str) -> usize {
    s.bytes()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'+' | b'.')))
        .unwrap_or(s.len())
}

/// Each value of a `"code"` key in `json`, from its first byte after the colon and white space
/// to the end of `json`, with the offset where it starts; found in one pass.
fn code_values(json: &str) -> impl Iterator<Item = (usize, &str)> {
    const KEY: &str = "\"code\"";
    let mut from = 0;
    core::iter::from_fn(move || loop {
        let at = from + json[from..].find(KEY)? + KEY.len();
        from = at;
        let value = json[at..]
            .trim_start_matches(JSON_SPACE)
            .strip_prefix(':')
            .map(|v| v.trim_start_matches(JSON_SPACE));
        if let Some(value) = value {
            return Some((json.len() - value.len(), value));
        }
    })
}

/// Whether a JSON value is or holds a number serde_json read as an `f64`.
fn holds_f64(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Number(n) => n.is_f64(),
        serde_json::Value::Array(items) => items.iter().any(holds_f64),
        serde_json::Value::Object(fields) => fields.values().any(holds_f64),
        _ => false,
    }
}

/// How deep `mend_depth` lets arrays and objects nest, well inside serde_json's 128.
const MAX_DEPTH: usize = 100;

/// `json` with every array or object nested deeper than [`MAX_DEPTH`] written as a string of its
/// JSON text (after a [`DEEP_MARK`]), so that serde_json, which stops at 128 levels, reads the
/// rest; found without recursion. `None` when nothing is that deep, or the brackets do not
/// match (truncated JSON).
fn mend_depth(json: &str) -> Option<String> {
    let mut marks = None;
    let b = json.as_bytes();
    let mut open = alloc::vec::Vec::new();
    let mut out = String::new();
    let (mut copied, mut deep_from, mut in_string, mut i) = (0, 0, false, 0);
    while i < b.len() {
        match b[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            c @ (b'[' | b'{') if !in_string => {
                open.push(c);
                if open.len() == MAX_DEPTH + 1 {
                    deep_from = i;
                }
            }
            c @ (b']' | b'}') if !in_string => {
                let opener = open.pop()?;
                if (opener, c) != (b'[', b']') && (opener, c) != (b'{', b'}') {
                    return None;
                }
                if open.len() == MAX_DEPTH {
                    out.push_str(&json[copied..deep_from]);
                    let deep = &json[deep_from..=i];
                    let deep = match *marks.get_or_insert_with(|| may_mark(json, DEEP_MARK)) {
                        true => Cow::Owned(alloc::format!("{DEEP_MARK}{deep}")),
                        false => Cow::Borrowed(deep),
                    };
                    out.push_str(&serde_json::Value::from(&*deep).to_string());
                    copied = i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    (copied > 0 && open.is_empty() && !in_string).then(|| out + &json[copied..])
}

/// The longest bare code `mend_bare_codes` looks for, white space aside: the longest status
/// line, `HTTP/1.1 511 Network Authentication Required`, is 44 bytes.
const BARE_CODE_MAX: usize = 64;

/// `json` with every `"code":` value that is a bare `HTTP nnn` (any status, or none) or a
/// zero-led number (`0405`) quoted; `None` when there is none to mend.
fn mend_bare_codes(json: &str) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0;
    for (start, value) in code_values(json) {
        // A value inside a token already mended (none, as a token ends at a quote; but a
        // slice from before `copied` would panic).
        if start < copied {
            continue;
        }
        // A bare code ends (at a delimiter or a quote, an ASCII byte, so a char boundary)
        // before `BARE_CODE_MAX` bytes other than white space; looking no further keeps the
        // whole scan linear in the body, however many keys and however much white space it
        // has. At a quote, as no bare code holds one: `"code": HTTP 400 "code": ...` is two
        // keys, and a token running on over the second would overlap its value.
        let mut seen = 0;
        let end = value.bytes().position(|b| {
            seen += usize::from(!matches!(b, b' ' | b'\t'));
            matches!(b, b',' | b'}' | b']' | b'"' | b'\n' | b'\r') || seen > BARE_CODE_MAX
        });
        let end = match end {
            Some(end) if seen <= BARE_CODE_MAX => end,
            None => value.len(),
            Some(_) => continue,
        };
        let token = value[..end].trim_end_matches(JSON_SPACE);
        // Aculab's template, `HTTP ` and whatever status it was given: one outside 100..=599
        // (`HTTP 4000`, `HTTP 0`, a bare `HTTP`) is read as written, as it would be quoted.
        let bare_http = token
            .get(..4)
            .is_some_and(|h| h.eq_ignore_ascii_case("HTTP"))
            && !token[4..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
        let zero_led =
            token.len() > 1 && token.starts_with('0') && token.bytes().all(|b| b.is_ascii_digit());
        if bare_http || zero_led {
            out.push_str(&json[copied..start]);
            out.push_str(&serde_json::Value::from(token).to_string());
            copied = start + token.len();
        }
    }
    (copied > 0).then(|| out + &json[copied..])
}

/// The text encodings a body is decoded from.
#[derive(Clone, Copy, PartialEq)]
enum Encoding {
    Utf8,
    /// Big-endian when true.
    Utf16(bool),
    /// Big-endian when true.
    Utf32(bool),
    /// WHATWG's `windows-1252`, which browsers use for `ISO-8859-1` and `US-ASCII` too.
    Windows1252,
}

/// The body's text (see [`ApiError::from_response`] for the order in which its encoding is
/// found), without its byte-order mark.
fn decode<'a>(body: &'a [u8], content_type: Option<&str>) -> Cow<'a, str> {
    let declared = content_type.and_then(charset);
    let declared_16 = match declared {
        Some(Encoding::Utf16(be)) => Some(be),
        _ => None,
    };
    // The zeros in the first four bytes say UTF-16 (`00 xx 00 xx`) or UTF-32 (`00 00 00 xx`),
    // as RFC 4627 reads them; one zero in the first two bytes alone is binary data as often.
    // After a UTF-16 byte-order mark, the first unit that is not another mark is looked at.
    let utf16_after = |mark: [u8; 2]| match body.chunks_exact(2).find(|unit| *unit != mark) {
        None => declared_16.or(Some(false)),
        Some(&[0, b]) if b != 0 => Some(true),
        Some(&[a, 0]) if a != 0 => Some(false),
        Some(_) => declared_16,
    };
    let (encoding, skip) = match body {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8, 3),
        [0, 0, 0xFE, 0xFF, ..] => (Encoding::Utf32(true), 4),
        [0xFF, 0xFE, 0, 0, ..] if body.len().is_multiple_of(4) => (Encoding::Utf32(false), 4),
        [0xFE, 0xFF, ..] if utf16_after([0xFE, 0xFF]).is_some() => (Encoding::Utf16(true), 2),
        [0xFF, 0xFE, ..] if utf16_after([0xFF, 0xFE]).is_some() => (Encoding::Utf16(false), 2),
        [0, 0, 0, a, ..] if *a != 0 => (Encoding::Utf32(true), 0),
        [a, 0, 0, 0, ..] if *a != 0 && body.len().is_multiple_of(4) => (Encoding::Utf32(false), 0),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => (Encoding::Utf16(true), 0),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => (Encoding::Utf16(false), 0),
        // A body of one UTF-16 unit.
        [0, a] if *a != 0 => (Encoding::Utf16(true), 0),
        [a, 0] if *a != 0 => (Encoding::Utf16(false), 0),
        _ => {
            let utf8 = core::str::from_utf8(body);
            match (declared, utf8) {
                // A UTF-16 or UTF-32 label is believed only of a body with zero bytes, which
                // every ASCII character has in those encodings: one in eight bytes at least
                // (a stray NUL at the end of UTF-8 text is no such sign).
                (Some(e @ (Encoding::Utf16(_) | Encoding::Utf32(_))), _)
                    if body.iter().filter(|&&b| b == 0).count() * 8 >= body.len() =>
                {
                    (e, 0)
                }
                // Valid UTF-8, checked once, is the text as it is.
                (_, Ok(text)) => return Cow::Borrowed(text),
                // Else the label's single-byte charset, or the page's, or UTF-8 with stray
                // bytes replaced.
                (Some(e @ Encoding::Windows1252), Err(_)) => (e, 0),
                (None, Err(_)) if declared_in_page(body) == Some(Encoding::Windows1252) => {
                    (Encoding::Windows1252, 0)
                }
                (_, Err(_)) => return String::from_utf8_lossy(body),
            }
        }
    };
    let bytes = &body[skip..];
    match encoding {
        // After a UTF-8 byte-order mark: valid UTF-8 is borrowed after std's fast check, as
        // above (`from_utf8_lossy` alone walks valid text chunk by chunk, a quarter of a typical
        // body's parse).
        Encoding::Utf8 => match core::str::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(bytes),
        },
        Encoding::Utf16(be) => {
            let units = bytes.chunks(2).map(|unit| match *unit {
                [a, b] if be => u16::from_be_bytes([a, b]),
                [a, b] => u16::from_le_bytes([a, b]),
                // A lone last byte: an unpaired surrogate, replaced below.
                _ => 0xD800,
            });
            Cow::Owned(
                char::decode_utf16(units)
                    .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                    .collect(),
            )
        }
        Encoding::Utf32(be) => Cow::Owned(
            bytes
                .chunks(4)
                .map(|unit| {
                    <[u8; 4]>::try_from(unit)
                        .ok()
                        .map(|u| {
                            if be {
                                u32::from_be_bytes(u)
                            } else {
                                u32::from_le_bytes(u)
                            }
                        })
                        .and_then(char::from_u32)
                        .unwrap_or(char::REPLACEMENT_CHARACTER)
                })
                .collect(),
        ),
        Encoding::Windows1252 => Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()),
    }
}

/// The encoding named by the `charset` parameter of a content type, if it is one this reads.
fn charset(content_type: &str) -> Option<Encoding> {
    let value = content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').trim())
    })?;
    encoding(value)
}

/// The encoding a page names in its first 1024 bytes, found as browsers find it: an XML
/// declaration's `encoding` (`<?xml version="1.0" encoding="ISO-8859-1"?>`), else WHATWG's
/// prescan of an HTML page, whose first `<meta charset>`, or `<meta http-equiv="Content-Type">`
/// whose `content` names a charset, counts; comments, the attributes of other tags (a
/// `<script charset>`) and text do not.
fn declared_in_page(body: &[u8]) -> Option<Encoding> {
    // Names and values are read in ASCII lower case, as the prescan reads them.
    let head = body[..body.len().min(1024)].to_ascii_lowercase();
    let mut at = head.len() - head.trim_ascii_start().len();
    if head[at..].starts_with(b"<?xml") && head.get(at + 5).is_some_and(|&c| is_space(c)) {
        at += 5;
        while let Some((name, value)) = attribute(&head, &mut at) {
            if name == b"encoding" {
                return label(value);
            }
        }
    }
    while at < head.len() {
        let rest = &head[at..];
        let after = |n: usize| rest.get(n).copied().unwrap_or(0);
        if rest.starts_with(b"<!--") {
            // To the `>` of the first `-->` after the `<`, whose dashes may be the opening's.
            at += 2 + find(&rest[2..], b"-->")? + 2;
        } else if rest.starts_with(b"<meta") && (is_space(after(5)) || after(5) == b'/') {
            at += 5;
            if let Some(encoding) = meta(&head, &mut at) {
                return Some(encoding);
            }
        } else if rest.starts_with(b"<")
            && (after(1).is_ascii_alphabetic()
                || after(1) == b'/' && after(2).is_ascii_alphabetic())
        {
            // Any other tag: its name, then its attributes, skipped.
            at += rest
                .iter()
                .position(|&c| is_space(c) || c == b'>')
                .unwrap_or(rest.len());
            while attribute(&head, &mut at).is_some() {}
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            at += rest.iter().position(|&c| c == b'>')?;
        }
        at += 1;
    }
    None
}

/// The encoding a `<meta>` whose attributes start at `at` names, as WHATWG's prescan reads it:
/// its `charset`, or the charset in its `content` when its `http-equiv` is `content-type`; the
/// first of each attribute counts. `at` is left at the tag's end.
fn meta(head: &[u8], at: &mut usize) -> Option<Encoding> {
    let (mut seen, mut got_pragma) = ([false; 3], false);
    // The charset found (`Some(None)`: a label this does not read), and whether it came from
    // `content`, which needs the pragma.
    let (mut charset, mut need_pragma) = (None, None);
    while let Some((name, value)) = attribute(head, at) {
        let slot = match name {
            b"http-equiv" => 0,
            b"content" => 1,
            b"charset" => 2,
            _ => continue,
        };
        if core::mem::replace(&mut seen[slot], true) {
            continue;
        }
        match slot {
            0 => got_pragma = value == b"content-type",
            1 if charset.is_none() => {
                if let Some(named) = charset_in_content(value) {
                    (charset, need_pragma) = (Some(label(named)), Some(true));
                }
            }
            1 => {}
            _ => (charset, need_pragma) = (Some(label(value)), Some(false)),
        }
    }
    match need_pragma {
        Some(true) if !got_pragma => None,
        Some(_) => charset.flatten(),
        None => None,
    }
}

/// The charset a `<meta>`'s `content` names (`text/html; charset=iso-8859-1`), as WHATWG's
/// "extract a character encoding from a meta element" reads it.
fn charset_in_content(content: &[u8]) -> Option<&[u8]> {
    let mut at = 0;
    loop {
        at += find(&content[at..], b"charset")? + b"charset".len();
        let Some(value) = content[at..].trim_ascii_start().strip_prefix(b"=") else {
            continue;
        };
        let value = value.trim_ascii_start();
        return match *value.first()? {
            quote @ (b'"' | b'\'') => {
                let end = value[1..].iter().position(|&c| c == quote)?;
                Some(&value[1..=end])
            }
            _ => {
                let end = value
                    .iter()
                    .position(|&c| is_space(c) || c == b';')
                    .unwrap_or(value.len());
                Some(&value[..end])
            }
        };
    }
}

/// The next attribute of a tag, from `at`, as WHATWG's prescan "gets an attribute": its name
/// and its value (empty when it has none); `None` at the tag's end (`at` left at its `>`) or at
/// the end of `head` (`at` left there).
fn attribute<'a>(head: &'a [u8], at: &mut usize) -> Option<(&'a [u8], &'a [u8])> {
    let found = read_attribute(head, at);
    if found.is_none() && head.get(*at) != Some(&b'>') {
        *at = head.len();
    }
    found
}

fn read_attribute<'a>(head: &'a [u8], at: &mut usize) -> Option<(&'a [u8], &'a [u8])> {
    let skip_space = |at: &mut usize| {
        while head.get(*at).is_some_and(|&c| is_space(c)) {
            *at += 1;
        }
    };
    while head.get(*at).is_some_and(|&c| is_space(c) || c == b'/') {
        *at += 1;
    }
    let start = *at;
    // A name ends at white space, `/` or `>`, or at `=` after its first byte.
    loop {
        match *head.get(*at)? {
            b'>' if *at == start => return None,
            b'=' if *at > start => break,
            c if is_space(c) || c == b'/' || c == b'>' => break,
            _ => *at += 1,
        }
    }
    let name = &head[start..*at];
    skip_space(at);
    if head.get(*at) != Some(&b'=') {
        return Some((name, b""));
    }
    *at += 1;
    skip_space(at);
    let value = match *head.get(*at)? {
        quote @ (b'"' | b'\'') => {
            let len = head[*at + 1..].iter().position(|&c| c == quote)?;
            *at += len + 2;
            &head[*at - len - 1..*at - 1]
        }
        b'>' => b"",
        _ => {
            let start = *at;
            while head.get(*at).is_some_and(|&c| !is_space(c) && c != b'>') {
                *at += 1;
            }
            &head[start..*at]
        }
    };
    Some((name, value))
}

/// The encoding a label in a page names; UTF-16 and UTF-32 labels, which a page read as
/// ASCII cannot be in, read as UTF-8, as browsers read them.
fn label(value: &[u8]) -> Option<Encoding> {
    match encoding(core::str::from_utf8(value.trim_ascii()).ok()?)? {
        Encoding::Utf16(_) | Encoding::Utf32(_) => Some(Encoding::Utf8),
        other => Some(other),
    }
}

/// HTML's white space, as the prescan reads it.
fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Where `needle` first starts in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The encoding a charset label names, if it is one this reads.
fn encoding(value: &str) -> Option<Encoding> {
    let is = |labels: &[&str]| labels.iter().any(|l| l.eq_ignore_ascii_case(value));
    if is(&["utf-8", "utf8", "unicode-1-1-utf-8"]) {
        Some(Encoding::Utf8)
    } else if is(&["utf-16be", "unicodefffe"]) {
        Some(Encoding::Utf16(true))
    } else if is(&[
        "utf-16",
        "utf-16le",
        "unicode",
        "ucs-2",
        "csunicode",
        "unicodefeff",
    ]) {
        Some(Encoding::Utf16(false))
    } else if is(&["utf-32be"]) {
        Some(Encoding::Utf32(true))
    } else if is(&["utf-32", "utf-32le"]) {
        Some(Encoding::Utf32(false))
    } else if is(&[
        "windows-1252",
        "cp1252",
        "x-cp1252",
        "iso-8859-1",
        "iso8859-1",
        "iso88591",
        "iso_8859-1",
        "iso_8859-1:1987",
        "iso-ir-100",
        "latin1",
        "l1",
        "cp819",
        "ibm819",
        "csisolatin1",
        "us-ascii",
        "ascii",
        "ansi_x3.4-1968",
    ]) {
        Some(Encoding::Windows1252)
    } else {
        None
    }
}

/// One `windows-1252` byte as its character (WHATWG's table: the bytes it leaves undefined
/// are the C1 controls of the same value).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}',
        '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}',
        '\u{178}',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}
