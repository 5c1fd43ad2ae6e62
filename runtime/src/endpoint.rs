//! Endpoints: region to URL, explicit endpoints, and the official per-region override.
//!
//! A client reaches a service either at an explicit endpoint ([`explicit_endpoint`]) or at
//! the endpoint of a region ([`region_endpoints`]). For a region, the environment variable
//! `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}` (service upper-cased; region upper-cased with
//! `-` replaced by `_`, as the official SDKs' `EnvRegionProvider` names it) may list
//! endpoints, `url[,url]`; otherwise a region the service is known in gets the service's
//! template, `https://dbss.{region}.myhuaweicloud.com` for instance.
//!
//! Between the two, as in the official SDKs, the regions file (`~/.huaweicloud/regions.yaml`,
//! or the file named by `HUAWEICLOUD_SDK_REGIONS_FILE`) may list a service's regions and their
//! endpoints (see [`ENV_REGIONS_FILE`] for its format).
//!
//! As in the official SDKs, an endpoint given without a scheme uses `https`. An endpoint
//! whose path holds a dot-segment (`/a/../b`) is refused: the URL parser would remove it on
//! the way to the server, while the signature covers the path as written.
//!
//! The `_with` variants take the environment as a function, so tests need not change the
//! process environment.

/// An endpoint that cannot be used.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct EndpointError(pub String);

/// The prefix of the per-region override variables.
pub const REGION_ENV_PREFIX: &str = "HUAWEICLOUD_SDK_REGION";

/// The environment variable that overrides the endpoints of `service` in `region`:
/// `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}`.
///
/// ```
/// use huaweicloud_sdk_core::endpoint::region_env_var;
/// assert_eq!(region_env_var("dbss", "cn-north-4"), "HUAWEICLOUD_SDK_REGION_DBSS_CN_NORTH_4");
/// ```
pub fn region_env_var(service: &str, region: &str) -> String {
    format!(
        "{REGION_ENV_PREFIX}_{}_{}",
        service.to_uppercase(),
        region.replace('-', "_").to_uppercase()
    )
}

/// The endpoints of `service` in `region`: the `HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION>`
/// override (`url[,url]`) if set, else `template` (`https://dbss.{region}.myhuaweicloud.com`)
/// for a region in `known_regions`, else an error listing the known regions.
///
/// # Errors
///
/// When `region` is empty, when the override holds an endpoint [`explicit_endpoint`]
/// rejects, or when `region` is not in `known_regions` and has no override (the error lists
/// the known regions and shows how to give an endpoint).
pub fn region_endpoints(
    service: &str,
    region: &str,
    template: &str,
    known_regions: &[&str],
) -> Result<Vec<String>, EndpointError> {
    region_endpoints_with(service, region, template, known_regions, |name| {
        std::env::var(name).ok()
    })
}

/// [`region_endpoints`] with the environment given as a function from a variable name to
/// its value.
///
/// ```
/// use huaweicloud_sdk_core::endpoint::region_endpoints_with;
///
/// let template = "https://dbss.{region}.myhuaweicloud.com";
/// let none = |_: &str| None;
/// assert_eq!(
///     region_endpoints_with("dbss", "cn-north-4", template, &["cn-north-4"], none).unwrap(),
///     ["https://dbss.cn-north-4.myhuaweicloud.com"]
/// );
/// let env = |name: &str| {
///     (name == "HUAWEICLOUD_SDK_REGION_DBSS_CN_NORTH_7")
///         .then(|| "https://a.example.com/, b.example.com:8443".to_owned())
/// };
/// assert_eq!(
///     region_endpoints_with("dbss", "cn-north-7", template, &["cn-north-4"], env).unwrap(),
///     ["https://a.example.com", "https://b.example.com:8443"]
/// );
/// ```
///
/// # Errors
///
/// As [`region_endpoints`].
pub fn region_endpoints_with(
    service: &str,
    region: &str,
    template: &str,
    known_regions: &[&str],
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<Vec<String>, EndpointError> {
    if region.trim().is_empty() {
        return Err(EndpointError(format!(
            "the region is empty; give a region such as {} or an explicit endpoint",
            known_regions.first().copied().unwrap_or("cn-north-4")
        )));
    }
    let var = region_env_var(service, region);
    if let Some(value) = lookup(&var).filter(|v| !v.trim().is_empty()) {
        let endpoints = value
            .split(',')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(|e| {
                explicit_endpoint(e).map_err(|error| {
                    EndpointError(format!(
                        "{var} holds an endpoint that cannot be used: {error}"
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if endpoints.is_empty() {
            return Err(EndpointError(format!(
                "{var} holds no endpoint; set it to url[,url], such as {}",
                template.replace("{region}", region)
            )));
        }
        return Ok(endpoints);
    }
    if let Some(endpoints) = regions_file_endpoints(service, region, &lookup)? {
        return Ok(endpoints);
    }
    if !known_regions.contains(&region) {
        let known = if known_regions.is_empty() {
            "none".to_owned()
        } else {
            let mut sorted = known_regions.to_vec();
            sorted.sort_unstable();
            sorted.join(", ")
        };
        return Err(EndpointError(format!(
            "{service} has no known endpoint in region {region:?} (known regions: {known}); \
             if the service is available there, give an explicit endpoint such as {} or set \
             {var} to url[,url]",
            template.replace("{region}", region)
        )));
    }
    let endpoint = template.replace("{region}", region);
    let endpoint = explicit_endpoint(&endpoint).map_err(|error| {
        EndpointError(format!(
            "the endpoint template {template:?} does not give a usable endpoint for {region}: \
             {error}"
        ))
    })?;
    Ok(vec![endpoint])
}

/// The environment variable naming the regions file (else `~/.huaweicloud/regions.yaml`).
///
/// The file is read as the official SDKs read it: each service (its name in any case) maps to
/// a list of regions, each with an `id` and an `endpoint` (or a list of `endpoints`, tried in
/// order); entries without an endpoint are skipped:
///
/// ```yaml
/// dbss:
///   - id: cn-north-7
///     endpoint: https://dbss.cn-north-7.myhuaweicloud.com
///   - id: my-region-1
///     endpoints:
///       - https://a.example.com
///       - https://b.example.com
/// ```
///
/// It is consulted after the `HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION>` variable and before
/// the built-in regions. A file this variable names must exist; the default one may not.
pub const ENV_REGIONS_FILE: &str = "HUAWEICLOUD_SDK_REGIONS_FILE";

/// The largest regions file read, in bytes (1 MiB).
pub const MAX_REGIONS_FILE_BYTES: u64 = 1 << 20;

/// One region of a service in the regions file.
#[derive(Debug, serde::Deserialize)]
struct FileRegion {
    id: Option<String>,
    endpoint: Option<String>,
    #[serde(default)]
    endpoints: Vec<String>,
}

/// The endpoints of `service` in `region` from the regions file ([`ENV_REGIONS_FILE`]).
/// `None` when the file does not exist (and no variable names it)
/// or does not list the region.
fn regions_file_endpoints(
    service: &str,
    region: &str,
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<Option<Vec<String>>, EndpointError> {
    let named = lookup(ENV_REGIONS_FILE).is_some_and(|f| !f.trim().is_empty());
    let Some(path) = crate::credentials::config_file_path(lookup, ENV_REGIONS_FILE, "regions.yaml")
    else {
        return Ok(None);
    };
    let shown = path.display();
    let fail = |what: String| {
        EndpointError(format!(
            "the regions file {shown} {what}{}",
            if named {
                format!(" (named by {ENV_REGIONS_FILE})")
            } else {
                String::new()
            }
        ))
    };
    let metadata = match std::fs::metadata(&path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => return Ok(None),
        Err(e) => return Err(fail(format!("cannot be read: {e}"))),
    };
    if !metadata.is_file() {
        return Err(fail("is not a file".to_owned()));
    }
    if metadata.len() > MAX_REGIONS_FILE_BYTES {
        return Err(fail(format!(
            "is larger than {MAX_REGIONS_FILE_BYTES} bytes; list only the regions you use"
        )));
    }
    let bytes = std::fs::read(&path).map_err(|e| fail(format!("cannot be read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| fail("is not UTF-8 text".to_owned()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim().is_empty() {
        return Ok(None);
    }
    let services: std::collections::BTreeMap<String, Vec<FileRegion>> =
        serde_saphyr::from_str(text).map_err(|e| {
            fail(format!(
                "is not a valid regions file ({e}); it should map each service to a list of \
                 `id` and `endpoint` (or `endpoints`), such as\n{service}:\n  - id: {region}\n    \
                 endpoint: https://{service}.{region}.myhuaweicloud.com"
            ))
        })?;
    let entries = services
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case(service))
        .flat_map(|(_, regions)| regions)
        .filter(|entry| entry.id.as_deref().map(str::trim) == Some(region));
    for entry in entries {
        let listed: Vec<&str> = entry
            .endpoint
            .iter()
            .chain(&entry.endpoints)
            .map(|e| e.trim())
            .filter(|e| !e.is_empty())
            .collect();
        if listed.is_empty() {
            // As the official SDKs do, an entry without an endpoint is skipped.
            continue;
        }
        return listed
            .into_iter()
            .map(|e| {
                explicit_endpoint(e).map_err(|error| {
                    fail(format!(
                        "gives {service} in {region} an endpoint that cannot be used: {error}"
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some);
    }
    Ok(None)
}

/// Checks an explicit endpoint (any `http` or `https` URL, such as `http://127.0.0.1:8080`).
///
/// Returns the endpoint with surrounding whitespace and a trailing `/` removed and the
/// scheme in lower case. A bare host (`dbss.example.com`, `127.0.0.1:8080`) gets `https://`,
/// as in the official SDKs. The URL must have a host and no user information, query or
/// fragment; it may have a path, which then prefixes request paths.
///
/// ```
/// use huaweicloud_sdk_core::endpoint::explicit_endpoint;
/// assert_eq!(explicit_endpoint("http://127.0.0.1:8080/").unwrap(), "http://127.0.0.1:8080");
/// assert_eq!(explicit_endpoint("dbss.example.com").unwrap(), "https://dbss.example.com");
/// assert!(explicit_endpoint("ftp://dbss.example.com").is_err());
/// ```
///
/// # Errors
///
/// An [`EndpointError`] saying what is wrong and showing the expected form.
pub fn explicit_endpoint(url: &str) -> Result<String, EndpointError> {
    const EXAMPLE: &str = "https://dbss.cn-north-4.myhuaweicloud.com or http://127.0.0.1:8080";
    let trimmed = url.trim();
    if trimmed.is_empty() {
        return Err(EndpointError(format!(
            "the endpoint is empty; give a URL such as {EXAMPLE}"
        )));
    }
    let full = if trimmed.contains("://") {
        trimmed.to_owned()
    } else {
        format!("https://{trimmed}")
    };
    let uri: http::Uri = full.parse().map_err(|_| {
        EndpointError(format!(
            "the endpoint {trimmed:?} is not a valid URL; give one such as {EXAMPLE}"
        ))
    })?;
    let scheme = uri.scheme_str().map(str::to_ascii_lowercase);
    if !matches!(scheme.as_deref(), Some("http" | "https")) {
        let shown = trimmed.split("://").next().unwrap_or_default();
        return Err(EndpointError(format!(
            "the endpoint must use http or https, not {shown:?}; give one such as {EXAMPLE}"
        )));
    }
    let Some(authority) = uri.authority() else {
        return Err(EndpointError(format!(
            "the endpoint {trimmed:?} has no host; give one such as {EXAMPLE}"
        )));
    };
    if authority.as_str().contains('@') {
        // Not echoed: user information may hold a password.
        return Err(EndpointError(format!(
            "the endpoint must not contain user information (`user@`); give one such as \
             {EXAMPLE}"
        )));
    }
    if authority.host().is_empty() {
        return Err(EndpointError(format!(
            "the endpoint {trimmed:?} has no host; give one such as {EXAMPLE}"
        )));
    }
    if uri.query().is_some() || trimmed.contains('#') || trimmed.ends_with('?') {
        return Err(EndpointError(format!(
            "the endpoint {trimmed:?} must not have a query or fragment; give one such as \
             {EXAMPLE}"
        )));
    }
    let path = uri.path().trim_end_matches('/');
    if let Some(segment) = path.split('/').find(|s| is_dot_segment(s)) {
        // The URL parser on the way to the wire (WHATWG rules) would remove the segment, so
        // the signed path would not be the path sent.
        return Err(EndpointError(format!(
            "the endpoint {trimmed:?} has the dot-segment {segment:?} in its path, which would \
             be removed on the way to the server while the signature covers it; write the \
             path it means, such as {}",
            resolve_dot_segments(path)
        )));
    }
    Ok(format!(
        "{}://{}{path}",
        scheme.unwrap_or_default(),
        authority.as_str()
    ))
}

/// Whether a path segment is `.` or `..`, also percent-encoded (`%2e`, `.%2E`, ...), as the
/// WHATWG URL parser recognises them.
fn is_dot_segment(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    let dots = lower.replace("%2e", ".");
    dots == "." || dots == ".."
}

/// The path with its dot-segments resolved (RFC 3986, 5.2.4), for the error message.
fn resolve_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for segment in path.split('/').skip(1) {
        if !is_dot_segment(segment) {
            out.push(segment);
        } else if segment.to_ascii_lowercase().replace("%2e", ".") == ".." {
            out.pop();
        }
    }
    format!("/{}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "https://dbss.{region}.myhuaweicloud.com";
    const KNOWN: &[&str] = &["cn-north-4", "ap-southeast-1", "cn-east-3"];

    fn none(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn env_var_name_matches_the_official_sdk() {
        assert_eq!(
            region_env_var("dbss", "ap-southeast-1"),
            "HUAWEICLOUD_SDK_REGION_DBSS_AP_SOUTHEAST_1"
        );
        assert_eq!(
            region_env_var("DBSS", "my-kualalumpur-1"),
            "HUAWEICLOUD_SDK_REGION_DBSS_MY_KUALALUMPUR_1"
        );
    }

    #[test]
    fn known_region_uses_the_template() {
        assert_eq!(
            region_endpoints_with("dbss", "cn-east-3", TEMPLATE, KNOWN, none).expect("known"),
            ["https://dbss.cn-east-3.myhuaweicloud.com"]
        );
    }

    #[test]
    fn unknown_region_lists_known_ones_and_suggests_an_endpoint() {
        let e = region_endpoints_with("dbss", "cn-north-7", TEMPLATE, KNOWN, none)
            .expect_err("unknown");
        let message = e.to_string();
        for needle in [
            "cn-north-7",
            "ap-southeast-1, cn-east-3, cn-north-4",
            "https://dbss.cn-north-7.myhuaweicloud.com",
            "HUAWEICLOUD_SDK_REGION_DBSS_CN_NORTH_7",
        ] {
            assert!(message.contains(needle), "{needle}: {message}");
        }
        assert!(region_endpoints_with("dbss", "", TEMPLATE, KNOWN, none).is_err());
        assert!(region_endpoints_with("dbss", "CN-NORTH-4", TEMPLATE, KNOWN, none).is_err());
    }

    #[test]
    fn override_wins_and_is_trimmed() {
        let env = |name: &str| {
            (name == "HUAWEICLOUD_SDK_REGION_DBSS_CN_NORTH_4")
                .then(|| " http://127.0.0.1:8080/ , ,https://b.example.com ".to_owned())
        };
        assert_eq!(
            region_endpoints_with("dbss", "cn-north-4", TEMPLATE, KNOWN, env).expect("override"),
            ["http://127.0.0.1:8080", "https://b.example.com"]
        );
        let empty = |_: &str| Some("  ".to_owned());
        assert_eq!(
            region_endpoints_with("dbss", "cn-north-4", TEMPLATE, KNOWN, empty).expect("unset"),
            ["https://dbss.cn-north-4.myhuaweicloud.com"]
        );
        let commas = |_: &str| Some(" , ".to_owned());
        let e = region_endpoints_with("dbss", "cn-north-4", TEMPLATE, KNOWN, commas)
            .expect_err("no endpoint");
        assert!(e.to_string().contains("holds no endpoint"), "{e}");
        let bad = |_: &str| Some("https://ok.example.com,ftp://x".to_owned());
        let e = region_endpoints_with("dbss", "cn-north-4", TEMPLATE, KNOWN, bad)
            .expect_err("bad endpoint");
        assert!(
            e.to_string()
                .contains("HUAWEICLOUD_SDK_REGION_DBSS_CN_NORTH_4"),
            "{e}"
        );
    }

    fn regions_file(text: &str) -> (tempfile::TempDir, String) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("regions.yaml");
        std::fs::write(&path, text).expect("write");
        let path = path.to_str().expect("UTF-8 path").to_owned();
        (dir, path)
    }

    const REGIONS_YAML: &str = "ecs:\n  - id: cn-north-7\n    endpoint: https://ecs.example.com\n\
        DBSS:\n  - id: cn-north-7\n    endpoint: http://127.0.0.1:9/\n\
        \x20 - id: cn-north-4\n    endpoints: [https://a.example.com, 'b.example.com:8443']\n\
        \x20 - id: no-endpoint-1\n";

    #[test]
    fn regions_file_after_the_variable_and_before_the_table() {
        let (_dir, path) = regions_file(REGIONS_YAML);
        let file_env = |name: &str| (name == ENV_REGIONS_FILE).then(|| path.clone());
        // A region only the file knows.
        assert_eq!(
            region_endpoints_with("dbss", "cn-north-7", TEMPLATE, KNOWN, file_env).expect("file"),
            ["http://127.0.0.1:9"]
        );
        // The file wins over the built-in table, with several endpoints.
        assert_eq!(
            region_endpoints_with("dbss", "cn-north-4", TEMPLATE, KNOWN, file_env).expect("file"),
            ["https://a.example.com", "https://b.example.com:8443"]
        );
        // The variable wins over the file.
        let both = |name: &str| match name {
            ENV_REGIONS_FILE => Some(path.clone()),
            "HUAWEICLOUD_SDK_REGION_DBSS_CN_NORTH_4" => Some("http://127.0.0.1:1".to_owned()),
            _ => None,
        };
        assert_eq!(
            region_endpoints_with("dbss", "cn-north-4", TEMPLATE, KNOWN, both).expect("env"),
            ["http://127.0.0.1:1"]
        );
        // Not in the file, or listed without an endpoint: the table, then the usual error.
        assert_eq!(
            region_endpoints_with("dbss", "cn-east-3", TEMPLATE, KNOWN, file_env).expect("table"),
            ["https://dbss.cn-east-3.myhuaweicloud.com"]
        );
        assert!(region_endpoints_with("dbss", "no-endpoint-1", TEMPLATE, KNOWN, file_env).is_err());
    }

    #[test]
    fn regions_file_in_the_home_directory() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join(".huaweicloud")).expect("mkdir");
        std::fs::write(dir.path().join(".huaweicloud/regions.yaml"), REGIONS_YAML).expect("write");
        let home_name = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
        let home = dir.path().to_str().expect("UTF-8").to_owned();
        let env = |name: &str| (name == home_name).then(|| home.clone());
        assert_eq!(
            region_endpoints_with("dbss", "cn-north-7", TEMPLATE, KNOWN, env).expect("file"),
            ["http://127.0.0.1:9"]
        );
        // No file in the home directory: nothing changes.
        let empty = tempfile::tempdir().expect("temp dir");
        let home = empty.path().to_str().expect("UTF-8").to_owned();
        let env = |name: &str| (name == home_name).then(|| home.clone());
        assert!(region_endpoints_with("dbss", "cn-north-7", TEMPLATE, KNOWN, env).is_err());
    }

    #[test]
    fn bad_regions_files_are_clear_errors() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cases = [
            ("dbss: [", "not a valid regions file"),
            ("dbss: 3", "not a valid regions file"),
            (
                "dbss:\n  - id: cn-north-4\n    endpoint: ftp://x\n",
                "cannot be used",
            ),
            (
                "dbss:\n  - id: cn-north-4\n    endpoint: http://h/a/../b\n",
                "dot-segment",
            ),
        ];
        for (text, expected) in cases {
            let (_dir, path) = regions_file(text);
            let env = |name: &str| (name == ENV_REGIONS_FILE).then(|| path.clone());
            let e =
                region_endpoints_with("dbss", "cn-north-4", TEMPLATE, KNOWN, env).expect_err(text);
            let message = e.to_string();
            assert!(message.contains(expected), "{text:?}: {message}");
            assert!(message.contains(&path), "{message}");
            assert!(message.contains(ENV_REGIONS_FILE), "{message}");
        }
        let missing = dir
            .path()
            .join("missing.yaml")
            .to_str()
            .expect("UTF-8")
            .to_owned();
        let env = |name: &str| (name == ENV_REGIONS_FILE).then(|| missing.clone());
        let e =
            region_endpoints_with("dbss", "cn-north-4", TEMPLATE, KNOWN, env).expect_err("missing");
        assert!(e.to_string().contains("cannot be read"), "{e}");
        let directory = dir.path().to_str().expect("UTF-8").to_owned();
        let env = |name: &str| (name == ENV_REGIONS_FILE).then(|| directory.clone());
        let e = region_endpoints_with("dbss", "cn-north-4", TEMPLATE, KNOWN, env).expect_err("dir");
        assert!(e.to_string().contains("is not a file"), "{e}");
        let (_big, path) = regions_file(&"#".repeat(2 << 20));
        let env = |name: &str| (name == ENV_REGIONS_FILE).then(|| path.clone());
        let e = region_endpoints_with("dbss", "cn-north-4", TEMPLATE, KNOWN, env).expect_err("big");
        assert!(e.to_string().contains("larger than"), "{e}");
        // An alias bomb is refused, not expanded.
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let previous = char::from(b'a' + level - 1);
            let current = char::from(b'a' + level);
            bomb.push_str(&format!(
                "{current}: &{current} [*{previous}, *{previous}, *{previous}, *{previous}, \
                 *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"
            ));
        }
        let (_bomb, path) = regions_file(&bomb);
        let env = |name: &str| (name == ENV_REGIONS_FILE).then(|| path.clone());
        let started = std::time::Instant::now();
        let e =
            region_endpoints_with("dbss", "cn-north-4", TEMPLATE, KNOWN, env).expect_err("bomb");
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{e}");
    }

    #[test]
    fn explicit_endpoints() {
        for (input, expected) in [
            ("https://dbss.example.com", "https://dbss.example.com"),
            ("https://dbss.example.com/", "https://dbss.example.com"),
            ("  HTTP://127.0.0.1:8080/ ", "http://127.0.0.1:8080"),
            ("http://[::1]:8080", "http://[::1]:8080"),
            (
                "https://h.example.com/prefix/",
                "https://h.example.com/prefix",
            ),
            ("dbss.example.com", "https://dbss.example.com"),
            ("127.0.0.1:8080", "https://127.0.0.1:8080"),
        ] {
            assert_eq!(explicit_endpoint(input).expect(input), expected, "{input}");
        }
        for (input, expected) in [
            ("", "empty"),
            ("ftp://h.example.com", "http or https"),
            ("https://", "not a valid URL"),
            ("https://h.example.com?x=1", "query or fragment"),
            ("https://h.example.com/?", "query or fragment"),
            ("https://h.example.com#top", "query or fragment"),
            ("https://user:pw@h.example.com", "user information"),
            ("https://h.example.com/a b", "not a valid URL"),
            ("/just/a/path", "not a valid URL"),
            ("http://h.example.com/a/../b/", "\"..\""),
            ("http://h.example.com/a/./b", "\".\""),
            ("http://h.example.com/..", "dot-segment"),
            ("http://h.example.com/a/%2E%2e/b", "dot-segment"),
            ("http://h.example.com/a/.%2E", "dot-segment"),
            ("http://h.example.com/a/%2e", "dot-segment"),
        ] {
            let e = explicit_endpoint(input).expect_err(input);
            assert!(e.to_string().contains(expected), "{input}: {e}");
        }
        let e = explicit_endpoint("http://h.example.com/a/../b/").expect_err("dots");
        assert!(e.to_string().contains("such as /b"), "{e}");
        // Dots inside a segment are ordinary characters.
        assert_eq!(
            explicit_endpoint("http://h.example.com/a.../..b/.c").expect("not dot-segments"),
            "http://h.example.com/a.../..b/.c"
        );
        let e = explicit_endpoint("https://user:pw@h.example.com").expect_err("userinfo");
        assert!(!e.to_string().contains("pw"), "{e}");
    }
}
