//! Leases of the jobs that run in one process of a fleet at a time: one
//! row per job, taken in one statement (an upsert that only overwrites an
//! ended lease or the holder's own), so two processes asking at once never
//! both get it.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

use crate::error::StoreError;

/// Takes or renews `job`'s lease for `holder` until `until`; whether
/// `holder` has it now (false: another process holds a lease not ended at
/// `now`).
pub async fn take(
    db: &impl ConnectionTrait,
    job: &str,
    holder: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "INSERT INTO job_leases (job, holder, until) VALUES ($1, $2, $3) ON CONFLICT (job) DO UPDATE \
             SET holder = excluded.holder, until = excluded.until \
             WHERE job_leases.until <= $4 OR job_leases.holder = excluded.holder RETURNING holder"
        }
        _ => {
            "INSERT INTO job_leases (job, holder, until) VALUES (?, ?, ?) ON CONFLICT (job) DO UPDATE \
             SET holder = excluded.holder, until = excluded.until \
             WHERE job_leases.until <= ? OR job_leases.holder = excluded.holder RETURNING holder"
        }
    };
    let values: [Value; 4] = [job.into(), holder.into(), until.into(), now.into()];
    let taken = db.query_one_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
    Ok(taken.is_some())
}

/// Ends every lease `holder` has (at shutdown: another process may take
/// them at once); how many there were.
pub async fn release_all(db: &impl ConnectionTrait, holder: &str) -> Result<u64, StoreError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "DELETE FROM job_leases WHERE holder = $1",
        _ => "DELETE FROM job_leases WHERE holder = ?",
    };
    let done = db.execute_raw(Statement::from_sql_and_values(backend, sql, [Value::from(holder)])).await?;
    Ok(done.rows_affected())
}
