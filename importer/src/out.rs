//! What the import builds, with where each row comes from (for messages and for what the
//! descriptions say), and its conversion into values of the spec model, which
//! [`spec_model::write`] writes.

use std::collections::BTreeMap;

use serde_saphyr::{Location, Spanned};
use spec_model as m;
use spec_model::Constraints as Limits;
use spec_model::Parsed;

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
    /// The response header table.
    pub headers: Option<ParamTable>,
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

/// A value of an enumeration: the spec's own scalar.
pub use spec_model::Scalar;

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
    /// The third: what the file is made from and where changes go.
    pub made_from: String,
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
    /// The API group (from the overrides).
    pub group: Option<String>,
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
    /// "Any 2xx, body not documented", with what the page says about it.
    pub any_success: Option<String>,
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
    /// Paging, from the overrides (pages do not state it).
    pub paging: Option<m::PagingDef>,
    /// Error Codes section.
    pub error_codes: Option<String>,
}

/// The parameter kinds, in the order of [`Operation::params`].
pub const PARAM_KINDS: [&str; 3] = ["path", "query", "header"];

/// A string built in code: no place in a file.
fn spanned(s: &str) -> Spanned<String> {
    Spanned::new(s.to_owned(), Location::UNKNOWN, Location::UNKNOWN)
}

fn constraints(c: &Limits) -> Option<Limits> {
    (!c.is_empty()).then(|| c.clone())
}

impl Field {
    /// The row as a field of an object or body table.
    pub fn to_field(&self) -> m::FieldDef {
        m::FieldDef {
            name: spanned(&self.name),
            mandatory: self.mandatory,
            ty: Parsed::new(self.ty.clone()),
            description: self.description.clone(),
            enumeration: self.enumeration.as_deref().map(spanned),
            constraints: constraints(&self.constraints),
            rust_name: self.rust_name.clone(),
        }
    }

    /// The row as a parameter.
    fn to_param(&self) -> m::ParamDef {
        m::ParamDef {
            name: spanned(&self.name),
            mandatory: self.mandatory.unwrap_or(false),
            ty: Parsed::new(self.ty.clone()),
            description: self.description.clone(),
            restrictions: self.restrictions.clone(),
            range: self.range.clone(),
            default: self.default.clone(),
            constraints: constraints(&self.constraints),
            enumeration: self.enumeration.as_deref().map(spanned),
            rust_name: self.rust_name.clone(),
        }
    }
}

impl ParamTable {
    fn to_model(&self) -> m::ParamTable {
        m::ParamTable {
            table: self.table.clone(),
            items: self.items.iter().map(Field::to_param).collect(),
        }
    }
}

impl Body {
    fn to_body(&self) -> m::BodyDef {
        match self {
            Body::Inline { name, fields } => m::BodyDef {
                name: Some(spanned(name)),
                ty: None,
                fields: Some(fields.iter().map(Field::to_field).collect()),
                binary: None,
            },
            Body::Ref(ty) => m::BodyDef {
                name: None,
                ty: Some(Parsed::new(ty.clone())),
                fields: None,
                binary: None,
            },
        }
    }
}

impl TypeSpec {
    /// The type as the spec model writes it.
    pub fn to_type(&self) -> m::TypeDef {
        m::TypeDef {
            description: self.description.clone(),
            tables: self.tables.clone(),
            fields: self.fields.iter().map(Field::to_field).collect(),
        }
    }
}

impl EnumSpec {
    pub(crate) fn to_enum(&self) -> m::EnumDef {
        m::EnumDef {
            ty: Parsed::new(self.ty.clone()),
            description: self.description.clone(),
            values: self
                .values
                .iter()
                .map(|v| m::EnumValue {
                    value: Spanned::new(v.value.clone(), Location::UNKNOWN, Location::UNKNOWN),
                    name: v.name.clone(),
                    description: v.description.clone(),
                })
                .collect(),
            sources: Vec::new(),
        }
    }
}

impl Operation {
    /// The operation file as a value of the spec model.
    pub fn to_model(&self) -> m::OperationFile {
        let table = |k: usize| self.params[k].as_ref().map(ParamTable::to_model);
        m::OperationFile {
            operation: m::OperationInfo {
                id: spanned(&self.id),
                title: self.title.clone(),
                summary: (self.summary != self.title).then(|| self.summary.clone()),
                method: Parsed::new(self.method.clone()),
                path: Parsed::new(self.path.clone()),
                group: self.group.as_deref().map(spanned),
                deprecated: None,
                source: m::Source {
                    page: self.page.clone(),
                    breadcrumb: self.breadcrumb.clone(),
                    title: None,
                    updated: self.updated.clone(),
                },
            },
            parameters: m::Parameters {
                path: table(0),
                query: table(1),
                header: table(2),
            },
            request: self.request.as_ref().map(|r| m::RequestDef {
                table: Some(r.table.clone()),
                body: r.body.to_body(),
            }),
            responses: self
                .responses
                .iter()
                .map(|r| {
                    let def = m::ResponseDef {
                        description: r.description.clone(),
                        table: r.table.clone(),
                        body: r.body.as_ref().map(Body::to_body),
                        headers: r.headers.as_ref().map(ParamTable::to_model),
                    };
                    (r.status, def)
                })
                .collect(),
            any_success: self.any_success.as_ref().map(|d| m::AnySuccess {
                description: d.clone(),
            }),
            types: self
                .types
                .iter()
                .map(|t| (t.name.clone(), t.to_type()))
                .collect::<BTreeMap<_, _>>(),
            enums: self
                .enums
                .iter()
                .map(|e| (e.name.clone(), e.to_enum()))
                .collect(),
            examples: m::Examples {
                requests: self
                    .example_requests
                    .iter()
                    .map(|r| m::ExampleRequest {
                        description: r.description.clone(),
                        line: r.line.clone(),
                        body: r.body.clone(),
                    })
                    .collect(),
                responses: self
                    .example_responses
                    .iter()
                    .map(|r| m::ExampleResponse {
                        status: r.status,
                        description: r.description.clone(),
                        body: spanned(&r.body),
                    })
                    .collect(),
            },
            error_codes: self.error_codes.clone(),
            paging: self.paging.clone(),
        }
    }

    /// The YAML text of the operation file.
    pub fn to_yaml(&self) -> Result<String, String> {
        let mut comments = vec![format!("yaml-language-server: $schema={}", self.schema)];
        if !self.incomplete.is_empty() {
            comments.push(
                "INCOMPLETE: imported with --partial from a page that is cut or malformed;".into(),
            );
            comments.push(
                "it lacks what these problems name, and codegen may reject it until it is completed:"
                    .into(),
            );
            comments.extend(self.incomplete.iter().map(|p| format!("  - {p}")));
        }
        comments.push(self.comment.clone());
        comments.push(self.made_from.clone());
        spec_model::write::to_yaml(&comments, &self.to_model())
    }
}
