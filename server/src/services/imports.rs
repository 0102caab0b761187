//! The import steps both ports share: a producer imports into
//! its own catalogue (`Studio`), an office into a producer of its region
//! (`Offices`, recorded in the audit log as "import for someone"). Who may
//! act is decided by the port; this file takes the producer already found.

use crate::db::Db;
use app::domain::{AdminAccess, AppError, AuditAction, ImportPage, ImportPreview};
use chrono::Utc;

use crate::db;
use crate::entities::producers;
use crate::import;
use crate::import::reader::SheetReader;
use crate::repo::audit::{self, AuditTarget, AuditWhy};

/// Reads and checks a sheet; the preview (held as a batch) either way.
pub async fn preview_sheet(
    db: &Db,
    sheets: &SheetReader,
    producer: &producers::Model,
    user_id: i64,
    bytes: &[u8],
) -> Result<ImportPreview, AppError> {
    let (rows, problems) = match sheets.read(bytes.to_vec()).await {
        Ok(sheet) => import::check(db, producer, sheet).await?,
        Err(problem) => (Vec::new(), vec![problem]),
    };
    let txn = db::begin_write(db).await?;
    let preview = import::hold(&txn, producer, user_id, rows, problems, Utc::now()).await?;
    db::commit_private(txn).await?;
    tracing::info!(producer = producer.id, rows = preview.rows, problems = preview.problems.len(), "sheet checked");
    Ok(preview)
}

/// The import page of `producer`, with the held preview `token` of
/// `user_id` (`NotFound` once used, expired, or someone else's).
pub async fn page(
    db: &Db,
    producer: &producers::Model,
    user_id: i64,
    token: Option<&str>,
) -> Result<ImportPage, AppError> {
    let preview = match token {
        Some(token) => {
            let found = import::batch(db, token, user_id, producer.id, Utc::now()).await?;
            Some(found.map(|(preview, _)| preview).ok_or(AppError::NotFound)?)
        }
        None => None,
    };
    Ok(ImportPage { producer: producer.trade_name.clone(), preview })
}

/// Writes the held batch in one transaction; with `admin`, the audit row
/// of the office's import is part of it. Returns (created, updated).
pub async fn confirm(
    db: &Db,
    producer: &producers::Model,
    user_id: i64,
    token: &str,
    admin: Option<&AdminAccess>,
) -> Result<(usize, usize), AppError> {
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    let (preview, rows) = import::batch(&txn, token, user_id, producer.id, now).await?.ok_or(AppError::NotFound)?;
    if !preview.problems.is_empty() || rows.is_empty() {
        return Err(AppError::invalid("sheet", "import.fix_first"));
    }
    // Taken first, on a condition: of two confirmations racing, one writes.
    if import::drop_batch(&txn, token).await? != 1 {
        return Err(AppError::NotFound);
    }
    let (created, updated) = import::write(&txn, producer, &rows, now, |_| {}).await?;
    if let Some(admin) = admin {
        let target = AuditTarget::producer(producer)?;
        let note = format!("{created} created, {updated} updated");
        audit::record(&txn, admin, AuditAction::Import, target, AuditWhy { reason: None, note: Some(&note) }, now)
            .await?;
    }
    db::commit(txn).await?;
    tracing::info!(producer = producer.id, created, updated, by_office = admin.is_some(), "sheet imported");
    Ok((created, updated))
}
