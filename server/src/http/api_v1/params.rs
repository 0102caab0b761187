//! The parameters of `/api/v1/…`: documented by `ListingParameters`,
//! `LanguageParameter` and `Revalidation` (never built: they are the OpenAPI
//! document's parameters), and read strictly from the raw query string: an
//! unknown parameter of `/api/v1/listings` or a bad value is a 400 naming it.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use app::domain::{
    Certification, Incoterm, ListingQuery, Locale, MAX_PAGE, OriginLabel, RESULTS_PER_PAGE, Region, SearchSort, Sector,
};
use utoipa::IntoParams;

use super::wire::{CertificationSlug, IncotermSlug, LanguageCode, OriginLabelSlug, RegionSlug, SectorSlug, SortSlug};
use super::{ApiError, MAX_PER_PAGE};

/// Listings per page when `per_page` is not given.
pub const DEFAULT_PER_PAGE: u64 = RESULTS_PER_PAGE as u64;

/// The parameters `GET /api/v1/listings` accepts; any other is refused.
pub const LISTING_PARAMETERS: [&str; 14] = [
    "q",
    "sector",
    "region",
    "certification",
    "label",
    "incoterm",
    "cooperative",
    "verified",
    "moq_max",
    "hs",
    "lang",
    "sort",
    "page",
    "per_page",
];

/// The query of `GET /api/v1/listings`, as documented. Every parameter is
/// optional; filters combine (AND). The bounds below are `MAX_PAGE`,
/// `MAX_PER_PAGE` and `u32::MAX`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListingParameters {
    /// Words to look for (at most 200 characters); the languages they may be
    /// in are listed from `Locale::ALL` by the document's `Describe`.
    #[param(max_length = 200, example = "argan oil")]
    pub q: Option<String>,
    /// Only listings of this sector.
    #[param(inline, example = "cosmetics-argan")]
    pub sector: Option<SectorSlug>,
    /// Only listings from this region.
    #[param(inline)]
    pub region: Option<RegionSlug>,
    /// Only listings with this certification.
    #[param(inline)]
    pub certification: Option<CertificationSlug>,
    /// Only listings with this protected origin label.
    #[param(inline)]
    pub label: Option<OriginLabelSlug>,
    /// Only listings offering this Incoterm.
    #[param(inline)]
    pub incoterm: Option<IncotermSlug>,
    /// `true`: only listings of cooperatives.
    #[param(default = false)]
    pub cooperative: Option<bool>,
    /// `true`: only listings of producers a trade office verified.
    #[param(default = false)]
    pub verified: Option<bool>,
    /// Only listings whose minimum order is at most this many units.
    #[param(minimum = 1, maximum = 4_294_967_295_u32)]
    pub moq_max: Option<u64>,
    /// Only listings under this HS chapter, heading or subheading: 2, 4 or 6
    /// digits, dots allowed (`15`, `1515`, `1515.90`).
    #[param(pattern = r"^[0-9.]+$")]
    pub hs: Option<String>,
    /// Language of titles, descriptions and listing URLs (default `en`). Texts
    /// not written in it yet come in another language, which their `locale` says.
    #[param(inline)]
    pub lang: Option<LanguageCode>,
    /// Order of the hits (default `relevance`).
    #[param(inline)]
    pub sort: Option<SortSlug>,
    /// The page, from 1.
    #[param(minimum = 1, maximum = 200, default = 1)]
    pub page: Option<u32>,
    /// Listings per page.
    #[param(minimum = 1, maximum = 100, default = default_per_page, example = 10)]
    pub per_page: Option<u64>,
}

/// The answer's language, for `GET /api/v1/listings/{id}` and
/// `GET /api/v1/producers/{slug}`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LanguageParameter {
    /// Language of texts and URLs (default `en`). Texts not written in it yet
    /// come in another language, which their `locale` says.
    #[param(inline)]
    pub lang: Option<LanguageCode>,
}

/// Revalidation, which every route of the API honours.
#[derive(IntoParams)]
#[into_params(parameter_in = Header)]
pub struct Revalidation {
    /// An `ETag` received before: the answer is a 304 without a body while
    /// it has not changed.
    #[param(rename = "If-None-Match")]
    pub if_none_match: Option<String>,
}

fn default_per_page() -> u64 {
    DEFAULT_PER_PAGE
}

pub(super) fn locale_of(params: &BTreeMap<String, String>) -> Result<Locale, ApiError> {
    match params.get("lang") {
        None => Ok(Locale::En),
        Some(code) => Locale::from_code(code)
            .ok_or_else(|| ApiError::parameter("lang", format!("`{code}` is not one of {}", Locale::codes_listed()))),
    }
}

fn slug<T>(params: &BTreeMap<String, String>, name: &str, parse: fn(&str) -> Option<T>) -> Result<Option<T>, ApiError> {
    match params.get(name) {
        None => Ok(None),
        Some(value) => parse(value)
            .map(Some)
            .ok_or_else(|| ApiError::parameter(name, format!("unknown {name} `{value}`: see /api/v1/reference"))),
    }
}

fn flag(params: &BTreeMap<String, String>, name: &str) -> Result<bool, ApiError> {
    match params.get(name).map(String::as_str) {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(ApiError::parameter(name, format!("`{other}` is neither true nor false"))),
    }
}

fn number(params: &BTreeMap<String, String>, name: &str, range: RangeInclusive<u64>) -> Result<Option<u64>, ApiError> {
    match params.get(name) {
        None => Ok(None),
        Some(value) => value.parse::<u64>().ok().filter(|n| range.contains(n)).map(Some).ok_or_else(|| {
            ApiError::parameter(
                name,
                format!("`{value}` is not a whole number from {} to {}", range.start(), range.end()),
            )
        }),
    }
}

/// The search of `GET /api/v1/listings` from its parameters, and the page size.
pub(super) fn listing_query(params: &BTreeMap<String, String>) -> Result<(ListingQuery, u64), ApiError> {
    if let Some(unknown) = params.keys().find(|key| !LISTING_PARAMETERS.contains(&key.as_str())) {
        return Err(ApiError::parameter(
            unknown,
            format!("unknown parameter: the parameters are {}", LISTING_PARAMETERS.join(", ")),
        ));
    }
    let hs = match params.get("hs") {
        None => None,
        Some(code) => {
            let digits: String = code.chars().filter(char::is_ascii_digit).collect();
            if !matches!(digits.len(), 2 | 4 | 6) || code.chars().any(|c| !c.is_ascii_digit() && c != '.') {
                return Err(ApiError::parameter(
                    "hs",
                    format!("`{code}` is not an HS chapter, heading or subheading such as 1515 or 1515.90"),
                ));
            }
            Some(digits)
        }
    };
    let query = ListingQuery {
        text: params.get("q").cloned().unwrap_or_default(),
        sector: slug(params, "sector", Sector::from_slug)?,
        region: slug(params, "region", Region::from_slug)?,
        certification: slug(params, "certification", Certification::from_slug)?,
        label: slug(params, "label", OriginLabel::from_slug)?,
        incoterm: slug(params, "incoterm", Incoterm::from_slug)?,
        cooperative: flag(params, "cooperative")?,
        verified: flag(params, "verified")?,
        moq_max: number(params, "moq_max", 1..=u64::from(u32::MAX))?,
        hs,
        sort: slug(params, "sort", SearchSort::from_slug)?.unwrap_or_default(),
        page: number(params, "page", 1..=u64::from(MAX_PAGE))?.map_or(1, |p| p as u32),
    };
    let per_page = number(params, "per_page", 1..=MAX_PER_PAGE)?.unwrap_or(DEFAULT_PER_PAGE);
    Ok((query, per_page))
}
