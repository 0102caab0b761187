//! A showcase's public page: the event, then its exhibitors (logo, region,
//! sectors, certifications, curator's note, stand, featured products),
//! filterable by sector and region through plain links (the URL holds the
//! filters; no script needed). Links to an exhibitor carry the showcase, so
//! an inquiry started from there is credited to it.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::showcases::get_showcase;
use crate::components::{CertificationChips, ListingCard, Logo, PageMeta, Photo, SharedImage, StructuredData, json_ld};
use crate::domain::{AppError, Exhibitor, Region, Sector, ShowcasePage as Page, ShowcaseStatus};
use crate::i18n::{fill, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, loaded};
use crate::site_url::site_url;

#[component]
pub fn ShowcasePage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(
        move || {
            let slug = params.read().get("slug");
            let (sector, region) = query.with(|q| {
                (
                    q.get("sector").and_then(|s| Sector::from_slug(&s)),
                    q.get("region").and_then(|r| Region::from_slug(&r)),
                )
            });
            (slug, sector, region)
        },
        move |(slug, sector, region)| async move {
            match slug {
                Some(slug) => get_showcase(slug, sector, region, false, locale).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! { {loaded(page, |page| view! { <ShowcaseContent page /> })} }.into_any()
}

/// The page's address with these filters.
fn filtered(slug: &str, sector: Option<Sector>, region: Option<Region>) -> String {
    let mut query = Vec::new();
    if let Some(sector) = sector {
        query.push(format!("sector={}", sector.slug()));
    }
    if let Some(region) = region {
        query.push(format!("region={}", region.slug()));
    }
    let path = format!("/showcases/{slug}");
    if query.is_empty() { path } else { format!("{path}?{}", query.join("&")) }
}

#[component]
fn ShowcaseContent(page: Page) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let when = super::date_range(page.starts_on, page.ends_on);
    let place = [Some(page.city.clone()), page.venue.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    let slug = page.slug.clone();
    let sector_links = {
        let slug = slug.clone();
        let all = view! {
            <li><a href=i18n.path(&filtered(&slug, None, page.region)) aria-current=page.sector.is_none().then_some("true")>{m.showcase_all}</a></li>
        };
        let each = page.sectors.iter().map(|(sector, n)| {
            let current = page.sector == Some(*sector);
            view! { <li><a href=i18n.path(&filtered(&slug, Some(*sector), page.region)) aria-current=current.then_some("true")>{format!("{} ({n})", sector.name(m))}</a></li> }
        }).collect_view();
        view! { {all}{each} }
    };
    let region_links = {
        let slug = slug.clone();
        let all = view! {
            <li><a href=i18n.path(&filtered(&slug, page.sector, None)) aria-current=page.region.is_none().then_some("true")>{m.showcase_all}</a></li>
        };
        let each = page.regions.iter().map(|(region, n)| {
            let current = page.region == Some(*region);
            view! { <li><a href=i18n.path(&filtered(&slug, page.sector, Some(*region))) aria-current=current.then_some("true")>{format!("{} ({n})", region.name(m))}</a></li> }
        }).collect_view();
        view! { {all}{each} }
    };
    let count = fill(m.showcase_exhibitor_count, &[("n", &page.exhibitors.len().to_string())]);
    let shared_summary = format!("{} · {} · {count}", page.event_name, page.city);
    let shared_image = page.cover.as_ref().map(|photo| SharedImage::from_photo(photo, page.title.text.clone()));
    let structured = json_ld::event(&page, &i18n, &site_url());
    view! {
        <PageMeta title=format!("{} · {}", page.title.text, m.site_name) description=shared_summary path=format!("/showcases/{}", page.slug) image=shared_image />
        <StructuredData data=structured />
        <div class="container section showcase-page">
            {page.cover.clone().map(|photo| view! {
                <div class="showcase-cover">
                    <Photo photo=Some(photo) alt="" sizes="(min-width: 1200px) 1152px, 100vw" eager=true />
                </div>
            })}
            <header class="page-header">
                <p class="eyebrow">{page.event_name.clone()}</p>
                <h1 lang=page.title.locale.code() dir="auto">{page.title.text.clone()}</h1>
                <p class="showcase-when"><strong>{when}</strong>" · "<bdi>{place}</bdi></p>
                {(page.status != ShowcaseStatus::Published).then(|| view! { <p class="notice">{m.showcase_not_public_yet}</p> })}
                {(!page.themes.is_empty()).then(|| view! {
                    <ul class="chips">{page.themes.iter().map(|t| view! { <li class="chip" dir="auto">{t.clone()}</li> }).collect_view()}</ul>
                })}
                {page.description.clone().map(|text| view! { <p class="prose" lang=text.locale.code() dir="auto">{text.text}</p> })}
                <p><a class="button button-secondary button-small" href=i18n.path(&format!("/showcases/{}/print", page.slug))>{m.showcase_print}</a></p>
            </header>
            <nav class="showcase-filters" aria-label=m.showcase_filters>
                <div>
                    <h2 class="facets-heading">{m.facet_sector}</h2>
                    <ul class="filter-links">{sector_links}</ul>
                </div>
                <div>
                    <h2 class="facets-heading">{m.facet_region}</h2>
                    <ul class="filter-links">{region_links}</ul>
                </div>
            </nav>
            <p class="result-count" role="status">{count}</p>
            <ol class="exhibitors">
                {page.exhibitors.clone().into_iter().map(|exhibitor| view! { <ExhibitorBlock exhibitor showcase=slug.clone() /> }).collect_view()}
            </ol>
        </div>
    }
}

#[component]
fn ExhibitorBlock(exhibitor: Exhibitor, showcase: String) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let producer = exhibitor.producer.clone();
    let href = i18n.path(&format!("/producers/{}?showcase={showcase}", producer.slug));
    let sectors = producer.sectors.iter().map(|s| s.name(m)).collect::<Vec<_>>().join(", ");
    view! {
        <li class="exhibitor">
            <div class="exhibitor-head">
                {exhibitor.logo.clone().map(|base| view! { <Logo base alt=producer.name.clone() size=64 /> })}
                <div>
                    <h2 class="exhibitor-name"><a href=href rel="external" dir="auto">{producer.name.clone()}</a></h2>
                    <p class="muted">{producer.region.name(m)}{(!sectors.is_empty()).then(|| format!(" · {sectors}"))}</p>
                    {exhibitor.stand.clone().map(|stand| view! { <p class="stand">{fill(m.showcase_stand, &[("stand", &stand)])}</p> })}
                </div>
            </div>
            {(!exhibitor.certifications.is_empty()).then(|| view! { <CertificationChips certifications=exhibitor.certifications.clone() /> })}
            {exhibitor.note.clone().map(|note| view! { <blockquote class="curator-note" dir="auto">{note}</blockquote> })}
            {(!exhibitor.listings.is_empty()).then(|| view! {
                <div class="listing-grid" data-count=exhibitor.listings.len()>
                    {exhibitor.listings.clone().into_iter().map(|featured| view! { <ListingCard card=featured.card showcase=showcase.clone() /> }).collect_view()}
                </div>
            })}
        </li>
    }
}
