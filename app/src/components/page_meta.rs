//! What a page says about itself in `<head>`: title, description, the
//! canonical link and its versions in every language (absolute, from the
//! public URL), and the Open Graph and Twitter card tags that make a link
//! pasted into WhatsApp, WeChat or LinkedIn show the product, its price and
//! its supplier. Every value is text leptos_meta escapes.

use leptos::prelude::*;
use leptos_meta::{Link, Meta};

use super::DocumentTitle;

use crate::domain::{Locale, PHOTO_WIDTHS, PhotoRef};
use crate::i18n::use_i18n;
use crate::site_url::site_url;

/// The picture a shared link shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedImage {
    /// A path on the site or an absolute URL.
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

impl SharedImage {
    /// The largest stored JPEG of a photo: every link preview reads JPEG,
    /// not all of them read WebP.
    pub fn from_photo(photo: &PhotoRef, alt: impl Into<String>) -> SharedImage {
        let width = PHOTO_WIDTHS
            .iter()
            .copied()
            .filter(|w| *w <= photo.width.max(PHOTO_WIDTHS[0]))
            .max()
            .unwrap_or(PHOTO_WIDTHS[0]);
        SharedImage { url: photo.url(width, "jpg"), width, height: photo.height_at(width), alt: alt.into() }
    }
}

/// `path` is the page's path without the language prefix, e.g.
/// `/regions/oriental`; `kind` its Open Graph type (`website` unless said).
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    #[prop(into)] path: String,
    #[prop(optional_no_strip)] image: Option<SharedImage>,
    #[prop(optional)] kind: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let site = site_url();
    let canonical = site.absolute(&i18n.path(&path));
    let alternates = Locale::ALL
        .into_iter()
        .map(|locale| (locale.tag(), site.absolute(&format!("/{}{}", locale.code(), path))))
        .chain([("x-default", site.absolute(&format!("/{}{}", Locale::DEFAULT.code(), path)))])
        .map(|(hreflang, href)| view! { <Link rel="alternate" hreflang=hreflang href=href /> })
        .collect_view();
    let other_locales = Locale::ALL
        .into_iter()
        .filter(|locale| *locale != i18n.locale)
        .map(|locale| view! { <Meta property="og:locale:alternate" content=locale.og_locale() /> })
        .collect_view();
    let card = if image.is_some() { "summary_large_image" } else { "summary" };
    let picture = image.map(|image| {
        let url = site.absolute(&image.url);
        view! {
            <Meta property="og:image" content=url.clone() />
            <Meta property="og:image:width" content=image.width.to_string() />
            <Meta property="og:image:height" content=image.height.to_string() />
            <Meta property="og:image:alt" content=image.alt.clone() />
            <Meta name="twitter:image" content=url />
            <Meta name="twitter:image:alt" content=image.alt />
        }
    });
    view! {
        <DocumentTitle text=title.clone() />
        <Meta name="description" content=description.clone() />
        <Link rel="canonical" href=canonical.clone() />
        {alternates}
        <Meta property="og:type" content=kind.unwrap_or("website") />
        <Meta property="og:site_name" content=i18n.messages.site_name />
        <Meta property="og:title" content=title.clone() />
        <Meta property="og:description" content=description.clone() />
        <Meta property="og:url" content=canonical />
        <Meta property="og:locale" content=i18n.locale.og_locale() />
        {other_locales}
        <Meta name="twitter:card" content=card />
        <Meta name="twitter:title" content=title />
        <Meta name="twitter:description" content=description />
        {picture}
    }
}
