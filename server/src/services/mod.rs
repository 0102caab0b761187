//! Implementations of the `app` crate's ports, and the `Services` bundle the
//! router injects into every request.

mod catalog;

use std::sync::Arc;

use app::ports::Services;
use sea_orm::DatabaseConnection;

pub use catalog::CatalogService;

/// Builds every service over one database.
pub fn build(db: DatabaseConnection) -> Services {
    Services { catalog: Arc::new(CatalogService::new(db)) }
}
