//! Invitations to join a company's team (`team_invitations`): an address
//! and a role, a token kept as its SHA-256, used once, until it expires or
//! an owner withdraws it. The rules are `services::teams`'.

use app::domain::{TeamKind, TeamRole};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entities::team_invitations;
use crate::error::StoreError;

/// What an invitation says.
pub struct NewTeamInvitation<'a> {
    pub kind: TeamKind,
    pub company_id: i64,
    pub email: &'a str,
    pub role: TeamRole,
    pub token_hash: String,
    pub locale: &'a str,
    pub invited_by: i64,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    new: NewTeamInvitation<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    team_invitations::ActiveModel {
        company_kind: Set(new.kind.slug().to_owned()),
        company_id: Set(new.company_id),
        email: Set(new.email.to_owned()),
        role: Set(new.role.slug().to_owned()),
        token_hash: Set(new.token_hash),
        locale: Set(new.locale.to_owned()),
        invited_by: Set(new.invited_by),
        created_at: Set(now),
        expires_at: Set(new.expires_at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The company's invitations still open, newest first.
pub async fn open_of(
    db: &impl ConnectionTrait,
    kind: TeamKind,
    company_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<team_invitations::Model>, StoreError> {
    Ok(team_invitations::Entity::find()
        .filter(team_invitations::Column::CompanyKind.eq(kind.slug()))
        .filter(team_invitations::Column::CompanyId.eq(company_id))
        .filter(team_invitations::Column::UsedAt.is_null())
        .filter(team_invitations::Column::WithdrawnAt.is_null())
        .filter(team_invitations::Column::ExpiresAt.gt(now))
        .order_by_desc(team_invitations::Column::Id)
        .all(db)
        .await?)
}

/// The invitation whose token has this hash.
pub async fn by_token_hash(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<team_invitations::Model>, StoreError> {
    Ok(team_invitations::Entity::find().filter(team_invitations::Column::TokenHash.eq(token_hash)).one(db).await?)
}

/// Uses the invitation, on a condition: of two joins racing with one link,
/// exactly one gets `true`.
pub async fn use_once(
    db: &impl ConnectionTrait,
    id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let used = team_invitations::Entity::update_many()
        .col_expr(team_invitations::Column::UsedAt, Expr::value(now))
        .col_expr(team_invitations::Column::UsedBy, Expr::value(user_id))
        .filter(team_invitations::Column::Id.eq(id))
        .filter(team_invitations::Column::UsedAt.is_null())
        .filter(team_invitations::Column::WithdrawnAt.is_null())
        .exec(db)
        .await?;
    Ok(used.rows_affected == 1)
}

/// Withdraws an open invitation of the company; returns its address.
pub async fn withdraw(
    db: &impl ConnectionTrait,
    kind: TeamKind,
    company_id: i64,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Option<String>, StoreError> {
    let Some(row) = team_invitations::Entity::find_by_id(id)
        .filter(team_invitations::Column::CompanyKind.eq(kind.slug()))
        .filter(team_invitations::Column::CompanyId.eq(company_id))
        .filter(team_invitations::Column::UsedAt.is_null())
        .filter(team_invitations::Column::WithdrawnAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    team_invitations::Entity::update_many()
        .col_expr(team_invitations::Column::WithdrawnAt, Expr::value(now))
        .filter(team_invitations::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(Some(row.email))
}

/// Withdraws the company's open invitations that `which` selects.
async fn withdraw_open(
    db: &impl ConnectionTrait,
    kind: TeamKind,
    company_id: i64,
    which: sea_orm::Condition,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    team_invitations::Entity::update_many()
        .col_expr(team_invitations::Column::WithdrawnAt, Expr::value(now))
        .filter(team_invitations::Column::CompanyKind.eq(kind.slug()))
        .filter(team_invitations::Column::CompanyId.eq(company_id))
        .filter(which)
        .filter(team_invitations::Column::UsedAt.is_null())
        .filter(team_invitations::Column::WithdrawnAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Withdraws the company's open invitations of an address (a new one replaces them).
pub async fn withdraw_for_email(
    db: &impl ConnectionTrait,
    kind: TeamKind,
    company_id: i64,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let which = sea_orm::Condition::all().add(team_invitations::Column::Email.eq(email));
    withdraw_open(db, kind, company_id, which, now).await
}

/// Withdraws the company's open invitations sent by `user_id` (who is no
/// longer an owner).
pub async fn withdraw_sent_by(
    db: &impl ConnectionTrait,
    kind: TeamKind,
    company_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let which = sea_orm::Condition::all().add(team_invitations::Column::InvitedBy.eq(user_id));
    withdraw_open(db, kind, company_id, which, now).await
}
