//! The ranking rules both backends share beyond matching: listing quality
//! breaks ties between equally relevant listings, and one producer's
//! near-identical variants do not fill the first results.
//!
//! Each backend ranks the first `FIRST_RESULTS` hits by relevance (and
//! quality), then `cap_per_producer` moves a producer's listings beyond its
//! first `PER_PRODUCER` after the other producers' within that window. The
//! window is a permutation of the backend's own top hits, so pages beyond it
//! follow the backend's order and no hit is shown twice or skipped.

use super::document::QUALITY_MAX;

/// How many of the first hits are re-ordered so that several producers show.
pub const FIRST_RESULTS: usize = 100;
/// How many listings of one producer may come before every other producer's.
pub const PER_PRODUCER: usize = 2;
/// How much a perfect listing's relevance is raised over a bare one's: enough
/// to decide between listings that match alike, too little to lift a
/// listing that matches worse (a product concept is worth 8 points, a title
/// word about 3).
pub const QUALITY_WEIGHT: f32 = 0.15;

/// A hit's relevance with its quality (0..=`QUALITY_MAX`) applied.
pub fn with_quality(score: f32, quality: u64) -> f32 {
    let quality = quality.min(u64::from(QUALITY_MAX)) as f32 / QUALITY_MAX as f32;
    score * (1.0 + QUALITY_WEIGHT * quality)
}

/// Whether a request's page lies in the re-ordered window.
pub fn in_first_results(offset: usize, limit: usize) -> bool {
    offset.saturating_add(limit) <= FIRST_RESULTS
}

/// Listing ids of `hits` (listing id, producer id, best first), with each
/// producer's listings beyond its first `PER_PRODUCER` moved after the other
/// producers' (in their own order).
pub fn cap_per_producer(hits: &[(i64, i64)]) -> Vec<i64> {
    let mut shown: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    let mut first = Vec::with_capacity(hits.len());
    let mut later = Vec::new();
    for (listing, producer) in hits {
        let count = shown.entry(*producer).or_default();
        *count += 1;
        if *count <= PER_PRODUCER { first.push(*listing) } else { later.push(*listing) }
    }
    first.extend(later);
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_producer_shows_twice_before_the_others() {
        let hits = [(1, 7), (2, 7), (3, 7), (4, 7), (5, 8), (6, 9), (7, 8)];
        assert_eq!(cap_per_producer(&hits), [1, 2, 5, 6, 7, 3, 4]);
        assert_eq!(cap_per_producer(&[]), Vec::<i64>::new());
    }

    #[test]
    fn quality_decides_ties_and_little_else() {
        assert!(with_quality(3.0, 100) > with_quality(3.0, 0));
        assert!(with_quality(3.0, 100) < with_quality(3.0 + 8.0, 0));
        assert_eq!(with_quality(2.0, 0), 2.0);
        assert_eq!(with_quality(2.0, 1_000), with_quality(2.0, 100), "capped");
    }

    #[test]
    fn the_window_covers_the_first_pages() {
        assert!(in_first_results(0, 24));
        assert!(in_first_results(72, 24));
        assert!(!in_first_results(96, 24));
    }
}
