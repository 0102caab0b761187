//! Widening a search that matched nothing, so the buyer sees the closest
//! useful results and is told how they differ from what was typed: first
//! the words respelt as the vocabulary spells them, or a six-digit HS code
//! that no listing carries widened to its heading (`0805.21` → `0805`),
//! else the query without its least important word. A word that names a product (a vocabulary
//! concept, alone or as part of a longer name) is more important than one
//! that does not ("argan oil Lagos": "Lagos" goes first); among words of the
//! same weight, the drop that leaves more results is the better guess.

use crate::search::analysis::fold;
use crate::search::vocabulary::Vocabulary;

/// Queries of more words than this are not widened word by word (each
/// candidate costs a search).
pub const MAX_WORDS: usize = 6;
/// Word drops are tried for at most this long, whatever the query: a query
/// that finds nothing cannot make the server search for long.
pub const WIDEN_WITHIN: std::time::Duration = std::time::Duration::from_millis(400);

/// One way to widen a query: without one of its words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordDrop {
    /// The word as typed.
    pub word: String,
    /// The query without it.
    pub text: String,
    /// How many of the query's product concepts it takes with it.
    pub concepts_lost: usize,
}

/// `text` with each six-digit HS code (`080521`, `0805.21`) cut to its
/// four-digit heading, or `None` when it holds none.
pub fn hs_headings(text: &str) -> Option<String> {
    let mut changed = false;
    let words: Vec<String> = text
        .split_whitespace()
        .map(|word| {
            let digits: String = word.chars().filter(char::is_ascii_digit).collect();
            let code_only = word.chars().all(|c| c.is_ascii_digit() || c == '.');
            if code_only && digits.len() == 6 {
                changed = true;
                digits[..4].to_owned()
            } else {
                word.to_owned()
            }
        })
        .collect();
    changed.then(|| words.join(" "))
}

/// The concepts `text` names, as a sorted list of indexes.
fn concepts(text: &str) -> Vec<usize> {
    let mut found: Vec<usize> = Vocabulary::global().find(&fold(text)).into_iter().map(|hit| hit.concept).collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// Every query `text` gives without one of its words (none for a single
/// word or more than `MAX_WORDS`), in the order typed.
pub fn word_drops(text: &str) -> Vec<WordDrop> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2 || words.len() > MAX_WORDS {
        return Vec::new();
    }
    let named = concepts(text);
    (0..words.len())
        .filter(|skipped| words[*skipped].chars().any(char::is_alphanumeric))
        .map(|skipped| {
            let rest: Vec<&str> =
                words.iter().enumerate().filter(|(at, _)| *at != skipped).map(|(_, word)| *word).collect();
            let rest = rest.join(" ");
            let kept = concepts(&rest);
            WordDrop {
                word: words[skipped].to_owned(),
                concepts_lost: named.iter().filter(|concept| !kept.contains(concept)).count(),
                text: rest,
            }
        })
        .collect()
}

/// The best of the drops that found something: `(drop, total)` pairs; the
/// one losing the fewest concepts, then finding the most, then the last
/// word typed (qualifiers tend to come last).
pub fn best_drop(found: Vec<(WordDrop, u64)>) -> Option<WordDrop> {
    found
        .into_iter()
        .enumerate()
        .filter(|(_, (_, total))| *total > 0)
        .max_by_key(|(at, (drop, total))| (std::cmp::Reverse(drop.concepts_lost), *total, *at))
        .map(|(_, (drop, _))| drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_word_can_be_dropped_and_product_words_weigh_more() {
        let drops = word_drops("argan oil Lagos");
        assert_eq!(drops.len(), 3);
        assert_eq!(drops[2].word, "Lagos");
        assert_eq!(drops[2].text, "argan oil");
        assert_eq!(drops[2].concepts_lost, 0);
        assert!(drops[0].concepts_lost > 0, "argan names a product: {drops:?}");
        assert!(word_drops("argan").is_empty());
        assert!(word_drops(&"a ".repeat(MAX_WORDS + 1)).is_empty());
    }

    #[test]
    fn subheadings_widen_to_their_heading() {
        assert_eq!(hs_headings("HS 0805.21").as_deref(), Some("HS 0805"));
        assert_eq!(hs_headings("080521").as_deref(), Some("0805"));
        assert_eq!(hs_headings("0805"), None);
        assert_eq!(hs_headings("argan oil"), None);
    }

    #[test]
    fn the_best_drop_keeps_the_product() {
        let drops = word_drops("argan oil Lagos");
        let found = vec![(drops[0].clone(), 40), (drops[1].clone(), 3), (drops[2].clone(), 12)];
        assert_eq!(best_drop(found).map(|drop| drop.word).as_deref(), Some("Lagos"));
        assert_eq!(best_drop(vec![(drops[0].clone(), 0)]), None, "a drop must find something");
    }
}
