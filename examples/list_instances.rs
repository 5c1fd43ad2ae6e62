//! Lists the DBSS database O&M instances.
//!
//! `cargo run --example list_instances` with no configuration starts an in-process mock of
//! DBSS (generated from the spec) and calls it, so it runs without an account. With
//! `--endpoint URL` and/or `--region R` it calls that service for real.
//!
//! Credentials: an IAM token from `HUAWEICLOUD_SDK_AUTH_TOKEN`, from standard input with
//! `--auth-token-stdin`, or from `--auth-token` (visible to every local user in `ps`: prefer
//! the other two); otherwise the client's own chain, as in the official SDKs: the environment
//! (`HUAWEICLOUD_SDK_AK`/`_SK`/`_PROJECT_ID`/`_SECURITY_TOKEN`), the credentials file
//! (`~/.huaweicloud/credentials` or `HUAWEICLOUD_SDK_CREDENTIALS_FILE`), then instance metadata.
//!
//! Any failure prints one line (status, error code, message, request id, or the transport
//! problem) and exits with status 1. Text from the server is printed with its control
//! characters escaped (the JSON output is exact JSON).

use std::io::{BufRead as _, Read as _};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use huaweicloud_sdk_core::credentials::Credentials;
use huaweicloud_sdk_core::text::escape_control;
use huaweicloud_sdk_dbss::Client;

/// The project id the mock is called with.
const MOCK_PROJECT: &str = "0123456789abcdef0123456789abcdef";

#[derive(Parser)]
#[command(about = "List DBSS database O&M instances (ListInstances)")]
struct Args {
    /// How to print the result.
    #[arg(long, value_enum, default_value = "table")]
    output: Output,
    /// Call this endpoint (any http or https URL) instead of the mock.
    #[arg(long)]
    endpoint: Option<String>,
    /// Call this region's endpoint (such as ap-southeast-1) instead of the mock.
    #[arg(long)]
    region: Option<String>,
    /// Project id; else HUAWEICLOUD_SDK_PROJECT_ID.
    #[arg(long)]
    project_id: Option<String>,
    /// An IAM token (else HUAWEICLOUD_SDK_AUTH_TOKEN). Visible to every local user in `ps`:
    /// prefer HUAWEICLOUD_SDK_AUTH_TOKEN or --auth-token-stdin.
    #[arg(long, conflicts_with = "auth_token_stdin")]
    auth_token: Option<String>,
    /// Read an IAM token from the first line of standard input.
    #[arg(long)]
    auth_token_stdin: bool,
    /// Give up on the whole call (connecting, every read, retries) after this many seconds.
    /// Without it: the official SDKs' 60 s to connect and 120 s per read, and the client's
    /// 300 s deadline for the whole call.
    #[arg(long, value_name = "SECONDS", value_parser = parse_timeout)]
    timeout: Option<Duration>,
}

/// The environment variable the example reads an IAM token from.
const AUTH_TOKEN_ENV: &str = "HUAWEICLOUD_SDK_AUTH_TOKEN";

/// A timeout in seconds: positive, at most a day, fractions allowed.
fn parse_timeout(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds, such as 30 or 0.5"))?;
    if !(seconds > 0.0 && seconds <= 86_400.0) {
        return Err(format!("{text} is not between 0 and 86400 seconds"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

#[derive(Clone, Copy, ValueEnum)]
enum Output {
    /// A table a person reads.
    Table,
    /// The decoded response as JSON.
    Json,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(line) => {
            eprintln!("error: {}", escape_control(&line));
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<String, String> {
    let live = args.endpoint.is_some() || args.region.is_some();
    // Kept alive until the call is done: the mock stops when dropped.
    let mut _mock = None;
    let client = if live {
        let mut builder = Client::builder();
        if let Some(credentials) = credentials(&args)? {
            builder = builder.credentials(credentials);
        }
        if let Some(timeout) = args.timeout {
            builder = builder
                .connect_timeout(timeout)
                .read_timeout(timeout)
                .timeout(timeout);
        }
        if let Some(region) = &args.region {
            builder = builder.region(region);
        }
        if let Some(endpoint) = &args.endpoint {
            builder = builder.endpoint(endpoint);
        }
        builder.build().map_err(|e| e.to_string())?
    } else {
        let mock = huaweicloud_sdk_dbss::mock::start()
            .await
            .map_err(|e| format!("cannot start the in-process mock of DBSS: {e}"))?;
        eprintln!(
            "note: no --endpoint or --region given: calling an in-process mock of DBSS at {}",
            mock.endpoint()
        );
        let project = args
            .project_id
            .clone()
            .unwrap_or_else(|| MOCK_PROJECT.to_owned());
        let client = Client::builder()
            .endpoint(mock.endpoint())
            .credentials(Credentials::token("mock-token").with_project_id(project))
            .build()
            .map_err(|e| e.to_string())?;
        _mock = Some(mock);
        client
    };
    let mut call = client.list_instances();
    if let Some(project) = &args.project_id {
        call = call.project_id(project.as_str());
    }
    let response = call.send().await.map_err(|e| e.to_string())?;
    match args.output {
        Output::Table => Ok(dbss_examples::render_table(&response)),
        Output::Json => serde_json::to_string_pretty(&response)
            .map(|s| s + "\n")
            .map_err(|e| format!("cannot print the response as JSON: {e}")),
    }
}

/// A token (see [`token`]) with the project of `--project-id` or `HUAWEICLOUD_SDK_PROJECT_ID`;
/// with `--project-id` and no token, the environment's or the file's AK/SK with that project;
/// otherwise `None`: the client's chain (environment, file, instance metadata).
fn credentials(args: &Args) -> Result<Option<Credentials>, String> {
    let project = args.project_id.clone().or_else(|| {
        std::env::var("HUAWEICLOUD_SDK_PROJECT_ID")
            .ok()
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
    });
    let credentials = match token(args)? {
        Some(token) => Credentials::token(token),
        None if args.project_id.is_some() => match Credentials::from_default_chain() {
            Ok(credentials) => credentials,
            // Nothing in the environment or the file: the client tries instance metadata.
            Err(_) => return Ok(None),
        },
        None => return Ok(None),
    };
    Ok(Some(match project {
        Some(project) => credentials.with_project_id(project),
        None => credentials,
    }))
}

/// The IAM token: `--auth-token`, else the first line of standard input with
/// `--auth-token-stdin`, else `HUAWEICLOUD_SDK_AUTH_TOKEN`; `None` for the client's chain.
fn token(args: &Args) -> Result<Option<String>, String> {
    if let Some(token) = &args.auth_token {
        return Ok(Some(token.clone()));
    }
    if args.auth_token_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .take(64 * 1024)
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the token from standard input: {e}"))?;
        let token = line.trim();
        if token.is_empty() {
            return Err(
                "--auth-token-stdin: standard input holds no token (one line expected)".to_owned(),
            );
        }
        return Ok(Some(token.to_owned()));
    }
    Ok(std::env::var(AUTH_TOKEN_ENV)
        .ok()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty()))
}
