//! The site header: logo, catalogue search, main navigation, the account
//! menu and the language switcher. On phones the navigation folds behind a
//! menu button ([`MenuButton`], an island: with the search box's suggestions,
//! the only parts of the header that hydrate).

use leptos::prelude::*;

use super::{AccountMenu, Icon, IconName, LanguageSwitcher, MenuButton, SearchBox};
use crate::i18n::use_i18n;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    view! {
        <header class="site-header">
            <div class="header-bar container">
                <a class="brand" href=i18n.path("")>
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-name">{m.site_name}</span>
                </a>
                <form class="header-search" role="search" aria-label=m.nav_search_region method="get" action=i18n.path("/search")>
                    <label class="visually-hidden" for="header-search-q">{m.nav_search_label}</label>
                    <SearchBox id="header-search-q" />
                    <button type="submit" class="icon-button" aria-label=m.nav_search_button>
                        <Icon name=IconName::Search />
                    </button>
                </form>
                <MenuButton label=m.nav_menu.to_owned() />
                <nav id="site-nav" class="site-nav" aria-label=m.nav_main>
                    <a href=i18n.path("#sectors")>{m.nav_sectors}</a>
                    <a href=i18n.path("#regions")>{m.nav_regions}</a>
                    <a href=i18n.path("/showcases")>{m.showcase_list_title}</a>
                    <a href=i18n.path("/requests")>{m.requests_nav}</a>
                    <AccountMenu />
                    <LanguageSwitcher />
                </nav>
            </div>
        </header>
    }
}
