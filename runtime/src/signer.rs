//! AK/SK request signing, SDK-HMAC-SHA256, as Huawei Cloud's API gateway checks it.
//!
//! [`sign`] does what the official SDKs' signer (`huaweicloudsdkcore.signer.Signer`) does:
//!
//! 1. adds `X-Sdk-Date` (`YYYYMMDDTHHMMSSZ`, UTC) unless the request carries one;
//! 2. adds `Host` from the request URI (with `:port` when the port is not the scheme's
//!    default) unless the request carries one;
//! 3. adds `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` when `Content-Type` is set and is neither
//!    `application/json…` nor `application/bson…` (the body is then not hashed);
//! 4. builds the canonical request (see [`canonical_request`]), hashes it into the string to
//!    sign, signs that with HMAC-SHA256 keyed with the SK;
//! 5. sets `Authorization: SDK-HMAC-SHA256 Access={AK}, SignedHeaders={names}, Signature={hex}`.
//!
//! Like the official signer, [`sign`] also rewrites every header to the exact value it
//! signed: values are trimmed, several values of one header are joined into one value with
//! `,` (the official SDKs' `csv` format for header lists), and the method is upper-cased.
//! Whatever is signed is thus sent unchanged.
//!
//! [`verify`] checks a signature the way the gateway does, for mock servers and tests.
//!
//! Known differences from the official Python signer, all for inputs it cannot represent or
//! that it mishandles: header names are case-insensitive here (the Python signer keeps one
//! entry per spelling), an existing `Authorization` header is replaced rather than signed,
//! and a query that does not percent-decode to UTF-8 is an error.

use std::time::{Duration, SystemTime};

use hmac::{Hmac, Mac};
use http::header::{AUTHORIZATION, CONTENT_TYPE, HOST};
use http::{HeaderMap, HeaderName, HeaderValue};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// The signing algorithm, first word of the `Authorization` header and of the string to sign.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";

/// The header that carries the signing time (`YYYYMMDDTHHMMSSZ`, UTC).
pub const HEADER_SDK_DATE: &str = "x-sdk-date";

/// The header that replaces the payload hash (`UNSIGNED-PAYLOAD` for bodies not hashed).
pub const HEADER_CONTENT_SHA256: &str = "x-sdk-content-sha256";

/// The value of [`HEADER_CONTENT_SHA256`] for bodies that are not hashed.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// Lower-case hex SHA-256 of an empty body.
pub const EMPTY_BODY_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Bytes percent-encoded in canonical URI segments and query components: everything except
/// `A-Z a-z 0-9 - _ . ~` (what Python's `urllib.parse.quote(s, safe='~')` keeps).
const CANONICAL: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A request that cannot be signed.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct SignError(pub String);

/// A request that cannot be signed.
fn error(message: impl Into<String>) -> SignError {
    SignError(format!("cannot sign the request: {}", message.into()))
}

/// A signature that does not verify (the message starts with "verification failed").
fn verify_error(message: impl Into<String>) -> SignError {
    SignError(message.into())
}

/// Signs `request` in place with `ak`/`sk` at time `now` (an existing `X-Sdk-Date` wins).
///
/// On success the request carries `X-Sdk-Date`, `Host`, `Authorization` and, for bodies
/// that are not JSON or BSON, `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD`; its header values
/// are trimmed and multi-valued headers joined with `,`, exactly as signed. An existing
/// `Authorization` header is replaced. On error the request is left unchanged.
///
/// # Errors
///
/// A [`SignError`] (naming the header, never showing its value or the SK) when `ak` or `sk`
/// is empty or `ak` cannot be sent in a header, a header value is not UTF-8, an existing
/// `X-Sdk-Date` is not `YYYYMMDDTHHMMSSZ`, the request has no `Host` header and its URI no
/// host, or the query does not percent-decode to UTF-8.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use huaweicloud_sdk_core::signer::{sign, verify};
///
/// let mut request = http::Request::post("https://dbss.cn-north-4.myhuaweicloud.com/v2/p/db-om/instances")
///     .header("Content-Type", "application/json")
///     .body(Vec::new())
///     .unwrap();
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_704_067_200); // 2024-01-01
/// sign(&mut request, "AK", "SK", now).unwrap();
/// assert_eq!(request.headers()["x-sdk-date"], "20240101T000000Z");
/// assert!(verify(&request, "AK", "SK").is_ok());
/// ```
pub fn sign(
    request: &mut http::Request<Vec<u8>>,
    ak: &str,
    sk: &str,
    now: SystemTime,
) -> Result<(), SignError> {
    check_keys(ak, sk)?;
    let mut headers = request.headers().clone();
    headers.remove(AUTHORIZATION);
    check_utf8(&headers)?;

    // The content type is looked at as given, before trimming, like the official signer.
    if let Some(content_type) = headers.get(CONTENT_TYPE) {
        let content_type = content_type.as_bytes();
        if !content_type.is_empty()
            && !content_type.starts_with(b"application/json")
            && !content_type.starts_with(b"application/bson")
        {
            headers.insert(
                HeaderName::from_static(HEADER_CONTENT_SHA256),
                HeaderValue::from_static(UNSIGNED_PAYLOAD),
            );
        }
    }

    let date = match sdk_date_header(&headers)? {
        Some(date) => date,
        None => {
            let date = sdk_date(now);
            let value = HeaderValue::from_str(&date)
                .map_err(|_| error("the current time does not format as a header value"))?;
            headers.insert(HeaderName::from_static(HEADER_SDK_DATE), value);
            date
        }
    };

    if !headers.contains_key(HOST) {
        let host = host_of(request.uri())?;
        let value = HeaderValue::from_str(&host)
            .map_err(|_| error("the host of the request URI cannot be sent in a Host header"))?;
        headers.insert(HOST, value);
    }

    let headers = normalize(&headers)?;
    let method = request.method().as_str().to_ascii_uppercase();
    let method = http::Method::from_bytes(method.as_bytes())
        .map_err(|_| error("the request method cannot be upper-cased"))?;

    let signed = signed_header_names(&headers);
    let canonical = canonical_with(&method, request.uri(), &headers, request.body(), &signed)?;
    let signature = hex::encode(hmac(sk, &string_to_sign(&date, &canonical))?);
    let authorization = format!(
        "{ALGORITHM} Access={ak}, SignedHeaders={}, Signature={signature}",
        signed.join(";")
    );
    let mut authorization = HeaderValue::from_str(&authorization)
        .map_err(|_| error("the access key cannot be sent in the Authorization header"))?;
    authorization.set_sensitive(true);

    *request.headers_mut() = headers;
    request.headers_mut().insert(AUTHORIZATION, authorization);
    *request.method_mut() = method;
    Ok(())
}

/// `X-Sdk-Date` for `now`: `YYYYMMDDTHHMMSSZ` in UTC.
///
/// Times outside the years 0000 to 9999 are clamped to the nearest representable second.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use huaweicloud_sdk_core::signer::sdk_date;
///
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_573_788_615);
/// assert_eq!(sdk_date(now), "20191115T033015Z");
/// ```
pub fn sdk_date(now: SystemTime) -> String {
    let min = time::PrimitiveDateTime::new(
        time::Date::from_calendar_date(0, time::Month::January, 1).unwrap_or(time::Date::MIN),
        time::Time::MIDNIGHT,
    )
    .assume_utc();
    let max = time::PrimitiveDateTime::new(
        time::Date::from_calendar_date(9999, time::Month::December, 31).unwrap_or(time::Date::MAX),
        time::Time::from_hms(23, 59, 59).unwrap_or(time::Time::MIDNIGHT),
    )
    .assume_utc();
    let epoch = time::OffsetDateTime::UNIX_EPOCH;
    let at = match now.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => time::Duration::try_from(after)
            .ok()
            .and_then(|d| epoch.checked_add(d))
            .unwrap_or(max),
        Err(before) => time::Duration::try_from(before.duration())
            .ok()
            .and_then(|d| epoch.checked_sub(d))
            .unwrap_or(min),
    };
    let at = at.clamp(min, max);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// Parses an `X-Sdk-Date` value (`YYYYMMDDTHHMMSSZ`, a valid UTC date and time) into a time.
///
/// # Errors
///
/// A [`SignError`] saying the expected format when `value` is anything else.
pub fn parse_sdk_date(value: &str) -> Result<SystemTime, SignError> {
    let invalid = || {
        error(
            "the X-Sdk-Date header must be a UTC time formatted YYYYMMDDTHHMMSSZ, \
             such as 20240101T000000Z; remove it to have the current time used",
        )
    };
    let bytes = value.as_bytes();
    if bytes.len() != 16 || bytes[8] != b'T' || bytes[15] != b'Z' {
        return Err(invalid());
    }
    let digits = |range: std::ops::Range<usize>| -> Result<u32, SignError> {
        let part = value.get(range).ok_or_else(invalid)?;
        if !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        part.parse().map_err(|_| invalid())
    };
    let year = i32::try_from(digits(0..4)?).map_err(|_| invalid())?;
    let month = u8::try_from(digits(4..6)?).map_err(|_| invalid())?;
    let month = time::Month::try_from(month).map_err(|_| invalid())?;
    let day = u8::try_from(digits(6..8)?).map_err(|_| invalid())?;
    let hour = u8::try_from(digits(9..11)?).map_err(|_| invalid())?;
    let minute = u8::try_from(digits(11..13)?).map_err(|_| invalid())?;
    let second = u8::try_from(digits(13..15)?).map_err(|_| invalid())?;
    let date = time::Date::from_calendar_date(year, month, day).map_err(|_| invalid())?;
    let time = time::Time::from_hms(hour, minute, second).map_err(|_| invalid())?;
    let at = time::PrimitiveDateTime::new(date, time).assume_utc();
    let seconds = at.unix_timestamp();
    Ok(if seconds >= 0 {
        SystemTime::UNIX_EPOCH + Duration::from_secs(seconds.unsigned_abs())
    } else {
        SystemTime::UNIX_EPOCH - Duration::from_secs(seconds.unsigned_abs())
    })
}

/// The canonical request of `request` and the names of the headers it signs.
///
/// The request should already carry `X-Sdk-Date` and `Host` (as after [`sign`]); nothing is
/// added here. Parts, joined by `\n`: the method in upper case; the canonical URI (the path
/// percent-decoded, split on `/`, each segment percent-encoded keeping only
/// `A-Z a-z 0-9 - _ . ~`, always ending in `/`); the canonical query (pairs sorted by decoded
/// key then value, encoded the same way, `k=v` joined by `&`); `name:value\n` for each signed
/// header (values trimmed, several values joined with `,`); the signed header names joined by
/// `;`; the payload hash (hex SHA-256 of the body, [`EMPTY_BODY_SHA256`] for an empty body,
/// or the `X-Sdk-Content-Sha256` value when the body is not empty and that header is set).
///
/// Signed headers are all headers whose name contains no `_`, lower-case and sorted, except
/// `Authorization`.
///
/// # Errors
///
/// A [`SignError`] when a header value is not UTF-8 or the query does not percent-decode to
/// UTF-8.
pub fn canonical_request(
    request: &http::Request<Vec<u8>>,
) -> Result<(String, Vec<String>), SignError> {
    check_utf8(request.headers())?;
    let signed = signed_header_names(request.headers());
    let canonical = canonical_with(
        request.method(),
        request.uri(),
        request.headers(),
        request.body(),
        &signed,
    )?;
    Ok((canonical, signed))
}

/// Checks the AK/SK signature of a received `request`, as the API gateway does.
///
/// The `Authorization` header must be `SDK-HMAC-SHA256 Access={ak}, SignedHeaders=…,
/// Signature=…`; the signed headers must include `host` and `x-sdk-date` and be present in
/// the request; the signature must match the one computed with `sk` over those headers. The
/// signature is compared in constant time. The age of `X-Sdk-Date` is not checked.
///
/// # Errors
///
/// A [`SignError`] saying what does not match (never the SK or the expected signature).
pub fn verify(request: &http::Request<Vec<u8>>, ak: &str, sk: &str) -> Result<(), SignError> {
    check_keys(ak, sk)?;
    let headers = request.headers();
    let mut authorizations = headers.get_all(AUTHORIZATION).iter();
    let authorization = match (authorizations.next(), authorizations.next()) {
        (Some(value), None) => value,
        (None, _) => return Err(verify_error("verification failed: no Authorization header")),
        (Some(_), Some(_)) => {
            return Err(verify_error(
                "verification failed: more than one Authorization header",
            ));
        }
    };
    let authorization = authorization
        .to_str()
        .map_err(|_| verify_error("verification failed: the Authorization header is not ASCII"))?;
    let parsed = parse_authorization(authorization)?;
    if parsed.access != ak {
        return Err(verify_error(format!(
            "verification failed: the request is signed with access key {:?}, expected {ak:?}",
            parsed.access
        )));
    }
    for required in [HOST.as_str(), HEADER_SDK_DATE] {
        if !parsed.signed.iter().any(|name| name == required) {
            return Err(verify_error(format!(
                "verification failed: the header {required} is not among the signed headers"
            )));
        }
    }
    for name in &parsed.signed {
        if !headers.contains_key(name.as_str()) {
            return Err(verify_error(format!(
                "verification failed: the signed header {name} is not in the request"
            )));
        }
    }
    let date = sdk_date_header(headers)?
        .ok_or_else(|| verify_error("verification failed: no X-Sdk-Date header"))?;
    check_utf8(headers)?;
    let canonical = canonical_with(
        request.method(),
        request.uri(),
        headers,
        request.body(),
        &parsed.signed,
    )?;
    let mut mac = new_mac(sk)?;
    mac.update(string_to_sign(&date, &canonical).as_bytes());
    mac.verify_slice(&parsed.signature).map_err(|_| {
        verify_error(format!(
            "verification failed: the signature does not match (canonical request hash {}); \
             the request was changed after signing, or signed with another secret key",
            hex::encode(Sha256::digest(canonical.as_bytes()))
        ))
    })
}

/// The parts of an `Authorization` header.
struct Authorization {
    access: String,
    signed: Vec<String>,
    signature: Vec<u8>,
}

fn parse_authorization(value: &str) -> Result<Authorization, SignError> {
    let malformed = || {
        error(format!(
            "verification failed: the Authorization header is not \
             `{ALGORITHM} Access=AK, SignedHeaders=a;b, Signature=HEX`"
        ))
    };
    let rest = value
        .strip_prefix(ALGORITHM)
        .and_then(|rest| rest.strip_prefix(' '))
        .ok_or_else(malformed)?;
    let mut parts = rest.split(", ");
    let access = parts
        .next()
        .and_then(|p| p.strip_prefix("Access="))
        .ok_or_else(malformed)?;
    let signed = parts
        .next()
        .and_then(|p| p.strip_prefix("SignedHeaders="))
        .ok_or_else(malformed)?;
    let signature = parts
        .next()
        .and_then(|p| p.strip_prefix("Signature="))
        .ok_or_else(malformed)?;
    if parts.next().is_some() || access.is_empty() || signed.is_empty() {
        return Err(malformed());
    }
    let signed: Vec<String> = signed.split(';').map(str::to_owned).collect();
    if signed
        .iter()
        .any(|name| name.is_empty() || HeaderName::from_bytes(name.as_bytes()).is_err())
        || signed
            .iter()
            .any(|name| name.bytes().any(|b| b.is_ascii_uppercase()))
    {
        return Err(malformed());
    }
    if signature.len() != 64 || signature.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(malformed());
    }
    let signature = hex::decode(signature).map_err(|_| malformed())?;
    Ok(Authorization {
        access: access.to_owned(),
        signed,
        signature,
    })
}

fn check_keys(ak: &str, sk: &str) -> Result<(), SignError> {
    if ak.is_empty() {
        return Err(error("the access key (AK) is empty"));
    }
    if sk.is_empty() {
        return Err(error("the secret key (SK) is empty"));
    }
    if !ak.bytes().all(|b| b.is_ascii_graphic() && b != b',') {
        return Err(error(
            "the access key (AK) must be printable ASCII without spaces or commas; \
             check that it was copied whole",
        ));
    }
    Ok(())
}

/// Every header value must be UTF-8 (the canonical request is UTF-8 text).
fn check_utf8(headers: &HeaderMap) -> Result<(), SignError> {
    for (name, value) in headers {
        if std::str::from_utf8(value.as_bytes()).is_err() {
            return Err(error(format!(
                "the value of the header {name} is not valid UTF-8"
            )));
        }
    }
    Ok(())
}

/// The `X-Sdk-Date` value, checked, if the request has one.
fn sdk_date_header(headers: &HeaderMap) -> Result<Option<String>, SignError> {
    let mut values = headers.get_all(HEADER_SDK_DATE).iter();
    let value = match (values.next(), values.next()) {
        (None, _) => return Ok(None),
        (Some(value), None) => value,
        (Some(_), Some(_)) => return Err(error("the request has more than one X-Sdk-Date header")),
    };
    let value = std::str::from_utf8(value.as_bytes())
        .map_err(|_| error("the X-Sdk-Date header is not valid UTF-8"))?;
    parse_sdk_date(value)?;
    Ok(Some(value.to_owned()))
}

/// `host[:port]` of an absolute URI, the port only when not the scheme's default.
fn host_of(uri: &http::Uri) -> Result<String, SignError> {
    let host = uri.host().filter(|host| !host.is_empty()).ok_or_else(|| {
        error("the request has no Host header and its URI no host; use an absolute URI")
    })?;
    let default_port = match uri.scheme_str().map(str::to_ascii_lowercase).as_deref() {
        Some("http") => Some(80),
        Some("https") => Some(443),
        _ => None,
    };
    Ok(match uri.port_u16() {
        Some(port) if Some(port) != default_port => format!("{host}:{port}"),
        _ => host.to_owned(),
    })
}

/// The text a header is signed with: each value trimmed, values joined with `,`.
fn header_text(headers: &HeaderMap, name: &str) -> Result<Option<String>, SignError> {
    let mut text: Option<String> = None;
    for value in headers.get_all(name) {
        let value = std::str::from_utf8(value.as_bytes())
            .map_err(|_| error(format!("the value of the header {name} is not valid UTF-8")))?
            .trim();
        match &mut text {
            Some(text) => {
                text.push(',');
                text.push_str(value);
            }
            None => text = Some(value.to_owned()),
        }
    }
    Ok(text)
}

/// The headers as they are signed and must be sent: one trimmed value per name.
fn normalize(headers: &HeaderMap) -> Result<HeaderMap, SignError> {
    let mut normalized = HeaderMap::with_capacity(headers.keys_len());
    for name in headers.keys() {
        let mut values = headers.get_all(name).iter();
        let (Some(first), None) = (values.next(), values.next()) else {
            let text = header_text(headers, name.as_str())?.unwrap_or_default();
            let sensitive = headers.get_all(name).iter().any(HeaderValue::is_sensitive);
            let mut value = HeaderValue::from_str(&text)
                .map_err(|_| error(format!("the values of the header {name} cannot be joined")))?;
            value.set_sensitive(sensitive);
            normalized.insert(name.clone(), value);
            continue;
        };
        let text = std::str::from_utf8(first.as_bytes())
            .map_err(|_| error(format!("the value of the header {name} is not valid UTF-8")))?;
        let trimmed = text.trim();
        if trimmed.len() == text.len() {
            normalized.insert(name.clone(), first.clone());
        } else {
            let mut value = HeaderValue::from_str(trimmed)
                .map_err(|_| error(format!("the value of the header {name} cannot be trimmed")))?;
            value.set_sensitive(first.is_sensitive());
            normalized.insert(name.clone(), value);
        }
    }
    Ok(normalized)
}

/// All header names without `_`, except `authorization`, sorted.
fn signed_header_names(headers: &HeaderMap) -> Vec<String> {
    let mut names: Vec<String> = headers
        .keys()
        .filter(|name| !name.as_str().contains('_') && *name != AUTHORIZATION)
        .map(|name| name.as_str().to_owned())
        .collect();
    names.sort();
    names.dedup();
    names
}

fn canonical_with(
    method: &http::Method,
    uri: &http::Uri,
    headers: &HeaderMap,
    body: &[u8],
    signed: &[String],
) -> Result<String, SignError> {
    let mut canonical = String::new();
    canonical.push_str(&method.as_str().to_ascii_uppercase());
    canonical.push('\n');
    canonical.push_str(&canonical_uri(uri.path()));
    canonical.push('\n');
    canonical.push_str(&canonical_query(uri.query())?);
    canonical.push('\n');
    for name in signed {
        canonical.push_str(name);
        canonical.push(':');
        canonical.push_str(&header_text(headers, name)?.unwrap_or_default());
        canonical.push('\n');
    }
    canonical.push('\n');
    canonical.push_str(&signed.join(";"));
    canonical.push('\n');
    canonical.push_str(&payload_hash(headers, body)?);
    Ok(canonical)
}

fn payload_hash(headers: &HeaderMap, body: &[u8]) -> Result<String, SignError> {
    if body.is_empty() {
        return Ok(EMPTY_BODY_SHA256.to_owned());
    }
    match header_text(headers, HEADER_CONTENT_SHA256)? {
        Some(declared) if !declared.is_empty() => Ok(declared),
        _ => Ok(hex::encode(Sha256::digest(body))),
    }
}

/// The path percent-decoded (invalid UTF-8 replaced by U+FFFD, as Python's `unquote`),
/// split on `/`, each segment encoded, always ending in `/`.
fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut canonical = decoded
        .split('/')
        .map(|segment| utf8_percent_encode(segment, CANONICAL).to_string())
        .collect::<Vec<_>>()
        .join("/");
    if !canonical.ends_with('/') {
        canonical.push('/');
    }
    canonical
}

/// The query pairs percent-decoded, sorted by key then value, encoded, `k=v` joined by `&`.
fn canonical_query(query: Option<&str>) -> Result<String, SignError> {
    let Some(query) = query else {
        return Ok(String::new());
    };
    let decode = |part: &str| -> Result<String, SignError> {
        percent_decode_str(part)
            .decode_utf8()
            .map(|text| text.into_owned())
            .map_err(|_| {
                error(
                    "a query parameter does not percent-decode to UTF-8 text; \
                     encode query keys and values as UTF-8",
                )
            })
    };
    let mut pairs = Vec::new();
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        pairs.push((decode(key)?, decode(value)?));
    }
    pairs.sort();
    Ok(pairs
        .iter()
        .map(|(key, value)| {
            format!(
                "{}={}",
                utf8_percent_encode(key, CANONICAL),
                utf8_percent_encode(value, CANONICAL)
            )
        })
        .collect::<Vec<_>>()
        .join("&"))
}

fn string_to_sign(date: &str, canonical: &str) -> String {
    format!(
        "{ALGORITHM}\n{date}\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    )
}

fn new_mac(sk: &str) -> Result<HmacSha256, SignError> {
    HmacSha256::new_from_slice(sk.as_bytes())
        .map_err(|_| error("the secret key (SK) cannot key HMAC-SHA256"))
}

fn hmac(sk: &str, data: &str) -> Result<Vec<u8>, SignError> {
    let mut mac = new_mac(sk)?;
    mac.update(data.as_bytes());
    Ok(mac.finalize().into_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str) -> SystemTime {
        parse_sdk_date(date).expect("valid date")
    }

    fn request(
        method: &str,
        uri: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> http::Request<Vec<u8>> {
        let mut builder = http::Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(body.to_vec()).expect("valid request")
    }

    fn sha256_hex(text: &str) -> String {
        hex::encode(Sha256::digest(text.as_bytes()))
    }

    /// Checks a signed test vector: the hash of its canonical request, the `Authorization`
    /// header (over `content-type;host;x-sdk-date`) and that it verifies with `(ak, sk)`.
    fn assert_signed(
        r: &http::Request<Vec<u8>>,
        (ak, sk): (&str, &str),
        canonical_sha256: &str,
        signature: &str,
    ) {
        let (canonical, _) = canonical_request(r).expect("canonical");
        assert_eq!(sha256_hex(&canonical), canonical_sha256);
        assert_eq!(
            r.headers()["authorization"],
            format!(
                "SDK-HMAC-SHA256 Access={ak}, SignedHeaders=content-type;host;x-sdk-date, \
                 Signature={signature}"
            )
        );
        verify(r, ak, sk).expect("verifies");
    }

    #[test]
    fn vector_v1() {
        let mut r = request(
            "POST",
            "https://dbss.cn-north-7.myhuaweicloud.com/v2/0123456789abcdef0123456789abcdef/db-om/instances",
            &[
                ("Content-Type", "application/json"),
                ("X-Sdk-Date", "20240101T000000Z"),
            ],
            b"",
        );
        sign(
            &mut r,
            "AKEXAMPLE1234567890A",
            "SKEXAMPLEabcdefghijklmnopqrstuvwxyz0123456",
            SystemTime::UNIX_EPOCH,
        )
        .expect("signs");
        let (canonical, signed) = canonical_request(&r).expect("canonical");
        assert_eq!(
            canonical,
            "POST\n/v2/0123456789abcdef0123456789abcdef/db-om/instances/\n\n\
             content-type:application/json\nhost:dbss.cn-north-7.myhuaweicloud.com\n\
             x-sdk-date:20240101T000000Z\n\ncontent-type;host;x-sdk-date\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(signed, ["content-type", "host", "x-sdk-date"]);
        assert_signed(
            &r,
            (
                "AKEXAMPLE1234567890A",
                "SKEXAMPLEabcdefghijklmnopqrstuvwxyz0123456",
            ),
            "dac2f7a010676d3c1f2cdb3eb12a8aa4e83d6c4d31dc6266068c6fcf25bc3711",
            "8669751c0dd4bddbb4841b116f6791b442f2e778664d5cba2a81033d9fae47a3",
        );
    }

    #[test]
    fn vector_v2() {
        let mut r = request(
            "GET",
            "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?marker=13551d6b-755d-4757-b956-536f674975c0&limit=2",
            &[("Content-Type", "application/json")],
            b"",
        );
        sign(
            &mut r,
            "QTWAOYTTINDUT2QVKYUC",
            "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
            at("20191115T033655Z"),
        )
        .expect("signs");
        assert_eq!(r.headers()["x-sdk-date"], "20191115T033655Z");
        let (canonical, _) = canonical_request(&r).expect("canonical");
        assert_eq!(
            canonical.lines().nth(2),
            Some("limit=2&marker=13551d6b-755d-4757-b956-536f674975c0")
        );
        assert_signed(
            &r,
            (
                "QTWAOYTTINDUT2QVKYUC",
                "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
            ),
            "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a",
            "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
        );
    }

    #[test]
    fn sdk_date_formats_and_clamps() {
        assert_eq!(sdk_date(SystemTime::UNIX_EPOCH), "19700101T000000Z");
        assert_eq!(
            sdk_date(SystemTime::UNIX_EPOCH + Duration::from_secs(1_704_067_199)),
            "20231231T235959Z"
        );
        assert_eq!(
            sdk_date(SystemTime::UNIX_EPOCH - Duration::from_secs(1)),
            "19691231T235959Z"
        );
        if let Some(far) = SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(1 << 40)) {
            assert_eq!(sdk_date(far), "99991231T235959Z");
        }
        for date in ["20240229T120000Z", "00000101T000000Z", "99991231T235959Z"] {
            assert_eq!(sdk_date(at(date)), date);
        }
    }

    #[test]
    fn bad_sdk_dates_are_rejected() {
        for bad in [
            "",
            "20240101T000000",
            "20240101 000000Z",
            " 20240101T000000Z",
            "20241301T000000Z",
            "20230229T000000Z",
            "20240101T240000Z",
            "2024010aT000000Z",
            "+2024101T000000Z",
            "２0240101T00000Z",
        ] {
            assert!(parse_sdk_date(bad).is_err(), "{bad:?} accepted");
            let mut r = request("GET", "https://h/", &[("X-Sdk-Date", bad)], b"");
            let before = r.headers().clone();
            let e = sign(&mut r, "AK", "SK", SystemTime::UNIX_EPOCH).expect_err("rejected");
            assert!(e.to_string().contains("YYYYMMDDTHHMMSSZ"), "{e}");
            assert_eq!(r.headers(), &before, "request changed on error");
        }
    }

    #[test]
    fn host_is_added_with_non_default_port_only() {
        for (uri, host) in [
            ("https://h.example.com/a", "h.example.com"),
            ("https://h.example.com:443/a", "h.example.com"),
            ("http://h.example.com:80/a", "h.example.com"),
            ("http://h.example.com:443/a", "h.example.com:443"),
            ("https://h.example.com:8443/a", "h.example.com:8443"),
            ("http://127.0.0.1:8080/a", "127.0.0.1:8080"),
            ("http://[::1]:8080/a", "[::1]:8080"),
            ("https://user:pass@h.example.com/a", "h.example.com"),
        ] {
            let mut r = request("GET", uri, &[], b"");
            sign(&mut r, "AK", "SK", SystemTime::UNIX_EPOCH).expect("signs");
            assert_eq!(r.headers()["host"], host, "{uri}");
        }
        let mut r = request(
            "GET",
            "https://h.example.com/a",
            &[("Host", "other:1")],
            b"",
        );
        sign(&mut r, "AK", "SK", SystemTime::UNIX_EPOCH).expect("signs");
        assert_eq!(r.headers()["host"], "other:1");
        let mut r = request("GET", "/relative", &[], b"");
        let e = sign(&mut r, "AK", "SK", SystemTime::UNIX_EPOCH).expect_err("no host");
        assert!(e.to_string().contains("absolute URI"), "{e}");
    }

    #[test]
    fn unsigned_payload_for_non_json_bodies() {
        let cases = [
            (Some("application/json"), false),
            (Some("application/json;charset=UTF-8"), false),
            (Some("application/bson"), false),
            (Some("application/octet-stream"), true),
            (Some("text/plain"), true),
            (Some("Application/JSON"), true),
            (Some(""), false),
            (None, false),
        ];
        for (content_type, unsigned) in cases {
            let headers: Vec<(&str, &str)> = content_type
                .map(|ct| ("Content-Type", ct))
                .into_iter()
                .collect();
            let mut r = request("PUT", "https://h/x", &headers, b"body");
            sign(&mut r, "AK", "SK", SystemTime::UNIX_EPOCH).expect("signs");
            assert_eq!(
                r.headers().get(HEADER_CONTENT_SHA256).is_some(),
                unsigned,
                "{content_type:?}"
            );
            let (canonical, _) = canonical_request(&r).expect("canonical");
            let hash = canonical.rsplit('\n').next().unwrap_or_default();
            if unsigned {
                assert_eq!(hash, UNSIGNED_PAYLOAD);
            } else {
                assert_eq!(hash, sha256_hex("body"));
            }
        }
        // An empty body always hashes as empty, as in the official signer.
        let mut r = request("PUT", "https://h/x", &[("Content-Type", "text/plain")], b"");
        sign(&mut r, "AK", "SK", SystemTime::UNIX_EPOCH).expect("signs");
        let (canonical, _) = canonical_request(&r).expect("canonical");
        assert!(canonical.ends_with(EMPTY_BODY_SHA256));
    }

    #[test]
    fn canonical_uri_and_query() {
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri("/a/b"), "/a/b/");
        assert_eq!(canonical_uri("/a/b/"), "/a/b/");
        assert_eq!(canonical_uri("/a%2Fb"), "/a/b/");
        assert_eq!(canonical_uri("/a%20b/c+d"), "/a%20b/c%2Bd/");
        assert_eq!(canonical_uri("/%E4%B8%AD/中"), "/%E4%B8%AD/%E4%B8%AD/");
        assert_eq!(canonical_uri("/%FF"), "/%EF%BF%BD/");
        assert_eq!(canonical_uri("/%zz%4"), "/%25zz%254/");
        assert_eq!(
            canonical_uri("/a;b,c=d:e@f!$'()*"),
            "/a%3Bb%2Cc%3Dd%3Ae%40f%21%24%27%28%29%2A/"
        );
        assert_eq!(canonical_query(None).expect("ok"), "");
        assert_eq!(canonical_query(Some("")).expect("ok"), "");
        assert_eq!(
            canonical_query(Some("b=2&a=3&a=1&&c&d=&e=x%20y+z")).expect("ok"),
            "a=1&a=3&b=2&c=&d=&e=x%20y%2Bz"
        );
        // Sorted by decoded text, not by encoded text.
        assert_eq!(
            canonical_query(Some("k=%C3%A9&k=~")).expect("ok"),
            "k=~&k=%C3%A9"
        );
        assert!(canonical_query(Some("k=%FF")).is_err());
    }

    #[test]
    fn headers_are_trimmed_joined_and_filtered() {
        let mut r = http::Request::builder()
            .method("post")
            .uri("https://h/x")
            .header("X-Custom", "  padded\t")
            .header("X-Multi", " one ")
            .header("X-Multi", "two")
            .header("X_Underscore", " kept ")
            .header("X-Sdk-Date", "20240101T000000Z")
            .body(Vec::new())
            .expect("request");
        sign(&mut r, "AK", "SK", SystemTime::UNIX_EPOCH).expect("signs");
        assert_eq!(r.method().as_str(), "POST");
        assert_eq!(r.headers()["x-custom"], "padded");
        assert_eq!(r.headers().get_all("x-multi").iter().count(), 1);
        assert_eq!(r.headers()["x-multi"], "one,two");
        assert_eq!(r.headers()["x_underscore"], "kept");
        let (canonical, signed) = canonical_request(&r).expect("canonical");
        assert_eq!(signed, ["host", "x-custom", "x-multi", "x-sdk-date"]);
        assert!(
            canonical.contains("\nx-custom:padded\nx-multi:one,two\n"),
            "{canonical}"
        );
        verify(&r, "AK", "SK").expect("verifies");
    }

    #[test]
    fn resigning_replaces_authorization() {
        let mut r = request("GET", "https://h/x", &[], b"");
        sign(&mut r, "AK", "SK", SystemTime::UNIX_EPOCH).expect("signs");
        let first = r.headers()["authorization"].clone();
        sign(&mut r, "AK", "SK", SystemTime::UNIX_EPOCH).expect("signs again");
        assert_eq!(r.headers()["authorization"], first);
        assert!(!first.to_str().unwrap_or_default().contains("authorization"));
    }

    #[test]
    fn non_utf8_header_value_is_an_error() {
        let mut r = request("GET", "https://h/x", &[], b"");
        r.headers_mut().insert(
            "x-bin",
            HeaderValue::from_bytes(b"\xff\xfe secret").expect("obs-text allowed"),
        );
        let e = sign(&mut r, "AK", "SK", SystemTime::UNIX_EPOCH).expect_err("rejected");
        assert!(e.to_string().contains("x-bin"), "{e}");
        assert!(!e.to_string().contains("secret"), "{e}");
        assert!(canonical_request(&r).is_err());
    }

    #[test]
    fn empty_or_bad_keys_are_errors() {
        let mut r = request("GET", "https://h/x", &[], b"");
        assert!(sign(&mut r, "", "SK", SystemTime::UNIX_EPOCH).is_err());
        assert!(sign(&mut r, "AK", "", SystemTime::UNIX_EPOCH).is_err());
        assert!(sign(&mut r, "A K", "SK", SystemTime::UNIX_EPOCH).is_err());
        assert!(sign(&mut r, "AK\n", "SK", SystemTime::UNIX_EPOCH).is_err());
        assert!(r.headers().is_empty());
    }

    #[test]
    fn verify_detects_tampering_and_wrong_keys() {
        let mut r = request(
            "POST",
            "https://h/v1/x?b=2&a=1",
            &[("Content-Type", "application/json"), ("X-Extra", "v")],
            b"{\"k\":1}",
        );
        sign(&mut r, "AK", "SK", SystemTime::UNIX_EPOCH).expect("signs");
        verify(&r, "AK", "SK").expect("verifies");

        // Headers added after signing (as an HTTP client does) do not matter.
        let mut extra = r.clone();
        extra
            .headers_mut()
            .insert("accept", HeaderValue::from_static("*/*"));
        verify(&extra, "AK", "SK").expect("unsigned extra header is fine");

        let e = verify(&r, "AK", "other").expect_err("wrong sk");
        assert!(e.to_string().contains("does not match"), "{e}");
        let e = verify(&r, "OTHER", "SK").expect_err("wrong ak");
        assert!(e.to_string().contains("access key"), "{e}");

        let mut body = r.clone();
        body.body_mut().push(b' ');
        assert!(verify(&body, "AK", "SK").is_err());
        let mut header = r.clone();
        header
            .headers_mut()
            .insert("x-extra", HeaderValue::from_static("w"));
        assert!(verify(&header, "AK", "SK").is_err());
        let mut removed = r.clone();
        removed.headers_mut().remove("x-extra");
        let e = verify(&removed, "AK", "SK").expect_err("missing header");
        assert!(e.to_string().contains("x-extra"), "{e}");
        let mut query = r.clone();
        *query.uri_mut() = "https://h/v1/x?b=2&a=2".parse().expect("uri");
        assert!(verify(&query, "AK", "SK").is_err());
        // Reordering the query does not change the signature.
        let mut reordered = r.clone();
        *reordered.uri_mut() = "https://h/v1/x?a=1&b=2".parse().expect("uri");
        verify(&reordered, "AK", "SK").expect("same query, other order");

        for bad in [
            "",
            "SDK-HMAC-SHA256",
            "Bearer x",
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date",
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=zz",
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=HOST;x-sdk-date, Signature=00",
        ] {
            let mut m = r.clone();
            m.headers_mut()
                .insert(AUTHORIZATION, HeaderValue::from_str(bad).expect("value"));
            assert!(verify(&m, "AK", "SK").is_err(), "{bad:?}");
        }
        let mut unsigned = r.clone();
        unsigned.headers_mut().remove(AUTHORIZATION);
        assert!(verify(&unsigned, "AK", "SK").is_err());
    }

    #[test]
    fn verify_requires_host_and_date_signed() {
        let mut r = request("GET", "https://h/x", &[], b"");
        sign(&mut r, "AK", "SK", SystemTime::UNIX_EPOCH).expect("signs");
        let value = r.headers()["authorization"]
            .to_str()
            .expect("ascii")
            .to_owned();
        let stripped = value.replace("SignedHeaders=host;x-sdk-date", "SignedHeaders=x-sdk-date");
        r.headers_mut().insert(
            AUTHORIZATION,
            HeaderValue::from_str(&stripped).expect("value"),
        );
        let e = verify(&r, "AK", "SK").expect_err("host not signed");
        assert!(e.to_string().contains("host"), "{e}");
    }

    #[test]
    fn sk_never_in_errors() {
        let sk = "SUPERSECRETKEY";
        let mut r = request("GET", "https://h/x", &[], b"");
        sign(&mut r, "AK", sk, SystemTime::UNIX_EPOCH).expect("signs");
        let e = verify(&r, "AK", "WRONGSECRET").expect_err("mismatch");
        assert!(!format!("{e} {e:?}").contains(sk));
        assert!(!format!("{e} {e:?}").contains("WRONGSECRET"));
    }
}
