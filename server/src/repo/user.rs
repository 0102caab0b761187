//! Accounts: creating them, finding them, changing their password or status.
//! The auth layer turns rows into the signed-in `AccountUser`.

use app::domain::{AccountStatus, Locale, Role};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::entities::users;
use crate::error::{StoreError, unique_as};

/// What a new account is made of (the password already hashed).
pub struct NewAccount {
    pub email: String,
    pub password_hash: String,
    pub display_name: String,
    pub role: Role,
    pub locale: Locale,
}

/// Creates an active account; a taken address is `Conflict { field: "email" }`.
pub async fn insert(db: &impl ConnectionTrait, new: NewAccount, at: DateTime<Utc>) -> Result<users::Model, StoreError> {
    users::ActiveModel {
        email: Set(new.email),
        password_hash: Set(new.password_hash),
        display_name: Set(new.display_name),
        role: Set(new.role.slug().to_owned()),
        status: Set(AccountStatus::Active.slug().to_owned()),
        locale: Set(new.locale.code().to_owned()),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| unique_as(e, "email"))
}

pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<users::Model>, StoreError> {
    Ok(users::Entity::find_by_id(id).one(db).await?)
}

pub async fn by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<users::Model>, StoreError> {
    Ok(users::Entity::find().filter(users::Column::Email.eq(email)).one(db).await?)
}

/// Sets a new password hash.
pub async fn set_password(db: &impl ConnectionTrait, id: i64, hash: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
    users::Entity::update_many()
        .col_expr(users::Column::PasswordHash, Expr::value(hash.to_owned()))
        .col_expr(users::Column::UpdatedAt, Expr::value(at))
        .filter(users::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Sets an account's status.
pub async fn set_status(
    db: &impl ConnectionTrait,
    id: i64,
    status: AccountStatus,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    users::Entity::update_many()
        .col_expr(users::Column::Status, Expr::value(status.slug()))
        .col_expr(users::Column::UpdatedAt, Expr::value(at))
        .filter(users::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Sets an account's role and, for administrators, its office.
pub async fn set_role(
    db: &impl ConnectionTrait,
    id: i64,
    role: Role,
    office: Option<app::domain::Office>,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    users::Entity::update_many()
        .col_expr(users::Column::Role, Expr::value(role.slug()))
        .col_expr(users::Column::Office, Expr::value(office.map(|office| office.slug().to_owned())))
        .col_expr(users::Column::UpdatedAt, Expr::value(at))
        .filter(users::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
