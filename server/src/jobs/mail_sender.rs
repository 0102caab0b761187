//! Sends what waits in the mail outbox. Each round claims its mails first
//! (`mail_outbox::claim_due`, held for `LEASE`), so several server processes
//! on one database send each mail once; a mail whose round died (a crash) is
//! taken again when the lease ends: at least once, never twice from the
//! fleet. A failed attempt is retried after a pause that doubles from 30
//! seconds up to an hour; after `MAX_ATTEMPTS` the mail is marked dead and
//! logged as an error, for a person to look at. Every claim a process makes
//! starts with its own `Claimant` prefix: at a clean stop the mails of a
//! round cut short are handed back at once (`release`), not after the lease.

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::error::StoreError;
use crate::mail::Mailer;
use crate::repo::mail_outbox;

/// Tries before a mail is given up on (about four hours of retries).
pub const MAX_ATTEMPTS: u32 = 8;
/// Mails taken per round.
const BATCH: u64 = 20;
/// How long a round holds the mails it claimed: far more than sending
/// `BATCH` mails takes (the transport's timeout is 30 s per mail).
pub const LEASE: chrono::Duration = chrono::Duration::minutes(15);

/// The mail claims of one process: each round's claim is this prefix and
/// a round's own random part (32 characters, the column's width).
#[derive(Clone, Debug)]
pub struct Claimant(String);

impl Claimant {
    /// A fresh claimant (one per process).
    pub fn new() -> Claimant {
        Claimant(crate::services::random_hex(8))
    }

    /// What every claim of this process starts with.
    pub fn prefix(&self) -> &str {
        &self.0
    }

    fn claim(&self) -> String {
        format!("{}{}", self.0, crate::services::random_hex(8))
    }
}

impl Default for Claimant {
    fn default() -> Claimant {
        Claimant::new()
    }
}

/// Hands back the mails `claimant` claimed and has not sent (at shutdown):
/// another process sends them at once. How many there were.
pub async fn release(db: &DatabaseConnection, claimant: &Claimant) -> Result<u64, StoreError> {
    mail_outbox::release_claims(db, &claimant.0, Utc::now()).await
}

/// The pause before the next attempt, after `attempts` failed ones.
pub fn retry_pause(attempts: u32) -> chrono::Duration {
    let seconds = 30i64.saturating_mul(1i64 << attempts.saturating_sub(1).min(16));
    chrono::Duration::seconds(seconds.min(3600))
}

/// What one round did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub retried: usize,
    pub dead: usize,
}

/// Sends every mail due at `now`; a transport failure is recorded on the
/// mail, a database failure ends the round (the supervisor retries it).
pub async fn send_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    now: DateTime<Utc>,
    claimant: &Claimant,
) -> Result<Round, StoreError> {
    let mut round = Round::default();
    let claim = claimant.claim();
    for queued in mail_outbox::claim_due(db, &claim, now, now + LEASE, BATCH).await? {
        match mailer.send(queued.mail).await {
            Ok(()) => {
                if !mail_outbox::mark_sent(db, queued.id, &claim, Utc::now()).await? {
                    tracing::warn!(mail = queued.id, "mail sent after its claim's lease ended");
                }
                round.sent += 1;
                crate::metrics::mail("sent");
            }
            Err(error) => {
                let attempts = queued.attempts + 1;
                let message = error.to_string();
                if attempts >= MAX_ATTEMPTS {
                    tracing::error!(mail = queued.id, attempts, %message, "mail given up on (dead letter)");
                    if !mail_outbox::mark_failed(db, queued.id, &claim, attempts, None, &message).await? {
                        tracing::warn!(mail = queued.id, "failed attempt noted after its claim's lease ended");
                    }
                    round.dead += 1;
                    crate::metrics::mail("dead");
                } else {
                    let retry_at = now + retry_pause(attempts);
                    tracing::warn!(mail = queued.id, attempts, %message, %retry_at, "mail not sent; will retry");
                    if !mail_outbox::mark_failed(db, queued.id, &claim, attempts, Some(retry_at), &message).await? {
                        tracing::warn!(mail = queued.id, "failed attempt noted after its claim's lease ended");
                    }
                    round.retried += 1;
                    crate::metrics::mail("retry");
                }
            }
        }
    }
    Ok(round)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pause_doubles_up_to_an_hour() {
        let pauses: Vec<i64> = (1..=9).map(|n| retry_pause(n).num_seconds()).collect();
        assert_eq!(pauses, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    }
}
