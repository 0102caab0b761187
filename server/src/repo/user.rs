//! Accounts: creating them, finding them, changing their password or status,
//! and the placeholder owner of a producer a trade office onboards (created,
//! then handed over to the cooperative that claims it). The auth layer turns
//! rows into the signed-in `AccountUser`.

use app::domain::{AccountStatus, Locale, Role};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set, Unchanged};

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

/// An account by id.
pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<users::Model>, StoreError> {
    Ok(users::Entity::find_by_id(id).one(db).await?)
}

/// The account, its row locked until the transaction ends (PostgreSQL;
/// SQLite's write transactions are serial already): a role change and a
/// suspension of one account happen one after the other.
pub async fn locked(db: &impl ConnectionTrait, id: i64) -> Result<Option<users::Model>, StoreError> {
    Ok(users::Entity::find_by_id(id).lock_exclusive().one(db).await?)
}

/// An account by its address (as stored: already normalized).
pub async fn by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<users::Model>, StoreError> {
    Ok(users::Entity::find().filter(users::Column::Email.eq(email)).one(db).await?)
}

/// Creates the placeholder owner of a producer a trade office onboards: an
/// active producer account, in French, whose password hash is no hash (no
/// password matches it). A taken address is the database's error.
pub async fn insert_placeholder_owner(
    db: &impl ConnectionTrait,
    email: String,
    display_name: String,
    at: DateTime<Utc>,
) -> Result<users::Model, StoreError> {
    Ok(users::ActiveModel {
        email: Set(email),
        // Not a hash: no password matches it.
        password_hash: Set("!".to_owned()),
        display_name: Set(display_name),
        role: Set(Role::Producer.slug().to_owned()),
        status: Set(AccountStatus::Active.slug().to_owned()),
        locale: Set(Locale::Fr.code().to_owned()),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Hands a placeholder account over to whoever claimed it: its address
/// (confirmed at `at`), name, password hash and language code. A taken
/// address is `Conflict { field: "email" }`. Returns the account.
pub async fn claim_placeholder(
    db: &impl ConnectionTrait,
    id: i64,
    email: &str,
    display_name: &str,
    password_hash: &str,
    locale: &str,
    at: DateTime<Utc>,
) -> Result<users::Model, StoreError> {
    users::ActiveModel {
        id: Unchanged(id),
        email: Set(email.to_owned()),
        display_name: Set(display_name.to_owned()),
        password_hash: Set(password_hash.to_owned()),
        locale: Set(locale.to_owned()),
        email_verified_at: Set(Some(at)),
        updated_at: Set(at),
        ..Default::default()
    }
    .update(db)
    .await
    .map_err(|e| unique_as(e, "email"))
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

/// Records that the account's address is confirmed (an invitation mailed
/// to it was followed).
pub async fn mark_verified(db: &impl ConnectionTrait, id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
    users::ActiveModel { id: Unchanged(id), email_verified_at: Set(Some(at)), ..Default::default() }.update(db).await?;
    Ok(())
}

/// Accounts by id.
pub async fn by_ids(db: &impl ConnectionTrait, ids: Vec<i64>) -> Result<Vec<users::Model>, StoreError> {
    Ok(users::Entity::find().filter(users::Column::Id.is_in(ids)).all(db).await?)
}
