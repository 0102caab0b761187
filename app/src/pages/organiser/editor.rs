//! The showcase editor: its texts per language, the event (name, city,
//! venue, dates, themes) and public address, its state (publish, back to
//! draft, archive) and, once saved, the curation below.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::curation::{Curation, editor_query};
use super::status_tag;
use crate::api::catalog::find_listings;
use crate::api::showcases::{ChangeShowcase, CurateShowcase, SaveShowcase, get_showcase_editor, get_showcase_leads};
use crate::components::form_fields::TextField;
use crate::components::{FlashNote, FormAlert, LanguageTextPanels, PageMeta, Photo, submission_error};
use crate::domain::{
    AppError, CITY_MAX_CHARS, EVENT_LINE_MAX_CHARS, ListingResults, Locale, SHOWCASE_DESCRIPTION_MAX_CHARS,
    SHOWCASE_TITLE_MAX_CHARS, ShowcaseChange, ShowcaseEditor, ShowcaseForm, ShowcaseLeads, ShowcaseStatus,
};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid, loaded, signed_in};

#[component]
pub fn NewShowcasePage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let m = use_i18n().messages;
    view! {
        {signed_in(move |viewer| {
            if viewer.role != crate::domain::Role::Organiser {
                return view! { <NotFound /> }.into_any();
            }
            view! {
                <PageMeta title=format!("{} · {}", m.organiser_new, m.site_name) description=m.organiser_intro path="/organiser/showcases/new" />
                <div class="container editor">
                    <header class="dashboard-header"><h1>{m.organiser_new}</h1></header>
                    <ShowcaseFormCard id=None form=ShowcaseForm::default() />
                </div>
            }.into_any()
        })}
    }
    .into_any()
}

#[component]
pub fn EditShowcasePage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let params = use_params_map();
    let query_map = use_query_map();
    let change = ServerAction::<ChangeShowcase>::new();
    let curate = ServerAction::<CurateShowcase>::new();
    // The editor and the in-editor search load together (one resource: a
    // second one inside the page would not hydrate cleanly).
    let editor = Resource::new(
        move || {
            let id = params.read().get("id").and_then(|id| id.parse::<i64>().ok());
            let query = query_map.with(|q| editor_query(|key| q.get(key)));
            (id, query, change.version().get(), curate.version().get())
        },
        move |(id, query, _, _)| async move {
            let Some(id) = id else { return Err(AppError::NotFound) };
            let editor = get_showcase_editor(id, locale).await?;
            let found = if query.is_empty() { None } else { Some(find_listings(query, locale).await?) };
            let leads = get_showcase_leads(id).await?;
            Ok((editor, found, leads))
        },
    );
    view! { {loaded(editor, move |(editor, found, leads)| view! { <EditorContent editor found leads change curate /> })} }.into_any()
}

#[component]
fn EditorContent(
    editor: ShowcaseEditor,
    found: Option<ListingResults>,
    leads: ShowcaseLeads,
    change: ServerAction<ChangeShowcase>,
    curate: ServerAction<CurateShowcase>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let error = submission_error(change);
    // The reader's language first, then the site's order of languages.
    let title = std::iter::once(i18n.locale)
        .chain(Locale::ALL)
        .find_map(|locale| editor.form.title.get(locale.code()).filter(|t| !t.is_empty()).cloned())
        .unwrap_or_default();
    let changes: Vec<(ShowcaseChange, &'static str)> = [
        (ShowcaseChange::Publish, m.showcase_change_publish),
        (ShowcaseChange::Unpublish, m.showcase_change_unpublish),
        (ShowcaseChange::Archive, m.showcase_change_archive),
    ]
    .into_iter()
    .filter(|(c, _)| editor.status.after(*c).is_some())
    .collect();
    let id = editor.id;
    view! {
        <PageMeta title=format!("{title} · {}", m.site_name) description=m.organiser_intro path=format!("/organiser/showcases/{id}") />
        <div class="container editor">
            <header class="dashboard-header">
                <div>
                    <p class="eyebrow"><a href=i18n.path("/organiser")>{m.organiser_title}</a></p>
                    <h1 dir="auto">{title}</h1>
                    <p>{status_tag(editor.status)}</p>
                </div>
                <div class="dashboard-actions">
                    <a class="button button-secondary" href=i18n.path(&format!("/showcases/{}", editor.slug))>{m.organiser_view}</a>
                    <a class="button button-secondary" href=i18n.path(&format!("/showcases/{}/print", editor.slug))>{m.showcase_print}</a>
                    {changes.into_iter().map(|(c, label)| view! {
                        <ActionForm action=change>
                            <input type="hidden" name="id" value=id.to_string() />
                            <input type="hidden" name="change" value=c.slug() />
                            <input type="hidden" name="locale" value=i18n.locale.code() />
                            <button class=if c == ShowcaseChange::Publish { "button button-accent" } else { "button button-secondary" } type="submit">{label}</button>
                        </ActionForm>
                    }).collect_view()}
                </div>
            </header>
            <FlashNote flag="saved" text=m.organiser_saved />
            <FlashNote flag="changed" text=m.organiser_changed />
            <FormAlert error />
            {(editor.status == ShowcaseStatus::Draft).then(|| view! { <p class="notice">{m.organiser_draft_hint}</p> })}
            <CoverPhoto id cover=editor.cover.clone() />
            <Curation id exhibitors=editor.exhibitors.clone() found action=curate />
            <Leads leads />
            <section class="section" aria-labelledby="details-title">
                <h2 id="details-title">{m.organiser_details}</h2>
                <ShowcaseFormCard id=Some(id) form=editor.form.clone() />
            </section>
        </div>
    }
}

/// The cover photo: shown, and replaced through the photo pipeline (a
/// plain multipart form, so it works without script).
#[component]
fn CoverPhoto(id: i64, cover: Option<crate::domain::PhotoRef>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let query = use_query_map();
    let upload_error = move || {
        query
            .with(|q| q.get("upload_error"))
            .map(|code| m.get(&format!("upload.{code}")).unwrap_or(m.form_try_again).to_owned())
    };
    view! {
        <section class="section" id="cover" aria-labelledby="cover-title">
            <h2 id="cover-title">{m.organiser_cover}</h2>
            <FlashNote flag="cover" text=m.organiser_cover_saved />
            {move || upload_error().map(|text| view! { <div class="form-alert" role="alert">{text}</div> })}
            {cover.map(|photo| view! {
                <div class="showcase-cover-preview">
                    <Photo photo=Some(photo) alt="" sizes="(min-width: 960px) 480px, 100vw" />
                </div>
            })}
            <form class="cover-form" method="post" action=format!("/api/showcases/{id}/cover") enctype="multipart/form-data">
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <div class="field">
                    <label for="cover-file">{m.organiser_cover_choose}</label>
                    <input id="cover-file" type="file" name="cover" accept="image/jpeg,image/png,image/webp" required />
                </div>
                <button class="button button-secondary" type="submit">{m.organiser_cover_upload}</button>
            </form>
        </section>
    }
}

/// The showcase's texts and event, as one form.
#[component]
fn ShowcaseFormCard(id: Option<i64>, form: ShowcaseForm) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let action = ServerAction::<SaveShowcase>::new();
    let error = submission_error(action);
    view! {
        <FormAlert error />
        <ActionForm action>
            <input type="hidden" name="locale" value=i18n.locale.code() />
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string() /> })}
            <section class="form-section">
                <p class="field-hint">{m.organiser_texts_hint}</p>
                <LanguageTextPanels
                    id_prefix="showcase-"
                    title_label=m.organiser_showcase_title
                    description_label=m.organiser_description
                    titles=form.title.clone()
                    descriptions=form.description.clone()
                    title_max=SHOWCASE_TITLE_MAX_CHARS
                    description_max=SHOWCASE_DESCRIPTION_MAX_CHARS
                    rows=4
                    error
                />
            </section>
            <section class="form-section">
                <TextField name="event_name" label=m.organiser_event_name value=form.event_name.clone() error required=true maxlength=EVENT_LINE_MAX_CHARS />
                <div class="field-row">
                    <TextField name="city" label=m.organiser_city value=form.city.clone() error required=true maxlength=CITY_MAX_CHARS />
                    <TextField name="venue" label=m.organiser_venue value=form.venue.clone() error maxlength=EVENT_LINE_MAX_CHARS />
                </div>
                <div class="field-row">
                    <TextField name="starts_on" label=m.organiser_starts_on value=form.starts_on.clone() error input_type="date" required=true maxlength=10 />
                    <TextField name="ends_on" label=m.organiser_ends_on value=form.ends_on.clone() error input_type="date" required=true maxlength=10 />
                </div>
                <TextField name="themes" label=m.organiser_themes value=form.themes.clone() error hint=m.organiser_themes_hint maxlength=400 />
                <TextField name="slug" label=m.organiser_slug value=form.slug.clone() error hint=m.organiser_slug_hint maxlength=80 />
            </section>
            <button class="button button-accent" type="submit">{m.organiser_save}</button>
        </ActionForm>
    }
}

/// What the showcase brought: visits and inquiries per exhibitor and per
/// buyers' world market. Counts only: no message, no buyer.
#[component]
fn Leads(leads: ShowcaseLeads) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    view! {
        <section class="section" aria-labelledby="leads-title">
            <h2 id="leads-title">{m.organiser_leads}</h2>
            <p class="muted">{m.organiser_leads_hint}</p>
            {leads.exhibitors.iter().all(|row| row.visits == 0 && row.inquiries == 0).then(|| view! {
                <p class="empty-state">{m.organiser_no_leads}</p>
            })}
            <div class="chart-pair">
                <table class="data-table">
                    <thead><tr><th scope="col">{m.organiser_exhibitor}</th><th scope="col">{m.organiser_visits}</th><th scope="col">{m.insights_inquiries}</th></tr></thead>
                    <tbody>
                        {leads.exhibitors.iter().map(|row| view! {
                            <tr><th scope="row" dir="auto">{row.name.clone()}</th><td>{i18n.count(row.visits)}</td><td>{i18n.count(row.inquiries)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <table class="data-table">
                    <thead><tr><th scope="col">{m.organiser_market}</th><th scope="col">{m.organiser_visits}</th><th scope="col">{m.insights_inquiries}</th></tr></thead>
                    <tbody>
                        {leads.markets.iter().map(|(market, tally)| view! {
                            <tr><th scope="row">{market.map_or(m.world_unknown, |r| r.name(m))}</th><td>{i18n.count(tally.views)}</td><td>{i18n.count(tally.inquiries)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
