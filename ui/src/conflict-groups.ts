// How the conflicts screen arranges what waits: by record, the sets of plain values that
// can be settled at once by the clock, and a long text's two versions side by side.
import type { Conflict } from "./bindings/Conflict";
import { lineAlignment } from "./line-diff";

/** The conflicts of one record, in the order they were listed (newest first). */
export interface ConflictGroup {
  key: string;
  recordId: string;
  label: string;
  conflicts: Conflict[];
}

export function groupConflicts(conflicts: Conflict[]): ConflictGroup[] {
  const groups = new Map<string, ConflictGroup>();
  for (const c of conflicts) {
    const key = `${c.table_name}/${c.record_id}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, recordId: c.record_id, label: c.record_label, conflicts: [] };
      groups.set(key, group);
    }
    group.conflicts.push(c);
  }
  return [...groups.values()];
}

/** Conflicts of one field that the core settles all at once by the clock. */
export interface SettleableSet {
  key: string;
  table: string;
  field: string;
  ids: string[];
}

/** Plain values edited at the same time (attendance marks, phone numbers), two or more of
 *  one field: the ones where taking the newer value of each needs no reading. Long texts
 *  and deletions are left to be compared one by one (the core refuses them too). */
export function settleableSets(conflicts: Conflict[]): SettleableSet[] {
  const sets = new Map<string, SettleableSet>();
  for (const c of conflicts) {
    if (c.text || c.kind !== "concurrent_edit") continue;
    const key = `${c.table_name}.${c.field}`;
    const set = sets.get(key) ?? { key, table: c.table_name, field: c.field, ids: [] };
    set.ids.push(c.id);
    sets.set(key, set);
  }
  return [...sets.values()].filter((s) => s.ids.length >= 2);
}

/** A line of one side; `only` when the other side does not have it. */
export interface SideLine {
  text: string;
  only: boolean;
}

/** One row of the side-by-side view: a line of each version, or a gap on one side. */
export interface SideRow {
  kept: SideLine | null;
  lost: SideLine | null;
}

/** The two versions in rows: shared lines opposite each other, and between them the lines
 *  only one version has, paired up so that a rewritten line faces what replaced it. */
export function sideBySide(kept: string, lost: string): SideRow[] {
  const rows: SideRow[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++) {
      rows.push({
        kept: i < removed.length ? { text: removed[i], only: true } : null,
        lost: i < added.length ? { text: added[i], only: true } : null,
      });
    }
    removed = [];
    added = [];
  };
  for (const line of lineAlignment(kept, lost)) {
    if (line.kind === "removed") removed.push(line.line);
    else if (line.kind === "added") added.push(line.line);
    else {
      flush();
      rows.push({ kept: { text: line.line, only: false }, lost: { text: line.line, only: false } });
    }
  }
  flush();
  return rows;
}
