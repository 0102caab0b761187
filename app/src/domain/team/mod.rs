//! Company teams: the people who work for one producer or one organiser,
//! each with their own account and one role, and the one rule for what each
//! role may do in the workspace (`TeamRole::may`, `TeamRole::refusal`).
//! A person works for one company at a time; a company has at least one
//! owner at all times (`last_owner_problem`).

mod page;
mod routing;

use serde::{Deserialize, Serialize};

use super::AppError;
use super::slug_enum::slug_enum;

pub use page::{
    InvitationLine, InviteForm, JoinPage, MemberLine, RoutingRuleForm, RoutingRuleLine, TEAM_LOG_PAGE_SIZE, TeamChange,
    TeamLogAction, TeamLogLine, TeamPage,
};
pub use routing::{RoutingCandidate, RoutingFacts, RoutingKind, RoutingRule, route};

/// How long a team invitation link works.
pub const TEAM_INVITATION_DAYS: i64 = 7;
/// Most members (and open invitations) a company may have.
pub const TEAM_MAX_MEMBERS: usize = 50;

slug_enum! {
    /// What kind of company a team works for.
    TeamKind, "team_kind" {
        Producer => "producer",
        Organiser => "organiser",
    }
}

slug_enum! {
    /// A member's role in its company's team.
    TeamRole, "team_role" {
        /// Everything, including the team, the legal identity and verification.
        Owner => "owner",
        /// A producer's profile (not its legal identity), listings, photos, import.
        Manager => "manager",
        /// A producer's inquiries, quotes and insights (read).
        Sales => "sales",
        /// An organiser's showcases.
        Editor => "editor",
    }
}

/// Something done in a company's workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WorkspaceAction {
    /// The workspace's home (the dashboard: listings at a glance).
    ViewDashboard,
    /// The company profile's editor and its save.
    EditProfile,
    /// The legal name, ICE, registration and approval numbers.
    EditLegalIdentity,
    /// Creating, editing, publishing, archiving and deleting listings, their photos.
    ManageListings,
    /// Importing a sheet of listings.
    Import,
    /// The verification page and its request.
    Verification,
    /// Conversations: reading, answering, quoting, closing, assigning.
    AnswerInquiries,
    /// The insights page.
    ReadInsights,
    /// The team page: members, invitations, routing, the log.
    ViewTeam,
    /// Inviting, changing roles, removing, transferring, routing rules.
    ManageTeam,
    /// An organiser's showcases.
    EditShowcases,
    /// The payment terms and bank details the proformas print (owners).
    ManageBilling,
}

impl TeamKind {
    /// The roles a company of this kind gives, most powerful first.
    pub fn roles(self) -> &'static [TeamRole] {
        match self {
            TeamKind::Producer => &[TeamRole::Owner, TeamRole::Manager, TeamRole::Sales],
            TeamKind::Organiser => &[TeamRole::Owner, TeamRole::Editor],
        }
    }
}

impl TeamRole {
    /// Whether this role belongs to teams of `kind`.
    pub fn belongs_to(self, kind: TeamKind) -> bool {
        kind.roles().contains(&self)
    }

    /// Whether a member with this role may do `action`. The one table of
    /// the workspace's rights; every service asks it.
    pub fn may(self, action: WorkspaceAction) -> bool {
        use WorkspaceAction::*;
        match self {
            TeamRole::Owner => true,
            TeamRole::Manager => {
                matches!(action, ViewDashboard | EditProfile | ManageListings | Import | ReadInsights | ViewTeam)
            }
            TeamRole::Sales => matches!(action, ViewDashboard | AnswerInquiries | ReadInsights | ViewTeam),
            TeamRole::Editor => matches!(action, EditShowcases | ViewTeam),
        }
    }

    /// The answer to a member whose role may not do `action`: what every
    /// member sees but only owners change (the legal identity in the
    /// profile, the team) is refused plainly; the rest does not exist for
    /// them (`NotFound`, as for anyone outside the company).
    pub fn refusal(self, action: WorkspaceAction) -> AppError {
        match action {
            WorkspaceAction::EditLegalIdentity if self.may(WorkspaceAction::EditProfile) => {
                AppError::invalid("legal_name", "invalid.owner_only")
            }
            WorkspaceAction::ManageTeam if self.may(WorkspaceAction::ViewTeam) => AppError::Forbidden,
            _ => AppError::NotFound,
        }
    }

    /// `Ok` when the role may do `action`, its refusal otherwise.
    pub fn require(self, action: WorkspaceAction) -> Result<(), AppError> {
        if self.may(action) { Ok(()) } else { Err(self.refusal(action)) }
    }
}

/// Where a signed-in person works: their company and role. Loaded with the
/// account on every request, so a removed member loses the company at
/// their next request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seat {
    pub kind: TeamKind,
    /// `producers.id`, or an organisation's founding account.
    pub company_id: i64,
    pub role: TeamRole,
}

/// Proof that the person acting is a member of a company's team, made only
/// by [`crate::domain::Viewer::as_member`] from the seat loaded with the
/// account on this request. The team page and its changes take it. Never
/// sent over the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamAccess {
    user_id: i64,
    seat: Seat,
}

impl TeamAccess {
    pub fn user_id(&self) -> i64 {
        self.user_id
    }

    pub fn kind(&self) -> TeamKind {
        self.seat.kind
    }

    pub fn company_id(&self) -> i64 {
        self.seat.company_id
    }

    pub fn role(&self) -> TeamRole {
        self.seat.role
    }

    /// `Ok` when the role may do `action`, else its refusal.
    pub fn require(&self, action: WorkspaceAction) -> Result<(), AppError> {
        self.seat.role.require(action)
    }
}

impl super::Viewer {
    /// The member's proof, or `NotFound` for anyone without a seat (or with
    /// a seat its account's role does not work in).
    pub fn as_member(&self) -> Result<TeamAccess, AppError> {
        let seat = self.seat.ok_or(AppError::NotFound)?;
        let fits = match seat.kind {
            TeamKind::Producer => self.role == super::Role::Producer,
            TeamKind::Organiser => self.role == super::Role::Organiser,
        };
        if fits { Ok(TeamAccess { user_id: self.user_id, seat }) } else { Err(AppError::NotFound) }
    }
}

/// The problem with a change that would leave the company without an
/// owner: `owners_after` is how many owners it would have.
pub fn last_owner_problem(owners_after: usize) -> Result<(), AppError> {
    if owners_after == 0 { Err(AppError::invalid("member", "invalid.last_owner")) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::WorkspaceAction::*;
    use super::*;

    #[test]
    fn each_role_does_what_the_issue_says() {
        let all = [
            ViewDashboard,
            EditProfile,
            EditLegalIdentity,
            ManageListings,
            Import,
            Verification,
            AnswerInquiries,
            ReadInsights,
            ViewTeam,
            ManageTeam,
        ];
        let allowed = |role: TeamRole| all.iter().copied().filter(|a| role.may(*a)).collect::<Vec<_>>();
        assert_eq!(allowed(TeamRole::Owner), all.to_vec());
        assert_eq!(
            allowed(TeamRole::Manager),
            vec![ViewDashboard, EditProfile, ManageListings, Import, ReadInsights, ViewTeam]
        );
        assert_eq!(allowed(TeamRole::Sales), vec![ViewDashboard, AnswerInquiries, ReadInsights, ViewTeam]);
        assert!(TeamRole::Editor.may(EditShowcases) && !TeamRole::Editor.may(ManageTeam));
    }

    #[test]
    fn what_a_member_sees_is_refused_plainly_the_rest_is_not_found() {
        assert!(matches!(TeamRole::Manager.refusal(EditLegalIdentity), AppError::Invalid { .. }));
        assert_eq!(TeamRole::Sales.refusal(ManageTeam), AppError::Forbidden);
        assert_eq!(TeamRole::Sales.refusal(ManageListings), AppError::NotFound);
        assert_eq!(TeamRole::Manager.refusal(AnswerInquiries), AppError::NotFound);
        assert_eq!(TeamRole::Sales.refusal(EditLegalIdentity), AppError::NotFound);
    }

    #[test]
    fn roles_belong_to_their_kind_of_company() {
        assert!(TeamRole::Sales.belongs_to(TeamKind::Producer));
        assert!(!TeamRole::Sales.belongs_to(TeamKind::Organiser));
        assert!(TeamRole::Editor.belongs_to(TeamKind::Organiser));
        assert!(TeamRole::Owner.belongs_to(TeamKind::Organiser));
        assert!(last_owner_problem(0).is_err() && last_owner_problem(1).is_ok());
    }
}
