//! The mock's listing operations (`MockOperation::paging`): the documented example for the
//! first page, the example with an empty array of items for any later page, whatever the
//! position's style (offset, page, marker), place (query, body) and the items' depth.

#![cfg(feature = "mock")]

use huaweicloud_sdk_core::mock::{
    MockOperation, MockPaging, MockPagingStyle, MockServer, MockStatus,
};
use serde_json::{Value, json};

const NESTED: &str = r#"{"data": {"things": [1, 2, 3]}, "total": 9}"#;
const FLAT: &str = r#"{"things": ["a", "b"], "next_marker": "m2"}"#;
const NOT_AN_ARRAY: &str = r#"{"things": "none", "total": 1}"#;

const fn listing(
    id: &'static str,
    path_template: &'static str,
    statuses: &'static [MockStatus],
    paging: MockPaging,
) -> MockOperation {
    MockOperation {
        id,
        method: "POST",
        path_template,
        params: &[],
        success_status: 200,
        statuses,
        has_body: false,
        paging: Some(paging),
    }
}

static TABLE: &[MockOperation] = &[
    listing(
        "ByOffset",
        "/offset",
        &[MockStatus::new(200, "OK", Some(NESTED))],
        MockPaging {
            position: "offset",
            style: MockPagingStyle::Offset,
            in_body: false,
            items: &["data", "things"],
        },
    ),
    listing(
        "ByPageInBody",
        "/page",
        &[MockStatus::new(200, "OK", Some(FLAT))],
        MockPaging {
            position: "page",
            style: MockPagingStyle::Page,
            in_body: true,
            items: &["things"],
        },
    ),
    listing(
        "ByMarker",
        "/marker",
        &[MockStatus::new(200, "OK", Some(FLAT))],
        MockPaging {
            position: "marker",
            style: MockPagingStyle::Marker,
            in_body: false,
            items: &["things"],
        },
    ),
    listing(
        "NotAnArray",
        "/odd",
        &[MockStatus::new(200, "OK", Some(NOT_AN_ARRAY))],
        MockPaging {
            position: "offset",
            style: MockPagingStyle::Offset,
            in_body: false,
            items: &["things"],
        },
    ),
];

/// The JSON body the mock answers `POST {path_and_query}` with `body`.
async fn answer(server: &MockServer, path_and_query: &str, body: &str) -> Value {
    let request = http::Request::builder()
        .method("POST")
        .uri(format!("{}{path_and_query}", server.endpoint()))
        .header("X-Auth-Token", "t")
        .body(body.as_bytes().to_vec())
        .expect("a request");
    let response = server.http_client().send(request).await.expect("an answer");
    assert_eq!(response.status(), 200, "{path_and_query}");
    serde_json::from_slice(response.body()).expect("JSON")
}

fn example(text: &str) -> Value {
    serde_json::from_str(text).expect("the example is JSON")
}

#[tokio::test]
async fn an_offset_past_zero_empties_the_nested_items_and_keeps_the_rest() {
    let server = MockServer::in_process(TABLE).unwrap();
    for first in [
        "/offset",
        "/offset?offset=0",
        "/offset?offset=x",
        "/offset?limit=2",
    ] {
        assert_eq!(answer(&server, first, "").await, example(NESTED), "{first}");
    }
    let later = answer(&server, "/offset?offset=3&limit=3", "").await;
    assert_eq!(later, json!({"data": {"things": []}, "total": 9}));
}

#[tokio::test]
async fn a_page_in_the_body_counts_from_one_as_a_number_or_a_string() {
    let server = MockServer::in_process(TABLE).unwrap();
    let empty = json!({"things": [], "next_marker": "m2"});
    for (body, later) in [
        ("", false),
        ("{}", false),
        (r#"{"page": 1, "size": 2}"#, false),
        (r#"{"page": "1"}"#, false),
        (r#"{"page": 2}"#, true),
        (r#"{"page": "7"}"#, true),
        (r#"[{"page": 2}]"#, false),
        ("?page=2 is not JSON", false),
    ] {
        let expected = if later { empty.clone() } else { example(FLAT) };
        assert_eq!(answer(&server, "/page", body).await, expected, "{body}");
    }
    // The position is read from the body only: a query `page` is not it.
    assert_eq!(answer(&server, "/page?page=2", "{}").await, example(FLAT));
}

#[tokio::test]
async fn any_marker_is_a_later_page_and_an_empty_one_is_the_first() {
    let server = MockServer::in_process(TABLE).unwrap();
    assert_eq!(answer(&server, "/marker?marker=", "").await, example(FLAT));
    assert_eq!(
        answer(&server, "/marker?marker=m2", "").await,
        json!({"things": [], "next_marker": "m2"})
    );
}

#[tokio::test]
async fn items_that_are_not_an_array_are_served_as_documented() {
    let server = MockServer::in_process(TABLE).unwrap();
    let later = answer(&server, "/odd?offset=5", "").await;
    assert_eq!(later, example(NOT_AN_ARRAY));
}
