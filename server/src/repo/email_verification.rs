//! Links proving an e-mail address, kept only as SHA-256 hashes; each works
//! once, for `services::confirmation::VERIFY_LINK_DAYS`.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::entities::{email_verifications, users};
use crate::error::StoreError;

pub async fn insert(
    db: &impl ConnectionTrait,
    user_id: i64,
    email: &str,
    token_hash: String,
    at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    email_verifications::ActiveModel {
        token_hash: Set(token_hash),
        user_id: Set(user_id),
        email: Set(email.to_owned()),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(at),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Links sent to the account since `since` (to bound the mails).
pub async fn sent_since(db: &impl ConnectionTrait, user_id: i64, since: DateTime<Utc>) -> Result<u64, StoreError> {
    Ok(email_verifications::Entity::find()
        .filter(email_verifications::Column::UserId.eq(user_id))
        .filter(email_verifications::Column::CreatedAt.gt(since))
        .count(db)
        .await?)
}

/// Spends the open link with this hash: the account it proves, if the link
/// was open and still names the account's current address (of two requests
/// racing with one link, exactly one spends it).
pub async fn spend(db: &impl ConnectionTrait, token_hash: &str, now: DateTime<Utc>) -> Result<Option<i64>, StoreError> {
    let Some(link) = email_verifications::Entity::find_by_id(token_hash.to_owned())
        .one(db)
        .await?
        .filter(|link| link.used_at.is_none() && link.expires_at > now)
    else {
        return Ok(None);
    };
    let spent = email_verifications::Entity::update_many()
        .col_expr(email_verifications::Column::UsedAt, Expr::value(now))
        .filter(email_verifications::Column::TokenHash.eq(token_hash))
        .filter(email_verifications::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if spent.rows_affected != 1 {
        return Ok(None);
    }
    let verified = users::Entity::update_many()
        .col_expr(users::Column::EmailVerifiedAt, Expr::value(now))
        .filter(users::Column::Id.eq(link.user_id))
        .filter(users::Column::Email.eq(link.email.as_str()))
        .exec(db)
        .await?;
    Ok((verified.rows_affected == 1).then_some(link.user_id))
}
