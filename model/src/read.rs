//! Read: spec files from disk (or memory) into the types of [`crate::format`].
//!
//! A service directory holds `service.yaml` and one YAML file per operation. Every file is
//! read; every syntax or shape error is reported with its file, line and column.

use std::path::Path;

use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Diagnostics};
use crate::format::{OperationFile, ServiceFile};

/// A spec file's text and the name it is reported under.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// How diagnostics and generated headers name the file (`spec/dbss/list_instances.yaml`).
    pub display: String,
    /// The YAML text.
    pub text: String,
}

/// The files of one service, before parsing.
#[derive(Debug, Clone)]
pub struct SpecSource {
    /// How the directory is named in messages and generated headers (`spec/dbss`).
    pub dir_display: String,
    /// `service.yaml`.
    pub service: SourceFile,
    /// The operation files, sorted by name.
    pub operations: Vec<SourceFile>,
}

/// A parsed file and its name.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The file's display name.
    pub file: String,
    /// Its content.
    pub value: T,
}

/// A parsed service: `service.yaml` and its operations.
#[derive(Debug, Clone)]
pub struct SpecSet {
    /// How the directory is named.
    pub dir_display: String,
    /// `service.yaml`.
    pub service: Loaded<ServiceFile>,
    /// The operation files.
    pub operations: Vec<Loaded<OperationFile>>,
}

impl SpecSource {
    /// Reads `dir`: `service.yaml` and every other `*.yaml` / `*.yml` file in it (not below it).
    /// `dir_display` is how messages name the directory.
    pub fn from_dir(dir: &Path, dir_display: &str) -> Result<SpecSource, Diagnostics> {
        let mut problems = Diagnostics::default();
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(
                    Diagnostic::new(dir_display, "", format!("cannot read the spec directory: {e}"))
                        .help("pass a directory that holds service.yaml and the operation files (e.g. --spec spec/dbss)"),
                );
                return Err(problems);
            }
        };
        let mut names = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => {
                    let path = entry.path();
                    let is_yaml = matches!(
                        path.extension().and_then(|e| e.to_str()),
                        Some("yaml" | "yml")
                    );
                    if is_yaml && path.is_file() {
                        names.push(entry.file_name().to_string_lossy().into_owned());
                    }
                }
                Err(e) => problems.push(Diagnostic::new(
                    dir_display,
                    "",
                    format!("cannot list the spec directory: {e}"),
                )),
            }
        }
        names.sort();
        let mut service = None;
        let mut operations = Vec::new();
        for name in names {
            let display = format!("{dir_display}/{name}");
            let text = match std::fs::read_to_string(dir.join(&name)) {
                Ok(text) => text,
                Err(e) => {
                    problems.push(Diagnostic::new(
                        &display,
                        "",
                        format!("cannot read the file: {e}"),
                    ));
                    continue;
                }
            };
            let file = SourceFile { display, text };
            if name == "service.yaml" || name == "service.yml" {
                service = Some(file);
            } else {
                operations.push(file);
            }
        }
        let Some(service) = service else {
            problems.push(
                Diagnostic::new(dir_display, "", "no service.yaml in the spec directory")
                    .help("every service directory needs a service.yaml naming the service and its crate (see spec/README.md)"),
            );
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(SpecSource {
            dir_display: dir_display.to_owned(),
            service,
            operations,
        })
    }

    /// Parses every file; reports all syntax and shape errors of all files at once.
    pub fn parse(&self) -> Result<SpecSet, Diagnostics> {
        let mut problems = Diagnostics::default();
        let service = parse_file::<ServiceFile>(&self.service, "service", &mut problems);
        let parsed = crate::par::map(&self.operations, |f| {
            let mut local = Diagnostics::default();
            (
                parse_file::<OperationFile>(f, "operation", &mut local),
                local,
            )
        });
        let Some(parsed) = parsed else {
            problems.push(Diagnostic::new(
                &self.dir_display,
                "",
                "internal error: a thread reading the spec failed; please report this with the spec",
            ));
            return Err(problems);
        };
        let mut operations = Vec::with_capacity(parsed.len());
        for (file, local) in parsed {
            problems.0.extend(local.0);
            operations.extend(file);
        }
        match service {
            Some(service) if problems.is_empty() => Ok(SpecSet {
                dir_display: self.dir_display.clone(),
                service,
                operations,
            }),
            _ => Err(problems.sorted()),
        }
    }
}

fn parse_file<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    kind: &str,
    problems: &mut Diagnostics,
) -> Option<Loaded<T>> {
    let blank = file.text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    });
    if blank {
        let help = if kind == "service" {
            "service.yaml starts with `service:` (name, title, crate, version; see spec/README.md)"
        } else {
            "an operation file starts with `operation:` (see spec/README.md), or delete the file"
        };
        problems.push(
            Diagnostic::new(&file.display, "", "the file is empty (no YAML content)").help(help),
        );
        return None;
    }
    match serde_saphyr::from_str::<T>(&file.text) {
        Ok(value) => Some(Loaded {
            file: file.display.clone(),
            value,
        }),
        Err(e) => {
            problems.push(yaml_error(&file.display, &e));
            None
        }
    }
}

/// Turns a YAML reader error into a diagnostic with a line and column and no duplicated text.
fn yaml_error(file: &str, e: &serde_saphyr::Error) -> Diagnostic {
    let location = e.location().map(|l| (l.line(), l.column()));
    let mut message = e.without_snippet().to_string();
    // The reader appends the location; we print it in front instead.
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    let mut help = None;
    // The reader's wording names Rust types; say what the YAML should hold instead.
    let plain = [
        ("invalid boolean", "expected true or false"),
        ("invalid u64", "expected a whole number, 0 or more"),
        ("invalid u16", "expected a number such as 200"),
        ("invalid i64", "expected a whole number"),
        (
            "data did not match any variant of untagged enum Scalar",
            "expected a string or a whole number (64-bit)",
        ),
        (
            "expected mapping start",
            "expected a mapping (`key: value` lines) here",
        ),
        (
            "expected string scalar",
            "expected a string here (use a `|-` block for multi-line text)",
        ),
    ];
    if let Some((_, better)) = plain.iter().find(|(raw, _)| message == *raw) {
        message = (*better).to_owned();
    }
    if message.starts_with("multiple YAML documents detected") {
        message = "the file holds more than one YAML document".to_owned();
        help = Some(
            "a spec file is one document: remove the `---` separator, or split it into two files"
                .to_owned(),
        );
    }
    if let Some(dup) = message.strip_prefix("duplicate mapping key: ") {
        let key = dup
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(dup)
            .to_owned();
        message = format!("duplicate key '{key}'");
        help = Some(
            "each key may appear once in a mapping: merge the two entries or rename one".to_owned(),
        );
    } else if message.starts_with("unknown field") {
        help = Some(
            "check the spelling against spec/README.md (spec/schema.json gives editors completion)"
                .to_owned(),
        );
    }
    let mut d = Diagnostic::new(file, "", format!("YAML: {message}")).at(location);
    if let Some(help) = help {
        d = d.help(help);
    }
    d
}

/// Line and column of a spanned value, when the reader recorded it.
pub fn loc<T>(s: &Spanned<T>) -> Option<(u64, u64)> {
    let l = s.referenced;
    (l.line() > 0).then(|| (l.line(), l.column()))
}
