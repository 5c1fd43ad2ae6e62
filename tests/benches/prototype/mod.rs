//! A prototype, not generated code: the ListInstances models as `cargo xtask codegen` writes
//! them (`generated/src/models/`), with one change, every `String` a `compact_str::CompactString`
//! (24 bytes like `String`, but a string of up to 24 bytes is kept inline, without an
//! allocation). The enumerations are the generated ones. The `decode` benchmark measures it as
//! `typed_compact` to show what the change would bring; see `tests/benches/README.md`.

pub mod closed;

use compact_str::CompactString;
use huaweicloud_sdk_dbss::models::{
    ActiveRole, ChargeModel, DeployMode, Effect, ResponseServerScene, UpdateStatus,
};

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ListInstancesResponse {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clusters: Option<Vec<Cluster>>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Cluster {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activate_info: Option<InstanceActivateInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_model: Option<ChargeModel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deploy_mode: Option<DeployMode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<ServerList>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enterprise_project_id: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expired: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub float_ip: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_active_standby: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keep_days: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_version: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_ip: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remain_days: Option<CompactString>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct InstanceActivateInfo {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dsc_proxy_domain_name: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dsc_proxy_ip: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dsc_proxy_port: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub master_node_id: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slave_node_id: Option<CompactString>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ServerList {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<Vec<ResponseServer>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ResponseServer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connect_ip: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effect: Option<Effect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_active: Option<ActiveRole>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ram: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_spec_code: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scene: Option<ResponseServerScene>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_group_id: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub specification: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_status: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_status: Option<UpdateStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_id: Option<CompactString>,
}
