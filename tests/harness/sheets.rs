//! Sheets for the import tests: CSV text, a minimal XLSX workbook written
//! by hand (inline strings, optionally one formula), and a zip bomb dressed
//! as an XLSX.

use std::io::Write;

use zip::write::SimpleFileOptions;

/// A CSV of `rows` (the first is the header), comma-separated, quoted.
pub fn csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in rows {
        out.write_record(row).expect("row");
    }
    out.into_inner().expect("csv")
}

fn column_name(index: usize) -> String {
    let mut name = String::new();
    let mut n = index + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        name.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    name
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn archive(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        out.start_file(*name, SimpleFileOptions::default()).expect("entry");
        out.write_all(bytes).expect("write");
    }
    out.finish().expect("zip").into_inner()
}

const TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Listings" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

fn workbook(sheet: Vec<u8>) -> Vec<u8> {
    archive(&[
        ("[Content_Types].xml", TYPES.as_bytes().to_vec()),
        ("_rels/.rels", RELS.as_bytes().to_vec()),
        ("xl/workbook.xml", WORKBOOK.as_bytes().to_vec()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes().to_vec()),
        ("xl/worksheets/sheet1.xml", sheet),
    ])
}

/// An XLSX of `rows` (inline strings); `formula` puts `=1+1` in that cell
/// (row and column from 0).
pub fn xlsx(rows: &[Vec<String>], formula: Option<(usize, usize)>) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, value) in row.iter().enumerate() {
            let cell = format!("{}{}", column_name(c), r + 1);
            if formula == Some((r, c)) {
                sheet.push_str(&format!(r#"<c r="{cell}"><f>1+1</f><v>2</v></c>"#));
            } else if !value.is_empty() {
                sheet.push_str(&format!(r#"<c r="{cell}" t="inlineStr"><is><t>{}</t></is></c>"#, escape(value)));
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    workbook(sheet.into_bytes())
}

/// A workbook whose one sheet inflates to 80 MB of blanks.
pub fn zip_bomb() -> Vec<u8> {
    workbook(vec![b' '; 80 * 1024 * 1024])
}

/// A two-row XLSX (header and one listing) with one more cell far away, at
/// `reference` (`F1048576`): calamine would size a dense grid from it.
pub fn xlsx_with_far_cell(reference: &str) -> Vec<u8> {
    let row: String = reference.chars().skip_while(char::is_ascii_alphabetic).collect();
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>sector</t></is></c><c r="B1" t="inlineStr"><is><t>title_fr</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>agrifood</t></is></c><c r="B2" t="inlineStr"><is><t>Miel</t></is></c></row><row r="{row}"><c r="{reference}" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#
    );
    workbook(sheet.into_bytes())
}

/// A small XLSX whose shared-string table declares `unique_count` strings
/// (it holds two): calamine would reserve a vector of that length.
pub fn xlsx_with_string_count(unique_count: &str) -> Vec<u8> {
    let sheet = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>"#;
    let strings = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="{unique_count}"><si><t>sector</t></si><si><t>title_fr</t></si></sst>"#
    );
    archive(&[
        ("[Content_Types].xml", TYPES.as_bytes().to_vec()),
        ("_rels/.rels", RELS.as_bytes().to_vec()),
        ("xl/workbook.xml", WORKBOOK.as_bytes().to_vec()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes().to_vec()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes().to_vec()),
        ("xl/sharedStrings.xml", strings.into_bytes()),
    ])
}
