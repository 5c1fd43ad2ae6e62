//! The client side: `src/client.rs` (the `Client`, its builder, the region list), per
//! operation a `…Call` that sends the request through the client and an `OperationError`
//! impl, and `src/mock.rs`, the table the runtime's mock server serves (feature `mock`).

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{docs, ty};
use crate::docs::escape_line;
use crate::huawei;
use crate::ir::{Ir, Location, Operation, Ty};

/// `src/client.rs`.
pub fn client_file(ir: &Ir) -> TokenStream {
    let rt_build_error = huawei::runtime("client::BuildError");
    let rt_client_builder = huawei::runtime("client::ClientBuilder");
    let rt_client_config = huawei::runtime("client::ClientConfig");
    let rt_client_core = huawei::runtime("client::ClientCore");
    let rt_credentials = huawei::runtime("credentials::Credentials");
    let rt_from_env = huawei::runtime("client::ClientBuilder::from_env");
    let rt_http_config = huawei::runtime("transport::HttpConfig");
    let rt_new = huawei::runtime("client::ClientBuilder::new");
    let rt_retry_policy = huawei::runtime("retry::RetryPolicy");
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
    ]);
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
                ClientBuilder { inner: #rt_from_env(CONFIG) }.build()
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

        /// Builder of [`Client`].
        #[derive(Debug)]
        pub struct ClientBuilder {
            inner: #rt_client_builder,
        }

        impl ClientBuilder {
            /// The region, such as `ap-southeast-1`: the endpoint follows from it.
            pub fn region(self, region: impl Into<String>) -> Self {
                ClientBuilder { inner: self.inner.region(region) }
            }

            /// An explicit endpoint (any `http` or `https` URL); wins over the region.
            pub fn endpoint(self, endpoint: impl Into<String>) -> Self {
                ClientBuilder { inner: self.inner.endpoint(endpoint) }
            }

            /// The credentials; without them, the environment and the credentials file are tried.
            pub fn credentials(self, credentials: #rt_credentials) -> Self {
                ClientBuilder { inner: self.inner.credentials(credentials) }
            }

            /// All HTTP settings at once.
            pub fn http(self, http: #rt_http_config) -> Self {
                ClientBuilder { inner: self.inner.http(http) }
            }

            /// When to retry, and how long to wait.
            pub fn retry(self, retry: #rt_retry_policy) -> Self {
                ClientBuilder { inner: self.inner.retry(retry) }
            }

            /// How long connecting may take (60 s by default).
            pub fn connect_timeout(self, timeout: ::std::time::Duration) -> Self {
                ClientBuilder { inner: self.inner.connect_timeout(timeout) }
            }

            /// How long reading a response may take (120 s by default).
            pub fn read_timeout(self, timeout: ::std::time::Duration) -> Self {
                ClientBuilder { inner: self.inner.read_timeout(timeout) }
            }

            /// The client, or why it cannot be built (no region or endpoint, no credentials).
            pub fn build(self) -> Result<Client, #rt_build_error> {
                Ok(Client { core: self.inner.build()? })
            }
        }
    }
}

/// The `…Call` of an operation: its builder with the client (`…RequestBuilder<Client>`), which
/// sends the request.
pub fn call(ir: &Ir, op: &Operation) -> TokenStream {
    let rt_error = huawei::runtime("Error");
    let call = format_ident!("{}Call", op.id);
    let req = format_ident!("{}", op.request_name);
    let builder = format_ident!("{}", op.builder_name);
    let error = format_ident!("{}", op.error_name);
    let output = match &op.output {
        Some(t) => ty(ir, t),
        None => quote!(()),
    };
    let doc = docs(&[format!(
        "A `{}` call through a [`Client`](crate::Client): the builder of the request with the client, so set the parameters, then [`send`]({}::send) it.",
        op.id, op.builder_name
    )]);
    let unset = op
        .params
        .iter()
        .map(|p| &p.name)
        .chain(op.body.as_ref().map(|b| &b.name))
        .map(|n| {
            let n = format_ident!("{}", n);
            quote!(#n: None,)
        });
    // A parameter the credentials fill (the project id) when the call does not set it.
    let filled: Vec<_> = op.params.iter().filter(|p| p.from_credentials).collect();
    let fills = filled.iter().map(|p| {
        let n = format_ident!("{}", p.name);
        let wire = &p.wire;
        quote! {
            if request.#n.is_none() {
                request = request.#n(client.core().require_project_id(#req::OPERATION_ID, #wire)?);
            }
        }
    });
    let request_mut = (!filled.is_empty()).then(|| quote!(mut));
    quote! {
        #doc
        pub type #call = #builder<crate::Client>;

        impl #builder<crate::Client> {
            pub(crate) fn new(client: crate::Client) -> Self {
                #builder { client, #(#unset)* }
            }

            /// Checks the parameters, then sends the request (signed, with retries as configured)
            /// and reads the response.
            pub async fn send(self) -> Result<#output, #rt_error<#error>> {
                let client = self.client.clone();
                let #request_mut request = self;
                #(#fills)*
                let request = request.build()?;
                client
                    .core()
                    .call(#req::OPERATION_ID, &|endpoint: &str| request.to_http_request(endpoint), #req::parse_response)
                    .await
            }
        }
    }
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
            }
        }
    });
    let uses_params = ir.operations.iter().any(|o| !o.params.is_empty());
    let param_imports = uses_params.then(|| quote!(MockParam, ParamLocation,));
    quote! {
        //! An in-process mock of the service (feature `mock`): serves each operation's documented
        //! example, checks requests against the API reference, and can answer any documented
        //! status. No account or network needed.

        use #rt_mock::{MockOperation, #param_imports MockServer, MockStatus};

        /// Every operation, as the mock server checks and answers it.
        pub static OPERATIONS: &[MockOperation] = &[#(#ops),*];

        /// Starts the mock on `127.0.0.1` (a free port); it stops when dropped. Point a client at
        /// [`MockServer::endpoint`].
        pub async fn start() -> ::std::io::Result<MockServer> {
            MockServer::start(OPERATIONS).await
        }
    }
}
