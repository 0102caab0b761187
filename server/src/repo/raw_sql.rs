//! Raw statements on both databases: written once with `?` placeholders,
//! numbered `$1`, `$2`… for PostgreSQL. For the statements sea-orm's query
//! builder cannot say (an upsert that returns its row, a row-value
//! comparison, a PostgreSQL function).

use sea_orm::{DbBackend, Statement, Value};

/// `sql` with `?` placeholders, numbered on PostgreSQL; `values` go in the
/// order the placeholders appear.
pub(crate) fn statement(backend: DbBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = match backend {
        DbBackend::Postgres => {
            let mut parts = sql.split('?');
            let mut numbered = parts.next().unwrap_or_default().to_owned();
            for (n, part) in parts.enumerate() {
                numbered.push('$');
                numbered.push_str(&(n + 1).to_string());
                numbered.push_str(part);
            }
            numbered
        }
        _ => sql.to_owned(),
    };
    Statement::from_sql_and_values(backend, sql, values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_on_postgres_only() {
        let sql = "UPDATE t SET a = ? WHERE b = ? AND c > ?";
        let numbered = statement(DbBackend::Postgres, sql, Vec::new());
        assert_eq!(numbered.sql, "UPDATE t SET a = $1 WHERE b = $2 AND c > $3");
        assert_eq!(statement(DbBackend::Sqlite, sql, Vec::new()).sql, sql);
    }
}
