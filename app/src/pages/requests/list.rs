//! `/{lang}/requests`: the open public requests, filterable by sector and
//! destination market (a plain GET form), and `/{lang}/account/requests`:
//! the buyer's own requests in every state.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::RequestLine;
use crate::api::requests::{get_my_requests, get_requests};
use crate::components::PageMeta;
use crate::domain::{RequestCard, RequestList, Sector, WorldRegion};
use crate::i18n::{fill, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn RequestsPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let query = use_query_map();
    let list = Resource::new(
        move || {
            let q = query.read();
            (q.get("sector").unwrap_or_default(), q.get("market").unwrap_or_default(), q.get("page"))
        },
        move |(sector, market, page)| async move {
            let page = page.and_then(|p| p.parse().ok()).unwrap_or(1);
            get_requests(sector, market, page, locale).await
        },
    );
    view! { {loaded(list, |list| view! { <RequestsContent list /> })} }.into_any()
}

#[component]
fn RequestsContent(list: RequestList) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let sector = list.filter.sector.map(|s| s.slug()).unwrap_or_default();
    let market = list.filter.market.map(|w| w.slug()).unwrap_or_default();
    let sectors = Sector::ALL.iter().map(|s| (s.slug(), s.name(m))).collect::<Vec<_>>();
    let markets = WorldRegion::ALL
        .iter()
        .filter(|w| **w != WorldRegion::Antarctica)
        .map(|w| (w.slug(), w.name(m)))
        .collect::<Vec<_>>();
    let empty = list.cards.is_empty();
    view! {
        <PageMeta title=format!("{} · {}", m.requests_title, m.site_name) description=m.requests_intro path="/requests".to_owned() />
        <div class="container requests-page">
            <header class="page-header page-header-actions">
                <div>
                    <h1>{m.requests_title}</h1>
                    <p class="muted">{m.requests_intro}</p>
                </div>
                <a class="button button-accent" href=i18n.path("/requests/new")>{m.requests_post}</a>
            </header>
            <form class="filter-bar" method="get" action=i18n.path("/requests")>
                <div class="field">
                    <label for="filter-sector">{m.requests_filter_sector}</label>
                    <select id="filter-sector" name="sector">
                        <option value="">{m.requests_filter_all}</option>
                        {sectors.into_iter().map(|(slug, name)| view! { <option value=slug selected=slug == sector>{name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-market">{m.requests_filter_market}</label>
                    <select id="filter-market" name="market">
                        <option value="">{m.requests_filter_all}</option>
                        {markets.into_iter().map(|(slug, name)| view! { <option value=slug selected=slug == market>{name}</option> }).collect_view()}
                    </select>
                </div>
                <button class="button" type="submit">{m.requests_filter_apply}</button>
            </form>
            <p class="muted" aria-live="polite">{fill(m.requests_count, &[("count", &list.total.to_string())])}</p>
            {if empty {
                view! {
                    <div class="empty-state">
                        <p><strong>{m.requests_empty}</strong></p>
                        <p class="muted">{m.requests_empty_hint}</p>
                    </div>
                }.into_any()
            } else {
                view! {
                    <ul class="request-list">
                        {list.cards.into_iter().map(|card| {
                            let href = i18n.path(&format!("/requests/{}", card.id));
                            view! { <RequestLine card href /> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}

#[component]
pub fn MyRequestsPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let mine = Resource::new(|| (), move |_| get_my_requests(locale));
    view! { {loaded(mine, |cards| view! { <MyRequests cards /> })} }.into_any()
}

#[component]
fn MyRequests(cards: Vec<RequestCard>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let empty = cards.is_empty();
    view! {
        <PageMeta title=format!("{} · {}", m.requests_mine_title, m.site_name) description=m.requests_post_hint path="/account/requests".to_owned() />
        <div class="container requests-page">
            <header class="page-header page-header-actions">
                <div>
                    <h1>{m.requests_mine_title}</h1>
                    <p class="muted">{m.requests_post_hint}</p>
                </div>
                <a class="button button-accent" href=i18n.path("/requests/new")>{m.requests_post}</a>
            </header>
            {if empty {
                view! { <div class="empty-state"><p>{m.requests_mine_empty}</p></div> }.into_any()
            } else {
                view! {
                    <ul class="request-list">
                        {cards.into_iter().map(|card| {
                            let href = i18n.path(&format!("/requests/{}", card.id));
                            let status = card.status;
                            let extra = view! { <super::RequestStatusTag status /> }.into_any();
                            view! { <RequestLine card href extra /> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}
