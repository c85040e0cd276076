// A project's page: money and parties, stage changes with date and reason, outcomes per
// year, members the result was shared with, and the change history.
import { useEffect, useState } from "preact/hooks";
import { api, toApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { Member } from "../bindings/Member";
import type { Outcome } from "../bindings/Outcome";
import type { ProjectDetail } from "../bindings/ProjectDetail";
import type { ProjectStage } from "../bindings/ProjectStage";
import type { Ctx } from "../context";
import { Field, FormError, fieldErrors } from "../components/form";
import { History } from "../components/history";
import { MemberPicker } from "../components/member-picker";
import { todaySeoul } from "../dates";
import { longDate, shortDate, wonDigits, wonText } from "../format";
import { key, projectStages } from "../labels";
import { MoneyInput, ProjectForm, detailToInput } from "./projects";

export function ProjectScreen(props: { id: string; ctx: Ctx }) {
  const { ctx } = props;
  const { t, language } = ctx;
  const [detail, setDetail] = useState<ProjectDetail | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [editing, setEditing] = useState(false);
  const [to, setTo] = useState<ProjectStage>("planning");
  const [on, setOn] = useState(todaySeoul());
  const [reason, setReason] = useState("");
  const [stageError, setStageError] = useState<ApiError | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ year: Number(todaySeoul().slice(0, 4)), sales_won: 0, exports_won: 0, jobs: 0, patents: 0, commercialised: false });
  const [outcomeError, setOutcomeError] = useState<ApiError | null>(null);
  const [shareWith, setShareWith] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = () => api.projectDetail(props.id).then(setDetail, (e) => setError(toApiError(e)));
  useEffect(() => {
    void load();
    api.listMembers().then(setMembers, () => setMembers([]));
  }, [props.id]);
  if (error && !detail) return <div class="banner error">{error.message}</div>;
  if (!detail) return <p>{t("app.loading")}</p>;
  const p = detail.project;
  const message = (e: { message_ko: string; message_en: string }) => (language === "ko" ? e.message_ko : e.message_en);

  async function changeStage(ev: globalThis.Event) {
    ev.preventDefault();
    try {
      setDetail(await api.changeProjectStage(p.id, to, on, reason));
      setStageError(null);
      setReason("");
    } catch (e) {
      setStageError(toApiError(e));
    }
  }

  return (
    <div class="screen project-page">
      <button class="link" onClick={() => ctx.go({ screen: "projects" })}>← {t("common.back")}</button>
      <section class="card">
        <p class="muted">
          <span class="tag">{t(key.scope(p.scope))}</span> <span class="tag">{t(key.supportType(p.support_type))}</span>
        </p>
        <h1 id="project-title-heading">{p.title}</h1>
        <p>
          {t("project.stage")}: <strong id="project-stage">{t(key.projectStage(p.stage))}</strong>
          {p.stage_reason && <span class="muted"> · {p.stage_reason}</span>}
        </p>
        <dl class="facts">
          <dt>{t("project.lead")}</dt><dd>{p.lead_member_name || "—"}</dd>
          <dt>{t("project.government")}</dt><dd id="project-government">{wonText(p.amounts.government_won)} <span class="muted">({wonDigits(p.amounts.government_won, language)})</span></dd>
          <dt>{t("project.cash")}</dt><dd>{wonText(p.amounts.firm_cash_won)}</dd>
          <dt>{t("project.inKind")}</dt><dd>{wonText(p.amounts.firm_in_kind_won)}</dd>
          {p.approved_government_won !== null && <><dt /><dd>{t("project.approved", { amount: wonText(p.approved_government_won) })}</dd></>}
        </dl>
        {(detail.amount_check.errors.length > 0 || detail.amount_check.warnings.length > 0) && (
          <div class="banner warn">
            <strong>{t("project.warnings")}</strong>: {[...detail.amount_check.errors, ...detail.amount_check.warnings].map(message).join(" ")}
          </div>
        )}
        <ul class="plain">
          {detail.parties.map((x) => (
            <li key={x.id}>
              {x.name} <span class="muted">{x.role === "participant" ? t("project.participants") : x.role === "partner" ? t("project.partners") : t("project.experts")}</span>
            </li>
          ))}
        </ul>
        {editing ? (
          <ProjectForm ctx={ctx} initial={detailToInput(detail)} onCancel={() => setEditing(false)} onSave={(input) => api.updateProject(p.id, input)} onSaved={(d) => { setDetail(d); setEditing(false); }} />
        ) : (
          <>
            <button id="edit-project" onClick={() => setEditing(true)}>{t("common.edit")}</button>
            <button id="project-report" onClick={() => ctx.go({ screen: "reports", request: { kind: "project", project_id: p.id } })}>
              {t("project.resultReport")}
            </button>
          </>
        )}
      </section>
      <div class="grid-2">
        <section class="card">
          <h2>{t("project.changeStage")}</h2>
          <form class="form" onSubmit={changeStage}>
            <FormError error={stageError} t={t} />
            <div class="form-grid">
              <Field label={t("project.stage")} name="stage" errors={fieldErrors(stageError)}>
                <select id="stage-to" value={to} onChange={(e) => setTo((e.currentTarget as HTMLSelectElement).value as ProjectStage)}>
                  {projectStages.map((s) => <option key={s} value={s}>{t(key.projectStage(s))}</option>)}
                </select>
              </Field>
              <Field label={t("project.stageOn")} name="changed_on" errors={fieldErrors(stageError)} hint={on ? longDate(on, language) : undefined}>
                <input id="stage-on" type="date" value={on} onInput={(e) => setOn((e.currentTarget as HTMLInputElement).value)} />
              </Field>
              <Field label={t("common.reason")} name="reason" errors={fieldErrors(stageError)}>
                <input id="stage-reason" value={reason} onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} />
              </Field>
            </div>
            <button type="submit" class="primary" id="change-stage">{t("project.changeStage")}</button>
          </form>
          <h3>{t("project.stageHistory")}</h3>
          <ol class="plain" id="stage-history">
            {detail.stage_changes.map((c) => (
              <li key={c.id}>
                {shortDate(c.changed_on, language)} {t(key.projectStage(c.from_stage))} → <strong>{t(key.projectStage(c.to_stage))}</strong>
                {c.reason && <span class="muted"> · {c.reason}</span>}
              </li>
            ))}
          </ol>
        </section>
        <section class="card">
          <h2>{t("project.outcomes")}</h2>
          <table class="compact">
            <thead><tr><th>{t("project.year")}</th><th>{t("project.sales")}</th><th>{t("project.exports")}</th><th>{t("project.jobs")}</th><th>{t("project.patents")}</th><th>{t("project.commercialised")}</th></tr></thead>
            <tbody>
              {detail.outcomes.map((o) => (
                <tr key={o.year}><td>{o.year}</td><td>{wonText(o.sales_won)}</td><td>{wonText(o.exports_won)}</td><td>{o.jobs}</td><td>{o.patents}</td><td>{o.commercialised ? "✓" : ""}</td></tr>
              ))}
            </tbody>
          </table>
          <form
            class="form"
            onSubmit={(ev) => { ev.preventDefault(); api.recordOutcome(p.id, outcome).then((d) => { setDetail(d); setOutcomeError(null); }, (e) => setOutcomeError(toApiError(e))); }}
          >
            <FormError error={outcomeError} t={t} />
            <div class="form-grid">
              <Field label={t("project.year")} name="year" errors={fieldErrors(outcomeError)}>
                <input type="number" value={outcome.year} onInput={(e) => setOutcome({ ...outcome, year: Number((e.currentTarget as HTMLInputElement).value) })} />
              </Field>
              <Field label={t("project.sales")} name="sales_won" errors={fieldErrors(outcomeError)}>
                <MoneyInput id="outcome-sales" label={t("project.sales")} value={outcome.sales_won} onChange={(n) => setOutcome({ ...outcome, sales_won: n })} />
              </Field>
              <Field label={t("project.exports")} name="exports_won" errors={fieldErrors(outcomeError)}>
                <MoneyInput id="outcome-exports" label={t("project.exports")} value={outcome.exports_won} onChange={(n) => setOutcome({ ...outcome, exports_won: n })} />
              </Field>
              <Field label={t("project.jobs")} name="jobs" errors={fieldErrors(outcomeError)}>
                <input type="number" value={outcome.jobs} onInput={(e) => setOutcome({ ...outcome, jobs: Number((e.currentTarget as HTMLInputElement).value) })} />
              </Field>
              <Field label={t("project.patents")} name="patents" errors={fieldErrors(outcomeError)}>
                <input type="number" value={outcome.patents} onInput={(e) => setOutcome({ ...outcome, patents: Number((e.currentTarget as HTMLInputElement).value) })} />
              </Field>
              <label class="check">
                <input type="checkbox" checked={outcome.commercialised} onChange={(e) => setOutcome({ ...outcome, commercialised: (e.currentTarget as HTMLInputElement).checked })} />
                {t("project.commercialised")}
              </label>
            </div>
            <button type="submit">{t("project.addOutcome")}</button>
          </form>
          <h2>{t("project.shares")}</h2>
          <ul class="plain">{detail.shares.map((s) => <li key={s.member_id}>{s.member_name} <span class="muted">{shortDate(s.shared_on, language)}</span></li>)}</ul>
          <div class="inline-form">
            <MemberPicker label={t("project.shares")} members={members} value={shareWith} onChange={setShareWith} />
            <button disabled={!shareWith} onClick={() => shareWith && api.shareResult(p.id, shareWith, todaySeoul()).then(setDetail, (e) => setError(toApiError(e)))}>{t("project.share")}</button>
          </div>
        </section>
      </div>
      <section class="card">
        <h2>{t("history.title")}</h2>
        <History recordId={p.id} t={t} language={language} />
      </section>
    </div>
  );
}
