//! What this application has changed since it started, as counters its
//! caches follow: the write transactions it committed (`db::commit`), the
//! changes its search indexer made visible, and the wake-up that tells the
//! indexer a commit may have queued work. One value per application (built
//! in `build_app`, reached through `Db` and `AppState`), so two
//! applications in one process — the test suite runs many — never share
//! a counter or wake each other's indexer.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::Notify;

/// The counters of one application; cloning shares them.
#[derive(Clone, Default)]
pub struct Changes(Arc<Counters>);

#[derive(Default)]
struct Counters {
    commits: AtomicU64,
    index: AtomicU64,
    indexer: Arc<Notify>,
}

/// Which changes an answer depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Follows {
    /// What the database holds: any commit may change it.
    Commits,
    /// What the search index answers.
    Index,
    /// Both (a page shows rows and search results).
    Both,
}

impl Changes {
    /// Write transactions committed through `db::commit`.
    pub fn commits(&self) -> u64 {
        self.0.commits.load(Ordering::Acquire)
    }

    /// Times the search index started answering differently.
    pub fn index_generation(&self) -> u64 {
        self.0.index.load(Ordering::Acquire)
    }

    /// The count answers following `follows` are kept under; it only grows.
    pub fn count(&self, follows: Follows) -> u64 {
        match follows {
            Follows::Commits => self.commits(),
            Follows::Index => self.index_generation(),
            Follows::Both => self.commits().wrapping_add(self.index_generation()),
        }
    }

    /// Records a commit and wakes the indexer (the commit may have queued
    /// listings for it).
    pub fn committed(&self) {
        self.0.commits.fetch_add(1, Ordering::AcqRel);
        self.0.indexer.notify_one();
    }

    /// Records that the index answers differently from now on (called once
    /// the change is visible to searches).
    pub fn index_changed(&self) {
        self.0.index.fetch_add(1, Ordering::AcqRel);
    }

    /// Notified after every commit: the indexer's wake-up.
    pub fn indexer_wake(&self) -> Arc<Notify> {
        self.0.indexer.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_applications_count_apart() {
        let (first, second) = (Changes::default(), Changes::default());
        first.committed();
        first.index_changed();
        assert_eq!((first.commits(), first.index_generation(), first.count(Follows::Both)), (1, 1, 2));
        assert_eq!(second.count(Follows::Both), 0, "another application's commits are not counted");
        let shared = first.clone();
        shared.committed();
        assert_eq!(first.count(Follows::Commits), 2, "a clone shares the counters");
    }

    #[tokio::test]
    async fn a_commit_wakes_only_its_own_indexer() {
        let (first, second) = (Changes::default(), Changes::default());
        let (mine, other) = (first.indexer_wake(), second.indexer_wake());
        first.committed();
        tokio::time::timeout(std::time::Duration::from_secs(5), mine.notified())
            .await
            .expect("the commit's permit wakes its indexer");
        let other_woken = tokio::select! {
            biased;
            () = other.notified() => true,
            () = std::future::ready(()) => false,
        };
        assert!(!other_woken, "the other application's indexer holds no permit");
    }
}
