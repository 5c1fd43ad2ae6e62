//! A scripted raw HTTP/1.1 server on 127.0.0.1, for the tests that need what the mock cannot
//! send: unknown values, malformed bodies, proxies' pages, slow, stalling or failing servers,
//! and stand-ins (IAM, instance metadata, a listing) that check what the client sent.
//!
//! Shared by path (`#[path = ...] mod raw;`) by the runtime's tests and by `integration-tests`,
//! and the request reader of `support::Stub`: one reader of requests and one writer of
//! responses for every hand-written stand-in. It stays a test helper rather than a module of
//! the runtime's `mock` feature, so that the runtime's own tests run without that feature and
//! the runtime's API does not grow a raw server to keep.

#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use huaweicloud_sdk_core::http;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with one request.
pub enum Reply {
    /// Writes these bytes (a whole response), then reads the next request on the connection.
    Keep(Vec<u8>),
    /// Writes these bytes, then closes the connection.
    Close(Vec<u8>),
    /// Closes the connection without answering.
    Drop,
    /// Waits, then writes these bytes and closes.
    After(Duration, Vec<u8>),
    /// Writes these bytes (say, the head and part of the body), then waits before closing.
    Stall(Vec<u8>, Duration),
}

/// A complete response: the status line (with the canonical reason), `Content-Length`,
/// `headers` in order, and `body`.
pub fn response(status: u16, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Whatever");
    let mut text = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    text.into_bytes()
}

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The request target as sent: the path and the query.
    pub target: String,
    /// The protocol version of the request line (`HTTP/1.1`).
    pub version: String,
    /// The header fields in the order and case they were sent.
    pub headers: Vec<(String, String)>,
    /// The body (`Content-Length` bytes).
    pub body: Vec<u8>,
}

impl Request {
    /// The request line: `POST /v2/... HTTP/1.1`.
    pub fn line(&self) -> String {
        format!("{} {} {}", self.method, self.target, self.version)
    }

    /// The value of the first header field `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The query's `name=value` pairs, as sent (not decoded).
    pub fn query(&self) -> HashMap<String, String> {
        self.target
            .split_once('?')
            .map(|(_, query)| query)
            .unwrap_or_default()
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    /// The request as `signer::verify` reads it (its URI from the `Host` header and the target).
    pub fn to_http(&self) -> http::Request<Vec<u8>> {
        let host = self.header("host").unwrap_or("127.0.0.1");
        let mut request = http::Request::builder()
            .method(self.method.as_str())
            .uri(format!("http://{host}{}", self.target));
        for (name, value) in &self.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        request
            .body(self.body.clone())
            .expect("a request the client sent parses")
    }
}

/// Answers a request, given how many requests came before it (on any connection).
type Handler = dyn Fn(&Request, usize) -> Reply + Send + Sync;

/// A server on 127.0.0.1 that records every request and answers it with a handler.
pub struct Server {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
    received: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    /// Answers each request with `handler` (given the request and how many came before it).
    pub async fn start(handler: impl Fn(&Request, usize) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0))
            .await
            .expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let handler: Arc<Handler> = Arc::new(handler);
        let connections = Arc::new(AtomicUsize::new(0));
        let received = Arc::new(Mutex::new(Vec::new()));
        let (count, log) = (Arc::clone(&connections), Arc::clone(&received));
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                count.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream, Arc::clone(&handler), Arc::clone(&log)));
            }
        });
        Server {
            addr,
            connections,
            received,
        }
    }

    /// Answers requests with `replies` in order, then with a `500` that says so and closes.
    pub async fn script(replies: Vec<Reply>) -> Self {
        let replies = Mutex::new(std::collections::VecDeque::from(replies));
        Self::start(move |_, _| {
            replies.lock().unwrap().pop_front().unwrap_or_else(|| {
                Reply::Close(response(
                    500,
                    &[("Connection", "close")],
                    "the scripted server has no more replies",
                ))
            })
        })
        .await
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:port`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many connections it accepted.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// The requests it received, in order.
    pub fn received(&self) -> Vec<Request> {
        self.received.lock().unwrap().clone()
    }
}

/// Serves one connection: reads requests, records them and answers each with `handler`.
async fn serve(mut stream: TcpStream, handler: Arc<Handler>, log: Arc<Mutex<Vec<Request>>>) {
    let mut buffer = Vec::new();
    loop {
        let Some(request) = read_request(&mut stream, &mut buffer).await else {
            return;
        };
        let before = {
            let mut log = log.lock().unwrap();
            log.push(request.clone());
            log.len() - 1
        };
        match handler(&request, before) {
            Reply::Keep(bytes) => {
                if stream.write_all(&bytes).await.is_err() {
                    return;
                }
                continue;
            }
            Reply::Close(bytes) => {
                let _ = stream.write_all(&bytes).await;
            }
            Reply::Drop => return,
            Reply::After(delay, bytes) => {
                tokio::time::sleep(delay).await;
                let _ = stream.write_all(&bytes).await;
            }
            Reply::Stall(bytes, delay) => {
                let _ = stream.write_all(&bytes).await;
                let _ = stream.flush().await;
                tokio::time::sleep(delay).await;
            }
        }
        let _ = stream.shutdown().await;
        return;
    }
}

/// Reads one request (head and `Content-Length` body) from `stream`, starting with what
/// `buffer` already holds and leaving there what follows it; `None` at the end of the stream.
pub async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Request> {
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        fill(stream, buffer).await?;
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default().to_owned();
    let target = request_line.next().unwrap_or_default().to_owned();
    let version = request_line.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        fill(stream, buffer).await?;
    }
    let body = buffer[head_end..head_end + length].to_vec();
    buffer.drain(..head_end + length);
    Some(Request {
        method,
        target,
        version,
        headers,
        body,
    })
}

/// Reads what `stream` has into `buffer`; `None` at the end of the stream or on an error.
async fn fill(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<()> {
    let mut chunk = [0_u8; 4096];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => None,
        Ok(n) => {
            buffer.extend_from_slice(&chunk[..n]);
            Some(())
        }
    }
}
