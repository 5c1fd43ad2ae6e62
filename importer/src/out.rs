//! The page's rows with where they come from (`Origin`, the cell's lines), for the build's
//! messages and text analyses; converted once, in [`Operation::to_model`], into the spec model.

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

/// The operation file.
#[derive(Debug, Clone, Default)]
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
    pub parameters: m::Parameters,
    /// Request body.
    pub request: Option<m::RequestDef>,
    /// Responses, by status.
    pub responses: BTreeMap<u16, m::ResponseDef>,
    /// "Any 2xx, body not documented", with what the page says about it.
    pub any_success: Option<m::AnySuccess>,
    /// Types of this file, in page order.
    pub types: Vec<TypeSpec>,
    /// Enumerations, by name.
    pub enums: BTreeMap<String, m::EnumDef>,
    /// Example requests and responses.
    pub examples: m::Examples,
    /// Status code table.
    pub status_codes: Vec<(u16, String)>,
    /// Paging, from the overrides (pages do not state it).
    pub paging: Option<m::PagingDef>,
    /// Error Codes section.
    pub error_codes: Option<String>,
}

/// The parameter kinds, in the order of [`m::Parameters::tables`] (`path`, `query`, `header`).
pub const PARAM_KINDS: &[m::ParamLocation] = m::ParamLocation::ALL;

/// A value built in code: no place in a file.
pub(crate) fn unplaced<T>(value: T) -> Spanned<T> {
    Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN)
}

/// A string built in code.
pub(crate) fn spanned(s: &str) -> Spanned<String> {
    unplaced(s.to_owned())
}

fn constraints(c: &Limits) -> Option<Limits> {
    (!c.is_empty()).then(|| c.clone())
}

/// The first row (from 0) where the rows `a` and the fields `b` differ in name, Mandatory
/// column, type or description; `None` when they are the same, row for row.
pub fn first_difference(a: &[Field], b: &[m::FieldDef]) -> Option<usize> {
    let n = a.len().max(b.len());
    (0..n).find(|&i| match (a.get(i), b.get(i)) {
        (Some(x), Some(y)) => {
            x.name != y.name.value
                || x.mandatory != y.mandatory
                || x.ty != y.ty.as_str()
                || x.description != y.description
        }
        _ => true,
    })
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
    /// The table as the spec model writes it.
    pub fn to_model(&self) -> m::ParamTable {
        m::ParamTable {
            table: self.table.clone(),
            items: self.items.iter().map(Field::to_param).collect(),
        }
    }
}

/// A body: the table `fields` of its own, named `name`; or, without them, the type `name`.
pub fn body(name: &str, fields: Option<&[Field]>) -> m::BodyDef {
    let (ty, fields) = match fields {
        Some(fields) => (None, Some(fields.iter().map(Field::to_field).collect())),
        None => (Some(Parsed::new(format!("{name} object"))), None),
    };
    m::BodyDef {
        name: fields.is_some().then(|| spanned(name)),
        ty,
        fields,
        binary: None,
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

impl Operation {
    /// The operation file as a value of the spec model.
    pub fn to_model(&self) -> m::OperationFile {
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
            parameters: self.parameters.clone(),
            request: self.request.clone(),
            responses: self.responses.clone(),
            any_success: self.any_success.clone(),
            types: self
                .types
                .iter()
                .map(|t| (t.name.clone(), t.to_type()))
                .collect::<BTreeMap<_, _>>(),
            enums: self.enums.clone(),
            examples: self.examples.clone(),
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
