//! The crash drill: the embedded server (SQLite, local media, mail over SMTP
//! to a real SMTP server) is killed with SIGKILL in the middle of a write
//! storm (three producers saving and publishing listings and uploading
//! photos, three buyers sending inquiries), then started again on the same
//! data directory. Nothing a client was told is saved may be lost:
//!
//! - the database passes `PRAGMA integrity_check`;
//! - every listing answered 200 is there with its title, and every one
//!   published is found by the search once the index has caught up;
//! - every photo answered 201 has its row and its files;
//! - every outbox drains: each inquiry answered 200 gives its notice mail
//!   (a mail in flight at the kill may go twice, no more);
//! - files of uploads cut short are orphans the next sweep removes, and
//!   it removes nothing a row names.
//!
//! It needs the built `server` binary and aiosmtpd, like the fleet drill.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use app::domain::Role;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, Database, EntityTrait, QueryFilter, Statement};
use server::entities::{listing_photos, listing_translations, listings, mail_outbox, users};
use server::media::storage::{LocalStorage, MediaStorage};
use tests::eventually;
use tests::images::jpeg;
use tests::server_process::ServerProcess;
use tests::smtp::SmtpServer;
use tests::visitor::{PASSWORD, Visitor};

/// What one producer was told was saved.
#[derive(Default)]
struct Saved {
    /// (id, title, published)
    listings: Vec<(i64, String, bool)>,
    photos: usize,
}

/// A word no other listing has, for the search.
fn word(producer: usize, n: usize) -> String {
    let letters: String = format!("{producer}{n:03}").chars().map(|c| (b'a' + (c as u8 - b'0')) as char).collect();
    format!("krashq{letters}")
}

/// Saves, publishes and illustrates listings until the server stops answering.
async fn producer_storm(visitor: Visitor, producer: usize, stop: Arc<AtomicBool>) -> Saved {
    let mut saved = Saved::default();
    for n in 0.. {
        if stop.load(Ordering::Relaxed) && n > 200 {
            break;
        }
        let title = format!("Huile {} de Taroudant", word(producer, n));
        let fields = [
            ("form[title][fr]", title.as_str()),
            ("form[description][fr]", "Pressée à froid à Taroudant."),
            ("form[sector]", "cosmetics-argan"),
            ("form[price_mode]", "on_request"),
            ("locale", "fr"),
        ];
        let Some(answer) = visitor.try_post("/api/save_listing", &fields).await else { break };
        if answer.status != 200 {
            continue;
        }
        let location = answer.header("location");
        let Some(id) = location
            .split("/dashboard/listings/")
            .nth(1)
            .and_then(|rest| rest.split('?').next())
            .and_then(|id| id.parse::<i64>().ok())
        else {
            continue;
        };
        saved.listings.push((id, title, false));
        let id_text = id.to_string();
        let publish = [("id", id_text.as_str()), ("change", "publish"), ("locale", "fr")];
        match visitor.try_post("/api/change_listing_status", &publish).await {
            Some(answer) if answer.status == 200 => saved.listings.last_mut().expect("just saved").2 = true,
            Some(_) => {}
            None => break,
        }
        match visitor.try_upload(id, "photo.jpg", jpeg(800, 600)).await {
            Some(answer) if answer.status == 201 => saved.photos += 1,
            Some(_) => {}
            None => break,
        }
    }
    saved
}

/// Sends inquiries until the server stops answering: how many were taken.
async fn buyer_storm(visitor: Visitor, buyer: usize, listing: i64, stop: Arc<AtomicBool>) -> usize {
    let listing = listing.to_string();
    let mut taken = 0;
    for n in 0.. {
        if stop.load(Ordering::Relaxed) && n > 200 {
            break;
        }
        let message = format!("Inquiry {n} of buyer {buyer}: 500 L a month to Santos?");
        let fields = [
            ("listing", listing.as_str()),
            ("locale", "fr"),
            ("form[product]", "Huile d'argan cosmétique"),
            ("form[quantity_amount]", "500"),
            ("form[quantity_unit]", "litre"),
            ("form[incoterm]", "FOB"),
            ("form[destination_country]", "BR"),
            ("form[message]", message.as_str()),
        ];
        match visitor.try_post("/api/send_inquiry", &fields).await {
            Some(answer) if answer.status == 200 => taken += 1,
            // Refused (the hourly limit): still a client of the storm.
            Some(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            None => break,
        }
    }
    taken
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_server_killed_in_a_write_storm_loses_nothing_it_confirmed() {
    let smtp = SmtpServer::start().await;
    let smtp_url = smtp.url();
    let mut server = ServerProcess::new("crash-1", &[("TRADEMA_SMTP_URL", smtp_url.as_str())]);
    server.start();
    server.wait_ready(Duration::from_secs(60)).await;
    let database = server.data_dir().join("tradema.db");
    let db =
        Database::connect(format!("sqlite://{}?mode=rw", database.display())).await.expect("the server's database");
    let handle = server::db::Db::standalone(db.clone());
    let catalogue = tests::fixtures::catalogue(&db).await;

    let mut producers = Vec::new();
    for p in 0..3 {
        let email = format!("storm-producer-{p}@coop.example");
        server::auth::account_commands::create_account(&handle, &email, "Storm producer", Role::Producer, PASSWORD)
            .await
            .expect("a producer");
        let visitor = Visitor::at(&server.address());
        assert_eq!(visitor.sign_in(&email, PASSWORD).await.status, 200);
        assert_eq!(visitor.save_profile(&format!("Coopérative de l'orage {p}"), &[]).await.status, 200);
        producers.push(visitor);
    }
    let mut buyers = Vec::new();
    for b in 0..3 {
        let email = format!("storm-buyer-{b}@importer.example");
        server::auth::account_commands::create_account(&handle, &email, "Storm buyer", Role::Buyer, PASSWORD)
            .await
            .expect("a buyer");
        users::Entity::update_many()
            .col_expr(users::Column::EmailVerifiedAt, Expr::value(chrono::Utc::now()))
            .filter(users::Column::Email.eq(email.as_str()))
            .exec(&db)
            .await
            .expect("the buyer's address confirmed");
        let visitor = Visitor::at(&server.address());
        assert_eq!(visitor.sign_in(&email, PASSWORD).await.status, 200);
        buyers.push(visitor);
    }

    // The storm, then SIGKILL in its middle.
    let stop = Arc::new(AtomicBool::new(false));
    let producer_tasks: Vec<_> = producers
        .into_iter()
        .enumerate()
        .map(|(p, visitor)| tokio::spawn(producer_storm(visitor, p, stop.clone())))
        .collect();
    let buyer_tasks: Vec<_> = buyers
        .into_iter()
        .enumerate()
        .map(|(b, visitor)| tokio::spawn(buyer_storm(visitor, b, catalogue.argan_id, stop.clone())))
        .collect();
    tokio::time::sleep(Duration::from_secs(4)).await;
    server.kill();
    stop.store(true, Ordering::Relaxed);
    let mut saved = Vec::new();
    for task in producer_tasks {
        saved.push(task.await.expect("a producer"));
    }
    let mut inquiries = 0;
    for task in buyer_tasks {
        inquiries += task.await.expect("a buyer");
    }
    let listings_saved: usize = saved.iter().map(|s| s.listings.len()).sum();
    let published: usize = saved.iter().map(|s| s.listings.iter().filter(|l| l.2).count()).sum();
    let photos_saved: usize = saved.iter().map(|s| s.photos).sum();
    println!(
        "crash drill: killed after {listings_saved} listings saved ({published} published), {photos_saved} photos \
         and {inquiries} inquiries confirmed to the clients"
    );
    assert!(listings_saved > 0 && inquiries > 0, "the storm wrote before the kill");

    // The database as the kill left it.
    let check = db
        .query_one_raw(Statement::from_string(sea_orm::DbBackend::Sqlite, "PRAGMA integrity_check"))
        .await
        .expect("integrity check")
        .expect("a row");
    assert_eq!(check.try_get::<String>("", "integrity_check").expect("text"), "ok");

    let restarted = Instant::now();
    server.start();
    server.wait_ready(Duration::from_secs(60)).await;
    println!("crash drill: ready again {} ms after the restart", restarted.elapsed().as_millis());

    // Every confirmed listing, whole; every confirmed photo, with its files.
    let titles: BTreeSet<(i64, String)> = listing_translations::Entity::find()
        .all(&db)
        .await
        .expect("titles")
        .into_iter()
        .map(|t| (t.listing_id, t.title))
        .collect();
    for (id, title, _) in saved.iter().flat_map(|s| s.listings.iter()) {
        assert!(titles.contains(&(*id, title.clone())), "listing {id} ({title}) was confirmed and is there");
    }
    let photo_rows = listing_photos::Entity::find().all(&db).await.expect("photos");
    let storm_ids: BTreeSet<i64> = saved.iter().flat_map(|s| s.listings.iter().map(|l| l.0)).collect();
    let storm_photos = photo_rows.iter().filter(|photo| storm_ids.contains(&photo.listing_id)).count();
    assert!(storm_photos >= photos_saved, "{storm_photos} photo rows for {photos_saved} confirmed uploads");
    let media = LocalStorage::new(server.data_dir().join("media"));
    let storm_rows: Vec<_> = photo_rows.iter().filter(|photo| storm_ids.contains(&photo.listing_id)).collect();
    for photo in &storm_rows {
        assert!(media.exists(&format!("{}-320.webp", photo.storage_key)).await.expect("exists"), "photo {}", photo.id);
    }

    // The outboxes drain: the index catches up, every mail goes.
    let anonymous = reqwest::Client::new();
    let readyz = server.url("/readyz");
    eventually(Duration::from_secs(60), "the search index catches up with the feed", || async {
        let ready: serde_json::Value = anonymous.get(&readyz).send().await.ok()?.json().await.ok()?;
        (ready["search"]["state"] == "ok" && ready["search"]["behind"]["changes"] == 0).then_some(())
    })
    .await;
    for (_, title, _) in saved.iter().flat_map(|s| s.listings.iter()).filter(|l| l.2) {
        let word = title.split(' ').nth(1).expect("the title's word");
        let found = anonymous
            .get(server.url(&format!("/api/v1/listings?q={word}&lang=fr")))
            .send()
            .await
            .expect("search")
            .text()
            .await
            .expect("text");
        assert!(found.contains(word), "the published listing `{title}` is found after the restart");
    }
    let pending = || async {
        let rows = mail_outbox::Entity::find().all(&db).await.ok()?;
        rows.iter().all(|row| row.status == "sent").then_some(rows.len())
    };
    let queued = eventually(Duration::from_secs(60), "every queued mail is sent", pending).await;
    let notices =
        smtp.received().into_iter().filter(|mail| mail.envelope_to.iter().any(|to| to == "coop@example.ma")).count();
    println!(
        "crash drill: {queued} mails queued, all sent; {notices} inquiry notices received for {inquiries} inquiries"
    );
    assert!(notices >= inquiries, "every confirmed inquiry's notice arrived ({notices} for {inquiries})");
    assert!(notices <= inquiries + 20, "duplicates only for the mails in flight at the kill");

    // The next sweep takes the cut uploads' files, and only those.
    let before = media.list("listings/").await.expect("list").len();
    let report = server::media::sweep::sweep(&db, &media, Duration::ZERO).await.expect("sweep");
    let after = media.list("listings/").await.expect("list").len();
    println!(
        "crash drill: the sweep removed {} orphan and {} partial files ({before} files before, {after} after)",
        report.orphan_files, report.partial_files
    );
    for photo in &storm_rows {
        assert!(
            media.exists(&format!("{}-320.webp", photo.storage_key)).await.expect("exists"),
            "photo {} kept",
            photo.id
        );
    }
    let listing_count = listings::Entity::find().all(&db).await.expect("listings").len();
    assert!(listing_count >= listings_saved, "no listing lost");
    server.kill();
}
