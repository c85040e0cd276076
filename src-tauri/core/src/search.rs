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
pub(crate) fn remove(conn: &Connection, record_id: &str) -> CoreResult<()> {
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

/// Indexes one record again after sync changed it (or takes it out once deleted).
pub(crate) fn reindex(conn: &Connection, table: &str, id: &str) -> CoreResult<()> {
    // Each searched table carries the function that builds its records' documents.
    let Some(search_document) = crate::schema::table_named(table).and_then(|t| t.search) else {
        return Ok(());
    };
    let document = search_document(conn, id)?;
    match document {
        Some(doc) => put(conn, &doc),
        None => remove(conn, id),
    }
}

/// `Ok(None)` for a record that is not there (or deleted), or not complete yet: a record
/// arriving by sync whose remaining fields are still on their way is indexed once they come.
pub(crate) fn found<T>(result: CoreResult<T>) -> CoreResult<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(crate::CoreError::NotFound { .. }) => Ok(None),
        Err(crate::CoreError::Database(rusqlite::Error::FromSqlConversionFailure(..))) => Ok(None),
        Err(e) => Err(e),
    }
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

/// A parsed query: one FTS5 phrase per word (all must match) and the plain stems used
/// to highlight.
#[derive(Debug, PartialEq)]
pub(crate) struct Query {
    pub terms: Vec<String>,
    pub stems: Vec<String>,
}

impl Query {
    /// Every word anywhere in the record.
    pub fn anywhere(&self) -> String {
        self.terms.iter().map(|t| format!("{{title body exact}} : {t}")).collect::<Vec<_>>().join(" AND ")
    }

    /// Every word in the title.
    pub fn in_title(&self) -> String {
        self.terms.iter().map(|t| format!("title : {t}")).collect::<Vec<_>>().join(" AND ")
    }
}

/// Turns what the user typed into FTS5 phrases; `None` if nothing searchable is left.
pub(crate) fn parse_query(text: &str) -> Option<Query> {
    // A registration number typed with dashes: match its digits from the start.
    let compact: String = text.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    if compact.len() >= 3 && compact.bytes().all(|b| b.is_ascii_digit()) && text.contains('-') {
        return Some(Query { terms: vec![format!("\"{compact}\"*")], stems: vec![text.trim().to_string()] });
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
        let hangul_pair = stem.chars().count() == 2 && stem.chars().all(korean::is_hangul);
        terms.push(if tokens.contains(' ') || hangul_pair {
            // A phrase of bigrams (or one whole bigram): matched exactly.
            format!("\"{tokens}\"")
        } else {
            // One token: a Latin word's or a number's start, or a one-syllable Hangul piece.
            format!("\"{tokens}\"*")
        });
        stems.push(stem.to_string());
    }
    (!terms.is_empty()).then_some(Query { terms, stems })
}

/// The newest matching rows first, at most `limit`, skipping `seen`. Rowid order lets
/// FTS5 stop after `limit` rows instead of ranking every match of a common word.
fn newest_matches(conn: &Connection, fts: &str, limit: usize, seen: &[i64]) -> CoreResult<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2")?;
    let rows = stmt.query_map(params![fts, (limit + seen.len()) as i64], |r| r.get::<_, i64>(0))?;
    let mut out = Vec::new();
    for row in rows {
        let rowid = row?;
        if !seen.contains(&rowid) {
            out.push(rowid);
        }
        if out.len() == limit {
            break;
        }
    }
    Ok(out)
}

/// Searches every record: records whose title holds every word first, then those that
/// hold them anywhere; newest first within each. At most `limit`.
pub fn search(conn: &Connection, text: &str, limit: usize) -> CoreResult<Vec<SearchHit>> {
    let Some(query) = parse_query(text) else { return Ok(Vec::new()) };
    let mut rowids = newest_matches(conn, &query.in_title(), limit, &[])?;
    if rowids.len() < limit {
        let more = newest_matches(conn, &query.anywhere(), limit - rowids.len(), &rowids)?;
        rowids.extend(more);
    }
    let mut stmt = conn.prepare_cached("SELECT kind, record_id, title, body FROM search_doc WHERE rowid = ?1")?;
    let mut hits = Vec::with_capacity(rowids.len());
    for rowid in rowids {
        let (kind, record_id, title, body) = stmt.query_row([rowid], |row| {
            Ok((
                row.get::<_, RecordKind>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
            ))
        })?;
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
        assert_eq!(q.anywhere(), "{title body exact} : \"클러 러스 스터\"");
        let q = parse_query("센서를 UV").unwrap();
        assert_eq!(q.terms, ["\"센서\"", "\"uv\"*"]);
        assert_eq!(q.in_title(), "title : \"센서\" AND title : \"uv\"*");
        assert_eq!(q.stems, ["센서", "UV"]);
        assert_eq!(parse_query("  ,. "), None);
    }

    #[test]
    fn registration_numbers_match_their_digits() {
        let q = parse_query("123-45-6").unwrap();
        assert_eq!(q.terms, ["\"123456\"*"]);
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
