//! Pages rendered for anonymous readers are kept and served again until the
//! catalogue or the search index changes (or `MAX_AGE`, 5 s, passes). At
//! 100,000 listings, rendering (not the data, which `services::cached`
//! already keeps) was most of what a popular page cost: a search page's
//! 24 cards and facets take about 0.7 ms of CPU to write out each time.
//!
//! What is kept, and for whom, is decided here only:
//! - a `GET` of a page under a language prefix (`/fr/…`: its language comes
//!   from the URL, not from cookies or `Accept-Language`), keyed by its path
//!   and query;
//! - from a reader who is not signed in (a signed-in reader's page shows
//!   their name and their own things; it is never stored nor served from
//!   here);
//! - only a complete `200` HTML answer that sets no cookie and is not larger
//!   than `LARGEST`.
//!
//! Each answer gets its own Content-Security-Policy nonce: the kept page is
//! stored cut at every `nonce="…"`, and a fresh nonce is put back into the
//! page and its policy header on every serve, so a nonce seen once is never
//! valid for another response.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;

use crate::auth::AuthSession;
use crate::changes::{Changes, Follows};
use crate::services::cached::Cached;

/// The most pages kept (about 40 KB each, some 20 MB; at most 80 MB).
const CAPACITY: usize = 512;
/// Larger pages are rendered every time.
const LARGEST: usize = 160 * 1024;
/// The longest a page is kept. Short: a page rendered while an inner cache
/// was still refreshing after a write holds the previous data (that cache
/// gives the previous answer meanwhile) yet is stored under the new count.
const MAX_AGE: std::time::Duration = std::time::Duration::from_secs(5);

/// The kept pages, by path and query.
pub struct PageCache {
    pages: Cached<String, Arc<KeptPage>>,
}

/// One page as rendered, ready to be served with a fresh nonce.
struct KeptPage {
    status: StatusCode,
    headers: HeaderMap,
    /// The body, cut where the nonce stood (`nonce="` … `"` excluded).
    pieces: Vec<String>,
    /// The policy header, cut where the nonce stood.
    policy: Option<Vec<String>>,
}

impl PageCache {
    /// A page's answer depends on the database's commits and the search
    /// index's changes (both only grow, so their sum moves when either does).
    pub fn new(changes: &Changes) -> Self {
        PageCache { pages: Cached::following(changes, Follows::Both, CAPACITY).for_at_most(MAX_AGE) }
    }
}

/// Why an answer was passed through instead of kept.
enum NotKept {
    /// Served as it came (not a kept kind of answer).
    Passed(Response),
    /// Its body could not be read (the client went away, a render failed).
    Failed,
}

pub async fn serve(State(cache): State<Arc<PageCache>>, auth: AuthSession, request: Request, next: Next) -> Response {
    let keepable = request.method() == Method::GET
        && auth.user.is_none()
        && app::domain::Locale::from_path(request.uri().path()).is_some();
    if !keepable {
        return next.run(request).await;
    }
    let key = request.uri().path_and_query().map_or_else(|| request.uri().path().to_owned(), |pq| pq.to_string());
    let rendered = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let render = {
        let rendered = rendered.clone();
        async move {
            rendered.store(true, std::sync::atomic::Ordering::Relaxed);
            let response = next.run(request).await;
            keep(response).await
        }
    };
    let kept = cache.pages.get_or_compute(key, render).await;
    crate::metrics::page_cache(!rendered.load(std::sync::atomic::Ordering::Relaxed));
    match kept {
        Ok(page) => page.serve(),
        Err(NotKept::Passed(response)) => response,
        Err(NotKept::Failed) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The response as a kept page, or back as it came.
async fn keep(response: Response) -> Result<Arc<KeptPage>, NotKept> {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    let declared_small = response
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<usize>().ok())
        .is_none_or(|length| length <= LARGEST);
    if response.status() != StatusCode::OK
        || !is_html
        || !declared_small
        || response.headers().contains_key(header::SET_COOKIE)
    {
        return Err(NotKept::Passed(response));
    }
    let (parts, body) = response.into_parts();
    let bytes = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) => {
            tracing::warn!(%error, "a page's body could not be read to the end");
            return Err(NotKept::Failed);
        }
    };
    let nonce = parts.headers.get(header::CONTENT_SECURITY_POLICY).and_then(|policy| nonce_of(policy.to_str().ok()?));
    let (Some(nonce), Ok(text), true) = (nonce, std::str::from_utf8(&bytes), bytes.len() <= LARGEST) else {
        // Without a nonce to renew (or as a page too large to keep), it
        // goes out once as it is.
        return Err(NotKept::Passed(Response::from_parts(parts, Body::from(bytes))));
    };
    let attribute = format!("nonce=\"{nonce}\"");
    let pieces = text.split(&attribute).map(str::to_owned).collect();
    let policy = parts
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|policy| policy.to_str().ok())
        .map(|policy| policy.split(&format!("'nonce-{nonce}'")).map(str::to_owned).collect());
    let mut headers = parts.headers;
    headers.remove(header::CONTENT_LENGTH);
    Ok(Arc::new(KeptPage { status: parts.status, headers, pieces, policy }))
}

/// The nonce named by a Content-Security-Policy (`'nonce-…'`).
fn nonce_of(policy: &str) -> Option<&str> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let length = policy[start..].find('\'')?;
    let nonce = &policy[start..start + length];
    (!nonce.is_empty()).then_some(nonce)
}

impl KeptPage {
    /// The page with a nonce of its own.
    fn serve(&self) -> Response {
        let nonce = leptos::nonce::Nonce::new();
        let nonce: &str = &nonce;
        let attribute = format!("nonce=\"{nonce}\"");
        let mut body =
            String::with_capacity(self.pieces.iter().map(String::len).sum::<usize>() + 64 * self.pieces.len());
        for (index, piece) in self.pieces.iter().enumerate() {
            if index > 0 {
                body.push_str(&attribute);
            }
            body.push_str(piece);
        }
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        if let Some(policy) = &self.policy
            && let Ok(value) = HeaderValue::from_str(&policy.join(&format!("'nonce-{nonce}'")))
        {
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nonce_is_read_from_the_policy() {
        assert_eq!(nonce_of("script-src 'self' 'nonce-AbC+/=' 'wasm-unsafe-eval'"), Some("AbC+/="));
        assert_eq!(nonce_of("script-src 'self'"), None);
        assert_eq!(nonce_of("script-src 'nonce-'"), None);
    }

    #[tokio::test]
    async fn a_kept_page_is_served_with_a_new_nonce_each_time() {
        let html =
            r#"<html><script nonce="OLD">a</script><p>nonce="OLD" is text</p><script nonce="OLD">b</script></html>"#;
        let response = Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
            .header(header::CONTENT_SECURITY_POLICY, "script-src 'self' 'nonce-OLD'")
            .body(Body::from(html))
            .expect("a response");
        let Ok(page) = keep(response).await else { panic!("a plain HTML page is kept") };
        let mut seen = Vec::new();
        for _ in 0..2 {
            let served = page.serve();
            let policy = served.headers()[header::CONTENT_SECURITY_POLICY].to_str().expect("text").to_owned();
            let nonce = nonce_of(&policy).expect("a nonce").to_owned();
            assert_ne!(nonce, "OLD");
            let body = served.into_body().collect().await.expect("a body").to_bytes();
            let body = std::str::from_utf8(&body).expect("utf-8").to_owned();
            assert!(!body.contains("OLD"), "every use of the old nonce is replaced: {body}");
            assert_eq!(body.matches(&format!("nonce=\"{nonce}\"")).count(), 3);
            seen.push(nonce);
        }
        assert_ne!(seen[0], seen[1], "two serves, two nonces");
    }

    #[tokio::test]
    async fn answers_that_are_not_plain_public_pages_are_not_kept() {
        let page = |status: StatusCode, content_type: &str, cookie: bool| {
            let mut builder = Response::builder()
                .status(status)
                .header(header::CONTENT_TYPE, content_type)
                .header(header::CONTENT_SECURITY_POLICY, "script-src 'nonce-N'");
            if cookie {
                builder = builder.header(header::SET_COOKIE, "a=b");
            }
            builder.body(Body::from("<p nonce=\"N\">x</p>")).expect("a response")
        };
        assert!(keep(page(StatusCode::OK, "text/html", false)).await.is_ok());
        for refused in [
            page(StatusCode::NOT_FOUND, "text/html", false),
            page(StatusCode::OK, "application/json", false),
            page(StatusCode::OK, "text/html", true),
        ] {
            assert!(matches!(keep(refused).await, Err(NotKept::Passed(_))));
        }
    }
}
