//! Routes and middleware that are not server functions: health checks, the
//! client's address, static and media files, photo uploads, the showcases'
//! and the audit log's CSV exports, security headers, the cross-site request check, the language
//! cookie, listing views counted for the insights, anonymous pages kept
//! between changes, private-answer caching, redirect targets and the
//! hygiene of server-function input, and the answer to a handler that panics.

pub mod api_v1;
pub mod audit_export;
pub mod client_address;
pub mod cross_site;
pub mod health;
pub mod import_sheet;
pub mod listing_views;
pub mod locale_cookie;
pub mod media_files;
pub mod page_cache;
pub mod panic_answer;
pub mod private_cache;
pub mod request_id;
pub mod safe_redirect;
pub mod security_headers;
pub mod server_fn_input;
pub mod showcase_export;
pub mod sitemap;
pub mod static_files;
pub mod uploads;
