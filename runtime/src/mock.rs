//! An in-process mock of a Huawei Cloud service, described by its API reference.
//!
//! A generated crate emits a static table of its operations ([`MockOperation`]:
//! method, path template, documented parameters with their constraints, and
//! every documented status with its example body) and starts a
//! [`MockServer`] from it. The server listens on `127.0.0.1` on a free port
//! and, for each request:
//!
//! 1. finds the operation whose method and path template match (an unknown
//!    path gives `404`, a known path with the wrong method `405` with an
//!    `Allow` header);
//! 2. checks that credentials are present: an `X-Auth-Token` header, or an
//!    `Authorization: SDK-HMAC-SHA256 ...` header with `X-Sdk-Date` (else
//!    `401`); after [`MockServer::require_aksk`], the AK/SK signature must
//!    verify (else `401`);
//! 3. checks the request against the API reference: mandatory path, query
//!    and header parameters present, lengths (in characters), integer ranges
//!    and documented values respected, and a JSON body sent when the
//!    operation takes one (else `400`, naming every problem). A documented
//!    `X-Auth-Token` header is not required of a request signed with AK/SK,
//!    since the signature replaces it;
//! 4. answers the status chosen with [`MockServer::respond_with`], or the
//!    documented error chosen with [`MockServer::respond_with_error`]
//!    (`{"error_code": "DBSS.10020100", "error_msg": "..."}` with its
//!    status), if any, else the documented success example (or `{}`).
//!
//! Every response is JSON (`Content-Type: application/json`) and carries an
//! `X-Request-Id: mock-<n>` header. The mock's own errors have the Huawei
//! Cloud shape, `{"error_code": "MOCK.<status>", "error_msg": "..."}`.
//!
//! Requests are recorded ([`MockServer::requests`]) so tests can check what
//! a client sent. The server stops when the [`MockServer`] is dropped.
//!
//! ```no_run
//! use huaweicloud_sdk_core::mock::{MockOperation, MockParam, MockServer, MockStatus, ParamLocation};
//!
//! static OPERATIONS: &[MockOperation] = &[MockOperation {
//!     id: "ListInstances",
//!     method: "POST",
//!     path_template: "/v2/{project_id}/db-om/instances",
//!     params: &[MockParam::new("project_id", ParamLocation::Path, true).length(Some(32), Some(64))],
//!     success_status: 200,
//!     statuses: &[
//!         MockStatus::new(200, "OK", Some(r#"{"clusters": []}"#)),
//!         MockStatus::new(403, "Unauthorized", None),
//!     ],
//!     has_body: false,
//!     paging: None,
//! }];
//!
//! # async fn demo() -> std::io::Result<()> {
//! let server = MockServer::start(OPERATIONS).await?;
//! let endpoint = server.endpoint(); // "http://127.0.0.1:PORT": send requests here
//! server.respond_with("ListInstances", 403).expect("403 is documented");
//! # let _ = endpoint;
//! # Ok(())
//! # }
//! ```

use std::collections::HashMap;
use std::convert::Infallible;
use std::fmt;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use percent_encoding::percent_decode_str;
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

use crate::credentials::Secret;
use crate::http_client::{HttpClient, HttpClientError, HttpFuture};

/// The largest request body the mock reads, in bytes; a larger one gets `413`.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// The scheme that starts an AK/SK `Authorization` header.
const SIGNATURE_SCHEME: &str = "SDK-HMAC-SHA256";

/// Headers whose values are credentials: [`RecordedRequest`]'s `Debug` hides them.
const SECRET_HEADERS: [&str; 4] = [
    "authorization",
    "x-auth-token",
    "x-security-token",
    "cookie",
];

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamLocation {
    /// A `{placeholder}` of the path template.
    Path,
    /// A query parameter (`?name=value`; it may be repeated).
    Query,
    /// A request header.
    Header,
}

impl ParamLocation {
    /// How messages name a parameter sent here.
    fn label(self) -> &'static str {
        match self {
            ParamLocation::Path => "path parameter",
            ParamLocation::Query => "query parameter",
            ParamLocation::Header => "header",
        }
    }
}

/// A documented request parameter and its constraints, as the API reference gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MockParam {
    /// The parameter's name: the placeholder's name for a path parameter, the
    /// key for a query parameter, the header's name (any case) for a header.
    pub name: &'static str,
    /// Where the parameter is sent.
    pub location: ParamLocation,
    /// Whether every request must send it.
    pub mandatory: bool,
    /// The fewest characters (Unicode scalar values) a value may have.
    pub min_length: Option<u64>,
    /// The most characters (Unicode scalar values) a value may have.
    pub max_length: Option<u64>,
    /// The smallest value; when this or `maximum` is set, the value must be an integer.
    pub minimum: Option<i64>,
    /// The largest value; when this or `minimum` is set, the value must be an integer.
    pub maximum: Option<i64>,
    /// The documented values (an enumeration); empty means any value.
    pub allowed: &'static [&'static str],
}

impl MockParam {
    /// A parameter with no constraints; the methods below add them (in a
    /// `static` table: they are `const`).
    #[must_use]
    pub const fn new(name: &'static str, location: ParamLocation, mandatory: bool) -> Self {
        Self {
            name,
            location,
            mandatory,
            min_length: None,
            max_length: None,
            minimum: None,
            maximum: None,
            allowed: &[],
        }
    }

    /// Limits the number of characters.
    #[must_use]
    pub const fn length(mut self, min: Option<u64>, max: Option<u64>) -> Self {
        self.min_length = min;
        self.max_length = max;
        self
    }

    /// Limits the value to a range of integers.
    #[must_use]
    pub const fn range(mut self, min: Option<i64>, max: Option<i64>) -> Self {
        self.minimum = min;
        self.maximum = max;
        self
    }

    /// Limits the value to the documented values of an enumeration.
    #[must_use]
    pub const fn allowed(mut self, values: &'static [&'static str]) -> Self {
        self.allowed = values;
        self
    }
}

/// A documented response status of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MockStatus {
    /// The HTTP status code.
    pub status: u16,
    /// What the API reference says the status means.
    pub description: &'static str,
    /// The API reference's example body for this status (JSON), if it gives one.
    pub example: Option<&'static str>,
}

impl MockStatus {
    /// A documented status, its description and its example body.
    #[must_use]
    pub const fn new(
        status: u16,
        description: &'static str,
        example: Option<&'static str>,
    ) -> Self {
        Self {
            status,
            description,
            example,
        }
    }
}

/// A documented operation: what the mock serves and checks requests against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MockOperation {
    /// The operation's id, such as `ListInstances` (unique in a table).
    pub id: &'static str,
    /// The HTTP method, such as `POST`.
    pub method: &'static str,
    /// The path template, such as `/v2/{project_id}/db-om/instances`.
    ///
    /// Each `{name}` matches one non-empty, percent-decoded path segment (a
    /// segment may also have a literal prefix and suffix around it). A
    /// `?key=value&...` suffix, if any, is a fixed query the request must carry.
    pub path_template: &'static str,
    /// The documented path, query and header parameters.
    pub params: &'static [MockParam],
    /// The status of a successful call (also listed in `statuses`).
    pub success_status: u16,
    /// Every documented status, the success status included.
    pub statuses: &'static [MockStatus],
    /// Whether the operation takes a (JSON) request body.
    pub has_body: bool,
    /// How the operation pages, if it lists: a request for a page after the first gets the
    /// success example with its items removed (see [`MockPaging`]).
    pub paging: Option<MockPaging>,
}

/// How a listing operation asks for a page and where its success body holds the page's items.
///
/// A documented example is one page. Served for every page, it would make a paginator read the
/// same page again (which it reports as a server that ignores the page position) or run up to
/// the example's total. So the mock serves the example for the first page (no position, offset
/// `0`, page `1`, an empty marker) and, for any later page, the example with its array of items
/// empty: a paginator over the mock yields the example's items and ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MockPaging {
    /// The parameter that says which page (`offset`, `page`, `marker`).
    pub position: &'static str,
    /// How its value counts.
    pub style: MockPagingStyle,
    /// A field of the JSON request body, not a query parameter.
    pub in_body: bool,
    /// The way to the array of items in the success body: field names on the wire, outermost
    /// first (`["rules"]`).
    pub items: &'static [&'static str],
}

/// How a [`MockPaging`] position counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MockPagingStyle {
    /// The number of items to skip: `0` is the first page.
    Offset,
    /// The page number: `1` is the first page.
    Page,
    /// The marker the previous page returned: none is the first page.
    Marker,
}

impl MockPaging {
    /// Whether a request (its decoded query, its body) asks for a page after the first.
    fn asks_for_a_later_page(&self, query: &[(String, String)], body: &[u8]) -> bool {
        let value = if self.in_body {
            let Ok(serde_json::Value::Object(fields)) = serde_json::from_slice(body) else {
                return false;
            };
            match fields.get(self.position) {
                Some(serde_json::Value::String(text)) => text.clone(),
                Some(serde_json::Value::Number(number)) => number.to_string(),
                _ => return false,
            }
        } else {
            match query.iter().find(|(key, _)| key == self.position) {
                Some((_, value)) => value.clone(),
                None => return false,
            }
        };
        match self.style {
            MockPagingStyle::Offset => value.trim().parse::<u64>().is_ok_and(|n| n > 0),
            MockPagingStyle::Page => value.trim().parse::<u64>().is_ok_and(|n| n > 1),
            MockPagingStyle::Marker => !value.is_empty(),
        }
    }

    /// The example body with its array of items empty; `None` when the body is not JSON or
    /// holds no array there.
    fn without_items(&self, body: &str) -> Option<String> {
        let mut value: serde_json::Value = serde_json::from_str(body).ok()?;
        let mut at = &mut value;
        for key in self.items {
            at = at.as_object_mut()?.get_mut(*key)?;
        }
        at.as_array_mut()?.clear();
        serde_json::to_string_pretty(&value).ok()
    }
}

/// A request the mock received, recorded for tests.
///
/// Its `Debug` output hides the values of credential headers
/// (`Authorization`, `X-Auth-Token`, `X-Security-Token`, `Cookie`).
#[derive(Clone)]
pub struct RecordedRequest {
    /// The id of the operation the method and path matched, if any.
    pub operation: Option<String>,
    /// The HTTP method, such as `POST`.
    pub method: String,
    /// The path as sent (still percent-encoded).
    pub path: String,
    /// The query as sent (still percent-encoded, without the `?`), if any.
    pub query: Option<String>,
    /// The request headers.
    pub headers: HeaderMap,
    /// The request body (empty when none was sent, or when it could not be read).
    pub body: Vec<u8>,
}

impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, String)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if SECRET_HEADERS.contains(&name.as_str()) {
                    "****".to_owned()
                } else {
                    String::from_utf8_lossy(value.as_bytes()).into_owned()
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("RecordedRequest")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}

/// The endpoint of a mock served in process only: a name that never
/// resolves (`.invalid`), so nothing can reach the network by mistake.
pub const IN_PROCESS_ENDPOINT: &str = "http://mock.in-process.invalid";

/// A running mock service, serving a table of [`MockOperation`]s on
/// `127.0.0.1` until it is dropped.
pub struct MockServer {
    /// The address and accept loop; `None` when serving in process only.
    listening: Option<(SocketAddr, JoinHandle<()>)>,
    shared: Arc<Shared>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let operations: Vec<&str> = self.shared.routes.iter().map(|r| r.operation.id).collect();
        f.debug_struct("MockServer")
            .field("endpoint", &self.endpoint())
            .field("operations", &operations)
            .field("aksk_required", &lock(&self.shared.aksk).is_some())
            .finish_non_exhaustive()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        // Dropping the accept loop drops its JoinSet, which aborts every connection.
        if let Some((_, task)) = &self.listening {
            task.abort();
        }
    }
}

impl MockServer {
    /// Starts serving `operations` on `127.0.0.1` on a free port, on a task of
    /// the current Tokio runtime.
    ///
    /// # Errors
    ///
    /// An [`std::io::ErrorKind::InvalidInput`] error when the table is not
    /// usable (a duplicate operation id, an invalid method or status code),
    /// an error when not called within a Tokio runtime, or the error of
    /// binding the port.
    pub async fn start(operations: &'static [MockOperation]) -> std::io::Result<MockServer> {
        let shared = Self::shared(operations)?;
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(std::io::Error::other(
                "MockServer::start must run within a Tokio runtime",
            ));
        }
        let listener = TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let task = tokio::spawn(serve(listener, Arc::clone(&shared)));
        Ok(MockServer {
            listening: Some((addr, task)),
            shared,
        })
    }

    /// A mock of `operations` that opens no socket: it answers only through
    /// [`http_client`](Self::http_client), and its
    /// [`endpoint`](Self::endpoint) is [`IN_PROCESS_ENDPOINT`].
    ///
    /// # Errors
    ///
    /// An [`std::io::ErrorKind::InvalidInput`] error when the table is not
    /// usable, as for [`start`](Self::start).
    pub fn in_process(operations: &'static [MockOperation]) -> std::io::Result<MockServer> {
        Ok(MockServer {
            listening: None,
            shared: Self::shared(operations)?,
        })
    }

    /// The state shared by the accept loop and the in-process client.
    fn shared(operations: &'static [MockOperation]) -> std::io::Result<Arc<Shared>> {
        let routes = compile(operations)
            .map_err(|message| std::io::Error::new(std::io::ErrorKind::InvalidInput, message))?;
        Ok(Arc::new(Shared {
            routes,
            forced: Mutex::new(HashMap::new()),
            aksk: Mutex::new(None),
            requests: Mutex::new(Vec::new()),
            next_request_id: AtomicU64::new(0),
        }))
    }

    /// The URL to send requests to: `http://127.0.0.1:PORT`, or
    /// [`IN_PROCESS_ENDPOINT`] for a mock made by
    /// [`in_process`](Self::in_process).
    #[must_use]
    pub fn endpoint(&self) -> String {
        match &self.listening {
            Some((addr, _)) => format!("http://{addr}"),
            None => IN_PROCESS_ENDPOINT.to_owned(),
        }
    }

    /// From now on, calls of `operation_id` that pass the checks answer
    /// `status`: its documented example, else
    /// `{"error_code": "MOCK.<status>", "error_msg": "<its description>"}`
    /// (or `{}` for a 2xx status).
    ///
    /// # Errors
    ///
    /// A message when no operation has this id, or when the operation does
    /// not document `status` (the message lists the documented ones).
    pub fn respond_with(&self, operation_id: &str, status: u16) -> Result<(), String> {
        let id = self.documented(operation_id, status)?;
        lock(&self.shared.forced).insert(
            id,
            Forced {
                status,
                error: None,
            },
        );
        Ok(())
    }

    /// From now on, calls of `operation_id` that pass the checks answer the
    /// service error `error_code` with `status` and `error_msg`, in the
    /// shape Huawei Cloud services send:
    /// `{"error_code": "<error_code>", "error_msg": "<error_msg>"}`.
    ///
    /// This is how a test meets a documented error code (such as
    /// `DBSS.10020100`, status 401, "Failed to authenticate the token in the
    /// request") as the real service sends it, so that the client decodes it
    /// into the operation's documented error variant and
    /// `error_code()` gives the code. A generated crate's `ErrorCode` gives
    /// the three values of each documented code.
    ///
    /// ```no_run
    /// # use huaweicloud_sdk_core::mock::MockServer;
    /// # fn demo(server: &MockServer) -> Result<(), String> {
    /// server.respond_with_error(
    ///     "ListInstances",
    ///     401,
    ///     "DBSS.10020100",
    ///     "Failed to authenticate the token in the request",
    /// )?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`respond_with`](Self::respond_with), and a message when `status`
    /// is not an error status (below 400).
    pub fn respond_with_error(
        &self,
        operation_id: &str,
        status: u16,
        error_code: &str,
        error_msg: &str,
    ) -> Result<(), String> {
        if status < 400 {
            return Err(format!(
                "status {status} is not an error status (400 or more): use respond_with for it"
            ));
        }
        let id = self.documented(operation_id, status)?;
        lock(&self.shared.forced).insert(
            id,
            Forced {
                status,
                error: Some((error_code.to_owned(), error_msg.to_owned())),
            },
        );
        Ok(())
    }

    /// The id of operation `operation_id` in the table, if it documents
    /// `status`.
    fn documented(&self, operation_id: &str, status: u16) -> Result<&'static str, String> {
        let route = self
            .shared
            .routes
            .iter()
            .find(|r| r.operation.id == operation_id)
            .ok_or_else(|| {
                let known: Vec<&str> = self.shared.routes.iter().map(|r| r.operation.id).collect();
                format!(
                    "the mock has no operation `{operation_id}` (it has: {})",
                    known.join(", ")
                )
            })?;
        if !route.operation.statuses.iter().any(|s| s.status == status) {
            let documented: Vec<String> = route
                .operation
                .statuses
                .iter()
                .map(|s| s.status.to_string())
                .collect();
            return Err(format!(
                "operation `{operation_id}` does not document status {status} (it documents: {})",
                documented.join(", ")
            ));
        }
        Ok(route.operation.id)
    }

    /// Every operation answers its success again (undoes
    /// [`respond_with`](MockServer::respond_with) and
    /// [`respond_with_error`](MockServer::respond_with_error)).
    ///
    /// Recorded requests and [`MockServer::require_aksk`] are kept.
    pub fn reset(&self) {
        lock(&self.shared.forced).clear();
    }

    /// From now on, requests must be signed with this AK/SK: the
    /// `Authorization` header must name `ak` and its signature must verify
    /// ([`crate::signer::verify`]); anything else, an `X-Auth-Token` alone
    /// included, gets `401`.
    ///
    /// The signature is checked against the request as received, with the
    /// URI made absolute from its `Host` header (`http://HOST/path?query`).
    pub fn require_aksk(&self, ak: &str, sk: &str) {
        *lock(&self.shared.aksk) = Some(AkSk {
            ak: ak.to_owned(),
            sk: Secret::new(sk),
        });
    }

    /// An [`HttpClient`] that serves this mock in process, without a socket:
    /// give it to [`ClientBuilder::http_client`](crate::ClientBuilder::http_client)
    /// (or [`Transport::with_client`](crate::Transport::with_client)), and
    /// requests are checked, recorded and answered exactly as over HTTP.
    #[must_use]
    pub fn http_client(&self) -> Arc<dyn HttpClient> {
        Arc::new(InProcess {
            shared: Arc::clone(&self.shared),
        })
    }

    /// Every request received so far, in the order they arrived, including
    /// the ones the mock rejected.
    #[must_use]
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.requests).clone()
    }
}

/// State shared by the [`MockServer`] handle and the connections.
struct Shared {
    routes: Vec<Route>,
    /// Operation id to what its calls answer instead of success.
    forced: Mutex<HashMap<&'static str, Forced>>,
    aksk: Mutex<Option<AkSk>>,
    requests: Mutex<Vec<RecordedRequest>>,
    next_request_id: AtomicU64,
}

/// What an operation answers instead of its success.
#[derive(Clone)]
struct Forced {
    /// The documented status.
    status: u16,
    /// The service error `(error_code, error_msg)` to send with it, instead
    /// of the documented example.
    error: Option<(String, String)>,
}

/// The AK/SK requests must be signed with (the SK is never shown).
struct AkSk {
    ak: String,
    sk: Secret,
}

/// An operation with its method and path template parsed.
#[derive(Debug)]
struct Route {
    operation: &'static MockOperation,
    method: Method,
    segments: Vec<Segment>,
    /// Fixed `key=value` query pairs from the template (`...?action=start`).
    fixed_query: Vec<(String, String)>,
}

/// One segment of a path template.
#[derive(Debug)]
enum Segment {
    /// Matches exactly this (percent-decoded) text.
    Literal(&'static str),
    /// Matches `prefix`, then a non-empty value captured as `name`, then `suffix`.
    Param {
        prefix: &'static str,
        name: &'static str,
        suffix: &'static str,
    },
}

/// Locks a mutex, carrying on after a panic elsewhere (the data stays usable).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Checks the table and parses its methods and templates.
fn compile(operations: &'static [MockOperation]) -> Result<Vec<Route>, String> {
    let mut routes: Vec<Route> = Vec::with_capacity(operations.len());
    for operation in operations {
        if routes.iter().any(|r| r.operation.id == operation.id) {
            return Err(format!(
                "mock table: operation id `{}` appears twice",
                operation.id
            ));
        }
        let method =
            Method::from_bytes(operation.method.to_ascii_uppercase().as_bytes()).map_err(|_| {
                format!(
                    "mock table: operation `{}` has an invalid method",
                    operation.id
                )
            })?;
        let statuses = operation
            .statuses
            .iter()
            .map(|s| s.status)
            .chain([operation.success_status]);
        for status in statuses {
            if StatusCode::from_u16(status).is_err() {
                return Err(format!(
                    "mock table: operation `{}` has an invalid status code {status}",
                    operation.id
                ));
            }
        }
        let (path, query) = match operation.path_template.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (operation.path_template, None),
        };
        let segments = path
            .strip_prefix('/')
            .unwrap_or(path)
            .split('/')
            .map(parse_segment)
            .collect();
        let fixed_query = query
            .map(|q| parse_query(q).unwrap_or_default())
            .unwrap_or_default();
        routes.push(Route {
            operation,
            method,
            segments,
            fixed_query,
        });
    }
    Ok(routes)
}

/// Parses one path template segment: `{name}`, `prefix{name}suffix` or literal text.
fn parse_segment(segment: &'static str) -> Segment {
    if let Some((prefix, rest)) = segment.split_once('{')
        && let Some((name, suffix)) = rest.split_once('}')
        && !name.is_empty()
    {
        return Segment::Param {
            prefix,
            name,
            suffix,
        };
    }
    Segment::Literal(segment)
}

/// Splits a query into percent-decoded `(key, value)` pairs; `None` when one
/// is not UTF-8 once decoded. `+` is kept as is (RFC 3986, as the signer sees it).
fn parse_query(query: &str) -> Option<Vec<(String, String)>> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = percent_decode_str(key).decode_utf8().ok()?;
            let value = percent_decode_str(value).decode_utf8().ok()?;
            Some((key.into_owned(), value.into_owned()))
        })
        .collect()
}

/// The mock served in process (see [`MockServer::http_client`]).
struct InProcess {
    shared: Arc<Shared>,
}

impl HttpClient for InProcess {
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture<'_> {
        let shared = Arc::clone(&self.shared);
        Box::pin(async move {
            let request_id = shared.next_request_id.fetch_add(1, Ordering::Relaxed) + 1;
            let (parts, body) = request.into_parts();
            let reply = if body.len() > MAX_BODY_BYTES {
                shared.record(&parts, None, Vec::new());
                Reply::error(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!("the request body is larger than {MAX_BODY_BYTES} bytes"),
                )
            } else {
                shared.respond(&parts, body)
            };
            let (parts, body) = into_response(reply, request_id, &parts.method).into_parts();
            let body = match body.collect().await {
                Ok(collected) => collected.to_bytes().to_vec(),
                Err(never) => match never {},
            };
            Ok::<_, HttpClientError>(http::Response::from_parts(parts, body))
        })
    }
}

/// Accepts connections until the task is aborted.
async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors and the like: wait rather than spin.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        while connections.try_join_next().is_some() {}
        let shared = Arc::clone(&shared);
        connections.spawn(async move {
            let service = service_fn(move |request| handle(Arc::clone(&shared), request));
            // A connection error concerns that client only; the server carries on.
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// What the mock answers: a status, a JSON body, and an `Allow` header for `405`.
struct Reply {
    status: StatusCode,
    body: String,
    allow: Option<String>,
}

impl Reply {
    /// A mock error: `{"error_code": "MOCK.<status>", "error_msg": message}`.
    fn error(status: StatusCode, message: impl Into<String>) -> Reply {
        Reply::service_error(
            status,
            &format!("MOCK.{}", status.as_u16()),
            &message.into(),
        )
    }

    /// A service error: `{"error_code": code, "error_msg": message}`.
    fn service_error(status: StatusCode, code: &str, message: &str) -> Reply {
        let body = serde_json::json!({
            "error_code": code,
            "error_msg": message,
        });
        Reply {
            status,
            body: body.to_string(),
            allow: None,
        }
    }

    /// A documented status: its example, else `{}` (2xx) or a mock error with its description.
    fn documented(status: u16, documented: Option<&MockStatus>) -> Reply {
        let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        match documented {
            Some(MockStatus {
                example: Some(example),
                ..
            }) => Reply {
                status: code,
                body: (*example).to_owned(),
                allow: None,
            },
            _ if code.is_success() => Reply {
                status: code,
                body: "{}".to_owned(),
                allow: None,
            },
            _ => Reply::error(code, documented.map_or("", |s| s.description)),
        }
    }
}

/// Serves one request.
async fn handle(
    shared: Arc<Shared>,
    request: http::Request<Incoming>,
) -> Result<http::Response<Full<Bytes>>, Infallible> {
    let request_id = shared.next_request_id.fetch_add(1, Ordering::Relaxed) + 1;
    let (parts, body) = request.into_parts();
    let body = Limited::new(body, MAX_BODY_BYTES)
        .collect()
        .await
        .map(|collected| collected.to_bytes().to_vec());
    let reply = match body {
        Ok(body) => shared.respond(&parts, body),
        Err(error) => {
            shared.record(&parts, None, Vec::new());
            if error.is::<LengthLimitError>() {
                Reply::error(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!("the request body is larger than {MAX_BODY_BYTES} bytes"),
                )
            } else {
                Reply::error(
                    StatusCode::BAD_REQUEST,
                    "the request body could not be read",
                )
            }
        }
    };
    Ok(into_response(reply, request_id, &parts.method))
}

/// Turns a reply into the HTTP response, with `X-Request-Id` and `Content-Type`.
fn into_response(reply: Reply, request_id: u64, method: &Method) -> http::Response<Full<Bytes>> {
    let no_body = method == Method::HEAD
        || reply.status == StatusCode::NO_CONTENT
        || reply.status == StatusCode::NOT_MODIFIED
        || reply.status.is_informational();
    let body = if no_body {
        Bytes::new()
    } else {
        Bytes::from(reply.body)
    };
    let mut response = http::Response::new(Full::new(body));
    *response.status_mut() = reply.status;
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!("mock-{request_id}")) {
        headers.insert(HeaderName::from_static("x-request-id"), value);
    }
    if let Some(allow) = reply.allow.and_then(|a| HeaderValue::from_str(&a).ok()) {
        headers.insert(http::header::ALLOW, allow);
    }
    response
}

/// How a request carries credentials.
enum Presented {
    /// An `SDK-HMAC-SHA256` `Authorization` header (with `X-Sdk-Date`).
    Signature,
    /// An `X-Auth-Token` header.
    Token,
}

/// A route that matched a request, with its path parameters' decoded values.
struct Matched<'r> {
    route: &'r Route,
    captures: Vec<(&'static str, String)>,
    /// The request's query pairs, percent-decoded.
    query: Vec<(String, String)>,
}

impl Shared {
    /// Records the request.
    fn record(&self, parts: &http::request::Parts, operation: Option<&str>, body: Vec<u8>) {
        lock(&self.requests).push(RecordedRequest {
            operation: operation.map(str::to_owned),
            method: parts.method.to_string(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().map(str::to_owned),
            headers: parts.headers.clone(),
            body,
        });
    }

    /// Records the request and decides the reply.
    fn respond(&self, parts: &http::request::Parts, body: Vec<u8>) -> Reply {
        let matched = self.route(parts);
        let operation = matched.as_ref().ok().map(|m| m.route.operation.id);
        self.record(parts, operation, body.clone());
        let matched = match matched {
            Ok(matched) => matched,
            Err(reply) => return reply,
        };
        let operation = matched.route.operation;

        let presented = match presented_credentials(&parts.headers) {
            Ok(presented) => presented,
            Err(message) => return Reply::error(StatusCode::UNAUTHORIZED, message),
        };
        if let Some(aksk) = lock(&self.aksk).as_ref()
            && let Err(message) = verify_signature(parts, &body, &presented, aksk)
        {
            return Reply::error(StatusCode::UNAUTHORIZED, message);
        }

        let mut problems = Vec::new();
        check_params(parts, &matched, &presented, &mut problems);
        if operation.has_body {
            check_body(&body, &mut problems);
        }
        if !problems.is_empty() {
            return Reply::error(StatusCode::BAD_REQUEST, problems.join("; "));
        }

        let forced = lock(&self.forced).get(operation.id).cloned();
        let status = forced
            .as_ref()
            .map_or(operation.success_status, |forced| forced.status);
        if let Some((code, message)) = forced.and_then(|forced| forced.error) {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return Reply::service_error(status, &code, &message);
        }
        let documented = operation.statuses.iter().find(|s| s.status == status);
        let mut reply = Reply::documented(status, documented);
        if status == operation.success_status
            && let Some(paging) = &operation.paging
            && paging.asks_for_a_later_page(&matched.query, &body)
            && let Some(empty) = paging.without_items(&reply.body)
        {
            reply.body = empty;
        }
        reply
    }

    /// Finds the operation for the request's method and path: `404` when no
    /// path matches, `405` when no matching path has the method.
    fn route(&self, parts: &http::request::Parts) -> Result<Matched<'_>, Reply> {
        let path = parts.uri.path();
        let segments: Option<Vec<String>> = path
            .strip_prefix('/')
            .unwrap_or(path)
            .split('/')
            .map(|s| {
                percent_decode_str(s)
                    .decode_utf8()
                    .ok()
                    .map(|s| s.into_owned())
            })
            .collect();
        let Some(segments) = segments else {
            return Err(Reply::error(
                StatusCode::BAD_REQUEST,
                "the request path is not valid UTF-8 once percent-decoded",
            ));
        };
        let Some(query) = parse_query(parts.uri.query().unwrap_or("")) else {
            return Err(Reply::error(
                StatusCode::BAD_REQUEST,
                "the request query is not valid UTF-8 once percent-decoded",
            ));
        };

        // (route, captures, literal segments): the most literal match wins.
        let mut best: Option<(Matched<'_>, usize)> = None;
        let mut allowed: Vec<&str> = Vec::new();
        for route in &self.routes {
            let Some(captures) = match_path(route, &segments, &query) else {
                continue;
            };
            if route.method != parts.method {
                if !allowed.contains(&route.method.as_str()) {
                    allowed.push(route.method.as_str());
                }
                continue;
            }
            let literals = route
                .segments
                .iter()
                .filter(|s| matches!(s, Segment::Literal(_)))
                .count();
            if best.as_ref().is_none_or(|(_, most)| literals > *most) {
                best = Some((
                    Matched {
                        route,
                        captures,
                        query: Vec::new(),
                    },
                    literals,
                ));
            }
        }
        match best {
            Some((matched, _)) => Ok(Matched { query, ..matched }),
            None if !allowed.is_empty() => Err(Reply {
                allow: Some(allowed.join(", ")),
                ..Reply::error(
                    StatusCode::METHOD_NOT_ALLOWED,
                    format!(
                        "method {} is not documented for path `{path}` (documented: {})",
                        parts.method,
                        allowed.join(", ")
                    ),
                )
            }),
            None => Err(Reply::error(
                StatusCode::NOT_FOUND,
                format!("no documented operation has the path `{path}`"),
            )),
        }
    }
}

/// Matches decoded path segments and query pairs against a route, giving its captures.
fn match_path(
    route: &Route,
    segments: &[String],
    query: &[(String, String)],
) -> Option<Vec<(&'static str, String)>> {
    if route.segments.len() != segments.len() {
        return None;
    }
    let mut captures = Vec::new();
    for (template, segment) in route.segments.iter().zip(segments) {
        match template {
            Segment::Literal(text) => {
                if segment != text {
                    return None;
                }
            }
            Segment::Param {
                prefix,
                name,
                suffix,
            } => {
                let value = segment
                    .strip_prefix(prefix)
                    .and_then(|rest| rest.strip_suffix(suffix))
                    .filter(|value| !value.is_empty())?;
                captures.push((*name, value.to_owned()));
            }
        }
    }
    if !route.fixed_query.iter().all(|pair| query.contains(pair)) {
        return None;
    }
    Some(captures)
}

/// The credentials a request presents, or why it presents none.
fn presented_credentials(headers: &HeaderMap) -> Result<Presented, String> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    if let Some(authorization) = text("authorization")
        && let Some(rest) = authorization.strip_prefix(SIGNATURE_SCHEME)
        && rest.starts_with(' ')
    {
        return match text("x-sdk-date") {
            Some(_) => Ok(Presented::Signature),
            None => Err(format!(
                "the request is signed ({SIGNATURE_SCHEME}) but has no X-Sdk-Date header"
            )),
        };
    }
    if text("x-auth-token").is_some() {
        return Ok(Presented::Token);
    }
    Err(format!(
        "the request has no credentials: send an X-Auth-Token header, or sign it with AK/SK \
         (Authorization: {SIGNATURE_SCHEME} ... and X-Sdk-Date)"
    ))
}

/// Checks an AK/SK signature against the required AK/SK.
fn verify_signature(
    parts: &http::request::Parts,
    body: &[u8],
    presented: &Presented,
    aksk: &AkSk,
) -> Result<(), String> {
    let Presented::Signature = presented else {
        return Err(format!(
            "the mock requires AK/SK signatures ({SIGNATURE_SCHEME}); the request is not signed"
        ));
    };
    let mut request = http::Request::new(body.to_vec());
    *request.method_mut() = parts.method.clone();
    *request.uri_mut() = absolute_uri(parts);
    *request.version_mut() = parts.version;
    *request.headers_mut() = parts.headers.clone();
    crate::signer::verify(&request, &aksk.ak, aksk.sk.expose())
        .map_err(|e| format!("the AK/SK signature does not verify: {e}"))
}

/// The request's URI made absolute from its `Host` header, as the client signed it.
fn absolute_uri(parts: &http::request::Parts) -> http::Uri {
    if parts.uri.authority().is_some() {
        return parts.uri.clone();
    }
    let host = parts
        .headers
        .get(http::header::HOST)
        .and_then(|h| http::uri::Authority::try_from(h.as_bytes()).ok());
    let Some(host) = host else {
        return parts.uri.clone();
    };
    let path_and_query = parts
        .uri
        .path_and_query()
        .cloned()
        .unwrap_or_else(|| http::uri::PathAndQuery::from_static("/"));
    http::Uri::builder()
        .scheme(http::uri::Scheme::HTTP)
        .authority(host)
        .path_and_query(path_and_query)
        .build()
        .unwrap_or_else(|_| parts.uri.clone())
}

/// Checks the documented parameters: presence and constraints.
fn check_params(
    parts: &http::request::Parts,
    matched: &Matched<'_>,
    presented: &Presented,
    problems: &mut Vec<String>,
) {
    let query = &matched.query;
    for param in matched.route.operation.params {
        let values: Vec<&str> = match param.location {
            ParamLocation::Path => {
                // A path parameter without a placeholder cannot be sent: nothing to check.
                matched
                    .captures
                    .iter()
                    .filter(|(name, _)| *name == param.name)
                    .map(|(_, value)| value.as_str())
                    .collect()
            }
            ParamLocation::Query => query
                .iter()
                .filter(|(key, _)| key == param.name)
                .map(|(_, value)| value.as_str())
                .collect(),
            ParamLocation::Header => {
                // The token header is documented as mandatory, but an AK/SK
                // signature replaces it.
                if param.name.eq_ignore_ascii_case("x-auth-token")
                    && matches!(presented, Presented::Signature)
                {
                    continue;
                }
                let Ok(name) = HeaderName::from_bytes(param.name.as_bytes()) else {
                    continue;
                };
                let mut values = Vec::new();
                for value in parts.headers.get_all(&name) {
                    match std::str::from_utf8(value.as_bytes()) {
                        Ok(value) => values.push(value),
                        Err(_) => {
                            problems.push(format!("header `{}` is not valid UTF-8", param.name))
                        }
                    }
                }
                values
            }
        };
        if values.is_empty() {
            if param.mandatory && param.location != ParamLocation::Path {
                problems.push(format!(
                    "mandatory {} `{}` is missing",
                    param.location.label(),
                    param.name
                ));
            }
            continue;
        }
        for value in values {
            check_value(param, value, problems);
        }
    }
}

/// Checks one value against a parameter's documented constraints.
fn check_value(param: &MockParam, value: &str, problems: &mut Vec<String>) {
    let what = format!("{} `{}`", param.location.label(), param.name);
    let chars = u64::try_from(value.chars().count()).unwrap_or(u64::MAX);
    if let Some(min) = param.min_length
        && chars < min
    {
        problems.push(format!(
            "{what} must be at least {min} characters long (got {chars})"
        ));
    }
    if let Some(max) = param.max_length
        && chars > max
    {
        problems.push(format!(
            "{what} must be at most {max} characters long (got {chars})"
        ));
    }
    if param.minimum.is_some() || param.maximum.is_some() {
        match value.trim().parse::<i64>() {
            Ok(number) => {
                if let Some(min) = param.minimum
                    && number < min
                {
                    problems.push(format!("{what} must be at least {min} (got {number})"));
                }
                if let Some(max) = param.maximum
                    && number > max
                {
                    problems.push(format!("{what} must be at most {max} (got {number})"));
                }
            }
            Err(_) => problems.push(format!("{what} must be an integer{}", range(param))),
        }
    }
    if !param.allowed.is_empty() && !param.allowed.contains(&value) {
        problems.push(format!(
            "{what} must be one of the documented values: {}",
            param.allowed.join(", ")
        ));
    }
}

/// ` from MIN to MAX`, ` of at least MIN` or ` of at most MAX`.
fn range(param: &MockParam) -> String {
    match (param.minimum, param.maximum) {
        (Some(min), Some(max)) => format!(" from {min} to {max}"),
        (Some(min), None) => format!(" of at least {min}"),
        (None, Some(max)) => format!(" of at most {max}"),
        (None, None) => String::new(),
    }
}

/// Checks that a JSON body was sent.
fn check_body(body: &[u8], problems: &mut Vec<String>) {
    if body.iter().all(u8::is_ascii_whitespace) {
        problems.push("the operation takes a JSON request body, and none was sent".to_owned());
    } else if let Err(error) = serde_json::from_slice::<serde::de::IgnoredAny>(body) {
        problems.push(format!("the request body is not valid JSON: {error}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(name: &'static str, location: ParamLocation) -> MockParam {
        MockParam::new(name, location, true)
    }

    #[test]
    fn segments_parse_placeholders_with_prefix_and_suffix() {
        assert!(matches!(parse_segment("v2"), Segment::Literal("v2")));
        assert!(matches!(
            parse_segment("{id}"),
            Segment::Param {
                prefix: "",
                name: "id",
                suffix: ""
            }
        ));
        assert!(matches!(
            parse_segment("a{id}.json"),
            Segment::Param {
                prefix: "a",
                name: "id",
                suffix: ".json"
            }
        ));
        assert!(matches!(parse_segment("{}"), Segment::Literal("{}")));
        assert!(matches!(parse_segment("{open"), Segment::Literal("{open")));
    }

    #[test]
    fn query_pairs_are_decoded_and_plus_is_kept() {
        assert_eq!(
            parse_query("a=1&b=x%20y&c&d=p+q&&").unwrap(),
            vec![
                ("a".to_owned(), "1".to_owned()),
                ("b".to_owned(), "x y".to_owned()),
                ("c".to_owned(), String::new()),
                ("d".to_owned(), "p+q".to_owned()),
            ]
        );
        assert!(parse_query("a=%FF").is_none());
    }

    /// The problems `check_value` finds with `value` for `p`.
    fn problems(p: &MockParam, value: &str) -> Vec<String> {
        let mut problems = Vec::new();
        check_value(p, value, &mut problems);
        problems
    }

    #[test]
    fn values_are_checked_in_characters_and_ranges() {
        let mut p = param("limit", ParamLocation::Query);
        p.min_length = Some(2);
        p.minimum = Some(1);
        p.maximum = Some(100);
        let found = problems(&p, "50");
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(
            problems(&p, "500"),
            ["query parameter `limit` must be at most 100 (got 500)"]
        );
        let found = problems(&p, "x");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[1].contains("must be an integer from 1 to 100"));

        let mut p = param("name", ParamLocation::Header);
        p.max_length = Some(2);
        p.allowed = &["éé", "b"];
        let found = problems(&p, "éé");
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(
            problems(&p, "c"),
            ["header `name` must be one of the documented values: éé, b"]
        );
    }

    #[test]
    fn bodies_must_be_json() {
        let mut problems = Vec::new();
        check_body(br#"{"a": 1}"#, &mut problems);
        assert!(problems.is_empty());
        check_body(b"  ", &mut problems);
        check_body(b"{", &mut problems);
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn credentials_are_token_or_signature_with_date() {
        let mut headers = HeaderMap::new();
        assert!(presented_credentials(&headers).is_err());
        headers.insert("x-auth-token", HeaderValue::from_static("t"));
        assert!(matches!(
            presented_credentials(&headers),
            Ok(Presented::Token)
        ));
        headers.insert(
            "authorization",
            HeaderValue::from_static("SDK-HMAC-SHA256 Access=a, SignedHeaders=host, Signature=00"),
        );
        // A signature without X-Sdk-Date is an error even with a token.
        assert!(presented_credentials(&headers).is_err());
        headers.insert("x-sdk-date", HeaderValue::from_static("20240101T000000Z"));
        assert!(matches!(
            presented_credentials(&headers),
            Ok(Presented::Signature)
        ));
    }

    #[test]
    fn recorded_requests_hide_credentials_in_debug() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-auth-token",
            HeaderValue::from_static("very-secret-token"),
        );
        headers.insert("x-other", HeaderValue::from_static("shown"));
        let recorded = RecordedRequest {
            operation: None,
            method: "GET".into(),
            path: "/".into(),
            query: None,
            headers,
            body: Vec::new(),
        };
        let debug = format!("{recorded:?}");
        assert!(!debug.contains("very-secret-token"), "{debug}");
        assert!(debug.contains("shown"), "{debug}");
    }
}
