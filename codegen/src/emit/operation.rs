//! One operation: its request (with a validating builder), the transport-free conversion to
//! `http::Request` and from `http::Response`, and its error enum.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::{deprecated, docs, inner_docs, model::constraint_checks, ty};
use crate::docs::escape_line;
use crate::huawei;
use crate::ir::{Ir, Location, Operation, Param, PathPart, Ty};

/// The whole `src/operations/<op>.rs` file.
pub fn operation(ir: &Ir, op: &Operation, has_error_codes: bool) -> TokenStream {
    let mut module_docs = vec![
        format!("`{}`: {}", op.id, escape_line(&op.title)),
        String::new(),
        format!("`{} {}`", op.method, op.path_template),
    ];
    if op.summary.trim() != op.title.trim() {
        module_docs.push(String::new());
        module_docs.extend(crate::docs::from_page(&op.summary));
    }
    module_docs.push(String::new());
    module_docs.extend(op.source.iter().cloned());
    let module_docs = inner_docs(&module_docs);
    let request = request(ir, op);
    let builder = builder(ir, op);
    let error = error_enum(ir, op, has_error_codes);
    let call = super::client::call(ir, op);
    let paginator = super::paging::paginator(ir, op);
    let output = output_struct(ir, op);
    // The module's own items use the deprecated request and builder.
    let allow = op
        .deprecated
        .is_some()
        .then(|| quote!(#![allow(deprecated)]));
    quote! {
        #module_docs
        #allow
        #request
        #builder
        #output
        #error
        #call
        #paginator
    }
}

/// What `send` and `parse_response` return: the success body, or, when the page documents
/// response headers, `<Id>Output` with the body and the headers.
pub(super) fn output_ty(ir: &Ir, op: &Operation) -> TokenStream {
    if !op.response_headers.is_empty() {
        let name = format_ident!("{}Output", op.id);
        return quote!(#name);
    }
    match &op.output {
        Some(t) => ty(ir, t),
        None => quote!(()),
    }
}

/// The `<Id>Output` struct, for an operation whose success response has documented headers.
fn output_struct(ir: &Ir, op: &Operation) -> Option<TokenStream> {
    if op.response_headers.is_empty() {
        return None;
    }
    let rt_secret = huawei::runtime("credentials::Secret");
    let name = format_ident!("{}Output", op.id);
    let doc = docs(&[format!(
        "What `{}` answers with: the body and the response headers the API reference documents (absent: the service did not send the header, or sent one that is not text of its type).",
        op.id
    )]);
    let body = op.output.as_ref().map(|t| {
        let t = ty(ir, t);
        quote!(
            /// The response body.
            pub body: #t,
        )
    });
    let fields = op.response_headers.iter().map(|h| {
        let n = format_ident!("{}", h.name);
        let mut lines = vec![format!("`{}`: {}", h.wire, h.docs.join(" "))];
        if h.secret {
            lines.push("A secret: shown as `****` by `Debug`.".to_owned());
        }
        let d = docs(&lines);
        let t = if h.secret {
            rt_secret.clone()
        } else {
            ty(ir, &h.ty)
        };
        quote!(#d pub #n: Option<#t>,)
    });
    Some(quote! {
        #doc
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub struct #name {
            #body
            #(#fields)*
        }
    })
}

/// Reads the documented response headers from `parts` into the output's fields.
fn read_response_headers(op: &Operation) -> Vec<TokenStream> {
    let rt_secret_new = huawei::runtime("credentials::Secret::new");
    op.response_headers
        .iter()
        .map(|h| {
            let n = format_ident!("{}", h.name);
            let wire = &h.wire;
            let text = quote!(parts.headers.get(#wire).and_then(|v| v.to_str().ok()));
            let value = match (&h.ty, h.secret) {
                (_, true) => quote!(#text.map(#rt_secret_new)),
                (Ty::String | Ty::Enum(_) | Ty::Json, false) => {
                    quote!(#text.map(::std::borrow::ToOwned::to_owned))
                }
                _ => quote!(#text.and_then(|s| s.trim().parse().ok())),
            };
            quote!(#n: #value,)
        })
        .collect()
}

/// The stored type of a parameter: `T` when mandatory, `Option<T>` otherwise.
fn param_ty(ir: &Ir, p: &Param) -> TokenStream {
    let t = ty(ir, &p.ty);
    if p.mandatory { t } else { quote!(Option<#t>) }
}

fn request(ir: &Ir, op: &Operation) -> TokenStream {
    let rt_fill_path = huawei::runtime("request::fill_path");
    let rt_invalid_request = huawei::runtime("InvalidRequest");
    let rt_method = huawei::runtime("http::Method");
    let rt_request_writer_new = huawei::runtime("request::RequestWriter::new");
    let rt_request = huawei::runtime("http::Request");
    let rt_response = huawei::runtime("http::Response");
    let name = format_ident!("{}", op.request_name);
    let builder = format_ident!("{}", op.builder_name);
    let error = format_ident!("{}", op.error_name);
    let id = &op.id;
    let method = format_ident!("{}", op.method.as_str());
    let template = &op.path_template;
    let output = output_ty(ir, op);
    let mut req_docs = vec![
        format!(
            "Request of `{}`: `{} {}`.",
            op.id, op.method, op.path_template
        ),
        String::new(),
        format!(
            "Built by [`{}::builder`], which checks the constraints the spec records (required parameters, lengths, ranges, patterns, enumerations), so a request that exists meets them; a limit a description states only in prose is not among them.",
            op.request_name
        ),
    ];
    if !op.credential_headers.is_empty() {
        req_docs.push(String::new());
        req_docs.push(format!(
            "The header{} {} {} set from the credentials when the request is signed, not here.",
            if op.credential_headers.len() > 1 {
                "s"
            } else {
                ""
            },
            op.credential_headers
                .iter()
                .map(|h| format!("`{h}`"))
                .collect::<Vec<_>>()
                .join(", "),
            if op.credential_headers.len() > 1 {
                "are"
            } else {
                "is"
            },
        ));
    }
    let req_docs = docs(&req_docs);
    let fields = op.params.iter().map(|p| {
        let n = format_ident!("{}", p.name);
        let t = param_ty(ir, p);
        quote!(#n: #t,)
    });
    let body_field = op.body.as_ref().map(|b| {
        let n = format_ident!("{}", b.name);
        let t = ty(ir, &b.ty);
        quote!(#n: #t,)
    });
    let getters = op.params.iter().map(|p| getter(ir, p));
    let body_getter = op.body.as_ref().map(|b| {
        let n = format_ident!("{}", b.name);
        let t = ty(ir, &b.ty);
        quote! {
            /// The request body.
            pub fn #n(&self) -> &#t {
                &self.#n
            }
        }
    });
    // The path parameters in the order of the template's placeholders.
    let path_values = op.path.iter().filter_map(|part| match part {
        PathPart::Literal(_) => None,
        PathPart::Param(i) => op.params.get(*i).map(|p| {
            let n = format_ident!("{}", p.name);
            quote!(&self.#n)
        }),
    });
    // Query parameters, then headers, each in the order of its table.
    let parts = [
        (Location::Query, quote!(query)),
        (Location::Header, quote!(header)),
    ]
    .into_iter()
    .flat_map(|(location, method)| {
        op.params
            .iter()
            .filter(move |p| p.location == location)
            .map(move |p| {
                let n = format_ident!("{}", p.name);
                let wire = &p.wire;
                quote!(.#method(#wire, &self.#n))
            })
    });
    let body = op.body.as_ref().map(|b| {
        let n = format_ident!("{}", b.name);
        quote!(.json_body(&self.#n))
    });
    let parse = parse_response(op);
    // A parameter named `default` has a setter `default(self, value)` that would shadow
    // `Default::default` in `Builder::default()`.
    let new_builder = if op.params.iter().any(|p| p.name == "default") {
        quote!(<#builder as ::std::default::Default>::default())
    } else {
        quote!(#builder::default())
    };
    let dep = deprecated(op, false);
    quote! {
        #req_docs
        #dep
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #(#fields)*
            #body_field
        }

        impl #name {
            /// The operation id, as the official SDKs name it.
            pub const OPERATION_ID: &'static str = #id;
            /// The HTTP method.
            pub const METHOD: #rt_method = #rt_method::#method;
            /// The path template, as the API reference writes it.
            pub const PATH_TEMPLATE: &'static str = #template;

            /// A builder for this request.
            pub fn builder() -> #builder {
                #new_builder
            }

            #(#getters)*
            #body_getter

            /// The path, with every parameter percent-encoded so no value can change its shape.
            pub fn uri_path(&self) -> String {
                #rt_fill_path(Self::PATH_TEMPLATE, &[#(#path_values),*])
            }

            /// The HTTP request, for any HTTP stack: `endpoint` is the service's base URL
            /// (`https://dbss.ap-southeast-1.myhuaweicloud.com`). Credentials are not added: add
            /// them with [`Credentials::authorize`](crate::Credentials::authorize) (signs with AK/SK,
            /// security token and project id included, or sets the token), or get the signed request
            /// `send` would send from the call, `client.<operation>().signed_request().await`.
            pub fn to_http_request(&self, endpoint: &str) -> Result<#rt_request<Vec<u8>>, #rt_invalid_request> {
                #rt_request_writer_new(Self::OPERATION_ID, Self::METHOD, endpoint, self.uri_path())
                    #(#parts)*
                    #body
                    .finish()
            }

            /// Reads the HTTP response: the documented success body, or the operation's error.
            pub fn parse_response<B: AsRef<[u8]>>(response: #rt_response<B>) -> Result<#output, #error> {
                #parse
            }
        }
    }
}

fn getter(ir: &Ir, p: &Param) -> TokenStream {
    let n = format_ident!("{}", p.name);
    let d = docs(&p.docs);
    let t = ty(ir, &p.ty);
    match (p.mandatory, &p.ty) {
        (true, Ty::String) => quote!(#d pub fn #n(&self) -> &str { &self.#n }),
        (true, _) => quote!(#d pub fn #n(&self) -> &#t { &self.#n }),
        (false, Ty::String) => quote!(#d pub fn #n(&self) -> Option<&str> { self.#n.as_deref() }),
        (false, _) => quote!(#d pub fn #n(&self) -> Option<&#t> { self.#n.as_ref() }),
    }
}

fn builder(ir: &Ir, op: &Operation) -> TokenStream {
    let rt_invalid_request = huawei::runtime("InvalidRequest");
    let rt_violations_new = huawei::runtime("Violations::new");
    let name = format_ident!("{}", op.builder_name);
    let req = format_ident!("{}", op.request_name);
    let builder_docs = docs(&[
        format!(
            "Builder of [`{}`]; [`build`](Self::build) checks the documented constraints.",
            op.request_name
        ),
        String::new(),
        format!(
            "`C` is `()` for a builder on its own ([`{}::builder`]), or the [`CallContext`](crate::client::CallContext) of a call ([`{}Call`], from the client: the client and the call's options), which [`send`]({}Call::send) sends.",
            op.request_name, op.id, op.id
        ),
    ]);
    let mut fields: Vec<(Ident, TokenStream, Vec<String>, bool)> = op
        .params
        .iter()
        .map(|p| {
            (
                format_ident!("{}", p.name),
                ty(ir, &p.ty),
                p.docs.clone(),
                p.mandatory,
            )
        })
        .collect();
    if let Some(b) = &op.body {
        fields.push((
            format_ident!("{}", b.name),
            ty(ir, &b.ty),
            vec!["The request body.".to_owned()],
            true,
        ));
    }
    let decls = fields.iter().map(|(n, t, _, _)| quote!(#n: Option<#t>,));
    let setters = fields.iter().map(|(n, t, d, _)| {
        let d = docs(d);
        quote! {
            #d
            pub fn #n(mut self, value: impl Into<#t>) -> Self {
                self.#n = Some(value.into());
                self
            }
        }
    });
    // The local that collects violations must not be shadowed by a parameter's local
    // (a query parameter named `violations`).
    let mut local = "violations".to_owned();
    while fields.iter().any(|f| f.0 == local) {
        local.push('_');
    }
    let violations = format_ident!("{}", local);
    let violations_mut = quote!(&mut #violations);
    let mut checks = Vec::new();
    let mut records = false;
    for p in &op.params {
        let n = format_ident!("{}", p.name);
        let wire = &p.wire;
        let value = quote!(value);
        let path = quote!(#wire);
        let mut c = constraint_checks(
            &p.ty,
            &p.constraints,
            &value,
            &path,
            &quote!(#violations),
            &violations_mut,
        );
        if p.location == Location::Path && p.ty == Ty::String {
            c.extend(quote!(#violations.non_empty(#wire, value);));
        }
        if p.location == Location::Header {
            c.extend(if p.ty == Ty::String {
                quote!(#violations.header_value(#wire, value);)
            } else if matches!(&p.ty, Ty::Enum(e) if ir.enums[e.0].int.is_none()) {
                // Not `&value.to_string()` (clippy::unnecessary_to_owned).
                quote!(#violations.header_value(#wire, value.as_str());)
            } else {
                quote!(#violations.header_value(#wire, &value.to_string());)
            });
        }
        records |= p.mandatory || !c.is_empty();
        checks.push(if p.mandatory && c.is_empty() {
            // No `if let Some(value)` with an empty block: `value` would be unused.
            quote!(let #n = #violations.require(#wire, self.#n);)
        } else if p.mandatory {
            quote! {
                let #n = #violations.require(#wire, self.#n);
                if let Some(value) = &#n { #c }
            }
        } else if c.is_empty() {
            quote!(let #n = self.#n;)
        } else {
            quote! {
                let #n = self.#n;
                if let Some(value) = &#n { #c }
            }
        });
    }
    if let Some(b) = &op.body {
        let n = format_ident!("{}", b.name);
        let c = constraint_checks(
            &b.ty,
            &Default::default(),
            &quote!(value),
            &quote!("body"),
            &quote!(#violations),
            &violations_mut,
        );
        records = true;
        checks.push(quote! {
            let #n = #violations.require("body", self.#n);
            if let Some(value) = &#n { #c }
        });
    }
    let required: Vec<&Ident> = fields.iter().filter(|f| f.3).map(|f| &f.0).collect();
    let all: Vec<&Ident> = fields.iter().map(|f| &f.0).collect();
    let finish = if required.is_empty() {
        quote! {
            #violations.finish()?;
            Ok(#req { #(#all),* })
        }
    } else {
        quote! {
            match (#(#required,)*) {
                (#(Some(#required),)*) if #violations.is_empty() => Ok(#req { #(#all),* }),
                _ => Err(#violations.into_error()),
            }
        }
    };
    let mutability = records.then(|| quote!(mut));
    let dep = deprecated(op, false);
    quote! {
        #builder_docs
        #dep
        #[derive(Debug, Clone, Default)]
        pub struct #name<C = ()> {
            client: C,
            #(#decls)*
        }

        impl<C> #name<C> {
            #(#setters)*

            /// Checks every documented constraint and returns the request, or every problem found.
            pub fn build(self) -> Result<#req, #rt_invalid_request> {
                let #mutability #violations = #rt_violations_new(#req::OPERATION_ID);
                #(#checks)*
                #finish
            }
        }
    }
}

fn error_body_ty(ir: &Ir, t: &Option<Ty>) -> TokenStream {
    let rt_value = huawei::runtime("serde_json::Value");
    match t {
        Some(t @ Ty::Model(_)) => ty(ir, t),
        Some(_) => quote!(#rt_value),
        None => quote!(()),
    }
}

fn parse_response(op: &Operation) -> TokenStream {
    let rt_service_error = huawei::runtime("response::service_error");
    let rt_service_error_without_body = huawei::runtime("response::service_error_without_body");
    let rt_success = huawei::runtime("response::success");
    let rt_unhandled = huawei::runtime("response::unhandled");
    let error = format_ident!("{}", op.error_name);
    let success = Literal::u16_unsuffixed(op.success_status);
    let ok = match &op.output {
        // A file: the bytes as they came, never decoded.
        Some(Ty::Bytes) => quote!(Ok(body.to_vec())),
        Some(_) => {
            quote!(#rt_success(&parts, body, #error::InvalidBody))
        }
        None => quote!(Ok(())),
    };
    // `any_success`: the page documents no success status, so any 2xx is one (with no body).
    let success_arm = if op.any_success {
        quote!(200..=299)
    } else {
        quote!(#success)
    };
    // Documented response headers: the output is a struct of the body and them.
    let ok = if op.response_headers.is_empty() {
        ok
    } else {
        let output = format_ident!("{}Output", op.id);
        let headers = read_response_headers(op);
        let body = op.output.as_ref().map(|_| quote!(body: (#ok)?,));
        quote!({
            Ok(#output {
                #(#headers)*
                #body
            })
        })
    };
    let arms = op.errors.iter().map(|e| {
        let status = Literal::u16_unsuffixed(e.status);
        let v = format_ident!("{}", e.variant);
        match &e.ty {
            Some(_) => quote! {
                #status => Err(#rt_service_error(parts, body, #error::#v, #error::Unhandled)),
            },
            None => quote! {
                #status => Err(#error::#v(#rt_service_error_without_body(parts))),
            },
        }
    });
    quote! {
        let (parts, body) = response.into_parts();
        let body = body.as_ref();
        match parts.status.as_u16() {
            #success_arm => #ok,
            #(#arms)*
            _ => Err(#error::Unhandled(#rt_unhandled(parts, body))),
        }
    }
}

fn error_enum(ir: &Ir, op: &Operation, has_error_codes: bool) -> TokenStream {
    let rt_decode_error = huawei::runtime("DecodeError");
    let rt_error_metadata = huawei::runtime("ErrorMetadata");
    let rt_operation_error_impls = huawei::runtime("operation_error_impls");
    let rt_service_error = huawei::runtime("ServiceError");
    let rt_unhandled_response = huawei::runtime("UnhandledResponse");
    let name = format_ident!("{}", op.error_name);
    let id = &op.id;
    let doc = format!(
        " Why `{}` failed: a variant per documented error status with the decoded body and the request id, and variants for anything else.",
        op.id
    );
    let variants: Vec<Ident> = op
        .errors
        .iter()
        .map(|e| format_ident!("{}", e.variant))
        .collect();
    let decls = op.errors.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        let t = error_body_ty(ir, &e.ty);
        let d = docs(&[format!("`{}`: {}", e.status, escape_line(&e.description))]);
        quote!(#d #v(Box<#rt_service_error<#t>>),)
    });
    let invalid_doc = format!(
        " The `{}` response body does not match the API reference; the raw body is kept.",
        op.success_status
    );
    let known = has_error_codes.then(|| {
        quote! {
            /// The documented error code, when the service sent one the error codes page lists.
            pub fn known_error_code(&self) -> Option<crate::error_codes::ErrorCode> {
                #rt_error_metadata::error_code(self).and_then(crate::error_codes::ErrorCode::from_code)
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#decls)*
            #[doc = #invalid_doc]
            InvalidBody(Box<#rt_decode_error>),
            /// A status the API reference does not document, or an error body that is not the documented one (an HTML page from a proxy, say).
            Unhandled(Box<#rt_unhandled_response>),
        }

        impl #name {
            /// The response behind the error, whatever the variant: what its `ErrorMetadata` reads.
            fn response(&self) -> &dyn #rt_error_metadata {
                match self {
                    #(Self::#variants(e) => e.as_ref(),)*
                    Self::InvalidBody(e) => e.as_ref(),
                    Self::Unhandled(e) => e.as_ref(),
                }
            }

            #known
        }

        #rt_operation_error_impls!(#name, #id);
    }
}
