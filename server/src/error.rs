//! Infrastructure errors and their translation into `AppError`: the cause is
//! logged with context, the user sees only what they can act on.

use app::domain::AppError;
use sea_orm::{DbErr, RuntimeErr, SqlErr};

/// What a repository can fail with.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Db(#[from] DbErr),
    /// A row holds a value the domain does not know (e.g. an unknown sector slug).
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// A unique column already holds the value; `field` names it for the form.
    #[error("{field} already exists")]
    Conflict { field: &'static str },
}

/// A unique violation as `Conflict { field }`, any other error as it is.
pub fn unique_as(error: DbErr, field: &'static str) -> StoreError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Conflict { field },
        _ => StoreError::Db(error),
    }
}

/// SQLite's "database is locked" family: SQLITE_BUSY (5) and its extended
/// codes BUSY_RECOVERY (261), BUSY_SNAPSHOT (517) and BUSY_TIMEOUT (773).
const SQLITE_BUSY_CODES: [&str; 4] = ["5", "261", "517", "773"];

/// Whether the database said it is busy: the writer waited out its busy
/// timeout. Trying again shortly works, so it is a 503, not a 500.
pub fn is_busy(error: &DbErr) -> bool {
    let runtime = match error {
        DbErr::Exec(runtime) | DbErr::Query(runtime) | DbErr::Conn(runtime) => runtime,
        _ => return false,
    };
    match runtime {
        RuntimeErr::SqlxError(sqlx) => match sqlx.as_ref() {
            sea_orm::sqlx::Error::Database(database) => {
                database.code().is_some_and(|code| SQLITE_BUSY_CODES.contains(&code.as_ref()))
            }
            _ => false,
        },
        _ => false,
    }
}

/// Whether the database could not be reached: no connection could be had,
/// or the one in use broke (the server stopped, the network went). Trying
/// again later works, so it is a 503, not a 500.
pub fn is_unreachable(error: &DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    match error {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(sqlx)) | DbErr::Query(RuntimeErr::SqlxError(sqlx)) => {
            matches!(sqlx.as_ref(), Sqlx::Io(_) | Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::WorkerCrashed)
        }
        _ => false,
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        match &error {
            StoreError::Conflict { field } => AppError::Conflict { field: (*field).to_owned() },
            StoreError::Db(db) if is_busy(db) => {
                tracing::warn!(%error, "database busy: the client is asked to retry");
                AppError::Unavailable
            }
            StoreError::Db(db) if is_unreachable(db) => {
                tracing::error!(%error, "database unreachable");
                AppError::Unavailable
            }
            _ => {
                tracing::error!(%error, "store failure");
                AppError::Internal
            }
        }
    }
}

/// Turns a unique-constraint violation into `Conflict { field }`, and any other
/// database error into the usual mapping.
pub fn conflict_on_unique(error: DbErr, field: &'static str) -> AppError {
    unique_as(error, field).into()
}
