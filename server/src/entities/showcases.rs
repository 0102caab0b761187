//! `showcases`: A fair organiser's curated showcase.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "showcases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organiser_user_id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub event_name: Option<String>,
    pub event_city: Option<String>,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub status: String,
    pub venue: Option<String>,
    /// A JSON array of theme tags.
    #[sea_orm(column_type = "Text")]
    pub themes: Option<String>,
    pub cover_key: Option<String>,
    pub cover_width: Option<i32>,
    pub cover_height: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
