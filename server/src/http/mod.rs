//! Routes and middleware that are not server functions: health checks,
//! static and media files, photo uploads, security headers, the cross-site request check and
//! the language cookie.

pub mod cross_site;
pub mod health;
pub mod locale_cookie;
pub mod security_headers;
pub mod static_files;
pub mod uploads;
