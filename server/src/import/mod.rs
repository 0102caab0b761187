//! Bulk catalogue import, for a producer's own catalogue or by
//! its regional office: a sheet is read (`sheet`), every row is checked by
//! the listing editor's rules plus what only the server knows (the listing
//! to update is this producer's; protected labels belong to the origin
//! region), and the result is held as a batch for the preview. Nothing is
//! written until the person who uploaded it confirms; then every row is
//! written in one transaction, or none.
//!
//! `server import --producer SLUG FILE` runs the same check and write from a
//! terminal (`write` reports progress through a callback).

pub mod reader;
pub mod sheet;
pub mod terminal;
pub mod xlsx_guard;

use std::collections::HashSet;

use app::domain::{
    ImportPreview, ImportRow, ListingDraft, ListingStatus, PREVIEW_LINES, PreviewLine, Region, RowAction, RowProblem,
    read_row,
};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::entities::producers;
use crate::error::StoreError;
use crate::repo::convert::slug;
use crate::repo::search_changes::{self, OutboxOp};
use crate::repo::{import_batch, listing, own_listing};

pub use crate::repo::import_batch::BATCH_MINUTES;

/// A checked row with its draft.
struct Checked {
    row: ImportRow,
    draft: ListingDraft,
    origin: Region,
}

/// Checks every row of `sheet` for `producer`: the rows ready to write and
/// every problem, by row and column.
pub async fn check(
    db: &impl ConnectionTrait,
    producer: &producers::Model,
    sheet: Vec<sheet::SheetRow>,
) -> Result<(Vec<ImportRow>, Vec<RowProblem>), StoreError> {
    let own = listing::ids_of_producer(db, producer.id).await?;
    let region = slug(&producer.region, Region::from_slug, "region")?;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut updated: HashSet<i64> = HashSet::new();
    for (number, cells) in sheet {
        match checked(number, &cells, &own, region) {
            Ok(done) => {
                if let RowAction::Update(id) = done.row.action
                    && !updated.insert(id)
                {
                    problems.push(RowProblem {
                        row: number,
                        column: "listing_id".into(),
                        reason: "import.twice".into(),
                    });
                    continue;
                }
                rows.push(done.row);
            }
            Err(problem) => problems.push(problem),
        }
    }
    Ok((rows, problems))
}

fn checked(
    number: usize,
    cells: &std::collections::BTreeMap<String, String>,
    own: &[i64],
    region: Region,
) -> Result<Checked, RowProblem> {
    let row = read_row(number, cells)?;
    let problem = |column: &str, reason: &str| RowProblem { row: number, column: column.into(), reason: reason.into() };
    if let RowAction::Update(id) = row.action
        && !own.contains(&id)
    {
        return Err(problem("listing_id", "import.not_yours"));
    }
    let draft = row.form.validate().map_err(|_| problem("", "invalid.choice"))?;
    let origin = draft.origin_region.unwrap_or(region);
    draft.check_labels(origin).map_err(|_| problem("origin_labels", "invalid.label_region"))?;
    Ok(Checked { row, draft, origin })
}

/// The preview of checked rows and problems, held as a batch (its rows only
/// when there is no problem, so a refused sheet can be shown but never
/// confirmed); returns it with its token.
pub async fn hold(
    db: &impl ConnectionTrait,
    producer: &producers::Model,
    user_id: i64,
    rows: Vec<ImportRow>,
    problems: Vec<RowProblem>,
    now: DateTime<Utc>,
) -> Result<ImportPreview, StoreError> {
    let token = crate::services::random_hex(24);
    let creates = rows.iter().filter(|row| row.action == RowAction::Create).count();
    let lines = rows
        .iter()
        .take(PREVIEW_LINES)
        .map(|row| PreviewLine {
            row: row.row,
            action: row.action,
            title: ["fr", "en", "ar", "es"]
                .iter()
                .find_map(|code| row.form.title.get(*code).cloned())
                .unwrap_or_default(),
            publish: row.publish,
        })
        .collect();
    let preview = ImportPreview {
        token: token.clone(),
        producer: producer.trade_name.clone(),
        rows: rows.len() + problems.len(),
        creates,
        updates: rows.len() - creates,
        problems,
        lines,
    };
    let stored_rows = if preview.problems.is_empty() { rows } else { Vec::new() };
    import_batch::hold(db, producer.id, user_id, &preview, &stored_rows, now).await?;
    Ok(preview)
}

/// Forgets a batch as it is written (1, or 0 when another confirmation took it first).
pub use import_batch::drop as drop_batch;
/// The batch `token` of `user_id` for `producer_id`, while it is fresh.
pub use import_batch::find as batch;

/// Writes checked rows for `producer` inside the caller's transaction:
/// creates or updates each listing, publishes those marked so, queues them
/// for the search index; `progress` is told after each row. Returns
/// (created, updated).
pub async fn write(
    db: &impl ConnectionTrait,
    producer: &producers::Model,
    rows: &[ImportRow],
    now: DateTime<Utc>,
    mut progress: impl FnMut(usize),
) -> Result<(usize, usize), app::domain::AppError> {
    let own = listing::ids_of_producer(db, producer.id).await?;
    let region = slug(&producer.region, Region::from_slug, "region")?;
    let (mut created, mut updated) = (0, 0);
    for (done, row) in rows.iter().enumerate() {
        // Checked again: the catalogue may have changed since the preview.
        let cells_checked = checked_again(row, &own, region)?;
        let existing = match row.action {
            RowAction::Create => None,
            RowAction::Update(id) => Some(
                own_listing::owned(db, producer.id, id)
                    .await?
                    .ok_or_else(|| app::domain::AppError::invalid("listing_id", "import.not_yours"))?,
            ),
        };
        let id = own_listing::save(db, producer.id, existing, &cells_checked.draft, cells_checked.origin, now).await?;
        let listing = own_listing::owned(db, producer.id, id).await?.ok_or(app::domain::AppError::NotFound)?;
        let status = own_listing::status_of(&listing)?;
        if row.publish && status != ListingStatus::Published {
            own_listing::set_status(db, listing, ListingStatus::Published, now).await?;
        }
        search_changes::record(db, id, OutboxOp::Upsert).await?;
        match row.action {
            RowAction::Create => created += 1,
            RowAction::Update(_) => updated += 1,
        }
        progress(done + 1);
    }
    Ok((created, updated))
}

fn checked_again(row: &ImportRow, own: &[i64], region: Region) -> Result<Checked, app::domain::AppError> {
    let draft = row.form.validate()?;
    if let RowAction::Update(id) = row.action
        && !own.contains(&id)
    {
        return Err(app::domain::AppError::invalid("listing_id", "import.not_yours"));
    }
    let origin = draft.origin_region.unwrap_or(region);
    draft.check_labels(origin)?;
    Ok(Checked { row: row.clone(), draft, origin })
}
