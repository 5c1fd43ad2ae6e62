//! A memory budget for decoding: a serde [`Deserializer`] wrapper that charges what the decoded
//! value will hold on the heap against a limit, and stops the decode when it would pass it.
//!
//! Without it, a few bytes of JSON can stand for a large value: each `{}` (3 bytes with its
//! comma) in `clusters` is a whole `Cluster` of several hundred bytes, and a `Vec` keeps up to
//! twice its length in capacity, so 8 MB of `{},{},...` once took 2.1 GB. The wrapper sees every
//! element, entry, struct and string as the value is built, with its Rust type, and charges:
//!
//! * the elements of a sequence: the capacity a `Vec` of them grows to, as it grows;
//! * an entry of a map (`HashMap`, `BTreeMap`, `serde_json::Value` objects): twice the key's
//!   and the value's size, and [`MAP_CHARGE`] for each map (a B-tree node);
//! * a string or byte string that is copied: its length rounded up as an allocator does;
//!   field names are not copied and cost nothing; a string read through `deserialize_str` (an
//!   open enum's value) is charged as if copied, even when it is borrowed: a little more than it
//!   costs, never less.
//!
//! A struct or enum value is inside its parent (a field, an element), so it costs nothing of its
//! own; a `Box` would, and is not charged: the generated models box nothing. If they come to
//! (a recursive type), charge `size_of` of the boxed value in `deserialize_struct`.
//!
//! Each charge is at least what the allocation costs, so the heap a decode holds stays under
//! its budget (the transient copy of a `Vec` while it grows aside). The charges are a few
//! additions per value; no allocation, no path tracking.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};

/// What a map (one B-tree leaf node of `String` keys and `serde_json::Value`s) is charged on
/// top of its entries.
pub(super) const MAP_CHARGE: usize = 640;

/// The bytes left to spend, and whether the decode ran out.
pub(super) struct Budget {
    left: Cell<usize>,
    exceeded: Cell<bool>,
}

impl Budget {
    pub(super) fn new(limit: usize) -> Self {
        Self {
            left: Cell::new(limit),
            exceeded: Cell::new(false),
        }
    }

    /// True when the decode stopped because it would have passed the budget.
    pub(super) fn exceeded(&self) -> bool {
        self.exceeded.get()
    }

    /// Spends `bytes`, or fails the decode when fewer are left.
    #[inline]
    fn charge<E: de::Error>(&self, bytes: usize) -> Result<(), E> {
        match self.left.get().checked_sub(bytes) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => {
                self.exceeded.set(true);
                Err(E::custom("the decoded value would pass its memory budget"))
            }
        }
    }

    /// Wraps a deserializer so that what it builds is charged to this budget.
    pub(super) fn wrap<D>(&self, inner: D) -> Wrap<'_, D> {
        Wrap {
            inner,
            budget: self,
        }
    }

    /// Wraps a seed so that the value it builds is charged to this budget.
    fn seed<S>(&self, inner: S) -> WrapSeed<'_, S> {
        WrapSeed {
            inner,
            budget: self,
        }
    }

    /// Wraps a visitor so that what it is given is charged to this budget, as `kind` says.
    fn visitor<V>(&self, inner: V, kind: Kind) -> WrapVisitor<'_, V> {
        WrapVisitor {
            inner,
            budget: self,
            kind,
        }
    }
}

/// The heap bytes a copied string of `len` bytes takes: nothing when empty, else the length
/// with a header, rounded up to 16 bytes, at least 32 (as glibc's and most allocators' chunks).
fn string_charge(len: usize) -> usize {
    if len == 0 {
        0
    } else {
        len.saturating_add(8).next_multiple_of(16).max(32)
    }
}

/// The capacity a `Vec` of elements of `size` bytes grows to when it is full at `capacity`:
/// twice as much, at least 4 elements (8 of bytes, 1 of elements over 1 KiB), as the standard
/// library grows it.
fn grown_capacity(capacity: usize, size: usize) -> usize {
    let least = match size {
        1 => 8,
        2..=1024 => 4,
        _ => 1,
    };
    capacity.saturating_mul(2).max(capacity + 1).max(least)
}

/// A deserializer whose values are charged to a [`Budget`].
pub(super) struct Wrap<'b, D> {
    inner: D,
    budget: &'b Budget,
}

/// What a visitor charges for the strings and maps it is given.
#[derive(Clone, Copy)]
enum Kind {
    /// A value: copied strings and map entries are charged.
    Value,
    /// A struct (its fields are inside it) or a field name: nothing more is charged.
    Inline,
}

/// A visitor whose nested values are charged to a [`Budget`].
struct WrapVisitor<'b, V> {
    inner: V,
    budget: &'b Budget,
    kind: Kind,
}

/// A seed whose value is charged to a [`Budget`].
struct WrapSeed<'b, S> {
    inner: S,
    budget: &'b Budget,
}

/// Sequence, map and enum access whose values are charged to a [`Budget`].
struct WrapAccess<'b, A> {
    inner: A,
    budget: &'b Budget,
    kind: Kind,
    /// Elements read, of a sequence.
    len: usize,
    /// The capacity charged for them.
    capacity: usize,
}

impl<'b, A> WrapAccess<'b, A> {
    fn new(inner: A, budget: &'b Budget, kind: Kind) -> Self {
        Self {
            inner,
            budget,
            kind,
            len: 0,
            capacity: 0,
        }
    }
}

/// Forwards `deserialize_*` methods, with their arguments and the visitor wrapped to charge
/// what it is given as `kind` says.
macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*) => $kind:ident),* $(,)?) => {
        $(
            #[inline]
            fn $method<V: Visitor<'de>>(
                self,
                $($arg: $ty,)*
                visitor: V,
            ) -> Result<V::Value, D::Error> {
                let visitor = self.budget.visitor(visitor, Kind::$kind);
                self.inner.$method($($arg,)* visitor)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Wrap<'_, D> {
    type Error = D::Error;

    forward_deserialize! {
        deserialize_any() => Value,
        deserialize_bool() => Value,
        deserialize_i8() => Value,
        deserialize_i16() => Value,
        deserialize_i32() => Value,
        deserialize_i64() => Value,
        deserialize_i128() => Value,
        deserialize_u8() => Value,
        deserialize_u16() => Value,
        deserialize_u32() => Value,
        deserialize_u64() => Value,
        deserialize_u128() => Value,
        deserialize_f32() => Value,
        deserialize_f64() => Value,
        deserialize_char() => Value,
        deserialize_str() => Value,
        deserialize_string() => Value,
        deserialize_bytes() => Value,
        deserialize_byte_buf() => Value,
        deserialize_option() => Value,
        deserialize_unit() => Value,
        deserialize_seq() => Value,
        deserialize_map() => Value,
        deserialize_identifier() => Inline,
        deserialize_ignored_any() => Inline,
        deserialize_unit_struct(name: &'static str) => Value,
        deserialize_newtype_struct(name: &'static str) => Value,
        deserialize_tuple(len: usize) => Value,
        deserialize_tuple_struct(name: &'static str, len: usize) => Value,
        deserialize_struct(name: &'static str, fields: &'static [&'static str]) => Inline,
        deserialize_enum(name: &'static str, variants: &'static [&'static str]) => Value,
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for WrapSeed<'_, S> {
    type Value = S::Value;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.inner.deserialize(self.budget.wrap(deserializer))
    }
}

/// Forwards `visit_*` methods of plain values, which hold nothing on the heap.
macro_rules! forward_visit {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(
            #[inline]
            fn $method<E: de::Error>(self, value: $ty) -> Result<V::Value, E> {
                self.inner.$method(value)
            }
        )*
    };
}

/// Forwards `visit_*` methods of strings and byte strings, charging what the visitor may copy.
macro_rules! charge_visit {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(
            #[inline]
            fn $method<E: de::Error>(self, value: $ty) -> Result<V::Value, E> {
                self.charge_copy(value.len())?;
                self.inner.$method(value)
            }
        )*
    };
}

impl<V> WrapVisitor<'_, V> {
    /// Charges a string or byte string that the visitor may copy.
    #[inline]
    fn charge_copy<E: de::Error>(&self, len: usize) -> Result<(), E> {
        match self.kind {
            Kind::Value => self.budget.charge(string_charge(len)),
            Kind::Inline => Ok(()),
        }
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for WrapVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    forward_visit! {
        visit_bool(bool),
        visit_i8(i8),
        visit_i16(i16),
        visit_i32(i32),
        visit_i64(i64),
        visit_i128(i128),
        visit_u8(u8),
        visit_u16(u16),
        visit_u32(u32),
        visit_u64(u64),
        visit_u128(u128),
        visit_f32(f32),
        visit_f64(f64),
        visit_char(char),
    }

    charge_visit! {
        visit_str(&str),
        visit_borrowed_str(&'de str),
        visit_string(String),
        visit_bytes(&[u8]),
        visit_borrowed_bytes(&'de [u8]),
        visit_byte_buf(Vec<u8>),
    }

    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(self.budget.wrap(deserializer))
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        self.inner
            .visit_newtype_struct(self.budget.wrap(deserializer))
    }

    #[inline]
    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.inner
            .visit_seq(WrapAccess::new(seq, self.budget, self.kind))
    }

    #[inline]
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        if let Kind::Value = self.kind {
            self.budget.charge(MAP_CHARGE)?;
        }
        self.inner
            .visit_map(WrapAccess::new(map, self.budget, self.kind))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.inner
            .visit_enum(WrapAccess::new(data, self.budget, Kind::Inline))
    }
}

impl<'de, A: de::SeqAccess<'de>> de::SeqAccess<'de> for WrapAccess<'_, A> {
    type Error = A::Error;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        // A `Vec` of `T` grows as the elements come: charged the capacity it grows to, once
        // an element is read (an empty sequence costs nothing). A struct read as a sequence
        // (`[1, 2]`) is charged so too: more than it takes, never less.
        let element = self.inner.next_element_seed(self.budget.seed(seed))?;
        let size = size_of::<T::Value>();
        if element.is_some() && size > 0 {
            if self.len == self.capacity {
                let capacity = grown_capacity(self.capacity, size);
                self.budget
                    .charge((capacity - self.capacity).saturating_mul(size))?;
                self.capacity = capacity;
            }
            self.len += 1;
        }
        Ok(element)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for WrapAccess<'_, A> {
    type Error = A::Error;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if let Kind::Value = self.kind {
            self.budget
                .charge(size_of::<K::Value>().saturating_mul(2))?;
        }
        self.inner.next_key_seed(self.budget.seed(seed))
    }

    #[inline]
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        if let Kind::Value = self.kind {
            self.budget
                .charge(size_of::<T::Value>().saturating_mul(2))?;
        }
        self.inner.next_value_seed(self.budget.seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, 'b, A: de::EnumAccess<'de>> de::EnumAccess<'de> for WrapAccess<'b, A> {
    type Error = A::Error;
    type Variant = WrapAccess<'b, A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let budget = self.budget;
        let (value, variant) = self.inner.variant_seed(budget.seed(seed))?;
        Ok((value, WrapAccess::new(variant, budget, Kind::Inline)))
    }
}

impl<'de, A: de::VariantAccess<'de>> de::VariantAccess<'de> for WrapAccess<'_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.inner.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.inner.newtype_variant_seed(self.budget.seed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.inner
            .tuple_variant(len, self.budget.visitor(visitor, Kind::Value))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.inner
            .struct_variant(fields, self.budget.visitor(visitor, Kind::Inline))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows a `Vec`'s capacity as it is pushed to, and checks that `grown_capacity` predicts
    /// each step.
    fn follows_vec<T: Default>() {
        let mut v: Vec<T> = Vec::new();
        let mut charged = 0;
        for _ in 0..5000 {
            if v.len() == charged {
                charged = grown_capacity(charged, size_of::<T>());
            }
            v.push(T::default());
            assert_eq!(v.capacity(), charged, "size {}", size_of::<T>());
        }
    }

    #[test]
    fn charged_capacity_is_the_capacity_a_vec_grows_to() {
        follows_vec::<u8>();
        follows_vec::<String>();
        follows_vec::<[[u64; 32]; 8]>();
    }

    #[test]
    fn strings_are_charged_at_least_their_length() {
        assert_eq!(string_charge(0), 0);
        assert_eq!(string_charge(1), 32);
        assert_eq!(string_charge(24), 32);
        assert_eq!(string_charge(25), 48);
        assert!((1..5000).all(|n| string_charge(n) >= n + 8));
    }

    #[test]
    fn a_budget_stops_the_decode_that_would_pass_it() {
        let budget = Budget::new(1000);
        let mut de = serde_json::Deserializer::from_str("[1, 2, 3]");
        let ok: Vec<u64> = serde::Deserialize::deserialize(budget.wrap(&mut de)).unwrap();
        assert_eq!(ok, [1, 2, 3]);
        assert!(!budget.exceeded());
        // 4 elements of 8 bytes charged, 968 left. The next `Vec`'s capacity grows to 4, 8,
        // 16, 32 and 64 elements (512 bytes), and then to 128, which would pass the budget.
        let many = format!("[{}]", vec!["0"; 128].join(","));
        let mut de = serde_json::Deserializer::from_str(&many);
        let err = <Vec<u64> as serde::Deserialize>::deserialize(budget.wrap(&mut de));
        assert!(err.is_err() && budget.exceeded());
        // A copied string is charged (32 of 40 bytes here); field names and skipped values
        // are not.
        let budget = Budget::new(40);
        let mut de = serde_json::Deserializer::from_str(r#"{"a": "xyz", "skipped": "long text"}"#);
        #[derive(serde::Deserialize)]
        struct A {
            #[allow(dead_code)]
            a: String,
        }
        assert!(<A as serde::Deserialize>::deserialize(budget.wrap(&mut de)).is_ok());
        assert_eq!(budget.left.get(), 8);
        let budget = Budget::new(40);
        let mut de = serde_json::Deserializer::from_str(r#"["xyz", "abc"]"#);
        let err = <Vec<String> as serde::Deserialize>::deserialize(budget.wrap(&mut de));
        assert!(err.is_err() && budget.exceeded());
    }
}
