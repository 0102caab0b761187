//! What `/api/v1/…` answers, as Rust types: each derives `Serialize` (the
//! bytes sent) and `utoipa::ToSchema` (its schema in the OpenAPI document), so
//! the document cannot drift from the answers. They copy the catalogue's DTOs
//! field for field, and the conversions destructure those DTOs completely: a
//! field added to the domain does not reach partners until it is added here.
//! Reference-data values travel as their slugs; their schemas (`Sector`,
//! `Region`…) list every allowed slug, taken from the domain's `ALL` lists.

use std::borrow::Cow;
use std::collections::BTreeMap;

use app::domain::{
    self, Certification, CountryCode, Currency, Incoterm, LegalForm, Locale, OriginLabel, Region, SearchFacet,
    SearchSort, Sector, SizeBand, Unit,
};
use app::i18n::{Messages, messages};
use serde::Serialize;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::{PartialSchema, ToSchema};

/// A string schema with a description and, when given, its allowed values.
fn string_schema(description: &str, values: Option<Vec<&'static str>>) -> RefOr<Schema> {
    ObjectBuilder::new().schema_type(Type::String).description(Some(description)).enum_values(values).into()
}

/// Declares schema-only types (never constructed: they name a schema) for
/// reference data sent as slugs, each listing every allowed value.
macro_rules! slug_schemas {
    ($($marker:ident = $name:literal, $description:literal, $values:expr;)+) => {$(
        #[doc = $description]
        pub enum $marker {}

        impl PartialSchema for $marker {
            fn schema() -> RefOr<Schema> {
                string_schema($description, Some($values.collect()))
            }
        }

        impl ToSchema for $marker {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
        }
    )+};
}

slug_schemas! {
    SectorSlug = "Sector", "An export sector (names in every language: `GET /api/v1/reference`).",
        Sector::ALL.iter().map(|value| value.slug());
    RegionSlug = "Region", "One of the twelve regions of Morocco (names: `GET /api/v1/reference`).",
        Region::ALL.iter().map(|value| value.slug());
    CertificationSlug = "Certification", "A quality, food-safety or ethical certification.",
        Certification::ALL.iter().map(|value| value.slug());
    OriginLabelSlug = "OriginLabel", "A Moroccan protected geographical indication (IGP) or origin (AOP).",
        OriginLabel::ALL.iter().map(|value| value.slug());
    IncotermSlug = "Incoterm", "An Incoterms 2020 rule.",
        Incoterm::ALL.iter().map(|value| value.slug());
    LanguageCode = "Language", "An interface language, as its BCP 47 code.",
        Locale::ALL.iter().map(|value| value.code());
    UnitSlug = "Unit", "The unit a quantity is counted in.",
        Unit::ALL.iter().map(|value| value.slug());
    CurrencyCode = "Currency", "The ISO 4217 currency of a price.",
        Currency::ALL.iter().map(|value| value.slug());
    LegalFormSlug = "LegalForm", "The legal form of a producer.",
        LegalForm::ALL.iter().map(|value| value.slug());
    SizeBandSlug = "SizeBand", "Number of employees, as a band.",
        SizeBand::ALL.iter().map(|value| value.slug());
    FacetSlug = "Facet", "A facet results are counted and filtered by.",
        SearchFacet::ALL.iter().map(|value| value.slug());
    SortSlug = "Sort", "An order of search results.",
        SearchSort::ALL.iter().map(|value| value.slug());
}

/// An ISO 3166-1 alpha-2 country code, upper case (schema only).
pub enum CountryCodeSchema {}

impl PartialSchema for CountryCodeSchema {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some("An ISO 3166-1 alpha-2 country code, upper case."))
            .pattern(Some("^[A-Z]{2}$"))
            .into()
    }
}

impl ToSchema for CountryCodeSchema {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Country")
    }
}

/// Why a request was refused: `invalid_parameter` (400), `not_found` (404),
/// `rate_limited` (429), `unavailable` (503) or `internal` (500).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A query or path parameter is unknown or has a bad value (status 400).
    InvalidParameter,
    /// Nothing public has this identifier (status 404).
    NotFound,
    /// Too many requests from this address (status 429).
    RateLimited,
    /// The service is briefly unavailable (status 503).
    Unavailable,
    /// Something failed on the server (status 500).
    Internal,
}

/// A refusal.
#[derive(Serialize, ToSchema)]
pub struct ApiErrorBody {
    pub error: ErrorCode,
    /// What went wrong, in English, for a person.
    pub message: String,
    /// The parameter at fault (only with `invalid_parameter`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

/// Text in the language it was found in: `locale` differs from the language
/// asked for when the producer has not written that language yet.
#[derive(Serialize, ToSchema)]
pub struct LocalizedText {
    pub text: String,
    #[schema(value_type = LanguageCode)]
    pub locale: Locale,
}

impl From<domain::LocalizedText> for LocalizedText {
    fn from(domain::LocalizedText { text, locale }: domain::LocalizedText) -> LocalizedText {
        LocalizedText { text, locale }
    }
}

/// A quantity with its unit: a minimum order or a monthly capacity.
#[derive(Serialize, ToSchema)]
pub struct Quantity {
    pub amount: u64,
    #[schema(value_type = UnitSlug)]
    pub unit: Unit,
}

impl From<domain::Quantity> for Quantity {
    fn from(domain::Quantity { amount, unit }: domain::Quantity) -> Quantity {
        Quantity { amount, unit }
    }
}

/// A price per unit of sale: the string `"OnRequest"`, or `{"Range": {…}}`.
#[derive(Serialize, ToSchema)]
pub enum Price {
    /// The producer quotes per inquiry.
    OnRequest,
    /// From `min_minor` to `max_minor` minor units (centimes, cents) per unit
    /// of sale; `max_minor` may equal `min_minor`.
    Range {
        min_minor: i64,
        max_minor: i64,
        #[schema(value_type = CurrencyCode)]
        currency: Currency,
    },
}

impl From<domain::PriceRange> for Price {
    fn from(price: domain::PriceRange) -> Price {
        match price {
            domain::PriceRange::OnRequest => Price::OnRequest,
            domain::PriceRange::Range { min_minor, max_minor, currency } => {
                Price::Range { min_minor, max_minor, currency }
            }
        }
    }
}

/// A stored photo: `{base}-{width}.webp` and `{base}-{width}.jpg` exist for
/// the widths 320, 640 and 1280 up to the original's width.
#[derive(Serialize, ToSchema)]
pub struct Photo {
    /// URL prefix shared by the photo's variants.
    pub base: String,
    pub width: u32,
    pub height: u32,
}

impl From<domain::PhotoRef> for Photo {
    fn from(domain::PhotoRef { base, width, height }: domain::PhotoRef) -> Photo {
        Photo { base, width, height }
    }
}

/// What a search result shows of a listing.
#[derive(Serialize, ToSchema)]
pub struct ListingCard {
    pub id: i64,
    pub slug: String,
    pub title: LocalizedText,
    pub producer_name: String,
    pub producer_slug: String,
    /// Whether a trade office verified the producer.
    pub producer_verified: bool,
    #[schema(value_type = RegionSlug)]
    pub region: Region,
    #[schema(value_type = SectorSlug)]
    pub sector: Sector,
    /// Minimum order quantity.
    pub moq: Option<Quantity>,
    pub price: Price,
    pub cover: Option<Photo>,
}

impl From<domain::ListingCard> for ListingCard {
    fn from(card: domain::ListingCard) -> ListingCard {
        let domain::ListingCard {
            id,
            slug,
            title,
            producer_name,
            producer_slug,
            producer_verified,
            region,
            sector,
            moq,
            price,
            cover,
        } = card;
        ListingCard {
            id,
            slug,
            title: title.into(),
            producer_name,
            producer_slug,
            producer_verified,
            region,
            sector,
            moq: moq.map(Quantity::from),
            price: price.into(),
            cover: cover.map(Photo::from),
        }
    }
}

/// A search hit: the listing's card and the address of its page.
#[derive(Serialize, ToSchema)]
pub struct ListingHit {
    #[serde(flatten)]
    pub card: ListingCard,
    /// The listing's page on the site, in the language asked for.
    pub url: String,
}

/// `GET /api/v1/listings`: one page of matching listings with facet counts.
#[derive(Serialize, ToSchema)]
pub struct ListingsPage {
    /// Matching listings, all pages together.
    pub total: u64,
    /// This page, from 1.
    pub page: u32,
    pub per_page: u64,
    /// `true` when the search engine did not answer: the hits come from a
    /// simpler search of the database and may be incomplete (and the answer
    /// is not cached).
    pub degraded: bool,
    /// When `q` as given found nothing: the words searched instead (respelt,
    /// an HS subheading widened to its heading, or without the least
    /// important word), whose results these are.
    pub searched_instead: Option<String>,
    pub hits: Vec<ListingHit>,
    /// For each facet, each value's slug (`true` for `cooperative` and
    /// `verified`, a ceiling for `moq`) with how many results it would give.
    #[schema(value_type = BTreeMap<FacetSlug, BTreeMap<String, u64>>)]
    pub facets: BTreeMap<String, BTreeMap<String, u64>>,
}

impl ListingsPage {
    /// The page of `results`, with listing URLs on `site` in `locale`.
    pub fn new(results: domain::ListingResults, per_page: u64, locale: Locale, site: &str) -> ListingsPage {
        let domain::ListingResults { total, cards, facets, page, degraded, broadened, .. } = results;
        let searched_instead = broadened.map(|broadened| broadened.text().to_owned());
        let site = site.trim_end_matches('/');
        let hits: Vec<ListingHit> = cards
            .into_iter()
            .map(|card| ListingHit { url: format!("{site}{}", card.path(locale)), card: card.into() })
            .collect();
        let facets: BTreeMap<String, BTreeMap<String, u64>> = facets
            .into_iter()
            .map(|group| {
                let values: BTreeMap<String, u64> =
                    group.values.into_iter().map(|value| (value.slug, value.count)).collect();
                (group.facet.slug().to_owned(), values)
            })
            .collect();
        ListingsPage { total, page, per_page, degraded, searched_instead, hits, facets }
    }
}

/// What a listing and a producer page show of a producer.
#[derive(Serialize, ToSchema)]
pub struct ProducerCard {
    pub slug: String,
    pub name: String,
    #[schema(value_type = LegalFormSlug)]
    pub legal_form: LegalForm,
    #[schema(value_type = RegionSlug)]
    pub region: Region,
    pub city: String,
    /// Whether a trade office verified the producer.
    pub verified: bool,
    pub year_founded: Option<i32>,
    #[schema(value_type = Vec<SectorSlug>)]
    pub sectors: Vec<Sector>,
    /// Published listings.
    pub listing_count: u64,
}

impl From<domain::ProducerCard> for ProducerCard {
    fn from(card: domain::ProducerCard) -> ProducerCard {
        let domain::ProducerCard {
            slug,
            name,
            legal_form,
            region,
            city,
            verified,
            year_founded,
            sectors,
            listing_count,
        } = card;
        ProducerCard { slug, name, legal_form, region, city, verified, year_founded, sectors, listing_count }
    }
}

/// `GET /api/v1/listings/{id}`: everything the listing page shows.
#[derive(Serialize, ToSchema)]
pub struct Listing {
    pub card: ListingCard,
    pub description: LocalizedText,
    /// Harmonized System code, digits only.
    pub hs_code: Option<String>,
    #[schema(value_type = Vec<IncotermSlug>)]
    pub incoterms: Vec<Incoterm>,
    pub port_of_loading: Option<String>,
    pub lead_time_days: Option<u32>,
    pub monthly_capacity: Option<Quantity>,
    #[schema(value_type = Vec<CertificationSlug>)]
    pub certifications: Vec<Certification>,
    #[schema(value_type = Vec<OriginLabelSlug>)]
    pub origin_labels: Vec<OriginLabel>,
    pub photos: Vec<Photo>,
    pub producer: ProducerCard,
    /// Publication date, `YYYY-MM-DD`.
    pub published_on: Option<String>,
}

impl From<domain::ListingDetail> for Listing {
    fn from(detail: domain::ListingDetail) -> Listing {
        let domain::ListingDetail {
            card,
            description,
            hs_code,
            incoterms,
            port_of_loading,
            lead_time_days,
            monthly_capacity,
            certifications,
            origin_labels,
            photos,
            producer,
            published_on,
            // Responsiveness is for the site's pages; partners get the catalogue.
            response: _,
        } = detail;
        Listing {
            card: card.into(),
            description: description.into(),
            hs_code,
            incoterms,
            port_of_loading,
            lead_time_days,
            monthly_capacity: monthly_capacity.map(Quantity::from),
            certifications,
            origin_labels,
            photos: photos.into_iter().map(Photo::from).collect(),
            producer: producer.into(),
            published_on,
        }
    }
}

/// A certification a producer holds.
#[derive(Serialize, ToSchema)]
pub struct HeldCertification {
    #[schema(value_type = CertificationSlug)]
    pub certification: Certification,
    /// Expiry date when known, `YYYY-MM-DD`.
    pub valid_until: Option<String>,
}

impl From<domain::HeldCertification> for HeldCertification {
    fn from(domain::HeldCertification { certification, valid_until }: domain::HeldCertification) -> HeldCertification {
        HeldCertification { certification, valid_until }
    }
}

/// `GET /api/v1/producers/{slug}`: everything the producer page shows.
#[derive(Serialize, ToSchema)]
pub struct Producer {
    pub card: ProducerCard,
    pub legal_name: String,
    /// URL prefix of the logo's 320 px variants (`{logo}-320.webp`, `.jpg`).
    pub logo: Option<String>,
    pub description: Option<LocalizedText>,
    #[schema(value_type = Option<SizeBandSlug>)]
    pub size_band: Option<SizeBand>,
    /// Year of the first export, when the producer has exported.
    pub export_since: Option<i32>,
    pub website: Option<String>,
    #[schema(value_type = Vec<CountryCodeSchema>)]
    pub export_markets: Vec<CountryCode>,
    /// BCP 47 codes of the languages the team speaks.
    pub languages: Vec<String>,
    pub certifications: Vec<HeldCertification>,
    /// The producer's published listings.
    pub listings: Vec<ListingCard>,
    /// `YYYY-MM-DD`
    pub member_since: String,
}

impl From<domain::ProducerDetail> for Producer {
    fn from(detail: domain::ProducerDetail) -> Producer {
        let domain::ProducerDetail {
            card,
            legal_name,
            logo,
            description,
            size_band,
            export_since,
            website,
            export_markets,
            languages,
            certifications,
            listings,
            member_since,
            response: _,
        } = detail;
        Producer {
            card: card.into(),
            legal_name,
            logo,
            description: description.map(LocalizedText::from),
            size_band,
            export_since,
            website,
            export_markets,
            languages,
            certifications: certifications.into_iter().map(HeldCertification::from).collect(),
            listings: listings.into_iter().map(ListingCard::from).collect(),
            member_since,
        }
    }
}

/// A reference value: its slug and its name in each interface language.
#[derive(Serialize, ToSchema)]
pub struct NamedValue {
    pub slug: String,
    /// Language code → name.
    #[schema(value_type = BTreeMap<LanguageCode, String>)]
    pub names: BTreeMap<String, String>,
}

/// Slugs with their names in every interface language.
fn named<T: Copy>(
    values: &[T],
    slug: fn(T) -> &'static str,
    name: fn(T, &Messages) -> &'static str,
) -> Vec<NamedValue> {
    values
        .iter()
        .map(|value| NamedValue {
            slug: slug(*value).to_owned(),
            names: Locale::ALL
                .iter()
                .map(|locale| (locale.code().to_owned(), name(*value, messages(*locale)).to_owned()))
                .collect(),
        })
        .collect()
}

/// `GET /api/v1/reference`: every reference value, named in each language.
#[derive(Serialize, ToSchema)]
pub struct Reference {
    pub sectors: Vec<NamedValue>,
    pub regions: Vec<NamedValue>,
    pub certifications: Vec<NamedValue>,
    /// Origin labels (IGP, AOP).
    pub labels: Vec<NamedValue>,
    pub incoterms: Vec<NamedValue>,
    /// The facets of `GET /api/v1/listings`.
    #[schema(value_type = Vec<FacetSlug>)]
    pub facets: Vec<String>,
    /// The orders of `GET /api/v1/listings`.
    #[schema(value_type = Vec<SortSlug>)]
    pub sorts: Vec<String>,
    /// The interface languages (`lang`).
    #[schema(value_type = Vec<LanguageCode>)]
    pub languages: Vec<String>,
}

impl Reference {
    pub fn current() -> Reference {
        Reference {
            sectors: named(Sector::ALL, Sector::slug, Sector::name),
            regions: named(Region::ALL, Region::slug, Region::name),
            certifications: named(Certification::ALL, Certification::slug, Certification::name),
            labels: named(OriginLabel::ALL, OriginLabel::slug, OriginLabel::name),
            incoterms: named(Incoterm::ALL, Incoterm::slug, Incoterm::name),
            facets: SearchFacet::ALL.iter().map(|facet| facet.slug().to_owned()).collect(),
            sorts: SearchSort::ALL.iter().map(|sort| sort.slug().to_owned()).collect(),
            languages: Locale::ALL.iter().map(|locale| locale.code().to_owned()).collect(),
        }
    }
}
