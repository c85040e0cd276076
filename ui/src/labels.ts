// Message keys for the core's enum codes, so every code shows in the user's language.
import type { MessageKey } from "./i18n";

// The code lists come from the Rust enums (ui/src/bindings/Codes.ts, generated), in the
// core's order; a new code in the core reaches every picker and board without an edit here.
export {
  MEMBER_KINDS as memberKinds,
  PERSON_ROLES as personRoles,
  EVENT_KINDS as eventKinds,
  ISSUE_STATUSES as issueStatuses,
  ISSUE_CATEGORIES as issueCategories,
  ISSUE_STAGES as issueStages,
  PROJECT_STAGES as projectStages,
  SUPPORT_TYPES as supportTypes,
  ATTENDANCES as attendances,
} from "./bindings/Codes";

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
