//! Who a client acts as: its credentials (given, or found by the default chain, the last
//! step of which is instance metadata) and its project id (given, or looked up through IAM).

use std::sync::OnceLock;

use crate::credentials::{Auth, Credentials, CredentialsError};
use crate::metadata::MetadataCredentials;
use crate::transport::Transport;

/// Where the credentials come from.
pub(crate) enum Source {
    /// Given, or from the environment or the credentials file.
    Static(Credentials),
    /// From instance metadata, after `tried` (the environment and the file) found nothing.
    Metadata {
        provider: MetadataCredentials,
        tried: String,
    },
}

/// The credentials chain and project id lookup of one client.
pub(crate) struct Identity {
    source: Source,
    region: Option<String>,
    iam_endpoint: String,
    /// The project id looked up through IAM for this client's region.
    looked_up: OnceLock<String>,
}

impl Identity {
    /// The environment, then the credentials file, then instance metadata at
    /// `metadata_endpoint`, as the official SDKs look.
    pub(crate) fn default_source(
        lookup: impl Fn(&str) -> Option<String>,
        metadata_endpoint: Option<&str>,
    ) -> Result<Source, CredentialsError> {
        match Credentials::from_env_or_file_with(&lookup)? {
            Ok(credentials) => Ok(Source::Static(credentials)),
            Err(tried) => {
                let endpoint = metadata_endpoint.map_or_else(
                    || MetadataCredentials::default_endpoint_with(&lookup),
                    str::to_owned,
                );
                let mut provider = MetadataCredentials::new(&endpoint)?;
                if let Some(project_id) = lookup(crate::credentials::ENV_PROJECT_ID)
                    .map(|p| p.trim().to_owned())
                    .filter(|p| !p.is_empty())
                {
                    provider = provider.with_project_id(project_id);
                }
                Ok(Source::Metadata { provider, tried })
            }
        }
    }

    pub(crate) fn new(source: Source, region: Option<String>, iam_endpoint: String) -> Self {
        Self {
            source,
            region,
            iam_endpoint,
            looked_up: OnceLock::new(),
        }
    }

    /// How requests are authenticated, without any secret or key.
    pub(crate) fn describe(&self) -> &'static str {
        match &self.source {
            Source::Static(credentials) => crate::client::describe_auth(credentials),
            Source::Metadata { .. } => "temporary AK/SK from instance metadata",
        }
    }

    /// The project id known without asking anyone.
    pub(crate) fn project_id(&self) -> Option<&str> {
        let given = match &self.source {
            Source::Static(credentials) => credentials.project_id(),
            Source::Metadata { provider, .. } => provider.project_id(),
        };
        given.or_else(|| self.looked_up.get().map(String::as_str))
    }

    /// Whether the credentials come from instance metadata.
    pub(crate) fn uses_metadata(&self) -> bool {
        matches!(self.source, Source::Metadata { .. })
    }

    /// Whether a missing project id can be looked up: AK/SK credentials and a region.
    pub(crate) fn can_look_up(&self) -> bool {
        let aksk = match &self.source {
            Source::Static(credentials) => matches!(credentials.auth(), Auth::AkSk { .. }),
            Source::Metadata { .. } => true,
        };
        aksk && self.region.is_some()
    }

    /// The credentials to sign the next request with: fetched or refreshed from metadata if
    /// that is their source, with the project id looked up through IAM when they name none.
    pub(crate) async fn current(
        &self,
        transport: &Transport,
    ) -> Result<Credentials, CredentialsError> {
        let mut credentials = match &self.source {
            Source::Static(credentials) => credentials.clone(),
            Source::Metadata { provider, tried } => provider.credentials().await.map_err(|e| {
                CredentialsError::new(format!("no credentials found: {tried}; then {e}"))
            })?,
        };
        if credentials.project_id().is_some() {
            return Ok(credentials);
        }
        if let Some(project_id) = self.looked_up.get() {
            return Ok(credentials.with_project_id(project_id.as_str()));
        }
        if let (Some(region), true) = (&self.region, self.can_look_up()) {
            let project_id =
                crate::iam::lookup_project_id(transport, &self.iam_endpoint, &credentials, region)
                    .await?;
            let _ = self.looked_up.set(project_id.clone());
            credentials = credentials.with_project_id(project_id);
        }
        Ok(credentials)
    }

    /// [`current`](Self::current) from synchronous code: on a thread of its own with its own
    /// runtime (so it neither needs nor blocks the caller's runtime), sending through
    /// `transport` as [`Transport::for_another_runtime`] gives it (the user's HTTP client, or
    /// a fresh default one).
    pub(crate) fn current_blocking(
        &self,
        transport: &Transport,
    ) -> Result<Credentials, CredentialsError> {
        std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .map_err(|e| {
                            CredentialsError::new(format!(
                                "cannot start a runtime to look up the project id: {e}"
                            ))
                        })?;
                    runtime.block_on(async {
                        let transport = transport
                            .for_another_runtime()
                            .map_err(|e| CredentialsError::new(e.to_string()))?;
                        self.current(&transport).await
                    })
                })
                .join()
                .unwrap_or_else(|_| {
                    Err(CredentialsError::new(
                        "looking up the project id failed unexpectedly",
                    ))
                })
        })
    }
}
