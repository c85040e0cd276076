//! Reading a file the user picked into sheets of cells: Excel (xlsx, xls), LibreOffice
//! (ods) and CSV or text, whatever the encoding and separator Korean offices save with.
//!
//! The format is told by the file's first bytes, not its name: a CSV renamed `.xlsx` or a
//! picture renamed `.xls` must get a clear answer, not a crash or garbage.

use std::io::Cursor;

use calamine::{Data, Ods, Reader, Xls, Xlsx};
use chrono::NaiveDate;

use crate::ImportError;

/// The largest file an import reads. A member list of several thousand rows is well under
/// a megabyte; anything near this is not a list a manager keeps.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// The most rows a sheet may have (a national-scale list is ~10,000).
pub const MAX_ROWS: usize = 100_000;

/// The longest text a cell may hold to be imported. A member's address or product list
/// is a few hundred characters; a cell beyond this is a paste gone wrong, and storing it
/// would bloat every sync of the record.
pub const MAX_CELL_CHARS: usize = 5_000;

/// One cell as the importer sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    /// Text longer than [`MAX_CELL_CHARS`] (its length in characters); never imported.
    TooLong(usize),
}

impl Cell {
    /// A text cell, or [`Cell::TooLong`].
    pub fn from_text(text: &str) -> Cell {
        if text.trim().is_empty() {
            return Cell::Empty;
        }
        let chars = text.chars().count();
        if chars > MAX_CELL_CHARS {
            Cell::TooLong(chars)
        } else {
            Cell::Text(text.to_string())
        }
    }
}

impl Cell {
    /// The cell as text, as Excel would show it without a format (for headers, names).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::TooLong(_) => String::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// One sheet: its name and its rows (without wholly empty ones for xlsx), each with the
/// row number Excel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<(u32, Vec<Cell>)>,
}

/// What the file was, for the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    Xlsx,
    Xls,
    Ods,
    Csv,
}

/// How a text file was read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TextEncoding {
    /// `UTF-8` or `EUC-KR` (which is CP949, Korean Windows' code page, in encoding_rs).
    pub encoding: String,
    /// `,`, `;` or a tab.
    pub separator: String,
}

/// A file opened for reading: its format and sheet names; a sheet's cells are read only
/// when asked for, so an unrelated giant sheet in the same workbook costs nothing.
pub struct Workbook {
    pub format: FileFormat,
    pub text: Option<TextEncoding>,
    names: Vec<String>,
    source: Source,
}

enum Source {
    Xlsx(Box<Xlsx<Cursor<Vec<u8>>>>),
    Xls(Box<Xls<Cursor<Vec<u8>>>>),
    Ods(Box<Ods<Cursor<Vec<u8>>>>),
    Text(Sheet),
}

impl Workbook {
    pub fn sheet_names(&self) -> &[String] {
        &self.names
    }

    /// The sheet named `name`, read within the size limits.
    pub fn sheet(&mut self, name: &str) -> Result<Sheet, ImportError> {
        let rows = match &mut self.source {
            Source::Text(sheet) => return Ok(sheet.clone()),
            Source::Xlsx(book) => xlsx_rows(book, name)?,
            Source::Xls(book) => range_rows(book.worksheet_range(name).map_err(|_| ImportError::NotASpreadsheet)?)?,
            Source::Ods(book) => range_rows(book.worksheet_range(name).map_err(|_| ImportError::NotASpreadsheet)?)?,
        };
        Ok(Sheet { name: name.to_string(), rows })
    }
}

/// The most columns a list may have; cells further right (a stray value in column XFD)
/// are not part of any list and are not read.
pub const MAX_COLUMNS: usize = 256;

/// The most non-empty cells a sheet may have (a 10,000-row list of 20 columns is 200,000).
pub const MAX_CELLS: usize = 3_000_000;

/// Opens `bytes`, telling the format by its first bytes.
pub fn read(bytes: &[u8]) -> Result<Workbook, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len(), limit: MAX_FILE_BYTES });
    }
    let workbook = if bytes.starts_with(b"PK\x03\x04") {
        read_zip(bytes)?
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        read_ole(bytes)?
    } else if looks_like_text(bytes) {
        read_text(bytes)?
    } else {
        return Err(ImportError::NotASpreadsheet);
    };
    if workbook.names.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(workbook)
}

fn open(format: FileFormat, source: Source, names: Vec<String>) -> Workbook {
    Workbook { format, text: None, names, source }
}

/// xlsx or ods: both are zip files.
fn read_zip(bytes: &[u8]) -> Result<Workbook, ImportError> {
    if let Ok(book) = calamine::open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes.to_vec())) {
        let names = book.sheet_names();
        return Ok(open(FileFormat::Xlsx, Source::Xlsx(Box::new(book)), names));
    }
    match calamine::open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes.to_vec())) {
        Ok(book) => {
            let names = book.sheet_names();
            Ok(open(FileFormat::Ods, Source::Ods(Box::new(book)), names))
        }
        Err(calamine::OdsError::Password) => Err(ImportError::PasswordProtected),
        Err(_) => Err(ImportError::NotASpreadsheet),
    }
}

/// An OLE compound file: an old .xls, or any Office file saved with a password (Excel
/// wraps an encrypted xlsx in one).
fn read_ole(bytes: &[u8]) -> Result<Workbook, ImportError> {
    match calamine::open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes.to_vec())) {
        Err(calamine::XlsxError::Password) => return Err(ImportError::PasswordProtected),
        Ok(book) => {
            let names = book.sheet_names();
            return Ok(open(FileFormat::Xlsx, Source::Xlsx(Box::new(book)), names));
        }
        Err(_) => {}
    }
    match calamine::open_workbook_from_rs::<Xls<_>, _>(Cursor::new(bytes.to_vec())) {
        Ok(book) => {
            let names = book.sheet_names();
            Ok(open(FileFormat::Xls, Source::Xls(Box::new(book)), names))
        }
        Err(calamine::XlsError::Password) => Err(ImportError::PasswordProtected),
        Err(_) => Err(ImportError::NotASpreadsheet),
    }
}

/// An xlsx sheet cell by cell, never as a dense range: a crafted file that names cell
/// XFD1048576 must not make the reader allocate billions of cells.
fn xlsx_rows(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Result<Vec<(u32, Vec<Cell>)>, ImportError> {
    let mut reader = book.worksheet_cells_reader(name).map_err(|_| ImportError::NotASpreadsheet)?;
    let mut rows: std::collections::BTreeMap<u32, Vec<Cell>> = std::collections::BTreeMap::new();
    let mut cells = 0usize;
    while let Some(cell) = reader.next_cell().map_err(|_| ImportError::NotASpreadsheet)? {
        let (row, column) = cell.get_position();
        let column = column as usize;
        if column >= MAX_COLUMNS {
            continue;
        }
        let value = cell_of(&cell.get_value().clone().into());
        if value.is_empty() {
            continue;
        }
        if row as usize >= MAX_ROWS {
            return Err(ImportError::TooManyRows { rows: row as usize + 1, limit: MAX_ROWS });
        }
        cells += 1;
        if cells > MAX_CELLS {
            return Err(ImportError::TooLarge { bytes: cells, limit: MAX_CELLS });
        }
        let cells_of_row = rows.entry(row).or_default();
        if cells_of_row.len() <= column {
            cells_of_row.resize(column + 1, Cell::Empty);
        }
        cells_of_row[column] = value;
    }
    Ok(rows.into_iter().map(|(row, cells)| (row + 1, cells)).collect())
}

/// An xls or ods sheet (their readers build the range; xls is at most 65,536 × 256).
fn range_rows(range: calamine::Range<Data>) -> Result<Vec<(u32, Vec<Cell>)>, ImportError> {
    let first_row = range.start().map(|(row, _)| row).unwrap_or(0);
    let first_col = range.start().map(|(_, col)| col).unwrap_or(0) as usize;
    if range.height() > MAX_ROWS {
        return Err(ImportError::TooManyRows { rows: range.height(), limit: MAX_ROWS });
    }
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            // Columns left of the range's first are empty; keep them so column
            // positions match what Excel shows.
            let mut row = vec![Cell::Empty; first_col.min(MAX_COLUMNS)];
            row.extend(cells.iter().take(MAX_COLUMNS.saturating_sub(first_col)).map(cell_of));
            (first_row + i as u32 + 1, row)
        })
        .collect())
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::from_text(s),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE".into() } else { "FALSE".into() }),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) if d.is_datetime() => Cell::Date(dt.date()),
            _ => Cell::Number(d.as_f64()),
        },
        Data::DateTimeIso(s) => match NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
            Ok(date) => Cell::Date(date),
            Err(_) => Cell::Text(s.clone()),
        },
        Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// Text files have no NUL bytes in their first kilobytes (UTF-16 is not what Excel's CSV
/// writes); a picture or a zip nearly always has.
fn looks_like_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    !head.contains(&0)
}

/// Decodes a CSV or text file: a BOM decides; else valid UTF-8 is UTF-8; else the
/// detector's guess for a Korean file (CP949 in practice, as Korean Excel saves "CSV").
pub fn decode(bytes: &[u8]) -> (String, &'static encoding_rs::Encoding) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), encoding);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), encoding_rs::UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"kr"), chardetng::Utf8Detection::Allow);
    let (text, _) = guess.decode_without_bom_handling(bytes);
    (text.into_owned(), guess)
}

fn read_text(bytes: &[u8]) -> Result<Workbook, ImportError> {
    let (text, encoding) = decode(bytes);
    let separator = detect_separator(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .quoting(separator != b'\t')
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // Excel shows each record as one row (a quoted line break included) and each blank
    // line as an empty row, which the csv reader skips: count those back in.
    let mut row = 0u32;
    while reader.read_record(&mut record).map_err(|_| ImportError::NotASpreadsheet)? {
        let start = record.position().map(|p| p.byte() as usize).unwrap_or(0);
        row += 1 + blank_lines_at(text.as_bytes(), start);
        if rows.len() >= MAX_ROWS {
            return Err(ImportError::TooManyRows { rows: rows.len() + 1, limit: MAX_ROWS });
        }
        if record.len() > MAX_COLUMNS {
            return Err(ImportError::TooManyColumns { columns: record.len(), limit: MAX_COLUMNS });
        }
        rows.push((row, record.iter().map(csv_cell).collect()));
    }
    if rows.is_empty() {
        return Err(ImportError::Empty);
    }
    let separator_name = if separator == b'\t' { "\\t".to_string() } else { (separator as char).to_string() };
    Ok(Workbook {
        format: FileFormat::Csv,
        text: Some(TextEncoding { encoding: encoding.name().to_string(), separator: separator_name }),
        names: vec!["CSV".into()],
        source: Source::Text(Sheet { name: "CSV".into(), rows }),
    })
}

/// How many blank lines the csv reader skipped before the record starting at `start`
/// (which, after a CRLF, points at the LF that ended the previous record).
fn blank_lines_at(bytes: &[u8], start: usize) -> u32 {
    let mut at = start;
    if at > 0 && bytes.get(at) == Some(&b'\n') && bytes.get(at - 1) == Some(&b'\r') {
        at += 1;
    }
    let mut blank = 0;
    loop {
        let rest = bytes.get(at..).unwrap_or(&[]);
        if rest.starts_with(b"\r\n") {
            at += 2;
        } else if rest.starts_with(b"\n") || rest.starts_with(b"\r") {
            at += 1;
        } else {
            return blank;
        }
        blank += 1;
    }
}

/// A CSV field: a leading `'` is how a spreadsheet (and this app's CSV export) keeps text
/// such as `=…` or `-…` from being read as a formula; it is not part of the value.
fn csv_cell(field: &str) -> Cell {
    Cell::from_text(field.strip_prefix('\'').unwrap_or(field))
}

/// The separator that splits the first lines most consistently: the most lines with the
/// same field count (more than one field), then the most fields. A comma inside quotes or
/// in an unquoted product list of a semicolon file breaks the count, so it loses.
fn detect_separator(text: &str) -> u8 {
    let sample: String = text.lines().filter(|l| !l.trim().is_empty()).take(30).collect::<Vec<_>>().join("\n");
    let mut best = (b',', (0usize, 0usize));
    for separator in [b',', b';', b'\t'] {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .has_headers(false)
            .flexible(true)
            .quoting(separator != b'\t')
            .from_reader(sample.as_bytes());
        let mut lines_with: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for record in reader.records().filter_map(Result::ok) {
            *lines_with.entry(record.len()).or_default() += 1;
        }
        let score =
            lines_with.into_iter().filter(|(fields, _)| *fields > 1).map(|(fields, lines)| (lines, fields)).max();
        if let Some(score) = score.filter(|s| *s > best.1) {
            best = (separator, score);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_the_one_that_splits_lines_evenly() {
        assert_eq!(detect_separator("업체명,대표자\n한빛,김\n"), b',');
        assert_eq!(detect_separator("업체명;주요제품\n한빛;부품, 금형\n세진;도금\n"), b';');
        assert_eq!(detect_separator("업체명\t주요제품\n한빛\t부품, 금형, 사출\n"), b'\t');
        assert_eq!(detect_separator("\"업체명\",\"제품\"\n\"한빛\",\"부품; 금형\"\n"), b',');
    }

    #[test]
    fn korean_text_without_a_bom_is_decoded_as_cp949() {
        let (bytes, _, _) = encoding_rs::EUC_KR.encode("업체명,대표자\n(주)똠양정밀,김영수\n");
        let (text, encoding) = decode(&bytes);
        assert_eq!(encoding, encoding_rs::EUC_KR);
        assert!(text.contains("(주)똠양정밀"), "{text}");
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice("업체명\n".as_bytes());
        assert_eq!(decode(&with_bom), ("업체명\n".to_string(), encoding_rs::UTF_8));
    }

    #[test]
    fn csv_rows_are_numbered_as_excel_shows_them_blank_lines_included() {
        for text in [
            "업체명,대표자\r\n한빛,김\r\n\r\n\r\n세진,\"이\n박\"\r\n대성,최\r\n",
            "업체명,대표자\n한빛,김\n\n\n세진,\"이\n박\"\n대성,최\n",
        ] {
            let mut book = read(text.as_bytes()).unwrap();
            let sheet = book.sheet("CSV").unwrap();
            let numbers: Vec<u32> = sheet.rows.iter().map(|(n, _)| *n).collect();
            assert_eq!(numbers, [1, 2, 5, 6], "{text:?}");
        }
    }

    #[test]
    fn a_csv_with_hundreds_of_columns_is_not_a_list() {
        let line = ",".repeat(MAX_COLUMNS + 5);
        let Err(error) = read(format!("업체명{line}\n").as_bytes()) else { panic!("refused") };
        assert_eq!(error.code(), "too_many_columns");
    }
}
