// Which lines of a long text an edit added and removed, so that a history row shows the
// change itself rather than the start of the whole text, and a conflict's two versions
// can be shown side by side.

export interface LineChange {
  kind: "added" | "removed";
  line: string;
}

/** One line of `before` and `after` aligned: in both, or only in one of them. */
export interface AlignedLine {
  kind: "same" | "added" | "removed";
  line: string;
}

function lines(text: string): string[] {
  return text === "" ? [] : text.split("\n");
}

/** Every line of `before` and `after` in order: the ones they share once, the others
 *  marked removed (only in `before`) or added (only in `after`). */
export function lineAlignment(before: string, after: string): AlignedLine[] {
  const a = lines(before);
  const b = lines(after);
  // Common head and tail first: an edit usually touches a few lines of a long text.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const same = (line: string): AlignedLine => ({ kind: "same", line });
  const out: AlignedLine[] = a.slice(0, head).map(same);
  // Past this size an edit rewrote the text; listing it whole is as useful and far cheaper.
  if (x.length * y.length > 250_000) {
    out.push(...x.map((line) => ({ kind: "removed" as const, line })), ...y.map((line) => ({ kind: "added" as const, line })));
  } else {
    const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
    for (let i = x.length - 1; i >= 0; i--) {
      for (let j = y.length - 1; j >= 0; j--) {
        lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i] === y[j]) {
        out.push(same(x[i]));
        i++;
        j++;
      } else if (i < x.length && (j === y.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
        // Removed lines come before the lines that replace them, as a reader expects.
        out.push({ kind: "removed", line: x[i++] });
      } else {
        out.push({ kind: "added", line: y[j++] });
      }
    }
  }
  out.push(...a.slice(a.length - tail).map(same));
  return out;
}

/** The lines removed from `before` and added in `after` (longest common subsequence). */
export function lineDiff(before: string, after: string): LineChange[] {
  return lineAlignment(before, after).flatMap((l) => (l.kind === "same" ? [] : [{ kind: l.kind, line: l.line }]));
}
