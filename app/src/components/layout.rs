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
        <a class="skip-link" href="#content">{m.nav_skip}</a>
        <Header />
        <main id="content" tabindex="-1">{children()}</main>
        <Footer />
    }
}
