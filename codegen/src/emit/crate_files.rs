//! The crate around the models and operations: `lib.rs`, module files, error codes, the
//! unknown-value wrapper, the example tests and `Cargo.toml`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{MARKER, Options, cfg, deprecated, inner_docs, op_cfg, raw_str, ty, ty_in};
use crate::docs::escape_line;
use crate::huawei;
use crate::ir::{Ir, Location, Operation, Ty};

pub fn lib(ir: &Ir) -> TokenStream {
    let runtime = huawei::runtime_crate();
    let mut d = vec![
        format!("# {}", ir.crate_name),
        String::new(),
        format!(
            "Typed client for Huawei Cloud's {} ({}) API, generated from its API reference by `cargo xtask codegen` (spec: `{}`).",
            escape_line(&ir.service_title),
            ir.service_name.to_uppercase(),
            ir.spec_dir
        ),
        String::new(),
        "- [`models`]: one type per object table, and an open enum per documented enumeration.".to_owned(),
        "- [`operations`]: per operation a request with a validating builder, `to_http_request` and `parse_response` (any HTTP stack can drive them), and an error enum.".to_owned(),
        "- [`error_codes`]: the service's documented error codes, with message and suggested measure.".to_owned(),
        "- [`Client`]: sends the operations to the service, signing each request (`Client::from_env()`, or `Client::builder()`), with retries and timeouts as configured.".to_owned(),
        "- `mock` (feature `mock`): an in-process mock of the service, generated from the same spec.".to_owned(),
        String::new(),
        "What a program names is re-exported here: [`Client`], [`Credentials`], [`Error`] (every way a call fails; its `Operation` variant holds the operation's error), the trait [`ErrorMetadata`] (`error_code()`, `error_msg()`, `request_id()`, `status()`, the same on `Error`, on each operation's error and on the response it holds), [`RetryPolicy`], [`CallOptions`] (per call: `client.<operation>().customize(..)`), [`SendError`] (what signing without sending returns), [`http`], and `mock::MockServer`.".to_owned(),
        String::new(),
    ];
    d.extend(super::client::example(ir, false));
    d.extend(error_example(ir));
    d.extend(["".to_owned(), "Operations:".to_owned(), String::new()]);
    // An operation of a group is listed (and linked) only when its feature is on.
    let listed = |op: &&Operation| op.group.is_none();
    for op in ir.operations.iter().filter(listed) {
        d.push(op_line(op));
    }
    let d = inner_docs(&d);
    let grouped = ir
        .operations
        .iter()
        .filter(|op| op.group.is_some())
        .map(|op| {
            let line = format!(" {}", op_line(op));
            let on = op.group.as_deref().unwrap_or_default();
            quote!(#![cfg_attr(feature = #on, doc = #line)])
        });
    let features = (!ir.groups.is_empty()).then(|| {
        let mut lines = vec![
            String::new(),
            "Cargo features, one per API group (each compiles only that group's operations and the models they use):".to_owned(),
            String::new(),
        ];
        lines.extend(ir.groups.iter().map(|g| {
            format!(
                "- `{}`: {}{}",
                g.feature,
                escape_line(&g.title),
                if g.default { "" } else { " (not a default feature)" }
            )
        }));
        inner_docs(&lines)
    });
    quote! {
        #d
        #(#grouped)*
        #features
        #![warn(missing_docs)]
        pub mod client;
        pub mod error_codes;
        pub mod examples;
        #[cfg(feature = "mock")]
        pub mod mock;
        pub mod models;
        pub mod operations;
        mod primitives;
        pub use client::{Client, ClientBuilder};
        pub use primitives::UnknownValue;
        /// The runtime this crate calls (re-exported so users name one version of it).
        pub use #runtime as runtime;
        #[doc(inline)]
        pub use #runtime::{CallOptions, Credentials, Error, ErrorMetadata, RetryPolicy, SendError};
        /// The `http` crate the requests and responses are made of (one version with the runtime).
        pub use #runtime::http;
    }
}

/// The crate docs' example of matching on a call's error, and of a builder on its own that
/// does not send, for the first operation compiled with the default features (none when every
/// operation is in an optional group).
fn error_example(ir: &Ir) -> Vec<String> {
    let Some(op) = super::default_operation(ir) else {
        return Vec::new();
    };
    let (krate, error) = (ir.crate_name.replace('-', "_"), &op.error_name);
    let mut lines = vec![
        String::new(),
        "A call fails with an [`Error`]; `Error::Operation` holds the operation's error enum, a variant per documented status. [`ErrorMetadata`] gives `status()`, `request_id()`, `error_code()` and `error_msg()` the same on `Error`, on the enum and on the response a variant holds:".to_owned(),
        String::new(),
        "```".to_owned(),
        format!("use {krate}::operations::{error};"),
        format!("use {krate}::{{Error, ErrorMetadata}};"),
        String::new(),
        format!("/// What to tell a person when `{}` failed.", op.id),
        format!("fn explain(error: &Error<{error}>) -> String {{"),
        "    match error {".to_owned(),
    ];
    if let Some(e) = op.errors.first() {
        lines.extend([
            "        // A documented error status: the variant holds the decoded body.".to_owned(),
            format!(
                "        Error::Operation({error}::{}(response)) => format!(\"documented {{}}: {{response}}\", response.status.as_u16()),",
                e.variant
            ),
        ]);
    }
    lines.extend([
        "        // Any answer, through the trait: the same at every level.".to_owned(),
        "        _ if error.status().is_some_and(|s| s.is_server_error()) => format!(\"try again later: {error}\"),".to_owned(),
        "        _ if error.error_code().is_some() => format!(\"the service refused: {error}\"),".to_owned(),
        "        // No answer: an invalid request, the credentials, the endpoint or the network.".to_owned(),
        "        _ => error.to_string(),".to_owned(),
        "    }".to_owned(),
        "}".to_owned(),
        "```".to_owned(),
        String::new(),
        format!(
            "A request's builder on its own (`{}::builder()`) checks the parameters and builds the request, for `to_http_request` and any HTTP stack; only a call from the client (`client.<operation>()`) sends, so this does not compile (the compiler names the unmet bound, [`HasCallContext`](client::HasCallContext)):",
            op.request_name
        ),
        String::new(),
        "```compile_fail,E0599".to_owned(),
        "# async fn run() {".to_owned(),
        format!(
            "let output = {krate}::operations::{}::builder().send().await;",
            op.request_name
        ),
        "# }".to_owned(),
        "```".to_owned(),
    ]);
    lines
}

/// The line of the crate's docs that lists an operation.
fn op_line(op: &Operation) -> String {
    format!(
        "- [`{}`](operations::{}): {}",
        op.id,
        op.request_name,
        escape_line(&op.title)
    )
}

pub fn models_mod(ir: &Ir) -> TokenStream {
    let mut entries: Vec<(&str, &str, &[String])> = ir
        .models
        .iter()
        .map(|m| (m.module.as_str(), m.name.as_str(), m.features.as_slice()))
        .chain(
            ir.enums
                .iter()
                .map(|e| (e.module.as_str(), e.name.as_str(), e.features.as_slice())),
        )
        .collect();
    entries.sort();
    let mods = entries.iter().map(|(m, n, f)| {
        let m = format_ident!("{}", m);
        let n = format_ident!("{}", n);
        let c = cfg(f);
        quote!(#c mod #m; #c pub use #m::#n;)
    });
    quote! {
        //! Models: one struct per object table of the API reference, one open enum per
        //! documented enumeration. Every field is an `Option`: a missing field and `null` both
        //! decode, whatever the page's Mandatory column says (the spec keeps that column).
        #(#mods)*
    }
}

pub fn operations_mod(ir: &Ir) -> TokenStream {
    let mods = ir.operations.iter().map(|op| {
        let m = format_ident!("{}", op.module);
        let (r, b, e) = (
            format_ident!("{}", op.request_name),
            format_ident!("{}", op.builder_name),
            format_ident!("{}", op.error_name),
        );
        let c = format_ident!("{}Call", op.id);
        let (on, allow) = (op_cfg(op), deprecated(op, true));
        quote!(#on pub mod #m; #on #allow pub use #m::{#r, #b, #e, #c};)
    });
    quote! {
        //! Operations: per operation a request, its builder, its error enum and its call
        //! through a [`Client`](crate::Client).
        #(#mods)*
    }
}

pub fn error_codes(ir: &Ir) -> TokenStream {
    let title = ir.error_codes_title.as_deref().unwrap_or("Error Codes");
    let head = inner_docs(&[
        format!(
            "The service's error codes (\"{}\" page): code, status, message, description and suggested measure.",
            escape_line(title)
        ),
        String::new(),
        "Operation errors give theirs with `known_error_code()`.".to_owned(),
    ]);
    let rows = &ir.error_codes;
    let vs: Vec<_> = rows
        .iter()
        .map(|r| format_ident!("{}", r.variant))
        .collect();
    let decls = rows.iter().zip(&vs).map(|(r, v)| {
        let d = super::docs(&[
            format!("`{}` ({}): {}", r.code, r.status, escape_line(&r.message)),
            String::new(),
            escape_line(&r.description),
        ]);
        quote!(#d #v,)
    });
    let codes: Vec<_> = rows.iter().map(|r| Literal::string(&r.code)).collect();
    let statuses: Vec<_> = rows
        .iter()
        .map(|r| Literal::u16_unsuffixed(r.status))
        .collect();
    let messages: Vec<_> = rows.iter().map(|r| Literal::string(&r.message)).collect();
    let descriptions: Vec<_> = rows
        .iter()
        .map(|r| Literal::string(&r.description))
        .collect();
    let measures: Vec<_> = rows.iter().map(|r| Literal::string(&r.measure)).collect();
    let accessor = |name: &str, doc: &str, vals: &[Literal]| {
        let n = format_ident!("{}", name);
        quote! {
            #[doc = #doc]
            pub fn #n(self) -> &'static str {
                match self { #(Self::#vs => #vals,)* }
            }
        }
    };
    let code_fn = accessor("code", " The code as the service sends it.", &codes);
    let message_fn = accessor(
        "message",
        " The message the service sends with it.",
        &messages,
    );
    let description_fn = accessor("description", " What the error means.", &descriptions);
    let measure_fn = accessor("measure", " What to do about it.", &measures);
    if rows.is_empty() {
        return quote! {
            #head
            /// The service's documented error codes (the spec lists none).
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum ErrorCode {}
            impl ErrorCode {
                /// Every documented code.
                pub const ALL: &'static [ErrorCode] = &[];
                /// The documented code for `code`, if there is one.
                pub fn from_code(code: &str) -> Option<Self> {
                    let _ = code;
                    None
                }

                /// The code as the service sends it (there is no value to call it on).
                pub fn code(self) -> &'static str {
                    match self {}
                }

                /// The HTTP status the page gives for it.
                pub fn status(self) -> u16 {
                    match self {}
                }

                /// The message the service sends with it.
                pub fn message(self) -> &'static str {
                    match self {}
                }
            }
        };
    }
    quote! {
        #head
        /// A documented error code of the service.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            #(#decls)*
        }

        impl ErrorCode {
            /// Every documented code, in the order of the page.
            pub const ALL: &'static [ErrorCode] = &[#(Self::#vs),*];

            /// The documented code for `code` (`DBSS.10000001`), if there is one.
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    #(#codes => Some(Self::#vs),)*
                    _ => None,
                }
            }

            #code_fn

            /// The HTTP status the page gives for it.
            pub fn status(self) -> u16 {
                match self { #(Self::#vs => #statuses,)* }
            }

            #message_fn
            #description_fn
            #measure_fn
        }

        impl ::std::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{}: {}", self.code(), self.message())
            }
        }
    }
}

/// `has_enums`: whether any enumeration creates an `UnknownValue` (otherwise its constructor
/// would be dead code).
pub fn primitives(ir: &Ir) -> TokenStream {
    // Used by the enumerations: compiled when one of them is (each may be behind features).
    let features: Option<Vec<String>> = if ir.enums.iter().any(|e| e.features.is_empty()) {
        Some(Vec::new())
    } else {
        let all: std::collections::BTreeSet<&String> =
            ir.enums.iter().flat_map(|e| &e.features).collect();
        (!all.is_empty()).then(|| all.into_iter().cloned().collect())
    };
    let new = features.map(|f| {
        let on = cfg(&f);
        quote! {
            #on
            pub(crate) fn new(value: T) -> Self {
                UnknownValue(value)
            }
        }
    });
    quote! {
        //! Types the generated models share.

        /// A value of an enumeration that the API reference does not list, kept exactly as
        /// received so that it encodes back unchanged. Only this crate creates one, so an
        /// `Unknown` never holds a documented value.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct UnknownValue<T>(T);

        impl<T> UnknownValue<T> {
            #new

            /// The value as received.
            pub fn as_raw(&self) -> &T {
                &self.0
            }

            /// The value as received, by value.
            pub fn into_raw(self) -> T {
                self.0
            }
        }
    }
}

/// A valid sample value of a parameter, for the request example test.
fn sample(ir: &Ir, p: &crate::ir::Param) -> TokenStream {
    let c = &p.constraints;
    match &p.ty {
        Ty::String => {
            let n = c.min_length.unwrap_or(1).max(1);
            let s: String = "0123456789abcdef"
                .chars()
                .cycle()
                .take(usize::try_from(n).unwrap_or(1))
                .collect();
            let l = Literal::string(&s);
            quote!(#l)
        }
        Ty::I32 | Ty::I64 => {
            let l = Literal::i64_unsuffixed(c.minimum.unwrap_or(1));
            quote!(#l)
        }
        Ty::F32 | Ty::F64 => {
            let l = Literal::f64_unsuffixed(c.minimum.unwrap_or(1) as f64);
            quote!(#l)
        }
        Ty::Bool => quote!(true),
        other => {
            let t = ty(ir, other);
            quote!(<#t as Default>::default())
        }
    }
}

/// The start of an operation's test names: its module without the `_` that escapes a keyword
/// (`match_` -> `match_example_...`, not `match__example_...`, which is not snake case).
fn test_prefix(op: &Operation) -> &str {
    op.module.trim_end_matches('_')
}

fn request_example_test(ir: &Ir, op: &Operation) -> Option<TokenStream> {
    let lib = format_ident!("{}", ir.lib_name);
    let req = format_ident!("{}", op.request_name);
    // A sample longer than this would bloat the generated test: no test for such an operation.
    const MAX_SAMPLE: u64 = 1024;
    if op.body.is_some()
        || op
            .params
            .iter()
            .any(|p| p.mandatory && p.constraints.min_length.is_some_and(|n| n > MAX_SAMPLE))
        || op.params.iter().any(|p| {
            p.mandatory
                && !matches!(
                    p.ty,
                    Ty::String | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::Bool
                )
        })
    {
        return None;
    }
    let test = format_ident!("{}_request_path_follows_the_template", test_prefix(op));
    let setters = op.params.iter().filter(|p| p.mandatory).map(|p| {
        let n = format_ident!("{}", p.name);
        let v = sample(ir, p);
        quote!(.#n(#v))
    });
    let mut expected = op.path_template.clone();
    for p in op
        .params
        .iter()
        .filter(|p| p.mandatory && p.location == Location::Path)
    {
        let v = sample(ir, p).to_string();
        expected = expected.replace(&format!("{{{}}}", p.wire), v.trim_matches('"'));
    }
    let method = op.method.as_str();
    let (on, allow) = (op_cfg(op), deprecated(op, true));
    Some(quote! {
        #on
        #allow
        #[test]
        fn #test() {
            let request = #lib::operations::#req::builder() #(#setters)* .build()
                .unwrap_or_else(|e| panic!("a request with valid values must build: {e}"));
            assert_eq!(request.uri_path(), #expected);
            let http = request.to_http_request("https://example.invalid").unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(http.method().as_str(), #method);
            assert_eq!(http.uri().path(), #expected);
        }
    })
}

pub fn example_tests(ir: &Ir) -> TokenStream {
    let rt_assert_round_trip = huawei::runtime("testing::assert_round_trip");
    let rt_example_response = huawei::runtime("testing::example_response");
    let lib = format_ident!("{}", ir.lib_name);
    let mut tests = Vec::new();
    for op in &ir.operations {
        tests.extend(request_example_test(ir, op));
        let req = format_ident!("{}", op.request_name);
        let err = format_ident!("{}", op.error_name);
        for (i, ex) in op.response_examples.iter().enumerate() {
            let Some(t) = &ex.ty else { continue };
            let json = format_ident!("{}", ex.const_name);
            let json = quote!(#lib::examples::#json);
            let t = ty_in(ir, t, &quote!(#lib));
            let status = Literal::u16_unsuffixed(ex.status);
            let round = format_ident!(
                "{}_example_{}_{}_round_trips",
                test_prefix(op),
                ex.status,
                i
            );
            let parses = format_ident!(
                "{}_example_{}_{}_parses_as_documented",
                test_prefix(op),
                ex.status,
                i
            );
            let expect = if ex.status == op.success_status {
                quote!(assert!(parsed.is_ok(), "{:?}", parsed.err());)
            } else {
                match op.errors.iter().find(|e| e.status == ex.status) {
                    Some(e) => {
                        let v = format_ident!("{}", e.variant);
                        quote!(assert!(matches!(parsed, Err(#lib::operations::#err::#v(_))), "{:?}", parsed);)
                    }
                    None => quote!(assert!(parsed.is_err());),
                }
            };
            let (on, allow) = (op_cfg(op), deprecated(op, true));
            tests.push(quote! {
                #on
                #[test]
                fn #round() {
                    #rt_assert_round_trip::<#t>(#json);
                }

                #on
                #allow
                #[test]
                fn #parses() {
                    let parsed = #lib::operations::#req::parse_response(#rt_example_response(#status, #json));
                    #expect
                }
            });
        }
    }
    quote! {
        //! Every documented example: decodes, re-encodes without loss (`null` and absent count as
        //! the same), and parses as the documented outcome of its status.
        #(#tests)*
    }
}

pub fn cargo_toml(ir: &Ir, options: &Options) -> String {
    let workspace = if options.standalone {
        "\n[workspace]\n"
    } else {
        ""
    };
    // Every value goes through the TOML writer ([`quoted`]), so that no text of the spec (a
    // newline or a quote in the title, say) can end a string or start a key.
    let description = format!(
        "Typed client for Huawei Cloud's {} API, generated from its API reference.",
        ir.service_title
    );
    format!(
        r#"# {MARKER} from {service}. Do not edit: change the spec and regenerate.
[package]
name = {name}
version = {version}
edition = "2024"
description = {description}
license = "Apache-2.0"
publish = false

[features]
# An in-process mock of the service, for tests and demos.
mock = [{mock}]
{groups}
[dependencies]
{runtime_package} = {{ path = {runtime} }}
serde = {{ version = "1", features = ["derive"] }}
{workspace}"#,
        service = toml_comment(&ir.service_file),
        name = quoted(&ir.crate_name),
        version = quoted(&ir.version),
        description = quoted(&description),
        mock = quoted(&format!("{}/mock", huawei::RUNTIME_PACKAGE)),
        runtime_package = huawei::RUNTIME_PACKAGE,
        runtime = quoted(&options.runtime_path.replace('\\', "/")),
        groups = group_features(ir),
    )
}

/// The `[features]` lines of the API groups: `default` (the default groups), then one per group.
fn group_features(ir: &Ir) -> String {
    if ir.groups.is_empty() {
        return String::new();
    }
    let defaults: Vec<String> = (ir.groups.iter())
        .filter(|g| g.default)
        .map(|g| quoted(&g.feature))
        .collect();
    let mut text = format!(
        "# The API groups: each compiles its operations (and the models only they use).\ndefault = [{}]\n",
        defaults.join(", ")
    );
    for g in &ir.groups {
        text.push_str(&format!(
            "# {}\n{} = []\n",
            toml_comment(&g.title),
            toml_key(&g.feature)
        ));
    }
    text
}

/// `s` as a TOML string, through the TOML writer.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// `key` as a TOML key: bare when TOML allows it (every checked feature name), else quoted.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare { key.to_owned() } else { quoted(key) }
}

/// `text` made safe for the rest of a TOML comment line: control characters (a newline would
/// end the comment) written as escapes.
fn toml_comment(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// `src/examples.rs`: every documented example response, verbatim, once (the tests and the mock
/// use these, and so can users' own tests).
pub fn examples(ir: &Ir) -> TokenStream {
    let consts = ir.operations.iter().flat_map(|op| {
        op.response_examples.iter().map(move |ex| {
            let name = format_ident!("{}", ex.const_name);
            let doc = format!(" `{}`: the documented `{}` response.", op.id, ex.status);
            let json = raw_str(&ex.json);
            let on = op_cfg(op);
            quote! {
                #[doc = #doc]
                #on
                pub const #name: &str = #json;
            }
        })
    });
    quote! {
        //! The API reference's example responses, verbatim.
        #(#consts)*
    }
}
