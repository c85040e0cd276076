// The periods a report is usually asked for, from today's date in Seoul.
import { addDays, addMonths, firstOfMonth } from "./dates";

export type PeriodPreset = "this_month" | "last_month" | "this_quarter" | "last_quarter" | "this_year" | "last_year";

export const PERIOD_PRESETS: PeriodPreset[] = ["this_month", "last_month", "this_quarter", "last_quarter", "this_year", "last_year"];

/** `from` and `to` (both included, `YYYY-MM-DD`) of a preset period containing or before `today`. */
export function periodOf(preset: PeriodPreset, today: string): { from: string; to: string } {
  const month = firstOfMonth(today);
  const year = Number(today.slice(0, 4));
  const quarterStart = `${year}-${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, "0")}-01`;
  const span = (from: string, months: number) => ({ from, to: addDays(addMonths(from, months), -1) });
  switch (preset) {
    case "this_month":
      return span(month, 1);
    case "last_month":
      return span(addMonths(month, -1), 1);
    case "this_quarter":
      return span(quarterStart, 3);
    case "last_quarter":
      return span(addMonths(quarterStart, -3), 3);
    case "this_year":
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    case "last_year":
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  }
}
