// The app frame: start-up status, the demo-cluster offer on an empty database, the
// navigation between screens, the language switch and Ctrl+K search.
import { useEffect, useState } from "preact/hooks";
import { api, toApiError } from "./api";
import { translator, type Translate } from "./i18n";
import type { ApiError } from "./bindings/ApiError";
import type { AppStatus } from "./bindings/AppStatus";
import type { ClusterSummary } from "./bindings/ClusterSummary";
import type { Language } from "./bindings/Language";
import type { Route } from "./route";
import type { Ctx } from "./context";
import { HomeScreen } from "./screens/home";
import { DirectoryScreen } from "./screens/directory";
import { ImportScreen } from "./screens/import";
import { MemberScreen } from "./screens/member";
import { ScheduleScreen } from "./screens/schedule";
import { EventScreen } from "./screens/event";
import { VisitScreen } from "./screens/visit";
import { IssuesScreen } from "./screens/issues";
import { ProjectsScreen } from "./screens/projects";
import { ProjectScreen } from "./screens/project";
import { SearchPalette } from "./screens/search";
import { SyncScreen } from "./screens/sync";
import { ConflictsScreen } from "./screens/conflicts";
import { ReportsScreen } from "./screens/reports";
import { StatusBar } from "./components/status-bar";

type Loaded = { status: AppStatus; summary: ClusterSummary | null };

const NAV: { screen: Route["screen"]; label: "nav.home" | "nav.directory" | "nav.schedule" | "nav.visit" | "nav.issues" | "nav.projects" | "nav.reports" | "nav.sync" }[] = [
  { screen: "home", label: "nav.home" },
  { screen: "directory", label: "nav.directory" },
  { screen: "schedule", label: "nav.schedule" },
  { screen: "visit", label: "nav.visit" },
  { screen: "issues", label: "nav.issues" },
  { screen: "projects", label: "nav.projects" },
  { screen: "reports", label: "nav.reports" },
  { screen: "sync", label: "nav.sync" },
];

export function App() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [route, setRoute] = useState<Route>({ screen: "home" });
  const [searching, setSearching] = useState(false);
  const language: Language = loaded?.status.language ?? "ko";
  const t = translator(language);
  const ctx: Ctx = { t, language, go: (r) => { setRoute(r); window.scrollTo(0, 0); } };

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
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setSearching(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
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

  const summary = loaded?.summary ?? null;
  return (
    <div class="app">
      <header class="topbar">
        <span class="brand">{t("app.title")}</span>
        {summary && (
          <nav class="nav" aria-label={t("app.title")}>
            {NAV.map((n) => (
              <button key={n.screen} id={`nav-${n.screen}`} aria-current={route.screen === n.screen ? "page" : undefined} onClick={() => ctx.go({ screen: n.screen } as Route)}>
                {t(n.label)}
              </button>
            ))}
            <button id="open-search" onClick={() => setSearching(true)}>{t("nav.search")}</button>
          </nav>
        )}
        <label class="language">
          {t("settings.language")}
          <select id="language-select" value={language} onChange={(e) => void switchLanguage((e.currentTarget as HTMLSelectElement).value as Language)}>
            <option value="ko">{t("language.ko")}</option>
            <option value="en">{t("language.en")}</option>
          </select>
        </label>
      </header>
      {/* Keyed on the cluster, so opening the demo reads the status again at once. */}
      {loaded && !loaded.status.open_error && <StatusBar key={loaded.summary?.cluster.id ?? "none"} ctx={ctx} />}
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
        {loaded && !loaded.status.open_error && !summary && <Welcome t={t} busy={busy} onOpenDemo={() => void openDemo()} />}
        {summary && <Screen route={route} summary={summary} ctx={ctx} />}
      </main>
      {searching && summary && <SearchPalette ctx={ctx} onClose={() => setSearching(false)} />}
    </div>
  );
}

function Screen(props: { route: Route; summary: ClusterSummary; ctx: Ctx }) {
  const { route, ctx } = props;
  switch (route.screen) {
    case "home":
      return <HomeScreen summary={props.summary} ctx={ctx} />;
    case "directory":
      return <DirectoryScreen ctx={ctx} />;
    case "import":
      return <ImportScreen ctx={ctx} />;
    case "member":
      return <MemberScreen key={route.id} id={route.id} ctx={ctx} />;
    case "schedule":
      return <ScheduleScreen ctx={ctx} />;
    case "event":
      return <EventScreen key={route.id} id={route.id} ctx={ctx} notice={route.notice} />;
    case "visit":
      return <VisitScreen ctx={ctx} />;
    case "issues":
      return <IssuesScreen ctx={ctx} focus={route.focus} />;
    case "projects":
      return <ProjectsScreen ctx={ctx} fromIssue={route.fromIssue} />;
    case "project":
      return <ProjectScreen key={route.id} id={route.id} ctx={ctx} />;
    case "sync":
      return <SyncScreen ctx={ctx} />;
    case "conflicts":
      return <ConflictsScreen ctx={ctx} />;
    case "reports":
      return <ReportsScreen key={JSON.stringify(route.request ?? null)} ctx={ctx} request={route.request} />;
  }
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
