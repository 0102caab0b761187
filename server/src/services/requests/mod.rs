//! The `BuyingRequests` port. Rules, each here once:
//! - only buyers post; a buyer posts at most `PER_DAY` requests a day; a
//!   request waits for a trade office unless one approved a request of the
//!   same buyer before;
//! - who sees what (`Reader`): the buyer and the offices (a regional office
//!   only requests matching a producer of its region) see who asked; a
//!   matched producer's members who answer inquiries see the request and
//!   quote once; anyone sees an approved public request's card; nobody else
//!   learns it exists (`NotFound`);
//! - a quote takes one of the request's `MAX_QUOTES` places while it takes
//!   quotes, within the producer's monthly allowance, and opens a
//!   conversation with the buyer (the inquiries' thread, quote card and
//!   decisions), so questions, accepting and declining work as in any
//!   inquiry.

mod cards;
pub mod digest;
pub mod matching;
mod pooling;
mod quoting;
mod screening;
pub mod threads;

use std::sync::Arc;

use app::domain::{
    AdminAccess, AppError, BuyerAccess, Currency, ExchangeRates, Locale, MatchedRequest, OfferForm, ReplyForm,
    RequestCard, RequestEvent, RequestFilter, RequestForm, RequestList, RequestPage, RequestStatus, RequestViewer,
    Role, ScreeningDecision, ScreeningQueue, ShareForm, Viewer, WorkspaceAction,
};
use app::ports::{BuyingRequests, Inquiries};
use chrono::Duration;
use url::Url;

use crate::clock::Clock;
use crate::db::{self, Db, WriteScope};
use crate::entities::buying_requests;
use crate::error::StoreError;
use crate::repo::buying_request::{self as requests, NewRequest, Verdict};

/// Requests one buyer may post in a day.
pub const PER_DAY: u64 = 5;

pub struct BuyingRequestsService {
    db: Db,
    public_url: Url,
    clock: Clock,
    /// Declining the rest goes through the conversations' own rules.
    inquiries: Arc<dyn Inquiries>,
}

/// Who reads a request, by the one rule of the module's header.
enum Reader {
    Buyer,
    Office(AdminAccess),
    /// A matched producer's member who answers inquiries.
    Producer(i64),
    Public,
}

/// The producer whose buyers the reader answers, or `NotFound`.
fn answering_producer(viewer: &Viewer) -> Result<i64, AppError> {
    let access = viewer.as_producer()?;
    access.require(WorkspaceAction::AnswerInquiries)?;
    access.producer_id().ok_or(AppError::NotFound)
}

impl BuyingRequestsService {
    pub fn new(db: Db, public_url: Url, clock: Clock, inquiries: Arc<dyn Inquiries>) -> BuyingRequestsService {
        BuyingRequestsService { db, public_url, clock, inquiries }
    }

    fn link(&self, path: &str) -> String {
        super::link_to(&self.public_url, path)
    }

    /// The reader's standing on a request, or `NotFound`.
    async fn reader(&self, viewer: Option<&Viewer>, row: &buying_requests::Model) -> Result<Reader, AppError> {
        let status = cards::status_of(row)?;
        if let Some(viewer) = viewer {
            if viewer.role == Role::Buyer && viewer.user_id == row.buyer_user_id {
                return Ok(Reader::Buyer);
            }
            if let Ok(admin) = viewer.as_admin() {
                let sees = match admin.office().region() {
                    None => true,
                    Some(region) => requests::matches_region(&self.db, row.id, region).await?,
                };
                if sees {
                    return Ok(Reader::Office(admin));
                }
                // Another region's office reads what the public reads.
            } else if let Ok(producer_id) = answering_producer(viewer)
                && matches!(status, RequestStatus::Open | RequestStatus::Closed)
                && requests::fit_of_producer(&self.db, row.id, producer_id).await?.is_some()
            {
                return Ok(Reader::Producer(producer_id));
            }
        }
        let public = row.visibility == app::domain::RequestVisibility::Public.slug();
        if public && matches!(status, RequestStatus::Open | RequestStatus::Closed) {
            Ok(Reader::Public)
        } else {
            Err(AppError::NotFound)
        }
    }

    /// The buyer's own request, or `NotFound`.
    async fn own(&self, buyer: &BuyerAccess, id: i64) -> Result<buying_requests::Model, AppError> {
        match requests::by_id(&self.db, id).await? {
            Some(row) if row.buyer_user_id == buyer.user_id() => Ok(row),
            _ => Err(AppError::NotFound),
        }
    }
}

#[async_trait::async_trait]
impl BuyingRequests for BuyingRequestsService {
    async fn post(&self, buyer: &BuyerAccess, form: &RequestForm, locale: Locale) -> Result<i64, AppError> {
        let (now, today) = (self.clock.now(), self.clock.today());
        let draft = form.validate(today)?;
        let concepts = matching::concepts_of(&draft.product);
        let fits = matching::producers_for(&self.db, &matching::needs_of(&draft, concepts.clone())).await?;
        let txn = db::begin_write(&self.db).await?;
        db::serialize(&txn, WriteScope::BuyerRequests(buyer.user_id())).await?;
        if requests::posted_since(&txn, buyer.user_id(), now - Duration::hours(24)).await? >= PER_DAY {
            return Err(AppError::RateLimited);
        }
        let trusted = requests::buyer_is_trusted(&txn, buyer.user_id()).await?;
        let status = if trusted { RequestStatus::Open } else { RequestStatus::Screening };
        let market = draft.destination_country.world_region().slug();
        let new = NewRequest {
            buyer_user_id: buyer.user_id(),
            draft: &draft,
            concepts: &concepts,
            market,
            status,
            locale: locale.code(),
        };
        let id = requests::insert(&txn, new, now).await?;
        requests::set_matches(&txn, id, &fits, now).await?;
        db::commit(txn).await?;
        tracing::info!(request = id, matched = fits.len(), trusted, "buying request posted");
        Ok(id)
    }

    async fn list(&self, filter: &RequestFilter, locale: Locale) -> Result<RequestList, AppError> {
        let today = self.clock.today();
        let (total, rows) = requests::open_public(&self.db, filter, today).await?;
        let cards = rows.iter().map(|row| cards::card(row, today, locale)).collect::<Result<_, StoreError>>()?;
        let page = filter.page.clamp(1, 10_000);
        Ok(RequestList { cards, total, page, filter: RequestFilter { page, ..filter.clone() } })
    }

    async fn page(
        &self,
        viewer: Option<&Viewer>,
        id: i64,
        currency: Option<Currency>,
        locale: Locale,
    ) -> Result<RequestPage, AppError> {
        let row = requests::by_id(&self.db, id).await?.ok_or(AppError::NotFound)?;
        let reader = self.reader(viewer, &row).await?;
        let card = cards::card(&row, self.clock.today(), locale)?;
        let viewer = match reader {
            Reader::Public => RequestViewer::Public,
            Reader::Buyer => quoting::buyer_view(self, &row, currency.or(card.target_price.map(|(_, c)| c))).await?,
            Reader::Producer(producer_id) => quoting::producer_view(self, &row, producer_id).await?,
            Reader::Office(admin) => {
                let buyer = crate::repo::user::by_id(&self.db, row.buyer_user_id).await?.ok_or(AppError::NotFound)?;
                let matched = requests::matches_of(&self.db, row.id).await?.len();
                let region = admin.office().region();
                let audience = pooling::Audience::Office { user_id: admin.user_id(), region };
                RequestViewer::Office {
                    buyer_name: buyer.display_name,
                    buyer_email: buyer.email,
                    matched: u32::try_from(matched).unwrap_or(u32::MAX),
                    offers: pooling::views(self, &row, audience).await?,
                    partners: pooling::partners(self, &row, None, region).await?,
                }
            }
        };
        Ok(RequestPage { card, viewer })
    }

    async fn mine(&self, buyer: &BuyerAccess, locale: Locale) -> Result<Vec<RequestCard>, AppError> {
        let today = self.clock.today();
        let rows = requests::of_buyer(&self.db, buyer.user_id()).await?;
        Ok(rows.iter().map(|row| cards::card(row, today, locale)).collect::<Result<_, StoreError>>()?)
    }

    async fn change(&self, buyer: &BuyerAccess, id: i64, event: RequestEvent) -> Result<(), AppError> {
        if !matches!(event, RequestEvent::Close | RequestEvent::Withdraw) {
            return Err(AppError::Forbidden);
        }
        let row = self.own(buyer, id).await?;
        let status = cards::status_of(&row)?;
        // The transition reads what the buyer sees: a request past its
        // deadline or full is closed already, whatever the column says.
        let shown = cards::effective_status(&row, self.clock.today())?;
        let next = shown.after(event).ok_or(AppError::invalid("request", "invalid.request_state"))?;
        let txn = db::begin_write(&self.db).await?;
        let verdict =
            Verdict { to: next, refusal_reason: None, refusal_note: None, merged_into: None, decided_by: None };
        if !requests::set_status(&txn, id, status, verdict, self.clock.now()).await? {
            return Err(AppError::Conflict { field: "request".into() });
        }
        db::commit(txn).await?;
        Ok(())
    }

    async fn decline_rest(&self, viewer: &Viewer, id: i64) -> Result<u32, AppError> {
        let row = self.own(&viewer.as_buyer()?, id).await?;
        quoting::decline_rest(self, viewer, &row).await
    }

    async fn matched(&self, viewer: &Viewer, locale: Locale) -> Result<Vec<MatchedRequest>, AppError> {
        let producer_id = answering_producer(viewer)?;
        let today = self.clock.today();
        let mut lines = Vec::new();
        for (row, fit) in requests::matched_to(&self.db, producer_id, today).await? {
            let quoted_in = requests::quote_thread(&self.db, row.id, producer_id).await?;
            lines.push(MatchedRequest { card: cards::card(&row, today, locale)?, fit, quoted_in });
        }
        Ok(lines)
    }

    async fn quote(&self, viewer: &Viewer, id: i64, form: &ReplyForm) -> Result<i64, AppError> {
        let producer_id = answering_producer(viewer)?;
        quoting::quote(self, viewer, producer_id, id, form).await
    }

    async fn screening(&self, office: &AdminAccess, locale: Locale) -> Result<ScreeningQueue, AppError> {
        screening::queue(self, office, locale).await
    }

    async fn screen(&self, office: &AdminAccess, id: i64, decision: ScreeningDecision) -> Result<(), AppError> {
        screening::decide(self, office, id, decision).await
    }

    async fn rates(&self) -> Result<ExchangeRates, AppError> {
        Ok(crate::repo::exchange_rate::rates(&self.db).await?)
    }

    async fn set_rate(&self, office: &AdminAccess, currency: Currency, rate: &str) -> Result<(), AppError> {
        screening::set_rate(self, office, currency, rate).await
    }

    async fn start_offer(&self, viewer: &Viewer, request: i64, form: &OfferForm) -> Result<i64, AppError> {
        pooling::start(self, viewer, request, form).await
    }

    async fn invite_to_offer(&self, viewer: &Viewer, offer: i64, producer: i64) -> Result<i64, AppError> {
        pooling::invite(self, viewer, offer, producer).await
    }

    async fn commit_share(&self, viewer: &Viewer, offer: i64, form: &ShareForm) -> Result<i64, AppError> {
        pooling::commit(self, viewer, offer, form).await
    }

    async fn submit_offer(&self, viewer: &Viewer, offer: i64) -> Result<i64, AppError> {
        pooling::submit(self, viewer, offer).await
    }

    async fn decide_offer(&self, viewer: &Viewer, offer: i64, accept: bool) -> Result<i64, AppError> {
        pooling::decide(self, viewer, offer, accept).await
    }
}
