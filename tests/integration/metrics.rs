//! `/metrics` as Prometheus scrapes it: on its own address (not on the
//! public port), in the text format that `promtool check metrics` (Debian's
//! `prometheus` package, installed by `./tradema test`) accepts, with the
//! request series labelled by route template and status class, the page
//! cache, sign-in refusals, search latency, the pool, the outbox and the
//! search feed. Every answer carries a request id, and a trusted proxy's id
//! is kept. The recorder is the process's, shared by the tests running at
//! the same time: counters are compared before and after this test's
//! traffic, as at-least deltas.

use std::io::Write;
use std::process::{Command, Stdio};

use tests::TestApp;

/// The value of the series `name{labels…}` whose labels include all of
/// `labels`, summed over the others.
fn value(text: &str, name: &str, labels: &[&str]) -> f64 {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (series, number) = line.rsplit_once(' ')?;
            let (metric, rest) = series.split_once('{').unwrap_or((series, ""));
            (metric == name && labels.iter().all(|label| rest.contains(label))).then(|| number.parse::<f64>().ok())?
        })
        .sum()
}

/// `promtool check metrics` on `text`: its complaints, if any.
fn promtool(text: &str) -> Result<(), String> {
    let mut child = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| {
            panic!("cannot run promtool ({error}): install Debian's prometheus package (./tradema test does)")
        });
    child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write the exposition");
    let output = child.wait_with_output().expect("promtool's answer");
    let said = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    if output.status.success() { Ok(()) } else { Err(said) }
}

#[tokio::test]
async fn metrics_are_scraped_off_the_public_port_and_pass_promtool() {
    let app = TestApp::spawn_configured(|settings| {
        settings.metrics_listen = Some("127.0.0.1:0".parse().expect("an address"));
        settings.trusted_proxies = vec!["127.0.0.1/32".parse().expect("a network")];
    })
    .await;
    let metrics = app.metrics_address.clone().expect("a metrics address");
    tests::fixtures::catalogue(&app.db).await;
    let scrape = || async { reqwest::get(format!("{metrics}/metrics")).await.expect("scrape") };
    let before = scrape().await.text().await.expect("the exposition before");

    // Traffic: the same listing page twice (kept the second time), a search,
    // a missing page, a wrong password.
    let visitor = app.visitor();
    for _ in 0..3 {
        assert_eq!(visitor.get("/fr/search?q=argan").await.status, 200);
    }
    assert_eq!(visitor.get("/fr/listings/999999").await.status, 404);
    let account = app.signed_in("buyer", "lena@import.de").await;
    drop(account);
    let wrong = app.visitor().sign_in("lena@import.de", "not the password at all").await;
    assert_eq!(wrong.status, 422, "{}", wrong.body);

    let public = app.client.get(app.url("/metrics")).send().await.expect("ask the public port");
    assert_ne!(public.status().as_u16(), 200, "/metrics is not on the public port");

    // The confirmation mail goes within the mail sender's next round.
    let sent = |text: &str| value(text, "tradema_mails_total", &["outcome=\"sent\""]);
    let before_sent = sent(&before);
    tests::eventually(std::time::Duration::from_secs(10), "the confirmation mail is counted", || async {
        let text = scrape().await.text().await.ok()?;
        (sent(&text) > before_sent).then_some(())
    })
    .await;
    let scraped = scrape().await;
    assert_eq!(scraped.status().as_u16(), 200);
    assert!(scraped.headers()["content-type"].to_str().unwrap_or_default().starts_with("text/plain; version=0.0.4"));
    let text = scraped.text().await.expect("the exposition");
    promtool(&text).unwrap_or_else(|said| panic!("promtool refuses the exposition: {said}\n{text}"));

    let grew = |name: &str, labels: &[&str]| value(&text, name, labels) - value(&before, name, labels);
    let search = ["route=\"/{lang}/search\"", "status=\"2xx\""];
    assert!(grew("tradema_http_requests_total", &search) >= 3.0, "three searches, by route template:\n{text}");
    assert!(grew("tradema_http_request_duration_seconds_count", &search) >= 3.0, "timed too");
    assert!(grew("tradema_http_requests_total", &["status=\"4xx\""]) >= 2.0, "the 404 and the 422");
    assert!(!text.contains("listings/999999"), "no URL becomes a label");
    assert!(grew("tradema_page_cache_total", &["result=\"hit\""]) >= 1.0, "a search was served kept");
    assert!(grew("tradema_page_cache_total", &["result=\"miss\""]) >= 1.0);
    assert!(grew("tradema_sign_in_refusals_total", &["reason=\"password\""]) >= 1.0);
    assert!(grew("tradema_search_duration_seconds_count", &["backend=\"embedded\""]) >= 1.0);
    assert!(grew("tradema_mails_total", &["outcome=\"sent\""]) >= 1.0, "the confirmation mail");
    assert!(value(&text, "tradema_job_runs_total", &["job=\"mail sender\"", "outcome=\"ok\""]) >= 1.0);
    assert!(value(&text, "tradema_db_pool_max_connections", &[]) >= 2.0);
    for gauge in
        ["tradema_mail_outbox_pending", "tradema_search_feed_behind_changes", "tradema_http_requests_in_flight"]
    {
        assert!(text.lines().any(|line| line.starts_with(gauge)), "{gauge} is there:\n{text}");
    }

    // A request id on every answer; a trusted proxy's is kept.
    let mine = app.client.get(app.url("/healthz")).send().await.expect("get");
    let made = mine.headers()["x-request-id"].to_str().expect("text").to_owned();
    assert_eq!(made.len(), 16, "a new id when none came: {made}");
    let forwarded =
        app.client.get(app.url("/healthz")).header("x-request-id", "lb-7f3c9a1e").send().await.expect("get");
    assert_eq!(forwarded.headers()["x-request-id"], "lb-7f3c9a1e", "the balancer's id follows the request");
    app.stop().await;
}

#[tokio::test]
async fn an_untrusted_client_cannot_choose_its_request_id() {
    let app = TestApp::spawn().await;
    let answer = app.client.get(app.url("/healthz")).header("x-request-id", "forged-id").send().await.expect("get");
    assert_ne!(answer.headers()["x-request-id"], "forged-id");
    app.stop().await;
}
