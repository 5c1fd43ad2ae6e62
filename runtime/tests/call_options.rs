//! `ClientCore::call_with`: the options of one call reach the wire, and the
//! next call is back to the client's settings; `ClientCore::signed_request`:
//! the request `send` would put on the wire, without sending it.

use std::sync::{Arc, Mutex};

use huaweicloud_sdk_core::client::{ClientBuilder, ClientConfig};
use huaweicloud_sdk_core::credentials::Credentials;
use huaweicloud_sdk_core::http_client::HttpFuture;
use huaweicloud_sdk_core::transport::CallOptions;
use huaweicloud_sdk_core::{HttpClient, http};

const CONFIG: ClientConfig = ClientConfig {
    service: "dbss",
    endpoint_template: "https://dbss.{region}.myhuaweicloud.com",
    regions: &["ap-southeast-1"],
};

/// Answers `200 {}` and records each request's `X-Language` header, and the
/// requests.
#[derive(Default)]
struct Recorder {
    languages: Mutex<Vec<Option<String>>>,
    requests: Mutex<Vec<http::Request<Vec<u8>>>>,
}

impl HttpClient for Recorder {
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture<'_> {
        let language = request
            .headers()
            .get("x-language")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        self.languages.lock().unwrap().push(language);
        self.requests.lock().unwrap().push(request);
        Box::pin(async { Ok(http::Response::new(b"{}".to_vec())) })
    }
}

fn parse(response: http::Response<Vec<u8>>) -> Result<usize, std::convert::Infallible> {
    Ok(response.body().len())
}

#[tokio::test]
async fn options_apply_to_one_call_only() {
    let recorder = Arc::new(Recorder::default());
    let core = ClientBuilder::new(CONFIG)
        .endpoint("https://dbss.example.invalid")
        .credentials(Credentials::aksk("AK", "SK").with_project_id("p"))
        .http_client(recorder.clone())
        .build()
        .expect("builds");
    let build = |endpoint: &str| {
        Ok(http::Request::get(format!("{endpoint}/v1/things"))
            .body(Vec::new())
            .unwrap())
    };
    let options = CallOptions::new().header("X-Language", "en-us").unwrap();
    let with = core.call_with("Test", &build, parse, &options).await;
    assert_eq!(with.ok(), Some(2));
    let without = core.call("Test", &build, parse).await;
    assert_eq!(without.ok(), Some(2));
    assert_eq!(
        *recorder.languages.lock().unwrap(),
        [Some("en-us".to_owned()), None]
    );
}

#[tokio::test]
async fn signed_request_is_what_send_puts_on_the_wire() {
    let recorder = Arc::new(Recorder::default());
    let core = ClientBuilder::new(CONFIG)
        .endpoints([
            "https://first.example.invalid",
            "https://second.example.invalid",
        ])
        .credentials(Credentials::aksk("AK-SIGN", "SK-SIGN").with_project_id("p"))
        .user_agent_suffix("my-tool/1.2")
        .http_client(recorder.clone())
        .build()
        .expect("builds");
    let build = |endpoint: &str| {
        Ok(http::Request::post(format!("{endpoint}/v1/things?b=2&a=1"))
            .header("content-type", "application/json")
            .body(br#"{"x":1}"#.to_vec())
            .unwrap())
    };
    let options = CallOptions::new().header("X-Language", "en-us").unwrap();
    let signed = core
        .signed_request("Test", &build, &options)
        .await
        .expect("signed");
    assert!(recorder.requests.lock().unwrap().is_empty(), "nothing sent");
    huaweicloud_sdk_core::signer::verify(&signed, "AK-SIGN", "SK-SIGN").expect("verifies");
    assert_eq!(
        signed.uri().to_string(),
        "https://first.example.invalid/v1/things?b=2&a=1"
    );
    assert!(
        signed.headers()["user-agent"]
            .to_str()
            .unwrap()
            .ends_with(" my-tool/1.2")
    );
    assert_eq!(signed.headers()["x-language"], "en-us");
    assert_eq!(signed.headers()["x-project-id"], "p");

    core.call_with("Test", &build, parse, &options)
        .await
        .ok()
        .expect("sent");
    let sent = recorder.requests.lock().unwrap().remove(0);
    assert_eq!(sent.method(), signed.method());
    assert_eq!(sent.uri(), signed.uri());
    assert_eq!(sent.body(), signed.body());
    let names = |r: &http::Request<Vec<u8>>| {
        let mut names: Vec<String> = r.headers().keys().map(|n| n.to_string()).collect();
        names.sort();
        names
    };
    assert_eq!(names(&sent), names(&signed));
    for (name, value) in signed.headers() {
        if name != "authorization" && name != "x-sdk-date" {
            assert_eq!(&sent.headers()[name], value, "{name}");
        }
    }
}
