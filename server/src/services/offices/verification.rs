//! Deciding verification requests: an administrator of the producer's
//! region approves (the ICE becomes the producer's confirmed, unique ICE and
//! the badge shows everywhere) or refuses with a reason the producer reads
//! in its language. The decision, the producer's change, the search
//! documents' refresh and the audit row are one transaction.

use crate::db::Db;
use app::domain::{
    AdminAccess, AppError, AuditAction, Region, VerificationDecision, VerificationRequestLine, VerificationState,
};
use chrono::Utc;

use crate::db;
use crate::entities::producers;
use crate::error::StoreError;
use crate::repo::audit::{self, AuditTarget, AuditWhy};
use crate::repo::{search_changes, verification};

fn region_of(producer: &producers::Model) -> Result<Region, StoreError> {
    Region::from_slug(&producer.region).ok_or_else(|| StoreError::Corrupt(format!("region `{}`", producer.region)))
}

/// The pending requests `admin`'s office may decide, oldest first.
pub async fn queue(db: &Db, admin: &AdminAccess) -> Result<Vec<VerificationRequestLine>, AppError> {
    let mut lines = Vec::new();
    for (request, producer) in verification::pending_in(db, admin.office().region()).await? {
        let holder = verification::ice_holder(db, &request.ice, producer.id).await?;
        lines.push(VerificationRequestLine {
            id: request.id,
            region: region_of(&producer)?,
            legal_form: crate::repo::convert::slug(
                &producer.legal_form,
                app::domain::LegalForm::from_slug,
                "legal form",
            )?,
            producer_slug: producer.slug,
            trade_name: producer.trade_name,
            legal_name: request.legal_name,
            city: producer.city,
            ice: request.ice,
            registration_number: request.registration_number,
            cooperative_approval: request.cooperative_approval,
            requested_on: request.requested_at.format("%Y-%m-%d").to_string(),
            ice_held_by: holder.map(|holder| holder.trade_name),
            back_for_review: request.back_for_review,
        });
    }
    Ok(lines)
}

/// Decides request `id`. Another region's request is `NotFound`; a request
/// already decided is refused (422), as is approving an ICE another
/// producer holds (the reviewer refuses it with "ICE already used").
pub async fn decide(db: &Db, admin: &AdminAccess, id: i64, decision: VerificationDecision) -> Result<(), AppError> {
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    let asked = verification::by_id(&txn, id).await?.ok_or(AppError::NotFound)?;
    // The producer's row locked first (as its request and profile save do),
    // then the request read again: what is approved is what is stored.
    let producer = crate::repo::producer::lock(&txn, asked.producer_id).await?;
    let producer = producer.ok_or(AppError::NotFound)?;
    let request = verification::by_id(&txn, id).await?.ok_or(AppError::NotFound)?;
    let region = region_of(&producer)?;
    admin.check_region(region)?;
    if request.state != VerificationState::Pending.slug() {
        return Err(AppError::invalid("decision", "invalid.already_decided"));
    }
    let target = AuditTarget::producer(&producer)?;
    match decision {
        VerificationDecision::Approve => {
            if verification::ice_holder(&txn, &request.ice, producer.id).await?.is_some() {
                return Err(AppError::invalid("ice", "invalid.ice_taken"));
            }
            verification::approve_producer(&txn, producer.id, &request.ice, now).await?;
            if !verification::decide(
                &txn,
                request.clone(),
                VerificationState::Approved,
                None,
                None,
                admin.user_id(),
                now,
            )
            .await?
            {
                return Err(AppError::invalid("decision", "invalid.already_decided"));
            }
            search_changes::record_producer(&txn, producer.id).await?;
            audit::record(&txn, admin, AuditAction::Verify, target, AuditWhy::default(), now).await?;
        }
        VerificationDecision::Reject { reason, note } => {
            let why = AuditWhy { reason: Some(reason.slug()), note: note.as_deref() };
            let decided = verification::decide(
                &txn,
                request.clone(),
                VerificationState::Rejected,
                Some(reason.slug()),
                note.as_deref(),
                admin.user_id(),
                now,
            )
            .await?;
            if !decided {
                return Err(AppError::invalid("decision", "invalid.already_decided"));
            }
            audit::record(&txn, admin, AuditAction::Reject, target, why, now).await?;
        }
    }
    db::commit(txn).await?;
    tracing::info!(request = id, producer = producer.id, admin = admin.user_id(), "verification decided");
    Ok(())
}
