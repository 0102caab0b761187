//! The caller's listings: the rules over `repo::own_listing`. Every change
//! runs in one write transaction with its search feed row; a listing that is
//! not the caller's answers `NotFound`; a new listing needs the company
//! profile first; protected-origin labels must come from the origin region;
//! status changes follow `StatusChange::apply`.

use app::domain::{
    AppError, Dashboard, ListingEditor, ListingForm, Locale, ProducerAccess, Region, StatusChange, TeamLogAction,
};
use chrono::Utc;
use sea_orm::ConnectionTrait;

use crate::db::Db;

use super::{own_listing, own_producer};
use crate::db;
use crate::entities::producers;
use crate::repo::convert::slug;
use crate::repo::own_listing as rows;
use crate::repo::search_changes::{OutboxOp, record};

pub async fn dashboard(db: &Db, access: &ProducerAccess, locale: Locale) -> Result<Dashboard, AppError> {
    let Some(producer) = own_producer(db, access).await? else {
        return Ok(Dashboard {
            company_name: None,
            producer_path: None,
            listings: Vec::new(),
            verified: false,
            hidden: None,
            on_behalf: access.on_behalf(),
            role: access.role(),
        });
    };
    Ok(rows::dashboard(db, &producer, locale, access.on_behalf(), access.role()).await?)
}

pub async fn editor(db: &Db, access: &ProducerAccess, id: i64) -> Result<ListingEditor, AppError> {
    let (_, model) = own_listing(db, access, id).await?;
    Ok(rows::editor(db, model).await?)
}

async fn own_producer_or_ask(db: &impl ConnectionTrait, access: &ProducerAccess) -> Result<producers::Model, AppError> {
    own_producer(db, access).await?.ok_or_else(|| AppError::invalid("profile", "invalid.profile_first"))
}

/// Creates or updates a listing with its translations and a feed row, in
/// one write transaction.
pub async fn save(db: &Db, access: &ProducerAccess, id: Option<i64>, form: &ListingForm) -> Result<i64, AppError> {
    let draft = form.validate()?;
    let txn = db::begin_write(db).await?;
    let (producer, existing) = match id {
        Some(id) => {
            let (producer, listing) = own_listing(&txn, access, id).await?;
            (producer, Some(listing))
        }
        None => (own_producer_or_ask(&txn, access).await?, None),
    };
    let producer_region = slug(&producer.region, Region::from_slug, "region")?;
    let origin = draft.origin_region.unwrap_or(producer_region);
    draft.check_labels(origin)?;
    let now = Utc::now();
    let saved = rows::save(&txn, producer.id, existing, &draft, origin, now).await?;
    record(&txn, saved, OutboxOp::Upsert).await?;
    let what = if id.is_some() { "updated" } else { "created" };
    super::on_behalf::record(&txn, access, &producer, &format!("listing {saved} {what}"), now).await?;
    db::commit(txn).await?;
    tracing::info!(listing = saved, producer = producer.id, created = id.is_none(), "listing saved");
    Ok(saved)
}

pub async fn change_status(db: &Db, access: &ProducerAccess, id: i64, change: StatusChange) -> Result<(), AppError> {
    let txn = db::begin_write(db).await?;
    let (producer, model) = own_listing(&txn, access, id).await?;
    let next =
        change.apply(rows::status_of(&model)?).ok_or_else(|| AppError::invalid("status", "invalid.status_change"))?;
    let now = Utc::now();
    rows::set_status(&txn, model, next, now).await?;
    record(&txn, id, OutboxOp::Upsert).await?;
    super::on_behalf::record(&txn, access, &producer, &format!("listing {id} status: {}", next.slug()), now).await?;
    let status = Some(next.slug());
    crate::services::teams::log::listing_change(&txn, access, id, TeamLogAction::ListingStatus, status, now).await?;
    db::commit(txn).await?;
    tracing::info!(listing = id, status = next.slug(), "listing status changed");
    Ok(())
}

/// Deletes a listing and returns the storage keys of its photos, whose files
/// the caller removes after the commit.
pub async fn delete(db: &Db, access: &ProducerAccess, id: i64) -> Result<Vec<String>, AppError> {
    let txn = db::begin_write(db).await?;
    let (producer, model) = own_listing(&txn, access, id).await?;
    let now = Utc::now();
    // Logged before the rows go: the log keeps the listing's title.
    crate::services::teams::log::listing_change(&txn, access, id, TeamLogAction::ListingDeleted, None, now).await?;
    let keys = rows::delete(&txn, model.id).await?;
    record(&txn, id, OutboxOp::Delete).await?;
    super::on_behalf::record(&txn, access, &producer, &format!("listing {id} deleted"), now).await?;
    db::commit(txn).await?;
    tracing::info!(listing = id, photos = keys.len(), "listing deleted");
    Ok(keys)
}
