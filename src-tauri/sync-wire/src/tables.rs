//! Which tables and fields travel, and which of them only head office may write.
//!
//! This is the desktop schema as the protocol sees it ([`crate::SCHEMA_VERSION`]). The
//! desktop core declares its tables with these field lists, and a test of the core fails
//! when a synced table is missing here or has no such table there.

/// A table whose rows sync, with the fields a change may name (besides `deleted`, which
/// every synced table has: deletion is a field so it merges like an edit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncedTable {
    pub name: &'static str,
    pub fields: &'static [&'static str],
}

impl SyncedTable {
    pub fn has_field(&self, field: &str) -> bool {
        field == "deleted" || self.fields.contains(&field)
    }
}

// The fields of each synced table. The desktop's tables are declared with these very
// lists (`desk_core`'s `Table::columns`), so the schema and the protocol cannot drift.
pub const CLUSTER_FIELDS: &[&str] = &["name", "complex_name", "region", "industry_theme", "manager_name"];
pub const SMALL_GROUP_FIELDS: &[&str] = &["cluster_id", "name", "description"];
pub const SMALL_GROUP_MEMBER_FIELDS: &[&str] = &["group_id", "member_id"];
pub const MEMBER_FIELDS: &[&str] = &[
    "cluster_id",
    "kind",
    "name",
    "registration_number",
    "ceo_name",
    "address",
    "industry",
    "employees",
    "revenue_won",
    "firm_size",
    "products",
    "technologies",
    "joined_on",
    "phone",
    "email",
    "notes",
];
pub const PERSON_FIELDS: &[&str] = &[
    "cluster_id",
    "role",
    "name",
    "member_id",
    "affiliation",
    "title",
    "expertise",
    "phone",
    "email",
    "home_region",
    "external",
];
pub const EVENT_FIELDS: &[&str] = &[
    "cluster_id",
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "group_id",
    "visited_member_id",
    "agenda",
    "minutes",
    "decisions",
    "status",
    "cancel_reason",
];
pub const INVITEE_FIELDS: &[&str] = &["event_id", "member_id", "person_id", "attendance"];
pub const ACTION_ITEM_FIELDS: &[&str] =
    &["event_id", "title", "assignee_person_id", "assignee_member_id", "due_on", "status", "issue_id", "project_id"];
pub const ISSUE_FIELDS: &[&str] = &[
    "cluster_id",
    "title",
    "description",
    "category",
    "stage",
    "status",
    "drop_reason",
    "event_id",
    "found_on",
    "next_steps",
];
pub const ISSUE_MEMBER_FIELDS: &[&str] = &["issue_id", "member_id"];
pub const PROJECT_FIELDS: &[&str] = &[
    "cluster_id",
    "title",
    "summary",
    "scope",
    "support_type",
    "lead_member_id",
    "stage",
    "stage_reason",
    "government_won",
    "firm_cash_won",
    "firm_in_kind_won",
    "approved_government_won",
    "override_reason",
];
pub const PROJECT_PARTY_FIELDS: &[&str] = &["project_id", "member_id", "person_id", "role"];
pub const PROJECT_ISSUE_FIELDS: &[&str] = &["project_id", "issue_id"];
pub const PROJECT_STAGE_CHANGE_FIELDS: &[&str] = &["project_id", "from_stage", "to_stage", "changed_on", "reason"];
pub const PROJECT_OUTCOME_FIELDS: &[&str] =
    &["project_id", "year", "sales_won", "exports_won", "jobs", "patents", "commercialised"];
pub const PROJECT_SHARE_FIELDS: &[&str] = &["project_id", "member_id", "shared_on"];
pub const ATTACHMENT_FIELDS: &[&str] =
    &["record_table", "record_id", "file_name", "content_hash", "size_bytes", "media_type", "added_at"];
pub const SYNC_CONFLICT_FIELDS: &[&str] = &[
    "table_name",
    "record_id",
    "field",
    "kind",
    "kept_value",
    "kept_hlc",
    "lost_value",
    "lost_hlc",
    "lost_device",
    "resolution",
];

pub const SYNCED_TABLES: &[SyncedTable] = &[
    SyncedTable { name: "cluster", fields: CLUSTER_FIELDS },
    SyncedTable { name: "small_group", fields: SMALL_GROUP_FIELDS },
    SyncedTable { name: "small_group_member", fields: SMALL_GROUP_MEMBER_FIELDS },
    SyncedTable { name: "member", fields: MEMBER_FIELDS },
    SyncedTable { name: "person", fields: PERSON_FIELDS },
    SyncedTable { name: "event", fields: EVENT_FIELDS },
    SyncedTable { name: "invitee", fields: INVITEE_FIELDS },
    SyncedTable { name: "action_item", fields: ACTION_ITEM_FIELDS },
    SyncedTable { name: "issue", fields: ISSUE_FIELDS },
    SyncedTable { name: "issue_member", fields: ISSUE_MEMBER_FIELDS },
    SyncedTable { name: "project", fields: PROJECT_FIELDS },
    SyncedTable { name: "project_party", fields: PROJECT_PARTY_FIELDS },
    SyncedTable { name: "project_issue", fields: PROJECT_ISSUE_FIELDS },
    SyncedTable { name: "project_stage_change", fields: PROJECT_STAGE_CHANGE_FIELDS },
    SyncedTable { name: "project_outcome", fields: PROJECT_OUTCOME_FIELDS },
    SyncedTable { name: "project_share", fields: PROJECT_SHARE_FIELDS },
    SyncedTable { name: "attachment", fields: ATTACHMENT_FIELDS },
    SyncedTable { name: "sync_conflict", fields: SYNC_CONFLICT_FIELDS },
];

/// Project stage codes head office may set (the desktop's `ProjectStage`).
pub const PROJECT_STAGES: &[&str] = &[
    "discovery",
    "planning",
    "application",
    "evaluation",
    "agreement",
    "execution",
    "review",
    "settlement",
    "outcome_reporting",
    "rejected",
    "dropped",
];

/// Person role codes (the desktop's `PersonRole`).
pub const PERSON_ROLES: &[&str] = &["staff", "professor", "researcher", "agency_staff", "consultant"];

/// Region codes (the desktop's `Region`).
pub const REGIONS: &[&str] = &["capital", "chungcheong", "daegu_gyeongbuk", "dongnam", "honam", "gangwon"];

/// The synced table called `name`, if there is one.
pub fn synced_table(name: &str) -> Option<&'static SyncedTable> {
    SYNCED_TABLES.iter().find(|t| t.name == name)
}

/// Fields that hold head office's decisions: a laptop shows them but never writes them.
pub fn is_head_office_field(table: &str, field: &str) -> bool {
    matches!((table, field), ("project", "approved_government_won"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_is_listed_once() {
        let mut names: Vec<_> = SYNCED_TABLES.iter().map(|t| t.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), SYNCED_TABLES.len());
        assert!(synced_table("member").is_some_and(|t| t.has_field("deleted") && t.has_field("name")));
        assert!(synced_table("change_log").is_none(), "the log itself never travels as a table");
    }
}
