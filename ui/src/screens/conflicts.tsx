// The conflicts to review, grouped by record: for each, the value the field holds and the
// one that lost (long texts side by side, their differing lines marked), and the manager's
// choice: keep, take the other, keep both texts, or write a combined text. Marks and
// other plain values of one field can be settled all at once by the clock.
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
import { groupConflicts, settleableSets, sideBySide, type SideLine } from "../conflict-groups";

export function ConflictsScreen(props: { ctx: Ctx }) {
  const { ctx } = props;
  const { t } = ctx;
  const [conflicts, setConflicts] = useState<Conflict[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [merging, setMerging] = useState<{ id: string; text: string } | null>(null);

  useEffect(() => {
    api.listConflicts().then(setConflicts, (e) => setError(toApiError(e)));
  }, []);

  async function settle(action: () => Promise<Conflict[]>) {
    try {
      setConflicts(await action());
      setMerging(null);
      setError(null);
    } catch (e) {
      setError(toApiError(e));
    }
  }
  const resolve = (id: string, choice: ConflictChoice) => settle(() => api.resolveConflict(id, choice));

  const when = (at: string) => t("conflicts.at", { when: `${shortDate(at, ctx.language)} ${clockTime(at)}` });
  const value = (c: Conflict, v: string | null) => showValue(c.field, show(v), t, ctx.language);
  const text = (v: string | null) => (v === null ? "" : show(v));
  const groups = conflicts ? groupConflicts(conflicts) : [];
  const sets = conflicts ? settleableSets(conflicts) : [];
  return (
    <section class="card" id="conflicts-screen">
      <h1>
        {t("conflicts.title")}
        {conflicts && conflicts.length > 0 && <span class="count" id="conflicts-count"> {t("conflicts.waiting", { count: conflicts.length })}</span>}
      </h1>
      <p class="muted">{t("conflicts.intro")}</p>
      {error && <div class="banner error" role="alert">{error.message}</div>}
      {conflicts?.length === 0 && <p id="no-conflicts">{t("conflicts.empty")}</p>}
      {sets.length > 0 && (
        <div class="settle-all" id="settle-all">
          <p class="muted">{t("conflicts.settleIntro")}</p>
          {sets.map((set) => (
            <button
              key={set.key}
              class="settle-newest"
              data-field={set.field}
              onClick={() => void settle(() => api.settleConflictsNewest(set.ids))}
            >
              {t("conflicts.settleNewest", { field: fieldLabel(set.field, t, set.table), count: set.ids.length })}
            </button>
          ))}
        </div>
      )}
      {groups.map((group) => (
        <section class="conflict-group" key={group.key} data-record={group.recordId}>
          <h2>
            {group.label} <span class="muted">{t("conflicts.inRecord", { count: group.conflicts.length })}</span>
          </h2>
          {group.conflicts.map((c) => (
            <article class="conflict" key={c.id} data-conflict={c.id} data-kind={c.kind}>
              <h3>
                {fieldLabel(c.field, t, c.table_name)} <span class="muted">({t(`conflicts.kind.${c.kind}` as MessageKey)})</span>
              </h3>
              {c.text && c.kind !== "delete_edit" ? (
                <TextSides conflict={c} kept={text(c.kept_value)} lost={text(c.lost_value)} when={when} ctx={ctx} />
              ) : (
                <div class="conflict-values">
                  <div>
                    <h4>{t("conflicts.kept")}</h4>
                    <pre class="kept">{c.kind === "delete_edit" ? t("conflicts.deletedKept") : value(c, c.kept_value)}</pre>
                    <span class="muted">{when(c.kept_at)}</span>
                  </div>
                  <div>
                    <h4>{t("conflicts.lost")}</h4>
                    <pre class="lost">{value(c, c.lost_value)}</pre>
                    <span class="muted">{when(c.lost_at)}</span>
                  </div>
                </div>
              )}
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
                  {c.text && c.kind !== "delete_edit" && (
                    <button class="keep-both primary" onClick={() => void resolve(c.id, { choice: "keep_both" })}>
                      {t("conflicts.keepBoth")}
                    </button>
                  )}
                  {c.text && (
                    <button class="merge-both" onClick={() => setMerging({ id: c.id, text: mergeDraft(text(c.kept_value), text(c.lost_value), t) })}>
                      {t("conflicts.mergeByHand")}
                    </button>
                  )}
                </div>
              )}
            </article>
          ))}
        </section>
      ))}
    </section>
  );
}

/** Two versions of a long text side by side, the lines only one of them has marked. */
function TextSides(props: { conflict: Conflict; kept: string; lost: string; when: (at: string) => string; ctx: Ctx }) {
  const { conflict: c, kept, lost, when, ctx } = props;
  const { t } = ctx;
  const rows = sideBySide(kept, lost);
  const cell = (line: SideLine | null, side: "kept" | "lost") =>
    line === null ? <td class="gap" /> : <td class={line.only ? `only-${side}` : "same"}>{line.text === "" ? " " : line.text}</td>;
  return (
    <table class="text-diff">
      <thead>
        <tr>
          <th>
            {t("conflicts.kept")} <span class="muted">{when(c.kept_at)}</span>
          </th>
          <th>
            {t("conflicts.lost")} <span class="muted">{when(c.lost_at)}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {cell(row.kept, "kept")}
            {cell(row.lost, "lost")}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
