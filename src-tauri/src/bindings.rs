//! The TypeScript declarations of every type that crosses the IPC boundary, generated from
//! the Rust types into `ui/src/bindings/` and committed. A test fails when they drift;
//! `UPDATE_BINDINGS=1 cargo test -p cluster-desk bindings` rewrites them.

use std::path::Path;

use ts_rs::{Config, ExportError, TS};

/// Writes the declarations of every boundary type (and what they refer to) into `dir`.
pub fn export_all(dir: &Path) -> Result<(), ExportError> {
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    macro_rules! export {
        ($($t:ty),* $(,)?) => { $( <$t as TS>::export_all(&cfg)?; )* };
    }
    use desk_core::*;
    export!(
        crate::api::ApiError,
        crate::api::AppStatus,
        crate::api::UploadedFile,
        crate::api::ExportedFile,
        Language,
        FieldError,
        cluster::ClusterSummary,
        cluster::ClusterInput,
        cluster::SmallGroup,
        home::Home,
        search::SearchHit,
        db::change_log::Change,
        history::HistoryEntry,
        member::Member,
        member::MemberInput,
        member::MemberDetail,
        person::Person,
        person::PersonInput,
        event::Event,
        event::EventDetail,
        event::EventInput,
        event::InviteeRef,
        event::Attendance,
        event::ActionItemInput,
        event::ActionStatus,
        minutes_draft::MinutesSaved,
        visit::VisitInput,
        visit::VisitRecorded,
        attachment::Attachment,
        issue::Issue,
        issue::IssueInput,
        issue::IssueStatus,
        matching::PartnerSuggestion,
        project::Project,
        project::ProjectDetail,
        project::ProjectInput,
        project::ProjectStage,
        project::Outcome,
        validate::support::AmountCheck,
        crate::api::SyncStatus,
        crate::api::SignInForm,
        sync::SyncState,
        sync::Conflict,
        sync::ConflictChoice,
        sync::RefusedChange,
    );
    std::fs::write(dir.join("SyncedFields.ts"), synced_fields_ts())?;
    Ok(())
}

/// Every synced table's fields as a TypeScript constant, so the window can check that it
/// has a label for each field a history row may show.
fn synced_fields_ts() -> String {
    let mut out = String::from(
        "// Generated from sync_wire::SYNCED_TABLES by src-tauri/src/bindings.rs; never edit by hand.\n\n\
         export const SYNCED_FIELDS: Record<string, readonly string[]> = {\n",
    );
    for table in sync_wire::SYNCED_TABLES {
        let fields = table.fields.iter().map(|f| format!("\"{f}\"")).collect::<Vec<_>>().join(", ");
        out.push_str(&format!("  {}: [{fields}],\n", table.name));
    }
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    fn read_dir(dir: &Path) -> BTreeMap<String, String> {
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "ts") {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                files.insert(name, std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
        files
    }

    #[test]
    fn bindings_match_the_committed_typescript() {
        let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            if committed.exists() {
                std::fs::remove_dir_all(&committed).unwrap();
            }
            super::export_all(&committed).unwrap();
        }
        let fresh = tempfile::tempdir().unwrap();
        super::export_all(fresh.path()).unwrap();
        let expected = read_dir(fresh.path());
        let actual = read_dir(&committed);
        assert!(!expected.is_empty());
        let names = |m: &BTreeMap<String, String>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(
            names(&actual),
            names(&expected),
            "the set of binding files drifted; run UPDATE_BINDINGS=1 cargo test -p cluster-desk bindings"
        );
        for (name, text) in &expected {
            assert_eq!(
                &actual[name], text,
                "ui/src/bindings/{name} drifted; run UPDATE_BINDINGS=1 cargo test -p cluster-desk bindings"
            );
        }
    }
}
