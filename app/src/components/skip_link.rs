//! "Skip to content", the first thing a keyboard reaches. Without script the
//! browser follows `#content` and starts the next Tab there; hydrated (it is
//! an island), it also moves focus into the content, so screen
//! readers announce where the reader landed.

use leptos::prelude::*;

#[island]
pub fn SkipLink(
    /// "Skip to content", in the reader's language.
    label: String,
) -> impl IntoView {
    view! { <a class="skip-link" href="#content" on:click=skip_to_content>{label}</a> }
}

fn skip_to_content(event: leptos::ev::MouseEvent) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        if let Some(main) =
            document().get_element_by_id("content").and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
        {
            event.prevent_default();
            // Focus failing leaves the browser's own fragment jump undone: scroll anyway.
            let _ = main.focus();
            main.scroll_into_view();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = event;
}
