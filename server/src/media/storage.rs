//! Where media files are kept. The local data directory is the default; an
//! object store can implement the same trait when one machine is not enough.
//! Writes go to a temporary file first and are renamed into place, so a crash
//! never leaves a half-written file under a real name.

use std::io;
use std::path::{Component, Path, PathBuf};

use tokio::io::AsyncWriteExt;

/// The suffix of a file still being written (`x-320.jpg.partial`).
pub const PARTIAL_SUFFIX: &str = "partial";

/// Stores and removes media files by key (`demo/ab12-640.webp`).
#[async_trait::async_trait]
pub trait MediaStorage: Send + Sync {
    async fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()>;
    async fn exists(&self, key: &str) -> io::Result<bool>;
    async fn delete(&self, key: &str) -> io::Result<()>;
}

/// Files under a local directory.
#[derive(Clone, Debug)]
pub struct LocalStorage {
    root: PathBuf,
}

impl LocalStorage {
    pub fn new(root: impl Into<PathBuf>) -> LocalStorage {
        LocalStorage { root: root.into() }
    }

    /// The file of a key; keys are server-generated, but a key that could
    /// climb out of the root is refused all the same.
    fn path(&self, key: &str) -> io::Result<PathBuf> {
        let relative = Path::new(key);
        let safe = !key.is_empty() && relative.components().all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("unsafe media key `{key}`")));
        }
        Ok(self.root.join(relative))
    }
}

#[async_trait::async_trait]
impl MediaStorage for LocalStorage {
    async fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.path(key)?;
        if let Some(parent) = path.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        // `x-320.jpg.partial`: unique per final name, so the JPEG and WebP of one
        // width never share a temporary file.
        let partial = PathBuf::from(format!("{}.{PARTIAL_SUFFIX}", path.display()));
        let mut file = tokio::fs::File::create(&partial).await?;
        file.write_all(bytes).await?;
        // On disk before it gets its real name: after a power cut the name
        // never points at a file whose bytes were still in the page cache.
        file.sync_all().await?;
        drop(file);
        tokio::fs::rename(&partial, &path).await
    }

    async fn exists(&self, key: &str) -> io::Result<bool> {
        tokio::fs::try_exists(self.path(key)?).await
    }

    async fn delete(&self, key: &str) -> io::Result<()> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stores_reads_and_refuses_escaping_keys() {
        let dir = tempfile::tempdir().expect("tempdir");
        let storage = LocalStorage::new(dir.path());
        storage.put("demo/a-320.jpg", b"jpeg").await.expect("put");
        assert!(storage.exists("demo/a-320.jpg").await.expect("exists"));
        assert!(!dir.path().join("demo/a-320.jpg.partial").exists());
        assert!(storage.put("../escape.jpg", b"x").await.is_err());
        assert!(storage.put("/etc/passwd", b"x").await.is_err());
        storage.delete("demo/a-320.jpg").await.expect("delete");
        storage.delete("demo/a-320.jpg").await.expect("deleting twice is fine");
    }
}
