//! What the deal pages show: the accepted terms, the steps so far with
//! who moved each, and the steps the reader may take next (from
//! `DealStatus::next_steps`, never decided by the page).

use serde::{Deserialize, Serialize};

use super::super::{CalendarDate, CountryCode, Currency, Incoterm, Quantity, Side};
use super::DealStatus;

/// The terms both sides agreed, from the accepted quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealCard {
    pub id: i64,
    /// The conversation the deal came from (it stays open for messages).
    pub inquiry_id: i64,
    pub status: DealStatus,
    pub product: String,
    pub quantity: Quantity,
    pub unit_price_minor: i64,
    pub currency: Currency,
    pub incoterm: Incoterm,
    pub named_place: String,
    pub lead_time_days: u32,
    /// The accepted quote's validity.
    pub valid_until: CalendarDate,
    pub agreed_on: CalendarDate,
    pub producer_name: String,
    pub producer_slug: String,
    pub buyer_name: String,
    pub buyer_country: Option<CountryCode>,
    pub destination_country: CountryCode,
}

impl DealCard {
    /// Quantity × unit price in minor units; `None` past what an `i64` holds.
    pub fn total_minor(&self) -> Option<i64> {
        i64::try_from(self.quantity.amount).ok()?.checked_mul(self.unit_price_minor)
    }
}

/// One step of a deal as it happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealStepLine {
    pub status: DealStatus,
    pub happened_on: CalendarDate,
    pub reference: Option<String>,
    pub note: String,
    /// Which side moved it.
    pub by: Side,
}

/// A deal as one side reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealPage {
    pub card: DealCard,
    pub side: Side,
    /// Oldest first; the first is the agreement itself.
    pub steps: Vec<DealStepLine>,
    /// What the reader may do next.
    pub next: Vec<DealStatus>,
    /// The day of the latest step (a new one cannot be earlier).
    pub last_on: CalendarDate,
    /// The day it counts as an export from, once it does.
    pub exported_on: Option<CalendarDate>,
    /// What the destination usually asks for this product.
    pub documents: Vec<super::super::DocumentRule>,
    /// The producer's region: its office is the one to ask.
    pub producer_region: super::super::Region,
}

/// One line of a list of deals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealLine {
    pub id: i64,
    pub status: DealStatus,
    pub product: String,
    /// The other side's name.
    pub counterpart: String,
    pub total_minor: Option<i64>,
    pub currency: Currency,
    pub last_on: CalendarDate,
    /// The next step is the reader's to take (cancelling aside).
    pub your_move: bool,
}

impl DealLine {
    /// Whether the reader on `side` is the one the deal waits for.
    pub fn waits_for(status: DealStatus, side: Side) -> bool {
        status.next_steps(side).into_iter().any(|step| step != DealStatus::Cancelled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Unit;

    #[test]
    fn the_total_is_exact_and_never_wraps() {
        let mut card = DealCard {
            id: 1,
            inquiry_id: 1,
            status: DealStatus::Agreed,
            product: "Faisceaux".into(),
            quantity: Quantity { amount: 2_000, unit: Unit::Piece },
            unit_price_minor: 1_850,
            currency: Currency::Usd,
            incoterm: Incoterm::Cif,
            named_place: "Santos".into(),
            lead_time_days: 30,
            valid_until: CalendarDate::parse("2027-01-05").unwrap(),
            agreed_on: CalendarDate::parse("2026-12-07").unwrap(),
            producer_name: "P".into(),
            producer_slug: "p".into(),
            buyer_name: "B".into(),
            buyer_country: None,
            destination_country: CountryCode::parse("BR").unwrap(),
        };
        assert_eq!(card.total_minor(), Some(3_700_000), "18.50 USD × 2,000 = 37,000.00 USD");
        card.quantity.amount = u64::MAX;
        assert_eq!(card.total_minor(), None);
    }

    #[test]
    fn a_deal_waits_for_the_side_whose_step_is_next() {
        assert!(DealLine::waits_for(DealStatus::Agreed, Side::Producer));
        assert!(!DealLine::waits_for(DealStatus::Agreed, Side::Buyer), "the buyer may only cancel");
        assert!(DealLine::waits_for(DealStatus::Shipped, Side::Buyer));
        assert!(!DealLine::waits_for(DealStatus::Received, Side::Buyer));
    }
}
