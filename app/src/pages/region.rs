//! A region's page: what it is known for, its producers and its products.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{NotFound, lang_segment_is_valid, loaded};
use crate::api::catalog::get_region;
use crate::components::{FacetLinks, ListingGrid, PageMeta, ProducerCard};
use crate::domain::{ListingQuery, Region, RegionPage as RegionData, SearchFacet};
use crate::i18n::{fill, use_i18n};

#[component]
pub fn RegionPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let params = use_params_map();
    let region = Resource::new(
        move || params.read().get("region").and_then(|slug| Region::from_slug(&slug)),
        move |region| async move {
            match region {
                Some(region) => get_region(region, locale).await,
                None => Err(crate::domain::AppError::NotFound),
            }
        },
    );
    view! {
        {loaded(region, |data| view! { <RegionContent data /> })}
    }
    .into_any()
}

#[component]
fn RegionContent(data: RegionData) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let region = data.region;
    let name = region.name(m);
    let highlights = m.get(&region.highlights_key()).unwrap_or_default();
    let capital = m.get(&region.capital_key()).unwrap_or_default();
    let stats = fill(
        m.region_stats,
        &[("producers", &data.producer_count.to_string()), ("listings", &data.listings.total.to_string())],
    );
    let base = ListingQuery { region: Some(region), ..ListingQuery::default() };
    let all = i18n.search_path_for(&base);
    let total = data.listings.total;
    let degraded = data.listings.degraded.then(|| view! { <p class="notice" role="status">{m.search_degraded}</p> });
    view! {
        <PageMeta
            title=format!("{} · {}", fill(m.region_title, &[("region", name)]), m.site_name)
            description=format!("{name}: {highlights}")
            path=format!("/regions/{}", region.slug())
        />
        <section class="region-hero">
            <div class="container">
                <p class="eyebrow"><bdi dir="ltr">{region.code()}</bdi></p>
                <h1>{name}</h1>
                <dl class="region-facts">
                    <div><dt>{m.region_capital}</dt><dd>{capital}</dd></div>
                    <div><dt>{m.region_highlights}</dt><dd>{highlights}</dd></div>
                </dl>
                <p class="hero-stats">{stats}</p>
            </div>
        </section>
        <div class="container">
            <section class="section" aria-labelledby="region-producers">
                <h2 id="region-producers">{m.region_producers_title}</h2>
                {if data.producers.is_empty() {
                    view! { <p class="empty-state">{m.region_empty}</p> }.into_any()
                } else {
                    view! {
                        <div class="producer-grid">
                            {data.producers.into_iter().map(|card| view! { <ProducerCard card /> }).collect_view()}
                        </div>
                    }.into_any()
                }}
            </section>
            <section class="section" aria-labelledby="region-listings">
                <h2 id="region-listings">{m.region_listings_title}</h2>
                {degraded}
                <FacetLinks facets=data.listings.facets facet=SearchFacet::Sector base=base heading=m.region_by_sector />
                <ListingGrid cards=data.listings.cards />
                {(total > 0).then(|| view! {
                    <p class="see-all"><a class="button" href=all>{fill(m.region_see_all, &[("n", &total.to_string())])}</a></p>
                })}
            </section>
        </div>
    }
}
