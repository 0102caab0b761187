//! The reason and note fields of a refusal or a hiding: a choice among a
//! fixed list of reasons (so the producer reads it in its language) and an
//! optional note, required for "other" (the server checks it).

use leptos::prelude::*;

use crate::components::TextArea;
use crate::i18n::use_i18n;

#[component]
pub(crate) fn ReasonFields(
    /// Makes the fields' ids unique on the page.
    key: String,
    label: &'static str,
    /// `(slug, name)` of each reason.
    reasons: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let m = use_i18n().messages;
    let (reason_id, note_id) = (format!("reason-{key}"), format!("note-{key}"));
    view! {
        <div class="field">
            <label for=reason_id.clone()>{label}</label>
            <select id=reason_id name="reason" required>
                <option value="">{m.form_choose}</option>
                {reasons.into_iter().map(|(slug, name)| view! { <option value=slug>{name}</option> }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for=note_id.clone()>{m.moderation_note}</label>
            <TextArea id=note_id name="note" value="" rows=2 max_chars=500 dir="auto" />
            <p class="field-hint">{m.moderation_note_hint}</p>
        </div>
    }
}
