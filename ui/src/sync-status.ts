// What the status bar says about sync, as a pure function of the shell's SyncStatus so it
// is tested without a window.
import type { SyncStatus } from "./bindings/SyncStatus";
import type { Language } from "./bindings/Language";
import type { Translate } from "./i18n";
import { shortDate, clockTime } from "./format";

export type Tone = "off" | "ok" | "busy" | "warn" | "error";

export type StatusLine = { tone: Tone; parts: string[] };

/** The pieces of the status line: state, last sync, waiting changes, conflicts, error. */
export function statusLine(status: SyncStatus, t: Translate, language: Language): StatusLine {
  const s = status.sync;
  const parts: string[] = [];
  if (!status.signed_in) {
    parts.push(t("sync.notSignedIn"));
    if (s.demo_data) parts.push(t("sync.demoData"));
    if (s.pending_changes > 0) parts.push(t("sync.pending", { count: s.pending_changes }));
    return { tone: "off", parts };
  }
  let tone: Tone = "ok";
  parts.push(status.syncing ? t("sync.running") : s.last_success_at ? t("sync.last", { when: when(s.last_success_at, language) }) : t("sync.never"));
  if (status.syncing) tone = "busy";
  parts.push(s.pending_changes > 0 ? t("sync.pending", { count: s.pending_changes }) : t("sync.upToDate"));
  if (s.open_conflicts > 0) {
    parts.push(t("sync.conflicts", { count: s.open_conflicts }));
    tone = tone === "busy" ? tone : "warn";
  }
  if (s.refused_changes > 0) parts.push(t("sync.refused", { count: s.refused_changes }));
  if (s.last_error) {
    parts.push(language === "ko" ? s.last_error.message_ko : s.last_error.message_en);
    if (!status.syncing) tone = "error";
  }
  return { tone, parts };
}

function when(rfc3339: string, language: Language): string {
  return `${shortDate(rfc3339, language)} ${clockTime(rfc3339)}`;
}

/** The starting text for merging two versions by hand: both, clearly marked. */
export function mergeDraft(kept: string, lost: string, t: Translate): string {
  return `${t("conflicts.draftKept")}\n${kept}\n\n${t("conflicts.draftLost")}\n${lost}\n`;
}
