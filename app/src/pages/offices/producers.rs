//! `/{lang}/admin/producers`: the producers of the office's region (all of
//! them for the national team), filtered by name, region and state
//! (verified, not verified, hidden, review asked), 40 a page. A plain GET
//! form: the filters live in the URL.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::encode_query;
use super::list_layout::{AdminListLayout, Column, FilterForm, HeaderActions, Paging, ResultsTable};
use crate::api::offices::get_office_producers;
use crate::components::VerifiedBadge;
use crate::domain::{AccountStatus, OFFICE_PAGE_SIZE, Office, OfficeProducers, ProducerFilter, ProducerState, Region};
use crate::i18n::{fill, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn OfficeProducersPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let query = use_query_map();
    let list =
        Resource::new(move || query.with(|q| ProducerFilter::from_query(|key| q.get(key))), get_office_producers);
    view! { {loaded(list, |list| view! { <ProducersContent list /> })} }.into_any()
}

fn state_name(state: ProducerState, m: &'static crate::i18n::Messages) -> &'static str {
    match state {
        ProducerState::Verified => m.office_state_verified,
        ProducerState::Unverified => m.office_state_unverified,
        ProducerState::Hidden => m.office_state_hidden,
        ProducerState::ReviewAsked => m.office_state_review,
    }
}

#[component]
fn ProducersContent(list: OfficeProducers) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let filter = list.filter.clone();
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if !filter.text.is_empty() {
        pairs.push(("q", filter.text.clone()));
    }
    if let (Office::National, Some(region)) = (list.office, filter.region) {
        pairs.push(("region", region.slug().to_owned()));
    }
    if let Some(state) = filter.state {
        pairs.push(("state", state.slug().to_owned()));
    }
    let paging =
        Paging { query: encode_query(&pairs), page: filter.page, total: list.total, per_page: OFFICE_PAGE_SIZE };
    let count = fill(m.office_producers_count, &[("count", &list.total.to_string())]);
    let empty = list.lines.is_empty().then_some(m.office_producers_empty);
    let office = list.office;
    let national = office == Office::National;
    let lines = list.lines;
    view! {
        <AdminListLayout
            office
            path="/admin/producers"
            title=m.office_producers_title
            intro=m.office_producers_intro
            empty
            count
            paging
        >
            <HeaderActions slot>
                <a class="button button-accent" href=i18n.path("/admin/producers/new")>{m.onboard_title}</a>
            </HeaderActions>
            <FilterForm slot submit=m.office_filter_apply>
                <div class="field">
                    <label for="producer-q">{m.office_filter_name}</label>
                    <input id="producer-q" name="q" type="search" value=filter.text.clone() dir="auto" />
                </div>
                {national.then(|| view! {
                    <div class="field">
                        <label for="producer-region">{m.profile_region}</label>
                        <select id="producer-region" name="region">
                            <option value="">{m.office_all_regions}</option>
                            {Region::ALL.iter().map(|region| view! {
                                <option value=region.slug() selected=filter.region == Some(*region)>{region.name(m)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <div class="field">
                    <label for="producer-state">{m.office_filter_state}</label>
                    <select id="producer-state" name="state">
                        <option value="">{m.office_all_states}</option>
                        {ProducerState::ALL.into_iter().map(|state| view! {
                            <option value=state.slug() selected=filter.state == Some(state)>{state_name(state, m)}</option>
                        }).collect_view()}
                    </select>
                </div>
            </FilterForm>
            <ResultsTable
                slot
                columns=vec![
                    Column::text(m.office_column_producer),
                    Column::text(m.profile_region),
                    Column::text(m.office_column_state),
                    Column::text(m.office_column_account),
                    Column::number(m.office_column_listings),
                ]
            >
                {lines.into_iter().map(|line| view! {
                    <tr>
                        <td>
                            <a href=i18n.path(&format!("/admin/producers/{}", line.slug)) dir="auto">{line.trade_name.clone()}</a>
                            <br /><span class="muted">{line.legal_form.name(m)}" · "<bdi>{line.city.clone()}</bdi></span>
                        </td>
                        <td>{line.region.name(m)}</td>
                        <td>
                            {line.verified.then(|| view! { <VerifiedBadge /> })}
                            {line.hidden.as_ref().map(|_| view! { <span class="tag tag-warning">{m.office_state_hidden}</span> })}
                            {line.hidden.as_ref().filter(|h| h.review_requested).map(|_| view! { " "<span class="tag">{m.moderation_review_asked}</span> })}
                        </td>
                        <td>
                            <bdi>{line.owner_email.clone()}</bdi>
                            {(line.owner_status == AccountStatus::Suspended).then(|| view! { " "<span class="tag tag-warning">{m.office_suspended}</span> })}
                        </td>
                        <td class="number">{line.listings}</td>
                    </tr>
                }).collect_view()}
            </ResultsTable>
        </AdminListLayout>
    }
}
