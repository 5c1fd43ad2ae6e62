//! `cargo xtask codegen` as a user runs it: a standalone crate from any spec directory, `--check`
//! naming each stale file, and a broken spec that writes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("xtask runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn standalone_crate_then_check_then_repair() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("crate");
    let out_s = out.to_str().expect("utf-8 path");
    let spec = root().join("codegen/tests/fixtures/minimal");
    let spec_s = spec.to_str().expect("utf-8 path");

    let run = xtask(&["codegen", "--spec", spec_s, "--out", out_s]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("Cargo.toml");
    assert!(
        manifest.contains("\n[workspace]\n"),
        "a standalone crate has its own workspace:\n{manifest}"
    );
    let runtime_path = manifest
        .lines()
        .find_map(|l| {
            l.strip_prefix("huaweicloud-sdk-core = { path = \"")?
                .split('"')
                .next()
        })
        .expect("runtime path dependency");
    assert!(
        out.join(runtime_path).join("Cargo.toml").exists(),
        "{runtime_path} must point at the runtime"
    );
    assert!(out.join("src/lib.rs").exists());

    let check = xtask(&["codegen", "--check", "--spec", spec_s, "--out", out_s]);
    assert!(check.status.success(), "{}", text(&check.stderr));

    let header = std::fs::read_to_string(out.join("src/client.rs")).expect("client.rs");
    let first = header.lines().next().unwrap_or_default();
    // A hand edit that keeps the generated header: the generator wrote the file, so it repairs it.
    std::fs::write(out.join("src/lib.rs"), format!("{first}\n// edited\n")).expect("edit");
    std::fs::write(out.join("src/models/gone.rs"), format!("{first}\n")).expect("stale file");
    let check = xtask(&["codegen", "--check", "--spec", spec_s, "--out", out_s]);
    assert_eq!(check.status.code(), Some(1));
    let err = text(&check.stderr);
    assert!(
        err.contains("src/lib.rs: differs from what the spec generates"),
        "{err}"
    );
    assert!(
        err.contains("src/models/gone.rs: generated from a spec that no longer has it"),
        "{err}"
    );
    assert!(err.contains("run `cargo xtask codegen`"), "{err}");

    let repair = xtask(&["codegen", "--spec", spec_s, "--out", out_s]);
    assert!(repair.status.success());
    assert!(
        text(&repair.stdout).contains("removed stale"),
        "{}",
        text(&repair.stdout)
    );
    assert!(!out.join("src/models/gone.rs").exists());
    assert!(
        xtask(&["codegen", "--check", "--spec", spec_s, "--out", out_s])
            .status
            .success()
    );

    // A file rewritten without the generated header is the user's: refused, left as it is.
    std::fs::write(out.join("src/lib.rs"), "// mine now\n").expect("edit");
    let refused = xtask(&["codegen", "--spec", spec_s, "--out", out_s]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stdout));
    let err = text(&refused.stderr);
    assert!(err.contains("src/lib.rs"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("src/lib.rs")).expect("lib.rs"),
        "// mine now\n"
    );
}

#[test]
fn a_broken_spec_writes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("crate");
    let spec = root().join("codegen/tests/bad_specs/unknown_type_typo");
    let run = xtask(&[
        "codegen",
        "--spec",
        spec.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(run.status.code(), Some(1));
    let err = text(&run.stderr);
    assert!(err.contains("unknown type"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!out.exists(), "nothing may be written for a broken spec");
}

#[test]
fn a_missing_spec_directory_is_a_clear_error() {
    let run = xtask(&["codegen", "--spec", "no/such/dir", "--out", "target/never"]);
    assert_eq!(run.status.code(), Some(1));
    let err = text(&run.stderr);
    assert!(err.contains("cannot read the spec directory"), "{err}");
}
