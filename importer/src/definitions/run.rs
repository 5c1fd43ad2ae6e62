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
use std::collections::{BTreeMap, BTreeSet};

use spec_model::format::{
    BodyDef, Constraints, FieldDef, ParamDef, ParamTable, Parsed, Scalar, ServiceFile, TypeDef,
};
use spec_model::{OperationFile, ServiceInfo, SourceFile, TypeExpr};

use super::convert::Finding;
use super::merge;

use super::convert::{self, Options};
use super::read::{Loaded, json_files, read_file};
use crate::problem::{Problem, Problems};
use crate::{display, service};

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
    /// Files a page import staged in the same command (path, text, how to name it): read in
    /// place of the files on disk, and written (or checked) with the definitions' files.
    pub overlay: Vec<(PathBuf, String, String)>,
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
    /// Where a kept page's operation and its definition disagree: (file, one line each).
    pub disagreements: Vec<(String, Vec<String>)>,
    /// What the converter found that the spec does not say, or said differently.
    pub findings: Vec<Finding>,
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
    let existing = match read_staged(&req.overlay, &service_path) {
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
    let decisions_path = spec_dir.join("overrides/definitions.yaml");
    let decisions = read_decisions(&decisions_path, &display(&root, &decisions_path))?;
    let options = Options {
        service: info,
        source_dir: relative_path(&spec_dir, source_dir),
        text_from: decisions.text_from,
    };
    let mut converted = convert::to_spec(&files, &options).map_err(|e| {
        Problems(
            e.iter()
                .map(|r| Problem::at_line(&display(&root, source_dir), None, r.to_string()))
                .collect(),
        )
    })?;
    if let Some(old) = &existing {
        converted.service.error_codes.clone_from(&old.error_codes);
        converted.service.endpoints.clone_from(&old.endpoints);
    }
    let mut report = Report::default();
    let mut kept = Vec::new();
    let mut kept_ops: Vec<(String, OperationFile)> = Vec::new();
    // Operation files a page wrote stay as they are.
    for (name, _) in converted.operations.clone() {
        let path = spec_dir.join(&name);
        let Ok(text) = read_staged(&req.overlay, &path) else {
            continue;
        };
        let page = serde_saphyr::from_str::<OperationFile>(&text)
            .ok()
            .filter(|o| o.operation.source.page.ends_with(".txt"));
        if let Some(page) = page {
            let def = converted.operations.remove(&name).expect("listed above");
            let shown = display(&root, &path);
            let lines = disagreements(&page, existing.as_ref(), &def, &converted.service);
            report.disagreements.push((shown.clone(), lines));
            kept.push(SourceFile {
                display: format!("{spec_shown}/{name}"),
                text,
            });
            kept_ops.push((name, page));
            report.kept.push(shown);
        }
    }
    // What the pages own wins over the definitions.
    let kept_refs: Vec<(String, &OperationFile)> =
        kept_ops.iter().map(|(n, o)| (n.clone(), o)).collect();
    let owned = merge::PageOwned::of(existing.as_ref(), &kept_refs);
    let clashes = owned.apply(&mut converted, &kept_refs);
    if !clashes.is_empty() {
        let mut problems = Problems(
            clashes
                .into_iter()
                .map(|m| {
                    Problem::at_line(&service_shown, None, m)
                        .help("a page's type that other operations use must be in service.yaml")
                })
                .collect(),
        );
        push_disagreements(&mut problems, &report);
        return Err(problems);
    }
    // What is written must generate; an example that contradicts its own schema is dropped
    // (and listed) by the generator's check.
    convert::generate(&mut converted, &spec_shown, &codegen::Options::default())
        .map_err(|d| Problems(d.0))?;
    // With the kept page files too: the spec directory as it will be must generate. When it
    // does not, the disagreements are part of what the user must settle.
    if !kept.is_empty() {
        let mut source = convert::spec_source(&converted, &spec_shown).map_err(|e| {
            problem(
                &spec_shown,
                e,
                "report this: the model cannot write its value",
            )
        })?;
        source.operations.extend(kept);
        source.operations.sort_by(|a, b| a.display.cmp(&b.display));
        if let Err(d) = codegen::generate(&source, &codegen::Options::default()) {
            let mut problems = Problems(d.0);
            push_disagreements(&mut problems, &report);
            return Err(problems);
        }
    }
    let mut yaml = convert::to_yaml(&converted).map_err(|e| {
        problem(
            &spec_shown,
            e,
            "report this: the model cannot write its value",
        )
    })?;
    let schema_ref = relative_path(&spec_dir, &root.join("spec/schema.json"));
    yaml[0].1 = service::write(&converted.service, &schema_ref, &service_shown)?;
    let mut files: Vec<(PathBuf, &str)> = yaml
        .iter()
        .map(|(file, text)| (spec_dir.join(file), text.as_str()))
        .collect();
    for (path, text, _) in &req.overlay {
        if !files.iter().any(|(p, _)| p == path) {
            files.push((path.clone(), text.as_str()));
        }
    }
    let mut writes: Vec<(PathBuf, &str)> = Vec::new();
    let mut shown = Vec::new();
    for (path, text) in files {
        let name = display(&root, &path);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text) {
            report.unchanged.push(name);
        } else {
            writes.push((path, text));
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

/// Where the page and the definition of one operation keep their types and enumerations.
struct Side<'a> {
    op: &'a OperationFile,
    service: Option<&'a ServiceFile>,
}

impl Side<'_> {
    fn ty(&self, name: &str) -> Option<&TypeDef> {
        (self.op.types.get(name)).or_else(|| self.service.and_then(|s| s.types.get(name)))
    }

    fn values(&self, name: &str) -> Option<BTreeSet<String>> {
        let e =
            (self.op.enums.get(name)).or_else(|| self.service.and_then(|s| s.enums.get(name)))?;
        Some(e.values.iter().map(|v| scalar(&v.value.value)).collect())
    }

    /// The objects of the operation: body fields (`request`, a status) and named types, each
    /// with the name its fields' overrides take (`fields: <name>.<field>`): the body's key for
    /// a body written out, the type's name for a body that is a type (a shared error body,
    /// `DbssError`), whose overrides are the type's.
    fn objects(&self) -> BTreeMap<String, (String, &[FieldDef])> {
        let mut out: BTreeMap<String, (String, &[FieldDef])> = BTreeMap::new();
        let bodies = (self
            .op
            .request
            .iter()
            .map(|r| ("request".to_owned(), &r.body)))
        .chain(
            (self.op.responses.iter())
                .filter_map(|(status, r)| Some((status.to_string(), r.body.as_ref()?))),
        );
        let mut seen = BTreeSet::new();
        for (key, b) in bodies {
            // A type that several bodies share is compared once, under the first status.
            if let Some(n) = body_type(b)
                && !seen.insert(n)
            {
                continue;
            }
            let named = || {
                let name = body_type(b).or_else(|| Some(b.name.as_ref()?.value.as_str()))?;
                Some((name.to_owned(), self.ty(name)?.fields.as_slice()))
            };
            if let Some(f) = b.fields.as_deref() {
                out.insert(key.clone(), (key, f));
            } else if let Some(f) = named() {
                out.insert(key, f);
            }
        }
        for (name, t) in &self.op.types {
            out.insert(name.clone(), (name.clone(), &t.fields));
        }
        out
    }
}

fn scalar(s: &Scalar) -> String {
    match s {
        Scalar::Int(i) => i.to_string(),
        Scalar::Str(s) => s.clone(),
    }
}

/// Constraints as JSON (`{"min_length":0,"max_length":32}`), or `none`.
fn limits(c: Option<&Constraints>) -> String {
    c.and_then(|c| serde_json::to_string(c).ok())
        .unwrap_or_else(|| "none".to_owned())
}

fn ty_text(t: &Parsed<TypeExpr>) -> String {
    t.parsed
        .as_ref()
        .map_or_else(|_| t.text.value.clone(), |e| format!("{e:?}"))
}

/// Every disagreement between the page's operation (`page`, kept) and the definition's
/// (`def`): one line each, naming the place, what each says, and the override that would
/// settle it in the page's overrides file (or that a decision is needed).
pub fn disagreements(
    page: &OperationFile,
    page_service: Option<&ServiceFile>,
    def: &OperationFile,
    def_service: &ServiceFile,
) -> Vec<String> {
    let p = Side {
        op: page,
        service: page_service,
    };
    let d = Side {
        op: def,
        service: Some(def_service),
    };
    let mut out = Vec::new();
    for (location, pt, dt) in [
        ("path", &page.parameters.path, &def.parameters.path),
        ("query", &page.parameters.query, &def.parameters.query),
        ("header", &page.parameters.header, &def.parameters.header),
    ] {
        let items = |t: &Option<ParamTable>| -> BTreeMap<String, ParamDef> {
            t.iter()
                .flat_map(|t| &t.items)
                .map(|i| (i.name.value.clone(), i.clone()))
                .collect()
        };
        let (pi, di) = (items(pt), items(dt));
        for (name, a) in &pi {
            let at = format!("{location}.{name}");
            let Some(b) = di.get(name) else {
                out.push(format!(
                    "{at}: the page has it, the definition does not (the page is kept)"
                ));
                continue;
            };
            leaf_disagrees(
                &at,
                [a.mandatory, b.mandatory],
                [&a.ty, &b.ty],
                [a.constraints.as_ref(), b.constraints.as_ref()],
                &mut out,
            );
        }
        for name in di.keys().filter(|n| !pi.contains_key(*n)) {
            out.push(format!(
                "{location}.{name}: the definition has it, the page does not (no override adds a parameter: a decision is needed)"
            ));
        }
    }
    let (po, dobj) = (p.objects(), d.objects());
    let mut compared = BTreeSet::new();
    for (object, (named, fields)) in &po {
        // A body that is a type and the type itself: compared once, under the type's name.
        if !compared.insert(named) {
            continue;
        }
        let Some(dfields) = dobj
            .get(object)
            .map(|(_, f)| *f)
            .or_else(|| d.ty(object).map(|t| t.fields.as_slice()))
        else {
            out.push(format!(
                "{object}: the page has this object, the definition has none of that name (the page is kept)"
            ));
            continue;
        };
        fields_disagree(named, fields, dfields, &p, &d, &mut out);
    }
    // The types the page shares in service.yaml, where the definitions have them too.
    let page_file = page.operation.source.page.rsplit('/').next().unwrap_or("");
    let prefix = format!("{page_file}: ");
    for (name, t) in page_service.iter().flat_map(|s| &s.types) {
        let a_body = (page.request.iter().map(|r| &r.body))
            .chain(page.responses.values().filter_map(|r| r.body.as_ref()))
            .any(|b| body_type(b) == Some(name.as_str()));
        if a_body || po.contains_key(name) || !t.tables.iter().any(|e| e.starts_with(&prefix)) {
            continue;
        }
        if let Some(dt) = def_service.types.get(name) {
            fields_disagree(name, &t.fields, &dt.fields, &p, &d, &mut out);
        }
    }
    for object in dobj
        .keys()
        .filter(|o| !po.contains_key(*o) && p.ty(o).is_none())
    {
        out.push(format!(
            "{object}: the definition has this object, the page has none of that name (the page is kept)"
        ));
    }
    out
}

/// `required`, type and constraints of one parameter or field: `[page, definition]` each.
fn leaf_disagrees(
    at: &str,
    required: [bool; 2],
    ty: [&Parsed<TypeExpr>; 2],
    constraints: [Option<&Constraints>; 2],
    out: &mut Vec<String>,
) {
    if required[0] != required[1] {
        out.push(format!(
            "{at}: required: page {}, definition {} (no override sets `required`: a decision is needed)",
            required[0], required[1]
        ));
    }
    if ty_text(ty[0]) != ty_text(ty[1]) {
        out.push(format!(
            "{at}: type: page {}, definition {} (settle with `fields: {at}: type:`)",
            ty[0].text.value, ty[1].text.value
        ));
    }
    if constraints[0] != constraints[1] {
        out.push(format!(
            "{at}: constraints: page {}, definition {} (settle with `fields: {at}: constraints:`)",
            limits(constraints[0]),
            limits(constraints[1])
        ));
    }
}

fn fields_disagree(
    object: &str,
    page: &[FieldDef],
    def: &[FieldDef],
    p: &Side<'_>,
    d: &Side<'_>,
    out: &mut Vec<String>,
) {
    for a in page {
        let at = format!("{object}.{}", a.name.value);
        let Some(b) = def.iter().find(|b| b.name.value == a.name.value) else {
            out.push(format!(
                "{at}: the page has it, the definition does not (the page is kept)"
            ));
            continue;
        };
        // No "Mandatory" column and `false` both mean optional.
        leaf_disagrees(
            &at,
            [a.mandatory.unwrap_or(false), b.mandatory.unwrap_or(false)],
            [&a.ty, &b.ty],
            [a.constraints.as_ref(), b.constraints.as_ref()],
            out,
        );
        let values = |s: &Side<'_>, f: &FieldDef| {
            f.enumeration
                .as_ref()
                .and_then(|e| s.values(&e.value))
                .unwrap_or_default()
        };
        let (pv, dv) = (values(p, a), values(d, b));
        let only_def: Vec<&String> = dv.difference(&pv).collect();
        let only_page: Vec<&String> = pv.difference(&dv).collect();
        if !only_def.is_empty() {
            out.push(format!(
                "{at}: enum values only the definition has: {only_def:?} (settle with `fields: {at}: add_values:`)"
            ));
        }
        if !only_page.is_empty() {
            out.push(format!(
                "{at}: enum values only the page has: {only_page:?} (the page is kept)"
            ));
        }
    }
    for b in def
        .iter()
        .filter(|b| !page.iter().any(|a| a.name.value == b.name.value))
    {
        out.push(format!(
            "{object}.{}: the definition has it, the page does not (no override adds a field: a decision is needed)",
            b.name.value
        ));
    }
}

/// The text of `path`: as a page import of the same command staged it, else as on disk.
fn read_staged(overlay: &[(PathBuf, String, String)], path: &Path) -> std::io::Result<String> {
    match overlay.iter().find(|(p, _, _)| p == path) {
        Some((_, text, _)) => Ok(text.clone()),
        None => std::fs::read_to_string(path),
    }
}

/// The type a body refers to (`DbssError object`), if it names one.
fn body_type(b: &BodyDef) -> Option<&str> {
    match b.ty.as_ref()?.parsed.as_ref() {
        Ok(TypeExpr::Named(n)) => Some(n),
        _ => None,
    }
}

/// The disagreements of `report`, as problems of a failed import (they are part of what the
/// user must settle).
fn push_disagreements(problems: &mut Problems, report: &Report) {
    for (file, lines) in &report.disagreements {
        for l in lines {
            problems.push(
                Problem::at_line(file, None, format!("disagrees with its definition: {l}"))
                    .help("the page's file is kept; settle it in the page's overrides"),
            );
        }
    }
}

/// The recorded decisions about a service's definitions (`overrides/definitions.yaml` in the
/// spec directory): what the definitions leave open.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Decisions {
    /// A definition name written in one shape but with different text by different files ->
    /// the file whose text is written.
    #[serde(default)]
    text_from: BTreeMap<String, String>,
}

/// Reads the decisions file at `path` (`shown` in messages); none is no decision.
fn read_decisions(path: &Path, shown: &str) -> Result<Decisions, Problems> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(Decisions::default());
    };
    crate::overrides::parse_decisions(
        &text,
        shown,
        "decisions",
        "the one key is `text_from: {DefinitionName: File.json}`",
    )
    .map_err(|p| Problems(vec![p]))
}
