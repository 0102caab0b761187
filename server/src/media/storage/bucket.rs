//! Media files in an S3-compatible bucket (`media_url = s3://bucket/prefix`),
//! through the `object_store` crate: what a fleet uses, so that a photo
//! uploaded through one process is served by every other. One PUT per file:
//! S3 shows an object whole or not at all, so nothing half-written is ever
//! read. Requests are bounded (connect 5 s, each 30 s, two retries within
//! 10 s): a bucket that is down makes an upload fail in seconds with a clear
//! answer rather than hang it for the store's default three minutes.

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjectPath;
use object_store::{ClientOptions, ObjectStore, PutPayload, RetryConfig};
use secrecy::ExposeSecret;

use super::{ListedFile, MediaStorage, StoredFile, checked_key};
use crate::config::BucketSettings;

/// How long opening a connection to the bucket may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long one request may take (a photo variant is at most a few MB).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Retries of a failed request, and the time they may take in all.
const RETRIES: usize = 2;
const RETRY_WITHIN: Duration = Duration::from_secs(10);

/// Files under a prefix of one bucket.
#[derive(Clone, Debug)]
pub struct BucketStorage {
    store: Arc<dyn ObjectStore>,
    /// The key prefix of every file (`tradema`), without slashes at its ends.
    prefix: String,
    /// `s3://bucket/prefix`, for logs.
    url: String,
}

impl BucketStorage {
    /// The bucket `settings` name, reached with its endpoint, region and
    /// credentials (the `AWS_*` environment fills what they leave out).
    pub fn open(settings: &BucketSettings) -> Result<BucketStorage, object_store::Error> {
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(&settings.bucket)
            .with_region(&settings.region)
            .with_client_options(
                ClientOptions::new()
                    .with_connect_timeout(CONNECT_TIMEOUT)
                    .with_timeout(REQUEST_TIMEOUT)
                    .with_allow_http(settings.endpoint.as_deref().is_some_and(|url| url.starts_with("http://"))),
            )
            .with_retry(RetryConfig { max_retries: RETRIES, retry_timeout: RETRY_WITHIN, ..RetryConfig::default() });
        if let Some(endpoint) = &settings.endpoint {
            // A server of its own (MinIO, Garage, s3s): bucket in the path.
            builder = builder.with_endpoint(endpoint).with_virtual_hosted_style_request(false);
        }
        if let Some(key_id) = &settings.access_key_id {
            builder = builder.with_access_key_id(key_id.expose_secret());
        }
        if let Some(secret) = &settings.secret_access_key {
            builder = builder.with_secret_access_key(secret.expose_secret());
        }
        let prefix = settings.prefix.trim_matches('/').to_owned();
        let url = format!("s3://{}/{prefix}", settings.bucket);
        Ok(BucketStorage { store: Arc::new(builder.build()?), prefix, url })
    }

    /// The object of a key.
    fn location(&self, key: &str) -> io::Result<ObjectPath> {
        let key = checked_key(key)?;
        let full = if self.prefix.is_empty() { key.to_owned() } else { format!("{}/{key}", self.prefix) };
        ObjectPath::parse(&full)
            .map_err(|error| io::Error::new(io::ErrorKind::InvalidInput, format!("media key `{key}`: {error}")))
    }

    /// The key of an object listed under the prefix.
    fn key_of<'a>(&self, location: &'a ObjectPath) -> Option<&'a str> {
        let full = location.as_ref();
        if self.prefix.is_empty() { Some(full) } else { full.strip_prefix(&self.prefix)?.strip_prefix('/') }
    }
}

/// An object store's error as an I/O error of the same meaning.
fn io_error(error: object_store::Error) -> io::Error {
    match error {
        object_store::Error::NotFound { .. } => io::Error::new(io::ErrorKind::NotFound, error),
        error => io::Error::other(error),
    }
}

#[async_trait::async_trait]
impl MediaStorage for BucketStorage {
    async fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()> {
        let location = self.location(key)?;
        let payload = PutPayload::from(bytes::Bytes::copy_from_slice(bytes));
        self.store.put(&location, payload).await.map_err(io_error)?;
        Ok(())
    }

    async fn get(&self, key: &str) -> io::Result<Option<StoredFile>> {
        let location = self.location(key)?;
        let found = match self.store.get(&location).await {
            Ok(found) => found,
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            Err(error) => return Err(io_error(error)),
        };
        let last_modified = found.meta.last_modified;
        let bytes = found.bytes().await.map_err(io_error)?;
        Ok(Some(StoredFile { bytes, last_modified }))
    }

    async fn exists(&self, key: &str) -> io::Result<bool> {
        match self.store.head(&self.location(key)?).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(error) => Err(io_error(error)),
        }
    }

    async fn delete(&self, key: &str) -> io::Result<()> {
        match self.store.delete(&self.location(key)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(error) => Err(io_error(error)),
        }
    }

    async fn list(&self, prefix: &str) -> io::Result<Vec<ListedFile>> {
        // Listed by the deepest directory the prefix names, then filtered:
        // an object store lists whole path segments.
        let directory = prefix.rsplit_once('/').map(|(directory, _)| directory).unwrap_or("");
        let start = if directory.is_empty() {
            (!self.prefix.is_empty()).then(|| ObjectPath::from(self.prefix.as_str()))
        } else {
            Some(self.location(directory)?)
        };
        let mut listing = self.store.list(start.as_ref());
        let mut files = Vec::new();
        while let Some(meta) = listing.next().await {
            let meta = meta.map_err(io_error)?;
            let Some(key) = self.key_of(&meta.location) else { continue };
            if key.starts_with(prefix) {
                files.push(ListedFile { key: key.to_owned(), last_modified: meta.last_modified, size: meta.size });
            }
        }
        Ok(files)
    }

    fn is_shared(&self) -> bool {
        true
    }

    fn local_dir(&self) -> Option<&Path> {
        None
    }

    fn describe(&self) -> String {
        self.url.clone()
    }
}
