//! The sweep of the media store: what a crash or a failed clean-up left.
//! A `*.partial` file is a write that never finished (a local directory's);
//! a photo or logo file whose key no row names belongs to an upload whose
//! transaction never committed (or to a row deleted while its files could
//! not be). Both go, but only once older than a grace period, so an upload
//! in flight in another process keeps its files. Only the server's own trees
//! (`listings/`, `producers/`, `showcases/`) are swept, and only names of the form
//! `<key>-<width>.<ext>`: anything else in the store is left alone. The same
//! sweep works on a directory and on a bucket (its listing and last-modified
//! times).

use std::time::Duration;

use app::domain::PHOTO_WIDTHS;
use sea_orm::ConnectionTrait;

use super::storage::{MediaStorage, PARTIAL_SUFFIX};
use crate::repo::photo::referenced_keys;

/// How old a file must be before the sweep may remove it.
pub const GRACE: Duration = Duration::from_secs(3600);
/// The key prefixes the server writes uploads under.
const SWEPT_TREES: [&str; 3] = ["listings/", "producers/", "showcases/"];
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
pub fn key_of(relative: &str) -> Option<&str> {
    let (stem, extension) = relative.rsplit_once('.')?;
    if !VARIANT_EXTENSIONS.contains(&extension) {
        return None;
    }
    let (key, width) = stem.rsplit_once('-')?;
    let width: u32 = width.parse().ok()?;
    PHOTO_WIDTHS.contains(&width).then_some(key)
}

/// Removes unfinished writes and unreferenced variant files older than `grace`.
pub async fn sweep(
    db: &impl ConnectionTrait,
    storage: &dyn MediaStorage,
    grace: Duration,
) -> anyhow::Result<SweepReport> {
    // The keys are read before the files are listed: a file stored after
    // this read is younger than `grace`, so it is not judged against them.
    let keys = referenced_keys(db).await?;
    let grace = chrono::Duration::from_std(grace)?;
    let now = chrono::Utc::now();
    let mut report = SweepReport::default();
    for tree in SWEPT_TREES {
        for file in storage.list(tree).await? {
            if now - file.last_modified < grace {
                continue;
            }
            if file.key.ends_with(&format!(".{PARTIAL_SUFFIX}")) {
                storage.delete(&file.key).await?;
                report.partial_files += 1;
            } else if key_of(&file.key).is_some_and(|key| !keys.contains(key)) {
                storage.delete(&file.key).await?;
                report.orphan_files += 1;
            }
        }
    }
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
