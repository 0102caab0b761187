//! Company facts buyers read on a producer's profile: legal form, size band,
//! units of sale.

use super::slug_enum::slug_enum;

slug_enum! {
    /// The legal form of a producer.
    LegalForm, "legal_form" {
        Company => "company",
        Cooperative => "cooperative",
        Gie => "gie",
    }
}

slug_enum! {
    /// Number of employees, in the bands buyers compare suppliers by.
    SizeBand, "size_band" {
        Micro => "1-9",
        Small => "10-49",
        Medium => "50-249",
        Large => "250-plus",
    }
}

slug_enum! {
    /// The unit a quantity (minimum order, capacity) is counted in.
    Unit, "unit" {
        Kilogram => "kg",
        Tonne => "tonne",
        Litre => "litre",
        Piece => "piece",
        Carton => "carton",
        Pallet => "pallet",
        Container20 => "container-20ft",
        Container40 => "container-40ft",
        SquareMetre => "m2",
        Set => "set",
        Pair => "pair",
    }
}
