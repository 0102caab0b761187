//! The fair organiser's workspace: `/{lang}/organiser` lists
//! their showcases with state and counts; the editor
//! (`/{lang}/organiser/showcases/{id}`, `…/new`) holds the showcase's texts
//! and event, its states, and the curation of exhibitors and products.
//! Every form posts without JavaScript. The server answers 404 to anyone but
//! the showcase's organiser.

mod curation;
mod editor;

use leptos::prelude::*;

pub use editor::{EditShowcasePage, NewShowcasePage};

use super::{NotFound, lang_segment_is_valid, loaded};
use crate::api::showcases::get_my_showcases;
use crate::components::PageMeta;
use crate::domain::{ShowcaseLine, ShowcaseStatus};
use crate::i18n::{fill, use_i18n};

/// A showcase's state as a tag.
pub(crate) fn status_tag(status: ShowcaseStatus) -> impl IntoView {
    let m = use_i18n().messages;
    let class = match status {
        ShowcaseStatus::Published => "tag tag-on",
        _ => "tag",
    };
    view! { <span class=class>{status.name(m)}</span> }
}

#[component]
pub fn OrganiserPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let showcases = Resource::new(|| (), |_| get_my_showcases());
    view! { {loaded(showcases, |lines| view! { <OrganiserContent lines /> })} }.into_any()
}

#[component]
fn OrganiserContent(lines: Vec<ShowcaseLine>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    view! {
        <PageMeta title=format!("{} · {}", m.organiser_title, m.site_name) description=m.organiser_intro path="/organiser" />
        <div class="container dashboard">
            <header class="dashboard-header">
                <div>
                    <h1>{m.organiser_title}</h1>
                    <p class="muted">{m.organiser_intro}</p>
                </div>
                <div class="dashboard-actions">
                    <a class="button button-accent" href=i18n.path("/organiser/showcases/new")>{m.organiser_new}</a>
                </div>
            </header>
            {if lines.is_empty() {
                view! { <p class="empty-state">{m.organiser_empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="own-listings">
                        {lines.into_iter().map(|line| {
                            let counts = fill(m.organiser_counts, &[("exhibitors", &line.exhibitors.to_string()), ("listings", &line.listings.to_string())]);
                            let when = view! { <bdi>{line.city.clone()}</bdi>" · "{crate::pages::showcases::date_range(line.starts_on, line.ends_on)} };
                            view! {
                                <li class="own-listing">
                                    <div>
                                        <a class="own-listing-title" href=i18n.path(&format!("/organiser/showcases/{}", line.id)) dir="auto">{line.title.clone()}</a>
                                        <p class="muted">{status_tag(line.status)}" "{line.event_name.clone()}" · "{when}</p>
                                        <p class="muted">{counts}</p>
                                    </div>
                                    <div class="own-listing-actions">
                                        <a class="button button-small" href=i18n.path(&format!("/organiser/showcases/{}", line.id))>{m.organiser_edit}</a>
                                        <a class="button button-secondary button-small" href=i18n.path(&format!("/showcases/{}", line.slug))>{m.organiser_view}</a>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}
