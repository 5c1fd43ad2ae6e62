//! What the importer's tests share: the pages under `tests/pages/` (copies of the pages under
//! the project's shared `docs/`), their overrides (`tests/overrides/<page>.yaml`), the service
//! files they start from (`tests/services/<service>.yaml`), and the in-memory import of one.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use importer::{Context, Job, overrides};

/// `importer/`.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The workspace root.
pub fn root() -> PathBuf {
    crate_dir().join("..")
}

/// Reads a file the test needs.
pub fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Rewrites the file at `path` with `change`; returns what it held before.
pub fn edit(path: &Path, change: impl FnOnce(&str) -> String) -> String {
    let original = read(path);
    fs::write(path, change(&original))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    original
}

/// Asserts that `text` contains each of `parts` (and shows `text` where it does not).
pub fn assert_contains(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "no {part:?} in:\n{text}");
    }
}

/// One page of `tests/pages/`.
#[derive(Debug, Clone)]
pub struct Case {
    /// `dbss` or `other`.
    pub dir: String,
    /// `list-instances.txt`.
    pub file: String,
    /// The file name without `.txt`.
    pub stem: String,
    /// The service the page is of.
    pub service: String,
    /// Whether the page is whole (`*.truncated.txt` are cut).
    pub complete: bool,
}

impl Case {
    /// The page's path.
    pub fn path(&self) -> PathBuf {
        if self.dir == "synthetic" {
            return crate_dir().join("tests/synthetic").join(&self.file);
        }
        crate_dir()
            .join("tests/pages")
            .join(&self.dir)
            .join(&self.file)
    }

    /// How messages name the page.
    pub fn display(&self) -> String {
        if self.dir == "synthetic" {
            return format!("importer/tests/synthetic/{}", self.file);
        }
        format!("importer/tests/pages/{}/{}", self.dir, self.file)
    }

    /// The page's text.
    pub fn text(&self) -> String {
        read(&self.path())
    }

    /// Whether this is the service's error codes page.
    pub fn is_error_codes(&self) -> bool {
        importer::errorcodes::is_error_codes_page(&self.text())
    }
}

/// Every page, sorted: the copies of `docs/` (`tests/pages/`), then the pages written for these
/// tests (`tests/synthetic/`).
pub fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for dir in ["dbss", "other", "synthetic"] {
        let d = if dir == "synthetic" {
            crate_dir().join("tests/synthetic")
        } else {
            crate_dir().join("tests/pages").join(dir)
        };
        let mut files: Vec<String> = fs::read_dir(&d)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", d.display()))
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        files.sort();
        for file in files {
            let stem = file.trim_end_matches(".txt").to_owned();
            let service = if dir == "dbss" {
                "dbss"
            } else if dir == "synthetic" {
                "widget"
            } else if stem.starts_with("gaussdb") {
                "gaussdb"
            } else {
                "dsc"
            };
            out.push(Case {
                dir: dir.to_owned(),
                complete: !file.contains(".truncated."),
                file,
                stem,
                service: service.to_owned(),
            });
        }
    }
    out
}

/// The in-memory import of `case`, as `cargo xtask import` would do it in `spec/<service>/`.
pub fn job(case: &Case, text: &str, partial: bool) -> Job {
    let ov_path = crate_dir().join(format!("tests/overrides/{}.yaml", case.stem));
    let ov_display = format!("importer/tests/overrides/{}.yaml", case.stem);
    let ov = overrides::parse(&read(&ov_path), &ov_display)
        .unwrap_or_else(|e| panic!("{ov_display}: {e}"));
    let id = ov
        .operation_id
        .clone()
        .unwrap_or_else(|| "Imported".to_owned());
    let module = spec_model::names::module_name(&id);
    let service_path = crate_dir().join(format!("tests/services/{}.yaml", case.service));
    Job {
        page_text: text.to_owned(),
        context: Context {
            page_file: case.file.clone(),
            page_display: case.display(),
            page_ref: format!("../sources/{}/{}", case.service, case.file),
            schema_ref: "../schema.json".to_owned(),
            overrides_display: ov_display,
            overrides_ref: format!("overrides/{module}.yaml"),
            operation_id: id,
        },
        overrides: ov,
        service_name: case.service.clone(),
        service_display: format!("spec/{}/service.yaml", case.service),
        service_text: service_path.is_file().then(|| read(&service_path)),
        spec_dir_display: format!("spec/{}", case.service),
        operation_display: format!("spec/{}/{module}.yaml", case.service),
        others: Vec::new(),
        partial,
        skip_generation: false,
    }
}

/// Compares `actual` with the golden file `rel` (under `tests/golden/`); with
/// `UPDATE_GOLDEN=1`, rewrites it instead.
pub fn golden(rel: &str, actual: &str) -> Result<(), String> {
    let path = crate_dir().join("tests/golden").join(rel);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        fs::write(&path, actual).map_err(|e| format!("{}: {e}", path.display()))?;
        return Ok(());
    }
    let expected = fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    })?;
    if expected == actual {
        return Ok(());
    }
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    Err(format!(
        "{} differs from line {}:\n  golden: {:?}\n  actual: {:?}\n(run with UPDATE_GOLDEN=1 to accept)",
        path.display(),
        line + 1,
        expected.lines().nth(line),
        actual.lines().nth(line)
    ))
}

/// The page's lines, cut after `keep` lines, without the lines at `delete` (indices into what
/// is kept, taken modulo its length).
pub fn mangle(text: &str, keep: usize, delete: &[usize]) -> String {
    let mut lines: Vec<&str> = text.lines().take(keep).collect();
    for &d in delete {
        if !lines.is_empty() {
            let at = d % lines.len();
            lines.remove(at);
        }
    }
    lines.join("\n")
}
