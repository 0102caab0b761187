//! How many buying requests a producer may quote on in a calendar month.
//! Quotes are capped so a request's ten places go to producers who answer
//! buyers, not to whoever quotes on everything first; the allowance grows
//! with the producer's response rate (`ResponseMetrics`, the same numbers
//! its public pages show). A producer too new to have a rate gets the base.

use super::super::ResponseMetrics;

/// The allowance of a producer without a response rate yet, or a poor one.
pub const ALLOWANCE_BASE: u32 = 5;
/// The allowance of a producer that answers nearly every buyer.
pub const ALLOWANCE_MAX: u32 = 20;

/// Quotes on buying requests a producer may send this month.
pub fn monthly_allowance(response: ResponseMetrics) -> u32 {
    match response {
        ResponseMetrics::New => ALLOWANCE_BASE,
        ResponseMetrics::Known { rate_percent, .. } => match rate_percent {
            90.. => ALLOWANCE_MAX,
            75..=89 => 15,
            50..=74 => 10,
            _ => ALLOWANCE_BASE,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(rate_percent: u8) -> ResponseMetrics {
        ResponseMetrics::Known { rate_percent, median_minutes: Some(60) }
    }

    #[test]
    fn the_allowance_grows_with_the_response_rate() {
        assert_eq!(monthly_allowance(ResponseMetrics::New), ALLOWANCE_BASE);
        assert_eq!(monthly_allowance(rate(20)), ALLOWANCE_BASE);
        assert_eq!(monthly_allowance(rate(50)), 10);
        assert_eq!(monthly_allowance(rate(80)), 15);
        assert_eq!(monthly_allowance(rate(90)), ALLOWANCE_MAX);
        assert_eq!(monthly_allowance(rate(100)), ALLOWANCE_MAX);
    }
}
