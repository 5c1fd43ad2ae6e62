//! The API Explorer definitions front-end: reads a service's definitions files (Swagger 2.0
//! inside the API Explorer's wrapper, one operation a file) and analyses them for the
//! converter that will write the spec.
//!
//! - [`model`]: the source as it is (serde types of the wrapper and the Swagger subset);
//! - [`read`]: reading, with errors that name the file, the JSON path and what to do;
//! - [`refs`]: `$ref` chains, cycles and dangling references;
//! - [`text`]: the Chinese description blocks, value lists and limits written in text;
//! - [`ops`]: operations, parameters, bodies, responses (JSON, bytes, none), examples,
//!   deprecation and replacements, rate limits;
//! - [`shapes`]: definitions shared across files (one canonical shape a name, the
//!   differences listed) and enumerations shared across operations;
//! - [`paging`]: which operations page and how;
//! - [`tags`]: API groups and their English names;
//! - [`convert`]: the analysed definitions into values of the spec model;
//! - [`merge`]: pages and definitions in one spec directory (what a page owns wins);
//! - [`run`]: `cargo xtask import` of definitions.
//!
//! [`analyse`] runs them all over a set and [`Census`] counts what the set holds.

pub mod convert;
pub mod merge;
pub mod model;
pub mod ops;
pub mod paging;
pub mod read;
pub mod refs;
pub mod run;
pub mod shapes;
pub mod tags;
pub mod text;

use std::collections::BTreeMap;

pub use model::{DefinitionFile, Location, Operation, Parameter, Schema};
pub use read::{Loaded, ReadError, read_dir, read_file, read_str};

/// Everything the analyses say about a set of definitions.
#[derive(Debug, Clone)]
pub struct Analysis<'a> {
    /// Every operation.
    pub operations: Vec<ops::OperationInfo<'a>>,
    /// Paging, by operation id.
    pub paging: BTreeMap<&'a str, paging::Paging>,
    /// Every definition name with its variants.
    pub types: Vec<shapes::SharedType<'a>>,
    /// Enumerations used by two operations or more.
    pub enums: Vec<shapes::SharedEnum<'a>>,
    /// `$ref` problems, by file.
    pub ref_problems: Vec<(&'a str, refs::RefProblem)>,
    /// Definitions that contain themselves, by file.
    pub recursive: Vec<(&'a str, Vec<String>)>,
    /// Unsupported schema keywords in use: (file, JSON path, keyword).
    pub unsupported: Vec<(&'a str, String, String)>,
}

/// Runs every analysis over `files`.
pub fn analyse(files: &[Loaded]) -> Analysis<'_> {
    let operations = ops::operations(files);
    let by_file: BTreeMap<&str, &Loaded> = files.iter().map(|l| (l.file.as_str(), l)).collect();
    let paging = operations
        .iter()
        .filter_map(|op| Some((op.id, paging::detect(by_file.get(op.file)?, op)?)))
        .collect();
    let mut ref_problems = Vec::new();
    let mut recursive = Vec::new();
    let mut unsupported = Vec::new();
    for l in files {
        for p in refs::check(&l.definition) {
            ref_problems.push((l.file.as_str(), p));
        }
        for c in refs::recursive_definitions(&l.definition) {
            recursive.push((l.file.as_str(), c));
        }
        for (path, s) in refs::all_schemas(&l.definition) {
            for k in s.unsupported() {
                unsupported.push((l.file.as_str(), path.clone(), k.to_owned()));
            }
        }
    }
    Analysis {
        operations,
        paging,
        types: shapes::shared_types(files),
        enums: shapes::shared_enums(files, 2),
        ref_problems,
        recursive,
        unsupported,
    }
}

/// Counts of what a set holds, each computed from the data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Census {
    /// Files read.
    pub files: usize,
    /// Operations by method (upper case).
    pub methods: BTreeMap<String, usize>,
    /// Non-body parameters by location, plus `body` for bodies.
    pub params: BTreeMap<&'static str, usize>,
    /// Parameters with `minLength`/`maxLength`.
    pub length_limited_params: usize,
    /// Responses by status.
    pub statuses: BTreeMap<String, usize>,
    /// Responses with examples.
    pub response_examples: usize,
    /// Operations with at least one request example body.
    pub request_examples: usize,
    /// Responses whose body is bytes.
    pub binary_responses: usize,
    /// Success responses without a body.
    pub bodiless_successes: usize,
    /// Definitions across files.
    pub definitions: usize,
    /// Distinct definition names.
    pub names: usize,
    /// Names whose variants differ in shape.
    pub shape_conflicts: usize,
    /// Names whose variants differ in documentation only.
    pub doc_variants: usize,
    /// Operations flagged `deprecated: true`.
    pub deprecated: usize,
    /// Operations marked "to be taken offline" (summary or group).
    pub marked_offline: usize,
    /// Deprecated or marked operations with a replacement.
    pub with_replacement: usize,
    /// Distinct groups.
    pub tags: usize,
    /// Operations with a rate-limit class, by class.
    pub ratelimits: BTreeMap<String, usize>,
    /// Pageable operations, by style.
    pub paging: BTreeMap<String, usize>,
    /// Closed `enum` lists in schemas and parameters.
    pub closed_enums: usize,
    /// Distinct value sets among them (order ignored).
    pub distinct_closed_enums: usize,
    /// `readOnly` fields.
    pub read_only: usize,
    /// Free-form objects.
    pub free_form: usize,
    /// Formats in use and how often.
    pub formats: BTreeMap<String, usize>,
    /// `$ref` problems.
    pub ref_problems: usize,
}

impl Census {
    /// Counts what `files` hold, with `analysis` of them.
    pub fn of(files: &[Loaded], analysis: &Analysis<'_>) -> Census {
        let mut c = Census {
            files: files.len(),
            ..Census::default()
        };
        for op in &analysis.operations {
            *c.methods.entry(op.method.clone()).or_default() += 1;
            for p in &op.params {
                *c.params.entry(p.location.as_str()).or_default() += 1;
                if p.value.min_length.is_some() || p.value.max_length.is_some() {
                    c.length_limited_params += 1;
                }
            }
            if op.body.is_some() {
                *c.params.entry("body").or_default() += 1;
            }
            for r in &op.responses {
                *c.statuses.entry(r.status.to_owned()).or_default() += 1;
                c.response_examples += usize::from(!r.examples.is_empty());
                c.binary_responses += usize::from(r.body == ops::BodyKind::Bytes);
                c.bodiless_successes += usize::from(
                    r.body == ops::BodyKind::Empty
                        && r.code.is_some_and(|s| (200..300).contains(&s)),
                );
            }
            c.request_examples += usize::from(op.request_examples.iter().any(|e| e.body.is_some()));
            if let Some(d) = &op.deprecation {
                c.deprecated += usize::from(d.flagged);
                c.marked_offline += usize::from(d.marked);
                c.with_replacement += usize::from(d.replacement.is_some());
            }
            if let Some(r) = op.ratelimit {
                *c.ratelimits.entry(r.to_owned()).or_default() += 1;
            }
        }
        c.tags = analysis
            .operations
            .iter()
            .filter_map(|o| o.tag)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        for p in analysis.paging.values() {
            *c.paging.entry(format!("{:?}", p.style)).or_default() += 1;
        }
        c.names = analysis.types.len();
        c.definitions = analysis.types.iter().map(shapes::SharedType::uses).sum();
        c.shape_conflicts = analysis
            .types
            .iter()
            .filter(|t| t.conflict() == Some(shapes::DiffKind::Shape))
            .count();
        c.doc_variants = analysis
            .types
            .iter()
            .filter(|t| t.conflict() == Some(shapes::DiffKind::Docs))
            .count();
        let mut value_sets = std::collections::BTreeSet::new();
        for l in files {
            for (_, s) in refs::all_schemas(&l.definition) {
                if let Some(e) = &s.enumeration {
                    c.closed_enums += 1;
                    let mut set: Vec<String> = e.iter().map(text::plain).collect();
                    set.sort();
                    value_sets.insert(set);
                }
                c.read_only += usize::from(s.read_only);
                c.free_form += usize::from(s.is_free_form());
                if let Some(f) = &s.format {
                    *c.formats.entry(f.clone()).or_default() += 1;
                }
            }
        }
        c.distinct_closed_enums = value_sets.len();
        c.ref_problems = analysis.ref_problems.len();
        c
    }
}

/// What one field's description says, beside what its schema says.
#[derive(Debug, Clone, PartialEq)]
pub struct Described<'a> {
    /// The file.
    pub file: &'a str,
    /// The JSON path.
    pub path: String,
    /// The field's name.
    pub name: String,
    /// The blocks, when the template is used.
    pub blocks: Option<text::Blocks>,
    /// The value list the text writes.
    pub listed: text::ValueList,
    /// The closed `enum` list, as text.
    pub closed: Option<Vec<String>>,
    /// Values only in the closed list, and only in the text, when both exist and differ.
    pub enum_mismatch: Option<(Vec<String>, Vec<String>)>,
    /// The default the text states and the schema's, when they differ.
    pub default_mismatch: Option<(String, Option<String>)>,
    /// Limits the text states that the schema lacks or sets otherwise.
    pub limits: Vec<text::LimitDisagreement>,
}

/// Every described field of the set, with the description read and compared with the
/// schema.
pub fn descriptions(files: &[Loaded]) -> Vec<Described<'_>> {
    let mut out = Vec::new();
    for l in files {
        refs::for_each_field(&l.definition, &mut |f| {
            let Some(d) = f.description else { return };
            let blocks = text::blocks(d);
            let listed = text::description_values(d);
            let closed: Option<Vec<String>> = f
                .schema
                .enumeration
                .as_ref()
                .map(|e| e.iter().map(text::plain).collect());
            let enum_mismatch = match (&closed, listed.values()) {
                (Some(c), Some(t)) => {
                    let only_closed: Vec<String> = c
                        .iter()
                        .filter(|v| !t.contains(&v.as_str()))
                        .cloned()
                        .collect();
                    let only_text: Vec<String> = t
                        .iter()
                        .filter(|v| !c.iter().any(|c| c == *v))
                        .map(|v| (*v).to_owned())
                        .collect();
                    (!only_closed.is_empty() || !only_text.is_empty())
                        .then_some((only_closed, only_text))
                }
                _ => None,
            };
            let stated = blocks
                .as_ref()
                .and_then(|b| b.default.as_ref())
                .and_then(text::text_default);
            let schema_default = f.schema.default.as_ref().map(text::plain);
            let default_mismatch = stated
                .filter(|s| Some(s) != schema_default.as_ref())
                .map(|s| (s, schema_default.clone()));
            // Limits: the range block when the template is used, else the whole text.
            let limit_text = blocks
                .as_ref()
                .map(|b| {
                    [&b.range, &b.constraints]
                        .into_iter()
                        .flatten()
                        .filter_map(text::Block::text)
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_else(|| d.to_owned());
            let integer = matches!(f.schema.effective_type(), Some("integer" | "number"));
            let limits = text::compare_limits(&text::text_limits(&limit_text), f.schema, integer);
            out.push(Described {
                file: &l.file,
                path: f.path.to_owned(),
                name: f.name.to_owned(),
                blocks,
                listed,
                closed,
                enum_mismatch,
                default_mismatch,
                limits,
            });
        });
    }
    out
}
