//! `/{lang}/admin/accounts` (national team only): find an account by its
//! address (without one: the organisers and administrators), and appoint
//! it organiser or administrator of an office, or take the role back.
//! Nobody changes their own role; producers keep theirs.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::list_layout::{AdminListLayout, FilterForm};
use crate::api::offices::{GrantRole, get_accounts};
use crate::components::submission_error;
use crate::domain::{AccountLine, AccountStatus, Office, Role};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn AccountsPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let query = use_query_map();
    let grant = ServerAction::<GrantRole>::new();
    let accounts = Resource::new(
        move || (query.with(|q| q.get("email").unwrap_or_default()), grant.version().get()),
        |(email, _)| async move { get_accounts(email.clone()).await.map(|lines| (email, lines)) },
    );
    view! { {loaded(accounts, move |(email, lines)| view! { <AccountsContent email lines grant /> })} }.into_any()
}

#[component]
fn AccountsContent(email: String, lines: Vec<AccountLine>, grant: ServerAction<GrantRole>) -> impl IntoView {
    let m = use_i18n().messages;
    let error = submission_error(grant);
    let empty = lines.is_empty().then_some(m.office_accounts_empty);
    let searched = email.clone();
    view! {
        <AdminListLayout
            office=Office::National
            path="/admin/accounts"
            title=m.office_accounts_title
            intro=m.office_accounts_intro
            empty
            flash=("granted", m.office_granted)
            error
        >
            <FilterForm slot submit=m.office_find>
                <div class="field">
                    <label for="account-email">{m.account_email}</label>
                    <input id="account-email" name="email" type="search" value=searched />
                </div>
            </FilterForm>
            <ul class="own-listings">
                {lines.into_iter().map(|line| view! { <AccountRow line email=email.clone() grant /> }).collect_view()}
            </ul>
        </AdminListLayout>
    }
}

#[component]
fn AccountRow(line: AccountLine, email: String, grant: ServerAction<GrantRole>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let role = match (line.role, line.office) {
        (Role::Admin, Some(office)) => format!("{} — {}", line.role.name(m), office.name(m)),
        _ => line.role.name(m).to_owned(),
    };
    let (role_id, office_id) = (format!("role-{}", line.user_id), format!("office-{}", line.user_id));
    view! {
        <li class="own-listing">
            <div>
                <p class="own-listing-title"><bdi>{line.email.clone()}</bdi></p>
                <p class="muted"><bdi>{line.display_name.clone()}</bdi>" · "{role}
                    {(line.status == AccountStatus::Suspended).then(|| view! { " "<span class="tag tag-warning">{m.office_suspended}</span> })}
                </p>
            </div>
            {if line.is_you {
                view! { <p class="muted">{m.office_that_is_you}</p> }.into_any()
            } else if line.role == Role::Producer {
                view! { <p class="muted">{m.office_producer_kept}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=grant attr:class="grant-form">
                        <input type="hidden" name="user_id" value=line.user_id.to_string() />
                        <input type="hidden" name="email" value=email />
                        <input type="hidden" name="locale" value=i18n.locale.code() />
                        <div class="field">
                            <label for=role_id.clone()>{m.office_new_role}</label>
                            <select id=role_id name="role" required>
                                <option value="organiser">{Role::Organiser.name(m)}</option>
                                <option value="admin">{Role::Admin.name(m)}</option>
                                <option value="revoke">{m.office_revoke}</option>
                            </select>
                        </div>
                        <div class="field">
                            <label for=office_id.clone()>{m.office_office}</label>
                            <select id=office_id name="office">
                                {Office::all().map(|office| view! {
                                    <option value=office.slug() selected=line.office == Some(office)>{office.name(m)}</option>
                                }).collect_view()}
                            </select>
                            <p class="field-hint">{m.office_office_hint}</p>
                        </div>
                        <button class="button button-small" type="submit">{m.office_apply}</button>
                    </ActionForm>
                }.into_any()
            }}
        </li>
    }
}
