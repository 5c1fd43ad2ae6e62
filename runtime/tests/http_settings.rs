//! HTTP settings against stand-ins on 127.0.0.1: an explicit proxy with a
//! user and password, the environment's proxies and `NO_PROXY`, a CA bundle,
//! skipping TLS verification, the user-agent suffix, and a transport that
//! brings its own HTTP client.

mod support;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use huaweicloud_sdk_core::client::{ClientBuilder, ClientConfig};
use huaweicloud_sdk_core::credentials::Credentials;
use huaweicloud_sdk_core::http::{self, StatusCode};
use huaweicloud_sdk_core::http_client::{HttpClient, HttpClientError, HttpFuture};
use huaweicloud_sdk_core::transport::{ProxyAuth, ProxyEnv};
use huaweicloud_sdk_core::{HttpConfig, RetryPolicy, SendError, Transport, TransportErrorKind};
use support::{Stub, get, header};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

const PASSWORD: &str = "hunter2-PROXY-SECRET";
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn config() -> HttpConfig {
    HttpConfig {
        connect_timeout: Duration::from_millis(500),
        read_timeout: Duration::from_secs(2),
        timeout: Some(Duration::from_secs(3)),
        retry: RetryPolicy::none(),
        ..HttpConfig::default()
    }
}

async fn send(config: HttpConfig, endpoint: &str) -> Result<http::Response<Vec<u8>>, SendError> {
    Transport::new(config)
        .unwrap()
        .send(
            "ListThings",
            &[endpoint.to_owned()],
            &Credentials::token("t"),
            &get,
        )
        .await
}

/// A client of `endpoint` with an AK/SK and `http`.
fn aksk_client(endpoint: &str, http: HttpConfig) -> huaweicloud_sdk_core::ClientCore {
    ClientBuilder::new(SERVICE)
        .endpoint(endpoint)
        .credentials(Credentials::aksk("AK", "SK-SECRET"))
        .http(http)
        .build()
        .unwrap()
}

/// A stand-in that answers `503` to every request.
async fn unavailable() -> Stub {
    Stub::replying(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n".to_vec()).await
}

/// A stand-in proxy (or server): answers `200` with `body` to every request.
async fn answering(body: &'static str) -> Stub {
    Stub::replying(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
    )
    .await
}

#[tokio::test]
async fn an_explicit_proxy_carries_requests_with_its_credentials() {
    let proxy = answering("via proxy").await;
    let config = HttpConfig {
        proxy: Some(proxy.url.clone()),
        proxy_auth: Some(ProxyAuth {
            user: "user".to_owned(),
            password: PASSWORD.to_owned(),
        }),
        ..config()
    };
    let shown = format!("{config:?}");
    assert!(!shown.contains(PASSWORD), "{shown}");
    // The endpoint's host does not resolve: only the proxy can answer.
    let response = send(config, "http://dbss.example.invalid").await.unwrap();
    assert_eq!(response.body(), b"via proxy");
    let heads = proxy.heads();
    assert!(
        heads[0].starts_with("GET http://dbss.example.invalid/v1/things HTTP/1.1"),
        "{heads:?}"
    );
    // base64("user:hunter2-PROXY-SECRET")
    let expected = "Basic dXNlcjpodW50ZXIyLVBST1hZLVNFQ1JFVA==";
    assert_eq!(header(&heads[0], "proxy-authorization"), Some(expected));
}

#[tokio::test]
async fn a_proxy_password_never_shows_in_errors_or_debug() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    for (url, auth) in [
        (format!("http://user:{PASSWORD}@{addr}"), None),
        (
            format!("http://{addr}"),
            Some(ProxyAuth {
                user: "user".to_owned(),
                password: PASSWORD.to_owned(),
            }),
        ),
    ] {
        let config = HttpConfig {
            proxy: Some(url),
            proxy_auth: auth,
            ..config()
        };
        assert!(!format!("{config:?}").contains(PASSWORD));
        let error = send(config, "http://dbss.example.invalid")
            .await
            .unwrap_err();
        assert!(!error.to_string().contains(PASSWORD), "{error}");
        assert!(!format!("{error:?}").contains(PASSWORD), "{error:?}");
        let SendError::Transport(error) = error else {
            panic!("{error:?}")
        };
        assert_eq!(error.kind, TransportErrorKind::ConnectionRefused, "{error}");
        assert!(
            error
                .message
                .ends_with("(a proxy is set: this may be the proxy's failure)"),
            "{error}"
        );
    }
    let error = Transport::new(HttpConfig {
        proxy: Some(format!("::{PASSWORD}::")),
        ..config()
    })
    .unwrap_err();
    assert!(!error.to_string().contains(PASSWORD), "{error}");
}

#[tokio::test]
async fn environment_proxies_and_no_proxy() {
    let proxy = answering("via proxy").await;
    let direct = answering("direct").await;
    let env = |no_proxy: Option<&str>| ProxyEnv {
        http_proxy: Some(proxy.url.clone()),
        https_proxy: None,
        no_proxy: no_proxy.map(str::to_owned),
    };
    let config = |no_proxy| HttpConfig {
        proxy_env: Some(env(no_proxy)),
        ..config()
    };
    let response = send(config(None), &direct.url).await.unwrap();
    assert_eq!(response.body(), b"via proxy");
    let response = send(config(Some("localhost,127.0.0.1")), &direct.url)
        .await
        .unwrap();
    assert_eq!(response.body(), b"direct");
    assert_eq!(proxy.connections.load(Ordering::SeqCst), 1);
    assert_eq!(direct.connections.load(Ordering::SeqCst), 1);
    // Without `proxy_env`, the environment is ignored.
    let response = send(HttpConfig::default(), &direct.url).await.unwrap();
    assert_eq!(response.body(), b"direct");
}

#[test]
fn proxy_env_reads_upper_then_lower_case_and_hides_urls() {
    let vars = |name: &str| match name {
        "HTTPS_PROXY" => Some(format!("http://u:{PASSWORD}@p:1")),
        "http_proxy" => Some("http://q:2".to_owned()),
        "no_proxy" => Some(".internal".to_owned()),
        "NO_PROXY" => Some("localhost".to_owned()),
        _ => None,
    };
    let env = ProxyEnv::from_vars(vars);
    assert_eq!(
        env.https_proxy.as_deref(),
        Some(&*format!("http://u:{PASSWORD}@p:1"))
    );
    assert_eq!(env.http_proxy.as_deref(), Some("http://q:2"));
    assert_eq!(env.no_proxy.as_deref(), Some("localhost"));
    assert!(!format!("{env:?}").contains(PASSWORD));
}

/// A TLS server for 127.0.0.1 with the fixture certificate (signed by the
/// fixture CA), answering `200 {}`.
async fn tls_server() -> String {
    let certs: Vec<CertificateDer<'static>> =
        CertificateDer::pem_file_iter(format!("{FIXTURES}/server.pem"))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
    let key = PrivateKeyDer::from_pem_file(format!("{FIXTURES}/server.key")).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut buffer = [0u8; 4096];
                let _ = tls.read(&mut buffer).await;
                let _ = tls
                    .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
                    .await;
                let _ = tls.shutdown().await;
            });
        }
    });
    url
}

#[tokio::test]
async fn a_ca_bundle_is_trusted_and_skipping_verification_is_opt_in() {
    let url = tls_server().await;
    let error = send(config(), &url).await.unwrap_err();
    let SendError::Transport(error) = error else {
        panic!("{error:?}")
    };
    assert_eq!(error.kind, TransportErrorKind::Tls, "{error}");

    let trusted = HttpConfig {
        ca_bundle: Some(format!("{FIXTURES}/ca.pem").into()),
        ..config()
    };
    let response = send(trusted, &url).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    let reckless = HttpConfig {
        danger_skip_tls_verification: true,
        ..config()
    };
    let response = send(reckless, &url).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(!HttpConfig::default().danger_skip_tls_verification);
}

#[test]
fn an_unusable_ca_bundle_is_refused_naming_the_file() {
    let missing = HttpConfig {
        ca_bundle: Some("/nonexistent/ca.pem".into()),
        ..HttpConfig::default()
    };
    let error = Transport::new(missing).unwrap_err();
    assert!(
        error.to_string().starts_with(
            "cannot set up the HTTP client: cannot read the CA bundle /nonexistent/ca.pem"
        ),
        "{error}"
    );
    let not_pem = HttpConfig {
        ca_bundle: Some(format!("{FIXTURES}/README").into()),
        ..HttpConfig::default()
    };
    let error = Transport::new(not_pem).unwrap_err();
    assert!(
        error.to_string().contains("holds no certificate"),
        "{error}"
    );
}

const SERVICE: ClientConfig = ClientConfig {
    service: "dbss",
    endpoint_template: "https://dbss.{region}.myhuaweicloud.com",
    regions: &["ap-southeast-1"],
};

#[tokio::test]
async fn the_user_agent_suffix_is_appended() {
    let server = answering("{}").await;
    let client = ClientBuilder::new(SERVICE)
        .endpoint(&server.url)
        .credentials(Credentials::token("t"))
        .user_agent_suffix("my-tool/1.2")
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    client.execute("ListThings", &get).await.unwrap();
    let heads = server.heads();
    let expected = format!(
        "huaweicloud-usdk-rust/{} my-tool/1.2",
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(header(&heads[0], "user-agent"), Some(expected.as_str()));
}

/// An in-process HTTP client: records the requests, answers `200`.
#[derive(Default)]
struct Recording(std::sync::Mutex<Vec<http::Request<Vec<u8>>>>);

impl HttpClient for Recording {
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture<'_> {
        self.0.lock().unwrap().push(request);
        Box::pin(async { Ok::<_, HttpClientError>(http::Response::new(b"{}".to_vec())) })
    }
}

#[tokio::test]
async fn a_custom_http_client_gets_signed_requests_without_a_socket() {
    let recording = Arc::new(Recording::default());
    let client = ClientBuilder::new(SERVICE)
        .endpoint("https://dbss.example.invalid")
        .credentials(Credentials::aksk("AK", "SK-SECRET"))
        .http_client(recording.clone())
        .build()
        .unwrap();
    let response = client.execute("ListThings", &get).await.unwrap();
    assert_eq!(response.body(), b"{}");
    let request = {
        let mut requests = recording.0.lock().unwrap();
        assert_eq!(requests.len(), 1);
        requests.remove(0)
    };
    assert_eq!(request.uri(), "https://dbss.example.invalid/v1/things");
    assert!(request.headers().contains_key("x-sdk-date"));
    let authorization = request.headers()["authorization"].to_str().unwrap();
    assert!(
        authorization.starts_with("SDK-HMAC-SHA256 Access=AK"),
        "{authorization}"
    );

    // Failures it reports go through the retry policy and the error type.
    struct Refusing;
    impl HttpClient for Refusing {
        fn send(&self, _: http::Request<Vec<u8>>) -> HttpFuture<'_> {
            Box::pin(async {
                Err(HttpClientError::new(
                    TransportErrorKind::ConnectionRefused,
                    "refused here",
                ))
            })
        }
    }
    let transport = Transport::with_client(HttpConfig::default(), Arc::new(Refusing)).unwrap();
    let error = transport
        .send(
            "ListThings",
            &["https://a.invalid".to_owned()],
            &Credentials::token("t"),
            &get,
        )
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "could not reach https://a.invalid: refused here (after 1 attempt)"
    );
}

#[tokio::test]
async fn call_options_set_a_deadline_retries_and_headers_for_one_call() {
    use huaweicloud_sdk_core::transport::CallOptions;
    use support::drip;

    // A trickling body: the client's 3 s deadline is cut to 300 ms for one call.
    let trickle = Stub::start(|mut stream| async move {
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
            .await;
        drip(&mut stream, b"x", Duration::from_millis(20)).await;
    })
    .await;
    let client = aksk_client(&trickle.url, config());
    let started = std::time::Instant::now();
    let options = CallOptions::new().timeout(Duration::from_millis(300));
    let error = client
        .execute_with("ListThings", &get, &options)
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(2), // the 300 ms limit, with room for a loaded CI machine
        "{:?}",
        started.elapsed()
    );
    assert!(
        error
            .to_string()
            .contains("300 ms deadline (CallOptions::timeout)"),
        "{error}"
    );

    // Retries for one call, and a header that is signed with the rest.
    let flaky = unavailable().await;
    let client = aksk_client(&flaky.url, config());
    let response = client.execute("ListThings", &get).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(flaky.heads().len(), 1, "the client's policy: no retry");
    let options = CallOptions::new()
        .retry(
            RetryPolicy::standard()
                .with_max_attempts(3)
                .with_base_delay(Duration::from_millis(1))
                .with_max_delay(Duration::from_millis(5)),
        )
        .header("X-Language", "en-us")
        .unwrap();
    let response = client
        .execute_with("ListThings", &get, &options)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let heads = flaky.heads();
    assert_eq!(heads.len(), 4, "1 + 3 attempts");
    assert_eq!(header(&heads[3], "x-language"), Some("en-us"));
    let authorization = header(&heads[3], "authorization").unwrap();
    assert!(authorization.contains("x-language"), "{authorization}");
    assert!(!format!("{options:?}").contains("en-us"));
    assert!(CallOptions::new().header("X-Bad", "a\nb").is_err());
}

/// A deadline or a retry wait too long to be an `Instant` (`Duration::MAX`) is no deadline and
/// a wait that passes any deadline: the call answers, it does not panic on the overflow.
#[tokio::test]
async fn a_deadline_of_duration_max_is_no_deadline() {
    use huaweicloud_sdk_core::transport::CallOptions;

    let server = answering("fine").await;
    let endless = HttpConfig {
        timeout: Some(Duration::MAX),
        ..config()
    };
    let client = aksk_client(&server.url, endless);
    let response = client.execute("ListThings", &get).await.unwrap();
    assert_eq!(response.body(), b"fine");
    let options = CallOptions::new().timeout(Duration::MAX);
    let response = client
        .execute_with("ListThings", &get, &options)
        .await
        .unwrap();
    assert_eq!(response.body(), b"fine");

    // A retry whose wait cannot be an `Instant`, under a deadline: no retry, the answer at once.
    let flaky = unavailable().await;
    let client = aksk_client(&flaky.url, config());
    let options = CallOptions::new().retry(
        RetryPolicy::standard()
            .with_max_attempts(2)
            .with_base_delay(Duration::MAX)
            .with_max_delay(Duration::MAX),
    );
    let started = std::time::Instant::now();
    let response = client
        .execute_with("ListThings", &get, &options)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        flaky.heads().len(),
        1,
        "the wait would pass the deadline: no retry"
    );
}
