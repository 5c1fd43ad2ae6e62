//! The paginator of an operation that pages: `into_paginator()` and `items()` on its call,
//! built on the runtime's `paginator` (which walks the pages; the code here only says how to
//! set a page's position on a copy of the call, and where a page holds its items, total and
//! next marker).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{docs, ty};
use crate::huawei;
use crate::ir::{FieldStep, Ir, Operation, Paging, PagingParam, PagingStyle, Ty};

/// The paginator methods of `op`'s call; nothing when it does not page.
pub fn paginator(ir: &Ir, op: &Operation) -> TokenStream {
    let (Some(paging), Some(output)) = (&op.paging, &op.output) else {
        return TokenStream::new();
    };
    let rt = huawei::runtime("paginator");
    let output = ty(ir, output);
    let item = ty(ir, &paging.item_ty);
    let req = format_ident!("{}", op.request_name);
    let builder = format_ident!("{}", op.builder_name);
    let error = format_ident!("{}", op.error_name);
    let style = match paging.style {
        PagingStyle::OffsetLimit => quote!(#rt::Style::OffsetLimit),
        PagingStyle::PageSize => quote!(#rt::Style::PageSize),
        PagingStyle::Marker => quote!(#rt::Style::Marker),
    };
    let marker = paging.style == PagingStyle::Marker;
    let start_number = if marker {
        quote!(None)
    } else {
        let read = read(&paging.position);
        quote!(#read.and_then(#rt::PageNumber::page_number))
    };
    let start_marker = if marker {
        let n = format_ident!("{}", paging.position.name);
        if paging.position.in_body {
            quote!(self.body.as_ref().and_then(|body| body.#n.as_deref()))
        } else {
            quote!(self.#n.as_deref())
        }
    } else {
        quote!(None)
    };
    // The position as the call holds it, checked by the paginator: a value that is not a
    // number ends the listing before any request rather than starting it elsewhere.
    let (start_value, start_at) = if marker {
        (TokenStream::new(), TokenStream::new())
    } else {
        let read = read(&paging.position);
        let wire = &paging.position.wire;
        (
            quote!(let start_value = #read.cloned();),
            quote!(.start_at(#wire, start_value.as_ref())),
        )
    };
    let size = read(&paging.size);
    let set = set_position(&rt, paging, &req, &error);
    let items_len = walk_ref(&paging.items);
    let total = match &paging.total {
        Some((steps, _)) => {
            let w = walk_ref(steps);
            quote!(#rt::count(#w))
        }
        None => quote!(None),
    };
    let next_marker = match &paging.next_marker {
        Some(steps) => {
            let w = walk_ref(steps);
            quote!(#w.cloned())
        }
        None => quote!(None),
    };
    let items_owned = walk_owned(&paging.items);
    let (position_doc, size_doc) = (&paging.position.wire_doc(), &paging.size.wire_doc());
    let start_doc = match paging.style {
        PagingStyle::OffsetLimit => {
            format!("{position_doc} set on the call is where the listing starts (else 0)")
        }
        PagingStyle::PageSize => {
            format!("{position_doc} set on the call is the first page requested (else 1)")
        }
        PagingStyle::Marker => format!(
            "{position_doc} set on the call is where the listing starts (else the beginning)"
        ),
    };
    let end_doc = if marker {
        "It stops after a page without a next marker, or an empty one"
    } else if paging.total.is_some() {
        "It stops at the total the pages give, or at an empty page"
    } else {
        "It stops at an empty page, or at one shorter than the page size asked for"
    };
    let krate = &ir.lib_name;
    let module = &op.module;
    let paginator_doc = docs(&[
        format!(
            "Every page of the listing: a `Stream` of `Result<page, error>`, each page sent as [`send`](Self::send) sends it (with this call's parameters and options, signed afresh, retried as configured). {start_doc}; {size_doc} set on the call is the page size (else the service's default)."
        ),
        String::new(),
        format!(
            "{end_doc}. An error ends the stream with that error, and so does a server that sends the same page or marker twice or more pages than [`max_pages`]({rt_path}::Paginator::max_pages) allows ({rt_path}::DEFAULT_MAX_PAGES unless set): see [`paginator`]({rt_path}).",
            rt_path = "huaweicloud_sdk_core::paginator"
        ),
        String::new(),
        "```no_run".to_owned(),
        format!("use {krate}::runtime::paginator::TryStreamExt;"),
        String::new(),
        format!(
            "# async fn run(client: {krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{"
        ),
        format!("let mut pages = client.{module}().into_paginator();"),
        "while let Some(page) = pages.try_next().await? {".to_owned(),
        "    println!(\"{page:?}\");".to_owned(),
        "}".to_owned(),
        "# Ok(())".to_owned(),
        "# }".to_owned(),
        "```".to_owned(),
    ]);
    let items_doc = docs(&[
        "Every item of every page, in order: a `Stream` of `Result<item, error>` over [`into_paginator`](Self::into_paginator)'s pages.".to_owned(),
        String::new(),
        "```no_run".to_owned(),
        format!("use {krate}::runtime::paginator::TryStreamExt;"),
        String::new(),
        format!("# async fn run(client: {krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{"),
        format!("let all: Vec<_> = client.{module}().items().try_collect().await?;"),
        "println!(\"{} items\", all.len());".to_owned(),
        "# Ok(())".to_owned(),
        "# }".to_owned(),
        "```".to_owned(),
    ]);
    quote! {
        impl<C: crate::client::HasCallContext> #builder<C> {
            #paginator_doc
            pub fn into_paginator(self) -> #rt::Paginator<#output, #item, #error> {
                let start = #rt::Position::start(#style, #start_number, #start_marker);
                let page_size = #size.and_then(#rt::PageNumber::page_number);
                let endpoint = self.client.context().client.core().endpoints().first().cloned().unwrap_or_default();
                #start_value
                #rt::Paginator::new(
                    #req::OPERATION_ID,
                    #style,
                    start,
                    page_size,
                    |page: &#output| #rt::PageInfo {
                        items: #items_len.map_or(0, ::std::vec::Vec::len),
                        total: #total,
                        next_marker: #next_marker,
                    },
                    |page: #output| #items_owned.unwrap_or_default(),
                    move |position: #rt::Position| -> #rt::PageFuture<#output, #error> {
                        let mut call = self.clone();
                        ::std::boxed::Box::pin(async move {
                            #set
                            call.send().await
                        })
                    },
                )
                .endpoint(&endpoint)
                #start_at
            }

            #items_doc
            pub fn items(self) -> #rt::Items<#item, #error> {
                self.into_paginator().items()
            }
        }
    }
}

impl PagingParam {
    /// `` `offset` `` or `` `page` (in the body) ``, for the docs.
    fn wire_doc(&self) -> String {
        if self.in_body {
            format!("`{}` (in the body)", self.wire)
        } else {
            format!("`{}`", self.wire)
        }
    }
}

/// `Option<&T>` of a paging parameter as set on the call (`self`).
fn read(p: &PagingParam) -> TokenStream {
    let n = format_ident!("{}", p.name);
    if p.in_body {
        quote!(self.body.as_ref().and_then(|body| body.#n.as_ref()))
    } else {
        quote!(self.#n.as_ref())
    }
}

/// Sets the position parameter on `call` from `position`.
fn set_position(rt: &TokenStream, paging: &Paging, req: &Ident, error: &Ident) -> TokenStream {
    let p = &paging.position;
    let n = format_ident!("{}", p.name);
    let wire = &p.wire;
    let value = if paging.style == PagingStyle::Marker {
        quote!(position.marker().map(::std::borrow::ToOwned::to_owned))
    } else {
        let number = quote!(position.number().unwrap_or_default());
        match &p.ty {
            Ty::I32 => {
                quote!(Some(#rt::number::<i32, #error>(#req::OPERATION_ID, #wire, #number)?))
            }
            Ty::I64 => {
                quote!(Some(#rt::number::<i64, #error>(#req::OPERATION_ID, #wire, #number)?))
            }
            _ => quote!(Some(#number.to_string())),
        }
    };
    if p.in_body {
        quote! {
            let mut body = call.body.take().unwrap_or_default();
            body.#n = #value;
            call.body = Some(body);
        }
    } else {
        quote!(call.#n = #value;)
    }
}

/// `Option<&T>` of the field at `steps` in `page: &Output`.
fn walk_ref(steps: &[FieldStep]) -> TokenStream {
    let mut names = steps.iter().map(|s| format_ident!("{}", s.name));
    let Some(first) = names.next() else {
        return quote!(None);
    };
    let rest = names.map(|n| quote!(.and_then(|v| v.#n.as_ref())));
    quote!(page.#first.as_ref() #(#rest)*)
}

/// `Option<T>` of the field at `steps`, moved out of `page: Output`.
fn walk_owned(steps: &[FieldStep]) -> TokenStream {
    let mut names = steps.iter().map(|s| format_ident!("{}", s.name));
    let Some(first) = names.next() else {
        return quote!(None);
    };
    let rest = names.map(|n| quote!(.and_then(|v| v.#n)));
    quote!(page.#first #(#rest)*)
}
