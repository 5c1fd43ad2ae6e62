//! `Deserialize` for the generated structs, written once here.
//!
//! `#[derive(Deserialize)]` writes, for every struct, a field enum, a field visitor (over
//! strings, bytes and indices), a visitor over maps and one over sequences, and a check for
//! duplicate keys: about twenty lines a field, which the compiler type- and borrow-checks once
//! per struct. A generated struct instead names its fields to
//! [`object_deserialize!`](crate::object_deserialize), which writes two small functions (the
//! index of a key, and reading the value at an index into the field) and leaves the loop over
//! the map to [`deserialize_object`], compiled once per deserializer.
//!
//! What it reads is what the derive read for structs whose fields are all `Option`s (every
//! generated struct's): a missing key or `null` leaves `None`; a key the struct does not name
//! is skipped. Two things differ, both as Go's `encoding/json` (the official Go SDK's decoder)
//! reads: a key given twice keeps its last value rather than failing, and a JSON array is not
//! read as the struct's fields in order. (A third, outside JSON: a format that gives a key as a
//! number has it skipped, where the derive read the field at that position.)

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, Visitor};

/// A struct [`deserialize_object`] reads; implemented by
/// [`object_deserialize!`](crate::object_deserialize).
pub trait Object: Default {
    /// The struct's name, for messages (`expected struct AuditInstance`).
    const NAME: &'static str;
    /// The wire names of its fields, in order.
    const FIELDS: &'static [&'static str];
    /// The position of the field named `key` on the wire, if the struct has one.
    fn index(key: &str) -> Option<usize>;
    /// Reads the map's next value into the field at `index` (a position `index` gave).
    fn read<'de, A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error>;
}

/// Reads a `T` from a map: each key's value into its field, other keys skipped.
pub fn deserialize_object<'de, T: Object, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, T::FIELDS, ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        while let Some(key) = map.next_key_seed(Key(T::index))? {
            match key {
                Some(index) => value.read(index, &mut map)?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(value)
    }
}

/// A key of the map, read as the position of the field it names (`None`: no such field).
struct Key(fn(&str) -> Option<usize>);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: Error>(self, key: &str) -> Result<Option<usize>, E> {
        Ok((self.0)(key))
    }

    fn visit_bytes<E: Error>(self, key: &[u8]) -> Result<Option<usize>, E> {
        Ok(std::str::from_utf8(key).ok().and_then(self.0))
    }

    /// A key given as a number (formats whose identifiers can be numbers): no field is named
    /// by position, so it is skipped like any key the struct does not have.
    fn visit_u64<E: Error>(self, _key: u64) -> Result<Option<usize>, E> {
        Ok(None)
    }
}

/// Implements [`Object`] and `Deserialize` for a generated struct whose fields are all
/// `Option`s, given each field's name and wire name, in order:
/// `object_deserialize!(Tag { key = "key", r#type = "type" })`. Used by generated code.
#[macro_export]
macro_rules! object_deserialize {
    ($name:ident { $($field:ident = $wire:literal),* $(,)? }) => {
        impl $crate::__private::Object for $name {
            const NAME: &'static str = ::std::stringify!($name);
            const FIELDS: &'static [&'static str] = &[$($wire),*];

            #[allow(unused_assignments, unused_mut, unused_variables)]
            fn index(key: &str) -> ::std::option::Option<usize> {
                let mut index = 0;
                $(
                    if key == $wire {
                        return ::std::option::Option::Some(index);
                    }
                    index += 1;
                )*
                ::std::option::Option::None
            }

            #[allow(unused_assignments, unused_mut, unused_variables)]
            fn read<'de, A: $crate::__private::serde::de::MapAccess<'de>>(
                &mut self,
                index: usize,
                map: &mut A,
            ) -> ::std::result::Result<(), A::Error> {
                let mut at = 0;
                $(
                    if index == at {
                        self.$field = map.next_value()?;
                        return ::std::result::Result::Ok(());
                    }
                    at += 1;
                )*
                map.next_value::<$crate::__private::serde::de::IgnoredAny>()?;
                ::std::result::Result::Ok(())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::__private::deserialize_object(deserializer)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Default, PartialEq, Deserialize)]
    struct Derived {
        key: Option<String>,
        #[serde(rename = "type")]
        r#type: Option<i32>,
        tags: Option<Vec<DerivedInner>>,
    }

    #[derive(Debug, Default, PartialEq, Deserialize)]
    struct DerivedInner {
        value: Option<bool>,
    }

    #[derive(Debug, Default, PartialEq)]
    struct Tag {
        key: Option<String>,
        r#type: Option<i32>,
        tags: Option<Vec<Inner>>,
    }

    #[derive(Debug, Default, PartialEq)]
    struct Inner {
        value: Option<bool>,
    }

    crate::object_deserialize!(Tag { key = "key", r#type = "type", tags = "tags" });
    crate::object_deserialize!(Inner { value = "value" });

    #[derive(Debug, Default)]
    struct Empty {}

    crate::object_deserialize!(Empty {});

    fn ours(json: &str) -> Result<Tag, String> {
        serde_json::from_str::<Tag>(json).map_err(|e| e.to_string())
    }

    fn derived(json: &str) -> Result<Derived, String> {
        serde_json::from_str::<Derived>(json).map_err(|e| e.to_string())
    }

    /// Same value or the same message as `#[derive(Deserialize)]`, on every body but the two
    /// the module names as different.
    #[test]
    fn reads_as_the_derive_reads() {
        for json in [
            r#"{}"#,
            r#"{"key":"a","type":3,"tags":[{"value":true},{}]}"#,
            r#"{"key":null,"type":null,"tags":null}"#,
            r#"{"other":{"deep":[1,2,{"x":null}]},"key":"\u00e9\"","more":7}"#,
            r#"{"key":1}"#,
            r#"{"type":"3"}"#,
            r#"{"tags":[{"value":"yes"}]}"#,
            r#"{"key":"a""#,
            r#""text""#,
            r#"7"#,
            r#"null"#,
            r#"{"k\u0065y":"escaped key"}"#,
        ] {
            let ours = ours(json).map(|t| format!("{:?} {:?} {:?}", t.key, t.r#type, t.tags));
            let derived = derived(json).map(|t| {
                let tags = t.tags.map(|v| {
                    v.into_iter()
                        .map(|i| Inner { value: i.value })
                        .collect::<Vec<_>>()
                });
                format!("{:?} {:?} {:?}", t.key, t.r#type, tags)
            });
            let derived = derived.map_err(|e| e.replace("struct Derived", "struct Tag"));
            assert_eq!(ours, derived, "{json}");
        }
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value_and_an_array_is_refused() {
        let t = ours(r#"{"key":"a","key":"b"}"#).unwrap();
        assert_eq!(t.key.as_deref(), Some("b"));
        let e = ours(r#"["a", 1, null]"#).unwrap_err();
        assert!(e.contains("expected struct Tag"), "{e}");
        // A struct with no fields reads any object, and nothing else.
        assert!(serde_json::from_str::<Empty>(r#"{"a":{"b":[1]},"c":null}"#).is_ok());
        let e = serde_json::from_str::<Empty>("[]").unwrap_err().to_string();
        assert!(e.contains("expected struct Empty"), "{e}");
    }

    #[test]
    fn a_key_given_as_a_number_is_skipped() {
        use serde::de::value::{Error as ValueError, MapDeserializer};
        let map = MapDeserializer::<_, ValueError>::new(
            vec![(0u64, "zero"), (7u64, "seven")].into_iter(),
        );
        let t = Tag::deserialize(map).unwrap();
        assert_eq!(t, Tag::default());
    }

    #[test]
    fn an_error_names_the_field_path() {
        let mut de = serde_json::Deserializer::from_str(r#"{"tags":[{},{"value":5}]}"#);
        let e = serde_path_to_error::deserialize::<_, Tag>(&mut de).unwrap_err();
        assert_eq!(e.path().to_string(), "tags[1].value");
    }
}
