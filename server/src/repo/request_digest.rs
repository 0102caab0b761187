//! Which matches the daily digest of buying requests still has to name,
//! and marking them named. The request's "takes quotes" rule is
//! `RequestStatus::effective`, said here in SQL as in `take_quote_place`.

use app::domain::{CalendarDate, MAX_QUOTES, RequestStatus};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::buying_request::naive;
use crate::entities::{buying_requests, request_matches};
use crate::error::StoreError;

/// Producers with matches no digest named yet on requests still taking
/// quotes, and no digest in the last day: (producer, its new matches),
/// from at most `batch` matches (the rest wait for the next run).
pub async fn digests_due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    today: CalendarDate,
    batch: u64,
) -> Result<Vec<(i64, Vec<i64>)>, StoreError> {
    let open = Query::select()
        .column(buying_requests::Column::Id)
        .from(buying_requests::Entity)
        .and_where(Expr::col(buying_requests::Column::Status).eq(RequestStatus::Open.slug()))
        .and_where(Expr::col(buying_requests::Column::Deadline).gte(naive(today)?))
        .and_where(Expr::col(buying_requests::Column::QuoteCount).lt(MAX_QUOTES as i32))
        .to_owned();
    // Producers a digest reached in the last day wait, in the query itself,
    // so they never fill the batch and starve the others.
    let recent = Query::select()
        .column(request_matches::Column::ProducerId)
        .from(request_matches::Entity)
        .and_where(Expr::col(request_matches::Column::NotifiedAt).gt(now - chrono::Duration::hours(24)))
        .to_owned();
    let pending = request_matches::Entity::find()
        .filter(request_matches::Column::NotifiedAt.is_null())
        .filter(request_matches::Column::RequestId.in_subquery(open))
        .filter(request_matches::Column::ProducerId.not_in_subquery(recent))
        .order_by_asc(request_matches::Column::ProducerId)
        .order_by_asc(request_matches::Column::RequestId)
        .limit(batch)
        .all(db)
        .await?;
    let mut due: Vec<(i64, Vec<i64>)> = Vec::new();
    for row in pending {
        match due.last_mut() {
            Some((producer, requests)) if *producer == row.producer_id => requests.push(row.request_id),
            _ => due.push((row.producer_id, vec![row.request_id])),
        }
    }
    Ok(due)
}

/// Marks the producer's matches to `requests` as named by a digest.
pub async fn mark_notified(
    db: &impl ConnectionTrait,
    producer_id: i64,
    requests: &[i64],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    request_matches::Entity::update_many()
        .col_expr(request_matches::Column::NotifiedAt, Expr::value(now))
        .filter(request_matches::Column::ProducerId.eq(producer_id))
        .filter(request_matches::Column::RequestId.is_in(requests.iter().copied()))
        .filter(request_matches::Column::NotifiedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
