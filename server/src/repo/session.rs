//! Session rows beyond what the session store itself reads and writes:
//! ending every session of an account (suspension, password change or reset).

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::sessions;
use crate::error::StoreError;

/// Ends every session of an account; how many there were.
pub async fn end_all_of(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, StoreError> {
    let result = sessions::Entity::delete_many().filter(sessions::Column::UserId.eq(user_id)).exec(db).await?;
    Ok(result.rows_affected)
}
