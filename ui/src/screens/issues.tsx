// Issues board: a column per status; drag a card or use ← → to move it; the selected
// issue shows the core's partner suggestions and links to a new or existing project.
import { useEffect, useLayoutEffect, useState } from "preact/hooks";
import { api, toApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { Issue } from "../bindings/Issue";
import type { IssueStatus } from "../bindings/IssueStatus";
import type { PartnerSuggestion } from "../bindings/PartnerSuggestion";
import type { Project } from "../bindings/Project";
import type { Ctx } from "../context";
import { issueStatuses, key } from "../labels";
import { shortDate } from "../format";
import { detailToInput } from "./projects";
import { History } from "../components/history";

export function IssuesScreen(props: { ctx: Ctx; focus?: string }) {
  const { ctx } = props;
  const { t } = ctx;
  const [issues, setIssues] = useState<Issue[]>([]);
  const [projects, setProjects] = useState<Project[]>([]);
  const [selected, setSelected] = useState<string | null>(props.focus ?? null);
  // Suggestions with the issue they are for: a slow answer for the previous card must
  // neither flash "none found" nor show under the next card.
  const [suggested, setSuggested] = useState<{ issueId: string; list: PartnerSuggestion[] } | null>(null);
  // The card a keyboard move just moved: it is drawn anew in its new column, and the
  // focus must follow it so that → can be pressed again.
  const [refocus, setRefocus] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [dropReason, setDropReason] = useState("");
  const [filter, setFilter] = useState("");

  const load = () => api.listIssues().then(setIssues, (e) => setError(toApiError(e)));
  useEffect(() => {
    void load();
    api.listProjects().then(setProjects, () => setProjects([]));
  }, []);
  useEffect(() => {
    if (!selected) return;
    const issueId = selected;
    api.partnerSuggestions(issueId).then(
      (list) => setSuggested({ issueId, list }),
      () => setSuggested({ issueId, list: [] }),
    );
  }, [selected]);
  const partners = suggested && suggested.issueId === selected ? suggested.list : null;
  useLayoutEffect(() => {
    if (!refocus) return;
    const card = document.querySelector<HTMLElement>(`.issue-card[data-issue-id="${CSS.escape(refocus)}"]`);
    card?.focus();
    setRefocus(null);
  }, [refocus, issues]);

  const issue = issues.find((i) => i.id === selected) ?? null;

  async function move(id: string, to: IssueStatus, reason = "") {
    try {
      const updated = await api.moveIssue(id, to, reason);
      setIssues((all) => all.map((i) => (i.id === id ? updated : i)));
      setError(null);
      setDropReason("");
    } catch (e) {
      setError(toApiError(e));
    }
  }

  function onCardKey(e: KeyboardEvent, card: Issue) {
    const at = issueStatuses.indexOf(card.status);
    if (e.key === "ArrowRight" && at < issueStatuses.length - 2) { e.preventDefault(); void move(card.id, issueStatuses[at + 1]).then(() => setRefocus(card.id)); }
    if (e.key === "ArrowLeft" && at > 0 && card.status !== "dropped") { e.preventDefault(); void move(card.id, issueStatuses[at - 1]).then(() => setRefocus(card.id)); }
    if (e.key === "Enter") setSelected(card.id);
  }

  async function linkTo(projectId: string) {
    if (!issue) return;
    try {
      const detail = await api.projectDetail(projectId);
      const input = detailToInput(detail);
      await api.updateProject(projectId, { ...input, issue_ids: [...new Set([...input.issue_ids, issue.id])] });
      await load();
    } catch (e) {
      setError(toApiError(e));
    }
  }

  const q = filter.trim();
  const shown = q ? issues.filter((i) => `${i.title} ${i.description} ${i.member_names.join(" ")}`.includes(q)) : issues;

  return (
    <div class="screen issues">
      <div class="toolbar">
        <input type="search" aria-label={t("common.filter")} placeholder={t("common.filter")} value={filter} onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)} />
        <span class="muted">{t("issue.keyboardHint")}</span>
      </div>
      {error && <div class="banner error" role="alert" id="issue-error">{error.message}</div>}
      <div class="board-and-panel">
        <div class="board">
          {issueStatuses.map((status) => (
            <section
              key={status}
              class="column"
              aria-label={t(key.issueStatus(status))}
              data-status={status}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                const id = e.dataTransfer?.getData("text/plain");
                if (id) void move(id, status, status === "dropped" ? dropReason : "");
              }}
            >
              <h2>{t(key.issueStatus(status))} <span class="muted">{shown.filter((i) => i.status === status).length}</span></h2>
              {shown
                .filter((i) => i.status === status)
                .slice(0, 200)
                .map((i) => (
                  <article
                    key={i.id}
                    class={`issue-card${i.id === selected ? " selected" : ""}`}
                    tabIndex={0}
                    draggable
                    data-issue-id={i.id}
                    onDragStart={(e) => e.dataTransfer?.setData("text/plain", i.id)}
                    onClick={() => setSelected(i.id)}
                    onKeyDown={(e) => onCardKey(e, i)}
                  >
                    <strong>{i.title}</strong>
                    <span class="muted">{i.member_names.join(", ")}</span>
                    <span class="tag">{t(key.issueCategory(i.category))}</span> <span class="muted">{shortDate(i.found_on, ctx.language)}</span>
                  </article>
                ))}
            </section>
          ))}
        </div>
        {issue && (
          <aside class="card panel" id="issue-panel">
            <h2>{issue.title}</h2>
            <p class="muted">
              {issue.member_names.join(", ")} · {t(key.issueCategory(issue.category))} · {t(key.issueStage(issue.stage))}
            </p>
            <p class="pre">{issue.description}</p>
            {issue.status === "dropped" && <p class="muted">{t("issue.dropReason")}: {issue.drop_reason}</p>}
            <label class="field">
              <span class="field-label">{t("issue.moveTo")}</span>
              <select value={issue.status} onChange={(e) => void move(issue.id, (e.currentTarget as HTMLSelectElement).value as IssueStatus, dropReason)}>
                {issueStatuses.map((s) => <option key={s} value={s}>{t(key.issueStatus(s))}</option>)}
              </select>
            </label>
            <label class="field">
              <span class="field-label">{t("issue.dropReason")}</span>
              <input value={dropReason} onInput={(e) => setDropReason((e.currentTarget as HTMLInputElement).value)} />
            </label>
            <h3>{t("issue.linkProject")}</h3>
            <select aria-label={t("issue.linkProject")} value="" onChange={(e) => { const id = (e.currentTarget as HTMLSelectElement).value; if (id) void linkTo(id); }}>
              <option value="">—</option>
              {projects.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
            </select>
            <button id="new-project-from-issue" onClick={() => ctx.go({ screen: "projects", fromIssue: issue.id })}>{t("issue.newProject")}</button>
            <h3>{t("issue.partners")}</h3>
            {partners === null && <p class="muted">{t("app.loading")}</p>}
            {partners?.length === 0 && <p class="muted">{t("issue.noPartners")}</p>}
            <ol class="partners" id="partner-list">
              {partners?.map((p) => (
                <li key={p.id}>
                  {p.kind === "member" ? (
                    <button class="link" onClick={() => ctx.go({ screen: "member", id: p.id })}>{p.name}</button>
                  ) : (
                    <strong>{p.name}</strong>
                  )}{" "}
                  <span class="muted">{p.member_kind ? `${t(key.memberKind(p.member_kind))} · ` : ""}{p.detail}</span>
                  <div class="muted small">{t("issue.matched", { words: p.matched.join(", ") })}</div>
                </li>
              ))}
            </ol>
            <details>
              <summary>{t("history.title")}</summary>
              <History recordId={issue.id} t={t} language={ctx.language} />
            </details>
          </aside>
        )}
      </div>
    </div>
  );
}
