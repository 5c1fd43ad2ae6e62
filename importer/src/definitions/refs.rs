//! `$ref`s: following them (chains of definitions that are only a `$ref`), and finding the
//! ones that lead nowhere (dangling, not local, a cycle of aliases) with file and JSON path.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::model::{DefinitionFile, Schema};

/// A `$ref` that cannot be followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefProblem {
    /// Names a definition the file does not have.
    Dangling {
        /// Where the `$ref` is.
        json_path: String,
        /// The name it refers to.
        target: String,
    },
    /// Not of the form `#/definitions/Name` (a remote or malformed reference).
    NotLocal {
        /// Where the `$ref` is.
        json_path: String,
        /// The reference as written.
        reference: String,
    },
    /// Definitions that are each only a `$ref` to the next, round to the first: no type.
    AliasCycle {
        /// Where following started.
        json_path: String,
        /// The definitions of the cycle, in order.
        names: Vec<String>,
    },
}

impl RefProblem {
    /// Where the `$ref` that fails is.
    pub fn json_path(&self) -> &str {
        match self {
            RefProblem::Dangling { json_path, .. }
            | RefProblem::NotLocal { json_path, .. }
            | RefProblem::AliasCycle { json_path, .. } => json_path,
        }
    }
}

impl fmt::Display for RefProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RefProblem::Dangling { json_path, target } => write!(
                f,
                "{json_path}: $ref names definition {target}, which the file does not have \
                 (help: add it under `definitions`, or correct the name)"
            ),
            RefProblem::NotLocal {
                json_path,
                reference,
            } => write!(
                f,
                "{json_path}: $ref {reference:?} is not of the form #/definitions/Name \
                 (help: definitions files refer only inside themselves; inline the type)"
            ),
            RefProblem::AliasCycle { json_path, names } => write!(
                f,
                "{json_path}: the definitions {} only refer to one another and never say what \
                 they are (help: give one of them a type)",
                names.join(" -> ")
            ),
        }
    }
}

/// A schema with its `$ref`s followed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Resolved<'a> {
    /// The schema reached, which has no `$ref`.
    pub schema: &'a Schema,
    /// The definition it is, when a `$ref` led to it.
    pub name: Option<&'a str>,
    /// How many `$ref`s were followed.
    pub hops: usize,
}

/// Follows `schema`'s `$ref` (and the `$ref` of what it names, and so on) to a schema that
/// says what it is. `json_path` is where `schema` is, for the problem.
pub fn resolve<'a>(
    file: &'a DefinitionFile,
    schema: &'a Schema,
    json_path: &str,
) -> Result<Resolved<'a>, RefProblem> {
    let mut current = schema;
    let mut name = None;
    let mut seen: Vec<&'a str> = Vec::new();
    while let Some(reference) = current.reference.as_deref() {
        let Some(target) = reference.strip_prefix("#/definitions/") else {
            return Err(RefProblem::NotLocal {
                json_path: json_path.to_owned(),
                reference: reference.to_owned(),
            });
        };
        if seen.contains(&target) {
            let start = seen.iter().position(|s| *s == target).unwrap_or(0);
            let mut names: Vec<String> = seen[start..].iter().map(|s| (*s).to_owned()).collect();
            names.push(target.to_owned());
            return Err(RefProblem::AliasCycle {
                json_path: json_path.to_owned(),
                names,
            });
        }
        let Some((key, next)) = file.definitions.get_key_value(target) else {
            return Err(RefProblem::Dangling {
                json_path: json_path.to_owned(),
                target: target.to_owned(),
            });
        };
        seen.push(key.as_str());
        name = Some(key.as_str());
        current = next;
    }
    Ok(Resolved {
        schema: current,
        name,
        hops: seen.len(),
    })
}

/// Every schema of the file with its JSON path: definitions, parameters (body schemas and
/// inline items), responses, each with everything inside it.
pub fn all_schemas(file: &DefinitionFile) -> Vec<(String, &Schema)> {
    let mut out = Vec::new();
    for (name, s) in &file.definitions {
        s.walk(&format!("definitions.{name}"), &mut |p, s| {
            out.push((p.to_owned(), s))
        });
    }
    for (path, method, op) in file.operations() {
        let base = format!("paths.{path}.{method}");
        for (i, p) in op.parameters.iter().enumerate() {
            if let Some(s) = &p.schema {
                s.walk(&format!("{base}.parameters[{i}].schema"), &mut |p, s| {
                    out.push((p.to_owned(), s))
                });
            }
            p.value
                .walk(&format!("{base}.parameters[{i}]"), &mut |p, s| {
                    out.push((p.to_owned(), s))
                });
        }
        for (code, r) in &op.responses {
            if let Some(s) = &r.schema {
                s.walk(&format!("{base}.responses.{code}.schema"), &mut |p, s| {
                    out.push((p.to_owned(), s))
                });
            }
        }
    }
    out
}

/// One place a value goes: a property, an array's items, a definition, a parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field<'a> {
    /// The JSON path.
    pub path: &'a str,
    /// The field's name (a property's or parameter's name; the last step otherwise).
    pub name: &'a str,
    /// What the file says of the value.
    pub schema: &'a Schema,
    /// The description (a parameter's own, or the schema's).
    pub description: Option<&'a str>,
}

/// Every field of the file: every schema of [`all_schemas`] (parameters under their names),
/// calling `f` on each.
pub fn for_each_field(file: &DefinitionFile, f: &mut dyn FnMut(Field<'_>)) {
    for (path, s) in all_schemas(file) {
        // Parameters are taken below, under their names.
        if !path.ends_with(']') {
            let name = path.rsplit('.').next().unwrap_or("");
            f(Field {
                path: &path,
                name,
                schema: s,
                description: s.description.as_deref(),
            });
        }
    }
    for (p, m, op) in file.operations() {
        for (i, param) in op.parameters.iter().enumerate() {
            if param.schema.is_none() {
                f(Field {
                    path: &format!("paths.{p}.{m}.parameters[{i}]"),
                    name: &param.name,
                    schema: &param.value,
                    description: param.description.as_deref(),
                });
            }
        }
    }
}

/// Every `$ref` of the file that cannot be followed, in file order.
pub fn check(file: &DefinitionFile) -> Vec<RefProblem> {
    let mut problems = Vec::new();
    for (path, s) in all_schemas(file) {
        if s.reference.is_some()
            && let Err(p) = resolve(file, s, &path)
            && !problems.contains(&p)
        {
            problems.push(p);
        }
    }
    problems
}

/// Definitions that contain themselves (through properties, items or other definitions):
/// the converter must box them. Each cycle is listed once, from its smallest name.
pub fn recursive_definitions(file: &DefinitionFile) -> Vec<Vec<String>> {
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (name, s) in &file.definitions {
        let mut targets = BTreeSet::new();
        s.walk("", &mut |_, inner| {
            if let Some(t) = inner.ref_name()
                && file.definitions.contains_key(t)
            {
                targets.insert(t);
            }
        });
        edges.insert(name.as_str(), targets);
    }
    let mut cycles: Vec<Vec<String>> = Vec::new();
    for &start in edges.keys() {
        // Breadth-first search for the shortest way from `start` back to itself.
        let mut parent: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        let mut found = None;
        while let Some(node) = queue.pop_front() {
            for &next in edges.get(node).into_iter().flatten() {
                if next == start {
                    found = Some(node);
                    break;
                }
                if !parent.contains_key(next) && next > start {
                    parent.insert(next, node);
                    queue.push_back(next);
                }
            }
            if found.is_some() {
                break;
            }
        }
        if let Some(mut node) = found {
            let mut cycle = vec![node.to_owned()];
            while node != start {
                node = parent[node];
                cycle.push(node.to_owned());
            }
            cycle.reverse();
            cycles.push(cycle);
        }
    }
    cycles
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definitions::read::read_str;

    fn file(defs: &str) -> DefinitionFile {
        read_str(
            "t.json",
            &format!(r#"{{"name":"T","method":"get","paths":{{}},"definitions":{defs}}}"#),
        )
        .unwrap()
    }

    #[test]
    fn follows_chains_and_names_the_last_definition() {
        let f = file(
            r##"{"A":{"$ref":"#/definitions/B"},"B":{"$ref":"#/definitions/C"},"C":{"type":"object","properties":{"x":{"type":"string"}}}}"##,
        );
        let start = Schema {
            reference: Some("#/definitions/A".into()),
            ..Schema::default()
        };
        let r = resolve(&f, &start, "here").unwrap();
        assert_eq!(r.name, Some("C"));
        assert_eq!(r.hops, 3);
        assert!(r.schema.properties.as_ref().unwrap().contains_key("x"));
        assert!(check(&f).is_empty());
    }

    #[test]
    fn reports_alias_cycles_dangling_and_remote_refs_with_paths() {
        let f = file(
            r##"{"A":{"$ref":"#/definitions/B"},"B":{"$ref":"#/definitions/A"},
                "C":{"properties":{"d":{"$ref":"#/definitions/Missing"},"e":{"items":{"$ref":"other.json#/X"}}}}}"##,
        );
        let problems = check(&f);
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            problems.contains(&RefProblem::AliasCycle {
                json_path: "definitions.A".into(),
                names: vec!["B".into(), "A".into(), "B".into()],
            }),
            "{text:?}"
        );
        assert!(problems.contains(&RefProblem::Dangling {
            json_path: "definitions.C.properties.d".into(),
            target: "Missing".into(),
        }));
        assert!(problems.contains(&RefProblem::NotLocal {
            json_path: "definitions.C.properties.e.items".into(),
            reference: "other.json#/X".into(),
        }));
        assert!(text.iter().any(|t| t.contains("help:")));
    }

    #[test]
    fn finds_recursive_definitions_once() {
        let f = file(
            r##"{"Node":{"properties":{"children":{"type":"array","items":{"$ref":"#/definitions/Node"}}}},
                "P":{"properties":{"q":{"$ref":"#/definitions/Q"}}},"Q":{"properties":{"p":{"$ref":"#/definitions/P"}}},
                "Leaf":{"properties":{"n":{"$ref":"#/definitions/Node"}}}}"##,
        );
        assert_eq!(
            recursive_definitions(&f),
            vec![
                vec!["Node".to_owned()],
                vec!["P".to_owned(), "Q".to_owned()]
            ]
        );
    }
}
