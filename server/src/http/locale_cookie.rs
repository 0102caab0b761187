//! Remembers the language of the last page read under a language prefix
//! (`/ar/…`), so that `/` greets a returning reader in it.

use app::domain::{LOCALE_COOKIE, Locale};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

pub async fn remember(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let locale = Locale::from_path(request.uri().path());
    let already = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|cookies| locale.is_some_and(|l| cookies.contains(&format!("{LOCALE_COOKIE}={}", l.code()))));
    let mut response = next.run(request).await;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    if let (Some(locale), false, true) = (locale, already, is_page && response.status().is_success()) {
        let secure = if state.settings.public_url.scheme() == "https" { "; Secure" } else { "" };
        let cookie = format!("{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}", locale.code());
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}
