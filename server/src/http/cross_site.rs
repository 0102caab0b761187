//! Refuses state-changing requests that another site made a browser send.
//! Leptos server functions have no CSRF token, and a form POST goes cross-site
//! without a preflight, so every non-safe method must prove it comes from us:
//! `Sec-Fetch-Site` when the browser sends it, else `Origin`, else `Referer`,
//! compared with the configured public URL.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use url::Url;

use crate::state::AppState;

/// Whether a request with these headers may change state.
pub fn is_allowed(method: &Method, headers: &HeaderMap, public_url: &Url) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let text = |name| headers.get(name).and_then(|v: &header::HeaderValue| v.to_str().ok());
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        return matches!(site, "same-origin" | "none");
    }
    let ours = public_url.origin();
    if let Some(origin) = text(header::ORIGIN) {
        return Url::parse(origin).is_ok_and(|url| url.origin() == ours);
    }
    if let Some(referer) = text(header::REFERER) {
        return Url::parse(referer).is_ok_and(|url| url.origin() == ours);
    }
    // No browser sends a cross-site POST without any of the three headers;
    // scripts and API clients carry no ambient cookies to abuse.
    true
}

pub async fn check(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if is_allowed(request.method(), request.headers(), &state.settings.public_url) {
        return next.run(request).await;
    }
    tracing::warn!(method = %request.method(), path = %request.uri().path(), "refused a cross-site request");
    (StatusCode::FORBIDDEN, "Cross-site requests cannot change anything here. Please use the form on Trade.ma itself.")
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().expect("header value"));
        }
        map
    }

    #[test]
    fn decides_by_fetch_metadata_then_origin_then_referer() {
        let ours = Url::parse("https://trade.ma").expect("url");
        let post = Method::POST;
        assert!(is_allowed(&Method::GET, &headers(&[("sec-fetch-site", "cross-site")]), &ours));
        assert!(!is_allowed(&post, &headers(&[("sec-fetch-site", "cross-site")]), &ours));
        assert!(!is_allowed(&post, &headers(&[("sec-fetch-site", "same-site")]), &ours));
        assert!(is_allowed(&post, &headers(&[("sec-fetch-site", "same-origin")]), &ours));
        assert!(!is_allowed(&post, &headers(&[("origin", "https://evil.example")]), &ours));
        assert!(is_allowed(&post, &headers(&[("origin", "https://trade.ma")]), &ours));
        assert!(!is_allowed(&post, &headers(&[("origin", "null")]), &ours));
        assert!(!is_allowed(&post, &headers(&[("referer", "http://trade.ma/fr")]), &ours));
        assert!(is_allowed(&post, &headers(&[("referer", "https://trade.ma/fr/listings/1")]), &ours));
        assert!(is_allowed(&post, &headers(&[]), &ours));
    }
}
