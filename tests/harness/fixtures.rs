//! A small, known catalogue written straight into the database: what each
//! test can count on finding (and not finding) on the pages.

use app::domain::{AccountStatus, ListingStatus};
use chrono::{TimeZone, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use server::entities::{listing_photos, listing_translations, listings, producer_translations, producers, users};
use server::repo::convert::to_json;

/// Ids and names of what `catalogue()` wrote.
pub struct Catalogue {
    pub coop_slug: String,
    pub company_slug: String,
    /// Published, in French, English and Arabic, with two photos.
    pub argan_id: i64,
    /// Published, in French only.
    pub saffron_id: i64,
    /// A draft: must never be visible.
    pub draft_id: i64,
    /// Published; its title contains a literal `100%`.
    pub honey_id: i64,
}

pub const ARGAN_FR: &str = "Huile d'argan bio – flacon 100 ml";
pub const ARGAN_EN: &str = "Organic argan oil – 100 ml bottle";
pub const ARGAN_AR: &str = "زيت الأركان العضوي";
pub const SAFFRON_FR: &str = "Safran de Taliouine en filaments";
pub const DRAFT_FR: &str = "Faisceau moteur confidentiel";
pub const HONEY_EN: &str = "Pure honey 100% natural";

async fn user(db: &impl ConnectionTrait, email: &str) -> i64 {
    let at = Utc.with_ymd_and_hms(2026, 1, 5, 10, 0, 0).single().expect("date");
    users::ActiveModel {
        email: Set(email.to_owned()),
        password_hash: Set("!".to_owned()),
        display_name: Set(email.to_owned()),
        role: Set("producer".to_owned()),
        status: Set(AccountStatus::Active.slug().to_owned()),
        locale: Set("fr".to_owned()),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert user")
    .id
}

#[allow(clippy::too_many_arguments)]
async fn producer(
    db: &impl ConnectionTrait,
    owner: i64,
    slug: &str,
    name: &str,
    form: &str,
    region: &str,
    city: &str,
    sector: &str,
    verified: bool,
) -> i64 {
    let at = Utc.with_ymd_and_hms(2026, 1, 5, 10, 0, 0).single().expect("date");
    let id = producers::ActiveModel {
        owner_user_id: Set(owner),
        slug: Set(slug.to_owned()),
        legal_name: Set(format!("{name} (legal)")),
        trade_name: Set(name.to_owned()),
        legal_form: Set(form.to_owned()),
        region: Set(region.to_owned()),
        city: Set(city.to_owned()),
        sectors: Set(to_json(&[sector])),
        year_founded: Set(Some(2009)),
        size_band: Set(Some("1-9".to_owned())),
        export_markets: Set(to_json(&["FR", "BR", "CN"])),
        languages: Set(to_json(&["ar", "fr"])),
        verified: Set(verified),
        featured: Set(false),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert producer")
    .id;
    let seat =
        app::domain::Seat { kind: app::domain::TeamKind::Producer, company_id: id, role: app::domain::TeamRole::Owner };
    server::repo::team_member::insert(db, seat, owner, at).await.expect("seat the owner");
    producer_translations::ActiveModel {
        producer_id: Set(id),
        locale: Set("fr".to_owned()),
        description: Set(format!("{name} exporte depuis {city}.")),
    }
    .insert(db)
    .await
    .expect("insert producer text");
    id
}

#[allow(clippy::too_many_arguments)]
async fn listing(
    db: &impl ConnectionTrait,
    producer_id: i64,
    status: ListingStatus,
    sector: &str,
    region: &str,
    day: u32,
    texts: &[(&str, &str)],
    photos: usize,
) -> i64 {
    let at = Utc.with_ymd_and_hms(2026, 3, day, 10, 0, 0).single().expect("date");
    let id = listings::ActiveModel {
        producer_id: Set(producer_id),
        slug: Set(format!("fixture-{day}")),
        status: Set(status.slug().to_owned()),
        sector: Set(sector.to_owned()),
        hs_code: Set(Some("151590".to_owned())),
        origin_region: Set(region.to_owned()),
        moq_amount: Set(Some(50)),
        moq_unit: Set(Some("litre".to_owned())),
        price_min_minor: Set(Some(2200)),
        price_max_minor: Set(Some(3100)),
        currency: Set(Some("EUR".to_owned())),
        incoterms: Set(to_json(&["FOB", "EXW"])),
        certifications: Set(to_json(&["organic-eu"])),
        origin_labels: Set(to_json(&["argane-igp"])),
        port_of_loading: Set(Some("Agadir".to_owned())),
        lead_time_days: Set(Some(21)),
        capacity_amount: Set(Some(900)),
        capacity_unit: Set(Some("litre".to_owned())),
        featured: Set(false),
        published_at: Set((status == ListingStatus::Published).then_some(at)),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert listing")
    .id;
    listing_translations::Entity::insert_many(texts.iter().map(|(locale, title)| listing_translations::ActiveModel {
        listing_id: Set(id),
        locale: Set((*locale).to_owned()),
        title: Set((*title).to_owned()),
        description: Set(format!("{title}: description in {locale}.")),
    }))
    .exec(db)
    .await
    .expect("insert listing texts");
    for position in 0..photos {
        listing_photos::ActiveModel {
            listing_id: Set(id),
            position: Set(position as i32),
            storage_key: Set(format!("fixture/photo-{position}")),
            width: Set(1280),
            height: Set(960),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("insert photo");
    }
    // As a producer's save does, once the listing is complete: the search
    // indexer picks it up (queued earlier, it could index a listing without
    // its texts and never see them).
    server::repo::search_changes::record(db, id, server::repo::search_changes::OutboxOp::Upsert)
        .await
        .expect("queue for search");
    id
}

/// Writes two producers and four listings.
pub async fn catalogue(db: &impl ConnectionTrait) -> Catalogue {
    let owner_a = user(db, "coop@example.ma").await;
    let owner_b = user(db, "company@example.ma").await;
    let coop = producer(
        db,
        owner_a,
        "cooperative-tifaout",
        "Coopérative Tifaout",
        "cooperative",
        "souss-massa",
        "Taliouine",
        "cosmetics-argan",
        true,
    )
    .await;
    let company = producer(
        db,
        owner_b,
        "anfa-cablage",
        "Anfa Câblage",
        "company",
        "casablanca-settat",
        "Casablanca",
        "automotive",
        false,
    )
    .await;
    let argan_id = listing(
        db,
        coop,
        ListingStatus::Published,
        "cosmetics-argan",
        "souss-massa",
        10,
        &[("fr", ARGAN_FR), ("en", ARGAN_EN), ("ar", ARGAN_AR)],
        2,
    )
    .await;
    let saffron_id =
        listing(db, coop, ListingStatus::Published, "agrifood", "souss-massa", 11, &[("fr", SAFFRON_FR)], 0).await;
    let draft_id =
        listing(db, company, ListingStatus::Draft, "automotive", "casablanca-settat", 12, &[("fr", DRAFT_FR)], 0).await;
    let honey_id = listing(
        db,
        coop,
        ListingStatus::Published,
        "agrifood",
        "souss-massa",
        9,
        &[("en", HONEY_EN), ("fr", "Miel pur 100% naturel")],
        0,
    )
    .await;
    Catalogue {
        coop_slug: "cooperative-tifaout".to_owned(),
        company_slug: "anfa-cablage".to_owned(),
        argan_id,
        saffron_id,
        draft_id,
        honey_id,
    }
}
