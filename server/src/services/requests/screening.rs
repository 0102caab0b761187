//! The trade offices' screening of buying requests and the exchange rates
//! they keep. A request waits in the national team's queue and in those of
//! the regions whose producers it matches; each verdict is audited in its
//! own transaction and mailed to the buyer in its language.

use app::domain::{
    AdminAccess, AppError, AuditAction, AuditObject, CalendarDate, CountryCode, Currency, Locale, RateLine,
    RequestStatus, ScreeningDecision, ScreeningLine, ScreeningQueue, parse_rate,
};
use sea_orm::ConnectionTrait;

use super::BuyingRequestsService;
use super::cards;
use crate::db;
use crate::entities::buying_requests;
use crate::error::StoreError;
use crate::repo::audit::{self, AuditTarget, AuditWhy};
use crate::repo::buying_request::{self as requests, Verdict};

pub(super) async fn queue(
    service: &BuyingRequestsService,
    office: &AdminAccess,
    locale: Locale,
) -> Result<ScreeningQueue, AppError> {
    let db = &service.db;
    let today = service.clock.today();
    let rows = requests::in_screening(db, office.office().region()).await?;
    let mut lines = Vec::new();
    for row in rows {
        let Some(buyer) = crate::repo::user::by_id(db, row.buyer_user_id).await? else { continue };
        let matched = requests::matches_of(db, row.id).await?.len();
        let mut earlier = Vec::new();
        for other in requests::of_buyer(db, row.buyer_user_id).await? {
            if merges_into(db, office, &row, &other, today).await? {
                earlier.push((other.id, other.product));
            }
        }
        lines.push(ScreeningLine {
            card: cards::card(&row, today, locale)?,
            buyer_name: buyer.display_name,
            buyer_email: buyer.email,
            buyer_country: buyer.country.as_deref().and_then(|code| CountryCode::parse(code).ok()),
            matched: u32::try_from(matched).unwrap_or(u32::MAX),
            earlier,
        });
    }
    Ok(ScreeningQueue { lines })
}

/// Whether `row` may be joined to `target` as its duplicate: an earlier
/// request of the same buyer that is still waiting or taking quotes, and
/// one the office itself may see.
async fn merges_into(
    db: &impl ConnectionTrait,
    office: &AdminAccess,
    row: &buying_requests::Model,
    target: &buying_requests::Model,
    today: CalendarDate,
) -> Result<bool, StoreError> {
    let earlier = (target.created_at, target.id) < (row.created_at, row.id);
    let live = matches!(cards::effective_status(target, today)?, RequestStatus::Screening | RequestStatus::Open);
    if target.buyer_user_id != row.buyer_user_id || !earlier || !live {
        return Ok(false);
    }
    match office.office().region() {
        None => Ok(true),
        Some(region) => requests::matches_region(db, target.id, region).await,
    }
}

pub(super) async fn decide(
    service: &BuyingRequestsService,
    office: &AdminAccess,
    id: i64,
    decision: ScreeningDecision,
) -> Result<(), AppError> {
    let now = service.clock.now();
    let txn = db::begin_write(&service.db).await?;
    let row = requests::lock(&txn, id).await?.ok_or(AppError::NotFound)?;
    if let Some(region) = office.office().region()
        && !requests::matches_region(&txn, id, region).await?
    {
        return Err(AppError::NotFound);
    }
    let status = cards::status_of(&row)?;
    let next = status.after(decision.event()).ok_or(AppError::Conflict { field: "request".into() })?;
    let (action, reason, note, merged_into) = match &decision {
        ScreeningDecision::Approve => (AuditAction::ApproveRequest, None, None, None),
        ScreeningDecision::Refuse { reason, note } => {
            (AuditAction::RefuseRequest, Some(reason.slug()), note.as_deref(), None)
        }
        ScreeningDecision::Merge { into } => {
            let fits = match requests::by_id(&txn, *into).await? {
                Some(target) => merges_into(&txn, office, &row, &target, service.clock.today()).await?,
                None => false,
            };
            if !fits {
                return Err(AppError::invalid("into", "invalid.merge_target"));
            }
            (AuditAction::MergeRequest, None, None, Some(*into))
        }
    };
    let verdict = Verdict {
        to: next,
        refusal_reason: reason,
        refusal_note: note,
        merged_into,
        decided_by: Some(office.user_id()),
    };
    if !requests::set_status(&txn, id, status, verdict, now).await? {
        return Err(AppError::Conflict { field: "request".into() });
    }
    let target = AuditTarget { kind: AuditObject::Request, id, label: &row.product, region: None };
    let merged_note = merged_into.map(|into| format!("#{into}"));
    let why = AuditWhy { reason, note: merged_note.as_deref().or(note) };
    audit::record(&txn, office, action, target, why, now).await?;
    if let Some(buyer) = crate::repo::user::by_id(&txn, row.buyer_user_id).await? {
        let locale = Locale::from_code(&row.locale).unwrap_or(Locale::DEFAULT);
        let shown = merged_into.unwrap_or(id);
        let link = service.link(&format!("/{}/requests/{}", locale.code(), shown));
        let mail = crate::mail::request_screened(locale, &buyer.email, &row.product, next, &link);
        crate::repo::mail_outbox::enqueue(&txn, &mail, now).await?;
    }
    db::commit(txn).await?;
    tracing::info!(request = id, status = next.slug(), "buying request screened");
    Ok(())
}

pub(super) async fn set_rate(
    service: &BuyingRequestsService,
    office: &AdminAccess,
    currency: Currency,
    rate: &str,
) -> Result<(), AppError> {
    office.check_national()?;
    if currency == Currency::Mad {
        return Err(AppError::invalid("currency", "invalid.choice"));
    }
    let mad_per_unit = parse_rate(rate).ok_or_else(|| AppError::invalid("rate", "invalid.rate"))?;
    let (now, today) = (service.clock.now(), service.clock.today());
    let line = RateLine { currency, mad_per_unit, as_of: today };
    let txn = db::begin_write(&service.db).await?;
    crate::repo::exchange_rate::set_rate(&txn, &line, Some(office.user_id()), now).await?;
    let label = format!("{} = {} MAD", currency.slug(), rate.trim());
    let target = AuditTarget { kind: AuditObject::ExchangeRate, id: 0, label: &label, region: None };
    audit::record(&txn, office, AuditAction::SetRate, target, AuditWhy::default(), now).await?;
    db::commit_private(txn).await?;
    Ok(())
}
