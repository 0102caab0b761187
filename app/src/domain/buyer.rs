//! A buyer's company profile, validated by the browser and the
//! server alike: who is asking, from which country, for which sectors.

use serde::{Deserialize, Serialize};

use super::profile::{FieldMap, optional_line, optional_slug, spoken_language, ticked};
use super::slug_enum::slug_enum;
use super::{AppError, CountryCode, Sector};

slug_enum! {
    /// What kind of business a buyer is.
    BuyerType, "buyer_type" {
        Importer => "importer",
        Distributor => "distributor",
        Retailer => "retailer",
        SourcingAgent => "sourcing-agent",
        Manufacturer => "manufacturer",
    }
}

/// Longest company name or city of a buyer.
pub const COMPANY_MAX_CHARS: usize = 200;
pub const CITY_MAX_CHARS: usize = 100;
/// Longest phone number and website.
pub const PHONE_MAX_CHARS: usize = 40;
pub const WEBSITE_MAX_CHARS: usize = 300;

/// The buyer profile form, field for field as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuyerProfileForm {
    #[serde(default)]
    pub company_name: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub buyer_type: String,
    /// `sectors[agrifood]=on`
    #[serde(default)]
    pub sectors: FieldMap,
    /// `languages[en]=on`
    #[serde(default)]
    pub languages: FieldMap,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub website: String,
}

/// A checked buyer profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuyerProfile {
    pub company_name: String,
    pub country: CountryCode,
    pub city: String,
    pub buyer_type: BuyerType,
    pub sectors: Vec<Sector>,
    /// ISO 639-1 codes of the languages the buyer reads.
    pub languages: Vec<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
}

impl BuyerProfileForm {
    pub fn validate(&self) -> Result<BuyerProfile, AppError> {
        let company_name = optional_line("company_name", &self.company_name, COMPANY_MAX_CHARS)?
            .ok_or_else(|| AppError::invalid("company_name", "invalid.required"))?;
        let country = if self.country.trim().is_empty() {
            return Err(AppError::invalid("country", "invalid.required"));
        } else {
            CountryCode::parse(&self.country).map_err(|_| AppError::invalid("country", "invalid.choice"))?
        };
        let city = optional_line("city", &self.city, CITY_MAX_CHARS)?
            .ok_or_else(|| AppError::invalid("city", "invalid.required"))?;
        let buyer_type = optional_slug("buyer_type", &self.buyer_type, BuyerType::from_slug)?
            .ok_or_else(|| AppError::invalid("buyer_type", "invalid.required"))?;
        let sectors = ticked("sectors", &self.sectors, Sector::from_slug)?;
        let languages = ticked("languages", &self.languages, spoken_language)?.into_iter().map(str::to_owned).collect();
        let phone = optional_line("phone", &self.phone, PHONE_MAX_CHARS)?;
        if phone.as_deref().is_some_and(|phone| {
            !phone.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.'))
        }) {
            return Err(AppError::invalid("phone", "invalid.phone"));
        }
        let website = optional_line("website", &self.website, WEBSITE_MAX_CHARS)?;
        if website.as_deref().is_some_and(|site| !(site.starts_with("https://") || site.starts_with("http://"))) {
            return Err(AppError::invalid("website", "invalid.url"));
        }
        Ok(BuyerProfile { company_name, country, city, buyer_type, sectors, languages, phone, website })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buyer_profile_needs_a_company_a_country_a_city_and_a_type() {
        let form = BuyerProfileForm {
            company_name: "Panamá Gourmet Imports".into(),
            country: "PA".into(),
            city: "Ciudad de Panamá".into(),
            buyer_type: "importer".into(),
            sectors: [("agrifood".to_owned(), "on".to_owned())].into(),
            languages: [("es".to_owned(), "on".to_owned()), ("en".to_owned(), "on".to_owned())].into(),
            phone: "+507 6000-0000".into(),
            website: "https://gourmet.example.pa".into(),
        };
        let profile = form.validate().expect("valid");
        assert_eq!(profile.country.as_str(), "PA");
        assert_eq!(profile.languages, ["en", "es"]);
        let field = |form: BuyerProfileForm| match form.validate() {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("refused expected, got {other:?}"),
        };
        assert_eq!(field(BuyerProfileForm { country: String::new(), ..form.clone() }), "country");
        assert_eq!(field(BuyerProfileForm { buyer_type: "friend".into(), ..form.clone() }), "buyer_type");
        assert_eq!(field(BuyerProfileForm { phone: "call me".into(), ..form.clone() }), "phone");
        assert_eq!(field(BuyerProfileForm { website: "javascript:alert(1)".into(), ..form.clone() }), "website");
    }
}
