// A record's change history from the change log: who changed what and when, in words a
// manager reads: field names and codes in their language, names instead of ids, Korean
// dates, and for long texts only the lines that changed.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import type { Translate } from "../i18n";
import type { Language } from "../bindings/Language";
import { shortDate, clockTime, longDate, wonText } from "../format";
import type { MessageKey } from "../i18n";
import { key } from "../labels";
import { lineDiff } from "../line-diff";

/** Where a logged field's codes are named: the first catalogue that knows the code wins. */
const VALUE_KEYS: Record<string, ((code: string) => MessageKey)[]> = {
  stage: [key.projectStage, key.issueStage],
  from_stage: [key.projectStage],
  to_stage: [key.projectStage],
  status: [key.issueStatus, key.eventStatus],
  category: [key.issueCategory],
  attendance: [key.attendance],
  kind: [key.memberKind, key.eventKind],
  role: [key.personRole, key.partyRole],
  support_type: [key.supportType],
  scope: [key.scope],
  record_table: [key.recordKind],
};

/** Texts long enough that a history row shows the lines that changed, not the whole. */
const LONG_TEXTS = new Set(["minutes", "decisions", "agenda", "description", "notes", "summary", "next_steps"]);

/** How many changed lines one history row shows. */
const DIFF_LINES = 6;

/**
 * What the user calls a logged field: the table's own meaning of the name where it has
 * one (a person's `title` is a job title), else the field's label, else its code.
 */
export function fieldLabel(field: string, t: Translate, table?: string): string {
  const specific = table ? (`field.${table}.${field}` as MessageKey) : null;
  if (specific && t(specific) !== specific) return t(specific);
  const general = `field.${field}` as MessageKey;
  return t(general) !== general ? t(general) : field;
}

/** A logged JSON value as text. */
export function show(value: string | null): string {
  if (value === null) return "—";
  try {
    const parsed = JSON.parse(value);
    return typeof parsed === "string" ? parsed : String(parsed);
  } catch {
    return value;
  }
}

/** Enum codes in the user's language, money in won, dates and times as people write them. */
export function showValue(field: string, value: string, t: Translate, language: Language = "ko"): string {
  if (field.endsWith("_won") && /^-?\d+$/.test(value)) return wonText(Number(value));
  if (field === "deleted" || field === "external" || field === "commercialised") {
    if (value === "1" || value === "true") return t("history.yes");
    if (value === "0" || value === "false") return t("history.no");
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return `${longDate(value, language)} ${clockTime(value)}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return longDate(value, language);
  for (const toKey of VALUE_KEYS[field] ?? []) {
    const messageKey = toKey(value);
    const label = t(messageKey);
    // The translator gives back the key itself when no catalogue has it.
    if (label !== messageKey) return label;
  }
  return value;
}

/** Who made a change: this laptop, head office, or another laptop (its id's end). */
function deviceText(entry: HistoryEntry, t: Translate): string {
  if (entry.this_device) return t("history.thisDevice");
  if (entry.device_id === "head-office") return t("history.headOffice");
  return t("history.otherDevice", { id: entry.device_id.slice(-6) });
}

/** One value of a row: a record's name for an id, else the value in words. */
function valueText(entry: HistoryEntry, which: "old" | "new", t: Translate, language: Language): string {
  const label = which === "old" ? entry.old_label : entry.new_label;
  if (label) return label;
  const raw = which === "old" ? entry.old_value : entry.new_value;
  return showValue(entry.field, show(raw), t, language);
}

function ChangeCell(props: { entry: HistoryEntry; t: Translate; language: Language }) {
  const { entry, t, language } = props;
  if (LONG_TEXTS.has(entry.field)) {
    const before = entry.old_value === null ? "" : show(entry.old_value);
    const after = entry.new_value === null ? "" : show(entry.new_value);
    const lines = lineDiff(before, after);
    return (
      <td class="diff">
        {lines.slice(0, DIFF_LINES).map((l, i) => (
          <div key={i} class={`diff-${l.kind}`}>
            {l.kind === "added" ? "+ " : "− "}
            {l.line}
          </div>
        ))}
        {lines.length > DIFF_LINES && <div class="muted">{t("history.moreLines", { count: lines.length - DIFF_LINES })}</div>}
      </td>
    );
  }
  return (
    <td>
      {entry.old_value !== null && (
        <>
          <span class="old">{valueText(entry, "old", t, language).slice(0, 80)}</span> →{" "}
        </>
      )}
      <span class="new">{valueText(entry, "new", t, language).slice(0, 80)}</span>
    </td>
  );
}

export function History(props: { recordId: string; t: Translate; language: Language; changes?: HistoryEntry[] }) {
  const [changes, setChanges] = useState<HistoryEntry[] | null>(props.changes ?? null);
  useEffect(() => {
    if (props.changes) {
      setChanges(props.changes);
      return;
    }
    api.recordHistory(props.recordId).then(setChanges, () => setChanges([]));
  }, [props.recordId, props.changes]);
  const { t, language } = props;
  if (!changes) return <p class="muted">{t("app.loading")}</p>;
  if (changes.length === 0) return <p class="muted">{t("history.empty")}</p>;
  return (
    <table class="history" aria-label={t("history.title")}>
      <thead>
        <tr>
          <th>{t("history.when")}</th>
          <th>{t("history.field")}</th>
          <th>{t("history.change")}</th>
          <th>{t("history.device")}</th>
        </tr>
      </thead>
      <tbody>
        {changes.slice(0, 200).map((c) => (
          <tr key={c.seq} data-field={c.field}>
            <td>
              {shortDate(c.at, language)} {clockTime(c.at)}
            </td>
            <td>{fieldLabel(c.field, t, c.table_name)}</td>
            <ChangeCell entry={c} t={t} language={language} />
            <td class="muted">{deviceText(c, t)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
