//! A stub HTTP server for the tests: it reads each request head, records it,
//! then runs a script on the connection.

#![allow(dead_code)]

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use huaweicloud_sdk_core::InvalidRequest;
use huaweicloud_sdk_core::http;
use huaweicloud_sdk_core::request::RequestWriter;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

pub mod raw;

// ---------------------------------------------------------------------------
// A stub server: reads each request head, records it, then runs a script.

type Script =
    Arc<dyn Fn(TcpStream, String) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

pub struct Stub {
    pub url: String,
    pub connections: Arc<AtomicUsize>,
    heads: Arc<Mutex<Vec<String>>>,
}

impl Stub {
    pub async fn start<F, Fut>(script: F) -> Stub
    where
        F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        Self::start_with_head(move |stream, _| script(stream)).await
    }

    /// A stub whose script also gets the request head.
    pub async fn start_with_head<F, Fut>(script: F) -> Stub
    where
        F: Fn(TcpStream, String) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let script: Script = Arc::new(move |stream, head| Box::pin(script(stream, head)));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let heads = Arc::new(Mutex::new(Vec::new()));
        let (count, record) = (Arc::clone(&connections), Arc::clone(&heads));
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                count.fetch_add(1, Ordering::SeqCst);
                let (script, record) = (Arc::clone(&script), Arc::clone(&record));
                tokio::spawn(async move {
                    if let Some(head) = read_head(&mut stream).await {
                        record.lock().unwrap().push(head.clone());
                        script(stream, head).await;
                    }
                });
            }
        });
        Stub {
            url,
            connections,
            heads,
        }
    }

    /// A stub that writes `bytes` and closes the connection.
    pub async fn replying(bytes: Vec<u8>) -> Stub {
        Self::start(move |mut stream| {
            let bytes = bytes.clone();
            async move {
                let _ = stream.write_all(&bytes).await;
            }
        })
        .await
    }

    pub fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

/// Reads a request (head and `Content-Length` body) from `stream`: its head, the request line
/// and the header lines (without the blank line that ends it).
pub async fn read_head(stream: &mut TcpStream) -> Option<String> {
    let request = raw::read_request(stream, &mut Vec::new()).await?;
    let mut head = request.line();
    for (name, value) in &request.headers {
        head.push_str(&format!("\r\n{name}: {value}"));
    }
    Some(head)
}

/// Writes `bytes` one at a time, `every` apart, until the peer goes away.
pub async fn drip(stream: &mut TcpStream, bytes: &[u8], every: Duration) {
    for byte in bytes.iter().cycle() {
        if stream.write_all(&[*byte]).await.is_err() {
            return;
        }
        tokio::time::sleep(every).await;
    }
}

/// Builds `GET {endpoint}/v1/things`.
pub fn get(endpoint: &str) -> Result<http::Request<Vec<u8>>, InvalidRequest> {
    RequestWriter::new(
        "ListThings",
        http::Method::GET,
        endpoint,
        "/v1/things".to_owned(),
    )
    .finish()
}

/// The value of header `name` in a request head.
pub fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|line| {
        let (n, v) = line.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}
