//! The symbol table: every named table and enumeration of a service, wherever it is defined.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Diagnostics};
use crate::read::SpecSet;
use crate::spec::{BodyDef, EnumDef, FieldDef, OperationFile, TypeDef};

/// A named table: a `types:` entry or an inline body.
#[derive(Debug, Clone)]
pub struct TypeEntry<'a> {
    /// Spec file.
    pub file: &'a str,
    /// YAML path of the definition (`types.Cluster`, `responses.200.body`).
    pub path: String,
    /// Rows.
    pub fields: &'a [FieldDef],
    /// Description, if any.
    pub description: Option<&'a str>,
    /// Table captions.
    pub tables: &'a [String],
}

/// A named enumeration.
#[derive(Debug, Clone)]
pub struct EnumEntry<'a> {
    /// Spec file.
    pub file: &'a str,
    /// YAML path of the definition.
    pub path: String,
    /// The definition.
    pub def: &'a EnumDef,
}

/// All names of a service.
#[derive(Debug, Default)]
pub struct Symbols<'a> {
    /// Named tables by spec name.
    pub types: BTreeMap<String, TypeEntry<'a>>,
    /// Enumerations by spec name.
    pub enums: BTreeMap<String, EnumEntry<'a>>,
}

impl<'a> Symbols<'a> {
    /// Collects every definition; reports names defined twice.
    pub fn collect(set: &'a SpecSet, problems: &mut Diagnostics) -> Symbols<'a> {
        let mut syms = Symbols::default();
        let service = &set.service;
        for (name, def) in &service.value.types {
            syms.add_type(
                name,
                type_entry(&service.file, format!("types.{name}"), def),
                problems,
            );
        }
        for (name, def) in &service.value.enums {
            syms.add_enum(
                name,
                EnumEntry {
                    file: &service.file,
                    path: format!("enums.{name}"),
                    def,
                },
                problems,
            );
        }
        for op in &set.operations {
            let o: &OperationFile = &op.value;
            let id = &o.operation.id.value;
            if let Some(req) = &o.request {
                let path = "request.body".to_owned();
                if let Some(fields) = &req.body.fields {
                    let name = body_name(&req.body, id, None);
                    syms.add_type(
                        &name,
                        body_entry(&op.file, path, fields, req.table.as_slice()),
                        problems,
                    );
                }
            }
            for (status, resp) in &o.responses {
                let path = format!("responses.{status}.body");
                if let Some(body) = &resp.body
                    && let Some(fields) = &body.fields
                {
                    let name = body_name(body, id, Some(*status));
                    syms.add_type(
                        &name,
                        body_entry(&op.file, path, fields, resp.table.as_slice()),
                        problems,
                    );
                }
            }
            for (name, def) in &o.types {
                syms.add_type(
                    name,
                    type_entry(&op.file, format!("types.{name}"), def),
                    problems,
                );
            }
            for (name, def) in &o.enums {
                syms.add_enum(
                    name,
                    EnumEntry {
                        file: &op.file,
                        path: format!("enums.{name}"),
                        def,
                    },
                    problems,
                );
            }
        }
        syms
    }

    fn add_type(&mut self, name: &str, entry: TypeEntry<'a>, problems: &mut Diagnostics) {
        let same = self.types.get(name).map(|p| (p.file, p.path.as_str()));
        let other = self.enums.get(name).map(|p| (p.file, p.path.as_str()));
        if keep(
            name,
            "type",
            (entry.file, &entry.path),
            same,
            other,
            problems,
        ) {
            self.types.insert(name.to_owned(), entry);
        }
    }

    fn add_enum(&mut self, name: &str, entry: EnumEntry<'a>, problems: &mut Diagnostics) {
        let same = self.enums.get(name).map(|p| (p.file, p.path.as_str()));
        let other = self.types.get(name).map(|p| (p.file, p.path.as_str()));
        if keep(
            name,
            "enum",
            (entry.file, &entry.path),
            same,
            other,
            problems,
        ) {
            self.enums.insert(name.to_owned(), entry);
        }
    }

    /// The closest known type names to `name`, for "did you mean".
    pub fn suggest_type(&self, name: &str) -> Option<String> {
        let mut candidates: Vec<&str> = self.types.keys().map(String::as_str).collect();
        for p in crate::typeexpr::primitive_names() {
            candidates.push(p);
        }
        closest(name, candidates.into_iter())
    }

    /// The closest known enum names to `name`.
    pub fn suggest_enum(&self, name: &str) -> Option<String> {
        let candidates: Vec<&str> = self.enums.keys().map(String::as_str).collect();
        closest(name, candidates.into_iter())
    }
}

/// The spec name of a body's type: its `name`, or the default.
pub fn body_name(body: &BodyDef, op_id: &str, status: Option<u16>) -> String {
    body.name
        .as_ref()
        .map(|n| n.value.clone())
        .unwrap_or_else(|| crate::names::default_body_name(op_id, status))
}

fn type_entry<'a>(file: &'a str, path: String, def: &'a TypeDef) -> TypeEntry<'a> {
    TypeEntry {
        file,
        path,
        fields: &def.fields,
        description: def.description.as_deref(),
        tables: &def.tables,
    }
}

fn body_entry<'a>(
    file: &'a str,
    path: String,
    fields: &'a [FieldDef],
    tables: &'a [String],
) -> TypeEntry<'a> {
    TypeEntry {
        file,
        path,
        fields,
        description: None,
        tables,
    }
}

/// Reports a `what` (type or enum) named `name`, defined at `at`, that is also defined as the
/// same kind (`same`: the new one is dropped) or as the other kind (`other`: both are kept, so
/// references to either add no knock-on "unknown" errors). True when the new one is kept.
fn keep(
    name: &str,
    what: &str,
    at: (&str, &str),
    same: Option<(&str, &str)>,
    other: Option<(&str, &str)>,
    problems: &mut Diagnostics,
) -> bool {
    let Some((prev_file, prev_path)) = same.or(other) else {
        return true;
    };
    problems.push(Diagnostic::new(at.0, at.1, format!("duplicate {what} name '{name}': also defined at {prev_file}: {prev_path}"))
        .help("type and enum names are shared by the whole service: rename one, or define it once in service.yaml and refer to it"));
    same.is_none()
}

/// The candidate closest to `name` (a few edits away), for "did you mean".
pub fn closest<'b>(name: &str, candidates: impl Iterator<Item = &'b str>) -> Option<String> {
    candidates
        .map(|c| {
            (
                strsim::damerau_levenshtein(&name.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| c.to_owned())
}
