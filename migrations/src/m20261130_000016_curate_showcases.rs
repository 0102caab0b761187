//! Showcases curated by fair organisers. Migration 5's
//! `showcases` and `showcase_items` were never written (organisers had
//! nothing to do); this step adds what curation needs:
//! - on `showcases`: the venue, the themes (a JSON array of tags) and the
//!   cover photo (its storage key and size, through the photo pipeline); `title` keeps the title in the first language typed
//!   (the slug and fallbacks read it), `description` is no longer read:
//!   the texts per language are in `showcase_translations`;
//! - `showcase_exhibitors`: the producers shown, in order, each with the
//!   curator's note and a stand number;
//! - on `showcase_items` (featured listings): they are ordered within
//!   their exhibitor, by `position`, as before;
//! - `showcase_visits`: visits to an exhibitor's pages coming from the
//!   showcase (its page or a QR code), by day and buyers' world market. A
//!   counter, no personal data.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            string_len_null("venue", 200),
            text_null("themes"),
            string_len_null("cover_key", 200),
            integer_null("cover_width"),
            integer_null("cover_height"),
        ] {
            manager.alter_table(Table::alter().table("showcases").add_column(column).to_owned()).await?;
        }
        manager.create_index(index("showcases", &["organiser_user_id"], false)).await?;
        manager.create_index(index("showcases", &["status", "starts_on"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("showcase_translations")
                    .if_not_exists()
                    .col(big_integer("showcase_id"))
                    .col(string_len("locale", 5))
                    .col(string_len("title", 200))
                    .col(text("description"))
                    .primary_key(Index::create().col("showcase_id").col("locale"))
                    .foreign_key(&mut foreign_key(
                        "showcase_translations",
                        "showcase_id",
                        "showcases",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("showcase_exhibitors")
                    .if_not_exists()
                    .col(big_integer("showcase_id"))
                    .col(big_integer("producer_id"))
                    .col(integer("position"))
                    .col(text_null("note"))
                    .col(string_len_null("stand", 20))
                    .primary_key(Index::create().col("showcase_id").col("producer_id"))
                    .foreign_key(&mut foreign_key(
                        "showcase_exhibitors",
                        "showcase_id",
                        "showcases",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "showcase_exhibitors",
                        "producer_id",
                        "producers",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("showcase_exhibitors", &["producer_id"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("showcase_visits")
                    .if_not_exists()
                    .col(big_integer("showcase_id"))
                    .col(big_integer("producer_id"))
                    .col(date("day"))
                    // A `WorldRegion` slug, or `unknown`.
                    .col(string_len("market", 16))
                    .col(big_integer("visits"))
                    .primary_key(Index::create().col("showcase_id").col("producer_id").col("day").col("market"))
                    .foreign_key(&mut foreign_key(
                        "showcase_visits",
                        "showcase_id",
                        "showcases",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "showcase_visits",
                        "producer_id",
                        "producers",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("inquiries", &["showcase_id"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_inquiries_showcase_id").table("inquiries").to_owned()).await?;
        for table in ["showcase_visits", "showcase_exhibitors", "showcase_translations"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager.drop_index(Index::drop().name("ix_showcases_status_starts_on").table("showcases").to_owned()).await?;
        manager.drop_index(Index::drop().name("ix_showcases_organiser_user_id").table("showcases").to_owned()).await?;
        for column in ["cover_height", "cover_width", "cover_key", "themes", "venue"] {
            manager.alter_table(Table::alter().table("showcases").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
