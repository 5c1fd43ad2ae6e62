//! The `list_instances` example as a user runs it: `cargo run --example list_instances -- ...`
//! from the workspace root, with no `HUAWEICLOUD_*` variables in its environment.
//!
//! The first run compiles the example (in the workspace's target directory), so the runs are
//! serialized and preceded by one `cargo build` whose output is not checked.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// A valid project id (32 characters).
const PROJECT: &str = "0123456789abcdef0123456789abcdef";

/// How long one cargo invocation may take (the first one compiles).
const CARGO_DEADLINE: Duration = Duration::from_secs(900);

/// Prefixes of the variables `cargo test` sets for a test binary.
const CARGO_TEST_VARS: [&str; 8] = [
    "CARGO_MANIFEST_",
    "CARGO_PKG_",
    "CARGO_CRATE_",
    "CARGO_BIN_",
    "CARGO_PRIMARY_PACKAGE",
    "CARGO_TARGET_TMPDIR",
    "CARGO_RUSTC_CURRENT_DIR",
    "OUT_DIR",
];

/// Serializes the cargo invocations; holds whether the example was built.
static CARGO: Mutex<bool> = Mutex::new(false);

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate is in the workspace")
        .to_path_buf()
}

/// `cargo ARGS` from the workspace root, without any `HUAWEICLOUD_*` variable.
fn cargo(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(args)
        .current_dir(workspace_root())
        .env("CARGO_TERM_COLOR", "never")
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, _) in std::env::vars_os() {
        let text = name.to_string_lossy();
        // What `cargo test` sets for this test binary (its manifest, package, ...): a nested
        // cargo would pass them on to build scripts, and rebuild crates whose build scripts
        // track them (ring tracks CARGO_MANIFEST_DIR), in the shared target directory.
        let set_by_cargo_test = CARGO_TEST_VARS
            .iter()
            .any(|prefix| text.starts_with(prefix));
        if text.starts_with("HUAWEICLOUD_") || set_by_cargo_test {
            command.env_remove(&name);
        }
    }
    // Never the real instance metadata service (169.254.169.254), even without credentials.
    command.env("HUAWEICLOUD_SDK_METADATA_ENDPOINT", NO_METADATA);
    command
}

/// A metadata endpoint on 127.0.0.1 where nothing listens (the discard port).
const NO_METADATA: &str = "http://127.0.0.1:9";

/// Runs `command` to completion, killing it after [`CARGO_DEADLINE`].
fn output(mut command: Command) -> Output {
    let mut child = command.spawn().expect("cargo starts");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.read_to_end(&mut bytes);
        bytes
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr.read_to_end(&mut bytes);
        bytes
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > CARGO_DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command:?} did not finish within {CARGO_DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    }
}

/// The lock on cargo, after building the example once.
fn built_example() -> MutexGuard<'static, bool> {
    let mut built: MutexGuard<'_, bool> = CARGO.lock().unwrap_or_else(PoisonError::into_inner);
    if !*built {
        let build = output(cargo(&["build", "-q", "--example", "list_instances"]));
        assert!(
            build.status.success(),
            "building the example failed:\n{}",
            String::from_utf8_lossy(&build.stderr)
        );
        *built = true;
    }
    built
}

/// `cargo run -q --example list_instances -- ARGS`, as text: (exit code, stdout, stderr).
fn run_example(args: &[&str]) -> (Option<i32>, String, String) {
    let built = built_example();
    let mut full = vec!["run", "-q", "--example", "list_instances", "--"];
    full.extend_from_slice(args);
    let result = output(cargo(&full));
    drop(built);
    (
        result.status.code(),
        String::from_utf8(result.stdout).expect("stdout is UTF-8"),
        String::from_utf8(result.stderr).expect("stderr is UTF-8"),
    )
}

/// Checks that `stderr` is exactly one line starting `error: `, with no panic or backtrace,
/// and returns that line.
fn one_error_line(stderr: &str) -> &str {
    assert!(stderr.ends_with('\n'), "{stderr:?}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "not exactly one line: {stderr:?}");
    let line = lines[0];
    assert!(line.starts_with("error: "), "{line:?}");
    for noise in ["panicked", "backtrace", "RUST_BACKTRACE", "thread '"] {
        assert!(!line.contains(noise), "{line:?}");
    }
    line
}

/// Runs the example with `args`: it must exit with 1, print nothing on stdout and one error
/// line on stderr, which it returns.
fn fails_with_one_line(args: &[&str]) -> String {
    let (code, stdout, stderr) = run_example(args);
    assert_eq!(code, Some(1), "stdout: {stdout}\nstderr: {stderr}");
    assert_eq!(stdout, "");
    one_error_line(&stderr).to_owned()
}

/// Runs the example against `endpoint` with a token and a project id: it must fail with one
/// error line, which it returns.
fn a_call_fails_with_one_line(endpoint: &str) -> String {
    fails_with_one_line(&[
        "--endpoint",
        endpoint,
        "--auth-token",
        "t",
        "--project-id",
        PROJECT,
    ])
}

/// A port on 127.0.0.1 that nothing listens on (bound, then released).
fn unused_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener.local_addr().expect("address").port()
}

#[test]
fn without_flags_it_prints_the_mock_table() {
    let (code, stdout, stderr) = run_example(&[]);
    assert_eq!(code, Some(0), "stdout: {stdout}\nstderr: {stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines.first().is_some_and(|l| l.starts_with("NAME")),
        "{stdout}"
    );
    assert!(lines[0].contains("STATUS"), "{stdout}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("DBSS-OM0819 ") && l.contains("ACTIVE")),
        "{stdout}"
    );
    let server_line = |name: &str| {
        lines
            .iter()
            .find(|l| l.contains(&format!("server {name} ")))
            .unwrap_or_else(|| panic!("no line for {name}: {stdout}"))
            .to_owned()
    };
    let first = server_line("DBSS-OM0819-HA-1");
    let second = server_line("DBSS-OM0819-HA-2");
    assert!(
        first.contains("10.0.169.77") && first.ends_with("standby"),
        "{first}"
    );
    assert!(
        second.contains("10.0.9.187") && second.ends_with("primary"),
        "{second}"
    );
    let notes: Vec<&str> = stderr.lines().collect();
    assert_eq!(notes.len(), 1, "{stderr:?}");
    assert!(notes[0].starts_with("note: "), "{stderr:?}");
    assert!(notes[0].contains("mock"), "{stderr:?}");
    assert!(notes[0].contains("http://127.0.0.1:"), "{stderr:?}");
}

#[test]
fn json_output_parses() {
    let (code, stdout, stderr) = run_example(&["--output", "json"]);
    assert_eq!(code, Some(0), "stdout: {stdout}\nstderr: {stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    assert_eq!(json["clusters"][0]["name"], "DBSS-OM0819");
    assert_eq!(json["clusters"][0]["deploy_mode"], "CLOUD");
    let servers = json["clusters"][0]["detail"]["server"]
        .as_array()
        .expect("servers");
    assert_eq!(servers.len(), 2);
    assert_eq!(servers[0]["is_active"], 1);
    assert_eq!(servers[1]["is_active"], 0);
    assert!(stderr.contains("mock"), "{stderr:?}");
}

#[test]
fn an_unreachable_endpoint_is_one_error_line() {
    let endpoint = format!("http://127.0.0.1:{}", unused_port());
    let line = a_call_fails_with_one_line(&endpoint);
    assert!(line.contains("connection refused"), "{line}");
    assert!(line.contains(&endpoint), "{line}");
}

#[test]
fn no_credentials_is_one_error_line_naming_the_variable() {
    let endpoint = format!("http://127.0.0.1:{}", unused_port());
    let line = fails_with_one_line(&["--endpoint", &endpoint]);
    assert!(line.contains("HUAWEICLOUD_SDK_AK"), "{line}");
}

#[path = "../../runtime/tests/support/raw.rs"]
mod raw;

/// What the scripted server saw.
type Seen = raw::Request;

/// Serves one connection on 127.0.0.1: reads a request and writes `response`.
fn serve_once(response: String) -> (SocketAddr, mpsc::Receiver<Seen>) {
    serve_many(1, move |_| response.clone())
}

#[test]
fn a_service_error_is_one_line_with_status_code_message_and_request_id() {
    let body = r#"{"error_code":"DBSS.10020100","error_msg":"Failed to authenticate the token in the request"}"#;
    let response = format!(
        "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n\
         X-Request-Id: req-example-401\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let (addr, seen) = serve_once(response);
    let endpoint = format!("http://{addr}");
    let line = a_call_fails_with_one_line(&endpoint);
    for part in [
        "401",
        "DBSS.10020100",
        "Failed to authenticate the token in the request",
        "req-example-401",
    ] {
        assert!(line.contains(part), "{line} lacks {part}");
    }
    let seen = seen
        .recv_timeout(Duration::from_secs(10))
        .expect("the server got the request");
    assert_eq!(
        seen.line(),
        format!("POST /v2/{PROJECT}/db-om/instances HTTP/1.1")
    );
    assert_eq!(seen.header("x-auth-token"), Some("t"));
    assert_eq!(seen.header("x-project-id"), Some(PROJECT));
}

/// The example binary `cargo build` wrote (next to this test's `deps` directory).
fn example_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>/deps");
    profile
        .join("examples")
        .join(format!("list_instances{}", std::env::consts::EXE_SUFFIX))
}

/// Runs the built example directly with only `env` (plus a HOME without credentials and a
/// metadata endpoint nobody answers) and `stdin`: (exit code, stdout, stderr).
fn run_binary(args: &[&str], env: &[(&str, &str)], stdin: &str) -> (Option<i32>, String, String) {
    let built = built_example();
    drop(built);
    let home = tempfile::tempdir().expect("temp dir");
    let mut command = Command::new(example_binary());
    command
        .args(args)
        .env_clear()
        .env("HOME", home.path())
        .env("USERPROFILE", home.path())
        .env("HUAWEICLOUD_SDK_METADATA_ENDPOINT", NO_METADATA)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("the example starts");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.as_bytes()).expect("write stdin");
    drop(input);
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the example did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let result = child.wait_with_output().expect("output");
    (
        result.status.code(),
        String::from_utf8(result.stdout).expect("stdout is UTF-8"),
        String::from_utf8(result.stderr).expect("stderr is UTF-8"),
    )
}

/// A 200 answer with `body`.
fn ok_response(body: &str) -> String {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    )
}

#[test]
fn the_token_comes_from_the_environment_or_stdin_too() {
    for (env, stdin, flags) in [
        (
            vec![("HUAWEICLOUD_SDK_AUTH_TOKEN", "env-token")],
            "",
            vec![],
        ),
        (vec![], "stdin-token\nignored\n", vec!["--auth-token-stdin"]),
    ] {
        let (addr, seen) = serve_once(ok_response(r#"{"clusters":[]}"#));
        let endpoint = format!("http://{addr}");
        let mut args = vec!["--endpoint", endpoint.as_str(), "--project-id", PROJECT];
        args.extend(flags.iter().copied());
        let (code, stdout, stderr) = run_binary(&args, &env, stdin);
        assert_eq!(code, Some(0), "stdout: {stdout}\nstderr: {stderr}");
        assert_eq!(stdout, "no instances\n");
        let seen = seen.recv_timeout(Duration::from_secs(10)).expect("request");
        let expected = if stdin.is_empty() {
            "env-token"
        } else {
            "stdin-token"
        };
        assert_eq!(seen.header("x-auth-token"), Some(expected));
        assert_eq!(seen.header("x-project-id"), Some(PROJECT));
    }
    // An empty standard input is one clear error line.
    let (code, _, stderr) = run_binary(&["--endpoint", NO_METADATA, "--auth-token-stdin"], &[], "");
    assert_eq!(code, Some(1));
    assert!(
        one_error_line(&stderr).contains("standard input holds no token"),
        "{stderr}"
    );
}

#[test]
fn credentials_come_from_the_credentials_file_like_the_client() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("credentials");
    std::fs::write(
        &file,
        format!("[basic]\nak = FILEAK\nsk = FILE-SECRET\nproject_id = {PROJECT}\n"),
    )
    .expect("write");
    let (addr, seen) = serve_once(ok_response(r#"{"clusters":[]}"#));
    let endpoint = format!("http://{addr}");
    let (code, stdout, stderr) = run_binary(
        &["--endpoint", &endpoint],
        &[(
            "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
            file.to_str().expect("UTF-8"),
        )],
        "",
    );
    assert_eq!(code, Some(0), "stdout: {stdout}\nstderr: {stderr}");
    let seen = seen.recv_timeout(Duration::from_secs(10)).expect("request");
    assert_eq!(
        seen.line(),
        format!("POST /v2/{PROJECT}/db-om/instances HTTP/1.1")
    );
    let authorization = seen.header("authorization").expect("signed");
    assert!(authorization.contains("Access=FILEAK"), "{authorization}");
    assert!(!stderr.contains("FILE-SECRET"), "{stderr}");
}

#[test]
fn without_credentials_the_error_names_every_source() {
    let endpoint = format!("http://127.0.0.1:{}", unused_port());
    let (code, stdout, stderr) = run_binary(&["--endpoint", &endpoint], &[], "");
    assert_eq!(code, Some(1), "stdout: {stdout}\nstderr: {stderr}");
    let line = one_error_line(&stderr);
    for needle in [
        "HUAWEICLOUD_SDK_AK",
        ".huaweicloud",
        "instance metadata",
        NO_METADATA,
    ] {
        assert!(line.contains(needle), "{needle}: {line}");
    }
}

/// Runs the example with `--timeout 1` against `addr`; it must fail. Returns how long it took
/// and its standard error.
fn run_with_a_one_second_timeout(addr: SocketAddr) -> (Duration, String) {
    let endpoint = format!("http://{addr}");
    let started = Instant::now();
    let (code, stdout, stderr) = run_binary(
        &[
            "--endpoint",
            &endpoint,
            "--project-id",
            PROJECT,
            "--timeout",
            "1",
        ],
        &[("HUAWEICLOUD_SDK_AUTH_TOKEN", "t")],
        "",
    );
    let elapsed = started.elapsed();
    assert_eq!(code, Some(1), "stdout: {stdout}\nstderr: {stderr}");
    (elapsed, stderr)
}

#[test]
fn timeout_ends_a_call_whose_body_trickles() {
    // Headers at once, then one body byte every 200 ms: no single read waits a second, so
    // only a deadline for the whole call ends it.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut request = [0_u8; 4096];
                let _ = stream.read(&mut request);
                let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
                if stream.write_all(head.as_bytes()).is_err() {
                    return;
                }
                for _ in 0..150 {
                    std::thread::sleep(Duration::from_millis(200));
                    if stream.write_all(b" ").is_err() {
                        return;
                    }
                }
            });
        }
    });
    let (elapsed, stderr) = run_with_a_one_second_timeout(addr);
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}: {stderr}");
    assert!(one_error_line(&stderr).contains("deadline"), "{stderr}");
}

#[test]
fn timeout_ends_a_call_the_server_never_answers() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        // Accept and hold the connections, never answering.
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    let (elapsed, stderr) = run_with_a_one_second_timeout(addr);
    // The read timeout and the call's deadline are both 1 s: either may end it.
    let line = one_error_line(&stderr);
    assert!(
        line.contains("timed out") || line.contains("deadline"),
        "{stderr}"
    );
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    let (code, _, stderr) = run_binary(&["--timeout=-3"], &[], "");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("not between 0 and 86400"), "{stderr}");
}

#[test]
fn server_text_is_escaped_in_the_table_and_messages_but_exact_in_json() {
    let name = r"evil\u001b]0;owned\u0007\nerror: forged";
    let body = format!(r#"{{"clusters":[{{"name":"{name}"}}]}}"#);
    let (addr, _seen) = serve_once(ok_response(&body));
    let endpoint = format!("http://{addr}");
    let env = [("HUAWEICLOUD_SDK_AUTH_TOKEN", "t")];
    let (code, stdout, stderr) = run_binary(
        &["--endpoint", &endpoint, "--project-id", PROJECT],
        &env,
        "",
    );
    assert_eq!(code, Some(0), "stdout: {stdout}\nstderr: {stderr}");
    assert!(
        !stdout.chars().any(|c| c.is_control() && c != '\n'),
        "{stdout:?}"
    );
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(
        stdout.contains(r"evil\u{1b}]0;owned\u{7}\nerror: forged"),
        "{stdout}"
    );

    let (addr, _seen) = serve_once(ok_response(&body));
    let endpoint = format!("http://{addr}");
    let (code, stdout, _) = run_binary(
        &[
            "--endpoint",
            &endpoint,
            "--project-id",
            PROJECT,
            "--output",
            "json",
        ],
        &env,
        "",
    );
    assert_eq!(code, Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(
        json["clusters"][0]["name"],
        "evil\u{1b}]0;owned\u{7}\nerror: forged"
    );

    let error = r#"{"error_code":"DBSS.1\u001b[2J","error_msg":"bad\r\nerror: forged\u0007"}"#;
    let response = format!(
        "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\
         X-Request-Id: r1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{error}",
        error.len()
    );
    let (addr, _seen) = serve_once(response);
    let endpoint = format!("http://{addr}");
    let (code, _, stderr) = run_binary(
        &["--endpoint", &endpoint, "--project-id", PROJECT],
        &env,
        "",
    );
    assert_eq!(code, Some(1), "{stderr}");
    let line = one_error_line(&stderr);
    assert!(!line.chars().any(char::is_control), "{line:?}");
    assert!(line.contains(r"bad\r\nerror: forged\u{7}"), "{line}");
}

/// Serves `count` requests on 127.0.0.1 (a raw server shared with the runtime's tests, on a
/// runtime of its own for 2 minutes at the most): answers each with `answer` of its request
/// line, and sends what it saw.
fn serve_many(
    count: usize,
    answer: impl Fn(&str) -> String + Send + Sync + 'static,
) -> (SocketAddr, mpsc::Receiver<Seen>) {
    let (sender, receiver) = mpsc::channel();
    let (address, bound) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime for the server");
        runtime.block_on(async move {
            let server = raw::Server::start(move |request, before| {
                if before >= count {
                    return raw::Reply::Drop;
                }
                let _ = sender.send(request.clone());
                raw::Reply::Close(answer(&request.line()).into_bytes())
            })
            .await;
            let _ = address.send(server.addr());
            tokio::time::sleep(Duration::from_secs(120)).await;
        });
    });
    let addr = bound
        .recv_timeout(Duration::from_secs(10))
        .expect("the server starts");
    (addr, receiver)
}

#[test]
fn aksk_without_a_project_gets_it_from_iam_before_the_call() {
    let (addr, seen) = serve_many(2, |request_line| {
        if request_line.starts_with("GET /v3/projects") {
            let body = format!(r#"{{"projects":[{{"id":"{PROJECT}","name":"cn-north-4"}}]}}"#);
            ok_response(&body)
        } else {
            ok_response(r#"{"clusters":[]}"#)
        }
    });
    let url = format!("http://{addr}");
    let (code, stdout, stderr) = run_binary(
        &["--region", "cn-north-4"],
        &[
            ("HUAWEICLOUD_SDK_AK", "ENVAK"),
            ("HUAWEICLOUD_SDK_SK", "ENV-SECRET"),
            ("HUAWEICLOUD_SDK_REGION_DBSS_CN_NORTH_4", &url),
            ("HUAWEICLOUD_SDK_IAM_ENDPOINT", &url),
        ],
        "",
    );
    assert_eq!(code, Some(0), "stdout: {stdout}\nstderr: {stderr}");
    assert_eq!(stdout, "no instances\n");
    let lookup = seen
        .recv_timeout(Duration::from_secs(10))
        .expect("IAM asked");
    assert_eq!(lookup.line(), "GET /v3/projects?name=cn-north-4 HTTP/1.1");
    assert!(
        lookup
            .header("authorization")
            .is_some_and(|a| a.contains("Access=ENVAK")),
        "{:?}",
        lookup.headers
    );
    let call = seen.recv_timeout(Duration::from_secs(10)).expect("call");
    assert_eq!(
        call.line(),
        format!("POST /v2/{PROJECT}/db-om/instances HTTP/1.1")
    );
    assert_eq!(call.header("x-project-id"), Some(PROJECT));
}
