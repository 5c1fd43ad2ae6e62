//! What the generated code does with a response header table (issue 10): the codegen fixture
//! `features` (`CreateWidgetToken`: a 201 body with `X-Subject-Token` and `X-Widget-Count` in its
//! header table; `RestartWidget`: `any_success`) generates a standalone crate, to which this test
//! adds a test file that calls `parse_response` on responses it builds, and runs it.
//!
//! It lives here, next to the import of response header tables, because the codegen tests do not
//! build crates; it shares `target/fixture-crates` with `generates.rs` and `corpus.rs`.

mod common;
#[path = "../../tests/tests/support/standalone.rs"]
mod standalone;

const CHECKS: &str = r##"
use huaweicloud_sdk_widget::http;
use huaweicloud_sdk_widget::operations::{
    CreateWidgetTokenError, CreateWidgetTokenRequest, RestartWidgetError, RestartWidgetRequest,
};

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut b = http::Response::builder().status(status);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn the_documented_response_headers_are_in_the_output() {
    let out = CreateWidgetTokenRequest::parse_response(response(
        201,
        &[("X-Subject-Token", "tok-123"), ("x-widget-count", " 7 ")],
        r#"{"expires_at":"2026-12-01T00:00:00Z"}"#,
    ))
    .unwrap();
    assert_eq!(out.body.expires_at.as_deref(), Some("2026-12-01T00:00:00Z"));
    assert_eq!(out.x_subject_token.as_ref().map(|s| s.expose()), Some("tok-123"));
    assert_eq!(out.x_widget_count, Some(7));
    // The token is a secret: Debug does not show it.
    let debug = format!("{out:?}");
    assert!(!debug.contains("tok-123"), "{debug}");
    assert!(debug.contains("x_widget_count: Some(7)"), "{debug}");
}

#[test]
fn missing_or_malformed_headers_are_absent_and_the_body_still_counts() {
    let out = CreateWidgetTokenRequest::parse_response(response(
        201,
        &[("X-Widget-Count", "many")],
        r#"{"expires_at":"x"}"#,
    ))
    .unwrap();
    assert!(out.x_subject_token.is_none());
    assert_eq!(out.x_widget_count, None);
    let err = CreateWidgetTokenRequest::parse_response(response(201, &[], "not json"));
    assert!(matches!(err, Err(CreateWidgetTokenError::InvalidBody(_))), "{err:?}");
}

#[test]
fn any_success_takes_every_2xx_and_only_those() {
    for status in [200, 202, 204, 299] {
        let r = RestartWidgetRequest::parse_response(response(status, &[], "ignored"));
        assert!(r.is_ok(), "{status}: {r:?}");
    }
    let r = RestartWidgetRequest::parse_response(response(
        400,
        &[],
        r#"{"error_code":"WIDGET.0400","error_msg":"bad"}"#,
    ));
    assert!(matches!(r, Err(RestartWidgetError::BadRequest(_))), "{r:?}");
    let r = RestartWidgetRequest::parse_response(response(300, &[], ""));
    assert!(matches!(r, Err(RestartWidgetError::Unhandled(_))), "{r:?}");
}
"##;

#[test]
fn the_generated_output_exposes_response_headers_and_any_success() {
    let root = common::root();
    let root = root.canonicalize().unwrap_or(root);
    let spec = root.join("codegen/tests/fixtures/features");
    let options = codegen::Options {
        runtime_path: root.join("runtime").to_string_lossy().into_owned(),
        standalone: true,
    };
    let files = codegen::generate_dir(&spec, "fixtures/features", &options)
        .unwrap_or_else(|d| panic!("the fixture does not generate:\n{d}"));
    let dir = tempfile::Builder::new()
        .prefix("headers-crate-")
        .tempdir()
        .expect("a temporary directory");
    let krate = dir.path().join("crate");
    codegen::files::write(&files, &krate).expect("writes the crate");
    std::fs::write(krate.join("tests/response_headers.rs"), CHECKS).expect("writes the test");
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).expect("copies");
    let out = standalone::cargo(
        &krate,
        &root.join("target/fixture-crates"),
        &["test", "--offline", "--quiet"],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.contains("test result: ok. 3 passed"),
        "the three checks did not all run:\n{out}"
    );
}
