//! Operations: method, URI, parameters by location with what each says (required,
//! constraints, default, enum, example), the body, the responses (JSON, bytes or none) with
//! their examples, request examples, deprecation and its replacement, the rate-limit class.

use serde_json::Value;

use super::model::{DefinitionFile, Location, Operation, Parameter, Schema};
use super::read::Loaded;
use super::refs::{self, RefProblem};
use super::text::{self, Blocks, TextLimits, ValueList};

/// The words that mark an operation as to be taken offline in a summary or tag (`[待下线]`)
/// or as dropped (`废弃`).
pub const OFFLINE_MARKS: &[&str] = &["待下线", "废弃"];

/// One parameter that is not the body.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamInfo<'a> {
    /// The name as sent.
    pub name: &'a str,
    /// Path, query or header.
    pub location: Location,
    /// Whether the caller must give it.
    pub required: bool,
    /// What the file says of its value (type, format, items, limits, enum, default).
    pub value: &'a Schema,
    /// The `x-example`.
    pub example: Option<&'a Value>,
    /// The description.
    pub description: Option<&'a str>,
    /// The description's blocks, when it uses the template.
    pub blocks: Option<Blocks>,
    /// The value list of the description.
    pub listed: ValueList,
    /// The limits the description states.
    pub text_limits: TextLimits,
}

/// The JSON request body.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyInfo<'a> {
    /// The body parameter's name (the official SDKs' body type name at times).
    pub name: &'a str,
    /// Whether the body must be given.
    pub required: bool,
    /// The body's schema as written.
    pub schema: &'a Schema,
    /// The definition it names, when it is a `$ref`.
    pub type_name: Option<&'a str>,
}

/// What a response's body is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BodyKind<'a> {
    /// No body.
    Empty,
    /// JSON of this schema (resolved), named when a `$ref` led to it.
    Json {
        /// The definition, when named.
        type_name: Option<&'a str>,
        /// The resolved schema.
        schema: &'a Schema,
    },
    /// Bytes (`type: string, format: binary`): a file download; never decode as JSON.
    Bytes,
}

/// One response.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseInfo<'a> {
    /// The status as written (`"200"`, `"default"`).
    pub status: &'a str,
    /// The status as a number, when it is one.
    pub code: Option<u16>,
    /// The body.
    pub body: BodyKind<'a>,
    /// Examples by media type.
    pub examples: Vec<(&'a str, &'a Value)>,
    /// The description.
    pub description: Option<&'a str>,
}

/// One request example (`x-request-examples-<n>` and its `-text-` and `-url-` siblings).
#[derive(Debug, Clone, PartialEq)]
pub struct RequestExample<'a> {
    /// Its number.
    pub number: u32,
    /// The body, as JSON.
    pub body: Option<&'a Value>,
    /// The body, as the text shown.
    pub text: Option<&'a str>,
    /// The URL.
    pub url: Option<&'a str>,
}

/// Why an operation counts as deprecated, and what replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deprecation {
    /// `deprecated: true`.
    pub flagged: bool,
    /// The summary or the group says "to be taken offline" (`[待下线]`, `待下线接口`).
    pub marked: bool,
    /// The note to show (the summary's or description's words).
    pub note: Option<String>,
    /// The replacement, when one can be named.
    pub replacement: Option<Replacement>,
}

/// What replaces a deprecated operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// The replacement's operation id.
    pub operation: String,
    /// How it was found.
    pub source: ReplacementSource,
}

/// How a replacement was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplacementSource {
    /// The description or summary names the operation.
    Description,
    /// An operation of the set has the same name with `New` appended: a convention of the
    /// definitions, not a statement; the converter should confirm it in the overrides.
    NewSuffix,
}

/// One operation, analysed.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationInfo<'a> {
    /// The file it came from.
    pub file: &'a str,
    /// The operation id (the wrapper's `name`).
    pub id: &'a str,
    /// The method, upper case.
    pub method: String,
    /// The path template.
    pub path: &'a str,
    /// The API group.
    pub tag: Option<&'a str>,
    /// The summary.
    pub summary: Option<&'a str>,
    /// The description.
    pub description: Option<&'a str>,
    /// Path, query and header parameters, in the file's order.
    pub params: Vec<ParamInfo<'a>>,
    /// The JSON body.
    pub body: Option<BodyInfo<'a>>,
    /// The responses, by status.
    pub responses: Vec<ResponseInfo<'a>>,
    /// Request examples.
    pub request_examples: Vec<RequestExample<'a>>,
    /// Extra response examples (`x-response-examples-<n>`).
    pub response_examples: Vec<(u32, &'a Value)>,
    /// Set when deprecated (flagged or marked).
    pub deprecation: Option<Deprecation>,
    /// The rate-limit class (`x-apigateway-ratelimit`).
    pub ratelimit: Option<&'a str>,
    /// Media types accepted (the operation's, else the wrapper's).
    pub consumes: Vec<String>,
    /// `$ref`s that cannot be followed.
    pub ref_problems: Vec<RefProblem>,
    /// Other problems (more than one operation in a file, a second body, ...).
    pub problems: Vec<String>,
}

impl OperationInfo<'_> {
    /// The parameters at `location`.
    pub fn params_in(&self, location: Location) -> impl Iterator<Item = &ParamInfo<'_>> {
        self.params.iter().filter(move |p| p.location == location)
    }

    /// The success response (the first 2xx).
    pub fn success(&self) -> Option<&ResponseInfo<'_>> {
        self.responses
            .iter()
            .find(|r| r.code.is_some_and(|c| (200..300).contains(&c)))
    }
}

fn param_info(p: &Parameter) -> ParamInfo<'_> {
    let description = p.description.as_deref();
    ParamInfo {
        name: &p.name,
        location: p.location,
        required: p.required,
        value: &p.value,
        example: p.example.as_ref(),
        description,
        blocks: description.and_then(text::blocks),
        listed: description.map_or(ValueList::None, text::description_values),
        text_limits: description.map(text::text_limits).unwrap_or_default(),
    }
}

fn response_info<'a>(
    file: &'a DefinitionFile,
    status: &'a str,
    r: &'a super::model::Response,
    json_path: &str,
    problems: &mut Vec<RefProblem>,
) -> ResponseInfo<'a> {
    let body = match &r.schema {
        None => BodyKind::Empty,
        Some(s) if s.is_binary() => BodyKind::Bytes,
        // `204` with `type: string` and nothing else: a bodiless response written oddly.
        Some(_) if status == "204" => BodyKind::Empty,
        Some(s) => match refs::resolve(file, s, json_path) {
            Ok(resolved) if resolved.schema.is_binary() => BodyKind::Bytes,
            Ok(resolved) => BodyKind::Json {
                type_name: resolved.name,
                schema: resolved.schema,
            },
            Err(p) => {
                problems.push(p);
                BodyKind::Json {
                    type_name: None,
                    schema: s,
                }
            }
        },
    };
    ResponseInfo {
        status,
        code: status.parse().ok(),
        body,
        examples: r.examples.iter().map(|(k, v)| (k.as_str(), v)).collect(),
        description: r.description.as_deref(),
    }
}

fn deprecation(id: &str, loaded: &Loaded, op: &Operation, all_ids: &[&str]) -> Option<Deprecation> {
    let summary = op
        .summary
        .as_deref()
        .or(loaded.definition.summary.as_deref());
    let marked_in =
        |t: Option<&str>| t.is_some_and(|t| OFFLINE_MARKS.iter().any(|m| t.contains(m)));
    let marked = marked_in(summary)
        || op.tags.iter().any(|t| marked_in(Some(t)))
        || marked_in(loaded.definition.tags.as_deref());
    if !op.deprecated && !marked {
        return None;
    }
    let texts = [
        op.description.as_deref().unwrap_or(""),
        summary.unwrap_or(""),
    ];
    let named = all_ids
        .iter()
        .filter(|other| **other != id && texts.iter().any(|t| contains_word(t, other)))
        .max_by_key(|other| other.len());
    let replacement = match named {
        Some(n) => Some(Replacement {
            operation: (*n).to_owned(),
            source: ReplacementSource::Description,
        }),
        None => {
            let newer = format!("{id}New");
            all_ids.contains(&newer.as_str()).then_some(Replacement {
                operation: newer,
                source: ReplacementSource::NewSuffix,
            })
        }
    };
    let note = [op.description.as_deref(), summary]
        .into_iter()
        .flatten()
        .find(|t| !t.trim().is_empty())
        .map(|t| t.trim().to_owned());
    Some(Deprecation {
        flagged: op.deprecated,
        marked,
        note,
        replacement,
    })
}

/// `word` occurs in `text` as a whole word (not inside a longer identifier).
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// Analyses every operation of the loaded files. `all_ids` are the operation ids of the
/// whole set, for naming replacements.
pub fn operations(files: &[Loaded]) -> Vec<OperationInfo<'_>> {
    let all_ids: Vec<&str> = files.iter().map(|l| l.definition.name.as_str()).collect();
    let mut out = Vec::new();
    for loaded in files {
        let def = &loaded.definition;
        let count = def.operations().count();
        for (path, method, op) in def.operations() {
            out.push(operation(loaded, path, method, op, count, &all_ids));
        }
    }
    out
}

fn operation<'a>(
    loaded: &'a Loaded,
    path: &'a str,
    method: &str,
    op: &'a Operation,
    count: usize,
    all_ids: &[&str],
) -> OperationInfo<'a> {
    let def = &loaded.definition;
    let base = format!("paths.{path}.{method}");
    let mut problems = Vec::new();
    let mut ref_problems = Vec::new();
    if count != 1 {
        problems.push(format!(
            "the file holds {count} operations; a definitions file holds one"
        ));
    }
    let id = if def.name.is_empty() {
        op.operation_id.as_deref().unwrap_or("")
    } else {
        def.name.as_str()
    };
    if let Some(oid) = &op.operation_id
        && oid != id
    {
        problems.push(format!(
            "the wrapper names the operation {id} but operationId is {oid}"
        ));
    }
    if !def.method.is_empty() && !def.method.eq_ignore_ascii_case(method) {
        problems.push(format!(
            "the wrapper's method is {} but the path's is {method}",
            def.method
        ));
    }
    let mut params = Vec::new();
    let mut body = None;
    for (i, p) in op.parameters.iter().enumerate() {
        if p.location == Location::Body {
            let Some(schema) = &p.schema else {
                problems.push(format!(
                    "{base}.parameters[{i}]: a body parameter without schema"
                ));
                continue;
            };
            if body.is_some() {
                problems.push(format!("{base}.parameters[{i}]: a second body parameter"));
                continue;
            }
            let path = format!("{base}.parameters[{i}].schema");
            let type_name = match refs::resolve(def, schema, &path) {
                Ok(r) => r.name,
                Err(e) => {
                    ref_problems.push(e);
                    None
                }
            };
            body = Some(BodyInfo {
                name: &p.name,
                required: p.required,
                schema,
                type_name,
            });
        } else {
            params.push(param_info(p));
        }
    }
    let responses = op
        .responses
        .iter()
        .map(|(status, r)| {
            let path = format!("{base}.responses.{status}.schema");
            response_info(def, status, r, &path, &mut ref_problems)
        })
        .collect();
    let texts: std::collections::BTreeMap<u32, &str> = op
        .numbered("x-request-examples-text-")
        .into_iter()
        .filter_map(|(n, v)| Some((n, v.as_str()?)))
        .collect();
    let urls: std::collections::BTreeMap<u32, &str> = op
        .numbered("x-request-examples-url-")
        .into_iter()
        .filter_map(|(n, v)| Some((n, v.as_str()?)))
        .collect();
    let mut numbers: Vec<u32> = op
        .numbered("x-request-examples-")
        .into_iter()
        .map(|(n, _)| n)
        .chain(texts.keys().copied())
        .chain(urls.keys().copied())
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    let bodies: std::collections::BTreeMap<u32, &Value> =
        op.numbered("x-request-examples-").into_iter().collect();
    let request_examples = numbers
        .into_iter()
        .map(|n| RequestExample {
            number: n,
            body: bodies.get(&n).copied(),
            text: texts.get(&n).copied(),
            url: urls.get(&n).copied(),
        })
        .collect();
    for e in refs::check(def) {
        if !ref_problems.contains(&e) {
            ref_problems.push(e);
        }
    }
    OperationInfo {
        file: &loaded.file,
        id,
        method: method.to_ascii_uppercase(),
        path,
        tag: op.tags.first().map(String::as_str).or(def.tags.as_deref()),
        summary: op.summary.as_deref().or(def.summary.as_deref()),
        description: op.description.as_deref(),
        params,
        body,
        responses,
        request_examples,
        response_examples: op.numbered("x-response-examples-"),
        deprecation: deprecation(id, loaded, op, all_ids),
        ratelimit: op.extension_str("x-apigateway-ratelimit"),
        consumes: if op.consumes.is_empty() {
            def.consumes.clone()
        } else {
            op.consumes.clone()
        },
        ref_problems,
        problems,
    }
}
