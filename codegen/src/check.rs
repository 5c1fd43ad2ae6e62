//! Stage 2, check: everything that can be wrong in a spec that parsed, reported all at once.
//!
//! Unknown type and enum references, duplicate fields, parameters and ids, enumeration values
//! of the wrong kind, constraints that contradict their type, the path template against the
//! path parameters, statuses against the status code table, and every example against its
//! schema. Naming collisions are found while the IR is built ([`crate::resolve`]).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics};
use crate::names;
use crate::read::{Loaded, SpecSet, loc};
use crate::spec::{
    BodyDef, Constraints, EnumDef, FieldDef, OperationFile, ParamDef, Scalar, SpannedStr,
};
use crate::symbols::{Symbols, body_name};
use crate::typeexpr::TypeExpr;
use spec_model::{EnumKind, ParamLocation, Parsed};

/// Runs every check; returns all problems found.
pub fn check(set: &SpecSet, syms: &Symbols<'_>, out: &mut Diagnostics) {
    let svc = &set.service;
    check_service(svc, out);
    for (name, entry) in &syms.types {
        if !names::is_identifier(&names::type_name(name)) || !is_upper_camel(name) {
            out.push(Diagnostic::new(
                entry.file,
                &entry.path,
                format!(
                    "type name '{name}' must be UpperCamelCase, like Cluster or ResponseServer"
                ),
            ));
        }
        check_fields(entry.file, &entry.path, entry.fields, syms, out);
    }
    for (name, entry) in &syms.enums {
        if !is_upper_camel(name) {
            out.push(Diagnostic::new(
                entry.file,
                &entry.path,
                format!("enum name '{name}' must be UpperCamelCase, like ChargeModel"),
            ));
        }
        check_enum(entry.file, &entry.path, entry.def, out);
    }
    let mut ids: BTreeMap<&str, &str> = BTreeMap::new();
    for op in &set.operations {
        let id = op.value.operation.id.value.as_str();
        if let Some(prev) = ids.insert(id, &op.file) {
            out.push(
                Diagnostic::new(
                    &op.file,
                    "operation.id",
                    format!("duplicate operation id '{id}': also used by {prev}"),
                )
                .at(loc(&op.value.operation.id)),
            );
        }
        check_operation(op, syms, out);
    }
    check_groups_and_deprecations(set, &ids, out);
    // Examples are checked against the schema only once the schema itself is sound: checking
    // them against a broken one gives knock-on errors that hide the real ones.
    if out.is_empty() {
        for op in &set.operations {
            check_examples(op, syms, out);
        }
    }
}

/// Groups: each a valid cargo feature name with an operation; each operation in a declared
/// group (when the service declares any). Deprecations: the replacement is another operation.
fn check_groups_and_deprecations(set: &SpecSet, ids: &BTreeMap<&str, &str>, out: &mut Diagnostics) {
    let svc = &set.service;
    let groups = &svc.value.groups;
    for name in groups.keys() {
        let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !name.ends_with('-')
            && name != "default";
        if !valid {
            out.push(
                Diagnostic::new(
                    &svc.file,
                    format!("groups.{name}"),
                    format!("group name '{name}' is not a usable cargo feature name"),
                )
                .help("use lower-case words joined by '-', like audit-instance (not 'default')"),
            );
        }
        let used = set.operations.iter().any(|op| {
            op.value.operation.group.as_ref().map(|g| g.value.as_str()) == Some(name.as_str())
        });
        if !used {
            out.push(
                Diagnostic::new(
                    &svc.file,
                    format!("groups.{name}"),
                    format!("group '{name}' has no operation"),
                )
                .help("remove the group, or name it in an operation's `group`"),
            );
        }
    }
    for op in &set.operations {
        let info = &op.value.operation;
        match &info.group {
            Some(g) if !groups.contains_key(&g.value) => {
                let mut d = Diagnostic::new(
                    &op.file,
                    "operation.group",
                    format!("unknown group '{}'", g.value),
                )
                .at(loc(g));
                d = match crate::symbols::closest(&g.value, groups.keys().map(String::as_str)) {
                    Some(near) => d.help(format!(
                        "did you mean '{near}'? (groups are declared in service.yaml)"
                    )),
                    None => d.help("declare it under `groups` in service.yaml"),
                };
                out.push(d);
            }
            None if !groups.is_empty() => out.push(
                Diagnostic::new(
                    &op.file,
                    "operation",
                    "the operation names no group, but service.yaml declares groups",
                )
                .help(format!(
                    "add `group:` with one of: {}",
                    groups.keys().cloned().collect::<Vec<_>>().join(", ")
                )),
            ),
            _ => {}
        }
        let Some(replacement) = info
            .deprecated
            .as_ref()
            .and_then(|d| d.replacement.as_ref())
        else {
            continue;
        };
        let r = replacement.value.as_str();
        if r == info.id.value {
            out.push(
                Diagnostic::new(
                    &op.file,
                    "operation.deprecated.replacement",
                    format!("operation '{r}' cannot replace itself"),
                )
                .at(loc(replacement)),
            );
        } else if !ids.contains_key(r) {
            let mut d = Diagnostic::new(
                &op.file,
                "operation.deprecated.replacement",
                format!("replacement '{r}' is no operation of the service"),
            )
            .at(loc(replacement));
            if let Some(near) = crate::symbols::closest(r, ids.keys().copied()) {
                d = d.help(format!("did you mean '{near}'?"));
            }
            out.push(d);
        }
    }
}

fn is_upper_camel(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

fn check_service(svc: &Loaded<crate::spec::ServiceFile>, out: &mut Diagnostics) {
    let info = &svc.value.service;
    let f = &svc.file;
    let crate_ok = !info.crate_name.is_empty()
        && info
            .crate_name
            .starts_with(|c: char| c.is_ascii_lowercase())
        && info
            .crate_name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    const RESERVED_CRATES: &[&str] = &[
        "std",
        "core",
        "alloc",
        "proc_macro",
        "proc-macro",
        "test",
        "self",
        "crate",
        "super",
    ];
    let crate_ok = crate_ok && !RESERVED_CRATES.contains(&info.crate_name.as_str());
    if info.name.trim().is_empty()
        || !info
            .name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        out.push(Diagnostic::new(
            f,
            "service.name",
            format!(
                "service name '{}' must be a short lower-case name, like dbss",
                info.name
            ),
        ));
    }
    if !crate_ok {
        out.push(Diagnostic::new(
            f,
            "service.crate",
            format!(
                "crate name '{}' must be lower case letters, digits and '-', and not a name Rust reserves (std, core, self, ...)",
                info.crate_name
            ),
        ));
    }
    let version_ok = info.version.split('.').count() == 3
        && info
            .version
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if !version_ok {
        out.push(Diagnostic::new(
            f,
            "service.version",
            format!(
                "version '{}' must be MAJOR.MINOR.PATCH, like 0.1.0",
                info.version
            ),
        ));
    }
    if let Some(ep) = &svc.value.endpoints {
        let t = &ep.template;
        if t.value.matches("{region}").count() != 1
            || !(t.value.starts_with("https://") || t.value.starts_with("http://"))
        {
            out.push(
                Diagnostic::new(
                    f,
                    "endpoints.template",
                    format!(
                        "endpoint template '{}' must be an http(s) URL with {{region}} once",
                        t.value
                    ),
                )
                .at(loc(t))
                .help("for example https://dbss.{region}.myhuaweicloud.com"),
            );
        }
        if ep.regions.is_empty() {
            out.push(Diagnostic::new(f, "endpoints.regions", "no regions listed").at(loc(t)));
        }
        let mut seen = BTreeSet::new();
        for (i, r) in ep.regions.iter().enumerate() {
            if !seen.insert(r.as_str()) {
                out.push(Diagnostic::new(
                    f,
                    format!("endpoints.regions[{i}]"),
                    format!("region '{r}' is listed twice"),
                ));
            }
            if r.is_empty()
                || !r
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                out.push(Diagnostic::new(f, format!("endpoints.regions[{i}]"), format!("region '{r}' must be lower-case letters, digits and '-', like ap-southeast-1")));
            }
        }
    }
    if let Some(codes) = &svc.value.error_codes {
        let mut seen = BTreeSet::new();
        for (i, row) in codes.codes.iter().enumerate() {
            let path = format!("error_codes.codes[{i}]");
            if !seen.insert(row.code.value.as_str()) {
                out.push(
                    Diagnostic::new(
                        f,
                        &path,
                        format!("duplicate error code '{}'", row.code.value),
                    )
                    .at(loc(&row.code)),
                );
            }
            if row.code.value.trim().is_empty() {
                out.push(Diagnostic::new(f, &path, "empty error code").at(loc(&row.code)));
            }
            check_status(f, &path, row.status, out);
        }
    }
}

fn check_status(file: &str, path: &str, status: u16, out: &mut Diagnostics) {
    if !(100..=599).contains(&status) {
        out.push(Diagnostic::new(
            file,
            path,
            format!("status {status} is not an HTTP status code (100 to 599)"),
        ));
    }
}

/// Parses a type string and checks that the table it names exists.
fn check_type(
    file: &str,
    path: &str,
    ty: &Parsed<TypeExpr>,
    syms: &Symbols<'_>,
    out: &mut Diagnostics,
) -> Option<TypeExpr> {
    let parsed = match &ty.parsed {
        Ok(t) => t.clone(),
        Err(e) => {
            out.push(Diagnostic::new(file, path, e).at(ty.loc()));
            return None;
        }
    };
    if let Some(name) = parsed.named_ref()
        && !syms.types.contains_key(name)
    {
        let mut d = Diagnostic::new(file, path, format!("unknown type '{name}'")).at(ty.loc());
        if syms.enums.contains_key(name) {
            d = d.help(format!("'{name}' is an enumeration: give the field the page's type (String or Integer) and `enum: {name}`"));
        } else if let Some(s) = syms.suggest_type(name) {
            d = d.help(format!("did you mean '{s}'?"));
        } else {
            d = d.help(format!(
                "define '{name}' under `types:` in this file or in service.yaml"
            ));
        }
        out.push(d);
        return None;
    }
    Some(parsed)
}

/// Checks an `enum:` reference against the type it is attached to.
fn check_enum_ref(
    file: &str,
    path: &str,
    name: &SpannedStr,
    ty: Option<&TypeExpr>,
    syms: &Symbols<'_>,
    out: &mut Diagnostics,
) {
    let Some(entry) = syms.enums.get(&name.value) else {
        let mut d =
            Diagnostic::new(file, path, format!("unknown enum '{}'", name.value)).at(loc(name));
        if let Some(s) = syms.suggest_enum(&name.value) {
            d = d.help(format!("did you mean '{s}'?"));
        } else {
            d = d.help("define it under `enums:` in this file or in service.yaml");
        }
        out.push(d);
        return;
    };
    let Some(ty) = ty else { return };
    let scalar = match ty {
        TypeExpr::Array(inner) => inner.as_ref(),
        other => other,
    };
    let fits = match entry.def.ty.ok() {
        Some(EnumKind::String) => *scalar == TypeExpr::String,
        Some(EnumKind::Integer | EnumKind::Long) => {
            matches!(scalar, TypeExpr::Integer | TypeExpr::Long)
        }
        None => true, // reported by check_enum
    };
    if !fits {
        out.push(
            Diagnostic::new(
                file,
                path,
                format!(
                    "enum '{}' holds {} values but the field is {}",
                    name.value,
                    entry.def.ty.as_str(),
                    ty.describe()
                ),
            )
            .at(loc(name)),
        );
    }
}

fn check_fields(
    file: &str,
    base: &str,
    fields: &[FieldDef],
    syms: &Symbols<'_>,
    out: &mut Diagnostics,
) {
    let mut seen = BTreeSet::new();
    for f in fields {
        let name = f.name.value.as_str();
        let path = format!("{base}.{name}");
        if name.trim().is_empty() {
            out.push(Diagnostic::new(file, base, "a field has an empty name").at(loc(&f.name)));
            continue;
        }
        if !seen.insert(name) {
            out.push(
                Diagnostic::new(file, &path, format!("duplicate field '{name}'"))
                    .at(loc(&f.name))
                    .help("each row of a table names a different field: remove the repeated row"),
            );
            continue;
        }
        let ty = check_type(file, &path, &f.ty, syms, out);
        if let Some(e) = &f.enumeration {
            check_enum_ref(file, &path, e, ty.as_ref(), syms, out);
        }
        if let (Some(c), Some(ty)) = (&f.constraints, &ty) {
            check_constraints(file, &path, c, ty, loc(&f.name), out);
        }
        if let Some(r) = &f.rust_name {
            check_rust_name(file, &path, r, out);
        }
    }
}

fn check_rust_name(file: &str, path: &str, name: &str, out: &mut Diagnostics) {
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

fn check_constraints(
    file: &str,
    path: &str,
    c: &Constraints,
    ty: &TypeExpr,
    at: Option<(u64, u64)>,
    out: &mut Diagnostics,
) {
    limit_constraints(file, path, c, ty, at, out);
    let mut bad = |what: &str, wants: &str| {
        out.push(
            Diagnostic::new(
                file,
                path,
                format!(
                    "constraint {what} applies to {wants}, but the type is {}",
                    ty.describe()
                ),
            )
            .at(at),
        );
    };
    let is_string = *ty == TypeExpr::String;
    let is_number = matches!(
        ty,
        TypeExpr::Integer | TypeExpr::Long | TypeExpr::Float | TypeExpr::Double
    );
    let is_array = matches!(ty, TypeExpr::Array(_));
    if (c.min_length.is_some() || c.max_length.is_some()) && !is_string {
        bad("min_length/max_length", "String");
    }
    if (c.minimum.is_some() || c.maximum.is_some()) && !is_number {
        bad("minimum/maximum", "numbers");
    }
    if (c.min_items.is_some() || c.max_items.is_some()) && !is_array {
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
            out.push(
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

fn check_enum(file: &str, base: &str, def: &EnumDef, out: &mut Diagnostics) {
    let kind = match &def.ty.parsed {
        Ok(kind) => *kind,
        Err(e) => {
            out.push(Diagnostic::new(file, format!("{base}.type"), e).at(def.ty.loc()));
            return;
        }
    };
    let is_int = kind.is_integer();
    if def.values.is_empty() {
        out.push(Diagnostic::new(
            file,
            base,
            "an enumeration needs at least one value",
        ));
    }
    let mut seen = BTreeSet::new();
    for (i, v) in def.values.iter().enumerate() {
        let path = format!("{base}.values[{i}]");
        let at = loc(&v.value);
        match (&v.value.value, is_int) {
            (Scalar::Str(s), true) => {
                out.push(
                    Diagnostic::new(
                        file,
                        &path,
                        format!("bad enumeration value '{s}': {kind} enumerations take integers"),
                    )
                    .at(at),
                );
                continue;
            }
            (Scalar::Int(n), false) => {
                out.push(
                    Diagnostic::new(
                        file,
                        &path,
                        format!("bad enumeration value {n}: String enumerations take strings"),
                    )
                    .at(at)
                    .help(format!(
                        "quote it (\"{n}\") if the service sends it as a string"
                    )),
                );
                continue;
            }
            (Scalar::Str(s), false) if s.is_empty() => {
                out.push(
                    Diagnostic::new(file, &path, "bad enumeration value: empty string").at(at),
                );
            }
            (Scalar::Int(n), true) if kind == EnumKind::Integer && i32::try_from(*n).is_err() => {
                out.push(Diagnostic::new(file, &path, format!("bad enumeration value {n}: out of range for Integer (32-bit); use type Long")).at(at));
            }
            _ => {}
        }
        let key = v.value.value.text();
        if !seen.insert(key.clone()) {
            out.push(
                Diagnostic::new(file, &path, format!("duplicate enumeration value '{key}'")).at(at),
            );
        }
        if let Some(name) = &v.name
            && (!is_upper_camel(name) || !names::is_identifier(name))
        {
            out.push(
                Diagnostic::new(
                    file,
                    &path,
                    format!("variant name '{name}' must be UpperCamelCase"),
                )
                .at(at),
            );
        }
    }
}

fn check_operation(op: &Loaded<OperationFile>, syms: &Symbols<'_>, out: &mut Diagnostics) {
    let file = op.file.as_str();
    let o = &op.value;
    let id = &o.operation.id;
    if !is_upper_camel(&id.value) {
        out.push(
            Diagnostic::new(
                file,
                "operation.id",
                format!(
                    "operation id '{}' must be UpperCamelCase, like ListInstances",
                    id.value
                ),
            )
            .at(loc(id)),
        );
    }
    let method = &o.operation.method;
    if let Err(e) = &method.parsed {
        out.push(Diagnostic::new(file, "operation.method", e).at(method.loc()));
    }
    check_params(op, syms, out);
    if let Some(req) = &o.request {
        check_body(file, "request.body", &req.body, syms, out);
    }
    let mut success = Vec::new();
    for (status, resp) in &o.responses {
        let path = format!("responses.{status}");
        check_status(file, &path, *status, out);
        if (200..300).contains(status) {
            success.push(status.to_string());
        }
        if let Some(body) = &resp.body {
            check_body(file, &format!("{path}.body"), body, syms, out);
        }
        if let Some(headers) = &resp.headers {
            let at = format!("{path}.headers");
            if !(200..300).contains(status) {
                out.push(
                    Diagnostic::new(file, &at, "only a success response's headers are kept")
                        .help("remove the table, or move it to the success status"),
                );
            }
            check_param_table(file, &at, ParamLocation::Header, headers, syms, out);
        }
    }
    check_paging(op, syms, out);
    if o.any_success.is_some() {
        if !success.is_empty() {
            out.push(
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
        out.push(
            Diagnostic::new(file, "responses", "no success (2xx) response")
                .help("add the page's 200 (or 201, 204) response, or `any_success` where the page documents none"),
        );
    } else if success.len() > 1 {
        out.push(Diagnostic::new(
            file,
            "responses",
            format!(
                "more than one success status ({}); one is supported",
                success.join(", ")
            ),
        ));
    }
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
    fn accepts(self, ty: &TypeExpr) -> bool {
        match self {
            Self::Number => matches!(ty, TypeExpr::Integer | TypeExpr::Long | TypeExpr::String),
            Self::Marker => *ty == TypeExpr::String,
            Self::Count => matches!(ty, TypeExpr::Integer | TypeExpr::Long),
            Self::Items => matches!(ty, TypeExpr::Array(_)),
        }
    }

    /// `<what>'<name>' is <ty>; the <key> must be <expected>`, at `name`.
    fn mismatch(
        self,
        file: &str,
        path: &str,
        what: &str,
        name: &SpannedStr,
        ty: &TypeExpr,
        key: &str,
    ) -> Diagnostic {
        Diagnostic::new(
            file,
            path,
            format!(
                "{what}'{}' is {}; the {key} must be {}",
                name.value,
                ty.describe(),
                self.expected()
            ),
        )
        .at(loc(name))
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

/// `paging`: the parameters it names exist where it says (the query table, or the request
/// body's fields), the items, total and next marker are fields of the success body, each of
/// the right type; a marker style has a next marker, the others none.
fn check_paging(op: &Loaded<OperationFile>, syms: &Symbols<'_>, out: &mut Diagnostics) {
    use crate::spec::{PagingLocation, PagingStyle};
    let file = op.file.as_str();
    let o = &op.value;
    let Some(paging) = &o.paging else { return };
    let id = o.operation.id.value.as_str();
    // The parameters' types, by wire name, where `in` says they are.
    let params: Option<Vec<(&str, Option<TypeExpr>)>> = match paging.location {
        PagingLocation::Query => Some(
            o.parameters
                .query
                .iter()
                .flat_map(|t| &t.items)
                .map(|p| (p.name.value.as_str(), p.ty.ok().cloned()))
                .collect(),
        ),
        PagingLocation::Body => o
            .request
            .as_ref()
            .and_then(|r| body_type(&r.body, id, None))
            .and_then(|t| table_of(&t, syms))
            .map(|fields| {
                fields
                    .iter()
                    .map(|f| (f.name.value.as_str(), f.ty.ok().cloned()))
                    .collect()
            }),
    };
    let (where_, help) = match paging.location {
        PagingLocation::Query => ("query parameter", "name a row of `parameters.query`"),
        PagingLocation::Body => (
            "field of the request body",
            "name a top-level field of the request body's table",
        ),
    };
    let position_value = if paging.style == PagingStyle::Marker {
        PagingValue::Marker
    } else {
        PagingValue::Number
    };
    match &params {
        None => out.push(
            Diagnostic::new(
                file,
                "paging.in",
                "`in: body`, but the operation has no request body with a table of fields",
            )
            .help("use `in: query`, or give the operation its request body"),
        ),
        Some(params) => {
            for (key, name, want) in [
                ("position", &paging.position, position_value),
                ("size", &paging.size, PagingValue::Number),
            ] {
                let path = format!("paging.{key}");
                match params.iter().find(|(n, _)| *n == name.value) {
                    None => {
                        let mut d =
                            Diagnostic::new(file, &path, format!("no {where_} '{}'", name.value))
                                .at(loc(name));
                        d = match crate::symbols::closest(
                            &name.value,
                            params.iter().map(|(n, _)| *n),
                        ) {
                            Some(near) => d.help(format!("did you mean '{near}'?")),
                            None => d.help(help),
                        };
                        out.push(d);
                    }
                    Some((_, Some(ty))) if !want.accepts(ty) => {
                        out.push(want.mismatch(file, &path, &format!("{where_} "), name, ty, key));
                    }
                    // Fine, or its type is reported where it is defined.
                    Some(_) => {}
                }
            }
        }
    }
    let success = o
        .responses
        .iter()
        .find(|(status, _)| (200..300).contains(*status));
    let output = success.and_then(|(status, r)| {
        let body = r.body.as_ref().filter(|b| b.binary.is_none())?;
        body_type(body, id, Some(*status))
    });
    let Some(output) = output else {
        out.push(
            Diagnostic::new(
                file,
                "paging",
                "the operation pages, but its success response has no JSON body to take items from",
            )
            .help("remove `paging`, or give the success response its body"),
        );
        return;
    };
    let fields = [
        ("items", Some(&paging.items), PagingValue::Items),
        ("total", paging.total.as_ref(), PagingValue::Count),
        (
            "next_marker",
            paging.next_marker.as_ref(),
            PagingValue::Marker,
        ),
    ];
    for (key, field, want) in fields {
        let Some(field) = field else { continue };
        let path = format!("paging.{key}");
        match field_at(&output, &field.value, syms) {
            Err(message) => out.push(
                Diagnostic::new(file, &path, message)
                    .at(loc(field))
                    .help("name a field of the success body, or a dotted path through its object fields (`page_info.next_marker`)"),
            ),
            Ok(Some(ty)) if !want.accepts(&ty) => {
                out.push(want.mismatch(file, &path, "", field, &ty, key));
            }
            Ok(_) => {}
        }
    }
    match (paging.style, &paging.next_marker) {
        (PagingStyle::Marker, None) => out.push(
            Diagnostic::new(
                file,
                "paging",
                "`style: marker` needs `next_marker`: the field of the success body that holds the next page's marker",
            )
            .help("add `next_marker: <field>`, or use another style"),
        ),
        (PagingStyle::OffsetLimit | PagingStyle::PageSize, Some(m)) => out.push(
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
}

/// The fields of a named table.
fn table_of<'a>(ty: &TypeExpr, syms: &Symbols<'a>) -> Option<&'a [FieldDef]> {
    match ty {
        TypeExpr::Named(n) => syms.types.get(n).map(|t| t.fields),
        _ => None,
    }
}

/// The type of the field at the dotted `path` in `ty`: `Ok(None)` where a type along the way
/// does not parse (reported where it is written), `Err` with what is wrong otherwise.
fn field_at(ty: &TypeExpr, path: &str, syms: &Symbols<'_>) -> Result<Option<TypeExpr>, String> {
    if path.is_empty() {
        return Err("an empty field path".to_owned());
    }
    let mut current = ty.clone();
    let mut walked = String::new();
    for segment in path.split('.') {
        let Some(fields) = table_of(&current, syms) else {
            return Err(if walked.is_empty() {
                format!(
                    "the success body is {}, not a table of fields",
                    current.describe()
                )
            } else {
                format!(
                    "'{walked}' is {}, not an object with fields",
                    current.describe()
                )
            });
        };
        let Some(field) = fields.iter().find(|f| f.name.value == segment) else {
            let mut message = if walked.is_empty() {
                format!("the success body has no field '{segment}'")
            } else {
                format!("'{walked}' has no field '{segment}'")
            };
            if let Some(near) =
                crate::symbols::closest(segment, fields.iter().map(|f| f.name.value.as_str()))
            {
                message.push_str(&format!(" (did you mean '{near}'?)"));
            }
            return Err(message);
        };
        let Some(next) = field.ty.ok() else {
            return Ok(None);
        };
        current = next.clone();
        if !walked.is_empty() {
            walked.push('.');
        }
        walked.push_str(segment);
    }
    Ok(Some(current))
}

fn check_params(op: &Loaded<OperationFile>, syms: &Symbols<'_>, out: &mut Diagnostics) {
    let file = op.file.as_str();
    let o = &op.value;
    for (kind, table) in o.parameters.tables() {
        let Some(table) = table else { continue };
        check_param_table(file, &format!("parameters.{kind}"), kind, table, syms, out);
    }
    check_path_template(op, out);
}

/// The rows of a parameter table (or of a response's header table, `at` naming where it is).
fn check_param_table(
    file: &str,
    at: &str,
    kind: ParamLocation,
    table: &crate::spec::ParamTable,
    syms: &Symbols<'_>,
    out: &mut Diagnostics,
) {
    let mut seen = BTreeSet::new();
    for p in &table.items {
        let name = p.name.value.as_str();
        let path = format!("{at}.{name}");
        if name.trim().is_empty() {
            out.push(Diagnostic::new(file, at, "a parameter has an empty name").at(loc(&p.name)));
            continue;
        }
        let key = if kind == ParamLocation::Header {
            name.to_ascii_lowercase()
        } else {
            name.to_owned()
        };
        if !seen.insert(key) {
            out.push(
                Diagnostic::new(file, &path, format!("duplicate {kind} parameter '{name}'"))
                    .at(loc(&p.name)),
            );
            continue;
        }
        check_param(file, &path, kind, p, syms, out);
    }
}

fn check_param(
    file: &str,
    path: &str,
    kind: ParamLocation,
    p: &ParamDef,
    syms: &Symbols<'_>,
    out: &mut Diagnostics,
) {
    let ty = check_type(file, path, &p.ty, syms, out);
    if let Some(ty) = &ty {
        let scalar = |t: &TypeExpr| {
            matches!(
                t,
                TypeExpr::String
                    | TypeExpr::Integer
                    | TypeExpr::Long
                    | TypeExpr::Float
                    | TypeExpr::Double
                    | TypeExpr::Boolean
            )
        };
        let ok = match kind {
            ParamLocation::Query => {
                scalar(ty) || matches!(ty, TypeExpr::Array(inner) if scalar(inner))
            }
            ParamLocation::Path | ParamLocation::Header => scalar(ty),
        };
        if !ok {
            out.push(
                Diagnostic::new(
                    file,
                    path,
                    format!("a {kind} parameter cannot be of type {}", ty.describe()),
                )
                .at(p.ty.loc()),
            );
        }
        if let Some(c) = &p.constraints {
            check_constraints(file, path, c, ty, loc(&p.name), out);
        }
    }
    if let Some(e) = &p.enumeration {
        check_enum_ref(file, path, e, ty.as_ref(), syms, out);
    }
    if kind == ParamLocation::Path && !p.mandatory {
        out.push(
            Diagnostic::new(file, path, "a path parameter must be mandatory").at(loc(&p.name)),
        );
    }
    if let Some(r) = &p.rust_name {
        check_rust_name(file, path, r, out);
    }
}

fn check_path_template(op: &Loaded<OperationFile>, out: &mut Diagnostics) {
    let file = op.file.as_str();
    let o = &op.value;
    let tpl = &o.operation.path;
    let at = tpl.loc();
    if !tpl.as_str().starts_with('/') {
        out.push(
            Diagnostic::new(
                file,
                "operation.path",
                format!("path template '{}' must start with '/'", tpl.as_str()),
            )
            .at(at),
        );
    }
    if tpl.as_str().contains(['?', '#']) {
        out.push(Diagnostic::new(file, "operation.path", "the path template must not contain a query or fragment; list query parameters under parameters.query").at(at));
    }
    let template = match &tpl.parsed {
        Ok(t) => t,
        Err(e) => {
            out.push(Diagnostic::new(file, "operation.path", e).at(at));
            return;
        }
    };
    let declared_params: Vec<&ParamDef> = o
        .parameters
        .path
        .iter()
        .flat_map(|t| t.items.iter())
        .collect();
    let declared: Vec<&str> = declared_params
        .iter()
        .map(|p| p.name.value.as_str())
        .collect();
    let mut used = BTreeSet::new();
    for name in template.params() {
        if !used.insert(name) {
            out.push(
                Diagnostic::new(
                    file,
                    "operation.path",
                    format!("path template uses '{{{name}}}' twice"),
                )
                .at(at),
            );
        }
        if !declared.contains(&name) {
            out.push(
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
    }
    for p in declared_params {
        let name = p.name.value.as_str();
        if !used.contains(name) {
            out.push(
                Diagnostic::new(file, format!("parameters.path.{name}"), format!("path parameter '{name}' is missing from the path template '{}'", tpl.as_str()))
                    .at(loc(&p.name))
                    .help(format!("add '{{{name}}}' to operation.path, or move the parameter to the table it belongs to")),
            );
        }
    }
}

fn check_body(file: &str, path: &str, body: &BodyDef, syms: &Symbols<'_>, out: &mut Diagnostics) {
    if body.binary.is_some() {
        let mut problem = |message: &str, help: &str| {
            out.push(Diagnostic::new(file, path, message.to_owned()).help(help.to_owned()));
        };
        if body.ty.is_some() || body.fields.is_some() || body.name.is_some() {
            problem(
                "a body of bytes (`binary`) has no `type`, `fields` or `name`",
                "keep `binary` for a file download, or remove it for a JSON body",
            );
        }
        let success = path
            .strip_prefix("responses.")
            .and_then(|rest| rest.split('.').next())
            .and_then(|status| status.parse::<u16>().ok())
            .is_some_and(|status| (200..300).contains(&status));
        if !success {
            problem(
                "only a success response can be a body of bytes (`binary`)",
                "describe a request or error body with `type` or `fields`",
            );
        }
        return;
    }
    match (&body.ty, &body.fields) {
        (Some(_), Some(_)) => out.push(Diagnostic::new(
            file,
            path,
            "a body has either `type` or `fields`, not both",
        )),
        (None, None) => out.push(Diagnostic::new(
            file,
            path,
            "a body needs `fields` (its table) or `type` (a type it refers to)",
        )),
        (Some(ty), None) => {
            if let Some(n) = &body.name {
                out.push(
                    Diagnostic::new(
                        file,
                        path,
                        "`name` names an inline table; a body with `type` has none",
                    )
                    .at(loc(n)),
                );
            }
            check_type(file, path, ty, syms, out);
        }
        (None, Some(_)) => {} // the inline table is a symbol and is checked with the others
    }
}

/// The type a body decodes into, if it checks out.
fn body_type(body: &BodyDef, op_id: &str, status: Option<u16>) -> Option<TypeExpr> {
    match (&body.ty, &body.fields) {
        (Some(ty), None) => ty.ok().cloned(),
        (None, Some(_)) => Some(TypeExpr::Named(body_name(body, op_id, status))),
        _ => None,
    }
}

fn check_examples(op: &Loaded<OperationFile>, syms: &Symbols<'_>, out: &mut Diagnostics) {
    let file = op.file.as_str();
    let o = &op.value;
    let id = o.operation.id.value.as_str();
    for (i, ex) in o.examples.responses.iter().enumerate() {
        let path = format!("examples.responses[{i}]");
        let at = loc(&ex.body);
        let Some(resp) = o.responses.get(&ex.status) else {
            out.push(
                Diagnostic::new(
                    file,
                    &path,
                    format!(
                        "example for status {} which is not under responses",
                        ex.status
                    ),
                )
                .at(at),
            );
            continue;
        };
        if resp.body.as_ref().is_some_and(|b| b.binary.is_some()) {
            out.push(
                Diagnostic::new(
                    file,
                    &path,
                    format!(
                        "response {} is bytes (`binary`): an example of it cannot be checked",
                        ex.status
                    ),
                )
                .at(at)
                .help("remove the example"),
            );
            continue;
        }
        let Some(ty) = resp
            .body
            .as_ref()
            .and_then(|b| body_type(b, id, Some(ex.status)))
        else {
            if resp.body.is_none() && !ex.body.value.trim().is_empty() {
                out.push(
                    Diagnostic::new(
                        file,
                        &path,
                        format!("example has a body but response {} has none", ex.status),
                    )
                    .at(at),
                );
            }
            continue;
        };
        check_example_json(
            file,
            &format!("{path}.body"),
            at,
            &ex.body.value,
            &ty,
            syms,
            out,
        );
    }
    for (i, ex) in o.examples.requests.iter().enumerate() {
        let path = format!("examples.requests[{i}]");
        if !request_line_matches(&ex.line, o.operation.path.as_str()) {
            out.push(Diagnostic::new(
                file,
                format!("{path}.line"),
                format!(
                    "example request '{}' does not match the path template '{}'",
                    ex.line.lines().next().unwrap_or(""),
                    o.operation.path.as_str()
                ),
            ));
        }
        match (&ex.body, &o.request) {
            (Some(_), None) => out.push(Diagnostic::new(
                file,
                format!("{path}.body"),
                "example request has a body but the operation has no request body",
            )),
            (Some(text), Some(req)) => {
                if let Some(ty) = body_type(&req.body, id, None) {
                    check_example_json(file, &format!("{path}.body"), None, text, &ty, syms, out);
                }
            }
            _ => {}
        }
    }
}

/// `POST https://{endpoint}/v2/{project_id}/x?limit=1` or `/v2/{project_id}/x` against the template.
fn request_line_matches(line: &str, template: &str) -> bool {
    let first = line.lines().next().unwrap_or("").trim();
    let target = first.rsplit(' ').next().unwrap_or(first);
    let path = match target.find("://") {
        Some(i) => target[i + 3..]
            .find('/')
            .map_or("/", |j| &target[i + 3 + j..]),
        None => target,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let got: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let want: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    got.len() == want.len()
        && got
            .iter()
            .zip(&want)
            .all(|(g, w)| g == w || (w.starts_with('{') && w.ends_with('}') && !g.is_empty()))
}

fn check_example_json(
    file: &str,
    path: &str,
    at: Option<(u64, u64)>,
    text: &str,
    ty: &TypeExpr,
    syms: &Symbols<'_>,
    out: &mut Diagnostics,
) {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            out.push(
                Diagnostic::new(
                    file,
                    path,
                    format!(
                        "example is not valid JSON: {e} (line {} of the example)",
                        e.line()
                    ),
                )
                .at(at),
            );
            return;
        }
    };
    let mut problems = Vec::new();
    validate_json(&value, ty, None, syms, "", &mut problems);
    for (json_path, message) in problems {
        let where_ = if json_path.is_empty() {
            "the top level".to_owned()
        } else {
            json_path
        };
        out.push(
            Diagnostic::new(file, path, format!("example contradicts the schema at {where_}: {message}"))
                .at(at)
                .help("the example is the page's evidence: fix the table it contradicts (type, missing field, enumeration value), or the example if the page has a typo"),
        );
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Checks a JSON value against a page type; `null` is accepted everywhere (fields are optional).
pub fn validate_json(
    v: &Value,
    ty: &TypeExpr,
    enumeration: Option<&str>,
    syms: &Symbols<'_>,
    path: &str,
    out: &mut Vec<(String, String)>,
) {
    if v.is_null() {
        return;
    }
    let mismatch = |out: &mut Vec<(String, String)>| {
        out.push((
            path.to_owned(),
            format!(
                "expected {}, found {} {}",
                ty.describe(),
                kind_of(v),
                short(v)
            ),
        ))
    };
    match ty {
        TypeExpr::String => match v.as_str() {
            Some(s) => check_enum_value(&Scalar::Str(s.to_owned()), enumeration, syms, path, out),
            None => mismatch(out),
        },
        TypeExpr::Integer | TypeExpr::Long => match v.as_i64() {
            Some(n) if *ty == TypeExpr::Integer && i32::try_from(n).is_err() => {
                out.push((
                    path.to_owned(),
                    format!("{n} is out of range for Integer (32-bit); the page may mean Long"),
                ));
            }
            Some(n) => check_enum_value(&Scalar::Int(n), enumeration, syms, path, out),
            None => mismatch(out),
        },
        TypeExpr::Float | TypeExpr::Double => {
            if !v.is_number() {
                mismatch(out);
            }
        }
        TypeExpr::Boolean => {
            if !v.is_boolean() {
                mismatch(out);
            }
        }
        TypeExpr::Json => {}
        TypeExpr::Array(inner) => match v.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    validate_json(item, inner, enumeration, syms, &format!("{path}[{i}]"), out);
                }
            }
            None => mismatch(out),
        },
        TypeExpr::Map(inner) => match v.as_object() {
            Some(map) => {
                for (k, item) in map {
                    validate_json(item, inner, enumeration, syms, &join(path, k), out);
                }
            }
            None => mismatch(out),
        },
        TypeExpr::Named(name) => {
            let (Some(obj), Some(entry)) = (v.as_object(), syms.types.get(name)) else {
                if !v.is_object() {
                    mismatch(out);
                }
                return;
            };
            for (k, item) in obj {
                let Some(field) = entry.fields.iter().find(|f| f.name.value == *k) else {
                    out.push((
                        join(path, k),
                        format!("field '{k}' is not in the {name} table"),
                    ));
                    continue;
                };
                let Some(fty) = field.ty.ok() else {
                    continue;
                };
                let e = field.enumeration.as_ref().map(|e| e.value.as_str());
                validate_json(item, fty, e, syms, &join(path, k), out);
            }
        }
    }
}

fn check_enum_value(
    value: &Scalar,
    enumeration: Option<&str>,
    syms: &Symbols<'_>,
    path: &str,
    out: &mut Vec<(String, String)>,
) {
    let Some(entry) = enumeration.and_then(|e| syms.enums.get(e)) else {
        return;
    };
    if !entry.def.values.iter().any(|v| v.value.value == *value) {
        let shown = match value {
            Scalar::Int(n) => n.to_string(),
            Scalar::Str(s) => format!("'{s}'"),
        };
        out.push((
            path.to_owned(),
            format!(
                "{shown} is not a documented value of enum {}",
                enumeration.unwrap_or("")
            ),
        ));
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
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
    ty: &TypeExpr,
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
    if *ty == TypeExpr::Integer {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines_match_templates() {
        let t = "/v2/{project_id}/db-om/instances";
        assert!(request_line_matches("/v2/{project_id}/db-om/instances", t));
        assert!(request_line_matches(
            "POST https://{endpoint}/v2/abc/db-om/instances?x=1",
            t
        ));
        assert!(!request_line_matches("/v2/{project_id}/db-om/instance", t));
        assert!(!request_line_matches("/v2//db-om/instances", t));
    }
}
