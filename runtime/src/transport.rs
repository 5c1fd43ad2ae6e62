//! Sending requests: endpoints, signing, retries, an overall deadline and a
//! cap on response size, over a pluggable HTTP stack (reqwest with rustls, no
//! OpenSSL, by default: see [`http_client`](crate::http_client)).
//!
//! [`Transport::send`] makes one call: for each attempt it builds the request
//! for an endpoint, sets the `User-Agent`, signs it afresh, sends it and reads
//! the response body up to [`HttpConfig::max_response_bytes`]. When a host
//! cannot be reached (connection refused, unreachable, DNS failure, connect
//! timeout) it moves to the next endpoint at once; otherwise the
//! [`RetryPolicy`] decides whether to try again after a back-off. The whole
//! call, retries and waits included, ends at [`HttpConfig::timeout`].
//!
//! Every call runs in a `tracing` span named `huaweicloud.call` with the
//! fields `operation`, `method`, `host` (with the port; no path, query or
//! user information), `attempt` (HTTP attempts made), `status`, `request_id`,
//! `duration_ms` and, for a transport failure, `error_kind`, with a `debug`
//! event per attempt. Headers, bodies, paths and queries are never logged:
//! they may hold tokens.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use tracing::Instrument as _;

use crate::credentials::{Auth, Credentials};
use crate::error::{SendError, TransportError, TransportErrorKind};
use crate::http_client::{HttpClient, HttpClientError, ReqwestClient, show_duration};
use crate::request::InvalidRequest;
use crate::response;
use crate::retry::{self, AttemptOutcome, RetryPolicy};
use crate::{signature, signer, skew};

/// The `User-Agent` sent by default, in the official SDKs' style
/// (theirs is, for example, `huaweicloud-usdk-python/3.0`).
pub const DEFAULT_USER_AGENT: &str = concat!("huaweicloud-usdk-rust/", env!("CARGO_PKG_VERSION"));

/// The default cap on a response body: 64 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// The default deadline of a whole call ([`HttpConfig::timeout`]): 300 s.
///
/// The official SDKs have no overall deadline, only 60 s to connect and
/// 120 s per read, so a server that sends one byte every minute keeps a call
/// alive for ever. 300 s is longer than the slowest single attempt those two
/// timeouts allow when data flows normally (60 s + 120 s), so no call the
/// official SDKs would finish is cut short by default, yet every call ends.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);

/// A proxy's user name and password (sent as `Proxy-Authorization: Basic`).
/// `Debug` never shows the password.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyAuth {
    /// The user name.
    pub user: String,
    /// The password.
    pub password: String,
}

impl fmt::Debug for ProxyAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxyAuth")
            .field("user", &self.user)
            .field("password", &"****")
            .finish()
    }
}

/// The proxy settings of the environment: `HTTPS_PROXY`, `HTTP_PROXY` and
/// `NO_PROXY` (or their lower-case forms), as curl and most tools read them.
/// `Debug` never shows the URLs (they may hold a password).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ProxyEnv {
    /// The proxy for `https` URLs.
    pub https_proxy: Option<String>,
    /// The proxy for `http` URLs.
    pub http_proxy: Option<String>,
    /// Hosts (comma-separated; `.example.com` for a domain, IP ranges such as
    /// `10.0.0.0/8`, or `*`) reached directly.
    pub no_proxy: Option<String>,
}

impl ProxyEnv {
    /// Reads `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (upper case first,
    /// then lower case) from the process environment.
    #[must_use]
    pub fn from_env() -> Self {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// As [`from_env`](Self::from_env), with the variables given by `var`.
    #[must_use]
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Self {
        let read = |upper: &str| var(upper).or_else(|| var(&upper.to_ascii_lowercase()));
        Self {
            https_proxy: read("HTTPS_PROXY"),
            http_proxy: read("HTTP_PROXY"),
            no_proxy: read("NO_PROXY"),
        }
    }
}

impl fmt::Debug for ProxyEnv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hidden = |value: &Option<String>| value.as_ref().map(|_| "****");
        f.debug_struct("ProxyEnv")
            .field("https_proxy", &hidden(&self.https_proxy))
            .field("http_proxy", &hidden(&self.http_proxy))
            .field("no_proxy", &self.no_proxy)
            .finish()
    }
}

/// How requests are sent.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpConfig {
    /// How long to wait for a connection (TCP and TLS); 60 s by default.
    pub connect_timeout: Duration,
    /// How long to wait for each read of the response; 120 s by default.
    pub read_timeout: Duration,
    /// The deadline of a whole call, every attempt, back-off and body read
    /// included: [`DEFAULT_TIMEOUT`] (300 s) by default; `None` for none (a
    /// server that trickles its body can then hold a call for ever).
    pub timeout: Option<Duration>,
    /// When to try again; by default only after `429 Too Many Requests`.
    pub retry: RetryPolicy,
    /// The largest response body accepted, in bytes; 64 MiB by default.
    pub max_response_bytes: usize,
    /// The `User-Agent` header; [`DEFAULT_USER_AGENT`] by default.
    pub user_agent: String,
    /// An HTTP(S) proxy URL for every request, such as
    /// `http://user:password@proxy.example.com:3128`. `None` (the default)
    /// connects directly, unless [`proxy_env`](Self::proxy_env) is set.
    pub proxy: Option<String>,
    /// The proxy's user and password, for [`proxy`](Self::proxy) or the
    /// environment's proxies.
    pub proxy_auth: Option<ProxyAuth>,
    /// The environment's proxy settings, used when [`proxy`](Self::proxy) is
    /// `None`. `None` by default: proxy variables are ignored unless asked
    /// for ([`ClientBuilder::proxy_from_env`](crate::ClientBuilder::proxy_from_env)),
    /// so nothing changes behind the caller's back.
    pub proxy_env: Option<ProxyEnv>,
    /// A PEM file of CA certificates trusted besides the built-in roots (a
    /// company proxy's, a private gateway's).
    pub ca_bundle: Option<PathBuf>,
    /// Accepts any TLS certificate, for any host. Off by default. DANGEROUS:
    /// anyone on the network path can then read and change every request,
    /// credentials included; use [`ca_bundle`](Self::ca_bundle) instead.
    pub danger_skip_tls_verification: bool,
}

impl Default for HttpConfig {
    /// The official SDKs' values: 60 s to connect, 120 s to read, retry only
    /// on `429`, TLS verified; plus a 300 s deadline per call, a 64 MiB
    /// response cap and no proxy.
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(60),
            read_timeout: Duration::from_secs(120),
            timeout: Some(DEFAULT_TIMEOUT),
            retry: RetryPolicy::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            proxy: None,
            proxy_auth: None,
            proxy_env: None,
            ca_bundle: None,
            danger_skip_tls_verification: false,
        }
    }
}

impl fmt::Debug for HttpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpConfig")
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("user_agent", &self.user_agent)
            // The proxy URL may hold a password.
            .field("proxy", &self.proxy.as_ref().map(|_| "****"))
            .field("proxy_auth", &self.proxy_auth)
            .field("proxy_env", &self.proxy_env)
            .field("ca_bundle", &self.ca_bundle)
            .field(
                "danger_skip_tls_verification",
                &self.danger_skip_tls_verification,
            )
            .finish()
    }
}

/// Sends requests; cheap to clone (clones share one HTTP client, so one
/// connection pool, and the measured clock skew).
#[derive(Clone)]
pub struct Transport {
    client: Arc<dyn HttpClient>,
    config: Arc<HttpConfig>,
    /// How far the gateway's clock is ahead of ours, in seconds, once a
    /// gateway refused a signature as expired.
    clock_offset: Arc<AtomicI64>,
    /// Whether `client` is the default one ([`Transport::new`]), not one
    /// the user gave.
    default_client: bool,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("config", &self.config)
            .field("clock_offset_s", &self.clock_offset.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

/// A request to build: given an endpoint, the request to send there.
pub type BuildRequest<'a> =
    dyn Fn(&str) -> Result<http::Request<Vec<u8>>, InvalidRequest> + Sync + 'a;

/// How one attempt ended.
enum Attempt {
    Response(http::Response<Vec<u8>>),
    Failed(HttpClientError),
}

/// Settings for one call, over the client's [`HttpConfig`]: a deadline, a
/// retry policy and extra headers, without building a second client.
///
/// ```
/// use std::time::Duration;
/// use huaweicloud_sdk_core::RetryPolicy;
/// use huaweicloud_sdk_core::transport::CallOptions;
///
/// let options = CallOptions::new()
///     .timeout(Duration::from_secs(10))
///     .retry(RetryPolicy::standard())
///     .header("X-Language", "en-us")
///     .unwrap();
/// assert_eq!(options.headers()["x-language"], "en-us");
/// ```
#[derive(Clone, Default)]
pub struct CallOptions {
    timeout: Option<Option<Duration>>,
    retry: Option<RetryPolicy>,
    headers: http::HeaderMap,
}

impl fmt::Debug for CallOptions {
    /// Header names only: a value may be a token.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(http::HeaderName::as_str).collect();
        f.debug_struct("CallOptions")
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("headers", &names)
            .finish()
    }
}

impl CallOptions {
    /// No changes: the client's settings.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The deadline of this call (`None`: none), instead of
    /// [`HttpConfig::timeout`].
    #[must_use]
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeout = Some(timeout.into());
        self
    }

    /// The retry policy of this call, instead of [`HttpConfig::retry`].
    #[must_use]
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Adds a header to every attempt of this call (replacing one the
    /// request has by that name); it is signed with the rest.
    ///
    /// # Errors
    ///
    /// An [`InvalidRequest`] naming the header when the name or value is
    /// not valid in HTTP (the value is not echoed).
    pub fn header(mut self, name: &str, value: &str) -> Result<Self, InvalidRequest> {
        let invalid = |what: &str| InvalidRequest::single("call options", name, what.to_owned());
        let name = http::HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| invalid("is not a valid HTTP header name"))?;
        let value = http::HeaderValue::from_str(value)
            .map_err(|_| invalid("has a value that is not a valid HTTP header value"))?;
        self.headers.insert(name, value);
        Ok(self)
    }

    /// The extra headers.
    #[must_use]
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }
}

/// One call being sent: what [`Transport::send_with`] was given.
struct Call<'a> {
    operation: &'static str,
    endpoints: &'a [String],
    credentials: &'a Credentials,
    build: &'a BuildRequest<'a>,
    options: &'a CallOptions,
}

/// How far a call got, kept outside its future so that the deadline can
/// report it.
#[derive(Default)]
struct Progress {
    /// HTTP attempts made.
    sent: u32,
    /// The endpoint of the last attempt.
    endpoint: usize,
}

impl Transport {
    /// A transport with `config`, over the default HTTP client
    /// ([`ReqwestClient`]), holding one connection pool for all calls.
    ///
    /// # Errors
    ///
    /// Returns a [`TransportError`] (with no endpoint and no attempt) when the
    /// user agent or a proxy is invalid, the CA bundle cannot be used, or the
    /// TLS setup fails.
    pub fn new(config: HttpConfig) -> Result<Self, TransportError> {
        let client = ReqwestClient::new(&config)?;
        let mut transport = Self::with_client(config, Arc::new(client))?;
        transport.default_client = true;
        Ok(transport)
    }

    /// This transport, for calls made on another Tokio runtime (a helper
    /// thread's): the same settings and measured clock skew, and the same
    /// HTTP client when the user gave one (an in-process mock, another
    /// stack); the default client is made afresh, since reqwest's
    /// connections belong to the runtime that opened them.
    pub(crate) fn for_another_runtime(&self) -> Result<Self, TransportError> {
        if !self.default_client {
            return Ok(self.clone());
        }
        let client = ReqwestClient::new(&self.config)?;
        Ok(Self {
            client: Arc::new(client),
            ..self.clone()
        })
    }

    /// A transport with `config` that sends every request through `client`
    /// (another HTTP stack, or an in-process stand-in for tests). Only the
    /// retry policy, deadline, user agent and response cap of `config`
    /// apply; the connection settings are `client`'s own.
    ///
    /// # Errors
    ///
    /// Returns a [`TransportError`] when the user agent is not a valid header
    /// value.
    pub fn with_client(
        config: HttpConfig,
        client: Arc<dyn HttpClient>,
    ) -> Result<Self, TransportError> {
        if http::HeaderValue::from_str(&config.user_agent).is_err() {
            return Err(TransportError::new(
                TransportErrorKind::Other,
                "",
                "the user agent is not a valid HTTP header value",
                0,
            ));
        }
        Ok(Self {
            client,
            config: Arc::new(config),
            clock_offset: Arc::new(AtomicI64::new(0)),
            default_client: false,
        })
    }

    /// The configuration this transport was created with.
    #[must_use]
    pub fn config(&self) -> &HttpConfig {
        &self.config
    }

    /// How far the gateway's clock was measured to be ahead of this
    /// machine's, in seconds (negative: behind), after a gateway refused a
    /// signature as expired; zero until then. Requests are signed with the
    /// corrected time.
    #[must_use]
    pub fn clock_offset_secs(&self) -> i64 {
        self.clock_offset.load(Ordering::Relaxed)
    }

    /// The time to sign with: this machine's, corrected by the measured skew.
    fn signing_time(&self) -> SystemTime {
        skew::shift(SystemTime::now(), self.clock_offset.load(Ordering::Relaxed))
    }

    /// Sends one call of `operation` (such as `ListInstances`), trying
    /// `endpoints` in order, and returns the response, whatever its status.
    ///
    /// For each attempt, `build` makes the request for the chosen endpoint;
    /// the `User-Agent` is set (unless `build` set one) and `credentials`
    /// sign it afresh, with a fresh date. A host that cannot be reached
    /// leads to the next endpoint right away (each endpoint once per
    /// attempt); any other failure, and a `429` or 5xx response, is tried
    /// again when the [`RetryPolicy`] says so. A `429` or 5xx response that
    /// is not tried again is returned like any other, for the caller to
    /// decode.
    ///
    /// Authentication failures are never retried (after 5 in a row the
    /// gateway locks the AK/SK), with one exception: when the gateway says
    /// the signature expired, the transport measures how far the local clock
    /// is off from the gateway's time (in the message, or the `Date` header),
    /// remembers it for every later call, and signs once more with the
    /// corrected time. If that fails too, the response is returned with the
    /// header [`CLOCK_SKEW_HEADER`](crate::skew::CLOCK_SKEW_HEADER) giving
    /// the measured skew, which the error's `Display` shows.
    ///
    /// The whole call ends at [`HttpConfig::timeout`].
    ///
    /// # Errors
    ///
    /// Returns [`SendError::InvalidRequest`] when `build` fails or there is
    /// no endpoint, [`SendError::Credentials`] when the request cannot be
    /// signed (nothing is sent in either case), and [`SendError::Transport`]
    /// when the last attempt got no complete response or the deadline passed.
    pub async fn send(
        &self,
        operation: &'static str,
        endpoints: &[String],
        credentials: &Credentials,
        build: &BuildRequest<'_>,
    ) -> Result<http::Response<Vec<u8>>, SendError> {
        self.send_with(
            operation,
            endpoints,
            credentials,
            build,
            &CallOptions::new(),
        )
        .await
    }

    /// The request the first attempt of [`send_with`](Self::send_with)
    /// would put on the wire, without sending it: built for the first of
    /// `endpoints`, with the extra headers of `options`, the `User-Agent`,
    /// and signed by `credentials` now (with the measured clock skew
    /// corrected). For sending through a stack of one's own, or for
    /// looking at what would be sent.
    ///
    /// # Errors
    ///
    /// [`SendError::InvalidRequest`] when there is no endpoint or `build`
    /// fails, [`SendError::Credentials`] when the request cannot be signed.
    pub fn signed_request(
        &self,
        operation: &'static str,
        endpoints: &[String],
        credentials: &Credentials,
        build: &BuildRequest<'_>,
        options: &CallOptions,
    ) -> Result<http::Request<Vec<u8>>, SendError> {
        let Some(endpoint) = endpoints.first() else {
            return Err(no_endpoint(operation));
        };
        let call = Call {
            operation,
            endpoints,
            credentials,
            build,
            options,
        };
        self.prepare(endpoint, &call, self.signing_time())
    }

    /// [`send`](Self::send) with the deadline, retry policy or extra headers
    /// of `options` for this call.
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send).
    pub async fn send_with(
        &self,
        operation: &'static str,
        endpoints: &[String],
        credentials: &Credentials,
        build: &BuildRequest<'_>,
        options: &CallOptions,
    ) -> Result<http::Response<Vec<u8>>, SendError> {
        let call = Call {
            operation,
            endpoints,
            credentials,
            build,
            options,
        };
        let timeout = options.timeout.unwrap_or(self.config.timeout);
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
        let mut progress = Progress::default();
        // A deadline too far to be an `Instant` (`Duration::MAX`) is no deadline.
        let deadline = timeout.and_then(|timeout| started.checked_add(timeout));
        let sending = self
            .send_in_span(&call, &span, deadline, &mut progress)
            .instrument(span.clone());
        let result = match timeout {
            Some(timeout) => match tokio::time::timeout(timeout, sending).await {
                Ok(result) => result,
                Err(_) => Err(TransportError::new(
                    TransportErrorKind::DeadlineExceeded,
                    endpoints
                        .get(progress.endpoint)
                        .cloned()
                        .unwrap_or_default(),
                    format!(
                        "the call did not finish within its {} deadline ({})",
                        show_duration(timeout),
                        if options.timeout.is_some() {
                            "CallOptions::timeout"
                        } else {
                            "HttpConfig::timeout"
                        }
                    ),
                    progress.sent,
                )
                .into()),
            },
            None => sending.await,
        };
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

    /// Waits `delay` before a retry, unless that would pass the deadline.
    async fn back_off(delay: Duration, deadline: Option<Instant>) -> bool {
        // A wait too long to be an `Instant` passes any deadline.
        let passes = |deadline| {
            Instant::now()
                .checked_add(delay)
                .is_none_or(|end| end >= deadline)
        };
        if deadline.is_some_and(passes) {
            tracing::debug!(
                delay_ms = duration_ms(delay),
                "no retry: the wait would pass the deadline"
            );
            return false;
        }
        tokio::time::sleep(delay).await;
        true
    }

    /// The body of [`send_with`](Self::send_with), inside its span.
    async fn send_in_span(
        &self,
        call: &Call<'_>,
        span: &tracing::Span,
        deadline: Option<Instant>,
        progress: &mut Progress,
    ) -> Result<http::Response<Vec<u8>>, SendError> {
        let Call {
            operation,
            endpoints,
            credentials,
            ..
        } = *call;
        if endpoints.is_empty() {
            return Err(no_endpoint(operation));
        }
        let policy = call.options.retry.as_ref().unwrap_or(&self.config.retry);
        let max_attempts = policy.attempts();
        // `attempt` counts policy attempts; `progress.sent` counts every HTTP
        // attempt, failovers to the next endpoint and the skew retry included.
        let mut attempt = 1;
        let mut endpoint = 0;
        let mut tried_this_attempt = 0;
        let mut skew_retried = false;
        loop {
            progress.sent += 1;
            progress.endpoint = endpoint;
            let sent = progress.sent;
            tried_this_attempt += 1;
            span.record("attempt", sent);
            let started = Instant::now();
            let signed_at = self.signing_time();
            let outcome = self
                .attempt(&endpoints[endpoint], call, span, signed_at)
                .await?;
            let elapsed_ms = duration_ms(started.elapsed());
            match outcome {
                Attempt::Response(mut response) => {
                    // The transport's own notes on a response: never a server's.
                    for forged in [signature::CANONICAL_REQUEST_HEADER, skew::CLOCK_SKEW_HEADER] {
                        response.headers_mut().remove(forged);
                    }
                    let status = response.status();
                    tracing::debug!(
                        attempt = sent,
                        status = status.as_u16(),
                        elapsed_ms,
                        "attempt answered"
                    );
                    if let Some(ours) = self.canonical_for_mismatch(
                        &response,
                        &endpoints[endpoint],
                        call,
                        signed_at,
                    ) {
                        response.headers_mut().insert(
                            http::HeaderName::from_static(signature::CANONICAL_REQUEST_HEADER),
                            ours,
                        );
                        return Ok(response);
                    }
                    if let Some(offset) =
                        skew::expired_signature_offset(&response, SystemTime::now())
                    {
                        if !skew_retried && matches!(credentials.auth(), Auth::AkSk { .. }) {
                            self.clock_offset.store(offset, Ordering::Relaxed);
                            tracing::debug!(
                                offset_s = offset,
                                "signature expired: signing again with the gateway's time"
                            );
                            skew_retried = true;
                            continue;
                        }
                        skew::annotate(&mut response, offset);
                        return Ok(response);
                    }
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
                        if Self::back_off(delay, deadline).await {
                            attempt += 1;
                            tried_this_attempt = 0;
                            continue;
                        }
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
                    if failure.unreachable
                        && endpoints.len() > 1
                        && tried_this_attempt < endpoints.len()
                    {
                        endpoint = (endpoint + 1) % endpoints.len();
                        tracing::debug!(next = endpoint, "moving to the next endpoint");
                        continue;
                    }
                    let last = endpoint;
                    if failure.unreachable && endpoints.len() > 1 {
                        endpoint = (endpoint + 1) % endpoints.len();
                    }
                    if attempt < max_attempts
                        && policy.should_retry(&AttemptOutcome::Transport(failure.kind))
                    {
                        let delay = policy.delay(attempt);
                        tracing::debug!(attempt = sent, delay_ms = duration_ms(delay), "retrying");
                        if Self::back_off(delay, deadline).await {
                            attempt += 1;
                            tried_this_attempt = 0;
                            continue;
                        }
                    }
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

    /// The request to `endpoint`, with the `User-Agent` and signed at `at`.
    fn prepare(
        &self,
        endpoint: &str,
        call: &Call<'_>,
        at: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, SendError> {
        let mut request = (call.build)(endpoint)?;
        for (name, value) in &call.options.headers {
            request.headers_mut().insert(name, value.clone());
        }
        if !request.headers().contains_key(http::header::USER_AGENT) {
            // Checked in `with_client`.
            if let Ok(value) = http::HeaderValue::from_str(&self.config.user_agent) {
                request
                    .headers_mut()
                    .insert(http::header::USER_AGENT, value);
            }
        }
        call.credentials.authorize(&mut request, at)?;
        Ok(request)
    }

    /// When `response` says the signature does not match and shows the
    /// gateway's canonical request: this client's, for the same attempt
    /// (built and signed again at the same time), as the value of
    /// [`signature::CANONICAL_REQUEST_HEADER`].
    fn canonical_for_mismatch(
        &self,
        response: &http::Response<Vec<u8>>,
        endpoint: &str,
        call: &Call<'_>,
        at: SystemTime,
    ) -> Option<http::HeaderValue> {
        if !matches!(response.status().as_u16(), 400 | 401 | 403)
            || !matches!(call.credentials.auth(), Auth::AkSk { .. })
        {
            return None;
        }
        let body = String::from_utf8_lossy(response.body());
        signature::gateway_canonical(&body)?;
        let request = self.prepare(endpoint, call, at).ok()?;
        let (canonical, _) = signer::canonical_request(&request).ok()?;
        http::HeaderValue::from_str(&signature::header_value(&canonical)).ok()
    }

    /// Makes one attempt against `endpoint`, signed at `at`.
    async fn attempt(
        &self,
        endpoint: &str,
        call: &Call<'_>,
        span: &tracing::Span,
        at: SystemTime,
    ) -> Result<Attempt, SendError> {
        let request = self.prepare(endpoint, call, at)?;
        span.record("method", request.method().as_str());
        if let Some(host) = request.uri().host() {
            match request.uri().port_u16() {
                Some(port) => span.record("host", format!("{host}:{port}")),
                None => span.record("host", host),
            };
        }
        let cap = self.config.max_response_bytes;
        Ok(match self.client.send(request).await {
            Ok(response) if response.body().len() > cap => {
                Attempt::Failed(HttpClientError::body_too_large(cap))
            }
            Ok(response) => Attempt::Response(response),
            Err(failure) => Attempt::Failed(failure),
        })
    }
}

/// The error for a call of `operation` given no endpoint.
fn no_endpoint(operation: &'static str) -> SendError {
    InvalidRequest::single(operation, "endpoint", "no endpoint was given").into()
}

/// A duration in whole milliseconds, saturating.
fn duration_ms(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
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
        assert_eq!(config.timeout, Some(Duration::from_secs(300)));
        assert!(config.timeout.unwrap() > config.connect_timeout + config.read_timeout);
        assert_eq!(config.proxy_env, None);
        assert!(!config.danger_skip_tls_verification);
    }

    #[test]
    fn debug_hides_proxy_passwords() {
        let config = HttpConfig {
            proxy_auth: Some(ProxyAuth {
                user: "u".to_owned(),
                password: "hunter2".to_owned(),
            }),
            proxy_env: Some(ProxyEnv {
                https_proxy: Some("http://u:hunter2@p:1".to_owned()),
                ..ProxyEnv::default()
            }),
            ..HttpConfig::default()
        };
        let text = format!("{config:?}");
        assert!(!text.contains("hunter2"), "{text}");
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
