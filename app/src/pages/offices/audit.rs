//! `/{lang}/admin/audit` (national team only): every administrator action,
//! newest first, filtered by action, object, acting administrator and
//! dates, 50 a page, and the same rows as a CSV file
//! (`/{lang}/admin/audit.csv`, served by the server's export route).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::encode_query;
use super::list_layout::{AdminListLayout, Column, FilterForm, HeaderActions, Paging, ResultsTable};
use crate::api::offices::get_audit;
use crate::domain::{AUDIT_PAGE_SIZE, AuditAction, AuditFilter, AuditObject, AuditPage as AuditRows, Office};
use crate::i18n::{fill, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn AuditPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let query = use_query_map();
    let rows = Resource::new(move || query.with(|q| AuditFilter::from_query(|key| q.get(key))), get_audit);
    view! { {loaded(rows, |rows| view! { <AuditContent rows /> })} }.into_any()
}

#[component]
fn AuditContent(rows: AuditRows) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let filter = rows.filter.clone();
    let query = encode_query(&filter.to_query());
    let csv = if query.is_empty() {
        i18n.path("/admin/audit.csv")
    } else {
        format!("{}?{query}", i18n.path("/admin/audit.csv"))
    };
    let date = |value: Option<crate::domain::CalendarDate>| value.map(|d| d.to_string()).unwrap_or_default();
    let count = fill(m.audit_count, &[("count", &rows.total.to_string())]);
    let empty = rows.entries.is_empty().then_some(m.audit_empty);
    let paging = Paging { query, page: filter.page, total: rows.total, per_page: AUDIT_PAGE_SIZE };
    let entries = rows.entries;
    view! {
        <AdminListLayout
            office=Office::National
            path="/admin/audit"
            title=m.audit_title
            intro=m.audit_intro
            empty
            count
            paging
        >
            <HeaderActions slot>
                <a class="button button-secondary" href=csv download>{m.audit_export}</a>
            </HeaderActions>
            <FilterForm slot submit=m.office_filter_apply>
                <div class="field">
                    <label for="audit-action">{m.audit_action}</label>
                    <select id="audit-action" name="action">
                        <option value="">{m.audit_any}</option>
                        {AuditAction::ALL.iter().map(|action| view! {
                            <option value=action.slug() selected=filter.action == Some(*action)>{action.name(m)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="audit-object">{m.audit_object}</label>
                    <select id="audit-object" name="object">
                        <option value="">{m.audit_any}</option>
                        {AuditObject::ALL.iter().map(|object| view! {
                            <option value=object.slug() selected=filter.object == Some(*object)>{object.name(m)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="audit-actor">{m.audit_actor}</label>
                    <input id="audit-actor" name="actor" type="search" value=filter.actor.clone() />
                </div>
                <div class="field">
                    <label for="audit-from">{m.audit_from}</label>
                    <input id="audit-from" name="from" type="date" value=date(filter.from) />
                </div>
                <div class="field">
                    <label for="audit-to">{m.audit_to}</label>
                    <input id="audit-to" name="to" type="date" value=date(filter.to) />
                </div>
            </FilterForm>
            <ResultsTable
                slot
                columns=vec![
                    Column::text(m.audit_when),
                    Column::text(m.audit_actor),
                    Column::text(m.audit_action),
                    Column::text(m.audit_object),
                    Column::text(m.audit_why),
                ]
                extra_class="audit-table"
            >
                {entries.into_iter().map(|entry| {
                    let when = entry.at.replace('T', " ").trim_end_matches('Z').to_owned();
                    let reason = entry.reason.as_deref().map(|slug| {
                        m.get(&format!("hide_reason.{slug}")).or_else(|| m.get(&format!("reject_reason.{slug}"))).unwrap_or(slug).to_owned()
                    });
                    view! {
                        <tr>
                            <td><bdi><time datetime=entry.at.clone()>{when}" UTC"</time></bdi></td>
                            <td><bdi>{entry.actor_email.clone()}</bdi></td>
                            <td>{entry.action.name(m)}</td>
                            <td>{entry.object.name(m)}" #"{entry.object_id}" · "<bdi>{entry.object_label.clone()}</bdi></td>
                            <td dir="auto">{reason}{entry.note.clone().map(|note| view! { " — "<q>{note}</q> })}</td>
                        </tr>
                    }
                }).collect_view()}
            </ResultsTable>
        </AdminListLayout>
    }
}
