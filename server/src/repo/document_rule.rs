//! The document rules as stored. Who may change them (the national team,
//! audited) is `services::documents`'; which apply is
//! `app::domain::documents_for`'s.

use app::domain::{DocumentRule, DocumentRuleDraft, ExportDocument, HsRange, RuleDestination};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::buying_request::{calendar, naive};
use super::convert;
use crate::entities::document_rules;
use crate::error::StoreError;

/// Rules kept, at most (every page reads them whole).
pub const MAX_RULES: u64 = 500;

fn rule_of(row: document_rules::Model) -> Result<DocumentRule, StoreError> {
    let hs = match (row.hs_from, row.hs_to) {
        (Some(from), Some(to)) => Some(HsRange { from, to }),
        _ => None,
    };
    Ok(DocumentRule {
        id: row.id,
        document: convert::slug(&row.document, ExportDocument::from_slug, "export document")?,
        hs,
        destination: RuleDestination::parse(&row.destination)
            .ok_or_else(|| StoreError::Corrupt(format!("document rule {}: destination", row.id)))?,
        source: row.source,
        checked_on: calendar(row.checked_on)?,
        note: row.note,
        example: row.example,
    })
}

/// Every rule, by document then id.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<DocumentRule>, StoreError> {
    document_rules::Entity::find()
        .order_by_asc(document_rules::Column::Document)
        .order_by_asc(document_rules::Column::Id)
        .limit(MAX_RULES)
        .all(db)
        .await?
        .into_iter()
        .map(rule_of)
        .collect()
}

pub async fn count(db: &impl ConnectionTrait) -> Result<u64, StoreError> {
    use sea_orm::PaginatorTrait;
    Ok(document_rules::Entity::find().count(db).await?)
}

pub async fn insert(
    db: &impl ConnectionTrait,
    draft: &DocumentRuleDraft,
    example: bool,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let row = document_rules::ActiveModel {
        document: Set(draft.document.slug().to_owned()),
        hs_from: Set(draft.hs.as_ref().map(|hs| hs.from.clone())),
        hs_to: Set(draft.hs.as_ref().map(|hs| hs.to.clone())),
        destination: Set(draft.destination.code()),
        source: Set(draft.source.clone()),
        checked_on: Set(naive(draft.checked_on)?),
        note: Set(draft.note.clone()),
        example: Set(example),
        updated_by: Set(by),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Replaces a rule's content (a changed rule is no longer an example);
/// whether it existed.
pub async fn update(
    db: &impl ConnectionTrait,
    id: i64,
    draft: &DocumentRuleDraft,
    by: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    use sea_orm::sea_query::Expr;
    let updated = document_rules::Entity::update_many()
        .col_expr(document_rules::Column::Document, Expr::value(draft.document.slug()))
        .col_expr(document_rules::Column::HsFrom, Expr::value(draft.hs.as_ref().map(|hs| hs.from.clone())))
        .col_expr(document_rules::Column::HsTo, Expr::value(draft.hs.as_ref().map(|hs| hs.to.clone())))
        .col_expr(document_rules::Column::Destination, Expr::value(draft.destination.code()))
        .col_expr(document_rules::Column::Source, Expr::value(draft.source.clone()))
        .col_expr(document_rules::Column::CheckedOn, Expr::value(naive(draft.checked_on)?))
        .col_expr(document_rules::Column::Note, Expr::value(draft.note.clone()))
        .col_expr(document_rules::Column::Example, Expr::value(false))
        .col_expr(document_rules::Column::UpdatedBy, Expr::value(by))
        .col_expr(document_rules::Column::UpdatedAt, Expr::value(now))
        .filter(document_rules::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// Removes a rule; its label for the audit log, if it existed.
pub async fn remove(db: &impl ConnectionTrait, id: i64) -> Result<Option<DocumentRule>, StoreError> {
    let Some(row) = document_rules::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
    let rule = rule_of(row)?;
    document_rules::Entity::delete_by_id(id).exec(db).await?;
    Ok(Some(rule))
}
