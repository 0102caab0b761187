//! The daily digest of buying requests: every producer matched to requests
//! that still take quotes gets one mail naming those no digest named yet,
//! at most once a day, in each recipient's language (the owners, and the
//! members who answer inquiries). A match named is marked in the same
//! transaction the mail is queued in, so it is never named twice.

use app::domain::{Locale, TeamKind};
use chrono::{DateTime, Utc};
use url::Url;

use crate::clock::Clock;
use crate::db::{self, Db};
use crate::repo::buying_request as requests;
use crate::repo::request_digest;
use crate::repo::{mail_outbox, team_member};
use crate::services::link_to;

/// Requests named in one mail, at most (the rest wait for the next day).
const NAMED: usize = 20;

/// Pending matches read in one run, at most: the run stays bounded however
/// many requests wait, and the next one takes the rest.
const BATCH: u64 = 5_000;

pub struct RequestDigests {
    pub db: Db,
    pub public_url: Url,
    pub clock: Clock,
}

impl RequestDigests {
    /// Queues every digest due now; how many mails.
    pub async fn send_due(&self) -> anyhow::Result<u32> {
        let (now, today) = (self.clock.now(), self.clock.today());
        let mut mailed = 0;
        for (producer_id, request_ids) in request_digest::digests_due(&self.db, now, today, BATCH).await? {
            match self.digest(producer_id, &request_ids[..request_ids.len().min(NAMED)], now).await {
                Ok(sent) => mailed += sent,
                // One producer's failure does not stop the others'.
                Err(error) => tracing::error!(producer = producer_id, ?error, "cannot mail a request digest"),
            }
        }
        Ok(mailed)
    }

    async fn digest(&self, producer_id: i64, request_ids: &[i64], now: DateTime<Utc>) -> anyhow::Result<u32> {
        let members = team_member::of_company(&self.db, TeamKind::Producer, producer_id).await?;
        let recipients: Vec<i64> = members
            .iter()
            .map(|(member, _)| member.user_id)
            .filter(|user_id| team_member::answers_inquiries(&members, *user_id))
            .collect();
        let users = crate::repo::user::by_ids(&self.db, recipients).await?;
        let mut rows = Vec::new();
        for id in request_ids {
            if let Some(row) = requests::by_id(&self.db, *id).await? {
                rows.push(row);
            }
        }
        let txn = db::begin_write(&self.db).await?;
        let mut sent = 0;
        for user in users.iter().filter(|user| user.status == app::domain::AccountStatus::Active.slug()) {
            let locale = Locale::from_code(&user.locale).unwrap_or(Locale::DEFAULT);
            let lines: String = rows
                .iter()
                .map(|row| {
                    let link = link_to(&self.public_url, &format!("/{}/requests/{}", locale.code(), row.id));
                    format!(
                        "- {} · {} {} · {}\n  {}\n",
                        row.product, row.quantity_amount, row.quantity_unit, row.deadline, link
                    )
                })
                .collect();
            let link = link_to(&self.public_url, &format!("/{}/dashboard/requests", locale.code()));
            let mail = crate::mail::request_digest(locale, &user.email, rows.len(), &lines, &link);
            mail_outbox::enqueue(&txn, &mail, now).await?;
            sent += 1;
        }
        request_digest::mark_notified(&txn, producer_id, request_ids, now).await?;
        db::commit_private(txn).await?;
        Ok(sent)
    }
}
