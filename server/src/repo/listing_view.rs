//! Listing views as counted (`listing_views`) and the grouped counts the
//! producer insights read. A view arrives here already deduplicated and
//! stripped to what is kept: listing, day and country.

use std::collections::HashMap;

use app::domain::{Counted, CountryCode, InquiryStatus};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::entities::{inquiries, listing_views, listings, producer_view_months};
use crate::error::StoreError;

/// The country column's value when the country is unknown.
pub const UNKNOWN_COUNTRY: &str = "ZZ";

/// Views of one listing on one day from one country.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ViewKey {
    pub listing_id: i64,
    pub day: NaiveDate,
    pub country: Option<CountryCode>,
}

/// Adds the views, and to the producers' monthly roll-up; listings that no
/// longer exist are skipped. Returns how many views were written. Callers
/// write in one transaction or accept that a failure between the two
/// leaves the roll-up short (the view counter writes through the pool: a
/// failed flush is retried whole, see `http::listing_views`).
pub async fn add(db: &impl ConnectionTrait, views: &HashMap<ViewKey, u64>) -> Result<u64, StoreError> {
    if views.is_empty() {
        return Ok(0);
    }
    let mut ids: Vec<i64> = views.keys().map(|key| key.listing_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let producers: HashMap<i64, i64> = listings::Entity::find()
        .select_only()
        .column(listings::Column::Id)
        .column(listings::Column::ProducerId)
        .filter(listings::Column::Id.is_in(ids))
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let rows: Vec<listing_views::ActiveModel> = views
        .iter()
        .filter_map(|(key, count)| {
            let producer_id = *producers.get(&key.listing_id)?;
            Some(listing_views::ActiveModel {
                listing_id: Set(key.listing_id),
                day: Set(key.day),
                country: Set(key.country.map_or(UNKNOWN_COUNTRY, CountryCode::as_str).to_owned()),
                producer_id: Set(producer_id),
                month: Set(key.day.format("%Y-%m").to_string()),
                views: Set(i64::try_from(*count).unwrap_or(i64::MAX)),
            })
        })
        .collect();
    let written: u64 = rows.iter().map(|row| u64::try_from(row.views.clone().unwrap()).unwrap_or(0)).sum();
    // The roll-up by producer, month and country, in the same statements' order.
    let mut months: HashMap<(i64, String, String), i64> = HashMap::new();
    for row in &rows {
        let key = (row.producer_id.clone().unwrap(), row.month.clone().unwrap(), row.country.clone().unwrap());
        *months.entry(key).or_default() += row.views.clone().unwrap();
    }
    let rollup: Vec<producer_view_months::ActiveModel> = months
        .into_iter()
        .map(|((producer_id, month, country), views)| producer_view_months::ActiveModel {
            producer_id: Set(producer_id),
            month: Set(month),
            country: Set(country),
            views: Set(views),
        })
        .collect();
    // Bounded statements: SQLite allows 32,766 bound values (6 per row).
    for chunk in rows.chunks(1_000) {
        listing_views::Entity::insert_many(chunk.to_vec())
            .on_conflict(
                OnConflict::columns([
                    listing_views::Column::ListingId,
                    listing_views::Column::Day,
                    listing_views::Column::Country,
                ])
                .value(
                    listing_views::Column::Views,
                    Expr::col((listing_views::Entity, listing_views::Column::Views)).add(Expr::cust("excluded.views")),
                )
                .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    for chunk in rollup.chunks(1_000) {
        producer_view_months::Entity::insert_many(chunk.to_vec())
            .on_conflict(
                OnConflict::columns([
                    producer_view_months::Column::ProducerId,
                    producer_view_months::Column::Month,
                    producer_view_months::Column::Country,
                ])
                .value(
                    producer_view_months::Column::Views,
                    Expr::col((producer_view_months::Entity, producer_view_months::Column::Views))
                        .add(Expr::cust("excluded.views")),
                )
                .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(written)
}

fn country_of(code: &str) -> Option<CountryCode> {
    if code == UNKNOWN_COUNTRY { None } else { CountryCode::parse(code).ok() }
}

/// A producer's views from the month `from_month` (`YYYY-MM`) on, by month
/// and country (read from the roll-up).
pub async fn views_by_month(
    db: &impl ConnectionTrait,
    producer_id: i64,
    from_month: &str,
) -> Result<Vec<Counted>, StoreError> {
    let rows: Vec<(String, String, i64)> = producer_view_months::Entity::find()
        .select_only()
        .column(producer_view_months::Column::Month)
        .column(producer_view_months::Column::Country)
        .column(producer_view_months::Column::Views)
        .filter(producer_view_months::Column::ProducerId.eq(producer_id))
        .filter(producer_view_months::Column::Month.gte(from_month))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(month, country, views)| Counted {
            month,
            country: country_of(&country),
            count: u64::try_from(views).unwrap_or(0),
        })
        .collect())
}

/// A producer's delivered inquiries since `since` (spam left out), counted
/// by month and the buyer's country.
pub async fn inquiries_by_month(
    db: &impl ConnectionTrait,
    producer_id: i64,
    since: DateTime<Utc>,
) -> Result<Vec<Counted>, StoreError> {
    delivered_by_month(db, inquiries::Column::ProducerId.eq(producer_id), since).await
}

/// The delivered inquiries since `since` to the producers of `region` (all
/// producers for `None`), counted by month and the buyer's country: a trade
/// office's platform view.
pub async fn inquiries_by_month_in(
    db: &impl ConnectionTrait,
    region: Option<app::domain::Region>,
    since: DateTime<Utc>,
) -> Result<Vec<Counted>, StoreError> {
    let to = match region {
        None => sea_orm::Condition::all(),
        Some(region) => sea_orm::Condition::all().add(
            inquiries::Column::ProducerId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(crate::entities::producers::Column::Id)
                    .from(crate::entities::producers::Entity)
                    .and_where(crate::entities::producers::Column::Region.eq(region.slug()))
                    .to_owned(),
            ),
        ),
    };
    delivered_by_month(db, to, since).await
}

async fn delivered_by_month(
    db: &impl ConnectionTrait,
    to: impl sea_orm::sea_query::IntoCondition,
    since: DateTime<Utc>,
) -> Result<Vec<Counted>, StoreError> {
    let rows: Vec<(Option<DateTime<Utc>>, Option<String>)> = inquiries::Entity::find()
        .select_only()
        .column(inquiries::Column::DeliveredAt)
        .column(inquiries::Column::BuyerCountry)
        .filter(to)
        .filter(inquiries::Column::DeliveredAt.gte(since))
        .filter(inquiries::Column::Status.ne(InquiryStatus::Spam.slug()))
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: HashMap<(String, Option<CountryCode>), u64> = HashMap::new();
    for (delivered, country) in rows {
        let Some(delivered) = delivered else { continue };
        let country = country.as_deref().and_then(country_of);
        *counts.entry((delivered.format("%Y-%m").to_string(), country)).or_default() += 1;
    }
    Ok(counts.into_iter().map(|((month, country), count)| Counted { month, country, count }).collect())
}
