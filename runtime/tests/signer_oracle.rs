//! Compares `signer::sign` with the official Python signer
//! (`huaweicloudsdkcore.signer.signer.Signer`, PyPI `huaweicloudsdkcore`) on random requests:
//! methods, paths with reserved, escaped and non-ASCII characters, queries with repeated keys
//! and empty values, headers with mixed-case names, `_` and whitespace around values,
//! bodies and content types. The whole `Authorization` header must be equal.
//!
//! Python runs once per test, with every case as a JSON line on stdin
//! (`tests/oracle/sign_oracle.py`). The interpreter is `$HUAWEICLOUD_ORACLE_PYTHON`, else
//! `python3`; without `huaweicloudsdkcore` the tests print `SKIPPED: …` and pass, unless `CI`
//! is set, where they fail.
//!
//! `SIGNER_ORACLE_SEED` (a number) replays a run; `SIGNER_ORACLE_CASES` sets the number of
//! random cases (300 by default).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use huaweicloud_sdk_core::signer;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::json;

const INSTALL_HINT: &str = "pip install huaweicloudsdkcore==3.1.219";

/// One request to sign, described so that both signers can build it.
#[derive(Debug, Clone)]
struct Case {
    method: String,
    scheme: &'static str,
    /// Authority of the URI.
    authority: &'static str,
    /// The `Host` the official client would use (its endpoint's netloc, default port dropped).
    host: &'static str,
    /// The path exactly as sent.
    path: String,
    query: Vec<QueryPair>,
    /// Header name as spelled for Python, and its values (several for a multi-valued header).
    headers: Vec<(String, Vec<String>)>,
    /// Signing time; `date_header` says whether the request already carries it, and how the
    /// name is spelled.
    now: SystemTime,
    date_header: Option<String>,
    body: Vec<u8>,
    ak: String,
    sk: String,
}

/// A query parameter: how it appears in the URI, and its decoded key and value.
#[derive(Debug, Clone)]
struct QueryPair {
    wire: String,
    key: String,
    value: String,
}

impl Case {
    fn uri(&self) -> String {
        let mut uri = format!("{}://{}{}", self.scheme, self.authority, self.path);
        for (index, pair) in self.query.iter().enumerate() {
            uri.push(if index == 0 { '?' } else { '&' });
            uri.push_str(&pair.wire);
        }
        uri
    }

    /// The request for the Rust signer.
    fn request(&self) -> Result<http::Request<Vec<u8>>, String> {
        let method = http::Method::from_bytes(self.method.as_bytes())
            .map_err(|e| format!("method {:?}: {e}", self.method))?;
        let mut builder = http::Request::builder().method(method).uri(self.uri());
        for (name, values) in &self.headers {
            for value in values {
                builder = builder.header(name.as_str(), value.as_str());
            }
        }
        if let Some(name) = &self.date_header {
            builder = builder.header(name.as_str(), signer::sdk_date(self.now));
        }
        builder
            .body(self.body.clone())
            .map_err(|e| format!("cannot build {:?}: {e}", self.uri()))
    }

    /// The case as the Python oracle reads it.
    fn to_json(&self) -> String {
        let mut headers: Vec<(String, String)> = self
            .headers
            .iter()
            .map(|(name, values)| {
                let value = if values.len() == 1 {
                    values[0].clone()
                } else {
                    // What the official client sends for a header list ("csv").
                    values
                        .iter()
                        .map(|v| v.trim())
                        .collect::<Vec<_>>()
                        .join(",")
                };
                (name.clone(), value)
            })
            .collect();
        headers.push((
            self.date_header
                .clone()
                .unwrap_or_else(|| "X-Sdk-Date".to_owned()),
            signer::sdk_date(self.now),
        ));
        json!({
            "method": self.method,
            "scheme": self.scheme,
            "host": self.host,
            "path": self.path,
            "query": self.query.iter().map(|p| [p.key.as_str(), p.value.as_str()]).collect::<Vec<_>>(),
            "headers": headers,
            "body_hex": hex::encode(&self.body),
            "ak": self.ak,
            "sk": self.sk,
        })
        .to_string()
    }
}

// ---------------------------------------------------------------------------------------
// Python discovery

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The interpreter with `huaweicloudsdkcore`, or `None` (after saying why) to skip.
fn oracle_python(home: &Path) -> Option<PathBuf> {
    let python = std::env::var_os("HUAWEICLOUD_ORACLE_PYTHON")
        .filter(|p| !p.is_empty())
        .map_or_else(|| PathBuf::from("python3"), PathBuf::from);
    let probe = Command::new(&python)
        .args([
            "-c",
            "import huaweicloudsdkcore, importlib.metadata as m; \
             print(m.version('huaweicloudsdkcore'))",
        ])
        .env("HOME", home)
        .output();
    let problem = match probe {
        Ok(out) if out.status.success() => {
            eprintln!(
                "official signer oracle: {} with huaweicloudsdkcore {}",
                python.display(),
                String::from_utf8_lossy(&out.stdout).trim()
            );
            return Some(python);
        }
        Ok(out) => format!(
            "{} cannot import huaweicloudsdkcore: {}",
            python.display(),
            String::from_utf8_lossy(&out.stderr)
                .trim()
                .lines()
                .last()
                .unwrap_or("no error message")
        ),
        Err(e) => format!("cannot run {}: {e}", python.display()),
    };
    assert!(
        !in_ci(),
        "the official signer oracle is required in CI ({problem}); {INSTALL_HINT} and set \
         HUAWEICLOUD_ORACLE_PYTHON to that interpreter"
    );
    // Written to the process's stderr directly, so that the test harness's output capture
    // does not hide it for a passing test.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: official signer oracle not available ({INSTALL_HINT}): {problem}"
    );
    None
}

/// The official signer's answers, one JSON object per case.
fn run_oracle(python: &Path, home: &Path, cases: &[Case]) -> Vec<serde_json::Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle/sign_oracle.py");
    let mut child = Command::new(python)
        .arg(&script)
        .env("HOME", home)
        .env("PYTHONIOENCODING", "utf-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {} {}: {e}", python.display(), script.display()));
    let input: String = cases.iter().map(|c| c.to_json() + "\n").collect();
    let mut stdin = child.stdin.take().expect("piped stdin");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("oracle output");
    assert!(
        output.status.success(),
        "the oracle failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    writer
        .join()
        .expect("writer thread")
        .expect("write cases to the oracle");
    let answers: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("oracle JSON line"))
        .collect();
    assert_eq!(answers.len(), cases.len(), "one oracle answer per case");
    answers
}

/// Signs every case with both signers; panics listing the first mismatches.
fn compare(cases: &[Case], what: &str) {
    let home = tempfile::tempdir().expect("temporary HOME");
    let Some(python) = oracle_python(home.path()) else {
        return;
    };
    let answers = run_oracle(&python, home.path(), cases);
    let mut failures = Vec::new();
    for (index, (case, answer)) in cases.iter().zip(&answers).enumerate() {
        if let Err(problem) = compare_one(case, answer) {
            failures.push(format!("case {index}: {problem}\n  {case:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} {what} cases differ from the official signer:\n{}",
        failures.len(),
        cases.len(),
        failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    // Uncaptured, so that CI logs show how much was compared.
    let _ = writeln!(
        std::io::stderr(),
        "signer oracle: {} {what} cases, Authorization equal to the official signer's",
        cases.len()
    );
}

fn compare_one(case: &Case, answer: &serde_json::Value) -> Result<(), String> {
    if let Some(error) = answer.get("error") {
        return Err(format!("the official signer failed: {error}"));
    }
    let expected = answer["authorization"].as_str().unwrap_or_default();
    let mut request = case.request()?;
    signer::sign(&mut request, &case.ak, &case.sk, case.now)
        .map_err(|e| format!("sign failed: {e}"))?;
    let actual = request
        .headers()
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if actual != expected {
        let ours = signer::canonical_request(&request)
            .map(|(c, _)| c)
            .unwrap_or_else(|e| e.to_string());
        return Err(format!(
            "Authorization differs\n  ours:     {actual}\n  official: {expected}\n  \
             our canonical:      {ours:?}\n  official canonical: {:?}",
            answer["canonical"].as_str().unwrap_or_default()
        ));
    }
    signer::verify(&request, &case.ak, &case.sk).map_err(|e| format!("verify failed: {e}"))
}

// ---------------------------------------------------------------------------------------
// Random cases

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(items).prop_map(str::to_owned)
}

fn method() -> impl Strategy<Value = String> {
    pick(&[
        "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "get", "post", "Patch",
    ])
}

/// (scheme, authority in the URI, Host the client sends).
fn endpoint() -> impl Strategy<Value = (&'static str, &'static str, &'static str)> {
    prop::sample::select(
        &[
            (
                "https",
                "dbss.cn-north-4.myhuaweicloud.com",
                "dbss.cn-north-4.myhuaweicloud.com",
            ),
            ("https", "Example.COM:443", "Example.COM"),
            ("http", "127.0.0.1:8080", "127.0.0.1:8080"),
            ("http", "localhost:80", "localhost"),
            ("https", "[::1]:8443", "[::1]:8443"),
        ][..],
    )
}

/// A piece of a path as sent: plain characters, reserved characters, raw non-ASCII, escapes
/// (valid, lower-case, of `/`, of invalid UTF-8, malformed).
fn path_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z0-9._~-]{1,4}",
        2 => pick(&[
            "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", ":", "@", "中", "é", "😀",
            "\u{a0}", "..", ".",
        ]),
        2 => any::<u8>().prop_map(|b| format!("%{b:02X}")),
        1 => any::<u8>().prop_map(|b| format!("%{b:02x}")),
        2 => pick(&[
            "%2F", "%2f", "%25", "%20", "%3F", "%23", "%E4%B8%AD", "%E4%B8", "%", "%z", "%4",
            "%%41", "%C3", "%F0%9F%98%80", "%ED%A0%80",
        ]),
    ]
}

fn path() -> impl Strategy<Value = String> {
    let segment = prop::collection::vec(path_piece(), 0..4).prop_map(|p| p.concat());
    (prop::collection::vec(segment, 0..5), any::<bool>()).prop_map(|(segments, slash)| {
        let mut path = format!("/{}", segments.join("/"));
        if slash && !path.ends_with('/') {
            path.push('/');
        }
        path
    })
}

/// Text of a query key or value, before encoding.
fn query_text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        4 => "[a-zA-Z0-9]",
        3 => pick(&[
            " ", "&", "=", "+", "#", "?", "/", "%", ",", ";", ":", "@", "!", "$", "'", "(", ")",
            "*", "~", ".", "-", "_", "[", "]", "é", "中", "😀", "\u{a0}", "\"", "<", "{", "|",
        ]),
    ];
    prop::collection::vec(ch, 0..6).prop_map(|c| c.concat())
}

/// Encodes query text: `mode` 0 encodes all but unreserved (upper-case hex), 1 the same with
/// lower-case hex, 2 only what must be encoded, 3 everything (even letters).
fn encode_query(text: &str, mode: u8) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let unreserved = c.is_ascii_alphanumeric() || "-_.~".contains(c);
        let must = " &=#%\"<>\\^`{|}".contains(c) || c.is_ascii_control();
        let keep = match mode {
            0 | 1 => unreserved,
            2 => !must,
            _ => false,
        };
        if keep {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                if mode == 1 {
                    out.push_str(&format!("%{b:02x}"));
                } else {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

fn query() -> impl Strategy<Value = Vec<QueryPair>> {
    let key = prop_oneof![
        2 => pick(&["limit", "offset", "marker", "a", "A", "b"]),
        2 => query_text(),
    ];
    let value = prop_oneof![
        1 => Just(String::new()),
        3 => query_text(),
    ];
    let pair = (key, value, 0u8..4, any::<bool>()).prop_map(|(key, value, mode, bare)| {
        let k = encode_query(&key, mode);
        let v = encode_query(&value, mode);
        // `k` alone (no `=`) when the value is empty, but never an empty piece.
        let wire = if value.is_empty() && bare && !key.is_empty() {
            k
        } else {
            format!("{k}={v}")
        };
        QueryPair { wire, key, value }
    });
    prop::collection::vec(pair, 0..6)
}

/// Whitespace Python's `str.strip` and Rust's `str::trim` both remove, and look-alikes
/// neither removes.
fn padding() -> impl Strategy<Value = String> {
    prop::collection::vec(
        pick(&[
            " ", "\t", "\u{a0}", "\u{3000}", "\u{2003}", "\u{85}", "\u{2028}", "\u{205f}",
            "\u{200b}", "\u{180e}", "\u{feff}",
        ]),
        0..3,
    )
    .prop_map(|p| p.concat())
}

fn header_value() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        6 => "[ -~]",
        1 => pick(&["é", "中", "😀", "\u{a0}", "\t"]),
    ];
    (padding(), prop::collection::vec(ch, 0..12), padding())
        .prop_map(|(pre, core, post)| format!("{pre}{}{post}", core.concat()))
}

/// Random extra headers (names unique ignoring case) and the special ones.
fn headers() -> impl Strategy<Value = Vec<(String, Vec<String>)>> {
    let name = prop_oneof![
        3 => "[xX]-[A-Za-z][A-Za-z0-9_-]{0,8}",
        1 => "[A-Za-z][A-Za-z0-9_-]{0,6}",
        1 => pick(&["User-Agent", "Accept", "X-Project-Id", "X-Security-Token", "X_Under", "x_trace_id"]),
    ];
    let values = prop_oneof![
        5 => header_value().prop_map(|v| vec![v]),
        1 => prop::collection::vec(header_value(), 2..4),
    ];
    let extra = prop::collection::vec((name, values), 0..6);
    let content_type = prop::option::of(pick(&[
        "application/json",
        "application/json;charset=UTF-8",
        "application/bson",
        "application/octet-stream",
        "text/plain",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "Application/JSON",
        " application/json",
        "application/json ",
        "",
    ]));
    let content_sha = prop::option::of(pick(&[
        "UNSIGNED-PAYLOAD",
        " UNSIGNED-PAYLOAD ",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "",
    ]));
    let host = (
        pick(&["Host", "host", "HOST"]),
        pick(&["custom.example.com", " other:1234 "]),
    );
    (
        extra,
        content_type,
        content_sha,
        prop::option::weighted(0.15, host),
    )
        .prop_map(|(extra, content_type, content_sha, host)| {
            let reserved = [
                "host",
                "content-type",
                "x-sdk-date",
                "x-sdk-content-sha256",
                "authorization",
            ];
            let mut by_name: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
            for (name, values) in extra {
                let lower = name.to_ascii_lowercase();
                if !reserved.contains(&lower.as_str()) {
                    by_name.entry(lower).or_insert((name, values));
                }
            }
            let mut headers: Vec<(String, Vec<String>)> = by_name.into_values().collect();
            if let Some(ct) = content_type {
                // The official client always spells it `Content-Type`.
                headers.push(("Content-Type".to_owned(), vec![ct]));
            }
            if let Some(sha) = content_sha {
                headers.push(("X-Sdk-Content-Sha256".to_owned(), vec![sha]));
            }
            if let Some((name, value)) = host {
                headers.push((name, vec![value]));
            }
            headers
        })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        2 => Just(Vec::new()),
        2 => prop::collection::vec(any::<u8>(), 1..48),
        1 => "\\{\"[a-z]{1,6}\":\"[ -~é中]{0,10}\"\\}".prop_map(String::into_bytes),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    let date_header = prop::option::of(pick(&["X-Sdk-Date", "x-sdk-date", "X-SDK-DATE"]));
    (
        (method(), endpoint(), path(), query()),
        (headers(), 0u64..4_102_444_800, date_header, body()),
        ("[A-Z0-9]{1,24}", "[!-~é中]{1,40}"),
    )
        .prop_map(
            |(
                (method, (scheme, authority, host), path, query),
                (headers, secs, date_header, body),
                (ak, sk),
            )| Case {
                method,
                scheme,
                authority,
                host,
                path,
                query,
                headers,
                now: SystemTime::UNIX_EPOCH + Duration::from_secs(secs),
                date_header,
                body,
                ak,
                sk,
            },
        )
}

fn seed() -> u64 {
    match std::env::var("SIGNER_ORACLE_SEED") {
        Ok(seed) => seed
            .trim()
            .parse()
            .expect("SIGNER_ORACLE_SEED must be a number"),
        Err(_) => SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64),
    }
}

fn random_cases(seed: u64, count: usize) -> Vec<Case> {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = case();
    (0..count)
        .map(|_| {
            strategy
                .new_tree(&mut runner)
                .expect("generate a case")
                .current()
        })
        .collect()
}

#[test]
fn random_requests_sign_like_the_official_signer() {
    let seed = seed();
    let count = std::env::var("SIGNER_ORACLE_CASES")
        .ok()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(300);
    eprintln!("signer oracle seed: {seed} (replay with SIGNER_ORACLE_SEED={seed})");
    let cases = random_cases(seed, count);
    compare(&cases, &format!("random (seed {seed})"));
}

// ---------------------------------------------------------------------------------------
// Hand-picked cases

fn fixed(
    path: &str,
    query: &[(&str, &str, &str)],
    headers: &[(&str, &[&str])],
    body: &[u8],
) -> Case {
    Case {
        method: "POST".to_owned(),
        scheme: "https",
        authority: "dbss.cn-north-4.myhuaweicloud.com",
        host: "dbss.cn-north-4.myhuaweicloud.com",
        path: path.to_owned(),
        query: query
            .iter()
            .map(|(wire, key, value)| QueryPair {
                wire: (*wire).to_owned(),
                key: (*key).to_owned(),
                value: (*value).to_owned(),
            })
            .collect(),
        headers: headers
            .iter()
            .map(|(name, values)| {
                (
                    (*name).to_owned(),
                    values.iter().map(|v| (*v).to_owned()).collect(),
                )
            })
            .collect(),
        now: SystemTime::UNIX_EPOCH + Duration::from_secs(1_704_067_200),
        date_header: Some("X-Sdk-Date".to_owned()),
        body: body.to_vec(),
        ak: "AKEXAMPLE1234567890A".to_owned(),
        sk: "SKEXAMPLEabcdefghijklmnopqrstuvwxyz0123456".to_owned(),
    }
}

#[test]
fn edge_cases_sign_like_the_official_signer() {
    let json = ("Content-Type", &["application/json"][..]);
    let cases = vec![
        // signing.md V1.
        fixed(
            "/v2/0123456789abcdef0123456789abcdef/db-om/instances",
            &[],
            &[json],
            b"",
        ),
        fixed("/", &[], &[], b""),
        fixed("/a%2Fb/%2f", &[], &[json], b"{}"),
        fixed("/%FF%FE/%E4%B8/%ED%A0%80/x", &[], &[], b""),
        fixed("/a%zz/%/%4", &[], &[], b""),
        fixed("/中文/é%20x/+", &[], &[], b""),
        fixed("//double//slash//", &[], &[], b""),
        fixed(
            "/q",
            &[
                ("b=2", "b", "2"),
                ("a=", "a", ""),
                ("a", "a", ""),
                ("a=1", "a", "1"),
                ("=v", "", "v"),
                ("k=%C3%A9", "k", "é"),
                ("k=~", "k", "~"),
                ("s=a+b", "s", "a+b"),
                ("t=a%20b", "t", "a b"),
                ("u=%2B%26%3D", "u", "+&="),
            ],
            &[],
            b"",
        ),
        fixed(
            "/h",
            &[],
            &[
                ("X-Pad", &["  \t value \u{a0}\u{3000}"]),
                ("X-Multi", &[" one ", "two", ""]),
                ("X_Not_Signed", &["  kept  "]),
                ("x-empty", &[""]),
                ("User-Agent", &["huaweicloud-usdk-python/3.0"]),
            ],
            b"",
        ),
        fixed(
            "/b",
            &[],
            &[("Content-Type", &["application/octet-stream"])],
            b"binary",
        ),
        fixed(
            "/b",
            &[],
            &[("Content-Type", &["application/octet-stream"])],
            b"",
        ),
        fixed(
            "/b",
            &[],
            &[
                ("Content-Type", &["text/plain"]),
                ("X-Sdk-Content-Sha256", &["abc"]),
            ],
            b"x",
        ),
        fixed(
            "/b",
            &[],
            &[json, ("X-Sdk-Content-Sha256", &["UNSIGNED-PAYLOAD"])],
            b"x",
        ),
        fixed("/b", &[], &[json, ("X-Sdk-Content-Sha256", &[""])], b"x"),
        fixed(
            "/b",
            &[],
            &[("Content-Type", &["application/bson"])],
            b"\x05\x00\x00\x00\x00",
        ),
        fixed("/b", &[], &[("Host", &["override.example.com:8443"])], b""),
    ];
    compare(&cases, "hand-picked");
}
