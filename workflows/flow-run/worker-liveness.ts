/**
 * How long an activity may go without a heartbeat before Temporal presumes its worker dead
 * and retries it elsewhere. The worker beats for every activity (worker/liveness-heartbeat.ts),
 * so this bounds the delay a crashed worker causes, whatever the step's own timeout.
 */
export const WORKER_LIVENESS_TIMEOUT_MS = 10_000;

/** The heartbeat timeout for a step allowed `startToCloseMs`; none when that is shorter anyway. */
export function livenessTimeout(startToCloseMs: number): { heartbeatTimeout?: number } {
  return startToCloseMs > WORKER_LIVENESS_TIMEOUT_MS
    ? { heartbeatTimeout: WORKER_LIVENESS_TIMEOUT_MS }
    : {};
}
