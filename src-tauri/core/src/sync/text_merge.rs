//! Three-way line merge of a text field (meeting minutes, agendas, notes).
//!
//! When two laptops edit the same minutes from the same starting text, the edits are
//! combined line by line if they touch different places; if they touch the same lines,
//! the caller keeps both versions as a conflict. The result does not depend on which
//! side is called "ours", so every replica that merges the same pair gets the same text.

/// What a merge gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextMerge {
    /// Both edits applied.
    Clean(String),
    /// The edits touch the same lines; nothing was combined.
    Overlap,
}

/// One edit of the base: base lines `start..end` replaced by `lines`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Hunk<'a> {
    start: usize,
    end: usize,
    lines: Vec<&'a str>,
}

/// Merges `ours` and `theirs`, both edited from `base`.
pub fn merge_lines(base: &str, ours: &str, theirs: &str) -> TextMerge {
    if ours == theirs || theirs == base {
        return TextMerge::Clean(ours.to_string());
    }
    if ours == base {
        return TextMerge::Clean(theirs.to_string());
    }
    let base_lines: Vec<&str> = base.split('\n').collect();
    let ours_hunks = hunks(&base_lines, &ours.split('\n').collect::<Vec<_>>());
    let theirs_hunks = hunks(&base_lines, &theirs.split('\n').collect::<Vec<_>>());

    let mut all: Vec<&Hunk<'_>> = ours_hunks.iter().chain(theirs_hunks.iter()).collect();
    all.sort_by(|a, b| (a.start, a.end, &a.lines).cmp(&(b.start, b.end, &b.lines)));
    all.dedup_by(|a, b| a == b); // the same edit made on both sides counts once
    for pair in all.windows(2) {
        if overlaps(pair[0], pair[1]) {
            return TextMerge::Overlap;
        }
    }
    let mut merged: Vec<&str> = Vec::with_capacity(base_lines.len());
    let mut at = 0;
    for hunk in all {
        merged.extend_from_slice(&base_lines[at..hunk.start]);
        merged.extend_from_slice(&hunk.lines);
        at = hunk.end;
    }
    merged.extend_from_slice(&base_lines[at..]);
    TextMerge::Clean(merged.join("\n"))
}

/// Whether two edits of the base touch the same place (`a` starts no later than `b`).
fn overlaps(a: &Hunk<'_>, b: &Hunk<'_>) -> bool {
    // Two insertions (or an insertion and a replacement) at the same line cannot be
    // ordered without guessing; a replacement that reaches into the other is a clash.
    a.start == b.start || b.start < a.end
}

/// The edits that turn `base` into `side`, from a longest common subsequence of lines.
fn hunks<'a>(base: &[&'a str], side: &[&'a str]) -> Vec<Hunk<'a>> {
    // Trim the common head and tail first: most edits of minutes touch a few lines, so
    // the quadratic table below stays small.
    let head = base.iter().zip(side).take_while(|(a, b)| a == b).count();
    let tail = base[head..].iter().rev().zip(side[head..].iter().rev()).take_while(|(a, b)| a == b).count();
    let b = &base[head..base.len() - tail];
    let s = &side[head..side.len() - tail];

    // lcs[i][j]: length of the LCS of b[i..] and s[j..].
    let mut lcs = vec![vec![0u32; s.len() + 1]; b.len() + 1];
    for i in (0..b.len()).rev() {
        for j in (0..s.len()).rev() {
            lcs[i][j] = if b[i] == s[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut result = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut open: Option<Hunk<'a>> = None;
    while i < b.len() || j < s.len() {
        if i < b.len() && j < s.len() && b[i] == s[j] {
            if let Some(h) = open.take() {
                result.push(h);
            }
            i += 1;
            j += 1;
            continue;
        }
        let hunk = open.get_or_insert(Hunk { start: head + i, end: head + i, lines: Vec::new() });
        if j < s.len() && (i == b.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            hunk.lines.push(s[j]);
            j += 1;
        } else {
            i += 1;
            hunk.end = head + i;
        }
    }
    if let Some(h) = open {
        result.push(h);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "1. 참석자 소개\n2. 애로사항 청취\n3. 다음 일정";

    #[test]
    fn edits_of_different_lines_are_combined() {
        let ours = "1. 참석자 소개 (12명)\n2. 애로사항 청취\n3. 다음 일정";
        let theirs = "1. 참석자 소개\n2. 애로사항 청취\n3. 다음 일정: 12월 3일";
        let expected = "1. 참석자 소개 (12명)\n2. 애로사항 청취\n3. 다음 일정: 12월 3일";
        assert_eq!(merge_lines(BASE, ours, theirs), TextMerge::Clean(expected.into()));
        assert_eq!(merge_lines(BASE, theirs, ours), TextMerge::Clean(expected.into()), "order must not matter");
    }

    #[test]
    fn lines_added_at_both_ends_are_kept() {
        let ours = "회의 시작 10시\n1. 참석자 소개\n2. 애로사항 청취\n3. 다음 일정";
        let theirs = "1. 참석자 소개\n2. 애로사항 청취\n3. 다음 일정\n4. 폐회";
        assert_eq!(
            merge_lines(BASE, ours, theirs),
            TextMerge::Clean("회의 시작 10시\n1. 참석자 소개\n2. 애로사항 청취\n3. 다음 일정\n4. 폐회".into())
        );
    }

    #[test]
    fn edits_of_the_same_line_overlap() {
        let ours = "1. 참석자 소개\n2. 애로사항 청취: 포장재\n3. 다음 일정";
        let theirs = "1. 참석자 소개\n2. 애로사항 청취: 인력난\n3. 다음 일정";
        assert_eq!(merge_lines(BASE, ours, theirs), TextMerge::Overlap);
    }

    #[test]
    fn two_insertions_at_one_place_overlap() {
        let ours = "1. 참석자 소개\n가\n2. 애로사항 청취\n3. 다음 일정";
        let theirs = "1. 참석자 소개\n나\n2. 애로사항 청취\n3. 다음 일정";
        assert_eq!(merge_lines(BASE, ours, theirs), TextMerge::Overlap);
    }

    #[test]
    fn the_same_edit_on_both_sides_is_applied_once() {
        let both = "1. 참석자 소개\n2. 애로사항 청취\n3. 다음 일정 확정";
        let ours = "0. 개회\n1. 참석자 소개\n2. 애로사항 청취\n3. 다음 일정 확정";
        assert_eq!(merge_lines(BASE, ours, both), TextMerge::Clean(ours.into()));
    }

    #[test]
    fn a_deleted_line_and_an_edit_elsewhere_combine() {
        let ours = "1. 참석자 소개\n3. 다음 일정";
        let theirs = "1. 참석자 소개 (9명)\n2. 애로사항 청취\n3. 다음 일정";
        assert_eq!(merge_lines(BASE, ours, theirs), TextMerge::Clean("1. 참석자 소개 (9명)\n3. 다음 일정".into()));
    }

    #[test]
    fn unchanged_sides_take_the_other() {
        assert_eq!(merge_lines(BASE, BASE, "x"), TextMerge::Clean("x".into()));
        assert_eq!(merge_lines(BASE, "y", BASE), TextMerge::Clean("y".into()));
    }
}
