//! Validated catalogue → the `aculab-errors` module `generated.rs`.
//!
//! Tokens are built with `quote`, parsed into a `syn::File` (so a generator bug is caught here,
//! not by the compiler of a user's crate) and printed by prettyplease, which gives the same bytes
//! on every machine. The module holds data only: the enums, `ALL`, the raw-number consts and one
//! record per code and per category. The methods that read them are hand-written in
//! `aculab-errors`, which imports this module; this module imports nothing.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, ToTokens};

use crate::model::{Catalogue, Entry, Retry};
use crate::names::{constant as const_name, variant as variant_name};
use crate::text::markdown;
use crate::GENERATED_BY;

/// Renders the generated Rust module.
pub fn render(cat: &Catalogue) -> String {
    let tokens = module(cat);
    let file: syn::File = syn::parse2(tokens).expect("the generator emits valid Rust");
    format!(
        "// @generated {GENERATED_BY}\n\n{}",
        prettyplease::unparse(&file)
    )
}

fn ident(s: &str) -> Ident {
    Ident::new(s, Span::call_site())
}

/// `Some(value)` or `None` as Rust tokens.
fn option<T: ToTokens>(value: Option<T>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

/// One `#[doc]` attribute per line, so prettyplease prints plain `///` comments.
fn doc(text: &str) -> TokenStream {
    text.lines()
        .map(|line| {
            let line = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            quote!(#[doc = #line])
        })
        .collect()
}

fn variant_doc(cat: &Catalogue, e: &Entry) -> String {
    let http = e
        .http
        .map_or("no HTTP status".to_string(), |s| format!("HTTP {s}"));
    let mut d = format!(
        "`{}` ({http}): {}\n",
        e.code_str(),
        markdown(&e.description)
    );
    if let Some(remedy) = &e.remedy {
        d += &format!("\n**Remedy:** {}\n", markdown(remedy));
    }
    d += &format!("\n**Retry:** {}.\n", e.retry.advice());
    if let Some(note) = &e.retired {
        d += &format!("\n**Retired:** {}\n", markdown(note));
    }
    // The URL is a validated plain https URL; the angle brackets let it hold parentheses.
    d += &format!("\n[Official page](<{}>)", cat.doc_url(e));
    d
}

fn module(cat: &Catalogue) -> TokenStream {
    let n = cat.entries.len();
    let variants: Vec<Ident> = cat
        .entries
        .iter()
        .map(|e| ident(&variant_name(&e.name)))
        .collect();
    let categories: Vec<Ident> = cat
        .categories
        .iter()
        .map(|c| ident(&variant_name(&c.id)))
        .collect();

    let enum_variants = cat.entries.iter().zip(&variants).map(|(e, v)| {
        let doc = doc(&variant_doc(cat, e));
        let code = Literal::u16_unsuffixed(e.code);
        // A retired code is documented as such but not deprecated: old systems and logs still
        // carry it, and matching on it must stay warning-free.
        quote! { #doc #v = #code, }
    });
    let aliases = cat.entries.iter().zip(&variants).flat_map(|(e, v)| {
        e.aliases.iter().map(move |a| {
            let alias = ident(&variant_name(a));
            let note = format!("renamed to `ErrorCode::{v}`");
            let doc = doc(&format!(
                "Former name of [`ErrorCode::{v}`] (`{}`).",
                e.code_str()
            ));
            quote! {
                #doc
                #[deprecated(note = #note)]
                #[allow(non_upper_case_globals)]
                pub const #alias: ErrorCode = ErrorCode::#v;
            }
        })
    });
    let consts = cat.entries.iter().flat_map(|e| {
        let code = Literal::u16_unsuffixed(e.code);
        let v = variant_name(&e.name);
        let main = ident(&const_name(&e.name));
        let doc = doc(&format!("`{}`: the raw number of [`ErrorCode::{v}`](crate::ErrorCode::{v}).", e.code_str()));
        let old: Vec<TokenStream> = e
            .aliases
            .iter()
            .map(|a| {
                let alias = ident(&const_name(a));
                let note = format!("renamed to `{main}`");
                quote! { #[doc = " Former name; see the renamed const."] #[deprecated(note = #note)] pub const #alias: u16 = #code; }
            })
            .collect();
        std::iter::once(quote! { #doc pub const #main: u16 = #code; }).chain(old)
    });

    let all = quote!(#(ErrorCode::#variants),*);
    let records = cat.entries.iter().map(|e| {
        let wire = e.code_str();
        let name = &e.name;
        let http = option(e.http.map(Literal::u16_unsuffixed));
        let category = &categories[e.category];
        let retry = match e.retry {
            Retry::Never => quote!(Retry::Never),
            Retry::Later {
                after,
                idempotent_only,
            } => {
                let after = option(after.map(Literal::u32_unsuffixed));
                quote!(Retry::Later { after_secs: #after, idempotent_only: #idempotent_only })
            }
        };
        let description = &e.description;
        let remedy = option(e.remedy.as_ref());
        let retired = option(e.retired.as_ref());
        let url = cat.doc_url(e);
        quote! {
            Record {
                wire: #wire,
                name: #name,
                http: #http,
                category: Some(Category::#category),
                retry: #retry,
                description: #description,
                remedy: #remedy,
                retired: #retired,
                doc_url: #url,
            },
        }
    });
    let category_records = cat.categories.iter().enumerate().map(|(i, c)| {
        let (id, title, description) = (&c.id, &c.title, &c.description);
        let (first, last) = (
            Literal::u16_unsuffixed(c.first),
            Literal::u16_unsuffixed(c.last),
        );
        let span = cat.span(i);
        let (start, end) = (
            Literal::usize_unsuffixed(span.start),
            Literal::usize_unsuffixed(span.end),
        );
        quote! {
            CategoryRecord {
                id: #id,
                title: #title,
                description: #description,
                first: #first,
                last: #last,
                codes: (#start, #end),
            },
        }
    });
    let records_len = Literal::usize_unsuffixed(n + 1);

    let m = Literal::usize_unsuffixed(cat.categories.len());
    let category_variants = cat.categories.iter().zip(&categories).map(|(c, v)| {
        let doc = doc(&format!(
            "{} (`{:04}`-`{:04}`): {}",
            markdown(&c.title),
            c.first,
            c.last,
            markdown(&c.description)
        ));
        quote!(#doc #v,)
    });

    quote! {
        //! The catalogue as data, generated from `errors.yaml`: the enums, the raw-number consts,
        //! and one record per code and per category. It imports nothing: the hand-written API
        //! builds on it, never the other way round.

        /// An Aculab Cloud web-service error code, one variant per catalogued code.
        ///
        /// The discriminant is the code's number (`ErrorCode::InvalidToken as u16 == 405`).
        /// New codes are added as Aculab documents them, so the enum is `#[non_exhaustive]`:
        /// a `match` needs a `_` arm, and [`ErrorCode::from_u16`] returns `None` for a code
        /// this version does not know yet.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[repr(u16)]
        #[allow(clippy::upper_case_acronyms, clippy::enum_variant_names)]
        pub enum ErrorCode {
            #(#enum_variants)*
        }

        impl ErrorCode {
            /// Every catalogued code, in ascending order.
            pub const ALL: &'static [ErrorCode] = &[#all];
            #(#aliases)*
        }

        /// A group of related codes sharing a range of numbers.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[repr(u16)]
        #[allow(clippy::upper_case_acronyms, clippy::enum_variant_names)]
        pub enum Category {
            #(#category_variants)*
        }

        impl Category {
            /// Every category, in ascending order of codes.
            pub const ALL: &'static [Category] = &[#(Category::#categories),*];
        }

        /// The raw numbers of the codes, for code that holds a `u16`.
        pub mod codes {
            #(#consts)*
        }

        /// Whether the same request can succeed later, as the catalogue advises.
        #[derive(Clone, Copy)]
        // A catalogue may have no retryable code, or only retryable ones.
        #[allow(dead_code)]
        pub(crate) enum Retry {
            /// The same request fails the same way.
            Never,
            /// It can succeed later.
            Later {
                /// Seconds to wait first, where the catalogue names a wait.
                after_secs: Option<u32>,
                /// Only an idempotent request may be repeated: the server may have acted on it.
                idempotent_only: bool,
            },
        }

        /// Everything the catalogue says about one code.
        pub(crate) struct Record {
            /// The 4-digit wire form.
            pub(crate) wire: &'static str,
            /// The snake_case name.
            pub(crate) name: &'static str,
            /// The documented HTTP status.
            pub(crate) http: Option<u16>,
            /// The category; `None` only in the "no entry" record.
            pub(crate) category: Option<Category>,
            /// The retry advice.
            pub(crate) retry: Retry,
            /// What the error means.
            pub(crate) description: &'static str,
            /// What to do about it.
            pub(crate) remedy: Option<&'static str>,
            /// Why and when Aculab stopped using the code, if it has.
            pub(crate) retired: Option<&'static str>,
            /// The official page.
            pub(crate) doc_url: &'static str,
        }

        /// The "no entry" record, where the dense index sends every number no code has, then one
        /// record per code, in [`ErrorCode::ALL`] order.
        pub(crate) static RECORDS: [Record; #records_len] = [
            Record {
                wire: "",
                name: "",
                http: None,
                category: None,
                retry: Retry::Never,
                description: "",
                remedy: None,
                retired: None,
                doc_url: "",
            },
            #(#records)*
        ];

        /// Everything the catalogue says about one category.
        pub(crate) struct CategoryRecord {
            /// The snake_case id.
            pub(crate) id: &'static str,
            /// The human title.
            pub(crate) title: &'static str,
            /// What its codes are about.
            pub(crate) description: &'static str,
            /// The lowest number of its range.
            pub(crate) first: u16,
            /// The highest number of its range.
            pub(crate) last: u16,
            /// Its codes, as positions `start..end` in [`ErrorCode::ALL`].
            pub(crate) codes: (usize, usize),
        }

        /// One record per category, in [`Category::ALL`] order.
        pub(crate) static CATEGORY_RECORDS: [CategoryRecord; #m] = [#(#category_records)*];
    }
}
