//! A producer's routing rules (`routing_rules`), and what routing reads of
//! its conversations: who answered a buyer before, when each member was
//! last assigned one. The decision itself is `app::domain::route`.

use std::collections::HashMap;

use app::domain::{RoutingKind, RoutingRule};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::convert::slug;
use crate::entities::{inquiries, inquiry_messages, routing_rules};
use crate::error::{StoreError, unique_as};

/// The producer's rules with their ids, oldest first.
pub async fn of_producer(db: &impl ConnectionTrait, producer_id: i64) -> Result<Vec<(i64, RoutingRule)>, StoreError> {
    let rows = routing_rules::Entity::find()
        .filter(routing_rules::Column::ProducerId.eq(producer_id))
        .order_by_asc(routing_rules::Column::Id)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|row| {
            let kind = slug(&row.kind, RoutingKind::from_slug, "routing kind")?;
            Ok((row.id, RoutingRule { kind, value: row.value, member_user_id: row.member_user_id }))
        })
        .collect()
}

/// Adds a rule; one rule per kind and value (`Conflict { field: "value" }`).
pub async fn insert(
    db: &impl ConnectionTrait,
    producer_id: i64,
    rule: &RoutingRule,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    routing_rules::ActiveModel {
        producer_id: Set(producer_id),
        kind: Set(rule.kind.slug().to_owned()),
        value: Set(rule.value.clone()),
        member_user_id: Set(rule.member_user_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| unique_as(e, "value"))?;
    Ok(())
}

/// Removes one of the producer's rules.
pub async fn remove(db: &impl ConnectionTrait, producer_id: i64, id: i64) -> Result<bool, StoreError> {
    let removed = routing_rules::Entity::delete_many()
        .filter(routing_rules::Column::ProducerId.eq(producer_id))
        .filter(routing_rules::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(removed.rows_affected == 1)
}

/// Removes the rules naming a member who leaves the team.
pub async fn remove_of_member(db: &impl ConnectionTrait, producer_id: i64, user_id: i64) -> Result<(), StoreError> {
    routing_rules::Entity::delete_many()
        .filter(routing_rules::Column::ProducerId.eq(producer_id))
        .filter(routing_rules::Column::MemberUserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The member of the producer who last wrote to this buyer (in any of
/// their conversations), if any.
pub async fn answered_before(
    db: &impl ConnectionTrait,
    producer_id: i64,
    buyer_user_id: i64,
) -> Result<Option<i64>, StoreError> {
    let conversations: Vec<i64> = inquiries::Entity::find()
        .select_only()
        .column(inquiries::Column::Id)
        .filter(inquiries::Column::ProducerId.eq(producer_id))
        .filter(inquiries::Column::BuyerUserId.eq(buyer_user_id))
        .into_tuple()
        .all(db)
        .await?;
    if conversations.is_empty() {
        return Ok(None);
    }
    Ok(inquiry_messages::Entity::find()
        .select_only()
        .column(inquiry_messages::Column::SenderUserId)
        .filter(inquiry_messages::Column::InquiryId.is_in(conversations))
        .filter(inquiry_messages::Column::SenderUserId.ne(buyer_user_id))
        .order_by_desc(inquiry_messages::Column::Id)
        .into_tuple()
        .one(db)
        .await?)
}

/// When each member was last assigned one of the producer's conversations
/// (RFC 3339, so they compare as times).
pub async fn last_assigned(db: &impl ConnectionTrait, producer_id: i64) -> Result<HashMap<i64, String>, StoreError> {
    let rows: Vec<(Option<i64>, DateTime<Utc>)> = inquiries::Entity::find()
        .select_only()
        .column(inquiries::Column::AssigneeUserId)
        .column_as(inquiries::Column::CreatedAt.max(), "last")
        .filter(inquiries::Column::ProducerId.eq(producer_id))
        .filter(inquiries::Column::AssigneeUserId.is_not_null())
        .group_by(inquiries::Column::AssigneeUserId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(user, at)| user.map(|user| (user, at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string())))
        .collect())
}
