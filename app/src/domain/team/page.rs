//! What the team page and the join page show, and the forms they send.

use serde::{Deserialize, Serialize};

use super::{RoutingKind, TeamKind, TeamRole};
use crate::domain::slug_enum::slug_enum;
use crate::domain::{AppError, Locale, normalize_email};

/// Rows of the team log the page shows.
pub const TEAM_LOG_PAGE_SIZE: u64 = 50;

slug_enum! {
    /// What the team log records.
    TeamLogAction, "team_log" {
        Invited => "invited",
        InvitationWithdrawn => "invitation_withdrawn",
        Joined => "joined",
        RoleChanged => "role_changed",
        Removed => "removed",
        Left => "left",
        OwnershipTransferred => "ownership_transferred",
        /// A listing's status changed (the detail is the new status).
        ListingStatus => "listing_status",
        ListingDeleted => "listing_deleted",
    }
}

/// One member of the team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberLine {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: TeamRole,
    /// The language the member reads (their mail's language).
    pub locale: Locale,
    /// RFC 3339.
    pub joined_at: String,
    /// Open conversations assigned to them (producers).
    pub assigned_open: u64,
}

/// An invitation not used yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationLine {
    pub id: i64,
    pub email: String,
    pub role: TeamRole,
    pub locale: Locale,
    /// RFC 3339.
    pub expires_at: String,
}

/// One of the owners' routing rules, with what it names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingRuleLine {
    pub id: i64,
    pub kind: RoutingKind,
    pub value: String,
    /// A listing's title (a sector's or market's name is the page's to say).
    pub label: String,
    pub member_name: String,
}

/// One row of the team log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamLogLine {
    /// RFC 3339.
    pub at: String,
    pub actor: String,
    pub action: TeamLogAction,
    pub subject: String,
    pub detail: Option<String>,
}

/// The team page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamPage {
    pub kind: TeamKind,
    pub company: String,
    /// The reader's account and role.
    pub me: i64,
    pub my_role: TeamRole,
    pub members: Vec<MemberLine>,
    /// Owners only (empty for the others).
    pub invitations: Vec<InvitationLine>,
    /// A producer's routing rules (owners only).
    pub rules: Vec<RoutingRuleLine>,
    /// A producer's listings a rule may name: `(id, title)` (owners only).
    pub listings: Vec<(i64, String)>,
    /// Owners only.
    pub log: Vec<TeamLogLine>,
}

/// An owner's invitation form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    pub email: String,
    pub role: String,
    /// The language of the mail and of the page the link opens.
    pub locale: String,
}

impl InviteForm {
    /// The address, the role (one of `kind`'s teams gives) and the language.
    pub fn validate(&self, kind: TeamKind) -> Result<(String, TeamRole, Locale), AppError> {
        let email = normalize_email(&self.email).map_err(|reason| AppError::invalid("email", reason))?;
        let role = TeamRole::from_slug(self.role.trim())
            .filter(|role| role.belongs_to(kind))
            .ok_or_else(|| AppError::invalid("role", "invalid.choice"))?;
        let locale =
            Locale::from_code(self.locale.trim()).ok_or_else(|| AppError::invalid("locale", "invalid.choice"))?;
        Ok((email, role, locale))
    }
}

/// An owner's routing rule form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoutingRuleForm {
    pub kind: String,
    pub value: String,
    pub member: i64,
}

/// A change an owner (or, to leave, any member) makes to the team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum TeamChange {
    ChangeRole {
        member: i64,
        role: TeamRole,
    },
    Remove {
        member: i64,
    },
    /// The reader leaves the company.
    Leave,
    /// The member becomes an owner and the reader a manager (an editor
    /// in an organiser's team).
    TransferOwnership {
        member: i64,
    },
    WithdrawInvitation {
        invitation: i64,
    },
    RemoveRule {
        rule: i64,
    },
}

impl TeamChange {
    /// The change a form names by `change` (`change_role`, `remove`,
    /// `leave`, `transfer_ownership`, `withdraw_invitation`,
    /// `remove_rule`), with the fields it needs; `BadRequest` otherwise
    /// (our pages never send one).
    pub fn from_form(
        change: &str,
        member: Option<i64>,
        role: Option<TeamRole>,
        invitation: Option<i64>,
        rule: Option<i64>,
    ) -> Result<TeamChange, AppError> {
        let missing = || AppError::BadRequest;
        Ok(match change {
            "change_role" => {
                TeamChange::ChangeRole { member: member.ok_or_else(missing)?, role: role.ok_or_else(missing)? }
            }
            "remove" => TeamChange::Remove { member: member.ok_or_else(missing)? },
            "leave" => TeamChange::Leave,
            "transfer_ownership" => TeamChange::TransferOwnership { member: member.ok_or_else(missing)? },
            "withdraw_invitation" => TeamChange::WithdrawInvitation { invitation: invitation.ok_or_else(missing)? },
            "remove_rule" => TeamChange::RemoveRule { rule: rule.ok_or_else(missing)? },
            _ => return Err(AppError::BadRequest),
        })
    }
}

/// What the page an invitation link opens shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinPage {
    pub kind: TeamKind,
    pub company: String,
    pub role: TeamRole,
    /// The invited address.
    pub email: String,
    /// Whether an account with that address exists (then the invitee signs
    /// in; otherwise they create one here).
    pub has_account: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_names_an_address_a_role_of_the_team_and_a_language() {
        let form = |email: &str, role: &str, locale: &str| InviteForm {
            email: email.into(),
            role: role.into(),
            locale: locale.into(),
        };
        assert_eq!(
            form(" Lina@Example.COM ", "sales", "ar").validate(TeamKind::Producer),
            Ok(("lina@example.com".into(), TeamRole::Sales, Locale::Ar))
        );
        assert!(form("lina@example.com", "editor", "ar").validate(TeamKind::Producer).is_err());
        assert!(form("lina@example.com", "sales", "ar").validate(TeamKind::Organiser).is_err());
        assert!(form("not an address", "sales", "ar").validate(TeamKind::Producer).is_err());
        assert!(form("lina@example.com", "sales", "xx").validate(TeamKind::Producer).is_err());
    }
}
