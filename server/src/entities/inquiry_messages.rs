//! `inquiry_messages`: One message of an inquiry's conversation.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiry_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub inquiry_id: i64,
    pub sender_user_id: i64,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
