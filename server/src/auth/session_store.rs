//! The tower-sessions store over the `sessions` table (SQLite or
//! PostgreSQL through sea-orm). Only a SHA-256 of each session id is stored,
//! so a copy of the database cannot be replayed as cookies. Each row also
//! records its account, so suspending an account or changing its password
//! can end every session it has, and its creation time, which enforces the
//! absolute timeout (a new row is written at sign-in, when the id is cycled).

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

use crate::error::StoreError;
use crate::repo::session::{self, SessionRow};

/// Where axum-login keeps the signed-in user's id inside the session data.
const AUTH_DATA_KEY: &str = "axum-login.data";

/// A session's row is rewritten when its data changed, or when the idle
/// expiry it holds is this much older than the one the request would set: a
/// signed-in person's requests write at most once per interval, not each time.
const EXPIRY_REFRESH: chrono::Duration = chrono::Duration::minutes(10);
/// Rows remembered as read; past this the memory is dropped (it costs only
/// some extra writes).
const MAX_REMEMBERED: usize = 100_000;

/// What a session's row held when it was last read or written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stored {
    data_digest: [u8; 32],
    expires_at: DateTime<Utc>,
}

/// What time it is, for the timeouts: the system clock, or a test's.
pub type Clock = std::sync::Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

#[derive(Clone)]
pub struct DbSessionStore {
    db: DatabaseConnection,
    absolute_timeout: chrono::Duration,
    stored: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, Stored>>>,
    clock: Clock,
}

impl std::fmt::Debug for DbSessionStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DbSessionStore").field("absolute_timeout", &self.absolute_timeout).finish_non_exhaustive()
    }
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection, absolute_timeout: chrono::Duration) -> DbSessionStore {
        DbSessionStore::with_clock(db, absolute_timeout, std::sync::Arc::new(Utc::now))
    }

    /// A store whose idea of "now" comes from `clock` (tests move it).
    pub fn with_clock(db: DatabaseConnection, absolute_timeout: chrono::Duration, clock: Clock) -> DbSessionStore {
        DbSessionStore { db, absolute_timeout, stored: Default::default(), clock }
    }

    fn remember(&self, id_hash: String, stored: Stored) {
        let mut map = self.stored.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if map.len() >= MAX_REMEMBERED {
            map.clear();
        }
        map.insert(id_hash, stored);
    }

    fn forget(&self, id_hash: &str) {
        self.stored.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(id_hash);
    }

    /// Whether the row already holds `wanted` closely enough to skip a write.
    fn is_fresh(&self, id_hash: &str, wanted: Stored) -> bool {
        let map = self.stored.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        map.get(id_hash).is_some_and(|held| {
            held.data_digest == wanted.data_digest && wanted.expires_at - held.expires_at < EXPIRY_REFRESH
        })
    }

    /// Deletes expired rows; run periodically.
    pub async fn delete_expired(&self) -> Result<u64, StoreError> {
        let now = (self.clock)();
        session::delete_expired(&self.db, now, now - self.absolute_timeout).await
    }
}

/// The stored key of a session id: hex SHA-256 of its cookie form.
pub fn id_hash(id: &Id) -> String {
    let digest = Sha256::digest(id.to_string().as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn backend(error: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

fn to_chrono(time: time::OffsetDateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(time.unix_timestamp(), time.nanosecond()).unwrap_or_else(Utc::now)
}

fn to_time(time: DateTime<Utc>) -> Result<time::OffsetDateTime, session_store::Error> {
    time::OffsetDateTime::from_unix_timestamp(time.timestamp()).map_err(backend)
}

/// The session data as stored: keys in order, so the same data always gives
/// the same bytes (and the same digest), whatever the map's iteration order.
fn canonical(data: &std::collections::HashMap<String, serde_json::Value>) -> session_store::Result<Vec<u8>> {
    let ordered: std::collections::BTreeMap<_, _> = data.iter().collect();
    serde_json::to_vec(&ordered).map_err(|e| session_store::Error::Encode(e.to_string()))
}

fn user_of(record: &Record) -> Option<i64> {
    record.data.get(AUTH_DATA_KEY)?.get("user_id")?.as_i64()
}

fn row(record: &Record, data: Vec<u8>) -> SessionRow {
    SessionRow {
        id_hash: id_hash(&record.id),
        user_id: user_of(record),
        data,
        expires_at: to_chrono(record.expiry_date),
    }
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // 128 random bits collide essentially never; still, never overwrite.
        loop {
            if !session::exists(&self.db, &id_hash(&record.id)).await.map_err(backend)? {
                break;
            }
            record.id = Id::default();
        }
        let data = canonical(&record.data)?;
        let stored = Stored { data_digest: Sha256::digest(&data).into(), expires_at: to_chrono(record.expiry_date) };
        session::insert(&self.db, row(record, data), (self.clock)()).await.map_err(backend)?;
        self.remember(id_hash(&record.id), stored);
        Ok(())
    }

    /// Updates an existing row only. A session deleted meanwhile (signed
    /// out, password changed, suspended, swept) stays deleted even when a
    /// request that started before saves at its end; new rows come only from
    /// `create`, at sign-in or for a new visitor.
    ///
    /// Unchanged data with an expiry less than `EXPIRY_REFRESH` ahead of the
    /// stored one is not written at all.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = canonical(&record.data)?;
        let key = id_hash(&record.id);
        let wanted = Stored { data_digest: Sha256::digest(&data).into(), expires_at: to_chrono(record.expiry_date) };
        if self.is_fresh(&key, wanted) {
            return Ok(());
        }
        session::update(&self.db, row(record, data)).await.map_err(backend)?;
        self.remember(key, wanted);
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = (self.clock)();
        let found = session::live(&self.db, &id_hash(id), now, now - self.absolute_timeout).await.map_err(backend)?;
        let Some(found) = found else {
            self.forget(&id_hash(id));
            return Ok(None);
        };
        let data = serde_json::from_slice(&found.data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let stored = Stored { data_digest: Sha256::digest(canonical(&data)?).into(), expires_at: found.expires_at };
        self.remember(found.id_hash, stored);
        Ok(Some(Record { id: *id, data, expiry_date: to_time(found.expires_at)? }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.forget(&id_hash(id));
        session::delete(&self.db, &id_hash(id)).await.map_err(backend)?;
        Ok(())
    }
}
