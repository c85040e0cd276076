// Create, edit or reschedule an event; invite members or a whole small group; warn on clashes.
import { useEffect, useState } from "preact/hooks";
import { api, toApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { Event } from "../bindings/Event";
import type { EventDetail } from "../bindings/EventDetail";
import type { EventInput } from "../bindings/EventInput";
import type { EventKind } from "../bindings/EventKind";
import type { Member } from "../bindings/Member";
import type { SmallGroup } from "../bindings/SmallGroup";
import type { Person } from "../bindings/Person";
import type { Ctx } from "../context";
import { Field, FormError, endAfterStart, fieldErrors, mergeErrors } from "../components/form";
import { MemberMultiPicker, MemberPicker } from "../components/member-picker";
import { seoulDateTime, splitSeoul, todaySeoul } from "../dates";
import { eventKinds, key } from "../labels";
import { longDate } from "../format";

export function EventForm(props: { ctx: Ctx; existing?: Event; onCancel: () => void; onSaved: (detail: EventDetail) => void }) {
  const { t } = props.ctx;
  const e0 = props.existing;
  const [kind, setKind] = useState<EventKind>(e0?.kind ?? "seminar");
  const [title, setTitle] = useState(e0?.title ?? "");
  const [date, setDate] = useState(e0 ? splitSeoul(e0.starts_at).date : todaySeoul());
  const [start, setStart] = useState(e0 ? splitSeoul(e0.starts_at).time : "14:00");
  const [end, setEnd] = useState(e0 ? splitSeoul(e0.ends_at).time : "16:00");
  const [place, setPlace] = useState(e0?.place ?? "");
  const [agenda, setAgenda] = useState(e0?.agenda ?? "");
  const [groupId, setGroupId] = useState<string | null>(e0?.group_id ?? null);
  const [visited, setVisited] = useState<string | null>(e0?.visited_member_id ?? null);
  const [invitees, setInvitees] = useState<string[]>([]);
  const [invitedGroups, setInvitedGroups] = useState<string[]>([]);
  const [invitedPeople, setInvitedPeople] = useState<string[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [members, setMembers] = useState<Member[]>([]);
  const [groups, setGroups] = useState<SmallGroup[]>([]);
  const [clashes, setClashes] = useState<Event[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  // The core checks the times again on saving; the form says it as soon as both are chosen.
  const errors = mergeErrors(fieldErrors(error), endAfterStart(start, end, t));

  useEffect(() => {
    api.listMembers().then(setMembers, () => setMembers([]));
    api.smallGroups().then(setGroups, () => setGroups([]));
    api.listPeople().then((p) => setPeople(p.filter((x) => x.role !== "staff")), () => setPeople([]));
  }, []);
  const startsAt = seoulDateTime(date, start);
  const endsAt = seoulDateTime(date, end);
  useEffect(() => {
    if (date && start && end) api.eventClashes(startsAt, endsAt, e0?.id ?? null).then(setClashes, () => setClashes([]));
  }, [date, start, end]);

  async function save(ev: globalThis.Event) {
    ev.preventDefault();
    const input: EventInput = {
      kind, title, starts_at: startsAt, ends_at: endsAt, place, agenda,
      group_id: kind === "group_meeting" ? groupId : null,
      visited_member_id: kind === "plant_visit" ? visited : null,
    };
    try {
      // Everyone chosen here is invited in the same action that creates the event.
      const invite = [
        ...invitees.map((id) => ({ type: "member" as const, id })),
        ...invitedPeople.map((id) => ({ type: "person" as const, id })),
      ];
      const detail = e0 ? await api.updateEvent(e0.id, input) : await api.createEvent(input, invite, invitedGroups);
      props.onSaved(detail);
    } catch (err) {
      setError(toApiError(err));
    }
  }

  return (
    <form class="form event-form" onSubmit={save}>
      <FormError error={error} t={t} />
      {clashes.length > 0 && (
        <div class="banner warn" role="status" id="clash-warning">
          {t("event.clash", { titles: clashes.map((c) => c.title).join(", ") })}
        </div>
      )}
      <div class="form-grid">
        <Field label={t("event.kind")} name="kind" errors={errors}>
          <select name="kind" value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as EventKind)}>
            {eventKinds.map((k) => <option key={k} value={k}>{t(key.eventKind(k))}</option>)}
          </select>
        </Field>
        <Field label={t("event.title")} name="title" errors={errors}>
          <input name="title" value={title} onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />
        </Field>
        <Field label={t("common.date")} name="starts_at" errors={errors} hint={date ? longDate(date, props.ctx.language) : undefined}>
          <input name="date" type="date" value={date} onInput={(e) => setDate((e.currentTarget as HTMLInputElement).value)} />
        </Field>
        <Field label={t("event.starts")} name="starts_time" errors={errors}>
          <input name="start" type="time" value={start} onInput={(e) => setStart((e.currentTarget as HTMLInputElement).value)} />
        </Field>
        <Field label={t("event.ends")} name="ends_at" errors={errors}>
          <input name="end" type="time" value={end} onInput={(e) => setEnd((e.currentTarget as HTMLInputElement).value)} />
        </Field>
        <Field label={t("event.place")} name="place" errors={errors}>
          <input name="place" value={place} onInput={(e) => setPlace((e.currentTarget as HTMLInputElement).value)} />
        </Field>
        {kind === "group_meeting" && (
          <Field label={t("event.group")} name="group_id" errors={errors}>
            <select value={groupId ?? ""} onChange={(e) => setGroupId((e.currentTarget as HTMLSelectElement).value || null)}>
              <option value="">—</option>
              {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
            </select>
          </Field>
        )}
        {kind === "plant_visit" && (
          <Field label={t("event.visited")} name="visited_member_id" errors={errors}>
            <MemberPicker label={t("event.visited")} members={members} value={visited} onChange={setVisited} />
          </Field>
        )}
      </div>
      <Field label={t("event.agenda")} name="agenda" errors={errors}>
        <textarea name="agenda" rows={3} value={agenda} onInput={(e) => setAgenda((e.currentTarget as HTMLTextAreaElement).value)} />
      </Field>
      {!e0 && (
        <>
          <Field label={t("event.invitees")} name="invitees" errors={errors}>
            <MemberMultiPicker label={t("event.invite")} members={members} value={invitees} onChange={setInvitees} />
          </Field>
          {groups.length > 0 && (
            <fieldset class="choice-list" id="invite-groups">
              <legend>{t("event.inviteGroups")}</legend>
              {groups.map((g) => (
                <label key={g.id} class="check">
                  <input
                    type="checkbox"
                    value={g.id}
                    checked={invitedGroups.includes(g.id)}
                    onChange={(ev) => {
                      const on = (ev.currentTarget as HTMLInputElement).checked;
                      setInvitedGroups(on ? [...invitedGroups, g.id] : invitedGroups.filter((x) => x !== g.id));
                    }}
                  />
                  {g.name}
                </label>
              ))}
            </fieldset>
          )}
          <Field label={t("event.invitePeople")} name="invite_people" errors={errors}>
            <select
              id="invite-person"
              value=""
              onChange={(ev) => {
                const id = (ev.currentTarget as HTMLSelectElement).value;
                if (id && !invitedPeople.includes(id)) setInvitedPeople([...invitedPeople, id]);
              }}
            >
              <option value="">{t("event.invitePerson")}</option>
              {people.filter((p) => !invitedPeople.includes(p.id)).map((p) => (
                <option key={p.id} value={p.id}>{p.name} · {p.affiliation}</option>
              ))}
            </select>
          </Field>
          {invitedPeople.length > 0 && (
            <ul class="chips" id="invited-people">
              {invitedPeople.map((id) => {
                const p = people.find((x) => x.id === id);
                return (
                  <li key={id} class="chip">
                    {p ? `${p.name} · ${p.affiliation}` : id}{" "}
                    <button type="button" class="link" aria-label={t("common.remove")} onClick={() => setInvitedPeople(invitedPeople.filter((x) => x !== id))}>×</button>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
      <div class="actions">
        <button type="submit" class="primary" id="save-event">{t("common.save")}</button>
        <button type="button" onClick={props.onCancel}>{t("common.cancel")}</button>
      </div>
    </form>
  );
}
