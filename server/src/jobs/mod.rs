//! The background jobs, each a module with its name, period and step, all
//! run by one supervisor (`supervisor::Jobs`): the search indexer, the
//! fleet's change listener, the mail sender, the reset links, the saved
//! search alerts, the listing view counter (written once more at shutdown),
//! the session sweeper, the attempt sweeper, the search feed pruning, the planner statistics and,
//! once at start, the media sweep; at shutdown it also waits for the photo
//! uploads being stored, hands back its mail claims and releases the job
//! leases. `start` is the one list
//! of them. Jobs whose work is the database's, not the process's (the
//! alerts, the sweepers, the pruning, the statistics, feeding a shared search
//! index) run in one process of a fleet at a time (`fleet_lease`); the mail
//! sender claims each mail; the view counter, the change listener, the
//! indexer of an embedded index and the sweep of a local media directory
//! are each process's own (a shared bucket's sweep is leased).
//! A process started with `TRADEMA_JOBS=local` runs only its own.

pub mod attempt_sweep;
pub mod fleet_changes;
pub mod fleet_lease;
pub mod mail_sender;
pub mod media_sweep;
pub mod planner_statistics;
pub mod reset_links;
pub mod saved_search_alerts;
pub mod search_feed_prune;
pub mod search_indexer;
pub mod session_sweep;
pub mod supervisor;
pub mod view_flush;

use std::sync::Arc;
use std::time::Duration;

pub use supervisor::Jobs;

use self::fleet_lease::{FleetLease, in_one_process};

use crate::config::JobsHere;
use crate::mail::Mailer;
use crate::state::AppState;

/// How often the mail sender looks for mail to send.
const MAIL_SENDER_PERIOD: Duration = Duration::from_secs(1);
/// How often due search alerts are looked for (each search is mailed at
/// most once a day).
const ALERTS_PERIOD: Duration = Duration::from_secs(600);
/// The pause before listening again after the fleet's channel failed.
const LISTENER_RETRY: Duration = Duration::from_secs(1);

/// Starts the background jobs of the application in `state`: its own, and
/// the fleet's work too unless `TRADEMA_JOBS=local`.
pub fn start(state: &AppState, mailer: Mailer) -> Jobs {
    let mut jobs = Jobs::new();

    // An embedded index is this process's own; feeding a shared one is the
    // fleet's work.
    if state.settings.jobs == JobsHere::All || !state.search.is_shared() {
        let indexer = search_indexer::SearchIndexer::new(state.db.clone(), state.search.clone(), &state.instance);
        jobs.every_or_woken(
            "search indexer",
            search_indexer::PERIOD,
            search_indexer::MAX_BACKOFF,
            Some(state.db.changes().indexer_wake()),
            move || {
                let indexer = indexer.clone();
                async move { indexer.step().await }
            },
        );
    }

    if state.db.changes().announced_as().is_some() {
        let (db, instance) = (state.db.clone(), state.instance.clone());
        jobs.every_or_woken("fleet change listener", LISTENER_RETRY, Duration::from_secs(30), None, move || {
            let (db, instance) = (db.clone(), instance.clone());
            async move { fleet_changes::listen(&db, &instance).await }
        });
    }

    let (db, views) = (state.db.clone(), state.views.clone());
    jobs.every("listing view counter", view_flush::PERIOD, move || {
        let (db, views) = (db.clone(), views.clone());
        async move { view_flush::flush(&db, &views).await }
    });
    let (db, views) = (state.db.clone(), state.views.clone());
    jobs.at_shutdown("listing view counter", async move { view_flush::flush(&db, &views).await });

    let uploads = state.uploads.clone();
    jobs.at_shutdown("photo uploads", async move {
        uploads.finish_storing().await;
        Ok(())
    });

    let (db, instance) = (state.db.clone(), state.instance.clone());
    jobs.at_shutdown("job leases", async move { fleet_lease::release(&db, &instance).await });

    // A directory of this machine is this process's to sweep; a shared
    // bucket is the fleet's (`fleet_work`).
    if !state.media.is_shared() {
        let (db, media) = (state.db.clone(), state.media.clone());
        jobs.every("media sweep", media_sweep::PERIOD, move || {
            let (db, media) = (db.clone(), media.clone());
            async move { media_sweep::run(&db, &*media).await }
        });
    }
    if state.leptos_options.hash_files {
        // For the next release's servers, while a rolling deploy runs.
        let (media, pkg) = (state.media.clone(), state.settings.site_root.join("pkg"));
        jobs.once("release assets archive", async move {
            let copied = crate::http::media_files::archive_assets(&*media, &pkg).await?;
            if copied > 0 {
                tracing::info!(files = copied, store = media.describe(), "this release's assets archived");
            }
            Ok(())
        });
    }
    if state.settings.jobs == JobsHere::All {
        fleet_work(&mut jobs, state, mailer);
    }
    jobs
}

/// The fleet's work: mail, reset links, alerts, sweeps, the feed pruning and
/// the planner statistics (claimed or leased among the processes running it).
fn fleet_work(jobs: &mut Jobs, state: &AppState, mailer: Mailer) {
    let (db, claimant) = (state.db.clone(), mail_sender::Claimant::new());
    let sender = claimant.clone();
    jobs.every("mail sender", MAIL_SENDER_PERIOD, move || {
        let (db, mailer, claimant) = (db.clone(), mailer.clone(), sender.clone());
        async move {
            let round = mail_sender::send_due(&db, &mailer, chrono::Utc::now(), &claimant).await?;
            if round != mail_sender::Round::default() {
                tracing::info!(?round, "mail outbox");
            }
            Ok(())
        }
    });
    let db = state.db.clone();
    jobs.at_shutdown("mail claims", async move {
        let released = mail_sender::release(&db, &claimant).await?;
        if released > 0 {
            tracing::info!(mails = released, "unsent mail claims handed back");
        }
        Ok(())
    });

    let reset_links = Arc::new(reset_links::ResetLinks {
        db: state.db.clone(),
        limits: state.limits.clone(),
        public_url: state.settings.public_url.clone(),
    });
    jobs.every("reset links", reset_links::PERIOD, move || {
        let reset_links = reset_links.clone();
        async move {
            let mailed = reset_links.deliver_waiting().await?;
            if mailed > 0 {
                tracing::info!(mails = mailed, "password reset links queued");
            }
            Ok(())
        }
    });

    let alerts = Arc::new(saved_search_alerts::SavedSearchAlerts {
        db: state.db.clone(),
        catalog: state.services.catalog.clone(),
        signer: state.signer.clone(),
        public_url: state.settings.public_url.clone(),
    });
    let lease = FleetLease::new(state.db.clone(), "saved search alerts", &state.instance, ALERTS_PERIOD);
    jobs.every(
        "saved search alerts",
        ALERTS_PERIOD,
        in_one_process(lease, move || {
            let alerts = alerts.clone();
            async move {
                let mailed = alerts.send_due(chrono::Utc::now()).await?;
                if mailed > 0 {
                    tracing::info!(mails = mailed, "search alerts queued");
                }
                Ok(())
            }
        }),
    );

    let digests = Arc::new(crate::services::requests::digest::RequestDigests {
        db: state.db.clone(),
        public_url: state.settings.public_url.clone(),
        clock: state.clock.clone(),
    });
    let lease = FleetLease::new(state.db.clone(), "request digests", &state.instance, ALERTS_PERIOD);
    jobs.every(
        "request digests",
        ALERTS_PERIOD,
        in_one_process(lease, move || {
            let digests = digests.clone();
            async move {
                let mailed = digests.send_due().await?;
                if mailed > 0 {
                    tracing::info!(mails = mailed, "buying request digests queued");
                }
                Ok(())
            }
        }),
    );

    if state.media.is_shared() {
        let (db, media) = (state.db.clone(), state.media.clone());
        let lease = FleetLease::new(state.db.clone(), "media sweep", &state.instance, media_sweep::PERIOD);
        jobs.every(
            "media sweep",
            media_sweep::PERIOD,
            in_one_process(lease, move || {
                let (db, media) = (db.clone(), media.clone());
                async move { media_sweep::run(&db, &*media).await }
            }),
        );
    }

    let store = crate::auth::session_store(state.db.connection().clone());
    let lease = FleetLease::new(state.db.clone(), "session sweeper", &state.instance, session_sweep::PERIOD);
    jobs.every(
        "session sweeper",
        session_sweep::PERIOD,
        in_one_process(lease, move || {
            let store = store.clone();
            async move { session_sweep::sweep(&store).await }
        }),
    );

    let db = state.db.clone();
    let lease = FleetLease::new(state.db.clone(), "attempt sweeper", &state.instance, attempt_sweep::PERIOD);
    jobs.every(
        "attempt sweeper",
        attempt_sweep::PERIOD,
        in_one_process(lease, move || {
            let db = db.clone();
            async move { attempt_sweep::sweep(&db, chrono::Utc::now()).await }
        }),
    );

    let db = state.db.clone();
    let lease = FleetLease::new(state.db.clone(), "search feed pruning", &state.instance, search_feed_prune::PERIOD);
    jobs.every(
        "search feed pruning",
        search_feed_prune::PERIOD,
        in_one_process(lease, move || {
            let db = db.clone();
            async move { search_feed_prune::prune(&db).await }
        }),
    );

    let db = state.db.clone();
    let lease = FleetLease::new(state.db.clone(), "planner statistics", &state.instance, planner_statistics::PERIOD);
    jobs.every(
        "planner statistics",
        planner_statistics::PERIOD,
        in_one_process(lease, move || {
            let db = db.clone();
            async move { planner_statistics::refresh(&db).await }
        }),
    );
}
