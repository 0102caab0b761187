//! A company logo in a fixed square box (drawn whole, never cropped), from
//! its 320 px WebP variant with a JPEG fallback.

use leptos::prelude::*;

#[component]
pub fn Logo(
    /// URL prefix of the stored variants (`{base}-320.webp`).
    base: String,
    #[prop(into)] alt: String,
    /// Drawn size in CSS pixels.
    #[prop(default = 96)]
    size: u32,
) -> impl IntoView {
    view! {
        <picture class="logo">
            <source type="image/webp" srcset=format!("{base}-320.webp") />
            <img src=format!("{base}-320.jpg") width=size height=size alt=alt loading="lazy" decoding="async" />
        </picture>
    }
}
