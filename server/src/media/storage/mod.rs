//! Where media files are kept, behind one port: a directory of this machine
//! (`local`, the default) or an S3-compatible bucket through the
//! `object_store` crate (`bucket`), which every process of a fleet reads and
//! writes alike. Keys are server-generated (`listings/7/ab12-640.webp`);
//! a key that could climb out of its root is refused by both.
//!
//! A file is written whole or not at all: the directory writes a temporary
//! file and renames it, a bucket takes one PUT per file. Both are tested by
//! one conformance suite (`storage::conformance`).

pub mod bucket;
pub mod conformance;
pub mod local;

use std::io;
use std::path::{Component, Path};

use chrono::{DateTime, Utc};

pub use bucket::BucketStorage;
pub use local::{LocalStorage, PARTIAL_SUFFIX};

/// A stored file, read back.
#[derive(Debug)]
pub struct StoredFile {
    pub bytes: bytes::Bytes,
    pub last_modified: DateTime<Utc>,
}

/// A stored file, as a listing of the store names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedFile {
    /// Its key (for a local directory, also `*.partial` files of writes
    /// that never finished).
    pub key: String,
    pub last_modified: DateTime<Utc>,
    pub size: u64,
}

/// Stores, reads, lists and removes media files by key.
#[async_trait::async_trait]
pub trait MediaStorage: Send + Sync {
    async fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()>;
    /// The file, or `None` when no file has that key.
    async fn get(&self, key: &str) -> io::Result<Option<StoredFile>>;
    async fn exists(&self, key: &str) -> io::Result<bool>;
    /// Removes the file; removing a missing file is not an error.
    async fn delete(&self, key: &str) -> io::Result<()>;
    /// Every file whose key starts with `prefix` (`listings/`).
    async fn list(&self, prefix: &str) -> io::Result<Vec<ListedFile>>;
    /// Whether every process of a fleet sees the same files: the sweep of
    /// a shared store then runs in one process at a time.
    fn is_shared(&self) -> bool;
    /// The directory of a local store (its files are served straight from
    /// disk); `None` for a bucket (its files are read through the server).
    fn local_dir(&self) -> Option<&Path>;
    /// Where the files are, for logs and messages (`/srv/data/media`,
    /// `s3://photos/tradema`).
    fn describe(&self) -> String;
}

/// Refuses a key that is empty or has anything but plain names between its
/// slashes (`..`, a leading `/`, `.`): keys are made by the server, but a
/// key is never trusted to stay inside the store.
pub fn checked_key(key: &str) -> io::Result<&str> {
    let plain = !key.is_empty()
        && !key.ends_with('/')
        && Path::new(key).components().all(|c| matches!(c, Component::Normal(_)))
        && key.split('/').all(|part| !part.is_empty() && part != "." && part != "..");
    if plain { Ok(key) } else { Err(io::Error::new(io::ErrorKind::InvalidInput, format!("unsafe media key `{key}`"))) }
}

/// The store the settings name: the local directory (created if missing)
/// or the bucket.
pub fn open(settings: &crate::config::Settings) -> anyhow::Result<std::sync::Arc<dyn MediaStorage>> {
    use anyhow::Context;
    match &settings.media {
        crate::config::MediaStore::Local => {
            let dir = settings.media_dir();
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create the media directory {}", dir.display()))?;
            Ok(std::sync::Arc::new(LocalStorage::new(dir)))
        }
        crate::config::MediaStore::Bucket(bucket) => {
            let storage = BucketStorage::open(bucket).with_context(|| {
                format!("cannot set up the media bucket s3://{}/{} (TRADEMA_MEDIA_URL)", bucket.bucket, bucket.prefix)
            })?;
            Ok(std::sync::Arc::new(storage))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_keys_pass() {
        assert!(checked_key("listings/7/ab12-640.webp").is_ok());
        for bad in ["", "/etc/passwd", "../escape.jpg", "listings/../../x", "listings//x", "listings/./x", "dir/"] {
            assert!(checked_key(bad).is_err(), "`{bad}` is refused");
        }
    }
}
