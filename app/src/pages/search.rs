//! The search page. The URL holds the whole query (words, facet filters,
//! order, page), so every state is shareable, Back works, and it all works
//! before hydration: facets, sort and pages are plain links. The facet panel
//! sits beside the results, and opens as a drawer on phones (a checkbox and
//! its label, no script needed). A choice made in the drawer loads the page
//! afresh with `filters=open`, which renders the drawer open again for the
//! next choice; its "show results" label closes it.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{NotFound, lang_segment_is_valid, loaded};
use crate::api::accounts::get_viewer;
use crate::api::catalog::find_listings;
use crate::components::{ListingGrid, PageMeta, SaveSearchBox, SearchBox};
use crate::domain::{
    Broadened, Certification, FacetGroup, Incoterm, ListingQuery, ListingResults, OriginLabel, Region, SearchFacet,
    SearchSort, Sector, Viewer,
};
use crate::i18n::{fill, use_i18n};

#[component]
pub fn SearchPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let i18n = use_i18n();
    let m = i18n.messages;
    let query_map = use_query_map();
    let query = Memo::new(move |_| query_map.with(|q| ListingQuery::from_pairs(|key| q.get(key))));
    // The viewer comes with the results (one resource): the "save this
    // search" box depends on who reads.
    let results = Resource::new(
        move || query.get(),
        move |query| async move { Ok((find_listings(query, i18n.locale).await?, get_viewer().await?)) },
    );
    view! {
        <PageMeta title=format!("{} · {}", m.search_heading, m.site_name) description=m.site_meta_description path="/search" />
        <div class="container section search-page">
            <h1>{move || search_heading(&query.get())}</h1>
            <form class="hero-search search-form" role="search" aria-label=m.search_form_region method="get" action=i18n.path("/search")>
                <label class="visually-hidden" for="search-q">{m.nav_search_label}</label>
                <SearchBox id="search-q" value=query.get_untracked().text />
                // A new search keeps the filters and the order.
                {move || hidden_filters(&query.get())}
                <button type="submit" class="button button-accent">{m.nav_search_button}</button>
            </form>
            {loaded(results, move |(results, viewer)| view! { <Results results query=query.get_untracked() viewer /> })}
        </div>
    }
    .into_any()
}

/// The current filters as hidden fields of the search form.
fn hidden_filters(query: &ListingQuery) -> impl IntoView + use<> {
    let mut fields = Vec::new();
    for pair in query.to_query_string().split('&').filter(|p| !p.is_empty()) {
        let Some((key, value)) = pair.split_once('=') else { continue };
        if key == "q" || key == "page" {
            continue;
        }
        let value = decode(value);
        fields.push(view! { <input type="hidden" name=key.to_owned() value=value /> });
    }
    fields
}

/// Undoes `ListingQuery::to_query_string`'s encoding of one value.
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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

/// A facet value's name in the reader's language.
fn value_name(facet: SearchFacet, slug: &str) -> String {
    let m = use_i18n().messages;
    let named = match facet {
        SearchFacet::Sector => Sector::from_slug(slug).map(|v| v.name(m)),
        SearchFacet::Region => Region::from_slug(slug).map(|v| v.name(m)),
        SearchFacet::Certification => Certification::from_slug(slug).map(|v| v.name(m)),
        SearchFacet::Label => OriginLabel::from_slug(slug).map(|v| v.name(m)),
        SearchFacet::Incoterm => Incoterm::from_slug(slug).map(|v| v.name(m)),
        SearchFacet::Cooperative => Some(m.search_cooperative_only),
        SearchFacet::Verified => Some(m.search_verified_only),
        SearchFacet::Moq => return fill(m.search_moq_up_to, &[("n", slug)]),
    };
    named.unwrap_or(slug).to_owned()
}

/// The value a filter is set to, for the active-filter chips.
fn selected_value(query: &ListingQuery, facet: SearchFacet) -> Option<String> {
    match facet {
        SearchFacet::Sector => query.sector.map(|v| v.slug().to_owned()),
        SearchFacet::Region => query.region.map(|v| v.slug().to_owned()),
        SearchFacet::Certification => query.certification.map(|v| v.slug().to_owned()),
        SearchFacet::Label => query.label.map(|v| v.slug().to_owned()),
        SearchFacet::Incoterm => query.incoterm.map(|v| v.slug().to_owned()),
        SearchFacet::Cooperative => query.cooperative.then(|| "true".to_owned()),
        SearchFacet::Verified => query.verified.then(|| "true".to_owned()),
        SearchFacet::Moq => query.moq_max.map(|v| v.to_string()),
    }
}

fn href(query: &ListingQuery) -> String {
    use_i18n().search_path_for(query)
}

/// Links that remove one active filter each.
#[component]
fn ActiveFilters(query: ListingQuery) -> impl IntoView {
    let m = use_i18n().messages;
    let chips: Vec<_> = SearchFacet::ALL
        .iter()
        .filter_map(|facet| {
            let value = selected_value(&query, *facet)?;
            let name = value_name(*facet, &value);
            let label = fill(m.search_remove_filter, &[("name", &name)]);
            Some(view! {
                <li><a class="chip chip-filter" href=href(&query.without(*facet)) aria-label=label>{name}<span aria-hidden="true">" ×"</span></a></li>
            })
        })
        .collect();
    (!chips.is_empty())
        .then(|| view! { <ul class="chips active-filters" aria-label=m.search_active_filters>{chips}</ul> })
}

/// The query parameter that renders the phone drawer open.
const DRAWER_OPEN: (&str, &str) = ("filters", "open");

/// A link chosen inside the drawer: the next page opens it again.
fn in_drawer(href: String) -> String {
    let (key, value) = DRAWER_OPEN;
    let joint = if href.contains('?') { '&' } else { '?' };
    format!("{href}{joint}{key}={value}")
}

#[component]
fn FacetPanel(facets: Vec<FacetGroup>, query: ListingQuery) -> impl IntoView {
    let m = use_i18n().messages;
    let open = use_query_map().with_untracked(|q| q.get(DRAWER_OPEN.0).as_deref() == Some(DRAWER_OPEN.1));
    let groups: Vec<_> = facets
        .into_iter()
        .map(|group| {
            let facet = group.facet;
            let heading_id = format!("facet-{}", facet.slug());
            let labelled_by = heading_id.clone();
            let values: Vec<_> = group
                .values
                .into_iter()
                .map(|value| {
                    let selected = query.is_selected(facet, &value.slug);
                    let target = if selected { query.without(facet) } else { query.with(facet, &value.slug) };
                    let name = value_name(facet, &value.slug);
                    view! {
                        <li>
                            <a class="facet-value" class:selected=selected href=in_drawer(href(&target)) aria-current=selected.then_some("true")>
                                <span class="facet-name">{name}</span>
                                <span class="facet-count">{value.count}</span>
                            </a>
                        </li>
                    }
                })
                .collect();
            view! {
                // A group, not a landmark: the filters' panel is the one
                // landmark (in Chinese "sector" reads like the footer's sectors).
                <div class="facet" role="group" aria-labelledby=labelled_by>
                    <h2 class="facet-heading" id=heading_id>{facet.name(m)}</h2>
                    <ul class="facet-values">{values}</ul>
                </div>
            }
        })
        .collect();
    view! {
        <input type="checkbox" id="facets-open" class="facets-toggle visually-hidden" checked=open />
        <label for="facets-open" class="button facets-button">{m.search_filters}</label>
        <aside class="facet-panel" aria-label=m.search_filters>
            <label for="facets-open" class="facets-close">{m.search_close_filters}</label>
            {groups}
        </aside>
    }
}

#[component]
fn SortLinks(query: ListingQuery) -> impl IntoView {
    let m = use_i18n().messages;
    let links: Vec<_> = SearchSort::ALL
        .iter()
        .map(|sort| {
            let current = query.sort == *sort;
            let target = ListingQuery { sort: *sort, page: 0, ..query.clone() };
            view! { <li><a href=href(&target) class:current=current aria-current=current.then_some("true")>{sort.name(m)}</a></li> }
        })
        .collect();
    view! {
        <nav class="sort-links" aria-label=m.search_sort_label>
            <span class="sort-label">{m.search_sort_label}</span>
            <ul>{links}</ul>
        </nav>
    }
}

#[component]
fn Pages(query: ListingQuery, page: u32, pages: u32) -> impl IntoView {
    let m = use_i18n().messages;
    (pages > 1).then(|| {
        let previous = (page > 1).then(|| ListingQuery { page: page - 1, ..query.clone() });
        let next = (page < pages).then(|| ListingQuery { page: page + 1, ..query.clone() });
        view! {
            <nav class="pagination" aria-label=m.search_pages>
                {previous.map(|q| view! { <a class="button" rel="prev" href=href(&q)>{m.search_page_previous}</a> })}
                <span>{fill(m.search_page_of, &[("page", &page.to_string()), ("pages", &pages.to_string())])}</span>
                {next.map(|q| view! { <a class="button" rel="next" href=href(&q)>{m.search_page_next}</a> })}
            </nav>
        }
    })
}

#[component]
fn Results(results: ListingResults, query: ListingQuery, viewer: Option<Viewer>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let save = view! { <SaveSearchBox query=query.clone() viewer /> };
    let degraded = results.degraded.then(|| view! { <p class="notice" role="status">{m.search_degraded}</p> });
    let body = if results.total == 0 {
        let message = if query.text.trim().is_empty() {
            m.search_empty_filters.to_owned()
        } else {
            fill(m.search_empty, &[("q", query.text.trim())])
        };
        view! {
            <div class="empty-state">
                <h2 class="visually-hidden">{m.search_results_heading}</h2>
                <p>{message}</p>
                {query.has_filters().then(|| view! { <p>{m.search_drop_filters}</p> })}
                <ActiveFilters query=query.clone() />
                <p class="empty-request">
                    {m.requests_from_search}" "
                    <a class="button button-accent" href=crate::pages::request_form_path(&i18n, query.text.trim())>{m.requests_post}</a>
                </p>
            </div>
        }
        .into_any()
    } else {
        let typed = query.text.trim().to_owned();
        let broadened = results.broadened.clone().map(|broadened| {
            let said = match &broadened {
                // The typed words go in last, so braces in them stay as typed.
                Broadened::Respelt { text } => fill(m.search_showing_respelt, &[("text", text), ("q", &typed)]),
                Broadened::WithoutWord { word, .. } => fill(m.search_showing_without, &[("word", word), ("q", &typed)]),
            };
            view! { <p class="broadened notice" role="status">{said}</p> }
        });
        view! {
            <div class="results-bar">
                <div role="status">
                    <h2 class="result-count">{fill(m.search_count, &[("n", &results.total.to_string())])}</h2>
                </div>
                <SortLinks query=query.clone() />
            </div>
            {broadened}
            <ActiveFilters query=query.clone() />
            <ListingGrid cards=results.cards eager_first=4 />
            <Pages query=query.clone() page=results.page pages=results.pages />
        }
        .into_any()
    };
    view! {
        {degraded}
        {save}
        <div class="search-layout">
            <FacetPanel facets=results.facets query=query.clone() />
            <div class="search-results">{body}</div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn query_values_decode() {
        assert_eq!(decode("huile+d%27argan"), "huile d'argan");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%E6%A9%84"), "橄");
    }
}
