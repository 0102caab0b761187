//! `search_changes`: the change feed of listings, read by every search index
//! from its own position (`repo::search_changes`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "search_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub seq: i64,
    /// The writing transaction on PostgreSQL (set by the database), 0 on SQLite.
    pub txid: i64,
    pub listing_id: i64,
    pub op: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
