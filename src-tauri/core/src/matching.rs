//! Partner matching: for an issue found, which member companies, institutions and
//! experts could answer it, best first, with the words that matched.
//!
//! Firms often do not know what the company next door makes. A candidate's products,
//! technologies and expertise are keywords; a keyword matches when most of its pieces
//! (Hangul bigrams, Latin words) occur in the issue's text. Rare pieces weigh more than
//! common ones (inverse document frequency over all candidates), so "콜라겐" outranks "개발".

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;
use serde::Serialize;

use crate::error::CoreResult;
use crate::korean;
use crate::member::split_list;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PartnerKind {
    Member,
    Person,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PartnerSuggestion {
    pub kind: PartnerKind,
    pub id: String,
    pub name: String,
    /// The kind of organisation, for a member.
    pub member_kind: Option<crate::member::MemberKind>,
    /// For a member its industry; for a person their affiliation.
    pub detail: String,
    pub score: f64,
    /// The candidate's keywords that matched the issue.
    pub matched: Vec<String>,
}

struct Candidate {
    kind: PartnerKind,
    member_kind: Option<crate::member::MemberKind>,
    id: String,
    name: String,
    detail: String,
    keywords: Vec<(String, f64)>,
}

/// The pieces of a text, particles dropped.
fn pieces(text: &str) -> HashSet<String> {
    let mut tokens = String::new();
    for word in korean::words(text) {
        korean::push_tokens(korean::strip_particle(word), &mut tokens);
    }
    tokens.split_whitespace().map(str::to_string).collect()
}

fn candidates(conn: &Connection, cluster_id: &str, exclude_members: &[String]) -> CoreResult<Vec<Candidate>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, kind, industry, products, technologies FROM member
         WHERE (cluster_id = ?1 OR cluster_id IS NULL) AND deleted = 0",
    )?;
    let rows = stmt.query_map([cluster_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, crate::member::MemberKind>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    for row in rows {
        let (id, name, kind, industry, products, technologies) = row?;
        if exclude_members.contains(&id) {
            continue;
        }
        let mut keywords: Vec<(String, f64)> = split_list(&technologies).into_iter().map(|k| (k, 1.0)).collect();
        keywords.extend(split_list(&products).into_iter().map(|k| (k, 0.8)));
        out.push(Candidate {
            kind: PartnerKind::Member,
            member_kind: Some(kind),
            id,
            name,
            detail: industry,
            keywords,
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, affiliation, expertise FROM person
         WHERE (cluster_id = ?1 OR cluster_id IS NULL) AND deleted = 0 AND role <> 'staff' AND expertise <> ''",
    )?;
    let rows = stmt.query_map([cluster_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
    })?;
    for row in rows {
        let (id, name, affiliation, expertise) = row?;
        let keywords = split_list(&expertise).into_iter().map(|k| (k, 1.0)).collect();
        out.push(Candidate { kind: PartnerKind::Person, member_kind: None, id, name, detail: affiliation, keywords });
    }
    Ok(out)
}

/// Ranks partners for the text of an issue; `exclude_members` are the firms that raised it.
pub fn suggest_for_text(
    conn: &Connection,
    cluster_id: &str,
    text: &str,
    exclude_members: &[String],
    limit: usize,
) -> CoreResult<Vec<PartnerSuggestion>> {
    let issue_pieces = pieces(text);
    if issue_pieces.is_empty() {
        return Ok(Vec::new());
    }
    let candidates = candidates(conn, cluster_id, exclude_members)?;
    // How many candidates mention each piece: the rarer, the more telling.
    let mut frequency: HashMap<String, usize> = HashMap::new();
    let keyword_pieces: Vec<Vec<(HashSet<String>, &str, f64)>> = candidates
        .iter()
        .map(|c| c.keywords.iter().map(|(k, weight)| (pieces(k), k.as_str(), *weight)).collect())
        .collect();
    for candidate in &keyword_pieces {
        let all: HashSet<&String> = candidate.iter().flat_map(|(p, _, _)| p.iter()).collect();
        for piece in all {
            *frequency.entry(piece.clone()).or_default() += 1;
        }
    }
    let total = candidates.len().max(1) as f64;
    let idf = |piece: &str| (1.0 + total / (1.0 + *frequency.get(piece).unwrap_or(&0) as f64)).ln();

    let mut suggestions = Vec::new();
    for (candidate, keywords) in candidates.iter().zip(&keyword_pieces) {
        let mut score = 0.0;
        let mut matched = Vec::new();
        for (kw_pieces, keyword, weight) in keywords {
            if kw_pieces.is_empty() {
                continue;
            }
            let hits: Vec<&String> = kw_pieces.iter().filter(|p| issue_pieces.contains(*p)).collect();
            // Most of the keyword must be there: all of a short one, two thirds of a long one.
            if hits.len() * 3 < kw_pieces.len() * 2 || hits.is_empty() {
                continue;
            }
            score += weight * hits.iter().map(|p| idf(p)).sum::<f64>();
            if !matched.iter().any(|m: &String| m == keyword) {
                matched.push(keyword.to_string());
            }
        }
        if score > 0.0 {
            suggestions.push(PartnerSuggestion {
                kind: candidate.kind,
                id: candidate.id.clone(),
                name: candidate.name.clone(),
                member_kind: candidate.member_kind,
                detail: candidate.detail.clone(),
                score: (score * 100.0).round() / 100.0,
                matched,
            });
        }
    }
    suggestions.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.name.cmp(&b.name)));
    suggestions.truncate(limit);
    Ok(suggestions)
}

/// Ranks partners for a stored issue.
pub fn suggest_for_issue(conn: &Connection, issue_id: &str, limit: usize) -> CoreResult<Vec<PartnerSuggestion>> {
    let issue = crate::issue::get(conn, issue_id)?;
    let text = format!("{}\n{}", issue.title, issue.description);
    suggest_for_text(conn, &issue.cluster_id, &text, &issue.member_ids, limit)
}
