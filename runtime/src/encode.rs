//! Percent-encoding of values placed in request URIs.
//!
//! Generated code passes every user-supplied path parameter through
//! [`path_segment`] and every query key and value through
//! [`query_component`], so that no value can add a path segment or start a
//! query. Encoding alone cannot stop a dot-segment: URL parsers (WHATWG
//! rules, which reqwest follows) treat `%2E` and `%2E%2E` as `.` and `..`, so
//! [`fill_path`](crate::request::fill_path) refuses the values `.`, `..` and
//! the empty string instead.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Bytes encoded in a path segment: everything except ASCII letters, digits,
/// `-`, `_` and `~`. The `.` is encoded too (as the official SDKs do), but
/// that does not keep `.` and `..` from acting as dot-segments: `%2E%2E` is
/// still `..` to a URL parser, which is why `fill_path` refuses them.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~');

/// Bytes encoded in a query key or value: everything except the RFC 3986
/// unreserved characters (ASCII letters, digits, `-`, `_`, `.` and `~`).
const QUERY_COMPONENT: &AsciiSet = &PATH_SEGMENT.remove(b'.');

/// Percent-encodes `value` for use as one path segment.
///
/// Every byte except ASCII `A-Z a-z 0-9 - _ ~` is encoded, including `.`, so
/// the result never contains `/`, `?`, `#` or `.`. The results for `.` and
/// `..` (`%2E`, `%2E%2E`) still act as dot-segments in a URL: never use them
/// as a whole segment (generated code goes through
/// [`fill_path`](crate::request::fill_path), which refuses them).
///
/// ```
/// use huaweicloud_sdk_core::encode::path_segment;
/// assert_eq!(path_segment("a/b c"), "a%2Fb%20c");
/// assert_eq!(path_segment(".."), "%2E%2E");
/// ```
#[must_use]
pub fn path_segment(value: &str) -> String {
    utf8_percent_encode(value, PATH_SEGMENT).to_string()
}

/// Percent-encodes `value` for use as a query key or value.
///
/// Every byte except the unreserved ASCII characters `A-Z a-z 0-9 - _ . ~`
/// is encoded, so `&`, `=`, `+` and `#` can never split or end the query.
///
/// ```
/// use huaweicloud_sdk_core::encode::query_component;
/// assert_eq!(query_component("a&b=c+d"), "a%26b%3Dc%2Bd");
/// assert_eq!(query_component("v1.2"), "v1.2");
/// ```
#[must_use]
pub fn query_component(value: &str) -> String {
    utf8_percent_encode(value, QUERY_COMPONENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use percent_encoding::percent_decode_str;
    use proptest::prelude::*;

    /// Checks that `encoded` consists only of `allowed` characters and
    /// well-formed `%XX` escapes with upper-case hex digits.
    fn only_allowed(encoded: &str, allowed: impl Fn(char) -> bool) -> bool {
        let mut chars = encoded.chars();
        while let Some(c) = chars.next() {
            if c == '%' {
                let hex = |c: Option<char>| {
                    c.is_some_and(|c| c.is_ascii_digit() || ('A'..='F').contains(&c))
                };
                if !hex(chars.next()) || !hex(chars.next()) {
                    return false;
                }
            } else if !allowed(c) {
                return false;
            }
        }
        true
    }

    fn path_allowed(c: char) -> bool {
        c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '~')
    }

    fn query_allowed(c: char) -> bool {
        path_allowed(c) || c == '.'
    }

    /// Checks what every encoding must do with `value`: give only `allowed` characters and
    /// escapes, and decode back to `value`.
    fn escapes_and_round_trips(
        encode: fn(&str) -> String,
        allowed: fn(char) -> bool,
        value: &str,
    ) -> Result<(), TestCaseError> {
        let encoded = encode(value);
        prop_assert!(only_allowed(&encoded, allowed), "{encoded:?}");
        let decoded = percent_decode_str(&encoded).decode_utf8().ok();
        prop_assert_eq!(decoded.as_deref(), Some(value));
        Ok(())
    }

    /// Checks that `encode` turns each value of `cases` into its encoding.
    fn encodes(encode: fn(&str) -> String, cases: &[(&str, &str)]) {
        for (value, encoded) in cases {
            assert_eq!(encode(value), *encoded, "{value:?}");
        }
    }

    #[test]
    fn path_segment_encodes_reserved_characters() {
        encodes(
            path_segment,
            &[
                ("/", "%2F"),
                ("?", "%3F"),
                ("#", "%23"),
                (" ", "%20"),
                (".", "%2E"),
                ("..", "%2E%2E"),
                ("%", "%25"),
                ("+&=", "%2B%26%3D"),
            ],
        );
    }

    #[test]
    fn path_segment_keeps_unreserved_characters() {
        assert_eq!(
            path_segment("AZaz09-_~"),
            "AZaz09-_~",
            "letters, digits and -_~ stay as they are"
        );
        assert_eq!(path_segment(""), "");
    }

    #[test]
    fn path_segment_encodes_utf8_bytes() {
        encodes(
            path_segment,
            &[("é", "%C3%A9"), ("数据", "%E6%95%B0%E6%8D%AE")],
        );
    }

    #[test]
    fn query_component_keeps_dot_and_encodes_the_rest() {
        encodes(
            query_component,
            &[
                ("1.5", "1.5"),
                ("a b", "a%20b"),
                ("a&b=c", "a%26b%3Dc"),
                ("+", "%2B"),
                ("#/?", "%23%2F%3F"),
                ("é", "%C3%A9"),
            ],
        );
    }

    proptest! {
        #[test]
        fn path_segment_output_is_unreserved_or_escaped_and_round_trips(
            value in any::<String>()
        ) {
            escapes_and_round_trips(path_segment, path_allowed, &value)?;
        }

        #[test]
        fn path_segment_never_contains_structural_characters(
            value in "[./?#a-z%]{0,16}|\\PC{0,16}"
        ) {
            let encoded = path_segment(&value);
            prop_assert!(
                !encoded.contains(['/', '?', '#', '.']),
                "{value:?} encoded to {encoded:?}"
            );
        }

        #[test]
        fn query_component_output_is_unreserved_or_escaped_and_round_trips(
            value in any::<String>()
        ) {
            escapes_and_round_trips(query_component, query_allowed, &value)?;
        }
    }
}
