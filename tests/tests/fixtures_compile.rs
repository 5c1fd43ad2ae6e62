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
use std::process::Command;
use std::time::Instant;

use codegen::Options;

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

/// Runs `cargo <args>` in `dir`; `Ok` holds its stdout, `Err` the command and its whole output.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<String, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let started = Instant::now();
    let output = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        // The crates live in fresh temporary directories: incremental state would only pile up.
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .map_err(|e| format!("cannot run cargo {}: {e}", args.join(" ")))?;
    eprintln!(
        "  cargo {} ({:.1}s)",
        args.join(" "),
        started.elapsed().as_secs_f64()
    );
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!(
            "`cargo {}` failed ({}) in {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            args.join(" "),
            output.status,
            dir.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Generates the crate of `spec` into a temporary directory, then tests and lints it.
fn build(root: &Path, target: &Path, spec: &Path, display: &str) -> Result<(), String> {
    let runtime = root.join("runtime");
    let runtime = runtime.canonicalize().unwrap_or(runtime);
    let options = Options {
        runtime_path: runtime.to_string_lossy().into_owned(),
        standalone: true,
    };
    let files = codegen::generate_dir(spec, display, &options)
        .map_err(|d| format!("{display} does not generate:\n{d}"))?;
    let dir = tempfile::Builder::new()
        .prefix("fixture-crate-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    codegen::files::write(&files, dir.path())
        .map_err(|e| format!("cannot write the {display} crate: {e}"))?;
    std::fs::copy(root.join("Cargo.lock"), dir.path().join("Cargo.lock"))
        .map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;
    let stdout = cargo(dir.path(), target, &["test", "--offline", "--quiet"])?;
    // Every spec here has examples, so the crate has tests: none running means they were lost.
    let passed = passed_tests(&stdout);
    eprintln!("  {passed} generated tests passed");
    if passed == 0 {
        return Err(format!(
            "the {display} crate ran no tests
--- stdout ---
{stdout}"
        ));
    }
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

/// The number of passed tests that `cargo test` reports (`test result: ok. 3 passed; ...`).
fn passed_tests(stdout: &str) -> usize {
    stdout
        .lines()
        .filter_map(|l| l.split_once("test result: ok. "))
        .filter_map(|(_, rest)| rest.split(' ').next()?.parse::<usize>().ok())
        .sum()
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
