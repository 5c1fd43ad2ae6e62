//! `generated/` must be exactly what the spec generates: a plain `cargo test` fails, naming
//! each stale file and the command to run, when someone edits the spec (or the generator)
//! without regenerating, or edits generated code by hand.

use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn generated_crate_is_fresh() {
    let files = match codegen::generate_dir(
        &root().join("spec/dbss"),
        "spec/dbss",
        &codegen::Options::default(),
    ) {
        Ok(files) => files,
        Err(diagnostics) => panic!("the spec does not generate:\n{diagnostics}"),
    };
    let stale =
        codegen::files::stale(&files, &root().join("generated")).expect("generated/ is readable");
    assert!(
        stale.is_empty(),
        "generated/ is stale:\n{}\nrun `cargo xtask codegen` and commit the result",
        stale
            .iter()
            .map(|s| format!("  generated/{s}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn schema_json_is_fresh() {
    let mut want =
        serde_json::to_string_pretty(&codegen::spec::json_schema()).expect("schema serializes");
    want.push('\n');
    let have = std::fs::read_to_string(root().join("spec/schema.json")).unwrap_or_default();
    assert!(
        have == want,
        "spec/schema.json is stale: run `cargo xtask codegen` and commit the result"
    );
}

/// The check must be able to fail: a changed, a missing and an extra generated file are all
/// reported.
#[test]
fn staleness_is_detected() {
    let files = codegen::generate_dir(
        &root().join("spec/dbss"),
        "spec/dbss",
        &codegen::Options::default(),
    )
    .expect("the spec generates");
    let dir = tempfile::tempdir().expect("temp dir");
    codegen::files::write(&files, dir.path()).expect("write");
    assert!(
        codegen::files::stale(&files, dir.path())
            .expect("read")
            .is_empty()
    );

    let lib = dir.path().join("src/lib.rs");
    let mut text = std::fs::read_to_string(&lib).expect("lib.rs");
    text.push_str("// edited by hand\n");
    std::fs::write(&lib, text).expect("edit");
    std::fs::remove_file(dir.path().join("src/models/cluster.rs")).expect("remove");
    let first_line = files
        .values()
        .next()
        .and_then(|t| t.lines().next())
        .unwrap_or_default()
        .to_owned();
    std::fs::write(
        dir.path().join("src/models/old_type.rs"),
        format!("{first_line}\npub struct OldType;\n"),
    )
    .expect("extra");
    std::fs::write(dir.path().join("src/handwritten.rs"), "// not generated\n")
        .expect("handwritten");

    let stale: Vec<String> = codegen::files::stale(&files, dir.path())
        .expect("read")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        stale,
        vec![
            "src/lib.rs: differs from what the spec generates",
            "src/models/cluster.rs: missing",
            "src/models/old_type.rs: generated from a spec that no longer has it",
        ]
    );

    // Writing repairs all three and leaves the hand-written file alone.
    let report = codegen::files::write(&files, dir.path()).expect("write");
    assert_eq!(report.written, vec!["src/lib.rs", "src/models/cluster.rs"]);
    assert_eq!(report.removed, vec!["src/models/old_type.rs"]);
    assert!(dir.path().join("src/handwritten.rs").exists());
    assert!(
        codegen::files::stale(&files, dir.path())
            .expect("read")
            .is_empty()
    );
}
