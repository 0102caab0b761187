//! A deal's proforma as the page prints it: the number in the producer's
//! sequence, both companies as their profiles name them, the HS code of
//! the listing asked about, the producer's payment terms, and its bank
//! details when the reader may see them (decided by the caller).

use app::domain::{CountryCode, DealCard, Locale, ProformaPage, ProformaParty, Region, proforma_number};
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::entities::{buyer_profiles, deals, listings};
use crate::error::StoreError;
use crate::repo::buying_request::calendar;
use crate::repo::convert;

pub(super) async fn page(
    db: &impl ConnectionTrait,
    row: &deals::Model,
    card: DealCard,
    sees_bank: bool,
) -> Result<ProformaPage, StoreError> {
    let producer = crate::repo::producer::by_id(db, row.producer_id)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("deal {}: no producer", row.id)))?;
    let billing = crate::repo::deal::billing(db, row.producer_id)
        .await?
        .unwrap_or_else(|| app::domain::Billing { payment_terms: String::new(), bank: None });
    let inquiry = crate::repo::inquiry::by_id(db, row.inquiry_id).await?;
    let hs_code = match inquiry.as_ref().and_then(|inquiry| inquiry.listing_id) {
        Some(listing) => listings::Entity::find_by_id(listing).one(db).await?.and_then(|listing| listing.hs_code),
        None => None,
    };
    let buyer_user = crate::repo::user::by_id(db, row.buyer_user_id).await?;
    let profile = buyer_profiles::Entity::find_by_id(row.buyer_user_id).one(db).await?;
    let owner = crate::repo::user::by_id(db, producer.owner_user_id).await?;
    let locale_of = |code: Option<&str>| code.and_then(Locale::from_code).unwrap_or(Locale::DEFAULT);
    let buyer = ProformaParty {
        legal_name: profile
            .as_ref()
            .map(|profile| profile.company_name.clone())
            .or_else(|| buyer_user.as_ref().map(|user| user.display_name.clone()))
            .unwrap_or_default(),
        city: profile.as_ref().map(|profile| profile.city.clone()).filter(|city| !city.is_empty()),
        country: card.buyer_country,
        ice: None,
    };
    Ok(ProformaPage {
        number: proforma_number(calendar(row.agreed_on)?.year(), row.proforma_seq),
        issued_on: calendar(row.agreed_on)?,
        seller: ProformaParty {
            legal_name: producer.legal_name,
            city: Some(producer.city),
            country: CountryCode::parse("MA").ok(),
            ice: producer.ice,
        },
        seller_region: convert::slug(&producer.region, Region::from_slug, "region")?,
        buyer,
        hs_code,
        payment_terms: billing.payment_terms,
        bank: if sees_bank { billing.bank } else { None },
        buyer_locale: locale_of(buyer_user.as_ref().map(|user| user.locale.as_str())),
        producer_locale: locale_of(owner.as_ref().map(|user| user.locale.as_str())),
        card,
    })
}
