//! The catalogue as pages see it: cards, details and the data of the home and
//! region pages. Built by the server from the database; never sea-orm models.

use serde::{Deserialize, Serialize};

use super::{
    Certification, CountryCode, Incoterm, LegalForm, Locale, OriginLabel, PriceRange, Region, Sector, SizeBand, Unit,
};

/// Widths, in pixels, of the stored variants of every photo.
pub const PHOTO_WIDTHS: [u32; 3] = [320, 640, 1280];

/// A stored photo: `base` is the URL prefix its variants share
/// (`{base}-{width}.webp` and `{base}-{width}.jpg`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoRef {
    pub base: String,
    pub width: u32,
    pub height: u32,
}

impl PhotoRef {
    /// URL of one variant.
    pub fn url(&self, width: u32, extension: &str) -> String {
        format!("{}-{width}.{extension}", self.base)
    }

    /// `srcset` listing every stored width in one format.
    pub fn srcset(&self, extension: &str) -> String {
        PHOTO_WIDTHS
            .iter()
            .filter(|w| **w <= self.width.max(PHOTO_WIDTHS[0]))
            .map(|w| format!("{} {w}w", self.url(*w, extension)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Height of the variant `width` pixels wide, keeping the aspect ratio
    /// (rounded to the nearest pixel, as the stored variants are).
    pub fn height_at(&self, width: u32) -> u32 {
        if self.width == 0 {
            return width;
        }
        ((u64::from(self.height) * u64::from(width) + u64::from(self.width) / 2) / u64::from(self.width)) as u32
    }
}

/// Text in the language it was found in: `locale` differs from the reader's when
/// the producer has not written this language yet and a fallback is shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalizedText {
    pub text: String,
    pub locale: Locale,
}

/// A quantity with its unit: a minimum order or a monthly capacity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quantity {
    pub amount: u64,
    pub unit: Unit,
}

impl Quantity {
    /// Whether this is less than `minimum` in the same unit (different
    /// units are not compared: no conversion is guessed).
    pub fn below(&self, minimum: &Quantity) -> bool {
        self.unit == minimum.unit && self.amount < minimum.amount
    }
}

/// What a search result or a grid shows of a listing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingCard {
    pub id: i64,
    pub slug: String,
    pub title: LocalizedText,
    pub producer_name: String,
    pub producer_slug: String,
    pub producer_verified: bool,
    pub region: Region,
    pub sector: Sector,
    pub moq: Option<Quantity>,
    pub price: PriceRange,
    pub cover: Option<PhotoRef>,
}

impl ListingCard {
    /// Path of the listing page in a language: `/fr/listings/12-huile-d-argan`.
    pub fn path(&self, locale: Locale) -> String {
        format!("/{}/listings/{}-{}", locale.code(), self.id, self.slug)
    }
}

/// What a listing card and a producer page show of a producer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducerCard {
    pub slug: String,
    pub name: String,
    pub legal_form: LegalForm,
    pub region: Region,
    pub city: String,
    pub verified: bool,
    pub year_founded: Option<i32>,
    pub sectors: Vec<Sector>,
    pub listing_count: u64,
}

impl ProducerCard {
    pub fn path(&self, locale: Locale) -> String {
        format!("/{}/producers/{}", locale.code(), self.slug)
    }
}

/// Everything the listing page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingDetail {
    pub card: ListingCard,
    pub description: LocalizedText,
    pub hs_code: Option<String>,
    pub incoterms: Vec<Incoterm>,
    pub port_of_loading: Option<String>,
    pub lead_time_days: Option<u32>,
    pub monthly_capacity: Option<Quantity>,
    pub certifications: Vec<Certification>,
    pub origin_labels: Vec<OriginLabel>,
    pub photos: Vec<PhotoRef>,
    pub producer: ProducerCard,
    /// Publication date, `YYYY-MM-DD`.
    pub published_on: Option<String>,
    /// How the producer answers inquiries.
    pub response: super::ResponseMetrics,
}

/// A certification a producer holds, with its expiry date when known.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldCertification {
    pub certification: Certification,
    /// `YYYY-MM-DD`
    pub valid_until: Option<String>,
}

/// Everything the producer page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducerDetail {
    pub card: ProducerCard,
    pub legal_name: String,
    /// URL prefix of the logo's 320 px variants (`{logo}-320.webp`, `.jpg`).
    pub logo: Option<String>,
    pub description: Option<LocalizedText>,
    pub size_band: Option<SizeBand>,
    /// Year of the first export, when the producer has exported.
    pub export_since: Option<i32>,
    pub website: Option<String>,
    pub export_markets: Vec<CountryCode>,
    /// BCP 47 codes of the languages the team speaks.
    pub languages: Vec<String>,
    pub certifications: Vec<HeldCertification>,
    pub listings: Vec<ListingCard>,
    /// `YYYY-MM-DD`
    pub member_since: String,
    /// How the producer answers inquiries.
    pub response: super::ResponseMetrics,
}

/// A sector or region with how many published listings it has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count<T> {
    pub value: T,
    pub listings: u64,
}

/// The home page: the catalogue at a glance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomePage {
    pub listing_count: u64,
    pub producer_count: u64,
    pub sectors: Vec<Count<Sector>>,
    pub regions: Vec<Count<Region>>,
    pub recent: Vec<ListingCard>,
}

/// A region's page: its producers and its listings, found through the
/// same search as the search page (filtered to the region, newest first,
/// with the other facets' counts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionPage {
    pub region: Region,
    pub producer_count: u64,
    pub producers: Vec<ProducerCard>,
    pub listings: super::ListingResults,
}

/// A sector's page: its listings through the search (filtered to the
/// sector, newest first) with counts by region and the other facets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectorPage {
    pub sector: Sector,
    pub producer_count: u64,
    pub listings: super::ListingResults,
}
