//! `/{lang}/dashboard/requests`: the buying requests the reader's producer
//! was matched to, with how it fits (alone, or in a pooled offer) and its
//! quote once sent.

use leptos::prelude::*;

use super::RequestLine;
use crate::api::requests::get_matched_requests;
use crate::components::PageMeta;
use crate::domain::{Fit, MatchedRequest};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn MatchedRequestsPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let matched = Resource::new(|| (), move |_| get_matched_requests(locale));
    view! { {loaded(matched, |lines| view! { <Matched lines /> })} }.into_any()
}

#[component]
fn Matched(lines: Vec<MatchedRequest>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let empty = lines.is_empty();
    view! {
        <PageMeta title=format!("{} · {}", m.requests_workspace_title, m.site_name) description=m.requests_workspace_intro path="/dashboard/requests".to_owned() />
        <div class="container requests-page">
            <header class="page-header">
                <p class="eyebrow"><a href=i18n.path("/dashboard")>{m.dashboard_title}</a></p>
                <h1>{m.requests_workspace_title}</h1>
                <p class="muted">{m.requests_workspace_intro}</p>
            </header>
            {if empty {
                view! { <div class="empty-state"><p>{m.requests_workspace_empty}</p></div> }.into_any()
            } else {
                view! {
                    <ul class="request-list">
                        {lines.into_iter().map(|line| {
                            let href = i18n.path(&format!("/requests/{}", line.card.id));
                            let fit = match line.fit {
                                Fit::Full => m.requests_fit_full,
                                Fit::Partial => m.requests_fit_partial,
                            };
                            let action = match line.quoted_in {
                                Some(thread) => view! { <a class="button button-small" href=i18n.path(&format!("/inquiries/{thread}"))>{m.requests_see_quote}</a> }.into_any(),
                                None => view! { <a class="button button-small button-accent" href=href.clone()>{m.requests_quote_now}</a> }.into_any(),
                            };
                            let extra = view! { <span class="chip">{fit}</span> {action} }.into_any();
                            view! { <RequestLine card=line.card href extra /> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}
