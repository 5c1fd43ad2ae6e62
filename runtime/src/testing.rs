//! Helpers for the tests of generated crates.
//!
//! [`round_trip`] checks that a generated model decodes an example body from
//! the API reference and encodes it back without losing or changing
//! anything.

use serde_json::{Map, Number, Value};

use crate::request::join_path;
use crate::response::json_message;

/// Decodes `json` as a `T`, encodes it again, and checks that nothing was
/// lost or changed.
///
/// A field that is `null` and one that is absent count as the same, and
/// numbers compare by value (`1` equals `1.0`).
///
/// ```
/// use huaweicloud_sdk_core::testing::round_trip;
///
/// #[derive(serde::Deserialize, serde::Serialize)]
/// struct Total {
///     total: i64,
/// }
///
/// assert!(round_trip::<Total>(r#"{"total": 3}"#).is_ok());
/// assert_eq!(
///     round_trip::<Total>(r#"{"total": 3, "extra": 1}"#).err().as_deref(),
///     Some("`extra` was lost in re-encoding (the input had 1)")
/// );
/// ```
///
/// # Errors
///
/// Returns a message saying what went wrong: `json` is not JSON, it does not
/// decode as a `T` (naming the path), `T` does not encode, or the first JSON
/// path where the re-encoded value differs from the input.
pub fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(
    json: &str,
) -> Result<T, String> {
    let type_name = std::any::type_name::<T>();
    let original: Value =
        serde_json::from_str(json).map_err(|e| format!("the input is not JSON: {e}"))?;

    let mut deserializer = serde_json::Deserializer::from_str(json);
    let decoded: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        format!(
            "could not decode {type_name} at {}: {}",
            describe(&e.path().to_string()),
            json_message(e.inner())
        )
    })?;
    deserializer
        .end()
        .map_err(|e| format!("could not decode {type_name}: {e}"))?;

    let encoded = serde_json::to_value(&decoded)
        .map_err(|e| format!("could not re-encode {type_name}: {e}"))?;
    match first_difference("", &original, &encoded) {
        Some(difference) => Err(difference),
        None => Ok(decoded),
    }
}

/// [`round_trip`], for a test: panics with its message when the example does
/// not round-trip.
///
/// # Panics
///
/// When [`round_trip`] returns an error.
#[track_caller]
pub fn assert_round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) {
    if let Err(message) = round_trip::<T>(json) {
        panic!("{message}");
    }
}

/// An HTTP response with `status`, an `X-Request-Id: example` header and
/// `json` as its body: an example response from the API reference, to feed to
/// a generated `parse_response`.
///
/// # Panics
///
/// When `status` is not a valid HTTP status code (100 to 999).
#[track_caller]
#[must_use]
pub fn example_response(status: u16, json: &str) -> http::Response<Vec<u8>> {
    match http::Response::builder()
        .status(status)
        .header("X-Request-Id", "example")
        .body(json.as_bytes().to_vec())
    {
        Ok(response) => response,
        Err(e) => panic!("cannot build a response with status {status}: {e}"),
    }
}

/// Names a path in a message.
fn describe(path: &str) -> String {
    if path.is_empty() || path == "." {
        "the top level".to_owned()
    } else {
        format!("`{path}`")
    }
}

/// The first difference between the input and the re-encoded value, if any.
fn first_difference(path: &str, input: &Value, output: &Value) -> Option<String> {
    match (input, output) {
        (Value::Object(input), Value::Object(output)) => object_difference(path, input, output),
        (Value::Array(input), Value::Array(output)) => {
            let common = input.iter().zip(output).enumerate();
            for (index, (a, b)) in common {
                let difference = first_difference(&format!("{path}[{index}]"), a, b);
                if difference.is_some() {
                    return difference;
                }
            }
            (input.len() != output.len()).then(|| {
                format!(
                    "{} has {} items in the input but {} after re-encoding",
                    describe(path),
                    input.len(),
                    output.len()
                )
            })
        }
        (Value::Number(a), Value::Number(b)) if numbers_equal(a, b) => None,
        _ if input == output => None,
        _ => Some(format!(
            "{} differs: the input had {input} but re-encoding gave {output}",
            describe(path)
        )),
    }
}

/// The first difference between two objects, where `null` and absent fields
/// count as the same.
fn object_difference(
    path: &str,
    input: &Map<String, Value>,
    output: &Map<String, Value>,
) -> Option<String> {
    for (key, value) in input.iter().filter(|(_, v)| !v.is_null()) {
        let field = join_path(path, key);
        let Some(encoded) = present(output, key) else {
            return Some(format!(
                "{} was lost in re-encoding (the input had {value})",
                describe(&field)
            ));
        };
        let difference = first_difference(&field, value, encoded);
        if difference.is_some() {
            return difference;
        }
    }
    output
        .iter()
        .filter(|(key, value)| !value.is_null() && present(input, key).is_none())
        .map(|(key, value)| {
            format!(
                "{} was not in the input but re-encoding gave {value}",
                describe(&join_path(path, key))
            )
        })
        .next()
}

/// The field `key` of `map`, unless it is absent or `null`.
fn present<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|value| !value.is_null())
}

/// Whether two JSON numbers have the same value, so `1` equals `1.0`.
#[allow(clippy::float_cmp)]
fn numbers_equal(a: &Number, b: &Number) -> bool {
    if let (Some(a), Some(b)) = (a.as_i64(), b.as_i64()) {
        return a == b;
    }
    if let (Some(a), Some(b)) = (a.as_u64(), b.as_u64()) {
        return a == b;
    }
    match (a.as_f64(), b.as_f64()) {
        (Some(a), Some(b)) => a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    struct Clusters {
        clusters: Vec<Cluster>,
    }

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    struct Cluster {
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        detail: Detail,
    }

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    struct Detail {
        total: f64,
    }

    /// Drops `total` above 100, and always encodes `name`, to force
    /// differences.
    #[derive(Debug, Deserialize, Serialize)]
    struct Lossy {
        #[serde(default)]
        name: Option<String>,
        #[serde(deserialize_with = "clamp")]
        total: i64,
    }

    fn clamp<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        i64::deserialize(d).map(|n| n.min(100))
    }

    #[test]
    fn passes_when_nothing_changes() {
        let decoded = round_trip::<Clusters>(
            r#"{"clusters":[{"name":"a","detail":{"total":1.5}},{"detail":{"total":2}}]}"#,
        );
        assert_eq!(
            decoded,
            Ok(Clusters {
                clusters: vec![
                    Cluster {
                        name: Some("a".to_owned()),
                        detail: Detail { total: 1.5 }
                    },
                    Cluster {
                        name: None,
                        detail: Detail { total: 2.0 }
                    },
                ]
            })
        );
    }

    #[test]
    fn null_and_absent_are_the_same() {
        // The input has `name: null`; re-encoding leaves it out.
        assert!(
            round_trip::<Clusters>(r#"{"clusters":[{"name":null,"detail":{"total":1}}]}"#).is_ok()
        );
        // The input leaves `name` out; re-encoding gives `name: null`.
        assert!(round_trip::<Lossy>(r#"{"total":5}"#).is_ok());
        assert!(round_trip::<Lossy>(r#"{"total":5,"name":null}"#).is_ok());
    }

    #[test]
    fn numbers_compare_by_value() {
        // `total` is an f64, so `1` comes back as `1.0`.
        assert!(round_trip::<Detail>(r#"{"total":1}"#).is_ok());
        assert!(numbers_equal(
            &Number::from(1),
            &Number::from_f64(1.0).unwrap()
        ));
        assert!(numbers_equal(
            &Number::from(u64::MAX),
            &Number::from(u64::MAX)
        ));
        assert!(!numbers_equal(&Number::from(-1), &Number::from(u64::MAX)));
        assert!(!numbers_equal(
            &Number::from(1),
            &Number::from_f64(1.5).unwrap()
        ));
    }

    #[test]
    fn fails_on_a_lost_field() {
        assert_eq!(
            round_trip::<Clusters>(
                r#"{"clusters":[{"detail":{"total":1}},{"detail":{"total":1,"unit":"GB"}}]}"#
            ),
            Err(
                "`clusters[1].detail.unit` was lost in re-encoding (the input had \"GB\")"
                    .to_owned()
            )
        );
    }

    #[test]
    fn fails_on_a_changed_number() {
        assert_eq!(
            round_trip::<Lossy>(r#"{"total":101}"#).err().as_deref(),
            Some("`total` differs: the input had 101 but re-encoding gave 100")
        );
        let nested = round_trip::<BTreeMap<String, Vec<Lossy>>>(
            r#"{"clusters":[{"total":1},{"total":250}]}"#,
        );
        assert_eq!(
            nested.err().as_deref(),
            Some("`clusters[1].total` differs: the input had 250 but re-encoding gave 100")
        );
    }

    #[test]
    fn fails_on_an_added_field() {
        #[derive(Deserialize, Serialize)]
        struct Defaulted {
            #[serde(default)]
            count: i64,
        }
        assert_eq!(
            round_trip::<Defaulted>("{}").err().as_deref(),
            Some("`count` was not in the input but re-encoding gave 0")
        );
    }

    #[test]
    fn fails_on_changed_array_length() {
        #[derive(Deserialize, Serialize)]
        struct FirstOnly(#[serde(deserialize_with = "first")] Vec<i64>);
        fn first<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<i64>, D::Error> {
            Vec::<i64>::deserialize(d).map(|mut v| {
                v.truncate(1);
                v
            })
        }
        assert_eq!(
            round_trip::<FirstOnly>("[1, 2, 3]").err().as_deref(),
            Some("the top level has 3 items in the input but 1 after re-encoding")
        );
    }

    #[test]
    fn fails_when_the_input_is_not_json() {
        assert_eq!(
            round_trip::<Detail>("{total: 1}").err().as_deref(),
            Some("the input is not JSON: key must be a string at line 1 column 2")
        );
    }

    #[test]
    fn fails_when_the_input_does_not_decode() {
        let error = round_trip::<Clusters>(r#"{"clusters":[{"detail":{"total":"x"}}]}"#);
        assert_eq!(
            error.err().as_deref(),
            Some(
                "could not decode huaweicloud_sdk_core::testing::tests::Clusters at \
                 `clusters[0].detail.total`: invalid type: string \"x\", expected f64"
            )
        );
        let error = round_trip::<Detail>("{}");
        assert_eq!(
            error.err().as_deref(),
            Some(
                "could not decode huaweicloud_sdk_core::testing::tests::Detail at \
                 the top level: missing field `total`"
            )
        );
    }

    #[test]
    fn fails_on_a_changed_type() {
        assert_eq!(
            round_trip::<Value>(r#"{"a":[true]}"#).map(|_| ()),
            Ok(()),
            "a Value always round-trips"
        );
        #[derive(Deserialize, Serialize)]
        struct Stringly {
            #[serde(deserialize_with = "stringify")]
            a: String,
        }
        fn stringify<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
            bool::deserialize(d).map(|b| b.to_string())
        }
        assert_eq!(
            round_trip::<Stringly>(r#"{"a":true}"#).err().as_deref(),
            Some("`a` differs: the input had true but re-encoding gave \"true\"")
        );
    }
}
