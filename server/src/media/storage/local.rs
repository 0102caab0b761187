//! Media files in a directory of this machine (`<data_dir>/media`), the
//! default. Writes go to a temporary file first, synced, then renamed into
//! place, so a crash never leaves a half-written file under a real name
//! (the sweep removes the temporary files a crash left).

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use tokio::io::AsyncWriteExt;

use super::{ListedFile, MediaStorage, StoredFile, checked_key};

/// The suffix of a file still being written (`x-320.jpg.partial`).
pub const PARTIAL_SUFFIX: &str = "partial";

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
        Ok(self.root.join(checked_key(key)?))
    }
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path, found: &mut Vec<PathBuf>) -> io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(error),
    };
    for entry in entries {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            files_under(&entry.path(), found)?;
        } else if kind.is_file() {
            found.push(entry.path());
        }
    }
    Ok(())
}

/// The files under `root` whose keys start with `prefix`.
fn listed(root: &Path, prefix: &str) -> io::Result<Vec<ListedFile>> {
    // The walk starts at the deepest directory the prefix names.
    let start = match prefix.rsplit_once('/') {
        Some((directory, _)) => root.join(checked_key(directory)?),
        None => root.to_owned(),
    };
    let mut paths = Vec::new();
    files_under(&start, &mut paths)?;
    let mut files = Vec::new();
    for path in paths {
        let Some(key) = path.strip_prefix(root).ok().and_then(Path::to_str) else { continue };
        if !key.starts_with(prefix) {
            continue;
        }
        let metadata = match std::fs::metadata(&path) {
            Ok(metadata) => metadata,
            // Deleted since the directory was read.
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => return Err(error),
        };
        let last_modified = metadata.modified().map(DateTime::<Utc>::from)?;
        files.push(ListedFile { key: key.to_owned(), last_modified, size: metadata.len() });
    }
    Ok(files)
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

    async fn get(&self, key: &str) -> io::Result<Option<StoredFile>> {
        let path = self.path(key)?;
        let bytes = match tokio::fs::read(&path).await {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(error),
        };
        let last_modified = tokio::fs::metadata(&path).await?.modified().map(DateTime::<Utc>::from)?;
        Ok(Some(StoredFile { bytes: bytes.into(), last_modified }))
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

    async fn list(&self, prefix: &str) -> io::Result<Vec<ListedFile>> {
        let (root, prefix) = (self.root.clone(), prefix.to_owned());
        tokio::task::spawn_blocking(move || listed(&root, &prefix)).await.map_err(io::Error::other)?
    }

    fn is_shared(&self) -> bool {
        false
    }

    fn local_dir(&self) -> Option<&Path> {
        Some(&self.root)
    }

    fn describe(&self) -> String {
        self.root.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_local_directory_passes_the_conformance_suite() {
        let dir = tempfile::tempdir().expect("tempdir");
        let storage = LocalStorage::new(dir.path());
        super::super::conformance::check(&storage).await;
    }

    #[tokio::test]
    async fn a_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let storage = LocalStorage::new(dir.path());
        storage.put("demo/a-320.jpg", b"jpeg").await.expect("put");
        assert!(dir.path().join("demo/a-320.jpg").is_file());
        assert!(!dir.path().join("demo/a-320.jpg.partial").exists());
    }
}
