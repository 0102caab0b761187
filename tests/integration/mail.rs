//! The mail outbox and its sender job: a mail is sent by the job, a mail that
//! cannot be sent is retried with a growing pause and finally marked dead
//! (background jobs with a mail outbox).

use chrono::{Duration, Utc};
use sea_orm::EntityTrait;
use secrecy::SecretString;
use server::config::Settings;
use server::entities::mail_outbox;
use server::jobs::mail_sender::{MAX_ATTEMPTS, Round, send_due};
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

    let round = send_due(&db, &unreachable, start).await.expect("round");
    assert_eq!(round, Round { sent: 0, retried: 1, dead: 0 });
    let row = mail_outbox::Entity::find_by_id(id).one(&db).await.expect("query").expect("row");
    assert_eq!((row.status.as_str(), row.attempts), ("pending", 1));
    assert_eq!(row.next_attempt_at, start + Duration::seconds(30), "the first pause is 30 s");
    assert!(row.last_error.is_some_and(|e| !e.is_empty()), "the cause is kept on the mail");
    assert_eq!(send_due(&db, &unreachable, start).await.expect("round"), Round::default(), "not due yet");

    let mut now = start;
    for attempt in 2..=MAX_ATTEMPTS {
        now += Duration::hours(2);
        let round = send_due(&db, &unreachable, now).await.expect("round");
        let expected = if attempt == MAX_ATTEMPTS {
            Round { dead: 1, ..Round::default() }
        } else {
            Round { retried: 1, ..Round::default() }
        };
        assert_eq!(round, expected, "attempt {attempt}");
    }
    let row = mail_outbox::Entity::find_by_id(id).one(&db).await.expect("query").expect("row");
    assert_eq!((row.status.as_str(), row.attempts), ("dead", MAX_ATTEMPTS as i32), "a dead letter, kept for a person");
    assert_eq!(send_due(&db, &unreachable, now + Duration::days(30)).await.expect("round"), Round::default());

    // The mail folder transport delivers the next one at once.
    settings.smtp_url = None;
    let folder = Mailer::from_settings(&settings).expect("a folder mailer");
    let second = server::repo::mail_outbox::enqueue(&db, &mail("omar@coop.ma"), now).await.expect("queue");
    assert_eq!(send_due(&db, &folder, now).await.expect("round"), Round { sent: 1, ..Round::default() });
    let row = mail_outbox::Entity::find_by_id(second).one(&db).await.expect("query").expect("row");
    assert_eq!(row.status, "sent");
    let files = std::fs::read_dir(settings.mail_dir()).expect("mail dir").count();
    assert_eq!(files, 1, "one .eml written");
}
