//! The language of the page being rendered. The server negotiates it from the
//! URL prefix, the language cookie and `Accept-Language`, and writes it on
//! `<html lang>`; the browser reads it back from there, so hydration renders
//! exactly what the server did.

use crate::domain::Locale;

/// The language of this page load.
#[cfg(feature = "ssr")]
pub fn page_locale() -> Locale {
    use leptos::prelude::use_context;

    let Some(parts) = use_context::<http::request::Parts>() else {
        return Locale::DEFAULT;
    };
    let header = |name: http::header::HeaderName| parts.headers.get(name).and_then(|v| v.to_str().ok());
    let cookie = header(http::header::COOKIE).and_then(|cookies| {
        cookies.split(';').find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == crate::domain::LOCALE_COOKIE).then_some(value)
        })
    });
    Locale::negotiate(parts.uri.path(), cookie, header(http::header::ACCEPT_LANGUAGE))
}

/// The language of this page load.
#[cfg(not(feature = "ssr"))]
pub fn page_locale() -> Locale {
    leptos::prelude::document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|code| Locale::from_code(&code))
        .unwrap_or(Locale::DEFAULT)
}
