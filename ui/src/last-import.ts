// The import just confirmed, kept for this session so that "Undo this import" is still
// offered after the manager went to the directory to look at what came in.
import type { ImportDone } from "./bindings/ImportDone";

const KEY = "cluster-desk:last-import";

export type LastImport = { actionId: string; fileName: string; counts: ImportDone["counts"] };

export function rememberImport(fileName: string, done: ImportDone): void {
  if (!done.action_id) return;
  const value: LastImport = { actionId: done.action_id, fileName, counts: done.counts };
  sessionStorage.setItem(KEY, JSON.stringify(value));
}

export function lastImport(): LastImport | null {
  try {
    const text = sessionStorage.getItem(KEY);
    return text ? (JSON.parse(text) as LastImport) : null;
  } catch {
    return null;
  }
}

export function forgetImport(): void {
  sessionStorage.removeItem(KEY);
}
