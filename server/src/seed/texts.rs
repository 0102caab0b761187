//! The words of the demo catalogue: producer names, company descriptions in
//! four languages and the quality grades listings are sold in.

use app::domain::{LegalForm, Locale, Sector};

use super::catalogue::DemoProducer;
use super::regions::{COOP_NAMES, RegionProfile};
use super::rng::DemoRng;

pub(super) fn producer_name(
    profile: &RegionProfile,
    sector: Sector,
    form: LegalForm,
    rng: &mut DemoRng,
) -> (String, String) {
    let stem = *rng.pick(profile.stems);
    match form {
        LegalForm::Cooperative => {
            let name = format!("Coopérative {} {}", rng.pick(COOP_NAMES), stem);
            (name.clone(), name)
        }
        LegalForm::Gie => {
            let name = format!("GIE {} {}", rng.pick(COOP_NAMES), stem);
            (name.clone(), name)
        }
        LegalForm::Company => {
            let activity = match sector {
                Sector::Agrifood => *rng.pick(&["Food", "Terroir", "Agro Export", "Délices"]),
                Sector::FreshProduce => *rng.pick(&["Fresh", "Agrumes", "Primeurs", "Farms"]),
                Sector::Fishery => *rng.pick(&["Seafood", "Pêche", "Conserverie", "Marine"]),
                Sector::CosmeticsArgan => *rng.pick(&["Argan", "Cosmétiques", "Naturals"]),
                Sector::Crafts => *rng.pick(&["Artisanat", "Ceramics", "Design", "Heritage"]),
                Sector::TextileLeather => *rng.pick(&["Textile", "Cuirs", "Denim", "Confection"]),
                Sector::SocialEconomy => *rng.pick(&["Solidaire", "Terroir"]),
                Sector::Automotive => *rng.pick(&["Câblage", "Automotive", "Plastiques", "Components"]),
                Sector::Aeronautics => *rng.pick(&["Aero", "Aerostructures", "Précision"]),
                Sector::Phosphates => *rng.pick(&["Fertilisants", "Minerals", "Phosphates"]),
                Sector::BuildingMaterials => *rng.pick(&["Marbres", "Matériaux", "Stone"]),
                Sector::Pharmaceuticals => *rng.pick(&["Pharma", "Laboratoires", "Santé"]),
                Sector::Electronics => *rng.pick(&["Électrique", "Electronics", "Câbles"]),
            };
            let trade = format!("{stem} {activity}");
            let legal = format!("{trade} {}", rng.pick(&["SARL", "SA", "SARL AU"]));
            (legal, trade)
        }
    }
}

pub(super) fn descriptions(p: &DemoProducer, members: i64, rng: &mut DemoRng) -> Vec<(Locale, String)> {
    let products_fr = p.sectors.iter().map(|s| sector_fr(*s)).collect::<Vec<_>>().join(" et ");
    let products_en = p.sectors.iter().map(|s| sector_en(*s)).collect::<Vec<_>>().join(" and ");
    let (fr, en, ar) = match p.legal_form {
        LegalForm::Cooperative | LegalForm::Gie => (
            format!(
                "Fondée en {} à {}, {} réunit {members} adhérentes et adhérents autour de {products_fr}. La coopérative transforme sur place, contrôle chaque lot et se prépare à de nouveaux marchés avec l'appui du bureau régional du commerce extérieur.",
                p.year_founded, p.city, p.trade_name
            ),
            format!(
                "Founded in {} in {}, {} brings together {members} members around {products_en}. The cooperative processes on site, checks every batch and is preparing for new markets with the support of the regional foreign-trade office.",
                p.year_founded, p.city, p.trade_name
            ),
            format!(
                "تأسست {} سنة {} في {}، وتضم {members} عضوا وعضوة. تقوم التعاونية بالتحويل في عين المكان وتراقب جودة كل دفعة، وتستعد لولوج أسواق جديدة.",
                p.trade_name, p.year_founded, p.city
            ),
        ),
        LegalForm::Company => (
            format!(
                "Créée en {} à {}, {} est spécialisée dans {products_fr}. L'entreprise travaille avec des acheteurs exigeants, livre dans les délais annoncés et répond aux demandes de cotation sous 48 heures.",
                p.year_founded, p.city, p.trade_name
            ),
            format!(
                "Established in {} in {}, {} specialises in {products_en}. The company works with demanding buyers, delivers on the lead times it quotes and answers requests for quotation within 48 hours.",
                p.year_founded, p.city, p.trade_name
            ),
            format!(
                "تأسست شركة {} سنة {} في {}، وتعمل مع مشترين من عدة بلدان وتلتزم بآجال التسليم المعلنة.",
                p.trade_name, p.year_founded, p.city
            ),
        ),
    };
    let mut texts = vec![(Locale::Fr, fr), (Locale::En, en)];
    if rng.chance(40) {
        texts.push((Locale::Ar, ar));
    }
    if rng.chance(15) {
        texts.push((
            Locale::Es,
            format!(
                "{} es un productor de {} ({}) que exporta a clientes de varios continentes.",
                p.trade_name,
                p.city,
                p.region.slug()
            ),
        ));
    }
    texts
}

fn sector_fr(sector: Sector) -> &'static str {
    match sector {
        Sector::Agrifood => "les produits du terroir transformés",
        Sector::FreshProduce => "les fruits et légumes frais",
        Sector::Fishery => "les produits de la mer",
        Sector::CosmeticsArgan => "l'argan et la cosmétique naturelle",
        Sector::Crafts => "l'artisanat d'art",
        Sector::TextileLeather => "le textile et le cuir",
        Sector::SocialEconomy => "les produits de l'économie solidaire",
        Sector::Automotive => "les composants automobiles",
        Sector::Aeronautics => "les pièces aéronautiques",
        Sector::Phosphates => "les phosphates et engrais",
        Sector::BuildingMaterials => "les matériaux de construction",
        Sector::Pharmaceuticals => "les produits pharmaceutiques",
        Sector::Electronics => "l'équipement électrique et électronique",
    }
}

fn sector_en(sector: Sector) -> &'static str {
    match sector {
        Sector::Agrifood => "processed regional foods",
        Sector::FreshProduce => "fresh fruit and vegetables",
        Sector::Fishery => "seafood",
        Sector::CosmeticsArgan => "argan and natural cosmetics",
        Sector::Crafts => "fine crafts",
        Sector::TextileLeather => "textiles and leather",
        Sector::SocialEconomy => "social-economy products",
        Sector::Automotive => "automotive components",
        Sector::Aeronautics => "aerospace parts",
        Sector::Phosphates => "phosphates and fertilisers",
        Sector::BuildingMaterials => "building materials",
        Sector::Pharmaceuticals => "pharmaceuticals",
        Sector::Electronics => "electrical and electronic equipment",
    }
}

/// A quality grade or range a producer sells a product in, for half the listings.
pub(super) fn grade(sector: Sector, rng: &mut DemoRng) -> Option<(&'static str, &'static str)> {
    let grades: &[(&str, &str)] = match sector {
        Sector::Agrifood | Sector::FreshProduce | Sector::Fishery | Sector::SocialEconomy => &[
            ("(qualité extra)", "(extra grade)"),
            ("(gamme premium)", "(premium range)"),
            ("(catégorie I)", "(class I)"),
        ],
        Sector::CosmeticsArgan => &[("(gamme premium)", "(premium range)"), ("(marque blanche)", "(private label)")],
        Sector::Crafts | Sector::TextileLeather | Sector::BuildingMaterials => &[
            ("(modèle classique)", "(classic design)"),
            ("(modèle contemporain)", "(contemporary design)"),
            ("(sur mesure)", "(made to order)"),
        ],
        _ => &[("(série standard)", "(standard series)"), ("(version renforcée)", "(heavy-duty version)")],
    };
    rng.chance(50).then(|| *rng.pick(grades))
}
