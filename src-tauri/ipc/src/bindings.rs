//! The TypeScript declarations of every type that crosses the IPC boundary, generated from
//! the Rust types into `ui/src/bindings/` and committed. A test fails when they drift;
//! `UPDATE_BINDINGS=1 cargo test -p desk-ipc bindings` rewrites them.

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
        crate::ApiError,
        crate::AppStatus,
        crate::UploadedFile,
        crate::ExportedFile,
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
        minutes_draft::MinutesText,
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
        crate::SyncStatus,
        crate::SignInForm,
        sync::SyncState,
        sync::Conflict,
        sync::ConflictChoice,
        sync::RefusedChange,
        undo::Undone,
        desk_spreadsheet::ListKind,
        desk_spreadsheet::ImportField,
        desk_spreadsheet::ImportChoices,
        desk_spreadsheet::ImportPreview,
        desk_spreadsheet::ImportDone,
        desk_spreadsheet::export::ExportFilter,
        crate::DirectoryExport,
        crate::ReportRequest,
        crate::ReportFormat,
        crate::ReportPreview,
    );
    std::fs::write(dir.join("SyncedFields.ts"), synced_fields_ts())?;
    std::fs::write(dir.join("Codes.ts"), codes_ts())?;
    std::fs::write(dir.join("ErrorCode.ts"), error_code_ts())?;
    // ts-rs writes a `#[ts(type = ...)]` name without importing it.
    let api_error = dir.join("ApiError.ts");
    let text = std::fs::read_to_string(&api_error)?;
    let text = text.replacen("\n\n", "\nimport type { ErrorCode } from \"./ErrorCode\";\n\n", 1);
    std::fs::write(api_error, text)?;
    Ok(())
}

/// The union of every code an `ApiError` may carry, so the window's `switch` on a code is
/// checked by the compiler.
fn error_code_ts() -> String {
    let codes = crate::error_codes().iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(" | ");
    format!(
        "// Generated from the core's, the sync's and the shell's error codes by src-tauri/ipc/src/bindings.rs; never edit by hand.\n\n\
         export type ErrorCode = {codes};\n"
    )
}

/// Every code of the enums the window lists (in pickers and boards), in the core's order,
/// so the window never keeps its own copy of a list that could drift from the Rust.
fn codes_ts() -> String {
    use desk_core::*;
    fn list<S: AsRef<str>>(out: &mut String, name: &str, type_name: &str, codes: impl Iterator<Item = S>) {
        let codes = codes.map(|c| format!("\"{}\"", c.as_ref())).collect::<Vec<_>>().join(", ");
        out.push_str(&format!("export const {name}: readonly {type_name}[] = [{codes}];\n"));
    }
    let mut out =
        String::from("// Generated from the core's enums by src-tauri/ipc/src/bindings.rs; never edit by hand.\n");
    let types = [
        "ImportField",
        "MemberKind",
        "PersonRole",
        "EventKind",
        "IssueStatus",
        "IssueCategory",
        "IssueStage",
        "ProjectStage",
        "SupportType",
        "Attendance",
    ];
    for t in types {
        out.push_str(&format!("import type {{ {t} }} from \"./{t}\";\n"));
    }
    out.push('\n');
    let fields = |kind| desk_spreadsheet::ImportField::fields_of(kind).iter().map(ts_code);
    list(&mut out, "MEMBER_IMPORT_FIELDS", "ImportField", fields(desk_spreadsheet::ListKind::Members));
    list(&mut out, "PERSON_IMPORT_FIELDS", "ImportField", fields(desk_spreadsheet::ListKind::People));
    list(&mut out, "MEMBER_KINDS", "MemberKind", member::MemberKind::ALL.iter().map(|k| k.as_str()));
    list(&mut out, "PERSON_ROLES", "PersonRole", person::PersonRole::ALL.iter().map(|k| k.as_str()));
    list(&mut out, "EVENT_KINDS", "EventKind", event::EventKind::ALL.iter().map(|k| k.as_str()));
    list(&mut out, "ISSUE_STATUSES", "IssueStatus", issue::IssueStatus::ALL.iter().map(|k| k.as_str()));
    list(&mut out, "ISSUE_CATEGORIES", "IssueCategory", issue::IssueCategory::ALL.iter().map(|k| k.as_str()));
    list(&mut out, "ISSUE_STAGES", "IssueStage", issue::IssueStage::ALL.iter().map(|k| k.as_str()));
    list(&mut out, "PROJECT_STAGES", "ProjectStage", project::ProjectStage::ALL.iter().map(|k| k.as_str()));
    list(&mut out, "SUPPORT_TYPES", "SupportType", validate::support::SupportType::ALL.iter().map(|k| k.as_str()));
    list(&mut out, "ATTENDANCES", "Attendance", event::Attendance::ALL.iter().map(|k| k.as_str()));
    out
}

/// An enum's serde code (what crosses the boundary).
fn ts_code<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Every synced table's fields as a TypeScript constant, so the window can check that it
/// has a label for each field a history row may show.
fn synced_fields_ts() -> String {
    let mut out = String::from(
        "// Generated from sync_wire::SYNCED_TABLES by src-tauri/ipc/src/bindings.rs; never edit by hand.\n\n\
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
        let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings");
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
            "the set of binding files drifted; run UPDATE_BINDINGS=1 cargo test -p desk-ipc bindings"
        );
        for (name, text) in &expected {
            assert_eq!(
                &actual[name], text,
                "ui/src/bindings/{name} drifted; run UPDATE_BINDINGS=1 cargo test -p desk-ipc bindings"
            );
        }
    }
}
