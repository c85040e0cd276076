// Message keys for the core's enum codes, so every code shows in the user's language.
import type { MessageKey } from "./i18n";

export const memberKinds = ["company", "university", "institute", "agency", "consultant"] as const;
export const personRoles = ["staff", "professor", "researcher", "agency_staff", "consultant"] as const;
export const eventKinds = ["regular_meeting", "seminar", "workshop", "general_meeting", "group_meeting", "plant_visit"] as const;
export const issueStatuses = ["new", "reviewing", "matched", "in_project", "resolved", "dropped"] as const;
export const issueCategories = ["technology", "production", "quality", "marketing", "funding", "workforce", "regulation", "other"] as const;
export const issueStages = ["technology_development", "productisation", "commercialisation"] as const;
export const projectStages = [
  "discovery", "planning", "application", "evaluation", "agreement", "execution", "review", "settlement",
  "outcome_reporting", "rejected", "dropped",
] as const;
export const supportTypes = [
  "field_technology", "project_rnd", "prototype", "domestic_patent", "international_patent", "certification",
  "publicity", "exhibition_domestic", "exhibition_international", "non_financial",
] as const;
export const attendances = ["invited", "present", "absent", "excused"] as const;

export const key = {
  memberKind: (k: string) => `memberKind.${k}` as MessageKey,
  personRole: (k: string) => `personRole.${k}` as MessageKey,
  eventKind: (k: string) => `eventKind.${k}` as MessageKey,
  eventStatus: (k: string) => `eventStatus.${k}` as MessageKey,
  issueStatus: (k: string) => `issueStatus.${k}` as MessageKey,
  issueCategory: (k: string) => `issueCategory.${k}` as MessageKey,
  issueStage: (k: string) => `issueStage.${k}` as MessageKey,
  projectStage: (k: string) => `projectStage.${k}` as MessageKey,
  supportType: (k: string) => `supportType.${k}` as MessageKey,
  attendance: (k: string) => `attendance.${k}` as MessageKey,
  recordKind: (k: string) => `recordKind.${k}` as MessageKey,
  scope: (k: string) => `scope.${k}` as MessageKey,
  partyRole: (k: string) => `partyRole.${k}` as MessageKey,
};
