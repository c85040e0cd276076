//! Partner matching: for an issue found, which member companies, institutions and
//! experts could answer it, best first, with the words that matched.
//!
//! Firms often do not know what the company next door makes. A candidate's products,
//! technologies and expertise are keywords, and a keyword is made of words (`무균 충진`
//! is `무균` and `충진`). A word occurs in the issue when most of its pieces (Hangul
//! bigrams, Latin words) do, so particles and compounds (`충진기`, `충진을`) still count.
//!
//! A manager writes `충진 라인 누액`, not the keyword `무균 충진`, so a keyword also counts
//! when only some of its words occur, for less, as long as those words are telling:
//! words that describe any work at all (`기술`, `개발`, `공정`, `시험`) never carry a
//! partial match on their own. Each word weighs by its rarity among the candidates
//! (inverse document frequency), so `콜라겐` outweighs `용기`. A candidate's score adds up
//! the evidence for each distinct word of the issue, counted once from the keyword that
//! gives it the most credit (a second keyword sharing `충진` adds only a little), and
//! `matched` lists the keywords that gave any, the most telling first.

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
    /// The candidate's keywords that matched the issue, the most telling first.
    pub matched: Vec<String>,
}

/// What a firm knows how to do says more about whether it can help than what it sells.
/// And a product named in an issue is more often the asking firm's own (`립스틱 색차`)
/// than the thing it needs.
const TECHNOLOGY_WEIGHT: f64 = 1.0;
const PRODUCT_WEIGHT: f64 = 0.5;
/// A word's credit when a telling word of its keyword is missing: `충진` alone is good
/// evidence for `무균 충진`, but less than the whole phrase would be.
const PARTIAL_CREDIT: f64 = 0.6;
/// A generic word's credit, as a share of its rarity: weak evidence even inside a phrase.
const GENERIC_CREDIT: f64 = 0.3;
/// What a second keyword adds for a word already credited: a firm listing both `무균 충진`
/// and `충진 자동화` knows filling better than one listing either, but not twice as well.
const REPEAT_CREDIT: f64 = 0.25;

/// Words that describe any work or any product, whatever the industry. They count a
/// little when the rest of their keyword occurs, never as the only link (`시험` alone
/// would make every testing keyword match every issue that asks for a test); and a
/// keyword missing only such words is as good as whole (`포장 자동화` is what
/// `공정 자동화` is about).
const GENERIC_WORDS: &[&str] = &[
    "기술",
    "개발",
    "공정",
    "시험",
    "평가",
    "분석",
    "설계",
    "관리",
    "지원",
    "개선",
    "생산",
    "제조",
    "제작",
    "처리",
    "연구",
    "사업",
    "시스템",
    "장비",
    "설비",
    "방법",
    "적용",
    "제품",
    "기반",
    "활용",
    "최적화",
    "등록",
    "해외",
    "천연",
    "기능성",
];

struct Candidate {
    kind: PartnerKind,
    member_kind: Option<crate::member::MemberKind>,
    id: String,
    name: String,
    detail: String,
    keywords: Vec<(String, f64)>,
}

/// One word of a keyword: its particle-free form and its pieces.
struct Word {
    key: String,
    pieces: Vec<String>,
}

struct Keyword<'a> {
    text: &'a str,
    weight: f64,
    words: Vec<Word>,
}

/// The pieces of one word, particle dropped.
fn word_pieces(word: &str) -> (String, Vec<String>) {
    let stem = korean::strip_particle(word);
    let mut tokens = String::new();
    korean::push_tokens(stem, &mut tokens);
    let mut pieces: Vec<String> = Vec::new();
    for piece in tokens.split_whitespace() {
        if !pieces.iter().any(|p| p == piece) {
            pieces.push(piece.to_string());
        }
    }
    (stem.to_lowercase(), pieces)
}

/// The pieces of a text, particles dropped.
fn text_pieces(text: &str) -> HashSet<String> {
    korean::words(text).flat_map(|w| word_pieces(w).1).collect()
}

fn keyword_words(keyword: &str) -> Vec<Word> {
    korean::words(keyword)
        .map(word_pieces)
        .filter(|(_, pieces)| !pieces.is_empty())
        .map(|(key, pieces)| Word { key, pieces })
        .collect()
}

/// Whether a word occurs in the issue: all of a short word, two thirds of a long one, so
/// `가스크로마토그래피` is still found when written `가스 크로마토그래피`.
fn occurs(word: &Word, issue: &HashSet<String>) -> bool {
    let hits = word.pieces.iter().filter(|p| issue.contains(*p)).count();
    hits > 0 && hits * 3 >= word.pieces.len() * 2
}

fn is_generic(word: &Word) -> bool {
    GENERIC_WORDS.contains(&word.key.as_str())
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
        let mut keywords: Vec<(String, f64)> =
            split_list(&technologies).into_iter().map(|k| (k, TECHNOLOGY_WEIGHT)).collect();
        keywords.extend(split_list(&products).into_iter().map(|k| (k, PRODUCT_WEIGHT)));
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
        let keywords = split_list(&expertise).into_iter().map(|k| (k, TECHNOLOGY_WEIGHT)).collect();
        out.push(Candidate { kind: PartnerKind::Person, member_kind: None, id, name, detail: affiliation, keywords });
    }
    Ok(out)
}

/// What one candidate's keywords say about the issue.
struct Evidence<'a> {
    score: f64,
    /// Keywords with the credit each earned, in the candidate's order.
    keywords: Vec<(&'a str, f64)>,
}

fn evidence<'a>(keywords: &[Keyword<'a>], issue: &HashSet<String>, idf: &dyn Fn(&str) -> f64) -> Evidence<'a> {
    // Every credit each word of the issue earned, from any of the keywords.
    let mut credits: HashMap<&str, Vec<f64>> = HashMap::new();
    let mut credited = Vec::new();
    for keyword in keywords {
        let found: Vec<bool> = keyword.words.iter().map(|w| occurs(w, issue)).collect();
        let telling_found = keyword.words.iter().zip(&found).any(|(w, f)| *f && !is_generic(w));
        let all_found = found.iter().all(|f| *f);
        if !telling_found && !all_found {
            continue;
        }
        // Whole when every telling word is there (a keyword of generic words only: all).
        let whole = keyword.words.iter().zip(&found).all(|(w, f)| *f || is_generic(w));
        let mut credit = 0.0;
        for (word, _) in keyword.words.iter().zip(&found).filter(|(_, f)| **f) {
            let share = match (whole, is_generic(word)) {
                (true, false) => 1.0,
                (true, true) => GENERIC_CREDIT,
                (false, false) => PARTIAL_CREDIT,
                (false, true) => continue,
            };
            let value = keyword.weight * share * idf(&word.key);
            credit += value;
            credits.entry(word.key.as_str()).or_default().push(value);
        }
        if credit > 0.0 && !credited.iter().any(|(k, _)| *k == keyword.text) {
            credited.push((keyword.text, credit));
        }
    }
    let score = credits
        .values()
        .map(|values| {
            let best = values.iter().copied().fold(0.0, f64::max);
            best + REPEAT_CREDIT * (values.iter().sum::<f64>() - best)
        })
        .sum();
    Evidence { score, keywords: credited }
}

/// Ranks the candidates for the text of an issue.
fn rank(candidates: &[Candidate], text: &str, limit: usize) -> Vec<PartnerSuggestion> {
    let issue = text_pieces(text);
    if issue.is_empty() {
        return Vec::new();
    }
    let keywords: Vec<Vec<Keyword<'_>>> = candidates
        .iter()
        .map(|c| {
            c.keywords.iter().map(|(k, weight)| Keyword { text: k, weight: *weight, words: keyword_words(k) }).collect()
        })
        .collect();
    // How many candidates use each word: the rarer, the more telling.
    let mut frequency: HashMap<&str, usize> = HashMap::new();
    for candidate in &keywords {
        let words: HashSet<&str> = candidate.iter().flat_map(|k| k.words.iter().map(|w| w.key.as_str())).collect();
        for word in words {
            *frequency.entry(word).or_default() += 1;
        }
    }
    let total = candidates.len().max(1) as f64;
    let idf = |word: &str| (1.0 + total / (1.0 + *frequency.get(word).unwrap_or(&0) as f64)).ln();

    let mut suggestions = Vec::new();
    for (candidate, keywords) in candidates.iter().zip(&keywords) {
        let found = evidence(keywords, &issue, &idf);
        if found.score <= 0.0 {
            continue;
        }
        let mut matched = found.keywords;
        // Stable: equally telling keywords stay in the candidate's own order.
        matched.sort_by(|a, b| b.1.total_cmp(&a.1));
        suggestions.push(PartnerSuggestion {
            kind: candidate.kind,
            id: candidate.id.clone(),
            name: candidate.name.clone(),
            member_kind: candidate.member_kind,
            detail: candidate.detail.clone(),
            score: (found.score * 100.0).round() / 100.0,
            matched: matched.into_iter().map(|(k, _)| k.to_string()).collect(),
        });
    }
    suggestions.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.name.cmp(&b.name)));
    suggestions.truncate(limit);
    suggestions
}

/// Ranks partners for the text of an issue; `exclude_members` are the firms that raised it.
pub fn suggest_for_text(
    conn: &Connection,
    cluster_id: &str,
    text: &str,
    exclude_members: &[String],
    limit: usize,
) -> CoreResult<Vec<PartnerSuggestion>> {
    if text_pieces(text).is_empty() {
        return Ok(Vec::new());
    }
    let candidates = candidates(conn, cluster_id, exclude_members)?;
    Ok(rank(&candidates, text, limit))
}

/// Ranks partners for a stored issue.
pub fn suggest_for_issue(conn: &Connection, issue_id: &str, limit: usize) -> CoreResult<Vec<PartnerSuggestion>> {
    let issue = crate::issue::get(conn, issue_id)?;
    let text = format!("{}\n{}", issue.title, issue.description);
    suggest_for_text(conn, &issue.cluster_id, &text, &issue.member_ids, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn firm(name: &str, technologies: &[&str]) -> Candidate {
        Candidate {
            kind: PartnerKind::Member,
            member_kind: None,
            id: name.to_string(),
            name: name.to_string(),
            detail: String::new(),
            keywords: technologies.iter().map(|k| (k.to_string(), TECHNOLOGY_WEIGHT)).collect(),
        }
    }

    fn names(suggestions: &[PartnerSuggestion]) -> Vec<&str> {
        suggestions.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn a_two_word_keyword_is_found_by_its_telling_word_but_not_by_a_generic_one() {
        let candidates =
            [firm("무균", &["무균 충진"]), firm("유화", &["유화 기술"]), firm("피부", &["피부 임상 평가"])];
        let found = rank(&candidates, "충진기를 바꾼 뒤 누액 발생. 기술 검토와 평가가 필요함.", 10);
        assert_eq!(names(&found), ["무균"]);
        assert_eq!(found[0].matched, ["무균 충진"]);
        assert!(rank(&candidates, "", 10).is_empty());
    }

    #[test]
    fn the_whole_phrase_outranks_part_of_it() {
        let candidates = [firm("부분", &["무균 충진"]), firm("전체", &["충진 자동화"])];
        let found = rank(&candidates, "충진 자동화 설비 도입", 10);
        assert_eq!(names(&found), ["전체", "부분"]);
        assert!(found[0].score > found[1].score);
    }

    #[test]
    fn a_keyword_missing_only_generic_words_counts_as_whole() {
        let candidates = [firm("공정", &["공정 자동화"]), firm("로봇", &["로봇 자동화"])];
        let found = rank(&candidates, "포장 자동화 검토", 10);
        assert_eq!(names(&found), ["공정", "로봇"]);
        assert!((found[1].score / found[0].score - PARTIAL_CREDIT).abs() < 0.01, "{found:?}");
    }

    #[test]
    fn a_rare_word_outweighs_a_common_one() {
        let candidates = [
            firm("펌프", &["펌프 용기"]),
            firm("튜브", &["튜브 용기"]),
            firm("유리", &["유리 용기"]),
            firm("콜라겐", &["콜라겐 추출"]),
        ];
        let found = rank(&candidates, "콜라겐 원료를 담을 용기 문의", 10);
        assert_eq!(names(&found).first(), Some(&"콜라겐"));
        assert_eq!(found.len(), 4);
    }

    #[test]
    fn a_word_two_keywords_share_counts_once_and_a_little() {
        let candidates =
            [firm("둘", &["무균 충진", "충진 자동화"]), firm("하나", &["무균 충진"]), firm("기타", &["조향"])];
        let found = rank(&candidates, "충진 불량", 10);
        assert_eq!(names(&found), ["둘", "하나"]);
        assert!(found[0].score > found[1].score && found[0].score < 2.0 * found[1].score, "{found:?}");
        assert_eq!(found[0].matched, ["무균 충진", "충진 자동화"]);
    }

    #[test]
    fn matched_keywords_come_most_telling_first() {
        let candidates = [firm("많이", &["유화 기술", "무균 충진"]), firm("적게", &["유화 기술"])];
        let found = rank(&candidates, "무균 충진 라인에서 유화 불량", 10);
        assert_eq!(found[0].name, "많이");
        assert_eq!(found[0].matched, ["무균 충진", "유화 기술"]);
    }
}
