//! Domain types shared by the server and the browser: reference data (regions,
//! sectors, certifications, Incoterms, countries, currencies), the catalogue's
//! DTOs and `AppError`. Wasm-safe: nothing here touches I/O.

mod catalog;
mod certification;
mod company;
mod country;
mod country_table;
mod currency;
mod error;
mod incoterm;
mod locale;
mod region;
mod sector;
mod slug_enum;

pub use catalog::{
    Count, HeldCertification, HomePage, ListingCard, ListingDetail, ListingQuery, ListingResults, LocalizedText,
    PHOTO_WIDTHS, PhotoRef, ProducerCard, ProducerDetail, Quantity, RegionPage,
};
pub use certification::{Certification, OriginLabel};
pub use company::{LegalForm, SizeBand, Unit};
pub use country::{CountryCode, WorldRegion};
pub use currency::{Currency, PriceRange};
pub use error::AppError;
pub use incoterm::Incoterm;
pub use locale::{LOCALE_COOKIE, Locale};
pub use region::Region;
pub use sector::Sector;
