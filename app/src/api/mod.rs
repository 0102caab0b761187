//! Server functions: thin adapters from the browser to the ports. Each takes
//! the services from context, calls one port method and maps the error.

pub mod catalog;
#[cfg(feature = "ssr")]
mod context;
