//! The buyer's company profile: who is asking, from which country, for which
//! sectors. Inquiries go to the profile's country unless the buyer picks
//! another, and producers see the company's name and country.

use leptos::prelude::*;

use crate::api::inquiries::{SaveBuyerProfile, get_buyer_profile};
use crate::components::form_fields::{CheckboxGroup, SelectField, TextField};
use crate::components::{FlashNote, FormAlert, PageMeta, submission_error};
use crate::domain::{BuyerProfileForm, BuyerType, SPOKEN_LANGUAGES, Sector};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn BuyerProfilePage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let profile = Resource::new(|| (), |_| get_buyer_profile());
    view! { {loaded(profile, |form| view! { <BuyerProfileEditor form /> })} }.into_any()
}

#[component]
fn BuyerProfileEditor(form: BuyerProfileForm) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let action = ServerAction::<SaveBuyerProfile>::new();
    let error = submission_error(action);
    let countries = i18n.country_options();
    let types = BuyerType::ALL.iter().map(|t| (t.slug().to_owned(), t.name(m).to_owned())).collect();
    let sectors = Sector::ALL.iter().map(|s| (s.slug().to_owned(), s.name(m).to_owned())).collect();
    let languages = SPOKEN_LANGUAGES.iter().map(|(code, name)| ((*code).to_owned(), (*name).to_owned())).collect();
    view! {
        <PageMeta title=format!("{} · {}", m.buyer_profile_title, m.site_name) description=m.buyer_profile_intro path="/account/company" />
        <div class="container account-page">
            <section class="form-card form-card-wide">
                <h1>{m.buyer_profile_title}</h1>
                <p class="muted">{m.buyer_profile_intro}</p>
                <FlashNote flag="saved" text=m.buyer_profile_saved />
                <FormAlert error />
                <ActionForm action>
                    <input type="hidden" name="locale" value=i18n.locale.code() />
                    <TextField name="company_name" label=m.buyer_profile_company value=form.company_name error required=true maxlength=200 />
                    <div class="field-row">
                        <SelectField name="country" label=m.buyer_profile_country options=countries value=form.country error empty=m.inquiry_choose required=true />
                        <TextField name="city" label=m.buyer_profile_city value=form.city error required=true maxlength=100 />
                    </div>
                    <SelectField name="buyer_type" label=m.buyer_profile_type options=types value=form.buyer_type error empty=m.inquiry_choose required=true />
                    <CheckboxGroup name="sectors" legend=m.buyer_profile_sectors options=sectors checked=form.sectors error />
                    <CheckboxGroup name="languages" legend=m.buyer_profile_languages options=languages checked=form.languages error />
                    <div class="field-row">
                        <TextField name="phone" label=m.buyer_profile_phone value=form.phone error input_type="tel" maxlength=40 hint=m.inquiry_optional />
                        <TextField name="website" label=m.buyer_profile_website value=form.website error input_type="url" maxlength=300 hint=m.inquiry_optional />
                    </div>
                    <button class="button" type="submit" aria-busy=move || action.pending().get().to_string()>{m.buyer_profile_save}</button>
                </ActionForm>
            </section>
        </div>
    }
}
