//! Demo buying requests from the demo buyers (Brazil, China, Nigeria, the
//! UAE) in every state: open, being checked, refused, merged, closed and
//! withdrawn; matched by the real rules. The demo buyer's argan-oil request
//! has a direct quote for part of it and a pooled offer of three Souss-Massa cooperatives
//! waiting for its answer; its wiring-harness request matches the demo
//! producer. Two of those cooperatives sign in with the demo password
//! (`DEMO_COOPERATIVE_AR_EMAIL` reads Arabic, `DEMO_COOPERATIVE_FR_EMAIL`
//! French). Demo data only.

use app::domain::{
    CalendarDate, Certification, CountryCode, Currency, Fit, Incoterm, OfferStatus, OfferTerms, Quantity, QuoteTerms,
    RequestDraft, RequestStatus, RequestVisibility, Sector, Unit,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::{producers, users};
use crate::error::StoreError;
use crate::repo::buying_request::{self as requests, NewRequest, Verdict};
use crate::repo::pooled_offer::{self as offers, Builder};
use crate::services::requests::matching;
use crate::services::requests::threads::{self, QuotedThread};

/// A Souss-Massa argan cooperative's account, reading Arabic.
pub const DEMO_COOPERATIVE_AR_EMAIL: &str = "tagmat@demo.trade.ma";
/// Another one, reading French.
pub const DEMO_COOPERATIVE_FR_EMAIL: &str = "izourane@demo.trade.ma";

/// One demo request: who asks, what, and where it stands.
struct DemoRequest {
    buyer: &'static str,
    product: &'static str,
    hs_code: Option<&'static str>,
    sector: Sector,
    quantity: (u64, Unit),
    target_price: Option<(i64, Currency)>,
    incoterm: Option<Incoterm>,
    country: &'static str,
    certifications: &'static [Certification],
    details: &'static str,
    locale: &'static str,
    status: RequestStatus,
    /// Days ago it was posted.
    age: i64,
}

const BRAZIL: &str = super::DEMO_BUYER_EMAIL;
const CHINA: &str = "li.wei@dongfang.demo.cn";
const NIGERIA: &str = "tunde@lagosfoods.demo.ng";
const UAE: &str = "khalid@gulfpantry.demo.ae";

fn demo_requests() -> Vec<DemoRequest> {
    use RequestStatus::*;
    let base = DemoRequest {
        buyer: BRAZIL,
        product: "",
        hs_code: None,
        sector: Sector::CosmeticsArgan,
        quantity: (20_000, Unit::Litre),
        target_price: None,
        incoterm: None,
        country: "BR",
        certifications: &[],
        details: "",
        locale: "pt",
        status: Open,
        age: 3,
    };
    vec![
        DemoRequest {
            product: "Óleo de argan cosmético prensado a frio",
            hs_code: Some("151590"),
            target_price: Some((1_850, Currency::Usd)),
            incoterm: Some(Incoterm::Cif),
            details: "20 000 L por ano, em tambores de 200 L, entrega em Santos. Certificado de origem e análise de lote.",
            ..base
        },
        DemoRequest {
            product: "Chicotes elétricos automotivos",
            hs_code: Some("854430"),
            sector: Sector::Automotive,
            quantity: (20_000, Unit::Piece),
            target_price: Some((420, Currency::Usd)),
            incoterm: Some(Incoterm::Fob),
            details: "Chicotes de habitáculo para veículos leves, amostras antes do pedido.",
            age: 1,
            ..base
        },
        DemoRequest {
            buyer: CHINA,
            product: "Sardines in olive oil, canned",
            hs_code: Some("160413"),
            sector: Sector::Fishery,
            quantity: (40_000, Unit::Kilogram),
            incoterm: Some(Incoterm::Cfr),
            country: "CN",
            certifications: &[Certification::Haccp],
            details: "125 g tins, Chinese labels, two containers a quarter to Shanghai.",
            locale: "en",
            age: 20,
            ..base
        },
        DemoRequest {
            buyer: CHINA,
            product: "Argan oil for hair care",
            quantity: (500, Unit::Litre),
            country: "CN",
            locale: "en",
            status: Withdrawn,
            age: 9,
            ..base
        },
        DemoRequest {
            buyer: NIGERIA,
            product: "Durum wheat couscous",
            hs_code: Some("190240"),
            sector: Sector::Agrifood,
            quantity: (30_000, Unit::Kilogram),
            target_price: Some((95, Currency::Usd)),
            incoterm: Some(Incoterm::Cif),
            country: "NG",
            details: "1 kg bags, Halal, delivered to Lagos (Apapa).",
            certifications: &[Certification::Halal],
            locale: "en",
            status: Screening,
            age: 0,
        },
        DemoRequest {
            buyer: UAE,
            product: "Medjool dates",
            sector: Sector::FreshProduce,
            quantity: (10, Unit::Tonne),
            country: "AE",
            locale: "en",
            status: Refused,
            age: 6,
            ..base
        },
        DemoRequest {
            buyer: UAE,
            product: "Saffron from Taliouine",
            sector: Sector::Agrifood,
            quantity: (20, Unit::Kilogram),
            target_price: Some((450_000, Currency::Usd)),
            incoterm: Some(Incoterm::Cip),
            country: "AE",
            details: "Grade I threads, 1 g and 5 g boxes, air freight to Dubai.",
            locale: "en",
            age: 5,
            ..base
        },
        DemoRequest {
            buyer: UAE,
            product: "Saffron Taliouine 20 kg",
            sector: Sector::Agrifood,
            quantity: (20, Unit::Kilogram),
            country: "AE",
            locale: "en",
            status: Merged,
            age: 5,
            ..base
        },
    ]
}

async fn user_id(db: &impl ConnectionTrait, email: &str) -> Result<i64, StoreError> {
    crate::repo::user::by_email(db, email)
        .await?
        .map(|user| user.id)
        .ok_or_else(|| StoreError::Corrupt(format!("demo account {email} missing")))
}

async fn producer(db: &impl ConnectionTrait, slug: &str) -> Result<producers::Model, StoreError> {
    producers::Entity::find()
        .filter(producers::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("demo producer {slug} missing")))
}

fn day(now: DateTime<Utc>, days: i64) -> CalendarDate {
    CalendarDate::from_days_since_epoch((now + Duration::days(days)).timestamp().div_euclid(86_400))
}

/// Writes the demo requests, quotes and the pooled offer; how many requests.
pub async fn seed(db: &impl ConnectionTrait, password_hash: &str, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let admin = user_id(db, super::DEMO_ADMIN_EMAIL).await?;
    // Two Souss-Massa cooperatives people sign in as.
    let tagmat = producer(db, "cooperative-tagmat-argana").await?;
    let izourane = producer(db, "cooperative-izourane-anti-atlas").await?;
    let baraka = producer(db, "cooperative-al-baraka-massa").await?;
    for (row, email, locale) in
        [(&tagmat, DEMO_COOPERATIVE_AR_EMAIL, "ar"), (&izourane, DEMO_COOPERATIVE_FR_EMAIL, "fr")]
    {
        users::Entity::update_many()
            .col_expr(users::Column::Email, Expr::value(email))
            .col_expr(users::Column::PasswordHash, Expr::value(password_hash))
            .col_expr(users::Column::Locale, Expr::value(locale))
            .filter(users::Column::Id.eq(row.owner_user_id))
            .exec(db)
            .await?;
    }
    let mut ids = Vec::new();
    for demo in demo_requests() {
        let posted = now - Duration::days(demo.age);
        let draft = RequestDraft {
            product: demo.product.to_owned(),
            hs_code: demo.hs_code.map(str::to_owned),
            sector: demo.sector,
            quantity: Quantity { amount: demo.quantity.0, unit: demo.quantity.1 },
            target_price: demo.target_price,
            incoterm: demo.incoterm,
            destination_country: CountryCode::parse(demo.country)
                .map_err(|_| StoreError::Corrupt(format!("demo country {}", demo.country)))?,
            certifications: demo.certifications.to_vec(),
            origin_labels: Vec::new(),
            wanted_by: None,
            // The sardines' deadline has passed: that request reads as closed.
            deadline: day(posted, if demo.age >= 20 { 14 } else { 21 }),
            visibility: RequestVisibility::Public,
            details: demo.details.to_owned(),
        };
        let concepts = matching::concepts_of(&draft.product);
        let fits = matching::producers_for(db, &matching::needs_of(&draft, concepts.clone())).await?;
        let new = NewRequest {
            buyer_user_id: user_id(db, demo.buyer).await?,
            draft: &draft,
            concepts: &concepts,
            market: draft.destination_country.world_region().slug(),
            status: RequestStatus::Screening,
            locale: demo.locale,
        };
        let id = requests::insert(db, new, posted).await?;
        requests::set_matches(db, id, &fits, posted).await?;
        let verdict =
            |to| Verdict { to, refusal_reason: None, refusal_note: None, merged_into: None, decided_by: Some(admin) };
        match demo.status {
            RequestStatus::Screening => {}
            RequestStatus::Refused => {
                let refused = Verdict {
                    refusal_reason: Some("unclear"),
                    refusal_note: Some("Précisez le calibre, le conditionnement et la fréquence des commandes."),
                    ..verdict(RequestStatus::Refused)
                };
                requests::set_status(db, id, RequestStatus::Screening, refused, posted).await?;
            }
            RequestStatus::Merged => {
                let into = *ids.last().ok_or_else(|| StoreError::Corrupt("no request to merge into".into()))?;
                let merged = Verdict { merged_into: Some(into), ..verdict(RequestStatus::Merged) };
                requests::set_status(db, id, RequestStatus::Screening, merged, posted).await?;
            }
            status => {
                requests::set_status(db, id, RequestStatus::Screening, verdict(RequestStatus::Open), posted).await?;
                if status == RequestStatus::Withdrawn {
                    let withdrawn = Verdict { decided_by: None, ..verdict(RequestStatus::Withdrawn) };
                    requests::set_status(db, id, RequestStatus::Open, withdrawn, posted).await?;
                }
            }
        }
        ids.push(id);
    }
    // The argan-oil request: a direct quote, and a pooled offer waiting for the buyer.
    let argan = ids[0];
    let row = requests::by_id(db, argan).await?.ok_or_else(|| StoreError::Corrupt("demo request".into()))?;
    let mut fits = requests::matches_of(db, argan).await?;
    for member in [&tagmat, &izourane, &baraka] {
        if !fits.iter().any(|(id, _)| *id == member.id) {
            fits.push((member.id, Fit::Partial));
        }
    }
    requests::set_matches(db, argan, &fits, row.created_at).await?;
    let quoted_at = now - Duration::days(1);
    // A cooperative that can deliver part of the quantity quotes alone.
    let ajddigue = producer(db, "cooperative-ajddigue-massa").await?;
    if requests::take_quote_place(db, argan, day(now, 0)).await? {
        let terms = QuoteTerms {
            unit_price_minor: 1_920,
            currency: Currency::Usd,
            quantity: Quantity { amount: 5_000, unit: Unit::Litre },
            incoterm: Incoterm::Cif,
            named_place: "Santos".to_owned(),
            valid_until: day(now, 45),
            lead_time_days: 40,
        };
        let quoted = QuotedThread {
            producer_id: ajddigue.id,
            author_user_id: ajddigue.owner_user_id,
            message: "Bonjour, nous pouvons livrer 5 000 L cette saison, en tambours de 200 L, avec l'analyse de chaque lot.",
            terms: &terms,
            pooled_offer: None,
            assignee: None,
        };
        threads::open(db, &row, quoted, quoted_at).await?;
    }
    let terms = OfferTerms {
        currency: Currency::Usd,
        incoterm: Incoterm::Cif,
        named_place: "Santos".to_owned(),
        valid_until: day(now, 60),
        lead_time_days: 45,
        message: "Trois coopératives féminines du Souss-Massa, une seule offre : chacune livre et facture sa part, \
                  pressée à froid et certifiée, avec un seul suivi logistique depuis Agadir."
            .to_owned(),
    };
    let builder = Builder { lead_producer_id: Some(tagmat.id), broker_user_id: None };
    let offer = offers::insert(db, argan, builder, &terms, quoted_at).await?;
    for (member, share) in [(&tagmat, (8_000, 1_700)), (&izourane, (7_000, 1_800)), (&baraka, (5_000, 1_950))] {
        offers::add_member(db, offer, member.id, quoted_at).await?;
        offers::commit_share(db, offer, member.id, share, quoted_at).await?;
    }
    if requests::take_quote_place(db, argan, day(now, 0)).await? {
        offers::set_status(db, offer, OfferStatus::Building, OfferStatus::Submitted, quoted_at).await?;
    }
    Ok(ids.len())
}
