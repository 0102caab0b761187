//! The attempt sweeper: deletes the attempt windows that have ended and the
//! known places not seen for `rate_limit::KNOWN_FOR`, at start and every
//! `PERIOD`, so the tables the attempt limits are counted in hold only what
//! can still refuse or spare someone. The work is the database's: it runs in
//! one process of a fleet at a time. It decides nothing; a window that is
//! not swept yet has ended all the same.

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::auth::rate_limit;
use crate::db::Db;

/// How often ended windows are deleted (the shortest lasts a minute).
pub const PERIOD: Duration = Duration::from_secs(300);

/// Deletes the ended windows and the old places as of `now`.
pub async fn sweep(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    let swept = rate_limit::sweep(db, now).await?;
    if swept != rate_limit::Swept::default() {
        tracing::info!(windows = swept.windows, places = swept.places, "ended attempt windows and old places deleted");
    }
    Ok(())
}
