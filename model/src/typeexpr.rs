//! Type strings as API reference pages write them (`Array of Cluster objects`), parsed.

/// A parsed page type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    /// `String`.
    String,
    /// `Integer` (32-bit, as the official SDKs read it).
    Integer,
    /// `Long` (64-bit).
    Long,
    /// `Float`.
    Float,
    /// `Double` or `Number`.
    Double,
    /// `Boolean`.
    Boolean,
    /// `Object` with no table: any JSON.
    Json,
    /// `X object`, or a bare name: a named table.
    Named(String),
    /// `Array of ...`.
    Array(Box<TypeExpr>),
    /// `Map<String,X>`.
    Map(Box<TypeExpr>),
}

/// Primitive type names and their plural forms (`Array of strings`).
const PRIMITIVES: &[(&str, &str, TypeExpr)] = &[
    ("String", "strings", TypeExpr::String),
    ("Integer", "integers", TypeExpr::Integer),
    ("Long", "longs", TypeExpr::Long),
    ("Float", "floats", TypeExpr::Float),
    ("Double", "doubles", TypeExpr::Double),
    ("Number", "numbers", TypeExpr::Double),
    ("Boolean", "booleans", TypeExpr::Boolean),
    ("Object", "objects", TypeExpr::Json),
];

/// The primitive names, for suggestions.
pub fn primitive_names() -> impl Iterator<Item = &'static str> {
    PRIMITIVES.iter().map(|p| p.0)
}

impl TypeExpr {
    /// Parses a page type string. `Err` says what the text should look like.
    pub fn parse(text: &str) -> Result<TypeExpr, String> {
        let t = text.trim();
        if t.is_empty() {
            return Err("empty type".into());
        }
        if let Some(rest) = t.strip_prefix("Array of ") {
            return Ok(TypeExpr::Array(Box::new(Self::parse_element(rest)?)));
        }
        if let Some(inner) = t.strip_prefix("Map<").and_then(|r| r.strip_suffix('>')) {
            let (key, value) = inner
                .split_once(',')
                .ok_or_else(|| format!("cannot read type '{t}': expected Map<String,X>"))?;
            if key.trim() != "String" {
                return Err(format!("cannot read type '{t}': map keys must be String"));
            }
            return Ok(TypeExpr::Map(Box::new(Self::parse(value)?)));
        }
        if let Some(p) = PRIMITIVES.iter().find(|p| p.0.eq_ignore_ascii_case(t)) {
            return Ok(p.2.clone());
        }
        let name = t.strip_suffix(" object").unwrap_or(t).trim();
        Self::named(name, t)
    }

    /// The element of `Array of ...`: `X objects`, `strings`, `String`, `Array of ...`.
    fn parse_element(rest: &str) -> Result<TypeExpr, String> {
        let rest = rest.trim();
        if rest.starts_with("Array of ") || rest.starts_with("Map<") {
            return Self::parse(rest);
        }
        if let Some(p) = PRIMITIVES
            .iter()
            .find(|p| p.1.eq_ignore_ascii_case(rest) || p.0.eq_ignore_ascii_case(rest))
        {
            return Ok(p.2.clone());
        }
        let name = rest
            .strip_suffix(" objects")
            .or_else(|| rest.strip_suffix(" object"))
            .unwrap_or(rest)
            .trim();
        Self::named(name, rest)
    }

    fn named(name: &str, whole: &str) -> Result<TypeExpr, String> {
        let ok = !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if ok {
            Ok(TypeExpr::Named(name.to_owned()))
        } else {
            Err(format!(
                "cannot read type '{whole}': expected String, Integer, Long, Float, Double, Boolean, Object, \
                 'X object', 'Array of X objects', 'Array of strings' or 'Map<String,X>'"
            ))
        }
    }

    /// The named table this type refers to, if any (looking through arrays and maps).
    pub fn named_ref(&self) -> Option<&str> {
        match self {
            TypeExpr::Named(n) => Some(n),
            TypeExpr::Array(inner) | TypeExpr::Map(inner) => inner.named_ref(),
            _ => None,
        }
    }

    /// The page's word for this type, for messages.
    pub fn describe(&self) -> String {
        match self {
            TypeExpr::String => "String".into(),
            TypeExpr::Integer => "Integer".into(),
            TypeExpr::Long => "Long".into(),
            TypeExpr::Float => "Float".into(),
            TypeExpr::Double => "Double".into(),
            TypeExpr::Boolean => "Boolean".into(),
            TypeExpr::Json => "Object".into(),
            TypeExpr::Named(n) => format!("{n} object"),
            TypeExpr::Array(i) => format!("Array of {}", i.describe()),
            TypeExpr::Map(i) => format!("Map<String,{}>", i.describe()),
        }
    }
}

impl std::str::FromStr for TypeExpr {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        TypeExpr::parse(text)
    }
}

#[cfg(test)]
mod tests {
    use super::TypeExpr::{self, *};

    fn named(n: &str) -> TypeExpr {
        Named(n.into())
    }

    #[test]
    fn reads_the_page_forms() {
        let cases = [
            ("String", String),
            ("Long", Long),
            ("Integer", Integer),
            ("Boolean", Boolean),
            ("Object", Json),
            ("ServerList object", named("ServerList")),
            (
                "Array of Cluster objects",
                Array(Box::new(named("Cluster"))),
            ),
            ("Array of strings", Array(Box::new(String))),
            ("Array of String", Array(Box::new(String))),
            ("Array of integers", Array(Box::new(Integer))),
            (
                "Array of Array of strings",
                Array(Box::new(Array(Box::new(String)))),
            ),
            ("Map<String,String>", Map(Box::new(String))),
            ("Clustr", named("Clustr")),
        ];
        for (text, want) in cases {
            assert_eq!(TypeExpr::parse(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn rejects_what_it_cannot_read() {
        for text in [
            "",
            "Array of ",
            "Map<Integer,String>",
            "X-Y object",
            "List<String>",
        ] {
            assert!(TypeExpr::parse(text).is_err(), "{text}");
        }
    }
}
