//! End to end through the generated client: `Client::builder()...build()` and
//! `client.list_instances().send().await`, against servers each test starts on 127.0.0.1 (the
//! generated mock, and tiny scripted HTTP/1.1 servers for what the mock cannot answer: unknown
//! values, malformed bodies, proxies' pages, slow or failing servers).

use std::time::{Duration, Instant};

use huaweicloud_sdk_core::ErrorMetadata;
use huaweicloud_sdk_core::credentials::Credentials;
use huaweicloud_sdk_core::error::{Error, ErrorKind, ServiceErrorInfo, TransportErrorKind};
use huaweicloud_sdk_core::retry::RetryPolicy;
use huaweicloud_sdk_core::transport::HttpConfig;
use huaweicloud_sdk_dbss::models::{
    ActiveRole, ChargeModel, DeployMode, Effect, ListInstancesResponse, ResponseServerScene,
    UpdateStatus,
};
use huaweicloud_sdk_dbss::operations::ListInstancesError;
use huaweicloud_sdk_dbss::{Client, ClientBuilder};

/// A valid project id (32 characters).
const PROJECT: &str = "0123456789abcdef0123456789abcdef";
const AK: &str = "AKE2EACCESSKEY0001";
const SK: &str = "SK-e2e-TOP-SECRET-9f8e7d6c";
const WRONG_SK: &str = "SK-e2e-WRONG-SECRET-1a2b3c4d";
const TOKEN: &str = "TOKEN-e2e-SECRET-5c6d7e8f";
const SECURITY_TOKEN: &str = "STS-e2e-SECRET-0a9b8c7d";
/// Every secret used here: none may show in any `Debug` or `Display` output.
const SECRETS: [&str; 4] = [SK, WRONG_SK, TOKEN, SECURITY_TOKEN];

type CallError = Error<ListInstancesError>;

// ---------------------------------------------------------------------------
// Helpers.

/// A builder for `endpoint` with `credentials`, short timeouts and no retries unless a test
/// sets them.
fn builder(endpoint: &str, credentials: Credentials) -> ClientBuilder {
    Client::builder()
        .endpoint(endpoint)
        .credentials(credentials)
        .connect_timeout(Duration::from_secs(2))
        .read_timeout(Duration::from_secs(5))
}

fn client(endpoint: &str, credentials: Credentials) -> Client {
    builder(endpoint, credentials)
        .build()
        .expect("the client builds")
}

fn token() -> Credentials {
    Credentials::token(TOKEN).with_project_id(PROJECT)
}

/// AK/SK credentials (signing with `sk`) with the project id.
fn aksk(sk: &str) -> Credentials {
    Credentials::aksk(AK, sk).with_project_id(PROJECT)
}

/// The generated mock, verifying every request's AK/SK signature.
async fn signing_mock() -> huaweicloud_sdk_dbss::mock::MockServer {
    let mock = huaweicloud_sdk_dbss::mock::start().await.expect("mock");
    mock.require_aksk(AK, SK);
    mock
}

/// The generated mock, and a client of it with token credentials and the project id.
async fn token_mock() -> (huaweicloud_sdk_dbss::mock::MockServer, Client) {
    let mock = huaweicloud_sdk_dbss::mock::start().await.expect("mock");
    let client = client(&mock.endpoint(), token());
    (mock, client)
}

/// An endpoint on 127.0.0.1 where nothing listens: a port the system gave, and took back.
fn refusing_endpoint() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    format!("http://{}", listener.local_addr().expect("address"))
}

/// Fails if `text` holds a secret.
fn assert_no_secret(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(
            !text.contains(secret),
            "{what} shows the secret {secret:?}: {text}"
        );
    }
}

/// Checks what every error must be: one line when displayed, with no secret in its `Display`
/// or `Debug`. Returns the displayed text.
fn check_error(error: &CallError) -> String {
    let shown = error.to_string();
    assert!(!shown.is_empty());
    assert!(
        !shown.contains('\n') && !shown.contains('\r'),
        "not one line: {shown:?}"
    );
    assert_no_secret("the error's Display", &shown);
    assert_no_secret("the error's Debug", &format!("{error:?}"));
    assert_no_secret("the error's alternate Debug", &format!("{error:#?}"));
    shown
}

/// The example the API reference gives, as the generated mock serves it.
fn example_body() -> &'static str {
    huaweicloud_sdk_dbss::mock::OPERATIONS
        .iter()
        .find(|o| o.id == "ListInstances")
        .expect("the mock serves ListInstances")
        .statuses[0]
        .example
        .expect("the 200 status has an example")
}

/// Checks the decoded documented example.
fn check_example(response: &ListInstancesResponse) {
    let clusters = response.clusters.as_deref().expect("clusters");
    assert_eq!(clusters.len(), 1);
    let cluster = &clusters[0];
    assert_eq!(cluster.name.as_deref(), Some("DBSS-OM0819"));
    assert_eq!(cluster.created, Some(1_755_594_767_000));
    assert_eq!(cluster.expired, Some(1_758_268_799_000));
    assert_eq!(cluster.comment, None);
    assert_eq!(
        cluster.instance_id.as_deref(),
        Some("a8c37c9be61ffd4ee8aacab7bae74e91")
    );
    assert_eq!(cluster.float_ip.as_deref(), Some("10.0.148.95"));
    assert_eq!(cluster.charge_model, Some(ChargeModel::Period));
    assert_eq!(cluster.remain_days.as_deref(), Some("31"));
    assert_eq!(cluster.keep_days.as_deref(), Some("33"));
    assert_eq!(cluster.enterprise_project_id.as_deref(), Some("0"));
    assert_eq!(cluster.public_ip.as_deref(), Some("100.85.120.66"));
    assert_eq!(cluster.is_active_standby, Some(true));
    assert_eq!(cluster.deploy_mode, Some(DeployMode::Cloud));
    assert_eq!(cluster.activate_info, None);
    let detail = cluster.detail.as_ref().expect("detail");
    assert_eq!(detail.total, Some(2));
    let servers = detail.server.as_deref().expect("servers");
    assert_eq!(servers.len(), 2);
    let (first, second) = (&servers[0], &servers[1]);
    assert_eq!(first.name.as_deref(), Some("DBSS-OM0819-HA-1"));
    assert_eq!(first.status.as_deref(), Some("ACTIVE"));
    assert_eq!(first.connect_ip.as_deref(), Some("10.0.169.77"));
    assert_eq!(first.created.as_deref(), Some("2025-08-19 17:04:00"));
    assert_eq!(first.cpu.as_deref(), Some("8"));
    assert_eq!(first.ram.as_deref(), Some("16384"));
    assert_eq!(first.task_status.as_deref(), Some("NO_TASK"));
    assert_eq!(
        first.server_id.as_deref(),
        Some("24307773-2399-495a-a6ad-5159b4bb6a43")
    );
    assert_eq!(first.is_active, Some(ActiveRole::Standby));
    assert_eq!(first.effect, None);
    assert_eq!(first.scene, None);
    assert_eq!(first.update_status, None);
    assert_eq!(second.name.as_deref(), Some("DBSS-OM0819-HA-2"));
    assert_eq!(second.connect_ip.as_deref(), Some("10.0.9.187"));
    assert_eq!(second.is_active, Some(ActiveRole::Primary));
}

// ---------------------------------------------------------------------------
// A scripted HTTP/1.1 server (shared with the runtime's tests): here every reply closes.

#[path = "../../runtime/tests/support/raw.rs"]
mod raw;

use raw::{Reply, Server as RawServer};

/// A complete response with `Content-Length` and `Connection: close`.
fn http_response(status: u16, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut all = vec![("Connection", "close")];
    all.extend_from_slice(headers);
    raw::response(status, &all, body)
}

/// A JSON `200` with a request id.
fn json_200(body: &str) -> Reply {
    Reply::Close(http_response(
        200,
        &[
            ("Content-Type", "application/json"),
            ("X-Request-Id", "raw-200"),
        ],
        body,
    ))
}

// ---------------------------------------------------------------------------
// Success.

#[tokio::test]
async fn the_documented_example_decodes() {
    let (mock, client) = token_mock().await;
    let response = client.list_instances().send().await.expect("200");
    check_example(&response);
    assert_eq!(mock.requests().len(), 1);
}

#[tokio::test]
async fn project_id_comes_from_the_credentials_into_path_and_header() {
    let (mock, client) = token_mock().await;
    assert_eq!(client.core().project_id(), Some(PROJECT));
    client.list_instances().send().await.expect("200");
    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    let sent = &requests[0];
    assert_eq!(sent.operation.as_deref(), Some("ListInstances"));
    assert_eq!(sent.method, "POST");
    assert_eq!(sent.path, format!("/v2/{PROJECT}/db-om/instances"));
    assert_eq!(sent.query, None);
    let header = |name: &str| {
        sent.headers
            .get(name)
            .map(|v| v.to_str().expect("ASCII header").to_owned())
    };
    assert_eq!(header("x-project-id").as_deref(), Some(PROJECT));
    assert_eq!(header("x-auth-token").as_deref(), Some(TOKEN));
    assert_eq!(header("content-type").as_deref(), Some("application/json"));
    assert!(
        header("user-agent").is_some_and(|ua| ua.starts_with("huaweicloud-usdk-rust/")),
        "{:?}",
        header("user-agent")
    );
    // The recorded request's Debug hides the token.
    assert_no_secret("RecordedRequest's Debug", &format!("{sent:?}"));
}

/// `ClientBuilder::from_env()` starts from the environment (here a lookup, not the process's)
/// and takes more settings before `build`; `endpoints` takes any strings.
#[tokio::test]
async fn a_builder_from_the_environment_takes_more_settings() {
    let mock = huaweicloud_sdk_dbss::mock::start().await.expect("mock");
    let endpoint = mock.endpoint();
    let vars = [
        ("HUAWEICLOUD_SDK_AK", "ENV-AK".to_owned()),
        ("HUAWEICLOUD_SDK_SK", "ENV-SK-SECRET".to_owned()),
        ("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT.to_owned()),
        ("HUAWEICLOUD_SDK_ENDPOINT", endpoint.clone()),
    ];
    let lookup = move |name: &str| {
        vars.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    };
    let client = ClientBuilder::from_env()
        .environment(lookup)
        .retry(RetryPolicy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("a client from the environment");
    assert_eq!(client.core().project_id(), Some(PROJECT));
    assert_eq!(client.core().endpoints(), std::slice::from_ref(&endpoint));
    client.list_instances().send().await.expect("200");
    let requests = mock.requests();
    let authorization = requests[0]
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        authorization.contains("Access=ENV-AK"),
        "signed with the environment's AK: {authorization}"
    );

    let client = ClientBuilder::from_env()
        .environment(|_: &str| None)
        .endpoints(["http://127.0.0.1:9", endpoint.as_str()])
        .credentials(token())
        .build()
        .expect("a client with two endpoints");
    assert_eq!(client.core().endpoints().len(), 2);
}

/// A call's start position that is not a number: `send` sends it as it is, but a paginator
/// refuses it before any request (it would otherwise start at 0, listing what the call does not
/// ask for); a number is where the listing starts.
#[tokio::test]
async fn a_paginator_refuses_a_start_offset_that_is_not_a_number() {
    use huaweicloud_sdk_dbss::runtime::paginator::TryStreamExt;

    let (mock, client) = token_mock().await;
    let error = client
        .list_audit_instances_last()
        .offset("abc")
        .items()
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("offset") && message.contains("\"abc\""),
        "{message}"
    );
    assert!(mock.requests().is_empty(), "nothing is sent");

    let mut pages = client
        .list_audit_instances_last()
        .offset("3")
        .into_paginator();
    pages.try_next().await.expect("a page");
    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    let query = requests[0].query.clone().unwrap_or_default();
    assert!(query.contains("offset=3"), "{query}");
}

#[tokio::test]
async fn a_project_id_on_the_call_wins_over_none_in_the_credentials() {
    let mock = huaweicloud_sdk_dbss::mock::start().await.expect("mock");
    let client = client(&mock.endpoint(), Credentials::token(TOKEN));
    let project = "f".repeat(64);
    let response = client
        .list_instances()
        .project_id(project.as_str())
        .send()
        .await
        .expect("200");
    check_example(&response);
    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path, format!("/v2/{project}/db-om/instances"));
}

#[tokio::test]
async fn unknown_enumeration_values_and_fields_are_kept() {
    let body = r#"{
        "clusters": [{
            "name": "future",
            "charge_model": "Spot",
            "deploy_mode": "HYBRID",
            "a_field_added_later": {"nested": [1, 2, 3]},
            "detail": {
                "total": 1,
                "server": [{
                    "name": "future-1",
                    "is_active": 7,
                    "effect": 42,
                    "scene": "MAINTENANCE",
                    "update_status": "ROLLING_BACK",
                    "another_new_field": true
                }]
            }
        }],
        "total_count": 1
    }"#;
    let server = RawServer::script(vec![json_200(body)]).await;
    let client = client(&server.url(), token());
    let response = client.list_instances().send().await.expect("decodes");
    let cluster = &response.clusters.as_deref().expect("clusters")[0];
    assert_eq!(cluster.name.as_deref(), Some("future"));
    let charge = cluster.charge_model.as_ref().expect("charge_model");
    assert!(charge.is_unknown());
    assert_eq!(charge.as_str(), "Spot");
    let deploy = cluster.deploy_mode.as_ref().expect("deploy_mode");
    assert!(deploy.is_unknown());
    assert_eq!(deploy.as_str(), "HYBRID");
    let server_entry = &cluster
        .detail
        .as_ref()
        .and_then(|d| d.server.as_deref())
        .expect("servers")[0];
    let role = server_entry.is_active.as_ref().expect("is_active");
    assert!(role.is_unknown());
    assert_eq!(role.value(), 7);
    let effect = server_entry.effect.as_ref().expect("effect");
    assert!(effect.is_unknown());
    assert_eq!(effect.value(), 42);
    let scene = server_entry.scene.as_ref().expect("scene");
    assert!(scene.is_unknown());
    assert_eq!(scene.as_str(), "MAINTENANCE");
    let update = server_entry.update_status.as_ref().expect("update_status");
    assert!(update.is_unknown());
    assert_eq!(update.as_str(), "ROLLING_BACK");
    // Documented values still decode into their variants alongside.
    assert!(!ChargeModel::from("Demand").is_unknown());
    assert_eq!(Effect::from(3), Effect::FrozenNotRenewable);
    assert_eq!(
        ResponseServerScene::from("ARREAR"),
        ResponseServerScene::Arrear
    );
    assert_eq!(UpdateStatus::from("FAILED"), UpdateStatus::Failed);
    // Unknown values encode back unchanged.
    let json = serde_json::to_value(&response).expect("encodes");
    assert_eq!(json["clusters"][0]["charge_model"], "Spot");
    assert_eq!(json["clusters"][0]["detail"]["server"][0]["is_active"], 7);
    assert_eq!(json["clusters"][0]["detail"]["server"][0]["effect"], 42);
    assert_eq!(server.received().len(), 1);
}

// ---------------------------------------------------------------------------
// Documented error statuses, from the mock.

#[tokio::test]
async fn each_documented_error_status_gives_its_variant() {
    let (mock, client) = token_mock().await;
    let cases: [(u16, &str, &str); 4] = [
        (400, "BadRequest", "Invalid request parameter."),
        (401, "Unauthorized", "Authorization failed."),
        (403, "Forbidden", "Unauthorized"),
        (500, "InternalServerError", "Server error."),
    ];
    for (index, (status, variant, description)) in cases.into_iter().enumerate() {
        mock.respond_with("ListInstances", status)
            .expect("documented status");
        let error = client.list_instances().send().await.unwrap_err();
        let shown = check_error(&error);
        let Error::Operation(operation) = &error else {
            panic!("{status}: not an operation error: {error:?}");
        };
        let matched = match operation {
            ListInstancesError::BadRequest(_) => "BadRequest",
            ListInstancesError::Unauthorized(_) => "Unauthorized",
            ListInstancesError::Forbidden(_) => "Forbidden",
            ListInstancesError::InternalServerError(_) => "InternalServerError",
            other => panic!("{status}: unexpected variant {other:?}"),
        };
        assert_eq!(matched, variant, "{status}");
        let code = format!("MOCK.{status}");
        let request_id = format!("mock-{}", index + 1);
        assert_eq!(operation.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(operation.request_id(), Some(request_id.as_str()));
        assert_eq!(operation.error_code(), Some(code.as_str()));
        assert_eq!(operation.error_msg(), Some(description));
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(error.request_id(), Some(request_id.as_str()));
        assert_eq!(error.kind(), ErrorKind::Service);
        assert_eq!(error.is_retryable(), status == 500, "{status}");
        let info: ServiceErrorInfo = error.service_error().expect("service error");
        assert_eq!(info.status.as_u16(), status);
        assert_eq!(info.error_code.as_deref(), Some(code.as_str()));
        assert_eq!(info.error_msg.as_deref(), Some(description));
        assert_eq!(info.request_id.as_deref(), Some(request_id.as_str()));
        assert!(shown.starts_with("ListInstances failed: "), "{shown}");
        for part in [
            status.to_string().as_str(),
            code.as_str(),
            description,
            request_id.as_str(),
        ] {
            assert!(shown.contains(part), "{shown} lacks {part}");
        }
    }
    assert_eq!(mock.requests().len(), 4);
}

#[tokio::test]
async fn the_mock_answers_a_documented_error_code() {
    use huaweicloud_sdk_dbss::error_codes::ErrorCode;

    let (mock, client) = token_mock().await;
    let code = ErrorCode::Dbss10020100;
    mock.respond_with_error("ListInstances", code.status(), code.code(), code.message())
        .expect("401 is documented for ListInstances");
    let error = client.list_instances().send().await.unwrap_err();
    let shown = check_error(&error);
    let Error::Operation(operation) = &error else {
        panic!("not an operation error: {error:?}");
    };
    let ListInstancesError::Unauthorized(response) = operation else {
        panic!("not the documented 401: {operation:?}");
    };
    assert_eq!(operation.known_error_code(), Some(code));
    // The same metadata at each level: the response, the operation's error, `Error`.
    let levels: [&dyn ErrorMetadata; 3] = [response.as_ref(), operation, &error];
    for level in levels {
        assert_eq!(level.status().map(|s| s.as_u16()), Some(401));
        assert_eq!(level.error_code(), Some("DBSS.10020100"));
        assert_eq!(level.error_msg(), Some(code.message()));
        assert_eq!(level.request_id(), Some("mock-1"));
        assert!(level.decode_error().is_none());
        let info = level.service_error().expect("a service error");
        assert_eq!(
            (info.error_code.as_deref(), info.error_msg.as_deref()),
            (Some("DBSS.10020100"), Some(code.message()))
        );
        assert_eq!(info.request_id.as_deref(), Some("mock-1"));
    }
    // The body as the mock sent it.
    let sent: serde_json::Value = serde_json::from_slice(&response.raw_body).expect("JSON");
    assert_eq!(sent["error_code"], "DBSS.10020100");
    assert_eq!(error.error_code(), Some("DBSS.10020100"));
    assert_eq!(error.error_msg(), Some(code.message()));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(error.request_id(), Some("mock-1"));
    assert_eq!(
        shown,
        "ListInstances failed: 401 Unauthorized: DBSS.10020100: Failed to authenticate the token \
         in the request (request id mock-1)"
    );
    assert_eq!(
        format!("{error:?}"),
        "Error { kind: Service, message: \"ListInstances failed: 401 Unauthorized: \
         DBSS.10020100: Failed to authenticate the token in the request (request id mock-1)\", \
         status: 401, error_code: \"DBSS.10020100\", request_id: \"mock-1\" }"
    );
}

// ---------------------------------------------------------------------------
// Malformed responses, from scripted servers.

#[tokio::test]
async fn a_proxy_html_page_is_unhandled_with_its_text() {
    let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
                <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n\
                </body>\r\n</html>\r\n";
    let server = RawServer::script(vec![Reply::Close(http_response(
        502,
        &[("Content-Type", "text/html"), ("X-Request-Id", "gw-502")],
        page,
    ))])
    .await;
    let client = client(&server.url(), token());
    let error = client.list_instances().send().await.unwrap_err();
    let shown = check_error(&error);
    let Error::Operation(ListInstancesError::Unhandled(unhandled)) = &error else {
        panic!("not Operation(Unhandled): {error:?}");
    };
    assert_eq!(unhandled.status.as_u16(), 502);
    assert_eq!(unhandled.body, page.as_bytes());
    assert_eq!(error.request_id(), Some("gw-502"));
    assert_eq!(error.kind(), ErrorKind::Service);
    let info = error.service_error().expect("service error");
    assert_eq!(info.error_code.as_deref(), Some("502"));
    assert_eq!(
        info.error_msg.as_deref(),
        Some(
            "<html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad \
             Gateway</h1></center> <hr><center>nginx</center> </body> </html>"
        )
    );
    assert_eq!(info.request_id.as_deref(), Some("gw-502"));
    assert!(shown.contains("502 Bad Gateway"), "{shown}");
    assert!(shown.contains("gw-502"), "{shown}");
    assert!(shown.contains("nginx"), "{shown}");
    // The default policy does not retry a 502.
    assert_eq!(server.received().len(), 1);
}

/// The `InvalidBody` decode error of `error`.
fn invalid_body(error: &CallError) -> &huaweicloud_sdk_core::DecodeError {
    match error {
        Error::Operation(ListInstancesError::InvalidBody(decode)) => decode,
        other => panic!("not Operation(InvalidBody): {other:?}"),
    }
}

#[tokio::test]
async fn a_truncated_json_body_is_an_invalid_body() {
    let whole = example_body();
    let truncated = &whole[..whole.find("\"detail\"").expect("has detail")];
    let server = RawServer::script(vec![json_200(truncated)]).await;
    let client = client(&server.url(), token());
    let error = client.list_instances().send().await.unwrap_err();
    let shown = check_error(&error);
    let decode = invalid_body(&error);
    assert_eq!(decode.status.as_u16(), 200);
    assert_eq!(decode.request_id.as_deref(), Some("raw-200"));
    assert!(decode.message.contains("EOF"), "{}", decode.message);
    assert!(decode.path.starts_with("clusters[0]"), "{}", decode.path);
    assert_eq!(decode.body, truncated.as_bytes());
    assert_eq!(error.kind(), ErrorKind::InvalidResponse);
    assert_eq!(error.service_error(), None);
    assert!(!error.is_retryable());
    assert!(
        shown.contains("does not match the API reference"),
        "{shown}"
    );
    assert!(shown.contains("raw-200"), "{shown}");
}

#[tokio::test]
async fn a_value_of_the_wrong_type_names_its_json_path() {
    let body = r#"{"clusters": [{"name": "x", "created": "yesterday"}]}"#;
    let server = RawServer::script(vec![json_200(body)]).await;
    let client = client(&server.url(), token());
    let error = client.list_instances().send().await.unwrap_err();
    let shown = check_error(&error);
    let decode = invalid_body(&error);
    assert_eq!(decode.path, "clusters[0].created");
    assert!(
        decode
            .message
            .contains("invalid type: string \"yesterday\""),
        "{}",
        decode.message
    );
    assert_eq!(error.kind(), ErrorKind::InvalidResponse);
    assert!(shown.contains("clusters[0].created"), "{shown}");
}

#[tokio::test]
async fn a_garbled_body_is_an_invalid_body() {
    let body = "\u{1}\u{7f}<<garbage>> not json {{{";
    let server = RawServer::script(vec![json_200(body)]).await;
    let client = client(&server.url(), token());
    let error = client.list_instances().send().await.unwrap_err();
    let shown = check_error(&error);
    let decode = invalid_body(&error);
    assert!(
        decode.path.is_empty() || decode.path == ".",
        "{}",
        decode.path
    );
    assert!(
        decode.message.contains("expected value"),
        "{}",
        decode.message
    );
    assert_eq!(decode.body, body.as_bytes());
    assert!(shown.contains("the top level"), "{shown}");
}

#[tokio::test]
async fn a_response_cut_short_on_the_wire_is_a_transport_error() {
    // The head promises 1000 bytes; 20 come, then the connection closes.
    let mut bytes =
        b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nContent-Type: application/json\r\n\r\n"
            .to_vec();
    bytes.extend_from_slice(br#"{"clusters": [{"nam"#);
    let server = RawServer::script(vec![Reply::Stall(bytes, Duration::ZERO)]).await;
    let client = client(&server.url(), token());
    let error = client.list_instances().send().await.unwrap_err();
    check_error(&error);
    let Error::Transport(transport) = &error else {
        panic!("not a transport error: {error:?}");
    };
    assert_eq!(
        transport.kind,
        TransportErrorKind::Interrupted,
        "{transport}"
    );
    assert_eq!(error.kind(), ErrorKind::Transport);
}

// ---------------------------------------------------------------------------
// Transport failures and retries.

/// A server that answers only after 3 s.
async fn slow_server() -> RawServer {
    RawServer::script(vec![Reply::After(
        Duration::from_secs(3),
        http_response(200, &[], "{}"),
    )])
    .await
}

/// Waits for `call`, which must fail with a transport error after about 300 ms (its limit),
/// well before the slow server answers; returns the error, checked.
async fn fails_in_300_ms(
    call: impl std::future::Future<Output = Result<ListInstancesResponse, CallError>>,
) -> (CallError, String) {
    let started = Instant::now();
    let error = call.await.unwrap_err();
    let elapsed = started.elapsed();
    let shown = check_error(&error);
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
    assert!(
        elapsed >= Duration::from_millis(250) && elapsed < Duration::from_secs(2),
        "{elapsed:?}"
    );
    (error, shown)
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = slow_server().await;
    let client = builder(&server.url(), token())
        .read_timeout(Duration::from_millis(300))
        .build()
        .expect("client");
    let (error, shown) = fails_in_300_ms(client.list_instances().send()).await;
    let Error::Transport(transport) = &error else {
        panic!("not a transport error: {error:?}");
    };
    assert_eq!(transport.kind, TransportErrorKind::Timeout);
    assert_eq!(transport.attempts, 1);
    assert_eq!(transport.endpoint, server.url());
    assert!(error.is_retryable());
    assert!(shown.contains("300 ms"), "{shown}");
    assert_eq!(error.status(), None);
    assert_eq!(error.service_error(), None);
}

#[tokio::test]
async fn a_body_that_stalls_times_out() {
    let mut bytes =
        b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\nContent-Type: application/json\r\n\r\n"
            .to_vec();
    bytes.extend_from_slice(b"{\"clusters\": [");
    let server = RawServer::script(vec![Reply::Stall(bytes, Duration::from_secs(3))]).await;
    let client = builder(&server.url(), token())
        .read_timeout(Duration::from_millis(300))
        .build()
        .expect("client");
    let started = Instant::now();
    let error = client.list_instances().send().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    check_error(&error);
    let Error::Transport(transport) = &error else {
        panic!("not a transport error: {error:?}");
    };
    assert_eq!(transport.kind, TransportErrorKind::Timeout, "{transport}");
}

/// A `503`, then the documented example.
fn busy_then_example() -> Vec<Reply> {
    vec![
        Reply::Close(http_response(503, &[("X-Request-Id", "busy")], "busy")),
        json_200(example_body()),
    ]
}

/// Calls `server` with the standard retry policy: the answer must be the documented example.
async fn the_second_try_brings_the_example(server: &RawServer) {
    let client = builder(&server.url(), token())
        .retry(RetryPolicy::standard())
        .build()
        .expect("client");
    let response = client.list_instances().send().await.expect("second try");
    check_example(&response);
}

#[tokio::test]
async fn a_dropped_connection_is_retried_with_the_standard_policy() {
    let server = RawServer::script(vec![Reply::Drop, json_200(example_body())]).await;
    the_second_try_brings_the_example(&server).await;
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn a_503_is_retried_with_the_standard_policy() {
    let server = RawServer::script(busy_then_example()).await;
    the_second_try_brings_the_example(&server).await;
    let received = server.received();
    assert_eq!(received.len(), 2);
    // Each attempt is a whole request: the same path, and the token again.
    for request in &received {
        assert_eq!(request.method, "POST");
        assert_eq!(request.target, format!("/v2/{PROJECT}/db-om/instances"));
        assert_eq!(request.header("x-auth-token"), Some(TOKEN));
    }
}

#[tokio::test]
async fn without_retries_the_503_comes_back() {
    let server = RawServer::script(busy_then_example()).await;
    let client = client(&server.url(), token());
    let error = client.list_instances().send().await.unwrap_err();
    check_error(&error);
    assert!(matches!(
        &error,
        Error::Operation(ListInstancesError::Unhandled(u)) if u.status.as_u16() == 503
    ));
    assert!(error.is_retryable());
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    let endpoint = refusing_endpoint();
    let client = client(&endpoint, token());
    let error = client.list_instances().send().await.unwrap_err();
    let shown = check_error(&error);
    assert_eq!(error.kind(), ErrorKind::Transport);
    let Error::Transport(transport) = &error else {
        panic!("not a transport error: {error:?}");
    };
    assert_eq!(transport.kind, TransportErrorKind::ConnectionRefused);
    assert_eq!(transport.endpoint, endpoint);
    assert_eq!(
        shown,
        format!("could not reach {endpoint}: connection refused (after 1 attempt)")
    );
}

// ---------------------------------------------------------------------------
// Signatures, checked by the mock.

#[tokio::test]
async fn an_aksk_signature_verifies_on_the_server() {
    let mock = signing_mock().await;
    let client = client(&mock.endpoint(), aksk(SK));
    let response = client.list_instances().send().await.expect("signed 200");
    check_example(&response);
    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    let headers = &requests[0].headers;
    let authorization = headers["authorization"].to_str().expect("ASCII");
    assert!(
        authorization.starts_with(&format!("SDK-HMAC-SHA256 Access={AK}, SignedHeaders=")),
        "{authorization}"
    );
    assert!(!authorization.contains(SK));
    assert!(headers.contains_key("x-sdk-date"));
    assert_eq!(headers["x-project-id"], PROJECT);
    assert!(!headers.contains_key("x-auth-token"));
}

#[tokio::test]
async fn temporary_aksk_credentials_verify_and_send_the_security_token() {
    let mock = signing_mock().await;
    let credentials = Credentials::aksk(AK, SK)
        .with_security_token(SECURITY_TOKEN)
        .with_project_id(PROJECT);
    let client = client(&mock.endpoint(), credentials);
    client.list_instances().send().await.expect("signed 200");
    let requests = mock.requests();
    assert_eq!(requests[0].headers["x-security-token"], SECURITY_TOKEN);
}

#[tokio::test]
async fn a_wrong_secret_key_is_unauthorized() {
    let mock = signing_mock().await;
    let client = client(&mock.endpoint(), aksk(WRONG_SK));
    let error = client.list_instances().send().await.unwrap_err();
    let shown = check_error(&error);
    let Error::Operation(ListInstancesError::Unauthorized(unauthorized)) = &error else {
        panic!("not Operation(Unauthorized): {error:?}");
    };
    assert_eq!(unauthorized.status.as_u16(), 401);
    assert_eq!(
        unauthorized.body.error_code.as_deref(),
        Some("MOCK.401"),
        "{shown}"
    );
    assert!(
        unauthorized
            .body
            .error_msg
            .as_deref()
            .is_some_and(|m| m.contains("signature")),
        "{shown}"
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(error.kind(), ErrorKind::Service);
    assert!(!error.is_retryable());
    // A token alone is refused too once the mock requires AK/SK.
    let with_token = client_error(&mock.endpoint(), token()).await;
    assert!(matches!(
        with_token,
        Error::Operation(ListInstancesError::Unauthorized(_))
    ));
    assert_eq!(mock.requests().len(), 2);
}

async fn client_error(endpoint: &str, credentials: Credentials) -> CallError {
    let error = client(endpoint, credentials)
        .list_instances()
        .send()
        .await
        .unwrap_err();
    check_error(&error);
    error
}

// ---------------------------------------------------------------------------
// Requests refused before sending.

#[tokio::test]
async fn a_short_project_id_on_the_call_is_refused_before_sending() {
    let (mock, client) = token_mock().await;
    let error = client
        .list_instances()
        .project_id("abcde")
        .send()
        .await
        .unwrap_err();
    let shown = check_error(&error);
    let Error::InvalidRequest(invalid) = &error else {
        panic!("not InvalidRequest: {error:?}");
    };
    assert_eq!(invalid.operation(), "ListInstances");
    assert_eq!(invalid.violations().len(), 1);
    assert_eq!(invalid.violations()[0].field, "project_id");
    assert_eq!(
        shown,
        "invalid ListInstances request: project_id: must have 32 to 64 characters, got 5 \
         (nothing was sent)"
    );
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(!error.is_retryable());
    assert!(mock.requests().is_empty(), "{:?}", mock.requests());
}

#[tokio::test]
async fn a_short_project_id_in_the_credentials_is_refused_before_sending() {
    let server = RawServer::script(vec![json_200(example_body())]).await;
    let client = client(
        &server.url(),
        Credentials::token(TOKEN).with_project_id("abcde"),
    );
    let error = client.list_instances().send().await.unwrap_err();
    check_error(&error);
    let Error::InvalidRequest(invalid) = &error else {
        panic!("not InvalidRequest: {error:?}");
    };
    assert_eq!(invalid.violations()[0].field, "project_id");
    // Give a connection attempt time to show up, were one made.
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(server.connections(), 0);
    assert!(server.received().is_empty());
}

#[tokio::test]
async fn no_project_id_anywhere_is_refused_naming_project_id() {
    let server = RawServer::script(vec![json_200(example_body())]).await;
    let client = client(&server.url(), Credentials::token(TOKEN));
    assert_eq!(client.core().project_id(), None);
    let error = client.list_instances().send().await.unwrap_err();
    let shown = check_error(&error);
    let Error::InvalidRequest(invalid) = &error else {
        panic!("not InvalidRequest: {error:?}");
    };
    assert_eq!(invalid.violations().len(), 1);
    assert_eq!(invalid.violations()[0].field, "project_id");
    assert!(shown.contains("project_id"), "{shown}");
    assert!(shown.contains("nothing was sent"), "{shown}");
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(server.connections(), 0);
}

#[tokio::test]
async fn a_token_that_cannot_be_a_header_is_refused_before_sending() {
    let server = RawServer::script(vec![json_200(example_body())]).await;
    let bad_token = format!("{TOKEN}\nInjected: yes");
    let client = client(
        &server.url(),
        Credentials::token(bad_token.as_str()).with_project_id(PROJECT),
    );
    let error = client.list_instances().send().await.unwrap_err();
    let shown = check_error(&error);
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    assert_eq!(error.kind(), ErrorKind::Credentials);
    assert!(shown.contains("IAM token"), "{shown}");
    assert!(!shown.contains("Injected"), "{shown}");
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(server.connections(), 0);
}

// ---------------------------------------------------------------------------
// Secrets.

#[tokio::test]
async fn secrets_never_show_in_debug_or_display() {
    let temporary = Credentials::aksk(AK, SK)
        .with_security_token(SECURITY_TOKEN)
        .with_project_id(PROJECT);
    let token = token();
    for credentials in [&temporary, &token] {
        assert_no_secret("Credentials' Debug", &format!("{credentials:?}"));
        assert_no_secret("Credentials' alternate Debug", &format!("{credentials:#?}"));
        assert_no_secret("Auth's Debug", &format!("{:?}", credentials.auth()));
    }
    let endpoint = "http://127.0.0.1:9";
    for credentials in [temporary, token] {
        let http = HttpConfig {
            retry: RetryPolicy::none(),
            ..HttpConfig::default()
        };
        let builder = Client::builder()
            .endpoint(endpoint)
            .credentials(credentials)
            .http(http);
        assert_no_secret("ClientBuilder's Debug", &format!("{builder:?}"));
        assert_no_secret("ClientBuilder's alternate Debug", &format!("{builder:#?}"));
        let client = builder.build().expect("client");
        assert_no_secret("Client's Debug", &format!("{client:?}"));
        assert_no_secret("Client's alternate Debug", &format!("{client:#?}"));
        assert_no_secret("ClientCore's Debug", &format!("{:?}", client.core()));
        let call = client.list_instances();
        assert_no_secret("ListInstancesCall's Debug", &format!("{call:?}"));
    }
    // Errors of every kind carrying these credentials.
    let mock = signing_mock().await;
    let mut errors = vec![
        client_error(&mock.endpoint(), aksk(WRONG_SK)).await,
        client_error(
            &mock.endpoint(),
            Credentials::aksk(AK, SK)
                .with_security_token(SECURITY_TOKEN)
                .with_project_id("short"),
        )
        .await,
        client_error(&mock.endpoint(), Credentials::aksk(AK, SK)).await,
        client_error(
            &mock.endpoint(),
            Credentials::token(format!("{TOKEN}\r\n")).with_project_id(PROJECT),
        )
        .await,
    ];
    mock.reset();
    errors.push(client_error(&refusing_endpoint(), aksk(SK)).await);
    assert!(matches!(errors[0], Error::Operation(_)));
    assert!(matches!(errors[1], Error::InvalidRequest(_)));
    assert!(matches!(errors[2], Error::InvalidRequest(_)));
    assert!(matches!(errors[3], Error::Credentials(_)));
    assert!(matches!(errors[4], Error::Transport(_)));
    // The mock's 401 answer kept its headers: Debug shows them, with no secret.
    for error in &errors {
        if let Some(info) = error.service_error() {
            assert_no_secret("ServiceErrorInfo's Debug", &format!("{info:?}"));
            assert_no_secret("ServiceErrorInfo's Display", &info.to_string());
        }
    }
}

// ---------------------------------------------------------------------------
// What a newcomer names: the crate root's re-exports, per-call options, the signed request
// without sending, the mock's documented error codes, the builder's forwarded settings.

#[tokio::test]
async fn a_program_names_everything_from_the_crate_root() {
    use huaweicloud_sdk_dbss::error_codes::ErrorCode;
    use huaweicloud_sdk_dbss::mock::{self, MockServer};
    use huaweicloud_sdk_dbss::{
        CallOptions, Client, Credentials, Error, ErrorMetadata as _, RetryPolicy,
    };

    let server: MockServer = mock::start().await.expect("mock");
    let client = Client::builder()
        .endpoint(server.endpoint())
        .credentials(Credentials::aksk(AK, SK).with_project_id(PROJECT))
        .retry(RetryPolicy::none())
        .build()
        .expect("client");
    let output = client
        .list_instances()
        .customize(CallOptions::new())
        .send()
        .await
        .expect("200");
    assert_eq!(output.clusters().len(), 1);

    let code = ErrorCode::Dbss10020100;
    mock::respond_with_code(&server, "ListInstances", code).expect("401 is documented");
    let error: Error<_> = client.list_instances().send().await.unwrap_err();
    let Error::Operation(operation) = &error else {
        panic!("not an operation error: {error:?}");
    };
    // The trait's methods, through the root's re-export of the trait.
    assert_eq!(operation.error_code(), Some("DBSS.10020100"));
    assert_eq!(operation.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(operation.known_error_code(), Some(code));
    assert_eq!(error.error_msg(), Some(code.message()));
}

#[tokio::test]
async fn respond_with_code_refuses_a_status_the_operation_does_not_document() {
    use huaweicloud_sdk_dbss::error_codes::ErrorCode;
    let server = huaweicloud_sdk_dbss::mock::start().await.expect("mock");
    for (operation, code, expected) in [
        // DBSS.10021004 is a 404, which ListInstances does not document.
        (
            "ListInstances",
            ErrorCode::Dbss10021004,
            "does not document status 404",
        ),
        (
            "NoSuchOperation",
            ErrorCode::Dbss10020100,
            "no operation `NoSuchOperation`",
        ),
    ] {
        let message =
            huaweicloud_sdk_dbss::mock::respond_with_code(&server, operation, code).unwrap_err();
        assert!(message.contains(expected), "{message}");
    }
}

#[tokio::test]
async fn a_per_call_deadline_ends_a_slow_call() {
    let server = slow_server().await;
    // The client would wait 5 s for the answer; this call only 300 ms.
    let client = client(&server.url(), token());
    fails_in_300_ms(
        client
            .list_instances()
            .customize(huaweicloud_sdk_dbss::CallOptions::new().timeout(Duration::from_millis(300)))
            .send(),
    )
    .await;
}

#[tokio::test]
async fn extra_headers_of_a_call_arrive_on_that_call_only() {
    let (mock, client) = token_mock().await;
    let options = huaweicloud_sdk_dbss::CallOptions::new()
        .header("X-Language", "en-us")
        .expect("a valid header");
    client
        .list_instances()
        .customize(options)
        .send()
        .await
        .expect("200");
    client.list_instances().send().await.expect("200");
    let requests = mock.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].headers["x-language"], "en-us");
    assert!(requests[1].headers.get("x-language").is_none());
}

#[tokio::test]
async fn the_signed_request_is_what_send_sends_and_verifies() {
    let mock = signing_mock().await;
    let client = builder(&mock.endpoint(), aksk(SK))
        .user_agent_suffix("newcomer/0.1")
        .build()
        .expect("client");
    let signed = client
        .list_instances()
        .signed_request()
        .await
        .expect("signed");
    assert_eq!(signed.method(), http::Method::POST);
    assert_eq!(
        signed.uri().to_string(),
        format!("{}/v2/{PROJECT}/db-om/instances", mock.endpoint())
    );
    let authorization = signed.headers()["authorization"].to_str().unwrap();
    assert!(
        authorization.starts_with(&format!("SDK-HMAC-SHA256 Access={AK}, SignedHeaders=")),
        "{authorization}"
    );
    assert!(
        signed.headers()["user-agent"]
            .to_str()
            .unwrap()
            .ends_with(" newcomer/0.1")
    );
    assert_no_secret("the signed request", &format!("{signed:?}"));
    // Sent with another HTTP client, the mock (which verifies AK/SK signatures) accepts it.
    let response = mock
        .http_client()
        .send(signed.clone())
        .await
        .expect("a response");
    assert_eq!(
        response.status(),
        200,
        "{:?}",
        String::from_utf8_lossy(response.body())
    );
    // And `send` puts the same request on the wire (the date, so the signature, may differ).
    client.list_instances().send().await.expect("200");
    let sent = mock.requests().pop().expect("recorded");
    assert_eq!(sent.path, signed.uri().path());
    for name in ["user-agent", "x-project-id", "content-type"] {
        assert_eq!(sent.headers.get(name), signed.headers().get(name), "{name}");
    }
}

#[tokio::test]
async fn into_request_fills_the_project_id_as_send_does() {
    let (mock, client) = token_mock().await;
    let request = client
        .list_instances()
        .into_request()
        .await
        .expect("request");
    assert_eq!(request.project_id(), PROJECT);
    // Set on the call, it wins.
    let other = "fedcba9876543210fedcba9876543210";
    let request = client
        .list_instances()
        .project_id(other)
        .into_request()
        .await
        .expect("request");
    assert_eq!(request.project_id(), other);
    // Without a project anywhere, the error says how to set one.
    let client = self::client(&mock.endpoint(), Credentials::token(TOKEN));
    let error = client.list_instances().into_request().await.unwrap_err();
    assert!(
        error.to_string().contains("HUAWEICLOUD_SDK_PROJECT_ID"),
        "{error}"
    );
}

#[tokio::test]
async fn build_on_a_call_fills_the_project_id_from_the_credentials() {
    let (mock, client) = token_mock().await;
    let request = client.list_instances().build().expect("request");
    assert_eq!(request.project_id(), PROJECT);
    // Set on the call, it wins.
    let other = "fedcba9876543210fedcba9876543210";
    let request = client
        .list_instances()
        .project_id(other)
        .build()
        .expect("request");
    assert_eq!(request.project_id(), other);
    // Credentials without a project id: build() cannot look it up (into_request can), and
    // says which field is missing.
    let client = self::client(&mock.endpoint(), Credentials::token(TOKEN));
    let error = client.list_instances().build().unwrap_err();
    assert!(error.to_string().contains("project_id"), "{error}");
}

#[tokio::test]
async fn the_client_builder_forwards_the_runtime_settings() {
    let client = Client::builder()
        .endpoint("http://127.0.0.1:9")
        .credentials(token())
        .timeout(Duration::from_secs(7))
        .user_agent_suffix("my-tool/1.2")
        .with_core(|core| core.read_timeout(Duration::from_secs(3)))
        .build()
        .expect("client");
    let http = client.core().http_config();
    assert_eq!(http.timeout, Some(Duration::from_secs(7)));
    assert_eq!(http.read_timeout, Duration::from_secs(3));
    assert!(
        http.user_agent.ends_with(" my-tool/1.2"),
        "{}",
        http.user_agent
    );
}
