//! Account administration from the command line: appoint organisers and
//! admins (who cannot sign themselves up) and suspend an account, which ends
//! every session it has at once.

use crate::db::Db;
use anyhow::{Context as _, bail};
use app::domain::{
    AccountStatus, Locale, Office, Role, Seat, TeamKind, TeamRole, normalize_display_name, normalize_email,
};
use chrono::Utc;

use super::password;
use crate::db;
use crate::error::StoreError;
use crate::repo::session;
use crate::repo::user::{self, NewAccount};

/// Creates an account with any role; the password must pass the policy.
pub async fn create_account(db: &Db, email: &str, name: &str, role: Role, secret: &str) -> anyhow::Result<i64> {
    let email = normalize_email(email).map_err(|reason| anyhow::anyhow!("e-mail address refused ({reason})"))?;
    let name = normalize_display_name(name).map_err(|reason| anyhow::anyhow!("name refused ({reason})"))?;
    if let Err(reason) = password::check_new(secret) {
        bail!("password refused ({reason}): at least 8 characters and not a common password");
    }
    let hash = password::hash(secret).map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))?;
    let new = NewAccount { email: email.clone(), password_hash: hash, display_name: name, role, locale: Locale::Fr };
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    let row = user::insert(&txn, new, now)
        .await
        .with_context(|| format!("cannot create {email}: is it already registered?"))?;
    // An organiser founds its own organisation, as one appointed in the offices' pages does.
    if role == Role::Organiser {
        let seat = Seat { kind: TeamKind::Organiser, company_id: row.id, role: TeamRole::Owner };
        crate::repo::team_member::insert(&txn, seat, row.id, now).await?;
    }
    db::commit_private(txn).await?;
    Ok(row.id)
}

/// Creates an administrator of `office` (the password must pass the policy).
pub async fn create_admin(db: &Db, email: &str, name: &str, office: Office, secret: &str) -> anyhow::Result<i64> {
    let id = create_account(db, email, name, Role::Admin, secret).await?;
    user::set_role(db, id, Role::Admin, Some(office), Utc::now()).await?;
    Ok(id)
}

/// Suspends an account, ends all of its sessions and queues its listings for
/// the search indexer, in one transaction.
/// Returns how many sessions ended.
pub async fn suspend_account(db: &Db, user_id: i64) -> Result<u64, StoreError> {
    let txn = db::begin_write(db).await?;
    user::set_status(&txn, user_id, AccountStatus::Suspended, Utc::now()).await?;
    let ended = session::end_all_of(&txn, user_id).await?;
    // Its listings leave search with the account (the indexer drops what
    // buyers may no longer see).
    if let Some(producer) = crate::repo::producer_profile::of_member(&txn, user_id).await? {
        crate::repo::search_changes::record_producer(&txn, producer.id).await?;
    }
    db::commit(txn).await?;
    tracing::info!(user = user_id, sessions = ended, "account suspended");
    Ok(ended)
}

/// The id of the account with this e-mail address.
pub async fn account_id(db: &Db, email: &str) -> anyhow::Result<i64> {
    let email = normalize_email(email).map_err(|reason| anyhow::anyhow!("e-mail address refused ({reason})"))?;
    user::by_email(db, &email).await?.map(|user| user.id).with_context(|| format!("no account uses {email}"))
}
