//! The print view of a showcase for the stand (A4): the event, then one
//! block per exhibitor (kept on one page) with its stand, region, note,
//! products and a QR code that opens its Trade.ma page, credited to the
//! showcase. The QR codes are SVGs drawn by the server from a link it
//! builds itself (no typed text goes into them).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::showcases::get_showcase;
use crate::components::PageMeta;
use crate::domain::{AppError, ShowcasePage};
use crate::i18n::{fill, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn ShowcasePrintPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let params = use_params_map();
    let page = Resource::new(
        move || params.read().get("slug"),
        move |slug| async move {
            match slug {
                Some(slug) => get_showcase(slug, None, None, true, locale).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! { {loaded(page, |page| view! { <PrintContent page /> })} }.into_any()
}

#[component]
fn PrintContent(page: ShowcasePage) -> impl IntoView {
    let m = use_i18n().messages;
    let place = [Some(page.city.clone()), page.venue.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    view! {
        <PageMeta title=format!("{} · {}", page.title.text, m.showcase_print) description=page.event_name.clone() path=format!("/showcases/{}/print", page.slug) />
        <div class="print-sheet">
            <header class="print-header">
                <p class="eyebrow">{page.event_name.clone()}</p>
                <h1 dir="auto">{page.title.text.clone()}</h1>
                <p>{super::date_range(page.starts_on, page.ends_on)}" · "<bdi>{place}</bdi></p>
            </header>
            {page.exhibitors.into_iter().map(|exhibitor| {
                let products = exhibitor.listings.iter().map(|l| l.card.title.text.clone()).collect::<Vec<_>>();
                view! {
                    <section class="print-exhibitor">
                        <div class="print-exhibitor-text">
                            <h2 dir="auto">{exhibitor.producer.name.clone()}</h2>
                            <p>
                                {exhibitor.stand.clone().map(|stand| view! { <strong>{fill(m.showcase_stand, &[("stand", &stand)])}</strong>" · " })}
                                {exhibitor.producer.region.name(m)}
                            </p>
                            {exhibitor.note.clone().map(|note| view! { <p class="curator-note" dir="auto">{note}</p> })}
                            {(!products.is_empty()).then(|| view! {
                                <ul>{products.into_iter().map(|title| view! { <li dir="auto">{title}</li> }).collect_view()}</ul>
                            })}
                        </div>
                        <figure class="print-qr">
                            <div class="qr" inner_html=exhibitor.qr_svg.clone().unwrap_or_default()></div>
                            <figcaption>{m.showcase_scan}</figcaption>
                        </figure>
                    </section>
                }
            }).collect_view()}
        </div>
    }
}
