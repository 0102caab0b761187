//! Who works for which company (`team_members`): a person's seat, a
//! company's members, and the changes to them. The rules (who may change
//! what, at least one owner) are `services::teams`'.

use app::domain::{Seat, TeamKind, TeamRole};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::convert::slug;
use crate::entities::team_members;
use crate::error::{StoreError, unique_as};

fn seat_of_row(row: &team_members::Model) -> Result<Seat, StoreError> {
    Ok(Seat {
        kind: slug(&row.company_kind, TeamKind::from_slug, "team kind")?,
        company_id: row.company_id,
        role: slug(&row.role, TeamRole::from_slug, "team role")?,
    })
}

/// Where the account works, if anywhere.
pub async fn seat_of(db: &impl ConnectionTrait, user_id: i64) -> Result<Option<Seat>, StoreError> {
    let row = team_members::Entity::find().filter(team_members::Column::UserId.eq(user_id)).one(db).await?;
    row.as_ref().map(seat_of_row).transpose()
}

fn company(kind: TeamKind, company_id: i64) -> sea_orm::Select<team_members::Entity> {
    team_members::Entity::find()
        .filter(team_members::Column::CompanyKind.eq(kind.slug()))
        .filter(team_members::Column::CompanyId.eq(company_id))
        .order_by_asc(team_members::Column::Id)
}

fn with_roles(rows: Vec<team_members::Model>) -> Result<Vec<(team_members::Model, TeamRole)>, StoreError> {
    rows.into_iter()
        .map(|row| {
            let role = slug(&row.role, TeamRole::from_slug, "team role")?;
            Ok((row, role))
        })
        .collect()
}

/// A company's members with their roles, first joined first.
pub async fn of_company(
    db: &impl ConnectionTrait,
    kind: TeamKind,
    company_id: i64,
) -> Result<Vec<(team_members::Model, TeamRole)>, StoreError> {
    with_roles(company(kind, company_id).all(db).await?)
}

/// The company's members, locked until the transaction ends (PostgreSQL;
/// SQLite's write transactions are serial): two owners demoting each other
/// at once cannot leave the company without one.
pub async fn lock_company(
    db: &impl ConnectionTrait,
    kind: TeamKind,
    company_id: i64,
) -> Result<Vec<(team_members::Model, TeamRole)>, StoreError> {
    with_roles(company(kind, company_id).lock_exclusive().all(db).await?)
}

/// Whether `user_id` is one of `members` and answers inquiries (the one
/// check routing, assignment and the owners' rules share).
pub fn answers_inquiries(members: &[(team_members::Model, TeamRole)], user_id: i64) -> bool {
    members.iter().any(|(row, role)| row.user_id == user_id && role.may(app::domain::WorkspaceAction::AnswerInquiries))
}

/// Seats the account in the company; an account already seated somewhere
/// is `Conflict { field: "email" }`.
pub async fn insert(db: &impl ConnectionTrait, seat: Seat, user_id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
    team_members::ActiveModel {
        company_kind: Set(seat.kind.slug().to_owned()),
        company_id: Set(seat.company_id),
        user_id: Set(user_id),
        role: Set(seat.role.slug().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| unique_as(e, "email"))?;
    Ok(())
}

/// Changes a member's role.
pub async fn set_role(
    db: &impl ConnectionTrait,
    kind: TeamKind,
    company_id: i64,
    user_id: i64,
    role: TeamRole,
) -> Result<bool, StoreError> {
    let changed = team_members::Entity::update_many()
        .col_expr(team_members::Column::Role, Expr::value(role.slug()))
        .filter(team_members::Column::CompanyKind.eq(kind.slug()))
        .filter(team_members::Column::CompanyId.eq(company_id))
        .filter(team_members::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(changed.rows_affected == 1)
}

/// Removes a member from the company.
pub async fn remove(
    db: &impl ConnectionTrait,
    kind: TeamKind,
    company_id: i64,
    user_id: i64,
) -> Result<bool, StoreError> {
    let removed = team_members::Entity::delete_many()
        .filter(team_members::Column::CompanyKind.eq(kind.slug()))
        .filter(team_members::Column::CompanyId.eq(company_id))
        .filter(team_members::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(removed.rows_affected == 1)
}
