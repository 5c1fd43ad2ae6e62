//! Hostile and careless specs (issue 13, parts 5, 8, 9 and the spec half of 14): each gives a
//! clear error naming the file (and line or YAML path), or a crate that is sound; never a panic,
//! a hang or a huge output, and nothing is written.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use codegen::{Diagnostics, FileSet, Options, SpecSource};
use spec_model::SourceFile;

const SERVICE: &str = "service:\n  name: demo\n  title: Demo Service\n  crate: huaweicloud-sdk-demo\n  version: 0.1.0\n";

/// One operation with a path parameter and a type whose field `size` carries `constraint`.
fn operation(param_constraint: &str, field: &str) -> String {
    format!(
        r#"operation:
  id: ShowCluster
  title: Querying a Cluster
  summary: Querying a Cluster
  method: GET
  path: /v1/{{project_id}}/clusters/{{cluster_id}}
  source:
    page: ../sources/demo/show-cluster.txt
    breadcrumb: [Help Center, Demo Service, API Reference]
    title: Querying a Cluster

parameters:
  path:
    table: Table 1 Path Parameters
    items:
      - name: project_id
        mandatory: true
        type: String
        description: Project ID.
      - name: cluster_id
        mandatory: true
        type: String
        description: Cluster ID.
{param_constraint}
responses:
  200:
    description: OK
    table: Table 2 Response body parameters
    body:
      type: Cluster object

types:
  Cluster:
    tables:
      - "show-cluster.txt: Table 3 Cluster"
    fields:
{field}
"#
    )
}

fn field(name: &str, constraints: &str) -> String {
    format!(
        "      - name: {name}\n        type: String\n        description: Cluster size.\n{constraints}"
    )
}

fn source(service: &str, op: &str) -> SpecSource {
    SpecSource {
        dir_display: "spec/demo".into(),
        service: SourceFile {
            display: "spec/demo/service.yaml".into(),
            text: service.into(),
        },
        operations: vec![SourceFile {
            display: "spec/demo/show_cluster.yaml".into(),
            text: op.into(),
        }],
    }
}

/// Runs the generator with a time limit and no panic allowed.
fn run(source: &SpecSource) -> Result<FileSet, Diagnostics> {
    let started = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| {
        codegen::generate(source, &Options::default())
    }))
    .unwrap_or_else(|_| panic!("the generator panicked"));
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    result
}

fn error(source: &SpecSource) -> String {
    match run(source) {
        Ok(files) => panic!("accepted ({} files); must be rejected", files.len()),
        Err(d) => {
            for x in &d.0 {
                assert!(x.file.starts_with("spec/demo/"), "no file named: {x}");
            }
            d.to_string()
        }
    }
}

#[test]
fn the_base_spec_generates() {
    let files = run(&source(SERVICE, &operation("", &field("size", "")))).expect("generates");
    assert!(files.contains_key("src/lib.rs"));
}

#[test]
fn huge_lengths_are_spec_errors_with_file_line_and_path() {
    for (constraint, shown) in [
        ("min_length: 1000000000000", "min_length 1000000000000"),
        (
            "max_length: 18446744073709551615",
            "max_length 18446744073709551615",
        ),
        (
            "min_length: 18446744073709551615",
            "min_length 18446744073709551615",
        ),
    ] {
        let op = operation(
            "",
            &field(
                "size",
                &format!("        constraints:\n          {constraint}\n"),
            ),
        );
        let text = error(&source(SERVICE, &op));
        assert!(text.contains(shown), "{text}");
        assert!(text.contains("beyond what a value can be"), "{text}");
        assert!(
            text.contains("spec/demo/show_cluster.yaml:37:") && text.contains("types.Cluster.size"),
            "file, line and YAML path: {text}"
        );
        // The same on a parameter: the generated test would have built a sample that long.
        let op = operation(
            &format!("        constraints:\n          {constraint}\n"),
            &field("size", ""),
        );
        let text = error(&source(SERVICE, &op));
        assert!(text.contains("beyond what a value can be"), "{text}");
        assert!(text.contains("parameters.path"), "{text}");
    }
}

#[test]
fn min_greater_than_max_is_a_spec_error_with_a_line() {
    let op = operation(
        "",
        &field(
            "size",
            "        constraints:\n          min_length: 64\n          max_length: 32\n",
        ),
    );
    let text = error(&source(SERVICE, &op));
    assert!(
        text.contains("min_length (64) is greater than max_length (32)"),
        "{text}"
    );
    assert!(text.contains("show_cluster.yaml:37:"), "{text}");
}

#[test]
fn an_integer_bound_beyond_32_bits_is_a_spec_error() {
    let op = operation(
        "",
        "      - name: size\n        type: Integer\n        description: Size.\n        constraints:\n          maximum: 9999999999\n",
    );
    let text = error(&source(SERVICE, &op));
    assert!(text.contains("maximum 9999999999 is beyond"), "{text}");
}

#[test]
fn a_long_but_allowed_length_keeps_generated_samples_small() {
    let op = operation(
        "        constraints:\n          min_length: 1000000\n",
        &field("size", ""),
    );
    let files = run(&source(SERVICE, &op)).expect("a length of a million is allowed");
    let total: usize = files.values().map(String::len).sum();
    assert!(total < 200_000, "generated {total} bytes");
}

#[test]
fn names_texts_and_lists_past_the_limits_are_clear_errors() {
    let long_name = "a".repeat(100_000);
    let text = error(&source(SERVICE, &operation("", &field(&long_name, ""))));
    assert!(
        text.contains("the name is 100000 characters long; at most 128"),
        "{text}"
    );
    assert!(text.contains("show_cluster.yaml:"), "{text}");
    assert!(
        text.len() < 2_000,
        "the message repeats the name: {} bytes",
        text.len()
    );

    let long_text = format!(
        "      - name: size\n        type: String\n        description: {}\n",
        "word ".repeat(10_000)
    );
    let text = error(&source(SERVICE, &operation("", &long_text)));
    assert!(
        text.contains("the description is 49999 characters long"),
        "{text}"
    );

    let mut many = String::new();
    for i in 0..6_000 {
        many.push_str(&format!(
            "      - name: f{i}\n        type: String\n        description: x\n"
        ));
    }
    let text = error(&source(SERVICE, &operation("", &many)));
    assert!(text.contains("6000 entries; at most 5000"), "{text}");
    assert!(text.contains("types.Cluster.fields"), "{text}");

    let title = format!(
        "service:\n  name: demo\n  title: {}\n  crate: huaweicloud-sdk-demo\n  version: 0.1.0\n",
        "T".repeat(30_000)
    );
    let text = error(&source(&title, &operation("", &field("size", ""))));
    assert!(text.contains("spec/demo/service.yaml:3"), "{text}");
}

#[test]
fn a_newline_and_quotes_in_the_title_give_a_cargo_toml_that_parses() {
    let service = "service:\n  name: demo\n  title: \"Demo\\n[evil]\\nname = \\\"x\\\" \\\\ '\"\n  crate: huaweicloud-sdk-demo\n  version: 0.1.0\n";
    let files = run(&source(service, &operation("", &field("size", "")))).expect("generates");
    let toml_text = &files["Cargo.toml"];
    let parsed: toml::Table = toml::from_str(toml_text)
        .unwrap_or_else(|e| panic!("the generated Cargo.toml does not parse: {e}\n{toml_text}"));
    let package = parsed["package"].as_table().unwrap();
    assert_eq!(package["name"].as_str(), Some("huaweicloud-sdk-demo"));
    assert!(!parsed.contains_key("evil"), "{toml_text}");
    let description = package["description"].as_str().unwrap();
    assert!(
        description.contains("Demo\n[evil]\nname = \"x\" \\ '"),
        "{description}"
    );
}

/// The real spec, mutated as careless editors and hostile files do: every result is a crate or
/// a clear error naming a spec file; none panics or hangs.
#[test]
fn mutated_real_specs_never_panic_or_hang() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/dbss");
    let real = SpecSource::from_dir(&dir, "spec/dbss").expect("the real spec reads");
    let text = real.operations[0].text.clone();
    let mut nested = String::from("x: ");
    nested.push_str(&"[".repeat(10_000));
    nested.push_str(&"]".repeat(10_000));
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
            p = i - 1
        ));
    }
    let mutations: Vec<(&str, String)> = vec![
        ("truncated", text[..text.len() / 2].to_owned()),
        ("crlf", text.replace('\n', "\r\n")),
        ("bom", format!("\u{feff}{text}")),
        ("tabs", text.replace("  ", "\t")),
        (
            "5 MB line",
            format!("{text}\n# {}\n", "x".repeat(5 * 1024 * 1024)),
        ),
        (
            "5 MB value",
            text.replacen(
                "description: ",
                &format!("description: {}", "y".repeat(5 * 1024 * 1024)),
                1,
            ),
        ),
        (
            "binary",
            String::from_utf8_lossy(&(0..=255u8).cycle().take(4096).collect::<Vec<_>>())
                .into_owned(),
        ),
        ("nul", text.replacen(':', ":\0", 3)),
        ("nesting", nested),
        ("alias bomb", bomb),
        ("over 8 MiB", "#".repeat(9 * 1024 * 1024)),
    ];
    for (what, mutated) in mutations {
        let mut s = real.clone();
        s.operations[0].text = mutated;
        let started = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| {
            codegen::generate(&s, &Options::default())
        }));
        let elapsed = started.elapsed();
        assert!(
            elapsed < Duration::from_secs(30),
            "{what}: took {elapsed:?}"
        );
        match result {
            Err(_) => panic!("{what}: the generator panicked"),
            Ok(Ok(_)) => {}
            Ok(Err(d)) => {
                assert!(!d.is_empty(), "{what}: a failure without a message");
                for x in &d.0 {
                    assert!(x.file.starts_with("spec/dbss/"), "{what}: {x}");
                }
                assert!(d.to_string().len() < 100_000, "{what}: a huge message");
            }
        }
    }
}

/// Spec directories holding a directory named like a file, a FIFO, a symlink loop.
#[cfg(unix)]
#[test]
fn odd_entries_in_a_spec_directory_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("service.yaml"), SERVICE).unwrap();
    std::fs::write(
        d.join("show_cluster.yaml"),
        operation("", &field("size", "")),
    )
    .unwrap();
    std::fs::create_dir(d.join("dir.yaml")).unwrap();
    std::os::unix::fs::symlink("loop.yaml", d.join("loop.yaml")).unwrap();
    let fifo_made = std::process::Command::new("mkfifo")
        .arg(d.join("fifo.yaml"))
        .status()
        .is_ok_and(|s| s.success());
    let started = Instant::now();
    let result = codegen::generate_dir(d, "spec/demo", &Options::default());
    assert!(started.elapsed() < Duration::from_secs(10));
    match result {
        Ok(files) => assert!(
            !fifo_made,
            "a FIFO in the spec directory was ignored silently ({} files)",
            files.len()
        ),
        Err(e) => {
            let text = e.to_string();
            assert!(text.contains("spec/demo/fifo.yaml"), "{text}");
            assert!(text.contains("not a regular file"), "{text}");
            assert!(
                text.contains("spec/demo/dir.yaml: named like a spec file but a directory"),
                "{text}"
            );
            assert!(
                text.contains("spec/demo/loop.yaml: named like a spec file but cannot be read"),
                "{text}"
            );
        }
    }
}
