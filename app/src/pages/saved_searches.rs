//! The buyer's saved searches (`/{lang}/account/searches`): each with its
//! words and filters, a link to its results, and forms (working without
//! script) to switch its alerts and to delete it.

use leptos::prelude::*;

use super::{NotFound, lang_segment_is_valid, loaded};
use crate::api::saved_searches::{RemoveSavedSearch, SetSearchAlerts, get_saved_searches};
use crate::components::{FormAlert, PageMeta, submission_error};
use crate::domain::{SavedSearchLine, SavedSearchList};
use crate::i18n::{fill, use_i18n};

#[component]
pub fn SavedSearchesPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let remove = ServerAction::<RemoveSavedSearch>::new();
    let switch = ServerAction::<SetSearchAlerts>::new();
    let saved = Resource::new(move || (remove.version().get(), switch.version().get()), |_| get_saved_searches());
    view! { {loaded(saved, move |saved| view! { <SavedSearchesContent saved remove switch /> })} }.into_any()
}

#[component]
fn SavedSearchesContent(
    saved: SavedSearchList,
    remove: ServerAction<RemoveSavedSearch>,
    switch: ServerAction<SetSearchAlerts>,
) -> impl IntoView {
    let m = use_i18n().messages;
    let remove_error = submission_error(remove);
    let switch_error = submission_error(switch);
    view! {
        <PageMeta title=format!("{} · {}", m.alerts_title, m.site_name) description=m.alerts_intro path="/account/searches" />
        <div class="container saved-searches">
            <header class="page-header">
                <h1>{m.alerts_title}</h1>
                <p class="muted">{m.alerts_intro}</p>
            </header>
            <FormAlert error=remove_error />
            <FormAlert error=switch_error />
            {(!saved.address_confirmed).then(|| view! { <p class="notice" role="status">{m.alerts_unconfirmed}</p> })}
            {if saved.lines.is_empty() {
                view! { <p class="empty-state">{m.alerts_empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="saved-search-list">
                        {saved.lines.into_iter().map(|line| view! { <SavedSearchRow line remove switch /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}

#[component]
fn SavedSearchRow(
    line: SavedSearchLine,
    remove: ServerAction<RemoveSavedSearch>,
    switch: ServerAction<SetSearchAlerts>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let mut when = fill(m.alerts_saved_on, &[("date", &line.saved_on)]);
    if let Some(date) = &line.last_mailed_on {
        when = format!("{when} · {}", fill(m.alerts_last_mailed, &[("date", date)]));
    }
    let (id, id_again) = (line.id.to_string(), line.id.to_string());
    view! {
        <li class="saved-search">
            <div class="saved-search-what">
                <a class="saved-search-title" href=i18n.search_path_for(&line.query) dir="auto">{line.query.summary(m)}</a>
                <p class="muted">
                    <span class=if line.alerts { "tag tag-on" } else { "tag" }>{if line.alerts { m.alerts_alerts_on } else { m.alerts_alerts_off }}</span>
                    " "{when}
                </p>
            </div>
            <div class="saved-search-actions">
                <a class="button button-small" href=i18n.search_path_for(&line.query)>{m.alerts_run}</a>
                <ActionForm action=switch>
                    <input type="hidden" name="id" value=id.clone() />
                    <input type="hidden" name="on" value=(!line.alerts).to_string() />
                    <input type="hidden" name="locale" value=i18n.locale.code() />
                    <button class="button button-secondary button-small" type="submit">
                        {if line.alerts { m.alerts_turn_off } else { m.alerts_turn_on }}
                    </button>
                </ActionForm>
                <ActionForm action=remove>
                    <input type="hidden" name="id" value=id_again />
                    <input type="hidden" name="locale" value=i18n.locale.code() />
                    <button class="link-button" type="submit">{m.alerts_remove}</button>
                </ActionForm>
            </div>
        </li>
    }
}
