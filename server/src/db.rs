//! Opening the database (SQLite tuned for a web server, or PostgreSQL),
//! running the migrations, and starting write transactions the safe way.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use secrecy::ExposeSecret;

use crate::config::Settings;
use crate::error::StoreError;

/// Connects to the configured database. SQLite gets WAL, a busy timeout,
/// foreign keys and `synchronous = NORMAL` on every pooled connection.
pub async fn connect(settings: &Settings) -> Result<DatabaseConnection, DbErr> {
    if settings.uses_sqlite() {
        std::fs::create_dir_all(&settings.data_dir).map_err(|err| {
            DbErr::Custom(format!("cannot create the data directory {}: {err}", settings.data_dir.display()))
        })?;
    }
    let mut options = ConnectOptions::new(settings.database_url.expose_secret().to_owned());
    options
        .max_connections(if settings.uses_sqlite() { 8 } else { 16 })
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
                .create_if_missing(true)
        });
    Database::connect(options).await
}

/// Brings the schema up to date; safe to run on every start.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Refreshes the statistics SQLite's query planner chooses indexes by
/// (`ANALYZE`, reading at most 1,000 rows per index). Without them SQLite
/// guesses that `status = 'published'` picks out a few rows and walks that
/// index through every listing to load a page of 24 cards by id (16 ms
/// instead of 1 at 100,000 listings). Run at start and every hour; the
/// statistics follow the catalogue as it grows. PostgreSQL keeps its own
/// (autovacuum), so nothing is done there.
pub async fn refresh_statistics(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        db.execute_unprepared("PRAGMA analysis_limit = 1000; ANALYZE;").await?;
    }
    Ok(())
}

/// Begins a transaction that will write. On SQLite it takes the write lock at
/// once (`BEGIN IMMEDIATE`): a deferred transaction that reads and then writes
/// fails with SQLITE_BUSY under contention instead of waiting.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, StoreError> {
    Ok(db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        })
        .await?)
}

/// Write transactions committed by this process since it started: answers
/// cached from the database (`services::cached`) are good while it stays
/// the same.
static COMMITS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many write transactions this process has committed.
pub fn commits() -> u64 {
    COMMITS.load(std::sync::atomic::Ordering::Acquire)
}

/// Commits a transaction begun with `begin_write`, then wakes the search
/// indexer (the commit may have queued listings for it) and counts the
/// commit (cached answers are then recomputed).
pub async fn commit(txn: DatabaseTransaction) -> Result<(), StoreError> {
    txn.commit().await?;
    COMMITS.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    crate::search::indexer::WAKE.notify_one();
    Ok(())
}

/// Commits a write that no public page reads (a buyer's shortlist, a
/// message that does not change a producer's response numbers): the
/// catalogue's cached answers and kept pages stay good. Without this, every
/// message between two people would make every visitor's next page render
/// again.
pub async fn commit_private(txn: DatabaseTransaction) -> Result<(), StoreError> {
    txn.commit().await?;
    Ok(())
}

/// Whether the database answers a trivial query.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}
