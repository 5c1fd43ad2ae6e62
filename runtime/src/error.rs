//! The errors a call can end with, and what generated error types implement.
//!
//! A call to a Huawei Cloud operation fails in one of these ways, told apart
//! by [`Error`] (and summed up by [`ErrorKind`]):
//!
//! * the request was refused before anything was sent
//!   ([`Error::InvalidRequest`]);
//! * the credentials could not be used ([`Error::Credentials`]) or no
//!   endpoint could be chosen ([`Error::Endpoint`]);
//! * the service could not be reached, or the exchange broke off
//!   ([`Error::Transport`], a [`TransportError`] whose
//!   [`TransportErrorKind`] tells a refused connection from an unreachable
//!   host, a TLS handshake failure or a timeout); a paginator that ends a
//!   listing the server does not let end (it ignores the page position,
//!   repeats a marker, or sends more than `max_pages` pages) reports it as a
//!   [`TransportError`] of kind [`TransportErrorKind::ListingStopped`];
//! * the service answered, and the operation's own error type says how
//!   ([`Error::Operation`]): a service error (status 400 or more, with the
//!   details in a [`ServiceErrorInfo`]), or a success body that does not
//!   match the API reference (a [`DecodeError`] naming
//!   the JSON path of the problem).
//!
//! One trait, [`ErrorMetadata`], gives the status, request id, error code
//! and message at every level: [`Error`], each generated per-operation error
//! enum, and the [`ServiceError`], [`DecodeError`] or [`UnhandledResponse`]
//! it holds.
//!
//! No error shown by `Display` or `Debug` here holds a header or a secret.

use std::fmt;

use crate::credentials::CredentialsError;
use crate::endpoint::EndpointError;
use crate::request::InvalidRequest;
use crate::response::{self, DecodeError, ErrorBody, ServiceError, UnhandledResponse};

/// The longest error message, in characters, that [`ServiceErrorInfo::from_body`]
/// keeps from a body that is not a JSON error (such as a proxy's HTML page).
pub const MAX_BODY_MESSAGE_CHARS: usize = 500;

pub use crate::text::Escaped;

/// A [`fmt::Write`] that escapes what passes through it as [`Escaped`] does.
struct EscapingWriter<'a, 'b>(&'a mut fmt::Formatter<'b>);

impl fmt::Write for EscapingWriter<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        fmt::Display::fmt(&Escaped(text), self.0)
    }
}

/// Writes `value`'s `Display` with control characters escaped.
fn write_escaped(f: &mut fmt::Formatter<'_>, value: &dyn fmt::Display) -> fmt::Result {
    fmt::Write::write_fmt(&mut EscapingWriter(f), format_args!("{value}"))
}

/// Why a request could not be completed at the HTTP level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The host was reached, but nothing listens on the port.
    ConnectionRefused,
    /// The host could not be reached: its name did not resolve (DNS), or
    /// there is no route to it.
    HostUnreachable,
    /// The TLS handshake failed (an untrusted or mismatched certificate, a
    /// server that does not speak TLS, ...).
    Tls,
    /// No connection within the connect timeout, or no data within the read
    /// timeout.
    Timeout,
    /// The response body was larger than
    /// [`HttpConfig::max_response_bytes`](crate::transport::HttpConfig::max_response_bytes).
    BodyTooLarge,
    /// The host answered, but the connection was reset or closed before the
    /// response was complete (a truncated body, a reset mid-body).
    Interrupted,
    /// The host answered with something that is not valid HTTP (a bad chunk
    /// size, too many or too large headers, conflicting `Content-Length`s).
    InvalidResponse,
    /// The whole call took longer than
    /// [`HttpConfig::timeout`](crate::transport::HttpConfig::timeout).
    DeadlineExceeded,
    /// A [paginator](crate::paginator) ended a listing that the server does
    /// not let end: a page the same as the one before it (the server ignores
    /// the page position), a next marker sent a second time, or more pages
    /// than [`max_pages`](crate::paginator::Paginator::max_pages). The
    /// server answered every request; trying again ends the same way, so it
    /// is not retryable.
    ListingStopped,
    /// Anything else.
    Other,
}

impl TransportErrorKind {
    /// A short description, such as `connection refused`.
    #[must_use]
    pub fn description(self) -> &'static str {
        match self {
            Self::ConnectionRefused => "connection refused",
            Self::HostUnreachable => "host unreachable",
            Self::Tls => "TLS handshake failed",
            Self::Timeout => "timed out",
            Self::BodyTooLarge => "response body too large",
            Self::Interrupted => "response interrupted",
            Self::InvalidResponse => "invalid HTTP response",
            Self::DeadlineExceeded => "deadline exceeded",
            Self::ListingStopped => "listing stopped",
            Self::Other => "connection failed",
        }
    }

    /// Whether trying again may succeed: everything but a TLS failure, a
    /// body that is too large, an invalid HTTP response, a passed deadline
    /// and a stopped listing.
    #[must_use]
    pub fn is_retryable(self) -> bool {
        !matches!(
            self,
            Self::Tls
                | Self::BodyTooLarge
                | Self::InvalidResponse
                | Self::DeadlineExceeded
                | Self::ListingStopped
        )
    }

    /// Whether the host was reached (it answered, or at least accepted the
    /// connection): the message then says what happened, not that the host
    /// could not be reached.
    fn reached(self, message: &str) -> bool {
        match self {
            Self::ConnectionRefused | Self::HostUnreachable | Self::Tls => false,
            Self::Timeout => !message.contains("no connection"),
            Self::Other => !message.starts_with("could not connect"),
            Self::BodyTooLarge | Self::Interrupted | Self::InvalidResponse => true,
            Self::DeadlineExceeded | Self::ListingStopped => true,
        }
    }
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.description())
    }
}

/// A request that could not be completed at the HTTP level.
///
/// Displays as, for example,
/// `could not reach https://dbss.ap-southeast-1.myhuaweicloud.com: connection refused (after 3 attempts)`
/// when the host was not reached, and as
/// `the call to https://dbss.ap-southeast-1.myhuaweicloud.com failed: the connection was reset after 3 bytes of the response body (after 1 attempt)`
/// when it was. A [`ListingStopped`](TransportErrorKind::ListingStopped)
/// error displays as its message alone, whatever the endpoint:
/// `ListThings: page 2 is the same as the page before it: ...`.
/// The message never holds a header, a body or the request's
/// path and query; control characters in it are escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    /// What went wrong.
    pub kind: TransportErrorKind,
    /// The endpoint of the last attempt, such as `https://dbss.ap-southeast-1.myhuaweicloud.com`
    /// (empty when the HTTP client itself could not be set up, and for a
    /// stopped listing whose paginator was not given its endpoint).
    pub endpoint: String,
    /// A one-line description, such as `connection refused` or
    /// `TLS handshake failed: invalid peer certificate: UnknownIssuer`.
    pub message: String,
    /// How many HTTP attempts were made (0 when the HTTP client itself could
    /// not be set up).
    pub attempts: u32,
}

impl TransportError {
    /// An error of `kind` for `endpoint`, after `attempts` attempts.
    #[must_use]
    pub fn new(
        kind: TransportErrorKind,
        endpoint: impl Into<String>,
        message: impl Into<String>,
        attempts: u32,
    ) -> Self {
        Self {
            kind,
            endpoint: endpoint.into(),
            message: message.into(),
            attempts,
        }
    }

    /// Whether trying again may succeed (see [`TransportErrorKind::is_retryable`]).
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        self.kind.is_retryable()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (endpoint, message) = (Escaped(&self.endpoint), Escaped(&self.message));
        if self.kind == TransportErrorKind::ListingStopped {
            // The paginator's message says what happened and what to do; the
            // endpoint, which may be unknown, changes nothing of it.
            write!(f, "{message}")?;
        } else if self.endpoint.is_empty() {
            write!(f, "cannot set up the HTTP client: {message}")?;
        } else if self.kind == TransportErrorKind::BodyTooLarge {
            write!(f, "the response from {endpoint} was refused: {message}")?;
        } else if self.kind.reached(&self.message) {
            write!(f, "the call to {endpoint} failed: {message}")?;
        } else {
            write!(f, "could not reach {endpoint}: {message}")?;
        }
        match self.attempts {
            0 => Ok(()),
            1 => f.write_str(" (after 1 attempt)"),
            n => write!(f, " (after {n} attempts)"),
        }
    }
}

impl std::error::Error for TransportError {}

/// What the transport returns when a call could not get a response.
#[derive(Debug, Clone)]
pub enum SendError {
    /// The request could not be built for an endpoint; nothing was sent.
    InvalidRequest(InvalidRequest),
    /// The request could not be signed or authorized; nothing was sent.
    Credentials(CredentialsError),
    /// The request could not be completed at the HTTP level.
    Transport(TransportError),
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidRequest(e) => write_escaped(f, e),
            Self::Credentials(e) => write_credentials(f, e),
            Self::Transport(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl std::error::Error for SendError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::InvalidRequest(e) => e.source(),
            Self::Credentials(e) => e.source(),
            Self::Transport(e) => e.source(),
        }
    }
}

impl From<InvalidRequest> for SendError {
    fn from(error: InvalidRequest) -> Self {
        Self::InvalidRequest(error)
    }
}

impl From<CredentialsError> for SendError {
    fn from(error: CredentialsError) -> Self {
        Self::Credentials(error)
    }
}

impl From<TransportError> for SendError {
    fn from(error: TransportError) -> Self {
        Self::Transport(error)
    }
}

/// Writes a credentials error as one line.
fn write_credentials(f: &mut fmt::Formatter<'_>, error: &CredentialsError) -> fmt::Result {
    f.write_str("cannot use the credentials: ")?;
    write_escaped(f, error)
}

/// A service error, as the official SDKs report it: the status, the request
/// id and the error code and message found in the body.
///
/// Displays as, for example,
/// `400 Bad Request: DBSS.10000001: Enter a valid request message (request id 0a1b)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceErrorInfo {
    /// The response status.
    pub status: http::StatusCode,
    /// The request id (`X-Request-Id`), for support requests.
    pub request_id: Option<String>,
    /// The service's error code, such as `DBSS.10000001`; the status code
    /// (such as `502`) when the body has none.
    pub error_code: Option<String>,
    /// The service's error message; the body text when the body has no
    /// message (such as a proxy's HTML page).
    pub error_msg: Option<String>,
    /// `encoded_authorization_message`, sent with some authorization
    /// failures, when present.
    pub encoded_authorization_message: Option<String>,
    /// The `(code, message)` pairs of a `details` list, when the body has one.
    pub details: Vec<(Option<String>, Option<String>)>,
    /// How far the gateway's clock was measured to be ahead of this
    /// machine's, in seconds, when it refused the signature as expired even
    /// after the transport corrected the clock (see [`crate::skew`]).
    pub clock_skew: Option<i64>,
    /// When the gateway refused the signature as not matching and showed its
    /// canonical request: that request beside this client's (see
    /// [`crate::signature`]). Its `Display` is the full side-by-side table.
    pub signature_mismatch: Option<crate::signature::SignatureMismatch>,
}

/// Where the official SDKs look for the error code, in order.
const CODE_KEYS: [&str; 3] = ["error_code", "errorCode", "code"];
/// Where the official SDKs look for the error message, in order.
const MSG_KEYS: [&str; 3] = ["error_msg", "errorMsg", "message"];
/// Where the encoded authorization message may be.
const ENCODED_KEYS: [&str; 2] = [
    "encoded_authorization_message",
    "encodedAuthorizationMessage",
];

type JsonObject = serde_json::Map<String, serde_json::Value>;

/// The first of `keys` in `object` with a string or number value, as text.
fn lookup(object: &JsonObject, keys: &[&str]) -> Option<String> {
    keys.iter()
        .filter_map(|key| object.get(*key))
        .find_map(|value| match value {
            serde_json::Value::String(text) => Some(text.clone()),
            serde_json::Value::Number(number) => Some(number.to_string()),
            _ => None,
        })
}

/// Whether `object` holds an error code or message.
fn has_code_or_msg(object: &JsonObject) -> bool {
    lookup(object, &CODE_KEYS).is_some() || lookup(object, &MSG_KEYS).is_some()
}

/// The object holding the error code or message: the body itself, its
/// `error` member, or another member one level down.
fn error_object(body: &JsonObject) -> Option<&JsonObject> {
    if has_code_or_msg(body) {
        return Some(body);
    }
    fn nested(value: &serde_json::Value) -> Option<&JsonObject> {
        value.as_object().filter(|o| has_code_or_msg(o))
    }
    body.get("error")
        .and_then(nested)
        .or_else(|| body.values().find_map(nested))
}

/// The `(code, message)` pairs of a `details` list in `object`.
fn details(object: &JsonObject) -> Vec<(Option<String>, Option<String>)> {
    let Some(list) = object.get("details").and_then(serde_json::Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|item| match item {
            serde_json::Value::Object(o) => Some((lookup(o, &CODE_KEYS), lookup(o, &MSG_KEYS))),
            serde_json::Value::String(text) => Some((None, Some(text.clone()))),
            _ => None,
        })
        .collect()
}

/// The body as one line of text (whitespace collapsed, control characters
/// treated as whitespace), cut at [`MAX_BODY_MESSAGE_CHARS`] characters.
fn one_line(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut line = String::new();
    let mut chars = 0;
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
    {
        let separator = (chars > 0).then_some(' ');
        for c in separator.into_iter().chain(word.chars()) {
            if chars == MAX_BODY_MESSAGE_CHARS {
                line.push('…');
                return line;
            }
            line.push(c);
            chars += 1;
        }
    }
    line
}

impl ServiceErrorInfo {
    /// Reads an error response the way the official SDKs do.
    ///
    /// The code and message are looked up under `error_code`/`error_msg`,
    /// `errorCode`/`errorMsg` or `code`/`message`, in the body or one level
    /// down (`{"error": {"error_code": ..., "error_msg": ...}}` first, then
    /// any other member). When the body has none of them (not JSON, such as
    /// a proxy's HTML page, or JSON without them), the code is the status
    /// code and the message is the body text, on one line and cut at
    /// [`MAX_BODY_MESSAGE_CHARS`] characters (none for an empty body).
    ///
    /// ```
    /// use huaweicloud_sdk_core::ServiceErrorInfo;
    /// use huaweicloud_sdk_core::http::{HeaderMap, StatusCode};
    ///
    /// let body = br#"{"error": {"code": "APIGW.0301", "message": "Incorrect IAM authentication information"}}"#;
    /// let info = ServiceErrorInfo::from_body(StatusCode::UNAUTHORIZED, &HeaderMap::new(), body);
    /// assert_eq!(info.error_code.as_deref(), Some("APIGW.0301"));
    ///
    /// let html = b"<html><body>Bad gateway</body></html>";
    /// let info = ServiceErrorInfo::from_body(StatusCode::BAD_GATEWAY, &HeaderMap::new(), html);
    /// assert_eq!(info.error_code.as_deref(), Some("502"));
    /// assert_eq!(info.error_msg.as_deref(), Some("<html><body>Bad gateway</body></html>"));
    /// ```
    #[must_use]
    pub fn from_body(status: http::StatusCode, headers: &http::HeaderMap, body: &[u8]) -> Self {
        let mut info = Self {
            status,
            request_id: response::request_id(headers),
            error_code: None,
            error_msg: None,
            encoded_authorization_message: None,
            details: Vec::new(),
            clock_skew: crate::skew::measured(headers),
            signature_mismatch: None,
        };
        let json = serde_json::from_slice::<serde_json::Value>(body).ok();
        let top = json.as_ref().and_then(serde_json::Value::as_object);
        if let Some(found) = top.and_then(error_object) {
            info.error_code = lookup(found, &CODE_KEYS);
            info.error_msg = lookup(found, &MSG_KEYS);
            info.encoded_authorization_message = lookup(found, &ENCODED_KEYS)
                .or_else(|| top.and_then(|top| lookup(top, &ENCODED_KEYS)));
            info.details = details(found);
            if info.details.is_empty()
                && let Some(top) = top
            {
                info.details = details(top);
            }
        } else {
            info.error_code = Some(status.as_str().to_owned());
            let text = one_line(body);
            info.error_msg = (!text.is_empty()).then_some(text);
            info.encoded_authorization_message = top.and_then(|top| lookup(top, &ENCODED_KEYS));
        }
        info.with_signature_read(headers)
    }

    /// Reads what the gateway says about a refused signature in the message
    /// and hides the token values of the canonical request it echoes.
    fn with_signature_read(mut self, headers: &http::HeaderMap) -> Self {
        if let Some(message) = &mut self.error_msg
            && crate::signature::gateway_canonical(message).is_some()
        {
            // The gateway echoes the signed headers, security token included.
            self.signature_mismatch =
                crate::signature::SignatureMismatch::from_response(headers, message);
            *message = crate::signature::redact_message(message).into_owned();
        }
        self
    }

    /// Reads a response the generated code could not decode (see
    /// [`from_body`](Self::from_body)).
    #[must_use]
    pub fn from_unhandled(response: &UnhandledResponse) -> Self {
        Self::from_body(response.status, &response.headers, &response.body)
    }

    /// Reads a documented error response from its body as received
    /// ([`ServiceError::raw_body`], see [`from_body`](Self::from_body)), so
    /// that what the typed body has no field for (`details`,
    /// `encoded_authorization_message`, other key names) is kept. A status
    /// documented without a body, or a body of
    /// [`MAX_RAW_ERROR_BODY_BYTES`](crate::response::MAX_RAW_ERROR_BODY_BYTES)
    /// or more (kept cut), gives the status, the request id and the typed body's
    /// code and message.
    #[must_use]
    pub fn from_service_error<T: ErrorBody>(error: &ServiceError<T>) -> Self {
        let raw = &error.raw_body;
        if !raw.is_empty() && raw.len() < response::MAX_RAW_ERROR_BODY_BYTES {
            return Self::from_body(error.status, &error.headers, raw);
        }
        Self {
            status: error.status,
            request_id: error.request_id.clone(),
            error_code: error.body.error_code().map(str::to_owned),
            error_msg: error.body.error_msg().map(str::to_owned),
            encoded_authorization_message: None,
            details: Vec::new(),
            clock_skew: crate::skew::measured(&error.headers),
            signature_mismatch: None,
        }
        .with_signature_read(&error.headers)
    }
}

impl fmt::Display for ServiceErrorInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status.canonical_reason() {
            Some(reason) => write!(f, "{} {reason}", self.status.as_str())?,
            None => f.write_str(self.status.as_str())?,
        }
        for part in [&self.error_code, &self.error_msg].into_iter().flatten() {
            write!(f, ": {}", Escaped(part))?;
        }
        if let Some(mismatch) = &self.signature_mismatch {
            write!(f, " ({})", mismatch.summary())?;
        }
        if let Some(skew) = self.clock_skew {
            write!(f, " ({})", crate::skew::describe(skew))?;
        }
        match &self.request_id {
            Some(id) => write!(f, " (request id {})", Escaped(id)),
            None => f.write_str(" (no request id)"),
        }
    }
}

/// What an error tells about the service's answer: the same accessors on
/// every level.
///
/// Implemented by [`Error`] (what a call returns), by every generated
/// per-operation error enum (such as `ListInstancesError`, in
/// [`Error::Operation`]), and by what their variants hold: a documented
/// [`ServiceError`], a [`DecodeError`] (a body that does not match the API
/// reference) or an [`UnhandledResponse`]. Each level answers as the one it
/// wraps; [`Error`] answers `None` when the service did not answer (an
/// invalid request, credentials, the endpoint, the transport).
///
/// One import (the generated crate re-exports it at its root) gives the
/// accessors at every level:
///
/// ```
/// use huaweicloud_sdk_core::http::StatusCode;
/// use huaweicloud_sdk_core::response::decode_service_error;
/// use huaweicloud_sdk_core::{ErrorMetadata, ServiceError};
///
/// let (parts, ()) = huaweicloud_sdk_core::http::Response::builder()
///     .status(401)
///     .header("X-Request-Id", "0a1b")
///     .body(())
///     .unwrap()
///     .into_parts();
/// let body = br#"{"error_code": "DBSS.10020100", "error_msg": "Failed to authenticate the token"}"#;
/// let error: ServiceError<huaweicloud_sdk_core::serde_json::Value> = decode_service_error(parts, body).unwrap();
/// assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
/// assert_eq!(error.error_code(), Some("DBSS.10020100"));
/// assert_eq!(error.request_id(), Some("0a1b"));
/// ```
pub trait ErrorMetadata: std::error::Error + Send + Sync + 'static {
    /// The status of the response; `None` when the service did not answer.
    fn status(&self) -> Option<http::StatusCode>;

    /// The request id the service gave the response (`X-Request-Id`), to
    /// quote to support.
    fn request_id(&self) -> Option<&str>;

    /// The service's error code, such as `DBSS.10020100`, when the error
    /// body gave one (a documented body, or the JSON error body of a status
    /// the API reference does not document); `None` for a success body that
    /// did not decode.
    fn error_code(&self) -> Option<&str> {
        None
    }

    /// The service's error message, when the error body gave one (as
    /// [`error_code`](Self::error_code); as sent: escape it before showing it on a terminal, or use
    /// `Display`).
    fn error_msg(&self) -> Option<&str> {
        None
    }

    /// The service error as the official SDKs report it, read from the body
    /// as received, for a status of 400 or more (documented or not); `None`
    /// for a success body that did not decode, and when the service did not
    /// answer.
    fn service_error(&self) -> Option<ServiceErrorInfo> {
        None
    }

    /// The decoding problem, when a success body did not match the API
    /// reference.
    fn decode_error(&self) -> Option<&DecodeError> {
        None
    }
}

impl<T> ErrorMetadata for ServiceError<T>
where
    T: ErrorBody + fmt::Debug + Send + Sync + 'static,
{
    fn status(&self) -> Option<http::StatusCode> {
        Some(self.status)
    }

    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    fn error_code(&self) -> Option<&str> {
        self.body.error_code()
    }

    fn error_msg(&self) -> Option<&str> {
        self.body.error_msg()
    }

    /// See [`ServiceErrorInfo::from_service_error`].
    fn service_error(&self) -> Option<ServiceErrorInfo> {
        Some(ServiceErrorInfo::from_service_error(self))
    }
}

impl ErrorMetadata for DecodeError {
    fn status(&self) -> Option<http::StatusCode> {
        Some(self.status)
    }

    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    fn decode_error(&self) -> Option<&DecodeError> {
        Some(self)
    }
}

impl UnhandledResponse {
    /// The error code and message of a JSON error body, looked up as
    /// [`ServiceErrorInfo::from_body`] looks them up (none for a body that is
    /// not JSON, such as a proxy's page); read once.
    fn code_and_msg(&self) -> &(Option<String>, Option<String>) {
        self.code_and_msg.get_or_init(|| {
            let json = serde_json::from_slice::<serde_json::Value>(&self.body).ok();
            json.as_ref()
                .and_then(serde_json::Value::as_object)
                .and_then(error_object)
                .map_or((None, None), |found| {
                    (lookup(found, &CODE_KEYS), lookup(found, &MSG_KEYS))
                })
        })
    }
}

/// A response the API reference does not document still gives the error
/// code and message of a JSON error body (a gateway's `APIGW.0308` on an
/// undocumented 429, say).
impl ErrorMetadata for UnhandledResponse {
    fn status(&self) -> Option<http::StatusCode> {
        Some(self.status)
    }

    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    fn error_code(&self) -> Option<&str> {
        self.code_and_msg().0.as_deref()
    }

    fn error_msg(&self) -> Option<&str> {
        self.code_and_msg().1.as_deref()
    }

    fn service_error(&self) -> Option<ServiceErrorInfo> {
        Some(ServiceErrorInfo::from_unhandled(self))
    }
}

/// The broad kind of an [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The request was refused before being sent.
    InvalidInput,
    /// The credentials could not be found or used.
    Credentials,
    /// No endpoint could be chosen.
    Endpoint,
    /// The service could not be reached, or the exchange broke off.
    Transport,
    /// A paginator ended a listing the server does not let end (an
    /// [`Error::Transport`] of kind [`TransportErrorKind::ListingStopped`]).
    ListingStopped,
    /// The service answered with an error.
    Service,
    /// The service answered with a body (or status) that does not match the
    /// API reference.
    InvalidResponse,
}

/// Everything a call to operation with error type `E` can fail with.
///
/// # Display
///
/// Every error of this crate displays as one line in one style: what
/// failed, a colon, why, and in brackets what helps a support request.
/// The service's errors read, at each level:
///
/// * the response ([`ServiceError`], [`ServiceErrorInfo`]):
///   `401 Unauthorized: DBSS.10020100: Failed to authenticate the token (request id 0a1b2c)`;
/// * the operation's error type (`ListInstancesError`) and `Error`, the same
///   line after the operation's name:
///   `ListInstances failed: 401 Unauthorized: DBSS.10020100: Failed to authenticate the token (request id 0a1b2c)`.
///
/// Failures before an answer read `invalid ListInstances request: ...
/// (nothing was sent)`, `cannot use the credentials: ...`, `cannot choose an
/// endpoint: ...` and `could not reach https://...: connection refused
/// (after 3 attempts)`. What a server sent is shown with its control
/// characters escaped ([`Escaped`]), and the token values of a canonical
/// request the gateway echoes are hidden. When the gateway refused the
/// signature, the line ends with what the transport measured: the clock
/// skew it could not correct, or the first part of the canonical request
/// that differs (see [`ServiceErrorInfo`]).
///
/// # Debug
///
/// `Debug` (what `?` in `main` prints) fits on a line or two: the
/// [`ErrorKind`], the `Display` line, and the status, error code and request
/// id when the service answered. It shows no header and no body; they stay
/// reachable by matching the variant (`Error::Operation(e)`, then `e`'s
/// variants) or through [`ErrorMetadata::service_error`].
///
/// ```text
/// Error { kind: Service, message: "ListInstances failed: 401 Unauthorized: DBSS.10020100: Failed to authenticate the token (request id 0a1b2c)", status: 401, error_code: "DBSS.10020100", request_id: "0a1b2c" }
/// ```
///
/// # Accessors
///
/// `Error` implements [`ErrorMetadata`] as the operation's error type and
/// the response it holds do: `status()`, `request_id()`, `error_code()`,
/// `error_msg()`, `service_error()` and `decode_error()` read the same at
/// every level (`None` when the service did not answer). [`kind`](Self::kind)
/// sums the error up and [`is_retryable`](Self::is_retryable) says whether
/// the same call may succeed again.
///
/// The enum is `#[non_exhaustive]`: a later version may add a way to fail, so a `match` on it
/// ends with a `_` arm (or reads [`kind`](Self::kind), which is non-exhaustive too):
///
/// ```compile_fail,E0004
/// use huaweicloud_sdk_core::Error;
///
/// fn sent(error: &Error<std::io::Error>) -> bool {
///     match error {
///         Error::InvalidRequest(_) | Error::Credentials(_) | Error::Endpoint(_) => false,
///         Error::Transport(_) | Error::Operation(_) => true,
///     }
/// }
/// ```
#[non_exhaustive]
pub enum Error<E> {
    /// The request was refused before being sent, with every problem found.
    InvalidRequest(InvalidRequest),
    /// The credentials could not be found or used; nothing was sent.
    Credentials(CredentialsError),
    /// No endpoint could be chosen; nothing was sent.
    Endpoint(EndpointError),
    /// The service could not be reached, or the exchange broke off.
    Transport(TransportError),
    /// The service answered, with an error or a body that does not match the
    /// API reference.
    Operation(E),
}

impl<E: ErrorMetadata> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // What a server sent (error codes and messages, bodies) and what a
        // user typed reach the terminal with their control characters
        // escaped; `Debug` keeps them as they are.
        match self {
            Self::InvalidRequest(e) => write_escaped(f, e),
            Self::Credentials(e) => write_credentials(f, e),
            Self::Endpoint(e) => {
                f.write_str("cannot choose an endpoint: ")?;
                write_escaped(f, e)
            }
            Self::Transport(e) => fmt::Display::fmt(e, f),
            Self::Operation(e) => {
                // A signature mismatch message quotes the signed headers.
                let line = e.to_string();
                write_escaped(f, &crate::signature::redact_message(&line))?;
                // What the transport measured: the skew it could not correct,
                // the first difference of a refused signature.
                let refused = e.status().is_some_and(|s| matches!(s.as_u16(), 401 | 403));
                if let Some(info) = refused.then(|| e.service_error()).flatten() {
                    if let Some(mismatch) = &info.signature_mismatch {
                        write!(f, " ({})", mismatch.summary())?;
                    }
                    if let Some(skew) = info.clock_skew {
                        write!(f, " ({})", crate::skew::describe(skew))?;
                    }
                }
                Ok(())
            }
        }
    }
}

/// Writes a value's `Display` in double quotes, escaped as [`Escaped`]
/// escapes (not escaped a second time as `str`'s `Debug` would).
struct Quoted<'a>(&'a dyn fmt::Display);

impl fmt::Debug for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        write_escaped(f, self.0)?;
        f.write_str("\"")
    }
}

/// Writes a value's `Display` as it is (a status code, a kind).
struct Plain<'a>(&'a dyn fmt::Display);

impl fmt::Debug for Plain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

impl<E: ErrorMetadata> fmt::Debug for Error<E> {
    /// One readable record (see the [type's documentation](Error#debug)).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut record = f.debug_struct("Error");
        record.field("kind", &self.kind());
        record.field("message", &Quoted(self));
        if let Some(status) = self.status() {
            record.field("status", &Plain(&status.as_u16()));
        }
        if let Some(code) = self.error_code() {
            record.field("error_code", &Quoted(&code));
        }
        if let Some(id) = self.request_id() {
            record.field("request_id", &Quoted(&id));
        }
        record.finish()
    }
}

impl<E: ErrorMetadata> std::error::Error for Error<E> {
    /// The source of the wrapped error (the wrapped error's own message is
    /// already part of this one's).
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::InvalidRequest(e) => e.source(),
            Self::Credentials(e) => e.source(),
            Self::Endpoint(e) => e.source(),
            Self::Transport(e) => e.source(),
            Self::Operation(e) => e.source(),
        }
    }
}

impl<E> From<SendError> for Error<E> {
    fn from(error: SendError) -> Self {
        match error {
            SendError::InvalidRequest(e) => Self::InvalidRequest(e),
            SendError::Credentials(e) => Self::Credentials(e),
            SendError::Transport(e) => Self::Transport(e),
        }
    }
}

impl<E> From<InvalidRequest> for Error<E> {
    fn from(error: InvalidRequest) -> Self {
        Self::InvalidRequest(error)
    }
}

impl<E> From<TransportError> for Error<E> {
    fn from(error: TransportError) -> Self {
        Self::Transport(error)
    }
}

/// The operation's error's metadata when the service answered; `None` for
/// the ways a call fails before an answer.
impl<E: ErrorMetadata> ErrorMetadata for Error<E> {
    fn status(&self) -> Option<http::StatusCode> {
        self.operation_error()?.status()
    }

    fn request_id(&self) -> Option<&str> {
        self.operation_error()?.request_id()
    }

    fn error_code(&self) -> Option<&str> {
        self.operation_error()?.error_code()
    }

    fn error_msg(&self) -> Option<&str> {
        self.operation_error()?.error_msg()
    }

    fn service_error(&self) -> Option<ServiceErrorInfo> {
        self.operation_error()?.service_error()
    }

    fn decode_error(&self) -> Option<&DecodeError> {
        self.operation_error()?.decode_error()
    }
}

impl<E: ErrorMetadata> Error<E> {
    /// The operation's own error, when the service answered.
    #[must_use]
    pub fn operation_error(&self) -> Option<&E> {
        match self {
            Self::Operation(e) => Some(e),
            _ => None,
        }
    }

    /// Whether trying the same call again may succeed: a transport failure
    /// that [`TransportErrorKind::is_retryable`] says may pass (not TLS, an
    /// oversized body, invalid HTTP, a passed deadline or a stopped
    /// listing), or a response with status 429 or 5xx.
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transport(e) => e.is_retryable(),
            Self::Operation(e) => {
                e.decode_error().is_none()
                    && e.status().is_some_and(|status| {
                        status == http::StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
                    })
            }
            _ => false,
        }
    }

    /// The broad kind of this error.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::InvalidRequest(_) => ErrorKind::InvalidInput,
            Self::Credentials(_) => ErrorKind::Credentials,
            Self::Endpoint(_) => ErrorKind::Endpoint,
            Self::Transport(e) if e.kind == TransportErrorKind::ListingStopped => {
                ErrorKind::ListingStopped
            }
            Self::Transport(_) => ErrorKind::Transport,
            Self::Operation(e) => {
                if e.decode_error().is_none() && e.status().is_some_and(|s| s.as_u16() >= 400) {
                    ErrorKind::Service
                } else {
                    ErrorKind::InvalidResponse
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderMap, StatusCode};

    #[test]
    fn one_line_collapses_and_cuts() {
        assert_eq!(one_line(b" a \n\t b\x1b "), "a b");
        assert_eq!(one_line(b" \n"), "");
        let long = "x".repeat(MAX_BODY_MESSAGE_CHARS + 5);
        let cut = one_line(long.as_bytes());
        assert_eq!(cut.chars().count(), MAX_BODY_MESSAGE_CHARS + 1);
        assert!(cut.ends_with('…'));
        let exact = "y".repeat(MAX_BODY_MESSAGE_CHARS);
        assert_eq!(one_line(exact.as_bytes()), exact);
    }

    #[test]
    fn numbers_count_as_codes() {
        let info = ServiceErrorInfo::from_body(
            StatusCode::BAD_REQUEST,
            &HeaderMap::new(),
            br#"{"code": 400, "message": "bad"}"#,
        );
        assert_eq!(info.error_code.as_deref(), Some("400"));
        assert_eq!(info.error_msg.as_deref(), Some("bad"));
    }

    #[test]
    fn a_stopped_listing_is_its_message_and_not_retryable() {
        let message = "ListThings: page 2 is the same as the page before it\x1b[2J";
        let with = TransportError::new(
            TransportErrorKind::ListingStopped,
            "https://things.example",
            message,
            0,
        );
        let without = TransportError::new(TransportErrorKind::ListingStopped, "", message, 0);
        let shown = "ListThings: page 2 is the same as the page before it\\u{1b}[2J";
        assert_eq!(with.to_string(), shown);
        assert_eq!(without.to_string(), shown);
        assert!(!with.is_retryable());
        assert!(!TransportErrorKind::ListingStopped.is_retryable());
        assert_eq!(
            TransportErrorKind::ListingStopped.to_string(),
            "listing stopped"
        );
        // The other kinds still show the endpoint, and `Other` is still retryable.
        let other =
            TransportError::new(TransportErrorKind::Other, "https://things.example", "x", 1);
        assert_eq!(
            other.to_string(),
            "the call to https://things.example failed: x (after 1 attempt)"
        );
        assert!(other.is_retryable());
    }

    #[test]
    fn transport_error_display_without_endpoint() {
        let error = TransportError::new(TransportErrorKind::Other, "", "bad proxy URL", 0);
        assert_eq!(
            error.to_string(),
            "cannot set up the HTTP client: bad proxy URL"
        );
    }
}
