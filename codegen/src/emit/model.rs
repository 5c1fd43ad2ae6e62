//! Structs (one per object table) and open enums (one per enumeration).

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{docs, holds_model, opt, ty};
use crate::huawei;
use crate::ir::{Enum, Field, Ir, Model, Ty};
use crate::spec::Scalar;

/// A struct with `Option` fields, its `Validate` and `ErrorBody` impls where needed.
pub fn model(ir: &Ir, m: &Model) -> TokenStream {
    let rt_error_body = huawei::runtime("ErrorBody");
    let name = format_ident!("{}", m.name);
    let doc = docs(&m.docs);
    let fields = m.fields.iter().map(|f| {
        let fname = format_ident!("{}", f.name);
        let fdoc = docs(&f.docs);
        let inner = ty(ir, &f.ty);
        let fty = if f.boxed {
            quote!(Option<Box<#inner>>)
        } else {
            quote!(Option<#inner>)
        };
        let rename = (f.name != f.wire).then(|| {
            let wire = &f.wire;
            quote!(rename = #wire,)
        });
        quote! {
            #fdoc
            #[serde(#rename skip_serializing_if = "Option::is_none")]
            pub #fname: #fty,
        }
    });
    let accessors = m.fields.iter().map(|f| accessor(ir, f));
    // A model a user constructs (reachable from a request body): setters, and
    // `#[non_exhaustive]` so that a new documented field is not a breaking change.
    let setters = m.validate.then(|| {
        m.fields
            .iter()
            .map(|f| setter(ir, f))
            .collect::<TokenStream>()
    });
    let non_exhaustive = m.validate.then(|| quote!(#[non_exhaustive]));
    let validate = m.validate.then(|| validate_impl(m));
    let error_body = m.error_body.as_ref().map(|e| {
        let code = e.code.as_ref().map(|c| {
            let c = format_ident!("{}", c);
            quote!(fn error_code(&self) -> Option<&str> { self.#c.as_deref() })
        });
        let msg = e.message.as_ref().map(|c| {
            let c = format_ident!("{}", c);
            quote!(fn error_msg(&self) -> Option<&str> { self.#c.as_deref() })
        });
        quote! {
            impl #rt_error_body for #name {
                #code
                #msg
            }
        }
    });
    // `Deserialize` through the runtime's macro: a few lines a struct where the derive
    // writes about twenty a field (see the runtime's `object` module).
    let rt_object_deserialize = huawei::runtime("object_deserialize");
    let read = m.fields.iter().map(|f| {
        let fname = format_ident!("{}", f.name);
        let wire = &f.wire;
        quote!(#fname = #wire)
    });
    let deserialize = quote!(#rt_object_deserialize!(#name { #(#read),* }););
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize)]
        #non_exhaustive
        pub struct #name {
            #(#fields)*
        }
        #deserialize
        impl #name {
            #(#accessors)*
            #setters
        }
        #validate
        #error_body
    }
}

/// The first doc line of a field, for its accessor and setter.
fn first_line(f: &Field) -> String {
    f.docs
        .first()
        .cloned()
        .unwrap_or_else(|| format!("`{}`", f.wire))
}

/// A reader in the aws-sdk-rust style: a list as a slice (empty when absent), text as
/// `Option<&str>`, a number or flag by value, anything else by reference.
fn accessor(ir: &Ir, f: &Field) -> TokenStream {
    let fname = format_ident!("{}", f.name);
    let doc = docs(&[first_line(f)]);
    let (ret, body) = match &f.ty {
        Ty::Vec(inner) if !f.boxed => {
            let inner = ty(ir, inner);
            (
                quote!(&[#inner]),
                quote!(self.#fname.as_deref().unwrap_or_default()),
            )
        }
        Ty::String => (quote!(Option<&str>), quote!(self.#fname.as_deref())),
        Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::Bool => {
            let t = ty(ir, &f.ty);
            (quote!(Option<#t>), quote!(self.#fname))
        }
        t if f.boxed => {
            let t = ty(ir, t);
            (quote!(Option<&#t>), quote!(self.#fname.as_deref()))
        }
        t => {
            let t = ty(ir, t);
            (quote!(Option<&#t>), quote!(self.#fname.as_ref()))
        }
    };
    quote! {
        #doc
        pub fn #fname(&self) -> #ret {
            #body
        }
    }
}

/// A consuming setter, `with_<field>`, for a model a user constructs.
fn setter(ir: &Ir, f: &Field) -> TokenStream {
    let fname = format_ident!("{}", f.name);
    let with = format_ident!("with_{}", f.name.trim_start_matches("r#"));
    let doc = docs(&[format!("Sets {}", first_line(f))]);
    let t = ty(ir, &f.ty);
    let value = if f.boxed {
        quote!(Box::new(value.into()))
    } else {
        quote!(value.into())
    };
    quote! {
        #doc
        pub fn #with(mut self, value: impl Into<#t>) -> Self {
            self.#fname = Some(#value);
            self
        }
    }
}

/// Constraint checks of one value of type `t` at `path` (a `&str` expression). `violations` is
/// the `Violations` the checks record into (a place: a local, or a `&mut` parameter), and
/// `violations_mut` the same as a `&mut Violations` expression, for nested `Validate` calls.
pub fn constraint_checks(
    t: &Ty,
    f: &crate::spec::Constraints,
    value: &TokenStream,
    path: &TokenStream,
    violations: &TokenStream,
    violations_mut: &TokenStream,
) -> TokenStream {
    let rt_validate = huawei::runtime("Validate::validate");
    let u = |v: Option<u64>| opt(v, Literal::u64_suffixed);
    let i = |v: Option<i64>| opt(v, Literal::i64_suffixed);
    let mut out = TokenStream::new();
    if f.min_length.is_some() || f.max_length.is_some() {
        let (lo, hi) = (u(f.min_length), u(f.max_length));
        // A field with `enum:` holds the open enum; the check applies to its wire value.
        let text = match t {
            Ty::Enum(_) => quote!(#value.as_str()),
            _ => value.clone(),
        };
        out.extend(quote!(#violations.length(#path, #text, #lo, #hi);));
    }
    if f.minimum.is_some() || f.maximum.is_some() {
        let (lo, hi) = (i(f.minimum), i(f.maximum));
        out.extend(match t {
            // No `i64::from` on an `i64` (clippy::useless_conversion).
            Ty::F64 => quote!(#violations.range_f64(#path, *#value, #lo, #hi);),
            Ty::F32 => quote!(#violations.range_f64(#path, f64::from(*#value), #lo, #hi);),
            Ty::I64 => quote!(#violations.range_i64(#path, *#value, #lo, #hi);),
            // An integer enumeration's wire value is an `i32` or an `i64`.
            Ty::Enum(_) => quote! {
                {
                    #[allow(clippy::useless_conversion)]
                    let number = i64::from(#value.value());
                    #violations.range_i64(#path, number, #lo, #hi);
                }
            },
            _ => quote!(#violations.range_i64(#path, i64::from(*#value), #lo, #hi);),
        });
    }
    if f.min_items.is_some() || f.max_items.is_some() {
        let (lo, hi) = (u(f.min_items), u(f.max_items));
        out.extend(quote!(#violations.items(#path, #value.len(), #lo, #hi);));
    }
    if holds_model(t) {
        out.extend(quote!(#rt_validate(#value, #path, #violations_mut);));
    }
    out
}

fn validate_impl(m: &Model) -> TokenStream {
    let rt_join_path = huawei::runtime("request::join_path");
    let rt_validate = huawei::runtime("Validate");
    let rt_violations = huawei::runtime("Violations");
    let name = format_ident!("{}", m.name);
    let checks = m.fields.iter().map(|f: &Field| {
        let fname = format_ident!("{}", f.name);
        let wire = &f.wire;
        let path = quote!(&field_path);
        let value = quote!(value);
        let sink = quote!(violations);
        let checks = constraint_checks(&f.ty, &f.constraints, &value, &path, &sink, &sink);
        let missing = (f.mandatory == Some(true))
            .then(|| quote!(None => violations.push(field_path, "is mandatory but was not set"),));
        if checks.is_empty() && missing.is_none() {
            return quote!();
        }
        // An optional field: `if let`, not a `match` with an empty arm (clippy::single_match).
        let check = match missing {
            Some(missing) => quote! {
                match &self.#fname {
                    Some(value) => { #checks }
                    #missing
                }
            },
            None => quote! {
                if let Some(value) = &self.#fname { #checks }
            },
        };
        quote! {
            let field_path = #rt_join_path(path, #wire);
            #check
        }
    });
    quote! {
        impl #rt_validate for #name {
            #[allow(unused_variables)]
            fn validate(&self, path: &str, violations: &mut #rt_violations) {
                #(#checks)*
            }
        }
    }
}

/// An open enum: the documented values plus `Unknown`, which keeps any other value verbatim.
pub fn enumeration(ir: &Ir, e: &Enum) -> TokenStream {
    let name = format_ident!("{}", e.name);
    let doc = docs(&e.docs);
    let idents: Vec<_> = e
        .variants
        .iter()
        .map(|v| format_ident!("{}", v.name))
        .collect();
    let vdocs: Vec<_> = e.variants.iter().map(|v| docs(&v.docs)).collect();
    let raw_ty = match &e.int {
        Some(t) => ty(ir, t),
        None => quote!(String),
    };
    let lits: Vec<TokenStream> = e
        .variants
        .iter()
        .map(|v| match &v.value {
            Scalar::Str(s) => {
                let l = Literal::string(s);
                quote!(#l)
            }
            Scalar::Int(n) => {
                let l = Literal::i64_unsuffixed(*n);
                quote!(#l)
            }
        })
        .collect();
    let head = quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#vdocs #idents,)*
            /// A value the API reference does not list, kept exactly as received.
            Unknown(crate::UnknownValue<#raw_ty>),
        }
    };
    let body = match &e.int {
        None => string_enum_impls(&name, &idents, &lits),
        Some(t) => int_enum_impls(&name, &idents, &lits, &ty(ir, t)),
    };
    quote!(#head #body)
}

fn string_enum_impls(
    name: &proc_macro2::Ident,
    idents: &[proc_macro2::Ident],
    lits: &[TokenStream],
) -> TokenStream {
    let rt_string_enum_impls = huawei::runtime("string_enum_impls");
    quote! {
        impl #name {
            /// The documented values, in the order of the API reference.
            pub const VALUES: &'static [&'static str] = &[#(#lits),*];

            /// The value as it goes on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #lits,)*
                    Self::Unknown(value) => value.as_raw(),
                }
            }


            fn from_wire(value: ::std::borrow::Cow<'_, str>) -> Self {
                match value.as_ref() {
                    #(#lits => Self::#idents,)*
                    _ => Self::Unknown(crate::UnknownValue::new(value.into_owned())),
                }
            }
        }

        #rt_string_enum_impls!(#name);
    }
}

fn int_enum_impls(
    name: &proc_macro2::Ident,
    idents: &[proc_macro2::Ident],
    lits: &[TokenStream],
    raw: &TokenStream,
) -> TokenStream {
    let rt_int_enum_impls = huawei::runtime("int_enum_impls");
    quote! {
        impl #name {
            /// The documented values, in the order of the API reference.
            pub const VALUES: &'static [#raw] = &[#(#lits),*];

            /// The value as it goes on the wire.
            pub fn value(&self) -> #raw {
                match self {
                    #(Self::#idents => #lits,)*
                    Self::Unknown(value) => *value.as_raw(),
                }
            }

        }

        impl From<#raw> for #name {
            fn from(value: #raw) -> Self {
                match value {
                    #(#lits => Self::#idents,)*
                    other => Self::Unknown(crate::UnknownValue::new(other)),
                }
            }
        }

        #rt_int_enum_impls!(#name, #raw);
    }
}
