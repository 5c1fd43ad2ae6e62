//! The converted spec as YAML (through the model's serializer), as the generator's source,
//! and generated.

use super::*;

/// The spec as YAML files, through the model's serializer: `service.yaml` first, then the
/// operation files by name.
pub fn to_yaml(c: &Converted) -> Result<Vec<(String, String)>, String> {
    let mut out = vec![("service.yaml".to_owned(), yaml(&c.service)?)];
    for (name, op) in &c.operations {
        let made_from = format!(
            "Written by `cargo xtask import` from {}: change that (or the importer) and import again, not this file.",
            op.operation.source.page
        );
        out.push((name.clone(), yaml_with(op, &[made_from])?));
    }
    Ok(out)
}

/// One spec file as YAML, with the schema line.
fn yaml<T: serde::Serialize>(value: &T) -> Result<String, String> {
    yaml_with(value, &[])
}

/// One spec file as YAML, with the schema line and `comments` under it.
fn yaml_with<T: serde::Serialize>(value: &T, comments: &[String]) -> Result<String, String> {
    let mut lines = vec!["yaml-language-server: $schema=../schema.json".to_owned()];
    lines.extend_from_slice(comments);
    spec_model::write::to_yaml(&lines, value)
}

/// The spec files of `c` as the generator reads them, named under `dir_display`
/// (`spec/dbss`).
pub fn spec_source(c: &Converted, dir_display: &str) -> Result<SpecSource, String> {
    let mut service = None;
    let mut operations = Vec::new();
    for (file, text) in to_yaml(c)? {
        let f = SourceFile {
            display: format!("{dir_display}/{file}"),
            text,
        };
        if file == "service.yaml" {
            service = Some(f);
        } else {
            operations.push(f);
        }
    }
    Ok(SpecSource {
        dir_display: dir_display.to_owned(),
        service: service.ok_or("service.yaml was not written")?,
        operations,
    })
}

/// Generates the crate of `c`. An example the generator finds contradicting its schema (the
/// definitions disagree with themselves) is removed from `c` and listed as a finding, with
/// the generator's message, and generation runs again; every other problem fails.
pub fn generate(
    c: &mut Converted,
    dir_display: &str,
    options: &codegen::Options,
) -> Result<codegen::FileSet, Diagnostics> {
    let failed = |m: String| {
        let mut d = Diagnostics::default();
        d.push(Diagnostic::new(dir_display, "", m));
        d
    };
    // Examples are checked only once everything else is sound, all in one pass: one retry
    // is enough; a third round would mean a problem this loop does not remove.
    for _ in 0..2 {
        let source = spec_source(c, dir_display).map_err(failed)?;
        let problems = match codegen::generate(&source, options) {
            Ok(files) => return Ok(files),
            Err(d) => d,
        };
        let mut drops: BTreeMap<String, Vec<(bool, usize, String)>> = BTreeMap::new();
        for d in &problems.0 {
            let file = d
                .file
                .strip_prefix(&format!("{dir_display}/"))
                .unwrap_or(&d.file);
            match example_index(&d.path) {
                Some((request, i)) if c.operations.contains_key(file) => drops
                    .entry(file.to_owned())
                    .or_default()
                    .push((request, i, d.message.clone())),
                _ => return Err(problems),
            }
        }
        for (file, mut list) in drops {
            let op = c.operations.get_mut(&file).expect("checked above");
            let source = op
                .operation
                .source
                .page
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_owned();
            list.sort();
            list.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
            for (request, i, message) in list.into_iter().rev() {
                let which = if request { "requests" } else { "responses" };
                let removed = if request {
                    i < op.examples.requests.len() && {
                        op.examples.requests.remove(i);
                        true
                    }
                } else {
                    i < op.examples.responses.len() && {
                        op.examples.responses.remove(i);
                        true
                    }
                };
                if removed {
                    c.findings.push(Finding {
                        kind: FindingKind::ExampleDropped,
                        file: source.clone(),
                        json_path: format!("examples.{which}[{i}]"),
                        message: format!("example not written: {message}"),
                    });
                }
            }
        }
    }
    let source = spec_source(c, dir_display).map_err(failed)?;
    codegen::generate(&source, options)
}

/// `examples.responses[3].body` gives `(false, 3)`; `examples.requests[0]` `(true, 0)`.
fn example_index(path: &str) -> Option<(bool, usize)> {
    let rest = path.strip_prefix("examples.")?;
    let (which, rest) = rest.split_once('[')?;
    let i = rest.split_once(']')?.0.parse().ok()?;
    match which {
        "requests" => Some((true, i)),
        "responses" => Some((false, i)),
        _ => None,
    }
}
