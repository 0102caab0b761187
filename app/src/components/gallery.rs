//! A listing's photos: one large, the others as thumbnails that replace it
//! when pressed (after hydration; before it, the first photo and the
//! thumbnails are already visible).

use leptos::prelude::*;

use super::Photo;
use crate::domain::PhotoRef;
use crate::i18n::{fill, use_i18n};

#[component]
pub fn Gallery(photos: Vec<PhotoRef>, #[prop(into)] title: String) -> impl IntoView {
    let m = use_i18n().messages;
    let (selected, set_selected) = signal(0usize);
    let count = photos.len();
    let main_photos = photos.clone();
    let main_title = title.clone();
    let main = move || {
        let index = selected.get().min(count.saturating_sub(1));
        let alt = fill(m.listing_photo_alt, &[("title", &main_title), ("n", &(index + 1).to_string())]);
        view! {
            <Photo photo=main_photos.get(index).cloned() alt sizes="(min-width: 960px) 560px, 100vw" eager=true />
        }
    };
    view! {
        <section class="gallery" aria-label=m.listing_photos>
            <div class="gallery-main" data-selected=move || selected.get().to_string()>{main}</div>
            {(count > 1)
                .then(|| {
                    view! {
                        <ul class="gallery-thumbs">
                            {photos
                                .into_iter()
                                .enumerate()
                                .map(|(index, photo)| {
                                    let label = fill(m.listing_show_photo, &[("n", &(index + 1).to_string())]);
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
