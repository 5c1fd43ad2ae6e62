//! Temporary credentials from the instance metadata of an ECS with an agency, as the official
//! SDKs get them (the last step of the client's credential chain).
//!
//! 1. `PUT {endpoint}/meta-data/latest/api/token` with `X-Metadata-Token-Ttl-Seconds: 21600`
//!    gets a session token; a `404`, `405` or `503` means the instance has no token service,
//!    and the next step goes without one.
//! 2. `GET {endpoint}/openstack/latest/securitykey` (with `X-Metadata-Token`) answers
//!    `{"credential": {"access", "secret", "securitytoken", "expires_at"}}`. A `401` whose body
//!    says "Please configure Cloud Service Agency first" means the ECS has no agency; another
//!    `401` gets a new session token and tries once more.
//!
//! Each step has a 3 s timeout. The credentials are kept until two hours before they expire
//! (the official SDKs' threshold), then fetched again; when that fails while the old ones are
//! still valid, the old ones are used. The endpoint is `http://169.254.169.254` unless
//! [`ENV_METADATA_ENDPOINT`] (this SDK's addition, for tests and proxies) or
//! [`MetadataCredentials::new`] names another.

use std::fmt;
use std::time::Duration;

use time::OffsetDateTime;

use crate::credentials::{Credentials, CredentialsError, Secret};
use crate::http_client::{BodyError, read_capped};
use crate::text::escape_control;

/// The instance metadata service of an ECS.
pub const DEFAULT_METADATA_ENDPOINT: &str = "http://169.254.169.254";
/// Environment variable naming another metadata endpoint (not in the official SDKs).
pub const ENV_METADATA_ENDPOINT: &str = "HUAWEICLOUD_SDK_METADATA_ENDPOINT";
/// Path of the session token step.
pub const TOKEN_PATH: &str = "/meta-data/latest/api/token";
/// Path of the security key step.
pub const SECURITY_KEY_PATH: &str = "/openstack/latest/securitykey";
/// How long before they expire the credentials are fetched again (two hours, as officially).
pub const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(2 * 60 * 60);
/// The timeout of each metadata request (3 s, as officially).
pub const METADATA_TIMEOUT: Duration = Duration::from_secs(3);
/// The message of a `401` from an ECS without an agency.
pub const NO_AGENCY_MESSAGE: &str = "Please configure Cloud Service Agency first";

/// The largest metadata answer read (64 KiB).
const MAX_BODY: usize = 64 * 1024;

/// Temporary AK/SK credentials from instance metadata, refreshed before they expire.
pub struct MetadataCredentials {
    endpoint: String,
    project_id: Option<String>,
    client: reqwest::Client,
    state: tokio::sync::Mutex<State>,
}

#[derive(Default)]
struct State {
    token: Option<Secret>,
    token_tried: bool,
    cached: Option<(Credentials, OffsetDateTime)>,
}

impl fmt::Debug for MetadataCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MetadataCredentials")
            .field("endpoint", &self.endpoint)
            .field("project_id", &self.project_id)
            .finish_non_exhaustive()
    }
}

/// What a metadata request got: the status and the body (at most [`MAX_BODY`] bytes).
struct Answer {
    status: u16,
    body: String,
}

impl MetadataCredentials {
    /// Credentials from the metadata service at `endpoint` (such as
    /// [`DEFAULT_METADATA_ENDPOINT`] or `http://127.0.0.1:8080` for a stand-in).
    ///
    /// # Errors
    ///
    /// When the endpoint is not a usable URL or the HTTP client cannot be set up.
    pub fn new(endpoint: &str) -> Result<Self, CredentialsError> {
        let endpoint = crate::endpoint::explicit_endpoint(endpoint).map_err(|e| {
            CredentialsError::new(format!(
                "the instance metadata endpoint cannot be used: {e}"
            ))
        })?;
        let client = reqwest::Client::builder()
            .use_rustls_tls()
            .connect_timeout(METADATA_TIMEOUT)
            .timeout(METADATA_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(0)
            .no_proxy()
            .build()
            .map_err(|_| CredentialsError::new("cannot set up the HTTP client for metadata"))?;
        Ok(Self {
            endpoint,
            project_id: None,
            client,
            state: tokio::sync::Mutex::new(State::default()),
        })
    }

    /// The endpoint from [`ENV_METADATA_ENDPOINT`] when set, else [`DEFAULT_METADATA_ENDPOINT`].
    #[must_use]
    pub fn default_endpoint_with(lookup: impl Fn(&str) -> Option<String>) -> String {
        lookup(ENV_METADATA_ENDPOINT)
            .map(|e| e.trim().to_owned())
            .filter(|e| !e.is_empty())
            .unwrap_or_else(|| DEFAULT_METADATA_ENDPOINT.to_owned())
    }

    /// Gives the credentials this project id (else it is looked up through IAM).
    #[must_use]
    pub fn with_project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// The metadata endpoint.
    #[must_use]
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The project id given with [`with_project_id`](Self::with_project_id).
    #[must_use]
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// The current credentials: those fetched before while they are more than
    /// [`REFRESH_BEFORE_EXPIRY`] from expiring, else fresh ones.
    ///
    /// # Errors
    ///
    /// When the metadata service cannot be reached, refuses (no agency, say) or answers
    /// something else than credentials; the error names the endpoint and the step, never a
    /// secret.
    pub async fn credentials(&self) -> Result<Credentials, CredentialsError> {
        let mut state = self.state.lock().await;
        let now = OffsetDateTime::now_utc();
        if let Some((credentials, expires)) = &state.cached
            && *expires - now > REFRESH_BEFORE_EXPIRY
        {
            return Ok(credentials.clone());
        }
        match self.fetch(&mut state).await {
            Ok((credentials, expires)) => {
                state.cached = Some((credentials.clone(), expires));
                Ok(credentials)
            }
            Err(error) => match &state.cached {
                Some((credentials, expires)) if *expires > now => {
                    tracing::warn!(%error, "refreshing metadata credentials failed; using the current ones until they expire");
                    Ok(credentials.clone())
                }
                _ => Err(error),
            },
        }
    }

    /// Both steps.
    async fn fetch(
        &self,
        state: &mut State,
    ) -> Result<(Credentials, OffsetDateTime), CredentialsError> {
        if state.token.is_none() && !state.token_tried {
            state.token = self.session_token(false).await?;
            state.token_tried = true;
        }
        let mut answer = self.security_key(state.token.as_ref()).await?;
        if answer.status == 401 && !answer.body.contains(NO_AGENCY_MESSAGE) {
            state.token = self.session_token(true).await?;
            answer = self.security_key(state.token.as_ref()).await?;
        }
        let url = format!("{}{SECURITY_KEY_PATH}", self.endpoint);
        if answer.status == 401 && answer.body.contains(NO_AGENCY_MESSAGE) {
            return Err(CredentialsError::new(format!(
                "instance metadata (GET {url}) answered 401 \"{NO_AGENCY_MESSAGE}\": this ECS has \
                 no agency; give it one in the ECS console (Management > Agency), or use AK/SK"
            )));
        }
        if answer.status != 200 {
            return Err(self.refused("GET", &url, &answer));
        }
        self.parse(&answer.body, &url)
    }

    /// The token step; `None` when the instance has no token service (unless `required`).
    async fn session_token(&self, required: bool) -> Result<Option<Secret>, CredentialsError> {
        let url = format!("{}{TOKEN_PATH}", self.endpoint);
        let request = self
            .client
            .put(&url)
            .header("X-Metadata-Token-Ttl-Seconds", "21600");
        let answer = self.send(request, "PUT", &url).await?;
        match answer.status {
            200 => Ok(Some(Secret::new(answer.body.trim()))),
            404 | 405 | 503 if !required => Ok(None),
            _ => Err(self.refused("PUT", &url, &answer)),
        }
    }

    /// The security key step.
    async fn security_key(&self, token: Option<&Secret>) -> Result<Answer, CredentialsError> {
        let url = format!("{}{SECURITY_KEY_PATH}", self.endpoint);
        let mut request = self.client.get(&url);
        if let Some(token) = token {
            let mut value = http::HeaderValue::from_str(token.expose()).map_err(|_| {
                CredentialsError::new(format!(
                    "the session token from PUT {}{TOKEN_PATH} cannot be sent in a header",
                    self.endpoint
                ))
            })?;
            value.set_sensitive(true);
            request = request.header("X-Metadata-Token", value);
        }
        self.send(request, "GET", &url).await
    }

    /// Sends a metadata request and reads at most [`MAX_BODY`] bytes of the answer.
    async fn send(
        &self,
        request: reqwest::RequestBuilder,
        method: &str,
        url: &str,
    ) -> Result<Answer, CredentialsError> {
        let failed = |what: String| {
            CredentialsError::new(format!(
                "instance metadata ({method} {url}): {what}; this is the last place credentials \
                 are looked for, so outside an ECS with an agency set HUAWEICLOUD_SDK_AK and \
                 HUAWEICLOUD_SDK_SK or write a credentials file"
            ))
        };
        let response = request.send().await.map_err(|e| {
            failed(if e.is_timeout() {
                format!("no answer within {} s", METADATA_TIMEOUT.as_secs())
            } else if e.is_connect() {
                "cannot connect".to_owned()
            } else {
                "the request failed".to_owned()
            })
        })?;
        let status = response.status().as_u16();
        let body = read_capped(response, MAX_BODY)
            .await
            .map_err(|error| match error {
                BodyError::TooLarge => {
                    failed(format!("the answer is larger than {MAX_BODY} bytes"))
                }
                BodyError::Failed(e, _) if e.is_timeout() => failed(format!(
                    "the answer did not end within {} s",
                    METADATA_TIMEOUT.as_secs()
                )),
                BodyError::Failed(..) => failed("the answer broke off".to_owned()),
            })?;
        Ok(Answer {
            status,
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    }

    /// An error for an unexpected status (the body is not shown: it may hold credentials).
    fn refused(&self, method: &str, url: &str, answer: &Answer) -> CredentialsError {
        CredentialsError::new(format!(
            "instance metadata ({method} {url}) answered {}; check that this is an ECS with an \
             agency, or set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK",
            answer.status
        ))
    }

    /// Reads the security key answer.
    fn parse(
        &self,
        body: &str,
        url: &str,
    ) -> Result<(Credentials, OffsetDateTime), CredentialsError> {
        #[derive(serde::Deserialize)]
        struct Answer {
            credential: Option<Fields>,
        }
        #[derive(serde::Deserialize)]
        struct Fields {
            access: Option<String>,
            secret: Option<String>,
            securitytoken: Option<String>,
            expires_at: Option<String>,
        }
        let invalid = |what: &str| {
            CredentialsError::new(format!(
                "instance metadata (GET {url}) answered 200 but {what}; expected \
                 {{\"credential\": {{\"access\", \"secret\", \"securitytoken\", \"expires_at\"}}}}"
            ))
        };
        // Not serde_json's error: it may quote a secret.
        let answer: Answer =
            serde_json::from_str(body).map_err(|_| invalid("not with the expected JSON"))?;
        let fields = answer
            .credential
            .ok_or_else(|| invalid("without `credential`"))?;
        let present = |value: Option<String>, name: &str| {
            value
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .ok_or_else(|| invalid(&format!("without `credential.{name}`")))
        };
        let access = present(fields.access, "access")?;
        let secret = present(fields.secret, "secret")?;
        let token = present(fields.securitytoken, "securitytoken")?;
        let expires_text = present(fields.expires_at, "expires_at")?;
        let expires = OffsetDateTime::parse(
            &expires_text,
            &time::format_description::well_known::Rfc3339,
        )
        .map_err(|_| {
            invalid(&format!(
                "with `credential.expires_at` {:?}, not a time such as 2026-12-01T20:00:00.000000Z",
                escape_control(&expires_text)
            ))
        })?;
        let mut credentials = Credentials::aksk(access, secret).with_security_token(token);
        if let Some(project_id) = &self.project_id {
            credentials = credentials.with_project_id(project_id.as_str());
        }
        Ok((credentials, expires))
    }
}
