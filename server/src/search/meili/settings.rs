//! The settings of a listings index: searchable attributes in ranking order,
//! the Meilisearch locale of each language's fields, filterable and sortable
//! attributes, ranking rules, the synonyms that lead every concept name to
//! its token, typo tolerance, and the pagination and faceting limits.

use std::collections::HashMap;

use meilisearch_sdk::settings::{
    FacetingSettings, LocalizedAttributes, MinWordSizeForTypos, PaginationSetting, Settings, TypoToleranceSettings,
};

use super::documents::concept_token;
use crate::search::LANGUAGES;
use crate::search::vocabulary::Vocabulary;

/// The primary key of both indexes.
pub(super) const PRIMARY_KEY: &str = "id";

/// Highest number of hits Meilisearch counts and lets a page reach (its
/// default, 1000, would cap `totalHits`).
const MAX_TOTAL_HITS: usize = 1_000_000;
/// Highest number of values counted per facet (default 100).
const MAX_VALUES_PER_FACET: usize = 1_000;

/// Searched attributes besides titles and descriptions, in ranking order:
/// what the listing is comes first (so the `attribute` rule puts olive oil
/// before the sardines whose title says "in olive oil"), its producer after
/// the titles; after the descriptions its origin and certifications, then
/// codes and the concepts its text merely mentions.
const SEARCHABLE_FIRST: &str = "product_concepts";
const SEARCHABLE_AFTER_TITLES: [&str; 1] = ["producer_name"];
const SEARCHABLE_LAST: [&str; 3] = ["qualifiers", "hs", "concepts"];
const FILTERABLE: [&str; 10] =
    ["sector", "region", "certification", "label", "incoterm", "cooperative", "verified", "moq", "hs", "producer_id"];
const SORTABLE: [&str; 2] = ["published_at", "moq_sort"];
/// Meilisearch's default rules with `sort` first, so that an explicit order
/// (newest, smallest MOQ) is strict (without a sort parameter it does
/// nothing); `attribute` before `words`, so that a listing that *is* the
/// product named (its concept token in `product_concepts`, the first
/// searchable attribute) comes before one that holds more of the words in
/// a title that only mentions it; listing quality last, to break ties
/// (`ranking`).
const RANKING_RULES: [&str; 7] = ["sort", "attribute", "words", "typo", "proximity", "exactness", "quality:desc"];

/// The Meilisearch locale (ISO 639-3) of a language slug.
fn meili_locale(language: &str) -> Option<&'static str> {
    match language {
        "fr" => Some("fra"),
        "en" => Some("eng"),
        "ar" => Some("ara"),
        "es" => Some("spa"),
        "pt" => Some("por"),
        "zh" => Some("cmn"),
        _ => None,
    }
}

/// The index's synonyms: every name of every concept, in every language,
/// leads to the concept's token (one way: the token leads nowhere).
fn concept_synonyms() -> HashMap<String, Vec<String>> {
    let vocabulary = Vocabulary::global();
    let mut synonyms: HashMap<String, Vec<String>> = HashMap::new();
    for index in 0..vocabulary.len() {
        let concept = vocabulary.concept(index);
        let token = concept_token(&concept.id);
        for name in concept.names.iter().flat_map(|(_, names)| names) {
            let tokens = synonyms.entry(name.to_lowercase()).or_default();
            if !tokens.contains(&token) {
                tokens.push(token.clone());
            }
        }
    }
    synonyms
}

/// The settings of a listings index.
pub(super) fn index_settings() -> Settings {
    let searchable: Vec<String> = std::iter::once(SEARCHABLE_FIRST.to_owned())
        .chain(LANGUAGES.iter().map(|language| format!("title_{language}")))
        .chain(SEARCHABLE_AFTER_TITLES.iter().map(|attribute| (*attribute).to_owned()))
        .chain(LANGUAGES.iter().map(|language| format!("description_{language}")))
        .chain(SEARCHABLE_LAST.iter().map(|attribute| (*attribute).to_owned()))
        .collect();
    let localized: Vec<LocalizedAttributes> = LANGUAGES
        .iter()
        .filter_map(|language| {
            meili_locale(language).map(|locale| LocalizedAttributes {
                locales: vec![locale.to_owned()],
                attribute_patterns: vec![format!("title_{language}"), format!("description_{language}")],
            })
        })
        .collect();
    Settings::new()
        .with_searchable_attributes(searchable)
        .with_filterable_attributes(FILTERABLE)
        .with_sortable_attributes(SORTABLE)
        .with_ranking_rules(RANKING_RULES)
        .with_localized_attributes(localized)
        .with_synonyms(concept_synonyms())
        .with_typo_tolerance(TypoToleranceSettings {
            enabled: Some(true),
            // HS codes are numbers: 151590 must not find 151591. Concept
            // tokens are matched exactly.
            disable_on_attributes: Some(
                ["hs", "concepts", "product_concepts", "qualifiers"].map(str::to_owned).to_vec(),
            ),
            min_word_size_for_typos: Some(MinWordSizeForTypos { one_typo: Some(5), two_typos: Some(9) }),
            ..TypoToleranceSettings::default()
        })
        .with_pagination(PaginationSetting { max_total_hits: MAX_TOTAL_HITS })
        .with_faceting(FacetingSettings { max_values_per_facet: MAX_VALUES_PER_FACET, ..FacetingSettings::default() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_rank_titles_first_and_localise_each_language() {
        let settings = serde_json::to_value(index_settings()).unwrap();
        let searchable = settings["searchableAttributes"].as_array().unwrap();
        assert_eq!(searchable[0], "product_concepts");
        assert_eq!(searchable[1], "title_fr");
        assert_eq!(searchable[LANGUAGES.len() + 1], "producer_name");
        assert_eq!(searchable.last().unwrap(), "concepts");
        let synonyms = settings["synonyms"].as_object().unwrap();
        assert_eq!(synonyms["橄榄油"], serde_json::json!(["vocabconceptoliveoil"]));
        assert_eq!(synonyms["azeite"], serde_json::json!(["vocabconceptoliveoil"]));
        assert!(!synonyms.contains_key("huile"), "part of a name is no concept");
        let localized = settings["localizedAttributes"].as_array().unwrap();
        assert_eq!(localized.len(), LANGUAGES.len());
        assert!(localized.iter().any(|rule| rule["locales"] == serde_json::json!(["cmn"])
            && rule["attributePatterns"] == serde_json::json!(["title_zh", "description_zh"])));
        assert_eq!(settings["typoTolerance"]["minWordSizeForTypos"]["oneTypo"], 5);
        assert_eq!(settings["typoTolerance"]["minWordSizeForTypos"]["twoTypos"], 9);
    }
}
