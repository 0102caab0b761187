//! Account administration from the command line: appoint organisers and
//! admins (who cannot sign themselves up) and suspend an account, which ends
//! every session it has at once.

use anyhow::{Context as _, bail};
use app::domain::{AccountStatus, Role, normalize_display_name, normalize_email};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::{DbSessionStore, password};
use crate::db;
use crate::entities::users;

/// Creates an account with any role; the password must pass the policy.
pub async fn create_account(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
    role: Role,
    secret: &str,
) -> anyhow::Result<i64> {
    let email = normalize_email(email).map_err(|reason| anyhow::anyhow!("e-mail address refused ({reason})"))?;
    let name = normalize_display_name(name).map_err(|reason| anyhow::anyhow!("name refused ({reason})"))?;
    if let Err(reason) = password::check_new(secret) {
        bail!("password refused ({reason}): at least 8 characters and not a common password");
    }
    let hash = password::hash(secret).map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))?;
    let at = Utc::now();
    let row = users::ActiveModel {
        email: Set(email.clone()),
        password_hash: Set(hash),
        display_name: Set(name),
        role: Set(role.slug().to_owned()),
        status: Set(AccountStatus::Active.slug().to_owned()),
        locale: Set("fr".to_owned()),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await
    .with_context(|| format!("cannot create {email}: is it already registered?"))?;
    Ok(row.id)
}

/// Suspends an account and ends all of its sessions, in one transaction.
/// Returns how many sessions ended.
pub async fn suspend_account(db: &DatabaseConnection, user_id: i64) -> Result<u64, sea_orm::DbErr> {
    let txn = db::begin_write(db).await?;
    users::Entity::update_many()
        .col_expr(users::Column::Status, Expr::value(AccountStatus::Suspended.slug()))
        .col_expr(users::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(users::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    let ended = DbSessionStore::end_sessions_of(&txn, user_id).await?;
    txn.commit().await?;
    tracing::info!(user = user_id, sessions = ended, "account suspended");
    Ok(ended)
}

/// The id of the account with this e-mail address.
pub async fn account_id(db: &DatabaseConnection, email: &str) -> anyhow::Result<i64> {
    let email = normalize_email(email).map_err(|reason| anyhow::anyhow!("e-mail address refused ({reason})"))?;
    users::Entity::find()
        .filter(users::Column::Email.eq(&email))
        .one(db)
        .await?
        .map(|user| user.id)
        .with_context(|| format!("no account uses {email}"))
}
