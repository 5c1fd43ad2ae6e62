//! The intermediate representation: the spec with every Rust name and type already decided.
//!
//! Built by [`crate::lower::lower`] from a parsed spec. The emitters read only this; they
//! never look at the spec or decide a name.

use crate::spec::{Constraints, Scalar};

/// The whole generated crate.
#[derive(Debug, Clone)]
pub struct Ir {
    /// Crate name (`huaweicloud-sdk-dbss`).
    pub crate_name: String,
    /// Library name (`huaweicloud_sdk_dbss`).
    pub lib_name: String,
    /// Crate version.
    pub version: String,
    /// Service short name (`dbss`).
    pub service_name: String,
    /// Service title (`Database Security Service`).
    pub service_title: String,
    /// The spec directory as messages name it (`spec/dbss`).
    pub spec_dir: String,
    /// `service.yaml` as messages name it.
    pub service_file: String,
    /// Object types, sorted by name.
    pub models: Vec<Model>,
    /// Enumerations, sorted by name.
    pub enums: Vec<Enum>,
    /// Operations, sorted by id.
    pub operations: Vec<Operation>,
    /// The service's error codes, in page order.
    pub error_codes: Vec<ErrorCodeIr>,
    /// Title of the error codes page, when there is one.
    pub error_codes_title: Option<String>,
    /// Endpoint URL with `{region}`, when the spec gives one.
    pub endpoint_template: Option<String>,
    /// Regions the service is offered in.
    pub regions: Vec<String>,
    /// API groups (cargo features), sorted by feature name.
    pub groups: Vec<Group>,
}

/// An API group: a cargo feature.
#[derive(Debug, Clone)]
pub struct Group {
    /// Feature name (`audit-instance`).
    pub feature: String,
    /// English name (`Audit Instance`).
    pub title: String,
    /// In the default features.
    pub default: bool,
}

/// The features an item is compiled under: empty when always.
pub type Features = Vec<String>;

/// A Rust type of a field, parameter or body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// `String`.
    String,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// `bool`.
    Bool,
    /// `Vec<u8>`: a body of bytes, never decoded.
    Bytes,
    /// `serde_json::Value`.
    Json,
    /// A generated struct.
    Model(ModelId),
    /// A generated open enum.
    Enum(EnumId),
    /// `Vec<T>`.
    Vec(Box<Ty>),
    /// `BTreeMap<String, T>`.
    Map(Box<Ty>),
}

/// A generated struct: its index in [`Ir::models`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ModelId(pub usize);

/// A generated enumeration: its index in [`Ir::enums`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct EnumId(pub usize);

impl Ir {
    /// The Rust name of a generated struct.
    pub fn model_name(&self, id: ModelId) -> &str {
        &self.models[id.0].name
    }

    /// The Rust name of a generated enumeration.
    pub fn enum_name(&self, id: EnumId) -> &str {
        &self.enums[id.0].name
    }
}

/// A generated struct: one object or body table.
#[derive(Debug, Clone)]
pub struct Model {
    /// Rust name.
    pub name: String,
    /// File stem under `src/models/`.
    pub module: String,
    /// Spec file that defines it.
    pub file: String,
    /// Doc text lines.
    pub docs: Vec<String>,
    /// Fields in page order.
    pub fields: Vec<Field>,
    /// Reachable from a request body: gets a `Validate` impl.
    pub validate: bool,
    /// Used as an error body: gets an `ErrorBody` impl; `Some` names the code and message fields.
    pub error_body: Option<ErrorFields>,
    /// Used only by operations of these groups: compiled only when one is on.
    pub features: Features,
}

/// Which fields of an error body hold the code and the message.
#[derive(Debug, Clone, Default)]
pub struct ErrorFields {
    /// Rust name of the `error_code` field, if the table has one.
    pub code: Option<String>,
    /// Rust name of the `error_msg` field, if the table has one.
    pub message: Option<String>,
}

/// A field of a struct.
#[derive(Debug, Clone)]
pub struct Field {
    /// Name on the wire.
    pub wire: String,
    /// Rust name.
    pub name: String,
    /// Rust type (without the `Option` every field gets).
    pub ty: Ty,
    /// Doc text lines.
    pub docs: Vec<String>,
    /// The page's Mandatory column.
    pub mandatory: Option<bool>,
    /// Restrictions to check before sending.
    pub constraints: Constraints,
    /// Boxed, because the type contains itself.
    pub boxed: bool,
}

/// An open enumeration.
#[derive(Debug, Clone)]
pub struct Enum {
    /// Rust name.
    pub name: String,
    /// File stem under `src/models/`.
    pub module: String,
    /// Spec file that defines it.
    pub file: String,
    /// Doc text lines.
    pub docs: Vec<String>,
    /// `None` for string enums; the Rust integer type otherwise.
    pub int: Option<Ty>,
    /// The documented values.
    pub variants: Vec<Variant>,
    /// Used only by operations of these groups: compiled only when one is on.
    pub features: Features,
}

/// A documented value of an enumeration.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Rust name.
    pub name: String,
    /// Value on the wire.
    pub value: Scalar,
    /// Doc text lines.
    pub docs: Vec<String>,
}

/// Where a parameter goes (the spec model's parameter location).
pub use spec_model::ParamLocation as Location;

/// A request parameter the caller sets.
#[derive(Debug, Clone)]
pub struct Param {
    /// Filled from the client's credentials when the caller does not set it (`project_id`).
    pub from_credentials: bool,
    /// Name on the wire.
    pub wire: String,
    /// Rust name (field of the request, setter of the builder).
    pub name: String,
    /// Where it goes.
    pub location: Location,
    /// Rust type.
    pub ty: Ty,
    /// Must be set.
    pub mandatory: bool,
    /// Doc text lines.
    pub docs: Vec<String>,
    /// Restrictions to check before sending.
    pub constraints: Constraints,
}

/// A piece of the path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text.
    Literal(String),
    /// A path parameter, by index into [`Operation::params`].
    Param(usize),
}

/// A response status that the operation documents as an error.
#[derive(Debug, Clone)]
pub struct ErrorStatus {
    /// Status code.
    pub status: u16,
    /// Variant of the operation's error enum.
    pub variant: String,
    /// The status code table's description.
    pub description: String,
    /// Body type, if the page documents one.
    pub ty: Option<Ty>,
}

/// An operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Operation id (`ListInstances`).
    pub id: String,
    /// Module / file stem (`list_instances`).
    pub module: String,
    /// Spec file.
    pub file: String,
    /// Page title.
    pub title: String,
    /// The Function section.
    pub summary: String,
    /// Where the page comes from: breadcrumb and date.
    pub source: Vec<String>,
    /// HTTP method.
    pub method: spec_model::Method,
    /// Path template as written.
    pub path_template: String,
    /// The template split into literals and parameters.
    pub path: Vec<PathPart>,
    /// Parameters the caller sets, in page order (path, query, header).
    pub params: Vec<Param>,
    /// Header parameters filled from the credentials (`X-Auth-Token`), by wire name.
    pub credential_headers: Vec<String>,
    /// Request body.
    pub body: Option<Body>,
    /// Name of the request struct, its builder and the error enum.
    pub request_name: String,
    /// Builder name.
    pub builder_name: String,
    /// Error enum name.
    pub error_name: String,
    /// The success status and its body type.
    pub success_status: u16,
    /// The status code table's description of the success status.
    pub success_description: String,
    /// Any 2xx status is success, with no body (the spec's `any_success`); `success_status`
    /// is then the status the mock answers with.
    pub any_success: bool,
    /// The success response's headers (its header table); when there are any, the output is a
    /// struct of the body and these.
    pub response_headers: Vec<ResponseHeader>,
    /// Success body type (`None`: no body).
    pub output: Option<Ty>,
    /// Documented error statuses.
    pub errors: Vec<ErrorStatus>,
    /// Example responses.
    pub response_examples: Vec<ResponseExample>,
    /// The cargo feature of its group; compiled only with it.
    pub group: Option<String>,
    /// The deprecation note (with the replacement), when the service is taking it offline.
    pub deprecated: Option<String>,
    /// How its results come in pages, when they do: the call gets `into_paginator()` and
    /// `items()`.
    pub paging: Option<Paging>,
}

/// How an operation's results come in pages (the spec's `paging`), in Rust names.
#[derive(Debug, Clone)]
pub struct Paging {
    /// How pages are addressed.
    pub style: PagingStyle,
    /// The offset, page or marker parameter.
    pub position: PagingParam,
    /// The page-size parameter.
    pub size: PagingParam,
    /// The way from the success body to the array of items (each step an `Option` field).
    pub items: Vec<FieldStep>,
    /// The type of one item.
    pub item_ty: Ty,
    /// The way to the total, and its type (`i32` or `i64`), where the body has one.
    pub total: Option<(Vec<FieldStep>, Ty)>,
    /// The way to the next marker (a `String`), for markers.
    pub next_marker: Option<Vec<FieldStep>>,
}

/// How pages are addressed (the spec's `paging.style`).
pub use spec_model::format::PagingStyle;

/// A paging parameter: a field of the builder (a query parameter) or of the request body.
#[derive(Debug, Clone)]
pub struct PagingParam {
    /// Name on the wire.
    pub wire: String,
    /// Rust name of the builder's field, or of the body's field when `in_body`.
    pub name: String,
    /// A field of the request body (`Option<T>` in the body struct), not of the builder.
    pub in_body: bool,
    /// Its Rust type (`String`, `i32`, `i64`).
    pub ty: Ty,
}

/// One field on the way through the success body: an `Option` field of a struct.
#[derive(Debug, Clone)]
pub struct FieldStep {
    /// Rust name of the field.
    pub name: String,
    /// Name on the wire (the mock empties the items of a later page by it).
    pub wire: String,
}

/// A header of the success response the output exposes.
#[derive(Debug, Clone)]
pub struct ResponseHeader {
    /// Name on the wire (`X-Subject-Token`).
    pub wire: String,
    /// Rust field name.
    pub name: String,
    /// Rust type: a scalar (enumerations are read as their text).
    pub ty: Ty,
    /// A secret (a token): kept as the runtime's `Secret`, never shown by `Debug`.
    pub secret: bool,
    /// Doc text lines.
    pub docs: Vec<String>,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct Body {
    /// Rust type.
    pub ty: Ty,
    /// Builder setter and request field name.
    pub name: String,
}

/// A documented example response.
#[derive(Debug, Clone)]
pub struct ResponseExample {
    /// Name of its constant in `src/examples.rs` (`LIST_INSTANCES_200`).
    pub const_name: String,
    /// Status code.
    pub status: u16,
    /// JSON text, verbatim.
    pub json: String,
    /// Type it must decode into.
    pub ty: Option<Ty>,
}

/// A row of the error codes page.
#[derive(Debug, Clone)]
pub struct ErrorCodeIr {
    /// Variant name.
    pub variant: String,
    /// HTTP status.
    pub status: u16,
    /// The code (`DBSS.10000001`).
    pub code: String,
    /// Message.
    pub message: String,
    /// Description.
    pub description: String,
    /// Suggested measure.
    pub measure: String,
}
