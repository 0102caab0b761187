//! What the offices learn of buying requests on the platform page, over
//! the last twelve months: published requests by destination market and
//! by sector, quotes per request, the share that got at least one quote,
//! pooled offers sent and accepted, and those waiting for screening.

use serde::{Deserialize, Serialize};

use super::super::{Sector, WorldRegion};
use super::OfferStatus;

/// One published request, as the figures count it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublishedRequest {
    pub market: WorldRegion,
    pub sector: Sector,
    pub quotes: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestFigures {
    /// Most first.
    pub by_market: Vec<(WorldRegion, u64)>,
    pub by_sector: Vec<(Sector, u64)>,
    pub published: u64,
    /// Published requests with at least one quote.
    pub answered: u64,
    pub quotes: u64,
    /// Pooled offers sent to buyers (accepted and declined included).
    pub offers_sent: u64,
    pub offers_accepted: u64,
    /// Requests waiting for an office now.
    pub waiting: u64,
}

fn most_first<K: Ord + Copy>(counts: std::collections::BTreeMap<K, u64>) -> Vec<(K, u64)> {
    let mut counts: Vec<(K, u64)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
}

impl RequestFigures {
    pub fn compute(requests: &[PublishedRequest], offers: &[OfferStatus], waiting: u64) -> RequestFigures {
        let mut by_market = std::collections::BTreeMap::new();
        let mut by_sector = std::collections::BTreeMap::new();
        for request in requests {
            *by_market.entry(request.market).or_default() += 1;
            *by_sector.entry(request.sector).or_default() += 1;
        }
        RequestFigures {
            by_market: most_first(by_market),
            by_sector: most_first(by_sector),
            published: requests.len() as u64,
            answered: requests.iter().filter(|request| request.quotes > 0).count() as u64,
            quotes: requests.iter().map(|request| u64::from(request.quotes)).sum(),
            offers_sent: offers.iter().filter(|status| **status != OfferStatus::Building).count() as u64,
            offers_accepted: offers.iter().filter(|status| **status == OfferStatus::Accepted).count() as u64,
            waiting,
        }
    }

    /// Percent of published requests with a quote, rounded; `None` without any.
    pub fn answered_percent(&self) -> Option<u64> {
        (self.published > 0).then(|| (self.answered * 100 + self.published / 2) / self.published)
    }

    /// Quotes per published request with one decimal, as tenths (`25` = 2.5).
    pub fn quotes_per_request_tenths(&self) -> Option<u64> {
        (self.published > 0).then(|| (self.quotes * 10 + self.published / 2) / self.published)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_figures_count_requests_quotes_and_offers() {
        let argan = |market, quotes| PublishedRequest { market, sector: Sector::CosmeticsArgan, quotes };
        let requests = [
            argan(WorldRegion::Americas, 3),
            argan(WorldRegion::Americas, 0),
            PublishedRequest { market: WorldRegion::Asia, sector: Sector::Fishery, quotes: 2 },
        ];
        let offers = [OfferStatus::Building, OfferStatus::Submitted, OfferStatus::Accepted];
        let figures = RequestFigures::compute(&requests, &offers, 4);
        assert_eq!(figures.by_market, vec![(WorldRegion::Americas, 2), (WorldRegion::Asia, 1)]);
        assert_eq!(figures.by_sector[0], (Sector::CosmeticsArgan, 2));
        assert_eq!((figures.published, figures.answered, figures.quotes), (3, 2, 5));
        assert_eq!((figures.offers_sent, figures.offers_accepted, figures.waiting), (2, 1, 4));
        assert_eq!(figures.answered_percent(), Some(67));
        assert_eq!(figures.quotes_per_request_tenths(), Some(17));
        assert_eq!(RequestFigures::compute(&[], &[], 0).answered_percent(), None);
    }
}
