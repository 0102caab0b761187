//! The search indexer job: keeps the search index in step with the
//! database. Each step first makes sure the index exists at the current
//! schema version (rebuilt from the database when missing or older;
//! confirmed again every `RECHECK`, so a backend restarted empty is
//! noticed), then applies the search outbox (`search::indexer::drain`).
//! Woken by every commit of this application; its period is the safety net.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::db::Db;
use crate::search::{self, SearchIndex};

/// How often the indexer looks at the outbox when no commit woke it.
pub const PERIOD: Duration = Duration::from_millis(400);
/// The longest pause after failures: a search backend that comes back is
/// caught up within seconds.
pub const MAX_BACKOFF: Duration = Duration::from_secs(10);
/// How often the index's schema version is confirmed.
const RECHECK: Duration = Duration::from_secs(300);

/// The indexer's state between steps.
#[derive(Clone)]
pub struct SearchIndexer {
    db: Db,
    index: Arc<dyn SearchIndex>,
    /// When the schema version was last confirmed (`None`: not yet).
    checked: Arc<Mutex<Option<Instant>>>,
}

impl SearchIndexer {
    pub fn new(db: Db, index: Arc<dyn SearchIndex>) -> SearchIndexer {
        SearchIndexer { db, index, checked: Arc::new(Mutex::new(None)) }
    }

    /// One round: the schema check when due, then the outbox.
    pub async fn step(&self) -> anyhow::Result<()> {
        let due = self
            .checked
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .is_none_or(|at| at.elapsed() >= RECHECK);
        if due {
            if self.index.schema_version().await? != Some(search::SCHEMA_VERSION) {
                tracing::info!(backend = self.index.backend(), "building the search index from the database");
                let count = search::indexer::rebuild(&self.db, &*self.index, self.db.changes(), None).await?;
                tracing::info!(listings = count, "search index built");
            }
            *self.checked.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(Instant::now());
        }
        self.index.refresh().await?;
        let applied = search::indexer::drain(&self.db, &*self.index, self.db.changes()).await?;
        if applied > 0 {
            tracing::debug!(changes = applied, "search index updated");
        }
        Ok(())
    }
}
