//! The frame of every page: skip link, header, main landmark, footer.

use leptos::prelude::*;

use super::{Footer, Header, IconSprite, SkipLink};
use crate::i18n::use_i18n;

/// Wraps a page's content in the shared header and footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let m = use_i18n().messages;
    view! {
        <IconSprite />
        <SkipLink label=m.nav_skip.to_owned() />
        <Header />
        <main id="content" tabindex="-1">{children()}</main>
        <Footer />
    }
}
