//! Hostile and careless pages and spec directories (issue 13, parts 10, 11 and the page half
//! of 14): a BOM and CRLF change nothing, contradictory restrictions are reported, mutated pages
//! give a clear error naming the page and a line (or import) without a panic or a hang, and a
//! failed import leaves the spec as it was.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use importer::text::{Kind, limit_problem, limits};
use importer::{Request, page};

fn pages() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages")
}

fn read_page(rel: &str) -> String {
    std::fs::read_to_string(pages().join(rel)).unwrap()
}

#[test]
fn a_bom_and_crlf_read_like_the_plain_page() {
    for (bom, plain) in [
        ("iam/delete-user.crlf-bom.txt", "iam/delete-user.txt"),
        ("cce/delete-job.crlf-bom.txt", "cce/delete-job.txt"),
    ] {
        let text = read_page(bom);
        assert!(
            text.starts_with('\u{feff}') && text.contains("\r\n"),
            "{bom} is no longer a BOM+CRLF page"
        );
        let (a, pa) = page::read(&text, "p");
        let (b, pb) = page::read(&read_page(plain), "p");
        assert_eq!(
            pa.to_string(),
            pb.to_string(),
            "{bom}: other problems than {plain}"
        );
        assert_eq!(
            format!("{a:?}"),
            format!("{b:?}"),
            "{bom} reads differently from {plain}"
        );
        assert!(!format!("{a:?}").contains('\u{feff}'));
    }
}

#[test]
fn contradictory_restrictions_are_reported_not_dropped() {
    let text = "The value contains 64 to 32 characters.";
    assert!(limits(text, None, Kind::Text).is_empty());
    let why = limit_problem(text, None, Kind::Text).expect("reported");
    assert!(
        why.contains("contradict") && why.contains("64") && why.contains("32"),
        "{why}"
    );

    for (text, kind, expected) in [
        (
            "Value range: 99999999999999999999999 to 3",
            Kind::Whole,
            "beyond any value",
        ),
        (
            "The value contains 99999999999999999999999 to 3 characters.",
            Kind::Text,
            "23 digits",
        ),
        (
            "Greater than or equal to 10. Less than or equal to 5.",
            Kind::Whole,
            "at least 10 and at most 5",
        ),
        (
            "10 to 2 items",
            Kind::List,
            "at least 10 and at most 2 items",
        ),
    ] {
        let why = limit_problem(text, None, kind).expect("reported");
        assert!(why.contains(expected), "{text}: {why}");
    }

    // Sound ones are not.
    assert_eq!(
        limit_problem("The value contains 32 to 64 characters.", None, Kind::Text),
        None
    );
    assert_eq!(limit_problem("Value range: 1-100", None, Kind::Whole), None);
}

/// A page of `tests/pages/` with one row's description made contradictory is refused, naming
/// the page, the line and the row.
#[test]
fn a_page_with_a_contradiction_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let (root, page_path, ov) = workspace(dir.path());
    let text = std::fs::read_to_string(&page_path).unwrap();
    let needle = "32 to 64 characters";
    assert!(
        text.contains(needle),
        "the page no longer has the row this test changes"
    );
    std::fs::write(&page_path, text.replacen(needle, "64 to 32 characters", 1)).unwrap();
    let err = importer::run(&request(&root, &page_path, &ov)).expect_err("refused");
    let msg = err.to_string();
    assert!(msg.contains("list-instances.txt:"), "{msg}");
    assert!(
        msg.contains(
            "the restrictions contradict each other: at least 64 and at most 32 characters"
        ),
        "{msg}"
    );
    assert!(
        !root.join("spec/dbss/list_instances.yaml").exists(),
        "written although refused"
    );
}

/// A fresh workspace in `dir`: the page under spec/sources/dbss and its overrides.
fn workspace(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let root = dir.join("ws");
    let sources = root.join("spec/sources/dbss");
    std::fs::create_dir_all(&sources).unwrap();
    std::fs::create_dir_all(root.join("spec/dbss/overrides")).unwrap();
    let page_path = sources.join("list-instances.txt");
    std::fs::copy(pages().join("dbss/list-instances.txt"), &page_path).unwrap();
    let ov = root.join("spec/dbss/overrides/list_instances.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/overrides/list-instances.yaml"),
        &ov,
    )
    .unwrap();
    (root, page_path, ov)
}

fn request(root: &Path, page: &Path, ov: &Path) -> Request {
    Request {
        page: page.to_path_buf(),
        out: None,
        spec_dir: None,
        operation_id: None,
        service: Some("dbss".into()),
        overrides: Some(ov.to_path_buf()),
        partial: false,
        check: false,
        root: root.to_path_buf(),
        cwd: root.to_path_buf(),
    }
}

#[path = "../../codegen/tests/support/tree.rs"]
mod tree;

use tree::snapshot;

#[test]
fn the_workspace_imports_when_nothing_is_in_the_way() {
    let dir = tempfile::tempdir().unwrap();
    let (root, page, ov) = workspace(dir.path());
    let report = importer::run(&request(&root, &page, &ov)).unwrap_or_else(|e| panic!("{e}"));
    assert!(root.join("spec/dbss/list_instances.yaml").is_file());
    assert!(root.join("spec/dbss/service.yaml").is_file());
    assert!(report.written.len() >= 2, "{:?}", report.written);
    assert!(snapshot(&root).keys().all(|k| !k.contains(".tmp")));
}

#[test]
fn a_directory_where_service_yaml_must_go_leaves_the_old_state() {
    let dir = tempfile::tempdir().unwrap();
    let (root, page, ov) = workspace(dir.path());
    std::fs::create_dir(root.join("spec/dbss/service.yaml")).unwrap();
    let before = snapshot(&root);
    let err = importer::run(&request(&root, &page, &ov)).expect_err("service.yaml is a directory");
    let msg = err.to_string();
    assert!(
        msg.contains("service.yaml") && msg.contains("a generated file must go here"),
        "{msg}"
    );
    assert_eq!(
        snapshot(&root),
        before,
        "the operation file was written although the import failed"
    );
}

#[test]
fn a_file_where_the_spec_directory_must_go_leaves_the_old_state() {
    let dir = tempfile::tempdir().unwrap();
    let (root, page, _) = workspace(dir.path());
    let ov = root.join("overrides.yaml");
    std::fs::copy(root.join("spec/dbss/overrides/list_instances.yaml"), &ov).unwrap();
    std::fs::remove_dir_all(root.join("spec/dbss")).unwrap();
    std::fs::write(root.join("spec/dbss"), "a file\n").unwrap();
    let before = snapshot(&root);
    let err = importer::run(&request(&root, &page, &ov)).expect_err("spec/dbss is a file");
    assert!(
        err.to_string().contains("a directory must go here"),
        "{err}"
    );
    assert_eq!(snapshot(&root), before);
}

#[cfg(unix)]
#[test]
fn a_fifo_or_directory_as_the_page_is_a_clear_error_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let (root, page, ov) = workspace(dir.path());
    std::fs::remove_file(&page).unwrap();
    std::fs::create_dir(&page).unwrap();
    let err = importer::run(&request(&root, &page, &ov)).expect_err("a directory");
    assert!(err.to_string().contains("a directory, not a file"), "{err}");
    std::fs::remove_dir(&page).unwrap();
    if std::process::Command::new("mkfifo")
        .arg(&page)
        .status()
        .is_ok_and(|s| s.success())
    {
        let started = Instant::now();
        let err = importer::run(&request(&root, &page, &ov)).expect_err("a FIFO");
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }
    std::fs::remove_file(&page).unwrap();
    std::os::unix::fs::symlink("list-instances.txt", &page).unwrap();
    let err = importer::run(&request(&root, &page, &ov)).expect_err("a symlink loop");
    assert!(err.to_string().contains("list-instances.txt"), "{err}");
}

/// Every page of `tests/pages/` mutated (truncated, captions duplicated and swapped, CRLF, BOM,
/// tabs, a 5 MB line, binary, NUL): the reader never panics, finishes quickly, and every
/// problem names the page in a message of readable length.
#[test]
fn mutated_pages_never_panic_and_name_the_page() {
    let mut all = Vec::new();
    let mut stack = vec![pages()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                all.push(p);
            }
        }
    }
    all.sort();
    assert!(all.len() > 20, "the page corpus was not found");
    let started = Instant::now();
    let mut checked = 0;
    for (n, path) in all.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let caption = lines.iter().position(|l| l.starts_with("Table "));
        // The older template's structure disturbed: its bullets dropped or made plain list
        // items, its headings lower-cased, the Type and Mandatory header cells swapped.
        let without_bullets: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| !l.trim_start().starts_with('•'))
            .collect();
        let lowered: Vec<String> = lines
            .iter()
            .map(|l| {
                if matches!(
                    l.trim(),
                    "Request" | "Response" | "URI" | "Status Code" | "Status Codes"
                ) {
                    l.to_ascii_lowercase()
                } else {
                    (*l).to_owned()
                }
            })
            .collect();
        let mut mutations: Vec<String> = vec![
            without_bullets.join("\n"),
            text.replace('•', "-"),
            lowered.join("\n"),
            text.replace("\nType\n", "\nTYPE\n")
                .replace("\nMandatory\n", "\nType\n")
                .replace("\nTYPE\n", "\nMandatory\n"),
            text[..text.len() / 3 * 2].to_owned(),
            text.replace('\n', "\r\n"),
            format!("\u{feff}{text}"),
            text.replace("  ", "\t"),
            text.replacen('a', "\0", 5),
        ];
        if let Some(c) = caption {
            let mut dup = lines.clone();
            dup.insert(c, lines[c]);
            mutations.push(dup.join("\n"));
            if let Some(c2) = lines
                .iter()
                .skip(c + 1)
                .position(|l| l.starts_with("Table "))
            {
                let mut swapped = lines.clone();
                swapped.swap(c, c + 1 + c2);
                mutations.push(swapped.join("\n"));
            }
        }
        // The expensive ones on a few pages only, to keep the run short.
        if n % 8 == 0 {
            let mid = lines.len() / 2;
            let mut long = lines.clone();
            let big = "x".repeat(5 * 1024 * 1024);
            long.insert(mid, &big);
            mutations.push(long.join("\n"));
            mutations.push(
                String::from_utf8_lossy(&(0..=255u8).cycle().take(20_000).collect::<Vec<_>>())
                    .into_owned(),
            );
        }
        for m in mutations {
            let file = "importer/tests/pages/x.txt";
            let result = catch_unwind(AssertUnwindSafe(|| page::read(&m, file)));
            let (_, problems) =
                result.unwrap_or_else(|_| panic!("{}: the page reader panicked", path.display()));
            for p in &problems.0 {
                assert_eq!(p.file, file, "{p}");
                assert!(!p.message.is_empty());
                assert!(
                    p.to_string().len() < 10_000,
                    "a huge message: {} bytes",
                    p.to_string().len()
                );
            }
            checked += 1;
        }
    }
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_secs(120),
        "{checked} mutations took {elapsed:?}"
    );
}
