//! Server processes of one site on one database: three started together
//! on an empty PostgreSQL database all come up, the schema migrated once
//! (under an advisory lock); jobs that run in one process at a time hold a
//! lease (`repo::job_lease`): of processes asking together exactly one gets
//! it, the holder renews it, another takes it once it ends or is released
//! (on PostgreSQL with truly concurrent takers, and on SQLite).

use chrono::{Duration, Utc};
use migrations::MigratorTrait;
use secrecy::SecretString;
use server::config::Settings;
use server::db::Db;
use server::repo::job_lease::{release_all, take};

async fn one_holder_at_a_time(db: Db) {
    let now = Utc::now();
    let until = now + Duration::minutes(12);
    // Eight processes ask at the same moment: one gets the lease.
    let takers: Vec<_> = (0..8)
        .map(|n| {
            let db = db.clone();
            tokio::spawn(async move { take(&db, "saved search alerts", &format!("process-{n}"), now, until).await })
        })
        .collect();
    let mut holders = Vec::new();
    for (n, taker) in takers.into_iter().enumerate() {
        if taker.await.expect("task").expect("take") {
            holders.push(format!("process-{n}"));
        }
    }
    assert_eq!(holders.len(), 1, "exactly one process holds the lease: {holders:?}");
    let holder = holders.remove(0);
    let other = if holder == "process-0" { "process-1" } else { "process-0" };

    let later = now + Duration::minutes(10);
    assert!(take(&db, "saved search alerts", &holder, later, later + Duration::minutes(12)).await.expect("renew"));
    assert!(
        !take(&db, "saved search alerts", other, later, later + Duration::minutes(12)).await.expect("take"),
        "a renewed lease is not taken"
    );
    assert!(take(&db, "session sweeper", other, later, later + Duration::hours(1)).await.expect("take"), "per job");

    let ended = later + Duration::minutes(13);
    assert!(
        take(&db, "saved search alerts", other, ended, ended + Duration::minutes(12)).await.expect("take"),
        "an ended lease goes to the next process that asks"
    );
    assert_eq!(release_all(&db, other).await.expect("release"), 2, "both of its leases end at its shutdown");
    assert!(take(&db, "saved search alerts", &holder, ended, ended + Duration::minutes(12)).await.expect("take"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_process_of_a_fleet_holds_a_job_lease_on_postgresql() {
    let cluster = tests::postgres::PgCluster::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut settings = Settings::for_data_dir(dir.path());
    settings.database_url = SecretString::from(cluster.create_database("leases"));
    let db = Db::standalone(server::db::connect(&settings).await.expect("connect"));
    server::db::migrate(&db).await.expect("migrate");
    one_holder_at_a_time(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_process_holds_a_job_lease_on_sqlite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let settings = Settings::for_data_dir(dir.path());
    let db = Db::standalone(server::db::connect(&settings).await.expect("connect"));
    server::db::migrate(&db).await.expect("migrate");
    one_holder_at_a_time(db).await;
}

/// Three servers started at the same moment on an empty PostgreSQL
/// database (a fleet's first deploy): the first migrates, the others wait
/// for its lock and find nothing to do; all three serve.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_servers_started_together_on_an_empty_database_all_come_up() {
    let cluster = tests::postgres::PgCluster::start();
    let url = cluster.create_database("started_together");
    let (first, second, third) =
        tokio::join!(tests::TestApp::spawn_on(&url), tests::TestApp::spawn_on(&url), tests::TestApp::spawn_on(&url));
    for app in [&first, &second, &third] {
        let (status, body) = app.get("/readyz").await;
        assert_eq!(status, 200, "{body}");
    }
    let applied = migrations::Migrator::get_applied_migrations(first.db.connection()).await.expect("applied");
    assert_eq!(applied.len(), migrations::Migrator::migrations().len(), "each once");
    for app in [first, second, third] {
        app.stop().await;
    }
}
