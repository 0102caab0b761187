//! `/{lang}/admin/documents`: the documents destinations usually ask for,
//! as rules by HS range × destination (a country, an agreement's members,
//! or anywhere), each with its source, the day it was checked and a note.
//! Every office reads them; the national team adds, changes and removes
//! them (each change in the audit log). Plain form posts.

use leptos::prelude::*;

use super::AdminNav;
use crate::api::documents::{SaveDocumentRule, get_document_rules};
use crate::components::form_fields::{SelectField, TextField};
use crate::components::{FieldError, FlashNote, FormAlert, PageMeta, TextArea, submission_error};
use crate::domain::{
    AppError, DocumentRule, ExportDocument, Office, RULE_NOTE_MAX_CHARS, RuleDestination, TradeAgreement,
};
use crate::i18n::{I18n, fill, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn DocumentRulesPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let save = ServerAction::<SaveDocumentRule>::new();
    let rules = Resource::new(move || save.version().get(), |_| get_document_rules());
    view! { {loaded(rules, move |(rules, office)| view! { <RulesContent rules office save /> })} }.into_any()
}

/// A rule's destination as the reader reads it.
fn destination_name(i18n: I18n, destination: RuleDestination) -> String {
    let m = i18n.messages;
    match destination {
        RuleDestination::Any => m.documents_anywhere.to_owned(),
        RuleDestination::Country(country) => country.name(i18n.locale).to_owned(),
        RuleDestination::Agreement(agreement) => fill(m.documents_members_of, &[("agreement", agreement.name(m))]),
    }
}

fn destination_options(i18n: I18n) -> Vec<(String, String)> {
    let mut options = vec![(RuleDestination::Any.code(), i18n.messages.documents_anywhere.to_owned())];
    options.extend(TradeAgreement::ALL.iter().map(|agreement| {
        let destination = RuleDestination::Agreement(*agreement);
        (destination.code(), destination_name(i18n, destination))
    }));
    options.extend(
        i18n.country_options()
            .into_iter()
            .filter(|(code, _)| code != "MA")
            .map(|(code, name)| (format!("country:{code}"), name)),
    );
    options
}

#[component]
fn RulesContent(rules: Vec<DocumentRule>, office: Office, save: ServerAction<SaveDocumentRule>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let error = submission_error(save);
    let national = office == Office::National;
    // One form on the page (ids stay unique): a new rule, or `?edit=ID`.
    let editing = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("edit").and_then(|id| id.parse::<i64>().ok()))
        .and_then(|id| rules.iter().find(|rule| rule.id == id).cloned());
    let form_title = if editing.is_some() { m.documents_change } else { m.documents_add };
    view! {
        <PageMeta title=format!("{} · {}", m.documents_admin_title, m.site_name) description=m.documents_admin_intro path="/admin/documents".to_owned() />
        <div class="container dashboard admin-page">
            <AdminNav office current="/admin/documents" />
            <header class="dashboard-header">
                <div>
                    <h1>{m.documents_admin_title}</h1>
                    <p class="muted">{m.documents_admin_intro}</p>
                </div>
            </header>
            <FlashNote flag="saved" text=m.documents_saved />
            <FormAlert error />
            {if rules.is_empty() {
                view! { <p class="empty-state">{m.documents_admin_empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="document-list admin-rules">
                        {rules.into_iter().map(|rule| view! { <RuleRow rule national save /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {national.then(|| view! {
                <section class="form-section" id="rule-form" aria-labelledby="rule-form-title">
                    <h2 id="rule-form-title">{form_title}</h2>
                    <RuleForm rule=editing.clone() save error />
                </section>
            })}
        </div>
    }
}

#[component]
fn RuleRow(rule: DocumentRule, national: bool, save: ServerAction<SaveDocumentRule>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let hs = rule.hs.as_ref().map_or_else(
        || m.documents_every_product.to_owned(),
        |hs| {
            if hs.from == hs.to { format!("HS {}", hs.from) } else { format!("HS {}–{}", hs.from, hs.to) }
        },
    );
    let id = rule.id;
    view! {
        <li class="document-rule">
            <p class="document-name">
                <strong>{rule.document.name(m)}</strong>" · "{hs}" · "{destination_name(i18n, rule.destination)}
                {rule.example.then(|| view! { " " <span class="tag tag-warning">{m.documents_example}</span> })}
            </p>
            {(!rule.note.is_empty()).then(|| view! { <p class="message-body" dir="auto">{rule.note.clone()}</p> })}
            <p class="muted document-source">{fill(m.documents_source, &[("source", &rule.source), ("date", &i18n.date(rule.checked_on))])}</p>
            {national.then(|| view! {
                <div class="own-listing-actions">
                    <a class="button button-secondary button-small" href=format!("{}?edit={id}#rule-form", i18n.path("/admin/documents"))>{m.documents_change}</a>
                    <ActionForm action=save>
                        <input type="hidden" name="id" value=id.to_string() />
                        <input type="hidden" name="remove" value="1" />
                        <input type="hidden" name="locale" value=i18n.locale.code() />
                        <button class="button button-secondary button-small" type="submit">{m.documents_remove}</button>
                    </ActionForm>
                </div>
            })}
        </li>
    }
}

#[component]
fn RuleForm(
    rule: Option<DocumentRule>,
    save: ServerAction<SaveDocumentRule>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let documents: Vec<(String, String)> =
        ExportDocument::ALL.iter().map(|document| (document.slug().to_owned(), document.name(m).to_owned())).collect();
    let value = |pick: fn(&DocumentRule) -> String| rule.as_ref().map(pick).unwrap_or_default();
    let note = value(|rule| rule.note.clone());
    let document = value(|rule| rule.document.slug().to_owned());
    let destination = value(|rule| rule.destination.code());
    let hs_from = value(|rule| rule.hs.as_ref().map(|hs| hs.from.clone()).unwrap_or_default());
    let hs_to = value(|rule| rule.hs.as_ref().map(|hs| hs.to.clone()).unwrap_or_default());
    let source = value(|rule| rule.source.clone());
    let checked_on = value(|rule| rule.checked_on.to_string());
    let id = rule.as_ref().map(|rule| rule.id);
    view! {
        <ActionForm action=save>
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string() /> })}
            <input type="hidden" name="locale" value=i18n.locale.code() />
            <div class="field-row">
                <SelectField name="document" label=m.documents_document options=documents value=document error required=true />
                <SelectField name="destination" label=m.documents_destination options=destination_options(i18n) value=destination error required=true />
            </div>
            <div class="field-row">
                <TextField name="hs_from" label=m.documents_hs_from value=hs_from error hint=m.documents_hs_hint inputmode="numeric" maxlength=7 />
                <TextField name="hs_to" label=m.documents_hs_to value=hs_to error inputmode="numeric" maxlength=7 />
            </div>
            <div class="field-row">
                <TextField name="source" label=m.documents_source_label value=source error required=true maxlength=300 />
                <TextField name="checked_on" label=m.documents_checked_on value=checked_on error required=true input_type="date" maxlength=10 />
            </div>
            <div class="field">
                <label for="field-note">{m.documents_note}</label>
                <TextArea id="field-note" name="form[note]" value=note rows=2 max_chars=RULE_NOTE_MAX_CHARS />
                <FieldError error field="note" />
            </div>
            <button class="button button-accent" type="submit">{m.documents_save}</button>
        </ActionForm>
    }
}
