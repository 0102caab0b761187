//! The documents a destination usually asks for, as the national trade
//! team keeps them: each with its agreement when one gives the preference,
//! the team's note, its source and the day it was checked, demo rules
//! marked as examples, and always "check with your regional office".

use leptos::prelude::*;

use crate::domain::{CountryCode, DocumentRule, Region, RuleDestination};
use crate::i18n::{fill, use_i18n};

#[component]
pub fn DestinationDocuments(rules: Vec<DocumentRule>, country: CountryCode, region: Region) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let office = fill(m.documents_office, &[("region", region.name(m))]);
    view! {
        <section class="destination-documents" aria-labelledby="documents-title">
            <h3 id="documents-title">{fill(m.documents_title, &[("country", country.name(i18n.locale))])}</h3>
            {if rules.is_empty() {
                view! { <p class="muted">{m.documents_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="document-list">
                        {rules.into_iter().map(|rule| {
                            let agreement = match rule.destination {
                                RuleDestination::Agreement(agreement) => Some(agreement.name(m)),
                                _ => None,
                            };
                            view! {
                                <li class="document-rule">
                                    <p class="document-name">
                                        <strong>{rule.document.name(m)}</strong>
                                        {agreement.map(|name| view! { " · " <span class="muted">{name}</span> })}
                                        {rule.example.then(|| view! { " " <span class="tag tag-warning">{m.documents_example}</span> })}
                                    </p>
                                    {(!rule.note.is_empty()).then(|| view! { <p class="message-body" dir="auto">{rule.note.clone()}</p> })}
                                    <p class="muted document-source">
                                        {fill(m.documents_source, &[("source", &rule.source), ("date", &i18n.date(rule.checked_on))])}
                                    </p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p class="document-check">
                {m.documents_check}" "
                <a href=i18n.path(&format!("/regions/{}", region.slug()))>{office}</a>
            </p>
        </section>
    }
}
