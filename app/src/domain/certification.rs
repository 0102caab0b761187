//! Certifications buyers filter on, and Morocco's protected origin labels
//! (IGP/AOP). Names are in the locale files.

use super::slug_enum::slug_enum;

slug_enum! {
    /// A quality, food-safety or ethical certification.
    Certification, "certification" {
        Iso9001 => "iso-9001",
        Iso22000 => "iso-22000",
        Haccp => "haccp",
        Brcgs => "brcgs",
        Ifs => "ifs",
        GlobalGap => "globalgap",
        OrganicEu => "organic-eu",
        OrganicUsda => "organic-usda",
        Halal => "halal",
        FairTrade => "fair-trade",
        Ecocert => "ecocert",
        Iatf16949 => "iatf-16949",
        En9100 => "en-9100",
    }
}

slug_enum! {
    /// A Moroccan protected geographical indication (IGP) or designation of
    /// origin (AOP).
    OriginLabel, "origin_label" {
        ArganeIgp => "argane-igp",
        SafranTaliouineAop => "safran-taliouine-aop",
        DattesMajhoulTafilaletIgp => "dattes-majhoul-tafilalet-igp",
        ClementineBerkaneIgp => "clementine-berkane-igp",
        HuileOliveTyoutChiadmaAop => "huile-olive-tyout-chiadma-aop",
        FigueBarbarieAitBaamraneAop => "figue-barbarie-ait-baamrane-aop",
        RoseKelaatMgounaIgp => "rose-kelaat-mgouna-igp",
        FromageChevreChefchaouenIgp => "fromage-chevre-chefchaouen-igp",
        DattesAzizaFiguigAop => "dattes-aziza-figuig-aop",
        MielEuphorbeTadlaAzilalAop => "miel-euphorbe-tadla-azilal-aop",
    }
}

impl OriginLabel {
    /// The region the label's product must come from.
    pub fn region(self) -> super::Region {
        use super::Region;
        match self {
            OriginLabel::ArganeIgp | OriginLabel::SafranTaliouineAop => Region::SoussMassa,
            OriginLabel::DattesMajhoulTafilaletIgp | OriginLabel::RoseKelaatMgounaIgp => Region::DraaTafilalet,
            OriginLabel::ClementineBerkaneIgp | OriginLabel::DattesAzizaFiguigAop => Region::Oriental,
            OriginLabel::HuileOliveTyoutChiadmaAop => Region::MarrakechSafi,
            OriginLabel::FigueBarbarieAitBaamraneAop => Region::GuelmimOuedNoun,
            OriginLabel::FromageChevreChefchaouenIgp => Region::TangerTetouanAlHoceima,
            OriginLabel::MielEuphorbeTadlaAzilalAop => Region::BeniMellalKhenifra,
        }
    }
}
