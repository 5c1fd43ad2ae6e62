//! Behaviour of the generated `huaweicloud-sdk-dbss` crate for ListInstances: the builder's
//! checks, path encoding, the HTTP request, and every way a response can come back.

use huaweicloud_sdk_dbss::ErrorMetadata;
use huaweicloud_sdk_dbss::error_codes::ErrorCode;
use huaweicloud_sdk_dbss::models::{
    ActiveRole, ChargeModel, DeployMode, Effect, ListInstancesResponse, ResponseServerScene,
};
use huaweicloud_sdk_dbss::operations::{ListInstancesError, ListInstancesRequest};
use proptest::prelude::*;

const PROJECT: &str = "0123456789abcdef0123456789abcdef";

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("X-Request-Id", "req-42")
        .body(body.as_bytes().to_vec())
        .expect("valid response")
}

fn example() -> String {
    let spec = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/dbss/list_instances.yaml"
    ))
    .expect("spec");
    let parsed: codegen::spec::OperationFile = serde_saphyr::from_str(&spec).expect("spec parses");
    parsed.examples.responses[0].body.value.clone()
}

#[test]
fn builder_requires_project_id() {
    let err = ListInstancesRequest::builder().build().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid ListInstances request: project_id: is mandatory but was not set (nothing was sent)"
    );
}

#[test]
fn builder_checks_project_id_length() {
    let err = ListInstancesRequest::builder()
        .project_id("abc")
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid ListInstances request: project_id: must have 32 to 64 characters, got 3 (nothing was sent)"
    );
    let err = ListInstancesRequest::builder()
        .project_id("x".repeat(65))
        .build()
        .unwrap_err();
    assert_eq!(
        err.violations()[0].message,
        "must have 32 to 64 characters, got 65"
    );
    for len in [32, 64] {
        let ok = ListInstancesRequest::builder()
            .project_id("x".repeat(len))
            .build();
        assert!(ok.is_ok(), "{len} characters must be accepted");
    }
    // Characters, not bytes: 32 two-byte characters are 32 characters.
    assert!(
        ListInstancesRequest::builder()
            .project_id("é".repeat(32))
            .build()
            .is_ok()
    );
}

#[test]
fn http_request_matches_the_official_sdk() {
    let req = ListInstancesRequest::builder()
        .project_id(PROJECT)
        .build()
        .unwrap();
    let http = req
        .to_http_request("https://dbss.ap-southeast-1.myhuaweicloud.com")
        .unwrap();
    assert_eq!(http.method(), http::Method::POST);
    assert_eq!(
        http.uri().to_string(),
        "https://dbss.ap-southeast-1.myhuaweicloud.com/v2/0123456789abcdef0123456789abcdef/db-om/instances"
    );
    assert_eq!(http.headers()["content-type"], "application/json");
    assert!(http.body().is_empty());
    assert!(
        http.headers().get("x-auth-token").is_none(),
        "credentials are the client's job"
    );

    let local = req
        .to_http_request("http://127.0.0.1:8080/prefix/")
        .unwrap();
    assert_eq!(
        local.uri().to_string(),
        "http://127.0.0.1:8080/prefix/v2/0123456789abcdef0123456789abcdef/db-om/instances"
    );
    let bad = req.to_http_request("dbss.example.com").unwrap_err();
    assert_eq!(bad.violations()[0].field, "endpoint");
}

#[test]
fn no_project_id_can_change_the_path() {
    for hostile in [
        "../../../../../../../../../../../..",
        "a/b?c#d%2F........................",
        "??????????????????????????????????",
    ] {
        let req = ListInstancesRequest::builder()
            .project_id(hostile)
            .build()
            .unwrap();
        let uri = req.to_http_request("https://h").unwrap().uri().clone();
        assert!(uri.query().is_none(), "{hostile}: {uri}");
        let segments: Vec<&str> = uri.path().split('/').collect();
        assert_eq!(segments.len(), 5, "{hostile}: {uri}");
        assert_eq!(segments[3..], ["db-om", "instances"]);
        assert!(
            !segments[2].contains(['/', '?', '#', '.']),
            "{hostile}: {uri}"
        );
        let decoded = percent_decode(segments[2]);
        assert_eq!(decoded, hostile);
    }
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .expect("UTF-8")
        .into_owned()
}

proptest! {
    #[test]
    fn any_valid_project_id_stays_one_segment(id in "\\PC{32,64}") {
        let req = ListInstancesRequest::builder().project_id(id.clone()).build().unwrap();
        let http = req.to_http_request("https://h").unwrap();
        let path = http.uri().path().to_owned();
        let segments: Vec<&str> = path.split('/').collect();
        prop_assert_eq!(segments.len(), 5);
        prop_assert_eq!(percent_decode(segments[2]), id);
    }
}

#[test]
fn the_documented_example_decodes() {
    let out = ListInstancesRequest::parse_response(response(200, &example())).unwrap();
    let clusters = out.clusters.unwrap();
    let c = &clusters[0];
    assert_eq!(c.name.as_deref(), Some("DBSS-OM0819"));
    assert_eq!(c.created, Some(1_755_594_767_000));
    assert_eq!(c.charge_model, Some(ChargeModel::Period));
    assert_eq!(c.deploy_mode, Some(DeployMode::Cloud));
    assert_eq!(c.comment, None, "null decodes as None");
    assert_eq!(c.activate_info, None);
    let servers = c.detail.as_ref().unwrap().server.as_ref().unwrap();
    assert_eq!(servers.len(), 2);
    assert_eq!(servers[0].is_active, Some(ActiveRole::Standby));
    assert_eq!(servers[1].is_active, Some(ActiveRole::Primary));
    assert_eq!(servers[0].created.as_deref(), Some("2025-08-19 17:04:00"));
    assert_eq!(servers[0].effect, None);
}

#[test]
fn undocumented_enum_values_and_fields_survive() {
    let body = r#"{"clusters":[{"charge_model":"Trial","deploy_mode":"HYBRID","brand_new_field":{"x":1},
        "detail":{"server":[{"is_active":7,"effect":9,"scene":"SOMETHING_NEW"}]}}]}"#;
    let out = ListInstancesRequest::parse_response(response(200, body)).unwrap();
    let c = &out.clusters.as_ref().unwrap()[0];
    let charge = c.charge_model.as_ref().unwrap();
    assert!(charge.is_unknown());
    assert_eq!(charge.as_str(), "Trial");
    assert_eq!(c.deploy_mode.as_ref().unwrap().to_string(), "HYBRID");
    let s = &c.detail.as_ref().unwrap().server.as_ref().unwrap()[0];
    assert_eq!(s.is_active.as_ref().unwrap().value(), 7);
    assert!(s.effect.as_ref().unwrap().is_unknown());
    assert_eq!(s.scene.as_ref().unwrap().as_str(), "SOMETHING_NEW");
    // Unknown values encode back unchanged.
    let again = serde_json::to_value(&out).unwrap();
    assert_eq!(again["clusters"][0]["charge_model"], "Trial");
    assert_eq!(again["clusters"][0]["detail"]["server"][0]["is_active"], 7);
    assert_eq!(again["clusters"][0]["detail"]["server"][0]["effect"], 9);
    // A documented value given as text is the documented variant, not Unknown.
    assert_eq!(ChargeModel::from("Demand"), ChargeModel::Demand);
    assert_eq!(
        ResponseServerScene::from("POLICE"),
        ResponseServerScene::Police
    );
    assert_eq!(Effect::from(2), Effect::FrozenNotReleasable);
    assert_eq!(ChargeModel::VALUES, ["Period", "Demand", "Test"]);
}

#[test]
fn missing_and_null_fields_are_the_same() {
    let a: ListInstancesResponse = serde_json::from_str(r#"{"clusters":[{"name":null}]}"#).unwrap();
    let b: ListInstancesResponse = serde_json::from_str(r#"{"clusters":[{}]}"#).unwrap();
    assert_eq!(a, b);
    assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"clusters":[{}]}"#);
}

const ERROR_BODY: &str = r#"{"error_code":"DBSS.10000001","error_msg":"Enter a valid request message","encoded_authorization_message":"abc","details":[{"error_code":"X","error_msg":"y"}]}"#;

/// Tells whether an error is the variant a status should give.
type IsVariant = fn(&ListInstancesError) -> bool;

#[test]
fn documented_error_statuses_decode_their_body() {
    let cases: [(u16, IsVariant); 4] = [
        (400, |e| matches!(e, ListInstancesError::BadRequest(_))),
        (401, |e| matches!(e, ListInstancesError::Unauthorized(_))),
        (403, |e| matches!(e, ListInstancesError::Forbidden(_))),
        (500, |e| {
            matches!(e, ListInstancesError::InternalServerError(_))
        }),
    ];
    for (status, is_variant) in cases {
        let err = ListInstancesRequest::parse_response(response(status, ERROR_BODY)).unwrap_err();
        assert!(is_variant(&err), "{status}: {err:?}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(err.request_id(), Some("req-42"));
        assert_eq!(err.error_code(), Some("DBSS.10000001"));
        assert_eq!(err.error_msg(), Some("Enter a valid request message"));
        assert_eq!(err.known_error_code(), Some(ErrorCode::Dbss10000001));
    }
    let err = ListInstancesRequest::parse_response(response(400, ERROR_BODY)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ListInstances failed: 400 Bad Request: DBSS.10000001: Enter a valid request message (request id req-42)"
    );
    // The service error is read from the body as received.
    let info = err.service_error().expect("a service error");
    assert_eq!(info.encoded_authorization_message.as_deref(), Some("abc"));
    assert_eq!(info.details, [(Some("X".to_owned()), Some("y".to_owned()))]);
    let ListInstancesError::BadRequest(e) = err else {
        unreachable!()
    };
    assert_eq!(e.raw_body, ERROR_BODY.as_bytes());
    assert_eq!(e.body.encoded_authorization_message.as_deref(), Some("abc"));
    assert_eq!(
        e.body.details.as_ref().unwrap()[0].error_msg.as_deref(),
        Some("y")
    );
}

#[test]
fn anything_else_keeps_status_headers_and_body() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let err = ListInstancesRequest::parse_response(response(502, html)).unwrap_err();
    let ListInstancesError::Unhandled(u) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(u.status.as_u16(), 502);
    assert_eq!(u.body, html.as_bytes());
    assert_eq!(u.headers["x-request-id"], "req-42");
    assert_eq!(
        err.to_string(),
        format!(
            "ListInstances failed: unexpected response 502 Bad Gateway: {html} (request id req-42)"
        )
    );

    // A documented status whose body is not the documented one (a proxy's page) is kept too.
    let err = ListInstancesRequest::parse_response(response(500, html)).unwrap_err();
    assert!(matches!(err, ListInstancesError::Unhandled(_)), "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(err.error_code(), None);

    // An undocumented status with a JSON error body (the gateway throttling): its code.
    let throttled = r#"{"error_code": "APIGW.0308", "error_msg": "The request is throttled."}"#;
    let err = ListInstancesRequest::parse_response(response(429, throttled)).unwrap_err();
    assert!(matches!(err, ListInstancesError::Unhandled(_)), "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(err.error_code(), Some("APIGW.0308"));
    assert_eq!(err.error_msg(), Some("The request is throttled."));
    assert_eq!(err.known_error_code(), None);
}

#[test]
fn a_success_body_that_does_not_match_says_where() {
    let err = ListInstancesRequest::parse_response(response(
        200,
        r#"{"clusters":[{"created":"yesterday"}]}"#,
    ))
    .unwrap_err();
    let ListInstancesError::InvalidBody(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.path, "clusters[0].created");
    assert_eq!(d.request_id.as_deref(), Some("req-42"));
    assert!(err.to_string().contains("clusters[0].created"), "{err}");

    let full = example();
    let truncated = &full[..full.len() / 2];
    let err = ListInstancesRequest::parse_response(response(200, truncated)).unwrap_err();
    let ListInstancesError::InvalidBody(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.body, truncated.as_bytes(), "the raw body is kept");

    let err = ListInstancesRequest::parse_response(response(200, "")).unwrap_err();
    assert!(err.to_string().contains("the body is empty"), "{err}");
}

#[test]
fn error_codes_page_is_typed() {
    assert_eq!(ErrorCode::ALL.len(), 10);
    let c = ErrorCode::from_code("DBSS.10020118").unwrap();
    assert_eq!(c.status(), 400);
    assert_eq!(c.message(), "Failed to add database, exceeding the limit");
    assert_eq!(
        c.measure(),
        "Delete unnecessary databases or a new instance."
    );
    assert_eq!(ErrorCode::from_code("DBSS.99999999"), None);
    assert_eq!(
        ErrorCode::Dbss11000000.to_string(),
        "DBSS.11000000: Internal system exception. Contact technical support engineers"
    );
}
