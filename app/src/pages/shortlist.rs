//! The buyer's shortlist: saved listings and producers side by side, to
//! compare and come back to.

use leptos::prelude::*;

use super::{NotFound, lang_segment_is_valid, loaded};
use crate::api::shortlists::get_shortlist;
use crate::components::{ListingGrid, PageMeta, ProducerCard};
use crate::domain::Shortlist;
use crate::i18n::use_i18n;

#[component]
pub fn ShortlistPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let shortlist = Resource::new(|| (), move |_| get_shortlist(locale));
    view! { {loaded(shortlist, |shortlist| view! { <ShortlistContent shortlist /> })} }.into_any()
}

#[component]
fn ShortlistContent(shortlist: Shortlist) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let empty = shortlist.listings.is_empty() && shortlist.producers.is_empty();
    view! {
        <PageMeta title=format!("{} · {}", m.shortlist_title, m.site_name) description=m.shortlist_intro path="/shortlist" />
        <div class="container shortlist-page">
            <header class="page-header">
                <h1>{m.shortlist_title}</h1>
                <p class="muted">{m.shortlist_intro}</p>
                <p><a href=i18n.path("/account/searches")>{m.alerts_nav}</a></p>
            </header>
            {empty.then(|| view! { <div class="empty-state"><p>{m.shortlist_empty}</p></div> })}
            {(!shortlist.listings.is_empty()).then(|| view! {
                <section class="section" aria-labelledby="saved-listings">
                    <h2 id="saved-listings">{m.shortlist_listings}</h2>
                    <ListingGrid cards=shortlist.listings.clone() />
                </section>
            })}
            {(!shortlist.producers.is_empty()).then(|| view! {
                <section class="section" aria-labelledby="saved-producers">
                    <h2 id="saved-producers">{m.shortlist_producers}</h2>
                    <div class="producer-grid">
                        {shortlist.producers.clone().into_iter().map(|card| view! { <ProducerCard card /> }).collect_view()}
                    </div>
                </section>
            })}
        </div>
    }
}
