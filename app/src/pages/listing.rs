//! The listing page: photos, the trade terms a buyer compares, the
//! description (marked when shown in another language) and the supplier.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{NotFound, lang_segment_is_valid, loaded};
use crate::api::catalog::get_listing;
use crate::api::inquiries::get_buyer_country;
use crate::api::shortlists::is_kept;
use crate::components::{
    CertificationChips, Gallery, Icon, IconName, OriginLabelChips, PageMeta, ProducerCard, ResponseSummary,
    SharedImage, ShortlistButton, StructuredData, TradeAgreementHint, VerifiedBadge, json_ld,
};
use crate::domain::{AppError, CountryCode, ListingDetail, LocalizedText, PriceRange};
use crate::i18n::{fill, use_i18n};
use crate::site_url::site_url;

/// `12-huile-d-argan` → 12. The slug after the id is decoration.
pub(super) fn listing_id(segment: &str) -> Option<i64> {
    segment.split('-').next()?.parse().ok().filter(|id| *id > 0)
}

#[component]
pub fn ListingPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let params = use_params_map();
    let listing = Resource::new(
        move || params.read().get("listing").and_then(|segment| listing_id(&segment)),
        move |id| async move {
            let Some(id) = id else { return Err(AppError::NotFound) };
            let detail = get_listing(id, locale).await?;
            // The reader's own part, read with the page (not in a nested
            // Suspense, which hydration cannot match here).
            let buyer_country = get_buyer_country().await?;
            let kept = is_kept(Some(id), None, locale).await?;
            Ok((detail, buyer_country, kept))
        },
    );
    view! {
        {loaded(listing, |(detail, buyer_country, kept)| view! { <ListingContent detail buyer_country kept /> })}
    }
    .into_any()
}

/// The notice shown when text is in another language than the reader's.
#[component]
pub fn FallbackNotice(text: LocalizedText) -> impl IntoView {
    let i18n = use_i18n();
    (text.locale != i18n.locale).then(|| {
        let language = i18n.language_name(text.locale);
        view! { <p class="fallback-notice" data-fallback=text.locale.code()>{fill(i18n.messages.listing_fallback, &[("language", language)])}</p> }
    })
}

#[component]
fn ListingContent(detail: ListingDetail, buyer_country: Option<CountryCode>, kept: Option<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let card = detail.card.clone();
    let title = card.title.text.clone();
    let description_excerpt: String = detail.description.text.chars().take(155).collect();
    let path = format!("/listings/{}-{}", card.id, card.slug);
    let price = match &card.price {
        PriceRange::OnRequest => m.listing_price_on_request.to_owned(),
        range => range.format_amounts(i18n.locale).unwrap_or_default(),
    };
    let producer_href = detail.producer.path(i18n.locale);
    // What a link preview shows under the title: price, supplier, origin.
    let shared_summary =
        format!("{price} · {} ({}) · {description_excerpt}", card.producer_name, detail.producer.region.name(m));
    let shared_image =
        card.cover.as_ref().or(detail.photos.first()).map(|photo| SharedImage::from_photo(photo, title.clone()));
    let structured = json_ld::product(&detail, &i18n, &site_url());
    view! {
        <PageMeta title=format!("{title} · {}", m.site_name) description=shared_summary path=path.clone() image=shared_image kind="product" />
        <StructuredData data=structured />
        <div class="container listing-page">
            <nav class="breadcrumb" aria-label="breadcrumb">
                <a href=i18n.path("")>{m.nav_home}</a>
                <Icon name=IconName::ChevronEnd />
                <a href=i18n.sector_path(card.sector)>{card.sector.name(m)}</a>
            </nav>
            <div class="listing-layout">
                <Gallery photos=detail.photos.clone() title=title.clone() />
                <div class="listing-summary">
                    <h1 lang=card.title.locale.code()>{title.clone()}</h1>
                    <FallbackNotice text=card.title.clone() />
                    <p class="listing-supplier">
                        <Icon name=IconName::Factory />
                        <a href=producer_href.clone()>{card.producer_name.clone()}</a>
                        {card.producer_verified.then(|| view! { <VerifiedBadge /> })}
                    </p>
                    <div class="price-box">
                        <span class="price-box-amount" dir="ltr">{price}</span>
                    </div>
                    <div class="contact-box">
                        <a class="button button-accent button-large" href=i18n.path(&format!("/listings/{}/inquire{}", card.id, super::from_showcase()))>{m.inquiry_contact}</a>
                        <p class="muted">{m.inquiry_contact_hint}</p>
                        <ShortlistButton thing=crate::domain::SavedThing::Listing(card.id) kept />
                    </div>
                    <TradeFacts detail=detail.clone() />
                    <TradeAgreementHint path=i18n.path(&path) default_country=buyer_country hs_code=detail.hs_code.clone() region=detail.producer.region />
                    {detail.published_on.clone().map(|date| view! { <p class="muted">{fill(m.listing_published, &[("date", &date)])}</p> })}
                </div>
            </div>
            <section class="listing-description" aria-labelledby="description-title">
                <h2 id="description-title">{m.listing_description}</h2>
                <FallbackNotice text=detail.description.clone() />
                <p lang=detail.description.locale.code()>{detail.description.text.clone()}</p>
            </section>
            <section class="listing-supplier-card" aria-labelledby="supplier-title">
                <h2 id="supplier-title">{m.listing_supplier}</h2>
                <ProducerCard card=detail.producer.clone() />
                <ResponseSummary metrics=detail.response />
                <a class="button button-secondary" href=producer_href>{m.listing_view_supplier}</a>
            </section>
        </div>
    }
}

/// The terms a buyer compares suppliers on, as a definition list.
#[component]
fn TradeFacts(detail: ListingDetail) -> impl IntoView {
    let m = use_i18n().messages;
    let card = &detail.card;
    let fact = |label: &'static str, value: String| view! { <div class="fact"><dt>{label}</dt><dd>{value}</dd></div> };
    let incoterms = detail.incoterms.iter().map(|i| i.slug()).collect::<Vec<_>>().join(" · ");
    view! {
        <section aria-labelledby="facts-title">
            <h2 id="facts-title" class="visually-hidden">{m.listing_facts}</h2>
            <dl class="facts">
                {card.moq.as_ref().map(|q| fact(m.listing_moq, format!("{} {}", q.amount, q.unit.name(m))))}
                {(!incoterms.is_empty()).then(|| fact(m.listing_incoterms, incoterms))}
                {detail.port_of_loading.clone().map(|port| fact(m.listing_port_of_loading, port))}
                {detail.lead_time_days.map(|days| fact(m.listing_lead_time, fill(m.listing_lead_time_value, &[("n", &days.to_string())])))}
                {detail.monthly_capacity.as_ref().map(|q| fact(m.listing_capacity, format!("{} {}", q.amount, q.unit.name(m))))}
                {detail.hs_code.clone().map(|hs| fact(m.listing_hs_code, hs))}
                {fact(m.listing_origin_region, card.region.name(m).to_owned())}
                {fact(m.listing_sector, card.sector.name(m).to_owned())}
            </dl>
            {(!detail.certifications.is_empty()).then(|| view! {
                <h3 class="facts-heading">{m.listing_certifications}</h3>
                <CertificationChips certifications=detail.certifications.clone() />
            })}
            {(!detail.origin_labels.is_empty()).then(|| view! {
                <h3 class="facts-heading">{m.listing_origin_labels}</h3>
                <OriginLabelChips labels=detail.origin_labels.clone() />
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::listing_id;

    #[test]
    fn reads_the_id_before_the_slug() {
        assert_eq!(listing_id("12-huile-d-argan"), Some(12));
        assert_eq!(listing_id("12"), Some(12));
        assert_eq!(listing_id("argan"), None);
        assert_eq!(listing_id("-3-x"), None);
        assert_eq!(listing_id("0-x"), None);
    }
}
