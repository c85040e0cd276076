//! The merge decision for one incoming field change, as a pure function.
//!
//! [`plan`] looks at what this laptop knows about the field (the newest logged change,
//! the value in the row, whether the record was deleted) and says what to do: write the
//! value or not, and which conflict records to keep. It touches no database, so the merge
//! rules are tested directly; `apply` gathers the inputs and carries the steps out.
//!
//! The rules (docs/sync.md, "Merging"):
//! - The change with the higher hybrid-logical-clock time wins the field.
//! - A change was made without knowing the value it replaces when its `old_value`
//!   differs from that value. Then the value that lost is kept as a conflict record.
//!   (A change that loses on arrival is always such a case: had its author seen the
//!   newer value, the server would have delivered that first.)
//! - Long text fields (minutes, agendas, notes) are not decided here: their value is the
//!   replay of all their edits (`text_history`), recomputed once the page is in the log.
//! - An edit that meets a deletion made without knowing it is kept as a conflict.

use crate::db::change_log::Change;
use crate::hlc::Timestamp;

/// A change already in this laptop's log, as the merge sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    pub change: Change,
    /// Made on this laptop and not yet acknowledged by head office: nobody else has seen it.
    pub unpushed: bool,
}

/// What this laptop knows about the field an incoming change is for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalField {
    /// The same change (same clock time, same device) is already in the log.
    pub duplicate: bool,
    pub row_exists: bool,
    /// The field's value in the row now, as JSON (None: NULL or no row).
    pub current: Option<String>,
    /// The newest logged change of this field.
    pub latest: Option<Logged>,
    /// When the record is deleted here: the change that deleted it.
    pub deleted_by: Option<Logged>,
    /// For an incoming deletion: the newest logged change of each other field.
    pub other_fields: Vec<Logged>,
    /// This laptop has held the incoming value in this field before (it was superseded
    /// here knowingly, e.g. the same merged text written on two laptops).
    pub value_seen: bool,
}

/// A losing value to keep for the manager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConflict {
    pub table: String,
    pub record_id: String,
    pub field: String,
    pub kind: ConflictKind,
    pub kept_value: Option<String>,
    pub kept_hlc: Timestamp,
    pub lost_value: Option<String>,
    pub lost_hlc: Timestamp,
    pub lost_device: String,
}

crate::text_enum! {
    /// Why a value was set aside.
    ConflictKind {
        ConcurrentEdit = "concurrent_edit", // Two devices changed the same field without seeing each other's change.
        DeleteEdit = "delete_edit", // A record was deleted on one device and edited on another.
        TextOverlap = "text_overlap", // Two edits of the same text touched the same lines.
    }
}

/// One thing to do for an incoming change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Write the incoming value into the row.
    SetField,
    /// Keep a conflict record.
    Conflict(NewConflict),
    /// Recompute the text field from all its edits once the page is logged
    /// (`text_history::replay`).
    MergeText,
}

/// What to do with one incoming change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Append it to the log (false only for a change already there).
    pub log: bool,
    pub steps: Vec<Step>,
}

/// Text fields whose concurrent edits are merged line by line (by replaying their edits).
pub const MERGED_TEXT_FIELDS: &[(&str, &str)] = &[
    ("event", "minutes"),
    ("event", "agenda"),
    ("event", "decisions"),
    ("issue", "description"),
    ("issue", "next_steps"),
    ("member", "notes"),
    ("project", "summary"),
];

const DELETED: Option<&str> = Some("1");

/// Decides what to do with `incoming`, given what this laptop (`me`) knows.
pub fn plan(incoming: &Change, local: &LocalField, me: &str) -> Plan {
    if local.duplicate {
        return Plan { log: false, steps: Vec::new() };
    }
    let mut steps = Vec::new();
    let wins = local.latest.as_ref().is_none_or(|l| incoming.hlc > l.change.hlc);
    // Conflicts about conflict records themselves (two people resolving one at once)
    // are settled by the clock alone: there is nothing more to keep.
    let track = incoming.table != "sync_conflict";

    if incoming.field == "deleted" {
        if wins {
            steps.push(Step::SetField);
            if track && incoming.new_value.as_deref() == DELETED && local.current.as_deref() != DELETED {
                for edit in &local.other_fields {
                    let change = &edit.change;
                    if change.device_id != incoming.device_id && (change.hlc > incoming.hlc || edit.unpushed) {
                        steps.push(Step::Conflict(delete_edit(incoming, incoming.hlc, change)));
                    }
                }
            }
        }
        return Plan { log: true, steps };
    }

    if let Some(deletion) = local.deleted_by.as_ref().filter(|_| track) {
        // The deleting device could not have seen an edit that arrives after it deleted,
        // nor one made later by the clock.
        let deletion = &deletion.change;
        let unseen = deletion.device_id == me || deletion.hlc < incoming.hlc;
        if unseen && deletion.device_id != incoming.device_id {
            steps.push(Step::Conflict(delete_edit(incoming, deletion.hlc, incoming)));
        }
    }

    if track && MERGED_TEXT_FIELDS.contains(&(incoming.table.as_str(), incoming.field.as_str())) {
        // The newest edit's text stands in until the replay computes the merged one (a
        // new row needs its value now).
        if wins {
            steps.push(Step::SetField);
        }
        steps.push(Step::MergeText);
        return Plan { log: true, steps };
    }

    let current = local.current.as_deref();
    let new_value = incoming.new_value.as_deref();
    if wins {
        steps.push(Step::SetField);
        let Some(latest) = local.latest.as_ref().map(|l| &l.change).filter(|_| track && local.row_exists) else {
            return Plan { log: true, steps };
        };
        if current != new_value && current != incoming.old_value.as_deref() {
            // The incoming change replaced a value other than ours: ours would be lost.
            steps.push(Step::Conflict(concurrent(
                incoming,
                Side { value: new_value, hlc: incoming.hlc },
                Side { value: current, hlc: latest.hlc },
                latest.device_id.clone(),
            )));
        }
    } else if let Some(latest) = local.latest.as_ref().map(|l| &l.change).filter(|_| track) {
        if current != new_value && !local.value_seen {
            steps.push(Step::Conflict(concurrent(
                incoming,
                Side { value: current, hlc: latest.hlc },
                Side { value: new_value, hlc: incoming.hlc },
                incoming.device_id.clone(),
            )));
        }
    }
    Plan { log: true, steps }
}

struct Side<'a> {
    value: Option<&'a str>,
    hlc: Timestamp,
}

/// Two edits of one field that did not see each other: the one that lost is kept.
fn concurrent(incoming: &Change, kept: Side<'_>, lost: Side<'_>, lost_device: String) -> NewConflict {
    NewConflict {
        table: incoming.table.clone(),
        record_id: incoming.record_id.clone(),
        field: incoming.field.clone(),
        kind: ConflictKind::ConcurrentEdit,
        kept_value: kept.value.map(str::to_string),
        kept_hlc: kept.hlc,
        lost_value: lost.value.map(str::to_string),
        lost_hlc: lost.hlc,
        lost_device,
    }
}

/// The deletion (at `deleted_at`) of `incoming`'s record wins over `edit`; the edit is kept.
fn delete_edit(incoming: &Change, deleted_at: Timestamp, edit: &Change) -> NewConflict {
    NewConflict {
        table: incoming.table.clone(),
        record_id: incoming.record_id.clone(),
        field: edit.field.clone(),
        kind: ConflictKind::DeleteEdit,
        kept_value: DELETED.map(str::to_string),
        kept_hlc: deleted_at,
        lost_value: edit.new_value.clone(),
        lost_hlc: edit.hlc,
        lost_device: edit.device_id.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_text(text: &str) -> String {
        serde_json::Value::from(text).to_string()
    }

    fn t(millis: u64, node: u64) -> Timestamp {
        Timestamp { millis, counter: 0, node }
    }

    fn change(field: &str, hlc: Timestamp, device: &str, old: Option<&str>, new: Option<&str>) -> Change {
        Change {
            hlc,
            device_id: device.into(),
            action_id: "action".into(),
            table: "member".into(),
            record_id: "m1".into(),
            field: field.into(),
            old_value: old.map(Into::into),
            new_value: new.map(Into::into),
        }
    }

    fn incoming(field: &str, hlc: Timestamp, old: Option<&str>, new: Option<&str>) -> Change {
        change(field, hlc, "b", old, new)
    }

    fn logged(field: &str, hlc: Timestamp, device: &str, old: Option<&str>, new: Option<&str>) -> Logged {
        Logged { change: change(field, hlc, device, old, new), unpushed: device == "a" }
    }

    fn local(current: &str, latest: Logged) -> LocalField {
        LocalField { row_exists: true, current: Some(current.into()), latest: Some(latest), ..LocalField::default() }
    }

    #[test]
    fn a_newer_edit_based_on_our_value_just_wins() {
        let here = local("\"x\"", logged("name", t(1, 1), "a", None, Some("\"x\"")));
        let p = plan(&incoming("name", t(2, 2), Some("\"x\""), Some("\"y\"")), &here, "a");
        assert_eq!(p, Plan { log: true, steps: vec![Step::SetField] });
    }

    #[test]
    fn a_newer_concurrent_edit_wins_and_keeps_ours_as_a_conflict() {
        let here = local("\"ours\"", logged("name", t(1, 1), "a", Some("\"base\""), Some("\"ours\"")));
        let p = plan(&incoming("name", t(2, 2), Some("\"base\""), Some("\"theirs\"")), &here, "a");
        assert_eq!(p.steps[0], Step::SetField);
        let Step::Conflict(c) = &p.steps[1] else { panic!("expected a conflict, got {p:?}") };
        assert_eq!((c.kept_value.as_deref(), c.lost_value.as_deref()), (Some("\"theirs\""), Some("\"ours\"")));
        assert_eq!((c.kind, c.lost_device.as_str(), c.lost_hlc), (ConflictKind::ConcurrentEdit, "a", t(1, 1)));
    }

    #[test]
    fn an_older_concurrent_edit_loses_but_is_kept() {
        let here = local("\"ours\"", logged("name", t(5, 1), "a", Some("\"base\""), Some("\"ours\"")));
        let p = plan(&incoming("name", t(3, 2), Some("\"base\""), Some("\"theirs\"")), &here, "a");
        assert_eq!(p.steps.len(), 1, "the row keeps our value: {p:?}");
        let Step::Conflict(c) = &p.steps[0] else { panic!("expected a conflict") };
        assert_eq!((c.kept_value.as_deref(), c.lost_value.as_deref()), (Some("\"ours\""), Some("\"theirs\"")));
    }

    #[test]
    fn the_same_value_on_both_sides_is_no_conflict() {
        let here = local("\"same\"", logged("name", t(5, 1), "a", Some("\"base\""), Some("\"same\"")));
        assert_eq!(plan(&incoming("name", t(3, 2), Some("\"base\""), Some("\"same\"")), &here, "a").steps, vec![]);
        assert_eq!(
            plan(&incoming("name", t(9, 2), Some("\"base\""), Some("\"same\"")), &here, "a").steps,
            vec![Step::SetField]
        );
    }

    #[test]
    fn an_older_value_this_laptop_already_moved_on_from_is_no_conflict() {
        let mut here = local("\"edited\"", logged("name", t(5, 1), "a", Some("\"merged\""), Some("\"edited\"")));
        here.value_seen = true;
        let p = plan(&incoming("name", t(3, 2), Some("\"base\""), Some("\"merged\"")), &here, "a");
        assert_eq!(p.steps, vec![]);
    }

    #[test]
    fn a_change_already_logged_is_skipped() {
        let here = LocalField { duplicate: true, ..LocalField::default() };
        assert_eq!(plan(&incoming("name", t(1, 2), None, Some("1")), &here, "a"), Plan { log: false, steps: vec![] });
    }

    #[test]
    fn a_field_never_seen_is_set() {
        let p = plan(&incoming("name", t(1, 2), None, Some("\"new\"")), &LocalField::default(), "a");
        assert_eq!(p.steps, vec![Step::SetField]);
    }

    #[test]
    fn minutes_are_left_to_the_replay_of_their_edits() {
        let base = json_text("a\nb");
        let ours = json_text("a\nours");
        let theirs = json_text("a\ntheirs");
        let here = local(&ours, logged("minutes", t(1, 1), "a", Some(&base), Some(&ours)));
        let mut newer = incoming("minutes", t(2, 2), Some(&base), Some(&theirs));
        newer.table = "event".into();
        assert_eq!(plan(&newer, &here, "a").steps, vec![Step::SetField, Step::MergeText]);
        let mut older = newer.clone();
        older.hlc = t(0, 2);
        assert_eq!(plan(&older, &here, "a").steps, vec![Step::MergeText], "no conflict decided here");
        // A field of the same name in a table where it is not a long text is decided by the clock.
        let mut phone_like = older.clone();
        phone_like.table = "person".into();
        assert!(
            matches!(&plan(&phone_like, &here, "a").steps[..], [Step::Conflict(c)] if c.kind == ConflictKind::ConcurrentEdit)
        );
    }

    #[test]
    fn a_deletion_over_an_unpushed_edit_keeps_the_edit() {
        let mut here = local("0", logged("deleted", t(1, 1), "a", None, Some("0")));
        here.other_fields = vec![logged("phone", t(1, 1), "a", None, Some("\"010\""))];
        let p = plan(&incoming("deleted", t(9, 2), Some("0"), Some("1")), &here, "a");
        assert_eq!(p.steps[0], Step::SetField);
        let Step::Conflict(c) = &p.steps[1] else { panic!("expected a conflict, got {p:?}") };
        assert_eq!(
            (c.kind, c.field.as_str(), c.lost_value.as_deref()),
            (ConflictKind::DeleteEdit, "phone", Some("\"010\""))
        );
    }

    #[test]
    fn an_edit_arriving_after_our_deletion_is_kept() {
        let mut here = local("\"old\"", logged("phone", t(1, 3), "c", None, Some("\"old\"")));
        here.deleted_by = Some(logged("deleted", t(50, 1), "a", Some("0"), Some("1")));
        // Older by the clock, but we deleted without having seen it.
        let p = plan(&incoming("phone", t(10, 2), Some("\"old\""), Some("\"new\"")), &here, "a");
        assert!(
            matches!(&p.steps[0], Step::Conflict(c) if c.kind == ConflictKind::DeleteEdit && c.kept_hlc == t(50, 1))
        );
    }
}
