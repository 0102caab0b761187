//! The session handle account actions work on (`app::ports::SessionHandle`),
//! made for each request from axum-login's `AuthSession` and the client's
//! address, and left in the request for server functions to find.

use std::sync::Arc;

use app::domain::{AppError, Viewer};
use app::ports::{RequestSession, SessionHandle};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use axum_login::AuthnBackend;

use super::AuthSession;
use super::rate_limit::address_key;
use crate::http::client_address::ClientAddress;

/// One request's session over HTTP.
struct HttpSession {
    auth: AuthSession,
    client: String,
}

fn internal(context: &str, error: impl std::fmt::Debug) -> AppError {
    tracing::error!(?error, "{context}");
    AppError::Internal
}

#[async_trait::async_trait]
impl SessionHandle for HttpSession {
    fn viewer(&self) -> Option<Viewer> {
        self.auth.user.as_ref().map(|user| user.viewer.clone())
    }

    fn client(&self) -> String {
        self.client.clone()
    }

    /// axum-login cycles the id only when the session was anonymous; a
    /// sign-in over an existing session, as another account or the same,
    /// gets a new id too.
    async fn begin(&self, user_id: i64) -> Result<Viewer, AppError> {
        let mut auth = self.auth.clone();
        let user = auth
            .backend
            .get_user(&user_id)
            .await
            .map_err(|e| internal("cannot load the account", e))?
            .ok_or(AppError::Forbidden)?;
        auth.session.cycle_id().await.map_err(|e| internal("cannot renew the session id", e))?;
        auth.login(&user).await.map_err(|e| internal("cannot start the session", e))?;
        Ok(user.viewer)
    }

    async fn end(&self) -> Result<(), AppError> {
        let mut auth = self.auth.clone();
        auth.logout().await.map_err(|e| internal("cannot end the session", e))?;
        Ok(())
    }

    async fn keep(&self, key: &str, value: String) -> Result<(), AppError> {
        self.auth.session.insert(key, value).await.map_err(|e| internal("cannot keep a value in the session", e))
    }

    async fn take(&self, key: &str) -> Result<Option<String>, AppError> {
        self.auth.session.remove::<String>(key).await.map_err(|e| internal("cannot read a value of the session", e))
    }
}

/// Inside the session layer: leaves the request's `RequestSession` in it.
pub async fn attach(auth: AuthSession, mut request: Request, next: Next) -> Response {
    let client = request
        .extensions()
        .get::<ClientAddress>()
        .map(|ClientAddress(address)| address_key(*address))
        .unwrap_or_else(|| "unknown".to_owned());
    request.extensions_mut().insert(RequestSession(Arc::new(HttpSession { auth, client })));
    next.run(request).await
}
