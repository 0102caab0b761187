//! Infrastructure errors and their translation into `AppError`: the cause is
//! logged with context, the user sees only what they can act on.

use app::domain::AppError;
use sea_orm::{DbErr, SqlErr};

/// What a repository can fail with.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Db(#[from] DbErr),
    /// A row holds a value the domain does not know (e.g. an unknown sector slug).
    #[error("corrupt row: {0}")]
    Corrupt(String),
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        match &error {
            StoreError::Db(DbErr::ConnectionAcquire(_) | DbErr::Conn(_)) => {
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
pub fn conflict_on_unique(error: DbErr, field: &str) -> AppError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict { field: field.to_owned() },
        _ => StoreError::Db(error).into(),
    }
}
