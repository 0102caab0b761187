//! The demo producer's team: its owner (`producer@demo.trade.ma`), a
//! manager and two sales members who read different languages, and the
//! owner's routing rules (buyers in the Americas to one, in Asia and the
//! Middle East to the other). The demo conversations are routed by them
//! (`seed::conversations`). Demo data only.

use app::domain::{RoutingCandidate, RoutingKind, RoutingRule, Seat, TeamKind, TeamRole, WorldRegion};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::entities::users;
use crate::error::StoreError;

/// The demo manager's address.
pub const DEMO_MANAGER_EMAIL: &str = "manager@demo.trade.ma";
/// The demo sales member answering buyers in the Americas (reads Spanish).
pub const DEMO_SALES_AMERICAS_EMAIL: &str = "sales-americas@demo.trade.ma";
/// The demo sales member answering buyers in Asia and the Middle East (reads English).
pub const DEMO_SALES_ASIA_EMAIL: &str = "sales-asia@demo.trade.ma";

/// The team as routing sees it, and the owner's rules.
pub struct DemoTeam {
    pub members: Vec<RoutingCandidate>,
    pub rules: Vec<RoutingRule>,
}

/// Seats the owner, creates the three other members (they sign in with the
/// demo password) and the routing rules.
pub async fn seed(
    db: &impl ConnectionTrait,
    producer_id: i64,
    owner_user_id: i64,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<DemoTeam, StoreError> {
    let joined = now - Duration::days(45);
    let people = [
        (DEMO_MANAGER_EMAIL, "Nadia Alaoui", "fr", TeamRole::Manager),
        (DEMO_SALES_AMERICAS_EMAIL, "Karim Tazi", "es", TeamRole::Sales),
        (DEMO_SALES_ASIA_EMAIL, "Yasmine Benali", "en", TeamRole::Sales),
    ];
    let mut members = vec![RoutingCandidate { user_id: owner_user_id, role: TeamRole::Owner, last_assigned_at: None }];
    for (email, name, locale, role) in people {
        let user = users::ActiveModel {
            email: Set(email.to_owned()),
            password_hash: Set(password_hash.to_owned()),
            display_name: Set(name.to_owned()),
            role: Set("producer".to_owned()),
            status: Set(app::domain::AccountStatus::Active.slug().to_owned()),
            locale: Set(locale.to_owned()),
            country: Set(Some("MA".to_owned())),
            email_verified_at: Set(Some(joined)),
            created_at: Set(joined),
            updated_at: Set(joined),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let seat = Seat { kind: TeamKind::Producer, company_id: producer_id, role };
        crate::repo::team_member::insert(db, seat, user.id, joined).await?;
        members.push(RoutingCandidate { user_id: user.id, role, last_assigned_at: None });
    }
    let (americas, asia) = (members[2].user_id, members[3].user_id);
    let rules = vec![
        RoutingRule {
            kind: RoutingKind::Market,
            value: WorldRegion::Americas.slug().to_owned(),
            member_user_id: americas,
        },
        RoutingRule { kind: RoutingKind::Market, value: WorldRegion::Asia.slug().to_owned(), member_user_id: asia },
        RoutingRule {
            kind: RoutingKind::Market,
            value: WorldRegion::MiddleEast.slug().to_owned(),
            member_user_id: asia,
        },
    ];
    for rule in &rules {
        crate::repo::routing_rule::insert(db, producer_id, rule, joined).await?;
    }
    Ok(DemoTeam { members, rules })
}
