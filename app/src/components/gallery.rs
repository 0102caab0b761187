//! A listing's photos: one large, the others as thumbnails that replace it
//! when pressed. The gallery is an island, hydrated with the
//! photos and the reader's words as props; before hydration, or without
//! JavaScript, the first photo and the thumbnails are already visible.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Photo;
use super::photo::picture;
use crate::domain::PhotoRef;
use crate::i18n::use_i18n;

#[component]
pub fn Gallery(photos: Vec<PhotoRef>, #[prop(into)] title: String) -> impl IntoView {
    let m = use_i18n().messages;
    if photos.is_empty() {
        return view! {
            <section class="gallery" aria-label=m.listing_photos>
                <div class="gallery-main"><Photo photo=None alt="" sizes="100vw" /></div>
            </section>
        }
        .into_any();
    }
    let words = GalleryWords {
        photos: m.listing_photos.to_owned(),
        photo_alt: m.listing_photo_alt.to_owned(),
        show_photo: m.listing_show_photo.to_owned(),
    };
    view! { <PhotoGallery photos title words /> }.into_any()
}

/// The gallery's words in the reader's language (`{title}` and `{n}` filled in the browser).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GalleryWords {
    photos: String,
    photo_alt: String,
    show_photo: String,
}

/// The photos, at least one: the island.
#[island]
fn PhotoGallery(photos: Vec<PhotoRef>, title: String, words: GalleryWords) -> impl IntoView {
    let (selected, set_selected) = signal(0usize);
    let count = photos.len();
    let main_photos = photos.clone();
    let alt_template = words.photo_alt.clone();
    let main = move || {
        let index = selected.get().min(count.saturating_sub(1));
        let alt = crate::i18n::fill(&alt_template, &[("title", &title), ("n", &(index + 1).to_string())]);
        main_photos
            .get(index)
            .cloned()
            .map(|photo| picture(photo, alt, "(min-width: 960px) 560px, 100vw".to_owned(), true))
    };
    view! {
        <section class="gallery" aria-label=words.photos.clone()>
            <div class="gallery-main" data-selected=move || selected.get().to_string()>{main}</div>
            {(count > 1)
                .then(|| {
                    view! {
                        <ul class="gallery-thumbs">
                            {photos
                                .into_iter()
                                .enumerate()
                                .map(|(index, photo)| {
                                    let label = crate::i18n::fill(&words.show_photo, &[("n", &(index + 1).to_string())]);
                                    view! {
                                        <li>
                                            <button
                                                type="button"
                                                class="gallery-thumb"
                                                aria-label=label
                                                aria-pressed=move || (selected.get() == index).to_string()
                                                on:click=move |_| set_selected.set(index)
                                            >
                                                <img src=photo.url(320, "jpg") width="320" height=photo.height_at(320) alt="" loading="lazy" />
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </section>
    }
}
