//! The search indexer job: keeps the search index in step with the
//! database's change feed. Each step rebuilds the index from the database
//! when it must (never filled, an older schema, or its changes pruned; a
//! backend restarted empty is noticed at the next step), then applies the
//! changes after the index's position (`search::indexer::catch_up`).
//! Woken by every commit of this application (and by the fleet's commits,
//! `jobs::fleet_changes`); its period is the safety net.
//!
//! An embedded index is each process's own: every process runs this job
//! for its index. A shared index (Meilisearch) is fed by one process of the
//! fleet at a time, holding the lease `search feeder <index>`, renewed while
//! a rebuild runs, so two rebuilds never meet.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::fleet_lease::FleetLease;
use crate::db::Db;
use crate::search::{self, SearchIndex};

/// How often the indexer looks at the feed when no commit woke it.
pub const PERIOD: Duration = Duration::from_millis(400);
/// The longest pause after failures: a search backend that comes back is
/// caught up within seconds.
pub const MAX_BACKOFF: Duration = Duration::from_secs(10);
/// How long the lease on a shared index lasts without renewal: another
/// process takes over this long after its feeder died.
const FEEDER_LEASE: Duration = Duration::from_secs(15);
/// How often the feed's pruning point is compared with the index's position.
const RECHECK: Duration = Duration::from_secs(300);

/// The lease of the process feeding a shared index.
pub fn feeder_lease(db: &Db, holder: &str) -> FleetLease {
    let name = format!("search feeder v{}", search::SCHEMA_VERSION);
    FleetLease::lasting(db.clone(), &name, holder, FEEDER_LEASE)
}

/// The indexer's state between steps.
#[derive(Clone)]
pub struct SearchIndexer {
    db: Db,
    index: Arc<dyn SearchIndex>,
    /// Held to feed a shared index (`None`: the index is this process's).
    lease: Option<FleetLease>,
    /// When the pruning point was last compared (`None`: not yet).
    checked: Arc<std::sync::Mutex<Option<Instant>>>,
}

impl SearchIndexer {
    /// The indexer of `index` for the process `holder`.
    pub fn new(db: Db, index: Arc<dyn SearchIndex>, holder: &str) -> SearchIndexer {
        let lease = index.is_shared().then(|| feeder_lease(&db, holder));
        SearchIndexer { db, index, lease, checked: Arc::new(std::sync::Mutex::new(None)) }
    }

    fn recheck_due(&self) -> bool {
        let mut checked = self.checked.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let due = checked.is_none_or(|at| at.elapsed() >= RECHECK);
        if due {
            *checked = Some(Instant::now());
        }
        due
    }

    /// One round: a rebuild when one is needed, then the feed.
    pub async fn step(&self) -> anyhow::Result<()> {
        if let Some(lease) = &self.lease
            && !lease.take().await?
        {
            return Ok(());
        }
        self.index.refresh().await?;
        let rebuild = self.index.feed_position().await?.is_none()
            || (self.recheck_due() && search::indexer::needs_rebuild(&self.db, &*self.index).await?);
        if rebuild {
            tracing::info!(backend = self.index.backend(), "building the search index from the database");
            let build = search::indexer::rebuild(&self.db, &*self.index, self.db.changes(), None);
            let count = match &self.lease {
                Some(lease) => lease.renewed_during(build).await?,
                None => build.await?,
            };
            tracing::info!(listings = count, "search index built");
            self.announce().await?;
        }
        let applied = search::indexer::catch_up(&self.db, &*self.index, self.db.changes(), || async {
            // The documents are in: the fleet may answer from them now. A
            // notice that cannot be sent is not worth stopping the feed for
            // (the others' kept answers expire by themselves).
            if let Err(error) = self.announce().await {
                tracing::warn!(%error, "could not tell the fleet the search index changed");
            }
        })
        .await?;
        if applied > 0 {
            tracing::debug!(changes = applied, "search index updated");
        }
        Ok(())
    }

    /// Tells the fleet that a shared index answers differently (each
    /// process's kept search answers are then recomputed).
    async fn announce(&self) -> anyhow::Result<()> {
        if self.lease.is_some()
            && let Some(instance) = self.db.changes().announced_as()
        {
            crate::db::announce(&self.db, &crate::changes::Announcement::Index.payload(instance)).await?;
        }
        Ok(())
    }
}

/// `server reindex`: rebuilds the index by hand. A shared index is rebuilt
/// under the feeder's lease, so only when no server is feeding it (servers
/// rebuild it themselves when its schema changes or it comes back empty).
pub async fn reindex(db: &Db, index: &dyn SearchIndex) -> anyhow::Result<u64> {
    if !index.is_shared() {
        return search::indexer::reindex(db, index).await;
    }
    let holder = format!("reindex-{}", std::process::id());
    let lease = feeder_lease(db, &holder);
    if !lease.take().await? {
        anyhow::bail!(
            "a server is feeding this search index (lease `{}`): it rebuilds the index by itself when its schema \
             version changes or the index comes back empty; to rebuild it by hand, stop the servers first",
            lease.job()
        );
    }
    let outcome = lease.renewed_during(search::indexer::reindex(db, index)).await;
    if let Err(error) = crate::repo::job_lease::release_all(db, &holder).await {
        tracing::warn!(%error, "could not release the search feeder's lease");
    }
    outcome
}
