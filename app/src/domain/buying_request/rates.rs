//! Exchange rates the national trade team keeps, dated, so a buyer
//! compares quotes made in different currencies in its own. Rates are
//! stated as dirhams per unit, scaled by `RATE_SCALE` (integers: no price
//! is ever rounded by floating point); a converted amount is rounded to the
//! nearest minor unit and always shown as an estimate with the rates' date.

use serde::{Deserialize, Serialize};

use super::super::{CalendarDate, Currency};

/// Rates are millionths of a dirham per unit.
pub const RATE_SCALE: i64 = 1_000_000;

/// One currency's rate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLine {
    pub currency: Currency,
    /// Dirhams per unit × `RATE_SCALE` (EUR at 10.85 MAD: 10_850_000).
    pub mad_per_unit: i64,
    pub as_of: CalendarDate,
}

/// The kept rates.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeRates {
    pub lines: Vec<RateLine>,
}

impl ExchangeRates {
    fn mad_per_unit(&self, currency: Currency) -> Option<i64> {
        if currency == Currency::Mad {
            return Some(RATE_SCALE);
        }
        self.lines.iter().find(|line| line.currency == currency).map(|line| line.mad_per_unit)
    }

    /// `minor` units of `from` in minor units of `to`, rounded half away
    /// from zero; `None` when a rate is missing.
    pub fn convert(&self, minor: i64, from: Currency, to: Currency) -> Option<i64> {
        if from == to {
            return Some(minor);
        }
        let numerator = i128::from(minor) * i128::from(self.mad_per_unit(from)?);
        let denominator = i128::from(self.mad_per_unit(to)?);
        if denominator <= 0 {
            return None;
        }
        let rounded = (2 * numerator + denominator * numerator.signum()) / (2 * denominator);
        i64::try_from(rounded).ok()
    }

    /// The oldest date among the rates a conversion used (what the page shows).
    pub fn as_of(&self) -> Option<CalendarDate> {
        self.lines.iter().map(|line| line.as_of).min()
    }
}

/// Reads a rate typed as a decimal number of dirhams (`10.85` or `10,85`,
/// up to six decimals); `None` when it is not a positive number.
pub fn parse_rate(text: &str) -> Option<i64> {
    let text = text.trim().replace(',', ".");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    if whole.is_empty() || fraction.len() > 6 || !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok().filter(|w: &i64| *w < 1_000_000)?;
    let fraction: i64 = format!("{fraction:0<6}").parse().ok()?;
    let rate = whole * RATE_SCALE + fraction;
    (rate > 0).then_some(rate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rates() -> ExchangeRates {
        let as_of = CalendarDate::parse("2026-12-01").expect("a date");
        ExchangeRates {
            lines: vec![
                RateLine { currency: Currency::Eur, mad_per_unit: 10_850_000, as_of },
                RateLine { currency: Currency::Usd, mad_per_unit: 9_950_000, as_of },
            ],
        }
    }

    #[test]
    fn amounts_convert_through_the_dirham_and_round_to_the_cent() {
        assert_eq!(rates().convert(1_000, Currency::Eur, Currency::Mad), Some(10_850), "10 EUR = 108.50 MAD");
        assert_eq!(rates().convert(10_850, Currency::Mad, Currency::Eur), Some(1_000));
        // 18.50 USD = 184.075 MAD = 16.965 EUR → 16.97.
        assert_eq!(rates().convert(1_850, Currency::Usd, Currency::Eur), Some(1_697));
        assert_eq!(rates().convert(1_850, Currency::Usd, Currency::Usd), Some(1_850));
        assert_eq!(ExchangeRates::default().convert(100, Currency::Usd, Currency::Eur), None, "no rate kept");
    }

    #[test]
    fn a_typed_rate_is_a_positive_decimal() {
        assert_eq!(parse_rate("10.85"), Some(10_850_000));
        assert_eq!(parse_rate("9,950001"), Some(9_950_001));
        assert_eq!(parse_rate("0"), None);
        assert_eq!(parse_rate("-1"), None);
        assert_eq!(parse_rate("1.1234567"), None);
        assert_eq!(parse_rate("ten"), None);
    }
}
