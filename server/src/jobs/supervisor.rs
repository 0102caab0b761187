//! The supervisor of the background jobs: each job has a name and runs in
//! one `JoinSet` with the supervisor's cancellation token; a failing step is
//! logged with the job's name and retried with a growing pause (never lost
//! silently); shutdown cancels them all, waits for them within a bound, and
//! then runs the final steps (the last view flush) within the same bound.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

/// The longest pause between two tries of a failing job.
const MAX_BACKOFF: Duration = Duration::from_secs(300);

/// A step run once at shutdown, after every job stopped.
type FinalStep = Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>>;

/// The running background jobs.
pub struct Jobs {
    cancel: CancellationToken,
    running: JoinSet<()>,
    finally: Vec<(&'static str, FinalStep)>,
}

impl Default for Jobs {
    fn default() -> Jobs {
        Jobs::new()
    }
}

impl Jobs {
    pub fn new() -> Jobs {
        Jobs { cancel: CancellationToken::new(), running: JoinSet::new(), finally: Vec::new() }
    }

    /// Runs `step` now and then every `period` until shutdown. A step that
    /// fails is logged and tried again after a pause that doubles from
    /// `period` up to five minutes, back to `period` once it succeeds.
    pub fn every<F, Fut>(&mut self, name: &'static str, period: Duration, step: F)
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        self.every_or_woken(name, period, MAX_BACKOFF, None, step);
    }

    /// `every` with its own longest pause after failures, and also as soon
    /// as `wake` is notified (after a success; a failing step keeps its
    /// backoff).
    pub fn every_or_woken<F, Fut>(
        &mut self,
        name: &'static str,
        period: Duration,
        max_backoff: Duration,
        wake: Option<Arc<tokio::sync::Notify>>,
        mut step: F,
    ) where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        let cancel = self.cancel.clone();
        self.running.spawn(async move {
            let mut pause = period;
            loop {
                let outcome = tokio::select! {
                    () = cancel.cancelled() => break,
                    outcome = step() => outcome,
                };
                let healthy = outcome.is_ok();
                crate::metrics::job_ran(name, healthy);
                pause = match outcome {
                    Ok(()) => period,
                    Err(error) => {
                        let next = (pause * 2).min(max_backoff);
                        tracing::error!(job = name, error = %format!("{error:#}"), retry_in = ?next, "background job failed");
                        next
                    }
                };
                let woken = async {
                    match &wake {
                        Some(wake) if healthy => wake.notified().await,
                        _ => std::future::pending().await,
                    }
                };
                tokio::select! {
                    () = cancel.cancelled() => break,
                    () = tokio::time::sleep(pause) => {}
                    () = woken => {}
                }
            }
            tracing::debug!(job = name, "background job stopped");
        });
    }

    /// Runs `work` once, in the background; shutdown cancels it if unfinished.
    pub fn once<Fut>(&mut self, name: &'static str, work: Fut)
    where
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        let cancel = self.cancel.clone();
        self.running.spawn(async move {
            tokio::select! {
                () = cancel.cancelled() => tracing::info!(job = name, "one-off job cancelled by shutdown"),
                outcome = work => if let Err(error) = outcome {
                    tracing::error!(job = name, error = %format!("{error:#}"), "one-off job failed; it runs again at the next start");
                },
            }
        });
    }

    /// Runs `work` at shutdown, once every job has stopped (what a job
    /// holds in memory is written then).
    pub fn at_shutdown<Fut>(&mut self, name: &'static str, work: Fut)
    where
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        self.finally.push((name, Box::pin(work)));
    }

    /// Cancels every job and waits for them to stop, then runs the final
    /// steps; each wait at most `within`.
    pub async fn shutdown(mut self, within: Duration) {
        self.cancel.cancel();
        let all_stopped = async { while self.running.join_next().await.is_some() {} };
        if tokio::time::timeout(within, all_stopped).await.is_err() {
            tracing::warn!(?within, "background jobs did not stop in time; aborting them");
            self.running.abort_all();
        }
        for (name, work) in self.finally {
            match tokio::time::timeout(within, work).await {
                Ok(Ok(())) => tracing::debug!(job = name, "final step done"),
                Ok(Err(error)) => tracing::error!(job = name, error = %format!("{error:#}"), "final step failed"),
                Err(_) => tracing::error!(job = name, ?within, "final step did not finish in time"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_failing_step_is_retried_with_a_growing_pause_and_shutdown_waits() {
        let tries = Arc::new(Mutex::new(Vec::new()));
        let mut jobs = Jobs::new();
        let log = tries.clone();
        let started = tokio::time::Instant::now();
        jobs.every("flaky", Duration::from_millis(20), move || {
            let log = log.clone();
            async move {
                let mut log = log.lock().expect("log");
                log.push(started.elapsed());
                let n = log.len();
                if n <= 3 { Err(anyhow::anyhow!("try {n} fails")) } else { Ok(()) }
            }
        });
        // The clock is paused: it moves only when every task waits, so the
        // pauses are exact.
        while tries.lock().expect("log").len() < 6 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        jobs.shutdown(Duration::from_secs(5)).await;
        let at = tries.lock().expect("log").clone();
        let gaps: Vec<u128> = at.windows(2).map(|pair| (pair[1] - pair[0]).as_millis()).collect();
        // Pauses after failures double (40, 80, 160 ms), then go back to 20 ms.
        assert_eq!(gaps[..4], [40, 80, 160, 20], "{gaps:?}");
        let stopped_at = at.len();
        tokio::time::sleep(Duration::from_secs(10)).await;
        assert_eq!(tries.lock().expect("log").len(), stopped_at, "nothing runs after shutdown");
    }

    #[tokio::test(start_paused = true)]
    async fn a_wake_up_runs_the_step_before_its_period_and_final_steps_run_after_the_jobs() {
        let runs = Arc::new(Mutex::new(Vec::new()));
        let wake = Arc::new(tokio::sync::Notify::new());
        let mut jobs = Jobs::new();
        let log = runs.clone();
        let started = tokio::time::Instant::now();
        jobs.every_or_woken("woken", Duration::from_secs(60), Duration::from_secs(60), Some(wake.clone()), move || {
            let log = log.clone();
            async move {
                log.lock().expect("log").push(started.elapsed());
                Ok(())
            }
        });
        while runs.lock().expect("log").is_empty() {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        tokio::time::sleep(Duration::from_secs(5)).await;
        wake.notify_one();
        while runs.lock().expect("log").len() < 2 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let second = runs.lock().expect("log")[1];
        assert!(second < Duration::from_secs(60), "woken at {second:?}, before the period");
        let log = runs.clone();
        jobs.at_shutdown("last", async move {
            log.lock().expect("log").push(Duration::MAX);
            Ok(())
        });
        jobs.shutdown(Duration::from_secs(5)).await;
        assert_eq!(runs.lock().expect("log").last(), Some(&Duration::MAX), "the final step ran last");
    }
}
