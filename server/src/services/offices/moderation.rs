//! Hiding and unhiding listings and producers, and suspending accounts.
//! Each step checks the office's region, changes the row, refreshes the
//! search documents (a hidden listing drops out of the index, since the
//! indexer only keeps what `repo::visibility` lets buyers see) and writes
//! its audit row, in one transaction.

use crate::db::Db;
use app::domain::{AccountStatus, AdminAccess, AppError, AuditAction, AuditObject, ModerationStep, Region, Role};
use chrono::{DateTime, Utc};

use crate::db;
use crate::entities::producers;
use crate::error::StoreError;
use crate::repo::audit::{self, AuditTarget, AuditWhy};
use crate::repo::search_changes::{self, OutboxOp};
use crate::repo::{moderation, producer_profile, session, user};

/// The moderation columns' new values for `step`, and its audit action.
struct Moderated {
    reason: Option<String>,
    note: Option<String>,
    at: Option<DateTime<Utc>>,
    action: AuditAction,
}

fn moderated(step: &ModerationStep, hidden_now: bool, now: DateTime<Utc>) -> Result<Moderated, AppError> {
    match step {
        ModerationStep::Hide { reason, note } => Ok(Moderated {
            reason: Some(reason.slug().to_owned()),
            note: note.clone(),
            at: Some(now),
            action: AuditAction::Hide,
        }),
        ModerationStep::Unhide if !hidden_now => Err(AppError::invalid("step", "invalid.not_hidden")),
        ModerationStep::Unhide => Ok(Moderated { reason: None, note: None, at: None, action: AuditAction::Unhide }),
    }
}

fn why(step: &ModerationStep) -> AuditWhy<'_> {
    match step {
        ModerationStep::Hide { reason, note } => AuditWhy { reason: Some(reason.slug()), note: note.as_deref() },
        ModerationStep::Unhide => AuditWhy::default(),
    }
}

pub(super) fn region_of(producer: &producers::Model) -> Result<Region, StoreError> {
    Region::from_slug(&producer.region).ok_or_else(|| StoreError::Corrupt(format!("region `{}`", producer.region)))
}

/// The producer with `slug`, if `admin`'s office covers it (else `NotFound`).
pub(super) async fn producer_in_office(
    db: &impl sea_orm::ConnectionTrait,
    admin: &AdminAccess,
    slug: &str,
) -> Result<producers::Model, AppError> {
    let producer = crate::repo::producer_profile::by_slug_for_office(db, slug).await?.ok_or(AppError::NotFound)?;
    admin.check_region(region_of(&producer)?)?;
    Ok(producer)
}

/// Hides or unhides a producer (and so all its listings).
pub async fn producer(db: &Db, admin: &AdminAccess, slug: &str, step: ModerationStep) -> Result<(), AppError> {
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    let found = producer_in_office(&txn, admin, slug).await?;
    let change = moderated(&step, found.hidden_at.is_some(), now)?;
    moderation::set_producer_hidden(&txn, found.id, change.reason, change.note, change.at, now).await?;
    search_changes::record_producer(&txn, found.id).await?;
    audit::record(&txn, admin, change.action, AuditTarget::producer(&found)?, why(&step), now).await?;
    db::commit(txn).await?;
    Ok(())
}

/// Hides or unhides one listing.
pub async fn listing(db: &Db, admin: &AdminAccess, id: i64, step: ModerationStep) -> Result<(), AppError> {
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    let found = moderation::listing_by_id(&txn, id).await?.ok_or(AppError::NotFound)?;
    let owner = crate::repo::producer::by_id(&txn, found.producer_id).await?;
    let owner = owner.ok_or(AppError::NotFound)?;
    let region = region_of(&owner)?;
    admin.check_region(region)?;
    let change = moderated(&step, found.hidden_at.is_some(), now)?;
    let title = crate::repo::own_listing::title_of(&txn, found.id).await?;
    moderation::set_listing_hidden(&txn, found.id, change.reason, change.note, change.at, now).await?;
    search_changes::record(&txn, found.id, OutboxOp::Upsert).await?;
    let target = AuditTarget { kind: AuditObject::Listing, id: found.id, label: &title, region: Some(region) };
    audit::record(&txn, admin, change.action, target, why(&step), now).await?;
    db::commit(txn).await?;
    Ok(())
}

/// Suspends (every session ends at once) or reinstates an account. Nobody
/// acts on their own account; a regional office acts only on the accounts
/// of its region's producers, the national team on any account but
/// another administrator's (revoke the role first).
pub async fn set_suspended(db: &Db, admin: &AdminAccess, user_id: i64, suspended: bool) -> Result<(), AppError> {
    if user_id == admin.user_id() {
        return Err(AppError::invalid("account", "invalid.not_yourself"));
    }
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    let account = user::locked(&txn, user_id).await?.ok_or(AppError::NotFound)?;
    let company = producer_profile::of_member(&txn, user_id).await?;
    let region = company.as_ref().map(region_of).transpose()?;
    match (admin.office().region(), region) {
        (Some(own), Some(theirs)) if own == theirs => {}
        (Some(_), _) => return Err(AppError::NotFound),
        (None, _) if account.role == Role::Admin.slug() => {
            return Err(AppError::invalid("account", "invalid.revoke_first"));
        }
        (None, _) => {}
    }
    let (status, action) = if suspended {
        (AccountStatus::Suspended, AuditAction::Suspend)
    } else {
        (AccountStatus::Active, AuditAction::Reinstate)
    };
    if account.status == status.slug() {
        return Err(AppError::invalid("account", "invalid.already_so"));
    }
    user::set_status(&txn, user_id, status, now).await?;
    let ended = if suspended { session::end_all_of(&txn, user_id).await? } else { 0 };
    if let Some(company) = &company {
        search_changes::record_producer(&txn, company.id).await?;
    }
    let target = AuditTarget { kind: AuditObject::Account, id: user_id, label: &account.email, region };
    audit::record(&txn, admin, action, target, AuditWhy::default(), now).await?;
    db::commit(txn).await?;
    tracing::info!(user = user_id, sessions = ended, suspended, admin = admin.user_id(), "account status changed");
    Ok(())
}
