/**
 * Returns the candidate nearest to `input`, or undefined when none is close enough to be a likely typo.
 *
 * Case and `-`/`_` are ignored first, since `max-age` and `Max_Age` are the typical slips for `max_age`.
 */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  const wanted = fold(input);
  // Short keys such as `mx` and `id` are one edit away from many words; allow only one edit there.
  const limit = wanted.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, fold(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function fold(text: string): string {
  return text.toLowerCase().replaceAll('-', '_');
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions, and swaps of two adjacent
 * characters each cost one (a Damerau-Levenshtein variant), so `mdoe` is one edit from `mode`.
 */
export function editDistance(a: string, b: string): number {
  // rows[i][j] is the distance between the first i characters of a and the first j characters of b.
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      }
      row[j] = distance;
    }
  }
  return at(a.length, b.length);
}
