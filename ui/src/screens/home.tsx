// Home: today and this week, action items due, issues by status, projects by stage.
import { useEffect, useState } from "preact/hooks";
import { api, toApiError } from "../api";
import type { Home as HomeData } from "../bindings/Home";
import type { ApiError } from "../bindings/ApiError";
import type { ClusterSummary } from "../bindings/ClusterSummary";
import type { Event } from "../bindings/Event";
import type { Ctx } from "../context";
import { key } from "../labels";
import { clockTime, shortDate, wonText } from "../format";

export function EventLine(props: { event: Event; ctx: Ctx }) {
  const { event, ctx } = props;
  return (
    <button class={`link-row event-${event.status}`} onClick={() => ctx.go({ screen: "event", id: event.id })}>
      <span class="when">
        {shortDate(event.starts_at, ctx.language)} {clockTime(event.starts_at)}
      </span>
      <span class="tag">{ctx.t(key.eventKind(event.kind))}</span>
      <span class="title">{event.title}</span>
      {event.status === "cancelled" && <span class="tag danger">{ctx.t("eventStatus.cancelled")}</span>}
    </button>
  );
}

export function HomeScreen(props: { summary: ClusterSummary; ctx: Ctx }) {
  const { summary, ctx } = props;
  const { t } = ctx;
  const [home, setHome] = useState<HomeData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    api.home().then(setHome, (e) => setError(toApiError(e)));
  }, []);
  const c = summary.cluster;
  return (
    <div class="screen home">
      <section class="card cluster-header">
        <h1 id="cluster-name">{c.name}</h1>
        <p class="muted">
          {t("home.complex", { complex: c.complex_name, theme: c.industry_theme })} · {t(`region.${c.region}`)}
        </p>
        <ul class="stats">
          <li id="member-count">{t("home.members", { count: summary.member_count })}</li>
          <li>{t("home.companies", { count: summary.company_count })}</li>
          <li>{t("home.people", { count: summary.people_count })}</li>
          <li>{t("home.groups", { count: summary.small_group_count })}</li>
          {home && <li id="pending-changes">{t("home.pending", { count: home.pending_changes })}</li>}
          {home && home.open_conflicts > 0 && (
            <li>
              <button class="link danger" id="home-conflicts" onClick={() => ctx.go({ screen: "conflicts" })}>
                {t("home.conflicts", { count: home.open_conflicts })}
              </button>
            </li>
          )}
        </ul>
      </section>
      {error && <div class="banner error">{error.message}</div>}
      {home && (
        <div class="grid-2">
          <section class="card">
            <h2>{t("home.today")}</h2>
            {home.today_events.length === 0 && <p class="muted">{t("home.nothing")}</p>}
            {home.today_events.map((e) => (
              <EventLine key={e.id} event={e} ctx={ctx} />
            ))}
            <h2>{t("home.week")}</h2>
            {home.week_events.length === 0 && <p class="muted">{t("home.nothing")}</p>}
            {home.week_events.map((e) => (
              <EventLine key={e.id} event={e} ctx={ctx} />
            ))}
          </section>
          <section class="card">
            <h2>{t("home.due")}</h2>
            {home.action_items_due.length === 0 && <p class="muted">{t("home.nothing")}</p>}
            <ul class="plain">
              {home.action_items_due.map((a) => (
                <li key={a.id}>
                  <span class={`when${a.due_on && a.due_on < home.today ? " danger" : ""}`}>
                    {a.due_on ? shortDate(a.due_on, ctx.language) : ""}
                    {a.due_on && a.due_on < home.today ? ` (${t("home.overdue")})` : ""}
                  </span>{" "}
                  {a.title} <span class="muted">{a.assignee_name}</span>
                </li>
              ))}
            </ul>
          </section>
          <section class="card">
            <h2>{t("home.issues")}</h2>
            <ul class="stats">
              {home.issues_by_status.map((s) => (
                <li key={s.status}>
                  <button class="link" onClick={() => ctx.go({ screen: "issues" })}>
                    {t(key.issueStatus(s.status))} {s.count}
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <section class="card">
            <h2>{t("home.projects")}</h2>
            <table class="compact">
              <tbody>
                {home.projects_by_stage.map((s) => (
                  <tr key={s.stage}>
                    <th>{t(key.projectStage(s.stage))}</th>
                    <td>{s.count}</td>
                    <td class="money">{wonText(s.amounts.government_won)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </div>
  );
}
