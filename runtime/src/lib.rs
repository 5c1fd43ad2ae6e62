//! Hand-written support code that the generated Huawei Cloud SDK crates call.
//!
//! Generated code uses this crate to:
//!
//! * percent-encode path and query values ([`encode`]);
//! * check a request before sending it and build its URI ([`request`]),
//!   reporting every problem at once as an [`InvalidRequest`];
//! * decode response bodies and describe what went wrong ([`response`]):
//!   a documented [`ServiceError`], a body that does not match the API
//!   reference ([`DecodeError`]), or a response nobody expected
//!   ([`UnhandledResponse`]);
//! * test that models round-trip the API reference's examples ([`testing`]);
//! * find credentials (AK/SK with an optional security token, or an IAM token) in code, the
//!   environment, the credentials file or instance metadata, look up a missing project id in
//!   IAM, and sign requests with SDK-HMAC-SHA256 ([`credentials`], [`metadata`], [`iam`],
//!   [`signer`]);
//! * turn a region into an endpoint (variable, regions file, built-in table), or check an
//!   explicit one ([`endpoint`]); escape server text for a terminal ([`text`]);
//! * send requests over reqwest with rustls: timeouts, retries with back-off and jitter
//!   ([`retry`]), a cap on the response size, a tracing span per call ([`transport`],
//!   [`client`]), one error type for every way a call fails ([`error`]) and one
//!   trait for what every level of it tells ([`ErrorMetadata`]: status, request id, error
//!   code and message);
//! * send through another HTTP stack ([`http_client`]), correct a skewed
//!   clock when the gateway refuses a signature as expired ([`skew`]), and
//!   show the gateway's canonical request beside ours when it refuses a
//!   signature as not matching ([`signature`]);
//! * walk the pages of a listing as a `Stream` of pages or of items ([`paginator`]);
//! * serve an in-process mock of a service from its generated operation table (module
//!   `mock`, feature `mock`).
//!
//! The [`http`] and [`serde_json`] crates are re-exported so generated code
//! uses the same versions as this crate.

#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod client;
pub mod credentials;
pub mod encode;
pub mod endpoint;
mod enums;
pub mod error;
pub mod http_client;
pub mod iam;
mod identity;
pub mod metadata;
#[cfg(feature = "mock")]
pub mod mock;
mod object;
pub mod paginator;
pub mod request;
pub mod response;
pub mod retry;
pub mod signature;
pub mod signer;
pub mod skew;
pub mod testing;
pub mod text;
pub mod transport;

pub use http;
pub use request::{InvalidRequest, Validate, Violation, Violations};
pub use response::{DecodeError, ErrorBody, ServiceError, UnhandledResponse};
pub use serde_json;

pub use client::{BuildError, ClientBuilder, ClientConfig, ClientCore};
pub use error::{
    Error, ErrorKind, ErrorMetadata, SendError, ServiceErrorInfo, TransportError,
    TransportErrorKind,
};
pub use retry::RetryPolicy;

/// What the impl macros of generated enumerations refer to; not an API.
#[doc(hidden)]
pub mod __private {
    pub use crate::object::{Object, deserialize_object};
    pub use serde;
}
pub use credentials::Credentials;
pub use http_client::{HttpClient, HttpClientError};
#[cfg(feature = "mock")]
pub use mock::MockServer;
pub use transport::{CallOptions, HttpConfig, Transport};
