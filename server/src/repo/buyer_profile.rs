//! A buyer's company profile, one row per buyer account, and the name and
//! country producers see for a buyer.

use app::domain::{BuyerProfile, BuyerProfileForm, CountryCode};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::entities::{buyer_profiles, users};
use crate::error::StoreError;

/// The profile as its form shows it, if the buyer wrote one.
pub async fn form_of(db: &impl ConnectionTrait, user_id: i64) -> Result<Option<BuyerProfileForm>, StoreError> {
    let Some(row) = buyer_profiles::Entity::find_by_id(user_id).one(db).await? else { return Ok(None) };
    let ticked = |json: &str| -> Result<app::domain::FieldMap, StoreError> {
        let values: Vec<String> = serde_json::from_str(json)
            .map_err(|error| StoreError::Corrupt(format!("buyer profile list `{json}`: {error}")))?;
        Ok(values.into_iter().map(|value| (value, "on".to_owned())).collect())
    };
    Ok(Some(BuyerProfileForm {
        company_name: row.company_name,
        country: row.country,
        city: row.city,
        buyer_type: row.buyer_type,
        sectors: ticked(&row.sectors)?,
        languages: ticked(&row.languages)?,
        phone: row.phone.unwrap_or_default(),
        website: row.website.unwrap_or_default(),
    }))
}

/// Writes the buyer's profile, creating it the first time.
pub async fn save(
    db: &impl ConnectionTrait,
    user_id: i64,
    profile: &BuyerProfile,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let existing = buyer_profiles::Entity::find_by_id(user_id).one(db).await?;
    let sectors: Vec<&str> = profile.sectors.iter().map(|sector| sector.slug()).collect();
    let mut row = match &existing {
        Some(row) => row.clone().into(),
        None => buyer_profiles::ActiveModel { user_id: Set(user_id), created_at: Set(now), ..Default::default() },
    };
    row.company_name = Set(profile.company_name.clone());
    row.country = Set(profile.country.as_str().to_owned());
    row.city = Set(profile.city.clone());
    row.buyer_type = Set(profile.buyer_type.slug().to_owned());
    row.sectors = Set(serde_json::to_string(&sectors).unwrap_or_else(|_| "[]".into()));
    row.languages = Set(serde_json::to_string(&profile.languages).unwrap_or_else(|_| "[]".into()));
    row.phone = Set(profile.phone.clone());
    row.website = Set(profile.website.clone());
    row.updated_at = Set(now);
    if existing.is_some() {
        row.update(db).await?;
    } else {
        row.insert(db).await?;
    }
    Ok(())
}

/// The name a producer sees for a buyer: the company, else the person.
pub async fn names(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, (String, Option<CountryCode>)>, StoreError> {
    let profiles = buyer_profiles::Entity::find()
        .filter(buyer_profiles::Column::UserId.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let people = users::Entity::find().filter(users::Column::Id.is_in(ids.iter().copied())).all(db).await?;
    Ok(people
        .into_iter()
        .map(|user| {
            let profile = profiles.iter().find(|profile| profile.user_id == user.id);
            let name = profile.map_or_else(|| user.display_name.clone(), |profile| profile.company_name.clone());
            let country = profile
                .map(|profile| profile.country.as_str())
                .or(user.country.as_deref())
                .and_then(|code| CountryCode::parse(code).ok());
            (user.id, (name, country))
        })
        .collect())
}
