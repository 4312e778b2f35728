//! Validated catalogue → the `aculab-errors` module `generated.rs`.
//!
//! Tokens are built with `quote`, parsed into a `syn::File` (so a generator bug is caught here,
//! not by the compiler of a user's crate) and printed by prettyplease, which gives the same bytes
//! on every machine. The module holds data only: the enums, `ALL`, the per-field tables and the
//! raw-number consts. The methods that read the tables are hand-written in `aculab-errors`.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, ToTokens};

use crate::model::{Catalogue, Entry};
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
    let n_lit = Literal::usize_unsuffixed(n);
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
    let codes_packed: String = cat.entries.iter().map(Entry::code_str).collect();
    let names = cat.entries.iter().map(|e| &e.name);
    let http = cat
        .entries
        .iter()
        .map(|e| option(e.http.map(Literal::u16_unsuffixed)));
    let descriptions = cat.entries.iter().map(|e| &e.description);
    let remedies = cat.entries.iter().map(|e| option(e.remedy.as_ref()));
    let entry_categories = cat.entries.iter().map(|e| &categories[e.category]);
    let urls = cat.entries.iter().map(|e| cat.doc_url(e));
    let retry_after = cat.entries.iter().map(|e| {
        if e.retry.is_retryable() {
            let secs = Literal::u32_unsuffixed(e.retry.after().unwrap_or(0));
            let idempotent_only = e.retry.idempotent_only();
            quote!(Retry::Later(#secs, #idempotent_only))
        } else {
            quote!(Retry::Never)
        }
    });

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
    let category_titles = cat.categories.iter().map(|c| &c.title);
    let category_ids = cat.categories.iter().map(|c| &c.id);
    let category_descriptions = cat.categories.iter().map(|c| &c.description);
    let spans = (0..cat.categories.len()).map(|i| {
        let r = cat.span(i);
        let (s, e) = (
            Literal::usize_unsuffixed(r.start),
            Literal::usize_unsuffixed(r.end),
        );
        quote!((#s, #e))
    });
    let ranges = cat.categories.iter().map(|c| {
        let (a, b) = (
            Literal::u16_unsuffixed(c.first),
            Literal::u16_unsuffixed(c.last),
        );
        quote!((#a, #b))
    });
    let max_code = Literal::u16_unsuffixed(cat.entries.last().map_or(0, |e| e.code));
    // The smallest unsigned type that holds every position plus the "no entry" marker.
    let slot = if n < usize::from(u8::MAX) {
        quote!(u8)
    } else {
        quote!(u16)
    };

    quote! {
        //! The catalogue as data: enums, tables and consts generated from `errors.yaml`.

        use crate::error_code::Retry;

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

        /// The highest catalogued code, which sizes the dense lookup tables.
        pub(crate) const MAX_CODE: u16 = #max_code;
        /// The type of a position in `ALL`, as the dense index table stores it: the smallest
        /// that holds every position and a "no entry" marker.
        pub(crate) type Slot = #slot;
        /// Every code's 4-digit wire form, concatenated in `ALL` order.
        pub(crate) static CODES: &str = #codes_packed;
        pub(crate) static NAME: [&str; #n_lit] = [#(#names),*];
        pub(crate) static HTTP: [Option<u16>; #n_lit] = [#(#http),*];
        pub(crate) static DESCRIPTION: [&str; #n_lit] = [#(#descriptions),*];
        pub(crate) static REMEDY: [Option<&str>; #n_lit] = [#(#remedies),*];
        pub(crate) static CATEGORY: [Category; #n_lit] = [#(Category::#entry_categories),*];
        pub(crate) static DOC_URL: [&str; #n_lit] = [#(#urls),*];
        pub(crate) static RETRY: [Retry; #n_lit] = [#(#retry_after),*];

        pub(crate) static CATEGORY_ID: [&str; #m] = [#(#category_ids),*];
        pub(crate) static CATEGORY_TITLE: [&str; #m] = [#(#category_titles),*];
        pub(crate) static CATEGORY_DESCRIPTION: [&str; #m] = [#(#category_descriptions),*];
        /// Each category's codes as a range of positions in `ALL`.
        pub(crate) static CATEGORY_SPAN: [(usize, usize); #m] = [#(#spans),*];
        /// Each category's range of code numbers, inclusive.
        pub(crate) static CATEGORY_RANGE: [(u16, u16); #m] = [#(#ranges),*];
    }
}
