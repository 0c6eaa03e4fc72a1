import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';

/** Runs `work` over `items` with `concurrency` lanes; returns each item's result in order. */
export async function inLanes<T, R>(
  concurrency: number,
  items: T[],
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function writeResults(name: string, figures: unknown): Promise<void> {
  const path = new URL(`../results/${name}.json`, import.meta.url);
  await writeFile(
    path,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), ...(figures as object) }, null, 2)}\n`,
  );
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc; undefined where there is
 * no /proc (the figures then leave the column out). Clock ticks are 100 a second on Linux.
 */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
