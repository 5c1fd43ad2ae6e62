//! `service.yaml`: what an import may change there, and nothing else.
//!
//! The rule: a page owns, in `service.yaml`, the entries of `types.<T>.tables` that name it
//! (`"list-instances.txt: Table 8 ..."`) and, for a type no other page lists, the type's
//! fields. An import writes the types its overrides share, removes its entries from types it no
//! longer shares (and a type left with no entries at all), and refuses a shared type whose rows
//! differ from what other pages already share under that name. An error codes page owns the
//! `error_codes` section. Every other line of the file (the service, enums, endpoints,
//! comments, types of other pages) is left as it is, byte for byte.

use codegen::spec::ServiceFile;

use crate::out::{Field, TypeSpec, type_block};
use crate::problem::{Problem, Problems};
use crate::yaml::Writer;

/// A new `service.yaml` for a service that has none.
pub fn new_file(name: &str, title: &str, schema_ref: &str) -> String {
    let mut w = Writer::new();
    w.raw(&format!("# yaml-language-server: $schema={schema_ref}"));
    w.raw(&format!(
        "# {title}: the service file, created by `cargo xtask import`; edit the service's title, crate and version here."
    ));
    w.key(0, "service");
    w.str(2, "name", name);
    w.str(2, "title", title);
    w.str(2, "crate", &format!("huaweicloud-sdk-{name}"));
    w.str(2, "version", "0.1.0");
    w.finish()
}

/// A top-level section of a YAML text: the index of its key line and the index after it.
fn section(lines: &[&str], key: &str) -> Option<(usize, usize)> {
    let start = lines.iter().position(|l| {
        l.strip_prefix(key)
            .and_then(|r| r.strip_prefix(':'))
            .is_some_and(|r| {
                r.trim().is_empty() || r.trim().starts_with('{') || r.trim().starts_with('#')
            })
    })?;
    let end = (start + 1..lines.len())
        .find(|&i| {
            let l = lines[i];
            !l.trim().is_empty() && !l.starts_with(' ')
        })
        .unwrap_or(lines.len());
    Some((start, end))
}

/// The blocks of a `types:` section body: (name, text), each text with the comment lines above
/// it and without trailing blank lines.
fn blocks(lines: &[&str]) -> Vec<(String, String)> {
    let mut out: Vec<(String, Vec<&str>)> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    for &l in lines {
        let indent = l.len() - l.trim_start().len();
        let t = l.trim();
        if t.is_empty() {
            if let Some((_, body)) = out.last_mut()
                && pending.is_empty()
            {
                body.push(l);
            }
            continue;
        }
        if indent <= 2 && t.starts_with('#') {
            pending.push(l);
            continue;
        }
        if indent == 2 && t.ends_with(':') {
            let name = t.trim_end_matches(':').trim().trim_matches('"').to_owned();
            let mut body: Vec<&str> = std::mem::take(&mut pending);
            body.push(l);
            out.push((name, body));
            continue;
        }
        if let Some((_, body)) = out.last_mut() {
            body.append(&mut pending);
            body.push(l);
        }
    }
    out.into_iter()
        .map(|(name, mut body)| {
            while body.last().is_some_and(|l| l.trim().is_empty()) {
                body.pop();
            }
            let mut text = body.join("\n");
            text.push('\n');
            (name, text)
        })
        .collect()
}

fn same_fields(a: &[Field], b: &[codegen::spec::FieldDef]) -> Option<usize> {
    let n = a.len().max(b.len());
    (0..n).find(|&i| match (a.get(i), b.get(i)) {
        (Some(x), Some(y)) => {
            x.name != y.name.value
                || x.mandatory != y.mandatory
                || x.ty != y.ty.as_str()
                || x.description != y.description
        }
        _ => true,
    })
}

/// `text` with the types of `page_file` set to `shared`. `file` names the service file in
/// messages.
pub fn update_types(
    text: &str,
    file: &str,
    page_file: &str,
    shared: &[TypeSpec],
) -> Result<String, Problems> {
    let mut problems = Problems::default();
    let parsed = serde_saphyr::from_str::<ServiceFile>(text).map_err(|e| {
        let line = e.location().map(|l| l.line() as usize).filter(|&l| l > 0);
        Problems(vec![Problem::new(
            file,
            line,
            format!("cannot read the service file: {}", e.without_snippet()),
        )])
    })?;
    let prefix = format!("{page_file}: ");
    let mine = |entry: &String| entry.starts_with(&prefix);
    let lines: Vec<&str> = text.lines().collect();
    let (head, body, tail, existing_section) = match section(&lines, "types") {
        Some((start, end)) => (&lines[..start], &lines[start + 1..end], &lines[end..], true),
        None => {
            // No types yet: they go after the `service:` section.
            let at = section(&lines, "service").map_or(lines.len(), |(_, end)| end);
            (&lines[..at], &lines[at..at], &lines[at..], false)
        }
    };
    let mut blocks = blocks(body);
    // Types this page no longer shares: drop its entries.
    for (name, def) in &parsed.types {
        if shared.iter().any(|s| &s.name == name) || !def.tables.iter().any(mine) {
            continue;
        }
        let rest: Vec<String> = def.tables.iter().filter(|t| !mine(t)).cloned().collect();
        let index = blocks.iter().position(|(n, _)| n == name);
        if rest.is_empty() {
            if let Some(i) = index {
                blocks.remove(i);
            }
        } else if let Some(i) = index {
            let t = TypeSpec {
                name: name.clone(),
                description: def.description.clone(),
                tables: rest,
                fields: fields_of(&def.fields),
                aliases: Vec::new(),
                numbers: Vec::new(),
            };
            blocks[i].1 = with_comments(&blocks[i].1, &type_block(&t));
        }
    }
    for s in shared {
        let block = match parsed.types.get(&s.name) {
            Some(def) => {
                let others: Vec<&String> = def.tables.iter().filter(|t| !mine(t)).collect();
                if !others.is_empty()
                    && let Some(row) = same_fields(&s.fields, &def.fields)
                {
                    problems.push(
                        Problem::new(
                            file,
                            None,
                            format!(
                                "types.{}: the page's table differs from the type other pages share under this name (row {}; listed by {})",
                                s.name,
                                row + 1,
                                others.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                            ),
                        )
                        .help("name the page's type differently in its overrides, or correct the page"),
                    );
                    continue;
                }
                let mut tables: Vec<String> = Vec::new();
                let mut placed = false;
                for t in &def.tables {
                    if mine(t) {
                        if !placed {
                            tables.extend(s.tables.iter().cloned());
                            placed = true;
                        }
                    } else {
                        tables.push(t.clone());
                    }
                }
                if !placed {
                    tables.extend(s.tables.iter().cloned());
                }
                let t = TypeSpec {
                    name: s.name.clone(),
                    description: def.description.clone().or_else(|| s.description.clone()),
                    tables,
                    fields: if others.is_empty() {
                        s.fields.clone()
                    } else {
                        fields_of(&def.fields)
                    },
                    aliases: Vec::new(),
                    numbers: Vec::new(),
                };
                type_block(&t)
            }
            None => type_block(s),
        };
        match blocks.iter().position(|(n, _)| *n == s.name) {
            Some(i) => blocks[i].1 = with_comments(&blocks[i].1, &block),
            None => blocks.push((s.name.clone(), block)),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out = String::new();
    for l in head {
        out.push_str(l);
        out.push('\n');
    }
    if !blocks.is_empty() {
        if !existing_section && !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str("types:\n");
        let texts: Vec<&str> = blocks.iter().map(|(_, t)| t.as_str()).collect();
        out.push_str(&texts.join("\n"));
        if !tail.is_empty() {
            out.push('\n');
        }
    }
    for l in tail {
        out.push_str(l);
        out.push('\n');
    }
    if !text.ends_with('\n') && out.ends_with('\n') && blocks.is_empty() {
        out.pop();
    }
    Ok(out)
}

/// `new` with the comment lines that opened `old`.
fn with_comments(old: &str, new: &str) -> String {
    let comments: String = old
        .lines()
        .take_while(|l| l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    format!("{comments}{new}")
}

fn fields_of(fields: &[codegen::spec::FieldDef]) -> Vec<Field> {
    fields
        .iter()
        .map(|f| Field {
            name: f.name.value.clone(),
            mandatory: f.mandatory,
            ty: f.ty.as_str().to_owned(),
            description: f.description.clone(),
            enumeration: f.enumeration.as_ref().map(|e| e.value.clone()),
            constraints: f
                .constraints
                .as_ref()
                .map(|c| crate::text::Limits {
                    min_length: c.min_length,
                    max_length: c.max_length,
                    minimum: c.minimum,
                    maximum: c.maximum,
                    min_items: c.min_items,
                    max_items: c.max_items,
                })
                .unwrap_or_default(),
            rust_name: f.rust_name.clone(),
            ..Field::default()
        })
        .collect()
}

/// `text` with its top-level `key` section replaced by `section` (a text starting with
/// `key:`), or with `section` added before `before` (or at the end).
pub fn replace_section(text: &str, key: &str, section_text: &str, before: &[&str]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let join = |ls: &[&str]| -> String { ls.iter().map(|l| format!("{l}\n")).collect() };
    match section(&lines, key) {
        Some((start, end)) => {
            let mut out = join(&lines[..start]);
            out.push_str(section_text);
            if end < lines.len() {
                out.push('\n');
                out.push_str(&join(&lines[end..]));
            }
            out
        }
        None => {
            let at = before
                .iter()
                .filter_map(|k| section(&lines, k).map(|(s, _)| s))
                .min()
                .unwrap_or(lines.len());
            let mut out = join(&lines[..at]);
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push('\n');
            }
            out.push_str(section_text);
            if at < lines.len() {
                out.push('\n');
                out.push_str(&join(&lines[at..]));
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_their_comments() {
        let text = "types:\n  # about A\n  A:\n    fields:\n      - name: a\n        description: |-\n          x\n\n          y\n\n  B:\n    fields: []\n";
        let lines: Vec<&str> = text.lines().collect();
        let b = blocks(&lines[1..]);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].0, "A");
        assert!(b[0].1.starts_with("  # about A\n  A:\n"));
        assert!(b[0].1.ends_with("          y\n"));
        assert_eq!(b[1].1, "  B:\n    fields: []\n");
    }
}
