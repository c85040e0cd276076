// Search everywhere (Ctrl+K): one search over all records, grouped by type with
// highlighted snippets; ↑ ↓ choose, Enter opens, Escape closes.
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api";
import type { SearchHit } from "../bindings/SearchHit";
import type { Ctx } from "../context";
import type { Route } from "../route";
import { key } from "../labels";

const ORDER = ["member", "person", "event", "issue", "project", "action_item"];

export function routeOf(hit: SearchHit): Route {
  switch (hit.kind) {
    case "member":
      return { screen: "member", id: hit.record_id };
    case "person":
      return hit.parent_id ? { screen: "member", id: hit.parent_id } : { screen: "directory" };
    case "event":
      return { screen: "event", id: hit.record_id };
    case "action_item":
      return hit.parent_id ? { screen: "event", id: hit.parent_id } : { screen: "home" };
    case "issue":
      return { screen: "issues", focus: hit.record_id };
    case "project":
      return { screen: "project", id: hit.record_id };
  }
}

/** Hits grouped by kind in a fixed order, keeping the ranking inside each group. */
export function groupHits(hits: SearchHit[]): SearchHit[] {
  return [...hits].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}

export function SearchPalette(props: { ctx: Ctx; onClose: () => void }) {
  const { ctx } = props;
  const { t } = ctx;
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    if (!query.trim()) {
      setHits([]);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      api.search(query).then((h) => {
        if (current) {
          setHits(groupHits(h));
          setActive(0);
        }
      }, () => current && setHits([]));
    }, 120);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [query]);
  const open = (hit: SearchHit) => {
    props.onClose();
    ctx.go(routeOf(hit));
  };
  return (
    <div class="overlay" onClick={props.onClose}>
      <div class="palette" role="dialog" aria-modal="true" aria-label={t("search.title")} onClick={(e) => e.stopPropagation()}>
        <input
          ref={input}
          id="search-input"
          type="search"
          placeholder={t("search.placeholder")}
          aria-label={t("search.title")}
          value={query}
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") { setActive(Math.min(active + 1, hits.length - 1)); e.preventDefault(); }
            if (e.key === "ArrowUp") { setActive(Math.max(active - 1, 0)); e.preventDefault(); }
            if (e.key === "Enter" && hits[active]) { open(hits[active]); e.preventDefault(); }
            if (e.key === "Escape") props.onClose();
          }}
        />
        <ul class="results" id="search-results" role="listbox">
          {query.trim() && hits.length === 0 && <li class="muted">{t("search.noResults")}</li>}
          {hits.map((h, i) => (
            <li key={h.record_id} role="option" aria-selected={i === active} class={i === active ? "active" : ""} data-kind={h.kind} onMouseDown={() => open(h)}>
              {(i === 0 || hits[i - 1].kind !== h.kind) && <div class="group">{t(key.recordKind(h.kind))}</div>}
              <strong class="hit-title">{h.title}</strong>
              <div class="snippet">
                {h.snippet.map((part, j) => (part.hit ? <mark key={j}>{part.text}</mark> : <span key={j}>{part.text}</span>))}
              </div>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
