//! The listing editor pages: a new listing (the form alone), and an existing
//! one (status and completeness, photos, then the form).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::listing_form::ListingFormView;
use super::photo_manager::PhotoManager;
use super::status_panel::StatusPanel;
use crate::api::studio::{ChangeListingStatus, ChangePhoto, get_listing_editor};
use crate::components::{FlashNote, PageMeta};
use crate::domain::{ListingEditor, ListingForm};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid, loaded, signed_in};

#[component]
pub fn NewListingPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    signed_in(|_viewer| {
        let i18n = use_i18n();
        let m = i18n.messages;
        view! {
            <PageMeta title=format!("{} · {}", m.editor_new_title, m.site_name) description=m.editor_intro path="/dashboard/listings/new" />
            <div class="container editor-page">
                <nav class="breadcrumb"><a href=i18n.path("/dashboard")>{m.dashboard_title}</a></nav>
                <header class="editor-header">
                    <h1>{m.editor_new_title}</h1>
                    <p class="muted">{m.editor_intro}</p>
                </header>
                <ListingFormView id=None form=ListingForm::default() />
            </div>
        }
    })
    .into_any()
}

#[component]
pub fn EditListingPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let params = use_params_map();
    let status_action = ServerAction::<ChangeListingStatus>::new();
    let photo_action = ServerAction::<ChangePhoto>::new();
    let editor = Resource::new(
        move || {
            let id = params.read().get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0);
            (id, status_action.version().get(), photo_action.version().get())
        },
        |(id, _, _)| get_listing_editor(id),
    );
    view! {
        {loaded(editor, move |editor| view! { <EditorContent editor status_action photo_action /> })}
    }
    .into_any()
}

#[component]
fn EditorContent(
    editor: ListingEditor,
    status_action: ServerAction<ChangeListingStatus>,
    photo_action: ServerAction<ChangePhoto>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let title = editor
        .form
        .title
        .get(i18n.locale.code())
        .or_else(|| editor.form.title.values().next())
        .cloned()
        .unwrap_or_default();
    view! {
        <PageMeta title=format!("{title} · {}", m.site_name) description=m.editor_intro path=format!("/dashboard/listings/{}", editor.id) />
        <div class="container editor-page">
            <nav class="breadcrumb"><a href=i18n.path("/dashboard")>{m.dashboard_title}</a></nav>
            <header class="editor-header">
                <h1>{title}</h1>
            </header>
            <FlashNote flag="saved" text=m.editor_saved />
            <div class="editor-layout">
                <div class="editor-main">
                    <PhotoManager listing_id=editor.id photos=editor.photos.clone() photo_action />
                    <ListingFormView id=Some(editor.id) form=editor.form.clone() />
                </div>
                <StatusPanel
                    id=editor.id
                    status=editor.status
                    completeness=editor.completeness.clone()
                    public_path=editor.public_path.clone()
                    status_action
                />
            </div>
        </div>
    }
}
