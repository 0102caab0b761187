//! The audit log, as stored: one function adds a row, the others read.
//! There is deliberately no function that changes or removes a row, and
//! the database refuses it anyway (migration 17's triggers). Every
//! administrator action writes its row in the action's own transaction, so
//! an action is never done without its record, nor recorded without being
//! done.

use app::domain::{AdminAccess, AuditAction, AuditEntry, AuditFilter, AuditObject, Region};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select, Set,
};

use crate::entities::{audit_log, producers, users};
use crate::error::StoreError;

/// What an action was done to.
pub struct AuditTarget<'a> {
    pub kind: AuditObject,
    pub id: i64,
    /// Its name at the time (a trade name, a title, an address).
    pub label: &'a str,
    /// The region of the producer concerned, if any.
    pub region: Option<Region>,
}

impl AuditTarget<'_> {
    /// The producer `row`, by its trade name and region.
    pub fn producer(row: &producers::Model) -> Result<AuditTarget<'_>, StoreError> {
        let region = super::convert::slug(&row.region, Region::from_slug, "region")?;
        Ok(AuditTarget { kind: AuditObject::Producer, id: row.id, label: &row.trade_name, region: Some(region) })
    }
}

/// Why, when the action has a reason.
#[derive(Default)]
pub struct AuditWhy<'a> {
    pub reason: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// Adds a row for an action `admin` took, in the caller's transaction.
pub async fn record(
    db: &impl ConnectionTrait,
    admin: &AdminAccess,
    action: AuditAction,
    target: AuditTarget<'_>,
    why: AuditWhy<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let actor = users::Entity::find_by_id(admin.user_id())
        .one(db)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("audit: no account {}", admin.user_id())))?;
    audit_log::ActiveModel {
        actor_user_id: Set(actor.id),
        actor_email: Set(actor.email),
        actor_office: Set(admin.office().slug().to_owned()),
        action: Set(action.slug().to_owned()),
        object_kind: Set(target.kind.slug().to_owned()),
        object_id: Set(target.id),
        object_label: Set(target.label.chars().take(300).collect()),
        region: Set(target.region.map(|region| region.slug().to_owned())),
        reason: Set(why.reason.map(str::to_owned)),
        note: Set(why.note.map(str::to_owned)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

fn filtered(filter: &AuditFilter) -> Select<audit_log::Entity> {
    let mut condition = Condition::all();
    if let Some(action) = filter.action {
        condition = condition.add(audit_log::Column::Action.eq(action.slug()));
    }
    if let Some(object) = filter.object {
        condition = condition.add(audit_log::Column::ObjectKind.eq(object.slug()));
    }
    if !filter.actor.is_empty() {
        condition = condition.add(audit_log::Column::ActorEmail.contains(filter.actor.to_lowercase()));
    }
    let day_start =
        |date: app::domain::CalendarDate| DateTime::<Utc>::from_timestamp(date.days_since_epoch() * 86_400, 0);
    if let Some(from) = filter.from.and_then(day_start) {
        condition = condition.add(audit_log::Column::CreatedAt.gte(from));
    }
    if let Some(to) = filter.to.and_then(day_start) {
        condition = condition.add(audit_log::Column::CreatedAt.lt(to + chrono::Duration::days(1)));
    }
    audit_log::Entity::find()
        .filter(condition)
        .order_by_desc(audit_log::Column::CreatedAt)
        .order_by_desc(audit_log::Column::Id)
}

fn entry(row: audit_log::Model) -> Option<AuditEntry> {
    Some(AuditEntry {
        id: row.id,
        at: row.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        actor_email: row.actor_email,
        actor_office: row.actor_office,
        action: AuditAction::from_slug(&row.action)?,
        object: AuditObject::from_slug(&row.object_kind)?,
        object_id: row.object_id,
        object_label: row.object_label,
        reason: row.reason,
        note: row.note,
    })
}

/// One page of the rows matching `filter`, newest first, and how many match.
pub async fn page(
    db: &impl ConnectionTrait,
    filter: &AuditFilter,
    page_size: u64,
) -> Result<(Vec<AuditEntry>, u64), StoreError> {
    let total = filtered(filter).count(db).await?;
    let rows = filtered(filter).offset((filter.page.max(1) - 1) * page_size).limit(page_size).all(db).await?;
    Ok((rows.into_iter().filter_map(entry).collect(), total))
}

/// Every row matching `filter`, newest first, at most `cap` (the export).
pub async fn export(db: &impl ConnectionTrait, filter: &AuditFilter, cap: u64) -> Result<Vec<AuditEntry>, StoreError> {
    let rows = filtered(filter).limit(cap).all(db).await?;
    Ok(rows.into_iter().filter_map(entry).collect())
}
