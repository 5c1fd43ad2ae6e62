//! The page's examples against the lowered types: each response example against its status's
//! body, each request example against the path template and the request body.

use serde_json::Value;

use super::Lowerer;
use crate::diag::Diagnostic;
use crate::ir::*;
use crate::read::{Loaded, loc};
use crate::spec::{OperationFile, Scalar};

impl Lowerer<'_, '_> {
    /// Checks the examples of `op`, lowered into `ir`.
    pub(super) fn examples(
        &mut self,
        op: &Loaded<OperationFile>,
        ir: &Operation,
        models: &[Model],
    ) {
        let file = op.file.as_str();
        let o = &op.value;
        for (i, (ex, lowered)) in o
            .examples
            .responses
            .iter()
            .zip(&ir.response_examples)
            .enumerate()
        {
            let path = format!("examples.responses[{i}]");
            let at = loc(&ex.body);
            let Some(resp) = o.responses.get(&ex.status) else {
                let message = format!(
                    "example for status {} which is not under responses",
                    ex.status
                );
                self.out.push(Diagnostic::new(file, &path, message).at(at));
                continue;
            };
            let problem = match &lowered.ty {
                Some(Ty::Bytes) => Diagnostic::new(
                    file,
                    &path,
                    format!(
                        "response {} is bytes (`binary`): an example of it cannot be checked",
                        ex.status
                    ),
                )
                .help("remove the example"),
                Some(ty) => {
                    let path = format!("{path}.body");
                    self.example_json(file, &path, at, &ex.body.value, ty, models);
                    continue;
                }
                None if resp.body.is_none() && !ex.body.value.trim().is_empty() => Diagnostic::new(
                    file,
                    &path,
                    format!("example has a body but response {} has none", ex.status),
                ),
                None => continue,
            };
            self.out.push(problem.at(at));
        }
        for (i, ex) in o.examples.requests.iter().enumerate() {
            let path = format!("examples.requests[{i}]");
            if !request_line_matches(&ex.line, &ir.path_template) {
                self.out.push(Diagnostic::new(
                    file,
                    format!("{path}.line"),
                    format!(
                        "example request '{}' does not match the path template '{}'",
                        ex.line.lines().next().unwrap_or(""),
                        ir.path_template
                    ),
                ));
            }
            match (&ex.body, &ir.body) {
                (Some(_), None) => self.out.push(Diagnostic::new(
                    file,
                    format!("{path}.body"),
                    "example request has a body but the operation has no request body",
                )),
                (Some(text), Some(body)) => {
                    let path = format!("{path}.body");
                    self.example_json(file, &path, None, text, &body.ty, models);
                }
                _ => {}
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn example_json(
        &mut self,
        file: &str,
        path: &str,
        at: Option<(u64, u64)>,
        text: &str,
        ty: &Ty,
        models: &[Model],
    ) {
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                let message = format!(
                    "example is not valid JSON: {e} (line {} of the example)",
                    e.line()
                );
                self.out.push(Diagnostic::new(file, path, message).at(at));
                return;
            }
        };
        let mut problems = Vec::new();
        self.validate_json(&value, ty, models, "", &mut problems);
        for (json_path, message) in problems {
            let where_ = if json_path.is_empty() {
                "the top level".to_owned()
            } else {
                json_path
            };
            self.out.push(
                Diagnostic::new(file, path, format!("example contradicts the schema at {where_}: {message}"))
                    .at(at)
                    .help("the example is the page's evidence: fix the table it contradicts (type, missing field, enumeration value), or the example if the page has a typo"),
            );
        }
    }

    /// Checks a JSON value against a lowered type; `null` is accepted everywhere (fields are
    /// optional).
    fn validate_json(
        &self,
        v: &Value,
        ty: &Ty,
        models: &[Model],
        path: &str,
        out: &mut Vec<(String, String)>,
    ) {
        if v.is_null() {
            return;
        }
        let mismatch = |out: &mut Vec<(String, String)>| {
            let found = format!("found {} {}", kind_of(v), short(v));
            out.push((
                path.to_owned(),
                format!("expected {}, {found}", self.describe(ty)),
            ))
        };
        match ty {
            Ty::String | Ty::I32 | Ty::I64 | Ty::Enum(_) => {
                let (base, enumeration) = match ty {
                    Ty::Enum(id) => (&self.enum_scalars[id.0], Some(*id)),
                    other => (other, None),
                };
                let value = if *base == Ty::String {
                    v.as_str().map(|s| Scalar::Str(s.to_owned()))
                } else {
                    match v.as_i64() {
                        Some(n) if *base == Ty::I32 && i32::try_from(n).is_err() => {
                            let message = format!(
                                "{n} is out of range for Integer (32-bit); the page may mean Long"
                            );
                            return out.push((path.to_owned(), message));
                        }
                        n => n.map(Scalar::Int),
                    }
                };
                let Some(value) = value else {
                    return mismatch(out);
                };
                let Some(id) = enumeration else { return };
                let entry = self.enums[id.0];
                if !entry.def.values.iter().any(|d| d.value.value == value) {
                    let shown = match &value {
                        Scalar::Int(n) => n.to_string(),
                        Scalar::Str(s) => format!("'{s}'"),
                    };
                    let message =
                        format!("{shown} is not a documented value of enum {}", entry.name);
                    out.push((path.to_owned(), message));
                }
            }
            Ty::F32 | Ty::F64 if !v.is_number() => mismatch(out),
            Ty::Bool if !v.is_boolean() => mismatch(out),
            Ty::F32 | Ty::F64 | Ty::Bool | Ty::Json | Ty::Bytes => {}
            Ty::Vec(inner) => match v.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.validate_json(item, inner, models, &format!("{path}[{i}]"), out);
                    }
                }
                None => mismatch(out),
            },
            Ty::Map(inner) => match v.as_object() {
                Some(map) => {
                    for (k, item) in map {
                        self.validate_json(item, inner, models, &join(path, k), out);
                    }
                }
                None => mismatch(out),
            },
            Ty::Model(id) => match v.as_object() {
                Some(obj) => {
                    for (k, item) in obj {
                        match models[id.0].fields.iter().find(|f| f.wire == *k) {
                            Some(field) => {
                                self.validate_json(item, &field.ty, models, &join(path, k), out)
                            }
                            None => out.push((
                                join(path, k),
                                format!(
                                    "field '{k}' is not in the {} table",
                                    self.model_names[id.0]
                                ),
                            )),
                        }
                    }
                }
                None => mismatch(out),
            },
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

/// `POST https://{endpoint}/v2/{project_id}/x?limit=1` or `/v2/{project_id}/x` against the template.
fn request_line_matches(line: &str, template: &str) -> bool {
    let first = line.lines().next().unwrap_or("").trim();
    let target = first.rsplit(' ').next().unwrap_or(first);
    let path = match target.find("://") {
        Some(i) => target[i + 3..]
            .find('/')
            .map_or("/", |j| &target[i + 3 + j..]),
        None => target,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let got: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let want: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    got.len() == want.len()
        && got
            .iter()
            .zip(&want)
            .all(|(g, w)| g == w || (w.starts_with('{') && w.ends_with('}') && !g.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines_match_templates() {
        let t = "/v2/{project_id}/db-om/instances";
        assert!(request_line_matches("/v2/{project_id}/db-om/instances", t));
        assert!(request_line_matches(
            "POST https://{endpoint}/v2/abc/db-om/instances?x=1",
            t
        ));
        assert!(!request_line_matches("/v2/{project_id}/db-om/instance", t));
        assert!(!request_line_matches("/v2//db-om/instances", t));
    }
}
