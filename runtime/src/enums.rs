//! The impls every generated enumeration and error enum has, written once here.
//!
//! A generated enumeration declares its documented values as variants plus
//! `Unknown`, and the inherent methods that need the values (`as_str` and
//! `from_wire` for strings, `value` and `From<i32>`/`From<i64>` for
//! integers). One of these macros then adds the conversions, `Display`,
//! serde and [`ParamValue`](crate::request::ParamValue) impls, which are the
//! same for every enumeration.
//!
//! A generated per-operation error enum declares its variants and
//! `response()`; [`operation_error_impls!`](crate::operation_error_impls)
//! adds the rest.

/// Adds what every per-operation error enum has, given its inherent
/// `fn response(&self) -> &dyn ErrorMetadata` (the response behind the
/// error, whatever the variant): `Display` (`"<operation> failed:
/// <response>"`), `Error` (whose source is the response) and
/// [`ErrorMetadata`](crate::ErrorMetadata), answered by the response. Used by
/// generated code.
#[macro_export]
macro_rules! operation_error_impls {
    ($name:ident, $operation:literal) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(f, "{} failed: {}", $operation, self.response())
            }
        }

        impl ::std::error::Error for $name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                ::std::option::Option::Some(self.response())
            }
        }

        impl $crate::ErrorMetadata for $name {
            fn status(&self) -> ::std::option::Option<$crate::http::StatusCode> {
                self.response().status()
            }

            fn request_id(&self) -> ::std::option::Option<&str> {
                self.response().request_id()
            }

            fn error_code(&self) -> ::std::option::Option<&str> {
                self.response().error_code()
            }

            fn error_msg(&self) -> ::std::option::Option<&str> {
                self.response().error_msg()
            }

            fn service_error(&self) -> ::std::option::Option<$crate::ServiceErrorInfo> {
                self.response().service_error()
            }

            fn decode_error(&self) -> ::std::option::Option<&$crate::DecodeError> {
                self.response().decode_error()
            }
        }
    };
}

/// Adds `is_unknown` and the trait impls of an open enumeration of strings
/// (whose other values are in a variant `Unknown(_)`): `From<&str>`,
/// `From<String>`, `FromStr`, `AsRef<str>`, `Display`, `Serialize`,
/// `Deserialize` and [`ParamValue`](crate::request::ParamValue).
///
/// The type must have `fn as_str(&self) -> &str` (the wire value) and
/// `fn from_wire(value: std::borrow::Cow<'_, str>) -> Self` (any value,
/// documented or not). Used by generated code.
#[macro_export]
macro_rules! string_enum_impls {
    ($name:ident) => {
        impl $name {
            /// True for a value the API reference does not list.
            pub fn is_unknown(&self) -> bool {
                ::std::matches!(self, Self::Unknown(_))
            }
        }

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
                // A documented value is matched on the borrowed text, without allocating;
                // only an unknown one is copied into its `Unknown` variant.
                struct Visitor;

                impl $crate::__private::serde::de::Visitor<'_> for Visitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a string")
                    }

                    fn visit_str<E: $crate::__private::serde::de::Error>(
                        self,
                        value: &str,
                    ) -> ::std::result::Result<$name, E> {
                        Ok($name::from_wire(::std::borrow::Cow::Borrowed(value)))
                    }

                    fn visit_string<E: $crate::__private::serde::de::Error>(
                        self,
                        value: ::std::string::String,
                    ) -> ::std::result::Result<$name, E> {
                        Ok($name::from_wire(::std::borrow::Cow::Owned(value)))
                    }
                }

                deserializer.deserialize_str(Visitor)
            }
        }

        impl $crate::request::ParamValue for $name {
            fn for_each_value(&self, each: &mut dyn FnMut(::std::string::String)) {
                each(self.as_str().to_owned());
            }
        }
    };
}

/// Adds `is_unknown` and the trait impls of an open enumeration of integers
/// (`$raw` is `i32` or `i64`; other values are in a variant `Unknown(_)`): `From<$name> for $raw`, `Display`, `Serialize`, `Deserialize`
/// and [`ParamValue`](crate::request::ParamValue).
///
/// The type must have `fn value(&self) -> $raw` (the wire value) and
/// `impl From<$raw>` (any value, documented or not). Used by generated code.
#[macro_export]
macro_rules! int_enum_impls {
    ($name:ident, $raw:ty) => {
        impl $name {
            /// True for a value the API reference does not list.
            pub fn is_unknown(&self) -> bool {
                ::std::matches!(self, Self::Unknown(_))
            }
        }

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
        assert!(Mode::from("Test").is_unknown() && !Mode::Period.is_unknown());
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
        assert!(Effect::from(7).is_unknown() && !Effect::Allow.is_unknown());
    }

    mod errors {
        use crate::response::{self, ServiceError, UnhandledResponse};
        use crate::{DecodeError, ErrorMetadata};

        /// A hand-written error enum shaped as the generated ones are.
        #[derive(Debug)]
        enum ThingError {
            BadRequest(Box<ServiceError<serde_json::Value>>),
            NotFound(Box<ServiceError<()>>),
            InvalidBody(Box<DecodeError>),
            Unhandled(Box<UnhandledResponse>),
        }

        impl ThingError {
            fn response(&self) -> &dyn ErrorMetadata {
                match self {
                    Self::BadRequest(e) => e.as_ref(),
                    Self::NotFound(e) => e.as_ref(),
                    Self::InvalidBody(e) => e.as_ref(),
                    Self::Unhandled(e) => e.as_ref(),
                }
            }
        }

        crate::operation_error_impls!(ThingError, "ListThings");

        fn parts(status: u16) -> http::response::Parts {
            let response = http::Response::builder()
                .status(status)
                .header("X-Request-Id", "r-1")
                .body(())
                .unwrap();
            response.into_parts().0
        }

        fn parse(status: u16, body: &str) -> Result<serde_json::Value, ThingError> {
            let parts = parts(status);
            let body = body.as_bytes();
            match status {
                200 => response::success(&parts, body, ThingError::InvalidBody),
                400 => Err(response::service_error(
                    parts,
                    body,
                    ThingError::BadRequest,
                    ThingError::Unhandled,
                )),
                404 => Err(ThingError::NotFound(response::service_error_without_body(
                    parts,
                ))),
                _ => Err(ThingError::Unhandled(response::unhandled(parts, body))),
            }
        }

        #[test]
        fn a_documented_error_reads_its_body() {
            let Err(e) = parse(400, r#"{"error_code":"T.1","error_msg":"bad limit"}"#) else {
                panic!("400 is an error");
            };
            assert!(matches!(e, ThingError::BadRequest(_)), "{e:?}");
            assert_eq!(e.status(), Some(http::StatusCode::BAD_REQUEST));
            assert_eq!(e.request_id(), Some("r-1"));
            assert_eq!(
                (e.error_code(), e.error_msg()),
                (Some("T.1"), Some("bad limit"))
            );
            assert_eq!(
                e.to_string(),
                "ListThings failed: 400 Bad Request: T.1: bad limit (request id r-1)"
            );
            assert!(std::error::Error::source(&e).is_some());
            let info = e.service_error().unwrap();
            assert_eq!(info.error_code.as_deref(), Some("T.1"));
            assert!(e.decode_error().is_none());
        }

        #[test]
        fn other_outcomes_keep_what_they_can() {
            // An error body that is not JSON: the whole response, kept.
            let Err(e) = parse(400, "<html>proxy</html>") else {
                panic!()
            };
            assert!(matches!(e, ThingError::Unhandled(_)), "{e:?}");
            assert_eq!(e.error_code(), None);
            let info = e.service_error().unwrap();
            assert_eq!(info.error_code.as_deref(), Some("400"));
            assert_eq!(info.error_msg.as_deref(), Some("<html>proxy</html>"));

            // A status documented without a body: status and request id only.
            let Err(e) = parse(404, "ignored") else {
                panic!()
            };
            let info = e.service_error().unwrap();
            assert_eq!((info.status.as_u16(), info.error_code), (404, None));
            assert_eq!(info.request_id.as_deref(), Some("r-1"));

            // A success body that does not decode.
            let Err(e) = parse(200, "{") else { panic!() };
            assert!(e.decode_error().is_some());
            assert!(e.service_error().is_none());
            assert!(
                e.to_string()
                    .starts_with("ListThings failed: the 200 OK response body")
            );

            // An undocumented status.
            let Err(e) = parse(502, "") else { panic!() };
            assert_eq!(e.status(), Some(http::StatusCode::BAD_GATEWAY));
            assert!(parse(200, "[1]").is_ok());
        }
    }
}
