//! When the API gateway says the signature does not match.
//!
//! The gateway answers `verify signature fail, canonicalRequest:GET|/test/||host:...|...`:
//! the canonical request it computed, lines joined by `|`. The
//! [`Transport`](crate::Transport) computes the client's own canonical
//! request for the same attempt and attaches it to the response
//! ([`CANONICAL_REQUEST_HEADER`]); [`SignatureMismatch`] puts the two side
//! by side, line by line, and names the first part that differs (method,
//! path, query, a header, the signed header list, the body hash). Token
//! values are never shown.

use std::fmt;

use percent_encoding::percent_decode_str;

use crate::error::Escaped;

/// The header the transport adds to a response refusing a signature as not
/// matching: the client's canonical request, lines joined by `|` as the
/// gateway joins them, percent-encoded, token values hidden.
pub const CANONICAL_REQUEST_HEADER: &str = "x-huaweicloud-sdk-canonical-request";

/// What the gateway writes before its canonical request.
const MARKER: &str = "canonicalRequest:";

/// Headers whose values are never shown.
fn is_secret_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.contains("token") || name == "authorization" || name.contains("secret")
}

/// The canonical request in a gateway message, lines joined by `|`.
#[must_use]
pub fn gateway_canonical(message: &str) -> Option<&str> {
    let at = message.find(MARKER)? + MARKER.len();
    let rest = &message[at..];
    // The message may go on after the request (a quote, a brace).
    let end = rest.find(['"', '}', '\n']).unwrap_or(rest.len());
    Some(rest[..end].trim())
}

/// Hides the values of token headers in a canonical request (lines joined
/// by `separator`).
#[must_use]
pub fn redact(canonical: &str, separator: char) -> String {
    canonical
        .split(separator)
        .map(|line| match line.split_once(':') {
            Some((name, _)) if is_secret_header(name) => format!("{name}:****"),
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(&separator.to_string())
}

/// `text` (an error message, or a whole error line) with the token values
/// of the canonical request it quotes hidden as [`redact`] hides them;
/// borrowed when it quotes no canonical request.
///
/// ```
/// use huaweicloud_sdk_core::signature::redact_message;
///
/// let shown = redact_message("verify signature fail, canonicalRequest:GET|/v1/||x-security-token:sts-1|x-sdk-date:20260101T000000Z||x-sdk-date;x-security-token|e3b0");
/// assert!(!shown.contains("sts-1"));
/// assert_eq!(redact_message("no signature here"), "no signature here");
/// ```
#[must_use]
pub fn redact_message(text: &str) -> std::borrow::Cow<'_, str> {
    if gateway_canonical(text).is_some() {
        std::borrow::Cow::Owned(redact(text, '|'))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The client's canonical request as the header value: `|`-joined,
/// redacted, percent-encoded.
#[must_use]
pub fn header_value(canonical: &str) -> String {
    crate::encode::query_component(&redact(&canonical.replace('\n', "|"), '|'))
}

/// The parts of a canonical request (lines joined by `|`), labelled.
fn parts(canonical: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = canonical.split('|').collect();
    let mut labelled = Vec::new();
    let fixed = ["method", "path", "query"];
    for (label, line) in fixed.iter().zip(&lines) {
        labelled.push(((*label).to_owned(), (*line).to_owned()));
    }
    let mut rest = lines.iter().skip(fixed.len());
    for line in rest.by_ref() {
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        let value = if is_secret_header(name) {
            "****".to_owned()
        } else {
            value.to_owned()
        };
        labelled.push((format!("header {name}"), value));
    }
    let tail: Vec<&&str> = rest.collect();
    if let Some(signed) = tail.first() {
        labelled.push(("signed headers".to_owned(), (**signed).to_owned()));
    }
    if let Some(hash) = tail.get(1) {
        labelled.push(("body hash".to_owned(), (**hash).to_owned()));
    }
    labelled
}

/// The gateway's canonical request beside the client's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureMismatch {
    /// Each part (`method`, `path`, `query`, `header <name>`, `signed
    /// headers`, `body hash`), with the gateway's value and the client's
    /// (`None` where one has no such part); token values are `****`.
    pub rows: Vec<(String, Option<String>, Option<String>)>,
}

impl SignatureMismatch {
    /// Compares the gateway's canonical request with the client's, both
    /// with lines joined by `|`.
    #[must_use]
    pub fn new(gateway: &str, ours: &str) -> Self {
        let gateway = parts(gateway);
        let ours = parts(ours);
        let mut rows: Vec<(String, Option<String>, Option<String>)> = Vec::new();
        for (label, value) in &gateway {
            let mine = ours
                .iter()
                .find(|(l, _)| l == label)
                .map(|(_, v)| v.clone());
            rows.push((label.clone(), Some(value.clone()), mine));
        }
        // Parts only the client has, after the gateway's.
        for (label, value) in &ours {
            if !gateway.iter().any(|(l, _)| l == label) {
                rows.push((label.clone(), None, Some(value.clone())));
            }
        }
        Self { rows }
    }

    /// Reads the comparison from an error response: the gateway's canonical
    /// request in its message, the client's in [`CANONICAL_REQUEST_HEADER`].
    #[must_use]
    pub fn from_response(headers: &http::HeaderMap, message: &str) -> Option<Self> {
        let gateway = gateway_canonical(message)?;
        let ours = headers.get(CANONICAL_REQUEST_HEADER)?.to_str().ok()?;
        let ours = percent_decode_str(ours).decode_utf8().ok()?;
        Some(Self::new(gateway, &ours))
    }

    /// The first part that differs, with both values.
    #[must_use]
    pub fn first_difference(&self) -> Option<&(String, Option<String>, Option<String>)> {
        self.rows.iter().find(|(_, gateway, ours)| gateway != ours)
    }

    /// One line: which part differs first, and how.
    #[must_use]
    pub fn summary(&self) -> String {
        let show = |value: &Option<String>| match value {
            Some(value) => format!("{:?}", Escaped(value).to_string()),
            None => "nothing".to_owned(),
        };
        match self.first_difference() {
            Some((label, gateway, ours)) => format!(
                "the signature does not match: the gateway's canonical request differs first in \
                 the {label}: gateway {}, this client {}",
                show(gateway),
                show(ours)
            ),
            None => "the signature does not match, although the gateway's canonical request is \
                     this client's: check the secret key (SK)"
                .to_owned(),
        }
    }
}

impl fmt::Display for SignatureMismatch {
    /// The summary, then one line per part: `*` marks those that differ.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.summary())?;
        let width = self.rows.iter().map(|(l, _, _)| l.len()).max().unwrap_or(0);
        let shown = |value: &Option<String>| {
            value
                .as_deref()
                .map_or_else(|| "(none)".to_owned(), |v| Escaped(v).to_string())
        };
        let column = self
            .rows
            .iter()
            .map(|(_, g, _)| shown(g).chars().count())
            .max()
            .unwrap_or(0)
            .max("gateway".len());
        writeln!(f, "  {:width$}  {:column$}  this client", "part", "gateway")?;
        for (label, gateway, ours) in &self.rows {
            let mark = if gateway == ours { ' ' } else { '*' };
            writeln!(
                f,
                "{mark} {label:width$}  {:column$}  {}",
                shown(gateway),
                shown(ours)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GATEWAY: &str = "GET|/v1/things/||host:dbss.example.com|x-sdk-date:20240101T000000Z|x-security-token:sts-SECRET||host;x-sdk-date;x-security-token|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn the_first_difference_is_named_and_tokens_are_hidden() {
        let ours = GATEWAY.replace("/v1/things/", "/v1/things%2F/");
        let mismatch = SignatureMismatch::new(GATEWAY, &ours);
        assert_eq!(
            mismatch.summary(),
            "the signature does not match: the gateway's canonical request differs first in the \
             path: gateway \"/v1/things/\", this client \"/v1/things%2F/\""
        );
        let table = mismatch.to_string();
        assert!(!table.contains("sts-SECRET"), "{table}");
        assert!(table.contains("* path"), "{table}");
        assert!(table.contains("  header host"), "{table}");
        assert!(table.contains("  body hash"), "{table}");

        let ours = GATEWAY.replace("host;x-sdk-date;x-security-token", "host;x-sdk-date");
        let mismatch = SignatureMismatch::new(GATEWAY, &ours);
        assert_eq!(mismatch.first_difference().unwrap().0, "signed headers");
        let mismatch = SignatureMismatch::new(GATEWAY, GATEWAY);
        assert!(mismatch.summary().contains("check the secret key"));
    }

    #[test]
    fn read_from_a_response() {
        let message =
            format!(r#"{{"error_msg":"verify signature fail, canonicalRequest:{GATEWAY}"}}"#);
        assert_eq!(gateway_canonical(&message), Some(GATEWAY));
        let ours = GATEWAY.replace('|', "\n").replace("GET", "POST");
        let mut headers = http::HeaderMap::new();
        headers.insert(
            CANONICAL_REQUEST_HEADER,
            header_value(&ours).parse().unwrap(),
        );
        assert!(!header_value(&ours).contains("sts-SECRET"));
        let mismatch = SignatureMismatch::from_response(&headers, &message).unwrap();
        assert_eq!(mismatch.first_difference().unwrap().0, "method");
    }
}
