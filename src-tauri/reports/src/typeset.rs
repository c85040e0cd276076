//! Lays a report out as an A4 PDF with Typst, used as a library.
//!
//! A report's data goes to its template (`templates/*.typ`) as a JSON file the template
//! reads (`json("data.json")`), so no text from the database is ever parsed as markup.
//! The world Typst compiles in holds only the templates, that file and the embedded
//! Nanum Gothic fonts (compiled in): nothing is read from the disk or the network.

use std::sync::OnceLock;

use serde::Serialize;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::{ActivityReport, MinutesDocument, ProjectReport, ReportError};

/// Nanum Gothic (SIL Open Font License, `assets/fonts/OFL.txt`): Hangul and Latin, and
/// a bold; Typst embeds the glyphs a document uses. `build.rs` copies them from Debian's
/// fonts-nanum package.
const FONT_FILES: &[&[u8]] = &[
    include_bytes!(concat!(env!("OUT_DIR"), "/NanumGothic.ttf")),
    include_bytes!(concat!(env!("OUT_DIR"), "/NanumGothicBold.ttf")),
];

const STYLE: &str = include_str!("../templates/style.typ");
const ACTIVITY: &str = include_str!("../templates/activity.typ");
const MINUTES: &str = include_str!("../templates/minutes.typ");
const PROJECT: &str = include_str!("../templates/project.typ");

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = FONT_FILES.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect();
        Fonts { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts }
    })
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

fn file_id(name: &str) -> FileId {
    // The names are constants of this module, always valid paths.
    let path = VirtualPath::new(name).unwrap_or_else(|e| panic!("template path {name}: {e:?}"));
    RootedPath::new(VirtualRoot::Project, path).intern()
}

/// One compilation: a template, the shared style, and the report's data.
struct ReportWorld {
    main: Source,
    style: Source,
    data_id: FileId,
    data: Bytes,
    today: Datetime,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.style.id() {
            Ok(self.style.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            self.source(id).map(|s| Bytes::from_string(s.text().to_string()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Typesets `template` with `data` into PDF bytes.
fn pdf(template: &str, name: &str, data: &impl Serialize, generated_on: &str) -> Result<Vec<u8>, ReportError> {
    let json = serde_json::to_vec(data).map_err(|e| ReportError::Typesetting(e.to_string()))?;
    let day = chrono::NaiveDate::parse_from_str(generated_on, "%Y-%m-%d").ok();
    use chrono::Datelike;
    let today = day
        .and_then(|d| Datetime::from_ymd(d.year(), d.month() as u8, d.day() as u8))
        .or_else(|| Datetime::from_ymd(2026, 1, 1))
        .ok_or_else(|| ReportError::Typesetting("no date".into()))?;
    let world = ReportWorld {
        main: Source::new(file_id(name), template.to_string()),
        style: Source::new(file_id("/style.typ"), STYLE.to_string()),
        data_id: file_id("/data.json"),
        data: Bytes::new(json),
        today,
    };
    let document: Result<PagedDocument, _> = typst::compile(&world).output;
    let pdf = document.and_then(|document| typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()));
    // Typst memoises layout work for the next compilation of the same document, as an
    // editor wants; a report is made once, so the cache only grows the process (by some
    // hundreds of MB over a day of reports). Clear it.
    typst::comemo::evict(0);
    pdf.map_err(|errors| {
        ReportError::Typesetting(errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; "))
    })
}

pub fn activity_pdf(report: &ActivityReport) -> Result<Vec<u8>, ReportError> {
    pdf(ACTIVITY, "/activity.typ", report, &report.header.generated_on)
}

pub fn minutes_pdf(document: &MinutesDocument) -> Result<Vec<u8>, ReportError> {
    pdf(MINUTES, "/minutes.typ", document, &document.header.generated_on)
}

pub fn project_pdf(report: &ProjectReport) -> Result<Vec<u8>, ReportError> {
    pdf(PROJECT, "/project.typ", report, &report.header.generated_on)
}
