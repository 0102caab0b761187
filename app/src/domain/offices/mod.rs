//! Regional trade offices: who an administrator works for, the
//! proof of it that the offices' services take, and the rules an office
//! applies (which producers it sees, which roles only the national team
//! grants).
//!
//! An administrator belongs to one region's office or to the national team.
//! An office sees and acts on the producers of its own region; the national
//! team sees all of them and alone grants and revokes roles.

pub mod desk;
pub mod platform;

use serde::{Deserialize, Serialize};

use crate::domain::account::{Role, Viewer};
use crate::domain::error::AppError;
use crate::domain::region::Region;

/// Where an administrator works.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Office {
    /// The national team: every region.
    National,
    /// One region's foreign-trade office.
    Regional(Region),
}

impl Office {
    /// Every office, the national team first.
    pub fn all() -> impl Iterator<Item = Office> {
        std::iter::once(Office::National).chain(Region::ALL.iter().map(|region| Office::Regional(*region)))
    }

    /// `national`, or the region's slug (as stored and typed on the
    /// command line).
    pub fn slug(self) -> &'static str {
        match self {
            Office::National => "national",
            Office::Regional(region) => region.slug(),
        }
    }

    pub fn from_slug(slug: &str) -> Option<Office> {
        if slug == "national" { Some(Office::National) } else { Region::from_slug(slug).map(Office::Regional) }
    }

    /// The region an office is limited to (`None`: all of them).
    pub fn region(self) -> Option<Region> {
        match self {
            Office::National => None,
            Office::Regional(region) => Some(region),
        }
    }

    /// Whether this office acts on producers of `region`.
    pub fn covers(self, region: Region) -> bool {
        self.region().is_none_or(|own| own == region)
    }

    /// The office's name in the reader's language.
    pub fn name(self, messages: &crate::i18n::Messages) -> String {
        match self {
            Office::National => messages.office_national.to_owned(),
            Office::Regional(region) => {
                crate::i18n::fill(messages.office_regional, &[("region", region.name(messages))])
            }
        }
    }
}

impl Serialize for Office {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.slug())
    }
}

impl<'de> Deserialize<'de> for Office {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let slug = <std::borrow::Cow<'de, str> as Deserialize>::deserialize(deserializer)?;
        Office::from_slug(&slug).ok_or_else(|| serde::de::Error::custom(format!("unknown office `{slug}`")))
    }
}

/// Proof that the person acting is an administrator of `office`. The
/// offices' services take this, and only [`Viewer::as_admin`] makes one.
/// Never sent over the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdminAccess {
    user_id: i64,
    office: Office,
}

impl AdminAccess {
    pub fn user_id(&self) -> i64 {
        self.user_id
    }

    pub fn office(&self) -> Office {
        self.office
    }

    /// `NotFound` unless this office covers `region`: another region's
    /// producer does not exist for a regional office.
    pub fn check_region(&self, region: Region) -> Result<(), AppError> {
        if self.office.covers(region) { Ok(()) } else { Err(AppError::NotFound) }
    }

    /// `NotFound` for regional offices: the pages and actions only the
    /// national team has (granting roles, the audit log).
    pub fn check_national(&self) -> Result<(), AppError> {
        if self.office == Office::National { Ok(()) } else { Err(AppError::NotFound) }
    }
}

impl Viewer {
    /// The administrator's capability, or `NotFound`: the offices' pages do
    /// not exist for other roles, nor for an administrator without an
    /// office (an account made before offices existed, until one is given).
    pub fn as_admin(&self) -> Result<AdminAccess, AppError> {
        match (self.role, self.office) {
            (Role::Admin, Some(office)) => Ok(AdminAccess { user_id: self.user_id, office }),
            _ => Err(AppError::NotFound),
        }
    }
}

/// A role change the national team may make from the interface. Producers
/// and buyers choose their role when they sign up; what is granted here is
/// an appointment on top of a plain account, and revoking it returns the
/// account to a buyer's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoleGrant {
    /// Make the account a fair organiser.
    Organiser,
    /// Make the account an administrator of this office.
    Admin(Office),
    /// Take the organiser or administrator role back.
    Revoke,
}

impl RoleGrant {
    /// Reads the form's fields: `role` (`organiser`, `admin`, `revoke`) and,
    /// for `admin`, `office`.
    pub fn from_fields(role: &str, office: &str) -> Result<RoleGrant, AppError> {
        match role {
            "organiser" => Ok(RoleGrant::Organiser),
            "revoke" => Ok(RoleGrant::Revoke),
            "admin" => Office::from_slug(office)
                .map(RoleGrant::Admin)
                .ok_or_else(|| AppError::invalid("office", "invalid.choice")),
            _ => Err(AppError::invalid("role", "invalid.choice")),
        }
    }

    /// The account's role after the change, from `current`. Producers keep
    /// their company: they are never appointed (their workspace would go
    /// with the role), and nobody is demoted to a producer.
    pub fn apply(self, current: Role) -> Result<(Role, Option<Office>), AppError> {
        if current == Role::Producer {
            return Err(AppError::invalid("role", "invalid.role_producer_kept"));
        }
        Ok(match self {
            RoleGrant::Organiser => (Role::Organiser, None),
            RoleGrant::Admin(office) => (Role::Admin, Some(office)),
            RoleGrant::Revoke if current == Role::Buyer => {
                return Err(AppError::invalid("role", "invalid.role_nothing_to_revoke"));
            }
            RoleGrant::Revoke => (Role::Buyer, None),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(role: Role, office: Option<Office>) -> Viewer {
        Viewer { user_id: 7, email: "a@b.ma".into(), display_name: "A".into(), role, office, seat: None }
    }

    #[test]
    fn office_slugs_round_trip_and_national_covers_every_region() {
        for office in Office::all() {
            assert_eq!(Office::from_slug(office.slug()), Some(office));
        }
        assert_eq!(Office::all().count(), 13);
        assert_eq!(Office::from_slug("souss-massa"), Some(Office::Regional(Region::SoussMassa)));
        assert_eq!(Office::from_slug("paris"), None);
        assert!(Region::ALL.iter().all(|region| Office::National.covers(*region)));
        let souss = Office::Regional(Region::SoussMassa);
        assert!(souss.covers(Region::SoussMassa));
        assert!(!souss.covers(Region::Oriental));
    }

    #[test]
    fn only_administrators_with_an_office_get_access() {
        for role in [Role::Producer, Role::Buyer, Role::Organiser] {
            assert_eq!(viewer(role, Some(Office::National)).as_admin(), Err(AppError::NotFound));
        }
        assert_eq!(viewer(Role::Admin, None).as_admin(), Err(AppError::NotFound));
        let regional = viewer(Role::Admin, Some(Office::Regional(Region::Oriental))).as_admin().unwrap();
        assert_eq!(regional.check_region(Region::Oriental), Ok(()));
        assert_eq!(regional.check_region(Region::SoussMassa), Err(AppError::NotFound));
        assert_eq!(regional.check_national(), Err(AppError::NotFound));
        let national = viewer(Role::Admin, Some(Office::National)).as_admin().unwrap();
        assert_eq!(national.check_national(), Ok(()));
        assert_eq!(national.check_region(Region::SoussMassa), Ok(()));
    }

    #[test]
    fn role_grants_keep_producers_and_revoke_to_buyer() {
        let admin = RoleGrant::from_fields("admin", "fes-meknes").unwrap();
        assert_eq!(admin.apply(Role::Buyer), Ok((Role::Admin, Some(Office::Regional(Region::FesMeknes)))));
        assert_eq!(RoleGrant::Organiser.apply(Role::Admin), Ok((Role::Organiser, None)));
        assert_eq!(RoleGrant::Revoke.apply(Role::Organiser), Ok((Role::Buyer, None)));
        assert!(RoleGrant::Revoke.apply(Role::Buyer).is_err());
        assert!(RoleGrant::Organiser.apply(Role::Producer).is_err());
        assert!(RoleGrant::from_fields("admin", "mars").is_err());
        assert!(RoleGrant::from_fields("producer", "").is_err());
    }
}
