//! The demo organiser and its showcases: "Made in Africa —
//! AfCFTA forum, Marrakech", published and upcoming, with exhibitors from
//! every region that has producers (at least 12), curator's notes, stands
//! and featured products; a past one; and a draft. Demo data only.

use app::domain::{Locale, ShowcaseStatus};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entities::{
    listings, producers, showcase_exhibitors, showcase_items, showcase_translations, showcases, users,
};
use crate::error::StoreError;

/// The demo organiser's sign-in address (password: `DEMO_PASSWORD`).
pub const DEMO_ORGANISER_EMAIL: &str = "organiser@demo.trade.ma";
/// The demo administrator's (the national trade team; password: `DEMO_PASSWORD`).
pub const DEMO_ADMIN_EMAIL: &str = "admin@demo.trade.ma";

const NOTES: [&str; 6] = [
    "Cooperative of women producers; ships in 20-foot containers from Agadir.",
    "Export-ready: ONSSA approved, samples at the stand.",
    "First export fair for this young company: ask for the tasting.",
    "Organic certified; small batches for speciality retailers.",
    "Supplies hotel chains in West Africa; Incoterms FOB and CIF.",
    "Award-winning craft workshop; custom orders accepted.",
];

struct DemoShowcase {
    slug: &'static str,
    texts: [(Locale, &'static str, &'static str); 4],
    event: &'static str,
    city: &'static str,
    venue: &'static str,
    /// Days from today.
    starts_in: i64,
    days: i64,
    status: ShowcaseStatus,
    exhibitors: usize,
}

const SHOWCASES: [DemoShowcase; 3] = [
    DemoShowcase {
        slug: "made-in-africa-afcfta-marrakech",
        texts: [
            (
                Locale::Fr,
                "Made in Africa — forum ZLECAf, Marrakech",
                "Une sélection de producteurs marocains prêts à exporter vers le continent et au-delà, présentés au forum de la Zone de libre-échange continentale africaine.",
            ),
            (
                Locale::En,
                "Made in Africa — AfCFTA forum, Marrakech",
                "Moroccan producers ready to export across the continent and beyond, shown at the African Continental Free Trade Area forum.",
            ),
            (
                Locale::Ar,
                "صنع في أفريقيا — منتدى منطقة التجارة الحرة القارية، مراكش",
                "مختارات من المنتجين المغاربة المستعدين للتصدير نحو القارة وخارجها، في منتدى منطقة التجارة الحرة القارية الأفريقية.",
            ),
            (
                Locale::Es,
                "Made in Africa — foro AfCFTA, Marrakech",
                "Productores marroquíes listos para exportar al continente y más allá, presentados en el foro de la Zona de Libre Comercio Continental Africana.",
            ),
        ],
        event: "AfCFTA / ZLECAf Business Forum",
        city: "Marrakech",
        venue: "Palais des Congrès, Hall B",
        starts_in: 21,
        days: 3,
        status: ShowcaseStatus::Published,
        exhibitors: 14,
    },
    DemoShowcase {
        slug: "saveurs-du-maroc-sial-2026",
        texts: [
            (
                Locale::Fr,
                "Saveurs du Maroc — pavillon national",
                "Le pavillon agroalimentaire marocain d’un grand salon international.",
            ),
            (
                Locale::En,
                "Flavours of Morocco — national pavilion",
                "The Moroccan agrifood pavilion at a major international food fair.",
            ),
            (Locale::Ar, "نكهات المغرب — الجناح الوطني", "الجناح المغربي للصناعات الغذائية في معرض دولي كبير."),
            (
                Locale::Es,
                "Sabores de Marruecos — pabellón nacional",
                "El pabellón agroalimentario marroquí en una gran feria internacional.",
            ),
        ],
        event: "International Food Fair",
        city: "Paris",
        venue: "Hall 5A",
        starts_in: -50,
        days: 5,
        status: ShowcaseStatus::Published,
        exhibitors: 6,
    },
    DemoShowcase {
        slug: "design-et-artisanat-dakar",
        texts: [
            (Locale::Fr, "Design et artisanat — Dakar", "Brouillon : sélection en cours."),
            (Locale::En, "Design and crafts — Dakar", "Draft: selection under way."),
            (Locale::Ar, "التصميم والصناعة التقليدية — داكار", "مسودة: الاختيار جارٍ."),
            (Locale::Es, "Diseño y artesanía — Dakar", "Borrador: selección en curso."),
        ],
        event: "Salon du design africain",
        city: "Dakar",
        venue: "CICAD",
        starts_in: 90,
        days: 4,
        status: ShowcaseStatus::Draft,
        exhibitors: 3,
    },
];

/// Writes the demo organiser and its showcases, and a demo administrator
/// (who sees drafts); returns how many showcases.
pub async fn seed(db: &impl ConnectionTrait, password_hash: &str, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let account = |email: &str, name: &str, role: &str| users::ActiveModel {
        email: Set(email.to_owned()),
        password_hash: Set(password_hash.to_owned()),
        display_name: Set(name.to_owned()),
        role: Set(role.to_owned()),
        status: Set(app::domain::AccountStatus::Active.slug().to_owned()),
        locale: Set("fr".to_owned()),
        email_verified_at: Set(Some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let mut national = account(DEMO_ADMIN_EMAIL, "Demo trade office (national team)", "admin");
    national.office = Set(Some(app::domain::Office::National.slug().to_owned()));
    national.insert(db).await?;
    let organiser = account(DEMO_ORGANISER_EMAIL, "Demo organiser (Marrakech)", "organiser").insert(db).await?;
    let founder = app::domain::Seat {
        kind: app::domain::TeamKind::Organiser,
        company_id: organiser.id,
        role: app::domain::TeamRole::Owner,
    };
    crate::repo::team_member::insert(db, founder, organiser.id, organiser.created_at).await?;
    // One producer per region in turn, so every region with producers shows.
    let all = producers::Entity::find().order_by_asc(producers::Column::Id).all(db).await?;
    let mut by_region: Vec<Vec<producers::Model>> = Vec::new();
    for producer in all {
        match by_region.iter_mut().find(|group| group[0].region == producer.region) {
            Some(group) => group.push(producer),
            None => by_region.push(vec![producer]),
        }
    }
    let mut picked = Vec::new();
    for round in 0.. {
        let before = picked.len();
        for group in &by_region {
            if let Some(producer) = group.get(round) {
                picked.push(producer.clone());
            }
        }
        if picked.len() == before || picked.len() >= 40 {
            break;
        }
    }
    let today = now.date_naive();
    let mut next = 0;
    for demo in &SHOWCASES {
        let starts = today + Duration::days(demo.starts_in);
        let showcase = showcases::ActiveModel {
            organiser_user_id: Set(organiser.id),
            slug: Set(demo.slug.to_owned()),
            title: Set(demo.texts[0].1.to_owned()),
            description: Set(String::new()),
            event_name: Set(Some(demo.event.to_owned())),
            event_city: Set(Some(demo.city.to_owned())),
            venue: Set(Some(demo.venue.to_owned())),
            starts_on: Set(Some(starts)),
            ends_on: Set(Some(starts + Duration::days(demo.days - 1))),
            themes: Set(Some("[\"AfCFTA\",\"agrifood\",\"cooperatives\"]".to_owned())),
            cover_key: Set(None),
            cover_width: Set(None),
            cover_height: Set(None),
            status: Set(demo.status.slug().to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        showcase_translations::Entity::insert_many(demo.texts.iter().map(|(locale, title, description)| {
            showcase_translations::ActiveModel {
                showcase_id: Set(showcase.id),
                locale: Set(locale.code().to_owned()),
                title: Set((*title).to_owned()),
                description: Set((*description).to_owned()),
            }
        }))
        .exec_without_returning(db)
        .await?;
        let mut item_position = 0;
        for (position, producer) in picked.iter().cycle().skip(next).take(demo.exhibitors).enumerate() {
            showcase_exhibitors::ActiveModel {
                showcase_id: Set(showcase.id),
                producer_id: Set(producer.id),
                position: Set(position as i32),
                note: Set(Some(NOTES[position % NOTES.len()].to_owned())),
                stand: Set(Some(format!("B{:02}", position + 1))),
            }
            .insert(db)
            .await?;
            let featured = listings::Entity::find()
                .filter(listings::Column::ProducerId.eq(producer.id))
                .filter(listings::Column::Status.eq(app::domain::ListingStatus::Published.slug()))
                .order_by_asc(listings::Column::Id)
                .all(db)
                .await?;
            for listing in featured.into_iter().take(2) {
                showcase_items::ActiveModel {
                    showcase_id: Set(showcase.id),
                    listing_id: Set(listing.id),
                    position: Set(item_position),
                    note: Set(None),
                }
                .insert(db)
                .await?;
                item_position += 1;
            }
        }
        next += demo.exhibitors;
    }
    Ok(SHOWCASES.len())
}
