//! The Trade.ma schema as sea-orm migrations, one file per step, each with a
//! `down`. They run on SQLite (the embedded default) and PostgreSQL, at server
//! start and with `server migrate`. Schema, and the data a new shape needs
//! from the old one (every producer's account becomes its team's owner).

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_users_and_sessions;
mod m20261123_000002_create_producers;
mod m20261123_000003_create_listings;
mod m20261123_000004_create_inquiries;
mod m20261123_000005_create_showcases;
mod m20261123_000006_create_search_outbox;
mod m20261123_000007_create_password_resets;
mod m20261123_000008_make_one_producer_per_account;
mod m20261130_000009_separate_declared_ice;
mod m20261130_000010_create_mail_outbox;
mod m20261130_000011_inquiries_for_buyers;
mod m20261130_000012_index_counts_by_sector_and_region;
mod m20261130_000013_create_shortlists;
mod m20261130_000014_record_listing_views;
mod m20261130_000015_create_saved_searches;
mod m20261130_000016_curate_showcases;
mod m20261201_000017_staff_regional_offices;
mod m20261201_000018_hold_import_batches;
mod m20261201_000019_onboard_cooperatives;
mod m20261206_000020_queue_reset_requests;
mod m20261207_000021_claim_outbox_mail;
mod m20261207_000022_lease_fleet_jobs;
mod m20261207_000023_feed_search_changes;
mod m20261207_000024_count_attempts_in_database;
mod m20261207_000025_form_company_teams;
mod m20261207_000026_broadcast_buying_requests;
mod m20261208_000027_follow_deals;

/// Applies the migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_users_and_sessions::Migration),
            Box::new(m20261123_000002_create_producers::Migration),
            Box::new(m20261123_000003_create_listings::Migration),
            Box::new(m20261123_000004_create_inquiries::Migration),
            Box::new(m20261123_000005_create_showcases::Migration),
            Box::new(m20261123_000006_create_search_outbox::Migration),
            Box::new(m20261123_000007_create_password_resets::Migration),
            Box::new(m20261123_000008_make_one_producer_per_account::Migration),
            Box::new(m20261130_000009_separate_declared_ice::Migration),
            Box::new(m20261130_000010_create_mail_outbox::Migration),
            Box::new(m20261130_000011_inquiries_for_buyers::Migration),
            Box::new(m20261130_000012_index_counts_by_sector_and_region::Migration),
            Box::new(m20261130_000013_create_shortlists::Migration),
            Box::new(m20261130_000014_record_listing_views::Migration),
            Box::new(m20261130_000015_create_saved_searches::Migration),
            Box::new(m20261130_000016_curate_showcases::Migration),
            Box::new(m20261201_000017_staff_regional_offices::Migration),
            Box::new(m20261201_000018_hold_import_batches::Migration),
            Box::new(m20261201_000019_onboard_cooperatives::Migration),
            Box::new(m20261206_000020_queue_reset_requests::Migration),
            Box::new(m20261207_000021_claim_outbox_mail::Migration),
            Box::new(m20261207_000022_lease_fleet_jobs::Migration),
            Box::new(m20261207_000023_feed_search_changes::Migration),
            Box::new(m20261207_000024_count_attempts_in_database::Migration),
            Box::new(m20261207_000025_form_company_teams::Migration),
            Box::new(m20261207_000026_broadcast_buying_requests::Migration),
            Box::new(m20261208_000027_follow_deals::Migration),
        ]
    }
}

/// A foreign key from `table.column` to `target.id`.
pub(crate) fn foreign_key(
    table: &'static str,
    column: &'static str,
    target: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .on_delete(on_delete)
        .to_owned()
}

/// An index on `columns` of `table`, named after them.
pub(crate) fn index(table: &'static str, columns: &[&'static str], unique: bool) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement.name(format!("ix_{table}_{}", columns.join("_"))).table(table).if_not_exists();
    for column in columns {
        statement.col(*column);
    }
    if unique {
        statement.unique();
    }
    statement.to_owned()
}
