//! A producer's saved replies (`saved_replies`). Who may keep and use them
//! is `services::inquiries`'.

use app::domain::SavedReply;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use crate::entities::saved_replies;
use crate::error::StoreError;

/// The producer's saved replies, by title.
pub async fn of_producer(db: &impl ConnectionTrait, producer_id: i64) -> Result<Vec<SavedReply>, StoreError> {
    Ok(saved_replies::Entity::find()
        .filter(saved_replies::Column::ProducerId.eq(producer_id))
        .order_by_asc(saved_replies::Column::Title)
        .order_by_asc(saved_replies::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| SavedReply { id: row.id, title: row.title, body: row.body })
        .collect())
}

pub async fn count(db: &impl ConnectionTrait, producer_id: i64) -> Result<u64, StoreError> {
    Ok(saved_replies::Entity::find().filter(saved_replies::Column::ProducerId.eq(producer_id)).count(db).await?)
}

pub async fn insert(
    db: &impl ConnectionTrait,
    producer_id: i64,
    (title, body): (String, String),
    created_by: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    saved_replies::ActiveModel {
        producer_id: Set(producer_id),
        title: Set(title),
        body: Set(body),
        created_by: Set(Some(created_by)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Removes one of the producer's saved replies.
pub async fn remove(db: &impl ConnectionTrait, producer_id: i64, id: i64) -> Result<bool, StoreError> {
    let removed = saved_replies::Entity::delete_many()
        .filter(saved_replies::Column::ProducerId.eq(producer_id))
        .filter(saved_replies::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(removed.rows_affected == 1)
}
