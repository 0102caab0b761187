//! The header's account area: "Sign in" and "Sign up" for visitors; for a
//! signed-in person their workspace and inquiries, then their name opening
//! (a native disclosure, no script needed) their own pages and the sign-out
//! button (a form, so it works before hydration). Re-read on every
//! navigation so a sign-in or sign-out shows at once.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::accounts::{SignOut, get_viewer};
use crate::domain::{Role, TeamKind, TeamRole, WorkspaceAction};
use crate::i18n::use_i18n;

#[component]
pub fn AccountMenu() -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let location = use_location();
    let viewer = Resource::new(move || location.pathname.get(), |_| get_viewer());
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match viewer.await {
                    Ok(Some(viewer)) => {
                        // A producer account without a company yet is the owner of the one it creates.
                        let role = viewer.seat.map_or(TeamRole::Owner, |seat| seat.role);
                        let may = move |action: WorkspaceAction| role.may(action);
                        let team_path = viewer.seat.map(|seat| match seat.kind {
                            TeamKind::Producer => "/dashboard/team",
                            TeamKind::Organiser => "/organiser/team",
                        });
                        view! {
                        <div class="account-menu">
                            {(viewer.role == Role::Producer).then(|| view! {
                                <a href=i18n.path("/dashboard")>{m.account_my_dashboard}</a>
                            })}
                            {(viewer.role == Role::Organiser).then(|| view! {
                                <a href=i18n.path("/organiser")>{m.organiser_nav}</a>
                            })}
                            {viewer.office.is_some().then(|| view! {
                                <a href=i18n.path("/admin")>{m.admin_nav_workspace}</a>
                            })}
                            {(viewer.role == Role::Buyer || (viewer.role == Role::Producer && may(WorkspaceAction::AnswerInquiries))).then(|| view! { <InquiriesLink /> })}
                            <details class="account-dropdown">
                                <summary class="account-name" dir="auto" title=viewer.email.clone()>{viewer.display_name.clone()}</summary>
                                <div class="account-panel">
                                    {(viewer.role == Role::Producer && may(WorkspaceAction::ReadInsights)).then(|| view! {
                                        <a href=i18n.path("/dashboard/insights")>{m.insights_nav}</a>
                                    })}
                                    {(viewer.role == Role::Producer && may(WorkspaceAction::EditProfile)).then(|| view! {
                                        <a href=i18n.path("/dashboard/profile")>{m.dashboard_edit_profile}</a>
                                    })}
                                    {team_path.map(|path| view! { <a href=i18n.path(path)>{m.team_nav}</a> })}
                                    {(viewer.role == Role::Buyer || (viewer.role == Role::Producer && may(WorkspaceAction::AnswerInquiries))).then(|| view! {
                                        <a href=i18n.path("/deals")>{m.deals_title}</a>
                                    })}
                                    {(viewer.role == Role::Buyer).then(|| view! {
                                        <a href=i18n.path("/shortlist")>{m.shortlist_link}</a>
                                        <a href=i18n.path("/account/searches")>{m.alerts_nav}</a>
                                        <a href=i18n.path("/account/requests")>{m.requests_mine_title}</a>
                                        <a href=i18n.path("/account/company")>{m.buyer_profile_link}</a>
                                    })}
                                    <a href=i18n.path("/account/password")>{m.account_password_title}</a>
                                    <ActionForm action=sign_out>
                                        <input type="hidden" name="locale" value=i18n.locale.code() />
                                        <button class="link-button" type="submit">{m.account_sign_out}</button>
                                    </ActionForm>
                                </div>
                            </details>
                        </div>
                    }.into_any()
                    }
                    _ => view! {
                        <div class="account-menu">
                            <a href=i18n.path("/account/sign-in")>{m.account_sign_in_link}</a>
                            <a class="button button-small" href=i18n.path("/account/sign-up")>{m.account_sign_up_link}</a>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "Inquiries" with the number of conversations holding something unread.
#[component]
fn InquiriesLink() -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let location = use_location();
    let unread = Resource::new(move || location.pathname.get(), |_| crate::api::inquiries::get_unread());
    view! {
        <a href=i18n.path("/inquiries") class="inquiries-link">
            // Elements only: a text node next to the count's would merge
            // with it in the server's HTML and break hydration.
            <span>{m.inbox_link}</span>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    unread.await.ok().filter(|count| *count > 0).map(|count| view! {
                        <span class="badge badge-unread" aria-label=crate::i18n::fill(m.inbox_unread_count, &[("n", &count.to_string())])>{count}</span>
                    })
                })}
            </Suspense>
        </a>
    }
}
