//! Stage 1, read: a page's text into its parts ([`Page`]), with the line each part is on.
//!
//! A page, as a browser copies it, is a sequence of lines: the breadcrumb
//! (`Help Center/ Service/ ...`), `Updated on ...`, the title, then sections under fixed
//! headings (`Function`, `URI`, `Request Parameters`, `Response Parameters`, `Example
//! Requests`, `Example Responses`, `Status Codes`, `Error Codes`). Tables are introduced by a
//! caption (`Table 4 Cluster`), then their header cells (`Parameter`, `Mandatory`, `Type` or
//! `Parameter Type`, `Description`), then one cell per line, row after row; blank lines between
//! cells carry no meaning. A row starts where a name cell is followed by a `Yes`/`No` cell (when
//! the table has the Mandatory column) and a type cell; the description runs to the next row.
//!
//! The reader is written from that structure, not from any page's wording. It never panics: what
//! it cannot read becomes a [`Problem`] naming the line, and a page that stops before its end
//! (inside a table, inside an example, before its Status Codes) is reported as cut there.

use spec_model::Method;
use std::sync::LazyLock;

use regex::Regex;

use crate::problem::{Problem, Problems};

/// A non-blank line of the page.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number in the file.
    pub no: usize,
    /// The line trimmed.
    pub text: String,
}

/// Where a table stands on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Under `URI` or `Request Parameters`.
    Request,
    /// Under `Response Parameters`, before any `Status code: N`.
    ResponseWithoutStatus,
    /// Under `Status code: N`.
    Response(u16),
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The name cell.
    pub name: String,
    /// The Mandatory cell, where the table has that column.
    pub mandatory: Option<bool>,
    /// The type cell, as written (empty when the table has no Type column).
    pub ty: String,
    /// The description cell's lines, trimmed, blank lines dropped.
    pub description: Vec<String>,
    /// Line of the name cell.
    pub line: usize,
}

/// A table: its caption, header and rows.
#[derive(Debug, Clone)]
pub struct Table {
    /// The caption as written (`Table 4 Cluster`).
    pub caption: String,
    /// The number after `Table`.
    pub number: u32,
    /// The caption after the number (`Cluster`, `Response body parameters`).
    pub name: String,
    /// Line of the caption.
    pub line: usize,
    /// Whether the table has the Mandatory column.
    pub has_mandatory: bool,
    /// Whether the table has a Type column (the older template's tables may have none: the
    /// rows' `ty` is then empty, and the build infers it).
    pub has_type: bool,
    /// The table stands in the URI section (its parameters are the path's or the query's).
    pub in_uri: bool,
    /// The rows, in page order.
    pub rows: Vec<Row>,
    /// Where the table stands.
    pub placement: Placement,
}

/// A `Status code: N` heading under Response Parameters.
#[derive(Debug, Clone)]
pub struct ResponseSection {
    /// The status.
    pub status: u16,
    /// Line of the heading.
    pub line: usize,
    /// The section says `None` (no body).
    pub none: bool,
    /// The text between the heading and the first table (`The job has been deleted.`).
    pub text: Vec<String>,
}

/// An example request.
#[derive(Debug, Clone)]
pub struct ExampleRequest {
    /// The text above the request line.
    pub description: Option<String>,
    /// The request line, trimmed.
    pub line: String,
    /// Line number of the request line.
    pub line_no: usize,
    /// The JSON body, verbatim.
    pub body: Option<String>,
}

/// An example response.
#[derive(Debug, Clone)]
pub struct ExampleResponse {
    /// Its status (0: the page names none; the example is the success status's).
    pub status: u16,
    /// Line of its `Status code: N` heading.
    pub line: usize,
    /// The text between the heading and the body.
    pub description: Option<String>,
    /// The JSON body, verbatim.
    pub body: Option<String>,
}

/// A row of the Status Codes table.
#[derive(Debug, Clone)]
pub struct StatusRow {
    /// The status.
    pub status: u16,
    /// Its description.
    pub description: String,
    /// Line of the status cell.
    pub line: usize,
}

/// Everything a page says, as read.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The breadcrumb, one entry per level (empty when the copy has none).
    pub breadcrumb: Vec<String>,
    /// The "Updated on" date, verbatim.
    pub updated: Option<String>,
    /// The title.
    pub title: String,
    /// The Function section.
    pub summary: String,
    /// The API's name where the page gives one (the older template's `• API name`,
    /// `DeleteTopic`), and its line.
    pub api_name: Option<(String, usize)>,
    /// HTTP method of the URI section.
    pub method: String,
    /// Path of the URI section.
    pub path: String,
    /// Line of the URI line.
    pub uri_line: usize,
    /// Every table, in page order.
    pub tables: Vec<Table>,
    /// The `Status code: N` headings of Response Parameters.
    pub responses: Vec<ResponseSection>,
    /// Line of the Response Parameters heading, when there is one.
    pub response_parameters_line: Option<usize>,
    /// Example requests.
    pub example_requests: Vec<ExampleRequest>,
    /// Example responses.
    pub example_responses: Vec<ExampleResponse>,
    /// The Status Codes table's rows (`None` when the section has no table).
    pub status_codes: Option<Vec<StatusRow>>,
    /// Line of the Status Codes heading.
    pub status_codes_line: Option<usize>,
    /// The Status Codes section's text, when it has no table ("For details, see Status Codes.").
    pub status_codes_text: Option<String>,
    /// The Error Codes section, verbatim.
    pub error_codes: Option<String>,
    /// The page stops before its end (a problem says where).
    pub truncated: bool,
    /// Number of the last line.
    pub last_line: usize,
    /// What the reader inferred and the user should know (line, message): the captions it gave
    /// the tables of a Markdown copy.
    pub notes: Vec<(usize, String)>,
}

/// The fixed headings of the templates, which are also the sections the reader is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Heading {
    /// The title and what follows it before the first heading: a section, never a heading.
    #[default]
    Preamble,
    Function,
    /// A section whose content the spec does not keep (Calling Method, SDK code, ...).
    Skipped,
    /// `Constraints` before the URI (a section there; a block marker inside descriptions).
    Constraints,
    Uri,
    Request,
    Response,
    ExampleRequests,
    ExampleResponses,
    StatusCodes,
    ErrorCodes,
}

impl Heading {
    fn name(self) -> &'static str {
        match self {
            Heading::Preamble => "title",
            Heading::Function => "Function",
            Heading::Skipped => "skipped",
            Heading::Constraints => "Constraints",
            Heading::Uri => "URI",
            Heading::Request => "Request Parameters",
            Heading::Response => "Response Parameters",
            Heading::ExampleRequests => "Example Requests",
            Heading::ExampleResponses => "Example Responses",
            Heading::StatusCodes => "Status Codes",
            Heading::ErrorCodes => "Error Codes",
        }
    }
}

fn heading(text: &str) -> Option<Heading> {
    // Headings are capitalised; a lower-case `uri` or `response` is a table cell.
    if text.trim().starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let t = text
        .trim()
        .trim_end_matches([':', '：'])
        .to_ascii_lowercase();
    Some(match t.as_str() {
        "function" | "functions" => Heading::Function,
        "calling method"
        | "authorization information"
        | "authorization"
        | "debugging"
        | "example sdk code"
        | "sdk sample code"
        | "sdk code examples"
        | "example code" => Heading::Skipped,
        "constraints" => Heading::Constraints,
        "uri" => Heading::Uri,
        // The older template's `Request` / `Response` sections hold what the newer one's
        // `Request Parameters` / `Response Parameters` do (and, under bullets, examples).
        "request parameters" | "request parameter" | "request" | "requests" => Heading::Request,
        "response parameters" | "response parameter" | "response" | "responses" => {
            Heading::Response
        }
        "example requests" | "example request" | "request example" | "request examples"
        | "example" | "examples" => Heading::ExampleRequests,
        "example responses" | "example response" | "response example" | "response examples" => {
            Heading::ExampleResponses
        }
        "status codes" | "status code" | "returned value" | "returned values" => {
            Heading::StatusCodes
        }
        "error codes" | "error code" => Heading::ErrorCodes,
        _ => return None,
    })
}

static CAPTION: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^Table\s+(\d{1,4})(?:\s+(.*))?$").ok());
static STATUS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:http\s+)?status\s+code\s*(?:[:：]\s*|\s)(\d{3})\s*$").ok()
});

/// `Table 4 Cluster` -> (4, "Cluster").
pub fn caption(text: &str) -> Option<(u32, String)> {
    let c = CAPTION.as_ref()?.captures(text.trim())?;
    let number = c.get(1)?.as_str().parse().ok()?;
    let name = c.get(2).map_or("", |m| m.as_str()).trim().to_owned();
    Some((number, name))
}

/// `Status code: 400` -> 400.
pub fn status_heading(text: &str) -> Option<u16> {
    let c = STATUS.as_ref()?.captures(text.trim())?;
    c.get(1)?.as_str().parse().ok()
}

/// Column of a table header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Mandatory,
    Type,
    Description,
}

fn header_cell(text: &str) -> Option<Column> {
    match text.trim().to_ascii_lowercase().as_str() {
        "parameter" | "name" | "parameter name" => Some(Column::Name),
        "mandatory" | "required" => Some(Column::Mandatory),
        "type" | "parameter type" | "data type" => Some(Column::Type),
        "description" => Some(Column::Description),
        _ => None,
    }
}

/// A cell that can be a parameter or field name.
pub fn is_name_cell(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$' || c == '@')
        && s.len() <= 128
        && chars.all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']' | '$' | '@')
        })
}

/// A header a client sends or a server answers with, not a body field.
pub fn is_header_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("x-")
        || matches!(
            n.as_str(),
            "content-type"
                | "authorization"
                | "accept"
                | "accept-language"
                | "user-agent"
                | "host"
                | "content-length"
        )
}

/// An object name (`Cluster`, `ResourceTagInfoBean`).
pub fn is_object_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A cell of the Type column.
pub fn is_type_cell(s: &str) -> bool {
    const SCALARS: &[&str] = &[
        "string",
        "integer",
        "int",
        "long",
        "boolean",
        "float",
        "double",
        "number",
        "object",
        "bigdecimal",
        "file",
        "array",
    ];
    let s = s.trim();
    SCALARS.contains(&s.to_ascii_lowercase().as_str())
        || s.strip_prefix("Array of ")
            .is_some_and(|r| !r.trim().is_empty() && !r.contains(". "))
        || (s.starts_with("Map<") && s.ends_with('>'))
        || s.strip_suffix(" object").is_some_and(is_object_name)
}

/// `DELETE https://DDS endpoint/v3/...`: a request line whose host is a placeholder written
/// with spaces, as `DELETE https://{endpoint}/v3/...`.
fn endpoint_placeholder(text: &str) -> Option<String> {
    let (method, rest) = text.split_once(' ')?;
    method.parse::<Method>().ok()?;
    let (scheme, after) = rest.split_once("://")?;
    let slash = after.find('/')?;
    let host = &after[..slash];
    // `DDS endpoint`, `{ECS Endpoint}`: a placeholder written as words.
    let braced = host.starts_with('{') && host.ends_with('}') && host.matches('{').count() == 1;
    (host.contains(' ') && (braced || !host.contains(['{', '}'])))
        .then(|| format!("{method} {scheme}://{{endpoint}}{}", &after[slash..]))
}

/// The first header cell of a Status Codes table (`Status Code`, or `Returned Values` in the
/// older template).
fn is_status_header(s: &str) -> bool {
    matches!(
        s.trim().to_ascii_lowercase().as_str(),
        "status code" | "returned value" | "returned values"
    )
}

/// `None`, `None.`, `N/A`: the section or example has nothing.
fn is_none(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    t.eq_ignore_ascii_case("none") || t.eq_ignore_ascii_case("n/a")
}

fn is_request_line(s: &str) -> bool {
    s.starts_with('/')
        || s.split_once(' ').is_some_and(|(m, rest)| {
            m.parse::<Method>().is_ok() && (rest.starts_with('/') || rest.starts_with("http"))
        })
}

/// A bulleted sub-heading of the older template (`• URI format`, `• Parameter description`,
/// `• Example response`): it ends the table above it and says what follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    /// `• URI format`: the method and path follow.
    UriFormat,
    /// A table (often untitled) or `None` follows: `• Parameter description`, `• Request
    /// parameters`, `• Request filter parameters`, `• Parameters in the error field`, `• Normal
    /// response`, `• Request body`, `• Request header`.
    Parameters,
    /// `• Example request` (`• Request` under an `Example` heading).
    ExampleRequest,
    /// `• Example response`, `• Response example`, `• Example normal response` (`• Response`
    /// under an `Example` heading).
    ExampleResponse,
    /// `• Abnormal response`, `• Failure response`: an error's example, or a pointer elsewhere.
    Abnormal,
    /// `• API name`: the operation's name follows (the import takes its id from the flag).
    ApiName,
    /// `• Function`: the summary follows.
    Function,
}

/// The older template's sub-heading on `text`, if it is one. `in_example`: under an
/// `Example` heading, where `• Request` and `• Response` head the examples.
fn label(text: &str, in_example: bool) -> Option<Label> {
    let rest = text.strip_prefix('•')?.trim();
    let l = rest.trim_end_matches([':', '.', '：']).to_ascii_lowercase();
    let words = l.split_whitespace().count();
    Some(match l.as_str() {
        "uri format" => Label::UriFormat,
        "api name" => Label::ApiName,
        "function" => Label::Function,
        "request" if in_example => Label::ExampleRequest,
        "response" if in_example => Label::ExampleResponse,
        "abnormal response"
        | "failure response"
        | "error response"
        | "example abnormal response" => Label::Abnormal,
        "parameter description"
        | "parameters"
        | "request body"
        | "request header"
        | "response body"
        | "normal response" => Label::Parameters,
        _ if words <= 5 && l.contains("example") && l.contains("request") => Label::ExampleRequest,
        _ if words <= 5 && l.contains("example") && l.contains("response") => {
            Label::ExampleResponse
        }
        _ if words <= 4 && (l.ends_with(" parameters") || l.ends_with(" parameter")) => {
            Label::Parameters
        }
        _ if words <= 6 && l.starts_with("parameters in the ") && l.ends_with(" field") => {
            Label::Parameters
        }
        _ => return None,
    })
}

/// A request line of an example (`POST https://{endpoint}/v2/...`), and the body written on it
/// (`POST https://... { "password" : "..." }`).
fn request_line(text: &str) -> (String, Option<String>) {
    let text = endpoint_placeholder(text).unwrap_or_else(|| text.to_owned());
    let split = text.find([' ', '\t']).and_then(|s| {
        let k = s + 1 + text[s + 1..].find([' ', '\t'])?;
        let rest = text[k..].trim_start();
        (rest.starts_with(['{', '[']) && serde_json::from_str::<serde_json::Value>(rest).is_ok())
            .then(|| (text[..k].trim_end().to_owned(), Some(rest.to_owned())))
    });
    split.unwrap_or((text, None))
}

/// `curl -i -k -H "X-Auth-Token:$token" -X HEAD https://host/v3/auth/tokens`: the request line
/// (`HEAD https://host/v3/auth/tokens`) and the body (`-d '{...}'`) of a `curl` command.
fn curl_request(text: &str) -> Option<(String, Option<String>)> {
    let rest = text.strip_prefix("curl ")?;
    // The command's words, with '...' and "..." quoting (no escapes: enough for a page's
    // example; a word that does not close runs to the end).
    let mut words = Vec::new();
    let mut chars = rest.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            if c == '\'' || c == '"' {
                for d in chars.by_ref() {
                    if d == c {
                        break;
                    }
                    word.push(d);
                }
            } else {
                word.push(c);
            }
        }
        words.push(word);
    }
    let mut method = None;
    let mut url = None;
    let mut body = None;
    let mut k = 0;
    while k < words.len() {
        match words[k].as_str() {
            "-X" | "--request" => method = words.get(k + 1).cloned(),
            "-d" | "--data" | "--data-raw" | "--data-binary" => body = words.get(k + 1).cloned(),
            w if url.is_none() && (w.starts_with("https://") || w.starts_with("http://")) => {
                url = Some(w.to_owned());
            }
            _ => {}
        }
        k += 1;
    }
    let method = method.unwrap_or_else(|| if body.is_some() { "POST" } else { "GET" }.to_owned());
    method.parse::<Method>().ok()?;
    Some((format!("{method} {}", url?), body))
}

/// What the reader keeps while it walks the sections.
#[derive(Default)]
struct Walk {
    section: Heading,
    summary: Vec<String>,
    error_codes: Vec<String>,
    status_text: Vec<String>,
    /// Index into `page.responses` of the current `Status code: N`.
    current_status: Option<usize>,
    /// No table was read since the current `Status code: N`: text is the status's description.
    status_text_open: bool,
    /// The line of each `Status code: N` heading read, by status.
    status_lines: std::collections::BTreeMap<u16, usize>,
    /// Text above an example request, and its line.
    pending: Vec<String>,
    pending_line: usize,
    /// The section of the last heading (a bulleted sub-heading of the older template moves the
    /// reader into an example and back).
    parent: Heading,
    /// A bulleted `• Example response` was just read: what follows is a new example, of the
    /// status it names or, where it names none, of the success status.
    example_open: bool,
}

struct Reader<'a> {
    file: &'a str,
    /// What the page's overrides decide about what it leaves open.
    decisions: &'a Decisions,
    /// Every line of the file, as written.
    raw: Vec<&'a str>,
    /// The non-blank lines.
    ls: Vec<Line>,
    /// Index (in `ls`) of the last line that can only be structure: a caption, a status heading
    /// or a heading other than Error Codes. "Error Codes" is a heading only after it (before, it
    /// is a description cell, as in the error tables).
    last_structure: Option<usize>,
    problems: Problems,
    page: Page,
    uri_seen: bool,
    /// The reader is in the URI section.
    in_uri: bool,
    seen: Vec<(Heading, usize)>,
}

/// A message that quotes page text, cut to a readable length (a 5 MB line of a page must not
/// become a 5 MB message).
fn shorten(message: String) -> String {
    const MAX_CHARS: usize = 400;
    let n = message.chars().count();
    if n <= MAX_CHARS {
        return message;
    }
    let mut short: String = message.chars().take(MAX_CHARS).collect();
    short.push_str(&format!("… ({} more characters)", n - MAX_CHARS));
    short
}

/// The lines before the website's footer (`Feedback`, `Was this page helpful?`, `Last
/// Article: ...`), which a copy of the whole page ends in; only after the Error Codes (or Status
/// Codes) heading, where no table can hold such a line.
fn without_footer(mut ls: Vec<Line>) -> Vec<Line> {
    let is_footer = |t: &str| {
        t == "Feedback"
            || t.starts_with("Was this page helpful?")
            || t.starts_with("Did this article solve your problem?")
            || t.starts_with("Last Article:")
            || t.starts_with("Next Article:")
    };
    let last_heading = ls.iter().rposition(|l| {
        matches!(
            heading(&l.text),
            Some(Heading::ErrorCodes | Heading::StatusCodes)
        )
    });
    if let Some(h) = last_heading
        && let Some(f) = ls[h..].iter().position(|l| is_footer(&l.text))
    {
        ls.truncate(h + f);
    }
    ls
}

/// Markdown copies of a page (`| Parameter | Mandatory | Type | Description |` rows, or one
/// cell a line ending in ` |`, with `|---|---|` separators and no table captions), turned into
/// the browser copy's form: one cell a line, and a caption above each table of the URI, Request
/// and Response Parameters sections, named from where it stands and what its rows are.
mod markdown {
    use std::sync::LazyLock;

    use regex::Regex;

    use super::{Heading, Line, heading, is_header_name, is_type_cell};

    static SEPARATOR: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$").ok());

    fn separator_columns(t: &str) -> Option<usize> {
        let re = SEPARATOR.as_ref()?;
        (t.contains('|') && re.is_match(t))
            .then(|| t.split('|').filter(|c| c.contains('-')).count())
    }

    /// `DELETE https://iam.myhuaweicloud.com/v3/users/{user_id} Example Response`: a request
    /// line and the next heading, which the copy put on one line, as two lines.
    fn heading_split(l: Line) -> Vec<Line> {
        for h in [
            "Example Response",
            "Example Responses",
            "Response Parameters",
        ] {
            if let Some(before) = l.text.strip_suffix(h)
                && before.ends_with(' ')
                && super::is_request_line(before.trim())
            {
                return vec![
                    Line {
                        no: l.no,
                        text: before.trim().to_owned(),
                    },
                    Line {
                        no: l.no,
                        text: h.to_owned(),
                    },
                ];
            }
        }
        vec![l]
    }

    /// A table found at a separator line: where its header cells start in the output, where it
    /// stands.
    struct Found {
        at: usize,
        columns: usize,
        section: Option<Heading>,
        /// The status heading it is under, and whether it is that status's first table.
        first_of_status: bool,
        path: String,
        line: usize,
    }

    /// The page's lines as cells, and a note per caption given.
    pub(super) fn cells(ls: Vec<Line>) -> (Vec<Line>, Vec<(usize, String)>) {
        if !ls.iter().any(|l| separator_columns(&l.text).is_some()) {
            return (ls, Vec::new());
        }
        let mut out: Vec<Line> = Vec::new();
        let mut found: Vec<Found> = Vec::new();
        let mut section = None;
        let mut status_tables = 0;
        let mut path = String::new();
        let mut numbers = Vec::new();
        for l in ls.into_iter().flat_map(heading_split) {
            let t = l.text.as_str();
            if let Some(h) = heading(t) {
                section = Some(h);
                status_tables = 0;
            }
            if super::status_heading(t).is_some() {
                status_tables = 0;
            }
            if section == Some(Heading::Uri)
                && let Some((_, p)) = t.split_once(' ')
                && p.starts_with('/')
            {
                path = p.to_owned();
            }
            if let Some(columns) = separator_columns(t) {
                status_tables += 1;
                found.push(Found {
                    at: out.len().saturating_sub(columns),
                    columns,
                    section,
                    first_of_status: status_tables == 1,
                    path: path.clone(),
                    line: l.no,
                });
                continue;
            }
            if t == "|" {
                continue;
            }
            if t.len() > 1 && t.starts_with('|') && t.ends_with('|') {
                for cell in t[1..t.len() - 1].split('|') {
                    let cell = cell.trim();
                    if !cell.is_empty() {
                        out.push(Line {
                            no: l.no,
                            text: cell.to_owned(),
                        });
                    }
                }
                continue;
            }
            let text = t.strip_suffix('|').unwrap_or(t).trim();
            if matches!(
                section,
                Some(Heading::ExampleRequests | Heading::ExampleResponses)
            ) && is_code_line_numbers(text)
            {
                numbers.push((
                    l.no,
                    format!(
                        "the example's code line numbers (`{text}`), copied with it, are left out"
                    ),
                ));
                continue;
            }
            if !text.is_empty() {
                out.push(Line {
                    no: l.no,
                    text: text.to_owned(),
                });
            }
        }
        let mut notes = numbers;
        let mut number = 0;
        let mut captions = Vec::new();
        for (k, f) in found.iter().enumerate() {
            let end = found.get(k + 1).map_or(out.len(), |n| n.at);
            let Some(name) = name_of(f, &out[f.at.min(end)..end]) else {
                continue;
            };
            number += 1;
            let caption = format!("Table {number} {name}");
            notes.push((
                f.line,
                format!(
                    "a Markdown table without its caption: read as `{caption}` (from its section and its rows)"
                ),
            ));
            let no = out.get(f.at).map_or(f.line, |l| l.no);
            captions.push((f.at, Line { no, text: caption }));
        }
        // Merged in one pass (inserting one by one would be quadratic in a hostile page).
        captions.sort_by_key(|(at, _)| *at);
        let mut merged = Vec::with_capacity(out.len() + captions.len());
        let mut captions = captions.into_iter().peekable();
        for (k, line) in out.into_iter().enumerate() {
            while let Some((_, caption)) = captions.next_if(|(at, _)| *at <= k) {
                merged.push(caption);
            }
            merged.push(line);
        }
        merged.extend(captions.map(|(_, caption)| caption));
        (merged, notes)
    }

    /// `1 2 3 ... 26` (or `1`): the line numbers of a code block, which a Markdown copy puts in
    /// a cell of their own before the example.
    fn is_code_line_numbers(text: &str) -> bool {
        let mut n = 0usize;
        for word in text.split_whitespace() {
            n += 1;
            if word.parse::<usize>().ok() != Some(n) {
                return false;
            }
        }
        n > 0
    }

    /// The caption's name for a table of `cells` (its header cells first).
    fn name_of(f: &Found, cells: &[Line]) -> Option<&'static str> {
        let body = cells.get(f.columns..).unwrap_or_default();
        let mandatory = cells
            .iter()
            .take(f.columns)
            .any(|c| c.text.eq_ignore_ascii_case("mandatory"));
        let names: Vec<&str> = body
            .windows(2)
            .filter(|w| {
                super::is_name_cell(&w[0].text)
                    && if mandatory {
                        matches!(w[1].text.as_str(), "Yes" | "No")
                    } else {
                        is_type_cell(&w[1].text)
                    }
            })
            .map(|w| w[0].text.as_str())
            .collect();
        let headers = !names.is_empty() && names.iter().all(|n| is_header_name(n));
        Some(match f.section? {
            Heading::Uri => {
                let in_path = |n: &&str| f.path.contains(&format!("{{{n}}}"));
                if names.iter().all(in_path) {
                    "Path Parameters"
                } else if !names.iter().any(in_path) {
                    "Query Parameters"
                } else {
                    "(path and query parameters in one table)"
                }
            }
            Heading::Request if headers => "Request header parameters",
            Heading::Request => "Request body parameters",
            Heading::Response if !f.first_of_status => "(object table)",
            Heading::Response if headers => "Response header parameters",
            Heading::Response => "Response body parameters",
            _ => return None,
        })
    }
}

/// What a person decided about a page where the page leaves it open (the page-level keys of
/// its overrides, `crate::overrides`): the reader applies them, and a refusal they would settle
/// names them.
#[derive(Debug, Clone, Default)]
pub struct Decisions {
    /// `uri: GET /v2`: the method and path of a page that has no URI section.
    pub uri: Option<String>,
    /// `complete: true`: the copy is the whole page, though it ends after its examples with
    /// neither a Status Codes nor an Error Codes section.
    pub complete: bool,
    /// `response_status: 400`: the status of the Response section's tables and of the example
    /// response bodies that stand under no status (each body then one example of it).
    pub response_status: Option<u16>,
    /// `nested: { version: [id, links] }`: the rows after a row of objects that are its
    /// fields, where the copy put them in the table that holds it.
    pub nested: std::collections::BTreeMap<String, Vec<String>>,
    /// How messages name the overrides file (`spec/bms/overrides/show_api_version.yaml`).
    pub file: String,
}

impl Decisions {
    /// `the overrides (spec/x/overrides/y.yaml)`, as a refusal's help names the file.
    fn file_phrase(&self) -> String {
        if self.file.is_empty() {
            "the page's overrides file (`--overrides`)".to_owned()
        } else {
            format!("the page's overrides ({})", self.file)
        }
    }
}

/// Reads a page. `file` is how messages name it. Returns the page, and the problems that stop
/// an import (the page is still returned, as far as it could be read, for a partial import).
pub fn read(text: &str, file: &str) -> (Page, Problems) {
    read_with(text, file, &Decisions::default())
}

/// [`read`], with what the page's overrides decide about what it leaves open.
pub fn read_with(text: &str, file: &str, decisions: &Decisions) -> (Page, Problems) {
    // A page saved by some editors starts with a byte order mark: it is not text of the first
    // line. CRLF line endings are handled by `lines`.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: Vec<&str> = text.lines().collect();
    let ls: Vec<Line> = raw
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| Line {
            no: i + 1,
            text: l.trim().to_owned(),
        })
        .collect();
    let (ls, notes) = markdown::cells(ls);
    let ls = without_footer(ls);
    let mut last_structure = None;
    for (i, l) in ls.iter().enumerate() {
        // The caption of a Status Codes table (`Table 3 Status code`, then `Status Code`), and
        // a sentence about a table above its caption, do not end the page's structure.
        let next = ls.get(i + 1).map(|l| l.text.as_str());
        let status_table = next.is_some_and(|t| is_status_header(t) || caption(t).is_some());
        let structural = (caption(&l.text).is_some() && !status_table)
            || status_heading(&l.text).is_some()
            || heading(&l.text).is_some_and(|h| {
                !matches!(
                    h,
                    Heading::ErrorCodes | Heading::Constraints | Heading::StatusCodes
                )
            });
        if structural {
            last_structure = Some(i);
        }
    }
    let mut r = Reader {
        file,
        decisions,
        raw,
        ls,
        last_structure,
        problems: Problems::default(),
        page: Page::default(),
        uri_seen: false,
        in_uri: false,
        seen: Vec::new(),
    };
    r.page.last_line = r.ls.last().map_or(0, |l| l.no);
    r.page.notes = notes;
    r.read();
    r.nest();
    r.check_flattened();
    (r.page, r.problems)
}

/// Whether a type cell is of objects (`Object`, `Array of objects`).
fn is_object_cell(ty: &str) -> bool {
    let ty = ty.to_ascii_lowercase();
    ty == "object" || ty == "array of objects"
}

impl Reader<'_> {
    fn problem(&mut self, line: Option<usize>, message: impl Into<String>) {
        self.problems
            .push(Problem::at_line(self.file, line, shorten(message.into())));
    }

    fn problem_help(&mut self, line: Option<usize>, message: impl Into<String>, help: &str) {
        self.problems
            .push(Problem::at_line(self.file, line, shorten(message.into())).help(help));
    }

    fn cut(&mut self, line: usize, message: String) {
        self.page.truncated = true;
        self.problem_help(
            Some(line),
            message,
            "the copy of the page was cut: copy the whole page again (through its Status Codes and Error Codes sections) and import it again, or pass --partial to write what was read, marked incomplete",
        );
    }

    /// [`cut`](Self::cut) at the page's last line, which `message` is given.
    fn cut_at_end(&mut self, message: impl FnOnce(usize) -> String) {
        let last = self.page.last_line;
        self.cut(last, message(last));
    }

    /// The heading at `i`, given where the reader is.
    fn heading_at(&self, i: usize) -> Option<Heading> {
        if self.seen.is_empty()
            && !self.uri_seen
            && self.ls[i].text.trim_end_matches(':') == "Description"
        {
            // The older template's first section: `Description`, `• API name`, `• Function`.
            return Some(Heading::Function);
        }
        let h = heading(&self.ls[i].text)?;
        match h {
            Heading::Constraints if self.uri_seen => None,
            Heading::Constraints => Some(Heading::Skipped),
            Heading::ErrorCodes if self.last_structure.is_some_and(|s| i < s) => None,
            Heading::StatusCodes if self.last_structure.is_some_and(|s| i < s) => {
                // "Status Code" is also a header cell; as a heading, it is followed by the
                // table header or text, and no caption comes after it.
                None
            }
            h => Some(h),
        }
    }

    /// Whether line `i` ends a table.
    fn ends_table(&self, i: usize) -> bool {
        let t = &self.ls[i].text;
        caption(t).is_some()
            || status_heading(t).is_some()
            || label(t, false).is_some()
            || self.heading_at(i).is_some()
    }

    fn read(&mut self) {
        let Some(mut i) = self.read_header() else {
            return;
        };
        let mut w = Walk::default();
        while i < self.ls.len() {
            let in_example = w.parent == Heading::ExampleRequests;
            i = match (self.heading_at(i), label(&self.ls[i].text, in_example)) {
                (Some(h), _) => self.enter_section(h, i, &mut w),
                (None, Some(l)) if w.section != Heading::ErrorCodes => {
                    self.read_label(i, l, &mut w)
                }
                _ => self.read_line(i, &mut w),
            };
        }
        self.finish(w);
    }

    /// The breadcrumb, "Updated on" and the title; the index after them, or `None` when the
    /// page has nothing else.
    fn read_header(&mut self) -> Option<usize> {
        if self.ls.is_empty() {
            self.problem(None, "the page is empty");
            self.page.truncated = true;
            return None;
        }
        let mut i = 0;
        // Breadcrumb, Updated on, title.
        let first = self.ls[0].text.clone();
        if !first.starts_with("Updated on") && first.contains("/ ") && heading(&first).is_none() {
            self.page.breadcrumb = first.split("/ ").map(|s| s.trim().to_owned()).collect();
            i += 1;
        }
        if let Some(l) = self.ls.get(i)
            && let Some(date) = l.text.strip_prefix("Updated on")
        {
            self.page.updated = Some(date.trim().to_owned());
            i += 1;
        }
        match self.ls.get(i) {
            Some(l) if heading(&l.text).is_none() && caption(&l.text).is_none() => {
                self.page.title = l.text.clone();
                i += 1;
            }
            Some(l) => {
                let no = l.no;
                self.problem(
                    Some(no),
                    format!(
                        "expected the page title, found `{}`",
                        self.ls[i].text.clone()
                    ),
                );
            }
            None => {
                self.cut_at_end(|no| format!("the page ends at line {no}, before its title"));
                return None;
            }
        }
        Some(i)
    }

    /// Opens the section whose heading is at `i`; returns the index after what it consumed.
    fn enter_section(&mut self, h: Heading, i: usize, w: &mut Walk) -> usize {
        let mut i = i;
        self.close_section(w.section, &mut w.pending, w.pending_line);
        let no = self.ls[i].no;
        // `Request` then `Request parameters`, `Example Response` then `Example response`: the
        // older template's section and its sub-heading, one section.
        let restated = i > 0 && heading(&self.ls[i - 1].text) == Some(h);
        if h != Heading::Skipped && !restated {
            if let Some((_, prev)) = self.seen.iter().find(|(s, _)| *s == h) {
                let prev = *prev;
                self.problem(
                    Some(no),
                    format!(
                        "a second `{}` section (the first is at line {prev})",
                        h.name()
                    ),
                );
            }
            self.seen.push((h, no));
        }
        match h {
            Heading::Uri => self.uri_seen = true,
            Heading::Response => {
                self.page.response_parameters_line = Some(no);
                w.current_status = None;
            }
            Heading::StatusCodes => self.page.status_codes_line = Some(no),
            _ => {}
        }
        // (`heading_at` gives `Constraints` as `Skipped`.)
        w.section = h;
        w.parent = w.section;
        w.example_open = false;
        self.in_uri = w.section == Heading::Uri;
        i += 1;
        if w.section == Heading::Uri {
            i = self.read_uri_line(i);
        }
        if w.section == Heading::StatusCodes {
            i = self.read_status_codes(i, &mut w.status_text);
        }
        i
    }

    /// A bulleted sub-heading of the older template at `i`; returns the index of the next line
    /// to read.
    fn read_label(&mut self, i: usize, l: Label, w: &mut Walk) -> usize {
        let at = self.ls[i].clone();
        let next = self.ls.get(i + 1).map(|l| l.text.clone());
        let next_is = |f: &dyn Fn(&str) -> bool| next.as_deref().is_some_and(f);
        match l {
            Label::UriFormat | Label::Function => i + 1,
            Label::ApiName => {
                if let Some(l) = self.ls.get(i + 1)
                    && is_object_name(&l.text)
                {
                    self.page.api_name = Some((l.text.clone(), l.no));
                }
                i + 2
            }
            Label::ExampleRequest => {
                self.switch(w, Heading::ExampleRequests);
                i + 1
            }
            Label::ExampleResponse => {
                self.switch(w, Heading::ExampleResponses);
                w.example_open = true;
                i + 1
            }
            Label::Abnormal if next_is(&|t| status_heading(t).is_some()) => {
                self.switch(w, Heading::ExampleResponses);
                w.example_open = true;
                i + 1
            }
            Label::Abnormal => {
                // `• Abnormal response`, `For details, see Abnormal Request Results.`: the
                // errors are described elsewhere.
                self.switch(w, Heading::Skipped);
                i + 1
            }
            Label::Parameters => {
                let parent = match w.parent {
                    Heading::ExampleRequests | Heading::ExampleResponses => Heading::Response,
                    p => p,
                };
                self.switch(w, parent);
                if next_is(&|t| is_request_line(t)) {
                    // `• Request header`, `DELETE https://...`: an example request.
                    self.switch(w, Heading::ExampleRequests);
                    return i + 1;
                }
                if !next_is(&|t| header_cell(t) == Some(Column::Name))
                    || !matches!(
                        w.section,
                        Heading::Uri | Heading::Request | Heading::Response
                    )
                {
                    return i + 1;
                }
                // An untitled table under the bullet: captioned from it.
                let number = self.page.tables.iter().map(|t| t.number).max().unwrap_or(0) + 1;
                let name = at.text.trim_start_matches('•').trim().trim_end_matches(':');
                let cap = Line {
                    no: at.no,
                    text: format!("Table {number} {name}"),
                };
                self.page.notes.push((
                    at.no,
                    format!(
                        "a table without a caption under `{}`: read as `{}`",
                        at.text, cap.text
                    ),
                ));
                let placement = match (w.section, w.current_status) {
                    (Heading::Response, Some(s)) => {
                        Placement::Response(self.page.responses[s].status)
                    }
                    (Heading::Response, None) => Placement::ResponseWithoutStatus,
                    _ => Placement::Request,
                };
                w.status_text_open = false;
                self.read_table_under(i + 1, &cap, placement)
            }
        }
    }

    /// Moves the reader into `to` under the same heading (closing what the section it leaves
    /// leaves unsaid).
    fn switch(&mut self, w: &mut Walk, to: Heading) {
        if w.section != to {
            self.close_section(w.section, &mut w.pending, w.pending_line);
            w.section = to;
        }
        w.example_open = false;
    }

    /// One line inside the current section; returns the index of the next.
    fn read_line(&mut self, i: usize, w: &mut Walk) -> usize {
        let text = self.ls[i].text.clone();
        let no = self.ls[i].no;
        match w.section {
            Heading::Preamble => {
                // A page without a `Function` heading: its first text says what the API does.
                if w.summary.is_empty() {
                    self.page.notes.push((
                        no,
                        "no `Function` heading: the text between the title and the first section is read as the operation's summary".to_owned(),
                    ));
                }
                w.summary.push(text);
            }
            Heading::Function => w.summary.push(text),
            Heading::Skipped | Heading::Constraints => {}
            Heading::ErrorCodes => w.error_codes.push(text),
            // read_status_codes consumed the section; anything left is stray text.
            Heading::StatusCodes => self.problem(
                Some(no),
                format!("unexpected text in the Status Codes section: `{text}`"),
            ),
            Heading::Uri | Heading::Request | Heading::Response => {
                return self.read_parameters_line(i, text, no, w);
            }
            Heading::ExampleRequests => return self.read_example_request(i, text, no, w),
            Heading::ExampleResponses => return self.read_example_response(i, text, no, w),
        }
        i + 1
    }

    /// A line of the URI, Request or Response Parameters section: a caption, a status heading
    /// or "None".
    fn read_parameters_line(&mut self, i: usize, text: String, no: usize, w: &mut Walk) -> usize {
        let mut i = i;
        let next_caption = self.ls.get(i + 1).and_then(|l| caption(&l.text));
        if let (Some((n, _)), Some((m, _))) = (caption(&text), next_caption)
            && n == m
        {
            // `Table 1 describes the parameters in the URI.` above `Table 1 Parameter
            // description`: a sentence about the table, not its caption.
            i += 1;
        } else if caption(&text).is_some() {
            let placement = match (w.section, w.current_status) {
                (Heading::Response, Some(s)) => Placement::Response(self.page.responses[s].status),
                (Heading::Response, None) => Placement::ResponseWithoutStatus,
                _ => Placement::Request,
            };
            w.status_text_open = false;
            i = self.read_table(i, placement);
        } else if let Some(status) = status_heading(&text) {
            if w.section != Heading::Response {
                self.problem(
                    Some(no),
                    format!(
                        "`{text}` outside the Response Parameters section (is its heading missing?)"
                    ),
                );
            }
            if let Some(&prev) = w.status_lines.get(&status) {
                self.problem(
                    Some(no),
                    format!(
                        "a second `Status code: {status}` under Response Parameters (the first is at line {prev})"
                    ),
                );
            }
            self.page.responses.push(ResponseSection {
                status,
                line: no,
                none: false,
                text: Vec::new(),
            });
            w.status_lines.entry(status).or_insert(no);
            w.current_status = Some(self.page.responses.len() - 1);
            w.status_text_open = true;
            i += 1;
        } else if is_none(&text) {
            if let (Heading::Response, Some(s)) = (w.section, w.current_status) {
                self.page.responses[s].none = true;
            }
            i += 1;
        } else if let (Heading::Response, Some(s), true) =
            (w.section, w.current_status, w.status_text_open)
        {
            // `Status code: 204`, `The job has been deleted.`, `None`: what the status means.
            self.page.responses[s].text.push(text);
            i += 1;
        } else if self.ls.get(i + 1).is_some_and(|l| {
            matches!(
                label(&l.text, false),
                Some(Label::ExampleRequest | Label::ExampleResponse)
            )
        }) {
            // `The following example shows how to delete a disk.`, `• Example request`: the
            // example's description.
            if w.pending.is_empty() {
                w.pending_line = no;
            }
            w.pending.push(text);
            i += 1;
        } else {
            self.problem_help(
                Some(no),
                format!("text outside any table: `{text}`"),
                "every cell of these sections belongs to a table under a caption (`Table N ...`); is a caption or a header cell missing here?",
            );
            i += 1;
        }
        i
    }

    /// A line of the Example Requests section.
    fn read_example_request(&mut self, i: usize, text: String, no: usize, w: &mut Walk) -> usize {
        let mut i = i;
        let curl = curl_request(&text);
        if let Some((line, _)) = &curl {
            self.page.notes.push((
                no,
                format!("an example request written as a `curl` command: read as `{line}`"),
            ));
        }
        let request = curl.or_else(|| is_request_line(&text).then(|| request_line(&text)));
        if is_none(&text) && w.pending.is_empty() {
            i += 1;
        } else if let Some((line, body)) = request {
            let description = (!w.pending.is_empty()).then(|| w.pending.join("\n"));
            w.pending.clear();
            self.page.example_requests.push(ExampleRequest {
                description,
                line,
                line_no: no,
                body,
            });
            i += 1;
        } else if text.starts_with('{') || text.starts_with('[') {
            let (body, next) = self.json_block(i, "an example request body");
            match self.page.example_requests.last_mut() {
                Some(req) if req.body.is_none() && w.pending.is_empty() => {
                    req.body = body;
                }
                _ => self.problem(
                    Some(no),
                    "an example request body without a request line above it",
                ),
            }
            i = next;
        } else {
            if w.pending.is_empty() {
                w.pending_line = no;
            }
            w.pending.push(text);
            i += 1;
        }
        i
    }

    /// A line of the Example Responses section.
    fn read_example_response(&mut self, i: usize, text: String, no: usize, w: &mut Walk) -> usize {
        let mut i = i;
        let opens = std::mem::take(&mut w.example_open);
        if is_none(&text) && (opens || self.page.example_responses.is_empty()) {
            // `None` as the example: no body.
            w.example_open = opens;
            return i + 1;
        }
        if status_heading(&text).is_none() && (opens || self.page.example_responses.is_empty()) {
            // An example that names no status (the older template, `Example Response` then
            // its JSON): the success status's, which the build finds.
            self.page.example_responses.push(ExampleResponse {
                status: 0,
                line: no,
                description: None,
                body: None,
            });
        }
        if let Some(status) = status_heading(&text) {
            self.page.example_responses.push(ExampleResponse {
                status,
                line: no,
                description: None,
                body: None,
            });
            i += 1;
        } else if text.starts_with('{') || text.starts_with('[') {
            let (body, next) = self.json_block(i, "an example response body");
            match self.page.example_responses.last_mut() {
                Some(resp) if resp.body.is_none() => resp.body = body,
                Some(resp) => {
                    let status = resp.status;
                    let which = example_name(status);
                    self.example_problem(no, format!("a second example body for {which}"), status);
                }
                None => self.problem(
                    Some(no),
                    "an example response body before any `Status code: N`",
                ),
            }
            i = next;
        } else if is_none(&text) && self.page.example_responses.is_empty() {
            i += 1;
        } else {
            match self.page.example_responses.last_mut() {
                Some(resp) if resp.body.is_none() => {
                    let d = resp.description.get_or_insert_with(String::new);
                    if !d.is_empty() {
                        d.push('\n');
                    }
                    d.push_str(&text);
                }
                Some(resp) if resp.status == 0 && self.decisions.response_status.is_some() => {
                    // `response_status`: each body under no status is one example of it, and
                    // the text after one describes the next.
                    self.page.example_responses.push(ExampleResponse {
                        status: 0,
                        line: no,
                        description: Some(text),
                        body: None,
                    });
                }
                Some(resp) => {
                    let status = resp.status;
                    let which = example_name(status);
                    let message = format!("text after the example body for {which}: `{text}`");
                    self.example_problem(no, message, status);
                }
                None => self.problem(
                    Some(no),
                    format!("example response text before any `Status code: N`: `{text}`"),
                ),
            }
            i += 1;
        }
        i
    }

    /// A problem with the example response of `status`; where it names none (0), the page
    /// leaves open which status each body is, and the help names the override that says it.
    fn example_problem(&mut self, no: usize, message: String, status: u16) {
        if status == 0 {
            let help = format!(
                "the page does not say which status each example body is: if they (and the Response section's tables, which stand under no status) are an error's, say which with `response_status: 400` in {}, and each body is one example of it",
                self.decisions.file_phrase()
            );
            self.problem_help(Some(no), message, &help);
        } else {
            self.problem_help(
                Some(no),
                message,
                "an example ends with its body: text after it is the next example's, under its own `Status code: N` line, or the next section's, under its heading (`Status Codes`); if that line or heading is missing, add it",
            );
        }
    }

    /// Closes the last section and checks how the page ends.
    fn finish(&mut self, mut w: Walk) {
        // Text at the very end of a page cut inside Example Requests (`Example Re`) is where it
        // was cut, which `check_end` reports; it is no request description gone astray.
        if w.section == Heading::ExampleRequests
            && self.page.status_codes_line.is_none()
            && self
                .ls
                .last()
                .is_some_and(|l| l.no == self.page.last_line && w.pending.last() == Some(&l.text))
        {
            w.pending.clear();
        }
        self.close_section(w.section, &mut w.pending, w.pending_line);
        self.page.summary = w.summary.join("\n");
        if !w.error_codes.is_empty() {
            self.page.error_codes = Some(w.error_codes.join("\n"));
        }
        if !w.status_text.is_empty() {
            self.page.status_codes_text = Some(w.status_text.join("\n"));
        }
        if w.section == Heading::ErrorCodes && w.error_codes.is_empty() && !self.page.truncated {
            self.cut_at_end(|last| {
                format!("the page ends at line {last}, right after the Error Codes heading")
            });
        }
        self.check_end(w.section);
    }

    /// What a section that just ended leaves unsaid.
    fn close_section(&mut self, section: Heading, pending: &mut Vec<String>, line: usize) {
        if section == Heading::ExampleRequests && !pending.is_empty() {
            let text = pending.join(" ");
            self.problem(
                Some(line),
                format!("text after the last example request, with no request line: `{text}`"),
            );
            pending.clear();
        }
    }

    /// The page must reach its Status Codes section; an example response must have a body or
    /// say why not.
    fn check_end(&mut self, section: Heading) {
        let last = self.page.last_line;
        self.decide_uri();
        if self.page.truncated {
            return;
        }
        if !self.uri_seen {
            // The method and path an example request shows, as the override would say them.
            let shown = self.page.example_requests.iter().find_map(|e| {
                let (method, url) = e.line.split_once(' ')?;
                let path = url
                    .trim()
                    .split_once("://")
                    .map_or(url.trim(), |(_, rest)| {
                        rest.find('/').map_or("/", |k| &rest[k..])
                    });
                let path = path.split('?').next().unwrap_or(path);
                path.starts_with('/').then(|| format!("{method} {path}"))
            });
            let uri = shown.as_deref().unwrap_or("POST /v2/{project_id}/...");
            let help = format!(
                "is this an API reference page? Copy the whole page, from its breadcrumb to its Error Codes section; if the page says the method and path only in an example, write them in {} as `uri: {uri}`",
                self.decisions.file_phrase()
            );
            self.problem_help(
                None,
                "no `URI` section: the page must say the method and path (`URI`, then `POST /v2/{project_id}/...`)",
                &help,
            );
        }
        if self.page.response_parameters_line.is_none() && self.uri_seen {
            let missing = "Response Parameters";
            if self.page.status_codes_line.is_none() {
                self.cut(
                    last,
                    format!(
                        "the page ends at line {last}, in the {} section, before its {missing} and Status Codes sections",
                        section.name()
                    ),
                );
                return;
            }
            self.problem(None, format!("no `{missing}` section"));
        }
        // The sections before Error Codes: after the examples, Error Codes is the page's last
        // section (a page cut inside an error table can end in a cell `Error Codes`).
        let ends_after_examples = section == Heading::ExampleResponses;
        let after_examples = self.seen.len() >= 2
            && matches!(
                self.seen[self.seen.len() - 2].0,
                Heading::ExampleResponses | Heading::ExampleRequests
            );
        if self.page.status_codes_line.is_none()
            && self.uri_seen
            && section == Heading::ErrorCodes
            && after_examples
        {
            // The page reached its last section: it has no Status Codes section, it is not cut.
            let line = self
                .seen
                .iter()
                .find(|(h, _)| *h == Heading::ErrorCodes)
                .map_or(last, |s| s.1);
            self.page.notes.push((
                line,
                "the page has no Status Codes section: the statuses are those its responses name"
                    .to_owned(),
            ));
        } else if self.page.status_codes_line.is_none()
            && self.uri_seen
            && self.decisions.complete
            && ends_after_examples
        {
            self.page.notes.push((
                last,
                "the page ends after its examples, with neither a Status Codes nor an Error Codes section: it is whole (`complete: true` in its overrides); the statuses are those its responses name"
                    .to_owned(),
            ));
        } else if self.page.status_codes_line.is_none() && self.uri_seen {
            let message = format!(
                "the page ends at line {last}, in the {} section, before its Status Codes section",
                section.name()
            );
            if ends_after_examples {
                // Nothing on the copy tells a page without its last sections from a cut one:
                // the person who copied it knows.
                self.page.truncated = true;
                let help = format!(
                    "the copy of the page was cut: copy the whole page again (through its Status Codes and Error Codes sections) and import it again, or pass --partial to write what was read, marked incomplete; if this is the whole page (it has no Status Codes or Error Codes section), say so with `complete: true` in {}",
                    self.decisions.file_phrase()
                );
                self.problem_help(Some(last), message, &help);
            } else {
                self.cut(last, message);
            }
        }
        if self.decisions.complete
            && (!ends_after_examples || self.page.status_codes_line.is_some())
        {
            self.decision_problem(
                "complete",
                "the page does not end after its examples without Status Codes and Error Codes sections",
            );
        }
    }

    /// `nested: { version: [id, links, ...] }`: the rows right after the row of objects
    /// `version` are its fields, which a copy put in the table that holds it; they become the
    /// table `version`, which the row refers to. An inner object's rows are taken out first,
    /// whatever order the entries are in.
    fn nest(&mut self) {
        let mut left: Vec<(&String, &Vec<String>)> = self.decisions.nested.iter().collect();
        while !left.is_empty() {
            let before = left.len();
            left.retain(|(name, fields)| !self.nest_one(name, fields));
            if left.len() == before {
                break;
            }
        }
        for (name, fields) in left {
            self.decision_problem(
                "nested",
                &format!(
                    "{name}: no row `{name}` of objects is followed by the rows {}",
                    fields.join(", ")
                ),
            );
        }
    }

    /// One entry of [`Reader::nest`]; whether the page has the rows.
    fn nest_one(&mut self, name: &str, fields: &[String]) -> bool {
        let number = self.page.tables.iter().map(|t| t.number).max().unwrap_or(0) + 1;
        for t in &mut self.page.tables {
            let at = (0..t.rows.len()).find(|&i| {
                let row = &t.rows[i];
                row.name == name
                    && is_object_cell(&row.ty)
                    && !fields.is_empty()
                    && t.rows
                        .get(i + 1..i + 1 + fields.len())
                        .is_some_and(|next| next.iter().zip(fields).all(|(r, f)| r.name == *f))
            });
            let Some(at) = at else {
                continue;
            };
            let rows: Vec<Row> = t.rows.drain(at + 1..at + 1 + fields.len()).collect();
            let object = spec_model::names::type_name(&name.replace(['-', '.'], "_"));
            let holder = &mut t.rows[at];
            let was = std::mem::take(&mut holder.ty);
            holder.ty = if was.eq_ignore_ascii_case("object") {
                format!("{object} object")
            } else {
                format!("Array of {object} objects")
            };
            let read_as = format!("`{name}` ({was}) is read as {}", holder.ty);
            let line = rows.first().map_or(t.line, |r| r.line);
            let label = table_label(t.number, &t.name);
            let table = Table {
                caption: format!("Table {number} {object}"),
                number,
                name: object,
                line,
                has_mandatory: t.has_mandatory,
                has_type: t.has_type,
                in_uri: false,
                rows,
                placement: t.placement,
            };
            self.page.notes.push((
                line,
                format!(
                    "{label}: the {} rows after `{name}` are its fields (`nested` in the page's overrides): read as `{}`, and {read_as}",
                    fields.len(),
                    table.caption
                ),
            ));
            self.page.tables.push(table);
            return true;
        }
        false
    }

    /// A table that names a row twice and has rows of objects without tables of their own: a
    /// copy that put the objects' fields in the table that holds them (a Markdown copy loses
    /// the tables' captions). Which rows are whose fields the page does not say.
    fn check_flattened(&mut self) {
        let mut found = Vec::new();
        for t in &self.page.tables {
            let has_table = |name: &str| {
                self.page
                    .tables
                    .iter()
                    .any(|o| o.name == name || crate::build::caption_field(&o.name) == Some(name))
            };
            let objects: Vec<&Row> = t
                .rows
                .iter()
                .filter(|r| is_object_cell(&r.ty) && !has_table(&r.name))
                .collect();
            let twice = t.rows.iter().enumerate().find_map(|(k, r)| {
                t.rows[..k]
                    .iter()
                    .find(|p| p.name == r.name)
                    .map(|p| (p, r))
            });
            if let (Some((first, second)), false) = (twice, objects.is_empty()) {
                let rows: Vec<String> = objects
                    .iter()
                    .map(|r| format!("`{}` (line {})", r.name, r.line))
                    .collect();
                found.push((
                    second.line,
                    format!(
                        "{}: the row `{}` is there twice (lines {} and {}), and its rows of objects {} have no tables: the copy put their fields in this table",
                        table_label(t.number, &t.name),
                        second.name,
                        first.line,
                        second.line,
                        rows.join(", ")
                    ),
                    objects[0].name.clone(),
                ));
            }
        }
        for (line, message, object) in found {
            let help = format!(
                "say which rows are the fields of which row of objects, as `nested: {{ {object}: [<its fields, in page order>] }}` in {}",
                self.decisions.file_phrase()
            );
            self.problem_help(Some(line), message, &help);
        }
    }

    /// A decision of the overrides that does not fit the page.
    fn decision_problem(&mut self, key: &str, message: &str) {
        self.problems.push(
            Problem::at_line(&self.decisions.file, None, format!("{key}: {message}"))
                .help("the page no longer matches this override: update or remove it"),
        );
    }

    /// `uri: GET /v2`: the method and path of a page without a URI section.
    fn decide_uri(&mut self) {
        let Some(uri) = self.decisions.uri.clone() else {
            return;
        };
        if self.uri_seen {
            let line = self.page.uri_line;
            self.decision_problem(
                "uri",
                &format!("the page says its method and path itself (line {line})"),
            );
            return;
        }
        let parsed = uri
            .trim()
            .split_once(char::is_whitespace)
            .and_then(|(m, p)| {
                let p = p.trim();
                (m.parse::<Method>().is_ok()
                    && p.starts_with('/')
                    && !p.contains(char::is_whitespace))
                .then(|| (m.to_owned(), p.to_owned()))
            });
        match parsed {
            Some((method, path)) => {
                self.page.method = method;
                self.page.path = path;
                self.uri_seen = true;
            }
            None => self.decision_problem(
                "uri",
                &format!("`{uri}` is not a method and a path (`GET /v2/{{project_id}}/servers`)"),
            ),
        }
    }

    /// `POST /v2/{project_id}/db-om/instances` after the URI heading.
    fn read_uri_line(&mut self, i: usize) -> usize {
        // The older template: `• URI format`, then the method and path.
        let i = match self.ls.get(i) {
            Some(l) if label(&l.text, false) == Some(Label::UriFormat) => i + 1,
            _ => i,
        };
        let Some(l) = self.ls.get(i) else {
            self.cut_at_end(|last| {
                format!("the page ends at line {last}, right after the URI heading")
            });
            return i;
        };
        let text = l.text.clone();
        let no = l.no;
        let parsed = text.split_once(char::is_whitespace).and_then(|(m, p)| {
            let p = p.trim();
            (m.parse::<Method>().is_ok() && p.starts_with('/') && !p.contains(char::is_whitespace))
                .then(|| (m.to_owned(), p.to_owned()))
        });
        match parsed {
            Some((m, p)) => {
                self.page.method = m;
                self.page.path = p;
                self.page.uri_line = no;
                i + 1
            }
            None => {
                let found = if caption(&text).is_some() {
                    "a table".to_owned()
                } else {
                    format!("`{text}`")
                };
                self.problem(
                    Some(no),
                    format!(
                        "the URI section must start with the method and path (`GET /v1/{{project_id}}/...`), found {found}"
                    ),
                );
                i
            }
        }
    }

    /// The Status Codes section from `i`: a table (`Status Code`, `Description`, rows) or text.
    /// Returns the index after it.
    fn read_status_codes(&mut self, mut i: usize, text: &mut Vec<String>) -> usize {
        let n = self.ls.len();
        let is_header = |i: usize, cell: &str| i < n && self.ls[i].text.eq_ignore_ascii_case(cell);
        let end = (i..n)
            .find(|&j| {
                self.heading_at(j)
                    .is_some_and(|h| h != Heading::StatusCodes)
            })
            .unwrap_or(n);
        let is_status = |t: &str| t.len() == 3 && t.parse::<u16>().is_ok();
        let bullet = |i: usize, word: &str| {
            i < end
                && self.ls[i]
                    .text
                    .strip_prefix('•')
                    .is_some_and(|t| t.trim().trim_end_matches(':').eq_ignore_ascii_case(word))
        };
        // `Table 3 describes the status code.`, `Table 3 Status code`: the table's captions.
        while i < end
            && caption(&self.ls[i].text).is_some()
            && (i + 1..end.min(i + 3)).any(|j| is_status_header(&self.ls[j].text))
        {
            i += 1;
        }
        let mut rows: Vec<StatusRow> = Vec::new();
        // The older template: `• Normal`, then the success statuses one a line; `• Error`,
        // then a table of the others.
        if bullet(i, "normal") {
            i += 1;
            while i < end && is_status(&self.ls[i].text) {
                rows.push(StatusRow {
                    status: self.ls[i].text.parse().unwrap_or_default(),
                    description: "Normal".to_owned(),
                    line: self.ls[i].no,
                });
                i += 1;
            }
        }
        if bullet(i, "error") {
            i += 1;
        }
        if !(i < n && is_status_header(&self.ls[i].text)) {
            if !rows.is_empty() {
                self.page.status_codes = Some(rows);
            }
            while i < end {
                text.push(self.ls[i].text.clone());
                i += 1;
            }
            if text.is_empty() && end == n {
                self.cut_at_end(|last| {
                    format!("the page ends at line {last}, right after the Status Codes heading")
                });
            }
            return end;
        }
        i += 1;
        // The older template's error table: `Status Code`, `Message`, `Description`.
        if is_header(i, "Message") {
            i += 1;
        }
        if !is_header(i, "Description") {
            if i >= end && end == n {
                self.cut_at_end(|last| {
                    format!("the page ends inside the Status Codes table, at line {last}")
                });
            } else {
                let no = self.ls.get(i).map(|l| l.no);
                self.problem(
                    no,
                    "the Status Codes table: expected the header cell `Description` after `Status Code`",
                );
            }
            return end;
        }
        i += 1;
        while i < end {
            let l = self.ls[i].clone();
            if is_status(&l.text) {
                let mut j = i + 1;
                while j < end && !is_status(&self.ls[j].text) {
                    j += 1;
                }
                let description: Vec<String> =
                    self.ls[i + 1..j].iter().map(|l| l.text.clone()).collect();
                if description.is_empty() && j == n {
                    self.cut(
                        l.no,
                        format!(
                            "the page ends inside the Status Codes table, at line {} (status {} has no description)",
                            l.no, l.text
                        ),
                    );
                }
                rows.push(StatusRow {
                    status: l.text.parse().unwrap_or_default(),
                    description: description.join("\n"),
                    line: l.no,
                });
                i = j;
            } else {
                self.problem(
                    Some(l.no),
                    format!(
                        "the Status Codes table: expected a status code, found `{}`",
                        l.text
                    ),
                );
                i += 1;
            }
        }
        if rows.is_empty() && end == n {
            self.cut_at_end(|last| {
                format!("the page ends inside the Status Codes table, at line {last}, before its first row")
            });
        }
        self.page.status_codes = Some(rows);
        end
    }

    /// The JSON block starting at `ls[i]`, verbatim from the file (blank lines inside kept).
    /// Returns the block (None if it never closes, which is reported) and the index after it.
    fn json_block(&mut self, i: usize, what: &str) -> (Option<String>, usize) {
        let start = self.ls[i].no - 1; // index into raw
        let mut depth: i64 = 0;
        let mut in_string = false;
        let mut escaped = false;
        let mut end = None;
        'lines: for (k, line) in self.raw.iter().enumerate().skip(start) {
            for c in line.chars() {
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        in_string = false;
                    }
                    continue;
                }
                match c {
                    '"' => in_string = true,
                    '{' | '[' => depth += 1,
                    '}' | ']' => {
                        depth -= 1;
                        if depth <= 0 {
                            end = Some(k);
                            break 'lines;
                        }
                    }
                    _ => {}
                }
            }
        }
        let start_no = start + 1;
        let Some(end) = end else {
            self.cut_at_end(|last| {
                format!(
                    "the page ends inside {what} (its JSON opens at line {start_no} and is not closed by line {last})"
                )
            });
            return (None, self.ls.len());
        };
        let block = self.raw[start..=end].join("\n");
        let block = block.trim_end();
        // A Markdown copy ends the example's cell with ` |` after the JSON.
        let block = block
            .strip_suffix('|')
            .map(str::trim_end)
            .filter(|b| b.ends_with(['}', ']']))
            .unwrap_or(block)
            .to_owned();
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&block) {
            self.problem(
                Some(start_no + e.line().saturating_sub(1)),
                format!("{what} is not valid JSON: {e}"),
            );
        }
        let next = self
            .ls
            .iter()
            .position(|l| l.no > end + 1)
            .unwrap_or(self.ls.len());
        (Some(block), next)
    }

    /// The table whose caption is `ls[start]`; returns the index after it.
    fn read_table(&mut self, start: usize, placement: Placement) -> usize {
        let cap_line = self.ls[start].clone();
        self.read_table_under(start + 1, &cap_line, placement)
    }

    /// The table whose header cells start at `ls[i]`, under the caption `cap_line` (a line of
    /// the page, or one the reader made for an untitled table of the older template).
    fn read_table_under(&mut self, i: usize, cap_line: &Line, placement: Placement) -> usize {
        let n = self.ls.len();
        let (number, name) = caption(&cap_line.text).unwrap_or((0, String::new()));
        let label = table_label(number, &name);
        let mut i = i;
        let header_start = i;
        let mut columns = Vec::new();
        while i < n && columns.len() < 4 {
            match header_cell(&self.ls[i].text) {
                Some(c) if !columns.contains(&c) => {
                    columns.push(c);
                    i += 1;
                    if c == Column::Description {
                        break;
                    }
                }
                _ => break,
            }
        }
        let mut end = i;
        while end < n && !self.ends_table(end) {
            end += 1;
        }
        let mut table = Table {
            caption: cap_line.text.clone(),
            number,
            name: name.clone(),
            line: cap_line.no,
            has_mandatory: columns.contains(&Column::Mandatory),
            has_type: columns.contains(&Column::Type),
            rows: Vec::new(),
            placement,
            in_uri: self.in_uri,
        };
        // Any order of the columns, with the name first and the description last; the newer
        // template writes Mandatory before Type, the older one Type before Mandatory or no Type
        // column at all (the build infers the type, and says so). A row needs a Mandatory or a
        // Type cell to be told from a description line.
        let layout_ok = columns.first() == Some(&Column::Name)
            && columns.last() == Some(&Column::Description)
            && (table.has_mandatory || table.has_type);
        if !layout_ok {
            if end == n {
                let last = self.page.last_line;
                let message = if i == header_start {
                    format!(
                        "the page ends inside Table {number} at line {last}: only its caption `{}` was copied",
                        cap_line.text
                    )
                } else {
                    format!("the page ends inside {label} at line {last}, in the table's header")
                };
                self.cut(last, message);
            } else {
                let found = self
                    .ls
                    .get(i)
                    .map_or("the end of the page".to_owned(), |l| {
                        format!("`{}`", l.text)
                    });
                let no = self.ls.get(i).map_or(cap_line.no, |l| l.no);
                self.problem_help(
                    Some(no),
                    format!(
                        "{label}: expected the header cells Parameter, Mandatory (in request tables), Type (or Parameter Type), Description; found {found}"
                    ),
                    "the caption must be followed by the table's header cells, one per line",
                );
            }
            return end;
        }
        // The cells between the name and the description, in the header's order.
        let middle: Vec<Column> = columns[1..columns.len() - 1].to_vec();
        let width = 1 + middle.len();
        let ls = &self.ls;
        let row_starts_at = |j: usize| -> bool {
            j + width <= end
                && is_name_cell(&ls[j].text)
                && middle.iter().enumerate().all(|(k, c)| {
                    let cell = ls[j + 1 + k].text.as_str();
                    match c {
                        Column::Mandatory => matches!(cell, "Yes" | "No"),
                        _ => is_type_cell(cell),
                    }
                })
        };
        let mut rows = Vec::new();
        let mut stray: Option<(usize, String)> = None;
        while i < end {
            if !row_starts_at(i) {
                if stray.is_none() {
                    stray = Some((ls[i].no, ls[i].text.clone()));
                }
                i += 1;
                continue;
            }
            let name_line = &ls[i];
            let cell = |c: Column| {
                middle
                    .iter()
                    .position(|m| *m == c)
                    .map(|k| ls[i + 1 + k].text.clone())
            };
            let mandatory = cell(Column::Mandatory).map(|m| m == "Yes");
            let ty = cell(Column::Type).unwrap_or_default();
            let mut j = i + width;
            let description_start = j;
            while j < end && !row_starts_at(j) {
                j += 1;
            }
            rows.push(Row {
                name: name_line.text.clone(),
                mandatory,
                ty,
                description: ls[description_start..j]
                    .iter()
                    .map(|l| l.text.clone())
                    .collect(),
                line: name_line.no,
            });
            i = j;
        }
        // Header cells inside a description: a caption was lost above them.
        let mut lost_caption = None;
        for row in &rows {
            let d = &row.description;
            if let Some(k) = (0..d.len()).find(|&k| {
                header_cell(&d[k]) == Some(Column::Name)
                    && d.get(k + 1).and_then(|c| header_cell(c)).is_some()
            }) {
                lost_caption = Some((row.name.clone(), row.line, k));
                break;
            }
        }
        table.rows = rows;
        if end == n {
            let last = self.page.last_line;
            let row = table
                .rows
                .last()
                .map_or(String::new(), |r| format!(", in row `{}`", r.name));
            self.cut(
                last,
                format!("the page ends inside {label} at line {last}{row}"),
            );
        } else if let Some((no, text)) = stray.clone() {
            let expected = std::iter::once("name")
                .chain(middle.iter().map(|c| match c {
                    Column::Mandatory => "Yes/No",
                    _ => "type",
                }))
                .chain(std::iter::once("description"))
                .collect::<Vec<_>>()
                .join(", ");
            self.problem_help(
                Some(no),
                format!("{label}: expected a row ({expected}), found `{text}`"),
                "each row is its cells one per line: a name, the Mandatory cell where the table has that column, a type such as String or `Array of X objects`, then the description",
            );
        }
        if let Some((row, line, _)) = lost_caption {
            self.problem_help(
                Some(line),
                format!(
                    "{label}: the description of row `{row}` holds table header cells (Parameter, Type, ...)"
                ),
                "a table caption (`Table N Name`) is missing above them",
            );
        }
        if table.rows.is_empty() && end < n && stray.is_none() {
            self.problem(
                Some(cap_line.no),
                format!("{label} has a header but no rows"),
            );
        }
        self.page.tables.push(table);
        end
    }
}

/// `status 200`, or what an example that names no status is.
fn example_name(status: u16) -> String {
    if status == 0 {
        "the example response that names no status (the success status's)".to_owned()
    } else {
        format!("status {status}")
    }
}

/// `Table 4 (Cluster)`.
pub fn table_label(number: u32, name: &str) -> String {
    if name.is_empty() {
        format!("Table {number}")
    } else {
        format!("Table {number} ({name})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_and_statuses() {
        assert_eq!(caption("Table 4 Cluster"), Some((4, "Cluster".into())));
        assert_eq!(caption("Table 3"), Some((3, String::new())));
        assert_eq!(caption("Tables are"), None);
        assert_eq!(status_heading("Status code: 400"), Some(400));
        assert_eq!(status_heading("Status code: 40"), None);
    }

    #[test]
    fn older_template_labels() {
        assert_eq!(label("• URI format", false), Some(Label::UriFormat));
        assert_eq!(
            label("• Parameter description", false),
            Some(Label::Parameters)
        );
        assert_eq!(
            label("• Request filter parameters", false),
            Some(Label::Parameters)
        );
        assert_eq!(
            label("• Parameters in the error field", false),
            Some(Label::Parameters)
        );
        assert_eq!(
            label("• Example normal response", false),
            Some(Label::ExampleResponse)
        );
        assert_eq!(
            label("• Example request", false),
            Some(Label::ExampleRequest)
        );
        assert_eq!(label("• Abnormal response", false), Some(Label::Abnormal));
        assert_eq!(label("• Request", true), Some(Label::ExampleRequest));
        assert_eq!(label("• Request", false), None);
        // A list item of a description is no sub-heading.
        assert_eq!(
            label(
                "• If this parameter is not set, data in the default workspace is queried by default.",
                false
            ),
            None
        );
        assert_eq!(label("URI format", false), None);
    }

    #[test]
    fn curl_commands_and_spaced_hosts() {
        assert_eq!(
            curl_request(
                r#"curl -i -k -H "X-Auth-Token:$token" -X HEAD https://sample.domain.com/v3/auth/tokens"#
            ),
            Some((
                "HEAD https://sample.domain.com/v3/auth/tokens".to_owned(),
                None
            ))
        );
        assert_eq!(
            curl_request(r#"curl -d '{"a": 1}' https://h/v1/x"#),
            Some((
                "POST https://h/v1/x".to_owned(),
                Some(r#"{"a": 1}"#.to_owned())
            ))
        );
        assert_eq!(curl_request("curl -X BREW https://h/v1/x"), None);
        assert_eq!(curl_request("curl -X GET"), None);
        assert_eq!(
            endpoint_placeholder("DELETE https://DDS endpoint/v3/{project_id}/instances/1"),
            Some("DELETE https://{endpoint}/v3/{project_id}/instances/1".to_owned())
        );
        assert_eq!(endpoint_placeholder("DELETE https://{endpoint}/v3/x"), None);
    }

    #[test]
    fn http_status_code_lines_are_status_headings() {
        assert_eq!(status_heading("HTTP status code 204"), Some(204));
        assert_eq!(status_heading("Status code 400"), Some(400));
        assert_eq!(status_heading("HTTP status code"), None);
    }

    #[test]
    fn headings_are_capitalised() {
        assert_eq!(heading("Response"), Some(Heading::Response));
        assert_eq!(heading("uri"), None);
        assert_eq!(heading("Returned Value"), Some(Heading::StatusCodes));
    }

    #[test]
    fn type_cells() {
        for t in [
            "String",
            "Array of Cluster objects",
            "Map<String,String>",
            "ServerList object",
            "Parameter Type",
        ] {
            assert_eq!(is_type_cell(t), t != "Parameter Type", "{t}");
        }
    }
}
