//! Redirects only ever lead back to Trade.ma. leptos_axum answers a server
//! function called with `Accept: text/html` by `302 Location: <Referer>`,
//! whatever the Referer says, so `Referer: https://evil.example` turned
//! Trade.ma into a bouncer to any site. Every `Location` we send is checked
//! here: a path on this site or an absolute URL with the public URL's origin
//! passes; anything else (another host, `//host`, `javascript:`…) becomes
//! the home page.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use url::Url;

use crate::state::AppState;

/// Where a refused redirect leads instead: the home page, which picks the language.
const SAFE_TARGET: &str = "/";

/// Whether `location` stays on the site whose public URL is `ours`.
pub fn is_same_origin(location: &str, ours: &Url) -> bool {
    if location.starts_with('/') {
        return app::domain::is_local_path(location);
    }
    Url::parse(location).is_ok_and(|url| url.origin() == ours.origin())
}

/// The middleware: replaces a `Location` off the site by the home page.
pub async fn same_origin_only(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let foreign = response
        .headers()
        .get(header::LOCATION)
        .map(|value| value.to_str().map_or(true, |location| !is_same_origin(location, &state.settings.public_url)));
    if foreign == Some(true) {
        tracing::warn!(location = ?response.headers().get(header::LOCATION), "refused a redirect off the site");
        response.headers_mut().insert(header::LOCATION, HeaderValue::from_static(SAFE_TARGET));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_origin_passes() {
        let ours = Url::parse("https://trade.ma").expect("url");
        for good in ["/fr/dashboard", "/", "https://trade.ma/fr?x=1", "/fr/listings/1#photos"] {
            assert!(is_same_origin(good, &ours), "{good}");
        }
        for bad in [
            "https://evil.example/phish",
            "//evil.example/x",
            "/\\evil.example",
            "javascript:alert(1)",
            "http://trade.ma/fr",
            "https://trade.ma.evil.example/",
            "data:text/html,hi",
            "",
        ] {
            assert!(!is_same_origin(bad, &ours), "{bad}");
        }
    }
}
