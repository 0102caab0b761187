//! Pruning the search change feed: changes older than
//! `search_changes::RETENTION` are deleted (in one process of a fleet at a
//! time), and the last position pruned is recorded, so an index stopped for
//! longer than that rebuilds instead of missing them.

use std::time::Duration;

use crate::db::{self, Db};
use crate::repo::search_changes;

/// How often the feed is pruned.
pub const PERIOD: Duration = Duration::from_secs(3600);

pub async fn prune(db: &Db) -> anyhow::Result<()> {
    let txn = db::begin_write(db).await?;
    let pruned = search_changes::prune(&txn, chrono::Utc::now() - search_changes::RETENTION).await?;
    db::commit_private(txn).await?;
    if pruned > 0 {
        tracing::info!(changes = pruned, "old search feed changes pruned");
    }
    Ok(())
}
