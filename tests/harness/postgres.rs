//! A throwaway PostgreSQL 15 cluster for the database tests: `initdb` in a
//! temporary directory, started on a free loopback port, stopped on drop.
//! PostgreSQL refuses to run as root, so as root the commands run as the
//! `postgres` user through `runuser`.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};

use tempfile::TempDir;

const DEFAULT_BIN_DIR: &str = "/usr/lib/postgresql/15/bin";

pub struct PgCluster {
    dir: TempDir,
    bin: PathBuf,
    pub port: u16,
    as_postgres: bool,
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

impl PgCluster {
    fn run(&self, program: &str, args: &[&str]) -> Output {
        let binary = self.bin.join(program);
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&binary);
            c
        } else {
            Command::new(&binary)
        };
        command.args(args).output().unwrap_or_else(|err| panic!("cannot run {}: {err}", binary.display()))
    }

    /// Starts a cluster; panics with the reason when PostgreSQL is missing
    /// (`./tradema test` installs it).
    pub fn start() -> PgCluster {
        let bin =
            std::env::var("TRADEMA_TEST_PG_BIN").map(PathBuf::from).unwrap_or_else(|_| PathBuf::from(DEFAULT_BIN_DIR));
        assert!(
            bin.join("initdb").exists(),
            "PostgreSQL 15 is not installed ({}/initdb missing): run `./tradema install` or `apt-get install postgresql`",
            bin.display()
        );
        let dir = tempfile::Builder::new().prefix("tradema-pg-").tempdir().expect("temporary cluster dir");
        let as_postgres = is_root();
        if as_postgres {
            let status =
                Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir.path()).status().expect("chown");
            assert!(status.success(), "cannot hand the cluster directory to the postgres user");
        }
        let port =
            TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port");
        let cluster = PgCluster { dir, bin, port, as_postgres };
        let data = cluster.data_dir();
        let init =
            cluster.run("initdb", &["-D", &data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        assert!(init.status.success(), "initdb failed: {}", String::from_utf8_lossy(&init.stderr));
        let options =
            format!("-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off", cluster.dir.path().display());
        let log = format!("{}/server.log", cluster.dir.path().display());
        let start = cluster.run("pg_ctl", &["-D", &data, "-o", &options, "-l", &log, "-w", "-t", "60", "start"]);
        assert!(
            start.status.success(),
            "pg_ctl start failed: {}\n{}",
            String::from_utf8_lossy(&start.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        cluster
    }

    fn data_dir(&self) -> String {
        format!("{}/data", self.dir.path().display())
    }

    /// Creates a database and returns its URL.
    pub fn create_database(&self, name: &str) -> String {
        let port = self.port.to_string();
        let output = self.run("createdb", &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", name]);
        assert!(output.status.success(), "createdb {name} failed: {}", String::from_utf8_lossy(&output.stderr));
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let data = self.data_dir();
        let stop = self.run("pg_ctl", &["-D", &data, "-m", "fast", "-w", "stop"]);
        if !stop.status.success() {
            eprintln!("warning: pg_ctl stop failed: {}", String::from_utf8_lossy(&stop.stderr));
        }
    }
}
