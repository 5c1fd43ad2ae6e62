//! What a page imports to also generates: each golden spec directory (`tests/golden/<service>/`,
//! the import of every complete page) goes through `codegen` as a standalone crate (what
//! `cargo xtask codegen --spec DIR --out DIR` writes), which must build and pass its own tests
//! (every documented example decodes, re-encodes and parses as its status's outcome).
//!
//! The crates use the target directory of the project's fixture crates
//! (`target/fixture-crates`), so the runtime and its dependencies are built once, and the
//! workspace's `Cargo.lock`, so they build offline.

mod common;

use codegen::Options;

#[test]
fn imported_specs_generate_crates_that_pass_their_tests() {
    let root = common::root();
    let root = root.canonicalize().unwrap_or(root);
    let target = root.join("target/fixture-crates");
    let runtime = root.join("runtime");
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
        let options = Options {
            runtime_path: runtime.to_string_lossy().into_owned(),
            standalone: true,
        };
        let files = match codegen::generate_dir(&spec_dir, &format!("golden/{service}"), &options) {
            Ok(f) => f,
            Err(d) => {
                failures.push(format!("golden/{service} does not generate:\n{d}"));
                continue;
            }
        };
        let krate = dir.path().join("crate");
        codegen::files::write(&files, &krate).unwrap_or_else(|e| panic!("{e}"));
        std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock"))
            .unwrap_or_else(|e| panic!("{e}"));
        match common::cargo_test(&krate, &target) {
            Ok(out) if common::passed(&out) > 0 => {
                eprintln!("golden/{service}: {} tests passed", common::passed(&out))
            }
            Ok(out) => failures.push(format!("golden/{service}: the crate ran no tests\n{out}")),
            Err(e) => failures.push(format!("golden/{service}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
