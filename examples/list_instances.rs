//! Lists the DBSS database O&M instances.
//!
//! `cargo run --example list_instances` with no configuration starts an in-process mock of
//! DBSS (generated from the spec) and calls it, so it runs without an account. With
//! `--endpoint URL` and/or `--region R` it calls that service for real, with credentials from
//! `HUAWEICLOUD_SDK_AK`/`_SK`/`_PROJECT_ID`/`_SECURITY_TOKEN` or `--auth-token`.
//!
//! Any failure prints one line (status, error code, message, request id, or the transport
//! problem) and exits with status 1.

use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use huaweicloud_sdk_core::credentials::Credentials;
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
    /// An IAM token instead of AK/SK from the environment.
    #[arg(long)]
    auth_token: Option<String>,
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
            eprintln!("error: {line}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<String, String> {
    let live = args.endpoint.is_some() || args.region.is_some();
    // Kept alive until the call is done: the mock stops when dropped.
    let mut _mock = None;
    let client = if live {
        let mut builder = Client::builder().credentials(credentials(&args)?);
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

/// `--auth-token`, else AK/SK from the environment; `--project-id` wins over the environment's.
fn credentials(args: &Args) -> Result<Credentials, String> {
    let env_project = std::env::var("HUAWEICLOUD_SDK_PROJECT_ID")
        .ok()
        .filter(|p| !p.trim().is_empty());
    let mut credentials = match &args.auth_token {
        Some(token) => {
            let c = Credentials::token(token.as_str());
            match env_project {
                Some(p) => c.with_project_id(p),
                None => c,
            }
        }
        None => match Credentials::from_env() {
            Ok(Some(c)) => c,
            Ok(None) => {
                return Err("no credentials: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (and HUAWEICLOUD_SDK_PROJECT_ID), or pass --auth-token".to_owned());
            }
            Err(e) => return Err(e.to_string()),
        },
    };
    if let Some(project) = &args.project_id {
        credentials = credentials.with_project_id(project.as_str());
    }
    Ok(credentials)
}
