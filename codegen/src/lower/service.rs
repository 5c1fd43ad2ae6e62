//! The service file: its name, crate, version, endpoints, error codes and groups; the
//! operations' ids, modules, groups and deprecations across files.

use std::collections::{BTreeMap, BTreeSet};

use super::Lowerer;
use super::symbols::closest;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::*;
use crate::names::{self, Namespace};
use crate::read::{Loaded, SpecSet, loc};

impl Lowerer<'_, '_> {
    /// Checks `service.yaml` and lowers what the IR keeps of it (models, enums and operations
    /// are filled in later).
    pub(super) fn service(&mut self, set: &SpecSet) -> Ir {
        let svc = &set.service.value;
        check_service(&set.service, &mut self.out);
        let (error_codes, error_codes_title) = self.error_codes(&set.service);
        Ir {
            crate_name: svc.service.crate_name.clone(),
            lib_name: svc.service.crate_name.replace('-', "_"),
            version: svc.service.version.clone(),
            service_name: svc.service.name.clone(),
            service_title: svc.service.title.clone(),
            spec_dir: set.dir_display.clone(),
            service_file: set.service.file.clone(),
            models: Vec::new(),
            enums: Vec::new(),
            operations: Vec::new(),
            error_codes,
            error_codes_title,
            endpoint_template: svc.endpoints.as_ref().map(|e| e.template.value.clone()),
            regions: (svc.endpoints.as_ref())
                .map(|e| e.regions.clone())
                .unwrap_or_default(),
            groups: (svc.groups.iter())
                .map(|(feature, g)| Group {
                    feature: feature.clone(),
                    title: g.title.clone(),
                    default: g.default,
                })
                .collect(),
        }
    }

    /// The error codes page: each code once, not empty, with an HTTP status, and a variant name
    /// of its own.
    fn error_codes(
        &mut self,
        svc: &Loaded<crate::spec::ServiceFile>,
    ) -> (Vec<ErrorCodeIr>, Option<String>) {
        let Some(codes) = &svc.value.error_codes else {
            return (Vec::new(), None);
        };
        let f = svc.file.as_str();
        let mut seen = BTreeSet::new();
        let mut ns = Namespace::default();
        let mut rows = Vec::new();
        for (i, row) in codes.codes.iter().enumerate() {
            let path = format!("error_codes.codes[{i}]");
            let code = row.code.value.as_str();
            let at = loc(&row.code);
            if code.trim().is_empty() {
                self.out
                    .push(Diagnostic::new(f, &path, "empty error code").at(at));
            }
            check_status(f, &path, row.status, &mut self.out);
            let variant = names::type_name(code);
            if !seen.insert(code) {
                self.out.push(
                    Diagnostic::new(f, &path, format!("duplicate error code '{code}'")).at(at),
                );
            } else if let Err(other) = ns.claim(&variant, code) {
                self.out.push(
                    Diagnostic::new(
                        f,
                        &path,
                        format!("codes '{other}' and '{code}' both become variant `{variant}`"),
                    )
                    .at(at),
                );
            }
            rows.push(ErrorCodeIr {
                variant,
                status: row.status,
                code: code.to_owned(),
                message: row.message.clone(),
                description: row.description.clone(),
                measure: row.measure.clone(),
            });
        }
        (rows, codes.source.title.clone())
    }

    /// Operation ids: each once, each its own module; then groups and deprecations.
    pub(super) fn operation_ids(&mut self, set: &SpecSet) {
        let mut ids: BTreeMap<&str, &str> = BTreeMap::new();
        for op in &set.operations {
            let id = op.value.operation.id.value.as_str();
            if let Some(prev) = ids.insert(id, &op.file) {
                self.out.push(
                    Diagnostic::new(
                        &op.file,
                        "operation.id",
                        format!("duplicate operation id '{id}': also used by {prev}"),
                    )
                    .at(loc(&op.value.operation.id)),
                );
            }
        }
        let mut by_id: Vec<_> = set.operations.iter().collect();
        by_id.sort_by(|a, b| a.value.operation.id.value.cmp(&b.value.operation.id.value));
        let mut modules = Namespace::default();
        for op in &by_id {
            let id = &op.value.operation.id;
            let module = names::module_name(&id.value);
            if let Err(other) = modules.claim(&module, &id.value)
                && other != id.value
            {
                let other_file = (by_id.iter())
                    .find(|o| o.value.operation.id.value == other)
                    .map_or("", |o| o.file.as_str());
                self.out.push(
                    Diagnostic::new(
                        &op.file,
                        "operation.id",
                        format!(
                            "operations '{}' and '{other}' ({other_file}) both become module `{module}`",
                            id.value
                        ),
                    )
                    .at(loc(id))
                    .help("operation ids must differ in more than letter case: rename one"),
                );
            }
        }
        check_groups_and_deprecations(set, &ids, &mut self.out);
    }
}

/// Groups: each a valid cargo feature name with an operation; each operation in a declared
/// group (when the service declares any). Deprecations: the replacement is another operation.
fn check_groups_and_deprecations(set: &SpecSet, ids: &BTreeMap<&str, &str>, out: &mut Diagnostics) {
    let svc = &set.service;
    let groups = &svc.value.groups;
    for name in groups.keys() {
        let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !name.ends_with('-')
            && name != "default";
        if !valid {
            out.push(
                Diagnostic::new(
                    &svc.file,
                    format!("groups.{name}"),
                    format!("group name '{name}' is not a usable cargo feature name"),
                )
                .help("use lower-case words joined by '-', like audit-instance (not 'default')"),
            );
        }
        let used = set.operations.iter().any(|op| {
            op.value.operation.group.as_ref().map(|g| g.value.as_str()) == Some(name.as_str())
        });
        if !used {
            out.push(
                Diagnostic::new(
                    &svc.file,
                    format!("groups.{name}"),
                    format!("group '{name}' has no operation"),
                )
                .help("remove the group, or name it in an operation's `group`"),
            );
        }
    }
    for op in &set.operations {
        let info = &op.value.operation;
        match &info.group {
            Some(g) if !groups.contains_key(&g.value) => {
                let mut d = Diagnostic::new(
                    &op.file,
                    "operation.group",
                    format!("unknown group '{}'", g.value),
                )
                .at(loc(g));
                d = match closest(&g.value, groups.keys().map(String::as_str)) {
                    Some(near) => d.help(format!(
                        "did you mean '{near}'? (groups are declared in service.yaml)"
                    )),
                    None => d.help("declare it under `groups` in service.yaml"),
                };
                out.push(d);
            }
            None if !groups.is_empty() => out.push(
                Diagnostic::new(
                    &op.file,
                    "operation",
                    "the operation names no group, but service.yaml declares groups",
                )
                .help(format!(
                    "add `group:` with one of: {}",
                    groups.keys().cloned().collect::<Vec<_>>().join(", ")
                )),
            ),
            _ => {}
        }
        let Some(replacement) = info
            .deprecated
            .as_ref()
            .and_then(|d| d.replacement.as_ref())
        else {
            continue;
        };
        let r = replacement.value.as_str();
        if r == info.id.value {
            out.push(
                Diagnostic::new(
                    &op.file,
                    "operation.deprecated.replacement",
                    format!("operation '{r}' cannot replace itself"),
                )
                .at(loc(replacement)),
            );
        } else if !ids.contains_key(r) {
            let mut d = Diagnostic::new(
                &op.file,
                "operation.deprecated.replacement",
                format!("replacement '{r}' is no operation of the service"),
            )
            .at(loc(replacement));
            if let Some(near) = closest(r, ids.keys().copied()) {
                d = d.help(format!("did you mean '{near}'?"));
            }
            out.push(d);
        }
    }
}

fn check_service(svc: &Loaded<crate::spec::ServiceFile>, out: &mut Diagnostics) {
    let info = &svc.value.service;
    let f = &svc.file;
    let crate_ok = !info.crate_name.is_empty()
        && info
            .crate_name
            .starts_with(|c: char| c.is_ascii_lowercase())
        && info
            .crate_name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    const RESERVED_CRATES: &[&str] = &[
        "std",
        "core",
        "alloc",
        "proc_macro",
        "proc-macro",
        "test",
        "self",
        "crate",
        "super",
    ];
    let crate_ok = crate_ok && !RESERVED_CRATES.contains(&info.crate_name.as_str());
    if info.name.trim().is_empty()
        || !info
            .name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        out.push(Diagnostic::new(
            f,
            "service.name",
            format!(
                "service name '{}' must be a short lower-case name, like dbss",
                info.name
            ),
        ));
    }
    if !crate_ok {
        out.push(Diagnostic::new(
            f,
            "service.crate",
            format!(
                "crate name '{}' must be lower case letters, digits and '-', and not a name Rust reserves (std, core, self, ...)",
                info.crate_name
            ),
        ));
    }
    let version_ok = info.version.split('.').count() == 3
        && info
            .version
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if !version_ok {
        out.push(Diagnostic::new(
            f,
            "service.version",
            format!(
                "version '{}' must be MAJOR.MINOR.PATCH, like 0.1.0",
                info.version
            ),
        ));
    }
    if let Some(ep) = &svc.value.endpoints {
        let t = &ep.template;
        if t.value.matches("{region}").count() != 1
            || !(t.value.starts_with("https://") || t.value.starts_with("http://"))
        {
            out.push(
                Diagnostic::new(
                    f,
                    "endpoints.template",
                    format!(
                        "endpoint template '{}' must be an http(s) URL with {{region}} once",
                        t.value
                    ),
                )
                .at(loc(t))
                .help("for example https://dbss.{region}.myhuaweicloud.com"),
            );
        }
        if ep.regions.is_empty() {
            out.push(Diagnostic::new(f, "endpoints.regions", "no regions listed").at(loc(t)));
        }
        let mut seen = BTreeSet::new();
        for (i, r) in ep.regions.iter().enumerate() {
            if !seen.insert(r.as_str()) {
                out.push(Diagnostic::new(
                    f,
                    format!("endpoints.regions[{i}]"),
                    format!("region '{r}' is listed twice"),
                ));
            }
            if r.is_empty()
                || !r
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                out.push(Diagnostic::new(f, format!("endpoints.regions[{i}]"), format!("region '{r}' must be lower-case letters, digits and '-', like ap-southeast-1")));
            }
        }
    }
}

pub(super) fn check_status(file: &str, path: &str, status: u16, out: &mut Diagnostics) {
    if !(100..=599).contains(&status) {
        out.push(Diagnostic::new(
            file,
            path,
            format!("status {status} is not an HTTP status code (100 to 599)"),
        ));
    }
}
