//! Currencies a listing's price can be stated in, and money amounts kept in
//! minor units (centimes, cents) so no price is ever rounded by floating point.

use serde::{Deserialize, Serialize};

use super::Locale;
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
    /// Renders the range with two decimals and the ISO code in the reader's
    /// number style, e.g. `12.50–14.00 EUR` in English, `12,50–14,00 EUR` in
    /// French. Digits stay Latin in every language.
    pub fn format_amounts(&self, locale: Locale) -> Option<String> {
        match self {
            PriceRange::OnRequest => None,
            PriceRange::Range { min_minor, max_minor, currency } => Some(if min_minor == max_minor {
                format!("{} {}", format_minor(*min_minor, locale), currency.slug())
            } else {
                format!("{}–{} {}", format_minor(*min_minor, locale), format_minor(*max_minor, locale), currency.slug())
            }),
        }
    }
}

/// An amount with two decimals and its ISO code: `1,250.50 MAD` in English.
pub fn format_money(minor: i64, currency: Currency, locale: Locale) -> String {
    format!("{} {}", format_minor(minor, locale), currency.slug())
}

/// Digits grouped by thousands with `separator`: `12480` → `12,480`.
pub fn group_thousands(digits: &str, separator: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + 4);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push_str(separator);
        }
        grouped.push(digit);
    }
    grouped
}

fn format_minor(minor: i64, locale: Locale) -> String {
    let (group, decimal) = locale.number_marks();
    let cents = (minor % 100).abs();
    let grouped = group_thousands(&(minor / 100).abs().to_string(), group);
    let sign = if minor < 0 { "-" } else { "" };
    format!("{sign}{grouped}{decimal}{cents:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_ranges_with_grouping_and_two_decimals() {
        let range = PriceRange::Range { min_minor: 125_050, max_minor: 1_400_000, currency: Currency::Mad };
        assert_eq!(range.format_amounts(Locale::En).as_deref(), Some("1,250.50–14,000.00 MAD"));
        assert_eq!(range.format_amounts(Locale::Zh).as_deref(), Some("1,250.50–14,000.00 MAD"));
        assert_eq!(range.format_amounts(Locale::Pt).as_deref(), Some("1.250,50–14.000,00 MAD"));
        assert_eq!(range.format_amounts(Locale::Fr).as_deref(), Some("1\u{202F}250,50–14\u{202F}000,00 MAD"));
        let single = PriceRange::Range { min_minor: 999, max_minor: 999, currency: Currency::Usd };
        assert_eq!(single.format_amounts(Locale::Es).as_deref(), Some("9,99 USD"));
        assert_eq!(PriceRange::OnRequest.format_amounts(Locale::En), None);
        assert_eq!(format_money(-123_456_789, Currency::Eur, Locale::Ar), "-1.234.567,89 EUR");
    }
}
