//! The commands the window may invoke. Each one translates typed arguments into a core
//! call and the result (or a `{code, message}` error) back; nothing else happens here.

use desk_core::attachment::Attachment;
use desk_core::cluster::{ClusterSummary, SmallGroup};
use desk_core::event::{ActionItemInput, ActionStatus, Attendance, Event, EventDetail, EventInput, InviteeRef};
use desk_core::history::HistoryEntry;
use desk_core::home::Home;
use desk_core::issue::{Issue, IssueInput, IssueStatus};
use desk_core::matching::PartnerSuggestion;
use desk_core::member::{Member, MemberDetail, MemberInput};
use desk_core::minutes_draft::{MinutesSaved, MinutesText};
use desk_core::person::{Person, PersonInput};
use desk_core::project::{Outcome, Project, ProjectDetail, ProjectInput, ProjectStage};
use desk_core::search::SearchHit;
use desk_core::validate::support::AmountCheck;
use desk_core::visit::{NewFile, VisitInput, VisitRecorded};
use desk_core::{CoreError, CoreResult, Language};
use tauri::State;

use crate::state::{language_of, AppState};
use desk_core::undo::Undone;
use desk_ipc::{
    ApiError, ApiResult, AppStatus, DirectoryExport, ExportedFile, ReportFormat, ReportPreview, ReportRequest,
    UploadedFile,
};
use desk_reports::ReportKind;
use desk_spreadsheet::export::{self, ExportFilter};
use desk_spreadsheet::{ImportChoices, ImportDone, ImportPreview, ListKind};

/// The demo cluster's seed: the same seed always gives the same cluster.
pub const DEMO_SEED: u64 = 2009;

/// How many results the search palette shows.
const SEARCH_LIMIT: usize = 50;

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> AppStatus {
    let open_error = state.open_error();
    let (has_cluster, language) = state
        .with_store(|store| Ok((desk_core::cluster::current(store.conn())?.is_some(), language_of(store))))
        .unwrap_or((false, Language::Ko));
    AppStatus { database_path: state.path().display().to_string(), open_error, has_cluster, language }
}

#[tauri::command]
pub fn cluster_summary(state: State<'_, AppState>) -> ApiResult<Option<ClusterSummary>> {
    state.with_store(|store| desk_core::cluster::summary(store.conn()))
}

#[tauri::command]
pub fn open_demo_cluster(state: State<'_, AppState>) -> ApiResult<Option<ClusterSummary>> {
    load_demo_if_empty(&state)?;
    state.with_store(|store| desk_core::cluster::summary(store.conn()))
}

/// Fills an empty database with the demo cluster, anchored on today so that its
/// schedule looks current; a database that has a cluster is left alone.
pub fn load_demo_if_empty(state: &AppState) -> ApiResult<()> {
    state.with_store(|store| fill_with_demo(store, desk_core::time::today()).map(|_| ()))
}

/// The one way the app makes the demo cluster (the window's `--demo` and button, and the
/// `demo` command): anchored on `today`, its generated history marked as not the
/// manager's unsent work. Returns the cluster's name and whether it was made now; a
/// database that already has a cluster is left alone.
pub fn fill_with_demo(store: &mut desk_core::Store, today: chrono::NaiveDate) -> CoreResult<(String, bool)> {
    if let Some(cluster) = desk_core::cluster::current(store.conn())? {
        return Ok((cluster.name, false));
    }
    desk_demo::load_demo_cluster(store, DEMO_SEED, today)?;
    desk_core::sync::mark_generated_history(store.conn())?;
    let name = desk_core::cluster::current(store.conn())?.map(|c| c.name).unwrap_or_default();
    Ok((name, true))
}

#[tauri::command]
pub fn set_language(state: State<'_, AppState>, language: Language) -> ApiResult<()> {
    let code = match language {
        Language::Ko => "ko",
        Language::En => "en",
    };
    state.with_store(|store| {
        store.write(|w| desk_core::db::set_local_setting(w.tx(), desk_core::db::LANGUAGE_SETTING, code))
    })
}

#[tauri::command]
pub fn home(state: State<'_, AppState>) -> ApiResult<Home> {
    state.with_cluster(|store, cluster| desk_core::home::home(store.conn(), cluster, desk_core::time::today()))
}

#[tauri::command]
pub fn search(state: State<'_, AppState>, query: String) -> ApiResult<Vec<SearchHit>> {
    state.with_store(|store| desk_core::search::search(store.conn(), &query, SEARCH_LIMIT))
}

#[tauri::command]
pub fn record_history(state: State<'_, AppState>, record_id: String) -> ApiResult<Vec<HistoryEntry>> {
    state.with_store(|store| desk_core::history::of_record(store.conn(), &record_id))
}

// --- directory -------------------------------------------------------------------------

#[tauri::command]
pub fn list_members(state: State<'_, AppState>) -> ApiResult<Vec<Member>> {
    state.with_cluster(|store, cluster| desk_core::member::list(store.conn(), cluster))
}

#[tauri::command]
pub fn member_detail(state: State<'_, AppState>, id: String) -> ApiResult<MemberDetail> {
    state.with_store(|store| desk_core::member::detail(store.conn(), &id))
}

#[tauri::command]
pub fn create_member(state: State<'_, AppState>, input: MemberInput) -> ApiResult<Member> {
    state.with_cluster(|store, cluster| {
        let id = store.write(|w| desk_core::member::create(w, cluster, &input))?;
        desk_core::member::get(store.conn(), &id)
    })
}

#[tauri::command]
pub fn update_member(state: State<'_, AppState>, id: String, input: MemberInput) -> ApiResult<Member> {
    state.with_store(|store| {
        store.write(|w| desk_core::member::update(w, &id, &input))?;
        desk_core::member::get(store.conn(), &id)
    })
}

#[tauri::command]
pub fn merge_members(state: State<'_, AppState>, keep: String, duplicate: String) -> ApiResult<Member> {
    state.with_store(|store| store.write(|w| desk_core::member::merge(w, &keep, &duplicate)))
}

#[tauri::command]
pub fn list_people(state: State<'_, AppState>) -> ApiResult<Vec<Person>> {
    state.with_cluster(|store, cluster| desk_core::person::list(store.conn(), cluster))
}

#[tauri::command]
pub fn create_person(state: State<'_, AppState>, input: PersonInput) -> ApiResult<Person> {
    state.with_cluster(|store, cluster| {
        let id = store.write(|w| desk_core::person::create(w, cluster, &input))?;
        desk_core::person::get(store.conn(), &id)
    })
}

#[tauri::command]
pub fn update_person(state: State<'_, AppState>, id: String, input: PersonInput) -> ApiResult<Person> {
    state.with_store(|store| {
        store.write(|w| desk_core::person::update(w, &id, &input))?;
        desk_core::person::get(store.conn(), &id)
    })
}

#[tauri::command]
pub fn small_groups(state: State<'_, AppState>) -> ApiResult<Vec<SmallGroup>> {
    state.with_cluster(|store, cluster| desk_core::cluster::small_groups(store.conn(), cluster))
}

// --- schedule and meetings -------------------------------------------------------------

#[tauri::command]
pub fn events_between(state: State<'_, AppState>, from: String, to: String) -> ApiResult<Vec<Event>> {
    state.with_cluster(|store, cluster| desk_core::event::between(store.conn(), cluster, &from, &to))
}

#[tauri::command]
pub fn event_detail(state: State<'_, AppState>, id: String) -> ApiResult<EventDetail> {
    state.with_store(|store| desk_core::event::get(store.conn(), &id))
}

#[tauri::command]
pub fn event_clashes(
    state: State<'_, AppState>,
    starts_at: String,
    ends_at: String,
    except: Option<String>,
) -> ApiResult<Vec<Event>> {
    state.with_cluster(|store, cluster| {
        desk_core::event::clashes(store.conn(), cluster, &starts_at, &ends_at, except.as_deref())
    })
}

#[tauri::command]
pub fn create_event(
    state: State<'_, AppState>,
    input: EventInput,
    invite: Vec<InviteeRef>,
    groups: Vec<String>,
) -> ApiResult<EventDetail> {
    state.with_cluster(|store, cluster| {
        let id = store.write(|w| desk_core::event::create_with_invitations(w, cluster, &input, &invite, &groups))?;
        desk_core::event::get(store.conn(), &id)
    })
}

#[tauri::command]
pub fn update_event(state: State<'_, AppState>, id: String, input: EventInput) -> ApiResult<EventDetail> {
    state.with_store(|store| {
        store.write(|w| desk_core::event::update(w, &id, &input))?;
        desk_core::event::get(store.conn(), &id)
    })
}

#[tauri::command]
pub fn cancel_event(state: State<'_, AppState>, id: String, reason: String) -> ApiResult<EventDetail> {
    state.with_store(|store| {
        store.write(|w| desk_core::event::cancel(w, &id, &reason))?;
        desk_core::event::get(store.conn(), &id)
    })
}

#[tauri::command]
pub fn mark_event_held(state: State<'_, AppState>, id: String) -> ApiResult<EventDetail> {
    state.with_store(|store| {
        store.write(|w| desk_core::event::mark_held(w, &id))?;
        desk_core::event::get(store.conn(), &id)
    })
}

#[tauri::command]
pub fn invite(state: State<'_, AppState>, event_id: String, who: InviteeRef) -> ApiResult<EventDetail> {
    state.with_store(|store| {
        store.write(|w| desk_core::event::invite(w, &event_id, &who))?;
        desk_core::event::get(store.conn(), &event_id)
    })
}

#[tauri::command]
pub fn invite_small_group(state: State<'_, AppState>, event_id: String, group_id: String) -> ApiResult<EventDetail> {
    state.with_store(|store| {
        store.write(|w| desk_core::event::invite_small_group(w, &event_id, &group_id))?;
        desk_core::event::get(store.conn(), &event_id)
    })
}

#[tauri::command]
pub fn uninvite(state: State<'_, AppState>, event_id: String, invitee_id: String) -> ApiResult<EventDetail> {
    state.with_store(|store| {
        store.write(|w| desk_core::event::uninvite(w, &invitee_id))?;
        desk_core::event::get(store.conn(), &event_id)
    })
}

#[tauri::command]
pub fn set_attendance(state: State<'_, AppState>, invitee_id: String, attendance: Attendance) -> ApiResult<()> {
    state.with_store(|store| store.write(|w| desk_core::event::set_attendance(w, &invitee_id, attendance)))
}

/// The editor's half-second draft: on disk, not logged (see `desk_core::minutes_draft`),
/// with the text the typing started from.
#[tauri::command]
pub fn save_minutes_draft(
    state: State<'_, AppState>,
    event_id: String,
    text: MinutesText,
    base: MinutesText,
) -> ApiResult<MinutesSaved> {
    state.with_store(|store| desk_core::minutes_draft::save_from(store.conn(), &event_id, &text, Some(&base)))
}

/// The end of a typing session: one logged change made from `base`, the draft cleared
/// with it (what sync merged in meanwhile stays).
#[tauri::command]
pub fn save_minutes(
    state: State<'_, AppState>,
    event_id: String,
    text: MinutesText,
    base: MinutesText,
) -> ApiResult<MinutesSaved> {
    state.with_store(|store| {
        store.write(|w| desk_core::event::save_minutes_from(w, &event_id, &text, &base))?;
        Ok(MinutesSaved { saved_at: desk_core::time::now_utc_rfc3339() })
    })
}

/// Saves the drafts of the meeting pages a crash left (the page calls this as it opens).
#[tauri::command]
pub fn commit_minutes_draft(state: State<'_, AppState>, event_id: String) -> ApiResult<bool> {
    state.with_store(|store| store.write(|w| desk_core::minutes_draft::commit(w, &event_id)))
}

/// The window has saved what it had and may close now (see `lib.rs`, close handling).
#[tauri::command]
pub fn ready_to_close(state: State<'_, AppState>) {
    state.closing().window_is_ready();
}

#[tauri::command]
pub fn add_action_item(
    state: State<'_, AppState>,
    event_id: Option<String>,
    input: ActionItemInput,
) -> ApiResult<String> {
    state.with_store(|store| store.write(|w| desk_core::event::add_action_item(w, event_id.as_deref(), &input)))
}

#[tauri::command]
pub fn set_action_status(state: State<'_, AppState>, id: String, status: ActionStatus) -> ApiResult<()> {
    state.with_store(|store| store.write(|w| desk_core::event::set_action_status(w, &id, status)))
}

#[tauri::command]
pub fn export_event_ics(state: State<'_, AppState>, event_id: String) -> ApiResult<ExportedFile> {
    let (text, name) = state.with_store(|store| {
        let event = desk_core::event::get(store.conn(), &event_id)?.event;
        Ok((desk_core::ics::export_event(store.conn(), &event_id)?, desk_core::ics::file_name(&event)))
    })?;
    state.save_export(&name, text.as_bytes())
}

#[tauri::command]
pub fn export_range_ics(state: State<'_, AppState>, from: String, to: String) -> ApiResult<ExportedFile> {
    let text = state.with_cluster(|store, cluster| desk_core::ics::export_range(store.conn(), cluster, &from, &to))?;
    state.save_export(&desk_core::ics::range_file_name(&from, &to), text.as_bytes())
}

// --- lists in and out of spreadsheets ---------------------------------------------------

fn decode_file(file: &UploadedFile) -> ApiResult<Vec<u8>> {
    Ok(decode_files(std::slice::from_ref(file))?.remove(0).bytes)
}

/// What importing the file would do, row by row; writes nothing.
#[tauri::command]
pub fn import_preview(
    state: State<'_, AppState>,
    kind: ListKind,
    file: UploadedFile,
    choices: ImportChoices,
) -> ApiResult<ImportPreview> {
    let bytes = decode_file(&file)?;
    state.with_cluster_lists(|store, cluster| desk_spreadsheet::preview(store.conn(), cluster, kind, &bytes, &choices))
}

/// Imports the file as previewed with the same choices, in one action.
#[tauri::command]
pub fn import_list(
    state: State<'_, AppState>,
    kind: ListKind,
    file: UploadedFile,
    choices: ImportChoices,
) -> ApiResult<ImportDone> {
    let bytes = decode_file(&file)?;
    state.with_cluster_lists(|store, cluster| desk_spreadsheet::import(store, cluster, kind, &bytes, &choices))
}

/// "Undo this import": reverts it as one action while nothing newer touched its records.
#[tauri::command]
pub fn undo_import(state: State<'_, AppState>, action_id: String) -> ApiResult<Undone> {
    state.with_store(|store| store.write(|w| desk_core::undo::revert_action(w, &action_id)))
}

/// Writes the directory (or one of its lists) where the user finds exports.
#[tauri::command]
pub fn export_directory(
    state: State<'_, AppState>,
    format: DirectoryExport,
    filter: ExportFilter,
) -> ApiResult<ExportedFile> {
    let today = desk_core::time::today().format("%Y-%m-%d");
    let (bytes, name) = state.with_cluster_lists(|store, cluster| {
        let conn = store.conn();
        Ok(match format {
            DirectoryExport::Xlsx => {
                (export::directory_xlsx(conn, cluster, &filter)?, format!("회원명부_{today}.xlsx"))
            }
            DirectoryExport::MembersCsv => {
                (export::members_csv(conn, cluster, &filter)?, format!("회원사_{today}.csv"))
            }
            DirectoryExport::PeopleCsv => (export::people_csv(conn, cluster, &filter)?, format!("인력_{today}.csv")),
        })
    })?;
    state.save_export(&name, &bytes)
}

// --- reports ---------------------------------------------------------------------------

/// A report's contents, for the 보고서 page's preview.
#[tauri::command]
pub fn report_preview(state: State<'_, AppState>, request: ReportRequest) -> ApiResult<ReportPreview> {
    let today = desk_core::time::today();
    state.with_reports(|store| {
        let conn = store.conn();
        Ok(match request.kind()? {
            ReportKind::Activity(period) => {
                ReportPreview::Activity(desk_reports::ActivityReport::gather(conn, period, today)?)
            }
            ReportKind::Minutes { event_id } => {
                ReportPreview::Minutes(desk_reports::MinutesDocument::gather(conn, &event_id, today)?)
            }
            ReportKind::Project { project_id } => {
                ReportPreview::Project(desk_reports::ProjectReport::gather(conn, &project_id, today)?)
            }
        })
    })
}

/// Writes a report as PDF (or the activity report as Excel) where the user finds exports.
#[tauri::command]
pub fn save_report(
    state: State<'_, AppState>,
    request: ReportRequest,
    format: ReportFormat,
) -> ApiResult<ExportedFile> {
    let today = desk_core::time::today();
    let format = match format {
        ReportFormat::Pdf => desk_reports::Format::Pdf,
        ReportFormat::Xlsx => desk_reports::Format::Xlsx,
    };
    let (bytes, name) = state.with_reports(|store| {
        let kind = request.kind()?;
        let bytes = desk_reports::render(store.conn(), &kind, format, today)?;
        Ok((bytes, desk_reports::file_name(store.conn(), &kind, format)?))
    })?;
    state.save_export(&name, &bytes)
}

// --- plant visits and attachments ------------------------------------------------------

#[tauri::command]
pub fn record_visit(
    state: State<'_, AppState>,
    input: VisitInput,
    files: Vec<UploadedFile>,
) -> ApiResult<VisitRecorded> {
    let files = decode_files(&files)?;
    let folder = state.attachments_folder();
    state.with_cluster(|store, cluster| store.write(|w| desk_core::visit::record(w, cluster, &folder, &input, &files)))
}

#[tauri::command]
pub fn attach_file(
    state: State<'_, AppState>,
    record_table: String,
    record_id: String,
    file: UploadedFile,
) -> ApiResult<Attachment> {
    let files = decode_files(std::slice::from_ref(&file))?;
    let folder = state.attachments_folder();
    state.with_store(|store| {
        store.write(|w| {
            desk_core::attachment::attach_bytes(
                w,
                &folder,
                &record_table,
                &record_id,
                &files[0].file_name,
                &files[0].bytes,
            )
        })
    })
}

#[tauri::command]
pub fn record_attachments(state: State<'_, AppState>, record_id: String) -> ApiResult<Vec<Attachment>> {
    state.with_store(|store| desk_core::attachment::of_record(store.conn(), &record_id))
}

/// A stored attachment's bytes, base64-encoded, for thumbnails and opening.
#[tauri::command]
pub fn attachment_data(state: State<'_, AppState>, content_hash: String) -> ApiResult<String> {
    use base64::Engine;
    if sync_wire::ContentHash::parse(&content_hash).is_none() {
        return Err(state.error(&CoreError::NotFound { kind: "attachment", id: content_hash }));
    }
    let path = desk_core::attachment::blob_path(&state.attachments_folder(), &content_hash);
    let bytes = std::fs::read(&path).map_err(|e| state.error(&CoreError::Io(e)))?;
    Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
}

fn decode_files(files: &[UploadedFile]) -> ApiResult<Vec<NewFile>> {
    use base64::Engine;
    files
        .iter()
        .map(|f| {
            base64::engine::general_purpose::STANDARD
                .decode(f.data_base64.as_bytes())
                .map(|bytes| NewFile { file_name: f.file_name.clone(), bytes })
                .map_err(|_| ApiError::internal(format!("{}: not base64", f.file_name)))
        })
        .collect()
}

// --- issues and partners ---------------------------------------------------------------

#[tauri::command]
pub fn list_issues(state: State<'_, AppState>) -> ApiResult<Vec<Issue>> {
    state.with_cluster(|store, cluster| desk_core::issue::list(store.conn(), cluster))
}

#[tauri::command]
pub fn create_issue(state: State<'_, AppState>, input: IssueInput) -> ApiResult<Issue> {
    state.with_cluster(|store, cluster| {
        let id = store.write(|w| desk_core::issue::create(w, cluster, &input))?;
        desk_core::issue::get(store.conn(), &id)
    })
}

#[tauri::command]
pub fn update_issue(state: State<'_, AppState>, id: String, input: IssueInput) -> ApiResult<Issue> {
    state.with_store(|store| {
        store.write(|w| desk_core::issue::update(w, &id, &input))?;
        desk_core::issue::get(store.conn(), &id)
    })
}

#[tauri::command]
pub fn move_issue(state: State<'_, AppState>, id: String, to: IssueStatus, reason: String) -> ApiResult<Issue> {
    state.with_store(|store| {
        store.write(|w| desk_core::issue::move_to(w, &id, to, &reason))?;
        desk_core::issue::get(store.conn(), &id)
    })
}

#[tauri::command]
pub fn partner_suggestions(state: State<'_, AppState>, issue_id: String) -> ApiResult<Vec<PartnerSuggestion>> {
    state.with_store(|store| desk_core::matching::suggest_for_issue(store.conn(), &issue_id, 8))
}

// --- projects --------------------------------------------------------------------------

#[tauri::command]
pub fn list_projects(state: State<'_, AppState>) -> ApiResult<Vec<Project>> {
    state.with_cluster(|store, cluster| desk_core::project::list(store.conn(), cluster))
}

#[tauri::command]
pub fn project_detail(state: State<'_, AppState>, id: String) -> ApiResult<ProjectDetail> {
    state.with_store(|store| desk_core::project::get(store.conn(), &id))
}

#[tauri::command]
pub fn check_project_amounts(state: State<'_, AppState>, input: ProjectInput) -> ApiResult<AmountCheck> {
    state.with_store(|store| desk_core::project::check_amounts(store.conn(), &input))
}

#[tauri::command]
pub fn create_project(state: State<'_, AppState>, input: ProjectInput) -> ApiResult<ProjectDetail> {
    state.with_cluster(|store, cluster| {
        let id = store.write(|w| desk_core::project::create(w, cluster, &input))?;
        desk_core::project::get(store.conn(), &id)
    })
}

#[tauri::command]
pub fn update_project(state: State<'_, AppState>, id: String, input: ProjectInput) -> ApiResult<ProjectDetail> {
    state.with_store(|store| {
        store.write(|w| desk_core::project::update(w, &id, &input))?;
        desk_core::project::get(store.conn(), &id)
    })
}

#[tauri::command]
pub fn change_project_stage(
    state: State<'_, AppState>,
    id: String,
    to: ProjectStage,
    on: String,
    reason: String,
) -> ApiResult<ProjectDetail> {
    state.with_store(|store| {
        store.write(|w| desk_core::project::change_stage(w, &id, to, &on, &reason))?;
        desk_core::project::get(store.conn(), &id)
    })
}

#[tauri::command]
pub fn record_outcome(state: State<'_, AppState>, id: String, outcome: Outcome) -> ApiResult<ProjectDetail> {
    state.with_store(|store| {
        store.write(|w| desk_core::project::record_outcome(w, &id, &outcome))?;
        desk_core::project::get(store.conn(), &id)
    })
}

#[tauri::command]
pub fn share_result(state: State<'_, AppState>, id: String, member_id: String, on: String) -> ApiResult<ProjectDetail> {
    state.with_store(|store| {
        store.write(|w| desk_core::project::share_result(w, &id, &member_id, &on))?;
        desk_core::project::get(store.conn(), &id)
    })
}

/// Every command, for `tauri::Builder::invoke_handler`.
pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_status,
        cluster_summary,
        open_demo_cluster,
        set_language,
        home,
        search,
        record_history,
        list_members,
        member_detail,
        create_member,
        update_member,
        merge_members,
        list_people,
        create_person,
        update_person,
        small_groups,
        events_between,
        event_detail,
        event_clashes,
        create_event,
        update_event,
        cancel_event,
        mark_event_held,
        invite,
        invite_small_group,
        uninvite,
        set_attendance,
        save_minutes_draft,
        save_minutes,
        commit_minutes_draft,
        ready_to_close,
        add_action_item,
        set_action_status,
        export_event_ics,
        export_range_ics,
        import_preview,
        import_list,
        undo_import,
        export_directory,
        report_preview,
        save_report,
        record_visit,
        attach_file,
        record_attachments,
        attachment_data,
        list_issues,
        create_issue,
        update_issue,
        move_issue,
        partner_suggestions,
        list_projects,
        project_detail,
        check_project_amounts,
        create_project,
        update_project,
        change_project_stage,
        record_outcome,
        share_result,
        crate::sync_commands::sync_status,
        crate::sync_commands::sign_in,
        crate::sync_commands::sign_out,
        crate::sync_commands::sync_now,
        crate::sync_commands::list_conflicts,
        crate::sync_commands::resolve_conflict,
        crate::sync_commands::settle_conflicts_newest,
        crate::sync_commands::refused_changes,
    ]
}
