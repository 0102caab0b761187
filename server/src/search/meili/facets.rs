//! Totals and facet counts read from the multi-search results: the exact
//! `totalHits` of page-mode queries and the facet distributions of the
//! facets Meilisearch counts itself (MOQ is counted in buckets instead).

use std::collections::HashMap;

use meilisearch_sdk::search::SearchResults;

use super::documents::Hit;
use crate::search::{Facet, FacetCounts, SearchError};

/// Facets counted through Meilisearch's facet distribution (MOQ is counted in
/// buckets, one count query each).
pub(super) const DISTRIBUTED_FACETS: [Facet; 7] = [
    Facet::Sector,
    Facet::Region,
    Facet::Certification,
    Facet::Label,
    Facet::Incoterm,
    Facet::Cooperative,
    Facet::Verified,
];

/// The exact total of a page-mode query.
pub(super) fn exact_total(result: &SearchResults<Hit>, context: &str) -> Result<u64, SearchError> {
    result
        .total_hits
        .map(|total| total as u64)
        .ok_or_else(|| SearchError::Backend(format!("{context}: Meilisearch gave no totalHits")))
}

/// Adds the non-zero counts of `facets` from a query's facet distribution.
pub(super) fn add_distribution(counts: &mut FacetCounts, facets: &[Facet], result: &SearchResults<Hit>) {
    let Some(distribution) = result.facet_distribution.as_ref() else {
        return;
    };
    for facet in facets {
        add_values(counts, *facet, distribution.get(facet.slug()));
    }
}

fn add_values(counts: &mut FacetCounts, facet: Facet, values: Option<&HashMap<String, usize>>) {
    for (value, count) in values.into_iter().flatten() {
        if *count > 0 {
            counts.entry(facet).or_default().insert(value.clone(), *count as u64);
        }
    }
}
