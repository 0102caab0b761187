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
    /// How many photos the listing shows.
    #[serde(default)]
    pub photo_count: u32,
    /// The producer's town.
    #[serde(default)]
    pub city: String,
    /// Vocabulary concepts the text or HS code matched (`vocabulary`).
    pub concepts: Vec<String>,
    /// The concepts that say what the listing *is*: the head of its titles
    /// and its HS code (`Vocabulary::product_concepts_of`), as opposed to an
    /// ingredient, a component or a gift box's content its text mentions.
    #[serde(default)]
    pub product_concepts: Vec<String>,
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

/// The highest `SearchDocument::quality`.
pub const QUALITY_MAX: u32 = 100;

impl SearchDocument {
    /// Every text of the document, for vocabulary matching.
    pub fn all_text(&self) -> impl Iterator<Item = &str> {
        self.titles.values().chain(self.descriptions.values()).map(String::as_str)
    }

    /// How complete and trustworthy the listing is, from 0 to `QUALITY_MAX`:
    /// what breaks ties between equally relevant listings in both backends.
    /// Photos (up to three) 30, a verified producer 20, languages written (up
    /// to four) 20, a real description 10, a stated price 10, a MOQ 5, a
    /// certification 5.
    pub fn quality(&self) -> u32 {
        let photos = self.photo_count.max(u32::from(self.has_photo)).min(3) * 10;
        let verified = if self.verified { 20 } else { 0 };
        let languages = (self.titles.len().min(4) as u32) * 5;
        let described = if self.descriptions.values().any(|text| text.chars().count() >= 120) { 10 } else { 0 };
        let priced = if self.min_price_mad.is_some() { 10 } else { 0 };
        let moq = if self.moq.is_some() { 5 } else { 0 };
        let certified = if self.certifications.is_empty() { 0 } else { 5 };
        (photos + verified + languages + described + priced + moq + certified).min(QUALITY_MAX)
    }

    /// The words a buyer may add to a product to say where it comes from and
    /// what it holds: the origin region's and certifications' names in every
    /// language, with their slugs, the kind of its origin labels (IGP, AOP)
    /// and the producer's town ("argan oil Agadir", "halal sardines").
    pub fn qualifiers(&self) -> Vec<String> {
        use app::domain::{Certification, Locale, OriginLabel, Region};
        let mut words: Vec<String> = Vec::new();
        let mut add = |word: String| {
            if !word.trim().is_empty() && !words.contains(&word) {
                words.push(word);
            }
        };
        if !self.city.is_empty() {
            add(self.city.clone());
        }
        for locale in Locale::ALL {
            let messages = app::i18n::messages(locale);
            if let Some(region) = Region::from_slug(&self.region) {
                add(region.name(messages).to_owned());
            }
            for certification in self.certifications.iter().filter_map(|slug| Certification::from_slug(slug)) {
                add(certification.name(messages).to_owned());
            }
        }
        for slug in self.certifications.iter().chain(std::iter::once(&self.region)) {
            add(slug.replace('-', " "));
        }
        // A label by its kind only: its name holds the product's ("Argan
        // IGP"), which the listing's own words must name.
        for label in self.labels.iter().filter(|slug| OriginLabel::from_slug(slug).is_some()) {
            let kinds: &[&str] = if label.ends_with("-aop") { &["AOP", "PDO", "DOP"] } else { &["IGP", "PGI"] };
            for kind in kinds {
                add((*kind).to_owned());
            }
        }
        words
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
    fn quality_counts_what_a_buyer_checks() {
        let bare = SearchDocument::default();
        assert_eq!(bare.quality(), 0);
        let complete = SearchDocument {
            titles: ["fr", "en", "ar", "es"].iter().map(|l| ((*l).to_owned(), "x".to_owned())).collect(),
            descriptions: [("fr".to_owned(), "y".repeat(150))].into(),
            verified: true,
            photo_count: 5,
            has_photo: true,
            min_price_mad: Some(1),
            moq: Some(1),
            certifications: vec!["halal".to_owned()],
            ..SearchDocument::default()
        };
        assert_eq!(complete.quality(), QUALITY_MAX);
    }

    #[test]
    fn qualifiers_name_the_origin_and_certifications_in_every_language() {
        let document = SearchDocument {
            region: "souss-massa".to_owned(),
            city: "Agadir".to_owned(),
            certifications: vec!["organic-eu".to_owned()],
            ..SearchDocument::default()
        };
        let words = document.qualifiers();
        assert!(words.contains(&"Agadir".to_owned()), "{words:?}");
        assert!(words.contains(&"Souss-Massa".to_owned()), "{words:?}");
        assert!(words.contains(&"organic eu".to_owned()), "{words:?}");
    }

    #[test]
    fn prices_convert_to_dirham_centimes() {
        assert_eq!(to_mad(1_000, "EUR"), Some(10_800));
        assert_eq!(to_mad(1_000, "MAD"), Some(1_000));
        assert_eq!(to_mad(1_000, "XYZ"), None);
    }
}
