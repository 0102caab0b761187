//! Buyers' inquiries to producers and the messages of each conversation.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("inquiries")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("producer_id"))
                    .col(big_integer_null("listing_id"))
                    .col(big_integer("buyer_user_id"))
                    .col(string_len("subject", 200))
                    .col(big_integer_null("quantity_amount"))
                    .col(string_len_null("quantity_unit", 20))
                    .col(string_len("buyer_country", 2))
                    // open | answered | closed
                    .col(string_len("status", 16))
                    .col(timestamp_with_time_zone_null("first_reply_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut foreign_key("inquiries", "producer_id", "producers", ForeignKeyAction::Cascade))
                    .foreign_key(&mut foreign_key("inquiries", "listing_id", "listings", ForeignKeyAction::SetNull))
                    .foreign_key(&mut foreign_key("inquiries", "buyer_user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("inquiries", &["producer_id", "created_at"], false)).await?;
        manager.create_index(index("inquiries", &["buyer_user_id", "created_at"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("inquiry_messages")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("inquiry_id"))
                    .col(big_integer("sender_user_id"))
                    .col(text("body"))
                    .col(timestamp_with_time_zone_null("read_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut foreign_key(
                        "inquiry_messages",
                        "inquiry_id",
                        "inquiries",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "inquiry_messages",
                        "sender_user_id",
                        "users",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("inquiry_messages", &["inquiry_id", "created_at"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("inquiry_messages").to_owned()).await?;
        manager.drop_table(Table::drop().table("inquiries").to_owned()).await
    }
}
