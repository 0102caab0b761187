//! The free-trade agreements that may give a buyer's country a tariff
//! preference on Moroccan goods (`../shared/design/DOMAIN.md`). A listing
//! page tells a buyer from a covered country that a preference *may* apply
//! and that the rules of origin must be checked; for any other country it
//! says nothing (China, Japan, Korea and India have no agreement).
//!
//! Membership is reference data, checked country by country in the tests
//! below. AfCFTA lists the state parties that had deposited their
//! ratification by mid-2025, written from memory on a machine that cannot
//! reach the African Union's list (au.int): check it there when updating.
//! Signatories that had not ratified are left out, so the hint never
//! promises what is not in force.

use super::CountryCode;
use super::slug_enum::slug_enum;

slug_enum! {
    /// An agreement between Morocco and a group of buyer countries.
    TradeAgreement, "trade_agreement" {
        /// EU–Morocco association agreement (in force 2000).
        EuAssociation => "eu-association",
        /// UK–Morocco association agreement (2021).
        UkAssociation => "uk-association",
        /// EFTA–Morocco free-trade agreement (1999).
        Efta => "efta",
        /// Morocco–United States FTA (2006).
        UnitedStates => "morocco-us-fta",
        /// Morocco–Turkey FTA (2006; some products re-taxed since 2021).
        Turkey => "morocco-turkey-fta",
        /// Agadir agreement with Egypt, Jordan and Tunisia (2007).
        Agadir => "agadir",
        /// Greater Arab Free Trade Area (1998, duty-free since 2005).
        Gafta => "gafta",
        /// Morocco–United Arab Emirates FTA (2003).
        UnitedArabEmirates => "morocco-uae-fta",
        /// African Continental Free Trade Area (trading since 2021).
        Afcfta => "afcfta",
    }
}

const EU_27: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];
const EFTA: &[&str] = &["CH", "LI", "IS", "NO"];
const AGADIR: &[&str] = &["EG", "JO", "TN"];
/// Members of the League of Arab States other than Morocco.
const ARAB_LEAGUE: &[&str] = &[
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN",
    "AE", "YE",
];
/// AfCFTA state parties other than Morocco (ratification deposited).
const AFCFTA: &[&str] = &[
    "DZ", "AO", "BW", "BF", "BI", "CM", "CV", "CF", "TD", "KM", "CG", "CD", "CI", "DJ", "EG", "GQ", "SZ", "ET", "GA",
    "GM", "GH", "GN", "GW", "KE", "LS", "LR", "MW", "ML", "MR", "MU", "MZ", "NA", "NE", "NG", "RW", "ST", "SN", "SC",
    "SL", "ZA", "TZ", "TG", "TN", "UG", "ZM", "ZW",
];

impl TradeAgreement {
    /// The buyer countries the agreement covers (ISO 3166-1 alpha-2).
    pub fn members(self) -> &'static [&'static str] {
        match self {
            TradeAgreement::EuAssociation => EU_27,
            TradeAgreement::UkAssociation => &["GB"],
            TradeAgreement::Efta => EFTA,
            TradeAgreement::UnitedStates => &["US"],
            TradeAgreement::Turkey => &["TR"],
            TradeAgreement::Agadir => AGADIR,
            TradeAgreement::Gafta => ARAB_LEAGUE,
            TradeAgreement::UnitedArabEmirates => &["AE"],
            TradeAgreement::Afcfta => AFCFTA,
        }
    }

    /// The agreements that may give goods shipped to `country` a tariff
    /// preference; empty when none does.
    pub fn covering(country: CountryCode) -> Vec<TradeAgreement> {
        TradeAgreement::ALL
            .iter()
            .copied()
            .filter(|agreement| agreement.members().contains(&country.as_str()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covering(code: &str) -> Vec<TradeAgreement> {
        TradeAgreement::covering(CountryCode::parse(code).expect("a known country"))
    }

    #[test]
    fn every_member_is_a_known_country_and_never_morocco() {
        for agreement in TradeAgreement::ALL {
            for code in agreement.members() {
                assert!(CountryCode::parse(code).is_ok(), "{agreement:?} lists unknown country {code}");
                assert_ne!(*code, "MA", "{agreement:?} lists Morocco itself");
            }
        }
    }

    #[test]
    fn the_european_union_has_27_members_under_the_association_agreement() {
        assert_eq!(EU_27.len(), 27);
        for code in EU_27 {
            assert_eq!(covering(code), [TradeAgreement::EuAssociation], "{code}");
        }
        assert_eq!(covering("GB"), [TradeAgreement::UkAssociation], "the UK left the EU");
    }

    #[test]
    fn europe_outside_the_union() {
        for code in ["CH", "LI", "IS", "NO"] {
            assert_eq!(covering(code), [TradeAgreement::Efta], "{code}");
        }
        assert_eq!(covering("TR"), [TradeAgreement::Turkey]);
        for code in ["RU", "UA", "RS", "AL", "BY"] {
            assert!(covering(code).is_empty(), "{code} has no agreement");
        }
    }

    #[test]
    fn the_americas() {
        assert_eq!(covering("US"), [TradeAgreement::UnitedStates]);
        for code in ["CA", "MX", "BR", "PA", "AR", "CL", "CO", "PE"] {
            assert!(covering(code).is_empty(), "{code} has no agreement");
        }
    }

    #[test]
    fn asia_has_no_agreement_except_the_arab_states() {
        for code in ["CN", "JP", "KR", "IN", "ID", "VN", "PK", "SG", "MY", "TH", "BD"] {
            assert!(covering(code).is_empty(), "{code} has no agreement: say nothing");
        }
        assert_eq!(covering("AE"), [TradeAgreement::Gafta, TradeAgreement::UnitedArabEmirates]);
        for code in ["SA", "QA", "KW", "BH", "OM", "IQ", "LB", "SY", "YE", "PS"] {
            assert_eq!(covering(code), [TradeAgreement::Gafta], "{code}");
        }
        assert_eq!(covering("JO"), [TradeAgreement::Agadir, TradeAgreement::Gafta]);
    }

    #[test]
    fn africa() {
        assert_eq!(covering("EG"), [TradeAgreement::Agadir, TradeAgreement::Gafta, TradeAgreement::Afcfta]);
        assert_eq!(covering("TN"), [TradeAgreement::Agadir, TradeAgreement::Gafta, TradeAgreement::Afcfta]);
        for code in ["DZ", "MR", "DJ", "KM"] {
            assert_eq!(covering(code), [TradeAgreement::Gafta, TradeAgreement::Afcfta], "{code}");
        }
        for code in ["LY", "SD", "SO"] {
            assert_eq!(covering(code), [TradeAgreement::Gafta], "{code}: Arab League, AfCFTA not ratified");
        }
        for code in ["NG", "SN", "CI", "GH", "KE", "ZA", "ET", "RW", "CM", "TZ"] {
            assert_eq!(covering(code), [TradeAgreement::Afcfta], "{code}");
        }
        for code in ["ER", "BJ", "MG", "SS"] {
            assert!(covering(code).is_empty(), "{code}: not an AfCFTA state party");
        }
    }

    #[test]
    fn oceania_has_none() {
        for code in ["AU", "NZ", "FJ"] {
            assert!(covering(code).is_empty(), "{code}");
        }
    }

    #[test]
    fn slugs_are_distinct() {
        let mut slugs: Vec<&str> = TradeAgreement::ALL.iter().map(|agreement| agreement.slug()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), TradeAgreement::ALL.len());
    }
}
