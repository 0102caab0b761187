//! Title, description, canonical link and language alternates of a page.

use leptos::prelude::*;
use leptos_meta::{Link, Meta};

use super::DocumentTitle;

use crate::domain::Locale;
use crate::i18n::use_i18n;

/// `path` is the page's path without the language prefix, e.g. `/regions/oriental`.
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    #[prop(into)] path: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let canonical = i18n.path(&path);
    view! {
        <DocumentTitle text=title.clone() />
        <Meta name="description" content=description.clone() />
        <Meta property="og:title" content=title />
        <Meta property="og:description" content=description />
        <Link rel="canonical" href=canonical />
        {Locale::ALL
            .into_iter()
            .map(|locale| {
                view! { <Link rel="alternate" hreflang=locale.code() href=format!("/{}{}", locale.code(), path) /> }
            })
            .collect_view()}
    }
}
