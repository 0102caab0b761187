//! The producer's side of verification and moderation: asking
//! to be verified, reading the answer, being sent back for review when the
//! legal name or ICE changes after verification, and asking for a review
//! of something an office hid.

use crate::db::Db;
use app::domain::{
    AppError, LegalForm, ProducerAccess, RejectReason, VerificationForm, VerificationState, VerificationStatus,
};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use super::own_producer;
use crate::db;
use crate::entities::producers;
use crate::repo::convert::slug;
use crate::repo::{moderation, search_changes, verification};

/// The producer's verification as its workspace shows it.
pub async fn status(db: &Db, access: &ProducerAccess) -> Result<VerificationStatus, AppError> {
    let producer = own_producer(db, access).await?.ok_or(AppError::NotFound)?;
    let latest = verification::latest_for(db, producer.id).await?;
    let legal_form = slug(&producer.legal_form, LegalForm::from_slug, "legal form")?;
    let form = match &latest {
        Some(request) => VerificationForm {
            ice: request.ice.clone(),
            registration_number: request.registration_number.clone(),
            cooperative_approval: request.cooperative_approval.clone().unwrap_or_default(),
        },
        None => VerificationForm {
            ice: producer.declared_ice.clone().unwrap_or_default(),
            registration_number: producer.registration_number.clone().unwrap_or_default(),
            cooperative_approval: producer.cooperative_approval.clone().unwrap_or_default(),
        },
    };
    Ok(VerificationStatus {
        verified: producer.verified,
        state: latest.as_ref().and_then(|request| VerificationState::from_slug(&request.state)),
        reason: latest.as_ref().and_then(|request| request.reason.as_deref()).and_then(RejectReason::from_slug),
        note: latest.as_ref().and_then(|request| request.note.clone()),
        back_for_review: latest
            .as_ref()
            .is_some_and(|request| request.back_for_review && request.state == VerificationState::Pending.slug()),
        form,
        legal_form,
    })
}

/// Files a verification request (or refreshes the one waiting).
pub async fn request(db: &Db, access: &ProducerAccess, form: &VerificationForm) -> Result<(), AppError> {
    let txn = db::begin_write(db).await?;
    let found = own_producer(&txn, access).await?.ok_or(AppError::NotFound)?;
    // Locked: a double submit files one request, and an office deciding
    // meanwhile (it locks the producer too) is seen here, or sees this.
    let producer = crate::repo::producer::lock(&txn, found.id).await?.ok_or(AppError::NotFound)?;
    if producer.verified {
        return Err(AppError::invalid("ice", "invalid.already_verified"));
    }
    // The office that would decide it does not ask for it: the cooperative
    // asks once it has claimed its account.
    if access.on_behalf() {
        return Err(AppError::invalid("ice", "invalid.verification_by_owner"));
    }
    let claim = form.validate(slug(&producer.legal_form, LegalForm::from_slug, "legal form")?)?;
    verification::file(&txn, &producer, &claim, false, Utc::now()).await?;
    db::commit_private(txn).await?;
    Ok(())
}

/// After a profile save: a verified producer whose legal name or ICE
/// changed loses its badge and goes back to its office's queue with the
/// new values (the documents it named last time stay). Inside the save's
/// transaction.
pub async fn after_profile_change(
    db: &impl ConnectionTrait,
    before: &producers::Model,
    after: &producers::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let legal_name_changed = before.legal_name != after.legal_name;
    let ice_changed = after.declared_ice != before.ice;
    if !before.verified || !(legal_name_changed || ice_changed) {
        return Ok(());
    }
    let after = verification::withdraw_badge(db, after.id).await?;
    search_changes::record_producer(db, after.id).await?;
    // The new request carries what the producer now declares; without an
    // ICE there is nothing to check, and the producer asks again itself.
    let form = VerificationForm {
        ice: after.declared_ice.clone().unwrap_or_default(),
        registration_number: after.registration_number.clone().unwrap_or_default(),
        cooperative_approval: after.cooperative_approval.clone().unwrap_or_default(),
    };
    if let Ok(claim) = form.validate(slug(&after.legal_form, LegalForm::from_slug, "legal form")?) {
        verification::file(db, &after, &claim, true, now).await?;
    }
    tracing::info!(producer = after.id, "verified producer changed its legal name or ICE: back for review");
    Ok(())
}

/// Asks the office to look again at the producer (`listing: None`) or one
/// of its listings that it hid. Refused when it is not hidden.
pub async fn request_review(db: &Db, access: &ProducerAccess, listing: Option<i64>) -> Result<(), AppError> {
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    match listing {
        None => {
            let producer = own_producer(&txn, access).await?.ok_or(AppError::NotFound)?;
            if producer.hidden_at.is_none() {
                return Err(AppError::invalid("review", "invalid.not_hidden"));
            }
            if !moderation::request_producer_review(&txn, producer.id, now).await? {
                return Err(AppError::invalid("review", "invalid.not_hidden"));
            }
            super::on_behalf::record(&txn, access, &producer, "review of the producer requested", now).await?;
        }
        Some(id) => {
            let (producer, found) = super::own_listing(&txn, access, id).await?;
            if found.hidden_at.is_none() {
                return Err(AppError::invalid("review", "invalid.not_hidden"));
            }
            super::on_behalf::record(&txn, access, &producer, &format!("review of listing {id} requested"), now)
                .await?;
            moderation::request_listing_review(&txn, found.id, now).await?;
        }
    }
    db::commit_private(txn).await?;
    Ok(())
}
