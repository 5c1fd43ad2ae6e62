//! Decoding responses, and the errors a response can turn into.
//!
//! A response is one of three things for generated code:
//!
//! * a documented success, decoded with [`decode_body`] (a body that does not
//!   match the API reference gives a [`DecodeError`], keeping the raw body);
//! * a documented error, decoded with [`decode_service_error`] into a
//!   [`ServiceError`] carrying the service's error code and message;
//! * anything else (an undocumented status, an HTML page from a proxy, ...),
//!   kept as an [`UnhandledResponse`].

mod budget;

use std::borrow::Cow;
use std::fmt;

use budget::Budget;

/// The longest body excerpt, in characters, shown by [`UnhandledResponse`].
const EXCERPT_CHARS: usize = 200;

/// The request id the service gave a response: the `X-Request-Id` header,
/// else `X-Openstack-Request-Id`, when it is valid UTF-8.
#[must_use]
pub fn request_id(headers: &http::HeaderMap) -> Option<String> {
    ["x-request-id", "x-openstack-request-id"]
        .into_iter()
        .filter_map(|name| headers.get(name))
        .find_map(|value| std::str::from_utf8(value.as_bytes()).ok())
        .map(str::to_owned)
}

/// Writes a status as `400 Bad Request`, or only `599` when it has no
/// standard reason phrase.
fn write_status(f: &mut fmt::Formatter<'_>, status: http::StatusCode) -> fmt::Result {
    match status.canonical_reason() {
        Some(reason) => write!(f, "{} {reason}", status.as_str()),
        None => f.write_str(status.as_str()),
    }
}

/// Writes ` (request id X)` or ` (no request id)`.
fn write_request_id(f: &mut fmt::Formatter<'_>, request_id: Option<&str>) -> fmt::Result {
    match request_id {
        Some(id) => write!(f, " (request id {id})"),
        None => f.write_str(" (no request id)"),
    }
}

/// How much of a raw body `Debug` shows; [`DecodeError::body`] and
/// [`UnhandledResponse::body`] keep all of it.
const DEBUG_BODY_BYTES: usize = 1024;

/// Writes a raw body for `Debug`: as text when it is UTF-8, its first
/// [`DEBUG_BODY_BYTES`] bytes only, with the total size when it was cut.
fn debug_body(body: &[u8]) -> Cow<'_, str> {
    if body.len() <= DEBUG_BODY_BYTES {
        return String::from_utf8_lossy(body);
    }
    let shown = String::from_utf8_lossy(&body[..DEBUG_BODY_BYTES]);
    Cow::Owned(format!("{shown}... ({} bytes in all)", body.len()))
}

/// Writes the names of a response's headers for `Debug` (their values stay in
/// the `headers` field: a `Debug` a person reads in one screen).
struct HeaderNames<'a>(&'a http::HeaderMap);

impl fmt::Debug for HeaderNames<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.keys()).finish()
    }
}

/// The body of a documented error response, as far as messages need it.
///
/// Generated error bodies implement this to expose the service's error code
/// (such as `DBSS.10000001`) and message.
pub trait ErrorBody {
    /// The service's error code, if the body has one.
    fn error_code(&self) -> Option<&str> {
        None
    }

    /// The service's error message, if the body has one.
    fn error_msg(&self) -> Option<&str> {
        None
    }
}

impl ErrorBody for () {}

/// An error body the spec gives no table for: the code and message are looked up under
/// `error_code`/`error_msg`, `errorCode`/`errorMsg` or `code`/`message`, as the official SDKs do.
impl ErrorBody for serde_json::Value {
    fn error_code(&self) -> Option<&str> {
        ["error_code", "errorCode", "code"]
            .iter()
            .find_map(|k| self.get(k).and_then(serde_json::Value::as_str))
    }

    fn error_msg(&self) -> Option<&str> {
        ["error_msg", "errorMsg", "message"]
            .iter()
            .find_map(|k| self.get(k).and_then(serde_json::Value::as_str))
    }
}

/// A documented error response from the service.
///
/// Displays as, for example,
/// `400 Bad Request: DBSS.10000001: Enter a valid request message (request id 0a1b)`.
/// The code and message are shown with control characters escaped and the
/// token values of an echoed canonical request hidden.
#[derive(Clone)]
pub struct ServiceError<T> {
    /// The response status.
    pub status: http::StatusCode,
    /// The request id the service gave, for support requests.
    pub request_id: Option<String>,
    /// All the response headers.
    pub headers: http::HeaderMap,
    /// The decoded error body.
    pub body: T,
    /// The body as received, cut at [`MAX_RAW_ERROR_BODY_BYTES`] bytes;
    /// empty for a status documented without a body. What the typed body
    /// has no field for is read from it
    /// ([`ServiceErrorInfo::from_service_error`](crate::ServiceErrorInfo::from_service_error)).
    pub raw_body: Vec<u8>,
}

/// How much of a documented error body [`ServiceError::raw_body`] keeps.
pub const MAX_RAW_ERROR_BODY_BYTES: usize = 64 * 1024;

impl<T: ErrorBody> fmt::Display for ServiceError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_status(f, self.status)?;
        for part in [self.body.error_code(), self.body.error_msg()]
            .into_iter()
            .flatten()
        {
            let part = crate::signature::redact_message(part);
            write!(f, ": {}", crate::text::Escaped(&part))?;
        }
        write_request_id(f, self.request_id.as_deref())
    }
}

impl<T: fmt::Debug> fmt::Debug for ServiceError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceError")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("headers", &HeaderNames(&self.headers))
            .field("body", &self.body)
            .finish()
    }
}

impl<T: ErrorBody + fmt::Debug> std::error::Error for ServiceError<T> {}

/// A response whose body does not match the API reference.
///
/// The raw body is kept in [`DecodeError::body`].
#[derive(Clone, thiserror::Error)]
#[error(
    "the {} response body does not match the API reference at {}: {message}{}",
    Status(*.status),
    location(.path),
    RequestId(.request_id.as_deref())
)]
pub struct DecodeError {
    /// The response status.
    pub status: http::StatusCode,
    /// The request id the service gave, for support requests.
    pub request_id: Option<String>,
    /// Where in the body decoding failed, such as `clusters[0].created`;
    /// empty or `.` for the top level.
    pub path: String,
    /// What was wrong, such as `invalid type: string "x", expected i64`.
    pub message: String,
    /// The raw body, as received.
    pub body: Vec<u8>,
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("path", &self.path)
            .field("message", &self.message)
            .field("body", &debug_body(&self.body))
            .finish()
    }
}

/// Names a decoding path in a message.
fn location(path: &str) -> &str {
    if path.is_empty() || path == "." {
        "the top level"
    } else {
        path
    }
}

/// Displays a status with [`write_status`].
struct Status(http::StatusCode);

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_status(f, self.0)
    }
}

/// Displays a request id with [`write_request_id`].
struct RequestId<'a>(Option<&'a str>);

impl fmt::Display for RequestId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_request_id(f, self.0)
    }
}

/// A response that generated code does not know how to handle: an
/// undocumented status, or an error body that is not the documented one
/// (such as an HTML page from a proxy).
///
/// Displays as, for example,
/// `unexpected response 502 Bad Gateway: <html> <body>Bad gateway</body> </html> (request id x)`,
/// in the style of the other errors: what, a colon, why, and the request id in brackets.
#[derive(Clone, thiserror::Error)]
#[error(
    "unexpected response {}: {}{}",
    Status(*.status),
    excerpt(.body),
    RequestId(.request_id.as_deref())
)]
pub struct UnhandledResponse {
    /// The response status.
    pub status: http::StatusCode,
    /// The request id the service gave, for support requests.
    pub request_id: Option<String>,
    /// All the response headers.
    pub headers: http::HeaderMap,
    /// The raw body, as received.
    pub body: Vec<u8>,
    /// The error code and message found in the body, read on first use
    /// (see [`ErrorMetadata`](crate::ErrorMetadata)).
    pub(crate) code_and_msg: std::sync::OnceLock<(Option<String>, Option<String>)>,
}

impl fmt::Debug for UnhandledResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnhandledResponse")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("headers", &HeaderNames(&self.headers))
            .field("body", &debug_body(&self.body))
            .finish()
    }
}

impl UnhandledResponse {
    /// Keeps a response's status, headers and body.
    #[must_use]
    pub fn new(parts: http::response::Parts, body: &[u8]) -> Self {
        Self {
            status: parts.status,
            request_id: request_id(&parts.headers),
            headers: parts.headers,
            body: body.to_vec(),
            code_and_msg: std::sync::OnceLock::new(),
        }
    }

    /// The body as text, with invalid UTF-8 replaced by `�`.
    #[must_use]
    pub fn body_text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

/// The body as one line of text with its whitespace collapsed (and control
/// characters treated as whitespace), cut at [`EXCERPT_CHARS`] characters.
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let words = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty());
    let mut line = String::new();
    let mut chars = 0;
    let mut cut = false;
    'words: for (index, word) in words.enumerate() {
        let separator = (index > 0).then_some(' ');
        for c in separator.into_iter().chain(word.chars()) {
            if chars == EXCERPT_CHARS {
                cut = true;
                break 'words;
            }
            line.push(c);
            chars += 1;
        }
    }
    if line.is_empty() {
        "(empty body)".to_owned()
    } else {
        if cut {
            line.push('…');
        }
        line
    }
}

/// Decodes a JSON response body, naming where it fails to match `T`.
///
/// # Errors
///
/// Returns a [`DecodeError`] keeping the raw body when the body is empty,
/// is not JSON, or does not match `T`.
pub fn decode_body<T: serde::de::DeserializeOwned>(
    parts: &http::response::Parts,
    body: &[u8],
) -> Result<T, DecodeError> {
    let error = |path: String, message: String| DecodeError {
        status: parts.status,
        request_id: request_id(&parts.headers),
        path,
        message,
        body: body.to_vec(),
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(error(
            String::new(),
            "the body is empty; JSON was expected".to_owned(),
        ));
    }
    // JSON is UTF-8 (RFC 8259): a body that is not is read with each invalid sequence replaced
    // by U+FFFD, as Go's `encoding/json` (the official Go SDK's decoder) reads it, and a warning
    // says so. Reading text, the parser checks no string again (checked once, in one pass, a
    // tenth of the decode of a large body), and every body is read one way: each model's
    // `Deserialize` is compiled for two deserializers (the passes below), not three.
    let text = String::from_utf8_lossy(body);
    if let Cow::Owned(_) = text {
        tracing::warn!(
            status = parts.status.as_u16(),
            "the response body is not UTF-8; its invalid bytes were read as U+FFFD"
        );
    }
    // The fast pass decodes without tracking where it is: tracking the path copies every key.
    // Only when it fails is the same body decoded again, with the path, to say where; decoding
    // is deterministic, so the second pass fails at the same place. Both passes spend from a
    // memory budget proportional to the body (see `budget`).
    let limit = memory_limit(body.len());
    if let Some(value) = decode_fast(serde_json::Deserializer::from_str(&text), limit) {
        return Ok(value);
    }
    let budget = Budget::new(limit);
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    let value: T =
        serde_path_to_error::deserialize(budget.wrap(&mut deserializer)).map_err(|e| {
            let message = if budget.exceeded() {
                over_budget_message(body.len(), limit)
            } else {
                json_message(e.inner())
            };
            error(known_path(&e.path().to_string()), message)
        })?;
    deserializer
        .end()
        .map_err(|e| error(String::new(), e.to_string()))?;
    Ok(value)
}

/// The fast pass of [`decode_body`]: the value, if the whole body decodes within a budget of
/// `limit` bytes; nothing when it does not (the caller decodes again to say where and why).
fn decode_fast<'de, R, T>(mut deserializer: serde_json::Deserializer<R>, limit: usize) -> Option<T>
where
    R: serde_json::de::Read<'de>,
    T: serde::Deserialize<'de>,
{
    let budget = Budget::new(limit);
    let value = T::deserialize(budget.wrap(&mut deserializer)).ok()?;
    deserializer.end().ok()?;
    Some(value)
}

/// How many times its size a body may take in memory once decoded: [`decode_body`] refuses a
/// body whose value would hold more than this times the body's length, plus
/// [`DECODE_MEMORY_FLOOR`], on the heap. An ordinary response takes 2 to 3 times its size; a
/// body of `{},{},...` (a few bytes standing for a model of hundreds) would otherwise take
/// hundreds of times its size.
pub const DECODE_MEMORY_FACTOR: usize = 20;

/// The heap that a decode may always use, whatever the body's size (a small body may stand
/// for a model of a few kilobytes).
pub const DECODE_MEMORY_FLOOR: usize = 64 * 1024;

/// The heap budget of decoding a body of `len` bytes.
fn memory_limit(len: usize) -> usize {
    len.saturating_mul(DECODE_MEMORY_FACTOR)
        .saturating_add(DECODE_MEMORY_FLOOR)
}

/// The message of a decode that passed its memory budget.
fn over_budget_message(len: usize, limit: usize) -> String {
    format!(
        "decoding the {len}-byte body would take more than {limit} bytes of memory \
         ({DECODE_MEMORY_FACTOR} times its size, plus {DECODE_MEMORY_FLOOR}): \
         it holds far more (or far larger) values than its size suggests, so it is refused; \
         if the service really sends such responses, ask for fewer items at a time"
    )
}

/// The path without the unknown segments (`?`) the tracker adds when the body ends mid-value:
/// `clusters[0].?` becomes `clusters[0]`.
fn known_path(path: &str) -> String {
    let mut p = path;
    loop {
        let trimmed = p
            .strip_suffix(".?")
            .or_else(|| p.strip_suffix("[?]"))
            .unwrap_or(p);
        if trimmed == p {
            break;
        }
        p = trimmed;
    }
    if p == "?" {
        String::new()
    } else {
        p.to_owned()
    }
}

/// The message of a JSON error. For a data error (a value of the wrong type
/// or a missing field), the path already says where, so the line and column
/// are left out; for a syntax error they are kept.
pub(crate) fn json_message(error: &serde_json::Error) -> String {
    let message = error.to_string();
    if error.is_data() {
        let position = format!(" at line {} column {}", error.line(), error.column());
        if let Some(stripped) = message.strip_suffix(&position) {
            return stripped.to_owned();
        }
    }
    message
}

/// Decodes a documented error response.
///
/// # Errors
///
/// Returns the whole response as an [`UnhandledResponse`] when the body is
/// not a `T` (for example, an HTML page from a proxy).
#[allow(
    clippy::result_large_err,
    reason = "the error is the whole response, kept for the caller; it is built only on the error path"
)]
pub fn decode_service_error<T: serde::de::DeserializeOwned>(
    parts: http::response::Parts,
    body: &[u8],
) -> Result<ServiceError<T>, UnhandledResponse> {
    match decode_body::<T>(&parts, body) {
        Ok(decoded) => Ok(ServiceError {
            status: parts.status,
            request_id: request_id(&parts.headers),
            headers: parts.headers,
            body: decoded,
            raw_body: body[..body.len().min(MAX_RAW_ERROR_BODY_BYTES)].to_vec(),
        }),
        Err(_) => Err(UnhandledResponse::new(parts, body)),
    }
}

/// Reads the documented success status of an operation: the decoded body,
/// or the operation's error built by `invalid` (its `InvalidBody` variant)
/// when the body does not match the API reference.
///
/// # Errors
///
/// `invalid` applied to the [`DecodeError`], as [`decode_body`].
pub fn success<T: serde::de::DeserializeOwned, E>(
    parts: &http::response::Parts,
    body: &[u8],
    invalid: fn(Box<DecodeError>) -> E,
) -> Result<T, E> {
    decode_body(parts, body).map_err(|e| invalid(Box::new(e)))
}

/// Reads a documented error status of an operation: `documented` (the
/// status's variant of the operation's error) with the decoded body, or
/// `unhandled` (its `Unhandled` variant) with the whole response when the
/// body is not the documented one (see [`decode_service_error`]).
pub fn service_error<T: serde::de::DeserializeOwned, E>(
    parts: http::response::Parts,
    body: &[u8],
    documented: fn(Box<ServiceError<T>>) -> E,
    unhandled: fn(Box<UnhandledResponse>) -> E,
) -> E {
    match decode_service_error(parts, body) {
        Ok(error) => documented(Box::new(error)),
        Err(response) => unhandled(Box::new(response)),
    }
}

/// Reads an error status the API reference documents without a body: the
/// status, request id and headers; the body, if any, is ignored.
#[must_use]
pub fn service_error_without_body(parts: http::response::Parts) -> Box<ServiceError<()>> {
    Box::new(ServiceError {
        status: parts.status,
        request_id: request_id(&parts.headers),
        headers: parts.headers,
        body: (),
        raw_body: Vec::new(),
    })
}

/// Keeps a response of a status the API reference does not document (see
/// [`UnhandledResponse::new`]).
#[must_use]
pub fn unhandled(parts: http::response::Parts, body: &[u8]) -> Box<UnhandledResponse> {
    Box::new(UnhandledResponse::new(parts, body))
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_error_bodies_give_code_and_message() {
        use super::ErrorBody;
        let v = serde_json::json!({"errorCode": "X.1", "message": "m"});
        assert_eq!(v.error_code(), Some("X.1"));
        assert_eq!(v.error_msg(), Some("m"));
        assert_eq!(serde_json::json!([1]).error_code(), None);
    }

    use super::*;
    use http::StatusCode;
    use serde::Deserialize;

    fn parts(status: u16, headers: &[(&str, &str)]) -> http::response::Parts {
        let mut builder = http::Response::builder().status(status);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(()).map(|r| r.into_parts().0).unwrap()
    }

    #[test]
    fn debug_is_one_screen_and_display_hides_what_a_server_echoes() {
        let p = parts(
            403,
            &[
                ("X-Request-Id", "r1"),
                ("Set-Cookie", "session=very-secret"),
            ],
        );
        let body = br#"{"error_code":"APIG.0301","error_msg":"verify signature fail, canonicalRequest:GET|/v1/||x-security-token:sts-1|x-sdk-date:20260101T000000Z||x-sdk-date;x-security-token|e3b0\u001b[2J"}"#;
        let error = decode_service_error::<Error>(p, body).unwrap();
        let shown = error.to_string();
        assert!(!shown.contains("sts-1"), "{shown}");
        assert!(!shown.contains('\u{1b}'), "{shown}");
        assert!(
            shown.starts_with("403 Forbidden: APIG.0301: verify signature fail"),
            "{shown}"
        );
        let debug = format!("{error:?}");
        assert!(debug.contains("\"set-cookie\""), "{debug}");
        assert!(!debug.contains("very-secret"), "{debug}");

        let huge = vec![b'x'; 3 * DEBUG_BODY_BYTES];
        let unhandled = UnhandledResponse::new(parts(502, &[("Set-Cookie", "s=v")]), &huge);
        let debug = format!("{unhandled:?}");
        assert!(
            debug.len() < DEBUG_BODY_BYTES + 200,
            "{} bytes",
            debug.len()
        );
        assert!(debug.contains("(3072 bytes in all)"), "{debug}");
        assert!(!debug.contains("s=v"), "{debug}");
        assert_eq!(unhandled.body.len(), huge.len());
        let decode = decode_body::<Error>(&parts(200, &[]), &huge).unwrap_err();
        assert!(format!("{decode:?}").len() < DEBUG_BODY_BYTES + 400);
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Error {
        error_code: Option<String>,
        error_msg: Option<String>,
    }

    impl ErrorBody for Error {
        fn error_code(&self) -> Option<&str> {
            self.error_code.as_deref()
        }
        fn error_msg(&self) -> Option<&str> {
            self.error_msg.as_deref()
        }
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Clusters {
        clusters: Vec<Cluster>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Cluster {
        created: i64,
    }

    #[test]
    fn request_id_prefers_x_request_id() {
        let p = parts(
            200,
            &[("X-Openstack-Request-Id", "b"), ("x-request-id", "a")],
        );
        assert_eq!(request_id(&p.headers).as_deref(), Some("a"));
        let p = parts(200, &[("X-OPENSTACK-REQUEST-ID", "b")]);
        assert_eq!(request_id(&p.headers).as_deref(), Some("b"));
        assert_eq!(request_id(&parts(200, &[]).headers), None);
    }

    #[test]
    fn request_id_requires_utf8() {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            "x-request-id",
            http::HeaderValue::from_bytes(b"\xff\xfe").unwrap(),
        );
        assert_eq!(request_id(&headers), None);
        headers.insert(
            "x-openstack-request-id",
            http::HeaderValue::from_static("fallback"),
        );
        assert_eq!(request_id(&headers).as_deref(), Some("fallback"));
        headers.insert(
            "x-request-id",
            http::HeaderValue::from_bytes("é".as_bytes()).unwrap(),
        );
        assert_eq!(request_id(&headers).as_deref(), Some("é"));
    }

    fn service_error(status: u16, id: Option<&str>, body: Error) -> ServiceError<Error> {
        ServiceError {
            status: StatusCode::from_u16(status).unwrap(),
            request_id: id.map(str::to_owned),
            headers: http::HeaderMap::new(),
            body,
            raw_body: Vec::new(),
        }
    }

    #[test]
    fn service_error_display() {
        let full = Error {
            error_code: Some("DBSS.10000001".to_owned()),
            error_msg: Some("Enter a valid request message".to_owned()),
        };
        assert_eq!(
            service_error(400, Some("0a1b"), full).to_string(),
            "400 Bad Request: DBSS.10000001: Enter a valid request message (request id 0a1b)"
        );
        let empty = Error {
            error_code: None,
            error_msg: None,
        };
        assert_eq!(
            service_error(500, None, empty).to_string(),
            "500 Internal Server Error (no request id)"
        );
        let message_only = Error {
            error_code: None,
            error_msg: Some("Oops".to_owned()),
        };
        assert_eq!(
            service_error(403, Some("x"), message_only).to_string(),
            "403 Forbidden: Oops (request id x)"
        );
        let code_only = Error {
            error_code: Some("DBSS.1".to_owned()),
            error_msg: None,
        };
        assert_eq!(
            service_error(599, None, code_only).to_string(),
            "599: DBSS.1 (no request id)"
        );
    }

    #[test]
    fn service_error_with_unit_body() {
        let error = ServiceError {
            status: StatusCode::NOT_FOUND,
            request_id: None,
            headers: http::HeaderMap::new(),
            body: (),
            raw_body: Vec::new(),
        };
        let error: &dyn std::error::Error = &error;
        assert_eq!(error.to_string(), "404 Not Found (no request id)");
    }

    #[test]
    fn decode_body_refuses_a_body_that_would_pass_its_memory_budget() {
        // Each `{}` (3 bytes) stands for 96 bytes of `Wide`: 32 times the body and more.
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Wide {
            a: Option<String>,
            b: Option<String>,
            c: Option<String>,
            d: Option<String>,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Items {
            items: Vec<Wide>,
        }
        let items = vec!["{}"; 100_000].join(",");
        let body = format!(r#"{{"items":[{items}]}}"#);
        let error = decode_body::<Items>(&parts(200, &[]), body.as_bytes()).unwrap_err();
        assert_eq!(error.path, "items");
        assert!(
            error.message.starts_with(&format!(
                "decoding the {}-byte body would take more than {} bytes of memory (20 times",
                body.len(),
                body.len() * 20 + 65536
            )),
            "{}",
            error.message
        );
        // The same items, fewer: decoded.
        let body = format!(r#"{{"items":[{}]}}"#, vec!["{}"; 100].join(","));
        let decoded = decode_body::<Items>(&parts(200, &[]), body.as_bytes()).unwrap();
        assert_eq!(decoded.items.len(), 100);
    }

    #[test]
    fn unknown_path_segments_are_dropped() {
        assert_eq!(super::known_path("clusters[0].?"), "clusters[0]");
        assert_eq!(super::known_path("clusters[?]"), "clusters");
        assert_eq!(super::known_path("a.b[?].?"), "a.b");
        assert_eq!(super::known_path("?"), "");
        assert_eq!(
            super::known_path("clusters[0].created"),
            "clusters[0].created"
        );
    }

    #[test]
    fn decode_body_success() {
        let p = parts(200, &[]);
        let decoded: Clusters = decode_body(&p, br#" {"clusters":[{"created":5}]} "#).unwrap();
        assert_eq!(
            decoded,
            Clusters {
                clusters: vec![Cluster { created: 5 }]
            }
        );
    }

    #[test]
    fn decode_body_names_the_path() {
        let p = parts(200, &[("X-Request-Id", "0a1b")]);
        let body = br#"{"clusters":[{"created":"x"}]}"#;
        let error = decode_body::<Clusters>(&p, body).unwrap_err();
        assert_eq!(error.path, "clusters[0].created");
        assert_eq!(error.body, body);
        assert_eq!(error.request_id.as_deref(), Some("0a1b"));
        assert_eq!(
            error.to_string(),
            "the 200 OK response body does not match the API reference at \
             clusters[0].created: invalid type: string \"x\", expected i64 (request id 0a1b)"
        );
    }

    #[test]
    fn decode_body_reads_invalid_utf8_as_replacement_characters() {
        // Not UTF-8: each invalid sequence reads as U+FFFD (as Go's `encoding/json` reads it),
        // in a string that is skipped (an unknown field) and in one that is read.
        let p = parts(200, &[]);
        let body = b"{\"clusters\":[{\"note\":\"caf\xe9\",\"created\":5}]}";
        let decoded: Clusters = decode_body(&p, body).unwrap();
        assert_eq!(decoded.clusters, vec![Cluster { created: 5 }]);
        #[derive(Debug, Deserialize)]
        struct Note {
            note: String,
        }
        let decoded: Note = decode_body(&p, b"{\"note\":\"caf\xe9 \xff\"}").unwrap();
        assert_eq!(decoded.note, "caf\u{FFFD} \u{FFFD}");
        // A value of the wrong type still fails where it is; the raw body is kept.
        let body = b"{\"clusters\":[{\"created\":5},{\"created\":\"caf\xe9\"}]}";
        let error = decode_body::<Clusters>(&p, body).unwrap_err();
        assert_eq!(error.path, "clusters[1].created");
        assert_eq!(
            error.message,
            "invalid type: string \"caf\u{FFFD}\", expected i64"
        );
        assert_eq!(error.body, body);
    }

    /// Bodies that fail everywhere they can: `n` cut short at each byte, and each byte
    /// replaced by characters that break it in different ways.
    fn broken_bodies(body: &str) -> Vec<String> {
        let mut bodies = Vec::new();
        for (at, _) in body.char_indices().skip(1) {
            bodies.push(body[..at].to_owned());
            for with in ["\"", "1", "[", "{", "}", "x", "null", ",", "\\u0041"] {
                let mut broken = body.to_owned();
                let next = body[at..].chars().next().map_or(0, char::len_utf8);
                broken.replace_range(at..at + next, with);
                bodies.push(broken);
            }
        }
        bodies
    }

    #[test]
    fn decode_body_names_the_path_serde_path_to_error_names() {
        // The decode names each failure's path as `serde_path_to_error` names it on a plain
        // deserializer (the budget's wrapper and the fast pass in between change nothing), on
        // every way of breaking a body of every shape.
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            id: String,
            count: Option<u32>,
            tags: Option<Vec<String>>,
            extra: Option<serde_json::Value>,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            items: Vec<Inner>,
            #[serde(rename = "the.map")]
            map: Option<std::collections::HashMap<String, Vec<i64>>>,
            nested: Option<Vec<Vec<Inner>>>,
            total: i64,
        }
        let body = r#"{"items":[{"id":"a","count":1,"tags":["x","y"],"extra":{"k":[1,{"z":null}]}},{"id":"b\u0041"}],"the.map":{"k.1":[1,2],"\u006b":[3]},"nested":[[],[{"id":"c","count":2}]],"unknown":[{"a":1}],"total":5}"#;
        assert!(decode_body::<Outer>(&parts(200, &[]), body.as_bytes()).is_ok());
        let mut failures = 0;
        for broken in broken_bodies(body) {
            let ours = decode_body::<Outer>(&parts(200, &[]), broken.as_bytes());
            let mut de = serde_json::Deserializer::from_str(&broken);
            let theirs = serde_path_to_error::deserialize::<_, Outer>(&mut de)
                .map_err(|e| (known_path(&e.path().to_string()), json_message(e.inner())))
                .and_then(|v| {
                    de.end()
                        .map(|()| v)
                        .map_err(|e| (String::new(), e.to_string()))
                });
            match (ours, theirs) {
                (Ok(_), Ok(_)) => {}
                (Err(ours), Err(theirs)) => {
                    failures += 1;
                    assert_eq!((ours.path, ours.message), theirs, "body {broken}");
                }
                (ours, theirs) => panic!("body {broken}: {ours:?} but {:?}", theirs.is_ok()),
            }
        }
        assert!(failures > 1000, "{failures}");
    }

    #[test]
    fn decode_body_names_the_path_of_a_failure_deep_in_a_large_body() {
        // The fast pass reads valid UTF-8 as text; when it fails, the second pass still names
        // where, and the position in the message counts bytes as before.
        let p = parts(200, &[]);
        let mut clusters = vec![r#"{"created":1}"#; 1000];
        clusters[700] = r#"{"created":"é"}"#;
        let body = format!(r#"{{"clusters":[{}]}}"#, clusters.join(","));
        let error = decode_body::<Clusters>(&p, body.as_bytes()).unwrap_err();
        assert_eq!(error.path, "clusters[700].created");
        assert_eq!(error.message, "invalid type: string \"é\", expected i64");
        // A body cut short there: the path of the value it stopped in, the position in bytes.
        let cut = &body[..body.find('é').unwrap()];
        let error = decode_body::<Clusters>(&p, cut.as_bytes()).unwrap_err();
        assert_eq!(error.path, "clusters[700].created");
        assert_eq!(
            error.message,
            format!("EOF while parsing a string at line 1 column {}", cut.len())
        );
    }

    #[test]
    fn decode_error_display_matches_reference() {
        let error = DecodeError {
            status: StatusCode::OK,
            request_id: Some("0a1b".to_owned()),
            path: "clusters[0].created".to_owned(),
            message: "invalid type: string \"x\", expected i64".to_owned(),
            body: Vec::new(),
        };
        assert_eq!(
            error.to_string(),
            "the 200 OK response body does not match the API reference at \
             clusters[0].created: invalid type: string \"x\", expected i64 (request id 0a1b)"
        );
    }

    #[test]
    fn decode_body_empty() {
        for body in [&b""[..], b" \n"] {
            let error = decode_body::<Clusters>(&parts(201, &[]), body).unwrap_err();
            assert_eq!(error.path, "");
            assert_eq!(error.body, body);
            assert_eq!(
                error.to_string(),
                "the 201 Created response body does not match the API reference at \
                 the top level: the body is empty; JSON was expected (no request id)"
            );
        }
    }

    #[test]
    fn decode_body_not_json_or_trailing_data() {
        let error = decode_body::<Clusters>(&parts(200, &[]), b"<html>").unwrap_err();
        assert_eq!(
            error.to_string(),
            "the 200 OK response body does not match the API reference at \
             the top level: expected value at line 1 column 1 (no request id)"
        );
        let error = decode_body::<Clusters>(&parts(200, &[]), br#"{"clusters":[]} x"#).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the 200 OK response body does not match the API reference at \
             the top level: trailing characters at line 1 column 17 (no request id)"
        );
        assert_eq!(error.body, br#"{"clusters":[]} x"#);
    }

    #[test]
    fn decode_body_missing_field_at_top_level() {
        let error = decode_body::<Clusters>(&parts(200, &[]), b"{}").unwrap_err();
        assert_eq!(error.path, ".");
        assert_eq!(
            error.to_string(),
            "the 200 OK response body does not match the API reference at \
             the top level: missing field `clusters` (no request id)"
        );
    }

    #[test]
    fn decode_error_debug_shows_body_as_text() {
        let error = decode_body::<Clusters>(&parts(200, &[]), b"oops").unwrap_err();
        assert!(format!("{error:?}").contains("body: \"oops\""), "{error:?}");
    }

    #[test]
    fn decode_service_error_success() {
        let p = parts(400, &[("X-Request-Id", "0a1b"), ("Retry-After", "3")]);
        let body = br#"{"error_code":"DBSS.10000001","error_msg":"Enter a valid request message"}"#;
        let error = decode_service_error::<Error>(p, body).unwrap();
        assert_eq!(error.status, StatusCode::BAD_REQUEST);
        assert_eq!(error.request_id.as_deref(), Some("0a1b"));
        assert_eq!(error.headers["retry-after"], "3");
        assert_eq!(
            error.to_string(),
            "400 Bad Request: DBSS.10000001: Enter a valid request message (request id 0a1b)"
        );
    }

    #[test]
    fn decode_service_error_html_from_proxy() {
        let p = parts(502, &[("x-request-id", "x"), ("content-type", "text/html")]);
        let body = b"<html>\n  <body>\tBad   gateway</body>\r\n</html>\n";
        let error = decode_service_error::<Error>(p, body).unwrap_err();
        assert_eq!(error.status, StatusCode::BAD_GATEWAY);
        assert_eq!(error.headers["content-type"], "text/html");
        assert_eq!(error.body, body);
        assert_eq!(
            error.to_string(),
            "unexpected response 502 Bad Gateway: \
             <html> <body> Bad gateway</body> </html> (request id x)"
        );
    }

    #[test]
    fn unhandled_response_empty_body() {
        let error = UnhandledResponse::new(parts(503, &[]), b"");
        assert_eq!(
            error.to_string(),
            "unexpected response 503 Service Unavailable: (empty body) (no request id)"
        );
        let error = UnhandledResponse::new(parts(503, &[]), b" \n\t ");
        assert_eq!(
            error.to_string(),
            "unexpected response 503 Service Unavailable: (empty body) (no request id)"
        );
    }

    #[test]
    fn unhandled_response_cuts_long_bodies() {
        let body = "a".repeat(150) + "\n\n" + &"é".repeat(100);
        let error = UnhandledResponse::new(parts(500, &[]), body.as_bytes());
        let expected = "a".repeat(150) + " " + &"é".repeat(49) + "…";
        assert_eq!(
            error.to_string(),
            format!("unexpected response 500 Internal Server Error: {expected} (no request id)")
        );
        let exact = "b".repeat(200);
        let error = UnhandledResponse::new(parts(500, &[]), exact.as_bytes());
        assert!(
            error
                .to_string()
                .ends_with(&format!(": {exact} (no request id)"))
        );
    }

    #[test]
    fn unhandled_response_body_text_is_lossy() {
        let error = UnhandledResponse::new(parts(500, &[]), b"ok\xffko\x1b[31m");
        assert_eq!(error.body_text(), "ok\u{fffd}ko\u{1b}[31m");
        assert_eq!(
            error.to_string(),
            "unexpected response 500 Internal Server Error: ok\u{fffd}ko [31m (no request id)"
        );
        assert!(format!("{error:?}").contains("body: \"ok\u{fffd}ko\\u{1b}[31m\""));
    }
}
