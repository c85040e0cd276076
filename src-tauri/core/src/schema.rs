//! The registry of the cluster database: every synced table's description and the
//! numbered migrations, in one place. The generic code (`db`, `search`, `sync`) reads
//! these lists and names no domain module itself; a new table is added here and in its
//! own module, nowhere else.

use crate::db::migrations::Migration;
use crate::db::record::Table;

/// Every table whose rows sync, in the order a new database creates them.
pub(crate) const TABLES: &[&Table] = &[
    &crate::cluster::CLUSTER,
    &crate::cluster::SMALL_GROUP,
    &crate::cluster::SMALL_GROUP_MEMBER,
    &crate::member::MEMBER,
    &crate::person::PERSON,
    &crate::event::EVENT,
    &crate::event::INVITEE,
    &crate::event::ACTION_ITEM,
    &crate::issue::ISSUE,
    &crate::issue::ISSUE_MEMBER,
    &crate::project::PROJECT,
    &crate::project::PROJECT_PARTY,
    &crate::project::PROJECT_ISSUE,
    &crate::project::PROJECT_STAGE_CHANGE,
    &crate::project::PROJECT_OUTCOME,
    &crate::project::PROJECT_SHARE,
    &crate::attachment::ATTACHMENT,
    &crate::sync::conflict::SYNC_CONFLICT,
];

/// The synced table called `name`.
pub(crate) fn table_named(name: &str) -> Option<&'static Table> {
    TABLES.iter().copied().find(|t| t.name == name)
}

pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        // cluster, members, people, events, issues, projects, attachments, change log
        version: 1,
        steps: &[
            crate::db::LOCAL_SETTINGS_V1,
            crate::db::change_log::SCHEMA_V1,
            crate::cluster::SCHEMA_V1,
            crate::member::SCHEMA_V1,
            crate::person::SCHEMA_V1,
            crate::event::SCHEMA_V1,
            crate::issue::SCHEMA_V1,
            crate::project::SCHEMA_V1,
            crate::attachment::SCHEMA_V1,
        ],
        backfill: None,
    },
    Migration {
        // full-text search index over every record, filled from the existing rows
        version: 2,
        steps: &[crate::search::SCHEMA_V2],
        backfill: Some(crate::search::rebuild),
    },
    Migration {
        // sync with head office: conflict records, refused and unapplied changes, and an
        // index to read this device's own changes
        version: 3,
        steps: &[crate::db::change_log::SCHEMA_V3, crate::sync::SCHEMA_V3, crate::sync::conflict::SCHEMA_V3],
        backfill: Some(crate::sync::rename_share_ids),
    },
    Migration {
        // the minutes editor's draft journal (local: never logged or synced)
        version: 4,
        steps: &[crate::minutes_draft::SCHEMA_V4],
        backfill: None,
    },
    Migration {
        // the draft remembers the text its typing started from (local: never synced)
        version: 5,
        steps: &[crate::minutes_draft::SCHEMA_V5],
        backfill: None,
    },
];
