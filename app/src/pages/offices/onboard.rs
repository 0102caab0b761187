//! `/{lang}/admin/producers/new`: an office puts a cooperative that has no
//! account yet on Trade.ma. The form asks for what a producer needs to
//! exist (names, legal form, region, city, sectors); the office then
//! completes its profile, listings and photos through the producer's own
//! workspace, and invites the cooperative to claim it.

use leptos::prelude::*;

use super::AdminNav;
use crate::api::offices::{OnboardProducer, get_office};
use crate::components::{FieldError, FormAlert, PageMeta, submission_error};
use crate::domain::{LegalForm, Office, Region, Sector};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn OnboardPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let office = Resource::new(|| (), |_| get_office());
    view! { {loaded(office, |office| view! { <OnboardContent office /> })} }.into_any()
}

#[component]
fn OnboardContent(office: Office) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let action = ServerAction::<OnboardProducer>::new();
    let error = submission_error(action);
    let regions: Vec<Region> = Region::ALL.iter().copied().filter(|region| office.covers(*region)).collect();
    view! {
        <PageMeta title=format!("{} · {}", m.onboard_title, m.site_name) description=m.onboard_intro path="/admin/producers/new" />
        <div class="container dashboard admin-page">
            <AdminNav office current="/admin/producers" />
            <header class="dashboard-header">
                <div>
                    <h1>{m.onboard_title}</h1>
                    <p class="muted">{m.onboard_intro}</p>
                </div>
            </header>
            <FormAlert error />
            <ActionForm action attr:class="form-card form-card-wide">
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <div class="field">
                    <label for="onboard-legal-name">{m.profile_legal_name}</label>
                    <input id="onboard-legal-name" name="form[legal_name]" required maxlength="200" dir="auto" />
                    <FieldError error field="legal_name" />
                </div>
                <div class="field">
                    <label for="onboard-trade-name">{m.profile_trade_name}</label>
                    <input id="onboard-trade-name" name="form[trade_name]" maxlength="200" dir="auto" />
                </div>
                <div class="field">
                    <label for="onboard-form">{m.onboard_legal_form}</label>
                    <select id="onboard-form" name="form[legal_form]">
                        {LegalForm::ALL.iter().map(|form| view! {
                            <option value=form.slug() selected=*form == LegalForm::Cooperative>{form.name(m)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="onboard-region">{m.profile_region}</label>
                    <select id="onboard-region" name="form[region]">
                        {regions.into_iter().map(|region| view! { <option value=region.slug()>{region.name(m)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="onboard-city">{m.profile_city}</label>
                    <input id="onboard-city" name="form[city]" required maxlength="120" dir="auto" />
                    <FieldError error field="city" />
                </div>
                <fieldset class="field">
                    <legend>{m.profile_sectors}</legend>
                    <div class="checkbox-grid">
                        {Sector::ALL.iter().map(|sector| view! {
                            <label class="checkbox">
                                <input type="checkbox" name=format!("form[sectors][{}]", sector.slug()) />
                                {sector.name(m)}
                            </label>
                        }).collect_view()}
                    </div>
                    <FieldError error field="sectors" />
                </fieldset>
                <div class="form-actions">
                    <button class="button button-accent" type="submit">{m.onboard_create}</button>
                </div>
            </ActionForm>
        </div>
    }
}
