//! The mail that confirms an account's address: sent at sign-up, and when
//! an unconfirmed account sends an inquiry (held until then) or saves a
//! search (alerts go only to confirmed addresses). Only the token's hash is kept; the link works once,
//! for `VERIFY_LINK_DAYS`.

use app::domain::Locale;
use chrono::{DateTime, Duration, Utc};
use url::Url;

use super::sha256_hex;
use crate::entities::users;
use crate::error::StoreError;
use crate::repo::{email_verification, mail_outbox};

/// How long a confirmation link works.
pub const VERIFY_LINK_DAYS: i64 = 7;
/// Confirmation mails an account may be sent in a day.
const VERIFY_MAILS_PER_DAY: u64 = 5;

/// Queues a confirmation mail for the account, at most `VERIFY_MAILS_PER_DAY`
/// a day (past that, none is sent and a warning is logged).
pub async fn queue(
    txn: &impl sea_orm::ConnectionTrait,
    account: &users::Model,
    locale: Locale,
    now: DateTime<Utc>,
    public_url: &Url,
) -> Result<(), StoreError> {
    if email_verification::sent_since(txn, account.id, now - Duration::days(1)).await? >= VERIFY_MAILS_PER_DAY {
        tracing::warn!(user = account.id, "confirmation mails for this account are rate-limited; none sent");
        return Ok(());
    }
    // One just mailed is on its way: a sign-up with an inquiry asks twice
    // in one request, and its link confirms for both.
    if email_verification::sent_since(txn, account.id, now - Duration::minutes(2)).await? > 0 {
        return Ok(());
    }
    let token = super::random_hex(32);
    let link = super::link_to(public_url, &format!("/{}/account/confirm?token={token}", locale.code()));
    let expires_at = now + Duration::days(VERIFY_LINK_DAYS);
    email_verification::insert(txn, account.id, &account.email, sha256_hex(&token), now, expires_at).await?;
    let mail = crate::mail::confirm_address(locale, &account.email, &link, VERIFY_LINK_DAYS);
    mail_outbox::enqueue(txn, &mail, now).await?;
    Ok(())
}
