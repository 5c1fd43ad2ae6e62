//! No input makes the generator panic: a spec truncated, with lines deleted or characters
//! changed, and arbitrary text, each give files or a clear message naming the file.
//!
//! The properties mangle any operation file (or the `service.yaml`) of any of the fixtures
//! (`features`: groups, deprecation, byte bodies, examples; `paging`; `hostile_names`;
//! `minimal`), 200 cases each: the real spec (113 operations) takes seconds a run in a debug
//! build. The real spec is generated once, and once with a stray file.

use std::path::Path;

use codegen::{Options, SpecSource};
use proptest::prelude::*;
use spec_model::SourceFile;

fn real() -> SpecSource {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/dbss");
    SpecSource::from_dir(&dir, "spec/dbss").expect("the real spec reads")
}

/// The fixtures the properties mangle.
const FIXTURES: [&str; 4] = ["features", "paging", "hostile_names", "minimal"];

/// A fixture, each read once.
fn fixture(name: &str) -> SpecSource {
    static READ: std::sync::OnceLock<Vec<SpecSource>> = std::sync::OnceLock::new();
    let all = READ.get_or_init(|| {
        FIXTURES
            .iter()
            .map(|n| {
                let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures")
                    .join(n);
                SpecSource::from_dir(&dir, &format!("fixtures/{n}"))
                    .unwrap_or_else(|e| panic!("the fixture {n} reads: {e}"))
            })
            .collect()
    });
    let i = FIXTURES
        .iter()
        .position(|n| *n == name)
        .expect("a known fixture");
    all[i].clone()
}

/// Runs the pipeline; every failure must carry at least one diagnostic naming a spec file.
fn run(source: &SpecSource, name: &str) {
    match codegen::generate(source, &Options::default()) {
        Ok(files) => assert!(files.contains_key("src/lib.rs")),
        Err(d) => {
            assert!(!d.is_empty(), "a failure with no diagnostic");
            for x in &d.0 {
                assert!(
                    x.file.starts_with(&format!("fixtures/{name}")),
                    "diagnostic without the fixture's file: {x}"
                );
                assert!(!x.message.is_empty());
            }
        }
    }
}

/// The fixture `name` with the text of one file replaced: operation file `op` (any index, taken
/// modulo their number), or `service.yaml` when `op` is `None`.
fn with_text(name: &str, op: Option<prop::sample::Index>, text: String) -> SpecSource {
    let mut s = fixture(name);
    match op {
        Some(i) => {
            let i = i.index(s.operations.len());
            s.operations[i].text = text;
        }
        None => s.service.text = text,
    }
    s
}

/// The text of the file [`with_text`] replaces.
fn text_of(name: &str, op: Option<prop::sample::Index>) -> String {
    let s = fixture(name);
    match op {
        Some(i) => s.operations[i.index(s.operations.len())].text.clone(),
        None => s.service.text,
    }
}

fn a_fixture() -> impl Strategy<Value = &'static str> {
    prop::sample::select(FIXTURES.to_vec())
}

#[test]
fn the_real_spec_and_the_fixtures_generate() {
    assert!(codegen::generate(&real(), &Options::default()).is_ok());
    // The unmangled fixtures generate: the properties start from sound specs.
    for name in FIXTURES {
        let result = codegen::generate(&fixture(name), &Options::default());
        assert!(result.is_ok(), "{name}: {:?}", result.err());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn truncated_files(name in a_fixture(), op in proptest::option::weighted(0.8, any::<prop::sample::Index>()), cut in 0.0f64..1.0) {
        let text = text_of(name, op);
        let mut at = (text.len() as f64 * cut) as usize;
        while !text.is_char_boundary(at) { at -= 1; }
        run(&with_text(name, op, text[..at].to_owned()), name);
    }

    #[test]
    fn deleted_lines(name in a_fixture(), op in proptest::option::weighted(0.7, any::<prop::sample::Index>()), deletions in proptest::collection::vec(any::<prop::sample::Index>(), 1..6)) {
        let text = text_of(name, op);
        let mut lines: Vec<&str> = text.lines().collect();
        for d in deletions {
            if !lines.is_empty() {
                let i = d.index(lines.len());
                lines.remove(i);
            }
        }
        run(&with_text(name, op, lines.join("\n")), name);
    }

    #[test]
    fn changed_characters(name in a_fixture(), op in proptest::option::weighted(0.8, any::<prop::sample::Index>()), edits in proptest::collection::vec((any::<prop::sample::Index>(), "[ -~\\n]"), 1..8)) {
        let mut chars: Vec<char> = text_of(name, op).chars().collect();
        for (i, replacement) in edits {
            if chars.is_empty() {
                break;
            }
            let i = i.index(chars.len());
            chars[i] = replacement.chars().next().unwrap_or(' ');
        }
        run(&with_text(name, op, chars.into_iter().collect()), name);
    }

    #[test]
    fn arbitrary_text(name in a_fixture(), op in any::<prop::sample::Index>(), text in "\\PC{0,400}") {
        run(&with_text(name, Some(op), text.clone()), name);
        run(&with_text(name, None, text), name);
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
