//! Types shared across files: the same definition name in many files, compared by shape, one
//! canonical variant per name; and enumerations (closed `enum` lists and lists written in
//! descriptions) that several operations share.
//!
//! The shape is what decides the generated type: the type (with `type: object` implied by
//! `properties`), format, properties, required (as a set), items, `$ref` targets, enum
//! values, limits, readOnly, default. Documentation (description, title, example) and vendor
//! extensions are not shape: two variants that differ only there are one type, and the
//! differences are listed so that the converter can choose the text.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::model::{Additional, Schema};
use super::read::Loaded;
use super::text::{self, ValueList};

/// The schema as a JSON value in a canonical form; without documentation when `docs` is
/// false.
pub fn canonical(schema: &Schema, docs: bool) -> Value {
    let mut m = Map::new();
    let mut put = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            m.insert(k.to_owned(), v);
        }
    };
    put(
        "$ref",
        schema
            .ref_name()
            .map(|r| json!(r))
            .or(schema.reference.as_ref().map(|r| json!(r))),
    );
    put("type", schema.effective_type().map(|t| json!(t)));
    put("format", schema.format.as_ref().map(|f| json!(f)));
    if let Some(props) = &schema.properties {
        let p: Map<String, Value> = props
            .iter()
            .map(|(k, s)| (k.clone(), canonical(s, docs)))
            .collect();
        put("properties", Some(Value::Object(p)));
    }
    if !schema.required.is_empty() {
        let set: BTreeSet<&String> = schema.required.iter().collect();
        put("required", Some(json!(set)));
    }
    put("items", schema.items.as_ref().map(|i| canonical(i, docs)));
    put(
        "additionalProperties",
        schema.additional_properties.as_ref().map(|a| match a {
            Additional::Allowed(b) => json!(b),
            Additional::Schema(s) => canonical(s, docs),
        }),
    );
    put("enum", schema.enumeration.as_ref().map(|e| json!(e)));
    put("default", schema.default.clone());
    if schema.read_only {
        put("readOnly", Some(json!(true)));
    }
    put("minLength", schema.min_length.map(|v| json!(v)));
    put("maxLength", schema.max_length.map(|v| json!(v)));
    put("minimum", schema.minimum.clone().map(Value::Number));
    put("maximum", schema.maximum.clone().map(Value::Number));
    if schema.exclusive_minimum {
        put("exclusiveMinimum", Some(json!(true)));
    }
    if schema.exclusive_maximum {
        put("exclusiveMaximum", Some(json!(true)));
    }
    put("minItems", schema.min_items.map(|v| json!(v)));
    put("maxItems", schema.max_items.map(|v| json!(v)));
    put("pattern", schema.pattern.as_ref().map(|v| json!(v)));
    for (k, v) in &schema.other {
        if !k.starts_with("x-") {
            put(k, Some(v.clone()));
        }
    }
    if docs {
        put("description", schema.description.as_ref().map(|v| json!(v)));
        put("title", schema.title.as_ref().map(|v| json!(v)));
        put("example", schema.example.clone());
    }
    Value::Object(m)
}

/// The dotted paths where two canonical values differ (`properties.result.example`).
pub fn differences(a: &Value, b: &Value) -> Vec<String> {
    let mut out = Vec::new();
    diff(a, b, "", &mut out);
    out
}

fn diff(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match (x.get(k), y.get(k)) {
                    (Some(u), Some(v)) => diff(u, v, &p, out),
                    _ => out.push(p),
                }
            }
        }
        _ if a != b => out.push(if path.is_empty() {
            ".".to_owned()
        } else {
            path.to_owned()
        }),
        _ => {}
    }
}

/// Whether a difference is of shape or of documentation only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DiffKind {
    /// The generated type would differ.
    Shape,
    /// Only descriptions, titles or examples differ.
    Docs,
}

/// One variant of a shared name: the files that write it the same way.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant<'a> {
    /// The files, in name order.
    pub files: Vec<&'a str>,
    /// The schema as written (in the first of them).
    pub schema: &'a Schema,
    /// Where it differs from the canonical variant (empty for the canonical one).
    pub differences: Vec<(DiffKind, String)>,
}

/// One definition name across the set.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedType<'a> {
    /// The name.
    pub name: &'a str,
    /// The variants; the canonical one first.
    pub variants: Vec<Variant<'a>>,
    /// Why the first variant is the canonical one.
    pub choice: &'static str,
}

impl SharedType<'_> {
    /// The files that define the name.
    pub fn uses(&self) -> usize {
        self.variants.iter().map(|v| v.files.len()).sum()
    }

    /// The strongest kind of difference between variants, if they differ.
    pub fn conflict(&self) -> Option<DiffKind> {
        self.variants
            .iter()
            .flat_map(|v| v.differences.iter().map(|(k, _)| *k))
            .min()
    }
}

fn doc_weight(s: &Schema) -> usize {
    let mut n = 0;
    s.walk("", &mut |_, s| {
        n += s.description.as_ref().map_or(0, |d| d.chars().count());
        n += usize::from(s.example.is_some()) * 8;
    });
    n
}

/// Every definition name of the set with its variants, by name.
pub fn shared_types(files: &[Loaded]) -> Vec<SharedType<'_>> {
    let mut by_name: BTreeMap<&str, Vec<(&str, &Schema)>> = BTreeMap::new();
    for l in files {
        for (name, s) in &l.definition.definitions {
            by_name.entry(name).or_default().push((&l.file, s));
        }
    }
    by_name
        .into_iter()
        .map(|(name, uses)| {
            let mut variants: Vec<(Value, Vec<&str>, &Schema)> = Vec::new();
            for (file, s) in uses {
                let c = canonical(s, true);
                match variants.iter_mut().find(|(v, _, _)| *v == c) {
                    Some((_, files, _)) => files.push(file),
                    None => variants.push((c, vec![file], s)),
                }
            }
            let choice = if variants.len() == 1 {
                "the only variant"
            } else {
                let most = variants.iter().map(|v| v.1.len()).max().unwrap_or(0);
                let tied = variants.iter().filter(|v| v.1.len() == most).count();
                if tied == 1 {
                    "written so in the most files"
                } else {
                    "tied for the most files; the most documented (descriptions and examples)"
                }
            };
            // Most files first, then the most documented, then the first file's name.
            variants.sort_by(|a, b| {
                b.1.len()
                    .cmp(&a.1.len())
                    .then_with(|| doc_weight(b.2).cmp(&doc_weight(a.2)))
                    .then_with(|| a.1.cmp(&b.1))
            });
            let base_docs = variants[0].0.clone();
            let base_shape = canonical(variants[0].2, false);
            let variants = variants
                .into_iter()
                .map(|(docs, files, schema)| {
                    let shape = differences(&base_shape, &canonical(schema, false));
                    let mut d: Vec<(DiffKind, String)> =
                        shape.iter().map(|p| (DiffKind::Shape, p.clone())).collect();
                    for p in differences(&base_docs, &docs) {
                        if !shape.iter().any(|s| p.starts_with(s.as_str())) {
                            d.push((DiffKind::Docs, p));
                        }
                    }
                    Variant {
                        files,
                        schema,
                        differences: d,
                    }
                })
                .collect();
            SharedType {
                name,
                variants,
                choice,
            }
        })
        .collect()
}

/// Where an enumeration comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EnumSource {
    /// A closed `enum` list.
    Schema,
    /// A list written in the description.
    Description,
}

/// One place that takes an enumeration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumUse<'a> {
    /// The file (operation).
    pub file: &'a str,
    /// The JSON path of the field.
    pub path: String,
    /// The field's name (the last step of the path).
    pub field: String,
    /// Where the values come from.
    pub source: EnumSource,
}

/// A set of values taken by fields of several operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedEnum<'a> {
    /// The values, sorted.
    pub values: Vec<String>,
    /// Where they are taken.
    pub uses: Vec<EnumUse<'a>>,
}

impl SharedEnum<'_> {
    /// The distinct operations (files) that use it.
    pub fn operations(&self) -> usize {
        self.uses
            .iter()
            .map(|u| u.file)
            .collect::<BTreeSet<_>>()
            .len()
    }
}

/// Every enumeration of the set (closed lists and description lists), grouped by value set,
/// keeping those used by at least `min_operations` operations, most used first.
pub fn shared_enums(files: &[Loaded], min_operations: usize) -> Vec<SharedEnum<'_>> {
    let mut by: BTreeMap<Vec<String>, Vec<EnumUse<'_>>> = BTreeMap::new();
    for l in files {
        super::refs::for_each_field(&l.definition, &mut |f| {
            let mut add = |values: Vec<String>, source| {
                let mut v = values;
                v.sort();
                v.dedup();
                by.entry(v).or_default().push(EnumUse {
                    file: &l.file,
                    path: f.path.to_owned(),
                    field: f.name.to_owned(),
                    source,
                });
            };
            if let Some(e) = &f.schema.enumeration {
                add(e.iter().map(text::plain).collect(), EnumSource::Schema);
            } else if let Some(d) = f.description
                && let ValueList::Found { values, .. } = text::description_values(d)
            {
                add(
                    values.into_iter().map(|v| v.value).collect(),
                    EnumSource::Description,
                );
            }
        });
    }
    let mut out: Vec<SharedEnum<'_>> = by
        .into_iter()
        .map(|(values, uses)| SharedEnum { values, uses })
        .filter(|e| e.operations() >= min_operations)
        .collect();
    out.sort_by(|a, b| {
        b.operations()
            .cmp(&a.operations())
            .then_with(|| a.values.cmp(&b.values))
    });
    out
}
