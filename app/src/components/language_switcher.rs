//! Links to the current page in every interface language, folded behind the
//! current language's name (a native disclosure: it opens without script,
//! with the keyboard, and takes one word of the header however many
//! languages there are). They load the page afresh (`rel="external"`) so the
//! whole document, `lang` and `dir` included, is rendered in the new
//! language; the server then remembers the choice.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::{Icon, IconName};
use crate::domain::Locale;
use crate::i18n::use_i18n;

#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    view! {
        <details class="language-menu">
            <summary>
                <Icon name=IconName::Globe />
                <span class="visually-hidden">{i18n.messages.nav_language}": "</span>
                <span lang=i18n.locale.tag()>{i18n.locale.native_name()}</span>
            </summary>
        <div class="language-switcher" role="group" aria-label=i18n.messages.nav_language>
            {Locale::ALL
                .into_iter()
                .map(|locale| {
                    let href = move || {
                        let search = location.search.get();
                        let path = locale.localize_path(&location.pathname.get());
                        if search.is_empty() { path } else { format!("{path}?{search}") }
                    };
                    let current = (locale == i18n.locale).then_some("true");
                    view! {
                        <a
                            href=href
                            rel="external"
                            hreflang=locale.tag()
                            lang=locale.tag()
                            aria-current=current
                        >
                            {locale.native_name()}
                        </a>
                    }
                })
                .collect_view()}
        </div>
        </details>
    }
}
