//! Where a producer's interest comes from: listing views and
//! inquiries over the last `INSIGHT_MONTHS` calendar months (this month
//! and the eleven before), by month, by world market and by country, and the
//! share from outside Europe that the export roadmap measures.
//!
//! The server hands over counts already grouped by month and country; the
//! sums, the market grouping and the shares are computed here once, so the
//! page and the tests read the same numbers.

use serde::{Deserialize, Serialize};

use super::{CalendarDate, CountryCode, WorldRegion};

/// Calendar months the insights cover, the current one included.
pub const INSIGHT_MONTHS: u32 = 12;
/// Countries listed by name; the rest are summed as "other countries".
pub const TOP_COUNTRIES: usize = 12;

/// Views or inquiries of one month from one country (`None`: unknown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counted {
    /// `YYYY-MM`.
    pub month: String,
    pub country: Option<CountryCode>,
    pub count: u64,
}

/// Views and inquiries of one bar of a chart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub views: u64,
    pub inquiries: u64,
}

/// One month of the window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthTally {
    /// `YYYY-MM`.
    pub month: String,
    pub tally: Tally,
}

/// One world market (`None`: country unknown).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarketTally {
    pub market: Option<WorldRegion>,
    pub tally: Tally,
}

/// One country (`None`: unknown).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryTally {
    pub country: Option<CountryCode>,
    pub tally: Tally,
}

/// A producer's insights page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Insights {
    /// The window: from the first day of its first month to today.
    pub from: CalendarDate,
    pub to: CalendarDate,
    pub total: Tally,
    /// Percent (rounded) of the views whose country is known that came from
    /// outside Europe; `None` when no view has a known country.
    pub views_outside_europe: Option<u8>,
    /// The same for inquiries.
    pub inquiries_outside_europe: Option<u8>,
    /// Every month of the window, oldest first (empty months included).
    pub months: Vec<MonthTally>,
    /// Every market with something in it, in `WorldRegion::ALL`'s order,
    /// unknown last.
    pub markets: Vec<MarketTally>,
    /// The `TOP_COUNTRIES` countries with most views and inquiries, most
    /// first; unknown and the rest ("other countries") follow when not empty.
    pub countries: Vec<CountryTally>,
    /// Views and inquiries from countries past the top ones.
    pub other_countries: Tally,
}

/// The first day the insights on `today` cover.
pub fn window_start(today: CalendarDate) -> CalendarDate {
    today.first_of_month_before(INSIGHT_MONTHS - 1)
}

fn share_outside_europe(by_market: &[(Option<WorldRegion>, u64)]) -> Option<u8> {
    let known: u64 = by_market.iter().filter(|(market, _)| market.is_some()).map(|(_, n)| n).sum();
    if known == 0 {
        return None;
    }
    let outside: u64 = by_market
        .iter()
        .filter(|(market, _)| matches!(market, Some(m) if *m != WorldRegion::Europe))
        .map(|(_, n)| n)
        .sum();
    Some(((outside * 100 + known / 2) / known) as u8)
}

impl Insights {
    /// Sums the counts of the window ending `today`; counts of months
    /// outside it are left out.
    pub fn compute(today: CalendarDate, views: &[Counted], inquiries: &[Counted]) -> Insights {
        let from = window_start(today);
        let months: Vec<String> =
            (0..INSIGHT_MONTHS).rev().map(|back| today.first_of_month_before(back).month_key()).collect();
        let in_window = |counted: &&Counted| months.contains(&counted.month);
        let mut by_month: Vec<MonthTally> =
            months.iter().map(|month| MonthTally { month: month.clone(), tally: Tally::default() }).collect();
        let mut by_country: Vec<CountryTally> = Vec::new();
        let mut total = Tally::default();
        for (counted, is_view) in views.iter().map(|c| (c, true)).chain(inquiries.iter().map(|c| (c, false))) {
            if !in_window(&counted) {
                continue;
            }
            let add = |tally: &mut Tally| {
                if is_view {
                    tally.views += counted.count;
                } else {
                    tally.inquiries += counted.count;
                }
            };
            add(&mut total);
            if let Some(month) = by_month.iter_mut().find(|m| m.month == counted.month) {
                add(&mut month.tally);
            }
            match by_country.iter_mut().find(|c| c.country == counted.country) {
                Some(country) => add(&mut country.tally),
                None => {
                    let mut tally = Tally::default();
                    add(&mut tally);
                    by_country.push(CountryTally { country: counted.country, tally });
                }
            }
        }
        let market_of = |country: Option<CountryCode>| country.map(CountryCode::world_region);
        let mut markets: Vec<MarketTally> = WorldRegion::ALL
            .iter()
            .map(|market| Some(*market))
            .chain([None])
            .map(|market| {
                let tally =
                    by_country.iter().filter(|c| market_of(c.country) == market).fold(Tally::default(), |sum, c| {
                        Tally { views: sum.views + c.tally.views, inquiries: sum.inquiries + c.tally.inquiries }
                    });
                MarketTally { market, tally }
            })
            .collect();
        markets.retain(|m| m.tally != Tally::default());
        let views_by_market: Vec<_> = markets.iter().map(|m| (m.market, m.tally.views)).collect();
        let inquiries_by_market: Vec<_> = markets.iter().map(|m| (m.market, m.tally.inquiries)).collect();

        let unknown = by_country.iter().position(|c| c.country.is_none()).map(|at| by_country.remove(at));
        by_country.sort_by(|a, b| {
            (b.tally.views + b.tally.inquiries)
                .cmp(&(a.tally.views + a.tally.inquiries))
                .then(b.tally.inquiries.cmp(&a.tally.inquiries))
                .then(a.country.map(CountryCode::as_str).cmp(&b.country.map(CountryCode::as_str)))
        });
        let rest = if by_country.len() > TOP_COUNTRIES { by_country.split_off(TOP_COUNTRIES) } else { Vec::new() };
        let other_countries = rest.iter().fold(Tally::default(), |sum, c| Tally {
            views: sum.views + c.tally.views,
            inquiries: sum.inquiries + c.tally.inquiries,
        });
        by_country.extend(unknown);
        Insights {
            from,
            to: today,
            total,
            views_outside_europe: share_outside_europe(&views_by_market),
            inquiries_outside_europe: share_outside_europe(&inquiries_by_market),
            months: by_month,
            markets,
            countries: by_country,
            other_countries,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> CalendarDate {
        CalendarDate::parse(text).expect("a date")
    }

    fn counted(month: &str, country: &str, count: u64) -> Counted {
        Counted { month: month.to_owned(), country: CountryCode::parse(country).ok(), count }
    }

    #[test]
    fn the_window_is_this_month_and_the_eleven_before() {
        let insights = Insights::compute(
            date("2026-11-30"),
            &[counted("2025-11", "FR", 1000), counted("2025-12", "FR", 7), counted("2026-11", "BR", 3)],
            &[counted("2025-11", "BR", 50), counted("2025-12", "CN", 2)],
        );
        assert_eq!(insights.from, date("2025-12-01"));
        assert_eq!(insights.months.len(), 12);
        assert_eq!(insights.months[0].month, "2025-12");
        assert_eq!(insights.months[11].month, "2026-11");
        assert_eq!(insights.total, Tally { views: 10, inquiries: 2 }, "November 2025 is out");
        assert_eq!(insights.months[0].tally, Tally { views: 7, inquiries: 2 });
        assert_eq!(insights.months[11].tally, Tally { views: 3, inquiries: 0 });
    }

    #[test]
    fn markets_and_the_share_outside_europe() {
        let views = [
            counted("2026-10", "FR", 40),
            counted("2026-10", "ES", 20),
            counted("2026-10", "CN", 15),
            counted("2026-11", "BR", 10),
            counted("2026-11", "AE", 10),
            counted("2026-11", "NG", 5),
            counted("2026-11", "ZZ", 100),
        ];
        let inquiries = [counted("2026-11", "FR", 1), counted("2026-11", "PA", 2), counted("2026-09", "IN", 1)];
        let insights = Insights::compute(date("2026-11-15"), &views, &inquiries);
        // 60 of the 100 known views are European: 40 % from outside.
        assert_eq!(insights.views_outside_europe, Some(40));
        // 3 of 4 inquiries.
        assert_eq!(insights.inquiries_outside_europe, Some(75));
        let markets: Vec<_> = insights.markets.iter().map(|m| (m.market, m.tally.views, m.tally.inquiries)).collect();
        assert_eq!(
            markets,
            vec![
                (Some(WorldRegion::Europe), 60, 1),
                (Some(WorldRegion::Africa), 5, 0),
                (Some(WorldRegion::MiddleEast), 10, 0),
                (Some(WorldRegion::Asia), 15, 1),
                (Some(WorldRegion::Americas), 10, 2),
                (None, 100, 0),
            ]
        );
        let countries: Vec<_> = insights.countries.iter().map(|c| c.country.map(CountryCode::as_str)).collect();
        assert_eq!(
            countries,
            vec![Some("FR"), Some("ES"), Some("CN"), Some("AE"), Some("BR"), Some("NG"), Some("PA"), Some("IN"), None],
            "most first; a tie goes to the country code's order; unknown last"
        );
        assert_eq!(insights.total, Tally { views: 200, inquiries: 4 });
    }

    #[test]
    fn nothing_known_gives_no_share_and_the_long_tail_is_summed() {
        let empty = Insights::compute(date("2026-11-15"), &[counted("2026-11", "ZZ", 4)], &[]);
        assert_eq!(empty.views_outside_europe, None);
        assert_eq!(empty.inquiries_outside_europe, None);

        let codes = ["AR", "BR", "CA", "CL", "CN", "CO", "DE", "EG", "ES", "FR", "GH", "IN", "JP", "KE", "MX"];
        let views: Vec<Counted> =
            codes.iter().enumerate().map(|(i, code)| counted("2026-11", code, 100 - i as u64)).collect();
        let insights = Insights::compute(date("2026-11-15"), &views, &[]);
        assert_eq!(insights.countries.len(), TOP_COUNTRIES);
        assert_eq!(insights.other_countries.views, 88 + 87 + 86, "KE, JP… past the top twelve");
    }
}
