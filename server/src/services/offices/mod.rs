//! The `Offices` port: the regional trade offices' tools. Every
//! method takes an `AdminAccess`, which only `Viewer::as_admin` makes; an
//! office sees and acts on the producers of its own region (another
//! region's producer is `NotFound`), the national team on all of them, and
//! only the national team appoints people and reads the audit log.
//!
//! The steps live in their own files: `verification` (deciding requests),
//! `moderation` (hiding, suspending), `roles` (appointments), `platform`
//! (the overview's figures). This file holds the other reads.

mod moderation;
mod onboarding;
mod platform;
mod roles;
mod verification;

use std::sync::Arc;

use crate::db::Db;
use app::domain::{
    AUDIT_PAGE_SIZE, AccountLine, AccountStatus, AdminAccess, AppError, AuditEntry, AuditFilter, AuditPage, Hidden,
    ImportPage, ImportPreview, LegalForm, ListingStatus, Locale, ModerationStep, OfficeListingLine, OfficeProducer,
    OfficeProducerLine, OfficeProducers, ProducerFilter, RejectReason, RoleGrant, VerificationDecision,
    VerificationQueue, VerificationState,
};
use app::ports::Offices;

use crate::entities::producers;
use crate::error::StoreError;
use crate::import::reader::SheetReader;
use crate::repo::convert::{hidden, slug};
use crate::repo::{audit, office_directory, verification as requests};

/// Rows the audit export holds at most.
const EXPORT_MAX: u64 = 100_000;

pub use onboarding::{claim, claim_page};

pub struct OfficesService {
    db: Db,
    public_url: url::Url,
    sheets: Arc<SheetReader>,
    /// What "this year" and "60 days after shipping" read (tests move it).
    clock: crate::clock::Clock,
}

impl OfficesService {
    pub fn new(db: Db, public_url: url::Url, sheets: Arc<SheetReader>, clock: crate::clock::Clock) -> OfficesService {
        OfficesService { db, public_url, sheets, clock }
    }
}

fn producer_hidden(row: &producers::Model) -> Option<Hidden> {
    hidden(row.hidden_reason.as_deref(), row.hidden_note.as_ref(), row.hidden_at, row.review_requested_at)
}

async fn lines(db: &Db, rows: Vec<producers::Model>) -> Result<Vec<OfficeProducerLine>, StoreError> {
    let owner_ids: Vec<i64> = rows.iter().map(|row| row.owner_user_id).collect();
    let owners = office_directory::owners(db, owner_ids).await?;
    let producer_ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let counts = office_directory::listing_counts(db, producer_ids).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let owner = owners.get(&row.owner_user_id);
        out.push(OfficeProducerLine {
            hidden: producer_hidden(&row),
            legal_form: slug(&row.legal_form, LegalForm::from_slug, "legal form")?,
            region: moderation::region_of(&row)?,
            owner_user_id: row.owner_user_id,
            owner_email: owner.map(|o| o.email.clone()).unwrap_or_default(),
            owner_status: owner.and_then(|o| AccountStatus::from_slug(&o.status)).unwrap_or(AccountStatus::Suspended),
            listings: u64::try_from(counts.get(&row.id).copied().unwrap_or(0)).unwrap_or(0),
            verified: row.verified,
            slug: row.slug,
            trade_name: row.trade_name,
            legal_name: row.legal_name,
            city: row.city,
        });
    }
    Ok(out)
}

#[async_trait::async_trait]
impl Offices for OfficesService {
    async fn platform(&self, admin: &AdminAccess) -> Result<app::domain::PlatformView, AppError> {
        platform::view(&self.db, admin, self.clock.now()).await
    }

    async fn verification_queue(&self, admin: &AdminAccess) -> Result<VerificationQueue, AppError> {
        Ok(VerificationQueue { office: admin.office(), pending: verification::queue(&self.db, admin).await? })
    }

    async fn decide_verification(
        &self,
        admin: &AdminAccess,
        request: i64,
        decision: VerificationDecision,
    ) -> Result<(), AppError> {
        verification::decide(&self.db, admin, request, decision).await
    }

    async fn producers(&self, admin: &AdminAccess, filter: &ProducerFilter) -> Result<OfficeProducers, AppError> {
        // The wire may carry anything: the same bounds as the page's query.
        let mut filter = filter.clone();
        filter.page = filter.page.clamp(1, 10_000);
        filter.text = filter.text.chars().take(100).collect();
        // A regional office sees its region whatever the filter says.
        let region = admin.office().region().or(filter.region);
        let (total, rows) =
            office_directory::producer_page(&self.db, region, &filter.text, filter.state, filter.page).await?;
        if let Some(region) = admin.office().region() {
            filter.region = Some(region);
        }
        Ok(OfficeProducers { office: admin.office(), lines: lines(&self.db, rows).await?, total, filter })
    }

    async fn producer(&self, admin: &AdminAccess, slug_: &str, locale: Locale) -> Result<OfficeProducer, AppError> {
        let row = moderation::producer_in_office(&self.db, admin, slug_).await?;
        let latest = requests::latest_for(&self.db, row.id).await?;
        let verification = latest.map(|request| {
            (
                VerificationState::from_slug(&request.state).unwrap_or(VerificationState::Pending),
                request.reason.as_deref().and_then(RejectReason::from_slug),
            )
        });
        let own = office_directory::listings_of(&self.db, row.id).await?;
        let visible = office_directory::visible_listing_ids(&self.db, row.id).await?;
        let titles = crate::repo::own_listing::titles_of(&self.db, own.iter().map(|l| l.id).collect(), locale).await?;
        let listings = own
            .into_iter()
            .map(|listing| {
                Ok(OfficeListingLine {
                    title: titles.get(&listing.id).cloned().unwrap_or_default(),
                    status: slug(&listing.status, ListingStatus::from_slug, "listing status")?,
                    hidden: hidden(
                        listing.hidden_reason.as_deref(),
                        listing.hidden_note.as_ref(),
                        listing.hidden_at,
                        listing.review_requested_at,
                    ),
                    public_path: visible
                        .contains(&listing.id)
                        .then(|| format!("/{}/listings/{}-{}", locale.code(), listing.id, listing.slug)),
                    id: listing.id,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let (ice, declared_ice) = (row.ice.clone(), row.declared_ice.clone());
        let (registration_number, cooperative_approval) =
            (row.registration_number.clone(), row.cooperative_approval.clone());
        let unclaimed = onboarding::unclaimed(&row);
        let invitation = if unclaimed { onboarding::pending_invitation(&self.db, row.id).await? } else { None };
        let line = lines(&self.db, vec![row]).await?.pop().ok_or(AppError::NotFound)?;
        Ok(OfficeProducer {
            office: admin.office(),
            line,
            ice,
            declared_ice,
            registration_number,
            cooperative_approval,
            verification,
            listings,
            unclaimed,
            invitation,
        })
    }

    async fn moderate_producer(&self, admin: &AdminAccess, slug: &str, step: ModerationStep) -> Result<(), AppError> {
        moderation::producer(&self.db, admin, slug, step).await
    }

    async fn moderate_listing(&self, admin: &AdminAccess, listing: i64, step: ModerationStep) -> Result<(), AppError> {
        moderation::listing(&self.db, admin, listing, step).await
    }

    async fn set_suspended(&self, admin: &AdminAccess, user_id: i64, suspended: bool) -> Result<(), AppError> {
        moderation::set_suspended(&self.db, admin, user_id, suspended).await
    }

    async fn accounts(&self, admin: &AdminAccess, email: &str) -> Result<Vec<AccountLine>, AppError> {
        roles::find(&self.db, admin, email).await
    }

    async fn grant(&self, admin: &AdminAccess, user_id: i64, grant: RoleGrant) -> Result<(), AppError> {
        roles::grant(&self.db, admin, user_id, grant).await
    }

    async fn audit(&self, admin: &AdminAccess, filter: &AuditFilter) -> Result<AuditPage, AppError> {
        admin.check_national()?;
        let mut filter = filter.clone();
        filter.page = filter.page.clamp(1, 10_000);
        filter.actor = filter.actor.chars().take(120).collect();
        let (entries, total) = audit::page(&self.db, &filter, AUDIT_PAGE_SIZE).await?;
        Ok(AuditPage { entries, total, filter })
    }

    async fn import_sheet(&self, admin: &AdminAccess, producer: &str, sheet: &[u8]) -> Result<ImportPreview, AppError> {
        let producer = moderation::producer_in_office(&self.db, admin, producer).await?;
        crate::services::imports::preview_sheet(&self.db, &self.sheets, &producer, admin.user_id(), sheet).await
    }

    async fn import_page(
        &self,
        admin: &AdminAccess,
        producer: &str,
        token: Option<&str>,
    ) -> Result<ImportPage, AppError> {
        let producer = moderation::producer_in_office(&self.db, admin, producer).await?;
        crate::services::imports::page(&self.db, &producer, admin.user_id(), token).await
    }

    async fn import_confirm(
        &self,
        admin: &AdminAccess,
        producer: &str,
        token: &str,
    ) -> Result<(usize, usize), AppError> {
        let producer = moderation::producer_in_office(&self.db, admin, producer).await?;
        crate::services::imports::confirm(&self.db, &producer, admin.user_id(), token, Some(admin)).await
    }

    async fn onboard(&self, admin: &AdminAccess, form: &app::domain::ProfileForm) -> Result<String, AppError> {
        onboarding::onboard(&self.db, admin, form).await
    }

    async fn invite(&self, admin: &AdminAccess, producer: &str, email: &str, locale: Locale) -> Result<(), AppError> {
        onboarding::invite(&self.db, admin, producer, email, locale, &self.public_url).await
    }

    async fn act_for(&self, admin: &AdminAccess, producer: &str) -> Result<app::domain::ProducerAccess, AppError> {
        onboarding::act_for(&self.db, admin, producer).await
    }

    async fn start_acting(&self, admin: &AdminAccess, producer: &str) -> Result<app::domain::ProducerAccess, AppError> {
        onboarding::start_acting(&self.db, admin, producer).await
    }

    async fn audit_export(&self, admin: &AdminAccess, filter: &AuditFilter) -> Result<Vec<AuditEntry>, AppError> {
        admin.check_national()?;
        Ok(audit::export(&self.db, filter, EXPORT_MAX).await?)
    }
}
