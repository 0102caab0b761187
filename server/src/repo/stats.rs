//! Counts for the home, region and sector pages: listings by sector and by
//! region, producers by region and by sector.

use app::domain::{Count, Region, Sector};
use sea_orm::{ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter, QuerySelect};

use super::visibility;
use crate::entities::{listings, producers};
use crate::error::StoreError;

/// Published listings per value of `column`, for every value of the domain
/// type (zero when none), in the domain's display order.
async fn published_per<T: Copy>(
    db: &impl ConnectionTrait,
    column: listings::Column,
    all: &[T],
    slug_of: fn(T) -> &'static str,
) -> Result<Vec<Count<T>>, StoreError> {
    let rows: Vec<(String, i64)> = visibility::listings()
        .select_only()
        .column(column)
        .column_as(listings::Column::Id.count(), "n")
        .group_by(column)
        .into_tuple()
        .all(db)
        .await?;
    if let Some((unknown, _)) = rows.iter().find(|(slug, _)| !all.iter().any(|v| slug_of(*v) == slug)) {
        return Err(StoreError::Corrupt(format!("published listings with unknown {column:?} `{unknown}`")));
    }
    Ok(all
        .iter()
        .map(|value| Count {
            value: *value,
            listings: rows.iter().find(|(s, _)| s == slug_of(*value)).map_or(0, |(_, n)| (*n).max(0) as u64),
        })
        .collect())
}

pub async fn listings_per_sector(db: &impl ConnectionTrait) -> Result<Vec<Count<Sector>>, StoreError> {
    published_per(db, listings::Column::Sector, Sector::ALL, Sector::slug).await
}

pub async fn listings_per_region(db: &impl ConnectionTrait) -> Result<Vec<Count<Region>>, StoreError> {
    published_per(db, listings::Column::OriginRegion, Region::ALL, Region::slug).await
}

pub async fn producer_count(db: &impl ConnectionTrait, region: Option<Region>) -> Result<u64, StoreError> {
    let mut select = visibility::producers();
    if let Some(region) = region {
        select = select.filter(producers::Column::Region.eq(region.slug()));
    }
    Ok(select.count(db).await?)
}

/// Producers buyers may see with at least one visible listing in a sector.
pub async fn producers_in_sector(db: &impl ConnectionTrait, sector: Sector) -> Result<u64, StoreError> {
    let producers: Vec<i64> = visibility::listings()
        .select_only()
        .column(listings::Column::ProducerId)
        .filter(listings::Column::Sector.eq(sector.slug()))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    Ok(producers.len() as u64)
}
