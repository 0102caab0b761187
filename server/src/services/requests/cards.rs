//! A stored request as its card: what was asked, days left, how many
//! quotes arrived, and the status readers see (`RequestStatus::effective`).
//! Never who asked: the card has no field for it.

use app::domain::{
    CalendarDate, Certification, CountryCode, Currency, Incoterm, Locale, OriginLabel, Quantity, RequestCard,
    RequestStatus, RequestVisibility, Sector, Unit,
};

use crate::entities::buying_requests;
use crate::error::StoreError;
use crate::repo::buying_request::calendar;
use crate::repo::convert;

pub fn status_of(row: &buying_requests::Model) -> Result<RequestStatus, StoreError> {
    convert::slug(&row.status, RequestStatus::from_slug, "request status")
}

/// The status readers see on `today` (closed once past the deadline or
/// full), the one every rule on a request's state reads.
pub fn effective_status(row: &buying_requests::Model, today: CalendarDate) -> Result<RequestStatus, StoreError> {
    let quotes = u32::try_from(row.quote_count).unwrap_or(0);
    Ok(status_of(row)?.effective(calendar(row.deadline)?, quotes, today))
}

pub fn card(row: &buying_requests::Model, today: CalendarDate, locale: Locale) -> Result<RequestCard, StoreError> {
    let deadline = calendar(row.deadline)?;
    let quotes = u32::try_from(row.quote_count).unwrap_or(0);
    let concepts = convert::strings(&row.concepts)?;
    let understood = super::matching::understood_as(&concepts, locale.code());
    let target_price = match (row.target_price_minor, row.currency.as_deref()) {
        (Some(minor), Some(code)) => Some((minor, convert::slug(code, Currency::from_slug, "currency")?)),
        _ => None,
    };
    Ok(RequestCard {
        id: row.id,
        product: row.product.clone(),
        hs_code: row.hs_code.clone().or_else(|| understood.as_ref().and_then(|(_, hs)| hs.clone())),
        understood_as: understood.map(|(name, _)| name),
        sector: convert::slug(&row.sector, Sector::from_slug, "sector")?,
        quantity: Quantity {
            amount: u64::try_from(row.quantity_amount).unwrap_or(0),
            unit: convert::slug(&row.quantity_unit, Unit::from_slug, "unit")?,
        },
        target_price,
        incoterm: row
            .incoterm
            .as_deref()
            .map(|code| convert::slug(code, Incoterm::from_slug, "incoterm"))
            .transpose()?,
        destination_country: CountryCode::parse(&row.destination_country)
            .map_err(|_| StoreError::Corrupt(format!("request {}: country {}", row.id, row.destination_country)))?,
        certifications: convert::slug_list(&row.certifications, Certification::from_slug, "certification")?,
        origin_labels: convert::slug_list(&row.origin_labels, OriginLabel::from_slug, "origin label")?,
        wanted_by: row.wanted_by.map(calendar).transpose()?,
        deadline,
        days_left: deadline.days_after(today).max(0),
        quotes,
        status: effective_status(row, today)?,
        visibility: convert::slug(&row.visibility, RequestVisibility::from_slug, "request visibility")?,
        posted_on: calendar(row.created_at.date_naive())?,
        details: row.details.clone(),
    })
}
