//! No input makes the generator panic: a spec truncated, with lines deleted or characters
//! changed, and arbitrary text, each give files or a clear message naming the file.
//!
//! The properties mangle the `features` fixture (groups, deprecation, byte bodies, examples:
//! every construct, in five operations), 200 cases each: the real spec (113 operations) takes
//! seconds a run in a debug build. The real spec is generated once, and once with a stray file.

use std::path::Path;

use codegen::{Options, SpecSource};
use proptest::prelude::*;
use spec_model::SourceFile;

fn real() -> SpecSource {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/dbss");
    SpecSource::from_dir(&dir, "spec/dbss").expect("the real spec reads")
}

/// The fixture the properties mangle, read once.
fn fixture() -> SpecSource {
    static FIXTURE: std::sync::OnceLock<SpecSource> = std::sync::OnceLock::new();
    FIXTURE
        .get_or_init(|| {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/features");
            SpecSource::from_dir(&dir, "fixtures/features").expect("the fixture reads")
        })
        .clone()
}

/// Runs the pipeline; every failure must carry at least one diagnostic naming a spec file.
fn run(source: &SpecSource) {
    match codegen::generate(source, &Options::default()) {
        Ok(files) => assert!(files.contains_key("src/lib.rs")),
        Err(d) => {
            assert!(!d.is_empty(), "a failure with no diagnostic");
            for x in &d.0 {
                assert!(
                    x.file.starts_with("fixtures/features"),
                    "diagnostic without a file: {x}"
                );
                assert!(!x.message.is_empty());
            }
        }
    }
}

fn with_operation_text(text: String) -> SpecSource {
    let mut s = fixture();
    s.operations[0].text = text;
    s
}

fn with_service_text(text: String) -> SpecSource {
    let mut s = fixture();
    s.service.text = text;
    s
}

#[test]
fn the_real_spec_and_the_fixture_generate() {
    assert!(codegen::generate(&real(), &Options::default()).is_ok());
    // The unmangled fixture generates: the properties start from a sound spec.
    assert!(codegen::generate(&fixture(), &Options::default()).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn truncated_operation_files(cut in 0.0f64..1.0) {
        let text = fixture().operations[0].text.clone();
        let mut at = (text.len() as f64 * cut) as usize;
        while !text.is_char_boundary(at) { at -= 1; }
        run(&with_operation_text(text[..at].to_owned()));
    }

    #[test]
    fn deleted_lines(deletions in proptest::collection::vec(any::<prop::sample::Index>(), 1..6), service in any::<bool>()) {
        let source = fixture();
        let text = if service { &source.service.text } else { &source.operations[0].text };
        let mut lines: Vec<&str> = text.lines().collect();
        for d in deletions {
            if !lines.is_empty() {
                let i = d.index(lines.len());
                lines.remove(i);
            }
        }
        let text = lines.join("\n");
        run(&if service { with_service_text(text) } else { with_operation_text(text) });
    }

    #[test]
    fn changed_characters(edits in proptest::collection::vec((any::<prop::sample::Index>(), "[ -~\\n]"), 1..8)) {
        let mut chars: Vec<char> = fixture().operations[0].text.chars().collect();
        for (i, replacement) in edits {
            let i = i.index(chars.len());
            chars[i] = replacement.chars().next().unwrap_or(' ');
        }
        run(&with_operation_text(chars.into_iter().collect()));
    }

    #[test]
    fn arbitrary_text(text in "\\PC{0,400}") {
        run(&with_operation_text(text.clone()));
        run(&with_service_text(text));
    }
}

#[test]
fn an_extra_file_of_any_shape_is_reported_not_fatal() {
    let mut s = real();
    s.operations.push(SourceFile {
        display: "spec/dbss/zz.yaml".into(),
        text: "- just\n- a list\n".into(),
    });
    let err = codegen::generate(&s, &Options::default()).unwrap_err();
    assert_eq!(err.len(), 1);
    assert!(
        err.0[0]
            .to_string()
            .starts_with("spec/dbss/zz.yaml:1:1: YAML:"),
        "{}",
        err
    );
}
