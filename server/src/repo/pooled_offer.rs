//! Pooled offers and their members' shares, as stored. Who may build,
//! see or accept one is `services::requests::pooling`'s.

use app::domain::{OfferStatus, OfferTerms};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::buying_request::naive;
use crate::entities::{pooled_offer_shares, pooled_offers};
use crate::error::StoreError;

/// Who builds an offer: its lead producer, or an office acting as broker.
pub struct Builder {
    pub lead_producer_id: Option<i64>,
    pub broker_user_id: Option<i64>,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    request_id: i64,
    builder: Builder,
    terms: &OfferTerms,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let row = pooled_offers::ActiveModel {
        request_id: Set(request_id),
        lead_producer_id: Set(builder.lead_producer_id),
        broker_user_id: Set(builder.broker_user_id),
        status: Set(OfferStatus::Building.slug().to_owned()),
        currency: Set(terms.currency.slug().to_owned()),
        incoterm: Set(terms.incoterm.slug().to_owned()),
        named_place: Set(terms.named_place.clone()),
        valid_until: Set(naive(terms.valid_until)?),
        lead_time_days: Set(i32::try_from(terms.lead_time_days).unwrap_or(i32::MAX)),
        message: Set(terms.message.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

pub async fn lock(db: &impl ConnectionTrait, id: i64) -> Result<Option<pooled_offers::Model>, StoreError> {
    Ok(pooled_offers::Entity::find_by_id(id).lock_exclusive().one(db).await?)
}

/// The offers of a request, oldest first.
pub async fn of_request(db: &impl ConnectionTrait, request_id: i64) -> Result<Vec<pooled_offers::Model>, StoreError> {
    Ok(pooled_offers::Entity::find()
        .filter(pooled_offers::Column::RequestId.eq(request_id))
        .order_by_asc(pooled_offers::Column::Id)
        .limit(50)
        .all(db)
        .await?)
}

/// The request's offers in `statuses` that the producer leads or is a
/// member of, other than `except`.
pub async fn taking_part(
    db: &impl ConnectionTrait,
    request_id: i64,
    producer_id: i64,
    statuses: &[OfferStatus],
    except: Option<i64>,
) -> Result<u64, StoreError> {
    let mut select = pooled_offers::Entity::find()
        .filter(pooled_offers::Column::RequestId.eq(request_id))
        .filter(pooled_offers::Column::Status.is_in(statuses.iter().map(|status| status.slug())))
        .filter(
            Condition::any().add(pooled_offers::Column::LeadProducerId.eq(producer_id)).add(
                pooled_offers::Column::Id.in_subquery(
                    Query::select()
                        .column(pooled_offer_shares::Column::OfferId)
                        .from(pooled_offer_shares::Entity)
                        .and_where(Expr::col(pooled_offer_shares::Column::ProducerId).eq(producer_id))
                        .to_owned(),
                ),
            ),
        );
    if let Some(except) = except {
        select = select.filter(pooled_offers::Column::Id.ne(except));
    }
    Ok(select.count(db).await?)
}

/// Whether the producer leads an offer on the request still being built.
pub async fn leads_unsent(db: &impl ConnectionTrait, request_id: i64, producer_id: i64) -> Result<bool, StoreError> {
    let count = pooled_offers::Entity::find()
        .filter(pooled_offers::Column::RequestId.eq(request_id))
        .filter(pooled_offers::Column::LeadProducerId.eq(producer_id))
        .filter(pooled_offers::Column::Status.eq(OfferStatus::Building.slug()))
        .count(db)
        .await?;
    Ok(count > 0)
}

/// How many offers the request holds, whatever their state.
pub async fn count_of_request(db: &impl ConnectionTrait, request_id: i64) -> Result<u64, StoreError> {
    Ok(pooled_offers::Entity::find().filter(pooled_offers::Column::RequestId.eq(request_id)).count(db).await?)
}

/// Offers the producer led and sent since `since`: each counts against
/// its monthly quote allowance like a direct quote.
pub async fn led_since(db: &impl ConnectionTrait, producer_id: i64, since: DateTime<Utc>) -> Result<u32, StoreError> {
    let count = pooled_offers::Entity::find()
        .filter(pooled_offers::Column::LeadProducerId.eq(producer_id))
        .filter(pooled_offers::Column::SubmittedAt.gte(since))
        .count(db)
        .await?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

/// The shares of `offers`, in the order members joined.
pub async fn shares(db: &impl ConnectionTrait, offers: &[i64]) -> Result<Vec<pooled_offer_shares::Model>, StoreError> {
    Ok(pooled_offer_shares::Entity::find()
        .filter(pooled_offer_shares::Column::OfferId.is_in(offers.iter().copied()))
        .order_by_asc(pooled_offer_shares::Column::Id)
        .all(db)
        .await?)
}

/// Adds a member (not committed yet); whether it was not one already.
pub async fn add_member(
    db: &impl ConnectionTrait,
    offer_id: i64,
    producer_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let row = pooled_offer_shares::ActiveModel {
        offer_id: Set(offer_id),
        producer_id: Set(producer_id),
        created_at: Set(now),
        ..Default::default()
    };
    let inserted = pooled_offer_shares::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([pooled_offer_shares::Column::OfferId, pooled_offer_shares::Column::ProducerId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

/// A member commits (or changes) its share; whether it is a member.
pub async fn commit_share(
    db: &impl ConnectionTrait,
    offer_id: i64,
    producer_id: i64,
    (quantity, unit_price_minor): (u64, i64),
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let updated = pooled_offer_shares::Entity::update_many()
        .col_expr(pooled_offer_shares::Column::QuantityAmount, Expr::value(i64::try_from(quantity).unwrap_or(i64::MAX)))
        .col_expr(pooled_offer_shares::Column::UnitPriceMinor, Expr::value(unit_price_minor))
        .col_expr(pooled_offer_shares::Column::CommittedAt, Expr::value(now))
        .filter(pooled_offer_shares::Column::OfferId.eq(offer_id))
        .filter(pooled_offer_shares::Column::ProducerId.eq(producer_id))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// Drops the members that never committed (an offer is sent without them).
pub async fn drop_uncommitted(db: &impl ConnectionTrait, offer_id: i64) -> Result<(), StoreError> {
    pooled_offer_shares::Entity::delete_many()
        .filter(pooled_offer_shares::Column::OfferId.eq(offer_id))
        .filter(pooled_offer_shares::Column::CommittedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Moves an offer from `from` to `to`; whether it moved.
pub async fn set_status(
    db: &impl ConnectionTrait,
    id: i64,
    from: OfferStatus,
    to: OfferStatus,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let column = if to == OfferStatus::Submitted {
        pooled_offers::Column::SubmittedAt
    } else {
        pooled_offers::Column::DecidedAt
    };
    let updated = pooled_offers::Entity::update_many()
        .col_expr(pooled_offers::Column::Status, Expr::value(to.slug()))
        .col_expr(column, Expr::value(now))
        .filter(pooled_offers::Column::Id.eq(id))
        .filter(pooled_offers::Column::Status.eq(from.slug()))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// The conversation accepting the offer opened with a member.
pub async fn set_share_thread(db: &impl ConnectionTrait, share_id: i64, inquiry_id: i64) -> Result<(), StoreError> {
    pooled_offer_shares::Entity::update_many()
        .col_expr(pooled_offer_shares::Column::InquiryId, Expr::value(inquiry_id))
        .filter(pooled_offer_shares::Column::Id.eq(share_id))
        .exec(db)
        .await?;
    Ok(())
}
