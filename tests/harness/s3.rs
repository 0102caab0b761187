//! A real S3 server on loopback: `s3s-fs` from crates.io (an S3 API over a
//! directory, `cargo install s3s-fs --features binary`, which
//! `./tradema test` does), with an access key, so that every request the
//! application makes is signed and checked as a real bucket would. A
//! bucket is a directory under the server's root. Stopped (and startable
//! again on the same port and files, for the outage drills) by the test;
//! killed on drop.

use std::fs::File;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use secrecy::SecretString;
use server::config::BucketSettings;
use tempfile::TempDir;

/// The bucket every test uses.
pub const BUCKET: &str = "tradema-media";
const ACCESS_KEY: &str = "tradema-test-access";
const SECRET_KEY: &str = "tradema-test-secret-0123456789";

/// A running (or stopped) s3s-fs.
pub struct S3Server {
    pub port: u16,
    root: TempDir,
    child: Option<Child>,
}

/// The s3s-fs program: on `PATH`, or where `cargo install` puts it.
fn program() -> PathBuf {
    let installed = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .map(|home| home.join("bin").join("s3s-fs"));
    match installed {
        Some(path) if path.is_file() => path,
        _ => PathBuf::from("s3s-fs"),
    }
}

impl S3Server {
    /// Starts s3s-fs on a free loopback port with an empty bucket.
    pub async fn start() -> S3Server {
        let root = tempfile::Builder::new().prefix("tradema-s3-").tempdir().expect("a temporary directory");
        std::fs::create_dir(root.path().join("data")).expect("the server's root");
        std::fs::create_dir(root.path().join("data").join(BUCKET)).expect("the bucket");
        let mut server = S3Server { port: crate::server_process::free_port(), root, child: None };
        server.resume().await;
        server
    }

    /// Starts the server again on its port and files.
    pub async fn resume(&mut self) {
        assert!(self.child.is_none(), "the S3 server is already running");
        let log = File::create(self.root.path().join("s3s-fs.log")).expect("the S3 server's log");
        let output = log.try_clone().expect("the log file, twice");
        let child = Command::new(program())
            .args(["--host", "127.0.0.1", "--port", &self.port.to_string()])
            .args(["--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY])
            .arg(self.root.path().join("data"))
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::from(output))
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap_or_else(|error| {
                panic!("cannot start s3s-fs ({error}): install it with `cargo install s3s-fs --features binary` (./tradema test does)")
            });
        self.child = Some(child);
        let start = Instant::now();
        while tokio::net::TcpStream::connect(("127.0.0.1", self.port)).await.is_err() {
            if let Some(status) = self.child.as_mut().and_then(|child| child.try_wait().expect("s3s-fs's state")) {
                panic!("s3s-fs exited ({status}):\n{}", self.log());
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "s3s-fs does not accept on {}:\n{}",
                self.port,
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Stops the server (its files stay).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.root.path().join("s3s-fs.log")).unwrap_or_default()
    }

    /// The endpoint URL.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The settings of the bucket, under `prefix`.
    pub fn bucket(&self, prefix: &str) -> BucketSettings {
        BucketSettings {
            bucket: BUCKET.to_owned(),
            prefix: prefix.to_owned(),
            endpoint: Some(self.endpoint()),
            region: "us-east-1".to_owned(),
            access_key_id: Some(SecretString::from(ACCESS_KEY)),
            secret_access_key: Some(SecretString::from(SECRET_KEY)),
        }
    }

    /// The environment a server process needs to keep its media here.
    pub fn env(&self, prefix: &str) -> Vec<(&'static str, String)> {
        vec![
            ("TRADEMA_MEDIA_URL", format!("s3://{BUCKET}/{prefix}")),
            ("TRADEMA_S3_ENDPOINT", self.endpoint()),
            ("TRADEMA_S3_ACCESS_KEY_ID", ACCESS_KEY.to_owned()),
            ("TRADEMA_S3_SECRET_ACCESS_KEY", SECRET_KEY.to_owned()),
        ]
    }

    /// The files the bucket holds under `prefix`, by key (read from the
    /// server's directory, not through the application).
    pub fn keys(&self, prefix: &str) -> Vec<String> {
        let base = self.root.path().join("data").join(BUCKET);
        let mut found = Vec::new();
        let mut pending = vec![base.clone()];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                } else if let Some(key) = path.strip_prefix(&base).ok().and_then(|key| key.to_str())
                    && key.starts_with(prefix)
                    && !key.contains(".s3s")
                {
                    found.push(key.to_owned());
                }
            }
        }
        found.sort();
        found
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        self.stop();
    }
}
