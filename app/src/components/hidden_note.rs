//! Why a trade office hid a producer or a listing: the reason in the
//! reader's language, the office's note, and whether a review was asked.
//! Shown to the owner in its workspace and to the office.

use leptos::prelude::*;

use crate::domain::Hidden;
use crate::i18n::use_i18n;

#[component]
pub fn HiddenNote(hidden: Hidden) -> impl IntoView {
    let m = use_i18n().messages;
    view! {
        <p class="notice notice-warning">
            <strong>{m.moderation_hidden}</strong>" "{hidden.reason.name(m)}
            {hidden.note.map(|note| view! { " — " <q dir="auto">{note}</q> })}
            {hidden.review_requested.then(|| view! { " " <span class="tag">{m.moderation_review_asked}</span> })}
        </p>
    }
}
