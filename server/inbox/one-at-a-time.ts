const running = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after any earlier work under the same key has settled, in this process. Keeps a
 * double click from racing the first click's unfinished steps.
 */
export function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const earlier = running.get(key) ?? Promise.resolve();
  const result = earlier.then(work, work);
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  running.set(key, settled);
  void settled.then(() => {
    if (running.get(key) === settled) running.delete(key);
  });
  return result;
}
