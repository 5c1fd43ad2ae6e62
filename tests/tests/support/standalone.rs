//! A spec generated as a standalone crate (what `cargo xtask codegen --spec DIR --out DIR`
//! writes) into a temporary directory, and tested there with cargo. Shared by path
//! (`#[path = ...] mod standalone;`) by `fixtures_compile.rs` here and the importer's
//! `generates.rs`.
//!
//! The crates share one target directory (given), so their dependencies are built once, and use
//! the workspace's `Cargo.lock`, so they build offline with the same versions.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use codegen::Options;

/// Runs `cargo <args>` in `dir`; `Ok` holds its stdout, `Err` the command and its whole output.
pub fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<String, String> {
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

/// The number of passed tests that `cargo test` reports (`test result: ok. 3 passed; ...`).
pub fn passed_tests(stdout: &str) -> usize {
    stdout
        .lines()
        .filter_map(|l| l.split_once("test result: ok. "))
        .filter_map(|(_, rest)| rest.split(' ').next()?.parse::<usize>().ok())
        .sum()
}

/// Generates the crate of `spec` (named `display` in messages; its runtime is the workspace's
/// `runtime/` under `root`) into a temporary directory and runs its tests there, which must
/// pass: every spec given here has examples, so none running means they were lost. Returns the
/// directory, for more commands.
pub fn generate_and_test(
    root: &Path,
    target: &Path,
    spec: &Path,
    display: &str,
) -> Result<tempfile::TempDir, String> {
    let runtime = root.join("runtime");
    let runtime = runtime.canonicalize().unwrap_or(runtime);
    let options = Options {
        runtime_path: runtime.to_string_lossy().into_owned(),
        standalone: true,
    };
    let files = codegen::generate_dir(spec, display, &options)
        .map_err(|d| format!("{display} does not generate:\n{d}"))?;
    let dir = tempfile::Builder::new()
        .prefix("standalone-crate-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    codegen::files::write(&files, dir.path())
        .map_err(|e| format!("cannot write the {display} crate: {e}"))?;
    std::fs::copy(root.join("Cargo.lock"), dir.path().join("Cargo.lock"))
        .map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;
    let stdout = cargo(dir.path(), target, &["test", "--offline", "--quiet"])?;
    let passed = passed_tests(&stdout);
    eprintln!("  {display}: {passed} generated tests passed");
    if passed == 0 {
        return Err(format!(
            "the {display} crate ran no tests\n--- stdout ---\n{stdout}"
        ));
    }
    Ok(dir)
}
