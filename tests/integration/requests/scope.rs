//! The limits of who may act where on a buying request: a regional office
//! screens, merges and reads only its region's requests; a merge joins a
//! request to an earlier live one; a request past its deadline is closed
//! for its buyer too; a producer answers a request once, in one sent
//! pooled offer at most, within its allowance; an expired offer cannot be
//! accepted; quotes never count as the buyer's own inquiries; and the
//! digest's batch is not filled by producers who must wait.

use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use server::entities::{buying_requests, inquiries, request_matches, users};
use tests::TestApp;
use tests::visitor::{Answer, Visitor};

use super::pooled::{commit, offer_id, producer_id};
use super::{argan_producer, mails_to, page, post_request, quote, request_id, screen};

async fn user_id(app: &TestApp, email: &str) -> i64 {
    users::Entity::find().filter(users::Column::Email.eq(email)).one(&app.db).await.expect("query").expect("user").id
}

async fn change(buyer: &Visitor, id: i64, change: &str) -> Answer {
    buyer.post("/api/requests/change", &[("id", &id.to_string()), ("change", change), ("locale", "fr")]).await
}

fn offer_terms(id: i64, valid_days: i64) -> Vec<(&'static str, String)> {
    vec![
        ("id", id.to_string()),
        ("form[currency]", "USD".to_owned()),
        ("form[incoterm]", "FOB".to_owned()),
        ("form[named_place]", "Agadir".to_owned()),
        ("form[valid_until]", (chrono::Utc::now().date_naive() + Duration::days(valid_days)).to_string()),
        ("form[lead_time_days]", "30".to_owned()),
        ("locale", "fr".to_owned()),
    ]
}

async fn start_offer(who: &Visitor, id: i64, valid_days: i64) -> Answer {
    let terms = offer_terms(id, valid_days);
    let terms: Vec<(&str, &str)> = terms.iter().map(|(k, v)| (*k, v.as_str())).collect();
    who.post("/api/offers/start", &terms).await
}

async fn invite(lead: &Visitor, offer: i64, producer: i64) -> Answer {
    let (offer, producer) = (offer.to_string(), producer.to_string());
    lead.post("/api/offers/invite", &[("offer", &offer), ("producer", &producer), ("locale", "fr")]).await
}

async fn submit(lead: &Visitor, offer: i64) -> Answer {
    lead.post("/api/offers/submit", &[("offer", &offer.to_string()), ("locale", "fr")]).await
}

#[tokio::test]
async fn a_regional_office_screens_merges_and_reads_only_its_region() {
    let app = TestApp::spawn().await;
    argan_producer(&app, "tifawin@coop.ma", "Coopérative Tifawin", "souss-massa").await;
    argan_producer(&app, "berkane@coop.ma", "Coopérative Berkane", "oriental").await;
    let buyer = app.signed_in("buyer", "compras@distribuidora.com.br").await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let national = app.signed_in("admin", "national@trade.ma").await;
    let first = request_id(&post_request(&buyer, "Huile d'argan alimentaire", "cosmetics-argan").await);
    let second = request_id(&post_request(&buyer, "Huile d'argan", "cosmetics-argan").await);
    // The first request reaches only the Oriental's producer.
    request_matches::Entity::delete_many()
        .filter(request_matches::Column::RequestId.eq(first))
        .filter(request_matches::Column::ProducerId.eq(producer_id(&app, "Coopérative Tifawin").await))
        .exec(&app.db)
        .await
        .expect("match removed");

    let queue = souss.get("/api/office/requests?locale=fr").await.body;
    assert!(queue.contains(&format!("\"id\":{second}")), "{queue}");
    assert!(!queue.contains("alimentaire"), "neither a line nor a merge target of the Souss-Massa: {queue}");
    let across = screen(&souss, second, "merge", &[("form[into]", &first.to_string())]).await;
    assert!(across.body.contains("invalid.merge_target"), "{}", across.body);
    let backwards = screen(&national, first, "merge", &[("form[into]", &second.to_string())]).await;
    assert!(backwards.body.contains("invalid.merge_target"), "only into an earlier request: {}", backwards.body);
    let national_queue = national.get("/api/office/requests?locale=fr").await.body;
    assert!(national_queue.contains("alimentaire"), "{national_queue}");

    // Approved, the first request is public; the Souss-Massa reads it as anyone does.
    assert_eq!(screen(&national, first, "approve", &[]).await.status, 200);
    let seen = page(&souss, first).await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    assert!(seen.body.contains("\"Public\"") && !seen.body.contains("distribuidora"), "{}", seen.body);
    assert!(page(&national, first).await.body.contains("compras@distribuidora.com.br"));
    let merged = screen(&national, second, "merge", &[("form[into]", &first.to_string())]).await;
    assert_eq!(merged.status, 200, "{}", merged.body);
}

#[tokio::test]
async fn a_request_past_its_deadline_is_closed_for_its_buyer_too() {
    let app = TestApp::spawn().await;
    let buyer = app.signed_in("buyer", "buyer@example.com").await;
    let national = app.signed_in("admin", "national@trade.ma").await;
    argan_producer(&app, "tifawin@coop.ma", "Coopérative Tifawin", "souss-massa").await;
    let late = request_id(&post_request(&buyer, "Huile d'argan", "cosmetics-argan").await);
    assert_eq!(screen(&national, late, "approve", &[]).await.status, 200);
    let early = request_id(&post_request(&buyer, "Huile d'argan bio", "cosmetics-argan").await);
    assert_eq!(change(&buyer, early, "withdraw").await.status, 200, "an open request is withdrawn");
    app.state.clock.advance(Duration::days(15));
    for event in ["withdraw", "close"] {
        let refused = change(&buyer, late, event).await;
        assert_eq!(refused.status, 422, "{event}: {}", refused.body);
        assert!(refused.body.contains("invalid.request_state"), "{}", refused.body);
    }
    let row = buying_requests::Entity::find_by_id(late).one(&app.db).await.expect("query").expect("request");
    assert_eq!(row.status, "open", "stored as approved, read as closed");
    assert!(page(&buyer, late).await.body.contains("\"closed\""));
}

#[tokio::test]
async fn quotes_never_count_as_the_buyers_own_inquiries() {
    let app = TestApp::spawn().await;
    let tifawin = argan_producer(&app, "tifawin@coop.ma", "Coopérative Tifawin", "souss-massa").await;
    let buyer = app.signed_in("buyer", "buyer@example.com").await;
    let national = app.signed_in("admin", "national@trade.ma").await;
    let id = request_id(&post_request(&buyer, "Huile d'argan", "cosmetics-argan").await);
    assert_eq!(screen(&national, id, "approve", &[]).await.status, 200);
    let thread = crate::inquiries::inquiry_id(&quote(&tifawin, id).await);
    inquiries::Entity::update_many()
        .col_expr(inquiries::Column::Status, Expr::value("spam"))
        .filter(inquiries::Column::Id.eq(thread))
        .exec(&app.db)
        .await
        .expect("marked as spam");
    let buyer_id = user_id(&app, "buyer@example.com").await;
    let day_ago = chrono::Utc::now() - Duration::days(1);
    assert_eq!(server::repo::inquiry::sent_since(&app.db, buyer_id, day_ago).await.expect("count"), 0);
    assert_eq!(server::repo::inquiry::spam_since(&app.db, buyer_id, day_ago).await.expect("count"), 0);
}

#[tokio::test]
async fn a_producer_answers_a_request_once_even_when_pooling() {
    let app = TestApp::spawn().await;
    let tifawin = argan_producer(&app, "tifawin@coop.ma", "Coopérative Tifawin", "souss-massa").await;
    let amalou = argan_producer(&app, "amalou@coop.ma", "Coopérative Amalou", "souss-massa").await;
    let tiwizi = argan_producer(&app, "tiwizi@coop.ma", "Coopérative Tiwizi", "souss-massa").await;
    let buyer = app.signed_in("buyer", "compras@distribuidora.com.br").await;
    let national = app.signed_in("admin", "national@trade.ma").await;
    let id = request_id(&post_request(&buyer, "Óleo de argan cosmético", "cosmetics-argan").await);
    assert_eq!(screen(&national, id, "approve", &[]).await.status, 200);
    let (amalou_id, tiwizi_id) =
        (producer_id(&app, "Coopérative Amalou").await, producer_id(&app, "Coopérative Tiwizi").await);

    let first = offer_id(&start_offer(&tifawin, id, 20).await);
    let again = start_offer(&tifawin, id, 20).await;
    assert!(again.body.contains("invalid.offer_lead_once"), "{}", again.body);
    for _ in 0..3 {
        assert_eq!(invite(&tifawin, first, amalou_id).await.status, 200);
    }
    assert_eq!(mails_to(&app, "amalou@coop.ma", &format!("/requests/{id}")).await, 1, "invited once, told once");
    let second = offer_id(&start_offer(&amalou, id, 20).await);
    assert_eq!(invite(&amalou, second, tiwizi_id).await.status, 200);
    for (member, offer) in [(&tifawin, first), (&amalou, first), (&amalou, second), (&tiwizi, second)] {
        assert_eq!(commit(member, offer, "5000", "18.00").await.status, 200);
    }
    assert_eq!(submit(&tifawin, first).await.status, 200);
    let twice = submit(&amalou, second).await;
    assert!(twice.body.contains("invalid.offer_member_elsewhere"), "{}", twice.body);
    let lead_view = page(&tifawin, id).await.body;
    assert!(lead_view.contains("\"used_this_month\":1"), "the sent offer counts against its lead: {lead_view}");

    // At most 20 offers a request, whoever builds them.
    for _ in 2..app::domain::MAX_OFFERS_PER_REQUEST {
        assert_eq!(start_offer(&national, id, 20).await.status, 200);
    }
    let full = start_offer(&national, id, 20).await;
    assert!(full.body.contains("invalid.offers_full"), "{}", full.body);

    // Past its validity the buyer can no longer accept it.
    app.state.clock.advance(Duration::days(21));
    let decided = buyer
        .post("/api/offers/decide", &[("offer", &first.to_string()), ("decision", "accept"), ("locale", "pt")])
        .await;
    assert!(decided.body.contains("invalid.offer_expired"), "{}", decided.body);
}

#[tokio::test]
async fn producers_waiting_for_their_next_digest_do_not_fill_the_batch() {
    let app = TestApp::spawn().await;
    argan_producer(&app, "tifawin@coop.ma", "Coopérative Tifawin", "souss-massa").await;
    argan_producer(&app, "amalou@coop.ma", "Coopérative Amalou", "souss-massa").await;
    let buyer = app.signed_in("buyer", "buyer@example.com").await;
    let national = app.signed_in("admin", "national@trade.ma").await;
    let (tifawin_id, amalou_id) =
        (producer_id(&app, "Coopérative Tifawin").await, producer_id(&app, "Coopérative Amalou").await);
    assert!(tifawin_id < amalou_id, "the waiting producer comes first in the batch's order");
    let first = request_id(&post_request(&buyer, "Huile d'argan", "cosmetics-argan").await);
    assert_eq!(screen(&national, first, "approve", &[]).await.status, 200);
    let now = app.state.clock.now();
    server::repo::request_digest::mark_notified(&app.db, tifawin_id, &[first], now).await.expect("mailed");
    let second = request_id(&post_request(&buyer, "Huile d'argan bio", "cosmetics-argan").await);
    let today = app.state.clock.today();
    let due = server::repo::request_digest::digests_due(&app.db, now, today, 1).await.expect("due");
    assert_eq!(due, vec![(amalou_id, vec![first])], "Tifawin waits a day without taking the batch's only place");
    let later = app.state.clock.now() + Duration::hours(25);
    let due = server::repo::request_digest::digests_due(&app.db, later, today, 10).await.expect("due");
    assert_eq!(due, vec![(tifawin_id, vec![second]), (amalou_id, vec![first, second])]);
}
