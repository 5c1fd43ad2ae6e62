//! The converter: a service's analysed definitions into values of the spec model
//! (`spec_model::format`): one [`OperationFile`] per definition and the service's
//! [`ServiceFile`] with the types and enumerations several operations share.
//!
//! What it decides:
//! - Types: every object definition becomes one spec type per canonical shape
//!   ([`super::shapes`]); a name written in two shapes keeps its name for the canonical
//!   variant, the others get the operation's name prepended (listed as findings). A type
//!   used by two operations or more lives in `service.yaml`, else in its operation's file.
//!   Inline objects (a property with `properties`) become types named after their parent and
//!   field. Definitions that are not objects (aliases, arrays, scalars) are inlined.
//! - Names: spec names are UpperCamelCase ASCII, never a Rust keyword or a name the generated
//!   code reserves, at most [`MAX_NAME`] characters, distinct after the model's naming rules
//!   ([`spec_model::names`]); fields whose Rust names would clash get a `rust_name`.
//! - Enumerations: a closed `enum` list, else a list the description writes unambiguously;
//!   one spec enumeration per value set, shared in `service.yaml` when several operations use
//!   it.
//! - Descriptions: the blocks of the template (`**参数解释**`, `**约束限制**`, `**取值范围**`,
//!   `**默认取值**`) go to a parameter's description, restrictions, range and default; fields
//!   keep the whole text. Limits come from the schema keywords only.
//! - Responses: the first 2xx (bodiless for 204 or no schema); documented error statuses,
//!   whose body types are shared like every other type; examples verbatim.
//!
//! What the model cannot say yet (response headers, extra success statuses, ...) is returned
//! as [`Finding`]s, never dropped silently; see `importer/src/definitions/MODEL_GAPS.md`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use spec_model::format::{
    BodyDef, Constraints, Deprecation, EnumDef, EnumKind, EnumValue, ExampleRequest,
    ExampleResponse, Examples, FieldDef, GroupDef, OperationFile, OperationInfo as SpecOperation,
    PagingDef, PagingLocation, PagingStyle, ParamDef, ParamTable, Parameters, Parsed, RequestDef,
    ResponseDef, Scalar, ServiceFile, ServiceInfo, Source, TypeDef, TypeExpr,
};
use spec_model::names;
use spec_model::read::SourceFile;
use spec_model::{Diagnostic, Diagnostics, SpecSource};

use super::model::{Additional, Location, Schema};
use super::ops::{BodyKind, OperationInfo, ParamInfo};
use super::paging::{Paging, Style};
use super::read::{Loaded, ReadError};
use super::text::{self, Block, ValueList};
use super::{Analysis, analyse};
use crate::out::{spanned, unplaced};

mod naming;
mod operation;
mod output;
mod types;

use naming::Namer;
pub use output::{generate, spec_source, to_yaml};

/// The longest spec name the converter writes: longer names are cut and given a hash, so
/// that generated file names stay far below file-system limits.
pub const MAX_NAME: usize = 64;

/// What the converter needs beside the definitions.
#[derive(Debug, Clone)]
pub struct Options {
    /// The service and its crate (`service.yaml`'s `service:`).
    pub service: ServiceInfo,
    /// Where the definitions files are, relative to the spec directory
    /// (`../sources/dbss/apiexplorer`): each operation's `source.page`.
    pub source_dir: String,
    /// Recorded decisions (`spec/<service>/overrides/definitions.yaml`, `text_from`): for a
    /// definition name whose files write it in one shape but with different text, the file
    /// whose text is written. Without one, the variant most files write is (and listed).
    pub text_from: BTreeMap<String, String>,
}

/// What the model cannot say (yet), found while converting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// The operation is deprecated (or marked to be taken offline): written as
    /// `operation.deprecated`; the finding says how the replacement was found.
    Deprecated,
    /// The operation belongs to an API group: written as `operation.group`.
    Group,
    /// A second 2xx response; the model takes one: the first is kept.
    ExtraSuccess,
    /// A `default` (or otherwise non-numeric) response; not written.
    NonNumericStatus,
    /// Response headers; the model has none.
    ResponseHeaders,
    /// The operation pages: written as `paging` where the detection is certain (the items
    /// field decided; for markers, the next marker); the finding says what was not decided.
    Paging,
    /// A name with several shapes: the non-canonical variant got a name of its own.
    ShapeVariant,
    /// A definition name written in one shape but with different text by different files:
    /// one type, with the text of one of them (the rule's choice, or the overrides').
    TextVariant,
    /// A value list that cannot become an enumeration (empty value, clashing names, ...).
    EnumDropped,
    /// An example that cannot be written (not JSON, for a bodiless response, ...).
    ExampleDropped,
    /// A limit that cannot be written (fractional bound, wrong type).
    LimitDropped,
    /// A name that had to be changed to be a valid, distinct spec name.
    Renamed,
    /// The description and the schema disagree (values, default, limits): the schema is
    /// written, the text kept verbatim.
    TextDisagrees,
    /// A type or enumeration no operation uses once the pages' own are kept: not written.
    Unused,
}

/// One thing the spec does not say, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What kind.
    pub kind: FindingKind,
    /// The definitions file.
    pub file: String,
    /// The JSON path in it (`paths./v1/x.get.responses.200`), or `""` for the whole file.
    pub json_path: String,
    /// What was found and what was done.
    pub message: String,
}

/// The spec of a service, in memory.
#[derive(Debug, Clone)]
pub struct Converted {
    /// `service.yaml`.
    pub service: ServiceFile,
    /// The operation files: file name (`list_instances.yaml`) and content, by file name.
    pub operations: BTreeMap<String, OperationFile>,
    /// What the model could not say.
    pub findings: Vec<Finding>,
}

/// Converts `files` (one service's definitions) into the spec model. Fails, with every
/// problem (file, JSON path, what to do), when a definition cannot be converted faithfully.
pub fn to_spec(files: &[Loaded], options: &Options) -> Result<Converted, Vec<ReadError>> {
    let analysis = analyse(files);
    let problems = blocking_problems(&analysis);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut cx = Converter::new(files, &analysis, options);
    cx.text_disagreements(files);
    cx.plan_types();
    for name in options.text_from.keys() {
        if !analysis.types.iter().any(|t| t.name == name) {
            cx.problems.push(problem(
                types::DECISIONS,
                &format!("text_from.{name}"),
                format!("no definition is named {name}"),
                "remove the entry, or correct the name",
            ));
        }
    }
    cx.convert_types();
    let operations: Vec<(String, OperationFile)> = analysis
        .operations
        .iter()
        .enumerate()
        .map(|(i, op)| cx.operation(i, op))
        .collect();
    if !cx.problems.is_empty() {
        return Err(cx.problems);
    }
    Ok(cx.finish(operations))
}

fn problem(file: &str, json_path: &str, message: String, help: &str) -> ReadError {
    ReadError {
        file: file.to_owned(),
        json_path: (!json_path.is_empty()).then(|| json_path.to_owned()),
        position: None,
        message,
        help: help.to_owned(),
    }
}

/// What stops the conversion: `$ref`s that lead nowhere, keywords nothing handles, files that
/// are not one operation, duplicate operation ids, operations without a success response.
fn blocking_problems(a: &Analysis<'_>) -> Vec<ReadError> {
    let mut out = Vec::new();
    for (file, p) in &a.ref_problems {
        out.push(problem(
            file,
            p.json_path(),
            p.to_string(),
            "correct the definitions file",
        ));
    }
    for (file, path, keyword) in &a.unsupported {
        out.push(problem(
            file,
            path,
            format!("schema keyword `{keyword}` is not supported by the converter"),
            "inline the schema it combines, or teach importer::definitions::convert the keyword",
        ));
    }
    let mut ids: BTreeMap<String, &str> = BTreeMap::new();
    for op in &a.operations {
        for p in &op.problems {
            out.push(problem(op.file, "", p.clone(), "split or correct the file"));
        }
        let module = names::module_name(op.id);
        if let Some(prev) = ids.insert(module.clone(), op.file) {
            out.push(problem(
                op.file,
                "name",
                format!(
                    "operation {} becomes module `{module}`, as does the operation of {prev}",
                    op.id
                ),
                "two operation ids may not differ only in letter case or punctuation",
            ));
        }
        if !is_upper_camel(op.id) {
            out.push(problem(
                op.file,
                "name",
                format!("operation id '{}' is not UpperCamelCase ASCII", op.id),
                "the wrapper's `name` is the official SDKs' operation name, like ListInstances",
            ));
        }
        if op.success().is_none() {
            out.push(problem(
                op.file,
                &format!(
                    "paths.{}.{}.responses",
                    op.path,
                    op.method.to_ascii_lowercase()
                ),
                "no success (2xx) response".to_owned(),
                "add the operation's 200, 201 or 204 response",
            ));
        }
        for p in &op.params {
            if p.location == Location::FormData {
                out.push(problem(
                    op.file,
                    &format!(
                        "paths.{}.{}.parameters.{}",
                        op.path,
                        op.method.to_ascii_lowercase(),
                        p.name
                    ),
                    "formData parameters are not supported".to_owned(),
                    "the spec model has JSON bodies only",
                ));
            }
        }
    }
    out
}

fn is_upper_camel(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Where a type or enumeration is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Home {
    /// `service.yaml`.
    Service,
    /// The operation file of the operation with this index.
    Op(usize),
}

/// One enumeration being collected: its values, where it is used, its spec name.
#[derive(Debug)]
struct EnumEntry {
    name: String,
    def: EnumDef,
    homes: BTreeSet<Home>,
}

/// One definition variant's spec type: its name and home.
#[derive(Debug, Clone)]
struct Planned<'a> {
    name: String,
    home: Home,
    /// The file whose text the type is written from (the canonical variant's first).
    from: &'a str,
}

struct Converter<'a> {
    files: &'a [Loaded],
    analysis: &'a Analysis<'a>,
    options: &'a Options,
    /// The operation index of each file.
    op_of_file: BTreeMap<&'a str, usize>,
    namer: Namer,
    /// (file, definition name) -> its spec type.
    planned: BTreeMap<(&'a str, &'a str), Planned<'a>>,
    /// Written types, by home.
    types: BTreeMap<Home, BTreeMap<String, TypeDef>>,
    /// Enumerations by (kind, values).
    enums: BTreeMap<(String, Vec<String>), EnumEntry>,
    findings: Vec<Finding>,
    problems: Vec<ReadError>,
}

/// Where a schema is being converted: the file, and the type it belongs to.
#[derive(Clone, Copy)]
struct At<'a, 'p> {
    file: &'a Loaded,
    home: Home,
    /// The spec name of the type (or body) the field belongs to: inline objects are named
    /// after it.
    parent: &'p str,
}

/// A cargo feature name from an English group name: lower-case words joined by `-`
/// (`Enhanced O&M Management` -> `enhanced-o-m-management`).
fn feature_name(english: &str) -> String {
    english
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

impl<'a> Converter<'a> {
    fn new(files: &'a [Loaded], analysis: &'a Analysis<'a>, options: &'a Options) -> Self {
        let op_of_file = analysis
            .operations
            .iter()
            .enumerate()
            .map(|(i, op)| (op.file, i))
            .collect();
        Converter {
            files,
            analysis,
            options,
            op_of_file,
            namer: Namer::default(),
            planned: BTreeMap::new(),
            types: BTreeMap::new(),
            enums: BTreeMap::new(),
            findings: Vec::new(),
            problems: Vec::new(),
        }
    }

    fn finding(&mut self, kind: FindingKind, file: &str, json_path: &str, message: String) {
        self.findings.push(Finding {
            kind,
            file: file.to_owned(),
            json_path: json_path.to_owned(),
            message,
        });
    }

    /// Where a description says otherwise than its schema (the analysis of
    /// [`crate::definitions::descriptions`]).
    fn text_disagreements(&mut self, files: &'a [Loaded]) {
        for d in crate::definitions::descriptions(files) {
            let mut said = Vec::new();
            if let Some((schema_only, text_only)) = &d.enum_mismatch {
                said.push(format!(
                    "values only in the schema: [{}], only in the text: [{}]",
                    schema_only.join(", "),
                    text_only.join(", ")
                ));
            }
            if let Some((text, schema)) = &d.default_mismatch {
                said.push(format!(
                    "default {text} in the text, {} in the schema",
                    schema.as_deref().unwrap_or("none")
                ));
            }
            for l in &d.limits {
                said.push(format!(
                    "{} {} in the text, {} in the schema",
                    l.keyword, l.text, l.schema
                ));
            }
            if !said.is_empty() {
                self.finding(
                    FindingKind::TextDisagrees,
                    d.file,
                    &d.path,
                    format!("{}: {}", d.name, said.join("; ")),
                );
            }
        }
    }

    /// The API groups, by feature name: the English name in kebab-case where it is known
    /// (`tags::dbss_english`), `group-<n>` otherwise (the title is then the tag: a person names
    /// it), `other` for operations without a tag. A group whose operations are all deprecated
    /// is not a default feature. None when no operation has a tag.
    fn groups(&self) -> BTreeMap<String, GroupDef> {
        let ops = &self.analysis.operations;
        if ops.iter().all(|o| o.tag.is_none()) {
            return BTreeMap::new();
        }
        let mut out = BTreeMap::new();
        for (i, g) in super::tags::groups(ops, super::tags::DBSS_GROUPS)
            .into_iter()
            .enumerate()
        {
            let feature = match (g.english, g.name) {
                (_, "") => "other".to_owned(),
                (Some(e), _) => feature_name(e.english),
                (None, _) => format!("group-{}", i + 1),
            };
            let all_deprecated = g
                .operations
                .iter()
                .all(|id| ops.iter().any(|o| o.id == *id && o.deprecation.is_some()));
            out.insert(
                feature,
                GroupDef {
                    title: g.english.map_or(g.name, |e| e.english).to_owned(),
                    source: (!g.name.is_empty()).then(|| g.name.to_owned()),
                    default: !all_deprecated,
                },
            );
        }
        out
    }

    fn loaded(&self, file: &str) -> &'a Loaded {
        let files: &'a [Loaded] = self.files;
        files
            .iter()
            .find(|l| l.file == file)
            .expect("every analysed file is one of the files")
    }

    fn finish(mut self, operations: Vec<(String, OperationFile)>) -> Converted {
        let mut service = ServiceFile {
            service: self.options.service.clone(),
            types: self.types.remove(&Home::Service).unwrap_or_default(),
            enums: BTreeMap::new(),
            groups: self.groups(),
            error_codes: None,
            endpoints: None,
        };
        let mut operations: Vec<(String, OperationFile)> = operations;
        for (i, (_, op)) in operations.iter_mut().enumerate() {
            op.types = self.types.remove(&Home::Op(i)).unwrap_or_default();
        }
        for (_, e) in std::mem::take(&mut self.enums) {
            match e.homes.iter().collect::<Vec<_>>().as_slice() {
                [Home::Op(i)] => {
                    operations[*i].1.enums.insert(e.name, e.def);
                }
                _ => {
                    service.enums.insert(e.name, e.def);
                }
            }
        }
        Converted {
            service,
            operations: operations.into_iter().collect(),
            findings: self.findings,
        }
    }
}

/// The response schema as written (a `$ref` kept, so that the body names its type).
fn op_response_schema<'a>(loaded: &'a Loaded, status: &str) -> Option<&'a Schema> {
    let (_, _, op) = loaded.definition.operations().next()?;
    op.responses.get(status)?.schema.as_ref()
}

/// An object with its own properties (a table): a spec type.
fn is_object(schema: &Schema) -> bool {
    schema.reference.is_none()
        && matches!(schema.effective_type(), Some("object") | None)
        && schema.properties.as_ref().is_some_and(|p| !p.is_empty())
}

fn block_text(b: &Block) -> String {
    b.text().unwrap_or(text::NOT_APPLICABLE).to_owned()
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}
