//! Three-way line merge of a text field (meeting minutes, agendas, notes).
//!
//! When two laptops edit the same minutes from a common earlier text, their edits are
//! combined line by line. Lines both sides inserted at the same place are all kept, the
//! older side's first (the caller says which side that is, from the clock), so every
//! replica that merges the same pair gets the same text. Only a real collision, both
//! sides changing the same lines differently, is left to the caller to keep as a
//! conflict.

/// What a merge gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextMerge {
    /// Both edits applied.
    Clean(String),
    /// Both sides changed the same lines differently; nothing was combined.
    Overlap,
}

/// Whose lines come first where both sides inserted lines at the same place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum First {
    Ours,
    Theirs,
}

/// One edit of the base: base lines `start..end` replaced by `lines`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Hunk<'a> {
    start: usize,
    end: usize,
    lines: Vec<&'a str>,
    ours: bool,
}

impl Hunk<'_> {
    fn is_insertion(&self) -> bool {
        self.start == self.end
    }

    fn same_edit(&self, other: &Hunk<'_>) -> bool {
        (self.start, self.end, &self.lines) == (other.start, other.end, &other.lines)
    }
}

/// Merges `ours` and `theirs`, both edited from `base`.
pub fn merge_lines(base: &str, ours: &str, theirs: &str, first: First) -> TextMerge {
    if ours == theirs || theirs == base {
        return TextMerge::Clean(ours.to_string());
    }
    if ours == base {
        return TextMerge::Clean(theirs.to_string());
    }
    let base_lines = lines(base);
    let mut all = hunks(&base_lines, &lines(ours), true);
    all.extend(hunks(&base_lines, &lines(theirs), false));
    // By place; at one place an insertion comes before a replacement that starts there.
    all.sort_by_key(|h| (h.start, h.end));

    let mut combined: Vec<Hunk<'_>> = Vec::with_capacity(all.len());
    for hunk in all {
        let Some(last) = combined.last_mut() else {
            combined.push(hunk);
            continue;
        };
        if last.same_edit(&hunk) {
            continue; // the same edit made on both sides counts once
        }
        if last.is_insertion() && hunk.is_insertion() && last.start == hunk.start {
            // Both sides added lines here: keep them all, the older side's first.
            let (a, b) = if last.ours == (first == First::Ours) {
                (&last.lines, &hunk.lines)
            } else {
                (&hunk.lines, &last.lines)
            };
            last.lines = union(a, b);
            continue;
        }
        if hunk.start >= last.end {
            combined.push(hunk);
            continue;
        }
        if last.lines.is_empty() && hunk.lines.is_empty() {
            // Deletions that overlap: the lines either side deleted go.
            last.end = last.end.max(hunk.end);
            continue;
        }
        return TextMerge::Overlap;
    }
    let mut merged: Vec<&str> = Vec::with_capacity(base_lines.len());
    let mut at = 0;
    for hunk in &combined {
        merged.extend_from_slice(&base_lines[at..hunk.start]);
        merged.extend_from_slice(&hunk.lines);
        at = hunk.end;
    }
    merged.extend_from_slice(&base_lines[at..]);
    TextMerge::Clean(merged.join("\n"))
}

/// A text's lines; the empty text has none (not one empty line), so that text typed into
/// an empty field is an insertion, not a replacement of a line.
fn lines(text: &str) -> Vec<&str> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split('\n').collect()
    }
}

/// Both texts in one, for a manager who keeps both versions of a conflict: the lines they
/// share once, in their order, and between them the lines of `first`, then those of `second`.
pub fn keep_both(first: &str, second: &str) -> String {
    if first == second || second.is_empty() {
        return first.to_string();
    }
    if first.is_empty() {
        return second.to_string();
    }
    let a: Vec<&str> = first.split('\n').collect();
    let b: Vec<&str> = second.split('\n').collect();
    union(&a, &b).join("\n")
}

/// The lines of `a` and `b` in one sequence: lines common to both (a longest common
/// subsequence) once, and in each gap between them `a`'s lines before `b`'s.
fn union<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<&'a str> {
    let mut result = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    for (ci, cj) in common(a, b) {
        result.extend_from_slice(&a[i..ci]);
        result.extend_from_slice(&b[j..cj]);
        result.push(a[ci]);
        i = ci + 1;
        j = cj + 1;
    }
    result.extend_from_slice(&a[i..]);
    result.extend_from_slice(&b[j..]);
    result
}

/// The index pairs of a longest common subsequence of `a` and `b`, in order.
fn common(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    // Trim the common head and tail first: most edits of minutes touch a few lines, so
    // the quadratic table below stays small.
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..].iter().rev().zip(b[head..].iter().rev()).take_while(|(x, y)| x == y).count();
    let inner_a = &a[head..a.len() - tail];
    let inner_b = &b[head..b.len() - tail];

    // lcs[i][j]: length of the LCS of inner_a[i..] and inner_b[j..].
    let mut lcs = vec![vec![0u32; inner_b.len() + 1]; inner_a.len() + 1];
    for i in (0..inner_a.len()).rev() {
        for j in (0..inner_b.len()).rev() {
            lcs[i][j] = if inner_a[i] == inner_b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut pairs: Vec<(usize, usize)> = (0..head).map(|k| (k, k)).collect();
    let (mut i, mut j) = (0, 0);
    while i < inner_a.len() && j < inner_b.len() {
        if inner_a[i] == inner_b[j] {
            pairs.push((head + i, head + j));
            i += 1;
            j += 1;
        } else if lcs[i][j + 1] >= lcs[i + 1][j] {
            j += 1;
        } else {
            i += 1;
        }
    }
    pairs.extend((0..tail).map(|k| (a.len() - tail + k, b.len() - tail + k)));
    pairs
}

/// The edits that turn `base` into `side`: the runs between the lines they share.
fn hunks<'a>(base: &[&'a str], side: &[&'a str], ours: bool) -> Vec<Hunk<'a>> {
    let mut result = Vec::new();
    let (mut i, mut j) = (0, 0);
    let ends = std::iter::once((base.len(), side.len()));
    for (bi, sj) in common(base, side).into_iter().chain(ends) {
        if bi > i || sj > j {
            result.push(Hunk { start: i, end: bi, lines: side[j..sj].to_vec(), ours });
        }
        i = bi + 1;
        j = sj + 1;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "1. 참석자 소개\n2. 애로사항 청취\n3. 다음 일정";

    fn clean(text: &str) -> TextMerge {
        TextMerge::Clean(text.into())
    }

    #[test]
    fn edits_of_different_lines_are_combined() {
        let ours = "1. 참석자 소개 (12명)\n2. 애로사항 청취\n3. 다음 일정";
        let theirs = "1. 참석자 소개\n2. 애로사항 청취\n3. 다음 일정: 12월 3일";
        let expected = "1. 참석자 소개 (12명)\n2. 애로사항 청취\n3. 다음 일정: 12월 3일";
        assert_eq!(merge_lines(BASE, ours, theirs, First::Ours), clean(expected));
        assert_eq!(merge_lines(BASE, theirs, ours, First::Theirs), clean(expected), "order must not matter");
    }

    #[test]
    fn lines_added_at_both_ends_are_kept() {
        let ours = "회의 시작 10시\n1. 참석자 소개\n2. 애로사항 청취\n3. 다음 일정";
        let theirs = "1. 참석자 소개\n2. 애로사항 청취\n3. 다음 일정\n4. 폐회";
        assert_eq!(
            merge_lines(BASE, ours, theirs, First::Ours),
            clean("회의 시작 10시\n1. 참석자 소개\n2. 애로사항 청취\n3. 다음 일정\n4. 폐회")
        );
    }

    #[test]
    fn edits_of_the_same_line_overlap() {
        let ours = "1. 참석자 소개\n2. 애로사항 청취: 포장재\n3. 다음 일정";
        let theirs = "1. 참석자 소개\n2. 애로사항 청취: 인력난\n3. 다음 일정";
        assert_eq!(merge_lines(BASE, ours, theirs, First::Ours), TextMerge::Overlap);
    }

    #[test]
    fn an_edit_against_a_deletion_of_the_same_line_overlaps() {
        let ours = "1. 참석자 소개\n2. 애로사항 청취: 포장재\n3. 다음 일정";
        let theirs = "1. 참석자 소개\n3. 다음 일정";
        assert_eq!(merge_lines(BASE, ours, theirs, First::Ours), TextMerge::Overlap);
        assert_eq!(merge_lines(BASE, theirs, ours, First::Ours), TextMerge::Overlap);
    }

    #[test]
    fn two_insertions_at_one_place_are_both_kept_older_first() {
        let ours = "1. 참석자 소개\n가\n2. 애로사항 청취\n3. 다음 일정";
        let theirs = "1. 참석자 소개\n나\n2. 애로사항 청취\n3. 다음 일정";
        let ours_first = "1. 참석자 소개\n가\n나\n2. 애로사항 청취\n3. 다음 일정";
        let theirs_first = "1. 참석자 소개\n나\n가\n2. 애로사항 청취\n3. 다음 일정";
        assert_eq!(merge_lines(BASE, ours, theirs, First::Ours), clean(ours_first));
        assert_eq!(merge_lines(BASE, ours, theirs, First::Theirs), clean(theirs_first));
        // The other replica, where the sides are swapped, gets the same text.
        assert_eq!(merge_lines(BASE, theirs, ours, First::Theirs), clean(ours_first));
    }

    #[test]
    fn notes_appended_on_both_sides_are_all_kept() {
        let base = "회의록\n";
        let ours = "회의록\n장: 포장재 단가 문의\n장: 다음 달 재논의\n";
        let theirs = "회의록\n김: 시제품 일정 확인\n";
        assert_eq!(
            merge_lines(base, ours, theirs, First::Theirs),
            clean("회의록\n김: 시제품 일정 확인\n장: 포장재 단가 문의\n장: 다음 달 재논의\n")
        );
    }

    #[test]
    fn lines_both_sides_inserted_at_one_place_appear_once() {
        let base = "a\nz";
        let ours = "a\nx\ny\nz";
        let theirs = "a\ny\nw\nz";
        assert_eq!(merge_lines(base, ours, theirs, First::Ours), clean("a\nx\ny\nw\nz"));
        assert_eq!(merge_lines(base, theirs, ours, First::Theirs), clean("a\nx\ny\nw\nz"));
    }

    #[test]
    fn an_insertion_where_the_other_side_replaced_a_line_goes_before_it() {
        let ours = "1. 참석자 소개\n추가\n2. 애로사항 청취\n3. 다음 일정";
        let theirs = "1. 참석자 소개\n2. 애로사항 청취 (완료)\n3. 다음 일정";
        let expected = "1. 참석자 소개\n추가\n2. 애로사항 청취 (완료)\n3. 다음 일정";
        assert_eq!(merge_lines(BASE, ours, theirs, First::Ours), clean(expected));
        assert_eq!(merge_lines(BASE, theirs, ours, First::Ours), clean(expected));
        assert_eq!(merge_lines(BASE, theirs, ours, First::Theirs), clean(expected));
    }

    #[test]
    fn overlapping_deletions_delete_both_ranges() {
        let base = "a\nb\nc\nd";
        assert_eq!(merge_lines(base, "a\nd", "a\nb\nd", First::Ours), clean("a\nd"));
        assert_eq!(merge_lines(base, "c\nd", "a\nd", First::Ours), clean("d"));
    }

    #[test]
    fn the_same_edit_on_both_sides_is_applied_once() {
        let both = "1. 참석자 소개\n2. 애로사항 청취\n3. 다음 일정 확정";
        let ours = "0. 개회\n1. 참석자 소개\n2. 애로사항 청취\n3. 다음 일정 확정";
        assert_eq!(merge_lines(BASE, ours, both, First::Ours), clean(ours));
    }

    #[test]
    fn a_deleted_line_and_an_edit_elsewhere_combine() {
        let ours = "1. 참석자 소개\n3. 다음 일정";
        let theirs = "1. 참석자 소개 (9명)\n2. 애로사항 청취\n3. 다음 일정";
        assert_eq!(merge_lines(BASE, ours, theirs, First::Ours), clean("1. 참석자 소개 (9명)\n3. 다음 일정"));
    }

    #[test]
    fn unchanged_sides_take_the_other() {
        assert_eq!(merge_lines(BASE, BASE, "x", First::Ours), clean("x"));
        assert_eq!(merge_lines(BASE, "y", BASE, First::Ours), clean("y"));
    }

    #[test]
    fn an_empty_base_keeps_both_texts() {
        assert_eq!(merge_lines("", "가", "나", First::Theirs), clean("나\n가"));
    }

    #[test]
    fn keeping_both_versions_keeps_every_line_once() {
        assert_eq!(keep_both("a\nb\nc", "a\nB\nc\nd"), "a\nb\nB\nc\nd");
        assert_eq!(keep_both("", "x"), "x");
        assert_eq!(keep_both("x", ""), "x");
        assert_eq!(keep_both("same", "same"), "same");
    }
}
