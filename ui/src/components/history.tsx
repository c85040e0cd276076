// A record's change history from the change log: who changed what and when.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { Change } from "../bindings/Change";
import type { Translate } from "../i18n";
import type { Language } from "../bindings/Language";
import { shortDate, clockTime, wonText } from "../format";
import type { MessageKey } from "../i18n";
import { key } from "../labels";

/** The label of a logged field, where the UI has one; otherwise the field's code. */
const FIELD_LABELS: Record<string, MessageKey> = {
  name: "member.name",
  title: "event.title",
  registration_number: "member.registration",
  ceo_name: "member.ceo",
  address: "member.address",
  industry: "member.industry",
  employees: "member.employees",
  revenue_won: "member.revenue",
  products: "member.products",
  technologies: "member.technologies",
  expertise: "person.expertise",
  starts_at: "event.starts",
  ends_at: "event.ends",
  place: "event.place",
  agenda: "event.agenda",
  minutes: "event.minutes",
  decisions: "event.decisions",
  attendance: "event.invitees",
  description: "issue.description",
  category: "issue.category",
  status: "issue.moveTo",
  stage: "project.stage",
  phone: "member.phone",
  email: "member.email",
  notes: "member.notes",
  deleted: "history.deleted",
  government_won: "project.government",
  firm_cash_won: "project.cash",
  firm_in_kind_won: "project.inKind",
  override_reason: "project.override",
  cancel_reason: "event.cancelReason",
  drop_reason: "issue.dropReason",
};

/** Where a logged field's codes are named: the first catalogue that knows the code wins. */
const VALUE_KEYS: Record<string, ((code: string) => MessageKey)[]> = {
  stage: [key.projectStage, key.issueStage],
  status: [key.issueStatus, key.eventStatus],
  category: [key.issueCategory],
  attendance: [key.attendance],
  kind: [key.memberKind, key.eventKind],
  support_type: [key.supportType],
  scope: [key.scope],
};

/** What the user calls a logged field, or its code when the UI has no label for it. */
export function fieldLabel(field: string, t: Translate): string {
  return FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field;
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

/** Enum codes shown in the user's language, money in won. */
export function showValue(field: string, value: string, t: Translate): string {
  if (field.endsWith("_won") && /^\d+$/.test(value)) return wonText(Number(value));
  for (const toKey of VALUE_KEYS[field] ?? []) {
    const messageKey = toKey(value);
    const label = t(messageKey);
    // The translator gives back the key itself when no catalogue has it.
    if (label !== messageKey) return label;
  }
  return value;
}

export function History(props: { recordId: string; t: Translate; language: Language; changes?: Change[] }) {
  const [changes, setChanges] = useState<Change[] | null>(props.changes ?? null);
  useEffect(() => {
    if (props.changes) {
      setChanges(props.changes);
      return;
    }
    api.recordHistory(props.recordId).then(setChanges, () => setChanges([]));
  }, [props.recordId, props.changes]);
  const { t } = props;
  if (!changes) return <p class="muted">{t("app.loading")}</p>;
  if (changes.length === 0) return <p class="muted">{t("history.empty")}</p>;
  return (
    <table class="history" aria-label={t("history.title")}>
      <thead>
        <tr>
          <th>{t("history.when")}</th>
          <th>{t("history.field")}</th>
          <th>{t("history.old")}</th>
          <th>{t("history.new")}</th>
          <th>{t("history.device")}</th>
        </tr>
      </thead>
      <tbody>
        {changes.slice(0, 200).map((c) => (
          <tr key={c.seq}>
            <td>
              {shortDate(c.at, props.language)} {clockTime(c.at)}
            </td>
            <td>{fieldLabel(c.field, t)}</td>
            <td class="old">{showValue(c.field, show(c.old_value), t).slice(0, 80)}</td>
            <td>{showValue(c.field, show(c.new_value), t).slice(0, 80)}</td>
            <td class="muted">{c.device_id.slice(-6)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
