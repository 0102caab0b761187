//! "Contact the supplier": the inquiry form of a listing, or of a producer
//! from its page (the buyer then names the product). A visitor who is
//! not signed in fills in a buyer account in the same form (new account,
//! or the password of an existing one), so nothing typed is lost; the
//! conversation opens once sent.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::accounts::get_viewer;
use crate::api::inquiries::{SendInquiry, get_inquiry_start};
use crate::components::form_fields::{SelectField, TextField};
use crate::components::{FieldError, FormAlert, ListingCard, PageMeta, ProducerCard, TextArea, submission_error};
use crate::domain::{
    AppError, Incoterm, InquiryAbout, InquiryStart, MESSAGE_MAX_CHARS, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS,
    PRODUCT_MAX_CHARS, Viewer,
};
use crate::i18n::{fill, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, listing_id, loaded};

#[component]
pub fn InquiryPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let params = use_params_map();
    let start = Resource::new(
        move || {
            let params = params.read();
            match params.get("listing") {
                Some(segment) => listing_id(&segment).map(InquiryAbout::Listing),
                None => params.get("producer").map(InquiryAbout::Producer),
            }
        },
        move |about| async move {
            let start = match about {
                Some(InquiryAbout::Listing(id)) => get_inquiry_start(Some(id), None, locale).await?,
                Some(InquiryAbout::Producer(slug)) => get_inquiry_start(None, Some(slug), locale).await?,
                None => return Err(AppError::NotFound),
            };
            Ok((start, get_viewer().await?))
        },
    );
    view! { {loaded(start, |(start, viewer)| view! { <InquiryForm start viewer /> })} }.into_any()
}

#[component]
fn InquiryForm(start: InquiryStart, viewer: Option<Viewer>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let action = ServerAction::<SendInquiry>::new();
    let error = submission_error(action);
    let producer = start.producer;
    let listing = start.listing;
    let about = match &listing {
        Some(card) => InquiryAbout::Listing(card.id),
        None => InquiryAbout::Producer(producer.slug.clone()),
    };
    let title = listing.as_ref().map(|card| card.title.text.clone()).unwrap_or_default();
    let units = super::unit_options(m);
    let currencies = super::currency_options();
    let incoterms = Incoterm::ALL
        .iter()
        .map(|term| (term.slug().to_owned(), format!("{} · {}", term.slug(), term.name(m))))
        .collect();
    let countries = i18n.country_options();
    // The listing's minimum order: said beside the quantity (a smaller one
    // is still sent; the conversation then notes it for both sides).
    let moq = listing.as_ref().and_then(|card| card.moq.as_ref());
    let moq_unit = moq.map(|q| q.unit.slug().to_owned()).unwrap_or_default();
    let moq_hint =
        moq.map(|q| fill(m.inquiry_moq_hint, &[("moq", &format!("{} {}", i18n.count(q.amount), q.unit.name(m)))]));
    let destination = start.default_destination.map(|c| c.as_str().to_owned()).unwrap_or_default();
    let showcase = crate::pages::from_showcase();
    let signed_in_as_other_role = viewer.as_ref().is_some_and(|v| v.role != crate::domain::Role::Buyer);
    view! {
        <PageMeta
            title=format!("{} · {} · {}", m.inquiry_title, if title.is_empty() { &producer.name } else { &title }, m.site_name)
            description=m.inquiry_intro
            path=about.form_path()
        />
        <div class="container inquiry-page">
            <header class="page-header">
                <p class="eyebrow">{producer.name.clone()}</p>
                <h1>{m.inquiry_title}</h1>
                <p class="muted">{m.inquiry_intro}</p>
            </header>
            <div class="inquiry-layout">
                <aside class="inquiry-listing" aria-labelledby="inquiry-about">
                    <h2 id="inquiry-about" class="visually-hidden">{m.inquiry_about_heading}</h2>
                    {match listing.clone() {
                        Some(card) => view! { <ListingCard card /> }.into_any(),
                        None => view! { <ProducerCard card=producer.clone() /> }.into_any(),
                    }}
                </aside>
                <section class="form-card">
                    <FormAlert error />
                    {signed_in_as_other_role.then(|| view! { <p class="form-alert" role="alert">{m.invalid_inquiry_buyers_only}</p> })}
                    <ActionForm action>
                        <input type="hidden" name="locale" value=i18n.locale.code() />
                        {(!showcase.is_empty()).then(|| view! { <input type="hidden" name="showcase" value=showcase.trim_start_matches("?showcase=").to_owned() /> })}
                        {match &about {
                            InquiryAbout::Listing(id) => view! { <input type="hidden" name="listing" value=id.to_string() /> }.into_any(),
                            InquiryAbout::Producer(slug) => view! { <input type="hidden" name="producer" value=slug.clone() /> }.into_any(),
                        }}
                        <TextField name="product" label=m.inquiry_product value=title.clone() error required=true maxlength=PRODUCT_MAX_CHARS />
                        <div class="field-row">
                            <TextField name="quantity_amount" label=m.inquiry_quantity value="" error inputmode="numeric" maxlength=12 />
                            <SelectField name="quantity_unit" label=m.inquiry_unit options=units value=moq_unit error empty=m.inquiry_choose />
                        </div>
                        {moq_hint.map(|hint| view! { <p class="hint inquiry-moq">{hint}</p> })}
                        <div class="field-row">
                            <TextField name="target_price" label=m.inquiry_target_price value="" error inputmode="decimal" maxlength=16 hint=m.inquiry_optional />
                            <SelectField name="currency" label=m.inquiry_currency options=currencies value="" error empty=m.inquiry_choose />
                        </div>
                        <div class="field-row">
                            <SelectField name="incoterm" label=m.inquiry_incoterm options=incoterms value="" error empty=m.inquiry_choose />
                            <SelectField name="destination_country" label=m.inquiry_destination options=countries value=destination error empty=m.inquiry_choose />
                        </div>
                        <TextField name="wanted_by" label=m.inquiry_wanted_by value="" error input_type="date" maxlength=10 hint=m.inquiry_optional />
                        <div class="field">
                            <label for="field-message">{m.inquiry_message}</label>
                            <TextArea id="field-message" name="form[message]" value="" rows=6 max_chars=MESSAGE_MAX_CHARS />
                            <p class="field-hint">{m.inquiry_message_hint}</p>
                            <FieldError error field="message" />
                        </div>
                        {viewer.is_none().then(|| view! { <InlineAccountFields error /> })}
                        <button class="button button-accent" type="submit" aria-busy=move || action.pending().get().to_string()>
                            {m.inquiry_send}
                        </button>
                    </ActionForm>
                </section>
            </div>
        </div>
    }
}

/// The buyer account of a visitor who is not signed in: a new one, or the
/// password of an existing one.
#[component]
fn InlineAccountFields(error: Signal<Option<AppError>>) -> impl IntoView {
    let m = use_i18n().messages;
    view! {
        <fieldset class="field inline-account">
            <legend>{m.inquiry_account}</legend>
            <p class="field-hint">{m.inquiry_account_hint}</p>
            <div class="choice-cards">
                <label class="choice-card">
                    <input type="radio" name="account[mode]" value="sign-up" checked=true />
                    <span><strong>{m.inquiry_account_new}</strong></span>
                </label>
                <label class="choice-card">
                    <input type="radio" name="account[mode]" value="sign-in" />
                    <span><strong>{m.inquiry_account_existing}</strong></span>
                </label>
            </div>
            <FieldError error field="account_mode" />
            <div class="field">
                <label for="account-name">{m.account_display_name}</label>
                <input id="account-name" name="account[display_name]" autocomplete="name" maxlength="120" />
                <p class="field-hint">{m.inquiry_account_name_hint}</p>
                <FieldError error field="display_name" />
            </div>
            <div class="field">
                <label for="account-email">{m.account_email}</label>
                <input id="account-email" name="account[email]" type="email" autocomplete="email" required maxlength="254" />
                <FieldError error field="email" />
            </div>
            <div class="field">
                <label for="account-password">{m.account_password}</label>
                <input id="account-password" name="account[password]" type="password" autocomplete="current-password" required
                    minlength=PASSWORD_MIN_CHARS.to_string() maxlength=PASSWORD_MAX_CHARS.to_string() />
                <p class="field-hint">{m.account_password_hint}</p>
                <FieldError error field="password" />
                <FieldError error field="credentials" />
            </div>
        </fieldset>
    }
}
