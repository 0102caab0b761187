//! Server functions: thin adapters from the browser to the ports. Each takes
//! the services (and, when it acts for someone, the session) from context,
//! calls one port method and maps the error.

pub mod accounts;
pub mod catalog;
#[cfg(feature = "ssr")]
mod context;
pub mod deals;
pub mod documents;
pub mod saved_searches;
#[cfg(feature = "ssr")]
pub use context::cookie_value;
pub mod imports;
pub mod inquiries;
pub mod offices;
pub mod requests;
pub mod shortlists;
pub mod showcases;
#[cfg(feature = "ssr")]
mod sign_up_note;
pub mod studio;
pub mod teams;
