// The conflicts to review: for each, the value the field holds and the one that lost,
// and the manager's choice (keep, take the other, or write a combined text).
import { useEffect, useState } from "preact/hooks";
import { api, toApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { Conflict } from "../bindings/Conflict";
import type { ConflictChoice } from "../bindings/ConflictChoice";
import type { Ctx } from "../context";
import type { MessageKey } from "../i18n";
import { fieldLabel, show, showValue } from "../components/history";
import { shortDate, clockTime } from "../format";
import { mergeDraft } from "../sync-status";

/** Text fields whose two versions can be combined by hand (as the core merges them). */
const TEXT_FIELDS = new Set(["minutes", "agenda", "decisions", "description", "next_steps", "notes", "summary"]);

export function ConflictsScreen(props: { ctx: Ctx }) {
  const { ctx } = props;
  const { t } = ctx;
  const [conflicts, setConflicts] = useState<Conflict[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [merging, setMerging] = useState<{ id: string; text: string } | null>(null);

  useEffect(() => {
    api.listConflicts().then(setConflicts, (e) => setError(toApiError(e)));
  }, []);

  async function resolve(id: string, choice: ConflictChoice) {
    try {
      setConflicts(await api.resolveConflict(id, choice));
      setMerging(null);
      setError(null);
    } catch (e) {
      setError(toApiError(e));
    }
  }

  const when = (at: string) => t("conflicts.at", { when: `${shortDate(at, ctx.language)} ${clockTime(at)}` });
  const value = (c: Conflict, v: string | null) => showValue(c.field, show(v), t);
  return (
    <section class="card" id="conflicts-screen">
      <h1>{t("conflicts.title")}</h1>
      <p class="muted">{t("conflicts.intro")}</p>
      {error && <div class="banner error" role="alert">{error.message}</div>}
      {conflicts?.length === 0 && <p id="no-conflicts">{t("conflicts.empty")}</p>}
      {conflicts?.map((c) => (
        <article class="conflict" key={c.id} data-conflict={c.id}>
          <h2>
            {c.record_label} · {fieldLabel(c.field, t)} <span class="muted">({t(`conflicts.kind.${c.kind}` as MessageKey)})</span>
          </h2>
          <div class="conflict-values">
            <div>
              <h3>{t("conflicts.kept")}</h3>
              <pre class="kept">{c.kind === "delete_edit" ? t("conflicts.deletedKept") : value(c, c.kept_value)}</pre>
              <span class="muted">{when(c.kept_at)}</span>
            </div>
            <div>
              <h3>{t("conflicts.lost")}</h3>
              <pre class="lost">{value(c, c.lost_value)}</pre>
              <span class="muted">{when(c.lost_at)}</span>
            </div>
          </div>
          {merging?.id === c.id ? (
            <div class="merge">
              <label class="field">
                <span class="field-label">{t("conflicts.mergeLabel")}</span>
                <textarea id="merge-text" rows={10} value={merging.text} onInput={(e) => setMerging({ id: c.id, text: e.currentTarget.value })} />
              </label>
              <button class="primary" id="save-merge" onClick={() => void resolve(c.id, { choice: "merge", text: merging.text })}>
                {t("conflicts.merge")}
              </button>
            </div>
          ) : (
            <div class="actions">
              <button class="keep" onClick={() => void resolve(c.id, { choice: "keep" })}>{t("conflicts.keep")}</button>
              <button class="take-lost" onClick={() => void resolve(c.id, { choice: "take_lost" })}>
                {c.kind === "delete_edit" ? t("conflicts.takeEdit") : t("conflicts.takeLost")}
              </button>
              {TEXT_FIELDS.has(c.field) && (
                <button class="merge-both" onClick={() => setMerging({ id: c.id, text: mergeDraft(show(c.kept_value), show(c.lost_value), t) })}>
                  {t("conflicts.merge")}
                </button>
              )}
            </div>
          )}
        </article>
      ))}
    </section>
  );
}
