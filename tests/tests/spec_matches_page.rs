//! The spec (`spec/dbss/list_instances.yaml`, `spec/dbss/service.yaml`) says exactly what the
//! page it was encoded from (`spec/sources/dbss/list-instances.txt`) and the service's error
//! codes page (`spec/sources/dbss/error-codes.txt`) say.
//!
//! Independent of the importer (so that a bug of the importer cannot hide itself): the spec
//! model is rendered here back into the lines the page shows (headings, captions, header cells,
//! rows, description blocks, examples, status codes), each with the YAML path it comes from, and
//! compared line by line with the page's non-blank lines; the example bodies must be on the page
//! verbatim, and every enumeration must be what the descriptions list. The `checker_*` tests
//! show that an edit to either side is reported, naming the page line and the YAML path.
//!
//! `service.yaml` also holds what the API Explorer definitions say for the other 112
//! operations: the checker takes the part the page owns (types whose `tables`, enumerations
//! whose `sources` name the page). Values the page's overrides add (`add_values`: the definition
//! lists them, the page does not) are not on the page and are read from the overrides file.

use std::collections::{BTreeMap, BTreeSet};

use codegen::spec::{FieldDef, Method, OperationFile, ParamDef, Scalar, ServiceFile};

const PAGE: &str = "spec/sources/dbss/list-instances.txt";
const ERRORS: &str = "spec/sources/dbss/error-codes.txt";
/// The page's file name, as the `tables` entries of types prefix it.
const PAGE_FILE: &str = "list-instances.txt";

fn read(rel: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Everything the checker compares.
struct Inputs {
    page: String,
    errors: String,
    op: OperationFile,
    svc: ServiceFile,
}

fn inputs() -> Inputs {
    let mut svc: ServiceFile =
        serde_saphyr::from_str(&read("spec/dbss/service.yaml")).expect("service file");
    let mine = |entries: &[String]| entries.iter().any(|e| e.starts_with(PAGE_FILE));
    svc.types.retain(|_, t| mine(&t.tables));
    svc.enums.retain(|_, e| mine(&e.sources));
    Inputs {
        page: read(PAGE),
        errors: read(ERRORS),
        op: serde_saphyr::from_str(&read("spec/dbss/list_instances.yaml")).expect("operation file"),
        svc,
    }
}

/// The page's overrides, as far as the checker needs them: the values each field's
/// enumeration gains beyond the page (`fields: <Type>.<field>: add_values:`).
#[derive(serde::Deserialize)]
struct Overrides {
    #[serde(default)]
    fields: BTreeMap<String, FieldOverride>,
}

#[derive(serde::Deserialize)]
struct FieldOverride {
    #[serde(default)]
    add_values: Vec<AddedValue>,
}

#[derive(serde::Deserialize)]
struct AddedValue {
    value: Scalar,
}

/// The values the overrides add, by `<Type>.<field>`.
fn added_values() -> BTreeMap<String, Vec<String>> {
    let o: Overrides = serde_saphyr::from_str(&read("spec/dbss/overrides/list_instances.yaml"))
        .expect("overrides file");
    o.fields
        .into_iter()
        .map(|(k, f)| {
            (
                k,
                f.add_values.into_iter().map(|v| scalar(&v.value)).collect(),
            )
        })
        .filter(|(_, v): &(String, Vec<String>)| !v.is_empty())
        .collect()
}

fn scalar(s: &Scalar) -> String {
    match s {
        Scalar::Int(n) => n.to_string(),
        Scalar::Str(s) => s.clone(),
    }
}

/// A line the page must show, and the YAML path in the spec that says it.
struct Expected {
    text: String,
    from: String,
}

/// A table of the page as the spec encodes it.
struct Table<'a> {
    caption: String,
    from: String,
    rows: Rows<'a>,
}

enum Rows<'a> {
    Params(&'a [ParamDef]),
    Fields(&'a [FieldDef]),
}

/// The spec, rendered into the lines of the page.
#[derive(Default)]
struct Render(Vec<Expected>);

impl Render {
    fn line(&mut self, text: impl Into<String>, from: impl Into<String>) {
        self.0.push(Expected {
            text: text.into(),
            from: from.into(),
        });
    }

    /// A text of one or more lines, each as the page shows it (trimmed, blank lines dropped).
    fn text(&mut self, text: &str, from: &str) {
        for l in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            self.line(l, from);
        }
    }

    fn table(&mut self, t: &Table<'_>) {
        self.line(&t.caption, &t.from);
        let mandatory = match t.rows {
            Rows::Params(_) => true,
            Rows::Fields(fs) => fs.iter().any(|f| f.mandatory.is_some()),
        };
        let header: &[&str] = if mandatory {
            &["Parameter", "Mandatory", "Type", "Description"]
        } else {
            &["Parameter", "Type", "Description"]
        };
        for h in header {
            self.line(*h, format!("{} (header)", t.from));
        }
        let yes = |m: bool| if m { "Yes" } else { "No" };
        match t.rows {
            Rows::Params(ps) => {
                for p in ps {
                    let at = format!("{}.{}", t.from, p.name.value);
                    self.line(&p.name.value, &at);
                    self.line(yes(p.mandatory), format!("{at}.mandatory"));
                    self.line(p.ty.as_str(), format!("{at}.type"));
                    let blocks = [
                        ("Parameter description", Some(&p.description), "description"),
                        ("Restrictions", p.restrictions.as_ref(), "restrictions"),
                        ("Value range", p.range.as_ref(), "range"),
                        ("Default value", p.default.as_ref(), "default"),
                    ];
                    for (label, text, key) in blocks {
                        if let Some(text) = text {
                            self.line(format!("** {label}**:"), format!("{at}.{key}"));
                            self.text(text, &format!("{at}.{key}"));
                        }
                    }
                }
            }
            Rows::Fields(fs) => {
                for f in fs {
                    let at = format!("{}.{}", t.from, f.name.value);
                    self.line(&f.name.value, &at);
                    if let Some(m) = f.mandatory {
                        self.line(yes(m), format!("{at}.mandatory"));
                    }
                    self.line(f.ty.as_str(), format!("{at}.type"));
                    self.text(&f.description, &format!("{at}.description"));
                }
            }
        }
    }
}

/// The page's tables as the spec encodes them, by number: parameter tables, inline bodies, and
/// every `tables` entry of a type that names this page.
fn tables<'a>(op: &'a OperationFile, svc: &'a ServiceFile) -> BTreeMap<u32, Table<'a>> {
    let mut out = BTreeMap::new();
    let mut add = |caption: &str, from: String, rows: Rows<'a>| {
        let number = caption
            .split(' ')
            .nth(1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        out.insert(
            number,
            Table {
                caption: caption.to_owned(),
                from,
                rows,
            },
        );
    };
    for (location, table) in op.parameters.tables() {
        if let Some(t) = table {
            add(
                &t.table,
                format!("parameters.{location}"),
                Rows::Params(&t.items),
            );
        }
    }
    let bodies = op
        .request
        .iter()
        .map(|r| ("request".to_owned(), r.table.as_ref(), &r.body));
    let responses = op.responses.iter().filter_map(|(status, r)| {
        Some((
            format!("responses.{status}"),
            r.table.as_ref(),
            r.body.as_ref()?,
        ))
    });
    for (at, table, body) in bodies.chain(responses) {
        if let (Some(table), Some(fields)) = (table, &body.fields) {
            add(table, format!("{at}.body"), Rows::Fields(fields));
        }
    }
    for (file, types) in [
        ("list_instances.yaml", &op.types),
        ("service.yaml", &svc.types),
    ] {
        for (name, t) in types {
            for caption in t.tables.iter().filter_map(|c| c.strip_prefix(PAGE_FILE)) {
                let caption = caption.trim_start_matches(": ");
                add(
                    caption,
                    format!("{file} types.{name}"),
                    Rows::Fields(&t.fields),
                );
            }
        }
    }
    out
}

/// The lines of the page, as the spec says them.
fn render_page(op: &OperationFile, svc: &ServiceFile) -> Vec<Expected> {
    let mut r = Render::default();
    let info = &op.operation;
    r.line(
        info.source.breadcrumb.join("/ "),
        "operation.source.breadcrumb",
    );
    if let Some(u) = &info.source.updated {
        r.line(format!("Updated on {u}"), "operation.source.updated");
    }
    r.line(&info.title, "operation.title");
    r.line("Function", "(heading)");
    r.text(
        info.summary.as_ref().unwrap_or(&info.title),
        "operation.summary",
    );
    r.line("URI", "(heading)");
    r.line(
        format!("{} {}", info.method.as_str(), info.path.as_str()),
        "operation.method/path",
    );
    // Headings go before the first table of their part of the page.
    let mut before: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let request_tables = [op.parameters.header.as_ref().map(|t| &t.table)]
        .into_iter()
        .chain([op.request.as_ref().and_then(|r| r.table.as_ref())]);
    if let Some(first) = request_tables.flatten().next() {
        before
            .entry(first.clone())
            .or_default()
            .push("Request Parameters".into());
    }
    for (i, (status, resp)) in op.responses.iter().enumerate() {
        if let Some(t) = &resp.table {
            let headings = before.entry(t.clone()).or_default();
            if i == 0 {
                headings.push("Response Parameters".into());
            }
            headings.push(format!("Status code: {status}"));
        }
    }
    for t in tables(op, svc).values() {
        for h in before.get(&t.caption).into_iter().flatten() {
            r.line(h, "(heading)");
        }
        r.table(t);
    }
    r.line("Example Requests", "(heading)");
    for (i, ex) in op.examples.requests.iter().enumerate() {
        let at = format!("examples.requests[{i}]");
        r.text(
            ex.description.as_deref().unwrap_or_default(),
            &format!("{at}.description"),
        );
        r.line(&ex.line, format!("{at}.line"));
        r.text(
            ex.body.as_deref().unwrap_or_default(),
            &format!("{at}.body"),
        );
    }
    r.line("Example Responses", "(heading)");
    for (i, ex) in op.examples.responses.iter().enumerate() {
        let at = format!("examples.responses[{i}]");
        r.line(
            format!("Status code: {}", ex.status),
            format!("{at}.status"),
        );
        r.text(
            ex.description.as_deref().unwrap_or_default(),
            &format!("{at}.description"),
        );
        r.text(&ex.body.value, &format!("{at}.body"));
    }
    r.line("Status Codes", "(heading)");
    r.line("Status Code", "(header)");
    r.line("Description", "(header)");
    for (status, resp) in &op.responses {
        r.line(status.to_string(), format!("responses.{status}"));
        r.text(
            &resp.description,
            &format!("responses.{status}.description"),
        );
    }
    r.line("Error Codes", "(heading)");
    r.text(op.error_codes.as_deref().unwrap_or_default(), "error_codes");
    r.0
}

/// The lines of the error codes page, as `service.yaml`'s `error_codes` says them.
fn render_errors(svc: &ServiceFile) -> Vec<Expected> {
    let mut r = Render::default();
    let Some(codes) = &svc.error_codes else {
        r.line("(a page)", "service.yaml error_codes (missing)");
        return r.0;
    };
    r.line(
        codes.source.breadcrumb.join("/ "),
        "error_codes.source.breadcrumb",
    );
    r.line(
        codes.source.title.as_deref().unwrap_or_default(),
        "error_codes.source.title",
    );
    r.line(
        "Status Code\tError Code\tMessage\tDescription\tMeasure",
        "(header)",
    );
    for (i, c) in codes.codes.iter().enumerate() {
        let cells = [
            &c.status.to_string(),
            &c.code.value,
            &c.message,
            &c.description,
            &c.measure,
        ];
        let row = cells.map(|c| c.as_str()).join("\t");
        r.line(row, format!("error_codes.codes[{i}] `{}`", c.code.value));
    }
    r.0
}

/// The page's non-blank lines, trimmed (each cell of a tab-separated row too), with their
/// numbers: the checker's whole page reader.
fn page_lines(text: &str) -> Vec<(usize, String)> {
    let trim = |l: &str| l.split('\t').map(str::trim).collect::<Vec<_>>().join("\t");
    (1..)
        .zip(text.lines())
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| (n, trim(l)))
        .collect()
}

/// Where the page and the rendering first part: line by line (an extra or missing line moves
/// everything after it, so only the first difference is reported).
fn compare(file: &str, page: &str, expected: &[Expected], out: &mut Vec<String>) {
    let lines = page_lines(page);
    for (i, exp) in expected.iter().enumerate() {
        match lines.get(i) {
            Some((_, text)) if *text == exp.text => {}
            Some((no, text)) => {
                out.push(format!(
                    "{file}:{no}: the page says {text:?}, the spec says {:?} ({})",
                    exp.text, exp.from
                ));
                return;
            }
            None => {
                out.push(format!("{file} ends before {:?} ({})", exp.text, exp.from));
                return;
            }
        }
    }
    if let Some((no, text)) = lines.get(expected.len()) {
        out.push(format!(
            "{file}:{no}: {text:?} is on the page but not in the spec"
        ));
    }
}

/// Every enumeration is what the descriptions of the fields naming it list (`value: meaning`),
/// of their type, and used; no description lists values without naming an enumeration.
fn check_enums(op: &OperationFile, svc: &ServiceFile, out: &mut Vec<String>) {
    let enums: BTreeMap<&String, _> = svc.enums.iter().chain(&op.enums).collect();
    let mut fields: Vec<(String, &FieldDef)> = Vec::new();
    for (file, types) in [
        ("list_instances.yaml", &op.types),
        ("service.yaml", &svc.types),
    ] {
        for (name, t) in types {
            fields.extend(
                t.fields
                    .iter()
                    .map(|f| (format!("{file} types.{name}.{}", f.name.value), f)),
            );
        }
    }
    for (status, resp) in &op.responses {
        for f in resp.body.iter().flat_map(|b| b.fields.iter().flatten()) {
            fields.push((format!("responses.{status}.body.{}", f.name.value), f));
        }
    }
    let added = added_values();
    let mut used = BTreeSet::new();
    for (at, f) in fields {
        // `<file> types.<Type>.<field>` -> `<Type>.<field>`, as the overrides name it.
        let key = at.rsplit_once(" types.").map_or("", |(_, k)| k);
        let extra: &[String] = added.get(key).map_or(&[], Vec::as_slice);
        let Some(name) = &f.enumeration else {
            if f.description.contains(": ") {
                out.push(format!(
                    "{at}: the description lists values but the field names no enum"
                ));
            }
            continue;
        };
        let Some(e) = enums.get(&name.value) else {
            out.push(format!("{at}: enum `{}` is defined nowhere", name.value));
            continue;
        };
        used.insert(&name.value);
        let place = format!("enums.{} (used by {at})", name.value);
        if e.ty.as_str() != f.ty.as_str() {
            out.push(format!(
                "{place}: type {}, the field is {}",
                e.ty.as_str(),
                f.ty.as_str()
            ));
        }
        let text = &f.description;
        if e.description
            .as_ref()
            .is_some_and(|d| !text.starts_with(d.as_str()))
        {
            out.push(format!(
                "{place}: its description does not open the field's {text:?}"
            ));
        }
        if text.matches(": ").count() + extra.len() != e.values.len() {
            out.push(format!(
                "{place}: {} values, the description lists others",
                e.values.len()
            ));
        }
        for v in &e.values {
            let value = scalar(&v.value.value);
            if extra.contains(&value) {
                continue;
            }
            let written = format!("{value}: {}", v.description.as_deref().unwrap_or_default());
            if !text.contains(&written) {
                out.push(format!(
                    "{place}: value {value}: the description does not say {written:?}"
                ));
            }
        }
    }
    for name in enums.keys().filter(|n| !used.contains(*n)) {
        out.push(format!("enums.{name}: no field uses it"));
    }
}

/// Constraints restate the text: a length range is written `N to M characters`.
fn check_constraints(op: &OperationFile, out: &mut Vec<String>) {
    for (location, table) in op.parameters.tables() {
        for p in table.iter().flat_map(|t| &t.items) {
            let Some(c) = &p.constraints else { continue };
            let text = format!(
                "{}\n{}",
                p.description,
                p.range.as_deref().unwrap_or_default()
            );
            if let (Some(min), Some(max)) = (c.min_length, c.max_length)
                && !text.contains(&format!("{min} to {max} characters"))
            {
                out.push(format!("parameters.{location}.{}: constraints say {min} to {max} characters, the text does not", p.name.value));
            }
        }
    }
}

/// Every difference between the two pages and the spec.
fn differences(page: &str, errors: &str, op: &OperationFile, svc: &ServiceFile) -> Vec<String> {
    let mut out = Vec::new();
    compare(PAGE_FILE, page, &render_page(op, svc), &mut out);
    compare("error-codes.txt", errors, &render_errors(svc), &mut out);
    // The example bodies are on the page exactly as printed, indentation included.
    for (i, ex) in op.examples.responses.iter().enumerate() {
        if !page.contains(&ex.body.value) {
            out.push(format!(
                "examples.responses[{i}].body: not on the page verbatim"
            ));
        }
    }
    for (i, ex) in op.examples.requests.iter().enumerate() {
        if ex.body.as_ref().is_some_and(|b| !page.contains(b.as_str())) {
            out.push(format!(
                "examples.requests[{i}].body: not on the page verbatim"
            ));
        }
    }
    check_enums(op, svc, &mut out);
    check_constraints(op, &mut out);
    out
}

fn assert_reports(diffs: &[String], needles: &[&str]) {
    assert!(
        diffs.iter().any(|d| needles.iter().all(|n| d.contains(n))),
        "expected a difference mentioning {needles:?}, got:\n  {}",
        diffs.join("\n  ")
    );
}

#[test]
fn spec_matches_page() {
    let i = inputs();
    let diffs = differences(&i.page, &i.errors, &i.op, &i.svc);
    assert!(
        diffs.is_empty(),
        "the spec and its pages differ:\n  {}",
        diffs.join("\n  ")
    );
}

#[test]
fn every_table_of_the_page_is_encoded_once() {
    let i = inputs();
    let numbers: Vec<u32> = tables(&i.op, &i.svc).into_keys().collect();
    assert_eq!(numbers, (1..=15).collect::<Vec<_>>());
    let captions = page_lines(&i.page)
        .into_iter()
        .filter(|(_, l)| l.starts_with("Table "))
        .count();
    assert_eq!(captions, 15, "the page has Tables 1 to 15");
    assert!(i.op.operation.method.ok() == Some(&Method::Post));
}

/// An edit of the inputs and what its report must mention.
type Edit = (fn(&mut Inputs), &'static [&'static str]);

#[test]
fn checker_reports_edits_of_the_spec() {
    #[rustfmt::skip]
    let edits: Vec<Edit> = vec![
        (|i| i.svc.types.get_mut("Cluster").unwrap().fields[3].ty = codegen::spec::Parsed::new("Integer"), &["types.Cluster.created.type", "\"Long\"", "\"Integer\""]),
        (|i| i.svc.types.get_mut("DbssErrorDetail").unwrap().fields[1].description = "PDP5 error".into(), &["types.DbssErrorDetail.error_msg.description", "PDP5 error information"]),
        (|i| i.op.parameters.header.as_mut().unwrap().items[0].mandatory = false, &["parameters.header.X-Auth-Token.mandatory", "\"No\""]),
        (|i| i.svc.types.get_mut("ServerList").unwrap().fields.swap(0, 1), &["types.ServerList.total", "\"server\""]),
        (|i| { i.svc.types.get_mut("ResponseServer").unwrap().fields.pop(); }, &["the page says \"server_id\"", "Status code: 400"]),
        (|i| { i.svc.types.get_mut("ResponseServer").unwrap().fields.iter_mut().find(|f| f.name.value == "scene").unwrap().enumeration = None; }, &["types.ResponseServer.scene", "names no enum"]),
        (|i| i.svc.enums.get_mut("Effect").unwrap().values[2].description = Some("frozen".into()), &["enums.Effect", "value 3"]),
        (|i| i.op.examples.responses[0].body.value = i.op.examples.responses[0].body.value.replacen("\"total\" : 2", "\"total\": 2", 1), &["examples.responses[0].body"]),
        (|i| i.op.responses.get_mut(&403).unwrap().description = "Forbidden".into(), &["responses.403.description", "Forbidden"]),
        (|i| i.svc.error_codes.as_mut().unwrap().codes[9].measure = "Retry.".into(), &["error-codes.txt", "error_codes.codes[9] `DBSS.11000000`", "Retry."]),
        (|i| i.op.operation.summary = Some("Lists instances".into()), &["operation.summary", "Lists instances"]),
    ];
    for (edit, needles) in edits {
        let mut i = inputs();
        edit(&mut i);
        assert_reports(&differences(&i.page, &i.errors, &i.op, &i.svc), needles);
    }
}

#[test]
fn checker_reports_edits_of_the_pages() {
    let i = inputs();
    #[rustfmt::skip]
    let edits: [(&str, &str, &str, &[&str]); 4] = [
        (PAGE_FILE, "Remaining period (days)", "Remaining days", &["list-instances.txt:", "Remaining days", "types.Cluster.remain_days.description"]),
        (PAGE_FILE, "master_node_id\n\nString", "master_node_id\n\nLong", &["\"Long\"", "types.InstanceActivateInfo.master_node_id.type"]),
        (PAGE_FILE, "  • 2: frozen and cannot be released\n\n", "", &["list-instances.txt:", "types.ResponseServer.effect.description"]),
        ("error-codes.txt", "Check the order ID.", "Check the ID.", &["error-codes.txt:", "Check the ID."]),
    ];
    for (file, from, to, needles) in edits {
        let (page, errors) = match file {
            PAGE_FILE => (i.page.replace(from, to), i.errors.clone()),
            _ => (i.page.clone(), i.errors.replace(from, to)),
        };
        assert_ne!(
            (&page, &errors),
            (&i.page, &i.errors),
            "{from:?} is on {file}"
        );
        assert_reports(&differences(&page, &errors, &i.op, &i.svc), needles);
    }
}
