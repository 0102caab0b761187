//! The platform figures on fixed data.

use super::*;

#[tokio::test]
async fn the_platform_figures_count_new_producers_and_far_markets() {
    let app = TestApp::spawn().await;
    let (_, souss_listing) = producer_in(&app, "a@souss.ma", "Coopérative A", "souss-massa", "Huile").await;
    producer_in(&app, "b@souss.ma", "Coopérative B", "souss-massa", "Amlou").await;
    let (_, oriental_listing) = producer_in(&app, "c@oriental.ma", "Coopérative C", "oriental", "Miel").await;
    // B published first last year: not new on the platform this year.
    let b = producers::Entity::find()
        .filter(producers::Column::LegalName.eq("Coopérative B"))
        .one(&app.db)
        .await
        .expect("q")
        .expect("b");
    let last_year = Utc.with_ymd_and_hms(Utc::now().year() - 1, 6, 1, 9, 0, 0).single().expect("date");
    listings::Entity::update_many()
        .col_expr(listings::Column::PublishedAt, sea_orm::sea_query::Expr::value(last_year))
        .filter(listings::Column::ProducerId.eq(b.id))
        .exec(&app.db)
        .await
        .expect("backdate");
    // Inquiries this month: Brazil, Nigeria, France to Souss-Massa; China to the Oriental.
    app.signed_in("buyer", "buyer@import.pa").await;
    let buyer_id = server::auth::account_commands::account_id(&app.db, "buyer@import.pa").await.expect("buyer");
    let now = Utc::now() - Duration::minutes(5);
    for (listing, country) in
        [(souss_listing, "BR"), (souss_listing, "NG"), (souss_listing, "FR"), (oriental_listing, "CN")]
    {
        let row = listings::Entity::find_by_id(listing).one(&app.db).await.expect("q").expect("listing");
        inquiries::ActiveModel {
            producer_id: Set(row.producer_id),
            listing_id: Set(Some(listing)),
            buyer_user_id: Set(buyer_id),
            product: Set("Argan".into()),
            destination_country: Set(country.into()),
            status: Set(InquiryStatus::New.slug().into()),
            delivered_at: Set(Some(now)),
            last_activity_at: Set(now),
            message_digest: Set(format!("{listing}-{country}")),
            buyer_country: Set(Some(country.into())),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("inquiry");
    }
    let national = app.signed_in("admin", "team@national.ma").await;
    let view = national.get("/api/office/platform").await.json();
    let region = |slug: &str| {
        view["regions"].as_array().expect("regions").iter().find(|r| r["region"] == slug).cloned().expect("region")
    };
    assert_eq!(view["regions"].as_array().map(Vec::len), Some(12), "the national team sees every region");
    assert_eq!(
        (region("souss-massa")["producers"].as_u64(), region("souss-massa")["new_publishers"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(region("oriental")["new_publishers"], 1);
    assert_eq!((view["new_publishers"].as_u64(), view["target"].as_u64()), (Some(2), Some(400)));
    assert_eq!(view["inquiries"]["inquiries_outside_europe"], 75, "3 of 4 inquiries from outside Europe");
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let view = souss.get("/api/office/platform").await.json();
    assert_eq!(view["regions"].as_array().map(Vec::len), Some(1), "a regional office sees its region");
    assert_eq!(view["new_publishers"], 1);
    assert_eq!(view["exports"]["first_exporters"], 0, "publishing is not exporting");
    assert_eq!(view["inquiries"]["total"]["inquiries"], 3);
    assert_eq!(view["inquiries"]["inquiries_outside_europe"], 67, "2 of 3 from outside Europe");
    let page = souss.get("/ar/admin").await;
    assert_eq!(page.status, 200);
    assert!(page.body.matches("class=\"chart\"").count() >= 2, "charts drawn on the server: {}", page.body);
    app.stop().await;
}
