//! `producer_translations`: A producer's description in one language.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "producer_translations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub producer_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub locale: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
