//! An experiment: our models with the peers' (typify's) closed enumerations in place of our
//! open ones, to see what the open enumerations cost.

use crate::peers::typify as T;

/// typify's enumerations: closed, an unknown value fails the decode (and those it does not
/// make enumerations of, a plain integer or string).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Closed;

impl super::Enums for Closed {
    type ChargeModel = T::ClusterChargeModel;
    type DeployMode = T::ClusterDeployMode;
    type Effect = i32;
    type ActiveRole = i32;
    type Scene = String;
    type UpdateStatus = T::ResponseServerUpdateStatus;
}

/// The ListInstances response with `String`s and typify's enumerations.
pub type ListInstancesResponse = super::ListInstancesResponse<String, Closed>;
