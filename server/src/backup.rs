//! `server backup DIR` and `server restore DIR`: a consistent snapshot of
//! an embedded site (the SQLite database, the media its rows name, the
//! signing key) taken while the server keeps writing, and its return into
//! an empty data directory.
//!
//! The database is copied with `VACUUM INTO`, which reads it in one read
//! transaction: a listing saved during the backup is wholly in the copy or
//! wholly not. The media copied are those the *copy's* rows name, read
//! back from the store after the snapshot. Files are written before the rows
//! that name them commit, so each is there; one deleted between the snapshot
//! and its copy (its listing deleted meanwhile) makes the backup start over,
//! at most `ATTEMPTS` times. `backup.json` is written last: a directory
//! without it is not a backup, and `restore` refuses it.
//!
//! A site on PostgreSQL and a bucket is backed up with PostgreSQL's tools
//! and bucket versioning (docs/operations.md, "Backups"); `backup` says so.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::media::storage::{LocalStorage, MediaStorage};
use crate::media::sweep::key_of;

/// The name of the database file in a backup.
const DATABASE: &str = "tradema.db";
/// The name of the manifest, written last.
const MANIFEST: &str = "backup.json";
/// The media directory of a backup.
const MEDIA: &str = "media";
/// The signing key file, in a data directory and in a backup.
const SIGNING_KEY: &str = "signing.key";
/// How many times a backup starts over when a file went missing under it.
const ATTEMPTS: usize = 3;

/// What a backup holds (`backup.json`).
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub taken_at: chrono::DateTime<chrono::Utc>,
    /// The last migration applied to the copied database.
    pub schema: String,
    pub listings: u64,
    pub photos: u64,
    pub media_files: u64,
    pub media_bytes: u64,
    pub database_bytes: u64,
}

/// The SQLite file of the settings' database; an error for PostgreSQL.
fn sqlite_file(settings: &Settings) -> anyhow::Result<PathBuf> {
    let url = settings.database_url.expose_secret();
    let Some(rest) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) else {
        bail!(
            "`server backup` and `server restore` work on the embedded SQLite database; on PostgreSQL use pg_dump \
             or base backups with WAL archiving, and bucket versioning for the media (docs/operations.md, \"Backups\")"
        );
    };
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() || path == ":memory:" {
        bail!("the database is in memory: there is nothing to back up");
    }
    Ok(PathBuf::from(path))
}

/// A path as an SQL string literal.
fn sql_text(path: &Path) -> anyhow::Result<String> {
    let text = path.to_str().with_context(|| format!("{} is not valid UTF-8", path.display()))?;
    Ok(format!("'{}'", text.replace('\'', "''")))
}

/// Whether `dir` is missing or empty.
fn is_empty_dir(dir: &Path) -> anyhow::Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(error) => Err(error).with_context(|| format!("cannot read {}", dir.display())),
    }
}

/// Writes a backup of the running (or stopped) site of `settings` into
/// `dir`, which must be missing or empty.
pub async fn backup(settings: &Settings, media: &dyn MediaStorage, dir: &Path) -> anyhow::Result<Manifest> {
    let database = sqlite_file(settings)?;
    if !database.is_file() {
        bail!("there is no database at {} to back up: check TRADEMA_DATA_DIR", database.display());
    }
    if !is_empty_dir(dir)? {
        bail!("{} is not empty: a backup goes into a new or empty directory", dir.display());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let db = crate::db::connect(settings).await.context("cannot open the database")?;
    let mut missing = Vec::new();
    for attempt in 1..=ATTEMPTS {
        match take(&db, media, &database, dir).await? {
            Ok(manifest) => return Ok(manifest),
            Err(gone) => {
                tracing::warn!(attempt, photos = gone.len(), "photos the snapshot names have no files: starting over");
                missing = gone;
                std::fs::remove_dir_all(dir)?;
                std::fs::create_dir_all(dir)?;
            }
        }
    }
    missing.truncate(5);
    bail!(
        "after {ATTEMPTS} attempts, rows still name photos without files in {} (e.g. {}): deleted while the \
         backup ran, or lost from the store; run the backup again, and check the store if this persists",
        media.describe(),
        missing.join(", ")
    )
}

/// One attempt: the snapshot, then its media; the keys the snapshot names
/// whose files were gone.
async fn take(
    db: &sea_orm::DatabaseConnection,
    media: &dyn MediaStorage,
    database: &Path,
    dir: &Path,
) -> anyhow::Result<Result<Manifest, Vec<String>>> {
    use sea_orm::ConnectionTrait;
    let started = Instant::now();
    let copy = dir.join(DATABASE);
    db.execute_unprepared(&format!("VACUUM INTO {}", sql_text(&copy)?))
        .await
        .with_context(|| format!("cannot copy the database {} into {}", database.display(), copy.display()))?;
    let snapshot = sea_orm::Database::connect(format!("sqlite://{}?mode=ro", copy.display()))
        .await
        .context("cannot open the copied database")?;
    let keys = crate::repo::photo::referenced_keys(&snapshot).await?;
    let (listings, photos, schema) = counts(&snapshot).await?;
    snapshot.close().await?;

    let target = LocalStorage::new(dir.join(MEDIA));
    let (media_files, media_bytes) = match copy_media(media, &target, &keys).await? {
        Ok(copied) => copied,
        Err(missing) => return Ok(Err(missing)),
    };
    if let Some(key_file) = database.parent().map(|data_dir| data_dir.join(SIGNING_KEY))
        && key_file.is_file()
    {
        std::fs::copy(&key_file, dir.join(SIGNING_KEY)).context("cannot copy the signing key")?;
    }
    let manifest = Manifest {
        taken_at: chrono::Utc::now(),
        schema,
        listings,
        photos,
        media_files,
        media_bytes,
        database_bytes: std::fs::metadata(&copy)?.len(),
    };
    let partial = dir.join(format!("{MANIFEST}.partial"));
    std::fs::write(&partial, serde_json::to_vec_pretty(&manifest)?)?;
    std::fs::rename(&partial, dir.join(MANIFEST))?;
    tracing::info!(?manifest, seconds = started.elapsed().as_secs_f64(), "backup written");
    Ok(Ok(manifest))
}

/// Copies every stored file of `keys` from `from` to `to`: how many and
/// their bytes, or the keys that had no file.
async fn copy_media(
    from: &dyn MediaStorage,
    to: &dyn MediaStorage,
    keys: &HashSet<String>,
) -> anyhow::Result<Result<(u64, u64), Vec<String>>> {
    let mut found: HashSet<&str> = HashSet::new();
    let (mut files, mut bytes) = (0u64, 0u64);
    let mut trees: Vec<&str> = keys.iter().filter_map(|key| key.split_once('/').map(|(tree, _)| tree)).collect();
    trees.sort_unstable();
    trees.dedup();
    for tree in trees {
        for file in from.list(&format!("{tree}/")).await? {
            let Some(key) = key_of(&file.key).and_then(|key| keys.get(key)) else { continue };
            // Listed, then deleted before it was read: its listing went.
            let Some(stored) = from.get(&file.key).await? else { continue };
            to.put(&file.key, &stored.bytes).await?;
            found.insert(key.as_str());
            files += 1;
            bytes += stored.bytes.len() as u64;
        }
    }
    let mut missing: Vec<String> = keys.iter().filter(|key| !found.contains(key.as_str())).cloned().collect();
    missing.sort();
    Ok(if missing.is_empty() { Ok((files, bytes)) } else { Err(missing) })
}

/// The copy's listings, photos and last migration.
async fn counts(db: &sea_orm::DatabaseConnection) -> anyhow::Result<(u64, u64, String)> {
    use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
    let listings = crate::entities::listings::Entity::find().count(db).await?;
    let photos = crate::entities::listing_photos::Entity::find().count(db).await?;
    let last = sea_orm::Statement::from_string(
        sea_orm::DbBackend::Sqlite,
        "SELECT version FROM seaql_migrations ORDER BY version DESC LIMIT 1",
    );
    let schema = db.query_one_raw(last).await?.and_then(|row| row.try_get::<String>("", "version").ok());
    Ok((listings, photos, schema.unwrap_or_default()))
}

/// Brings the backup in `dir` back: its database into the settings' (which
/// must not exist yet), its media into the settings' store, its signing key
/// into the data directory.
pub async fn restore(settings: &Settings, media: &dyn MediaStorage, dir: &Path) -> anyhow::Result<Manifest> {
    let database = sqlite_file(settings)?;
    let manifest_text = std::fs::read(dir.join(MANIFEST)).with_context(|| {
        format!("{} holds no {MANIFEST}: it is not a finished backup of `server backup`", dir.display())
    })?;
    let manifest: Manifest = serde_json::from_slice(&manifest_text).context("the backup's manifest is unreadable")?;
    if database.exists() {
        bail!(
            "{} exists: a backup is restored into an empty data directory (move the old one away first)",
            database.display()
        );
    }
    if let Some(parent) = database.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let source = LocalStorage::new(dir.join(MEDIA));
    let mut restored = 0u64;
    for file in source.list("").await? {
        let stored = source.get(&file.key).await?.with_context(|| format!("{} vanished", file.key))?;
        media.put(&file.key, &stored.bytes).await.with_context(|| format!("cannot store {}", file.key))?;
        restored += 1;
    }
    if restored != manifest.media_files {
        bail!("the backup names {} media files but holds {restored}: it is damaged", manifest.media_files);
    }
    let key_file = dir.join(SIGNING_KEY);
    if key_file.is_file()
        && let Some(parent) = database.parent()
    {
        std::fs::copy(&key_file, parent.join(SIGNING_KEY)).context("cannot restore the signing key")?;
    }
    // The database last, under a temporary name first: a restore cut short
    // leaves no database, so it can simply be run again.
    let partial = PathBuf::from(format!("{}.partial", database.display()));
    std::fs::copy(dir.join(DATABASE), &partial).context("cannot copy the database")?;
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, &database)?;
    Ok(manifest)
}
