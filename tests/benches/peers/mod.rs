//! The peers' types for the same ListInstances response, generated once from
//! `list_instances.schema.json` / `list_instances.openapi.json` (see README.md).

#[allow(clippy::all, dead_code)]
pub mod progenitor;
#[allow(clippy::all, dead_code)]
pub mod typify;
