// Directory: members and people, filtered and virtualised; create members and people.
import { useEffect, useMemo, useState } from "preact/hooks";
import { api, toApiError } from "../api";
import type { Member } from "../bindings/Member";
import type { Person } from "../bindings/Person";
import type { SmallGroup } from "../bindings/SmallGroup";
import type { ApiError } from "../bindings/ApiError";
import type { DirectoryExport } from "../bindings/DirectoryExport";
import type { MemberKind } from "../bindings/MemberKind";
import type { Ctx } from "../context";
import { VirtualList } from "../components/virtual-list";
import { key, memberKinds, personRoles } from "../labels";
import { MemberForm, emptyMember } from "./member";
import { PersonForm } from "./person-form";
import { forgetImport, lastImport, type LastImport } from "../last-import";

function matches(text: string, filter: string): boolean {
  return text.toLowerCase().includes(filter.trim().toLowerCase());
}

export function DirectoryScreen(props: { ctx: Ctx }) {
  const { ctx } = props;
  const { t } = ctx;
  const [tab, setTab] = useState<"members" | "people">("members");
  const [members, setMembers] = useState<Member[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [groups, setGroups] = useState<SmallGroup[]>([]);
  const [filter, setFilter] = useState("");
  const [kind, setKind] = useState("");
  const [group, setGroup] = useState("");
  const [region, setRegion] = useState("");
  const [creating, setCreating] = useState(false);
  const [editingPerson, setEditingPerson] = useState<Person | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [exportFormat, setExportFormat] = useState<DirectoryExport>("xlsx");
  const [notice, setNotice] = useState("");
  const [imported, setImported] = useState<LastImport | null>(lastImport());

  async function undoImport() {
    if (!imported) return;
    try {
      const undone = await api.undoImport(imported.actionId);
      forgetImport();
      setImported(null);
      setNotice(t("import.undone", { members: undone.deleted_members, people: undone.deleted_people, restored: undone.restored }));
      load();
    } catch (e) {
      setError(toApiError(e));
    }
  }

  async function exportList() {
    try {
      const filter = tab === "members" ? { kind: (kind || null) as MemberKind | null, small_group_id: group || null } : { kind: null, small_group_id: null };
      const file = await api.exportDirectory(exportFormat, filter);
      setNotice(t("directory.exported", { path: file.path }));
    } catch (e) {
      setError(toApiError(e));
    }
  }

  const load = () => {
    Promise.all([api.listMembers(), api.listPeople(), api.smallGroups()]).then(([m, p, g]) => {
      setMembers(m);
      setPeople(p);
      setGroups(g);
    }, (e) => setError(toApiError(e)));
  };
  useEffect(load, []);

  const shownMembers = useMemo(() => {
    const inGroup = group ? new Set(groups.find((g) => g.id === group)?.member_ids ?? []) : null;
    return members.filter(
      (m) =>
        (!kind || m.kind === kind) &&
        (!inGroup || inGroup.has(m.id)) &&
        (!filter ||
          matches([m.name, m.registration_number, m.industry, ...m.products, ...m.technologies].join(" "), filter)),
    );
  }, [members, filter, kind, group, groups]);
  const shownPeople = useMemo(
    () =>
      people.filter(
        (p) =>
          (!kind || p.role === kind) &&
          (!region || p.home_region === region) &&
          (!filter || matches([p.name, p.affiliation, p.title, ...p.expertise].join(" "), filter)),
      ),
    [people, filter, kind, region],
  );

  return (
    <div class="screen directory">
      <div class="toolbar">
        <div role="tablist">
          <button role="tab" aria-selected={tab === "members"} onClick={() => { setTab("members"); setKind(""); }}>
            {t("directory.members")}
          </button>
          <button role="tab" aria-selected={tab === "people"} onClick={() => { setTab("people"); setKind(""); }}>
            {t("directory.people")}
          </button>
        </div>
        <input
          id="directory-filter"
          type="search"
          placeholder={t("common.filter")}
          aria-label={t("common.filter")}
          value={filter}
          onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)}
        />
        <select aria-label={t("directory.kind")} value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t("common.all")}</option>
          {(tab === "members" ? memberKinds : personRoles).map((k) => (
            <option key={k} value={k}>
              {t(tab === "members" ? key.memberKind(k) : key.personRole(k))}
            </option>
          ))}
        </select>
        {tab === "members" ? (
          <select aria-label={t("directory.group")} value={group} onChange={(e) => setGroup((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t("directory.group")}: {t("common.all")}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        ) : (
          <select aria-label={t("person.region")} value={region} onChange={(e) => setRegion((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t("person.region")}: {t("common.all")}</option>
            {["capital", "chungcheong", "daegu_gyeongbuk", "dongnam", "honam", "gangwon"].map((r) => (
              <option key={r} value={r}>
                {t(`region.${r}` as "region.capital")}
              </option>
            ))}
          </select>
        )}
        <button id="open-import" onClick={() => ctx.go({ screen: "import" })}>
          {t("directory.import")}
        </button>
        <select id="export-format" aria-label={t("directory.exportFormat")} value={exportFormat} onChange={(e) => setExportFormat((e.currentTarget as HTMLSelectElement).value as DirectoryExport)}>
          {(["xlsx", "members_csv", "people_csv"] as const).map((f) => (
            <option key={f} value={f}>
              {t(`directory.export.${f}`)}
            </option>
          ))}
        </select>
        <button id="export-directory" onClick={() => void exportList()}>
          {t("directory.export")}
        </button>
        <button class="primary" id="new-record" onClick={() => setCreating(true)}>
          {tab === "members" ? t("directory.newMember") : t("directory.newPerson")}
        </button>
      </div>
      {error && <div class="banner error">{error.message}</div>}
      {imported && (
        <div class="banner" id="last-import" role="status">
          <span>{t("directory.lastImport", { file: imported.fileName, new: imported.counts.new, updated: imported.counts.updated })}</span>
          <button id="undo-last-import" onClick={() => void undoImport()}>
            {t("import.undo")}
          </button>
        </div>
      )}
      {notice && (
        <div class="banner" id="directory-notice" role="status">
          {notice}
        </div>
      )}
      {creating && tab === "members" && (
        <section class="card">
          <MemberForm
            ctx={ctx}
            initial={emptyMember()}
            onCancel={() => setCreating(false)}
            onSave={(input) => api.createMember(input)}
            onSaved={(m) => {
              setCreating(false);
              ctx.go({ screen: "member", id: m.id });
            }}
          />
        </section>
      )}
      {creating && tab === "people" && (
        <section class="card">
          <PersonForm
            ctx={ctx}
            members={members}
            onCancel={() => setCreating(false)}
            onSaved={() => {
              setCreating(false);
              load();
            }}
          />
        </section>
      )}
      {editingPerson && (
        <section class="card">
          <PersonForm
            key={editingPerson.id}
            ctx={ctx}
            members={members}
            existing={editingPerson}
            onCancel={() => setEditingPerson(null)}
            onSaved={() => {
              setEditingPerson(null);
              load();
            }}
          />
        </section>
      )}
      <p class="muted">{t("directory.count", { count: tab === "members" ? shownMembers.length : shownPeople.length })}</p>
      {tab === "members" ? (
        <VirtualList
          label={t("directory.members")}
          items={shownMembers}
          rowHeight={52}
          height={480}
          render={(m) => (
            <button class="row member-row" onClick={() => ctx.go({ screen: "member", id: m.id })}>
              <strong>{m.name}</strong>
              <span class="tag">{t(key.memberKind(m.kind))}</span>
              <span class="muted">{m.registration_number}</span>
              <span class="muted ellipsis">{[...m.products, ...m.technologies].join(", ")}</span>
            </button>
          )}
        />
      ) : (
        <VirtualList
          label={t("directory.people")}
          items={shownPeople}
          rowHeight={52}
          height={480}
          render={(p) => (
            <button class="row person-row" onClick={() => setEditingPerson(p)}>
              <strong>{p.name}</strong>
              <span class="tag">{t(key.personRole(p.role))}</span>
              <span class="muted">
                {p.affiliation} {p.title}
              </span>
              <span class="muted ellipsis">{p.expertise.join(", ")}</span>
            </button>
          )}
        />
      )}
    </div>
  );
}
