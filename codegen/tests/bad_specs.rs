//! The bad-spec corpus: every directory under `tests/bad_specs/` is a spec that must be
//! rejected, with exactly the messages in its `expected.txt`.
//!
//! Each case directory holds a `service.yaml` (except the case about its absence), usually one
//! operation file with one thing broken, and `expected.txt`: the full `Display` output of the
//! [`codegen::Diagnostics`] that `codegen::generate_dir` returns for it, followed by one newline
//! (so that editors and git leave the file alone). Files are named in the messages as
//! `bad_specs/<case>/<file>`.
//!
//! To add a case, create the directory with its spec files and run
//!
//! ```text
//! UPDATE_EXPECT=1 cargo test -p codegen --test bad_specs
//! ```
//!
//! which (re)writes every `expected.txt` from the current output. Then read each new or changed
//! `expected.txt` and check that it names the file, the place (line:column or YAML path) and what
//! is wrong, before committing it.

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// Fewer cases than this means the corpus was lost or not found.
const MIN_CASES: usize = 15;

/// True when `UPDATE_EXPECT=1`: rewrite the expected files instead of comparing.
fn updating() -> bool {
    std::env::var_os("UPDATE_EXPECT").is_some_and(|v| v == "1")
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_specs")
}

/// The case directories, sorted by name.
fn cases() -> Vec<(String, PathBuf)> {
    let dir = corpus_dir();
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("cannot list the corpus directory").path())
        .filter(|path| path.is_dir())
        .map(|path| {
            let name = path
                .file_name()
                .expect("a directory entry has a name")
                .to_string_lossy()
                .into_owned();
            (name, path)
        })
        .collect();
    cases.sort();
    cases
}

/// What the generator says about a case, or why it said nothing useful.
fn run(name: &str, dir: &Path) -> Result<String, String> {
    let display = format!("bad_specs/{name}");
    let result = catch_unwind(AssertUnwindSafe(|| {
        codegen::generate_dir(dir, &display, &codegen::Options::default())
    }));
    match result {
        Ok(Err(diagnostics)) => Ok(diagnostics.to_string()),
        Ok(Ok(files)) => Err(format!(
            "the spec was accepted ({} files generated); it must be rejected",
            files.len()
        )),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            Err(format!("the generator panicked: {message}"))
        }
    }
}

/// A line diff of `expected` against `actual`: `-` lines only expected, `+` lines only actual.
fn diff(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    // Longest common subsequence table, from the end.
    let mut lcs = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = String::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            let _ = writeln!(out, "   {}", old[i]);
            i += 1;
            j += 1;
        } else if i < old.len() && (j == new.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            let _ = writeln!(out, "  -{}", old[i]);
            i += 1;
        } else {
            let _ = writeln!(out, "  +{}", new[j]);
            j += 1;
        }
    }
    if out.is_empty() || expected.lines().eq(actual.lines()) {
        // Same lines: the difference is in line endings or the final newline.
        let _ = writeln!(out, "  expected (debug): {expected:?}");
        let _ = writeln!(out, "  actual   (debug): {actual:?}");
    }
    out
}

#[test]
fn bad_specs_are_rejected_with_the_expected_messages() {
    let update = updating();
    let cases = cases();
    assert!(
        cases.len() >= MIN_CASES,
        "expected at least {MIN_CASES} cases under {}, found {}",
        corpus_dir().display(),
        cases.len()
    );
    let mut failures = Vec::new();
    let mut updated = Vec::new();
    for (name, dir) in &cases {
        let expected_path = dir.join("expected.txt");
        let actual = match run(name, dir) {
            Ok(text) => format!("{text}\n"),
            Err(problem) => {
                failures.push(format!("{name}: {problem}"));
                continue;
            }
        };
        let expected = std::fs::read_to_string(&expected_path).ok();
        if expected.as_deref() == Some(actual.as_str()) {
            continue;
        }
        if update {
            std::fs::write(&expected_path, &actual)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", expected_path.display()));
            updated.push(name.as_str());
            continue;
        }
        match expected {
            None => failures.push(format!(
                "{name}: no expected.txt; the generator says:\n{actual}"
            )),
            Some(expected) => failures.push(format!(
                "{name}: the messages differ from expected.txt (- expected, + actual):\n{}",
                diff(&expected, &actual)
            )),
        }
    }
    if !updated.is_empty() {
        eprintln!(
            "UPDATE_EXPECT=1: rewrote expected.txt of {}",
            updated.join(", ")
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} bad-spec cases failed (run with UPDATE_EXPECT=1 to accept the current output, \
         after reading it):\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_case_has_an_expected_file() {
    if updating() {
        // The other test is writing them right now.
        return;
    }
    let missing: Vec<String> = cases()
        .into_iter()
        .filter(|(_, dir)| !dir.join("expected.txt").is_file())
        .map(|(name, _)| name)
        .collect();
    assert!(
        missing.is_empty(),
        "case directories without expected.txt (create them with UPDATE_EXPECT=1): {}",
        missing.join(", ")
    );
}

#[test]
fn the_diff_marks_changed_lines() {
    let d = diff("a\nb\nc\n", "a\nB\nc\nd\n");
    assert_eq!(d, "   a\n  -b\n  +B\n   c\n  +d\n");
    let d = diff("a\n", "a");
    assert!(d.contains("expected (debug): \"a\\n\""), "{d}");
}
