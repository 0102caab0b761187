//! Buying requests and their matches, as stored (the exchange rates are
//! `exchange_rate`'s, the digest's queue `request_digest`'s).
//! Who may see or change them is `services::requests`'s; this module reads
//! and writes rows. The rule of when a request takes quotes is
//! `RequestStatus::effective`; `take_quote_place` and `open_public` say the
//! same in SQL (status open, deadline not passed, fewer than `MAX_QUOTES`).

use app::domain::{
    CalendarDate, Fit, MAX_QUOTES, REQUESTS_PAGE_SIZE, Region, RequestDraft, RequestFilter, RequestStatus,
    RequestVisibility,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

use super::convert;
use crate::entities::{buying_requests, inquiries, producers, request_matches};
use crate::error::StoreError;

/// A calendar date as the database keeps it.
pub fn naive(date: CalendarDate) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(&date.to_string(), "%Y-%m-%d")
        .map_err(|error| StoreError::Corrupt(format!("calendar date {date}: {error}")))
}

/// A stored date as a calendar date.
pub fn calendar(date: NaiveDate) -> Result<CalendarDate, StoreError> {
    CalendarDate::parse(&date.format("%Y-%m-%d").to_string())
        .ok_or_else(|| StoreError::Corrupt(format!("date out of range: {date}")))
}

/// What a new request is stored with beyond its draft.
pub struct NewRequest<'a> {
    pub buyer_user_id: i64,
    pub draft: &'a RequestDraft,
    pub concepts: &'a [String],
    pub market: &'a str,
    pub status: RequestStatus,
    pub locale: &'a str,
}

pub async fn insert(db: &impl ConnectionTrait, new: NewRequest<'_>, now: DateTime<Utc>) -> Result<i64, StoreError> {
    let draft = new.draft;
    let row = buying_requests::ActiveModel {
        buyer_user_id: Set(new.buyer_user_id),
        product: Set(draft.product.clone()),
        concepts: Set(convert::to_json(new.concepts)),
        hs_code: Set(draft.hs_code.clone()),
        sector: Set(draft.sector.slug().to_owned()),
        quantity_amount: Set(i64::try_from(draft.quantity.amount).unwrap_or(i64::MAX)),
        quantity_unit: Set(draft.quantity.unit.slug().to_owned()),
        target_price_minor: Set(draft.target_price.map(|(minor, _)| minor)),
        currency: Set(draft.target_price.map(|(_, currency)| currency.slug().to_owned())),
        incoterm: Set(draft.incoterm.map(|term| term.slug().to_owned())),
        destination_country: Set(draft.destination_country.as_str().to_owned()),
        destination_market: Set(new.market.to_owned()),
        certifications: Set(convert::to_json(&draft.certifications.iter().map(|c| c.slug()).collect::<Vec<_>>())),
        origin_labels: Set(convert::to_json(&draft.origin_labels.iter().map(|l| l.slug()).collect::<Vec<_>>())),
        wanted_by: Set(draft.wanted_by.map(naive).transpose()?),
        deadline: Set(naive(draft.deadline)?),
        visibility: Set(draft.visibility.slug().to_owned()),
        details: Set(draft.details.clone()),
        status: Set(new.status.slug().to_owned()),
        quote_count: Set(0),
        locale: Set(new.locale.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<buying_requests::Model>, StoreError> {
    Ok(buying_requests::Entity::find_by_id(id).one(db).await?)
}

/// The request's row, locked until the transaction ends (PostgreSQL;
/// SQLite's write transactions are serial already).
pub async fn lock(db: &impl ConnectionTrait, id: i64) -> Result<Option<buying_requests::Model>, StoreError> {
    Ok(buying_requests::Entity::find_by_id(id).lock_exclusive().one(db).await?)
}

/// An office's verdict, only if the request is still in `from`.
pub struct Verdict<'a> {
    pub to: RequestStatus,
    pub refusal_reason: Option<&'a str>,
    pub refusal_note: Option<&'a str>,
    pub merged_into: Option<i64>,
    pub decided_by: Option<i64>,
}

/// Moves a request from `from` to the verdict's status; whether it moved.
pub async fn set_status(
    db: &impl ConnectionTrait,
    id: i64,
    from: RequestStatus,
    verdict: Verdict<'_>,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let mut update = buying_requests::Entity::update_many()
        .col_expr(buying_requests::Column::Status, Expr::value(verdict.to.slug()))
        .filter(buying_requests::Column::Id.eq(id))
        .filter(buying_requests::Column::Status.eq(from.slug()));
    if verdict.decided_by.is_some() {
        update = update
            .col_expr(buying_requests::Column::DecidedBy, Expr::value(verdict.decided_by))
            .col_expr(buying_requests::Column::DecidedAt, Expr::value(now))
            .col_expr(buying_requests::Column::RefusalReason, Expr::value(verdict.refusal_reason))
            .col_expr(buying_requests::Column::RefusalNote, Expr::value(verdict.refusal_note))
            .col_expr(buying_requests::Column::MergedInto, Expr::value(verdict.merged_into));
    }
    Ok(update.exec(db).await?.rows_affected == 1)
}

/// Takes one of the request's `MAX_QUOTES` places, if it still takes
/// quotes on `today`: the count and the check are one statement, so the
/// eleventh quote is refused on every instance.
pub async fn take_quote_place(db: &impl ConnectionTrait, id: i64, today: CalendarDate) -> Result<bool, StoreError> {
    let updated = buying_requests::Entity::update_many()
        .col_expr(buying_requests::Column::QuoteCount, Expr::col(buying_requests::Column::QuoteCount).add(1))
        .filter(buying_requests::Column::Id.eq(id))
        .filter(buying_requests::Column::Status.eq(RequestStatus::Open.slug()))
        .filter(buying_requests::Column::Deadline.gte(naive(today)?))
        .filter(buying_requests::Column::QuoteCount.lt(MAX_QUOTES as i32))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// One page of the open public requests matching `filter`, newest first.
pub async fn open_public(
    db: &impl ConnectionTrait,
    filter: &RequestFilter,
    today: CalendarDate,
) -> Result<(u64, Vec<buying_requests::Model>), StoreError> {
    let mut select = buying_requests::Entity::find()
        .filter(buying_requests::Column::Status.eq(RequestStatus::Open.slug()))
        .filter(buying_requests::Column::Visibility.eq(RequestVisibility::Public.slug()))
        .filter(buying_requests::Column::Deadline.gte(naive(today)?))
        .filter(buying_requests::Column::QuoteCount.lt(MAX_QUOTES as i32));
    if let Some(sector) = filter.sector {
        select = select.filter(buying_requests::Column::Sector.eq(sector.slug()));
    }
    if let Some(market) = filter.market {
        select = select.filter(buying_requests::Column::DestinationMarket.eq(market.slug()));
    }
    let total = select.clone().count(db).await?;
    let page = filter.page.clamp(1, 10_000);
    let rows = select
        .order_by_desc(buying_requests::Column::CreatedAt)
        .order_by_desc(buying_requests::Column::Id)
        .offset((page - 1) * REQUESTS_PAGE_SIZE)
        .limit(REQUESTS_PAGE_SIZE)
        .all(db)
        .await?;
    Ok((total, rows))
}

/// A buyer's requests, newest first (at most 200: older ones are closed).
pub async fn of_buyer(
    db: &impl ConnectionTrait,
    buyer_user_id: i64,
) -> Result<Vec<buying_requests::Model>, StoreError> {
    Ok(buying_requests::Entity::find()
        .filter(buying_requests::Column::BuyerUserId.eq(buyer_user_id))
        .order_by_desc(buying_requests::Column::CreatedAt)
        .order_by_desc(buying_requests::Column::Id)
        .limit(200)
        .all(db)
        .await?)
}

/// Whether an office approved one of the buyer's requests before: a
/// trusted buyer's requests skip screening.
pub async fn buyer_is_trusted(db: &impl ConnectionTrait, buyer_user_id: i64) -> Result<bool, StoreError> {
    let approved = buying_requests::Entity::find()
        .filter(buying_requests::Column::BuyerUserId.eq(buyer_user_id))
        .filter(buying_requests::Column::DecidedBy.is_not_null())
        .filter(buying_requests::Column::Status.is_in([RequestStatus::Open.slug(), RequestStatus::Closed.slug()]))
        .count(db)
        .await?;
    Ok(approved > 0)
}

/// Requests the buyer posted since `since` (the day's limit).
pub async fn posted_since(
    db: &impl ConnectionTrait,
    buyer_user_id: i64,
    since: DateTime<Utc>,
) -> Result<u64, StoreError> {
    Ok(buying_requests::Entity::find()
        .filter(buying_requests::Column::BuyerUserId.eq(buyer_user_id))
        .filter(buying_requests::Column::CreatedAt.gt(since))
        .count(db)
        .await?)
}

/// Requests waiting for screening, oldest first; for a regional office,
/// those matching at least one producer of its region.
pub async fn in_screening(
    db: &impl ConnectionTrait,
    region: Option<Region>,
) -> Result<Vec<buying_requests::Model>, StoreError> {
    let mut select =
        buying_requests::Entity::find().filter(buying_requests::Column::Status.eq(RequestStatus::Screening.slug()));
    if let Some(region) = region {
        select = select.filter(Expr::exists(
            Query::select()
                .expr(Expr::val(1))
                .from(request_matches::Entity)
                .inner_join(
                    producers::Entity,
                    Expr::col((producers::Entity, producers::Column::Id))
                        .equals((request_matches::Entity, request_matches::Column::ProducerId)),
                )
                .and_where(
                    Expr::col((request_matches::Entity, request_matches::Column::RequestId))
                        .equals((buying_requests::Entity, buying_requests::Column::Id)),
                )
                .and_where(Expr::col((producers::Entity, producers::Column::Region)).eq(region.slug()))
                .to_owned(),
        ));
    }
    Ok(select.order_by_asc(buying_requests::Column::CreatedAt).limit(200).all(db).await?)
}

/// Whether a regional office's region has a producer the request matches.
pub async fn matches_region(db: &impl ConnectionTrait, request_id: i64, region: Region) -> Result<bool, StoreError> {
    let count = request_matches::Entity::find()
        .filter(request_matches::Column::RequestId.eq(request_id))
        .filter(
            request_matches::Column::ProducerId.in_subquery(
                Query::select()
                    .column(producers::Column::Id)
                    .from(producers::Entity)
                    .and_where(Expr::col(producers::Column::Region).eq(region.slug()))
                    .to_owned(),
            ),
        )
        .count(db)
        .await?;
    Ok(count > 0)
}

/// Keeps the producers a request reaches (replacing any earlier match).
pub async fn set_matches(
    db: &impl ConnectionTrait,
    request_id: i64,
    fits: &[(i64, Fit)],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    request_matches::Entity::delete_many().filter(request_matches::Column::RequestId.eq(request_id)).exec(db).await?;
    for chunk in fits.chunks(200) {
        let rows = chunk.iter().map(|(producer_id, fit)| request_matches::ActiveModel {
            request_id: Set(request_id),
            producer_id: Set(*producer_id),
            fit: Set(fit_slug(*fit).to_owned()),
            created_at: Set(now),
            ..Default::default()
        });
        request_matches::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([request_matches::Column::RequestId, request_matches::Column::ProducerId])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

pub fn fit_slug(fit: Fit) -> &'static str {
    match fit {
        Fit::Full => "full",
        Fit::Partial => "partial",
    }
}

pub fn fit_of(slug: &str) -> Result<Fit, StoreError> {
    match slug {
        "full" => Ok(Fit::Full),
        "partial" => Ok(Fit::Partial),
        other => Err(StoreError::Corrupt(format!("unknown fit `{other}`"))),
    }
}

/// How the producer fits the request, if it was matched.
pub async fn fit_of_producer(
    db: &impl ConnectionTrait,
    request_id: i64,
    producer_id: i64,
) -> Result<Option<Fit>, StoreError> {
    let row = request_matches::Entity::find()
        .filter(request_matches::Column::RequestId.eq(request_id))
        .filter(request_matches::Column::ProducerId.eq(producer_id))
        .one(db)
        .await?;
    row.map(|row| fit_of(&row.fit)).transpose()
}

/// The producers a request reaches, with their fit.
pub async fn matches_of(db: &impl ConnectionTrait, request_id: i64) -> Result<Vec<(i64, Fit)>, StoreError> {
    let rows = request_matches::Entity::find()
        .filter(request_matches::Column::RequestId.eq(request_id))
        .order_by_asc(request_matches::Column::ProducerId)
        .all(db)
        .await?;
    rows.into_iter().map(|row| Ok((row.producer_id, fit_of(&row.fit)?))).collect()
}

/// The open requests a producer was matched to, newest first, with its fit.
pub async fn matched_to(
    db: &impl ConnectionTrait,
    producer_id: i64,
    today: CalendarDate,
) -> Result<Vec<(buying_requests::Model, Fit)>, StoreError> {
    let matches = request_matches::Entity::find()
        .filter(request_matches::Column::ProducerId.eq(producer_id))
        .order_by_desc(request_matches::Column::RequestId)
        .limit(200)
        .all(db)
        .await?;
    let ids: Vec<i64> = matches.iter().map(|row| row.request_id).collect();
    let requests = buying_requests::Entity::find()
        .filter(buying_requests::Column::Id.is_in(ids))
        .filter(buying_requests::Column::Status.is_in([RequestStatus::Open.slug(), RequestStatus::Closed.slug()]))
        .filter(
            buying_requests::Column::Deadline
                .gte(naive(CalendarDate::from_days_since_epoch(today.days_since_epoch() - 30))?),
        )
        .order_by_desc(buying_requests::Column::Id)
        .all(db)
        .await?;
    requests
        .into_iter()
        .map(|request| {
            let fit = matches.iter().find(|row| row.request_id == request.id).map(|row| fit_of(&row.fit));
            Ok((request, fit.unwrap_or(Ok(Fit::Full))?))
        })
        .collect()
}

/// The conversation of the producer's direct quote on the request.
pub async fn quote_thread(
    db: &impl ConnectionTrait,
    request_id: i64,
    producer_id: i64,
) -> Result<Option<i64>, StoreError> {
    Ok(inquiries::Entity::find()
        .select_only()
        .column(inquiries::Column::Id)
        .filter(inquiries::Column::BuyingRequestId.eq(request_id))
        .filter(inquiries::Column::ProducerId.eq(producer_id))
        .into_tuple()
        .one(db)
        .await?)
}

/// The conversations of the request's direct quotes.
pub async fn quote_threads(db: &impl ConnectionTrait, request_id: i64) -> Result<Vec<inquiries::Model>, StoreError> {
    Ok(inquiries::Entity::find()
        .filter(inquiries::Column::BuyingRequestId.eq(request_id))
        .order_by_asc(inquiries::Column::Id)
        .all(db)
        .await?)
}

/// Quotes on buying requests the producer sent since `since` (direct ones;
/// a share of a pooled offer is not a quote of its own).
pub async fn quotes_since(
    db: &impl ConnectionTrait,
    producer_id: i64,
    since: DateTime<Utc>,
) -> Result<u32, StoreError> {
    let count = inquiries::Entity::find()
        .filter(inquiries::Column::ProducerId.eq(producer_id))
        .filter(inquiries::Column::BuyingRequestId.is_not_null())
        .filter(inquiries::Column::PooledOfferId.is_null())
        .filter(inquiries::Column::CreatedAt.gte(since))
        .count(db)
        .await?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

/// The published requests posted since `since` (for a regional office,
/// those matching a producer of its region) and the statuses of their
/// pooled offers: what the platform page counts.
pub async fn figures(
    db: &impl ConnectionTrait,
    region: Option<Region>,
    since: DateTime<Utc>,
) -> Result<(Vec<app::domain::PublishedRequest>, Vec<app::domain::OfferStatus>), StoreError> {
    use crate::entities::pooled_offers;
    let mut select = buying_requests::Entity::find()
        .filter(buying_requests::Column::Status.is_in([RequestStatus::Open.slug(), RequestStatus::Closed.slug()]))
        .filter(buying_requests::Column::CreatedAt.gte(since));
    if let Some(region) = region {
        select = select.filter(
            buying_requests::Column::Id.in_subquery(
                Query::select()
                    .column(request_matches::Column::RequestId)
                    .from(request_matches::Entity)
                    .inner_join(
                        producers::Entity,
                        Expr::col((producers::Entity, producers::Column::Id))
                            .equals((request_matches::Entity, request_matches::Column::ProducerId)),
                    )
                    .and_where(Expr::col((producers::Entity, producers::Column::Region)).eq(region.slug()))
                    .to_owned(),
            ),
        );
    }
    let rows: Vec<(i64, String, String, i32)> = select
        .select_only()
        .column(buying_requests::Column::Id)
        .column(buying_requests::Column::DestinationMarket)
        .column(buying_requests::Column::Sector)
        .column(buying_requests::Column::QuoteCount)
        .into_tuple()
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|(id, ..)| *id).collect();
    let mut requests = Vec::with_capacity(rows.len());
    for (_, market, sector, quotes) in rows {
        let (Some(market), Some(sector)) =
            (app::domain::WorldRegion::from_slug(&market), app::domain::Sector::from_slug(&sector))
        else {
            continue;
        };
        requests.push(app::domain::PublishedRequest { market, sector, quotes: u32::try_from(quotes).unwrap_or(0) });
    }
    let mut offers = Vec::new();
    for chunk in ids.chunks(500) {
        let statuses: Vec<String> = pooled_offers::Entity::find()
            .select_only()
            .column(pooled_offers::Column::Status)
            .filter(pooled_offers::Column::RequestId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        offers.extend(statuses.iter().filter_map(|slug| app::domain::OfferStatus::from_slug(slug)));
    }
    Ok((requests, offers))
}
