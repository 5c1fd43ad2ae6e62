//! The code generator: API reference spec (YAML) in, Rust SDK crate out.
//!
//! A short line of stages, each a module: [`read`] (YAML with locations) -> [`check`] ->
//! [`resolve`] (into the [`ir`], every name decided) -> [`emit`] (quote, prettyplease) ->
//! [`files`] (write, or compare for `--check`). Every problem of a spec is reported at once as
//! [`Diagnostics`]; no input makes it panic.

pub mod check;
pub mod diag;
pub mod docs;
pub mod emit;
pub mod files;
pub mod ir;
pub mod names;
pub mod par;
pub mod read;
pub mod resolve;
pub mod spec;
pub mod symbols;
pub mod typeexpr;

pub use diag::{Diagnostic, Diagnostics};
pub use emit::{FileSet, Options};
pub use read::SpecSource;

/// Runs the whole pipeline on spec files already in memory.
pub fn generate(source: &SpecSource, options: &Options) -> Result<FileSet, Diagnostics> {
    let set = source.parse()?;
    let ir = resolve::resolve(&set)?;
    emit::emit(&ir, options)
}

/// Reads a spec directory and runs the whole pipeline. `display` is how messages and the
/// generated headers name the directory (`spec/dbss`).
pub fn generate_dir(
    dir: &std::path::Path,
    display: &str,
    options: &Options,
) -> Result<FileSet, Diagnostics> {
    generate(&SpecSource::from_dir(dir, display)?, options)
}
