//! The mock service: routing, credentials, checks against the table, forced
//! statuses and recorded requests, driven over real HTTP.

#![cfg(feature = "mock")]

use std::time::{Duration, SystemTime};

use huaweicloud_sdk_core::mock::{MockOperation, MockParam, MockServer, MockStatus, ParamLocation};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A project id of the documented length (32 characters).
const PROJECT: &str = "0123456789abcdef0123456789abcdef";

const LIST_EXAMPLE: &str = r#"{"clusters": [{"name": "DBSS-OM0819", "charge_model": "Period"}]}"#;
const FORBIDDEN_EXAMPLE: &str = r#"{"error_code": "DBSS.10000001", "error_msg": "Forbidden"}"#;

const fn param(name: &'static str, location: ParamLocation, mandatory: bool) -> MockParam {
    MockParam::new(name, location, mandatory)
}

const PROJECT_ID: MockParam = MockParam {
    min_length: Some(32),
    max_length: Some(64),
    ..param("project_id", ParamLocation::Path, true)
};

const AUTH_TOKEN: MockParam = param("X-Auth-Token", ParamLocation::Header, true);

static OPERATIONS: &[MockOperation] = &[
    MockOperation {
        id: "ListInstances",
        method: "POST",
        path_template: "/v2/{project_id}/db-om/instances",
        params: &[
            PROJECT_ID,
            AUTH_TOKEN,
            MockParam {
                minimum: Some(1),
                maximum: Some(100),
                ..param("limit", ParamLocation::Query, false)
            },
            MockParam {
                allowed: &["ACTIVE", "SHUTOFF"],
                ..param("status", ParamLocation::Query, false)
            },
        ],
        success_status: 200,
        statuses: &[
            MockStatus {
                status: 200,
                description: "OK",
                example: Some(LIST_EXAMPLE),
            },
            MockStatus {
                status: 400,
                description: "Invalid request parameter.",
                example: None,
            },
            MockStatus {
                status: 401,
                description: "Authorization failed.",
                example: None,
            },
            MockStatus {
                status: 403,
                description: "Unauthorized",
                example: Some(FORBIDDEN_EXAMPLE),
            },
            MockStatus {
                status: 500,
                description: "Server error.",
                example: None,
            },
        ],
        has_body: false,
        paging: None,
    },
    MockOperation {
        id: "ShowInstance",
        method: "GET",
        path_template: "/v2/{project_id}/db-om/instances/{instance_id}",
        params: &[
            PROJECT_ID,
            MockParam {
                min_length: Some(3),
                ..param("instance_id", ParamLocation::Path, true)
            },
            MockParam {
                max_length: Some(8),
                ..param("X-Language", ParamLocation::Header, true)
            },
        ],
        success_status: 200,
        statuses: &[MockStatus {
            status: 200,
            description: "OK",
            example: Some(r#"{"id": "shown"}"#),
        }],
        has_body: false,
        paging: None,
    },
    MockOperation {
        id: "UpdateInstance",
        method: "PUT",
        path_template: "/v2/{project_id}/db-om/instances/{instance_id}",
        params: &[PROJECT_ID],
        success_status: 204,
        statuses: &[
            MockStatus {
                status: 204,
                description: "No Content",
                example: None,
            },
            MockStatus {
                status: 409,
                description: "The instance is busy.",
                example: None,
            },
        ],
        has_body: true,
        paging: None,
    },
    MockOperation {
        id: "CountInstances",
        method: "GET",
        path_template: "/v2/{project_id}/db-om/instances/count",
        params: &[PROJECT_ID],
        success_status: 200,
        statuses: &[MockStatus {
            status: 200,
            description: "OK",
            example: Some(r#"{"count": 2}"#),
        }],
        has_body: false,
        paging: None,
    },
];

/// A client that never goes through a proxy.
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a client")
}

/// A response: status, headers and the raw body.
struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }

    /// `error_msg` of a mock error, checking `error_code` is `MOCK.<status>`.
    fn mock_error(&self) -> String {
        let body = self.json();
        assert_eq!(
            body["error_code"],
            format!("MOCK.{}", self.status),
            "{body}"
        );
        body["error_msg"].as_str().expect("an error_msg").to_owned()
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("no {name} header"))
    }
}

/// Sends a request to the mock with `headers` and an optional body.
async fn send(
    server: &MockServer,
    method: &str,
    path_and_query: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Answer {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("a method");
    let mut request = client().request(method, format!("{}{path_and_query}", server.endpoint()));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if let Some(body) = body {
        request = request.body(body.to_owned());
    }
    let response = request.send().await.expect("the mock answers");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.text().await.expect("a body");
    Answer {
        status,
        headers,
        body,
    }
}

const TOKEN: (&str, &str) = ("X-Auth-Token", "a-token");

fn list_path(project: &str) -> String {
    format!("/v2/{project}/db-om/instances")
}

async fn list(server: &MockServer) -> Answer {
    send(server, "POST", &list_path(PROJECT), &[TOKEN], None).await
}

#[tokio::test]
async fn serves_the_documented_example_on_success() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    assert!(server.endpoint().starts_with("http://127.0.0.1:"));
    let answer = list(&server).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, LIST_EXAMPLE);
    assert_eq!(answer.header("content-type"), "application/json");
    assert_eq!(answer.header("x-request-id"), "mock-1");
    assert_eq!(list(&server).await.header("x-request-id"), "mock-2");
}

#[tokio::test]
async fn a_success_without_example_answers_an_empty_object_or_nothing() {
    static TABLE: &[MockOperation] = &[MockOperation {
        id: "Ping",
        method: "GET",
        path_template: "/ping",
        params: &[],
        success_status: 200,
        statuses: &[],
        has_body: false,
        paging: None,
    }];
    let server = MockServer::start(TABLE).await.unwrap();
    let answer = send(&server, "GET", "/ping", &[TOKEN], None).await;
    assert_eq!((answer.status, answer.body.as_str()), (200, "{}"));

    // 204 No Content has no body at all.
    let server = MockServer::start(OPERATIONS).await.unwrap();
    let answer = send(
        &server,
        "PUT",
        &format!("{}/abc", list_path(PROJECT)),
        &[TOKEN],
        Some("{}"),
    )
    .await;
    assert_eq!((answer.status, answer.body.as_str()), (204, ""));
    assert_eq!(answer.header("x-request-id"), "mock-1");
}

#[tokio::test]
async fn unknown_paths_are_404() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    for path in [
        "/v3/nothing",
        "/",
        "/v2/db-om/instances",
        // A placeholder matches one non-empty segment only.
        "/v2//db-om/instances",
        "/v2/a/b/db-om/instances",
        "/v2/p/db-om/instances/",
    ] {
        let answer = send(&server, "POST", path, &[TOKEN], None).await;
        assert_eq!(answer.status, 404, "{path}: {}", answer.body);
        assert!(answer.mock_error().contains(path), "{}", answer.body);
        assert!(answer.headers.contains_key("x-request-id"));
    }
}

#[tokio::test]
async fn a_known_path_with_another_method_is_405() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    let answer = send(&server, "DELETE", &list_path(PROJECT), &[TOKEN], None).await;
    assert_eq!(answer.status, 405, "{}", answer.body);
    assert_eq!(answer.header("allow"), "POST");
    assert!(answer.mock_error().contains("DELETE"));

    let path = format!("{}/abc", list_path(PROJECT));
    let answer = send(&server, "POST", &path, &[TOKEN], None).await;
    assert_eq!(answer.status, 405, "{}", answer.body);
    assert_eq!(answer.header("allow"), "GET, PUT");
}

#[tokio::test]
async fn a_literal_segment_wins_over_a_placeholder() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    let path = format!("{}/count", list_path(PROJECT));
    let answer = send(&server, "GET", &path, &[TOKEN], None).await;
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (200, r#"{"count": 2}"#)
    );
    let recorded = server.requests();
    assert_eq!(recorded[0].operation.as_deref(), Some("CountInstances"));

    let path = format!("{}/other", list_path(PROJECT));
    let answer = send(
        &server,
        "GET",
        &path,
        &[TOKEN, ("X-Language", "en-us")],
        None,
    )
    .await;
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (200, r#"{"id": "shown"}"#)
    );
}

#[tokio::test]
async fn requests_without_credentials_are_401() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    let path = list_path(PROJECT);
    let answer = send(&server, "POST", &path, &[], None).await;
    assert_eq!(answer.status, 401, "{}", answer.body);
    assert!(answer.mock_error().contains("X-Auth-Token"));

    // An empty token is no token; a signature needs X-Sdk-Date.
    let signature = (
        "Authorization",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=00",
    );
    for headers in [
        &[("X-Auth-Token", "")][..],
        &[signature][..],
        &[("Authorization", "Bearer abc")][..],
    ] {
        let answer = send(&server, "POST", &path, headers, None).await;
        assert_eq!(answer.status, 401, "{headers:?}: {}", answer.body);
    }
    let answer = send(&server, "POST", &path, &[signature], None).await;
    assert!(
        answer.mock_error().contains("X-Sdk-Date"),
        "{}",
        answer.body
    );

    // Without require_aksk, a signature's presence is enough; it replaces the
    // documented mandatory X-Auth-Token.
    let date = ("X-Sdk-Date", "20250910T000000Z");
    let answer = send(&server, "POST", &path, &[signature, date], None).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
}

#[tokio::test]
async fn a_too_short_path_parameter_is_400_naming_it() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    let answer = send(&server, "POST", &list_path("short"), &[TOKEN], None).await;
    assert_eq!(answer.status, 400, "{}", answer.body);
    let message = answer.mock_error();
    assert!(message.contains("project_id"), "{message}");
    assert!(message.contains("at least 32 characters"), "{message}");

    // Lengths count characters, after percent-decoding: 32 `é` are 64 bytes, 192 encoded.
    let project = "%C3%A9".repeat(32);
    let answer = send(&server, "POST", &list_path(&project), &[TOKEN], None).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let answer = send(
        &server,
        "POST",
        &list_path(&"%C3%A9".repeat(65)),
        &[TOKEN],
        None,
    )
    .await;
    assert!(
        answer.mock_error().contains("at most 64 characters"),
        "{}",
        answer.body
    );
}

#[tokio::test]
async fn query_and_header_constraints_are_checked_and_all_reported() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    let path = format!("{}?limit=0&status=DELETED", list_path(PROJECT));
    let answer = send(&server, "POST", &path, &[TOKEN], None).await;
    assert_eq!(answer.status, 400, "{}", answer.body);
    let message = answer.mock_error();
    assert!(
        message.contains("query parameter `limit` must be at least 1"),
        "{message}"
    );
    assert!(
        message.contains("query parameter `status` must be one of"),
        "{message}"
    );
    assert!(message.contains("ACTIVE, SHUTOFF"), "{message}");

    for query in ["limit=abc", "limit=101", "limit=99999999999999999999"] {
        let path = format!("{}?{query}", list_path(PROJECT));
        let answer = send(&server, "POST", &path, &[TOKEN], None).await;
        assert_eq!(answer.status, 400, "{query}: {}", answer.body);
        assert!(answer.mock_error().contains("`limit`"), "{}", answer.body);
    }
    let path = format!("{}?limit=100&status=SHUTOFF&other=x", list_path(PROJECT));
    assert_eq!(
        send(&server, "POST", &path, &[TOKEN], None).await.status,
        200
    );

    // A mandatory header: missing, then too long.
    let path = format!("{}/abc", list_path(PROJECT));
    let answer = send(&server, "GET", &path, &[TOKEN], None).await;
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert!(
        answer
            .mock_error()
            .contains("mandatory header `X-Language` is missing")
    );
    let answer = send(
        &server,
        "GET",
        &path,
        &[TOKEN, ("x-language", "much-too-long")],
        None,
    )
    .await;
    assert!(
        answer
            .mock_error()
            .contains("header `X-Language` must be at most 8")
    );

    // The mandatory X-Auth-Token header, when the request has no credentials at all, is a 401.
    let answer = send(&server, "POST", &list_path(PROJECT), &[], None).await;
    assert_eq!(answer.status, 401);
}

#[tokio::test]
async fn operations_with_a_body_need_json() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    let path = format!("{}/abc", list_path(PROJECT));
    let answer = send(&server, "PUT", &path, &[TOKEN], None).await;
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert!(answer.mock_error().contains("request body"));
    let answer = send(&server, "PUT", &path, &[TOKEN], Some("{not json")).await;
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert!(answer.mock_error().contains("not valid JSON"));
    let answer = send(&server, "PUT", &path, &[TOKEN], Some(r#"{"name": "x"}"#)).await;
    assert_eq!(answer.status, 204, "{}", answer.body);
}

#[tokio::test]
async fn respond_with_answers_each_documented_status() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    for documented in OPERATIONS[0].statuses {
        server
            .respond_with("ListInstances", documented.status)
            .unwrap();
        let answer = list(&server).await;
        assert_eq!(answer.status, documented.status, "{}", answer.body);
        assert_eq!(answer.header("content-type"), "application/json");
        match documented.example {
            Some(example) => assert_eq!(answer.body, example),
            None => assert_eq!(
                answer.json(),
                json!({
                    "error_code": format!("MOCK.{}", documented.status),
                    "error_msg": documented.description,
                })
            ),
        }
        // Until told otherwise, later calls answer the same.
        assert_eq!(list(&server).await.status, documented.status);
    }
    // Other operations are not affected.
    let path = format!("{}/count", list_path(PROJECT));
    assert_eq!(
        send(&server, "GET", &path, &[TOKEN], None).await.status,
        200
    );

    // A forced status of an operation that documents no example for it.
    server.respond_with("UpdateInstance", 409).unwrap();
    let path = format!("{}/abc", list_path(PROJECT));
    let answer = send(&server, "PUT", &path, &[TOKEN], Some("{}")).await;
    assert_eq!(answer.status, 409);
    assert_eq!(answer.mock_error(), "The instance is busy.");
}

#[tokio::test]
async fn the_request_is_still_checked_when_a_status_is_forced() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    server.respond_with("ListInstances", 403).unwrap();
    let answer = send(&server, "POST", &list_path("short"), &[TOKEN], None).await;
    assert_eq!(answer.status, 400);
    assert!(answer.mock_error().contains("project_id"));
}

#[tokio::test]
async fn respond_with_an_undocumented_status_or_operation_is_an_error() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    let error = server.respond_with("ListInstances", 404).unwrap_err();
    assert!(error.contains("404"), "{error}");
    assert!(error.contains("200, 400, 401, 403, 500"), "{error}");
    let error = server.respond_with("NoSuchOperation", 200).unwrap_err();
    assert!(error.contains("NoSuchOperation"), "{error}");
    // Nothing changed.
    assert_eq!(list(&server).await.status, 200);
}

#[tokio::test]
async fn respond_with_error_answers_a_documented_error_code() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    server
        .respond_with_error(
            "ListInstances",
            401,
            "DBSS.10020100",
            "Failed to authenticate the token in the request",
        )
        .unwrap();
    let answer = list(&server).await;
    assert_eq!(answer.status, 401);
    assert_eq!(
        answer.json(),
        json!({
            "error_code": "DBSS.10020100",
            "error_msg": "Failed to authenticate the token in the request",
        })
    );
    assert_eq!(answer.header("content-type"), "application/json");
    assert!(answer.header("x-request-id").starts_with("mock-"));
    // The operation's example for a status stays what respond_with answers.
    server.respond_with("ListInstances", 403).unwrap();
    assert_eq!(list(&server).await.body, FORBIDDEN_EXAMPLE);
    // The checks still come first.
    server
        .respond_with_error("ListInstances", 500, "DBSS.10000010", "Internal error")
        .unwrap();
    let answer = send(&server, "POST", &list_path("short"), &[TOKEN], None).await;
    assert_eq!(answer.status, 400);
    assert!(answer.mock_error().contains("project_id"));
    assert_eq!(list(&server).await.json()["error_code"], "DBSS.10000010");
    server.reset();
    assert_eq!(list(&server).await.status, 200);
}

#[tokio::test]
async fn respond_with_error_refuses_an_undocumented_or_success_status() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    let error = server
        .respond_with_error("ListInstances", 404, "DBSS.1", "x")
        .unwrap_err();
    assert!(error.contains("200, 400, 401, 403, 500"), "{error}");
    let error = server
        .respond_with_error("ListInstances", 200, "DBSS.1", "x")
        .unwrap_err();
    assert!(error.contains("not an error status"), "{error}");
    let error = server
        .respond_with_error("NoSuchOperation", 401, "DBSS.1", "x")
        .unwrap_err();
    assert!(error.contains("NoSuchOperation"), "{error}");
    assert_eq!(list(&server).await.status, 200, "nothing changed");
}

#[tokio::test]
async fn reset_goes_back_to_success() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    server.respond_with("ListInstances", 500).unwrap();
    server.respond_with("UpdateInstance", 409).unwrap();
    assert_eq!(list(&server).await.status, 500);
    server.reset();
    let answer = list(&server).await;
    assert_eq!((answer.status, answer.body.as_str()), (200, LIST_EXAMPLE));
    let path = format!("{}/abc", list_path(PROJECT));
    let answer = send(&server, "PUT", &path, &[TOKEN], Some("{}")).await;
    assert_eq!(answer.status, 204);
}

#[tokio::test]
async fn requests_are_recorded() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    assert!(server.requests().is_empty());
    let path = format!("{}/ab%20c", list_path(PROJECT));
    send(
        &server,
        "PUT",
        &format!("{path}?x=1"),
        &[TOKEN],
        Some(r#"{"a": 1}"#),
    )
    .await;
    send(&server, "GET", "/nowhere", &[], None).await;
    send(&server, "POST", &list_path("short"), &[TOKEN], None).await;

    let recorded = server.requests();
    assert_eq!(recorded.len(), 3);
    let first = &recorded[0];
    assert_eq!(first.operation.as_deref(), Some("UpdateInstance"));
    assert_eq!(first.method, "PUT");
    assert_eq!(first.path, path);
    assert_eq!(first.query.as_deref(), Some("x=1"));
    assert_eq!(first.headers["x-auth-token"], "a-token");
    assert_eq!(first.body, br#"{"a": 1}"#);
    // Debug output hides credentials.
    assert!(!format!("{first:?}").contains("a-token"));

    assert_eq!(recorded[1].operation, None);
    assert_eq!(recorded[1].path, "/nowhere");
    assert_eq!(recorded[1].query, None);
    assert!(recorded[1].body.is_empty());
    // Rejected requests are recorded too, with the operation they matched.
    assert_eq!(recorded[2].operation.as_deref(), Some("ListInstances"));
}

/// `http::Request` signed with AK/SK for the mock, as headers to send.
fn signed_headers(server: &MockServer, path: &str, ak: &str, sk: &str) -> Vec<(String, String)> {
    let mut request = http::Request::builder()
        .method("POST")
        .uri(format!("{}{path}", server.endpoint()))
        .header("content-type", "application/json")
        .body(Vec::new())
        .unwrap();
    huaweicloud_sdk_core::signer::sign(&mut request, ak, sk, SystemTime::now())
        .expect("the request can be signed");
    request
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
        .collect()
}

#[tokio::test]
async fn require_aksk_rejects_requests_that_do_not_verify() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    server.require_aksk("MOCKAK", "mock-secret-key");
    let path = list_path(PROJECT);

    // A well-formed header whose signature is wrong.
    let bad = (
        "Authorization",
        "SDK-HMAC-SHA256 Access=MOCKAK, SignedHeaders=host;x-sdk-date, Signature=0000",
    );
    let date = ("X-Sdk-Date", "20250910T000000Z");
    let answer = send(&server, "POST", &path, &[bad, date], None).await;
    assert_eq!(answer.status, 401, "{}", answer.body);
    let message = answer.mock_error();
    assert!(message.contains("does not verify"), "{message}");
    assert!(!message.contains("mock-secret-key"), "{message}");

    // A token alone is not enough any more.
    let answer = list(&server).await;
    assert_eq!(answer.status, 401, "{}", answer.body);
    assert!(answer.mock_error().contains("AK/SK"));

    // Signed with another key pair.
    let other: Vec<(String, String)> = signed_headers(&server, &path, "OTHERAK", "other-secret");
    let other: Vec<(&str, &str)> = other
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert_eq!(send(&server, "POST", &path, &other, None).await.status, 401);
    let other: Vec<(String, String)> = signed_headers(&server, &path, "MOCKAK", "other-secret");
    let other: Vec<(&str, &str)> = other
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert_eq!(send(&server, "POST", &path, &other, None).await.status, 401);
}

#[tokio::test]
async fn require_aksk_accepts_a_valid_signature() {
    // Needs the real signer (`signer::sign` and `signer::verify`).
    let server = MockServer::start(OPERATIONS).await.unwrap();
    server.require_aksk("MOCKAK", "mock-secret-key");
    let path = format!("{}?limit=10", list_path(PROJECT));
    let signed = signed_headers(&server, &path, "MOCKAK", "mock-secret-key");
    let signed: Vec<(&str, &str)> = signed
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let answer = send(&server, "POST", &path, &signed, None).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, LIST_EXAMPLE);
}

/// Writes raw bytes to the mock and reads the whole answer (the mock closes the connection).
async fn raw(server: &MockServer, request: &[u8]) -> String {
    let address = server.endpoint().trim_start_matches("http://").to_owned();
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer));
    read.await.expect("the mock answers in time").unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn malformed_requests_are_400_and_the_server_carries_on() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    let answer = raw(&server, b"this is not HTTP\r\n\r\n").await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");

    // A path that is not UTF-8 once decoded: a JSON 400 from the mock.
    let answer = raw(
        &server,
        b"GET /v2/%FF/db-om/instances HTTP/1.1\r\nHost: x\r\nX-Auth-Token: t\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("MOCK.400"), "{answer}");
    assert!(answer.contains("x-request-id: mock-"), "{answer}");

    // A body shorter than its Content-Length, then the connection closes.
    let address = server.endpoint().trim_start_matches("http://").to_owned();
    let mut stream = TcpStream::connect(address).await.unwrap();
    let path = list_path(PROJECT);
    let head = format!(
        "PUT {path}/abc HTTP/1.1\r\nHost: x\r\nX-Auth-Token: t\r\nContent-Length: 100\r\n\r\n{{"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    drop(stream);

    assert_eq!(list(&server).await.status, 200);
}

#[tokio::test]
async fn dropping_the_server_stops_it() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    let address = server.endpoint().trim_start_matches("http://").to_owned();
    assert_eq!(list(&server).await.status, 200);
    drop(server);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        // The listener closes once the aborted task is dropped.
        match TcpStream::connect(&address).await {
            Err(_) => break,
            Ok(_) if tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            Ok(_) => panic!("the mock still accepts connections after being dropped"),
        }
    }
}

#[tokio::test]
async fn a_bad_table_is_refused() {
    static OP: MockOperation = MockOperation {
        id: "Same",
        method: "GET",
        path_template: "/a",
        params: &[],
        success_status: 200,
        statuses: &[],
        has_body: false,
        paging: None,
    };
    static DUPLICATE: &[MockOperation] = &[
        OP,
        MockOperation {
            path_template: "/b",
            ..OP
        },
    ];
    static BAD_METHOD: &[MockOperation] = &[MockOperation {
        method: "G ET",
        ..OP
    }];
    static BAD_STATUS: &[MockOperation] = &[MockOperation {
        success_status: 1000,
        ..OP
    }];
    for (table, expected) in [
        (DUPLICATE, "`Same` appears twice"),
        (BAD_METHOD, "invalid method"),
        (BAD_STATUS, "invalid status code 1000"),
    ] {
        let error = MockServer::start(table).await.unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
        assert!(error.to_string().contains(expected), "{error}");
        assert!(error.to_string().contains("Same"), "{error}");
        // The in-process server checks its table the same way.
        let error = MockServer::in_process(table).unwrap_err();
        assert!(error.to_string().contains(expected), "{error}");
    }
    assert!(MockServer::start(std::slice::from_ref(&OP)).await.is_ok());
}

#[tokio::test]
async fn debug_shows_no_secret() {
    let server = MockServer::start(OPERATIONS).await.unwrap();
    server.require_aksk("MOCKAK", "mock-secret-key");
    let debug = format!("{server:?}");
    assert!(debug.contains(&server.endpoint()), "{debug}");
    assert!(debug.contains("ListInstances"), "{debug}");
    assert!(!debug.contains("mock-secret-key"), "{debug}");
}

#[tokio::test]
async fn serves_in_process_through_the_http_client() {
    use huaweicloud_sdk_core::credentials::Credentials;
    use huaweicloud_sdk_core::{HttpConfig, Transport};

    // No socket at all: only the in-process client can answer.
    let server = MockServer::in_process(OPERATIONS).unwrap();
    server.require_aksk("MOCKAK", "mock-secret-key");
    let transport = Transport::with_client(HttpConfig::default(), server.http_client()).unwrap();
    let build = |endpoint: &str| {
        http::Request::builder()
            .method("POST")
            .uri(format!("{endpoint}/v2/{PROJECT}/db-om/instances?limit=5"))
            .header("X-Auth-Token", "t")
            .body(Vec::new())
            .map_err(|e| {
                huaweicloud_sdk_core::InvalidRequest::single("ListInstances", "uri", e.to_string())
            })
    };
    let endpoints = [server.endpoint()];
    assert_eq!(endpoints[0], "http://mock.in-process.invalid");
    let good = Credentials::aksk("MOCKAK", "mock-secret-key");
    let response = transport
        .send("ListInstances", &endpoints, &good, &build)
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body, serde_json::from_str::<Value>(LIST_EXAMPLE).unwrap());
    assert_eq!(response.headers()["x-request-id"], "mock-1");

    let bad = Credentials::aksk("MOCKAK", "another-secret-key");
    let response = transport
        .send("ListInstances", &endpoints, &bad, &build)
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let recorded = server.requests();
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[0].operation.as_deref(), Some("ListInstances"));
    assert_eq!(recorded[0].query.as_deref(), Some("limit=5"));
}
