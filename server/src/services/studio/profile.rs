//! Reading and saving the caller's company profile: the rules (validation,
//! one save per account at a time, the legal identity changed by owners
//! only, the producer's listings re-indexed with it, a verified producer
//! whose legal name or ICE changes sent back for review) over
//! `repo::producer_profile`.

use crate::db::Db;
use app::domain::{AppError, CompanyProfile, ProducerAccess, ProfileEditor, ProfileForm, WorkspaceAction};
use chrono::{Datelike, Utc};

use crate::db;
use crate::entities::producers;
use crate::repo::{producer_profile, search_changes};

/// The profile form filled from the database (empty for a new producer).
pub async fn editor(db: &Db, access: &ProducerAccess) -> Result<ProfileEditor, AppError> {
    let mut editor = producer_profile::editor(db, super::own_producer(db, access).await?).await?;
    editor.legal_locked = !access.role().may(WorkspaceAction::EditLegalIdentity);
    Ok(editor)
}

/// Whether the form changes what only owners change: the legal name, the
/// legal form, the declared ICE.
fn changes_legal_identity(before: &producers::Model, after: &CompanyProfile) -> bool {
    before.legal_name != after.legal_name
        || before.legal_form != after.legal_form.slug()
        || before.declared_ice.as_deref() != after.ice.as_ref().map(|ice| ice.as_str())
}

/// Creates or updates the caller's producer, its descriptions and
/// certifications, and queues its listings for re-indexing (their cards show
/// the company), all in one transaction.
pub async fn save(db: &Db, access: &ProducerAccess, form: &ProfileForm) -> Result<String, AppError> {
    let profile = form.validate(Utc::now().year())?;
    let txn = db::begin_write(db).await?;
    producer_profile::lock_owner(&txn, access.user_id()).await?;
    let before = match access.producer_id() {
        Some(id) => crate::repo::producer::lock(&txn, id).await?,
        // A first save: the account's seat is read again under the lock,
        // so two first saves at once create one company.
        None => match crate::repo::team_member::seat_of(&txn, access.user_id()).await? {
            Some(_) => return Err(AppError::Conflict { field: "profile".into() }),
            None => None,
        },
    };
    if let Some(before) = &before
        && changes_legal_identity(before, &profile)
    {
        access.require(WorkspaceAction::EditLegalIdentity)?;
    }
    // An office working for a cooperative keeps it in its region (the
    // office's own); only the cooperative itself may move.
    if access.on_behalf() && before.as_ref().is_some_and(|before| before.region != profile.region.slug()) {
        return Err(AppError::invalid("region", "invalid.office_region"));
    }
    let now = Utc::now();
    let (id, slug) = producer_profile::save(&txn, before.clone(), access.user_id(), &profile, now).await?;
    let after = crate::repo::producer::by_id(&txn, id).await?;
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
