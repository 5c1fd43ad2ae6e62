//! The importer: an API reference page, as a browser copies it (plain text, one table cell per
//! line), into the spec `cargo xtask codegen` reads (`spec/<service>/*.yaml`).
//!
//! Stages, each a module: [`page`] reads the page's structure (sections, captioned tables,
//! rows, examples, status codes) with the line of everything; [`build`] turns it into the spec,
//! with what descriptions say ([`text`]: the blocks of the newer template, enumerations,
//! length and range restrictions) and what a person decided ([`overrides`]: operation id, type
//! and body names, enumeration and value names, corrections, types shared in `service.yaml`);
//! [`out`] turns it into values of the spec model, which writes them
//! ([`spec_model::write`]); [`service`] updates only the parts of `service.yaml` the page owns; [`errorcodes`] reads the service's error
//! codes page. Before anything is written, the result is read back and run through the code
//! generator, so a page that imports also generates.
//!
//! A page that is cut or malformed yields no spec but [`Problems`] that say what is missing
//! and where (`page ends inside Table 3 (Request body parameters) at line 196`, `refers to
//! object SdmPolicy, which has no table`); with `partial`, what was read is written, marked
//! incomplete. No input makes the importer panic.

pub mod build;
pub mod definitions;
pub mod errorcodes;
pub mod out;
pub mod overrides;
pub mod page;
pub mod problem;
pub mod service;
pub mod text;

use std::path::{Path, PathBuf};

use spec_model::{EnumDef, SourceFile, SpecSource};

pub use build::Context;
pub use overrides::Overrides;
pub use problem::{Problem, Problems};

/// One import, in memory: the page and everything around it.
#[derive(Debug, Clone)]
pub struct Job {
    /// The page's text.
    pub page_text: String,
    /// Names, paths and the operation id.
    pub context: Context,
    /// The person's decisions.
    pub overrides: Overrides,
    /// The service's short name (`dbss`), for a new `service.yaml`.
    pub service_name: String,
    /// How messages name `service.yaml`.
    pub service_display: String,
    /// The current `service.yaml`, if there is one.
    pub service_text: Option<String>,
    /// How messages and generated headers name the spec directory.
    pub spec_dir_display: String,
    /// How messages name the operation file.
    pub operation_display: String,
    /// The other operation files of the service, for the generator's checks.
    pub others: Vec<SourceFile>,
    /// Write what was read of a cut or malformed page, marked incomplete.
    pub partial: bool,
    /// Skip running the generator on the result: the caller generates the whole spec
    /// directory once everything is imported (a page imported together with definitions).
    pub skip_generation: bool,
}

/// What an import produces.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The operation file.
    pub operation: String,
    /// The new `service.yaml` (`None`: leave it as it is).
    pub service: Option<String>,
    /// What the user should know.
    pub warnings: Vec<Problem>,
    /// The problems a partial import was written despite (empty for a complete one).
    pub incomplete: Problems,
}

/// Imports a page in memory. `Err` when the page is cut or malformed (unless `partial`), when
/// an override no longer matches, or when the result does not generate.
pub fn import(job: &Job) -> Result<Imported, Problems> {
    let decisions = page::Decisions {
        uri: job.overrides.uri.clone(),
        complete: job.overrides.complete,
        response_status: job.overrides.response_status,
        nested: job.overrides.nested.clone(),
        file: job.context.overrides_display.clone(),
    };
    let (page, mut problems) =
        page::read_with(&job.page_text, &job.context.page_display, &decisions);
    let built = build::build(&page, &job.overrides, &job.context, &mut problems);
    let mut op = built.op;
    op.paging.clone_from(&job.overrides.paging);
    if !problems.is_empty() {
        if !job.partial {
            return Err(problems);
        }
        // Partial: everything stays in the operation file; service.yaml is not touched.
        op.incomplete = problems
            .0
            .iter()
            .map(|p| {
                Problem {
                    help: None,
                    ..p.clone()
                }
                .to_string()
            })
            .collect();
        op.types.extend(built.shared);
        op.enums
            .extend((built.shared_enums.into_iter()).map(|(name, e)| {
                (
                    name,
                    EnumDef {
                        sources: vec![],
                        ..e
                    },
                )
            }));
        op.types
            .sort_by_key(|t| t.numbers.first().copied().unwrap_or(0));
        return Ok(Imported {
            operation: op.to_yaml().map_err(|e| one(&job.operation_display, e))?,
            service: None,
            warnings: built.warnings,
            incomplete: problems,
        });
    }
    let operation = op.to_yaml().map_err(|e| one(&job.operation_display, e))?;
    let title = page.breadcrumb.get(1).unwrap_or(&job.service_name);
    let mut svc = service::read_or_new(
        job.service_text.as_deref(),
        &job.service_display,
        &job.service_name,
        title,
    )?;
    service::update_types(
        &mut svc,
        &job.service_display,
        &job.context.page_file,
        &built.shared,
        &built.shared_enums,
    )?;
    let service_text = service::write(&svc, &job.context.schema_ref, &job.service_display)?;
    if !job.skip_generation {
        check_generates(job, &operation, &service_text, &built.example_origins)?;
    }
    let service =
        (job.service_text.as_deref() != Some(service_text.as_str())).then_some(service_text);
    Ok(Imported {
        operation,
        service,
        warnings: built.warnings,
        incomplete: Problems::default(),
    })
}

/// Reads the files back and runs the generator on them with the service's other operations.
fn check_generates(
    job: &Job,
    operation: &str,
    service_text: &str,
    example_origins: &[(usize, usize)],
) -> Result<(), Problems> {
    let mut operations: Vec<SourceFile> = job
        .others
        .iter()
        .filter(|f| f.display != job.operation_display)
        .cloned()
        .collect();
    operations.push(SourceFile {
        display: job.operation_display.clone(),
        text: operation.to_owned(),
    });
    operations.sort_by(|a, b| a.display.cmp(&b.display));
    let source = SpecSource {
        dir_display: job.spec_dir_display.clone(),
        service: SourceFile {
            display: job.service_display.clone(),
            text: service_text.to_owned(),
        },
        operations,
    };
    match codegen::generate(&source, &codegen::Options::default()) {
        Ok(_) => Ok(()),
        Err(diagnostics) => {
            let mut problems = Problems::default();
            problems.push(
                Problem::at_line(
                    &job.context.page_display,
                    None,
                    "the spec imported from this page does not pass the generator's checks",
                )
                .help("the generator's messages follow; correct the page or add overrides"),
            );
            for d in diagnostics.0 {
                let origin = contradicted_example(&d.path, &d.message)
                    .and_then(|i| example_origins.get(i).copied());
                problems.push(d);
                if let Some((n, line)) = origin {
                    // The page leaves open which is right, the example or its tables.
                    problems.push(
                        Problem::at_line(
                            &job.context.page_display,
                            Some(line),
                            format!("example response {n} contradicts the page's tables"),
                        )
                        .help(format!(
                            "if the tables are right and the example is not, leave it out with `drop_example_responses: [{n}]` in the page's overrides ({})",
                            job.context.overrides_display
                        )),
                    );
                }
            }
            Err(problems)
        }
    }
}

/// The index of the example response a generator message says contradicts its schema (at
/// `examples.responses[1].body`: `example contradicts the schema ...`).
fn contradicted_example(path: &str, message: &str) -> Option<usize> {
    let (index, _) = path.strip_prefix("examples.responses[")?.split_once(']')?;
    message.contains("contradicts").then_some(())?;
    index.parse().ok()
}

/// `cargo xtask import`'s arguments.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The page.
    pub page: PathBuf,
    /// The operation file to write (default `<spec dir>/<operation>.yaml`).
    pub out: Option<PathBuf>,
    /// The service's spec directory (default: `out`'s directory, else `spec/<service>`).
    pub spec_dir: Option<PathBuf>,
    /// The operation id (recorded in the overrides).
    pub operation_id: Option<String>,
    /// The service's short name (default: the page's directory under `spec/sources/`).
    pub service: Option<String>,
    /// The overrides file (default: the one in `<spec dir>/overrides/` naming the page).
    pub overrides: Option<PathBuf>,
    /// Write a partial spec of a cut or malformed page, marked incomplete.
    pub partial: bool,
    /// Compare instead of writing.
    pub check: bool,
    /// The workspace root.
    pub root: PathBuf,
    /// The directory relative paths are taken from.
    pub cwd: PathBuf,
}

/// What `run` did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Files written (or, with `check`, that would change).
    pub written: Vec<String>,
    /// Files already up to date.
    pub unchanged: Vec<String>,
    /// What the user should know.
    pub warnings: Vec<Problem>,
    /// Problems a partial import was written despite.
    pub incomplete: Problems,
}

pub use codegen::files::relative_path;
use codegen::files::{absolute, normalize};

pub(crate) fn display(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .map_or_else(|_| p.display().to_string(), |r| r.display().to_string())
}

fn one(file: &str, message: impl Into<String>) -> Problems {
    Problems(vec![Problem::at_line(file, None, message)])
}

fn read_text(path: &Path, shown: &str) -> Result<String, Problems> {
    // A FIFO would block the read, a device or a huge file would fill memory: refuse them.
    const MAX_BYTES: u64 = 16 * 1024 * 1024;
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return Err(one(shown, "a directory, not a file".to_owned())),
        Ok(m) if !m.is_file() => {
            return Err(one(
                shown,
                "not a regular file (a FIFO, socket or device?)".to_owned(),
            ));
        }
        Ok(m) if m.len() > MAX_BYTES => {
            return Err(one(
                shown,
                format!("{} bytes; at most {MAX_BYTES} are read", m.len()),
            ));
        }
        _ => {}
    }
    std::fs::read_to_string(path).map_err(|e| one(shown, format!("cannot read the file: {e}")))
}

/// The overrides file in `dir` whose `page` is `page_file`.
fn find_overrides(dir: &Path, page_file: &str) -> Result<Option<PathBuf>, Problems> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(None);
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        // The decisions about the API Explorer definitions, not about a page.
        .filter(|p| p.file_name().is_some_and(|n| n != "definitions.yaml"))
        .collect();
    paths.sort();
    for p in paths {
        let shown = p.display().to_string();
        let text = read_text(&p, &shown)?;
        let o = overrides::parse(&text, &shown).map_err(|e| Problems(vec![e]))?;
        if o.page.as_deref() == Some(page_file) {
            return Ok(Some(p));
        }
    }
    Ok(None)
}

/// Writes `text` to `path` unless it is there already; records what happened.
/// Records that `path` must hold `text`; nothing is written until [`commit`].
fn put(
    staged: &mut Vec<(PathBuf, String, String)>,
    path: &Path,
    text: &str,
    shown: String,
) -> Result<(), Problems> {
    staged.push((path.to_path_buf(), text.to_owned(), shown));
    Ok(())
}

/// Writes every staged file that changed, all or none (through temporary files and renames:
/// a directory where a file must go, or a file where a directory must go, leaves the spec as
/// it was). With `check`, only reports what would change.
fn commit(
    staged: Vec<(PathBuf, String, String)>,
    check: bool,
    report: &mut Report,
) -> Result<(), Problems> {
    let mut writes = Vec::new();
    let mut shown_all = Vec::new();
    for (path, text, shown) in &staged {
        if std::fs::read_to_string(path).ok().as_deref() == Some(text.as_str()) {
            report.unchanged.push(shown.clone());
        } else {
            writes.push((path.clone(), text.as_str()));
            shown_all.push(shown.clone());
        }
    }
    if !check {
        codegen::files::replace_all(&writes).map_err(|e| {
            let first = shown_all.first().map_or("", String::as_str);
            one(first, format!("cannot write the spec: {e}"))
        })?;
    }
    report.written.extend(shown_all);
    Ok(())
}

/// `cargo xtask import`: reads the page, its overrides and the service's spec directory, and
/// writes the operation file and `service.yaml` (only where they change). Nothing is written
/// when anything is wrong.
pub fn run(req: &Request) -> Result<Report, Problems> {
    let (mut report, staged) = stage(req, false)?;
    commit(staged, req.check, &mut report)?;
    Ok(report)
}

/// Files an import would write: (path, text, how messages name it).
pub type Staged = Vec<(PathBuf, String, String)>;

/// The import of `run`, in memory: what it would write. With `with_definitions`, the page is
/// imported into the directory as the definitions of the same command will leave it: the
/// generator runs once over the whole directory, after them.
pub fn stage(req: &Request, with_definitions: bool) -> Result<(Report, Staged), Problems> {
    let root = normalize(&req.root);
    let page_path = absolute(&req.cwd, &req.page);
    let page_shown = display(&root, &page_path);
    let page_text = read_text(&page_path, &page_shown)?;
    let page_file = page_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let out = req.out.as_ref().map(|o| absolute(&req.cwd, o));
    let given_dir = req.spec_dir.as_ref().map(|d| absolute(&req.cwd, d));
    let sources = root.join("spec/sources");
    let service_name = match (&req.service, &out) {
        (None, None) if given_dir.is_some() => given_dir
            .as_ref()
            .and_then(|d| d.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        (Some(s), _) => s.clone(),
        (None, _) if page_path.starts_with(&sources) => page_path
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        (None, Some(o)) => o
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        (None, None) => {
            return Err(Problems(vec![
                Problem::at_line(
                    &page_shown,
                    None,
                    "cannot tell which service the page is of",
                )
                .help("pass --service NAME (the spec goes to spec/NAME/), or --out FILE"),
            ]));
        }
    };
    let spec_dir = match (&out, given_dir) {
        (Some(o), _) => o.parent().map_or_else(|| root.clone(), Path::to_path_buf),
        (None, Some(d)) => d,
        (None, None) => root.join("spec").join(&service_name),
    };
    let service_path = spec_dir.join("service.yaml");
    let service_shown = display(&root, &service_path);
    let service_text = if service_path.is_file() {
        Some(read_text(&service_path, &service_shown)?)
    } else {
        None
    };
    let schema_ref = relative_path(&spec_dir, &root.join("spec/schema.json"));
    let mut report = Report::default();
    let mut staged = Vec::new();

    if errorcodes::is_error_codes_page(&page_text) {
        let page = errorcodes::read(&page_text, &page_shown)?;
        let title = page.breadcrumb.get(1).unwrap_or(&service_name);
        let mut svc = service::read_or_new(
            service_text.as_deref(),
            &service_shown,
            &service_name,
            title,
        )?;
        svc.error_codes = Some(errorcodes::section(
            &page,
            &relative_path(&spec_dir, &page_path),
        ));
        let text = service::write(&svc, &schema_ref, &service_shown)?;
        put(&mut staged, &service_path, &text, service_shown)?;
        return Ok((report, staged));
    }

    // Overrides and the operation id.
    let overrides_dir = spec_dir.join("overrides");
    let overrides_path = match &req.overrides {
        Some(p) => Some(absolute(&req.cwd, p)),
        None => find_overrides(&overrides_dir, &page_file)?,
    };
    let (mut ov, overrides_text) = match &overrides_path {
        Some(p) => {
            let shown = display(&root, p);
            let text = read_text(p, &shown)?;
            (
                overrides::parse(&text, &shown).map_err(|e| Problems(vec![e]))?,
                Some(text),
            )
        }
        None => (Overrides::default(), None),
    };
    let id = match (&ov.operation_id, &req.operation_id) {
        (Some(a), Some(b)) if a != b => {
            let shown = overrides_path
                .as_ref()
                .map_or_else(String::new, |p| display(&root, p));
            return Err(Problems(vec![
                Problem::at_line(
                    &shown,
                    None,
                    format!("operation_id: the overrides say {a}, --operation-id says {b}"),
                )
                .help(
                    "an operation id is a recorded decision: edit the overrides file to change it",
                ),
            ]));
        }
        (Some(a), _) => a.clone(),
        (None, Some(b)) => b.clone(),
        (None, None) => {
            return Err(Problems(vec![
                Problem::at_line(&page_shown, None, "no operation id: the page does not give one")
                    .help("pass --operation-id Id (UpperCamelCase, as the official SDKs name the operation, e.g. ListInstances); it is recorded in the page's overrides file"),
            ]));
        }
    };
    ov.operation_id = Some(id.clone());
    let module = spec_model::names::module_name(&id);
    let out_path = out.unwrap_or_else(|| spec_dir.join(format!("{module}.yaml")));
    let overrides_path =
        overrides_path.unwrap_or_else(|| overrides_dir.join(format!("{module}.yaml")));
    let overrides_shown = display(&root, &overrides_path);
    let out_dir = out_path
        .parent()
        .map_or_else(|| root.clone(), Path::to_path_buf);
    let operation_shown = display(&root, &out_path);

    // The other operation files, for the generator's checks.
    let mut others = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&spec_dir) {
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.is_file()
                    && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
                    && p.file_stem().is_some_and(|s| s != "service")
                    && *p != out_path
            })
            .collect();
        paths.sort();
        for p in paths {
            let shown = display(&root, &p);
            others.push(SourceFile {
                text: read_text(&p, &shown)?,
                display: shown,
            });
        }
    }

    let job = Job {
        page_text,
        context: Context {
            page_file: page_file.clone(),
            page_display: page_shown,
            page_ref: relative_path(&out_dir, &page_path),
            schema_ref: relative_path(&out_dir, &root.join("spec/schema.json")),
            overrides_display: overrides_shown.clone(),
            overrides_ref: relative_path(&out_dir, &overrides_path),
            operation_id: id.clone(),
        },
        overrides: ov,
        service_name,
        service_display: service_shown.clone(),
        service_text,
        spec_dir_display: display(&root, &spec_dir),
        operation_display: operation_shown.clone(),
        others,
        partial: req.partial,
        skip_generation: with_definitions,
    };
    let imported = import(&job)?;
    report.warnings = imported.warnings;
    report.incomplete = imported.incomplete;
    put(&mut staged, &out_path, &imported.operation, operation_shown)?;
    if let Some(s) = &imported.service {
        put(&mut staged, &service_path, s, service_shown)?;
    }
    // Record the operation id given on the command line.
    let recorded = match &overrides_text {
        None => Some(overrides::new_file(&page_file, &id)),
        Some(text) if !text.lines().any(|l| l.starts_with("operation_id:")) => {
            Some(overrides::with_operation_id(text, &id))
        }
        Some(_) => None,
    };
    if let Some(text) = recorded {
        put(&mut staged, &overrides_path, &text, overrides_shown)?;
    }
    Ok((report, staged))
}
