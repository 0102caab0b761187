//! The session sweeper: deletes expired sessions, at start and every
//! `PERIOD`.

use std::time::Duration;

use crate::auth::session_store::DbSessionStore;

/// How often expired sessions are deleted.
pub const PERIOD: Duration = Duration::from_secs(3600);

/// Deletes the sessions past their expiry.
pub async fn sweep(store: &DbSessionStore) -> anyhow::Result<()> {
    let deleted = store.delete_expired().await?;
    if deleted > 0 {
        tracing::info!(sessions = deleted, "expired sessions deleted");
    }
    Ok(())
}
