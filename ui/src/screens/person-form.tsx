// The form to add a person: staff of a member, a professor, researcher or consultant.
import { useState } from "preact/hooks";
import { api, toApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { Member } from "../bindings/Member";
import type { Person } from "../bindings/Person";
import type { PersonInput } from "../bindings/PersonInput";
import type { PersonRole } from "../bindings/PersonRole";
import type { Region } from "../bindings/Region";
import type { Ctx } from "../context";
import { Field, FormError, fieldErrors, splitList } from "../components/form";
import { key, personRoles } from "../labels";

export function PersonForm(props: { ctx: Ctx; members: Member[]; existing?: Person; onCancel: () => void; onSaved: () => void }) {
  const { t } = props.ctx;
  const p0 = props.existing;
  const [input, setInput] = useState<PersonInput>(
    p0
      ? { ...p0 }
      : { role: null, name: "", member_id: null, affiliation: "", title: "", expertise: [], phone: "", email: "", home_region: null, external: false },
  );
  const [expertise, setExpertise] = useState(p0 ? p0.expertise.join(", ") : "");
  const [error, setError] = useState<ApiError | null>(null);
  const errors = fieldErrors(error);
  const set = (patch: Partial<PersonInput>) => setInput({ ...input, ...patch });
  async function save(e: Event) {
    e.preventDefault();
    try {
      const full = { ...input, expertise: splitList(expertise) };
      if (p0) await api.updatePerson(p0.id, full);
      else await api.createPerson(full);
      props.onSaved();
    } catch (err) {
      setError(toApiError(err));
    }
  }
  return (
    <form class="form person-form" onSubmit={save}>
      <FormError error={error} t={t} />
      <div class="form-grid">
        <Field label={t("person.role")} name="role" errors={errors}>
          <select value={input.role ?? ""} onChange={(e) => set({ role: ((e.currentTarget as HTMLSelectElement).value || null) as PersonRole | null })}>
            <option value="">—</option>
            {personRoles.map((r) => <option key={r} value={r}>{t(key.personRole(r))}</option>)}
          </select>
        </Field>
        <Field label={t("person.name")} name="name" errors={errors}>
          <input value={input.name} onInput={(e) => set({ name: (e.currentTarget as HTMLInputElement).value })} />
        </Field>
        <Field label={t("person.affiliation")} name="member_id" errors={errors}>
          <select value={input.member_id ?? ""} onChange={(e) => set({ member_id: (e.currentTarget as HTMLSelectElement).value || null })}>
            <option value="">—</option>
            {props.members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </Field>
        <Field label={t("person.affiliation")} name="affiliation" errors={errors}>
          <input value={input.affiliation} onInput={(e) => set({ affiliation: (e.currentTarget as HTMLInputElement).value })} />
        </Field>
        <Field label={t("person.title")} name="title" errors={errors}>
          <input value={input.title} onInput={(e) => set({ title: (e.currentTarget as HTMLInputElement).value })} />
        </Field>
        <Field label={t("person.expertise")} name="expertise" errors={errors} hint={t("form.commaHint")}>
          <input value={expertise} onInput={(e) => setExpertise((e.currentTarget as HTMLInputElement).value)} />
        </Field>
        <Field label={t("member.phone")} name="phone" errors={errors}>
          <input value={input.phone} onInput={(e) => set({ phone: (e.currentTarget as HTMLInputElement).value })} />
        </Field>
        <Field label={t("member.email")} name="email" errors={errors}>
          <input value={input.email} onInput={(e) => set({ email: (e.currentTarget as HTMLInputElement).value })} />
        </Field>
        <Field label={t("person.region")} name="home_region" errors={errors}>
          <select value={input.home_region ?? ""} onChange={(e) => set({ home_region: ((e.currentTarget as HTMLSelectElement).value || null) as Region | null })}>
            <option value="">—</option>
            {["capital", "chungcheong", "daegu_gyeongbuk", "dongnam", "honam", "gangwon"].map((r) => (
              <option key={r} value={r}>{t(`region.${r}` as "region.capital")}</option>
            ))}
          </select>
        </Field>
        <label class="check">
          <input type="checkbox" checked={input.external} onChange={(e) => set({ external: (e.currentTarget as HTMLInputElement).checked })} />
          {t("person.external")}
        </label>
      </div>
      <div class="actions">
        <button type="submit" class="primary">{t("common.save")}</button>
        <button type="button" onClick={props.onCancel}>{t("common.cancel")}</button>
      </div>
    </form>
  );
}
