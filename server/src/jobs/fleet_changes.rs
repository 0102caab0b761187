//! Hearing the fleet: on PostgreSQL every process listens on
//! `changes::CHANNEL` through a connection of its own, and counts each
//! commit (or shared-index change) another process announces as one of its
//! own, so its page, card and count caches drop what that change made stale
//! and its indexer looks at the feed at once. Notifications are not kept
//! while the connection is down: after a reconnection everything kept is
//! recomputed. SQLite is one process: nothing to hear (the job only runs
//! where commits are announced, `Changes::announced_as`).

use sea_orm::DbBackend;
use sea_orm::sqlx::postgres::PgListener;

use crate::changes::{Announcement, CHANNEL};
use crate::db::Db;

/// Listens until the connection fails for good (the job then starts again
/// after a pause, and the counters are bumped in case a change was missed).
pub async fn listen(db: &Db, instance: &str) -> anyhow::Result<()> {
    if db.get_database_backend() != DbBackend::Postgres {
        anyhow::bail!("the fleet's change notifications need PostgreSQL");
    }
    let changes = db.changes();
    let mut listener = PgListener::connect_with(db.connection().get_postgres_connection_pool()).await?;
    listener.listen(CHANNEL).await?;
    // Whatever happened before the listener was up.
    changes.may_have_missed();
    tracing::debug!(channel = CHANNEL, "listening to the fleet's changes");
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => match Announcement::parse(notification.payload()) {
                Some((_, sender)) if sender == instance => {}
                Some((announcement, _)) => changes.heard(announcement),
                None => tracing::warn!(payload = notification.payload(), "unknown announcement on the fleet channel"),
            },
            Ok(None) => {
                tracing::warn!("the fleet's change notifications were interrupted; cached answers are recomputed");
                changes.may_have_missed();
            }
            Err(error) => {
                changes.may_have_missed();
                return Err(error.into());
            }
        }
    }
}
