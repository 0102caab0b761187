//! The team log (`team_log`): membership changes and listing status
//! changes, by member. Append-only: this module adds rows and reads them;
//! the database refuses updates and deletes (triggers, both backends).

use app::domain::{TeamKind, TeamLogAction};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entities::team_log;
use crate::error::StoreError;

/// Who acted, as the log keeps them.
pub struct Actor<'a> {
    pub user_id: i64,
    /// Their name and address when they acted.
    pub name: &'a str,
}

/// One entry: what was done, to whom or what, with which detail.
pub struct Entry<'a> {
    pub action: TeamLogAction,
    pub subject: &'a str,
    pub subject_id: Option<i64>,
    pub detail: Option<&'a str>,
}

pub async fn record(
    db: &impl ConnectionTrait,
    kind: TeamKind,
    company_id: i64,
    actor: &Actor<'_>,
    entry: Entry<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    team_log::ActiveModel {
        company_kind: Set(kind.slug().to_owned()),
        company_id: Set(company_id),
        actor_user_id: Set(actor.user_id),
        actor_name: Set(actor.name.chars().take(254).collect()),
        action: Set(entry.action.slug().to_owned()),
        subject: Set(entry.subject.chars().take(300).collect()),
        subject_id: Set(entry.subject_id),
        detail: Set(entry.detail.map(str::to_owned)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The company's newest entries.
pub async fn newest(
    db: &impl ConnectionTrait,
    kind: TeamKind,
    company_id: i64,
    limit: u64,
) -> Result<Vec<team_log::Model>, StoreError> {
    Ok(team_log::Entity::find()
        .filter(team_log::Column::CompanyKind.eq(kind.slug()))
        .filter(team_log::Column::CompanyId.eq(company_id))
        .order_by_desc(team_log::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}
