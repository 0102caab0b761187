//! Changes to a team: roles, removal, leaving, transfer of ownership,
//! withdrawn invitations, and the owners' routing rules. The company's
//! members are locked first, so the owner count each change checks is the
//! one it leaves.

use app::domain::{
    AppError, RoutingKind, RoutingRule, RoutingRuleForm, Sector, TeamAccess, TeamChange, TeamKind, TeamLogAction,
    TeamRole, WorkspaceAction, WorldRegion, last_owner_problem,
};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use super::log::membership_change;
use crate::db::{self, Db};
use crate::entities::team_members;
use crate::error::StoreError;
use crate::repo::team_log::Entry;
use crate::repo::{inquiry, routing_rule, team_invitation, team_member};

/// Owners left if `user_id` had `role` instead (`None`: left the team).
fn owners_after(members: &[(team_members::Model, TeamRole)], user_id: i64, role: Option<TeamRole>) -> usize {
    members
        .iter()
        .map(|(row, current)| if row.user_id == user_id { role } else { Some(*current) })
        .filter(|role| *role == Some(TeamRole::Owner))
        .count()
}

fn seated(members: &[(team_members::Model, TeamRole)], user_id: i64) -> Result<i64, AppError> {
    members.iter().find(|(row, _)| row.user_id == user_id).map(|(row, _)| row.user_id).ok_or(AppError::NotFound)
}

/// The acting member's role as the locked rows have it now, not as their
/// request began: an owner demoted meanwhile acts as what they are now.
pub(super) fn acting_role(
    members: &[(team_members::Model, TeamRole)],
    member: &TeamAccess,
) -> Result<TeamRole, AppError> {
    members.iter().find(|(row, _)| row.user_id == member.user_id()).map(|(_, role)| *role).ok_or(AppError::NotFound)
}

/// A producer's holding account (`producers.owner_user_id`) stays one of
/// its owners: when it stops being one, the longest-standing owner takes it.
async fn keep_holder(
    db: &impl ConnectionTrait,
    member: &TeamAccess,
    owners: impl Iterator<Item = i64>,
) -> Result<(), StoreError> {
    if member.kind() != TeamKind::Producer {
        return Ok(());
    }
    let Some(producer) = crate::repo::producer::by_id(db, member.company_id()).await? else { return Ok(()) };
    let owners: Vec<i64> = owners.collect();
    if !owners.contains(&producer.owner_user_id)
        && let Some(first) = owners.first()
    {
        crate::repo::producer::set_owner(db, producer.id, *first).await?;
    }
    Ok(())
}

/// A member leaves (removed or by their own will): their seat, and what
/// `stops_answering` and `stops_owning` take back.
async fn unseat(
    db: &impl ConnectionTrait,
    member: &TeamAccess,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if !team_member::remove(db, member.kind(), member.company_id(), user_id).await? {
        return Err(AppError::NotFound);
    }
    stops_answering(db, member, user_id).await?;
    stops_owning(db, member, user_id, now).await?;
    Ok(())
}

/// A member who no longer answers inquiries (gone, or in a role that does
/// not): the rules naming them go and their conversations go back to the owners.
async fn stops_answering(db: &impl ConnectionTrait, member: &TeamAccess, user_id: i64) -> Result<(), StoreError> {
    if member.kind() == TeamKind::Producer {
        routing_rule::remove_of_member(db, member.company_id(), user_id).await?;
        inquiry::unassign_member(db, member.company_id(), user_id).await?;
    }
    Ok(())
}

/// A member who is no longer an owner: the invitations they sent stop
/// working (or one could invite a second address of theirs and come back).
async fn stops_owning(
    db: &impl ConnectionTrait,
    member: &TeamAccess,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    team_invitation::withdraw_sent_by(db, member.kind(), member.company_id(), user_id, now).await
}

async fn email_of(db: &impl ConnectionTrait, user_id: i64) -> Result<String, StoreError> {
    Ok(crate::repo::user::by_id(db, user_id).await?.map(|row| row.email).unwrap_or_else(|| format!("#{user_id}")))
}

async fn log(
    db: &impl ConnectionTrait,
    member: &TeamAccess,
    action: TeamLogAction,
    subject_user: i64,
    detail: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let subject = email_of(db, subject_user).await?;
    let entry = Entry { action, subject: &subject, subject_id: Some(subject_user), detail };
    membership_change(db, member.kind(), member.company_id(), member.user_id(), entry, now).await
}

pub async fn change(db: &Db, member: &TeamAccess, change: &TeamChange) -> Result<(), AppError> {
    if *change != TeamChange::Leave {
        member.require(WorkspaceAction::ManageTeam)?;
    }
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    let members = team_member::lock_company(&txn, member.kind(), member.company_id()).await?;
    let role_now = acting_role(&members, member)?;
    if *change != TeamChange::Leave {
        role_now.require(WorkspaceAction::ManageTeam)?;
    }
    // In the order they joined: the longest-standing owner first.
    let owners = |members: &[(team_members::Model, TeamRole)], except: Option<(i64, Option<TeamRole>)>| {
        members
            .iter()
            .filter_map(|(row, role)| {
                let role = match except {
                    Some((user, changed)) if user == row.user_id => changed,
                    _ => Some(*role),
                };
                (role == Some(TeamRole::Owner)).then_some(row.user_id)
            })
            .collect::<Vec<i64>>()
    };
    match change {
        TeamChange::ChangeRole { member: target, role } => {
            if !role.belongs_to(member.kind()) {
                return Err(AppError::invalid("role", "invalid.choice"));
            }
            let target = seated(&members, *target)?;
            last_owner_problem(owners_after(&members, target, Some(*role)))?;
            team_member::set_role(&txn, member.kind(), member.company_id(), target, *role).await?;
            if !role.may(WorkspaceAction::AnswerInquiries) {
                stops_answering(&txn, member, target).await?;
            }
            if *role != TeamRole::Owner {
                stops_owning(&txn, member, target, now).await?;
            }
            keep_holder(&txn, member, owners(&members, Some((target, Some(*role)))).into_iter()).await?;
            log(&txn, member, TeamLogAction::RoleChanged, target, Some(role.slug()), now).await?;
        }
        TeamChange::Remove { member: target } => {
            let target = seated(&members, *target)?;
            last_owner_problem(owners_after(&members, target, None))?;
            unseat(&txn, member, target, now).await?;
            keep_holder(&txn, member, owners(&members, Some((target, None))).into_iter()).await?;
            log(&txn, member, TeamLogAction::Removed, target, None, now).await?;
        }
        TeamChange::Leave => {
            let me = member.user_id();
            last_owner_problem(owners_after(&members, me, None))?;
            unseat(&txn, member, me, now).await?;
            keep_holder(&txn, member, owners(&members, Some((me, None))).into_iter()).await?;
            log(&txn, member, TeamLogAction::Left, me, None, now).await?;
        }
        TeamChange::TransferOwnership { member: target } => {
            let target = seated(&members, *target)?;
            if target == member.user_id() {
                return Err(AppError::invalid("member", "invalid.not_yourself"));
            }
            let stepping_down = match member.kind() {
                TeamKind::Producer => TeamRole::Manager,
                TeamKind::Organiser => TeamRole::Editor,
            };
            team_member::set_role(&txn, member.kind(), member.company_id(), target, TeamRole::Owner).await?;
            team_member::set_role(&txn, member.kind(), member.company_id(), member.user_id(), stepping_down).await?;
            // A manager (or an editor) answers no inquiries and sends no invitations.
            stops_answering(&txn, member, member.user_id()).await?;
            stops_owning(&txn, member, member.user_id(), now).await?;
            if member.kind() == TeamKind::Producer {
                crate::repo::producer::set_owner(&txn, member.company_id(), target).await?;
            }
            log(&txn, member, TeamLogAction::OwnershipTransferred, target, None, now).await?;
        }
        TeamChange::WithdrawInvitation { invitation } => {
            let email = team_invitation::withdraw(&txn, member.kind(), member.company_id(), *invitation, now)
                .await?
                .ok_or(AppError::NotFound)?;
            let entry =
                Entry { action: TeamLogAction::InvitationWithdrawn, subject: &email, subject_id: None, detail: None };
            membership_change(&txn, member.kind(), member.company_id(), member.user_id(), entry, now).await?;
        }
        TeamChange::RemoveRule { rule } => {
            if member.kind() != TeamKind::Producer || !routing_rule::remove(&txn, member.company_id(), *rule).await? {
                return Err(AppError::NotFound);
            }
        }
    }
    db::commit_private(txn).await?;
    tracing::info!(company = member.company_id(), kind = member.kind().slug(), ?change, "team changed");
    Ok(())
}

/// Checks a rule's value names something of this producer: one of its
/// listings, a sector, a world market.
async fn checked_value(
    db: &impl ConnectionTrait,
    producer_id: i64,
    kind: RoutingKind,
    value: &str,
) -> Result<String, AppError> {
    let refused = || AppError::invalid("value", "invalid.choice");
    let value = value.trim();
    match kind {
        RoutingKind::Listing => {
            let id: i64 = value.parse().map_err(|_| refused())?;
            crate::repo::own_listing::owned(db, producer_id, id).await?.ok_or_else(refused)?;
            Ok(id.to_string())
        }
        RoutingKind::Sector => Sector::from_slug(value).map(|s| s.slug().to_owned()).ok_or_else(refused),
        RoutingKind::Market => WorldRegion::from_slug(value).map(|m| m.slug().to_owned()).ok_or_else(refused),
    }
}

pub async fn add_rule(db: &Db, member: &TeamAccess, form: &RoutingRuleForm) -> Result<(), AppError> {
    member.require(WorkspaceAction::ManageTeam)?;
    if member.kind() != TeamKind::Producer {
        return Err(AppError::NotFound);
    }
    let kind = RoutingKind::from_slug(form.kind.trim()).ok_or_else(|| AppError::invalid("kind", "invalid.choice"))?;
    let txn = db::begin_write(db).await?;
    let members = team_member::lock_company(&txn, member.kind(), member.company_id()).await?;
    if !team_member::answers_inquiries(&members, form.member) {
        return Err(AppError::invalid("member", "invalid.member_does_not_answer"));
    }
    let value = checked_value(&txn, member.company_id(), kind, &form.value).await?;
    let rule = RoutingRule { kind, value, member_user_id: form.member };
    routing_rule::insert(&txn, member.company_id(), &rule, Utc::now()).await?;
    db::commit_private(txn).await?;
    Ok(())
}
