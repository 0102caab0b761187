//! The audit log: every administrator action, with who, what,
//! when, on which object and why. Append-only: the server has a function
//! that adds a row and none that changes or removes one, and the database
//! refuses updates and deletes of the table (triggers, both backends).
//! National administrators read it with filters and export it as CSV.

use serde::{Deserialize, Serialize};

use super::calendar::CalendarDate;
use super::slug_enum::slug_enum;

/// Rows per page of the audit log.
pub const AUDIT_PAGE_SIZE: u64 = 50;

slug_enum! {
    /// What an administrator did.
    AuditAction, "audit_action" {
        Verify => "verify",
        Reject => "reject",
        Hide => "hide",
        Unhide => "unhide",
        Suspend => "suspend",
        Reinstate => "reinstate",
        Grant => "grant",
        Revoke => "revoke",
        Onboard => "onboard",
        Invite => "invite",
        Import => "import",
        /// An office began working on an unclaimed cooperative's catalogue.
        ActFor => "act_for",
        /// A change an office made while working for a cooperative (the note says what).
        ChangeFor => "change_for",
        /// A buying request approved after screening.
        ApproveRequest => "approve_request",
        RefuseRequest => "refuse_request",
        /// A buying request folded into an earlier one of the same buyer.
        MergeRequest => "merge_request",
        /// An exchange rate the buyers' comparisons use.
        SetRate => "set_rate",
        AddDocumentRule => "add_document_rule",
        ChangeDocumentRule => "change_document_rule",
        RemoveDocumentRule => "remove_document_rule",
    }
}

slug_enum! {
    /// What kind of thing an action was done to.
    AuditObject, "audit_object" {
        Producer => "producer",
        Listing => "listing",
        Account => "account",
        Request => "request",
        ExchangeRate => "exchange_rate",
        DocumentRule => "document_rule",
    }
}

/// One row of the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor_email: String,
    pub actor_office: String,
    pub action: AuditAction,
    pub object: AuditObject,
    pub object_id: i64,
    /// The object's name when the action was taken (a listing's title, a
    /// producer's trade name, an account's address).
    pub object_label: String,
    /// The reason's slug, when the action has one.
    pub reason: Option<String>,
    pub note: Option<String>,
}

/// The log's filters, as the page's query string holds them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    pub action: Option<AuditAction>,
    pub object: Option<AuditObject>,
    /// Part of the acting administrator's address.
    pub actor: String,
    pub from: Option<CalendarDate>,
    pub to: Option<CalendarDate>,
    pub page: u64,
}

impl AuditFilter {
    /// Reads the query string's fields; anything unreadable is dropped
    /// rather than refused (a filter link must never break the page).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> AuditFilter {
        let text = |key: &str| get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        AuditFilter {
            action: text("action").and_then(|v| AuditAction::from_slug(&v)),
            object: text("object").and_then(|v| AuditObject::from_slug(&v)),
            actor: text("actor").map(|v| v.chars().take(120).collect()).unwrap_or_default(),
            from: text("from").and_then(|v| CalendarDate::parse(&v)),
            to: text("to").and_then(|v| CalendarDate::parse(&v)),
            page: text("page").and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 10_000),
        }
    }

    /// The query string of these filters (without the page), for links.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(action) = self.action {
            pairs.push(("action", action.slug().to_owned()));
        }
        if let Some(object) = self.object {
            pairs.push(("object", object.slug().to_owned()));
        }
        if !self.actor.is_empty() {
            pairs.push(("actor", self.actor.clone()));
        }
        if let Some(from) = self.from {
            pairs.push(("from", from.to_string()));
        }
        if let Some(to) = self.to {
            pairs.push(("to", to.to_string()));
        }
        pairs
    }
}

/// One page of the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: u64,
    pub filter: AuditFilter,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_back_what_they_write_and_drop_nonsense() {
        let query = [("action", "hide"), ("object", "listing"), ("actor", " office@"), ("from", "2026-01-01")];
        let get = |key: &str| query.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string());
        let filter = AuditFilter::from_query(get);
        assert_eq!(filter.action, Some(AuditAction::Hide));
        assert_eq!(filter.object, Some(AuditObject::Listing));
        assert_eq!(filter.actor, "office@");
        assert_eq!(filter.page, 1);
        let pairs = filter.to_query();
        let again = AuditFilter::from_query(|key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()));
        assert_eq!(again, filter);
        let junk = AuditFilter::from_query(|key| (key != "actor").then(|| "<script>".to_owned()));
        assert_eq!(junk, AuditFilter { page: 1, ..AuditFilter::default() });
    }
}
