//! The peers' types for the same ListInstances response, generated once from
//! `list_instances.schema.json` / `list_instances.openapi.json` (see README.md). Their code
//! is the tools' output, unedited, so it sits under `third_party/` (which the repository's
//! duplicate-code check leaves out).

#[allow(clippy::all, dead_code)]
#[path = "third_party/progenitor.rs"]
pub mod progenitor;
#[allow(clippy::all, dead_code)]
#[path = "third_party/typify.rs"]
pub mod typify;
