//! The cross-language trade vocabulary (`vocabulary.json`, reviewed like code,
//! its sources named in the file): product concepts of Morocco's export offer,
//! each with its names in the six search languages and its HS headings.
//!
//! At index time a listing gets the concepts its text names (in any
//! language) and the concept its HS code identifies; at query time the words
//! of a query are looked up among every language's names, so "azeite",
//! "橄榄油", "زيت الزيتون" and "olive oil" all reach a listing written only in
//! French. Names are matched as whole words on folded text (`analysis::fold`);
//! in Chinese, where words are not spaced, anywhere.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use super::LANGUAGES;
use super::analysis::{fold, is_unspaced};
use super::document::SearchDocument;

#[derive(Deserialize)]
struct VocabularyFile {
    #[allow(dead_code)]
    sources: Vec<String>,
    #[serde(default)]
    filler: FillerEntry,
    concepts: Vec<ConceptEntry>,
}

/// Words that say nothing about the product, by language.
#[derive(Default, Deserialize)]
struct FillerEntry {
    #[allow(dead_code)]
    #[serde(default)]
    about: String,
    #[serde(flatten)]
    words: HashMap<String, Vec<String>>,
}

/// One word of a query as typed, and what the vocabulary makes of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedWord {
    pub text: String,
    /// Every part of it belongs to a product name the query holds.
    pub names_product: bool,
    /// It says nothing about the product ("supplier", "certified", "HS").
    pub filler: bool,
}

#[derive(Deserialize)]
struct ConceptEntry {
    id: String,
    hs: Vec<String>,
    fr: Vec<String>,
    en: Vec<String>,
    ar: Vec<String>,
    es: Vec<String>,
    pt: Vec<String>,
    zh: Vec<String>,
}

impl ConceptEntry {
    fn names(&self, language: &str) -> &[String] {
        match language {
            "fr" => &self.fr,
            "en" => &self.en,
            "ar" => &self.ar,
            "es" => &self.es,
            "pt" => &self.pt,
            _ => &self.zh,
        }
    }
}

/// One concept.
pub struct Concept {
    pub id: String,
    /// HS headings or subheadings (digits only).
    pub hs: Vec<String>,
    /// Names by language slug, the most common first.
    pub names: Vec<(&'static str, Vec<String>)>,
}

/// Where a concept's name was found in folded text (byte offsets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub concept: usize,
    pub start: usize,
    pub end: usize,
}

/// The loaded vocabulary with its name matcher.
pub struct Vocabulary {
    concepts: Vec<Concept>,
    by_id: HashMap<String, usize>,
    matcher: Option<AhoCorasick>,
    /// For each matcher pattern: its concept and whether it matches anywhere
    /// (unspaced scripts) rather than as whole words.
    patterns: Vec<(usize, bool)>,
    /// HS codes that identify one concept alone (a heading shared by several
    /// concepts, such as citrus fruit, identifies none of them).
    hs_owner: Vec<(String, usize)>,
    /// Every name, folded once: (concept, language, folded name trimmed,
    /// the name as written), for suggestions.
    folded_names: Vec<(usize, &'static str, String, String)>,
    /// The words of every name in spaced scripts, folded, with one spelling
    /// as written (lower-cased) and the languages that use it, for "did you
    /// mean".
    words: Vec<SpelledWord>,
    /// Filler words, folded.
    filler: std::collections::HashSet<String>,
}

/// A vocabulary word for respelling queries.
struct SpelledWord {
    folded: Vec<char>,
    written: String,
    languages: Vec<&'static str>,
}

static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    Vocabulary::parse(include_str!("vocabulary.json")).unwrap_or_else(|error| {
        tracing::error!(%error, "the trade vocabulary does not load: search runs without it");
        Vocabulary::empty()
    })
});

impl Vocabulary {
    /// The vocabulary compiled into the server.
    pub fn global() -> &'static Vocabulary {
        &VOCABULARY
    }

    fn empty() -> Vocabulary {
        Vocabulary {
            concepts: Vec::new(),
            by_id: HashMap::new(),
            matcher: None,
            patterns: Vec::new(),
            hs_owner: Vec::new(),
            folded_names: Vec::new(),
            words: Vec::new(),
            filler: Default::default(),
        }
    }

    /// Reads a vocabulary file.
    pub fn parse(json: &str) -> anyhow::Result<Vocabulary> {
        let mut file: VocabularyFile = serde_json::from_str(json)?;
        let mut concepts = Vec::new();
        let mut by_id = HashMap::new();
        let mut patterns = Vec::new();
        let mut folded_names = Vec::new();
        let mut named = Vec::new();
        let mut words: Vec<SpelledWord> = Vec::new();
        let mut word_index: HashMap<String, usize> = HashMap::new();
        let mut hs_count: HashMap<String, usize> = HashMap::new();
        for entry in std::mem::take(&mut file.concepts) {
            let index = concepts.len();
            if by_id.insert(entry.id.clone(), index).is_some() {
                anyhow::bail!("concept `{}` appears twice", entry.id);
            }
            let mut names = Vec::new();
            for language in LANGUAGES {
                let list = entry.names(language).to_vec();
                for name in &list {
                    let folded = fold(name);
                    if folded.trim().is_empty() {
                        continue;
                    }
                    let unspaced = folded.chars().any(is_unspaced);
                    named.push((index, language, folded.trim().to_owned(), name.clone()));
                    if !unspaced {
                        for written in name.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 3) {
                            let key = fold(written).trim().to_owned();
                            if key.is_empty() || key.contains(' ') {
                                continue;
                            }
                            let slot = *word_index.entry(key.clone()).or_insert_with(|| {
                                words.push(SpelledWord {
                                    folded: key.chars().collect(),
                                    written: written.to_lowercase(),
                                    languages: Vec::new(),
                                });
                                words.len() - 1
                            });
                            if !words[slot].languages.contains(&language) {
                                words[slot].languages.push(language);
                            }
                        }
                    }
                    folded_names.push(if unspaced { folded.trim().to_owned() } else { folded });
                    patterns.push((index, unspaced));
                }
                names.push((language, list));
            }
            let hs: Vec<String> =
                entry.hs.iter().map(|code| code.chars().filter(char::is_ascii_digit).collect()).collect();
            for code in &hs {
                *hs_count.entry(code.clone()).or_default() += 1;
            }
            concepts.push(Concept { id: entry.id, hs, names });
        }
        let hs_owner = concepts
            .iter()
            .enumerate()
            .flat_map(|(index, concept)| concept.hs.iter().map(move |code| (code.clone(), index)))
            .filter(|(code, _)| hs_count.get(code) == Some(&1) && code.len() >= 4)
            .collect();
        let matcher = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&folded_names)?;
        let filler = file
            .filler
            .words
            .values()
            .flatten()
            .map(|word| fold(word).trim().to_owned())
            .filter(|word| !word.is_empty())
            .collect();
        Ok(Vocabulary {
            concepts,
            by_id,
            matcher: Some(matcher),
            patterns,
            hs_owner,
            folded_names: named,
            words,
            filler,
        })
    }

    pub fn len(&self) -> usize {
        self.concepts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    pub fn concept(&self, index: usize) -> &Concept {
        &self.concepts[index]
    }

    pub fn by_id(&self, id: &str) -> Option<&Concept> {
        self.by_id.get(id).map(|index| &self.concepts[*index])
    }

    /// Every name of a concept, in every language.
    pub fn names(&self, id: &str) -> Vec<&str> {
        self.by_id(id)
            .map(|concept| concept.names.iter().flat_map(|(_, names)| names.iter().map(String::as_str)).collect())
            .unwrap_or_default()
    }

    /// Concept names found in text already passed through `analysis::fold`
    /// (whole words, or anywhere for unspaced scripts), overlapping allowed.
    pub fn find(&self, folded: &str) -> Vec<Found> {
        let Some(matcher) = &self.matcher else { return Vec::new() };
        matcher
            .find_overlapping_iter(folded)
            .map(|found| {
                let (concept, unspaced) = self.patterns[found.pattern().as_usize()];
                // Whole-word patterns carry their surrounding spaces: report the word's span.
                let (start, end) =
                    if unspaced { (found.start(), found.end()) } else { (found.start() + 1, found.end() - 1) };
                Found { concept, start, end }
            })
            .collect()
    }

    /// The concepts a listing's text and HS code name, by id, sorted.
    pub fn concepts_of(&self, document: &SearchDocument) -> Vec<String> {
        let mut found = BTreeSet::new();
        for text in document.all_text() {
            for hit in self.find(&fold(text)) {
                found.insert(hit.concept);
            }
        }
        if let Some(code) = &document.hs_code {
            for (prefix, concept) in &self.hs_owner {
                if code.starts_with(prefix.as_str()) {
                    found.insert(*concept);
                }
            }
        }
        found.into_iter().map(|index| self.concepts[index].id.clone()).collect()
    }

    /// Sets a document's concepts: every one its text and HS code name, and
    /// those that say what it is.
    pub fn annotate(&self, document: &mut SearchDocument) {
        document.concepts = self.concepts_of(document);
        document.product_concepts = self.product_concepts_of(document);
    }

    /// The concepts that say what a listing *is*: in each title, the concept
    /// named first (in Chinese, where the head noun comes last, the one
    /// named last), plus the concept its HS code identifies. "Amlou almond
    /// and argan spread" is amlou, not argan oil; "Sardines in olive oil"
    /// is sardines. Chinese titles count only when no other title is
    /// written, since their head is the least certain. Sorted ids.
    pub fn product_concepts_of(&self, document: &SearchDocument) -> Vec<String> {
        let mut found = BTreeSet::new();
        let spaced: Vec<&String> =
            document.titles.iter().filter(|(language, _)| *language != "zh").map(|(_, title)| title).collect();
        let titles: Vec<(&String, bool)> = if spaced.is_empty() {
            document.titles.values().map(|title| (title, true)).collect()
        } else {
            spaced.into_iter().map(|title| (title, false)).collect()
        };
        for (title, head_last) in titles {
            found.extend(self.heads(&fold(title), head_last));
        }
        if let Some(code) = &document.hs_code {
            for (prefix, concept) in &self.hs_owner {
                if code.starts_with(prefix.as_str()) {
                    found.insert(*concept);
                }
            }
        }
        found.into_iter().map(|index| self.concepts[index].id.clone()).collect()
    }

    /// The concepts named at the head of folded text: every name starting
    /// where the first one starts (or, `head_last`, ending where the last
    /// one ends).
    fn heads(&self, folded: &str, head_last: bool) -> Vec<usize> {
        let hits = self.find(folded);
        let edge =
            if head_last { hits.iter().map(|hit| hit.end).max() } else { hits.iter().map(|hit| hit.start).min() };
        let Some(edge) = edge else { return Vec::new() };
        hits.iter()
            .filter(|hit| if head_last { hit.end == edge } else { hit.start == edge })
            .map(|hit| hit.concept)
            .collect()
    }

    /// Whether a folded word says nothing about the product.
    pub fn is_filler(&self, folded_word: &str) -> bool {
        self.filler.contains(folded_word)
    }

    /// The words of a query (split at spaces), each with whether it is part
    /// of a product name the query holds and whether it is filler.
    pub fn typed_words(&self, text: &str) -> Vec<TypedWord> {
        let typed: Vec<&str> = text.split_whitespace().collect();
        // The query folded word by word, so each typed word keeps its span.
        let mut folded = String::from(" ");
        let mut spans = Vec::with_capacity(typed.len());
        for word in &typed {
            let start = folded.len();
            folded.push_str(fold(word).trim());
            spans.push((start, folded.len()));
            folded.push(' ');
        }
        let hits = self.find(&folded);
        typed
            .iter()
            .zip(spans)
            .map(|(word, (start, end))| {
                let part = folded[start..end].to_owned();
                let mut covered = !part.is_empty();
                let mut at = start;
                for piece in part.split(' ') {
                    let (from, to) = (at, at + piece.len());
                    covered &= hits.iter().any(|hit| hit.start <= from && to <= hit.end);
                    at = to + 1;
                }
                TypedWord {
                    text: (*word).to_owned(),
                    names_product: covered,
                    filler: !covered && self.is_filler(&part),
                }
            })
            .collect()
    }

    /// `text` without its filler words, unless nothing else would remain.
    pub fn without_filler(&self, text: &str) -> String {
        let words = self.typed_words(text);
        if words.iter().all(|word| word.filler) || !words.iter().any(|word| word.filler) {
            return text.to_owned();
        }
        words.into_iter().filter(|word| !word.filler).map(|word| word.text).collect::<Vec<_>>().join(" ")
    }

    /// The separate product names in folded text: the longest names,
    /// leftmost first, that do not overlap ("olive oil sardines" holds two;
    /// "huile d'argan" one, though "argan" is a name too).
    pub fn separate_names(&self, folded: &str) -> Vec<Found> {
        let mut hits = self.find(folded);
        hits.sort_by_key(|hit| (hit.start, std::cmp::Reverse(hit.end)));
        let mut covered = 0;
        hits.retain(|hit| {
            let separate = hit.start >= covered;
            if separate {
                covered = hit.end;
            }
            separate
        });
        hits
    }

    /// `text` with each run of an unspaced script (Chinese) split where the
    /// vocabulary's names begin and end, so that every word of a query can
    /// be weighed, kept or dropped on its own: "散装橄榄油" (bulk olive oil)
    /// becomes "散装 橄榄油". Other text is left as written.
    pub fn space_unspaced(&self, text: &str) -> String {
        if !text.chars().any(is_unspaced) {
            return text.to_owned();
        }
        let mut out = String::with_capacity(text.len() + 8);
        let mut run = String::new();
        let flush = |run: &mut String, out: &mut String| {
            if run.is_empty() {
                return;
            }
            let folded = fold(run);
            // A name is never cut inside (摩洛哥坚果油 stays whole).
            let mut cuts: BTreeSet<usize> = BTreeSet::new();
            for hit in self.separate_names(&folded) {
                cuts.insert(hit.start);
                cuts.insert(hit.end);
            }
            // Folding a Chinese run only adds the spaces at both ends.
            let inner = folded.trim();
            let offset = folded.len() - folded.trim_start().len();
            let mut last = 0;
            let mut pieces = Vec::new();
            for cut in cuts.into_iter().map(|cut| cut.saturating_sub(offset)) {
                if cut > last && cut <= inner.len() && inner.is_char_boundary(cut) {
                    pieces.push(&inner[last..cut]);
                    last = cut;
                }
            }
            if last < inner.len() {
                pieces.push(&inner[last..]);
            }
            if inner == run.as_str() {
                out.push_str(&pieces.join(" "));
            } else {
                out.push_str(run);
            }
            run.clear();
        };
        for c in text.chars() {
            if is_unspaced(c) {
                run.push(c);
            } else {
                flush(&mut run, &mut out);
                out.push(c);
            }
        }
        flush(&mut run, &mut out);
        out
    }

    /// Concepts whose name starts with `prefix` (folded), for suggestions:
    /// (concept id, the matching name), at most `limit`; a name in the
    /// reader's language is preferred, then the concept's first match.
    pub fn suggest(&self, prefix: &str, language: &str, limit: usize) -> Vec<(String, String)> {
        let wanted = fold(prefix);
        let wanted = wanted.trim();
        if wanted.chars().count() < 2 {
            return Vec::new();
        }
        let mut best: Vec<(usize, &str, bool)> = Vec::new();
        for (concept, name_language, folded, written) in &self.folded_names {
            if !folded.starts_with(wanted) {
                continue;
            }
            let native = *name_language == language;
            match best.iter_mut().find(|(seen, _, _)| seen == concept) {
                Some(slot) if native && !slot.2 => *slot = (*concept, written, true),
                Some(_) => {}
                None => best.push((*concept, written, native)),
            }
        }
        // Names in the reader's language first, then the vocabulary's order.
        best.sort_by_key(|(concept, _, native)| (!native, *concept));
        best.into_iter()
            .take(limit)
            .map(|(concept, name, _)| (self.concepts[concept].id.clone(), name.to_owned()))
            .collect()
    }

    /// `text` with each word the vocabulary does not know replaced by the
    /// closest word it knows (in any language, the reader's preferred on a
    /// tie), when one is near enough: one edit for words of up to 4
    /// letters, two up to 8, three beyond (adjacent letters swapped count as
    /// one). `None` when no word changed.
    pub fn respell(&self, text: &str, language: &str) -> Option<String> {
        let mut changed = false;
        let mut respelt = String::with_capacity(text.len());
        let mut word = String::new();
        let mut flush = |word: &mut String, out: &mut String| {
            if word.is_empty() {
                return;
            }
            match self.closest_word(word, language) {
                Some(closer) => {
                    changed = true;
                    out.push_str(&closer);
                }
                None => out.push_str(word),
            }
            word.clear();
        };
        for c in text.trim().chars() {
            if c.is_alphanumeric() {
                word.push(c);
            } else {
                flush(&mut word, &mut respelt);
                respelt.push(c);
            }
        }
        flush(&mut word, &mut respelt);
        changed.then_some(respelt)
    }

    fn closest_word(&self, word: &str, language: &str) -> Option<String> {
        let folded = fold(word);
        let folded = folded.trim();
        if folded.is_empty()
            || folded.contains(' ')
            || folded.chars().any(is_unspaced)
            || folded.chars().any(|c| c.is_ascii_digit())
        {
            return None;
        }
        let wanted: Vec<char> = folded.chars().collect();
        let budget = match wanted.len() {
            0..=2 => return None,
            3..=4 => 1,
            5..=8 => 2,
            _ => 3,
        };
        let mut best: Option<(usize, bool, &SpelledWord)> = None;
        for candidate in &self.words {
            if candidate.folded.len().abs_diff(wanted.len()) > budget {
                continue;
            }
            let distance = edit_distance(&wanted, &candidate.folded);
            if distance == 0 {
                return None;
            }
            if distance > budget {
                continue;
            }
            let native = candidate.languages.contains(&language);
            let better = match best {
                None => true,
                Some((d, n, _)) => distance < d || (distance == d && native && !n),
            };
            if better {
                best = Some((distance, native, candidate));
            }
        }
        best.map(|(_, _, word)| word.written.clone())
    }
}

/// Edit distance with adjacent transpositions (optimal string alignment).
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for (i, row) in rows.chunks_mut(width).enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = value;
        }
    }
    rows[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_loads_and_is_complete() {
        let vocabulary = Vocabulary::parse(include_str!("vocabulary.json")).expect("vocabulary.json parses");
        assert!(vocabulary.len() >= 250, "at least 250 concepts, found {}", vocabulary.len());
        for concept in &vocabulary.concepts {
            assert!(!concept.hs.is_empty(), "{} has an HS code", concept.id);
            assert!(
                concept.hs.iter().all(|code| matches!(code.len(), 4 | 6)),
                "{}: HS codes of 4 or 6 digits",
                concept.id
            );
            for (language, names) in &concept.names {
                assert!(!names.is_empty(), "{} has a name in {language}", concept.id);
            }
        }
    }

    #[test]
    fn names_match_in_every_language_as_whole_words() {
        let vocabulary = Vocabulary::global();
        let olive_oil = |text: &str| {
            vocabulary.find(&fold(text)).iter().any(|hit| vocabulary.concept(hit.concept).id == "olive-oil")
        };
        assert!(olive_oil("Huile d'olive vierge extra de Meknès"));
        assert!(olive_oil("azeite"));
        assert!(olive_oil("橄榄油"));
        assert!(olive_oil("زيت الزيتون"));
        assert!(olive_oil("extra virgin OLIVE OIL"));
        assert!(!olive_oil("olive oilcloth"), "whole words only");
    }

    #[test]
    fn a_listing_gets_concepts_from_its_text_and_its_hs_code() {
        let vocabulary = Vocabulary::global();
        let document = SearchDocument {
            titles: [("fr".to_owned(), "Safran de Taliouine".to_owned())].into(),
            hs_code: Some("150910".to_owned()),
            ..SearchDocument::default()
        };
        let concepts = vocabulary.concepts_of(&document);
        assert!(concepts.contains(&"saffron".to_owned()), "{concepts:?}");
        assert!(concepts.contains(&"olive-oil".to_owned()), "HS 1509 is olive oil: {concepts:?}");
    }

    #[test]
    fn a_listing_is_what_its_title_names_first() {
        let vocabulary = Vocabulary::global();
        let titled = |fr: &str, en: &str| SearchDocument {
            titles: [("fr".to_owned(), fr.to_owned()), ("en".to_owned(), en.to_owned())].into(),
            ..SearchDocument::default()
        };
        let amlou =
            vocabulary.product_concepts_of(&titled("Amlou aux amandes et à l'argan", "Amlou almond and argan spread"));
        assert!(amlou.contains(&"amlou".to_owned()) && !amlou.contains(&"argan-oil".to_owned()), "{amlou:?}");
        let argan = vocabulary.product_concepts_of(&titled("Huile d'argan cosmétique", "Cosmetic argan oil"));
        assert!(argan.contains(&"argan-oil".to_owned()), "{argan:?}");
        let chinese = SearchDocument {
            titles: [("zh".to_owned(), "冷榨摩洛哥坚果油".to_owned())].into(),
            ..SearchDocument::default()
        };
        assert!(vocabulary.product_concepts_of(&chinese).contains(&"argan-oil".to_owned()));
    }

    #[test]
    fn chinese_queries_are_split_at_the_names_they_hold() {
        let vocabulary = Vocabulary::global();
        assert_eq!(vocabulary.space_unspaced("散装橄榄油"), "散装 橄榄油");
        assert_eq!(vocabulary.space_unspaced("olive oil"), "olive oil");
        assert_eq!(vocabulary.space_unspaced("橄榄油"), "橄榄油");
        assert_eq!(vocabulary.space_unspaced("摩洛哥坚果油"), "摩洛哥坚果油", "a name is not cut inside");
    }

    #[test]
    fn filler_words_go_unless_they_name_a_product() {
        let vocabulary = Vocabulary::global();
        assert_eq!(vocabulary.without_filler("BRC certified olive oil"), "BRC olive oil");
        assert_eq!(vocabulary.without_filler("code SH 0910.20"), "0910.20");
        assert_eq!(vocabulary.without_filler("supplier"), "supplier", "nothing else would remain");
        let words = vocabulary.typed_words("huile d'olive Meknès");
        assert!(words[0].names_product && words[1].names_product, "{words:?}");
        assert!(!words[2].names_product && !words[2].filler, "{words:?}");
    }

    #[test]
    fn a_misspelt_query_is_respelt_from_the_vocabulary() {
        let vocabulary = Vocabulary::global();
        assert_eq!(vocabulary.respell("sfaron", "fr").as_deref(), Some("safran"), "two edits, one a swap");
        let argan = vocabulary.respell("huile d'arganne", "fr").expect("respelt");
        assert!(argan.starts_with("huile d'argan"), "{argan}");
        assert_eq!(vocabulary.respell("saffron", "en"), None, "a known word stays");
        assert_eq!(vocabulary.respell("xqzwv", "en"), None, "nothing near enough");
        assert_eq!(vocabulary.respell("151590", "en"), None, "codes are left alone");
    }

    #[test]
    fn suggestions_prefer_the_readers_language() {
        let vocabulary = Vocabulary::global();
        let french = vocabulary.suggest("saf", "fr", 3);
        assert!(
            french.iter().any(|(id, name)| id == "saffron" && name.to_lowercase().starts_with("safran")),
            "{french:?}"
        );
        let english = vocabulary.suggest("saf", "en", 3);
        assert!(
            english.iter().any(|(id, name)| id == "saffron" && name.to_lowercase().starts_with("saffron")),
            "{english:?}"
        );
        assert!(vocabulary.suggest("s", "fr", 3).is_empty(), "one letter is too little");
        assert!(vocabulary.suggest("زيت", "ar", 5).iter().any(|(id, _)| id == "olive-oil"));
        assert!(vocabulary.suggest("橄榄", "zh", 5).iter().any(|(id, _)| id == "olive-oil"));
    }

    #[test]
    fn edit_distance_counts_a_swap_as_one() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edit_distance(&chars("safran"), &chars("sfaran")), 1);
        assert_eq!(edit_distance(&chars("argan"), &chars("argane")), 1);
        assert_eq!(edit_distance(&chars(""), &chars("abc")), 3);
        assert_eq!(edit_distance(&chars("kitten"), &chars("sitting")), 3);
    }
}
