//! Endpoints: region to URL, explicit endpoints, and the official per-region override.
//!
//! A client reaches a service either at an explicit endpoint ([`explicit_endpoint`]) or at
//! the endpoint of a region ([`region_endpoints`]). For a region, the environment variable
//! `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}` (service upper-cased; region upper-cased with
//! `-` replaced by `_`, as the official SDKs' `EnvRegionProvider` names it) may list
//! endpoints, `url[,url]`; otherwise a region the service is known in gets the service's
//! template, `https://dbss.{region}.myhuaweicloud.com` for instance.
//!
//! As in the official SDKs, an endpoint given without a scheme uses `https`.
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
    Ok(format!(
        "{}://{}{path}",
        scheme.unwrap_or_default(),
        authority.as_str()
    ))
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
        ] {
            let e = explicit_endpoint(input).expect_err(input);
            assert!(e.to_string().contains(expected), "{input}: {e}");
        }
        let e = explicit_endpoint("https://user:pw@h.example.com").expect_err("userinfo");
        assert!(!e.to_string().contains("pw"), "{e}");
    }
}
