//! The symbol table: every named table and enumeration of a service, wherever it is defined,
//! with its Rust name and its typed id in the IR, decided once before anything is lowered.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{EnumId, ModelId};
use crate::names::{self, Namespace};
use crate::read::SpecSet;
use crate::spec::{BodyDef, EnumDef, FieldDef, TypeDef};

/// A named table: a `types:` entry or an inline body.
#[derive(Debug, Clone)]
pub struct TypeEntry<'a> {
    /// Spec name.
    pub name: String,
    /// Rust name.
    pub rust: String,
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
    /// Spec name.
    pub name: &'a str,
    /// Rust name.
    pub rust: String,
    /// Spec file.
    pub file: &'a str,
    /// YAML path of the definition.
    pub path: String,
    /// The definition.
    pub def: &'a EnumDef,
}

/// All names of a service: definitions by spec name, ids in IR order.
#[derive(Debug, Default)]
pub struct Symbols<'a> {
    /// Named tables by spec name, with their id.
    pub types: BTreeMap<String, (ModelId, TypeEntry<'a>)>,
    /// Enumerations by spec name, with their id.
    pub enums: BTreeMap<&'a str, (EnumId, EnumEntry<'a>)>,
}

impl<'a> Symbols<'a> {
    /// Collects every definition, reports names defined twice and names that become one Rust
    /// name or file, and numbers them: models in Rust name order, enumerations in spec order.
    pub fn collect(set: &'a SpecSet, problems: &mut Diagnostics) -> Symbols<'a> {
        let mut types = Vec::new();
        let mut enums = Vec::new();
        let service = &set.service;
        let type_entry = |file: &'a str, name: &'a String, def: &'a TypeDef| TypeEntry {
            name: name.clone(),
            rust: names::type_name(name),
            file,
            path: format!("types.{name}"),
            fields: &def.fields,
            description: def.description.as_deref(),
            tables: &def.tables,
        };
        let enum_entry = |file: &'a str, name: &'a str, def: &'a EnumDef| EnumEntry {
            name,
            rust: names::type_name(name),
            file,
            path: format!("enums.{name}"),
            def,
        };
        types.extend((service.value.types.iter()).map(|(n, d)| type_entry(&service.file, n, d)));
        enums.extend((service.value.enums.iter()).map(|(n, d)| enum_entry(&service.file, n, d)));
        for op in &set.operations {
            let o = &op.value;
            let id = &o.operation.id.value;
            let bodies = (o.request.iter())
                .map(|r| (&r.body, None, "request.body".to_owned(), &r.table))
                .chain(o.responses.iter().filter_map(|(status, r)| {
                    let path = format!("responses.{status}.body");
                    Some((r.body.as_ref()?, Some(*status), path, &r.table))
                }));
            for (body, status, path, tables) in bodies {
                if let Some(fields) = &body.fields {
                    let name = body_name(body, id, status);
                    types.push(TypeEntry {
                        rust: names::type_name(&name),
                        name,
                        file: &op.file,
                        path,
                        fields,
                        description: None,
                        tables: tables.as_slice(),
                    });
                }
            }
            types.extend((o.types.iter()).map(|(n, d)| type_entry(&op.file, n, d)));
            enums.extend((o.enums.iter()).map(|(n, d)| enum_entry(&op.file, n, d)));
        }
        let mut kept_types: BTreeMap<String, TypeEntry<'a>> = BTreeMap::new();
        let mut kept_enums: BTreeMap<&'a str, EnumEntry<'a>> = BTreeMap::new();
        for entry in types {
            let same = kept_types
                .get(&entry.name)
                .map(|p| (p.file, p.path.as_str()));
            let other = kept_enums
                .get(entry.name.as_str())
                .map(|p| (p.file, p.path.as_str()));
            if keep(
                &entry.name,
                "type",
                (entry.file, &entry.path),
                same,
                other,
                problems,
            ) {
                kept_types.insert(entry.name.clone(), entry);
            }
        }
        for entry in enums {
            let same = kept_enums
                .get(entry.name)
                .map(|p| (p.file, p.path.as_str()));
            let other = kept_types
                .get(entry.name)
                .map(|p| (p.file, p.path.as_str()));
            if keep(
                entry.name,
                "enum",
                (entry.file, &entry.path),
                same,
                other,
                problems,
            ) {
                kept_enums.insert(entry.name, entry);
            }
        }
        // Rust names: a type and an enumeration share one namespace and one directory.
        let mut ns = Namespace::default();
        let mut modules = Namespace::default();
        let all = (kept_types
            .values()
            .map(|e| (e.name.as_str(), &e.rust, e.file, &e.path)))
        .chain(
            kept_enums
                .values()
                .map(|e| (e.name, &e.rust, e.file, &e.path)),
        );
        for (name, rust, file, path) in all {
            let module = names::module_name(rust);
            if let Err(other) = ns
                .claim(rust, name)
                .and_then(|()| modules.claim(&module, name))
                // A type and an enumeration of one name are reported above.
                && other != name
            {
                problems.push(
                    Diagnostic::new(
                        file,
                        path,
                        format!(
                            "'{name}' and '{other}' both become `{rust}` (file {module}.rs) in Rust"
                        ),
                    )
                    .help("rename one of them"),
                );
            }
        }
        let mut by_rust: Vec<(String, TypeEntry<'a>)> = kept_types.into_iter().collect();
        by_rust.sort_by(|(a, x), (b, y)| (&x.rust, a).cmp(&(&y.rust, b)));
        Symbols {
            types: (by_rust.into_iter().enumerate())
                .map(|(i, (n, e))| (n, (ModelId(i), e)))
                .collect(),
            enums: (kept_enums.into_iter().enumerate())
                .map(|(i, (n, e))| (n, (EnumId(i), e)))
                .collect(),
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
        closest(name, self.enums.keys().copied())
    }

    /// The tables in id order.
    pub fn types_in_order(&self) -> Vec<(ModelId, &TypeEntry<'a>)> {
        let mut v: Vec<_> = self.types.values().map(|(id, e)| (*id, e)).collect();
        v.sort_by_key(|(id, _)| *id);
        v
    }
}

/// The spec name of a body's type: its `name`, or the default.
pub fn body_name(body: &BodyDef, op_id: &str, status: Option<u16>) -> String {
    match &body.name {
        Some(n) => n.value.clone(),
        None => names::default_body_name(op_id, status),
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
