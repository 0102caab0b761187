//! What this application has changed since it started, as counters its
//! caches follow: the write transactions it committed (`db::commit`), the
//! changes its search indexer made visible, and the wake-up that tells the
//! indexer a commit may have queued work. One value per application (built
//! in `build_app`, reached through `Db` and `AppState`), so two
//! applications in one process — the test suite runs many — never share
//! a counter or wake each other's indexer.
//!
//! In a fleet on PostgreSQL, each public commit also notifies the channel
//! `CHANNEL` (inside the transaction, so only a commit is announced), and
//! every process listens (`jobs::fleet_changes`): another process's commit
//! counts here as one of ours, so the caches of every process follow it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::Notify;

/// The PostgreSQL channel commits are announced on.
pub const CHANNEL: &str = "tradema_changes";

/// The counters of one application; cloning shares them.
#[derive(Clone, Default)]
pub struct Changes(Arc<Counters>);

#[derive(Default)]
struct Counters {
    commits: AtomicU64,
    index: AtomicU64,
    indexer: Arc<Notify>,
    /// This process's name, when its commits are announced to a fleet.
    announced_as: std::sync::OnceLock<String>,
}

/// What a notification on `CHANNEL` announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Announcement {
    /// A commit (the database answers differently).
    Commit,
    /// A shared search index answers differently.
    Index,
}

impl Announcement {
    fn kind(self) -> &'static str {
        match self {
            Announcement::Commit => "commit",
            Announcement::Index => "index",
        }
    }

    /// The payload `instance` sends.
    pub fn payload(self, instance: &str) -> String {
        format!("{} {instance}", self.kind())
    }

    /// The announcement and its sender in a payload (`None`: not ours).
    pub fn parse(payload: &str) -> Option<(Announcement, &str)> {
        let (kind, instance) = payload.split_once(' ')?;
        let announcement = match kind {
            "commit" => Announcement::Commit,
            "index" => Announcement::Index,
            _ => return None,
        };
        Some((announcement, instance))
    }
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

    /// Announces this application's commits to a fleet as `instance` (set
    /// once, when the database is PostgreSQL).
    pub fn announce_as(&self, instance: &str) {
        let _ = self.0.announced_as.set(instance.to_owned());
    }

    /// The name this application's commits are announced under, if they are.
    pub fn announced_as(&self) -> Option<&str> {
        self.0.announced_as.get().map(String::as_str)
    }

    /// Counts what another process of the fleet announced.
    pub fn heard(&self, announcement: Announcement) {
        match announcement {
            Announcement::Commit => self.committed(),
            Announcement::Index => self.index_changed(),
        }
    }

    /// Notifications may have been missed (the listening connection was
    /// lost): everything kept is recomputed.
    pub fn may_have_missed(&self) {
        self.committed();
        self.index_changed();
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

    #[test]
    fn announcements_name_their_kind_and_sender() {
        let payload = Announcement::Commit.payload("web-2");
        assert_eq!(Announcement::parse(&payload), Some((Announcement::Commit, "web-2")));
        assert_eq!(Announcement::parse(&Announcement::Index.payload("a")), Some((Announcement::Index, "a")));
        assert_eq!(Announcement::parse("vacuum web-2"), None);
        assert_eq!(Announcement::parse("commit"), None);
        let changes = Changes::default();
        changes.heard(Announcement::Index);
        assert_eq!((changes.commits(), changes.index_generation()), (0, 1));
        changes.may_have_missed();
        assert_eq!((changes.commits(), changes.index_generation()), (1, 2));
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
