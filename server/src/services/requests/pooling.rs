//! Pooled offers: producers of a region or a cooperative union meet a
//! quantity none could alone. A matched producer (its lead) or an office
//! acting as broker sets the terms and invites other matched producers;
//! each commits a quantity at a price; the lead sends it as one offer,
//! which takes one of the request's quote places. The buyer sees it with
//! its members and their shares; accepting it opens one conversation per
//! member with its share as an accepted quote, while the offer is valid.
//! Who sees an offer: its members, its broker and the national team
//! always, a regional office when a member is of its region, the buyer once
//! it is sent; the sums are `app::domain::pool_totals`'. A producer answers
//! a request once: it leads one unsent offer at a time and is in one sent
//! offer at most; a sent offer counts against its lead's monthly
//! allowance; a request holds at most `MAX_OFFERS_PER_REQUEST` offers.

use app::domain::{
    AdminAccess, AppError, Currency, Incoterm, Locale, MAX_OFFERS_PER_REQUEST, OfferForm, OfferShareLine, OfferStatus,
    PooledOfferView, Quantity, QuoteTerms, Region, RequestStatus, Role, Share, ShareForm, Viewer, pool_totals,
};
use sea_orm::{ConnectionTrait, EntityTrait};

use super::{BuyingRequestsService, cards};
use crate::db::{self, WriteScope};
use crate::entities::{buying_requests, pooled_offers};
use crate::error::StoreError;
use crate::repo::buying_request::{self as requests, calendar};
use crate::repo::convert;
use crate::repo::pooled_offer::{self as offers, Builder};

/// Who builds an offer.
pub(super) enum OfferBuilder {
    Producer { producer_id: i64 },
    Broker(AdminAccess),
}

/// Whose view of a request's offers.
pub(super) enum Audience {
    Buyer,
    Producer(i64),
    /// An office administrator: the national team sees every offer, a
    /// regional office those it brokers or with a member of its region.
    Office {
        user_id: i64,
        region: Option<Region>,
    },
}

/// The reader as a builder of offers on `row`: a matched producer's
/// member who answers inquiries, or an office covering a matched region.
pub(super) async fn builder_of(
    service: &BuyingRequestsService,
    viewer: &Viewer,
    row: &buying_requests::Model,
) -> Result<OfferBuilder, AppError> {
    if let Ok(admin) = viewer.as_admin() {
        if let Some(region) = admin.office().region()
            && !requests::matches_region(&service.db, row.id, region).await?
        {
            return Err(AppError::NotFound);
        }
        return Ok(OfferBuilder::Broker(admin));
    }
    let producer_id = super::answering_producer(viewer)?;
    if requests::fit_of_producer(&service.db, row.id, producer_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    Ok(OfferBuilder::Producer { producer_id })
}

/// Whether the builder leads the offer.
fn leads(builder: &OfferBuilder, offer: &pooled_offers::Model) -> bool {
    match builder {
        OfferBuilder::Producer { producer_id } => offer.lead_producer_id == Some(*producer_id),
        OfferBuilder::Broker(admin) => offer.broker_user_id == Some(admin.user_id()),
    }
}

/// The request's offers as `audience` may see them.
pub(super) async fn views(
    service: &BuyingRequestsService,
    row: &buying_requests::Model,
    audience: Audience,
) -> Result<Vec<PooledOfferView>, AppError> {
    let db = &service.db;
    let all = offers::of_request(db, row.id).await?;
    let ids: Vec<i64> = all.iter().map(|offer| offer.id).collect();
    let shares = offers::shares(db, &ids).await?;
    let mut producer_ids: Vec<i64> = shares.iter().map(|share| share.producer_id).collect();
    producer_ids.extend(all.iter().filter_map(|offer| offer.lead_producer_id));
    let producers = crate::repo::producer::by_ids(db, &producer_ids).await?;
    let name = |id: i64| producers.iter().find(|p| p.id == id);
    let requested = u64::try_from(row.quantity_amount).unwrap_or(0);
    let mut seen = Vec::new();
    for offer in all {
        let status = convert::slug(&offer.status, OfferStatus::from_slug, "offer status")?;
        let members: Vec<_> = shares.iter().filter(|share| share.offer_id == offer.id).collect();
        let visible = match audience {
            Audience::Buyer => status != OfferStatus::Building,
            Audience::Office { user_id, region } => {
                offer.broker_user_id == Some(user_id)
                    || region.is_none_or(|region| {
                        members.iter().any(|m| name(m.producer_id).is_some_and(|p| p.region == region.slug()))
                    })
            }
            Audience::Producer(producer_id) => {
                offer.lead_producer_id == Some(producer_id) || members.iter().any(|m| m.producer_id == producer_id)
            }
        };
        if !visible {
            continue;
        }
        let committed: Vec<Share> = members
            .iter()
            .filter_map(|m| {
                Some(Share {
                    producer_id: m.producer_id,
                    quantity: u64::try_from(m.quantity_amount?).ok()?,
                    unit_price_minor: m.unit_price_minor?,
                })
            })
            .collect();
        let totals = pool_totals(&committed, requested);
        let lines = members
            .iter()
            .filter_map(|m| {
                let producer = name(m.producer_id)?;
                Some(OfferShareLine {
                    producer_id: m.producer_id,
                    producer_name: producer.trade_name.clone(),
                    producer_slug: producer.slug.clone(),
                    verified: producer.verified,
                    quantity: m.quantity_amount.and_then(|q| u64::try_from(q).ok()),
                    unit_price_minor: m.unit_price_minor,
                    percent: totals.percents.iter().find(|(id, _)| *id == m.producer_id).map_or(0, |(_, p)| *p),
                    thread_id: m.inquiry_id,
                })
            })
            .collect();
        let lead_name = match offer.lead_producer_id.and_then(name) {
            Some(producer) => producer.trade_name.clone(),
            None => String::new(),
        };
        let (leads, own_share) = match audience {
            Audience::Producer(producer_id) => (
                offer.lead_producer_id == Some(producer_id),
                members.iter().any(|m| m.producer_id == producer_id).then_some(producer_id),
            ),
            Audience::Office { user_id, .. } => (offer.broker_user_id == Some(user_id), None),
            Audience::Buyer => (false, None),
        };
        seen.push(PooledOfferView {
            id: offer.id,
            request_id: row.id,
            status,
            lead_name,
            currency: convert::slug(&offer.currency, Currency::from_slug, "currency")?,
            incoterm: convert::slug(&offer.incoterm, Incoterm::from_slug, "incoterm")?,
            named_place: offer.named_place.clone(),
            valid_until: calendar(offer.valid_until)?,
            lead_time_days: u32::try_from(offer.lead_time_days).unwrap_or(0),
            message: offer.message.clone(),
            shares: lines,
            totals,
            leads,
            own_share,
        });
    }
    Ok(seen)
}

/// Matched producers a builder may invite (all but itself; a regional
/// office, those of its region), by name.
pub(super) async fn partners(
    service: &BuyingRequestsService,
    row: &buying_requests::Model,
    except: Option<i64>,
    region: Option<Region>,
) -> Result<Vec<(i64, String)>, AppError> {
    let ids: Vec<i64> = requests::matches_of(&service.db, row.id)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .filter(|id| Some(*id) != except)
        .collect();
    let mut producers = crate::repo::producer::by_ids(&service.db, &ids).await?;
    producers.retain(|producer| region.is_none_or(|region| producer.region == region.slug()));
    producers.sort_by(|a, b| a.trade_name.cmp(&b.trade_name));
    Ok(producers.into_iter().map(|p| (p.id, p.trade_name)).collect())
}

/// The request, checked to take quotes, for building on it.
async fn open_request(
    service: &BuyingRequestsService,
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<buying_requests::Model, AppError> {
    let row = requests::by_id(db, id).await?.ok_or(AppError::NotFound)?;
    let quotes = u32::try_from(row.quote_count).unwrap_or(0);
    if !cards::status_of(&row)?.takes_quotes(calendar(row.deadline)?, quotes, service.clock.today()) {
        return Err(AppError::invalid("offer", "invalid.request_closed"));
    }
    Ok(row)
}

pub(super) async fn start(
    service: &BuyingRequestsService,
    viewer: &Viewer,
    request_id: i64,
    form: &OfferForm,
) -> Result<i64, AppError> {
    let now = service.clock.now();
    let terms = form.validate(service.clock.today())?;
    let row = requests::by_id(&service.db, request_id).await?.ok_or(AppError::NotFound)?;
    let builder = builder_of(service, viewer, &row).await?;
    let txn = db::begin_write(&service.db).await?;
    requests::lock(&txn, request_id).await?;
    open_request(service, &txn, request_id).await?;
    if offers::count_of_request(&txn, request_id).await? >= MAX_OFFERS_PER_REQUEST as u64 {
        return Err(AppError::invalid("offer", "invalid.offers_full"));
    }
    if let OfferBuilder::Producer { producer_id } = &builder
        && offers::leads_unsent(&txn, request_id, *producer_id).await?
    {
        return Err(AppError::invalid("offer", "invalid.offer_lead_once"));
    }
    let (lead, broker) = match &builder {
        OfferBuilder::Producer { producer_id } => (Some(*producer_id), None),
        OfferBuilder::Broker(admin) => (None, Some(admin.user_id())),
    };
    let id = offers::insert(&txn, request_id, Builder { lead_producer_id: lead, broker_user_id: broker }, &terms, now)
        .await?;
    if let Some(lead) = lead {
        offers::add_member(&txn, id, lead, now).await?;
    }
    db::commit_private(txn).await?;
    Ok(id)
}

/// The offer and the reader as its builder, or `NotFound`.
async fn offer_for(
    service: &BuyingRequestsService,
    viewer: &Viewer,
    offer_id: i64,
) -> Result<(pooled_offers::Model, buying_requests::Model, OfferBuilder), AppError> {
    let offer = pooled_offers::Entity::find_by_id(offer_id).one(&service.db).await.map_err(StoreError::from)?;
    let offer = offer.ok_or(AppError::NotFound)?;
    let row = requests::by_id(&service.db, offer.request_id).await?.ok_or(AppError::NotFound)?;
    let builder = builder_of(service, viewer, &row).await?;
    Ok((offer, row, builder))
}

pub(super) async fn invite(
    service: &BuyingRequestsService,
    viewer: &Viewer,
    offer_id: i64,
    producer_id: i64,
) -> Result<i64, AppError> {
    let (offer, row, builder) = offer_for(service, viewer, offer_id).await?;
    if !leads(&builder, &offer) {
        return Err(AppError::NotFound);
    }
    if requests::fit_of_producer(&service.db, row.id, producer_id).await?.is_none() {
        return Err(AppError::invalid("producer", "invalid.offer_partner"));
    }
    if let OfferBuilder::Broker(admin) = &builder
        && let Some(region) = admin.office().region()
        && crate::repo::producer::by_id(&service.db, producer_id).await?.is_none_or(|p| p.region != region.slug())
    {
        return Err(AppError::invalid("producer", "invalid.offer_partner"));
    }
    let txn = db::begin_write(&service.db).await?;
    let locked = offers::lock(&txn, offer_id).await?.ok_or(AppError::NotFound)?;
    if locked.status != OfferStatus::Building.slug() {
        return Err(AppError::invalid("offer", "invalid.offer_sent"));
    }
    if offers::shares(&txn, &[offer_id]).await?.len() >= app::domain::MAX_OFFER_MEMBERS {
        return Err(AppError::invalid("producer", "invalid.offer_full"));
    }
    let now = service.clock.now();
    if !offers::add_member(&txn, offer_id, producer_id, now).await? {
        // Already a member: invited once, told once.
        db::commit_private(txn).await?;
        return Ok(row.id);
    }
    // The invited producer's members who answer inquiries are told.
    let link = |locale: Locale| service.link(&format!("/{}/requests/{}", locale.code(), row.id));
    for user_id in crate::services::teams::routing::recipients(&txn, producer_id, None).await? {
        if let Some(user) = crate::repo::user::by_id(&txn, user_id).await? {
            let locale = Locale::from_code(&user.locale).unwrap_or(Locale::DEFAULT);
            let mail = crate::mail::offer_invitation(locale, &user.email, &row.product, &link(locale));
            crate::repo::mail_outbox::enqueue(&txn, &mail, now).await?;
        }
    }
    db::commit_private(txn).await?;
    Ok(row.id)
}

pub(super) async fn commit(
    service: &BuyingRequestsService,
    viewer: &Viewer,
    offer_id: i64,
    form: &ShareForm,
) -> Result<i64, AppError> {
    let share = form.validate()?;
    let (_, row, builder) = offer_for(service, viewer, offer_id).await?;
    let OfferBuilder::Producer { producer_id } = builder else { return Err(AppError::NotFound) };
    let txn = db::begin_write(&service.db).await?;
    let locked = offers::lock(&txn, offer_id).await?.ok_or(AppError::NotFound)?;
    if locked.status != OfferStatus::Building.slug() {
        return Err(AppError::invalid("offer", "invalid.offer_sent"));
    }
    if !offers::commit_share(&txn, offer_id, producer_id, share, service.clock.now()).await? {
        return Err(AppError::NotFound);
    }
    db::commit_private(txn).await?;
    Ok(row.id)
}

pub(super) async fn submit(service: &BuyingRequestsService, viewer: &Viewer, offer_id: i64) -> Result<i64, AppError> {
    let (offer, row, builder) = offer_for(service, viewer, offer_id).await?;
    if !leads(&builder, &offer) {
        return Err(AppError::NotFound);
    }
    let (now, today) = (service.clock.now(), service.clock.today());
    let txn = db::begin_write(&service.db).await?;
    let locked = offers::lock(&txn, offer_id).await?.ok_or(AppError::NotFound)?;
    if locked.status != OfferStatus::Building.slug() {
        return Err(AppError::invalid("offer", "invalid.offer_sent"));
    }
    let committed: Vec<i64> = offers::shares(&txn, &[offer_id])
        .await?
        .into_iter()
        .filter(|share| share.committed_at.is_some())
        .map(|share| share.producer_id)
        .collect();
    if committed.len() < 2 {
        return Err(AppError::invalid("offer", "invalid.offer_members"));
    }
    // A producer answers a request once: in one sent offer at most.
    let sent = [OfferStatus::Submitted, OfferStatus::Accepted];
    for producer_id in &committed {
        if offers::taking_part(&txn, row.id, *producer_id, &sent, Some(offer_id)).await? > 0 {
            return Err(AppError::invalid("offer", "invalid.offer_member_elsewhere"));
        }
    }
    // The lead's offer counts against its monthly allowance like a quote.
    if let Some(lead) = locked.lead_producer_id {
        db::serialize(&txn, WriteScope::ProducerRequestQuotes(lead)).await?;
        let (allowance, used) = super::quoting::allowance_of(&txn, lead, now).await?;
        if used >= allowance {
            return Err(AppError::invalid("offer", "invalid.quote_allowance"));
        }
    }
    if !requests::take_quote_place(&txn, row.id, today).await? {
        return Err(AppError::invalid("offer", "invalid.request_closed"));
    }
    offers::drop_uncommitted(&txn, offer_id).await?;
    if !offers::set_status(&txn, offer_id, OfferStatus::Building, OfferStatus::Submitted, now).await? {
        return Err(AppError::Conflict { field: "offer".into() });
    }
    if let Some(buyer) = crate::repo::user::by_id(&txn, row.buyer_user_id).await? {
        let locale = Locale::from_code(&row.locale).unwrap_or(Locale::DEFAULT);
        let link = service.link(&format!("/{}/requests/{}", locale.code(), row.id));
        let mail = crate::mail::request_quoted(locale, &buyer.email, &row.product, &link);
        crate::repo::mail_outbox::enqueue(&txn, &mail, now).await?;
    }
    db::commit(txn).await?;
    tracing::info!(request = row.id, offer = offer_id, members = committed.len(), "pooled offer sent");
    Ok(row.id)
}

pub(super) async fn decide(
    service: &BuyingRequestsService,
    viewer: &Viewer,
    offer_id: i64,
    accept: bool,
) -> Result<i64, AppError> {
    let offer = pooled_offers::Entity::find_by_id(offer_id).one(&service.db).await.map_err(StoreError::from)?;
    let offer = offer.ok_or(AppError::NotFound)?;
    let row = requests::by_id(&service.db, offer.request_id).await?.ok_or(AppError::NotFound)?;
    if viewer.role != Role::Buyer || viewer.user_id != row.buyer_user_id || offer.status == OfferStatus::Building.slug()
    {
        return Err(AppError::NotFound);
    }
    if matches!(cards::status_of(&row)?, RequestStatus::Withdrawn) {
        return Err(AppError::invalid("offer", "invalid.request_state"));
    }
    let (now, today) = (service.clock.now(), service.clock.today());
    if accept && calendar(offer.valid_until)? < today {
        return Err(AppError::invalid("offer", "invalid.offer_expired"));
    }
    let txn = db::begin_write(&service.db).await?;
    offers::lock(&txn, offer_id).await?;
    let to = if accept { OfferStatus::Accepted } else { OfferStatus::Declined };
    if !offers::set_status(&txn, offer_id, OfferStatus::Submitted, to, now).await? {
        return Err(AppError::invalid("offer", "invalid.already_decided"));
    }
    let shares = offers::shares(&txn, &[offer_id]).await?;
    let members: Vec<i64> = shares.iter().map(|share| share.producer_id).collect();
    if accept {
        for share in &shares {
            let (Some(quantity), Some(price)) = (share.quantity_amount, share.unit_price_minor) else { continue };
            let thread = open_member_thread(&txn, &row, &offer, share.producer_id, (quantity, price), now).await?;
            offers::set_share_thread(&txn, share.id, thread).await?;
        }
    }
    // Every member is told, in its members' languages.
    for producer_id in members {
        for user_id in crate::services::teams::routing::recipients(&txn, producer_id, None).await? {
            if let Some(user) = crate::repo::user::by_id(&txn, user_id).await? {
                let locale = Locale::from_code(&user.locale).unwrap_or(Locale::DEFAULT);
                let link = service.link(&format!("/{}/requests/{}", locale.code(), row.id));
                let mail = crate::mail::offer_decided(locale, &user.email, &row.product, accept, &link);
                crate::repo::mail_outbox::enqueue(&txn, &mail, now).await?;
            }
        }
    }
    db::commit(txn).await?;
    tracing::info!(request = row.id, offer = offer_id, accept, "pooled offer decided");
    Ok(row.id)
}

/// One member's conversation with the buyer: its share as a quote the
/// buyer accepted, written by the member's holding account.
async fn open_member_thread(
    txn: &impl ConnectionTrait,
    row: &buying_requests::Model,
    offer: &pooled_offers::Model,
    producer_id: i64,
    (quantity, price): (i64, i64),
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i64, AppError> {
    let producer = crate::repo::producer::by_id(txn, producer_id).await?.ok_or(AppError::NotFound)?;
    let unit = convert::slug(&row.quantity_unit, app::domain::Unit::from_slug, "unit")?;
    let terms = QuoteTerms {
        unit_price_minor: price,
        currency: convert::slug(&offer.currency, Currency::from_slug, "currency")?,
        quantity: Quantity { amount: u64::try_from(quantity).unwrap_or(0), unit },
        incoterm: convert::slug(&offer.incoterm, Incoterm::from_slug, "incoterm")?,
        named_place: offer.named_place.clone(),
        valid_until: calendar(offer.valid_until)?,
        lead_time_days: u32::try_from(offer.lead_time_days).unwrap_or(1),
    };
    let body = if offer.message.trim().is_empty() { row.product.clone() } else { offer.message.clone() };
    let quoted = super::threads::QuotedThread {
        producer_id,
        author_user_id: producer.owner_user_id,
        message: &body,
        terms: &terms,
        pooled_offer: Some(offer.id),
        assignee: None,
    };
    Ok(super::threads::open(txn, row, quoted, now).await?)
}
