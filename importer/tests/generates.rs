//! What a page imports to also generates: each golden spec directory (`tests/golden/<service>/`,
//! the import of every complete page) goes through `codegen` as a standalone crate (what
//! `cargo xtask codegen --spec DIR --out DIR` writes), which must build and pass its own tests
//! (every documented example decodes, re-encodes and parses as its status's outcome).
//!
//! The crates use the target directory of the project's fixture crates
//! (`target/fixture-crates`), so the runtime and its dependencies are built once, and the
//! workspace's `Cargo.lock`, so they build offline.

mod common;

#[path = "../../tests/tests/support/standalone.rs"]
mod standalone;

#[test]
fn imported_specs_generate_crates_that_pass_their_tests() {
    let root = common::root();
    let root = root.canonicalize().unwrap_or(root);
    let target = root.join("target/fixture-crates");
    let mut failures = Vec::new();
    for service in ["dbss", "gaussdb", "widget"] {
        let spec = common::crate_dir().join("tests/golden").join(service);
        let dir = match tempfile::Builder::new().prefix("imported-crate-").tempdir() {
            Ok(d) => d,
            Err(e) => panic!("cannot create a temporary directory: {e}"),
        };
        // Only the spec files: the golden directory also holds error_codes.yaml (a section).
        let spec_dir = dir.path().join("spec");
        std::fs::create_dir_all(&spec_dir).unwrap_or_else(|e| panic!("{e}"));
        for entry in std::fs::read_dir(&spec).unwrap_or_else(|e| panic!("{e}")) {
            let Ok(entry) = entry else { continue };
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".yaml") && name != "error_codes.yaml" {
                std::fs::copy(entry.path(), spec_dir.join(&name)).unwrap_or_else(|e| panic!("{e}"));
            }
        }
        if let Err(e) =
            standalone::generate_and_test(&root, &target, &spec_dir, &format!("golden/{service}"))
        {
            failures.push(format!("golden/{service}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
