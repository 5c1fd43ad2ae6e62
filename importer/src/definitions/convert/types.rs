//! Types, fields, enumerations and limits: definitions and inline schemas into the model.

use super::naming::{rust_name, spec_name};
use super::*;

/// How problems name the file of recorded decisions about the definitions.
pub const DECISIONS: &str = "overrides/definitions.yaml";

impl<'a> Converter<'a> {
    /// Names every object definition variant and decides where it is written. Default body
    /// names are claimed first, so that no definition takes one.
    pub(super) fn plan_types(&mut self) {
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
        let shared: &'a [crate::definitions::shapes::SharedType<'a>] = &self.analysis.types;
        for t in shared {
            // Variants that differ in documentation only are one type (the canonical
            // variant's text); each variant that differs in shape is a type of its own.
            let mut groups: Vec<Vec<&crate::definitions::shapes::Variant<'a>>> = Vec::new();
            for (k, v) in t.variants.iter().enumerate() {
                let shape = v
                    .differences
                    .iter()
                    .any(|(kind, _)| *kind == crate::definitions::shapes::DiffKind::Shape);
                match groups.first_mut() {
                    Some(first) if k > 0 && !shape => first.push(v),
                    _ => groups.push(vec![v]),
                }
            }
            self.choose_text(t, &mut groups);
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
                        .filter(|(kind, _)| *kind == crate::definitions::shapes::DiffKind::Shape)
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

    /// Which text a name written in one shape but several texts gets: the variant the
    /// overrides' `text_from` names (moved first in `groups[0]`), else the rule's canonical
    /// one; either way listed. A decision that names no such variant is a problem.
    fn choose_text(
        &mut self,
        t: &'a crate::definitions::shapes::SharedType<'a>,
        groups: &mut [Vec<&'a crate::definitions::shapes::Variant<'a>>],
    ) {
        let decided = self.options.text_from.get(t.name);
        let Some(group) = groups.first_mut().filter(|g| g.len() > 1) else {
            if let Some(file) = decided {
                self.problems.push(problem(
                    DECISIONS,
                    &format!("text_from.{}", t.name),
                    format!(
                        "the definitions write {} with one text ({file} among them): there is nothing to decide",
                        t.name
                    ),
                    "remove the entry from overrides/definitions.yaml",
                ));
            }
            return;
        };
        let files = |v: &crate::definitions::shapes::Variant<'_>| v.files.join(", ");
        let (chosen, why) = match decided {
            Some(file) => match group.iter().position(|v| v.files.contains(&file.as_str())) {
                Some(i) => {
                    group.swap(0, i);
                    (
                        file.clone(),
                        "decided in overrides/definitions.yaml".to_owned(),
                    )
                }
                None => {
                    self.problems.push(problem(
                        DECISIONS,
                        &format!("text_from.{}", t.name),
                        format!(
                            "{file} does not write {} (written by {})",
                            t.name,
                            group
                                .iter()
                                .map(|v| files(v))
                                .collect::<Vec<_>>()
                                .join("; ")
                        ),
                        "name one of the files that write it",
                    ));
                    return;
                }
            },
            None => (
                group[0].files[0].to_owned(),
                format!(
                    "{}; to choose another: `text_from: {{{}: FILE}}` in overrides/definitions.yaml",
                    t.choice, t.name
                ),
            ),
        };
        // The variants not chosen, each with where its text differs (differences are kept
        // against the rule's canonical variant: for that one, the chosen variant's).
        let others: Vec<String> = group[1..]
            .iter()
            .map(|v| {
                let against = if v.differences.is_empty() {
                    group[0]
                } else {
                    v
                };
                let paths: Vec<&str> = (against.differences.iter())
                    .map(|(_, p)| p.as_str())
                    .collect();
                format!("{} ({})", files(v), paths.join(", "))
            })
            .collect();
        self.finding(
            FindingKind::TextVariant,
            &chosen,
            &format!("definitions.{}", t.name),
            format!(
                "definition {} is written in one shape with other text by {}: the text of {chosen} is written ({why})",
                t.name,
                others.join("; "),
            ),
        );
    }

    /// Writes each planned type once (from the first file of its variant).
    pub(super) fn convert_types(&mut self) {
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

    pub(super) fn put_type(&mut self, home: Home, name: String, def: TypeDef) {
        self.types.entry(home).or_default().insert(name, def);
    }

    /// The fields of an object schema, with `rust_name` where two would clash.
    pub(super) fn fields(
        &mut self,
        at: At<'a, '_>,
        schema: &'a Schema,
        path: &str,
    ) -> Vec<FieldDef> {
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
    pub(super) fn type_of(
        &mut self,
        at: At<'a, '_>,
        schema: &'a Schema,
        field: &str,
        path: &str,
    ) -> Option<(TypeExpr, &'a Schema)> {
        let def = &at.file.definition;
        let schema = if schema.reference.is_some() {
            match crate::definitions::refs::resolve(def, schema, path) {
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
    pub(super) fn enumeration(
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
        if values.is_empty() {
            return None;
        }
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
                                "value '{v}' of {field} does not fit {}: no enumeration",
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
                value: unplaced(value),
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
                    sources: Vec::new(),
                },
                homes: BTreeSet::from([at.home]),
            },
        );
        Some(name)
    }

    /// The limits of the schema keywords that fit the type.
    /// `schema` is the field's own schema, `scalar` the one that carries its values (an
    /// array's items).
    pub(super) fn constraints(
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
}
