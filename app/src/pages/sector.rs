//! A sector's page: its products through the catalogue's search, newest
//! first, with where in Morocco they come from.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{NotFound, lang_segment_is_valid, loaded};
use crate::api::catalog::get_sector;
use crate::components::{FacetLinks, ListingGrid, PageMeta};
use crate::domain::{ListingQuery, SearchFacet, Sector, SectorPage as SectorData};
use crate::i18n::{fill, use_i18n};

#[component]
pub fn SectorPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let params = use_params_map();
    let sector = Resource::new(
        move || params.read().get("sector").and_then(|slug| Sector::from_slug(&slug)),
        move |sector| async move {
            match sector {
                Some(sector) => get_sector(sector, locale).await,
                None => Err(crate::domain::AppError::NotFound),
            }
        },
    );
    view! { {loaded(sector, |data| view! { <SectorContent data /> })} }.into_any()
}

#[component]
fn SectorContent(data: SectorData) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let sector = data.sector;
    let name = sector.name(m);
    let total = data.listings.total;
    let stats =
        fill(m.region_stats, &[("producers", &data.producer_count.to_string()), ("listings", &total.to_string())]);
    let base = ListingQuery { sector: Some(sector), ..ListingQuery::default() };
    let all = i18n.search_path_for(&base);
    let degraded = data.listings.degraded.then(|| view! { <p class="notice" role="status">{m.search_degraded}</p> });
    let body = if total == 0 {
        view! { <p class="empty-state">{m.sector_page_empty}</p> }.into_any()
    } else {
        view! {
            <FacetLinks facets=data.listings.facets facet=SearchFacet::Region base=base heading=m.sector_page_by_region />
            <ListingGrid cards=data.listings.cards eager_first=4 />
            <p class="see-all"><a class="button" href=all>{fill(m.sector_page_see_all, &[("n", &total.to_string())])}</a></p>
        }
        .into_any()
    };
    view! {
        <PageMeta
            title=format!("{} · {}", fill(m.sector_page_title, &[("sector", name)]), m.site_name)
            description=fill(m.sector_page_description, &[("sector", name)])
            path=format!("/sectors/{}", sector.slug())
        />
        <section class="region-hero">
            <div class="container">
                <p class="eyebrow">{m.sector_page_eyebrow}</p>
                <h1>{name}</h1>
                <p class="hero-stats">{stats}</p>
            </div>
        </section>
        <div class="container">
            <section class="section" aria-labelledby="sector-listings">
                <h2 id="sector-listings">{m.sector_page_listings_title}</h2>
                {degraded}
                {body}
            </section>
        </div>
    }
}
