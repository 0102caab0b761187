//! Regional trade offices: an administrator's office, producer
//! verification requests, moderation (hidden listings and producers, with a
//! reason), and the append-only audit log.
//!
//! - `users.office`: `national` or a region's slug, for administrators only.
//! - `producers.registration_number` and `cooperative_approval`: the legal
//!   documents the last request named; `verified` and `ice` stay the
//!   confirmed facts that verification sets.
//! - `verification_requests`: one row per request, decided once.
//! - `hidden_reason` (a `HideReason` slug), `hidden_note`, `hidden_at` and
//!   `review_requested_at` on `producers` and `listings`: a row is hidden
//!   while `hidden_at` is set.
//! - `audit_log`: every administrator action. Triggers refuse any update or
//!   delete on both backends, so no code path (nor a mistaken migration's
//!   cascade) can rewrite history; it has no foreign keys for the same
//!   reason, and keeps the actor's address and the object's name as they
//!   were.

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn hidden_columns() -> [ColumnDef; 4] {
    [
        string_len_null("hidden_reason", 24),
        text_null("hidden_note"),
        timestamp_with_time_zone_null("hidden_at"),
        timestamp_with_time_zone_null("review_requested_at"),
    ]
}

const APPEND_ONLY_SQLITE: [&str; 2] = [
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
];

const APPEND_ONLY_POSTGRES: [&str; 2] = [
    "CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ \
     BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log \
     FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("users").add_column(string_len_null("office", 40)).to_owned()).await?;
        for column in [string_len_null("registration_number", 40), string_len_null("cooperative_approval", 40)] {
            manager.alter_table(Table::alter().table("producers").add_column(column).to_owned()).await?;
        }
        for table in ["producers", "listings"] {
            for column in hidden_columns() {
                manager.alter_table(Table::alter().table(table).add_column(column).to_owned()).await?;
            }
        }
        manager
            .create_table(
                Table::create()
                    .table("verification_requests")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("producer_id"))
                    .col(string_len("ice", 15))
                    .col(string_len("registration_number", 40))
                    .col(string_len_null("cooperative_approval", 40))
                    // The legal name the office checks the documents against.
                    .col(string_len("legal_name", 200))
                    .col(string_len("state", 16))
                    .col(string_len_null("reason", 24))
                    .col(text_null("note"))
                    // Set when a verified producer changed its legal name or ICE.
                    .col(boolean("back_for_review").default(false))
                    .col(timestamp_with_time_zone("requested_at"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .col(big_integer_null("decided_by"))
                    .foreign_key(&mut foreign_key(
                        "verification_requests",
                        "producer_id",
                        "producers",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "verification_requests",
                        "decided_by",
                        "users",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("verification_requests", &["state", "requested_at"], false)).await?;
        manager.create_index(index("verification_requests", &["producer_id"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("audit_log")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("actor_user_id"))
                    .col(string_len("actor_email", 254))
                    .col(string_len("actor_office", 40))
                    .col(string_len("action", 16))
                    .col(string_len("object_kind", 16))
                    .col(big_integer("object_id"))
                    .col(string_len("object_label", 300))
                    // The region of the producer acted on, for regional reading.
                    .col(string_len_null("region", 40))
                    .col(string_len_null("reason", 24))
                    .col(text_null("note"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("audit_log", &["created_at"], false)).await?;
        manager.create_index(index("audit_log", &["action", "created_at"], false)).await?;
        let statements: &[&str] = match manager.get_database_backend() {
            DbBackend::Postgres => &APPEND_ONLY_POSTGRES,
            _ => &APPEND_ONLY_SQLITE,
        };
        for statement in statements {
            manager.get_connection().execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Dropping the table drops its triggers; PostgreSQL's function goes after.
        manager.drop_table(Table::drop().table("audit_log").to_owned()).await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            manager.get_connection().execute_unprepared("DROP FUNCTION audit_log_refuse_change()").await?;
        }
        manager.drop_table(Table::drop().table("verification_requests").to_owned()).await?;
        for table in ["listings", "producers"] {
            for column in ["review_requested_at", "hidden_at", "hidden_note", "hidden_reason"] {
                manager.alter_table(Table::alter().table(table).drop_column(column).to_owned()).await?;
            }
        }
        for column in ["cooperative_approval", "registration_number"] {
            manager.alter_table(Table::alter().table("producers").drop_column(column).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table("users").drop_column("office").to_owned()).await?;
        Ok(())
    }
}
