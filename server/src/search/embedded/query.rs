//! Turns a `SearchRequest` into a tantivy query. Every word of the text must
//! match somewhere: in a title or description in any language (analysed as
//! that language: stemmed, folded, normalised or segmented), in the producer's
//! name, as an HS code, or through a vocabulary concept that the query names.
//! Typos are tolerated from 5 characters (one) and 9 (two), the last word
//! also matches as a prefix, and exact matches outrank fuzzy ones, which
//! outrank concept matches. A word whose concept is what a listing *is*
//! (`product_concepts`) scores far above one its text merely mentions, so
//! argan oil comes before the amlou made with it. Origin, town and
//! certification names (`qualifiers`) match too ("argan oil Agadir").

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenizerManager;

use super::schema::{Fields, bool_slug};
use crate::search::analysis::{NAME_ANALYZER, fold, join_hs_dots, tokens, tolerates_typos};
use crate::search::vocabulary::Vocabulary;
use crate::search::{Facet, Filters};

const TITLE_BOOST: f32 = 3.0;
const DESCRIPTION_BOOST: f32 = 1.0;
const PRODUCER_BOOST: f32 = 2.0;
/// The words as written (where typos are tolerated).
const WORDS_BOOST: f32 = 1.0;
/// A fuzzy or prefix match counts this fraction of an exact one.
const FUZZY_FACTOR: f32 = 0.3;
/// The fixed score of a concept the listing's text mentions: below any
/// exact title match.
const CONCEPT_SCORE: f32 = 0.4;
/// The fixed score of a concept that is what the listing is: above any
/// text match of the word.
const PRODUCT_CONCEPT_SCORE: f32 = 8.0;
/// Origin, town and certification names.
const QUALIFIER_BOOST: f32 = 1.0;
const HS_SCORE: f32 = 2.0;
/// At most this many words of a query are used.
const MAX_WORDS: usize = 12;

/// Edit distance allowed for a token of this many characters.
pub fn typo_distance(chars: usize) -> u8 {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// One word of the query with its place in the folded query text.
struct Word {
    text: String,
    start: usize,
    end: usize,
}

/// The words of folded text (which has single spaces between words).
fn words(folded: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, c) in folded.char_indices() {
        match (c == ' ', start) {
            (false, None) => start = Some(at),
            (true, Some(begin)) => {
                out.push(Word { text: folded[begin..at].to_owned(), start: begin, end: at });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(begin) = start {
        out.push(Word { text: folded[begin..].to_owned(), start: begin, end: folded.len() });
    }
    out
}

/// An HS code as typed (`1515.90`, `151590`, `1515`): its digits.
fn hs_code(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    let only_code = raw.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ' ');
    (only_code && matches!(digits.len(), 4 | 6)).then_some(digits)
}

fn term_clause(field: Field, token: &str, boost: f32, typos: bool, prefix: bool) -> Box<dyn Query> {
    let term = Term::from_field_text(field, token);
    let exact: Box<dyn Query> =
        Box::new(BoostQuery::new(Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)), boost));
    let distance = if typos { typo_distance(token.chars().count()) } else { 0 };
    let mut alternatives = vec![(Occur::Should, exact)];
    if distance > 0 {
        let fuzzy = FuzzyTermQuery::new(term.clone(), distance, true);
        alternatives.push((Occur::Should, Box::new(BoostQuery::new(Box::new(fuzzy), boost * FUZZY_FACTOR))));
    }
    if prefix && token.chars().count() >= 2 {
        let starts = FuzzyTermQuery::new_prefix(term, 0, true);
        alternatives.push((Occur::Should, Box::new(BoostQuery::new(Box::new(starts), boost * FUZZY_FACTOR))));
    }
    if alternatives.len() == 1 { alternatives.remove(0).1 } else { Box::new(BooleanQuery::new(alternatives)) }
}

/// A word's clause in one field: every token the field's analysis makes of
/// the word must match (a segmented Chinese word gives several).
fn field_clause(field: Field, word_tokens: &[String], boost: f32, typos: bool, prefix: bool) -> Option<Box<dyn Query>> {
    match word_tokens {
        [] => None,
        [only] => Some(term_clause(field, only, boost, typos, prefix)),
        many => {
            let last = many.len() - 1;
            let all = many
                .iter()
                .enumerate()
                .map(|(i, token)| (Occur::Must, term_clause(field, token, boost, typos, prefix && i == last)))
                .collect();
            Some(Box::new(BooleanQuery::new(all)))
        }
    }
}

/// The text part of the query, or `None` when the text has no searchable word.
fn text_query(fields: &Fields, manager: &TokenizerManager, text: &str) -> Option<Box<dyn Query>> {
    let folded = fold(&join_hs_dots(text));
    let found = Vocabulary::global().find(&folded);
    let mut word_list = words(&folded);
    word_list.truncate(MAX_WORDS);
    let count = word_list.len();
    let mut required = Vec::new();
    for (index, word) in word_list.iter().enumerate() {
        let prefix = index + 1 == count;
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut stop_word = false;
        for (language, title, body) in &fields.texts {
            let word_tokens = tokens(manager, language, &word.text);
            stop_word |= word_tokens.is_empty() && tolerates_typos(language) && *language != "ar";
            for (field, boost) in [(*title, TITLE_BOOST), (*body, DESCRIPTION_BOOST)] {
                // Stems match exactly (and as a prefix for the last word);
                // typos are matched on the words as written, below.
                if let Some(clause) = field_clause(field, &word_tokens, boost, false, prefix) {
                    alternatives.push((Occur::Should, clause));
                }
            }
        }
        let name_tokens = tokens(manager, NAME_ANALYZER, &word.text);
        let typos = !word.text.chars().any(crate::search::analysis::is_unspaced);
        if let Some(clause) = field_clause(fields.producer_name, &name_tokens, PRODUCER_BOOST, typos, prefix) {
            alternatives.push((Occur::Should, clause));
        }
        if let Some(clause) = field_clause(fields.words, &name_tokens, WORDS_BOOST, typos, prefix) {
            alternatives.push((Occur::Should, clause));
        }
        if let Some(code) = hs_code(&word.text) {
            let term = TermQuery::new(Term::from_field_text(fields.hs, &code), IndexRecordOption::Basic);
            alternatives.push((Occur::Should, Box::new(ConstScoreQuery::new(Box::new(term), HS_SCORE))));
        }
        // Whole words only: "argan" must not reach the label "Argane IGP".
        if let Some(clause) = field_clause(fields.qualifiers, &name_tokens, QUALIFIER_BOOST, false, false) {
            alternatives.push((Occur::Should, clause));
        }
        let mut named: Vec<usize> =
            found.iter().filter(|hit| hit.start <= word.start && word.end <= hit.end).map(|hit| hit.concept).collect();
        named.sort_unstable();
        named.dedup();
        for concept in named {
            let id = &Vocabulary::global().concept(concept).id;
            for (field, score) in [(fields.concept, CONCEPT_SCORE), (fields.product_concept, PRODUCT_CONCEPT_SCORE)] {
                let term = TermQuery::new(Term::from_field_text(field, id), IndexRecordOption::Basic);
                alternatives.push((Occur::Should, Box::new(ConstScoreQuery::new(Box::new(term), score))));
            }
        }
        // A stop word in any language ("de", "the") is not required: a
        // French title does not index "de", an English one may not have it.
        let concept_covered = found.iter().any(|hit| hit.start <= word.start && word.end <= hit.end);
        if (stop_word && !concept_covered) || alternatives.is_empty() {
            continue;
        }
        // Beside a product the query names, other words (an origin, a
        // packaging, a certification) rank what has them first without
        // hiding the product that lacks them: "aceite de oliva a granel"
        // finds olive oil, bulk first.
        let soft = !concept_covered && !found.is_empty() && hs_code(&word.text).is_none();
        let occur = if soft { Occur::Should } else { Occur::Must };
        required.push((occur, Box::new(BooleanQuery::new(alternatives)) as Box<dyn Query>));
    }
    (!required.is_empty()).then(|| Box::new(BooleanQuery::new(required)) as Box<dyn Query>)
}

fn any_of(field: Field, values: &[String]) -> Box<dyn Query> {
    let alternatives = values
        .iter()
        .map(|value| {
            let term = TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic);
            (Occur::Should, Box::new(term) as Box<dyn Query>)
        })
        .collect();
    Box::new(BooleanQuery::new(alternatives))
}

/// The filters as required, unscored clauses.
fn filter_clauses(fields: &Fields, filters: &Filters) -> Vec<Box<dyn Query>> {
    let mut clauses = Vec::new();
    let lists = [
        (Facet::Sector, &filters.sectors),
        (Facet::Region, &filters.regions),
        (Facet::Certification, &filters.certifications),
        (Facet::Label, &filters.labels),
        (Facet::Incoterm, &filters.incoterms),
    ];
    for (facet, values) in lists {
        if let (false, Some(field)) = (values.is_empty(), fields.facet(facet)) {
            clauses.push(any_of(field, values));
        }
    }
    for (facet, value) in [(Facet::Cooperative, filters.cooperative), (Facet::Verified, filters.verified)] {
        if let (Some(value), Some(field)) = (value, fields.facet(facet)) {
            clauses.push(any_of(field, &[bool_slug(value).to_owned()]));
        }
    }
    if let Some(max) = filters.moq_max {
        clauses.push(Box::new(RangeQuery::new(
            Bound::Included(Term::from_field_u64(fields.moq, 0)),
            Bound::Included(Term::from_field_u64(fields.moq, max)),
        )));
    }
    if let Some(code) = &filters.hs {
        clauses.push(any_of(fields.hs, std::slice::from_ref(code)));
    }
    if let Some(producer) = filters.producer_id {
        clauses.push(Box::new(TermQuery::new(
            Term::from_field_u64(fields.producer_id, producer as u64),
            IndexRecordOption::Basic,
        )));
    }
    clauses
}

/// The whole query, and whether it has text (which decides relevance order).
pub fn build(fields: &Fields, manager: &TokenizerManager, text: &str, filters: &Filters) -> (Box<dyn Query>, bool) {
    let text_part = text_query(fields, manager, text);
    let has_text = text_part.is_some();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(text_part) = text_part {
        clauses.push((Occur::Must, text_part));
    }
    for filter in filter_clauses(fields, filters) {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    if clauses.is_empty() {
        return (Box::new(AllQuery), false);
    }
    if !has_text {
        // Only filters: a match is a match, no score.
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    (Box::new(BooleanQuery::new(clauses)), has_text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_allowed_grow_with_word_length() {
        assert_eq!(typo_distance(4), 0);
        assert_eq!(typo_distance(5), 1);
        assert_eq!(typo_distance(8), 1);
        assert_eq!(typo_distance(9), 2);
    }

    #[test]
    fn hs_codes_are_recognised_as_typed() {
        assert_eq!(hs_code("1515.90").as_deref(), Some("151590"));
        assert_eq!(hs_code("151590").as_deref(), Some("151590"));
        assert_eq!(hs_code("1515").as_deref(), Some("1515"));
        assert_eq!(hs_code("15"), None);
        assert_eq!(hs_code("argan"), None);
    }

    #[test]
    fn words_keep_their_place_in_the_text() {
        let folded = fold("Huile d'olive");
        let found: Vec<(String, usize)> = words(&folded).into_iter().map(|w| (w.text, w.start)).collect();
        assert_eq!(found, [("huile".to_owned(), 1), ("d".to_owned(), 7), ("olive".to_owned(), 9)]);
    }
}
