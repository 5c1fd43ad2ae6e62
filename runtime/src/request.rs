//! Checking requests before they are sent, and building their URIs.
//!
//! Generated request builders collect every problem they find in a
//! [`Violations`] list (mandatory fields not set, strings too long, numbers
//! out of range, ...) and turn it into one [`InvalidRequest`] error, so a
//! caller sees all the problems at once and nothing is sent to the service.
//! Request bodies implement [`Validate`] to check nested fields.

use std::collections::BTreeMap;
use std::fmt;

use crate::encode;
use crate::error::Escaped;

/// An example endpoint, quoted in error messages about malformed endpoints.
const EXAMPLE_ENDPOINT: &str = "https://dbss.ap-southeast-1.myhuaweicloud.com";

/// One problem found in a request: which field, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The path of the field, such as `project_id` or `body.resources[0].name`.
    pub field: String,
    /// What is wrong, such as `must not be empty`.
    pub message: String,
}

impl fmt::Display for Violation {
    /// Writes `field: message`, or only the message when the field is empty,
    /// with control characters escaped (a message may quote a value).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = Escaped(&self.message);
        if self.field.is_empty() {
            write!(f, "{message}")
        } else {
            write!(f, "{}: {message}", Escaped(&self.field))
        }
    }
}

/// A request that was refused before being sent, with every problem found.
///
/// Displays as, for example,
/// `invalid ListInstances request: project_id: must have 32 to 64 characters, got 5 (nothing was sent)`.
#[derive(Debug, Clone, thiserror::Error)]
#[error("invalid {operation} request{} (nothing was sent)", describe(.violations))]
pub struct InvalidRequest {
    operation: &'static str,
    violations: Vec<Violation>,
}

/// Formats the violations as `: a: x; b: y`, or nothing when there are none.
fn describe(violations: &[Violation]) -> String {
    let mut text = String::new();
    for (index, violation) in violations.iter().enumerate() {
        text.push_str(if index == 0 { ": " } else { "; " });
        text.push_str(&violation.to_string());
    }
    text
}

impl InvalidRequest {
    /// Creates the error for `operation` (such as `ListInstances`).
    #[must_use]
    pub fn new(operation: &'static str, violations: Vec<Violation>) -> Self {
        Self {
            operation,
            violations,
        }
    }

    /// Creates the error for one problem with one field.
    #[must_use]
    pub fn single(operation: &'static str, field: &str, message: impl Into<String>) -> Self {
        Self::new(
            operation,
            vec![Violation {
                field: field.to_owned(),
                message: message.into(),
            }],
        )
    }

    /// The name of the operation whose request was refused.
    #[must_use]
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// Every problem found, in the order they were found.
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

/// Collects the problems found in one operation's request.
///
/// ```
/// use huaweicloud_sdk_core::Violations;
///
/// let mut violations = Violations::new("ListInstances");
/// let project_id = violations.require("project_id", Some("12345"));
/// if let Some(project_id) = project_id {
///     violations.length("project_id", project_id, Some(32), Some(64));
/// }
/// let error = violations.finish().unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "invalid ListInstances request: project_id: must have 32 to 64 characters, got 5 \
///      (nothing was sent)"
/// );
/// ```
#[derive(Debug)]
pub struct Violations {
    operation: &'static str,
    found: Vec<Violation>,
}

impl Violations {
    /// Starts an empty list for `operation` (such as `ListInstances`).
    #[must_use]
    pub fn new(operation: &'static str) -> Self {
        Self {
            operation,
            found: Vec::new(),
        }
    }

    /// Records `is mandatory but was not set` when `value` is `None`, and
    /// returns `value` unchanged.
    pub fn require<T>(&mut self, field: &str, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.push(field, "is mandatory but was not set");
        }
        value
    }

    /// Records `must not be empty` when `value` is empty.
    pub fn non_empty(&mut self, field: &str, value: &str) {
        if value.is_empty() {
            self.push(field, "must not be empty");
        }
    }

    /// Checks that `value` has between `min` and `max` characters (Unicode
    /// scalar values), each bound inclusive and optional.
    pub fn length(&mut self, field: &str, value: &str, min: Option<u64>, max: Option<u64>) {
        let count = value.chars().count();
        let count = u64::try_from(count).unwrap_or(u64::MAX);
        self.count(field, count, min, max, "character");
    }

    /// Checks that a list with `len` items has between `min` and `max` items,
    /// each bound inclusive and optional.
    pub fn items(&mut self, field: &str, len: usize, min: Option<u64>, max: Option<u64>) {
        let len = u64::try_from(len).unwrap_or(u64::MAX);
        self.count(field, len, min, max, "item");
    }

    /// Shared by [`Self::length`] and [`Self::items`].
    fn count(&mut self, field: &str, n: u64, min: Option<u64>, max: Option<u64>, unit: &str) {
        let too_small = min.is_some_and(|min| n < min);
        let too_large = max.is_some_and(|max| n > max);
        if !too_small && !too_large {
            return;
        }
        let plural = |bound: u64| if bound == 1 { "" } else { "s" };
        let message = match (min, max) {
            (Some(min), Some(max)) => format!("must have {min} to {max} {unit}s, got {n}"),
            (Some(min), None) => format!("must have at least {min} {unit}{}, got {n}", plural(min)),
            (None, Some(max)) => format!("must have at most {max} {unit}{}, got {n}", plural(max)),
            (None, None) => return,
        };
        self.push(field, message);
    }

    /// Checks that `value` is between `min` and `max`, each bound inclusive
    /// and optional.
    pub fn range_i64(&mut self, field: &str, value: i64, min: Option<i64>, max: Option<i64>) {
        let too_small = min.is_some_and(|min| value < min);
        let too_large = max.is_some_and(|max| value > max);
        if too_small || too_large {
            self.push(field, range_message(min, max, &value));
        }
    }

    /// Checks that `value` is between `min` and `max`, each bound inclusive
    /// and optional. `NaN` is out of range whenever there is a bound.
    #[allow(clippy::cast_precision_loss)]
    pub fn range_f64(&mut self, field: &str, value: f64, min: Option<i64>, max: Option<i64>) {
        let too_small = min.is_some_and(|min| value.is_nan() || value < min as f64);
        let too_large = max.is_some_and(|max| value.is_nan() || value > max as f64);
        if too_small || too_large {
            self.push(field, range_message(min, max, &value));
        }
    }

    /// Records `is not a valid HTTP header value` when `value` cannot be sent
    /// as a header (for example, it contains a line break).
    ///
    /// The value itself is never recorded, since headers may hold secrets.
    pub fn header_value(&mut self, field: &str, value: &str) {
        if http::HeaderValue::from_str(value).is_err() {
            self.push(field, "is not a valid HTTP header value");
        }
    }

    /// Records any other problem.
    pub fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.found.push(Violation {
            field: field.into(),
            message: message.into(),
        });
    }

    /// Whether no problem has been recorded.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// Turns the list into an error, whether or not it is empty.
    #[must_use]
    pub fn into_error(self) -> InvalidRequest {
        InvalidRequest::new(self.operation, self.found)
    }

    /// `Ok` when no problem was recorded, else the error listing them all.
    ///
    /// # Errors
    ///
    /// Returns an [`InvalidRequest`] when at least one problem was recorded.
    pub fn finish(self) -> Result<(), InvalidRequest> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self.into_error())
        }
    }
}

/// The message for a number outside its range.
fn range_message(min: Option<i64>, max: Option<i64>, value: &dyn fmt::Display) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("must be between {min} and {max}, got {value}"),
        (Some(min), None) => format!("must be at least {min}, got {value}"),
        (None, Some(max)) => format!("must be at most {max}, got {value}"),
        (None, None) => format!("is out of range, got {value}"),
    }
}

/// A value whose fields can be checked before a request is sent.
///
/// Generated request bodies implement this to check each of their fields,
/// naming them with [`join_path`] from `path`.
pub trait Validate {
    /// Records in `violations` every problem in `self`, whose own path is
    /// `path` (empty for a top-level value).
    fn validate(&self, path: &str, violations: &mut Violations);
}

impl<T: Validate> Validate for Option<T> {
    fn validate(&self, path: &str, violations: &mut Violations) {
        if let Some(value) = self {
            value.validate(path, violations);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self, path: &str, violations: &mut Violations) {
        for (index, item) in self.iter().enumerate() {
            item.validate(&format!("{path}[{index}]"), violations);
        }
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate(&self, path: &str, violations: &mut Violations) {
        (**self).validate(path, violations);
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate(&self, path: &str, violations: &mut Violations) {
        for (key, value) in self {
            value.validate(&join_path(path, key), violations);
        }
    }
}

/// Implements [`Validate`] as a no-op for types without nested fields.
macro_rules! validate_nothing {
    ($($ty:ty),* $(,)?) => {
        $(
            impl Validate for $ty {
                fn validate(&self, _path: &str, _violations: &mut Violations) {}
            }
        )*
    };
}

validate_nothing!(String, bool, i32, i64, f32, f64, serde_json::Value);

/// Joins a field name onto the path of its parent: `("", "a")` gives `a`,
/// `("body", "a")` gives `body.a`.
#[must_use]
pub fn join_path(base: &str, field: &str) -> String {
    if base.is_empty() {
        field.to_owned()
    } else {
        format!("{base}.{field}")
    }
}

/// Builds the URI of a request.
///
/// `endpoint` must be an absolute `http` or `https` URL with a host and no
/// query or fragment; its own path, if any, is kept as a prefix (without a
/// trailing `/`). `path` must already be encoded (see
/// [`encode::path_segment`]) and start with `/`. The `query` pairs are
/// appended in the given order, each key and value encoded with
/// [`encode::query_component`].
///
/// ```
/// use huaweicloud_sdk_core::request::build_uri;
///
/// let uri = build_uri(
///     "ListInstances",
///     "https://dbss.example.com/",
///     "/v2/abc/dbss/audit/instances",
///     &[("offset", "0".to_owned()), ("limit", "10".to_owned())],
/// )
/// .unwrap();
/// assert_eq!(
///     uri.to_string(),
///     "https://dbss.example.com/v2/abc/dbss/audit/instances?offset=0&limit=10"
/// );
/// ```
///
/// # Errors
///
/// Returns an [`InvalidRequest`] for `operation` with the field `endpoint`
/// when the endpoint is not such a URL, or with the field `uri` if the
/// result is not a valid URI (for example, because `path` was not encoded).
pub fn build_uri(
    operation: &'static str,
    endpoint: &str,
    path: &str,
    query: &[(&str, String)],
) -> Result<http::Uri, InvalidRequest> {
    let invalid = |field: &str, message: String| {
        InvalidRequest::new(
            operation,
            vec![Violation {
                field: field.to_owned(),
                message,
            }],
        )
    };
    let (scheme, authority, prefix) =
        parse_endpoint(endpoint).map_err(|message| invalid("endpoint", message))?;
    let unfilled = unfilled_placeholders(path);
    if !unfilled.is_empty() {
        return Err(InvalidRequest::new(operation, unfilled));
    }

    let mut uri = format!("{scheme}://{authority}{}", prefix.trim_end_matches('/'));
    if !path.starts_with('/') {
        uri.push('/');
    }
    uri.push_str(path);
    for (index, (key, value)) in query.iter().enumerate() {
        uri.push(if index == 0 { '?' } else { '&' });
        uri.push_str(&encode::query_component(key));
        uri.push('=');
        uri.push_str(&encode::query_component(value));
    }
    http::Uri::try_from(uri).map_err(|error| {
        invalid(
            "uri",
            format!("could not build a valid request URI from the endpoint and path: {error}"),
        )
    })
}

/// Fills a path template such as `/v2/{project_id}/instances/{id}`: each
/// `{...}` placeholder, in order, is replaced by the next of `values`,
/// percent-encoded as one path segment (see [`encode::path_segment`]), so no
/// value can change the path's shape.
///
/// A value that would still change the path is not filled in: `.` and `..`
/// (which URL parsers, reqwest's included, treat as dot-segments even when
/// encoded as `%2E` and `%2E%2E`, so `/instances/../stop` would become
/// `/stop`) and the empty string (which would leave `//`). Such a value, and a
/// placeholder with no value left, stay marked in the path, and
/// [`build_uri`] (so [`RequestWriter::finish`]) refuses the request with an
/// [`InvalidRequest`] naming the placeholder: nothing is sent.
///
/// ```
/// use huaweicloud_sdk_core::request::fill_path;
///
/// assert_eq!(
///     fill_path("/v2/{project_id}/items/{n}", &[&"a/b?", &7]),
///     "/v2/a%2Fb%3F/items/7"
/// );
/// ```
#[must_use]
pub fn fill_path(template: &str, values: &[&dyn fmt::Display]) -> String {
    let mut path = String::with_capacity(template.len() + 32);
    let mut values = values.iter();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        path.push_str(&rest[..open]);
        match values.next().map(ToString::to_string) {
            Some(value) if is_path_changing(&value) => {
                // `{name=..}`: refused by `build_uri`. Encoded values and the
                // template's own text never hold `{`.
                path.push_str(&rest[open..close]);
                path.push('=');
                path.push_str(&value);
                path.push('}');
            }
            Some(value) => path.push_str(&encode::path_segment(&value)),
            None => path.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    path.push_str(rest);
    path
}

/// Whether `value`, as a whole path segment, would change the path's shape
/// even percent-encoded: a dot-segment (`.`, `..`) or nothing.
fn is_path_changing(value: &str) -> bool {
    matches!(value, "" | "." | "..")
}

/// The placeholders [`fill_path`] left in `path` (`{name}` with no value,
/// `{name=..}` with a refused value), as violations naming them.
fn unfilled_placeholders(path: &str) -> Vec<Violation> {
    let mut violations = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let inside = &rest[open + 1..close];
        let violation = match inside.split_once('=') {
            Some((field, value)) => Violation {
                field: field.to_owned(),
                message: if value.is_empty() {
                    "must not be empty: an empty path segment would change the request's path"
                        .to_owned()
                } else {
                    format!(
                        "must not be {value:?}: as a path segment it is a dot-segment, which \
                         would change the request's path (`..` removes the segment before it)"
                    )
                },
            },
            None => Violation {
                field: inside.to_owned(),
                message: "has no value to fill the request's path".to_owned(),
            },
        };
        violations.push(violation);
        rest = &rest[close + 1..];
    }
    violations
}

/// A value sent as a query parameter or header: nothing for an unset
/// `Option`, one value per item of a `Vec` (a repeated query key or header),
/// and the `Display` text of anything else.
///
/// Implemented for the scalar types of the API reference here, and for each
/// generated enumeration by its impl macro.
pub trait ParamValue {
    /// Calls `each` with every value to send, in order.
    fn for_each_value(&self, each: &mut dyn FnMut(String));
}

impl<T: ParamValue> ParamValue for Option<T> {
    fn for_each_value(&self, each: &mut dyn FnMut(String)) {
        if let Some(value) = self {
            value.for_each_value(each);
        }
    }
}

impl<T: ParamValue> ParamValue for Vec<T> {
    fn for_each_value(&self, each: &mut dyn FnMut(String)) {
        for value in self {
            value.for_each_value(each);
        }
    }
}

macro_rules! param_value_display {
    ($($ty:ty),*) => {
        $(
            impl ParamValue for $ty {
                fn for_each_value(&self, each: &mut dyn FnMut(String)) {
                    each(self.to_string());
                }
            }
        )*
    };
}

param_value_display!(String, bool, i32, i64, f32, f64);

/// Builds the `http::Request` of an operation from its parts, the way
/// generated `to_http_request` methods do:
///
/// ```
/// use huaweicloud_sdk_core::http::Method;
/// use huaweicloud_sdk_core::request::RequestWriter;
///
/// let request = RequestWriter::new("ListThings", Method::GET, "https://svc.example.com", "/v1/things".to_owned())
///     .query("limit", &Some(10))
///     .query("tag", &vec!["a".to_owned(), "b c".to_owned()])
///     .header("X-Language", &None::<String>)
///     .finish()
///     .unwrap();
/// assert_eq!(request.uri(), "https://svc.example.com/v1/things?limit=10&tag=a&tag=b%20c");
/// assert_eq!(request.headers()["content-type"], "application/json");
/// assert!(request.body().is_empty());
/// ```
#[derive(Debug)]
pub struct RequestWriter<'a> {
    operation: &'static str,
    method: http::Method,
    endpoint: &'a str,
    path: String,
    query: Vec<(&'static str, String)>,
    headers: Vec<(&'static str, String)>,
    body: Result<Vec<u8>, InvalidRequest>,
}

impl<'a> RequestWriter<'a> {
    /// A request of `operation` to `endpoint` (the service's base URL) with
    /// `path` already encoded (see [`fill_path`]), and no body.
    #[must_use]
    pub fn new(
        operation: &'static str,
        method: http::Method,
        endpoint: &'a str,
        path: String,
    ) -> Self {
        Self {
            operation,
            method,
            endpoint,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: Ok(Vec::new()),
        }
    }

    /// Adds the query parameter `name` once per value (none when unset).
    #[must_use]
    pub fn query(mut self, name: &'static str, value: &dyn ParamValue) -> Self {
        value.for_each_value(&mut |v| self.query.push((name, v)));
        self
    }

    /// Adds the header `name` once per value (none when unset).
    #[must_use]
    pub fn header(mut self, name: &'static str, value: &dyn ParamValue) -> Self {
        value.for_each_value(&mut |v| self.headers.push((name, v)));
        self
    }

    /// Sets the body to `body` encoded as JSON.
    #[must_use]
    pub fn json_body<T: serde::Serialize + ?Sized>(mut self, body: &T) -> Self {
        let operation = self.operation;
        self.body = serde_json::to_vec(body).map_err(|e| {
            InvalidRequest::single(operation, "body", format!("cannot be encoded as JSON: {e}"))
        });
        self
    }

    /// The request, with `Content-Type: application/json`.
    ///
    /// # Errors
    ///
    /// An [`InvalidRequest`] when the endpoint is not an absolute `http(s)`
    /// URL or the URI is invalid (see [`build_uri`]), when the body cannot be
    /// encoded, or when a header value is not a valid header.
    pub fn finish(self) -> Result<http::Request<Vec<u8>>, InvalidRequest> {
        let uri = build_uri(self.operation, self.endpoint, &self.path, &self.query)?;
        let body = self.body?;
        let mut builder = http::Request::builder()
            .method(self.method)
            .uri(uri)
            .header(http::header::CONTENT_TYPE, "application/json");
        for (name, value) in self.headers {
            builder = builder.header(name, value);
        }
        builder
            .body(body)
            .map_err(|e| InvalidRequest::single(self.operation, "request", e.to_string()))
    }
}

/// Splits an endpoint into scheme, authority and path, or says what is wrong.
fn parse_endpoint(endpoint: &str) -> Result<(String, String, String), String> {
    let not_absolute =
        || format!("must be an absolute http(s) URL such as {EXAMPLE_ENDPOINT}, got {endpoint:?}");
    let Ok(uri) = endpoint.parse::<http::Uri>() else {
        return Err(not_absolute());
    };
    let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
        return Err(not_absolute());
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(format!(
            "must use the http or https scheme, such as {EXAMPLE_ENDPOINT}, got {endpoint:?}"
        ));
    }
    if authority.as_str().contains('@') {
        // Not echoed: the user information may hold a password.
        return Err(format!(
            "must not contain user information (`user@`), such as {EXAMPLE_ENDPOINT}"
        ));
    }
    if authority.host().is_empty() {
        return Err(not_absolute());
    }
    if uri.query().is_some() || endpoint.contains('#') {
        return Err(format!(
            "must not have a query or fragment, such as {EXAMPLE_ENDPOINT}, got {endpoint:?}"
        ));
    }
    Ok((
        scheme.to_ascii_lowercase(),
        authority.as_str().to_owned(),
        uri.path().to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(violations: Violations) -> Vec<String> {
        violations
            .into_error()
            .violations()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn violation_displays_field_and_message() {
        let violation = Violation {
            field: "body.name".to_owned(),
            message: "must not be empty".to_owned(),
        };
        assert_eq!(violation.to_string(), "body.name: must not be empty");
        let violation = Violation {
            field: String::new(),
            message: "must not be empty".to_owned(),
        };
        assert_eq!(violation.to_string(), "must not be empty");
    }

    #[test]
    fn violation_display_escapes_control_characters() {
        let violation = Violation {
            field: "name\x1b[2J".to_owned(),
            message: "must not be \"a\nb\"".to_owned(),
        };
        assert_eq!(
            violation.to_string(),
            "name\\u{1b}[2J: must not be \"a\\nb\""
        );
    }

    #[test]
    fn invalid_request_display_with_one_violation() {
        let error = InvalidRequest::new(
            "ListInstances",
            vec![Violation {
                field: "project_id".to_owned(),
                message: "must have 32 to 64 characters, got 5".to_owned(),
            }],
        );
        assert_eq!(
            error.to_string(),
            "invalid ListInstances request: project_id: must have 32 to 64 characters, got 5 \
             (nothing was sent)"
        );
        assert_eq!(error.operation(), "ListInstances");
        assert_eq!(error.violations().len(), 1);
    }

    #[test]
    fn invalid_request_display_joins_violations() {
        let mut violations = Violations::new("AddAuditDatabase");
        violations.push("project_id", "is mandatory but was not set");
        violations.push("body.database.name", "must not be empty");
        assert_eq!(
            violations.into_error().to_string(),
            "invalid AddAuditDatabase request: project_id: is mandatory but was not set; \
             body.database.name: must not be empty (nothing was sent)"
        );
    }

    #[test]
    fn invalid_request_display_without_violations() {
        let error = InvalidRequest::new("ListInstances", Vec::new());
        assert_eq!(
            error.to_string(),
            "invalid ListInstances request (nothing was sent)"
        );
    }

    #[test]
    fn require_records_missing_values_and_returns_the_value() {
        let mut violations = Violations::new("Op");
        assert_eq!(violations.require("a", Some(3)), Some(3));
        assert!(violations.is_empty());
        assert_eq!(violations.require::<i32>("b", None), None);
        assert!(!violations.is_empty());
        assert_eq!(messages(violations), ["b: is mandatory but was not set"]);
    }

    #[test]
    fn non_empty() {
        let mut violations = Violations::new("Op");
        violations.non_empty("a", "x");
        violations.non_empty("b", "");
        assert_eq!(messages(violations), ["b: must not be empty"]);
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let mut violations = Violations::new("Op");
        violations.length("a", "ééé", Some(3), Some(3));
        assert!(violations.is_empty());
        violations.length("b", "éééé", None, Some(3));
        assert_eq!(
            messages(violations),
            ["b: must have at most 3 characters, got 4"]
        );
    }

    #[test]
    fn length_messages() {
        let mut violations = Violations::new("Op");
        violations.length("both", "12345", Some(32), Some(64));
        violations.length("min", "x", Some(3), None);
        violations.length("max", "12345678901", None, Some(10));
        violations.length("one", "", Some(1), None);
        violations.length("at_max", "1234567890", None, Some(10));
        violations.length("at_min", "123", Some(3), None);
        violations.length("no_bounds", "", None, None);
        assert_eq!(
            messages(violations),
            [
                "both: must have 32 to 64 characters, got 5",
                "min: must have at least 3 characters, got 1",
                "max: must have at most 10 characters, got 11",
                "one: must have at least 1 character, got 0",
            ]
        );
    }

    #[test]
    fn range_i64_messages() {
        let mut violations = Violations::new("Op");
        violations.range_i64("both", 0, Some(1), Some(100));
        violations.range_i64("both_high", 101, Some(1), Some(100));
        violations.range_i64("min", 0, Some(1), None);
        violations.range_i64("max", 101, None, Some(100));
        violations.range_i64("ok_low", 1, Some(1), Some(100));
        violations.range_i64("ok_high", 100, Some(1), Some(100));
        violations.range_i64("no_bounds", i64::MIN, None, None);
        assert_eq!(
            messages(violations),
            [
                "both: must be between 1 and 100, got 0",
                "both_high: must be between 1 and 100, got 101",
                "min: must be at least 1, got 0",
                "max: must be at most 100, got 101",
            ]
        );
    }

    #[test]
    fn range_f64_messages() {
        let mut violations = Violations::new("Op");
        violations.range_f64("both", 0.0, Some(1), Some(100));
        violations.range_f64("min", 0.5, Some(1), None);
        violations.range_f64("max", 100.5, None, Some(100));
        violations.range_f64("nan", f64::NAN, Some(1), None);
        violations.range_f64("ok", 100.0, Some(1), Some(100));
        violations.range_f64("unbounded_nan", f64::NAN, None, None);
        assert_eq!(
            messages(violations),
            [
                "both: must be between 1 and 100, got 0",
                "min: must be at least 1, got 0.5",
                "max: must be at most 100, got 100.5",
                "nan: must be at least 1, got NaN",
            ]
        );
    }

    #[test]
    fn items_messages() {
        let mut violations = Violations::new("Op");
        violations.items("both", 0, Some(1), Some(10));
        violations.items("min", 1, Some(2), None);
        violations.items("max", 11, None, Some(10));
        violations.items("one", 2, None, Some(1));
        violations.items("ok", 10, Some(1), Some(10));
        assert_eq!(
            messages(violations),
            [
                "both: must have 1 to 10 items, got 0",
                "min: must have at least 2 items, got 1",
                "max: must have at most 10 items, got 11",
                "one: must have at most 1 item, got 2",
            ]
        );
    }

    #[test]
    fn header_value_never_echoes_the_value() {
        let mut violations = Violations::new("Op");
        violations.header_value("ok", "Bearer abc");
        violations.header_value("X-Auth-Token", "secret\r\nInjected: yes");
        let error = violations.into_error();
        let text = error.to_string();
        assert_eq!(
            text,
            "invalid Op request: X-Auth-Token: is not a valid HTTP header value \
             (nothing was sent)"
        );
        assert!(!format!("{error:?}").contains("secret"));
    }

    #[test]
    fn finish_is_ok_only_when_empty() {
        assert!(Violations::new("Op").finish().is_ok());
        let mut violations = Violations::new("Op");
        violations.push(String::from("a"), "bad");
        let error = violations.finish().unwrap_err();
        assert_eq!(error.operation(), "Op");
        assert_eq!(
            error.violations(),
            [Violation {
                field: "a".to_owned(),
                message: "bad".to_owned()
            }]
        );
    }

    /// A body with one checked field, to test the container impls.
    struct Named(String);

    impl Validate for Named {
        fn validate(&self, path: &str, violations: &mut Violations) {
            violations.non_empty(&join_path(path, "name"), &self.0);
        }
    }

    #[test]
    fn validate_containers_build_paths() {
        let mut violations = Violations::new("Op");
        let list = vec![Named("x".to_owned()), Named(String::new())];
        list.validate("body.items", &mut violations);
        Some(Named(String::new())).validate("body.single", &mut violations);
        None::<Named>.validate("body.none", &mut violations);
        Box::new(Named(String::new())).validate("boxed", &mut violations);
        let map = BTreeMap::from([
            ("k1".to_owned(), Named(String::new())),
            ("k2".to_owned(), Named("y".to_owned())),
        ]);
        map.validate("body.tags", &mut violations);
        map.validate("", &mut violations);
        vec![vec![Named(String::new())]].validate("", &mut violations);
        assert_eq!(
            messages(violations),
            [
                "body.items[1].name: must not be empty",
                "body.single.name: must not be empty",
                "boxed.name: must not be empty",
                "body.tags.k1.name: must not be empty",
                "k1.name: must not be empty",
                "[0][0].name: must not be empty",
            ]
        );
    }

    #[test]
    fn validate_leaves_are_no_ops() {
        let mut violations = Violations::new("Op");
        String::new().validate("a", &mut violations);
        false.validate("a", &mut violations);
        0_i32.validate("a", &mut violations);
        0_i64.validate("a", &mut violations);
        0_f32.validate("a", &mut violations);
        f64::NAN.validate("a", &mut violations);
        serde_json::Value::Null.validate("a", &mut violations);
        assert!(violations.is_empty());
    }

    #[test]
    fn join_path_examples() {
        assert_eq!(join_path("", "a"), "a");
        assert_eq!(join_path("body", "a"), "body.a");
        assert_eq!(join_path("body.list[0]", "a"), "body.list[0].a");
    }

    fn uri(endpoint: &str, path: &str, query: &[(&str, String)]) -> String {
        build_uri("Op", endpoint, path, query)
            .map(|uri| uri.to_string())
            .unwrap_or_else(|error| panic!("{error}"))
    }

    fn uri_error(endpoint: &str) -> String {
        match build_uri("Op", endpoint, "/v1/x", &[]) {
            Ok(uri) => panic!("{endpoint:?} was accepted as {uri}"),
            Err(error) => {
                assert_eq!(error.operation(), "Op");
                assert_eq!(error.violations().len(), 1);
                assert_eq!(error.violations()[0].field, "endpoint");
                error.violations()[0].message.clone()
            }
        }
    }

    #[test]
    fn build_uri_with_host_and_port() {
        assert_eq!(
            uri("http://127.0.0.1:8080", "/v1/p/instances", &[]),
            "http://127.0.0.1:8080/v1/p/instances"
        );
        assert_eq!(
            uri("HTTPS://Example.com", "/v1", &[]),
            "https://Example.com/v1"
        );
    }

    #[test]
    fn build_uri_keeps_endpoint_prefix() {
        assert_eq!(
            uri("https://h/prefix/", "/v1/x", &[]),
            "https://h/prefix/v1/x"
        );
        assert_eq!(
            uri("https://h/prefix", "/v1/x", &[]),
            "https://h/prefix/v1/x"
        );
        assert_eq!(uri("https://h/", "/v1/x", &[]), "https://h/v1/x");
        assert_eq!(uri("https://h", "v1/x", &[]), "https://h/v1/x");
        assert_eq!(uri("https://h", "", &[]), "https://h/");
    }

    #[test]
    fn build_uri_encodes_query_in_order() {
        assert_eq!(
            uri(
                "https://h",
                "/v1/x",
                &[
                    ("offset", "0".to_owned()),
                    ("name", "a b&c=d".to_owned()),
                    ("limit", "10".to_owned()),
                    ("k y", "é".to_owned()),
                ]
            ),
            "https://h/v1/x?offset=0&name=a%20b%26c%3Dd&limit=10&k%20y=%C3%A9"
        );
        assert_eq!(
            uri("https://h", "/v1/x", &[("empty", String::new())]),
            "https://h/v1/x?empty="
        );
    }

    #[test]
    fn build_uri_rejects_missing_scheme() {
        assert_eq!(
            uri_error("dbss.example.com"),
            "must be an absolute http(s) URL such as \
             https://dbss.ap-southeast-1.myhuaweicloud.com, got \"dbss.example.com\""
        );
        assert_eq!(
            uri_error(""),
            "must be an absolute http(s) URL such as \
             https://dbss.ap-southeast-1.myhuaweicloud.com, got \"\""
        );
        assert_eq!(
            uri_error("/v1/only-a-path"),
            "must be an absolute http(s) URL such as \
             https://dbss.ap-southeast-1.myhuaweicloud.com, got \"/v1/only-a-path\""
        );
        assert_eq!(
            uri_error("https://exa mple.com"),
            "must be an absolute http(s) URL such as \
             https://dbss.ap-southeast-1.myhuaweicloud.com, got \"https://exa mple.com\""
        );
    }

    #[test]
    fn build_uri_rejects_other_schemes() {
        assert_eq!(
            uri_error("ftp://x"),
            "must use the http or https scheme, such as \
             https://dbss.ap-southeast-1.myhuaweicloud.com, got \"ftp://x\""
        );
    }

    #[test]
    fn build_uri_rejects_query_and_fragment() {
        assert_eq!(
            uri_error("https://h?x=1"),
            "must not have a query or fragment, such as \
             https://dbss.ap-southeast-1.myhuaweicloud.com, got \"https://h?x=1\""
        );
        assert!(uri_error("https://h/#frag").starts_with("must not have a query or fragment"));
    }

    #[test]
    fn build_uri_rejects_user_info_without_echoing_it() {
        let message = uri_error("https://user:hunter2@h");
        assert_eq!(
            message,
            "must not contain user information (`user@`), such as \
             https://dbss.ap-southeast-1.myhuaweicloud.com"
        );
    }

    #[test]
    fn build_uri_reports_unencoded_path() {
        let error = build_uri("Op", "https://h", "/v1/a b", &[]).unwrap_err();
        assert_eq!(error.violations()[0].field, "uri");
        assert!(
            error.violations()[0]
                .message
                .starts_with("could not build a valid request URI"),
            "{error}"
        );
    }

    #[test]
    fn fill_path_encodes_each_value_and_keeps_a_placeholder_without_one() {
        assert_eq!(
            fill_path("/v1/{a}/x/{b}", &[&"...", &"a b"]),
            "/v1/%2E%2E%2E/x/a%20b"
        );
        assert_eq!(fill_path("/v1/{a}/x/{b}", &[&1]), "/v1/1/x/{b}");
        assert_eq!(fill_path("/v1/none", &[]), "/v1/none");
        assert_eq!(fill_path("/v1/{open", &[&1]), "/v1/{open");
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused_naming_the_field() {
        for (value, expected) in [
            (
                "..",
                "id: must not be \"..\": as a path segment it is a dot-segment",
            ),
            (
                ".",
                "id: must not be \".\": as a path segment it is a dot-segment",
            ),
            ("", "id: must not be empty"),
        ] {
            let path = fill_path("/v1/{project_id}/instances/{id}/stop", &[&"p", &value]);
            let error = RequestWriter::new("StopInstance", http::Method::POST, "https://h", path)
                .finish()
                .unwrap_err();
            assert_eq!(error.violations().len(), 1, "{error}");
            assert_eq!(error.violations()[0].field, "id");
            assert!(error.to_string().contains(expected), "{error}");
            assert!(error.to_string().ends_with("(nothing was sent)"), "{error}");
        }
        // Values that merely contain dots stay, encoded.
        for value in ["...", ".a", "a..", "%2e%2e", ". ."] {
            let path = fill_path("/v1/{id}/stop", &[&value]);
            let request = RequestWriter::new("Op", http::Method::GET, "https://h", path)
                .finish()
                .unwrap();
            assert_eq!(request.uri().path().matches('/').count(), 3, "{value:?}");
        }
        let error = build_uri("Op", "https://h", "/v1/{a}/{b}", &[]).unwrap_err();
        let fields: Vec<_> = error
            .violations()
            .iter()
            .map(|v| v.field.as_str())
            .collect();
        assert_eq!(fields, ["a", "b"]);
        assert!(error.to_string().contains("has no value"), "{error}");
    }

    #[test]
    fn request_writer_reports_the_endpoint_first_then_the_body_then_headers() {
        struct Unencodable;
        impl serde::Serialize for Unencodable {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("no"))
            }
        }
        let writer =
            |endpoint| RequestWriter::new("Op", http::Method::POST, endpoint, "/v1/x".to_owned());
        let error = writer("ftp://x")
            .json_body(&Unencodable)
            .finish()
            .unwrap_err();
        assert_eq!(error.violations()[0].field, "endpoint");
        let error = writer("https://x.example")
            .json_body(&Unencodable)
            .finish()
            .unwrap_err();
        assert_eq!(error.violations()[0].field, "body");
        assert!(
            error.violations()[0]
                .message
                .contains("cannot be encoded as JSON")
        );
        let error = writer("https://x.example")
            .header("X-Bad", &"a\nb".to_owned())
            .finish()
            .unwrap_err();
        assert_eq!(error.violations()[0].field, "request");

        let request = writer("https://x.example")
            .query("n", &7i64)
            .header("X-Tag", &vec!["a".to_owned(), "b".to_owned()])
            .json_body(&serde_json::json!({"k": true}))
            .finish()
            .unwrap();
        assert_eq!(request.method(), http::Method::POST);
        assert_eq!(request.uri(), "https://x.example/v1/x?n=7");
        let tags: Vec<_> = request.headers().get_all("x-tag").iter().collect();
        assert_eq!(tags, ["a", "b"]);
        assert_eq!(request.body(), br#"{"k":true}"#);
    }
}
