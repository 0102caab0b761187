//! Verification requests, as stored. A producer has at most one pending
//! request: asking again while one waits replaces its content. The
//! producer's side of a decision (the badge and the confirmed ICE given or
//! taken back) is written here too. Who may decide is `services::offices`'
//! business.

use app::domain::{Region, VerificationClaim, VerificationState};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, Unchanged};

use crate::entities::{producers, verification_requests};
use crate::error::{StoreError, unique_as};

/// A request by id.
pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<verification_requests::Model>, StoreError> {
    Ok(verification_requests::Entity::find_by_id(id).one(db).await?)
}

/// The producer's latest request.
pub async fn latest_for(
    db: &impl ConnectionTrait,
    producer_id: i64,
) -> Result<Option<verification_requests::Model>, StoreError> {
    Ok(verification_requests::Entity::find()
        .filter(verification_requests::Column::ProducerId.eq(producer_id))
        .order_by_desc(verification_requests::Column::RequestedAt)
        .order_by_desc(verification_requests::Column::Id)
        .one(db)
        .await?)
}

/// Files a pending request for `producer` (or refreshes the one waiting),
/// and notes the documents on the producer.
pub async fn file(
    db: &impl ConnectionTrait,
    producer: &producers::Model,
    claim: &VerificationClaim,
    back_for_review: bool,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let waiting =
        latest_for(db, producer.id).await?.filter(|request| request.state == VerificationState::Pending.slug());
    let mut row = match waiting {
        Some(request) => verification_requests::ActiveModel::from(request),
        None => verification_requests::ActiveModel {
            producer_id: Set(producer.id),
            state: Set(VerificationState::Pending.slug().to_owned()),
            back_for_review: Set(back_for_review),
            ..Default::default()
        },
    };
    row.ice = Set(claim.ice.as_str().to_owned());
    row.registration_number = Set(claim.registration_number.clone());
    row.cooperative_approval = Set(claim.cooperative_approval.clone());
    row.legal_name = Set(producer.legal_name.chars().take(200).collect());
    row.requested_at = Set(now);
    row.save(db).await?;
    let mut producer_row = producers::ActiveModel::from(producer.clone());
    producer_row.registration_number = Set(Some(claim.registration_number.clone()));
    producer_row.cooperative_approval = Set(claim.cooperative_approval.clone());
    producer_row.update(db).await?;
    Ok(())
}

/// Pending requests with their producers, oldest first, in `region` (all
/// regions for `None`).
pub async fn pending_in(
    db: &impl ConnectionTrait,
    region: Option<Region>,
) -> Result<Vec<(verification_requests::Model, producers::Model)>, StoreError> {
    let mut producers_in =
        sea_orm::sea_query::Query::select().column(producers::Column::Id).from(producers::Entity).to_owned();
    if let Some(region) = region {
        producers_in.and_where(producers::Column::Region.eq(region.slug()));
    }
    let requests = verification_requests::Entity::find()
        .filter(verification_requests::Column::State.eq(VerificationState::Pending.slug()))
        .filter(verification_requests::Column::ProducerId.in_subquery(producers_in))
        .order_by_asc(verification_requests::Column::RequestedAt)
        .order_by_asc(verification_requests::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = requests.iter().map(|request| request.producer_id).collect();
    let found = producers::Entity::find().filter(producers::Column::Id.is_in(ids)).all(db).await?;
    Ok(requests
        .into_iter()
        .filter_map(|request| {
            let producer = found.iter().find(|p| p.id == request.producer_id)?.clone();
            Some((request, producer))
        })
        .collect())
}

/// Records the decision on a request still pending; `false` when another
/// decision came first (nothing changed).
pub async fn decide(
    db: &impl ConnectionTrait,
    request: verification_requests::Model,
    state: VerificationState,
    reason: Option<&str>,
    note: Option<&str>,
    by: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    use sea_orm::sea_query::Expr;
    let changed = verification_requests::Entity::update_many()
        .col_expr(verification_requests::Column::State, Expr::value(state.slug()))
        .col_expr(verification_requests::Column::Reason, Expr::value(reason.map(str::to_owned)))
        .col_expr(verification_requests::Column::Note, Expr::value(note.map(str::to_owned)))
        .col_expr(verification_requests::Column::DecidedAt, Expr::value(Some(now)))
        .col_expr(verification_requests::Column::DecidedBy, Expr::value(Some(by)))
        .filter(verification_requests::Column::Id.eq(request.id))
        .filter(verification_requests::Column::State.eq(VerificationState::Pending.slug()))
        .exec(db)
        .await?;
    Ok(changed.rows_affected == 1)
}

/// Verifies the producer: `ice` becomes its confirmed ICE (and the declared
/// one), the badge shows; `updated_at` becomes `now`. An ICE another producer
/// holds is `Conflict { field: "ice" }`.
pub async fn approve_producer(
    db: &impl ConnectionTrait,
    producer_id: i64,
    ice: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    producers::ActiveModel {
        id: Unchanged(producer_id),
        verified: Set(true),
        ice: Set(Some(ice.to_owned())),
        declared_ice: Set(Some(ice.to_owned())),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await
    .map_err(|e| unique_as(e, "ice"))?;
    Ok(())
}

/// Takes the badge and the confirmed ICE from a producer (the declared ICE
/// stays); returns the producer's row as it now is.
pub async fn withdraw_badge(db: &impl ConnectionTrait, producer_id: i64) -> Result<producers::Model, StoreError> {
    Ok(producers::ActiveModel {
        id: Unchanged(producer_id),
        verified: Set(false),
        ice: Set(None),
        ..Default::default()
    }
    .update(db)
    .await?)
}

/// The verified producer other than `except` that holds `ice`.
pub async fn ice_holder(
    db: &impl ConnectionTrait,
    ice: &str,
    except: i64,
) -> Result<Option<producers::Model>, StoreError> {
    Ok(producers::Entity::find()
        .filter(producers::Column::Ice.eq(ice))
        .filter(producers::Column::Id.ne(except))
        .one(db)
        .await?)
}
