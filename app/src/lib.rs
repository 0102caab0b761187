//! Trade.ma's user interface and the surface the browser talks to.
//!
//! Built twice: with `ssr` inside the server (renders pages, runs server
//! functions against the ports) and with `hydrate` into wasm (makes the
//! server-rendered pages interactive). Nothing here may depend on a database,
//! search engine or image crate: those live in `server` behind [`ports`].

#![recursion_limit = "512"]

pub mod api;
mod app;
pub mod components;
pub mod domain;
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
#[cfg(feature = "ssr")]
pub use shell::shell;
