//! The mail outbox: mails written in the transaction of the event that causes
//! them, then sent (or given up on) by `jobs::mail_sender`.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entities::mail_outbox;
use crate::error::StoreError;
use crate::mail::Mail;

pub use app::domain::MailStatus;

/// A mail waiting in the outbox.
#[derive(Debug)]
pub struct QueuedMail {
    pub id: i64,
    pub attempts: u32,
    pub mail: Mail,
}

/// Queues a mail, inside the caller's transaction; it can go at once.
pub async fn enqueue(db: &impl ConnectionTrait, mail: &Mail, now: DateTime<Utc>) -> Result<i64, StoreError> {
    let row = mail_outbox::ActiveModel {
        to_address: Set(mail.to.clone()),
        subject: Set(mail.subject.clone()),
        body: Set(mail.body.clone()),
        status: Set(MailStatus::Pending.slug().to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Pending mails whose next attempt is due, oldest first.
pub async fn due(db: &impl ConnectionTrait, now: DateTime<Utc>, limit: u64) -> Result<Vec<QueuedMail>, StoreError> {
    let rows = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Status.eq(MailStatus::Pending.slug()))
        .filter(mail_outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(mail_outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| QueuedMail {
            id: row.id,
            attempts: u32::try_from(row.attempts).unwrap_or(0),
            mail: Mail { to: row.to_address, subject: row.subject, body: row.body },
        })
        .collect())
}

/// Records that a mail was handed to the transport.
pub async fn mark_sent(db: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
    mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::Status, Expr::value(MailStatus::Sent.slug()))
        .col_expr(mail_outbox::Column::SentAt, Expr::value(now))
        .filter(mail_outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt: the next one at `retry_at`, or none (dead).
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    id: i64,
    attempts: u32,
    retry_at: Option<DateTime<Utc>>,
    error: &str,
) -> Result<(), StoreError> {
    let status = if retry_at.is_some() { MailStatus::Pending } else { MailStatus::Dead };
    let mut update = mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::Status, Expr::value(status.slug()))
        .col_expr(mail_outbox::Column::Attempts, Expr::value(i32::try_from(attempts).unwrap_or(i32::MAX)))
        .col_expr(mail_outbox::Column::LastError, Expr::value(error.to_owned()));
    if let Some(at) = retry_at {
        update = update.col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(at));
    }
    update.filter(mail_outbox::Column::Id.eq(id)).exec(db).await?;
    Ok(())
}
