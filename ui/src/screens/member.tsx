// A member's page: details (editable), people, visits, issues, projects, attachments,
// history, and merging a duplicate record of the same company.
import { useEffect, useState } from "preact/hooks";
import { api, toApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { Member } from "../bindings/Member";
import type { MemberDetail } from "../bindings/MemberDetail";
import type { MemberInput } from "../bindings/MemberInput";
import type { MemberKind } from "../bindings/MemberKind";
import type { Ctx } from "../context";
import { Field, FormError, fieldErrors, splitList } from "../components/form";
import { History } from "../components/history";
import { Attachments } from "../components/attachments";
import { EventLine } from "./home";
import { MemberPicker } from "../components/member-picker";
import { key, memberKinds } from "../labels";
import { wonText } from "../format";

export function emptyMember(): MemberInput {
  return {
    kind: "company", name: "", registration_number: "", ceo_name: "", address: "", industry: "", employees: null,
    revenue_won: null, firm_size: null, products: [], technologies: [], joined_on: "", phone: "", email: "", notes: "",
  };
}

export function toInput(m: Member): MemberInput {
  return { ...m, kind: m.kind, joined_on: m.joined_on ?? "" };
}

function numberOrNull(text: string): number | null {
  const digits = text.replace(/[,\s원]/g, "");
  return digits === "" ? null : Number(digits);
}

export function MemberForm(props: {
  ctx: Ctx;
  initial: MemberInput;
  onCancel: () => void;
  onSave: (input: MemberInput) => Promise<Member>;
  onSaved: (member: Member) => void;
}) {
  const { t } = props.ctx;
  const [input, setInput] = useState<MemberInput>(props.initial);
  const [products, setProducts] = useState(props.initial.products.join(", "));
  const [technologies, setTechnologies] = useState(props.initial.technologies.join(", "));
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const errors = fieldErrors(error);
  const set = (patch: Partial<MemberInput>) => setInput({ ...input, ...patch });
  const text = (name: keyof MemberInput, label: string) => (
    <Field label={label} name={name} errors={errors}>
      <input
        name={name}
        value={String(input[name] ?? "")}
        onInput={(e) => set({ [name]: (e.currentTarget as HTMLInputElement).value } as Partial<MemberInput>)}
      />
    </Field>
  );
  async function save(e: Event) {
    e.preventDefault();
    setSaving(true);
    try {
      const saved = await props.onSave({ ...input, products: splitList(products), technologies: splitList(technologies) });
      setError(null);
      props.onSaved(saved);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setSaving(false);
    }
  }
  return (
    <form class="form member-form" onSubmit={save}>
      <FormError error={error} t={t} />
      <div class="form-grid">
        <Field label={t("member.kind")} name="kind" errors={errors}>
          <select name="kind" value={input.kind ?? ""} onChange={(e) => set({ kind: ((e.currentTarget as HTMLSelectElement).value || null) as MemberKind | null })}>
            {memberKinds.map((k) => <option key={k} value={k}>{t(key.memberKind(k))}</option>)}
          </select>
        </Field>
        {text("name", t("member.name"))}
        {text("registration_number", t("member.registration"))}
        {text("ceo_name", t("member.ceo"))}
        {text("address", t("member.address"))}
        {text("industry", t("member.industry"))}
        <Field label={t("member.employees")} name="employees" errors={errors}>
          <input name="employees" inputMode="numeric" value={input.employees ?? ""} onInput={(e) => set({ employees: numberOrNull((e.currentTarget as HTMLInputElement).value) })} />
        </Field>
        <Field label={t("member.revenue")} name="revenue_won" errors={errors} hint={input.revenue_won ? wonText(input.revenue_won) : undefined}>
          <input name="revenue_won" inputMode="numeric" value={input.revenue_won ?? ""} onInput={(e) => set({ revenue_won: numberOrNull((e.currentTarget as HTMLInputElement).value) })} />
        </Field>
        <Field label={t("member.products")} name="products" errors={errors} hint={t("form.commaHint")}>
          <input name="products" value={products} onInput={(e) => setProducts((e.currentTarget as HTMLInputElement).value)} />
        </Field>
        <Field label={t("member.technologies")} name="technologies" errors={errors} hint={t("form.commaHint")}>
          <input name="technologies" value={technologies} onInput={(e) => setTechnologies((e.currentTarget as HTMLInputElement).value)} />
        </Field>
        <Field label={t("member.joined")} name="joined_on" errors={errors}>
          <input name="joined_on" type="date" value={input.joined_on} onInput={(e) => set({ joined_on: (e.currentTarget as HTMLInputElement).value })} />
        </Field>
        {text("phone", t("member.phone"))}
        {text("email", t("member.email"))}
        {text("notes", t("member.notes"))}
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={saving}>{saving ? t("common.saving") : t("common.save")}</button>
        <button type="button" onClick={props.onCancel}>{t("common.cancel")}</button>
      </div>
    </form>
  );
}

export function MemberScreen(props: { id: string; ctx: Ctx }) {
  const { ctx } = props;
  const { t } = ctx;
  const [detail, setDetail] = useState<MemberDetail | null>(null);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [members, setMembers] = useState<Member[]>([]);
  const [mergeWith, setMergeWith] = useState<string | null>(null);
  const load = () => api.memberDetail(props.id).then(setDetail, (e) => setError(toApiError(e)));
  useEffect(() => {
    void load();
    api.listMembers().then(setMembers, () => setMembers([]));
  }, [props.id]);
  if (error) return <div class="banner error">{error.message}</div>;
  if (!detail) return <p>{t("app.loading")}</p>;
  const m = detail.member;
  async function merge(duplicate: Member) {
    if (!window.confirm(t("member.mergeConfirm", { other: duplicate.name, keep: m.name }))) return;
    try {
      await api.mergeMembers(m.id, duplicate.id);
      setNotice(t("member.merged"));
      await load();
    } catch (e) {
      setError(toApiError(e));
    }
  }
  return (
    <div class="screen member-page">
      <button class="link" onClick={() => ctx.go({ screen: "directory" })}>← {t("common.back")}</button>
      <section class="card">
        <h1 id="member-name">{m.name}</h1>
        <p class="muted">
          {t(key.memberKind(m.kind))} · {m.registration_number} · {m.industry}
        </p>
        {notice && <div class="banner ok">{notice}</div>}
        {editing ? (
          <MemberForm
            ctx={ctx}
            initial={toInput(m)}
            onCancel={() => setEditing(false)}
            onSave={(input) => api.updateMember(m.id, input)}
            onSaved={() => {
              setEditing(false);
              void load();
            }}
          />
        ) : (
          <>
            <dl class="facts">
              <dt>{t("member.ceo")}</dt><dd>{m.ceo_name || "—"}</dd>
              <dt>{t("member.address")}</dt><dd>{m.address || "—"}</dd>
              <dt>{t("member.employees")}</dt><dd>{m.employees ?? "—"}</dd>
              <dt>{t("member.revenue")}</dt><dd>{m.revenue_won !== null ? wonText(m.revenue_won) : "—"}</dd>
              <dt>{t("member.products")}</dt><dd>{m.products.join(", ") || "—"}</dd>
              <dt>{t("member.technologies")}</dt><dd>{m.technologies.join(", ") || "—"}</dd>
            </dl>
            <button onClick={() => setEditing(true)}>{t("common.edit")}</button>
          </>
        )}
      </section>
      <section class="card">
        <h2>{t("member.mergeOther")}</h2>
        <div class="inline-form">
          <MemberPicker label={t("member.mergeOther")} members={members.filter((x) => x.id !== m.id)} value={mergeWith} onChange={setMergeWith} />
          <button
            disabled={!mergeWith}
            onClick={() => {
              const other = members.find((x) => x.id === mergeWith);
              if (other) void merge(other);
            }}
          >
            {t("member.merge")}
          </button>
        </div>
      </section>
      {detail.likely_duplicates.length > 0 && (
        <section class="card warn">
          <h2>{t("member.duplicates")}</h2>
          {detail.likely_duplicates.map((d) => (
            <div class="row" key={d.id}>
              <strong>{d.name}</strong> <span class="muted">{d.registration_number}</span>
              <button onClick={() => void merge(d)}>{t("member.merge")}</button>
            </div>
          ))}
        </section>
      )}
      <div class="grid-2">
        <section class="card">
          <h2>{t("member.people")}</h2>
          <ul class="plain">{detail.people.map((p) => <li key={p.id}>{p.name} <span class="muted">{p.title}</span></li>)}</ul>
          <h2>{t("member.events")}</h2>
          {detail.events.slice(0, 30).map((e) => <EventLine key={e.id} event={e} ctx={ctx} />)}
        </section>
        <section class="card">
          <h2>{t("member.issues")}</h2>
          <ul class="plain">
            {detail.issues.map((i) => (
              <li key={i.id}>
                <button class="link" onClick={() => ctx.go({ screen: "issues", focus: i.id })}>{i.title}</button>{" "}
                <span class="tag">{t(key.issueStatus(i.status))}</span>
              </li>
            ))}
          </ul>
          <h2>{t("member.projects")}</h2>
          <ul class="plain">
            {detail.projects.map((p) => (
              <li key={p.id}>
                <button class="link" onClick={() => ctx.go({ screen: "project", id: p.id })}>{p.title}</button>{" "}
                <span class="tag">{t(key.projectStage(p.stage))}</span>
              </li>
            ))}
          </ul>
          <h2>{t("member.attachments")}</h2>
          <Attachments recordTable="member" recordId={m.id} t={t} initial={detail.attachments} />
        </section>
      </div>
      <section class="card">
        <h2>{t("history.title")}</h2>
        <History recordId={m.id} t={t} language={ctx.language} changes={detail.history} />
      </section>
    </div>
  );
}
