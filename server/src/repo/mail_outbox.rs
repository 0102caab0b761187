//! The mail outbox: mails written in the transaction of the event that causes
//! them, then claimed, sent (or given up on) by `jobs::mail_sender`. A claim
//! makes each mail go once however many server processes send.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Set, Statement, Value,
};

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
        claim: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Claims up to `limit` pending mails due at `now`, oldest first, for the
/// sender round `claim`: each is held until `lease_until` (its next attempt
/// moves there), so no other round — in this process or another — takes it
/// meanwhile; a mail whose round never marked it is taken again once the
/// lease ends. On PostgreSQL rows another round is claiming are skipped
/// (`FOR UPDATE SKIP LOCKED`); SQLite has one writer at a time.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    claim: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<QueuedMail>, StoreError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "UPDATE mail_outbox SET claim = $1, next_attempt_at = $2 WHERE id IN (SELECT id FROM mail_outbox \
             WHERE status = $3 AND next_attempt_at <= $4 ORDER BY id LIMIT $5 FOR UPDATE SKIP LOCKED) \
             RETURNING id, to_address, subject, body, attempts"
        }
        _ => {
            "UPDATE mail_outbox SET claim = ?, next_attempt_at = ? WHERE id IN (SELECT id FROM mail_outbox \
             WHERE status = ? AND next_attempt_at <= ? ORDER BY id LIMIT ?) \
             RETURNING id, to_address, subject, body, attempts"
        }
    };
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let values: [Value; 5] =
        [claim.into(), lease_until.into(), MailStatus::Pending.slug().into(), now.into(), limit.into()];
    let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
    let mut claimed = Vec::with_capacity(rows.len());
    for row in rows {
        let attempts: i32 = row.try_get("", "attempts")?;
        claimed.push(QueuedMail {
            id: row.try_get("", "id")?,
            attempts: u32::try_from(attempts).unwrap_or(0),
            mail: Mail {
                to: row.try_get("", "to_address")?,
                subject: row.try_get("", "subject")?,
                body: row.try_get("", "body")?,
            },
        });
    }
    // RETURNING gives no order.
    claimed.sort_by_key(|mail| mail.id);
    Ok(claimed)
}

/// Records that a mail claimed by `claim` was handed to the transport;
/// whether the claim still held (a round slower than its lease lost it).
/// Hands back the pending mails whose claim starts with `prefix`: due at
/// `now`, claimed by nobody. How many.
pub async fn release_claims(db: &impl ConnectionTrait, prefix: &str, now: DateTime<Utc>) -> Result<u64, StoreError> {
    // Claims are hex: a prefix with LIKE's wildcards in it could release
    // another process's claims, so it is refused rather than matched.
    if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(StoreError::Db(sea_orm::DbErr::Custom(format!("a claim prefix is hexadecimal, not {prefix:?}"))));
    }
    let done = mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::Claim, Expr::value(Option::<String>::None))
        .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(now))
        .filter(mail_outbox::Column::Status.eq(MailStatus::Pending.slug()))
        .filter(mail_outbox::Column::Claim.starts_with(prefix))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// How much mail waits: for the metrics.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Depth {
    pub pending: u64,
    pub dead: u64,
    /// The earliest due time among pending mails already due.
    pub oldest_due: Option<DateTime<Utc>>,
}

/// The outbox's depth at `now`.
pub async fn depth(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Depth, StoreError> {
    use sea_orm::{PaginatorTrait, QueryOrder};
    let with = |status: MailStatus| mail_outbox::Entity::find().filter(mail_outbox::Column::Status.eq(status.slug()));
    let pending = with(MailStatus::Pending).count(db).await?;
    let dead = with(MailStatus::Dead).count(db).await?;
    let oldest_due = with(MailStatus::Pending)
        .filter(mail_outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(mail_outbox::Column::NextAttemptAt)
        .one(db)
        .await?
        .map(|mail| mail.next_attempt_at);
    Ok(Depth { pending, dead, oldest_due })
}

pub async fn mark_sent(
    db: &impl ConnectionTrait,
    id: i64,
    claim: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::Status, Expr::value(MailStatus::Sent.slug()))
        .col_expr(mail_outbox::Column::SentAt, Expr::value(now))
        .col_expr(mail_outbox::Column::Claim, Expr::value(Option::<String>::None))
        .filter(mail_outbox::Column::Id.eq(id))
        .filter(mail_outbox::Column::Claim.eq(claim))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Records a failed attempt of a mail claimed by `claim`: the next one at
/// `retry_at`, or none (dead); whether the claim still held.
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    id: i64,
    claim: &str,
    attempts: u32,
    retry_at: Option<DateTime<Utc>>,
    error: &str,
) -> Result<bool, StoreError> {
    let status = if retry_at.is_some() { MailStatus::Pending } else { MailStatus::Dead };
    let mut update = mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::Status, Expr::value(status.slug()))
        .col_expr(mail_outbox::Column::Attempts, Expr::value(i32::try_from(attempts).unwrap_or(i32::MAX)))
        .col_expr(mail_outbox::Column::LastError, Expr::value(error.to_owned()))
        .col_expr(mail_outbox::Column::Claim, Expr::value(Option::<String>::None));
    if let Some(at) = retry_at {
        update = update.col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(at));
    }
    let done =
        update.filter(mail_outbox::Column::Id.eq(id)).filter(mail_outbox::Column::Claim.eq(claim)).exec(db).await?;
    Ok(done.rows_affected == 1)
}
