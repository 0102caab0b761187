//! The media sweep, once at start: files an upload left unfinished and
//! files no row refers to any more are removed after their grace period
//! (`media::sweep`).

use std::path::Path;

use crate::db::Db;
use crate::media::sweep::{GRACE, SweepReport, sweep};

/// Sweeps the media directory once.
pub async fn run(db: &Db, media_dir: &Path) -> anyhow::Result<()> {
    let report = sweep(db, media_dir, GRACE).await?;
    if report != SweepReport::default() {
        tracing::info!(?report, "media sweep removed unfinished and unreferenced files");
    }
    Ok(())
}
