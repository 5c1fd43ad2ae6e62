//! Typed leaves: values the YAML writes as text and the model parses once, when the file is read.
//!
//! A leaf that does not parse does not stop the reading of its file: [`Parsed`] keeps the text,
//! where it was written and why it could not be read, so that the checks report every such
//! problem of every file at once, with its location.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_saphyr::{Location, Spanned};

/// A leaf as written (with its place in the file) and what it means, or why it means nothing.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    /// The text as written, with its location.
    pub text: Spanned<String>,
    /// The parsed value, or what the text should look like.
    pub parsed: Result<T, String>,
}

impl<T: FromStr<Err = String>> Parsed<T> {
    /// Parses `text` (for values built in code rather than read: no location).
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        Parsed {
            parsed: text.parse(),
            text: Spanned::new(text, Location::UNKNOWN, Location::UNKNOWN),
        }
    }
}

impl<T> Parsed<T> {
    /// The value, when the text parsed.
    pub fn ok(&self) -> Option<&T> {
        self.parsed.as_ref().ok()
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text.value
    }

    /// Line and column of the text, when the reader recorded them.
    pub fn loc(&self) -> Option<(u64, u64)> {
        crate::read::loc(&self.text)
    }
}

impl<'de, T: FromStr<Err = String>> Deserialize<'de> for Parsed<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = Spanned::<String>::deserialize(d)?;
        Ok(Parsed {
            parsed: text.value.parse(),
            text,
        })
    }
}

impl<T> Serialize for Parsed<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.text.value.serialize(s)
    }
}

/// Declares a closed set of words (`GET`, `POST`, ...) as an enum with its text form.
macro_rules! words {
    ($(#[$meta:meta])* $name:ident, $err:expr, { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in the order the spec documents them.
            pub const ALL: &[$name] = &[$($name::$variant,)+];

            /// The word as the spec writes it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The words, joined for messages (`GET, POST, ...`).
            pub fn expected() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| ($err)(s, Self::expected()))
            }
        }
    };
}

words! {
    /// An HTTP method an operation may use.
    Method, |s, all| format!("unknown HTTP method '{s}': expected one of {all}"), {
        /// `GET`.
        Get = "GET",
        /// `POST`.
        Post = "POST",
        /// `PUT`.
        Put = "PUT",
        /// `DELETE`.
        Delete = "DELETE",
        /// `PATCH`.
        Patch = "PATCH",
        /// `HEAD`.
        Head = "HEAD",
        /// `OPTIONS`.
        Options = "OPTIONS",
    }
}

words! {
    /// What an enumeration's values are.
    EnumKind, |s, _| format!("enumeration type '{s}' must be String, Integer or Long"), {
        /// Strings.
        String = "String",
        /// 32-bit integers.
        Integer = "Integer",
        /// 64-bit integers.
        Long = "Long",
    }
}

impl EnumKind {
    /// True for `Integer` and `Long`.
    pub fn is_integer(self) -> bool {
        self != EnumKind::String
    }
}

words! {
    /// Where a request parameter goes: one of the three parameter tables of a page.
    ParamLocation, |s, all| format!("unknown parameter location '{s}': expected one of {all}"), {
        /// In the path template.
        Path = "path",
        /// In the query string.
        Query = "query",
        /// In a request header.
        Header = "header",
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Literal text (`/v2/`).
    Literal(String),
    /// A `{name}` placeholder.
    Param(String),
}

/// A path template (`/v2/{project_id}/db-om/instances`), split into literal text and
/// placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate(pub Vec<Segment>);

impl PathTemplate {
    /// The placeholders, in order.
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.0.iter().filter_map(|s| match s {
            Segment::Param(p) => Some(p.as_str()),
            Segment::Literal(_) => None,
        })
    }
}

impl FromStr for PathTemplate {
    type Err = String;
    fn from_str(template: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut rest = template;
        while !rest.is_empty() {
            let Some(i) = rest.find(['{', '}']) else {
                parts.push(Segment::Literal(rest.to_owned()));
                break;
            };
            if rest.as_bytes()[i] == b'}' {
                return Err(format!("unmatched '}}' in path template '{template}'"));
            }
            if i > 0 {
                parts.push(Segment::Literal(rest[..i].to_owned()));
            }
            let after = &rest[i + 1..];
            let unclosed = || format!("unclosed '{{' in path template '{template}'");
            let end = after.find('}').ok_or_else(unclosed)?;
            let name = &after[..end];
            if name.contains('{') {
                return Err(unclosed());
            }
            if name.is_empty() {
                return Err(format!(
                    "empty placeholder '{{}}' in path template '{template}'"
                ));
            }
            parts.push(Segment::Param(name.to_owned()));
            rest = &after[end + 1..];
        }
        Ok(PathTemplate(parts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_read_and_reject() {
        assert_eq!("PATCH".parse(), Ok(Method::Patch));
        assert_eq!(
            "FETCH".parse::<Method>(),
            Err("unknown HTTP method 'FETCH': expected one of GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS".to_owned())
        );
        assert_eq!("Long".parse(), Ok(EnumKind::Long));
        assert!(EnumKind::Long.is_integer() && !EnumKind::String.is_integer());
        assert_eq!(
            "Text".parse::<EnumKind>(),
            Err("enumeration type 'Text' must be String, Integer or Long".to_owned())
        );
        assert_eq!(ParamLocation::Header.to_string(), "header");
    }

    #[test]
    fn path_templates() {
        let t: PathTemplate = "/v2/{project_id}/x/{id}".parse().unwrap();
        assert_eq!(t.params().collect::<Vec<_>>(), ["project_id", "id"]);
        assert_eq!(
            t.0[0],
            Segment::Literal("/v2/".into()),
            "literal text is kept"
        );
        for bad in ["/a/{", "/a/}", "/a/{}", "/a/{b{c}"] {
            assert!(bad.parse::<PathTemplate>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_leaf_that_does_not_parse_keeps_its_text() {
        let m: Parsed<Method> = Parsed::new("FETCH");
        assert_eq!(m.as_str(), "FETCH");
        assert!(m.ok().is_none());
        let m: Parsed<Method> = serde_saphyr::from_str("GET").unwrap();
        assert_eq!(m.ok(), Some(&Method::Get));
        assert_eq!(serde_saphyr::to_string(&m).unwrap().trim(), "GET");
    }
}
