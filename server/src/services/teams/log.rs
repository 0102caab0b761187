//! What the team log records, written in the change's own transaction:
//! membership changes (`services::teams`) and listing status changes by
//! member (`services::studio`). An office working for a cooperative writes
//! the offices' audit log instead (`studio::on_behalf`).

use app::domain::{ProducerAccess, TeamKind, TeamLogAction};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::error::StoreError;
use crate::repo::team_log::{self, Actor, Entry};

/// The acting account as the log names it: "Name <address>".
pub async fn actor_name(db: &impl ConnectionTrait, user_id: i64) -> Result<String, StoreError> {
    Ok(match crate::repo::user::by_id(db, user_id).await? {
        Some(user) => format!("{} <{}>", user.display_name, user.email),
        None => format!("#{user_id}"),
    })
}

/// Records a change to one of the producer's listings, by a member.
pub async fn listing_change(
    db: &impl ConnectionTrait,
    access: &ProducerAccess,
    listing_id: i64,
    action: TeamLogAction,
    detail: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Some(producer_id) = access.producer_id().filter(|_| !access.on_behalf()) else { return Ok(()) };
    let title = crate::repo::own_listing::title_of(db, listing_id).await?;
    let name = actor_name(db, access.user_id()).await?;
    let entry = Entry { action, subject: &title, subject_id: Some(listing_id), detail };
    team_log::record(db, TeamKind::Producer, producer_id, &Actor { user_id: access.user_id(), name: &name }, entry, now)
        .await
}

/// Records a membership change.
pub async fn membership_change(
    db: &impl ConnectionTrait,
    kind: TeamKind,
    company_id: i64,
    actor_user_id: i64,
    entry: Entry<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let name = actor_name(db, actor_user_id).await?;
    team_log::record(db, kind, company_id, &Actor { user_id: actor_user_id, name: &name }, entry, now).await
}
