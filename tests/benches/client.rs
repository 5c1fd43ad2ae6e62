//! Benchmarks of the generated client's hot paths, with no network.
//!
//! - `decode/typed` and `decode/value`: one `ListInstances` response of 10,000 clusters
//!   (about 25 MB of JSON), built once before timing from the documented example cluster of
//!   `spec/dbss/list_instances.yaml`, repeated with varied names, ids, numbers and enum values.
//!   `typed` is `ListInstancesRequest::parse_response` into the generated models (the SDK's
//!   whole success path: status dispatch, `decode_body` with `serde_path_to_error`); `value` is
//!   `serde_json::from_slice::<serde_json::Value>` of the same bytes, the baseline. The
//!   response borrows the buffer, so no 25 MB copy is timed; both include dropping the result.
//! - `sign_and_build`: `builder().project_id(..).build()`, `to_http_request(endpoint)` and
//!   `Credentials::authorize` with AK/SK at a fixed time: one iteration is one ready request.
//! - `sign_only`: `authorize` alone on a clone of a built request (the clone is not timed).
//!
//! Run with `cargo bench -p integration-tests --bench client`.

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use huaweicloud_sdk_core::credentials::Credentials;
use huaweicloud_sdk_dbss::models::ListInstancesResponse;
use huaweicloud_sdk_dbss::operations::ListInstancesRequest;
use serde_json::{Value, json};

/// Clusters in the decoded response.
const CLUSTERS: usize = 10_000;
const ENDPOINT: &str = "https://dbss.ap-southeast-1.myhuaweicloud.com";
const PROJECT: &str = "0123456789abcdef0123456789abcdef";
const AK: &str = "HPUAXXXXXXXXXXXXXXXX";
const SK: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCD";

/// The documented example response body of ListInstances, from the spec.
fn example_body() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/dbss/list_instances.yaml"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let spec: codegen::spec::OperationFile =
        serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    spec.examples.responses[0].body.value.clone()
}

/// A cheap deterministic mix (splitmix64), so ids differ from cluster to cluster.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn hex32(seed: u64) -> String {
    format!("{:016x}{:016x}", mix(seed), mix(seed ^ 0x5555))
}

fn uuid(seed: u64) -> String {
    let h = hex32(seed);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

fn ip(seed: u64) -> String {
    let h = mix(seed);
    format!("10.{}.{}.{}", h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff)
}

/// The example cluster, varied for index `i`: every string differs, and the enums take every
/// documented value (and now and then an undocumented one, as open enums allow).
fn cluster(template: &Value, i: usize) -> Value {
    let n = i as u64;
    let mut c = template.clone();
    let name = format!("DBSS-OM{i:05}");
    let instance_id = hex32(n);
    c["name"] = json!(name);
    c["created"] = json!(1_755_594_767_000_i64 + n as i64 * 61_000);
    c["expired"] = json!(1_758_268_799_000_i64 + n as i64 * 86_400_000);
    c["instance_id"] = json!(instance_id);
    c["float_ip"] = json!(ip(n * 3));
    c["public_ip"] = json!(ip(n * 3 + 1));
    c["charge_model"] = json!(["Period", "Demand"][i % 2]);
    c["deploy_mode"] = json!(["CLOUD", "OUTSIDE"][i % 2]);
    c["remain_days"] = json!((i % 366).to_string());
    c["keep_days"] = json!((i % 366 + 2).to_string());
    c["is_active_standby"] = json!(!i.is_multiple_of(3));
    if i.is_multiple_of(5) {
        c["comment"] = json!(format!("cluster number {i}"));
        c["new_version"] = json!(format!("25.{}.0", i % 12));
    }
    if i.is_multiple_of(4) {
        c["activate_info"] = json!({
            "dsc_proxy_domain_name": format!("proxy-{i}.dbss.example.com"),
            "dsc_proxy_ip": ip(n * 3 + 2),
            "dsc_proxy_port": 3306 + (i % 100),
            "master_node_id": uuid(n ^ 0xaaaa),
            "slave_node_id": uuid(n ^ 0xbbbb),
        });
    }
    let servers = c["detail"]["server"]
        .as_array_mut()
        .expect("the example cluster has servers");
    for (j, s) in servers.iter_mut().enumerate() {
        let seed = n * 8 + j as u64;
        s["name"] = json!(format!("{name}-HA-{}", j + 1));
        s["instance_id"] = json!(instance_id);
        s["connect_ip"] = json!(ip(seed + 1_000_000));
        s["server_id"] = json!(uuid(seed + 2_000_000));
        s["vpc_id"] = json!(uuid(n + 3_000_000));
        s["subnet_id"] = json!(uuid(n + 4_000_000));
        s["security_group_id"] = json!(uuid(n + 5_000_000));
        s["created"] = json!(format!(
            "2025-{:02}-{:02} {:02}:{:02}:{:02}",
            i % 12 + 1,
            i % 28 + 1,
            i % 24,
            j * 7 % 60,
            i % 60
        ));
        s["cpu"] = json!(["4", "8", "16"][i % 3]);
        s["ram"] = json!(["8192", "16384", "32768"][i % 3]);
        s["is_active"] = json!(j % 2);
        if i.is_multiple_of(7) {
            s["effect"] = json!(i % 4); // 0 is undocumented: an open enum keeps it
            s["scene"] =
                json!(["POLICE", "ILLEGAL", "VERIFY", "PARTNER", "ARREAR", "OTHER"][i % 6]);
            s["update_status"] = json!(["SUCCESS", "FAILED", "UPGRADING"][i % 3]);
            s["description"] = json!(format!("server {j} of cluster {i}"));
        }
    }
    c
}

/// The response body: `CLUSTERS` varied clusters, pretty-printed like the API.
fn big_body() -> Vec<u8> {
    let example: Value = serde_json::from_str(&example_body()).expect("the example is JSON");
    let template = &example["clusters"][0];
    let clusters: Vec<Value> = (0..CLUSTERS).map(|i| cluster(template, i)).collect();
    serde_json::to_vec_pretty(&json!({ "clusters": clusters })).expect("serializes")
}

fn response(body: &[u8]) -> http::Response<&[u8]> {
    http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .header("x-request-id", "0a1b2c3d4e5f")
        .body(body)
        .expect("valid response")
}

fn bench_decode(c: &mut Criterion) {
    let body = big_body();
    let mb = body.len() as f64 / 1e6;
    println!(
        "decode: {CLUSTERS} clusters, {} bytes ({mb:.2} MB)",
        body.len()
    );
    assert!(
        (20.0..30.0).contains(&mb),
        "the body should be about 25 MB, got {mb:.2} MB"
    );

    // Check once, outside the timing, that both decoders read the whole body.
    let typed: ListInstancesResponse =
        ListInstancesRequest::parse_response(response(&body)).expect("the body decodes");
    let clusters = typed.clusters.as_deref().expect("clusters");
    assert_eq!(clusters.len(), CLUSTERS);
    let servers: usize = clusters
        .iter()
        .map(|c| {
            c.detail
                .as_ref()
                .and_then(|d| d.server.as_ref())
                .map_or(0, Vec::len)
        })
        .sum();
    assert_eq!(servers, 2 * CLUSTERS);
    assert_eq!(clusters[42].name.as_deref(), Some("DBSS-OM00042"));
    let value: Value = serde_json::from_slice(&body).expect("the body is JSON");
    assert_eq!(value["clusters"].as_array().map(Vec::len), Some(CLUSTERS));
    drop((typed, value));

    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("typed", |b| {
        b.iter(|| ListInstancesRequest::parse_response(response(black_box(&body))).unwrap())
    });
    group.bench_function("value", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(&body)).unwrap())
    });
    group.finish();
}

fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_755_594_767)
}

fn bench_sign(c: &mut Criterion) {
    let credentials = Credentials::aksk(AK, SK).with_project_id(PROJECT);
    let build_and_sign = || {
        let mut request = ListInstancesRequest::builder()
            .project_id(black_box(PROJECT))
            .build()
            .unwrap()
            .to_http_request(black_box(ENDPOINT))
            .unwrap();
        credentials.authorize(&mut request, now()).unwrap();
        request
    };

    // Check once that the request is signed as the gateway verifies it.
    let signed = build_and_sign();
    huaweicloud_sdk_core::signer::verify(&signed, AK, SK).expect("the signature verifies");
    assert_eq!(signed.headers()["x-project-id"], PROJECT);
    assert_eq!(signed.headers()["x-sdk-date"], "20250819T091247Z");

    let unsigned = ListInstancesRequest::builder()
        .project_id(PROJECT)
        .build()
        .unwrap()
        .to_http_request(ENDPOINT)
        .unwrap();
    c.bench_function("sign_and_build", |b| b.iter(build_and_sign));
    c.bench_function("sign_only", |b| {
        b.iter_batched(
            || unsigned.clone(),
            |mut request| {
                credentials.authorize(&mut request, now()).unwrap();
                request
            },
            BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, bench_decode, bench_sign);
criterion_main!(benches);
