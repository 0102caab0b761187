//! Directories nothing can write to, not even root (the tests run as root
//! here, and root ignores permission bits): `chattr +i` on a directory and
//! every directory below it, so no file can be created, renamed or removed
//! in them, until the guard is dropped (`chattr -i`). For the drills of a
//! search index or a media directory that stops taking writes. It needs a
//! filesystem with the immutable attribute (ext4, xfs, btrfs; not tmpfs).

use std::path::{Path, PathBuf};
use std::process::Command;

/// Directories made immutable, made writable again on drop.
pub struct Immutable {
    dirs: Vec<PathBuf>,
}

fn directories_under(root: &Path, found: &mut Vec<PathBuf>) {
    found.push(root.to_owned());
    for entry in std::fs::read_dir(root).into_iter().flatten().flatten() {
        if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            directories_under(&entry.path(), found);
        }
    }
}

fn chattr(flag: &str, dir: &Path) -> Result<(), String> {
    let output = Command::new("chattr").arg(flag).arg(dir).output().map_err(|error| format!("chattr: {error}"))?;
    if output.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&output.stderr).trim().to_owned()) }
}

impl Immutable {
    /// Makes `root` and every directory below it immutable.
    pub fn dirs_under(root: &Path) -> Immutable {
        let mut dirs = Vec::new();
        directories_under(root, &mut dirs);
        let mut guard = Immutable { dirs: Vec::new() };
        for dir in dirs {
            chattr("+i", &dir).unwrap_or_else(|error| {
                panic!(
                    "cannot make {} immutable ({error}): the drill needs a filesystem with the immutable \
                     attribute (ext4, xfs, btrfs) for its temporary directories, and root",
                    dir.display()
                )
            });
            guard.dirs.push(dir);
        }
        guard
    }

    /// Makes the directories writable again (also done on drop).
    pub fn release(&mut self) {
        for dir in self.dirs.drain(..) {
            if let Err(error) = chattr("-i", &dir) {
                eprintln!("warning: cannot make {} writable again: {error}", dir.display());
            }
        }
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        self.release();
    }
}
