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
//! What the model cannot say yet (deprecation, groups, bytes bodies, paging, ...) is returned
//! as [`Finding`]s, never dropped silently; see `MODEL_GAPS.md` beside this file.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use spec_model::format::{
    BodyDef, Constraints, EnumDef, EnumKind, EnumValue, ExampleRequest, ExampleResponse, Examples,
    FieldDef, OperationFile, OperationInfo as SpecOperation, ParamDef, ParamTable, Parameters,
    Parsed, RequestDef, ResponseDef, Scalar, ServiceFile, ServiceInfo, Source, SpannedStr, TypeDef,
    TypeExpr,
};
use spec_model::names;
use spec_model::read::SourceFile;
use spec_model::{Diagnostic, Diagnostics, SpecSource};

use super::model::{Additional, Location, Schema};
use super::ops::{BodyKind, OperationInfo, ParamInfo};
use super::read::{Loaded, ReadError};
use super::text::{self, Block, ValueList};
use super::{Analysis, analyse};

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
}

/// What the model cannot say (yet), found while converting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// The operation is deprecated (or marked to be taken offline); the model has no key.
    Deprecated,
    /// The operation belongs to an API group; the model has no key.
    Group,
    /// A response body is bytes; the model has no bytes body: written without a body.
    BinaryResponse,
    /// A second 2xx response; the model takes one: the first is kept.
    ExtraSuccess,
    /// A `default` (or otherwise non-numeric) response; not written.
    NonNumericStatus,
    /// Response headers; the model has none.
    ResponseHeaders,
    /// The operation pages; the model has no paging facts.
    Paging,
    /// A name with several shapes: the non-canonical variant got a name of its own.
    ShapeVariant,
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
                "operation ids must differ in more than letter case",
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

/// The spec names in use, as the generator will see them (Rust name and module file).
#[derive(Debug, Default)]
struct Namer {
    rust: BTreeSet<String>,
    modules: BTreeSet<String>,
}

impl Namer {
    /// True when `wanted` would be claimed as it is spelled (after [`spec_name`]).
    fn is_free(&self, wanted: &str) -> bool {
        let name = spec_name(wanted);
        let rust = names::type_name(&name);
        rust == name
            && !self.rust.contains(&rust)
            && !self.modules.contains(&names::module_name(&rust))
    }

    /// A valid, unused spec name close to `wanted`; claims it.
    fn claim(&mut self, wanted: &str) -> String {
        let base = spec_name(wanted);
        let mut candidate = base.clone();
        let mut n = 2;
        loop {
            let rust = names::type_name(&candidate);
            let module = names::module_name(&rust);
            if rust == candidate && !self.rust.contains(&rust) && !self.modules.contains(&module) {
                self.rust.insert(rust);
                self.modules.insert(module);
                return candidate;
            }
            candidate = if rust != candidate && n == 2 {
                // A keyword or reserved name (`Self`, `Option`): a suffix makes it plain.
                format!("{base}Type")
            } else {
                format!("{base}{n}")
            };
            n += 1;
        }
    }
}

/// `wanted` as an UpperCamelCase ASCII name of at most [`MAX_NAME`] characters.
fn spec_name(wanted: &str) -> String {
    let camel: String = names::type_name(wanted)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let camel = match camel.chars().next() {
        None => "Type".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("T{camel}"),
        Some(_) => camel,
    };
    if camel.len() <= MAX_NAME {
        return camel;
    }
    // FNV-1a of the whole name keeps two long names that share a prefix apart.
    let hash = camel.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{}H{:08x}", &camel[..MAX_NAME - 9], hash as u32)
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
    /// [`super::descriptions`]).
    fn text_disagreements(&mut self, files: &'a [Loaded]) {
        for d in super::descriptions(files) {
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

    fn loaded(&self, file: &str) -> &'a Loaded {
        let files: &'a [Loaded] = self.files;
        files
            .iter()
            .find(|l| l.file == file)
            .expect("every analysed file is one of the files")
    }

    /// Names every object definition variant and decides where it is written. Default body
    /// names are claimed first, so that no definition takes one.
    fn plan_types(&mut self) {
        // The default names of inline bodies, so that no definition takes one.
        for op in &self.analysis.operations {
            let loaded = self.loaded(op.file);
            if op.body.as_ref().is_some_and(|b| is_object(b.schema)) {
                self.namer.claim(&names::default_body_name(op.id, None));
            }
            for r in &op.responses {
                if let Some(code) = r.code
                    && op_response_schema(loaded, r.status).is_some_and(is_object)
                {
                    self.namer
                        .claim(&names::default_body_name(op.id, Some(code)));
                }
            }
        }
        let shared: &'a [super::shapes::SharedType<'a>] = &self.analysis.types;
        for t in shared {
            // Variants that differ in documentation only are one type (the canonical
            // variant's text); each variant that differs in shape is a type of its own.
            let mut groups: Vec<Vec<&super::shapes::Variant<'a>>> = Vec::new();
            for (k, v) in t.variants.iter().enumerate() {
                let shape = v
                    .differences
                    .iter()
                    .any(|(kind, _)| *kind == super::shapes::DiffKind::Shape);
                match groups.first_mut() {
                    Some(first) if k > 0 && !shape => first.push(v),
                    _ => groups.push(vec![v]),
                }
            }
            for (k, group) in groups.into_iter().enumerate() {
                let canonical = group[0];
                if !is_object(canonical.schema) {
                    continue;
                }
                let files: Vec<&'a str> =
                    group.iter().flat_map(|v| v.files.iter().copied()).collect();
                let home = match files.as_slice() {
                    [one] => Home::Op(self.op_of_file[one]),
                    _ => Home::Service,
                };
                let wanted = if k == 0 {
                    t.name.to_owned()
                } else {
                    let op = self.analysis.operations[self.op_of_file[files[0]]].id;
                    format!("{op}{}", spec_name(t.name))
                };
                let name = self.namer.claim(&wanted);
                if k > 0 {
                    let shape: Vec<&str> = canonical
                        .differences
                        .iter()
                        .filter(|(kind, _)| *kind == super::shapes::DiffKind::Shape)
                        .map(|(_, p)| p.as_str())
                        .collect();
                    self.finding(
                        FindingKind::ShapeVariant,
                        files[0],
                        &format!("definitions.{}", t.name),
                        format!(
                            "definition {} differs in shape from the one in {} ({}): written as {name} for {}",
                            t.name,
                            t.variants[0].files.join(", "),
                            shape.join(", "),
                            files.join(", ")
                        ),
                    );
                } else if name != t.name {
                    self.finding(
                        FindingKind::Renamed,
                        files[0],
                        &format!("definitions.{}", t.name),
                        format!("definition {} is written as {name}", t.name),
                    );
                }
                for f in files {
                    self.planned.insert(
                        (f, t.name),
                        Planned {
                            name: name.clone(),
                            home,
                            from: canonical.files[0],
                        },
                    );
                }
            }
        }
    }

    /// Writes each planned type once (from the first file of its variant).
    fn convert_types(&mut self) {
        let mut done = BTreeSet::new();
        let planned: Vec<((&'a str, &'a str), Planned<'a>)> =
            self.planned.iter().map(|(k, v)| (*k, v.clone())).collect();
        for ((_, def), p) in planned {
            if !done.insert(p.name.clone()) {
                continue;
            }
            let file = p.from;
            let loaded = self.loaded(file);
            let schema = &loaded.definition.definitions[def];
            let at = At {
                file: loaded,
                home: p.home,
                parent: &p.name,
            };
            let fields = self.fields(at, schema, &format!("definitions.{def}"));
            let description = schema
                .description
                .clone()
                .or_else(|| schema.title.clone())
                .filter(|d| !d.trim().is_empty());
            self.put_type(
                p.home,
                p.name.clone(),
                TypeDef {
                    description,
                    tables: vec![format!("{file}: definitions.{def}")],
                    fields,
                },
            );
        }
    }

    fn put_type(&mut self, home: Home, name: String, def: TypeDef) {
        self.types.entry(home).or_default().insert(name, def);
    }

    /// The fields of an object schema, with `rust_name` where two would clash.
    fn fields(&mut self, at: At<'a, '_>, schema: &'a Schema, path: &str) -> Vec<FieldDef> {
        let mut out = Vec::new();
        let mut taken = BTreeSet::new();
        for (name, prop) in schema.properties.iter().flatten() {
            let ppath = format!("{path}.properties.{name}");
            let Some((ty, scalar)) = self.type_of(at, prop, name, &ppath) else {
                continue;
            };
            let enumeration =
                self.enumeration(at, &ty, scalar, name, prop.description.as_deref(), &ppath);
            let constraints = self.constraints(at.file, &ppath, &ty, prop, scalar);
            out.push(FieldDef {
                name: spanned(name),
                mandatory: Some(schema.required.iter().any(|r| r == name)),
                ty: Parsed::new(ty.describe()),
                // A `$ref` without a description of its own: the referred type's.
                description: [prop, scalar]
                    .iter()
                    .find_map(|s| s.description.clone().or_else(|| s.title.clone()))
                    .unwrap_or_default(),
                enumeration: enumeration.map(|e| spanned(&e)),
                constraints,
                rust_name: rust_name(&mut taken, name),
            });
        }
        out
    }

    /// The spec type of `schema`, and the scalar schema that carries its values (the schema
    /// itself, or an array's items), for enumerations and limits. `None` (with a problem
    /// recorded) when the schema's type is unknown.
    fn type_of(
        &mut self,
        at: At<'a, '_>,
        schema: &'a Schema,
        field: &str,
        path: &str,
    ) -> Option<(TypeExpr, &'a Schema)> {
        let def = &at.file.definition;
        let schema = if schema.reference.is_some() {
            match super::refs::resolve(def, schema, path) {
                Ok(r) => {
                    if let Some(name) = r.name
                        && let Some(p) = self.planned.get(&(at.file.file.as_str(), name))
                    {
                        return Some((TypeExpr::Named(p.name.clone()), r.schema));
                    }
                    r.schema
                }
                Err(e) => {
                    // Reported as a blocking problem by the analysis; unreachable here.
                    self.problems.push(problem(
                        &at.file.file,
                        path,
                        e.to_string(),
                        "correct the $ref",
                    ));
                    return None;
                }
            }
        } else {
            schema
        };
        let ty = match schema.effective_type() {
            Some("string") | Some("file") => TypeExpr::String,
            Some("integer") if schema.format.as_deref() == Some("int64") => TypeExpr::Long,
            Some("integer") => TypeExpr::Integer,
            Some("number") if schema.format.as_deref() == Some("float") => TypeExpr::Float,
            Some("number") => TypeExpr::Double,
            Some("boolean") => TypeExpr::Boolean,
            Some("array") => {
                let Some(items) = schema.items.as_deref() else {
                    return Some((TypeExpr::Array(Box::new(TypeExpr::Json)), schema));
                };
                let item_field = format!("{field}Item");
                let (inner, scalar) =
                    self.type_of(at, items, &item_field, &format!("{path}.items"))?;
                return Some((TypeExpr::Array(Box::new(inner)), scalar));
            }
            Some("object") | None => {
                if is_object(schema) {
                    let name = self
                        .namer
                        .claim(&format!("{}{}", at.parent, spec_name(field)));
                    let inner = At {
                        parent: &name,
                        ..at
                    };
                    let fields = self.fields(inner, schema, path);
                    self.put_type(
                        at.home,
                        name.clone(),
                        TypeDef {
                            description: None,
                            tables: vec![format!("{}: {path}", at.file.file)],
                            fields,
                        },
                    );
                    TypeExpr::Named(name)
                } else if let Some(Additional::Schema(values)) = &schema.additional_properties {
                    let (inner, _) =
                        self.type_of(at, values, field, &format!("{path}.additionalProperties"))?;
                    TypeExpr::Map(Box::new(inner))
                } else {
                    TypeExpr::Json
                }
            }
            Some(other) => {
                self.problems.push(problem(
                    &at.file.file,
                    path,
                    format!("unknown schema type '{other}'"),
                    "Swagger 2.0 types are string, integer, number, boolean, array, object and file",
                ));
                return None;
            }
        };
        Some((ty, schema))
    }

    /// The spec enumeration of a field, when its schema closes the values or its description
    /// lists them; registered for writing, by value set.
    fn enumeration(
        &mut self,
        at: At<'a, '_>,
        ty: &TypeExpr,
        scalar: &Schema,
        field: &str,
        description: Option<&str>,
        path: &str,
    ) -> Option<String> {
        let elem = match ty {
            TypeExpr::Array(inner) => inner.as_ref(),
            other => other,
        };
        let kind = match elem {
            TypeExpr::String => EnumKind::String,
            TypeExpr::Integer => EnumKind::Integer,
            TypeExpr::Long => EnumKind::Long,
            _ => return None,
        };
        let listed = description.map_or(ValueList::None, text::description_values);
        let labels: BTreeMap<String, Option<String>> = match &listed {
            ValueList::Found { values, .. } => values
                .iter()
                .map(|v| (v.value.clone(), v.label.clone()))
                .collect(),
            _ => BTreeMap::new(),
        };
        let values: Vec<String> = match (&scalar.enumeration, listed.values()) {
            (Some(closed), _) => closed.iter().map(text::plain).collect(),
            (None, Some(listed)) => listed.into_iter().map(str::to_owned).collect(),
            (None, None) => return None,
        };
        let mut seen_values = BTreeSet::new();
        let mut seen_variants = BTreeSet::new();
        let mut out = Vec::new();
        for v in &values {
            if !seen_values.insert(v.clone()) {
                continue;
            }
            let value = if kind.is_integer() {
                match v.parse::<i64>() {
                    Ok(n) if kind == EnumKind::Long || i32::try_from(n).is_ok() => Scalar::Int(n),
                    _ => {
                        self.finding(
                            FindingKind::EnumDropped,
                            &at.file.file,
                            path,
                            format!(
                                "value '{v}' of {field} is not a {} : no enumeration",
                                kind.as_str()
                            ),
                        );
                        return None;
                    }
                }
            } else if v.is_empty() {
                self.finding(
                    FindingKind::EnumDropped,
                    &at.file.file,
                    path,
                    format!("{field} lists an empty value: no enumeration"),
                );
                return None;
            } else {
                Scalar::Str(v.clone())
            };
            let variant = match &value {
                Scalar::Int(n) => names::integer_variant_name(*n),
                Scalar::Str(s) => names::variant_name(s),
            };
            let name = (!seen_variants.insert(variant.clone())).then(|| {
                let mut n = 2;
                while seen_variants.contains(&format!("{variant}{n}")) {
                    n += 1;
                }
                let name = format!("{variant}{n}");
                seen_variants.insert(name.clone());
                name
            });
            out.push(EnumValue {
                value: serde_saphyr::Spanned::new(
                    value,
                    serde_saphyr::Location::UNKNOWN,
                    serde_saphyr::Location::UNKNOWN,
                ),
                name,
                description: labels.get(v).cloned().flatten(),
            });
        }
        let mut key_values = values.clone();
        key_values.sort();
        key_values.dedup();
        let key = (kind.as_str().to_owned(), key_values);
        if let Some(e) = self.enums.get_mut(&key) {
            e.homes.insert(at.home);
            return Some(e.name.clone());
        }
        // The field's name; where another value set has it, the parent's name before it.
        let name = if self.namer.is_free(field) {
            self.namer.claim(field)
        } else {
            self.namer
                .claim(&format!("{}{}", at.parent, spec_name(field)))
        };
        self.enums.insert(
            key,
            EnumEntry {
                name: name.clone(),
                def: EnumDef {
                    ty: Parsed::new(kind.as_str()),
                    description: None,
                    values: out,
                },
                homes: BTreeSet::from([at.home]),
            },
        );
        Some(name)
    }

    /// The limits of the schema keywords that fit the type.
    /// `schema` is the field's own schema, `scalar` the one that carries its values (an
    /// array's items).
    fn constraints(
        &mut self,
        loaded: &Loaded,
        path: &str,
        ty: &TypeExpr,
        schema: &Schema,
        scalar: &Schema,
    ) -> Option<Constraints> {
        let mut c = Constraints::default();
        if let TypeExpr::Array(_) = ty {
            c.min_items = schema.min_items;
            c.max_items = schema.max_items;
        }
        let elem = match ty {
            TypeExpr::Array(inner) => inner.as_ref(),
            other => other,
        };
        // Limits of an array's items cannot be said in the model; only the array's own.
        let own = !matches!(ty, TypeExpr::Array(_));
        if own && *elem == TypeExpr::String {
            c.min_length = scalar.min_length;
            c.max_length = scalar.max_length;
        }
        let integer = matches!(elem, TypeExpr::Integer | TypeExpr::Long);
        if own
            && matches!(
                elem,
                TypeExpr::Integer | TypeExpr::Long | TypeExpr::Float | TypeExpr::Double
            )
        {
            let bound = |n: &Option<serde_json::Number>,
                         excl: bool,
                         step: i64|
             -> Result<Option<i64>, String> {
                let Some(n) = n else { return Ok(None) };
                let v = n.as_i64().or_else(|| {
                    n.as_f64()
                        .filter(|f| f.fract() == 0.0 && f.abs() < 9e15)
                        .map(|f| f as i64)
                });
                match v {
                    Some(v) if !excl => Ok(Some(v)),
                    Some(v) if integer => Ok(v.checked_add(step)),
                    _ => Err(format!(
                        "bound {n}{} cannot be written as an integer limit",
                        if excl { " (excluded)" } else { "" }
                    )),
                }
            };
            match bound(&scalar.minimum, scalar.exclusive_minimum, 1) {
                Ok(v) => c.minimum = v,
                Err(m) => self.finding(FindingKind::LimitDropped, &loaded.file, path, m),
            }
            match bound(&scalar.maximum, scalar.exclusive_maximum, -1) {
                Ok(v) => c.maximum = v,
                Err(m) => self.finding(FindingKind::LimitDropped, &loaded.file, path, m),
            }
        }
        (c != Constraints::default()).then_some(c)
    }

    fn operation(&mut self, index: usize, op: &'a OperationInfo<'a>) -> (String, OperationFile) {
        let loaded = self.loaded(op.file);
        let home = Home::Op(index);
        let base = format!("paths.{}.{}", op.path, op.method.to_ascii_lowercase());
        self.operation_findings(op, &base);
        let mut parameters = Parameters::default();
        let mut taken = BTreeSet::new();
        for (location, slot) in [
            (Location::Path, &mut parameters.path),
            (Location::Query, &mut parameters.query),
            (Location::Header, &mut parameters.header),
        ] {
            let items: Vec<ParamDef> = op
                .params_in(location)
                .filter_map(|p| self.param(loaded, home, op, p, &base, &mut taken))
                .collect();
            if !items.is_empty() {
                *slot = Some(ParamTable {
                    table: format!("{} parameters", location.as_str()),
                    items,
                });
            }
        }
        let request = op.body.as_ref().and_then(|b| {
            let path = format!("{base}.parameters.{}.schema", b.name);
            let at = At {
                file: loaded,
                home,
                parent: &format!("{}RequestBody", op.id),
            };
            let body = self.body(at, b.schema, &names::default_body_name(op.id, None), &path)?;
            Some(RequestDef {
                table: Some(format!("body parameter {}", b.name)),
                body,
            })
        });
        let mut responses = BTreeMap::new();
        let success = op.success().map(|r| r.status);
        for r in &op.responses {
            let Some(code) = r.code else { continue };
            if (200..300).contains(&code) && Some(r.status) != success {
                continue;
            }
            let path = format!("{base}.responses.{}", r.status);
            let body = match r.body {
                BodyKind::Json { schema, .. } => {
                    let resp_schema = op_response_schema(loaded, r.status).unwrap_or(schema);
                    let at = At {
                        file: loaded,
                        home,
                        parent: &names::default_body_name(op.id, Some(code)),
                    };
                    self.body(
                        at,
                        resp_schema,
                        &names::default_body_name(op.id, Some(code)),
                        &format!("{path}.schema"),
                    )
                }
                BodyKind::Empty | BodyKind::Bytes => None,
            };
            responses.insert(
                code,
                ResponseDef {
                    description: r.description.unwrap_or_default().to_owned(),
                    table: None,
                    body,
                },
            );
        }
        let examples = self.examples(op, &base, &responses, request.is_some());
        let summary = op.description.or(op.summary).unwrap_or(op.id);
        let title = op.summary.unwrap_or(op.id).to_owned();
        let file_name = format!("{}.yaml", names::module_name(op.id));
        let spec = OperationFile {
            operation: SpecOperation {
                id: spanned(op.id),
                title: title.clone(),
                summary: summary.to_owned(),
                method: Parsed::new(op.method.clone()),
                path: Parsed::new(op.path),
                source: Source {
                    page: format!("{}/{}", self.options.source_dir, op.file),
                    breadcrumb: op.tag.map(str::to_owned).into_iter().collect(),
                    title,
                    updated: None,
                },
            },
            parameters,
            request,
            responses,
            types: BTreeMap::new(),
            enums: BTreeMap::new(),
            examples,
            status_codes: Vec::new(),
            error_codes: None,
        };
        (file_name, spec)
    }

    /// A body: a named type is referred to, an inline object is a table of its own (named by
    /// the model's default body name), anything else is written as its type.
    fn body(
        &mut self,
        at: At<'a, '_>,
        schema: &'a Schema,
        default_name: &str,
        path: &str,
    ) -> Option<BodyDef> {
        if schema.reference.is_none() && is_object(schema) {
            let fields = self.fields(at, schema, path);
            debug_assert_eq!(default_name, at.parent);
            return Some(BodyDef {
                name: None,
                ty: None,
                fields: Some(fields),
            });
        }
        let (ty, _) = self.type_of(at, schema, "Body", path)?;
        Some(BodyDef {
            name: None,
            ty: Some(Parsed::new(ty.describe())),
            fields: None,
        })
    }

    fn param(
        &mut self,
        loaded: &'a Loaded,
        home: Home,
        op: &OperationInfo<'a>,
        p: &ParamInfo<'a>,
        base: &str,
        taken: &mut BTreeSet<String>,
    ) -> Option<ParamDef> {
        let path = format!("{base}.parameters.{}", p.name);
        let at = At {
            file: loaded,
            home,
            parent: op.id,
        };
        let (ty, scalar) = self.type_of(at, p.value, p.name, &path)?;
        let enumeration = self.enumeration(at, &ty, scalar, p.name, p.description, &path);
        let constraints = self.constraints(loaded, &path, &ty, p.value, scalar);
        let block = |b: &Option<Block>| b.as_ref().map(block_text);
        let (description, restrictions, range, default) = match &p.blocks {
            Some(b) => (
                block(&b.definition).unwrap_or_default(),
                block(&b.constraints),
                block(&b.range),
                block(&b.default),
            ),
            None => (
                p.description.unwrap_or_default().to_owned(),
                None,
                None,
                None,
            ),
        };
        let default = default.or_else(|| p.value.default.as_ref().map(text::plain));
        Some(ParamDef {
            name: spanned(p.name),
            mandatory: p.required || p.location == Location::Path,
            ty: Parsed::new(ty.describe()),
            description,
            restrictions,
            range,
            default,
            constraints,
            enumeration: enumeration.map(|e| spanned(&e)),
            rust_name: rust_name(taken, p.name),
        })
    }

    fn operation_findings(&mut self, op: &OperationInfo<'a>, base: &str) {
        if let Some(d) = &op.deprecation {
            let replacement = d.replacement.as_ref().map_or(String::new(), |r| {
                format!("; replaced by {} ({:?})", r.operation, r.source)
            });
            self.finding(
                FindingKind::Deprecated,
                op.file,
                base,
                format!(
                    "deprecated (flagged: {}, marked offline: {}){replacement}; note: {}",
                    d.flagged,
                    d.marked,
                    d.note.as_deref().unwrap_or("none")
                ),
            );
        }
        if let Some(tag) = op.tag {
            self.finding(
                FindingKind::Group,
                op.file,
                &format!("{base}.tags"),
                format!("API group {tag}"),
            );
        }
        if let Some(p) = self.analysis.paging.get(op.id) {
            self.finding(
                FindingKind::Paging,
                op.file,
                base,
                format!(
                    "pages ({:?} in the {}: {} and {}; items {:?}, total {:?})",
                    p.style,
                    p.location.as_str(),
                    p.position,
                    p.size,
                    p.items,
                    p.total
                ),
            );
        }
        let success = op.success().map(|r| r.status);
        let loaded = self.loaded(op.file);
        for r in &op.responses {
            let path = format!("{base}.responses.{}", r.status);
            match r.code {
                None => self.finding(
                    FindingKind::NonNumericStatus,
                    op.file,
                    &path,
                    format!("response '{}' is not a status: not written", r.status),
                ),
                Some(c) if (200..300).contains(&c) && Some(r.status) != success => self.finding(
                    FindingKind::ExtraSuccess,
                    op.file,
                    &path,
                    format!("a second success status {c}: not written"),
                ),
                _ => {}
            }
            if r.body == BodyKind::Bytes {
                self.finding(
                    FindingKind::BinaryResponse,
                    op.file,
                    &path,
                    "the body is bytes (a file download): written without a body".to_owned(),
                );
            }
            let headers = loaded
                .definition
                .paths
                .get(op.path)
                .and_then(|m| m.get(&op.method.to_ascii_lowercase()))
                .and_then(|o| o.responses.get(r.status))
                .map(|r| r.headers.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default();
            if !headers.is_empty() {
                self.finding(
                    FindingKind::ResponseHeaders,
                    op.file,
                    &path,
                    format!("response headers {}", headers.join(", ")),
                );
            }
        }
    }

    fn examples(
        &mut self,
        op: &OperationInfo<'a>,
        base: &str,
        responses: &BTreeMap<u16, ResponseDef>,
        has_body: bool,
    ) -> Examples {
        let mut out = Examples::default();
        for e in &op.request_examples {
            let path = format!("{base}.x-request-examples-{}", e.number);
            let url = e.url.filter(|u| u.starts_with('/')).unwrap_or(op.path);
            let body = match e.body {
                Some(b) if has_body => Some(pretty(b)),
                Some(_) => {
                    self.finding(
                        FindingKind::ExampleDropped,
                        op.file,
                        &path,
                        "a request example body for an operation without a body: body not written"
                            .to_owned(),
                    );
                    None
                }
                None => None,
            };
            out.requests.push(ExampleRequest {
                description: None,
                line: format!("{} https://{{endpoint}}{url}", op.method),
                body,
            });
        }
        for r in &op.responses {
            let Some(code) = r.code else { continue };
            let path = format!("{base}.responses.{}.examples", r.status);
            for (media, value) in &r.examples {
                let written = responses.get(&code).is_some_and(|d| d.body.is_some());
                let json = match value {
                    Value::String(s) => serde_json::from_str::<Value>(s).ok(),
                    v => Some((*v).clone()),
                };
                match json {
                    Some(v) if written => out.responses.push(ExampleResponse {
                        status: code,
                        description: None,
                        body: spanned(&pretty(&v)),
                    }),
                    _ => self.finding(
                        FindingKind::ExampleDropped,
                        op.file,
                        &path,
                        format!("{media} example of status {code} is not JSON for a JSON body: not written"),
                    ),
                }
            }
        }
        for (n, _) in &op.response_examples {
            self.finding(
                FindingKind::ExampleDropped,
                op.file,
                &format!("{base}.x-response-examples-{n}"),
                "x-response-examples are not written (the model takes examples by status)"
                    .to_owned(),
            );
        }
        out
    }

    fn finish(mut self, operations: Vec<(String, OperationFile)>) -> Converted {
        let mut service = ServiceFile {
            service: self.options.service.clone(),
            types: self.types.remove(&Home::Service).unwrap_or_default(),
            enums: BTreeMap::new(),
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

fn spanned(s: &str) -> SpannedStr {
    serde_saphyr::Spanned::new(
        s.to_owned(),
        serde_saphyr::Location::UNKNOWN,
        serde_saphyr::Location::UNKNOWN,
    )
}

/// A `rust_name` when the derived name of `wire` is taken in this table.
fn rust_name(taken: &mut BTreeSet<String>, wire: &str) -> Option<String> {
    let derived = names::field_name(wire);
    if taken.insert(derived.clone()) {
        return None;
    }
    let base = derived.trim_end_matches('_');
    let mut n = 2;
    loop {
        let candidate = format!("{base}_{n}");
        if taken.insert(candidate.clone()) {
            return Some(candidate);
        }
        n += 1;
    }
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

/// The spec as YAML files, through the model's serializer: `service.yaml` first, then the
/// operation files by name.
pub fn to_yaml(c: &Converted) -> Result<Vec<(String, String)>, String> {
    let header = "# yaml-language-server: $schema=../schema.json\n";
    let yaml = |v: &dyn erased::Ser| v.yaml().map(|t| format!("{header}{t}"));
    let mut out = vec![("service.yaml".to_owned(), yaml(&c.service)?)];
    for (name, op) in &c.operations {
        out.push((name.clone(), yaml(op)?));
    }
    Ok(out)
}

mod erased {
    /// A spec file that serializes to YAML (service or operation file).
    pub trait Ser {
        fn yaml(&self) -> Result<String, String>;
    }
    impl<T: serde::Serialize> Ser for T {
        fn yaml(&self) -> Result<String, String> {
            serde_saphyr::to_string(self).map_err(|e| e.to_string())
        }
    }
}

/// The spec files of `c` as the generator reads them, named under `dir_display`
/// (`spec/dbss`).
pub fn spec_source(c: &Converted, dir_display: &str) -> Result<SpecSource, String> {
    let mut service = None;
    let mut operations = Vec::new();
    for (file, text) in to_yaml(c)? {
        let f = SourceFile {
            display: format!("{dir_display}/{file}"),
            text,
        };
        if file == "service.yaml" {
            service = Some(f);
        } else {
            operations.push(f);
        }
    }
    Ok(SpecSource {
        dir_display: dir_display.to_owned(),
        service: service.ok_or("service.yaml was not written")?,
        operations,
    })
}

/// Generates the crate of `c`. An example the generator finds contradicting its schema (the
/// definitions disagree with themselves) is removed from `c` and listed as a finding, with
/// the generator's message, and generation runs again; every other problem fails.
pub fn generate(
    c: &mut Converted,
    dir_display: &str,
    options: &codegen::Options,
) -> Result<codegen::FileSet, Diagnostics> {
    let failed = |m: String| {
        let mut d = Diagnostics::default();
        d.push(Diagnostic::new(dir_display, "", m));
        d
    };
    // Examples are checked only once everything else is sound, all in one pass: one retry
    // is enough; a third round would mean a problem this loop does not remove.
    for _ in 0..2 {
        let source = spec_source(c, dir_display).map_err(failed)?;
        let problems = match codegen::generate(&source, options) {
            Ok(files) => return Ok(files),
            Err(d) => d,
        };
        let mut drops: BTreeMap<String, Vec<(bool, usize, String)>> = BTreeMap::new();
        for d in &problems.0 {
            let file = d
                .file
                .strip_prefix(&format!("{dir_display}/"))
                .unwrap_or(&d.file);
            match example_index(&d.path) {
                Some((request, i)) if c.operations.contains_key(file) => drops
                    .entry(file.to_owned())
                    .or_default()
                    .push((request, i, d.message.clone())),
                _ => return Err(problems),
            }
        }
        for (file, mut list) in drops {
            let op = c.operations.get_mut(&file).expect("checked above");
            let source = op
                .operation
                .source
                .page
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_owned();
            list.sort();
            list.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
            for (request, i, message) in list.into_iter().rev() {
                let which = if request { "requests" } else { "responses" };
                let removed = if request {
                    i < op.examples.requests.len() && {
                        op.examples.requests.remove(i);
                        true
                    }
                } else {
                    i < op.examples.responses.len() && {
                        op.examples.responses.remove(i);
                        true
                    }
                };
                if removed {
                    c.findings.push(Finding {
                        kind: FindingKind::ExampleDropped,
                        file: source.clone(),
                        json_path: format!("examples.{which}[{i}]"),
                        message: format!("example not written: {message}"),
                    });
                }
            }
        }
    }
    let source = spec_source(c, dir_display).map_err(failed)?;
    codegen::generate(&source, options)
}

/// `examples.responses[3].body` gives `(false, 3)`; `examples.requests[0]` `(true, 0)`.
fn example_index(path: &str) -> Option<(bool, usize)> {
    let rest = path.strip_prefix("examples.")?;
    let (which, rest) = rest.split_once('[')?;
    let i = rest.split_once(']')?.0.parse().ok()?;
    match which {
        "requests" => Some((true, i)),
        "responses" => Some((false, i)),
        _ => None,
    }
}
