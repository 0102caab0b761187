//! A request id on every request: the `X-Request-Id` a trusted proxy sent
//! (so one id follows a request from the balancer's log into ours), else a
//! new random one. It is in the request's log span (with this process's
//! instance name), so every log line of the request carries both, and it is
//! sent back in the answer's `X-Request-Id`, for a user reporting a problem.
//! A header from anyone else is ignored: a client could otherwise make its
//! requests look like another's in the logs.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// The header read and written.
pub const HEADER: &str = "x-request-id";
/// The longest id kept from a proxy (longer ones are replaced).
const MAX_LENGTH: usize = 128;

/// The request's id and the name of the process answering it, in the
/// request's extensions.
#[derive(Clone, Debug)]
pub struct RequestId {
    pub id: String,
    pub instance: String,
}

/// An id a proxy sent, if it is one worth keeping: printable ASCII, no
/// spaces, at most `MAX_LENGTH` characters.
fn acceptable(value: &str) -> bool {
    !value.is_empty() && value.len() <= MAX_LENGTH && value.bytes().all(|b| b.is_ascii_graphic())
}

/// The middleware: finds or makes the id, then answers with it.
pub async fn attach(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(address)| address.ip());
    let from_trusted_proxy =
        peer.is_some_and(|peer| state.settings.trusted_proxies.iter().any(|network| network.contains(&peer)));
    let sent = request.headers().get(HEADER).and_then(|value| value.to_str().ok()).filter(|value| acceptable(value));
    let id = match sent {
        Some(id) if from_trusted_proxy => id.to_owned(),
        _ => crate::services::random_hex(8),
    };
    request.extensions_mut().insert(RequestId { id: id.clone(), instance: state.instance.clone() });
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(HEADER, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_short_ids_are_kept() {
        assert!(acceptable("7f3c9a1e-5b2d-4c8e-9f10-a1b2c3d4e5f6"));
        assert!(!acceptable(""));
        assert!(!acceptable("two words"));
        assert!(!acceptable(&"x".repeat(MAX_LENGTH + 1)));
        assert!(!acceptable("line\nbreak"));
    }
}
