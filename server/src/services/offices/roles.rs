//! Appointments: the national team finds accounts and grants or revokes
//! the organiser and administrator roles. Nobody changes their own role
//! (an administrator cannot grant itself anything); a regional office has
//! no such page (`NotFound`). The change and its audit row are one
//! transaction; the person's next request already sees the new role, since
//! the session reloads the account on every request.

use crate::db::Db;
use app::domain::{
    AccountLine, AccountStatus, AdminAccess, AppError, AuditAction, AuditObject, Office, Role, RoleGrant, Seat,
    TeamKind, TeamRole, last_owner_problem,
};
use chrono::Utc;

use crate::db;
use crate::entities::users;
use crate::repo::audit::{self, AuditTarget, AuditWhy};
use crate::repo::{office_directory, team_invitation, team_member, user};

/// Accounts shown at most per search.
const FOUND_MAX: u64 = 30;

fn line(row: users::Model, admin: &AdminAccess) -> Option<AccountLine> {
    Some(AccountLine {
        is_you: row.id == admin.user_id(),
        role: Role::from_slug(&row.role)?,
        office: row.office.as_deref().and_then(Office::from_slug),
        status: AccountStatus::from_slug(&row.status)?,
        user_id: row.id,
        email: row.email,
        display_name: row.display_name,
    })
}

/// Accounts whose address contains `email`; without one, the appointed
/// people (organisers and administrators).
pub async fn find(db: &Db, admin: &AdminAccess, email: &str) -> Result<Vec<AccountLine>, AppError> {
    admin.check_national()?;
    let email = email.trim().to_lowercase();
    let rows = if email.is_empty() {
        office_directory::appointed(db, FOUND_MAX).await?
    } else {
        office_directory::accounts_matching(db, &email, FOUND_MAX).await?
    };
    Ok(rows.into_iter().filter_map(|row| line(row, admin)).collect())
}

/// Grants or revokes a role.
pub async fn grant(db: &Db, admin: &AdminAccess, user_id: i64, grant: RoleGrant) -> Result<(), AppError> {
    admin.check_national()?;
    if user_id == admin.user_id() {
        return Err(AppError::invalid("role", "invalid.not_yourself"));
    }
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    let account = user::locked(&txn, user_id).await?.ok_or(AppError::NotFound)?;
    let current = Role::from_slug(&account.role).ok_or(AppError::NotFound)?;
    let (role, office) = grant.apply(current)?;
    // An organiser works for an organisation: a new one founds its own and
    // owns it (producers are never granted a role, so nobody granted one has
    // a producer's seat); a founder whose organisation others run now
    // rejoins it as an editor, for its owners to decide. A revoked organiser
    // leaves its organisation, which keeps an owner.
    let seat = team_member::seat_of(&txn, user_id).await?;
    match (role, seat) {
        (Role::Organiser, None) => {
            let founded = team_member::of_company(&txn, TeamKind::Organiser, user_id).await?;
            let role = if founded.is_empty() { TeamRole::Owner } else { TeamRole::Editor };
            let own = Seat { kind: TeamKind::Organiser, company_id: user_id, role };
            team_member::insert(&txn, own, user_id, now).await?;
        }
        (role, Some(seat)) if role != Role::Organiser && seat.kind == TeamKind::Organiser => {
            let members = team_member::lock_company(&txn, seat.kind, seat.company_id).await?;
            let owners_left =
                members.iter().filter(|(row, role)| row.user_id != user_id && *role == TeamRole::Owner).count();
            if members.len() > 1 {
                last_owner_problem(owners_left)?;
            }
            team_member::remove(&txn, seat.kind, seat.company_id, user_id).await?;
            team_invitation::withdraw_sent_by(&txn, seat.kind, seat.company_id, user_id, now).await?;
        }
        _ => {}
    }
    user::set_role(&txn, user_id, role, office, now).await?;
    let (action, what) = match grant {
        RoleGrant::Revoke => (AuditAction::Revoke, current.slug().to_owned()),
        RoleGrant::Organiser => (AuditAction::Grant, Role::Organiser.slug().to_owned()),
        RoleGrant::Admin(office) => (AuditAction::Grant, format!("admin:{}", office.slug())),
    };
    let target = AuditTarget { kind: AuditObject::Account, id: user_id, label: &account.email, region: None };
    audit::record(&txn, admin, action, target, AuditWhy { reason: None, note: Some(&what) }, now).await?;
    db::commit(txn).await?;
    tracing::info!(user = user_id, role = role.slug(), admin = admin.user_id(), "role changed");
    Ok(())
}
