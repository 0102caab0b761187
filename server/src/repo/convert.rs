//! Reading stored values back into domain types. A value the domain does not
//! know is a corrupt row, reported as such rather than silently dropped.

use app::domain::{Locale, LocalizedText};
use sea_orm::entity::prelude::Json;

use crate::error::StoreError;

/// Parses one slug with the domain type's `from_slug`.
pub fn slug<T>(value: &str, from_slug: fn(&str) -> Option<T>, what: &str) -> Result<T, StoreError> {
    from_slug(value).ok_or_else(|| StoreError::Corrupt(format!("unknown {what} `{value}`")))
}

/// Parses a JSON array of slugs.
pub fn slug_list<T>(value: &Json, from_slug: fn(&str) -> Option<T>, what: &str) -> Result<Vec<T>, StoreError> {
    strings(value)?.iter().map(|s| slug(s, from_slug, what)).collect()
}

/// Reads a JSON array of strings.
pub fn strings(value: &Json) -> Result<Vec<String>, StoreError> {
    serde_json::from_value(value.clone())
        .map_err(|err| StoreError::Corrupt(format!("expected a JSON string array: {err}")))
}

/// Writes a JSON array of slugs.
pub fn to_json<T: serde::Serialize>(values: &[T]) -> Json {
    serde_json::to_value(values).unwrap_or(Json::Array(Vec::new()))
}

/// The order in which languages stand in for a missing translation.
const FALLBACK_ORDER: [Locale; 6] = [Locale::En, Locale::Fr, Locale::Ar, Locale::Es, Locale::Pt, Locale::Zh];

/// Picks the reader's language if present, else the first of the fallback
/// order; `texts` pairs a stored locale code with its text.
pub fn pick_translation<T>(texts: &[(String, T)], reader: Locale) -> Option<(Locale, &T)> {
    std::iter::once(reader)
        .chain(FALLBACK_ORDER)
        .find_map(|wanted| texts.iter().find(|(code, _)| code == wanted.code()).map(|(_, text)| (wanted, text)))
}

/// Why a row is hidden, read from its moderation columns (`None` while it
/// is not hidden; an unknown reason reads as "other").
pub fn hidden(
    reason: Option<&str>,
    note: Option<&String>,
    at: Option<chrono::DateTime<chrono::Utc>>,
    review: Option<chrono::DateTime<chrono::Utc>>,
) -> Option<app::domain::Hidden> {
    at?;
    Some(app::domain::Hidden {
        reason: reason.and_then(app::domain::HideReason::from_slug).unwrap_or(app::domain::HideReason::Other),
        note: note.cloned(),
        review_requested: review.is_some(),
    })
}

/// A localized text from a picked translation.
pub fn localized(locale: Locale, text: &str) -> LocalizedText {
    LocalizedText { text: text.to_owned(), locale }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_reader_language_then_fallbacks() {
        let texts = vec![("fr".to_owned(), "Huile"), ("ar".to_owned(), "زيت")];
        assert_eq!(pick_translation(&texts, Locale::Ar), Some((Locale::Ar, &"زيت")));
        assert_eq!(pick_translation(&texts, Locale::Es), Some((Locale::Fr, &"Huile")));
        let empty: Vec<(String, &str)> = Vec::new();
        assert_eq!(pick_translation(&empty, Locale::Fr), None);
    }
}
