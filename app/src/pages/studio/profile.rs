//! The company profile form: identity (legal name, ICE, legal form), place,
//! sectors, size and export experience, languages, certifications with their
//! validity and a description per language. Saving creates the public
//! producer page on first save.

use leptos::prelude::*;

use crate::api::studio::{SaveProfile, get_profile_editor};
use crate::components::form_fields::{CheckboxGroup, SelectField, TextField};
use crate::components::{FieldError, FlashNote, FormAlert, Logo, PageMeta, TextArea, submission_error};
use crate::domain::{
    Certification, DESCRIPTION_MAX_CHARS as PROFILE_DESCRIPTION_MAX_CHARS, LegalForm, Locale, ProfileEditor, Region,
    SPOKEN_LANGUAGES, Sector, SizeBand,
};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid, loaded};
use leptos_router::hooks::use_query_map;

#[component]
pub fn ProfilePage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let editor = Resource::new(|| (), |_| get_profile_editor());
    view! { {loaded(editor, |editor| view! { <ProfileContent editor /> })} }.into_any()
}

#[component]
fn ProfileContent(editor: ProfileEditor) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let action = ServerAction::<SaveProfile>::new();
    let error = submission_error(action);
    let form = editor.form.clone();
    let sectors = Sector::ALL.iter().map(|s| (s.slug().to_owned(), s.name(m).to_owned())).collect::<Vec<_>>();
    let regions = Region::ALL.iter().map(|r| (r.slug().to_owned(), r.name(m).to_owned())).collect::<Vec<_>>();
    let forms = LegalForm::ALL.iter().map(|f| (f.slug().to_owned(), f.name(m).to_owned())).collect::<Vec<_>>();
    let sizes = SizeBand::ALL.iter().map(|s| (s.slug().to_owned(), s.name(m).to_owned())).collect::<Vec<_>>();
    let languages =
        SPOKEN_LANGUAGES.iter().map(|(code, name)| ((*code).to_owned(), (*name).to_owned())).collect::<Vec<_>>();
    view! {
        <PageMeta title=format!("{} · {}", m.profile_title, m.site_name) description=m.profile_intro path="/dashboard/profile" />
        <div class="container editor-page">
            <nav class="breadcrumb"><a href=i18n.path("/dashboard")>{m.dashboard_title}</a></nav>
            <header class="editor-header">
                <h1>{m.profile_title}</h1>
                <p class="muted">{m.profile_intro}</p>
                {editor.slug.clone().map(|slug| view! {
                    <a class="button button-secondary" href=i18n.path(&format!("/producers/{slug}"))>{m.dashboard_view_profile}</a>
                })}
            </header>
            <FlashNote flag="saved" text=m.profile_saved />
            {editor.slug.is_some().then(|| view! { <LogoSection current=editor.logo_url.clone() name=form.trade_name.clone() /> })}
            <FormAlert error />
            <ActionForm action>
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <section class="form-section">
                    <h2>{m.profile_section_identity}</h2>
                    {if editor.legal_locked {
                        // A manager sees the legal identity and sends it back unchanged.
                        let legal_form = crate::domain::LegalForm::from_slug(&form.legal_form).map(|f| f.name(m)).unwrap_or_default();
                        view! {
                            <p class="notice">{m.team_legal_locked}</p>
                            <dl class="facts">
                                <div class="fact"><dt>{m.profile_legal_name}</dt><dd dir="auto">{form.legal_name.clone()}</dd></div>
                                <div class="fact"><dt>{m.profile_ice}</dt><dd dir="ltr">{form.ice.clone()}</dd></div>
                                <div class="fact"><dt>{m.producer_legal_form}</dt><dd>{legal_form}</dd></div>
                            </dl>
                            <input type="hidden" name="form[legal_name]" value=form.legal_name.clone() />
                            <input type="hidden" name="form[ice]" value=form.ice.clone() />
                            <input type="hidden" name="form[legal_form]" value=form.legal_form.clone() />
                            <div class="field-row">
                                <TextField name="trade_name" label=m.profile_trade_name value=form.trade_name.clone() error hint=m.profile_trade_name_hint />
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            <div class="field-row">
                                <TextField name="legal_name" label=m.profile_legal_name value=form.legal_name.clone() error required=true />
                                <TextField name="trade_name" label=m.profile_trade_name value=form.trade_name.clone() error hint=m.profile_trade_name_hint />
                            </div>
                            <div class="field-row">
                                <TextField name="ice" label=m.profile_ice value=form.ice.clone() error hint=m.profile_ice_hint inputmode="numeric" maxlength=19 />
                                <SelectField name="legal_form" label=m.producer_legal_form options=forms.clone() value=form.legal_form.clone() error empty=m.form_choose required=true />
                            </div>
                        }.into_any()
                    }}
                    <div class="field-row">
                        <SelectField name="region" label=m.profile_region options=regions value=form.region.clone() error empty=m.form_choose required=true />
                        <TextField name="city" label=m.profile_city value=form.city.clone() error required=true maxlength=120 />
                    </div>
                    <TextField name="website" label=m.profile_website value=form.website.clone() error input_type="url" hint=m.profile_website_hint maxlength=255 />
                </section>
                <section class="form-section">
                    <h2>{m.profile_section_trade}</h2>
                    <CheckboxGroup name="sectors" legend=m.profile_sectors options=sectors checked=form.sectors.clone() error />
                    <div class="field-row">
                        <TextField name="year_founded" label=m.producer_founded value=form.year_founded.clone() error inputmode="numeric" maxlength=4 />
                        <SelectField name="size_band" label=m.producer_size options=sizes value=form.size_band.clone() error empty=m.form_not_said />
                    </div>
                    <div class="field-row">
                        <TextField name="export_since_year" label=m.profile_export_since value=form.export_since_year.clone() error inputmode="numeric" maxlength=4 hint=m.profile_export_since_hint />
                        <TextField name="export_markets" label=m.producer_markets value=form.export_markets.clone() error hint=m.profile_markets_hint maxlength=400 />
                    </div>
                    <CheckboxGroup name="languages" legend=m.producer_languages options=languages checked=form.languages.clone() error />
                </section>
                <section class="form-section">
                    <h2>{m.producer_certifications}</h2>
                    <p class="field-hint">{m.profile_certifications_hint}</p>
                    <div class="certification-rows">
                        {Certification::ALL.iter().map(|cert| {
                            let slug = cert.slug();
                            let checked = form.certifications.contains_key(slug);
                            let until = form.certification_until.get(slug).cloned().unwrap_or_default();
                            let date_id = format!("until-{slug}");
                            view! {
                                <div class="certification-row">
                                    <label class="checkbox">
                                        <input type="checkbox" name=format!("form[certifications][{slug}]") value="on" checked=checked />
                                        <span>{cert.name(m)}</span>
                                    </label>
                                    <label class="visually-hidden" for=date_id.clone()>{format!("{} · {}", cert.name(m), m.profile_valid_until)}</label>
                                    <input id=date_id type="date" name=format!("form[certification_until][{slug}]") value=until />
                                </div>
                            }
                        }).collect_view()}
                    </div>
                    <FieldError error field="certifications" />
                </section>
                <section class="form-section">
                    <h2>{m.profile_section_description}</h2>
                    <p class="field-hint">{m.profile_description_hint}</p>
                    {Locale::ALL.into_iter().map(|locale| {
                        let id = format!("description-{}", locale.code());
                        let value = form.description.get(locale.code()).cloned().unwrap_or_default();
                        view! {
                            <div class="field">
                                <label for=id.clone()>{i18n.language_name(locale)}</label>
                                <TextArea id=id name=format!("form[description][{}]", locale.code()) rows=5 max_chars=PROFILE_DESCRIPTION_MAX_CHARS
                                    lang=locale.code() dir=locale.dir() value />
                            </div>
                        }
                    }).collect_view()}
                    <FieldError error field="description" />
                </section>
                <div class="form-actions">
                    <button class="button button-accent" type="submit" aria-busy=move || action.pending().get().to_string()>
                        {m.profile_save}
                    </button>
                </div>
            </ActionForm>
        </div>
    }
}

/// The logo: the current one and a plain multipart form to replace it (its
/// own form: forms cannot nest inside the profile form).
#[component]
fn LogoSection(current: Option<String>, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let query = use_query_map();
    let refusal = move || {
        query.with(|q| q.get("upload_error")).map(|code| m.get(&format!("upload.{code}")).unwrap_or(m.form_try_again))
    };
    view! {
        <section class="form-section logo-section" id="logo" aria-labelledby="logo-title">
            <h2 id="logo-title">{m.profile_logo}</h2>
            {move || refusal().map(|text| view! { <div class="form-alert" role="alert">{text}</div> })}
            <FlashNote flag="logo" text=m.profile_logo_saved />
            <div class="logo-row">
                {match current {
                    Some(base) => view! { <Logo base alt=format!("{name} logo") /> }.into_any(),
                    None => view! { <div class="logo logo-empty" aria-hidden="true"></div> }.into_any(),
                }}
                <form class="upload-form" method="post" enctype="multipart/form-data" action="/api/profile/logo">
                    <input type="hidden" name="locale" value=i18n.locale.code() />
                    <label for="logo-file">{m.profile_logo_hint}</label>
                    <input id="logo-file" type="file" name="logo" accept="image/jpeg,image/png,image/webp" required />
                    <button class="button" type="submit">{m.photos_upload}</button>
                </form>
            </div>
        </section>
    }
}
