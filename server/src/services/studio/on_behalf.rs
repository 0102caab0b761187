//! What a trade office changes while it works for an unclaimed cooperative
//! (`ProducerAccess::office`) is an administrator's action like any other:
//! each change writes an audit row (`change_for`: who, which producer,
//! what) in the change's own transaction, so nothing is changed for a
//! producer without its record. The producer's own changes
//! write nothing here.

use app::domain::{AuditAction, ProducerAccess};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::entities::producers;
use crate::error::StoreError;
use crate::repo::audit::{self, AuditTarget, AuditWhy};

/// Records `what` was done to `producer`'s workspace, when an office did it.
pub async fn record(
    txn: &impl ConnectionTrait,
    access: &ProducerAccess,
    producer: &producers::Model,
    what: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Some(admin) = access.office() else { return Ok(()) };
    let why = AuditWhy { reason: None, note: Some(what) };
    audit::record(txn, admin, AuditAction::ChangeFor, AuditTarget::producer(producer)?, why, now).await
}
