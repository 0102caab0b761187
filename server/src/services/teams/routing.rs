//! Routing a producer's conversations to the right member: the facts of a
//! conversation read from the database, the decision `app::domain::route`
//! takes on them, and who is mailed about it (the assignee, or the
//! company's owners when nobody is).

use app::domain::{CountryCode, RoutingCandidate, RoutingFacts, Sector, TeamKind, TeamRole, route};
use sea_orm::ConnectionTrait;

use crate::entities::inquiries;
use crate::error::StoreError;
use crate::repo::{inquiry, routing_rule, team_member};

/// Assigns a newly delivered conversation; returns the assignee.
pub async fn assign_new(db: &impl ConnectionTrait, row: &inquiries::Model) -> Result<Option<i64>, StoreError> {
    // Locked: a member removed meanwhile is not assigned a conversation.
    let members = team_member::lock_company(db, TeamKind::Producer, row.producer_id).await?;
    let last = routing_rule::last_assigned(db, row.producer_id).await?;
    let team: Vec<RoutingCandidate> = members
        .iter()
        .map(|(member, role)| RoutingCandidate {
            user_id: member.user_id,
            role: *role,
            last_assigned_at: last.get(&member.user_id).cloned(),
        })
        .collect();
    let sector = match row.listing_id {
        Some(id) => crate::repo::listing::sector_of(db, id).await?.as_deref().and_then(Sector::from_slug),
        None => None,
    };
    let country = row.buyer_country.as_deref().unwrap_or(&row.destination_country);
    let facts = RoutingFacts {
        listing_id: row.listing_id,
        sector,
        market: CountryCode::parse(country).ok().map(CountryCode::world_region),
        answered_before: routing_rule::answered_before(db, row.producer_id, row.buyer_user_id).await?,
    };
    let rules: Vec<_> =
        routing_rule::of_producer(db, row.producer_id).await?.into_iter().map(|(_, rule)| rule).collect();
    let assignee = route(&facts, &rules, &team);
    inquiry::assign(db, row.id, assignee).await?;
    Ok(assignee)
}

/// The accounts mailed about a producer's conversation: its assignee
/// while they still answer for the company, else its owners.
pub async fn recipients(
    db: &impl ConnectionTrait,
    producer_id: i64,
    assignee: Option<i64>,
) -> Result<Vec<i64>, StoreError> {
    let members = team_member::of_company(db, TeamKind::Producer, producer_id).await?;
    if let Some(assignee) = assignee.filter(|id| team_member::answers_inquiries(&members, *id)) {
        return Ok(vec![assignee]);
    }
    Ok(members.iter().filter(|(_, role)| *role == TeamRole::Owner).map(|(row, _)| row.user_id).collect())
}
