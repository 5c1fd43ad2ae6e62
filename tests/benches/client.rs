//! Benchmarks of the generated client's hot paths, with no network.
//!
//! - `decode/*`: one `ListInstances` response of 10,000 clusters (25.8 MB of JSON, built once
//!   before timing by `support::big_body`), decoded by each contestant, which also drops what
//!   it built. `typed` is ours, `ListInstancesRequest::parse_response` (the SDK's whole success
//!   path: status dispatch, `decode_body` with its memory budget); `progenitor` and `typify`
//!   are the peers' generated types (`peers/`); `value` is `serde_json::Value`;
//!   `typed_serde_json` our models from `serde_json::from_slice` alone, `typed_str` from
//!   `serde_json::from_str` alone (neither with dispatch or budget); `typed_compact` a
//!   prototype of our models with `CompactString` (`prototype/`), through `decode_body`, and
//!   `typed_borrowed` the same with `&str` borrowed from the body;
//!   `typed_closed` our models with typify's closed enums (what the open ones cost);
//!   `ignored_any` the parse-only floor; `alloc_floor` (and `alloc_floor_push`, its clusters'
//!   `Vec` grown by doubling) the build-only floor, the same model built and dropped without
//!   parsing (a clone of one decoded before timing); `simd_tape` simd-json's parse-only floor
//!   and `typed_simd` our models through simd-json's serde deserializer. A table of medians,
//!   every contestant timed once per round, is printed first, with the floor of any decoder
//!   into these models (parse-only plus build-only) against the best peer; then criterion
//!   times each. The profile and the results are in `README.md`. `--features mimalloc` runs it
//!   all with mimalloc as the global allocator.
//! - `sign_and_build`: `builder().project_id(..).build()`, `to_http_request(endpoint)` and
//!   `Credentials::authorize` with AK/SK at a fixed time: one iteration is one ready request.
//! - `sign_only`: `authorize` alone on a clone of a built request (the clone is not timed).
//!
//! Run with `cargo bench -p integration-tests --bench client` (`-- decode` for decoding only;
//! `-- decode/NONE` prints the side-by-side table alone).

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use huaweicloud_sdk_core::credentials::Credentials;
use huaweicloud_sdk_core::response::decode_body;
use huaweicloud_sdk_dbss::models::ListInstancesResponse;
use huaweicloud_sdk_dbss::operations::ListInstancesRequest;
use serde::de::IgnoredAny;
use serde_json::Value;
use support::{CLUSTERS, big_body};

mod peers;
mod prototype;
mod support;

// The allocator is the user's choice; `--features mimalloc` times every contestant with it.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ENDPOINT: &str = "https://dbss.ap-southeast-1.myhuaweicloud.com";
const PROJECT: &str = "0123456789abcdef0123456789abcdef";
const AK: &str = "HPUAXXXXXXXXXXXXXXXX";
const SK: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCD";

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
    drop(value);
    DECODED.set(typed).expect("decoded once");

    println!(
        "sizes (bytes): ours Cluster {} ResponseServer {}, typify Cluster {} ResponseServer {}",
        size_of::<huaweicloud_sdk_dbss::models::Cluster>(),
        size_of::<huaweicloud_sdk_dbss::models::ResponseServer>(),
        size_of::<peers::typify::Cluster>(),
        size_of::<peers::typify::ResponseServer>(),
    );
    let contestants = contestants();
    for (name, decode) in &contestants {
        assert_eq!(decode(&body), CLUSTERS, "{name} reads every cluster");
    }
    interleaved(&contestants, &body);

    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(8));
    for (name, decode) in &contestants {
        group.bench_function(*name, |b| b.iter(|| decode(black_box(&body))));
    }
    group.finish();
}

/// A decoder of the body: returns the clusters it read (and drops what it built).
type Decode = fn(&[u8]) -> usize;

/// The contestants, ours first: each decodes the whole body into its types and drops them.
fn contestants() -> Vec<(&'static str, Decode)> {
    vec![
        ("typed", |body| {
            let decoded = ListInstancesRequest::parse_response(response(body)).unwrap();
            decoded.clusters.map_or(0, |c| c.len())
        }),
        ("progenitor", |body| {
            let decoded: peers::progenitor::types::ListInstancesResponse =
                serde_json::from_slice(body).unwrap();
            decoded.clusters.len()
        }),
        ("typify", |body| {
            let decoded: peers::typify::ListInstancesResponse =
                serde_json::from_slice(body).unwrap();
            decoded.clusters.len()
        }),
        ("value", |body| {
            let decoded: Value = serde_json::from_slice(body).unwrap();
            decoded["clusters"].as_array().map_or(0, Vec::len)
        }),
        ("typed_serde_json", |body| {
            // Our models straight from `serde_json::from_slice`: no status dispatch, no budget.
            let decoded: ListInstancesResponse = serde_json::from_slice(body).unwrap();
            decoded.clusters.map_or(0, |c| c.len())
        }),
        ("typed_compact", |body| {
            // The prototype: our models with `CompactString` for `String`, decoded as ours are
            // (`decode_body`, with its budget).
            let (parts, body) = response(body).into_parts();
            let decoded: prototype::ListInstancesResponse = decode_body(&parts, body).unwrap();
            decoded.clusters.map_or(0, |c| c.len())
        }),
        ("typed_closed", |body| {
            let decoded: prototype::closed::ListInstancesResponse =
                serde_json::from_slice(body).unwrap();
            decoded.clusters.map_or(0, |c| c.len())
        }),
        ("typed_str", |body| {
            // As `decode_body` reads a body of valid UTF-8, without its budget.
            let text = std::str::from_utf8(body).unwrap();
            let decoded: ListInstancesResponse = serde_json::from_str(text).unwrap();
            decoded.clusters.map_or(0, |c| c.len())
        }),
        ("typed_borrowed", |body| {
            // The prototype with `&str` for `String`: strings borrowed from the body, not
            // allocated (read as `typed_str` is, without dispatch and budget).
            let text = std::str::from_utf8(body).unwrap();
            let decoded: prototype::ListInstancesResponse<&str> =
                serde_json::from_str(text).unwrap();
            decoded.clusters.map_or(0, |c| c.len())
        }),
        ("ignored_any", |body| {
            // The parse-only floor: validates the JSON and builds nothing.
            let _: IgnoredAny = serde_json::from_slice(body).unwrap();
            CLUSTERS
        }),
        ("alloc_floor", |_| {
            // The allocation floor, without parsing: builds and drops the same model (the same
            // strings, vecs and structs, the clusters' `Vec` at its exact size) by cloning the
            // one decoded before timing. No decoder into these types allocates less.
            let model = decoded().clone();
            model.clusters.map_or(0, |c| c.len())
        }),
        ("alloc_floor_push", |_| {
            // The same, with the clusters pushed one by one into a `Vec` that grows by
            // doubling, as a decoder must build it (JSON does not give an array's length).
            let mut clusters = Vec::new();
            clusters.extend(decoded().clusters.iter().flatten().cloned());
            clusters.len()
        }),
        ("simd_tape", |body| {
            // simd-json's parse-only floor: the mutable copy it parses in place, and its tape.
            let mut copy = body.to_vec();
            let tape = simd_json::to_tape(&mut copy).unwrap();
            black_box(&tape);
            CLUSTERS
        }),
        ("typed_simd", |body| {
            // Our models through simd-json's serde deserializer (on a mutable copy, timed),
            // without dispatch and budget.
            let mut copy = body.to_vec();
            let decoded: ListInstancesResponse = simd_json::serde::from_slice(&mut copy).unwrap();
            decoded.clusters.map_or(0, |c| c.len())
        }),
    ]
}

/// The model of the body, decoded once before timing, that the allocation floors clone.
static DECODED: OnceLock<ListInstancesResponse> = OnceLock::new();

fn decoded() -> &'static ListInstancesResponse {
    DECODED.get().expect("decoded before the contestants run")
}

/// Rounds of [`interleaved`].
const ROUNDS: usize = 15;

/// Times every contestant once per round, round after round (in an order that rotates), and
/// prints the medians and their ratios to ours and to `value`: the machine's load changes over
/// a run, and a side-by-side median sees the same load for all.
fn interleaved(contestants: &[(&'static str, Decode)], body: &[u8]) {
    let mut times = vec![Vec::with_capacity(ROUNDS); contestants.len()];
    for round in 0..ROUNDS {
        // Each round starts with the next contestant: what the allocator holds depends on what
        // the one before freed (the same types free chunks of the sizes the next decode asks
        // for), so no contestant always follows the same one.
        for i in 0..contestants.len() {
            let index = (round + i) % contestants.len();
            let start = Instant::now();
            black_box((contestants[index].1)(black_box(body)));
            times[index].push(start.elapsed());
        }
    }
    let medians: Vec<Duration> = times
        .iter_mut()
        .map(|t| {
            t.sort();
            t[t.len() / 2]
        })
        .collect();
    let median = |name: &str| {
        contestants
            .iter()
            .position(|(n, _)| *n == name)
            .map_or(f64::NAN, |i| medians[i].as_secs_f64())
    };
    let ours = median("typed");
    let value = median("value");
    println!("decode, interleaved, median of {ROUNDS} rounds:");
    for ((name, _), median) in contestants.iter().zip(&medians) {
        let m = median.as_secs_f64();
        println!(
            "  {name:<16} {:>8.2} ms  ours/this {:>5.2}  this/value {:>5.2}",
            m * 1e3,
            ours / m,
            m / value
        );
    }
    // The goal of issue 14: at most 0.7 of the best peer's time and 0.35 of `Value`'s.
    let best_peer = median("progenitor").min(median("typify"));
    println!(
        "  ours: {:.2} of the best peer's time (goal 0.70), {:.2} of value's (goal 0.35)",
        ours / best_peer,
        ours / value
    );
    // The floor of any decoder into these models: it parses the body and builds the model.
    let (parse, simd_parse) = (median("ignored_any"), median("simd_tape"));
    let (alloc, alloc_push) = (median("alloc_floor"), median("alloc_floor_push"));
    println!(
        "  floor / best peer: parse {:.2} + build {:.2} (pushed {:.2}) = {:.2} ({:.2}); \
         with simd-json's parse {:.2}: {:.2} ({:.2})",
        parse / best_peer,
        alloc / best_peer,
        alloc_push / best_peer,
        (parse + alloc) / best_peer,
        (parse + alloc_push) / best_peer,
        simd_parse / best_peer,
        (simd_parse + alloc) / best_peer,
        (simd_parse + alloc_push) / best_peer,
    );
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
