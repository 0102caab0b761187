//! Which member a producer's new conversation goes to, decided on fixed
//! data so it can be tested as a table: the member who answered this buyer
//! before, else the owners' rules (the listing, then its sector, then the
//! buyer's world market), else round-robin among the sales members (the one
//! whose last assignment is oldest), else the first owner.

use serde::{Deserialize, Serialize};

use super::TeamRole;
use super::WorkspaceAction;
use crate::domain::WorldRegion;
use crate::domain::slug_enum::slug_enum;
use crate::domain::{Sector, TeamKind};

slug_enum! {
    /// What a routing rule looks at.
    RoutingKind, "routing_kind" {
        /// One listing (the value is its id).
        Listing => "listing",
        /// The listing's sector (the value is its slug).
        Sector => "sector",
        /// The buyer's world market (the value is its slug).
        Market => "market",
    }
}

/// One of the owners' rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingRule {
    pub kind: RoutingKind,
    pub value: String,
    pub member_user_id: i64,
}

/// What is known of a new conversation when it is delivered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoutingFacts {
    pub listing_id: Option<i64>,
    pub sector: Option<Sector>,
    /// Where the buyer is (its profile's country, else the destination).
    pub market: Option<WorldRegion>,
    /// The member who last answered this buyer for this producer.
    pub answered_before: Option<i64>,
}

/// A member of the producer's team, as routing sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoutingCandidate {
    pub user_id: i64,
    pub role: TeamRole,
    /// When a conversation was last assigned to them (RFC 3339, comparable), if ever.
    pub last_assigned_at: Option<String>,
}

/// The member the conversation goes to; `None` when the team has nobody
/// who answers inquiries (its owners are then mailed).
pub fn route(facts: &RoutingFacts, rules: &[RoutingRule], team: &[RoutingCandidate]) -> Option<i64> {
    debug_assert!(team.iter().all(|member| member.role.belongs_to(TeamKind::Producer)));
    let answers = |user_id: i64| {
        team.iter().any(|member| member.user_id == user_id && member.role.may(WorkspaceAction::AnswerInquiries))
    };
    if let Some(before) = facts.answered_before.filter(|id| answers(*id)) {
        return Some(before);
    }
    let wanted = [
        facts.listing_id.map(|id| (RoutingKind::Listing, id.to_string())),
        facts.sector.map(|sector| (RoutingKind::Sector, sector.slug().to_owned())),
        facts.market.map(|market| (RoutingKind::Market, market.slug().to_owned())),
    ];
    for (kind, value) in wanted.into_iter().flatten() {
        let rule = rules.iter().find(|rule| rule.kind == kind && rule.value == value && answers(rule.member_user_id));
        if let Some(rule) = rule {
            return Some(rule.member_user_id);
        }
    }
    let next_sales = team
        .iter()
        .filter(|member| member.role == TeamRole::Sales)
        .min_by(|a, b| a.last_assigned_at.cmp(&b.last_assigned_at).then(a.user_id.cmp(&b.user_id)));
    if let Some(member) = next_sales {
        return Some(member.user_id);
    }
    team.iter().filter(|member| member.role == TeamRole::Owner).map(|member| member.user_id).min()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWNER: i64 = 1;
    const MANAGER: i64 = 2;
    const LINA: i64 = 3;
    const KARIM: i64 = 4;

    fn team(lina_last: Option<&str>, karim_last: Option<&str>) -> Vec<RoutingCandidate> {
        vec![
            RoutingCandidate { user_id: OWNER, role: TeamRole::Owner, last_assigned_at: None },
            RoutingCandidate { user_id: MANAGER, role: TeamRole::Manager, last_assigned_at: None },
            RoutingCandidate { user_id: LINA, role: TeamRole::Sales, last_assigned_at: lina_last.map(str::to_owned) },
            RoutingCandidate { user_id: KARIM, role: TeamRole::Sales, last_assigned_at: karim_last.map(str::to_owned) },
        ]
    }

    fn rules() -> Vec<RoutingRule> {
        vec![
            RoutingRule { kind: RoutingKind::Market, value: "americas".into(), member_user_id: KARIM },
            RoutingRule { kind: RoutingKind::Sector, value: "automotive".into(), member_user_id: LINA },
            RoutingRule { kind: RoutingKind::Listing, value: "77".into(), member_user_id: KARIM },
            // A rule naming a manager (who does not answer) is passed over.
            RoutingRule { kind: RoutingKind::Market, value: "asia".into(), member_user_id: MANAGER },
        ]
    }

    #[test]
    fn conversations_are_routed_by_the_first_rule_that_applies() {
        let team = team(Some("2026-12-01T10:00:00Z"), Some("2026-12-02T10:00:00Z"));
        let rules = rules();
        let cases: [(&str, RoutingFacts, Option<i64>); 7] = [
            (
                "sector rule",
                RoutingFacts {
                    sector: Some(Sector::Automotive),
                    market: Some(WorldRegion::Europe),
                    ..Default::default()
                },
                Some(LINA),
            ),
            ("market rule", RoutingFacts { market: Some(WorldRegion::Americas), ..Default::default() }, Some(KARIM)),
            (
                "the listing's rule before its sector's",
                RoutingFacts { listing_id: Some(77), sector: Some(Sector::Automotive), ..Default::default() },
                Some(KARIM),
            ),
            (
                "a returning buyer reaches who answered them",
                RoutingFacts { sector: Some(Sector::Automotive), answered_before: Some(KARIM), ..Default::default() },
                Some(KARIM),
            ),
            (
                "a previous answerer who no longer answers is passed over",
                RoutingFacts {
                    market: Some(WorldRegion::Americas),
                    answered_before: Some(MANAGER),
                    ..Default::default()
                },
                Some(KARIM),
            ),
            (
                "round-robin: the sales member assigned longest ago",
                RoutingFacts { market: Some(WorldRegion::Africa), ..Default::default() },
                Some(LINA),
            ),
            (
                "a rule naming a manager is passed over",
                RoutingFacts { market: Some(WorldRegion::Asia), ..Default::default() },
                Some(LINA),
            ),
        ];
        for (what, facts, expected) in cases {
            assert_eq!(route(&facts, &rules, &team), expected, "{what}");
        }
    }

    #[test]
    fn round_robin_takes_turns_then_falls_back_to_the_owner() {
        let facts = RoutingFacts::default();
        assert_eq!(route(&facts, &[], &team(None, None)), Some(LINA), "never assigned: the lower id first");
        assert_eq!(route(&facts, &[], &team(Some("2026-12-03T00:00:00Z"), None)), Some(KARIM));
        assert_eq!(route(&facts, &[], &team(Some("2026-12-03T00:00:00Z"), Some("2026-12-04T00:00:00Z"))), Some(LINA));
        let owners_only = vec![
            RoutingCandidate { user_id: 9, role: TeamRole::Owner, last_assigned_at: None },
            RoutingCandidate { user_id: OWNER, role: TeamRole::Owner, last_assigned_at: None },
            RoutingCandidate { user_id: MANAGER, role: TeamRole::Manager, last_assigned_at: None },
        ];
        assert_eq!(route(&facts, &[], &owners_only), Some(OWNER));
        assert_eq!(route(&facts, &[], &[]), None);
    }
}
