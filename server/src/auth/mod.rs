//! Authentication: password hashing and policy, server-side sessions in the
//! database (tower-sessions with our sea-orm store), the axum-login backend,
//! and attempt limits. `layer` builds the middleware that puts an
//! `AuthSession` in every request; `request_session::attach` wraps it in the
//! `SessionHandle` the `Accounts` service works on.

pub mod account_commands;
pub mod backend;
pub mod password;
pub mod rate_limit;
pub mod request_session;
pub mod session_store;

use axum_login::{AuthManagerLayer, AuthManagerLayerBuilder};
use sea_orm::DatabaseConnection;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

pub use backend::{AccountBackend, AccountUser, AuthSession};
pub use session_store::DbSessionStore;

use crate::config::Settings;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "tradema_session";
/// A session unused for this long ends.
pub const IDLE_TIMEOUT_HOURS: i64 = 12;
/// A session ends this long after sign-in, however active.
pub const ABSOLUTE_TIMEOUT_DAYS: i64 = 7;

/// The session store with Trade.ma's absolute timeout.
pub fn session_store(db: DatabaseConnection) -> DbSessionStore {
    DbSessionStore::new(db, chrono::Duration::days(ABSOLUTE_TIMEOUT_DAYS))
}

/// Sessions (HttpOnly, SameSite=Lax, Secure over HTTPS, idle timeout
/// refreshed on every request) and the authentication layer on top.
pub fn layer(db: DatabaseConnection, settings: &Settings) -> AuthManagerLayer<AccountBackend, DbSessionStore> {
    let sessions = SessionManagerLayer::new(session_store(db.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(settings.is_https())
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(IDLE_TIMEOUT_HOURS)))
        .with_always_save(true);
    AuthManagerLayerBuilder::new(AccountBackend::new(db), sessions).build()
}
