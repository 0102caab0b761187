//! `document_rules`: The documents a destination usually asks for, kept by the national trade team.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "document_rules")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub document: String,
    pub hs_from: Option<String>,
    pub hs_to: Option<String>,
    /// `any`, `country:BR` or `agreement:afcfta`.
    pub destination: String,
    pub source: String,
    pub checked_on: Date,
    pub note: String,
    /// A demo rule, shown as an example.
    pub example: bool,
    pub updated_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
