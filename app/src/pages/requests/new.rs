//! `/{lang}/requests/new`: a buyer posts what it needs once. The form is
//! checked by `RequestForm::validate` on the server (the same code the
//! browser carries); a refused field keeps everything typed and says what
//! to change. Anyone but a signed-in buyer is told how to become one.

use leptos::prelude::*;

use crate::api::accounts::get_viewer;
use crate::api::requests::{PostRequest, get_default_destination};
use crate::components::form_fields::{CheckboxGroup, SelectField, TextField};
use crate::components::{FieldError, FormAlert, PageMeta, TextArea, submission_error};
use crate::domain::{
    Certification, Incoterm, OriginLabel, REQUEST_DETAILS_MAX_CHARS, REQUEST_PRODUCT_MAX_CHARS, RequestVisibility,
    Role, Sector, Viewer,
};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn NewRequestPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let viewer = Resource::new(
        || (),
        |_| async { Ok::<_, crate::domain::AppError>((get_viewer().await?, get_default_destination().await?)) },
    );
    view! { {loaded(viewer, |(viewer, destination)| view! { <NewRequest viewer destination /> })} }.into_any()
}

#[component]
fn NewRequest(viewer: Option<Viewer>, destination: Option<crate::domain::CountryCode>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let body = match viewer {
        Some(viewer) if viewer.role == Role::Buyer => view! { <RequestFormCard destination /> }.into_any(),
        Some(_) => view! { <p class="form-alert" role="alert">{m.requests_buyers_only}</p> }.into_any(),
        None => {
            let next = i18n.path("/requests/new");
            view! {
                <div class="form-card">
                    <p>{m.requests_buyers_only}</p>
                    <p class="status-actions">
                        <a class="button button-accent" href=format!("{}?next={}", i18n.path("/account/sign-in"), crate::pages::query_escape(&next))>{m.requests_sign_in_to_post}</a>
                        <a class="button" href=i18n.path("/account/sign-up")>{m.requests_sign_up_to_post}</a>
                    </p>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <PageMeta title=format!("{} · {}", m.requests_new_title, m.site_name) description=m.requests_post_hint path="/requests/new".to_owned() />
        <div class="container request-new-page">
            <header class="page-header">
                <p class="eyebrow"><a href=i18n.path("/requests")>{m.requests_title}</a></p>
                <h1>{m.requests_new_title}</h1>
                <p class="muted">{m.requests_new_intro}</p>
            </header>
            {body}
        </div>
    }
}

#[component]
fn RequestFormCard(destination: Option<crate::domain::CountryCode>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let action = ServerAction::<PostRequest>::new();
    let error = submission_error(action);
    // From an empty search: the product the buyer looked for.
    let product = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("product"))
        .map(|text| text.chars().take(REQUEST_PRODUCT_MAX_CHARS).collect::<String>())
        .unwrap_or_default();
    let sectors = Sector::ALL.iter().map(|s| (s.slug().to_owned(), s.name(m).to_owned())).collect();
    let units = crate::domain::Unit::ALL.iter().map(|u| (u.slug().to_owned(), u.name(m).to_owned())).collect();
    let currencies = crate::domain::Currency::ALL.iter().map(|c| (c.slug().to_owned(), c.slug().to_owned())).collect();
    let incoterms =
        Incoterm::ALL.iter().map(|t| (t.slug().to_owned(), format!("{} · {}", t.slug(), t.name(m)))).collect();
    let certifications = Certification::ALL.iter().map(|c| (c.slug().to_owned(), c.name(m).to_owned())).collect();
    let labels = OriginLabel::ALL.iter().map(|l| (l.slug().to_owned(), l.name(m).to_owned())).collect();
    view! {
        <section class="form-card">
            <FormAlert error />
            <ActionForm action>
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <TextField name="product" label=m.requests_product value=product error required=true maxlength=REQUEST_PRODUCT_MAX_CHARS hint=m.requests_product_hint />
                <div class="field-row">
                    <SelectField name="sector" label=m.requests_sector options=sectors value="" error empty=m.inquiry_choose required=true />
                    <TextField name="hs_code" label=m.requests_hs_code value="" error inputmode="decimal" maxlength=9 hint=m.requests_hs_code_hint />
                </div>
                <div class="field-row">
                    <TextField name="quantity_amount" label=m.requests_quantity value="" error required=true inputmode="numeric" maxlength=13 />
                    <SelectField name="quantity_unit" label=m.requests_unit options=units value="" error empty=m.inquiry_choose required=true />
                </div>
                <div class="field-row">
                    <TextField name="target_price" label=m.requests_target_price value="" error inputmode="decimal" maxlength=16 hint=m.inquiry_optional />
                    <SelectField name="currency" label=m.requests_currency options=currencies value="" error empty=m.inquiry_choose />
                </div>
                <div class="field-row">
                    <SelectField name="incoterm" label=m.requests_incoterm options=incoterms value="" error empty=m.inquiry_choose />
                    <SelectField name="destination_country" label=m.requests_destination_country options=i18n.country_options() value=destination.map(|c| c.as_str().to_owned()).unwrap_or_default() error empty=m.inquiry_choose required=true />
                </div>
                <CheckboxGroup name="certifications" legend=m.requests_certifications options=certifications checked=Default::default() error />
                <CheckboxGroup name="origin_labels" legend=m.requests_labels options=labels checked=Default::default() error />
                <div class="field-row">
                    <TextField name="wanted_by" label=m.requests_wanted_by value="" error input_type="date" maxlength=10 hint=m.requests_wanted_by_hint />
                    <TextField name="deadline" label=m.requests_deadline value="" error input_type="date" maxlength=10 hint=m.requests_deadline_hint />
                </div>
                <fieldset class="field">
                    <legend>{m.requests_visibility}</legend>
                    <div class="choice-cards">
                        {RequestVisibility::ALL.iter().map(|visibility| view! {
                            <label class="choice-card">
                                <input type="radio" name="form[visibility]" value=visibility.slug() checked=*visibility == RequestVisibility::Public />
                                <span>{visibility.name(m)}</span>
                            </label>
                        }).collect_view()}
                    </div>
                    <FieldError error field="visibility" />
                </fieldset>
                <div class="field">
                    <label for="field-details">{m.requests_details}</label>
                    <TextArea id="field-details" name="form[details]" value="" rows=5 max_chars=REQUEST_DETAILS_MAX_CHARS />
                    <p class="field-hint">{m.requests_details_hint}</p>
                    <FieldError error field="details" />
                </div>
                <button class="button button-accent" type="submit" aria-busy=move || action.pending().get().to_string()>
                    {m.requests_submit}
                </button>
            </ActionForm>
        </section>
    }
}
