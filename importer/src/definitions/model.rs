//! The source as it is: the API Explorer wrapper and the Swagger 2.0 subset inside it.
//!
//! These types model the definitions files, not the spec: they keep what the files say (in
//! the files' words: `in`, `type`, `$ref`, `x-example`) and leave every decision to the
//! analyses and to the converter. Keys the model does not know are kept in `other` maps, so
//! an analysis can say which constructs a service uses that nothing handles yet
//! ([`Schema::unsupported`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};
use serde_json::{Number, Value};

/// One definitions file: the API Explorer's wrapper around one Swagger operation.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct DefinitionFile {
    /// The operation id (the official SDKs' name), e.g. `ListInstances`. Required, as are
    /// `method` and `paths`: a file without them is not a definitions file.
    pub name: String,
    /// The HTTP method, lower case in the files (`post`).
    pub method: String,
    /// The URI, when the wrapper gives one (null in every DBSS file: the path is in `paths`).
    #[serde(default)]
    pub uri: Option<String>,
    /// The API group, in the service's language (`审计实例`).
    #[serde(default)]
    pub tags: Option<String>,
    /// The service's short name (`DBSS`).
    #[serde(default)]
    pub product_short: Option<String>,
    /// Media types the operation accepts: a JSON string inside the JSON in the files
    /// (`"[\"application/json;charset=UTF-8\"]"`); a plain array is accepted too.
    #[serde(default, deserialize_with = "json_string_list")]
    pub consumes: Vec<String>,
    /// One-line summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// Longer description (null in every DBSS file).
    #[serde(default)]
    pub description: Option<String>,
    /// The Swagger version (`2.0`).
    #[serde(default)]
    pub version: Option<String>,
    /// The API version (`v1`).
    #[serde(default)]
    pub info_version: Option<String>,
    /// The host the API Explorer calls (`dbss.cn-north-4.myhuaweicloud.com`).
    #[serde(default)]
    pub host: Option<String>,
    /// The base path (`/`).
    #[serde(default)]
    pub base_path: Option<String>,
    /// The region the API Explorer calls.
    #[serde(default)]
    pub region_id: Option<String>,
    /// URL schemes (`HTTPS`).
    #[serde(default, deserialize_with = "null_default")]
    pub schemes: Vec<String>,
    /// Swagger paths: path, then method, then the operation.
    pub paths: BTreeMap<String, BTreeMap<String, Operation>>,
    /// Swagger definitions: the object types the operation uses, by name.
    #[serde(default, deserialize_with = "null_default")]
    pub definitions: BTreeMap<String, Schema>,
    /// Wrapper-level shared parameters (empty in every DBSS file).
    #[serde(default, deserialize_with = "null_default")]
    pub parameters: BTreeMap<String, Parameter>,
    /// Everything else of the wrapper (`id`, `group_id`, `components`, ...).
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

impl DefinitionFile {
    /// The file's operations: `(path, method, operation)`, in path then method order.
    pub fn operations(&self) -> impl Iterator<Item = (&str, &str, &Operation)> {
        self.paths.iter().flat_map(|(path, methods)| {
            methods
                .iter()
                .map(move |(method, op)| (path.as_str(), method.as_str(), op))
        })
    }
}

/// One Swagger operation.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Operation {
    /// The operation id.
    pub operation_id: Option<String>,
    /// One-line summary.
    pub summary: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// API groups.
    #[serde(deserialize_with = "null_default")]
    pub tags: Vec<String>,
    /// Marked as to be taken offline.
    pub deprecated: bool,
    /// Parameters: path, query, header, body.
    #[serde(deserialize_with = "null_default")]
    pub parameters: Vec<Parameter>,
    /// Responses by status code (`"200"`, `"default"`).
    #[serde(deserialize_with = "null_default")]
    pub responses: BTreeMap<String, Response>,
    /// Media types accepted, when the operation says.
    #[serde(deserialize_with = "null_default")]
    pub consumes: Vec<String>,
    /// Media types produced.
    #[serde(deserialize_with = "null_default")]
    pub produces: Vec<String>,
    /// Vendor extensions (`x-request-examples-1`, `x-apigateway-ratelimit`, ...) and any other
    /// key.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl Operation {
    /// A string extension (`x-apigateway-ratelimit`).
    pub fn extension_str(&self, key: &str) -> Option<&str> {
        self.extensions.get(key).and_then(Value::as_str)
    }

    /// Numbered extensions `<prefix><n>` (`x-request-examples-1`, `-2`, ...), by number.
    pub fn numbered(&self, prefix: &str) -> Vec<(u32, &Value)> {
        let mut found: Vec<(u32, &Value)> = self
            .extensions
            .iter()
            .filter_map(|(k, v)| {
                let n = k.strip_prefix(prefix)?.parse().ok()?;
                Some((n, v))
            })
            .collect();
        found.sort_by_key(|(n, _)| *n);
        found
    }
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Location {
    /// In the URI path (`{project_id}`).
    Path,
    /// In the query string.
    Query,
    /// A request header.
    Header,
    /// The JSON request body (`schema`).
    Body,
    /// A form field (Swagger 2.0 `formData`; no DBSS operation has one).
    FormData,
}

impl Location {
    /// The name the files use.
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Body => "body",
            Location::FormData => "formData",
        }
    }
}

/// One parameter. Path, query and header parameters carry their type inline; a body parameter
/// carries a `schema`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    /// The name (`project_id`, `X-Auth-Token`; for a body, the body's name).
    pub name: String,
    /// Where it goes.
    #[serde(rename = "in")]
    pub location: Location,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether the caller must give it.
    #[serde(default)]
    pub required: bool,
    /// The body's schema.
    #[serde(default)]
    pub schema: Option<Schema>,
    /// Everything a non-body parameter says about its value (type, format, limits, enum,
    /// default, items).
    #[serde(flatten)]
    pub value: Schema,
    /// The example value (`x-example`).
    #[serde(rename = "x-example", default)]
    pub example: Option<Value>,
}

/// One response.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Response {
    /// Description.
    pub description: Option<String>,
    /// The body's schema; none for a bodiless response.
    pub schema: Option<Schema>,
    /// Examples by media type.
    #[serde(deserialize_with = "null_default")]
    pub examples: BTreeMap<String, Value>,
    /// Response headers.
    #[serde(deserialize_with = "null_default")]
    pub headers: BTreeMap<String, Value>,
}

/// `additionalProperties`: a boolean or a schema.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Additional {
    /// `true` or `false`.
    Allowed(bool),
    /// The schema of every extra property's value.
    Schema(Box<Schema>),
}

/// A Swagger schema (a definition, a property, an array's items, a body).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Schema {
    /// `$ref`: `#/definitions/Name`.
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// `type`: object, array, string, integer, number, boolean (absent: implied by
    /// `properties` or `items`, or any JSON).
    #[serde(rename = "type")]
    pub ty: Option<String>,
    /// `format`: int32, int64, date-time, binary, ...
    pub format: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// An object's properties, by name.
    pub properties: Option<BTreeMap<String, Schema>>,
    /// Properties the object must have.
    #[serde(deserialize_with = "null_default")]
    pub required: Vec<String>,
    /// An array's items.
    pub items: Option<Box<Schema>>,
    /// An object's extra properties.
    pub additional_properties: Option<Additional>,
    /// A closed list of values.
    #[serde(rename = "enum")]
    pub enumeration: Option<Vec<Value>>,
    /// The default value.
    pub default: Option<Value>,
    /// An example value.
    pub example: Option<Value>,
    /// Set by the server only.
    pub read_only: bool,
    /// Shortest string.
    pub min_length: Option<u64>,
    /// Longest string.
    pub max_length: Option<u64>,
    /// Smallest number.
    pub minimum: Option<Number>,
    /// Largest number.
    pub maximum: Option<Number>,
    /// `minimum` is excluded.
    pub exclusive_minimum: bool,
    /// `maximum` is excluded.
    pub exclusive_maximum: bool,
    /// Fewest items.
    pub min_items: Option<u64>,
    /// Most items.
    pub max_items: Option<u64>,
    /// A regular expression the string matches.
    pub pattern: Option<String>,
    /// Every other key (`allOf`, `discriminator`, vendor extensions, ...).
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

/// Schema keywords of Swagger 2.0 that the model keeps only in `other`: a definitions file
/// that uses one needs work before it can be converted.
pub const UNSUPPORTED_KEYWORDS: &[&str] = &[
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "discriminator",
    "patternProperties",
    "uniqueItems",
    "multipleOf",
    "minProperties",
    "maxProperties",
];

impl Schema {
    /// The definition name of a local `$ref` (`#/definitions/Name` gives `Name`).
    pub fn ref_name(&self) -> Option<&str> {
        self.reference
            .as_deref()
            .and_then(|r| r.strip_prefix("#/definitions/"))
    }

    /// The type, with what `properties` and `items` imply when `type` is absent.
    pub fn effective_type(&self) -> Option<&str> {
        match self.ty.as_deref() {
            Some(t) => Some(t),
            None if self.properties.is_some() => Some("object"),
            None if self.items.is_some() => Some("array"),
            None => None,
        }
    }

    /// An object whose properties are not given: free-form JSON.
    pub fn is_free_form(&self) -> bool {
        self.reference.is_none()
            && self.effective_type() == Some("object")
            && self.properties.as_ref().is_none_or(BTreeMap::is_empty)
            && !matches!(self.additional_properties, Some(Additional::Schema(_)))
    }

    /// A string of bytes (`type: string, format: binary`): a file, not JSON.
    pub fn is_binary(&self) -> bool {
        self.ty.as_deref() == Some("string") && self.format.as_deref() == Some("binary")
    }

    /// The unsupported keywords this schema itself uses (not its children).
    pub fn unsupported(&self) -> Vec<&str> {
        UNSUPPORTED_KEYWORDS
            .iter()
            .copied()
            .filter(|k| self.other.contains_key(*k))
            .collect()
    }

    /// The schemas directly inside this one, with the JSON path step to each.
    pub fn children(&self) -> Vec<(String, &Schema)> {
        let mut out = Vec::new();
        if let Some(props) = &self.properties {
            for (name, s) in props {
                out.push((format!("properties.{name}"), s));
            }
        }
        if let Some(items) = &self.items {
            out.push(("items".to_owned(), items.as_ref()));
        }
        if let Some(Additional::Schema(s)) = &self.additional_properties {
            out.push(("additionalProperties".to_owned(), s.as_ref()));
        }
        out
    }

    /// Calls `f` on this schema and every schema inside it, with its JSON path (starting from
    /// `path`). Depth is bounded by the parser's nesting limit.
    pub fn walk<'a>(&'a self, path: &str, f: &mut dyn FnMut(&str, &'a Schema)) {
        f(path, self);
        for (step, child) in self.children() {
            child.walk(&format!("{path}.{step}"), f);
        }
    }
}

/// Reads `consumes`: a JSON string holding a JSON array of strings (as the API Explorer
/// writes it), a plain array, or null.
fn json_string_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        List(Vec<String>),
    }
    match Option::<Raw>::deserialize(d)? {
        None => Ok(Vec::new()),
        Some(Raw::List(list)) => Ok(list),
        Some(Raw::Text(text)) if text.trim().is_empty() => Ok(Vec::new()),
        Some(Raw::Text(text)) => serde_json::from_str(&text).map_err(|e| {
            serde::de::Error::custom(format!(
                "a JSON string holding a JSON array of media types was expected, \
                 but the string does not parse as one ({e})"
            ))
        }),
    }
}

/// Reads null as the empty collection: other services' files write `null` where DBSS writes
/// `[]` or `{}`.
fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}
