//! `team_log`: who changed a team or a listing's status, append-only.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "team_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub company_kind: String,
    pub company_id: i64,
    pub actor_user_id: i64,
    pub actor_name: String,
    pub action: String,
    pub subject: String,
    pub subject_id: Option<i64>,
    pub detail: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
