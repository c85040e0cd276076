//! What a laptop may push: the checks that keep each cluster's data its own.
//!
//! Pure functions over one change and what the server knows of the record, so each rule
//! is tested on its own. A change that breaks one is refused for good (the laptop sets it
//! aside and shows it); the rest of its page waits for the next push.

use sync_wire::hlc::{wall_millis, Timestamp, MAX_AHEAD_MILLIS};
use sync_wire::{is_head_office_field, synced_table, FieldChange, RejectedChange};

/// The largest single value (a long meeting minute is a few tens of kilobytes).
pub const MAX_VALUE_BYTES: usize = 1024 * 1024;

fn refuse(change: &FieldChange, reason: &str, ko: String, en: String) -> RejectedChange {
    RejectedChange { client_seq: change.client_seq, reason: reason.into(), message_ko: ko, message_en: en }
}

/// Which cluster a record belongs to ('' for the national directory) and its table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub cluster: String,
    pub table: String,
    /// Head office created the record (a decision on a project's stage): laptops read it,
    /// never change it.
    pub head_office: bool,
}

/// What a `cluster_id` value points at: the record id it names, who owns that record,
/// and whether the same page creates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterReference {
    pub id: String,
    pub owner: Option<Owner>,
    pub created_in_page: bool,
}

/// The record id a `cluster_id` value names (`None` for NULL or a non-text value).
pub fn referenced_id(json: Option<&str>) -> Option<String> {
    json.and_then(|j| serde_json::from_str::<String>(j).ok())
}

/// Checks one change of a push by a device of `cluster_id`.
///
/// `owner` is who owns the record, if the server has seen it. For a `cluster_id` field,
/// `referenced` is what the value points at (`None` when it names nothing).
pub fn check_change(
    cluster_id: &str,
    change: &FieldChange,
    owner: Option<&Owner>,
    referenced: Option<&ClusterReference>,
) -> Result<(), RejectedChange> {
    let Some(table) = synced_table(&change.table) else {
        return Err(refuse(
            change,
            "unknown_table",
            format!("본부 서버가 모르는 자료 종류입니다: {}", change.table),
            format!("Head office does not know the table {:?}.", change.table),
        ));
    };
    if !table.has_field(&change.field) {
        return Err(refuse(
            change,
            "unknown_field",
            format!("본부 서버가 모르는 항목입니다: {}.{}", change.table, change.field),
            format!("Head office does not know the field {}.{}.", change.table, change.field),
        ));
    }
    let Some(time) = Timestamp::parse(&change.hlc) else {
        return Err(malformed(change));
    };
    if time.millis > wall_millis().saturating_add(MAX_AHEAD_MILLIS) {
        return Err(refuse(
            change,
            "clock_ahead",
            "이 노트북의 시계가 한 달 이상 앞서 있었을 때 만든 변경입니다. 시계를 맞추고 다시 입력하세요.".into(),
            "This change was made while the laptop's clock was more than a month ahead; fix the clock and enter it again.".into(),
        ));
    }
    let attachment_hash_ok = !(change.table == "attachment" && change.field == "content_hash")
        || referenced_id(change.new_value.as_deref()).is_some_and(|h| sync_wire::ContentHash::parse(&h).is_some());
    let well_formed = attachment_hash_ok
        && sync_wire::valid_record_id(&change.record_id)
        && sync_wire::valid_action_id(&change.action_id)
        && [&change.old_value, &change.new_value].iter().all(|v| {
            v.as_deref()
                .is_none_or(|v| v.len() <= MAX_VALUE_BYTES && serde_json::from_str::<serde_json::Value>(v).is_ok())
        });
    if !well_formed {
        return Err(malformed(change));
    }
    if is_head_office_field(&change.table, &change.field) {
        return Err(refuse(
            change,
            "head_office_only",
            "승인 금액은 본부만 정할 수 있습니다.".into(),
            "Only head office sets the approved amount.".into(),
        ));
    }
    if let Some(owner) = owner {
        if owner.cluster.is_empty() {
            return Err(national(change));
        }
        if owner.cluster != cluster_id || owner.table != change.table {
            return Err(other_cluster(change));
        }
        if owner.head_office {
            return Err(refuse(
                change,
                "head_office_only",
                "본부가 기록한 결정은 본부만 고칠 수 있습니다.".into(),
                "Only head office changes a decision it recorded.".into(),
            ));
        }
    }
    if change.field == "cluster_id" {
        match referenced {
            None if matches!(change.table.as_str(), "member" | "person") => return Err(national(change)),
            None => return Err(other_cluster(change)),
            Some(ClusterReference { owner: Some(o), .. }) if o.cluster == cluster_id && o.table == "cluster" => {}
            Some(ClusterReference { owner: None, created_in_page: true, .. }) => {}
            Some(_) => return Err(other_cluster(change)),
        }
    }
    Ok(())
}

fn malformed(change: &FieldChange) -> RejectedChange {
    refuse(
        change,
        "bad_value",
        "변경 내용의 형식이 올바르지 않습니다 (시각, 식별자 또는 값).".into(),
        "The change is malformed (its clock time, record id or value).".into(),
    )
}

fn national(change: &FieldChange) -> RejectedChange {
    refuse(
        change,
        "head_office_only",
        "전국 기관·전문가 명부는 본부만 고칠 수 있습니다.".into(),
        "Only head office edits the national directory.".into(),
    )
}

fn other_cluster(change: &FieldChange) -> RejectedChange {
    refuse(
        change,
        "other_cluster",
        "다른 클러스터의 자료는 고칠 수 없습니다.".into(),
        "This record belongs to another cluster.".into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(table: &str, field: &str, value: Option<&str>) -> FieldChange {
        FieldChange {
            client_seq: 7,
            hlc: "000000000001-000000-0000000000000001".into(),
            action_id: "a".into(),
            table: table.into(),
            record_id: "r1".into(),
            field: field.into(),
            old_value: None,
            new_value: value.map(Into::into),
        }
    }

    #[test]
    fn record_and_action_ids_are_plain_ids_only() {
        let good = change("member", "name", Some("\"한빛\""));
        assert!(check_change("c1", &good, None, None).is_ok());
        for id in ["", "../../etc/passwd", "a'b", "a b", "한빛", &"x".repeat(201)] {
            let bad = FieldChange { record_id: id.into(), ..good.clone() };
            assert_eq!(check_change("c1", &bad, None, None).unwrap_err().reason, "bad_value", "{id:?}");
        }
        let long_action = FieldChange { action_id: "a".repeat(65), ..good.clone() };
        assert_eq!(check_change("c1", &long_action, None, None).unwrap_err().reason, "bad_value");
    }

    #[test]
    fn a_record_head_office_created_is_not_for_a_laptop_to_change() {
        let edit = change("project_stage_change", "reason", Some("\"바꿈\""));
        let decision = Owner { cluster: "c1".into(), table: "project_stage_change".into(), head_office: true };
        assert_eq!(check_change("c1", &edit, Some(&decision), None).unwrap_err().reason, "head_office_only");
        assert!(check_change("c1", &edit, Some(&owned("c1", "project_stage_change")), None).is_ok());
    }

    fn owned(cluster: &str, table: &str) -> Owner {
        Owner { cluster: cluster.into(), table: table.into(), head_office: false }
    }

    fn points_at(id: &str, owner: Option<Owner>) -> ClusterReference {
        ClusterReference { id: id.into(), owner, created_in_page: false }
    }

    #[test]
    fn a_new_record_of_ones_own_cluster_is_accepted() {
        assert_eq!(check_change("A", &change("member", "name", Some("\"(주)한빛\"")), None, None), Ok(()));
        let cluster_ref = points_at("c1", Some(owned("A", "cluster")));
        assert_eq!(
            check_change("A", &change("member", "cluster_id", Some("\"c1\"")), None, Some(&cluster_ref)),
            Ok(())
        );
    }

    #[test]
    fn another_clusters_record_is_refused() {
        let r = check_change("A", &change("member", "name", Some("\"x\"")), Some(&owned("B", "member")), None);
        assert_eq!(r.map_err(|e| e.reason), Err("other_cluster".to_string()));
    }

    #[test]
    fn a_forged_cluster_id_is_refused() {
        let forged = points_at("cB", Some(owned("B", "cluster")));
        let r = check_change("A", &change("member", "cluster_id", Some("\"cB\"")), None, Some(&forged));
        assert_eq!(r.map_err(|e| e.reason), Err("other_cluster".to_string()));
        let unknown = points_at("nowhere", None);
        let r = check_change("A", &change("event", "cluster_id", Some("\"nowhere\"")), None, Some(&unknown));
        assert_eq!(r.map_err(|e| e.reason), Err("other_cluster".to_string()));
    }

    #[test]
    fn head_office_fields_and_the_national_directory_are_refused() {
        let r = check_change("A", &change("project", "approved_government_won", Some("100")), None, None);
        assert_eq!(r.map_err(|e| e.reason), Err("head_office_only".to_string()));
        let r = check_change("A", &change("person", "phone", Some("\"010\"")), Some(&owned("", "person")), None);
        assert_eq!(r.map_err(|e| e.reason), Err("head_office_only".to_string()));
    }

    #[test]
    fn unknown_names_and_bad_values_are_refused() {
        let reason = |c: FieldChange| check_change("A", &c, None, None).map_err(|e| e.reason);
        assert_eq!(reason(change("payroll", "x", None)), Err("unknown_table".into()));
        assert_eq!(reason(change("member", "salary", None)), Err("unknown_field".into()));
        assert_eq!(reason(change("member", "name", Some("not json"))), Err("bad_value".into()));
        let mut late = change("member", "name", None);
        late.hlc = "yesterday".into();
        assert_eq!(reason(late), Err("bad_value".into()));
        let mut shouting = change("member", "name", None);
        shouting.hlc = shouting.hlc.to_uppercase().replace("1", "A");
        assert_eq!(reason(shouting), Err("bad_value".into()), "only the canonical clock form sorts right");
        let mut future = change("member", "name", None);
        future.hlc = format!("{:012x}-000000-0000000000000001", wall_millis() + 90 * 24 * 3600 * 1000);
        assert_eq!(reason(future), Err("clock_ahead".into()));
        let escape = change("attachment", "content_hash", Some("\"../../etc/passwd\""));
        assert_eq!(reason(escape), Err("bad_value".into()));
    }
}
