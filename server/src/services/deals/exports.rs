//! The exports the trade offices count, and a producer its own: every
//! shipped deal read through `export_day` (received, or shipped more than
//! `UNCONFIRMED_SHIPMENT_DAYS` ago without the buyer's word), counted for
//! the producer's region and the buyer's country (the destination when the
//! buyer keeps none), valued in dirhams at the rates the national team keeps.

use app::domain::{CalendarDate, CountedExport, CountryCode, Currency, DealStatus, Region, export_day};
use sea_orm::ConnectionTrait;

use crate::error::StoreError;
use crate::repo::buying_request::calendar;
use crate::repo::convert;

/// Whose exports: a region's producers (every producer for `None`), or one producer's.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    Regions(Option<Region>),
    Producer(i64),
}

pub async fn counted(
    db: &impl ConnectionTrait,
    scope: Scope,
    today: CalendarDate,
) -> Result<Vec<CountedExport>, StoreError> {
    let mut rows = crate::repo::deal::shipped(db).await?;
    if let Scope::Producer(producer_id) = scope {
        rows.retain(|row| row.producer_id == producer_id);
    }
    let quote_ids: Vec<i64> = rows.iter().map(|row| row.quote_message_id).collect();
    let quotes = crate::repo::inquiry::quotes_by_messages(db, &quote_ids).await?;
    let producer_ids: Vec<i64> = rows.iter().map(|row| row.producer_id).collect();
    let producers = crate::repo::producer::by_ids(db, &producer_ids).await?;
    let buyer_ids: Vec<i64> = rows.iter().map(|row| row.buyer_user_id).collect();
    let buyers = crate::repo::buyer_profile::names(db, &buyer_ids).await?;
    let first_published = crate::repo::platform_stats::first_publications(db).await?;
    let rates = crate::repo::exchange_rate::rates(db).await?;
    let mut counted = Vec::new();
    for row in rows {
        let status = convert::slug(&row.status, DealStatus::from_slug, "deal status")?;
        let Some(exported_on) = export_day(status, row.shipped_on.map(calendar).transpose()?, today) else { continue };
        let Some(producer) = producers.iter().find(|producer| producer.id == row.producer_id) else { continue };
        let region = convert::slug(&producer.region, Region::from_slug, "region")?;
        if let Scope::Regions(Some(own)) = scope
            && own != region
        {
            continue;
        }
        let Some(quote) = quotes.iter().find(|quote| quote.message_id == row.quote_message_id) else { continue };
        let country = match buyers.get(&row.buyer_user_id).and_then(|(_, country)| *country) {
            Some(country) => country,
            None => {
                let inquiry = crate::repo::inquiry::by_id(db, row.inquiry_id).await?;
                let Some(inquiry) = inquiry else { continue };
                CountryCode::parse(&inquiry.destination_country)
                    .map_err(|_| StoreError::Corrupt(format!("deal {}: country", row.id)))?
            }
        };
        let currency = convert::slug(&quote.currency, Currency::from_slug, "currency")?;
        let total = quote.quantity_amount.checked_mul(quote.unit_price_minor);
        counted.push(CountedExport {
            producer_id: row.producer_id,
            region,
            country,
            exported_on,
            value_mad_minor: total.and_then(|total| rates.convert(total, currency, Currency::Mad)),
            first_listing_on: first_published.get(&row.producer_id).map(|at| calendar(at.date_naive())).transpose()?,
        });
    }
    Ok(counted)
}
