//! Personal answers are never stored by a browser or a shared cache. A
//! response is personal when it was produced for a signed-in person (their
//! dashboard, editors, `/api/viewer`…) or when it sets a cookie (sign-in,
//! sign-out, the language cookie). Such responses get `Cache-Control:
//! no-store`, so Back after sign-out cannot bring the dashboard back from
//! cache. Every dynamic answer varies by `Cookie`; public pages and API
//! answers for anonymous visitors keep whatever caching they had.
//!
//! Two halves: `mark_signed_in` runs inside the session layer (it needs the
//! `AuthSession`), `no_store_when_personal` runs outside everything (it must see
//! the `Set-Cookie` the session layer adds on the way out).

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::auth::AuthSession;

/// Tells the outer half that this answer was made for a signed-in person.
#[derive(Clone, Copy, Debug)]
struct SignedIn;

/// Inside the session layer: remembers whether the request came from a
/// signed-in person, and says that dynamic answers depend on cookies.
pub async fn mark_signed_in(auth: AuthSession, request: Request, next: Next) -> Response {
    let signed_in = auth.user.is_some();
    let mut response = next.run(request).await;
    if signed_in {
        response.extensions_mut().insert(SignedIn);
    }
    response.headers_mut().append(header::VARY, HeaderValue::from_static("Cookie"));
    response
}

/// Outside every layer: a personal answer is never stored.
pub async fn no_store_when_personal(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let personal =
        response.extensions().get::<SignedIn>().is_some() || response.headers().contains_key(header::SET_COOKIE);
    if personal {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
