//! A prototype, not generated code: the ListInstances models as `cargo xtask codegen` writes
//! them (`generated/src/models/`), with one change, every `String` a `compact_str::CompactString`
//! (24 bytes like `String`, but a string of up to 24 bytes is kept inline, without an
//! allocation). The enumerations are the generated ones. The `decode` benchmark measures it as
//! `typed_compact` to show what the change would bring; see `tests/benches/README.md`.
//!
//! The string type is a parameter, `CompactString` unless said otherwise: with `&str` the same
//! models borrow their strings from the body (`typed_borrowed`, the other breaking change the
//! benchmark prices; it decodes only a body whose strings have no escapes, as this one). The
//! enumerations are a parameter too ([`Enums`]): the generated open ones unless said otherwise,
//! typify's closed ones in [`closed`].

pub mod closed;

use compact_str::CompactString;
use huaweicloud_sdk_dbss::models::{
    ActiveRole, ChargeModel, DeployMode, Effect, ResponseServerScene, UpdateStatus,
};

/// What the models need of an enumerated field's type.
pub trait Field:
    std::fmt::Debug + Clone + PartialEq + serde::Serialize + serde::de::DeserializeOwned
{
}

impl<T> Field for T where
    T: std::fmt::Debug + Clone + PartialEq + serde::Serialize + serde::de::DeserializeOwned
{
}

/// The types of the models' enumerated fields.
pub trait Enums {
    type ChargeModel: Field;
    type DeployMode: Field;
    type Effect: Field;
    type ActiveRole: Field;
    type Scene: Field;
    type UpdateStatus: Field;
}

/// The generated enumerations: open, an unknown value is kept.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Open;

impl Enums for Open {
    type ChargeModel = ChargeModel;
    type DeployMode = DeployMode;
    type Effect = Effect;
    type ActiveRole = ActiveRole;
    type Scene = ResponseServerScene;
    type UpdateStatus = UpdateStatus;
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ListInstancesResponse<S = CompactString, E: Enums = Open> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clusters: Option<Vec<Cluster<S, E>>>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Cluster<S = CompactString, E: Enums = Open> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activate_info: Option<InstanceActivateInfo<S>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_model: Option<E::ChargeModel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deploy_mode: Option<E::DeployMode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<ServerList<S, E>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enterprise_project_id: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expired: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub float_ip: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_active_standby: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keep_days: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_version: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_ip: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remain_days: Option<S>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct InstanceActivateInfo<S = CompactString> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dsc_proxy_domain_name: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dsc_proxy_ip: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dsc_proxy_port: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub master_node_id: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slave_node_id: Option<S>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ServerList<S = CompactString, E: Enums = Open> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<Vec<ResponseServer<S, E>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ResponseServer<S = CompactString, E: Enums = Open> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connect_ip: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effect: Option<E::Effect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_active: Option<E::ActiveRole>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ram: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_spec_code: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scene: Option<E::Scene>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_group_id: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub specification: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_status: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_status: Option<E::UpdateStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_id: Option<S>,
}
