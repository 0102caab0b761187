//! What a buyer may see, defined once: a published listing, not hidden by a
//! trade office, of a producer that is not hidden and whose account is
//! active (not suspended). Every public read (listing and producer pages,
//! region pages, home counts, search, showcases, the API) starts from these
//! selects; nothing else in the server filters on a listing's status or
//! moderation for the public.

use app::domain::{AccountStatus, ListingStatus};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Select};

use crate::entities::{listings, producers, users};

/// The listing's producer (of the outer query's row) is one buyers may
/// see: not hidden, and its account is active. A correlated `EXISTS`, so a query
/// for a few listings looks up a few producers (two primary-key reads each)
/// instead of listing every visible producer first.
fn producer_is_visible() -> Expr {
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(producers::Entity)
            .inner_join(
                users::Entity,
                Expr::col((users::Entity, users::Column::Id))
                    .equals((producers::Entity, producers::Column::OwnerUserId)),
            )
            .and_where(
                Expr::col((producers::Entity, producers::Column::Id))
                    .equals((listings::Entity, listings::Column::ProducerId)),
            )
            .and_where(Expr::col((producers::Entity, producers::Column::HiddenAt)).is_null())
            .and_where(Expr::col((users::Entity, users::Column::Status)).eq(AccountStatus::Active.slug()))
            .to_owned(),
    )
}

/// Producers buyers may see.
pub fn producers() -> Select<producers::Entity> {
    producers::Entity::find().filter(producers::Column::HiddenAt.is_null()).filter(Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(users::Entity)
            .and_where(
                Expr::col((users::Entity, users::Column::Id))
                    .equals((producers::Entity, producers::Column::OwnerUserId)),
            )
            .and_where(Expr::col((users::Entity, users::Column::Status)).eq(AccountStatus::Active.slug()))
            .to_owned(),
    ))
}

/// Listings buyers may see (unordered: counts group them).
pub fn listings() -> Select<listings::Entity> {
    listings::Entity::find()
        .filter(listings::Column::Status.eq(ListingStatus::Published.slug()))
        .filter(listings::Column::HiddenAt.is_null())
        .filter(producer_is_visible())
}
