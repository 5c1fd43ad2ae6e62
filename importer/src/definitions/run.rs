//! `cargo xtask import` of API Explorer definitions: reads the `.json` sources (files or
//! directories of them), converts them ([`super::convert::to_spec`]), checks that the result
//! generates, and writes `service.yaml` and one operation file per definition into the spec
//! directory, all or nothing ([`codegen::files::replace_all`]).
//!
//! What `service.yaml` holds beside the converted types, enumerations and groups (the
//! `service:` block, `error_codes`, `endpoints`) is kept from the file already there.
//! An operation file already written from a page (its `source.page` is a `.txt`) is kept as
//! it is and listed: the page is the primary source of its text.

use std::path::{Path, PathBuf};

use codegen::files::{absolute, normalize, relative_path};
use spec_model::{OperationFile, ServiceInfo};

use super::convert::Finding;

use super::convert::{self, Options};
use super::read::{Loaded, json_files, read_file};
use crate::problem::{Problem, Problems};
use crate::service;

/// `cargo xtask import` of definitions: its arguments.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `.json` files or directories of them (all in one directory).
    pub sources: Vec<PathBuf>,
    /// The service's short name (default: the spec directory's name, else the sources'
    /// directory under `spec/sources/`).
    pub service: Option<String>,
    /// The spec directory (default `spec/<service>`).
    pub spec_dir: Option<PathBuf>,
    /// Compare instead of writing.
    pub check: bool,
    /// The workspace root.
    pub root: PathBuf,
    /// The directory relative paths are taken from.
    pub cwd: PathBuf,
}

/// What [`run`] did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Files written (or, with `check`, that differ).
    pub written: Vec<String>,
    /// Files already up to date.
    pub unchanged: Vec<String>,
    /// Operation files kept because a page wrote them.
    pub kept: Vec<String>,
    /// What the converter found that the spec does not say, or said differently.
    pub findings: Vec<Finding>,
}

fn display(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .map_or_else(|_| p.display().to_string(), |r| r.display().to_string())
}

fn problem(file: &str, message: impl Into<String>, help: &str) -> Problems {
    Problems(vec![Problem::at_line(file, None, message).help(help)])
}

/// The definitions files named by `sources` (files, or directories of `.json` files).
fn definition_paths(sources: &[PathBuf], root: &Path) -> Result<Vec<PathBuf>, Problems> {
    let mut paths = Vec::new();
    for s in sources {
        if s.is_dir() {
            paths
                .extend(json_files(s).map_err(|e| problem(&display(root, s), e.message, &e.help))?);
        } else {
            paths.push(s.clone());
        }
    }
    paths.sort();
    paths.dedup();
    if paths.is_empty() {
        return Err(problem(
            &sources
                .first()
                .map_or_else(String::new, |s| display(root, s)),
            "no definitions (*.json) among the sources",
            "give the API Explorer definitions files, or the directory that holds them",
        ));
    }
    Ok(paths)
}

/// Imports the definitions of `req`: writes the spec (only what changes), or with `check`
/// names what would change. Nothing is written when anything fails.
pub fn run(req: &Request) -> Result<Report, Problems> {
    let root = normalize(&req.root);
    let sources: Vec<PathBuf> = req.sources.iter().map(|s| absolute(&req.cwd, s)).collect();
    let paths = definition_paths(&sources, &root)?;
    let dirs: std::collections::BTreeSet<&Path> = paths.iter().filter_map(|p| p.parent()).collect();
    let Some(&source_dir) = dirs.first().filter(|_| dirs.len() == 1) else {
        return Err(problem(
            &display(&root, &paths[0]),
            format!(
                "the definitions are in {} directories; one service's are in one",
                dirs.len()
            ),
            "import each directory on its own",
        ));
    };
    let sources_root = root.join("spec/sources");
    let service_name = match (&req.service, &req.spec_dir) {
        (Some(s), _) => s.clone(),
        (None, Some(d)) => absolute(&req.cwd, d)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        (None, None) => source_dir
            .strip_prefix(&sources_root)
            .ok()
            .and_then(|r| r.components().next())
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .ok_or_else(|| {
                problem(
                    &display(&root, source_dir),
                    "cannot tell which service the definitions are of",
                    "pass --service NAME (the spec goes to spec/NAME/) or --spec-dir DIR",
                )
            })?,
    };
    let spec_dir = req.spec_dir.as_ref().map_or_else(
        || root.join("spec").join(&service_name),
        |d| absolute(&req.cwd, d),
    );
    let spec_shown = display(&root, &spec_dir);

    let mut files = Vec::with_capacity(paths.len());
    let mut errors = Problems::default();
    for p in &paths {
        let file = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match read_file(p) {
            Ok(definition) => files.push(Loaded { file, definition }),
            Err(e) => errors.push(Problem::at_line(&display(&root, p), None, e.to_string())),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let service_path = spec_dir.join("service.yaml");
    let service_shown = display(&root, &service_path);
    let existing = match std::fs::read_to_string(&service_path) {
        Ok(text) => Some(service::read_or_new(
            Some(&text),
            &service_shown,
            &service_name,
            &service_name,
        )?),
        Err(_) => None,
    };
    let info = existing.as_ref().map_or_else(
        || ServiceInfo {
            name: service_name.clone(),
            title: service_name.to_uppercase(),
            crate_name: format!("huaweicloud-sdk-{service_name}"),
            version: "0.1.0".to_owned(),
        },
        |s| s.service.clone(),
    );
    let options = Options {
        service: info,
        source_dir: relative_path(&spec_dir, source_dir),
    };
    let mut converted = convert::to_spec(&files, &options).map_err(|e| {
        Problems(
            e.iter()
                .map(|r| Problem::at_line(&display(&root, source_dir), None, r.to_string()))
                .collect(),
        )
    })?;
    if let Some(old) = existing {
        converted.service.error_codes = old.error_codes;
        converted.service.endpoints = old.endpoints;
    }
    let mut report = Report::default();
    // Operation files a page wrote stay as they are.
    for (name, _) in converted.operations.clone() {
        let path = spec_dir.join(&name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let from_page = serde_saphyr::from_str::<OperationFile>(&text)
            .is_ok_and(|o| o.operation.source.page.ends_with(".txt"));
        if from_page {
            converted.operations.remove(&name);
            report.kept.push(display(&root, &path));
        }
    }
    // What is written must generate; an example that contradicts its own schema is dropped
    // (and listed) by the generator's check.
    convert::generate(&mut converted, &spec_shown, &codegen::Options::default())
        .map_err(|d| Problems(d.0))?;
    let yaml = convert::to_yaml(&converted).map_err(|e| {
        problem(
            &spec_shown,
            e,
            "report this: the model cannot write its value",
        )
    })?;
    let mut writes: Vec<(PathBuf, &str)> = Vec::new();
    let mut shown = Vec::new();
    for (file, text) in &yaml {
        let path = spec_dir.join(file);
        let name = display(&root, &path);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            report.unchanged.push(name);
        } else {
            writes.push((path, text.as_str()));
            shown.push(name);
        }
    }
    if !req.check {
        codegen::files::replace_all(&writes).map_err(|e| {
            problem(
                &spec_shown,
                format!("cannot write the spec: {e}"),
                "nothing was written; fix the path and import again",
            )
        })?;
    }
    report.written = shown;
    report.findings = converted.findings;
    Ok(report)
}
