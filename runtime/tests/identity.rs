//! The client's identity against stand-ins on 127.0.0.1: the credential chain ending with
//! instance metadata, the project id looked up through IAM, the regions file and endpoint
//! paths. Nothing here contacts 169.254.169.254 or a real endpoint: every builder reads its
//! environment from a map ([`ClientBuilder::environment`]) that points the metadata and IAM
//! endpoints at stand-ins.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use huaweicloud_sdk_core::client::{BuildError, ClientBuilder, ClientConfig, ClientCore};
use huaweicloud_sdk_core::credentials::{Credentials, CredentialsError};
use huaweicloud_sdk_core::metadata::MetadataCredentials;
use huaweicloud_sdk_core::{SendError, http, signer};

const CONFIG: ClientConfig = ClientConfig {
    service: "dbss",
    endpoint_template: "https://dbss.{region}.myhuaweicloud.com",
    regions: &["cn-north-4", "ap-southeast-1"],
};
const PROJECT: &str = "0123456789abcdef0123456789abcdef";
const TEMP_SK: &str = "TEMP-SECRET-sk-0042";
const TEMP_TOKEN: &str = "TEMP-SECURITY-token-0042";
const SESSION: &str = "SESSION-metadata-token-0042";
const SK: &str = "LONG-TERM-SECRET-sk-0042";

#[path = "support/raw.rs"]
mod raw;

/// A request a stand-in got.
type Seen = raw::Request;

/// An answer: status, headers, body.
type Reply = (u16, Vec<(String, String)>, String);

/// An HTTP/1.1 stand-in on 127.0.0.1 (`support/raw.rs`) answering each request with `handler`,
/// one request a connection.
struct StandIn(raw::Server);

impl StandIn {
    async fn start(handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> Self {
        StandIn(
            raw::Server::start(move |seen, _| {
                let (status, headers, body) = handler(seen);
                let mut all = vec![("Connection", "close")];
                all.extend(headers.iter().map(|(n, v)| (n.as_str(), v.as_str())));
                raw::Reply::Close(raw::response(status, &all, &body))
            })
            .await,
        )
    }

    fn url(&self) -> String {
        self.0.url()
    }

    fn seen(&self) -> Vec<Seen> {
        self.0.received()
    }

    fn count(&self, method: &str, path_start: &str) -> usize {
        self.seen()
            .iter()
            .filter(|s| s.method == method && s.target.starts_with(path_start))
            .count()
    }
}

fn reply(status: u16, body: &str) -> Reply {
    (status, Vec::new(), body.to_owned())
}

/// A security key answer expiring `hours` from now.
fn security_key(access: &str, hours: i64) -> String {
    let expires = time::OffsetDateTime::now_utc() + time::Duration::hours(hours);
    let expires = expires
        .format(&time::format_description::well_known::Rfc3339)
        .expect("format");
    format!(
        r#"{{"credential":{{"access":"{access}","secret":"{TEMP_SK}","securitytoken":"{TEMP_TOKEN}","expires_at":"{expires}"}}}}"#
    )
}

/// A metadata service with a token service, whose credentials expire in `hours`, that also
/// answers every other request with `{}` (the gateway).
async fn metadata_and_gateway(access: &'static str, hours: i64) -> StandIn {
    StandIn::start(
        move |seen| match (seen.method.as_str(), seen.target.as_str()) {
            ("PUT", "/meta-data/latest/api/token") => reply(200, SESSION),
            ("GET", "/openstack/latest/securitykey") => {
                if seen.header("x-metadata-token") == Some(SESSION) {
                    reply(200, &security_key(access, hours))
                } else {
                    reply(401, "no token")
                }
            }
            _ => reply(200, "{}"),
        },
    )
    .await
}

/// An environment: `pairs`, with HOME an empty temporary directory (no credentials file).
fn env(
    home: &tempfile::TempDir,
    pairs: &[(&str, &str)],
) -> impl Fn(&str) -> Option<String> + Send + Sync + 'static {
    let mut map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let home_var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    map.insert(
        home_var.to_owned(),
        home.path().to_str().expect("UTF-8").to_owned(),
    );
    move |name| map.get(name).cloned()
}

/// Sends `POST /v2/{project}/x` to the core's endpoint.
async fn post(core: &ClientCore, project: &str) -> Result<http::Response<Vec<u8>>, SendError> {
    let path = format!("/v2/{project}/x");
    core.execute("Test", &move |endpoint: &str| {
        Ok(http::Request::post(format!("{endpoint}{path}"))
            .body(Vec::new())
            .expect("request"))
    })
    .await
}

fn assert_no_secret(text: &str) {
    for secret in [TEMP_SK, TEMP_TOKEN, SESSION, SK] {
        assert!(!text.contains(secret), "{secret} shown in {text}");
    }
}

// ---------------------------------------------------------------------------
// Instance metadata.

#[tokio::test]
async fn without_env_or_file_the_chain_signs_with_metadata_credentials() {
    let server = metadata_and_gateway("TEMPAK1", 6).await;
    let home = tempfile::tempdir().expect("temp dir");
    let core = ClientBuilder::new(CONFIG)
        .endpoint(server.url())
        .environment(env(
            &home,
            &[
                ("HUAWEICLOUD_SDK_METADATA_ENDPOINT", &server.url()),
                ("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT),
            ],
        ))
        .build()
        .expect("builds");
    assert_eq!(core.project_id(), Some(PROJECT));
    let shown = format!("{core:?}");
    assert!(shown.contains("instance metadata"), "{shown}");
    post(&core, PROJECT).await.expect("sent");
    post(&core, PROJECT).await.expect("sent again");

    let seen = server.seen();
    let token = &seen[0];
    assert_eq!(
        (token.method.as_str(), token.target.as_str()),
        ("PUT", "/meta-data/latest/api/token")
    );
    assert_eq!(token.header("x-metadata-token-ttl-seconds"), Some("21600"));
    assert_eq!(seen[1].target, "/openstack/latest/securitykey");
    assert_eq!(seen[1].header("x-metadata-token"), Some(SESSION));
    // Both calls signed with the temporary credentials, fetched once (6 h from expiry).
    let calls: Vec<&Seen> = seen.iter().filter(|s| s.method == "POST").collect();
    assert_eq!(calls.len(), 2, "{seen:?}");
    assert_eq!(server.count("GET", "/openstack"), 1);
    for call in calls {
        assert_eq!(call.header("x-security-token"), Some(TEMP_TOKEN));
        assert_eq!(call.header("x-project-id"), Some(PROJECT));
        assert!(
            call.header("authorization")
                .is_some_and(|a| a.contains("Access=TEMPAK1")),
            "{call:?}"
        );
        signer::verify(&call.to_http(), "TEMPAK1", TEMP_SK).expect("signature");
    }
}

#[tokio::test]
async fn credentials_are_refreshed_two_hours_before_they_expire() {
    let soon = metadata_and_gateway("TEMPAK2", 1).await;
    let provider = MetadataCredentials::new(&soon.url()).expect("provider");
    provider.credentials().await.expect("first");
    provider.credentials().await.expect("second");
    assert_eq!(
        soon.count("GET", "/openstack"),
        2,
        "1 h left: fetched again"
    );
    // The session token is asked for once.
    assert_eq!(soon.count("PUT", "/meta-data"), 1);

    let later = metadata_and_gateway("TEMPAK3", 3).await;
    let provider = MetadataCredentials::new(&later.url()).expect("provider");
    provider.credentials().await.expect("first");
    provider.credentials().await.expect("second");
    assert_eq!(later.count("GET", "/openstack"), 1, "3 h left: kept");
}

#[tokio::test]
async fn without_a_token_service_the_security_key_is_asked_without_token() {
    for status in [404, 405, 503] {
        let server = StandIn::start(move |seen| match seen.method.as_str() {
            "PUT" => reply(status, "no"),
            _ => reply(200, &security_key("TEMPAK4", 6)),
        })
        .await;
        let provider = MetadataCredentials::new(&server.url()).expect("provider");
        provider.credentials().await.expect("credentials");
        let get = &server.seen()[1];
        assert_eq!(get.header("x-metadata-token"), None, "{status}");
    }
    // Any other status of the token step is an error naming the step.
    let server = StandIn::start(|_| reply(500, "boom")).await;
    let provider = MetadataCredentials::new(&server.url()).expect("provider");
    let e = provider.credentials().await.expect_err("500");
    assert!(e.to_string().contains("PUT http://127.0.0.1:"), "{e}");
    assert!(e.to_string().contains("answered 500"), "{e}");
}

#[tokio::test]
async fn a_401_gets_a_new_session_token_and_one_more_try() {
    let puts = Arc::new(Mutex::new(0));
    let counter = Arc::clone(&puts);
    let server = StandIn::start(move |seen| match seen.method.as_str() {
        "PUT" => {
            let mut n = counter.lock().expect("count");
            *n += 1;
            reply(200, &format!("{SESSION}-{n}"))
        }
        _ if seen.header("x-metadata-token") == Some(&format!("{SESSION}-2")) => {
            reply(200, &security_key("TEMPAK5", 6))
        }
        _ => reply(401, "token expired"),
    })
    .await;
    let provider = MetadataCredentials::new(&server.url()).expect("provider");
    provider.credentials().await.expect("second token works");
    assert_eq!(*puts.lock().expect("count"), 2);
}

#[tokio::test]
async fn an_ecs_without_agency_says_so_and_what_was_tried() {
    let server = StandIn::start(|seen| match seen.method.as_str() {
        "PUT" => reply(200, SESSION),
        _ => reply(
            401,
            r#"{"error":"Please configure Cloud Service Agency first"}"#,
        ),
    })
    .await;
    let home = tempfile::tempdir().expect("temp dir");
    let core = ClientBuilder::new(CONFIG)
        .endpoint(server.url())
        .metadata_endpoint(server.url())
        .environment(env(&home, &[("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT)]))
        .build()
        .expect("builds");
    let e = post(&core, PROJECT).await.expect_err("no agency");
    let message = e.to_string();
    for needle in [
        "no agency",
        "Please configure Cloud Service Agency first",
        "HUAWEICLOUD_SDK_AK",
        "credentials file",
        ".huaweicloud",
        "/openstack/latest/securitykey",
    ] {
        assert!(message.contains(needle), "{needle}: {message}");
    }
    // No new session token for the agency 401, and nothing reached the gateway.
    assert_eq!(server.count("PUT", "/"), 1);
    assert_eq!(server.count("POST", "/"), 0);
    assert!(matches!(e, SendError::Credentials(_)), "{e:?}");
}

#[tokio::test]
async fn unreachable_metadata_is_an_error_naming_every_source() {
    let unused = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address").port()
    };
    let metadata = format!("http://127.0.0.1:{unused}");
    let home = tempfile::tempdir().expect("temp dir");
    let core = ClientBuilder::new(CONFIG)
        .endpoint("http://127.0.0.1:9")
        .environment(env(
            &home,
            &[
                ("HUAWEICLOUD_SDK_METADATA_ENDPOINT", &metadata),
                ("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT),
            ],
        ))
        .build()
        .expect("builds");
    let started = std::time::Instant::now();
    let e = post(&core, PROJECT).await.expect_err("unreachable");
    assert!(started.elapsed() < Duration::from_secs(10));
    let message = e.to_string();
    for needle in [
        "no credentials found",
        "HUAWEICLOUD_SDK_AK",
        "does not exist",
        &format!("PUT {metadata}/meta-data/latest/api/token"),
        "cannot connect",
    ] {
        assert!(message.contains(needle), "{needle}: {message}");
    }
}

#[tokio::test]
async fn bad_answers_are_errors_without_secrets() {
    let cases: [(&str, &str); 5] = [
        ("not json", "expected JSON"),
        (r#"{"other":1}"#, "without `credential`"),
        (
            &*Box::leak(
                format!(r#"{{"credential":{{"access":"A","secret":"{TEMP_SK}","securitytoken":"{TEMP_TOKEN}"}}}}"#)
                    .into_boxed_str(),
            ),
            "credential.expires_at",
        ),
        (
            &*Box::leak(
                format!(r#"{{"credential":{{"access":"A","secret":"{TEMP_SK}","securitytoken":"{TEMP_TOKEN}","expires_at":"tomorrow\u001b[2J"}}}}"#)
                    .into_boxed_str(),
            ),
            "not a time",
        ),
        (
            &*Box::leak(format!(r#"{{"credential":{{"access":"A","secretx":"{TEMP_SK}"}}}}"#).into_boxed_str()),
            "credential.secret",
        ),
    ];
    for (body, expected) in cases {
        let server = StandIn::start(move |seen| match seen.method.as_str() {
            "PUT" => reply(404, ""),
            _ => reply(200, body),
        })
        .await;
        let provider = MetadataCredentials::new(&server.url()).expect("provider");
        let e = provider.credentials().await.expect_err(body);
        let shown = format!("{e} {e:?} {provider:?}");
        assert!(shown.contains(expected), "{expected}: {shown}");
        assert!(!shown.contains('\u{1b}'), "{shown}");
        assert_no_secret(&shown);
    }
    // A huge answer is cut off.
    let server = StandIn::start(|seen| match seen.method.as_str() {
        "PUT" => reply(404, ""),
        _ => reply(200, &"x".repeat(1 << 20)),
    })
    .await;
    let provider = MetadataCredentials::new(&server.url()).expect("provider");
    let e = provider.credentials().await.expect_err("huge");
    assert!(e.to_string().contains("larger than"), "{e}");
}

// ---------------------------------------------------------------------------
// Project id through IAM.

/// An IAM stand-in answering `/v3/projects` with `projects` (JSON) and status, and
/// `{}` to anything else (the gateway).
async fn iam(status: u16, projects: &'static str) -> StandIn {
    StandIn::start(move |seen| {
        if seen.target.starts_with("/v3/projects") {
            (
                status,
                vec![("X-IAM-Trace-Id".to_owned(), "trace-0042".to_owned())],
                projects.to_owned(),
            )
        } else {
            reply(200, "{}")
        }
    })
    .await
}

fn aksk_client(server: &StandIn, ak: &str, region: &str) -> ClientCore {
    ClientBuilder::new(CONFIG)
        .region(region)
        .endpoint(server.url())
        .iam_endpoint(server.url())
        .credentials(Credentials::aksk(ak, SK))
        .build()
        .expect("builds")
}

#[tokio::test]
async fn aksk_without_project_looks_it_up_signed_and_caches_it() {
    let server = iam(
        200,
        r#"{"projects":[{"id":"0123456789abcdef0123456789abcdef","name":"cn-north-4"}]}"#,
    )
    .await;
    let core = aksk_client(&server, "AK-LOOKUP-1", "cn-north-4");
    assert_eq!(core.project_id(), None);
    let project = core
        .resolve_project_id("Test", "project_id")
        .await
        .expect("looked up");
    assert_eq!(project, PROJECT);
    assert_eq!(core.project_id(), Some(PROJECT));
    post(&core, &project).await.expect("sent");

    let seen = server.seen();
    assert_eq!(seen[0].method, "GET");
    assert_eq!(seen[0].target, "/v3/projects?name=cn-north-4");
    signer::verify(&seen[0].to_http(), "AK-LOOKUP-1", SK).expect("IAM request signed");
    assert_eq!(seen[1].header("x-project-id"), Some(PROJECT));

    // Cached per AK and region: a second client with the same AK asks nobody.
    let again = aksk_client(&server, "AK-LOOKUP-1", "cn-north-4");
    post(&again, PROJECT).await.expect("sent");
    assert_eq!(server.count("GET", "/v3/projects"), 1);
    // Another region is another lookup.
    let other = aksk_client(&server, "AK-LOOKUP-1", "ap-southeast-1");
    post(&other, PROJECT).await.expect("sent");
    assert_eq!(server.count("GET", "/v3/projects"), 2);
}

#[test]
fn the_synchronous_lookup_works_inside_and_outside_a_runtime() {
    // What generated `send()` calls before sending: `require_project_id`.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // A server on its own runtime thread, and the lookup from plain and async code.
    let server_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let server = server_runtime.block_on(iam(
        200,
        r#"{"projects":[{"id":"0123456789abcdef0123456789abcdef"}]}"#,
    ));
    let core = aksk_client(&server, "AK-LOOKUP-SYNC-2", "cn-north-4");
    assert_eq!(
        core.require_project_id("Test", "project_id")
            .expect("plain code"),
        PROJECT
    );
    let core = aksk_client(&server, "AK-LOOKUP-SYNC-3", "cn-north-4");
    let project = runtime.block_on(async { core.require_project_id("Test", "project_id") });
    assert_eq!(project.expect("inside a current-thread runtime"), PROJECT);
    assert_eq!(server.count("GET", "/v3/projects"), 2);
}

/// An in-process IAM: answers `/v3/projects` with one project, and records what it got.
#[derive(Default)]
struct InProcessIam {
    seen: Mutex<Vec<String>>,
}

impl huaweicloud_sdk_core::HttpClient for InProcessIam {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> huaweicloud_sdk_core::http_client::HttpFuture<'_> {
        self.seen.lock().unwrap().push(request.uri().to_string());
        let signed = request.headers().contains_key("authorization");
        Box::pin(async move {
            let body = if signed {
                format!(r#"{{"projects":[{{"id":"{PROJECT}"}}]}}"#)
            } else {
                "{}".to_owned()
            };
            Ok(http::Response::builder()
                .status(if signed { 200 } else { 401 })
                .body(body.into_bytes())
                .unwrap())
        })
    }
}

#[test]
fn the_synchronous_lookup_goes_through_the_http_client_given() {
    let iam = Arc::new(InProcessIam::default());
    let core = ClientBuilder::new(CONFIG)
        .region("cn-north-4")
        .endpoint("https://dbss.example.invalid")
        .iam_endpoint("https://iam.example.invalid")
        .credentials(Credentials::aksk("AK-LOOKUP-INPROCESS-4", SK))
        .http_client(iam.clone())
        .build()
        .expect("builds");
    assert_eq!(
        core.require_project_id("Test", "project_id")
            .expect("looked up in process"),
        PROJECT
    );
    assert_eq!(
        *iam.seen.lock().unwrap(),
        ["https://iam.example.invalid/v3/projects?name=cn-north-4"]
    );
    // Inside a runtime too (generated `send()` today), and kept: nothing more is asked.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let project = runtime.block_on(async { core.require_project_id("Test", "project_id") });
    assert_eq!(project.expect("known"), PROJECT);
    assert_eq!(iam.seen.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn no_project_or_several_are_clear_errors_with_the_trace_id() {
    let cases = [
        (200, r#"{"projects":[]}"#, "no project named 'cn-north-4'"),
        (
            200,
            r#"{"projects":[{"id":"aaaa"},{"id":"bbbb"}]}"#,
            "several projects [aaaa, bbbb]",
        ),
        (200, r#"<html>"#, "not a project list"),
        (200, r#"{"projects":[{"id":"a/../b"}]}"#, "not one"),
        (
            401,
            r#"{"error":{"code":401,"message":"The request you have made requires authentication.\u001b[2J"}}"#,
            "IAM answered 401",
        ),
    ];
    for (n, (status, body, expected)) in cases.into_iter().enumerate() {
        let server = iam(status, body).await;
        let core = aksk_client(&server, &format!("AK-LOOKUP-ERR-{n}"), "cn-north-4");
        let e = post(&core, PROJECT).await.expect_err(body);
        let message = e.to_string();
        assert!(message.contains(expected), "{expected}: {message}");
        assert!(message.contains("X-IAM-Trace-Id=trace-0042"), "{message}");
        assert!(message.contains("cn-north-4"), "{message}");
        assert!(message.contains("HUAWEICLOUD_SDK_PROJECT_ID"), "{message}");
        assert!(!message.contains('\u{1b}'), "{message}");
        assert_no_secret(&format!("{message} {e:?}"));
        assert!(matches!(e, SendError::Credentials(_)), "{e:?}");
        // Nothing was sent to the service.
        assert_eq!(server.count("POST", "/"), 0, "{body}");
    }
}

#[tokio::test]
async fn a_token_or_no_region_is_not_looked_up() {
    let server = iam(
        200,
        r#"{"projects":[{"id":"0123456789abcdef0123456789abcdef"}]}"#,
    )
    .await;
    let token = ClientBuilder::new(CONFIG)
        .region("cn-north-4")
        .endpoint(server.url())
        .iam_endpoint(server.url())
        .credentials(Credentials::token("t"))
        .build()
        .expect("builds");
    let e = token
        .require_project_id("Test", "project_id")
        .expect_err("token");
    assert!(matches!(e, SendError::InvalidRequest(_)), "{e:?}");
    let no_region = ClientBuilder::new(CONFIG)
        .endpoint(server.url())
        .credentials(Credentials::aksk("AK-NO-REGION", SK))
        .build()
        .expect("builds");
    let e = no_region
        .resolve_project_id("Test", "project_id")
        .await
        .expect_err("no region");
    assert!(e.to_string().contains("set a region"), "{e}");
    assert_eq!(server.count("GET", "/v3"), 0);
}

#[test]
fn the_iam_endpoint_follows_the_variable_then_the_region() {
    use huaweicloud_sdk_core::iam::iam_endpoint_with;
    let env = |name: &str| {
        (name == "HUAWEICLOUD_SDK_IAM_ENDPOINT").then(|| " http://127.0.0.1:1 ".to_owned())
    };
    assert_eq!(
        iam_endpoint_with("cn-north-4", CONFIG.regions, env),
        "http://127.0.0.1:1"
    );
    let none = |_: &str| None;
    assert_eq!(
        iam_endpoint_with("cn-north-4", CONFIG.regions, none),
        "https://iam.cn-north-4.myhuaweicloud.com"
    );
    assert_eq!(
        iam_endpoint_with("xx-unknown-1", CONFIG.regions, none),
        "https://iam.myhuaweicloud.com"
    );
}

// ---------------------------------------------------------------------------
// Endpoints.

#[test]
fn an_endpoint_with_dot_segments_is_refused_before_anything_is_signed() {
    let e = ClientBuilder::new(CONFIG)
        .endpoint("http://127.0.0.1:9/a/../b/")
        .credentials(Credentials::aksk("AK", SK).with_project_id(PROJECT))
        .build()
        .expect_err("dot-segment");
    assert!(matches!(e, BuildError::Endpoint(_)), "{e:?}");
    assert!(e.to_string().contains("such as /b"), "{e}");
}

#[test]
fn the_regions_file_gives_the_builder_its_endpoints() {
    let home = tempfile::tempdir().expect("temp dir");
    let file = home.path().join("regions.yaml");
    std::fs::write(
        &file,
        "DBSS:\n  - id: cn-north-7\n    endpoint: http://127.0.0.1:9\n",
    )
    .expect("write");
    let core = ClientBuilder::new(CONFIG)
        .region("cn-north-7")
        .credentials(Credentials::aksk("AK", SK).with_project_id(PROJECT))
        .environment(env(
            &home,
            &[(
                "HUAWEICLOUD_SDK_REGIONS_FILE",
                file.to_str().expect("UTF-8"),
            )],
        ))
        .build()
        .expect("builds");
    assert_eq!(core.endpoints(), ["http://127.0.0.1:9"]);
}

#[test]
fn nothing_new_shows_a_secret() {
    let provider = MetadataCredentials::new("http://127.0.0.1:9").expect("provider");
    let builder = ClientBuilder::new(CONFIG)
        .credentials(Credentials::aksk("AK", SK).with_security_token(TEMP_TOKEN))
        .environment(|_| Some(SK.to_owned()))
        .metadata_endpoint("http://127.0.0.1:9");
    let shown = format!("{provider:?} {provider:#?} {builder:?}");
    assert_no_secret(&shown);
    let error = CredentialsError::new("x");
    assert_no_secret(&format!("{error:?}"));
}

#[tokio::test]
async fn without_any_credentials_the_missing_project_is_not_the_first_complaint() {
    let home = tempfile::tempdir().expect("temp dir");
    let core = ClientBuilder::new(CONFIG)
        .endpoint("http://127.0.0.1:9")
        .environment(env(
            &home,
            &[("HUAWEICLOUD_SDK_METADATA_ENDPOINT", "http://127.0.0.1:9")],
        ))
        .build()
        .expect("builds");
    let e = core
        .require_project_id("Test", "project_id")
        .expect_err("no credentials");
    assert!(matches!(e, SendError::Credentials(_)), "{e:?}");
    assert!(e.to_string().contains("no credentials found"), "{e}");
}

#[tokio::test]
async fn a_failed_refresh_keeps_credentials_that_have_not_expired() {
    let calls = Arc::new(Mutex::new(0));
    let counter = Arc::clone(&calls);
    let server = StandIn::start(move |seen| match seen.method.as_str() {
        "PUT" => reply(404, ""),
        _ => {
            let mut n = counter.lock().expect("count");
            *n += 1;
            if *n == 1 {
                // One hour left: the next call refreshes.
                reply(200, &security_key("TEMPAK6", 1))
            } else {
                reply(500, "down")
            }
        }
    })
    .await;
    let provider = MetadataCredentials::new(&server.url()).expect("provider");
    let first = provider.credentials().await.expect("first");
    let second = provider.credentials().await.expect("old ones, still valid");
    assert_eq!(format!("{first:?}"), format!("{second:?}"));
    assert_eq!(*calls.lock().expect("count"), 2, "a refresh was tried");
}

#[tokio::test]
async fn metadata_credentials_look_up_their_project_with_the_temporary_keys() {
    let server = StandIn::start(|seen| match (seen.method.as_str(), seen.target.as_str()) {
        ("PUT", _) => reply(404, ""),
        ("GET", "/openstack/latest/securitykey") => reply(200, &security_key("TEMPAK7", 6)),
        ("GET", t) if t.starts_with("/v3/projects") => (
            200,
            vec![("X-IAM-Trace-Id".to_owned(), "t".to_owned())],
            r#"{"projects":[{"id":"0123456789abcdef0123456789abcdef"}]}"#.to_owned(),
        ),
        _ => reply(200, "{}"),
    })
    .await;
    let home = tempfile::tempdir().expect("temp dir");
    let core = ClientBuilder::new(CONFIG)
        .region("cn-north-4")
        .endpoint(server.url())
        .environment(env(
            &home,
            &[
                ("HUAWEICLOUD_SDK_METADATA_ENDPOINT", &server.url()),
                ("HUAWEICLOUD_SDK_IAM_ENDPOINT", &server.url()),
            ],
        ))
        .build()
        .expect("builds");
    let project = core
        .resolve_project_id("Test", "project_id")
        .await
        .expect("looked up");
    assert_eq!(project, PROJECT);
    post(&core, &project).await.expect("sent");
    let seen = server.seen();
    let lookup = seen
        .iter()
        .find(|s| s.target.starts_with("/v3/projects"))
        .expect("IAM asked");
    assert_eq!(lookup.header("x-security-token"), Some(TEMP_TOKEN));
    signer::verify(&lookup.to_http(), "TEMPAK7", TEMP_SK).expect("signed");
    let call = seen.iter().find(|s| s.method == "POST").expect("call");
    assert_eq!(call.header("x-project-id"), Some(PROJECT));
    assert_eq!(server.count("GET", "/v3/projects"), 1);
}
