//! Background jobs under one supervisor: each runs in a `JoinSet` with the
//! supervisor's cancellation token, a failing step is logged and retried with
//! a growing pause (never lost silently), and shutdown cancels them all and
//! waits for them, within a bound. Today's jobs: the mail sender, the session
//! sweeper and the start-up media sweep; the search indexer and the alert
//! digests come next, as one more `every` each.

pub mod alerts;
pub mod mail_sender;

use std::future::Future;
use std::time::Duration;

use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

/// The longest pause between two tries of a failing job.
const MAX_BACKOFF: Duration = Duration::from_secs(300);

/// The running background jobs.
pub struct Jobs {
    cancel: CancellationToken,
    running: JoinSet<()>,
}

impl Default for Jobs {
    fn default() -> Jobs {
        Jobs::new()
    }
}

impl Jobs {
    pub fn new() -> Jobs {
        Jobs { cancel: CancellationToken::new(), running: JoinSet::new() }
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
        wake: Option<&'static tokio::sync::Notify>,
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
                pause = match outcome {
                    Ok(()) => period,
                    Err(error) => {
                        let next = (pause * 2).min(max_backoff);
                        tracing::error!(job = name, error = %format!("{error:#}"), retry_in = ?next, "background job failed");
                        next
                    }
                };
                let woken = async {
                    match wake {
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

    /// Cancels every job and waits for them to stop, at most `within`.
    pub async fn shutdown(mut self, within: Duration) {
        self.cancel.cancel();
        let all_stopped = async { while self.running.join_next().await.is_some() {} };
        if tokio::time::timeout(within, all_stopped).await.is_err() {
            tracing::warn!(?within, "background jobs did not stop in time; aborting them");
            self.running.abort_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    #[tokio::test]
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
        while tries.lock().expect("log").len() < 6 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        jobs.shutdown(Duration::from_secs(5)).await;
        let at = tries.lock().expect("log").clone();
        let gaps: Vec<Duration> = at.windows(2).map(|pair| pair[1] - pair[0]).collect();
        // Pauses after failures double (40, 80, 160 ms), then go back to 20 ms.
        assert!(gaps[0] >= Duration::from_millis(40) && gaps[1] >= Duration::from_millis(80), "{gaps:?}");
        assert!(gaps[2] >= Duration::from_millis(160), "{gaps:?}");
        assert!(gaps[3] < Duration::from_millis(160), "back to the normal period after a success: {gaps:?}");
        let stopped_at = at.len();
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(tries.lock().expect("log").len(), stopped_at, "nothing runs after shutdown");
    }
}
