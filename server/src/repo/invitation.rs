//! Invitations to claim an onboarded producer (`producer_invitations`): a
//! token kept as its SHA-256, used once, until it expires. The rules (who
//! may invite, what a claim hands over) are `services::offices::onboarding`'s.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entities::producer_invitations;
use crate::error::StoreError;

/// What an invitation says.
pub struct NewInvitation<'a> {
    pub producer_id: i64,
    pub email: &'a str,
    pub token_hash: String,
    pub locale: &'a str,
    pub invited_by: i64,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(db: &impl ConnectionTrait, new: NewInvitation<'_>, now: DateTime<Utc>) -> Result<(), StoreError> {
    producer_invitations::ActiveModel {
        producer_id: Set(new.producer_id),
        email: Set(new.email.to_owned()),
        token_hash: Set(new.token_hash),
        locale: Set(new.locale.to_owned()),
        invited_by: Set(new.invited_by),
        created_at: Set(now),
        expires_at: Set(new.expires_at),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Marks the producer's unused invitations used.
pub async fn void_of_producer(
    db: &impl ConnectionTrait,
    producer_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    producer_invitations::Entity::update_many()
        .col_expr(producer_invitations::Column::UsedAt, Expr::value(now))
        .filter(producer_invitations::Column::ProducerId.eq(producer_id))
        .filter(producer_invitations::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The address of the producer's newest invitation still open, if any.
pub async fn pending_email(
    db: &impl ConnectionTrait,
    producer_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<String>, StoreError> {
    Ok(producer_invitations::Entity::find()
        .filter(producer_invitations::Column::ProducerId.eq(producer_id))
        .filter(producer_invitations::Column::UsedAt.is_null())
        .filter(producer_invitations::Column::ExpiresAt.gt(now))
        .order_by_desc(producer_invitations::Column::Id)
        .one(db)
        .await?
        .map(|invitation| invitation.email))
}

/// The invitation whose token has this hash.
pub async fn by_token_hash(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<producer_invitations::Model>, StoreError> {
    Ok(producer_invitations::Entity::find()
        .filter(producer_invitations::Column::TokenHash.eq(token_hash))
        .one(db)
        .await?)
}

/// Uses the invitation, on a condition: of two claims racing with one link,
/// exactly one gets `true` (PostgreSQL reads committed data).
pub async fn use_once(db: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let used = producer_invitations::Entity::update_many()
        .col_expr(producer_invitations::Column::UsedAt, Expr::value(now))
        .filter(producer_invitations::Column::Id.eq(id))
        .filter(producer_invitations::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(used.rows_affected == 1)
}
