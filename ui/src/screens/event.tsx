// A meeting or seminar page: agenda, attendance checklist, minutes that save as you type,
// decisions, action items, rescheduling, cancelling with a reason, and .ics export.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, toApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { Attendance } from "../bindings/Attendance";
import type { EventDetail } from "../bindings/EventDetail";
import type { Member } from "../bindings/Member";
import type { Person } from "../bindings/Person";
import type { Issue } from "../bindings/Issue";
import type { Project } from "../bindings/Project";
import type { SmallGroup } from "../bindings/SmallGroup";
import type { Ctx } from "../context";
import { Field, FormError, fieldErrors } from "../components/form";
import { History } from "../components/history";
import { Attachments } from "../components/attachments";
import { MemberPicker } from "../components/member-picker";
import { clockTime, longDate, shortDate } from "../format";
import { attendances, key } from "../labels";
import { EventForm } from "./event-form";
import { MinutesAutosave, type SaveState } from "../minutes-autosave";
import { saveBeforeClose } from "../before-close";
import type { Translate } from "../i18n";

function MinutesEditor(props: { detail: EventDetail; ctx: Ctx }) {
  const { t } = props.ctx;
  // A plant visit keeps what was seen and its next steps where a meeting keeps minutes
  // and decisions (see desk_core::visit).
  const visit = props.detail.event.kind === "plant_visit";
  const eventId = props.detail.event.id;
  const [minutes, setMinutes] = useState(props.detail.event.minutes);
  const [decisions, setDecisions] = useState(props.detail.event.decisions);
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const autosave = useRef<MinutesAutosave | null>(null);
  if (autosave.current === null) {
    autosave.current = new MinutesAutosave(
      { minutes, decisions },
      {
        draft: (text, base) => api.saveMinutesDraft(eventId, text, base).then((r) => r.saved_at),
        commit: (text, base) => api.saveMinutes(eventId, text, base).then((r) => r.saved_at),
      },
      setState,
    );
  }
  const saver = autosave.current;
  useEffect(() => {
    // Leaving the page, hiding the window or closing it ends the typing session.
    const onHide = () => void saver.commit();
    window.addEventListener("pagehide", onHide);
    document.addEventListener("visibilitychange", onHide);
    const unregister = saveBeforeClose(() => saver.commit());
    return () => {
      window.removeEventListener("pagehide", onHide);
      document.removeEventListener("visibilitychange", onHide);
      unregister();
      void saver.commit();
    };
  }, []);
  const edit = (next: { minutes: string; decisions: string }) => {
    setMinutes(next.minutes);
    setDecisions(next.decisions);
    saver.edit(next);
  };

  return (
    <div class="minutes">
      <label class="field">
        <span class="field-label">{visit ? t("visit.notes") : t("event.minutes")}</span>
        <textarea
          id="minutes"
          rows={10}
          value={minutes}
          onInput={(e) => edit({ minutes: (e.currentTarget as HTMLTextAreaElement).value, decisions })}
          onBlur={() => void saver.commit()}
        />
      </label>
      <label class="field">
        <span class="field-label">{visit ? t("visit.nextSteps") : t("event.decisions")}</span>
        <textarea
          id="decisions"
          rows={4}
          value={decisions}
          onInput={(e) => edit({ minutes, decisions: (e.currentTarget as HTMLTextAreaElement).value })}
          onBlur={() => void saver.commit()}
        />
      </label>
      <p class={`save-state save-${state.kind}`} id="autosave-status" role="status" data-state={state.kind}>
        {saveStateText(state, t)}
      </p>
    </div>
  );
}

/** The editor's status line: what is on disk, never more. */
export function saveStateText(state: SaveState, t: Translate): string {
  switch (state.kind) {
    case "idle":
      return "";
    case "saving":
      return t("event.saving");
    case "saved":
      return t("event.savedAt", { time: clockTime(state.at) });
    case "failed":
      return t("event.notSaved", { reason: state.message });
  }
}

export function EventScreen(props: { id: string; ctx: Ctx; notice?: string }) {
  const { ctx } = props;
  const { t } = ctx;
  const [detail, setDetail] = useState<EventDetail | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [groups, setGroups] = useState<SmallGroup[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [projects, setProjects] = useState<Project[]>([]);
  const [actionIssue, setActionIssue] = useState<string | null>(null);
  const [actionProject, setActionProject] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState("");
  const [notice, setNotice] = useState(props.notice ?? "");
  const [error, setError] = useState<ApiError | null>(null);
  const [actionTitle, setActionTitle] = useState("");
  const [actionDue, setActionDue] = useState("");
  const [actionAssignee, setActionAssignee] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const load = () => api.eventDetail(props.id).then(setDetail, (e) => setError(toApiError(e)));
  useEffect(() => {
    // A draft the editor left here (the page was reloaded, the app crashed) is saved first.
    void api.commitMinutesDraft(props.id).catch(() => false).then(load);
    api.listMembers().then(setMembers, () => setMembers([]));
    api.smallGroups().then(setGroups, () => setGroups([]));
    api.listPeople().then(setPeople, () => setPeople([]));
    api.listIssues().then(setIssues, () => setIssues([]));
    api.listProjects().then(setProjects, () => setProjects([]));
  }, [props.id]);
  if (error && !detail) return <div class="banner error">{error.message}</div>;
  if (!detail) return <p>{t("app.loading")}</p>;
  const e = detail.event;

  /** Runs an action, reloads the page, and tells whether it succeeded. */
  const run = async (f: () => Promise<unknown>): Promise<boolean> => {
    try {
      await f();
      setError(null);
      await load();
      return true;
    } catch (err) {
      setError(toApiError(err));
      return false;
    }
  };

  return (
    <div class="screen event-page">
      <button class="link" onClick={() => ctx.go({ screen: "schedule" })}>← {t("common.back")}</button>
      <section class="card">
        <p class="muted">
          <span class="tag">{t(key.eventKind(e.kind))}</span> <span class={`tag status-${e.status}`} id="event-status">{t(key.eventStatus(e.status))}</span>
        </p>
        <h1 id="event-title">{e.title}</h1>
        <p>
          {longDate(e.starts_at, ctx.language)} {clockTime(e.starts_at)}–{clockTime(e.ends_at)} · {e.place}
        </p>
        {e.status === "cancelled" && <div class="banner error">{t("event.cancelled", { reason: e.cancel_reason })}</div>}
        {notice && <div class="banner ok" id="event-notice">{notice}</div>}
        {error && <div class="banner error" role="alert">{error.message}</div>}
        <div class="actions">
          <button id="export-ics" onClick={() => void api.exportEventIcs(e.id).then((f) => setNotice(t("schedule.exported", { path: f.path })), (err) => setError(toApiError(err)))}>
            {t("event.exportIcs")}
          </button>
          <button id="minutes-report" onClick={() => ctx.go({ screen: "reports", request: { kind: "minutes", event_id: e.id } })}>
            {t("event.minutesReport")}
          </button>
          {e.status !== "cancelled" && <button onClick={() => setEditing(!editing)}>{t("event.reschedule")}</button>}
          {e.status === "scheduled" && <button onClick={() => void run(() => api.markEventHeld(e.id))}>{t("event.markHeld")}</button>}
          {e.status !== "cancelled" && <button class="danger" id="cancel-event" onClick={() => setCancelling(true)}>{t("event.cancel")}</button>}
        </div>
        {cancelling && (
          <form class="inline-form" onSubmit={(ev) => { ev.preventDefault(); void run(() => api.cancelEvent(e.id, reason)).then((ok) => ok && setCancelling(false)); }}>
            <Field label={t("event.cancelReason")} name="cancel_reason" errors={fieldErrors(error)}>
              <input id="cancel-reason" value={reason} onInput={(ev) => setReason((ev.currentTarget as HTMLInputElement).value)} />
            </Field>
            <button type="submit" class="danger" id="confirm-cancel">{t("event.cancel")}</button>
            <button type="button" onClick={() => setCancelling(false)}>{t("common.close")}</button>
          </form>
        )}
        {editing && (
          <EventForm ctx={ctx} existing={e} onCancel={() => setEditing(false)} onSaved={(d) => { setDetail(d); setEditing(false); }} />
        )}
        {e.agenda && (
          <>
            <h2>{t("event.agenda")}</h2>
            <p class="pre">{e.agenda}</p>
          </>
        )}
      </section>
      <div class="grid-2">
        <section class="card">
          <h2>{t("event.invitees")} ({detail.invitees.length})</h2>
          <table class="attendance">
            <tbody>
              {detail.invitees.map((i) => (
                <tr key={i.id}>
                  <th>
                    {i.name}{" "}
                    <button
                      class="link uninvite"
                      data-uninvite={i.id}
                      aria-label={t("event.uninvite", { name: i.name })}
                      title={t("event.uninvite", { name: i.name })}
                      onClick={() => void run(() => api.uninvite(e.id, i.id))}
                    >
                      ×
                    </button>
                  </th>
                  <td>
                    <div role="radiogroup" aria-label={i.name} class="segmented">
                      {attendances.map((a) => (
                        <label key={a} class={i.attendance === a ? "on" : ""}>
                          <input
                            type="radio"
                            name={`att-${i.id}`}
                            value={a}
                            data-attendance={a}
                            checked={i.attendance === a}
                            onChange={() => void run(() => api.setAttendance(i.id, a as Attendance))}
                          />
                          {t(key.attendance(a))}
                        </label>
                      ))}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="inline-form">
            <MemberPicker label={t("event.invite")} members={members} value={null} onChange={(id) => { if (id) void run(() => api.invite(e.id, { type: "member", id })); }} />
            <select aria-label={t("event.inviteGroup")} value="" onChange={(ev) => { const g = (ev.currentTarget as HTMLSelectElement).value; if (g) void run(() => api.inviteSmallGroup(e.id, g)); }}>
              <option value="">{t("event.inviteGroup")}</option>
              {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
            </select>
            <select aria-label={t("event.invitePerson")} value="" onChange={(ev) => { const p = (ev.currentTarget as HTMLSelectElement).value; if (p) void run(() => api.invite(e.id, { type: "person", id: p })); }}>
              <option value="">{t("event.invitePerson")}</option>
              {people.filter((p) => p.role !== "staff").map((p) => <option key={p.id} value={p.id}>{p.name} · {p.affiliation}</option>)}
            </select>
          </div>
        </section>
        <section class="card">
          <MinutesEditor key={e.id} detail={detail} ctx={ctx} />
        </section>
      </div>
      {(e.kind === "plant_visit" || detail.issues_found.length > 0) && (
        <section class="card" id="issues-found">
          <h2>{t("event.issuesFound")} ({detail.issues_found.length})</h2>
          {detail.issues_found.length === 0 ? (
            <p class="muted">{t("event.noIssuesFound")}</p>
          ) : (
            <ul class="plain">
              {detail.issues_found.map((i) => (
                <li key={i.id} class="issue-found">
                  <button class="link" onClick={() => ctx.go({ screen: "issues", focus: i.id })}>{i.title}</button>{" "}
                  <span class="tag">{t(key.issueCategory(i.category))}</span>{" "}
                  <span class="muted">{t(key.issueStatus(i.status))}</span>
                  {i.description && <p class="muted pre">{i.description}</p>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section class="card">
        <h2>{t("event.actionItems")}</h2>
        <ul class="plain">
          {detail.action_items.map((a) => (
            <li key={a.id}>
              <label class="check">
                <input type="checkbox" checked={a.status === "done"} onChange={(ev) => void run(() => api.setActionStatus(a.id, (ev.currentTarget as HTMLInputElement).checked ? "done" : "open"))} />
                {a.title}
              </label>{" "}
              <span class="muted">{a.assignee_name} {a.due_on ? shortDate(a.due_on, ctx.language) : ""}</span>
            </li>
          ))}
        </ul>
        <form
          class="inline-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            api
              .addActionItem(e.id, { title: actionTitle, due_on: actionDue, assignee_member_id: actionAssignee, assignee_person_id: null, issue_id: actionIssue, project_id: actionProject })
              .then(() => { setActionTitle(""); setActionDue(""); setActionError(null); return load(); }, (err) => setActionError(toApiError(err)));
          }}
        >
          <FormError error={actionError} t={t} />
          <Field label={t("event.actionTitle")} name="title" errors={fieldErrors(actionError)}>
            <input value={actionTitle} onInput={(ev) => setActionTitle((ev.currentTarget as HTMLInputElement).value)} />
          </Field>
          <Field label={t("event.assignee")} name="assignee_member_id" errors={fieldErrors(actionError)}>
            <MemberPicker label={t("event.assignee")} members={members} value={actionAssignee} onChange={setActionAssignee} />
          </Field>
          <Field label={t("event.due")} name="due_on" errors={fieldErrors(actionError)}>
            <input type="date" value={actionDue} onInput={(ev) => setActionDue((ev.currentTarget as HTMLInputElement).value)} />
          </Field>
          <Field label={t("nav.issues")} name="issue_id" errors={fieldErrors(actionError)}>
            <select value={actionIssue ?? ""} onChange={(ev) => setActionIssue((ev.currentTarget as HTMLSelectElement).value || null)}>
              <option value="">—</option>
              {issues.slice(0, 300).map((i) => <option key={i.id} value={i.id}>{i.title}</option>)}
            </select>
          </Field>
          <Field label={t("nav.projects")} name="project_id" errors={fieldErrors(actionError)}>
            <select value={actionProject ?? ""} onChange={(ev) => setActionProject((ev.currentTarget as HTMLSelectElement).value || null)}>
              <option value="">—</option>
              {projects.slice(0, 300).map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
            </select>
          </Field>
          <button type="submit">{t("event.addAction")}</button>
        </form>
      </section>
      <section class="card">
        <h2>{e.kind === "plant_visit" ? t("event.visitPhotos") : t("member.attachments")}</h2>
        <Attachments recordTable="event" recordId={e.id} t={t} />
      </section>
      <section class="card">
        <h2>{t("history.title")}</h2>
        <History recordId={e.id} t={t} language={ctx.language} />
      </section>
    </div>
  );
}
