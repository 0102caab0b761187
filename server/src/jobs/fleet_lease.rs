//! Jobs that run in one server process of a fleet at a time: before each
//! step the process takes (or renews) the job's lease (`repo::job_lease`);
//! a process that does not get it skips the step. The lease outlasts the
//! job's period, so the holder keeps it while it lives, and another process
//! takes over within one lease after it stops (at once after a clean stop,
//! which releases its leases).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;

use crate::db::Db;
use crate::repo::job_lease;

/// How much longer than its period a job's lease lasts.
const MARGIN: Duration = Duration::from_secs(120);

/// One job's lease, as this process asks for it.
#[derive(Clone)]
pub struct FleetLease {
    db: Db,
    job: Arc<str>,
    /// This process (`AppState::instance`).
    holder: String,
    length: chrono::Duration,
}

impl FleetLease {
    /// The lease of `job`, run every `period`, for the process `holder`.
    pub fn new(db: Db, job: &str, holder: &str, period: Duration) -> FleetLease {
        FleetLease::lasting(db, job, holder, period + MARGIN)
    }

    /// The lease of `job` for `holder`, each take lasting `length`.
    pub fn lasting(db: Db, job: &str, holder: &str, length: Duration) -> FleetLease {
        let length = chrono::Duration::from_std(length).unwrap_or(chrono::Duration::hours(1));
        FleetLease { db, job: Arc::from(job), holder: holder.to_owned(), length }
    }

    /// The job's name.
    pub fn job(&self) -> &str {
        &self.job
    }

    /// Whether this process holds the lease now (taken or renewed).
    pub async fn take(&self) -> anyhow::Result<bool> {
        let now = Utc::now();
        Ok(job_lease::take(&self.db, &self.job, &self.holder, now, now + self.length).await?)
    }

    /// Renews the lease every third of its length while `work` runs (a
    /// step that lasts longer than one lease, such as a rebuild), so no
    /// other process takes it meanwhile.
    pub async fn renewed_during<T>(&self, work: impl Future<Output = T>) -> T {
        let every = (self.length / 3).to_std().unwrap_or(Duration::from_secs(10)).max(Duration::from_millis(100));
        let renewing = async {
            loop {
                tokio::time::sleep(every).await;
                match self.take().await {
                    Ok(true) => {}
                    Ok(false) => tracing::error!(job = %self.job, "another process took this job's lease while it ran"),
                    Err(error) => tracing::warn!(%error, job = %self.job, "could not renew this job's lease"),
                }
            }
        };
        tokio::select! {
            outcome = work => outcome,
            _ = renewing => unreachable!("the renewal loop never ends"),
        }
    }
}

/// A step of the job's body.
pub type Step = Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>>;

/// `step`, run only while this process holds `lease`.
pub fn in_one_process<F, Fut>(lease: FleetLease, mut step: F) -> impl FnMut() -> Step + Send + 'static
where
    F: FnMut() -> Fut + Send + 'static,
    Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
{
    move || {
        let lease = lease.clone();
        let work = step();
        Box::pin(async move {
            if lease.take().await? {
                work.await
            } else {
                tracing::debug!(job = %lease.job, "another process holds this job's lease");
                Ok(())
            }
        })
    }
}

/// Ends this process's leases (at shutdown).
pub async fn release(db: &Db, holder: &str) -> anyhow::Result<()> {
    let released = job_lease::release_all(db, holder).await?;
    if released > 0 {
        tracing::info!(leases = released, "job leases released");
    }
    Ok(())
}
