//! The trait impls every generated open enumeration has, written once here.
//!
//! A generated enumeration declares its documented values as variants plus
//! `Unknown`, and the inherent methods that need the values (`as_str` and
//! `from_wire` for strings, `value` and `From<i32>`/`From<i64>` for
//! integers). One of these macros then adds the conversions, `Display`,
//! serde and [`ParamValue`](crate::request::ParamValue) impls, which are the
//! same for every enumeration.

/// Adds the trait impls of an open enumeration of strings: `From<&str>`,
/// `From<String>`, `FromStr`, `AsRef<str>`, `Display`, `Serialize`,
/// `Deserialize` and [`ParamValue`](crate::request::ParamValue).
///
/// The type must have `fn as_str(&self) -> &str` (the wire value) and
/// `fn from_wire(value: std::borrow::Cow<'_, str>) -> Self` (any value,
/// documented or not). Used by generated code.
#[macro_export]
macro_rules! string_enum_impls {
    ($name:ident) => {
        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::from_wire(::std::borrow::Cow::Borrowed(value))
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                Self::from_wire(::std::borrow::Cow::Owned(value))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value =
                    <::std::string::String as $crate::__private::serde::Deserialize>::deserialize(
                        deserializer,
                    )?;
                Ok(Self::from(value))
            }
        }

        impl $crate::request::ParamValue for $name {
            fn for_each_value(&self, each: &mut dyn FnMut(::std::string::String)) {
                each(self.as_str().to_owned());
            }
        }
    };
}

/// Adds the trait impls of an open enumeration of integers (`$raw` is `i32`
/// or `i64`): `From<$name> for $raw`, `Display`, `Serialize`, `Deserialize`
/// and [`ParamValue`](crate::request::ParamValue).
///
/// The type must have `fn value(&self) -> $raw` (the wire value) and
/// `impl From<$raw>` (any value, documented or not). Used by generated code.
#[macro_export]
macro_rules! int_enum_impls {
    ($name:ident, $raw:ty) => {
        impl ::std::convert::From<$name> for $raw {
            fn from(value: $name) -> Self {
                value.value()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::__private::serde::Serialize::serialize(&self.value(), serializer)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value =
                    <$raw as $crate::__private::serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value))
            }
        }

        impl $crate::request::ParamValue for $name {
            fn for_each_value(&self, each: &mut dyn FnMut(::std::string::String)) {
                each(self.value().to_string());
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use crate::request::ParamValue;

    /// A hand-written enumeration shaped as the generated ones are.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Mode {
        Period,
        Demand,
        Unknown(String),
    }

    impl Mode {
        fn as_str(&self) -> &str {
            match self {
                Self::Period => "Period",
                Self::Demand => "Demand",
                Self::Unknown(value) => value,
            }
        }

        fn from_wire(value: Cow<'_, str>) -> Self {
            match value.as_ref() {
                "Period" => Self::Period,
                "Demand" => Self::Demand,
                _ => Self::Unknown(value.into_owned()),
            }
        }
    }

    crate::string_enum_impls!(Mode);

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Effect {
        Allow,
        Unknown(i64),
    }

    impl Effect {
        fn value(&self) -> i64 {
            match self {
                Self::Allow => 1,
                Self::Unknown(value) => *value,
            }
        }
    }

    impl From<i64> for Effect {
        fn from(value: i64) -> Self {
            match value {
                1 => Self::Allow,
                other => Self::Unknown(other),
            }
        }
    }

    crate::int_enum_impls!(Effect, i64);

    fn values(value: &dyn ParamValue) -> Vec<String> {
        let mut out = Vec::new();
        value.for_each_value(&mut |v| out.push(v));
        out
    }

    #[test]
    fn string_enums_convert_both_ways_and_keep_unknown_values() {
        assert_eq!(Mode::from("Demand"), Mode::Demand);
        assert_eq!(Mode::from("Test".to_owned()), Mode::Unknown("Test".into()));
        assert_eq!("Period".parse::<Mode>(), Ok(Mode::Period));
        assert_eq!(Mode::Demand.as_ref(), "Demand");
        assert_eq!(Mode::Unknown("x y".into()).to_string(), "x y");
        let decoded: Vec<Mode> = serde_json::from_str(r#"["Period","Test"]"#).unwrap();
        assert_eq!(decoded, [Mode::Period, Mode::Unknown("Test".into())]);
        assert_eq!(
            serde_json::to_string(&decoded).unwrap(),
            r#"["Period","Test"]"#
        );
        assert!(serde_json::from_str::<Mode>("1").is_err());
        assert_eq!(values(&Some(Mode::Demand)), ["Demand"]);
        assert_eq!(
            values(&vec![Mode::Period, Mode::Unknown("u".into())]),
            ["Period", "u"]
        );
    }

    #[test]
    fn integer_enums_convert_both_ways_and_keep_unknown_values() {
        assert_eq!(Effect::from(1), Effect::Allow);
        assert_eq!(i64::from(Effect::Unknown(9)), 9);
        assert_eq!(Effect::Allow.to_string(), "1");
        let decoded: Vec<Effect> = serde_json::from_str("[1, 9]").unwrap();
        assert_eq!(decoded, [Effect::Allow, Effect::Unknown(9)]);
        assert_eq!(serde_json::to_string(&decoded).unwrap(), "[1,9]");
        assert!(serde_json::from_str::<Effect>(r#""1""#).is_err());
        assert_eq!(values(&None::<Effect>), Vec::<String>::new());
        assert_eq!(values(&Effect::Unknown(-3)), ["-3"]);
    }
}
