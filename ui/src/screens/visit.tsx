// Plant visit quick entry: pick the company by typing, note what was seen, add the issues
// found (category, stage, description), attach photos, next steps; saved as one action.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, readFile, toApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { IssueCategory } from "../bindings/IssueCategory";
import type { IssueStage } from "../bindings/IssueStage";
import type { Member } from "../bindings/Member";
import type { VisitIssue } from "../bindings/VisitIssue";
import type { Ctx } from "../context";
import { Field, FilePicker, FormError, endAfterStart, fieldErrors, mergeErrors } from "../components/form";
import { MemberPicker } from "../components/member-picker";
import { seoulDateTime, todaySeoul } from "../dates";
import { issueCategories, issueStages, key } from "../labels";
import { longDate } from "../format";

const blankIssue = (): VisitIssue => ({ title: "", description: "", category: "technology", stage: "technology_development" });

export function VisitScreen(props: { ctx: Ctx }) {
  const { ctx } = props;
  const { t } = ctx;
  const [members, setMembers] = useState<Member[]>([]);
  const [memberId, setMemberId] = useState<string | null>(null);
  const [date, setDate] = useState(todaySeoul());
  const [start, setStart] = useState("10:00");
  const [end, setEnd] = useState("11:00");
  const [notes, setNotes] = useState("");
  const [nextSteps, setNextSteps] = useState("");
  const [issues, setIssues] = useState<VisitIssue[]>([blankIssue()]);
  const [files, setFiles] = useState<File[]>([]);
  const [previews, setPreviews] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const errors = mergeErrors(fieldErrors(error), endAfterStart(start, end, t));

  useEffect(() => {
    api.listMembers().then((m) => setMembers(m.filter((x) => x.kind === "company")), () => setMembers([]));
  }, []);
  useEffect(() => {
    const urls = files.map((f) => (f.type.startsWith("image/") ? URL.createObjectURL(f) : ""));
    setPreviews(urls);
    return () => urls.forEach((u) => u && URL.revokeObjectURL(u));
  }, [files]);

  const setIssue = (i: number, patch: Partial<VisitIssue>) => setIssues(issues.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  async function save(ev: globalThis.Event) {
    ev.preventDefault();
    setSaving(true);
    try {
      const uploads = await Promise.all(files.map(readFile));
      const result = await api.recordVisit(
        { member_id: memberId ?? "", starts_at: seoulDateTime(date, start), ends_at: seoulDateTime(date, end), notes, next_steps: nextSteps,
          issues: issues.filter((i) => i.title.trim() || i.description.trim()) },
        uploads,
      );
      setError(null);
      const notice = t("visit.saved", { issues: result.issue_ids.length, files: result.attachment_ids.length });
      setSaved(notice);
      ctx.go({ screen: "event", id: result.event_id, notice });
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="screen visit form" onSubmit={save}>
      <h1>{t("visit.title")}</h1>
      <FormError error={error} t={t} />
      {saved && <div class="banner ok">{saved}</div>}
      <div class="form-grid">
        <Field label={t("visit.company")} name="member_id" errors={errors}>
          <MemberPicker id="visit-company" label={t("visit.company")} members={members} value={memberId} onChange={setMemberId} />
        </Field>
        <Field label={t("common.date")} name="starts_at" errors={errors} hint={date ? longDate(date, ctx.language) : undefined}>
          <input type="date" value={date} onInput={(e) => setDate((e.currentTarget as HTMLInputElement).value)} />
        </Field>
        <Field label={t("event.starts")} name="starts_time" errors={errors}>
          <input type="time" value={start} onInput={(e) => setStart((e.currentTarget as HTMLInputElement).value)} />
        </Field>
        <Field label={t("event.ends")} name="ends_at" errors={errors}>
          <input type="time" value={end} onInput={(e) => setEnd((e.currentTarget as HTMLInputElement).value)} />
        </Field>
      </div>
      <Field label={t("visit.notes")} name="notes" errors={errors}>
        <textarea id="visit-notes" rows={3} value={notes} onInput={(e) => setNotes((e.currentTarget as HTMLTextAreaElement).value)} />
      </Field>
      <h2>{t("visit.issues")}</h2>
      {issues.map((issue, i) => (
        <fieldset class="issue-entry" key={i} data-issue={i}>
          <legend>#{i + 1}</legend>
          <div class="form-grid">
            <Field label={t("issue.title")} name={`issues.${i}.title`} errors={errors} wide>
              <input class="issue-title" value={issue.title} onInput={(e) => setIssue(i, { title: (e.currentTarget as HTMLInputElement).value })} />
            </Field>
            <Field label={t("issue.category")} name={`issues.${i}.category`} errors={errors}>
              <select class="issue-category" value={issue.category ?? ""} onChange={(e) => setIssue(i, { category: (e.currentTarget as HTMLSelectElement).value as IssueCategory })}>
                {issueCategories.map((c) => <option key={c} value={c}>{t(key.issueCategory(c))}</option>)}
              </select>
            </Field>
            <Field label={t("issue.stage")} name={`issues.${i}.stage`} errors={errors}>
              <select class="issue-stage" value={issue.stage ?? ""} onChange={(e) => setIssue(i, { stage: (e.currentTarget as HTMLSelectElement).value as IssueStage })}>
                {issueStages.map((s) => <option key={s} value={s}>{t(key.issueStage(s))}</option>)}
              </select>
            </Field>
          </div>
          <Field label={t("issue.description")} name={`issues.${i}.description`} errors={errors}>
            <textarea class="issue-description" rows={2} value={issue.description} onInput={(e) => setIssue(i, { description: (e.currentTarget as HTMLTextAreaElement).value })} />
          </Field>
          {issues.length > 1 && (
            <button type="button" onClick={() => setIssues(issues.filter((_, j) => j !== i))}>{t("visit.removeIssue")}</button>
          )}
        </fieldset>
      ))}
      <button type="button" id="add-issue" onClick={() => setIssues([...issues, blankIssue()])}>+ {t("visit.addIssue")}</button>
      <h2>{t("visit.files")}</h2>
      <FilePicker
        id="visit-files"
        inputRef={fileInput}
        label={t("form.chooseFiles")}
        chosen={files.length === 0 ? t("form.noFiles") : t("form.filesChosen", { count: files.length })}
        multiple
        accept="image/*,.pdf,.hwp,.hwpx,.xlsx,.docx"
        onFiles={(picked) => setFiles([...files, ...picked])}
      />
      <div class="thumbs" id="visit-thumbs">
        {files.map((f, i) => (
          <figure class="thumb" key={`${f.name}-${i}`}>
            {previews[i] ? <img src={previews[i]} alt={f.name} /> : <div class="file-icon">{f.name.split(".").pop()}</div>}
            <figcaption>{f.name}</figcaption>
            {errors[`attachments.${i}.file`] && <span class="field-error">{errors[`attachments.${i}.file`]}</span>}
          </figure>
        ))}
      </div>
      <Field label={t("visit.nextSteps")} name="next_steps" errors={errors}>
        <textarea id="visit-next" rows={2} value={nextSteps} onInput={(e) => setNextSteps((e.currentTarget as HTMLTextAreaElement).value)} />
      </Field>
      <div class="actions">
        <button type="submit" class="primary" id="save-visit" disabled={saving}>{saving ? t("common.saving") : t("visit.save")}</button>
      </div>
    </form>
  );
}
