//! Names: the one place that turns wire names into Rust identifiers.
//!
//! Keywords and names that clash with generated helpers get `_` appended (`type` -> `type_`,
//! `Self` -> `Self_`; `r#` cannot spell `self`, `Self`, `super` or `crate`). Two wire names
//! that map to one Rust name are a collision, reported by [`Namespace`].

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords of edition 2024, strict and reserved (`gen` included).
const KEYWORDS: &[&str] = &[
    "as",
    "async",
    "await",
    "break",
    "const",
    "continue",
    "crate",
    "dyn",
    "else",
    "enum",
    "extern",
    "false",
    "fn",
    "for",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "match",
    "mod",
    "move",
    "mut",
    "pub",
    "ref",
    "return",
    "self",
    "Self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "type",
    "unsafe",
    "use",
    "where",
    "while",
    "abstract",
    "become",
    "box",
    "do",
    "final",
    "gen",
    "macro",
    "override",
    "priv",
    "try",
    "typeof",
    "unsized",
    "virtual",
    "yield",
    "union",
    "macro_rules",
    "raw",
    "safe",
];

/// Type names that would shadow the prelude or types the generated code names.
const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "From",
    "Into",
    "Iterator",
    "ToString",
    "ToOwned",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "UnknownValue",
    "ErrorCode",
    "Serialize",
    "Deserialize",
    "Infallible",
    "BTreeMap",
    "Value",
];

/// Snake-case name of a field or parameter.
pub fn field_name(wire: &str) -> String {
    let snake = wire.to_snake_case();
    let snake = if snake.is_empty() {
        "field".to_owned()
    } else {
        snake
    };
    escape(if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{snake}")
    } else {
        snake
    })
}

/// UpperCamelCase name of a type.
pub fn type_name(wire: &str) -> String {
    let camel = upper_camel(wire, "Type", "T");
    if RESERVED_TYPES.contains(&camel.as_str()) {
        format!("{camel}_")
    } else {
        escape(camel)
    }
}

/// UpperCamelCase name of an enum variant for a string value (`CLOUD` -> `Cloud`).
pub fn variant_name(value: &str) -> String {
    let camel = upper_camel(value, "Empty", "V");
    // `Unknown` is the variant that keeps undocumented values.
    if camel == "Unknown" {
        return "Unknown_".to_owned();
    }
    escape(camel)
}

/// `text` in UpperCamelCase; `empty` when nothing is left of it, `prefix` before a leading digit.
fn upper_camel(text: &str, empty: &str, prefix: &str) -> String {
    let camel = text.to_upper_camel_case();
    if camel.is_empty() {
        empty.to_owned()
    } else if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{camel}")
    } else {
        camel
    }
}

/// Variant name for an integer value with no name in the spec (`Value1`, `ValueMinus1`).
pub fn integer_variant_name(value: i64) -> String {
    if value < 0 {
        format!("ValueMinus{}", value.unsigned_abs())
    } else {
        format!("Value{value}")
    }
}

/// Module / file name of a type or operation (`ListInstances` -> `list_instances`).
pub fn module_name(name: &str) -> String {
    escape(name.trim_end_matches('_').to_snake_case())
}

/// Appends `_` to keywords and to names in `reserved`.
pub fn escape_reserved(name: String, reserved: &[&str]) -> String {
    if reserved.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        escape(name)
    }
}

fn escape(name: String) -> String {
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// True when `name` can be used as a Rust identifier as it is.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
        && !KEYWORDS.contains(&name)
}

/// Spec name of an inline body's type when the spec gives none: `{Op}RequestBody` for the
/// request, `{Op}Response` for a success, `{Op}{status}Response` for other statuses.
pub fn default_body_name(op_id: &str, status: Option<u16>) -> String {
    match status {
        None => format!("{op_id}RequestBody"),
        Some(s) if (200..300).contains(&s) => format!("{op_id}Response"),
        Some(s) => format!("{op_id}{s}Response"),
    }
}

/// Tracks the Rust names used in one scope and reports two wire names that map to one.
#[derive(Debug, Default)]
pub struct Namespace {
    used: BTreeMap<String, String>,
}

impl Namespace {
    /// Claims `rust` for `wire`. On a collision returns the wire name that already has it.
    pub fn claim(&mut self, rust: &str, wire: &str) -> Result<(), String> {
        match self.used.get(rust) {
            Some(other) => Err(other.clone()),
            None => {
                self.used.insert(rust.to_owned(), wire.to_owned());
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_become_identifiers() {
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("gen"), "gen_");
        assert_eq!(field_name("X-Auth-Token"), "x_auth_token");
        assert_eq!(field_name("isActive"), "is_active");
        assert_eq!(field_name("2fa"), "n2fa");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(type_name("Option"), "Option_");
        assert_eq!(type_name("cluster_info"), "ClusterInfo");
        assert_eq!(variant_name("CLOUD"), "Cloud");
        assert_eq!(variant_name("Unknown"), "Unknown_");
        assert_eq!(variant_name("1.0"), "V10");
        assert_eq!(integer_variant_name(-1), "ValueMinus1");
        assert_eq!(module_name("ListInstances"), "list_instances");
        assert_eq!(module_name("Self_"), "self_");
        assert_eq!(escape_reserved("build".into(), &["build"]), "build_");
    }

    #[test]
    fn namespace_reports_collisions() {
        let mut ns = Namespace::default();
        assert_eq!(ns.claim("foo_bar", "fooBar"), Ok(()));
        assert_eq!(ns.claim("foo_bar", "foo_bar"), Err("fooBar".to_owned()));
    }
}
