//! The OpenAPI 3.1 document of `/api/v1/…`, derived from the code: the
//! handlers' `#[utoipa::path]` annotations, the documented parameters
//! (`params`) and the answers' types (`wire`). Built once per process; served
//! as JSON at `GET /api/v1/openapi.json` and rendered by `reference_page`.

use std::sync::OnceLock;

use app::domain::Locale;
use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::response::Response;
use utoipa::{Modify, OpenApi};

use super::wire::{
    ApiErrorBody, CertificationSlug, CountryCodeSchema, CurrencyCode, ErrorCode, FacetSlug, HeldCertification,
    IncotermSlug, LanguageCode, LegalFormSlug, Listing, ListingCard, ListingHit, ListingsPage, LocalizedText,
    NamedValue, OriginLabelSlug, Photo, Price, Producer, ProducerCard, Quantity, Reference, RegionSlug, SectorSlug,
    SizeBandSlug, SortSlug, UnitSlug,
};
use super::{DOCUMENT_CACHE, PER_MINUTE, tagged};

/// The document (`ApiDoc::openapi()`).
#[derive(OpenApi)]
#[openapi(
    info(title = "Trade.ma public read API", version = "1"),
    paths(super::listings, super::listing, super::producer, super::reference),
    components(schemas(
        ListingsPage, ListingHit, ListingCard, Listing, Producer, ProducerCard, HeldCertification, LocalizedText,
        Quantity, Price, Photo, Reference, NamedValue, ApiErrorBody, ErrorCode, SectorSlug, RegionSlug,
        CertificationSlug, OriginLabelSlug, IncotermSlug, LanguageCode, UnitSlug, CurrencyCode, LegalFormSlug,
        SizeBandSlug, FacetSlug, SortSlug, CountryCodeSchema
    )),
    tags(
        (name = "listings", description = "The listings buyers can see: search with facets, and one listing."),
        (name = "producers", description = "Producers' public profiles."),
        (name = "reference", description = "Reference data: the slugs, named in every interface language.")
    ),
    modifiers(&Describe)
)]
pub struct ApiDoc;

/// What the attributes cannot say: the description, which states the limit
/// from `PER_MINUTE`. The crate's license, which the derive copies from
/// Cargo, is the code's and not the API's terms: it goes.
struct Describe;

impl Modify for Describe {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi.info.description = Some(description());
        openapi.info.license = None;
        openapi.info.contact = None;
        describe_query_words(openapi);
    }
}

/// The `q` parameter of `GET /api/v1/listings` names the languages it
/// searches, from `Locale::ALL`.
fn describe_query_words(openapi: &mut utoipa::openapi::OpenApi) {
    let listings = openapi.paths.paths.get_mut("/api/v1/listings").and_then(|item| item.get.as_mut());
    let parameters = listings.and_then(|operation| operation.parameters.as_mut());
    for parameter in parameters.into_iter().flatten().filter(|parameter| parameter.name == "q") {
        parameter.description = Some(format!(
            "Words to look for, in any of the interface languages ({}); at most 200 characters.",
            Locale::codes_listed()
        ));
    }
}

fn description() -> String {
    format!(
        "Read-only JSON for the partners of Trade.ma, the Moroccan export marketplace: regional trade offices, \
         chambers of commerce and trade-promotion agencies that show or study the catalogue buyers see on the \
         site. Only what buyers may see is here: published listings and the public profiles of their producers.\n\n\
         No key is needed. Each client address may make {PER_MINUTE} requests a minute; beyond that the answer \
         is a `429` with `Retry-After` (seconds). Every answer carries a strong `ETag`: send it back in \
         `If-None-Match` to get a `304` while nothing changed. A bad parameter is a `400` whose body names it.\n\n\
         Reference data (sectors, regions, certifications, origin labels, Incoterms) travels as stable slugs; \
         `GET /api/v1/reference` names them in every interface language ({languages}).\n\n\
         A readable reference of this document: `/api/v1/docs`.",
        languages = Locale::codes_listed()
    )
}

/// The document, built once.
pub fn document() -> &'static utoipa::openapi::OpenApi {
    static DOCUMENT: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOCUMENT.get_or_init(ApiDoc::openapi)
}

/// The document as JSON, serialized once.
pub fn document_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| document().to_json().expect("the OpenAPI document serializes to JSON"))
}

/// `GET /api/v1/openapi.json`.
pub async fn serve(headers: HeaderMap) -> Response {
    tagged(&headers, Bytes::from_static(document_json().as_bytes()), "application/json", DOCUMENT_CACHE)
}
