//! The service's Error Codes page: breadcrumb, title, then a tab-separated table (`Status
//! Code`, `Error Code`, `Message`, `Description`, `Measure`), one row per line. It becomes the
//! `error_codes` section of `service.yaml`.

use crate::problem::{Problem, Problems};

/// The header of the table.
const HEADER: [&str; 5] = [
    "Status Code",
    "Error Code",
    "Message",
    "Description",
    "Measure",
];

/// Whether `text` is an error codes page (its table header is among its first lines).
pub fn is_error_codes_page(text: &str) -> bool {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .take(5)
        .any(|l| l.trim().starts_with("Status Code\t"))
}

/// One row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// HTTP status.
    pub status: u16,
    /// Code.
    pub code: String,
    /// Message.
    pub message: String,
    /// Description.
    pub description: String,
    /// Measure.
    pub measure: String,
}

/// The page, read.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorCodesPage {
    /// Breadcrumb.
    pub breadcrumb: Vec<String>,
    /// Title.
    pub title: String,
    /// Updated on.
    pub updated: Option<String>,
    /// Rows.
    pub rows: Vec<Row>,
}

/// Reads an error codes page; `file` names it in messages.
pub fn read(text: &str, file: &str) -> Result<ErrorCodesPage, Problems> {
    let mut problems = Problems::default();
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l))
        .collect();
    let mut i = 0;
    let mut page = ErrorCodesPage {
        breadcrumb: Vec::new(),
        title: String::new(),
        updated: None,
        rows: Vec::new(),
    };
    if let Some((_, l)) = lines.get(i)
        && l.contains("/ ")
        && !l.contains('\t')
    {
        page.breadcrumb = l.split("/ ").map(|s| s.trim().to_owned()).collect();
        i += 1;
    }
    if let Some((_, l)) = lines.get(i)
        && let Some(d) = l.trim().strip_prefix("Updated on")
    {
        page.updated = Some(d.trim().to_owned());
        i += 1;
    }
    if let Some((_, l)) = lines.get(i)
        && !l.contains('\t')
    {
        page.title = l.trim().to_owned();
        i += 1;
    }
    let header_ok = lines.get(i).is_some_and(|(_, l)| {
        let cells: Vec<&str> = l.split('\t').map(str::trim).collect();
        cells == HEADER
    });
    if !header_ok {
        let at = lines.get(i).map(|(n, _)| *n);
        problems.push(Problem::at_line(
            file,
            at,
            format!(
                "expected the error codes table header `{}` (tab-separated)",
                HEADER.join("\\t")
            ),
        ));
        return Err(problems);
    }
    i += 1;
    for &(no, l) in &lines[i..] {
        let cells: Vec<&str> = l.split('\t').map(str::trim).collect();
        if cells.len() != 5 {
            problems.push(
                Problem::at_line(
                    file,
                    Some(no),
                    format!(
                        "an error code row has {} cells, not 5 (status, code, message, description, measure)",
                        cells.len()
                    ),
                )
                .help("the page may be cut here: copy it again"),
            );
            continue;
        }
        let Ok(status) = cells[0].parse::<u16>() else {
            problems.push(Problem::at_line(
                file,
                Some(no),
                format!("`{}` is not an HTTP status", cells[0]),
            ));
            continue;
        };
        page.rows.push(Row {
            status,
            code: cells[1].to_owned(),
            message: cells[2].to_owned(),
            description: cells[3].to_owned(),
            measure: cells[4].to_owned(),
        });
    }
    if page.rows.is_empty() && problems.is_empty() {
        problems.push(Problem::at_line(
            file,
            None,
            "the error codes table has no rows",
        ));
    }
    if problems.is_empty() {
        Ok(page)
    } else {
        Err(problems)
    }
}

/// The `error_codes` section of `service.yaml`; `page_ref` is the page relative to it.
pub fn section(page: &ErrorCodesPage, page_ref: &str) -> spec_model::ErrorCodes {
    spec_model::ErrorCodes {
        source: spec_model::Source {
            page: page_ref.to_owned(),
            breadcrumb: page.breadcrumb.clone(),
            title: Some(page.title.clone()),
            updated: page.updated.clone(),
        },
        codes: page
            .rows
            .iter()
            .map(|r| spec_model::ErrorCodeRow {
                status: r.status,
                code: crate::out::spanned(&r.code),
                message: r.message.clone(),
                description: r.description.clone(),
                measure: r.measure.clone(),
            })
            .collect(),
    }
}
