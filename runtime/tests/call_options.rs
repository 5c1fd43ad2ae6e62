//! `ClientCore::call_with`: the options of one call reach the wire, and the
//! next call is back to the client's settings.

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

/// Answers `200 {}` and records each request's `X-Language` header.
#[derive(Default)]
struct Recorder {
    languages: Mutex<Vec<Option<String>>>,
}

impl HttpClient for Recorder {
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture<'_> {
        let language = request
            .headers()
            .get("x-language")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        self.languages.lock().unwrap().push(language);
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
