// The known name a mistyped one was most likely meant to be (`nmae` → `name`): the nearest by
// edit distance (a swap of two neighbours counts as one edit), if it is near enough to be a slip.
export function didYouMean(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // a slip, not another word: at most a third of the name, and at least one letter kept
  return best !== undefined && bestDistance > 0 && bestDistance <= Math.max(1, Math.floor(Math.max(name.length, best.length) / 3)) ? best : undefined;
}

/** "；是否应为 X？" when a near name exists, else nothing: put after a message about an unknown name. */
export function didYouMeanText(name: string, known: Iterable<string>): string {
  const near = didYouMean(name, known);
  return near === undefined ? '' : `（是否应为 ${near}？）`;
}

/** Optimal string alignment distance; long inputs are cut (a name is short). */
function editDistance(a: string, b: string): number {
  a = a.slice(0, 64);
  b = b.slice(0, 64);
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}
