//! Reading and saving the caller's company profile: the rules (validation,
//! one save per account at a time, the producer's listings re-indexed with
//! it, a verified producer whose legal name or ICE changes sent back for
//! review) over `repo::producer_profile`.

use crate::db::Db;
use app::domain::{AppError, ProducerAccess, ProfileEditor, ProfileForm};
use chrono::{Datelike, Utc};

use crate::db;
use crate::repo::{producer_profile, search_changes};

/// The profile form filled from the database (empty for a new producer).
pub async fn editor(db: &Db, access: &ProducerAccess) -> Result<ProfileEditor, AppError> {
    Ok(producer_profile::editor(db, access.user_id()).await?)
}

/// Creates or updates the caller's producer, its descriptions and
/// certifications, and queues its listings for re-indexing (their cards show
/// the company), all in one transaction.
pub async fn save(db: &Db, access: &ProducerAccess, form: &ProfileForm) -> Result<String, AppError> {
    let profile = form.validate(Utc::now().year())?;
    let txn = db::begin_write(db).await?;
    producer_profile::lock_owner(&txn, access.user_id()).await?;
    let before = producer_profile::owned_by(&txn, access.user_id()).await?;
    // An office working for a cooperative keeps it in its region (the
    // office's own); only the cooperative itself may move.
    if access.on_behalf() && before.as_ref().is_some_and(|before| before.region != profile.region.slug()) {
        return Err(AppError::invalid("region", "invalid.office_region"));
    }
    let now = Utc::now();
    let (id, slug) = producer_profile::save(&txn, access.user_id(), &profile, now).await?;
    let after = producer_profile::owned_by(&txn, access.user_id()).await?;
    if let (Some(before), Some(after)) = (before, after.as_ref()) {
        super::verification::after_profile_change(&txn, &before, after, now).await?;
    }
    if let Some(after) = &after {
        super::on_behalf::record(&txn, access, after, "company profile saved", now).await?;
    }
    search_changes::record_producer(&txn, id).await?;
    db::commit(txn).await?;
    tracing::info!(producer = id, user = access.user_id(), "company profile saved");
    Ok(slug)
}
