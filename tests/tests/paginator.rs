//! The runtime's paginator (`huaweicloud_sdk_core::paginator`) through the ordinary send path
//! (`ClientCore::call_with`: signing, retries, decoding), against a stand-in listing service on
//! 127.0.0.1 that serves pages of a made-up listing by `offset` and `limit`, and checks every
//! request's signature. What the generated `into_paginator()` does is this and nothing more:
//! a copy of the call with the page's position set, sent as `send` sends it (the fixture
//! `codegen/tests/fixtures/paging` pins the emitted code; `fixtures_compile.rs` builds it).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use huaweicloud_sdk_core::credentials::Credentials;
use huaweicloud_sdk_core::error::{Error, ErrorKind};
use huaweicloud_sdk_core::paginator::{
    PageFuture, PageInfo, Paginator, Position, StreamExt, Style, TryStreamExt,
};
use huaweicloud_sdk_core::request::RequestWriter;
use huaweicloud_sdk_core::retry::RetryPolicy;
use huaweicloud_sdk_core::{CallOptions, ClientConfig, ClientCore, signer};
use huaweicloud_sdk_dbss::operations::ListInstancesError;
use serde::{Deserialize, Serialize};

const PROJECT: &str = "0123456789abcdef0123456789abcdef";
const AK: &str = "AKPAGINATORTEST0001";
const SK: &str = "SK-paginator-TOP-SECRET-4b5c6d";
const OPERATION: &str = "ListThings";

const CONFIG: ClientConfig = ClientConfig {
    service: "things",
    endpoint_template: "https://things.{region}.example.invalid",
    regions: &[],
};

/// One page of the listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Page {
    things: Vec<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    total: Option<u64>,
}

/// How the stand-in answers a page request: its offset and limit (as sent), and how many
/// requests came before it.
type Answer = dyn Fn(u64, Option<u64>, usize) -> (u16, String) + Send + Sync;

/// One request as the stand-in received it.
#[derive(Debug, Clone)]
struct Received {
    query: HashMap<String, String>,
    date: String,
    authorization: String,
    /// Whether its signature verifies with the AK/SK.
    signed: bool,
}

#[path = "../../runtime/tests/support/raw.rs"]
mod raw;

/// The listing service: a raw server (shared with the runtime's tests) on one kept-alive
/// connection, answering each page request with `answer`.
struct StandIn(raw::Server);

impl StandIn {
    async fn start(answer: Arc<Answer>) -> Self {
        StandIn(
            raw::Server::start(move |request, before| {
                let query = request.query();
                let offset = query
                    .get("offset")
                    .and_then(|o| o.parse().ok())
                    .unwrap_or(0);
                let limit = query.get("limit").and_then(|l| l.parse().ok());
                let (status, body) = answer(offset, limit, before);
                raw::Reply::Keep(raw::response(
                    status,
                    &[("Content-Type", "application/json")],
                    &body,
                ))
            })
            .await,
        )
    }

    fn url(&self) -> String {
        self.0.url()
    }

    /// The requests received, each with its signature checked.
    fn received(&self) -> Vec<Received> {
        self.0
            .received()
            .iter()
            .map(|request| {
                let header = |name| request.header(name).unwrap_or_default().to_owned();
                Received {
                    query: request.query(),
                    date: header("x-sdk-date"),
                    authorization: header("authorization"),
                    signed: signer::verify(&request.to_http(), AK, SK).is_ok(),
                }
            })
            .collect()
    }

    /// The offsets asked for, in order.
    fn offsets(&self) -> Vec<u64> {
        self.received()
            .iter()
            .map(|r| {
                r.query
                    .get("offset")
                    .and_then(|o| o.parse().ok())
                    .unwrap_or(0)
            })
            .collect()
    }
}

/// A listing of `n` things (0..n) served by offset and limit (10 when not sent); with the
/// total when `with_total`.
fn listing(n: u64, with_total: bool) -> Arc<Answer> {
    Arc::new(move |offset, limit, _| {
        let things: Vec<u64> = (offset..n).take(limit.unwrap_or(10) as usize).collect();
        ok_page(things, with_total.then_some(n))
    })
}

/// A `200` with a page of `things`.
fn ok_page(things: Vec<u64>, total: Option<u64>) -> (u16, String) {
    let page = Page { things, total };
    (
        200,
        serde_json::to_string(&page).expect("a page serializes"),
    )
}

fn client(endpoint: &str) -> ClientCore {
    ClientCore::builder(CONFIG)
        .endpoint(endpoint)
        .credentials(Credentials::aksk(AK, SK).with_project_id(PROJECT))
        .connect_timeout(Duration::from_secs(2))
        .read_timeout(Duration::from_secs(5))
        .retry(RetryPolicy::none())
        .build()
        .expect("the client builds")
}

/// Reads a page: the JSON of a `200`, else the operation's error (an unhandled response).
fn parse(response: http::Response<Vec<u8>>) -> Result<Page, ListInstancesError> {
    let (parts, body) = response.into_parts();
    if parts.status == 200
        && let Ok(page) = serde_json::from_slice(&body)
    {
        return Ok(page);
    }
    Err(ListInstancesError::Unhandled(
        huaweicloud_sdk_core::response::unhandled(parts, &body),
    ))
}

type Things = Paginator<Page, u64, ListInstancesError>;

/// What a generated `into_paginator()` builds: each page a fresh request with the position
/// (and the caller's limit), sent through `call_with` with `options`.
fn paginator(core: ClientCore, limit: Option<u64>, options: CallOptions) -> Things {
    let endpoint = core.endpoints().first().cloned().unwrap_or_default();
    Paginator::new(
        OPERATION,
        Style::OffsetLimit,
        Position::start(Style::OffsetLimit, None, None),
        limit,
        |page: &Page| PageInfo {
            items: page.things.len(),
            total: page.total,
            next_marker: None,
        },
        |page: Page| page.things,
        move |position: Position| -> PageFuture<Page, ListInstancesError> {
            let (core, options) = (core.clone(), options.clone());
            Box::pin(async move {
                let offset = position.number().unwrap_or_default().to_string();
                let limit = limit.map(|l| l.to_string());
                let build = |endpoint: &str| {
                    let mut writer = RequestWriter::new(
                        OPERATION,
                        http::Method::GET,
                        endpoint,
                        format!("/v1/{PROJECT}/things"),
                    )
                    .query("offset", &offset);
                    if let Some(limit) = &limit {
                        writer = writer.query("limit", limit);
                    }
                    writer.finish()
                };
                core.call_with(OPERATION, &build, parse, &options).await
            })
        },
    )
    .endpoint(&endpoint)
}

/// Every page, or the error that ended the stream (with the pages before it).
async fn pages(p: Things) -> (Vec<Page>, Option<Error<ListInstancesError>>) {
    let mut pages = Vec::new();
    let mut stream = p;
    while let Some(next) = stream.next().await {
        match next {
            Ok(page) => pages.push(page),
            Err(error) => {
                assert!(stream.next().await.is_none(), "an error ends the stream");
                return (pages, Some(error));
            }
        }
    }
    (pages, None)
}

/// Every page of the listing at `server` with the caller's `limit` and no call options.
async fn list(
    server: &StandIn,
    limit: Option<u64>,
) -> (Vec<Page>, Option<Error<ListInstancesError>>) {
    pages(paginator(client(&server.url()), limit, CallOptions::new())).await
}

/// Lists a listing of `n` things (with its total when `with_total`) with the caller's `limit`:
/// it must end without an error after pages of `sizes`, having asked for `offsets` (`why`).
/// Returns the stand-in, for more checks.
async fn lists(
    (n, with_total): (u64, bool),
    limit: Option<u64>,
    sizes: &[usize],
    offsets: &[u64],
    why: &str,
) -> StandIn {
    let server = StandIn::start(listing(n, with_total)).await;
    let (pages, error) = list(&server, limit).await;
    assert!(error.is_none(), "{:?}", error.map(|e| e.to_string()));
    assert_eq!(self::sizes(&pages), sizes);
    assert_eq!(server.offsets(), offsets, "{why}");
    server
}

fn sizes(pages: &[Page]) -> Vec<usize> {
    pages.iter().map(|p| p.things.len()).collect()
}

#[tokio::test]
async fn several_pages_then_stop_at_the_total_each_signed_afresh() {
    let server = lists(
        (25, true),
        None,
        &[10, 10, 5],
        &[0, 10, 20],
        "no request past the total",
    )
    .await;
    let received = server.received();
    assert!(
        received.iter().all(|r| r.signed),
        "every page's signature verifies"
    );
    assert!(received.iter().all(|r| !r.date.is_empty()));
    let authorizations: std::collections::HashSet<&str> =
        received.iter().map(|r| r.authorization.as_str()).collect();
    assert_eq!(authorizations.len(), 3, "each page is signed on its own");
}

#[tokio::test]
async fn items_flatten_the_pages_in_order() {
    let server = StandIn::start(listing(23, true)).await;
    let items: Vec<u64> = paginator(client(&server.url()), None, CallOptions::new())
        .items()
        .try_collect()
        .await
        .map_err(|e| e.to_string())
        .unwrap();
    assert_eq!(items, (0..23).collect::<Vec<_>>());
}

#[tokio::test]
async fn without_a_total_an_empty_or_a_short_page_ends_the_listing() {
    for (n, limit, sizes, why) in [
        (20, None, [10, 10, 0], "no request after the empty page"),
        (25, Some(10), [10, 10, 5], "no request after the short page"),
    ] {
        lists((n, false), limit, &sizes, &[0, 10, 20], why).await;
    }
}

#[tokio::test]
async fn the_callers_limit_is_sent_on_every_page() {
    let server = lists(
        (20, true),
        Some(7),
        &[7, 7, 6],
        &[0, 7, 14],
        "the offsets asked for",
    )
    .await;
    for r in server.received() {
        assert_eq!(r.query.get("limit").map(String::as_str), Some("7"));
    }
}

#[tokio::test]
async fn an_error_mid_stream_ends_it_with_that_error() {
    let answer: Arc<Answer> = Arc::new(|offset, limit, _| {
        if offset == 10 {
            return (
                400,
                r#"{"error_code":"DBSS.10000001","error_msg":"bad offset"}"#.to_owned(),
            );
        }
        ok_page((offset..offset + limit.unwrap_or(10)).collect(), Some(100))
    });
    let server = StandIn::start(answer).await;
    let (pages, error) = list(&server, None).await;
    assert_eq!(sizes(&pages), [10]);
    match error {
        Some(Error::Operation(ListInstancesError::Unhandled(e))) => {
            assert_eq!(e.status, 400);
        }
        Some(other) => panic!("another error: {other}"),
        None => panic!("no error"),
    }
    assert_eq!(server.offsets(), [0, 10], "nothing after the error");
}

#[tokio::test]
async fn a_page_that_fails_once_is_retried_per_the_calls_policy() {
    let answer: Arc<Answer> = Arc::new(|offset, limit, before| {
        // The second request (page 2's first attempt) fails; its retry succeeds.
        if before == 1 {
            return (503, r#"{"error_msg":"busy"}"#.to_owned());
        }
        let things: Vec<u64> = (offset..25).take(limit.unwrap_or(10) as usize).collect();
        ok_page(things, Some(25))
    });
    let server = StandIn::start(answer).await;
    let options = CallOptions::new().retry(
        RetryPolicy::standard()
            .with_max_attempts(2)
            .with_base_delay(Duration::from_millis(1))
            .with_max_delay(Duration::from_millis(5)),
    );
    let (pages, error) = pages(paginator(client(&server.url()), None, options)).await;
    assert!(error.is_none(), "{:?}", error.map(|e| e.to_string()));
    assert_eq!(sizes(&pages), [10, 10, 5]);
    assert_eq!(server.offsets(), [0, 10, 10, 20]);
    let received = server.received();
    assert!(received.iter().all(|r| r.signed));
    // The retry is signed afresh: its own date and signature (the date has seconds, so two
    // attempts within a second may share it; the signature covers the same request then).
    assert!(!received[2].authorization.is_empty());
}

#[tokio::test]
async fn a_server_that_ignores_the_offset_cannot_loop_forever() {
    // Always the first ten things and no total: a paginator without a check never ends.
    let answer: Arc<Answer> = Arc::new(|_, _, _| ok_page((0..10).collect(), None));
    let server = StandIn::start(answer).await;
    let (pages, error) = list(&server, None).await;
    assert_eq!(sizes(&pages), [10]);
    let shown = stopped(error);
    assert!(
        shown.starts_with("ListThings: page 2 is the same as the page before it"),
        "{shown}"
    );
    // What happened and what to do, not a failed call to the endpoint.
    assert!(!shown.contains(&server.url()), "{shown}");
    assert!(shown.contains("trying again ends the same way"), "{shown}");
    assert!(!shown.contains(SK));
    assert_eq!(server.offsets(), [0, 10]);
}

/// The error that stopped a listing the server does not let end, shown: not retryable, of
/// its own kind.
fn stopped(error: Option<Error<ListInstancesError>>) -> String {
    let error = error.expect("an error");
    assert!(!error.is_retryable(), "{error}");
    assert_eq!(error.kind(), ErrorKind::ListingStopped, "{error}");
    assert!(
        format!("{error:?}").starts_with("Error { kind: ListingStopped, message: \"ListThings: "),
        "{error:?}"
    );
    error.to_string()
}

#[tokio::test]
async fn a_start_offset_that_is_not_a_number_is_refused_before_any_request() {
    let server = StandIn::start(listing(25, true)).await;
    let p = paginator(client(&server.url()), None, CallOptions::new())
        .start_at("offset", Some(&"abc".to_owned()));
    let (before, error) = pages(p).await;
    assert!(before.is_empty());
    let error = error.expect("an error");
    assert!(matches!(error, Error::InvalidRequest(_)), "{error}");
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(!error.is_retryable());
    let shown = error.to_string();
    assert!(
        shown
            .starts_with("invalid ListThings request: offset: the listing cannot start at \"abc\""),
        "{shown}"
    );
    assert!(shown.ends_with("(nothing was sent)"), "{shown}");
    assert!(server.received().is_empty(), "nothing was sent");
    // A number is where the listing starts.
    let p = paginator(client(&server.url()), None, CallOptions::new())
        .start_at("offset", Some(&"20".to_owned()));
    let (pages, error) = pages(p).await;
    assert!(error.is_none(), "{:?}", error.map(|e| e.to_string()));
    assert_eq!(sizes(&pages), [5]);
    assert_eq!(server.offsets(), [20]);
}

#[tokio::test]
async fn a_listing_that_never_ends_stops_at_max_pages() {
    // Every page new and full, and no total.
    let answer: Arc<Answer> = Arc::new(|offset, limit, _| {
        ok_page((offset..offset + limit.unwrap_or(10)).collect(), None)
    });
    let server = StandIn::start(answer).await;
    let p = paginator(client(&server.url()), Some(10), CallOptions::new()).max_pages(4);
    let (pages, error) = pages(p).await;
    assert_eq!(pages.len(), 4);
    let shown = stopped(error);
    assert!(shown.contains("stopped after 4 pages"), "{shown}");
    assert!(shown.contains("raise it with max_pages"), "{shown}");
    assert_eq!(server.offsets(), [0, 10, 20, 30]);
}
