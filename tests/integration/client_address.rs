//! The attempt limits count the real client: behind a trusted proxy the
//! address in `X-Forwarded-For`, otherwise the TCP peer, whatever the header
//! says (production correctness).

use tests::TestApp;
use tests::visitor::{PASSWORD, Visitor};

/// Six wrong passwords for one account from `forwarded_for`: their statuses.
async fn six_wrong_attempts(visitor: &Visitor, forwarded_for: &str) -> Vec<u16> {
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let response = visitor
            .client
            .post(format!("{}/api/sign_in", visitor.base))
            .header("sec-fetch-site", "same-origin")
            .header("x-forwarded-for", forwarded_for)
            .form(&[("email", "amina@coop.ma"), ("password", "not the password at all"), ("locale", "fr")])
            .send()
            .await
            .expect("request");
        statuses.push(response.status().as_u16());
    }
    statuses
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_is_counted_apart() {
    let app = TestApp::spawn_configured(|settings| {
        settings.trusted_proxies = vec!["127.0.0.1/32".parse().expect("network")];
    })
    .await;
    app.signed_in("producer", "amina@coop.ma").await;
    let visitor = app.visitor();
    let first = six_wrong_attempts(&visitor, "203.0.113.7").await;
    assert_eq!(first, [422, 422, 422, 422, 422, 429], "five wrong passwords from one client, then a pause");
    let other = six_wrong_attempts(&visitor, "203.0.113.8").await;
    assert_eq!(other[0], 422, "another client behind the same proxy is not paused");
    let right = visitor.sign_in("amina@coop.ma", PASSWORD).await;
    assert_eq!(right.status, 200, "without the header the proxy's own address has no failures: {}", right.body);
    app.stop().await;
}

#[tokio::test]
async fn without_trusted_proxies_the_header_is_ignored() {
    let app = TestApp::spawn().await;
    app.signed_in("producer", "amina@coop.ma").await;
    let visitor = app.visitor();
    let forged = six_wrong_attempts(&visitor, "203.0.113.7").await;
    assert_eq!(forged[5], 429);
    let other = six_wrong_attempts(&visitor, "203.0.113.8").await;
    assert_eq!(other[0], 429, "a forged header does not make a new client");
    app.stop().await;
}
