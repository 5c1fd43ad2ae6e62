//! The spec format: the YAML files under `spec/<service>/`, as Rust types.
//!
//! These types are the single definition of the format: the reader deserializes into them
//! (unknown keys are errors), and `spec/schema.json` is derived from them (see
//! [`json_schema`]). `spec/README.md` documents every key.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

pub use crate::leaf::{EnumKind, Method, ParamLocation, Parsed, PathTemplate};
pub use crate::typeexpr::TypeExpr;

/// A string with the place in the YAML file where it was written.
pub type SpannedStr = Spanned<String>;

/// `service.yaml`: what the whole service shares.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceFile {
    /// The service and the crate generated for it.
    pub service: ServiceInfo,
    /// Object tables shared by several operations (or by several statuses of one).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub types: BTreeMap<String, TypeDef>,
    /// Enumerations shared by several operations.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub enums: BTreeMap<String, EnumDef>,
    /// The API groups, by cargo feature name (kebab-case): each operation names one
    /// (`operation.group`), and the generated crate compiles a group's operations only with its
    /// feature.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub groups: BTreeMap<String, GroupDef>,
    /// The service's error codes page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_codes: Option<ErrorCodes>,
    /// Where the service is reached, region by region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoints: Option<Endpoints>,
}

/// The service's regional endpoints.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Endpoints {
    /// URL of a region, with `{region}` in place of the region id
    /// (`https://dbss.{region}.myhuaweicloud.com`).
    #[schemars(with = "String")]
    pub template: SpannedStr,
    /// The list the regions come from, relative to this file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The region ids the service is offered in.
    pub regions: Vec<String>,
}

/// An API group: a cargo feature of the generated crate.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    /// The English API reference's name of the group (`Audit Instance`).
    pub title: String,
    /// The group as the source names it (an API Explorer tag, verbatim: `审计实例`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// In the crate's default features (absent: yes).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub default: bool,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// The service and its generated crate.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceInfo {
    /// Short name, lower case (`dbss`).
    pub name: String,
    /// Full name as the documentation writes it (`Database Security Service`).
    pub title: String,
    /// Name of the generated crate (`huaweicloud-sdk-dbss`).
    #[serde(rename = "crate")]
    pub crate_name: String,
    /// Version of the generated crate.
    pub version: String,
}

/// One operation file (`list_instances.yaml`): everything one API reference page says.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OperationFile {
    /// Identity, URI and origin of the operation.
    pub operation: OperationInfo,
    /// Path, query and header parameter tables.
    #[serde(default, skip_serializing_if = "Parameters::is_empty")]
    pub parameters: Parameters,
    /// The request body, when the page has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestDef>,
    /// Responses by status code (the page's "Status Codes" table), with their body tables.
    pub responses: BTreeMap<u16, ResponseDef>,
    /// "Success: any 2xx, body not documented", for a page that documents no success status
    /// (its Response Parameters list only error statuses and its Status Codes section refers
    /// elsewhere). The generated operation accepts any 2xx status and returns no body. Only
    /// where `responses` has no 2xx status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any_success: Option<AnySuccess>,
    /// Object tables of this page that no other operation shares.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub types: BTreeMap<String, TypeDef>,
    /// Enumerations listed in this page's descriptions.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub enums: BTreeMap<String, EnumDef>,
    /// The page's example requests and responses, verbatim.
    #[serde(default, skip_serializing_if = "Examples::is_empty")]
    pub examples: Examples,
    /// The page's "Error Codes" section, verbatim (usually a reference to the service's page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_codes: Option<String>,
    /// How the operation's results come in pages, where they do: the generated call gets
    /// `into_paginator()` and `items()`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<PagingDef>,
}

/// How an operation's results come in pages: which parameters say which page, and where the
/// success body holds the items, the total and the next marker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PagingDef {
    /// How a page is addressed: `offset_limit` (`offset` items to skip, `limit` per page),
    /// `page_size` (`page` number, `size` per page) or `marker` (the previous page's marker,
    /// `limit` per page).
    pub style: PagingStyle,
    /// Where the two paging parameters go: `query` (query parameters) or `body` (top-level
    /// fields of the request body).
    #[serde(rename = "in")]
    pub location: PagingLocation,
    /// The offset, page-number or marker parameter (`offset`, `page`, `marker`): an `Integer`,
    /// `Long` or `String` holding a number (a `String` for a marker).
    #[schemars(with = "String")]
    pub position: SpannedStr,
    /// The page-size parameter (`limit`, `size`): an `Integer`, `Long` or `String` holding a
    /// number.
    #[schemars(with = "String")]
    pub size: SpannedStr,
    /// The array of the success body that holds a page's items: a field name, or a dotted
    /// path through object fields (`page_info.items`).
    #[schemars(with = "String")]
    pub items: SpannedStr,
    /// The `Integer` or `Long` field of the success body (a dotted path) that counts every item
    /// of the listing, where the body has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub total: Option<SpannedStr>,
    /// The `String` field of the success body (a dotted path) that holds the marker of the
    /// next page (`marker` style only; required there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub next_marker: Option<SpannedStr>,
}

/// How a page is addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PagingStyle {
    /// `offset` (items to skip) and `limit` (items per page).
    OffsetLimit,
    /// `page` (page number) and `size` (items per page).
    PageSize,
    /// `marker` (from the previous page) and `limit` (items per page).
    Marker,
}

/// Where the paging parameters go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PagingLocation {
    /// Query parameters.
    Query,
    /// Top-level fields of the request body.
    Body,
}

/// Identity, URI and origin of an operation.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OperationInfo {
    /// Operation id, UpperCamelCase, as the official SDKs name it (`ListInstances`).
    #[schemars(with = "String")]
    pub id: SpannedStr,
    /// The page title: the operation's title, written once.
    pub title: String,
    /// The page's "Function" section, where it says more than the title (absent: the title).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// HTTP method (`GET`, `POST`, `PUT`, `DELETE`, `PATCH`).
    #[schemars(with = "String")]
    pub method: Parsed<Method>,
    /// Path template as the URI section writes it (`/v2/{project_id}/db-om/instances`).
    #[schemars(with = "String")]
    pub path: Parsed<PathTemplate>,
    /// The API group (a key of `service.yaml`'s `groups`): the cargo feature the operation
    /// is compiled under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub group: Option<SpannedStr>,
    /// The service is taking the operation offline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Deprecation>,
    /// Where this operation comes from.
    pub source: Source,
}

/// Why an operation is deprecated, and what to call instead.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deprecation {
    /// The note, verbatim (becomes `#[deprecated(note = "...")]`).
    pub note: String,
    /// The operation that replaces it: an operation id of the same service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub replacement: Option<SpannedStr>,
}

/// Where a spec file comes from.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The copy of the page, relative to the spec file.
    pub page: String,
    /// The page's breadcrumb, one entry per level.
    pub breadcrumb: Vec<String>,
    /// The page title, where the file does not give it elsewhere (an operation file gives it
    /// once, as `operation.title`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The page's "Updated on" date, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

/// The three parameter tables of a page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parameters {
    /// Path parameters (every one must appear in the path template).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<ParamTable>,
    /// Query parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<ParamTable>,
    /// Request header parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<ParamTable>,
}

impl Examples {
    /// True when the page has no example.
    pub fn is_empty(&self) -> bool {
        self.requests.is_empty() && self.responses.is_empty()
    }
}

impl Parameters {
    /// True when the page has no parameter table.
    pub fn is_empty(&self) -> bool {
        self.path.is_none() && self.query.is_none() && self.header.is_none()
    }

    /// The three tables with their locations, in page order (path, query, header).
    pub fn tables(&self) -> [(ParamLocation, Option<&ParamTable>); 3] {
        [
            (ParamLocation::Path, self.path.as_ref()),
            (ParamLocation::Query, self.query.as_ref()),
            (ParamLocation::Header, self.header.as_ref()),
        ]
    }
}

/// One parameter table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParamTable {
    /// The table's caption on the page (`Table 1 Path Parameters`).
    pub table: String,
    /// The rows, in page order.
    pub items: Vec<ParamDef>,
}

/// One row of a parameter table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParamDef {
    /// Name on the wire.
    #[schemars(with = "String")]
    pub name: SpannedStr,
    /// The page's "Mandatory" column.
    pub mandatory: bool,
    /// Type as the page writes it (`String`, `Integer`, `Array of strings`, ...).
    #[serde(rename = "type")]
    #[schemars(with = "String")]
    pub ty: Parsed<TypeExpr>,
    /// The description (the "Parameter description" block of newer pages), verbatim.
    pub description: String,
    /// The "Restrictions" block, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<String>,
    /// The "Value range" block, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<String>,
    /// The "Default value" block, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Name of an enumeration (in `enums`) that lists the allowed values.
    #[serde(default, rename = "enum", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub enumeration: Option<SpannedStr>,
    /// Machine-readable restrictions that the text states; checked before a request is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraints: Option<Constraints>,
    /// The Rust name, where the derived one collides with another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
}

/// Restrictions stated by the page, in a form code can check.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    /// Fewest characters of a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// Most characters of a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// Smallest value of a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<i64>,
    /// Largest value of a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<i64>,
    /// Fewest items of an array.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    /// Most items of an array.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
}

impl Constraints {
    /// True when nothing is restricted.
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// The request body of an operation.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestDef {
    /// The table's caption on the page (`Table 3 Request body parameters`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The body.
    pub body: BodyDef,
}

/// A success whose status and body the source leaves undocumented: any 2xx, no body.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnySuccess {
    /// What the source says about it, verbatim (the Status Codes section's `For details, see
    /// Status Codes.`); empty when it says nothing.
    #[serde(default)]
    pub description: String,
}

/// One response of an operation.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseDef {
    /// The status code table's description of this status.
    pub description: String,
    /// The caption of the body table (`Table 3 Response body parameters`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The body; absent when the page says "None".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<BodyDef>,
    /// The response header table (`Table 3 Parameters in the response header`: `X-Subject-Token`),
    /// as request headers are written: `table` (caption) and `items`. A success status's only;
    /// the generated output holds them next to the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<ParamTable>,
}

/// A body: either a table of its own (`fields`, named by `name`) or a reference to a type.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BodyDef {
    /// Name of the generated type for an inline table (`ListInstancesResponse`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub name: Option<SpannedStr>,
    /// A type as the page writes it (`DbssErrorResponse object`, `Array of Cluster objects`),
    /// instead of `fields`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub ty: Option<Parsed<TypeExpr>>,
    /// The body table's rows, instead of `type`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<FieldDef>>,
    /// A body of bytes (a file download): its media type (`application/octet-stream`), instead
    /// of `type` and `fields`. Exposed as bytes, never decoded; success responses only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binary: Option<String>,
}

/// A named object table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    /// What the type is, when the page says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The captions of the tables this type encodes, on the pages it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<String>,
    /// The rows, in page order.
    pub fields: Vec<FieldDef>,
}

/// One row of an object or body table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    /// Name on the wire.
    #[schemars(with = "String")]
    pub name: SpannedStr,
    /// The "Mandatory" column, where the table has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandatory: Option<bool>,
    /// Type as the page writes it: `String`, `Integer`, `Long`, `Boolean`, `Float`, `Double`,
    /// `Object`, `X object`, `Array of X objects`, `Array of strings`, `Map<String,String>`.
    #[serde(rename = "type")]
    #[schemars(with = "String")]
    pub ty: Parsed<TypeExpr>,
    /// The description, verbatim (one line per line of the page).
    pub description: String,
    /// Name of an enumeration (in `enums`) that lists the values.
    #[serde(default, rename = "enum", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub enumeration: Option<SpannedStr>,
    /// Machine-readable restrictions that the description states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraints: Option<Constraints>,
    /// The Rust name, where the derived one collides with another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
}

/// An enumeration listed in a description. Generated as an open enum: unknown values are kept.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumDef {
    /// `String` or `Integer`.
    #[serde(rename = "type")]
    #[schemars(with = "String")]
    pub ty: Parsed<EnumKind>,
    /// What the values mean.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The documented values, in page order.
    pub values: Vec<EnumValue>,
    /// Where a shared enumeration comes from: `"<page>: <Type>.<field>"`, one entry per page
    /// field that lists it (written by `cargo xtask import`; a page owns its entries).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// A value of an enumeration.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    /// The value on the wire: a string, or an integer for `Integer` enumerations.
    #[schemars(with = "ScalarSchema")]
    pub value: Spanned<Scalar>,
    /// Variant name: derived from string values; for integer values `Value1`, `ValueMinus1` when
    /// absent (give a name where the page says what the value means).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the page says the value means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A scalar as YAML writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    /// An integer.
    Int(i64),
    /// A string.
    Str(String),
}

impl Scalar {
    /// The value as text (`1`, `Period`).
    pub fn text(&self) -> String {
        match self {
            Scalar::Int(n) => n.to_string(),
            Scalar::Str(s) => s.clone(),
        }
    }
}

/// JSON Schema of [`Scalar`].
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum ScalarSchema {
    Int(i64),
    Str(String),
}

/// The page's examples.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Example requests.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<ExampleRequest>,
    /// Example responses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<ExampleResponse>,
}

/// An example request, verbatim.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExampleRequest {
    /// The sentence above the example, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The request line as the page writes it (`POST https://{endpoint}/v2/...` or a path).
    pub line: String,
    /// The JSON body, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

/// An example response, verbatim.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExampleResponse {
    /// Status code of the example.
    pub status: u16,
    /// The sentence above the example, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The JSON body, verbatim.
    #[schemars(with = "String")]
    pub body: SpannedStr,
}

/// The service's "Error Codes" page.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorCodes {
    /// Where the table comes from.
    pub source: Source,
    /// The rows, in page order.
    pub codes: Vec<ErrorCodeRow>,
}

/// A row of the error codes table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorCodeRow {
    /// HTTP status.
    pub status: u16,
    /// Error code (`DBSS.10000001`).
    #[schemars(with = "String")]
    pub code: SpannedStr,
    /// Error message.
    pub message: String,
    /// What the error means.
    pub description: String,
    /// What to do about it.
    pub measure: String,
}

/// The JSON Schema of both spec files (`spec/schema.json`): a document is either a
/// `service.yaml` or an operation file.
pub fn json_schema() -> serde_json::Value {
    #[derive(JsonSchema)]
    #[serde(untagged)]
    #[allow(dead_code)]
    enum SpecFile {
        Service(Box<ServiceFile>),
        Operation(Box<OperationFile>),
    }
    let schema = schemars::schema_for!(SpecFile);
    let mut value = schema.to_value();
    if let Some(obj) = value.as_object_mut() {
        obj.insert(
            "title".into(),
            "Huawei Cloud API spec file (service.yaml or an operation file)".into(),
        );
    }
    value
}
