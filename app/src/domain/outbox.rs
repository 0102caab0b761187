//! How the outboxes spell their states: what the search indexer must do with
//! a listing, and where a queued mail stands. Stored as these slugs, and
//! spelled nowhere else.

use super::slug_enum::slug_enum;

slug_enum! {
    /// What the search indexer must do with a listing.
    OutboxOp, "outbox_op" {
        /// (Re)index the listing as it now is; it drops out if no longer visible.
        Upsert => "upsert",
        /// Remove the listing from the index.
        Delete => "delete",
    }
}

slug_enum! {
    /// Where a mail in the outbox stands.
    MailStatus, "mail_status" {
        /// Waiting for its next attempt.
        Pending => "pending",
        /// Handed to the transport.
        Sent => "sent",
        /// Given up on after too many failures (the dead letters).
        Dead => "dead",
    }
}
