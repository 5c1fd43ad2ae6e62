//! The heap a decode takes, measured (issue 13, part 4): every body decodes within
//! `DECODE_MEMORY_FACTOR` (20) times its size plus `DECODE_MEMORY_FLOOR` (64 KiB), or is
//! refused with a message that says so and where. Counted by dhat's heap profiler, installed
//! as this test binary's global allocator; `max_bytes` is the peak of the bytes requested while
//! the profiler runs (the body itself is built before and not counted).
//!
//! Run with `cargo test -p integration-tests --test decode_memory -- --nocapture` to see the
//! numbers.

use huaweicloud_sdk_core::response::{DECODE_MEMORY_FACTOR, DECODE_MEMORY_FLOOR};
use huaweicloud_sdk_dbss::models::{ChargeModel, ListInstancesResponse};
use huaweicloud_sdk_dbss::operations::{ListInstancesError, ListInstancesRequest};

#[path = "../benches/support/mod.rs"]
mod support;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// What a decode took: its result, the peak heap and the allocations made.
struct Measured<T> {
    result: T,
    peak: usize,
    blocks: u64,
}

/// Runs `f` under a fresh heap profiler.
fn measure<T>(f: impl FnOnce() -> T) -> Measured<T> {
    let profiler = dhat::Profiler::builder().testing().build();
    let result = f();
    let stats = dhat::HeapStats::get();
    drop(profiler);
    Measured {
        result,
        peak: stats.max_bytes,
        blocks: stats.total_blocks,
    }
}

fn response(body: &[u8]) -> http::Response<&[u8]> {
    http::Response::builder()
        .status(200)
        .header("x-request-id", "r-1")
        .body(body)
        .expect("valid response")
}

fn bound(body: &[u8]) -> usize {
    body.len() * DECODE_MEMORY_FACTOR + DECODE_MEMORY_FLOOR
}

/// `{"<field>":[<item>,<item>,...]}` of about `size` bytes.
fn repeated(field: &str, item: &str, size: usize) -> Vec<u8> {
    let count = size / (item.len() + 1);
    let mut body = format!("{{\"{field}\":[").into_bytes();
    for i in 0..count {
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(item.as_bytes());
    }
    body.extend_from_slice(b"]}");
    body
}

/// Decodes a hostile ListInstances body and checks that it is refused for its memory, naming
/// where, within the bound; returns the peak heap.
fn refused_within_bound(name: &str, body: &[u8], path_prefix: &str) -> usize {
    let measured = measure(|| ListInstancesRequest::parse_response(response(body)));
    let Err(ListInstancesError::InvalidBody(error)) = measured.result else {
        panic!("{name}: {} bytes were not refused for memory", body.len());
    };
    println!(
        "{name}: {} bytes, refused at {} with a peak heap of {} bytes ({:.1}x the body)",
        body.len(),
        error.path,
        measured.peak,
        measured.peak as f64 / body.len() as f64
    );
    assert!(
        error.message.contains("would take more than")
            && error.message.contains("ask for fewer items"),
        "{name}: {}",
        error.message
    );
    assert!(
        error.path.starts_with(path_prefix),
        "{name}: the error names {:?}",
        error.path
    );
    assert!(
        measured.peak <= bound(body),
        "{name}: a peak of {} bytes for a body of {} bytes",
        measured.peak,
        body.len()
    );
    measured.peak
}

/// One test: the profiler counts every thread's allocations (and only one can run), so the
/// cases run one after the other.
#[test]
fn decoding_memory_is_bounded_by_the_body() {
    documented_enum_values_decode_without_allocating();
    typed_models_are_bounded();
    untyped_values_are_bounded();
}

fn typed_models_are_bounded() {
    // The ordinary case: 10,000 clusters decode, and take a few times the body.
    let body = support::big_body();
    let measured = measure(|| ListInstancesRequest::parse_response(response(&body)));
    let decoded: ListInstancesResponse = measured
        .result
        .unwrap_or_else(|e| panic!("the ordinary body does not decode: {e}"));
    let clusters = decoded.clusters.as_deref().expect("clusters");
    assert_eq!(clusters.len(), support::CLUSTERS);
    let ratio = measured.peak as f64 / body.len() as f64;
    println!(
        "ordinary: {} clusters, {} bytes, peak heap {} bytes ({ratio:.2}x the body), \
         {} allocations ({:.1} per cluster)",
        support::CLUSTERS,
        body.len(),
        measured.peak,
        measured.blocks,
        measured.blocks as f64 / support::CLUSTERS as f64
    );
    assert!(ratio < 4.0, "the ordinary body took {ratio:.2}x its size");
    drop(decoded);

    // Empty models, packed: each `{}` stands for a whole model (2.1 GB for 8 MB before).
    let mb = 1 << 20;
    for size in [2 * mb, 8 * mb] {
        let body = repeated("clusters", "{}", size);
        refused_within_bound(&format!("{} MB of {{}}", size / mb), &body, "clusters");
    }
    let servers = repeated("server", "{}", 8 * mb);
    let body = [b"{\"clusters\":[{\"detail\":".as_slice(), &servers, b"}]}"].concat();
    refused_within_bound("8 MB of empty servers", &body, "clusters[0].detail.server");
    let body = repeated("clusters", r#"{"detail":{"server":[{},{}]}}"#, 8 * mb);
    refused_within_bound("8 MB of clusters of empty servers", &body, "clusters");
    let body = repeated("clusters", r#"{"activate_info":{}}"#, 8 * mb);
    refused_within_bound("8 MB of empty activate_info", &body, "clusters");

    // A body a little under the bound still decodes: the budget is not a cap on elements.
    let body = repeated(
        "clusters",
        r#"{"name":"DBSS-OM00001","instance_id":"a8c37c9be61ffd4ee8aacab7bae74e91","created":1755594767000,"charge_model":"Period"}"#,
        mb,
    );
    let measured = measure(|| ListInstancesRequest::parse_response(response(&body)));
    // Display, not Debug: Debug would print the whole body.
    let decoded = measured
        .result
        .unwrap_or_else(|e| panic!("small clusters do not decode: {e}"));
    assert!(decoded.clusters.as_ref().is_some_and(|c| c.len() > 5_000));
    println!(
        "1 MB of small clusters: decoded with a peak heap of {} bytes ({:.1}x)",
        measured.peak,
        measured.peak as f64 / body.len() as f64
    );
    assert!(measured.peak <= bound(&body));
}

fn untyped_values_are_bounded() {
    // `serde_json::Value` (error bodies the spec gives no table for): maps and arrays.
    let mb = 1 << 20;
    for (name, item) in [
        ("one-entry objects", r#"{"":0}"#),
        ("empty arrays", "[]"),
        ("zeros", "0"),
        ("one-letter strings", r#""a""#),
    ] {
        let body = repeated("v", item, 4 * mb);
        let parts = http::Response::builder()
            .status(400)
            .body(())
            .unwrap()
            .into_parts()
            .0;
        let measured = measure(|| {
            huaweicloud_sdk_core::response::decode_body::<serde_json::Value>(&parts, &body)
        });
        let outcome = match &measured.result {
            Ok(_) => "decoded".to_owned(),
            Err(e) => format!("refused at {}", e.path),
        };
        println!(
            "Value of 4 MB of {name}: {outcome}, peak heap {} bytes ({:.1}x)",
            measured.peak,
            measured.peak as f64 / body.len() as f64
        );
        assert!(measured.peak <= bound(&body), "{name}");
        if let Err(e) = &measured.result {
            assert!(e.message.contains("would take more than"), "{}", e.message);
        }
    }
}

fn documented_enum_values_decode_without_allocating() {
    let measured = measure(|| serde_json::from_str::<ChargeModel>(r#""Period""#));
    assert_eq!(measured.result.ok(), Some(ChargeModel::Period));
    assert_eq!(measured.blocks, 0, "a documented value allocated");
    let measured = measure(|| serde_json::from_str::<ChargeModel>(r#""Trial""#));
    assert_eq!(measured.result.unwrap().as_str(), "Trial");
    assert_eq!(measured.blocks, 1, "an unknown value is copied once");
    // Escaped text is unescaped into the parser's scratch buffer, then matched.
    let measured = measure(|| serde_json::from_str::<ChargeModel>(r#""Peri\u006fd""#));
    assert_eq!(measured.result.unwrap(), ChargeModel::Period);
}
