//! The search document of a listing: what buyers search and filter on, built
//! from the database (`indexer` loads the rows through `repo`) and given to
//! whichever backend is configured. Only listings buyers may see become
//! documents (`repo::visibility`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One listing as the search backends index it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchDocument {
    pub listing_id: i64,
    pub producer_id: i64,
    /// The producer's trade name.
    pub producer_name: String,
    /// Title per language slug (`search::LANGUAGES`); only languages written.
    pub titles: BTreeMap<String, String>,
    /// Description per language slug.
    pub descriptions: BTreeMap<String, String>,
    /// Sector slug (`app::domain::Sector`).
    pub sector: String,
    pub subsector: Option<String>,
    /// Six digits, no dot (`151590`).
    pub hs_code: Option<String>,
    /// Origin region slug.
    pub region: String,
    pub certifications: Vec<String>,
    /// Protected origin labels (IGP/AOP) slugs.
    pub labels: Vec<String>,
    pub incoterms: Vec<String>,
    /// Minimum order quantity, in `moq_unit`s.
    pub moq: Option<u64>,
    pub moq_unit: Option<String>,
    /// The lowest price, in Moroccan dirham centimes (converted at the
    /// reference rates of `document::MAD_PER_UNIT`).
    pub min_price_mad: Option<i64>,
    /// The producer is a cooperative (social economy).
    pub cooperative: bool,
    /// A trade office verified the producer.
    pub verified: bool,
    /// Publication time, seconds since 1970.
    pub published_at: i64,
    pub has_photo: bool,
    /// Vocabulary concepts the text or HS code matched (`vocabulary`).
    pub concepts: Vec<String>,
}

/// Reference rates for normalising prices to dirhams (MAD per unit of each
/// currency, in thousandths), good enough to sort and filter by price band;
/// pages always show the producer's own currency.
pub const MAD_PER_UNIT: [(&str, i64); 5] =
    [("MAD", 1_000), ("EUR", 10_800), ("USD", 9_900), ("GBP", 12_600), ("CNY", 1_370)];

/// A price in minor units of `currency`, in dirham centimes.
pub fn to_mad(minor: i64, currency: &str) -> Option<i64> {
    let rate = MAD_PER_UNIT.iter().find(|(code, _)| *code == currency)?.1;
    Some(minor.saturating_mul(rate) / 1_000)
}

/// The HS prefixes a code is found by: chapter, heading and subheading
/// (`151590` → `15`, `1515`, `151590`).
pub fn hs_prefixes(code: &str) -> Vec<String> {
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    [2, 4, 6].iter().filter(|n| digits.len() >= **n).map(|n| digits[..*n].to_owned()).collect()
}

impl SearchDocument {
    /// Every text of the document, for vocabulary matching.
    pub fn all_text(&self) -> impl Iterator<Item = &str> {
        self.titles.values().chain(self.descriptions.values()).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hs_codes_are_found_by_chapter_heading_and_subheading() {
        assert_eq!(hs_prefixes("1515.90"), ["15", "1515", "151590"]);
        assert_eq!(hs_prefixes("0805"), ["08", "0805"]);
        assert!(hs_prefixes("").is_empty());
    }

    #[test]
    fn prices_convert_to_dirham_centimes() {
        assert_eq!(to_mad(1_000, "EUR"), Some(10_800));
        assert_eq!(to_mad(1_000, "MAD"), Some(1_000));
        assert_eq!(to_mad(1_000, "XYZ"), None);
    }
}
