//! The exchange rates the national trade team keeps, as stored: one dated
//! rate per currency in dirhams, read whole by the quote comparison.

use app::domain::{ExchangeRates, RateLine};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder, Set};

use super::buying_request::{calendar, naive};
use super::convert;
use crate::entities::exchange_rates;
use crate::error::StoreError;

/// The rates the national trade team keeps.
pub async fn rates(db: &impl ConnectionTrait) -> Result<ExchangeRates, StoreError> {
    let rows = exchange_rates::Entity::find().order_by_asc(exchange_rates::Column::Currency).all(db).await?;
    let lines = rows
        .into_iter()
        .map(|row| {
            Ok(RateLine {
                currency: convert::slug(&row.currency, app::domain::Currency::from_slug, "currency")?,
                mad_per_unit: row.mad_per_unit,
                as_of: calendar(row.as_of)?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(ExchangeRates { lines })
}

/// Sets one currency's rate.
pub async fn set_rate(
    db: &impl ConnectionTrait,
    line: &RateLine,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let row = exchange_rates::ActiveModel {
        currency: Set(line.currency.slug().to_owned()),
        mad_per_unit: Set(line.mad_per_unit),
        as_of: Set(naive(line.as_of)?),
        updated_by: Set(by),
        updated_at: Set(now),
        ..Default::default()
    };
    exchange_rates::Entity::insert(row)
        .on_conflict(
            OnConflict::column(exchange_rates::Column::Currency)
                .update_columns([
                    exchange_rates::Column::MadPerUnit,
                    exchange_rates::Column::AsOf,
                    exchange_rates::Column::UpdatedBy,
                    exchange_rates::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
