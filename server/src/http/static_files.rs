//! Static files: the built site (`/pkg/*` and the files of `public/`) and the
//! media (`media_files`). Media names are server-generated and never reused,
//! so they are cached for a year, and so are `/pkg/*` files after a release
//! build, whose names carry a hash of their content (those of an earlier
//! release come from the store's archive); otherwise the site's files are
//! revalidated. A year is promised on a success only.

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use tower::ServiceBuilder;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use super::media_files;
use crate::media::storage::MediaStorage;
use crate::state::AppState;

const SITE_CACHE: &str = "public, max-age=3600, must-revalidate";
const PKG_CACHE: &str = "public, no-cache";
/// The file, beside the server binary, naming the hashed assets of a release build.
const HASH_FILE: &str = "hash.txt";

/// Whether the site's assets carry content hashes in their names: a release
/// build wrote `hash.txt` beside this binary, where Leptos looks for it.
pub fn assets_are_hashed() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(HASH_FILE)))
        .is_some_and(|f| f.is_file())
}

fn cache(value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(value))
}

/// Routes for `/media/*`, `/pkg/*` and each top-level file of the site root.
/// Explicit routes, because `/{lang}` would otherwise claim `/favicon.svg`.
pub fn routes(site_root: &Path, storage: Arc<dyn MediaStorage>, hashed: bool) -> Router<AppState> {
    let pkg = ServeDir::new(site_root.join("pkg")).precompressed_br().precompressed_gzip();
    let pkg_routes = if hashed {
        // Names this release lacks may be an earlier release's.
        let archive = axum::routing::get(move |request: axum::extract::Request| {
            let storage = storage.clone();
            async move { media_files::archived_asset(&*storage, request).await }
        });
        Router::new().nest_service(
            "/pkg",
            ServiceBuilder::new().map_response(media_files::kept_if_found).service(pkg.fallback(archive)),
        )
    } else {
        Router::new().nest_service("/pkg", ServiceBuilder::new().layer(cache(PKG_CACHE)).service(pkg))
    };
    let mut router = pkg_routes;
    let entries = std::fs::read_dir(site_root).into_iter().flatten().flatten();
    for entry in entries {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
        // Served by the application itself, with the public URL in them.
        if path.is_file() && !super::sitemap::DYNAMIC_FILES.contains(&name.as_str()) {
            router = router.route_service(
                &format!("/{name}"),
                ServiceBuilder::new().layer(cache(SITE_CACHE)).service(ServeFile::new(&path)),
            );
        }
    }
    router
}
