//! `showcase_translations`: a showcase's title and description in one language.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "showcase_translations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub showcase_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub locale: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
