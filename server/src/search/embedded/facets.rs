//! Facet counts in one pass over the matching documents: a tantivy collector
//! that reads the facets' fast columns (term ordinals per segment, turned into
//! value slugs once per segment) and the MOQ column for the buckets.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::search::{Facet, FacetCounts, MOQ_BUCKETS};

/// Counts the values of `facets` among the documents a query matches.
pub struct FacetCollector {
    pub facets: Vec<Facet>,
}

pub struct SegmentFacets {
    columns: Vec<(Facet, StrColumn, HashMap<u64, u64>)>,
    moq: Option<(Column<u64>, [u64; MOQ_BUCKETS.len()])>,
}

impl Collector for FacetCollector {
    type Fruit = FacetCounts;
    type Child = SegmentFacets;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        let mut columns = Vec::new();
        let mut moq = None;
        for facet in &self.facets {
            if *facet == Facet::Moq {
                moq = Some((segment.fast_fields().u64("moq")?, [0; MOQ_BUCKETS.len()]));
            } else if let Some(column) = segment.fast_fields().str(facet.slug())? {
                columns.push((*facet, column, HashMap::new()));
            }
        }
        Ok(SegmentFacets { columns, moq })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<FacetCounts>) -> tantivy::Result<FacetCounts> {
        let mut total = FacetCounts::new();
        for segment in segments {
            for (facet, values) in segment {
                let merged = total.entry(facet).or_default();
                for (value, count) in values {
                    *merged.entry(value).or_default() += count;
                }
            }
        }
        Ok(total)
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = FacetCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (_, column, counts) in &mut self.columns {
            for ord in column.term_ords(doc) {
                *counts.entry(ord).or_default() += 1;
            }
        }
        if let Some((column, buckets)) = &mut self.moq
            && let Some(value) = column.first(doc)
        {
            for (bucket, bound) in buckets.iter_mut().zip(MOQ_BUCKETS) {
                if value <= bound {
                    *bucket += 1;
                }
            }
        }
    }

    fn harvest(self) -> FacetCounts {
        let mut fruit = FacetCounts::new();
        for (facet, column, counts) in self.columns {
            let values = fruit.entry(facet).or_default();
            let mut name = String::new();
            for (ord, count) in counts {
                name.clear();
                if column.ord_to_str(ord, &mut name).unwrap_or(false) {
                    *values.entry(name.clone()).or_default() += count;
                }
            }
        }
        if let Some((_, buckets)) = self.moq {
            let values = fruit.entry(Facet::Moq).or_default();
            for (count, bound) in buckets.iter().zip(MOQ_BUCKETS) {
                if *count > 0 {
                    *values.entry(bound.to_string()).or_default() += count;
                }
            }
        }
        fruit
    }
}
