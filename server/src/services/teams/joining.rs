//! Invitations: an owner invites an address with a role (a random token
//! kept as its SHA-256, used once, valid `TEAM_INVITATION_DAYS`, mailed in
//! the language the owner chose); the link's page lets the invitee join,
//! signed in with the invited address or with a new account made there
//! (its address is confirmed: the link reached it). A link works for its
//! address only, once, until it expires or is withdrawn.

use app::domain::{
    AppError, InviteForm, JoinPage, Locale, Role, Seat, TEAM_INVITATION_DAYS, TEAM_MAX_MEMBERS, TeamAccess, TeamKind,
    TeamLogAction, TeamRole, Viewer, WorkspaceAction, normalize_display_name,
};
use chrono::{Duration, Utc};
use sea_orm::ConnectionTrait;

use super::log::membership_change;
use crate::auth::password;
use crate::db::{self, Db};
use crate::entities::team_invitations;
use crate::repo::team_invitation::{self, NewTeamInvitation};
use crate::repo::team_log::Entry;
use crate::repo::{mail_outbox, team_member, user};
use crate::services::sha256_hex;

/// The account role a team of this kind works with.
fn account_role(kind: TeamKind) -> Role {
    match kind {
        TeamKind::Producer => Role::Producer,
        TeamKind::Organiser => Role::Organiser,
    }
}

pub async fn invite(db: &Db, member: &TeamAccess, form: &InviteForm, public_url: &url::Url) -> Result<(), AppError> {
    member.require(WorkspaceAction::ManageTeam)?;
    let (email, role, locale) = form.validate(member.kind())?;
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    let members = team_member::lock_company(&txn, member.kind(), member.company_id()).await?;
    super::membership::acting_role(&members, member)?.require(WorkspaceAction::ManageTeam)?;
    let company = super::company_name(&txn, member.kind(), member.company_id()).await?.ok_or(AppError::NotFound)?;
    let member_ids: Vec<i64> = members.iter().map(|(row, _)| row.user_id).collect();
    if let Some(existing) = user::by_email(&txn, &email).await?
        && member_ids.contains(&existing.id)
    {
        return Err(AppError::invalid("email", "invalid.already_member"));
    }
    team_invitation::withdraw_for_email(&txn, member.kind(), member.company_id(), &email, now).await?;
    let open = team_invitation::open_of(&txn, member.kind(), member.company_id(), now).await?;
    if members.len() + open.len() >= TEAM_MAX_MEMBERS {
        return Err(AppError::invalid("email", "invalid.team_full"));
    }
    let token = crate::services::random_hex(32);
    let new = NewTeamInvitation {
        kind: member.kind(),
        company_id: member.company_id(),
        email: &email,
        role,
        token_hash: sha256_hex(&token),
        locale: locale.code(),
        invited_by: member.user_id(),
        expires_at: now + Duration::days(TEAM_INVITATION_DAYS),
    };
    team_invitation::insert(&txn, new, now).await?;
    let inviter = user::by_id(&txn, member.user_id()).await?.map(|row| row.display_name).unwrap_or_default();
    let link = crate::services::link_to(public_url, &format!("/{}/join?token={token}", locale.code()));
    let mail = crate::mail::team_invitation(locale, &email, &company, role, &inviter, &link, TEAM_INVITATION_DAYS);
    mail_outbox::enqueue(&txn, &mail, now).await?;
    let entry = Entry { action: TeamLogAction::Invited, subject: &email, subject_id: None, detail: Some(role.slug()) };
    membership_change(&txn, member.kind(), member.company_id(), member.user_id(), entry, now).await?;
    db::commit_private(txn).await?;
    tracing::info!(
        company = member.company_id(),
        kind = member.kind().slug(),
        role = role.slug(),
        "team invitation sent"
    );
    Ok(())
}

/// The invitation of `token` with its kind and role, while it works.
async fn open_invitation(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<(team_invitations::Model, TeamKind, TeamRole), AppError> {
    let refused = || AppError::invalid("token", "invalid.invitation");
    let token = token.trim();
    if token.len() != 64 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(refused());
    }
    let invitation = team_invitation::by_token_hash(db, &sha256_hex(token)).await?.ok_or_else(refused)?;
    if invitation.used_at.is_some() || invitation.withdrawn_at.is_some() || invitation.expires_at <= Utc::now() {
        return Err(refused());
    }
    let kind = TeamKind::from_slug(&invitation.company_kind).ok_or_else(refused)?;
    let role = TeamRole::from_slug(&invitation.role).filter(|role| role.belongs_to(kind)).ok_or_else(refused)?;
    Ok((invitation, kind, role))
}

pub async fn join_page(db: &Db, token: &str) -> Result<JoinPage, AppError> {
    let (invitation, kind, role) = open_invitation(db, token).await?;
    let company = super::company_name(db, kind, invitation.company_id).await?.ok_or(AppError::NotFound)?;
    let has_account = user::by_email(db, &invitation.email).await?.is_some();
    Ok(JoinPage { kind, company, role, email: invitation.email, has_account })
}

/// Seats the invitee; returns the account to sign in.
pub async fn join(
    db: &Db,
    viewer: Option<&Viewer>,
    token: &str,
    display_name: &str,
    password_typed: &str,
) -> Result<i64, AppError> {
    // A new account's name and password are checked (and the password
    // hashed) before the transaction: hashing takes a while. An address
    // that has an account is told to sign in first, whatever was typed.
    let new_account = match viewer {
        Some(_) => None,
        None => {
            let (invitation, _, _) = open_invitation(db, token).await?;
            if user::by_email(db, &invitation.email).await?.is_some() {
                return Err(AppError::invalid("email", "invalid.invitation_sign_in"));
            }
            let name =
                normalize_display_name(display_name).map_err(|reason| AppError::invalid("display_name", reason))?;
            password::check_new(password_typed).map_err(|reason| AppError::invalid("password", reason))?;
            let hash = password::hash_bounded(password_typed.to_owned()).await.map_err(|error| {
                tracing::error!(%error, "password hashing failed");
                AppError::Internal
            })?;
            Some((name, hash))
        }
    };
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    let (invitation, kind, role) = open_invitation(&txn, token).await?;
    team_member::lock_company(&txn, kind, invitation.company_id).await?;
    let user_id = match (viewer, new_account) {
        (Some(viewer), _) => {
            if viewer.email != invitation.email {
                return Err(AppError::invalid("token", "invalid.invitation_other_address"));
            }
            if viewer.role != account_role(kind) {
                return Err(AppError::invalid("token", "invalid.invitation_wrong_account"));
            }
            viewer.user_id
        }
        (None, Some((display_name, password_hash))) => {
            if user::by_email(&txn, &invitation.email).await?.is_some() {
                return Err(AppError::invalid("email", "invalid.invitation_sign_in"));
            }
            let locale = Locale::from_code(&invitation.locale).unwrap_or(Locale::DEFAULT);
            let new = user::NewAccount {
                email: invitation.email.clone(),
                password_hash,
                display_name,
                role: account_role(kind),
                locale,
            };
            let account = user::insert(&txn, new, now).await?;
            user::mark_verified(&txn, account.id, now).await?;
            account.id
        }
        (None, None) => return Err(AppError::Internal),
    };
    if team_member::seat_of(&txn, user_id).await?.is_some() {
        return Err(AppError::invalid("token", "invalid.already_in_team"));
    }
    // Used on a condition: of two joins racing with one link, one wins.
    if !team_invitation::use_once(&txn, invitation.id, user_id, now).await? {
        return Err(AppError::invalid("token", "invalid.invitation"));
    }
    team_member::insert(&txn, Seat { kind, company_id: invitation.company_id, role }, user_id, now).await?;
    let entry = Entry {
        action: TeamLogAction::Joined,
        subject: &invitation.email,
        subject_id: Some(user_id),
        detail: Some(role.slug()),
    };
    membership_change(&txn, kind, invitation.company_id, user_id, entry, now).await?;
    db::commit_private(txn).await?;
    tracing::info!(company = invitation.company_id, kind = kind.slug(), user = user_id, "joined a team");
    Ok(user_id)
}
