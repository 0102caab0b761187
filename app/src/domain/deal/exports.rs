//! When a deal counts as an export, and what the trade offices count: the
//! roadmap's target is 400 new companies a year that *export*, so a
//! producer counts once its first deal is exported, not when it publishes.
//! A deal is exported on the day it was shipped, once the buyer confirmed
//! receipt or `UNCONFIRMED_SHIPMENT_DAYS` passed without a word from it.

use serde::{Deserialize, Serialize};

use super::super::{CalendarDate, CountryCode, NEW_EXPORTERS_TARGET, Region, WorldRegion};
use super::DealStatus;

/// Days after shipping when a deal the buyer never confirmed counts anyway.
pub const UNCONFIRMED_SHIPMENT_DAYS: i64 = 60;

/// The day a deal counts as an export from, if it does on `today`.
pub fn export_day(status: DealStatus, shipped_on: Option<CalendarDate>, today: CalendarDate) -> Option<CalendarDate> {
    let shipped = shipped_on?;
    match status {
        DealStatus::Received => Some(shipped),
        DealStatus::Shipped if today.days_after(shipped) > UNCONFIRMED_SHIPMENT_DAYS => Some(shipped),
        _ => None,
    }
}

/// One exported deal, as the counting reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountedExport {
    pub producer_id: i64,
    pub region: Region,
    pub country: CountryCode,
    pub exported_on: CalendarDate,
    /// The deal's total in dirham centimes at the kept rates; `None` when
    /// no rate is kept for its currency.
    pub value_mad_minor: Option<i64>,
    /// When the producer's first listing was published.
    pub first_listing_on: Option<CalendarDate>,
}

/// Exports to one market over the year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarketExports {
    pub market: WorldRegion,
    pub deals: u64,
    pub value_mad_minor: i64,
}

/// What the offices (and a producer, for itself) read about exports in a year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFigures {
    pub year: i32,
    /// Producers whose first export ever was this year.
    pub first_exporters: u64,
    pub target: u64,
    /// First exporters by region, in `Region::ALL`'s order, regions without any left out.
    pub by_region: Vec<(Region, u64)>,
    /// This year's exported deals and their value by market, in `WorldRegion::ALL`'s order.
    pub markets: Vec<MarketExports>,
    /// This year's exported deals by the buyer's country, most first.
    pub countries: Vec<(CountryCode, u64)>,
    /// Percent of this year's export value (of deals when no value is
    /// known) that went outside Europe, rounded down.
    pub outside_europe_percent: Option<u64>,
    /// Days from the first published listing to the first export, the
    /// median over this year's first exporters.
    pub median_days_to_first_export: Option<i64>,
    /// Deals counted without a value (no rate kept for their currency).
    pub without_value: u64,
}

impl ExportFigures {
    /// The figures of `year` from every counted export (earlier years
    /// included: they tell who exported before).
    pub fn compute(year: i32, exports: &[CountedExport]) -> ExportFigures {
        let mut first: Vec<&CountedExport> = Vec::new();
        for export in exports {
            match first.iter_mut().find(|seen| seen.producer_id == export.producer_id) {
                Some(seen) if export.exported_on < seen.exported_on => *seen = export,
                Some(_) => {}
                None => first.push(export),
            }
        }
        let first_this_year: Vec<&CountedExport> =
            first.into_iter().filter(|export| export.exported_on.year() == year).collect();
        let by_region = Region::ALL
            .iter()
            .map(|region| (*region, first_this_year.iter().filter(|export| export.region == *region).count() as u64))
            .filter(|(_, count)| *count > 0)
            .collect();
        let mut days: Vec<i64> = first_this_year
            .iter()
            .filter_map(|export| Some(export.exported_on.days_after(export.first_listing_on?).max(0)))
            .collect();
        days.sort_unstable();
        let median_days_to_first_export = match days.len() {
            0 => None,
            n if n % 2 == 1 => Some(days[n / 2]),
            n => Some((days[n / 2 - 1] + days[n / 2]) / 2),
        };

        let this_year: Vec<&CountedExport> =
            exports.iter().filter(|export| export.exported_on.year() == year).collect();
        let markets: Vec<MarketExports> = WorldRegion::ALL
            .iter()
            .map(|market| {
                let deals: Vec<&&CountedExport> =
                    this_year.iter().filter(|export| export.country.world_region() == *market).collect();
                MarketExports {
                    market: *market,
                    deals: deals.len() as u64,
                    value_mad_minor: deals.iter().filter_map(|export| export.value_mad_minor).sum(),
                }
            })
            .filter(|line| line.deals > 0)
            .collect();
        let mut countries: Vec<(CountryCode, u64)> = Vec::new();
        for export in &this_year {
            match countries.iter_mut().find(|(country, _)| *country == export.country) {
                Some((_, count)) => *count += 1,
                None => countries.push((export.country, 1)),
            }
        }
        countries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.as_str().cmp(b.0.as_str())));
        let value: i64 = markets.iter().map(|line| line.value_mad_minor).sum();
        let deals: u64 = markets.iter().map(|line| line.deals).sum();
        let (europe_deals, europe_value) = markets
            .iter()
            .find(|line| line.market == WorldRegion::Europe)
            .map_or((0, 0), |line| (line.deals, line.value_mad_minor));
        let outside_europe_percent = if value > 0 {
            Some(((value - europe_value) as i128 * 100 / value as i128) as u64)
        } else {
            ((deals - europe_deals) * 100).checked_div(deals)
        };
        ExportFigures {
            year,
            first_exporters: first_this_year.len() as u64,
            target: NEW_EXPORTERS_TARGET,
            by_region,
            markets,
            countries,
            outside_europe_percent,
            median_days_to_first_export,
            without_value: this_year.iter().filter(|export| export.value_mad_minor.is_none()).count() as u64,
        }
    }

    /// Percent of the target reached, rounded down, at most 100.
    pub fn target_percent(&self) -> u64 {
        (self.first_exporters * 100 / self.target.max(1)).min(100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> CalendarDate {
        CalendarDate::parse(text).expect("a date")
    }

    fn export(producer_id: i64, country: &str, on: &str, value: Option<i64>) -> CountedExport {
        CountedExport {
            producer_id,
            region: if producer_id % 2 == 0 { Region::SoussMassa } else { Region::Oriental },
            country: CountryCode::parse(country).expect("a country"),
            exported_on: day(on),
            value_mad_minor: value,
            first_listing_on: Some(day("2026-01-01")),
        }
    }

    #[test]
    fn a_deal_counts_when_received_or_sixty_days_after_shipping_without_a_word() {
        let shipped = Some(day("2026-09-01"));
        assert_eq!(export_day(DealStatus::Received, shipped, day("2026-09-20")), shipped);
        assert_eq!(export_day(DealStatus::Shipped, shipped, day("2026-10-31")), None, "60 days: still waiting");
        assert_eq!(export_day(DealStatus::Shipped, shipped, day("2026-11-01")), shipped, "61 days: counted");
        assert_eq!(export_day(DealStatus::InProduction, None, day("2027-01-01")), None);
        assert_eq!(export_day(DealStatus::Cancelled, shipped, day("2027-01-01")), None);
    }

    #[test]
    fn a_producer_counts_once_in_the_year_of_its_first_export() {
        let exports = [
            export(2, "BR", "2026-03-10", Some(100_000)),
            export(2, "CN", "2026-05-10", Some(300_000)),
            export(3, "FR", "2025-11-10", Some(50_000)),
            export(3, "FR", "2026-02-10", Some(100_000)),
            export(5, "NG", "2026-07-01", None),
        ];
        let figures = ExportFigures::compute(2026, &exports);
        assert_eq!(figures.first_exporters, 2, "producer 3 exported first in 2025");
        assert_eq!(figures.by_region, [(Region::Oriental, 1), (Region::SoussMassa, 1)], "in Region::ALL order");
        assert_eq!(figures.target_percent(), 0);
        // This year's deals: 4, worth 5,000 MAD where a rate is kept.
        let deals: u64 = figures.markets.iter().map(|line| line.deals).sum();
        assert_eq!((deals, figures.without_value), (4, 1));
        assert_eq!(figures.outside_europe_percent, Some(80), "4,000 of 5,000 MAD outside Europe");
        assert_eq!(figures.countries[0].1, 1);
        // First listing on 1 January: 68 days to 10 March, 181 to 1 July.
        assert_eq!(figures.median_days_to_first_export, Some((68 + 181) / 2));
    }

    #[test]
    fn without_values_the_share_is_by_deals_and_nothing_gives_none() {
        let exports = [export(2, "DE", "2026-03-10", None), export(4, "SN", "2026-03-11", None)];
        assert_eq!(ExportFigures::compute(2026, &exports).outside_europe_percent, Some(50));
        let empty = ExportFigures::compute(2026, &[]);
        assert_eq!(
            (empty.first_exporters, empty.outside_europe_percent, empty.median_days_to_first_export),
            (0, None, None)
        );
    }
}
