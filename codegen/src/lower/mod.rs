//! Stage 2, lower: a parsed spec into the [`Ir`] in one walk that reports every problem as it
//! meets it.
//!
//! The symbol table ([`symbols`]) first names every table and enumeration and gives it its
//! typed id; then each table, enumeration and operation is checked and lowered at once (a type
//! leaf is looked up once, into a [`Ty`]; the path template becomes [`PathPart`]s where it is
//! checked). Examples are checked last, against the lowered types, and only once the schema is
//! sound: checking them against a broken one gives knock-on errors that hide the real ones.

mod examples;
mod marks;
mod operation;
mod service;
mod symbols;
mod types;

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::*;
use crate::read::SpecSet;
use symbols::Symbols;

/// Checks a parsed spec and lowers it into the IR; every problem found, sorted, otherwise.
pub fn lower(set: &SpecSet) -> Result<Ir, Diagnostics> {
    let mut out = Diagnostics::default();
    let syms = Symbols::collect(set, &mut out);
    let tables = syms.types_in_order();
    let mut l = Lowerer {
        model_names: tables.iter().map(|(_, e)| e.name.clone()).collect(),
        enums: syms.enums.values().map(|(_, e)| e).collect(),
        enum_scalars: (syms.enums.values())
            .map(|(_, e)| match e.def.ty.ok() {
                Some(spec_model::EnumKind::Integer) => Ty::I32,
                Some(spec_model::EnumKind::Long) => Ty::I64,
                Some(spec_model::EnumKind::String) | None => Ty::String,
            })
            .collect(),
        syms: &syms,
        out,
        broken: Default::default(),
    };
    let svc = l.service(set);
    let mut models: Vec<Model> = tables.into_iter().map(|(id, e)| l.model(id, e)).collect();
    let enums: Vec<Option<Enum>> = syms.enums.values().map(|(_, e)| l.enumeration(e)).collect();
    let operations: Vec<Option<Operation>> = (set.operations.iter())
        .map(|op| l.operation(op, &models))
        .collect();
    l.operation_ids(set);
    if l.out.is_empty() {
        for (spec, op) in set.operations.iter().zip(&operations) {
            if let Some(op) = op {
                l.examples(spec, op, &models);
            }
        }
    }
    let (Some(mut enums), Some(mut operations), true) = (
        enums.into_iter().collect::<Option<Vec<_>>>(),
        operations.into_iter().collect::<Option<Vec<_>>>(),
        l.out.is_empty(),
    ) else {
        return Err(l.out.sorted());
    };
    operations.sort_by(|a, b| a.id.cmp(&b.id));
    marks::mark_boxed(&mut models);
    marks::mark_validated(&mut models, &operations);
    marks::mark_error_bodies(&mut models, &operations);
    marks::mark_features(&mut models, &mut enums, &operations);
    Ok(Ir {
        models,
        enums,
        operations,
        ..svc
    })
}

/// The walk's state: the symbol table, what the types are called in messages, the problems.
struct Lowerer<'s, 'a> {
    syms: &'s Symbols<'a>,
    out: Diagnostics,
    /// Spec names of the tables, by [`ModelId`].
    model_names: Vec<String>,
    /// The enumerations, by [`EnumId`].
    enums: Vec<&'s symbols::EnumEntry<'a>>,
    /// The scalar each enumeration stands for (`String`, `i32`, `i64`), by [`EnumId`].
    enum_scalars: Vec<Ty>,
    /// Fields whose type did not lower (reported where written): a path through them says
    /// nothing more.
    broken: std::collections::BTreeSet<(ModelId, String)>,
}

impl Lowerer<'_, '_> {
    /// The page's word for a lowered type, for messages (`Array of Cluster object`).
    fn describe(&self, ty: &Ty) -> String {
        match ty {
            Ty::String => "String".into(),
            Ty::I32 => "Integer".into(),
            Ty::I64 => "Long".into(),
            Ty::F32 => "Float".into(),
            Ty::F64 => "Double".into(),
            Ty::Bool => "Boolean".into(),
            Ty::Json => "Object".into(),
            Ty::Bytes => "bytes".into(),
            Ty::Model(id) => format!("{} object", self.model_names[id.0]),
            Ty::Enum(id) => self.describe(&self.enum_scalars[id.0]),
            Ty::Vec(i) => format!("Array of {}", self.describe(i)),
            Ty::Map(i) => format!("Map<String,{}>", self.describe(i)),
        }
    }

    /// The scalar an enumeration stands for; any other type as it is.
    fn scalar<'t>(&'t self, ty: &'t Ty) -> &'t Ty {
        match ty {
            Ty::Enum(id) => &self.enum_scalars[id.0],
            other => other,
        }
    }
}

fn is_upper_camel(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

fn push_para(d: &mut Vec<String>, line: String) {
    if !d.is_empty() {
        d.push(String::new());
    }
    d.push(line);
}

fn collision(file: &str, path: &str, wire: &str, other: &str, rust: &str) -> Diagnostic {
    Diagnostic::new(
        file,
        path,
        format!("'{wire}' and '{other}' both become `{rust}` in Rust"),
    )
    .help(format!(
        "give one of them a `rust_name` (for example `rust_name: {rust}_2`)"
    ))
}
