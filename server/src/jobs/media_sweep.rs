//! The media sweep, at start and then every `PERIOD`: files an upload left
//! unfinished and files no row refers to any more are removed after their
//! grace period (`media::sweep`). A bucket every process shares is swept by
//! one process at a time (the caller holds the lease); a local directory
//! by its own process.

use std::time::Duration;

use crate::db::Db;
use crate::media::storage::MediaStorage;
use crate::media::sweep::{GRACE, SweepReport, sweep};

/// How often the store is swept: an orphan goes within `GRACE + PERIOD`.
pub const PERIOD: Duration = Duration::from_secs(3600);

/// Sweeps the store once.
pub async fn run(db: &Db, storage: &dyn MediaStorage) -> anyhow::Result<()> {
    let report = sweep(db, storage, GRACE).await?;
    if report != SweepReport::default() {
        tracing::info!(?report, store = storage.describe(), "media sweep removed unfinished and unreferenced files");
    }
    Ok(())
}
