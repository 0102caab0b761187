//! The listing view counter's job: views counted in memory
//! (`http::listing_views`) are written every `PERIOD`, and once more at
//! shutdown, so a clean stop loses none (a crash loses at most `PERIOD`).

use std::sync::Arc;
use std::time::Duration;

use crate::db::Db;
use crate::http::listing_views::ViewCounter;

/// How often counted views are written.
pub const PERIOD: Duration = Duration::from_secs(5);

/// Writes the views counted since the last flush.
pub async fn flush(db: &Db, views: &Arc<ViewCounter>) -> anyhow::Result<()> {
    views.flush(db).await?;
    Ok(())
}
