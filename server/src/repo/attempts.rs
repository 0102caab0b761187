//! Attempt windows and known places, shared by every process on the
//! database (`auth::rate_limit` applies the budgets). A window is one row per
//! limiter and key: when it started and how many attempts it counted. A hit
//! is one upsert that restarts an ended window or counts in the current one,
//! so two processes counting at once never both slip under a limit. Keys
//! arrive bounded (`rate_limit` hashes long ones); times are the caller's
//! `now`, never the database's clock, so tests can drive them.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use super::raw_sql::statement;
use crate::error::StoreError;

/// The upsert that counts one attempt: a window that started at or before
/// the window start (the 4th and 5th values) has ended and restarts at `now`
/// with 1, otherwise its count goes up by one.
macro_rules! hit {
    () => {
        "INSERT INTO attempt_windows (limiter, key, started_at, count) VALUES (?, ?, ?, 1) \
         ON CONFLICT (limiter, key) DO UPDATE SET \
         started_at = CASE WHEN attempt_windows.started_at <= ? THEN excluded.started_at \
         ELSE attempt_windows.started_at END, \
         count = CASE WHEN attempt_windows.started_at <= ? THEN 1 ELSE attempt_windows.count + 1 END"
    };
}

/// `hit!` counting only into an ended window or one with room (the 6th and
/// 7th values): otherwise nothing is updated and no row comes back.
const TRY_HIT: &str =
    concat!(hit!(), " WHERE attempt_windows.started_at <= ? OR attempt_windows.count < ? RETURNING count");

/// Counts one attempt for `key` if its window, restarted when it began at
/// or before `window_start`, holds fewer than `limit`; whether it was
/// counted. One statement: the update only happens when the window has
/// ended or has room, and returns no row otherwise.
pub async fn try_hit(
    db: &impl ConnectionTrait,
    limiter: &str,
    key: &str,
    now: DateTime<Utc>,
    window_start: DateTime<Utc>,
    limit: i32,
) -> Result<bool, StoreError> {
    let backend = db.get_database_backend();
    let values = vec![
        limiter.into(),
        key.into(),
        now.into(),
        window_start.into(),
        window_start.into(),
        window_start.into(),
        limit.into(),
    ];
    let counted = db.query_one_raw(statement(backend, TRY_HIT, values)).await?;
    Ok(counted.is_some())
}

/// Counts one attempt for `key`, whatever the count (a window that began
/// at or before `window_start` restarts).
pub async fn record(
    db: &impl ConnectionTrait,
    limiter: &str,
    key: &str,
    now: DateTime<Utc>,
    window_start: DateTime<Utc>,
) -> Result<(), StoreError> {
    let backend = db.get_database_backend();
    let values = vec![limiter.into(), key.into(), now.into(), window_start.into(), window_start.into()];
    db.execute_raw(statement(backend, hit!(), values)).await?;
    Ok(())
}

/// How many attempts `key` has in a window that began after
/// `window_start` (0 when it has none, or its window has ended).
pub async fn count(
    db: &impl ConnectionTrait,
    limiter: &str,
    key: &str,
    window_start: DateTime<Utc>,
) -> Result<i32, StoreError> {
    let backend = db.get_database_backend();
    let sql = "SELECT count FROM attempt_windows WHERE limiter = ? AND key = ? AND started_at > ?";
    let values = vec![limiter.into(), key.into(), window_start.into()];
    match db.query_one_raw(statement(backend, sql, values)).await? {
        Some(row) => Ok(row.try_get("", "count")?),
        None => Ok(0),
    }
}

/// Takes one attempt off `key`'s count, never below 0.
pub async fn give_back(db: &impl ConnectionTrait, limiter: &str, key: &str) -> Result<(), StoreError> {
    let backend = db.get_database_backend();
    let sql = "UPDATE attempt_windows SET count = count - 1 WHERE limiter = ? AND key = ? AND count > 0";
    db.execute_raw(statement(backend, sql, vec![limiter.into(), key.into()])).await?;
    Ok(())
}

/// Forgets `key`'s window.
pub async fn clear(db: &impl ConnectionTrait, limiter: &str, key: &str) -> Result<(), StoreError> {
    let backend = db.get_database_backend();
    let sql = "DELETE FROM attempt_windows WHERE limiter = ? AND key = ?";
    db.execute_raw(statement(backend, sql, vec![limiter.into(), key.into()])).await?;
    Ok(())
}

/// Records that `pair` signed in at `now`.
pub async fn remember_place(db: &impl ConnectionTrait, pair: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
    let backend = db.get_database_backend();
    let sql = "INSERT INTO known_places (pair, seen_at) VALUES (?, ?) \
               ON CONFLICT (pair) DO UPDATE SET seen_at = excluded.seen_at";
    db.execute_raw(statement(backend, sql, vec![pair.into(), now.into()])).await?;
    Ok(())
}

/// Whether `pair` signed in after `since`.
pub async fn is_known_place(db: &impl ConnectionTrait, pair: &str, since: DateTime<Utc>) -> Result<bool, StoreError> {
    let backend = db.get_database_backend();
    let sql = "SELECT 1 AS known FROM known_places WHERE pair = ? AND seen_at > ?";
    let known = db.query_one_raw(statement(backend, sql, vec![pair.into(), since.into()])).await?;
    Ok(known.is_some())
}

/// Deletes `limiter`'s windows that began at or before `window_start`
/// (they have ended); how many.
pub async fn sweep_windows(
    db: &impl ConnectionTrait,
    limiter: &str,
    window_start: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let backend = db.get_database_backend();
    let sql = "DELETE FROM attempt_windows WHERE limiter = ? AND started_at <= ?";
    let done = db.execute_raw(statement(backend, sql, vec![limiter.into(), window_start.into()])).await?;
    Ok(done.rows_affected())
}

/// Deletes every window, of any limiter, that began at or before `before`
/// (longer ago than the longest window: a limiter since renamed leaves
/// nothing behind); how many.
pub async fn sweep_old_windows(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, StoreError> {
    let backend = db.get_database_backend();
    let sql = "DELETE FROM attempt_windows WHERE started_at <= ?";
    let done = db.execute_raw(statement(backend, sql, vec![before.into()])).await?;
    Ok(done.rows_affected())
}

/// Deletes the places last seen at or before `before`; how many.
pub async fn sweep_places(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, StoreError> {
    let backend = db.get_database_backend();
    let sql = "DELETE FROM known_places WHERE seen_at <= ?";
    let done = db.execute_raw(statement(backend, sql, vec![before.into()])).await?;
    Ok(done.rows_affected())
}
