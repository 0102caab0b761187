//! A buyer's company profile, one row per buyer account.

use app::domain::{BuyerProfile, BuyerProfileForm};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

use crate::entities::buyer_profiles;
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
