//! `GET /media/*`: stored photos, logos and covers. A local directory's
//! files are served straight from disk; a bucket's are read through the
//! server (proxied, not redirected to presigned URLs: the URLs stay the
//! site's own, so the year-long cache header, the page caches and a CDN in
//! front all keep working, and nothing expires under a page a buyer kept
//! open; docs/decisions.md, "Media in a bucket"). Either way the header that
//! promises a year is set on a success only: a 404 is never cached, so a
//! photo that appears later (or a store that comes back) is seen at once.
//!
//! Also the archive of the site's hashed `/pkg` files: each release build's
//! server copies its files into the store at start (`pkg/<name>`), and
//! `/pkg/*` falls back to the archive, so that a page of the previous release
//! still loads its script and styles while a rolling deploy replaces the
//! servers under it.

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceBuilder;
use tower_http::services::ServeDir;

use crate::media::storage::MediaStorage;
use crate::state::AppState;

/// The cache header of media and hashed assets: their names never change content.
pub const FOREVER: &str = "public, max-age=31536000, immutable";
/// What a missing file or a failed read is sent with: not kept anywhere.
const NOT_KEPT: &str = "no-store";
/// Where the archived `/pkg` files live in the store.
const PKG_ARCHIVE: &str = "pkg";

/// Sets `cache` on successful answers (200, 206, 304) and `no-store` on
/// every other, so an error is never kept by a browser or a CDN.
pub fn cache_on_success<B>(response: &mut axum::http::Response<B>, cache: &'static str) {
    let status = response.status();
    let kept = status.is_success() || status == StatusCode::NOT_MODIFIED;
    let value = HeaderValue::from_static(if kept { cache } else { NOT_KEPT });
    response.headers_mut().insert(header::CACHE_CONTROL, value);
}

/// `response` with the year-long cache header if it is a success.
pub fn kept_if_found<B>(mut response: axum::http::Response<B>) -> axum::http::Response<B> {
    cache_on_success(&mut response, FOREVER);
    response
}

/// The routes of `/media/*` for `storage`.
pub fn routes(storage: Arc<dyn MediaStorage>) -> Router<AppState> {
    match storage.local_dir() {
        Some(dir) => Router::new()
            .nest_service("/media", ServiceBuilder::new().map_response(kept_if_found).service(ServeDir::new(dir))),
        None => Router::new().route(
            "/media/{*key}",
            axum::routing::get(move |request: Request| {
                let storage = storage.clone();
                async move {
                    let key = request.uri().path().trim_start_matches("/media/").to_owned();
                    kept_if_found(stored_file(&*storage, &key, request.headers()).await)
                }
            }),
        ),
    }
}

/// The answer for `/pkg/*` files this release does not have: the archived
/// file of an earlier release, if any.
pub async fn archived_asset(storage: &dyn MediaStorage, request: Request) -> Response {
    let name = request.uri().path().trim_start_matches('/');
    kept_if_found(stored_file(storage, &format!("{PKG_ARCHIVE}/{name}"), request.headers()).await)
}

/// Copies this release's hashed `/pkg` files into the store (those not
/// there yet), for the servers of the next release to fall back on.
pub async fn archive_assets(storage: &dyn MediaStorage, pkg_dir: &Path) -> anyhow::Result<usize> {
    let mut copied = 0;
    let mut entries = tokio::fs::read_dir(pkg_dir).await?;
    while let Some(entry) = entries.next_entry().await? {
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else { continue };
        // The hashed names only (`tradema.<hash>.js`): an unhashed name
        // would serve one release's file for another's.
        let hashed = name.split('.').count() == 3 && content_type(&name).is_some();
        let key = format!("{PKG_ARCHIVE}/{name}");
        if !hashed || storage.exists(&key).await? {
            continue;
        }
        storage.put(&key, &tokio::fs::read(entry.path()).await?).await?;
        copied += 1;
    }
    Ok(copied)
}

/// The stored file of `key` as an HTTP answer: 200 (or 304 when the
/// browser has it), 404 when there is none, 503 when the store cannot be
/// read (with `Retry-After`).
async fn stored_file(storage: &dyn MediaStorage, key: &str, request: &HeaderMap) -> Response {
    let Some(content_type) = content_type(key) else { return StatusCode::NOT_FOUND.into_response() };
    let file = match storage.get(key).await {
        Ok(Some(file)) => file,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) if error.kind() == std::io::ErrorKind::InvalidInput => {
            return StatusCode::NOT_FOUND.into_response();
        }
        Err(error) => {
            tracing::error!(%error, key, store = storage.describe(), "cannot read a media file");
            let headers = [(header::RETRY_AFTER, "5")];
            return (StatusCode::SERVICE_UNAVAILABLE, headers, "the photo store cannot be reached").into_response();
        }
    };
    let last_modified = file.last_modified.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    let unchanged = request
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|since| since == last_modified);
    let mut response =
        if unchanged { StatusCode::NOT_MODIFIED.into_response() } else { Response::new(Body::from(file.bytes)) };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&last_modified) {
        headers.insert(header::LAST_MODIFIED, value);
    }
    response
}

/// The type of a stored file by its extension; `None` for one the server
/// never stores (it is not served).
fn content_type(key: &str) -> Option<&'static str> {
    match key.rsplit_once('.')?.1 {
        "webp" => Some("image/webp"),
        "jpg" => Some("image/jpeg"),
        "png" => Some("image/png"),
        "js" => Some("text/javascript"),
        "wasm" => Some("application/wasm"),
        "css" => Some("text/css"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_successes_are_kept() {
        let mut found = Response::new(Body::empty());
        cache_on_success(&mut found, FOREVER);
        assert_eq!(found.headers()[header::CACHE_CONTROL], FOREVER);
        let mut missing = StatusCode::NOT_FOUND.into_response();
        cache_on_success(&mut missing, FOREVER);
        assert_eq!(missing.headers()[header::CACHE_CONTROL], NOT_KEPT);
        let mut unchanged = StatusCode::NOT_MODIFIED.into_response();
        cache_on_success(&mut unchanged, FOREVER);
        assert_eq!(unchanged.headers()[header::CACHE_CONTROL], FOREVER);
    }

    #[test]
    fn stored_kinds_have_their_types() {
        assert_eq!(content_type("listings/7/ab-640.webp"), Some("image/webp"));
        assert_eq!(content_type("pkg/tradema.0123abcd.wasm"), Some("application/wasm"));
        assert_eq!(content_type("listings/7/notes.txt"), None);
    }
}
