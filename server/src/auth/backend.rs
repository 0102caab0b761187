//! The axum-login backend: loads accounts and checks passwords. The session
//! auth hash is derived from the password hash and status, so changing the
//! password or suspending the account invalidates every existing session.

use app::domain::{AccountStatus, Office, Role, Viewer};
use axum_login::{AuthUser, AuthnBackend, UserId};
use sea_orm::DatabaseConnection;
use sha2::{Digest, Sha256};

use super::password;
use crate::entities::users;
use crate::error::StoreError;
use crate::repo::user;

/// A signed-in account, as the session layer keeps it.
#[derive(Clone)]
pub struct AccountUser {
    pub viewer: Viewer,
    auth_hash: Vec<u8>,
}

impl std::fmt::Debug for AccountUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountUser").field("id", &self.viewer.user_id).field("role", &self.viewer.role).finish()
    }
}

impl AccountUser {
    /// `None` for suspended accounts and rows with an unknown role. The
    /// seat (`with_seat`) is read separately.
    pub fn from_row(row: &users::Model) -> Option<AccountUser> {
        if row.status != AccountStatus::Active.slug() {
            return None;
        }
        let role = Role::from_slug(&row.role)?;
        let auth_hash = Sha256::digest(format!("{}|{}", row.password_hash, row.status).as_bytes()).to_vec();
        Some(AccountUser {
            viewer: Viewer {
                user_id: row.id,
                email: row.email.clone(),
                display_name: row.display_name.clone(),
                role,
                // Only administrators have an office, whatever the column says.
                office: (role == Role::Admin).then(|| row.office.as_deref().and_then(Office::from_slug)).flatten(),
                seat: None,
            },
            auth_hash,
        })
    }
}

impl AccountUser {
    /// The account with where it works: read on every request, so a
    /// member removed from a company loses it at their next request.
    async fn with_seat(mut self, db: &DatabaseConnection) -> Result<AccountUser, StoreError> {
        if matches!(self.viewer.role, Role::Producer | Role::Organiser) {
            self.viewer.seat = crate::repo::team_member::seat_of(db, self.viewer.user_id).await?;
        }
        Ok(self)
    }
}

impl AuthUser for AccountUser {
    type Id = i64;

    fn id(&self) -> i64 {
        self.viewer.user_id
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.auth_hash
    }
}

/// E-mail and password as typed.
pub struct Credentials {
    pub email: String,
    pub password: String,
}

#[derive(Clone)]
pub struct AccountBackend {
    db: DatabaseConnection,
}

impl AccountBackend {
    pub fn new(db: DatabaseConnection) -> AccountBackend {
        AccountBackend { db }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("password check did not finish: {0}")]
    Hashing(#[from] password::HashingError),
}

impl AuthnBackend for AccountBackend {
    type User = AccountUser;
    type Credentials = Credentials;
    type Error = BackendError;

    /// One Argon2 verification whether or not the account exists.
    async fn authenticate(&self, credentials: Credentials) -> Result<Option<AccountUser>, BackendError> {
        let row = check_password(&self.db, &credentials.email, credentials.password).await?;
        match row.as_ref().and_then(AccountUser::from_row) {
            Some(user) => Ok(Some(user.with_seat(&self.db).await?)),
            None => Ok(None),
        }
    }

    async fn get_user(&self, id: &UserId<Self>) -> Result<Option<AccountUser>, BackendError> {
        let row = user::by_id(&self.db, *id).await?;
        match row.as_ref().and_then(AccountUser::from_row) {
            Some(user) => Ok(Some(user.with_seat(&self.db).await?)),
            None => Ok(None),
        }
    }
}

/// The account whose password this is, after one Argon2 verification
/// whether or not the address has an account (so the answer's time says
/// nothing about it). Suspended accounts are returned too: the caller decides.
pub async fn check_password(
    db: &DatabaseConnection,
    email: &str,
    password: String,
) -> Result<Option<users::Model>, BackendError> {
    match user::by_email(db, email).await? {
        None => {
            password::burn_time_bounded(password).await?;
            Ok(None)
        }
        Some(row) => {
            let matches = password::verify_bounded(password, row.password_hash.clone()).await?;
            Ok(matches.then_some(row))
        }
    }
}

/// The session handle server functions and routes use.
pub type AuthSession = axum_login::AuthSession<AccountBackend>;
