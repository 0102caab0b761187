//! Bulk catalogue import: the sheet's template (one column per
//! field and per language), a row read into the listing form the editor
//! posts (so a row is checked by exactly the editor's rules), and what the
//! preview shows before anything is written.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::AppError;
use super::listing_form::ListingForm;
use super::locale::Locale;

/// Most rows a sheet may have.
pub const IMPORT_MAX_ROWS: usize = 5_000;
/// Largest sheet accepted, in bytes (a bigger body is refused before it is read).
pub const IMPORT_MAX_BYTES: usize = 10 * 1024 * 1024;
/// Rows of the preview listed one by one.
pub const PREVIEW_LINES: usize = 50;

/// The template's columns, in order. `listing_id` empty creates a listing,
/// a number updates that listing; list columns take slugs separated by
/// commas; `status` is `draft` (the default) or `published`.
pub const IMPORT_COLUMNS: [&str; 30] = [
    "listing_id",
    "status",
    "sector",
    "subsector",
    "hs_code",
    "origin_region",
    "moq_amount",
    "moq_unit",
    "price_min",
    "price_max",
    "currency",
    "incoterms",
    "port_of_loading",
    "lead_time_days",
    "capacity_amount",
    "capacity_unit",
    "certifications",
    "origin_labels",
    "title_fr",
    "description_fr",
    "title_en",
    "description_en",
    "title_ar",
    "description_ar",
    "title_es",
    "description_es",
    "title_zh",
    "description_zh",
    "title_pt",
    "description_pt",
];

/// The columns whose cells hold several slugs.
const LIST_COLUMNS: [&str; 3] = ["incoterms", "certifications", "origin_labels"];

/// What a row does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowAction {
    Create,
    Update(i64),
}

/// A row read and checked, ready to write.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    /// The row's number in the sheet (the header is row 1).
    pub row: usize,
    pub action: RowAction,
    pub publish: bool,
    pub form: ListingForm,
}

/// A problem with one cell, named by row and column; `reason` is a message
/// key (`invalid.hs_code`), shown in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    pub row: usize,
    pub column: String,
    pub reason: String,
}

/// A row of the preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewLine {
    pub row: usize,
    pub action: RowAction,
    pub title: String,
    pub publish: bool,
}

/// What an import will do, shown before anything is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    /// Names the checked sheet for the confirmation (empty when refused).
    pub token: String,
    pub producer: String,
    pub rows: usize,
    pub creates: usize,
    pub updates: usize,
    /// Every problem; nothing can be written while there is one.
    pub problems: Vec<RowProblem>,
    /// The first rows, for a look before confirming.
    pub lines: Vec<PreviewLine>,
}

/// The import page: whose catalogue, and the preview of a checked sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPage {
    pub producer: String,
    pub preview: Option<ImportPreview>,
}

/// Reads one sheet row (`cells` by column name) into the listing form and
/// what it does. The first problem comes back named by its column.
pub fn read_row(row: usize, cells: &BTreeMap<String, String>) -> Result<ImportRow, RowProblem> {
    let problem = |column: &str, reason: &str| RowProblem { row, column: column.to_owned(), reason: reason.to_owned() };
    let cell = |name: &str| cells.get(name).map(|value| value.trim().to_owned()).unwrap_or_default();
    let action = match cell("listing_id") {
        id if id.is_empty() => RowAction::Create,
        id => RowAction::Update(
            id.parse().ok().filter(|id| *id > 0).ok_or_else(|| problem("listing_id", "invalid.number"))?,
        ),
    };
    let publish = match cell("status").as_str() {
        "" | "draft" => false,
        "published" => true,
        _ => return Err(problem("status", "invalid.choice")),
    };
    let ticked = |name: &str| -> BTreeMap<String, String> {
        cell(name)
            .split([',', ';'])
            .map(str::trim)
            .filter(|slug| !slug.is_empty())
            // Incoterms are written in capitals, every other slug in lower case.
            .map(|slug| if name == "incoterms" { slug.to_uppercase() } else { slug.to_lowercase() })
            .map(|slug| (slug, "on".to_owned()))
            .collect()
    };
    let mut title = BTreeMap::new();
    let mut description = BTreeMap::new();
    for locale in Locale::ALL {
        let code = locale.code();
        let (t, d) = (cell(&format!("title_{code}")), cell(&format!("description_{code}")));
        if !t.is_empty() {
            title.insert(code.to_owned(), t);
        }
        if !d.is_empty() {
            description.insert(code.to_owned(), d);
        }
    }
    let price_min = cell("price_min");
    let form = ListingForm {
        title,
        description,
        sector: cell("sector"),
        subsector: cell("subsector"),
        hs_code: cell("hs_code"),
        origin_region: cell("origin_region"),
        moq_amount: cell("moq_amount"),
        moq_unit: cell("moq_unit"),
        price_mode: if price_min.is_empty() { "on_request" } else { "range" }.to_owned(),
        price_min,
        price_max: cell("price_max"),
        currency: cell("currency"),
        incoterms: ticked("incoterms"),
        port_of_loading: cell("port_of_loading"),
        lead_time_days: cell("lead_time_days"),
        capacity_amount: cell("capacity_amount"),
        capacity_unit: cell("capacity_unit"),
        certifications: ticked("certifications"),
        origin_labels: ticked("origin_labels"),
    };
    form.validate().map_err(|error| match error {
        AppError::Invalid { field, reason } => problem(&column_of(&field), &reason),
        _ => problem("", "invalid.choice"),
    })?;
    Ok(ImportRow { row, action, publish, form })
}

/// The sheet column a form field's error belongs to.
fn column_of(field: &str) -> String {
    match field {
        "title" => "title_fr".to_owned(),
        "price_mode" => "price_min".to_owned(),
        other => other.to_owned(),
    }
}

/// Checks the header row: every column must be one of the template's, and
/// none twice. Returns the problem's column name and reason.
pub fn check_header(header: &[String]) -> Result<(), RowProblem> {
    let mut seen = Vec::new();
    for name in header {
        let name = name.trim();
        let problem = |reason: &str| RowProblem { row: 1, column: name.to_owned(), reason: reason.to_owned() };
        if !IMPORT_COLUMNS.contains(&name) {
            return Err(problem("import.unknown_column"));
        }
        if seen.contains(&name) {
            return Err(problem("import.duplicate_column"));
        }
        seen.push(name);
    }
    if !seen.contains(&"sector") {
        return Err(RowProblem { row: 1, column: "sector".into(), reason: "import.missing_column".into() });
    }
    Ok(())
}

/// Whether a column holds slugs separated by commas.
pub fn is_list_column(column: &str) -> bool {
    LIST_COLUMNS.contains(&column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn a_row_becomes_the_editors_form() {
        let row = read_row(
            2,
            &cells(&[
                ("sector", "agrifood"),
                ("title_fr", "Huile d'olive"),
                ("title_ar", "زيت الزيتون"),
                ("incoterms", "FOB, cif"),
                ("price_min", "4,50"),
                ("currency", "EUR"),
                ("status", "published"),
            ]),
        )
        .unwrap();
        assert_eq!((row.row, row.action, row.publish), (2, RowAction::Create, true));
        assert_eq!(row.form.price_mode, "range");
        assert_eq!(row.form.incoterms.keys().collect::<Vec<_>>(), ["CIF", "FOB"]);
        let update = read_row(3, &cells(&[("listing_id", "42"), ("sector", "agrifood"), ("title_en", "Olive oil")]));
        assert_eq!(update.unwrap().action, RowAction::Update(42));
    }

    #[test]
    fn a_bad_cell_is_named_by_row_and_column() {
        let problem = |pairs: &[(&str, &str)]| read_row(7, &cells(pairs)).unwrap_err();
        let base = [("sector", "agrifood"), ("title_fr", "Miel")];
        assert_eq!(problem(&[("sector", "agrifood")]).column, "title_fr");
        let hs = problem(&[base[0], base[1], ("hs_code", "12")]);
        assert_eq!((hs.row, hs.column.as_str(), hs.reason.as_str()), (7, "hs_code", "invalid.hs_code"));
        assert_eq!(problem(&[base[0], base[1], ("listing_id", "x")]).column, "listing_id");
        assert_eq!(problem(&[base[0], base[1], ("status", "live")]).column, "status");
        assert_eq!(problem(&[("sector", "spaceships"), base[1]]).column, "sector");
        assert_eq!(problem(&[base[0], base[1], ("price_min", "abc")]).column, "price_min");
    }

    #[test]
    fn the_header_names_only_template_columns() {
        let header = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
        assert!(check_header(&header(&IMPORT_COLUMNS)).is_ok());
        assert_eq!(check_header(&header(&["sector", "colour"])).unwrap_err().column, "colour");
        assert_eq!(
            check_header(&header(&["sector", "title_fr", "sector"])).unwrap_err().reason,
            "import.duplicate_column"
        );
        assert_eq!(check_header(&header(&["title_fr"])).unwrap_err().reason, "import.missing_column");
        assert!(is_list_column("incoterms") && !is_list_column("sector"));
    }
}
