//! Curation in the showcase editor: the exhibitors in order, each with its
//! stand, curator's note and featured products (moved with buttons, which
//! work without script; "no longer public" when buyers cannot see one any
//! more), and the site's search inside the editor to add producers and
//! products. The search stays on screen across the posts: each form sends
//! it back (`search`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::showcases::CurateShowcase;
use crate::components::{FormAlert, submission_error};
use crate::domain::{
    Certification, CuratedExhibitor, CuratedListing, ListingQuery, ListingResults, OriginLabel, Region, Sector,
};
use crate::i18n::use_i18n;

/// The hidden fields every curation form carries.
fn common(id: i64, search: &str, locale: &'static str) -> impl IntoView + use<> {
    view! {
        <input type="hidden" name="id" value=id.to_string() />
        <input type="hidden" name="search" value=search.to_owned() />
        <input type="hidden" name="locale" value=locale />
    }
}

/// A one-button form for a step on a producer or a listing.
fn step_button(
    action: ServerAction<CurateShowcase>,
    id: i64,
    search: &str,
    step: &'static str,
    target: (&'static str, String),
    label: &'static str,
    class: &'static str,
) -> impl IntoView + use<> {
    let locale = use_i18n().locale.code();
    let search = search.to_owned();
    view! {
        <ActionForm action>
            {common(id, &search, locale)}
            <input type="hidden" name="action" value=step />
            <input type="hidden" name=target.0 value=target.1 />
            <button class=class type="submit" aria-label=label title=label>{label}</button>
        </ActionForm>
    }
}

/// The in-editor search as the URL holds it (`q`, `sector`, `region`,
/// `certification`, `label`).
pub fn editor_query(get: impl Fn(&str) -> Option<String>) -> ListingQuery {
    ListingQuery {
        text: get("q").unwrap_or_default(),
        sector: get("sector").and_then(|s| Sector::from_slug(&s)),
        region: get("region").and_then(|s| Region::from_slug(&s)),
        certification: get("certification").and_then(|s| Certification::from_slug(&s)),
        label: get("label").and_then(|s| OriginLabel::from_slug(&s)),
        ..Default::default()
    }
}

#[component]
pub fn Curation(
    id: i64,
    exhibitors: Vec<CuratedExhibitor>,
    found: Option<ListingResults>,
    action: ServerAction<CurateShowcase>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let error = submission_error(action);
    let query_map = use_query_map();
    // The in-editor search as a query string, encoded as the search page
    // encodes it (words with spaces or in Arabic come back intact).
    let search = query_map.with_untracked(|q| editor_query(|key| q.get(key)).to_query_string());
    let count = exhibitors.len();
    // What the search must not offer again.
    let added_producers: Vec<String> = exhibitors.iter().map(|exhibitor| exhibitor.slug.clone()).collect();
    let added_listings: Vec<i64> =
        exhibitors.iter().flat_map(|exhibitor| exhibitor.listings.iter().map(|listing| listing.id)).collect();
    view! {
        <section class="section" id="curation" aria-labelledby="curation-title">
            <h2 id="curation-title">{m.organiser_exhibitors}</h2>
            <FormAlert error />
            {if exhibitors.is_empty() {
                view! { <p class="empty-state">{m.organiser_no_exhibitors}</p> }.into_any()
            } else {
                view! {
                    <ol class="curated-list">
                        {exhibitors.into_iter().enumerate().map(|(at, exhibitor)| {
                            view! { <ExhibitorRow id exhibitor first={at == 0} last={at + 1 == count} search=search.clone() action /> }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <EditorSearch id search=search.clone() found action added_producers added_listings />
        </section>
    }
}

#[component]
fn ExhibitorRow(
    id: i64,
    exhibitor: CuratedExhibitor,
    first: bool,
    last: bool,
    search: String,
    action: ServerAction<CurateShowcase>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let slug = exhibitor.slug.clone();
    let target = || ("producer", slug.clone());
    let listing_count = exhibitor.listings.len();
    let steps = view! {
        {(!first).then(|| step_button(action, id, &search, "up", target(), m.organiser_move_up, "button button-secondary button-small"))}
        {(!last).then(|| step_button(action, id, &search, "down", target(), m.organiser_move_down, "button button-secondary button-small"))}
        {step_button(action, id, &search, "remove", target(), m.organiser_remove, "link-button")}
    };
    let note_fields = common(id, &search, i18n.locale.code());
    let products = exhibitor
        .listings
        .into_iter()
        .enumerate()
        .map(|(at, listing)| {
            view! {
                <ListingRow id listing first={at == 0} last={at + 1 == listing_count} search=search.clone() action />
            }
        })
        .collect_view();
    view! {
        <li class="curated">
            <div class="curated-head">
                <div>
                    <a class="own-listing-title" href=i18n.path(&format!("/producers/{}", exhibitor.slug)) dir="auto">{exhibitor.name.clone()}</a>
                    <p class="muted">
                        {exhibitor.region.name(m)}
                        {(!exhibitor.public).then(|| view! { " " <span class="tag tag-warning">{m.organiser_not_public}</span> })}
                    </p>
                </div>
                <div class="own-listing-actions">{steps}</div>
            </div>
            <ActionForm action attr:class="curated-note">
                {note_fields}
                <input type="hidden" name="action" value="note" />
                <input type="hidden" name="producer" value=exhibitor.slug.clone() />
                <div class="field-row">
                    <div class="field">
                        <label for=format!("stand-{}", exhibitor.slug)>{m.organiser_stand}</label>
                        <input id=format!("stand-{}", exhibitor.slug) name="note[stand]" value=exhibitor.stand.clone().unwrap_or_default() maxlength="20" />
                    </div>
                    <div class="field">
                        <label for=format!("note-{}", exhibitor.slug)>{m.organiser_note}</label>
                        <input id=format!("note-{}", exhibitor.slug) name="note[note]" value=exhibitor.note.clone().unwrap_or_default() maxlength="600" />
                    </div>
                </div>
                <button class="button button-secondary button-small" type="submit">{m.organiser_save_note}</button>
            </ActionForm>
            {(listing_count > 0).then(|| view! { <ol class="curated-products">{products}</ol> })}
        </li>
    }
}

#[component]
fn ListingRow(
    id: i64,
    listing: CuratedListing,
    first: bool,
    last: bool,
    search: String,
    action: ServerAction<CurateShowcase>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let target = || ("listing", listing.id.to_string());
    let public = listing.card.is_some();
    let steps = view! {
        {(!first).then(|| step_button(action, id, &search, "up", target(), m.organiser_move_up, "button button-secondary button-small"))}
        {(!last).then(|| step_button(action, id, &search, "down", target(), m.organiser_move_down, "button button-secondary button-small"))}
        {step_button(action, id, &search, "remove", target(), m.organiser_remove, "link-button")}
    };
    let note_fields = common(id, &search, i18n.locale.code());
    view! {
        <li class="curated-product">
            <div class="curated-head">
                <div>
                    <span dir="auto">{listing.title.clone()}</span>
                    {(!public).then(|| view! { " " <span class="tag tag-warning">{m.organiser_not_public}</span> })}
                </div>
                <div class="own-listing-actions">{steps}</div>
            </div>
            <ActionForm action attr:class="curated-note">
                {note_fields}
                <input type="hidden" name="action" value="note" />
                <input type="hidden" name="listing" value=listing.id.to_string() />
                <div class="field">
                    <label for=format!("listing-note-{}", listing.id)>{m.organiser_note}</label>
                    <input id=format!("listing-note-{}", listing.id) name="note[note]" value=listing.note.clone().unwrap_or_default() maxlength="600" />
                </div>
                <button class="button button-secondary button-small" type="submit">{m.organiser_save_note}</button>
            </ActionForm>
        </li>
    }
}

/// One filter of the in-editor search: `(slug, name)` options.
fn filter_select(
    name: &'static str,
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    selected: Option<&'static str>,
) -> impl IntoView + use<> {
    let m = use_i18n().messages;
    let id = format!("editor-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">{m.form_choose}</option>
                {options.into_iter().map(|(slug, text)| view! { <option value=slug selected=selected == Some(slug)>{text}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// The site's search, inside the editor: results with buttons to add the
/// product or its producer.
#[component]
fn EditorSearch(
    id: i64,
    search: String,
    found: Option<ListingResults>,
    action: ServerAction<CurateShowcase>,
    added_producers: Vec<String>,
    added_listings: Vec<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let q = use_query_map().with_untracked(|q| editor_query(|key| q.get(key)));
    view! {
        <div class="editor-search">
            <h3>{m.organiser_find}</h3>
            <form method="get" action=i18n.path(&format!("/organiser/showcases/{id}")) class="editor-search-form">
                <div class="field">
                    <label for="editor-q">{m.nav_search_label}</label>
                    <input id="editor-q" name="q" value=q.text.clone() maxlength="200" />
                </div>
                {filter_select("sector", m.facet_sector, Sector::ALL.iter().map(|v| (v.slug(), v.name(m))).collect(), q.sector.map(|v| v.slug()))}
                {filter_select("region", m.facet_region, Region::ALL.iter().map(|v| (v.slug(), v.name(m))).collect(), q.region.map(|v| v.slug()))}
                {filter_select("certification", m.facet_certification, Certification::ALL.iter().map(|v| (v.slug(), v.name(m))).collect(), q.certification.map(|v| v.slug()))}
                {filter_select("label", m.facet_label, OriginLabel::ALL.iter().map(|v| (v.slug(), v.name(m))).collect(), q.label.map(|v| v.slug()))}
                <button class="button" type="submit">{m.nav_search_button}</button>
            </form>
            {found.map(|found| view! {
                <ul class="editor-results">
                    {found.cards.into_iter().take(12).map(|card| {
                        let listing_added = added_listings.contains(&card.id);
                        let producer_added = added_producers.contains(&card.producer_slug);
                        view! {
                            <li class="editor-result">
                                <div>
                                    <strong dir="auto">{card.title.text.clone()}</strong>
                                    <p class="muted">{card.producer_name.clone()}" · "{card.region.name(m)}</p>
                                </div>
                                <div class="own-listing-actions">
                                    {if listing_added {
                                        view! { <span class="tag">{m.organiser_listing_added}</span> }.into_any()
                                    } else {
                                        view! { {step_button(action, id, &search, "add", ("listing", card.id.to_string()), m.organiser_add_listing, "button button-small")} }.into_any()
                                    }}
                                    {if producer_added {
                                        view! { <span class="tag">{m.organiser_producer_added}</span> }.into_any()
                                    } else {
                                        view! { {step_button(action, id, &search, "add", ("producer", card.producer_slug.clone()), m.organiser_add_producer, "button button-secondary button-small")} }.into_any()
                                    }}
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}
