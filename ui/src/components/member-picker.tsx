// Type-ahead pickers: type part of a name (Korean inside words too) and pick.
import { useEffect, useMemo, useState } from "preact/hooks";
import type { Member } from "../bindings/Member";

export function MemberPicker(props: {
  members: Member[];
  value: string | null;
  onChange: (id: string | null) => void;
  label: string;
  id?: string;
}) {
  const chosen = props.members.find((m) => m.id === props.value) ?? null;
  const [text, setText] = useState(chosen?.name ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // The members arrive after the form opens: show the chosen one's name once known.
  useEffect(() => {
    if (chosen) setText(chosen.name);
  }, [props.value, chosen?.name]);
  const options = useMemo(() => {
    const q = text.trim().toLowerCase();
    if (!q) return props.members.slice(0, 8);
    return props.members.filter((m) => m.name.toLowerCase().includes(q) || m.registration_number.includes(q)).slice(0, 8);
  }, [text, props.members]);
  function pick(m: Member) {
    props.onChange(m.id);
    setText(m.name);
    setOpen(false);
  }
  return (
    <div class="picker">
      <input
        id={props.id}
        role="combobox"
        aria-label={props.label}
        aria-expanded={open}
        autocomplete="off"
        value={text}
        onInput={(e) => {
          setText((e.currentTarget as HTMLInputElement).value);
          setOpen(true);
          setActive(0);
          props.onChange(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") { setActive(Math.min(active + 1, options.length - 1)); e.preventDefault(); }
          if (e.key === "ArrowUp") { setActive(Math.max(active - 1, 0)); e.preventDefault(); }
          if (e.key === "Enter" && open && options[active]) { pick(options[active]); e.preventDefault(); }
          if (e.key === "Escape") setOpen(false);
        }}
      />
      {open && options.length > 0 && (
        <ul class="picker-options" role="listbox">
          {options.map((m, i) => (
            <li
              key={m.id}
              role="option"
              aria-selected={i === active}
              class={i === active ? "active" : ""}
              onMouseDown={(e) => { e.preventDefault(); pick(m); }}
            >
              {m.name} <span class="muted">{m.registration_number}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Several members, as removable chips plus a picker. */
export function MemberMultiPicker(props: { members: Member[]; value: string[]; onChange: (ids: string[]) => void; label: string }) {
  const [key, setKey] = useState(0);
  const byId = new Map(props.members.map((m) => [m.id, m]));
  return (
    <div class="multi-picker">
      <div class="chips">
        {props.value.map((id) => (
          <span class="chip" key={id}>
            {byId.get(id)?.name ?? id}
            <button type="button" aria-label="×" onClick={() => props.onChange(props.value.filter((v) => v !== id))}>×</button>
          </span>
        ))}
      </div>
      <MemberPicker
        key={key}
        label={props.label}
        members={props.members.filter((m) => !props.value.includes(m.id))}
        value={null}
        onChange={(id) => {
          if (id) {
            props.onChange([...props.value, id]);
            setKey(key + 1);
          }
        }}
      />
    </div>
  );
}
