//! The editor's side panel: status, completeness with what a buyer will miss,
//! and the status changes and deletion.

use leptos::prelude::*;

use super::overview::serde_change;
use crate::api::studio::{ChangeListingStatus, DeleteListing};
use crate::components::{FormAlert, submission_error};
use crate::domain::{Completeness, ListingStatus, StatusChange};
use crate::i18n::{fill, use_i18n};

#[component]
pub fn StatusPanel(
    id: i64,
    status: ListingStatus,
    completeness: Completeness,
    public_path: Option<String>,
    status_action: ServerAction<ChangeListingStatus>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let delete_action = ServerAction::<DeleteListing>::new();
    let status_error = submission_error(status_action);
    let delete_error = submission_error(delete_action);
    let changes: Vec<(StatusChange, &'static str)> = [
        (StatusChange::Publish, m.status_action_publish),
        (StatusChange::Unpublish, m.status_action_unpublish),
        (StatusChange::Archive, m.status_action_archive),
    ]
    .into_iter()
    .filter(|(change, _)| change.apply(status).is_some())
    .collect();
    let status_name = m.get(&status.message_key()).unwrap_or(status.slug());
    view! {
        <aside class="status-panel" aria-labelledby="status-title">
            <h2 id="status-title">{m.editor_status}</h2>
            <p><span class=format!("status status-{}", status.slug())>{status_name}</span></p>
            {public_path.map(|path| view! { <p><a href=i18n.locale.localize_path(&path)>{m.editor_view_public}</a></p> })}
            <FormAlert error=status_error />
            <div class="status-actions">
                {changes.into_iter().map(|(change, label)| view! {
                    <ActionForm action=status_action>
                        <input type="hidden" name="id" value=id.to_string() />
                        <input type="hidden" name="change" value=serde_change(change) />
                        <button class=if change == StatusChange::Publish { "button button-accent" } else { "button button-secondary" } type="submit">{label}</button>
                    </ActionForm>
                }).collect_view()}
            </div>
            <h3 class="facts-heading">{fill(m.completeness_score, &[("n", &completeness.score.to_string())])}</h3>
            <meter min="0" max="100" low="50" high="80" optimum="100" value=completeness.score.to_string()></meter>
            {(!completeness.gaps.is_empty()).then(|| view! {
                <p class="field-hint">{m.completeness_intro}</p>
                <ul class="gaps">
                    {completeness.gaps.iter().map(|gap| view! {
                        <li>{m.get(&gap.key).unwrap_or_default()}<span class="muted">{format!(" +{}", gap.points)}</span></li>
                    }).collect_view()}
                </ul>
            })}
            <details class="danger-zone">
                <summary>{m.editor_delete}</summary>
                <p class="field-hint">{m.editor_delete_hint}</p>
                <FormAlert error=delete_error />
                <ActionForm action=delete_action>
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="locale" value=i18n.locale.code() />
                    <button class="button button-danger" type="submit">{m.editor_delete_confirm}</button>
                </ActionForm>
            </details>
        </aside>
    }
}
