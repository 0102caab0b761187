//! What the demo needs to know of each region: its towns, the sectors its
//! producers work in, the port its goods leave from, and local name stems.

use app::domain::{Region as R, Sector as S};

pub struct RegionProfile {
    pub region: R,
    pub cities: &'static [&'static str],
    pub sectors: &'static [S],
    pub port: &'static str,
    /// Words local company names are built from.
    pub stems: &'static [&'static str],
    /// How many producers the demo puts here (at least 5 each).
    pub producers: usize,
}

pub const PROFILES: &[RegionProfile] = &[
    RegionProfile {
        region: R::TangerTetouanAlHoceima,
        cities: &["Tanger", "Tétouan", "Al Hoceïma", "Larache", "Chefchaouen", "Ksar El Kébir"],
        sectors: &[
            S::Automotive,
            S::TextileLeather,
            S::Agrifood,
            S::Fishery,
            S::FreshProduce,
            S::Aeronautics,
            S::Electronics,
            S::SocialEconomy,
        ],
        port: "Tanger Med",
        stems: &["Rif", "Détroit", "Tingis", "Loukkos", "Med", "Boughaz"],
        producers: 18,
    },
    RegionProfile {
        region: R::Oriental,
        cities: &["Oujda", "Berkane", "Nador", "Figuig", "Taourirt"],
        sectors: &[S::FreshProduce, S::Agrifood, S::BuildingMaterials, S::Pharmaceuticals, S::SocialEconomy],
        port: "Nador",
        stems: &["Triffa", "Moulouya", "Oriental", "Beni Snassen", "Zegzel"],
        producers: 12,
    },
    RegionProfile {
        region: R::FesMeknes,
        cities: &["Fès", "Meknès", "Sefrou", "Taza", "Ifrane", "El Hajeb"],
        sectors: &[
            S::Crafts,
            S::TextileLeather,
            S::Agrifood,
            S::FreshProduce,
            S::BuildingMaterials,
            S::SocialEconomy,
            S::Pharmaceuticals,
        ],
        port: "Tanger Med",
        stems: &["Saïss", "Fassia", "Zitoun", "Volubilis", "Sebou", "Médina"],
        producers: 18,
    },
    RegionProfile {
        region: R::RabatSaleKenitra,
        cities: &["Rabat", "Salé", "Kénitra", "Témara", "Khémisset", "Sidi Kacem"],
        sectors: &[S::Automotive, S::FreshProduce, S::Agrifood, S::Electronics, S::Pharmaceuticals],
        port: "Kénitra Atlantique",
        stems: &["Gharb", "Bouregreg", "Zaër", "Mamora", "Chellah"],
        producers: 14,
    },
    RegionProfile {
        region: R::BeniMellalKhenifra,
        cities: &["Béni Mellal", "Khouribga", "Khénifra", "Azilal", "Fquih Ben Salah"],
        sectors: &[S::Phosphates, S::Agrifood, S::FreshProduce, S::SocialEconomy, S::Crafts],
        port: "Casablanca",
        stems: &["Tadla", "Oum Er-Rbia", "Ouzoud", "Atlas"],
        producers: 11,
    },
    RegionProfile {
        region: R::CasablancaSettat,
        cities: &["Casablanca", "Mohammédia", "Settat", "El Jadida", "Berrechid", "Nouaceur"],
        sectors: &[
            S::Aeronautics,
            S::Automotive,
            S::TextileLeather,
            S::Agrifood,
            S::Pharmaceuticals,
            S::Electronics,
            S::BuildingMaterials,
            S::Phosphates,
            S::CosmeticsArgan,
        ],
        port: "Casablanca",
        stems: &["Anfa", "Chaouia", "Doukkala", "Atlantique", "Maghreb", "Midaero"],
        producers: 24,
    },
    RegionProfile {
        region: R::MarrakechSafi,
        cities: &["Marrakech", "Safi", "Essaouira", "El Kelâa des Sraghna", "Chichaoua"],
        sectors: &[
            S::Crafts,
            S::Agrifood,
            S::Fishery,
            S::CosmeticsArgan,
            S::SocialEconomy,
            S::BuildingMaterials,
            S::TextileLeather,
        ],
        port: "Safi",
        stems: &["Tensift", "Mogador", "Haouz", "Asfi", "Menara", "Koutoubia"],
        producers: 20,
    },
    RegionProfile {
        region: R::DraaTafilalet,
        cities: &["Errachidia", "Ouarzazate", "Midelt", "Zagora", "Tinghir", "Kelâat M'Gouna"],
        sectors: &[S::Agrifood, S::FreshProduce, S::CosmeticsArgan, S::Crafts, S::SocialEconomy],
        port: "Agadir",
        stems: &["Tafilalet", "Ziz", "Drâa", "Dadès", "Oasis"],
        producers: 14,
    },
    RegionProfile {
        region: R::SoussMassa,
        cities: &["Agadir", "Taroudant", "Tiznit", "Taliouine", "Inezgane", "Biougra"],
        sectors: &[S::CosmeticsArgan, S::Agrifood, S::FreshProduce, S::Fishery, S::SocialEconomy, S::Crafts],
        port: "Agadir",
        stems: &["Souss", "Argana", "Massa", "Tifawin", "Anti-Atlas"],
        producers: 22,
    },
    RegionProfile {
        region: R::GuelmimOuedNoun,
        cities: &["Guelmim", "Sidi Ifni", "Tan-Tan", "Assa"],
        sectors: &[S::CosmeticsArgan, S::SocialEconomy, S::Agrifood, S::Crafts],
        port: "Agadir",
        stems: &["Noun", "Aït Baâmrane", "Ifni", "Sahara"],
        producers: 8,
    },
    RegionProfile {
        region: R::LaayouneSakiaElHamra,
        cities: &["Laâyoune", "Boujdour", "Tarfaya", "Es-Semara"],
        sectors: &[S::Fishery, S::Phosphates, S::SocialEconomy],
        port: "Laâyoune",
        stems: &["Sakia", "Foum El Oued", "Saharienne"],
        producers: 7,
    },
    RegionProfile {
        region: R::DakhlaOuedEdDahab,
        cities: &["Dakhla", "Aousserd", "Bir Gandouz"],
        sectors: &[S::Fishery, S::FreshProduce, S::SocialEconomy],
        port: "Dakhla",
        stems: &["Dakhla", "Oued Eddahab", "Baie", "Atlantic"],
        producers: 7,
    },
];

/// Words cooperatives are commonly named with.
pub const COOP_NAMES: &[&str] = &[
    "Tifaout",
    "Amal",
    "Nour",
    "Tawada",
    "Ajddigue",
    "Tagmat",
    "Al Baraka",
    "Assafae",
    "Tamount",
    "Ighil",
    "Itran",
    "Tiguemi",
    "Al Amane",
    "Ennakhil",
    "Al Wifaq",
    "Tilila",
    "Afra",
    "Izourane",
    "Tanmia",
    "Al Majd",
];

/// Markets producers already export to (ISO 3166), far markets included.
pub const MARKETS: &[&str] = &[
    "FR", "ES", "DE", "IT", "NL", "BE", "GB", "US", "CA", "BR", "PA", "MX", "CN", "JP", "KR", "IN", "AE", "SA", "QA",
    "EG", "NG", "SN", "CI", "GH", "KE", "ZA", "TR", "CH", "MR",
];
