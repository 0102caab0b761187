//! Bulk catalogue import: a sheet is checked row by row and
//! nothing is written until confirmed; then all rows in one transaction.
//! Bad rows are named exactly; a formula, an oversized body, a zip bomb and
//! a wrong encoding are refused with a clear reason and write nothing; an
//! office imports for a producer of its region only, and the log says so.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::entities::{audit_log, listings};
use tests::TestApp;
use tests::sheets::{csv, xlsx, zip_bomb};
use tests::visitor::Visitor;

const HEADER: [&str; 9] =
    ["listing_id", "status", "sector", "hs_code", "price_min", "currency", "incoterms", "title_fr", "title_ar"];

/// `count` good rows (with the header first).
fn sheet(count: usize) -> Vec<Vec<String>> {
    let mut rows = vec![HEADER.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>()];
    for n in 1..=count {
        rows.push(
            [
                "",
                "published",
                "agrifood",
                "150910",
                "6.50",
                "EUR",
                "FOB, CIF",
                &format!("Huile d'olive n°{n}"),
                &format!("زيت الزيتون {n}"),
            ]
            .iter()
            .map(|c| (*c).to_owned())
            .collect(),
        );
    }
    rows
}

async fn producer(app: &TestApp, email: &str, region: &str) -> Visitor {
    let producer = app.signed_in("producer", email).await;
    let saved = producer
        .post(
            "/api/save_profile",
            &[
                ("form[legal_name]", "Coopérative Zitoun"),
                ("form[legal_form]", "cooperative"),
                ("form[region]", region),
                ("form[city]", "Taounate"),
                ("form[sectors][agrifood]", "on"),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    producer
}

async fn listing_count(app: &TestApp) -> u64 {
    listings::Entity::find().count(&app.db).await.expect("count")
}

fn problems(answer: &tests::visitor::Answer) -> Vec<(u64, String, String)> {
    answer.json()["problems"]
        .as_array()
        .unwrap_or_else(|| panic!("no problems in {}", answer.body))
        .iter()
        .map(|p| {
            (
                p["row"].as_u64().unwrap_or(0),
                p["column"].as_str().unwrap_or("").to_owned(),
                p["reason"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn three_bad_rows_among_200_are_named_and_the_fixed_sheet_imports_at_once() {
    let app = TestApp::spawn().await;
    let producer = producer(&app, "coop@zitoun.ma", "fes-meknes").await;
    let mut rows = sheet(200);
    rows[18][2] = "spaceships".into(); // sheet row 19
    rows[95][3] = "15.09".into(); // row 96
    rows[170][4] = "six euros".into(); // row 171
    let refused = producer.import_sheet("catalogue.csv", csv(&rows), None).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        problems(&refused),
        [
            (19, "sector".to_owned(), "invalid.choice".to_owned()),
            (96, "hs_code".to_owned(), "invalid.hs_code".to_owned()),
            (171, "price_min".to_owned(), "invalid.price".to_owned()),
        ]
    );
    let token = refused.json()["token"].as_str().expect("token").to_owned();
    let confirm = producer.post("/api/import/confirm", &[("token", &token), ("locale", "fr")]).await;
    assert_eq!(confirm.status, 422, "a refused sheet cannot be confirmed: {}", confirm.body);
    assert_eq!(listing_count(&app).await, 0, "nothing written");
    // The page shows the problems in the reader's language.
    let page = producer.get(&format!("/ar/dashboard/import?batch={token}")).await;
    let arabic = app::i18n::messages(app::domain::Locale::Ar).get("invalid.hs_code").expect("message");
    assert!(page.body.contains(arabic), "the Arabic page names the problem in Arabic");

    // Fixed: all 200 in one transaction.
    rows[18][2] = "agrifood".into();
    rows[95][3] = "1509.10".into();
    rows[170][4] = "6,50".into();
    let checked = producer.import_sheet("catalogue.csv", csv(&rows), None).await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    assert_eq!((checked.json()["creates"].as_u64(), checked.json()["updates"].as_u64()), (Some(200), Some(0)));
    assert_eq!(listing_count(&app).await, 0, "the preview writes nothing");
    let token = checked.json()["token"].as_str().expect("token").to_owned();
    let stranger = app.signed_in("producer", "other@coop.ma").await;
    assert_eq!(stranger.post("/api/import/confirm", &[("token", &token), ("locale", "fr")]).await.status, 404);
    let confirmed = producer.post("/api/import/confirm", &[("token", &token), ("locale", "fr")]).await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    assert_eq!(listing_count(&app).await, 200);
    let published = listings::Entity::find().filter(listings::Column::Status.eq("published")).count(&app.db).await;
    assert_eq!(published.expect("count"), 200);
    let again = producer.post("/api/import/confirm", &[("token", &token), ("locale", "fr")]).await;
    assert_eq!(again.status, 404, "a batch is written once");
    app.settle_search().await;
    let (_, found) = app.get("/api/v1/listings?q=olive").await;
    assert!(found.contains("\"total\":200"), "indexed: {}", &found[..found.len().min(300)]);

    // An update names its listing; someone else's is refused.
    let first = listings::Entity::find().one(&app.db).await.expect("q").expect("listing").id.to_string();
    let mut update = sheet(1);
    update[1][0] = first.clone();
    update[1][7] = "Huile d'olive extra".into();
    let checked = producer.import_sheet("update.csv", csv(&update), None).await;
    assert_eq!(checked.json()["updates"], 1, "{}", checked.body);
    let foreign = stranger.save_profile("Coopérative Autre", &[]).await;
    assert_eq!(foreign.status, 200);
    let refused = stranger.import_sheet("update.csv", csv(&update), None).await;
    assert_eq!(problems(&refused), [(2, "listing_id".to_owned(), "import.not_yours".to_owned())]);
    app.stop().await;
}

#[tokio::test]
async fn dangerous_or_broken_files_are_refused_with_a_reason_and_write_nothing() {
    let app = TestApp::spawn().await;
    let producer = producer(&app, "coop@zitoun.ma", "fes-meknes").await;
    let rows = sheet(3);
    let mut with_formula = rows.clone();
    with_formula[2][7] = "=HYPERLINK(\"http://x\",\"click\")".into();
    let latin1: Vec<u8> = "sector,title_fr\nagrifood,Caf\u{e9}\n".chars().map(|c| c as u8).collect();
    let cases: Vec<(&str, &str, Vec<u8>, &str)> = vec![
        ("CSV formula", "sheet.csv", csv(&with_formula), "import.formula"),
        ("XLSX formula", "sheet.xlsx", xlsx(&rows, Some((3, 7))), "import.formula"),
        ("zip bomb", "sheet.xlsx", zip_bomb(), "import.zip_bomb"),
        ("Latin-1 CSV", "sheet.csv", latin1, "import.not_utf8"),
        ("a photo", "sheet.xlsx", tests::images::png(40, 40), "import.not_a_sheet"),
    ];
    for (what, name, bytes, reason) in cases {
        let answer = producer.import_sheet(name, bytes, None).await;
        assert_eq!(answer.status, 422, "{what}: {}", answer.body);
        let found = problems(&answer);
        assert_eq!(found.len(), 1, "{what}: {found:?}");
        assert_eq!(found[0].2, reason, "{what}");
    }
    let formula = problems(&producer.import_sheet("sheet.xlsx", xlsx(&rows, Some((3, 7))), None).await);
    assert_eq!((found_row(&formula), formula[0].1.as_str()), (4, "title_fr"), "the formula's cell is named");
    // A 50 MB body is stopped before it is read.
    let huge = producer.import_sheet("huge.csv", vec![b'a'; 50 * 1024 * 1024], None).await;
    assert_eq!(huge.status, 413, "{}", huge.body);
    assert_eq!(listing_count(&app).await, 0, "nothing written by any of them");
    // A good XLSX works.
    let good = producer.import_sheet("sheet.xlsx", xlsx(&rows, None), None).await;
    assert_eq!(good.status, 200, "{}", good.body);
    assert_eq!(good.json()["creates"], 3);
    app.stop().await;
}

fn found_row(problems: &[(u64, String, String)]) -> u64 {
    problems[0].0
}

#[tokio::test]
async fn an_office_imports_for_its_regions_producers_and_the_log_says_so() {
    let app = TestApp::spawn().await;
    producer(&app, "coop@zitoun.ma", "fes-meknes").await;
    let slug = server::entities::producers::Entity::find().one(&app.db).await.expect("q").expect("producer").slug;
    let fes = app.signed_in_office("fes-meknes", "office@fes.ma").await;
    let oriental = app.signed_in_office("oriental", "office@oriental.ma").await;
    let buyer = app.signed_in("buyer", "buyer@import.pa").await;
    let bytes = csv(&sheet(2));
    assert_eq!(oriental.import_sheet("s.csv", bytes.clone(), Some(&slug)).await.status, 404);
    assert_eq!(buyer.import_sheet("s.csv", bytes.clone(), Some(&slug)).await.status, 404);
    assert_eq!(buyer.get(&format!("/fr/admin/producers/{slug}/import")).await.status, 404);
    assert_eq!(Visitor::new(&app).import_sheet("s.csv", bytes.clone(), None).await.status, 401);
    let checked = fes.import_sheet("s.csv", bytes, Some(&slug)).await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    let token = checked.json()["token"].as_str().expect("token").to_owned();
    let by_other =
        oriental.post("/api/import/confirm", &[("token", &token), ("producer", &slug), ("locale", "fr")]).await;
    assert_eq!(by_other.status, 404);
    let done = fes.post("/api/import/confirm", &[("token", &token), ("producer", &slug), ("locale", "fr")]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(listing_count(&app).await, 2);
    let rows = audit_log::Entity::find().all(&app.db).await.expect("audit");
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].action.as_str(), rows[0].note.as_deref()), ("import", Some("2 created, 0 updated")));
    let page = fes.get(&format!("/fr/admin/producers/{slug}/import")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Coopérative Zitoun"), "the page names whose catalogue it imports into");
    assert!(page.body.contains(&format!("href=\"/fr/admin/producers/{slug}\"")), "and links back to it");
    let template = Visitor::new(&app).get("/fr/import/template.csv").await;
    assert!(template.body.starts_with("\u{feff}listing_id,status,sector"), "{}", template.body);
    app.stop().await;
}

#[tokio::test]
async fn the_terminal_import_checks_first_then_writes_everything() {
    let app = TestApp::spawn().await;
    producer(&app, "coop@zitoun.ma", "fes-meknes").await;
    let slug = server::entities::producers::Entity::find().one(&app.db).await.expect("q").expect("producer").slug;
    let dir = std::env::temp_dir().join(format!("tradema-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let mut rows = sheet(30);
    rows[5][3] = "bad".into();
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, csv(&rows)).expect("write");
    let refused = server::import::terminal::run(&app.db, &slug, &bad).await;
    assert!(refused.is_err_and(|error| error.to_string().contains("1 problems")));
    assert_eq!(listing_count(&app).await, 0);
    rows[5][3] = "150910".into();
    let good = dir.join("good.xlsx");
    std::fs::write(&good, xlsx(&rows, None)).expect("write");
    let done = server::import::terminal::run(&app.db, &slug, &good).await.expect("imported");
    assert_eq!(done, (30, 0));
    assert_eq!(listing_count(&app).await, 30);
    assert!(server::import::terminal::run(&app.db, "nobody", &good).await.is_err());
    std::fs::remove_dir_all(&dir).ok();
    app.stop().await;
}
