//! `saved_search_hits`: a listing already mailed for a saved search.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "saved_search_hits")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub saved_search_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub listing_id: i64,
    pub mailed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
