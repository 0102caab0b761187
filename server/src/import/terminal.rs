//! `server import --producer SLUG FILE`: the bulk import from a terminal,
//! for an operator loading a large catalogue. The same reading and checks
//! as the page; every problem is printed by row and column (in English)
//! and nothing is written; otherwise every row is written in one
//! transaction, with a progress bar.

use std::path::Path;

use crate::db::Db;
use anyhow::{Context as _, bail};
use chrono::Utc;

use crate::db;

/// Imports `file` into the producer `slug`; returns (created, updated).
pub async fn run(db: &Db, slug: &str, file: &Path) -> anyhow::Result<(usize, usize)> {
    let producer = crate::repo::producer_profile::by_slug_for_office(db, slug)
        .await?
        .with_context(|| format!("no producer has the address `{slug}`"))?;
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let english = app::i18n::messages(app::domain::Locale::En);
    let (rows, problems) = match super::sheet::read(&bytes) {
        Ok(sheet) => super::check(db, &producer, sheet).await?,
        Err(problem) => (Vec::new(), vec![problem]),
    };
    if !problems.is_empty() {
        for problem in &problems {
            let message = english.get(&problem.reason).unwrap_or(problem.reason.as_str());
            match (problem.row, problem.column.as_str()) {
                (0, _) => eprintln!("{}: {message}", file.display()),
                (row, "") => eprintln!("row {row}: {message}"),
                (row, column) => eprintln!("row {row}, column {column}: {message}"),
            }
        }
        bail!("{} problems: nothing was written; fix the sheet and run the import again", problems.len());
    }
    let bar = indicatif::ProgressBar::new(rows.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {bar:40} {pos}/{len} rows ({per_sec}, {eta} left)")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let txn = db::begin_write(db).await?;
    let written = super::write(&txn, &producer, &rows, Utc::now(), |done| bar.set_position(done as u64)).await;
    let (created, updated) = written.map_err(|error| anyhow::anyhow!("import refused: {error}"))?;
    bar.set_message("committing");
    db::commit(txn).await?;
    bar.finish_and_clear();
    Ok((created, updated))
}
