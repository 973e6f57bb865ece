/** The step durations each e2e file prints at its end (`e2e ... duration: TOTAL (step 1.2 s, ...)`). */
export type Durations = Record<string, number>;

/** Run one step and record how long it took under `label`, also when it fails. */
export async function timeInto<T>(durations: Durations, label: string, step: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    return await step();
  } finally {
    durations[label] = Date.now() - t0;
  }
}

/** `label 1.2 s, label 0.4 s`, in the order the steps were recorded. */
export function durationParts(durations: Durations): string {
  return Object.entries(durations)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
    .join(', ');
}
