// Import: a member or people list from Excel or CSV. Pick (or drop) a file, check what
// each column was recognised as, read the preview, confirm; then undo if it was wrong.
import { useState } from "preact/hooks";
import { api, readFile, toApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { ImportChoices } from "../bindings/ImportChoices";
import type { ImportDone } from "../bindings/ImportDone";
import type { ImportField } from "../bindings/ImportField";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ListKind } from "../bindings/ListKind";
import type { RowPreview } from "../bindings/RowPreview";
import type { UploadedFile } from "../bindings/UploadedFile";
import { MEMBER_IMPORT_FIELDS, PERSON_IMPORT_FIELDS } from "../bindings/Codes";
import type { Ctx } from "../context";
import { FilePicker } from "../components/form";
import { key } from "../labels";
import type { MemberKind } from "../bindings/MemberKind";
import type { PersonRole } from "../bindings/PersonRole";
import type { MessageKey } from "../i18n";
import { forgetImport, rememberImport } from "../last-import";

const ACCEPT = ".xlsx,.xls,.ods,.csv,.txt";

export function fieldKey(field: ImportField): MessageKey {
  return `import.field.${field}` as MessageKey;
}

/** The rows the preview lists under one heading. */
function group(preview: ImportPreview, test: (r: RowPreview) => boolean): RowPreview[] {
  return preview.rows.filter(test);
}

export function ImportScreen(props: { ctx: Ctx }) {
  const { ctx } = props;
  const { t, language } = ctx;
  const [kind, setKind] = useState<ListKind>("members");
  const [file, setFile] = useState<UploadedFile | null>(null);
  const [choices, setChoices] = useState<ImportChoices>({ sheet: null, mapping: null, keep_both_rows: [], header_row: null });
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<ImportDone | null>(null);
  const [notice, setNotice] = useState("");

  async function refresh(nextKind: ListKind, nextFile: UploadedFile, nextChoices: ImportChoices) {
    setBusy(true);
    setError(null);
    try {
      setPreview(await api.importPreview(nextKind, nextFile, nextChoices));
    } catch (e) {
      setPreview(null);
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  async function pick(files: File[]) {
    if (files.length === 0) return;
    const uploaded = await readFile(files[0]);
    const fresh: ImportChoices = { sheet: null, mapping: null, keep_both_rows: [], header_row: null };
    setFile(uploaded);
    setChoices(fresh);
    setDone(null);
    setNotice("");
    await refresh(kind, uploaded, fresh);
  }

  function change(next: ImportChoices) {
    setChoices(next);
    if (file) void refresh(kind, file, next);
  }

  function changeKind(next: ListKind) {
    setKind(next);
    const fresh: ImportChoices = { sheet: null, mapping: null, keep_both_rows: [], header_row: null };
    setChoices(fresh);
    if (file) void refresh(next, file, fresh);
  }

  async function confirm() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.importList(kind, file, choices);
      setDone(result);
      rememberImport(file.file_name, result);
      setPreview(null);
      setNotice(t("import.done", { new: result.counts.new, updated: result.counts.updated }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  async function undo() {
    if (!done?.action_id) return;
    setBusy(true);
    try {
      const undone = await api.undoImport(done.action_id);
      setNotice(t("import.undone", { members: undone.deleted_members, people: undone.deleted_people, restored: undone.restored }));
      forgetImport();
      setDone(null);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  const fields = kind === "members" ? MEMBER_IMPORT_FIELDS : PERSON_IMPORT_FIELDS;
  const message = (p: { message_ko: string; message_en: string }) => (language === "en" ? p.message_en : p.message_ko);
  const writes = preview && !preview.needs_name ? preview.counts.new + preview.counts.updated : 0;

  return (
    <div class="screen import">
      <h2>{t("import.title")}</h2>
      <p class="muted">{t("import.intro")}</p>
      <div class="toolbar">
        <div role="radiogroup" aria-label={t("import.kind")}>
          {(["members", "people"] as const).map((k) => (
            <label key={k} class="radio">
              <input type="radio" name="import-kind" id={`import-kind-${k}`} checked={kind === k} onChange={() => changeKind(k)} />
              {t(k === "members" ? "import.kind.members" : "import.kind.people")}
            </label>
          ))}
        </div>
        <FilePicker
          id="import-file"
          label={t("import.pick")}
          chosen={file ? file.file_name : t("import.noFile")}
          accept={ACCEPT}
          onFiles={(files) => void pick(files)}
        />
      </div>
      <div
        class="drop-zone"
        id="import-drop"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          void pick(Array.from(e.dataTransfer?.files ?? []));
        }}
      >
        {t("import.drop")}
      </div>
      {busy && <p class="muted">{t("import.reading")}</p>}
      {error && (
        <div class="banner error" id="import-error" role="alert">
          {error.message}
        </div>
      )}
      {notice && (
        <div class="banner" id="import-notice" role="status">
          {notice}{" "}
          {done?.action_id && (
            <button id="import-undo" onClick={() => void undo()} disabled={busy}>
              {t("import.undo")}
            </button>
          )}{" "}
          <button onClick={() => ctx.go({ screen: "directory" })}>{t("import.toDirectory")}</button>
        </div>
      )}
      {preview && file && (
        <>
          <section class="card">
            <h3>{t("import.preview")}</h3>
            {preview.needs_name && (
              <p class="banner error" id="import-needs-name" role="alert">
                {t(kind === "members" ? "import.needsName.members" : "import.needsName.people")}
              </p>
            )}
            <ul class="import-counts" id="import-counts">
              {(["new", "updated", "unchanged", "flagged", "refused", "duplicates", "superseded"] as const).map((k) => (
                <li key={k} data-count={k}>
                  {t(`import.count.${k}` as MessageKey)} <strong>{preview.counts[k]}</strong>
                </li>
              ))}
            </ul>
            <div class="actions">
              <button class="primary" id="import-confirm" disabled={busy || writes === 0} onClick={() => void confirm()}>
                {writes === 0 ? t("import.nothing") : t("import.confirm", { count: writes })}
              </button>
            </div>
            <RowList
              t={t}
              id="import-updated"
              title={t("import.list.updated")}
              rows={group(preview, (r) => r.action === "update")}
              render={(r) => <Changes t={t} row={r} />}
            />
            <RowList
              t={t}
              id="import-duplicates"
              title={t("import.list.duplicates")}
              rows={group(preview, (r) => r.action === "merge" || r.action === "keep_both")}
              render={(r) => (
                <label class="duplicate-choice">
                  <input
                    type="checkbox"
                    class="keep-both"
                    data-row={r.row}
                    checked={r.action === "keep_both"}
                    onChange={(e) => {
                      const on = (e.currentTarget as HTMLInputElement).checked;
                      const rows = choices.keep_both_rows.filter((n) => n !== r.row);
                      change({ ...choices, keep_both_rows: on ? [...rows, r.row] : rows });
                    }}
                  />{" "}
                  {t("import.keepBoth", { existing: r.existing_name ?? "" })}
                  {r.action === "merge" && <Changes t={t} row={r} />}
                  {r.action === "merge" && r.differing.length > 0 && (
                    <>
                      <span class="muted">{t("import.differing")}</span>
                      <ul class="diff">
                        {r.differing.map((c, i) => (
                          <li key={i}>
                            {t(fieldKey(c.field))}: {shown(t, c.field, c.before)} ≠ {shown(t, c.field, c.after)}
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </label>
              )}
            />
            <RowList
              t={t}
              id="import-refused"
              title={t("import.list.refused")}
              rows={group(preview, (r) => r.action === "refused")}
              render={(r) => <ProblemList problems={r.problems.map(message)} />}
            />
            <RowList
              t={t}
              id="import-flagged"
              title={t("import.list.flagged")}
              rows={group(preview, (r) => r.action !== "refused" && r.problems.length > 0)}
              render={(r) => <ProblemList problems={r.problems.map(message)} />}
            />
            <RowList
              t={t}
              id="import-superseded"
              title={t("import.list.superseded")}
              rows={group(preview, (r) => r.action === "superseded")}
              render={(r) => <span class="muted">{t("import.supersededBy", { row: r.superseded_by ?? 0 })}</span>}
            />
            <RowList
              t={t}
              id="import-new"
              title={t("import.list.new")}
              rows={group(preview, (r) => r.action === "new" || r.action === "keep_both")}
              render={() => null}
              closed
            />
          </section>
          <section class="card">
            <p class="muted" id="import-source">
              {t("import.source", {
                format: preview.format.toUpperCase(),
                header: preview.header_row,
              })}
              {preview.text && ` · ${t("import.encoding", { encoding: preview.text.encoding, separator: preview.text.separator })}`}
            </p>
            <label>
              {t("import.headerRow")}{" "}
              <input
                id="import-header-row"
                type="number"
                min={1}
                value={preview.header_row}
                onChange={(e) => {
                  const row = Number((e.currentTarget as HTMLInputElement).value);
                  if (row > 0) change({ ...choices, header_row: row, mapping: null });
                }}
              />
            </label>{" "}
            {preview.sheets.length > 1 && (
              <label>
                {t("import.sheet")}{" "}
                <select id="import-sheet" value={preview.sheet} onChange={(e) => change({ ...choices, sheet: (e.currentTarget as HTMLSelectElement).value, mapping: null, header_row: null })}>
                  {preview.sheets.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <h3>{t("import.mapping")}</h3>
            {preview.header_guessed && <p class="banner" id="import-header-guessed">{t("import.headerGuessed")}</p>}
            {preview.revenue_unit_won !== null && (
              <p class="muted" id="import-unit">{t("import.unit", { unit: unitName(t, preview.revenue_unit_won) })}</p>
            )}
            {preview.mapping_remembered && <p class="muted" id="import-remembered">{t("import.remembered")}</p>}
            <table class="mapping" id="import-mapping">
              <thead>
                <tr>
                  <th>{t("import.column")}</th>
                  <th>{t("import.sample")}</th>
                  <th>{t("import.field")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.columns.map((c, i) => (
                  <tr key={i}>
                    <td>{c.header || "—"}</td>
                    <td class="muted ellipsis">{c.sample}</td>
                    <td>
                      <select
                        id={`import-map-${i}`}
                        aria-label={`${c.header} → ${t("import.field")}`}
                        value={c.field ?? ""}
                        onChange={(e) => {
                          const mapping = preview.columns.map((col) => col.field);
                          const value = (e.currentTarget as HTMLSelectElement).value;
                          mapping[i] = value ? (value as ImportField) : null;
                          change({ ...choices, mapping });
                        }}
                      >
                        <option value="">{t("import.skip")}</option>
                        {fields.map((f) => (
                          <option key={f} value={f}>
                            {t(fieldKey(f))}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}

/** A money unit as its Korean name (원, 천원, 백만원…). */
function unitName(t: Ctx["t"], won: number): string {
  const names: Record<number, string> = { 1: "원", 1000: "천원", 10000: "만원", 1000000: "백만원", 10000000: "천만원", 100000000: "억원" };
  return names[won] ?? `${won.toLocaleString("ko-KR")}${t("import.won")}`;
}

/** A changed value as the manager reads it: kinds and roles by name, won with separators. */
function shown(t: Ctx["t"], field: ImportField, value: string): string {
  if (!value) return "—";
  if (field === "kind") return t(key.memberKind(value as MemberKind));
  if (field === "role") return t(key.personRole(value as PersonRole));
  if (field === "revenue" || field === "employees") return Number(value).toLocaleString("ko-KR");
  return value;
}

function Changes(props: { t: Ctx["t"]; row: RowPreview }) {
  const { t } = props;
  return (
    <ul class="diff">
      {props.row.changes.map((c, i) => (
        <li key={i}>
          {t(fieldKey(c.field))}: <del>{shown(t, c.field, c.before)}</del> → <ins>{shown(t, c.field, c.after)}</ins>
        </li>
      ))}
    </ul>
  );
}

function RowList(props: {
  t: Ctx["t"];
  id: string;
  title: string;
  rows: RowPreview[];
  render: (r: RowPreview) => preact.ComponentChild;
  closed?: boolean;
}) {
  if (props.rows.length === 0) return null;
  return (
    <details class="row-list" id={props.id} open={!props.closed && props.rows.length <= 20}>
      <summary>
        {props.title} ({props.rows.length})
      </summary>
      <ul>
        {props.rows.map((r) => (
          <li key={r.row} data-row={r.row}>
            <strong>{props.t("import.row", { row: r.row })}</strong> {r.name || "—"} {props.render(r)}
          </li>
        ))}
      </ul>
    </details>
  );
}

function ProblemList(props: { problems: string[] }) {
  return (
    <ul class="problems">
      {props.problems.map((p, i) => (
        <li key={i}>{p}</li>
      ))}
    </ul>
  );
}
