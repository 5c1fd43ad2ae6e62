//! Paginators against the generated mock: a documented example is one page, so the mock serves
//! it for the first page and the same example with no items for any later one. Before, it
//! served the example for every page, and `items()` over an operation whose example's total is
//! larger than its items (or that has no total) ended in a "same page as before" error.

use huaweicloud_sdk_core::credentials::Credentials;
use huaweicloud_sdk_dbss::Client;
use huaweicloud_sdk_dbss::models::SqlRuleRequest;
use huaweicloud_sdk_dbss::runtime::paginator::TryStreamExt;

const PROJECT: &str = "0123456789abcdef0123456789abcdef";
const INSTANCE: &str = "fedcba9876543210fedcba9876543210";

fn client(endpoint: &str) -> Client {
    Client::builder()
        .endpoint(endpoint)
        .credentials(Credentials::token("TOKEN-mock-paging").with_project_id(PROJECT))
        .build()
        .expect("the client builds")
}

/// The query of each request the mock received.
fn queries(mock: &huaweicloud_sdk_dbss::mock::MockServer) -> Vec<String> {
    (mock.requests().into_iter())
        .map(|r| r.query.unwrap_or_default())
        .collect()
}

/// `ListAuditSensitiveMasksNew`'s example says `total: 6` and holds 4 rules: the walk asks for
/// offset 4, gets an empty page and ends with the example's 4 rules.
#[tokio::test]
async fn items_over_the_mock_end_after_the_examples_page() {
    let mock = huaweicloud_sdk_dbss::mock::start().await.expect("mock");
    let client = client(&mock.endpoint());
    let rules = client
        .list_audit_sensitive_masks_new()
        .instance_id(INSTANCE)
        .items()
        .try_collect::<Vec<_>>()
        .await
        .expect("the listing ends without an error");
    let ids: Vec<_> = rules.iter().map(|r| r.id()).collect();
    assert_eq!(
        ids,
        [
            Some("n34W2ngBo47GiyUSKOVl"),
            Some("nn4W2ngBo47GiyUSKOVP"),
            Some("nX4W2ngBo47GiyUSKOU9"),
            Some("mn4W2ngBo47GiyUSKOUO"),
        ]
    );
    let queries = queries(&mock);
    assert_eq!(queries.len(), 2, "{queries:?}");
    assert!(!queries[0].contains("offset=") || queries[0].contains("offset=0"));
    assert!(queries[1].contains("offset=4"), "{queries:?}");
}

/// A call that starts past the first page gets the example with no items; the first page
/// (offset 0 set explicitly) the example itself.
#[tokio::test]
async fn a_later_offset_gets_no_items_and_offset_zero_the_example() {
    let mock = huaweicloud_sdk_dbss::mock::start().await.expect("mock");
    let client = client(&mock.endpoint());
    let call = || {
        client
            .list_audit_sensitive_masks_new()
            .instance_id(INSTANCE)
    };
    let first = call().offset("0").send().await.expect("200");
    assert_eq!(first.rules().len(), 4);
    assert_eq!(first.total(), Some(6), "the example's total stays");
    let later = call().offset("10").limit("5").send().await.expect("200");
    assert!(later.rules().is_empty(), "{later:?}");
    assert_eq!(later.total(), Some(6));
}

/// A position in the request body (`page` of `SqlRuleRequest`): page 1 is the example, page 2
/// has no items.
#[tokio::test]
async fn a_later_page_in_the_body_gets_no_items() {
    let mock = huaweicloud_sdk_dbss::mock::start().await.expect("mock");
    let client = client(&mock.endpoint());
    let page = |n: i32| {
        client
            .list_sql_injection_rules_new()
            .instance_id(INSTANCE)
            .body(SqlRuleRequest::default().with_page(n).with_size(10))
            .send()
    };
    let first = page(1).await.expect("200");
    assert_eq!(first.rules().len(), 1, "{first:?}");
    let second = page(2).await.expect("200");
    assert!(second.rules().is_empty(), "{second:?}");
    let bodies: Vec<String> = (mock.requests().into_iter())
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .collect();
    assert!(bodies[1].contains("\"page\":2"), "{bodies:?}");
}
