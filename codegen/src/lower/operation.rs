//! An operation: its id, method, parameters, path template, bodies, responses and paging, each
//! checked and lowered in one step.

use std::collections::BTreeSet;

use super::service::check_status;
use super::symbols::{body_name, closest};
use super::types::{Leaf, check_rust_name};
use super::{Lowerer, collision, is_upper_camel, push_para};
use crate::diag::Diagnostic;
use crate::docs;
use crate::huawei;
use crate::ir::*;
use crate::names::{self, Namespace};
use crate::read::{Loaded, loc};
use crate::spec::{
    BodyDef, OperationFile, PagingDef, PagingLocation, ParamDef, ParamTable, SpannedStr,
};
use spec_model::{ParamLocation, Segment};

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

impl Lowerer<'_, '_> {
    /// Checks and lowers an operation; `None` when its method or path template does not parse,
    /// or a path parameter does not lower (each reported).
    pub(super) fn operation(
        &mut self,
        op: &Loaded<OperationFile>,
        models: &[Model],
    ) -> Option<Operation> {
        let file = op.file.as_str();
        let o = &op.value;
        let id = o.operation.id.value.clone();
        if !is_upper_camel(&id) {
            self.out.push(
                Diagnostic::new(
                    file,
                    "operation.id",
                    format!("operation id '{id}' must be UpperCamelCase, like ListInstances"),
                )
                .at(loc(&o.operation.id)),
            );
        }
        let method = &o.operation.method;
        let method = match &method.parsed {
            Ok(m) => Some(*m),
            Err(e) => {
                self.out
                    .push(Diagnostic::new(file, "operation.method", e).at(method.loc()));
                None
            }
        };
        let mut ns = Namespace::default();
        let mut params = Vec::new();
        let mut credential_headers = Vec::new();
        // The query table's rows, each with its place in `params` when it lowered (for paging).
        let mut query = Vec::new();
        for (location, table) in o.parameters.tables() {
            let Some(table) = table else { continue };
            let at = format!("parameters.{location}");
            for (p, leaf) in self.param_table(file, &at, location, table) {
                let wire = &p.name.value;
                if huawei::is_credential_header(location, wire) {
                    credential_headers.push(wire.clone());
                    continue;
                }
                let name = p.rust_name.clone().unwrap_or_else(|| {
                    names::escape_reserved(names::field_name(wire), REQUEST_METHODS)
                });
                if let Err(other) = ns.claim(&name, wire) {
                    let path = format!("{at}.{wire}");
                    self.out
                        .push(collision(file, &path, wire, &other, &name).at(loc(&p.name)));
                }
                let param = leaf
                    .and_then(|l| l.ty)
                    .map(|ty| param(p, name, location, ty));
                if location == ParamLocation::Query {
                    query.push((wire.as_str(), param.as_ref().map(|_| params.len())));
                }
                params.extend(param);
            }
        }
        let path = self.path_template(op, &params);
        let body = (o.request.as_ref())
            .and_then(|r| self.body(file, "request.body", &r.body, &id, None))
            .map(|ty| Body {
                ty,
                name: "body".to_owned(),
            });
        let mut success = Vec::new();
        let mut success_status = 200;
        let mut success_description = String::new();
        let mut output = None;
        let mut errors = Vec::new();
        let mut response_headers = Vec::new();
        let mut header_names = Namespace::default();
        let mut bodies = std::collections::BTreeMap::new();
        for (status, resp) in &o.responses {
            let path = format!("responses.{status}");
            let is_success = (200..300).contains(status);
            check_status(file, &path, *status, &mut self.out);
            let ty = (resp.body.as_ref())
                .and_then(|b| self.body(file, &format!("{path}.body"), b, &id, Some(*status)));
            if let Some(headers) = &resp.headers {
                let at = format!("{path}.headers");
                if !is_success {
                    self.out.push(
                        Diagnostic::new(file, &at, "only a success response's headers are kept")
                            .help("remove the table, or move it to the success status"),
                    );
                }
                for (p, leaf) in self.param_table(file, &at, ParamLocation::Header, headers) {
                    let wire = p.name.value.clone();
                    let name = p.rust_name.clone().unwrap_or_else(|| {
                        names::escape_reserved(names::field_name(&wire), &["body"])
                    });
                    if is_success && let Err(other) = header_names.claim(&name, &wire) {
                        let path = format!("{at}.{wire}");
                        self.out
                            .push(collision(file, &path, &wire, &other, &name).at(loc(&p.name)));
                    }
                    // An enumeration is read as its text: the header's value as it came.
                    if let Some(leaf) = leaf.filter(|_| is_success) {
                        response_headers.push(ResponseHeader {
                            secret: huawei::is_secret_response_header(&wire),
                            wire,
                            name,
                            ty: leaf.plain,
                            docs: docs::from_page(&p.description),
                        });
                    }
                }
            }
            if is_success {
                success.push(status.to_string());
                success_status = *status;
                success_description = resp.description.clone();
                output = ty.clone();
            } else {
                errors.push(ErrorStatus {
                    status: *status,
                    variant: status_variant(*status),
                    description: resp.description.clone(),
                    ty: ty.clone(),
                });
            }
            bodies.insert(*status, ty);
        }
        if let Some(any) = &o.any_success {
            success_description = any.description.clone();
            if !success.is_empty() {
                self.out.push(
                    Diagnostic::new(
                        file,
                        "any_success",
                        format!(
                            "`any_success` with a documented success status ({}): one or the other",
                            success.join(", ")
                        ),
                    )
                    .help("remove `any_success`: the documented status says what success is"),
                );
            }
        } else if success.is_empty() {
            self.out.push(
                Diagnostic::new(file, "responses", "no success (2xx) response")
                    .help("add the page's 200 (or 201, 204) response, or `any_success` where the page documents none"),
            );
        } else if success.len() > 1 {
            self.out.push(Diagnostic::new(
                file,
                "responses",
                format!(
                    "more than one success status ({}); one is supported",
                    success.join(", ")
                ),
            ));
        }
        let paging = o.paging.as_ref().and_then(|spec| {
            let broken = match body.as_ref().map(|b| &b.ty) {
                Some(Ty::Model(id)) => self.broken_fields(*id).map(str::to_owned).collect(),
                _ => Vec::new(),
            };
            let place = Place {
                query: &query,
                broken,
                params: &params,
                body: body.as_ref(),
                output: output.as_ref().filter(|t| **t != Ty::Bytes),
                models,
            };
            self.paging(file, spec, &place)
        });
        let module = names::module_name(&id);
        let response_examples = (o.examples.responses.iter().enumerate())
            .map(|(i, ex)| {
                let base = format!(
                    "{}_{}",
                    module.trim_end_matches('_').to_uppercase(),
                    ex.status
                );
                // A second example of one status gets its position appended.
                let repeated = o.examples.responses[..i]
                    .iter()
                    .any(|e| e.status == ex.status);
                ResponseExample {
                    const_name: if repeated {
                        format!("{base}_{i}")
                    } else {
                        base
                    },
                    status: ex.status,
                    json: ex.body.value.clone(),
                    ty: bodies.get(&ex.status).cloned().flatten(),
                }
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
        Some(Operation {
            module,
            request_name: format!("{id}Request"),
            builder_name: format!("{id}RequestBuilder"),
            error_name: format!("{id}Error"),
            file: file.to_owned(),
            title: o.operation.title.clone(),
            summary: (o.operation.summary.as_ref())
                .unwrap_or(&o.operation.title)
                .clone(),
            source,
            method: method?,
            path_template: o.operation.path.as_str().to_owned(),
            path: path?,
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
            paging,
            id,
        })
    }

    /// The rows of a parameter table (or of a response's header table, `at` naming where it
    /// is), checked: each row with a name, once, with its type lowered when it lowers.
    fn param_table<'t>(
        &mut self,
        file: &str,
        at: &str,
        kind: ParamLocation,
        table: &'t ParamTable,
    ) -> Vec<(&'t ParamDef, Option<Leaf>)> {
        let mut seen = BTreeSet::new();
        let mut rows = Vec::new();
        for p in &table.items {
            let name = p.name.value.as_str();
            let path = format!("{at}.{name}");
            if name.trim().is_empty() {
                self.out.push(
                    Diagnostic::new(file, at, "a parameter has an empty name").at(loc(&p.name)),
                );
                continue;
            }
            let key = if kind == ParamLocation::Header {
                name.to_ascii_lowercase()
            } else {
                name.to_owned()
            };
            if !seen.insert(key) {
                self.out.push(
                    Diagnostic::new(file, &path, format!("duplicate {kind} parameter '{name}'"))
                        .at(loc(&p.name)),
                );
                continue;
            }
            let leaf = self.leaf(file, &path, &p.ty, p.enumeration.as_ref());
            if let Some(leaf) = &leaf {
                let scalar = |t: &Ty| {
                    matches!(
                        t,
                        Ty::String | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::Bool
                    )
                };
                let ok = match (kind, &leaf.plain) {
                    (ParamLocation::Query, Ty::Vec(inner)) => scalar(inner),
                    (_, t) => scalar(t),
                };
                if !ok {
                    self.out.push(
                        Diagnostic::new(
                            file,
                            &path,
                            format!(
                                "a {kind} parameter cannot be of type {}",
                                self.describe(&leaf.plain)
                            ),
                        )
                        .at(p.ty.loc()),
                    );
                }
                if let Some(c) = &p.constraints {
                    self.constraints(file, &path, c, &leaf.plain, loc(&p.name));
                }
            }
            if kind == ParamLocation::Path && !p.mandatory {
                self.out.push(
                    Diagnostic::new(file, &path, "a path parameter must be mandatory")
                        .at(loc(&p.name)),
                );
            }
            if let Some(r) = &p.rust_name {
                check_rust_name(file, &path, r, &mut self.out);
            }
            rows.push((p, leaf));
        }
        rows
    }

    /// The path template against the path parameters, split into literals and parameters.
    fn path_template(
        &mut self,
        op: &Loaded<OperationFile>,
        params: &[Param],
    ) -> Option<Vec<PathPart>> {
        let file = op.file.as_str();
        let o = &op.value;
        let tpl = &o.operation.path;
        let at = tpl.loc();
        if !tpl.as_str().starts_with('/') {
            self.out.push(
                Diagnostic::new(
                    file,
                    "operation.path",
                    format!("path template '{}' must start with '/'", tpl.as_str()),
                )
                .at(at),
            );
        }
        if tpl.as_str().contains(['?', '#']) {
            self.out.push(Diagnostic::new(file, "operation.path", "the path template must not contain a query or fragment; list query parameters under parameters.query").at(at));
        }
        let template = match &tpl.parsed {
            Ok(t) => t,
            Err(e) => {
                self.out
                    .push(Diagnostic::new(file, "operation.path", e).at(at));
                return None;
            }
        };
        let declared: Vec<&ParamDef> = (o.parameters.path.iter())
            .flat_map(|t| t.items.iter())
            .collect();
        let mut used = BTreeSet::new();
        let mut parts = Vec::new();
        for segment in &template.0 {
            let name = match segment {
                Segment::Literal(text) => {
                    parts.push(Some(PathPart::Literal(text.clone())));
                    continue;
                }
                Segment::Param(name) => name.as_str(),
            };
            if !used.insert(name) {
                self.out.push(
                    Diagnostic::new(
                        file,
                        "operation.path",
                        format!("path template uses '{{{name}}}' twice"),
                    )
                    .at(at),
                );
            }
            if !declared.iter().any(|p| p.name.value == name) {
                self.out.push(
                    Diagnostic::new(
                        file,
                        "operation.path",
                        format!("path template uses '{{{name}}}', which is not a path parameter"),
                    )
                    .at(at)
                    .help(format!(
                        "add '{name}' under parameters.path, or fix the template"
                    )),
                );
            }
            // A declared parameter is missing from `params` only when its type did not lower.
            let index =
                (params.iter()).position(|p| p.location == Location::Path && p.wire == name);
            parts.push(index.map(PathPart::Param));
        }
        for p in declared {
            let name = p.name.value.as_str();
            if !used.contains(name) {
                self.out.push(
                    Diagnostic::new(file, format!("parameters.path.{name}"), format!("path parameter '{name}' is missing from the path template '{}'", tpl.as_str()))
                        .at(loc(&p.name))
                        .help(format!("add '{{{name}}}' to operation.path, or move the parameter to the table it belongs to")),
                );
            }
        }
        parts.into_iter().collect()
    }

    /// A request or response body: bytes, a type it refers to, or its own table (a symbol of
    /// its own, see [`super::symbols::Symbols::collect`]).
    fn body(
        &mut self,
        file: &str,
        path: &str,
        body: &BodyDef,
        op_id: &str,
        status: Option<u16>,
    ) -> Option<Ty> {
        let problem = |message: &str| Diagnostic::new(file, path, message.to_owned());
        if body.binary.is_some() {
            if body.ty.is_some() || body.fields.is_some() || body.name.is_some() {
                self.out.push(
                    problem("a body of bytes (`binary`) has no `type`, `fields` or `name`")
                        .help("keep `binary` for a file download, or remove it for a JSON body"),
                );
            }
            if !status.is_some_and(|s| (200..300).contains(&s)) {
                self.out.push(
                    problem("only a success response can be a body of bytes (`binary`)")
                        .help("describe a request or error body with `type` or `fields`"),
                );
            }
            return Some(Ty::Bytes);
        }
        match (&body.ty, &body.fields) {
            (Some(_), Some(_)) => {
                self.out
                    .push(problem("a body has either `type` or `fields`, not both"));
                None
            }
            (None, None) => {
                self.out.push(problem(
                    "a body needs `fields` (its table) or `type` (a type it refers to)",
                ));
                None
            }
            (Some(ty), None) => {
                if let Some(n) = &body.name {
                    self.out.push(
                        problem("`name` names an inline table; a body with `type` has none")
                            .at(loc(n)),
                    );
                }
                self.leaf(file, path, ty, None)?.ty
            }
            (None, Some(_)) => {
                let name = body_name(body, op_id, status);
                Some(Ty::Model(self.syms.types.get(&name)?.0))
            }
        }
    }

    /// `paging`: the parameters it names exist where it says (the query table, or the request
    /// body's fields), the items, total and next marker are fields of the success body, each of
    /// the right type; a marker style has a next marker, the others none.
    fn paging(&mut self, file: &str, paging: &PagingDef, place: &Place<'_>) -> Option<Paging> {
        use crate::spec::PagingStyle;
        let position_value = if paging.style == PagingStyle::Marker {
            PagingValue::Marker
        } else {
            PagingValue::Number
        };
        let (position, size) = match place.candidates(paging.location) {
            None => {
                self.out.push(
                    Diagnostic::new(
                        file,
                        "paging.in",
                        "`in: body`, but the operation has no request body with a table of fields",
                    )
                    .help("use `in: query`, or give the operation its request body"),
                );
                (None, None)
            }
            Some(candidates) => {
                let mut param = |key, name, want| {
                    self.paging_param(file, paging.location, &candidates, key, name, want)
                };
                let position = param("position", &paging.position, position_value);
                (position, param("size", &paging.size, PagingValue::Number))
            }
        };
        match (paging.style, &paging.next_marker) {
            (PagingStyle::Marker, None) => self.out.push(
                Diagnostic::new(
                    file,
                    "paging",
                    "`style: marker` needs `next_marker`: the field of the success body that holds the next page's marker",
                )
                .help("add `next_marker: <field>`, or use another style"),
            ),
            (PagingStyle::OffsetLimit | PagingStyle::PageSize, Some(m)) => self.out.push(
                Diagnostic::new(
                    file,
                    "paging.next_marker",
                    "only `style: marker` has a next marker",
                )
                .at(loc(m))
                .help("remove `next_marker`, or use `style: marker`"),
            ),
            _ => {}
        }
        let Some(output) = place.output else {
            self.out.push(
                Diagnostic::new(
                    file,
                    "paging",
                    "the operation pages, but its success response has no JSON body to take items from",
                )
                .help("remove `paging`, or give the success response its body"),
            );
            return None;
        };
        // Each: `None` when absent, `Some(None)` when reported.
        let mut walk = |key, field: Option<&SpannedStr>, want| {
            field.map(|field| self.paging_field(file, key, field, want, output, place.models))
        };
        let items = walk("items", Some(&paging.items), PagingValue::Items);
        let total = walk("total", paging.total.as_ref(), PagingValue::Count);
        let next_marker = walk(
            "next_marker",
            paging.next_marker.as_ref(),
            PagingValue::Marker,
        );
        let (items, Ty::Vec(item_ty)) = items.flatten()? else {
            return None;
        };
        Some(Paging {
            style: paging.style,
            position: position?,
            size: size?,
            items,
            item_ty: *item_ty,
            total: total.map_or(Some(None), |t| t.map(Some))?,
            next_marker: next_marker.map_or(Some(None), |m| m.map(|(steps, _)| Some(steps)))?,
        })
    }

    /// The paging parameter `name` (`key`: `position` or `size`) among the candidates.
    fn paging_param(
        &mut self,
        file: &str,
        location: PagingLocation,
        candidates: &[(&str, Option<PagingParam>)],
        key: &str,
        name: &SpannedStr,
        want: PagingValue,
    ) -> Option<PagingParam> {
        let (where_, help) = match location {
            PagingLocation::Query => ("query parameter", "name a row of `parameters.query`"),
            PagingLocation::Body => (
                "field of the request body",
                "name a top-level field of the request body's table",
            ),
        };
        let path = format!("paging.{key}");
        match candidates.iter().find(|(n, _)| *n == name.value) {
            None => {
                let d = Diagnostic::new(file, &path, format!("no {where_} '{}'", name.value))
                    .at(loc(name));
                self.out.push(
                    match closest(&name.value, candidates.iter().map(|(n, _)| *n)) {
                        Some(near) => d.help(format!("did you mean '{near}'?")),
                        None => d.help(help),
                    },
                );
                None
            }
            Some((_, Some(p))) if !want.accepts(self.scalar(&p.ty)) => {
                let what = format!("{where_} ");
                self.mismatch(file, &path, &what, name, &p.ty, key, want);
                None
            }
            // Fine, or its type is reported where it is defined.
            Some((_, p)) => p.clone(),
        }
    }

    /// The paging field at `field` (`key`: `items`, `total` or `next_marker`) of the success
    /// body: the way to it and its type, `None` when reported (or through a field that is).
    fn paging_field(
        &mut self,
        file: &str,
        key: &str,
        field: &SpannedStr,
        want: PagingValue,
        output: &Ty,
        models: &[Model],
    ) -> Option<(Vec<FieldStep>, Ty)> {
        let path = format!("paging.{key}");
        match self.field_at(output, &field.value, models) {
            Err(message) => {
                self.out.push(
                    Diagnostic::new(file, &path, message)
                        .at(loc(field))
                        .help("name a field of the success body, or a dotted path through its object fields (`page_info.next_marker`)"),
                );
                None
            }
            Ok(Some((_, ty))) if !want.accepts(self.scalar(&ty)) => {
                self.mismatch(file, &path, "", field, &ty, key, want);
                None
            }
            Ok(walk) => walk,
        }
    }

    /// `<what>'<name>' is <ty>; the <key> must be <expected>`, at `name`.
    #[allow(clippy::too_many_arguments)]
    fn mismatch(
        &mut self,
        file: &str,
        path: &str,
        what: &str,
        name: &SpannedStr,
        ty: &Ty,
        key: &str,
        want: PagingValue,
    ) {
        let message = format!(
            "{what}'{}' is {}; the {key} must be {}",
            name.value,
            self.describe(ty),
            want.expected()
        );
        self.out
            .push(Diagnostic::new(file, path, message).at(loc(name)));
    }

    /// The way to the field at the dotted `path` in `ty`, and its type: `Ok(None)` where a field
    /// along the way did not lower (reported where it is written), `Err` with what is wrong
    /// otherwise.
    fn field_at(
        &self,
        ty: &Ty,
        path: &str,
        models: &[Model],
    ) -> Result<Option<(Vec<FieldStep>, Ty)>, String> {
        if path.is_empty() {
            return Err("an empty field path".to_owned());
        }
        let mut current = ty.clone();
        let mut steps = Vec::new();
        let mut walked = String::new();
        for segment in path.split('.') {
            let Ty::Model(id) = current else {
                let ty = self.describe(&current);
                return Err(if walked.is_empty() {
                    format!("the success body is {ty}, not a table of fields")
                } else {
                    format!("'{walked}' is {ty}, not an object with fields")
                });
            };
            let fields = &models[id.0].fields;
            let Some(field) = fields.iter().find(|f| f.wire == segment) else {
                if self.broken.contains(&(id, segment.to_owned())) {
                    return Ok(None);
                }
                let mut message = if walked.is_empty() {
                    format!("the success body has no field '{segment}'")
                } else {
                    format!("'{walked}' has no field '{segment}'")
                };
                let wires = fields.iter().map(|f| f.wire.as_str());
                if let Some(near) = closest(segment, wires.chain(self.broken_fields(id))) {
                    message.push_str(&format!(" (did you mean '{near}'?)"));
                }
                return Err(message);
            };
            steps.push(FieldStep {
                name: field.name.clone(),
                wire: field.wire.clone(),
            });
            current = field.ty.clone();
            if !walked.is_empty() {
                walked.push('.');
            }
            walked.push_str(segment);
        }
        Ok(Some((steps, current)))
    }
}

impl Lowerer<'_, '_> {
    /// The wire names of a table's fields whose type did not lower.
    fn broken_fields(&self, id: ModelId) -> impl Iterator<Item = &str> {
        (self.broken.iter())
            .filter(move |(m, _)| *m == id)
            .map(|(_, wire)| wire.as_str())
    }
}

/// What an operation's paging may name: its query rows (with their place in `params` when they
/// lowered), its request body, its JSON success body.
struct Place<'p> {
    query: &'p [(&'p str, Option<usize>)],
    /// The request body's fields whose type did not lower, when it is a table.
    broken: Vec<String>,
    params: &'p [Param],
    body: Option<&'p Body>,
    output: Option<&'p Ty>,
    models: &'p [Model],
}

impl<'p> Place<'p> {
    /// What a paging parameter may name where `in` says it is (the query table, the request
    /// body's fields), by wire name, with the parameter when it lowered; `None` for `in: body`
    /// without a table.
    fn candidates(
        &'p self,
        location: PagingLocation,
    ) -> Option<Vec<(&'p str, Option<PagingParam>)>> {
        Some(match location {
            PagingLocation::Query => (self.query.iter())
                .map(|(wire, i)| {
                    let param = i.map(|i| &self.params[i]).map(|p| PagingParam {
                        wire: (*wire).to_owned(),
                        name: p.name.clone(),
                        in_body: false,
                        ty: p.ty.clone(),
                    });
                    (*wire, param)
                })
                .collect(),
            PagingLocation::Body => {
                let Some(Ty::Model(id)) = self.body.map(|b| &b.ty) else {
                    return None;
                };
                let fields = self.models[id.0].fields.iter().map(|f| {
                    let param = PagingParam {
                        wire: f.wire.clone(),
                        name: f.name.clone(),
                        in_body: true,
                        ty: f.ty.clone(),
                    };
                    (f.wire.as_str(), Some(param))
                });
                let broken = (self.broken.iter()).map(|wire| (wire.as_str(), None));
                fields.chain(broken).collect()
            }
        })
    }
}

fn param(p: &ParamDef, name: String, location: Location, ty: Ty) -> Param {
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
    Param {
        from_credentials: huawei::filled_from_credentials(location, &p.name.value),
        wire: p.name.value.clone(),
        name,
        location,
        ty,
        mandatory: p.mandatory,
        docs: d,
        constraints: p.constraints.clone().unwrap_or_default(),
    }
}

/// Error enum variant for a status: its reason phrase in UpperCamelCase (`BadRequest`), or
/// `Status{code}`; distinct for distinct statuses (pinned by a test below).
fn status_variant(status: u16) -> String {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(|r| heck::ToUpperCamelCase::to_upper_camel_case(r.replace('\'', "").as_str()))
        .filter(|v| v != "Unhandled" && v != "InvalidBody")
        .unwrap_or_else(|| format!("Status{status}"))
}

/// What a paging parameter or field must be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PagingValue {
    /// A count or position: `Integer`, `Long`, or a `String` holding a number.
    Number,
    /// A marker: a `String`.
    Marker,
    /// A total: `Integer` or `Long`.
    Count,
    /// The items: an array.
    Items,
}

impl PagingValue {
    fn accepts(self, ty: &Ty) -> bool {
        match self {
            Self::Number => matches!(ty, Ty::I32 | Ty::I64 | Ty::String),
            Self::Marker => *ty == Ty::String,
            Self::Count => matches!(ty, Ty::I32 | Ty::I64),
            Self::Items => matches!(ty, Ty::Vec(_)),
        }
    }

    fn expected(self) -> &'static str {
        match self {
            Self::Number => "Integer, Long or String (holding a number)",
            Self::Marker => "String",
            Self::Count => "Integer or Long",
            Self::Items => "an array (`Array of X objects`)",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::status_variant;

    #[test]
    fn statuses_have_distinct_variants() {
        let mut seen = std::collections::BTreeMap::new();
        for status in 100..=599 {
            let variant = status_variant(status);
            if let Some(prev) = seen.insert(variant.clone(), status) {
                panic!("{prev} and {status} both become {variant}");
            }
        }
    }
}
