//! schema.org structured data (JSON-LD) for the pages search engines show
//! as rich results: a listing is a `Product` with its `offers`, a producer an
//! `Organization` with its region, a showcase an `Event`. Built from the
//! same data the page shows, every address absolute; written so that no
//! producer's text can close the `<script>` element it lives in.

use leptos::prelude::*;
use serde_json::{Value, json};

use crate::domain::{ListingDetail, PriceRange, ProducerDetail, ShowcasePage};
use crate::i18n::I18n;
use crate::site_url::SiteUrl;

/// The data in a `<script type="application/ld+json">` element.
#[component]
pub fn StructuredData(data: Value) -> impl IntoView {
    view! { <script type="application/ld+json" inner_html=script_text(&data)></script> }
}

/// JSON with `<`, `>` and `&` escaped as `\u003c`…: still the same JSON
/// for a parser, but `</script>` and `<!--` cannot appear in it.
pub fn script_text(data: &Value) -> String {
    let text = serde_json::to_string(data).unwrap_or_else(|_| "{}".to_owned());
    text.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// `1250` minor units → `"12.50"`: schema.org prices use a dot whatever
/// the page's language.
fn decimal(minor: i64) -> String {
    format!("{}{}.{:02}", if minor < 0 { "-" } else { "" }, (minor / 100).abs(), (minor % 100).abs())
}

/// A listing as a `Product`.
pub fn product(detail: &ListingDetail, i18n: &I18n, site: &SiteUrl) -> Value {
    let card = &detail.card;
    let url = site.absolute(&card.path(i18n.locale));
    let producer_url = site.absolute(&detail.producer.path(i18n.locale));
    let seller = json!({ "@type": "Organization", "name": card.producer_name, "url": producer_url });
    let mut offer = json!({
        "@type": "Offer",
        "url": url,
        "availability": "https://schema.org/InStock",
        "seller": seller,
    });
    if let PriceRange::Range { min_minor, max_minor, currency } = card.price {
        offer = json!({
            "@type": "AggregateOffer",
            "url": url,
            "availability": "https://schema.org/InStock",
            "priceCurrency": currency.slug(),
            "lowPrice": decimal(min_minor),
            "highPrice": decimal(max_minor),
            "offerCount": 1,
            "seller": seller,
        });
    }
    if let Some(moq) = &card.moq {
        offer["eligibleQuantity"] =
            json!({ "@type": "QuantitativeValue", "minValue": moq.amount, "unitText": moq.unit.name(i18n.messages) });
    }
    let images: Vec<String> =
        detail.photos.iter().map(|photo| site.absolute(&super::SharedImage::from_photo(photo, "").url)).collect();
    let mut product = json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": card.title.text,
        "description": detail.description.text,
        "url": url,
        "sku": card.id.to_string(),
        "category": card.sector.name(i18n.messages),
        "brand": { "@type": "Brand", "name": card.producer_name },
        "manufacturer": {
            "@type": "Organization",
            "name": card.producer_name,
            "url": producer_url,
            "address": { "@type": "PostalAddress", "addressRegion": detail.producer.region.name(i18n.messages), "addressCountry": "MA" },
        },
        "countryOfOrigin": { "@type": "Country", "name": "Morocco", "identifier": "MA" },
        "offers": offer,
    });
    if !images.is_empty() {
        product["image"] = json!(images);
    }
    if let Some(hs) = &detail.hs_code {
        product["additionalProperty"] = json!([{ "@type": "PropertyValue", "propertyID": "HS", "value": hs }]);
    }
    product
}

/// A producer as an `Organization`.
pub fn organization(detail: &ProducerDetail, i18n: &I18n, site: &SiteUrl) -> Value {
    let card = &detail.card;
    let mut organization = json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": card.name,
        "legalName": detail.legal_name,
        "url": site.absolute(&card.path(i18n.locale)),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": card.city,
            "addressRegion": card.region.name(i18n.messages),
            "addressCountry": "MA",
        },
        "knowsAbout": card.sectors.iter().map(|sector| sector.name(i18n.messages)).collect::<Vec<_>>(),
    });
    if let Some(description) = &detail.description {
        organization["description"] = json!(description.text);
    }
    if let Some(year) = card.year_founded {
        organization["foundingDate"] = json!(year.to_string());
    }
    if let Some(logo) = &detail.logo {
        organization["logo"] = json!(site.absolute(&format!("{logo}-320.jpg")));
    }
    if let Some(website) = &detail.website {
        organization["sameAs"] = json!([website]);
    }
    organization
}

/// A showcase as an `Event` at its trade fair.
pub fn event(page: &ShowcasePage, i18n: &I18n, site: &SiteUrl) -> Value {
    let mut event = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title.text,
        "url": site.absolute(&i18n.path(&format!("/showcases/{}", page.slug))),
        "startDate": page.starts_on.to_string(),
        "endDate": page.ends_on.to_string(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": page.venue.clone().unwrap_or_else(|| page.event_name.clone()),
            "address": { "@type": "PostalAddress", "addressLocality": page.city },
        },
        "superEvent": { "@type": "Event", "name": page.event_name },
        "organizer": { "@type": "Organization", "name": i18n.messages.site_name, "url": site.absolute(&i18n.path("")) },
    });
    if let Some(description) = &page.description {
        event["description"] = json!(description.text);
    }
    if let Some(cover) = &page.cover {
        event["image"] = json!([site.absolute(&super::SharedImage::from_photo(cover, "").url)]);
    }
    event
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn producer_text_cannot_close_the_script() {
        let text = script_text(&json!({ "name": "</script><script>alert(1)</script><!-- & \"quoted\"" }));
        assert!(!text.contains('<') && !text.contains('>'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script><!-- & \"quoted\"");
    }

    #[test]
    fn prices_use_a_dot() {
        assert_eq!(decimal(125_050), "1250.50");
        assert_eq!(decimal(7), "0.07");
        assert_eq!(decimal(-7), "-0.07");
    }
}
