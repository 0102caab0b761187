//! Onboarding on behalf of a cooperative: an office creates the producer
//! (its owner is a placeholder account with no usable password and an
//! address under `.invalid`, which can receive nothing), works on its
//! catalogue through the producer's own workspace (`act_for`), and invites
//! the cooperative's address. The invitation link (a random token kept as
//! its SHA-256, used once, valid 14 days) lets the cooperative set its
//! password: the placeholder account becomes its account, so the producer
//! is handed over whole, and the office can no longer edit it (it may still
//! import a sheet for it, as for any producer of its region, in the log).

use crate::db::Db;
use app::domain::{
    AdminAccess, AppError, AuditAction, ClaimPage, Locale, ProducerAccess, ProfileForm, normalize_email,
};
use chrono::{Datelike, Duration, Utc};
use sea_orm::ConnectionTrait;

use super::moderation::producer_in_office;
use crate::db;
use crate::entities::{producer_invitations, producers};
use crate::error::StoreError;
use crate::repo::audit::{self, AuditTarget, AuditWhy};
use crate::repo::invitation::{self, NewInvitation};
use crate::repo::{mail_outbox, producer_profile, search_changes};
use crate::services::sha256_hex;

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 14;

/// Whether the office may still edit the producer: created by an office and
/// not claimed yet.
pub fn unclaimed(producer: &producers::Model) -> bool {
    producer.onboarded_at.is_some() && producer.claimed_at.is_none()
}

/// Creates a producer for a cooperative of the office's region; returns its slug.
pub async fn onboard(db: &Db, admin: &AdminAccess, form: &ProfileForm) -> Result<String, AppError> {
    let now = Utc::now();
    let profile = form.validate(now.year())?;
    if !admin.office().covers(profile.region) {
        return Err(AppError::invalid("region", "invalid.office_region"));
    }
    let placeholder = crate::services::random_hex(12);
    let txn = db::begin_write(db).await?;
    let owner = crate::repo::user::insert_placeholder_owner(
        &txn,
        format!("unclaimed-{placeholder}@accounts.trade-ma.invalid"),
        profile.trade_name.chars().take(120).collect(),
        now,
    )
    .await?;
    let (id, slug) = producer_profile::save(&txn, None, owner.id, &profile, now).await?;
    let created = crate::repo::producer::by_id(&txn, id).await?.ok_or(AppError::NotFound)?;
    crate::repo::producer::set_onboarded(&txn, created.id, now).await?;
    audit::record(&txn, admin, AuditAction::Onboard, AuditTarget::producer(&created)?, AuditWhy::default(), now)
        .await?;
    db::commit(txn).await?;
    tracing::info!(producer = id, admin = admin.user_id(), "cooperative onboarded by its office");
    Ok(slug)
}

/// The producer's workspace for the office, while the cooperative has not
/// claimed it.
pub async fn act_for(db: &Db, admin: &AdminAccess, slug: &str) -> Result<ProducerAccess, AppError> {
    let producer = producer_in_office(db, admin, slug).await?;
    if !unclaimed(&producer) {
        return Err(AppError::NotFound);
    }
    Ok(ProducerAccess::for_office(admin, producer.id))
}

/// `act_for`, when the office opens the workspace: the audit row of its
/// beginning is written with the check, in one transaction.
pub async fn start_acting(db: &Db, admin: &AdminAccess, slug: &str) -> Result<ProducerAccess, AppError> {
    let txn = db::begin_write(db).await?;
    let producer = producer_in_office(&txn, admin, slug).await?;
    if !unclaimed(&producer) {
        return Err(AppError::NotFound);
    }
    let target = AuditTarget::producer(&producer)?;
    audit::record(&txn, admin, AuditAction::ActFor, target, AuditWhy::default(), Utc::now()).await?;
    db::commit_private(txn).await?;
    Ok(ProducerAccess::for_office(admin, producer.id))
}

/// Invites `email` to claim the producer; earlier invitations stop working.
pub async fn invite(
    db: &Db,
    admin: &AdminAccess,
    slug: &str,
    email: &str,
    locale: Locale,
    public_url: &url::Url,
) -> Result<(), AppError> {
    let email = normalize_email(email).map_err(|reason| AppError::invalid("email", reason))?;
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    let found = producer_in_office(&txn, admin, slug).await?;
    // Locked: two invitations sent at once do not both stay open.
    let producer = crate::repo::producer::lock(&txn, found.id).await?.ok_or(AppError::NotFound)?;
    if !unclaimed(&producer) {
        return Err(AppError::invalid("email", "invalid.already_claimed"));
    }
    let token = crate::services::random_hex(32);
    invitation::void_of_producer(&txn, producer.id, now).await?;
    let new = NewInvitation {
        producer_id: producer.id,
        email: &email,
        token_hash: sha256_hex(&token),
        locale: locale.code(),
        invited_by: admin.user_id(),
        expires_at: now + Duration::days(INVITATION_DAYS),
    };
    invitation::insert(&txn, new, now).await?;
    let link = crate::services::link_to(public_url, &format!("/{}/account/claim?token={token}", locale.code()));
    let mail = crate::mail::invitation(locale, &email, &producer.trade_name, &link, INVITATION_DAYS);
    mail_outbox::enqueue(&txn, &mail, now).await?;
    let target = AuditTarget::producer(&producer)?;
    audit::record(&txn, admin, AuditAction::Invite, target, AuditWhy { reason: None, note: Some(&email) }, now).await?;
    db::commit(txn).await?;
    Ok(())
}

/// The pending invitation of the producer, if any (its address).
pub async fn pending_invitation(db: &impl ConnectionTrait, producer_id: i64) -> Result<Option<String>, StoreError> {
    invitation::pending_email(db, producer_id, Utc::now()).await
}

/// The invitation of `token` with its producer, while it works.
async fn open_invitation(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<(producer_invitations::Model, producers::Model), AppError> {
    let refused = || AppError::invalid("token", "invalid.invitation");
    let invitation = invitation::by_token_hash(db, &sha256_hex(token.trim())).await?.ok_or_else(refused)?;
    if invitation.used_at.is_some() || invitation.expires_at <= Utc::now() {
        return Err(refused());
    }
    let producer = crate::repo::producer::by_id(db, invitation.producer_id).await?.ok_or_else(refused)?;
    if !unclaimed(&producer) {
        return Err(AppError::invalid("token", "invalid.already_claimed"));
    }
    Ok((invitation, producer))
}

/// What the claim page shows.
pub async fn claim_page(db: &Db, token: &str) -> Result<ClaimPage, AppError> {
    let (invitation, producer) = open_invitation(db, token).await?;
    Ok(ClaimPage { producer: producer.trade_name, email: invitation.email })
}

/// Hands the producer over: the placeholder account takes the invited
/// address, the name and the (already checked and hashed) password. Returns
/// the account's id, to sign it in.
pub async fn claim(db: &Db, token: &str, display_name: &str, password_hash: &str) -> Result<i64, AppError> {
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    let (invitation, producer) = open_invitation(&txn, token).await?;
    // The producer is locked before anything is written: two claims through
    // two invitations of one producer queue here (the winner voids the
    // loser's invitation, so locking it later would deadlock), and the
    // second reads the producer as the first left it.
    let producer = crate::repo::producer::lock(&txn, producer.id).await?.ok_or(AppError::NotFound)?;
    if !unclaimed(&producer) {
        return Err(AppError::invalid("token", "invalid.already_claimed"));
    }
    // Used up on a condition: of two claims racing with one link, only one
    // changes the row (PostgreSQL reads committed data).
    if !invitation::use_once(&txn, invitation.id, now).await? {
        return Err(AppError::invalid("token", "invalid.invitation"));
    }
    // Claimed on a condition too (SQLite has no row locks; its write
    // transactions are serial, so this only ever confirms the check above).
    if !crate::repo::producer::set_claimed(&txn, producer.id, now).await? {
        return Err(AppError::invalid("token", "invalid.already_claimed"));
    }
    let taken = crate::repo::user::by_email(&txn, &invitation.email).await?;
    if taken.is_some() {
        return Err(AppError::invalid("email", "invalid.invitation_email_taken"));
    }
    let owner = crate::repo::user::by_id(&txn, producer.owner_user_id).await?.ok_or(AppError::NotFound)?;
    let account = crate::repo::user::claim_placeholder(
        &txn,
        owner.id,
        &invitation.email,
        display_name,
        password_hash,
        &invitation.locale,
        now,
    )
    .await?;
    invitation::void_of_producer(&txn, producer.id, now).await?;
    search_changes::record_producer(&txn, producer.id).await?;
    db::commit(txn).await?;
    tracing::info!(producer = producer.id, user = account.id, "cooperative claimed its producer");
    Ok(account.id)
}
