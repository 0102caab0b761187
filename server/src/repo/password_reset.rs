//! Password resets: the requests waiting for the reset links job, and the
//! tokens mailed, kept only as SHA-256 hashes; each token works once.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entities::{password_reset_requests, password_resets};
use crate::error::StoreError;

/// An open (unused, unexpired) token.
pub struct OpenReset {
    pub id: i64,
    pub user_id: i64,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    user_id: i64,
    token_hash: String,
    at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    password_resets::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(token_hash),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The open token with this hash at `now`, if any.
pub async fn open(
    db: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<OpenReset>, StoreError> {
    Ok(password_resets::Entity::find()
        .filter(password_resets::Column::TokenHash.eq(token_hash))
        .filter(password_resets::Column::UsedAt.is_null())
        .filter(password_resets::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
        .map(|row| OpenReset { id: row.id, user_id: row.user_id }))
}

/// Spends one token if it is still open; whether this call spent it (of two
/// requests racing with the same token, exactly one does).
pub async fn spend(db: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let spent = password_resets::Entity::update_many()
        .col_expr(password_resets::Column::UsedAt, Expr::value(now))
        .filter(password_resets::Column::Id.eq(id))
        .filter(password_resets::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(spent.rows_affected == 1)
}

/// Spends every token still open for an account.
pub async fn spend_all_of(db: &impl ConnectionTrait, user_id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
    password_resets::Entity::update_many()
        .col_expr(password_resets::Column::UsedAt, Expr::value(now))
        .filter(password_resets::Column::UserId.eq(user_id))
        .filter(password_resets::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// A reset asked for an address, waiting for the reset links job.
pub struct ResetRequest {
    pub id: i64,
    pub email: String,
    pub locale: String,
}

/// Records a reset asked for `email` (known or not).
pub async fn request(
    db: &impl ConnectionTrait,
    email: &str,
    locale: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    password_reset_requests::ActiveModel {
        email: Set(email.to_owned()),
        locale: Set(locale.to_owned()),
        requested_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The oldest waiting requests, at most `limit`.
pub async fn waiting_requests(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<ResetRequest>, StoreError> {
    let rows = password_reset_requests::Entity::find()
        .order_by_asc(password_reset_requests::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|row| ResetRequest { id: row.id, email: row.email, locale: row.locale }).collect())
}

/// Deletes a handled request; whether it was still there (another round
/// may have handled it first).
pub async fn forget_request(db: &impl ConnectionTrait, id: i64) -> Result<bool, StoreError> {
    let deleted = password_reset_requests::Entity::delete_by_id(id).exec(db).await?;
    Ok(deleted.rows_affected == 1)
}
