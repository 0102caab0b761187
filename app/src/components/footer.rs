//! The site footer: what Trade.ma is, every region and sector, the languages
//! and who helps first-time exporters.

use leptos::prelude::*;

use crate::domain::{Locale, Region, Sector};
use crate::i18n::use_i18n;

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    view! {
        <footer class="site-footer">
            <div class="container footer-grid">
                <section aria-labelledby="footer-about">
                    <h2 id="footer-about">{m.footer_about_title}</h2>
                    <p>{m.footer_about_text}</p>
                    <h2>{m.footer_offices_title}</h2>
                    <p>{m.footer_offices_text}</p>
                </section>
                <section aria-labelledby="footer-regions">
                    <h2 id="footer-regions">{m.footer_regions_title}</h2>
                    <ul class="footer-list">
                        {Region::ALL
                            .iter()
                            .map(|region| {
                                let href = i18n.path(&format!("/regions/{}", region.slug()));
                                view! { <li><a href=href>{region.name(m)}</a></li> }
                            })
                            .collect_view()}
                    </ul>
                </section>
                <section aria-labelledby="footer-sectors">
                    <h2 id="footer-sectors">{m.footer_sectors_title}</h2>
                    <ul class="footer-list">
                        {Sector::ALL
                            .iter()
                            .map(|sector| {
                                let href = i18n.sector_path(*sector);
                                view! { <li><a href=href>{sector.name(m)}</a></li> }
                            })
                            .collect_view()}
                    </ul>
                </section>
                <section aria-labelledby="footer-languages">
                    <h2 id="footer-languages">{m.footer_languages_title}</h2>
                    <ul class="footer-list">
                        {Locale::ALL
                            .into_iter()
                            .map(|locale| {
                                view! {
                                    <li>
                                        <a href=format!("/{}", locale.code()) rel="external" hreflang=locale.code() lang=locale.code()>
                                            {locale.native_name()}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            </div>
            <p class="container footer-rights">{m.footer_rights}</p>
        </footer>
    }
}
