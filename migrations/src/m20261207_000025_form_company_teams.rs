//! Company teams: several people work for one producer or one organiser,
//! each with their own account and a role.
//!
//! - `team_members`: one row per person, `(company_kind, company_id)` the
//!   company (`producer` → `producers.id`; `organiser` → the organisation's
//!   founding account, `showcases.organiser_user_id`), `user_id` unique (a
//!   person works for one company). Every producer's account becomes its
//!   owner and every organiser the owner of its organisation (backfilled
//!   here; `down` drops the teams and leaves the accounts as they were).
//! - `team_invitations`: an address and a role, a random token kept as its
//!   SHA-256, used once, until it expires or an owner withdraws it.
//! - `team_log`: membership changes and listing status changes, by member;
//!   append-only like `audit_log` (triggers on both backends).
//! - `routing_rules`: which member a producer's new conversations go to
//!   (by sector, listing or the buyer's world market), and
//!   `inquiries.assignee_user_id`, the member a conversation is assigned to.
//! - `saved_replies`: texts a producer's team starts answers from.

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;

use sea_orm_migration::schema::*;

use crate::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const APPEND_ONLY_SQLITE: [&str; 2] = [
    "CREATE TRIGGER team_log_no_update BEFORE UPDATE ON team_log \
     BEGIN SELECT RAISE(ABORT, 'team_log is append-only'); END",
    "CREATE TRIGGER team_log_no_delete BEFORE DELETE ON team_log \
     BEGIN SELECT RAISE(ABORT, 'team_log is append-only'); END",
];

const APPEND_ONLY_POSTGRES: [&str; 2] = [
    "CREATE FUNCTION team_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ \
     BEGIN RAISE EXCEPTION 'team_log is append-only'; END $$",
    "CREATE TRIGGER team_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON team_log \
     FOR EACH STATEMENT EXECUTE FUNCTION team_log_refuse_change()",
];

/// Today's accounts become their company's owners.
const BACKFILL: [&str; 2] = [
    "INSERT INTO team_members (company_kind, company_id, user_id, role, created_at) \
     SELECT 'producer', id, owner_user_id, 'owner', created_at FROM producers",
    "INSERT INTO team_members (company_kind, company_id, user_id, role, created_at) \
     SELECT 'organiser', id, id, 'owner', created_at FROM users \
     WHERE role = 'organiser' AND id NOT IN (SELECT user_id FROM team_members)",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("team_members")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(string_len("company_kind", 16))
                    .col(big_integer("company_id"))
                    .col(big_integer("user_id"))
                    .col(string_len("role", 16))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut foreign_key("team_members", "user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("team_members", &["user_id"], true)).await?;
        manager.create_index(index("team_members", &["company_kind", "company_id"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("team_invitations")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(string_len("company_kind", 16))
                    .col(big_integer("company_id"))
                    .col(string_len("email", 254))
                    .col(string_len("role", 16))
                    .col(string_len("token_hash", 64))
                    .col(string_len("locale", 8))
                    .col(big_integer("invited_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .col(big_integer_null("used_by"))
                    .col(timestamp_with_time_zone_null("withdrawn_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("team_invitations", &["token_hash"], true)).await?;
        manager.create_index(index("team_invitations", &["company_kind", "company_id"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("team_log")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(string_len("company_kind", 16))
                    .col(big_integer("company_id"))
                    .col(big_integer("actor_user_id"))
                    .col(string_len("actor_name", 254))
                    .col(string_len("action", 24))
                    // Who or what it was done to: an address, a listing's title.
                    .col(string_len("subject", 300))
                    .col(big_integer_null("subject_id"))
                    // A role, a listing status.
                    .col(string_len_null("detail", 40))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("team_log", &["company_kind", "company_id", "created_at"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("routing_rules")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("producer_id"))
                    .col(string_len("kind", 16))
                    .col(string_len("value", 40))
                    .col(big_integer("member_user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut foreign_key(
                        "routing_rules",
                        "producer_id",
                        "producers",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "routing_rules",
                        "member_user_id",
                        "users",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("routing_rules", &["producer_id", "kind", "value"], true)).await?;
        manager
            .create_table(
                Table::create()
                    .table("saved_replies")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("producer_id"))
                    .col(string_len("title", 80))
                    .col(text("body"))
                    .col(big_integer_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut foreign_key(
                        "saved_replies",
                        "producer_id",
                        "producers",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key("saved_replies", "created_by", "users", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("saved_replies", &["producer_id"], false)).await?;
        manager
            .alter_table(Table::alter().table("inquiries").add_column(big_integer_null("assignee_user_id")).to_owned())
            .await?;
        manager.create_index(index("inquiries", &["producer_id", "assignee_user_id"], false)).await?;
        let connection = manager.get_connection();
        let statements: &[&str] = match manager.get_database_backend() {
            DbBackend::Postgres => &APPEND_ONLY_POSTGRES,
            _ => &APPEND_ONLY_SQLITE,
        };
        for statement in statements.iter().chain(BACKFILL.iter()) {
            connection.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("ix_inquiries_producer_id_assignee_user_id").table("inquiries").to_owned())
            .await?;
        manager.alter_table(Table::alter().table("inquiries").drop_column("assignee_user_id").to_owned()).await?;
        manager.drop_table(Table::drop().table("saved_replies").to_owned()).await?;
        manager.drop_table(Table::drop().table("routing_rules").to_owned()).await?;
        // Dropping the table drops its triggers; PostgreSQL's function goes after.
        manager.drop_table(Table::drop().table("team_log").to_owned()).await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            manager.get_connection().execute_unprepared("DROP FUNCTION team_log_refuse_change()").await?;
        }
        manager.drop_table(Table::drop().table("team_invitations").to_owned()).await?;
        manager.drop_table(Table::drop().table("team_members").to_owned()).await
    }
}
