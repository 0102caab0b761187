//! The `Deals` port. Rules, each here once:
//! - who reads a deal: its buyer, and its producer's members who answer
//!   inquiries; nobody else learns it exists (`NotFound`), not another
//!   buyer or producer, not an organiser, not an office (they count
//!   exports, they do not read deals);
//! - who moves it: `DealStatus::may_move` for the reader's side, checked
//!   by `DealStepForm::validate` and applied by a guarded update, so a deal
//!   moved meanwhile answers 409;
//! - each step is mailed to the other side in its language.
//!
//! A deal opens when a quote is accepted (`repo::deal::open`), in the
//! transaction that records the acceptance: a direct quote in
//! `services::inquiries`, a pooled offer's shares in
//! `services::requests::threads`.

pub mod exports;
mod proforma;

use std::collections::HashMap;

use app::domain::{
    AppError, BillingForm, CountryCode, DealCard, DealLine, DealPage, DealStatus, DealStepForm, DealStepLine,
    ExportFigures, Locale, ProformaPage, Role, Side, Viewer, WorkspaceAction, export_day,
};
use app::ports::Deals;
use url::Url;

use crate::clock::Clock;
use crate::db::{self, Db};
use crate::entities::{deals, quotes};
use crate::error::StoreError;
use crate::repo::buying_request::calendar;
use crate::repo::convert;
use crate::repo::deal::{self as repo, Party};

pub struct DealsService {
    db: Db,
    public_url: Url,
    clock: Clock,
}

/// The producer whose deals the reader follows (a member whose role
/// answers inquiries), or `NotFound`.
fn answering_producer(viewer: &Viewer) -> Result<i64, AppError> {
    let access = viewer.as_producer()?;
    access.require(WorkspaceAction::AnswerInquiries)?;
    access.producer_id().ok_or(AppError::NotFound)
}

/// The producer whose billing settings the reader keeps: its owners (an
/// office acting for a cooperative keeps its catalogue, not its bank).
fn billing_producer(viewer: &Viewer) -> Result<i64, AppError> {
    let access = viewer.as_producer()?;
    access.require(WorkspaceAction::ManageBilling)?;
    if access.on_behalf() {
        return Err(AppError::NotFound);
    }
    access.producer_id().ok_or(AppError::NotFound)
}

fn status_of(row: &deals::Model) -> Result<DealStatus, StoreError> {
    convert::slug(&row.status, DealStatus::from_slug, "deal status")
}

impl DealsService {
    pub fn new(db: Db, public_url: Url, clock: Clock) -> DealsService {
        DealsService { db, public_url, clock }
    }

    /// The reader's side of the deal, or `NotFound`.
    fn side_of(viewer: &Viewer, row: &deals::Model) -> Result<Side, AppError> {
        if viewer.role == Role::Buyer && viewer.user_id == row.buyer_user_id {
            return Ok(Side::Buyer);
        }
        if answering_producer(viewer).is_ok_and(|producer_id| producer_id == row.producer_id) {
            return Ok(Side::Producer);
        }
        Err(AppError::NotFound)
    }

    async fn quotes_of(&self, rows: &[deals::Model]) -> Result<HashMap<i64, quotes::Model>, StoreError> {
        let ids: Vec<i64> = rows.iter().map(|row| row.quote_message_id).collect();
        Ok(crate::repo::inquiry::quotes_by_messages(&self.db, &ids)
            .await?
            .into_iter()
            .map(|quote| (quote.message_id, quote))
            .collect())
    }

    /// The deal's terms as both sides read them.
    async fn card(&self, row: &deals::Model, quote: quotes::Model) -> Result<DealCard, AppError> {
        let inquiry = crate::repo::inquiry::by_id(&self.db, row.inquiry_id).await?.ok_or(AppError::NotFound)?;
        let producer = crate::repo::producer::by_id(&self.db, row.producer_id).await?.ok_or(AppError::NotFound)?;
        let (buyer_name, buyer_country) = crate::repo::buyer_profile::names(&self.db, &[row.buyer_user_id])
            .await?
            .remove(&row.buyer_user_id)
            .unwrap_or_default();
        let terms = crate::services::inquiries::quote_card(quote, false)?.terms;
        Ok(DealCard {
            id: row.id,
            inquiry_id: row.inquiry_id,
            status: status_of(row)?,
            product: inquiry.product,
            quantity: terms.quantity,
            unit_price_minor: terms.unit_price_minor,
            currency: terms.currency,
            incoterm: terms.incoterm,
            named_place: terms.named_place,
            lead_time_days: terms.lead_time_days,
            valid_until: terms.valid_until,
            agreed_on: calendar(row.agreed_on)?,
            producer_name: producer.trade_name,
            producer_slug: producer.slug,
            buyer_name,
            buyer_country,
            destination_country: CountryCode::parse(&inquiry.destination_country)
                .map_err(|_| StoreError::Corrupt(format!("deal {}: country", row.id)))?,
        })
    }

    /// The HS code of the listing the deal's conversation was about.
    async fn hs_code_of(&self, row: &deals::Model) -> Result<Option<String>, StoreError> {
        let Some(inquiry) = crate::repo::inquiry::by_id(&self.db, row.inquiry_id).await? else { return Ok(None) };
        let Some(listing) = inquiry.listing_id else { return Ok(None) };
        use sea_orm::EntityTrait;
        Ok(crate::entities::listings::Entity::find_by_id(listing).one(&self.db).await?.and_then(|l| l.hs_code))
    }

    /// Mails the side that did not move the deal.
    async fn tell_other_side(
        &self,
        txn: &impl sea_orm::ConnectionTrait,
        row: &deals::Model,
        mover: Side,
        step: DealStatus,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        let Some(inquiry) = crate::repo::inquiry::by_id(txn, row.inquiry_id).await? else { return Ok(()) };
        let recipients = match mover {
            Side::Producer => vec![row.buyer_user_id],
            Side::Buyer => {
                crate::services::teams::routing::recipients(txn, row.producer_id, inquiry.assignee_user_id).await?
            }
        };
        let product = inquiry.product;
        for user in crate::repo::user::by_ids(txn, recipients).await? {
            let locale = Locale::from_code(&user.locale).unwrap_or(Locale::DEFAULT);
            let link = super::link_to(&self.public_url, &format!("/{}/deals/{}", locale.code(), row.id));
            let mail = crate::mail::deal_moved(locale, &user.email, &product, step, &link);
            crate::repo::mail_outbox::enqueue(txn, &mail, now).await?;
        }
        Ok(())
    }
}

#[async_trait::async_trait]
impl Deals for DealsService {
    async fn page(&self, viewer: &Viewer, id: i64) -> Result<DealPage, AppError> {
        let row = repo::by_id(&self.db, id).await?.ok_or(AppError::NotFound)?;
        let side = Self::side_of(viewer, &row)?;
        let quote = self.quotes_of(std::slice::from_ref(&row)).await?.remove(&row.quote_message_id);
        let card = self.card(&row, quote.ok_or(AppError::NotFound)?).await?;
        let steps = repo::steps(&self.db, id)
            .await?
            .into_iter()
            .map(|step| {
                Ok(DealStepLine {
                    status: convert::slug(&step.status, DealStatus::from_slug, "deal status")?,
                    happened_on: calendar(step.happened_on)?,
                    reference: step.reference,
                    note: step.note,
                    by: repo::side_of(&step.by_side)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let status = card.status;
        let shipped_on = row.shipped_on.map(calendar).transpose()?;
        let hs_code = self.hs_code_of(&row).await?;
        let rules = crate::repo::document_rule::all(&self.db).await?;
        let documents = app::domain::documents_for(&rules, hs_code.as_deref(), card.destination_country);
        let producer = crate::repo::producer::by_id(&self.db, row.producer_id).await?.ok_or(AppError::NotFound)?;
        Ok(DealPage {
            documents,
            producer_region: convert::slug(&producer.region, app::domain::Region::from_slug, "region")?,
            next: status.next_steps(side),
            last_on: calendar(row.last_on)?,
            exported_on: export_day(status, shipped_on, self.clock.today()),
            card,
            side,
            steps,
        })
    }

    async fn list(&self, viewer: &Viewer) -> Result<Vec<DealLine>, AppError> {
        let (party, side) = if viewer.role == Role::Buyer {
            (Party::Buyer(viewer.user_id), Side::Buyer)
        } else {
            (Party::Producer(answering_producer(viewer)?), Side::Producer)
        };
        let rows = repo::of_party(&self.db, party).await?;
        let mut quotes = self.quotes_of(&rows).await?;
        let counterparts: HashMap<i64, String> = match side {
            Side::Buyer => {
                let ids: Vec<i64> = rows.iter().map(|row| row.producer_id).collect();
                crate::repo::producer::by_ids(&self.db, &ids).await?.into_iter().map(|p| (p.id, p.trade_name)).collect()
            }
            Side::Producer => {
                let ids: Vec<i64> = rows.iter().map(|row| row.buyer_user_id).collect();
                crate::repo::buyer_profile::names(&self.db, &ids)
                    .await?
                    .into_iter()
                    .map(|(id, (name, _))| (id, name))
                    .collect()
            }
        };
        let mut lines = Vec::with_capacity(rows.len());
        for row in &rows {
            let Some(quote) = quotes.remove(&row.quote_message_id) else { continue };
            let inquiry = crate::repo::inquiry::by_id(&self.db, row.inquiry_id).await?;
            let status = status_of(row)?;
            let counterpart_id = match side {
                Side::Buyer => row.producer_id,
                Side::Producer => row.buyer_user_id,
            };
            let terms = crate::services::inquiries::quote_card(quote, false)?.terms;
            lines.push(DealLine {
                id: row.id,
                status,
                product: inquiry.map(|inquiry| inquiry.product).unwrap_or_default(),
                counterpart: counterparts.get(&counterpart_id).cloned().unwrap_or_default(),
                total_minor: i64::try_from(terms.quantity.amount)
                    .ok()
                    .and_then(|amount| amount.checked_mul(terms.unit_price_minor)),
                currency: terms.currency,
                last_on: calendar(row.last_on)?,
                your_move: DealLine::waits_for(status, side),
            });
        }
        Ok(lines)
    }

    async fn step(&self, viewer: &Viewer, id: i64, form: &DealStepForm) -> Result<(), AppError> {
        let row = repo::by_id(&self.db, id).await?.ok_or(AppError::NotFound)?;
        let side = Self::side_of(viewer, &row)?;
        let (now, today) = (self.clock.now(), self.clock.today());
        let from = status_of(&row)?;
        let step = form.validate(from, side, today, calendar(row.last_on)?)?;
        let txn = db::begin_write(&self.db).await?;
        if !repo::add_step(&txn, id, from, &step, (side, viewer.user_id), now).await? {
            return Err(AppError::Conflict { field: "deal".into() });
        }
        self.tell_other_side(&txn, &row, side, step.to, now).await?;
        // A shipped or received deal moves the export figures.
        if matches!(step.to, DealStatus::Shipped | DealStatus::Received) {
            db::commit(txn).await?;
        } else {
            db::commit_private(txn).await?;
        }
        tracing::info!(deal = id, status = step.to.slug(), "deal moved");
        Ok(())
    }

    async fn proforma(&self, viewer: &Viewer, id: i64) -> Result<ProformaPage, AppError> {
        let row = repo::by_id(&self.db, id).await?.ok_or(AppError::NotFound)?;
        let side = Self::side_of(viewer, &row)?;
        let quote = self.quotes_of(std::slice::from_ref(&row)).await?.remove(&row.quote_message_id);
        let card = self.card(&row, quote.ok_or(AppError::NotFound)?).await?;
        // Bank details: the buyer of this deal, and the producer's owners.
        let sees_bank = match side {
            Side::Buyer => true,
            Side::Producer => billing_producer(viewer).is_ok(),
        };
        Ok(proforma::page(&self.db, &row, card, sees_bank).await?)
    }

    async fn billing(&self, viewer: &Viewer) -> Result<BillingForm, AppError> {
        let producer_id = billing_producer(viewer)?;
        let billing = repo::billing(&self.db, producer_id).await?.ok_or(AppError::NotFound)?;
        Ok(BillingForm::from_billing(&billing))
    }

    async fn save_billing(&self, viewer: &Viewer, form: &BillingForm) -> Result<(), AppError> {
        let producer_id = billing_producer(viewer)?;
        let billing = form.validate()?;
        let txn = db::begin_write(&self.db).await?;
        repo::set_billing(&txn, producer_id, &billing).await?;
        db::commit_private(txn).await?;
        tracing::info!(producer = producer_id, user = viewer.user_id, "billing settings saved");
        Ok(())
    }

    async fn own_exports(&self, viewer: &Viewer) -> Result<ExportFigures, AppError> {
        let access = viewer.as_producer()?;
        access.require(WorkspaceAction::ReadInsights)?;
        let producer_id = access.producer_id().ok_or(AppError::NotFound)?;
        let today = self.clock.today();
        let counted = exports::counted(&self.db, exports::Scope::Producer(producer_id), today).await?;
        Ok(ExportFigures::compute(today.year(), &counted))
    }
}
