//! Keeps the database's query planner statistics current
//! (`db::refresh_statistics`), at start and every `PERIOD`.

use std::time::Duration;

use crate::db::Db;

/// How often the statistics are refreshed.
pub const PERIOD: Duration = Duration::from_secs(3600);

/// Refreshes them once.
pub async fn refresh(db: &Db) -> anyhow::Result<()> {
    Ok(crate::db::refresh_statistics(db).await?)
}
