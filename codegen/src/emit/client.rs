//! The client side: `src/client.rs` (the `Client`, its builder, the region list), per
//! operation a `…Call` that sends the request through the client, and `src/mock.rs`, the
//! table the runtime's mock server serves (feature `mock`).

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{docs, inner_docs};
use crate::docs::escape_line;
use crate::huawei;
use crate::ir::{Ir, Location, Operation, PagingStyle, Ty};

/// `src/client.rs`.
pub fn client_file(ir: &Ir) -> TokenStream {
    let rt_build_error = huawei::runtime("client::BuildError");
    let rt_client_builder = huawei::runtime("client::ClientBuilder");
    let rt_client_config = huawei::runtime("client::ClientConfig");
    let rt_client_core = huawei::runtime("client::ClientCore");
    let rt_from_env = huawei::runtime("client::ClientBuilder::from_env");
    let rt_new = huawei::runtime("client::ClientBuilder::new");
    let rt_call_options = huawei::runtime("CallOptions");
    // With no operation compiled (every one in a group, none of them on), nothing makes a
    // call: the call context is unused, which is no warning to give.
    let unused_without_groups = if ir.operations.iter().any(|op| op.group.is_none()) {
        TokenStream::new()
    } else {
        let groups: std::collections::BTreeSet<&String> = ir
            .operations
            .iter()
            .filter_map(|op| op.group.as_ref())
            .collect();
        match groups.len() {
            0 => quote!(#![allow(dead_code)]),
            _ => quote!(#![cfg_attr(not(any(#(feature = #groups),*)), allow(dead_code))]),
        }
    };
    let service = &ir.service_name;
    let template = ir.endpoint_template.as_deref().unwrap_or("");
    let regions = ir.regions.iter().map(|r| Literal::string(r));
    let title = escape_line(&ir.service_title);
    let example_region = ir
        .regions
        .iter()
        .find(|r| r.as_str() == "ap-southeast-1")
        .or(ir.regions.first())
        .cloned()
        .unwrap_or_else(|| "ap-southeast-1".to_owned());
    let client_doc = docs(&[
        format!(
            "A client of the {title} API: signs each request with the credentials and sends it to the region's endpoint."
        ),
        String::new(),
        "Cheap to clone (the connection pool is shared); build one and reuse it.".to_owned(),
        String::new(),
        huawei::from_env_doc(&example_region),
        "- [`Client::builder`]: everything from code.".to_owned(),
        String::new(),
    ]
    .into_iter()
    .chain(example(ir, false))
    .collect::<Vec<_>>());
    let core_builder_doc = format!(
        "[`ClientBuilder`]({}::client::ClientBuilder)",
        huawei::runtime_crate()
    );
    let forwards = builder_forwards()
        .into_iter()
        .map(|(name, params, args, doc)| {
            let name = format_ident!("{name}");
            quote! {
                #[doc = #doc]
                pub fn #name(self, #params) -> Self {
                    ClientBuilder { inner: self.inner.#name(#args) }
                }
            }
        });
    let methods = ir.operations.iter().map(|op| {
        let m = format_ident!("{}", op.module);
        let call = format_ident!("{}Call", op.id);
        let module = format_ident!("{}", op.module);
        let d = docs(&[
            format!("`{}`: {}", op.id, escape_line(&op.title)),
            String::new(),
            format!("`{} {}`", op.method, op.path_template),
        ]);
        let (on, dep, allow) = (
            super::op_cfg(op),
            super::deprecated(op, false),
            super::deprecated(op, true),
        );
        quote! {
            #d
            #on
            #dep
            #allow
            pub fn #m(&self) -> crate::operations::#module::#call {
                crate::operations::#module::#call::new(self.clone())
            }
        }
    });
    quote! {
        //! The client: sends the operations to the service, signing each request.

        /// The regions the service is offered in.
        pub const REGIONS: &[&str] = &[#(#regions),*];

        /// What the runtime needs to know about this service: its name, endpoint template and regions.
        pub const CONFIG: #rt_client_config = #rt_client_config {
            service: #service,
            endpoint_template: #template,
            regions: REGIONS,
        };

        #client_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            core: #rt_client_core,
        }

        impl Client {
            /// A builder: region or endpoint, credentials, timeouts, retries.
            pub fn builder() -> ClientBuilder {
                ClientBuilder { inner: #rt_new(CONFIG) }
            }

            /// A client configured from the environment, as the official SDKs are.
            pub fn from_env() -> Result<Client, #rt_build_error> {
                ClientBuilder::from_env().build()
            }

            /// A client around a runtime client core.
            pub fn from_core(core: #rt_client_core) -> Self {
                Client { core }
            }

            /// The runtime client core: endpoints, project id, HTTP settings.
            pub fn core(&self) -> &#rt_client_core {
                &self.core
            }

            #(#methods)*
        }

        pub use call::{CallContext, HasCallContext};

        /// The call context and the trait sending is generic over.
        mod call {
            #unused_without_groups
            use super::Client;

        /// What a call builder carries besides its parameters: the client, and the options set
        /// with `customize`.
        #[derive(Debug, Clone)]
        pub struct CallContext {
            pub(crate) client: Client,
            pub(crate) options: #rt_call_options,
        }

        impl CallContext {
            pub(crate) fn new(client: Client) -> Self {
                CallContext { client, options: #rt_call_options::new() }
            }
        }

        /// What a builder needs to send: the [`CallContext`] of a call from the [`Client`], and
        /// nothing else (a builder on its own, `…Request::builder()`, only builds). Sending is
        /// generic over it only so that an operation's sending code is compiled where it is
        /// called, not for every operation when this crate is built.
        #[diagnostic::on_unimplemented(
            message = "only a call from the client sends: `client.<operation>()`, not `<Request>::builder()`",
            label = "a builder on its own only builds"
        )]
        pub trait HasCallContext: Clone + Send + Sync + 'static + sealed::Sealed {
            /// The call's client and options.
            fn context(&self) -> &CallContext;
            /// The call's client and options, to change.
            fn context_mut(&mut self) -> &mut CallContext;
        }

        impl HasCallContext for CallContext {
            fn context(&self) -> &CallContext {
                self
            }
            fn context_mut(&mut self) -> &mut CallContext {
                self
            }
        }

        mod sealed {
            pub trait Sealed {}
            impl Sealed for super::CallContext {}
        }

        }

        /// Builder of [`Client`]: every setting of the runtime's
        #[doc = #core_builder_doc]
        /// forwarded, and [`with_core`](Self::with_core) for any other.
        #[derive(Debug)]
        pub struct ClientBuilder {
            inner: #rt_client_builder,
        }

        impl ClientBuilder {
            /// A builder configured from the environment, as [`Client::from_env`] reads it, to
            /// change or add settings before [`build`](Self::build).
            pub fn from_env() -> ClientBuilder {
                ClientBuilder { inner: #rt_from_env(CONFIG) }
            }

            #(#forwards)*

            /// Applies `f` to the runtime's builder: a setting this builder does not forward.
            pub fn with_core(self, f: impl FnOnce(#rt_client_builder) -> #rt_client_builder) -> Self {
                ClientBuilder { inner: f(self.inner) }
            }

            /// The client, or why it cannot be built (no region or endpoint, no credentials).
            pub fn build(self) -> Result<Client, #rt_build_error> {
                Ok(Client { core: self.inner.build()? })
            }
        }
    }
}

/// The runtime builder's settings the generated `ClientBuilder` forwards: name, parameters,
/// arguments, doc line.
fn builder_forwards() -> Vec<(&'static str, TokenStream, TokenStream, &'static str)> {
    let credentials = huawei::runtime("Credentials");
    let http = huawei::runtime("HttpConfig");
    let retry = huawei::runtime("RetryPolicy");
    let http_client = huawei::runtime("HttpClient");
    let duration = quote!(::std::time::Duration);
    let string = quote!(impl Into<String>);
    vec![
        (
            "region",
            quote!(region: #string),
            quote!(region),
            "The region, such as `ap-southeast-1`: the endpoint follows from it.",
        ),
        (
            "endpoint",
            quote!(endpoint: #string),
            quote!(endpoint),
            "An explicit endpoint (any `http` or `https` URL); wins over the region.",
        ),
        (
            "endpoints",
            quote!(endpoints: impl IntoIterator<Item = impl Into<String>>),
            quote!(endpoints),
            "Several endpoints, tried in order when a host cannot be reached; they win over the region.",
        ),
        (
            "credentials",
            quote!(credentials: #credentials),
            quote!(credentials),
            "The credentials; without them, the environment, the credentials file and instance metadata are tried.",
        ),
        (
            "environment",
            quote!(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static),
            quote!(lookup),
            "Reads the environment's variables (region, credentials, endpoint overrides) from `lookup` instead of the process environment.",
        ),
        (
            "http",
            quote!(http: #http),
            quote!(http),
            "All HTTP settings at once (call it before the finer settings).",
        ),
        (
            "retry",
            quote!(retry: #retry),
            quote!(retry),
            "When to retry, and how long to wait.",
        ),
        (
            "connect_timeout",
            quote!(timeout: #duration),
            quote!(timeout),
            "How long connecting may take (60 s by default).",
        ),
        (
            "read_timeout",
            quote!(timeout: #duration),
            quote!(timeout),
            "How long each read of a response may take (120 s by default).",
        ),
        (
            "timeout",
            quote!(timeout: impl Into<Option<#duration>>),
            quote!(timeout),
            "The deadline of a whole call, retries included (300 s by default); `None` for none.",
        ),
        (
            "proxy",
            quote!(url: #string),
            quote!(url),
            "Sends every request through the proxy at `url` (never printed).",
        ),
        (
            "proxy_auth",
            quote!(user: #string, password: #string),
            quote!(user, password),
            "Authenticates to the proxy (the password is never printed).",
        ),
        (
            "proxy_from_env",
            quote!(),
            quote!(),
            "Uses `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` when no proxy is set.",
        ),
        (
            "ca_bundle",
            quote!(path: impl Into<::std::path::PathBuf>),
            quote!(path),
            "Trusts the CA certificates of the PEM file at `path` besides the built-in roots.",
        ),
        (
            "danger_skip_tls_verification",
            quote!(),
            quote!(),
            "DANGEROUS: accepts any TLS certificate, so anyone on the network path can read and change requests. Prefer `ca_bundle`.",
        ),
        (
            "user_agent_suffix",
            quote!(suffix: &str),
            quote!(suffix),
            "Appends `suffix` (such as `my-tool/1.2`) to the `User-Agent`.",
        ),
        (
            "http_client",
            quote!(client: ::std::sync::Arc<dyn #http_client>),
            quote!(client),
            "Sends every request through `client` instead of the default reqwest stack.",
        ),
        (
            "metadata_endpoint",
            quote!(endpoint: #string),
            quote!(endpoint),
            "The instance metadata endpoint, the last step of the credential chain.",
        ),
        (
            "iam_endpoint",
            quote!(endpoint: #string),
            quote!(endpoint),
            "The IAM endpoint a missing project id is looked up at.",
        ),
    ]
}

/// The `…Call` of an operation: its builder with the client and the per-call options
/// (`…RequestBuilder<CallContext>`), which sends the request, or signs it without sending.
pub fn call(ir: &Ir, op: &Operation) -> TokenStream {
    let rt_error = huawei::runtime("Error");
    let rt_send_error = huawei::runtime("SendError");
    let rt_call_options = huawei::runtime("CallOptions");
    let rt_http = huawei::runtime("http");
    let call = format_ident!("{}Call", op.id);
    let req = format_ident!("{}", op.request_name);
    let builder = format_ident!("{}", op.builder_name);
    let error = format_ident!("{}", op.error_name);
    let output = super::operation::output_ty(ir, op);
    let doc = docs(&[
        format!(
            "A `{}` call through a [`Client`](crate::Client): the builder of the request with the client, so set the parameters, then [`send`]({}::send) it.",
            op.id, op.builder_name
        ),
        String::new(),
        format!(
            "[`customize`]({b}::customize) sets a deadline, retry policy or extra headers for this call; [`signed_request`]({b}::signed_request) gives the signed request `send` would send, without sending it; [`into_request`]({b}::into_request) the request with the project id filled as `send` fills it.",
            b = op.builder_name
        ),
    ]);
    // Every field starts unset, except those the credentials fill (the project id): they start
    // with the credentials' value when it is known without a lookup, so that `build()` on a
    // call works as `send()` does (a lookup in IAM needs `into_request`, which is async).
    let unset = op
        .params
        .iter()
        .map(|p| (&p.name, p.from_credentials))
        .chain(op.body.as_ref().map(|b| (&b.name, false)))
        .map(|(n, from_credentials)| {
            let n = format_ident!("{}", n);
            if from_credentials {
                quote!(#n: client.core().project_id().map(::std::borrow::ToOwned::to_owned),)
            } else {
                quote!(#n: None,)
            }
        });
    // A parameter the credentials fill (the project id) when the call does not set it.
    let filled: Vec<_> = op.params.iter().filter(|p| p.from_credentials).collect();
    let fills = filled.iter().map(|p| {
        let n = format_ident!("{}", p.name);
        let wire = &p.wire;
        quote! {
            if request.#n.is_none() {
                request = request.#n(context.client.core().resolve_project_id(#req::OPERATION_ID, #wire).await?);
            }
        }
    });
    let request_mut = (!filled.is_empty()).then(|| quote!(mut));
    let signed_doc = docs(&[
        "The exact request [`send`](Self::send) would put on the wire first (endpoint, project id,"
            .to_owned(),
        format!(
            "`User-Agent`, extra headers, signature), without sending it: send it with any HTTP client within 15 minutes. [`to_http_request`]({}::to_http_request) gives it unsigned.",
            op.request_name
        ),
    ]);
    quote! {
        #doc
        pub type #call = #builder<crate::client::CallContext>;

        impl #builder<crate::client::CallContext> {
            pub(crate) fn new(client: crate::Client) -> Self {
                #builder { #(#unset)* client: crate::client::CallContext::new(client) }
            }
        }

        impl<C: crate::client::HasCallContext> #builder<C> {
            /// A deadline, retry policy or extra headers for this call only, instead of the client's.
            pub fn customize(mut self, options: #rt_call_options) -> Self {
                self.client.context_mut().options = options;
                self
            }

            /// The request as `send` sends it: the project id filled from the credentials when not
            /// set (looked up in IAM when the credentials name none), the parameters checked.
            pub async fn into_request(self) -> Result<#req, #rt_send_error> {
                self.prepare().await.map(|(_, request)| request)
            }

            #signed_doc
            pub async fn signed_request(self) -> Result<#rt_http::Request<Vec<u8>>, #rt_send_error> {
                let (context, request) = self.prepare().await?;
                context
                    .client
                    .core()
                    .signed_request(#req::OPERATION_ID, &|endpoint: &str| request.to_http_request(endpoint), &context.options)
                    .await
            }

            /// Checks the parameters, then sends the request (signed, with retries as configured)
            /// and reads the response.
            pub async fn send(self) -> Result<#output, #rt_error<#error>> {
                let (context, request) = self.prepare().await?;
                context
                    .client
                    .core()
                    .call_with(#req::OPERATION_ID, &|endpoint: &str| request.to_http_request(endpoint), #req::parse_response, &context.options)
                    .await
            }

            async fn prepare(self) -> Result<(crate::client::CallContext, #req), #rt_send_error> {
                let context = self.client.context().clone();
                let #request_mut request = self;
                #(#fills)*
                Ok((context, request.build()?))
            }
        }
    }
}

/// A `no_run` rustdoc example calling the first operation that needs no parameter (the project
/// id comes from the credentials), against the mock or the real service; empty when every
/// operation needs one.
pub(super) fn example(ir: &Ir, against_mock: bool) -> Vec<String> {
    // An operation the default features compile, not deprecated, callable without arguments.
    let in_default = |o: &&crate::ir::Operation| match &o.group {
        None => true,
        Some(g) => ir.groups.iter().any(|x| &x.feature == g && x.default),
    };
    let Some(op) = ir.operations.iter().filter(in_default).find(|o| {
        o.deprecated.is_none()
            && o.body.is_none()
            && o.params.iter().all(|p| p.from_credentials || !p.mandatory)
    }) else {
        return Vec::new();
    };
    let krate = ir.crate_name.replace('-', "_");
    let region = ir
        .regions
        .iter()
        .find(|r| r.as_str() == "ap-southeast-1")
        .or(ir.regions.first())
        .map_or("ap-southeast-1", String::as_str);
    let mut lines = vec!["```no_run".to_owned()];
    if against_mock {
        lines.extend([
            format!("use {krate}::{{mock, Client, Credentials}};"),
            String::new(),
            "# async fn run() -> Result<(), Box<dyn std::error::Error>> {".to_owned(),
            "let server = mock::start().await?;".to_owned(),
            "let client = Client::builder()".to_owned(),
            "    .endpoint(server.endpoint())".to_owned(),
            "    .credentials(Credentials::aksk(\"my-ak\", \"my-sk\").with_project_id(\"0123456789abcdef0123456789abcdef\"))".to_owned(),
            "    .build()?;".to_owned(),
        ]);
    } else {
        lines.extend([
            format!("use {krate}::{{Client, Credentials}};"),
            String::new(),
            "# async fn run() -> Result<(), Box<dyn std::error::Error>> {".to_owned(),
            "let client = Client::builder()".to_owned(),
            format!("    .region(\"{region}\")"),
            "    .credentials(Credentials::aksk(\"my-ak\", \"my-sk\")) // the project id is looked up in IAM".to_owned(),
            "    .build()?;".to_owned(),
        ]);
    }
    lines.extend([
        format!("let output = client.{}().send().await?;", op.module),
        "println!(\"{output:?}\");".to_owned(),
        "# Ok(())".to_owned(),
        "# }".to_owned(),
        "```".to_owned(),
    ]);
    lines
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(v) => {
            let l = Literal::u64_unsuffixed(v);
            quote!(Some(#l))
        }
        None => quote!(None),
    }
}

fn opt_i64(v: Option<i64>) -> TokenStream {
    match v {
        Some(v) => {
            let l = Literal::i64_unsuffixed(v);
            quote!(Some(#l))
        }
        None => quote!(None),
    }
}

/// `src/mock.rs`: the operations, as the runtime's mock server checks and answers them.
pub fn mock_file(ir: &Ir) -> TokenStream {
    let rt_mock = huawei::runtime("mock");
    let ops = ir.operations.iter().map(|op| {
        let id = &op.id;
        let method = op.method.as_str();
        let template = &op.path_template;
        let params = op.params.iter().map(|p| {
            let name = &p.wire;
            let location = match p.location {
                Location::Path => quote!(Path),
                Location::Query => quote!(Query),
                Location::Header => quote!(Header),
            };
            let mandatory = p.mandatory;
            let c = &p.constraints;
            let length = (c.min_length.is_some() || c.max_length.is_some()).then(|| {
                let (min, max) = (opt_u64(c.min_length), opt_u64(c.max_length));
                quote!(.length(#min, #max))
            });
            let range = (c.minimum.is_some() || c.maximum.is_some()).then(|| {
                let (min, max) = (opt_i64(c.minimum), opt_i64(c.maximum));
                quote!(.range(#min, #max))
            });
            let enum_name = match &p.ty {
                Ty::Enum(e) => Some(e),
                Ty::Vec(inner) => match inner.as_ref() {
                    Ty::Enum(e) => Some(e),
                    _ => None,
                },
                _ => None,
            };
            let allowed: Vec<String> = enum_name
                .and_then(|e| ir.enums.get(e.0))
                .map(|e| e.variants.iter().map(|v| v.value.text()).collect())
                .unwrap_or_default();
            let allowed = (!allowed.is_empty()).then(|| quote!(.allowed(&[#(#allowed),*])));
            quote!(MockParam::new(#name, ParamLocation::#location, #mandatory) #length #range #allowed)
        });
        let mut statuses = vec![(op.success_status, op.success_description.clone())];
        statuses.extend(op.errors.iter().map(|e| (e.status, e.description.clone())));
        let statuses = statuses.into_iter().map(|(status, description)| {
            let s = Literal::u16_unsuffixed(status);
            let example = match op.response_examples.iter().find(|x| x.status == status) {
                Some(x) => {
                    let name = format_ident!("{}", x.const_name);
                    quote!(Some(crate::examples::#name))
                }
                None => quote!(None),
            };
            quote!(MockStatus::new(#s, #description, #example))
        });
        let success = Literal::u16_unsuffixed(op.success_status);
        let has_body = op.body.is_some();
        let paging = match &op.paging {
            Some(p) => {
                let position = &p.position.wire;
                let in_body = p.position.in_body;
                let style = format_ident!(
                    "{}",
                    match p.style {
                        PagingStyle::OffsetLimit => "Offset",
                        PagingStyle::PageSize => "Page",
                        PagingStyle::Marker => "Marker",
                    }
                );
                let items = p.items.iter().map(|step| &step.wire);
                quote!(Some(#rt_mock::MockPaging {
                    position: #position,
                    style: #rt_mock::MockPagingStyle::#style,
                    in_body: #in_body,
                    items: &[#(#items),*],
                }))
            }
            None => quote!(None),
        };
        let on = super::op_cfg(op);
        quote! {
            #on
            MockOperation {
                id: #id,
                method: #method,
                path_template: #template,
                params: &[#(#params),*],
                success_status: #success,
                statuses: &[#(#statuses),*],
                has_body: #has_body,
                paging: #paging,
            }
        }
    });
    // An operation the default features compile, so that the link resolves in their docs.
    // Linked only where its group is on, so that the docs of any feature set resolve.
    let example_id_doc = match super::default_operation(ir) {
        Some(op) => {
            let link = format!(
                " [`{0}::OPERATION_ID`](crate::operations::{0}::OPERATION_ID)) with",
                op.request_name
            );
            let plain = format!(" `\"{}\"`) with", op.id);
            match &op.group {
                Some(g) => quote! {
                    #[cfg_attr(feature = #g, doc = #link)]
                    #[cfg_attr(not(feature = #g), doc = #plain)]
                },
                None => quote!(#[doc = #link]),
            }
        }
        None => quote!(#[doc = " `\"ListInstances\"`) with"]),
    };
    let uses_params = ir.operations.iter().any(|o| !o.params.is_empty());
    let param_imports = uses_params.then(|| quote!(MockParam, ParamLocation,));
    let mock_doc = inner_docs(
        &[
            "An in-process mock of the service (feature `mock`): serves each operation's documented".to_owned(),
            "example, checks requests against the API reference, and can answer any documented".to_owned(),
            "status or error code ([`respond_with_code`]). No account or network needed.".to_owned(),
            String::new(),
            "A listing's example is its first page: a request for a later page (an offset past 0, a".to_owned(),
            "page past 1, a marker) gets the example with no items, so that `items()` and".to_owned(),
            "`into_paginator()` over the mock end after the example's items.".to_owned(),
            String::new(),
        ]
        .into_iter()
        .chain(example(ir, true))
        .collect::<Vec<_>>(),
    );
    quote! {
        #mock_doc

        use #rt_mock::{MockOperation, #param_imports MockStatus};
        #[doc(inline)]
        pub use #rt_mock::MockServer;

        /// Every operation, as the mock server checks and answers it.
        pub static OPERATIONS: &[MockOperation] = &[#(#ops),*];

        /// Starts the mock on `127.0.0.1` (a free port); it stops when dropped. Point a client at
        /// [`MockServer::endpoint`].
        pub async fn start() -> ::std::io::Result<MockServer> {
            MockServer::start(OPERATIONS).await
        }

        /// Makes `server` answer operation `operation` (an `OPERATION_ID`, such as
        #example_id_doc
        /// the documented error `code` as the service sends it: its status, code and message, so
        /// the operation's error decodes to its documented variant and `known_error_code()` gives
        /// `code`. [`MockServer::reset`] undoes it.
        ///
        /// # Errors
        ///
        /// A message when the server has no such operation or the operation does not document
        /// the code's status.
        pub fn respond_with_code(
            server: &MockServer,
            operation: &str,
            code: crate::error_codes::ErrorCode,
        ) -> Result<(), String> {
            server.respond_with_error(operation, code.status(), code.code(), code.message())
        }
    }
}
