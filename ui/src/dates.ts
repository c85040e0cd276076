// Calendar arithmetic in Seoul time on plain `YYYY-MM-DD` strings.

/** Today in Seoul as `YYYY-MM-DD`. */
export function todaySeoul(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week of `date`. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

export function firstOfMonth(date: string): string {
  return `${date.slice(0, 8)}01`;
}

export function addMonths(date: string, months: number): string {
  const d = new Date(`${firstOfMonth(date)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** Start of a Seoul day as RFC 3339. */
export function dayStart(date: string): string {
  return `${date}T00:00:00+09:00`;
}

/** `2026-11-25` + `14:00` → `2026-11-25T14:00:00+09:00`. */
export function seoulDateTime(date: string, time: string): string {
  return `${date}T${time.length === 5 ? `${time}:00` : time}+09:00`;
}

/** The Seoul date and time parts of an RFC 3339 value. */
export function splitSeoul(value: string): { date: string; time: string } {
  const t = Date.parse(value);
  if (Number.isNaN(t)) return { date: "", time: "" };
  const iso = new Date(t + 9 * 3600 * 1000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}
