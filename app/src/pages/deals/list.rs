//! `/{lang}/deals`: the reader's deals, those waiting for the reader first.

use leptos::prelude::*;

use super::DealStatusTag;
use crate::api::deals::get_deals;
use crate::components::PageMeta;
use crate::domain::{DealLine, format_money};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn DealsPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let deals = Resource::new(|| (), |_| get_deals());
    view! { {loaded(deals, |lines| view! { <DealsContent lines /> })} }.into_any()
}

#[component]
fn DealsContent(lines: Vec<DealLine>) -> impl IntoView {
    let mut lines = lines;
    let i18n = use_i18n();
    let m = i18n.messages;
    // Waiting for the reader first; the order within each part is the server's.
    lines.sort_by_key(|line| !line.your_move);
    let empty = lines.is_empty();
    view! {
        <PageMeta title=format!("{} · {}", m.deals_title, m.site_name) description=m.deals_intro path="/deals".to_owned() />
        <div class="container deals-page">
            <header class="page-header">
                <h1>{m.deals_title}</h1>
                <p class="muted">{m.deals_intro}</p>
            </header>
            {if empty {
                view! {
                    <div class="empty-state">
                        <p><strong>{m.deals_empty}</strong></p>
                        <p class="muted">{m.deals_empty_hint}</p>
                    </div>
                }.into_any()
            } else {
                view! {
                    <ul class="deal-list">
                        {lines.into_iter().map(|line| {
                            let href = i18n.path(&format!("/deals/{}", line.id));
                            let total = line.total_minor.map(|minor| format_money(minor, line.currency, i18n.locale));
                            view! {
                                <li class="deal-line">
                                    <a class="deal-line-link" href=href>
                                        <span class="deal-line-product" dir="auto">{line.product.clone()}</span>
                                        <span class="deal-line-counterpart muted" dir="auto">{line.counterpart.clone()}</span>
                                    </a>
                                    <span class="deal-line-meta">
                                        <DealStatusTag status=line.status />
                                        {line.your_move.then(|| view! { <span class="badge badge-accent">{m.deals_your_move}</span> })}
                                        {total.map(|total| view! { <span class="deal-line-total" dir="ltr">{total}</span> })}
                                        <span class="muted">{i18n.date(line.last_on)}</span>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}
