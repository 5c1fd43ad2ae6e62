//! Stage 2, build: a read [`Page`] and the person's [`Overrides`] into the spec
//! ([`Operation`] and the types it shares with the service).
//!
//! Tables are told apart by their captions: an object table is captioned by the object's name
//! (`Table 4 Cluster`), the others by what they hold (`Path Parameters`, `URI parameter`,
//! `Query Parameters`, `Request header parameters`, `Request body parameters`, `Response body
//! parameters`), and where they stand (under `Status code: N` or not). Object tables of one
//! name are one type when their rows are the same. Every name a row refers to (`Array of X
//! objects`) must have its table; every override must still match the page.

use std::collections::{BTreeMap, BTreeSet};

use spec_model::names::default_body_name;
use spec_model::{
    AnySuccess, EnumDef, EnumKind, EnumValue, ExampleRequest, ExampleResponse, Parameters, Parsed,
    RequestDef, ResponseDef, Scalar, TypeExpr, names,
};

use crate::out::{
    Field, Operation, Origin, PARAM_KINDS, ParamTable, TypeSpec, body, first_difference, unplaced,
};
use crate::overrides::{FieldOverride, Overrides, ValueKey};
use crate::page::{Page, Placement, Row, Table, is_header_name, is_object_name, table_label};
use crate::problem::{Problem, Problems};
use crate::text::{self, FoundEnum, kind_of, limits};

/// What the import needs besides the page and the overrides.
#[derive(Debug, Clone)]
pub struct Context {
    /// The page's file name (`list-instances.txt`), as `tables` entries name it.
    pub page_file: String,
    /// How messages name the page (`spec/sources/dbss/list-instances.txt`).
    pub page_display: String,
    /// `operation.source.page`: the page relative to the operation file.
    pub page_ref: String,
    /// The `$schema` reference of the first comment line (`../schema.json`).
    pub schema_ref: String,
    /// How messages name the overrides file.
    pub overrides_display: String,
    /// The overrides file relative to the operation file (`overrides/list_instances.yaml`).
    pub overrides_ref: String,
    /// The operation id.
    pub operation_id: String,
}

/// The result of the build: the operation file and the types it puts in `service.yaml`.
#[derive(Debug, Clone)]
pub struct Built {
    /// The operation file.
    pub op: Operation,
    /// Types for `service.yaml`, in page order.
    pub shared: Vec<TypeSpec>,
    /// Enumerations for `service.yaml` (those the shared types name), each with the fields
    /// that name it in `sources` (`"<page>: <Type>.<field>"`).
    pub shared_enums: BTreeMap<String, EnumDef>,
    /// What the user should know but does not stop the import.
    pub warnings: Vec<Problem>,
    /// For each of the operation's example responses, its place among the page's (counted
    /// from 1, as `drop_example_responses` counts) and its line.
    pub example_origins: Vec<(usize, usize)>,
}

/// A field whose description lists an enumeration, before it is named.
struct Cand {
    h: Holder,
    fi: usize,
    owner: String,
    default: String,
    explicit: Option<String>,
    def: EnumDef,
    line: usize,
}

/// What a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Param(usize),
    RequestBody,
    ResponseBody(u16),
    ResponseHeader(u16),
    Object,
    Unknown,
}

/// Which list of rows a field is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holder {
    Param(usize),
    Body(usize),
    Type(usize),
}

/// A body table before it is placed.
#[derive(Debug, Clone)]
struct BodyTable {
    /// `request` or the status.
    key: String,
    status: Option<u16>,
    caption: String,
    number: u32,
    name: String,
    fields: Vec<Field>,
    /// Index in `types` when the body became a type.
    as_type: Option<usize>,
}

struct Builder<'a> {
    page: &'a Page,
    ov: &'a Overrides,
    ctx: &'a Context,
    problems: &'a mut Problems,
    warnings: Vec<Problem>,
    params: [Option<ParamTable>; 3],
    /// Response header tables, by status.
    response_headers: BTreeMap<u16, ParamTable>,
    bodies: Vec<BodyTable>,
    types: Vec<TypeSpec>,
    enums: BTreeMap<String, EnumDef>,
    /// [`Built::example_origins`].
    example_origins: Vec<(usize, usize)>,
}

/// Builds the spec of `page`. Problems go to `problems`; what is built is returned anyway (a
/// partial import writes it).
pub fn build(page: &Page, ov: &Overrides, ctx: &Context, problems: &mut Problems) -> Built {
    let mut b = Builder {
        page,
        ov,
        ctx,
        problems,
        warnings: Vec::new(),
        params: [None, None, None],
        response_headers: BTreeMap::new(),
        bodies: Vec::new(),
        types: Vec::new(),
        enums: BTreeMap::new(),
        example_origins: Vec::new(),
    };
    for (line, note) in &page.notes {
        b.warn(Some(*line), note.clone());
    }
    if let Some((name, line)) = &page.api_name
        && *name != ctx.operation_id
    {
        b.warn(
            Some(*line),
            format!(
                "the page names the API `{name}`; the operation id is `{}` (`--operation-id`, recorded as `operation_id` in {}): pass `--operation-id {name}` to use the page's",
                ctx.operation_id, ctx.overrides_display
            ),
        );
    }
    b.tables();
    b.name_bodies();
    b.rename_types();
    // Before the overrides, so that a `type:` override can undo a link it makes.
    b.link_field_tables();
    b.apply_field_overrides();
    b.infer_types();
    b.find_enums();
    b.find_limits();
    b.check_references();
    let (shared, shared_enums) = b.share();
    let op = b.operation(&shared);
    Built {
        op,
        shared,
        shared_enums,
        warnings: b.warnings,
        example_origins: b.example_origins,
    }
}

/// The first value of the key `name` in an example body, depth first.
fn example_value<'a>(v: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    match v {
        serde_json::Value::Object(m) => m
            .get(name)
            .or_else(|| m.values().find_map(|x| example_value(x, name))),
        serde_json::Value::Array(a) => a.iter().find_map(|x| example_value(x, name)),
        _ => None,
    }
}

/// The page type of an example value (`null` shows none).
fn json_type(v: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    Some(match v {
        Value::Null => return None,
        Value::Bool(_) => "Boolean".to_owned(),
        Value::Number(n) if n.is_i64() || n.is_u64() => text::value_type(&n.to_string()).to_owned(),
        Value::Number(_) => "Double".to_owned(),
        Value::String(_) => "String".to_owned(),
        Value::Object(_) => "Object".to_owned(),
        Value::Array(a) => match a.first().and_then(json_type) {
            Some(t) if t == "Object" => "Array of objects".to_owned(),
            Some(t) => format!("Array of {}s", t.to_ascii_lowercase()),
            None => return None,
        },
    })
}

/// A caption that says only that the table lists parameters (`Parameter description`,
/// `Response parameters`, `Parameters`): what the table is comes from where it stands.
fn is_generic(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    matches!(
        n.as_str(),
        "parameter description"
            | "parameters"
            | "parameter"
            | "request parameters"
            | "response parameters"
            | "normal response"
            | "parameters in the response"
    )
}

/// The field an older template's caption names (`resource_tag` of `resource_tag field
/// description`, `error` of `Parameters in the error field`), as written.
pub(crate) fn caption_field(caption_name: &str) -> Option<&str> {
    let lower = caption_name.to_ascii_lowercase();
    let field = lower
        .strip_suffix(" field description")
        .or_else(|| {
            lower
                .strip_prefix("parameters in the ")
                .and_then(|r| r.strip_suffix(" field"))
        })?
        .trim();
    let start = lower.find(field)?;
    caption_name.get(start..start + field.len())
}

/// The object a table describes: its caption's name (`Cluster`), or the field the older
/// template names (`resource_tag field description`, `Parameters in the error field`) in
/// UpperCamelCase.
fn object_name(caption_name: &str) -> Option<String> {
    if is_generic(caption_name) {
        return None;
    }
    if is_object_name(caption_name) {
        return Some(caption_name.to_owned());
    }
    let field = caption_field(caption_name)?;
    crate::page::is_name_cell(field).then(|| names::type_name(&field.replace(['-', '.'], "_")))
}

/// The first row where two tables differ ([`first_difference`]).
fn same_rows(a: &[Field], b: &[Field]) -> Option<usize> {
    first_difference(a, &b.iter().map(Field::to_field).collect::<Vec<_>>())
}

/// Replaces the object name `from` by `to` in a type string.
fn rename_in_type(ty: &str, from: &str, to: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word == from {
            out.push_str(to);
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in ty.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// `1-7, 9` from table numbers.
fn ranges(numbers: &[u32]) -> String {
    let mut n: Vec<u32> = numbers.to_vec();
    n.sort_unstable();
    n.dedup();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < n.len() {
        let mut j = i;
        while j + 1 < n.len() && n[j + 1] == n[j] + 1 {
            j += 1;
        }
        if j > i {
            parts.push(format!("{}-{}", n[i], n[j]));
        } else {
            parts.push(n[i].to_string());
        }
        i = j + 1;
    }
    parts.join(", ")
}

fn tables_phrase(numbers: &[u32]) -> String {
    let r = ranges(numbers);
    if numbers.len() == 1 {
        format!("Table {r}")
    } else {
        format!("Tables {r}")
    }
}

impl Builder<'_> {
    fn page_problem(&mut self, line: Option<usize>, message: String, help: Option<String>) {
        let mut p = Problem::at_line(&self.ctx.page_display, line, message);
        if let Some(h) = help {
            p = p.help(h);
        }
        self.problems.push(p);
    }

    fn stale(&mut self, key: &str, message: String) {
        if self.page.truncated {
            // What a cut page lacks is reported once, where it ends; overrides about the lost
            // part are not stale.
            return;
        }
        self.problems.push(
            Problem::at_line(
                &self.ctx.overrides_display,
                None,
                format!("{key}: {message}"),
            )
            .help("the page no longer matches this override: update or remove it"),
        );
    }

    fn warn(&mut self, line: Option<usize>, message: String) {
        self.warnings
            .push(Problem::at_line(&self.ctx.page_display, line, message));
    }

    fn role(&self, t: &Table, success: u16) -> Role {
        if object_name(&t.name).is_some() {
            return Role::Object;
        }
        let name = t.name.to_ascii_lowercase();
        let in_path = |r: &Row| self.page.path.contains(&format!("{{{}}}", r.name));
        let headers = !t.rows.is_empty() && t.rows.iter().all(|r| is_header_name(&r.name));
        match t.placement {
            Placement::Request => {
                if name.contains("header") || headers {
                    Role::Param(2)
                } else if name.contains("query") {
                    Role::Param(1)
                } else if name.contains("path") || name.contains("uri") {
                    Role::Param(0)
                } else if name.contains("body") {
                    Role::RequestBody
                } else if t.in_uri && !t.rows.is_empty() && t.rows.iter().all(in_path) {
                    // `Table 1 Parameter description` under URI: the path's parameters.
                    Role::Param(0)
                } else if t.in_uri && !t.rows.iter().any(in_path) {
                    Role::Param(1)
                } else if !t.in_uri && is_generic(&name) {
                    // `Table 2 Parameter description` under Request Parameters.
                    Role::RequestBody
                } else {
                    Role::Unknown
                }
            }
            Placement::Response(_) | Placement::ResponseWithoutStatus
                if name.contains("header") =>
            {
                let s = match t.placement {
                    Placement::Response(s) => s,
                    _ => self.ov.response_status.unwrap_or(success),
                };
                Role::ResponseHeader(s)
            }
            // `response_status: 400`: the tables under no status are that status's.
            Placement::ResponseWithoutStatus
                if self.ov.response_status.is_some_and(|s| {
                    name.contains("body") || (is_generic(&name) && !self.has_body(s))
                }) =>
            {
                Role::ResponseBody(self.ov.response_status.unwrap_or(success))
            }
            Placement::Response(s) if name.contains("body") => Role::ResponseBody(s),
            Placement::ResponseWithoutStatus if name.contains("body") => {
                Role::ResponseBody(success)
            }
            // `Table 2 Response parameters`, `Parameter description`: the body, when the status
            // has none yet.
            Placement::Response(s) if is_generic(&name) && !self.has_body(s) => {
                Role::ResponseBody(s)
            }
            Placement::ResponseWithoutStatus if is_generic(&name) && !self.has_body(success) => {
                Role::ResponseBody(success)
            }
            _ => Role::Unknown,
        }
    }

    /// The success status the page states: the first 2xx of its Status Codes table, else of
    /// its `Status code: N` headings.
    fn stated_success(&self) -> Option<u16> {
        let page = self.page;
        page.status_codes
            .iter()
            .flatten()
            .map(|r| r.status)
            .chain(page.responses.iter().map(|r| r.status))
            .find(|s| (200..300).contains(s))
    }

    /// `response_status`: a status, and the page has something under no status for it.
    fn check_response_status(&mut self) {
        let Some(status) = self.ov.response_status else {
            return;
        };
        let page = self.page;
        if !(100..600).contains(&status) {
            self.stale("response_status", format!("{status} is not an HTTP status"));
        } else if !page
            .tables
            .iter()
            .any(|t| t.placement == Placement::ResponseWithoutStatus)
            && !page.example_responses.iter().any(|e| e.status == 0)
        {
            self.stale(
                "response_status",
                "the page has no response table and no example response that stands under no status"
                    .to_owned(),
            );
        }
    }

    /// The success status: the one the page states, else 200.
    fn success(&self) -> u16 {
        self.stated_success().unwrap_or(200)
    }

    fn has_body(&self, status: u16) -> bool {
        self.bodies.iter().any(|b| b.status == Some(status))
    }

    fn field(&self, t: &Table, row: &Row, param: bool) -> Field {
        let origin = Origin {
            table: table_label(t.number, &t.name),
            line: row.line,
        };
        let mut f = Field {
            name: row.name.clone(),
            mandatory: row.mandatory,
            ty: row.ty.clone(),
            description: row.description.join("\n"),
            origin,
            cell: row.description.clone(),
            ..Field::default()
        };
        if param && let Some(b) = text::blocks(&row.description) {
            f.description = b.description;
            f.restrictions = b.restrictions;
            f.range = b.range;
            f.default = b.default;
        }
        f
    }

    /// Sorts the tables into parameters, bodies and objects.
    fn tables(&mut self) {
        let page = self.page;
        let success = self.success();
        self.check_response_status();
        if self.stated_success().is_none()
            && self.ov.response_status.is_none()
            && !page.truncated
            && let Some(t) = page
                .tables
                .iter()
                .find(|t| t.placement == Placement::ResponseWithoutStatus)
        {
            self.warn(
                Some(t.line),
                format!(
                    "the page states no success status (no `Status code: N` heading, no 2xx row in a Status Codes table): {}, which stands under no status, is taken as status {success}'s",
                    table_label(t.number, &t.name)
                ),
            );
        }
        let mut object_index: BTreeMap<String, usize> = BTreeMap::new();
        let mut object_first: BTreeMap<String, String> = BTreeMap::new();
        for t in &page.tables {
            let label = table_label(t.number, &t.name);
            let role = self.role(t, success);
            let said = ["header", "query", "path", "uri", "body"]
                .iter()
                .any(|w| t.name.to_ascii_lowercase().contains(w));
            let what = match role {
                Role::Param(k) => Some(format!("the {} parameters", PARAM_KINDS[k])),
                Role::RequestBody => Some("the request body".to_owned()),
                Role::ResponseBody(s) => Some(format!("the body of status {s}")),
                _ => None,
            };
            if let Some(what) = what.filter(|_| !said) {
                self.warn(
                    Some(t.line),
                    format!(
                        "{label}: the caption does not say what the table holds; read as {what} (from where it stands and its rows)"
                    ),
                );
            }
            match role {
                Role::Param(k) => {
                    if let Some(prev) = &self.params[k] {
                        let prev = prev.table.clone();
                        self.page_problem(
                            Some(t.line),
                            format!(
                                "{label}: a second table of {} parameters (the first is {prev})",
                                PARAM_KINDS[k]
                            ),
                            None,
                        );
                        continue;
                    }
                    let mut items = Vec::new();
                    for row in &t.rows {
                        let mut f = self.field(t, row, true);
                        if f.mandatory.is_none() {
                            f.mandatory = Some(k == 0);
                        }
                        items.push(f);
                    }
                    if !t.has_mandatory && !t.rows.is_empty() {
                        self.warn(
                            Some(t.line),
                            format!(
                                "{label} has no Mandatory column: its parameters are taken as {}",
                                if k == 0 { "mandatory" } else { "optional" }
                            ),
                        );
                    }
                    self.params[k] = Some(ParamTable {
                        table: t.caption.clone(),
                        items,
                    });
                }
                Role::RequestBody | Role::ResponseBody(_) => {
                    let (key, status) = match self.role(t, success) {
                        Role::ResponseBody(s) => (s.to_string(), Some(s)),
                        _ => ("request".to_owned(), None),
                    };
                    if let Some(prev) = self.bodies.iter().find(|b| b.key == key) {
                        let prev = prev.caption.clone();
                        let what = match status {
                            Some(s) => format!("the body of status {s}"),
                            None => "the request body".to_owned(),
                        };
                        self.page_problem(
                            Some(t.line),
                            format!("{label}: a second table for {what} (the first is {prev})"),
                            Some("is a `Status code: N` heading missing above it?".to_owned()),
                        );
                        continue;
                    }
                    let fields = t.rows.iter().map(|r| self.field(t, r, false)).collect();
                    self.bodies.push(BodyTable {
                        key,
                        status,
                        caption: t.caption.clone(),
                        number: t.number,
                        name: String::new(),
                        fields,
                        as_type: None,
                    });
                }
                Role::ResponseHeader(s) => {
                    if let Some(prev) = self.response_headers.get(&s) {
                        let prev = prev.table.clone();
                        self.page_problem(
                            Some(t.line),
                            format!("{label}: a second table of response headers of status {s} (the first is {prev})"),
                            None,
                        );
                        continue;
                    }
                    let items = t
                        .rows
                        .iter()
                        .map(|row| {
                            let mut f = self.field(t, row, true);
                            f.mandatory = Some(f.mandatory.unwrap_or(false));
                            f
                        })
                        .collect();
                    self.response_headers.insert(
                        s,
                        ParamTable {
                            table: t.caption.clone(),
                            items,
                        },
                    );
                }
                Role::Object => {
                    let oname = object_name(&t.name).unwrap_or_else(|| t.name.clone());
                    let fields: Vec<Field> =
                        t.rows.iter().map(|r| self.field(t, r, false)).collect();
                    let entry = format!("{}: {}", self.ctx.page_file, t.caption);
                    match object_index.get(&oname) {
                        Some(&i) => {
                            if let Some(row) = same_rows(&self.types[i].fields, &fields) {
                                let first = object_first.get(&oname).cloned().unwrap_or_default();
                                let which = fields
                                    .get(row)
                                    .or_else(|| self.types[i].fields.get(row))
                                    .map_or(String::new(), |f| format!(" `{}`", f.name));
                                self.page_problem(
                                    Some(t.line),
                                    format!(
                                        "{label} defines the object {} differently from {first} (row {}{which})",
                                        oname,
                                        row + 1
                                    ),
                                    Some("one name is one type in the spec: the two tables must be the same, row for row".to_owned()),
                                );
                            }
                            self.types[i].tables.push(entry);
                            self.types[i].numbers.push(t.number);
                        }
                        None => {
                            object_index.insert(oname.clone(), self.types.len());
                            object_first.insert(oname.clone(), label.clone());
                            self.types.push(TypeSpec {
                                name: oname.clone(),
                                description: None,
                                tables: vec![entry],
                                fields,
                                aliases: vec![oname.clone()],
                                numbers: vec![t.number],
                            });
                        }
                    }
                }
                Role::Unknown => self.page_problem(
                    Some(t.line),
                    format!("cannot tell what {label} is"),
                    Some(match t.placement {
                        Placement::Request => "under URI and Request Parameters, a caption names path (or URI), query or header parameters, the request body, or an object (`Table 5 Cluster`)".to_owned(),
                        _ => "under Response Parameters, a caption names the response body, response headers, or an object (`Table 5 Cluster`)".to_owned(),
                    }),
                ),
            }
        }
    }

    /// Names every body; bodies that share a name, or whose name is shared, become one type.
    fn name_bodies(&mut self) {
        let id = self.ctx.operation_id.clone();
        for (key, name) in &self.ov.bodies {
            if !self.bodies.iter().any(|b| &b.key == key) {
                let what = if key == "request" {
                    "no request body table".to_owned()
                } else {
                    format!("no body table for status {key}")
                };
                self.stale(
                    &format!("bodies.{key}"),
                    format!("the page has {what} (named {name} here)"),
                );
            }
        }
        for b in &mut self.bodies {
            b.name = self
                .ov
                .bodies
                .get(&b.key)
                .cloned()
                .unwrap_or_else(|| default_body_name(&id, b.status));
        }
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for (i, b) in self.bodies.iter().enumerate() {
            match groups.iter_mut().find(|(n, _)| *n == b.name) {
                Some((_, v)) => v.push(i),
                None => groups.push((b.name.clone(), vec![i])),
            }
        }
        for (name, members) in groups {
            if let Some(t) = self.types.iter().find(|t| t.name == name) {
                let tables = t.tables.join(", ");
                let keys: Vec<String> = members
                    .iter()
                    .map(|&i| self.bodies[i].key.clone())
                    .collect();
                self.problems.push(
                    Problem::at_line(
                        &self.ctx.overrides_display,
                        None,
                        format!(
                            "the body of {} is named {name}, which is also the object of {tables}",
                            keys.join(", ")
                        ),
                    )
                    .help(format!(
                        "name the body differently: `bodies: {{ {}: OtherName }}`",
                        keys[0]
                    )),
                );
                continue;
            }
            let shared = self.ov.shared.contains(&name);
            if members.len() == 1 && !shared {
                continue;
            }
            let first = members[0];
            for &m in &members[1..] {
                if let Some(row) = same_rows(&self.bodies[first].fields, &self.bodies[m].fields) {
                    let (a, b) = (&self.bodies[first], &self.bodies[m]);
                    let msg = format!(
                        "the bodies {} and {} are both named {name}, but differ at row {}",
                        a.caption,
                        b.caption,
                        row + 1
                    );
                    self.problems.push(
                        Problem::at_line(&self.ctx.overrides_display, None, msg)
                            .help("bodies with one name are one type: give them different names under `bodies`"),
                    );
                }
            }
            let index = self.types.len();
            let mut t = TypeSpec {
                name: name.clone(),
                description: None,
                tables: Vec::new(),
                fields: self.bodies[first].fields.clone(),
                aliases: Vec::new(),
                numbers: Vec::new(),
            };
            for &m in &members {
                let b = &mut self.bodies[m];
                t.tables
                    .push(format!("{}: {}", self.ctx.page_file, b.caption));
                t.numbers.push(b.number);
                t.aliases.push(b.key.clone());
                b.as_type = Some(index);
            }
            self.types.push(t);
        }
    }

    fn all_fields_mut(&mut self) -> Vec<&mut Field> {
        let mut out: Vec<&mut Field> = Vec::new();
        for t in self.params.iter_mut().flatten() {
            out.extend(t.items.iter_mut());
        }
        for b in &mut self.bodies {
            if b.as_type.is_none() {
                out.extend(b.fields.iter_mut());
            }
        }
        for t in &mut self.types {
            out.extend(t.fields.iter_mut());
        }
        out
    }

    /// Applies `types:` renames.
    fn rename_types(&mut self) {
        let ov = self.ov;
        for (from, to) in &ov.types {
            let key = format!("types.{from}");
            let Some(i) = self
                .types
                .iter()
                .position(|t| t.aliases.contains(from) && t.name == *from)
            else {
                self.stale(&key, format!("the page has no object table {from}"));
                continue;
            };
            if from == to {
                self.stale(&key, "renames the object to its own name".to_owned());
                continue;
            }
            if self.types.iter().any(|t| t.name == *to) {
                self.stale(
                    &key,
                    format!("{to} is already the name of another type of the page"),
                );
                continue;
            }
            self.types[i].name = to.clone();
            for f in self.all_fields_mut() {
                f.ty = rename_in_type(&f.ty, from, to);
            }
        }
    }

    /// The list of rows an override key names (`Cluster`, `request`, `400`, `query`).
    fn holder(&self, prefix: &str) -> Option<Holder> {
        if let Some(k) = PARAM_KINDS.iter().position(|k| k.as_str() == prefix) {
            return self.params[k].is_some().then_some(Holder::Param(k));
        }
        if let Some(i) = self.bodies.iter().position(|b| b.key == prefix) {
            return Some(match self.bodies[i].as_type {
                Some(t) => Holder::Type(t),
                None => Holder::Body(i),
            });
        }
        self.types
            .iter()
            .position(|t| t.name == prefix || t.aliases.iter().any(|a| a == prefix))
            .map(Holder::Type)
    }

    fn fields_of(&mut self, h: Holder) -> &mut Vec<Field> {
        match h {
            // A `Holder::Param` is made only for a table that exists: nothing is inserted.
            Holder::Param(k) => {
                &mut self.params[k]
                    .get_or_insert_with(|| ParamTable {
                        table: String::new(),
                        items: Vec::new(),
                    })
                    .items
            }
            Holder::Body(i) => &mut self.bodies[i].fields,
            Holder::Type(i) => &mut self.types[i].fields,
        }
    }

    fn holders(&self) -> Vec<Holder> {
        let mut h = Vec::new();
        for (k, t) in self.params.iter().enumerate() {
            if t.is_some() {
                h.push(Holder::Param(k));
            }
        }
        for (i, b) in self.bodies.iter().enumerate() {
            if b.as_type.is_none() {
                h.push(Holder::Body(i));
            }
        }
        for i in 0..self.types.len() {
            h.push(Holder::Type(i));
        }
        h
    }

    /// The override key of a row: `<Object>.<field>`, `request.<field>`, `path.<name>`.
    fn key_of(&self, h: Holder, name: &str) -> String {
        let prefix = match h {
            Holder::Param(k) => PARAM_KINDS[k].to_string(),
            Holder::Body(i) => self.bodies[i].key.clone(),
            Holder::Type(i) => self.types[i]
                .aliases
                .first()
                .cloned()
                .unwrap_or_else(|| self.types[i].name.clone()),
        };
        format!("{prefix}.{name}")
    }

    fn owner_name(&self, h: Holder) -> String {
        match h {
            Holder::Param(k) => names::type_name(PARAM_KINDS[k].as_str()),
            Holder::Body(i) => self.bodies[i].name.clone(),
            Holder::Type(i) => self.types[i].name.clone(),
        }
    }

    /// The override of the row `name` in `h`, if any (under any of its keys).
    fn override_of(&self, h: Holder, name: &str) -> Option<(&FieldOverride, String)> {
        self.ov.fields.iter().find_map(|(key, o)| {
            let (prefix, field) = key.split_once('.')?;
            (field == name && self.holder(prefix) == Some(h)).then(|| (o, key.clone()))
        })
    }

    /// `type`, `rust_name` and `constraints` of `fields:`; every key must name a row.
    fn apply_field_overrides(&mut self) {
        let ov = self.ov;
        for (key, o) in &ov.fields {
            let at = format!("fields.{key}");
            let Some((prefix, name)) = key.split_once('.') else {
                self.stale(
                    &at,
                    "a key is `<Object>.<field>`, `request.<field>`, `<status>.<field>` or `path.<name>` / `query.<name>` / `header.<name>`".to_owned(),
                );
                continue;
            };
            let Some(h) = self.holder(prefix) else {
                self.stale(&at, format!("the page has no table for `{prefix}`"));
                continue;
            };
            let Some(i) = self.fields_of(h).iter().position(|f| f.name == name) else {
                self.stale(&at, format!("the {prefix} table has no row `{name}`"));
                continue;
            };
            if let Some(ty) = &o.ty {
                let current = self.fields_of(h)[i].ty.clone();
                if *ty == current {
                    self.stale(
                        &format!("{at}.type"),
                        format!("the page already says {current}"),
                    );
                } else {
                    self.fields_of(h)[i].ty = ty.clone();
                }
            }
            if let Some(r) = &o.rust_name {
                self.fields_of(h)[i].rust_name = Some(r.clone());
            }
            if let Some(c) = &o.constraints {
                self.fields_of(h)[i].constraints = c.clone();
            }
        }
    }

    /// Rows of a table without a Type column (the older template): the type the page shows
    /// elsewhere, said as a warning; where nothing shows it, a problem naming the override.
    fn infer_types(&mut self) {
        let page = self.page;
        let bodies: Vec<serde_json::Value> = page
            .example_requests
            .iter()
            .filter_map(|e| e.body.as_deref())
            .chain(
                page.example_responses
                    .iter()
                    .filter_map(|e| e.body.as_deref()),
            )
            .filter_map(|b| serde_json::from_str(b).ok())
            .collect();
        let queries: Vec<(String, String)> = page
            .example_requests
            .iter()
            .filter_map(|e| e.line.split_once('?'))
            .flat_map(|(_, q)| q.split(['&', ' ']).collect::<Vec<_>>())
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        for h in self.holders() {
            for i in 0..self.fields_of(h).len() {
                let f = self.fields_of(h)[i].clone();
                if f.ty.eq_ignore_ascii_case("int") {
                    // The older template's `Int`: Integer, or Long where an example's value
                    // needs 64 bits.
                    let ty = bodies
                        .iter()
                        .find_map(|b| example_value(b, &f.name))
                        .and_then(json_type)
                        .filter(|t| t == "Long")
                        .unwrap_or_else(|| "Integer".to_owned());
                    let why = if ty == "Long" {
                        " (an example's value needs 64 bits)"
                    } else {
                        ""
                    };
                    let key = self.key_of(h, &f.name);
                    self.warn(
                        Some(f.origin.line),
                        format!(
                            "{}, row `{}`: the type `{}` is read as {ty}{why}; if it is another, set `fields: {{ {key}: {{ type: ... }} }}` in {}",
                            f.origin.table, f.name, f.ty, self.ctx.overrides_display
                        ),
                    );
                    self.fields_of(h)[i].ty = ty;
                }
                if !f.ty.is_empty() {
                    continue;
                }
                let key = self.key_of(h, &f.name);
                let settle = format!(
                    "`fields: {{ {key}: {{ type: ... }} }}` in {}",
                    self.ctx.overrides_display
                );
                let where_ = format!("{}, row `{}`", f.origin.table, f.name);
                let found = if h == Holder::Param(0) {
                    Some(("String".to_owned(), "a path parameter is text in the URL"))
                } else if let Some((_, v)) = queries.iter().find(|(k, _)| *k == f.name) {
                    Some((
                        text::value_type(v).to_owned(),
                        "from the example request's query string",
                    ))
                } else if let Some(t) = text::stated_type(&f.cell.join(" ")) {
                    Some(t)
                } else {
                    bodies
                        .iter()
                        .find_map(|b| example_value(b, &f.name))
                        .and_then(json_type)
                        .map(|t| (t, "from the example's value"))
                };
                match found {
                    Some((ty, why)) => {
                        self.warn(
                            Some(f.origin.line),
                            format!(
                                "{where_}: the table has no Type column; the type is taken as {ty} ({why}); if it is another, set {settle}"
                            ),
                        );
                        self.fields_of(h)[i].ty = ty;
                    }
                    None => self.page_problem(
                        Some(f.origin.line),
                        format!(
                            "{where_}: the table has no Type column, and neither its description nor an example shows the type"
                        ),
                        Some(format!("say it in the overrides: {settle}")),
                    ),
                }
            }
        }
    }

    /// The older template's object tables captioned by a field (`Table 3 resource_tag field
    /// description`, `Parameters in the error field`), which no row names by type: a row
    /// `Object` / `Array of objects` of that field's name is of that type; else, where the page
    /// has one such table and one such row, the row is (warned).
    fn link_field_tables(&mut self) {
        let page = self.page;
        // (type index, the field the caption names, the table's label)
        let mut tables = Vec::new();
        for t in &page.tables {
            if is_object_name(&t.name) {
                continue;
            }
            let Some(name) = object_name(&t.name) else {
                continue;
            };
            if let Some(ti) = self.types.iter().position(|ty| ty.name == name) {
                let field = caption_field(&t.name).unwrap_or_default().to_owned();
                tables.push((ti, field, table_label(t.number, &t.name)));
            }
        }
        let untyped = |ty: &str| {
            ty.eq_ignore_ascii_case("object") || ty.eq_ignore_ascii_case("array of objects")
        };
        let mut rows = Vec::new();
        for h in self.holders() {
            for (i, f) in self.fields_of_ref(h).iter().enumerate() {
                if untyped(&f.ty) {
                    rows.push((h, i, f.name.clone(), f.ty.clone()));
                }
            }
        }
        let lone = tables.len() == 1 && rows.len() == 1;
        for (ti, field, label) in tables {
            let name = self.types[ti].name.clone();
            let by_name = rows
                .iter()
                .find(|r| r.2.eq_ignore_ascii_case(&field) && r.0 != Holder::Type(ti));
            let Some((h, i, row, ty)) = by_name
                .or_else(|| rows.first().filter(|r| lone && r.0 != Holder::Type(ti)))
                .cloned()
            else {
                continue;
            };
            let linked = if ty.to_ascii_lowercase().starts_with("array") {
                format!("Array of {name} objects")
            } else {
                format!("{name} object")
            };
            if !row.eq_ignore_ascii_case(&field) {
                let key = self.key_of(h, &row);
                self.warn(
                    Some(self.fields_of_ref(h)[i].origin.line),
                    format!(
                        "row `{row}` ({ty}) is read as {linked}: {label} is the page's only table of an object no row names, and `{row}` its only row of objects without a table; if it is not, set `fields: {{ {key}: {{ type: {ty} }} }}` in {}",
                        self.ctx.overrides_display
                    ),
                );
            }
            self.fields_of(h)[i].ty = linked;
        }
    }

    /// Enumerations listed in descriptions, named and merged.
    /// Finds the enumerations the descriptions list (and the overrides add or name), names
    /// them, and points their fields at them.
    fn find_enums(&mut self) {
        let mut cands = Vec::new();
        for h in self.holders() {
            for fi in 0..self.fields_of(h).len() {
                cands.extend(self.enum_candidate(h, fi));
            }
        }
        cands.sort_by_key(|c| c.line);
        let (names_of, defs) = self.name_enums(&cands);
        // Every named enumeration is some field's: point the fields at them.
        for (c, name) in cands.iter().zip(names_of) {
            if name.is_some() {
                self.fields_of(c.h)[c.fi].enumeration = name;
            }
        }
        self.enums = defs;
    }

    /// The enumeration of field `fi` of `h`, if its description lists one (or its overrides
    /// add one), with the values its overrides add and name.
    fn enum_candidate(&mut self, h: Holder, fi: usize) -> Option<Cand> {
        let f = self.fields_of(h)[fi].clone();
        let ov = self.override_of(h, &f.name).map(|(o, k)| (o.clone(), k));
        let Ok(kind) = f.ty.trim().parse::<EnumKind>() else {
            if let Some((o, key)) = &ov
                && (o.enum_name.is_some()
                    || !o.values.is_empty()
                    || !o.add_values.is_empty()
                    || o.not_enum)
            {
                self.stale(
                    &format!("fields.{key}"),
                    format!(
                        "an enumeration needs a String, Integer or Long field; `{}` is {}",
                        f.name, f.ty
                    ),
                );
            }
            return None;
        };
        let found = detect(&f, kind.is_integer());
        let Some((o, key)) = ov else {
            return found.map(|found| Cand {
                h,
                fi,
                owner: self.owner_name(h),
                default: names::type_name(&f.name),
                explicit: None,
                def: enum_def(kind, &found),
                line: f.origin.line,
            });
        };
        let at = format!("fields.{key}");
        if o.not_enum {
            if found.is_none() {
                self.stale(
                    &format!("{at}.not_enum"),
                    "the description lists no values any more".to_owned(),
                );
            }
            return None;
        }
        let mut def = match &found {
            Some(found) => enum_def(kind, found),
            None if !o.add_values.is_empty() => enum_def(kind, &FoundEnum::default()),
            None => {
                if o.enum_name.is_some() || !o.values.is_empty() {
                    self.stale(&at, "the description lists no values".to_owned());
                }
                return None;
            }
        };
        self.apply_value_overrides(&at, &f, &o, kind, &mut def);
        Some(Cand {
            h,
            fi,
            owner: self.owner_name(h),
            default: names::type_name(&f.name),
            explicit: o.enum_name.clone(),
            def,
            line: f.origin.line,
        })
    }

    /// Adds the values an override adds to `def` and names those it names.
    fn apply_value_overrides(
        &mut self,
        at: &str,
        f: &Field,
        o: &FieldOverride,
        kind: EnumKind,
        def: &mut EnumDef,
    ) {
        for added in &o.add_values {
            let text = added.value.value.text();
            if def.values.iter().any(|v| v.value.value.text() == text) {
                self.stale(
                    &format!("{at}.add_values"),
                    format!("the page lists the value {text} itself now"),
                );
                continue;
            }
            let value = match (&added.value.value, kind.is_integer()) {
                (ValueKey::Int(i), true) => Scalar::Int(*i),
                (ValueKey::Int(i), false) => Scalar::Str(i.to_string()),
                (ValueKey::Str(s), false) => Scalar::Str(s.clone()),
                (ValueKey::Str(s), true) => {
                    self.problems.push(Problem::at_line(
                        &self.ctx.overrides_display,
                        None,
                        format!(
                            "{at}.add_values: '{s}' is not a whole number, but `{}` is {kind}",
                            f.name
                        ),
                    ));
                    continue;
                }
            };
            def.values.push(EnumValue {
                value: unplaced(value),
                ..added.clone()
            });
        }
        for (value, variant) in &o.values {
            match def
                .values
                .iter_mut()
                .find(|v| v.value.value.text() == *value)
            {
                Some(v) => v.name = Some(variant.clone()),
                None => self.stale(
                    &format!("{at}.values"),
                    format!("the page lists no value {value} (it lists {})", {
                        let all: Vec<String> =
                            def.values.iter().map(|v| v.value.value.text()).collect();
                        all.join(", ")
                    }),
                ),
            }
        }
    }

    /// Names the candidates: explicit names first (they are decisions), then derived names, one
    /// enumeration per name where the lists agree, else with the owner's name in front.
    fn name_enums(&mut self, cands: &[Cand]) -> (Vec<Option<String>>, BTreeMap<String, EnumDef>) {
        let mut taken: BTreeSet<String> = self.types.iter().map(|t| t.name.clone()).collect();
        for b in &self.bodies {
            taken.insert(b.name.clone());
        }
        let same = |a: &EnumDef, b: &EnumDef| {
            let value =
                |v: &EnumValue| (v.value.value.clone(), v.name.clone(), v.description.clone());
            a.ty.as_str() == b.ty.as_str()
                && a.description == b.description
                && a.values.iter().map(value).eq(b.values.iter().map(value))
        };
        // Explicit names first: they are decisions.
        let mut names_of: Vec<Option<String>> = vec![None; cands.len()];
        let mut defs: BTreeMap<String, EnumDef> = BTreeMap::new();
        for (ci, c) in cands.iter().enumerate() {
            let Some(name) = &c.explicit else { continue };
            if taken.contains(name) {
                self.problems.push(Problem::at_line(
                    &self.ctx.overrides_display,
                    None,
                    format!("fields: the enumeration name {name} is also the name of a type"),
                ));
                continue;
            }
            match defs.get(name) {
                Some(d) if !same(d, &c.def) => self.problems.push(
                    Problem::at_line(
                        &self.ctx.overrides_display,
                        None,
                        format!(
                            "fields: two fields name their enumeration {name}, but list different values"
                        ),
                    )
                    .help("give each its own name"),
                ),
                _ => {
                    defs.insert(name.clone(), c.def.clone());
                    names_of[ci] = Some(name.clone());
                }
            }
        }
        let explicit: BTreeSet<String> = defs.keys().cloned().collect();
        // Derived names: one enumeration per name where the lists agree, else the owner's name
        // in front.
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (ci, c) in cands.iter().enumerate() {
            if c.explicit.is_none() {
                groups.entry(c.default.clone()).or_default().push(ci);
            }
        }
        for (name, members) in groups {
            let agree = members
                .iter()
                .all(|&m| same(&cands[m].def, &cands[members[0]].def));
            let free = !taken.contains(&name) && !explicit.contains(&name);
            if agree && free {
                defs.insert(name.clone(), cands[members[0]].def.clone());
                for m in members {
                    names_of[m] = Some(name.clone());
                }
                continue;
            }
            for m in members {
                let c = &cands[m];
                let long = format!("{}{}", c.owner, c.default);
                match defs.get(&long) {
                    Some(d) if !same(d, &c.def) => {
                        let key = self.key_of(c.h, &self.fields_of_ref(c.h)[c.fi].name);
                        self.problems.push(
                            Problem::at_line(
                                &self.ctx.overrides_display,
                                None,
                                format!("fields.{key}: cannot name the enumeration of this field ({long} is taken by different values)"),
                            )
                            .help(format!("name it: `fields: {{ {key}: {{ enum: SomeName }} }}`")),
                        );
                    }
                    _ if taken.contains(&long) => {
                        let key = self.key_of(c.h, &self.fields_of_ref(c.h)[c.fi].name);
                        self.problems.push(
                            Problem::at_line(
                                &self.ctx.overrides_display,
                                None,
                                format!("fields.{key}: the enumeration's derived name {long} is the name of a type"),
                            )
                            .help(format!("name it: `fields: {{ {key}: {{ enum: SomeName }} }}`")),
                        );
                    }
                    _ => {
                        defs.insert(long.clone(), c.def.clone());
                        names_of[m] = Some(long);
                    }
                }
            }
        }
        (names_of, defs)
    }

    fn fields_of_ref(&self, h: Holder) -> &[Field] {
        match h {
            Holder::Param(k) => self.params[k].as_ref().map_or(&[], |t| t.items.as_slice()),
            Holder::Body(i) => &self.bodies[i].fields,
            Holder::Type(i) => &self.types[i].fields,
        }
    }

    /// Length, range and item-count restrictions the text states.
    fn find_limits(&mut self) {
        for h in self.holders() {
            let n = self.fields_of(h).len();
            for fi in 0..n {
                let f = &self.fields_of(h)[fi];
                if !f.constraints.is_empty() {
                    continue; // set by an override
                }
                let mut text = f.cell.join("\n");
                let mut range = f.range.clone();
                if range.is_none() {
                    range = text::blocks(&f.cell).and_then(|b| b.range);
                }
                if let Some(r) = &f.range {
                    text.push('\n');
                    text.push_str(r);
                }
                let l = limits(&text, range.as_deref(), kind_of(&f.ty));
                if let Some(why) = text::limit_problem(&text, range.as_deref(), kind_of(&f.ty)) {
                    let (line, table, name) =
                        (f.origin.line, f.origin.table.clone(), f.name.clone());
                    let key = self.key_of(h, &name);
                    self.page_problem(
                        Some(line),
                        format!("{table}, row `{name}`: {why}"),
                        Some(format!("state the right bounds in the overrides: `fields: {{ {key}: {{ constraints: {{ ... }} }} }}`")),
                    );
                }
                self.fields_of(h)[fi].constraints = l;
            }
        }
    }

    /// Every type a row names must be one the spec can read, and every object must have a table.
    fn check_references(&mut self) {
        let known: BTreeSet<String> = self.types.iter().map(|t| t.name.clone()).collect();
        let mut referenced: BTreeSet<String> = BTreeSet::new();
        let cut = self.page.truncated;
        for h in self.holders() {
            let rows: Vec<Field> = self.fields_of_ref(h).to_vec();
            for f in rows {
                let where_ = format!("{}, row `{}`", f.origin.table, f.name);
                match TypeExpr::parse(&f.ty) {
                    Err(e) => {
                        let key = self.key_of(h, &f.name);
                        self.page_problem(
                            Some(f.origin.line),
                            format!("{where_}: {e}"),
                            Some(format!(
                                "correct the type in the overrides: `fields: {{ {key}: {{ type: ... }} }}`"
                            )),
                        );
                    }
                    Ok(t) => {
                        if let Some(name) = t.named_ref() {
                            referenced.insert(name.to_owned());
                            if !known.contains(name) {
                                let key = self.key_of(h, &f.name);
                                let help = if cut {
                                    format!("the page was cut before the table of {name}")
                                } else {
                                    format!(
                                        "add the table of {name} to the copy of the page, or correct the row's type in the overrides (`fields: {{ {key}: {{ type: Object }} }}`)"
                                    )
                                };
                                self.page_problem(
                                    Some(f.origin.line),
                                    format!(
                                        "{where_}: refers to object {name}, which has no table"
                                    ),
                                    Some(help),
                                );
                            }
                        }
                    }
                }
            }
        }
        for b in &self.bodies {
            if let Some(t) = b.as_type {
                referenced.insert(self.types[t].name.clone());
            }
        }
        let unreferenced: Vec<(u32, String)> = self
            .types
            .iter()
            .filter(|t| !referenced.contains(&t.name))
            .map(|t| (t.numbers.first().copied().unwrap_or(0), t.name.clone()))
            .collect();
        for (number, name) in unreferenced {
            let line = self
                .page
                .tables
                .iter()
                .find(|t| t.number == number)
                .map(|t| t.line);
            self.warn(
                line,
                format!(
                    "{}: no row refers to this object; it is kept as a type",
                    table_label(number, &name)
                ),
            );
        }
    }

    /// Moves the `shared` types out of the operation file, with the enumerations they name.
    fn share(&mut self) -> (Vec<TypeSpec>, BTreeMap<String, EnumDef>) {
        let mut shared = Vec::new();
        for name in &self.ov.shared {
            if !self.types.iter().any(|t| &t.name == name) {
                self.stale(
                    &format!("shared: {name}"),
                    format!("the page has no object or body named {name}"),
                );
            }
        }
        let names: BTreeSet<&String> = self.ov.shared.iter().collect();
        for t in &self.types {
            if !names.contains(&t.name) {
                continue;
            }
            for f in &t.fields {
                if let Ok(te) = TypeExpr::parse(&f.ty)
                    && let Some(r) = te.named_ref()
                    && !names.contains(&r.to_owned())
                    && self.types.iter().any(|t| t.name == r)
                {
                    self.problems.push(
                        Problem::at_line(
                            &self.ctx.overrides_display,
                            None,
                            format!("shared: {} refers to {r}, which is not shared", t.name),
                        )
                        .help(format!("add {r} to `shared` too")),
                    );
                }
            }
            shared.push(t.clone());
        }
        self.types.retain(|t| !names.contains(&t.name));
        shared.sort_by_key(|t| t.numbers.first().copied().unwrap_or(0));
        // The enumerations of shared types go with them, each listing the fields that name it.
        let mut sources: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for t in &shared {
            for f in &t.fields {
                if let Some(e) = &f.enumeration {
                    sources
                        .entry(e.clone())
                        .or_default()
                        .push(format!("{}: {}.{}", self.ctx.page_file, t.name, f.name));
                }
            }
        }
        let mut shared_enums = BTreeMap::new();
        self.enums.retain(|name, e| match sources.remove(name) {
            Some(from) => {
                let e = EnumDef {
                    sources: from,
                    ..e.clone()
                };
                shared_enums.insert(name.clone(), e);
                false
            }
            None => true,
        });
        (shared, shared_enums)
    }

    /// Assembles the operation file.
    fn operation(&mut self, shared: &[TypeSpec]) -> Operation {
        let page = self.page;
        let mut op = Operation {
            schema: self.ctx.schema_ref.clone(),
            made_from: format!(
                "Written by `cargo xtask import` from {} and {}: change those and import again, not this file.",
                self.ctx.page_ref, self.ctx.overrides_ref
            ),
            id: self.ctx.operation_id.clone(),
            title: page.title.clone(),
            summary: page.summary.clone(),
            method: page.method.clone(),
            path: page.path.clone(),
            group: self.ov.group.clone(),
            page: self.ctx.page_ref.clone(),
            breadcrumb: page.breadcrumb.clone(),
            updated: page.updated.clone(),
            error_codes: page.error_codes.clone(),
            ..Operation::default()
        };
        let table = |k: usize| self.params[k].as_ref().map(ParamTable::to_model);
        op.parameters = Parameters {
            path: table(0),
            query: table(1),
            header: table(2),
        };
        let body_of =
            |b: &BodyTable| body(&b.name, b.as_type.is_none().then_some(b.fields.as_slice()));
        if let Some(b) = self.bodies.iter().find(|b| b.key == "request") {
            op.request = Some(RequestDef {
                table: Some(b.caption.clone()),
                body: body_of(b),
            });
        }
        // Responses: every status of Response Parameters and of the Status Codes table.
        let table_rows: Vec<(u16, String, usize)> = page
            .status_codes
            .iter()
            .flatten()
            .map(|r| (r.status, r.description.clone(), r.line))
            .collect();
        let mut statuses: BTreeSet<u16> = table_rows.iter().map(|r| r.0).collect();
        for r in &page.responses {
            statuses.insert(r.status);
            if page.status_codes.is_some() && !table_rows.iter().any(|t| t.0 == r.status) {
                self.page_problem(
                    Some(r.line),
                    format!(
                        "Response Parameters has `Status code: {}`, but the Status Codes table does not list it",
                        r.status
                    ),
                    Some("the Status Codes table must list every status the page describes".to_owned()),
                );
            }
        }
        for b in &self.bodies {
            if let Some(s) = b.status {
                statuses.insert(s);
            }
        }
        statuses.extend(self.response_headers.keys().copied());
        if page.status_codes.is_none() && page.status_codes_line.is_some() && !statuses.is_empty() {
            self.warnings.push(Problem::at_line(
                &self.ctx.page_display,
                page.status_codes_line,
                format!(
                    "the Status Codes section has no table ({}): the responses' descriptions are left empty",
                    page.status_codes_text.as_deref().unwrap_or("no text")
                ),
            ));
        }
        for status in statuses {
            // The Status Codes table's description, else the text under `Status code: N`.
            let description = table_rows
                .iter()
                .find(|r| r.0 == status)
                .map(|r| r.1.clone())
                .or_else(|| {
                    page.responses
                        .iter()
                        .find(|r| r.status == status && !r.text.is_empty())
                        .map(|r| r.text.join("\n"))
                })
                .unwrap_or_default();
            let b = self.bodies.iter().find(|b| b.status == Some(status));
            let headers = self.response_headers.get(&status);
            let response = ResponseDef {
                description,
                table: b.map(|b| b.caption.clone()),
                body: b.map(body_of),
                headers: headers.map(ParamTable::to_model),
            };
            op.responses.insert(status, response);
        }
        let example_success = page
            .example_responses
            .iter()
            .find(|e| (200..300).contains(&e.status));
        if op.responses.range(200u16..300).next().is_none()
            && !page.truncated
            && let Some(e) = example_success
        {
            // `• Response`, `HTTP status code 204`: the example says what success is.
            self.warn(
                Some(e.line),
                format!(
                    "the page describes no success status but its example response shows status {}: that is the success status{}",
                    e.status,
                    if e.body.is_some() { "" } else { " (no body)" }
                ),
            );
            let response = ResponseDef {
                description: String::new(),
                table: None,
                body: None,
                headers: None,
            };
            op.responses.insert(e.status, response);
        }
        if op.responses.range(200u16..300).next().is_none() && !page.truncated {
            self.no_success(&mut op);
        }
        op.status_codes = table_rows.iter().map(|r| (r.0, r.1.clone())).collect();
        // Examples.
        for e in &page.example_requests {
            op.examples.requests.push(ExampleRequest {
                description: e.description.clone(),
                line: e.line.clone(),
                body: e.body.clone(),
            });
        }
        // An example that names no status is the success status's, or `response_status`'s.
        let unnamed = self.ov.response_status.unwrap_or_else(|| self.success());
        for &n in &self.ov.drop_example_responses {
            if n == 0 || n > page.example_responses.len() {
                let has = page.example_responses.len();
                self.stale(
                    "drop_example_responses",
                    format!("the page has {has} example responses, no example response {n}"),
                );
            }
        }
        for (k, e) in page.example_responses.iter().enumerate() {
            if self.ov.drop_example_responses.contains(&(k + 1)) {
                self.warn(
                    Some(e.line),
                    format!(
                        "example response {} is left out (`drop_example_responses` in {})",
                        k + 1,
                        self.ctx.overrides_display
                    ),
                );
                continue;
            }
            let status = if e.status == 0 { unnamed } else { e.status };
            let response = op.responses.get(&status);
            let Some(response) = response else {
                let message = format!(
                    "an example response for status {status}, which the page does not describe"
                );
                if op.any_success.is_some()
                    || page.status_codes.is_none()
                    || (e.status == 0 && e.body.is_none())
                {
                    // The page lists no statuses (no Status Codes table, or any 2xx): its
                    // examples show what it does not describe, and are left out.
                    self.warn(Some(e.line), format!("{message}; it is not kept"));
                } else {
                    self.page_problem(Some(e.line), message, None);
                }
                continue;
            };
            let body = match (&e.body, &response.body) {
                (Some(b), _) => b.clone(),
                (None, None) => String::new(),
                (None, Some(_)) => {
                    self.warn(
                        Some(e.line),
                        format!(
                            "the example response for status {status} shows no JSON body; it is not kept"
                        ),
                    );
                    continue;
                }
            };
            op.examples.responses.push(ExampleResponse {
                status,
                description: e.description.clone(),
                body: unplaced(body),
            });
            self.example_origins.push((k + 1, e.line));
        }
        // Types and enumerations.
        let mut types = self.types.clone();
        types.sort_by_key(|t| t.numbers.first().copied().unwrap_or(0));
        op.types = types;
        op.enums = self.enums.clone();
        op.comment = self.comment(&op, shared);
        op
    }

    /// The page describes no 2xx status. When its Status Codes section has no table of its own
    /// (`For details, see Status Codes.`), the service's success is "any 2xx, body not
    /// documented", and the user is told that this was inferred; a Status Codes table without
    /// a 2xx row is a page that contradicts itself.
    fn no_success(&mut self, op: &mut Operation) {
        let page = self.page;
        let errors: Vec<String> = op.responses.keys().map(u16::to_string).collect();
        match (&page.status_codes, page.status_codes_line) {
            (None, Some(line)) => {
                let text = page.status_codes_text.clone().unwrap_or_default();
                let says = if text.is_empty() {
                    "is empty".to_owned()
                } else {
                    format!("has no table (`{text}`)")
                };
                let described = if errors.is_empty() {
                    "describes no status".to_owned()
                } else {
                    format!("describes only error statuses ({})", errors.join(", "))
                };
                self.warn(
                    Some(line),
                    format!(
                        "the page documents no success status: Response Parameters {described} and Status Codes {says}; the spec says `any_success` (any 2xx, body not documented)"
                    ),
                );
                op.any_success = Some(AnySuccess { description: text });
            }
            _ => self.page_problem(
                page.response_parameters_line,
                "the page describes no success (2xx) status".to_owned(),
                Some(
                    "its Status Codes table lists no 2xx status: is a row missing from the copy?"
                        .to_owned(),
                ),
            ),
        }
    }

    /// `ListInstances: the API reference page "..." (list-instances.txt), Tables 1-7 and its
    /// examples and status codes; Tables 8-15 are the shared error types in service.yaml.`
    fn comment(&self, op: &Operation, shared: &[TypeSpec]) -> String {
        let shared_numbers: Vec<u32> = shared.iter().flat_map(|t| t.numbers.clone()).collect();
        let skipped: BTreeSet<u32> = self
            .page
            .tables
            .iter()
            .filter(|t| matches!(self.role(t, 200), Role::Unknown))
            .map(|t| t.number)
            .collect();
        let own: Vec<u32> = self
            .page
            .tables
            .iter()
            .map(|t| t.number)
            .filter(|n| !shared_numbers.contains(n) && !skipped.contains(n))
            .collect();
        let mut parts = Vec::new();
        if !own.is_empty() {
            parts.push(tables_phrase(&own));
        }
        let mut extras = Vec::new();
        if !op.examples.is_empty() {
            extras.push("examples");
        }
        if !op.status_codes.is_empty() {
            extras.push("status codes");
        }
        if !extras.is_empty() {
            parts.push(format!("its {}", extras.join(" and ")));
        }
        let mut c = format!(
            "{}: the API reference page \"{}\" ({})",
            op.id, op.title, self.ctx.page_file
        );
        if !parts.is_empty() {
            c.push_str(", ");
            c.push_str(&parts.join(" and "));
        }
        if !shared_numbers.is_empty() {
            let error_only = self.page.tables.iter().all(|t| {
                !shared_numbers.contains(&t.number)
                    || matches!(t.placement, Placement::Response(s) if s >= 300)
            });
            let verb = if shared_numbers.len() == 1 {
                "is"
            } else {
                "are"
            };
            c.push_str(&format!(
                "; {} {verb} the shared {}type{} in service.yaml",
                tables_phrase(&shared_numbers),
                if error_only { "error " } else { "" },
                if shared.len() == 1 { "" } else { "s" }
            ));
        }
        c.push('.');
        c
    }
}

/// The enumeration a row's description lists, if any.
fn detect(f: &Field, integers: bool) -> Option<FoundEnum> {
    match text::blocks(&f.cell) {
        Some(b) => {
            let def: Vec<String> = b.description.lines().map(str::to_owned).collect();
            text::find_enum(&def, integers).or_else(|| {
                let range: Vec<String> = b.range?.lines().map(str::to_owned).collect();
                let mut found = text::find_enum(&range, integers)?;
                if found.description.is_none() && !b.description.trim().is_empty() {
                    found.description = Some(b.description.clone());
                }
                Some(found)
            })
        }
        None => text::find_enum(&f.cell, integers),
    }
}

fn enum_def(kind: EnumKind, found: &FoundEnum) -> EnumDef {
    EnumDef {
        ty: Parsed::new(kind.as_str()),
        description: found.description.clone(),
        values: found
            .values
            .iter()
            .map(|(v, meaning)| EnumValue {
                value: unplaced(match (kind.is_integer(), v.parse::<i64>()) {
                    (true, Ok(i)) => Scalar::Int(i),
                    _ => Scalar::Str(v.clone()),
                }),
                name: None,
                description: meaning.clone(),
            })
            .collect(),
        sources: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_ranges() {
        assert_eq!(ranges(&[1, 2, 3, 4, 5, 6, 7]), "1-7");
        assert_eq!(ranges(&[8, 10, 9, 12]), "8-10, 12");
        assert_eq!(tables_phrase(&[3]), "Table 3");
    }

    #[test]
    fn renames_inside_type_strings() {
        assert_eq!(
            rename_in_type("Array of Server objects", "Server", "Host"),
            "Array of Host objects"
        );
        assert_eq!(
            rename_in_type("ServerList object", "Server", "Host"),
            "ServerList object"
        );
        assert_eq!(
            rename_in_type("Map<String,Server>", "Server", "H"),
            "Map<String,H>"
        );
    }
}
