//! A throwaway PostgreSQL 15 cluster for the database tests: `initdb` in a
//! temporary directory, started on a free loopback port, stopped on drop.
//! PostgreSQL refuses to run as root, so as root the commands run as the
//! `postgres` user through `runuser`. `RowLock` and `lock_waiters` make two
//! requests meet at the same write, for the race tests.

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
        cluster.resume();
        cluster
    }

    /// Starts the (stopped) server again, on the same port and files.
    pub fn resume(&self) {
        let data = self.data_dir();
        let options =
            format!("-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off", self.port, self.dir.path().display());
        let log = format!("{}/server.log", self.dir.path().display());
        let start = self.run("pg_ctl", &["-D", &data, "-o", &options, "-l", &log, "-w", "-t", "60", "start"]);
        assert!(
            start.status.success(),
            "pg_ctl start failed: {}\n{}",
            String::from_utf8_lossy(&start.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }

    /// Stops the server (fast: open connections are cut), keeping its files.
    pub fn pause(&self) {
        let stop = self.run("pg_ctl", &["-D", &self.data_dir(), "-m", "fast", "-w", "stop"]);
        assert!(stop.status.success(), "pg_ctl stop failed: {}", String::from_utf8_lossy(&stop.stderr));
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

impl PgCluster {
    /// `pg_dump -Fc` of `database`, written in the cluster's directory
    /// (readable by the `postgres` user): the file.
    pub fn dump(&self, database: &str) -> PathBuf {
        let file = self.dir.path().join(format!("{database}.pgdump"));
        let (port, path) = (self.port.to_string(), file.display().to_string());
        let output =
            self.run("pg_dump", &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", "-Fc", "-f", &path, database]);
        assert!(output.status.success(), "pg_dump {database} failed: {}", String::from_utf8_lossy(&output.stderr));
        file
    }

    /// Creates `database` and `pg_restore`s `dump` into it: its URL.
    pub fn restore(&self, dump: &std::path::Path, database: &str) -> String {
        let url = self.create_database(database);
        let (port, path) = (self.port.to_string(), dump.display().to_string());
        let output = self.run(
            "pg_restore",
            &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", "--no-owner", "--exit-on-error", "-d", database, &path],
        );
        assert!(
            output.status.success(),
            "pg_restore into {database} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        url
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

/// Rows a test holds locked on a transaction of its own (`SELECT … FOR
/// UPDATE`), to make two requests meet at the same write: each reads the
/// row as it was, then waits at its write until `release`. With
/// `lock_waiters` the test knows when both are waiting.
pub struct RowLock {
    txn: sea_orm::DatabaseTransaction,
}

impl RowLock {
    /// Runs `select_for_update` (a PostgreSQL `SELECT … FOR UPDATE`) in a new
    /// transaction and keeps it open; panics when it locks no row.
    pub async fn hold(db: &sea_orm::DatabaseConnection, select_for_update: &str) -> RowLock {
        use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
        assert!(select_for_update.trim_end().ends_with("FOR UPDATE"), "not a locking read: {select_for_update}");
        let txn = db.begin().await.expect("a transaction to hold the lock");
        let statement = Statement::from_string(txn.get_database_backend(), select_for_update.to_owned());
        let locked = txn.query_all_raw(statement).await.unwrap_or_else(|e| panic!("`{select_for_update}`: {e}"));
        assert!(!locked.is_empty(), "`{select_for_update}` locked no row");
        RowLock { txn }
    }

    /// Takes the advisory transaction lock `key` (a `server::db::WriteScope`)
    /// in a new transaction and keeps it open.
    pub async fn hold_advisory(db: &sea_orm::DatabaseConnection, key: i64) -> RowLock {
        use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
        let txn = db.begin().await.expect("a transaction to hold the lock");
        let statement = Statement::from_sql_and_values(
            txn.get_database_backend(),
            "SELECT pg_advisory_xact_lock($1)",
            [sea_orm::Value::from(key)],
        );
        txn.execute_raw(statement).await.expect("the advisory lock");
        RowLock { txn }
    }

    /// Ends the transaction (it wrote nothing), which lets the waiting writes go on.
    pub async fn release(self) {
        self.txn.rollback().await.expect("the lock is released");
    }
}

/// How many sessions of the connected PostgreSQL database wait for a lock
/// right now (`pg_stat_activity`).
pub async fn lock_waiters(db: &impl sea_orm::ConnectionTrait) -> u64 {
    let sql = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'";
    let statement = sea_orm::Statement::from_string(db.get_database_backend(), sql.to_owned());
    let row = db.query_one_raw(statement).await.expect("pg_stat_activity").expect("a count");
    let count: i64 = row.try_get_by_index(0).expect("the number of waiting sessions");
    u64::try_from(count).expect("a count is not negative")
}
