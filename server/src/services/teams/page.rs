//! The team page: the members for everyone in the company; invitations,
//! routing rules and the log for its owners.

use std::collections::HashMap;

use app::domain::{
    AppError, InvitationLine, Locale, MemberLine, RoutingKind, RoutingRuleLine, TEAM_LOG_PAGE_SIZE, TeamAccess,
    TeamKind, TeamLogAction, TeamLogLine, TeamPage, TeamRole, WorkspaceAction,
};
use chrono::Utc;

use crate::db::Db;
use crate::repo::convert::slug;
use crate::repo::{inquiry, routing_rule, team_invitation, team_log, team_member, user};

pub async fn page(db: &Db, member: &TeamAccess, locale: Locale) -> Result<TeamPage, AppError> {
    member.require(WorkspaceAction::ViewTeam)?;
    let (kind, company_id) = (member.kind(), member.company_id());
    let company = super::company_name(db, kind, company_id).await?.ok_or(AppError::NotFound)?;
    let seats = team_member::of_company(db, kind, company_id).await?;
    let accounts: HashMap<i64, _> = user::by_ids(db, seats.iter().map(|(row, _)| row.user_id).collect())
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let open = match kind {
        TeamKind::Producer => inquiry::open_per_assignee(db, company_id).await?,
        TeamKind::Organiser => HashMap::new(),
    };
    let mut members = Vec::with_capacity(seats.len());
    for (seat, role) in &seats {
        let Some(account) = accounts.get(&seat.user_id) else { continue };
        members.push(MemberLine {
            user_id: seat.user_id,
            name: account.display_name.clone(),
            email: account.email.clone(),
            role: *role,
            locale: Locale::from_code(&account.locale).unwrap_or(Locale::DEFAULT),
            joined_at: seat.created_at.to_rfc3339(),
            assigned_open: open.get(&seat.user_id).copied().unwrap_or(0),
        });
    }
    let mut page = TeamPage {
        kind,
        company,
        me: member.user_id(),
        my_role: member.role(),
        members,
        invitations: Vec::new(),
        rules: Vec::new(),
        listings: Vec::new(),
        log: Vec::new(),
    };
    if !member.role().may(WorkspaceAction::ManageTeam) {
        return Ok(page);
    }
    for row in team_invitation::open_of(db, kind, company_id, Utc::now()).await? {
        page.invitations.push(InvitationLine {
            id: row.id,
            email: row.email,
            role: slug(&row.role, TeamRole::from_slug, "team role")?,
            locale: Locale::from_code(&row.locale).unwrap_or(Locale::DEFAULT),
            expires_at: row.expires_at.to_rfc3339(),
        });
    }
    if kind == TeamKind::Producer {
        let ids = crate::repo::listing::ids_of_producer(db, company_id).await?;
        let titles = crate::repo::own_listing::titles_of(db, ids.clone(), locale).await?;
        page.listings = ids.iter().filter_map(|id| titles.get(id).map(|title| (*id, title.clone()))).collect();
        for (id, rule) in routing_rule::of_producer(db, company_id).await? {
            let label = match rule.kind {
                RoutingKind::Listing => {
                    rule.value.parse().ok().and_then(|id: i64| titles.get(&id).cloned()).unwrap_or_default()
                }
                RoutingKind::Sector | RoutingKind::Market => String::new(),
            };
            let member_name =
                accounts.get(&rule.member_user_id).map(|account| account.display_name.clone()).unwrap_or_default();
            page.rules.push(RoutingRuleLine { id, kind: rule.kind, value: rule.value, label, member_name });
        }
    }
    for row in team_log::newest(db, kind, company_id, TEAM_LOG_PAGE_SIZE).await? {
        page.log.push(TeamLogLine {
            at: row.created_at.to_rfc3339(),
            actor: row.actor_name,
            action: slug(&row.action, TeamLogAction::from_slug, "team log action")?,
            subject: row.subject,
            detail: row.detail,
        });
    }
    Ok(page)
}
