// Schedule: month, week and list views of all events; new events; .ics export of a period.
import { useEffect, useState } from "preact/hooks";
import { api, toApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { Event } from "../bindings/Event";
import type { Ctx } from "../context";
import { addDays, addMonths, dayStart, firstOfMonth, mondayOf, splitSeoul, todaySeoul } from "../dates";
import { clockTime, longDate, monthTitle, weekdayHeaders } from "../format";
import { key } from "../labels";
import { EventForm } from "./event-form";

type View = "month" | "week" | "list";

function range(view: View, anchor: string): [string, string] {
  if (view === "week") {
    const monday = mondayOf(anchor);
    return [monday, addDays(monday, 7)];
  }
  if (view === "month") {
    const first = firstOfMonth(anchor);
    const start = mondayOf(first);
    return [start, addDays(start, 42)];
  }
  return [anchor, addDays(anchor, 90)];
}

export function ScheduleScreen(props: { ctx: Ctx }) {
  const { ctx } = props;
  const { t } = ctx;
  const [view, setView] = useState<View>("month");
  const [anchor, setAnchor] = useState(todaySeoul());
  const [events, setEvents] = useState<Event[]>([]);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [from, to] = range(view, anchor);

  const load = () => api.eventsBetween(dayStart(from), dayStart(to)).then(setEvents, (e) => setError(toApiError(e)));
  useEffect(() => {
    void load();
  }, [view, anchor]);

  const step = (n: number) =>
    setAnchor(view === "month" ? addMonths(anchor, n) : addDays(anchor, n * (view === "week" ? 7 : 30)));

  async function exportRange() {
    try {
      const file = await api.exportRangeIcs(dayStart(from), dayStart(to));
      setNotice(t("schedule.exported", { path: file.path }));
    } catch (e) {
      setError(toApiError(e));
    }
  }

  const byDay = new Map<string, Event[]>();
  for (const e of events) {
    const day = splitSeoul(e.starts_at).date;
    byDay.set(day, [...(byDay.get(day) ?? []), e]);
  }
  const chip = (e: Event) => (
    <button key={e.id} class={`chip event-${e.status}`} onClick={() => ctx.go({ screen: "event", id: e.id })} title={e.title}>
      {clockTime(e.starts_at)} {e.title}
    </button>
  );
  const days = (count: number) => Array.from({ length: count }, (_, i) => addDays(from, i));

  return (
    <div class="screen schedule">
      <div class="toolbar">
        <div role="tablist">
          {(["month", "week", "list"] as View[]).map((v) => (
            <button role="tab" key={v} id={`schedule-tab-${v}`} aria-selected={view === v} onClick={() => setView(v)}>
              {t(`schedule.${v}` as "schedule.month")}
            </button>
          ))}
        </div>
        <button onClick={() => step(-1)}>{t("schedule.prev")}</button>
        <button onClick={() => setAnchor(todaySeoul())}>{t("schedule.today")}</button>
        <button onClick={() => step(1)}>{t("schedule.next")}</button>
        <strong class="period" id="schedule-period">
          {view === "month" ? monthTitle(anchor, ctx.language) : `${longDate(from, ctx.language)} – ${longDate(addDays(to, -1), ctx.language)}`}
        </strong>
        <button id="export-range" onClick={() => void exportRange()}>{t("schedule.exportRange")}</button>
        <button id="new-event" class="primary" onClick={() => setCreating(true)}>{t("schedule.newEvent")}</button>
      </div>
      {notice && <div class="banner ok" id="export-notice">{notice}</div>}
      {error && <div class="banner error">{error.message}</div>}
      {creating && (
        <section class="card">
          <EventForm
            ctx={ctx}
            onCancel={() => setCreating(false)}
            onSaved={(detail) => {
              setCreating(false);
              ctx.go({ screen: "event", id: detail.event.id });
            }}
          />
        </section>
      )}
      {view === "month" && (
        <div class="month-grid" role="grid">
          {weekdayHeaders(ctx.language).map((w, i) => (
            <div key={w} class={`weekday-header${i >= 5 ? " weekend" : ""}`} role="columnheader">{w}</div>
          ))}
          {days(42).map((d) => (
            <div key={d} class={`day${d.slice(0, 7) === anchor.slice(0, 7) ? "" : " other-month"}${d === todaySeoul() ? " today" : ""}`} role="gridcell">
              <span class="day-number">{Number(d.slice(8))}</span>
              {(byDay.get(d) ?? []).map(chip)}
            </div>
          ))}
        </div>
      )}
      {view === "week" && (
        <div class="week-grid">
          {days(7).map((d) => (
            <div key={d} class="day">
              <h3>{longDate(d, ctx.language)}</h3>
              {(byDay.get(d) ?? []).map(chip)}
            </div>
          ))}
        </div>
      )}
      {view === "list" && (
        <table class="list">
          <tbody>
            {events.map((e) => (
              <tr key={e.id} class={`event-${e.status}`} data-event-id={e.id}>
                <td>{longDate(e.starts_at, ctx.language)} {clockTime(e.starts_at)}</td>
                <td><span class="tag">{t(key.eventKind(e.kind))}</span></td>
                <td><button class="link" onClick={() => ctx.go({ screen: "event", id: e.id })}>{e.title}</button></td>
                <td>{e.place}</td>
                <td>{t(key.eventStatus(e.status))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
