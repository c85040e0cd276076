// Generated from the core's enums by src-tauri/ipc/src/bindings.rs; never edit by hand.
import type { ImportField } from "./ImportField";
import type { MemberKind } from "./MemberKind";
import type { PersonRole } from "./PersonRole";
import type { EventKind } from "./EventKind";
import type { IssueStatus } from "./IssueStatus";
import type { IssueCategory } from "./IssueCategory";
import type { IssueStage } from "./IssueStage";
import type { ProjectStage } from "./ProjectStage";
import type { SupportType } from "./SupportType";
import type { Attendance } from "./Attendance";

export const MEMBER_IMPORT_FIELDS: readonly ImportField[] = ["name", "kind", "registration_number", "ceo_name", "employees", "revenue", "joined_on", "small_group", "contact", "phone", "email", "products", "technologies", "address", "industry", "notes"];
export const PERSON_IMPORT_FIELDS: readonly ImportField[] = ["person_name", "affiliation", "title", "role", "phone", "email", "expertise"];
export const MEMBER_KINDS: readonly MemberKind[] = ["company", "university", "institute", "agency", "consultant"];
export const PERSON_ROLES: readonly PersonRole[] = ["staff", "professor", "researcher", "agency_staff", "consultant"];
export const EVENT_KINDS: readonly EventKind[] = ["regular_meeting", "seminar", "workshop", "general_meeting", "group_meeting", "plant_visit"];
export const ISSUE_STATUSES: readonly IssueStatus[] = ["new", "reviewing", "matched", "in_project", "resolved", "dropped"];
export const ISSUE_CATEGORIES: readonly IssueCategory[] = ["technology", "production", "quality", "marketing", "funding", "workforce", "regulation", "other"];
export const ISSUE_STAGES: readonly IssueStage[] = ["technology_development", "productisation", "commercialisation"];
export const PROJECT_STAGES: readonly ProjectStage[] = ["discovery", "planning", "application", "evaluation", "agreement", "execution", "review", "settlement", "outcome_reporting", "rejected", "dropped"];
export const SUPPORT_TYPES: readonly SupportType[] = ["field_technology", "project_rnd", "prototype", "domestic_patent", "international_patent", "certification", "publicity", "exhibition_domestic", "exhibition_international", "non_financial"];
export const ATTENDANCES: readonly Attendance[] = ["invited", "present", "absent", "excused"];
