// Typed calls into the Rust shell. Every command's argument and result types come from
// ui/src/bindings (generated from Rust); a failure arrives as an ApiError {code, message}.
import { invoke } from "@tauri-apps/api/core";
import type { DirectoryExport } from "./bindings/DirectoryExport";
import type { ExportFilter } from "./bindings/ExportFilter";
import type { ImportChoices } from "./bindings/ImportChoices";
import type { ImportDone } from "./bindings/ImportDone";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { ListKind } from "./bindings/ListKind";
import type { Undone } from "./bindings/Undone";
import type { ApiError } from "./bindings/ApiError";
import type { AppStatus } from "./bindings/AppStatus";
import type { ClusterSummary } from "./bindings/ClusterSummary";
import type { Language } from "./bindings/Language";
import type { Home } from "./bindings/Home";
import type { SearchHit } from "./bindings/SearchHit";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { Member } from "./bindings/Member";
import type { MemberInput } from "./bindings/MemberInput";
import type { MemberDetail } from "./bindings/MemberDetail";
import type { Person } from "./bindings/Person";
import type { PersonInput } from "./bindings/PersonInput";
import type { SmallGroup } from "./bindings/SmallGroup";
import type { Event } from "./bindings/Event";
import type { EventDetail } from "./bindings/EventDetail";
import type { EventInput } from "./bindings/EventInput";
import type { InviteeRef } from "./bindings/InviteeRef";
import type { Attendance } from "./bindings/Attendance";
import type { ActionItemInput } from "./bindings/ActionItemInput";
import type { ActionStatus } from "./bindings/ActionStatus";
import type { ExportedFile } from "./bindings/ExportedFile";
import type { ReportFormat } from "./bindings/ReportFormat";
import type { ReportPreview } from "./bindings/ReportPreview";
import type { ReportRequest } from "./bindings/ReportRequest";
import type { MinutesText } from "./bindings/MinutesText";
import type { MinutesSaved } from "./bindings/MinutesSaved";
import type { VisitInput } from "./bindings/VisitInput";
import type { VisitRecorded } from "./bindings/VisitRecorded";
import type { UploadedFile } from "./bindings/UploadedFile";
import type { Attachment } from "./bindings/Attachment";
import type { Issue } from "./bindings/Issue";
import type { IssueInput } from "./bindings/IssueInput";
import type { IssueStatus } from "./bindings/IssueStatus";
import type { PartnerSuggestion } from "./bindings/PartnerSuggestion";
import type { Project } from "./bindings/Project";
import type { ProjectDetail } from "./bindings/ProjectDetail";
import type { ProjectInput } from "./bindings/ProjectInput";
import type { ProjectStage } from "./bindings/ProjectStage";
import type { Outcome } from "./bindings/Outcome";
import type { AmountCheck } from "./bindings/AmountCheck";
import type { SyncStatus } from "./bindings/SyncStatus";
import type { SignInForm } from "./bindings/SignInForm";
import type { Conflict } from "./bindings/Conflict";
import type { ConflictChoice } from "./bindings/ConflictChoice";
import type { RefusedChange } from "./bindings/RefusedChange";

/** Whether a thrown value is the shell's typed error. */
export function isApiError(value: unknown): value is ApiError {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

/** Any thrown value as an ApiError, so the UI always has a code and a message. */
export function toApiError(value: unknown): ApiError {
  if (isApiError(value)) return { ...value, fields: value.fields ?? [] };
  return { code: "internal", message: String(value), fields: [] };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toApiError(error);
  }
}

export const api = {
  appStatus: () => call<AppStatus>("app_status"),
  clusterSummary: () => call<ClusterSummary | null>("cluster_summary"),
  openDemoCluster: () => call<ClusterSummary | null>("open_demo_cluster"),
  setLanguage: (language: Language) => call<null>("set_language", { language }),
  home: () => call<Home>("home"),
  search: (query: string) => call<SearchHit[]>("search", { query }),
  recordHistory: (recordId: string) => call<HistoryEntry[]>("record_history", { recordId }),

  listMembers: () => call<Member[]>("list_members"),
  memberDetail: (id: string) => call<MemberDetail>("member_detail", { id }),
  createMember: (input: MemberInput) => call<Member>("create_member", { input }),
  updateMember: (id: string, input: MemberInput) => call<Member>("update_member", { id, input }),
  mergeMembers: (keep: string, duplicate: string) => call<Member>("merge_members", { keep, duplicate }),
  listPeople: () => call<Person[]>("list_people"),
  createPerson: (input: PersonInput) => call<Person>("create_person", { input }),
  updatePerson: (id: string, input: PersonInput) => call<Person>("update_person", { id, input }),
  smallGroups: () => call<SmallGroup[]>("small_groups"),

  eventsBetween: (from: string, to: string) => call<Event[]>("events_between", { from, to }),
  eventDetail: (id: string) => call<EventDetail>("event_detail", { id }),
  eventClashes: (startsAt: string, endsAt: string, except: string | null) =>
    call<Event[]>("event_clashes", { startsAt, endsAt, except }),
  createEvent: (input: EventInput, invite: InviteeRef[], groups: string[]) =>
    call<EventDetail>("create_event", { input, invite, groups }),
  updateEvent: (id: string, input: EventInput) => call<EventDetail>("update_event", { id, input }),
  cancelEvent: (id: string, reason: string) => call<EventDetail>("cancel_event", { id, reason }),
  markEventHeld: (id: string) => call<EventDetail>("mark_event_held", { id }),
  invite: (eventId: string, who: InviteeRef) => call<EventDetail>("invite", { eventId, who }),
  inviteSmallGroup: (eventId: string, groupId: string) => call<EventDetail>("invite_small_group", { eventId, groupId }),
  uninvite: (eventId: string, inviteeId: string) => call<EventDetail>("uninvite", { eventId, inviteeId }),
  setAttendance: (inviteeId: string, attendance: Attendance) => call<null>("set_attendance", { inviteeId, attendance }),
  saveMinutesDraft: (eventId: string, text: MinutesText, base: MinutesText) =>
    call<MinutesSaved>("save_minutes_draft", { eventId, text, base }),
  saveMinutes: (eventId: string, text: MinutesText, base: MinutesText) => call<MinutesSaved>("save_minutes", { eventId, text, base }),
  commitMinutesDraft: (eventId: string) => call<boolean>("commit_minutes_draft", { eventId }),
  readyToClose: () => call<null>("ready_to_close"),
  addActionItem: (eventId: string | null, input: ActionItemInput) => call<string>("add_action_item", { eventId, input }),
  setActionStatus: (id: string, status: ActionStatus) => call<null>("set_action_status", { id, status }),
  exportEventIcs: (eventId: string) => call<ExportedFile>("export_event_ics", { eventId }),
  exportRangeIcs: (from: string, to: string) => call<ExportedFile>("export_range_ics", { from, to }),

  importPreview: (kind: ListKind, file: UploadedFile, choices: ImportChoices) =>
    call<ImportPreview>("import_preview", { kind, file, choices }),
  importList: (kind: ListKind, file: UploadedFile, choices: ImportChoices) =>
    call<ImportDone>("import_list", { kind, file, choices }),
  undoImport: (actionId: string) => call<Undone>("undo_import", { actionId }),
  exportDirectory: (format: DirectoryExport, filter: ExportFilter) =>
    call<ExportedFile>("export_directory", { format, filter }),

  reportPreview: (request: ReportRequest) => call<ReportPreview>("report_preview", { request }),
  saveReport: (request: ReportRequest, format: ReportFormat) => call<ExportedFile>("save_report", { request, format }),

  recordVisit: (input: VisitInput, files: UploadedFile[]) => call<VisitRecorded>("record_visit", { input, files }),
  attachFile: (recordTable: string, recordId: string, file: UploadedFile) =>
    call<Attachment>("attach_file", { recordTable, recordId, file }),
  recordAttachments: (recordId: string) => call<Attachment[]>("record_attachments", { recordId }),
  attachmentData: (contentHash: string) => call<string>("attachment_data", { contentHash }),

  listIssues: () => call<Issue[]>("list_issues"),
  createIssue: (input: IssueInput) => call<Issue>("create_issue", { input }),
  updateIssue: (id: string, input: IssueInput) => call<Issue>("update_issue", { id, input }),
  moveIssue: (id: string, to: IssueStatus, reason: string) => call<Issue>("move_issue", { id, to, reason }),
  partnerSuggestions: (issueId: string) => call<PartnerSuggestion[]>("partner_suggestions", { issueId }),

  listProjects: () => call<Project[]>("list_projects"),
  projectDetail: (id: string) => call<ProjectDetail>("project_detail", { id }),
  checkProjectAmounts: (input: ProjectInput) => call<AmountCheck>("check_project_amounts", { input }),
  createProject: (input: ProjectInput) => call<ProjectDetail>("create_project", { input }),
  updateProject: (id: string, input: ProjectInput) => call<ProjectDetail>("update_project", { id, input }),
  changeProjectStage: (id: string, to: ProjectStage, on: string, reason: string) =>
    call<ProjectDetail>("change_project_stage", { id, to, on, reason }),
  recordOutcome: (id: string, outcome: Outcome) => call<ProjectDetail>("record_outcome", { id, outcome }),
  shareResult: (id: string, memberId: string, on: string) => call<ProjectDetail>("share_result", { id, memberId, on }),

  syncStatus: () => call<SyncStatus>("sync_status"),
  signIn: (form: SignInForm) => call<SyncStatus>("sign_in", { form }),
  signOut: () => call<SyncStatus>("sign_out"),
  syncNow: () => call<SyncStatus>("sync_now"),
  listConflicts: () => call<Conflict[]>("list_conflicts"),
  resolveConflict: (id: string, choice: ConflictChoice) => call<Conflict[]>("resolve_conflict", { id, choice }),
  settleConflictsNewest: (ids: string[]) => call<Conflict[]>("settle_conflicts_newest", { ids }),
  refusedChanges: () => call<RefusedChange[]>("refused_changes"),
};

/** Reads a picked file as base64 for the IPC boundary. */
export function readFile(file: File): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => {
      const url = String(reader.result);
      resolve({ file_name: file.name, data_base64: url.slice(url.indexOf(",") + 1) });
    };
    reader.readAsDataURL(file);
  });
}
