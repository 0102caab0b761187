//! `TRADEMA_MIGRATE = check`: at start, a server compares the migrations it
//! was built with against those the database has applied, and refuses to
//! serve a schema it is ahead of. For rolling deploys: the operator runs
//! `server migrate` once, then restarts the servers one by one. It only
//! reads (no `CREATE TABLE`, no lock), so it is safe while a migration runs
//! elsewhere; applying migrations stays `db::migrate`'s.

use migrations::{Migrator, MigratorTrait, SchemaManager};
use sea_orm::sea_query::{Alias, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};

/// Why a server that only checks the schema does not start.
#[derive(Debug, thiserror::Error)]
pub enum SchemaCheckError {
    #[error("cannot read which migrations the database has applied: {0}")]
    Unreadable(#[from] DbErr),
    #[error(
        "the database has no Trade.ma schema yet: run `server migrate` once (TRADEMA_MIGRATE=check only checks \
         the schema), then start the servers"
    )]
    Empty,
    #[error(
        "the database schema is behind this server: {} migration(s) not applied ({}); run `server migrate` \
         with this release once (TRADEMA_MIGRATE=check only checks the schema), then start the servers",
        .0.len(),
        .0.join(", ")
    )]
    Behind(Vec<String>),
}

/// Checks that every migration of this binary is applied. Migrations the
/// database has and this binary does not know (a newer release migrated
/// it) are logged and allowed: during a rolling deploy the previous release
/// serves on the next one's schema, which its migrations must keep working.
pub async fn check(db: &DatabaseConnection) -> Result<(), SchemaCheckError> {
    let known: Vec<String> = Migrator::get_migration_files().iter().map(|file| file.name().to_owned()).collect();
    let applied = applied_migrations(db).await?;
    let unknown = judge(&known, &applied)?;
    if unknown.is_empty() {
        tracing::info!(migrations = known.len(), "database schema checked: up to date");
    } else {
        tracing::warn!(
            unknown = %unknown.join(", "),
            "the database has migrations this server does not know (a newer release applied them): serving on \
             it, as a rolling deploy does; start the newer release here soon"
        );
    }
    Ok(())
}

/// The migrations of this binary (`known`, in order) missing from those the
/// database `applied` make an error; otherwise the applied ones this binary
/// does not know.
fn judge(known: &[String], applied: &[String]) -> Result<Vec<String>, SchemaCheckError> {
    if applied.is_empty() {
        return Err(SchemaCheckError::Empty);
    }
    let missing: Vec<String> = known.iter().filter(|name| !applied.contains(name)).cloned().collect();
    if !missing.is_empty() {
        return Err(SchemaCheckError::Behind(missing));
    }
    Ok(applied.iter().filter(|name| !known.contains(name)).cloned().collect())
}

/// The versions recorded in the migrations table; none when the table does
/// not exist (it is not created here).
async fn applied_migrations(db: &DatabaseConnection) -> Result<Vec<String>, DbErr> {
    let table = Migrator::migration_table_name();
    if !SchemaManager::new(db).has_table(table.to_string()).await? {
        return Ok(Vec::new());
    }
    let query = Query::select().column(Alias::new("version")).from(table).take();
    db.query_all(&query).await?.iter().map(|row| row.try_get::<String>("", "version")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|name| (*name).to_owned()).collect()
    }

    #[test]
    fn a_database_behind_is_refused_with_the_missing_migrations_named() {
        let known = names(&["m1_create_users", "m2_create_listings", "m3_lease_jobs"]);
        let error = judge(&known, &names(&["m1_create_users"])).expect_err("two are missing");
        let SchemaCheckError::Behind(missing) = &error else { panic!("not `Behind`: {error}") };
        assert_eq!(missing, &names(&["m2_create_listings", "m3_lease_jobs"]));
        let message = error.to_string();
        assert!(message.contains("2 migration(s) not applied (m2_create_listings, m3_lease_jobs)"), "{message}");
        assert!(message.contains("run `server migrate`"), "{message}");
    }

    #[test]
    fn an_empty_database_is_refused() {
        let error = judge(&names(&["m1_create_users"]), &[]).expect_err("nothing applied");
        assert!(matches!(error, SchemaCheckError::Empty), "{error}");
        assert!(error.to_string().contains("run `server migrate` once"), "{error}");
    }

    #[test]
    fn an_up_to_date_or_newer_schema_is_served() {
        let known = names(&["m1_create_users", "m2_create_listings"]);
        assert_eq!(judge(&known, &known).expect("up to date"), Vec::<String>::new());
        let newer = names(&["m1_create_users", "m2_create_listings", "m3_from_the_next_release"]);
        assert_eq!(judge(&known, &newer).expect("newer is allowed"), names(&["m3_from_the_next_release"]));
    }
}
