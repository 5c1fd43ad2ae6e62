//! The spec the import writes, as plain data, and its YAML in the layout of
//! `spec/dbss/list_instances.yaml` (key order, blank lines between sections and types).

use crate::text::Limits;
use crate::yaml::{Writer, plain_item, str_item};

/// Where a row comes from, for messages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Origin {
    /// `Table 4 (Cluster)`.
    pub table: String,
    /// Line of the row's name cell.
    pub line: usize,
}

/// A row: a parameter (with `restrictions`, `range`, `default` where the page has blocks) or a
/// field of a body or object table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Field {
    /// Wire name.
    pub name: String,
    /// The Mandatory column.
    pub mandatory: Option<bool>,
    /// Type as the page writes it (or as an override corrects it).
    pub ty: String,
    /// Description (or Definition block).
    pub description: String,
    /// Restrictions block.
    pub restrictions: Option<String>,
    /// Range block.
    pub range: Option<String>,
    /// Default Value block.
    pub default: Option<String>,
    /// Enumeration name.
    pub enumeration: Option<String>,
    /// Restrictions in the spec's terms.
    pub constraints: Limits,
    /// Rust name.
    pub rust_name: Option<String>,
    /// Where the row is.
    pub origin: Origin,
    /// The cell's lines, for what the text says (enumerations, limits).
    pub cell: Vec<String>,
}

/// A parameter table.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamTable {
    /// Caption.
    pub table: String,
    /// Rows.
    pub items: Vec<Field>,
}

/// A body: its own table, or a reference to a type.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// `name` + `fields`.
    Inline {
        /// Type name.
        name: String,
        /// Rows.
        fields: Vec<Field>,
    },
    /// `type: X object`.
    Ref(String),
}

/// The request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Caption.
    pub table: String,
    /// Body.
    pub body: Body,
}

/// One response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// Status.
    pub status: u16,
    /// Description from the status code table.
    pub description: String,
    /// Caption of the body table.
    pub table: Option<String>,
    /// Body.
    pub body: Option<Body>,
}

/// An object type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeSpec {
    /// Type name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// `"page.txt: Table 4 Cluster"` entries.
    pub tables: Vec<String>,
    /// Rows.
    pub fields: Vec<Field>,
    /// The names the page gives it (before renames), and body keys (`request`, `400`).
    pub aliases: Vec<String>,
    /// Numbers of the tables it encodes.
    pub numbers: Vec<u32>,
}

/// A value of an enumeration.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// Integer value.
    Int(i64),
    /// String value.
    Str(String),
}

/// An enumeration value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// Wire value.
    pub value: Scalar,
    /// Variant name.
    pub name: Option<String>,
    /// Meaning.
    pub description: Option<String>,
}

/// An enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumSpec {
    /// Name.
    pub name: String,
    /// `String`, `Integer` or `Long`.
    pub ty: String,
    /// What the values are of.
    pub description: Option<String>,
    /// Values.
    pub values: Vec<EnumValue>,
}

/// An example request.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleRequest {
    /// Text above it.
    pub description: Option<String>,
    /// Request line.
    pub line: String,
    /// JSON body.
    pub body: Option<String>,
}

/// An example response.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleResponse {
    /// Status.
    pub status: u16,
    /// Text above it.
    pub description: Option<String>,
    /// JSON body.
    pub body: String,
}

/// The operation file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Operation {
    /// `$schema` reference of the first comment line.
    pub schema: String,
    /// The second comment line.
    pub comment: String,
    /// Problems of a partial import (the file is then marked incomplete).
    pub incomplete: Vec<String>,
    /// Operation id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Function section.
    pub summary: String,
    /// Method.
    pub method: String,
    /// Path template.
    pub path: String,
    /// `source.page`.
    pub page: String,
    /// Breadcrumb.
    pub breadcrumb: Vec<String>,
    /// Updated on.
    pub updated: Option<String>,
    /// Path, query, header parameter tables.
    pub params: [Option<ParamTable>; 3],
    /// Request body.
    pub request: Option<Request>,
    /// Responses, by status.
    pub responses: Vec<Response>,
    /// Types of this file, in page order.
    pub types: Vec<TypeSpec>,
    /// Enumerations, in page order.
    pub enums: Vec<EnumSpec>,
    /// Example requests.
    pub example_requests: Vec<ExampleRequest>,
    /// Example responses.
    pub example_responses: Vec<ExampleResponse>,
    /// Status code table.
    pub status_codes: Vec<(u16, String)>,
    /// Error Codes section.
    pub error_codes: Option<String>,
}

/// The parameter kinds, in the order of [`Operation::params`].
pub const PARAM_KINDS: [&str; 3] = ["path", "query", "header"];

/// `key:` opening a sequence, or `key: []` for an empty one.
fn list_key(w: &mut Writer, indent: usize, key: &str, empty: bool) {
    if empty {
        w.plain(indent, key, "[]");
    } else {
        w.key(indent, key);
    }
}

fn constraints(w: &mut Writer, indent: usize, c: &Limits) {
    if c.is_empty() {
        return;
    }
    w.key(indent, "constraints");
    let u = |v: Option<u64>| v.map(|v| v.to_string());
    let i = |v: Option<i64>| v.map(|v| v.to_string());
    for (k, v) in [
        ("min_length", u(c.min_length)),
        ("max_length", u(c.max_length)),
        ("minimum", i(c.minimum)),
        ("maximum", i(c.maximum)),
        ("min_items", u(c.min_items)),
        ("max_items", u(c.max_items)),
    ] {
        if let Some(v) = v {
            w.plain(indent + 2, k, &v);
        }
    }
}

/// A row as a sequence item at `indent`; `param` writes the parameter keys.
fn field(w: &mut Writer, indent: usize, f: &Field, param: bool) {
    str_item(w, indent, "name", &f.name);
    let k = indent + 2;
    if let Some(m) = f.mandatory {
        w.plain(k, "mandatory", if m { "true" } else { "false" });
    }
    w.str(k, "type", &f.ty);
    w.str(k, "description", &f.description);
    if param {
        for (key, v) in [
            ("restrictions", &f.restrictions),
            ("range", &f.range),
            ("default", &f.default),
        ] {
            if let Some(v) = v {
                w.str(k, key, v);
            }
        }
    }
    if let Some(e) = &f.enumeration {
        w.str(k, "enum", e);
    }
    constraints(w, k, &f.constraints);
    if let Some(r) = &f.rust_name {
        w.str(k, "rust_name", r);
    }
}

fn body(w: &mut Writer, indent: usize, b: &Body) {
    w.key(indent, "body");
    match b {
        Body::Inline { name, fields } => {
            w.str(indent + 2, "name", name);
            list_key(w, indent + 2, "fields", fields.is_empty());
            for f in fields {
                field(w, indent + 4, f, false);
            }
        }
        Body::Ref(ty) => w.str(indent + 2, "type", ty),
    }
}

/// One type at indent 2 (`  Name:` ...), as in `types:` of either file.
pub fn type_block(t: &TypeSpec) -> String {
    let mut w = Writer::new();
    w.key(2, &t.name);
    if let Some(d) = &t.description {
        w.str(4, "description", d);
    }
    if !t.tables.is_empty() {
        w.key(4, "tables");
        for table in &t.tables {
            w.item(6, table);
        }
    }
    list_key(&mut w, 4, "fields", t.fields.is_empty());
    for f in &t.fields {
        field(&mut w, 6, f, false);
    }
    w.finish()
}

fn scalar_text(v: &Scalar) -> String {
    match v {
        Scalar::Int(i) => i.to_string(),
        Scalar::Str(s) => crate::yaml::scalar(s),
    }
}

impl Operation {
    /// The YAML text of the operation file.
    pub fn to_yaml(&self) -> String {
        let mut sections: Vec<String> = Vec::new();

        let mut w = Writer::new();
        w.raw(&format!("# yaml-language-server: $schema={}", self.schema));
        if !self.incomplete.is_empty() {
            w.raw("# INCOMPLETE: imported with --partial from a page that is cut or malformed;");
            w.raw("# it lacks what these problems name, and codegen may reject it until it is completed:");
            for p in &self.incomplete {
                w.raw(&format!("#   - {p}"));
            }
        }
        w.raw(&format!("# {}", self.comment));
        w.key(0, "operation");
        w.str(2, "id", &self.id);
        w.str(2, "title", &self.title);
        w.str(2, "summary", &self.summary);
        w.str(2, "method", &self.method);
        w.str(2, "path", &self.path);
        w.key(2, "source");
        w.str(4, "page", &self.page);
        if self.breadcrumb.is_empty() {
            w.plain(4, "breadcrumb", "[]");
        } else {
            w.key(4, "breadcrumb");
            for b in &self.breadcrumb {
                w.item(6, b);
            }
        }
        w.str(4, "title", &self.title);
        if let Some(u) = &self.updated {
            w.str(4, "updated", u);
        }
        sections.push(w.finish());

        if self.params.iter().any(Option::is_some) {
            let mut w = Writer::new();
            w.key(0, "parameters");
            for (kind, table) in PARAM_KINDS.iter().zip(&self.params) {
                let Some(t) = table else { continue };
                w.key(2, kind);
                w.str(4, "table", &t.table);
                list_key(&mut w, 4, "items", t.items.is_empty());
                for f in &t.items {
                    field(&mut w, 6, f, true);
                }
            }
            sections.push(w.finish());
        }

        if let Some(r) = &self.request {
            let mut w = Writer::new();
            w.key(0, "request");
            w.str(2, "table", &r.table);
            body(&mut w, 2, &r.body);
            sections.push(w.finish());
        }

        let mut w = Writer::new();
        if self.responses.is_empty() {
            w.plain(0, "responses", "{}");
        } else {
            w.key(0, "responses");
        }
        for r in &self.responses {
            w.key(2, &r.status.to_string());
            w.str(4, "description", &r.description);
            if let Some(t) = &r.table {
                w.str(4, "table", t);
            }
            if let Some(b) = &r.body {
                body(&mut w, 4, b);
            }
        }
        sections.push(w.finish());

        if !self.types.is_empty() {
            let blocks: Vec<String> = self.types.iter().map(type_block).collect();
            sections.push(format!("types:\n{}", blocks.join("\n")));
        }

        if !self.enums.is_empty() {
            let mut w = Writer::new();
            w.key(0, "enums");
            for e in &self.enums {
                w.key(2, &e.name);
                w.str(4, "type", &e.ty);
                if let Some(d) = &e.description {
                    w.str(4, "description", d);
                }
                list_key(&mut w, 4, "values", e.values.is_empty());
                for v in &e.values {
                    plain_item(&mut w, 6, "value", &scalar_text(&v.value));
                    if let Some(n) = &v.name {
                        w.str(8, "name", n);
                    }
                    if let Some(d) = &v.description {
                        w.str(8, "description", d);
                    }
                }
            }
            sections.push(w.finish());
        }

        if !self.example_requests.is_empty() || !self.example_responses.is_empty() {
            let mut w = Writer::new();
            w.key(0, "examples");
            if !self.example_requests.is_empty() {
                w.key(2, "requests");
                for r in &self.example_requests {
                    match &r.description {
                        Some(d) => {
                            str_item(&mut w, 4, "description", d);
                            w.str(6, "line", &r.line);
                        }
                        None => str_item(&mut w, 4, "line", &r.line),
                    }
                    if let Some(b) = &r.body {
                        w.str(6, "body", b);
                    }
                }
            }
            if !self.example_responses.is_empty() {
                w.key(2, "responses");
                for r in &self.example_responses {
                    plain_item(&mut w, 4, "status", &r.status.to_string());
                    if let Some(d) = &r.description {
                        w.str(6, "description", d);
                    }
                    w.str(6, "body", &r.body);
                }
            }
            sections.push(w.finish());
        }

        if !self.status_codes.is_empty() {
            let mut w = Writer::new();
            w.key(0, "status_codes");
            for (status, d) in &self.status_codes {
                plain_item(&mut w, 2, "status", &status.to_string());
                w.str(4, "description", d);
            }
            sections.push(w.finish());
        }

        if let Some(e) = &self.error_codes {
            let mut w = Writer::new();
            w.str(0, "error_codes", e);
            sections.push(w.finish());
        }
        sections.join("\n")
    }
}
