//! ISO 3166-1 countries, with names in the six interface languages and the
//! world region a buyer's country belongs to (the roadmap's "far markets").

use serde::{Deserialize, Serialize};

use super::Locale;
use super::country_table::COUNTRIES;

/// A continent-level market, as the export roadmap groups buyers. The
/// Middle East is its own market (the Gulf states, the Levant, Iraq, Iran,
/// Türkiye and Yemen: UN M49's Western Asia without the Caucasus and
/// Cyprus); Egypt stays in Africa.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum WorldRegion {
    Europe,
    Africa,
    MiddleEast,
    Asia,
    Americas,
    Oceania,
    Antarctica,
}

impl WorldRegion {
    /// Every market, in the order charts list them (Europe first: the
    /// roadmap measures the share outside it).
    pub const ALL: [WorldRegion; 7] = [
        WorldRegion::Europe,
        WorldRegion::Africa,
        WorldRegion::MiddleEast,
        WorldRegion::Asia,
        WorldRegion::Americas,
        WorldRegion::Oceania,
        WorldRegion::Antarctica,
    ];

    /// The stable identifier stored with counts.
    pub fn slug(self) -> &'static str {
        match self {
            WorldRegion::Europe => "europe",
            WorldRegion::Africa => "africa",
            WorldRegion::MiddleEast => "middle-east",
            WorldRegion::Asia => "asia",
            WorldRegion::Americas => "americas",
            WorldRegion::Oceania => "oceania",
            WorldRegion::Antarctica => "antarctica",
        }
    }

    pub fn from_slug(slug: &str) -> Option<WorldRegion> {
        WorldRegion::ALL.iter().copied().find(|market| market.slug() == slug)
    }

    /// The market's name in the reader's language.
    pub fn name(self, m: &crate::i18n::Messages) -> &'static str {
        match self {
            WorldRegion::Europe => m.world_europe,
            WorldRegion::Africa => m.world_africa,
            WorldRegion::MiddleEast => m.world_middle_east,
            WorldRegion::Asia => m.world_asia,
            WorldRegion::Americas => m.world_americas,
            WorldRegion::Oceania => m.world_oceania,
            WorldRegion::Antarctica => m.world_antarctica,
        }
    }
}

/// One row of the generated country table.
#[derive(Debug)]
pub(super) struct CountryRow {
    pub code: &'static str,
    pub en: &'static str,
    pub fr: &'static str,
    pub ar: &'static str,
    pub es: &'static str,
    pub zh: &'static str,
    pub pt: &'static str,
    pub world_region: WorldRegion,
}

/// An ISO 3166-1 alpha-2 country code known to the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CountryCode(&'static str);

impl CountryCode {
    /// Parses a two-letter code, case-insensitively.
    pub fn parse(input: &str) -> Result<CountryCode, String> {
        let upper = input.trim().to_ascii_uppercase();
        COUNTRIES
            .iter()
            .find(|row| row.code == upper)
            .map(|row| CountryCode(row.code))
            .ok_or_else(|| format!("`{input}` is not an ISO 3166-1 country code"))
    }

    /// Every country, ordered by code.
    pub fn all() -> impl Iterator<Item = CountryCode> {
        COUNTRIES.iter().map(|row| CountryCode(row.code))
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }

    fn row(self) -> &'static CountryRow {
        COUNTRIES.iter().find(|row| row.code == self.0).expect("codes are only built from the table")
    }

    /// The country's name in the reader's language.
    pub fn name(self, locale: Locale) -> &'static str {
        let row = self.row();
        match locale {
            Locale::En => row.en,
            Locale::Fr => row.fr,
            Locale::Ar => row.ar,
            Locale::Es => row.es,
            Locale::Zh => row.zh,
            Locale::Pt => row.pt,
        }
    }

    pub fn world_region(self) -> WorldRegion {
        self.row().world_region
    }

    /// The country of the first language tag with a region
    /// (`Accept-Language: pt-BR,pt;q=0.9` → Brazil; `zh-Hans-CN` → China).
    pub fn from_accept_language(accept_language: &str) -> Option<CountryCode> {
        let mut tags: Vec<(f32, &str)> = accept_language
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.trim().split(';');
                let tag = pieces.next()?.trim();
                let weight = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (weight > 0.0 && !tag.is_empty()).then_some((weight, tag))
            })
            .collect();
        // Stable: equal weights keep the order the browser sent.
        tags.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
        tags.iter().find_map(|(_, tag)| {
            tag.split(['-', '_'])
                .skip(1)
                .find(|sub| sub.len() == 2 && sub.chars().all(|c| c.is_ascii_alphabetic()))
                .and_then(|region| CountryCode::parse(region).ok())
        })
    }
}

impl Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = <std::borrow::Cow<'de, str> as Deserialize>::deserialize(deserializer)?;
        CountryCode::parse(&code).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_country_comes_from_the_first_language_with_a_region() {
        let country = |header: &str| CountryCode::from_accept_language(header).map(CountryCode::as_str);
        assert_eq!(country("pt-BR,pt;q=0.9,en;q=0.8"), Some("BR"));
        assert_eq!(country("zh-Hans-CN,zh;q=0.9"), Some("CN"));
        assert_eq!(country("en,es-PA;q=0.5"), Some("PA"), "the first tag has no region");
        assert_eq!(country("fr;q=0.2,en-NG;q=0.9"), Some("NG"), "by weight, not by order");
        assert_eq!(country("en-US;q=0,de"), None, "q=0 means not acceptable");
        assert_eq!(country("fr"), None);
        assert_eq!(country(""), None);
        assert_eq!(country("es-419"), None, "a numeric region is not a country");
    }

    #[test]
    fn parses_and_names_countries() {
        let brazil = CountryCode::parse("br").expect("BR");
        assert_eq!(brazil.name(Locale::Fr), "Brésil");
        assert_eq!(brazil.world_region(), WorldRegion::Americas);
        assert_eq!(CountryCode::parse("CN").map(|c| c.world_region()), Ok(WorldRegion::Asia));
        assert_eq!(CountryCode::parse("AE").map(|c| c.world_region()), Ok(WorldRegion::MiddleEast));
        assert_eq!(CountryCode::parse("TR").map(|c| c.world_region()), Ok(WorldRegion::MiddleEast));
        assert_eq!(CountryCode::parse("EG").map(|c| c.world_region()), Ok(WorldRegion::Africa));
        assert_eq!(CountryCode::parse("IN").map(|c| c.world_region()), Ok(WorldRegion::Asia));
        assert!(CountryCode::parse("XX").is_err());
        assert!(CountryCode::all().count() > 240);
    }
}
