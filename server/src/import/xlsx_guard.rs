//! What an XLSX must not claim before calamine may open it. calamine sizes
//! its work from numbers written in the file: a dense grid from the highest
//! cell reference (`<c r="XFD1048576">` alone asked for 512 GiB and ended
//! the process), a vector from `uniqueCount` in `sharedStrings.xml` (10^18
//! panicked). This pass reads every XML entry once with a streaming reader,
//! in buffers bounded by the archive's own limits, and refuses a sheet whose
//! rows, columns, cells or string count go past what a catalogue of
//! `IMPORT_MAX_ROWS` rows can hold. It allocates nothing in proportion to any
//! number it reads. The declared `<dimension>` is not refused: calamine
//! reserves from it only below 100,000 cells, and LibreOffice writes
//! whole-sheet dimensions (`A1:AMJ1048576`) for ordinary sheets.

use std::io::{BufReader, Read};

use app::domain::{IMPORT_COLUMNS, IMPORT_MAX_ROWS};
use quick_xml::events::{BytesStart, Event};

/// Highest row number a sheet may reach (1-based): the rows, the header
/// and as many blank lines again (people leave gaps).
pub const MAX_SHEET_ROW: u32 = 2 * IMPORT_MAX_ROWS as u32 + 1;
/// Highest column a sheet may reach (1-based): twice the template's width,
/// for notes people keep beside their listings (they are refused later,
/// by name, when they have no header).
pub const MAX_SHEET_COLUMN: u32 = 2 * IMPORT_COLUMNS.len() as u32;
/// Most cells (and shared strings) a sheet may hold.
const MAX_CELLS: u64 = MAX_SHEET_ROW as u64 * MAX_SHEET_COLUMN as u64;

/// Why a workbook was refused before it was opened.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A row, a cell or the string table reaches past the limits.
    TooBig,
    /// The XML cannot be read at all.
    Malformed,
}

/// What the scan has seen so far in one entry.
#[derive(Default)]
struct Scan {
    /// Rows seen: the position of a row without `r`.
    rows: u32,
    /// The current row (1-based), from its `r` or its position.
    row: u32,
    /// Cells of the current row: the position of a cell without `r`.
    cells_in_row: u32,
    cells: u64,
}

/// A cell reference's (row, column), both 1-based; `None` when it is not one.
/// Saturates rather than overflows: a huge number is still refused.
fn reference(text: &[u8]) -> Option<(u32, u32)> {
    let letters = text.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (column, row) = text.split_at(letters);
    if column.is_empty() || row.is_empty() || !row.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let column = column
        .iter()
        .fold(0u32, |n, b| n.saturating_mul(26).saturating_add(u32::from(b.to_ascii_uppercase() - b'A') + 1));
    let row = row.iter().fold(0u32, |n, b| n.saturating_mul(10).saturating_add(u32::from(b - b'0')));
    Some((row, column))
}

/// A whole number attribute, saturating; `None` when it is not a number.
fn number(text: &[u8]) -> Option<u64> {
    (!text.is_empty() && text.iter().all(u8::is_ascii_digit))
        .then(|| text.iter().fold(0u64, |n, b| n.saturating_mul(10).saturating_add(u64::from(b - b'0'))))
}

fn attribute(element: &BytesStart<'_>, name: &str) -> Result<Option<Vec<u8>>, Refusal> {
    for attribute in element.attributes().with_checks(false) {
        let attribute = attribute.map_err(|_| Refusal::Malformed)?;
        if attribute.key.local_name().as_ref() == name {
            return Ok(Some(attribute.value.as_bytes().to_vec()));
        }
    }
    Ok(None)
}

fn within(row: u32, column: u32) -> Result<(), Refusal> {
    if row == 0 || row > MAX_SHEET_ROW || column == 0 || column > MAX_SHEET_COLUMN {
        return Err(Refusal::TooBig);
    }
    Ok(())
}

impl Scan {
    fn element(&mut self, element: &BytesStart<'_>) -> Result<(), Refusal> {
        match element.local_name().as_ref() {
            "row" => {
                self.rows = self.rows.saturating_add(1);
                self.row = match attribute(element, "r")? {
                    Some(r) => number(&r).and_then(|n| u32::try_from(n).ok()).ok_or(Refusal::TooBig)?,
                    None => self.rows.max(self.row.saturating_add(1)),
                };
                self.cells_in_row = 0;
                within(self.row.max(1), 1)
            }
            "c" => {
                self.cells_in_row = self.cells_in_row.saturating_add(1);
                self.cells += 1;
                if self.cells > MAX_CELLS {
                    return Err(Refusal::TooBig);
                }
                match attribute(element, "r")? {
                    Some(r) => {
                        let (row, column) = reference(&r).ok_or(Refusal::Malformed)?;
                        self.cells_in_row = self.cells_in_row.max(column);
                        within(row, column)
                    }
                    None => within(self.row.max(1), self.cells_in_row),
                }
            }
            "sst" => {
                for name in ["uniqueCount", "count"] {
                    if let Some(count) = attribute(element, name)?
                        && number(&count).is_none_or(|n| n > MAX_CELLS)
                    {
                        return Err(Refusal::TooBig);
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

/// Reads one XML entry through, refusing at the first claim past the limits.
pub fn check_xml(entry: impl Read) -> Result<(), Refusal> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(entry));
    let mut scan = Scan::default();
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        match reader.read_event_into(&mut buffer).map_err(|_| Refusal::Malformed)? {
            Event::Start(element) | Event::Empty(element) => scan.element(&element)?,
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(xml: &str) -> Result<(), Refusal> {
        check_xml(xml.as_bytes())
    }

    #[test]
    fn references_read_as_row_and_column() {
        assert_eq!(reference(b"A1"), Some((1, 1)));
        assert_eq!(reference(b"f20"), Some((20, 6)));
        assert_eq!(reference(b"XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(reference(b"ZZZZZZZZZZ99999999999999"), Some((u32::MAX, u32::MAX)));
        assert_eq!(reference(b"12"), None);
        assert_eq!(reference(b"A"), None);
    }

    #[test]
    fn a_catalogue_sheet_passes() {
        let sheet = r#"<worksheet><dimension ref="A1:AMJ1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row><c/><c/></row></sheetData></worksheet>"#;
        assert_eq!(check(sheet), Ok(()));
        assert_eq!(check(r#"<sst uniqueCount="120" count="400"><si><t>a</t></si></sst>"#), Ok(()));
    }

    #[test]
    fn numbers_past_the_limits_are_refused() {
        for sheet in [
            r#"<worksheet><sheetData><row r="1048576"><c r="F1048576"/></row></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row r="1"><c r="XFD1"/></row></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row r="99999999999999999999"/></sheetData></worksheet>"#,
            r#"<sst uniqueCount="1000000000000000000"/>"#,
            r#"<sst count="-1"/>"#,
        ] {
            assert_eq!(check(sheet), Err(Refusal::TooBig), "{sheet}");
        }
        let wide = format!("<worksheet><sheetData><row>{}</row></sheetData></worksheet>", "<c/>".repeat(61));
        assert_eq!(check(&wide), Err(Refusal::TooBig));
        assert_eq!(check("<worksheet><row r=\"1\"><c r=\"1A\"/></row></worksheet>"), Err(Refusal::Malformed));
    }
}
