//! One search over every record: members, people, events (minutes included), issues,
//! projects and action items, ranked, with a highlighted snippet.
//!
//! Text is indexed as [`crate::korean::index_tokens`] (Hangul as syllable bigrams) in an
//! FTS5 table that stores no text of its own; the original title and body are kept in
//! `search_doc` for snippets. Every write that changes a record's text re-indexes it in
//! the same transaction.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::CoreResult;
use crate::korean;
use crate::text_enum;

pub(crate) const SCHEMA_V2: &str = "
CREATE TABLE search_doc (
    rowid     INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,          -- a RecordKind code
    record_id TEXT NOT NULL UNIQUE,
    title     TEXT NOT NULL,
    body      TEXT NOT NULL
) STRICT;
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body, exact,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
);
";

text_enum! {
    /// The kinds of record the search finds.
    RecordKind {
        Member = "member",
        Person = "person",
        Event = "event",
        Issue = "issue",
        Project = "project",
        ActionItem = "action_item",
    }
}

/// What the index holds of one record.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document {
    pub kind: RecordKind,
    pub id: String,
    pub title: String,
    pub body: String,
    /// Codes matched from their start only, e.g. registration-number digits.
    pub exact: Vec<String>,
}

/// A piece of a snippet; `hit` pieces are what matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    pub kind: RecordKind,
    pub record_id: String,
    pub title: String,
    pub snippet: Vec<SnippetPart>,
    /// Where the record is shown: the event of an action item, the member a person works at.
    pub parent_id: Option<String>,
}

/// Adds or replaces a record in the index.
pub(crate) fn put(conn: &Connection, doc: &Document) -> CoreResult<()> {
    let rowid: Option<i64> = conn
        .prepare_cached("SELECT rowid FROM search_doc WHERE record_id = ?1")?
        .query_row([&doc.id], |r| r.get(0))
        .optional()?;
    let rowid = match rowid {
        Some(rowid) => {
            conn.prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?.execute([rowid])?;
            conn.prepare_cached("UPDATE search_doc SET title = ?2, body = ?3 WHERE rowid = ?1")?
                .execute(params![rowid, doc.title, doc.body])?;
            rowid
        }
        None => {
            conn.prepare_cached("INSERT INTO search_doc (kind, record_id, title, body) VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![doc.kind.as_str(), doc.id, doc.title, doc.body])?;
            conn.last_insert_rowid()
        }
    };
    conn.prepare_cached("INSERT INTO search_fts (rowid, title, body, exact) VALUES (?1, ?2, ?3, ?4)")?.execute(
        params![rowid, korean::index_tokens(&doc.title), korean::index_tokens(&doc.body), doc.exact.join(" "),],
    )?;
    Ok(())
}

/// Takes a deleted record out of the index.
pub(crate) fn remove(conn: &Connection, _kind: RecordKind, record_id: &str) -> CoreResult<()> {
    let rowid: Option<i64> = conn
        .prepare_cached("SELECT rowid FROM search_doc WHERE record_id = ?1")?
        .query_row([record_id], |r| r.get(0))
        .optional()?;
    if let Some(rowid) = rowid {
        conn.prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?.execute([rowid])?;
        conn.prepare_cached("DELETE FROM search_doc WHERE rowid = ?1")?.execute([rowid])?;
    }
    Ok(())
}

/// Indexes every record again (after the migration that created the index).
pub(crate) fn rebuild(conn: &Connection) -> CoreResult<()> {
    conn.execute("DELETE FROM search_fts", [])?;
    conn.execute("DELETE FROM search_doc", [])?;
    let documents = [
        crate::member::all_documents(conn)?,
        crate::person::all_documents(conn)?,
        crate::event::all_documents(conn)?,
        crate::issue::all_documents(conn)?,
        crate::project::all_documents(conn)?,
    ];
    for doc in documents.iter().flatten() {
        put(conn, doc)?;
    }
    Ok(())
}

/// A parsed query: the FTS5 expression and the plain stems used to highlight.
#[derive(Debug, PartialEq)]
pub(crate) struct Query {
    pub fts: String,
    pub stems: Vec<String>,
}

/// Turns what the user typed into an FTS5 query; `None` if nothing searchable is left.
pub(crate) fn parse_query(text: &str) -> Option<Query> {
    // A registration number typed with or without dashes: match its digits from the start.
    let compact: String = text.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    if compact.len() >= 3 && compact.bytes().all(|b| b.is_ascii_digit()) && text.contains('-') {
        return Some(Query { fts: format!("exact : \"{compact}\"*"), stems: vec![text.trim().to_string()] });
    }
    let mut terms = Vec::new();
    let mut stems = Vec::new();
    for word in korean::words(text) {
        let stem = korean::strip_particle(word);
        let mut tokens = String::new();
        korean::push_tokens(stem, &mut tokens);
        let tokens = tokens.trim();
        if tokens.is_empty() {
            continue;
        }
        let single = !tokens.contains(' ');
        let term = if single && stem.bytes().all(|b| b.is_ascii_digit()) {
            // Digits may be part of a registration number or of text: every column.
            format!("\"{tokens}\"*")
        } else if single {
            // One token: a word's start (Latin) or a one-syllable Hangul piece.
            format!("{{title body}} : \"{tokens}\"*")
        } else {
            format!("{{title body}} : \"{tokens}\"")
        };
        terms.push(term);
        stems.push(stem.to_string());
    }
    (!terms.is_empty()).then(|| Query { fts: terms.join(" AND "), stems })
}

/// Searches every record; best first, at most `limit`.
pub fn search(conn: &Connection, text: &str, limit: usize) -> CoreResult<Vec<SearchHit>> {
    let Some(query) = parse_query(text) else { return Ok(Vec::new()) };
    let mut stmt = conn.prepare_cached(
        "SELECT d.kind, d.record_id, d.title, d.body
         FROM search_fts f JOIN search_doc d ON d.rowid = f.rowid
         WHERE search_fts MATCH ?1
         ORDER BY bm25(search_fts, 8.0, 1.0, 20.0)
         LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![query.fts, limit as i64], |row| {
        Ok((row.get::<_, RecordKind>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?, row.get::<_, String>(3)?))
    })?;
    let mut hits = Vec::new();
    for row in rows {
        let (kind, record_id, title, body) = row?;
        let snippet = snippet(&title, &body, &query.stems);
        let parent_id = parent_of(conn, kind, &record_id)?;
        hits.push(SearchHit { kind, record_id, title, snippet, parent_id });
    }
    Ok(hits)
}

fn parent_of(conn: &Connection, kind: RecordKind, id: &str) -> CoreResult<Option<String>> {
    let sql = match kind {
        RecordKind::ActionItem => "SELECT event_id FROM action_item WHERE id = ?1",
        RecordKind::Person => "SELECT member_id FROM person WHERE id = ?1",
        _ => return Ok(None),
    };
    Ok(conn.prepare_cached(sql)?.query_row([id], |r| r.get(0)).optional()?.flatten())
}

/// About 80 characters of the body (or the title) around the first hit, hits marked.
pub(crate) fn snippet(title: &str, body: &str, stems: &[String]) -> Vec<SnippetPart> {
    const BEFORE: usize = 30;
    const LENGTH: usize = 90;
    let source = if find_any(body, stems).is_some() || find_any(title, stems).is_none() { body } else { title };
    let chars: Vec<char> = source.chars().collect();
    let start = find_any(source, stems).map(|(at, _)| at.saturating_sub(BEFORE)).unwrap_or(0);
    let end = (start + LENGTH).min(chars.len());
    let window: String = chars[start..end].iter().collect();
    let window = window.replace('\n', " ");
    let mut parts = Vec::new();
    if start > 0 {
        parts.push(SnippetPart { text: "…".into(), hit: false });
    }
    let mut rest = window.as_str();
    while let Some((at, len)) = find_any(rest, stems) {
        let byte_at = char_to_byte(rest, at);
        let byte_end = char_to_byte(rest, at + len);
        if byte_at > 0 {
            parts.push(SnippetPart { text: rest[..byte_at].to_string(), hit: false });
        }
        parts.push(SnippetPart { text: rest[byte_at..byte_end].to_string(), hit: true });
        rest = &rest[byte_end..];
    }
    if !rest.is_empty() {
        parts.push(SnippetPart { text: rest.to_string(), hit: false });
    }
    if end < chars.len() {
        parts.push(SnippetPart { text: "…".into(), hit: false });
    }
    parts
}

/// The first place (in chars) any stem occurs, case-insensitively, and its length.
fn find_any(text: &str, stems: &[String]) -> Option<(usize, usize)> {
    let lower: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    // Lower-casing can change lengths for rare letters; only use it when it does not.
    let haystack: Vec<char> = if lower.len() == text.chars().count() { lower } else { text.chars().collect() };
    stems
        .iter()
        .filter(|s| !s.is_empty())
        .filter_map(|stem| {
            let needle: Vec<char> = stem.chars().flat_map(char::to_lowercase).collect();
            haystack.windows(needle.len()).position(|w| w == needle.as_slice()).map(|at| (at, needle.len()))
        })
        .min()
}

fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map(|(i, _)| i).unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_become_phrases_of_bigrams() {
        let q = parse_query("클러스터").unwrap();
        assert_eq!(q.fts, "{title body} : \"클러 러스 스터\"");
        let q = parse_query("센서를 UV").unwrap();
        assert_eq!(q.fts, "{title body} : \"센서\"* AND {title body} : \"uv\"*");
        assert_eq!(q.stems, ["센서", "UV"]);
        assert_eq!(parse_query("  ,. "), None);
    }

    #[test]
    fn registration_numbers_match_their_digits() {
        let q = parse_query("123-45-6").unwrap();
        assert_eq!(q.fts, "exact : \"123456\"*");
    }

    #[test]
    fn snippet_marks_the_hit() {
        let parts = snippet("제목", "천연 유화제 센서를 개발했다", &["센서".to_string()]);
        let hits: Vec<_> = parts.iter().filter(|p| p.hit).map(|p| p.text.as_str()).collect();
        assert_eq!(hits, ["센서"]);
        let text: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(text, "천연 유화제 센서를 개발했다");
    }
}
