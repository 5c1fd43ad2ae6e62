//! Sending requests: an async HTTP client (reqwest with rustls, no OpenSSL)
//! with timeouts, retries, endpoint failover and a cap on response size.
//!
//! [`Transport::send`] makes one call: for each attempt it builds the request
//! for an endpoint, sets the `User-Agent`, signs it afresh, sends it and reads
//! the response body up to [`HttpConfig::max_response_bytes`]. When a host
//! cannot be reached (connection refused, unreachable, DNS failure, connect
//! timeout) it moves to the next endpoint at once; otherwise the
//! [`RetryPolicy`] decides whether to try again after a back-off.
//!
//! Every call runs in a `tracing` span named `huaweicloud.call` with the
//! fields `operation`, `method`, `host` (with the port; no path, query or
//! user information), `attempt` (HTTP attempts made), `status`, `request_id`,
//! `duration_ms` and, for a transport failure, `error_kind`, with a `debug`
//! event per attempt. Headers, bodies, paths and queries are never logged:
//! they may hold tokens.

use std::error::Error as _;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use tracing::Instrument as _;

use crate::credentials::Credentials;
use crate::error::{SendError, TransportError, TransportErrorKind};
use crate::request::InvalidRequest;
use crate::response;
use crate::retry::{self, AttemptOutcome, RetryPolicy};

/// The `User-Agent` sent by default, in the official SDKs' style
/// (theirs is, for example, `huaweicloud-usdk-python/3.0`).
pub const DEFAULT_USER_AGENT: &str = concat!("huaweicloud-usdk-rust/", env!("CARGO_PKG_VERSION"));

/// The default cap on a response body: 64 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// How requests are sent.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpConfig {
    /// How long to wait for a connection (TCP and TLS); 60 s by default.
    pub connect_timeout: Duration,
    /// How long to wait for each read of the response; 120 s by default.
    pub read_timeout: Duration,
    /// When to try again; by default only after `429 Too Many Requests`.
    pub retry: RetryPolicy,
    /// The largest response body accepted, in bytes; 64 MiB by default.
    pub max_response_bytes: usize,
    /// The `User-Agent` header; [`DEFAULT_USER_AGENT`] by default.
    pub user_agent: String,
    /// An HTTP(S) proxy URL for every request, such as
    /// `http://user:password@proxy.example.com:3128`. `None` (the default)
    /// connects directly: proxy environment variables (`HTTPS_PROXY`, ...)
    /// are ignored, so nothing changes behind the caller's back.
    pub proxy: Option<String>,
}

impl Default for HttpConfig {
    /// The official SDKs' values: 60 s to connect, 120 s to read, retry only
    /// on `429`, plus a 64 MiB response cap and no proxy.
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(60),
            read_timeout: Duration::from_secs(120),
            retry: RetryPolicy::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            proxy: None,
        }
    }
}

impl fmt::Debug for HttpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpConfig")
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("user_agent", &self.user_agent)
            // The proxy URL may hold a password.
            .field("proxy", &self.proxy.as_ref().map(|_| "****"))
            .finish()
    }
}

/// Sends requests; cheap to clone (clones share one connection pool).
#[derive(Clone)]
pub struct Transport {
    client: reqwest::Client,
    config: Arc<HttpConfig>,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// A request to build: given an endpoint, the request to send there.
pub type BuildRequest<'a> =
    dyn Fn(&str) -> Result<http::Request<Vec<u8>>, InvalidRequest> + Sync + 'a;

/// One failed attempt: the error, and whether the host could not be reached
/// at all (so the next endpoint should be tried).
struct Failure {
    kind: TransportErrorKind,
    message: String,
    unreachable: bool,
}

/// How one attempt ended.
enum Attempt {
    Response(http::Response<Vec<u8>>),
    Failed(Failure),
}

impl Transport {
    /// A transport with `config`, holding one HTTP client (and its connection
    /// pool) for all calls.
    ///
    /// # Errors
    ///
    /// Returns a [`TransportError`] (with no endpoint and no attempt) when the
    /// user agent or proxy is invalid, or the TLS setup fails.
    pub fn new(config: HttpConfig) -> Result<Self, TransportError> {
        let setup =
            |message: String| TransportError::new(TransportErrorKind::Other, "", message, 0);
        if http::HeaderValue::from_str(&config.user_agent).is_err() {
            return Err(setup(
                "the user agent is not a valid HTTP header value".to_owned(),
            ));
        }
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy();
        if let Some(proxy) = &config.proxy {
            // The URL is not echoed: it may hold a password.
            let proxy = reqwest::Proxy::all(proxy.as_str()).map_err(|_| {
                setup(
                    "the proxy is not a valid URL, such as http://proxy.example.com:3128"
                        .to_owned(),
                )
            })?;
            builder = builder.proxy(proxy);
        }
        let client = builder
            .build()
            .map_err(|e| setup(format!("cannot create the HTTP client: {}", root_cause(&e))))?;
        Ok(Self {
            client,
            config: Arc::new(config),
        })
    }

    /// The configuration this transport was created with.
    #[must_use]
    pub fn config(&self) -> &HttpConfig {
        &self.config
    }

    /// Sends one call of `operation` (such as `ListInstances`), trying
    /// `endpoints` in order, and returns the response, whatever its status.
    ///
    /// For each attempt, `build` makes the request for the chosen endpoint;
    /// the `User-Agent` is set (unless `build` set one) and `credentials`
    /// sign it afresh. A host that cannot be reached leads to the next
    /// endpoint right away (each endpoint once per attempt); any other
    /// failure, and a `429` or 5xx response, is tried again when the
    /// [`RetryPolicy`] says so. A `429` or 5xx response that is not tried
    /// again is returned like any other, for the caller to decode.
    ///
    /// # Errors
    ///
    /// Returns [`SendError::InvalidRequest`] when `build` fails or there is
    /// no endpoint, [`SendError::Credentials`] when the request cannot be
    /// signed (nothing is sent in either case), and [`SendError::Transport`]
    /// when the last attempt got no complete response.
    pub async fn send(
        &self,
        operation: &'static str,
        endpoints: &[String],
        credentials: &Credentials,
        build: &BuildRequest<'_>,
    ) -> Result<http::Response<Vec<u8>>, SendError> {
        let span = tracing::info_span!(
            "huaweicloud.call",
            operation,
            method = tracing::field::Empty,
            host = tracing::field::Empty,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
            error_kind = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self
            .send_in_span(operation, endpoints, credentials, build, &span)
            .instrument(span.clone())
            .await;
        span.record("duration_ms", duration_ms(started.elapsed()));
        match &result {
            Ok(response) => {
                span.record("status", response.status().as_u16());
                if let Some(id) = response::request_id(response.headers()) {
                    span.record("request_id", id.as_str());
                }
            }
            Err(SendError::Transport(error)) => {
                span.record("error_kind", tracing::field::debug(error.kind));
            }
            Err(_) => {}
        }
        result
    }

    /// The body of [`send`](Self::send), inside its span.
    async fn send_in_span(
        &self,
        operation: &'static str,
        endpoints: &[String],
        credentials: &Credentials,
        build: &BuildRequest<'_>,
        span: &tracing::Span,
    ) -> Result<http::Response<Vec<u8>>, SendError> {
        if endpoints.is_empty() {
            return Err(
                InvalidRequest::single(operation, "endpoint", "no endpoint was given").into(),
            );
        }
        let policy = &self.config.retry;
        let max_attempts = policy.attempts();
        // `attempt` counts policy attempts; `sent` counts every HTTP attempt,
        // failovers to the next endpoint included.
        let mut attempt = 1;
        let mut sent = 0;
        let mut endpoint = 0;
        let mut tried_this_attempt = 0;
        loop {
            sent += 1;
            tried_this_attempt += 1;
            span.record("attempt", sent);
            let started = Instant::now();
            let outcome = self
                .attempt(operation, &endpoints[endpoint], credentials, build, span)
                .await?;
            let elapsed_ms = duration_ms(started.elapsed());
            match outcome {
                Attempt::Response(response) => {
                    let status = response.status();
                    tracing::debug!(
                        attempt = sent,
                        status = status.as_u16(),
                        elapsed_ms,
                        "attempt answered"
                    );
                    if attempt < max_attempts
                        && policy.should_retry(&AttemptOutcome::Status(status))
                    {
                        let delay = policy.delay_with_retry_after(
                            attempt,
                            retry::retry_after(response.headers()),
                        );
                        tracing::debug!(
                            attempt = sent,
                            status = status.as_u16(),
                            delay_ms = duration_ms(delay),
                            "retrying"
                        );
                        tokio::time::sleep(delay).await;
                        attempt += 1;
                        tried_this_attempt = 0;
                        continue;
                    }
                    return Ok(response);
                }
                Attempt::Failed(failure) => {
                    tracing::debug!(
                        attempt = sent,
                        error_kind = ?failure.kind,
                        error = %failure.message,
                        elapsed_ms,
                        "attempt failed"
                    );
                    if failure.unreachable && endpoints.len() > 1 {
                        endpoint = (endpoint + 1) % endpoints.len();
                        if tried_this_attempt < endpoints.len() {
                            tracing::debug!(next = endpoint, "moving to the next endpoint");
                            continue;
                        }
                    }
                    if attempt < max_attempts
                        && policy.should_retry(&AttemptOutcome::Transport(failure.kind))
                    {
                        let delay = policy.delay(attempt);
                        tracing::debug!(attempt = sent, delay_ms = duration_ms(delay), "retrying");
                        tokio::time::sleep(delay).await;
                        attempt += 1;
                        tried_this_attempt = 0;
                        continue;
                    }
                    // The endpoint of the failed attempt (before any move).
                    let last = if failure.unreachable && endpoints.len() > 1 {
                        (endpoint + endpoints.len() - 1) % endpoints.len()
                    } else {
                        endpoint
                    };
                    return Err(TransportError::new(
                        failure.kind,
                        endpoints[last].clone(),
                        failure.message,
                        sent,
                    )
                    .into());
                }
            }
        }
    }

    /// Makes one attempt against `endpoint`.
    async fn attempt(
        &self,
        operation: &'static str,
        endpoint: &str,
        credentials: &Credentials,
        build: &BuildRequest<'_>,
        span: &tracing::Span,
    ) -> Result<Attempt, SendError> {
        let mut request = build(endpoint)?;
        span.record("method", request.method().as_str());
        if let Some(host) = request.uri().host() {
            match request.uri().port_u16() {
                Some(port) => span.record("host", format!("{host}:{port}")),
                None => span.record("host", host),
            };
        }
        if !request.headers().contains_key(http::header::USER_AGENT) {
            // Checked in `new`.
            if let Ok(value) = http::HeaderValue::from_str(&self.config.user_agent) {
                request
                    .headers_mut()
                    .insert(http::header::USER_AGENT, value);
            }
        }
        credentials.authorize(&mut request, SystemTime::now())?;
        let operation_uri = request.uri().clone();
        let request = reqwest::Request::try_from(request).map_err(|_| {
            SendError::InvalidRequest(InvalidRequest::single(
                operation,
                "uri",
                format!(
                    "the URI (scheme {}, host {}) cannot be sent",
                    operation_uri.scheme_str().unwrap_or("none"),
                    operation_uri.host().unwrap_or("none"),
                ),
            ))
        })?;
        let response = match self.client.execute(request).await {
            Ok(response) => response,
            Err(error) => return Ok(Attempt::Failed(self.classify(&error, false))),
        };
        let status = response.status();
        let headers = response.headers().clone();
        let version = response.version();
        let body = match self.read_body(response).await {
            Ok(body) => body,
            Err(failure) => return Ok(Attempt::Failed(failure)),
        };
        let mut out = http::Response::new(body);
        *out.status_mut() = status;
        *out.headers_mut() = headers;
        *out.version_mut() = version;
        Ok(Attempt::Response(out))
    }

    /// Reads a response body, refusing to hold more than the cap.
    async fn read_body(&self, mut response: reqwest::Response) -> Result<Vec<u8>, Failure> {
        let cap = self.config.max_response_bytes;
        let too_large = || Failure {
            kind: TransportErrorKind::BodyTooLarge,
            message: format!(
                "the body is larger than the {cap}-byte limit (HttpConfig::max_response_bytes)"
            ),
            unreachable: false,
        };
        let declared = response.content_length();
        if declared
            .is_some_and(|length| usize::try_from(length).map_or(true, |length| length > cap))
        {
            return Err(too_large());
        }
        let capacity = declared
            .and_then(|length| usize::try_from(length).ok())
            .unwrap_or(0);
        let mut body = Vec::with_capacity(capacity.min(cap).min(1024 * 1024));
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if chunk.len() > cap - body.len() {
                        return Err(too_large());
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok(body),
                Err(error) => return Err(self.classify(&error, true)),
            }
        }
    }

    /// Tells what kind of failure a reqwest error is, with a one-line message
    /// that holds no URL, header or body.
    fn classify(&self, error: &reqwest::Error, reading_body: bool) -> Failure {
        let connect = error.is_connect();
        let cause = root_cause(error);
        let failure = |kind, message: String, unreachable| Failure {
            kind,
            message,
            unreachable,
        };
        if error.is_timeout() {
            return if connect {
                failure(
                    TransportErrorKind::Timeout,
                    format!(
                        "timed out: no connection within the {} connect timeout",
                        show_duration(self.config.connect_timeout)
                    ),
                    true,
                )
            } else {
                let what = if reading_body {
                    "body data"
                } else {
                    "response"
                };
                failure(
                    TransportErrorKind::Timeout,
                    format!(
                        "timed out: no {what} within the {} read timeout",
                        show_duration(self.config.read_timeout)
                    ),
                    false,
                )
            };
        }
        if connect {
            for source in sources(error) {
                for kind in io_kinds(source) {
                    match kind {
                        std::io::ErrorKind::ConnectionRefused => {
                            return failure(
                                TransportErrorKind::ConnectionRefused,
                                "connection refused".to_owned(),
                                true,
                            );
                        }
                        std::io::ErrorKind::HostUnreachable
                        | std::io::ErrorKind::NetworkUnreachable
                        | std::io::ErrorKind::AddrNotAvailable => {
                            return failure(
                                TransportErrorKind::HostUnreachable,
                                format!("host unreachable: {cause}"),
                                true,
                            );
                        }
                        // tokio-rustls reports every TLS failure this way.
                        std::io::ErrorKind::InvalidData => {
                            return failure(
                                TransportErrorKind::Tls,
                                format!("TLS handshake failed: {cause}"),
                                false,
                            );
                        }
                        _ => {}
                    }
                }
                if source.to_string() == "dns error" {
                    return failure(
                        TransportErrorKind::HostUnreachable,
                        format!("DNS lookup failed: {cause}"),
                        true,
                    );
                }
            }
        }
        failure(TransportErrorKind::Other, cause, false)
    }
}

/// The errors under `error`, outermost first.
fn sources(error: &reqwest::Error) -> impl Iterator<Item = &(dyn std::error::Error + 'static)> {
    std::iter::successors(error.source(), |&e| e.source())
}

/// The kinds of an I/O error and of the I/O errors it wraps (whose
/// `source` skips them), outermost first; none for another error.
fn io_kinds(error: &(dyn std::error::Error + 'static)) -> Vec<std::io::ErrorKind> {
    let mut kinds = Vec::new();
    let mut io = error.downcast_ref::<std::io::Error>();
    while let Some(current) = io {
        kinds.push(current.kind());
        io = current
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<std::io::Error>());
    }
    kinds
}

/// The innermost cause of a reqwest error, which names no URL.
fn root_cause(error: &reqwest::Error) -> String {
    match sources(error).last() {
        Some(cause) => cause.to_string(),
        None if error.is_body() => "the response body could not be read".to_owned(),
        None if error.is_builder() => "invalid configuration".to_owned(),
        None => "the request failed".to_owned(),
    }
}

/// A duration in whole milliseconds, saturating.
fn duration_ms(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// A timeout for a message: `60 s`, or `200 ms` when not whole seconds.
fn show_duration(duration: Duration) -> String {
    if duration.subsec_nanos() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{} ms", duration.as_millis())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_official_ones() {
        let config = HttpConfig::default();
        assert_eq!(config.connect_timeout, Duration::from_secs(60));
        assert_eq!(config.read_timeout, Duration::from_secs(120));
        assert_eq!(config.retry, RetryPolicy::default());
        assert_eq!(config.max_response_bytes, 64 << 20);
        assert_eq!(
            config.user_agent,
            format!("huaweicloud-usdk-rust/{}", env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(config.proxy, None);
    }

    #[test]
    fn show_duration_examples() {
        assert_eq!(show_duration(Duration::from_secs(60)), "60 s");
        assert_eq!(show_duration(Duration::from_millis(200)), "200 ms");
        assert_eq!(show_duration(Duration::from_millis(1500)), "1500 ms");
    }

    #[test]
    fn debug_hides_the_proxy() {
        let config = HttpConfig {
            proxy: Some("http://user:hunter2@proxy:3128".to_owned()),
            ..HttpConfig::default()
        };
        let text = format!("{config:?}");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(text.contains("proxy: Some(\"****\")"), "{text}");
    }

    #[tokio::test]
    async fn invalid_settings_are_refused() {
        let error = Transport::new(HttpConfig {
            user_agent: "a\nb".to_owned(),
            ..HttpConfig::default()
        })
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot set up the HTTP client: the user agent is not a valid HTTP header value"
        );
        let error = Transport::new(HttpConfig {
            proxy: Some("::hunter2::".to_owned()),
            ..HttpConfig::default()
        })
        .unwrap_err();
        assert!(!error.to_string().contains("hunter2"), "{error}");
    }
}
