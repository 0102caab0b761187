//! The home page: what Trade.ma offers, sectors and regions with their counts,
//! and the listings published most recently.

use leptos::prelude::*;

use super::{NotFound, lang_segment_is_valid, loaded};
use crate::api::catalog::get_home;
use crate::components::{Icon, IconName, ListingGrid, PageMeta, SearchBox};
use crate::domain;
use crate::i18n::{fill, use_i18n};

#[component]
pub fn HomePage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let i18n = use_i18n();
    let m = i18n.messages;
    let home = Resource::new(|| (), move |_| get_home(i18n.locale));
    view! {
        <PageMeta title=m.home_title description=m.site_meta_description path="" />
        {loaded(home, |home| view! { <HomeContent home /> })}
    }
    .into_any()
}

#[component]
fn HomeContent(home: domain::HomePage) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let stats = fill(
        m.home_stats,
        &[("listings", &home.listing_count.to_string()), ("producers", &home.producer_count.to_string())],
    );
    view! {
        <section class="hero">
            <div class="container hero-inner">
                <h1>{m.home_hero_title}</h1>
                <p class="hero-text">{m.home_hero_text}</p>
                <form class="hero-search" role="search" aria-label=m.search_form_region method="get" action=i18n.path("/search")>
                    <label class="visually-hidden" for="hero-search-q">{m.nav_search_label}</label>
                    <SearchBox id="hero-search-q" />
                    <button type="submit" class="button button-accent">
                        <Icon name=IconName::Search />
                        {m.nav_search_button}
                    </button>
                </form>
                <p class="hero-stats">{stats}</p>
                <aside class="hero-why" aria-labelledby="why-title">
                    <h2 id="why-title">{m.home_why_title}</h2>
                    <ul>
                        {[m.home_why_origin, m.home_why_terms, m.home_why_direct]
                            .into_iter()
                            .map(|point| view! { <li><Icon name=IconName::BadgeCheck /><span>{point}</span></li> })
                            .collect_view()}
                    </ul>
                </aside>
            </div>
        </section>
        <section class="container section" id="sectors" aria-labelledby="sectors-title">
            <h2 id="sectors-title">{m.home_browse_sectors}</h2>
            <ul class="tile-grid">
                {home.sectors.into_iter().map(|count| {
                    let href = i18n.sector_path(count.value);
                    view! {
                        <li>
                            <a class="tile" href=href>
                                <span class="tile-title">{count.value.name(m)}</span>
                                <span class="tile-count">{fill(m.home_products_count, &[("n", &count.listings.to_string())])}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section class="container section" id="regions" aria-labelledby="regions-title">
            <h2 id="regions-title">{m.home_browse_regions}</h2>
            <ul class="tile-grid tile-grid-regions">
                {home.regions.into_iter().map(|count| {
                    let region = count.value;
                    let href = i18n.path(&format!("/regions/{}", region.slug()));
                    view! {
                        <li>
                            <a class="tile tile-region" href=href>
                                <span class="tile-code" dir="ltr">{region.code()}</span>
                                <span class="tile-title">{region.name(m)}</span>
                                <span class="tile-count">{fill(m.home_products_count, &[("n", &count.listings.to_string())])}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section class="container section" aria-labelledby="recent-title">
            <h2 id="recent-title">{m.home_recent_title}</h2>
            <ListingGrid cards=home.recent eager_first=0 />
        </section>
    }
}
