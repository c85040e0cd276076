// A record's change history from the change log: who changed what and when.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { Change } from "../bindings/Change";
import type { Translate } from "../i18n";
import type { Language } from "../bindings/Language";
import { shortDate, clockTime } from "../format";

function show(value: string | null): string {
  if (value === null) return "—";
  try {
    const parsed = JSON.parse(value);
    return typeof parsed === "string" ? parsed : String(parsed);
  } catch {
    return value;
  }
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
            <td>{c.field}</td>
            <td class="old">{show(c.old_value).slice(0, 80)}</td>
            <td>{show(c.new_value).slice(0, 80)}</td>
            <td class="muted">{c.device_id.slice(-6)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
