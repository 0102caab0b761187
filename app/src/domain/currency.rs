//! Currencies a listing's price can be stated in, and money amounts kept in
//! minor units (centimes, cents) so no price is ever rounded by floating point.

use serde::{Deserialize, Serialize};

use super::slug_enum::slug_enum;

slug_enum! {
    /// ISO 4217 currency a producer may price in.
    Currency, "currency" {
        Mad => "MAD",
        Eur => "EUR",
        Usd => "USD",
    }
}

/// A price range per unit, or "price on request".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PriceRange {
    /// The producer prefers to quote per inquiry.
    OnRequest,
    /// From `min` to `max` minor units per unit of sale (`max` may equal `min`).
    Range { min_minor: i64, max_minor: i64, currency: Currency },
}

impl PriceRange {
    /// Renders the range with two decimals and the ISO code, e.g. `12.50–14.00 EUR`.
    /// Amounts are written with Latin digits in every language: they are codes a
    /// buyer copies into a quote.
    pub fn format_amounts(&self) -> Option<String> {
        match self {
            PriceRange::OnRequest => None,
            PriceRange::Range { min_minor, max_minor, currency } => Some(if min_minor == max_minor {
                format!("{} {}", format_minor(*min_minor), currency.slug())
            } else {
                format!("{}–{} {}", format_minor(*min_minor), format_minor(*max_minor), currency.slug())
            }),
        }
    }
}

/// An amount with two decimals and its ISO code: `1,250.50 MAD`.
pub fn format_money(minor: i64, currency: Currency) -> String {
    format!("{} {}", format_minor(minor), currency.slug())
}

fn format_minor(minor: i64) -> String {
    let units = minor / 100;
    let cents = (minor % 100).abs();
    let mut grouped = String::new();
    let digits = units.abs().to_string();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if minor < 0 { "-" } else { "" };
    format!("{sign}{grouped}.{cents:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_ranges_with_grouping_and_two_decimals() {
        let range = PriceRange::Range { min_minor: 125_050, max_minor: 1_400_000, currency: Currency::Mad };
        assert_eq!(range.format_amounts().as_deref(), Some("1,250.50–14,000.00 MAD"));
        let single = PriceRange::Range { min_minor: 999, max_minor: 999, currency: Currency::Usd };
        assert_eq!(single.format_amounts().as_deref(), Some("9.99 USD"));
        assert_eq!(PriceRange::OnRequest.format_amounts(), None);
    }
}
