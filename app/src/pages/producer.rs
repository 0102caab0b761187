//! The producer page: the company facts a buyer checks before writing, its
//! certifications and its published products.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::listing::FallbackNotice;
use super::{NotFound, lang_segment_is_valid, loaded};
use crate::api::catalog::get_producer;
use crate::components::{
    Icon, IconName, ListingGrid, Logo, PageMeta, ResponseSummary, SharedImage, ShortlistButton, StructuredData,
    VerifiedBadge, json_ld,
};
use crate::domain::{Locale, ProducerDetail, spoken_language_name};
use crate::i18n::{fill, use_i18n};
use crate::site_url::site_url;

#[component]
pub fn ProducerPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let params = use_params_map();
    let producer = Resource::new(
        move || params.read().get("producer").unwrap_or_default(),
        move |slug| async move {
            let detail = get_producer(slug.clone(), locale).await?;
            let kept = crate::api::shortlists::is_kept(None, Some(slug), locale).await?;
            Ok((detail, kept))
        },
    );
    view! {
        {loaded(producer, |(detail, kept)| view! { <ProducerContent detail kept /> })}
    }
    .into_any()
}

#[component]
fn ProducerContent(detail: ProducerDetail, kept: Option<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let card = detail.card.clone();
    let description = detail.description.clone();
    let excerpt: String = description.as_ref().map(|d| d.text.chars().take(155).collect()).unwrap_or_default();
    let markets = detail.export_markets.iter().map(|c| c.name(i18n.locale)).collect::<Vec<_>>().join(", ");
    let languages = detail
        .languages
        .iter()
        .map(|code| {
            Locale::from_code(code)
                .map(|l| i18n.language_name(l).to_owned())
                .unwrap_or_else(|| spoken_language_name(code).to_owned())
        })
        .collect::<Vec<_>>()
        .join(", ");
    let fact = |label: &'static str, value: String| view! { <div class="fact"><dt>{label}</dt><dd>{value}</dd></div> };
    let since = fill(m.producer_member_since, &[("date", &detail.member_since)]);
    let shared_image = detail
        .listings
        .iter()
        .find_map(|listing| listing.cover.as_ref())
        .map(|photo| SharedImage::from_photo(photo, card.name.clone()));
    let structured = json_ld::organization(&detail, &i18n, &site_url());
    view! {
        <PageMeta title=format!("{} · {}", card.name, m.site_name) description=excerpt path=format!("/producers/{}", card.slug) image=shared_image kind="profile" />
        <StructuredData data=structured />
        <div class="container producer-page">
            <header class="producer-header">
                {detail.logo.clone().map(|base| view! { <Logo base alt=format!("{} logo", card.name) /> })}
                <h1>{card.name.clone()}</h1>
                <p class="producer-header-meta">
                    {card.verified.then(|| view! { <VerifiedBadge /> })}
                    <span class="tag">{card.legal_form.name(m)}</span>
                    <span class="producer-card-place">
                        <Icon name=IconName::MapPin />
                        {format!("{}, {}", card.city, card.region.name(m))}
                    </span>
                    <span class="muted">{since}</span>
                </p>
            </header>
            <div class="producer-layout">
                <section aria-labelledby="about-title">
                    <h2 id="about-title">{m.producer_about}</h2>
                    {description.map(|text| view! {
                        <FallbackNotice text=text.clone() />
                        <p class="prose" lang=text.locale.code()>{text.text}</p>
                    })}
                </section>
                <aside class="producer-facts">
                    <div class="contact-box">
                        <a class="button button-accent button-large" href=i18n.path(&format!("/producers/{}/inquire{}", card.slug, super::from_showcase()))>{m.inquiry_contact}</a>
                        <p class="muted">{m.inquiry_contact_producer_hint}</p>
                    </div>
                    <dl class="facts">
                        {fact(m.producer_legal_name, detail.legal_name.clone())}
                        {card.year_founded.map(|year| fact(m.producer_founded, year.to_string()))}
                        {detail.size_band.map(|size| fact(m.producer_size, size.name(m).to_owned()))}
                        {detail.export_since.map(|year| fact(m.profile_export_since, year.to_string()))}
                        {(!markets.is_empty()).then(|| fact(m.producer_markets, markets))}
                        {(!languages.is_empty()).then(|| fact(m.producer_languages, languages))}
                    </dl>
                    {detail.website.clone().map(|site| view! {
                        <p><a href=site.clone() rel="nofollow noopener" target="_blank">{site.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/').to_owned()}</a></p>
                    })}
                    <ShortlistButton thing=crate::domain::SavedThing::Producer(card.slug.clone()) kept />
                    <ResponseSummary metrics=detail.response />
                    {(!detail.certifications.is_empty()).then(|| view! {
                        <h3 class="facts-heading">{m.producer_certifications}</h3>
                        <ul class="chips">
                            {detail.certifications.iter().map(|held| {
                                let until = held.valid_until.as_ref().map(|date| format!(" ({})", fill(m.producer_valid_until, &[("date", date)])));
                                view! { <li class="chip"><Icon name=IconName::Award />{held.certification.name(m)}{until}</li> }
                            }).collect_view()}
                        </ul>
                    })}
                </aside>
            </div>
            <section class="section" aria-labelledby="products-title">
                <h2 id="products-title">{m.producer_listings_title}</h2>
                {if detail.listings.is_empty() {
                    view! { <p class="empty-state">{m.producer_no_listings}</p> }.into_any()
                } else {
                    view! { <ListingGrid cards=detail.listings.clone() /> }.into_any()
                }}
            </section>
        </div>
    }
}
