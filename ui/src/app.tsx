// The app frame: loads the start-up status, offers the demo cluster on an empty database,
// and shows the cluster's home screen.
import { useEffect, useState } from "preact/hooks";
import { api, toApiError } from "./api";
import { translator, type Translate } from "./i18n";
import type { ApiError } from "./bindings/ApiError";
import type { AppStatus } from "./bindings/AppStatus";
import type { ClusterSummary } from "./bindings/ClusterSummary";
import type { Language } from "./bindings/Language";

type Loaded = { status: AppStatus; summary: ClusterSummary | null };

export function App() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const language: Language = loaded?.status.language ?? "ko";
  const t = translator(language);

  async function load() {
    try {
      const status = await api.appStatus();
      const summary = status.open_error ? null : await api.clusterSummary();
      setLoaded({ status, summary });
      setError(null);
    } catch (e) {
      setError(toApiError(e));
    }
  }

  useEffect(() => {
    void load();
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t("app.title");
  }, [language]);

  async function openDemo() {
    setBusy(true);
    try {
      const summary = await api.openDemoCluster();
      setLoaded((prev) => (prev ? { status: { ...prev.status, has_cluster: true }, summary } : prev));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  async function switchLanguage(next: Language) {
    try {
      await api.setLanguage(next);
      setLoaded((prev) => (prev ? { ...prev, status: { ...prev.status, language: next } } : prev));
    } catch (e) {
      setError(toApiError(e));
    }
  }

  return (
    <div class="app">
      <header class="topbar">
        <span class="brand">{t("app.title")}</span>
        <label class="language">
          {t("settings.language")}
          <select
            id="language-select"
            value={language}
            onChange={(e) => void switchLanguage((e.currentTarget as HTMLSelectElement).value as Language)}
          >
            <option value="ko">{t("language.ko")}</option>
            <option value="en">{t("language.en")}</option>
          </select>
        </label>
      </header>
      <main class="content">
        {error && <ErrorBanner error={error} t={t} onRetry={() => void load()} />}
        {!loaded && !error && <p>{t("app.loading")}</p>}
        {loaded?.status.open_error && (
          <section class="card error" role="alert">
            <h1>{t("app.openError")}</h1>
            <p>{loaded.status.open_error.message}</p>
            <p class="muted">{t("app.databasePath", { path: loaded.status.database_path })}</p>
          </section>
        )}
        {loaded && !loaded.status.open_error && !loaded.summary && (
          <Welcome t={t} busy={busy} onOpenDemo={() => void openDemo()} />
        )}
        {loaded?.summary && <ClusterHeader summary={loaded.summary} t={t} />}
      </main>
    </div>
  );
}

function ErrorBanner(props: { error: ApiError; t: Translate; onRetry: () => void }) {
  return (
    <div class="banner error" role="alert">
      <span>{props.error.message}</span>
      <button onClick={props.onRetry}>{props.t("error.retry")}</button>
    </div>
  );
}

function Welcome(props: { t: Translate; busy: boolean; onOpenDemo: () => void }) {
  const { t } = props;
  return (
    <section class="card welcome">
      <h1>{t("welcome.title")}</h1>
      <p>{t("welcome.body")}</p>
      <button id="open-demo" class="primary" disabled={props.busy} onClick={props.onOpenDemo}>
        {props.busy ? t("welcome.opening") : t("welcome.openDemo")}
      </button>
    </section>
  );
}

function ClusterHeader(props: { summary: ClusterSummary; t: Translate }) {
  const { summary, t } = props;
  const c = summary.cluster;
  return (
    <section class="card cluster-header">
      <h1 id="cluster-name">{c.name}</h1>
      <p class="muted">
        {t("home.complex", { complex: c.complex_name, theme: c.industry_theme })} · {t(`region.${c.region}`)}
      </p>
      <ul class="stats">
        <li id="member-count">{t("home.members", { count: summary.member_count })}</li>
        <li>{t("home.companies", { count: summary.company_count })}</li>
        <li>{t("home.people", { count: summary.people_count })}</li>
        <li>{t("home.groups", { count: summary.small_group_count })}</li>
      </ul>
    </section>
  );
}
