//! The ranking rules both backends share beyond matching: listing quality
//! breaks ties between equally relevant listings, and one producer's
//! near-identical variants do not fill the first results.
//!
//! Each backend ranks the first `FIRST_RESULTS` hits by relevance (and
//! quality), then `cap_per_producer` moves a producer's listings beyond its
//! first `PER_PRODUCER` after the other producers' within that window. The
//! window is a permutation of the backend's own top hits: a page that starts
//! inside it is cut from the re-ordered window followed by the backend's
//! order (`page_of_first_results`), a page beyond it from the backend's
//! order alone, so no hit is shown twice or skipped.

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

/// How many of the best hits a page starting at `offset` needs fetched, when
/// it starts inside the re-ordered window (`None`: it starts beyond it and
/// the backend's own order and offset serve it).
pub fn hits_to_fetch(offset: usize, limit: usize) -> Option<usize> {
    (offset < FIRST_RESULTS).then(|| offset.saturating_add(limit).max(FIRST_RESULTS))
}

/// The page `[offset, offset + limit)` of `hits` (listing id, producer id,
/// best first, fetched by `hits_to_fetch`): the first `FIRST_RESULTS`
/// re-ordered by `cap_per_producer`, the rest in the backend's order.
pub fn page_of_first_results(hits: &[(i64, i64)], offset: usize, limit: usize) -> Vec<i64> {
    let window = hits.len().min(FIRST_RESULTS);
    let mut ordered = cap_per_producer(&hits[..window]);
    ordered.extend(hits[window..].iter().map(|(listing, _)| *listing));
    ordered.into_iter().skip(offset).take(limit).collect()
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
    fn pages_across_the_window_edge_neither_skip_nor_repeat() {
        assert_eq!(hits_to_fetch(0, 24), Some(FIRST_RESULTS));
        assert_eq!(hits_to_fetch(96, 24), Some(120));
        assert_eq!(hits_to_fetch(100, 24), None);
        // 130 hits: producer 1 has the best 10, everyone else one each.
        let hits: Vec<(i64, i64)> = (0..130).map(|i| (i, if i < 10 { 1 } else { 100 + i })).collect();
        let pages: Vec<i64> = (0..6)
            .flat_map(|page| {
                let offset = page * 24;
                match hits_to_fetch(offset, 24) {
                    Some(count) => page_of_first_results(&hits[..count.min(hits.len())], offset, 24),
                    None => hits.iter().skip(offset).take(24).map(|(id, _)| *id).collect(),
                }
            })
            .collect();
        let mut seen = pages.clone();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!((pages.len(), seen.len()), (130, 130), "every hit once: {pages:?}");
        assert_eq!(&pages[..3], &[0, 1, 10], "a producer's third listing waits");
    }
}
