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
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if is_yaml && path.is_file() {
                        names.push(name);
                    } else if is_yaml {
                        // A directory, FIFO, device or dangling link named like a spec file is
                        // a mistake to report, not a file to skip (or to block on).
                        let what = match std::fs::metadata(&path) {
                            Ok(m) if m.is_dir() => "a directory".to_owned(),
                            Ok(_) => "not a regular file (a FIFO, socket or device?)".to_owned(),
                            Err(e) => format!("cannot be read: {e}"),
                        };
                        problems.push(
                            Diagnostic::new(&format!("{dir_display}/{name}"), "", format!("named like a spec file but {what}"))
                                .help("a spec file is a plain YAML file: replace it, or move it out of the spec directory"),
                        );
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
            if let Some(problem) = too_big(&dir.join(&name), &display) {
                problems.push(problem);
                continue;
            }
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
        // Each file is read and its sizes checked on its own thread; the sizes count only once
        // every file has been read.
        let (service, local, mut sizes) = parse_sized::<ServiceFile>(&self.service, "service");
        problems.0.extend(local.0);
        let Some(parsed) = crate::par::map(&self.operations, |f| {
            parse_sized::<OperationFile>(f, "operation")
        }) else {
            problems.push(Diagnostic::new(
                &self.dir_display,
                "",
                "internal error: a thread reading the spec failed; please report this with the spec",
            ));
            return Err(problems);
        };
        let mut operations = Vec::with_capacity(parsed.len());
        for (file, local, file_sizes) in parsed {
            problems.0.extend(local.0);
            sizes.0.extend(file_sizes.0);
            operations.extend(file);
        }
        match service {
            Some(service) if problems.is_empty() && sizes.is_empty() => Ok(SpecSet {
                dir_display: self.dir_display.clone(),
                service,
                operations,
            }),
            Some(_) if problems.is_empty() => Err(sizes.sorted()),
            _ => Err(problems.sorted()),
        }
    }
}

/// A file read, the problems of its reading, and the sizes in it over their limits.
fn parse_sized<T: serde::de::DeserializeOwned + serde::Serialize>(
    f: &SourceFile,
    kind: &str,
) -> (Option<Loaded<T>>, Diagnostics, Diagnostics) {
    let mut problems = Diagnostics::default();
    let file = parse_file(f, kind, &mut problems);
    let sizes = (file.as_ref()).map(|l: &Loaded<T>| limits::file(&l.file, &f.text, &l.value));
    (file, problems, sizes.unwrap_or_default())
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
    if file.text.len() > limits::MAX_FILE_BYTES {
        problems.push(file_too_big(&file.display, file.text.len() as u64));
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

/// A regular file of at most [`limits::MAX_FILE_BYTES`], or the problem with it (a FIFO, a
/// device or a huge file is never read).
fn too_big(path: &Path, display: &str) -> Option<Diagnostic> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => Some(
            Diagnostic::new(
                display,
                "",
                "not a regular file (a FIFO, socket or device?)",
            )
            .help(
                "a spec file is a plain YAML file: replace it or move it out of the spec directory",
            ),
        ),
        Ok(m) if m.len() > limits::MAX_FILE_BYTES as u64 => Some(file_too_big(display, m.len())),
        _ => None,
    }
}

fn file_too_big(display: &str, len: u64) -> Diagnostic {
    Diagnostic::new(
        display,
        "",
        format!(
            "the file is {len} bytes; a spec file may hold at most {} bytes",
            limits::MAX_FILE_BYTES
        ),
    )
    .help("split the operations into one file each (see spec/README.md, Limits)")
}

/// Sizes that reach generated code, and their checks: a name becomes an identifier, a text a
/// doc comment, a list a set of variants or fields; past these limits rustc (not the generator)
/// would run out of memory or time. The numbers are documented in spec/README.md (Limits).
pub mod limits {
    use serde_json::Value;

    use crate::diag::{Diagnostic, Diagnostics};

    /// Largest spec file read, in bytes.
    pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
    /// Longest name (type, enumeration, field, parameter, operation id, enumeration value,
    /// crate), in characters: each becomes a Rust identifier.
    pub const MAX_NAME_CHARS: usize = 128;
    /// Longest text (title, summary, description), in characters: each becomes documentation.
    pub const MAX_TEXT_CHARS: usize = 20_000;
    /// Most entries in one list or table (fields of a type, values of an enumeration,
    /// parameters, error codes, examples).
    pub const MAX_ENTRIES: usize = 5_000;
    /// Deepest nesting of mappings and lists in a file.
    pub const MAX_DEPTH: usize = 32;

    const NAME_KEYS: &[&str] = &["name", "id", "value", "rust_name", "crate", "enum"];
    const TEXT_KEYS: &[&str] = &["title", "summary", "description", "doc"];

    /// Every size over its limit in one file's `value`, named by file, line (found in `text`)
    /// and YAML path.
    pub fn file<T: serde::Serialize>(file: &str, text: &str, value: &T) -> Diagnostics {
        let mut out = Diagnostics::default();
        if let Ok(value) = serde_json::to_value(value) {
            walk(file, text, &value, "", None, 0, &mut out);
        }
        out
    }

    fn walk(
        file: &str,
        text: &str,
        v: &Value,
        path: &str,
        key: Option<&str>,
        depth: usize,
        out: &mut Diagnostics,
    ) {
        let problem = |what: String, needle: &str| {
            Diagnostic::new(file, path, what)
                .at(line_of(text, needle))
                .help("see the limits in spec/README.md; such a size is a mistake in the spec or the page it came from")
        };
        if depth > MAX_DEPTH {
            out.push(problem(
                format!("nested more than {MAX_DEPTH} levels deep"),
                "",
            ));
            return;
        }
        let entries = match v {
            Value::Array(items) => items.len(),
            Value::Object(map) => map.len(),
            _ => 0,
        };
        if entries > MAX_ENTRIES {
            let what = format!("{entries} entries; at most {MAX_ENTRIES} are allowed");
            return out.push(problem(what, ""));
        }
        let join = |k: &str| {
            if path.is_empty() {
                k.to_owned()
            } else {
                format!("{path}.{k}")
            }
        };
        match v {
            Value::String(s) => {
                let n = s.chars().count();
                let key = key.unwrap_or("");
                if NAME_KEYS.contains(&key) && n > MAX_NAME_CHARS {
                    out.push(problem(
                        format!(
                            "the {key} is {n} characters long; at most {MAX_NAME_CHARS} are allowed"
                        ),
                        s,
                    ));
                } else if TEXT_KEYS.contains(&key) && n > MAX_TEXT_CHARS {
                    out.push(problem(
                        format!(
                            "the {key} is {n} characters long; at most {MAX_TEXT_CHARS} are allowed"
                        ),
                        s,
                    ));
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let name = item
                        .get("name")
                        .or_else(|| item.get("value"))
                        .and_then(Value::as_str)
                        .filter(|n| n.chars().count() <= MAX_NAME_CHARS)
                        .map_or_else(|| i.to_string(), str::to_owned);
                    walk(file, text, item, &join(&name), key, depth + 1, out);
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    if k.chars().count() > MAX_NAME_CHARS {
                        out.push(
                            Diagnostic::new(
                                file,
                                path,
                                format!(
                                    "a key of {} characters; names have at most {MAX_NAME_CHARS}",
                                    k.chars().count()
                                ),
                            )
                            .at(line_of(text, k)),
                        );
                        continue;
                    }
                    walk(file, text, item, &join(k), Some(k), depth + 1, out);
                }
            }
            _ => {}
        }
    }

    /// The line where `needle` (its first 40 characters) first appears in `text`.
    fn line_of(text: &str, needle: &str) -> Option<(u64, u64)> {
        let head: String = needle.chars().take(40).collect();
        if head.is_empty() {
            return None;
        }
        let at = text.find(&head)?;
        Some((text[..at].matches('\n').count() as u64 + 1, 0))
    }
}
