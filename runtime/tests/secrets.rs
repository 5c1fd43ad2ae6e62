//! Every public type that holds a secret (SK, security token, IAM token,
//! proxy password, a token header of one call) keeps it out of `Debug` and
//! `Display`, in one place, in both `Debug` forms.

use std::sync::Arc;

use huaweicloud_sdk_core::client::{ClientBuilder, ClientConfig};
use huaweicloud_sdk_core::credentials::{Credentials, Secret};
use huaweicloud_sdk_core::http_client::ReqwestClient;
use huaweicloud_sdk_core::metadata::MetadataCredentials;
use huaweicloud_sdk_core::transport::{CallOptions, HttpConfig, ProxyAuth, ProxyEnv, Transport};

const CONFIG: ClientConfig = ClientConfig {
    service: "dbss",
    endpoint_template: "https://dbss.{region}.myhuaweicloud.com",
    regions: &["ap-southeast-1"],
};
const SK: &str = "SECRET-sk-9f8e";
const SECURITY_TOKEN: &str = "SECRET-sts-7d6c";
const IAM_TOKEN: &str = "SECRET-iam-5b4a";
const PROXY_PASSWORD: &str = "SECRET-proxy-3f2e";
const ENV_PROXY_PASSWORD: &str = "SECRET-envproxy-1d0c";

/// `{:?}` and `{:#?}` of `value`.
fn both<T: std::fmt::Debug>(value: &T) -> [String; 2] {
    [format!("{value:?}"), format!("{value:#?}")]
}

fn assert_hidden(what: &str, texts: &[String]) {
    for text in texts {
        for secret in [
            SK,
            SECURITY_TOKEN,
            IAM_TOKEN,
            PROXY_PASSWORD,
            ENV_PROXY_PASSWORD,
        ] {
            assert!(!text.contains(secret), "{what} shows {secret}: {text}");
        }
    }
}

fn http_config() -> HttpConfig {
    HttpConfig {
        proxy: Some(format!(
            "http://user:{PROXY_PASSWORD}@proxy.example.com:3128"
        )),
        proxy_auth: Some(ProxyAuth {
            user: "user".to_owned(),
            password: PROXY_PASSWORD.to_owned(),
        }),
        proxy_env: Some(ProxyEnv::from_vars(|name| {
            (name == "HTTPS_PROXY")
                .then(|| format!("http://u:{ENV_PROXY_PASSWORD}@proxy.example.com:3128"))
        })),
        ..HttpConfig::default()
    }
}

#[test]
fn no_public_type_shows_a_secret() {
    let aksk = Credentials::aksk("AK", SK).with_security_token(SECURITY_TOKEN);
    let token = Credentials::token(IAM_TOKEN);
    assert_hidden("Credentials", &both(&aksk));
    assert_hidden("Credentials (token)", &both(&token));
    assert_hidden("Auth", &both(aksk.auth()));
    let secret = Secret::new(SK);
    assert_hidden("Secret", &both(&secret));
    assert_hidden("Secret's Display", &[secret.to_string()]);

    let config = http_config();
    assert_hidden("HttpConfig", &both(&config));
    assert_hidden("ProxyAuth", &both(config.proxy_auth.as_ref().unwrap()));
    assert_hidden("ProxyEnv", &both(config.proxy_env.as_ref().unwrap()));

    let transport = Transport::new(config.clone()).expect("transport");
    assert_hidden("Transport", &both(&transport));
    let client = ReqwestClient::new(&config).expect("client");
    assert_hidden("ReqwestClient", &both(&client));

    let options = CallOptions::new()
        .header("X-Auth-Token", IAM_TOKEN)
        .unwrap()
        .header("X-Security-Token", SECURITY_TOKEN)
        .unwrap();
    assert_hidden("CallOptions", &both(&options));

    let builder = ClientBuilder::new(CONFIG)
        .endpoint("https://dbss.example.com")
        .credentials(aksk.clone())
        .http(config)
        .proxy_auth("user", PROXY_PASSWORD);
    assert_hidden("ClientBuilder", &both(&builder));
    let core = builder.build().expect("core");
    assert_hidden("ClientCore", &both(&core));

    let metadata = MetadataCredentials::new("http://127.0.0.1:1").expect("provider");
    assert_hidden("MetadataCredentials", &both(&metadata));
}

#[test]
fn refused_settings_do_not_echo_a_secret() {
    // A header value that is not valid HTTP is refused without echoing it.
    let error = CallOptions::new()
        .header("X-Auth-Token", &format!("{IAM_TOKEN}\n"))
        .unwrap_err();
    assert_hidden(
        "the refused header",
        &[error.to_string(), format!("{error:?}")],
    );
    // A proxy URL that is not a URL is refused without echoing it.
    let error = ClientBuilder::new(CONFIG)
        .endpoint("https://dbss.example.com")
        .credentials(Credentials::aksk("AK", SK))
        .proxy(format!("::{PROXY_PASSWORD}::"))
        .build()
        .unwrap_err();
    assert_hidden(
        "the refused proxy",
        &[error.to_string(), format!("{error:?}")],
    );
    // A client of the user's is not shown at all.
    let mock: Arc<dyn huaweicloud_sdk_core::HttpClient> = Arc::new(Nothing);
    let builder = ClientBuilder::new(CONFIG)
        .endpoint("https://dbss.example.com")
        .credentials(Credentials::token(IAM_TOKEN))
        .http_client(mock);
    assert_hidden("ClientBuilder with a client", &both(&builder));
}

struct Nothing;

impl huaweicloud_sdk_core::HttpClient for Nothing {
    fn send(
        &self,
        _request: http::Request<Vec<u8>>,
    ) -> huaweicloud_sdk_core::http_client::HttpFuture<'_> {
        Box::pin(async { Ok(http::Response::new(Vec::new())) })
    }
}
