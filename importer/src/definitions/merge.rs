//! Pages and definitions in one spec directory: what a page owns wins.
//!
//! A page is the primary source of its operation's text, so where the definitions and a page
//! both define a type or an enumeration under one name, the page's stays:
//! - the types and enumerations of an operation file a page wrote (its `source.page` is a
//!   `.txt`), and
//! - the types and enumerations of `service.yaml` that a page shares (an entry of `tables` or
//!   `sources` names a `.txt` page).
//!
//! The definitions' version of such a name is dropped (what it says differently is in the
//! import's list of disagreements). A type the definitions share across operations but the
//! page keeps in its operation file cannot be referred to by the other operations: that is an
//! error that names the override (`shared:`) that settles it. Types and enumerations of the
//! definitions that no operation uses any more (the definition's own version of the page's
//! operation used them) are dropped and listed.

use std::collections::{BTreeMap, BTreeSet};

use spec_model::format::{BodyDef, FieldDef, ParamDef, ServiceFile, TypeDef};
use spec_model::{EnumDef, OperationFile, TypeExpr};

use super::convert::{Converted, Finding, FindingKind};

/// `"list-instances.txt: Table 8 ..."` names a page; `"AddAuditAgent.json: definitions.X"`
/// a definition.
pub fn is_page_entry(entry: &str) -> bool {
    entry
        .split_once(": ")
        .is_some_and(|(file, _)| file.ends_with(".txt"))
}

/// What pages own: `service.yaml`'s page-shared types and enumerations (as the file holds
/// them), and the names the pages' operation files define for themselves.
#[derive(Debug, Default)]
pub struct PageOwned {
    types: BTreeMap<String, TypeDef>,
    enums: BTreeMap<String, EnumDef>,
    /// Names defined in a page's operation file: name -> that file.
    local: BTreeMap<String, String>,
}

impl PageOwned {
    /// What `service` (the current `service.yaml`) and `kept` (the pages' operation files,
    /// by file name) own.
    pub fn of(service: Option<&ServiceFile>, kept: &[(String, &OperationFile)]) -> Self {
        let mut owned = Self::default();
        if let Some(s) = service {
            for (name, t) in &s.types {
                if t.tables.iter().any(|e| is_page_entry(e)) {
                    let mut t = t.clone();
                    t.tables.retain(|e| is_page_entry(e));
                    owned.types.insert(name.clone(), t);
                }
            }
            for (name, e) in &s.enums {
                if e.sources.iter().any(|s| is_page_entry(s)) {
                    let mut e = e.clone();
                    e.sources.retain(|s| is_page_entry(s));
                    owned.enums.insert(name.clone(), e);
                }
            }
        }
        for (file, op) in kept {
            for name in op.types.keys().chain(op.enums.keys()) {
                owned.local.insert(name.clone(), file.clone());
            }
        }
        owned
    }

    /// Applies the rule to `c`: the pages' shared types and enumerations replace the
    /// definitions' (or join them); the definitions' service types that a page keeps to
    /// itself are errors (returned: one line each, with the override that settles it);
    /// what no operation uses any more is dropped and listed in `c.findings`.
    pub fn apply(&self, c: &mut Converted, kept: &[(String, &OperationFile)]) -> Vec<String> {
        let mut errors = Vec::new();
        for (name, t) in &self.types {
            c.service.types.insert(name.clone(), t.clone());
        }
        for (name, e) in &self.enums {
            c.service.enums.insert(name.clone(), e.clone());
        }
        for (name, file) in &self.local {
            let shared = c.service.types.contains_key(name) && !self.types.contains_key(name)
                || c.service.enums.contains_key(name) && !self.enums.contains_key(name);
            if shared {
                errors.push(format!(
                    "{name}: the definitions share it across operations, the page keeps it in {file}: add `{name}` to `shared:` in the page's overrides (or rename the page's with `types:`/`enum:`)"
                ));
            }
        }
        let used = used_names(c, kept);
        let before: Vec<String> = (c.service.types.keys())
            .chain(c.service.enums.keys())
            .cloned()
            .collect();
        c.service
            .types
            .retain(|n, _| used.contains(n) || self.types.contains_key(n));
        c.service
            .enums
            .retain(|n, _| used.contains(n) || self.enums.contains_key(n));
        for name in before {
            if !c.service.types.contains_key(&name) && !c.service.enums.contains_key(&name) {
                c.findings.push(Finding {
                    kind: FindingKind::Unused,
                    file: "service.yaml".to_owned(),
                    json_path: name.clone(),
                    message: format!(
                        "{name} is not written: only the definition of an operation a page wrote used it"
                    ),
                });
            }
        }
        errors
    }
}

/// Every type and enumeration name an operation (converted or kept) uses, and the names
/// those types use in turn.
fn used_names(c: &Converted, kept: &[(String, &OperationFile)]) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut todo = Vec::new();
    for op in c.operations.values().chain(kept.iter().map(|(_, o)| *o)) {
        op_names(op, &mut todo);
    }
    while let Some(name) = todo.pop() {
        if !used.insert(name.clone()) {
            continue;
        }
        if let Some(t) = c.service.types.get(&name) {
            fields_names(&t.fields, &mut todo);
        }
    }
    used
}

fn op_names(op: &OperationFile, out: &mut Vec<String>) {
    let params = [
        &op.parameters.path,
        &op.parameters.query,
        &op.parameters.header,
    ];
    for item in params.into_iter().flatten().flat_map(|t| &t.items) {
        param_names(item, out);
    }
    let bodies = (op.request.iter().map(|r| &r.body))
        .chain(op.responses.values().filter_map(|r| r.body.as_ref()));
    for b in bodies {
        body_names(b, out);
    }
    for t in op.types.values() {
        fields_names(&t.fields, out);
    }
}

fn param_names(p: &ParamDef, out: &mut Vec<String>) {
    out.extend(named(&p.ty.parsed));
    out.extend(p.enumeration.iter().map(|e| e.value.clone()));
}

fn body_names(b: &BodyDef, out: &mut Vec<String>) {
    if let Some(t) = &b.ty {
        out.extend(named(&t.parsed));
    }
    if let Some(f) = &b.fields {
        fields_names(f, out);
    }
}

fn fields_names(fields: &[FieldDef], out: &mut Vec<String>) {
    for f in fields {
        out.extend(named(&f.ty.parsed));
        out.extend(f.enumeration.iter().map(|e| e.value.clone()));
    }
}

fn named<E>(t: &Result<TypeExpr, E>) -> Option<String> {
    t.as_ref().ok()?.named_ref().map(str::to_owned)
}
