//! The start-up sweep of the media directory: what a crash can leave behind.
//! A `*.partial` file is a write that never finished; a photo or logo file
//! whose key no row names belongs to an upload whose transaction never
//! committed (or to a row deleted while its files could not be). Both go, but
//! only once older than a grace period, so an upload in flight in another
//! process keeps its files. Only the server's own trees (`listings/`,
//! `producers/`) are swept, and only names of the form `<key>-<width>.<ext>`:
//! anything else under the media directory is left alone.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use app::domain::PHOTO_WIDTHS;
use sea_orm::ConnectionTrait;

use super::storage::PARTIAL_SUFFIX;
use crate::repo::photo::referenced_keys;

/// How old a file must be before the sweep may remove it.
pub const GRACE: Duration = Duration::from_secs(3600);
/// The key prefixes the server writes uploads under.
const SWEPT_TREES: [&str; 2] = ["listings", "producers"];
/// The extensions of stored variants.
const VARIANT_EXTENSIONS: [&str; 2] = ["webp", "jpg"];

/// What a sweep removed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SweepReport {
    pub partial_files: usize,
    pub orphan_files: usize,
}

/// The storage key of a variant file's path relative to the media directory
/// (`listings/7/ab12-640.webp` → `listings/7/ab12`), if it is one.
fn key_of(relative: &str) -> Option<&str> {
    let (stem, extension) = relative.rsplit_once('.')?;
    if !VARIANT_EXTENSIONS.contains(&extension) {
        return None;
    }
    let (key, width) = stem.rsplit_once('-')?;
    let width: u32 = width.parse().ok()?;
    PHOTO_WIDTHS.contains(&width).then_some(key)
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
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

/// Removes unfinished writes and unreferenced variant files older than `grace`.
pub async fn sweep(db: &impl ConnectionTrait, media_dir: &Path, grace: Duration) -> anyhow::Result<SweepReport> {
    let keys = referenced_keys(db).await?;
    let media_dir = media_dir.to_owned();
    let report = tokio::task::spawn_blocking(move || -> anyhow::Result<SweepReport> {
        let mut report = SweepReport::default();
        let now = SystemTime::now();
        for tree in SWEPT_TREES {
            let mut files = Vec::new();
            files_under(&media_dir.join(tree), &mut files)?;
            for path in files {
                let old_enough = std::fs::metadata(&path)?
                    .modified()
                    .ok()
                    .and_then(|modified| now.duration_since(modified).ok())
                    .is_some_and(|age| age >= grace);
                if !old_enough {
                    continue;
                }
                let Some(relative) = path.strip_prefix(&media_dir).ok().and_then(Path::to_str) else { continue };
                if relative.ends_with(&format!(".{PARTIAL_SUFFIX}")) {
                    std::fs::remove_file(&path)?;
                    report.partial_files += 1;
                } else if key_of(relative).is_some_and(|key| !keys.contains(key)) {
                    std::fs::remove_file(&path)?;
                    report.orphan_files += 1;
                }
            }
        }
        Ok(report)
    })
    .await??;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_variant_names_give_a_key() {
        assert_eq!(key_of("listings/7/ab12-640.webp"), Some("listings/7/ab12"));
        assert_eq!(key_of("producers/3/cd-320.jpg"), Some("producers/3/cd"));
        assert_eq!(key_of("listings/7/ab12-641.webp"), None, "not one of our widths");
        assert_eq!(key_of("listings/7/ab12-640.png"), None, "not one of our formats");
        assert_eq!(key_of("listings/7/notes.txt"), None);
        assert_eq!(key_of("listings/7/ab12.webp"), None);
    }
}
