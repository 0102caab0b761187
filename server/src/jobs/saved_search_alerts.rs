//! The saved search alerts job: for every saved search with alerts on
//! that was not mailed in the last `ALERT_EVERY`, the listings that match it
//! now and were published after it was saved, minus those already mailed
//! for it, are mailed to its buyer in one message (at most
//! `ALERT_MAX_LISTINGS` named, the rest counted), with a link to the whole
//! search and a signed link that stops the alerts without signing in.
//!
//! "Never twice" is the `saved_search_hits` table: a listing mailed for a
//! search is recorded in the same transaction as the mail is queued.
//! Alerts go to active accounts with a confirmed address only.

use std::sync::Arc;

use crate::db::Db;
use app::domain::{ALERT_MAX_LISTINGS, AccountStatus, ListingCard, Locale, SearchSort};
use app::ports::Catalog;
use chrono::{DateTime, Duration, Utc};
use url::Url;

use crate::db;
use crate::repo::{mail_outbox, saved_search};
use crate::services::{link_to, saved_searches::parse_kept};
use crate::signing::{LinkSigner, Purpose};

/// The least time between two alerts of one search.
pub const ALERT_EVERY: Duration = Duration::hours(24);
/// Newest matches looked at per search and round.
const CANDIDATES: u64 = 48;

/// What the alerts need.
pub struct SavedSearchAlerts {
    pub db: Db,
    pub catalog: Arc<dyn Catalog>,
    pub signer: LinkSigner,
    pub public_url: Url,
}

impl SavedSearchAlerts {
    /// Mails every alert due at `now`; returns how many mails were queued.
    pub async fn send_due(&self, now: DateTime<Utc>) -> anyhow::Result<u32> {
        let mut mailed = 0;
        for search in saved_search::due(&self.db, now - ALERT_EVERY).await? {
            match self.alert(&search, now).await {
                Ok(true) => mailed += 1,
                Ok(false) => {}
                // One search's failure does not stop the others'.
                Err(error) => tracing::error!(saved_search = search.id, ?error, "cannot mail a search alert"),
            }
        }
        Ok(mailed)
    }

    /// Mails one search's new matches, if any; whether a mail was queued.
    async fn alert(&self, search: &crate::entities::saved_searches::Model, now: DateTime<Utc>) -> anyhow::Result<bool> {
        let Some(buyer) = crate::repo::user::by_id(&self.db, search.user_id).await? else {
            return Ok(false);
        };
        if buyer.email_verified_at.is_none() || buyer.status != AccountStatus::Active.slug() {
            return Ok(false);
        }
        let locale = Locale::from_code(&search.locale).unwrap_or(Locale::DEFAULT);
        let query = parse_kept(&search.query);
        let newest = app::domain::ListingQuery { sort: SearchSort::Newest, page: 1, ..query.clone() };
        let results =
            self.catalog.find_listings(&newest, locale, CANDIDATES).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let ids: Vec<i64> = results.cards.iter().map(|card| card.id).collect();
        let published_since = crate::repo::listing::published_after(&self.db, &ids, search.created_at).await?;
        // Claimed and checked inside the write transaction: of two servers
        // running this job, one mails; the other finds it mailed.
        let txn = db::begin_write(&self.db).await?;
        if !saved_search::claim(&txn, search.id, now - ALERT_EVERY, now).await? {
            return Ok(false);
        }
        let mailed = saved_search::already_mailed(&txn, search.id, &published_since).await?;
        let fresh: Vec<&ListingCard> = results
            .cards
            .iter()
            .filter(|card| published_since.contains(&card.id) && !mailed.contains(&card.id))
            .collect();
        if fresh.is_empty() {
            // Dropping the transaction undoes the claim: the day's window
            // starts with the first mail, not with a round that found nothing.
            return Ok(false);
        }
        let m = app::i18n::messages(locale);
        let lines: Vec<String> = fresh
            .iter()
            .take(ALERT_MAX_LISTINGS)
            .map(|card| {
                let link = link_to(&self.public_url, &card.path(locale));
                format!("- {} ({}, {})\n  {link}", card.title.text, card.producer_name, card.region.name(m))
            })
            .collect();
        let more = fresh.len().saturating_sub(ALERT_MAX_LISTINGS);
        let search_link = link_to(&self.public_url, &app::i18n::I18n::new(locale).search_path_for(&newest));
        let stop_link = link_to(
            &self.public_url,
            &format!(
                "/{}/alerts/stop?search={}&token={}",
                locale.code(),
                search.id,
                self.signer.sign(Purpose::StopAlerts, search.id)
            ),
        );
        let mail = crate::mail::search_alert(crate::mail::SearchAlert {
            locale,
            to: &buyer.email,
            name: &buyer.display_name,
            search: &query.summary(m),
            count: fresh.len(),
            listings: &lines.join("\n"),
            more,
            search_link: &search_link,
            stop_link: &stop_link,
        });
        let ids: Vec<i64> = fresh.iter().map(|card| card.id).collect();
        saved_search::mark_mailed(&txn, search.id, &ids, now).await?;
        mail_outbox::enqueue(&txn, &mail, now).await?;
        db::commit_private(txn).await?;
        tracing::info!(saved_search = search.id, listings = ids.len(), "search alert queued");
        Ok(true)
    }
}
