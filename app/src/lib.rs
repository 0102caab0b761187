//! Trade.ma's user interface and the surface the browser talks to.
//!
//! Built twice: with `ssr` inside the server (renders pages, runs server
//! functions against the ports) and with `hydrate` into wasm (hydrates the
//! pages' islands, the only interactive parts: see `docs/decisions.md`).
//! Nothing here may depend on a database,
//! search engine or image crate: those live in `server` behind [`ports`].

#![recursion_limit = "512"]

pub mod api;
mod app;
pub mod components;
pub mod domain;
#[cfg(feature = "hydrate")]
pub mod form_memory;
pub mod i18n;
mod page_locale;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ports;
mod response_status;
#[cfg(feature = "ssr")]
mod shell;
pub mod site_url;

pub use app::App;

/// Marks the page hydrated (`<html data-hydrated="true">`) once its islands
/// are: tests and styles tell a live page from server HTML by it. Leptos's
/// loader calls the entry point, then hydrates the islands in the same turn
/// of the event loop; a zero timeout runs after that.
#[cfg(feature = "hydrate")]
pub fn mark_hydrated() {
    leptos::prelude::set_timeout(
        || {
            if let Some(html) = leptos::prelude::document().document_element() {
                // Only a marker: a page that cannot take it still works.
                let _ = html.set_attribute("data-hydrated", "true");
            }
        },
        std::time::Duration::ZERO,
    );
}
#[cfg(feature = "ssr")]
pub use shell::shell;
