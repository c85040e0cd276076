// Reports (보고서): pick the activity report of a period, a meeting's minutes or a
// project's report; preview what it will say; save it as PDF (or the activity report as
// Excel) where exports go.
import { useEffect, useState } from "preact/hooks";
import { api, toApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { ActivityReport } from "../bindings/ActivityReport";
import type { Event } from "../bindings/Event";
import type { MinutesDocument } from "../bindings/MinutesDocument";
import type { Project } from "../bindings/Project";
import type { ProjectReport } from "../bindings/ProjectReport";
import type { ReportFormat } from "../bindings/ReportFormat";
import type { ReportPreview } from "../bindings/ReportPreview";
import type { ReportRequest } from "../bindings/ReportRequest";
import type { ReportHeader } from "../bindings/ReportHeader";
import type { Ctx } from "../context";
import type { Translate } from "../i18n";
import { addMonths, todaySeoul } from "../dates";
import { PERIOD_PRESETS, periodOf, type PeriodPreset } from "../report-periods";

type Kind = ReportRequest["kind"];

/** Thousands separators, as the documents print them. */
function n(value: number | null): string {
  return value === null ? "-" : value.toLocaleString("ko-KR");
}

function won(value: number | null): string {
  return value === null ? "-" : `${n(value)}원`;
}

function Table(props: { id?: string; head: string[]; rows: (string | number)[][]; t: Translate }) {
  return (
    <table class="report-table" id={props.id}>
      <thead>
        <tr>{props.head.map((h) => <th key={h}>{h}</th>)}</tr>
      </thead>
      <tbody>
        {props.rows.length === 0 && (
          <tr>
            <td colSpan={props.head.length} class="muted">{props.t("reports.none")}</td>
          </tr>
        )}
        {props.rows.map((r, i) => (
          <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>
        ))}
      </tbody>
    </table>
  );
}

function Cover(props: { header: ReportHeader; t: Translate }) {
  const { header, t } = props;
  return (
    <div class="report-cover">
      <h2 id="report-title">{header.title}</h2>
      <p>
        {header.cluster} · {header.complex} · {header.region}
        {header.manager && ` · ${header.manager}`}
      </p>
      <p class="muted">
        {t("reports.period")}: <span id="report-period">{header.period}</span> · {t("reports.generatedOn")} {header.generated_on}
      </p>
    </div>
  );
}

function ActivityPreview(props: { report: ActivityReport; t: Translate }) {
  const { report: r, t } = props;
  const s = r.summary;
  return (
    <div>
      <Cover header={r.header} t={t} />
      <h3>요약</h3>
      <Table
        id="report-summary"
        t={t}
        head={["항목", "실적"]}
        rows={[
          ["개최 행사 (회의·세미나·워크숍)", `${n(s.events_held)}건`],
          ["행사 참석 연인원", `${n(s.attendances)}명`],
          ["현장방문", `${n(s.plant_visits)}건`],
          ["발굴 애로사항", `${n(s.issues_found)}건`],
          ["해결 애로사항", `${n(s.issues_resolved)}건`],
          ["지원사업 과제", `${n(s.projects)}건`],
          ["신청 정부지원금", won(s.government_won)],
          ["기업 부담금 (현금·현물)", won(s.own_funds_won)],
          ["승인 정부지원금", won(s.approved_government_won)],
          ["성과 공유", `${n(s.results_shared)}건`],
          ["미결 조치사항", `${n(s.open_action_items)}건`],
        ]}
      />
      <h3>1. 행사 개최 현황</h3>
      <Table t={t} head={["구분", "개최 (건)", "참석 (명)"]} rows={r.events_by_kind.map((k) => [k.kind, n(k.events), n(k.attendances)])} />
      <Table
        t={t}
        head={["일자", "구분", "행사명", "장소", "초청", "참석"]}
        rows={r.events.map((e) => [e.date, e.kind, e.title, e.place, n(e.invited), n(e.present)])}
      />
      <h3>2. 참여 현황 (회원 구분별)</h3>
      <Table
        t={t}
        head={["구분", "회원 기관", "인원", "참석 연인원"]}
        rows={r.participation.map((c) => [c.category, n(c.organisations), n(c.people), n(c.attendances)])}
      />
      <h3>3. 현장방문 및 애로사항 발굴</h3>
      <Table t={t} head={["일자", "방문 기업", "내용", "발굴 애로"]} rows={r.visits.map((v) => [v.date, v.company, v.title, n(v.issues_found)])} />
      <Table t={t} head={["분야", "발굴 (건)", "해결 (건)"]} rows={r.issues_by_category.map((c) => [c.category, n(c.found), n(c.resolved)])} />
      <h3>4. 애로사항 해결 실적</h3>
      <Table
        t={t}
        head={["해결일", "애로사항", "분야", "기업", "해결 방법"]}
        rows={r.resolved_issues.map((i) => [i.resolved_on, i.title, i.category, i.companies, i.how])}
      />
      <h3>5. 지원사업 추진 현황</h3>
      <Table
        t={t}
        head={["단계", "과제", "신청 정부지원금", "기업 부담금", "승인 정부지원금"]}
        rows={r.projects_by_stage.map((m) => [m.name, n(m.projects), won(m.government_won), won(m.own_funds_won), won(m.approved_government_won)])}
      />
      <Table
        t={t}
        head={["지원유형", "과제", "신청 정부지원금", "기업 부담금", "승인 정부지원금"]}
        rows={r.projects_by_support.map((m) => [m.name, n(m.projects), won(m.government_won), won(m.own_funds_won), won(m.approved_government_won)])}
      />
      <Table
        t={t}
        head={["과제", "지원유형", "단계", "신청 정부지원금", "승인 정부지원금", "유형 한도", "점검"]}
        rows={r.projects.map((p) => [p.title, p.support_type, p.stage, won(p.government_won), won(p.approved_government_won), won(p.cap_won), p.check])}
      />
      <h3>6. 연도별 성과</h3>
      <Table
        t={t}
        head={["연도", "매출", "수출", "고용 (명)", "특허 (건)", "사업화 (건)"]}
        rows={r.outcomes.map((o) => [String(o.year), won(o.sales_won), won(o.exports_won), n(o.jobs), n(o.patents), n(o.commercialised)])}
      />
      <h3>7. 성과 공유 실적</h3>
      <Table t={t} head={["공유일", "과제", "공유 기업"]} rows={r.shares.map((x) => [x.date, x.project, x.member])} />
      <h3>8. 미결 조치사항</h3>
      <Table t={t} head={["기한", "조치사항", "담당", "관련 행사"]} rows={r.open_actions.map((a) => [a.due_on || "-", a.title, a.owner, a.event])} />
    </div>
  );
}

function MinutesPreview(props: { doc: MinutesDocument; t: Translate }) {
  const { doc: d, t } = props;
  return (
    <div>
      <Cover header={d.header} t={t} />
      <p>
        <strong>{d.title}</strong> · {d.kind} · {d.when} · {d.place}
      </p>
      <h3>안건</h3>
      <pre class="written">{d.agenda || "(기록 없음)"}</pre>
      <h3>참석자 서명부</h3>
      <Table t={t} head={["번호", "성명 (기관)", "소속", "참석", "서명"]} rows={d.attendees.map((a, i) => [String(i + 1), a.name, a.affiliation, a.attendance, ""])} />
      <h3>회의 내용</h3>
      <pre class="written">{d.minutes || "(기록 없음)"}</pre>
      <h3>결정 사항</h3>
      <pre class="written">{d.decisions || "(기록 없음)"}</pre>
      <h3>조치사항</h3>
      <Table t={t} head={["조치사항", "담당", "기한", "상태"]} rows={d.action_items.map((a) => [a.title, a.owner, a.due_on || "-", a.status])} />
    </div>
  );
}

function ProjectPreview(props: { report: ProjectReport; t: Translate }) {
  const { report: p, t } = props;
  return (
    <div>
      <Cover header={p.header} t={t} />
      <Table
        t={t}
        head={["항목", "내용"]}
        rows={[
          ["과제명", p.title],
          ["구분", p.scope],
          ["지원유형", p.support_type],
          ["현재 단계", p.stage],
          ["주관 기업", p.lead || "-"],
          ["신청 정부지원금", won(p.government_won)],
          ["승인 정부지원금", won(p.approved_government_won)],
          ["점검", p.check],
        ]}
      />
      <h3>참여 기관·전문가</h3>
      <Table t={t} head={["이름", "역할", "소속"]} rows={p.parties.map((x) => [x.name, x.role, x.affiliation])} />
      <h3>연계 애로사항</h3>
      <Table t={t} head={["애로사항", "분야", "상태", "발굴일"]} rows={p.issues.map((i) => [i.title, i.category, i.status, i.found_on])} />
      <h3>단계 이력</h3>
      <Table t={t} head={["일자", "이전 단계", "다음 단계", "사유"]} rows={p.stages.map((s) => [s.date, s.from, s.to, s.reason])} />
      <h3>연도별 성과</h3>
      <Table
        t={t}
        head={["연도", "매출", "수출", "고용 (명)", "특허 (건)", "사업화 (건)"]}
        rows={p.outcomes.map((o) => [String(o.year), won(o.sales_won), won(o.exports_won), n(o.jobs), n(o.patents), n(o.commercialised)])}
      />
    </div>
  );
}

export function ReportsScreen(props: { ctx: Ctx; request?: ReportRequest }) {
  const { ctx } = props;
  const { t } = ctx;
  const today = todaySeoul();
  const initial = props.request;
  const [kind, setKind] = useState<Kind>(initial?.kind ?? "activity");
  const quarter = periodOf("this_quarter", today);
  const [from, setFrom] = useState(initial?.kind === "activity" ? initial.from : quarter.from);
  const [to, setTo] = useState(initial?.kind === "activity" ? initial.to : quarter.to);
  const [eventId, setEventId] = useState(initial?.kind === "minutes" ? initial.event_id : "");
  const [projectId, setProjectId] = useState(initial?.kind === "project" ? initial.project_id : "");
  const [events, setEvents] = useState<Event[]>([]);
  const [projects, setProjects] = useState<Project[]>([]);
  const [preview, setPreview] = useState<ReportPreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The lists are read when their report is picked, so they show what is there now.
  useEffect(() => {
    if (kind === "minutes") {
      // Meetings of the last year and the coming two months, newest first.
      api.eventsBetween(`${addMonths(today, -12)}T00:00:00+09:00`, `${addMonths(today, 2)}T00:00:00+09:00`).then(
        (list) => setEvents([...list].reverse()),
        (e) => setError(toApiError(e)),
      );
    } else if (kind === "project") {
      api.listProjects().then(setProjects, (e) => setError(toApiError(e)));
    }
  }, [kind]);

  const request = (): ReportRequest | null => {
    if (kind === "activity") return { kind, from, to };
    if (kind === "minutes") return eventId ? { kind, event_id: eventId } : null;
    return projectId ? { kind, project_id: projectId } : null;
  };

  async function run(action: "preview" | ReportFormat) {
    const asked = request();
    setError(null);
    setNotice(null);
    if (!asked) {
      setError({ code: "validation", message: t(kind === "minutes" ? "reports.pickEvent" : "reports.pickProject"), fields: [] });
      return;
    }
    setBusy(true);
    try {
      if (action === "preview") {
        setPreview(await api.reportPreview(asked));
      } else {
        const file = await api.saveReport(asked, action);
        setNotice(t("reports.saved", { path: file.path }));
      }
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (field: string) => error?.fields.find((f) => f.field === field)?.message;

  return (
    <section class="card reports">
      <h1>{t("reports.title")}</h1>
      <div class="form-row">
        <label>
          {t("reports.kind")}
          <select id="report-kind" value={kind} onChange={(e) => { setKind((e.currentTarget as HTMLSelectElement).value as Kind); setPreview(null); }}>
            <option value="activity">{t("reports.kind.activity")}</option>
            <option value="minutes">{t("reports.kind.minutes")}</option>
            <option value="project">{t("reports.kind.project")}</option>
          </select>
        </label>
      </div>
      {kind === "activity" && (
        <div class="form-row">
          <label>
            {t("reports.preset")}
            <select
              id="report-preset"
              value=""
              onChange={(e) => {
                const preset = (e.currentTarget as HTMLSelectElement).value as PeriodPreset;
                if (!preset) return;
                const p = periodOf(preset, today);
                setFrom(p.from);
                setTo(p.to);
              }}
            >
              <option value="">{t("reports.preset.pick")}</option>
              {PERIOD_PRESETS.map((p) => (
                <option key={p} value={p}>{t(`reports.preset.${p}`)}</option>
              ))}
            </select>
          </label>
          <label>
            {t("reports.from")}
            <input id="report-from" type="date" value={from} onInput={(e) => setFrom((e.currentTarget as HTMLInputElement).value)} />
            {fieldError("from") && <span class="field-error">{fieldError("from")}</span>}
          </label>
          <label>
            {t("reports.to")}
            <input id="report-to" type="date" value={to} onInput={(e) => setTo((e.currentTarget as HTMLInputElement).value)} />
            {fieldError("to") && <span class="field-error">{fieldError("to")}</span>}
          </label>
        </div>
      )}
      {kind === "minutes" && (
        <label>
          {t("reports.event")}
          <select id="report-event" value={eventId} onChange={(e) => setEventId((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t("reports.pickEvent")}</option>
            {events.map((e) => (
              <option key={e.id} value={e.id}>{`${e.starts_at.slice(0, 10)} ${e.title}`}</option>
            ))}
          </select>
        </label>
      )}
      {kind === "project" && (
        <label>
          {t("reports.project")}
          <select id="report-project" value={projectId} onChange={(e) => setProjectId((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t("reports.pickProject")}</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>{p.title}</option>
            ))}
          </select>
        </label>
      )}
      <div class="actions">
        <button id="report-preview" disabled={busy} onClick={() => void run("preview")}>{t("reports.preview")}</button>
        <button id="report-save-pdf" class="primary" disabled={busy} onClick={() => void run("pdf")}>{t("reports.savePdf")}</button>
        {kind === "activity" && (
          <button id="report-save-xlsx" disabled={busy} onClick={() => void run("xlsx")}>{t("reports.saveXlsx")}</button>
        )}
      </div>
      {error && <div class="banner error" role="alert" id="report-error">{error.message}</div>}
      {notice && <div class="banner" role="status" id="report-notice">{notice}</div>}
      {preview && (
        <div class="report-preview" id="report-preview-body">
          {preview.kind === "activity" && <ActivityPreview report={preview.report} t={t} />}
          {preview.kind === "minutes" && <MinutesPreview doc={preview.report} t={t} />}
          {preview.kind === "project" && <ProjectPreview report={preview.report} t={t} />}
        </div>
      )}
    </section>
  );
}
