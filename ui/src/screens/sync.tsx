// Head-office sync settings: sign in once (address, login, password), see who is signed
// in, sign out, and the changes head office refused.
import { useEffect, useState } from "preact/hooks";
import { listen } from "@tauri-apps/api/event";
import { api, toApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { SyncStatus } from "../bindings/SyncStatus";
import type { RefusedChange } from "../bindings/RefusedChange";
import type { Ctx } from "../context";
import { Field, FormError, fieldErrors } from "../components/form";
import { fieldLabel } from "../components/history";
import { statusLine } from "../sync-status";

export function SyncScreen(props: { ctx: Ctx }) {
  const { ctx } = props;
  const { t } = ctx;
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [refused, setRefused] = useState<RefusedChange[]>([]);
  const [form, setForm] = useState({ server_url: "", login: "", password: "", cluster_id: "" });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  async function load() {
    try {
      const next = await api.syncStatus();
      setStatus(next);
      setForm((f) => ({ ...f, server_url: f.server_url || next.sync.server_url || "" }));
      setRefused(await api.refusedChanges());
    } catch (e) {
      setError(toApiError(e));
    }
  }

  useEffect(() => {
    void load();
    // Keep the summary current while a sync runs in the background.
    const refresh = () => void api.syncStatus().then(setStatus, () => undefined);
    const timer = window.setInterval(refresh, 5000);
    let unlisten: (() => void) | null = null;
    listen("sync-changed", () => {
      refresh();
      void api.refusedChanges().then(setRefused, () => undefined);
    }).then(
      (stop) => (unlisten = stop),
      () => undefined,
    );
    return () => {
      window.clearInterval(timer);
      unlisten?.();
    };
  }, []);

  async function signIn(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setStatus(await api.signIn(form));
      setForm((f) => ({ ...f, password: "" }));
      setNotice(null);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  async function signOut() {
    try {
      setStatus(await api.signOut());
      setNotice(t("sync.signedOut"));
    } catch (err) {
      setError(toApiError(err));
    }
  }

  const errors = fieldErrors(error);
  const s = status?.sync;
  return (
    <section class="card" id="sync-screen">
      <h1>{t("sync.title")}</h1>
      <p class="muted">{t("sync.intro")}</p>
      {notice && <div class="banner ok">{notice}</div>}
      {status && (
        <p id="sync-summary">{statusLine(status, t, ctx.language).parts.join(" · ")}</p>
      )}
      {status?.signed_in ? (
        <div id="signed-in">
          <p>
            <strong>{t("sync.signedInAs", { account: s?.account_name ?? "", cluster: s?.cluster_name ?? "" })}</strong>
          </p>
          <p class="muted">{t("sync.server", { url: s?.server_url ?? "" })}</p>
          <div class="actions">
            <button class="primary" id="sync-now-settings" onClick={() => void api.syncNow().then(setStatus, (e) => setError(toApiError(e)))}>
              {t("sync.now")}
            </button>
            <button id="sign-out" onClick={() => void signOut()}>{t("sync.signOut")}</button>
          </div>
        </div>
      ) : (
        <form id="sign-in-form" onSubmit={(e) => void signIn(e)}>
          <FormError error={error} t={t} />
          <Field label={t("sync.serverUrl")} name="server_url" errors={errors} hint={t("sync.serverUrlHint")}>
            <input id="sync-server-url" type="url" value={form.server_url} onInput={(e) => setForm({ ...form, server_url: e.currentTarget.value })} />
          </Field>
          <Field label={t("sync.login")} name="login" errors={errors}>
            <input id="sync-login" autocomplete="username" value={form.login} onInput={(e) => setForm({ ...form, login: e.currentTarget.value })} />
          </Field>
          <Field label={t("sync.password")} name="password" errors={errors}>
            <input id="sync-password" type="password" autocomplete="current-password" value={form.password} onInput={(e) => setForm({ ...form, password: e.currentTarget.value })} />
          </Field>
          <Field label={t("sync.clusterId")} name="cluster_id" errors={errors}>
            <input id="sync-cluster-id" value={form.cluster_id} onInput={(e) => setForm({ ...form, cluster_id: e.currentTarget.value })} />
          </Field>
          <button class="primary" id="sign-in" type="submit" disabled={busy}>
            {busy ? t("sync.signingIn") : t("sync.signIn")}
          </button>
        </form>
      )}
      {status?.signed_in && error && <FormError error={error} t={t} />}
      {s && s.unapplied_changes > 0 && <p class="muted">{t("sync.unapplied", { count: s.unapplied_changes })}</p>}
      {refused.length > 0 && (
        <>
          <h2>{t("sync.refusedTitle")}</h2>
          <p class="muted">{t("sync.refusedHint")}</p>
          <ul id="refused-changes">
            {refused.map((r) => (
              <li key={r.seq}>
                {fieldLabel(r.field, t)} ({r.table_name}) — {ctx.language === "ko" ? r.message_ko : r.message_en}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
