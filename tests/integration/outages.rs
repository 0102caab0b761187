//! Outage drills that lose nothing: the database away for 10 s (PostgreSQL
//! stopped under a running server): what needs the database answers 503
//! with `Retry-After` (never a 500 or a dropped connection; a page whose
//! data is kept may still be served), `/readyz` says the database is
//! unreachable, and the server recovers by itself once it is back. (The
//! media store down is in `media_storage`.)

use std::time::{Duration, Instant};

use tests::TestApp;
use tests::postgres::PgCluster;

#[tokio::test]
async fn the_database_away_for_ten_seconds_gives_503s_and_the_server_recovers_by_itself() {
    let cluster = PgCluster::start();
    let url = cluster.create_database("outage");
    let app = TestApp::spawn_on(&url).await;
    let catalogue = tests::fixtures::catalogue(&app.db).await;
    let page = |n: usize| format!("/fr/listings/{}?visit={n}", catalogue.argan_id);
    assert_eq!(app.visitor().get(&page(0)).await.status, 200);

    cluster.pause();
    let down = Instant::now();
    let mut answers = std::collections::BTreeMap::<String, usize>::new();
    let mut n = 1;
    let mut slowest = Duration::ZERO;
    while down.elapsed() < Duration::from_secs(10) {
        // The known listing's page may still come from the data kept for it
        // (200); a listing never read before needs the database: 503. Never
        // a 500, never a dropped connection.
        let checks = [
            (page(n), false),
            (format!("/fr/listings/{}", 900_000 + n), true),
            (format!("/api/v1/listings?q=argan{n}&lang=fr"), false),
            ("/readyz".to_owned(), true),
        ];
        for (path, needs_database) in checks {
            let asked = Instant::now();
            let answer = app.client.get(app.url(&path)).send().await.expect("an answer, not a dropped connection");
            slowest = slowest.max(asked.elapsed());
            let status = answer.status().as_u16();
            let retry = answer.headers().contains_key("retry-after");
            let what = path.split('?').next().unwrap_or_default().to_owned();
            if needs_database || status != 200 {
                assert_eq!(status, 503, "{what} while the database is down: {status}");
            }
            if what == "/readyz" {
                let body: serde_json::Value = answer.json().await.expect("JSON");
                assert_eq!(body["database"], "unreachable", "/readyz says why: {body}");
            } else if status == 503 {
                assert!(retry, "{what}: 503 with Retry-After");
            }
            let shape = if what.starts_with("/fr/listings/9") { "/fr/listings/(never read)" } else { what.as_str() };
            *answers.entry(format!("{shape} {status}")).or_default() += 1;
        }
        n += 1;
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    println!(
        "outage: while the database was down, the answers were {answers:?}; the slowest took {} ms",
        slowest.as_millis()
    );

    cluster.resume();
    let back = Instant::now();
    let recovered = tests::eventually(Duration::from_secs(30), "the server serves again by itself", || async {
        let ready = app.client.get(app.url("/readyz")).send().await.ok()?.status().as_u16();
        let listing = app.client.get(app.url(&page(10_000))).send().await.ok()?.status().as_u16();
        (ready == 200 && listing == 200).then(|| back.elapsed())
    })
    .await;
    println!("outage: serving again {} ms after the database came back", recovered.as_millis());
    app.stop().await;
}
