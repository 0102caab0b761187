//! Demo data of the trade offices: the Souss-Massa office's
//! administrator (the national one is `DEMO_ADMIN_EMAIL`), verification
//! requests waiting in several regions (two in Souss-Massa), one refused
//! request, and one listing hidden with a reason, recorded in the audit log
//! as the office's action.

use app::domain::{
    AccountStatus, AdminAccess, AuditAction, AuditObject, HideReason, Ice, LegalForm, ListingStatus, Office, Region,
    RejectReason, Role, VerificationClaim, VerificationState, Viewer,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entities::{listings, producers, users};
use crate::error::StoreError;
use crate::repo::audit::{self, AuditTarget, AuditWhy};
use crate::repo::verification;

/// The demo Souss-Massa office's administrator (password: `DEMO_PASSWORD`).
pub const DEMO_SOUSS_ADMIN_EMAIL: &str = "souss-massa@demo.trade.ma";

/// What the offices' seed wrote.
pub struct OfficesSeeded {
    pub pending: usize,
}

fn access(user_id: i64, office: Office) -> Result<AdminAccess, StoreError> {
    let viewer = Viewer {
        user_id,
        email: String::new(),
        display_name: String::new(),
        role: Role::Admin,
        office: Some(office),
        seat: None,
    };
    viewer.as_admin().map_err(|_| StoreError::Corrupt("demo administrator".into()))
}

fn claim(producer: &producers::Model, number: usize) -> Result<VerificationClaim, StoreError> {
    let ice = producer.declared_ice.as_deref().unwrap_or("000000000000000");
    let cooperative = producer.legal_form == LegalForm::Cooperative.slug();
    Ok(VerificationClaim {
        ice: Ice::parse(ice).map_err(|_| StoreError::Corrupt(format!("demo ICE {ice}")))?,
        registration_number: format!("RC {} {}", producer.city.chars().take(12).collect::<String>(), 10_400 + number),
        cooperative_approval: cooperative.then(|| format!("{}/{}", 2016 + number % 8, 120 + number)),
    })
}

pub async fn seed(
    db: &impl ConnectionTrait,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<OfficesSeeded, StoreError> {
    let souss = users::ActiveModel {
        email: Set(DEMO_SOUSS_ADMIN_EMAIL.to_owned()),
        password_hash: Set(password_hash.to_owned()),
        display_name: Set("Demo trade office (Souss-Massa)".to_owned()),
        role: Set(Role::Admin.slug().to_owned()),
        office: Set(Some(Office::Regional(Region::SoussMassa).slug().to_owned())),
        status: Set(AccountStatus::Active.slug().to_owned()),
        locale: Set("fr".to_owned()),
        email_verified_at: Set(Some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let souss_office = access(souss.id, Office::Regional(Region::SoussMassa))?;
    let unverified = producers::Entity::find()
        .filter(producers::Column::Verified.eq(false))
        .order_by_asc(producers::Column::Id)
        .all(db)
        .await?;
    // Two waiting in Souss-Massa, one in each of three other regions, and
    // one refused (with the reason the producer reads in its language).
    let mut waiting: Vec<&producers::Model> =
        unverified.iter().filter(|p| p.region == Region::SoussMassa.slug()).skip(1).take(2).collect();
    for region in [Region::MarrakechSafi, Region::Oriental, Region::FesMeknes] {
        waiting.extend(unverified.iter().filter(|p| p.region == region.slug()).take(1));
    }
    for (number, producer) in waiting.iter().enumerate() {
        let at = now - Duration::hours(6 + 20 * number as i64);
        verification::file(db, producer, &claim(producer, number)?, false, at).await?;
    }
    if let Some(refused) = unverified.iter().find(|p| p.region == Region::SoussMassa.slug()) {
        verification::file(db, refused, &claim(refused, 9)?, false, now - Duration::days(9)).await?;
        let request = verification::latest_for(db, refused.id).await?.ok_or(StoreError::Corrupt("request".into()))?;
        let note = "The registration number on the request belongs to another company: send the certificate of this cooperative.";
        let reason = RejectReason::DocumentsMismatch.slug();
        verification::decide(
            db,
            request,
            VerificationState::Rejected,
            Some(reason),
            Some(note),
            souss.id,
            now - Duration::days(8),
        )
        .await?;
        let region = Some(Region::SoussMassa);
        let target = AuditTarget { kind: AuditObject::Producer, id: refused.id, label: &refused.trade_name, region };
        let why = AuditWhy { reason: Some(reason), note: Some(note) };
        audit::record(db, &souss_office, AuditAction::Reject, target, why, now - Duration::days(8)).await?;
    }
    // One published Souss-Massa listing hidden for contact details in its text.
    let souss_producers: Vec<i64> = producers::Entity::find()
        .filter(producers::Column::Region.eq(Region::SoussMassa.slug()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let hidden = listings::Entity::find()
        .filter(listings::Column::ProducerId.is_in(souss_producers))
        .filter(listings::Column::Status.eq(ListingStatus::Published.slug()))
        .order_by_desc(listings::Column::Id)
        .one(db)
        .await?;
    if let Some(listing) = hidden {
        let at = now - Duration::days(2);
        let reason = HideReason::ContactDetails.slug();
        let note = "Phone numbers and addresses go in the profile, not in the product text: remove them, then ask for a review.";
        let title = crate::repo::own_listing::title_of(db, listing.id).await?;
        let mut row = listings::ActiveModel::from(listing.clone());
        row.hidden_reason = Set(Some(reason.to_owned()));
        row.hidden_note = Set(Some(note.to_owned()));
        row.hidden_at = Set(Some(at));
        row.update(db).await?;
        let target =
            AuditTarget { kind: AuditObject::Listing, id: listing.id, label: &title, region: Some(Region::SoussMassa) };
        audit::record(
            db,
            &souss_office,
            AuditAction::Hide,
            target,
            AuditWhy { reason: Some(reason), note: Some(note) },
            at,
        )
        .await?;
    }
    onboarded_cooperative(db, &souss_office, now).await?;
    Ok(OfficesSeeded { pending: waiting.len() })
}

/// The last Souss-Massa cooperative becomes one its office put online and
/// invited, not claimed yet: its owner account is a placeholder again.
async fn onboarded_cooperative(
    db: &impl ConnectionTrait,
    office: &AdminAccess,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Some(cooperative) = producers::Entity::find()
        .filter(producers::Column::Region.eq(Region::SoussMassa.slug()))
        .filter(producers::Column::LegalForm.eq(LegalForm::Cooperative.slug()))
        .filter(producers::Column::Verified.eq(false))
        .order_by_desc(producers::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let Some(owner) = users::Entity::find_by_id(cooperative.owner_user_id).one(db).await? else { return Ok(()) };
    let invited = owner.email.clone();
    let mut account = users::ActiveModel::from(owner);
    account.email = Set(format!("unclaimed-demo-{}@accounts.trade-ma.invalid", cooperative.id));
    account.password_hash = Set("!".to_owned());
    account.email_verified_at = Set(None);
    account.update(db).await?;
    let onboarded = now - Duration::days(3);
    let mut row = producers::ActiveModel::from(cooperative.clone());
    row.onboarded_at = Set(Some(onboarded));
    row.claimed_at = Set(None);
    row.update(db).await?;
    crate::entities::producer_invitations::ActiveModel {
        producer_id: Set(cooperative.id),
        email: Set(invited.clone()),
        // The demo's link is not mailed: no token is known for this hash.
        token_hash: Set(crate::services::sha256_hex(&format!("demo invitation {}", cooperative.id))),
        locale: Set("fr".to_owned()),
        invited_by: Set(office.user_id()),
        created_at: Set(now - Duration::days(1)),
        expires_at: Set(now + Duration::days(13)),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let target = || AuditTarget {
        kind: AuditObject::Producer,
        id: cooperative.id,
        label: &cooperative.trade_name,
        region: Some(Region::SoussMassa),
    };
    audit::record(db, office, AuditAction::Onboard, target(), AuditWhy::default(), onboarded).await?;
    let why = AuditWhy { reason: None, note: Some(&invited) };
    audit::record(db, office, AuditAction::Invite, target(), why, now - Duration::days(1)).await?;
    Ok(())
}
