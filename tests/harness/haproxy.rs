//! A real load balancer in front of a fleet: Debian's HAProxy, in the
//! foreground (`haproxy -f CONFIG -db`) with a configuration written here:
//! one frontend on 127.0.0.1, round robin over the servers, each checked on
//! `GET /readyz` every 250 ms (down after one failed check, up again after
//! two good ones), `X-Forwarded-For` added to each request, and a request
//! whose connection to a server fails retried on another (`retry-on`,
//! `option redispatch`). Failed statuses are not retried: a 500 stays
//! visible, and a form is never posted twice. Each answer names the server
//! that gave it in `X-Served-By`. The configuration is checked with
//! `haproxy -c` first; the process is killed on drop, and its log printed
//! when a test panics. Runs as root without `user`/`group` or a stats socket.

use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The header naming the server behind an answer.
pub const SERVED_BY: &str = "x-served-by";

/// Debian's HAProxy, or the one on `PATH`.
fn haproxy_binary() -> PathBuf {
    let debian = Path::new("/usr/sbin/haproxy");
    if debian.is_file() { debian.to_owned() } else { PathBuf::from("haproxy") }
}

/// The configuration: the frontend on `port`, `servers` as (name, port).
pub fn config(port: u16, servers: &[(&str, u16)]) -> String {
    let mut config = format!(
        "# The test suite's balancer (tests/harness/haproxy.rs).
global
    maxconn 4096

defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    timeout check 1s
    timeout http-keep-alive 10s
    option forwardfor
    option redispatch 1
    retries 3
    retry-on conn-failure empty-response junk-response

frontend site
    bind 127.0.0.1:{port}
    default_backend servers

backend servers
    balance roundrobin
    option httpchk
    http-check send meth GET uri /readyz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    default-server inter 250ms fastinter 250ms downinter 250ms fall 1 rise 2
    http-response set-header X-Served-By %[srv_name]
"
    );
    for (name, server_port) in servers {
        config.push_str(&format!("    server {name} 127.0.0.1:{server_port} check\n"));
    }
    config
}

/// A running HAProxy.
pub struct Balancer {
    pub port: u16,
    dir: TempDir,
    child: Child,
    client: reqwest::Client,
}

impl Balancer {
    /// Checks the configuration, starts HAProxy on `port` in front of
    /// `servers` (name, port) and waits until its frontend accepts.
    pub async fn start(port: u16, servers: &[(&str, u16)]) -> Balancer {
        let dir = tempfile::Builder::new().prefix("tradema-haproxy-").tempdir().expect("a temporary directory");
        let config_path = dir.path().join("haproxy.cfg");
        std::fs::write(&config_path, config(port, servers)).expect("write the configuration");
        let binary = haproxy_binary();
        let check = Command::new(&binary).arg("-c").arg("-f").arg(&config_path).output().unwrap_or_else(|error| {
            panic!(
                "cannot run {}: {error}; install it with `apt-get install haproxy` (./tradema test does)",
                binary.display()
            )
        });
        assert!(
            check.status.success(),
            "haproxy refuses the configuration:\n{}{}",
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
        let log = File::create(dir.path().join("haproxy.log")).expect("the balancer's log");
        let output = log.try_clone().expect("the log file, twice");
        let child = Command::new(binary)
            .arg("-f")
            .arg(config_path)
            .arg("-db")
            .stdin(Stdio::null())
            .stdout(Stdio::from(output))
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start haproxy: {error}"));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(5))
            .build()
            .expect("http client");
        let mut balancer = Balancer { port, dir, child, client };
        let start = Instant::now();
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            if let Some(status) = balancer.child.try_wait().expect("haproxy's state") {
                panic!("haproxy exited ({status}):\n{}", balancer.log());
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "haproxy does not accept on {port}:\n{}",
                balancer.log()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        balancer
    }

    /// `http://127.0.0.1:PORT`.
    pub fn address(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address())
    }

    /// What HAProxy logged (servers going down and up, alerts).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("haproxy.log")).unwrap_or_default()
    }

    /// Waits until requests through the balancer have been answered by each
    /// of `servers` (by name): they are up in HAProxy's eyes.
    pub async fn wait_until_serving(&self, servers: &[&str], deadline: Duration) {
        let wanted: BTreeSet<&str> = servers.iter().copied().collect();
        let mut seen = BTreeSet::new();
        let start = Instant::now();
        loop {
            if let Ok(response) = self.client.get(self.url("/healthz")).send().await
                && response.status() == reqwest::StatusCode::OK
                && let Some(name) = response.headers().get(SERVED_BY).and_then(|value| value.to_str().ok())
                && let Some(known) = wanted.iter().find(|candidate| **candidate == name)
            {
                seen.insert(*known);
            }
            if seen == wanted {
                return;
            }
            assert!(
                start.elapsed() < deadline,
                "after {deadline:?} the balancer had only reached {seen:?} of {wanted:?}:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("---- the balancer's log ----\n{}", crate::server_process::tail(&self.log(), 40));
        }
    }
}
