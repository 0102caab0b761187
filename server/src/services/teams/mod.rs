//! The `Teams` port: a company's members and roles, invitations, the
//! owners' routing rules and the team log. Rules, each here once:
//! - what a member may do is `TeamRole::may` (changes are the owners');
//! - a company keeps at least one owner (`last_owner_problem`), checked
//!   with its members locked, so two owners demoting each other at once
//!   cannot both succeed;
//! - a removed member loses the company at their next request (the seat is
//!   read with the account on every request), their open conversations go
//!   back to the owners and the rules naming them go;
//! - every change writes its `team_log` row in its own transaction.

mod joining;
pub mod log;
mod membership;
mod page;
pub mod routing;

use app::domain::{AppError, InviteForm, JoinPage, Locale, RoutingRuleForm, TeamAccess, TeamChange, TeamPage, Viewer};
use app::ports::{SessionHandle, Teams};
use url::Url;

use crate::db::Db;

pub struct TeamsService {
    db: Db,
    public_url: Url,
}

impl TeamsService {
    pub fn new(db: Db, public_url: Url) -> TeamsService {
        TeamsService { db, public_url }
    }
}

#[async_trait::async_trait]
impl Teams for TeamsService {
    async fn page(&self, member: &TeamAccess, locale: Locale) -> Result<TeamPage, AppError> {
        page::page(&self.db, member, locale).await
    }

    async fn invite(&self, member: &TeamAccess, form: &InviteForm) -> Result<(), AppError> {
        joining::invite(&self.db, member, form, &self.public_url).await
    }

    async fn change(&self, member: &TeamAccess, change: &TeamChange) -> Result<(), AppError> {
        membership::change(&self.db, member, change).await
    }

    async fn add_rule(&self, member: &TeamAccess, form: &RoutingRuleForm) -> Result<(), AppError> {
        membership::add_rule(&self.db, member, form).await
    }

    async fn join_page(&self, token: &str) -> Result<JoinPage, AppError> {
        joining::join_page(&self.db, token).await
    }

    async fn join(
        &self,
        session: &dyn SessionHandle,
        token: &str,
        display_name: &str,
        password: &str,
    ) -> Result<Viewer, AppError> {
        let user_id = joining::join(&self.db, session.viewer().as_ref(), token, display_name, password).await?;
        session.begin(user_id).await
    }
}

/// The company's name: a producer's trade name, an organisation's founding
/// account's name.
pub(crate) async fn company_name(
    db: &impl sea_orm::ConnectionTrait,
    kind: app::domain::TeamKind,
    company_id: i64,
) -> Result<Option<String>, crate::error::StoreError> {
    Ok(match kind {
        app::domain::TeamKind::Producer => {
            crate::repo::producer::by_id(db, company_id).await?.map(|producer| producer.trade_name)
        }
        app::domain::TeamKind::Organiser => {
            crate::repo::user::by_id(db, company_id).await?.map(|founder| founder.display_name)
        }
    })
}
