//! An ICE typed by a producer no longer blocks anyone. `declared_ice` holds
//! what the producer says (any number of unverified producers may say the same
//! thing); the unique `ice` column now holds only an ICE that verification
//! confirmed, so a squatter who types another company's ICE first cannot lock
//! the real company out: the clash is resolved when an office verifies one of
//! them. Existing verified producers keep their ICE in both columns.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("producers").add_column(string_len_null("declared_ice", 15)).to_owned())
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared("UPDATE producers SET declared_ice = ice").await?;
        db.execute_unprepared("UPDATE producers SET ice = NULL WHERE verified = FALSE").await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The declared numbers of unverified producers are dropped: they may
        // clash, which the old unique column cannot hold.
        manager.alter_table(Table::alter().table("producers").drop_column("declared_ice").to_owned()).await
    }
}
