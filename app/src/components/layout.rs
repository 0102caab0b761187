//! The frame of every page: skip link, header, main landmark, footer.

use leptos::prelude::*;

use super::{Footer, Header, IconSprite};
use crate::i18n::use_i18n;

/// Wraps a page's content in the shared header and footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let m = use_i18n().messages;
    view! {
        <IconSprite />
        <a class="skip-link" href="#content" on:click=skip_to_content>{m.nav_skip}</a>
        <Header />
        <main id="content" tabindex="-1">{children()}</main>
        <Footer />
    }
}

/// Moves focus into the content. Without script the browser follows
/// `#content` itself; once hydrated, the router takes in-page links for
/// navigations and would only scroll, leaving focus in the header.
fn skip_to_content(event: leptos::ev::MouseEvent) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(main) =
        document().get_element_by_id("content").and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
    {
        event.prevent_default();
        let _ = main.focus();
        main.scroll_into_view();
    }
}
