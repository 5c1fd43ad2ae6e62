//! Overrides: the decisions a person makes about a page, kept beside the imported spec
//! (`spec/<service>/overrides/<operation>.yaml`) so that a re-import keeps them.
//!
//! ```yaml
//! page: list-instances.txt            # the page these decisions are about (its file name)
//! operation_id: ListInstances         # the page gives none
//! group: enhanced-o-m-management      # the API group (a key of service.yaml's `groups`)
//! types:                              # rename an object of the page: page name -> type name
//!   ResponseServer: Server
//! bodies:                             # name a body table: `request` or a status -> type name
//!   400: DbssErrorResponse            # several bodies with one name become one type
//! shared:                             # types that go to service.yaml, shared by operations
//!   - DbssErrorResponse
//! fields:                             # one entry per field: `<Object>.<field>`,
//!   ResponseServer.is_active:         # `request.<field>`, `<status>.<field>`,
//!     enum: ActiveRole                # `path.<name>`, `query.<name>`, `header.<name>`
//!     values: { 0: Primary, 1: Standby }
//!   Cluster.charge_model:
//!     add_values:                     # a value the page does not list
//!       - value: Test
//!         description: test instance
//!   Cluster.created:
//!     type: Long                      # the page's type is wrong
//! uri: GET /v2                        # the method and path, where the page has no URI section
//! complete: true                      # the copy is whole, though it ends after its examples
//! response_status: 400                # the status of the response tables and example bodies
//!                                     # that stand under no status (an error's, not success's)
//! nested:                             # rows of objects whose fields the copy put after them
//!   version: [id, links, status]      # in the same table: they become the object's table
//! drop_example_responses: [2]         # examples to leave out (page order, from 1), where they
//!                                     # contradict the page's tables
//! paging:                             # how the results come in pages (pages do not say):
//!   style: offset_limit               # written to the operation file's `paging` as it is
//!   in: query
//!   position: offset
//!   size: limit
//!   items: servers
//!   total: total
//! ```
//!
//! Every entry must still match the page: one that names a field, object, body or value the
//! page no longer has, or corrects what the page now says itself, is an error.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::problem::Problem;

/// The decisions about one page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// The page's file name (`list-instances.txt`); how `cargo xtask import` finds this file.
    #[serde(default)]
    pub page: Option<String>,
    /// The operation id.
    #[serde(default)]
    pub operation_id: Option<String>,
    /// The API group the operation belongs to (a key of `service.yaml`'s `groups`, which the
    /// definitions import writes); the page does not say it.
    #[serde(default)]
    pub group: Option<String>,
    /// Object renames: the page's object name -> the type's name.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// Body names: `request`, or a status (`400`) -> the type's name.
    #[serde(default)]
    pub bodies: BTreeMap<String, String>,
    /// Types defined in `service.yaml` rather than in the operation file.
    #[serde(default)]
    pub shared: Vec<String>,
    /// Decisions about single fields and parameters.
    #[serde(default)]
    pub fields: BTreeMap<String, FieldOverride>,
    /// The method and path (`GET /v2`), where the page has no URI section and says them only
    /// in an example; an error where the page has one.
    #[serde(default)]
    pub uri: Option<String>,
    /// The copy is the whole page, though it ends after its examples with neither a Status
    /// Codes nor an Error Codes section (which would otherwise be a cut copy); an error where
    /// the page does not end so.
    #[serde(default)]
    pub complete: bool,
    /// The status of the Response section's tables and of the example response bodies that
    /// stand under no status (which are otherwise the success status's): where they are an
    /// error's body (`400`). Each such example body is then one example of that status.
    #[serde(default)]
    pub response_status: Option<u16>,
    /// Rows of objects whose fields a copy put in the table that holds them (a Markdown copy
    /// of nested tables): the row's name -> the names of the rows right after it that are its
    /// fields, in page order. They become the object's table.
    #[serde(default)]
    pub nested: BTreeMap<String, Vec<String>>,
    /// The page's example responses to leave out, counted from 1 in page order: an example
    /// that contradicts the page's own tables where the tables, not the example, are right
    /// (`{"itemNotFound": ...}` under a table whose field is `error`).
    #[serde(default)]
    pub drop_example_responses: Vec<usize>,
    /// How the operation's results come in pages, which the page does not say: the operation
    /// file's `paging`, as written here (the generator checks it against the page's
    /// parameters and bodies).
    #[serde(default)]
    pub paging: Option<spec_model::format::PagingDef>,
}

/// Decisions about one field or parameter.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldOverride {
    /// The right type, where the page's is wrong.
    #[serde(default, rename = "type")]
    pub ty: Option<String>,
    /// Name of the enumeration the description lists.
    #[serde(default, rename = "enum")]
    pub enum_name: Option<String>,
    /// The list the description holds is no enumeration.
    #[serde(default)]
    pub not_enum: bool,
    /// Variant names: wire value -> Rust name.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// Values the page does not list.
    #[serde(default)]
    pub add_values: Vec<AddedValue>,
    /// The restrictions, where what the text says is read wrongly (replaces them).
    #[serde(default)]
    pub constraints: Option<ConstraintsOverride>,
    /// The Rust name, where the derived one collides.
    #[serde(default)]
    pub rust_name: Option<String>,
}

/// A value the page does not list: the spec's own enumeration value (`value`, `name`,
/// `description`).
pub use spec_model::EnumValue as AddedValue;

/// A value written as YAML writes it (an integer or a string): the spec's own scalar.
pub use spec_model::Scalar as ValueKey;

/// Restrictions set by hand: the spec's own constraint keys.
pub use spec_model::Constraints as ConstraintsOverride;

/// Reads an overrides file. `file` is how messages name it.
pub fn parse(text: &str, file: &str) -> Result<Overrides, Problem> {
    parse_decisions(
        text,
        file,
        "overrides",
        "keys are page, operation_id, group, types, bodies, shared, fields, uri, complete, response_status, nested, drop_example_responses and paging (see the importer's documentation)",
    )
}

/// Reads a file of decisions (`what` names it in messages: "overrides"): a blank or
/// comment-only file is no decision; a file that does not read is a problem with its line and
/// `help`.
pub(crate) fn parse_decisions<T: serde::de::DeserializeOwned + Default>(
    text: &str,
    file: &str,
    what: &str,
    help: &str,
) -> Result<T, Problem> {
    let blank = text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    });
    if blank {
        return Ok(T::default());
    }
    serde_saphyr::from_str::<T>(text).map_err(|e| {
        let line = e.location().map(|l| l.line() as usize).filter(|&l| l > 0);
        let mut message = e.without_snippet().to_string();
        if let Some(at) = message.rfind(" at line ") {
            message.truncate(at);
        }
        Problem::at_line(file, line, format!("cannot read the {what}: {message}")).help(help)
    })
}

/// The text of a new overrides file that records only the operation id.
pub fn new_file(page: &str, operation_id: &str) -> String {
    #[derive(serde::Serialize)]
    struct New<'a> {
        page: &'a str,
        operation_id: &'a str,
    }
    let comment = format!(
        "Decisions about {page} that the page does not make; `cargo xtask import` applies them."
    );
    spec_model::write::to_yaml(&[comment], &New { page, operation_id }).unwrap_or_default()
}

/// Adds `operation_id: ID` to an overrides file that has none (after its leading comments).
pub fn with_operation_id(text: &str, operation_id: &str) -> String {
    let mut out = String::new();
    let mut inserted = false;
    for line in text.split_inclusive('\n') {
        if !inserted && !line.trim_start().starts_with('#') && !line.starts_with("page:") {
            out.push_str(&format!("operation_id: {operation_id}\n"));
            inserted = true;
        }
        out.push_str(line);
    }
    if !inserted {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&format!("operation_id: {operation_id}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let o = parse(
            "page: a.txt\noperation_id: X\nbodies:\n  400: E\n  request: R\nfields:\n  T.f:\n    enum: F\n    values:\n      1: One\n    add_values:\n      - value: 2\n      - value: b\n",
            "o.yaml",
        )
        .expect("reads");
        assert_eq!(o.bodies.get("400").map(String::as_str), Some("E"));
        let f = &o.fields["T.f"];
        assert_eq!(f.values.get("1").map(String::as_str), Some("One"));
        assert_eq!(f.add_values[0].value.value, ValueKey::Int(2));
        assert_eq!(f.add_values[1].value.value, ValueKey::Str("b".into()));
        let e = parse("page: a\nbogus: 1\n", "o.yaml").expect_err("unknown key");
        assert_eq!(e.line, Some((2, 0)));
    }

    #[test]
    fn records_an_operation_id() {
        assert_eq!(
            with_operation_id("# c\npage: a.txt\ntypes: {}\n", "X"),
            "# c\npage: a.txt\noperation_id: X\ntypes: {}\n"
        );
    }
}
