//! What operators and browsers rely on: health checks, security headers, the
//! cross-site request check, body limits, compression, caching of static and
//! media files, graceful shutdown.

use tests::TestApp;

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/healthz").await, (200, "ok".to_owned()));
    let (status, ready) = app.get("/readyz").await;
    assert_eq!(status, 200);
    let ready: serde_json::Value = serde_json::from_str(&ready).expect("JSON");
    assert_eq!((ready["status"].as_str(), ready["search"]["backend"].as_str()), (Some("ready"), Some("embedded")));
    app.stop().await;
}

#[tokio::test]
async fn pages_carry_a_nonce_policy_and_the_security_headers() {
    let app = TestApp::spawn().await;
    let response = app.client.get(app.url("/fr")).send().await.expect("request");
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let policy = header("content-security-policy");
    assert!(
        policy.contains("object-src 'none'")
            && policy.contains("base-uri 'none'")
            && policy.contains("frame-ancestors 'none'"),
        "{policy}"
    );
    let nonce = policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a nonce").to_owned();
    assert!(nonce.len() >= 16);
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("x-frame-options"), "DENY");
    assert_eq!(header("referrer-policy"), "strict-origin-when-cross-origin");
    assert!(header("strict-transport-security").is_empty(), "no HSTS over plain HTTP");
    let html = response.text().await.expect("body");
    let scripts = html.matches("<script").count();
    let with_nonce = html.matches(&format!("nonce=\"{nonce}\"")).count();
    assert!(scripts > 0 && with_nonce >= scripts, "every inline script carries the nonce ({with_nonce}/{scripts})");
    // The second answer comes from the kept anonymous page: its nonce is
    // its own, in the policy and on every script.
    let second = app.client.get(app.url("/fr")).send().await.expect("request");
    let second_policy =
        second.headers().get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(!second_policy.contains(&nonce), "a fresh nonce per response");
    let second_nonce =
        second_policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a nonce").to_owned();
    let second_html = second.text().await.expect("body");
    assert!(!second_html.contains(&nonce), "the first answer's nonce is nowhere in the second");
    assert_eq!(
        second_html.matches(&format!("nonce=\"{second_nonce}\"")).count(),
        with_nonce,
        "the same scripts carry the new nonce"
    );
    app.stop().await;
}

#[tokio::test]
async fn cross_site_state_changes_are_refused() {
    let app = TestApp::spawn().await;
    let post = |headers: &[(&str, &str)]| {
        let mut request = app.client.post(app.url("/api/home")).body("locale=fr");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send()
    };
    let refused = post(&[("sec-fetch-site", "cross-site")]).await.expect("request");
    assert_eq!(refused.status().as_u16(), 403);
    assert!(refused.text().await.expect("body").contains("Cross-site requests cannot change anything"));
    let evil_origin = post(&[("origin", "https://evil.example")]).await.expect("request");
    assert_eq!(evil_origin.status().as_u16(), 403);
    let ours = post(&[("sec-fetch-site", "same-origin"), ("origin", &app.address)]).await.expect("request");
    // Past the check, the router answers a POST to a GET server function
    // with exactly 405 Method Not Allowed.
    assert_eq!(ours.status().as_u16(), 405, "the site's own requests pass the check");
    app.stop().await;
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(app.url("/api/home"))
        .header("sec-fetch-site", "same-origin")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'a'; 2 * 1024 * 1024])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status().as_u16(), 413);
    app.stop().await;
}

#[tokio::test]
async fn responses_are_compressed_and_files_cached() {
    let app = TestApp::spawn().await;
    let page = app.client.get(app.url("/fr")).header("accept-encoding", "br, gzip").send().await.expect("request");
    assert_eq!(page.headers().get("content-encoding").and_then(|v| v.to_str().ok()), Some("br"));

    let favicon = app.client.get(app.url("/favicon.svg")).send().await.expect("favicon");
    assert_eq!(favicon.status().as_u16(), 200, "top-level public files are served, not taken for a language");
    assert!(
        favicon.headers().get("cache-control").and_then(|v| v.to_str().ok()).unwrap_or_default().contains("max-age")
    );

    let media_dir = app.settings.media_dir();
    std::fs::create_dir_all(media_dir.join("demo")).expect("media dir");
    std::fs::write(media_dir.join("demo/x-320.jpg"), b"\xFF\xD8\xFF").expect("media file");
    let media = app.client.get(app.url("/media/demo/x-320.jpg")).send().await.expect("media");
    assert_eq!(media.status().as_u16(), 200);
    assert_eq!(
        media.headers().get("cache-control").and_then(|v| v.to_str().ok()),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(media.headers().get("x-content-type-options").and_then(|v| v.to_str().ok()), Some("nosniff"));
    std::fs::write(app.settings.data_dir.join("secret.txt"), b"not for the web").expect("a file beside media/");
    for path in ["/media/%2e%2e/secret.txt", "/media/..%2fsecret.txt", "/media/demo/%2e%2e/%2e%2e/secret.txt"] {
        let escape = app.client.get(app.url(path)).send().await.expect("traversal");
        let status = escape.status().as_u16();
        let body = escape.text().await.expect("body");
        assert!(!body.contains("not for the web"), "{path} escaped the media directory");
        assert!(status == 404 || status == 400, "{path} answered {status}");
    }
    app.stop().await;
}

#[tokio::test]
async fn shutdown_finishes_cleanly() {
    let app = TestApp::spawn().await;
    let address = app.address.clone();
    app.stop().await;
    let refused = reqwest::Client::new().get(format!("{address}/healthz")).send().await;
    assert!(refused.is_err(), "the port is closed after shutdown");
}
