//! Huawei Cloud's conventions, in one place: what the generic stages must not know about the
//! cloud. Every runtime symbol the emitted code names goes through [`runtime`] (the way
//! smithy-rs routes them through `RuntimeType`); the credential headers, the parameter the
//! credentials fill and the environment variable names are here too. A second cloud would
//! replace this module, not edit the stages.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::Location;

/// The runtime crate as Rust code names it.
const RUNTIME_CRATE: &str = "huaweicloud_sdk_core";

/// The runtime's package name, for the generated `Cargo.toml`.
pub const RUNTIME_PACKAGE: &str = "huaweicloud-sdk-core";

/// Header parameters that the client fills from the credentials, never the caller
/// (lower case; header names compare without case).
const CREDENTIAL_HEADERS: &[&str] = &[
    "x-auth-token",
    "x-security-token",
    "authorization",
    "x-sdk-date",
    "x-project-id",
    "host",
];

/// The path parameter the client fills from its credentials when the call does not set it.
const PROJECT_ID: &str = "project_id";

/// The prefix of the environment variables `Client::from_env` reads.
const ENV_PREFIX: &str = "HUAWEICLOUD_SDK_";

/// A path into the runtime crate: `runtime("client::ClientCore")` is
/// `::huaweicloud_sdk_core::client::ClientCore`; `runtime("")` is the crate itself.
pub fn runtime(item: &str) -> TokenStream {
    let krate = format_ident!("{RUNTIME_CRATE}");
    let segments = item
        .split("::")
        .filter(|s| !s.is_empty())
        .map(|s| format_ident!("{s}"));
    quote!(::#krate #(:: #segments)*)
}

/// The runtime crate's name, for a `use` of it.
pub fn runtime_crate() -> proc_macro2::Ident {
    format_ident!("{RUNTIME_CRATE}")
}

/// True for a header parameter the signer writes (the page lists it, the caller never sets it).
pub fn is_credential_header(location: Location, wire: &str) -> bool {
    location == Location::Header && CREDENTIAL_HEADERS.contains(&wire.to_ascii_lowercase().as_str())
}

/// True for a response header that carries a secret (`X-Subject-Token`, any `*token*`
/// header): the generated output keeps it as the runtime's `Secret`.
pub fn is_secret_response_header(wire: &str) -> bool {
    wire.to_ascii_lowercase().contains("token")
}

/// True for the parameter the client fills from its credentials (the project id in the path).
pub fn filled_from_credentials(location: Location, wire: &str) -> bool {
    location == Location::Path && wire == PROJECT_ID
}

/// The doc line of `Client::from_env`: which environment variables it reads.
pub fn from_env_doc(example_region: &str) -> String {
    let e = ENV_PREFIX;
    format!(
        "- [`Client::from_env`]: credentials from `{e}AK`/`_SK`/`_PROJECT_ID`/`_SECURITY_TOKEN` or the credentials file, region from `{e}REGION` (such as `{example_region}`), or an endpoint from `{e}ENDPOINT`."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_paths() {
        assert_eq!(
            runtime("client::ClientCore").to_string(),
            ":: huaweicloud_sdk_core :: client :: ClientCore"
        );
        assert_eq!(runtime("").to_string(), ":: huaweicloud_sdk_core");
        assert!(is_credential_header(Location::Header, "X-Auth-Token"));
        assert!(!is_credential_header(Location::Query, "X-Auth-Token"));
        assert!(filled_from_credentials(Location::Path, "project_id"));
        assert!(!filled_from_credentials(Location::Query, "project_id"));
    }
}
