//! The listing form: texts per language (at least one of French, English,
//! Arabic), product, order and price terms, logistics and quality. Used to
//! create a listing and to edit one.

use leptos::prelude::*;

use crate::api::studio::SaveListing;
use crate::components::form_fields::{CheckboxGroup, SelectField, TextField};
use crate::components::{FieldError, FormAlert, LanguageTextPanels, submission_error};
use crate::domain::{
    Certification, Currency, Incoterm, LISTING_DESCRIPTION_MAX_CHARS, ListingForm, OriginLabel, Region, Sector,
    TITLE_MAX_CHARS, Unit,
};
use crate::i18n::use_i18n;

/// Main Moroccan ports of loading, offered as suggestions.
const PORTS: [&str; 9] =
    ["Tanger Med", "Casablanca", "Agadir", "Nador West Med", "Jorf Lasfar", "Safi", "Mohammedia", "Dakhla", "Laâyoune"];

#[component]
pub fn ListingFormView(id: Option<i64>, form: ListingForm) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let action = ServerAction::<SaveListing>::new();
    let error = submission_error(action);
    let options = |values: Vec<(String, String)>| values;
    let sectors = options(Sector::ALL.iter().map(|s| (s.slug().to_owned(), s.name(m).to_owned())).collect());
    let regions = options(Region::ALL.iter().map(|r| (r.slug().to_owned(), r.name(m).to_owned())).collect());
    let units = options(Unit::ALL.iter().map(|u| (u.slug().to_owned(), u.name(m).to_owned())).collect());
    let currencies = options(Currency::ALL.iter().map(|c| (c.slug().to_owned(), c.slug().to_owned())).collect());
    let incoterms =
        options(Incoterm::ALL.iter().map(|i| (i.slug().to_owned(), format!("{} · {}", i.slug(), i.name(m)))).collect());
    let certifications =
        options(Certification::ALL.iter().map(|c| (c.slug().to_owned(), c.name(m).to_owned())).collect());
    let labels = options(
        OriginLabel::ALL
            .iter()
            .map(|l| (l.slug().to_owned(), format!("{} ({})", l.name(m), l.region().name(m))))
            .collect(),
    );
    let on_request = form.price_mode != "range";
    view! {
        <FormAlert error />
        <ActionForm action>
            <input type="hidden" name="locale" value=i18n.locale.code() />
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string() /> })}
            <section class="form-section">
                <h2>{m.editor_section_texts}</h2>
                <p class="field-hint">{m.editor_texts_hint}</p>
                <LanguageTextPanels
                    title_label=m.editor_title
                    description_label=m.listing_description
                    titles=form.title.clone()
                    descriptions=form.description.clone()
                    title_max=TITLE_MAX_CHARS
                    description_max=LISTING_DESCRIPTION_MAX_CHARS
                    rows=6
                    error
                />
            </section>
            <section class="form-section">
                <h2>{m.editor_section_product}</h2>
                <div class="field-row">
                    <SelectField name="sector" label=m.listing_sector options=sectors value=form.sector.clone() error empty=m.form_choose required=true />
                    <TextField name="subsector" label=m.editor_subsector value=form.subsector.clone() error hint=m.editor_subsector_hint maxlength=80 />
                </div>
                <div class="field-row">
                    <TextField name="hs_code" label=m.listing_hs_code value=form.hs_code.clone() error hint=m.editor_hs_hint inputmode="numeric" maxlength=7 />
                    <SelectField name="origin_region" label=m.listing_origin_region options=regions value=form.origin_region.clone() error empty=m.editor_origin_default />
                </div>
            </section>
            <section class="form-section">
                <h2>{m.editor_section_terms}</h2>
                <div class="field-row">
                    <TextField name="moq_amount" label=m.listing_moq value=form.moq_amount.clone() error inputmode="numeric" maxlength=13 />
                    <SelectField name="moq_unit" label=m.editor_unit options=units.clone() value=form.moq_unit.clone() error empty=m.form_choose />
                </div>
                <fieldset class="field">
                    <legend>{m.listing_price}</legend>
                    <div class="choice-row">
                        <label class="checkbox"><input type="radio" name="form[price_mode]" value="on_request" checked=on_request /><span>{m.listing_price_on_request}</span></label>
                        <label class="checkbox"><input type="radio" name="form[price_mode]" value="range" checked=!on_request /><span>{m.editor_price_range}</span></label>
                    </div>
                    <FieldError error field="price_mode" />
                </fieldset>
                <div class="field-row field-row-3">
                    <TextField name="price_min" label=m.editor_price_min value=form.price_min.clone() error inputmode="decimal" maxlength=14 />
                    <TextField name="price_max" label=m.editor_price_max value=form.price_max.clone() error inputmode="decimal" maxlength=14 />
                    <SelectField name="currency" label=m.editor_currency options=currencies value=form.currency.clone() error empty=m.form_choose />
                </div>
                <p class="field-hint">{m.editor_price_hint}</p>
            </section>
            <section class="form-section">
                <h2>{m.editor_section_logistics}</h2>
                <CheckboxGroup name="incoterms" legend=m.listing_incoterms options=incoterms checked=form.incoterms.clone() error />
                <div class="field-row">
                    <TextField name="port_of_loading" label=m.listing_port_of_loading value=form.port_of_loading.clone() error list="ports" maxlength=120 />
                    <TextField name="lead_time_days" label=m.editor_lead_time value=form.lead_time_days.clone() error inputmode="numeric" maxlength=3 />
                </div>
                <datalist id="ports">{PORTS.iter().map(|port| view! { <option value=*port></option> }).collect_view()}</datalist>
                <div class="field-row">
                    <TextField name="capacity_amount" label=m.listing_capacity value=form.capacity_amount.clone() error inputmode="numeric" maxlength=13 />
                    <SelectField name="capacity_unit" label=m.editor_unit options=units value=form.capacity_unit.clone() error empty=m.form_choose />
                </div>
            </section>
            <section class="form-section">
                <h2>{m.editor_section_quality}</h2>
                <CheckboxGroup name="certifications" legend=m.listing_certifications options=certifications checked=form.certifications.clone() error />
                <CheckboxGroup name="origin_labels" legend=m.listing_origin_labels options=labels checked=form.origin_labels.clone() error hint=m.editor_labels_hint />
            </section>
            <div class="form-actions">
                <button class="button button-accent" type="submit" aria-busy=move || action.pending().get().to_string()>
                    {if id.is_some() { m.editor_save } else { m.editor_create }}
                </button>
            </div>
        </ActionForm>
    }
}
