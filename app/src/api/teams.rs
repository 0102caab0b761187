//! Server functions of a company's team (a producer's or an organiser's):
//! the team page, invitations, changes, routing rules, and joining by an
//! invitation link. Each takes the member's proof (`Viewer::as_member`) and
//! calls the `Teams` port, which asks the member's role.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::domain::{AppError, InviteForm, JoinPage, Locale, RoutingRuleForm, TeamPage, TeamRole};
#[cfg(feature = "ssr")]
use crate::domain::{TeamChange, TeamKind};

/// The team page's path for the reader's kind of company.
#[cfg(feature = "ssr")]
fn team_path(kind: TeamKind, locale: Locale, flag: &str) -> String {
    let base = match kind {
        TeamKind::Producer => "/dashboard/team",
        TeamKind::Organiser => "/organiser/team",
    };
    locale.localize_path(&format!("{base}?{flag}=1"))
}

#[server(endpoint = "team", input = GetUrl)]
pub async fn get_team(locale: Locale) -> Result<TeamPage, AppError> {
    let services = super::context::services()?;
    let member = super::context::respond(super::context::member())?;
    super::context::respond(services.teams.page(&member, locale).await)
}

#[server(endpoint = "team/invite")]
pub async fn invite_member(form: InviteForm, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let member = super::context::respond(super::context::member())?;
    super::context::respond(services.teams.invite(&member, &form).await)?;
    super::context::redirect_to(&team_path(member.kind(), locale, "invited"));
    Ok(())
}

/// A change to the team, as the page's small forms send it: `change` names
/// it (`change_role`, `remove`, `leave`, `transfer_ownership`,
/// `withdraw_invitation`, `remove_rule`) and the other fields say to whom.
#[server(endpoint = "team/change")]
pub async fn change_team(
    change: String,
    #[server(default)] member: Option<i64>,
    #[server(default)] role: Option<TeamRole>,
    #[server(default)] invitation: Option<i64>,
    #[server(default)] rule: Option<i64>,
    locale: Locale,
) -> Result<(), AppError> {
    let change = super::context::respond(TeamChange::from_form(&change, member, role, invitation, rule))?;
    let services = super::context::services()?;
    let member = super::context::respond(super::context::member())?;
    super::context::respond(services.teams.change(&member, &change).await)?;
    // Who left has no team page any more.
    if change == TeamChange::Leave {
        super::context::redirect_to(&locale.localize_path("/"));
    } else {
        super::context::redirect_to(&team_path(member.kind(), locale, "changed"));
    }
    Ok(())
}

#[server(endpoint = "team/add_rule")]
pub async fn add_routing_rule(form: RoutingRuleForm, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let member = super::context::respond(super::context::member())?;
    super::context::respond(services.teams.add_rule(&member, &form).await)?;
    super::context::redirect_to(&team_path(member.kind(), locale, "changed"));
    Ok(())
}

#[server(endpoint = "team/join_page", input = GetUrl)]
pub async fn get_join(token: String) -> Result<JoinPage, AppError> {
    let services = super::context::services()?;
    super::context::respond(services.teams.join_page(&token).await)
}

/// Joins the team: signed in with the invited address, or with a new account
/// made of the name and password typed here; then opens the workspace.
#[server(endpoint = "team/join")]
pub async fn join_team(
    token: String,
    #[server(default)] display_name: String,
    #[server(default)] password: String,
    locale: Locale,
) -> Result<(), AppError> {
    let services = super::context::services()?;
    let session = super::context::session()?;
    let viewer =
        super::context::respond(services.teams.join(session.0.as_ref(), &token, &display_name, &password).await)?;
    let home = match viewer.role {
        crate::domain::Role::Organiser => "/organiser?joined=1",
        _ => "/dashboard?joined=1",
    };
    super::context::redirect_to(&locale.localize_path(home));
    Ok(())
}
