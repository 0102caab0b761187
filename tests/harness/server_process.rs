//! A real `server` process, as a fleet runs it: the built binary started
//! with `server serve` on a free loopback port, over a data directory of its
//! own, configured only through `TRADEMA_*` environment variables (none is
//! inherited from the test's environment), its output in `server.log` in
//! that directory. It can be stopped with SIGTERM and started again on the
//! same port and directory; it is killed on drop, and when a test panics
//! the end of its log is printed.
//!
//! The binary is `TRADEMA_SERVER_BIN` when set, else `debug/server` of the
//! cargo target directory (`CARGO_TARGET_DIR`, or the workspace's
//! `target/`): the tests package cannot name another package's binary, so it
//! must be built first (`./tradema test` does, or `cargo build -p server`),
//! and a warning is printed when a source of it is newer than it.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant, SystemTime};

use tempfile::TempDir;

/// What every process logs: the defaults, and the migrations applied (the
/// drill counts them).
const LOG_FILTER: &str = "info,tower_http=info,sqlx=warn,sea_orm=warn,sea_orm_migration=info";

/// Lines of its log a process prints when a test fails.
const TAIL_LINES: usize = 60;

/// A free port on 127.0.0.1: bound to port 0 and released at once, for a
/// child process to bind.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free loopback port")
}

/// The last `lines` lines of a text.
pub fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// The `server` binary to run (see the module's header).
pub fn server_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("TRADEMA_SERVER_BIN") {
        let path = PathBuf::from(path);
        assert!(path.is_file(), "TRADEMA_SERVER_BIN names {}, which is not a file", path.display());
        return path;
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let target = match std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => dir,
        Some(dir) => workspace.join(dir),
        None => workspace.join("target"),
    };
    let path = target.join("debug").join("server");
    assert!(
        path.is_file(),
        "the server binary {} is missing: build it first with `cargo build --package server` \
         (`./tradema test` does), or name a built one with TRADEMA_SERVER_BIN",
        path.display()
    );
    static CHECKED: std::sync::Once = std::sync::Once::new();
    CHECKED.call_once(|| warn_if_stale(&path, &workspace));
    path
}

/// Warns once when a source of the binary changed after it was built:
/// `cargo test` does not rebuild another package's binary.
fn warn_if_stale(binary: &Path, workspace: &Path) {
    let Ok(built) = binary.metadata().and_then(|metadata| metadata.modified()) else { return };
    let newer =
        ["server/src", "app/src", "migrations/src"].iter().find_map(|dir| newer_file(&workspace.join(dir), built));
    if let Some(source) = newer {
        eprintln!(
            "warning: {} is older than {}: the processes run old code until it is rebuilt (`cargo build --package server`)",
            binary.display(),
            source.display()
        );
    }
}

/// A file under `dir` modified after `than`, if any.
fn newer_file(dir: &Path, than: SystemTime) -> Option<PathBuf> {
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if let Some(found) = newer_file(&path, than) {
                return Some(found);
            }
        } else if entry.metadata().and_then(|metadata| metadata.modified()).is_ok_and(|modified| modified > than) {
            return Some(path);
        }
    }
    None
}

/// One server process of a fleet (see the module's header).
pub struct ServerProcess {
    /// Its `TRADEMA_INSTANCE`: `web-1`, …
    pub instance: String,
    pub port: u16,
    settings: Vec<(String, String)>,
    data_dir: TempDir,
    child: Option<Child>,
    client: reqwest::Client,
}

impl ServerProcess {
    /// A process named `instance`, not started yet, on a free port with a
    /// fresh data directory; `settings` are `TRADEMA_*` variables given on
    /// top of the data directory, the address, the instance name and the
    /// site root (the workspace's `public/`, as `TestApp` serves).
    pub fn new(instance: &str, settings: &[(&str, &str)]) -> ServerProcess {
        let data_dir = tempfile::Builder::new()
            .prefix(&format!("tradema-{instance}-"))
            .tempdir()
            .expect("a temporary data directory");
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(5))
            .build()
            .expect("http client");
        ServerProcess {
            instance: instance.to_owned(),
            port: free_port(),
            settings: settings.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect(),
            data_dir,
            child: None,
            client,
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn address(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address())
    }

    pub fn data_dir(&self) -> &Path {
        self.data_dir.path()
    }

    pub fn log_path(&self) -> PathBuf {
        self.data_dir.path().join("server.log")
    }

    /// Everything the process wrote to standard output and error, over
    /// every start.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log_path()).unwrap_or_default()
    }

    /// The end of its log.
    pub fn log_tail(&self, lines: usize) -> String {
        tail(&self.log(), lines)
    }

    /// The process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// Starts `server serve` (again, after an exit: same port, same data
    /// directory, the log appended to).
    pub fn start(&mut self) {
        assert!(self.child.is_none(), "{} is already running", self.instance);
        let mut log =
            OpenOptions::new().create(true).append(true).open(self.log_path()).expect("the server's log file");
        writeln!(log, "==== drill: starting {} on 127.0.0.1:{} ====", self.instance, self.port).expect("log");
        let mut command = Command::new(server_binary());
        command.arg("serve").current_dir(self.data_dir.path());
        // Only the settings given here: a TRADEMA_* of the test's own
        // environment (TRADEMA_SERVER_BIN, …) is not a server setting.
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("TRADEMA_") {
                command.env_remove(name);
            }
        }
        command
            .env("TRADEMA_DATA_DIR", self.data_dir.path())
            .env("TRADEMA_LISTEN", format!("127.0.0.1:{}", self.port))
            .env("TRADEMA_INSTANCE", &self.instance)
            .env("TRADEMA_SITE_ROOT", crate::public_dir())
            .env("RUST_LOG", LOG_FILTER)
            .env("NO_COLOR", "1");
        for (name, value) in &self.settings {
            command.env(name, value);
        }
        let output = log.try_clone().expect("the log file, twice");
        command.stdin(Stdio::null()).stdout(Stdio::from(output)).stderr(Stdio::from(log));
        let child = command.spawn().unwrap_or_else(|error| panic!("cannot start {}: {error}", self.instance));
        self.child = Some(child);
    }

    /// Whether the process has exited, and how (`None`: still running or
    /// never started).
    fn exited(&mut self) -> Option<ExitStatus> {
        let child = self.child.as_mut()?;
        let status = child.try_wait().expect("the server's state")?;
        self.child = None;
        Some(status)
    }

    /// Waits until `GET /readyz` answers 200; panics with the end of the log
    /// when the process exits first or `deadline` passes.
    pub async fn wait_ready(&mut self, deadline: Duration) {
        let start = Instant::now();
        let url = self.url("/readyz");
        loop {
            if let Some(status) = self.exited() {
                panic!("{} exited ({status}) before it was ready:\n{}", self.instance, self.log_tail(TAIL_LINES));
            }
            assert!(self.child.is_some(), "{} was never started", self.instance);
            if let Ok(response) = self.client.get(&url).send().await
                && response.status() == reqwest::StatusCode::OK
            {
                return;
            }
            if start.elapsed() > deadline {
                panic!("{} not ready after {deadline:?}:\n{}", self.instance, self.log_tail(TAIL_LINES));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Sends SIGTERM, as a deploy or `systemctl stop` does.
    pub fn sigterm(&self) {
        let pid = self.pid().unwrap_or_else(|| panic!("{} is not running", self.instance));
        let pid = pid.to_string();
        let status = Command::new("kill").args(["-TERM", pid.as_str()]).status().expect("kill runs");
        assert!(status.success(), "kill -TERM {pid} ({}) failed", self.instance);
    }

    /// Waits for the process to exit and returns how it did; panics with
    /// the end of the log when `deadline` passes first.
    pub async fn wait_exit(&mut self, deadline: Duration) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.exited() {
                return status;
            }
            assert!(self.child.is_some(), "{} is not running", self.instance);
            if start.elapsed() > deadline {
                panic!("{} still running {deadline:?} after:\n{}", self.instance, self.log_tail(TAIL_LINES));
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Kills the process (SIGKILL) and reaps it.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
        if std::thread::panicking() {
            eprintln!(
                "---- the end of {}'s log ({}) ----\n{}",
                self.instance,
                self.log_path().display(),
                self.log_tail(TAIL_LINES)
            );
        }
    }
}
