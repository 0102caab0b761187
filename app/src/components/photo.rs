//! A catalogue photo: WebP with a JPEG fallback, every stored width in
//! `srcset`, width and height set so nothing shifts while it loads, lazy unless
//! it is above the fold.

use leptos::prelude::*;

use super::{Icon, IconName};
use crate::domain::{PHOTO_WIDTHS, PhotoRef};
use crate::i18n::use_i18n;

/// Shows `photo`, or a quiet placeholder when there is none.
#[component]
pub fn Photo(
    photo: Option<PhotoRef>,
    #[prop(into)] alt: String,
    /// The `sizes` attribute: how wide the photo is drawn at each viewport.
    #[prop(into)]
    sizes: String,
    /// Load at once: for the first photo a visitor sees.
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let m = use_i18n().messages;
    match photo {
        Some(photo) => picture(photo, alt, sizes, eager).into_any(),
        None => view! {
            <div class="photo photo-missing" role="img" aria-label=m.listing_no_photo>
                <Icon name=IconName::ImageOff />
                <span>{m.listing_no_photo}</span>
            </div>
        }
        .into_any(),
    }
}

/// The `<picture>` of a stored photo; also drawn by the gallery's island,
/// which has no page context and so no words for a missing photo.
pub fn picture(photo: PhotoRef, alt: String, sizes: String, eager: bool) -> impl IntoView {
    let fallback_width = PHOTO_WIDTHS[1];
    view! {
        <picture class="photo">
            <source type="image/webp" srcset=photo.srcset("webp") sizes=sizes.clone() />
            <img
                src=photo.url(fallback_width, "jpg")
                srcset=photo.srcset("jpg")
                sizes=sizes
                width=fallback_width
                height=photo.height_at(fallback_width)
                alt=alt
                loading=if eager { "eager" } else { "lazy" }
                decoding="async"
            />
        </picture>
    }
}
