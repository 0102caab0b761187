//! What a pooled offer adds up to: producers of a region or a cooperative
//! union each commit a quantity at a price (in the offer's one currency and
//! the request's unit), and the offer shows the total against the quantity
//! asked, the price per unit weighted by quantity, the shortfall, and each
//! member's share. Integers throughout; shares are whole percents that add
//! up to 100 (largest remainders), so the page never shows 99 %.

use serde::{Deserialize, Serialize};

/// One member's commitment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub producer_id: i64,
    pub quantity: u64,
    /// Per unit, in minor units of the offer's currency.
    pub unit_price_minor: i64,
}

/// The offer's sums.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolTotals {
    pub committed: u64,
    pub requested: u64,
    /// What the members still lack to reach the quantity asked (0 when reached).
    pub shortfall: u64,
    /// Minor units: Σ quantity × price.
    pub total_minor: i64,
    /// Minor units per unit, rounded half up; 0 with nothing committed.
    pub weighted_price_minor: i64,
    /// Each member's percent of the committed quantity, in the shares' order.
    pub percents: Vec<(i64, u8)>,
}

impl PoolTotals {
    /// Whether the members together reach the quantity asked.
    pub fn complete(&self) -> bool {
        self.shortfall == 0 && self.committed > 0
    }
}

/// The sums of `shares` against `requested` units.
pub fn pool_totals(shares: &[Share], requested: u64) -> PoolTotals {
    let committed: u64 = shares.iter().map(|share| share.quantity).sum();
    let total: i128 = shares.iter().map(|share| i128::from(share.quantity) * i128::from(share.unit_price_minor)).sum();
    let weighted = if committed == 0 { 0 } else { (2 * total + i128::from(committed)) / (2 * i128::from(committed)) };
    PoolTotals {
        committed,
        requested,
        shortfall: requested.saturating_sub(committed),
        total_minor: i64::try_from(total).unwrap_or(i64::MAX),
        weighted_price_minor: i64::try_from(weighted).unwrap_or(i64::MAX),
        percents: percents(shares, committed),
    }
}

/// Whole percents by largest remainder (ties to the earlier share).
fn percents(shares: &[Share], committed: u64) -> Vec<(i64, u8)> {
    if committed == 0 {
        return shares.iter().map(|share| (share.producer_id, 0)).collect();
    }
    let exact: Vec<(u64, u64)> = shares
        .iter()
        .map(|share| {
            let scaled = u128::from(share.quantity) * 100;
            ((scaled / u128::from(committed)) as u64, (scaled % u128::from(committed)) as u64)
        })
        .collect();
    let mut floors: Vec<u64> = exact.iter().map(|(floor, _)| *floor).collect();
    let missing = 100 - floors.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|a, b| exact[*b].1.cmp(&exact[*a].1).then(a.cmp(b)));
    for index in order.into_iter().take(missing as usize) {
        floors[index] += 1;
    }
    shares.iter().zip(floors).map(|(share, percent)| (share.producer_id, percent as u8)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(producer_id: i64, quantity: u64, unit_price_minor: i64) -> Share {
        Share { producer_id, quantity, unit_price_minor }
    }

    #[test]
    fn three_cooperatives_reach_twenty_tonnes_together() {
        // 20,000 L asked; 8,000 at 17.00, 7,000 at 18.00, 5,000 at 19.50.
        let shares = [share(1, 8_000, 1_700), share(2, 7_000, 1_800), share(3, 5_000, 1_950)];
        let totals = pool_totals(&shares, 20_000);
        assert_eq!(totals.committed, 20_000);
        assert_eq!(totals.shortfall, 0);
        assert!(totals.complete());
        assert_eq!(totals.total_minor, 8_000 * 1_700 + 7_000 * 1_800 + 5_000 * 1_950);
        assert_eq!(totals.weighted_price_minor, 1_798, "359,500.00 / 20,000 = 17.975 → 17.98");
        assert_eq!(totals.percents, vec![(1, 40), (2, 35), (3, 25)]);
    }

    #[test]
    fn a_shortfall_is_shown_and_percents_add_up_to_a_hundred() {
        let shares = [share(1, 1, 1_000), share(2, 1, 1_000), share(3, 1, 1_000)];
        let totals = pool_totals(&shares, 10);
        assert_eq!(totals.shortfall, 7);
        assert!(!totals.complete());
        assert_eq!(totals.percents, vec![(1, 34), (2, 33), (3, 33)]);
        assert_eq!(totals.percents.iter().map(|(_, p)| u32::from(*p)).sum::<u32>(), 100);
        let more = pool_totals(&[share(1, 30_000, 100)], 20_000);
        assert_eq!((more.shortfall, more.percents.clone()), (0, vec![(1, 100)]), "more than asked");
        let empty = pool_totals(&[], 20_000);
        assert_eq!((empty.committed, empty.weighted_price_minor, empty.shortfall), (0, 0, 20_000));
        assert!(!empty.complete());
    }
}
