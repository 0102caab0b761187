//! The search page: the catalogue filtered by words, sector and region, from
//! the query string, so every result page has a shareable URL.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{NotFound, lang_segment_is_valid, loaded};
use crate::api::catalog::find_listings;
use crate::components::{ListingGrid, PageMeta};
use crate::domain::{ListingQuery, ListingResults, Region, Sector};
use crate::i18n::{fill, use_i18n};

#[component]
pub fn SearchPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let i18n = use_i18n();
    let m = i18n.messages;
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        query_map.with(|q| ListingQuery {
            text: q.get("q").unwrap_or_default(),
            sector: q.get("sector").and_then(|s| Sector::from_slug(&s)),
            region: q.get("region").and_then(|r| Region::from_slug(&r)),
        })
    });
    let results = Resource::new(move || query.get(), move |query| find_listings(query, i18n.locale));
    view! {
        <PageMeta title=format!("{} · {}", m.search_heading, m.site_name) description=m.site_meta_description path="/search" />
        <div class="container section search-page">
            <h1>{move || search_heading(&query.get())}</h1>
            <form class="hero-search search-form" role="search" method="get" action=i18n.path("/search")>
                <label class="visually-hidden" for="search-q">{m.nav_search_label}</label>
                <input id="search-q" name="q" type="search" maxlength="200" value=move || query.get().text prop:value=move || query.get().text placeholder=m.nav_search_placeholder />
                <button type="submit" class="button button-accent">{m.nav_search_button}</button>
            </form>
            {loaded(results, move |results| view! { <Results results query=query.get_untracked() /> })}
        </div>
    }
    .into_any()
}

fn search_heading(query: &ListingQuery) -> String {
    let m = use_i18n().messages;
    let mut parts: Vec<String> = Vec::new();
    if !query.text.trim().is_empty() {
        parts.push(fill(m.search_title, &[("q", query.text.trim())]));
    }
    if let Some(sector) = query.sector {
        parts.push(sector.name(m).to_owned());
    }
    if let Some(region) = query.region {
        parts.push(region.name(m).to_owned());
    }
    if parts.is_empty() { m.search_heading.to_owned() } else { parts.join(" · ") }
}

#[component]
fn Results(results: ListingResults, query: ListingQuery) -> impl IntoView {
    let m = use_i18n().messages;
    if query.is_empty() {
        return view! { <p class="empty-state">{m.search_prompt}</p> }.into_any();
    }
    if results.total == 0 {
        return view! { <p class="empty-state">{fill(m.search_empty, &[("q", query.text.trim())])}</p> }.into_any();
    }
    view! {
        <p class="result-count" role="status">{fill(m.search_count, &[("n", &results.total.to_string())])}</p>
        <ListingGrid cards=results.cards eager_first=4 />
    }
    .into_any()
}
