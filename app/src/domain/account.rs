//! Accounts as the interface sees them: roles, the signed-in viewer, and the
//! rules for e-mail addresses and passwords that the browser and the server
//! both apply (the server also refuses passwords from its common-password list).

use serde::{Deserialize, Serialize};

use super::AppError;
use super::slug_enum::slug_enum;
use super::team::{Seat, TeamKind, TeamRole, WorkspaceAction};

slug_enum! {
    /// What an account may do on Trade.ma.
    Role, "role" {
        Producer => "producer",
        Buyer => "buyer",
        Organiser => "organiser",
        Admin => "admin",
    }
}

slug_enum! {
    /// Whether an account may sign in, and whether buyers see its company.
    AccountStatus, "account_status" {
        Active => "active",
        Suspended => "suspended",
    }
}

impl Role {
    /// Roles a person may pick when signing up; organisers and admins are
    /// appointed, never self-declared.
    pub const SELF_SERVICE: [Role; 2] = [Role::Producer, Role::Buyer];
}

/// The signed-in person, as every page and server function sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The trade office an administrator works for (`None` for other roles).
    #[serde(default)]
    pub office: Option<super::offices::Office>,
    /// The company the person works for and their role in it.
    #[serde(default)]
    pub seat: Option<Seat>,
}

/// Proof that the person acting works in a producer's workspace: which
/// producer (none yet for a producer account that has not created its
/// company) and with which role. The producer's workspace (the `Studio`
/// port, the team, the upload routes) takes this, not a `Viewer`, and only
/// [`Viewer::as_producer`] and the offices' check make one: no service can
/// be called for another role by mistake. Never sent over the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProducerAccess {
    user_id: i64,
    producer_id: Option<i64>,
    role: TeamRole,
    /// The trade office working on an onboarded cooperative's catalogue:
    /// what it changes there is recorded in the audit log as its own.
    on_behalf: Option<super::offices::AdminAccess>,
}

impl ProducerAccess {
    /// The account acting (an administrator's, when an office acts for a cooperative).
    pub fn user_id(&self) -> i64 {
        self.user_id
    }

    /// The producer worked on; `None` until the account creates its company.
    pub fn producer_id(&self) -> Option<i64> {
        self.producer_id
    }

    /// The acting member's role (an office acting for a cooperative is its owner).
    pub fn role(&self) -> TeamRole {
        self.role
    }

    /// `Ok` when the role may do `action`, else its refusal (`TeamRole::refusal`).
    pub fn require(&self, action: WorkspaceAction) -> Result<(), AppError> {
        self.role.require(action)
    }

    /// Whether a trade office acts for the producer (until it claims its account).
    pub fn on_behalf(&self) -> bool {
        self.on_behalf.is_some()
    }

    /// The administrator working for the producer, when it is not the
    /// producer itself.
    pub fn office(&self) -> Option<&super::offices::AdminAccess> {
        self.on_behalf.as_ref()
    }

    /// A trade office's access to the catalogue of producer `producer_id`:
    /// only with an administrator's proof, and only once the offices'
    /// service has checked the producer is an unclaimed cooperative of the
    /// office's region (`Offices::act_for`).
    pub fn for_office(admin: &super::offices::AdminAccess, producer_id: i64) -> ProducerAccess {
        ProducerAccess {
            user_id: admin.user_id(),
            producer_id: Some(producer_id),
            role: TeamRole::Owner,
            on_behalf: Some(admin.clone()),
        }
    }
}

/// Proof that the person acting is a buyer: what only buyers have (the
/// shortlist, saved searches, the company profile, sending an inquiry)
/// takes this, and only [`Viewer::as_buyer`] makes one. Never sent over the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuyerAccess {
    user_id: i64,
}

impl BuyerAccess {
    /// The buyer's account.
    pub fn user_id(&self) -> i64 {
        self.user_id
    }
}

/// Proof that the person acting works for a trade-fair organiser: its
/// showcases and team take this, and only [`Viewer::as_organiser`] makes
/// one. Never sent over the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganiserAccess {
    user_id: i64,
    organisation: i64,
    role: TeamRole,
}

impl OrganiserAccess {
    /// The account acting.
    pub fn user_id(&self) -> i64 {
        self.user_id
    }

    /// The organisation (its founding account, which its showcases name).
    pub fn organisation(&self) -> i64 {
        self.organisation
    }

    /// The acting member's role.
    pub fn role(&self) -> TeamRole {
        self.role
    }

    /// `Ok` when the role may do `action`, else its refusal.
    pub fn require(&self, action: WorkspaceAction) -> Result<(), AppError> {
        self.role.require(action)
    }
}

impl Viewer {
    /// The producer's capability, or `NotFound`: the producer's workspace does
    /// not exist for other roles. A producer account without a seat has no
    /// company yet and is the owner of the one it creates.
    pub fn as_producer(&self) -> Result<ProducerAccess, AppError> {
        if self.role != Role::Producer {
            return Err(AppError::NotFound);
        }
        let (producer_id, role) = match self.seat {
            Some(Seat { kind: TeamKind::Producer, company_id, role }) => (Some(company_id), role),
            Some(_) => return Err(AppError::NotFound),
            None => (None, TeamRole::Owner),
        };
        Ok(ProducerAccess { user_id: self.user_id, producer_id, role, on_behalf: None })
    }

    /// The buyer's capability, or `NotFound`: what only buyers have does
    /// not exist for other roles (the same answer as every other proof).
    pub fn as_buyer(&self) -> Result<BuyerAccess, AppError> {
        if self.role == Role::Buyer { Ok(BuyerAccess { user_id: self.user_id }) } else { Err(AppError::NotFound) }
    }

    /// The organiser's capability, or `NotFound`: only an organiser account
    /// with a seat in an organisation.
    pub fn as_organiser(&self) -> Result<OrganiserAccess, AppError> {
        match self.seat {
            Some(Seat { kind: TeamKind::Organiser, company_id, role }) if self.role == Role::Organiser => {
                Ok(OrganiserAccess { user_id: self.user_id, organisation: company_id, role })
            }
            _ => Err(AppError::NotFound),
        }
    }
}

/// Shortest password accepted, in characters.
pub const PASSWORD_MIN_CHARS: usize = 8;
/// Longest password accepted, in characters (never truncated).
pub const PASSWORD_MAX_CHARS: usize = 128;
/// Longest e-mail address (RFC 5321 path limit).
pub const EMAIL_MAX_CHARS: usize = 254;
/// Longest display name.
pub const DISPLAY_NAME_MAX_CHARS: usize = 120;

/// Checks a new password's length. Returns the message key of the problem.
/// No composition rules (ASVS 5.0 V6.2): length and the common list only.
pub fn check_password_length(password: &str) -> Result<(), &'static str> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        Err("invalid.password_short")
    } else if chars > PASSWORD_MAX_CHARS {
        Err("invalid.password_long")
    } else {
        Ok(())
    }
}

/// Normalises an e-mail address (trimmed, lower-cased) and checks its shape:
/// one `@`, a non-empty local part, a domain with a dot, no spaces.
pub fn normalize_email(input: &str) -> Result<String, &'static str> {
    let email = input.trim().to_lowercase();
    if email.is_empty() {
        return Err("invalid.required");
    }
    let valid = email.chars().count() <= EMAIL_MAX_CHARS
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            }
            None => false,
        };
    if valid { Ok(email) } else { Err("invalid.email") }
}

/// Trims a display name and checks it is present and not too long.
pub fn normalize_display_name(input: &str) -> Result<String, &'static str> {
    let name = input.trim();
    if name.is_empty() {
        Err("invalid.required")
    } else if let Some(problem) = super::text::single_line_problem(name, DISPLAY_NAME_MAX_CHARS) {
        Err(problem)
    } else {
        Ok(name.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_judged_by_length_in_characters() {
        assert_eq!(check_password_length("short"), Err("invalid.password_short"));
        assert_eq!(check_password_length("éééééééé"), Ok(()));
        assert_eq!(check_password_length(&"x".repeat(128)), Ok(()));
        assert_eq!(check_password_length(&"x".repeat(129)), Err("invalid.password_long"));
        // no composition rules: a long lower-case phrase is fine
        assert_eq!(check_password_length("olive trees in the atlas"), Ok(()));
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(normalize_email("  Amina@Coop.MA "), Ok("amina@coop.ma".to_owned()));
        assert_eq!(normalize_email("no-at-sign"), Err("invalid.email"));
        assert_eq!(normalize_email("a@b"), Err("invalid.email"));
        assert_eq!(normalize_email("a b@c.ma"), Err("invalid.email"));
        assert_eq!(normalize_email("a@b@c.ma"), Err("invalid.email"));
        assert_eq!(normalize_email(""), Err("invalid.required"));
    }

    #[test]
    fn only_producers_and_buyers_sign_themselves_up() {
        assert!(!Role::SELF_SERVICE.contains(&Role::Admin));
        assert!(!Role::SELF_SERVICE.contains(&Role::Organiser));
    }
}
