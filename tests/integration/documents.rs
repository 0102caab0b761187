//! The documents a destination asks for: the national team keeps the
//! rules (each change audited), regional offices read them, anyone reads
//! those that match a product and a destination, and a deal's page lists
//! its destination's; bad input gets a 4xx naming the field.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::entities::audit_log;
use tests::TestApp;
use tests::visitor::{Answer, Visitor};

async fn save(office: &Visitor, id: Option<i64>, fields: &[(&str, &str)]) -> Answer {
    let id = id.map(|id| id.to_string());
    let mut all = vec![("locale", "fr")];
    if let Some(id) = id.as_deref() {
        all.push(("id", id));
    }
    all.extend_from_slice(fields);
    office.post("/api/office/documents/save", &all).await
}

fn rule<'a>(document: &'a str, from: &'a str, to: &'a str, destination: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("form[document]", document),
        ("form[hs_from]", from),
        ("form[hs_to]", to),
        ("form[destination]", destination),
        ("form[source]", "ONSSA, exigences phytosanitaires des pays importateurs"),
        ("form[checked_on]", "2026-11-30"),
        ("form[note]", "Délivré par l'ONSSA avant l'embarquement."),
    ]
}

async fn audited(app: &TestApp, action: &str) -> u64 {
    audit_log::Entity::find().filter(audit_log::Column::Action.eq(action)).count(&app.db).await.expect("audit")
}

#[tokio::test]
async fn the_national_team_keeps_the_rules_and_everyone_reads_those_that_match() {
    let app = TestApp::spawn().await;
    let national = app.signed_in("admin", "national@trade.ma").await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let buyer = app.signed_in("buyer", "buyer@example.com").await;

    let added = save(&national, None, &rule("phytosanitary-certificate", "07", "08", "country:CN")).await;
    assert_eq!(added.status, 200, "{}", added.body);
    assert_eq!(audited(&app, "add_document_rule").await, 1);
    assert_eq!(save(&souss, None, &rule("phytosanitary-certificate", "07", "08", "any")).await.status, 404);
    assert_eq!(save(&national, None, &rule("eur1", "", "", "agreement:eu-association")).await.status, 200);

    // Bad input names its field.
    for (fields, reason) in [
        (rule("phytosanitary-certificate", "0", "08", "any"), "invalid.hs_range"),
        (rule("phytosanitary-certificate", "0805", "08", "any"), "invalid.hs_range"),
        (rule("no-such-document", "", "", "any"), "invalid.choice"),
        (rule("eur1", "", "", "country:XX"), "invalid.choice"),
    ] {
        let refused = save(&national, None, &fields).await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        assert!(refused.body.contains(reason), "{reason}: {}", refused.body);
    }
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Duration::days(1)).to_string();
    let mut future = rule("eur1", "", "", "any");
    future[5] = ("form[checked_on]", &tomorrow);
    let refused = save(&national, None, &future).await;
    assert!(refused.body.contains("invalid.date_future"), "{}", refused.body);

    // Anyone reads what applies: mandarins (0805) to China, cables (8544) to Germany.
    let to_china = buyer.get("/api/documents?hs=0805.21&to=CN").await.json();
    assert_eq!(to_china.as_array().map(Vec::len), Some(1), "{to_china}");
    assert_eq!(to_china[0]["document"], "phytosanitary-certificate");
    assert_eq!(to_china[0]["checked_on"], "2026-11-30");
    let to_germany = app.visitor().get("/api/documents?hs=8544&to=DE").await.json();
    assert_eq!(to_germany[0]["document"], "eur1");
    assert_eq!(app.visitor().get("/api/documents?hs=8544&to=BR").await.json(), serde_json::json!([]));
    assert_eq!(app.visitor().get("/api/documents?to=ZZ").await.status, 400);

    // Offices read the rules; the national team changes and removes them.
    let rules = souss.get("/api/office/documents").await.json();
    let id = rules[0][0]["id"].as_i64().expect("a rule");
    assert_eq!(rules[0].as_array().map(Vec::len), Some(2));
    assert_eq!(save(&souss, Some(id), &rule("phytosanitary-certificate", "06", "14", "any")).await.status, 404);
    let changed = save(&national, Some(id), &rule("phytosanitary-certificate", "06", "14", "any")).await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(audited(&app, "change_document_rule").await, 1);
    assert_eq!(buyer.get("/api/documents?hs=1211&to=JP").await.json()[0]["document"], "phytosanitary-certificate");
    assert_eq!(save(&national, Some(id), &[("remove", "1")]).await.status, 200);
    assert_eq!(audited(&app, "remove_document_rule").await, 1);
    assert_eq!(buyer.get("/api/documents?hs=1211&to=JP").await.json(), serde_json::json!([]));
    assert_eq!(buyer.get("/api/office/documents").await.status, 404, "the rules' page is the offices'");
}
