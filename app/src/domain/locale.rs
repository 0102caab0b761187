//! The interface languages and how a request picks one: the URL prefix first
//! (`/ar/…`), then the `tradema_lang` cookie, then `Accept-Language`, then French.

use serde::{Deserialize, Serialize};

/// A language the interface is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    Fr,
    En,
    Ar,
    Es,
    /// Chinese, simplified script.
    Zh,
    /// Portuguese as written in Brazil.
    Pt,
}

/// Name of the cookie that remembers the reader's language.
pub const LOCALE_COOKIE: &str = "tradema_lang";

impl Locale {
    /// Every interface language, in the order the switcher shows them.
    pub const ALL: [Locale; 6] = [Locale::Fr, Locale::En, Locale::Ar, Locale::Es, Locale::Zh, Locale::Pt];

    /// Every language's code, in the switcher's order, as a sentence lists
    /// them (`fr, en, ar, es, zh, pt`): what error messages and API
    /// documents quote, so none of them goes stale when a language is added.
    pub fn codes_listed() -> String {
        Locale::ALL.map(Locale::code).join(", ")
    }

    /// The language used when nothing in the request says otherwise.
    pub const DEFAULT: Locale = Locale::Fr;

    /// BCP 47 code, also the URL prefix.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
            Locale::Ar => "ar",
            Locale::Es => "es",
            Locale::Zh => "zh",
            Locale::Pt => "pt",
        }
    }

    /// The full BCP 47 tag, for `<html lang>`, `hreflang` and Open Graph:
    /// the script for Chinese and the country for Brazilian Portuguese, so
    /// browsers pick the right fonts and search engines the right audience.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Zh => "zh-Hans",
            Locale::Pt => "pt-BR",
            other => other.code(),
        }
    }

    /// The form field of a title in this language (`title_fr`), as forms
    /// name their inputs' errors.
    pub fn title_field(self) -> &'static str {
        match self {
            Locale::Fr => "title_fr",
            Locale::En => "title_en",
            Locale::Ar => "title_ar",
            Locale::Es => "title_es",
            Locale::Zh => "title_zh",
            Locale::Pt => "title_pt",
        }
    }

    /// How the language writes numbers: the thousands separator and the
    /// decimal mark (`12 480,50` in French, `12.480,50` in Portuguese,
    /// `12,480.50` in English and Chinese). Digits stay Latin in every
    /// language, Arabic included, as Morocco writes them.
    pub fn number_marks(self) -> (&'static str, &'static str) {
        match self {
            Locale::En | Locale::Zh => (",", "."),
            Locale::Fr => ("\u{202F}", ","),
            Locale::Ar | Locale::Es | Locale::Pt => (".", ","),
        }
    }

    /// The Open Graph `og:locale` value (`fr_FR`, `zh_CN`, `pt_BR`).
    pub fn og_locale(self) -> &'static str {
        match self {
            Locale::Fr => "fr_FR",
            Locale::En => "en_US",
            Locale::Ar => "ar_MA",
            Locale::Es => "es_ES",
            Locale::Zh => "zh_CN",
            Locale::Pt => "pt_BR",
        }
    }

    /// The language's name in itself, for the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Fr => "Français",
            Locale::En => "English",
            Locale::Ar => "العربية",
            Locale::Es => "Español",
            Locale::Zh => "中文",
            Locale::Pt => "Português",
        }
    }

    /// Text direction of the language: `rtl` for Arabic.
    pub fn dir(self) -> &'static str {
        if self == Locale::Ar { "rtl" } else { "ltr" }
    }

    /// Parses a URL prefix, cookie value or `<html lang>` (`fr`, `zh`,
    /// `zh-Hans`, `pt-BR`).
    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::ALL
            .into_iter()
            .find(|locale| locale.code().eq_ignore_ascii_case(code) || locale.tag().eq_ignore_ascii_case(code))
    }

    /// The language a URL path is in, from its first segment.
    pub fn from_path(path: &str) -> Option<Locale> {
        path.trim_start_matches('/').split('/').next().and_then(Locale::from_code)
    }

    /// Picks the best interface language from an `Accept-Language` header,
    /// honouring q-values; `None` when it names none of ours.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(Locale, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or_default().trim();
            let quality =
                pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or_default();
            if let Some(locale) = Locale::from_code(primary)
                && quality > 0.0
                && best.is_none_or(|(_, q)| quality > q)
            {
                best = Some((locale, quality));
            }
        }
        best.map(|(locale, _)| locale)
    }

    /// The request's language: URL prefix, then cookie, then `Accept-Language`.
    pub fn negotiate(path: &str, cookie: Option<&str>, accept_language: Option<&str>) -> Locale {
        Locale::from_path(path)
            .or_else(|| cookie.and_then(Locale::from_code))
            .or_else(|| accept_language.and_then(Locale::from_accept_language))
            .unwrap_or(Locale::DEFAULT)
    }

    /// `path` moved into this language: `/fr/listings/3` → `/ar/listings/3`,
    /// and `/` → `/ar`.
    pub fn localize_path(self, path: &str) -> String {
        let rest = match Locale::from_path(path) {
            Some(current) => &path[1 + current.code().len()..],
            None if path == "/" => "",
            None => path,
        };
        format!("/{}{}", self.code(), rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_beats_cookie_beats_header() {
        assert_eq!(Locale::negotiate("/ar/listings/1", Some("en"), Some("es")), Locale::Ar);
        assert_eq!(Locale::negotiate("/", Some("en"), Some("es")), Locale::En);
        assert_eq!(Locale::negotiate("/", None, Some("es-MX,es;q=0.9")), Locale::Es);
        assert_eq!(Locale::negotiate("/", Some("xx"), Some("de-DE")), Locale::Fr);
    }

    #[test]
    fn accept_language_honours_quality() {
        assert_eq!(Locale::from_accept_language("de;q=1, en;q=0.4, ar;q=0.8"), Some(Locale::Ar));
        assert_eq!(Locale::from_accept_language("pt-BR, zh;q=0.5"), Some(Locale::Pt));
        assert_eq!(Locale::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"), Some(Locale::Zh));
        assert_eq!(Locale::from_accept_language("de-DE, nl;q=0.5"), None);
        assert_eq!(Locale::from_accept_language("fr;q=0, en;q=0.1"), Some(Locale::En));
    }

    #[test]
    fn html_lang_reads_back_as_the_same_language() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_code(locale.tag()), Some(locale));
            assert_eq!(Locale::from_code(locale.code()), Some(locale));
        }
        assert_eq!(Locale::Zh.tag(), "zh-Hans");
        assert_eq!(Locale::Pt.tag(), "pt-BR");
    }

    #[test]
    fn localize_path_swaps_or_adds_the_prefix() {
        assert_eq!(Locale::Ar.localize_path("/fr/listings/3-argan"), "/ar/listings/3-argan");
        assert_eq!(Locale::En.localize_path("/"), "/en");
        assert_eq!(Locale::Es.localize_path("/fr"), "/es");
        assert_eq!(Locale::Fr.localize_path("/healthz"), "/fr/healthz");
        assert_eq!(Locale::Zh.localize_path("/pt/search?q=argan"), "/zh/search?q=argan");
    }
}
