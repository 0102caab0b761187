//! Public showcases: `/{lang}/showcases` lists the published
//! ones (current and upcoming first, soonest first; past ones after);
//! `/{lang}/showcases/{slug}` is a showcase's page with its exhibitors,
//! filterable by sector and region in the URL; `…/print` is the A4 view
//! for the stand, with a QR code per exhibitor.

mod page;
mod print;

use leptos::prelude::*;

pub use page::ShowcasePage;
pub use print::ShowcasePrintPage;

use super::{NotFound, lang_segment_is_valid, loaded};
use crate::api::showcases::get_showcases;
use crate::components::PageMeta;
use crate::domain::{ShowcaseLine, ShowcaseList};
use crate::i18n::use_i18n;

/// An event's dates in the reader's style, each kept whole inside
/// right-to-left text.
pub(crate) fn date_range(from: crate::domain::CalendarDate, to: crate::domain::CalendarDate) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="date-range">
            <time datetime=from.to_string()><bdi>{i18n.date(from)}</bdi></time>" – "
            <time datetime=to.to_string()><bdi>{i18n.date(to)}</bdi></time>
        </span>
    }
}

#[component]
pub fn ShowcasesPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let list = Resource::new(|| (), move |_| get_showcases(locale));
    view! { {loaded(list, |list| view! { <ShowcasesContent list /> })} }.into_any()
}

fn card(line: ShowcaseLine) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <li class="showcase-card">
            <a class="showcase-card-link" href=i18n.path(&format!("/showcases/{}", line.slug))>
                <p class="eyebrow">{line.event_name.clone()}</p>
                <h3 dir="auto">{line.title.clone()}</h3>
                <p class="muted"><bdi>{line.city.clone()}</bdi>" · "{date_range(line.starts_on, line.ends_on)}</p>
                <p class="muted">{crate::i18n::fill(i18n.messages.showcase_exhibitor_count, &[("n", &line.exhibitors.to_string())])}</p>
            </a>
        </li>
    }
}

#[component]
fn ShowcasesContent(list: ShowcaseList) -> impl IntoView {
    let m = use_i18n().messages;
    let empty = list.upcoming.is_empty() && list.past.is_empty();
    view! {
        <PageMeta title=format!("{} · {}", m.showcase_list_title, m.site_name) description=m.showcase_list_intro path="/showcases" />
        <div class="container section">
            <header class="page-header">
                <h1>{m.showcase_list_title}</h1>
                <p class="muted">{m.showcase_list_intro}</p>
            </header>
            {empty.then(|| view! { <p class="empty-state">{m.showcase_list_empty}</p> })}
            {(!list.upcoming.is_empty()).then(|| view! {
                <section class="section" aria-labelledby="upcoming-title">
                    <h2 id="upcoming-title">{m.showcase_upcoming}</h2>
                    <ul class="showcase-grid">{list.upcoming.clone().into_iter().map(card).collect_view()}</ul>
                </section>
            })}
            {(!list.past.is_empty()).then(|| view! {
                <section class="section" aria-labelledby="past-title">
                    <h2 id="past-title">{m.showcase_past}</h2>
                    <ul class="showcase-grid">{list.past.clone().into_iter().map(card).collect_view()}</ul>
                </section>
            })}
        </div>
    }
}
