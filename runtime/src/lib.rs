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
//! * test that models round-trip the API reference's examples ([`testing`]).
//!
//! The [`http`] and [`serde_json`] crates are re-exported so generated code
//! uses the same versions as this crate.

#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod encode;
pub mod request;
pub mod response;
pub mod testing;

pub use http;
pub use request::{InvalidRequest, Validate, Violation, Violations};
pub use response::{DecodeError, ErrorBody, ServiceError, UnhandledResponse};
pub use serde_json;
