//! The twelve regions of Morocco (decree 2-15-40 of 2015): origin of every
//! producer and listing. Names are in the locale files under `region.<slug>`.

use super::slug_enum::slug_enum;

slug_enum! {
    /// An administrative region of Morocco.
    Region, "region_name" {
        TangerTetouanAlHoceima => "tanger-tetouan-al-hoceima",
        Oriental => "oriental",
        FesMeknes => "fes-meknes",
        RabatSaleKenitra => "rabat-sale-kenitra",
        BeniMellalKhenifra => "beni-mellal-khenifra",
        CasablancaSettat => "casablanca-settat",
        MarrakechSafi => "marrakech-safi",
        DraaTafilalet => "draa-tafilalet",
        SoussMassa => "souss-massa",
        GuelmimOuedNoun => "guelmim-oued-noun",
        LaayouneSakiaElHamra => "laayoune-sakia-el-hamra",
        DakhlaOuedEdDahab => "dakhla-oued-ed-dahab",
    }
}

impl Region {
    /// The official two-digit code (01 to 12).
    pub fn code(self) -> &'static str {
        const CODES: [&str; 12] = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];
        CODES[self as usize]
    }

    /// The key of the regional capital's name in the locale files.
    pub fn capital_key(self) -> String {
        format!("region_capital.{}", self.slug())
    }

    /// The key of the sentence naming the region's typical exports.
    pub fn highlights_key(self) -> String {
        format!("region_highlights.{}", self.slug())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_regions_with_codes_in_order() {
        assert_eq!(Region::ALL.len(), 12);
        assert_eq!(Region::TangerTetouanAlHoceima.code(), "01");
        assert_eq!(Region::DakhlaOuedEdDahab.code(), "12");
        for region in Region::ALL {
            assert_eq!(Region::from_slug(region.slug()), Some(*region));
        }
    }
}
