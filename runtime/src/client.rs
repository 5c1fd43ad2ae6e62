//! The service-agnostic part of a generated client: choosing endpoints,
//! finding credentials and holding the transport.
//!
//! A generated crate describes its service with a [`ClientConfig`], and its
//! client wraps a [`ClientCore`] built by a [`ClientBuilder`]:
//!
//! ```no_run
//! use huaweicloud_sdk_core::client::{ClientBuilder, ClientConfig};
//! use huaweicloud_sdk_core::credentials::Credentials;
//! use huaweicloud_sdk_core::RetryPolicy;
//!
//! const DBSS: ClientConfig = ClientConfig {
//!     service: "dbss",
//!     endpoint_template: "https://dbss.{region}.myhuaweicloud.com",
//!     regions: &["ap-southeast-1", "cn-north-4"],
//! };
//!
//! let core = ClientBuilder::new(DBSS)
//!     .region("ap-southeast-1")
//!     .credentials(Credentials::aksk("AK", "SK").with_project_id("0123456789abcdef0123456789abcdef"))
//!     .retry(RetryPolicy::standard())
//!     .build()?;
//! assert_eq!(core.endpoints(), ["https://dbss.ap-southeast-1.myhuaweicloud.com"]);
//! # Ok::<(), huaweicloud_sdk_core::client::BuildError>(())
//! ```
//!
//! An explicit endpoint wins over the region. Without credentials, the
//! builder looks for them as the official SDKs do: the environment, the
//! credentials file ([`Credentials::from_default_chain`]), then instance
//! metadata ([`crate::metadata`], at the first call). AK/SK credentials
//! without a project id get it from IAM at the first call when a region is
//! set ([`crate::iam`]). [`ClientBuilder::from_env`] also
//! reads the region from `HUAWEICLOUD_SDK_REGION` and the endpoint from
//! `HUAWEICLOUD_SDK_ENDPOINT`.
//!
//! `Debug` never shows a secret key, a token or a proxy password.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::credentials::{Auth, Credentials, CredentialsError};
use crate::endpoint::{self, EndpointError};
use crate::error::{SendError, TransportError};
use crate::http_client::HttpClient;
use crate::identity::{Identity, Source};
use crate::retry::RetryPolicy;
use crate::transport::{BuildRequest, CallOptions, HttpConfig, ProxyAuth, ProxyEnv, Transport};

/// The environment variable [`ClientBuilder::from_env`] reads the region from.
pub const REGION_ENV: &str = "HUAWEICLOUD_SDK_REGION";

/// The environment variable [`ClientBuilder::from_env`] reads the endpoint
/// (or a comma-separated list of endpoints) from.
pub const ENDPOINT_ENV: &str = "HUAWEICLOUD_SDK_ENDPOINT";

/// What a generated crate knows about its service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientConfig {
    /// The service's short name, such as `dbss` (used for the
    /// `HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION>` endpoint override).
    pub service: &'static str,
    /// The endpoint of a region, such as `https://dbss.{region}.myhuaweicloud.com`.
    pub endpoint_template: &'static str,
    /// The regions the service is documented in.
    pub regions: &'static [&'static str],
}

/// Why a client could not be built.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// No credentials were given and none were found (the message says
    /// where they were looked for and how to set them).
    #[error("{0}")]
    Credentials(CredentialsError),
    /// The region or endpoint cannot be used.
    #[error("cannot choose an endpoint: {0}")]
    Endpoint(EndpointError),
    /// The HTTP client could not be set up.
    #[error("{0}")]
    Transport(TransportError),
    /// Neither a region nor an endpoint was set.
    #[error(
        "no region or endpoint set for {service}: call .region(\"{example_region}\") or \
         .endpoint(\"{example_endpoint}\") on the client builder, or set {REGION_ENV} or \
         {ENDPOINT_ENV} and build the client with from_env (Client::from_env())"
    )]
    NoEndpoint {
        /// The service, such as `dbss`.
        service: &'static str,
        /// A region to quote in the message.
        example_region: &'static str,
        /// That region's endpoint, to quote in the message.
        example_endpoint: String,
    },
}

/// Describes how requests are authenticated, without any secret or key.
pub(crate) fn describe_auth(credentials: &Credentials) -> &'static str {
    match credentials.auth() {
        Auth::Token(_) => "IAM token",
        Auth::AkSk {
            security_token: Some(_),
            ..
        } => "temporary AK/SK",
        Auth::AkSk { .. } => "AK/SK",
    }
}

/// The error for a call without a project id that cannot be looked up.
fn no_project(operation: &'static str, field: &str) -> SendError {
    crate::InvalidRequest::single(
        operation,
        field,
        "is not set, and the credentials name no project: set HUAWEICLOUD_SDK_PROJECT_ID, give the credentials a project id, set a region (with AK/SK it is then looked up in IAM), or set it on the call",
    )
    .into()
}

/// The project id of `credentials`, for a call that did not set the parameter `field`.
fn project_of(
    credentials: &Credentials,
    operation: &'static str,
    field: &str,
) -> Result<String, SendError> {
    credentials
        .project_id()
        .map(str::to_owned)
        .ok_or_else(|| no_project(operation, field))
}

/// Builds a [`ClientCore`]; see the [module documentation](self).
#[derive(Clone)]
pub struct ClientBuilder {
    config: ClientConfig,
    region: Option<String>,
    endpoints: Vec<String>,
    credentials: Option<Credentials>,
    http: HttpConfig,
    http_client: Option<Arc<dyn HttpClient>>,
    metadata_endpoint: Option<String>,
    iam_endpoint: Option<String>,
    environment: Option<Environment>,
    /// Made by `from_env`: `build` takes the region and endpoints not set otherwise from the
    /// environment (the one [`environment`](Self::environment) gives, if called).
    region_from_env: bool,
}

/// The environment a builder reads, as a function from a variable name to its value.
type Environment = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("service", &self.config.service)
            .field("region", &self.region)
            .field("endpoints", &self.endpoints)
            .field("auth", &self.credentials.as_ref().map(describe_auth))
            .field(
                "project_id",
                &self.credentials.as_ref().and_then(Credentials::project_id),
            )
            .field("http", &self.http)
            .field("custom_http_client", &self.http_client.is_some())
            .field("metadata_endpoint", &self.metadata_endpoint)
            .field("iam_endpoint", &self.iam_endpoint)
            .finish()
    }
}

impl ClientBuilder {
    /// A builder for the service `config` describes, with no region, no
    /// endpoint, no credentials and the default [`HttpConfig`].
    #[must_use]
    pub fn new(config: ClientConfig) -> Self {
        Self {
            config,
            region: None,
            endpoints: Vec::new(),
            credentials: None,
            http: HttpConfig::default(),
            http_client: None,
            metadata_endpoint: None,
            iam_endpoint: None,
            environment: None,
            region_from_env: false,
        }
    }

    /// A builder that takes its region from `HUAWEICLOUD_SDK_REGION` and its
    /// endpoint from `HUAWEICLOUD_SDK_ENDPOINT` (one URL, or several
    /// separated by commas), when they are set and not empty and no
    /// [`region`](Self::region) or endpoint is set on it; credentials
    /// come from the default chain unless [`credentials`](Self::credentials)
    /// is called. The variables are read when the client is built, from the
    /// process environment or the one [`environment`](Self::environment) gives.
    #[must_use]
    pub fn from_env(config: ClientConfig) -> Self {
        Self {
            region_from_env: true,
            ..Self::new(config)
        }
    }

    /// The region and endpoints of [`from_env`](Self::from_env), where none is set.
    fn with_env_defaults(mut self) -> Self {
        if !self.region_from_env {
            return self;
        }
        if self.region.is_none() {
            self.region = self
                .var(REGION_ENV)
                .filter(|r| !r.trim().is_empty())
                .map(|r| r.trim().to_owned());
        }
        if self.endpoints.is_empty()
            && let Some(endpoints) = self.var(ENDPOINT_ENV)
        {
            self.endpoints = endpoints
                .split(',')
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(str::to_owned)
                .collect();
        }
        self
    }

    /// Sets the region, such as `ap-southeast-1`.
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets one endpoint, such as `https://dbss.ap-southeast-1.myhuaweicloud.com`
    /// or `http://127.0.0.1:8080`; it wins over the region.
    #[must_use]
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoints = vec![endpoint.into()];
        self
    }

    /// Sets several endpoints, tried in order when a host cannot be reached;
    /// they win over the region.
    #[must_use]
    pub fn endpoints<I, S>(mut self, endpoints: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.endpoints = endpoints.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the credentials (otherwise looked up with
    /// [`Credentials::from_default_chain`] when building).
    #[must_use]
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Sets the instance metadata endpoint, the last step of the default
    /// credential chain (else `HUAWEICLOUD_SDK_METADATA_ENDPOINT`, else
    /// `http://169.254.169.254`).
    #[must_use]
    pub fn metadata_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.metadata_endpoint = Some(endpoint.into());
        self
    }

    /// Sets the IAM endpoint the project id is looked up at (else
    /// `HUAWEICLOUD_SDK_IAM_ENDPOINT`, else the region's IAM endpoint).
    #[must_use]
    pub fn iam_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.iam_endpoint = Some(endpoint.into());
        self
    }

    /// Reads the environment (credentials, credentials and regions files,
    /// endpoint overrides, metadata and IAM endpoints) from `lookup` instead
    /// of the process environment: for tests, or to configure a client from
    /// elsewhere.
    #[must_use]
    pub fn environment(
        mut self,
        lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.environment = Some(Arc::new(lookup));
        self
    }

    /// A variable of the environment this builder reads.
    fn var(&self, name: &str) -> Option<String> {
        match &self.environment {
            Some(lookup) => lookup(name),
            None => std::env::var(name).ok(),
        }
    }

    /// Replaces the whole HTTP configuration (call it before the finer
    /// settings below).
    #[must_use]
    pub fn http(mut self, http: HttpConfig) -> Self {
        self.http = http;
        self
    }

    /// Sets when to try again.
    #[must_use]
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.http.retry = retry;
        self
    }

    /// Sets how long to wait for a connection.
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.http.connect_timeout = timeout;
        self
    }

    /// Sets how long to wait for each read of a response.
    #[must_use]
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.http.read_timeout = timeout;
        self
    }

    /// Sets the deadline of a whole call, retries included (300 s by
    /// default, see [`HttpConfig::timeout`]); `None` for none.
    #[must_use]
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.http.timeout = timeout.into();
        self
    }

    /// Sends every request through the proxy at `url`, such as
    /// `http://proxy.example.com:3128` (the URL is never printed).
    #[must_use]
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.http.proxy = Some(url.into());
        self
    }

    /// Authenticates to the proxy with `user` and `password` (never printed).
    #[must_use]
    pub fn proxy_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.http.proxy_auth = Some(ProxyAuth {
            user: user.into(),
            password: password.into(),
        });
        self
    }

    /// Uses the proxies of `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (read
    /// now) when no [`proxy`](Self::proxy) is set.
    #[must_use]
    pub fn proxy_from_env(mut self) -> Self {
        self.http.proxy_env = Some(ProxyEnv::from_env());
        self
    }

    /// Trusts the CA certificates of the PEM file at `path` besides the
    /// built-in roots.
    #[must_use]
    pub fn ca_bundle(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.http.ca_bundle = Some(path.into());
        self
    }

    /// DANGEROUS: accepts any TLS certificate, so anyone on the network path
    /// can read and change requests, credentials included. Prefer
    /// [`ca_bundle`](Self::ca_bundle).
    #[must_use]
    pub fn danger_skip_tls_verification(mut self) -> Self {
        self.http.danger_skip_tls_verification = true;
        self
    }

    /// Appends `suffix` (such as `my-tool/1.2`) to the `User-Agent`, after a
    /// space.
    #[must_use]
    pub fn user_agent_suffix(mut self, suffix: &str) -> Self {
        self.http.user_agent = format!("{} {suffix}", self.http.user_agent);
        self
    }

    /// Sends every request through `client` instead of the default reqwest
    /// stack (the connection settings above then do not apply).
    #[must_use]
    pub fn http_client(mut self, client: Arc<dyn HttpClient>) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Chooses the endpoints, finds the credentials and sets up the HTTP
    /// client.
    ///
    /// # Errors
    ///
    /// Returns a [`BuildError`] when neither a region nor an endpoint is set,
    /// an endpoint or the region cannot be used, no credentials are found, or
    /// the HTTP client cannot be set up.
    pub fn build(self) -> Result<ClientCore, BuildError> {
        let this = self.with_env_defaults();
        this.build_now()
    }

    /// [`build`](Self::build), the environment's defaults applied.
    fn build_now(self) -> Result<ClientCore, BuildError> {
        let endpoints = self.choose_endpoints()?;
        let env = |name: &str| self.var(name);
        let source = match self.credentials.clone() {
            Some(credentials) => Source::Static(credentials),
            None => Identity::default_source(env, self.metadata_endpoint.as_deref())
                .map_err(BuildError::Credentials)?,
        };
        let iam_endpoint = self.iam_endpoint.clone().unwrap_or_else(|| {
            let region = self.region.as_deref().unwrap_or_default();
            crate::iam::iam_endpoint_with(region, self.config.regions, env)
        });
        let identity = Identity::new(source, self.region.clone(), iam_endpoint);
        let transport = match self.http_client {
            Some(client) => Transport::with_client(self.http, client),
            None => Transport::new(self.http),
        }
        .map_err(BuildError::Transport)?;
        Ok(ClientCore {
            inner: Arc::new(Inner {
                service: self.config.service,
                region: self.region,
                endpoints,
                identity,
                transport,
            }),
        })
    }

    /// The explicit endpoints, else the region's.
    fn choose_endpoints(&self) -> Result<Vec<String>, BuildError> {
        let config = &self.config;
        if !self.endpoints.is_empty() {
            return self
                .endpoints
                .iter()
                .map(|e| endpoint::explicit_endpoint(e).map_err(BuildError::Endpoint))
                .collect();
        }
        match &self.region {
            Some(region) => endpoint::region_endpoints_with(
                config.service,
                region,
                config.endpoint_template,
                config.regions,
                |name| self.var(name),
            )
            .map_err(BuildError::Endpoint),
            None => {
                let example_region = config.regions.first().copied().unwrap_or("ap-southeast-1");
                Err(BuildError::NoEndpoint {
                    service: config.service,
                    example_region,
                    example_endpoint: config.endpoint_template.replace("{region}", example_region),
                })
            }
        }
    }
}

/// What a [`ClientCore`] shares between its clones.
struct Inner {
    service: &'static str,
    region: Option<String>,
    endpoints: Vec<String>,
    identity: Identity,
    transport: Transport,
}

/// The service-agnostic core of a generated client: its endpoints,
/// credentials and transport. Cheap to clone (clones share everything,
/// connection pool included).
#[derive(Clone)]
pub struct ClientCore {
    inner: Arc<Inner>,
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("ClientCore")
            .field("service", &inner.service)
            .field("region", &inner.region)
            .field("endpoints", &inner.endpoints)
            .field("auth", &inner.identity.describe())
            .field("project_id", &inner.identity.project_id())
            .field("http", inner.transport.config())
            .finish()
    }
}

impl ClientCore {
    /// A builder for the service `config` describes.
    #[must_use]
    pub fn builder(config: ClientConfig) -> ClientBuilder {
        ClientBuilder::new(config)
    }

    /// The service, such as `dbss`.
    #[must_use]
    pub fn service(&self) -> &'static str {
        self.inner.service
    }

    /// The region, when one was set.
    #[must_use]
    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }

    /// The project id of the credentials, which fills `{project_id}` (or the
    /// one looked up through IAM, once it has been).
    #[must_use]
    pub fn project_id(&self) -> Option<&str> {
        self.inner.identity.project_id()
    }

    /// [`resolve_project_id`](Self::resolve_project_id) for synchronous
    /// code; async code (generated `send()` included) should call that one.
    ///
    /// The project id of the credentials, for a call that did not set the
    /// parameter `field` of `operation` itself. When the credentials name
    /// none, it is looked up through IAM (AK/SK credentials and a region
    /// needed), blocking this thread for that one request (once per client
    /// and region): the lookup runs on a helper thread with a runtime of its
    /// own, through the client's HTTP client when one was given
    /// ([`ClientBuilder::http_client`]), else through a default client with
    /// the same settings (proxy, CA bundle, timeouts, deadline).
    ///
    /// # Errors
    ///
    /// An [`InvalidRequest`](crate::InvalidRequest) naming `field`, saying how
    /// to set a project, when there is none and it cannot be looked up; a
    /// credentials error when the lookup fails.
    pub fn require_project_id(
        &self,
        operation: &'static str,
        field: &str,
    ) -> Result<String, SendError> {
        if let Some(project_id) = self.project_id() {
            return Ok(project_id.to_owned());
        }
        if !self.inner.identity.can_look_up() {
            if self.inner.identity.uses_metadata() {
                // Whether there are credentials at all is the first thing to tell.
                self.inner
                    .identity
                    .current_blocking(&self.inner.transport)?;
            }
            return Err(no_project(operation, field));
        }
        let credentials = self
            .inner
            .identity
            .current_blocking(&self.inner.transport)?;
        project_of(&credentials, operation, field)
    }

    /// The project id for a call that did not set the parameter `field` of
    /// `operation` itself: the credentials' (given, from
    /// `HUAWEICLOUD_SDK_PROJECT_ID` or the credentials file), else the one
    /// IAM gives for the client's region (AK/SK credentials only; looked up
    /// once per access key and region, through the client's transport, and
    /// kept). This is the call async code makes before building a request;
    /// [`require_project_id`](Self::require_project_id) does the same from
    /// synchronous code.
    ///
    /// # Errors
    ///
    /// An [`InvalidRequest`](crate::InvalidRequest) naming `field`, saying how
    /// to set a project, when there is none and it cannot be looked up; a
    /// credentials error when the credentials cannot be had or the lookup
    /// fails (the message names IAM's trace id).
    pub async fn resolve_project_id(
        &self,
        operation: &'static str,
        field: &str,
    ) -> Result<String, SendError> {
        let credentials = self.credentials().await?;
        project_of(&credentials, operation, field)
    }

    /// The endpoints, in the order they are tried.
    #[must_use]
    pub fn endpoints(&self) -> &[String] {
        &self.inner.endpoints
    }

    /// The HTTP configuration.
    #[must_use]
    pub fn http_config(&self) -> &HttpConfig {
        self.inner.transport.config()
    }

    /// Sends one call of `operation` (such as `ListInstances`): `build` makes
    /// the request for an endpoint; see [`Transport::send`].
    ///
    /// # Errors
    ///
    /// As [`Transport::send`].
    pub async fn execute(
        &self,
        operation: &'static str,
        build: &BuildRequest<'_>,
    ) -> Result<http::Response<Vec<u8>>, SendError> {
        self.execute_with(operation, build, &CallOptions::new())
            .await
    }

    /// [`execute`](Self::execute) with a deadline, retry policy or extra
    /// headers for this call only (see [`CallOptions`]).
    ///
    /// # Errors
    ///
    /// As [`Transport::send`].
    pub async fn execute_with(
        &self,
        operation: &'static str,
        build: &BuildRequest<'_>,
        options: &CallOptions,
    ) -> Result<http::Response<Vec<u8>>, SendError> {
        let credentials = self.credentials().await?;
        let inner = &*self.inner;
        inner
            .transport
            .send_with(operation, &inner.endpoints, &credentials, build, options)
            .await
    }

    /// The exact request that [`execute_with`](Self::execute_with) would put
    /// on the wire first, without sending it: built for the first endpoint,
    /// with the options' headers and the `User-Agent`, signed with the
    /// client's credentials (fetched from instance metadata, with the
    /// project id looked up in IAM, if that is where they come from). Send
    /// it with any HTTP client; the signature is valid for 15 minutes.
    ///
    /// # Errors
    ///
    /// As [`Transport::signed_request`], and a credentials error when the
    /// credentials cannot be had.
    pub async fn signed_request(
        &self,
        operation: &'static str,
        build: &BuildRequest<'_>,
        options: &CallOptions,
    ) -> Result<http::Request<Vec<u8>>, SendError> {
        let credentials = self.credentials().await?;
        let inner = &*self.inner;
        inner
            .transport
            .signed_request(operation, &inner.endpoints, &credentials, build, options)
    }

    /// The client's credentials now (fetched or refreshed, if that is where they come from).
    async fn credentials(&self) -> Result<Credentials, CredentialsError> {
        self.inner.identity.current(&self.inner.transport).await
    }

    /// Sends one call of `operation` as [`execute`](Self::execute) does, and
    /// reads the response with `parse` (a generated `parse_response`).
    ///
    /// # Errors
    ///
    /// As [`execute`](Self::execute), or the operation's error `E` from
    /// `parse` as [`Error::Operation`](crate::Error::Operation).
    pub async fn call<T, E>(
        &self,
        operation: &'static str,
        build: &BuildRequest<'_>,
        parse: fn(http::Response<Vec<u8>>) -> Result<T, E>,
    ) -> Result<T, crate::Error<E>> {
        self.call_with(operation, build, parse, &CallOptions::new())
            .await
    }

    /// [`call`](Self::call) with a deadline, retry policy or extra headers
    /// for this call only (see [`CallOptions`]): what a generated call
    /// builder's per-call options send through.
    ///
    /// # Errors
    ///
    /// As [`call`](Self::call).
    pub async fn call_with<T, E>(
        &self,
        operation: &'static str,
        build: &BuildRequest<'_>,
        parse: fn(http::Response<Vec<u8>>) -> Result<T, E>,
        options: &CallOptions,
    ) -> Result<T, crate::Error<E>> {
        let response = self.execute_with(operation, build, options).await?;
        parse(response).map_err(crate::Error::Operation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DBSS: ClientConfig = ClientConfig {
        service: "dbss",
        endpoint_template: "https://dbss.{region}.myhuaweicloud.com",
        regions: &["ap-southeast-1", "cn-north-4"],
    };

    fn vars(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn from_env_reads_region_and_endpoints() {
        let builder = ClientBuilder::from_env(DBSS)
            .environment(vars(&[
                (REGION_ENV, " cn-north-4 "),
                (ENDPOINT_ENV, "http://127.0.0.1:1, http://127.0.0.1:2,"),
            ]))
            .with_env_defaults();
        assert_eq!(builder.region.as_deref(), Some("cn-north-4"));
        assert_eq!(
            builder.endpoints,
            ["http://127.0.0.1:1", "http://127.0.0.1:2"]
        );
        let builder = ClientBuilder::from_env(DBSS)
            .environment(vars(&[(REGION_ENV, " ")]))
            .with_env_defaults();
        assert_eq!(builder.region, None);
        assert!(builder.endpoints.is_empty());
        // What is set on the builder wins over the environment; `new` reads none of it.
        let builder = ClientBuilder::from_env(DBSS)
            .environment(vars(&[
                (REGION_ENV, "cn-north-4"),
                (ENDPOINT_ENV, "http://127.0.0.1:1"),
            ]))
            .region("ap-southeast-1")
            .endpoint("http://127.0.0.1:3")
            .with_env_defaults();
        assert_eq!(builder.region.as_deref(), Some("ap-southeast-1"));
        assert_eq!(builder.endpoints, ["http://127.0.0.1:3"]);
        let builder = ClientBuilder::new(DBSS)
            .environment(vars(&[(REGION_ENV, "cn-north-4")]))
            .with_env_defaults();
        assert_eq!(builder.region, None);
    }

    #[test]
    fn no_region_nor_endpoint_says_how_to_set_one() {
        let error = ClientBuilder::new(DBSS)
            .credentials(Credentials::token("t"))
            .build()
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "no region or endpoint set for dbss: call .region(\"ap-southeast-1\") or \
             .endpoint(\"https://dbss.ap-southeast-1.myhuaweicloud.com\") on the client builder, \
             or set HUAWEICLOUD_SDK_REGION or HUAWEICLOUD_SDK_ENDPOINT and build the client \
             with from_env (Client::from_env())"
        );
    }
}
