//! Clock skew and authentication failures, against a stand-in API gateway
//! on 127.0.0.1 whose clock is off from this machine's.

mod support;

use std::time::{Duration, SystemTime};

use huaweicloud_sdk_core::credentials::Credentials;
use huaweicloud_sdk_core::http::{self, StatusCode};
use huaweicloud_sdk_core::signer::{parse_sdk_date, sdk_date};
use huaweicloud_sdk_core::skew::CLOCK_SKEW_HEADER;
use huaweicloud_sdk_core::{HttpConfig, RetryPolicy, ServiceErrorInfo, Transport};
use support::{Stub, get, header};
use tokio::io::AsyncWriteExt;

const TWO_HOURS: Duration = Duration::from_secs(7200);

fn reply(status: &str, extra: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\n{extra}\r\n{body}",
        body.len()
    )
}

/// How the stand-in gateway words an expired signature.
#[derive(Clone, Copy)]
enum Wording {
    /// With the server time in the message (APIG).
    ServerTime,
    /// Without it: the `Date` header tells the time.
    DateHeaderOnly,
    /// Refuses every signature as expired, whatever its date.
    AlwaysExpired,
}

/// A gateway whose clock is `ahead` of this machine's, refusing an
/// `X-Sdk-Date` more than 15 minutes from it, as the API gateway does.
async fn gateway(ahead: Duration, wording: Wording) -> Stub {
    Stub::start_with_head(move |mut stream, head| async move {
        let server_now = SystemTime::now() + ahead;
        let signed = header(&head, "x-sdk-date").and_then(|d| parse_sdk_date(d).ok());
        let off = signed.map(|signed| {
            signed
                .duration_since(server_now)
                .unwrap_or_else(|e| e.duration())
        });
        let fresh = off.is_some_and(|off| off <= Duration::from_secs(15 * 60));
        let date = httpdate(server_now);
        let answer = if fresh && !matches!(wording, Wording::AlwaysExpired) {
            reply("200 OK", "", "{}")
        } else {
            let mut message =
                "Incorrect IAM authentication information: signature expired".to_owned();
            if !matches!(wording, Wording::DateHeaderOnly) {
                message.push_str(&format!(
                    ", signature time:{},server time:{}",
                    header(&head, "x-sdk-date").unwrap_or(""),
                    sdk_date(server_now)
                ));
            }
            let body = format!(r#"{{"error_code":"APIG.0303","error_msg":"{message}"}}"#);
            reply(
                "401 Unauthorized",
                &format!("Date: {date}\r\nX-Request-Id: r1\r\n"),
                &body,
            )
        };
        let _ = stream.write_all(answer.as_bytes()).await;
    })
    .await
}

/// An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`) from an `X-Sdk-Date`.
fn httpdate(at: SystemTime) -> String {
    let d = sdk_date(at);
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][d[4..6].parse::<usize>().unwrap() - 1];
    format!(
        "Mon, {} {month} {} {}:{}:{} GMT",
        &d[6..8],
        &d[0..4],
        &d[9..11],
        &d[11..13],
        &d[13..15]
    )
}

fn transport(retry: RetryPolicy) -> Transport {
    Transport::new(HttpConfig {
        retry,
        timeout: Some(Duration::from_secs(5)),
        ..HttpConfig::default()
    })
    .unwrap()
}

fn aksk() -> Credentials {
    Credentials::aksk("AKEXAMPLE", "sk-SECRET")
}

async fn call(
    transport: &Transport,
    gateway: &Stub,
    credentials: &Credentials,
) -> http::Response<Vec<u8>> {
    transport
        .send(
            "ListThings",
            std::slice::from_ref(&gateway.url),
            credentials,
            &get,
        )
        .await
        .unwrap()
}

fn dates(gateway: &Stub) -> Vec<SystemTime> {
    gateway
        .heads()
        .iter()
        .map(|head| parse_sdk_date(header(head, "x-sdk-date").unwrap()).unwrap())
        .collect()
}

#[tokio::test]
async fn an_expired_signature_is_signed_again_with_the_gateways_time() {
    for (ahead, wording) in [
        (TWO_HOURS, Wording::ServerTime),
        (TWO_HOURS, Wording::DateHeaderOnly),
    ] {
        let gateway = gateway(ahead, wording).await;
        let transport = transport(RetryPolicy::none());
        let response = call(&transport, &gateway, &aksk()).await;
        assert_eq!(response.status(), StatusCode::OK);
        let dates = dates(&gateway);
        assert_eq!(dates.len(), 2, "one refusal, one retry");
        let corrected = dates[1].duration_since(dates[0]).unwrap();
        assert!(
            corrected.abs_diff(TWO_HOURS) < Duration::from_secs(5),
            "{corrected:?}"
        );
        assert!(
            (7195..=7205).contains(&transport.clock_offset_secs()),
            "{}",
            transport.clock_offset_secs()
        );

        // The offset is remembered: the next call is right the first time.
        let response = call(&transport, &gateway, &aksk()).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(gateway.heads().len(), 3);
    }
}

#[tokio::test]
async fn a_clock_behind_the_gateway_is_corrected_too() {
    let gateway = Stub::start_with_head(|mut stream, head| async move {
        // The gateway is 3 hours behind.
        let server_now = SystemTime::now() - 3 * 3600 * Duration::from_secs(1);
        let signed = parse_sdk_date(header(&head, "x-sdk-date").unwrap()).unwrap();
        let answer = if signed < server_now + Duration::from_secs(900) {
            reply("200 OK", "", "{}")
        } else {
            let body = format!(
                r#"{{"error_code":"APIGW.0303","error_msg":"signature expired, signature time:{},server time:{}"}}"#,
                sdk_date(signed),
                sdk_date(server_now)
            );
            reply("401 Unauthorized", "", &body)
        };
        let _ = stream.write_all(answer.as_bytes()).await;
    })
    .await;
    let transport = transport(RetryPolicy::none());
    assert_eq!(
        call(&transport, &gateway, &aksk()).await.status(),
        StatusCode::OK
    );
    assert_eq!(gateway.heads().len(), 2);
    let offset = transport.clock_offset_secs();
    assert!((-10805..=-10795).contains(&offset), "{offset}");
}

#[tokio::test]
async fn when_the_retry_fails_too_the_error_gives_the_measured_skew() {
    let gateway = gateway(TWO_HOURS, Wording::AlwaysExpired).await;
    // Even with every retry enabled, one extra attempt only.
    let transport = transport(RetryPolicy::standard().with_max_attempts(5));
    let response = call(&transport, &gateway, &aksk()).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(gateway.heads().len(), 2);
    let skew: i64 = response.headers()[CLOCK_SKEW_HEADER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((7195..=7205).contains(&skew), "{skew}");
    let info = ServiceErrorInfo::from_body(response.status(), response.headers(), response.body());
    let shown = info.to_string();
    assert!(
        shown.starts_with("401 Unauthorized: APIG.0303: Incorrect IAM"),
        "{shown}"
    );
    assert!(
        shown.contains("(the local clock is 2 h 0 min ")
            || shown.contains("(the local clock is 1 h 59 min "),
        "{shown}"
    );
    assert!(
        shown.ends_with(" behind the gateway's: set it right (NTP)) (request id r1)"),
        "{shown}"
    );
    assert!(!shown.contains("sk-SECRET"), "{shown}");
}

#[tokio::test]
async fn other_authentication_failures_are_never_retried() {
    let refusing = |body: &'static str| {
        Stub::start(move |mut stream| async move {
            let _ = stream
                .write_all(reply("401 Unauthorized", "", body).as_bytes())
                .await;
        })
    };
    let transport = transport(RetryPolicy::standard().with_max_attempts(5));
    let gateway =
        refusing(r#"{"error_code":"APIG.0301","error_msg":"Incorrect IAM authentication information: verify aksk signature fail"}"#)
            .await;
    assert_eq!(
        call(&transport, &gateway, &aksk()).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(gateway.heads().len(), 1);

    // A token is not signed: an "expired signature" answer is not retried.
    let gateway = self::gateway(TWO_HOURS, Wording::ServerTime).await;
    let response = call(&transport, &gateway, &Credentials::token("tok")).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(gateway.heads().len(), 1);
}

#[tokio::test]
async fn a_signature_mismatch_shows_both_canonical_requests_without_secrets() {
    // The stand-in gateway signs only host, x-sdk-date and x-security-token
    // (and drops the trailing slash it should add): its canonical request
    // differs from the client's.
    let gateway = Stub::start_with_head(|mut stream, head| async move {
        let canonical = format!(
            "GET|/v1/things||host:{}|x-sdk-date:{}|x-security-token:{}||host;x-sdk-date;x-security-token|{}",
            header(&head, "host").unwrap_or(""),
            header(&head, "x-sdk-date").unwrap_or(""),
            header(&head, "x-security-token").unwrap_or(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        );
        let body = format!(
            r#"{{"error_code":"APIG.0301","error_msg":"Incorrect IAM authentication information: verify signature fail, canonicalRequest:{canonical}"}}"#
        );
        let _ = stream
            .write_all(reply("401 Unauthorized", "", &body).as_bytes())
            .await;
    })
    .await;
    let transport = transport(RetryPolicy::standard().with_max_attempts(5));
    let credentials = aksk().with_security_token("sts-VERY-SECRET");
    let response = call(&transport, &gateway, &credentials).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(gateway.heads().len(), 1, "never retried");
    let info = ServiceErrorInfo::from_body(response.status(), response.headers(), response.body());
    let mismatch = info.signature_mismatch.clone().expect("a comparison");
    let (part, theirs, ours) = mismatch.first_difference().unwrap();
    assert_eq!(part, "path");
    assert_eq!(theirs.as_deref(), Some("/v1/things"));
    assert_eq!(ours.as_deref(), Some("/v1/things/"));
    let shown = info.to_string();
    assert!(
        shown.contains(
            "(the signature does not match: the gateway's canonical request differs first in the \
             path: gateway \"/v1/things\", this client \"/v1/things/\")"
        ),
        "{shown}"
    );
    let table = mismatch.to_string();
    for text in [&shown, &table, &format!("{info:?}")] {
        assert!(!text.contains("sts-VERY-SECRET"), "{text}");
        assert!(!text.contains("sk-SECRET"), "{text}");
    }
    assert!(table.contains("* header content-type"), "{table}");
    assert!(table.contains("  header host"), "{table}");
}
