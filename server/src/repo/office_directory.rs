//! What the trade offices' lists read, whatever a producer's or a listing's
//! state: the producers list with its filters and page, their owners and
//! listing counts, one producer's listings, and the accounts found by
//! address. Which region an office sees and who may appoint are
//! `services::offices`' rules.

use std::collections::HashMap;

use app::domain::{OFFICE_PAGE_SIZE, ProducerState, Region, Role};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::visibility;
use crate::entities::{listings, producers, users};
use crate::error::StoreError;

/// `%text%` for a `LIKE`, with the pattern characters taken out.
fn like_pattern(text: &str) -> String {
    format!("%{}%", text.to_lowercase().replace(['\\', '%', '_'], ""))
}

/// One page (from 1) of the producers of `region` (every region for `None`)
/// whose trade or legal name contains `text` (any for an empty one), in
/// `state`, by trade name; and how many there are in all.
pub async fn producer_page(
    db: &impl ConnectionTrait,
    region: Option<Region>,
    text: &str,
    state: Option<ProducerState>,
    page: u64,
) -> Result<(u64, Vec<producers::Model>), StoreError> {
    let mut condition = Condition::all();
    if let Some(region) = region {
        condition = condition.add(producers::Column::Region.eq(region.slug()));
    }
    if !text.is_empty() {
        let pattern = like_pattern(text);
        condition = condition.add(
            Condition::any()
                .add(Expr::expr(Func::lower(Expr::col(producers::Column::TradeName))).like(pattern.clone()))
                .add(Expr::expr(Func::lower(Expr::col(producers::Column::LegalName))).like(pattern)),
        );
    }
    condition = match state {
        Some(ProducerState::Verified) => condition.add(producers::Column::Verified.eq(true)),
        Some(ProducerState::Unverified) => condition.add(producers::Column::Verified.eq(false)),
        Some(ProducerState::Hidden) => condition.add(producers::Column::HiddenAt.is_not_null()),
        Some(ProducerState::ReviewAsked) => condition
            .add(producers::Column::HiddenAt.is_not_null())
            .add(producers::Column::ReviewRequestedAt.is_not_null()),
        None => condition,
    };
    let select = producers::Entity::find().filter(condition);
    let total = select.clone().count(db).await?;
    let rows = select
        .order_by_asc(producers::Column::TradeName)
        .order_by_asc(producers::Column::Id)
        .offset(page.saturating_sub(1) * OFFICE_PAGE_SIZE)
        .limit(OFFICE_PAGE_SIZE)
        .all(db)
        .await?;
    Ok((total, rows))
}

/// The accounts `ids`, by id.
pub async fn owners(db: &impl ConnectionTrait, ids: Vec<i64>) -> Result<HashMap<i64, users::Model>, StoreError> {
    Ok(users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|user| (user.id, user))
        .collect())
}

/// How many listings, whatever their state, each producer of `ids` has
/// (producers without any are absent).
pub async fn listing_counts(db: &impl ConnectionTrait, ids: Vec<i64>) -> Result<HashMap<i64, i64>, StoreError> {
    super::producer::listing_counts(db, listings::Entity::find(), ids).await
}

/// Every listing of a producer, whatever its state, last changed first.
pub async fn listings_of(db: &impl ConnectionTrait, producer_id: i64) -> Result<Vec<listings::Model>, StoreError> {
    Ok(listings::Entity::find()
        .filter(listings::Column::ProducerId.eq(producer_id))
        .order_by_desc(listings::Column::UpdatedAt)
        .all(db)
        .await?)
}

/// The ids of a producer's listings that buyers may see (`visibility`).
pub async fn visible_listing_ids(db: &impl ConnectionTrait, producer_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(visibility::listings()
        .select_only()
        .column(listings::Column::Id)
        .filter(listings::Column::ProducerId.eq(producer_id))
        .into_tuple()
        .all(db)
        .await?)
}

/// The appointed people (organisers and administrators), by address, at
/// most `limit`.
pub async fn appointed(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<users::Model>, StoreError> {
    Ok(users::Entity::find()
        .filter(users::Column::Role.is_in([Role::Organiser.slug(), Role::Admin.slug()]))
        .order_by_asc(users::Column::Email)
        .limit(limit)
        .all(db)
        .await?)
}

/// The accounts whose address contains `email` (in any case), by address,
/// at most `limit`.
pub async fn accounts_matching(
    db: &impl ConnectionTrait,
    email: &str,
    limit: u64,
) -> Result<Vec<users::Model>, StoreError> {
    Ok(users::Entity::find()
        .filter(Expr::expr(Func::lower(Expr::col(users::Column::Email))).like(like_pattern(email)))
        .order_by_asc(users::Column::Email)
        .limit(limit)
        .all(db)
        .await?)
}
