//! Checked sheets held between their preview and their confirmation
//! (`import_batches`): the preview and, when it has no problem, its rows,
//! as JSON, for the person who uploaded them, for `BATCH_MINUTES`.

use app::domain::{ImportPreview, ImportRow};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::entities::import_batches;
use crate::error::StoreError;

/// How long a checked sheet waits for its confirmation.
pub const BATCH_MINUTES: i64 = 60;

fn json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn parsed<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Holds a batch under `preview.token` (forgetting the expired ones).
pub async fn hold(
    db: &impl ConnectionTrait,
    producer_id: i64,
    user_id: i64,
    preview: &ImportPreview,
    rows: &[ImportRow],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    import_batches::Entity::delete_many()
        .filter(import_batches::Column::CreatedAt.lt(now - Duration::minutes(BATCH_MINUTES)))
        .exec(db)
        .await?;
    import_batches::ActiveModel {
        token: Set(preview.token.clone()),
        producer_id: Set(producer_id),
        user_id: Set(user_id),
        rows: Set(json(&rows)?),
        preview: Set(json(preview)?),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The batch `token` of `user_id` for `producer_id`, while it is fresh.
pub async fn find(
    db: &impl ConnectionTrait,
    token: &str,
    user_id: i64,
    producer_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<(ImportPreview, Vec<ImportRow>)>, StoreError> {
    let Some(found) = import_batches::Entity::find_by_id(token.to_owned()).one(db).await? else { return Ok(None) };
    if found.user_id != user_id
        || found.producer_id != producer_id
        || found.created_at < now - Duration::minutes(BATCH_MINUTES)
    {
        return Ok(None);
    }
    Ok(Some((parsed(&found.preview)?, parsed(&found.rows)?)))
}

/// Forgets a batch (as it is written); returns how many rows went (1, or 0
/// when another confirmation took it first).
pub async fn drop(db: &impl ConnectionTrait, token: &str) -> Result<u64, StoreError> {
    Ok(import_batches::Entity::delete_by_id(token.to_owned()).exec(db).await?.rows_affected)
}
