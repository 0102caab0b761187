//! What a buyer may see, defined once: a published listing of a producer
//! whose account is active. Every public read (listing and producer pages,
//! region pages, home counts, search, the API) starts from these selects;
//! nothing else in the server filters on a listing's status for the public.
//! (Moderation will add "not hidden" here, in this one place.)

use app::domain::{AccountStatus, ListingStatus};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Select};

use crate::entities::{listings, producers, users};

/// Ids of the producers buyers may see.
fn visible_producer_ids() -> SelectStatement {
    Query::select()
        .column((producers::Entity, producers::Column::Id))
        .from(producers::Entity)
        .inner_join(
            users::Entity,
            Expr::col((users::Entity, users::Column::Id)).equals((producers::Entity, producers::Column::OwnerUserId)),
        )
        .and_where(Expr::col((users::Entity, users::Column::Status)).eq(AccountStatus::Active.slug()))
        .to_owned()
}

/// Producers buyers may see.
pub fn producers() -> Select<producers::Entity> {
    producers::Entity::find().filter(producers::Column::Id.in_subquery(visible_producer_ids()))
}

/// Listings buyers may see (unordered: counts group them).
pub fn listings() -> Select<listings::Entity> {
    listings::Entity::find()
        .filter(listings::Column::Status.eq(ListingStatus::Published.slug()))
        .filter(listings::Column::ProducerId.in_subquery(visible_producer_ids()))
}
