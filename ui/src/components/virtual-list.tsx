// A list that renders only the rows in view, so thousands of rows scroll smoothly.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";

export function VirtualList<T>(props: {
  items: T[];
  rowHeight: number;
  height: number;
  render: (item: T, index: number) => ComponentChildren;
  label: string;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const overscan = 8;
  const first = Math.max(0, Math.floor(scrollTop / props.rowHeight) - overscan);
  const count = Math.ceil(props.height / props.rowHeight) + overscan * 2;
  const visible = props.items.slice(first, first + count);
  return (
    <div
      class="virtual-list"
      role="list"
      aria-label={props.label}
      style={{ height: `${props.height}px`, overflowY: "auto", position: "relative" }}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
    >
      <div style={{ height: `${props.items.length * props.rowHeight}px`, position: "relative" }}>
        {visible.map((item, i) => (
          <div
            role="listitem"
            key={first + i}
            style={{ position: "absolute", top: `${(first + i) * props.rowHeight}px`, left: 0, right: 0, height: `${props.rowHeight}px` }}
          >
            {props.render(item, first + i)}
          </div>
        ))}
      </div>
    </div>
  );
}
