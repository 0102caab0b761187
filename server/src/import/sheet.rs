//! Reading an uploaded sheet into rows of cells by column name: CSV (UTF-8,
//! a byte-order mark allowed) or XLSX (its first worksheet, through
//! calamine). Whatever is wrong with the file as a whole comes back as one
//! `RowProblem` with a message key the page shows in the reader's language:
//! too large, not UTF-8, not a sheet, a zip bomb, a formula, too many rows,
//! an unknown column.
//!
//! Formulas are refused rather than evaluated or kept: a catalogue sheet has
//! no business computing anything, and a formula stored as text would run
//! in the next spreadsheet that opens an export.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use app::domain::{IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, RowProblem, check_header};
use calamine::{Data, Reader, Xlsx};

use super::xlsx_guard;

/// Largest total uncompressed size of an XLSX's entries.
const XLSX_MAX_UNCOMPRESSED: u64 = 50 * 1024 * 1024;
/// Largest compression ratio of an XLSX entry (text XML compresses about
/// 10:1; a zip bomb by thousands).
const XLSX_MAX_RATIO: u64 = 200;

/// A sheet row's cells by column name, with its row number (header = 1).
pub type SheetRow = (usize, BTreeMap<String, String>);

fn whole(reason: &str) -> RowProblem {
    RowProblem { row: 0, column: String::new(), reason: reason.to_owned() }
}

/// Reads `bytes` as a CSV or an XLSX sheet.
pub fn read(bytes: &[u8]) -> Result<Vec<SheetRow>, RowProblem> {
    if bytes.len() > IMPORT_MAX_BYTES {
        return Err(whole("import.too_large"));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(whole("import.empty"));
    }
    let grid = if bytes.starts_with(b"PK\x03\x04") { xlsx_grid(bytes)? } else { csv_grid(bytes)? };
    rows_of(grid)
}

/// The header row, then the data rows (with their numbers; blank rows dropped).
fn rows_of(grid: Vec<Vec<String>>) -> Result<Vec<SheetRow>, RowProblem> {
    // The header is the first row with something in it.
    let skipped = grid.iter().take_while(|cells| cells.iter().all(|cell| cell.trim().is_empty())).count();
    let mut lines = grid.into_iter().skip(skipped);
    let header: Vec<String> = lines.next().ok_or_else(|| whole("import.empty"))?;
    let header: Vec<String> = header.into_iter().map(|name| name.trim().to_lowercase()).collect();
    let width = header.iter().rposition(|name| !name.is_empty()).map_or(0, |last| last + 1);
    let header = header[..width].to_vec();
    check_header(&header)?;
    let mut rows = Vec::new();
    for (index, cells) in lines.enumerate() {
        let row = skipped + index + 2;
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if let Some(extra) = cells.iter().skip(width).position(|cell| !cell.trim().is_empty()) {
            return Err(RowProblem {
                row,
                column: format!("#{}", width + extra + 1),
                reason: "import.no_header".into(),
            });
        }
        if rows.len() == IMPORT_MAX_ROWS {
            return Err(whole("import.too_many_rows"));
        }
        let cells = header.iter().cloned().zip(cells.into_iter().chain(std::iter::repeat(String::new()))).collect();
        rows.push((row, cells));
    }
    if rows.is_empty() {
        return Err(whole("import.empty"));
    }
    Ok(rows)
}

fn csv_grid(bytes: &[u8]) -> Result<Vec<Vec<String>>, RowProblem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Text has no NUL byte: a photo, a PDF or a UTF-16 file does.
    if bytes.contains(&0) {
        return Err(whole("import.not_a_sheet"));
    }
    if std::str::from_utf8(bytes).is_err() {
        return Err(whole("import.not_utf8"));
    }
    // Spreadsheet programs in French write `;`: take whichever the header uses.
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let semicolons = first_line.iter().filter(|b| **b == b';').count();
    let commas = first_line.iter().filter(|b| **b == b',').count();
    let delimiter = if semicolons > commas { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(bytes);
    let mut grid = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|_| RowProblem {
            row: index + 1,
            column: String::new(),
            reason: "import.malformed".into(),
        })?;
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if let Some(column) = cells.iter().position(|cell| looks_like_formula(cell)) {
            return Err(formula(index + 1, column, grid.first()));
        }
        grid.push(cells);
    }
    Ok(grid)
}

/// Text a spreadsheet would run as a formula: it starts with `=`, `+` or `@`.
/// (`-` is left to the export guard: "- 10 %" is common catalogue text.)
fn looks_like_formula(cell: &str) -> bool {
    cell.trim_start().starts_with(['=', '+', '@'])
}

/// A formula at row `row` (1-based), column index `column`, named by the
/// header's name when there is one.
fn formula(row: usize, column: usize, header: Option<&Vec<String>>) -> RowProblem {
    let name = header
        .and_then(|header| header.get(column))
        .map(|name| name.trim().to_lowercase())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| format!("#{}", column + 1));
    RowProblem { row, column: name, reason: "import.formula".into() }
}

/// Refuses an archive whose entries would inflate past the limits, before
/// anything decompresses them.
fn check_archive(bytes: &[u8]) -> Result<(), RowProblem> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| whole("import.not_a_sheet"))?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|_| whole("import.not_a_sheet"))?;
        let (size, compressed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        if total > XLSX_MAX_UNCOMPRESSED || size / compressed > XLSX_MAX_RATIO {
            return Err(whole("import.zip_bomb"));
        }
    }
    Ok(())
}

fn xlsx_grid(bytes: &[u8]) -> Result<Vec<Vec<String>>, RowProblem> {
    check_archive(bytes)?;
    // The declared sizes can lie: read at most the limit from each entry,
    // and every XML entry through the guard, before calamine sizes anything.
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| whole("import.not_a_sheet"))?;
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|_| whole("import.not_a_sheet"))?;
        let is_xml = entry
            .name()
            .map(|name| name.ends_with(".xml") || name.ends_with(".rels"))
            .map_err(|_| whole("import.not_a_sheet"))?;
        let mut limited = (&mut entry).take(XLSX_MAX_UNCOMPRESSED + 1);
        if is_xml {
            xlsx_guard::check_xml(&mut limited).map_err(|refusal| match refusal {
                xlsx_guard::Refusal::TooBig => whole("import.sheet_too_big"),
                xlsx_guard::Refusal::Malformed => whole("import.not_a_sheet"),
            })?;
        }
        let rest = std::io::copy(&mut limited, &mut std::io::sink()).unwrap_or(u64::MAX);
        if rest > XLSX_MAX_UNCOMPRESSED || limited.limit() == 0 {
            return Err(whole("import.zip_bomb"));
        }
    }
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|_| whole("import.not_a_sheet"))?;
    let name = workbook.sheet_names().first().cloned().ok_or_else(|| whole("import.empty"))?;
    let values = workbook.worksheet_range(&name).map_err(|_| whole("import.not_a_sheet"))?;
    let formulas = workbook.worksheet_formula(&name).map_err(|_| whole("import.not_a_sheet"))?;
    // Rows and columns before the used range are empty: put them back so
    // row numbers and columns match what the person sees in their program.
    let (top, left) = values.start().map_or((0, 0), |(row, column)| (row as usize, column as usize));
    let mut grid = vec![Vec::new(); top];
    grid.extend(values.rows().map(|cells| {
        let mut row = vec![String::new(); left];
        row.extend(cells.iter().map(cell_text));
        row
    }));
    let header = grid.iter().find(|cells| cells.iter().any(|cell| !cell.trim().is_empty()));
    if let Some((row, column, _)) = formulas.used_cells().find(|(_, _, formula)| !formula.trim().is_empty()) {
        let (top, left) = formulas.start().map_or((0, 0), |(row, column)| (row as usize, column as usize));
        return Err(formula(top + row + 1, left + column, header));
    }
    // Text that would become a formula in the next program that opens it.
    for (row, cells) in grid.iter().enumerate() {
        if let Some(column) = cells.iter().position(|cell| looks_like_formula(cell)) {
            return Err(formula(row + 1, column, header));
        }
    }
    Ok(grid)
}

/// A cell as text: whole numbers without `.0`, booleans and errors spelled out.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => format!("{}", *number as i64),
        Data::Float(number) => number.to_string(),
        Data::Int(number) => number.to_string(),
        Data::Bool(value) => value.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_come_with_their_numbers_and_blank_rows_drop() {
        let rows = read("\u{feff}sector;title_fr\nagrifood;Miel\n;\nagrifood;Huile\n".as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].0, rows[1].0), (2, 4));
        assert_eq!(rows[1].1["title_fr"], "Huile");
    }

    #[test]
    fn whole_sheet_problems_are_named() {
        let reason = |bytes: &[u8]| read(bytes).unwrap_err().reason;
        assert_eq!(reason(b"sector,title_fr\nagrifood,Caf\xe9\n"), "import.not_utf8");
        assert_eq!(reason(b"sector,title_fr\nagrifood,=1+1\n"), "import.formula");
        assert_eq!(reason(b"sector,title_fr\nagrifood,@SUM(A1)\n"), "import.formula");
        assert_eq!(reason(b"sector,title_fr\nagrifood,+cmd|' /C calc'!A0\n"), "import.formula");
        assert!(read("sector,title_fr\nagrifood,- 10 % en gros\n".as_bytes()).is_ok());
        assert_eq!(read(b"sector,title_fr\nagrifood,=1+1\n").unwrap_err().column, "title_fr");
        assert_eq!(reason(b"sector,colour\n"), "import.unknown_column");
        assert_eq!(reason(b"sector,title_fr\n"), "import.empty");
        assert_eq!(reason(b"PK\x03\x04garbage"), "import.not_a_sheet");
        assert_eq!(reason(&vec![b'a'; IMPORT_MAX_BYTES + 1]), "import.too_large");
    }
}
