//! The transport, retries, endpoint failover, errors and client builder,
//! against raw HTTP/1.1 servers started on 127.0.0.1 by each test.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use huaweicloud_sdk_core::client::{BuildError, ClientBuilder, ClientConfig};
use huaweicloud_sdk_core::credentials::{Credentials, CredentialsError};
use huaweicloud_sdk_core::http::{self, HeaderMap, StatusCode};
use huaweicloud_sdk_core::transport::DEFAULT_USER_AGENT;
use huaweicloud_sdk_core::{
    Error, HttpConfig, InvalidRequest, RetryPolicy, SendError, ServiceErrorInfo, Transport,
    TransportError, TransportErrorKind, UnhandledResponse,
};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

const SK: &str = "sk-VERY-SECRET-0123456789";
const TOKEN: &str = "tok-VERY-SECRET-abcdef";
const SECURITY_TOKEN: &str = "sts-VERY-SECRET-xyz";

// ---------------------------------------------------------------------------
// A scripted HTTP/1.1 server (`support/raw.rs`, shared with `integration-tests`).

#[path = "support/raw.rs"]
mod raw;

use raw::{Reply, Server};

/// A response with `Content-Length`, on a connection kept open.
fn response(status: u16, headers: &[(&str, &str)], body: &str) -> Reply {
    Reply::Keep(raw::response(status, headers, body))
}

/// An address where nothing listens.
async fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

// ---------------------------------------------------------------------------
// Helpers to call the transport.

fn fast(policy: RetryPolicy) -> RetryPolicy {
    policy
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(20))
}

fn transport(retry: RetryPolicy) -> Transport {
    Transport::new(HttpConfig {
        retry,
        ..HttpConfig::default()
    })
    .unwrap()
}

fn token() -> Credentials {
    Credentials::token(TOKEN).with_project_id("0123456789abcdef0123456789abcdef")
}

fn aksk() -> Credentials {
    Credentials::aksk("AKEXAMPLE", SK).with_project_id("0123456789abcdef0123456789abcdef")
}

/// Builds `POST {endpoint}/v2/p/db-om/instances?limit=10` with a JSON body,
/// counting the calls.
fn builder(
    calls: &AtomicUsize,
) -> impl Fn(&str) -> Result<http::Request<Vec<u8>>, InvalidRequest> + Sync + '_ {
    move |endpoint: &str| {
        calls.fetch_add(1, Ordering::SeqCst);
        let uri = huaweicloud_sdk_core::request::build_uri(
            "ListInstances",
            endpoint,
            "/v2/p/db-om/instances",
            &[("limit", "10".to_owned())],
        )?;
        http::Request::builder()
            .method(http::Method::POST)
            .uri(uri)
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(b"{}".to_vec())
            .map_err(|e| InvalidRequest::single("ListInstances", "request", e.to_string()))
    }
}

async fn send(
    transport: &Transport,
    endpoints: &[String],
    credentials: &Credentials,
) -> Result<http::Response<Vec<u8>>, SendError> {
    let calls = AtomicUsize::new(0);
    transport
        .send("ListInstances", endpoints, credentials, &builder(&calls))
        .await
}

/// [`send`] to `server` with the default retry policy and a token.
async fn send_default(server: &Server) -> Result<http::Response<Vec<u8>>, SendError> {
    send(
        &transport(RetryPolicy::default()),
        &[server.url()],
        &token(),
    )
    .await
}

fn transport_error(result: Result<http::Response<Vec<u8>>, SendError>) -> TransportError {
    match result {
        Err(SendError::Transport(e)) => e,
        other => panic!("expected a transport error, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// Transport.

#[tokio::test]
async fn success_returns_status_headers_and_body_and_reuses_the_connection() {
    let server = Server::script(vec![
        response(200, &[("X-Request-Id", "req-1")], r#"{"clusters":[]}"#),
        response(201, &[], "second"),
    ])
    .await;
    let transport = transport(RetryPolicy::default());
    let endpoints = [server.url()];
    let first = send(&transport, &endpoints, &token()).await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()["x-request-id"], "req-1");
    assert_eq!(first.body(), br#"{"clusters":[]}"#);
    let second = send(&transport.clone(), &endpoints, &token())
        .await
        .unwrap();
    assert_eq!(second.status(), StatusCode::CREATED);
    assert_eq!(second.body(), b"second");

    let requests = server.received();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].method, "POST");
    assert_eq!(requests[0].target, "/v2/p/db-om/instances?limit=10");
    assert_eq!(requests[0].header("content-type"), Some("application/json"));
    assert_eq!(server.connections(), 1, "the connection was not reused");
}

#[tokio::test]
async fn user_agent_is_sent() {
    assert!(DEFAULT_USER_AGENT.starts_with("huaweicloud-usdk-rust/"));
    let server = Server::script(vec![response(200, &[], "{}"), response(200, &[], "{}")]).await;
    let endpoints = [server.url()];
    send(&transport(RetryPolicy::default()), &endpoints, &token())
        .await
        .unwrap();
    let custom = Transport::new(HttpConfig {
        user_agent: "my-app/1.0".to_owned(),
        ..HttpConfig::default()
    })
    .unwrap();
    send(&custom, &endpoints, &token()).await.unwrap();
    let requests = server.received();
    assert_eq!(requests[0].header("user-agent"), Some(DEFAULT_USER_AGENT));
    assert_eq!(requests[1].header("user-agent"), Some("my-app/1.0"));
}

#[tokio::test]
async fn throttling_is_retried_by_default() {
    let server = Server::script(vec![
        response(429, &[("Retry-After", "0")], "slow down"),
        response(200, &[], "{}"),
    ])
    .await;
    let result = send_default(&server).await;
    assert_eq!(result.unwrap().status(), StatusCode::OK);
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn throttling_is_returned_when_attempts_run_out() {
    let replies = (0..3).map(|_| response(429, &[], "slow down")).collect();
    let server = Server::script(replies).await;
    let result = send_default(&server).await;
    let response = result.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.body(), b"slow down");
    assert_eq!(server.received().len(), 3);
}

#[tokio::test]
async fn server_errors_are_retried_only_when_opted_in() {
    let server = Server::script(vec![response(503, &[], "busy")]).await;
    let result = send_default(&server).await;
    assert_eq!(result.unwrap().status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(server.received().len(), 1);

    let server = Server::script(vec![
        response(503, &[], "busy"),
        response(502, &[], "<html>bad gateway</html>"),
        response(200, &[], "{}"),
    ])
    .await;
    let standard = transport(fast(RetryPolicy::standard()));
    let result = send(&standard, &[server.url()], &token()).await;
    assert_eq!(result.unwrap().status(), StatusCode::OK);
    assert_eq!(server.received().len(), 3);

    let replies = (0..5).map(|_| response(500, &[], "down")).collect();
    let server = Server::script(replies).await;
    let result = send(&standard, &[server.url()], &token()).await;
    assert_eq!(result.unwrap().status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(server.received().len(), 4, "standard() makes 4 attempts");
}

#[tokio::test]
async fn client_errors_are_never_retried() {
    let server = Server::script(vec![response(400, &[], "{}")]).await;
    let standard = transport(fast(RetryPolicy::standard()));
    let result = send(&standard, &[server.url()], &token()).await;
    assert_eq!(result.unwrap().status(), StatusCode::BAD_REQUEST);
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn a_dropped_connection_is_retried_when_opted_in() {
    let server = Server::script(vec![Reply::Drop, response(200, &[], "{}")]).await;
    let standard = transport(fast(RetryPolicy::standard()));
    let result = send(&standard, &[server.url()], &token()).await;
    assert_eq!(result.unwrap().status(), StatusCode::OK);
    assert_eq!(server.received().len(), 2);

    let server = Server::script(vec![Reply::Drop, response(200, &[], "{}")]).await;
    let error = transport_error(send_default(&server).await);
    assert_eq!(error.kind, TransportErrorKind::Interrupted);
    assert_eq!(
        error.to_string(),
        format!(
            "the call to {} failed: the connection was closed before a complete response head \
             (after 1 attempt)",
            server.url()
        )
    );
    assert_eq!(error.attempts, 1);
    assert_eq!(error.endpoint, server.url());
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn connection_refused_counts_attempts() {
    let url = refused_url().await;
    let error = transport_error(
        send(
            &transport(RetryPolicy::default()),
            std::slice::from_ref(&url),
            &token(),
        )
        .await,
    );
    assert_eq!(error.kind, TransportErrorKind::ConnectionRefused);
    assert_eq!(error.attempts, 1);
    assert_eq!(
        error.to_string(),
        format!("could not reach {url}: connection refused (after 1 attempt)")
    );

    let standard = transport(fast(RetryPolicy::standard()));
    let error = transport_error(send(&standard, std::slice::from_ref(&url), &token()).await);
    assert_eq!(error.kind, TransportErrorKind::ConnectionRefused);
    assert_eq!(error.attempts, 4);
    assert_eq!(
        error.to_string(),
        format!("could not reach {url}: connection refused (after 4 attempts)")
    );
}

#[tokio::test]
async fn an_unreachable_host_leads_to_the_next_endpoint() {
    let refused = refused_url().await;
    let server = Server::script(vec![response(200, &[], "{}")]).await;
    let calls = AtomicUsize::new(0);
    let endpoints = [refused.clone(), server.url()];
    let response = transport(RetryPolicy::none())
        .send("ListInstances", &endpoints, &token(), &builder(&calls))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(server.received().len(), 1);
    assert_eq!(
        calls.load(Ordering::SeqCst),
        2,
        "one build per endpoint tried"
    );

    // Every endpoint refuses: each is tried once per attempt.
    let other = refused_url().await;
    let endpoints = [refused.clone(), other.clone()];
    let error = transport_error(send(&transport(RetryPolicy::none()), &endpoints, &token()).await);
    assert_eq!(error.kind, TransportErrorKind::ConnectionRefused);
    assert_eq!(error.attempts, 2);
    assert_eq!(error.endpoint, other);
    let standard = transport(fast(RetryPolicy::standard()).with_max_attempts(2));
    let error = transport_error(send(&standard, &endpoints, &token()).await);
    assert_eq!(error.attempts, 4);
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = Server::script(vec![Reply::Stall(Vec::new(), Duration::from_secs(3))]).await;
    let transport = Transport::new(HttpConfig {
        read_timeout: Duration::from_millis(200),
        ..HttpConfig::default()
    })
    .unwrap();
    let started = Instant::now();
    let error = transport_error(send(&transport, &[server.url()], &token()).await);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(error.kind, TransportErrorKind::Timeout);
    assert_eq!(
        error.to_string(),
        format!(
            "the call to {} failed: timed out: no response within the 200 ms read timeout \
             (after 1 attempt)",
            server.url()
        )
    );

    // Headers, then a body that stalls.
    let head = b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".to_vec();
    let server = Server::script(vec![Reply::Stall(head, Duration::from_secs(3))]).await;
    let error = transport_error(send(&transport, &[server.url()], &token()).await);
    assert_eq!(error.kind, TransportErrorKind::Timeout);
    assert!(
        error
            .message
            .contains("no body data within the 200 ms read timeout"),
        "{error}"
    );
}

#[tokio::test]
async fn bodies_over_the_cap_are_refused() {
    let capped = Transport::new(HttpConfig {
        max_response_bytes: 1024,
        ..HttpConfig::default()
    })
    .unwrap();
    // Declared too large.
    let server = Server::script(vec![response(200, &[], &"x".repeat(2048))]).await;
    let error = transport_error(send(&capped, &[server.url()], &token()).await);
    assert_eq!(error.kind, TransportErrorKind::BodyTooLarge);
    assert_eq!(
        error.to_string(),
        format!(
            "the response from {} was refused: the body is larger than the 1024-byte limit \
             (HttpConfig::max_response_bytes) (after 1 attempt)",
            server.url()
        )
    );
    // Chunked, with no declared length.
    let mut chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..4 {
        chunked.extend_from_slice(b"200\r\n");
        chunked.extend_from_slice(&[b'y'; 0x200]);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let server = Server::script(vec![Reply::Keep(chunked)]).await;
    let error = transport_error(send(&capped, &[server.url()], &token()).await);
    assert_eq!(error.kind, TransportErrorKind::BodyTooLarge);
    // Exactly at the cap is fine.
    let server = Server::script(vec![response(200, &[], &"z".repeat(1024))]).await;
    let response = send(&capped, &[server.url()], &token()).await.unwrap();
    assert_eq!(response.body().len(), 1024);
}

#[tokio::test]
async fn tls_failures_are_told_apart() {
    // A plain-HTTP server on an https:// endpoint: the handshake fails.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let _ = stream
                .write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                .await;
        }
    });
    let standard = transport(fast(RetryPolicy::standard()));
    let error = transport_error(send(&standard, &[format!("https://{addr}")], &token()).await);
    assert_eq!(error.kind, TransportErrorKind::Tls, "{error}");
    assert_eq!(error.attempts, 1, "TLS failures are not retried");
    assert!(
        error.to_string().starts_with(&format!(
            "could not reach https://{addr}: TLS handshake failed: "
        )),
        "{error}"
    );
}

#[tokio::test]
async fn unknown_hosts_are_unreachable() {
    let transport = Transport::new(HttpConfig {
        connect_timeout: Duration::from_secs(3),
        ..HttpConfig::default()
    })
    .unwrap();
    let endpoints = ["http://no-such-host.invalid".to_owned()];
    let error = transport_error(send(&transport, &endpoints, &token()).await);
    // Without a resolver that answers, the lookup times out instead.
    if error.kind != TransportErrorKind::Timeout {
        assert_eq!(error.kind, TransportErrorKind::HostUnreachable, "{error}");
        assert!(
            error
                .to_string()
                .starts_with("could not reach http://no-such-host.invalid: DNS lookup failed"),
            "{error}"
        );
    }
}

#[tokio::test]
async fn every_attempt_is_signed_afresh() {
    let server = Server::script(vec![response(429, &[], ""), response(200, &[], "{}")]).await;
    let calls = AtomicUsize::new(0);
    transport(RetryPolicy::default())
        .send("ListInstances", &[server.url()], &aksk(), &builder(&calls))
        .await
        .unwrap();
    assert_eq!(
        calls.load(Ordering::SeqCst),
        2,
        "the request is built per attempt"
    );
    let requests = server.received();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert!(request.header("x-sdk-date").is_some(), "{request:?}");
        let authorization = request.header("authorization").unwrap_or_default();
        assert!(
            authorization.starts_with("SDK-HMAC-SHA256 Access=AKEXAMPLE"),
            "{authorization}"
        );
        assert_eq!(request.header("x-auth-token"), None);
        assert!(!request.headers.iter().any(|(_, v)| v.contains(SK)));
    }

    let server = Server::script(vec![response(200, &[], "{}")]).await;
    send_default(&server).await.unwrap();
    let request = &server.received()[0];
    assert_eq!(request.header("x-auth-token"), Some(TOKEN));
    assert_eq!(request.header("authorization"), None);
}

#[tokio::test]
async fn invalid_requests_and_no_endpoints_send_nothing() {
    let server = Server::script(vec![]).await;
    let refuse = |_: &str| -> Result<http::Request<Vec<u8>>, InvalidRequest> {
        Err(InvalidRequest::single(
            "ListInstances",
            "project_id",
            "must not be empty",
        ))
    };
    let result = transport(RetryPolicy::default())
        .send("ListInstances", &[server.url()], &token(), &refuse)
        .await;
    match result {
        Err(SendError::InvalidRequest(e)) => assert_eq!(
            e.to_string(),
            "invalid ListInstances request: project_id: must not be empty (nothing was sent)"
        ),
        other => panic!("{other:?}"),
    }
    let result = send(&transport(RetryPolicy::default()), &[], &token()).await;
    assert!(
        matches!(result, Err(SendError::InvalidRequest(_))),
        "{result:?}"
    );
    assert!(server.received().is_empty());
}

#[test]
fn calls_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let transport = Transport::new(HttpConfig::default()).unwrap();
    let calls = AtomicUsize::new(0);
    let build = builder(&calls);
    let endpoints = ["http://127.0.0.1:1".to_owned()];
    let credentials = token();
    let future = transport.send("ListInstances", &endpoints, &credentials, &build);
    assert_send(&future);
}

// ---------------------------------------------------------------------------
// Client builder and core.

const DBSS: ClientConfig = ClientConfig {
    service: "dbss",
    endpoint_template: "https://dbss.{region}.myhuaweicloud.com",
    regions: &["ap-southeast-1", "cn-north-4"],
};

#[tokio::test]
async fn client_core_executes_against_an_explicit_endpoint() {
    let server = Server::script(vec![response(200, &[("X-Request-Id", "r")], "{}")]).await;
    let core = ClientBuilder::new(DBSS)
        .region("cn-north-4")
        .endpoint(server.url())
        .credentials(token())
        .retry(RetryPolicy::none())
        .connect_timeout(Duration::from_secs(5))
        .read_timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    assert_eq!(
        core.endpoints(),
        [server.url()],
        "the endpoint wins over the region"
    );
    assert_eq!(core.project_id(), Some("0123456789abcdef0123456789abcdef"));
    assert_eq!(core.http_config().read_timeout, Duration::from_secs(5));
    assert_eq!(core.http_config().retry, RetryPolicy::none());
    let calls = AtomicUsize::new(0);
    let response = core
        .clone()
        .execute("ListInstances", &builder(&calls))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(server.received()[0].header("x-auth-token"), Some(TOKEN));
}

#[test]
fn region_gives_the_templated_endpoint() {
    let core = ClientBuilder::new(DBSS)
        .region("ap-southeast-1")
        .credentials(token())
        .build()
        .unwrap();
    assert_eq!(
        core.endpoints(),
        ["https://dbss.ap-southeast-1.myhuaweicloud.com"]
    );
    assert_eq!(core.region(), Some("ap-southeast-1"));
    assert_eq!(core.service(), "dbss");
}

#[test]
fn build_errors_say_what_to_do() {
    let error = ClientBuilder::new(DBSS)
        .credentials(token())
        .build()
        .unwrap_err();
    assert!(matches!(error, BuildError::NoEndpoint { .. }));
    assert_eq!(
        error.to_string(),
        "no region or endpoint set for dbss: call .region(\"ap-southeast-1\") or \
         .endpoint(\"https://dbss.ap-southeast-1.myhuaweicloud.com\") on the client builder, or \
         set HUAWEICLOUD_SDK_REGION or HUAWEICLOUD_SDK_ENDPOINT and build the client with from_env (Client::from_env())"
    );
    let error = ClientBuilder::new(DBSS)
        .endpoint("ftp://example.com")
        .credentials(token())
        .build()
        .unwrap_err();
    assert!(matches!(error, BuildError::Endpoint(_)), "{error:?}");
    assert!(
        error.to_string().starts_with("cannot choose an endpoint: "),
        "{error}"
    );
    let error = ClientBuilder::new(DBSS)
        .endpoint("https://example.com")
        .credentials(token())
        .http(HttpConfig {
            user_agent: "bad\nagent".to_owned(),
            ..HttpConfig::default()
        })
        .build()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot set up the HTTP client: the user agent is not a valid HTTP header value"
    );
}

#[test]
fn debug_and_display_never_show_secrets() {
    let credentials = aksk().with_security_token(SECURITY_TOKEN);
    let http = HttpConfig {
        proxy: Some(format!("http://user:{SK}@proxy.example.com:3128")),
        ..HttpConfig::default()
    };
    let builder = ClientBuilder::new(DBSS)
        .endpoint("https://dbss.example.com")
        .credentials(credentials.clone())
        .http(http);
    let core = builder.clone().build().unwrap();
    let token_core = ClientBuilder::new(DBSS)
        .endpoint("https://dbss.example.com")
        .credentials(token())
        .build()
        .unwrap();
    let texts = [
        format!("{builder:?}"),
        format!("{core:?}"),
        format!("{core:#?}"),
        format!("{token_core:?}"),
        format!("{:?}", core.http_config()),
        format!(
            "{:?}",
            Error::<UnhandledResponse>::Credentials(CredentialsError::new("bad credentials"))
        ),
    ];
    for text in &texts {
        for secret in [SK, TOKEN, SECURITY_TOKEN] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
    assert!(texts[1].contains("temporary AK/SK"), "{}", texts[1]);
    assert!(texts[3].contains("IAM token"), "{}", texts[3]);
}

// ---------------------------------------------------------------------------
// Service errors.

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(
            http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
    }
    map
}

fn parse(status: u16, body: &str) -> ServiceErrorInfo {
    ServiceErrorInfo::from_body(
        StatusCode::from_u16(status).unwrap(),
        &headers(&[("X-Request-Id", "0a1b")]),
        body.as_bytes(),
    )
}

#[test]
fn service_error_from_the_documented_shape() {
    let info = parse(
        400,
        r#"{"error_code": "DBSS.10000001", "error_msg": "Enter a valid request message"}"#,
    );
    assert_eq!(info.status, StatusCode::BAD_REQUEST);
    assert_eq!(info.request_id.as_deref(), Some("0a1b"));
    assert_eq!(info.error_code.as_deref(), Some("DBSS.10000001"));
    assert_eq!(
        info.error_msg.as_deref(),
        Some("Enter a valid request message")
    );
    assert_eq!(info.encoded_authorization_message, None);
    assert!(info.details.is_empty());
    assert_eq!(
        info.to_string(),
        "400 Bad Request: DBSS.10000001: Enter a valid request message (request id 0a1b)"
    );
}

#[test]
fn service_error_one_level_down() {
    let info = parse(
        403,
        r#"{"error": {"code": "APIGW.0302", "message": "The IAM user is not authorized",
            "encoded_authorization_message": "ENC123",
            "details": [{"error_code": "D.1", "error_msg": "first"}, "second"]},
            "request_id": "x"}"#,
    );
    assert_eq!(info.error_code.as_deref(), Some("APIGW.0302"));
    assert_eq!(
        info.error_msg.as_deref(),
        Some("The IAM user is not authorized")
    );
    assert_eq!(
        info.encoded_authorization_message.as_deref(),
        Some("ENC123")
    );
    assert_eq!(
        info.details,
        [
            (Some("D.1".to_owned()), Some("first".to_owned())),
            (None, Some("second".to_owned()))
        ]
    );
    // Another member one level down.
    let info = parse(
        500,
        r#"{"fault": {"errorCode": "X.1", "errorMsg": "inner"}}"#,
    );
    assert_eq!(info.error_code.as_deref(), Some("X.1"));
    assert_eq!(info.error_msg.as_deref(), Some("inner"));
}

#[test]
fn service_error_alternative_keys() {
    let info = parse(409, r#"{"errorCode": "IAM.0001", "errorMsg": "conflict"}"#);
    assert_eq!(info.error_code.as_deref(), Some("IAM.0001"));
    assert_eq!(info.error_msg.as_deref(), Some("conflict"));
    let info = parse(404, r#"{"code": "ECS.0114", "message": "not found"}"#);
    assert_eq!(info.error_code.as_deref(), Some("ECS.0114"));
    assert_eq!(info.error_msg.as_deref(), Some("not found"));
    assert_eq!(
        info.to_string(),
        "404 Not Found: ECS.0114: not found (request id 0a1b)"
    );
    let info = parse(
        401,
        r#"{"error_code": "A", "error_msg": "m", "encoded_authorization_message": "E"}"#,
    );
    assert_eq!(info.encoded_authorization_message.as_deref(), Some("E"));
}

#[test]
fn service_error_from_html_or_unknown_json() {
    let info = parse(502, "<html>\n  <body>Bad   gateway</body>\n</html>\n");
    assert_eq!(info.error_code.as_deref(), Some("502"));
    assert_eq!(
        info.error_msg.as_deref(),
        Some("<html> <body>Bad gateway</body> </html>")
    );
    assert_eq!(
        info.to_string(),
        "502 Bad Gateway: 502: <html> <body>Bad gateway</body> </html> (request id 0a1b)"
    );
    let info = parse(500, r#"{"unexpected": true}"#);
    assert_eq!(info.error_code.as_deref(), Some("500"));
    assert_eq!(info.error_msg.as_deref(), Some(r#"{"unexpected": true}"#));
    let info = ServiceErrorInfo::from_body(StatusCode::SERVICE_UNAVAILABLE, &HeaderMap::new(), b"");
    assert_eq!(info.error_code.as_deref(), Some("503"));
    assert_eq!(info.error_msg, None);
    assert_eq!(
        info.to_string(),
        "503 Service Unavailable: 503 (no request id)"
    );
    let long = "x".repeat(5000);
    let info = parse(500, &long);
    assert_eq!(info.error_msg.unwrap().chars().count(), 501);
}

// ---------------------------------------------------------------------------
// Tracing.

/// A subscriber that keeps every span's and event's fields as text.
#[derive(Clone, Default)]
struct Capture {
    spans: Arc<Mutex<Vec<(String, FieldList)>>>,
    events: Arc<Mutex<Vec<FieldList>>>,
}

/// Fields as `(name, value)` text.
type FieldList = Vec<(String, String)>;

/// Collects fields as `(name, value)` text.
struct Fields<'a>(&'a mut Vec<(String, String)>);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }

    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut fields = Vec::new();
        span.record(&mut Fields(&mut fields));
        let mut spans = self.spans.lock().unwrap();
        spans.push((span.metadata().name().to_owned(), fields));
        tracing::span::Id::from_u64(spans.len() as u64)
    }

    fn record(&self, id: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut spans = self.spans.lock().unwrap();
        let index = usize::try_from(id.into_u64()).unwrap() - 1;
        values.record(&mut Fields(&mut spans[index].1));
    }

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        self.events.lock().unwrap().push(fields);
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test]
async fn each_call_has_a_span_without_secrets() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = Server::script(vec![
        response(429, &[], "slow down"),
        response(200, &[("X-Request-Id", "req-42")], r#"{"secret":"body"}"#),
    ])
    .await;
    send(&transport(RetryPolicy::default()), &[server.url()], &aksk())
        .await
        .unwrap();

    let spans = capture.spans.lock().unwrap().clone();
    let calls: Vec<_> = spans
        .iter()
        .filter(|(name, _)| name == "huaweicloud.call")
        .collect();
    assert_eq!(calls.len(), 1, "{spans:?}");
    let fields = &calls[0].1;
    let last = |name: &str| {
        fields
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no {name} in {fields:?}"))
    };
    assert_eq!(last("operation"), "ListInstances");
    assert_eq!(last("method"), "POST");
    assert_eq!(last("host"), server.addr().to_string());
    assert_eq!(last("attempt"), "2");
    assert_eq!(last("status"), "200");
    assert_eq!(last("request_id"), "req-42");
    assert!(last("duration_ms").parse::<u64>().is_ok());

    let events = capture.events.lock().unwrap().clone();
    assert!(events.len() >= 3, "{events:?}");
    let everything = format!("{spans:?}{events:?}");
    for hidden in [
        SK,
        "SDK-HMAC-SHA256",
        "db-om",
        "limit=10",
        "secret",
        "slow down",
    ] {
        assert!(
            !everything.contains(hidden),
            "{hidden} was logged: {everything}"
        );
    }
}
