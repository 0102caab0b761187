//! Incoterms 2020: the delivery terms a listing offers. The three-letter codes
//! are international and shown as they are; the full names are translated.

use super::slug_enum::slug_enum;

slug_enum! {
    /// An Incoterms 2020 rule.
    Incoterm, "incoterm" {
        Exw => "EXW",
        Fca => "FCA",
        Cpt => "CPT",
        Cip => "CIP",
        Dap => "DAP",
        Dpu => "DPU",
        Ddp => "DDP",
        Fas => "FAS",
        Fob => "FOB",
        Cfr => "CFR",
        Cif => "CIF",
    }
}
