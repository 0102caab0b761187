//! Generates the demo catalogue as plain data, deterministically: producers
//! across all twelve regions and their listings. A producer sells what its
//! name, sector and region say (a second sector only where one trade leads
//! to the other: seafood companies sell seafood, aircraft suppliers do not
//! press olive oil). Texts are in French and English, with a real share in
//! Arabic, Spanish, Portuguese and Chinese (`product_texts`).

use app::domain::{Certification, Currency, Incoterm, LegalForm, Locale, OriginLabel, Region, Sector, SizeBand, Unit};

use super::products::{PRODUCTS, Product};
use super::regions::{MARKETS, PROFILES, RegionProfile};
use super::rng::DemoRng;
use super::texts::{descriptions, grade, producer_name};
use crate::slug::slugify;

pub struct DemoProducer {
    pub slug: String,
    pub legal_name: String,
    pub trade_name: String,
    pub ice: String,
    pub legal_form: LegalForm,
    pub region: Region,
    pub city: String,
    pub sectors: Vec<Sector>,
    pub year_founded: i32,
    pub size_band: SizeBand,
    pub export_markets: Vec<String>,
    pub languages: Vec<String>,
    pub verified: bool,
    pub descriptions: Vec<(Locale, String)>,
    pub certifications: Vec<(Certification, String)>,
    /// Days after 2025-01-01 the producer joined.
    pub joined_day: i64,
    pub listings: Vec<DemoListing>,
}

pub struct DemoListing {
    /// The product family (`Product::id`), which the relevance set judges.
    pub family: &'static str,
    pub slug: String,
    pub published: bool,
    pub sector: Sector,
    pub hs_code: String,
    pub origin_region: Region,
    pub moq: (i64, Unit),
    /// (min, max, currency) in minor units, or `None` for "on request".
    pub price: Option<(i64, i64, Currency)>,
    pub incoterms: Vec<Incoterm>,
    pub certifications: Vec<Certification>,
    pub origin_labels: Vec<OriginLabel>,
    pub port: String,
    pub lead_time_days: i32,
    pub capacity: (i64, Unit),
    pub texts: Vec<(Locale, String, String)>,
    /// Days after 2025-01-01 the listing was published.
    pub published_day: i64,
    /// Indexes into the sector's placeholder photos, cover first.
    pub photos: Vec<usize>,
}

/// Placeholder photos generated per sector.
pub const PHOTOS_PER_SECTOR: usize = 3;
/// Days from 2025-01-01 to the newest demo listing (2026-11-20).
const LAST_DAY: i64 = 688;

fn incoterms_for(sector: Sector, rng: &mut DemoRng) -> Vec<Incoterm> {
    use Incoterm::*;
    let pool: &[Incoterm] = match sector {
        Sector::FreshProduce | Sector::Fishery | Sector::Phosphates => &[Fob, Cfr, Cif, Fca],
        Sector::Automotive | Sector::Aeronautics | Sector::Electronics | Sector::Pharmaceuticals => {
            &[Exw, Fca, Dap, Ddp]
        }
        _ => &[Exw, Fca, Fob, Cif, Dap],
    };
    let count = rng.range(1, 3) as usize;
    rng.some_of(pool, count)
}

fn price(product: &Product, sector: Sector, rng: &mut DemoRng) -> Option<(i64, i64, Currency)> {
    let on_request = match sector {
        Sector::Automotive | Sector::Aeronautics | Sector::Phosphates | Sector::Pharmaceuticals => 40,
        _ => 10,
    };
    if rng.chance(on_request) {
        return None;
    }
    let (low, high) = product.price_eur_cents;
    let min = rng.range(low, low + (high - low) / 2);
    let max = rng.range(min, high);
    let (factor, currency) = match rng.range(0, 9) {
        0..=5 => (100, Currency::Eur),
        6..=8 => (108, Currency::Usd),
        _ => (1080, Currency::Mad),
    };
    // Round to whole units above 100, to cents otherwise, as sellers do.
    let convert = |eur: i64| {
        let value = eur * factor / 100;
        if value >= 10_000 { value / 100 * 100 } else { value }
    };
    Some((convert(min), convert(max), currency))
}

fn products_for(region: Region, sector: Sector) -> Vec<&'static Product> {
    PRODUCTS.iter().filter(|p| p.sector == sector && (p.regions.is_empty() || p.regions.contains(&region))).collect()
}

/// The sectors a producer of `sector` may also sell in: those one trade
/// leads to (food and its cooperatives, crafts and their textiles and
/// building materials, cars and their electrics). Fishery, phosphates,
/// aircraft parts and medicines stand alone.
fn companions(sector: Sector) -> &'static [Sector] {
    use Sector::*;
    match sector {
        Agrifood => &[FreshProduce, SocialEconomy],
        FreshProduce => &[Agrifood],
        SocialEconomy => &[Agrifood, CosmeticsArgan, Crafts],
        CosmeticsArgan => &[SocialEconomy],
        Crafts => &[TextileLeather, BuildingMaterials, SocialEconomy],
        TextileLeather => &[Crafts],
        BuildingMaterials => &[Crafts],
        Automotive => &[Electronics],
        Electronics => &[Automotive],
        Fishery | Phosphates | Aeronautics | Pharmaceuticals => &[],
    }
}

/// "du port de Safi", "du port d'Agadir": French elides before a vowel.
pub(super) fn of_place_fr(place: &str) -> String {
    let elides = place.chars().next().is_some_and(|c| {
        matches!(c.to_lowercase().next(), Some('a' | 'e' | 'i' | 'o' | 'u' | 'é' | 'è' | 'â' | 'î' | 'ô' | 'h'))
    });
    if elides { format!("d'{place}") } else { format!("de {place}") }
}

/// The texts of one listing in the four languages beyond French and
/// English, each written for a share of the listings.
fn translated_texts(product: &Product, variant: usize, rng: &mut DemoRng) -> Vec<(Locale, String, String)> {
    let Some(translated) = super::product_texts::translated(product.id) else { return Vec::new() };
    let mut texts = Vec::new();
    for (locale, share, text) in [
        (Locale::Ar, 70, &translated.ar),
        (Locale::Es, 60, &translated.es),
        (Locale::Pt, 60, &translated.pt),
        (Locale::Zh, 50, &translated.zh),
    ] {
        if rng.chance(share) {
            let title = match text.variants.get(variant) {
                Some(packaging) => format!("{} – {packaging}", text.title),
                None => text.title.to_owned(),
            };
            texts.push((locale, title, text.about.to_owned()));
        }
    }
    texts
}

fn listing(producer: &DemoProducer, profile: &RegionProfile, product: &Product, rng: &mut DemoRng) -> DemoListing {
    let variant = rng.range(0, product.variants.len() as i64 - 1) as usize;
    let (variant_fr, variant_en) = product.variants[variant];
    let (title_fr, title_en) = match grade(product.sector, rng) {
        Some((grade_fr, grade_en)) => {
            (format!("{} {grade_fr} – {variant_fr}", product.fr), format!("{} {grade_en} – {variant_en}", product.en))
        }
        None => (format!("{} – {variant_fr}", product.fr), format!("{} – {variant_en}", product.en)),
    };
    let moq = rng.range(product.moq.0, product.moq.1);
    let capacity = moq * rng.range(4, 40);
    let lead = rng.range(7, 45) as i32;
    let unit_fr = product.unit.slug();
    let mut texts = vec![
        (
            Locale::Fr,
            title_fr,
            format!(
                "{} Conditionnement : {variant_fr}. Capacité d'environ {capacity} {unit_fr} par mois, expédition depuis le port {} sous {lead} jours après confirmation de commande. Échantillons sur demande.",
                product.about_fr,
                of_place_fr(profile.port)
            ),
        ),
        (
            Locale::En,
            title_en.clone(),
            format!(
                "{} Packaging: {variant_en}. About {capacity} {unit_fr} a month, shipped from the port of {} within {lead} days of order confirmation. Samples on request.",
                product.about_en, profile.port
            ),
        ),
    ];
    texts.extend(translated_texts(product, variant, rng));
    let cert_count = rng.range(0, 3) as usize;
    let photo_count = rng.range(1, 3) as usize;
    DemoListing {
        family: product.id,
        slug: slugify(&title_en),
        published: !rng.chance(4),
        sector: product.sector,
        hs_code: product.hs.to_owned(),
        origin_region: producer.region,
        moq: (moq, product.unit),
        price: price(product, product.sector, rng),
        incoterms: incoterms_for(product.sector, rng),
        certifications: rng.some_of(product.certifications, cert_count),
        origin_labels: product.label.filter(|label| label.region() == producer.region).into_iter().collect(),
        port: profile.port.to_owned(),
        lead_time_days: lead,
        capacity: (capacity, product.unit),
        texts,
        published_day: rng.range(producer.joined_day, LAST_DAY),
        photos: rng.some_of(&(0..PHOTOS_PER_SECTOR).collect::<Vec<_>>(), photo_count),
    }
}

/// The whole demo catalogue.
pub fn demo_catalogue() -> Vec<DemoProducer> {
    let mut rng = DemoRng::new(0x7_2ADE_0A11);
    let mut producers: Vec<DemoProducer> = Vec::new();
    for profile in PROFILES {
        for index in 0..profile.producers {
            let sector = profile.sectors[index % profile.sectors.len()];
            let coop_friendly = matches!(
                sector,
                Sector::Agrifood
                    | Sector::CosmeticsArgan
                    | Sector::Crafts
                    | Sector::SocialEconomy
                    | Sector::FreshProduce
            );
            let legal_form = match (coop_friendly, rng.range(0, 9)) {
                (true, 0..=5) => LegalForm::Cooperative,
                (true, 6) => LegalForm::Gie,
                _ => LegalForm::Company,
            };
            let (mut legal_name, mut trade_name) = producer_name(profile, sector, legal_form, &mut rng);
            for _ in 0..20 {
                if !producers.iter().any(|p| p.trade_name == trade_name) {
                    break;
                }
                (legal_name, trade_name) = producer_name(profile, sector, legal_form, &mut rng);
            }
            let mut slug = slugify(&trade_name);
            if producers.iter().any(|p| p.slug == slug) {
                slug = format!("{slug}-{}", slugify(rng.pick::<&str>(profile.cities)));
            }
            let mut suffix = 2;
            while producers.iter().any(|p| p.slug == slug) {
                slug = format!("{}-{suffix}", slugify(&trade_name));
                suffix += 1;
            }
            let related: Vec<Sector> =
                profile.sectors.iter().copied().filter(|other| companions(sector).contains(other)).collect();
            let sectors = match related.as_slice() {
                [] => vec![sector],
                choices if rng.chance(50) => vec![sector, *rng.pick(choices)],
                _ => vec![sector],
            };
            let market_count = rng.range(0, 6) as usize;
            let mut languages = vec!["ar".to_owned(), "fr".to_owned()];
            if rng.chance(60) {
                languages.push("en".to_owned());
            }
            if rng.chance(25) {
                languages.push("es".to_owned());
            }
            let mut certifications = sectors
                .iter()
                .flat_map(|s| PRODUCTS.iter().filter(move |p| p.sector == *s))
                .flat_map(|p| p.certifications.iter().copied())
                .collect::<Vec<_>>();
            certifications.sort_unstable();
            certifications.dedup();
            let held_count = rng.range(0, 3) as usize;
            let held = rng.some_of(&certifications, held_count);
            let mut producer = DemoProducer {
                slug,
                legal_name,
                trade_name,
                ice: format!("{:015}", 1_000_000_000_000 + rng.range(0, 899_999_999_999)),
                legal_form,
                region: profile.region,
                city: (*rng.pick(profile.cities)).to_owned(),
                sectors,
                year_founded: rng.range(1975, 2024) as i32,
                size_band: match (legal_form, rng.range(0, 9)) {
                    (LegalForm::Company, 0..=2) => SizeBand::Small,
                    (LegalForm::Company, 3..=6) => SizeBand::Medium,
                    (LegalForm::Company, _) => SizeBand::Large,
                    (_, 0..=6) => SizeBand::Micro,
                    _ => SizeBand::Small,
                },
                export_markets: rng.some_of(MARKETS, market_count).into_iter().map(str::to_owned).collect(),
                languages,
                verified: rng.chance(45),
                descriptions: Vec::new(),
                certifications: held
                    .into_iter()
                    .map(|c| (c, format!("{}-{:02}-28", rng.range(2027, 2029), rng.range(1, 12))))
                    .collect(),
                joined_day: rng.range(0, 400),
                listings: Vec::new(),
            };
            let members = rng.range(12, 180);
            producer.descriptions = descriptions(&producer, members, &mut rng);
            let wanted = rng.range(5, 14);
            let choices: Vec<&Product> =
                producer.sectors.iter().flat_map(|s| products_for(profile.region, *s)).collect();
            if choices.is_empty() {
                continue;
            }
            // Each listing is a distinct product and packaging of this producer.
            for _ in 0..wanted * 3 {
                if producer.listings.len() as i64 == wanted {
                    break;
                }
                let product = *rng.pick(&choices);
                let listing = listing(&producer, profile, product, &mut rng);
                if producer.listings.iter().all(|l| l.slug != listing.slug) {
                    producer.listings.push(listing);
                }
            }
            producers.push(producer);
        }
    }
    producers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_every_region_with_enough_producers_and_listings() {
        let catalogue = demo_catalogue();
        assert!(catalogue.len() >= 150, "{} producers", catalogue.len());
        let listings: usize = catalogue.iter().map(|p| p.listings.len()).sum();
        assert!(listings >= 1500, "{listings} listings");
        for region in Region::ALL {
            let here = catalogue.iter().filter(|p| p.region == *region).count();
            assert!(here >= 5, "{region} has {here} producers");
        }
        let coops = catalogue.iter().filter(|p| p.legal_form == LegalForm::Cooperative).count();
        assert!(coops * 5 >= catalogue.len(), "a fair share are cooperatives: {coops}");
        let arabic =
            catalogue.iter().flat_map(|p| &p.listings).filter(|l| l.texts.iter().any(|t| t.0 == Locale::Ar)).count();
        let spanish =
            catalogue.iter().flat_map(|p| &p.listings).filter(|l| l.texts.iter().any(|t| t.0 == Locale::Es)).count();
        let written = |locale: Locale| {
            catalogue.iter().flat_map(|p| &p.listings).filter(|l| l.texts.iter().any(|t| t.0 == locale)).count()
        };
        let (portuguese, chinese) = (written(Locale::Pt), written(Locale::Zh));
        assert!(arabic > 400 && spanish > 300, "ar {arabic}, es {spanish}");
        assert!(portuguese > 300 && chinese > 250, "pt {portuguese}, zh {chinese}");
        for producer in &catalogue {
            for listing in &producer.listings {
                assert!(
                    listing.texts.iter().any(|t| t.0 == Locale::Fr) && listing.texts.iter().any(|t| t.0 == Locale::En)
                );
                assert!(!listing.slug.is_empty() && !listing.photos.is_empty());
            }
        }
    }

    #[test]
    fn producers_sell_what_their_sector_says() {
        for producer in demo_catalogue() {
            for listing in &producer.listings {
                assert!(
                    producer.sectors.contains(&listing.sector),
                    "{} ({:?}) sells {}",
                    producer.trade_name,
                    producer.sectors,
                    listing.family
                );
            }
            if let [first, second] = producer.sectors.as_slice() {
                assert!(companions(*first).contains(second), "{}: {first} with {second}", producer.trade_name);
            }
            let fishery = producer.sectors.contains(&Sector::Fishery);
            assert!(!fishery || producer.sectors.len() == 1, "{} is a seafood company", producer.trade_name);
        }
    }

    #[test]
    fn french_elides_before_a_vowel() {
        assert_eq!(of_place_fr("Agadir"), "d'Agadir");
        assert_eq!(of_place_fr("Safi"), "de Safi");
        assert_eq!(of_place_fr("Tanger Med"), "de Tanger Med");
    }

    #[test]
    fn is_deterministic_and_slugs_are_unique() {
        let (a, b) = (demo_catalogue(), demo_catalogue());
        assert_eq!(a.iter().map(|p| &p.slug).collect::<Vec<_>>(), b.iter().map(|p| &p.slug).collect::<Vec<_>>());
        let mut slugs: Vec<&String> = a.iter().map(|p| &p.slug).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), a.len());
        let mut names: Vec<&String> = a.iter().map(|p| &p.trade_name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), a.len(), "no two producers share a name");
        for producer in &a {
            let mut titles: Vec<&String> = producer.listings.iter().map(|l| &l.slug).collect();
            titles.sort();
            titles.dedup();
            assert_eq!(titles.len(), producer.listings.len(), "{} lists a product twice", producer.trade_name);
        }
    }
}
