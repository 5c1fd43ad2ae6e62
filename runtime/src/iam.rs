//! The project id of AK/SK credentials that name none, looked up through IAM as the official
//! SDKs do: `GET {iam}/v3/projects?name={region}`, signed with the same credentials.
//!
//! `{iam}` is `HUAWEICLOUD_SDK_IAM_ENDPOINT` when set, else the region's IAM endpoint
//! (`https://iam.{region}.myhuaweicloud.com` for a region the service knows), else
//! `https://iam.myhuaweicloud.com`. The answer must hold exactly one project; none or several
//! is an error naming the region and IAM's trace id (`X-IAM-Trace-Id`). A project id found is
//! kept for the life of the process, per access key and region.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use crate::credentials::{Auth, Credentials, CredentialsError};
use crate::error::SendError;
use crate::text::escape_control;
use crate::transport::Transport;

/// Environment variable naming the IAM endpoint.
pub const ENV_IAM_ENDPOINT: &str = "HUAWEICLOUD_SDK_IAM_ENDPOINT";
/// The IAM endpoint used when neither the variable nor the region gives one.
pub const DEFAULT_IAM_ENDPOINT: &str = "https://iam.myhuaweicloud.com";
/// The operation name the lookup is sent (and traced) as.
pub const OPERATION: &str = "KeystoneListProjects";
/// The header with IAM's trace id.
pub const TRACE_ID_HEADER: &str = "x-iam-trace-id";

/// Project ids found, per (access key, region).
static CACHE: Mutex<Option<HashMap<(String, String), String>>> = Mutex::new(None);

/// The IAM endpoint for `region`: [`ENV_IAM_ENDPOINT`] when set, else
/// `https://iam.{region}.myhuaweicloud.com` when `region` is in `known_regions`, else
/// [`DEFAULT_IAM_ENDPOINT`].
///
/// ```
/// use huaweicloud_sdk_core::iam::iam_endpoint_with;
/// let none = |_: &str| None;
/// assert_eq!(iam_endpoint_with("cn-north-4", &["cn-north-4"], none), "https://iam.cn-north-4.myhuaweicloud.com");
/// assert_eq!(iam_endpoint_with("cn-north-7", &["cn-north-4"], none), "https://iam.myhuaweicloud.com");
/// ```
#[must_use]
pub fn iam_endpoint_with(
    region: &str,
    known_regions: &[&str],
    lookup: impl Fn(&str) -> Option<String>,
) -> String {
    if let Some(endpoint) = lookup(ENV_IAM_ENDPOINT).filter(|e| !e.trim().is_empty()) {
        return endpoint.trim().to_owned();
    }
    if known_regions.contains(&region) {
        format!("https://iam.{region}.myhuaweicloud.com")
    } else {
        DEFAULT_IAM_ENDPOINT.to_owned()
    }
}

/// The project id found before for this access key and region.
#[must_use]
pub fn cached_project_id(ak: &str, region: &str) -> Option<String> {
    let cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    cache
        .as_ref()?
        .get(&(ak.to_owned(), region.to_owned()))
        .cloned()
}

/// Looks up the project of `region` with AK/SK `credentials` at `iam_endpoint` (or returns
/// the one found before), sending the request through `transport` (signed, retried and
/// traced like any call).
///
/// # Errors
///
/// When the credentials are not AK/SK, the endpoint cannot be used, IAM cannot be reached or
/// refuses, or its answer holds no project or several; the message names the region and
/// IAM's trace id and says what to do, never a secret.
pub async fn lookup_project_id(
    transport: &Transport,
    iam_endpoint: &str,
    credentials: &Credentials,
    region: &str,
) -> Result<String, CredentialsError> {
    let Auth::AkSk { ak, .. } = credentials.auth() else {
        return Err(CredentialsError::new(
            "the project id can only be looked up with AK/SK credentials; set it on the \
             credentials (with_project_id)",
        ));
    };
    if let Some(project_id) = cached_project_id(ak, region) {
        return Ok(project_id);
    }
    let shown_region = escape_control(region);
    let fail = |what: String| {
        CredentialsError::new(format!(
            "cannot get the project id of region '{shown_region}' from IAM ({iam_endpoint}): \
             {what}; set the project id yourself (HUAWEICLOUD_SDK_PROJECT_ID, or \
             Credentials::with_project_id)"
        ))
    };
    let endpoint = crate::endpoint::explicit_endpoint(iam_endpoint)
        .map_err(|e| fail(format!("{e} (set {ENV_IAM_ENDPOINT} to a URL)")))?;
    let query = crate::encode::query_component(region);
    let build = |endpoint: &str| {
        http::Request::get(format!("{endpoint}/v3/projects?name={query}"))
            .body(Vec::new())
            .map_err(|_| {
                crate::InvalidRequest::single(OPERATION, "name", "is not a usable region id")
            })
    };
    let response = transport
        .send(
            OPERATION,
            std::slice::from_ref(&endpoint),
            credentials,
            &build,
        )
        .await
        .map_err(|e| match e {
            SendError::Credentials(e) => e,
            other => fail(other.to_string()),
        })?;
    let trace_id = response
        .headers()
        .get(TRACE_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .map_or_else(|| "none".to_owned(), |v| escape_control(v).into_owned());
    let (parts, body) = response.into_parts();
    if !parts.status.is_success() {
        let answer = match crate::response::decode_service_error::<serde_json::Value>(parts, &body)
        {
            Ok(error) => error.to_string(),
            Err(unhandled) => unhandled.to_string(),
        };
        return Err(fail(format!(
            "IAM answered {}, X-IAM-Trace-Id={trace_id}",
            escape_control(&answer)
        )));
    }
    #[derive(serde::Deserialize)]
    struct Projects {
        projects: Vec<Project>,
    }
    #[derive(serde::Deserialize)]
    struct Project {
        id: String,
    }
    let projects: Projects = serde_json::from_slice(&body).map_err(|_| {
        fail(format!(
            "IAM's answer is not a project list ({{\"projects\": [{{\"id\": ...}}]}}), \
             X-IAM-Trace-Id={trace_id}"
        ))
    })?;
    let project_id = match projects.projects.as_slice() {
        [] => {
            return Err(fail(format!(
                "IAM knows no project named '{shown_region}', X-IAM-Trace-Id={trace_id}; check \
                 that the region is right and the account has a project there"
            )));
        }
        [project] => project.id.trim().to_owned(),
        several => {
            let ids: Vec<String> = several
                .iter()
                .map(|p| escape_control(&p.id).into_owned())
                .collect();
            return Err(fail(format!(
                "IAM lists several projects [{}] for region '{shown_region}', \
                 X-IAM-Trace-Id={trace_id}; choose one",
                ids.join(", ")
            )));
        }
    };
    let usable = !project_id.is_empty()
        && project_id.len() <= 64
        && project_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !usable {
        return Err(fail(format!(
            "IAM answered a project id that is not one ({:?}), X-IAM-Trace-Id={trace_id}",
            escape_control(&project_id)
        )));
    }
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    cache
        .get_or_insert_with(HashMap::new)
        .insert((ak.clone(), region.to_owned()), project_id.clone());
    Ok(project_id)
}
