//! The mail outbox and its sender job: a mail is sent by the job, a mail that
//! cannot be sent is retried with a growing pause and finally marked dead
//! (background jobs with a mail outbox).

use chrono::{Duration, Utc};
use sea_orm::EntityTrait;
use secrecy::SecretString;
use server::config::Settings;
use server::entities::mail_outbox;
use server::jobs::mail_sender::{Claimant, MAX_ATTEMPTS, Round, send_due};
use server::mail::{Mail, Mailer};

fn mail(to: &str) -> Mail {
    Mail { to: to.to_owned(), subject: "Trade.ma".to_owned(), body: "Bonjour".to_owned() }
}

#[tokio::test]
async fn a_mail_that_cannot_be_sent_is_retried_then_given_up_on() {
    let dir = tempfile::tempdir().expect("temporary dir");
    let mut settings = Settings::for_data_dir(dir.path());
    let db = server::db::connect(&settings).await.expect("connect");
    server::db::migrate(&db).await.expect("migrate");
    // Nothing listens on port 1: every attempt fails.
    settings.smtp_url = Some(SecretString::from("smtp://127.0.0.1:1".to_owned()));
    let unreachable = Mailer::from_settings(&settings).expect("an SMTP mailer");
    let start = Utc::now();
    let id = server::repo::mail_outbox::enqueue(&db, &mail("amina@coop.ma"), start).await.expect("queue");
    let claimant = Claimant::new();

    let round = send_due(&db, &unreachable, start, &claimant).await.expect("round");
    assert_eq!(round, Round { sent: 0, retried: 1, dead: 0 });
    let row = mail_outbox::Entity::find_by_id(id).one(&db).await.expect("query").expect("row");
    assert_eq!((row.status.as_str(), row.attempts), ("pending", 1));
    assert_eq!(row.next_attempt_at, start + Duration::seconds(30), "the first pause is 30 s");
    assert!(row.last_error.is_some_and(|e| !e.is_empty()), "the cause is kept on the mail");
    assert_eq!(send_due(&db, &unreachable, start, &claimant).await.expect("round"), Round::default(), "not due yet");

    let mut now = start;
    for attempt in 2..=MAX_ATTEMPTS {
        now += Duration::hours(2);
        let round = send_due(&db, &unreachable, now, &claimant).await.expect("round");
        let expected = if attempt == MAX_ATTEMPTS {
            Round { dead: 1, ..Round::default() }
        } else {
            Round { retried: 1, ..Round::default() }
        };
        assert_eq!(round, expected, "attempt {attempt}");
    }
    let row = mail_outbox::Entity::find_by_id(id).one(&db).await.expect("query").expect("row");
    assert_eq!((row.status.as_str(), row.attempts), ("dead", MAX_ATTEMPTS as i32), "a dead letter, kept for a person");
    assert_eq!(
        send_due(&db, &unreachable, now + Duration::days(30), &claimant).await.expect("round"),
        Round::default()
    );

    // The mail folder transport delivers the next one at once.
    settings.smtp_url = None;
    let folder = Mailer::from_settings(&settings).expect("a folder mailer");
    let second = server::repo::mail_outbox::enqueue(&db, &mail("omar@coop.ma"), now).await.expect("queue");
    assert_eq!(send_due(&db, &folder, now, &claimant).await.expect("round"), Round { sent: 1, ..Round::default() });
    let row = mail_outbox::Entity::find_by_id(second).one(&db).await.expect("query").expect("row");
    assert_eq!(row.status, "sent");
    let files = std::fs::read_dir(settings.mail_dir()).expect("mail dir").count();
    assert_eq!(files, 1, "one .eml written");
}

/// Runs one mail sender per data directory at once over one database until
/// the outbox has nothing pending; the `.eml` files each wrote.
async fn send_with_a_fleet(db: &server::db::Db, data_dirs: &[std::path::PathBuf]) -> Vec<usize> {
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    let now = Utc::now() + Duration::seconds(1);
    let sender = |dir: &std::path::Path| {
        let mut settings = Settings::for_data_dir(dir);
        settings.smtp_url = None;
        let mailer = Mailer::from_settings(&settings).expect("a folder mailer");
        let claimant = Claimant::new();
        async move {
            loop {
                let round = send_due(db, &mailer, now, &claimant).await.expect("round");
                assert_eq!((round.retried, round.dead), (0, 0), "the folder transport never fails");
                let pending = mail_outbox::Entity::find()
                    .filter(mail_outbox::Column::Status.eq("pending"))
                    .count(db)
                    .await
                    .expect("count");
                if round.sent == 0 && pending == 0 {
                    return;
                }
                tokio::task::yield_now().await;
            }
        }
    };
    let senders: Vec<_> = data_dirs.iter().map(|dir| sender(dir)).collect();
    futures::future::join_all(senders).await;
    data_dirs.iter().map(|dir| std::fs::read_dir(dir.join("mail")).map(|files| files.count()).unwrap_or(0)).collect()
}

async fn three_senders_send_each_mail_once(db: server::db::Db) {
    let start = Utc::now();
    for n in 0..200 {
        server::repo::mail_outbox::enqueue(&db, &mail(&format!("buyer{n}@example.com")), start).await.expect("queue");
    }
    let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().expect("tempdir")).collect();
    let paths: Vec<std::path::PathBuf> = dirs.iter().map(|dir| dir.path().to_owned()).collect();
    let written = send_with_a_fleet(&db, &paths).await;
    assert_eq!(written.iter().sum::<usize>(), 200, "200 mails queued, 200 written (by sender: {written:?})");
    let rows = mail_outbox::Entity::find().all(&db).await.expect("rows");
    assert!(rows.iter().all(|row| row.status == "sent" && row.claim.is_none()), "every mail sent once, no claim left");
}

/// Three mail senders over one PostgreSQL database (three server processes
/// of a fleet) claim their mails (`FOR UPDATE SKIP LOCKED`): 200 queued
/// mails give exactly 200 sent, none twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_senders_on_one_postgresql_send_each_mail_once() {
    let cluster = tests::postgres::PgCluster::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut settings = Settings::for_data_dir(dir.path());
    settings.database_url = SecretString::from(cluster.create_database("mail_fleet"));
    let db = server::db::Db::standalone(server::db::connect(&settings).await.expect("connect"));
    server::db::migrate(&db).await.expect("migrate");
    three_senders_send_each_mail_once(db).await;
}

/// The same on SQLite (one writer at a time).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_senders_on_one_sqlite_file_send_each_mail_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let settings = Settings::for_data_dir(dir.path());
    let db = server::db::Db::standalone(server::db::connect(&settings).await.expect("connect"));
    server::db::migrate(&db).await.expect("migrate");
    three_senders_send_each_mail_once(db).await;
}

/// A mail claimed by a round that never finished (its process died) waits
/// for the lease to end, then goes; the dead round's late mark changes
/// nothing.
#[tokio::test]
async fn a_mail_whose_sender_died_is_sent_again_once_its_lease_ends() {
    use server::jobs::mail_sender::LEASE;
    use server::repo::mail_outbox::{claim_due, mark_sent};
    let dir = tempfile::tempdir().expect("temporary dir");
    let mut settings = Settings::for_data_dir(dir.path());
    let db = server::db::connect(&settings).await.expect("connect");
    server::db::migrate(&db).await.expect("migrate");
    settings.smtp_url = None;
    let folder = Mailer::from_settings(&settings).expect("a folder mailer");
    let start = Utc::now();
    let id = server::repo::mail_outbox::enqueue(&db, &mail("amina@coop.ma"), start).await.expect("queue");
    let claimant = Claimant::new();

    let claimed = claim_due(&db, "a-round-that-dies", start, start + LEASE, 20).await.expect("claim");
    assert_eq!(claimed.iter().map(|mail| mail.id).collect::<Vec<_>>(), [id]);
    assert!(claim_due(&db, "another", start, start + LEASE, 20).await.expect("claim").is_empty(), "held by its claim");
    let before_the_end = start + LEASE - Duration::seconds(1);
    assert_eq!(
        send_due(&db, &folder, before_the_end, &claimant).await.expect("round"),
        Round::default(),
        "still leased"
    );

    let after = start + LEASE + Duration::seconds(1);
    assert_eq!(send_due(&db, &folder, after, &claimant).await.expect("round"), Round { sent: 1, ..Round::default() });
    assert!(!mark_sent(&db, id, "a-round-that-dies", after).await.expect("mark"), "the dead round's claim is gone");
    let row = mail_outbox::Entity::find_by_id(id).one(&db).await.expect("query").expect("row");
    assert_eq!((row.status.as_str(), row.claim), ("sent", None));
    assert_eq!(std::fs::read_dir(settings.mail_dir()).expect("mail dir").count(), 1, "sent once");
}

/// A process that stops cleanly hands back the mails it claimed and did not
/// send: another process sends them at once, not after the lease.
#[tokio::test]
async fn a_stopping_sender_hands_back_its_unsent_claims() {
    use server::jobs::mail_sender::{LEASE, release};
    use server::repo::mail_outbox::claim_due;
    let dir = tempfile::tempdir().expect("temporary dir");
    let mut settings = Settings::for_data_dir(dir.path());
    let db = server::db::connect(&settings).await.expect("connect");
    server::db::migrate(&db).await.expect("migrate");
    settings.smtp_url = None;
    let folder = Mailer::from_settings(&settings).expect("a folder mailer");
    let start = Utc::now();
    let ours = server::repo::mail_outbox::enqueue(&db, &mail("amina@coop.ma"), start).await.expect("queue");
    let stopping = Claimant::new();
    // The round was cut short: claimed under the stopping process's prefix.
    let claim = format!("{}0123456789abcdef", stopping.prefix());
    assert_eq!(claim_due(&db, &claim, start, start + LEASE, 20).await.expect("claim").len(), 1);
    let theirs = server::repo::mail_outbox::enqueue(&db, &mail("youssef@coop.ma"), start).await.expect("queue");
    assert_eq!(claim_due(&db, "someone-elses-claim", start, start + LEASE, 20).await.expect("claim").len(), 1);

    assert_eq!(release(&db, &stopping).await.expect("release"), 1, "only its own claim is handed back");
    let other = Claimant::new();
    let round = send_due(&db, &folder, start + Duration::seconds(1), &other).await.expect("round");
    assert_eq!(round, Round { sent: 1, ..Round::default() }, "sent at once by another process");
    let sent = mail_outbox::Entity::find_by_id(ours).one(&db).await.expect("query").expect("row");
    let held = mail_outbox::Entity::find_by_id(theirs).one(&db).await.expect("query").expect("row");
    assert_eq!((sent.status.as_str(), held.status.as_str()), ("sent", "pending"), "the other claim stays held");
}
