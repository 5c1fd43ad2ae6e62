//! Analyses of the lowered models: which fields are boxed, which models are validated, used as
//! error bodies, or compiled only with some features.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::*;

/// Direct (not through `Vec` or a map) model references of a type.
fn direct_ref(ty: &Ty) -> Option<ModelId> {
    match ty {
        Ty::Model(id) => Some(*id),
        _ => None,
    }
}

/// Boxes fields whose type contains the struct itself without a `Vec` or map in between.
pub(super) fn mark_boxed(models: &mut [Model]) {
    let edges: Vec<Vec<ModelId>> = (models.iter())
        .map(|m| m.fields.iter().filter_map(|f| direct_ref(&f.ty)).collect())
        .collect();
    let reaches = |from: ModelId, to: ModelId| -> bool {
        let mut stack = vec![from];
        let mut seen = BTreeSet::new();
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n) {
                stack.extend(edges.get(n.0).into_iter().flatten().copied());
            }
        }
        false
    };
    for (i, m) in models.iter_mut().enumerate() {
        for f in &mut m.fields {
            if let Some(target) = direct_ref(&f.ty) {
                f.boxed = reaches(target, ModelId(i));
            }
        }
    }
}

fn models_in(ty: &Ty, out: &mut Vec<ModelId>) {
    match ty {
        Ty::Model(id) => out.push(*id),
        Ty::Vec(i) | Ty::Map(i) => models_in(i, out),
        _ => {}
    }
}

/// Marks every model reachable from a request body: it gets a `Validate` impl.
pub(super) fn mark_validated(models: &mut [Model], operations: &[Operation]) {
    let mut stack = Vec::new();
    for op in operations {
        if let Some(b) = &op.body {
            models_in(&b.ty, &mut stack);
        }
    }
    let mut reached = BTreeSet::new();
    while let Some(n) = stack.pop() {
        if reached.insert(n)
            && let Some(m) = models.get(n.0)
        {
            for f in &m.fields {
                models_in(&f.ty, &mut stack);
            }
        }
    }
    for (i, m) in models.iter_mut().enumerate() {
        m.validate = reached.contains(&ModelId(i));
    }
}

fn types_in(ty: &Ty, models: &mut Vec<ModelId>, enums: &mut BTreeSet<EnumId>) {
    match ty {
        Ty::Model(id) => models.push(*id),
        Ty::Enum(id) => {
            enums.insert(*id);
        }
        Ty::Vec(i) | Ty::Map(i) => types_in(i, models, enums),
        _ => {}
    }
}

/// Records that an operation of `group` (`None`: of no group) uses `items`: an item keeps the
/// set of groups that use it, or `None` once an operation without a group does.
fn add_group<K: Ord>(
    slots: &mut BTreeMap<K, Option<BTreeSet<String>>>,
    items: BTreeSet<K>,
    group: &Option<String>,
) {
    for item in items {
        let slot = slots.entry(item).or_insert_with(|| Some(BTreeSet::new()));
        match (slot, group) {
            (Some(set), Some(g)) => {
                set.insert(g.clone());
            }
            (slot, None) => *slot = None,
            (None, Some(_)) => {}
        }
    }
}

/// The features of each model and enumeration: the groups of the operations that use it, or
/// none (always compiled) when an operation without a group uses it or none does.
pub(super) fn mark_features(models: &mut [Model], enums: &mut [Enum], operations: &[Operation]) {
    // Per item, the groups that reach it; `None` once an operation without a group does.
    let mut model_groups: BTreeMap<ModelId, Option<BTreeSet<String>>> = BTreeMap::new();
    let mut enum_groups: BTreeMap<EnumId, Option<BTreeSet<String>>> = BTreeMap::new();
    for op in operations {
        let mut stack = Vec::new();
        let mut found_enums = BTreeSet::new();
        let tys = (op.params.iter().map(|p| &p.ty))
            .chain(op.body.iter().map(|b| &b.ty))
            .chain(op.output.iter())
            .chain(op.errors.iter().filter_map(|e| e.ty.as_ref()));
        for t in tys {
            types_in(t, &mut stack, &mut found_enums);
        }
        let mut reached = BTreeSet::new();
        while let Some(n) = stack.pop() {
            if reached.insert(n)
                && let Some(m) = models.get(n.0)
            {
                for f in &m.fields {
                    types_in(&f.ty, &mut stack, &mut found_enums);
                }
            }
        }
        add_group(&mut model_groups, reached, &op.group);
        add_group(&mut enum_groups, found_enums, &op.group);
    }
    for (id, groups) in model_groups {
        if let (Some(m), Some(g)) = (models.get_mut(id.0), groups) {
            m.features = g.into_iter().collect();
        }
    }
    for (id, groups) in enum_groups {
        if let (Some(e), Some(g)) = (enums.get_mut(id.0), groups) {
            e.features = g.into_iter().collect();
        }
    }
}

/// Marks the models used as error bodies and finds their code and message fields.
pub(super) fn mark_error_bodies(models: &mut [Model], operations: &[Operation]) {
    let used: BTreeSet<ModelId> = operations
        .iter()
        .flat_map(|o| {
            o.errors
                .iter()
                .filter_map(|e| e.ty.as_ref().and_then(direct_ref))
        })
        .collect();
    for (i, m) in models.iter_mut().enumerate() {
        if used.contains(&ModelId(i)) {
            let find = |wires: &[&str]| {
                m.fields
                    .iter()
                    .find(|f| f.ty == Ty::String && wires.contains(&f.wire.as_str()))
                    .map(|f| f.name.clone())
            };
            m.error_body = Some(ErrorFields {
                code: find(&["error_code", "errorCode", "code"]),
                message: find(&["error_msg", "errorMsg", "message"]),
            });
        }
    }
}
