//! The code generator: API reference spec (YAML) in, Rust SDK crate out.
//!
//! A short line of stages: the spec model (crate `spec-model`: YAML read with locations,
//! typed leaves) -> lower (checked and lowered into the IR in one walk, every name decided)
//! -> emit (quote, prettyplease) -> [`files`] (write, or compare for `--check`). Every problem of a spec is
//! reported at once as [`Diagnostics`]; no input makes it panic.
//!
//! The public API is [`generate`], [`generate_dir`], [`Options`], [`FileSet`] and [`files`];
//! the stages are private.

mod docs;
mod emit;
pub mod files;
mod huawei;
mod ir;
mod lower;

use spec_model::{diag, names, par, read, typeexpr};

pub use emit::{FileSet, Options};
/// The spec format, from the spec model (kept under this name for the tests that read it).
pub use spec_model::format as spec;
pub use spec_model::{Diagnostic, Diagnostics, SpecSource};

/// Runs the whole pipeline on spec files already in memory.
pub fn generate(source: &SpecSource, options: &Options) -> Result<FileSet, Diagnostics> {
    let set = source.parse()?;
    let ir = lower::lower(&set)?;
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
