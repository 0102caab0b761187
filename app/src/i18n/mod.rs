//! The interface's strings. The locale files `app/locales/*.json` are compiled
//! into one `Messages` value per language by `build.rs`; a page reads the
//! reader's language and messages from context with [`use_i18n`].

use leptos::prelude::*;

use crate::domain::Locale;

mod generated {
    include!(concat!(env!("OUT_DIR"), "/messages.rs"));
}

pub use generated::Messages;

/// The messages of one language.
pub fn messages(locale: Locale) -> &'static Messages {
    match locale {
        Locale::Fr => &generated::FR,
        Locale::En => &generated::EN,
        Locale::Ar => &generated::AR,
        Locale::Es => &generated::ES,
        Locale::Zh => &generated::ZH,
        Locale::Pt => &generated::PT,
    }
}

/// The reader's language for this page load and its messages.
#[derive(Clone, Copy, Debug)]
pub struct I18n {
    pub locale: Locale,
    pub messages: &'static Messages,
}

impl I18n {
    pub fn new(locale: Locale) -> I18n {
        I18n { locale, messages: messages(locale) }
    }

    /// A path inside the reader's language: `path("/regions/souss-massa")`.
    pub fn path(&self, rest: &str) -> String {
        format!("/{}{}", self.locale.code(), rest)
    }

    /// A sector's page.
    pub fn sector_path(&self, sector: crate::domain::Sector) -> String {
        self.path(&format!("/sectors/{}", sector.slug()))
    }

    /// The search page showing a query's results.
    pub fn search_path_for(&self, query: &crate::domain::ListingQuery) -> String {
        let string = query.to_query_string();
        if string.is_empty() { self.path("/search") } else { format!("{}?{string}", self.path("/search")) }
    }

    /// Every country as `(code, name)` select options, by name in the
    /// reader's language.
    pub fn country_options(&self) -> Vec<(String, String)> {
        let mut countries: Vec<(String, String)> = crate::domain::CountryCode::all()
            .map(|country| (country.as_str().to_owned(), country.name(self.locale).to_owned()))
            .collect();
        countries.sort_by(|a, b| a.1.cmp(&b.1));
        countries
    }

    /// A count with the reader's thousands separator (`12 480`, `12,480`).
    pub fn count(&self, n: u64) -> String {
        crate::domain::group_thousands(&n.to_string(), self.locale.number_marks().0)
    }

    /// A day written the reader's way: `30 nov. 2026`, `30 Nov 2026`,
    /// `2026年11月30日`.
    pub fn date(&self, date: crate::domain::CalendarDate) -> String {
        let (year, month, day) = (date.year(), date.month(), date.day());
        if self.locale == Locale::Zh {
            return format!("{year}年{month}月{day}日");
        }
        let names: Vec<&str> = self.messages.insights_months.split('|').collect();
        match names.get(month as usize - 1) {
            Some(name) if names.len() == 12 => format!("{day} {name} {year}"),
            _ => date.to_string(),
        }
    }

    /// A month (`YYYY-MM`) as its short name and year (`Nov 2026`,
    /// `2026年11月`).
    pub fn month(&self, month: &str) -> String {
        let names: Vec<&str> = self.messages.insights_months.split('|').collect();
        match (month.get(0..4), month.get(5..7).and_then(|m| m.parse::<usize>().ok())) {
            (Some(year), Some(number)) if (1..=12).contains(&number) && self.locale == Locale::Zh => {
                format!("{year}年{number}月")
            }
            (Some(year), Some(number)) if (1..=12).contains(&number) && names.len() == 12 => {
                format!("{} {year}", names[number - 1])
            }
            _ => month.to_owned(),
        }
    }

    /// The name of a language, in the reader's language.
    pub fn language_name(&self, locale: Locale) -> &'static str {
        self.messages.get(&format!("language_name.{}", locale.code())).unwrap_or(locale.native_name())
    }
}

/// Provides the reader's language to every component below.
pub fn provide_i18n(locale: Locale) {
    provide_context(I18n::new(locale));
}

/// The reader's language; falls back to the default when none was provided.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n::new(Locale::DEFAULT))
}

/// Fills `{name}` placeholders in a message.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Certification, Currency, Incoterm, LegalForm, OriginLabel, Region, Sector, SizeBand, Unit};

    #[test]
    fn every_reference_value_has_a_name_in_every_language() {
        for locale in Locale::ALL {
            let m = messages(locale);
            let mut keys: Vec<String> = Vec::new();
            keys.extend(Region::ALL.iter().flat_map(|r| [r.message_key(), r.capital_key(), r.highlights_key()]));
            keys.extend(Sector::ALL.iter().map(|v| v.message_key()));
            keys.extend(Certification::ALL.iter().map(|v| v.message_key()));
            keys.extend(OriginLabel::ALL.iter().map(|v| v.message_key()));
            keys.extend(Incoterm::ALL.iter().map(|v| v.message_key()));
            keys.extend(Currency::ALL.iter().map(|v| v.message_key()));
            keys.extend(LegalForm::ALL.iter().map(|v| v.message_key()));
            keys.extend(SizeBand::ALL.iter().map(|v| v.message_key()));
            keys.extend(Unit::ALL.iter().map(|v| v.message_key()));
            keys.extend(Locale::ALL.iter().map(|l| format!("language_name.{}", l.code())));
            for key in keys {
                assert!(m.get(&key).is_some_and(|text| !text.is_empty()), "{locale:?} lacks {key}");
            }
        }
    }

    #[test]
    fn arabic_names_are_arabic() {
        assert_eq!(Region::SoussMassa.name(messages(Locale::Ar)), "سوس ماسة");
        assert_eq!(Region::SoussMassa.name(messages(Locale::Fr)), "Souss-Massa");
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(fill("{n} products in {region}", &[("n", "3"), ("region", "Oriental")]), "3 products in Oriental");
    }

    #[test]
    fn counts_and_months_are_written_for_the_reader() {
        assert_eq!(I18n::new(Locale::En).count(1_234_567), "1,234,567");
        assert_eq!(I18n::new(Locale::Fr).count(12_480), "12\u{202F}480");
        assert_eq!(I18n::new(Locale::Es).count(999), "999");
        assert_eq!(I18n::new(Locale::En).count(0), "0");
        assert_eq!(I18n::new(Locale::En).month("2026-11"), "Nov 2026");
        assert_eq!(I18n::new(Locale::Fr).month("2026-02"), "févr. 2026");
        assert_eq!(I18n::new(Locale::En).month("2026-13"), "2026-13");
        assert_eq!(I18n::new(Locale::Pt).count(12_480), "12.480");
        assert_eq!(I18n::new(Locale::Zh).count(12_480), "12,480");
        assert_eq!(I18n::new(Locale::Zh).month("2026-02"), "2026年2月");
    }

    #[test]
    fn dates_are_written_for_the_reader() {
        let day = crate::domain::CalendarDate::parse("2026-11-30").unwrap();
        assert_eq!(I18n::new(Locale::En).date(day), "30 Nov 2026");
        assert_eq!(I18n::new(Locale::Fr).date(day), "30 nov. 2026");
        assert_eq!(I18n::new(Locale::Pt).date(day), "30 nov 2026");
        assert_eq!(I18n::new(Locale::Zh).date(day), "2026年11月30日");
    }

    #[test]
    fn chinese_reference_names_are_written_in_chinese() {
        let chinese = |text: &str| text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
        let m = messages(Locale::Zh);
        let mut names: Vec<&str> = Vec::new();
        names.extend(Region::ALL.iter().map(|v| v.name(m)));
        names.extend(Sector::ALL.iter().map(|v| v.name(m)));
        names.extend(Incoterm::ALL.iter().map(|v| v.name(m)));
        names.extend(LegalForm::ALL.iter().map(|v| v.name(m)));
        names.extend(Unit::ALL.iter().map(|v| v.name(m)));
        names.extend(OriginLabel::ALL.iter().map(|v| v.name(m)));
        names.extend(crate::domain::CountryCode::all().map(|c| c.name(Locale::Zh)));
        for name in names {
            assert!(chinese(name), "not translated into Chinese: {name}");
        }
    }

    #[test]
    fn portuguese_reference_names_are_written_in_portuguese() {
        let pt = messages(Locale::Pt);
        let en = messages(Locale::En);
        let translated = |a: &str, b: &str| a != b;
        assert!(Sector::ALL.iter().all(|v| translated(v.name(pt), v.name(en))), "a sector keeps its English name");
        assert!(Incoterm::ALL.iter().all(|v| translated(v.name(pt), v.name(en))), "an Incoterm keeps its English name");
        assert_eq!(crate::domain::CountryCode::parse("BR").map(|c| c.name(Locale::Pt)), Ok("Brasil"));
        assert!(crate::domain::CountryCode::all().all(|c| !c.name(Locale::Pt).is_empty()));
    }
}
