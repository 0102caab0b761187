//! Static files: the built site (`/pkg/*` and the files of `public/`) and the
//! media directory. Media names are server-generated and never reused, so
//! they are cached for a year; the site's files are revalidated.

use std::path::Path;

use axum::Router;
use axum::http::{HeaderValue, header};
use tower::ServiceBuilder;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::state::AppState;

const MEDIA_CACHE: &str = "public, max-age=31536000, immutable";
const SITE_CACHE: &str = "public, max-age=3600, must-revalidate";
const PKG_CACHE: &str = "public, no-cache";

fn cache(value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(value))
}

/// Routes for `/media/*`, `/pkg/*` and each top-level file of the site root.
/// Explicit routes, because `/{lang}` would otherwise claim `/favicon.svg`.
pub fn routes(site_root: &Path, media_dir: &Path) -> Router<AppState> {
    let mut router = Router::new()
        .nest_service("/media", ServiceBuilder::new().layer(cache(MEDIA_CACHE)).service(ServeDir::new(media_dir)))
        .nest_service(
            "/pkg",
            ServiceBuilder::new()
                .layer(cache(PKG_CACHE))
                .service(ServeDir::new(site_root.join("pkg")).precompressed_br().precompressed_gzip()),
        );
    let entries = std::fs::read_dir(site_root).into_iter().flatten().flatten();
    for entry in entries {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
        if path.is_file() {
            router = router.route_service(
                &format!("/{name}"),
                ServiceBuilder::new().layer(cache(SITE_CACHE)).service(ServeFile::new(&path)),
            );
        }
    }
    router
}
