//! What every media storage must do, run against each one: the local
//! directory in the unit tests, a real S3 server in the integration tests
//! (`tests/integration/media_storage.rs`). Public so that both can call it.

use super::MediaStorage;

/// Panics with what a storage got wrong. Uses keys under `conformance/`.
pub async fn check(storage: &dyn MediaStorage) {
    let photo = vec![0x5a_u8; 1_500_000];
    storage.put("conformance/7/ab12-640.webp", &photo).await.expect("a file is stored");
    storage.put("conformance/7/ab12-320.webp", b"small").await.expect("a second file is stored");
    storage.put("conformance/8/cd34-320.jpg", b"other").await.expect("a file of another listing is stored");
    storage.put("elsewhere/x-320.jpg", b"outside").await.expect("a file outside the prefix is stored");

    let read = storage.get("conformance/7/ab12-640.webp").await.expect("read").expect("the stored file is found");
    assert_eq!(read.bytes.len(), photo.len(), "{}: the whole file comes back", storage.describe());
    assert!(read.bytes.iter().all(|byte| *byte == 0x5a), "the same bytes come back");
    let age = chrono::Utc::now() - read.last_modified;
    assert!(age < chrono::Duration::minutes(5) && age > chrono::Duration::minutes(-5), "last modified now: {age}");
    assert!(storage.exists("conformance/7/ab12-320.webp").await.expect("exists"));
    assert!(storage.get("conformance/7/none-640.webp").await.expect("read a missing file").is_none());
    assert!(!storage.exists("conformance/7/none-640.webp").await.expect("exists of a missing file"));

    let mut listed = storage.list("conformance/").await.expect("list");
    listed.sort_by(|a, b| a.key.cmp(&b.key));
    let keys: Vec<(&str, u64)> = listed.iter().map(|file| (file.key.as_str(), file.size)).collect();
    assert_eq!(
        keys,
        [
            ("conformance/7/ab12-320.webp", 5),
            ("conformance/7/ab12-640.webp", 1_500_000),
            ("conformance/8/cd34-320.jpg", 5)
        ],
        "{}: the listing holds the prefix's files with their sizes, nothing else",
        storage.describe()
    );
    let one_listing = storage.list("conformance/8/").await.expect("list one listing's files");
    assert_eq!(one_listing.len(), 1, "a deeper prefix narrows the listing");
    assert!(storage.list("nothing-here/").await.expect("list an empty prefix").is_empty());

    storage.delete("conformance/7/ab12-640.webp").await.expect("delete");
    assert!(storage.get("conformance/7/ab12-640.webp").await.expect("read").is_none(), "a deleted file is gone");
    storage.delete("conformance/7/ab12-640.webp").await.expect("deleting a missing file is no error");

    for unsafe_key in ["../escape.jpg", "/etc/passwd", "conformance/../../x.jpg", ""] {
        assert!(storage.put(unsafe_key, b"x").await.is_err(), "put refuses `{unsafe_key}`");
        assert!(storage.get(unsafe_key).await.is_err(), "get refuses `{unsafe_key}`");
        assert!(storage.delete(unsafe_key).await.is_err(), "delete refuses `{unsafe_key}`");
    }

    for key in ["conformance/7/ab12-320.webp", "conformance/8/cd34-320.jpg", "elsewhere/x-320.jpg"] {
        storage.delete(key).await.expect("clean up");
    }
    assert!(storage.list("conformance/").await.expect("list").is_empty(), "everything deleted is gone");
}
