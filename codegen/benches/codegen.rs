//! Benchmarks of the whole generator pipeline: YAML text in memory -> formatted Rust files
//! (parse, check, resolve, emit with quote, prettyplease). No disk I/O inside the timed loop.
//!
//! - `real_spec/dbss`: the DBSS spec under `spec/dbss`, read from disk once before timing.
//! - `synthetic/{ops}`: a spec built here as YAML text, with `ops` operations (each in its own
//!   file) and `4 * ops` object tables, at 125, 250 and 500 operations; throughput is
//!   operations, so the per-operation time shows whether growth is linear.
//!
//! Run with `cargo bench -p codegen`. The benchmark uses the allocator `cargo xtask` uses
//! (mimalloc), so it measures what the command does. `CODEGEN_BENCH_WRITE_SPEC=DIR cargo bench
//! -p codegen` writes the 500-operation synthetic spec to `DIR` instead of benchmarking, to run
//! the real command on it (`cargo xtask codegen --spec DIR --out OUT`).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use codegen::{FileSet, Options, SpecSource};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group};
use spec_model::SourceFile;

/// Operation counts of the synthetic group.
const SIZES: &[usize] = &[125, 250, 500];

fn real_spec() -> SpecSource {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/dbss");
    SpecSource::from_dir(&dir, "spec/dbss")
        .unwrap_or_else(|d| panic!("cannot read {}:\n{d}", dir.display()))
}

/// Generates once outside the timing, panics with the diagnostics if the spec does not pass
/// every check, and prints what it produced.
fn generate_checked(label: &str, source: &SpecSource) -> FileSet {
    let files = codegen::generate(source, &Options::default())
        .unwrap_or_else(|d| panic!("{label}: the spec does not pass the checks:\n{d}"));
    let bytes: usize = files.values().map(String::len).sum();
    let lines: usize = files.values().map(|f| f.lines().count()).sum();
    let input: usize = source.service.text.len()
        + source
            .operations
            .iter()
            .map(|f| f.text.len())
            .sum::<usize>();
    println!(
        "{label}: {} spec files ({input} bytes of YAML) -> {} generated files, {bytes} bytes, {lines} lines",
        source.operations.len() + 1,
        files.len(),
    );
    files
}

fn bench_real(c: &mut Criterion) {
    let source = real_spec();
    generate_checked("real_spec", &source);
    let mut group = c.benchmark_group("real_spec");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("dbss", |b| {
        b.iter(|| codegen::generate(black_box(&source), &Options::default()).unwrap())
    });
    group.finish();
}

fn bench_synthetic(c: &mut Criterion) {
    let mut group = c.benchmark_group("synthetic");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    // One generation takes a large fraction of a second or more at these sizes: flat sampling
    // (the same number of iterations in every sample) keeps the run to ~10 iterations per size
    // instead of the 55 that linear sampling needs with 10 samples.
    group.sampling_mode(SamplingMode::Flat);
    for &ops in SIZES {
        let source = synthetic_spec(ops);
        generate_checked(&format!("synthetic/{ops}"), &source);
        // About 10 generations per size at ~6 ms per operation, with some slack.
        group.measurement_time(Duration::from_secs(match ops {
            0..=150 => 8,
            151..=300 => 15,
            _ => 30,
        }));
        group.throughput(Throughput::Elements(ops as u64));
        group.bench_with_input(BenchmarkId::from_parameter(ops), &source, |b, source| {
            b.iter(|| codegen::generate(black_box(source), &Options::default()).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench_real, bench_synthetic);

fn main() {
    if let Some(dir) = std::env::var_os("CODEGEN_BENCH_WRITE_SPEC") {
        write_spec(Path::new(&dir), &synthetic_spec(500));
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}

/// Writes `source` as a spec directory: `service.yaml` and the operation files.
fn write_spec(dir: &Path, source: &SpecSource) {
    let files = std::iter::once(&source.service).chain(&source.operations);
    for file in files {
        let name = file.display.rsplit('/').next().unwrap_or(&file.display);
        let path = dir.join(name);
        if let Err(e) =
            std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, &file.text))
        {
            panic!("cannot write {}: {e}", path.display());
        }
    }
    println!(
        "wrote {} spec files to {}",
        source.operations.len() + 1,
        dir.display()
    );
}

// ---------------------------------------------------------------------------------------------
// The synthetic spec.
// ---------------------------------------------------------------------------------------------

/// A service with `ops` operations and `4 * ops` object tables (2,000 at 500 operations, the
/// issue's size). Operation `i` lives in `widget_{i:04}.yaml` and defines three named object
/// tables (`Widget{i}`, `Widget{i}Spec`, `Widget{i}Tag`), an inline 200 body table (the fourth)
/// and two enumerations (`Widget{i}Status`, String; `Widget{i}Kind`, Integer). Every operation
/// has path, query and header parameters, a 200 body referring to its tables (array of objects,
/// object, nested), and 400/500 bodies referring to the one `SharedError` type of
/// `service.yaml`. Odd operations are POSTs whose request body is a `Widget{i}Spec` (with an
/// example request body); even ones are GETs. Every example matches its schema.
fn synthetic_spec(ops: usize) -> SpecSource {
    SpecSource {
        dir_display: "spec/synthetic".to_owned(),
        service: SourceFile {
            display: "spec/synthetic/service.yaml".to_owned(),
            text: service_yaml(),
        },
        operations: (0..ops)
            .map(|i| SourceFile {
                display: format!("spec/synthetic/widget_{i:04}.yaml"),
                text: operation_yaml(i),
            })
            .collect(),
    }
}

fn service_yaml() -> String {
    r#"# Synthetic service for the codegen benchmark.
service:
  name: synth
  title: Synthetic Widget Service
  crate: huaweicloud-sdk-synth
  version: 0.1.0

types:
  SharedError:
    description: The error body every operation returns.
    tables:
      - "error.txt: Table 1 Response body parameters"
    fields:
      - name: error_code
        type: String
        description: Error code.
      - name: error_msg
        type: String
        description: Error message.
      - name: details
        type: Array of SharedErrorDetail objects
        description: Details of the error.
  SharedErrorDetail:
    tables:
      - "error.txt: Table 2 SharedErrorDetail"
    fields:
      - name: error_code
        type: String
        description: Error code.
      - name: error_msg
        type: String
        description: Error message.

error_codes:
  source:
    page: ../sources/synth/error-codes.txt
    breadcrumb:
      - Help Center
      - Synthetic Widget Service
      - API Reference
      - Appendix
      - Error Codes
    title: Error Codes
  codes:
    - status: 400
      code: SYNTH.10000001
      message: Invalid request
      description: The request is invalid.
      measure: Check the parameters.
    - status: 400
      code: SYNTH.10000002
      message: Quota exceeded
      description: The quota is exceeded.
      measure: Delete unused widgets.
    - status: 401
      code: SYNTH.10000003
      message: Authentication failed
      description: The token is invalid.
      measure: Check the token.
    - status: 500
      code: SYNTH.11000000
      message: Internal error
      description: A system error occurred.
      measure: Contact technical support.
"#
    .to_owned()
}

fn operation_yaml(i: usize) -> String {
    let n = format!("{i:04}");
    let post = i % 2 == 1;
    let (method, id) = if post {
        ("POST", format!("CreateWidget{n}"))
    } else {
        ("GET", format!("ListWidgets{n}"))
    };
    let mut y = String::with_capacity(12_000);
    // Writing to a String cannot fail.
    let _ = write!(
        y,
        r#"# Synthetic operation {i}.
operation:
  id: {id}
  title: Widget operation {n}
  summary: Lists or creates widgets of collection {n}.
  method: {method}
  path: /v2/{{project_id}}/collections{n}/{{collection_id}}/widgets
  source:
    page: ../sources/synth/widget-{n}.txt
    breadcrumb:
      - Help Center
      - Synthetic Widget Service
      - API Reference
      - Widgets
      - Widget operation {n}
    title: Widget operation {n}
    updated: "2025-01-01 GMT+08:00"

parameters:
  path:
    table: Table 1 Path Parameters
    items:
      - name: project_id
        mandatory: true
        type: String
        description: Project ID.
        restrictions: N/A
        range: 32 to 64 characters.
        default: N/A
        constraints:
          min_length: 32
          max_length: 64
      - name: collection_id
        mandatory: true
        type: String
        description: Collection ID.
  query:
    table: Table 2 Query Parameters
    items:
      - name: limit
        mandatory: false
        type: Integer
        description: Number of records per page.
        range: 1 to 100.
        default: "10"
        constraints:
          minimum: 1
          maximum: 100
      - name: offset
        mandatory: false
        type: Integer
        description: Offset of the first record.
        constraints:
          minimum: 0
      - name: status
        mandatory: false
        type: String
        description: Only widgets in this status.
        enum: Widget{n}Status
      - name: tags
        mandatory: false
        type: Array of strings
        description: Only widgets with all these tag keys.
        constraints:
          max_items: 10
  header:
    table: Table 3 Request header parameters
    items:
      - name: X-Auth-Token
        mandatory: true
        type: String
        description: User token.
      - name: X-Request-Id
        mandatory: false
        type: String
        description: Request ID for tracing.
      - name: X-Language
        mandatory: false
        type: String
        description: Language of the messages.
"#
    );
    if post {
        let _ = write!(
            y,
            r#"
request:
  table: Table 4 Request body parameters
  body:
    type: Widget{n}Spec object
"#
        );
    }
    let _ = write!(
        y,
        r#"
responses:
  200:
    description: OK
    table: Table 5 Response body parameters
    body:
      name: {id}Response
      fields:
        - name: widgets
          type: Array of Widget{n} objects
          description: Widgets.
        - name: next_marker
          type: String
          description: Marker of the next page.
        - name: total
          type: Integer
          description: Total number of widgets.
        - name: request_id
          type: String
          description: Request ID.
  400:
    description: Invalid request parameter.
    table: Table 10 Response body parameters
    body:
      type: SharedError object
  500:
    description: Server error.
    table: Table 11 Response body parameters
    body:
      type: SharedError object

types:
  Widget{n}:
    description: A widget of collection {n}.
    tables:
      - "widget-{n}.txt: Table 6 Widget{n}"
    fields:
      - name: id
        type: String
        description: Widget ID.
      - name: name
        type: String
        description: Widget name.
      - name: type
        type: String
        description: Widget type.
      - name: status
        type: String
        description: |-
          Widget status
          • ACTIVE: running
          • DELETED: deleted
          • ERROR: faulty
        enum: Widget{n}Status
      - name: kind
        type: Integer
        description: Widget kind.
        enum: Widget{n}Kind
      - name: created
        type: Long
        description: Creation time (ms since the epoch).
      - name: ratio
        type: Double
        description: Utilization ratio.
      - name: enabled
        type: Boolean
        description: Whether the widget is enabled.
      - name: labels
        type: "Map<String,String>"
        description: Labels.
      - name: spec
        type: Widget{n}Spec object
        description: Specification.
      - name: tags
        type: Array of Widget{n}Tag objects
        description: Tags.
  Widget{n}Spec:
    tables:
      - "widget-{n}.txt: Table 7 Widget{n}Spec"
    fields:
      - name: cpu
        mandatory: true
        type: Integer
        description: vCPUs.
        constraints:
          minimum: 1
          maximum: 128
      - name: ram
        mandatory: true
        type: Long
        description: Memory (MiB).
      - name: zone
        mandatory: false
        type: String
        description: Availability zone.
      - name: tags
        mandatory: false
        type: Array of Widget{n}Tag objects
        description: Tags of the specification.
  Widget{n}Tag:
    tables:
      - "widget-{n}.txt: Table 8 Widget{n}Tag"
    fields:
      - name: key
        mandatory: true
        type: String
        description: Tag key.
        constraints:
          min_length: 1
          max_length: 36
      - name: value
        mandatory: false
        type: String
        description: Tag value.
        constraints:
          max_length: 43

enums:
  Widget{n}Status:
    type: String
    description: Widget status
    values:
      - value: ACTIVE
        description: running
      - value: DELETED
        description: deleted
      - value: ERROR
        description: faulty
  Widget{n}Kind:
    type: Integer
    description: Widget kind.
    values:
      - value: 1
        name: Standard
        description: standard widget
      - value: 2
        name: Premium
        description: premium widget

examples:
  requests:
"#
    );
    if post {
        let _ = write!(
            y,
            r#"    - line: POST https://{{endpoint}}/v2/{{project_id}}/collections{n}/c-1/widgets
      body: |-
        {{
          "cpu" : 2,
          "ram" : 4096,
          "zone" : "az-1",
          "tags" : [ {{ "key" : "env", "value" : "prod" }} ]
        }}
"#
        );
    } else {
        let _ = writeln!(
            y,
            "    - line: GET https://{{endpoint}}/v2/{{project_id}}/collections{n}/c-1/widgets?limit=10&status=ACTIVE"
        );
    }
    let _ = write!(
        y,
        r#"  responses:
    - status: 200
      description: OK
      body: |-
        {{
          "widgets" : [ {{
            "id" : "w-1",
            "name" : "widget-a",
            "type" : "small",
            "status" : "ACTIVE",
            "kind" : 1,
            "created" : 1755594767000,
            "ratio" : 0.5,
            "enabled" : true,
            "labels" : {{ "team" : "a" }},
            "spec" : {{
              "cpu" : 2,
              "ram" : 4096,
              "zone" : "az-1",
              "tags" : [ {{ "key" : "k", "value" : "v" }} ]
            }},
            "tags" : [ {{ "key" : "env", "value" : "prod" }}, {{ "key" : "owner", "value" : null }} ]
          }}, {{
            "id" : "w-2",
            "name" : "widget-b",
            "type" : null,
            "status" : "ERROR",
            "kind" : 2,
            "created" : 1755594768000,
            "ratio" : 1,
            "enabled" : false,
            "labels" : {{ }},
            "spec" : {{ "cpu" : 4, "ram" : 8192, "zone" : null, "tags" : [ ] }},
            "tags" : [ ]
          }} ],
          "next_marker" : null,
          "total" : 2,
          "request_id" : "r-{n}"
        }}
    - status: 400
      description: Invalid request parameter.
      body: |-
        {{
          "error_code" : "SYNTH.10000001",
          "error_msg" : "Invalid request",
          "details" : [ {{ "error_code" : "SYNTH.10000001", "error_msg" : "limit out of range" }} ]
        }}

error_codes: See Error Codes.
"#
    );
    y
}
