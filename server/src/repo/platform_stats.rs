//! The trade offices' platform overview as stored: the producers of an
//! office's regions as narrow rows, when each producer first published, and
//! the moderation counts (reviews asked, hidden listings). The grouping by
//! region and sector is `services::offices::platform`'s.

use std::collections::HashMap;

use app::domain::Region;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Select};

use crate::entities::{listings, producers};
use crate::error::StoreError;

/// The producers of `region` (every region for `None`).
fn producers_in(region: Option<Region>) -> Select<producers::Entity> {
    let mut select = producers::Entity::find();
    if let Some(region) = region {
        select = select.filter(producers::Column::Region.eq(region.slug()));
    }
    select
}

/// The ids of the producers of `region`, as a subquery (a list of ids could
/// pass the databases' limits on bound parameters).
fn producer_ids_in(region: Option<Region>) -> SelectStatement {
    let mut scoped = Query::select().column(producers::Column::Id).from(producers::Entity).to_owned();
    if let Some(region) = region {
        scoped.and_where(producers::Column::Region.eq(region.slug()));
    }
    scoped
}

/// Each producer of `region` as (id, region slug, verified, declared
/// sectors as a JSON array of slugs).
pub async fn producer_rows(
    db: &impl ConnectionTrait,
    region: Option<Region>,
) -> Result<Vec<(i64, String, bool, sea_orm::JsonValue)>, StoreError> {
    Ok(producers_in(region)
        .select_only()
        .columns([producers::Column::Id, producers::Column::Region, producers::Column::Verified])
        .column(producers::Column::Sectors)
        .into_tuple()
        .all(db)
        .await?)
}

/// When each producer's first listing was published.
pub async fn first_publications(db: &impl ConnectionTrait) -> Result<HashMap<i64, DateTime<Utc>>, StoreError> {
    let rows: Vec<(i64, Option<DateTime<Utc>>)> = listings::Entity::find()
        .select_only()
        .column(listings::Column::ProducerId)
        .column_as(listings::Column::PublishedAt.min(), "first")
        .filter(listings::Column::PublishedAt.is_not_null())
        .group_by(listings::Column::ProducerId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|(id, first)| Some((id, first?))).collect())
}

/// How many hidden producers of `region`, and hidden listings of its
/// producers, wait for the review their owners asked for.
pub async fn reviews_asked(db: &impl ConnectionTrait, region: Option<Region>) -> Result<u64, StoreError> {
    let hidden_producers = producers_in(region)
        .filter(producers::Column::HiddenAt.is_not_null())
        .filter(producers::Column::ReviewRequestedAt.is_not_null())
        .count(db)
        .await?;
    let hidden_listings = listings::Entity::find()
        .filter(listings::Column::ProducerId.in_subquery(producer_ids_in(region)))
        .filter(listings::Column::HiddenAt.is_not_null())
        .filter(listings::Column::ReviewRequestedAt.is_not_null())
        .count(db)
        .await?;
    Ok(hidden_producers + hidden_listings)
}

/// How many listings of the producers of `region` an office hides.
pub async fn hidden_listings(db: &impl ConnectionTrait, region: Option<Region>) -> Result<u64, StoreError> {
    Ok(listings::Entity::find()
        .filter(listings::Column::ProducerId.in_subquery(producer_ids_in(region)))
        .filter(listings::Column::HiddenAt.is_not_null())
        .count(db)
        .await?)
}
