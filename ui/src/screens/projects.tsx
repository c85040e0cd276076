// Projects: the pipeline by KICOX stage with amounts, and the project form whose money
// is checked against the support type's cap and government share as the manager types.
import { useEffect, useState } from "preact/hooks";
import { api, toApiError } from "../api";
import type { AmountCheck } from "../bindings/AmountCheck";
import type { ApiError } from "../bindings/ApiError";
import type { Member } from "../bindings/Member";
import type { Person } from "../bindings/Person";
import type { Project } from "../bindings/Project";
import type { ProjectDetail } from "../bindings/ProjectDetail";
import type { ProjectInput } from "../bindings/ProjectInput";
import type { ProjectScope } from "../bindings/ProjectScope";
import type { SupportType } from "../bindings/SupportType";
import type { Ctx } from "../context";
import { Field, FormError, fieldErrors } from "../components/form";
import { MemberMultiPicker, MemberPicker } from "../components/member-picker";
import { key, projectStages, supportTypes } from "../labels";
import { wonDigits, wonText } from "../format";

export function emptyProject(): ProjectInput {
  return {
    title: "", summary: "", scope: "common", support_type: "field_technology", lead_member_id: null, participant_ids: [],
    partner_ids: [], expert_ids: [], issue_ids: [],
    amounts: { government_won: 0, firm_cash_won: 0, firm_in_kind_won: 0 }, override_reason: "",
  };
}

export function detailToInput(d: ProjectDetail): ProjectInput {
  const p = d.project;
  const ids = (role: string) => d.parties.filter((x) => x.role === role).map((x) => (x.member_id ?? x.person_id) as string);
  return {
    title: p.title, summary: p.summary, scope: p.scope, support_type: p.support_type, lead_member_id: p.lead_member_id,
    participant_ids: ids("participant"), partner_ids: ids("partner"), expert_ids: ids("expert"), issue_ids: d.issue_ids,
    amounts: p.amounts, override_reason: p.override_reason,
  };
}

function parseWon(text: string): number {
  const digits = text.replace(/[^\d-]/g, "");
  return digits === "" || digits === "-" ? 0 : Number(digits);
}

export function MoneyInput(props: { id: string; value: number; onChange: (n: number) => void; label: string }) {
  return (
    <input
      id={props.id}
      name={props.id}
      inputMode="numeric"
      aria-label={props.label}
      value={props.value === 0 ? "" : props.value.toLocaleString("ko-KR")}
      onInput={(e) => props.onChange(parseWon((e.currentTarget as HTMLInputElement).value))}
    />
  );
}

export function ProjectForm(props: {
  ctx: Ctx;
  initial: ProjectInput;
  onCancel: () => void;
  onSave: (input: ProjectInput) => Promise<ProjectDetail>;
  onSaved: (detail: ProjectDetail) => void;
}) {
  const { t, language } = props.ctx;
  const [input, setInput] = useState<ProjectInput>(props.initial);
  const [members, setMembers] = useState<Member[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [check, setCheck] = useState<AmountCheck>({ errors: [], warnings: [] });
  const [error, setError] = useState<ApiError | null>(null);
  const errors = fieldErrors(error);
  const set = (patch: Partial<ProjectInput>) => setInput({ ...input, ...patch });
  useEffect(() => {
    api.listMembers().then(setMembers, () => setMembers([]));
    api.listPeople().then(setPeople, () => setPeople([]));
  }, []);
  // The cap and share checks follow the typing, a moment after it pauses.
  useEffect(() => {
    const timer = window.setTimeout(() => api.checkProjectAmounts(input).then(setCheck, () => undefined), 250);
    return () => window.clearTimeout(timer);
  }, [input.amounts, input.support_type, input.lead_member_id, input.participant_ids]);
  const live: Record<string, string> = {};
  for (const e of [...check.errors, ...check.warnings]) live[e.field] = language === "ko" ? e.message_ko : e.message_en;
  const companies = members.filter((m) => m.kind === "company");
  const institutions = members.filter((m) => m.kind !== "company");
  const total = input.amounts.government_won + input.amounts.firm_cash_won + input.amounts.firm_in_kind_won;

  async function save(ev: globalThis.Event) {
    ev.preventDefault();
    try {
      const saved = await props.onSave(input);
      setError(null);
      props.onSaved(saved);
    } catch (e) {
      setError(toApiError(e));
    }
  }
  const money = (field: "government_won" | "firm_cash_won" | "firm_in_kind_won", label: string) => (
    <Field label={label} name={field} errors={{ ...live, ...errors }} hint={input.amounts[field] ? `${wonText(input.amounts[field])} (${wonDigits(input.amounts[field], language)})` : undefined}>
      <MoneyInput id={field} label={label} value={input.amounts[field]} onChange={(n) => set({ amounts: { ...input.amounts, [field]: n } })} />
    </Field>
  );
  return (
    <form class="form project-form" onSubmit={save}>
      <FormError error={error} t={t} />
      <div class="form-grid">
        <Field label={t("project.title")} name="title" errors={errors}>
          <input id="project-title" value={input.title} onInput={(e) => set({ title: (e.currentTarget as HTMLInputElement).value })} />
        </Field>
        <Field label={t("project.scope")} name="scope" errors={errors}>
          <select value={input.scope ?? ""} onChange={(e) => set({ scope: (e.currentTarget as HTMLSelectElement).value as ProjectScope })}>
            <option value="common">{t("scope.common")}</option>
            <option value="individual">{t("scope.individual")}</option>
          </select>
        </Field>
        <Field label={t("project.supportType")} name="support_type" errors={errors}>
          <select id="support-type" value={input.support_type ?? ""} onChange={(e) => set({ support_type: (e.currentTarget as HTMLSelectElement).value as SupportType })}>
            {supportTypes.map((s) => <option key={s} value={s}>{t(key.supportType(s))}</option>)}
          </select>
        </Field>
        <Field label={t("project.lead")} name="lead_member_id" errors={errors}>
          <MemberPicker id="project-lead" label={t("project.lead")} members={companies} value={input.lead_member_id} onChange={(id) => set({ lead_member_id: id })} />
        </Field>
      </div>
      <Field label={t("project.participants")} name="participants" errors={{ ...live, ...errors }}>
        <MemberMultiPicker label={t("project.participants")} members={companies} value={input.participant_ids} onChange={(ids) => set({ participant_ids: ids })} />
      </Field>
      <Field label={t("project.partners")} name="partner_ids" errors={errors}>
        <MemberMultiPicker label={t("project.partners")} members={institutions} value={input.partner_ids} onChange={(ids) => set({ partner_ids: ids })} />
      </Field>
      <Field label={t("project.experts")} name="expert_ids" errors={errors}>
        <select multiple size={4} onChange={(e) => set({ expert_ids: Array.from((e.currentTarget as HTMLSelectElement).selectedOptions).map((o) => o.value) })}>
          {people.filter((p) => p.role !== "staff").map((p) => (
            <option key={p.id} value={p.id} selected={input.expert_ids.includes(p.id)}>{p.name} · {p.affiliation}</option>
          ))}
        </select>
      </Field>
      <div class="form-grid">
        {money("government_won", t("project.government"))}
        {money("firm_cash_won", t("project.cash"))}
        {money("firm_in_kind_won", t("project.inKind"))}
      </div>
      <p class="muted" id="project-total">{t("project.total", { total: wonText(total) })}</p>
      {check.warnings.length > 0 && (
        <Field label={t("project.override")} name="override_reason" errors={errors}>
          <input id="override-reason" value={input.override_reason} onInput={(e) => set({ override_reason: (e.currentTarget as HTMLInputElement).value })} />
        </Field>
      )}
      <Field label={t("project.summary")} name="summary" errors={errors}>
        <textarea rows={3} value={input.summary} onInput={(e) => set({ summary: (e.currentTarget as HTMLTextAreaElement).value })} />
      </Field>
      <div class="actions">
        <button type="submit" class="primary" id="save-project">{t("common.save")}</button>
        <button type="button" onClick={props.onCancel}>{t("common.cancel")}</button>
      </div>
    </form>
  );
}

export function ProjectsScreen(props: { ctx: Ctx; fromIssue?: string }) {
  const { ctx } = props;
  const { t } = ctx;
  const [projects, setProjects] = useState<Project[]>([]);
  const [initial, setInitial] = useState<ProjectInput | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    api.listProjects().then(setProjects, (e) => setError(toApiError(e)));
    if (props.fromIssue) {
      api.listIssues().then((issues) => {
        const issue = issues.find((i) => i.id === props.fromIssue);
        if (issue) setInitial({ ...emptyProject(), title: issue.title, issue_ids: [issue.id], lead_member_id: issue.member_ids[0] ?? null, participant_ids: issue.member_ids });
      }, () => undefined);
    }
  }, [props.fromIssue]);
  return (
    <div class="screen projects">
      <div class="toolbar">
        <button class="primary" id="new-project" onClick={() => setInitial(emptyProject())}>{t("project.newProject")}</button>
      </div>
      {error && <div class="banner error">{error.message}</div>}
      {initial && (
        <section class="card">
          <ProjectForm ctx={ctx} initial={initial} onCancel={() => setInitial(null)} onSave={(input) => api.createProject(input)} onSaved={(d) => ctx.go({ screen: "project", id: d.project.id })} />
        </section>
      )}
      <div class="pipeline">
        {projectStages.map((stage) => {
          const inStage = projects.filter((p) => p.stage === stage);
          const government = inStage.reduce((sum, p) => sum + p.amounts.government_won, 0);
          return (
            <section class="column" key={stage} data-stage={stage} aria-label={t(key.projectStage(stage))}>
              <h2>{t(key.projectStage(stage))}</h2>
              <p class="muted small">{t("project.count", { count: inStage.length, government: wonText(government) })}</p>
              {inStage.slice(0, 100).map((p) => (
                <button key={p.id} class="project-card" data-project-id={p.id} onClick={() => ctx.go({ screen: "project", id: p.id })}>
                  <strong>{p.title}</strong>
                  <span class="muted">{p.lead_member_name}</span>
                  <span class="money">{wonText(p.amounts.government_won)}</span>
                </button>
              ))}
            </section>
          );
        })}
      </div>
    </div>
  );
}
