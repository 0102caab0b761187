//! The reset links job: turns each waiting password reset request into a
//! token and the mail carrying it, for an active account whose mails are
//! not rate-limited, or into nothing; the request row and the account's
//! count of reset mails (`rate_limit::RESET_ACCOUNT`) go in the same
//! transaction. The request itself only wrote the row, whatever the
//! address, so its answer says nothing about whether an account exists.

use std::sync::Arc;
use std::time::Duration;

use app::domain::{AccountStatus, Locale};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use url::Url;

use crate::auth::rate_limit::Limits;
use crate::db::{self, Db};
use crate::entities::users;
use crate::error::StoreError;
use crate::repo::password_reset::{self, ResetRequest};
use crate::repo::{mail_outbox, user};
use crate::services::accounts::reset_token_hash;

/// How often waiting requests are looked for.
pub const PERIOD: Duration = Duration::from_secs(1);
/// How long a reset link works.
pub const RESET_TOKEN_MINUTES: i64 = 30;
/// Requests handled per round.
const BATCH: u64 = 100;

/// What the job needs.
pub struct ResetLinks {
    pub db: Db,
    pub limits: Arc<Limits>,
    pub public_url: Url,
}

impl ResetLinks {
    /// Handles the waiting requests; how many mails were queued.
    pub async fn deliver_waiting(&self) -> Result<u32, StoreError> {
        let mut mailed = 0;
        for request in password_reset::waiting_requests(&self.db, BATCH).await? {
            if self.deliver(&request).await? {
                mailed += 1;
            }
        }
        Ok(mailed)
    }

    /// One request: the token and the mail when the address has an active
    /// account, and the request deleted, in one transaction.
    async fn deliver(&self, request: &ResetRequest) -> Result<bool, StoreError> {
        let locale = Locale::from_code(&request.locale).unwrap_or(Locale::DEFAULT);
        let now = Utc::now();
        let txn = db::begin_write(&self.db).await?;
        if !password_reset::forget_request(&txn, request.id).await? {
            return Ok(false);
        }
        let mailed = match user::by_email(&txn, &request.email).await? {
            None => {
                tracing::info!("password reset asked for an address without an account; nothing sent");
                false
            }
            Some(account) if account.status != AccountStatus::Active.slug() => {
                tracing::info!(user = account.id, "password reset asked for a suspended account; nothing sent");
                false
            }
            Some(account) => {
                // Counted in the transaction: on SQLite the pool's other
                // connections wait for its write lock.
                let allowed = self.limits.reset_account.try_hit_within(&txn, &request.email, now).await?;
                if allowed {
                    self.queue_link(&txn, &account, locale, now).await?;
                } else {
                    tracing::warn!(
                        user = account.id,
                        "password reset mails for this account are rate-limited; nothing sent"
                    );
                }
                allowed
            }
        };
        // A reset token changes no public page.
        db::commit_private(txn).await?;
        Ok(mailed)
    }

    /// A new reset token for the account and the mail carrying its link.
    async fn queue_link(
        &self,
        txn: &impl ConnectionTrait,
        account: &users::Model,
        locale: Locale,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let token = crate::services::random_hex(32);
        let mut link = self.public_url.clone();
        link.set_path(&format!("/{}/account/reset", locale.code()));
        link.set_query(Some(&format!("token={token}")));
        let mail = crate::mail::password_reset(locale, &account.email, link.as_str(), RESET_TOKEN_MINUTES);
        let expires_at = now + chrono::Duration::minutes(RESET_TOKEN_MINUTES);
        password_reset::insert(txn, account.id, reset_token_hash(&token), now, expires_at).await?;
        mail_outbox::enqueue(txn, &mail, now).await?;
        Ok(())
    }
}
