//! The forms of a pooled offer: the terms its lead sets for everyone (one
//! currency, Incoterm and place, validity, lead time, a message), and each
//! member's share (a quantity in the request's unit at a price in the
//! offer's currency). Checked the same way in the browser and on the server.

use serde::{Deserialize, Serialize};

use super::super::inquiry::{LEAD_TIME_MAX_DAYS, MESSAGE_MAX_CHARS, QUOTE_MAX_VALIDITY_DAYS};
use super::super::profile::{PLACE_MAX_CHARS, optional_line, optional_number, optional_slug};
use super::super::{AppError, CalendarDate, Currency, Incoterm, parse_price_minor, text};

/// Members of one pooled offer, at most (its lead included).
pub const MAX_OFFER_MEMBERS: usize = 12;

/// Pooled offers one request holds, at most, whatever their state: each
/// sent one takes a quote place, and building ones mail their invitees.
pub const MAX_OFFERS_PER_REQUEST: usize = 20;

/// The lead's form, field for field as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferForm {
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub incoterm: String,
    #[serde(default)]
    pub named_place: String,
    #[serde(default)]
    pub valid_until: String,
    #[serde(default)]
    pub lead_time_days: String,
    #[serde(default)]
    pub message: String,
}

/// Checked terms of a pooled offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferTerms {
    pub currency: Currency,
    pub incoterm: Incoterm,
    pub named_place: String,
    pub valid_until: CalendarDate,
    pub lead_time_days: u32,
    pub message: String,
}

impl OfferForm {
    /// Checks the terms; the offer stays valid from `today` for at most
    /// `QUOTE_MAX_VALIDITY_DAYS`, like a quote.
    pub fn validate(&self, today: CalendarDate) -> Result<OfferTerms, AppError> {
        let currency = optional_slug("currency", &self.currency, Currency::from_slug)?
            .ok_or_else(|| AppError::invalid("currency", "invalid.required"))?;
        let incoterm = optional_slug("incoterm", &self.incoterm, Incoterm::from_slug)?
            .ok_or_else(|| AppError::invalid("incoterm", "invalid.required"))?;
        let named_place = optional_line("named_place", &self.named_place, PLACE_MAX_CHARS)?
            .ok_or_else(|| AppError::invalid("named_place", "invalid.required"))?;
        let valid_until =
            CalendarDate::parse(&self.valid_until).ok_or_else(|| AppError::invalid("valid_until", "invalid.date"))?;
        if valid_until < today || valid_until.days_after(today) > QUOTE_MAX_VALIDITY_DAYS {
            return Err(AppError::invalid("valid_until", "invalid.quote_validity"));
        }
        let lead_time_days = optional_number::<u32>("lead_time_days", &self.lead_time_days, 1..=LEAD_TIME_MAX_DAYS)?
            .ok_or_else(|| AppError::invalid("lead_time_days", "invalid.required"))?;
        let message = text::multi_line("message", &self.message, MESSAGE_MAX_CHARS)?;
        Ok(OfferTerms { currency, incoterm, named_place, valid_until, lead_time_days, message })
    }
}

/// A member's share as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareForm {
    #[serde(default)]
    pub quantity: String,
    #[serde(default)]
    pub unit_price: String,
}

impl ShareForm {
    /// (quantity, unit price in minor units): both positive.
    pub fn validate(&self) -> Result<(u64, i64), AppError> {
        let quantity = optional_number::<u64>("quantity", &self.quantity, 1..=1_000_000_000_000)?
            .ok_or_else(|| AppError::invalid("quantity", "invalid.required"))?;
        let price = parse_price_minor(&self.unit_price)
            .filter(|minor| *minor > 0)
            .ok_or_else(|| AppError::invalid("unit_price", "invalid.price"))?;
        Ok((quantity, price))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> CalendarDate {
        CalendarDate::parse("2026-12-07").expect("a date")
    }

    #[test]
    fn an_offer_has_its_terms_and_a_share_its_quantity_and_price() {
        let form = OfferForm {
            currency: "USD".into(),
            incoterm: "CIF".into(),
            named_place: "Santos".into(),
            valid_until: "2027-01-31".into(),
            lead_time_days: "45".into(),
            message: "Trois coopératives du Souss-Massa.".into(),
        };
        let terms = form.validate(today()).expect("valid");
        assert_eq!((terms.currency, terms.lead_time_days), (Currency::Usd, 45));
        let field = |form: OfferForm| match form.validate(today()) {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("refused expected, got {other:?}"),
        };
        assert_eq!(field(OfferForm { currency: String::new(), ..form.clone() }), "currency");
        assert_eq!(field(OfferForm { valid_until: "2026-12-01".into(), ..form.clone() }), "valid_until");
        assert_eq!(field(OfferForm { named_place: " ".into(), ..form.clone() }), "named_place");
        assert_eq!(ShareForm { quantity: "8000".into(), unit_price: "17,00".into() }.validate(), Ok((8_000, 1_700)));
        assert!(ShareForm { quantity: "0".into(), unit_price: "17".into() }.validate().is_err());
        assert!(ShareForm { quantity: "10".into(), unit_price: "0".into() }.validate().is_err());
    }
}
