//! The HTTP stack under the [`Transport`](crate::Transport): the
//! [`HttpClient`] trait, and its default implementation over reqwest with
//! rustls ([`ReqwestClient`]).
//!
//! An `HttpClient` sends one request, already signed, and returns the whole
//! response. Everything around it (endpoints, signing, retries, the overall
//! deadline, tracing) stays in the transport, so a user can bring another
//! HTTP stack ([`Transport::with_client`](crate::Transport::with_client)),
//! and tests can answer in process without a socket (the mock's
//! `MockServer::http_client`, feature `mock`).

use std::error::Error as _;
use std::fmt;
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::time::Duration;

use crate::error::{TransportError, TransportErrorKind};
use crate::transport::{HttpConfig, ProxyEnv};

/// What [`HttpClient::send`] returns.
pub type HttpFuture<'a> =
    Pin<Box<dyn Future<Output = Result<http::Response<Vec<u8>>, HttpClientError>> + Send + 'a>>;

/// Sends one HTTP request and reads the whole response.
///
/// Implementations must not follow redirects (a redirect is returned like
/// any response), and should refuse bodies larger than the limit they were
/// configured with ([`TransportErrorKind::BodyTooLarge`]); the transport
/// checks the size again. They need no timeout of their own: the transport
/// bounds every call with [`HttpConfig::timeout`].
///
/// ```
/// use huaweicloud_sdk_core::http_client::{HttpClient, HttpClientError, HttpFuture};
/// use huaweicloud_sdk_core::http;
///
/// /// Answers every request with `204 No Content`, without a network.
/// struct NoContent;
///
/// impl HttpClient for NoContent {
///     fn send(&self, _request: http::Request<Vec<u8>>) -> HttpFuture<'_> {
///         Box::pin(async {
///             let mut response = http::Response::new(Vec::new());
///             *response.status_mut() = http::StatusCode::NO_CONTENT;
///             Ok::<_, HttpClientError>(response)
///         })
///     }
/// }
/// ```
pub trait HttpClient: Send + Sync {
    /// Sends `request` (signed, with its absolute URI) and reads the response.
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture<'_>;
}

/// Why an [`HttpClient`] got no complete response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpClientError {
    /// What went wrong.
    pub kind: TransportErrorKind,
    /// One line saying what happened, without a URL, header or body, such as
    /// `the connection was reset after 3 bytes of the body`.
    pub message: String,
    /// Whether the host could not be reached at all (the transport then moves
    /// to the next endpoint at once).
    pub unreachable: bool,
}

impl HttpClientError {
    /// A failure of `kind`, with a one-line `message`; `unreachable` when
    /// kind is [`ConnectionRefused`](TransportErrorKind::ConnectionRefused)
    /// or [`HostUnreachable`](TransportErrorKind::HostUnreachable).
    #[must_use]
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            unreachable: matches!(
                kind,
                TransportErrorKind::ConnectionRefused | TransportErrorKind::HostUnreachable
            ),
        }
    }

    /// The response body was larger than `cap` bytes.
    #[must_use]
    pub fn body_too_large(cap: usize) -> Self {
        Self::new(
            TransportErrorKind::BodyTooLarge,
            format!(
                "the body is larger than the {cap}-byte limit (HttpConfig::max_response_bytes)"
            ),
        )
    }
}

impl fmt::Display for HttpClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HttpClientError {}

/// Why a body could not be read whole.
pub(crate) enum BodyError {
    /// It is (or says it is) larger than the cap.
    TooLarge,
    /// Reading failed after this many bytes.
    Failed(reqwest::Error, usize),
}

/// Reads `response`'s body, refusing to hold more than `cap` bytes (a
/// larger `Content-Length` is refused before anything is read).
pub(crate) async fn read_capped(
    mut response: reqwest::Response,
    cap: usize,
) -> Result<Vec<u8>, BodyError> {
    let declared = response.content_length();
    if declared.is_some_and(|length| usize::try_from(length).map_or(true, |length| length > cap)) {
        return Err(BodyError::TooLarge);
    }
    let capacity = declared
        .and_then(|length| usize::try_from(length).ok())
        .unwrap_or(0);
    let mut body = Vec::with_capacity(capacity.min(cap).min(1024 * 1024));
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if chunk.len() > cap - body.len() {
                    return Err(BodyError::TooLarge);
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(error) => {
                let read = body.len();
                return Err(BodyError::Failed(error, read));
            }
        }
    }
}

/// The default [`HttpClient`]: reqwest with rustls (no OpenSSL), with the
/// connect and read timeouts, proxy, CA bundle and TLS settings of an
/// [`HttpConfig`], no redirects, and the response size cap.
#[derive(Clone)]
pub struct ReqwestClient {
    client: reqwest::Client,
    connect_timeout: Duration,
    read_timeout: Duration,
    max_response_bytes: usize,
    /// Whether requests may go through a proxy (connect failures may then be
    /// the proxy's).
    proxied: bool,
}

impl fmt::Debug for ReqwestClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReqwestClient")
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// A setup error (no endpoint, no attempt).
fn setup(message: impl Into<String>) -> TransportError {
    TransportError::new(TransportErrorKind::Other, "", message, 0)
}

/// Makes the proxy of one scheme (`reqwest::Proxy::https`, say) from its URL.
type MakeProxy = fn(String) -> reqwest::Result<reqwest::Proxy>;

/// A proxy from a URL, with `auth` if given; the URL is never echoed (it may
/// hold a password), `what` says which setting it came from.
fn proxy(
    make: MakeProxy,
    url: &str,
    what: &str,
    auth: Option<&crate::transport::ProxyAuth>,
    no_proxy: Option<&str>,
) -> Result<reqwest::Proxy, TransportError> {
    let mut proxy = make(url.to_owned()).map_err(|_| {
        setup(format!(
            "the proxy ({what}) is not a valid URL, such as http://proxy.example.com:3128"
        ))
    })?;
    if let Some(auth) = auth {
        proxy = proxy.basic_auth(&auth.user, &auth.password);
    }
    Ok(proxy.no_proxy(no_proxy.and_then(reqwest::NoProxy::from_string)))
}

/// The proxies of the environment's settings (`HTTPS_PROXY` first); a blank setting is none.
fn env_proxies(
    env: &ProxyEnv,
    auth: Option<&crate::transport::ProxyAuth>,
) -> Result<Vec<reqwest::Proxy>, TransportError> {
    fn set(value: Option<&str>) -> Option<&str> {
        value.filter(|v| !v.trim().is_empty())
    }
    let no_proxy = set(env.no_proxy.as_deref());
    let schemes: [(_, MakeProxy, _); 2] = [
        (
            env.https_proxy.as_deref(),
            reqwest::Proxy::https,
            "HTTPS_PROXY",
        ),
        (
            env.http_proxy.as_deref(),
            reqwest::Proxy::http,
            "HTTP_PROXY",
        ),
    ];
    schemes
        .into_iter()
        .filter_map(|(value, make, what)| {
            set(value).map(|url| proxy(make, url, what, auth, no_proxy))
        })
        .collect()
}

/// The certificates of a PEM bundle file, or an error naming the file.
fn ca_bundle(path: &Path) -> Result<Vec<reqwest::Certificate>, TransportError> {
    let shown = path.display();
    let pem = std::fs::read(path)
        .map_err(|e| setup(format!("cannot read the CA bundle {shown}: {e}")))?;
    let certificates = reqwest::Certificate::from_pem_bundle(&pem).map_err(|_| {
        setup(format!(
            "the CA bundle {shown} is not a PEM file of certificates (-----BEGIN CERTIFICATE-----)"
        ))
    })?;
    if certificates.is_empty() {
        return Err(setup(format!(
            "the CA bundle {shown} holds no certificate (-----BEGIN CERTIFICATE-----)"
        )));
    }
    Ok(certificates)
}

impl ReqwestClient {
    /// A client with the settings of `config`.
    ///
    /// # Errors
    ///
    /// A [`TransportError`] (with no endpoint and no attempt) when a proxy
    /// URL is invalid (not echoed: it may hold a password), the CA bundle
    /// cannot be read or holds no certificate, or the TLS setup fails.
    pub fn new(config: &HttpConfig) -> Result<Self, TransportError> {
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .redirect(reqwest::redirect::Policy::none())
            // Environment proxies only when asked for (`proxy_env`), below.
            .no_proxy();
        let auth = config.proxy_auth.as_ref();
        let mut proxied = config.proxy.is_some();
        if let Some(url) = &config.proxy {
            builder = builder.proxy(proxy(
                reqwest::Proxy::all,
                url,
                "HttpConfig::proxy",
                auth,
                None,
            )?);
        } else if let Some(env) = &config.proxy_env {
            for proxy in env_proxies(env, auth)? {
                builder = builder.proxy(proxy);
                proxied = true;
            }
        }
        if let Some(path) = &config.ca_bundle {
            for certificate in ca_bundle(path)? {
                builder = builder.add_root_certificate(certificate);
            }
        }
        if config.danger_skip_tls_verification {
            tracing::warn!(
                "TLS certificate verification is OFF (danger_skip_tls_verification): \
                 anyone on the network path can read and change every request"
            );
            builder = builder.danger_accept_invalid_certs(true);
        }
        let client = builder
            .build()
            .map_err(|e| setup(format!("cannot create the HTTP client: {}", root_cause(&e))))?;
        Ok(Self {
            client,
            connect_timeout: config.connect_timeout,
            read_timeout: config.read_timeout,
            max_response_bytes: config.max_response_bytes,
            proxied,
        })
    }

    /// Sends the request and reads the body up to the cap.
    async fn execute(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, HttpClientError> {
        let request = reqwest::Request::try_from(request).map_err(|_| {
            HttpClientError::new(
                TransportErrorKind::Other,
                "the request URI cannot be sent (it must be an absolute http(s) URL)",
            )
        })?;
        let response = self
            .client
            .execute(request)
            .await
            .map_err(|error| self.classify(&error, None))?;
        let status = response.status();
        let headers = response.headers().clone();
        let version = response.version();
        let body = self.read_body(response).await?;
        let mut out = http::Response::new(body);
        *out.status_mut() = status;
        *out.headers_mut() = headers;
        *out.version_mut() = version;
        Ok(out)
    }

    /// Reads a response body, refusing to hold more than the cap.
    async fn read_body(&self, response: reqwest::Response) -> Result<Vec<u8>, HttpClientError> {
        let cap = self.max_response_bytes;
        read_capped(response, cap)
            .await
            .map_err(|error| match error {
                BodyError::TooLarge => HttpClientError::body_too_large(cap),
                BodyError::Failed(error, read) => self.classify(&error, Some(read)),
            })
    }

    /// Tells what kind of failure a reqwest error is, with a one-line message
    /// that holds no URL, header or body. `body_read` is how many body bytes
    /// had arrived when the error came while reading the body.
    fn classify(&self, error: &reqwest::Error, body_read: Option<usize>) -> HttpClientError {
        let cause = root_cause(error);
        let failure = |kind, message: String| HttpClientError::new(kind, message);
        if error.is_timeout() {
            return if error.is_connect() {
                failure(
                    TransportErrorKind::Timeout,
                    format!(
                        "timed out: no connection within the {} connect timeout",
                        show_duration(self.connect_timeout)
                    ),
                )
            } else {
                let what = if body_read.is_some() {
                    "body data"
                } else {
                    "response"
                };
                failure(
                    TransportErrorKind::Timeout,
                    format!(
                        "timed out: no {what} within the {} read timeout",
                        show_duration(self.read_timeout)
                    ),
                )
            };
        }
        if error.is_connect() {
            let mut failure = classify_connect(error, cause);
            if self.proxied {
                failure
                    .message
                    .push_str(" (a proxy is set: this may be the proxy's failure)");
            }
            return failure;
        }
        // The host answered (or at least accepted the connection): say what
        // broke, not that it could not be reached.
        let io = sources(error).flat_map(io_kinds).find(|kind| {
            matches!(
                kind,
                std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::BrokenPipe
                    | std::io::ErrorKind::UnexpectedEof
            )
        });
        let during = match body_read {
            Some(0) => "before the first byte of the response body".to_owned(),
            Some(n) => format!("after {n} bytes of the response body"),
            None => "before a complete response head".to_owned(),
        };
        let truncated = if body_read.is_some() {
            " (the response is truncated)"
        } else {
            ""
        };
        let lower = cause.to_ascii_lowercase();
        match io {
            Some(std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted) => {
                failure(
                    TransportErrorKind::Interrupted,
                    format!("the connection was reset {during}"),
                )
            }
            Some(_) => failure(
                TransportErrorKind::Interrupted,
                format!("the connection was closed {during}{truncated}"),
            ),
            None if lower.contains("closed before message completed")
                || lower.contains("end of file")
                || lower.contains("incomplete") =>
            {
                failure(
                    TransportErrorKind::Interrupted,
                    format!("the connection was closed {during}{truncated}"),
                )
            }
            None if lower.contains("chunk")
                || lower.contains("header")
                || lower.contains("too large")
                || lower.contains("content-length")
                || lower.contains("invalid")
                || lower.contains("parse") =>
            {
                failure(
                    TransportErrorKind::InvalidResponse,
                    format!("the response is not valid HTTP ({cause}) {during}"),
                )
            }
            None => failure(TransportErrorKind::Other, format!("{cause} {during}")),
        }
    }
}

impl HttpClient for ReqwestClient {
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture<'_> {
        Box::pin(self.execute(request))
    }
}

/// Classifies a failure to connect.
fn classify_connect(error: &reqwest::Error, cause: String) -> HttpClientError {
    let failure = |kind, message: String| HttpClientError::new(kind, message);
    for source in sources(error) {
        for kind in io_kinds(source) {
            match kind {
                std::io::ErrorKind::ConnectionRefused => {
                    return failure(
                        TransportErrorKind::ConnectionRefused,
                        "connection refused".to_owned(),
                    );
                }
                std::io::ErrorKind::HostUnreachable
                | std::io::ErrorKind::NetworkUnreachable
                | std::io::ErrorKind::AddrNotAvailable => {
                    return failure(
                        TransportErrorKind::HostUnreachable,
                        format!("host unreachable: {cause}"),
                    );
                }
                // tokio-rustls reports every TLS failure this way.
                std::io::ErrorKind::InvalidData => {
                    return failure(
                        TransportErrorKind::Tls,
                        format!("TLS handshake failed: {cause}"),
                    );
                }
                _ => {}
            }
        }
        if source.to_string() == "dns error" {
            return failure(
                TransportErrorKind::HostUnreachable,
                format!("DNS lookup failed: {cause}"),
            );
        }
    }
    HttpClientError {
        kind: TransportErrorKind::Other,
        message: format!("could not connect: {cause}"),
        unreachable: false,
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

/// A timeout for a message: `60 s`, or `200 ms` when not whole seconds.
pub(crate) fn show_duration(duration: Duration) -> String {
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
    fn show_duration_examples() {
        assert_eq!(show_duration(Duration::from_secs(60)), "60 s");
        assert_eq!(show_duration(Duration::from_millis(200)), "200 ms");
        assert_eq!(show_duration(Duration::from_millis(1500)), "1500 ms");
    }

    #[test]
    fn new_errors_know_when_the_host_was_unreachable() {
        assert!(HttpClientError::new(TransportErrorKind::ConnectionRefused, "x").unreachable);
        assert!(!HttpClientError::new(TransportErrorKind::Interrupted, "x").unreachable);
    }
}
