//! The spec (`spec/dbss/list_instances.yaml`, `spec/dbss/service.yaml`) says exactly what the
//! page it was encoded from (`spec/sources/dbss/list-instances.txt`) and the service's error
//! codes page (`spec/sources/dbss/error-codes.txt`) say.
//!
//! The page is parsed here on its own terms (one table cell per line, blank lines between), and
//! every table, row, type, mandatory flag and description is compared with what encodes it in
//! the spec, together with the page's header, URI, examples, status codes and error codes. An
//! edit to either side makes [`spec_matches_page`] fail, and the `checker_*` tests show that the
//! comparison does report edits.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use codegen::spec::{
    BodyDef, EnumDef, FieldDef, OperationFile, ParamDef, Scalar, ServiceFile, TypeDef,
};

/// The page's file name, as the `tables` entries of types prefix it.
const PAGE_FILE: &str = "list-instances.txt";
/// The page, relative to the workspace root.
const PAGE_PATH: &str = "spec/sources/dbss/list-instances.txt";
/// The error codes page, relative to the workspace root.
const ERRORS_PATH: &str = "spec/sources/dbss/error-codes.txt";
/// The operation file, relative to the workspace root.
const OPERATION_PATH: &str = "spec/dbss/list_instances.yaml";
/// The service file, relative to the workspace root.
const SERVICE_PATH: &str = "spec/dbss/service.yaml";
/// How many tables the page has (`Table 1` .. `Table 15`).
const PAGE_TABLES: usize = 15;

/// Headings that end a table (and its last description). "Error Codes" is deliberately not one:
/// it is also the description cell of `error_code` in the error body tables.
const TABLE_TERMINATORS: &[&str] = &[
    "Request Parameters",
    "Response Parameters",
    "Example Requests",
    "Example Responses",
    "Status Codes",
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(rel: &str) -> String {
    let path = workspace_root().join(rel);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn load_operation(text: &str) -> OperationFile {
    serde_saphyr::from_str::<OperationFile>(text)
        .unwrap_or_else(|e| panic!("{OPERATION_PATH} does not deserialize: {e}"))
}

fn load_service(text: &str) -> ServiceFile {
    serde_saphyr::from_str::<ServiceFile>(text)
        .unwrap_or_else(|e| panic!("{SERVICE_PATH} does not deserialize: {e}"))
}

/// Everything the checker compares.
struct Inputs {
    page: String,
    errors: String,
    op: OperationFile,
    svc: ServiceFile,
}

fn inputs() -> Inputs {
    Inputs {
        page: read(PAGE_PATH),
        errors: read(ERRORS_PATH),
        op: load_operation(&read(OPERATION_PATH)),
        svc: load_service(&read(SERVICE_PATH)),
    }
}

// ---------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------

/// A non-blank line of the page.
#[derive(Debug, Clone)]
struct Line {
    /// 1-based line number.
    no: usize,
    /// The line as written.
    raw: String,
    /// The line trimmed.
    text: String,
}

/// Where a table stands on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    /// Before "Response Parameters" (path, query, header and request body tables).
    Request,
    /// After "Response Parameters" but before any "Status code: N".
    ResponseWithoutStatus,
    /// Under "Status code: N".
    Response(u16),
}

#[derive(Debug, Clone)]
struct PageRow {
    name: String,
    mandatory: Option<bool>,
    ty: String,
    /// The description cell's lines, trimmed, blanks dropped.
    description: Vec<String>,
    line: usize,
}

#[derive(Debug, Clone)]
struct PageTable {
    /// `Table 4 Cluster`.
    caption: String,
    /// The number after `Table`.
    number: u32,
    /// The caption after the number (`Cluster`, `Response body parameters`).
    name: String,
    has_mandatory: bool,
    rows: Vec<PageRow>,
    placement: Placement,
    line: usize,
}

impl PageTable {
    /// An object table is captioned by the object's name (`Table 4 Cluster`).
    fn is_object_table(&self) -> bool {
        is_ident(&self.name)
    }
}

#[derive(Debug, Clone, Default)]
struct PageExampleRequest {
    description: Option<String>,
    line: String,
    body: Option<String>,
}

#[derive(Debug, Clone)]
struct PageExampleResponse {
    status: u16,
    description: Option<String>,
    body: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Page {
    breadcrumb: Vec<String>,
    updated: Option<String>,
    title: String,
    summary: String,
    uri: Vec<String>,
    tables: Vec<PageTable>,
    /// The "Status code: N" headings of "Response Parameters", with the caption of the first
    /// table under each.
    response_headings: Vec<(u16, Option<String>)>,
    example_requests: Vec<PageExampleRequest>,
    example_responses: Vec<PageExampleResponse>,
    status_codes: Vec<(u16, String)>,
    error_codes: String,
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// A cell of the Type column.
fn is_type(s: &str) -> bool {
    const SCALARS: &[&str] = &[
        "String",
        "Integer",
        "Long",
        "Boolean",
        "Float",
        "Double",
        "Number",
        "Object",
        "BigDecimal",
        "File",
    ];
    SCALARS.contains(&s)
        || s.starts_with("Array of ")
        || s.starts_with("Map<")
        || s.strip_suffix(" object").is_some_and(is_ident)
}

/// `Table 4 Cluster` -> (4, "Cluster").
fn caption(s: &str) -> Option<(u32, &str)> {
    let rest = s.strip_prefix("Table ")?;
    let (num, name) = rest.split_once(' ')?;
    Some((num.parse().ok()?, name))
}

/// `Status code: 400` -> 400.
fn status_heading(s: &str) -> Option<u16> {
    s.strip_prefix("Status code: ")?.trim().parse().ok()
}

fn is_table_terminator(s: &str) -> bool {
    caption(s).is_some() || status_heading(s).is_some() || TABLE_TERMINATORS.contains(&s)
}

fn is_request_line(s: &str) -> bool {
    s.starts_with('/')
        || s.split_once(' ')
            .is_some_and(|(m, _)| m.parse::<codegen::spec::Method>().is_ok())
}

fn join(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Starting at `ls[start]` (a line opening with `{` or `[`), the lines that follow it without a
/// blank line between, verbatim. Returns the block and the index after it.
fn json_block(ls: &[Line], start: usize) -> (String, usize) {
    let mut end = start + 1;
    while end < ls.len() && ls[end].no == ls[end - 1].no + 1 {
        end += 1;
    }
    let block = ls[start..end]
        .iter()
        .map(|l| l.raw.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    (block, end)
}

fn parse_page(text: &str, problems: &mut Vec<String>) -> Page {
    let ls: Vec<Line> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| Line {
            no: i + 1,
            raw: l.to_string(),
            text: l.trim().to_string(),
        })
        .collect();
    let mut page = Page::default();
    if ls.len() < 3 {
        problems.push(format!("{PAGE_FILE}: too short to be a page"));
        return page;
    }
    page.breadcrumb = ls[0].raw.split("/ ").map(str::to_string).collect();
    page.updated = ls[1].text.strip_prefix("Updated on ").map(str::to_string);
    if page.updated.is_none() {
        problems.push(format!(
            "{PAGE_FILE} line {}: expected `Updated on ...`, found {:?}",
            ls[1].no, ls[1].text
        ));
    }
    page.title = ls[2].text.clone();

    let find = |heading: &str, from: usize| -> Option<usize> {
        (from..ls.len()).find(|&i| ls[i].text == heading)
    };
    let mut need = |heading: &str, from: usize| -> usize {
        find(heading, from).unwrap_or_else(|| {
            problems.push(format!("{PAGE_FILE}: no `{heading}` section"));
            ls.len()
        })
    };
    let function = need("Function", 3);
    let uri = need("URI", function);
    let example_requests = need("Example Requests", uri);
    let example_responses = need("Example Responses", example_requests);
    let status_codes = need("Status Codes", example_responses);
    let error_codes = need("Error Codes", status_codes);

    // Function.
    if function < uri {
        page.summary = join(&ls[function + 1..uri]);
    }

    // URI, then the tables.
    let tables_end = example_requests.min(ls.len());
    let mut i = uri + 1;
    while i < tables_end && !is_table_terminator(&ls[i].text) {
        page.uri.push(ls[i].text.clone());
        i += 1;
    }
    let mut placement = Placement::Request;
    while i < tables_end {
        let text = ls[i].text.as_str();
        if text == "Response Parameters" {
            placement = Placement::ResponseWithoutStatus;
            i += 1;
        } else if text == "Request Parameters" {
            i += 1;
        } else if let Some(status) = status_heading(text) {
            placement = Placement::Response(status);
            page.response_headings.push((status, None));
            i += 1;
        } else if caption(text).is_some() {
            let (table, next) = parse_table(&ls, i, tables_end, placement, problems);
            if let Placement::Response(_) = placement
                && let Some((_, first @ None)) = page.response_headings.last_mut()
            {
                *first = Some(table.caption.clone());
            }
            page.tables.push(table);
            i = next;
        } else {
            problems.push(format!(
                "{PAGE_FILE} line {}: unexpected cell {:?} outside any table",
                ls[i].no, text
            ));
            i += 1;
        }
    }

    // Example Requests.
    let mut pending_description: Vec<Line> = Vec::new();
    let mut i = example_requests + 1;
    while i < example_responses.min(ls.len()) {
        let l = &ls[i];
        if is_request_line(&l.text) {
            page.example_requests.push(PageExampleRequest {
                description: (!pending_description.is_empty()).then(|| join(&pending_description)),
                line: l.text.clone(),
                body: None,
            });
            pending_description.clear();
            i += 1;
        } else if l.text.starts_with('{') || l.text.starts_with('[') {
            let (block, next) = json_block(&ls, i);
            match page.example_requests.last_mut() {
                Some(req) if req.body.is_none() => req.body = Some(block),
                _ => problems.push(format!(
                    "{PAGE_FILE} line {}: example request body without a request line",
                    l.no
                )),
            }
            i = next;
        } else {
            pending_description.push(l.clone());
            i += 1;
        }
    }
    if !pending_description.is_empty() {
        problems.push(format!(
            "{PAGE_FILE} line {}: text after the last example request: {:?}",
            pending_description[0].no,
            join(&pending_description)
        ));
    }

    // Example Responses.
    let mut i = example_responses + 1;
    let mut description: Vec<Line> = Vec::new();
    while i < status_codes.min(ls.len()) {
        let l = &ls[i];
        if let Some(status) = status_heading(&l.text) {
            page.example_responses.push(PageExampleResponse {
                status,
                description: None,
                body: None,
            });
            description.clear();
            i += 1;
        } else if let Some(resp) = page.example_responses.last_mut() {
            if l.text.starts_with('{') || l.text.starts_with('[') {
                let (block, next) = json_block(&ls, i);
                if resp.body.is_some() {
                    problems.push(format!(
                        "{PAGE_FILE} line {}: second example body for status {}",
                        l.no, resp.status
                    ));
                }
                resp.body = Some(block);
                i = next;
            } else {
                description.push(l.clone());
                resp.description = Some(join(&description));
                i += 1;
            }
        } else {
            problems.push(format!(
                "{PAGE_FILE} line {}: example response text before any `Status code:`: {:?}",
                l.no, l.text
            ));
            i += 1;
        }
    }

    // Status Codes.
    let end = error_codes.min(ls.len());
    let mut i = status_codes + 1;
    let header = ["Status Code", "Description"];
    for h in header {
        if i < end && ls[i].text == h {
            i += 1;
        } else {
            problems.push(format!(
                "{PAGE_FILE}: Status Codes table: expected header cell `{h}`"
            ));
        }
    }
    while i < end {
        let l = &ls[i];
        match l.text.parse::<u16>() {
            Ok(status) if l.text.len() == 3 => {
                let mut j = i + 1;
                while j < end && !(ls[j].text.len() == 3 && ls[j].text.parse::<u16>().is_ok()) {
                    j += 1;
                }
                page.status_codes.push((status, join(&ls[i + 1..j])));
                i = j;
            }
            _ => {
                problems.push(format!(
                    "{PAGE_FILE} line {}: Status Codes table: expected a status code, found {:?}",
                    l.no, l.text
                ));
                i += 1;
            }
        }
    }

    // Error Codes.
    if error_codes < ls.len() {
        page.error_codes = join(&ls[error_codes + 1..]);
    }
    page
}

/// Parses the table whose caption is `ls[start]`; returns it and the index after it.
fn parse_table(
    ls: &[Line],
    start: usize,
    end: usize,
    placement: Placement,
    problems: &mut Vec<String>,
) -> (PageTable, usize) {
    let caption_line = &ls[start];
    let (number, name) = caption(&caption_line.text).expect("a caption");
    let cap = caption_line.text.clone();
    let mut i = start + 1;
    let mut expect = |cell: &str, i: &mut usize, optional: bool| -> bool {
        if *i < end && ls[*i].text == cell {
            *i += 1;
            true
        } else {
            if !optional {
                problems.push(format!(
                    "{PAGE_FILE} line {}: {cap}: expected header cell `{cell}`",
                    ls.get(*i).map_or(0, |l| l.no)
                ));
            }
            false
        }
    };
    expect("Parameter", &mut i, false);
    let has_mandatory = expect("Mandatory", &mut i, true);
    expect("Type", &mut i, false);
    expect("Description", &mut i, false);

    let mut table_end = i;
    while table_end < end && !is_table_terminator(&ls[table_end].text) {
        table_end += 1;
    }
    let width = if has_mandatory { 3 } else { 2 };
    let row_starts_at = |j: usize| -> bool {
        j + width <= table_end
            && is_ident(&ls[j].text)
            && (!has_mandatory || matches!(ls[j + 1].text.as_str(), "Yes" | "No"))
            && is_type(&ls[j + width - 1].text)
    };
    let mut rows = Vec::new();
    while i < table_end {
        if !row_starts_at(i) {
            problems.push(format!(
                "{PAGE_FILE} line {}: {}: expected a row (name{} type), found {:?}",
                ls[i].no,
                caption_line.text,
                if has_mandatory { ", Yes/No," } else { "," },
                ls[i].text
            ));
            i += 1;
            continue;
        }
        let name_line = &ls[i];
        let mandatory = has_mandatory.then(|| ls[i + 1].text == "Yes");
        let type_index = if has_mandatory { i + 2 } else { i + 1 };
        let mut j = type_index + 1;
        while j < table_end && !row_starts_at(j) {
            j += 1;
        }
        rows.push(PageRow {
            name: name_line.text.clone(),
            mandatory,
            ty: ls[type_index].text.clone(),
            description: ls[type_index + 1..j]
                .iter()
                .map(|l| l.text.clone())
                .collect(),
            line: name_line.no,
        });
        i = j;
    }
    (
        PageTable {
            caption: caption_line.text.clone(),
            number,
            name: name.to_string(),
            has_mandatory,
            rows,
            placement,
            line: caption_line.no,
        },
        table_end,
    )
}

// ---------------------------------------------------------------------------------------------
// Rows, on both sides
// ---------------------------------------------------------------------------------------------

/// The text of a description cell: the whole cell, or the blocks of the newer template.
#[derive(Debug, Clone, Default, PartialEq)]
struct Blocks {
    description: Option<String>,
    restrictions: Option<String>,
    range: Option<String>,
    default: Option<String>,
}

/// `** Parameter description**:` -> the block it opens.
fn block_marker(line: &str) -> Option<&'static str> {
    if !line.starts_with("**") {
        return None;
    }
    let plain: String = line.chars().filter(|&c| c != '*').collect();
    match plain.trim().trim_end_matches(':').trim() {
        "Parameter description" => Some("description"),
        "Restrictions" => Some("restrictions"),
        "Value range" => Some("range"),
        "Default value" => Some("default"),
        _ => None,
    }
}

fn page_blocks(lines: &[String], problems: &mut Vec<String>, place: &str) -> Blocks {
    if !lines.iter().any(|l| block_marker(l).is_some()) {
        return Blocks {
            description: Some(lines.join("\n")),
            ..Blocks::default()
        };
    }
    let mut blocks = Blocks::default();
    let mut current: Option<&'static str> = None;
    let mut text: Vec<&str> = Vec::new();
    let mut flush = |which: Option<&'static str>, text: &mut Vec<&str>, b: &mut Blocks| {
        let value = Some(text.join("\n"));
        match which {
            Some("description") => b.description = value,
            Some("restrictions") => b.restrictions = value,
            Some("range") => b.range = value,
            Some("default") => b.default = value,
            _ if !text.is_empty() => {
                problems.push(format!("{place}: text before the first block: {value:?}"))
            }
            _ => {}
        }
        text.clear();
    };
    for line in lines {
        if let Some(marker) = block_marker(line) {
            flush(current, &mut text, &mut blocks);
            current = Some(marker);
        } else {
            text.push(line);
        }
    }
    flush(current, &mut text, &mut blocks);
    blocks
}

/// A spec row, seen the way the page shows it.
struct SpecRow<'a> {
    name: &'a str,
    ty: &'a str,
    mandatory: Option<bool>,
    blocks: Blocks,
}

fn field_row(f: &FieldDef) -> SpecRow<'_> {
    SpecRow {
        name: &f.name.value,
        ty: f.ty.as_str(),
        mandatory: f.mandatory,
        blocks: Blocks {
            description: Some(f.description.clone()),
            ..Blocks::default()
        },
    }
}

fn param_row(p: &ParamDef) -> SpecRow<'_> {
    SpecRow {
        name: &p.name.value,
        ty: p.ty.as_str(),
        mandatory: Some(p.mandatory),
        blocks: Blocks {
            description: Some(p.description.clone()),
            restrictions: p.restrictions.clone(),
            range: p.range.clone(),
            default: p.default.clone(),
        },
    }
}

fn compare_rows(table: &PageTable, spec: &[SpecRow<'_>], by: &str, out: &mut Vec<String>) {
    let cap = &table.caption;
    for index in 0..table.rows.len().max(spec.len()) {
        let n = index + 1;
        match (table.rows.get(index), spec.get(index)) {
            (Some(p), None) => out.push(format!(
                "{cap}, row {n} `{}` (page line {}): missing from {by}",
                p.name, p.line
            )),
            (None, Some(s)) => out.push(format!(
                "{cap}, row {n} `{}`: in {by} but not on the page",
                s.name
            )),
            (Some(p), Some(s)) => {
                let row = format!("{cap}, row {n} `{}` (page line {})", p.name, p.line);
                if p.name != s.name {
                    out.push(format!(
                        "{row}: name: page says {:?}, {by} says {:?}",
                        p.name, s.name
                    ));
                }
                if p.ty != s.ty {
                    out.push(format!(
                        "{row}: type: page says {:?}, {by} says {:?}",
                        p.ty, s.ty
                    ));
                }
                if p.mandatory != s.mandatory {
                    let show = |m: Option<bool>| match m {
                        Some(true) => "Yes (true)",
                        Some(false) => "No (false)",
                        None => "nothing (no Mandatory column / key)",
                    };
                    out.push(format!(
                        "{row}: mandatory: page says {}, {by} says {}",
                        show(p.mandatory),
                        show(s.mandatory)
                    ));
                }
                let page_blocks = page_blocks(&p.description, out, &row);
                let pairs = [
                    (
                        "description",
                        &page_blocks.description,
                        &s.blocks.description,
                    ),
                    (
                        "restrictions",
                        &page_blocks.restrictions,
                        &s.blocks.restrictions,
                    ),
                    ("range", &page_blocks.range, &s.blocks.range),
                    ("default", &page_blocks.default, &s.blocks.default),
                ];
                for (what, page_text, spec_text) in pairs {
                    if page_text != spec_text {
                        out.push(format!(
                            "{row}: {what}: page says {page_text:?}, {by} says {spec_text:?}"
                        ));
                    }
                }
            }
            (None, None) => unreachable!(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The comparison
// ---------------------------------------------------------------------------------------------

/// The object name in a type string: `DbssErrorResponse object` / `Array of X objects` -> name.
fn referenced_type(ty: &str) -> Option<&str> {
    ty.strip_suffix(" object").or_else(|| {
        ty.strip_prefix("Array of ")
            .and_then(|t| t.strip_suffix(" objects"))
    })
}

fn scalar_text(s: &Scalar) -> String {
    match s {
        Scalar::Int(i) => i.to_string(),
        Scalar::Str(s) => s.clone(),
    }
}

/// Compares the page and the error codes page with the spec; returns every difference.
fn differences(
    page_text: &str,
    errors_text: &str,
    op: &OperationFile,
    svc: &ServiceFile,
) -> Vec<String> {
    let mut out = Vec::new();
    let page = parse_page(page_text, &mut out);

    check_header(&page, op, &mut out);
    check_tables(&page, op, svc, &mut out);
    check_enums(op, svc, &mut out);
    check_responses(&page, op, &mut out);
    check_examples(&page, op, &mut out);
    check_error_codes(errors_text, svc, &mut out);
    out
}

fn check_header(page: &Page, op: &OperationFile, out: &mut Vec<String>) {
    let info = &op.operation;
    let src = &info.source;
    let expected_page = format!("../sources/dbss/{PAGE_FILE}");
    if src.page != expected_page {
        out.push(format!(
            "operation.source.page: spec says {:?}, the page is {expected_page:?}",
            src.page
        ));
    }
    if src.breadcrumb != page.breadcrumb {
        out.push(format!(
            "operation.source.breadcrumb: page says {:?}, spec says {:?}",
            page.breadcrumb, src.breadcrumb
        ));
    }
    if src.updated != page.updated {
        out.push(format!(
            "operation.source.updated: page says {:?}, spec says {:?}",
            page.updated, src.updated
        ));
    }
    if info.title != page.title {
        out.push(format!(
            "operation.title: page title is {:?}, spec says {:?}",
            page.title, info.title
        ));
    }
    if src.title.is_some() {
        out.push("operation.source.title: the title is written once, as operation.title".into());
    }
    // The Function section: `summary`, or the title when it says no more.
    let summary = info.summary.as_ref().unwrap_or(&info.title);
    if *summary != page.summary {
        out.push(format!(
            "operation.summary: page's Function section is {:?}, spec says {summary:?}",
            page.summary
        ));
    }
    let line = format!("{} {}", info.method.as_str(), info.path.as_str());
    if page.uri != [line.clone()] {
        out.push(format!(
            "operation.method/path: page's URI section is {:?}, spec says {line:?}",
            page.uri
        ));
    }
}

/// What encodes a page table.
enum Encoder<'a> {
    Params(&'a [ParamDef], String),
    Fields(&'a [FieldDef], String),
}

/// A type of either spec file: (file, name, definition).
type TypeEntry<'a> = (&'static str, &'a String, &'a TypeDef);

/// What encodes a request or response body table: its own fields, or nothing more than the
/// reference to a type (which then lists the caption itself).
fn body_encoder<'a>(
    body: &'a BodyDef,
    at: &str,
    table: &PageTable,
    types: &[TypeEntry<'_>],
    out: &mut Vec<String>,
) -> Option<Encoder<'a>> {
    let cap = &table.caption;
    let listed = format!("{PAGE_FILE}: {cap}");
    match (&body.fields, &body.ty) {
        (Some(fields), None) => {
            return Some(Encoder::Fields(fields, format!("list_instances.yaml {at}")));
        }
        (None, Some(ty)) => {
            let found = referenced_type(ty.as_str())
                .and_then(|name| types.iter().find(|(_, n, _)| n.as_str() == name));
            match found {
                Some((file, name, t)) => {
                    if !t.tables.contains(&listed) {
                        out.push(format!(
                            "{cap}: {at} refers to `{}`, but {file} types.{name}.tables does not list {listed:?}",
                            ty.as_str()
                        ));
                    }
                }
                None => out.push(format!(
                    "{cap}: {at} refers to `{}`, which is no type of either spec file",
                    ty.as_str()
                )),
            }
        }
        _ => out.push(format!(
            "{cap}: {at} must have exactly one of `fields` and `type`"
        )),
    }
    None
}

fn check_tables(page: &Page, op: &OperationFile, svc: &ServiceFile, out: &mut Vec<String>) {
    // Every caption, numbered 1..=PAGE_TABLES in order.
    if page.tables.len() != PAGE_TABLES {
        out.push(format!(
            "{PAGE_FILE}: expected {PAGE_TABLES} tables, found {}: {:?}",
            page.tables.len(),
            page.tables.iter().map(|t| &t.caption).collect::<Vec<_>>()
        ));
    }
    for (n, t) in (1..).zip(&page.tables) {
        if t.number != n {
            out.push(format!(
                "{PAGE_FILE} line {}: {} is table number {n} on the page",
                t.line, t.caption
            ));
        }
    }

    let mut types: Vec<TypeEntry<'_>> = Vec::new();
    for (name, t) in &op.types {
        types.push(("list_instances.yaml", name, t));
    }
    for (name, t) in &svc.types {
        if op.types.contains_key(name) {
            out.push(format!(
                "type `{name}` is defined in both list_instances.yaml and service.yaml"
            ));
        }
        types.push(("service.yaml", name, t));
    }

    // Page -> spec.
    for table in &page.tables {
        let cap = &table.caption;
        let listed = format!("{PAGE_FILE}: {cap}");
        let mut encoders: Vec<Encoder<'_>> = Vec::new();
        for (kind, params) in [
            ("path", &op.parameters.path),
            ("query", &op.parameters.query),
            ("header", &op.parameters.header),
        ] {
            if let Some(params) = params
                && params.table == *cap
            {
                if table.placement != Placement::Request {
                    out.push(format!(
                        "{cap}: encoded as parameters.{kind} but the page shows it under the responses"
                    ));
                }
                encoders.push(Encoder::Params(
                    &params.items,
                    format!("list_instances.yaml parameters.{kind}"),
                ));
            }
        }
        if let Some(req) = &op.request
            && req.table.as_deref() == Some(cap.as_str())
        {
            if table.placement != Placement::Request {
                out.push(format!(
                    "{cap}: encoded as the request body but the page shows it under the responses"
                ));
            }
            encoders.extend(body_encoder(&req.body, "request.body", table, &types, out));
        }
        for (status, resp) in &op.responses {
            if resp.table.as_deref() == Some(cap.as_str()) {
                if table.placement != Placement::Response(*status) {
                    out.push(format!(
                        "{cap}: encoded as the body of responses.{status}, but the page shows it at {:?}",
                        table.placement
                    ));
                }
                match &resp.body {
                    Some(b) => encoders.extend(body_encoder(
                        b,
                        &format!("responses.{status}.body"),
                        table,
                        &types,
                        out,
                    )),
                    None => out.push(format!(
                        "{cap}: responses.{status} names the table but has no body"
                    )),
                }
            }
        }
        for (file, name, t) in &types {
            if t.tables.contains(&listed) {
                if table.is_object_table() && table.name != **name {
                    out.push(format!(
                        "{cap}: listed by {file} types.{name}, but the page names the object `{}`",
                        table.name
                    ));
                }
                encoders.push(Encoder::Fields(&t.fields, format!("{file} types.{name}")));
            }
        }
        match encoders.as_slice() {
            [] => out.push(format!(
                "{cap} (page line {}): encoded nowhere in the spec{}",
                table.line,
                if table.is_object_table() {
                    format!(" (expected a type `{}` listing {listed:?})", table.name)
                } else {
                    String::new()
                }
            )),
            [Encoder::Params(items, by)] => {
                let rows: Vec<_> = items.iter().map(param_row).collect();
                compare_rows(table, &rows, by, out);
            }
            [Encoder::Fields(fields, by)] => {
                let rows: Vec<_> = fields.iter().map(field_row).collect();
                compare_rows(table, &rows, by, out);
            }
            several => out.push(format!(
                "{cap}: encoded more than once, by {}",
                several
                    .iter()
                    .map(|e| match e {
                        Encoder::Params(_, by) | Encoder::Fields(_, by) => by.as_str(),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    // Spec -> page: every caption the spec names is on the page; every type encodes a table.
    let captions: BTreeSet<&str> = page.tables.iter().map(|t| t.caption.as_str()).collect();
    let mut named: Vec<(String, &str)> = Vec::new();
    for (kind, params) in [
        ("path", &op.parameters.path),
        ("query", &op.parameters.query),
        ("header", &op.parameters.header),
    ] {
        if let Some(p) = params {
            named.push((format!("parameters.{kind}.table"), &p.table));
        }
    }
    if let Some(t) = op.request.as_ref().and_then(|r| r.table.as_deref()) {
        named.push(("request.table".into(), t));
    }
    for (status, resp) in &op.responses {
        if let Some(t) = resp.table.as_deref() {
            named.push((format!("responses.{status}.table"), t));
        }
    }
    for (at, cap) in named {
        if !captions.contains(cap) {
            out.push(format!("{at}: {cap:?} is no table caption of {PAGE_FILE}"));
        }
    }
    for (file, name, t) in &types {
        if t.tables.is_empty() {
            out.push(format!(
                "{file} types.{name}: lists no table, so the page does not define it"
            ));
        }
        for listed in &t.tables {
            let on_page = listed
                .strip_prefix(PAGE_FILE)
                .and_then(|r| r.strip_prefix(": "))
                .is_some_and(|cap| captions.contains(cap));
            if !on_page {
                out.push(format!(
                    "{file} types.{name}.tables: {listed:?} is no table caption of {PAGE_FILE}"
                ));
            }
        }
    }
}

fn check_enums(op: &OperationFile, svc: &ServiceFile, out: &mut Vec<String>) {
    let mut enums: BTreeMap<&str, (&str, &EnumDef)> = BTreeMap::new();
    for (name, e) in &svc.enums {
        enums.insert(name, ("service.yaml", e));
    }
    for (name, e) in &op.enums {
        if enums.insert(name, ("list_instances.yaml", e)).is_some() {
            out.push(format!(
                "enum `{name}` is defined in both list_instances.yaml and service.yaml"
            ));
        }
    }
    // (where, enum name, field type, field text) of every field that names an enumeration.
    let mut uses: Vec<(String, String, String, String)> = Vec::new();
    let mut holders: Vec<(String, &FieldDef)> = Vec::new();
    for (file, types) in [
        ("list_instances.yaml", &op.types),
        ("service.yaml", &svc.types),
    ] {
        for (name, t) in types {
            for f in &t.fields {
                holders.push((format!("{file} types.{name}.{}", f.name.value), f));
            }
        }
    }
    for (status, resp) in &op.responses {
        if let Some(fs) = resp.body.as_ref().and_then(|b| b.fields.as_ref()) {
            for f in fs {
                holders.push((format!("responses.{status}.body.{}", f.name.value), f));
            }
        }
    }
    for (at, f) in holders {
        if let Some(e) = &f.enumeration {
            uses.push((
                at,
                e.value.clone(),
                f.ty.as_str().to_owned(),
                f.description.clone(),
            ));
        } else if f.description.contains(": ") {
            // On this page, `value: meaning` is how a description lists values.
            out.push(format!(
                "{at}: the description lists values ({:?}) but the field names no enum",
                f.description
            ));
        }
    }
    for (kind, table) in [
        ("path", &op.parameters.path),
        ("query", &op.parameters.query),
        ("header", &op.parameters.header),
    ] {
        for p in table.iter().flat_map(|t| &t.items) {
            if let Some(e) = &p.enumeration {
                let text = [
                    Some(&p.description),
                    p.restrictions.as_ref(),
                    p.range.as_ref(),
                ]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join("\n");
                uses.push((
                    format!("parameters.{kind}.{}", p.name.value),
                    e.value.clone(),
                    p.ty.as_str().to_owned(),
                    text,
                ));
            }
            if let Some(c) = &p.constraints
                && let (Some(min), Some(max)) = (c.min_length, c.max_length)
            {
                let text = format!(
                    "{}\n{}",
                    p.description,
                    p.range.as_deref().unwrap_or_default()
                );
                if !text.contains(&format!("{min} to {max} characters")) {
                    out.push(format!(
                        "parameters.{kind}.{}: constraints say {min} to {max} characters, the text does not",
                        p.name.value
                    ));
                }
            }
        }
    }
    let mut used: BTreeSet<String> = BTreeSet::new();
    for (at, enum_name, ty, text) in uses {
        let Some((file, e)) = enums.get(enum_name.as_str()) else {
            out.push(format!("{at}: enum `{enum_name}` is defined nowhere"));
            continue;
        };
        used.insert(enum_name.clone());
        let place = format!("{file} enums.{enum_name} (used by {at})");
        if e.ty.as_str() != ty {
            out.push(format!(
                "{place}: type {:?}, but the field's type is {ty:?}",
                e.ty.as_str()
            ));
        }
        if let Some(d) = &e.description
            && !text.starts_with(d.as_str())
        {
            out.push(format!(
                "{place}: description {d:?} does not open the field's description {text:?}"
            ));
        }
        // Each value is written `value: meaning` in the description, one per ": ".
        let listed = text.matches(": ").count();
        if listed != e.values.len() {
            out.push(format!(
                "{place}: {} values, but the field's description lists {listed}: {text:?}",
                e.values.len()
            ));
        }
        for v in &e.values {
            let value = scalar_text(&v.value.value);
            match (&v.value.value, e.ty.as_str()) {
                (Scalar::Int(_), "Integer") | (Scalar::Str(_), "String") => {}
                _ => out.push(format!(
                    "{place}: value {value:?} does not fit type {:?}",
                    e.ty.as_str()
                )),
            }
            let written = format!("{value}: {}", v.description.as_deref().unwrap_or(""));
            if !text.contains(&written) {
                out.push(format!(
                    "{place}: value {value}: the field's description does not say {written:?}"
                ));
            }
        }
    }
    for (name, (file, _)) in &enums {
        if !used.contains(*name) {
            out.push(format!("{file} enums.{name}: no field uses it"));
        }
    }
}

fn check_responses(page: &Page, op: &OperationFile, out: &mut Vec<String>) {
    // The Status Codes table: one response per row, with its description.
    let page_rows: Vec<(u16, &str)> = page
        .status_codes
        .iter()
        .map(|(s, d)| (*s, d.as_str()))
        .collect();
    let page_statuses: BTreeMap<u16, &str> = page_rows.iter().copied().collect();
    for (status, resp) in &op.responses {
        match page_statuses.get(status) {
            Some(d) if *d == resp.description => {}
            Some(d) => out.push(format!(
                "responses.{status}.description: Status Codes says {d:?}, spec says {:?}",
                resp.description
            )),
            None => out.push(format!(
                "responses.{status}: no such row in the page's Status Codes table"
            )),
        }
    }
    for status in page_statuses.keys() {
        if !op.responses.contains_key(status) {
            out.push(format!(
                "Status Codes row {status}: no responses.{status} in the spec"
            ));
        }
    }
    // Each "Status code: N" of Response Parameters: responses.N.table is its first table.
    for (status, first) in &page.response_headings {
        let spec = op.responses.get(status).and_then(|r| r.table.as_deref());
        if spec != first.as_deref() {
            out.push(format!(
                "Response Parameters, Status code: {status}: the page's body table is {first:?}, responses.{status}.table is {spec:?}"
            ));
        }
    }
    for (status, resp) in &op.responses {
        if resp.table.is_some() && !page.response_headings.iter().any(|(s, _)| s == status) {
            out.push(format!(
                "responses.{status}.table: the page has no `Status code: {status}` under Response Parameters"
            ));
        }
    }
    if op.error_codes.as_deref() != Some(page.error_codes.as_str()) {
        out.push(format!(
            "error_codes: the page's Error Codes section is {:?}, spec says {:?}",
            page.error_codes, op.error_codes
        ));
    }
}

fn check_examples(page: &Page, op: &OperationFile, out: &mut Vec<String>) {
    let reqs = &op.examples.requests;
    if reqs.len() != page.example_requests.len() {
        out.push(format!(
            "examples.requests: page has {}, spec has {}",
            page.example_requests.len(),
            reqs.len()
        ));
    }
    for (i, (p, s)) in page.example_requests.iter().zip(reqs).enumerate() {
        if p.line != s.line {
            out.push(format!(
                "examples.requests[{i}].line: page says {:?}, spec says {:?}",
                p.line, s.line
            ));
        }
        if p.description != s.description {
            out.push(format!(
                "examples.requests[{i}].description: page says {:?}, spec says {:?}",
                p.description, s.description
            ));
        }
        if p.body != s.body {
            out.push(format!(
                "examples.requests[{i}].body: page says {:?}, spec says {:?}",
                p.body, s.body
            ));
        }
    }
    let resps = &op.examples.responses;
    if resps.len() != page.example_responses.len() {
        out.push(format!(
            "examples.responses: page has {}, spec has {}",
            page.example_responses.len(),
            resps.len()
        ));
    }
    for (i, (p, s)) in page.example_responses.iter().zip(resps).enumerate() {
        let at = format!("examples.responses[{i}] (status {})", p.status);
        if p.status != s.status {
            out.push(format!(
                "{at}.status: page says {}, spec says {}",
                p.status, s.status
            ));
        }
        if p.description != s.description {
            out.push(format!(
                "{at}.description: page says {:?}, spec says {:?}",
                p.description, s.description
            ));
        }
        match &p.body {
            Some(body) => {
                if serde_json::from_str::<serde_json::Value>(body).is_err() {
                    out.push(format!("{at}: the page's example body is not JSON"));
                }
                if *body != s.body.value {
                    let first = body
                        .lines()
                        .zip(s.body.value.lines())
                        .position(|(a, b)| a != b)
                        .unwrap_or_else(|| body.lines().count().min(s.body.value.lines().count()));
                    out.push(format!(
                        "{at}.body differs from the page's JSON, from body line {}: page {:?}, spec {:?}",
                        first + 1,
                        body.lines().nth(first),
                        s.body.value.lines().nth(first)
                    ));
                }
            }
            None => out.push(format!("{at}: the page shows no body, spec has one")),
        }
    }
}

fn check_error_codes(errors_text: &str, svc: &ServiceFile, out: &mut Vec<String>) {
    let file = "error-codes.txt";
    let lines: Vec<&str> = errors_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let Some(codes) = &svc.error_codes else {
        out.push("service.yaml: no error_codes".into());
        return;
    };
    if codes.source.page != format!("../sources/dbss/{file}") {
        out.push(format!(
            "service.yaml error_codes.source.page: {:?} is not {file}",
            codes.source.page
        ));
    }
    let breadcrumb: Vec<String> = lines
        .first()
        .map(|l| l.split("/ ").map(str::to_string).collect())
        .unwrap_or_default();
    if codes.source.breadcrumb != breadcrumb {
        out.push(format!(
            "service.yaml error_codes.source.breadcrumb: {file} says {breadcrumb:?}, spec says {:?}",
            codes.source.breadcrumb
        ));
    }
    let title = lines.get(1).copied().unwrap_or_default();
    if codes.source.title.as_deref() != Some(title) {
        out.push(format!(
            "service.yaml error_codes.source.title: {file} says {title:?}, spec says {:?}",
            codes.source.title
        ));
    }
    if codes.source.updated.is_some() {
        out.push(format!(
            "service.yaml error_codes.source.updated: {file} has no date"
        ));
    }
    let header = "Status Code\tError Code\tMessage\tDescription\tMeasure";
    if lines.get(2).copied() != Some(header) {
        out.push(format!(
            "{file}: expected the header {header:?}, found {:?}",
            lines.get(2)
        ));
    }
    let rows = lines.get(3..).unwrap_or_default();
    if rows.len() != codes.codes.len() {
        out.push(format!(
            "service.yaml error_codes.codes: {file} has {} rows, spec has {}",
            rows.len(),
            codes.codes.len()
        ));
    }
    for (n, (row, spec)) in (1..).zip(rows.iter().zip(&codes.codes)) {
        let cells: Vec<&str> = row.split('\t').map(str::trim).collect();
        if cells.len() != 5 {
            out.push(format!(
                "{file} row {n}: {} cells, not 5: {row:?}",
                cells.len()
            ));
            continue;
        }
        let at = format!("{file} row {n} `{}`", cells[1]);
        let status = spec.status.to_string();
        for (what, page, ours) in [
            ("status", cells[0], status.as_str()),
            ("code", cells[1], spec.code.value.as_str()),
            ("message", cells[2], spec.message.as_str()),
            ("description", cells[3], spec.description.as_str()),
            ("measure", cells[4], spec.measure.as_str()),
        ] {
            if page != ours {
                out.push(format!(
                    "{at}: {what}: {file} says {page:?}, service.yaml says {ours:?}"
                ));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

fn assert_no_differences(diffs: &[String]) {
    assert!(
        diffs.is_empty(),
        "the spec and {PAGE_FILE} / error-codes.txt differ ({} differences):\n  {}",
        diffs.len(),
        diffs.join("\n  ")
    );
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
    assert_no_differences(&differences(&i.page, &i.errors, &i.op, &i.svc));
}

#[test]
fn page_has_all_fifteen_tables() {
    let i = inputs();
    let mut problems = Vec::new();
    let page = parse_page(&i.page, &mut problems);
    assert_no_differences(&problems);
    let captions: Vec<&str> = page.tables.iter().map(|t| t.caption.as_str()).collect();
    assert_eq!(
        captions,
        [
            "Table 1 Path Parameters",
            "Table 2 Request header parameters",
            "Table 3 Response body parameters",
            "Table 4 Cluster",
            "Table 5 InstanceActivateInfo",
            "Table 6 ServerList",
            "Table 7 ResponseServer",
            "Table 8 Response body parameters",
            "Table 9 DbssErrorDetail",
            "Table 10 Response body parameters",
            "Table 11 DbssErrorDetail",
            "Table 12 Response body parameters",
            "Table 13 DbssErrorDetail",
            "Table 14 Response body parameters",
            "Table 15 DbssErrorDetail",
        ]
    );
    let with_mandatory: Vec<bool> = page.tables.iter().map(|t| t.has_mandatory).collect();
    assert_eq!(
        with_mandatory,
        [[true; 2].as_slice(), &[false; 13]].concat()
    );
    let rows: Vec<usize> = page.tables.iter().map(|t| t.rows.len()).collect();
    assert_eq!(rows, [1, 1, 1, 16, 5, 2, 22, 4, 2, 4, 2, 4, 2, 4, 2]);
    // The `error_code` rows, whose description is "Error Codes", are not cut off.
    assert_eq!(page.tables[7].rows[2].description, ["Error Codes"]);
    assert_eq!(page.tables[7].rows[3].name, "error_msg");
    assert_eq!(
        page.tables[3].rows[1].description,
        [
            "Billing mode. The options are as follows:",
            "• Period: yearly/monthly",
            "• Demand: on-demand"
        ]
    );
}

#[test]
fn checker_reports_a_changed_type() {
    let mut i = inputs();
    let cluster = i.op.types.get_mut("Cluster").unwrap();
    let created = cluster
        .fields
        .iter_mut()
        .find(|f| f.name.value == "created")
        .unwrap();
    created.ty = codegen::spec::Parsed::new("Integer");
    let diffs = differences(&i.page, &i.errors, &i.op, &i.svc);
    assert_reports(
        &diffs,
        &[
            "Table 4 Cluster",
            "row 4 `created`",
            "type",
            "\"Long\"",
            "\"Integer\"",
        ],
    );
}

#[test]
fn checker_reports_changed_rows_and_texts() {
    let base = inputs();

    // A description of a shared type: all four tables it encodes differ.
    let mut i = inputs();
    i.svc.types.get_mut("DbssErrorDetail").unwrap().fields[1].description = "PDP5 error".into();
    let diffs = differences(&i.page, &i.errors, &i.op, &i.svc);
    for table in ["Table 9 ", "Table 11 ", "Table 13 ", "Table 15 "] {
        assert_reports(&diffs, &[table, "row 2 `error_msg`", "description"]);
    }

    // Mandatory and a newer-template block of a parameter.
    let mut i = inputs();
    let header = i.op.parameters.header.as_mut().unwrap();
    header.items[0].mandatory = false;
    header.items[0].range = None;
    let diffs = differences(&i.page, &i.errors, &i.op, &i.svc);
    assert_reports(
        &diffs,
        &[
            "Table 2 Request header parameters",
            "X-Auth-Token",
            "mandatory",
        ],
    );
    assert_reports(
        &diffs,
        &["Table 2 Request header parameters", "X-Auth-Token", "range"],
    );

    // Two rows swapped.
    let mut i = inputs();
    i.op.types.get_mut("ServerList").unwrap().fields.swap(0, 1);
    let diffs = differences(&i.page, &i.errors, &i.op, &i.svc);
    assert_reports(&diffs, &["Table 6 ServerList", "row 1 `server`", "name"]);

    // A row dropped.
    let mut i = inputs();
    i.op.types.get_mut("ResponseServer").unwrap().fields.pop();
    let diffs = differences(&i.page, &i.errors, &i.op, &i.svc);
    assert_reports(
        &diffs,
        &["Table 7 ResponseServer", "`server_id`", "missing"],
    );

    // A table no longer listed by its type.
    let mut i = inputs();
    i.svc
        .types
        .get_mut("DbssErrorResponse")
        .unwrap()
        .tables
        .pop();
    let diffs = differences(&i.page, &i.errors, &i.op, &i.svc);
    assert_reports(
        &diffs,
        &["Table 14 Response body parameters", "encoded nowhere"],
    );

    // A field that no longer names its enumeration.
    let mut i = inputs();
    let scene = i.op.types.get_mut("ResponseServer").unwrap();
    let scene = scene.fields.iter_mut().find(|f| f.name.value == "scene");
    scene.unwrap().enumeration = None;
    let diffs = differences(&i.page, &i.errors, &i.op, &i.svc);
    assert_reports(&diffs, &["types.ResponseServer.scene", "names no enum"]);
    assert_reports(&diffs, &["enums.Scene", "no field uses it"]);

    // An enumeration value.
    let mut i = inputs();
    i.op.enums.get_mut("Effect").unwrap().values[2].description = Some("frozen".into());
    let diffs = differences(&i.page, &i.errors, &i.op, &i.svc);
    assert_reports(&diffs, &["enums.Effect", "value 3"]);

    // One space of the example body.
    let mut i = inputs();
    i.op.examples.responses[0].body.value =
        i.op.examples.responses[0]
            .body
            .value
            .replacen("\"total\" : 2", "\"total\": 2", 1);
    let diffs = differences(&i.page, &i.errors, &i.op, &i.svc);
    assert_reports(&diffs, &["examples.responses[0]", "body line 8"]);

    // A status code and an error code.
    let mut i = inputs();
    i.op.responses.get_mut(&403).unwrap().description = "Forbidden".into();
    i.svc.error_codes.as_mut().unwrap().codes[9].measure = "Retry.".into();
    let diffs = differences(&i.page, &i.errors, &i.op, &i.svc);
    assert_reports(&diffs, &["responses.403.description", "Forbidden"]);
    assert_reports(
        &diffs,
        &["error-codes.txt row 10 `DBSS.11000000`", "measure"],
    );

    // The unchanged spec still matches.
    assert_no_differences(&differences(&base.page, &base.errors, &base.op, &base.svc));
}

#[test]
fn checker_reports_an_edited_page() {
    let i = inputs();

    let page = i.page.replace("Remaining period (days)", "Remaining days");
    let diffs = differences(&page, &i.errors, &i.op, &i.svc);
    assert_reports(
        &diffs,
        &["Table 4 Cluster", "row 16 `remain_days`", "description"],
    );

    let page = i
        .page
        .replace("master_node_id\n\nString", "master_node_id\n\nLong");
    let diffs = differences(&page, &i.errors, &i.op, &i.svc);
    assert_reports(
        &diffs,
        &["Table 5 InstanceActivateInfo", "`master_node_id`", "type"],
    );

    let page = i
        .page
        .replace("  • 2: frozen and cannot be released\n\n", "");
    let diffs = differences(&page, &i.errors, &i.op, &i.svc);
    assert_reports(
        &diffs,
        &["Table 7 ResponseServer", "`effect`", "description"],
    );

    let errors = i.errors.replace("Check the order ID.", "Check the ID.");
    let diffs = differences(&i.page, &errors, &i.op, &i.svc);
    assert_reports(
        &diffs,
        &["error-codes.txt row 5 `DBSS.10020140`", "measure"],
    );
}
