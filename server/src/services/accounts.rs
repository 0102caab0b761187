//! The `Accounts` port: sign-up, sign-in and out, password change and reset.
//! Rules: no answer reveals whether an address has an account (sign-up,
//! sign-in and reset give the same message, status and time: a sign-up with
//! a known address mails its owner instead of saying so); failed sign-ins are limited
//! per account-and-address, per account and per address; every password
//! change ends the account's other sessions.

use std::sync::Arc;

use app::domain::{AppError, ClaimPage, Locale, Role, Viewer, normalize_display_name, normalize_email};
use app::ports::{Accounts, SessionHandle, SignUp, SignedUp};
use chrono::Utc;
use sha2::{Digest, Sha256};
use url::Url;

use crate::auth::backend::check_password;
use crate::auth::rate_limit::{self, Limits};
use crate::auth::{AccountUser, password};
use crate::db::{self, Db};
use crate::repo::user::{self, NewAccount};
use crate::repo::{mail_outbox, password_reset, session};

pub struct AccountsService {
    db: Db,
    limits: Arc<Limits>,
    public_url: Url,
}

impl AccountsService {
    pub fn new(db: Db, limits: Arc<Limits>, public_url: Url) -> AccountsService {
        AccountsService { db, limits, public_url }
    }
}

fn internal(context: &str, error: impl std::fmt::Display) -> AppError {
    tracing::error!(%error, "{context}");
    AppError::Internal
}

/// The hex SHA-256 under which a reset token is stored.
pub fn reset_token_hash(token: &str) -> String {
    sha256_hex(token)
}

/// The hex SHA-256 of a text: how single-use tokens are stored and
/// inquiry texts compared.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect()
}

async fn hash_password(password: String) -> Result<String, AppError> {
    password::hash_bounded(password).await.map_err(|e| internal("password hashing failed", e))
}

#[async_trait::async_trait]
impl Accounts for AccountsService {
    async fn sign_up(&self, session: &dyn SessionHandle, form: SignUp) -> Result<SignedUp, AppError> {
        // Organisers and administrators are appointed, never self-declared.
        if !Role::SELF_SERVICE.contains(&form.role) {
            return Err(AppError::invalid("role", "invalid.choice"));
        }
        if !self.limits.sign_up_address.try_hit(&session.client(), Utc::now()).await? {
            return Err(AppError::RateLimited);
        }
        let email = normalize_email(&form.email).map_err(|reason| AppError::invalid("email", reason))?;
        let display_name =
            normalize_display_name(&form.display_name).map_err(|reason| AppError::invalid("display_name", reason))?;
        password::check_new(&form.password).map_err(|reason| AppError::invalid("password", reason))?;
        // Hashed either way: a known address answers in the same time.
        let password_hash = hash_password(form.password).await?;
        let now = Utc::now();
        let txn = db::begin_write(&self.db).await?;
        if let Some(known) = user::by_email(&txn, &email).await? {
            // Counted in the transaction: on SQLite the pool's other
            // connections wait for its write lock.
            if self.limits.sign_up_known.try_hit_within(&txn, &known.email, now).await? {
                let mail = crate::mail::sign_up_attempt(
                    form.locale,
                    &known.email,
                    &super::link_to(&self.public_url, &form.locale.localize_path("/account/sign-in")),
                    &super::link_to(&self.public_url, &form.locale.localize_path("/account/forgot")),
                );
                mail_outbox::enqueue(&txn, &mail, now).await?;
            } else {
                tracing::warn!(user = known.id, "sign-up attempts on this address are rate-limited; no mail sent");
            }
            db::commit_private(txn).await?;
            tracing::info!(user = known.id, "sign-up with an address that has an account; its owner is told");
            return Ok(SignedUp::Known);
        }
        let new = NewAccount { email, password_hash, display_name, role: form.role, locale: form.locale };
        let row = user::insert(&txn, new, now).await?;
        super::confirmation::queue(&txn, &row, form.locale, now, &self.public_url).await?;
        db::commit_private(txn).await?;
        tracing::info!(user = row.id, role = %row.role, "account created; confirmation mailed");
        Ok(SignedUp::Created { user_id: row.id })
    }

    async fn invitation(&self, token: &str) -> Result<ClaimPage, AppError> {
        super::offices::claim_page(&self.db, token).await
    }

    async fn claim(
        &self,
        session: &dyn SessionHandle,
        token: &str,
        display_name: &str,
        password: &str,
    ) -> Result<Viewer, AppError> {
        let display_name =
            normalize_display_name(display_name).map_err(|reason| AppError::invalid("display_name", reason))?;
        password::check_new(password).map_err(|reason| AppError::invalid("password", reason))?;
        let password_hash = hash_password(password.to_owned()).await?;
        let user_id = super::offices::claim(&self.db, token, &display_name, &password_hash).await?;
        session.begin(user_id).await
    }

    async fn sign_in(&self, session: &dyn SessionHandle, email: &str, password: &str) -> Result<Viewer, AppError> {
        let wrong = || AppError::invalid("credentials", "invalid.credentials");
        let address = session.client();
        let email = normalize_email(email).unwrap_or_else(|_| email.trim().to_lowercase());
        // Every attempt is counted before the password is checked, so parallel
        // guesses cannot all pass; a success gives its attempt back. The
        // account-wide limit spares places the account signed in from before.
        let Some(attempt) = self.limits.try_sign_in(&email, &address, Utc::now()).await? else {
            tracing::warn!(%address, "sign-in refused: too many attempts");
            crate::metrics::sign_in_refused("limited");
            return Err(AppError::RateLimited);
        };
        let row = check_password(&self.db, &email, password.to_owned())
            .await
            .map_err(|e| internal("cannot check the password", e))?;
        // A suspended account gets the same answer as a wrong password.
        let Some(row) = row.filter(|row| AccountUser::from_row(row).is_some()) else {
            crate::metrics::sign_in_refused("password");
            return Err(wrong());
        };
        self.limits.signed_in(attempt, Utc::now()).await?;
        let viewer = session.begin(row.id).await?;
        tracing::info!(user = viewer.user_id, "signed in");
        Ok(viewer)
    }

    async fn sign_out(&self, session: &dyn SessionHandle) -> Result<(), AppError> {
        session.end().await
    }

    async fn change_password(&self, session: &dyn SessionHandle, current: &str, new: &str) -> Result<(), AppError> {
        let viewer = session.viewer().ok_or(AppError::Unauthorized)?;
        let address = session.client();
        let pair = rate_limit::pair(&viewer.email, &address);
        if !self.limits.login_pair.try_hit(&pair, Utc::now()).await? {
            return Err(AppError::RateLimited);
        }
        let row = user::by_id(&self.db, viewer.user_id).await?.ok_or(AppError::Unauthorized)?;
        let matches = password::verify_bounded(current.to_owned(), row.password_hash.clone())
            .await
            .map_err(|e| internal("password check did not finish", e))?;
        if !matches {
            return Err(AppError::invalid("current", "invalid.current_password"));
        }
        self.limits.login_pair.clear(&pair).await?;
        password::check_new(new).map_err(|reason| AppError::invalid("password", reason))?;
        let password_hash = hash_password(new.to_owned()).await?;
        let txn = db::begin_write(&self.db).await?;
        user::set_password(&txn, row.id, &password_hash, Utc::now()).await?;
        session::end_all_of(&txn, row.id).await?;
        db::commit(txn).await?;
        tracing::info!(user = row.id, "password changed; other sessions ended");
        // This session goes on under the new password (its auth hash derives from it).
        session.begin(row.id).await.map(|_| ())
    }

    async fn request_reset(&self, session: &dyn SessionHandle, email: &str, locale: Locale) -> Result<(), AppError> {
        let email = normalize_email(email).map_err(|reason| AppError::invalid("email", reason))?;
        if !self.limits.reset_address.try_hit(&session.client(), Utc::now()).await? {
            return Err(AppError::RateLimited);
        }
        // Only the request is written, whatever the address: the lookup,
        // the token and the mail are the reset links job's
        // (`jobs::reset_links`), so the answer's work and time say nothing
        // about whether the address is known.
        let txn = db::begin_write(&self.db).await?;
        password_reset::request(&txn, &email, locale.code(), Utc::now()).await?;
        db::commit_private(txn).await?;
        Ok(())
    }

    async fn reset_password(&self, session: &dyn SessionHandle, token: &str, new: &str) -> Result<(), AppError> {
        let bad_token = || AppError::invalid("token", "invalid.reset_token");
        if !self.limits.reset_use_address.try_hit(&session.client(), Utc::now()).await? {
            return Err(AppError::RateLimited);
        }
        if token.len() != 64 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad_token());
        }
        password::check_new(new).map_err(|reason| AppError::invalid("password", reason))?;
        // The cheap check first: no Argon2 work for a token that does not exist.
        let now = Utc::now();
        let reset = password_reset::open(&self.db, &reset_token_hash(token), now).await?.ok_or_else(bad_token)?;
        let password_hash = hash_password(new.to_owned()).await?;
        let txn = db::begin_write(&self.db).await?;
        if !password_reset::spend(&txn, reset.id, now).await? {
            return Err(bad_token());
        }
        // Any other link still open for the account is spent too.
        password_reset::spend_all_of(&txn, reset.user_id, now).await?;
        user::set_password(&txn, reset.user_id, &password_hash, now).await?;
        session::end_all_of(&txn, reset.user_id).await?;
        db::commit(txn).await?;
        tracing::info!(user = reset.user_id, "password reset; every session ended");
        Ok(())
    }
}
