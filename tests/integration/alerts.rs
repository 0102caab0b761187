//! Saved searches and their alerts: a buyer keeps a search; a
//! listing published afterwards that matches it is mailed once, never
//! twice, at most one mail a day; the mail's link stops the alerts without
//! signing in, and a forged link is refused; searches are their buyer's
//! only.

use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use server::entities::{mail_outbox, saved_searches};
use tests::TestApp;
use tests::visitor::Visitor;

use super::inquiries::{confirmed_buyer, producer_with_listing};

/// Publishes a new listing of the producer; its id.
async fn publish(producer: &Visitor, title: &str) -> i64 {
    let id = producer.create_listing(title).await;
    let published =
        producer.post("/api/change_listing_status", &[("id", &id.to_string()), ("change", "publish")]).await;
    assert_eq!(published.status, 200, "{}", published.body);
    id
}

async fn alert_mails(app: &TestApp, to: &str) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(to))
        .order_by_asc(mail_outbox::Column::Id)
        .all(&app.db)
        .await
        .expect("mails")
        .into_iter()
        .filter(|mail| mail.subject.contains("nouvelles fiches"))
        .collect()
}

/// The path and query of the stop link in a mail.
fn stop_link(body: &str) -> String {
    let at = body.find("/fr/alerts/stop?").expect("a stop link in the mail");
    body[at..].split_whitespace().next().expect("the link").to_owned()
}

fn save_fields<'a>(text: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![("locale", "fr"), ("query[text]", text)];
    fields.extend_from_slice(extra);
    fields
}

#[tokio::test]
async fn a_new_matching_listing_is_mailed_once_a_day_and_never_twice() {
    let app = TestApp::spawn().await;
    let (producer, _before) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let buyer = confirmed_buyer(&app, "compras@istmo.pa").await;
    app.settle_search().await;

    let saved = buyer.post("/api/save_search", &save_fields("argan", &[("query[region]", "souss-massa")])).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert!(saved.header("location").contains("saved=1"), "{}", saved.header("location"));
    // Saving the same search again keeps one.
    buyer.post("/api/save_search", &save_fields("argan", &[("query[region]", "souss-massa")])).await;
    let list = buyer.get("/api/saved_searches").await.json();
    assert_eq!(list["lines"].as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list["lines"][0]["alerts"], true);

    let alerts = app.alerts();
    let now = Utc::now() + Duration::seconds(1);
    assert_eq!(alerts.send_due(now).await.expect("round"), 0, "nothing published since the search was saved");

    let first = publish(&producer, "Huile d'argan bio de Tiznit").await;
    app.settle_search().await;
    assert_eq!(alerts.send_due(now).await.expect("round"), 1);
    let mails = alert_mails(&app, "compras@istmo.pa").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].body.contains("Huile d'argan bio de Tiznit"), "{}", mails[0].body);
    assert!(mails[0].body.contains(&format!("/fr/listings/{first}-")), "links to the listing: {}", mails[0].body);
    assert!(!mails[0].body.contains("cosmétique"), "the listing published before the search is not news");

    // A day later with nothing new: no mail; the same listing never twice.
    assert_eq!(alerts.send_due(now + Duration::hours(25)).await.expect("round"), 0);
    // A second listing: not within the day of the last mail, then mailed alone.
    publish(&producer, "Savon à l'huile d'argan").await;
    app.settle_search().await;
    assert_eq!(alerts.send_due(now + Duration::hours(2)).await.expect("round"), 0, "at most one mail a day");
    assert_eq!(alerts.send_due(now + Duration::hours(26)).await.expect("round"), 1);
    let mails = alert_mails(&app, "compras@istmo.pa").await;
    assert_eq!(mails.len(), 2);
    assert!(mails[1].body.contains("Savon à l'huile d'argan"));
    assert!(!mails[1].body.contains("bio de Tiznit"), "mailed once, never twice: {}", mails[1].body);

    // The stop link works signed out, with one button.
    let link = stop_link(&mails[1].body);
    let visitor = Visitor::new(&app);
    let page = visitor.get(&link).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("“argan” · Souss-Massa"), "names the search");
    let query: Vec<(String, String)> =
        url::form_urlencoded::parse(link.split_once('?').expect("query").1.as_bytes()).into_owned().collect();
    let field = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).expect(name);
    let (search, token) = (field("search"), field("token"));
    let forged = format!("{}{}", &token[..31], if token.ends_with('0') { "1" } else { "0" });
    let refused = visitor.post("/api/stop_alerts", &[("search", &search), ("token", &forged), ("locale", "fr")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("alert_link"), "{}", refused.body);
    let other_search = (search.parse::<i64>().expect("id") + 1).to_string();
    let moved =
        visitor.post("/api/stop_alerts", &[("search", &other_search), ("token", &token), ("locale", "fr")]).await;
    assert_eq!(moved.status, 422, "a token is for one search only");
    let forged_page = visitor.get(&format!("/fr/alerts/stop?search={search}&token={forged}")).await;
    assert_eq!(forged_page.status, 422);
    let stopped = visitor.post("/api/stop_alerts", &[("search", &search), ("token", &token), ("locale", "fr")]).await;
    assert_eq!(stopped.status, 200, "{}", stopped.body);
    assert!(stopped.header("location").ends_with("&stopped=1"), "back to the page, which says so");
    let row = saved_searches::Entity::find().one(&app.db).await.expect("row").expect("the search");
    assert!(!row.alerts, "alerts stopped");
    publish(&producer, "Argan culinaire torréfié").await;
    app.settle_search().await;
    assert_eq!(alerts.send_due(now + Duration::hours(60)).await.expect("round"), 0, "stopped alerts send nothing");
    app.stop().await;
}

#[tokio::test]
async fn saved_searches_are_their_buyers_only_and_unconfirmed_addresses_get_no_alerts() {
    let app = TestApp::spawn().await;
    let (producer, _listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let owner = confirmed_buyer(&app, "owner@buyer.br").await;
    owner.post("/api/save_search", &save_fields("argan", &[])).await;
    let id = owner.get("/api/saved_searches").await.json()["lines"][0]["id"].as_i64().expect("id").to_string();

    let other = confirmed_buyer(&app, "other@buyer.cn").await;
    let remove = other.post("/api/remove_saved_search", &[("id", &id), ("locale", "fr")]).await;
    assert_eq!(remove.status, 404, "another buyer's search");
    let switch = other.post("/api/set_search_alerts", &[("id", &id), ("on", "false"), ("locale", "fr")]).await;
    assert_eq!(switch.status, 404);
    assert_eq!(other.get("/api/saved_searches").await.json()["lines"], serde_json::json!([]));
    assert_eq!(producer.post("/api/save_search", &save_fields("argan", &[])).await.status, 404, "buyers only");
    assert_eq!(Visitor::new(&app).post("/api/save_search", &save_fields("argan", &[])).await.status, 401);
    let empty = owner.post("/api/save_search", &save_fields("  ", &[])).await;
    assert_eq!(empty.status, 422, "an empty search is not kept: {}", empty.body);
    let bad_code = owner.post("/api/save_search", &save_fields("", &[("query[hs]", "abc")])).await;
    assert_eq!(bad_code.status, 422, "a malformed HS code is no filter: {}", bad_code.body);
    let long = "زيت ".repeat(60);
    let too_long = owner.post("/api/save_search", &save_fields(&long, &[])).await;
    assert_eq!(too_long.status, 422, "{}", too_long.body);

    // The owner turns alerts off and deletes it.
    let off = owner.post("/api/set_search_alerts", &[("id", &id), ("on", "false"), ("locale", "fr")]).await;
    assert_eq!(off.status, 200, "{}", off.body);
    assert_eq!(owner.get("/api/saved_searches").await.json()["lines"][0]["alerts"], false);
    assert_eq!(owner.post("/api/remove_saved_search", &[("id", &id), ("locale", "fr")]).await.status, 200);
    assert_eq!(owner.get("/api/saved_searches").await.json()["lines"], serde_json::json!([]));

    // An unconfirmed buyer saving a search is asked to confirm; no alert
    // goes to the address meanwhile.
    let unconfirmed = app.signed_in_unconfirmed("buyer", "new@buyer.ng").await;
    let saved = unconfirmed.post("/api/save_search", &save_fields("argan", &[])).await;
    assert!(saved.header("location").contains("saved_unconfirmed=1"), "{}", saved.header("location"));
    let confirmations = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq("new@buyer.ng"))
        .all(&app.db)
        .await
        .expect("mails");
    assert_eq!(confirmations.len(), 1, "one confirmation link is mailed (at sign-up; the search asks for none more)");
    publish(&producer, "Huile d'argan vierge").await;
    app.settle_search().await;
    assert_eq!(app.alerts().send_due(Utc::now() + Duration::seconds(5)).await.expect("round"), 0);
    let page = unconfirmed.get("/fr/account/searches").await;
    assert!(page.body.contains("pas encore confirmée"), "the page says why no alert comes");
    app.stop().await;
}
