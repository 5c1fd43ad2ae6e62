//! `service.yaml`: what an import may change there, and nothing else.
//!
//! The rule: a page owns, in `service.yaml`, the entries of `types.<T>.tables` that name it
//! (`"list-instances.txt: Table 8 ..."`) and, for a type no other page lists, the type's
//! fields. An import writes the types its overrides share, removes its entries from types it no
//! longer shares (and a type left with no entries at all), and refuses a shared type whose rows
//! differ from what other pages already share under that name. An error codes page owns the
//! `error_codes` section. The service, its endpoints, enumerations and the types of other
//! pages are kept as they are: the file is read into the spec model, changed there and written
//! whole by the model's writer (so comments of its own are not kept: the header says what the
//! file holds and where each part comes from).

use std::collections::BTreeMap;

use spec_model::{EnumDef, ServiceFile, ServiceInfo, TypeDef};

use crate::definitions::merge::is_page_entry;
use crate::out::{Field, TypeSpec, first_difference};
use crate::problem::{Problem, Problems};

/// Reads `service.yaml` (`text`, named `file` in messages), or starts one for the service
/// `name` titled `title` when there is none.
pub fn read_or_new(
    text: Option<&str>,
    file: &str,
    name: &str,
    title: &str,
) -> Result<ServiceFile, Problems> {
    let Some(text) = text else {
        return Ok(ServiceFile {
            service: ServiceInfo {
                name: name.to_owned(),
                title: title.to_owned(),
                crate_name: format!("huaweicloud-sdk-{name}"),
                version: "0.1.0".to_owned(),
            },
            types: Default::default(),
            enums: Default::default(),
            groups: Default::default(),
            error_codes: None,
            endpoints: None,
        });
    };
    serde_saphyr::from_str::<ServiceFile>(text).map_err(|e| {
        let line = e.location().map(|l| l.line() as usize).filter(|&l| l > 0);
        Problems(vec![Problem::at_line(
            file,
            line,
            format!("cannot read the service file: {}", e.without_snippet()),
        )])
    })
}

/// The text of `service.yaml`, under the schema line (`schema_ref`) and a line saying what the
/// file holds and who writes what.
pub fn write(svc: &ServiceFile, schema_ref: &str, file: &str) -> Result<String, Problems> {
    let comments = [
        format!("yaml-language-server: $schema={schema_ref}"),
        format!(
            "{}: the service file. `service` and `endpoints` are edited here; `types`, `enums` and `groups` (from the API Explorer definitions and the types the pages' overrides share) and `error_codes` (from the error codes page) are written by `cargo xtask import`: change those through their sources and overrides.",
            svc.service.name.to_uppercase()
        ),
    ];
    spec_model::write::to_yaml(&comments, svc)
        .map_err(|e| Problems(vec![Problem::at_line(file, None, e)]))
}

/// Sets the types of `page_file` in `svc` to `shared`. `file` names the service file in
/// messages.
pub fn update_types(
    svc: &mut ServiceFile,
    file: &str,
    page_file: &str,
    shared: &[TypeSpec],
    shared_enums: &BTreeMap<String, EnumDef>,
) -> Result<(), Problems> {
    let mut problems = Problems::default();
    update_enums(svc, file, page_file, shared_enums, &mut problems);
    let prefix = format!("{page_file}: ");
    let mine = |entry: &String| entry.starts_with(&prefix);
    // Types this page no longer shares: drop its entries (and a type left with none).
    svc.types.retain(|name, def| {
        if shared.iter().any(|s| &s.name == name) || !def.tables.iter().any(mine) {
            return true;
        }
        def.tables.retain(|t| !mine(t));
        !def.tables.is_empty()
    });
    for s in shared {
        let def = match svc.types.get(&s.name) {
            Some(def) => {
                // Other pages' entries; the definitions' give way to the page.
                let others: Vec<&String> = (def.tables.iter())
                    .filter(|t| !mine(t) && is_page_entry(t))
                    .collect();
                if !others.is_empty()
                    && let Some(row) = first_difference(&s.fields, &def.fields)
                {
                    problems.push(
                        Problem::at_line(
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
                // The page's entries where its first one was (or at the end).
                let mut tables: Vec<String> = Vec::new();
                let mut placed = false;
                for t in def.tables.iter().filter(|t| is_page_entry(t)) {
                    if !mine(t) {
                        tables.push(t.clone());
                    } else if !placed {
                        tables.extend(s.tables.iter().cloned());
                        placed = true;
                    }
                }
                if !placed {
                    tables.extend(s.tables.iter().cloned());
                }
                TypeDef {
                    description: (def.description.clone())
                        .filter(|_| !others.is_empty())
                        .or_else(|| s.description.clone()),
                    tables,
                    fields: if others.is_empty() {
                        s.fields.iter().map(Field::to_field).collect()
                    } else {
                        def.fields.clone()
                    },
                }
            }
            None => s.to_type(),
        };
        svc.types.insert(s.name.clone(), def);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Sets the enumerations `page_file` shares (those its shared types name) in `svc`: the
/// same rule as for types, with `sources` in place of `tables`. An enumeration that another
/// page shares under the name with other values is refused; one that only definitions wrote is
/// replaced (the page is the primary source).
fn update_enums(
    svc: &mut ServiceFile,
    file: &str,
    page_file: &str,
    shared: &BTreeMap<String, EnumDef>,
    problems: &mut Problems,
) {
    let prefix = format!("{page_file}: ");
    let mine = |entry: &String| entry.starts_with(&prefix);
    svc.enums.retain(|name, def| {
        if shared.contains_key(name) || !def.sources.iter().any(mine) {
            return true;
        }
        def.sources.retain(|t| !mine(t));
        !def.sources.is_empty()
    });
    for (name, e) in shared {
        let mut def = e.clone();
        let sources = std::mem::take(&mut def.sources);
        if let Some(old) = svc.enums.get(name) {
            let others: Vec<&String> = (old.sources.iter())
                .filter(|t| !mine(t) && is_page_entry(t))
                .collect();
            let values = |d: &spec_model::EnumDef| {
                d.values
                    .iter()
                    .map(|v| v.value.value.clone())
                    .collect::<Vec<_>>()
            };
            if !others.is_empty() {
                if values(old) != values(&def) {
                    problems.push(
                        Problem::at_line(
                            file,
                            None,
                            format!(
                                "enums.{}: the page's values differ from the enumeration other pages share under this name (listed by {})",
                                name,
                                others.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                            ),
                        )
                        .help("name the page's enumeration differently in its overrides (`fields: <Type>.<field>: enum: NAME`)"),
                    );
                    continue;
                }
                def = old.clone();
            }
            def.sources = others.into_iter().cloned().collect();
        }
        def.sources.extend(sources);
        svc.enums.insert(name.clone(), def);
    }
}
