//! The documents Meilisearch stores and returns: a `SearchDocument` mapped to
//! a listing document (one `title_L`/`description_L` field per written
//! language, concept tokens, HS prefixes, the MOQ sort key), the one document
//! of the meta index, and the id-only search hit.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::search::document::hs_prefixes;
use crate::search::{FeedPosition, LANGUAGES, SearchDocument};

/// `moq_sort` of listings without a MOQ, so ascending order puts them last
/// (2^53 - 1: Meilisearch stores numbers as f64).
const MOQ_SORT_MISSING: u64 = (1 << 53) - 1;

/// A listing as stored in Meilisearch.
#[derive(Debug, Serialize)]
pub(super) struct MeiliDocument {
    id: i64,
    producer_id: i64,
    producer_name: String,
    /// `title_L` and `description_L` for each language written.
    #[serde(flatten)]
    texts: BTreeMap<String, String>,
    /// The tokens of the document's vocabulary concepts.
    concepts: Vec<String>,
    /// The tokens of the concepts that say what the listing is, searched
    /// right after the titles.
    product_concepts: Vec<String>,
    /// Origin, town, certification and label names.
    qualifiers: Vec<String>,
    /// `SearchDocument::quality`, the last ranking rule.
    quality: u32,
    sector: String,
    subsector: Option<String>,
    /// HS chapter, heading and subheading.
    hs: Vec<String>,
    region: String,
    certification: Vec<String>,
    label: Vec<String>,
    incoterm: Vec<String>,
    cooperative: bool,
    verified: bool,
    moq: Option<u64>,
    /// `moq`, or `MOQ_SORT_MISSING` without one.
    moq_sort: u64,
    published_at: i64,
    has_photo: bool,
    min_price_mad: Option<i64>,
}

impl MeiliDocument {
    pub(super) fn from_search(document: &SearchDocument) -> MeiliDocument {
        let mut texts = BTreeMap::new();
        for language in LANGUAGES {
            if let Some(title) = document.titles.get(language).filter(|text| !text.trim().is_empty()) {
                texts.insert(format!("title_{language}"), title.clone());
            }
            if let Some(description) = document.descriptions.get(language).filter(|text| !text.trim().is_empty()) {
                texts.insert(format!("description_{language}"), description.clone());
            }
        }
        MeiliDocument {
            id: document.listing_id,
            producer_id: document.producer_id,
            producer_name: document.producer_name.clone(),
            texts,
            concepts: document.concepts.iter().map(|id| concept_token(id)).collect(),
            product_concepts: document.product_concepts.iter().map(|id| concept_token(id)).collect(),
            qualifiers: document.qualifiers(),
            quality: document.quality(),
            sector: document.sector.clone(),
            subsector: document.subsector.clone(),
            hs: document.hs_code.as_deref().map(hs_prefixes).unwrap_or_default(),
            region: document.region.clone(),
            certification: document.certifications.clone(),
            label: document.labels.clone(),
            incoterm: document.incoterms.clone(),
            cooperative: document.cooperative,
            verified: document.verified,
            moq: document.moq,
            moq_sort: document.moq.map_or(MOQ_SORT_MISSING, |moq| moq.min(MOQ_SORT_MISSING - 1)),
            published_at: document.published_at,
            has_photo: document.has_photo,
            min_price_mad: document.min_price_mad,
        }
    }
}

/// A concept's token in the `concepts` field: one word of letters and
/// digits (Meilisearch would split `olive-oil` into two words, and `olive`
/// typed alone would then match every olive-oil listing).
pub(super) fn concept_token(id: &str) -> String {
    let mut token = String::from("vocabconcept");
    token.extend(id.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()));
    token
}

/// A document of the meta index: one per schema version (its `id`), written
/// once the index `listings_v{id}` is complete, with that index's position
/// in the change feed.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct MetaDocument {
    pub(super) id: u32,
    pub(super) schema_version: u32,
    #[serde(default)]
    pub(super) feed: Option<FeedPosition>,
}

/// A search hit: only the listing and producer ids are retrieved.
#[derive(Debug, Deserialize)]
pub(super) struct Hit {
    pub(super) id: i64,
    #[serde(default)]
    pub(super) producer_id: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_carry_one_field_per_written_language() {
        let document = SearchDocument {
            listing_id: 42,
            producer_id: 7,
            titles: [("fr".to_owned(), "Huile d'argan".to_owned()), ("en".to_owned(), " ".to_owned())].into(),
            descriptions: [("zh".to_owned(), "摩洛哥坚果油".to_owned())].into(),
            hs_code: Some("151590".to_owned()),
            ..SearchDocument::default()
        };
        let json = serde_json::to_value(MeiliDocument::from_search(&document)).unwrap();
        assert_eq!(json["id"], 42);
        assert_eq!(json["title_fr"], "Huile d'argan");
        assert!(json.get("title_en").is_none());
        assert_eq!(json["description_zh"], "摩洛哥坚果油");
        assert_eq!(json["hs"], serde_json::json!(["15", "1515", "151590"]));
        assert_eq!(json["moq"], serde_json::Value::Null);
        assert_eq!(json["moq_sort"], MOQ_SORT_MISSING);
        assert_eq!(json["concepts"], serde_json::json!([]));
    }
}
