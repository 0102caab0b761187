//! A listing's photos: the cover first, buttons to reorder, make the cover or
//! delete, and the upload form (a plain multipart post to the upload route,
//! which answers a form post with a redirect back here).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::studio::ChangePhoto;
use crate::components::{FormAlert, Photo, submission_error};
use crate::domain::{MAX_PHOTOS, OwnPhoto, PhotoChange};
use crate::i18n::{fill, use_i18n};

fn change_name(change: PhotoChange) -> &'static str {
    match change {
        PhotoChange::MakeCover => "make_cover",
        PhotoChange::MoveEarlier => "move_earlier",
        PhotoChange::MoveLater => "move_later",
        PhotoChange::Delete => "delete",
    }
}

#[component]
pub fn PhotoManager(listing_id: i64, photos: Vec<OwnPhoto>, photo_action: ServerAction<ChangePhoto>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let error = submission_error(photo_action);
    let query = use_query_map();
    let upload_error = move || {
        query
            .with(|q| q.get("upload_error"))
            .map(|code| m.get(&format!("upload.{code}")).unwrap_or(m.form_try_again).to_owned())
    };
    let uploaded = move || query.with(|q| q.get("upload").as_deref() == Some("ok"));
    let count = photos.len();
    let room = MAX_PHOTOS.saturating_sub(count);
    // Arrows point along the reading direction: mirrored in Arabic.
    let button = move |photo_id: i64, change: PhotoChange, label: &'static str, text: &'static str| {
        let arrow = matches!(change, PhotoChange::MoveEarlier | PhotoChange::MoveLater);
        view! {
            <ActionForm action=photo_action>
                <input type="hidden" name="listing_id" value=listing_id.to_string() />
                <input type="hidden" name="photo_id" value=photo_id.to_string() />
                <input type="hidden" name="change" value=change_name(change) />
                <button class="button button-small button-secondary" type="submit" aria-label=label>
                    <span class:icon-mirror=arrow>{text}</span>
                </button>
            </ActionForm>
        }
    };
    view! {
        <section class="form-section" id="photos" aria-labelledby="photos-title">
            <h2 id="photos-title">{m.listing_photos}</h2>
            <p class="field-hint">{fill(m.photos_hint, &[("n", &MAX_PHOTOS.to_string())])}</p>
            {move || upload_error().map(|text| view! { <div class="form-alert" role="alert">{text}</div> })}
            {move || uploaded().then(|| view! { <p class="form-success" role="status">{m.photos_uploaded}</p> })}
            <FormAlert error />
            {(count > 0).then(|| view! {
                <ol class="photo-manager">
                    {photos.iter().enumerate().map(|(index, own)| {
                        let alt = fill(m.listing_photo_alt, &[("title", ""), ("n", &(index + 1).to_string())]);
                        view! {
                            <li class="photo-slot">
                                <Photo photo=Some(own.photo.clone()) alt=alt sizes="200px" />
                                {(index == 0).then(|| view! { <span class="cover-badge">{m.photos_cover}</span> })}
                                <div class="photo-actions">
                                    {(index > 0).then(|| button(own.id, PhotoChange::MoveEarlier, m.photos_move_earlier, "←"))}
                                    {(index + 1 < count).then(|| button(own.id, PhotoChange::MoveLater, m.photos_move_later, "→"))}
                                    {(index > 0).then(|| button(own.id, PhotoChange::MakeCover, m.photos_make_cover, m.photos_make_cover))}
                                    {button(own.id, PhotoChange::Delete, m.photos_delete, m.photos_delete)}
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            })}
            {if room > 0 {
                view! {
                    <form class="upload-form" method="post" enctype="multipart/form-data" action=format!("/api/listings/{listing_id}/photos")>
                        <input type="hidden" name="locale" value=i18n.locale.code() />
                        <label for="photo-files">{fill(m.photos_choose, &[("n", &room.to_string())])}</label>
                        <input id="photo-files" type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple required />
                        <button class="button" type="submit">{m.photos_upload}</button>
                    </form>
                }.into_any()
            } else {
                view! { <p class="field-hint">{m.photos_full}</p> }.into_any()
            }}
        </section>
    }
}
