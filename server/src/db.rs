//! Opening the database (SQLite tuned for a web server, or PostgreSQL),
//! running the migrations, the application's handle on it (`Db`), and
//! write transactions begun the safe way and counted when they commit.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult,
    QueryResult, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};
use secrecy::ExposeSecret;

use crate::changes::Changes;
use crate::config::Settings;
use crate::error::StoreError;

/// How long opening a connection, or waiting for one of the pool, may take.
const CONNECT_WITHIN: Duration = Duration::from_secs(3);

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
        .max_connections(settings.db_pool_size)
        .min_connections(1)
        // Short: with the database away, a request answers 503 in seconds
        // rather than holding its visitor (and a worker) for long; a
        // healthy pool hands out a connection in milliseconds.
        .connect_timeout(CONNECT_WITHIN)
        .acquire_timeout(CONNECT_WITHIN)
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

/// The PostgreSQL advisory lock migrations run under.
const MIGRATION_LOCK: i64 = 0x0074_7261_6465_6d61; // "tradema" in ASCII

/// Brings the schema up to date; safe to run on every start. On PostgreSQL
/// it runs under an advisory lock, held by a transaction of its own while
/// the migrations run on the pool's other connections: processes started
/// together wait for the first, then find nothing left to do.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Migrator::up(db, None).await;
    }
    let lock = db.begin().await?;
    advisory_xact_lock(&lock, MIGRATION_LOCK).await?;
    let migrated = Migrator::up(db, None).await;
    lock.commit().await?;
    migrated
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

/// The application's database: the connection pool, and the record of
/// what this application committed (`changes::Changes`) that its caches
/// and search indexer follow. Derefs to the pool for queries; a write goes
/// through `begin_write` and `commit`.
#[derive(Clone)]
pub struct Db {
    connection: DatabaseConnection,
    changes: Changes,
}

impl Db {
    pub fn new(connection: DatabaseConnection, changes: Changes) -> Db {
        Db { connection, changes }
    }

    /// A handle for a one-off command (`server reindex`, a bench): no cache
    /// or indexer of a running server follows its counters.
    pub fn standalone(connection: DatabaseConnection) -> Db {
        Db::new(connection, Changes::default())
    }

    /// The connection pool.
    pub fn connection(&self) -> &DatabaseConnection {
        &self.connection
    }

    /// What this application has committed and indexed.
    pub fn changes(&self) -> &Changes {
        &self.changes
    }
}

impl std::ops::Deref for Db {
    type Target = DatabaseConnection;

    fn deref(&self) -> &DatabaseConnection {
        &self.connection
    }
}

/// A transaction begun with `begin_write`, to end with `commit` (or
/// `commit_private`); dropped, it rolls back.
pub struct WriteTxn {
    txn: DatabaseTransaction,
    changes: Changes,
}

impl std::ops::Deref for WriteTxn {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

impl WriteTxn {
    /// Abandons the transaction: nothing it wrote stays.
    pub async fn rollback(self) -> Result<(), StoreError> {
        Ok(self.txn.rollback().await?)
    }
}

/// Queries through `Db` and `WriteTxn` go to the pool and the transaction.
macro_rules! delegate_connection {
    ($type:ty, $field:ident) => {
        #[async_trait::async_trait]
        impl ConnectionTrait for $type {
            fn get_database_backend(&self) -> DbBackend {
                self.$field.get_database_backend()
            }

            async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
                self.$field.execute_raw(stmt).await
            }

            async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
                self.$field.execute_unprepared(sql).await
            }

            async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
                self.$field.query_one_raw(stmt).await
            }

            async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
                self.$field.query_all_raw(stmt).await
            }

            fn support_returning(&self) -> bool {
                self.$field.support_returning()
            }
        }
    };
}

delegate_connection!(Db, connection);
delegate_connection!(WriteTxn, txn);

/// Begins a transaction that will write. On SQLite it takes the write lock at
/// once (`BEGIN IMMEDIATE`): a deferred transaction that reads and then writes
/// fails with SQLITE_BUSY under contention instead of waiting.
pub async fn begin_write(db: &Db) -> Result<WriteTxn, StoreError> {
    let txn = db
        .connection
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        })
        .await?;
    Ok(WriteTxn { txn, changes: db.changes.clone() })
}

/// What a check-then-write serialises on: the writes of one owner that a
/// check counts (a buyer's inquiries, a listing's photos).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteScope {
    /// The inquiries one buyer sends (the duplicate check, the hourly limit).
    BuyerInquiries(i64),
    /// The photos of one listing (at most `MAX_PHOTOS`).
    ListingPhotos(i64),
    /// The searches one buyer saves (at most `MAX_SAVED_SEARCHES`).
    BuyerSavedSearches(i64),
    /// The replies one producer's team saves (at most `MAX_SAVED_REPLIES`).
    ProducerSavedReplies(i64),
    /// The quotes one producer sends on buying requests (its monthly allowance).
    ProducerRequestQuotes(i64),
    /// The buying requests one buyer posts (a day's limit).
    BuyerRequests(i64),
}

impl WriteScope {
    /// The PostgreSQL advisory lock key: the scope's kind in the top byte,
    /// the owner's id below.
    pub fn key(self) -> i64 {
        let (kind, id) = match self {
            WriteScope::BuyerInquiries(id) => (1i64, id),
            WriteScope::ListingPhotos(id) => (2i64, id),
            WriteScope::BuyerSavedSearches(id) => (3i64, id),
            WriteScope::ProducerSavedReplies(id) => (4i64, id),
            WriteScope::ProducerRequestQuotes(id) => (5i64, id),
            WriteScope::BuyerRequests(id) => (6i64, id),
        };
        (kind << 56) | (id & ((1i64 << 56) - 1))
    }
}

/// Makes the rest of `txn` the only writer in `scope` until it ends, so a
/// count checked in it stays true until its write commits. PostgreSQL reads
/// committed rows only, so two transactions could both pass the check: an
/// advisory transaction lock makes the second wait. SQLite's write
/// transactions already run one at a time (`BEGIN IMMEDIATE`).
pub async fn serialize(txn: &WriteTxn, scope: WriteScope) -> Result<(), StoreError> {
    if txn.get_database_backend() == DbBackend::Postgres {
        advisory_xact_lock(txn, scope.key()).await?;
    }
    Ok(())
}

/// Waits for PostgreSQL's advisory lock `key`, held until `txn` ends.
async fn advisory_xact_lock(txn: &impl ConnectionTrait, key: i64) -> Result<(), DbErr> {
    let lock = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT pg_advisory_xact_lock($1)",
        [sea_orm::Value::from(key)],
    );
    txn.execute_raw(lock).await?;
    Ok(())
}

/// Commits a transaction begun with `begin_write`, then counts the commit
/// (cached answers are then recomputed) and wakes the search indexer (the
/// commit may have queued listings for it). In a fleet the commit is
/// announced to the other processes too (`changes::CHANNEL`).
pub async fn commit(txn: WriteTxn) -> Result<(), StoreError> {
    if let Some(instance) = txn.changes.announced_as() {
        announce(&txn.txn, &crate::changes::Announcement::Commit.payload(instance)).await?;
    }
    txn.txn.commit().await?;
    txn.changes.committed();
    Ok(())
}

/// Notifies the fleet's processes on `changes::CHANNEL` (inside a
/// transaction: delivered only when it commits).
pub async fn announce(db: &impl ConnectionTrait, payload: &str) -> Result<(), DbErr> {
    let statement = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT pg_notify($1, $2)",
        [sea_orm::Value::from(crate::changes::CHANNEL), sea_orm::Value::from(payload)],
    );
    db.execute_raw(statement).await?;
    Ok(())
}

/// Commits a write that no public page reads (a buyer's shortlist, a
/// message that does not change a producer's response numbers): the
/// catalogue's cached answers and kept pages stay good. Without this, every
/// message between two people would make every visitor's next page render
/// again.
pub async fn commit_private(txn: WriteTxn) -> Result<(), StoreError> {
    txn.txn.commit().await?;
    Ok(())
}

/// Whether the database answers a trivial query.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}
