//! The client against hostile servers on 127.0.0.1: each case asserts what
//! the call ends with AND how long it took (short timeouts keep the whole
//! file fast). Also: path values that would act as dot-segments never
//! reach the wire, and the overall deadline.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use huaweicloud_sdk_core::credentials::Credentials;
use huaweicloud_sdk_core::http::{self, StatusCode};
use huaweicloud_sdk_core::request::{RequestWriter, fill_path};
use huaweicloud_sdk_core::response::decode_body;
use huaweicloud_sdk_core::{
    Error, HttpConfig, RetryPolicy, SendError, ServiceErrorInfo, Transport, TransportError,
    TransportErrorKind,
};
use tokio::io::AsyncWriteExt;

mod support;

use support::{Stub, drip, get};

// ---------------------------------------------------------------------------
// Calling.

const READ_TIMEOUT: Duration = Duration::from_millis(300);
const DEADLINE: Duration = Duration::from_millis(800);

fn config() -> HttpConfig {
    HttpConfig {
        connect_timeout: Duration::from_millis(500),
        read_timeout: READ_TIMEOUT,
        timeout: Some(DEADLINE),
        retry: RetryPolicy::none(),
        max_response_bytes: 1 << 20,
        ..HttpConfig::default()
    }
}

fn token() -> Credentials {
    Credentials::token("tok-SECRET")
}

/// Sends `GET /v1/things` to `stub` with `config`, timing the call.
async fn call_with(
    config: HttpConfig,
    url: &str,
) -> (Result<http::Response<Vec<u8>>, SendError>, Duration) {
    let transport = Transport::new(config).unwrap();
    let started = Instant::now();
    let result = transport
        .send("ListThings", &[url.to_owned()], &token(), &get)
        .await;
    (result, started.elapsed())
}

async fn call(url: &str) -> (Result<http::Response<Vec<u8>>, SendError>, Duration) {
    call_with(config(), url).await
}

fn failed(result: Result<http::Response<Vec<u8>>, SendError>) -> TransportError {
    match result {
        Err(SendError::Transport(error)) => error,
        other => panic!("expected a transport error, got {other:?}"),
    }
}

fn head(status: &str, headers: &str) -> String {
    format!("HTTP/1.1 {status}\r\n{headers}\r\n")
}

/// A whole response: `status`, `extra` headers, a `Content-Length` and `body`.
fn with_body(status: &str, extra: &str, body: &[u8]) -> Vec<u8> {
    let mut bytes = head(
        status,
        &format!("{extra}Content-Length: {}\r\n", body.len()),
    )
    .into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// What a stub does after sending its bytes.
#[derive(Clone, Copy)]
enum Then {
    /// Sends one `x` every so often, for ever.
    Drip(Duration),
    /// Keeps the connection open, silent.
    Hold,
}

/// A stub that sends `bytes`, then does `then`.
async fn sends_then(bytes: impl Into<Vec<u8>>, then: Then) -> Stub {
    let bytes = bytes.into();
    Stub::start(move |mut stream| {
        let bytes = bytes.clone();
        async move {
            let _ = stream.write_all(&bytes).await;
            match then {
                Then::Drip(every) => drip(&mut stream, b"x", every).await,
                Then::Hold => tokio::time::sleep(Duration::from_secs(5)).await,
            }
        }
    })
    .await
}

/// Calls `url` as [`call`] does, expecting a transport error in less than `limit`.
async fn fails_within(url: &str, limit: Duration, case: &str) -> TransportError {
    let (result, elapsed) = call(url).await;
    within(elapsed, limit, case);
    failed(result)
}

/// Asserts `elapsed` is under `limit`.
fn within(elapsed: Duration, limit: Duration, case: &str) {
    assert!(elapsed < limit, "{case} took {elapsed:?}, over {limit:?}");
}

// ---------------------------------------------------------------------------
// Issue 13.1: path values never change the path on the wire.

/// The reason `fill_path` refuses values: reqwest (WHATWG URL rules) treats
/// `%2E%2E` as `..` and removes the segment before it.
#[tokio::test]
async fn encoding_alone_does_not_stop_dot_segments() {
    let stub = Stub::replying(head("200 OK", "Content-Length: 2\r\n").into_bytes()).await;
    let build = |endpoint: &str| {
        let uri = format!("{endpoint}/v1/p/instances/%2E%2E/stop");
        Ok(http::Request::builder().uri(uri).body(Vec::new()).unwrap())
    };
    let transport = Transport::new(config()).unwrap();
    let _ = transport
        .send(
            "StopInstance",
            std::slice::from_ref(&stub.url),
            &token(),
            &build,
        )
        .await;
    let heads = stub.heads();
    assert!(heads[0].starts_with("GET /v1/p/stop HTTP/1.1"), "{heads:?}");
}

/// Sends `POST /v1/p/instances/{id}/stop` with `id` filled as generated code fills it.
async fn stop(
    transport: &Transport,
    url: &str,
    id: &str,
) -> Result<http::Response<Vec<u8>>, SendError> {
    let build = |endpoint: &str| {
        let path = fill_path("/v1/{project_id}/instances/{id}/stop", &[&"p", &id]);
        RequestWriter::new("StopInstance", http::Method::POST, endpoint, path).finish()
    };
    transport
        .send("StopInstance", &[url.to_owned()], &token(), &build)
        .await
}

#[tokio::test]
async fn path_values_never_remove_a_segment_on_the_wire() {
    let stub = Stub::replying(with_body("200 OK", "", b"{}")).await;
    let transport = Transport::new(config()).unwrap();
    for value in ["..", ".", ""] {
        let error = stop(&transport, &stub.url, value).await.unwrap_err();
        let SendError::InvalidRequest(error) = error else {
            panic!("{value:?}: {error:?}");
        };
        assert_eq!(error.violations()[0].field, "id", "{error}");
        assert!(error.to_string().contains("nothing was sent"), "{error}");
    }
    assert_eq!(stub.connections.load(Ordering::SeqCst), 0, "nothing sent");

    let kept = [
        "...", ".a", "a.", "%2e%2e", "%2E", ".%2e", "..%2f", "a/..", "\u{2025}", "。。",
    ];
    for value in kept {
        let response = stop(&transport, &stub.url, value).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }
    let heads = stub.heads();
    assert_eq!(heads.len(), kept.len());
    for (value, head) in kept.iter().zip(&heads) {
        let target = head.split(' ').nth(1).unwrap();
        let segments: Vec<&str> = target.split('/').collect();
        assert_eq!(segments.len(), 6, "{value:?} reached the wire as {target}");
        assert_eq!(segments[..4], ["", "v1", "p", "instances"], "{target}");
        assert_eq!(segments[5], "stop", "{target}");
        let decoded = percent_encoding::percent_decode_str(segments[4])
            .decode_utf8()
            .unwrap();
        assert_eq!(decoded, *value, "{target}");
    }
}

// ---------------------------------------------------------------------------
// Issue 13.3 / 12.4: the overall deadline.

#[tokio::test]
async fn a_body_that_trickles_ends_at_the_deadline() {
    // One byte every 50 ms: each read is well within the read timeout.
    let trickle = Then::Drip(Duration::from_millis(50));
    let stub = sends_then(head("200 OK", "Content-Length: 100000\r\n"), trickle).await;
    let (result, elapsed) = call(&stub.url).await;
    let error = failed(result);
    assert_eq!(error.kind, TransportErrorKind::DeadlineExceeded, "{error}");
    assert_eq!(
        error.to_string(),
        format!(
            "the call to {} failed: the call did not finish within its 800 ms deadline \
             (HttpConfig::timeout) (after 1 attempt)",
            stub.url
        )
    );
    assert!(elapsed >= DEADLINE, "{elapsed:?}");
    within(
        elapsed,
        DEADLINE + Duration::from_millis(400),
        "trickling body",
    );
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn without_a_deadline_the_read_timeout_never_fires_on_a_trickle() {
    // The reason for the deadline: with it off, the call outlives 4 read timeouts.
    let trickle = Then::Drip(Duration::from_millis(50));
    let stub = sends_then(head("200 OK", "Content-Length: 100000\r\n"), trickle).await;
    let config = HttpConfig {
        timeout: None,
        ..config()
    };
    let call = call_with(config, &stub.url);
    let outcome = tokio::time::timeout(READ_TIMEOUT * 4, call).await;
    assert!(outcome.is_err(), "the call ended: {outcome:?}");
}

#[tokio::test]
async fn a_retry_wait_past_the_deadline_returns_the_response_at_once() {
    let stub = Stub::replying(
        head(
            "429 Too Many Requests",
            "Retry-After: 3600\r\nContent-Length: 0\r\n",
        )
        .into_bytes(),
    )
    .await;
    let config = HttpConfig {
        retry: RetryPolicy::default().with_max_delay(Duration::from_secs(3600)),
        ..config()
    };
    let (result, elapsed) = call_with(config, &stub.url).await;
    assert_eq!(result.unwrap().status(), StatusCode::TOO_MANY_REQUESTS);
    within(
        elapsed,
        Duration::from_millis(300),
        "429 with a long Retry-After",
    );
    assert_eq!(stub.connections.load(Ordering::SeqCst), 1);
}

// ---------------------------------------------------------------------------
// Issue 13.14: the hostile-server corpus.

#[tokio::test]
async fn truncated_body() {
    let mut bytes = head("200 OK", "Content-Length: 100\r\n").into_bytes();
    bytes.extend_from_slice(b"{\"clusters\"");
    let stub = Stub::replying(bytes).await;
    let error = fails_within(&stub.url, Duration::from_millis(300), "truncated body").await;
    assert_eq!(error.kind, TransportErrorKind::Interrupted, "{error}");
    assert_eq!(
        error.to_string(),
        format!(
            "the call to {} failed: the connection was closed after 11 bytes of the response \
             body (the response is truncated) (after 1 attempt)",
            stub.url
        )
    );
}

#[tokio::test]
async fn content_length_shorter_than_the_body_cuts_it() {
    let mut bytes = head("200 OK", "Content-Length: 5\r\n").into_bytes();
    bytes.extend_from_slice(b"{\"a\": 1}");
    let stub = Stub::replying(bytes).await;
    let (result, elapsed) = call(&stub.url).await;
    let response = result.unwrap();
    assert_eq!(response.body(), b"{\"a\":");
    let (parts, body) = response.into_parts();
    let error = decode_body::<serde_json::Value>(&parts, &body).unwrap_err();
    assert!(error.message.contains("EOF"), "{error}");
    within(elapsed, Duration::from_millis(300), "short Content-Length");
}

#[tokio::test]
async fn content_length_longer_than_the_body_times_out_or_breaks_off() {
    // The server keeps the connection open: the read timeout ends it.
    let stub = sends_then(
        format!("{}{{}}", head("200 OK", "Content-Length: 50\r\n")),
        Then::Hold,
    )
    .await;
    let error = fails_within(
        &stub.url,
        READ_TIMEOUT + Duration::from_millis(300),
        "long Content-Length",
    )
    .await;
    assert_eq!(error.kind, TransportErrorKind::Timeout, "{error}");
    assert!(
        error
            .message
            .contains("no body data within the 300 ms read timeout"),
        "{error}"
    );
}

#[tokio::test]
async fn huge_body_with_a_length_is_refused_before_reading() {
    let stub = sends_then(
        head("200 OK", "Content-Length: 1000000000000\r\n"),
        Then::Drip(Duration::from_millis(10)),
    )
    .await;
    let error = fails_within(&stub.url, Duration::from_millis(300), "huge declared body").await;
    assert_eq!(error.kind, TransportErrorKind::BodyTooLarge, "{error}");
}

#[tokio::test]
async fn huge_body_without_a_length_is_cut_at_the_cap() {
    let stub = Stub::start(|mut stream| async move {
        let _ = stream
            .write_all(head("200 OK", "Connection: close\r\n").as_bytes())
            .await;
        let block = vec![b'x'; 64 * 1024];
        while stream.write_all(&block).await.is_ok() {}
    })
    .await;
    let error = fails_within(&stub.url, Duration::from_millis(500), "endless body").await;
    assert_eq!(error.kind, TransportErrorKind::BodyTooLarge, "{error}");
    assert!(error.message.contains("1048576-byte limit"), "{error}");
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Clusters {
    clusters: Vec<Cluster>,
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Cluster {
    name: String,
    size: i64,
}

#[tokio::test]
async fn invalid_utf8_and_wrong_types_are_decode_errors() {
    for (body, path, message) in [
        // Invalid UTF-8 reads as U+FFFD (as Go's encoding/json reads it): a string of it where
        // a number belongs is still a wrong type, named where it is.
        (
            &b"{\"clusters\": [{\"name\": \"\xff\xfe\", \"size\": \"\xff\"}]}"[..],
            "clusters[0].size",
            "invalid type: string \"\u{fffd}\"",
        ),
        (
            b"{\"clusters\": [{\"name\": \"a\", \"size\": \"1\"}]}",
            "clusters[0].size",
            "invalid type",
        ),
        (b"{\"clusters\": {}}", "clusters", "invalid type"),
    ] {
        let stub = Stub::replying(with_body("200 OK", "", body)).await;
        let (result, elapsed) = call(&stub.url).await;
        let (parts, body) = result.unwrap().into_parts();
        let error = decode_body::<Clusters>(&parts, &body).unwrap_err();
        assert!(error.path.contains(path), "{error}");
        assert!(error.message.to_lowercase().contains(message), "{error}");
        within(elapsed, Duration::from_millis(300), "undecodable body");
    }
}

#[tokio::test]
async fn hang_after_headers() {
    let stub = sends_then(head("200 OK", "Content-Length: 10\r\n"), Then::Hold).await;
    let error = fails_within(
        &stub.url,
        READ_TIMEOUT + Duration::from_millis(300),
        "hang after headers",
    )
    .await;
    assert_eq!(error.kind, TransportErrorKind::Timeout, "{error}");
    assert!(error.to_string().starts_with("the call to"), "{error}");
}

#[tokio::test]
async fn drip_of_headers() {
    let stub = Stub::start(|mut stream| async move {
        let head = head("200 OK", &"X-Slow: y\r\n".repeat(1000));
        drip(&mut stream, head.as_bytes(), Duration::from_millis(20)).await;
    })
    .await;
    let error = fails_within(
        &stub.url,
        DEADLINE + Duration::from_millis(400),
        "drip of headers",
    )
    .await;
    // reqwest's read timeout covers the whole head; the deadline would end it anyway.
    assert!(
        matches!(
            error.kind,
            TransportErrorKind::Timeout | TransportErrorKind::DeadlineExceeded
        ),
        "{error}"
    );
}

#[tokio::test]
async fn reset_mid_body() {
    let stub = Stub::start(|mut stream| async move {
        let mut bytes = head("200 OK", "Content-Length: 1000\r\n").into_bytes();
        bytes.extend_from_slice(b"{\"a\":");
        let _ = stream.write_all(&bytes).await;
        let _ = stream.flush().await;
        tokio::time::sleep(Duration::from_millis(50)).await;
        // Closing with a zero linger sends a reset.
        let _ = stream.set_zero_linger();
        drop(stream);
    })
    .await;
    let error = fails_within(&stub.url, Duration::from_millis(400), "reset mid-body").await;
    assert_eq!(error.kind, TransportErrorKind::Interrupted, "{error}");
    assert!(
        error.message.contains("after 5 bytes of the response body"),
        "{error}"
    );
    assert!(!error.to_string().contains("could not reach"), "{error}");
}

#[tokio::test]
async fn bad_chunk_sizes() {
    for chunk in [
        "ZZZ\r\nabc\r\n0\r\n\r\n",
        "fffffffffffffffffffff\r\nab",
        "-1\r\n",
    ] {
        let mut bytes = head("200 OK", "Transfer-Encoding: chunked\r\n").into_bytes();
        bytes.extend_from_slice(chunk.as_bytes());
        let stub = sends_then(bytes, Then::Hold).await;
        let error = fails_within(&stub.url, Duration::from_millis(300), "bad chunk size").await;
        assert_eq!(
            error.kind,
            TransportErrorKind::InvalidResponse,
            "{chunk:?}: {error}"
        );
        assert!(error.message.contains("chunk"), "{error}");
        assert!(!error.to_string().contains("could not reach"), "{error}");
    }
}

#[tokio::test]
async fn ten_thousand_headers() {
    let headers: String = (0..10_000).map(|i| format!("X-H{i}: v\r\n")).collect();
    let stub = Stub::replying(head("200 OK", &headers).into_bytes()).await;
    let error = fails_within(&stub.url, Duration::from_millis(500), "10,000 headers").await;
    assert_eq!(error.kind, TransportErrorKind::InvalidResponse, "{error}");
    assert!(!error.to_string().contains("could not reach"), "{error}");
}

#[tokio::test]
async fn duplicate_content_length() {
    let stub = Stub::replying(
        format!(
            "{}hello!!",
            head("200 OK", "Content-Length: 5\r\nContent-Length: 7\r\n")
        )
        .into_bytes(),
    )
    .await;
    let error = fails_within(
        &stub.url,
        Duration::from_millis(300),
        "duplicate Content-Length",
    )
    .await;
    assert_eq!(error.kind, TransportErrorKind::InvalidResponse, "{error}");
}

#[tokio::test]
async fn redirects_to_another_port_are_not_followed() {
    let elsewhere = Stub::replying(head("200 OK", "Content-Length: 0\r\n").into_bytes()).await;
    let location = format!("Location: {}/steal\r\nContent-Length: 0\r\n", elsewhere.url);
    let stub = Stub::replying(head("302 Found", &location).into_bytes()).await;
    let (result, elapsed) = call(&stub.url).await;
    assert_eq!(result.unwrap().status(), StatusCode::FOUND);
    assert_eq!(elsewhere.connections.load(Ordering::SeqCst), 0);
    within(elapsed, Duration::from_millis(300), "redirect");
}

#[tokio::test]
async fn throttling_honours_retry_after() {
    let answered = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&answered);
    let stub = Stub::start(move |mut stream| {
        let first = count.fetch_add(1, Ordering::SeqCst) == 0;
        async move {
            let reply = if first {
                head(
                    "429 Too Many Requests",
                    "Retry-After: 1\r\nContent-Length: 0\r\n",
                )
            } else {
                head("200 OK", "Content-Length: 0\r\n")
            };
            let _ = stream.write_all(reply.as_bytes()).await;
        }
    })
    .await;
    let config = HttpConfig {
        retry: RetryPolicy::default(),
        timeout: Some(Duration::from_secs(3)),
        ..config()
    };
    let (result, elapsed) = call_with(config, &stub.url).await;
    assert_eq!(result.unwrap().status(), StatusCode::OK);
    assert!(elapsed >= Duration::from_secs(1), "{elapsed:?}");
    within(
        elapsed,
        Duration::from_millis(1500),
        "429 with Retry-After: 1",
    );
    assert_eq!(stub.heads().len(), 2);
}

#[tokio::test]
async fn html_401_is_a_service_error_with_the_text_escaped() {
    let body = "<html><body>\x1b]0;pwned\x07Unauthorized\r\nerror: forged</body></html>";
    let stub = Stub::replying(with_body("401 Unauthorized", "", body.as_bytes())).await;
    let (result, elapsed) = call(&stub.url).await;
    let response = result.unwrap();
    let info = ServiceErrorInfo::from_body(response.status(), response.headers(), response.body());
    assert_eq!(info.error_code.as_deref(), Some("401"));
    let shown = info.to_string();
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
    assert!(shown.contains("Unauthorized"), "{shown}");
    within(elapsed, Duration::from_millis(300), "HTML 401");
}

#[tokio::test]
async fn gzip_body_is_not_decompressed_nor_asked_for() {
    let gzip: &[u8] = &[
        31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 171, 86, 74, 206, 41, 45, 46, 73, 45, 42, 86, 178, 82,
        136, 142, 173, 5, 0, 0, 174, 181, 108, 16, 0, 0, 0,
    ];
    let stub = Stub::replying(with_body("200 OK", "Content-Encoding: gzip\r\n", gzip)).await;
    let (result, elapsed) = call(&stub.url).await;
    let (parts, body) = result.unwrap().into_parts();
    assert_eq!(body, gzip);
    let error = decode_body::<Clusters>(&parts, &body).unwrap_err();
    assert!(error.message.contains("expected value"), "{error}");
    assert!(
        !stub.heads()[0]
            .to_ascii_lowercase()
            .contains("accept-encoding"),
        "{:?}",
        stub.heads()
    );
    within(elapsed, Duration::from_millis(300), "gzip body");
}

/// Issue 13.6: server text in every runtime `Display` is escaped; `Debug`
/// and the raw values stay exact.
#[tokio::test]
async fn service_text_is_escaped_in_display_only() {
    let body = r#"{"error_code":"APIG.\u001b[2J0301","error_msg":"bad\nerror: forged\u0007\u009b31m\u202e"}"#;
    let stub = Stub::replying(with_body("403 Forbidden", "", body.as_bytes())).await;
    let (result, _) = call(&stub.url).await;
    let response = result.unwrap();
    assert_eq!(response.body(), body.as_bytes(), "the body stays exact");
    let info = ServiceErrorInfo::from_body(response.status(), response.headers(), response.body());
    assert_eq!(
        info.error_msg.as_deref(),
        Some("bad\nerror: forged\u{7}\u{9b}31m\u{202e}")
    );
    let shown = info.to_string();
    assert_eq!(
        shown,
        "403 Forbidden: APIG.\\u{1b}[2J0301: bad\\nerror: forged\\u{7}\\u{9b}31m\\u{202e} \
         (no request id)"
    );
    assert!(
        format!("{info:?}").contains("\\u{1b}"),
        "Debug stays readable"
    );

    // Through the top-level error, whatever the operation's error displays.
    let (parts, raw) = response.into_parts();
    let operation = huaweicloud_sdk_core::response::unhandled(parts, &raw);
    let error: Error<AnyError> = Error::Operation(AnyError(operation));
    let shown = error.to_string();
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
    assert!(!shown.contains('\u{202e}'), "{shown:?}");
}

/// An operation error type that holds any unexpected response.
#[derive(Debug)]
struct AnyError(Box<huaweicloud_sdk_core::UnhandledResponse>);

impl AnyError {
    fn response(&self) -> &dyn huaweicloud_sdk_core::ErrorMetadata {
        self.0.as_ref()
    }
}

huaweicloud_sdk_core::operation_error_impls!(AnyError, "Test");

/// Answers every request with a 401 carrying the headers the transport uses
/// for its own notes (the measured skew, its canonical request).
struct Forging;

impl huaweicloud_sdk_core::HttpClient for Forging {
    fn send(
        &self,
        _request: http::Request<Vec<u8>>,
    ) -> huaweicloud_sdk_core::http_client::HttpFuture<'_> {
        Box::pin(async {
            Ok(http::Response::builder()
                .status(401)
                .header(huaweicloud_sdk_core::skew::CLOCK_SKEW_HEADER, "-999999")
                .header(
                    huaweicloud_sdk_core::signature::CANONICAL_REQUEST_HEADER,
                    "FORGED%7C%2Fx",
                )
                .body(
                    br#"{"error_code":"APIG.0301","error_msg":"verify aksk signature fail"}"#
                        .to_vec(),
                )
                .unwrap())
        })
    }
}

#[tokio::test]
async fn a_server_cannot_forge_the_transports_notes() {
    let transport =
        Transport::with_client(HttpConfig::default(), Arc::new(Forging)).expect("transport");
    let response = transport
        .send(
            "Test",
            &["https://dbss.example.invalid".to_owned()],
            &Credentials::aksk("AK", "SK"),
            &|endpoint: &str| {
                Ok(http::Request::get(format!("{endpoint}/v1/x"))
                    .body(Vec::new())
                    .unwrap())
            },
        )
        .await
        .expect("a response");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let headers = response.headers();
    assert!(!headers.contains_key(huaweicloud_sdk_core::skew::CLOCK_SKEW_HEADER));
    assert!(!headers.contains_key(huaweicloud_sdk_core::signature::CANONICAL_REQUEST_HEADER));
    let info = ServiceErrorInfo::from_body(response.status(), headers, response.body());
    assert_eq!(info.clock_skew, None);
    assert_eq!(
        info.to_string(),
        "401 Unauthorized: APIG.0301: verify aksk signature fail (no request id)"
    );
}
