//! Paginators: every page of a listing operation as a [`Stream`], and every item of every page.
//!
//! A generated call builder of an operation that pages (its spec has `paging`) gets
//! `into_paginator()`, a [`Paginator`] (a `Stream` of `Result<Output, Error<E>>`, one per page),
//! and `items()`, an [`Items`] stream of the pages' items. What is the same for every operation
//! lives here; the generated code only says how to send one page (a fresh copy of the call with
//! the page's position set, sent through the ordinary `send`: signed afresh, retried per the
//! call's policy) and where a page holds its items, its total and its next marker.
//!
//! How a paginator walks the pages:
//! - it starts at the position the caller set on the builder (`offset`, `page`, `marker`), else
//!   at offset 0, page 1, or no marker (a set offset or page number that is not a
//!   non-negative whole number ends the stream at once with an [`Error::InvalidRequest`]
//!   naming it, rather than start somewhere else: see [`Paginator::start_at`]); the page size
//!   is the caller's (`limit`, `size`), else the server's default;
//! - after each page it moves on by the items received (offset), by one (page number) or to the
//!   page's next marker;
//! - it stops after a page that is empty, that reaches the body's total (the items received
//!   from the start position on), or, where the body has no total, that is shorter than the
//!   page size the caller asked for and than the pages before it (a server that caps the page
//!   size below the one asked for sends full pages shorter than asked: the first page is never
//!   taken as short, which costs one empty page when the listing fits in one); for markers,
//!   after a page without a next marker;
//! - an error ends the stream with that error.
//!
//! A server that does not move on cannot make it loop forever. A page that is the same as the
//! one before it (the server ignores the offset or page number), a next marker it already
//! sent, and more than [`Paginator::max_pages`] pages ([`DEFAULT_MAX_PAGES`] unless set) each
//! end the stream with an error that says what happened and what to do (an
//! [`Error::Transport`] of kind [`ListingStopped`](crate::TransportErrorKind::ListingStopped),
//! which is not retryable: trying again ends the same way), rather than end it quietly with
//! part of the listing.
//!
//! ```no_run
//! # async fn demo(client: huaweicloud_sdk_core::ClientCore) {
//! use huaweicloud_sdk_core::paginator::{PageInfo, Paginator, Position, Style, TryStreamExt};
//!
//! // What a generated `into_paginator()` builds: how to send one page, and what a page holds.
//! #[derive(Clone, PartialEq)]
//! struct Page { names: Vec<String>, total: u64 }
//! let pages: Paginator<Page, String, std::convert::Infallible> = Paginator::new(
//!     "ListNames",
//!     Style::OffsetLimit,
//!     Position::Offset(0),
//!     Some(50),
//!     |page: &Page| PageInfo { items: page.names.len(), total: Some(page.total), next_marker: None },
//!     |page: Page| page.names,
//!     move |position: Position| -> huaweicloud_sdk_core::paginator::PageFuture<Page, std::convert::Infallible> {
//!         Box::pin(async move { todo!("send the call with `offset` = {:?}", position.number()) })
//!     },
//! );
//! let names: Result<Vec<String>, _> = pages.items().try_collect().await;
//! # }
//! ```

use std::collections::HashSet;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

pub use futures_core::Stream;
pub use futures_util::{StreamExt, TryStreamExt};

use crate::error::{Error, TransportError, TransportErrorKind};
use crate::request::InvalidRequest;

/// The most pages a paginator requests unless [`Paginator::max_pages`] says otherwise: at 100
/// items a page, a million items. Past it the stream ends with an error, so that a server that
/// never stops sending pages cannot keep a caller busy forever.
pub const DEFAULT_MAX_PAGES: u64 = 10_000;

/// How an operation addresses its pages (the spec's `paging.style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `offset` (items to skip) and `limit` (items per page).
    OffsetLimit,
    /// `page` (page number) and `size` (items per page).
    PageSize,
    /// `marker` (from the previous page) and `limit` (items per page).
    Marker,
}

/// Which page to request: the value of the position parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    /// Items to skip.
    Offset(u64),
    /// Page number.
    Page(u64),
    /// The marker the previous page gave (`None`: the first page).
    Marker(Option<String>),
}

impl Position {
    /// The offset or page number; `None` for a marker.
    #[must_use]
    pub fn number(&self) -> Option<u64> {
        match self {
            Self::Offset(n) | Self::Page(n) => Some(*n),
            Self::Marker(_) => None,
        }
    }

    /// The marker; `None` for an offset, a page number or the first page of markers.
    #[must_use]
    pub fn marker(&self) -> Option<&str> {
        match self {
            Self::Marker(m) => m.as_deref(),
            Self::Offset(_) | Self::Page(_) => None,
        }
    }

    /// Where a listing of `style` starts when the caller sets no position: offset 0, page 1,
    /// or no marker.
    #[must_use]
    pub fn first(style: Style) -> Self {
        match style {
            Style::OffsetLimit => Self::Offset(0),
            Style::PageSize => Self::Page(1),
            Style::Marker => Self::Marker(None),
        }
    }

    /// The position the caller set on the builder (`number` for an offset or page, `marker`
    /// for a marker), else [`Position::first`]. A parameter value that is not a number is
    /// `None` here, so this starts at the first position; [`Paginator::start_at`] refuses it
    /// instead.
    #[must_use]
    pub fn start(style: Style, number: Option<u64>, marker: Option<&str>) -> Self {
        match (style, number) {
            (Style::OffsetLimit, Some(n)) => Self::Offset(n),
            (Style::PageSize, Some(n)) => Self::Page(n),
            (Style::Marker, _) => Self::Marker(marker.map(str::to_owned)),
            _ => Self::first(style),
        }
    }
}

/// What a page says about the listing: how many items it holds, the total where the body has
/// one, the next marker where it has one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageInfo {
    /// Items in this page.
    pub items: usize,
    /// Items in the whole listing, where the body says.
    pub total: Option<u64>,
    /// The marker of the next page, where the body gives one.
    pub next_marker: Option<String>,
}

/// A paging parameter's value as a number, whatever its type in the spec (the DBSS reference
/// types `offset` and `limit` as `String` in some operations, `Integer` in others).
pub trait PageNumber {
    /// The value as a non-negative number; `None` when it is not one.
    fn page_number(&self) -> Option<u64>;
}

impl PageNumber for String {
    fn page_number(&self) -> Option<u64> {
        self.trim().parse().ok()
    }
}

impl PageNumber for i32 {
    fn page_number(&self) -> Option<u64> {
        u64::try_from(*self).ok()
    }
}

impl PageNumber for i64 {
    fn page_number(&self) -> Option<u64> {
        u64::try_from(*self).ok()
    }
}

/// A count of the body (a total) as a number: `None` when it is negative or absent.
pub fn count<N: PageNumber>(value: Option<&N>) -> Option<u64> {
    value.and_then(PageNumber::page_number)
}

/// `value` as the parameter's type `N` (`i32`, `i64`), or the request error of `operation`
/// saying that `name` cannot hold it.
///
/// # Errors
///
/// [`Error::InvalidRequest`] when `value` does not fit `N`.
pub fn number<N: TryFrom<u64>, E>(
    operation: &'static str,
    name: &str,
    value: u64,
) -> Result<N, Error<E>> {
    N::try_from(value).map_err(|_| {
        Error::InvalidRequest(InvalidRequest::single(
            operation,
            name,
            format!(
                "the paginator reached {value}, more than the parameter's type holds; stop earlier with max_pages"
            ),
        ))
    })
}

/// What to do when the server does not let a listing end.
const SERVER_STOP: &str = "report the server's behaviour to the service, and meanwhile read the \
                           pages one by one with the call's send()";

/// The future that sends one page.
pub type PageFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, Error<E>>> + Send>>;

type Fetch<T, E> = Box<dyn FnMut(Position) -> PageFuture<T, E> + Send>;

/// The pages of a listing, each as its items.
type Pages<I, E> = Pin<Box<dyn Stream<Item = Result<Vec<I>, Error<E>>> + Send>>;

/// Where the walk through the pages is: everything a paginator decides, whatever the
/// operation. It is not generic, so it is compiled once in this crate, not once per paging
/// operation of a generated crate (where a generic walk cost about a second of build each).
struct Walk {
    operation: &'static str,
    endpoint: String,
    style: Style,
    /// The next page to request; `None` once the listing is over.
    next: Option<Position>,
    page_size: Option<u64>,
    max_pages: u64,
    /// Pages received.
    pages: u64,
    /// Items received since the start position.
    received: u64,
    /// Items before the start position, where known (an offset; a page number times the page
    /// size): with `received`, compared to the total.
    skipped: u64,
    /// The most items a page before this one held.
    largest: u64,
    /// Every marker sent so far.
    markers: HashSet<String>,
    /// The start position the caller set that cannot be one: it ends the listing before any
    /// request.
    invalid: Option<InvalidRequest>,
}

impl Walk {
    /// The error that ends a listing the server does not let end: `what` happened, and
    /// `next` is what to do (trying again ends the same way). Its message does not depend on
    /// the endpoint, which a paginator may not have been given.
    fn stopped(&self, what: &str, next: &str) -> TransportError {
        TransportError::new(
            TransportErrorKind::ListingStopped,
            self.endpoint.clone(),
            format!(
                "{}: {what}; trying again ends the same way: {next}",
                self.operation
            ),
            0,
        )
    }

    /// The position of the next page to request; `None` once the listing is over; an error
    /// (which ends it) past [`Paginator::max_pages`].
    fn next_request(&mut self) -> Option<Result<Position, TransportError>> {
        let position = self.next.take()?;
        if self.pages >= self.max_pages {
            return Some(Err(self.stopped(
                &format!(
                    "stopped after {} pages, the most this paginator requests (max_pages), with \
                     more to come",
                    self.pages
                ),
                "raise it with max_pages, or narrow the listing with the call's filters",
            )));
        }
        Some(Ok(position))
    }

    /// Takes in the page at `position` that said `info` (`repeated`: it is the same as the
    /// page before it) and sets the next position; an error ends the listing.
    fn received(
        &mut self,
        position: &Position,
        info: &PageInfo,
        repeated: bool,
    ) -> Result<(), TransportError> {
        self.pages += 1;
        if repeated {
            return Err(self.stopped(
                &format!(
                    "page {} is the same as the page before it: the server ignores the page \
                     position ({position}), so the listing would never end",
                    self.pages
                ),
                SERVER_STOP,
            ));
        }
        self.received = self.received.saturating_add(info.items as u64);
        match self.advance(position, info) {
            Ok(next) => {
                self.next = next;
                Ok(())
            }
            Err(what) => Err(self.stopped(&what, SERVER_STOP)),
        }
    }

    /// The position after a page at `position` that said `info`; `None` at the end.
    fn advance(
        &mut self,
        position: &Position,
        info: &PageInfo,
    ) -> Result<Option<Position>, String> {
        if info.items == 0 {
            return Ok(None);
        }
        let seen = self.skipped.saturating_add(self.received);
        let items = info.items as u64;
        let largest = self.largest;
        self.largest = largest.max(items);
        match info.total {
            Some(total) if seen >= total => return Ok(None),
            // Without a total, a page shorter than asked for and than the pages before it is
            // the last one.
            None if largest > 0 && self.page_size.is_some_and(|size| items < size.min(largest)) => {
                return Ok(None);
            }
            _ => {}
        }
        Ok(match (self.style, position) {
            (_, Position::Offset(offset)) => {
                Some(Position::Offset(offset.saturating_add(info.items as u64)))
            }
            (_, Position::Page(page)) => Some(Position::Page(page.saturating_add(1))),
            (_, Position::Marker(_)) => match info.next_marker.as_deref() {
                None | Some("") => None,
                Some(marker) if !self.markers.insert(marker.to_owned()) => {
                    return Err(format!(
                        "the server sent the next marker {:?} a second time (page {}), so the \
                         listing would go round in a loop",
                        marker, self.pages
                    ));
                }
                Some(marker) => Some(Position::Marker(Some(marker.to_owned()))),
            },
        })
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Offset(n) => write!(f, "offset {n}"),
            Self::Page(n) => write!(f, "page {n}"),
            Self::Marker(None) => f.write_str("first marker"),
            Self::Marker(Some(m)) => write!(f, "marker {m:?}"),
        }
    }
}

/// Every page of a listing: a [`Stream`] of `Result<T, Error<E>>`, each page requested when
/// the one before it has been taken. Made by a generated call's `into_paginator()`; see the
/// [module documentation](self) for how it walks and where it stops.
///
/// `T` is the operation's output (one page), `I` an item of a page, `E` the operation's error.
pub struct Paginator<T, I, E> {
    walk: Walk,
    info: fn(&T) -> PageInfo,
    items: fn(T) -> Vec<I>,
    fetch: Fetch<T, E>,
    /// The page being requested, and its position.
    in_flight: Option<(Position, PageFuture<T, E>)>,
    /// The previous page (to tell a server that ignores the position: it sends it again).
    /// Compared with the model's own `PartialEq`, compiled once per type anyway; a hash of
    /// the page's JSON instantiated the serializer of every paging operation's response
    /// model, which cost about a second of the generated crate's build per operation.
    previous: Option<T>,
}

// Nothing of a paginator is pinned in place: the page being requested is boxed, and the
// previous page is only compared.
impl<T, I, E> Unpin for Paginator<T, I, E> {}

impl<T, I, E> fmt::Debug for Paginator<T, I, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator")
            .field("operation", &self.walk.operation)
            .field("style", &self.walk.style)
            .field("next", &self.walk.next)
            .field("page_size", &self.walk.page_size)
            .field("max_pages", &self.walk.max_pages)
            .field("pages", &self.walk.pages)
            .finish_non_exhaustive()
    }
}

impl<T, I, E> Paginator<T, I, E>
where
    T: Clone + PartialEq + Send + 'static,
    I: Send + 'static,
    E: Send + 'static,
{
    /// A paginator of `operation` (its id, for messages) that starts at `start`, asks for
    /// `page_size` items a page (`None`: the server's default), reads each page with `info`,
    /// takes its items with `items`, and sends the request of a page with `fetch`.
    pub fn new(
        operation: &'static str,
        style: Style,
        start: Position,
        page_size: Option<u64>,
        info: fn(&T) -> PageInfo,
        items: fn(T) -> Vec<I>,
        fetch: impl FnMut(Position) -> PageFuture<T, E> + Send + 'static,
    ) -> Self {
        Paginator {
            walk: Walk::new(operation, style, start, page_size),
            info,
            items,
            fetch: Box::new(fetch),
            in_flight: None,
            previous: None,
        }
    }

    /// The endpoint that messages of a listing the server does not let end name (the
    /// client's first).
    #[must_use]
    pub fn endpoint(mut self, endpoint: &str) -> Self {
        endpoint.clone_into(&mut self.walk.endpoint);
        self
    }

    /// Starts the listing where the call says: at the offset or page number that the call's
    /// parameter `name` holds (`value`, as the call builder holds it: a `String`, an `i32` or
    /// an `i64`; for markers, the marker), in place of the start given to [`new`](Self::new).
    /// `None` (the parameter is not set) leaves that start. Set it before the stream is first
    /// polled.
    ///
    /// A value that is not a non-negative whole number (`"abc"`, `-1`) ends the listing at
    /// once, before any request, with an [`Error::InvalidRequest`] that names the parameter
    /// and quotes the value: the call's `send` sends the value as it is, so starting
    /// anywhere else would list something the call does not ask for.
    #[must_use]
    pub fn start_at<N: PageNumber + fmt::Display>(mut self, name: &str, value: Option<&N>) -> Self {
        let Some(value) = value else {
            return self;
        };
        let style = self.walk.style;
        let start = match style {
            Style::Marker => Some(Position::Marker(Some(value.to_string()))),
            Style::OffsetLimit | Style::PageSize => value
                .page_number()
                .map(|number| Position::start(style, Some(number), None)),
        };
        match start {
            Some(start) => self.walk.start_at(start),
            None => {
                self.walk.next = None;
                self.walk.invalid = Some(self.walk.invalid_start(name, &value.to_string()));
            }
        }
        self
    }

    /// At most `pages` pages (at least 1; [`DEFAULT_MAX_PAGES`] unless set): when the listing
    /// has more, the stream ends with an error after the last of them. Counts the pages
    /// already received, if the stream has been polled.
    #[must_use]
    pub fn max_pages(mut self, pages: u64) -> Self {
        self.walk.max_pages = pages.max(1);
        self
    }

    /// Every item of every page, in order: a [`Stream`] of `Result<I, Error<E>>`; an error
    /// (of a page, or of a listing that does not end) ends it.
    #[must_use]
    pub fn items(self) -> Items<I, E> {
        Items {
            pages: Box::pin(PageItems(self)),
            current: Vec::new().into_iter(),
        }
    }
}

impl Walk {
    fn new(operation: &'static str, style: Style, start: Position, page_size: Option<u64>) -> Self {
        let mut walk = Walk {
            operation,
            endpoint: String::new(),
            style,
            next: None,
            page_size,
            max_pages: DEFAULT_MAX_PAGES,
            pages: 0,
            received: 0,
            skipped: 0,
            largest: 0,
            markers: HashSet::new(),
            invalid: None,
        };
        walk.start_at(start);
        walk
    }

    /// Makes `start` the first page to request.
    fn start_at(&mut self, start: Position) {
        self.skipped = match (&start, self.page_size) {
            (Position::Offset(n), _) => *n,
            // Page numbers are taken as counted from 1: a listing counted from 0 makes this
            // one page short, which only costs an empty page at the end.
            (Position::Page(n), Some(size)) => n.saturating_sub(1).saturating_mul(size),
            _ => 0,
        };
        self.markers.clear();
        if let Some(m) = start.marker() {
            self.markers.insert(m.to_owned());
        }
        self.next = Some(start);
        self.invalid = None;
    }

    /// The error of a start position `value`, set as parameter `name`, that is not a
    /// non-negative whole number.
    fn invalid_start(&self, name: &str, value: &str) -> InvalidRequest {
        /// The most characters of the value the message quotes.
        const SHOWN: usize = 40;
        let mut shown: String = value.chars().take(SHOWN).collect();
        if value.chars().nth(SHOWN).is_some() {
            shown.push('…');
        }
        let (what, unset) = match self.style {
            Style::PageSize => ("page number", "page 1"),
            Style::OffsetLimit | Style::Marker => ("number of items to skip", "offset 0"),
        };
        InvalidRequest::single(
            self.operation,
            name,
            format!(
                "the listing cannot start at {shown:?}: it must be a {what}, a whole number \
                 from 0; set it to one, or leave it unset to start at {unset}"
            ),
        )
    }
}

impl<T, I, E> Stream for Paginator<T, I, E>
where
    T: Clone + PartialEq,
{
    type Item = Result<T, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if let Some(error) = this.walk.invalid.take() {
            return Poll::Ready(Some(Err(Error::InvalidRequest(error))));
        }
        loop {
            if let Some((position, mut request)) = this.in_flight.take() {
                let Poll::Ready(result) = request.as_mut().poll(cx) else {
                    this.in_flight = Some((position, request));
                    return Poll::Pending;
                };
                let page = match result {
                    Ok(page) => page,
                    // An error ends the listing: `next` was taken when the page was requested.
                    Err(error) => return Poll::Ready(Some(Err(error))),
                };
                let info = (this.info)(&page);
                let repeated = info.items > 0 && this.previous.as_ref() == Some(&page);
                if let Err(error) = this.walk.received(&position, &info, repeated) {
                    this.walk.next = None;
                    return Poll::Ready(Some(Err(Error::Transport(error))));
                }
                this.previous = Some(page.clone());
                return Poll::Ready(Some(Ok(page)));
            }
            match this.walk.next_request() {
                None => return Poll::Ready(None),
                Some(Err(error)) => return Poll::Ready(Some(Err(Error::Transport(error)))),
                Some(Ok(position)) => {
                    let page = (this.fetch)(position.clone());
                    this.in_flight = Some((position, page));
                }
            }
        }
    }
}

/// The pages of a paginator as their items.
struct PageItems<T, I, E>(Paginator<T, I, E>);

impl<T: Clone + PartialEq, I, E> Stream for PageItems<T, I, E> {
    type Item = Result<Vec<I>, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let take = self.0.items;
        self.0
            .poll_next_unpin(cx)
            .map(|page| page.map(|page| page.map(take)))
    }
}

/// Every item of every page of a listing: a [`Stream`] of `Result<I, Error<E>>`, from
/// [`Paginator::items`] (or a generated call's `items()`).
pub struct Items<I, E> {
    pages: Pages<I, E>,
    /// What is left of the page being read.
    current: std::vec::IntoIter<I>,
}

// Nothing of it is pinned in place: the pages are boxed.
impl<I, E> Unpin for Items<I, E> {}

impl<I, E> fmt::Debug for Items<I, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("left_in_page", &self.current.len())
            .finish_non_exhaustive()
    }
}

impl<I, E> Stream for Items<I, E> {
    type Item = Result<I, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            if let Some(item) = self.current.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match std::task::ready!(self.pages.as_mut().poll_next(cx)) {
                Some(Ok(items)) => self.current = items.into_iter(),
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                None => return Poll::Ready(None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    /// A page of a made-up listing.
    #[derive(Debug, Clone, PartialEq)]
    struct Page {
        items: Vec<u64>,
        total: Option<u64>,
        next: Option<String>,
    }

    fn info(page: &Page) -> PageInfo {
        PageInfo {
            items: page.items.len(),
            total: page.total,
            next_marker: page.next.clone(),
        }
    }

    fn take(page: Page) -> Vec<u64> {
        page.items
    }

    type Answer = Box<dyn Fn(&Position) -> Result<Page, Error<String>> + Send + Sync>;
    type Asked = Arc<Mutex<Vec<Position>>>;

    /// A paginator whose pages `answer` gives, told its endpoint; the positions asked for are
    /// recorded.
    fn paginator(
        style: Style,
        start: Position,
        page_size: Option<u64>,
        answer: Answer,
    ) -> (Paginator<Page, u64, String>, Asked) {
        let (p, asked) = unplaced(style, start, page_size, answer);
        (p.endpoint("https://things.example"), asked)
    }

    /// A paginator whose pages `answer` gives, not told its endpoint (as the module
    /// documentation's example builds one).
    fn unplaced(
        style: Style,
        start: Position,
        page_size: Option<u64>,
        answer: Answer,
    ) -> (Paginator<Page, u64, String>, Asked) {
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = asked.clone();
        let answer = Arc::new(answer);
        let fetch = move |position: Position| -> PageFuture<Page, String> {
            log.lock().unwrap().push(position.clone());
            let answer = answer.clone();
            Box::pin(async move { answer(&position) })
        };
        let p = Paginator::new("ListThings", style, start, page_size, info, take, fetch);
        (p, asked)
    }

    /// A listing of `n` items (0..n) served by offset and limit (default 10).
    fn by_offset(n: u64, with_total: bool) -> Answer {
        Box::new(move |p| {
            let offset = p.number().unwrap();
            Ok(page((offset..n).take(10), with_total.then_some(n)))
        })
    }

    /// A paginator by offset and limit, from `start`, told its endpoint.
    fn offset_paginator(
        start: u64,
        page_size: Option<u64>,
        answer: Answer,
    ) -> (Paginator<Page, u64, String>, Asked) {
        paginator(
            Style::OffsetLimit,
            Position::Offset(start),
            page_size,
            answer,
        )
    }

    /// A page of `items`, with `total` and no next marker.
    fn page(items: impl IntoIterator<Item = u64>, total: Option<u64>) -> Page {
        Page {
            items: items.into_iter().collect(),
            total,
            next: None,
        }
    }

    /// A listing that always answers the first ten items, with no total: without the check
    /// of repeated pages, it never ends.
    fn ignores_the_offset() -> Answer {
        Box::new(|_| Ok(page(0..10, None)))
    }

    async fn collect(p: Paginator<Page, u64, String>) -> Vec<Result<Page, Error<String>>> {
        p.collect().await
    }

    fn ok(result: &Result<Page, Error<String>>) -> &Page {
        match result {
            Ok(page) => page,
            Err(_) => panic!("an error instead of a page"),
        }
    }

    fn all(result: Result<Vec<u64>, Error<String>>) -> Vec<u64> {
        match result {
            Ok(items) => items,
            Err(_) => panic!("an error instead of the items"),
        }
    }

    fn offsets(asked: &Mutex<Vec<Position>>) -> Vec<u64> {
        asked
            .lock()
            .unwrap()
            .iter()
            .filter_map(Position::number)
            .collect()
    }

    /// The error that stopped a listing the server does not let end.
    fn stop(result: &Result<Page, Error<String>>) -> &TransportError {
        match result {
            Err(Error::Transport(e)) => {
                assert_eq!(e.kind, TransportErrorKind::ListingStopped, "{e}");
                assert!(!e.is_retryable(), "{e}");
                e
            }
            Ok(_) => panic!("expected a transport error, got a page"),
            Err(_) => panic!("expected a transport error, got another error"),
        }
    }

    fn message(result: &Result<Page, Error<String>>) -> String {
        stop(result).message.clone()
    }

    /// The request error a listing ended with at once, shown.
    fn refused(result: &Result<Page, Error<String>>) -> String {
        match result {
            Err(Error::InvalidRequest(e)) => e.to_string(),
            Ok(_) => panic!("expected an invalid request, got a page"),
            Err(_) => panic!("expected an invalid request, got another error"),
        }
    }

    #[tokio::test]
    async fn offset_pages_stop_at_the_total() {
        let (p, asked) = offset_paginator(0, None, by_offset(25, true));
        let pages = collect(p).await;
        let sizes: Vec<usize> = pages.iter().map(|p| ok(p).items.len()).collect();
        assert_eq!(sizes, [10, 10, 5]);
        assert_eq!(offsets(&asked), [0, 10, 20]);
    }

    #[tokio::test]
    async fn without_a_total_a_short_page_ends_when_a_size_was_asked_for() {
        let (p, asked) = offset_paginator(0, Some(10), by_offset(25, false));
        assert_eq!(collect(p).await.len(), 3);
        assert_eq!(offsets(&asked), [0, 10, 20]);
    }

    #[tokio::test]
    async fn a_server_that_caps_the_page_size_is_not_taken_as_short() {
        // Asked for 10 a page, the server sends at most 4, and no total.
        let answer: Answer = Box::new(|p| {
            let offset = p.number().unwrap();
            Ok(page((offset..10).take(4), None))
        });
        let (p, asked) = offset_paginator(0, Some(10), answer);
        let items = all(p.items().try_collect().await);
        assert_eq!(items, (0..10).collect::<Vec<_>>());
        assert_eq!(offsets(&asked), [0, 4, 8]);
    }

    #[tokio::test]
    async fn without_a_total_or_a_size_an_empty_page_ends() {
        let (p, asked) = offset_paginator(0, None, by_offset(20, false));
        let pages = collect(p).await;
        assert_eq!(pages.len(), 3);
        assert!(ok(&pages[2]).items.is_empty());
        assert_eq!(offsets(&asked), [0, 10, 20]);
    }

    #[tokio::test]
    async fn the_start_offset_counts_towards_the_total() {
        let (p, asked) = offset_paginator(15, None, by_offset(25, true));
        let items: Vec<u64> = all(p.items().try_collect().await);
        assert_eq!(items, (15..25).collect::<Vec<_>>());
        assert_eq!(offsets(&asked), [15]);
    }

    #[tokio::test]
    async fn page_numbers_go_up_by_one_and_stop_at_the_total() {
        let answer: Answer = Box::new(|p| {
            let number = p.number().unwrap();
            let start = (number - 1) * 4;
            Ok(page((start..10).take(4), Some(10)))
        });
        let (p, asked) = paginator(
            Style::PageSize,
            Position::first(Style::PageSize),
            Some(4),
            answer,
        );
        let items: Vec<u64> = all(p.items().try_collect().await);
        assert_eq!(items, (0..10).collect::<Vec<_>>());
        assert_eq!(offsets(&asked), [1, 2, 3]);
    }

    fn markers(chain: &'static [(&'static str, Option<&'static str>)]) -> Answer {
        Box::new(move |p| {
            let at = p.marker().unwrap_or("");
            let i = chain.iter().position(|(m, _)| *m == at).unwrap();
            Ok(Page {
                items: vec![i as u64],
                total: None,
                next: chain[i].1.map(str::to_owned),
            })
        })
    }

    /// A paginator by marker, from none, through the pages of `chain`.
    fn marker_paginator(
        chain: &'static [(&'static str, Option<&'static str>)],
    ) -> (Paginator<Page, u64, String>, Asked) {
        paginator(Style::Marker, Position::Marker(None), None, markers(chain))
    }

    #[tokio::test]
    async fn markers_are_followed_until_there_is_none() {
        let (p, asked) = marker_paginator(&[("", Some("a")), ("a", Some("b")), ("b", None)]);
        let items: Vec<u64> = all(p.items().try_collect().await);
        assert_eq!(items, [0, 1, 2]);
        let asked: Vec<Option<String>> = asked
            .lock()
            .unwrap()
            .iter()
            .map(|p| p.marker().map(str::to_owned))
            .collect();
        assert_eq!(asked, [None, Some("a".into()), Some("b".into())]);
    }

    #[tokio::test]
    async fn a_repeated_marker_ends_the_stream_with_an_error() {
        let (p, asked) = marker_paginator(&[("", Some("a")), ("a", Some("b")), ("b", Some("a"))]);
        let pages = collect(p).await;
        assert_eq!(pages.len(), 3);
        assert!(pages[..2].iter().all(Result::is_ok));
        let m = message(&pages[2]);
        assert!(m.contains("next marker \"a\" a second time"), "{m}");
        assert_eq!(asked.lock().unwrap().len(), 3);
    }

    #[tokio::test]
    async fn a_server_that_ignores_the_offset_is_caught_at_the_second_page() {
        let (p, asked) = offset_paginator(0, None, ignores_the_offset());
        let pages = collect(p).await;
        assert_eq!(pages.len(), 2);
        assert!(pages[0].is_ok());
        let m = message(&pages[1]);
        assert!(
            m.starts_with("ListThings: page 2 is the same as the page before it"),
            "{m}"
        );
        assert!(m.contains("offset 10"), "{m}");
        assert_eq!(offsets(&asked), [0, 10]);
        assert!(m.contains("trying again ends the same way"), "{m}");
        // Shown as the message alone: not as a failed call to the endpoint.
        assert_eq!(stop(&pages[1]).to_string(), m);
    }

    #[tokio::test]
    async fn a_listing_that_never_ends_stops_at_max_pages() {
        // Every page different, full, and no total.
        let answer: Answer = Box::new(|p| {
            let offset = p.number().unwrap();
            Ok(page(offset..offset + 10, None))
        });
        let (p, asked) = offset_paginator(0, Some(10), answer);
        let pages = collect(p.max_pages(5)).await;
        assert_eq!(pages.len(), 6);
        assert!(pages[..5].iter().all(Result::is_ok));
        let m = message(&pages[5]);
        assert!(m.starts_with("ListThings: stopped after 5 pages"), "{m}");
        assert!(m.contains("raise it with max_pages"), "{m}");
        assert_eq!(asked.lock().unwrap().len(), 5);
    }

    #[tokio::test]
    async fn a_stop_reads_the_same_with_and_without_an_endpoint() {
        let (with, _) = offset_paginator(0, None, ignores_the_offset());
        let (without, _) = unplaced(
            Style::OffsetLimit,
            Position::Offset(0),
            None,
            ignores_the_offset(),
        );
        let (with, without) = (collect(with).await, collect(without).await);
        let (with, without) = (stop(&with[1]), stop(&without[1]));
        assert_eq!(with.endpoint, "https://things.example");
        assert_eq!(without.endpoint, "");
        let shown = without.to_string();
        assert_eq!(with.to_string(), shown);
        assert!(
            shown.starts_with("ListThings: page 2 is the same as the page before it"),
            "{shown}"
        );
        assert!(!shown.contains("HTTP client"), "{shown}");
        assert!(!shown.contains("things.example"), "{shown}");
        assert!(shown.ends_with("with the call's send()"), "{shown}");
    }

    /// A paginator of a listing of 100 items by offset, started at the call's `value`.
    fn started_at<N: PageNumber + fmt::Display>(
        style: Style,
        value: Option<&N>,
    ) -> (Paginator<Page, u64, String>, Asked) {
        let (p, asked) = paginator(
            style,
            Position::first(style),
            Some(10),
            by_offset(100, true),
        );
        (p.start_at("offset", value), asked)
    }

    #[tokio::test]
    async fn an_unreadable_start_offset_ends_the_listing_before_any_request() {
        for value in ["abc", "-1", "1.5", ""] {
            let (p, asked) = started_at(Style::OffsetLimit, Some(&value.to_owned()));
            let pages = collect(p).await;
            assert_eq!(pages.len(), 1, "{value}");
            let shown = refused(&pages[0]);
            assert_eq!(
                shown,
                format!(
                    "invalid ListThings request: offset: the listing cannot start at {value:?}: \
                     it must be a number of items to skip, a whole number from 0; set it to \
                     one, or leave it unset to start at offset 0 (nothing was sent)"
                )
            );
            assert!(asked.lock().unwrap().is_empty(), "{value}");
        }
        // An Integer-typed parameter too.
        let (p, asked) = started_at(Style::OffsetLimit, Some(&-5i32));
        let pages = collect(p).await;
        assert_eq!(pages.len(), 1);
        assert!(refused(&pages[0]).contains("cannot start at \"-5\""));
        assert!(asked.lock().unwrap().is_empty());
        // Page numbers say so.
        let (p, _) = started_at(Style::PageSize, Some(&"x".to_owned()));
        let shown = refused(&collect(p).await[0]);
        assert!(shown.contains("it must be a page number"), "{shown}");
        assert!(shown.contains("to start at page 1"), "{shown}");
    }

    #[tokio::test]
    async fn an_unreadable_start_is_shown_escaped_and_cut() {
        let value = format!("\x1b]0;owned\x07\n{}", "9".repeat(100));
        let (p, _) = started_at(Style::OffsetLimit, Some(&value));
        let shown = refused(&collect(p).await[0]);
        assert!(!shown.contains(|c: char| c.is_control()), "{shown}");
        assert!(shown.contains(r#""\u{1b}]0;owned\u{7}\n999"#), "{shown}");
        // 40 characters quoted: 11 before the nines, 29 nines.
        assert!(
            shown.contains(&format!("\\n{}…\"", "9".repeat(29))),
            "{shown}"
        );
        assert!(!shown.contains(&"9".repeat(30)), "{shown}");
    }

    #[tokio::test]
    async fn a_readable_or_unset_start_is_where_the_listing_starts() {
        let (p, asked) = started_at(Style::OffsetLimit, Some(&" 80".to_owned()));
        let items = all(p.items().try_collect().await);
        assert_eq!(items, (80..100).collect::<Vec<_>>());
        assert_eq!(offsets(&asked), [80, 90]);
        let (p, asked) = started_at(Style::OffsetLimit, Some(&90i64));
        assert_eq!(all(p.items().try_collect().await).len(), 10);
        assert_eq!(offsets(&asked), [90]);
        // Not set: the start given to `new`.
        let (p, asked) = started_at::<String>(Style::OffsetLimit, None);
        assert_eq!(all(p.items().try_collect().await).len(), 100);
        assert_eq!(offsets(&asked)[0], 0);
        // A marker is where marker listings start, whatever it holds.
        let (p, asked) = marker_paginator(&[("", Some("a")), ("a", Some("b")), ("b", None)]);
        let items = all(p
            .start_at("marker", Some(&"a".to_owned()))
            .items()
            .try_collect()
            .await);
        assert_eq!(items, [1, 2]);
        assert_eq!(asked.lock().unwrap()[0], Position::Marker(Some("a".into())));
    }

    #[tokio::test]
    async fn an_error_ends_the_stream() {
        let answer: Answer = Box::new(|p| match p.number() {
            Some(10) => Err(Error::Operation("page 2 failed".to_owned())),
            Some(offset) => Ok(page(offset..offset + 10, Some(100))),
            None => unreachable!(),
        });
        let (p, asked) = offset_paginator(0, None, answer);
        let pages = collect(p).await;
        assert_eq!(pages.len(), 2);
        assert!(matches!(&pages[1], Err(Error::Operation(m)) if m == "page 2 failed"));
        assert_eq!(offsets(&asked), [0, 10]);
        // Items: the first page's, then the error, then nothing.
        let (p, _) = offset_paginator(0, None, {
            Box::new(|p| match p.number() {
                Some(0) => Ok(page([1, 2], Some(9))),
                _ => Err(Error::Operation("no".to_owned())),
            })
        });
        let items: Vec<Result<u64, Error<String>>> = p.items().collect().await;
        assert_eq!(items.len(), 3);
        assert!(items[2].is_err());
    }

    #[tokio::test]
    async fn an_empty_first_page_is_one_page() {
        let (p, asked) = offset_paginator(0, Some(10), by_offset(0, true));
        let pages = collect(p).await;
        assert_eq!(pages.len(), 1);
        assert_eq!(asked.lock().unwrap().len(), 1);
    }

    #[test]
    fn start_positions_and_numbers() {
        assert_eq!(
            Position::start(Style::OffsetLimit, None, None),
            Position::Offset(0)
        );
        assert_eq!(
            Position::start(Style::PageSize, Some(3), None),
            Position::Page(3)
        );
        assert_eq!(
            Position::start(Style::Marker, None, Some("m")),
            Position::Marker(Some("m".into()))
        );
        assert_eq!(" 20".to_owned().page_number(), Some(20));
        assert_eq!("x".to_owned().page_number(), None);
        assert_eq!((-1i32).page_number(), None);
        assert_eq!(count(Some(&7i64)), Some(7));
        assert!(matches!(
            number::<i32, String>("ListThings", "offset", 5),
            Ok(5)
        ));
        match number::<i32, String>("ListThings", "offset", u64::MAX) {
            Err(Error::InvalidRequest(e)) => assert!(e.to_string().contains("offset"), "{e}"),
            _ => panic!("u64::MAX fits no i32"),
        }
    }
}
