//! Reading an outcome from the database, as a test checks it: how many rows
//! a table holds (raw SQL, so a table without an entity counts too), every
//! value ever inserted into a table (kept by a trigger, even after a
//! background job deleted the row), the mails queued for an address, and
//! waiting until the reset links job has handled every reset request.

use std::time::Duration;

use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder, Statement};
use server::entities::mail_outbox;

use crate::{TestApp, eventually};

/// A table or column name a test passes: written into SQL, so lower-case
/// letters, digits and `_` only.
fn identifier(name: &str) -> &str {
    assert!(
        !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
        "`{name}` is not a plain table or column name"
    );
    name
}

/// The side table `record_inserts` copies `table`'s inserted values into.
fn tap_of(table: &str) -> String {
    format!("test_inserted_{}", identifier(table))
}

impl TestApp {
    /// Runs one statement of raw SQL on the application's database.
    async fn execute_sql(&self, sql: &str) {
        self.db.execute_unprepared(sql).await.unwrap_or_else(|error| panic!("`{sql}` failed: {error}"));
    }

    /// How many rows `table` holds now (`SELECT COUNT(*)`).
    pub async fn count_rows(&self, table: &str) -> u64 {
        let sql = format!("SELECT COUNT(*) FROM {}", identifier(table));
        let backend = self.db.get_database_backend();
        let row = self
            .db
            .query_one_raw(Statement::from_string(backend, sql))
            .await
            .unwrap_or_else(|error| panic!("counting the rows of {table}: {error}"))
            .unwrap_or_else(|| panic!("COUNT(*) of {table} gave no row"));
        let count: i64 = row.try_get_by_index(0).unwrap_or_else(|error| panic!("the count of {table}: {error}"));
        u64::try_from(count).expect("a count is not negative")
    }

    /// From now on, copies `column` of every row inserted into `table` into
    /// a side table (an `AFTER INSERT` trigger, in the inserting
    /// transaction), so that a test can tell what was written even when a
    /// background job has deleted the row since. Read back with
    /// `recorded_inserts`; once per table and test.
    pub async fn record_inserts(&self, table: &str, column: &str) {
        let (table, column) = (identifier(table), identifier(column));
        let tap = tap_of(table);
        let statements = match self.db.get_database_backend() {
            DatabaseBackend::Sqlite => vec![
                format!("CREATE TABLE {tap} (seq INTEGER PRIMARY KEY AUTOINCREMENT, value TEXT)"),
                format!(
                    "CREATE TRIGGER {tap}_trigger AFTER INSERT ON {table} \
                     BEGIN INSERT INTO {tap} (value) VALUES (CAST(NEW.{column} AS TEXT)); END"
                ),
            ],
            DatabaseBackend::Postgres => vec![
                format!("CREATE TABLE {tap} (seq BIGSERIAL PRIMARY KEY, value TEXT)"),
                format!(
                    "CREATE FUNCTION {tap}_copy() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN INSERT INTO {tap} (value) VALUES (CAST(NEW.{column} AS TEXT)); RETURN NEW; END $$"
                ),
                format!(
                    "CREATE TRIGGER {tap}_trigger AFTER INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {tap}_copy()"
                ),
            ],
            other => panic!("record_inserts knows SQLite and PostgreSQL, not {other:?}"),
        };
        for sql in statements {
            self.execute_sql(&sql).await;
        }
    }

    /// The values `record_inserts(table, column)` has recorded since, in
    /// the order the rows were inserted (`NULL` as the text `NULL`).
    pub async fn recorded_inserts(&self, table: &str) -> Vec<String> {
        let sql = format!("SELECT value FROM {} ORDER BY seq", tap_of(table));
        let backend = self.db.get_database_backend();
        let rows = self
            .db
            .query_all_raw(Statement::from_string(backend, sql))
            .await
            .unwrap_or_else(|error| panic!("reading the inserts recorded for {table} (recorded first?): {error}"));
        rows.iter()
            .map(|row| {
                let value: Option<String> = row.try_get_by_index(0).expect("a recorded value");
                value.unwrap_or_else(|| "NULL".to_owned())
            })
            .collect()
    }

    /// Every mail queued for `address` (the outbox, sent or not), oldest first.
    pub async fn outbox_to(&self, address: &str) -> Vec<mail_outbox::Model> {
        mail_outbox::Entity::find()
            .filter(mail_outbox::Column::ToAddress.eq(address))
            .order_by_asc(mail_outbox::Column::Id)
            .all(&self.db)
            .await
            .expect("the mails of the outbox")
    }

    /// Waits (at most 20 seconds) until the reset links job has handled
    /// every waiting password reset request: `password_reset_requests` is
    /// empty, and each request's token and mail, if any, are committed
    /// (the job deletes the row in the same transaction).
    pub async fn settle_reset_requests(&self) {
        eventually(Duration::from_secs(20), "the reset links job empties password_reset_requests", || async {
            (self.count_rows("password_reset_requests").await == 0).then_some(())
        })
        .await;
    }
}
