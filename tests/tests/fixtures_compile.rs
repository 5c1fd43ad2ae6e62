//! Every fixture spec (`codegen/tests/fixtures/*`) and the real spec (`spec/dbss`), generated as
//! a standalone crate (what `cargo xtask codegen --spec DIR --out DIR` writes) into a temporary
//! directory, must compile, pass its own generated tests (each documented example decodes,
//! re-encodes without loss and parses as its status's outcome; the request path follows the
//! template) and be free of clippy warnings.
//!
//! The crates share one target directory, `target/fixture-crates`, so their dependencies are
//! built once, and use the workspace's `Cargo.lock`, so they build offline with the same versions.
//! The crates are built one after the other: cargo locks the target directory anyway.

use std::path::{Path, PathBuf};
use std::time::Instant;

fn root() -> PathBuf {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR"));
    tests.parent().unwrap_or(tests).to_path_buf()
}

/// The specs to build: (directory, display name). Every fixture directory, then `spec/dbss`.
fn specs(root: &Path) -> Vec<(PathBuf, String)> {
    let fixtures = root.join("codegen/tests/fixtures");
    let mut names: Vec<String> = std::fs::read_dir(&fixtures)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", fixtures.display()))
        .filter_map(Result::ok)
        .filter(|e| e.path().join("service.yaml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(
        !names.is_empty(),
        "no fixture specs in {}",
        fixtures.display()
    );
    let mut specs: Vec<(PathBuf, String)> = names
        .into_iter()
        .map(|n| (fixtures.join(&n), format!("fixtures/{n}")))
        .collect();
    specs.push((root.join("spec/dbss"), "spec/dbss".to_owned()));
    specs
}

#[path = "support/standalone.rs"]
mod standalone;

use standalone::cargo;

/// Generates the crate of `spec` into a temporary directory, then tests and lints it.
fn build(root: &Path, target: &Path, spec: &Path, display: &str) -> Result<(), String> {
    let dir = standalone::generate_and_test(root, target, spec, display)?;
    cargo(
        dir.path(),
        target,
        &[
            "clippy",
            "--offline",
            "--quiet",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )
    .map(drop)
}

#[test]
fn generated_crates_compile_pass_their_tests_and_are_clippy_clean() {
    let root = root();
    let target = root.join("target/fixture-crates");
    let started = Instant::now();
    let mut failures = Vec::new();
    for (spec, display) in specs(&root) {
        eprintln!("{display}:");
        if let Err(message) = build(&root, &target, &spec, &display) {
            failures.push(format!("==== {display} ====\n{message}"));
        }
    }
    eprintln!("all crates: {:.1}s", started.elapsed().as_secs_f64());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
