//! The platform view of a trade office: producers by region and
//! sector, first exports this year against the national target (a
//! producer counts once its first deal is exported, `ExportFigures`), the
//! producers new on the platform, what waits for review, and inquiries by
//! the buyers' world region month by month. A regional office sees the
//! same for its region.

use serde::{Deserialize, Serialize};

use super::Office;
use crate::domain::insights::Insights;
use crate::domain::region::Region;
use crate::domain::sector::Sector;

/// New exporters a year: the national target (producers with a first export).
pub const NEW_EXPORTERS_TARGET: u64 = 400;

/// One region's producers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionFigures {
    pub region: Region,
    pub producers: u64,
    pub verified: u64,
    /// Producers whose first listing was published this year.
    pub new_publishers: u64,
    /// Producers whose first export was this year.
    pub first_exporters: u64,
}

/// The office's overview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformView {
    pub office: Office,
    pub year: i32,
    /// The office's regions (all twelve for the national team), in
    /// `Region::ALL`'s order.
    pub regions: Vec<RegionFigures>,
    /// Producers per sector they declare, most first (a producer counts in
    /// each of its sectors).
    pub sectors: Vec<(Sector, u64)>,
    /// Producers whose first listing was published this year.
    pub new_publishers: u64,
    pub target: u64,
    pub pending_verifications: u64,
    /// Hidden producers and listings whose owner asked for a review.
    pub reviews_asked: u64,
    pub hidden_listings: u64,
    /// Inquiries to the office's producers over the last twelve months by
    /// month and market (views are not counted here: zero).
    pub inquiries: Insights,
    /// Buying requests of the last twelve months that reached the office's producers.
    pub requests: crate::domain::RequestFigures,
    /// This year's exports: first exporters against the target, deals and
    /// value by market.
    pub exports: crate::domain::ExportFigures,
}

impl PlatformView {
    /// Percent of the target reached by first exporters, rounded down, at most 100.
    pub fn target_percent(&self) -> u64 {
        self.exports.target_percent()
    }

    pub fn producers(&self) -> u64 {
        self.regions.iter().map(|region| region.producers).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CalendarDate;

    #[test]
    fn the_target_share_is_rounded_down_and_capped() {
        let today = CalendarDate::parse("2026-11-30").unwrap();
        let mut view = PlatformView {
            requests: Default::default(),
            exports: crate::domain::ExportFigures { target: NEW_EXPORTERS_TARGET, ..Default::default() },
            office: Office::National,
            year: 2026,
            regions: vec![RegionFigures {
                region: Region::SoussMassa,
                producers: 9,
                verified: 3,
                new_publishers: 3,
                first_exporters: 0,
            }],
            sectors: Vec::new(),
            new_publishers: 3,
            target: NEW_EXPORTERS_TARGET,
            pending_verifications: 0,
            reviews_asked: 0,
            hidden_listings: 0,
            inquiries: Insights::compute(today, &[], &[]),
        };
        assert_eq!(view.target_percent(), 0, "publishing is not exporting");
        assert_eq!(view.producers(), 9);
        view.exports.first_exporters = 399;
        assert_eq!(view.target_percent(), 99);
        view.exports.first_exporters = 812;
        assert_eq!(view.target_percent(), 100);
    }
}
