/**
 * Runs `round` now and then every `intervalSeconds`, never two at once (a slow round makes the
 * next tick skip, not pile up). A failed round goes to `failed` and is tried again at the next
 * interval. The timer does not keep the process alive. Answers a function that stops it.
 */
export function everyInterval(
  intervalSeconds: number,
  round: () => Promise<void>,
  failed: (error: unknown) => void,
): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await round();
    } catch (error) {
      failed(error);
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(run, intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
