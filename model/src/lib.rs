//! The spec model: the API spec format (the YAML files under `spec/<service>/`) as Rust types,
//! and everything that belongs to the format rather than to one tool.
//!
//! - [`format`](mod@format): the file types (Serialize, Deserialize, JsonSchema); `spec/schema.json` is
//!   derived from them ([`format::json_schema`]).
//! - [`leaf`] and [`typeexpr`]: typed leaves (HTTP method, parameter location, enumeration
//!   kind, path template, page type expression), parsed once when a file is read.
//! - [`read`]: spec files from disk or memory into the model, every syntax and shape problem
//!   reported with file, line and column.
//! - [`names`]: the naming rules (wire name -> Rust identifier, default body names).
//! - [`diag`]: the diagnostic (file, line, column, YAML path, help) every tool reports with.
//!
//! The importer builds values of this model; the generator lowers it into its IR.

pub mod diag;
pub mod format;
pub mod leaf;
pub mod names;
pub mod par;
pub mod read;
pub mod typeexpr;
pub mod write;

pub use diag::{Diagnostic, Diagnostics};
pub use format::*;
pub use leaf::Segment;
pub use read::{Loaded, SourceFile, SpecSet, SpecSource};
