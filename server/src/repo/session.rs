//! Session rows: what the session store reads and writes (rows are keyed by
//! the SHA-256 of the session id), the sweep of expired ones, and ending
//! every session of an account (suspension, password change or reset).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::entities::sessions;
use crate::error::StoreError;

/// What a session row holds.
pub struct SessionRow {
    pub id_hash: String,
    pub user_id: Option<i64>,
    pub data: Vec<u8>,
    pub expires_at: DateTime<Utc>,
}

/// Whether a row with this key exists (live or not).
pub async fn exists(db: &impl ConnectionTrait, id_hash: &str) -> Result<bool, StoreError> {
    Ok(sessions::Entity::find_by_id(id_hash.to_owned()).one(db).await?.is_some())
}

/// Writes a new row, created at `now`.
pub async fn insert(db: &impl ConnectionTrait, row: SessionRow, now: DateTime<Utc>) -> Result<(), StoreError> {
    let model = sessions::ActiveModel {
        id: Set(row.id_hash),
        user_id: Set(row.user_id),
        data: Set(row.data),
        expires_at: Set(row.expires_at),
        created_at: Set(now),
    };
    sessions::Entity::insert(model).exec(db).await?;
    Ok(())
}

/// Rewrites an existing row's account, data and expiry; a row deleted
/// meanwhile stays deleted.
pub async fn update(db: &impl ConnectionTrait, row: SessionRow) -> Result<(), StoreError> {
    sessions::Entity::update_many()
        .col_expr(sessions::Column::UserId, Expr::value(row.user_id))
        .col_expr(sessions::Column::Data, Expr::value(row.data))
        .col_expr(sessions::Column::ExpiresAt, Expr::value(row.expires_at))
        .filter(sessions::Column::Id.eq(row.id_hash))
        .exec(db)
        .await?;
    Ok(())
}

/// The row if it has not expired at `now` and was created after `created_after`.
pub async fn live(
    db: &impl ConnectionTrait,
    id_hash: &str,
    now: DateTime<Utc>,
    created_after: DateTime<Utc>,
) -> Result<Option<SessionRow>, StoreError> {
    let found = sessions::Entity::find_by_id(id_hash.to_owned())
        .filter(sessions::Column::ExpiresAt.gt(now))
        .filter(sessions::Column::CreatedAt.gt(created_after))
        .one(db)
        .await?;
    Ok(found.map(|row| SessionRow {
        id_hash: row.id,
        user_id: row.user_id,
        data: row.data,
        expires_at: row.expires_at,
    }))
}

pub async fn delete(db: &impl ConnectionTrait, id_hash: &str) -> Result<(), StoreError> {
    sessions::Entity::delete_by_id(id_hash.to_owned()).exec(db).await?;
    Ok(())
}

/// Deletes rows expired at `now` or created before `created_before`; how many.
pub async fn delete_expired(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    created_before: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let result = sessions::Entity::delete_many()
        .filter(sessions::Column::ExpiresAt.lt(now).or(sessions::Column::CreatedAt.lt(created_before)))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Ends every session of an account; how many there were.
pub async fn end_all_of(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, StoreError> {
    let result = sessions::Entity::delete_many().filter(sessions::Column::UserId.eq(user_id)).exec(db).await?;
    Ok(result.rows_affected)
}
