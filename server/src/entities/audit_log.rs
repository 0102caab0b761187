//! `audit_log`: every administrator action. Append-only: the database
//! refuses updates and deletes (see migration 17), and `repo::audit` only
//! inserts.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub actor_user_id: i64,
    pub actor_email: String,
    pub actor_office: String,
    pub action: String,
    pub object_kind: String,
    pub object_id: i64,
    pub object_label: String,
    pub region: Option<String>,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
