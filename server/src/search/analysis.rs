//! Language analysis shared by the backends and the vocabulary: Arabic
//! normalisation (alef forms, taa marbuta, alef maqsura, tatweel, diacritics)
//! with article removal, accent folding for Latin scripts, and the tantivy
//! analyzers of each document language.
//!
//! Arabic is normalised rather than stemmed: tantivy's Snowball Arabic stemmer
//! turns الزيتون (olives) into زيت (oil), which would make every oil match
//! olives.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter,
    TextAnalyzer, TokenizerManager,
};

/// Arabic prefixes removed from a word when enough of it remains: the
/// article and the article after a conjunction or preposition.
const ARABIC_ARTICLES: [&str; 6] = ["وال", "بال", "كال", "فال", "لل", "ال"];

/// Arabic text in one canonical spelling, word by word without the article.
/// Other scripts pass through unchanged.
pub fn normalize_arabic(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, word) in text.split(' ').enumerate() {
        if index > 0 {
            out.push(' ');
        }
        let canonical: String = word.chars().filter_map(canonical_arabic_char).collect();
        out.push_str(strip_article(&canonical));
    }
    out
}

fn canonical_arabic_char(c: char) -> Option<char> {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ة' => Some('ه'),
        'ى' => Some('ي'),
        'ـ' => None,                     // tatweel
        '\u{064B}'..='\u{065F}' => None, // harakat, shadda, sukun…
        '\u{0670}' => None,              // superscript alef
        _ => Some(c),
    }
}

fn strip_article(word: &str) -> &str {
    for article in ARABIC_ARTICLES {
        if let Some(rest) = word.strip_prefix(article)
            && rest.chars().count() >= 2
        {
            return rest;
        }
    }
    word
}

/// Whether a character belongs to a script written without spaces between
/// words (Chinese, Japanese kana), where names match anywhere.
pub fn is_unspaced(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Text folded for matching names in any language: Arabic normalised,
/// lower-cased, accents folded, anything but letters and digits turned into
/// single spaces, with a space at both ends (so ` name ` matches whole words).
pub fn fold(text: &str) -> String {
    let mut folder =
        TextAnalyzer::builder(RawTokenizer::default()).filter(LowerCaser).filter(AsciiFoldingFilter).build();
    let arabic = normalize_arabic(text);
    let mut folded = String::with_capacity(arabic.len() + 2);
    let mut stream = folder.token_stream(&arabic);
    let lowered = if stream.advance() { stream.token().text.clone() } else { String::new() };
    folded.push(' ');
    let mut last_space = true;
    for c in lowered.chars() {
        if c.is_alphanumeric() {
            folded.push(c);
            last_space = false;
        } else if !last_space {
            folded.push(' ');
            last_space = true;
        }
    }
    if !last_space {
        folded.push(' ');
    }
    folded
}

/// The analyzer name of a document language's fields.
pub fn analyzer_of(language: &str) -> &'static str {
    match language {
        "fr" => "tradema_fr",
        "en" => "tradema_en",
        "es" => "tradema_es",
        "pt" => "tradema_pt",
        "ar" => "tradema_ar",
        "zh" => "tradema_zh",
        _ => NAME_ANALYZER,
    }
}

/// Names (producers): words lower-cased and folded, no stemming.
pub const NAME_ANALYZER: &str = "tradema_name";

/// Whether a language's analysis tolerates typos (Latin scripts and Arabic;
/// Chinese words are too short for edit distances to mean anything).
pub fn tolerates_typos(language: &str) -> bool {
    language != "zh"
}

fn stemmed(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(StopWordFilter::new(language).unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new())))
        .filter(Stemmer::new(language))
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers every analyzer on an index's tokenizer manager. Arabic fields
/// receive text already passed through `normalize_arabic`.
pub fn register(manager: &TokenizerManager) {
    manager.register("tradema_fr", stemmed(Language::French));
    manager.register("tradema_en", stemmed(Language::English));
    manager.register("tradema_es", stemmed(Language::Spanish));
    manager.register("tradema_pt", stemmed(Language::Portuguese));
    manager.register(
        "tradema_ar",
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .build(),
    );
    manager.register(
        "tradema_zh",
        TextAnalyzer::builder(tantivy_jieba::JiebaTokenizer::new())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build(),
    );
    manager.register(
        NAME_ANALYZER,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build(),
    );
}

/// The tokens `text` gives under an analyzer of `manager` (Arabic text is
/// normalised first, as documents are).
pub fn tokens(manager: &TokenizerManager, language: &str, text: &str) -> Vec<String> {
    let Some(mut analyzer) = manager.get(analyzer_of(language)) else {
        return Vec::new();
    };
    let text = if language == "ar" { normalize_arabic(text) } else { text.to_owned() };
    let mut stream = analyzer.token_stream(&text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// `1515.90` typed as one code: the dot between a heading and its
/// subheading is dropped before the text is split into words.
pub fn join_hs_dots(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, c) in chars.iter().enumerate() {
        let joins = *c == '.'
            && i >= 4
            && chars[i - 4..i].iter().all(char::is_ascii_digit)
            && chars.get(i + 1..i + 3).is_some_and(|next| next.iter().all(char::is_ascii_digit));
        if !joins {
            out.push(*c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_spellings_meet_in_one_form() {
        // Diacritics, hamza forms, taa marbuta and the article all go.
        assert_eq!(normalize_arabic("الزَّيْتُون"), "زيتون");
        assert_eq!(normalize_arabic("زيت الزيتون"), "زيت زيتون");
        assert_eq!(normalize_arabic("أركان"), "اركان");
        assert_eq!(normalize_arabic("زعفرانة"), "زعفرانه");
        assert_eq!(normalize_arabic("مـوسـى"), "موسي");
        assert_eq!(normalize_arabic("بالزيت"), "زيت");
        // Olives and oil stay different words.
        assert_ne!(normalize_arabic("الزيتون"), normalize_arabic("زيت"));
    }

    #[test]
    fn folding_matches_accents_case_and_punctuation() {
        assert_eq!(fold("ÉPICES, Huile d'olive!"), " epices huile d olive ");
        assert_eq!(fold("زيت الزيتون"), " زيت زيتون ");
        assert_eq!(fold("橄榄油"), " 橄榄油 ");
    }

    #[test]
    fn analyzers_stem_fold_and_segment() {
        let manager = TokenizerManager::default();
        register(&manager);
        assert_eq!(tokens(&manager, "fr", "ÉPICES"), tokens(&manager, "fr", "épices"));
        assert_eq!(tokens(&manager, "pt", "azeitonas"), tokens(&manager, "pt", "azeitona"));
        assert_eq!(tokens(&manager, "ar", "الزَّيْتُون"), ["زيتون"]);
        assert!(tokens(&manager, "zh", "摩洛哥橄榄油").len() >= 2, "Chinese is segmented into words");
    }

    #[test]
    fn a_dotted_hs_code_stays_one_word() {
        assert_eq!(join_hs_dots("huile 1515.90 bio"), "huile 151590 bio");
        assert_eq!(join_hs_dots("12.50 EUR"), "12.50 EUR");
    }
}
