//! A long text field's value as a pure function of its edits: every edit in clock order,
//! each merged line by line into the text the edits before it made.
//!
//! Minutes, agendas, decisions and notes are edited on several laptops at once. Each edit
//! in the change log is its author's change of the text they had (`old_value` →
//! `new_value`). Replaying all of them in clock order, each as a three-way merge of the
//! text so far with the author's edit, gives the same text on every laptop that holds the
//! same edits, whatever order they arrived in, so no laptop has to write (and sync) a
//! merged text of its own. An edit whose author could not have seen an earlier one always
//! comes later by the clock than everything its author had seen, so the text so far
//! contains the author's `old_value` plus what the author had not seen.
//!
//! Where an edit changed the same lines as edits its author had not seen, the edit wins
//! (it is the newer) and the text it replaced is kept as a conflict.

use crate::hlc::Timestamp;

use super::text_merge::{merge_lines, First, TextMerge};

/// One logged edit of the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub hlc: Timestamp,
    pub device_id: String,
    /// The text its author had (empty for a new record).
    pub old: String,
    pub new: String,
}

/// Where an edit changed the same lines as edits its author had not seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// The edit that won: its text is what the field went on from.
    pub kept: String,
    pub kept_hlc: Timestamp,
    /// The text the edits before it had made, set aside.
    pub lost: String,
    pub lost_hlc: Timestamp,
    pub lost_device: String,
}

/// The text all the edits make, and where they collided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    pub text: String,
    pub collisions: Vec<Collision>,
}

/// Replays `edits` in clock order (they may come in any order).
pub fn replay(edits: &[Edit]) -> Replayed {
    let mut order: Vec<&Edit> = edits.iter().collect();
    order.sort_by_key(|e| (e.hlc, e.device_id.as_str()));
    let mut collisions = Vec::new();
    let Some(first) = order.first() else {
        return Replayed { text: String::new(), collisions };
    };
    let mut text = first.old.clone();
    let mut last: Option<&Edit> = None;
    for edit in order {
        if edit.old == text {
            // Its author had everything before it: a plain edit.
            text.clone_from(&edit.new);
        } else {
            // The text so far is older than the edit: its lines come first where both
            // added lines at one place.
            match merge_lines(&edit.old, &text, &edit.new, First::Ours) {
                TextMerge::Clean(merged) => text = merged,
                TextMerge::Overlap => {
                    // (The first edit always starts from the text so far: `last` is set.)
                    let (lost_hlc, lost_device) =
                        last.map_or((edit.hlc, String::new()), |l| (l.hlc, l.device_id.clone()));
                    collisions.push(Collision {
                        kept: edit.new.clone(),
                        kept_hlc: edit.hlc,
                        lost: std::mem::replace(&mut text, edit.new.clone()),
                        lost_hlc,
                        lost_device,
                    });
                }
            }
        }
        last = Some(edit);
    }
    Replayed { text, collisions }
}

/// The text inside a text field's JSON value ("" for NULL or a value that is not a string).
pub(crate) fn text_of_json(json: Option<&str>) -> String {
    json.and_then(|j| serde_json::from_str::<String>(j).ok()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(millis: u64, device: &str, old: &str, new: &str) -> Edit {
        Edit {
            hlc: Timestamp { millis, counter: 0, node: u64::from(device.as_bytes()[0]) },
            device_id: device.into(),
            old: old.into(),
            new: new.into(),
        }
    }

    #[test]
    fn a_chain_of_edits_gives_the_last_text() {
        let edits = [edit(1, "a", "", "가"), edit(2, "a", "가", "가\n나"), edit(3, "b", "가\n나", "가\n나\n다")];
        assert_eq!(replay(&edits), Replayed { text: "가\n나\n다".into(), collisions: vec![] });
    }

    #[test]
    fn several_edits_on_each_side_since_the_last_sync_merge_in_clock_order() {
        let base = "회의록";
        // Laptop a added two notes in two sessions, laptop b one, all from the same text.
        let edits = [
            edit(10, "a", base, "회의록\na1"),
            edit(30, "a", "회의록\na1", "회의록\na1\na2"),
            edit(20, "b", base, "회의록\nb1"),
        ];
        let expected = "회의록\na1\nb1\na2";
        assert_eq!(replay(&edits).text, expected);
        // Any arrival order gives the same text.
        let mut reversed = edits.to_vec();
        reversed.reverse();
        assert_eq!(replay(&reversed).text, expected);
        assert_eq!(replay(&[edits[2].clone(), edits[0].clone(), edits[1].clone()]).text, expected);
    }

    #[test]
    fn an_edit_of_lines_another_laptop_changed_unseen_wins_and_keeps_the_other_text() {
        let edits = [
            edit(1, "a", "", "안건: 포장재"),
            edit(5, "a", "안건: 포장재", "안건: 포장재 단가"),
            edit(7, "b", "안건: 포장재", "안건: 포장재 납기"),
        ];
        let replayed = replay(&edits);
        assert_eq!(replayed.text, "안건: 포장재 납기");
        assert_eq!(
            replayed.collisions,
            vec![Collision {
                kept: "안건: 포장재 납기".into(),
                kept_hlc: edits[2].hlc,
                lost: "안건: 포장재 단가".into(),
                lost_hlc: edits[1].hlc,
                lost_device: "a".into(),
            }]
        );
    }

    #[test]
    fn a_later_edit_based_on_the_merged_text_is_plain() {
        let edits = [
            edit(1, "a", "x", "x\na"),
            edit(2, "b", "x", "x\nb"),
            // a pulled b's edit, saw the merged text and went on.
            edit(3, "a", "x\na\nb", "x\na\nb\nc"),
        ];
        assert_eq!(replay(&edits), Replayed { text: "x\na\nb\nc".into(), collisions: vec![] });
    }

    #[test]
    fn no_edits_no_text() {
        assert_eq!(replay(&[]), Replayed { text: String::new(), collisions: vec![] });
    }
}
