//! Regional trade offices: who may use the offices' tools (and
//! on which region), verification from request to badge and search filter,
//! moderation that takes a listing out of every public read and brings it
//! back, suspension that ends open sessions, the append-only audit log, and
//! the platform figures on fixed data. One file per topic; the helpers here.

use app::domain::InquiryStatus;
use chrono::{Datelike, Duration, TimeZone, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use server::entities::{audit_log, inquiries, listings, producers};
use tests::TestApp;
use tests::visitor::Visitor;

const ICE: &str = "001525846000087";

/// A producer in `region` (a cooperative) with one published listing.
pub(crate) async fn producer_in(app: &TestApp, email: &str, name: &str, region: &str, title: &str) -> (Visitor, i64) {
    let producer = app.signed_in("producer", email).await;
    let saved = producer
        .post(
            "/api/save_profile",
            &[
                ("form[legal_name]", name),
                ("form[legal_form]", "cooperative"),
                ("form[region]", region),
                ("form[city]", "Taroudant"),
                ("form[sectors][cosmetics-argan]", "on"),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let id = producer.create_listing(title).await;
    let published =
        producer.post("/api/change_listing_status", &[("id", &id.to_string()), ("change", "publish")]).await;
    assert_eq!(published.status, 200, "{}", published.body);
    (producer, id)
}

async fn slug_of(app: &TestApp, name: &str) -> String {
    producers::Entity::find()
        .filter(producers::Column::LegalName.eq(name))
        .one(&app.db)
        .await
        .expect("query")
        .expect("producer")
        .slug
}

async fn request_verification(producer: &Visitor, ice: &str) -> tests::visitor::Answer {
    producer
        .post(
            "/api/studio/request_verification",
            &[
                ("form[ice]", ice),
                ("form[registration_number]", "RC 4521"),
                ("form[cooperative_approval]", "2019/118"),
                ("locale", "fr"),
            ],
        )
        .await
}

/// The id of the first request waiting in the office's queue.
async fn first_request(office: &Visitor) -> String {
    let queue = office.get("/api/office/verification").await;
    assert_eq!(queue.status, 200, "{}", queue.body);
    queue.json()["pending"][0]["id"].as_i64().unwrap_or_else(|| panic!("no request: {}", queue.body)).to_string()
}

/// The Souss-Massa office puts the Tafraout cooperative online; its slug.
async fn onboard_tamount(app: &TestApp, souss: &Visitor) -> String {
    let fields = [
        ("form[legal_name]", "Coopérative Tamount"),
        ("form[legal_form]", "cooperative"),
        ("form[region]", "souss-massa"),
        ("form[city]", "Tafraout"),
        ("form[sectors][cosmetics-argan]", "on"),
        ("locale", "fr"),
    ];
    assert_eq!(souss.post("/api/office/onboard", &fields).await.status, 200);
    slug_of(app, "Coopérative Tamount").await
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    let mut rows = audit_log::Entity::find().all(&app.db).await.expect("audit");
    rows.sort_by_key(|row| row.id);
    rows.into_iter().map(|row| row.action).collect()
}

mod access;
mod audit;
mod moderation;
mod onboarding;
mod platform;
mod verification;
