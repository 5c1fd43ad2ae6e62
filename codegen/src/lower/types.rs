//! Type leaves, tables and enumerations: each checked and lowered in one step.

use std::collections::BTreeSet;

use super::symbols::{EnumEntry, TypeEntry};
use super::{Lowerer, collision, is_upper_camel, push_para};
use crate::diag::{Diagnostic, Diagnostics};
use crate::docs;
use crate::ir::*;
use crate::names::{self, Namespace};
use crate::read::loc;
use crate::spec::{Constraints, FieldDef, Scalar, SpannedStr};
use crate::typeexpr::TypeExpr;
use spec_model::{EnumKind, Parsed};

/// A type leaf, lowered: the type as written (`plain`), and with its enumeration in place of
/// the scalar (`ty`: `None` when the enumeration is unknown or does not fit).
pub(super) struct Leaf {
    pub plain: Ty,
    pub ty: Option<Ty>,
    pub enumeration: Option<EnumId>,
}

impl Lowerer<'_, '_> {
    /// Lowers a type leaf and the `enum:` attached to it; reports what does not parse, a name
    /// that is no table, an unknown enumeration and one of the wrong kind. `None` when the type
    /// itself does not lower.
    pub(super) fn leaf(
        &mut self,
        file: &str,
        path: &str,
        leaf: &Parsed<TypeExpr>,
        enumeration: Option<&SpannedStr>,
    ) -> Option<Leaf> {
        let plain = match &leaf.parsed {
            Ok(t) => self.expr(file, path, leaf.loc(), t),
            Err(e) => {
                self.out.push(Diagnostic::new(file, path, e).at(leaf.loc()));
                None
            }
        };
        let id = enumeration.and_then(|e| self.enum_ref(file, path, e, plain.as_ref()));
        let plain = plain?;
        let ty = match (enumeration, id) {
            (None, _) => Some(plain.clone()),
            (Some(_), None) => None,
            (Some(_), Some(id)) => Some(match &plain {
                Ty::Vec(_) => Ty::Vec(Box::new(Ty::Enum(id))),
                _ => Ty::Enum(id),
            }),
        };
        Some(Leaf {
            plain,
            ty,
            enumeration: id,
        })
    }

    /// A parsed type expression in Rust terms; a name that is no table is reported here.
    fn expr(&mut self, file: &str, path: &str, at: Option<(u64, u64)>, t: &TypeExpr) -> Option<Ty> {
        Some(match t {
            TypeExpr::String => Ty::String,
            TypeExpr::Integer => Ty::I32,
            TypeExpr::Long => Ty::I64,
            TypeExpr::Float => Ty::F32,
            TypeExpr::Double => Ty::F64,
            TypeExpr::Boolean => Ty::Bool,
            TypeExpr::Json => Ty::Json,
            TypeExpr::Array(inner) => Ty::Vec(Box::new(self.expr(file, path, at, inner)?)),
            TypeExpr::Map(inner) => Ty::Map(Box::new(self.expr(file, path, at, inner)?)),
            TypeExpr::Named(name) => match self.syms.types.get(name) {
                Some((id, _)) => Ty::Model(*id),
                None => {
                    let d = Diagnostic::new(file, path, format!("unknown type '{name}'")).at(at);
                    let help = if self.syms.enums.contains_key(name.as_str()) {
                        format!(
                            "'{name}' is an enumeration: give the field the page's type (String or Integer) and `enum: {name}`"
                        )
                    } else if let Some(s) = self.syms.suggest_type(name) {
                        format!("did you mean '{s}'?")
                    } else {
                        format!("define '{name}' under `types:` in this file or in service.yaml")
                    };
                    self.out.push(d.help(help));
                    return None;
                }
            },
        })
    }

    /// An `enum:` reference: its id when it names an enumeration whose kind fits `ty` (the
    /// lowered type it is attached to, when that lowered).
    fn enum_ref(
        &mut self,
        file: &str,
        path: &str,
        name: &SpannedStr,
        ty: Option<&Ty>,
    ) -> Option<EnumId> {
        let Some((id, entry)) = self.syms.enums.get(name.value.as_str()) else {
            let d =
                Diagnostic::new(file, path, format!("unknown enum '{}'", name.value)).at(loc(name));
            self.out.push(match self.syms.suggest_enum(&name.value) {
                Some(s) => d.help(format!("did you mean '{s}'?")),
                None => d.help("define it under `enums:` in this file or in service.yaml"),
            });
            return None;
        };
        let ty = ty?;
        let scalar = match ty {
            Ty::Vec(inner) => inner.as_ref(),
            other => other,
        };
        let fits = match entry.def.ty.ok() {
            Some(EnumKind::String) => *scalar == Ty::String,
            Some(EnumKind::Integer | EnumKind::Long) => matches!(scalar, Ty::I32 | Ty::I64),
            None => true, // reported with the enumeration
        };
        if !fits {
            self.out.push(
                Diagnostic::new(
                    file,
                    path,
                    format!(
                        "enum '{}' holds {} values but the field is {}",
                        name.value,
                        entry.def.ty.as_str(),
                        self.describe(ty)
                    ),
                )
                .at(loc(name)),
            );
            return None;
        }
        Some(*id)
    }

    /// A table: its name, its rows (each once, each with a Rust name of its own), lowered.
    pub(super) fn model(&mut self, id: ModelId, entry: &TypeEntry<'_>) -> Model {
        let (name, file) = (entry.name.as_str(), entry.file);
        if !names::is_identifier(&entry.rust) || !is_upper_camel(name) {
            self.out.push(Diagnostic::new(
                file,
                &entry.path,
                format!(
                    "type name '{name}' must be UpperCamelCase, like Cluster or ResponseServer"
                ),
            ));
        }
        let rust = entry.rust.clone();
        let mut docs_lines = entry.description.map(docs::from_page).unwrap_or_default();
        if docs_lines.is_empty() {
            docs_lines.push(format!(
                "The `{}` table of the API reference.",
                docs::escape_line(name)
            ));
        }
        if !entry.tables.is_empty() {
            docs_lines.push(String::new());
            docs_lines.push(format!(
                "Encodes: {}.",
                docs::escape_line(&entry.tables.join("; "))
            ));
        }
        let mut seen = BTreeSet::new();
        let mut ns = Namespace::default();
        let mut fields = Vec::new();
        for f in entry.fields {
            let wire = f.name.value.as_str();
            let path = format!("{}.{wire}", entry.path);
            if wire.trim().is_empty() {
                self.out.push(
                    Diagnostic::new(file, &entry.path, "a field has an empty name")
                        .at(loc(&f.name)),
                );
                continue;
            }
            if !seen.insert(wire) {
                self.out.push(
                    Diagnostic::new(file, &path, format!("duplicate field '{wire}'"))
                        .at(loc(&f.name))
                        .help(
                            "each row of a table names a different field: remove the repeated row",
                        ),
                );
                continue;
            }
            let leaf = self.leaf(file, &path, &f.ty, f.enumeration.as_ref());
            if let (Some(c), Some(leaf)) = (&f.constraints, &leaf) {
                self.constraints(file, &path, c, &leaf.plain, loc(&f.name));
            }
            if let Some(r) = &f.rust_name {
                check_rust_name(file, &path, r, &mut self.out);
            }
            let field_name = (f.rust_name.clone()).unwrap_or_else(|| names::field_name(wire));
            if let Err(other) = ns.claim(&field_name, wire) {
                self.out
                    .push(collision(file, &path, wire, &other, &field_name).at(loc(&f.name)));
            }
            match leaf {
                Some(Leaf {
                    ty: Some(ty),
                    enumeration,
                    ..
                }) => fields.push(self.field(f, field_name, ty, enumeration)),
                _ => {
                    self.broken.insert((id, wire.to_owned()));
                }
            }
        }
        Model {
            module: names::module_name(&rust),
            name: rust,
            file: file.to_owned(),
            docs: docs_lines,
            fields,
            validate: false,
            error_body: None,
            features: Vec::new(),
        }
    }

    fn field(&self, f: &FieldDef, name: String, ty: Ty, enumeration: Option<EnumId>) -> Field {
        let mut d = docs::from_page(&f.description);
        if f.mandatory == Some(true) {
            push_para(&mut d, "Mandatory in the API reference.".to_owned());
        }
        if let Some(id) = enumeration {
            let e = &self.enums[id.0].rust;
            push_para(
                &mut d,
                format!("Documented values: [`{e}`](crate::models::{e})."),
            );
        }
        Field {
            wire: f.name.value.clone(),
            name,
            ty,
            docs: d,
            mandatory: f.mandatory,
            constraints: f.constraints.clone().unwrap_or_default(),
            boxed: false,
        }
    }

    /// An enumeration: its name, kind and values (each of the kind, once, with a variant name of
    /// its own), lowered. `None` when its kind does not parse (reported).
    pub(super) fn enumeration(&mut self, entry: &EnumEntry<'_>) -> Option<Enum> {
        let (name, file, base, def) = (entry.name, entry.file, entry.path.as_str(), entry.def);
        if !is_upper_camel(name) {
            self.out.push(Diagnostic::new(
                file,
                base,
                format!("enum name '{name}' must be UpperCamelCase, like ChargeModel"),
            ));
        }
        let kind = match &def.ty.parsed {
            Ok(kind) => *kind,
            Err(e) => {
                self.out
                    .push(Diagnostic::new(file, format!("{base}.type"), e).at(def.ty.loc()));
                return None;
            }
        };
        let is_int = kind.is_integer();
        if def.values.is_empty() {
            self.out.push(Diagnostic::new(
                file,
                base,
                "an enumeration needs at least one value",
            ));
        }
        let rust = entry.rust.clone();
        let mut seen = BTreeSet::new();
        let mut ns = Namespace::default();
        let mut variants = Vec::new();
        for (i, v) in def.values.iter().enumerate() {
            let path = format!("{base}.values[{i}]");
            let at = loc(&v.value);
            let problem = match (&v.value.value, is_int) {
                (Scalar::Str(s), true) => Some(Diagnostic::new(
                    file,
                    &path,
                    format!("bad enumeration value '{s}': {kind} enumerations take integers"),
                )),
                (Scalar::Int(n), false) => Some(
                    Diagnostic::new(
                        file,
                        &path,
                        format!("bad enumeration value {n}: String enumerations take strings"),
                    )
                    .help(format!(
                        "quote it (\"{n}\") if the service sends it as a string"
                    )),
                ),
                (Scalar::Str(s), false) if s.is_empty() => {
                    self.out.push(
                        Diagnostic::new(file, &path, "bad enumeration value: empty string").at(at),
                    );
                    None
                }
                (Scalar::Int(n), true)
                    if kind == EnumKind::Integer && i32::try_from(*n).is_err() =>
                {
                    self.out.push(Diagnostic::new(file, &path, format!("bad enumeration value {n}: out of range for Integer (32-bit); use type Long")).at(at));
                    None
                }
                _ => None,
            };
            if let Some(problem) = problem {
                self.out.push(problem.at(at));
                continue;
            }
            let shown = v.value.value.text();
            if !seen.insert(shown.clone()) {
                self.out.push(
                    Diagnostic::new(
                        file,
                        &path,
                        format!("duplicate enumeration value '{shown}'"),
                    )
                    .at(at),
                );
                continue;
            }
            if let Some(name) = &v.name
                && (!is_upper_camel(name) || !names::is_identifier(name))
            {
                self.out.push(
                    Diagnostic::new(
                        file,
                        &path,
                        format!("variant name '{name}' must be UpperCamelCase"),
                    )
                    .at(at),
                );
            }
            let vname = match (&v.name, &v.value.value) {
                (Some(n), _) => n.clone(),
                (None, Scalar::Int(n)) => names::integer_variant_name(*n),
                (None, Scalar::Str(s)) => names::variant_name(s),
            };
            if let Err(other) = ns.claim(&vname, &shown) {
                self.out.push(
                    Diagnostic::new(
                        file,
                        &path,
                        format!("values '{other}' and '{shown}' both become variant `{vname}`"),
                    )
                    .at(at)
                    .help("give one of them a `name`"),
                );
            }
            let mut d = vec![format!("`{}`", shown.replace('`', "'"))];
            if let Some(desc) = &v.description {
                d[0].push_str(": ");
                let lines = docs::from_page(desc);
                let (first, rest) = lines
                    .split_first()
                    .map_or((String::new(), &[][..]), |(f, r)| (f.clone(), r));
                d[0].push_str(&first);
                d.extend(rest.iter().cloned());
            }
            variants.push(Variant {
                name: vname,
                value: v.value.value.clone(),
                docs: d,
            });
        }
        let mut d = (def.description.as_deref())
            .map(docs::from_page)
            .unwrap_or_default();
        push_para(
            &mut d,
            format!(
                "An open enumeration: values the API reference does not list decode into `{rust}::Unknown` and encode back unchanged."
            ),
        );
        Some(Enum {
            module: names::module_name(&rust),
            name: rust,
            file: file.to_owned(),
            docs: d,
            int: match kind {
                EnumKind::Integer => Some(Ty::I32),
                EnumKind::Long => Some(Ty::I64),
                EnumKind::String => None,
            },
            variants,
            features: Vec::new(),
        })
    }

    /// Constraints against the type they restrict.
    pub(super) fn constraints(
        &mut self,
        file: &str,
        path: &str,
        c: &Constraints,
        ty: &Ty,
        at: Option<(u64, u64)>,
    ) {
        limit_constraints(file, path, c, ty, at, &mut self.out);
        let described = self.describe(ty);
        let mut bad = |what: &str, wants: &str| {
            self.out.push(
                Diagnostic::new(
                    file,
                    path,
                    format!("constraint {what} applies to {wants}, but the type is {described}"),
                )
                .at(at),
            );
        };
        let is_number = matches!(ty, Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64);
        if (c.min_length.is_some() || c.max_length.is_some()) && *ty != Ty::String {
            bad("min_length/max_length", "String");
        }
        if (c.minimum.is_some() || c.maximum.is_some()) && !is_number {
            bad("minimum/maximum", "numbers");
        }
        if (c.min_items.is_some() || c.max_items.is_some()) && !matches!(ty, Ty::Vec(_)) {
            bad("min_items/max_items", "arrays");
        }
        let u = |v: Option<u64>| v.map(i128::from);
        let i = |v: Option<i64>| v.map(i128::from);
        let pairs = [
            ("min_length", u(c.min_length), "max_length", u(c.max_length)),
            ("minimum", i(c.minimum), "maximum", i(c.maximum)),
            ("min_items", u(c.min_items), "max_items", u(c.max_items)),
        ];
        for (lo_name, lo, hi_name, hi) in pairs {
            if let (Some(lo), Some(hi)) = (lo, hi)
                && lo > hi
            {
                self.out.push(
                    Diagnostic::new(
                        file,
                        path,
                        format!("{lo_name} ({lo}) is greater than {hi_name} ({hi})"),
                    )
                    .at(at),
                );
            }
        }
    }
}

pub(super) fn check_rust_name(file: &str, path: &str, name: &str, out: &mut Diagnostics) {
    let snake = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !names::is_identifier(name) || !snake {
        out.push(Diagnostic::new(
            file,
            path,
            format!("rust_name '{name}' is not a snake_case Rust identifier (or is a keyword)"),
        ));
    }
}

/// Longest string and longest array a constraint may name: the runtime reads at most 64 MiB
/// of a response body, so nothing longer can arrive (documented in spec/README.md, Limits).
pub const MAX_CONSTRAINED_SIZE: u64 = 64 * 1024 * 1024;

/// Constraints beyond what a value of the type can be: a length or item count past
/// [`MAX_CONSTRAINED_SIZE`], a bound outside the range of a 32-bit Integer.
fn limit_constraints(
    file: &str,
    path: &str,
    c: &Constraints,
    ty: &Ty,
    at: Option<(u64, u64)>,
    out: &mut Diagnostics,
) {
    let mut beyond = |what: &str, v: String, limit: String| {
        out.push(
            Diagnostic::new(
                file,
                path,
                format!("{what} {v} is beyond what a value can be ({limit})"),
            )
            .at(at)
            .help("a constraint this large is a typo or a misread page: check the page's Constraints column"),
        );
    };
    let sizes = [
        ("min_length", c.min_length),
        ("max_length", c.max_length),
        ("min_items", c.min_items),
        ("max_items", c.max_items),
    ];
    for (what, v) in sizes {
        if let Some(v) = v.filter(|v| *v > MAX_CONSTRAINED_SIZE) {
            beyond(
                what,
                v.to_string(),
                format!("at most {MAX_CONSTRAINED_SIZE}"),
            );
        }
    }
    if *ty == Ty::I32 {
        for (what, v) in [("minimum", c.minimum), ("maximum", c.maximum)] {
            if let Some(v) = v.filter(|v| i32::try_from(*v).is_err()) {
                beyond(
                    what,
                    v.to_string(),
                    format!("an Integer is from {} to {}", i32::MIN, i32::MAX),
                );
            }
        }
    }
}
