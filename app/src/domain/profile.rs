//! The company profile a producer edits: the form as the browser posts it
//! (strings and checkbox maps, so a form without JavaScript posts the same
//! thing), and its validation into a `CompanyProfile`. The browser may run
//! `validate` for comfort; the server always runs it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{AppError, Certification, CountryCode, HeldCertification, LegalForm, Locale, Region, Sector, SizeBand};

/// A checkbox group or per-language text: `sectors[agrifood]=on`,
/// `description[fr]=…`. Missing from the post when nothing is ticked.
pub type FieldMap = BTreeMap<String, String>;

/// Languages a producer's team may say it speaks, with their own names
/// (shown the same in every interface language, like a language switcher).
pub const SPOKEN_LANGUAGES: [(&str, &str); 9] = [
    ("ar", "العربية"),
    ("zgh", "ⵜⴰⵎⴰⵣⵉⵖⵜ"),
    ("fr", "Français"),
    ("en", "English"),
    ("es", "Español"),
    ("de", "Deutsch"),
    ("it", "Italiano"),
    ("pt", "Português"),
    ("zh", "中文"),
];

/// The code of a spoken language we list, or `None`.
pub fn spoken_language(code: &str) -> Option<&'static str> {
    SPOKEN_LANGUAGES.iter().find(|(known, _)| *known == code).map(|(known, _)| *known)
}

/// The own name of a spoken language, or the code itself.
pub fn spoken_language_name(code: &str) -> &str {
    SPOKEN_LANGUAGES.iter().find(|(known, _)| *known == code).map(|(_, name)| *name).unwrap_or(code)
}

/// Moroccan Identifiant Commun de l'Entreprise: exactly 15 digits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ice(String);

impl Ice {
    /// Accepts 15 digits, ignoring spaces a person may type between groups.
    pub fn parse(input: &str) -> Result<Ice, &'static str> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() == 15 && digits.chars().all(|c| c.is_ascii_digit()) {
            Ok(Ice(digits))
        } else {
            Err("invalid.ice")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The profile form, field for field as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    pub legal_name: String,
    #[serde(default)]
    pub trade_name: String,
    #[serde(default)]
    pub ice: String,
    #[serde(default)]
    pub legal_form: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub sectors: FieldMap,
    #[serde(default)]
    pub year_founded: String,
    #[serde(default)]
    pub size_band: String,
    #[serde(default)]
    pub export_since_year: String,
    /// ISO country codes separated by commas or spaces: `US, CN, SN`.
    #[serde(default)]
    pub export_markets: String,
    #[serde(default)]
    pub languages: FieldMap,
    /// Ticked certifications: `certifications[iso-9001]=on`.
    #[serde(default)]
    pub certifications: FieldMap,
    /// Their validity dates: `certification_until[iso-9001]=2027-06-30`.
    #[serde(default)]
    pub certification_until: FieldMap,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub description: FieldMap,
}

/// A validated company profile, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompanyProfile {
    pub legal_name: String,
    pub trade_name: String,
    pub ice: Option<Ice>,
    pub legal_form: LegalForm,
    pub region: Region,
    pub city: String,
    pub sectors: Vec<Sector>,
    pub year_founded: Option<i32>,
    pub size_band: Option<SizeBand>,
    pub export_since_year: Option<i32>,
    pub export_markets: Vec<CountryCode>,
    /// Codes from `SPOKEN_LANGUAGES`.
    pub languages: Vec<&'static str>,
    pub certifications: Vec<HeldCertification>,
    pub website: Option<String>,
    pub descriptions: Vec<(Locale, String)>,
}

/// What the profile editor shows: the form filled from the database.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileEditor {
    pub form: ProfileForm,
    /// `None` until the profile is first saved.
    pub slug: Option<String>,
    pub verified: bool,
    /// URL prefix of the logo's 320 px variants, when one is uploaded.
    pub logo_url: Option<String>,
    /// The reader may not change the legal identity (legal name, legal
    /// form, ICE): a manager, not an owner.
    #[serde(default)]
    pub legal_locked: bool,
}

/// Longest company description per language, in characters.
pub const DESCRIPTION_MAX_CHARS: usize = 5000;
/// Longest company name (legal or trade), in characters (the column's size).
pub const NAME_MAX_CHARS: usize = 200;
/// Longest city or port name, in characters.
pub const PLACE_MAX_CHARS: usize = 120;
/// Longest website address, in characters.
pub const WEBSITE_MAX_CHARS: usize = 255;

/// Trims a required one-line field and bounds its length.
pub(crate) fn required_line(field: &str, value: &str, max_chars: usize) -> Result<String, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::invalid(field, "invalid.required"));
    }
    optional_line(field, value, max_chars).map(|v| v.unwrap_or_default())
}

/// Trims an optional one-line field; `None` when empty.
pub(crate) fn optional_line(field: &str, value: &str, max_chars: usize) -> Result<Option<String>, AppError> {
    super::text::single_line(field, value, max_chars)
}

/// Parses an optional whole number within `range`.
pub(crate) fn optional_number<T>(
    field: &str,
    value: &str,
    range: std::ops::RangeInclusive<T>,
) -> Result<Option<T>, AppError>
where
    T: std::str::FromStr + PartialOrd,
{
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<T>() {
        Ok(number) if range.contains(&number) => Ok(Some(number)),
        _ => Err(AppError::invalid(field, "invalid.number")),
    }
}

/// Parses a slug into a reference-data value; `None` when empty.
pub(crate) fn optional_slug<T>(field: &str, value: &str, parse: fn(&str) -> Option<T>) -> Result<Option<T>, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    parse(value).map(Some).ok_or_else(|| AppError::invalid(field, "invalid.choice"))
}

/// The ticked keys of a checkbox group, each parsed; an unknown key is refused.
pub(crate) fn ticked<T: Ord>(field: &str, map: &FieldMap, parse: fn(&str) -> Option<T>) -> Result<Vec<T>, AppError> {
    let mut values = Vec::new();
    for (key, value) in map {
        if value.is_empty() || value == "off" {
            continue;
        }
        values.push(parse(key).ok_or_else(|| AppError::invalid(field, "invalid.choice"))?);
    }
    values.sort();
    values.dedup();
    Ok(values)
}

/// Checks a `YYYY-MM-DD` date without a calendar library.
pub(crate) fn is_iso_date(value: &str) -> bool {
    let bytes = value.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| value[range].parse::<u32>().ok();
    match (number(0..4), number(5..7), number(8..10)) {
        (Some(year), Some(month), Some(day)) => {
            let days_in_month = match month {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
                2 => 28,
                _ => 0,
            };
            (1900..=2200).contains(&year) && (1..=days_in_month).contains(&day)
        }
        _ => false,
    }
}

impl ProfileForm {
    /// Checks every field; the first problem is returned with its field name
    /// and the message key that explains it.
    pub fn validate(&self, current_year: i32) -> Result<CompanyProfile, AppError> {
        let legal_name = required_line("legal_name", &self.legal_name, NAME_MAX_CHARS)?;
        let trade_name =
            optional_line("trade_name", &self.trade_name, NAME_MAX_CHARS)?.unwrap_or_else(|| legal_name.clone());
        let ice = if self.ice.trim().is_empty() {
            None
        } else {
            Some(Ice::parse(&self.ice).map_err(|reason| AppError::invalid("ice", reason))?)
        };
        let legal_form = optional_slug("legal_form", &self.legal_form, LegalForm::from_slug)?
            .ok_or_else(|| AppError::invalid("legal_form", "invalid.required"))?;
        let region = optional_slug("region", &self.region, Region::from_slug)?
            .ok_or_else(|| AppError::invalid("region", "invalid.required"))?;
        let city = required_line("city", &self.city, PLACE_MAX_CHARS)?;
        let sectors = ticked("sectors", &self.sectors, Sector::from_slug)?;
        if sectors.is_empty() {
            return Err(AppError::invalid("sectors", "invalid.pick_one"));
        }
        let year_founded = optional_number("year_founded", &self.year_founded, 1800..=current_year)?;
        let size_band = optional_slug("size_band", &self.size_band, SizeBand::from_slug)?;
        let export_since_year = optional_number("export_since_year", &self.export_since_year, 1900..=current_year)?;
        let mut export_markets = Vec::new();
        for code in self.export_markets.split(|c: char| c == ',' || c.is_whitespace()).filter(|c| !c.is_empty()) {
            let country =
                CountryCode::parse(code).map_err(|_| AppError::invalid("export_markets", "invalid.country"))?;
            if !export_markets.contains(&country) {
                export_markets.push(country);
            }
        }
        if export_markets.len() > 60 {
            return Err(AppError::invalid("export_markets", "invalid.too_long"));
        }
        let languages = ticked("languages", &self.languages, spoken_language)?;
        let mut certifications = Vec::new();
        for certification in ticked("certifications", &self.certifications, Certification::from_slug)? {
            let until = self.certification_until.get(certification.slug()).map(|d| d.trim()).unwrap_or("");
            if !until.is_empty() && !is_iso_date(until) {
                return Err(AppError::invalid("certifications", "invalid.date"));
            }
            certifications
                .push(HeldCertification { certification, valid_until: (!until.is_empty()).then(|| until.to_owned()) });
        }
        let website = optional_line("website", &self.website, WEBSITE_MAX_CHARS)?;
        if let Some(site) = &website
            && !(site.starts_with("https://") || site.starts_with("http://"))
        {
            return Err(AppError::invalid("website", "invalid.url"));
        }
        let mut descriptions = Vec::new();
        for (code, text) in &self.description {
            let locale = Locale::from_code(code).ok_or_else(|| AppError::invalid("description", "invalid.choice"))?;
            let text = super::text::multi_line(&format!("description_{code}"), text, DESCRIPTION_MAX_CHARS)?;
            if !text.is_empty() {
                descriptions.push((locale, text));
            }
        }
        Ok(CompanyProfile {
            legal_name,
            trade_name,
            ice,
            legal_form,
            region,
            city,
            sectors,
            year_founded,
            size_band,
            export_since_year,
            export_markets,
            languages,
            certifications,
            website,
            descriptions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> ProfileForm {
        ProfileForm {
            legal_name: "Coopérative Tifawine".into(),
            ice: "001 525 846 000 087".into(),
            legal_form: "cooperative".into(),
            region: "souss-massa".into(),
            city: "Taroudant".into(),
            sectors: [("cosmetics-argan".to_owned(), "on".to_owned())].into(),
            year_founded: "2009".into(),
            export_markets: "fr, CN  us".into(),
            certifications: [("ecocert".to_owned(), "on".to_owned())].into(),
            certification_until: [("ecocert".to_owned(), "2027-02-28".to_owned())].into(),
            description: [("fr".to_owned(), " Huile d'argan ".to_owned()), ("en".to_owned(), String::new())].into(),
            ..ProfileForm::default()
        }
    }

    #[test]
    fn a_filled_form_validates() {
        let profile = filled().validate(2026).expect("valid");
        assert_eq!(profile.ice.as_ref().map(Ice::as_str), Some("001525846000087"));
        assert_eq!(profile.trade_name, "Coopérative Tifawine");
        assert_eq!(profile.export_markets.iter().map(|c| c.as_str()).collect::<Vec<_>>(), ["FR", "CN", "US"]);
        assert_eq!(profile.descriptions, vec![(Locale::Fr, "Huile d'argan".to_owned())]);
        assert_eq!(profile.certifications[0].valid_until.as_deref(), Some("2027-02-28"));
    }

    #[test]
    fn each_bad_field_is_named() {
        let field = |form: ProfileForm| match form.validate(2026) {
            Err(AppError::Invalid { field, reason }) => (field, reason),
            other => panic!("expected a field error, got {other:?}"),
        };
        assert_eq!(field(ProfileForm { ice: "12345".into(), ..filled() }), ("ice".into(), "invalid.ice".into()));
        assert_eq!(field(ProfileForm { ice: "00152584600008A".into(), ..filled() }).0, "ice");
        assert_eq!(field(ProfileForm { legal_name: "  ".into(), ..filled() }).0, "legal_name");
        assert_eq!(
            field(ProfileForm { region: "atlantis".into(), ..filled() }),
            ("region".into(), "invalid.choice".into())
        );
        assert_eq!(field(ProfileForm { sectors: FieldMap::new(), ..filled() }).0, "sectors");
        assert_eq!(field(ProfileForm { year_founded: "2999".into(), ..filled() }).0, "year_founded");
        assert_eq!(field(ProfileForm { export_markets: "FR, XX".into(), ..filled() }).0, "export_markets");
        assert_eq!(
            field(ProfileForm {
                certification_until: [("ecocert".to_owned(), "2027-02-30".to_owned())].into(),
                ..filled()
            })
            .0,
            "certifications"
        );
        assert_eq!(field(ProfileForm { website: "javascript:alert(1)".into(), ..filled() }).0, "website");
        // Each text field is bounded by its column, so PostgreSQL never refuses it.
        assert_eq!(
            field(ProfileForm { city: "x".repeat(121), ..filled() }),
            ("city".into(), "invalid.too_long".into())
        );
        assert!(ProfileForm { city: "é".repeat(120), ..filled() }.validate(2026).is_ok());
    }

    #[test]
    fn iso_dates_are_checked_against_the_calendar() {
        assert!(is_iso_date("2028-02-29"));
        assert!(!is_iso_date("2027-02-29"));
        assert!(!is_iso_date("2027-13-01"));
        assert!(!is_iso_date("27-01-01"));
    }
}
