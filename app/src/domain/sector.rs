//! Export sectors from Morocco's foreign-trade roadmap. Names are in the locale
//! files under `sector.<slug>`.

use super::slug_enum::slug_enum;

slug_enum! {
    /// The sector a producer works in and a listing belongs to.
    Sector, "sector" {
        Agrifood => "agrifood",
        FreshProduce => "fresh-produce",
        Fishery => "fishery",
        CosmeticsArgan => "cosmetics-argan",
        Crafts => "crafts",
        TextileLeather => "textile-leather",
        SocialEconomy => "social-economy",
        Automotive => "automotive",
        Aeronautics => "aeronautics",
        Phosphates => "phosphates",
        BuildingMaterials => "building-materials",
        Pharmaceuticals => "pharmaceuticals",
        Electronics => "electronics",
    }
}
