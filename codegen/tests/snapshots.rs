//! Snapshots of everything the generator emits, for the real spec (`spec/dbss`) and for each
//! fixture spec under `tests/fixtures/`: a change to the emitted code shows up as a reviewable
//! diff of `tests/snapshots/*.snap`.
//!
//! Accept changes with `INSTA_UPDATE=always cargo test -p codegen --test snapshots` (or
//! `cargo insta review`). That the fixture crates compile, pass their own example tests and are
//! clippy-clean is checked by `tests/tests/fixtures_compile.rs`.

use std::path::{Path, PathBuf};

use codegen::{FileSet, Options};

/// The fixture specs, each a directory under `tests/fixtures/`.
const FIXTURES: &[&str] = &["features", "hostile_names", "minimal", "paging"];

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The spec directory and its display name (as messages and generated headers name it).
fn spec(name: &str) -> (PathBuf, String) {
    if name == "dbss" {
        (manifest_dir().join("../spec/dbss"), "spec/dbss".to_owned())
    } else {
        (
            manifest_dir().join("tests/fixtures").join(name),
            format!("fixtures/{name}"),
        )
    }
}

fn generate(name: &str) -> FileSet {
    let (dir, display) = spec(name);
    match codegen::generate_dir(&dir, &display, &Options::default()) {
        Ok(files) => files,
        Err(diagnostics) => panic!("{display} does not generate:\n{diagnostics}"),
    }
}

/// Every file, sorted by path, each under a `==== path ====` line.
fn render(files: &FileSet) -> String {
    let mut text = String::new();
    for (path, content) in files {
        text.push_str("==== ");
        text.push_str(path);
        text.push_str(" ====\n");
        text.push_str(content);
        if !content.ends_with('\n') {
            text.push('\n');
        }
    }
    text
}

fn snapshot(name: &str) {
    let text = render(&generate(name));
    insta::assert_snapshot!(name, text);
}

/// The files of the DBSS crate the snapshot pins: the crate's frame (manifest, root, error
/// codes, primitives) and one operation with the models it uses, ListInstances. The files with
/// a part for every operation (client, mock, examples) are pinned by the fixture snapshots.
/// The whole crate (113 operations, ~2.5 MB) is pinned by `generated/` itself: `cargo xtask
/// codegen --check` and `tests/tests/generated_fresh.rs` fail when it is stale.
const DBSS_PINNED: &[&str] = &[
    "src/operations/list_instances.rs",
    "src/models/cluster.rs",
    "src/models/dbss_error.rs",
    "src/models/dbss_error_detail.rs",
    "src/models/instance_activate_info.rs",
    "src/models/response_server.rs",
    "src/models/server_list.rs",
    "src/models/charge_model.rs",
    "src/models/active_role.rs",
];

#[test]
fn dbss() {
    let mut files = generate("dbss");
    files.retain(|path, _| {
        let per_operation = path.starts_with("src/operations/")
            || path.starts_with("src/models/")
            || [
                "src/client.rs",
                "src/mock.rs",
                "src/examples.rs",
                "tests/examples.rs",
            ]
            .contains(&path.as_str());
        !per_operation || DBSS_PINNED.contains(&path.as_str())
    });
    for pinned in DBSS_PINNED {
        assert!(files.contains_key(*pinned), "{pinned} is not generated");
    }
    insta::assert_snapshot!("dbss", render(&files));
}

#[test]
fn features() {
    snapshot("features");
}

#[test]
fn hostile_names() {
    snapshot("hostile_names");
}

#[test]
fn minimal() {
    snapshot("minimal");
}

#[test]
fn paging() {
    snapshot("paging");
}

/// A fixture directory without a snapshot test (or a test without its directory) fails here.
#[test]
fn every_fixture_has_a_snapshot() {
    let mut found: Vec<String> = std::fs::read_dir(manifest_dir().join("tests/fixtures"))
        .expect("tests/fixtures is readable")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(
        found, FIXTURES,
        "add a snapshot test for each fixture (and list it in FIXTURES)"
    );
}

/// The same spec generates the same files, byte for byte, every time.
#[test]
fn generation_is_deterministic() {
    for name in FIXTURES.iter().copied().chain(["dbss"]) {
        let first = generate(name);
        let second = generate(name);
        assert_eq!(
            first.keys().collect::<Vec<_>>(),
            second.keys().collect::<Vec<_>>(),
            "{name}: the file lists differ"
        );
        for (path, content) in &first {
            assert!(
                second.get(path) == Some(content),
                "{name}: {path} differs between two runs"
            );
        }
    }
}
