//! The `SavedSearches` port: a buyer's saved searches. Rules, each
//! here once:
//! - only buyers keep searches, at most `MAX_SAVED_SEARCHES`; the same
//!   search (words and filters; page and order aside) is kept once;
//! - a buyer acts only on their own searches (`NotFound` otherwise);
//! - a mailed link stops one search's alerts without signing in when its
//!   signature is right (`signing::Purpose::StopAlerts`), and refuses
//!   anything else with the same answer;
//! - alerts go to confirmed addresses only: saving a search from an
//!   unconfirmed one mails the confirmation link.
//!
//! The alerts themselves are mailed by `jobs::saved_search_alerts`.

use crate::db::Db;
use app::domain::{
    AlertSubscription, AppError, BuyerAccess, ListingQuery, Locale, MAX_SAVED_SEARCHES, SavedSearchLine,
    SavedSearchList,
};
use app::ports::SavedSearches;
use chrono::Utc;
use url::Url;

use crate::db;
use crate::entities::saved_searches;
use crate::repo::{saved_search, user};
use crate::signing::{LinkSigner, Purpose};

pub struct SavedSearchesService {
    db: Db,
    public_url: Url,
    signer: LinkSigner,
}

/// A kept query string back as a query.
pub fn parse_kept(query: &str) -> ListingQuery {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    ListingQuery::from_pairs(|key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
}

fn line(model: saved_searches::Model) -> SavedSearchLine {
    SavedSearchLine {
        id: model.id,
        query: parse_kept(&model.query),
        alerts: model.alerts,
        saved_on: model.created_at.format("%Y-%m-%d").to_string(),
        last_mailed_on: model.last_mailed_at.map(|at| at.format("%Y-%m-%d").to_string()),
    }
}

impl SavedSearchesService {
    pub fn new(db: Db, public_url: Url, signer: LinkSigner) -> SavedSearchesService {
        SavedSearchesService { db, public_url, signer }
    }

    /// The saved search a mailed link names, when its token is right.
    async fn signed(&self, id: i64, token: &str) -> Result<saved_searches::Model, AppError> {
        // One answer for a bad signature and an unknown search.
        let refused = || AppError::invalid("token", "invalid.alert_link");
        if !self.signer.verify(Purpose::StopAlerts, id, token) {
            tracing::warn!(saved_search = id, "an alert link with a wrong signature was refused");
            return Err(refused());
        }
        saved_search::by_id(&self.db, id).await?.ok_or_else(refused)
    }
}

#[async_trait::async_trait]
impl SavedSearches for SavedSearchesService {
    async fn saved(&self, buyer: &BuyerAccess) -> Result<SavedSearchList, AppError> {
        let user_id = buyer.user_id();
        let account = user::by_id(&self.db, user_id).await?;
        let lines = saved_search::of_user(&self.db, user_id).await?.into_iter().map(line).collect();
        Ok(SavedSearchList { lines, address_confirmed: account.is_some_and(|a| a.email_verified_at.is_some()) })
    }

    async fn save(&self, buyer: &BuyerAccess, query: &ListingQuery, locale: Locale) -> Result<i64, AppError> {
        let user_id = buyer.user_id();
        if query.text.chars().count() > ListingQuery::MAX_TEXT_CHARS {
            return Err(AppError::invalid("query", "invalid.too_long"));
        }
        // Read back as the search page reads a query, so what is kept is what
        // will run (a malformed HS code is dropped, not kept as a filter).
        let kept = parse_kept(&query.to_kept().to_query_string());
        if kept.is_empty() {
            return Err(AppError::invalid("query", "invalid.saved_search_empty"));
        }
        let text = kept.to_query_string();
        let now = Utc::now();
        let txn = db::begin_write(&self.db).await?;
        // The count below stays true until this insert commits.
        db::serialize(&txn, db::WriteScope::BuyerSavedSearches(user_id)).await?;
        if let Some(existing) = saved_search::find(&txn, user_id, &text).await? {
            return Ok(existing.id);
        }
        if saved_search::count_of_user(&txn, user_id).await? >= MAX_SAVED_SEARCHES as u64 {
            return Err(AppError::invalid("query", "invalid.saved_search_too_many"));
        }
        let id = saved_search::insert(&txn, user_id, &text, locale.code(), now).await?;
        let account = user::by_id(&txn, user_id).await?;
        if let Some(account) = account.filter(|a| a.email_verified_at.is_none()) {
            super::confirmation::queue(&txn, &account, locale, now, &self.public_url).await?;
        }
        db::commit_private(txn).await?;
        tracing::info!(user = user_id, saved_search = id, "search saved");
        Ok(id)
    }

    async fn remove(&self, buyer: &BuyerAccess, id: i64) -> Result<(), AppError> {
        let user_id = buyer.user_id();
        if saved_search::delete(&self.db, user_id, id).await? { Ok(()) } else { Err(AppError::NotFound) }
    }

    async fn set_alerts(&self, buyer: &BuyerAccess, id: i64, on: bool) -> Result<(), AppError> {
        let user_id = buyer.user_id();
        if saved_search::set_alerts(&self.db, Some(user_id), id, on).await? { Ok(()) } else { Err(AppError::NotFound) }
    }

    async fn subscription(&self, id: i64, token: &str) -> Result<AlertSubscription, AppError> {
        let model = self.signed(id, token).await?;
        Ok(AlertSubscription { query: parse_kept(&model.query), alerts: model.alerts })
    }

    async fn stop_alerts(&self, id: i64, token: &str) -> Result<(), AppError> {
        let model = self.signed(id, token).await?;
        saved_search::set_alerts(&self.db, None, model.id, false).await?;
        tracing::info!(saved_search = id, "alerts stopped from a mailed link");
        Ok(())
    }
}
