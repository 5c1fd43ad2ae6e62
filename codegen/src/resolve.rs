//! Stage 3, resolve: a checked spec into the [`Ir`], deciding every Rust name and type once.
//!
//! Name collisions (two wire names that map to one Rust name, two types that map to one file)
//! are reported here, all at once, with the YAML path of each.

use std::collections::{BTreeMap, BTreeSet};

use crate::check;
use crate::diag::{Diagnostic, Diagnostics};
use crate::docs;
use crate::huawei;
use crate::ir::*;
use crate::names::{self, Namespace};
use crate::read::{Loaded, SpecSet, loc};
use crate::spec::{BodyDef, FieldDef, OperationFile, ParamDef, Scalar};
use crate::symbols::{Symbols, TypeEntry, body_name};
use crate::typeexpr::TypeExpr;
use spec_model::{EnumKind, Method, Parsed, Segment};

/// Names of methods (and the builder's `client` field) the request and its builder have;
/// parameters named so get `_` appended.
const REQUEST_METHODS: &[&str] = &[
    "builder",
    "build",
    "body",
    "uri_path",
    "to_http_request",
    "parse_response",
    "new",
    "send",
    "client",
];

/// Reads, checks and resolves a parsed spec.
pub fn resolve(set: &SpecSet) -> Result<Ir, Diagnostics> {
    let mut out = Diagnostics::default();
    let syms = Symbols::collect(set, &mut out);
    check::check(set, &syms, &mut out);
    if !out.is_empty() {
        return Err(out.sorted());
    }
    let mut r = Resolver {
        syms: &syms,
        out,
        types: BTreeMap::new(),
        enums: BTreeMap::new(),
        type_ids: BTreeMap::new(),
        enum_ids: BTreeMap::new(),
    };
    r.name_types();
    let ir = r.build(set);
    if r.out.is_empty() {
        Ok(ir)
    } else {
        Err(r.out.sorted())
    }
}

struct Resolver<'s, 'a> {
    syms: &'s Symbols<'a>,
    out: Diagnostics,
    /// Spec type name -> Rust name.
    types: BTreeMap<String, String>,
    /// Spec enum name -> Rust name.
    enums: BTreeMap<String, String>,
    /// Spec type name -> its place in `Ir::models` (ordered by Rust name).
    type_ids: BTreeMap<String, ModelId>,
    /// Spec enum name -> its place in `Ir::enums` (ordered by spec name).
    enum_ids: BTreeMap<String, EnumId>,
}

impl Resolver<'_, '_> {
    fn name_types(&mut self) {
        let mut ns = Namespace::default();
        let mut modules = Namespace::default();
        let all = self
            .syms
            .types
            .iter()
            .map(|(n, e)| (n, e.file, e.path.as_str(), true))
            .chain(
                self.syms
                    .enums
                    .iter()
                    .map(|(n, e)| (n, e.file, e.path.as_str(), false)),
            );
        for (name, file, path, is_type) in all {
            let rust = names::type_name(name);
            let module = names::module_name(&rust);
            if let Err(other) = ns
                .claim(&rust, name)
                .and_then(|()| modules.claim(&module, name))
            {
                self.out.push(
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
            if is_type {
                self.types.insert(name.clone(), rust);
            } else {
                self.enums.insert(name.clone(), rust);
            }
        }
        let mut by_rust: Vec<(&String, &String)> = self.types.iter().map(|(s, r)| (r, s)).collect();
        by_rust.sort();
        self.type_ids = (by_rust.into_iter().enumerate())
            .map(|(i, (_, spec))| (spec.clone(), ModelId(i)))
            .collect();
        self.enum_ids = (self.syms.enums.keys().enumerate())
            .map(|(i, spec)| (spec.clone(), EnumId(i)))
            .collect();
    }

    fn build(&mut self, set: &SpecSet) -> Ir {
        let svc = &set.service.value;
        let mut in_order: Vec<(&String, &TypeEntry<'_>)> = self.syms.types.iter().collect();
        in_order.sort_by_key(|(name, _)| self.type_ids.get(*name));
        let mut models: Vec<Model> = in_order
            .into_iter()
            .map(|(name, entry)| self.model(name, entry))
            .collect();
        let enums: Vec<Enum> = self
            .syms
            .enums
            .iter()
            .map(|(name, e)| self.enumeration(name, e.file, e.def))
            .collect();
        let mut operations: Vec<Operation> =
            set.operations.iter().map(|op| self.operation(op)).collect();
        operations.sort_by(|a, b| a.id.cmp(&b.id));
        let mut op_modules = Namespace::default();
        for op in &operations {
            if let Err(other) = op_modules.claim(&op.module, &op.id) {
                let other_file = operations
                    .iter()
                    .find(|o| o.id == other)
                    .map_or("", |o| o.file.as_str());
                let at = set
                    .operations
                    .iter()
                    .find(|o| o.file == op.file)
                    .and_then(|o| loc(&o.value.operation.id));
                self.out.push(
                    Diagnostic::new(
                        &op.file,
                        "operation.id",
                        format!(
                            "operations '{}' and '{other}' ({other_file}) both become module `{}`",
                            op.id, op.module
                        ),
                    )
                    .at(at)
                    .help("operation ids must differ in more than letter case: rename one"),
                );
            }
        }
        for op in &mut operations {
            let spec = set
                .operations
                .iter()
                .find(|o| o.file == op.file)
                .and_then(|o| o.value.paging.as_ref());
            if let Some(spec) = spec {
                op.paging = paging(spec, op, &models);
            }
        }
        mark_boxed(&mut models);
        mark_validated(&mut models, &operations);
        mark_error_bodies(&mut models, &operations);
        let mut enums = enums;
        mark_features(&mut models, &mut enums, &operations);
        let (error_codes, error_codes_title) = self.error_codes(&set.service);
        Ir {
            crate_name: svc.service.crate_name.clone(),
            lib_name: svc.service.crate_name.replace('-', "_"),
            version: svc.service.version.clone(),
            service_name: svc.service.name.clone(),
            service_title: svc.service.title.clone(),
            spec_dir: set.dir_display.clone(),
            service_file: set.service.file.clone(),
            models,
            enums,
            operations,
            error_codes,
            error_codes_title,
            endpoint_template: svc.endpoints.as_ref().map(|e| e.template.value.clone()),
            regions: svc
                .endpoints
                .as_ref()
                .map(|e| e.regions.clone())
                .unwrap_or_default(),
            groups: (svc.groups.iter())
                .map(|(feature, g)| Group {
                    feature: feature.clone(),
                    title: g.title.clone(),
                    default: g.default,
                })
                .collect(),
        }
    }

    /// The Rust type of a page type, with `enumeration` replacing the scalar it applies to.
    /// `None` for a name that is no type: `check` has reported it (and resolve does not run
    /// then), so nothing is lowered in its place.
    fn ty(&self, t: &TypeExpr, enumeration: Option<&str>) -> Option<Ty> {
        if let Some(e) = enumeration.and_then(|e| self.enum_ids.get(e)) {
            return match t {
                TypeExpr::Array(inner) => Some(Ty::Vec(Box::new(self.ty(inner, enumeration)?))),
                _ => Some(Ty::Enum(*e)),
            };
        }
        Some(match t {
            TypeExpr::String => Ty::String,
            TypeExpr::Integer => Ty::I32,
            TypeExpr::Long => Ty::I64,
            TypeExpr::Float => Ty::F32,
            TypeExpr::Double => Ty::F64,
            TypeExpr::Boolean => Ty::Bool,
            TypeExpr::Json => Ty::Json,
            TypeExpr::Named(n) => Ty::Model(*self.type_ids.get(n)?),
            TypeExpr::Array(inner) => Ty::Vec(Box::new(self.ty(inner, None)?)),
            TypeExpr::Map(inner) => Ty::Map(Box::new(self.ty(inner, None)?)),
        })
    }

    /// The type of a leaf: `None` when it did not parse (`check` reported it).
    fn expr_ty(&self, t: &Parsed<TypeExpr>, enumeration: Option<&str>) -> Option<Ty> {
        self.ty(t.ok()?, enumeration)
    }

    fn model(&mut self, name: &str, entry: &TypeEntry<'_>) -> Model {
        let rust = self
            .types
            .get(name)
            .cloned()
            .unwrap_or_else(|| names::type_name(name));
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
        let mut ns = Namespace::default();
        let mut fields = Vec::new();
        for f in entry.fields {
            let field_name = f
                .rust_name
                .clone()
                .unwrap_or_else(|| names::field_name(&f.name.value));
            if let Err(other) = ns.claim(&field_name, &f.name.value) {
                self.out.push(
                    collision(
                        entry.file,
                        &format!("{}.{}", entry.path, f.name.value),
                        &f.name.value,
                        &other,
                        &field_name,
                    )
                    .at(loc(&f.name)),
                );
            }
            fields.extend(self.field(f, field_name));
        }
        Model {
            module: names::module_name(&rust),
            name: rust,
            file: entry.file.to_owned(),
            docs: docs_lines,
            fields,
            validate: false,
            error_body: None,
            features: Vec::new(),
        }
    }

    fn field(&self, f: &FieldDef, name: String) -> Option<Field> {
        let enumeration = f.enumeration.as_ref().map(|e| e.value.as_str());
        let ty = self.expr_ty(&f.ty, enumeration)?;
        let mut d = docs::from_page(&f.description);
        if f.mandatory == Some(true) {
            push_para(&mut d, "Mandatory in the API reference.".to_owned());
        }
        if let Some(e) = enumeration.and_then(|e| self.enums.get(e)) {
            push_para(
                &mut d,
                format!("Documented values: [`{e}`](crate::models::{e})."),
            );
        }
        Some(Field {
            wire: f.name.value.clone(),
            name,
            ty,
            docs: d,
            mandatory: f.mandatory,
            constraints: f.constraints.clone().unwrap_or_default(),
            boxed: false,
        })
    }

    fn enumeration(&mut self, name: &str, file: &str, def: &crate::spec::EnumDef) -> Enum {
        let rust = self
            .enums
            .get(name)
            .cloned()
            .unwrap_or_else(|| names::type_name(name));
        let int = match def.ty.ok() {
            Some(EnumKind::Integer) => Some(Ty::I32),
            Some(EnumKind::Long) => Some(Ty::I64),
            Some(EnumKind::String) | None => None,
        };
        let mut ns = Namespace::default();
        let mut variants = Vec::new();
        for (i, v) in def.values.iter().enumerate() {
            let vname = match (&v.name, &v.value.value) {
                (Some(n), _) => n.clone(),
                (None, Scalar::Int(n)) => names::integer_variant_name(*n),
                (None, Scalar::Str(s)) => names::variant_name(s),
            };
            let shown = v.value.value.text();
            if let Err(other) = ns.claim(&vname, &shown) {
                self.out.push(
                    Diagnostic::new(
                        file,
                        format!("enums.{name}.values[{i}]"),
                        format!("values '{other}' and '{shown}' both become variant `{vname}`"),
                    )
                    .at(loc(&v.value))
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
        let mut d = def
            .description
            .as_deref()
            .map(docs::from_page)
            .unwrap_or_default();
        push_para(
            &mut d,
            format!(
                "An open enumeration: values the API reference does not list decode into `{rust}::Unknown` and encode back unchanged."
            ),
        );
        Enum {
            module: names::module_name(&rust),
            name: rust,
            file: file.to_owned(),
            docs: d,
            int,
            variants,
            features: Vec::new(),
        }
    }

    fn operation(&mut self, op: &Loaded<OperationFile>) -> Operation {
        let o = &op.value;
        let file = op.file.as_str();
        let id = o.operation.id.value.clone();
        let mut ns = Namespace::default();
        let mut params = Vec::new();
        let mut credential_headers = Vec::new();
        for (location, table) in o.parameters.tables() {
            for p in table.iter().flat_map(|t| &t.items) {
                if huawei::is_credential_header(location, &p.name.value) {
                    credential_headers.push(p.name.value.clone());
                    continue;
                }
                let name = p.rust_name.clone().unwrap_or_else(|| {
                    names::escape_reserved(names::field_name(&p.name.value), REQUEST_METHODS)
                });
                if let Err(other) = ns.claim(&name, &p.name.value) {
                    self.out.push(
                        collision(
                            file,
                            &format!("parameters.{location}.{}", p.name.value),
                            &p.name.value,
                            &other,
                            &name,
                        )
                        .at(loc(&p.name)),
                    );
                }
                params.extend(self.param(p, name, location));
            }
        }
        let path = o
            .operation
            .path
            .ok()
            .map(|t| t.0.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|segment| match segment {
                Segment::Literal(text) => PathPart::Literal(text.clone()),
                Segment::Param(name) => match params
                    .iter()
                    .position(|p| p.location == Location::Path && p.wire == *name)
                {
                    Some(i) => PathPart::Param(i),
                    None => PathPart::Literal(name.clone()),
                },
            })
            .collect();
        let body = o.request.as_ref().and_then(|r| {
            Some(Body {
                ty: self.body_ty(&r.body, &id, None)?,
                name: "body".to_owned(),
            })
        });
        let mut success_status = 200;
        let mut success_description = String::new();
        let mut output = None;
        let mut errors = Vec::new();
        let mut variants = Namespace::default();
        for (status, resp) in &o.responses {
            let ty = resp
                .body
                .as_ref()
                .and_then(|b| self.body_ty(b, &id, Some(*status)));
            if (200..300).contains(status) {
                success_status = *status;
                success_description = resp.description.clone();
                output = ty;
            } else {
                let variant = status_variant(*status);
                // Two statuses cannot share a reason phrase, but an unknown one falls back to
                // `Status{code}`, which is unique too; this is a guard, not an expected path.
                if variants.claim(&variant, &status.to_string()).is_err() {
                    self.out.push(Diagnostic::new(
                        file,
                        format!("responses.{status}"),
                        format!("two statuses become variant `{variant}`"),
                    ));
                }
                errors.push(ErrorStatus {
                    status: *status,
                    variant,
                    description: resp.description.clone(),
                    ty,
                });
            }
        }
        if let Some(any) = &o.any_success {
            success_description = any.description.clone();
        }
        let response_headers = self.response_headers(op);
        let module = names::module_name(&id);
        let response_examples = o
            .examples
            .responses
            .iter()
            .enumerate()
            .map(|(i, ex)| ResponseExample {
                const_name: {
                    let base = format!(
                        "{}_{}",
                        module.trim_end_matches('_').to_uppercase(),
                        ex.status
                    );
                    // A second example of one status gets its position appended.
                    if o.examples.responses[..i]
                        .iter()
                        .any(|e| e.status == ex.status)
                    {
                        format!("{base}_{i}")
                    } else {
                        base
                    }
                },
                status: ex.status,
                json: ex.body.value.clone(),
                ty: o
                    .responses
                    .get(&ex.status)
                    .and_then(|r| r.body.as_ref())
                    .and_then(|b| self.body_ty(b, &id, Some(ex.status))),
            })
            .collect();
        let src = &o.operation.source;
        let mut source = vec![format!(
            "Source: {}",
            docs::escape_line(&src.breadcrumb.join(" / "))
        )];
        if let Some(updated) = &src.updated {
            source.push(format!("(updated on {}).", docs::escape_line(updated)));
        }
        Operation {
            module: names::module_name(&id),
            request_name: format!("{id}Request"),
            builder_name: format!("{id}RequestBuilder"),
            error_name: format!("{id}Error"),
            id,
            file: file.to_owned(),
            title: o.operation.title.clone(),
            summary: (o.operation.summary.as_ref())
                .unwrap_or(&o.operation.title)
                .clone(),
            source,
            method: o.operation.method.ok().copied().unwrap_or(Method::Get),
            path_template: o.operation.path.as_str().to_owned(),
            path,
            params,
            credential_headers,
            body,
            success_status,
            success_description,
            any_success: o.any_success.is_some(),
            response_headers,
            output,
            errors,
            response_examples,
            group: o.operation.group.as_ref().map(|g| g.value.clone()),
            deprecated: o.operation.deprecated.as_ref().map(|d| {
                let note = d.note.trim();
                match &d.replacement {
                    Some(r) => format!("{note} (use {} instead)", r.value),
                    None => note.to_owned(),
                }
            }),
            // Set once the models are built (see `paging`).
            paging: None,
        }
    }

    fn param(&self, p: &ParamDef, name: String, location: Location) -> Option<Param> {
        let enumeration = p.enumeration.as_ref().map(|e| e.value.as_str());
        let mut d = docs::from_page(&p.description);
        for (label, text) in [
            ("Restrictions", &p.restrictions),
            ("Value range", &p.range),
            ("Default value", &p.default),
        ] {
            if let Some(text) = text
                .as_deref()
                .filter(|t| !t.trim().is_empty() && t.trim() != "N/A")
            {
                push_para(
                    &mut d,
                    format!("{label}: {}", docs::from_page(text).join(" ")),
                );
            }
        }
        Some(Param {
            from_credentials: huawei::filled_from_credentials(location, &p.name.value),
            wire: p.name.value.clone(),
            name,
            location,
            ty: self.expr_ty(&p.ty, enumeration)?,
            mandatory: p.mandatory,
            docs: d,
            constraints: p.constraints.clone().unwrap_or_default(),
        })
    }

    /// The success response's header table, as fields of the output next to `body`.
    fn response_headers(&mut self, op: &Loaded<OperationFile>) -> Vec<ResponseHeader> {
        let file = op.file.as_str();
        let mut ns = Namespace::default();
        let mut out = Vec::new();
        for (status, resp) in &op.value.responses {
            let Some(table) = resp
                .headers
                .as_ref()
                .filter(|_| (200..300).contains(status))
            else {
                continue;
            };
            for p in &table.items {
                let wire = p.name.value.clone();
                let name = p
                    .rust_name
                    .clone()
                    .unwrap_or_else(|| names::escape_reserved(names::field_name(&wire), &["body"]));
                if let Err(other) = ns.claim(&name, &wire) {
                    self.out.push(
                        collision(
                            file,
                            &format!("responses.{status}.headers.{wire}"),
                            &wire,
                            &other,
                            &name,
                        )
                        .at(loc(&p.name)),
                    );
                }
                // An enumeration is read as its text: the header's value as it came.
                let Some(ty) = self.expr_ty(&p.ty, None) else {
                    continue;
                };
                out.push(ResponseHeader {
                    secret: huawei::is_secret_response_header(&wire),
                    wire,
                    name,
                    ty,
                    docs: docs::from_page(&p.description),
                });
            }
        }
        out
    }

    fn body_ty(&self, body: &BodyDef, op_id: &str, status: Option<u16>) -> Option<Ty> {
        if body.binary.is_some() {
            return Some(Ty::Bytes);
        }
        match &body.ty {
            Some(t) => self.expr_ty(t, None),
            // An inline body is a symbol of its own (see `Symbols::collect`).
            None => Some(Ty::Model(
                *self.type_ids.get(&body_name(body, op_id, status))?,
            )),
        }
    }

    fn error_codes(
        &mut self,
        svc: &Loaded<crate::spec::ServiceFile>,
    ) -> (Vec<ErrorCodeIr>, Option<String>) {
        let Some(codes) = &svc.value.error_codes else {
            return (Vec::new(), None);
        };
        let mut ns = Namespace::default();
        let mut rows = Vec::new();
        for (i, row) in codes.codes.iter().enumerate() {
            let variant = names::type_name(&row.code.value);
            if let Err(other) = ns.claim(&variant, &row.code.value) {
                self.out.push(
                    Diagnostic::new(
                        &svc.file,
                        format!("error_codes.codes[{i}]"),
                        format!(
                            "codes '{other}' and '{}' both become variant `{variant}`",
                            row.code.value
                        ),
                    )
                    .at(loc(&row.code)),
                );
            }
            rows.push(ErrorCodeIr {
                variant,
                status: row.status,
                code: row.code.value.clone(),
                message: row.message.clone(),
                description: row.description.clone(),
                measure: row.measure.clone(),
            });
        }
        (rows, codes.source.title.clone())
    }
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

/// Error enum variant for a status: its reason phrase in UpperCamelCase (`BadRequest`).
fn status_variant(status: u16) -> String {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(|r| heck::ToUpperCamelCase::to_upper_camel_case(r.replace('\'', "").as_str()))
        .filter(|v| v != "Unhandled" && v != "InvalidBody")
        .unwrap_or_else(|| format!("Status{status}"))
}

/// The IR of a checked `paging`: the parameters as fields of the builder (query) or of the
/// request body, the items, total and next marker as ways through the success body's models.
/// `None` only where `check` has reported a problem.
fn paging(spec: &crate::spec::PagingDef, op: &Operation, models: &[Model]) -> Option<Paging> {
    use crate::spec::PagingLocation;
    let param = |wire: &str| -> Option<PagingParam> {
        match spec.location {
            PagingLocation::Query => op
                .params
                .iter()
                .find(|p| p.location == Location::Query && p.wire == wire)
                .map(|p| PagingParam {
                    wire: wire.to_owned(),
                    name: p.name.clone(),
                    in_body: false,
                    ty: p.ty.clone(),
                }),
            PagingLocation::Body => {
                let Ty::Model(id) = op.body.as_ref()?.ty else {
                    return None;
                };
                let f = models.get(id.0)?.fields.iter().find(|f| f.wire == wire)?;
                Some(PagingParam {
                    wire: wire.to_owned(),
                    name: f.name.clone(),
                    in_body: true,
                    ty: f.ty.clone(),
                })
            }
        }
    };
    let walk = |path: &str| -> Option<(Vec<FieldStep>, Ty)> {
        let mut ty = op.output.clone()?;
        let mut steps = Vec::new();
        for segment in path.split('.') {
            let Ty::Model(id) = ty else { return None };
            let f = models
                .get(id.0)?
                .fields
                .iter()
                .find(|f| f.wire == segment)?;
            steps.push(FieldStep {
                name: f.name.clone(),
            });
            ty = f.ty.clone();
        }
        Some((steps, ty))
    };
    let (items, items_ty) = walk(&spec.items.value)?;
    let Ty::Vec(item_ty) = items_ty else {
        return None;
    };
    Some(Paging {
        style: spec.style,
        position: param(&spec.position.value)?,
        size: param(&spec.size.value)?,
        items,
        item_ty: *item_ty,
        total: match &spec.total {
            Some(t) => Some(walk(&t.value)?),
            None => None,
        },
        next_marker: match &spec.next_marker {
            Some(m) => Some(walk(&m.value)?.0),
            None => None,
        },
    })
}

/// Direct (not through `Vec` or a map) model references of a type.
fn direct_ref(ty: &Ty) -> Option<ModelId> {
    match ty {
        Ty::Model(id) => Some(*id),
        _ => None,
    }
}

/// Boxes fields whose type contains the struct itself without a `Vec` or map in between.
fn mark_boxed(models: &mut [Model]) {
    let edges: Vec<Vec<ModelId>> = (models.iter())
        .map(|m| m.fields.iter().filter_map(|f| direct_ref(&f.ty)).collect())
        .collect();
    let reaches = |from: ModelId, to: ModelId| -> bool {
        let mut stack = vec![from];
        let mut seen = BTreeSet::new();
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n) {
                stack.extend(edges.get(n.0).into_iter().flatten().copied());
            }
        }
        false
    };
    for (i, m) in models.iter_mut().enumerate() {
        for f in &mut m.fields {
            if let Some(target) = direct_ref(&f.ty) {
                f.boxed = reaches(target, ModelId(i));
            }
        }
    }
}

fn models_in(ty: &Ty, out: &mut Vec<ModelId>) {
    match ty {
        Ty::Model(id) => out.push(*id),
        Ty::Vec(i) | Ty::Map(i) => models_in(i, out),
        _ => {}
    }
}

/// Marks every model reachable from a request body: it gets a `Validate` impl.
fn mark_validated(models: &mut [Model], operations: &[Operation]) {
    let mut stack = Vec::new();
    for op in operations {
        if let Some(b) = &op.body {
            models_in(&b.ty, &mut stack);
        }
    }
    let mut reached = BTreeSet::new();
    while let Some(n) = stack.pop() {
        if reached.insert(n)
            && let Some(m) = models.get(n.0)
        {
            for f in &m.fields {
                models_in(&f.ty, &mut stack);
            }
        }
    }
    for (i, m) in models.iter_mut().enumerate() {
        m.validate = reached.contains(&ModelId(i));
    }
}

fn types_in(ty: &Ty, models: &mut Vec<ModelId>, enums: &mut BTreeSet<EnumId>) {
    match ty {
        Ty::Model(id) => models.push(*id),
        Ty::Enum(id) => {
            enums.insert(*id);
        }
        Ty::Vec(i) | Ty::Map(i) => types_in(i, models, enums),
        _ => {}
    }
}

/// Records that an operation of `group` (`None`: of no group) uses `items`: an item keeps the
/// set of groups that use it, or `None` once an operation without a group does.
fn add_group<K: Ord>(
    slots: &mut BTreeMap<K, Option<BTreeSet<String>>>,
    items: BTreeSet<K>,
    group: &Option<String>,
) {
    for item in items {
        let slot = slots.entry(item).or_insert_with(|| Some(BTreeSet::new()));
        match (slot, group) {
            (Some(set), Some(g)) => {
                set.insert(g.clone());
            }
            (slot, None) => *slot = None,
            (None, Some(_)) => {}
        }
    }
}

/// The features of each model and enumeration: the groups of the operations that use it, or
/// none (always compiled) when an operation without a group uses it or none does.
fn mark_features(models: &mut [Model], enums: &mut [Enum], operations: &[Operation]) {
    // Per item, the groups that reach it; `None` once an operation without a group does.
    let mut model_groups: BTreeMap<ModelId, Option<BTreeSet<String>>> = BTreeMap::new();
    let mut enum_groups: BTreeMap<EnumId, Option<BTreeSet<String>>> = BTreeMap::new();
    for op in operations {
        let mut stack = Vec::new();
        let mut found_enums = BTreeSet::new();
        let tys = (op.params.iter().map(|p| &p.ty))
            .chain(op.body.iter().map(|b| &b.ty))
            .chain(op.output.iter())
            .chain(op.errors.iter().filter_map(|e| e.ty.as_ref()));
        for t in tys {
            types_in(t, &mut stack, &mut found_enums);
        }
        let mut reached = BTreeSet::new();
        while let Some(n) = stack.pop() {
            if reached.insert(n)
                && let Some(m) = models.get(n.0)
            {
                for f in &m.fields {
                    types_in(&f.ty, &mut stack, &mut found_enums);
                }
            }
        }
        add_group(&mut model_groups, reached, &op.group);
        add_group(&mut enum_groups, found_enums, &op.group);
    }
    for (id, groups) in model_groups {
        if let (Some(m), Some(g)) = (models.get_mut(id.0), groups) {
            m.features = g.into_iter().collect();
        }
    }
    for (id, groups) in enum_groups {
        if let (Some(e), Some(g)) = (enums.get_mut(id.0), groups) {
            e.features = g.into_iter().collect();
        }
    }
}

/// Marks the models used as error bodies and finds their code and message fields.
fn mark_error_bodies(models: &mut [Model], operations: &[Operation]) {
    let used: BTreeSet<ModelId> = operations
        .iter()
        .flat_map(|o| {
            o.errors
                .iter()
                .filter_map(|e| e.ty.as_ref().and_then(direct_ref))
        })
        .collect();
    for (i, m) in models.iter_mut().enumerate() {
        if used.contains(&ModelId(i)) {
            let find = |wires: &[&str]| {
                m.fields
                    .iter()
                    .find(|f| f.ty == Ty::String && wires.contains(&f.wire.as_str()))
                    .map(|f| f.name.clone())
            };
            m.error_body = Some(ErrorFields {
                code: find(&["error_code", "errorCode", "code"]),
                message: find(&["error_msg", "errorMsg", "message"]),
            });
        }
    }
}
